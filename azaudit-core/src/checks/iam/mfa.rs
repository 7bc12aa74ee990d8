//! The MFA rule shared by `iam.mfa_privileged_users` and `iam.mfa_all_users`.

use super::*;
use crate::check::{Context, Findings, Subject};
use crate::finding::Status;
use crate::ids;
use crate::intern::{IdKey, IdKeyMap, IdKeySet};
use crate::model::{
    Arm, CaConditions, ConditionalAccessPolicy, DirectoryRoleAssignment, DirectoryRoleEligibility,
    GraphUser, GroupMember, RegistrationDetails, RoleAssignment, RoleEligibility, SecurityDefaults,
};

use crate::roles::{PRIVILEGED_AZURE_ROLES, PRIVILEGED_DIRECTORY_ROLES};

/// What the MFA checks cannot judge without: users, their directory roles, their
/// registration and the conditional access policies.
pub const GRAPH_READS: &[&ResourceType] = &[USERS, DIRECTORY_ROLES, REGISTRATION, CA_POLICIES];

/// What `iam.mfa_all_users` reads: the Graph sources, security defaults and group members.
pub const ALL_USERS_READS: &[&ResourceType] = &[
    USERS,
    DIRECTORY_ROLES,
    REGISTRATION,
    CA_POLICIES,
    SECURITY_DEFAULTS,
    GROUP_MEMBERS,
];
/// What `iam.mfa_privileged_users` reads: also PIM eligibility and Azure role assignments.
pub const PRIVILEGED_READS: &[&ResourceType] = &[
    USERS,
    DIRECTORY_ROLES,
    DIRECTORY_ELIGIBILITY,
    REGISTRATION,
    CA_POLICIES,
    SECURITY_DEFAULTS,
    GROUP_MEMBERS,
    AZURE_ROLE_ASSIGNMENTS,
    AZURE_ELIGIBILITY,
];

/// Whether an assignment's scope is the subscription, a management group or the root.
fn subscription_or_wider(scope: &str) -> bool {
    let s = scope.trim_end_matches('/');
    if s.is_empty() {
        return true; // "/" is the root scope
    }
    let lower = s.to_ascii_lowercase();
    lower.starts_with("/providers/microsoft.management/managementgroups/")
        || (lower.starts_with("/subscriptions/") && lower.matches('/').count() == 2)
}

/// What one conditional access policy does for one user.
enum Coverage<'p> {
    /// Requires MFA for every app, everywhere, on every client.
    Covered(&'p str),
    /// Requires MFA for the user, but only under the named condition.
    Narrowed(&'p str, String),
    /// May apply: it targets groups whose memberships were not collected.
    Maybe(&'p str),
    No,
}

/// What the policy needs of the user to apply: who they are.
struct Who<'a> {
    id: &'a str,
    guest: bool,
    /// Active directory role template ids.
    roles: &'a [&'a str],
    /// Groups the user is in, directly or nested; `None` when memberships were not collected.
    groups: Option<&'a [&'a str]>,
}

fn has(v: &Option<Vec<String>>, x: &str) -> bool {
    v.iter().flatten().any(|i| i.eq_ignore_ascii_case(x))
}

/// The condition that keeps a policy from covering every sign-in, if any.
fn narrowing(c: &CaConditions) -> Option<String> {
    let list = |v: &Option<Vec<String>>| v.iter().flatten().cloned().collect::<Vec<_>>().join(", ");
    let some = |v: &Option<Vec<String>>| v.as_ref().is_some_and(|x| !x.is_empty());
    let set = |v: &Option<serde_json::Value>| v.as_ref().is_some_and(|x| !x.is_null());
    if let Some(a) = &c.applications {
        let all = has(&a.include_applications, "All");
        if !all {
            return Some(match some(&a.include_user_actions) {
                true => format!(
                    "user actions ({}) rather than apps",
                    list(&a.include_user_actions)
                ),
                false => format!("only the apps {}", list(&a.include_applications)),
            });
        }
        if some(&a.exclude_applications) {
            return Some(format!("excluded apps ({})", list(&a.exclude_applications)));
        }
    }
    if let Some(l) = &c.locations {
        if l.include_locations.is_some() && !has(&l.include_locations, "All") {
            return Some(format!("only the locations {}", list(&l.include_locations)));
        }
        if some(&l.exclude_locations) {
            return Some(format!(
                "excluded locations ({})",
                list(&l.exclude_locations)
            ));
        }
    }
    if some(&c.sign_in_risk_levels) {
        return Some(format!(
            "only at sign-in risk {}",
            list(&c.sign_in_risk_levels)
        ));
    }
    if some(&c.user_risk_levels) {
        return Some(format!("only at user risk {}", list(&c.user_risk_levels)));
    }
    if some(&c.client_app_types) && !has(&c.client_app_types, "all") {
        return Some(format!(
            "only the client apps {}",
            list(&c.client_app_types)
        ));
    }
    if let Some(p) = &c.platforms
        && (!has(&p.include_platforms, "all") || some(&p.exclude_platforms))
    {
        return Some(format!(
            "only some device platforms (include {}; exclude {})",
            list(&p.include_platforms),
            list(&p.exclude_platforms)
        ));
    }
    if c.devices
        .as_ref()
        .and_then(|d| d.get("deviceFilter"))
        .is_some_and(|f| !f.is_null())
    {
        return Some("a device filter".into());
    }
    if set(&c.insider_risk_levels) {
        return Some("only at some insider risk levels".into());
    }
    if set(&c.authentication_flows) {
        return Some("only some authentication flows".into());
    }
    None
}

