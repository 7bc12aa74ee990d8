//! Property: whatever one response of a (scope, type) turns into (any field null, missing,
//! empty or of the wrong JSON type; `value` null, absent or not a list; ids without their
//! slash or in another case; a next link null, empty, back to a page, elsewhere or never
//! ending; a 200 whose body is HTML, truncated or falsely gzipped), the scan completes, that
//! (scope, type) is either complete or in coverage with a reason, and nothing else is lost.
//! 64 cases by default; `AZAUDIT_FUZZ_CASES=2000` for a longer search.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use azaudit_core::{CoverageStatus, Snapshot};
use azaudit_fake_azure::{Behavior, Fault, Mutation, Options};
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};
use serde_json::{Value, json};

/// Lists of one scope the mutation hits: (path the fault matches, type, scope is the tenant).
const TARGETS: &[(&str, &str, bool)] = &[
    (
        "/providers/microsoft.insights/logprofiles?",
        "Microsoft.Insights/logProfiles",
        false,
    ),
    (
        "/providers/microsoft.insights/diagnosticsettings?",
        "Microsoft.Insights/diagnosticSettings",
        false,
    ),
    (
        "/providers/microsoft.network/networksecuritygroups?",
        "Microsoft.Network/networkSecurityGroups",
        false,
    ),
    (
        "/providers/microsoft.insights/activitylogalerts?",
        "Microsoft.Insights/activityLogAlerts",
        false,
    ),
    (
        "/providers/microsoft.authorization/policyassignments?",
        "Microsoft.Authorization/policyAssignments",
        false,
    ),
    (
        "/providers/microsoft.documentdb/databaseaccounts?",
        "Microsoft.DocumentDB/databaseAccounts",
        false,
    ),
    (
        "/providers/microsoft.network/bastionhosts?",
        "Microsoft.Network/bastionHosts",
        false,
    ),
    ("/v1.0/users?", "Microsoft.Graph/users", true),
];
const CHECKS: &str = "monitor.activity_log_exported,monitor.alert_nsg_write,network.rdp_internet_denied,defender.policy_system_updates,iam.no_guest_users,cosmosdb.firewall_selected_networks,compute.bastion_host_exists";

#[derive(Debug, Clone)]
enum Json {
    Null,
    Missing,
    Empty,
    Number,
    Bool,
    Array,
    Object,
}

#[derive(Debug, Clone)]
enum Link {
    Null,
    Empty,
    Number,
    SamePage,
    Elsewhere,
    Endless,
}

#[derive(Debug, Clone)]
enum Change {
    /// One field of one item (or of every item, `None`).
    Field(&'static str, Json, Option<usize>),
    Value(Json),
    IdWithoutSlash,
    IdUpperCase,
    NextLink(Link),
    Html,
    Truncated(usize),
    GzipClaimed,
}

fn json_value() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just(Json::Null),
        Just(Json::Missing),
        Just(Json::Empty),
        Just(Json::Number),
        Just(Json::Bool),
        Just(Json::Array),
        Just(Json::Object),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    let field = prop::sample::select(vec!["id", "type", "name", "location", "properties", "tags"]);
    prop_oneof![
        4 => (field, json_value(), prop::option::of(0usize..4)).prop_map(|(f, j, i)| Change::Field(f, j, i)),
        1 => json_value().prop_map(Change::Value),
        1 => Just(Change::IdWithoutSlash),
        1 => Just(Change::IdUpperCase),
        2 => prop_oneof![
            Just(Link::Null),
            Just(Link::Empty),
            Just(Link::Number),
            Just(Link::SamePage),
            Just(Link::Elsewhere),
            Just(Link::Endless),
        ]
        .prop_map(Change::NextLink),
        1 => Just(Change::Html),
        1 => (1usize..60).prop_map(Change::Truncated),
        1 => Just(Change::GzipClaimed),
    ]
}

fn set(target: &mut Value, key: &str, j: &Json) {
    let Some(obj) = target.as_object_mut() else {
        return;
    };
    let v = match j {
        Json::Missing => {
            obj.remove(key);
            return;
        }
        Json::Null => Value::Null,
        Json::Empty => json!(""),
        Json::Number => json!(42),
        Json::Bool => json!(true),
        Json::Array => json!([1, "x"]),
        Json::Object => json!({"unexpected": 1}),
    };
    obj.insert(key.into(), v);
}

