//! `monitor.alert_*`: one activity log alert per sensitive operation, driven by a table.

use crate::check::{Check, CheckError, CheckMeta, Context, Findings, Remediation, Subject};
use crate::finding::{Severity, Status};
use crate::ids;
use crate::model::{ActivityLogAlert, AlertLeaf, Arm};
#[cfg(test)]
use serde_json::json;

const ALERTS: &str = "Microsoft.Insights/activityLogAlerts";

/// An alert check: the subscription has an enabled activity log alert on one operation.
pub struct AlertCheck {
    meta: CheckMeta,
    operation: &'static str,
}

macro_rules! alert {
    ($static:ident, $id:literal, $op:literal, $what:literal, [$($cis:literal),*]) => {
        #[doc = concat!("`", $id, "`: an alert on `", $op, "`.")]
        pub static $static: AlertCheck = AlertCheck {
            operation: $op,
            meta: CheckMeta {
                id: $id,
                title: concat!("An activity log alert exists for ", $what),
                service: "monitor",
                level: 1,
                severity: Severity::Medium,
                reads: &[ALERTS],
                rule: concat!("Per subscription: pass iff an enabled activity log alert whose `scopes` include the subscription (leading `/` optional, case-insensitive) has a condition leaf with `field` operationName equal to `", $op, "` (case-insensitive; also inside `anyOf`, or among `containsAny`). An alert scoped to another subscription does not count. Fail otherwise."),
                rationale: concat!("Without an alert on ", $what, ", a change that weakens the tenant's defences goes unnoticed until someone happens to read the activity log."),
                remediation: Remediation {
                    portal: concat!("Monitor > Alerts > Create > Alert rule: scope the subscription, condition 'Activity log' signal '", $op, "', and an action group that reaches the security team."),
                    cli: concat!("az monitor activity-log alert create --resource-group <rg> --name '", $what, "' --scope /subscriptions/<subscription> --condition operationName=", $op, " --action-group <action-group-id>"),
                },
                cis: &[$($cis),*],
                references: &["https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-activity-log-alert-rule"],
                manual: false,
            },
        };
    };
}

alert!(
    POLICY_ASSIGNMENT_WRITE,
    "monitor.alert_policy_assignment_write",
    "Microsoft.Authorization/policyAssignments/write",
    "creating policy assignments",
    ["6.2.1"]
);
alert!(
    NSG_WRITE,
    "monitor.alert_nsg_write",
    "Microsoft.Network/networkSecurityGroups/write",
    "creating or updating network security groups",
    ["6.2.3"]
);
alert!(
    NSG_DELETE,
    "monitor.alert_nsg_delete",
    "Microsoft.Network/networkSecurityGroups/delete",
    "deleting network security groups",
    ["6.2.4"]
);
alert!(
    NSG_RULE_WRITE,
    "monitor.alert_nsg_rule_write",
    "Microsoft.Network/networkSecurityGroups/securityRules/write",
    "creating or updating network security group rules",
    []
);
alert!(
    NSG_RULE_DELETE,
    "monitor.alert_nsg_rule_delete",
    "Microsoft.Network/networkSecurityGroups/securityRules/delete",
    "deleting network security group rules",
    []
);
alert!(
    SQL_FIREWALL_RULE_WRITE,
    "monitor.alert_sql_firewall_rule_write",
    "Microsoft.Sql/servers/firewallRules/write",
    "creating or updating SQL server firewall rules",
    ["6.2.7"]
);
alert!(
    SQL_FIREWALL_RULE_DELETE,
    "monitor.alert_sql_firewall_rule_delete",
    "Microsoft.Sql/servers/firewallRules/delete",
    "deleting SQL server firewall rules",
    ["6.2.8"]
);

fn leaf_matches(leaf: &AlertLeaf, op: &str) -> bool {
    let on_op = leaf
        .field
        .as_deref()
        .is_some_and(|f| f.eq_ignore_ascii_case("operationName"));
    (on_op
        && (leaf
            .equals
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case(op))
            || leaf
                .contains_any
                .iter()
                .flatten()
                .any(|v| v.eq_ignore_ascii_case(op))))
        || leaf.any_of.iter().flatten().any(|l| leaf_matches(l, op))
}

impl Check for AlertCheck {
    fn meta(&self) -> &CheckMeta {
        &self.meta
    }

