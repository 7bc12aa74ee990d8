//! `iam.users_cannot_create_tenants`, `iam.users_cannot_register_apps`,
//! `iam.users_cannot_create_security_groups`, `iam.guest_access_restricted`: one rule per setting of the tenant's authorization policy
//! (`GET /policies/authorizationPolicy`, Graph v1.0, `Policy.Read.All`), driven by a table.

use crate::check::family::{Member, TenantSetting};
use crate::check::{CheckMeta, Remediation};
use crate::finding::Severity;
use crate::model::AuthorizationPolicy;
#[cfg(test)]
use serde_json::json;

use super::AUTHZ_POLICY;

/// A setting of the authorization policy: the shared family, over the tenant's singleton.
pub type PolicySetting = TenantSetting<AuthorizationPolicy>;

/// The guest role that limits guests to their own directory objects (the most restrictive).
const GUEST_RESTRICTED: &str = "2af84b1e-32c8-42b7-82bc-daa82404023b";
/// The guest role that lets guests read the properties of users and groups (the default).
const GUEST_LIMITED: &str = "10dae51f-b6af-4016-8d66-8c2a99b929b3";

/// A member's fixtures: the policy with `good`, `bad` and `odd` merged in, then forbidden.
#[cfg(test)]
fn cases([good, bad, odd]: [serde_json::Value; 3]) -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // As Graph v1.0 returns it (authorizationPolicy-get.md), before the member's change.
    let policy = |change: serde_json::Value| {
        let mut p = json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy/$entity",
            "id": "authorizationPolicy",
            "allowInvitesFrom": "everyone",
            "allowedToSignUpEmailBasedSubscriptions": true,
            "allowedToUseSSPR": true,
            "allowEmailVerifiedUsersToJoinOrganization": false,
            "blockMsolPowerShell": null,
            "displayName": "Authorization Policy",
            "description": "Used to manage authorization related settings across the company.",
            "guestUserRoleId": GUEST_LIMITED,
            "defaultUserRolePermissions": {
                "allowedToCreateApps": true,
                "allowedToCreateSecurityGroups": true,
                "allowedToCreateTenants": true,
                "allowedToReadBitlockerKeysForOwnedDevice": true,
                "allowedToReadOtherUsers": true
            }
        });
        merge(&mut p, change);
        graph("authorizationPolicy", "authorizationPolicy", p)
    };
    let one = |name: &'static str, change: serde_json::Value, status| {
        Case::new(
            name,
            doc(vec![policy(change)], &[AUTHZ_POLICY]),
            vec![e(tenant_scope(), status)],
        )
    };
    vec![
        one("pass", good, Pass),
        one("fail", bad, Fail),
        one("unknown", odd, Unknown),
        Case::new(
            "forbidden",
            forbid(doc(vec![], NOTHING), AUTHZ_POLICY),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}

/// Merge `change` into `into`, objects key by key; a `null` removes the key.
#[cfg(test)]
fn merge(into: &mut serde_json::Value, change: serde_json::Value) {
    let (Some(to), serde_json::Value::Object(from)) = (into.as_object_mut(), change) else {
        return;
    };
    for (k, v) in from {
        match (to.get_mut(&k), v) {
            (_, serde_json::Value::Null) => {
                to.remove(&k);
            }
            (Some(slot @ serde_json::Value::Object(_)), v @ serde_json::Value::Object(_)) => {
                merge(slot, v)
            }
            (_, v) => {
                to.insert(k, v);
            }
        }
    }
}

/// A default user permission: pass when false, fail when true, unknown when absent.
fn denied(
    value: Option<bool>,
    name: &'static str,
    [pass, fail, absent]: [&'static str; 3],
) -> (Option<bool>, crate::finding::Evidence, &'static str) {
    let ev = crate::evidence!({ name: value });
    match value {
        Some(false) => (Some(true), ev, pass),
        Some(true) => (Some(false), ev, fail),
        None => (None, ev, absent),
    }
}

/// `iam.users_cannot_create_tenants`: only administrators create Entra tenants.
pub static USERS_CANNOT_CREATE_TENANTS: Member<PolicySetting> = Member::new(PolicySetting {
    meta: || CheckMeta {
        id: "iam.users_cannot_create_tenants",
        title: "Non-admin users cannot create Microsoft Entra tenants",
        service: "iam",
        level: 1,
        severity: Severity::Medium,
        reads: &[AUTHZ_POLICY],
        rule: "Pass iff the authorization policy's `defaultUserRolePermissions.allowedToCreateTenants` is false ('Restrict non-admin users from creating tenants': Yes); fail when true (Entra's default); unknown when the property is absent or the policy could not be read. Severity medium: a tenant a user creates is outside the organisation's conditional access, logging and reviews, and its creator is its Global Administrator.",
        rationale: "A user who creates a tenant becomes its Global Administrator, beyond the organisation's policies; shadow tenants then hold data and app registrations nobody governs.",
        remediation: Remediation {
            portal: "Entra admin center > Identity > Users > User settings > Tenant creation: 'Restrict non-admin users from creating tenants': Yes, and save.",
            cli: "az rest --method patch --url https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body '{\"defaultUserRolePermissions\":{\"allowedToCreateTenants\":false}}'",
        },
        cis: &["2.3"],
        references: &[
            "https://learn.microsoft.com/entra/fundamentals/users-default-permissions#restrict-member-users-default-permissions",
        ],
        manual: false,
    },
    judge: |p| {
        let v = p
            .default_user_role_permissions
            .as_ref()
            .and_then(|d| d.allowed_to_create_tenants);
        denied(
            v,
            "allowedToCreateTenants",
            [
                "Only administrators can create tenants.",
                "Every user can create a Microsoft Entra tenant.",
                "The authorization policy does not report allowedToCreateTenants.",
            ],
        )
    },
    #[cfg(test)]
    cases: |_| {
        cases([
            json!({"defaultUserRolePermissions": {"allowedToCreateTenants": false}}),
            json!({}),
            json!({"defaultUserRolePermissions": {"allowedToCreateTenants": null}}),
        ])
    },
});

/// `iam.users_cannot_register_apps`: only administrators register applications.
pub static USERS_CANNOT_REGISTER_APPS: Member<PolicySetting> = Member::new(PolicySetting {
    meta: || CheckMeta {
        id: "iam.users_cannot_register_apps",
        title: "Users cannot register applications",
        service: "iam",
        level: 1,
        severity: Severity::Medium,
        reads: &[AUTHZ_POLICY],
        rule: "Pass iff the authorization policy's `defaultUserRolePermissions.allowedToCreateApps` is false ('Users can register applications': No); fail when true (Entra's default); unknown when absent or the policy could not be read. A tenant that delegates registration through the Application Developer role still passes: the setting governs everyone else. Severity medium: an app a user registers can be consented to and used to read data under the user's name.",
        rationale: "Applications registered by anyone are unreviewed identities with credentials of their own, a common way to keep access after a compromise; registration should pass through the people who review it.",
        remediation: Remediation {
            portal: "Entra admin center > Identity > Users > User settings > 'Users can register applications': No, and save; grant the Application Developer role to those who need it.",
            cli: "az rest --method patch --url https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body '{\"defaultUserRolePermissions\":{\"allowedToCreateApps\":false}}'",
        },
        cis: &["2.14"],
        references: &[
            "https://learn.microsoft.com/entra/identity-platform/how-to-restrict-your-app-to-a-set-of-users",
        ],
        manual: false,
    },
    judge: |p| {
        let v = p
            .default_user_role_permissions
            .as_ref()
            .and_then(|d| d.allowed_to_create_apps);
        denied(
            v,
            "allowedToCreateApps",
            [
                "Only administrators and application developers can register applications.",
                "Every user can register applications.",
                "The authorization policy does not report allowedToCreateApps.",
            ],
        )
    },
    #[cfg(test)]
    cases: |_| {
        cases([
            json!({"defaultUserRolePermissions": {"allowedToCreateApps": false}}),
            json!({"defaultUserRolePermissions": {"allowedToCreateApps": true}}),
            json!({"defaultUserRolePermissions": null}),
        ])
    },
});

/// `iam.guest_access_restricted`: guests see only their own directory objects.
pub static GUEST_ACCESS_RESTRICTED: Member<PolicySetting> = Member::new(PolicySetting {
    meta: || CheckMeta {
        id: "iam.guest_access_restricted",
        title: "Guest users' directory access is restricted to their own objects",
        service: "iam",
        level: 2,
        severity: Severity::Medium,
        reads: &[AUTHZ_POLICY],
        rule: "Pass iff the authorization policy's `guestUserRoleId` is `2af84b1e-32c8-42b7-82bc-daa82404023b` ('Guest user access is restricted to properties and memberships of their own directory objects', the most restrictive); fail for `10dae51f-b6af-4016-8d66-8c2a99b929b3` (limited access, Entra's default), `a0b1b346-4d3e-4e8b-98f8-753987be4970` (same access as members) or any other role; unknown when absent or the policy could not be read. Severity medium: a guest who can enumerate users and groups maps the organisation for phishing and privilege paths.",
        rationale: "Guests come from other organisations' accounts, which the tenant does not protect; restricted to their own objects, a compromised guest cannot list the directory's users, groups and their memberships.",
        remediation: Remediation {
            portal: "Entra admin center > External Identities > External collaboration settings > Guest user access: 'Guest user access is restricted to properties and memberships of their own directory objects (most restrictive)', and save.",
            cli: "az rest --method patch --url https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body '{\"guestUserRoleId\":\"2af84b1e-32c8-42b7-82bc-daa82404023b\"}'",
        },
        cis: &["2.15"],
        references: &[
            "https://learn.microsoft.com/entra/identity/users/users-restrict-guest-permissions",
        ],
        manual: false,
    },
    judge: |p| {
        let v = p.guest_user_role_id.as_deref();
        let ev = crate::evidence!({"guestUserRoleId": v});
        match v {
            Some(r) if r.eq_ignore_ascii_case(GUEST_RESTRICTED) => (
                Some(true),
                ev,
                "Guests can read only their own directory objects.",
            ),
            Some(r) if r.eq_ignore_ascii_case(GUEST_LIMITED) => (
                Some(false),
                ev,
                "Guests can read the properties of users and groups (limited access, Entra's default).",
            ),
            Some(_) => (
                Some(false),
                ev,
                "Guests have the same directory access as members, or a role other than the restricted one.",
            ),
            None => (
                None,
                ev,
                "The authorization policy does not report guestUserRoleId.",
            ),
        }
    },
    #[cfg(test)]
    cases: |_| {
        cases([
            json!({"guestUserRoleId": GUEST_RESTRICTED}),
            json!({"guestUserRoleId": "a0b1b346-4d3e-4e8b-98f8-753987be4970"}),
            json!({"guestUserRoleId": null}),
        ])
    },
});

/// `iam.users_cannot_create_security_groups`: only administrators create security groups.
pub static USERS_CANNOT_CREATE_SECURITY_GROUPS: Member<PolicySetting> = Member::new(
    PolicySetting {
        meta: || CheckMeta {
            id: "iam.users_cannot_create_security_groups",
            title: "Users cannot create security groups",
            service: "iam",
            level: 2,
            severity: Severity::Medium,
            reads: &[AUTHZ_POLICY],
            rule: "Pass iff the authorization policy's `defaultUserRolePermissions.allowedToCreateSecurityGroups` is false; fail when true; unknown when absent.",
            rationale: "Security groups grant access; when anyone can create them, group sprawl hides who has access to what.",
            remediation: Remediation {
                portal: "Entra admin center > Groups > General > 'Users can create security groups in Azure portals, API or PowerShell': No.",
                cli: "az rest --method patch --url https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body '{\"defaultUserRolePermissions\":{\"allowedToCreateSecurityGroups\":false}}'",
            },
            cis: &["2.19"],
            references: &[
                "https://learn.microsoft.com/entra/identity/users/groups-self-service-management",
            ],
            manual: false,
        },
        judge: |p| {
            let v = p
                .default_user_role_permissions
                .as_ref()
                .and_then(|d| d.allowed_to_create_security_groups);
            denied(
                v,
                "allowedToCreateSecurityGroups",
                [
                    "Users cannot create security groups.",
                    "Every user can create security groups.",
                    "The authorization policy does not report allowedToCreateSecurityGroups.",
                ],
            )
        },
        #[cfg(test)]
        cases: |_| {
            cases([
                json!({"defaultUserRolePermissions": {"allowedToCreateSecurityGroups": false}}),
                json!({"defaultUserRolePermissions": {"allowedToCreateSecurityGroups": true}}),
                json!({"defaultUserRolePermissions": {"allowedToCreateSecurityGroups": null}}),
            ])
        },
    },
);
