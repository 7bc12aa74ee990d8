//! `storage.logging_enabled`

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use std::borrow::Cow;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::{Severity, Status};
use crate::model::{Arm, DiagnosticSetting, StorageAccount};

#[cfg(test)]
const DIAG: &ResourceType = &resource_types::DIAGNOSTIC_SETTINGS;
/// What the check reads: the services' settings, covered apart from a subscription's own.
const SERVICE_DIAGNOSTICS: &ResourceType = &resource_types::STORAGE_DIAGNOSTIC_SETTINGS;
const SERVICES: [(&str, &str); 3] = [
    (
        "blobServices",
        "Microsoft.Storage/storageAccounts/blobServices",
    ),
    (
        "queueServices",
        "Microsoft.Storage/storageAccounts/queueServices",
    ),
    (
        "tableServices",
        "Microsoft.Storage/storageAccounts/tableServices",
    ),
];

/// Read, write and delete requests to blob, queue and table services are logged.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "storage.logging_enabled",
        title: "Storage blob, queue and table services log read, write and delete requests",
        service: "storage",
        level: 2,
        severity: Severity::Medium,
        reads: &[super::ACCOUNTS, SERVICE_DIAGNOSTICS],
        rule: "Per account and service (`<account>/blobServices/default`, `/queueServices/default`, `/tableServices/default`): pass iff an enabled diagnostic setting on the service sends StorageRead, StorageWrite and StorageDelete (or the category group `allLogs` or `audit`) to a destination; fail otherwise. A service the account's kind does not have gives no finding: FileStorage has none of the three, BlobStorage, BlockBlobStorage and premium general-purpose accounts (`sku.tier` Premium) no queue or table service (as the Azure Policy definitions, which judge only services that exist).",
        rationale: "Without resource logs there is no record of who read, changed or deleted data, so a breach or an insider's misuse cannot be investigated.",
        remediation: Remediation {
            portal: "Storage account > Monitoring > Diagnostic settings > blob, queue and table > Add diagnostic setting: StorageRead, StorageWrite, StorageDelete to a Log Analytics workspace.",
            cli: "az monitor diagnostic-settings create --name audit --resource <account-id>/blobServices/default --workspace <workspace-id> --logs '[{\"categoryGroup\":\"allLogs\",\"enabled\":true}]'",
        },
        cis: &["4.12", "4.13", "4.14"],
        references: &["https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

/// Whether a diagnostic setting logs reads, writes and deletes.
pub(crate) fn logs_rwd(d: &DiagnosticSetting) -> bool {
    let has_dest = crate::checks::monitor::has_destination(d);
    let logs = d.logs.as_deref().unwrap_or_default();
    let on = |want: &str| {
        logs.iter().any(|l| {
            l.enabled == Some(true)
                && (l
                    .category
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(want))
                    || l.category_group.as_deref().is_some_and(|g| {
                        g.eq_ignore_ascii_case("allLogs") || g.eq_ignore_ascii_case("audit")
                    }))
        })
    };
    has_dest && on("StorageRead") && on("StorageWrite") && on("StorageDelete")
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let diags = cx.view::<Arm<DiagnosticSetting>>();
    // Each setting by the account and service it is on, read off its id
    // (`<account>/<service>/default/providers/Microsoft.Insights/diagnosticSettings/<name>`):
    // one pass over the settings instead of three lookups per account.
    type OnService<'s> = (
        usize,
        &'s str,
        crate::snapshot::Record<'s>,
        Result<&'s Arm<DiagnosticSetting>, &'s str>,
    );
    let mut by_account: crate::intern::IdHashMap<Vec<OnService<'_>>> = Default::default();
    for (d, parsed) in diags.iter(cx.snapshot) {
        let Some(service) = crate::ids::parent_of(d.id()) else {
            continue;
        };
        if let Some((k, account)) = SERVICES
            .iter()
            .enumerate()
            .find_map(|(k, (segment, _))| account_of(service, segment).map(|a| (k, a)))
        {
            by_account
                .entry(crate::intern::hash_ci(account))
                .or_default()
                .push((k, account, d, parsed));
        }
    }
    // Reused for every account: three ids and a few names each, a million times over.
    let mut service_id = String::new();
    let mut names: Vec<&str> = Vec::new();
    cx.each::<StorageAccount>(&covered, out, |r, _acct, out| {
        // Read only on the way to a failure: whether the account's kind has the service.
        let mut services: Option<[bool; 3]> = None;
        let on_account = by_account
            .get(&crate::intern::hash_ci(r.id()))
            .map_or(&[][..], Vec::as_slice);
        for (k, (segment, ty)) in SERVICES.into_iter().enumerate() {
            service_id.clear();
            service_id.push_str(r.id());
            service_id.push('/');
            service_id.push_str(segment);
            service_id.push_str("/default");
            names.clear();
            let mut unreadable = None;
            let mut good = None;
            let here = on_account
                .iter()
                .filter(|(sk, account, _, _)| *sk == k && crate::ids::same_id(account, r.id()));
            for (_, _, d, parsed) in here {
                match parsed {
                    Ok(s) => {
                        names.push(d.name());
                        if logs_rwd(&s.properties) {
                            good = Some(d.name());
                        }
                    }
                    Err(e) => unreadable = Some(e.to_string()),
                }
            }
            let ev = crate::evidence!({"diagnosticSettings": names});
            let subject = out.subject_within(r, &service_id, ty);
            let (status, message): (Status, Cow<'static, str>) = match (good, unreadable) {
                (Some(n), _) => (
                    Status::Pass,
                    format!(
                        "Diagnostic setting '{n}' logs StorageRead, StorageWrite and StorageDelete."
                    )
                    .into(),
                ),
                (None, Some(e)) => (Status::Unknown, e.into()),
                (None, None) if !services.get_or_insert_with(|| services_of(r))[k] => continue,
                (None, None) if names.is_empty() => (Status::Fail, no_setting(segment).into()),
                (None, None) => (Status::Fail, incomplete(segment).into()),
            };
            out.push(status, subject, message, ev);
        }
    });
    Ok(())
}

