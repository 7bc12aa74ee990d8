//! The collection benchmark (run by `scripts/bench-collect.sh`).
//!
//! `collect_bench gen REPLICAS OUT`: a tenant of 3 subscriptions made of the demo tenant's
//! ARM resources `REPLICAS` times over (resource groups renamed), without faults.
//!
//! `collect_bench memory URL CA CHECKS`: collect what CHECKS read and print the bytes of
//! JSON received, the records kept and the peak memory (run by
//! `scripts/bench-collect-memory.sh`; nothing else is loaded, so the peak is the collector's).
//!
//! `collect_bench run URL CA SNAPSHOT CONCURRENCY LATENCY_MS PAGE_SIZE`: collect every
//! check's data from the fake Azure at URL, then print the requests made against the fewest
//! the plan needs (computed here from SNAPSHOT, independently of the collector), the wall
//! time against the bound (requests x latency / concurrency), and the peak memory.

use std::sync::Arc;
use std::time::Duration;

use azaudit_azure::plan::{Origin, Shape};
use azaudit_azure::{CloudProfile, CollectOptions, Collector, StaticTokenCredential};
use azaudit_core::roles::PRIVILEGED_DIRECTORY_ROLES;
use azaudit_core::{Selection, Snapshot, catalog};
use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") => generate(args[1].parse().expect("REPLICAS"), &args[2]),
        Some("run") => run(&args[1..]),
        Some("memory") => memory(&args[1..]),
        _ => {
            eprintln!(
                "usage: collect_bench gen REPLICAS OUT | run URL CA SNAPSHOT CONCURRENCY LATENCY_MS PAGE_SIZE"
            );
            std::process::exit(2);
        }
    }
}

fn generate(replicas: usize, out: &str) {
    let demo = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/demo-tenant.json"
    );
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(demo).unwrap()).unwrap();
    let mut resources = Vec::new();
    for r in doc["resources"].as_array().unwrap() {
        if r["id"].as_str().unwrap().contains("/resourceGroups/") {
            let text = r.to_string();
            for k in 0..replicas {
                let t = text.replace("/resourceGroups/rg-", &format!("/resourceGroups/rg{k}-"));
                resources.push(serde_json::from_str::<Value>(&t).unwrap());
            }
        } else {
            resources.push(r.clone());
        }
    }
    let arm = resources
        .iter()
        .filter(|r| r["id"].as_str().unwrap().contains("subscriptions/"))
        .count();
    let n = resources.len();
    doc["resources"] = Value::Array(resources);
    doc["coverage"] = Value::Array(Vec::new()); // no faults: the benchmark measures the plan
    std::fs::write(out, serde_json::to_string(&doc).unwrap()).unwrap();
    eprintln!("{out}: {n} records ({arm} ARM resources and sub-resources) in 3 subscriptions");
}

fn norm(id: &str) -> String {
    let id = id.to_ascii_lowercase();
    if id.starts_with('/') {
        id
    } else {
        format!("/{id}")
    }
}

/// How many records of type `ty` in `snapshot` satisfy `keep` (on the normalised id).
fn count(snapshot: &Snapshot, ty: &str, keep: impl Fn(&str, &str) -> bool) -> usize {
    snapshot
        .of_type(ty)
        .filter(|r| keep(&norm(r.id()), r.raw_json()))
        .count()
}

