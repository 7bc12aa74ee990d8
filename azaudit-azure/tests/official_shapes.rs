//! The collector over one response per operation of the plan, each written after Azure's
//! official example response at the api-version the plan calls (`tests/fake-azure/examples/`,
//! one file per operation naming the example it follows and the quirks it keeps). Every
//! item lands in the snapshot as a record of the type listed, and every check runs over them.

mod common;

use std::collections::BTreeMap;

use azaudit_azure::plan::{INVENTORY, Origin, ResourceType as Fetch, Shape, fetches};
use azaudit_core::{Config, CoverageStatus, Engine, ids};
use azaudit_fake_azure::{Behavior, FakeAzure, Fault, Options, Tenant};
use common::*;
use serde_json::{Value, json};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fake-azure/examples");
const SUB: &str = "5f3a9c1e-0b7d-4e2a-9c6f-8d1e2a3b4c05";
const TENANT: &str = "6f1c3a52-9b7e-4d4f-8a21-0c5d2e7b9f10";

struct Example {
    file: String,
    path: String,
    body: Value,
    fetch: &'static Fetch,
}

/// The plan's fetch a request path belongs to.
fn fetch_of(path: &str, body: &Value) -> &'static Fetch {
    let lower = path.to_ascii_lowercase();
    fetches()
        .filter(|f| {
            f.paths.iter().any(|p| {
                let p = p.split('?').next().unwrap_or_default().to_ascii_lowercase();
                match f.origin {
                    Origin::Tenant => lower == format!("/v1.0{p}"),
                    Origin::Groups => {
                        let (head, tail) = p.split_once("{group}").unwrap_or_default();
                        lower.starts_with(&format!("/v1.0{head}")) && lower.ends_with(tail)
                    }
                    Origin::Subscription => lower == format!("/subscriptions/{SUB}{p}"),
                    // An expanded GET is the parent's own path: its body is an object.
                    Origin::Each(_) if p.is_empty() => {
                        body.get("value").is_none() && lower.contains("/virtualmachines/")
                    }
                    Origin::Each(parent) => {
                        !p.is_empty()
                            && lower.ends_with(&p)
                            && arm_type(&path[..path.len() - p.len()])
                                .eq_ignore_ascii_case(parent.name)
                    }
                    Origin::Manual => false,
                }
            })
        })
        // The expanded VM and the VM list share a type: the object is the expansion.
        .max_by_key(|f| (f.shape == Shape::Expand) as u8)
        .unwrap_or_else(|| panic!("no fetch of the plan requests {path}"))
}

/// The type an ARM id names: its namespace and every other segment after `/providers/`.
fn arm_type(id: &str) -> String {
    let Some((_, rest)) = id.rsplit_once("/providers/") else {
        return String::new();
    };
    let segs: Vec<&str> = rest.split('/').collect();
    let mut ty = vec![segs[0]];
    ty.extend(segs.iter().skip(1).step_by(2));
    ty.join("/")
}

fn examples() -> Vec<Example> {
    let mut files: Vec<_> = std::fs::read_dir(EXAMPLES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let path = doc["path"].as_str().unwrap().to_string();
            let body = doc["body"].clone();
            for key in ["operation", "apiVersion", "example"] {
                assert!(doc[key].is_string(), "{}: no {key}", p.display());
            }
            Example {
                file: p.file_name().unwrap().to_string_lossy().into_owned(),
                fetch: fetch_of(&path, &body),
                path,
                body,
            }
        })
        .collect()
}

