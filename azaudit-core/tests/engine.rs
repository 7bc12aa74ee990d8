//! The engine: selection, configuration, waivers, failing checks.

use azaudit_core::check::{Check, CheckError, CheckMeta, Context, Findings, Remediation};
use azaudit_core::{Config, Engine, Selection, Severity, Snapshot, Status};

const SUB: &str = "11111111-1111-1111-1111-111111111111";

fn snapshot() -> Snapshot {
    let st = |name: &str, https: bool| {
        serde_json::json!({"id": format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/{name}"),
            "type": "Microsoft.Storage/storageAccounts", "name": name, "location": "westeurope",
            "properties": {"supportsHttpsTrafficOnly": https, "allowBlobPublicAccess": false, "networkAcls": {"defaultAction": "Deny"}}})
    };
    let doc = serde_json::json!({"version": 1, "tenantId": "t", "collectedAt": "2026-11-28T10:00:00Z",
        "subscriptions": [{"subscriptionId": SUB}],
        "resources": [st("stgood", true), st("stbad", false), st("stlegacy", false)],
        "coverage": [{"scope": format!("/subscriptions/{SUB}"), "type": "Microsoft.Storage/storageAccounts", "status": "ok"}]});
    Snapshot::from_json(doc.to_string()).unwrap()
}

#[test]
fn selection_by_glob_service_level_and_severity() {
    let ids = |sel: Selection| -> Vec<&str> {
        Engine::new(Config::default())
            .with_selection(sel)
            .unwrap()
            .checks()
            .iter()
            .map(|c| c.meta().id)
            .collect()
    };
    let storage = ids(Selection::with_checks("storage.*"));
    assert_eq!(storage.len(), 5);
    assert!(storage.iter().all(|i| i.starts_with("storage.")));
    assert_eq!(
        ids(Selection::with_checks(
            "storage.secure_transfer_required, sql.tde_enabled"
        ))
        .len(),
        2
    );
    let l1 = ids(Selection {
        max_level: Some(1),
        services: vec!["storage".into()],
        ..Default::default()
    });
    assert_eq!(l1.len(), 3, "{l1:?}");
    let critical = ids(Selection {
        min_severity: Some(Severity::Critical),
        ..Default::default()
    });
    assert!(
        critical.contains(&"iam.mfa_privileged_users")
            && critical.contains(&"network.rdp_internet_denied")
    );
    assert!(!critical.contains(&"storage.secure_transfer_required"));
    assert!(
        Engine::new(Config::default())
            .with_selection(Selection::with_checks("nosuch.*"))
            .is_err()
    );
    let err = Engine::new(Config::default())
        .with_selection(Selection {
            services: vec!["dns".into()],
            ..Default::default()
        })
        .err()
        .unwrap();
    assert!(err.to_string().contains("dns"));
}

