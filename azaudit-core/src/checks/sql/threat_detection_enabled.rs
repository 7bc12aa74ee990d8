//! `sql.threat_detection_enabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::SqlAlertPolicy;

/// SQL threat detection is on for every alert type.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.threat_detection_enabled",
        title: "SQL server threat detection is enabled for all alert types",
        service: "sql",
        level: 1,
        severity: Severity::High,
        reads: &[super::SERVERS, super::ALERT_POLICIES],
        rule: "Pass iff the server's security alert policy `state` is Enabled and `disabledAlerts` is empty (or holds only empty strings); fail otherwise; unknown when the policy or its state is absent.",
        rationale: "Threat detection raises alerts on SQL injection, anomalous access and brute force; turned off, or with alert types disabled, those attacks go unnoticed.",
        remediation: Remediation {
            portal: "SQL server > Security > Microsoft Defender for Cloud > Enable Microsoft Defender for SQL; leave every alert type enabled.",
            cli: "az sql server threat-policy update --resource-group <rg> --name <server> --state Enabled --disabled-alerts \"\"",
        },
        cis: &[],
        references: &[
            "https://learn.microsoft.com/azure/azure-sql/database/threat-detection-overview",
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
            let disabled: Vec<&str> = p
                .disabled_alerts
                .iter()
                .flatten()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            let ev = crate::evidence!({"state": p.state, "disabledAlerts": disabled});
            if p.state.is_none() {
                out.unknown(r, "The security alert policy does not report a state.", ev);
            } else if !is(&p.state, "Enabled") {
                out.fail(r, "Threat detection is not enabled.", ev);
            } else if !disabled.is_empty() {
                out.fail(
                    r,
                    format!(
                        "Threat detection is enabled but these alert types are off: {}.",
                        disabled.join(", ")
                    ),
                    ev,
                );
            } else {
                out.pass(r, "Threat detection is enabled for all alert types.", ev);
            }
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
    let (on, r1) = mk("sqlon", json!({"state": "Enabled", "disabledAlerts": [""]}));
    let (partial, r2) = mk(
        "sqlpartial",
        json!({"state": "Enabled", "disabledAlerts": ["Sql_Injection"]}),
    );
    let (off, r3) = mk("sqloff", json!({"state": "Disabled"}));
    let (blank, r4) = mk("sqlblank", json!({}));
    let all = [r1, r2, r3, r4].concat();
    vec![
        Case::new(
            "mixed",
            doc(all.clone(), &[SERVERS, ALERT_POLICIES]),
            vec![
                e(on, Pass),
                e(partial, Fail),
                e(off, Fail),
                e(blank, Unknown),
            ],
        ),
        Case::new(
            "servers forbidden",
            forbid(doc(all, &[ALERT_POLICIES]), SERVERS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
