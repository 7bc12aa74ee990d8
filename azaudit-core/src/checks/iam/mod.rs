//! Entra ID and Azure RBAC checks.

pub mod guest_invites_admins_only;
pub mod manual_settings;
pub mod mfa;
pub mod mfa_all_users;
pub mod mfa_privileged_users;
pub mod no_custom_owner_roles;
pub mod no_guest_users;
pub mod users_cannot_create_m365_groups;
pub mod users_cannot_create_security_groups;

pub(crate) const USERS: &str = "Microsoft.Graph/users";
pub(crate) const DIRECTORY_ROLES: &str = "Microsoft.Graph/roleAssignments";
pub(crate) const REGISTRATION: &str = "Microsoft.Graph/userRegistrationDetails";
pub(crate) const CA_POLICIES: &str = "Microsoft.Graph/conditionalAccessPolicies";
pub(crate) const SECURITY_DEFAULTS: &str =
    "Microsoft.Graph/identitySecurityDefaultsEnforcementPolicy";
pub(crate) const DIRECTORY_ELIGIBILITY: &str = "Microsoft.Graph/roleEligibilityScheduleInstances";
pub(crate) const GROUP_MEMBERS: &str = "Microsoft.Graph/groups/transitiveMembers";
pub(crate) const AZURE_ELIGIBILITY: &str =
    "Microsoft.Authorization/roleEligibilityScheduleInstances";
pub(crate) const AUTHZ_POLICY: &str = "Microsoft.Graph/authorizationPolicy";
pub(crate) const GROUP_SETTINGS: &str = "Microsoft.Graph/groupSettings";
pub(crate) const AZURE_ROLE_ASSIGNMENTS: &str = "Microsoft.Authorization/roleAssignments";
pub(crate) const ROLE_DEFINITIONS: &str = "Microsoft.Authorization/roleDefinitions";

use crate::check::{Context, Findings};
use crate::model::{Arm, Props};

/// The tenant's singleton of type `P` (authorization policy, ...), or an unknown finding.
pub(crate) fn tenant_singleton<P: Props + Clone>(
    cx: &Context<'_>,
    reads: &[&str],
    out: &mut Findings,
) -> Option<P> {
    let covered = cx.covered_tenant(reads, out);
    if covered.is_empty() {
        return None;
    }
    let view = cx.view::<Arm<P>>();
    let first = view.iter(cx.snapshot).next();
    let subject = crate::check::Subject::tenant(&cx.tenant_scope());
    match first {
        Some((_, Ok(p))) => Some(p.properties.clone()),
        Some((_, Err(e))) => {
            out.push(
                crate::Status::Unknown,
                subject,
                e.to_string(),
                serde_json::Value::Null,
            );
            None
        }
        None => {
            out.push(
                crate::Status::Unknown,
                subject,
                format!("No {} record was returned.", P::TYPE),
                serde_json::Value::Null,
            );
            None
        }
    }
}
