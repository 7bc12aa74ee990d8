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
        rule: "Pass iff the server's security alert policy is `Enabled` and has `emailAccountAdmins` true; fail when `emailAccountAdmins` is false or the policy's `state` is not `Enabled` (`Disabled`, or `New` for one never set: no alert is raised, so none is sent: the deprecated built-in policy misses this); unknown when either is absent. The addresses in `emailAddresses` (an element may hold several, `;`-separated) are reported as evidence.",
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
            let ev = crate::evidence!({"state": p.state, "emailAccountAdmins": p.email_account_admins, "emailAddresses": emails});
            if let Some(state) = p
                .state
                .as_deref()
                .filter(|s| !s.eq_ignore_ascii_case("Enabled"))
            {
                out.fail(r, format!("The security alert policy is {state}: no alert is raised, so none reaches the administrators."), ev);
                return;
            }
            if p.state.is_none() {
                out.unknown(
                    r,
                    "The security alert policy does not report its state.",
                    ev,
                );
                return;
            }
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
    // As ServerSecurityAlertsListByServer (2023-08-01) returns a policy.
    let mk = |name: &str, p: serde_json::Value| {
        let s = arm(SERVERS, name, json!({}));
        let mut props = json!({"state": "Enabled", "disabledAlerts": [], "emailAddresses": [], "emailAccountAdmins": true,
                               "storageEndpoint": "", "storageAccountAccessKey": "", "retentionDays": 0, "creationTime": "2026-01-01T00:00:00Z"});
        for (k, v) in p.as_object().into_iter().flatten() {
            props[k] = v.clone();
        }
        props.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        let c = child(&s, "securityAlertPolicies", "Default", props);
        (id_of(&s), vec![s, c])
    };
    let (yes, r1) = mk(
        "sqlyes",
        json!({"emailAccountAdmins": true, "emailAddresses": ["a@contoso.com;b@contoso.com"]}),
    );
    let (no, r2) = mk("sqlno", json!({"emailAccountAdmins": false}));
    let (blank, r3) = mk("sqlblank", json!({"emailAccountAdmins": null}));
    // Changed from pass: a disabled policy raises no alert to send.
    let (off, r4) = mk(
        "sqloff",
        json!({"state": "Disabled", "emailAccountAdmins": true}),
    );
    let (never, r5) = mk(
        "sqlnew",
        json!({"state": "New", "emailAccountAdmins": true}),
    );
    let (stateless, r6) = mk("sqlstateless", json!({"state": null}));
    let all = [r1, r2, r3, r4, r5, r6].concat();
    vec![
        Case::new(
            "mixed",
            doc(all.clone(), &[SERVERS, ALERT_POLICIES]),
            vec![
                e(yes, Pass),
                e(no, Fail),
                e(blank, Unknown),
                e(off, Fail),
                e(never, Fail),
                e(stateless, Unknown),
            ],
        ),
        Case::new(
            "policies not collected",
            doc(all[..1].to_vec(), &[SERVERS]),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
