//! The MFA rule shared by `iam.mfa_privileged_users` and `iam.mfa_all_users`.

use super::*;
use crate::check::{Context, Findings};
use crate::ids::{self, IdKey, IdKeyMap, IdKeySet};
use crate::model::{
    Arm, ConditionalAccessPolicy, DirectoryRoleAssignment, GraphUser, RegistrationDetails,
    RoleAssignment,
};

/// Directory roles that make a user privileged, by role template id (CHECKS.md).
pub const PRIVILEGED_DIRECTORY_ROLES: [(&str, &str); 16] = [
    (
        "62e90394-69f5-4237-9190-012177145e10",
        "Global Administrator",
    ),
    (
        "e8611ab8-c189-46e8-94e1-60213ab1f814",
        "Privileged Role Administrator",
    ),
    (
        "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
        "Privileged Authentication Administrator",
    ),
    (
        "194ae4cb-b126-40b2-bd5b-6091b380977d",
        "Security Administrator",
    ),
    ("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
    (
        "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
        "Application Administrator",
    ),
    (
        "158c047a-c907-4556-b7ef-446551a6b5f7",
        "Cloud Application Administrator",
    ),
    (
        "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
        "Conditional Access Administrator",
    ),
    (
        "c4e39bd9-1100-46d3-8c65-fb160da0071f",
        "Authentication Administrator",
    ),
    (
        "29232cdf-9323-42fd-ade2-1d097af3e4de",
        "Exchange Administrator",
    ),
    (
        "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
        "SharePoint Administrator",
    ),
    (
        "729827e3-9c14-49f7-bb1b-9608f156bbb8",
        "Helpdesk Administrator",
    ),
    (
        "966707d0-3269-4727-9be2-8c3a10f19b9d",
        "Password Administrator",
    ),
    (
        "b0f54661-2d74-4c50-afa3-1ec803f12efe",
        "Billing Administrator",
    ),
    (
        "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
        "Hybrid Identity Administrator",
    ),
    (
        "3a2c62db-5318-420d-8d74-23affee5d9d5",
        "Intune Administrator",
    ),
];

/// Azure roles that make a user privileged at subscription (or wider) scope.
pub const PRIVILEGED_AZURE_ROLES: [(&str, &str); 3] = [
    ("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner"),
    ("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor"),
    (
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        "User Access Administrator",
    ),
];

/// What the MFA checks read.
pub const GRAPH_READS: &[&str] = &[USERS, DIRECTORY_ROLES, REGISTRATION, CA_POLICIES];

fn subscription_or_wider(scope: &str) -> bool {
    let s = scope.trim_end_matches('/');
    if s.is_empty() {
        return true; // "/" is the root scope
    }
    let lower = s.to_ascii_lowercase();
    lower.starts_with("/providers/microsoft.management/managementgroups/")
        || (lower.starts_with("/subscriptions/") && lower.matches('/').count() == 2)
}

enum Coverage<'p> {
    Covered(&'p str),
    Maybe(&'p str),
    No,
}

fn ca_coverage<'p>(
    p: &'p ConditionalAccessPolicy,
    user: &str,
    guest: bool,
    roles: &[&str],
) -> Coverage<'p> {
    let name = p.display_name.as_deref().unwrap_or("(unnamed)");
    let enabled = p
        .state
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("enabled"));
    let grant = p.grant_controls.as_ref();
    let controls = || {
        grant
            .iter()
            .flat_map(|g| g.built_in_controls.iter().flatten())
            .map(String::as_str)
    };
    let strength = grant
        .and_then(|g| g.authentication_strength.as_ref())
        .is_some_and(|a| !a.is_null());
    let either = grant
        .and_then(|g| g.operator.as_deref())
        .is_none_or(|o| o.eq_ignore_ascii_case("OR"));
    // MFA is required only when it cannot be satisfied another way: with OR, every
    // control offered must be MFA (or an authentication strength).
    let mfa = if either {
        (strength || controls().any(|c| c.eq_ignore_ascii_case("mfa")))
            && controls().all(|c| c.eq_ignore_ascii_case("mfa"))
    } else {
        strength || controls().any(|c| c.eq_ignore_ascii_case("mfa"))
    };
    if !enabled || !mfa {
        return Coverage::No;
    }
    let Some(u) = p.conditions.as_ref().and_then(|c| c.users.as_ref()) else {
        return Coverage::No;
    };
    let has =
        |v: &Option<Vec<String>>, x: &str| v.iter().flatten().any(|i| i.eq_ignore_ascii_case(x));
    let any_role = |v: &Option<Vec<String>>| {
        v.iter()
            .flatten()
            .any(|r| roles.iter().any(|x| x.eq_ignore_ascii_case(r)))
    };
    let included = has(&u.include_users, "All")
        || has(&u.include_users, user)
        || (guest && has(&u.include_users, "GuestsOrExternalUsers"))
        || any_role(&u.include_roles);
    let excluded = has(&u.exclude_users, user)
        || (guest && has(&u.exclude_users, "GuestsOrExternalUsers"))
        || any_role(&u.exclude_roles);
    let groups_in = u.include_groups.as_ref().is_some_and(|g| !g.is_empty());
    let groups_out = u.exclude_groups.as_ref().is_some_and(|g| !g.is_empty());
    // A policy for some apps only leaves the others without MFA; one whose apps were not
    // returned cannot be judged.
    let apps = p
        .conditions
        .as_ref()
        .and_then(|c| c.applications.as_ref())
        .and_then(|a| a.include_applications.as_ref());
    let all_apps = apps.is_some_and(|a| a.iter().any(|x| x.eq_ignore_ascii_case("All")));
    if excluded || (apps.is_some() && !all_apps) {
        Coverage::No
    } else if included && !groups_out && all_apps {
        Coverage::Covered(name)
    } else if included || groups_in {
        // Group memberships (or the policy's apps) are not known: it may or may not apply.
        Coverage::Maybe(name)
    } else {
        Coverage::No
    }
}

