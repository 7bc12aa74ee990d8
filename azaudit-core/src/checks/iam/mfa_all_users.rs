//! `iam.mfa_all_users`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

use super::*;

/// Every member user has MFA.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.mfa_all_users",
        title: "All member users are protected by multi-factor authentication",
        service: "iam",
        level: 2,
        severity: Severity::High,
        reads: &[USERS, DIRECTORY_ROLES, REGISTRATION, CA_POLICIES],
        rule: "Per enabled member user (`userType` Member): pass if `isMfaRegistered` is true, or an enabled (not report-only) conditional access policy requiring MFA for all cloud apps includes them (All users, the user, guests for a guest, or one of their directory roles) and does not exclude them (a policy that lets another control stand in for MFA, with the OR operator, or that covers only some apps, does not count); fail when not registered and not covered; unknown when registration details are missing or a policy targets groups whose memberships were not collected.",
        rationale: "Any account without MFA is a foothold: attackers phish ordinary users first and escalate from inside.",
        remediation: Remediation {
            portal: "Entra admin center > Protection > Conditional Access > New policy: All users (exclude break-glass accounts), all cloud apps, grant 'Require multifactor authentication', state On.",
            cli: "",
        },
        cis: &["2.1.3", "2.2.5"],
        references: &[
            "https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::mfa::evaluate(cx, out, false);
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use serde_json::json;

    use super::mfa::fixtures::*;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let reads = super::mfa::GRAPH_READS;
    let u = |id: &str| format!("/tenants/{TENANT}/users/{id}");
    let base = vec![
        user("alice", "Member", true),
        reg("alice", true),
        user("bob", "Member", true),
        reg("bob", false),
        user("carol", "Member", true),
        user("guest", "Guest", true),
        reg("guest", false),
        user("gone", "Member", false),
        graph("users", "odd", json!({"id": "odd", "accountEnabled": true})),
    ];
    let mut all = base.clone();
    all.push(ca(
        "everyone",
        "enabled",
        json!({"includeUsers": ["All"], "excludeUsers": ["carol"]}),
    ));
    vec![
        Case::new(
            "registration",
            doc(base.clone(), reads),
            vec![
                e(u("alice"), Pass),
                e(u("bob"), Fail),
                e(u("carol"), Unknown),
                e(u("odd"), Unknown),
            ],
        ),
        Case::new(
            "CA all users",
            doc(all, reads),
            vec![
                e(u("alice"), Pass),
                e(u("bob"), Pass),
                e(u("carol"), Unknown),
                e(u("odd"), Unknown),
            ],
        ),
        Case::new(
            "users forbidden",
            forbid(doc(base, reads), USERS),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}
