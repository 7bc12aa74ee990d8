//! `iam.mfa_privileged_users`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

use super::*;

/// Privileged users have MFA.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.mfa_privileged_users",
        title: "Privileged users are protected by multi-factor authentication",
        service: "iam",
        level: 1,
        severity: Severity::Critical,
        reads: &[
            USERS,
            DIRECTORY_ROLES,
            REGISTRATION,
            CA_POLICIES,
            AZURE_ROLE_ASSIGNMENTS,
        ],
        rule: "Privileged = holds Owner, Contributor or User Access Administrator at subscription, management group or root scope (an assignment at resource-group scope does not count), or a privileged directory role (Global Administrator, Privileged Role Administrator, Privileged Authentication Administrator, Security Administrator, User Administrator, Application Administrator, Cloud Application Administrator, Conditional Access Administrator, Authentication Administrator, Exchange Administrator, SharePoint Administrator, Helpdesk Administrator, Password Administrator, Billing Administrator, Hybrid Identity Administrator, Intune Administrator; by template id). Per enabled privileged user: pass if `isMfaRegistered` is true, or an enabled (not report-only) conditional access policy requiring MFA for all cloud apps includes them (All users, the user, guests for a guest, or one of their directory roles) and does not exclude them (a policy that lets another control stand in for MFA, with the OR operator, or that covers only some apps, does not count); fail when not registered and not covered; unknown when registration details are missing or a policy targets groups whose memberships were not collected.",
        rationale: "A privileged account protected by a password alone falls to one phishing e-mail or password spray, and with it the whole subscription or tenant.",
        remediation: Remediation {
            portal: "Entra admin center > Protection > Conditional Access > New policy: include Directory roles (admin roles) and all users with Azure Owner/Contributor, grant 'Require multifactor authentication', state On.",
            cli: "",
        },
        cis: &["2.1.2", "2.2.4"],
        references: &[
            "https://learn.microsoft.com/entra/identity/conditional-access/policy-old-require-mfa-admin",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::mfa::evaluate(cx, out, true);
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use serde_json::json;

    use super::mfa::fixtures::*;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    const GA: &str = "62e90394-69f5-4237-9190-012177145e10";
    const READER_ROLE: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    const OWNER: &str = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    let reads = &[
        USERS,
        DIRECTORY_ROLES,
        REGISTRATION,
        CA_POLICIES,
        AZURE_ROLE_ASSIGNMENTS,
    ];
    let u = |id: &str| format!("/tenants/{TENANT}/users/{id}");
    let base = vec![
        user("ga-mfa", "Member", true),
        reg("ga-mfa", true),
        dir_role("ga-mfa", GA),
        user("ga-nomfa", "Member", true),
        reg("ga-nomfa", false),
        dir_role("ga-nomfa", GA),
        user("owner-nomfa", "Member", true),
        reg("owner-nomfa", false),
        azure_role("owner-nomfa", OWNER, &sub_scope()),
        user("rg-owner", "Member", true),
        reg("rg-owner", false),
        azure_role(
            "rg-owner",
            OWNER,
            &format!("{}/resourceGroups/rg1", sub_scope()),
        ),
        user("reader", "Member", true),
        reg("reader", false),
        dir_role("reader", READER_ROLE),
        user("ga-disabled", "Member", false),
        dir_role("ga-disabled", GA),
        user("ga-noreg", "Member", true),
        dir_role("ga-noreg", GA),
    ];
    let with = |extra: Vec<serde_json::Value>| {
        let mut v = base.clone();
        v.extend(extra);
        v
    };
    vec![
        Case::new(
            "registration only",
            doc(base.clone(), reads),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Fail),
                e(u("owner-nomfa"), Fail),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "CA for admin roles",
            doc(
                with(vec![ca(
                    "admins",
                    "enabled",
                    json!({"includeRoles": [GA], "excludeUsers": ["ga-noreg"]}),
                )]),
                reads,
            ),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Pass),
                e(u("owner-nomfa"), Fail),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "report-only CA does not count",
            doc(
                with(vec![ca(
                    "all",
                    "enabledForReportingButNotEnforced",
                    json!({"includeUsers": ["All"]}),
                )]),
                reads,
            ),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Fail),
                e(u("owner-nomfa"), Fail),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "group-targeted CA",
            doc(
                with(vec![ca("grp", "enabled", json!({"includeGroups": ["g1"]}))]),
                reads,
            ),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Unknown),
                e(u("owner-nomfa"), Unknown),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "Azure roles forbidden",
            forbid(doc(base.clone(), reads), AZURE_ROLE_ASSIGNMENTS),
            vec![
                e(sub_scope(), Unknown),
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Fail),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "registration forbidden",
            forbid(doc(base, reads), REGISTRATION),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}