    fn evaluate(&self, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError> {
        let covered = cx.covered_subscriptions(self.meta.reads, out);
        let alerts = cx.view::<Arm<ActivityLogAlert>>();
        for sub in cx.snapshot.subscriptions() {
            let s = &sub.subscription_id;
            if !covered.contains_subscription(s) {
                continue;
            }
            let scope = ids::subscription_scope(s);
            let mut found = None;
            let mut disabled = None;
            let mut unreadable = None;
            // Alerts may live in any subscription; what counts is their scope.
            for (r, a) in alerts.iter(cx.snapshot) {
                let a = match a {
                    Ok(a) => &a.properties,
                    Err(e) => {
                        if r.subscription_id()
                            .is_some_and(|x| x.eq_ignore_ascii_case(s))
                        {
                            unreadable = Some(e.to_string());
                        }
                        continue;
                    }
                };
                let scoped = a.scopes.iter().flatten().any(|x| ids::same_id(x, &scope));
                let matches = a.condition.as_ref().is_some_and(|c| {
                    c.all_of
                        .iter()
                        .flatten()
                        .any(|l| leaf_matches(l, self.operation))
                });
                if scoped && matches {
                    if a.enabled == Some(true) {
                        found = Some(r.name().to_string());
                        break;
                    }
                    disabled = Some(r.name().to_string());
                }
            }
            let ev = crate::evidence!({"operationName": self.operation, "alert": found, "disabledAlert": disabled});
            let subject = Subject::subscription(s);
            match (found, unreadable) {
                (Some(name), _) => {
                    out.push(
                        Status::Pass,
                        subject,
                        format!("Activity log alert '{name}' fires on {}.", self.operation),
                        ev,
                    );
                }
                (None, Some(e)) => {
                    out.push(Status::Unknown, subject, e, ev);
                }
                (None, None) => {
                    let extra = disabled
                        .map(|d| format!(" (alert '{d}' exists but is disabled)"))
                        .unwrap_or_default();
                    out.push(
                        Status::Fail,
                        subject,
                        format!(
                            "No enabled activity log alert fires on {}{extra}.",
                            self.operation
                        ),
                        ev,
                    );
                }
            }
        }
        Ok(())
    }

    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        use crate::checks::testing::*;
        use crate::finding::Status::*;
        let op = self.operation;
        let alert = |name: &str, scope: String, enabled: bool, cond: serde_json::Value| {
            let mut v = arm(
                ALERTS,
                name,
                json!({"scopes": [scope], "enabled": enabled, "condition": {"allOf": cond}}),
            );
            v["location"] = json!("Global");
            v
        };
        let plain = format!("subscriptions/{SUB}");
        let slash = format!("/SUBSCRIPTIONS/{SUB}");
        let other = format!("/subscriptions/{SUB2}");
        vec![
            Case::new(
                "exact",
                doc(
                    vec![alert(
                        "a",
                        plain.clone(),
                        true,
                        json!([{"field": "category", "equals": "Administrative"}, {"field": "operationName", "equals": op}]),
                    )],
                    &[ALERTS],
                ),
                vec![e(sub_scope(), Pass)],
            ),
            Case::new(
                "case and anyOf",
                doc(
                    vec![alert(
                        "a",
                        slash.clone(),
                        true,
                        json!([{"anyOf": [{"field": "OperationName", "equals": op.to_ascii_lowercase()}]}]),
                    )],
                    &[ALERTS],
                ),
                vec![e(sub_scope(), Pass)],
            ),
            Case::new(
                "containsAny",
                doc(
                    vec![alert(
                        "a",
                        plain.clone(),
                        true,
                        json!([{"field": "operationName", "containsAny": ["x", op]}]),
                    )],
                    &[ALERTS],
                ),
                vec![e(sub_scope(), Pass)],
            ),
            Case::new(
                "disabled",
                doc(
                    vec![alert(
                        "a",
                        plain.clone(),
                        false,
                        json!([{"field": "operationName", "equals": op}]),
                    )],
                    &[ALERTS],
                ),
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "other subscription",
                doc(
                    vec![alert(
                        "a",
                        other,
                        true,
                        json!([{"field": "operationName", "equals": op}]),
                    )],
                    &[ALERTS],
                ),
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "other operation",
                doc(
                    vec![alert(
                        "a",
                        plain.clone(),
                        true,
                        json!([{"field": "operationName", "equals": "Microsoft.Compute/virtualMachines/write"}]),
                    )],
                    &[ALERTS],
                ),
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "unreadable",
                doc(
                    vec![arm(ALERTS, "bad", json!({"scopes": "all"}))],
                    &[ALERTS],
                ),
                vec![e(sub_scope(), Unknown)],
            ),
            Case::new(
                "forbidden",
                forbid(doc(vec![], &[]), ALERTS),
                vec![e(sub_scope(), Unknown)],
            ),
        ]
    }
}
