//! `sql.alerts_to_admins`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::SqlAlertPolicy;

/// SQL threat alerts are e-mailed to the account administrators.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.alerts_to_admins",
        title: "SQL threat detection alerts are sent to administrators",
        service: "sql",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::SERVERS, super::ALERT_POLICIES],
        rule: "Pass iff the server's security alert policy has `emailAccountAdmins` true; fail when false; unknown when absent. The addresses in `emailAddresses` (an element may hold several, `;`-separated) are reported as evidence.",
        rationale: "An alert nobody reads is no alert: sending them to the subscription's administrators makes sure someone responsible sees an attack in progress.",
        remediation: Remediation {
            portal: "SQL server > Security > Microsoft Defender for Cloud > Configure > Also send e-mail notification to admins and subscription owners: On.",
            cli: "az sql server threat-policy update --resource-group <rg> --name <server> --email-account-admins true",
        },
        cis: &[],
        references: &[
            "https://learn.microsoft.com/azure/azure-sql/database/threat-detection-configure",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::each_server_policy::<SqlAlertPolicy>(
        cx,
        CHECK.meta.reads,
        out,
        "security alert policy",
        |r, p, out| {
            let emails: Vec<&str> = p
                .email_addresses
                .iter()
                .flatten()
                .flat_map(|s| s.split(';'))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let ev = crate::evidence!({"emailAccountAdmins": p.email_account_admins, "emailAddresses": emails});
            out.judge(
                r,
                p.email_account_admins,
                [
                    "Alerts are e-mailed to the account administrators.",
                    "Alerts are not e-mailed to the account administrators.",
                    "The security alert policy does not report emailAccountAdmins.",
                ],
                ev,
            );
        },
    );
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{ALERT_POLICIES, SERVERS};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let mk = |name: &str, p: serde_json::Value| {
        let s = arm(SERVERS, name, json!({}));
        let c = child(&s, "securityAlertPolicies", "Default", p);
        (id_of(&s), vec![s, c])
    };
    let (yes, r1) = mk(
        "sqlyes",
        json!({"emailAccountAdmins": true, "emailAddresses": ["a@contoso.com;b@contoso.com"]}),
    );
    let (no, r2) = mk("sqlno", json!({"emailAccountAdmins": false}));
    let (blank, r3) = mk("sqlblank", json!({"state": "Enabled"}));
    let all = [r1, r2, r3].concat();
    vec![
        Case::new(
            "mixed",
            doc(all.clone(), &[SERVERS, ALERT_POLICIES]),
            vec![e(yes, Pass), e(no, Fail), e(blank, Unknown)],
        ),
        Case::new(
            "policies not collected",
            doc(all[..1].to_vec(), &[SERVERS]),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
