//! `defender.auto_provisioning_on`

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::checks::is;
use crate::finding::{Severity, Status};
use crate::model::AutoProvisioning;

const SETTINGS: &ResourceType = &resource_types::AUTO_PROVISIONING;

/// Defender auto provisioning of the monitoring agent is on.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "defender.auto_provisioning_on",
        title: "Defender for Cloud auto provisioning of the monitoring agent is on",
        service: "defender",
        level: 1,
        severity: Severity::Medium,
        reads: &[SETTINGS],
        rule: "Per subscription: pass iff the `default` auto provisioning setting has `autoProvision` On; fail when Off; unknown when no setting was returned.",
        rationale: "Without the agent, Defender for Cloud cannot see missing updates, OS misconfigurations or endpoint protection status on new VMs.",
        remediation: Remediation {
            portal: "Microsoft Defender for Cloud > Environment settings > subscription > Settings & monitoring > turn on the monitoring agent components.",
            cli: "az security auto-provisioning-setting update --name default --auto-provision On",
        },
        cis: &["3.1.1.1"],
        references: &["https://learn.microsoft.com/azure/defender-for-cloud/monitoring-components"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    cx.per_subscription::<AutoProvisioning>(CHECK.meta.reads, out, |s, items, out| {
        let setting = items
            .iter()
            .find(|(r, _)| r.name().eq_ignore_ascii_case("default"))
            .map(|(_, p)| p.auto_provision.clone());
        let ev = crate::evidence!({"autoProvision": setting.clone().flatten()});
        let subject = Subject::subscription(s);
        match setting.flatten() {
            Some(v) if v.eq_ignore_ascii_case("On") => {
                out.push(Status::Pass, subject, "Auto provisioning is On.", ev);
            }
            Some(v) if is(&Some(v.clone()), "Off") => {
                out.push(Status::Fail, subject, "Auto provisioning is Off.", ev);
            }
            _ => {
                out.push(
                    Status::Unknown,
                    subject,
                    "No readable 'default' auto provisioning setting was returned.",
                    ev,
                );
            }
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let setting = |v: &str| json!({"id": format!("/subscriptions/{SUB}/providers/Microsoft.Security/autoProvisioningSettings/default"), "type": SETTINGS, "name": "default", "properties": {"autoProvision": v}});
    vec![
        Case::new(
            "on",
            doc(vec![setting("On")], &[SETTINGS]),
            vec![e(sub_scope(), Pass)],
        ),
        Case::new(
            "off",
            doc(vec![setting("Off")], &[SETTINGS]),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "missing",
            doc(vec![], &[SETTINGS]),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![setting("On")], NOTHING), SETTINGS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