/// The fault a change makes; `first` is the first page's URL (for links back to it),
/// `elsewhere` another origin.
fn behavior(c: &Change, first: Arc<Mutex<String>>, elsewhere: String) -> Behavior {
    let mutate =
        |f: Box<dyn Fn(&mut Value) + Send + Sync>| Behavior::Mutate(Mutation(Arc::from(f)));
    let each_id = |f: fn(&str) -> String| {
        mutate(Box::new(move |v: &mut Value| {
            for item in v["value"].as_array_mut().into_iter().flatten() {
                if let Some(id) = item["id"].as_str() {
                    item["id"] = json!(f(id));
                }
            }
        }))
    };
    match c.clone() {
        Change::Field(key, j, which) => mutate(Box::new(move |v: &mut Value| {
            let items = v["value"].as_array_mut().into_iter().flatten();
            for (i, item) in items.enumerate() {
                if which.is_none_or(|w| w == i) {
                    set(item, key, &j);
                }
            }
        })),
        Change::Value(j) => mutate(Box::new(move |v: &mut Value| set(v, "value", &j))),
        Change::IdWithoutSlash => each_id(|id| id.trim_start_matches('/').to_string()),
        Change::IdUpperCase => each_id(|id| id.to_ascii_uppercase()),
        Change::NextLink(link) => {
            let n = Arc::new(AtomicUsize::new(0));
            mutate(Box::new(move |v: &mut Value| {
                let key = if v.get("@odata.context").is_some() {
                    "@odata.nextLink"
                } else {
                    "nextLink"
                };
                v[key] = match link {
                    Link::Null => Value::Null,
                    Link::Empty => json!(""),
                    Link::Number => json!(7),
                    Link::SamePage => json!(first.lock().unwrap().clone()),
                    Link::Elsewhere => {
                        json!(format!("{elsewhere}/subscriptions?api-version=2022-12-01"))
                    }
                    Link::Endless => json!(format!(
                        "{}&$skiptoken=0&n={}",
                        first.lock().unwrap(),
                        n.fetch_add(1, Ordering::Relaxed)
                    )),
                };
            }))
        }
        Change::Html => Behavior::Raw(
            200,
            Vec::new(),
            b"<!DOCTYPE html><html>Bad Gateway</html>".to_vec(),
        ),
        Change::Truncated(at) => {
            let body = br#"{"value":[{"id":"/subscriptions/3b7e4c1a-52d9-4e8f-9a6b-1f2c3d4e5a01/providers/x/y/z","name":"z"}]}"#;
            Behavior::Raw(200, Vec::new(), body[..at.min(body.len() - 1)].to_vec())
        }
        Change::GzipClaimed => Behavior::Raw(
            200,
            vec![("Content-Encoding".into(), "gzip".into())],
            br#"{"value":[]}"#.to_vec(),
        ),
    }
}

type Counts = BTreeMap<(String, String), (CoverageStatus, usize)>;

/// Per (scope, coverage type): its status and the records of its type in the scope.
fn counts(s: &Snapshot) -> Counts {
    s.coverage()
        .iter()
        .map(|c| {
            let n = s
                .of_type(&c.resource_type)
                .filter(|r| {
                    r.scope()
                        .is_some_and(|sc| sc.eq_ignore_ascii_case(&c.scope))
                })
                .count();
            (
                (
                    c.scope.to_ascii_lowercase(),
                    c.resource_type.to_ascii_lowercase(),
                ),
                (c.status, n),
            )
        })
        .collect()
}

#[test]
fn a_mutated_response_costs_only_its_own_scope_and_type() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let elsewhere = serve(Options::default());
    let baseline = {
        let server = serve(Options::default());
        counts(&rt.block_on(collect(&server, options(&server, CHECKS))).0)
    };
    let cases = std::env::var("AZAUDIT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    let mut runner = TestRunner::new(RunnerConfig {
        cases,
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    let strategy = (0..TARGETS.len(), change());
    runner
        .run(&strategy, |(t, change)| {
            let (path, ty, tenant) = TARGETS[t];
            let first = Arc::new(Mutex::new(String::new()));
            let full = if tenant {
                path.to_string()
            } else {
                format!("/subscriptions/{PROD}{path}")
            };
            let server = serve(Options {
                faults: vec![Fault::new(
                    &full,
                    behavior(&change, first.clone(), elsewhere.url()),
                )],
                ..Default::default()
            });
            *first.lock().unwrap() = if tenant {
                format!("{}/v1.0/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,mail&$top=999", server.url())
            } else {
                let (p, _) = path.split_once('?').unwrap();
                let arm_path = azaudit_azure::plan::fetches()
                    .find(|f| f.name == ty)
                    .map(|f| (f.paths[0], f.api_version.unwrap()))
                    .unwrap();
                assert!(arm_path.0.eq_ignore_ascii_case(p));
                format!("{}/subscriptions/{PROD}{}?api-version={}", server.url(), arm_path.0, arm_path.1)
            };
            let mut o = options(&server, CHECKS);
            o.fetch_timeout = Duration::from_secs(2);
            let collected = rt.block_on(async {
                azaudit_azure::Collector::new(o, static_token())
                    .unwrap()
                    .collect()
                    .await
            });
            let live = collected.map_err(|e| TestCaseError::fail(format!("the scan failed: {e}")))?;
            let scope = if tenant {
                format!("/tenants/{}", server.tenant_id()).to_ascii_lowercase()
            } else {
                format!("/subscriptions/{PROD}")
            };
            let hit = (scope, ty.to_ascii_lowercase());
            let got = counts(&live);
            for (key, want) in &baseline {
                let have = got.get(key).ok_or_else(|| TestCaseError::fail(format!("{key:?} left coverage")))?;
                if *key == hit {
                    // Complete, or a gap with its reason.
                    if have.0 == CoverageStatus::Ok {
                        prop_assert_eq!(have.1, want.1, "{:?} ok but records lost", key);
                    } else {
                        let c = live
                            .coverage()
                            .iter()
                            .find(|c| c.resource_type.eq_ignore_ascii_case(ty) && c.scope.eq_ignore_ascii_case(&key.0))
                            .unwrap();
                        prop_assert!(c.message.as_deref().is_some_and(|m| !m.is_empty()), "{:?}", c);
                    }
                } else {
                    prop_assert_eq!(have, want, "{:?} changed", key);
                }
            }
            prop_assert!(elsewhere.requests().is_empty(), "another origin was asked");
            Ok(())
        })
        .unwrap();
}
