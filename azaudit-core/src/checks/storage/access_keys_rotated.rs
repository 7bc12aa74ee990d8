//! `storage.access_keys_rotated`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::StorageAccount;
use crate::time::parse_timestamp;

/// Storage account keys are rotated.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "storage.access_keys_rotated",
        title: "Storage account access keys are rotated regularly",
        service: "storage",
        level: 2,
        severity: Severity::Medium,
        reads: &[super::ACCOUNTS],
        rule: "Pass iff a rotation reminder is set (`keyPolicy.keyExpirationPeriodInDays` <= `cfg.key_rotation_days`, 90: CIS 4.3) and both `keyCreationTime.key1` and `key2` are younger than that at collection time (CIS 4.4): a reminder alone rotates nothing (Azure Policy 044985bb flags keys past it), and young keys without a reminder fail CIS 4.3 as Prowler does. Also pass when `allowSharedKeyAccess` is false: the keys then authorize nothing. Fail when there is no such reminder or a key is older; unknown when a reminder is set but the creation times are absent.",
        rationale: "Shared keys grant full access to the account and never expire by themselves; a key copied into a script or a laptop years ago still works until it is rotated.",
        remediation: Remediation {
            portal: "Storage account > Security + networking > Access keys > Set rotation reminder (90 days or less), and rotate both keys.",
            cli: "az storage account keys renew --account-name <account> --resource-group <rg> --key primary && az storage account update --name <account> --resource-group <rg> --key-exp-days 90",
        },
        cis: &["4.3", "4.4"],
        references: &[
            "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let max_days = i64::from(cx.config.key_rotation_days);
    cx.each::<StorageAccount>(&covered, out, |r, acct, out| {
        let p = &acct.properties;
        let policy = p.key_policy.as_ref().and_then(|k| k.key_expiration_period_in_days);
        let times = p.key_creation_time.as_ref();
        let k1 = times.and_then(|t| t.key1.as_deref());
        let k2 = times.and_then(|t| t.key2.as_deref());
        let age = |t: Option<&str>| t.and_then(parse_timestamp).map(|ts| (cx.now - ts) / 86_400);
        let (a1, a2) = (age(k1), age(k2));
        let ev = crate::evidence!({"keyPolicy.keyExpirationPeriodInDays": policy, "keyCreationTime.key1": k1, "keyCreationTime.key2": k2, "maxDays": max_days});
        if p.allow_shared_key_access == Some(false) {
            out.pass(r, "Shared Key access is disabled: the account keys authorize nothing.", ev);
            return;
        }
        let reminder = policy.is_some_and(|d| d > 0 && d <= max_days);
        let old = [a1, a2].into_iter().flatten().max().filter(|x| *x >= max_days);
        match (reminder, old, a1.zip(a2)) {
            (false, _, _) => {
                let why = match policy {
                    Some(d) => format!("the key rotation reminder is {d} days"),
                    None => "no key rotation reminder (keyPolicy) is set".to_string(),
                };
                let age = old.map(|x| format!(" and a key is {x} days old")).unwrap_or_default();
                out.fail(r, format!("Keys are not rotated within {max_days} days: {why}{age}."), ev);
            }
            (true, Some(x), _) => {
                out.fail(r, format!("A key is {x} days old, past the {max_days}-day reminder: a reminder alone rotates nothing."), ev);
            }
            (true, None, Some((x, y))) => {
                out.pass(r, format!("A {}-day rotation reminder is set and both keys are younger ({x} and {y} days).", policy.unwrap_or_default()), ev);
            }
            (true, None, None) => {
                out.unknown(r, "A rotation reminder is set, but the account does not report both keys' creation times.", ev);
            }
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::ACCOUNTS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let fresh = arm(
        ACCOUNTS,
        "stfresh",
        json!({"keyCreationTime": {"key1": "2026-10-01T00:00:00Z", "key2": "2026-11-01T00:00:00.1234567Z"}}),
    );
    let policy = arm(
        ACCOUNTS,
        "stpolicy",
        json!({"keyPolicy": {"keyExpirationPeriodInDays": 60}, "keyCreationTime": {"key1": "2020-01-01T00:00:00Z", "key2": "2020-01-01T00:00:00Z"}}),
    );
    let stale = arm(
        ACCOUNTS,
        "ststale",
        json!({"keyPolicy": {"keyExpirationPeriodInDays": 365}, "keyCreationTime": {"key1": "2026-10-01T00:00:00Z", "key2": "2025-01-01T00:00:00Z"}}),
    );
    let blank = arm(
        ACCOUNTS,
        "stblank",
        json!({"keyPolicy": {"keyExpirationPeriodInDays": 90}, "keyCreationTime": {"key1": null, "key2": null}}),
    );
    let good = arm(
        ACCOUNTS,
        "stgood",
        json!({"keyPolicy": {"keyExpirationPeriodInDays": 60}, "keyCreationTime": {"key1": "2026-10-01T00:00:00Z", "key2": "2026-11-01T00:00:00Z"}}),
    );
    let keyless = arm(
        ACCOUNTS,
        "stkeyless",
        json!({"allowSharedKeyAccess": false, "keyPolicy": null, "keyCreationTime": {"key1": "2020-01-01T00:00:00Z", "key2": "2020-01-01T00:00:00Z"}}),
    );
    let ids: Vec<String> = [&fresh, &policy, &stale, &blank, &good, &keyless]
        .iter()
        .map(|v| id_of(v))
        .collect();
    let strict = crate::Config {
        key_rotation_days: 30,
        ..Default::default()
    };
    vec![
        Case::new(
            "mixed",
            doc(
                vec![fresh.clone(), policy, stale, blank, good.clone(), keyless],
                &[ACCOUNTS],
            ),
            // Changed from pass: fresh keys without a reminder (CIS 4.3), and a 60-day
            // reminder on keys from 2020 (a reminder rotates nothing).
            vec![
                e(&ids[0], Fail),
                e(&ids[1], Fail),
                e(&ids[2], Fail),
                e(&ids[3], Unknown),
                e(&ids[4], Pass),
                e(&ids[5], Pass),
            ],
        ),
        Case::new(
            "stricter threshold",
            doc(vec![good], &[ACCOUNTS]),
            vec![e(&ids[4], Fail)],
        )
        .with_config(strict),
        Case::new(
            "not collected",
            doc(vec![], NOTHING),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
