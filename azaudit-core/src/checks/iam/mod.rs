//! Entra ID and Azure RBAC checks.

pub mod authorization_policy;
pub mod guest_invites_admins_only;
pub mod manual_settings;
pub mod mfa;
pub mod mfa_all_users;
pub mod mfa_privileged_users;
pub mod no_custom_owner_roles;
pub mod no_guest_users;
pub mod security_defaults_enabled;
pub mod subscription_owners;
pub mod user_access_administrator_restricted;
pub mod users_cannot_create_m365_groups;

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

use crate::resource_types::{self, ResourceType};

use crate::check::{Context, Findings, Subject};
use crate::model::{Arm, RoleAssignment};

/// Whether an Azure role assignment is of the built-in role with this id.
pub(crate) fn holds_role(a: &RoleAssignment, role: &str) -> bool {
    a.role_definition_id
        .as_deref()
        .map(crate::ids::last_segment)
        .is_some_and(|r| r.eq_ignore_ascii_case(role))
}

/// The role assignments that hold at one subscription, as its `atScope()` list gave them.
pub(crate) struct HeldAt<'a> {
    /// Those made at the subscription, at a management group above it, or at the root `/`
    /// (not those at its resource groups or resources).
    pub held: Vec<&'a RoleAssignment>,
    /// Those made at a management group the snapshot cannot place above or beside it.
    pub unplaced: usize,
}

/// For each subscription whose role assignments were collected, the assignments that hold
/// at it; `f` decides the subscription's finding. A record that cannot be read makes the
/// subscription unknown, as does a missing list.
pub(crate) fn per_subscription_assignments(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    out: &mut Findings,
    mut f: impl FnMut(&str, HeldAt<'_>, &mut Findings),
) {
    let covered = cx.covered_subscriptions(reads, out);
    let view = cx.view::<Arm<RoleAssignment>>();
    for sub in cx.snapshot.subscriptions() {
        let s = &sub.subscription_id;
        if !covered.contains_subscription(s) {
            continue;
        }
        let mut at = HeldAt {
            held: Vec::new(),
            unplaced: 0,
        };
        let mut error = None;
        for (r, v) in view.iter(cx.snapshot) {
            const ROOT: &str = "/providers/Microsoft.Authorization/";
            let root = r
                .id()
                .get(..ROOT.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(ROOT));
            // `atScope()` lists no assignment below the subscription; one that is there (a
            // resource group's) does not hold at the subscription.
            let below = r.id().to_ascii_lowercase().contains("/resourcegroups/");
            let placed = if root {
                Some(true)
            } else if below {
                Some(false)
            } else {
                sub.is_under(r.id())
            };
            match (placed, v) {
                (Some(false), _) => {}
                (_, Err(e)) => error = Some(e.to_string()),
                (None, Ok(_)) => at.unplaced += 1,
                (Some(true), Ok(v)) => at.held.push(&v.properties),
            }
        }
        match error {
            Some(e) => {
                out.push(
                    crate::Status::Unknown,
                    Subject::subscription(s),
                    e,
                    serde_json::Value::Null,
                );
            }
            None => f(s, at, out),
        }
    }
}

/// Test records shared by the role-assignment checks.
#[cfg(test)]
pub(crate) mod fixtures {
    use serde_json::{Value, json};

    use crate::checks::testing::SUB;

    /// A role assignment as `GET {scope}/providers/Microsoft.Authorization/roleAssignments`
    /// (2022-04-01) returns it; `scope` `/` is the root.
    pub fn assignment(name: &str, scope: &str, role: &str, principal_type: &str) -> Value {
        let at = scope.trim_end_matches('/');
        json!({"id": format!("{at}/providers/Microsoft.Authorization/roleAssignments/{name}"),
               "type": "Microsoft.Authorization/roleAssignments", "name": name,
               "properties": {"roleDefinitionId": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{role}"),
                   "principalId": format!("p-{name}"), "principalType": principal_type, "scope": scope,
                   "condition": null, "conditionVersion": null, "createdOn": "2026-03-01T10:00:00.0000000Z",
                   "updatedOn": "2026-03-01T10:00:00.0000000Z", "createdBy": "f8d526a0-54eb-4941-ae69-ebf4a334d0f0",
                   "updatedBy": "f8d526a0-54eb-4941-ae69-ebf4a334d0f0", "delegatedManagedIdentityResourceId": null, "description": null}})
    }
}
