//! `defender.policy_*`: parameters of the Defender for Cloud initiative, driven by a table.
//!
//! The table is read from the Microsoft cloud security benchmark initiative as Azure publishes
//! it today (`built-in-policies/policySetDefinitions/Security Center/AzureSecurityCenter.json`
//! in Azure/azure-policy, version 57.56.0): each check judges the parameters that the initiative
//! wires to a `policyDefinitionReferenceId`. Older versions named some of them otherwise; those
//! names now default to `Disabled` and feed no policy, so their value changes nothing.

use crate::check::family::{Family, Member, text};
use crate::check::{CheckError, CheckMeta, Context, Findings, Remediation, Subject};
use crate::finding::{Severity, Status};
use crate::ids;
use crate::model::{Arm, PolicyAssignment};
use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

const ASSIGNMENTS: &ResourceType = &resource_types::POLICY_ASSIGNMENTS;
/// The Microsoft cloud security benchmark initiative ("ASC Default").
const MCSB: &str = "/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

/// A parameter of the initiative that sets one policy's effect.
pub struct Parameter {
    /// The parameter's name.
    pub name: &'static str,
    /// The policy definition it drives (the definition's GUID).
    pub definition: &'static str,
}

/// The Defender policy family's row: the initiative's live parameters for one concern are
/// not `Disabled` in the assignment that applies to the subscription.
pub struct DefenderPolicy {
    /// The check id.
    pub id: &'static str,
    /// What the policies report, for the title and rationale.
    pub what: &'static str,
    /// The parameters the initiative of today wires to a policy.
    pub live: &'static [Parameter],
    /// Names older versions of the initiative used; they feed no policy today.
    pub legacy: &'static [&'static str],
}

/// Each name as `` `name` ``, after a space.
fn quoted(names: impl Iterator<Item = &'static str>) -> String {
    names.map(|n| format!(" `{n}`")).collect()
}