/// A server answering each example's path with its body. Its tenant holds the listed VMs
/// only, so that each VM's expanded GET finds it (the example is for one of them).
fn serve_examples(examples: &[&Example]) -> FakeAzure {
    let vms: Vec<Value> = examples
        .iter()
        .filter(|e| {
            e.fetch.name == "Microsoft.Compute/virtualMachines" && e.fetch.shape == Shape::List
        })
        .flat_map(|e| e.body["value"].as_array().cloned().unwrap_or_default())
        .collect();
    let tenant = Tenant::from_snapshot(&json!({
        "version": 1, "tenantId": TENANT,
        "subscriptions": [{"subscriptionId": SUB, "displayName": "examples"}],
        "resources": vms,
    }));
    let faults = examples
        .iter()
        .map(|e| {
            let query = if e.fetch.shape == Shape::Expand {
                "?$expand"
            } else {
                "?"
            };
            Fault::new(
                &format!("{}{query}", e.path),
                Behavior::Raw(200, Vec::new(), e.body.to_string().into_bytes()),
            )
        })
        .collect();
    FakeAzure::start(
        tenant,
        Options {
            faults,
            ..Default::default()
        },
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_item_of_every_official_shape_lands_as_a_record_of_its_type() {
    let all = examples();
    // One example per operation of the plan (the storage services' settings: the blob one).
    for f in fetches() {
        assert!(
            all.iter().any(|e| std::ptr::eq(e.fetch, f)),
            "no example for {} {:?}",
            f.name,
            f.paths
        );
    }
    let served: Vec<&Example> = all
        .iter()
        .filter(|e| e.file != "11b-resources-empty.json")
        .collect();
    let server = serve_examples(&served);
    let mut o = options(&server, "*");
    o.subscriptions = vec![SUB.into()];
    let (live, _) = collect(&server, o).await;

    // Items served per record type (an expanded GET replaces its VM; the inventory only adds
    // what no other fetch lists).
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for e in &served {
        if e.fetch.name == INVENTORY || e.fetch.shape == Shape::Expand {
            continue;
        }
        let n = match e.body.get("value") {
            Some(Value::Array(items)) => items.len(),
            _ => 1,
        };
        *want
            .entry(ids::record_type_of(e.fetch.name).to_ascii_lowercase())
            .or_default() += n;
    }
    for (ty, n) in &want {
        let have = live.of_type(ty).count();
        assert_eq!(have, *n, "{ty}: {have} records of {n} items served");
    }
    for c in live.coverage() {
        assert_eq!(c.status, CoverageStatus::Ok, "{c:?}");
    }
    for r in live.records() {
        assert!(
            r.id().starts_with('/') && !r.resource_type().is_empty(),
            "{}",
            r.id()
        );
    }
    // Children are placed below the parents they were listed for.
    for ty in [
        "Microsoft.Sql/servers/securityAlertPolicies",
        "Microsoft.Sql/servers/databases/transparentDataEncryption",
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        "Microsoft.KeyVault/vaults/keys",
    ] {
        assert!(live.of_type(ty).count() > 0, "{ty}");
        for r in live.of_type(ty) {
            // Its nearest ancestor that is a record (a container's is its account).
            let mut up = ids::parent_of(r.id());
            while let Some(p) = up.filter(|p| live.get(p).is_none()) {
                up = ids::parent_of(p);
            }
            let ancestor = up.map(|p| live.get(p).unwrap().resource_type().to_string());
            let parent_type = ty.rsplit_once('/').unwrap().0;
            assert!(
                ancestor.as_deref().is_some_and(|a| {
                    a.eq_ignore_ascii_case(parent_type) || parent_type.starts_with(a)
                }),
                "{ty}: {} is not below its parent ({ancestor:?})",
                r.id()
            );
        }
    }
    // The expanded VM carries its instance view.
    let vm = live
        .of_type("Microsoft.Compute/virtualMachines")
        .find(|r| r.name() == "vm-examples")
        .expect("the VM");
    assert!(
        vm.properties_json()
            .unwrap_or_default()
            .contains("\"instanceView\"")
    );
    // Every check runs over these shapes without failing to run.
    let report = Engine::new(Config::default()).run(&live);
    for c in &report.checks {
        assert!(c.error.is_none(), "{}: {:?}", c.id, c.error);
    }
    assert!(report.findings.len() > 50, "{}", report.findings.len());
}

#[tokio::test]
async fn a_list_answered_with_an_empty_object_is_a_gap_not_an_empty_list() {
    // ListResources.json (2021-04-01) answers `{}`; VirtualMachineExtension_List_MinimumSet
    // too. A body without `value` says nothing of what the list holds.
    let all = examples();
    let storage: Vec<&Example> = all.iter().filter(|e| e.file.starts_with("12-")).collect();
    let mut empty: Vec<&Example> = all
        .iter()
        .filter(|e| e.file == "11b-resources-empty.json")
        .collect();
    assert_eq!(empty.len(), 1);
    let mut accounts_as_empty_object = Example {
        file: "12-as-empty".into(),
        path: storage[0].path.clone(),
        body: json!({}),
        fetch: storage[0].fetch,
    };
    accounts_as_empty_object.body = json!({});
    empty.push(&accounts_as_empty_object);
    let server = serve_examples(&empty);
    let mut o = options(&server, "storage.secure_transfer_required");
    o.subscriptions = vec![SUB.into()];
    let (live, _) = collect(&server, o).await;
    let (st, msg) = sub_coverage(&live, SUB, "Microsoft.Storage/storageAccounts");
    assert_eq!(st, CoverageStatus::Error);
    assert!(msg.contains("`value` is absent"), "{msg}");
}
