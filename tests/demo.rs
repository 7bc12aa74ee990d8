//! The demo tenant, audited as a user runs it: every check shows what it does.

use std::collections::{BTreeMap, BTreeSet};

use azaudit::cli::{DEMO_CONFIG, DEMO_SNAPSHOT};
use azaudit::{Config, Engine, Report, Snapshot, Status, catalog};

fn demo_report() -> Report {
    let snapshot = Snapshot::load(DEMO_SNAPSHOT).expect("demo snapshot loads");
    Engine::new(Config::load(DEMO_CONFIG).expect("demo config loads")).run(&snapshot)
}

/// Checks with one finding per tenant cannot both pass and fail in one snapshot.
const TENANT_WIDE: &[&str] = &[
    "iam.mfa_remember_device_disabled",
    "iam.password_reset_notify_users",
    "iam.admin_portal_restricted",
    "iam.users_cannot_create_security_groups",
    "iam.guest_invites_admins_only",
    "iam.users_cannot_create_m365_groups",
    "iam.self_service_group_management_disabled",
    "iam.users_cannot_create_tenants",
    "iam.users_cannot_register_apps",
    "iam.guest_access_restricted",
    "iam.security_defaults_enabled",
    // Judged per subscription, but the root-scope assignment it fails on holds at all of them.
    "iam.user_access_administrator_restricted",
];

#[test]
fn demo_is_a_realistic_tenant() {
    let s = Snapshot::load(DEMO_SNAPSHOT).unwrap();
    assert!(s.len() >= 150, "{} records", s.len());
    assert!(s.subscriptions().len() >= 2);
}

