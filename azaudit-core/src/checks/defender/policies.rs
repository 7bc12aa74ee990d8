//! `defender.policy_*`: parameters of the Defender for Cloud initiative, driven by a table.

use crate::check::{Check, CheckError, CheckMeta, Context, Findings, Remediation, Subject};
use crate::finding::{Severity, Status};
use crate::model::PolicyAssignment;
#[cfg(test)]
use serde_json::json;

const ASSIGNMENTS: &str = "Microsoft.Authorization/policyAssignments";
/// The Microsoft cloud security benchmark initiative ("ASC Default").
const MCSB: &str = "/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

/// A Defender policy check: one monitoring-effect parameter is not `Disabled`.
pub struct PolicyCheck {
    meta: CheckMeta,
    parameter: &'static str,
}

macro_rules! policy {
    ($static:ident, $id:literal, $param:literal, $what:literal) => {
        #[doc = concat!("`", $id, "`: parameter `", $param, "`.")]
        pub static $static: PolicyCheck = PolicyCheck {
            parameter: $param,
            meta: CheckMeta {
                id: $id,
                title: concat!("Defender for Cloud monitors ", $what),
                service: "defender",
                level: 1,
                severity: Severity::Medium,
                reads: &[ASSIGNMENTS],
                rule: concat!("Per subscription: pass iff the Microsoft cloud security benchmark initiative (policy set 1f3afdf9-d0c9-4c3d-847f-89da613e70a8, assignment usually `SecurityCenterBuiltIn`) is assigned at the subscription and its parameter `", $param, "` is absent (the initiative's default, AuditIfNotExists) or not `Disabled`; fail when the assignment is missing or the parameter is Disabled."),
                rationale: concat!("With this policy disabled, Defender for Cloud stops reporting ", $what, ", so the gap no longer shows in recommendations or the secure score."),
                remediation: Remediation {
                    portal: concat!("Microsoft Defender for Cloud > Environment settings > subscription > Security policy > Microsoft cloud security benchmark > Parameters: set '", $param, "' to AuditIfNotExists."),
                    cli: "az policy assignment show --name SecurityCenterBuiltIn --scope /subscriptions/<subscription> --query properties.parameters",
                },
                cis: &["3.1.11"],
                references: &["https://learn.microsoft.com/azure/defender-for-cloud/security-policy-concept"],
                manual: false,
            },
        };
    };
}

policy!(
    SYSTEM_UPDATES,
    "defender.policy_system_updates",
    "systemUpdatesMonitoringEffect",
    "missing system updates"
);
policy!(
    OS_VULNERABILITIES,
    "defender.policy_os_vulnerabilities",
    "systemConfigurationsMonitoringEffect",
    "OS configuration vulnerabilities"
);
policy!(
    ENDPOINT_PROTECTION,
    "defender.policy_endpoint_protection",
    "endpointProtectionMonitoringEffect",
    "missing endpoint protection"
);
policy!(
    DISK_ENCRYPTION,
    "defender.policy_disk_encryption",
    "diskEncryptionMonitoringEffect",
    "unencrypted VM disks"
);
policy!(
    STORAGE_ENCRYPTION,
    "defender.policy_storage_encryption",
    "storageEncryptionMonitoringEffect",
    "storage encryption"
);
policy!(
    SQL_AUDITING,
    "defender.policy_sql_auditing",
    "sqlAuditingMonitoringEffect",
    "SQL auditing"
);
policy!(
    SQL_ENCRYPTION,
    "defender.policy_sql_encryption",
    "sqlEncryptionMonitoringEffect",
    "SQL encryption"
);

fn is_mcsb(name: &str, p: &PolicyAssignment) -> bool {
    name.eq_ignore_ascii_case("SecurityCenterBuiltIn")
        || p.policy_definition_id
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().ends_with(&MCSB.to_ascii_lowercase()))
}

impl Check for PolicyCheck {
    fn meta(&self) -> &CheckMeta {
        &self.meta
    }

    fn evaluate(&self, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError> {
        super::per_subscription::<PolicyAssignment>(cx, self.meta.reads, out, |s, items, out| {
            let subject = Subject::subscription(s);
            // Only an assignment at the subscription itself (not one on a resource group).
            let at_sub = items.iter().find(|(r, p)| {
                is_mcsb(r.name(), p)
                    && crate::ids::parent_of(r.id())
                        .is_some_and(|x| crate::ids::same_id(x, &crate::ids::subscription_scope(s)))
            });
            let Some((r, p)) = at_sub else {
                out.push(Status::Fail, subject, "The Microsoft cloud security benchmark initiative is not assigned to the subscription.", crate::evidence!({"parameter": self.parameter}));
                return;
            };
            let value = p
                .parameters
                .as_ref()
                .and_then(|m| {
                    m.iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(self.parameter))
                })
                .and_then(|(_, v)| v.value.clone());
            let ev = crate::evidence!({"assignment": r.name(), "parameter": self.parameter, "value": value});
            match value.as_ref().and_then(|v| v.as_str()) {
                Some(v) if v.eq_ignore_ascii_case("Disabled") => {
                    out.push(
                        Status::Fail,
                        subject,
                        format!(
                            "{} is set to Disabled in the {} assignment.",
                            self.parameter,
                            r.name()
                        ),
                        ev,
                    );
                }
                Some(v) => {
                    out.push(
                        Status::Pass,
                        subject,
                        format!("{} is {v}.", self.parameter),
                        ev,
                    );
                }
                None if value.is_none() => {
                    out.push(Status::Pass, subject, format!("{} is not overridden, so the initiative's default (AuditIfNotExists) applies.", self.parameter), ev);
                }
                None => {
                    out.push(
                        Status::Unknown,
                        subject,
                        format!("{} has a value that is not a string.", self.parameter),
                        ev,
                    );
                }
            }
        });
        Ok(())
    }

    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        use crate::checks::testing::*;
        use crate::finding::Status::*;
        let assignment = |name: &str, params: serde_json::Value| {
            json!({
                "id": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/policyAssignments/{name}"),
                "type": ASSIGNMENTS, "name": name,
                "properties": {"displayName": "ASC Default", "policyDefinitionId": format!("/providers/Microsoft.Authorization{MCSB}"), "parameters": params, "enforcementMode": "Default"},
            })
        };
        let p = self.parameter;
        let mut rg_level = assignment("rg-mcsb", json!({}));
        rg_level["id"] = json!(format!(
            "/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Authorization/policyAssignments/rg-mcsb"
        ));
        vec![
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
                        json!({p: {"value": "AuditIfNotExists"}}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Pass)],
            ),
            Case::new(
                "disabled",
                doc(
                    vec![assignment(
                        "SecurityCenterBuiltIn",
                        json!({p: {"value": "Disabled"}}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "not assigned",
                doc(vec![rg_level], &[ASSIGNMENTS]),
                vec![e(sub_scope(), Fail)],
            ),
            Case::new(
                "odd value",
                doc(
                    vec![assignment(
                        "SecurityCenterBuiltIn",
                        json!({p: {"value": 3}}),
                    )],
                    &[ASSIGNMENTS],
                ),
                vec![e(sub_scope(), Unknown)],
            ),
            Case::new(
                "forbidden",
                forbid(doc(vec![], &[]), ASSIGNMENTS),
                vec![e(sub_scope(), Unknown)],
            ),
        ]
    }
}
