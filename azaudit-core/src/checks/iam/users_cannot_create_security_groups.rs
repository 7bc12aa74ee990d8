//! `iam.users_cannot_create_security_groups`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::AuthorizationPolicy;

use super::AUTHZ_POLICY;

/// Users cannot create security groups.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
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
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let Some(p) = super::tenant_singleton::<AuthorizationPolicy>(cx, CHECK.meta.reads, out) else {
        return Ok(());
    };
    let v = p
        .default_user_role_permissions
        .and_then(|d| d.allowed_to_create_security_groups);
    let (status, msg) = match v {
        Some(false) => (Status::Pass, "Users cannot create security groups."),
        Some(true) => (Status::Fail, "Every user can create security groups."),
        None => (
            Status::Unknown,
            "The authorization policy does not report allowedToCreateSecurityGroups.",
        ),
    };
    out.push(
        status,
        Subject::tenant(&cx.tenant_scope()),
        msg,
        crate::evidence!({"allowedToCreateSecurityGroups": v}),
    );
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let policy = |v: serde_json::Value| {
        graph(
            "authorizationPolicy",
            "authorizationPolicy",
            json!({"allowInvitesFrom": "everyone", "defaultUserRolePermissions": v}),
        )
    };
    vec![
        Case::new(
            "off",
            doc(
                vec![policy(json!({"allowedToCreateSecurityGroups": false}))],
                &[AUTHZ_POLICY],
            ),
            vec![e(tenant_scope(), Pass)],
        ),
        Case::new(
            "on",
            doc(
                vec![policy(json!({"allowedToCreateSecurityGroups": true}))],
                &[AUTHZ_POLICY],
            ),
            vec![e(tenant_scope(), Fail)],
        ),
        Case::new(
            "absent",
            doc(vec![policy(json!({}))], &[AUTHZ_POLICY]),
            vec![e(tenant_scope(), Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![], NOTHING), AUTHZ_POLICY),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}
