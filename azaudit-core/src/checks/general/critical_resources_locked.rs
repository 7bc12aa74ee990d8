//! `general.critical_resources_locked`

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::ids;
use crate::model::{Arm, Lock};

const LOCKS: &ResourceType = &resource_types::LOCKS;
const VAULTS: &ResourceType = &resource_types::VAULTS;

/// Mission-critical resources carry a delete or read-only lock.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "general.critical_resources_locked",
        title: "Mission-critical resources are protected by a resource lock",
        service: "general",
        level: 2,
        severity: Severity::Medium,
        reads: &[LOCKS, VAULTS, &resource_types::INVENTORY],
        rule: "Per mission-critical resource (every key vault, and every resource tagged `cfg.critical_tag`, default `criticality=high`, tag name and value case-insensitive): pass iff a CanNotDelete or ReadOnly lock sits on the resource, a resource above it (locks are inherited: a lock on a SQL server holds its databases), its resource group or its subscription; fail otherwise; unknown when a lock there cannot be read.",
        rationale: "A lock stops an accidental or malicious delete of the resource the business depends on, even by an Owner, until someone deliberately removes it.",
        remediation: Remediation {
            portal: "Resource > Settings > Locks > Add: lock type Delete.",
            cli: "az lock create --name do-not-delete --lock-type CanNotDelete --resource <resource-id>",
        },
        cis: &["10.1"],
        references: &[
            "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let (tag_name, tag_value) = cx
        .config
        .critical_tag
        .split_once('=')
        .unwrap_or((&cx.config.critical_tag, ""));
    // Locked scope -> (the scope as written, its lock's level or why it cannot be read), by
    // the scope's case-insensitive hash: a million resources look up three scopes each.
    type LockAt<'v> = (&'v str, Result<&'v str, String>);
    let mut locks: crate::intern::IdHashMap<Vec<LockAt<'_>>> = Default::default();
    let lock_view = cx.view::<Arm<Lock>>();
    for (r, l) in lock_view.iter(cx.snapshot) {
        let Some(scope) = ids::parent_of(r.id()) else {
            continue;
        };
        let entry = locks.entry(crate::intern::hash_ci(scope)).or_default();
        match l {
            Ok(l) => entry.push((
                scope,
                l.properties
                    .level
                    .as_deref()
                    .ok_or_else(|| format!("Lock {} does not report its level.", r.name())),
            )),
            Err(e) => entry.push((scope, Err(e.to_string()))),
        }
    }
    for sub in cx.snapshot.subscriptions() {
        if !covered.contains_subscription(&sub.subscription_id) {
            continue;
        }
        for r in cx.snapshot.in_scope(&sub.subscription_id) {
            let is_vault = r.resource_type().eq_ignore_ascii_case(VAULTS.record_type());
            let tagged = !is_vault
                && r.tag(tag_name)
                    .is_some_and(|v| v.eq_ignore_ascii_case(tag_value));
            if !is_vault && !tagged {
                continue;
            }
            let why = if is_vault {
                "key vault"
            } else {
                "tagged critical"
            };
            // The resource, every resource above it (a lock on a SQL server holds its
            // databases), its resource group and its subscription.
            let mut scopes = vec![Some(r.id())];
            let mut at = ids::parent_of(r.id());
            while let Some(p) = at.filter(|_| scopes.len() < 16) {
                scopes.push(Some(p));
                at = ids::parent_of(p);
            }
            scopes.push(ids::resource_group_id_of(r.id()));
            scopes.push(ids::scope_of(r.id()));
            scopes.dedup();
            let mut found = None;
            let mut error = None;
            for scope in scopes.into_iter().flatten() {
                let at_scope = locks
                    .get(&crate::intern::hash_ci(scope))
                    .into_iter()
                    .flatten();
                for (_, l) in at_scope.filter(|(s, _)| ids::same_id(s, scope)) {
                    match l {
                        Ok(level)
                            if level.eq_ignore_ascii_case("CanNotDelete")
                                || level.eq_ignore_ascii_case("ReadOnly") =>
                        {
                            found = Some((*level, scope))
                        }
                        Ok(_) => {}
                        Err(e) => error = Some(e.clone()),
                    }
                }
            }
            let ev = crate::evidence!({"reason": why, "lock": found.as_ref().map(|(l, s)| crate::evidence!({"level": l, "scope": s}))});
            match (found, error) {
                (Some((level, scope)), _) => out.pass(
                    &r,
                    format!(
                        "A {level} lock protects it (on {}).",
                        ids::last_segment(scope)
                    ),
                    ev,
                ),
                (None, Some(e)) => out.unknown(&r, e, ev),
                (None, None) => {
                    let message = if is_vault {
                        "This key vault resource has no delete or read-only lock on itself, its resource group or its subscription."
                    } else {
                        "This tagged critical resource has no delete or read-only lock on itself, its resource group or its subscription."
                    };
                    out.fail(&r, message, ev);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let lock = |scope: &str, name: &str, level: Option<&str>| json!({"id": format!("{scope}/providers/Microsoft.Authorization/locks/{name}"), "type": LOCKS, "name": name, "properties": level.map(|l| json!({"level": l})).unwrap_or(json!({}))});
    let kv_locked = arm(VAULTS, "kv-locked", json!({}));
    let kv_open = arm(VAULTS, "kv-open", json!({}));
    let mut db = arm("Microsoft.Sql/servers", "sql-critical", json!({}));
    db["tags"] = json!({"Criticality": "High"});
    let mut plain = arm("Microsoft.Storage/storageAccounts", "st-plain", json!({}));
    plain["tags"] = json!({"criticality": "low"});
    let mut odd = arm("Microsoft.Web/sites", "app-odd", json!({}));
    odd["tags"] = json!({"criticality": "high"});
    // Changed from fail: the server's lock holds its database.
    let server = arm("Microsoft.Sql/servers", "sql-locked", json!({}));
    let mut child_db = crate::checks::testing::child(&server, "databases", "orders", json!({}));
    child_db["tags"] = json!({"criticality": "high"});
    let mut rg2 = arm("Microsoft.Compute/virtualMachines", "vm-rg2", json!({}));
    rg2["id"] = json!(format!(
        "/subscriptions/{SUB}/resourceGroups/rg2/providers/Microsoft.Compute/virtualMachines/vm-rg2"
    ));
    rg2["tags"] = json!({"criticality": "high"});
    let recs = vec![
        kv_locked.clone(),
        kv_open.clone(),
        db.clone(),
        plain,
        odd.clone(),
        rg2.clone(),
        server.clone(),
        child_db.clone(),
        lock(&id_of(&server), "server-lock", Some("CanNotDelete")),
        lock(&id_of(&kv_locked), "nodelete", Some("CanNotDelete")),
        lock(&id_of(&odd), "weird", None),
        lock(
            &format!("/subscriptions/{SUB}/resourceGroups/rg2"),
            "rg-lock",
            Some("ReadOnly"),
        ),
    ];
    let sub_locked = {
        let mut r = recs.clone();
        r.push(lock(&sub_scope(), "sub-lock", Some("CanNotDelete")));
        r
    };
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), &[LOCKS, VAULTS]),
            vec![
                e(id_of(&kv_locked), Pass),
                e(id_of(&kv_open), Fail),
                e(id_of(&db), Fail),
                e(id_of(&odd), Unknown),
                e(id_of(&rg2), Pass),
                e(id_of(&child_db), Pass),
            ],
        ),
        Case::new(
            "subscription lock",
            doc(sub_locked, &[LOCKS, VAULTS]),
            vec![
                e(id_of(&kv_locked), Pass),
                e(id_of(&kv_open), Pass),
                e(id_of(&db), Pass),
                e(id_of(&odd), Pass),
                e(id_of(&rg2), Pass),
                e(id_of(&child_db), Pass),
            ],
        ),
        Case::new(
            "locks forbidden",
            forbid(doc(recs, &[VAULTS]), LOCKS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
