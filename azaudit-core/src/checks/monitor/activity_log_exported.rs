//! `monitor.activity_log_exported`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};

/// The activity log is exported.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "monitor.activity_log_exported",
        title: "The subscription activity log is exported by a diagnostic setting",
        service: "monitor",
        level: 1,
        severity: Severity::High,
        reads: super::EXPORT_READS,
        rule: "Per subscription: pass iff a subscription diagnostic setting with a destination (storage, Log Analytics, Event Hub or a partner solution's `marketplacePartnerId`; an empty id is none) and at least one enabled category exists; fail otherwise; unknown when diagnostic settings were not collected or one cannot be read. A log profile is not an export: log profiles were retired on 30 September 2026, as CIS 6.1.1.1 and Prowler require a diagnostic setting (the message names a remaining profile).",
        rationale: "Azure keeps the activity log for 90 days only and nowhere an attacker with Owner cannot reach; exporting it preserves the record of who changed what.",
        remediation: Remediation {
            portal: "Monitor > Activity log > Export Activity Logs > Add diagnostic setting: all categories to a Log Analytics workspace or storage account.",
            cli: "az monitor diagnostic-settings subscription create --name activity --location westeurope --workspace <workspace-id> --logs '[{\"category\":\"Administrative\",\"enabled\":true},{\"category\":\"Security\",\"enabled\":true},{\"category\":\"Alert\",\"enabled\":true},{\"category\":\"Policy\",\"enabled\":true}]'",
        },
        cis: &["6.1.1"],
        references: &["https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    for sub in cx.snapshot.subscriptions() {
        let s = &sub.subscription_id;
        if !covered.contains_subscription(s) {
            continue;
        }
        let (exports, errors) = super::exports(cx, s);
        let names: Vec<String> = exports
            .iter()
            .filter(|e| e.is_current())
            .map(|e| e.name())
            .collect();
        let profile = exports.iter().find(|e| !e.is_current()).map(|e| e.name());
        let ev = crate::evidence!({"exports": names, "retiredLogProfile": profile});
        if let Some(first) = names.first() {
            out.push(
                Status::Pass,
                Subject::subscription(s),
                format!("The activity log is exported by {first}."),
                ev,
            );
        } else if let Some(e) = errors.first() {
            out.push(Status::Unknown, Subject::subscription(s), e.clone(), ev);
        } else if let Some(p) = profile {
            out.push(Status::Fail, Subject::subscription(s), format!("The activity log is not exported: no diagnostic setting sends it anywhere, and {p} does not count ({}).", super::PROFILE_RETIRED), ev);
        } else {
            out.push(
                Status::Fail,
                Subject::subscription(s),
                "The activity log is not exported: no diagnostic setting sends it anywhere.",
                ev,
            );
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
    let good = setting(
        "toLaw",
        json!({"workspaceId": workspace_id("law"), "logs": logs(&["Administrative"])}),
    );
    let nodest = setting("nowhere", json!({"logs": logs(&["Administrative"])}));
    let prof = profile(
        json!({"storageAccountId": storage_id("stlogs"), "locations": ["global"], "categories": ["Write"]}),
    );
    let broken = setting("broken", json!({"logs": 5}));
    vec![
        Case::new(
            "setting",
            doc(vec![good.clone(), nodest.clone()], &[LOG_PROFILES, DIAG]),
            vec![e(sub_scope(), Pass)],
        ),
        // Changed from pass: log profiles were retired on 30 September 2026.
        Case::new(
            "only a log profile",
            doc(vec![prof], &[LOG_PROFILES, DIAG]),
            vec![e(sub_scope(), Fail)],
        ),
        // Changed from fail: a partner solution is a destination.
        Case::new(
            "partner solution",
            doc(
                vec![setting(
                    "toDatadog",
                    json!({"storageAccountId": null, "workspaceId": null, "eventHubAuthorizationRuleId": null, "eventHubName": null,
                    "marketplacePartnerId": format!("/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Datadog/monitors/dd1"), "logs": logs(&["Administrative"])}),
                )],
                &[DIAG],
            ),
            vec![e(sub_scope(), Pass)],
        ),
        Case::new(
            "log profiles forbidden",
            forbid(doc(vec![good.clone()], &[DIAG]), LOG_PROFILES),
            vec![e(sub_scope(), Pass)],
        ),
        Case::new(
            "none",
            doc(vec![nodest.clone()], &[LOG_PROFILES, DIAG]),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "unreadable",
            doc(vec![broken], &[LOG_PROFILES, DIAG]),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![nodest], &[LOG_PROFILES]), DIAG),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