impl Family for DefenderPolicy {
    fn meta(&self) -> CheckMeta {
        let what = self.what;
        let live = quoted(self.live.iter().map(|p| p.name));
        let legacy = quoted(self.legacy.iter().copied());
        let settings: String = self.live.iter().map(|p| format!("'{}' ", p.name)).collect();
        CheckMeta {
            id: self.id,
            title: text(format!("Defender for Cloud monitors {what}")),
            service: "defender",
            level: 1,
            severity: Severity::Medium,
            reads: &[ASSIGNMENTS],
            rule: text(format!(
                "Per subscription: pass iff the Microsoft cloud security benchmark initiative (policy set 1f3afdf9-d0c9-4c3d-847f-89da613e70a8) is assigned at the subscription or at a management group above it, not excluded by `notScopes`, and in some such assignment each live parameter is absent (the initiative's default, AuditIfNotExists) or not `Disabled`. Live parameters, which today's initiative (57.x) wires to a policy:{live}. Names older versions used, which now default to Disabled and feed nothing, so that their value is shown but not judged:{legacy}. Fail when no assignment applies or a live parameter is Disabled in every one; unknown when an assignment at a management group may apply but the snapshot does not say which groups are above the subscription, or a value is not a string."
            )),
            rationale: text(format!(
                "With this policy disabled, Defender for Cloud stops reporting {what}, so the gap no longer shows in recommendations or the secure score."
            )),
            remediation: Remediation {
                portal: text(format!(
                    "Microsoft Defender for Cloud > Environment settings > subscription > Security policy > Microsoft cloud security benchmark > Parameters: set {settings}to AuditIfNotExists."
                )),
                cli: "az policy assignment show --name SecurityCenterBuiltIn --scope /subscriptions/<subscription> --query properties.parameters",
            },
            cis: &["3.1.11"],
            references: &[
                "https://learn.microsoft.com/azure/defender-for-cloud/security-policy-concept",
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
        self.judge(meta, cx, out)
    }

    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        self.fixtures()
    }
}

/// `defender.policy_system_updates`.
pub static SYSTEM_UPDATES: Member<DefenderPolicy> = Member::new(DefenderPolicy {
    id: "defender.policy_system_updates",
    what: "missing system updates",
    live: &[Parameter {
        name: "systemUpdatesV2MonitoringEffect",
        definition: "f85bf3e0-d513-442e-89c3-1784ad63382b",
    }],
    legacy: &["systemUpdatesMonitoringEffect"],
});
/// `defender.policy_os_vulnerabilities`.
pub static OS_VULNERABILITIES: Member<DefenderPolicy> = Member::new(DefenderPolicy {
    id: "defender.policy_os_vulnerabilities",
    what: "OS configuration vulnerabilities",
    live: &[
        Parameter {
            name: "windowsGuestConfigBaselinesMonitoringEffect",
            definition: "72650e9f-97bc-4b2a-ab5f-9781a9fcecbc",
        },
        Parameter {
            name: "linuxGuestConfigBaselinesMonitoringEffect",
            definition: "fc9b3da7-8347-4380-8e70-0a0361d8dedd",
        },
    ],
    legacy: &["systemConfigurationsMonitoringEffect"],
});
/// `defender.policy_disk_encryption`.
pub static DISK_ENCRYPTION: Member<DefenderPolicy> = Member::new(DefenderPolicy {
    id: "defender.policy_disk_encryption",
    what: "unencrypted VM disks",
    live: &[
        Parameter {
            name: "gcWindowsDiskEncryptionMonitoringEffect",
            definition: "3dc5edcd-002d-444c-b216-e123bbfa37c0",
        },
        Parameter {
            name: "gcLinuxDiskEncryptionMonitoringEffect",
            definition: "ca88aadc-6e2b-416c-9de2-5a0f01d1693f",
        },
    ],
    legacy: &["diskEncryptionMonitoringEffect"],
});
/// `defender.policy_sql_auditing`.
pub static SQL_AUDITING: Member<DefenderPolicy> = Member::new(DefenderPolicy {
    id: "defender.policy_sql_auditing",
    what: "SQL auditing",
    live: &[Parameter {
        name: "sqlServerAuditingMonitoringEffect",
        definition: "a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9",
    }],
    legacy: &["sqlAuditingMonitoringEffect"],
});
/// `defender.policy_sql_encryption`.
pub static SQL_ENCRYPTION: Member<DefenderPolicy> = Member::new(DefenderPolicy {
    id: "defender.policy_sql_encryption",
    what: "SQL encryption",
    live: &[Parameter {
        name: "sqlDbEncryptionMonitoringEffect",
        definition: "17k78e20-9358-41c9-923c-fb736d382a12",
    }],
    legacy: &["sqlEncryptionMonitoringEffect"],
});

/// The retired-policy family's row: a concern today's initiative no longer has a policy for.
/// The check stays in the catalog (its id is stable) and says, per subscription, what to look
/// at instead.
pub struct RetiredPolicy {
    /// The check id.
    pub id: &'static str,
    /// What the policy reported.
    pub what: &'static str,
    /// The parameters older versions used.
    pub legacy: &'static [&'static str],
    /// What replaced the policy, for the message.
    pub instead: &'static str,
}

impl Family for RetiredPolicy {
    fn meta(&self) -> CheckMeta {
        let (what, instead) = (self.what, self.instead);
        let legacy = quoted(self.legacy.iter().copied());
        CheckMeta {
            id: self.id,
            title: text(format!("Defender for Cloud monitors {what}")),
            service: "defender",
            level: 1,
            severity: Severity::Medium,
            reads: &[],
            rule: text(format!(
                "Manual, per subscription: today's Microsoft cloud security benchmark initiative (57.x) has no policy for {what}. The parameters older versions used default to Disabled and feed no policy, so no assignment value can pass or fail this:{legacy}. {instead}."
            )),
            rationale: text(format!(
                "An assignment that sets or clears a parameter no policy reads proves nothing about {what}; judging it would pass (or fail) on a setting Azure ignores."
            )),
            remediation: Remediation {
                portal: self.instead,
                cli: "",
            },
            cis: &["3.1.11"],
            references: &[
                "https://learn.microsoft.com/azure/defender-for-cloud/security-policy-concept",
            ],
            manual: true,
        }
    }

