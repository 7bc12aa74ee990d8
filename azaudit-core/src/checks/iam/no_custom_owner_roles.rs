//! `iam.no_custom_owner_roles`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::RoleDefinition;

use super::ROLE_DEFINITIONS;

/// No custom role grants `*` at subscription scope or wider.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.no_custom_owner_roles",
        title: "No custom subscription owner roles exist",
        service: "iam",
        level: 1,
        severity: Severity::High,
        reads: &[ROLE_DEFINITIONS],
        rule: "Per custom role definition (`type` CustomRole) as listed in each subscription: fail when a permission's `actions` contain `*` and `assignableScopes` contain `/`, a management group or a subscription; pass otherwise (a role assignable only at resource-group scope passes). Built-in roles are not judged. Also covers the level-2 recommendation to deny creating custom owner roles.",
        rationale: "A custom role with every action is an Owner that escapes reviews of Owner assignments; least privilege means custom roles name the actions they need.",
        remediation: Remediation {
            portal: "Subscription > Access control (IAM) > Roles > type: Custom role > edit the role: replace '*' with the actions needed, or delete it.",
            cli: "az role definition delete --name <role-name> --scope /subscriptions/<subscription>",
        },
        cis: &["2.23"],
        references: &["https://learn.microsoft.com/azure/role-based-access-control/custom-roles"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn wide(scope: &str) -> bool {
    let s = scope.trim_end_matches('/').to_ascii_lowercase();
    s.is_empty()
        || s.starts_with("/providers/microsoft.management/managementgroups/")
        || (s.starts_with("/subscriptions/") && !s.contains("/resourcegroups/"))
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<RoleDefinition>(&covered, out, |r, d, out| {
        let d = &d.properties;
        match d.role_type.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("CustomRole") => {}
            Some(_) => return,
            None => {
                out.unknown(r, "The role definition does not report its type.", serde_json::Value::Null);
                return;
            }
        }
        let star = d.permissions.iter().flatten().any(|p| p.actions.iter().flatten().any(|a| a.trim() == "*"));
        let scopes: Vec<&String> = d.assignable_scopes.iter().flatten().filter(|s| wide(s)).collect();
        let ev = crate::evidence!({"roleName": d.role_name, "allActions": star, "wideAssignableScopes": scopes});
        let name = d.role_name.as_deref().unwrap_or("(unnamed)");
        if d.permissions.is_none() || d.assignable_scopes.is_none() {
            out.unknown(r, format!("Custom role '{name}' does not report its permissions or assignable scopes."), ev);
        } else if star && !scopes.is_empty() {
            out.fail(r, format!("Custom role '{name}' grants every action ('*') and is assignable at subscription scope or wider."), ev);
        } else {
            out.pass(r, format!("Custom role '{name}' is not an owner-equivalent role at subscription scope."), ev);
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let role = |guid: &str,
                name: &str,
                ty: &str,
                actions: serde_json::Value,
                scopes: serde_json::Value| {
        json!({
        "id": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{guid}"), "type": ROLE_DEFINITIONS, "name": guid,
        "properties": {"roleName": name, "type": ty, "permissions": [{"actions": actions, "notActions": []}], "assignableScopes": scopes}})
    };
    let owner = role(
        "r1",
        "Super Admin",
        "CustomRole",
        json!(["*"]),
        json!([sub_scope()]),
    );
    let mg = role(
        "r2",
        "MG Admin",
        "CustomRole",
        json!(["*"]),
        json!(["/providers/Microsoft.Management/managementGroups/root"]),
    );
    let rg_only = role(
        "r3",
        "RG Admin",
        "CustomRole",
        json!(["*"]),
        json!([format!("{}/resourceGroups/rg1", sub_scope())]),
    );
    let narrow = role(
        "r4",
        "VM Operator",
        "CustomRole",
        json!(["Microsoft.Compute/virtualMachines/start/action"]),
        json!([sub_scope()]),
    );
    let builtin = role(
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        "Owner",
        "BuiltInRole",
        json!(["*"]),
        json!(["/"]),
    );
    let blank = json!({"id": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/r5"), "type": ROLE_DEFINITIONS, "name": "r5", "properties": {"roleName": "x", "type": "CustomRole"}});
    let recs = vec![
        owner.clone(),
        mg.clone(),
        rg_only.clone(),
        narrow.clone(),
        builtin,
        blank.clone(),
    ];
    vec![
        Case::new(
            "roles",
            doc(recs.clone(), &[ROLE_DEFINITIONS]),
            vec![
                e(id_of(&owner), Fail),
                e(id_of(&mg), Fail),
                e(id_of(&rg_only), Pass),
                e(id_of(&narrow), Pass),
                e(id_of(&blank), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), ROLE_DEFINITIONS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
