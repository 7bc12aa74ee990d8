//! `monitor.activity_log_all_categories`

#[cfg(test)]
use serde_json::json;

use super::Export;
use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};

/// The export covers every category that matters.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "monitor.activity_log_all_categories",
        title: "The activity log export captures all required categories",
        service: "monitor",
        level: 1,
        severity: Severity::Medium,
        reads: super::EXPORT_READS,
        rule: "Per subscription: pass if a subscription diagnostic setting with a destination has Administrative, Security, Alert and Policy enabled, or the category group `allLogs`. Fail otherwise (including no export). A log profile, whatever its categories and regions, is not an export: log profiles were retired on 30 September 2026 (CIS 6.1.1.2 and Prowler read diagnostic settings only).",
        rationale: "An export that leaves out Security or Policy events, or a region, leaves exactly the changes an attacker would make out of the record.",
        remediation: Remediation {
            portal: "Monitor > Activity log > Export Activity Logs > edit the diagnostic setting: tick Administrative, Security, Alert and Policy (or allLogs).",
            cli: "az monitor diagnostic-settings subscription create --name activity --location westeurope --workspace <workspace-id> --logs '[{\"categoryGroup\":\"allLogs\",\"enabled\":true}]'",
        },
        cis: &["6.1.2"],
        references: &[
            "https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

const SETTING_CATEGORIES: [&str; 4] = ["Administrative", "Security", "Alert", "Policy"];

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    for sub in cx.snapshot.subscriptions() {
        let s = &sub.subscription_id;
        if !covered.contains_subscription(s) {
            continue;
        }
        let (exports, errors) = super::exports(cx, s);
        let mut gaps = Vec::new();
        let mut good = None;
        let retired = exports.iter().find(|x| !x.is_current()).map(|x| x.name());
        let exports: Vec<&Export<'_>> = exports.iter().filter(|x| x.is_current()).collect();
        for x in &exports {
            let Export::Setting(_, d) = x else { continue };
            let logs = d.logs.as_deref().unwrap_or_default();
            let all = logs.iter().any(|l| {
                l.enabled == Some(true)
                    && l.category_group
                        .as_deref()
                        .is_some_and(|g| g.eq_ignore_ascii_case("allLogs"))
            });
            let missing: Vec<&str> = SETTING_CATEGORIES
                .iter()
                .copied()
                .filter(|c| {
                    !all && !logs.iter().any(|l| {
                        l.enabled == Some(true)
                            && l.category
                                .as_deref()
                                .is_some_and(|x| x.eq_ignore_ascii_case(c))
                    })
                })
                .collect();
            if missing.is_empty() {
                good = Some(x.name());
                break;
            }
            gaps.push(format!("{} lacks {}", x.name(), missing.join(", ")));
        }
        let ev = crate::evidence!({"gaps": gaps});
        let subject = Subject::subscription(s);
        match (good, errors.first()) {
            (Some(n), _) => {
                out.push(
                    Status::Pass,
                    subject,
                    format!("{n} captures all required categories."),
                    ev,
                );
            }
            (None, Some(e)) => {
                out.push(Status::Unknown, subject, e.clone(), ev);
            }
            (None, None) if exports.is_empty() => {
                let msg = match retired {
                    Some(p) => format!(
                        "The activity log is not exported by a diagnostic setting, so no category is captured ({p} does not count: {}).",
                        super::PROFILE_RETIRED
                    ),
                    None => {
                        "The activity log is not exported, so no category is captured.".to_string()
                    }
                };
                out.push(Status::Fail, subject, msg, ev);
            }
            (None, None) => {
                out.push(
                    Status::Fail,
                    subject,
                    format!(
                        "No export captures all required categories: {}.",
                        gaps.join("; ")
                    ),
                    ev,
                );
            }
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
    let reads = &[LOG_PROFILES, DIAG];
    let full = setting(
        "full",
        json!({"workspaceId": workspace_id("w"), "logs": logs(&["Administrative", "Security", "Alert", "Policy"])}),
    );
    let group = setting(
        "group",
        json!({"workspaceId": workspace_id("w"), "logs": [{"categoryGroup": "allLogs", "enabled": true}]}),
    );
    let partial = setting(
        "partial",
        json!({"workspaceId": workspace_id("w"), "logs": logs(&["Administrative", "Alert"])}),
    );
    let vm = arm("Microsoft.Compute/virtualMachines", "vm1", json!({}));
    let prof_ok = profile(
        json!({"storageAccountId": storage_id("s"), "categories": ["Write", "Delete", "Action"], "locations": ["global", "westeurope"]}),
    );
    let prof_gap = profile(
        json!({"storageAccountId": storage_id("s"), "categories": ["Write", "Delete", "Action"], "locations": ["global"]}),
    );
    vec![
        Case::new(
            "explicit categories",
            doc(vec![full, partial.clone()], reads),
            vec![e(sub_scope(), Pass)],
        ),
        Case::new(
            "allLogs",
            doc(vec![group], reads),
            vec![e(sub_scope(), Pass)],
        ),
        // Changed from pass: log profiles were retired on 30 September 2026.
        Case::new(
            "profile with every category and region",
            doc(vec![vm.clone(), prof_ok], reads),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "profile missing a region",
            doc(vec![vm, prof_gap], reads),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "partial",
            doc(vec![partial.clone()], reads),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "unreadable",
            doc(vec![setting("x", json!({"logs": {}}))], reads),
            vec![e(sub_scope(), Unknown)],
        ),
        // Log profiles are no longer read: their absence costs nothing.
        Case::new(
            "log profiles not collected",
            doc(vec![partial], &[DIAG]),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "not collected",
            doc(vec![], &[LOG_PROFILES]),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
