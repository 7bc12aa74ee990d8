//! The tenant settings Azure exposes no API for, judged from an `Azaudit/tenantSettings`
//! record a person filled in, or reported as `manual`: one implementation and a table.

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use crate::check::family::{Family, Member, text};
use crate::check::{CheckError, CheckMeta, Context, Findings, Remediation, Subject};
use crate::finding::{Severity, Status};
use crate::model::{Arm, TenantSettings};

const SETTINGS: &ResourceType = &resource_types::TENANT_SETTINGS;

/// The manual-setting family's row: one tenant setting with no API.
pub struct ManualSetting {
    /// The check id.
    pub id: &'static str,
    /// The benchmark level.
    pub level: u8,
    /// Severity of a failing finding.
    pub severity: Severity,
    /// The `Azaudit/tenantSettings` property.
    pub key: &'static str,
    /// The value that passes.
    pub good: bool,
    /// Reads the property from the record.
    pub read: fn(&TenantSettings) -> Option<bool>,
    /// The check's title.
    pub title: &'static str,
    /// What a person must look at.
    pub instruction: &'static str,
    /// Why it matters.
    pub rationale: &'static str,
    /// CIS 3.0 recommendations.
    pub cis: &'static [&'static str],
    /// Microsoft Learn pages.
    pub references: &'static [&'static str],
}

/// `iam.mfa_remember_device_disabled`.
pub static MFA_REMEMBER_DEVICE: Member<ManualSetting> = Member::new(ManualSetting {
    id: "iam.mfa_remember_device_disabled",
    level: 2,
    severity: Severity::Medium,
    key: "mfaRememberDevice",
    good: false,
    read: |s| s.mfa_remember_device,
    title: "Users cannot remember MFA on trusted devices",
    instruction: "Entra admin center > Per-user MFA > service settings: 'Allow users to remember multi-factor authentication on devices they trust' must be off",
    rationale: "Remembered devices skip MFA for up to 365 days; a stolen laptop or session then needs only the password.",
    cis: &["2.1.4"],
    references: &[
        "https://learn.microsoft.com/entra/identity/authentication/howto-mfa-mfasettings#remember-multi-factor-authentication",
    ],
});
/// `iam.password_reset_notify_users`.
pub static PASSWORD_RESET_NOTIFY: Member<ManualSetting> = Member::new(ManualSetting {
    id: "iam.password_reset_notify_users",
    level: 2,
    severity: Severity::Low,
    key: "ssprNotifyUsersOnReset",
    good: true,
    read: |s| s.sspr_notify_users_on_reset,
    title: "Users are notified when their password is reset",
    instruction: "Entra admin center > Password reset > Notifications: 'Notify users on password resets?' = Yes",
    rationale: "A notification tells the real owner at once when an attacker resets their password through self-service.",
    cis: &["2.10"],
    references: &["https://learn.microsoft.com/entra/identity/authentication/tutorial-enable-sspr"],
});
/// `iam.admin_portal_restricted`.
pub static ADMIN_PORTAL_RESTRICTED: Member<ManualSetting> = Member::new(ManualSetting {
    id: "iam.admin_portal_restricted",
    level: 2,
    severity: Severity::Medium,
    key: "restrictNonAdminPortalAccess",
    good: true,
    read: |s| s.restrict_non_admin_portal_access,
    title: "Access to the Microsoft Entra admin center is restricted to administrators",
    instruction: "Entra admin center > Users > User settings: 'Restrict access to Microsoft Entra admin center' = Yes",
    rationale: "Non-administrators browsing the directory's users, groups and applications give an attacker with one account a map of the tenant.",
    cis: &["2.17"],
    references: &["https://learn.microsoft.com/entra/fundamentals/users-default-permissions"],
});
/// `iam.self_service_group_management_disabled`.
pub static SELF_SERVICE_GROUPS: Member<ManualSetting> = Member::new(ManualSetting {
    id: "iam.self_service_group_management_disabled",
    level: 2,
    severity: Severity::Low,
    key: "selfServiceGroupManagement",
    good: false,
    read: |s| s.self_service_group_management,
    title: "Owners cannot manage group membership requests in My Groups",
    instruction: "Entra admin center > Groups > General: 'Owners can manage group membership requests in My Groups' = No",
    rationale: "Self-service membership lets access be granted outside the organisation's approval and review process.",
    cis: &["2.20"],
    references: &[
        "https://learn.microsoft.com/entra/identity/users/groups-self-service-management",
    ],
});

impl Family for ManualSetting {
    fn meta(&self) -> CheckMeta {
        let (key, good, instruction) = (self.key, self.good, self.instruction);
        CheckMeta {
            id: self.id,
            title: self.title,
            service: "iam",
            level: self.level,
            severity: self.severity,
            reads: &[SETTINGS],
            rule: text(format!(
                "Manual: Microsoft Graph exposes no API for this setting. When the snapshot carries an `Azaudit/tenantSettings` record whose `{key}` is a boolean, pass iff it is {good}, else fail; a record that cannot be read is unknown; without it, the finding is manual: {instruction}."
            )),
            rationale: self.rationale,
            remediation: Remediation {
                portal: self.instruction,
                cli: "",
            },
            cis: self.cis,
            references: self.references,
            manual: true,
        }
    }

    fn evaluate(
        &self,
        _meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        let subject = || Subject::tenant(&cx.tenant_scope());
        let view = cx.view::<Arm<TenantSettings>>();
        let mut value = None;
        for (_, s) in view.iter(cx.snapshot) {
            match s {
                Ok(s) => value = value.or((self.read)(&s.properties)),
                Err(e) => {
                    out.push(Status::Unknown, subject(), format!("The tenant settings record cannot be read ({e}); fix it, or check by hand: {}.", self.instruction), serde_json::Value::Null);
                    return Ok(());
                }
            }
        }
        let mut ev = crate::finding::EvidenceWriter::new();
        ev.field(self.key, &value);
        let ev = ev.finish();
        match value {
            Some(v) if v == self.good => {
                out.push(
                    Status::Pass,
                    subject(),
                    format!("{} is {v} (from the tenant settings record).", self.key),
                    ev,
                );
            }
            Some(v) => {
                out.push(
                    Status::Fail,
                    subject(),
                    format!(
                        "{} is {v} (from the tenant settings record): {}.",
                        self.key, self.instruction
                    ),
                    ev,
                );
            }
            None => {
                out.push(
                    Status::Manual,
                    subject(),
                    format!("No API exposes this setting. Check: {}.", self.instruction),
                    ev,
                );
            }
        }
        Ok(())
    }

    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        use crate::checks::testing::*;
        use crate::finding::Status::*;
        let rec = |v: serde_json::Value| json!({"id": format!("/tenants/{TENANT}/settings/azaudit"), "type": SETTINGS, "name": "azaudit", "properties": v});
        vec![
            Case::new(
                "good",
                doc(vec![rec(json!({self.key: self.good}))], NOTHING),
                vec![e(tenant_scope(), Pass)],
            ),
            Case::new(
                "bad",
                doc(vec![rec(json!({self.key: !self.good}))], NOTHING),
                vec![e(tenant_scope(), Fail)],
            ),
            Case::new(
                "absent",
                doc(vec![rec(json!({}))], NOTHING),
                vec![e(tenant_scope(), Manual)],
            ),
            // A value that is not a boolean is not an answer: say the record is wrong rather than guess.
            Case::new(
                "malformed",
                doc(vec![rec(json!({self.key: "yes"}))], NOTHING),
                vec![e(tenant_scope(), Unknown)],
            ),
        ]
    }
}