/// Whether a policy's grant requires MFA: with OR, every control offered must be MFA (or an
/// authentication strength), else another control stands in for it.
fn requires_mfa(p: &ConditionalAccessPolicy) -> bool {
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
    if either {
        (strength || controls().any(|c| c.eq_ignore_ascii_case("mfa")))
            && controls().all(|c| c.eq_ignore_ascii_case("mfa"))
    } else {
        strength || controls().any(|c| c.eq_ignore_ascii_case("mfa"))
    }
}

fn is_enabled(p: &ConditionalAccessPolicy) -> bool {
    p.state
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("enabled"))
}

fn ca_coverage<'p>(p: &'p ConditionalAccessPolicy, who: &Who<'_>) -> Coverage<'p> {
    let name = p.display_name.as_deref().unwrap_or("(unnamed)");
    if !is_enabled(p) || !requires_mfa(p) {
        return Coverage::No;
    }
    let Some(c) = p.conditions.as_ref() else {
        return Coverage::No;
    };
    let Some(u) = c.users.as_ref() else {
        return Coverage::No;
    };
    let any_role = |v: &Option<Vec<String>>| {
        v.iter()
            .flatten()
            .any(|r| who.roles.iter().any(|x| x.eq_ignore_ascii_case(r)))
    };
    // Group targeting: `Some(true/false)` when memberships are known.
    let in_groups = |v: &Option<Vec<String>>| -> Option<bool> {
        let targets: Vec<&String> = v.iter().flatten().collect();
        if targets.is_empty() {
            return Some(false);
        }
        let groups = who.groups?;
        Some(
            targets
                .iter()
                .any(|t| groups.iter().any(|g| g.eq_ignore_ascii_case(t))),
        )
    };
    let present = |v: &Option<serde_json::Value>| v.as_ref().is_some_and(|x| !x.is_null());
    let guest_in = who.guest
        && (has(&u.include_users, "GuestsOrExternalUsers")
            || present(&u.include_guests_or_external_users));
    let guest_out = who.guest
        && (has(&u.exclude_users, "GuestsOrExternalUsers")
            || present(&u.exclude_guests_or_external_users));
    let included_directly = has(&u.include_users, "All")
        || has(&u.include_users, who.id)
        || guest_in
        || any_role(&u.include_roles);
    let excluded_directly =
        has(&u.exclude_users, who.id) || guest_out || any_role(&u.exclude_roles);
    if excluded_directly {
        return Coverage::No;
    }
    let included = match (included_directly, in_groups(&u.include_groups)) {
        (true, _) | (_, Some(true)) => Some(true),
        (false, Some(false)) => Some(false),
        (false, None) => None,
    };
    let excluded = in_groups(&u.exclude_groups);
    match (included, excluded) {
        (Some(false), _) | (_, Some(true)) => Coverage::No,
        (None, _) | (_, None) => Coverage::Maybe(name),
        (Some(true), Some(false)) => match narrowing(c) {
            Some(why) => Coverage::Narrowed(name, why),
            None => Coverage::Covered(name),
        },
    }
}

/// The id of the group a `Microsoft.Graph/groups/transitiveMembers` record is in.
fn group_of(member_record_id: &str) -> Option<&str> {
    let mut parts = member_record_id.split('/');
    parts.find(|p| p.eq_ignore_ascii_case("groups"))?;
    parts.next()
}