/// Which of the blob, queue and table services an account has, by its `kind` and `sku`:
/// FileStorage has none of them; BlobStorage, BlockBlobStorage and premium general-purpose
/// accounts (page blobs) have no queue or table service. A record that does not say has all.
fn services_of(r: &crate::Record<'_>) -> [bool; 3] {
    // Read off the text around `properties` rather than parsed: a million accounts may fail
    // this check.
    let field = |k: &str| crate::checks::raw_string_field(r, k).flatten();
    let kind = field("kind").unwrap_or_default();
    if kind.eq_ignore_ascii_case("FileStorage") {
        [false; 3]
    } else if kind.eq_ignore_ascii_case("BlobStorage")
        || kind.eq_ignore_ascii_case("BlockBlobStorage")
        || field("tier").is_some_and(|t| t.eq_ignore_ascii_case("Premium"))
    {
        [true, false, false]
    } else {
        [true; 3]
    }
}

/// The account id of a service id `<account>/<segment>/default`, ASCII case ignored.
fn account_of<'a>(service: &'a str, segment: &str) -> Option<&'a str> {
    let b = service.trim_end_matches('/').as_bytes();
    let strip = |b: &'a [u8], tail: &[u8]| -> Option<&'a [u8]> {
        let cut = b.len().checked_sub(tail.len())?;
        b[cut..].eq_ignore_ascii_case(tail).then(|| &b[..cut])
    };
    let rest = strip(b, b"/default")?;
    let rest = strip(rest, segment.as_bytes())?;
    let account = strip(rest, b"/")?;
    // The cut falls just before an ASCII `/`: a character boundary.
    service.get(..account.len())
}

fn no_setting(segment: &str) -> &'static str {
    match segment {
        "blobServices" => {
            "The blob service has no diagnostic setting: reads, writes and deletes are not logged."
        }
        "queueServices" => {
            "The queue service has no diagnostic setting: reads, writes and deletes are not logged."
        }
        _ => {
            "The table service has no diagnostic setting: reads, writes and deletes are not logged."
        }
    }
}

