//! `monitor.alert_*`: one activity log alert per sensitive operation, driven by a table.

use crate::check::family::{Family, Member, text};
use crate::check::{CheckError, CheckMeta, Context, Findings, Remediation, Subject};
use crate::finding::{Severity, Status};
use crate::ids;
use crate::model::{ActivityLogAlert, AlertLeaf, Arm};
use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

const ALERTS: &ResourceType = &resource_types::ACTIVITY_LOG_ALERTS;

/// The alert family's row: one activity log alert per sensitive operation.
pub struct Alert {
    /// The check id.
    pub id: &'static str,
    /// The operation the alert fires on.
    pub operation: &'static str,
    /// What the operation does, for the title and messages.
    pub what: &'static str,
    /// CIS 3.0 recommendations.
    pub cis: &'static [&'static str],
}

impl Family for Alert {
    fn meta(&self) -> CheckMeta {
        let (op, what) = (self.operation, self.what);
        CheckMeta {
            id: self.id,
            title: text(format!("An activity log alert exists for {what}")),
            service: "monitor",
            level: 1,
            severity: Severity::Medium,
            reads: &[ALERTS],
            rule: text(format!(
                "Per subscription: pass iff an enabled activity log alert whose `scopes` include the subscription (leading `/` optional, case-insensitive) has a condition leaf with `field` operationName equal to `{op}` (case-insensitive; also inside `anyOf`, or among `containsAny`), every other top-level leaf accepts the Administrative event of that operation (`category` Administrative, `resourceType` the operation's type; a leaf on `level`, `status`, `subStatus`, `caller`, `resourceGroup`, `resourceId` or anything else narrows the alert to some events, as CIS's audit forbids), and it notifies an action group (`actions.actionGroups` not empty; CIS's audit asks for one, Azure Policy and Prowler do not look). An alert scoped to another subscription or a resource group does not count. Fail otherwise, naming a narrowing leaf or a missing action group; unknown when the best candidate does not report its actions."
            )),
            rationale: text(format!(
                "Without an alert on {what}, a change that weakens the tenant's defences goes unnoticed until someone happens to read the activity log."
            )),
            remediation: Remediation {
                portal: text(format!(
                    "Monitor > Alerts > Create > Alert rule: scope the subscription, condition 'Activity log' signal '{op}', and an action group that reaches the security team."
                )),
                cli: text(format!(
                    "az monitor activity-log alert create --resource-group <rg> --name '{what}' --scope /subscriptions/<subscription> --condition operationName={op} --action-group <action-group-id>"
                )),
            },
            cis: self.cis,
            references: &[
                "https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-activity-log-alert-rule",
            ],
            manual: false,
        }
    }

    fn evaluate(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        evaluate(self.operation, meta, cx, out)
    }

    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        cases(self.operation)
    }
}

