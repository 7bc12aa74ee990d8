//! `monitor.activity_log_container_private`

use crate::resource_types::{self, ResourceType};
use std::collections::BTreeMap;

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::checks::is;
use crate::finding::{Severity, Status};
use crate::ids;
use crate::model::{Arm, BlobContainer, StorageAccount};

const ACCOUNTS: &ResourceType = &resource_types::STORAGE_ACCOUNTS;
const CONTAINERS: &ResourceType = &resource_types::BLOB_CONTAINERS;

/// The storage container holding the exported activity log is not public.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "monitor.activity_log_container_private",
        title: "The storage container holding activity logs is not publicly accessible",
        service: "monitor",
        level: 1,
        severity: Severity::High,
        reads: &[super::LOG_PROFILES, super::DIAG, ACCOUNTS, CONTAINERS],
        rule: "Per storage account the activity log is exported to: pass iff the account's `allowBlobPublicAccess` is false and its container `insights-activity-logs` (when it exists yet) has `publicAccess` None; fail when the account allows public access or the container is public; unknown when the account or its containers were not collected.",
        rationale: "The activity log reveals the tenant's structure, identities and IP addresses; a public container hands that map to anyone.",
        remediation: Remediation {
            portal: "Storage account > Configuration > Allow Blob anonymous access: Disabled; Containers > insights-activity-logs > Change access level: Private.",
            cli: "az storage account update --name <account> --resource-group <rg> --allow-blob-public-access false",
        },
        cis: &[],
        references: &["https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(super::EXPORT_READS, out);
    // Account id (as written) -> the exports that send to it.
    let mut targets: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for sub in cx.snapshot.subscriptions() {
        if !covered.contains_subscription(&sub.subscription_id) {
            continue;
        }
        for x in super::exports(cx, &sub.subscription_id).0 {
            if let Some(acct) = x.storage_account() {
                targets
                    .entry(acct.to_ascii_lowercase())
                    .or_insert_with(|| (acct.to_string(), Vec::new()))
                    .1
                    .push(x.name());
            }
        }
    }
    let accounts = cx.view::<Arm<StorageAccount>>();
    let containers = cx.view::<Arm<BlobContainer>>();
    for (id, exporters) in targets.into_values() {
        let scope = ids::scope_of(&id).unwrap_or_default().to_string();
        let ev_base = crate::evidence!({"exportedBy": exporters});
        let subject = || Subject::other(id.clone(), ACCOUNTS.name);
        if let Some(reason) = cx.first_missing(&scope, &[ACCOUNTS, CONTAINERS]) {
            out.push(Status::Unknown, subject(), reason, ev_base);
            continue;
        }
        let Some(rec) = cx.snapshot.get(&id) else {
            out.push(
                Status::Unknown,
                subject(),
                "The storage account the activity log is exported to is not in the snapshot.",
                ev_base,
            );
            continue;
        };
        let allow = match accounts.get(rec) {
            Some(Ok(a)) => a.properties.allow_blob_public_access,
            Some(Err(e)) => {
                out.unknown(&rec, e.to_string(), ev_base);
                continue;
            }
            None => None,
        };
        let container = cx.snapshot.get(&format!(
            "{}/blobServices/default/containers/insights-activity-logs",
            rec.id()
        ));
        let access = container
            .and_then(|c| containers.get(c))
            .and_then(|c| c.ok())
            .map(|c| c.properties.public_access.clone());
        let ev = crate::evidence!({"exportedBy": exporters, "allowBlobPublicAccess": allow, "insights-activity-logs.publicAccess": access.clone().flatten()});
        match (allow, access) {
            (Some(true) | None, _) => {
                out.fail(
                    &rec,
                    "The activity log's storage account allows anonymous blob access.",
                    ev,
                );
            }
            (Some(false), Some(Some(a))) if !is(&Some(a.clone()), "None") => {
                out.fail(
                    &rec,
                    format!("The insights-activity-logs container requests {a} access."),
                    ev,
                );
            }
            (Some(false), Some(None)) if container.is_some() => out.unknown(
                &rec,
                "The insights-activity-logs container does not report publicAccess.",
                ev,
            ),
            // No container yet, or a private one: the account forbids anonymous access anyway.
            (Some(false), _) => out.pass(
                &rec,
                "The activity log container is private and the account forbids anonymous access.",
                ev,
            ),
        }
    }
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::fixtures::*;
    use super::{DIAG, LOG_PROFILES};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let reads = &[LOG_PROFILES, DIAG, ACCOUNTS, CONTAINERS];
    let to = |name: &str, acct: &str| {
        setting(
            name,
            json!({"storageAccountId": storage_id(acct), "logs": logs(&["Administrative"])}),
        )
    };
    let acct = |name: &str, allow: Option<bool>| {
        arm(
            ACCOUNTS,
            name,
            match allow {
                Some(a) => json!({"allowBlobPublicAccess": a}),
                None => json!({}),
            },
        )
    };
    let cont = |a: &serde_json::Value, access: &str| {
        child(
            &child(a, "blobServices", "default", json!({})),
            "containers",
            "insights-activity-logs",
            json!({"publicAccess": access}),
        )
    };
    let private = acct("stprivate", Some(false));
    let open = acct("stopen", Some(true));
    let masked = acct("stmasked", Some(false));
    let recs = vec![
        to("a", "stprivate"),
        to("b", "stopen"),
        to("c", "stmasked"),
        to("d", "stgone"),
        private.clone(),
        cont(&private, "None"),
        open.clone(),
        cont(&open, "None"),
        masked.clone(),
        cont(&masked, "Container"),
        acct("stunused", Some(true)),
    ];
    vec![
        Case::new(
            "targets",
            doc(recs.clone(), reads),
            vec![
                e(id_of(&private), Pass),
                e(id_of(&open), Fail),
                e(id_of(&masked), Fail),
                e(storage_id("stgone"), Unknown),
            ],
        ),
        Case::new(
            "containers forbidden",
            forbid(doc(recs, &[LOG_PROFILES, DIAG, ACCOUNTS]), CONTAINERS),
            vec![
                e(id_of(&private), Unknown),
                e(id_of(&open), Unknown),
                e(id_of(&masked), Unknown),
                e(storage_id("stgone"), Unknown),
            ],
        ),
        Case::new("no export", doc(vec![private], reads), vec![]),
    ]
}
