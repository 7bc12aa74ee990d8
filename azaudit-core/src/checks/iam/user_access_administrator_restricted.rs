//! `iam.user_access_administrator_restricted`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::roles::USER_ACCESS_ADMINISTRATOR;

use super::{AZURE_ROLE_ASSIGNMENTS, holds_role};

/// Nobody holds User Access Administrator at the root scope.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.user_access_administrator_restricted",
        title: "Nobody keeps User Access Administrator at the root scope (elevated access)",
        service: "iam",
        level: 1,
        severity: Severity::High,
        reads: &[AZURE_ROLE_ASSIGNMENTS],
        rule: "Per subscription, over its role assignments at and above it (`$filter=atScope()`, which includes the root scope `/`): fail when a principal holds User Access Administrator (`18d7d88d-d35e-4fb5-a5c3-7773c20a72d9`) at `/`, the assignment a Global Administrator's 'elevate access' creates and CIS asks to remove once used; pass otherwise, naming in the evidence any User Access Administrator assignments at a management group or the subscription (a deliberate grant, judged by access reviews rather than here); unknown when the assignments could not be listed. Severity high: User Access Administrator at `/` can grant itself Owner of every subscription and management group in the tenant.",
        rationale: "Elevated access turns a directory role into control of every subscription; left in place, it is a standing path from one compromised Global Administrator to all of Azure.",
        remediation: Remediation {
            portal: "Entra admin center > Identity > Overview > Properties > Access management for Azure resources: No (as the user who elevated), or remove the assignment at Root (/) in the portal's Access control.",
            cli: "az role assignment delete --role \"User Access Administrator\" --assignee <principal-id> --scope /",
        },
        cis: &[],
        references: &[
            "https://learn.microsoft.com/azure/role-based-access-control/elevate-access-global-admin",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::per_subscription_assignments(cx, CHECK.meta.reads, out, |s, at, out| {
        let mut root = Vec::new();
        let mut elsewhere = Vec::new();
        for a in at.held {
            if !holds_role(a, USER_ACCESS_ADMINISTRATOR) {
                continue;
            }
            let who = a.principal_id.clone().unwrap_or_default();
            match a.scope.as_deref().map(|x| x.trim_end_matches('/')) {
                Some("") => root.push(who),
                _ => elsewhere.push(crate::evidence!({"principalId": who, "scope": a.scope})),
            }
        }
        let ev = crate::evidence!({"rootScope": root, "otherScopes": elsewhere});
        if root.is_empty() {
            out.push(
                Status::Pass,
                Subject::subscription(s),
                "Nobody holds User Access Administrator at the root scope.",
                ev,
            );
        } else {
            out.push(
                Status::Fail,
                Subject::subscription(s),
                format!(
                    "{} principal(s) hold User Access Administrator at the root scope (elevated access left in place).",
                    root.len()
                ),
                ev,
            );
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::fixtures::assignment;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let sub = sub_scope();
    let at_sub = assignment("a1", &sub, USER_ACCESS_ADMINISTRATOR, "User");
    let at_root = assignment("a2", "/", USER_ACCESS_ADMINISTRATOR, "User");
    let owner = assignment("a3", "/", crate::roles::OWNER, "Group");
    vec![
        Case::new(
            "only at the subscription",
            doc(
                vec![at_sub.clone(), owner.clone()],
                &[AZURE_ROLE_ASSIGNMENTS],
            ),
            vec![e(sub.clone(), Pass)],
        ),
        Case::new(
            "at the root",
            doc(vec![at_sub, at_root, owner], &[AZURE_ROLE_ASSIGNMENTS]),
            vec![e(sub.clone(), Fail)],
        ),
        Case::new(
            "unreadable",
            doc(
                vec![
                    json!({"id": format!("{sub}/providers/Microsoft.Authorization/roleAssignments/a9"), "type": "Microsoft.Authorization/roleAssignments", "name": "a9", "properties": "redacted"}),
                ],
                &[AZURE_ROLE_ASSIGNMENTS],
            ),
            vec![e(sub.clone(), Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![], NOTHING), AZURE_ROLE_ASSIGNMENTS),
            vec![e(sub, Unknown)],
        ),
    ]
}