/// Judge MFA for enabled users: every user, or only privileged ones.
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
    let scope = cx.tenant_scope();
    // Sources that only add to what is known: missing, they make the users they could have
    // changed unknown (or, for eligibility, one finding says who may be missing).
    let groups_known = cx.collected(&scope, GROUP_MEMBERS);
    let defaults_known = cx.collected(&scope, SECURITY_DEFAULTS);
    if privileged_only {
        if let Some(why) = cx.first_missing(&scope, &[DIRECTORY_ELIGIBILITY]) {
            out.push(
                Status::Unknown,
                Subject::other(format!("{scope}/{DIRECTORY_ELIGIBILITY}"), DIRECTORY_ELIGIBILITY.name),
                format!("Users eligible for a privileged directory role through PIM are not judged: {why}"),
                serde_json::Value::Null,
            );
        }
        for sub in cx.snapshot.subscriptions() {
            let s = ids::subscription_scope(&sub.subscription_id);
            if let Some(why) = cx.first_missing(&s, &[AZURE_ELIGIBILITY]) {
                out.push(
                    Status::Unknown,
                    Subject::other(format!("{s}/providers/{AZURE_ELIGIBILITY}"), AZURE_ELIGIBILITY.name),
                    format!("Users eligible for a privileged Azure role through PIM are not judged: {why}"),
                    serde_json::Value::Null,
                );
            }
        }
    }
    if !groups_known && let Some(why) = cx.first_missing(&scope, &[GROUP_MEMBERS]) {
        out.push(
            Status::Unknown,
            Subject::other(format!("{scope}/{GROUP_MEMBERS}"), GROUP_MEMBERS.name),
            format!("Group memberships were not collected: users privileged, or covered by a policy, through a group are not judged as such: {why}"),
            serde_json::Value::Null,
        );
    }
    // Group id -> its users, and user -> their groups.
    let member_view = cx.view::<Arm<GroupMember>>();
    let mut members: IdKeyMap<'_, Vec<&str>> = IdKeyMap::default();
    let mut groups_of: IdKeyMap<'_, Vec<&str>> = IdKeyMap::default();
    for (r, m) in member_view.iter(cx.snapshot) {
        let Ok(m) = m else { continue };
        // Nested groups are listed too; their users are listed themselves.
        if m.properties
            .odata_type
            .as_deref()
            .is_some_and(|t| !t.eq_ignore_ascii_case("#microsoft.graph.user"))
        {
            continue;
        }
        let (Some(g), user) = (
            group_of(r.id()),
            m.properties.id.as_deref().unwrap_or(r.name()),
        ) else {
            continue;
        };
        members.entry(IdKey(g)).or_default().push(user);
        groups_of.entry(IdKey(user)).or_default().push(g);
    }
    let users_of = |principal: &'_ str| -> Vec<&str> {
        members.get(&IdKey(principal)).cloned().unwrap_or_default()
    };
    // Principal -> directory roles (template ids), active and eligible; a group's reach its
    // members.
    let mut dir_roles: IdKeyMap<'_, Vec<&str>> = IdKeyMap::default();
    let mut dir_reasons: IdKeyMap<'_, Vec<String>> = IdKeyMap::default();
    let dir_view = cx.view::<Arm<DirectoryRoleAssignment>>();
    let elig_view = cx.view::<Arm<DirectoryRoleEligibility>>();
    let active = dir_view.iter(cx.snapshot).filter_map(|(_, a)| {
        let a = &a.ok()?.properties;
        Some((
            a.principal_id.as_deref()?,
            a.role_definition_id.as_deref()?,
            true,
        ))
    });
    let eligible = elig_view.iter(cx.snapshot).filter_map(|(_, a)| {
        let a = &a.ok()?.properties;
        Some((
            a.principal_id.as_deref()?,
            a.role_definition_id.as_deref()?,
            false,
        ))
    });
    for (principal, role, is_active) in active.chain(eligible) {
        let name = PRIVILEGED_DIRECTORY_ROLES
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(role))
            .map(|(_, n)| *n);
        let group_users = users_of(principal);
        let via_group = !group_users.is_empty();
        let holders: Vec<&str> = if via_group {
            group_users
        } else {
            vec![principal]
        };
        for h in holders {
            if is_active {
                let roles = dir_roles.entry(IdKey(h)).or_default();
                if !roles.iter().any(|x| x.eq_ignore_ascii_case(role)) {
                    roles.push(role);
                }
            }
            if let Some(n) = name {
                let how = match (is_active, via_group) {
                    (true, false) => n.to_string(),
                    (true, true) => format!("{n} through group {principal}"),
                    (false, false) => format!("{n} (PIM-eligible)"),
                    (false, true) => format!("{n} (PIM-eligible, through group {principal})"),
                };
                dir_reasons.entry(IdKey(h)).or_default().push(how);
            }
        }
    }
    let azure_view = cx.view::<Arm<RoleAssignment>>();
    let azure_elig = cx.view::<Arm<RoleEligibility>>();
    let mut azure_privileged: IdKeyMap<'_, Vec<String>> = IdKeyMap::default();
    if let Some(subs) = &subs {
        // An assignment made at a management group (or the root) was listed through a
        // subscription and holds for the tenant's subscriptions below it.
        let inherited = |id: &str| {
            !subs.is_empty()
                && (ids::management_group_of(id).is_some()
                    || id
                        .to_ascii_lowercase()
                        .starts_with("/providers/microsoft.authorization/"))
        };
        let assigned = azure_view.iter(cx.snapshot).filter_map(|(r, a)| {
            let a = &a.ok()?.properties;
            let kept = subs.contains(&r) || inherited(r.id());
            kept.then_some((
                a.role_definition_id.as_deref(),
                a.principal_id.as_deref(),
                a.principal_type.as_deref(),
                a.scope.as_deref(),
                "",
            ))
        });
        let eligible = azure_elig.iter(cx.snapshot).filter_map(|(r, a)| {
            let a = &a.ok()?.properties;
            let provisioned = a
                .status
                .as_deref()
                .is_none_or(|s| s.eq_ignore_ascii_case("Provisioned"));
            let kept = provisioned && (subs.contains(&r) || inherited(r.id()));
            kept.then_some((
                a.role_definition_id.as_deref(),
                a.principal_id.as_deref(),
                a.principal_type.as_deref(),
                a.scope.as_deref(),
                " (PIM-eligible)",
            ))
        });
        for (role, principal, kind, at, how) in assigned.chain(eligible) {
            let role = role.map(ids::last_segment).unwrap_or_default();
            let Some((_, role_name)) = PRIVILEGED_AZURE_ROLES
                .iter()
                .find(|(g, _)| g.eq_ignore_ascii_case(role))
            else {
                continue;
            };
            let (Some(principal), Some(at)) = (principal, at) else {
                continue;
            };
            if !subscription_or_wider(at) {
                continue;
            }
            let kind = kind.unwrap_or("User");
            let holders: Vec<(&str, String)> = if kind.eq_ignore_ascii_case("User") {
                vec![(principal, format!("{role_name} on {at}{how}"))]
            } else if kind.eq_ignore_ascii_case("Group") {
                users_of(principal)
                    .into_iter()
                    .map(|u| {
                        (
                            u,
                            format!("{role_name} on {at}{how}, through group {principal}"),
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            for (h, why) in holders {
                azure_privileged.entry(IdKey(h)).or_default().push(why);
            }
        }
    }
    let registration_view = cx.view::<Arm<RegistrationDetails>>();
    let registration: IdKeyMap<'_, (Option<bool>, Option<bool>)> = registration_view
        .iter(cx.snapshot)
        .filter_map(|(r, d)| {
            let d = &d.ok()?.properties;
            let id = d.id.as_deref().unwrap_or_else(|| r.name());
            Some((IdKey(id), (d.is_mfa_registered, d.is_mfa_capable)))
        })
        .collect();
    let policy_view = cx.view::<Arm<ConditionalAccessPolicy>>();
    let policies: Vec<&ConditionalAccessPolicy> = policy_view
        .iter(cx.snapshot)
        .filter_map(|(_, p)| p.ok().map(|p| &p.properties))
        .collect();
    // Security defaults and conditional access exclude each other: an enabled policy means
    // the defaults are off, whether or not they were collected.
    let defaults_view = cx.view::<Arm<SecurityDefaults>>();
    let defaults_on = defaults_view
        .iter(cx.snapshot)
        .any(|(_, d)| d.ok().and_then(|d| d.properties.is_enabled) == Some(true));
    let defaults_off_known = defaults_known || policies.iter().any(|p| is_enabled(p));
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
        let dir_priv = dir_reasons.get(&IdKey(id)).map_or(&[][..], Vec::as_slice);
        let az_priv = azure_privileged
            .get(&IdKey(id))
            .map_or(&[][..], Vec::as_slice);
        // Whether a user is privileged depends on the id alone, so skipping the others before
        // the duplicate test below skips each of their copies alike.
        let privileged = !dir_priv.is_empty() || !az_priv.is_empty();
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
        let guest = match u.user_type.as_deref() {
            Some(t) => t.eq_ignore_ascii_case("Guest"),
            None => {
                out.unknown(
                    r,
                    "The user does not report userType.",
                    serde_json::Value::Null,
                );
                continue;
            }
        };
        let who = Who {
            id,
            guest,
            roles,
            groups: groups_known.then(|| groups_of.get(&IdKey(id)).map_or(&[][..], Vec::as_slice)),
        };
        let (registered, capable) = registration
            .get(&IdKey(id))
            .copied()
            .unwrap_or((None, None));
        let mut maybe = None;
        let mut narrowed = None;
        let mut covered_by = None;
        for p in &policies {
            match ca_coverage(p, &who) {
                Coverage::Covered(n) => {
                    covered_by = Some(n);
                    break;
                }
                Coverage::Narrowed(n, why) => narrowed = Some((n, why)),
                Coverage::Maybe(n) => maybe = Some(n),
                Coverage::No => {}
            }
        }
        let ev = crate::evidence!({"userPrincipalName": u.user_principal_name, "isMfaRegistered": registered, "isMfaCapable": capable, "securityDefaults": defaults_on, "conditionalAccess": covered_by, "narrowedPolicy": narrowed.as_ref().map(|(n, w)| format!("{n}: {w}")), "directoryRoles": dir_priv, "azureRoles": az_priv});
        let who_text = if privileged {
            "This privileged user"
        } else {
            "The user"
        };
        let narrowed_text = narrowed
            .as_ref()
            .map(|(n, w)| {
                format!(" (policy '{n}' requires MFA only with {w}, which is not coverage)")
            })
            .unwrap_or_default();
        if defaults_on {
            out.pass(
                r,
                "Security defaults are enabled: Entra ID requires MFA of every user.",
                ev,
            );
        } else if let Some(n) = &covered_by {
            out.pass(
                r,
                format!("Conditional access policy '{n}' requires MFA for the user in every app, location and client."),
                ev,
            );
        } else if capable == Some(true) {
            out.pass(
                r,
                "The user is registered for MFA with a method the tenant allows (isMfaCapable).",
                ev,
            );
        } else if let Some(n) = maybe {
            out.unknown(r, format!("Not MFA-capable; conditional access policy '{n}' targets groups whose memberships were not collected."), ev);
        } else if registered.is_none() && capable.is_none() {
            out.unknown(r, "No MFA registration details were returned for the user, and no enabled conditional access policy requires MFA for them.", ev);
        } else if capable.is_none() {
            out.unknown(r, "The registration details do not report isMfaCapable: registration alone (isMfaRegistered) does not show a method the tenant allows.", ev);
        } else if !defaults_off_known {
            out.unknown(r, format!("{who_text} is not MFA-capable and no conditional access policy requires MFA; whether security defaults do was not collected.{narrowed_text}"), ev);
        } else {
            let what = if registered == Some(true) {
                "is registered for MFA only with methods the tenant does not allow (isMfaCapable false)"
            } else {
                "is not registered for MFA"
            };
            out.fail(
                r,
                format!("{who_text} {what}, security defaults are off and no enabled conditional access policy requires MFA for them everywhere{narrowed_text}."),
                ev,
            );
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
        reg_detail(id, mfa, mfa)
    }
    /// As `GET /reports/authenticationMethods/userRegistrationDetails` returns one.
    pub fn reg_detail(id: &str, registered: bool, capable: bool) -> Value {
        graph(
            "userRegistrationDetails",
            id,
            json!({"id": id, "userPrincipalName": format!("{id}@contoso.com"), "userDisplayName": id, "userType": "member",
                   "isAdmin": false, "isSsprRegistered": false, "isSsprEnabled": false, "isSsprCapable": false,
                   "isMfaRegistered": registered, "isMfaCapable": capable, "isPasswordlessCapable": false,
                   "methodsRegistered": if registered { json!(["microsoftAuthenticatorPush"]) } else { json!([]) },
                   "isSystemPreferredAuthenticationMethodEnabled": false, "systemPreferredAuthenticationMethods": [],
                   "userPreferredMethodForSecondaryAuthentication": null, "lastUpdatedDateTime": "2026-11-01T10:00:00Z"}),
        )
    }
    /// `GET /policies/identitySecurityDefaultsEnforcementPolicy`.
    pub fn security_defaults(enabled: bool) -> Value {
        graph(
            "identitySecurityDefaultsEnforcementPolicy",
            "00000000-0000-0000-0000-000000000005",
            json!({"id": "00000000-0000-0000-0000-000000000005", "displayName": "Security Defaults",
                   "description": "Security defaults is a set of basic identity security mechanisms recommended by Microsoft.", "isEnabled": enabled}),
        )
    }
    /// One user of `GET /groups/{group}/transitiveMembers/microsoft.graph.user`.
    pub fn member(group: &str, user: &str) -> Value {
        json!({"id": format!("/tenants/{TENANT}/groups/{group}/transitiveMembers/{user}"), "type": "Microsoft.Graph/groups/transitiveMembers", "name": user,
               "properties": {"@odata.type": "#microsoft.graph.user", "id": user, "userPrincipalName": format!("{user}@contoso.com")}})
    }
    /// `GET /roleManagement/directory/roleEligibilityScheduleInstances`.
    pub fn dir_eligible(user: &str, template: &str) -> Value {
        graph(
            "roleEligibilityScheduleInstances",
            &format!("el-{user}"),
            json!({"id": format!("el-{user}"), "principalId": user, "roleDefinitionId": template, "directoryScopeId": "/", "appScopeId": null,
                   "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": null, "memberType": "Direct", "roleEligibilityScheduleId": format!("sched-{user}")}),
        )
    }
    /// `GET {scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances` (2020-10-01).
    pub fn azure_eligible(
        principal: &str,
        role_guid: &str,
        scope: &str,
        principal_type: &str,
    ) -> Value {
        json!({"id": format!("{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/el-{principal}"), "type": "Microsoft.Authorization/roleEligibilityScheduleInstances", "name": format!("el-{principal}"),
               "properties": {"roleEligibilityScheduleId": format!("{scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/s-{principal}"),
                   "scope": scope, "roleDefinitionId": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{role_guid}"),
                   "principalId": principal, "principalType": principal_type, "status": "Provisioned", "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": null,
                   "memberType": "Direct", "createdOn": "2026-01-01T00:00:00Z", "condition": null, "conditionVersion": null}})
    }
    pub fn dir_role(user: &str, template: &str) -> Value {
        graph(
            "roleAssignments",
            &format!("ra-{user}"),
            json!({"principalId": user, "roleDefinitionId": template, "directoryScopeId": "/"}),
        )
    }
    /// A policy as `GET /identity/conditionalAccess/policies` (v1.0) returns it: every
    /// condition present, unset ones `null` or empty.
    pub fn ca(name: &str, state: &str, users: Value) -> Value {
        let mut u = json!({"includeUsers": [], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": [],
                           "includeGuestsOrExternalUsers": null, "excludeGuestsOrExternalUsers": null});
        for (k, v) in users.as_object().into_iter().flatten() {
            u[k] = v.clone();
        }
        graph(
            "conditionalAccessPolicies",
            name,
            json!({"id": name, "displayName": name, "state": state, "createdDateTime": "2026-01-01T00:00:00Z", "modifiedDateTime": null,
                   "conditions": {"userRiskLevels": [], "signInRiskLevels": [], "clientAppTypes": ["all"], "servicePrincipalRiskLevels": [],
                       "insiderRiskLevels": null, "platforms": null, "locations": null, "devices": null, "clientApplications": null, "authenticationFlows": null,
                       "applications": {"includeApplications": ["All"], "excludeApplications": [], "includeUserActions": [], "includeAuthenticationContextClassReferences": [], "applicationFilter": null},
                       "users": u},
                   "grantControls": {"operator": "OR", "builtInControls": ["mfa"], "customAuthenticationFactors": [], "termsOfUse": [], "authenticationStrength": null},
                   "sessionControls": null}),
        )
    }
    /// `ca` with one condition replaced.
    pub fn ca_with(name: &str, users: Value, condition: &str, value: Value) -> Value {
        let mut p = ca(name, "enabled", users);
        p["properties"]["conditions"][condition] = value;
        p
    }
    pub fn azure_role(user: &str, role_guid: &str, scope: &str) -> Value {
        json!({"id": format!("{scope}/providers/Microsoft.Authorization/roleAssignments/ra-{user}"), "type": "Microsoft.Authorization/roleAssignments", "name": format!("ra-{user}"),
               "properties": {"roleDefinitionId": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{role_guid}"), "principalId": user, "principalType": "User", "scope": scope}})
    }
}