#[test]
fn report_summarises_by_status_severity_and_service() {
    let engine = Engine::new(Config::default())
        .with_selection(Selection::with_checks("storage.*"))
        .unwrap();
    let r = engine.run(&snapshot());
    let fail = |id: &str| {
        r.findings
            .iter()
            .filter(|f| &*f.check_id == id && f.status == Status::Fail)
            .count()
    };
    assert_eq!(fail("storage.secure_transfer_required"), 2);
    assert_eq!(r.summary.by_status[&Status::Fail], r.failed().count());
    assert_eq!(
        r.summary.by_service["storage"].values().sum::<usize>(),
        r.findings.len()
    );
    assert_eq!(r.summary.by_severity[&Severity::High][&Status::Fail], 2);
    assert_eq!(
        r.summary.evaluated_at, "2026-11-28T10:00:00Z",
        "ages are judged at collection time"
    );
    assert!(r.has_failure_at_or_above(Severity::High));
    assert!(!r.has_failure_at_or_above(Severity::Critical));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    let f = &json["findings"][0];
    for key in [
        "checkId",
        "status",
        "severity",
        "resourceId",
        "resourceType",
        "subscriptionId",
        "location",
        "message",
        "evidence",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert_eq!(json["version"], 1);
    let back: azaudit_core::Report =
        serde_json::from_str(&r.to_json()).expect("a report reads back");
    assert_eq!(
        back, r,
        "reports round-trip through JSON (baselines read them back)"
    );
    assert!(json["checks"].as_array().unwrap().len() == 5);
}

#[test]
fn waivers_turn_fails_into_waived_until_they_expire() {
    let cfg = Config::from_toml(
        r#"
today = "2027-01-15"
[[waivers]]
check = "storage.secure_transfer_required"
resource = "*/storageAccounts/stbad"
reason = "legacy client, SEC-12"
expires = "2027-06-30"
[[waivers]]
check = "storage.*"
resource = "*/STLEGACY"
reason = "old exception"
expires = "2026-12-31"
"#,
    )
    .unwrap();
    let r = Engine::new(cfg)
        .with_selection(Selection::with_checks("storage.secure_transfer_required"))
        .unwrap()
        .run(&snapshot());
    let status = |name: &str| {
        r.findings
            .iter()
            .find(|f| f.resource_id.ends_with(name))
            .unwrap()
            .clone()
    };
    assert_eq!(status("stbad").status, Status::Waived);
    assert!(status("stbad").message.contains("SEC-12"));
    assert_eq!(
        status("stgood").status,
        Status::Pass,
        "a waiver never touches a pass"
    );
    let legacy = status("stlegacy");
    assert_eq!(
        legacy.status,
        Status::Fail,
        "an expired waiver does not apply"
    );
    assert!(
        legacy.message.contains("expired on 2026-12-31"),
        "{}",
        legacy.message
    );
    assert!(r.waivers[1].expired && r.waivers[1].matched == 1);
    assert!(!r.waivers[0].expired && r.waivers[0].matched == 1);
    assert_eq!(r.summary.by_status[&Status::Waived], 1);
    let mut text = Vec::new();
    azaudit_core::report::write_text(&r, &mut text).unwrap();
    assert!(
        String::from_utf8(text)
            .unwrap()
            .contains("expired on 2026-12-31 and was not applied")
    );
}

#[test]
fn thresholds_come_from_configuration() {
    let json = r#"{"key_rotation_days": 30, "evaluation_time": "2027-01-01T00:00:00Z"}"#;
    let cfg = Config::from_json(json).unwrap();
    assert_eq!(cfg.key_rotation_days, 30);
    let r = Engine::new(cfg)
        .with_selection(Selection::with_checks("storage.secure_transfer_required"))
        .unwrap()
        .run(&snapshot());
    assert_eq!(r.summary.evaluated_at, "2027-01-01T00:00:00Z");
}

struct Panics;
static PANICS: Panics = Panics;
const META: CheckMeta = CheckMeta {
    id: "storage.test_panics",
    title: "a check that panics",
    service: "storage",
    level: 1,
    severity: Severity::High,
    reads: &[&azaudit_core::resource_types::STORAGE_ACCOUNTS],
    rule: "panics",
    rationale: "tests",
    remediation: Remediation {
        portal: "none",
        cli: "",
    },
    cis: &[],
    references: &[],
    manual: false,
};
impl Check for Panics {
    fn meta(&self) -> &CheckMeta {
        &META
    }
    fn evaluate(&self, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError> {
        let first = cx.snapshot.records().next().unwrap();
        out.pass(
            &first,
            "partial result that must be discarded",
            serde_json::Value::Null,
        );
        panic!("boom in the rule");
    }
}

struct Errs;
static ERRS: Errs = Errs;
impl Check for Errs {
    fn meta(&self) -> &CheckMeta {
        &META
    }
    fn evaluate(&self, _: &Context<'_>, _: &mut Findings) -> Result<(), CheckError> {
        Err(CheckError("upstream data inconsistent".into()))
    }
}

#[test]
fn a_failing_check_yields_unknowns_and_the_run_goes_on() {
    let catalog = azaudit_core::catalog::get("storage.secure_transfer_required").unwrap();
    let engine = Engine::with_checks(Config::default(), vec![&PANICS, catalog, &ERRS]);
    let r = engine.run(&snapshot());
    let of = |i: usize| {
        r.findings
            .iter()
            .filter(|f| *f.check_id == *r.checks[i].id)
            .collect::<Vec<_>>()
    };
    assert_eq!(r.checks.len(), 3);
    assert!(
        r.checks[0]
            .error
            .as_deref()
            .unwrap()
            .contains("boom in the rule")
    );
    let p = r
        .findings
        .iter()
        .filter(|f| f.message.contains("panicked"))
        .collect::<Vec<_>>();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].status, Status::Unknown);
    assert_eq!(&*p[0].resource_id, format!("/subscriptions/{SUB}"));
    assert!(
        !r.findings
            .iter()
            .any(|f| f.message.contains("partial result"))
    );
    assert_eq!(
        of(1).iter().filter(|f| f.status == Status::Fail).count(),
        2,
        "the next check still ran"
    );
    assert!(
        r.findings.iter().any(
            |f| f.status == Status::Unknown && f.message.contains("upstream data inconsistent")
        )
    );
}