/// `monitor.alert_policy_assignment_write`: an alert on `Microsoft.Authorization/policyAssignments/write`.
pub static POLICY_ASSIGNMENT_WRITE: Member<Alert> = Member::new(Alert {
    id: "monitor.alert_policy_assignment_write",
    operation: "Microsoft.Authorization/policyAssignments/write",
    what: "creating policy assignments",
    cis: &["6.2.1"],
});
/// `monitor.alert_nsg_write`: an alert on `Microsoft.Network/networkSecurityGroups/write`.
pub static NSG_WRITE: Member<Alert> = Member::new(Alert {
    id: "monitor.alert_nsg_write",
    operation: "Microsoft.Network/networkSecurityGroups/write",
    what: "creating or updating network security groups",
    cis: &["6.2.3"],
});
/// `monitor.alert_nsg_delete`: an alert on `Microsoft.Network/networkSecurityGroups/delete`.
pub static NSG_DELETE: Member<Alert> = Member::new(Alert {
    id: "monitor.alert_nsg_delete",
    operation: "Microsoft.Network/networkSecurityGroups/delete",
    what: "deleting network security groups",
    cis: &["6.2.4"],
});
/// `monitor.alert_nsg_rule_write`: an alert on `Microsoft.Network/networkSecurityGroups/securityRules/write`.
pub static NSG_RULE_WRITE: Member<Alert> = Member::new(Alert {
    id: "monitor.alert_nsg_rule_write",
    operation: "Microsoft.Network/networkSecurityGroups/securityRules/write",
    what: "creating or updating network security group rules",
    cis: &[],
});
/// `monitor.alert_nsg_rule_delete`: an alert on `Microsoft.Network/networkSecurityGroups/securityRules/delete`.
pub static NSG_RULE_DELETE: Member<Alert> = Member::new(Alert {
    id: "monitor.alert_nsg_rule_delete",
    operation: "Microsoft.Network/networkSecurityGroups/securityRules/delete",
    what: "deleting network security group rules",
    cis: &[],
});
/// `monitor.alert_sql_firewall_rule_write`: an alert on `Microsoft.Sql/servers/firewallRules/write`.
pub static SQL_FIREWALL_RULE_WRITE: Member<Alert> = Member::new(Alert {
    id: "monitor.alert_sql_firewall_rule_write",
    operation: "Microsoft.Sql/servers/firewallRules/write",
    what: "creating or updating SQL server firewall rules",
    cis: &["6.2.7"],
});
/// `monitor.alert_sql_firewall_rule_delete`: an alert on `Microsoft.Sql/servers/firewallRules/delete`.
pub static SQL_FIREWALL_RULE_DELETE: Member<Alert> = Member::new(Alert {
    id: "monitor.alert_sql_firewall_rule_delete",
    operation: "Microsoft.Sql/servers/firewallRules/delete",
    what: "deleting SQL server firewall rules",
    cis: &["6.2.8"],
});

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

/// Why a leaf of the condition keeps the alert from firing on every Administrative event of
/// the operation, if it does.
fn narrows(leaf: &AlertLeaf, op: &str) -> Option<String> {
    if leaf_matches(leaf, op) {
        return None;
    }
    if let Some(alts) = &leaf.any_of {
        // A group accepts the event when one of its alternatives does.
        return match alts.iter().any(|l| narrows(l, op).is_none()) {
            true => None,
            false => Some("an anyOf group none of whose alternatives accepts the operation".into()),
        };
    }
    let field = leaf.field.as_deref().unwrap_or_default();
    let accepts = |want: &str| {
        leaf.equals
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case(want))
            || leaf
                .contains_any
                .iter()
                .flatten()
                .any(|v| v.eq_ignore_ascii_case(want))
    };
    let op_type = op.rsplit_once('/').map_or(op, |(t, _)| t);
    let ok = if field.eq_ignore_ascii_case("category") {
        accepts("Administrative")
    } else if field.eq_ignore_ascii_case("resourceType") {
        accepts(op_type)
    } else {
        false
    };
    (!ok).then(|| {
        let value = leaf
            .equals
            .clone()
            .or_else(|| leaf.contains_any.as_ref().map(|v| v.join(", ")))
            .unwrap_or_default();
        format!("a condition on {field} = {value}")
    })
}

