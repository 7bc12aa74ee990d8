//! `storage.blob_anonymous_access_disabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::ids;
use crate::model::{Arm, BlobContainer, StorageAccount};

/// No anonymous read access to blobs.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "storage.blob_anonymous_access_disabled",
        title: "Anonymous (public) blob access is disabled",
        service: "storage",
        level: 1,
        severity: Severity::High,
        reads: &[super::ACCOUNTS, super::CONTAINERS],
        rule: "Per account: fail if `allowBlobPublicAccess` is true or absent (absent means allowed on accounts created before the default changed), pass if false. Per container: fail if `publicAccess` is `Blob` or `Container` while its account allows public access; pass otherwise; unknown when the account or the container's setting cannot be read.",
        rationale: "Anonymous access lets anyone who learns a container's URL list or read its blobs, with no credential and no audit trail tied to an identity.",
        remediation: Remediation {
            portal: "Storage account > Settings > Configuration > Allow Blob anonymous access: Disabled; then set each container's access level to Private.",
            cli: "az storage account update --name <account> --resource-group <rg> --allow-blob-public-access false",
        },
        cis: &["4.17"],
        references: &[
            "https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let accounts = cx.view::<Arm<StorageAccount>>();
    cx.each::<StorageAccount>(&covered, out, |r, acct, out| {
        let v = acct.properties.allow_blob_public_access;
        let ev = crate::evidence!({"allowBlobPublicAccess": v});
        match v {
            Some(false) => out.pass(r, "Anonymous blob access is disallowed on the account.", ev),
            Some(true) => {
                out.fail(r, "The account allows anonymous blob access.", ev);
            }
            // Older accounts omit the property and still allow anonymous access.
            None => {
                out.fail(r, "The account does not set allowBlobPublicAccess, so anonymous access is allowed (pre-2023 default).", ev);
            }
        }
    });
    cx.each::<BlobContainer>(&covered, out, |r, c, out| {
        let level = c.properties.public_access.as_deref();
        // The container's account: <account>/blobServices/default/containers/<name>.
        let account = ids::parent_of(r.id()).and_then(ids::parent_of);
        let allowed = account
            .and_then(|a| cx.snapshot.get(a))
            .and_then(|a| accounts.get(a))
            .and_then(|a| a.ok())
            .map(|a| a.properties.allow_blob_public_access != Some(false));
        let ev = crate::evidence!({"publicAccess": level, "accountAllowsPublicAccess": allowed});
        match (level, allowed) {
            (None, _) => out.unknown(r, "The container does not report publicAccess.", ev),
            (Some(l), _) if l.eq_ignore_ascii_case("None") => out.pass(r, "The container is private.", ev),
            (Some(_), Some(false)) => out.pass(r, "The container requests public access, but the account disallows it, so it is private.", ev),
            (Some(l), Some(true)) => {
                out.fail(r, format!("The container allows anonymous {} access.", l.to_ascii_lowercase()), ev);
            }
            (Some(_), None) => out.unknown(r, "The container requests public access and its account's setting could not be read.", ev),
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{ACCOUNTS, CONTAINERS};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let open = arm(ACCOUNTS, "stopen", json!({"allowBlobPublicAccess": true}));
    let closed = arm(
        ACCOUNTS,
        "stclosed",
        json!({"allowBlobPublicAccess": false}),
    );
    let legacy = arm(
        ACCOUNTS,
        "stlegacy",
        json!({"supportsHttpsTrafficOnly": true}),
    );
    let svc = |a: &serde_json::Value| child(a, "blobServices", "default", json!({}));
    let c_pub = child(
        &svc(&open),
        "containers",
        "pub",
        json!({"publicAccess": "Container"}),
    );
    let c_priv = child(
        &svc(&open),
        "containers",
        "priv",
        json!({"publicAccess": "None"}),
    );
    let c_masked = child(
        &svc(&closed),
        "containers",
        "masked",
        json!({"publicAccess": "Blob"}),
    );
    let c_blank = child(&svc(&closed), "containers", "blank", json!({}));
    let ids: Vec<String> = [
        &open, &closed, &legacy, &c_pub, &c_priv, &c_masked, &c_blank,
    ]
    .iter()
    .map(|v| id_of(v))
    .collect();
    vec![
        Case::new(
            "accounts and containers",
            doc(
                vec![
                    open.clone(),
                    closed,
                    legacy,
                    c_pub,
                    c_priv,
                    c_masked,
                    c_blank,
                ],
                &[ACCOUNTS, CONTAINERS],
            ),
            vec![
                e(&ids[0], Fail),
                e(&ids[1], Pass),
                e(&ids[2], Fail),
                e(&ids[3], Fail),
                e(&ids[4], Pass),
                e(&ids[5], Pass),
                e(&ids[6], Unknown),
            ],
        ),
        Case::new(
            "containers forbidden",
            forbid(doc(vec![open], &[ACCOUNTS]), CONTAINERS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