/// Judge MFA for enabled users: every member user, or only privileged ones.
pub fn evaluate(cx: &Context<'_>, out: &mut Findings, privileged_only: bool) {
    let tenant = cx.covered_tenant(GRAPH_READS, out);
    // Azure role assignments decide who is privileged; subscriptions without them are unknown.
    let subs = if privileged_only {
        Some(cx.covered_subscriptions(&[AZURE_ROLE_ASSIGNMENTS], out))
    } else {
        None
    };
    if tenant.is_empty() {
        return;
    }
    // Keyed by the ids as the views hold them, compared as Azure compares ids: a tenant has
    // as many users as resources, and nothing here is copied per user.
    let dir_view = cx.view::<Arm<DirectoryRoleAssignment>>();
    let mut dir_roles: IdKeyMap<'_, Vec<&str>> = IdKeyMap::default();
    for (_, a) in dir_view.iter(cx.snapshot) {
        let Ok(a) = a else { continue };
        if let (Some(p), Some(r)) = (&a.properties.principal_id, &a.properties.role_definition_id) {
            let roles = dir_roles.entry(IdKey(p)).or_default();
            if !roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                roles.push(r);
            }
        }
    }
    let azure_view = cx.view::<Arm<RoleAssignment>>();
    let mut azure_privileged: IdKeyMap<'_, Vec<String>> = IdKeyMap::default();
    if let Some(subs) = &subs {
        for (r, a) in azure_view.iter(cx.snapshot) {
            let Ok(a) = a else { continue };
            if !subs.contains(&r) {
                continue;
            }
            let a = &a.properties;
            let role = a
                .role_definition_id
                .as_deref()
                .map(ids::last_segment)
                .unwrap_or_default();
            let Some((_, role_name)) = PRIVILEGED_AZURE_ROLES
                .iter()
                .find(|(g, _)| g.eq_ignore_ascii_case(role))
            else {
                continue;
            };
            let is_user = a
                .principal_type
                .as_deref()
                .is_none_or(|t| t.eq_ignore_ascii_case("User"));
            if is_user
                && a.scope.as_deref().is_some_and(subscription_or_wider)
                && let Some(p) = &a.principal_id
            {
                azure_privileged.entry(IdKey(p)).or_default().push(format!(
                    "{role_name} on {}",
                    a.scope.as_deref().unwrap_or_default()
                ));
            }
        }
    }
    let registration_view = cx.view::<Arm<RegistrationDetails>>();
    let registration: IdKeyMap<'_, Option<bool>> = registration_view
        .iter(cx.snapshot)
        .filter_map(|(r, d)| {
            let d = d.ok()?;
            let id = d.properties.id.as_deref().unwrap_or_else(|| r.name());
            Some((IdKey(id), d.properties.is_mfa_registered))
        })
        .collect();
    let policy_view = cx.view::<Arm<ConditionalAccessPolicy>>();
    let policies: Vec<&ConditionalAccessPolicy> = policy_view
        .iter(cx.snapshot)
        .filter_map(|(_, p)| p.ok().map(|p| &p.properties))
        .collect();
    let mut seen = IdKeySet::default();
    // Walked here rather than with `cx.each`, so that the ids remembered across users borrow
    // from the view instead of being copied.
    let users = cx.view::<Arm<GraphUser>>();
    for (r, u) in users.iter(cx.snapshot) {
        if !tenant.contains(&r) {
            continue;
        }
        let r = &r;
        let u = match u {
            Ok(u) => u,
            Err(e) => {
                out.unknown(r, e.to_string(), serde_json::Value::Null);
                continue;
            }
        };
        let u = &u.properties;
        let id = u.id.as_deref().unwrap_or_else(|| r.name());
        let roles = dir_roles.get(&IdKey(id)).map_or(&[][..], Vec::as_slice);
        let az_priv = azure_privileged
            .get(&IdKey(id))
            .map_or(&[][..], Vec::as_slice);
        // Whether a user is privileged depends on the id alone, so skipping the others before
        // the duplicate test below skips each of their copies alike.
        let dir_privileged = PRIVILEGED_DIRECTORY_ROLES
            .iter()
            .any(|(t, _)| roles.iter().any(|x| x.eq_ignore_ascii_case(t)));
        let privileged = dir_privileged || !az_priv.is_empty();
        if privileged_only && !privileged {
            continue;
        }
        if !seen.insert(IdKey(id)) {
            continue;
        }
        let Some(enabled) = u.account_enabled else {
            out.unknown(
                r,
                "The user does not report accountEnabled.",
                serde_json::Value::Null,
            );
            continue;
        };
        if !enabled {
            continue;
        }
        let guest = u
            .user_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("Guest"));
        let dir_priv: Vec<&str> = PRIVILEGED_DIRECTORY_ROLES
            .iter()
            .filter(|(t, _)| roles.iter().any(|x| x.eq_ignore_ascii_case(t)))
            .map(|(_, n)| *n)
            .collect();
        if !privileged_only {
            match u.user_type.as_deref() {
                Some(t) if t.eq_ignore_ascii_case("Member") => {}
                Some(_) => continue,
                None => {
                    out.unknown(
                        r,
                        "The user does not report userType.",
                        serde_json::Value::Null,
                    );
                    continue;
                }
            }
        }
        let registered = registration.get(&IdKey(id)).copied().flatten();
        let mut maybe = None;
        let mut covered_by = None;
        for p in &policies {
            match ca_coverage(p, id, guest, roles) {
                Coverage::Covered(n) => {
                    covered_by = Some(n);
                    break;
                }
                Coverage::Maybe(n) => maybe = Some(n),
                Coverage::No => {}
            }
        }
        let ev = crate::evidence!({"userPrincipalName": u.user_principal_name, "isMfaRegistered": registered, "conditionalAccess": covered_by, "directoryRoles": dir_priv, "azureRoles": az_priv});
        if registered == Some(true) {
            out.pass(r, "The user is registered for MFA.", ev);
        } else if let Some(n) = &covered_by {
            out.pass(
                r,
                format!("Conditional access policy '{n}' requires MFA for the user."),
                ev,
            );
        } else if let Some(n) = maybe {
            out.unknown(r, format!("Not registered for MFA; conditional access policy '{n}' targets groups whose memberships were not collected."), ev);
        } else if registered == Some(false) {
            let message = if privileged {
                "This privileged user is not registered for MFA and no enabled conditional access policy requires it."
            } else {
                "The user is not registered for MFA and no enabled conditional access policy requires it."
            };
            out.fail(r, message, ev);
        } else {
            out.unknown(r, "No MFA registration details were returned for the user, and no enabled conditional access policy requires MFA for them.", ev);
        }
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use serde_json::{Value, json};

    use crate::checks::testing::*;

    pub fn user(id: &str, ty: &str, enabled: bool) -> Value {
        graph(
            "users",
            id,
            json!({"id": id, "userPrincipalName": format!("{id}@contoso.com"), "userType": ty, "accountEnabled": enabled}),
        )
    }
    pub fn reg(id: &str, mfa: bool) -> Value {
        graph(
            "userRegistrationDetails",
            id,
            json!({"id": id, "isMfaRegistered": mfa, "userType": "member"}),
        )
    }
    pub fn dir_role(user: &str, template: &str) -> Value {
        graph(
            "roleAssignments",
            &format!("ra-{user}"),
            json!({"principalId": user, "roleDefinitionId": template, "directoryScopeId": "/"}),
        )
    }
    pub fn ca(name: &str, state: &str, users: Value) -> Value {
        graph(
            "conditionalAccessPolicies",
            name,
            json!({"displayName": name, "state": state, "conditions": {"users": users, "applications": {"includeApplications": ["All"]}}, "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}),
        )
    }
    pub fn azure_role(user: &str, role_guid: &str, scope: &str) -> Value {
        json!({"id": format!("{scope}/providers/Microsoft.Authorization/roleAssignments/ra-{user}"), "type": "Microsoft.Authorization/roleAssignments", "name": format!("ra-{user}"),
               "properties": {"roleDefinitionId": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{role_guid}"), "principalId": user, "principalType": "User", "scope": scope}})
    }
}
