//! `monitor.activity_log_retention`

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use super::Export;
use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::{Arm, Workspace};

const WORKSPACES: &ResourceType = &resource_types::WORKSPACES;

/// The exported activity log is kept a year or more.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "monitor.activity_log_retention",
        title: "The exported activity log is retained for at least 365 days",
        service: "monitor",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::DIAG, WORKSPACES],
        rule: "Per subscription: pass if a diagnostic setting exports the log to a Log Analytics workspace whose `retentionInDays` >= `cfg.activity_log_retention_days` (365). A log profile's retention policy no longer counts: log profiles were retired on 30 September 2026 and export nothing. Otherwise unknown when some export's retention cannot be seen (a storage account's lifecycle policy, an Event Hub, a workspace not collected); otherwise fail (including no export at all).",
        rationale: "Intrusions are often found months after they begin; an activity log kept for less than a year may no longer show how the attacker got in.",
        remediation: Remediation {
            portal: "Log Analytics workspace > Usage and estimated costs > Data retention: 365 days or more (or a storage lifecycle rule keeping insights-activity-logs a year).",
            cli: "az monitor log-analytics workspace update --resource-group <rg> --workspace-name <workspace> --retention-time 365",
        },
        cis: &[],
        references: &[
            "https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

enum Kept {
    Enough(String),
    Short(String),
    Unseen(String),
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(super::EXPORT_READS, out);
    let min = i64::from(cx.config.activity_log_retention_days);
    let workspaces = cx.view::<Arm<Workspace>>();
    for sub in cx.snapshot.subscriptions() {
        let s = &sub.subscription_id;
        if !covered.contains_subscription(s) {
            continue;
        }
        let (exports, errors) = super::exports(cx, s);
        let mut verdicts: Vec<Kept> = errors.into_iter().map(Kept::Unseen).collect();
        let exports: Vec<&Export<'_>> = exports.iter().filter(|x| x.is_current()).collect();
        for x in &exports {
            let name = x.name();
            verdicts.push(match x {
                Export::Profile(..) => continue,
                Export::Setting(_, d) => {
                    let ws = d.workspace_id.as_deref().filter(|w| !w.is_empty());
                    match ws.map(|w| cx.snapshot.get(w).and_then(|r| workspaces.get(r))) {
                        Some(Some(Ok(w))) => match w.properties.retention_in_days {
                            Some(days) if days >= min => Kept::Enough(format!("{name} sends it to a workspace keeping {days} days")),
                            Some(days) => Kept::Short(format!("{name} sends it to a workspace keeping {days} days")),
                            None => Kept::Unseen(format!("{name} sends it to a workspace that does not report retentionInDays")),
                        },
                        Some(_) => Kept::Unseen(format!("{name} sends it to a workspace that was not collected")),
                        None => Kept::Unseen(format!("{name} sends it to storage or Event Hub, whose retention is not visible")),
                    }
                }
            });
        }
        let ev = crate::evidence!({"minDays": min, "exports": exports.iter().map(|x| x.name()).collect::<Vec<_>>()});
        let subject = Subject::subscription(s);
        if let Some(Kept::Enough(m)) = verdicts.iter().find(|v| matches!(v, Kept::Enough(_))) {
            out.push(
                Status::Pass,
                subject,
                format!("The activity log is retained long enough: {m}."),
                ev,
            );
        } else if let Some(Kept::Unseen(m)) = verdicts.iter().find(|v| matches!(v, Kept::Unseen(_)))
        {
            out.push(
                Status::Unknown,
                subject,
                format!("Retention cannot be judged: {m}."),
                ev,
            );
        } else if let Some(Kept::Short(m)) = verdicts.first() {
            out.push(
                Status::Fail,
                subject,
                format!("No export keeps the activity log {min} days: {m}."),
                ev,
            );
        } else {
            out.push(Status::Fail, subject, format!("The activity log is not exported, so it is kept only 90 days (at least {min} required)."), ev);
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
    let all = &[LOG_PROFILES, DIAG, WORKSPACES];
    let ws = |name: &str, days: i64| arm(WORKSPACES, name, json!({"retentionInDays": days}));
    let to_ws = |name: &str| {
        setting(
            "law",
            json!({"workspaceId": workspace_id(name), "logs": logs(&["Administrative"])}),
        )
    };
    let to_st = setting(
        "st",
        json!({"storageAccountId": storage_id("stlogs"), "logs": logs(&["Administrative"])}),
    );
    vec![
        Case::new(
            "workspace keeps a year",
            doc(vec![ws("long", 730), to_ws("long")], all),
            vec![e(sub_scope(), Pass)],
        ),
        // Changed from pass: log profiles were retired on 30 September 2026.
        Case::new(
            "profile forever",
            doc(
                vec![profile(
                    json!({"storageAccountId": storage_id("s"), "retentionPolicy": {"enabled": false, "days": 0}}),
                )],
                all,
            ),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "workspace too short",
            doc(vec![ws("short", 90), to_ws("short")], all),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "profile too short",
            doc(
                vec![profile(
                    json!({"storageAccountId": storage_id("s"), "retentionPolicy": {"enabled": true, "days": 30}}),
                )],
                all,
            ),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "no export",
            doc(vec![ws("w", 30)], all),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "storage lifecycle unseen",
            doc(vec![ws("short", 90), to_ws("short"), to_st.clone()], all),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "workspace missing",
            doc(vec![ws("other", 400), to_ws("gone")], all),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "not collected",
            doc(vec![to_st], &[LOG_PROFILES]),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
