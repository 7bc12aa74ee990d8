//! `storage.default_network_access_denied`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::StorageAccount;

/// The storage firewall denies by default.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "storage.default_network_access_denied",
        title: "Storage account firewalls deny access by default",
        service: "storage",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::ACCOUNTS],
        rule: "Pass iff `publicNetworkAccess` is `Disabled` (whatever `networkAcls` says) or `networkAcls.defaultAction` is `Deny`; fail when the default action is `Allow`; unknown when neither is reported.",
        rationale: "With the default action Allow, the account's endpoints accept connections from any network; a leaked key or SAS token is then usable from anywhere.",
        remediation: Remediation {
            portal: "Storage account > Security + networking > Networking > Public network access: 'Enabled from selected virtual networks and IP addresses' (or Disabled), then add the networks that need access.",
            cli: "az storage account update --name <account> --resource-group <rg> --default-action Deny",
        },
        cis: &["4.7"],
        references: &["https://learn.microsoft.com/azure/storage/common/storage-network-security"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<StorageAccount>(&covered, out, |r, acct, out| {
        let p = &acct.properties;
        let action = p.network_acls.as_ref().and_then(|n| n.default_action.clone());
        let ev = crate::evidence!({"publicNetworkAccess": p.public_network_access, "networkAcls.defaultAction": action});
        let ok = if is(&p.public_network_access, "Disabled") || is(&action, "Deny") {
            Some(true)
        } else if is(&action, "Allow") {
            Some(false)
        } else {
            None
        };
        out.judge(r, ok, [
            "Public network access is disabled or the firewall denies by default.",
            "The firewall's default action is Allow: every network can reach the account.",
            "Neither publicNetworkAccess nor networkAcls.defaultAction is reported.",
        ], ev);
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::ACCOUNTS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let deny = arm(
        ACCOUNTS,
        "stdeny",
        json!({"networkAcls": {"defaultAction": "Deny"}}),
    );
    let off = arm(
        ACCOUNTS,
        "stoff",
        json!({"publicNetworkAccess": "Disabled", "networkAcls": {"defaultAction": "Allow"}}),
    );
    let allow = arm(
        ACCOUNTS,
        "stallow",
        json!({"publicNetworkAccess": "Enabled", "networkAcls": {"defaultAction": "Allow"}}),
    );
    let blank = arm(ACCOUNTS, "stblank", json!({}));
    let ids: Vec<String> = [&deny, &off, &allow, &blank]
        .iter()
        .map(|v| id_of(v))
        .collect();
    vec![
        Case::new(
            "mixed",
            doc(vec![deny.clone(), off, allow, blank], &[ACCOUNTS]),
            vec![
                e(&ids[0], Pass),
                e(&ids[1], Pass),
                e(&ids[2], Fail),
                e(&ids[3], Unknown),
            ],
        ),
        Case::new(
            "error",
            forbid(doc(vec![deny], NOTHING), ACCOUNTS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