#[test]
fn every_check_passes_and_fails_somewhere() {
    let r = demo_report();
    let mut seen: BTreeMap<&str, BTreeSet<Status>> = BTreeMap::new();
    for f in &r.findings {
        seen.entry(&*f.check_id).or_default().insert(f.status);
    }
    let mut missing = Vec::new();
    for c in catalog::all() {
        let id = c.meta().id;
        let st = seen.get(id).cloned().unwrap_or_default();
        // A retired policy reads nothing: it can only say where to look.
        if c.meta().manual && c.meta().reads.is_empty() {
            if st != BTreeSet::from([Status::Manual]) {
                missing.push(format!("{id}: {st:?}"));
            }
            continue;
        }
        if TENANT_WIDE.contains(&id) {
            if st.is_empty() {
                missing.push(format!("{id}: no finding"));
            }
            continue;
        }
        // A waived failure still shows the rule failing.
        if !st.contains(&Status::Pass)
            || !(st.contains(&Status::Fail) || st.contains(&Status::Waived))
        {
            missing.push(format!("{id}: {st:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "checks without both a pass and a fail: {missing:#?}"
    );
    let tenant: BTreeSet<Status> = r
        .findings
        .iter()
        .filter(|f| TENANT_WIDE.contains(&&*f.check_id))
        .map(|f| f.status)
        .collect();
    assert!(
        tenant.contains(&Status::Pass)
            && tenant.contains(&Status::Fail)
            && tenant.contains(&Status::Manual),
        "{tenant:?}"
    );
}

#[test]
fn coverage_gaps_are_unknown_never_pass() {
    let r = demo_report();
    let sandbox = "/subscriptions/c41e9a7d-3f6b-4e2c-8d1a-5b7c9e1f3d03";
    for check in [
        "sql.auditing_enabled",
        "sql.tde_enabled",
        "sql.firewall_no_public_access",
        "appservice.https_only",
        "defender.secure_score",
    ] {
        let f = r
            .findings
            .iter()
            .find(|f| &*f.check_id == check && &*f.resource_id == sandbox)
            .unwrap_or_else(|| panic!("{check}: no finding about the sandbox"));
        assert_eq!(f.status, Status::Unknown, "{check}: {}", f.message);
    }
    let forbidden = r
        .findings
        .iter()
        .find(|f| &*f.check_id == "sql.auditing_enabled" && &*f.resource_id == sandbox)
        .unwrap();
    assert!(
        forbidden.message.contains("forbidden")
            && forbidden.message.contains("AuthorizationFailed"),
        "{}",
        forbidden.message
    );
    // Nothing from the sandbox's SQL servers passes: they were never seen.
    assert!(!r.findings.iter().any(|f| f.check_id.starts_with("sql.")
        && f.subscription_id.as_deref() == Some(&sandbox[15..])
        && f.status == Status::Pass
        && &*f.resource_type == "Microsoft.Sql/servers"));
}

#[test]
fn demo_configuration_applies_waivers_and_allowed_guests() {
    let r = demo_report();
    let waived: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.status == Status::Waived)
        .collect();
    assert_eq!(waived.len(), 1);
    assert!(
        waived[0]
            .resource_id
            .ends_with("/containers/product-images")
    );
    assert!(r.waivers.iter().any(|w| w.expired && w.matched == 1));
    let kim = r
        .findings
        .iter()
        .find(|f| &*f.check_id == "iam.no_guest_users" && f.status == Status::Pass);
    assert!(kim.is_some(), "the allowed partner guest passes");
}

#[test]
fn demo_findings_are_stable() {
    // The counts a reader of the README sees; a change here is a change in a rule or the demo.
    let r = demo_report();
    let by: BTreeMap<Status, usize> = r.summary.by_status.clone();
    assert_eq!(r.summary.checks, 111);
    // One tenant setting, the two Defender policies today's initiative no longer has
    // (endpoint protection, storage encryption) once per subscription, and the MongoDB
    // account whose keys are a judgement call.
    assert_eq!(by.get(&Status::Manual), Some(&8));
    assert_eq!(by.get(&Status::Waived), Some(&1));
    assert!(
        by[&Status::Fail] > 50 && by[&Status::Pass] > 50 && by[&Status::Unknown] >= 10,
        "{by:?}"
    );
}

#[test]
fn corrupted_snapshots_are_refused_with_a_position_never_a_panic() {
    let text = std::fs::read_to_string(DEMO_SNAPSHOT).unwrap();
    let bytes = text.as_bytes();
    // Every truncation is refused; single-byte damage is refused when it breaks the JSON
    // (damage inside a string leaves a valid document, which loads).
    let (mut truncations_refused, mut damage_refused) = (0, 0);
    let mut damage_breaking_json = 0;
    // Truncations and single-byte damage at spread-out places, deterministic.
    for k in 1..120usize {
        let at = (k * 7919) % bytes.len();
        let truncated = String::from_utf8_lossy(&bytes[..at]).into_owned();
        let mut damaged = bytes.to_vec();
        damaged[at] = match damaged[at] {
            b'{' => b'[',
            b'"' => b'\'',
            b':' => b';',
            _ => b'}',
        };
        // Damage that breaks the JSON must be refused (other damage may load).
        if serde_json::from_slice::<serde_json::Value>(&damaged).is_err() {
            damage_breaking_json += 1;
        }
        for (doc, refused) in [
            (truncated, &mut truncations_refused),
            (
                String::from_utf8_lossy(&damaged).into_owned(),
                &mut damage_refused,
            ),
        ] {
            match Snapshot::from_json(doc) {
                Ok(_) => {}
                Err(e) => {
                    *refused += 1;
                    let msg = e.to_string();
                    assert!(
                        msg.contains("line ") || msg.contains("version"),
                        "error without a position: {msg}"
                    );
                }
            }
        }
    }
    assert_eq!(truncations_refused, 119, "every truncation is refused");
    // Every damage that breaks the JSON is refused (before: at least 25 of 119, a count
    // that depended on where the demo's strings fall).
    assert!(damage_breaking_json >= 10, "{damage_breaking_json}");
    assert!(
        damage_refused >= damage_breaking_json,
        "only {damage_refused} of {damage_breaking_json} documents with broken JSON were refused"
    );
}
