//! `sql.auditing_enabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::SqlAuditing;

/// SQL server auditing is on and kept long enough.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.auditing_enabled",
        title: "SQL server auditing is enabled with sufficient retention",
        service: "sql",
        level: 1,
        severity: Severity::High,
        reads: &[super::SERVERS, super::AUDITING],
        rule: "Pass iff the server's auditing `state` is Enabled and, when audit logs go to storage (`storageEndpoint` set), `retentionDays` is 0 (forever) or >= `cfg.sql_audit_retention_days` (90). Unknown when the server has no auditing record or the state is absent.",
        rationale: "Server-level auditing records logins, queries and permission changes on every database; without it, misuse of data cannot be detected or investigated.",
        remediation: Remediation {
            portal: "SQL server > Security > Auditing > Enable Azure SQL Auditing, with a Log Analytics destination or storage retention of at least 90 days.",
            cli: "az sql server audit-policy update --resource-group <rg> --name <server> --state Enabled --lats Enabled --lawri <workspace-id>",
        },
        cis: &["5.1.1", "5.1.6"],
        references: &["https://learn.microsoft.com/azure/azure-sql/database/auditing-overview"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let min = i64::from(cx.config.sql_audit_retention_days);
    super::each_server_policy::<SqlAuditing>(
        cx,
        CHECK.meta.reads,
        out,
        "auditing settings",
        |r, a, out| {
            let to_storage = a.storage_endpoint.as_deref().is_some_and(|s| !s.is_empty());
            let ev = crate::evidence!({"state": a.state, "retentionDays": a.retention_days, "storageEndpoint": a.storage_endpoint});
            if a.state.is_none() {
                out.unknown(r, "The auditing settings do not report a state.", ev);
            } else if !is(&a.state, "Enabled") {
                out.fail(r, "Server auditing is disabled.", ev);
            } else if !to_storage {
                out.pass(r, "Server auditing is enabled (not kept in storage, so storage retention does not apply).", ev);
            } else {
                match a.retention_days {
                    Some(0) => out.pass(r, "Server auditing is enabled and kept forever.", ev),
                    Some(d) if d >= min => out.pass(
                        r,
                        format!("Server auditing is enabled and kept {d} days."),
                        ev,
                    ),
                    Some(d) => {
                        out.fail(r, format!("Audit logs are kept only {d} days in storage (at least {min} required)."), ev);
                    }
                    None => out.unknown(
                        r,
                        "Auditing goes to storage but retentionDays is not reported.",
                        ev,
                    ),
                }
            }
        },
    );
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{AUDITING, SERVERS};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let mk = |name: &str, audit: Option<serde_json::Value>| {
        let s = arm(SERVERS, name, json!({}));
        let mut v = vec![s.clone()];
        if let Some(a) = audit {
            v.push(child(&s, "auditingSettings", "default", a));
        }
        (id_of(&s), v)
    };
    let (forever, r1) = mk(
        "sqlforever",
        Some(
            json!({"state": "Enabled", "retentionDays": 0, "storageEndpoint": "https://st.blob.core.windows.net"}),
        ),
    );
    let (law, r2) = mk(
        "sqllaw",
        Some(json!({"state": "Enabled", "isAzureMonitorTargetEnabled": true})),
    );
    let (short, r3) = mk(
        "sqlshort",
        Some(
            json!({"state": "Enabled", "retentionDays": 30, "storageEndpoint": "https://st.blob.core.windows.net"}),
        ),
    );
    let (off, r4) = mk("sqloff", Some(json!({"state": "Disabled"})));
    let (missing, r5) = mk("sqlmissing", None);
    let all: Vec<_> = [r1, r2, r3, r4, r5].concat();
    vec![
        Case::new(
            "mixed",
            doc(all.clone(), &[SERVERS, AUDITING]),
            vec![
                e(forever, Pass),
                e(law, Pass),
                e(short, Fail),
                e(off, Fail),
                e(missing, Unknown),
            ],
        ),
        Case::new(
            "auditing forbidden",
            forbid(doc(all, &[SERVERS]), AUDITING),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
