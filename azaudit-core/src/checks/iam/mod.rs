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

pub(crate) const USERS: &ResourceType = &resource_types::USERS;
pub(crate) const DIRECTORY_ROLES: &ResourceType = &resource_types::DIRECTORY_ROLE_ASSIGNMENTS;
pub(crate) const REGISTRATION: &ResourceType = &resource_types::REGISTRATION_DETAILS;
pub(crate) const CA_POLICIES: &ResourceType = &resource_types::CONDITIONAL_ACCESS_POLICIES;
pub(crate) const SECURITY_DEFAULTS: &ResourceType = &resource_types::SECURITY_DEFAULTS;
pub(crate) const DIRECTORY_ELIGIBILITY: &ResourceType = &resource_types::DIRECTORY_ROLE_ELIGIBILITY;
pub(crate) const GROUP_MEMBERS: &ResourceType = &resource_types::GROUP_MEMBERS;
pub(crate) const AZURE_ELIGIBILITY: &ResourceType = &resource_types::ROLE_ELIGIBILITY;
pub(crate) const AUTHZ_POLICY: &ResourceType = &resource_types::AUTHORIZATION_POLICY;
pub(crate) const GROUP_SETTINGS: &ResourceType = &resource_types::GROUP_SETTINGS;
pub(crate) const AZURE_ROLE_ASSIGNMENTS: &ResourceType = &resource_types::ROLE_ASSIGNMENTS;
pub(crate) const ROLE_DEFINITIONS: &ResourceType = &resource_types::ROLE_DEFINITIONS;

use crate::check::{Context, Findings};
use crate::model::{Arm, Props};
use crate::resource_types::{self, ResourceType};

/// The tenant's singleton of type `P` (authorization policy, ...), or an unknown finding.
pub(crate) fn tenant_singleton<P: Props + Clone>(
    cx: &Context<'_>,
    reads: &[&ResourceType],
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
                format!("No {} record was returned.", P::TYPE.name),
                serde_json::Value::Null,
            );
            None
        }
    }
}