fn incomplete(segment: &str) -> &'static str {
    match segment {
        "blobServices" => {
            "No diagnostic setting on the blob service logs all of StorageRead, StorageWrite and StorageDelete."
        }
        "queueServices" => {
            "No diagnostic setting on the queue service logs all of StorageRead, StorageWrite and StorageDelete."
        }
        _ => {
            "No diagnostic setting on the table service logs all of StorageRead, StorageWrite and StorageDelete."
        }
    }
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::ACCOUNTS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let acct = arm(ACCOUNTS, "stlog", json!({}));
    let a = id_of(&acct);
    let diag = |svc: &str, name: &str, logs: serde_json::Value| {
        json!({
        "id": format!("{a}/{svc}/default/providers/Microsoft.Insights/diagnosticSettings/{name}"),
        "type": DIAG, "name": name,
        "properties": {"workspaceId": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w", "logs": logs}})
    };
    let all = diag(
        "blobServices",
        "all",
        json!([{"categoryGroup": "allLogs", "enabled": true}]),
    );
    let partial = diag(
        "queueServices",
        "partial",
        json!([{"category": "StorageRead", "enabled": true}, {"category": "StorageWrite", "enabled": true}, {"category": "StorageDelete", "enabled": false}]),
    );
    let broken = json!({"id": format!("{a}/tableServices/default/providers/Microsoft.Insights/diagnosticSettings/broken"), "type": DIAG, "properties": {"logs": "yes"}});
    // As listDiagnosticSettings.json (2021-05-01-preview) writes an unset destination.
    let nowhere = json!({
        "id": format!("{a}/blobServices/default/providers/microsoft.insights/diagnosticSettings/nowhere"),
        "type": DIAG, "name": "nowhere",
        "properties": {"workspaceId": "", "logs": [{"categoryGroup": "allLogs", "enabled": true, "retentionPolicy": {"enabled": false, "days": 0}}]}});
    vec![
        Case::new(
            "per service",
            doc(
                vec![acct.clone(), all, partial, broken],
                &[ACCOUNTS, SERVICE_DIAGNOSTICS],
            ),
            vec![
                e(format!("{a}/blobServices/default"), Pass),
                e(format!("{a}/queueServices/default"), Fail),
                e(format!("{a}/tableServices/default"), Unknown),
            ],
        ),
        Case::new(
            "a setting whose only destination is an empty workspace id",
            doc(
                vec![acct.clone(), nowhere],
                &[ACCOUNTS, SERVICE_DIAGNOSTICS],
            ),
            vec![
                e(format!("{a}/blobServices/default"), Fail),
                e(format!("{a}/queueServices/default"), Fail),
                e(format!("{a}/tableServices/default"), Fail),
            ],
        ),
        Case::new(
            "no settings",
            doc(vec![acct.clone()], &[ACCOUNTS, SERVICE_DIAGNOSTICS]),
            vec![
                e(format!("{a}/blobServices/default"), Fail),
                e(format!("{a}/queueServices/default"), Fail),
                e(format!("{a}/tableServices/default"), Fail),
            ],
        ),
        // Changed from fail: services these kinds do not have give no finding.
        Case::new(
            "kinds without some services",
            {
                let with = |name: &str, kind: &str, sku: &str, tier: &str| {
                    let mut v = arm(ACCOUNTS, name, json!({}));
                    v["kind"] = json!(kind);
                    v["sku"] = json!({"name": sku, "tier": tier});
                    v
                };
                doc(
                    vec![
                        with("stblock", "BlockBlobStorage", "Premium_LRS", "Premium"),
                        with("stfiles", "FileStorage", "Premium_ZRS", "Premium"),
                        with("stpremium", "StorageV2", "Premium_LRS", "Premium"),
                        with("stlegacy", "BlobStorage", "Standard_RAGRS", "Standard"),
                    ],
                    &[ACCOUNTS, SERVICE_DIAGNOSTICS],
                )
            },
            vec![
                e(
                    format!("{}/blobServices/default", rid(ACCOUNTS, "stblock")),
                    Fail,
                ),
                e(
                    format!("{}/blobServices/default", rid(ACCOUNTS, "stpremium")),
                    Fail,
                ),
                e(
                    format!("{}/blobServices/default", rid(ACCOUNTS, "stlegacy")),
                    Fail,
                ),
            ],
        ),
        Case::new(
            "settings not collected",
            doc(vec![acct.clone()], &[ACCOUNTS]),
            vec![e(sub_scope(), Unknown)],
        ),
        // The subscription's own settings (the activity log's) say nothing of the services'.
        Case::new(
            "only the subscription's settings collected",
            doc(vec![acct.clone()], &[ACCOUNTS, DIAG]),
            vec![e(sub_scope(), Unknown)],
        ),
        // A snapshot written by hand, without coverage: settings present means collected.
        Case::new(
            "no coverage entry, settings present",
            {
                let mut d = doc(
                    vec![
                        acct,
                        diag(
                            "blobServices",
                            "all",
                            json!([{"categoryGroup": "allLogs", "enabled": true}]),
                        ),
                    ],
                    &[ACCOUNTS],
                );
                d["coverage"] = json!([]);
                d
            },
            vec![
                e(format!("{a}/blobServices/default"), Pass),
                e(format!("{a}/queueServices/default"), Fail),
                e(format!("{a}/tableServices/default"), Fail),
            ],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::account_of;

    #[test]
    fn a_setting_is_placed_on_its_account_and_service() {
        let acct =
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";
        let svc = format!("{acct}/blobServices/default");
        assert_eq!(account_of(&svc, "blobServices"), Some(acct));
        assert_eq!(
            account_of(&svc.to_ascii_uppercase(), "blobServices").map(str::len),
            Some(acct.len())
        );
        assert_eq!(account_of(&format!("{svc}/"), "blobServices"), Some(acct));
        assert_eq!(account_of(&svc, "queueServices"), None);
        assert_eq!(
            account_of(&format!("{acct}/xblobServices/default"), "blobServices"),
            None
        );
        assert_eq!(account_of("blobServices/default", "blobServices"), None);
    }
}