#[test]
fn threads_do_not_change_the_report() {
    let snap = Snapshot::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/demo-tenant.json"
    ))
    .unwrap();
    // Every check, with one that panics after saying something and one that errs among them.
    let mut checks: Vec<&'static dyn Check> = azaudit_core::catalog::all().to_vec();
    checks.insert(7, &PANICS);
    checks.insert(30, &ERRS);
    let run = |threads: usize| {
        let config = Config {
            evaluation_time: Some("2026-11-28T10:00:00Z".into()),
            ..Config::default()
        };
        Engine::with_checks(config, checks.clone())
            .with_threads(threads)
            .run(&snap)
    };
    let one = run(1);
    // Findings come check by check, in the engine's order: each run of one check's findings
    // is the next check in the list that has findings.
    let mut ids = checks.iter().map(|c| c.meta().id);
    let mut last: Option<&str> = None;
    for f in &one.findings {
        if last != Some(&*f.check_id) {
            assert!(
                ids.any(|id| id == &*f.check_id),
                "{} out of order",
                f.check_id
            );
            last = Some(&f.check_id);
        }
    }
    assert!(one.findings.len() > 200);
    assert!(
        !one.findings
            .iter()
            .any(|f| f.message.contains("partial result"))
    );
    for threads in [2, 3, 5, 8] {
        let other = run(threads);
        assert_eq!(other.findings, one.findings, "{threads} threads");
        assert_eq!(other.checks, one.checks, "{threads} threads");
        assert_eq!(other.summary, one.summary, "{threads} threads");
    }
}

#[test]
fn a_selection_and_waivers_are_checked_against_the_engines_own_checks() {
    let catalog = azaudit_core::catalog::get("storage.secure_transfer_required").unwrap();
    // A selection keeps a check given to the engine that the catalog does not have.
    let e = Engine::with_checks(Config::default(), vec![&ERRS, catalog])
        .with_selection(Selection::with_checks("storage.test_panics"))
        .unwrap();
    assert_eq!(e.checks().len(), 1);
    assert_eq!(e.checks()[0].meta().id, "storage.test_panics");
    // A waiver may name it ...
    let waived =
        Config::from_toml("[[waivers]]\ncheck='storage.test_panics'\nreason='known'").unwrap();
    assert!(
        Engine::with_checks(waived.clone(), vec![&ERRS])
            .with_selection(Selection::default())
            .is_ok()
    );
    // ... but not a check this engine does not have, and the refusal says which waiver.
    let e = Engine::new(waived)
        .with_selection(Selection::default())
        .err()
        .expect("refused")
        .to_string();
    assert!(
        e.contains("waivers[0].check `storage.test_panics` matches no check id"),
        "{e}"
    );
    let nope = Config::from_toml("[[waivers]]\ncheck='nope.*'\nreason='x'").unwrap();
    let e = Engine::new(nope)
        .with_selection(Selection::default())
        .err()
        .expect("refused")
        .to_string();
    assert!(e.contains("matches no check"), "{e}");
    // A service the engine's checks do not belong to is refused with those it has.
    let e = Engine::with_checks(Config::default(), vec![&ERRS])
        .with_selection(Selection {
            services: vec!["sql".into()],
            ..Selection::default()
        })
        .err()
        .expect("refused")
        .to_string();
    assert_eq!(e, "`sql` is not a service (storage)");
}
