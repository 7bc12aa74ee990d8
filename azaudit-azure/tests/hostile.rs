//! What the collector does with responses it cannot trust: shapes real Azure sends, links and
//! redirects to other hosts, pages that never end, endpoints that never answer, long
//! throttling, revoked tokens, bodies that lie. Each ends with the scan complete, the
//! affected (scope, type) in coverage with its reason, and everything else kept.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use azaudit_azure::Collector;
use azaudit_core::{Config, CoverageStatus, Engine, Snapshot, Status};
use azaudit_fake_azure::{Behavior, FakeAzure, Fault, Mutation, Options};
use common::*;
use serde_json::{Value, json};

const STORAGE_LIST: &str = "/providers/microsoft.storage/storageaccounts?";

fn prod_path(rest: &str) -> String {
    format!("/subscriptions/{PROD}{rest}")
}

fn fault(path: &str, behavior: Behavior) -> Options {
    Options {
        faults: vec![Fault::new(path, behavior)],
        ..Default::default()
    }
}

fn mutate(path: &str, f: impl Fn(&mut Value) + Send + Sync + 'static) -> Options {
    fault(path, Behavior::Mutate(Mutation::new(f)))
}

/// Statuses of one check's findings about PROD (its subscription or resources in it).
fn prod_statuses(s: &Snapshot, check: &str) -> Vec<Status> {
    Engine::new(Config::default())
        .run(s)
        .findings
        .iter()
        .filter(|f| &*f.check_id == check && f.resource_id.contains(PROD))
        .map(|f| f.status)
        .collect()
}