    fn evaluate(
        &self,
        _meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        for sub in cx.snapshot.subscriptions() {
            out.push(
                Status::Manual,
                Subject::subscription(&sub.subscription_id),
                format!(
                    "Today's initiative has no policy for this. {}.",
                    self.instead
                ),
                serde_json::Value::Null,
            );
        }
        Ok(())
    }

    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        use crate::checks::testing::*;
        use crate::finding::Status::*;
        let legacy_disabled = json!({
            "id": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn"),
            "type": ASSIGNMENTS, "name": "SecurityCenterBuiltIn",
            "properties": {"displayName": "ASC Default", "policyDefinitionId": format!("/providers/Microsoft.Authorization{MCSB}"),
                "parameters": {"endpointProtectionMonitoringEffect": {"value": "Disabled"}, "storageEncryptionMonitoringEffect": {"value": "Disabled"}}},
        });
        vec![
            // Changed from fail: the parameter feeds no policy today.
            Case::new(
                "legacy parameter disabled",
                doc(vec![legacy_disabled], &[ASSIGNMENTS]),
                vec![e(sub_scope(), Manual)],
            ),
            Case::new(
                "no assignment",
                doc(vec![], NOTHING),
                vec![e(sub_scope(), Manual)],
            ),
        ]
    }
}

/// `defender.policy_endpoint_protection`: retired from the initiative.
pub static ENDPOINT_PROTECTION: Member<RetiredPolicy> = Member::new(RetiredPolicy {
    id: "defender.policy_endpoint_protection",
    what: "missing endpoint protection",
    legacy: &[
        "endpointProtectionMonitoringEffect",
        "installEndpointProtectionMonitoringEffect",
        "endpointProtectionHealthIssuesMonitoringEffect",
    ],
    instead: "Endpoint protection is now Defender for Servers' Microsoft Defender for Endpoint integration: Defender for Cloud > Environment settings > subscription > Defender plans > Servers > Settings: Endpoint protection On (and compute.endpoint_protection_installed judges each VM's extension)",
});
/// `defender.policy_storage_encryption`: retired from the initiative.
pub static STORAGE_ENCRYPTION: Member<RetiredPolicy> = Member::new(RetiredPolicy {
    id: "defender.policy_storage_encryption",
    what: "storage encryption",
    legacy: &["storageEncryptionMonitoringEffect"],
    instead: "Azure Storage encrypts every account at rest and cannot be turned off; what remains a choice is a customer-managed key (the initiative's storageAccountsShouldUseCustomerManagedKeyForEncryptionMonitoringEffect, Disabled by default)",
});

fn is_mcsb(name: &str, p: &PolicyAssignment) -> bool {
    name.eq_ignore_ascii_case("SecurityCenterBuiltIn")
        || p.policy_definition_id
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().ends_with(&MCSB.to_ascii_lowercase()))
}

/// An assignment's value for a parameter: `Ok(None)` when it does not set it.
fn value_of<'p>(p: &'p PolicyAssignment, name: &str) -> Result<Option<&'p str>, ()> {
    let found = p
        .parameters
        .as_ref()
        .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
        .and_then(|(_, v)| v.value.as_ref());
    match found {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(()),
    }
}

/// Where an assignment is made, for messages.
fn place(id: &str) -> String {
    match ids::management_group_of(id) {
        Some(mg) => format!("management group {mg}"),
        None => "the subscription".into(),
    }
}

