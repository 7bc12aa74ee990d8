//! `iam.subscription_owners`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::roles::OWNER;

use super::{AZURE_ROLE_ASSIGNMENTS, holds_role};

/// Each subscription has two or three owners.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.subscription_owners",
        title: "Each subscription has between 2 and 3 owners",
        service: "iam",
        level: 1,
        severity: Severity::Medium,
        reads: &[AZURE_ROLE_ASSIGNMENTS],
        rule: "Per subscription: count the distinct principals holding Owner (`8e3af657-a8ff-443c-a75c-2fe8c4bcb635`) by an active assignment at the subscription or above it (management groups, `/`), as `$filter=atScope()` lists them; pass iff the count is 2 or 3; fail for 0 or 1 (no one to take over) and for 4 or more; unknown when the assignments could not be listed. Users, groups and service principals count alike (as in Azure Policy's two owner-count assessments); a group counts once, whatever its size, and the evidence says how many owners are groups. PIM-eligible owners are not counted: they hold nothing until they activate. Severity medium.",
        rationale: "One owner is a single point of failure for the subscription's administration; many owners multiply the accounts whose compromise gives full control, including of access itself.",
        remediation: Remediation {
            portal: "Subscription > Access control (IAM) > Role assignments > filter Role: Owner: add a second owner, or remove owners past the third (make them PIM-eligible instead).",
            cli: "az role assignment list --role Owner --scope /subscriptions/<subscription> --include-inherited; az role assignment delete --role Owner --assignee <principal-id> --scope /subscriptions/<subscription>",
        },
        cis: &[],
        references: &[
            "https://learn.microsoft.com/azure/role-based-access-control/best-practices#limit-the-number-of-subscription-owners",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::per_subscription_assignments(cx, CHECK.meta.reads, out, |s, at, out| {
        let mut owners: Vec<(&str, &str)> = at
            .held
            .iter()
            .filter(|a| holds_role(a, OWNER))
            .filter_map(|a| {
                Some((
                    a.principal_id.as_deref()?,
                    a.principal_type.as_deref().unwrap_or(""),
                ))
            })
            .collect();
        owners.sort_unstable();
        owners.dedup_by(|a, b| a.0.eq_ignore_ascii_case(b.0));
        let groups = owners
            .iter()
            .filter(|(_, t)| t.eq_ignore_ascii_case("Group"))
            .count();
        let n = owners.len();
        let ev = crate::evidence!({"owners": owners.iter().map(|(id, _)| *id).collect::<Vec<_>>(), "groups": groups});
        let (status, msg) = match n {
            // An assignment at a management group the snapshot cannot place may add owners.
            _ if at.unplaced > 0 && n <= 3 => (
                Status::Unknown,
                format!(
                    "The subscription has {n} owners here, and {} assignment(s) at management groups that may be above it could not be placed.",
                    at.unplaced
                ),
            ),
            2 | 3 => (Status::Pass, format!("The subscription has {n} owners.")),
            0 => (Status::Fail, "The subscription has no owner.".to_string()),
            1 => (
                Status::Fail,
                "The subscription has a single owner: nobody can take over.".to_string(),
            ),
            _ => (
                Status::Fail,
                format!("The subscription has {n} owners: at most 3 should hold full control."),
            ),
        };
        out.push(status, Subject::subscription(s), msg, ev);
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::fixtures::assignment;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let sub = sub_scope();
    let mg = "/providers/Microsoft.Management/managementGroups/Contoso";
    let owner = |n: &str, scope: &str, t: &str| assignment(n, scope, OWNER, t);
    let reader = assignment("r1", &sub, "acdd72a7-3385-48ef-bd42-f606fba81ae7", "User");
    let two = vec![
        owner("o1", &sub, "User"),
        owner("o2", mg, "Group"),
        reader.clone(),
    ];
    let mut four = two.clone();
    four.extend([
        owner("o3", &sub, "ServicePrincipal"),
        owner("o4", "/", "User"),
    ]);
    // The same principal at two scopes is one owner.
    let mut one = vec![owner("o1", &sub, "User"), reader];
    let mut again = owner("o1-mg", mg, "User");
    again["properties"]["principalId"] = json!("p-o1");
    one.push(again);
    let placed = |recs: Vec<serde_json::Value>| {
        let mut d = doc(recs, &[AZURE_ROLE_ASSIGNMENTS]);
        d["subscriptions"][0]["managementGroups"] = json!(["Contoso"]);
        d
    };
    vec![
        Case::new("two", placed(two.clone()), vec![e(sub.clone(), Pass)]),
        Case::new("four", placed(four), vec![e(sub.clone(), Fail)]),
        Case::new(
            "one, at two scopes",
            placed(one),
            vec![e(sub.clone(), Fail)],
        ),
        Case::new(
            "management groups not known",
            doc(two, &[AZURE_ROLE_ASSIGNMENTS]),
            vec![e(sub.clone(), Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![], NOTHING), AZURE_ROLE_ASSIGNMENTS),
            vec![e(sub, Unknown)],
        ),
    ]
}
