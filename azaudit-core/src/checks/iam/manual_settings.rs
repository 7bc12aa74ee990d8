//! The tenant settings Azure exposes no API for, judged from an `Azaudit/tenantSettings`
//! record a person filled in, or reported as `manual`: one implementation and a table.

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use crate::check::{Check, CheckError, CheckMeta, Context, Findings, Remediation, Subject};
use crate::finding::{Severity, Status};
use crate::model::{Arm, TenantSettings};

const SETTINGS: &ResourceType = &resource_types::TENANT_SETTINGS;

/// A check of one setting with no API.
pub struct ManualSetting {
    meta: CheckMeta,
    /// The `Azaudit/tenantSettings` property.
    key: &'static str,
    /// The value that passes.
    good: bool,
    read: fn(&TenantSettings) -> Option<bool>,
    /// What a person must look at.
    instruction: &'static str,
}

macro_rules! manual {
    ($static:ident, $id:literal, $lvl:literal, $sev:ident, $key:literal, $field:ident, $good:literal, $title:literal, $instruction:literal, $why:literal, $cis:literal, $url:literal) => {
        #[doc = concat!("`", $id, "`.")]
        pub static $static: ManualSetting = ManualSetting {
            key: $key,
            good: $good,
            read: |s| s.$field,
            instruction: $instruction,
            meta: CheckMeta {
                id: $id,
                title: $title,
                service: "iam",
                level: $lvl,
                severity: Severity::$sev,
                reads: &[SETTINGS],
                rule: concat!("Manual: Microsoft Graph exposes no API for this setting. When the snapshot carries an `Azaudit/tenantSettings` record whose `", $key, "` is a boolean, pass iff it is ", stringify!($good), ", else fail; a record that cannot be read is unknown; without it, the finding is manual: ", $instruction, "."),
                rationale: $why,
                remediation: Remediation { portal: $instruction, cli: "" },
                cis: &[$cis],
                references: &[$url],
                manual: true,
            },
        };
    };
}

manual!(
    MFA_REMEMBER_DEVICE,
    "iam.mfa_remember_device_disabled",
    2,
    Medium,
    "mfaRememberDevice",
    mfa_remember_device,
    false,
    "Users cannot remember MFA on trusted devices",
    "Entra admin center > Per-user MFA > service settings: 'Allow users to remember multi-factor authentication on devices they trust' must be off",
    "Remembered devices skip MFA for up to 365 days; a stolen laptop or session then needs only the password.",
    "2.1.4",
    "https://learn.microsoft.com/entra/identity/authentication/howto-mfa-mfasettings#remember-multi-factor-authentication"
);
manual!(
    PASSWORD_RESET_NOTIFY,
    "iam.password_reset_notify_users",
    2,
    Low,
    "ssprNotifyUsersOnReset",
    sspr_notify_users_on_reset,
    true,
    "Users are notified when their password is reset",
    "Entra admin center > Password reset > Notifications: 'Notify users on password resets?' = Yes",
    "A notification tells the real owner at once when an attacker resets their password through self-service.",
    "2.10",
    "https://learn.microsoft.com/entra/identity/authentication/tutorial-enable-sspr"
);
manual!(
    ADMIN_PORTAL_RESTRICTED,
    "iam.admin_portal_restricted",
    2,
    Medium,
    "restrictNonAdminPortalAccess",
    restrict_non_admin_portal_access,
    true,
    "Access to the Microsoft Entra admin center is restricted to administrators",
    "Entra admin center > Users > User settings: 'Restrict access to Microsoft Entra admin center' = Yes",
    "Non-administrators browsing the directory's users, groups and applications give an attacker with one account a map of the tenant.",
    "2.17",
    "https://learn.microsoft.com/entra/fundamentals/users-default-permissions"
);
manual!(
    SELF_SERVICE_GROUPS,
    "iam.self_service_group_management_disabled",
    2,
    Low,
    "selfServiceGroupManagement",
    self_service_group_management,
    false,
    "Owners cannot manage group membership requests in My Groups",
    "Entra admin center > Groups > General: 'Owners can manage group membership requests in My Groups' = No",
    "Self-service membership lets access be granted outside the organisation's approval and review process.",
    "2.20",
    "https://learn.microsoft.com/entra/identity/users/groups-self-service-management"
);

impl Check for ManualSetting {
    fn meta(&self) -> &CheckMeta {
        &self.meta
    }

    fn evaluate(&self, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError> {
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