/// The alert family's rule for one operation.
fn evaluate(
    operation: &'static str,
    meta: &CheckMeta,
    cx: &Context<'_>,
    out: &mut Findings,
) -> Result<(), CheckError> {
    let covered = cx.covered_subscriptions(meta.reads, out);
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
        let mut narrowed = None;
        let mut silent = None;
        let mut actions_unsaid = None;
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
                    .any(|l| leaf_matches(l, operation))
            });
            if !(scoped && matches) {
                continue;
            }
            let name = r.name().to_string();
            if a.enabled != Some(true) {
                disabled = Some(name);
                continue;
            }
            let leaves = a.condition.iter().flat_map(|c| c.all_of.iter().flatten());
            if let Some(why) = leaves.filter_map(|l| narrows(l, operation)).next() {
                narrowed = Some(format!("alert '{name}' fires only with {why}"));
                continue;
            }
            match a.actions.as_ref().and_then(|x| x.action_groups.as_ref()) {
                Some(groups) if !groups.is_empty() => {
                    found = Some(name);
                    break;
                }
                Some(_) => silent = Some(name),
                None => actions_unsaid = Some(name),
            }
        }
        let ev = crate::evidence!({"operationName": operation, "alert": found, "disabledAlert": disabled, "narrowedAlert": narrowed, "alertWithoutActionGroup": silent});
        let subject = Subject::subscription(s);
        match (found, unreadable) {
            (Some(name), _) => {
                out.push(
                    Status::Pass,
                    subject,
                    format!("Activity log alert '{name}' fires on {}.", operation),
                    ev,
                );
            }
            (None, Some(e)) => {
                out.push(Status::Unknown, subject, e, ev);
            }
            (None, None) if actions_unsaid.is_some() => {
                let name = actions_unsaid.unwrap_or_default();
                out.push(Status::Unknown, subject, format!("Activity log alert '{name}' fires on {}, but does not report its actions: whether it notifies anyone is not known.", operation), ev);
            }
            (None, None) => {
                let extra = match (silent, narrowed, disabled) {
                    (Some(s), _, _) => format!(" (alert '{s}' notifies no action group)"),
                    (None, Some(n), _) => format!(" ({n})"),
                    (None, None, Some(d)) => format!(" (alert '{d}' exists but is disabled)"),
                    (None, None, None) => String::new(),
                };
                out.push(
                    Status::Fail,
                    subject,
                    format!(
                        "No enabled activity log alert fires on {}{extra}.",
                        operation
                    ),
                    ev,
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
fn cases(operation: &'static str) -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let op = operation;
    // As ActivityLogAlertRule_ListBySubscriptionId (2020-10-01) returns a rule.
    let group = format!(
        "/subscriptions/{SUB}/resourceGroups/rg1/providers/microsoft.insights/actionGroups/secops"
    );
    let alert = |name: &str, scope: String, enabled: bool, cond: serde_json::Value| {
        let mut v = arm(
            ALERTS,
            name,
            json!({"scopes": [scope], "enabled": enabled, "condition": {"allOf": cond},
                       "actions": {"actionGroups": [{"actionGroupId": group, "webhookProperties": {}}]}, "description": ""}),
        );
        v["location"] = json!("Global");
        v
    };
    let with = |mut v: serde_json::Value, key: &str, value: serde_json::Value| {
        v["properties"][key] = value;
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
        // Changed from pass: each of these never fires on every such event, or tells nobody.
        Case::new(
            "wrong category",
            doc(
                vec![alert(
                    "a",
                    plain.clone(),
                    true,
                    json!([{"field": "category", "equals": "Security"}, {"field": "operationName", "equals": op}]),
                )],
                &[ALERTS],
            ),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "narrowed by level",
            doc(
                vec![alert(
                    "a",
                    plain.clone(),
                    true,
                    json!([{"field": "category", "equals": "Administrative"}, {"field": "operationName", "equals": op}, {"field": "level", "equals": "critical"}]),
                )],
                &[ALERTS],
            ),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "narrowed to a resource group",
            doc(
                vec![alert(
                    "a",
                    plain.clone(),
                    true,
                    json!([{"field": "operationName", "equals": op}, {"field": "resourceGroup", "equals": "rg1"}]),
                )],
                &[ALERTS],
            ),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "no action group",
            doc(
                vec![with(
                    alert(
                        "a",
                        plain.clone(),
                        true,
                        json!([{"field": "operationName", "equals": op}]),
                    ),
                    "actions",
                    json!({"actionGroups": []}),
                )],
                &[ALERTS],
            ),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "actions not reported",
            doc(
                vec![{
                    let mut v = alert(
                        "a",
                        plain.clone(),
                        true,
                        json!([{"field": "operationName", "equals": op}]),
                    );
                    v["properties"].as_object_mut().unwrap().remove("actions");
                    v
                }],
                &[ALERTS],
            ),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "resource type of the operation",
            doc(
                vec![alert(
                    "a",
                    plain.clone(),
                    true,
                    json!([{"field": "category", "equals": "Administrative"}, {"field": "resourceType", "equals": op.rsplit_once('/').unwrap().0}, {"field": "operationName", "equals": op}]),
                )],
                &[ALERTS],
            ),
            vec![e(sub_scope(), Pass)],
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
            forbid(doc(vec![], NOTHING), ALERTS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
