//! `appservice.managed_identity`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::SiteIdentity;

/// App Service apps are registered with Microsoft Entra ID through a managed identity.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "appservice.managed_identity",
        title: "App Service apps have a managed identity",
        service: "appservice",
        level: 1,
        severity: Severity::Low,
        reads: super::SITE_READS,
        rule: "Per site (web app or function app) and deployment slot: pass iff the record's top-level `identity.type` names SystemAssigned or UserAssigned (either, or both: `SystemAssigned, UserAssigned`); fail when `identity` is absent or null, or its type is None; unknown for another type. Severity low: an app without one is not exposed by that; it just has to keep credentials for Azure services in its settings, which the identity makes unnecessary.",
        rationale: "A managed identity lets the app reach Key Vault, storage and databases with Entra tokens Azure rotates, so no connection string or secret sits in app settings or code.",
        remediation: Remediation {
            portal: "App Service > Settings > Identity > System assigned: On, and save (then grant it the roles the app needs).",
            cli: "az webapp identity assign --resource-group <rg> --name <app>",
        },
        cis: &["9.5"],
        references: &["https://learn.microsoft.com/azure/app-service/overview-managed-identity"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = super::covered_sites(cx, CHECK.meta.reads, out);
    let identities = cx.view::<SiteIdentity>();
    for (r, parsed) in identities.iter(cx.snapshot) {
        if !covered.contains(&r) {
            continue;
        }
        let identity = match parsed {
            Ok(i) => i.identity.as_ref(),
            Err(e) => {
                out.unknown(&r, e.to_string(), serde_json::Value::Null);
                continue;
            }
        };
        let ty = identity.and_then(|i| i.identity_type.clone());
        let ev = crate::evidence!({"identity.type": ty});
        let kinds: Vec<String> = ty
            .as_deref()
            .unwrap_or("None")
            .split(',')
            .map(|k| k.trim().to_ascii_lowercase())
            .collect();
        let known = kinds
            .iter()
            .all(|k| matches!(k.as_str(), "systemassigned" | "userassigned" | "none" | ""));
        if kinds
            .iter()
            .any(|k| k == "systemassigned" || k == "userassigned")
            && known
        {
            out.pass(
                &r,
                format!("Managed identity: {}.", ty.unwrap_or_default()),
                ev,
            );
        } else if !known {
            out.unknown(&r, "identity.type is not one this check knows.", ev);
        } else {
            out.fail(&r, "The app has no managed identity: credentials for Azure services live in its settings or code.", ev);
        }
    }
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{SITES, slot_of};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let with = |name: &str, identity: serde_json::Value| {
        let mut s = arm(SITES, name, json!({"httpsOnly": true, "state": "Running"}));
        s["identity"] = identity;
        s
    };
    let system = with(
        "app-system",
        json!({"type": "SystemAssigned", "principalId": "0d1f0a0b-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "tenantId": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"}),
    );
    let both = with(
        "app-both",
        json!({"type": "SystemAssigned, UserAssigned", "userAssignedIdentities": {"/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1": {"principalId": "p", "clientId": "c"}}}),
    );
    let none = with("app-none", json!({"type": "None"}));
    let null = with("app-null", serde_json::Value::Null);
    let absent = arm(SITES, "app-absent", json!({"httpsOnly": true}));
    let odd = with("app-odd", json!({"type": "Federated"}));
    let slot = slot_of(&system, "staging", json!({"httpsOnly": true}));
    let recs = vec![
        system.clone(),
        both.clone(),
        none.clone(),
        null.clone(),
        absent.clone(),
        odd.clone(),
        slot.clone(),
    ];
    vec![
        Case::new(
            "identities",
            doc(recs.clone(), super::SITE_READS),
            vec![
                e(id_of(&system), Pass),
                e(id_of(&both), Pass),
                e(id_of(&none), Fail),
                e(id_of(&null), Fail),
                e(id_of(&absent), Fail),
                e(id_of(&odd), Unknown),
                e(id_of(&slot), Fail),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), SITES),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
