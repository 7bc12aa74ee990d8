//! `storage.secure_transfer_required`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::StorageAccount;

/// Storage accounts accept HTTPS only.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "storage.secure_transfer_required",
        title: "Storage accounts require secure transfer (HTTPS only)",
        service: "storage",
        level: 1,
        severity: Severity::High,
        reads: &[super::ACCOUNTS],
        rule: "Pass iff `supportsHttpsTrafficOnly` is true; absent is unknown.",
        rationale: "Without secure transfer, requests over plain HTTP and SMB without encryption are accepted, exposing data and shared-key signatures to anyone on the path.",
        remediation: Remediation {
            portal: "Storage account > Settings > Configuration > Secure transfer required: Enabled.",
            cli: "az storage account update --name <account> --resource-group <rg> --https-only true",
        },
        cis: &["4.1"],
        references: &[
            "https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<StorageAccount>(&covered, out, |r, acct, out| {
        let v = acct.properties.supports_https_traffic_only;
        out.judge(
            r,
            v,
            [
                "Secure transfer is required.",
                "Secure transfer is not required: the account accepts plain HTTP.",
                "The account does not report supportsHttpsTrafficOnly.",
            ],
            crate::evidence!({"supportsHttpsTrafficOnly": v}),
        );
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let ok = arm(
        super::ACCOUNTS,
        "stok",
        json!({"supportsHttpsTrafficOnly": true}),
    );
    let bad = arm(
        super::ACCOUNTS,
        "stbad",
        json!({"supportsHttpsTrafficOnly": false}),
    );
    let blank = arm(super::ACCOUNTS, "stblank", json!({}));
    let (iok, ibad, iblank) = (id_of(&ok), id_of(&bad), id_of(&blank));
    vec![
        Case::new(
            "mixed",
            doc(vec![ok.clone(), bad, blank], &[super::ACCOUNTS]),
            vec![e(iok, Pass), e(ibad, Fail), e(iblank, Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![ok], NOTHING), super::ACCOUNTS),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "no coverage, no records",
            doc(vec![], NOTHING),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "collected, none exist",
            doc(vec![], &[super::ACCOUNTS]),
            vec![],
        ),
    ]
}