/// The fewest requests that collect everything the plan needs from this tenant.
fn minimum_requests(snapshot: &Snapshot, page: usize) -> usize {
    let pages = |n: usize| n.div_ceil(page).max(1);
    let metas: Vec<_> = catalog::all().iter().map(|c| c.meta()).collect();
    let mut total = 1; // GET /subscriptions
    for f in azaudit_azure::plan::plan(&metas) {
        match f.origin {
            Origin::Tenant if f.paths[0].contains("{role}") => {
                for (role, _) in PRIVILEGED_DIRECTORY_ROLES {
                    total += pages(count(snapshot, f.name, |_, raw| raw.contains(role)));
                }
            }
            Origin::Tenant if f.shape == Shape::Object => total += 1,
            // One list per group with members in the snapshot (at least one page each).
            Origin::Groups => {
                let mut groups: Vec<String> = snapshot
                    .of_type(f.name)
                    .filter_map(|r| {
                        r.id()
                            .split("/groups/")
                            .nth(1)?
                            .split('/')
                            .next()
                            .map(str::to_ascii_lowercase)
                    })
                    .collect();
                groups.sort();
                groups.dedup();
                total += groups.len();
            }
            Origin::Tenant => total += pages(snapshot.of_type(f.name).count()),
            Origin::Subscription => {
                for sub in snapshot.subscriptions() {
                    let prefix = format!(
                        "/subscriptions/{}",
                        sub.subscription_id.to_ascii_lowercase()
                    );
                    let n = if f.name == azaudit_azure::plan::INVENTORY {
                        snapshot
                            .records()
                            .filter(|r| {
                                let id = norm(r.id());
                                id.starts_with(&prefix)
                                    && id.contains("/resourcegroups/")
                                    && r.resource_type().matches('/').count() == 1
                                    && !r.resource_type().ends_with("diagnosticSettings")
                            })
                            .count()
                    } else if f.name.ends_with("diagnosticSettings") {
                        let at = format!("{prefix}/providers/");
                        count(snapshot, f.name, |id, _| id.starts_with(&at))
                    } else if f.name.ends_with("roleDefinitions") {
                        count(snapshot, f.name, |id, raw| {
                            id.starts_with(&prefix) && raw.contains("CustomRole")
                        })
                    } else {
                        count(snapshot, f.name, |id, _| id.starts_with(&prefix))
                    };
                    total += pages(n);
                }
            }
            // The plan leaves these out: a person fills them in.
            Origin::Manual => {}
            Origin::Each(parent) => {
                for p in snapshot.of_type(parent.name) {
                    for path in f.paths {
                        total += match f.shape {
                            Shape::List => {
                                let under =
                                    format!("{}{}/", norm(p.id()), path.to_ascii_lowercase());
                                pages(count(snapshot, f.name, |id, _| id.starts_with(&under)))
                            }
                            Shape::Object | Shape::Expand => 1,
                        };
                    }
                }
            }
        }
    }
    total
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Collect with the fake Azure's static token, on a two-thread runtime.
fn collect(options: CollectOptions) -> (Snapshot, azaudit_azure::Metrics) {
    let cred = Arc::new(StaticTokenCredential::new(
        azaudit_fake_azure::STATIC_TOKEN,
        4_102_444_800,
    ));
    let collector = Collector::new(options, Some(cred)).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(collector.collect_with_metrics()).unwrap()
}

fn memory(args: &[String]) {
    let (url, ca, checks) = (&args[0], &args[1], &args[2]);
    let (snapshot, metrics) = collect(CollectOptions {
        cloud: CloudProfile::custom(url, url, url).unwrap(),
        ca_certificates_pem: Some(std::fs::read(ca).unwrap()),
        selection: Selection::with_checks(checks),
        ..Default::default()
    });
    let t = metrics.total();
    println!(
        "{{\"records\":{},\"requests\":{},\"bytes\":{},\"wallMs\":{},\"peakRssKb\":{}}}",
        snapshot.len(),
        t.requests,
        t.bytes,
        metrics.wall_ms,
        peak_rss_kb(),
    );
}

fn run(args: &[String]) {
    let (url, ca, snapshot_path) = (&args[0], &args[1], &args[2]);
    let concurrency: usize = args[3].parse().unwrap();
    let latency_ms: f64 = args[4].parse().unwrap();
    let page: usize = args[5].parse().unwrap();
    let tenant = Snapshot::load(snapshot_path).unwrap();
    let minimum = minimum_requests(&tenant, page);
    drop(tenant);
    let options = CollectOptions {
        cloud: CloudProfile::custom(url, url, url).unwrap(),
        ca_certificates_pem: Some(std::fs::read(ca).unwrap()),
        concurrency,
        selection: Selection::default(),
        request_timeout: Duration::from_secs(30),
        ..Default::default()
    };
    let (snapshot, metrics) = collect(options);
    let t = metrics.total();
    let bound_ms = t.requests as f64 * latency_ms / concurrency as f64;
    println!(
        "{{\"records\":{},\"requests\":{},\"minimum\":{minimum},\"requestRatio\":{:.3},\"retries\":{},\"wallMs\":{},\"boundMs\":{bound_ms:.0},\"wallRatio\":{:.3},\"bytes\":{},\"peakRssKb\":{},\"concurrency\":{concurrency}}}",
        snapshot.len(),
        t.requests,
        t.requests as f64 / minimum as f64,
        t.retries,
        metrics.wall_ms,
        metrics.wall_ms as f64 / bound_ms,
        t.bytes,
        peak_rss_kb(),
    );
}
