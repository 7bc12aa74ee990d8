//! `iam.mfa_all_users`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

/// Every user has MFA.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.mfa_all_users",
        title: "All users are protected by multi-factor authentication",
        service: "iam",
        level: 2,
        severity: Severity::High,
        reads: super::mfa::ALL_USERS_READS,
        rule: "Per enabled user, members and guests alike (CIS asks MFA of all users, and Prowler judges guests): pass when security defaults are enabled, when an enabled (not report-only) conditional access policy requiring MFA covers them with nothing narrowing it (all apps and none excluded, all locations and none excluded, no risk levels, all client app types and platforms, no device filter or authentication flows; a narrowed policy is named in the message), or when `isMfaCapable` is true (`isMfaRegistered` alone is not protection). A policy includes a user through All users, the user, guests (`GuestsOrExternalUsers` or `includeGuestsOrExternalUsers`), a directory role or a group (transitive members), and excludes them the same ways; with OR, a policy offering another control than MFA does not count. Fail when none holds; unknown when registration details or `isMfaCapable` are missing, a policy targets groups whose memberships were not collected, or the user would fail and security defaults were not collected (an enabled policy shows they are off).",
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
    let reads = super::mfa::ALL_USERS_READS;
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
        // Changed: guests are judged too (before, the guest got no finding at all).
        Case::new(
            "registration",
            doc(base.clone(), reads),
            vec![
                e(u("alice"), Pass),
                e(u("bob"), Fail),
                e(u("carol"), Unknown),
                e(u("guest"), Fail),
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
                e(u("guest"), Pass),
                e(u("odd"), Unknown),
            ],
        ),
        Case::new(
            "CA all users but guests",
            doc(
                {
                    let mut v = base.clone();
                    v.push(ca("members", "enabled", json!({"includeUsers": ["All"], "excludeUsers": ["carol"],
                        "excludeGuestsOrExternalUsers": {"guestOrExternalUserTypes": "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider", "externalTenants": {"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", "membershipKind": "all"}}})));
                    v
                },
                reads,
            ),
            vec![
                e(u("alice"), Pass),
                e(u("bob"), Pass),
                e(u("carol"), Unknown),
                e(u("guest"), Fail),
                e(u("odd"), Unknown),
            ],
        ),
        Case::new(
            "users forbidden",
            forbid(doc(base, reads), super::USERS),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}