/// Every (scope, type) that was collected in both snapshots holds the same number of records.
fn same_records_where_collected(live: &Snapshot, file: &Snapshot) {
    for c in live.coverage() {
        if c.status != CoverageStatus::Ok {
            assert!(c.message.is_some(), "a gap without a reason: {c:?}");
            continue;
        }
        // Fetches with a filter (privileged roles only, custom roles only) take a part.
        let filtered = azaudit_azure::plan::fetches().any(|f| {
            f.name.eq_ignore_ascii_case(&c.resource_type)
                && f.paths.iter().any(|p| p.contains("$filter"))
        });
        if filtered {
            continue;
        }
        let ty = azaudit_core::ids::record_type_of(&c.resource_type);
        let count = |s: &Snapshot| {
            s.of_type(ty)
                .filter(|r| {
                    r.scope()
                        .is_some_and(|sc| sc.eq_ignore_ascii_case(&c.scope))
                })
                .filter(|r| {
                    // Diagnostic settings are the subscription's own, or a storage service's.
                    let own = azaudit_core::ids::parent_of(r.id())
                        .is_some_and(|p| azaudit_core::ids::same_id(p, &c.scope));
                    match (
                        ty.eq_ignore_ascii_case("Microsoft.Insights/diagnosticSettings"),
                        c.resource_type == ty,
                    ) {
                        (false, _) => true,
                        (true, plain) => own == plain,
                    }
                })
                .count()
        };
        assert_eq!(
            count(live),
            count(file),
            "{} {}: records lost or invented",
            c.scope,
            c.resource_type
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_record_served_in_azure_shapes_lands_in_the_snapshot_or_in_coverage() {
    // The fake serves every type as its official example shows it (null and empty types,
    // ids without their slash or named by their list or parent, lower-cased segments).
    let server = serve(Options {
        page_size: 2,
        ..Default::default()
    });
    let (live, _) = collect(&server, options(&server, "*")).await;
    let file = Snapshot::load(DEMO).unwrap();
    same_records_where_collected(&live, &file);
    // The shapes that ended scans or hid records are now records of the type asked for.
    let profile = live
        .of_type("Microsoft.Insights/logProfiles")
        .next()
        .expect("log profiles kept");
    assert_eq!(profile.resource_type(), "Microsoft.Insights/logProfiles");
    let sub_settings: Vec<_> = live
        .of_type("Microsoft.Insights/diagnosticSettings")
        .filter(|r| !r.id().contains("/resourceGroups/") && !r.id().contains("/resourcegroups/"))
        .collect();
    assert!(!sub_settings.is_empty());
    assert!(
        sub_settings
            .iter()
            .all(|r| r.id().starts_with("/subscriptions/"))
    );
    let ids = |ty: &str| -> Vec<String> { live.of_type(ty).map(|r| r.id().to_string()).collect() };
    let alerts = ids("Microsoft.Sql/servers/securityAlertPolicies");
    assert!(!alerts.is_empty());
    assert!(
        alerts
            .iter()
            .all(|id| id.ends_with("/securityAlertPolicies/Default")),
        "{alerts:?}"
    );
    let tde = ids("Microsoft.Sql/servers/databases/transparentDataEncryption");
    assert!(!tde.is_empty());
    assert!(
        tde.iter()
            .all(|id| id.ends_with("/transparentDataEncryption/current")),
        "{tde:?}"
    );
    let auth = live
        .of_type("Microsoft.Web/sites/config")
        .filter(|r| r.name().eq_ignore_ascii_case("authsettingsv2"))
        .count();
    assert!(auth > 0, "authsettingsv2 is a sites/config record");
}

#[tokio::test]
async fn null_types_and_slashless_ids_take_the_identity_that_was_asked_for() {
    // As Azure CLI's recordings show a log profile, and older api-versions a subscription
    // diagnostic setting: `type` null, `id` null or without its slash.
    let server = serve(Options {
        faults: vec![
            Fault::new(
                &prod_path("/providers/microsoft.insights/logprofiles?"),
                Behavior::Mutate(Mutation::new(|v| {
                    for item in v["value"].as_array_mut().into_iter().flatten() {
                        item["type"] = Value::Null;
                        item["id"] = Value::Null;
                    }
                })),
            ),
            Fault::new(
                &prod_path("/providers/microsoft.insights/diagnosticsettings?"),
                Behavior::Mutate(Mutation::new(|v| {
                    for item in v["value"].as_array_mut().into_iter().flatten() {
                        item.as_object_mut().unwrap().remove("type");
                    }
                })),
            ),
        ],
        ..Default::default()
    });
    let (live, _) = collect(&server, options(&server, "monitor.*")).await;
    let file = Snapshot::load(DEMO).unwrap();
    same_records_where_collected(&live, &file);
    for ty in [
        "Microsoft.Insights/logProfiles",
        "Microsoft.Insights/diagnosticSettings",
    ] {
        assert_eq!(sub_coverage(&live, PROD, ty).0, CoverageStatus::Ok, "{ty}");
    }
    for check in [
        "monitor.activity_log_exported",
        "monitor.activity_log_retention",
    ] {
        let st = prod_statuses(&live, check);
        assert!(
            !st.is_empty() && !st.contains(&Status::Unknown),
            "{check}: {st:?}"
        );
        assert_eq!(st, prod_statuses(&file, check), "{check}");
    }
}

#[tokio::test]
async fn items_the_snapshot_cannot_hold_are_counted_and_the_rest_kept() {
    let server = serve(mutate(&prod_path(STORAGE_LIST), |v| {
        let items = v["value"].as_array_mut().unwrap();
        items[0] = json!(5);
        items[1]["name"] = json!(7);
        items[2]["id"] = Value::Null;
        items[2].as_object_mut().unwrap().remove("name");
    }));
    let (live, _) = collect(
        &server,
        options(&server, "storage.secure_transfer_required"),
    )
    .await;
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts");
    assert_eq!(st, CoverageStatus::Error);
    assert!(msg.starts_with("3 records could not be used"), "{msg}");
    assert!(
        msg.contains("an item is a number, not an object (1)"),
        "{msg}"
    );
    assert!(
        msg.contains("`name` is a number, not a string (1)"),
        "{msg}"
    );
    assert!(
        msg.contains("neither a usable `id` nor a `name` (1)"),
        "{msg}"
    );
    let file = Snapshot::load(DEMO).unwrap();
    let prod_accounts = |s: &Snapshot| {
        s.of_type("Microsoft.Storage/storageAccounts")
            .filter(|r| r.id().contains(PROD))
            .count()
    };
    assert_eq!(prod_accounts(&live), prod_accounts(&file) - 3);
    // The subscription is not judged on what remains, and the others are judged as before.
    assert_eq!(
        prod_statuses(&live, "storage.secure_transfer_required"),
        [Status::Unknown]
    );
    // The other subscriptions are judged as before.
    let elsewhere = |s: &Snapshot| {
        let mut v: Vec<(String, Status)> = Engine::new(Config::default())
            .run(s)
            .findings
            .iter()
            .filter(|f| &*f.check_id == "storage.secure_transfer_required")
            .filter(|f| !f.resource_id.contains(PROD))
            .map(|f| (f.resource_id.to_ascii_lowercase(), f.status))
            .collect();
        v.sort();
        v
    };
    assert!(!elsewhere(&live).is_empty());
    assert_eq!(elsewhere(&live), elsewhere(&file));
}

/// A second server, standing for another host: it must never be asked anything.
fn elsewhere() -> FakeAzure {
    serve(Options::default())
}

#[tokio::test]
async fn an_arm_next_link_to_another_origin_is_not_followed_with_the_token() {
    let other = elsewhere();
    let target = format!(
        "{}/subscriptions/{PROD}/providers/Microsoft.Storage/storageAccounts?api-version=2023-05-01&$skiptoken=9",
        other.url()
    );
    let server = serve(mutate(&prod_path(STORAGE_LIST), move |v| {
        v["nextLink"] = json!(target);
    }));
    let (live, _) = collect(
        &server,
        options(&server, "storage.secure_transfer_required"),
    )
    .await;
    assert!(other.requests().is_empty(), "{:?}", other.requests());
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts");
    assert_eq!(st, CoverageStatus::Error);
    assert!(
        msg.contains(&other.url()) && msg.contains("not followed"),
        "{msg}"
    );
    assert_eq!(
        prod_statuses(&live, "storage.secure_transfer_required"),
        [Status::Unknown]
    );
}

#[tokio::test]
async fn a_graph_next_link_to_another_origin_is_not_followed_with_the_token() {
    let other = elsewhere();
    let target = format!("{}/v1.0/users?$skiptoken=9", other.url());
    let server = serve(mutate("/v1.0/users?", move |v| {
        v["@odata.nextLink"] = json!(target);
    }));
    let (live, _) = collect(&server, options(&server, "iam.no_guest_users")).await;
    assert!(other.requests().is_empty(), "{:?}", other.requests());
    let tenant = format!("/tenants/{}", server.tenant_id());
    let (st, msg) = coverage(&live, &tenant, "Microsoft.Graph/users");
    assert_eq!(st, CoverageStatus::Error);
    assert!(msg.contains(&other.url()), "{msg}");
}

#[tokio::test]
async fn a_redirect_elsewhere_is_not_followed_and_its_resources_are_unknown() {
    let other = elsewhere();
    let location = format!(
        "{}/subscriptions/{PROD}/providers/Microsoft.Network/networkSecurityGroups?api-version=2024-05-01",
        other.url()
    );
    let server = serve(fault(
        &prod_path("/providers/microsoft.network/networksecuritygroups?"),
        Behavior::Raw(307, vec![("Location".into(), location)], Vec::new()),
    ));
    let (live, _) = collect(&server, options(&server, "network.rdp_internet_denied")).await;
    assert!(other.requests().is_empty(), "{:?}", other.requests());
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Network/networkSecurityGroups");
    assert_eq!(st, CoverageStatus::Error);
    assert!(
        msg.contains("307 redirect") && msg.contains(&other.url()),
        "{msg}"
    );
    // The subscription's NSGs are not silently absent: the check says it could not judge.
    assert_eq!(
        prod_statuses(&live, "network.rdp_internet_denied"),
        [Status::Unknown]
    );
}

#[tokio::test]
async fn a_next_link_back_to_a_page_already_read_stops_paging_at_once() {
    // The link is the first page's own URL, known once the server has its address.
    let link = Arc::new(std::sync::Mutex::new(String::new()));
    let to = link.clone();
    let server = serve(mutate(&prod_path(STORAGE_LIST), move |v| {
        v["nextLink"] = json!(to.lock().unwrap().clone());
    }));
    *link.lock().unwrap() = format!(
        "{}/subscriptions/{PROD}/providers/Microsoft.Storage/storageAccounts?api-version=2023-05-01",
        server.url()
    );
    let (live, _) = collect(
        &server,
        options(&server, "storage.secure_transfer_required"),
    )
    .await;
    let asked = server
        .requests()
        .iter()
        .filter(|r| r.target.to_ascii_lowercase().contains(STORAGE_LIST) && r.target.contains(PROD))
        .count();
    assert_eq!(asked, 1, "the page is read once");
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts");
    assert_eq!(st, CoverageStatus::Error);
    assert!(msg.contains("returns to page 1"), "{msg}");
}

#[tokio::test]
async fn a_list_that_never_ends_costs_its_deadline_and_nothing_else() {
    let n = Arc::new(AtomicUsize::new(0));
    let base = Arc::new(std::sync::Mutex::new(String::new()));
    let (n2, base2) = (n.clone(), base.clone());
    let server = serve(mutate(&prod_path(STORAGE_LIST), move |v| {
        let k = n2.fetch_add(1, Ordering::Relaxed);
        v["nextLink"] = json!(format!("{}&$skiptoken=0&page={k}", base2.lock().unwrap()));
    }));
    *base.lock().unwrap() = format!(
        "{}/subscriptions/{PROD}/providers/Microsoft.Storage/storageAccounts?api-version=2023-05-01",
        server.url()
    );
    let mut o = options(&server, "storage.secure_transfer_required");
    o.fetch_timeout = Duration::from_secs(2);
    let started = Instant::now();
    let (live, _) = collect(&server, o).await;
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts");
    assert_eq!(st, CoverageStatus::Error);
    assert!(msg.contains("did not finish within 2 s"), "{msg}");
    let other = format!("/subscriptions/{SANDBOX}");
    assert_eq!(
        coverage(&live, &other, "Microsoft.Storage/storageAccounts").0,
        CoverageStatus::Ok
    );
}

#[tokio::test]
async fn an_endpoint_that_never_answers_costs_a_bounded_time() {
    let server = serve(fault(
        &prod_path("/providers/microsoft.keyvault/vaults?"),
        Behavior::Hang,
    ));
    let mut o = options(&server, "keyvault.key_expiration_set");
    o.request_timeout = Duration::from_millis(300);
    let started = Instant::now();
    let (live, _) = collect(&server, o).await;
    // 3 attempts of 0.3 s and two short backoffs.
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.KeyVault/vaults");
    assert_eq!(st, CoverageStatus::Error);
    assert!(
        msg.contains("timed out") && msg.contains("gave up after 3 attempts"),
        "{msg}"
    );
    assert_eq!(
        sub_coverage(&live, PROD, "Microsoft.KeyVault/vaults/keys").0,
        CoverageStatus::NotCollected
    );

    // The (scope, type) deadline cuts a long per-request timeout short.
    let mut o = options(&server, "keyvault.key_expiration_set");
    o.request_timeout = Duration::from_secs(60);
    o.fetch_timeout = Duration::from_secs(1);
    let started = Instant::now();
    let (live, _) = collect(&server, o).await;
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    let (_, msg) = sub_coverage(&live, PROD, "Microsoft.KeyVault/vaults");
    assert!(
        msg.contains("did not finish within 1 s (0 of 1 requests answered)"),
        "{msg}"
    );
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_is_recorded_as_throttled_not_slept() {
    let server = serve(fault(
        &prod_path("/providers/microsoft.network/networksecuritygroups?"),
        Behavior::Throttle(100, 3600),
    ));
    let started = Instant::now();
    let (live, metrics) = collect(&server, options(&server, "network.ssh_internet_denied")).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Network/networkSecurityGroups");
    assert_eq!(st, CoverageStatus::Throttled);
    assert!(msg.contains("Retry-After 3600 s"), "{msg}");
    assert_eq!(metrics.endpoints["arm"].throttled, 1, "asked once");
    assert_eq!(
        prod_statuses(&live, "network.ssh_internet_denied"),
        [Status::Unknown]
    );
}

/// A credential that counts the tokens it hands out.
#[derive(Debug)]
struct Counting(AtomicUsize);

#[async_trait::async_trait]
impl azure_core::credentials::TokenCredential for Counting {
    async fn get_token(
        &self,
        _: &[&str],
        _: Option<azure_core::credentials::TokenRequestOptions<'_>>,
    ) -> azure_core::Result<azure_core::credentials::AccessToken> {
        use azure_core::time::{Duration, OffsetDateTime};
        self.0.fetch_add(1, Ordering::Relaxed);
        Ok(azure_core::credentials::AccessToken::new(
            azaudit_fake_azure::STATIC_TOKEN.to_string(),
            OffsetDateTime::now_utc() + Duration::hours(1),
        ))
    }
}

#[tokio::test]
async fn a_401_gets_one_new_token_then_is_recorded_with_its_reason() {
    for (times, ok) in [(1, true), (100, false)] {
        let server = serve(fault(
            &prod_path(STORAGE_LIST),
            Behavior::Unauthorized(times),
        ));
        let cred = Arc::new(Counting(AtomicUsize::new(0)));
        let (live, _) = Collector::new(
            options(&server, "storage.secure_transfer_required"),
            Some(cred.clone()),
        )
        .unwrap()
        .collect_with_metrics()
        .await
        .unwrap();
        let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts");
        if ok {
            assert_eq!(st, CoverageStatus::Ok, "{msg}");
        } else {
            assert_eq!(st, CoverageStatus::Error);
            assert!(msg.contains("401 ExpiredAuthenticationToken"), "{msg}");
        }
        assert_eq!(
            cred.0.load(Ordering::Relaxed),
            2,
            "one token, then one more"
        );
        let asked = server
            .requests()
            .iter()
            .filter(|r| {
                r.target.to_ascii_lowercase().contains(STORAGE_LIST) && r.target.contains(PROD)
            })
            .count();
        assert_eq!(asked, 2);
    }
}

#[tokio::test]
async fn a_failed_storage_list_leaves_the_subscriptions_own_diagnostic_settings_collected() {
    let server = serve(fault(
        &prod_path(STORAGE_LIST),
        Behavior::Raw(
            200,
            Vec::new(),
            br#"{"value":[{"id":"/subscriptions/x","#.to_vec(),
        ),
    ));
    let (live, _) = collect(
        &server,
        options(&server, "storage.logging_enabled,monitor.activity_log_*"),
    )
    .await;
    assert_eq!(
        sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts").0,
        CoverageStatus::Error
    );
    assert_eq!(
        sub_coverage(&live, PROD, azaudit_azure::plan::STORAGE_DIAGNOSTICS).0,
        CoverageStatus::NotCollected
    );
    assert_eq!(
        sub_coverage(&live, PROD, "Microsoft.Insights/diagnosticSettings").0,
        CoverageStatus::Ok
    );
    let file = Snapshot::load(DEMO).unwrap();
    for check in [
        "monitor.activity_log_exported",
        "monitor.activity_log_all_categories",
    ] {
        let st = prod_statuses(&live, check);
        assert!(!st.contains(&Status::Unknown), "{check}: {st:?}");
        assert_eq!(st, prod_statuses(&file, check), "{check}");
    }
    assert_eq!(
        prod_statuses(&live, "storage.logging_enabled"),
        [Status::Unknown]
    );
}

/// `{"value":[` + `spaces` bytes of whitespace + `]}`, gzipped, written in chunks.
fn gzip_of_whitespace(spaces: usize) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b"{\"value\":[").unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..spaces / chunk.len() {
        e.write_all(&chunk).unwrap();
    }
    e.write_all(b"]}").unwrap();
    e.finish().unwrap()
}

#[tokio::test]
async fn bodies_that_lie_are_recorded_and_the_scan_goes_on() {
    // 256 MiB of JSON whitespace in a few hundred kilobytes of gzip: refused as it inflates,
    // at the 64 MB limit.
    let bomb = gzip_of_whitespace(256 << 20);
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    let gz = || vec![("Content-Encoding".to_string(), "gzip".to_string())];
    let cases: Vec<(&str, Behavior, &str)> = vec![
        (
            "gzip bomb",
            Behavior::Raw(200, gz(), bomb),
            "exceeds the 64 MB limit",
        ),
        (
            "gzip declared, not sent",
            Behavior::Raw(200, gz(), br#"{"value":[]}"#.to_vec()),
            "gave up after 3 attempts",
        ),
        (
            "HTML",
            Behavior::Raw(
                200,
                Vec::new(),
                b"<html><body>Service Unavailable</body></html>".to_vec(),
            ),
            "malformed response body",
        ),
        (
            "truncated",
            Behavior::Raw(
                200,
                Vec::new(),
                br#"{"value":[{"id":"/subscriptions/"#.to_vec(),
            ),
            "malformed response body",
        ),
    ];
    for (name, behavior, want) in cases {
        let server = serve(fault(&prod_path(STORAGE_LIST), behavior));
        let (live, _) = collect(
            &server,
            options(&server, "storage.secure_transfer_required"),
        )
        .await;
        let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts");
        assert_eq!(st, CoverageStatus::Error, "{name}");
        assert!(msg.contains(want), "{name}: {msg}");
        assert_eq!(
            coverage(
                &live,
                &format!("/subscriptions/{SANDBOX}"),
                "Microsoft.Storage/storageAccounts"
            )
            .0,
            CoverageStatus::Ok,
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_failed_inventory_leaves_the_regions_in_use_unknown_not_fewer() {
    // The inventory says which regions hold resources; without it a region would simply be
    // missing from the report.
    let server = serve(fault(
        &prod_path("/resources?"),
        Behavior::Status(500, "InternalServerError"),
    ));
    let (live, _) = collect(
        &server,
        options(
            &server,
            "network.watcher_enabled,general.critical_resources_locked",
        ),
    )
    .await;
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Resources/resources");
    assert_eq!(st, CoverageStatus::Error);
    assert!(msg.contains("500"), "{msg}");
    for check in [
        "network.watcher_enabled",
        "general.critical_resources_locked",
    ] {
        assert_eq!(prod_statuses(&live, check), [Status::Unknown], "{check}");
    }
    let file = Snapshot::load(DEMO).unwrap();
    let elsewhere = |s: &Snapshot| -> Vec<(String, Status)> {
        let mut v: Vec<_> = Engine::new(Config::default())
            .run(s)
            .findings
            .iter()
            .filter(|f| &*f.check_id == "network.watcher_enabled" && !f.resource_id.contains(PROD))
            .map(|f| (f.resource_id.to_ascii_lowercase(), f.status))
            .collect();
        v.sort();
        v
    };
    assert!(!elsewhere(&live).is_empty());
    assert_eq!(elsewhere(&live), elsewhere(&file));
}