impl DefenderPolicy {
    fn judge(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        let covered = cx.covered_subscriptions(meta.reads, out);
        let view = cx.view::<Arm<PolicyAssignment>>();
        for sub in cx.snapshot.subscriptions() {
            let s = &sub.subscription_id;
            if !covered.contains_subscription(s) {
                continue;
            }
            let subject = Subject::subscription(s);
            let scope = ids::subscription_scope(s);
            let mut applying = Vec::new();
            let mut unplaced = None;
            let mut unreadable = None;
            for (r, v) in view.iter(cx.snapshot) {
                let p = match v {
                    Ok(v) => &v.properties,
                    Err(e) => {
                        if sub.is_under(r.id()) != Some(false) {
                            unreadable = Some(e.to_string());
                        }
                        continue;
                    }
                };
                if !is_mcsb(r.name(), p) {
                    continue;
                }
                // At the subscription itself or above it; one on a resource group covers
                // only that group.
                let at = ids::parent_of(r.id()).unwrap_or_default();
                let here = ids::same_id(at, &scope);
                let above = ids::management_group_of(r.id()).is_some();
                if !here && !above {
                    continue;
                }
                let excluded = p
                    .not_scopes
                    .iter()
                    .flatten()
                    .any(|n| ids::same_id(n, &scope));
                match sub.is_under(r.id()) {
                    Some(true) if !excluded => applying.push((r, p)),
                    Some(_) => {}
                    None => unplaced = Some(r.id()),
                }
            }
            if let Some(e) = unreadable {
                out.push(Status::Unknown, subject, e, serde_json::Value::Null);
                continue;
            }
            let legacy: Vec<(&str, &str)> = applying
                .iter()
                .flat_map(|(_, p)| {
                    self.legacy
                        .iter()
                        .filter_map(|n| value_of(p, n).ok().flatten().map(|v| (*n, v)))
                })
                .collect();
            let names: Vec<String> = applying.iter().map(|(r, _)| r.id().to_string()).collect();
            let live: Vec<&str> = self.live.iter().map(|l| l.name).collect();
            let ev = crate::evidence!({"assignments": names, "parameters": live, "legacyParameters": legacy});
            if applying.is_empty() {
                match unplaced {
                    Some(id) => {
                        out.push(Status::Unknown, subject, format!("The initiative is assigned at {}, which may be above the subscription: the snapshot does not say which management groups are ({id}).", place(id)), ev);
                    }
                    None => {
                        out.push(Status::Fail, subject, "The Microsoft cloud security benchmark initiative is not assigned to the subscription or a management group above it.", ev);
                    }
                }
                continue;
            }
            // A policy reports when any assignment that applies runs it.
            let mut disabled = Vec::new();
            let mut odd = None;
            for param in self.live {
                let mut on = false;
                for (r, p) in &applying {
                    match value_of(p, param.name) {
                        Ok(Some(v)) if v.eq_ignore_ascii_case("Disabled") => disabled.push(
                            format!("{} in '{}' at {}", param.name, r.name(), place(r.id())),
                        ),
                        Ok(_) => on = true,
                        Err(()) => odd = Some(param.name),
                    }
                }
                if on {
                    disabled.retain(|d| !d.starts_with(param.name));
                } else if odd.is_none() && !disabled.iter().any(|d| d.starts_with(param.name)) {
                    disabled.push(param.name.to_string());
                }
            }
            let note = match legacy.first() {
                Some((n, v)) => format!(" ({n} is {v}, but today's initiative no longer reads it)"),
                None => String::new(),
            };
            if !disabled.is_empty() {
                out.push(
                    Status::Fail,
                    subject,
                    format!("Disabled: {}.{note}", disabled.join("; ")),
                    ev,
                );
            } else if let Some(n) = odd {
                out.push(
                    Status::Unknown,
                    subject,
                    format!("{n} has a value that is not a string."),
                    ev,
                );
            } else {
                let (r, _) = applying[0];
                out.push(
                    Status::Pass,
                    subject,
                    format!(
                        "{} {} in effect through '{}' at {}{note}.",
                        live.join(" and "),
                        if live.len() == 1 { "is" } else { "are" },
                        r.name(),
                        place(r.id())
                    ),
                    ev,
                );
            }
        }
        Ok(())
    }

