//! `iam.users_cannot_create_m365_groups`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::{Arm, GroupSetting};

use super::GROUP_SETTINGS;

/// Users cannot create Microsoft 365 groups.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.users_cannot_create_m365_groups",
        title: "Users cannot create Microsoft 365 groups",
        service: "iam",
        level: 2,
        severity: Severity::Low,
        reads: &[GROUP_SETTINGS],
        rule: "Pass iff a `Group.Unified` group setting exists with `EnableGroupCreation` = false (values are strings, compared case-insensitively). No such setting means the tenant default, true: fail. Unknown when the setting exists without that value, or group settings were not collected.",
        rationale: "Each Microsoft 365 group brings a mailbox, a SharePoint site and a Team; unrestricted creation spreads data where nobody governs it.",
        remediation: Remediation {
            portal: "Entra admin center > Groups > General > 'Users can create Microsoft 365 groups in Azure portals, API or PowerShell': No.",
            cli: "",
        },
        cis: &["2.21"],
        references: &[
            "https://learn.microsoft.com/microsoft-365/solutions/manage-creation-of-groups",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_tenant(CHECK.meta.reads, out);
    if covered.is_empty() {
        return Ok(());
    }
    let subject = || Subject::tenant(&cx.tenant_scope());
    let settings = cx.view::<Arm<GroupSetting>>();
    let mut unified = None;
    for (_, s) in settings.iter(cx.snapshot) {
        match s {
            Ok(s)
                if s.properties
                    .display_name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case("Group.Unified"))
                    || s.properties.template_id.as_deref()
                        == Some("62375ab9-6b52-47ed-826b-58e47e0e304b") =>
            {
                unified = Some(s.properties.clone());
            }
            Ok(_) => {}
            Err(e) => {
                out.push(
                    Status::Unknown,
                    subject(),
                    e.to_string(),
                    serde_json::Value::Null,
                );
                return Ok(());
            }
        }
    }
    let Some(u) = unified else {
        out.push(Status::Fail, subject(), "No Group.Unified setting exists, so every user can create Microsoft 365 groups (tenant default).", crate::evidence!({"EnableGroupCreation": Option::<String>::None}));
        return Ok(());
    };
    let v = u
        .values
        .iter()
        .flatten()
        .find(|v| {
            v.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case("EnableGroupCreation"))
        })
        .and_then(|v| v.value.clone());
    let ev = crate::evidence!({"EnableGroupCreation": v});
    match v.as_deref().map(str::trim) {
        Some(x) if x.eq_ignore_ascii_case("false") => {
            out.push(
                Status::Pass,
                subject(),
                "Microsoft 365 group creation is restricted.",
                ev,
            );
        }
        Some(x) if x.eq_ignore_ascii_case("true") => {
            out.push(
                Status::Fail,
                subject(),
                "Every user can create Microsoft 365 groups.",
                ev,
            );
        }
        _ => {
            out.push(
                Status::Unknown,
                subject(),
                "The Group.Unified setting has no readable EnableGroupCreation value.",
                ev,
            );
        }
    }
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let setting = |values: serde_json::Value| {
        graph(
            "groupSettings",
            "f0b2d6f5",
            json!({"displayName": "Group.Unified", "templateId": "62375ab9-6b52-47ed-826b-58e47e0e304b", "values": values}),
        )
    };
    vec![
        Case::new(
            "restricted",
            doc(
                vec![setting(
                    json!([{"name": "EnableGroupCreation", "value": "False"}]),
                )],
                &[GROUP_SETTINGS],
            ),
            vec![e(tenant_scope(), Pass)],
        ),
        Case::new(
            "open",
            doc(
                vec![setting(
                    json!([{"name": "EnableGroupCreation", "value": "true"}]),
                )],
                &[GROUP_SETTINGS],
            ),
            vec![e(tenant_scope(), Fail)],
        ),
        Case::new(
            "default",
            doc(vec![], &[GROUP_SETTINGS]),
            vec![e(tenant_scope(), Fail)],
        ),
        Case::new(
            "value missing",
            doc(
                vec![setting(
                    json!([{"name": "AllowToAddGuests", "value": "true"}]),
                )],
                &[GROUP_SETTINGS],
            ),
            vec![e(tenant_scope(), Unknown)],
        ),
        Case::new(
            "not collected",
            doc(vec![], NOTHING),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}