    #[cfg(test)]
    fn fixtures(&self) -> Vec<crate::checks::testing::Case> {
        use crate::checks::testing::*;
        use crate::finding::Status::*;
        // As `GET /subscriptions/{s}/providers/Microsoft.Authorization/policyAssignments`
        // (2023-04-01) lists them, inherited ones at their management group's id.
        let at = |scope: &str, name: &str, params: serde_json::Value| {
            json!({
                "id": format!("{scope}/providers/Microsoft.Authorization/policyAssignments/{name}"),
                "type": ASSIGNMENTS, "name": name, "location": "westeurope",
                "properties": {"displayName": "ASC Default", "policyDefinitionId": format!("/providers/Microsoft.Authorization{MCSB}"),
                    "definitionVersion": "57.*.*", "scope": scope, "notScopes": [], "parameters": params, "enforcementMode": "Default"},
            })
        };
        let sub = sub_scope();
        let mg = "/providers/Microsoft.Management/managementGroups/Contoso";
        let assignment = |name: &str, params: serde_json::Value| at(&sub, name, params);
        let under = |mut d: serde_json::Value, groups: serde_json::Value| {
            d["subscriptions"][0]["managementGroups"] = groups;
            d
        };
        let first = self.live[0].name;
        let legacy = self.legacy[0];
        let mut cases = vec![
            Case::new(
                "default",
                doc(
                    vec![assignment("SecurityCenterBuiltIn", json!({}))],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Pass)],
            ),
            Case::new(
                "explicit",
                doc(
                    vec![assignment(
                        "mcsb",
                        json!({first: {"value": "AuditIfNotExists"}}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Pass)],
            ),
            Case::new(
                "live parameter disabled",
                doc(
                    vec![assignment(
                        "SecurityCenterBuiltIn",
                        json!({first: {"value": "Disabled"}}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Fail)],
            ),
            // Changed from fail: the legacy name feeds no policy, the live one defaults on.
            Case::new(
                "only the legacy parameter disabled",
                doc(
                    vec![assignment(
                        "SecurityCenterBuiltIn",
                        json!({legacy: {"value": "Disabled"}}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Pass)],
            ),
            // Changed from fail ("not assigned"): inherited from a management group above.
            Case::new(
                "assigned at a management group above",
                under(
                    doc(vec![at(mg, "mcsb-mg", json!({}))], &[ASSIGNMENTS]),
                    json!(["Contoso"]),
                ),
                vec![e(sub_scope(), Pass)],
            ),
            Case::new(
                "disabled at the management group",
                under(
                    doc(
                        vec![at(mg, "mcsb-mg", json!({first: {"value": "disabled"}}))],
                        &[ASSIGNMENTS],
                    ),
                    json!(["Contoso"]),
                ),
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "disabled here, on at the management group",
                under(
                    doc(
                        vec![
                            assignment(
                                "SecurityCenterBuiltIn",
                                json!({first: {"value": "Disabled"}}),
                            ),
                            at(mg, "mcsb-mg", json!({})),
                        ],
                        &[ASSIGNMENTS],
                    ),
                    json!(["Contoso"]),
                ),
                vec![e(sub_scope(), Pass)],
            ),
            Case::new(
                "management groups above not known",
                doc(vec![at(mg, "mcsb-mg", json!({}))], &[ASSIGNMENTS]),
                vec![e(sub_scope(), Unknown)],
            ),
            Case::new(
                "another management group's",
                under(
                    doc(vec![at(mg, "mcsb-mg", json!({}))], &[ASSIGNMENTS]),
                    json!(["Fabrikam"]),
                ),
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "excluded by notScopes",
                {
                    let mut a = at(mg, "mcsb-mg", json!({}));
                    a["properties"]["notScopes"] = json!([sub_scope()]);
                    under(doc(vec![a], &[ASSIGNMENTS]), json!(["Contoso"]))
                },
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "only on a resource group",
                doc(
                    vec![at(
                        &format!("{sub}/resourceGroups/rg1"),
                        "rg-mcsb",
                        json!({}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "odd value",
                doc(
                    vec![assignment(
                        "SecurityCenterBuiltIn",
                        json!({first: {"value": 3}}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Unknown)],
            ),
            Case::new(
                "forbidden",
                forbid(doc(vec![], NOTHING), ASSIGNMENTS),
                vec![e(sub_scope(), Unknown)],
            ),
        ];
        if let Some(second) = self.live.get(1) {
            cases.push(Case::new(
                "one of two platforms disabled",
                doc(
                    vec![assignment(
                        "SecurityCenterBuiltIn",
                        json!({second.name: {"value": "Disabled"}}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Fail)],
            ));
        }
        cases
    }
}
