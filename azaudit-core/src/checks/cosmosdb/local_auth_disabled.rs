//! `cosmosdb.local_auth_disabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::CosmosAccount;

/// The APIs whose accounts Azure Policy leaves out: Microsoft Entra data-plane authorization
/// is not (or not generally) available for them.
const KEY_ONLY_APIS: &[&str] = &[
    "EnableMongo",
    "EnableCassandra",
    "EnableTable",
    "EnableGremlin",
];

/// Cosmos DB accounts refuse keys and resource tokens: Microsoft Entra ID and RBAC only.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "cosmosdb.local_auth_disabled",
        title: "Cosmos DB accounts use Microsoft Entra ID and RBAC, not keys",
        service: "cosmosdb",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::ACCOUNTS],
        rule: "Per Cosmos DB account: pass iff `disableLocalAuth` is true (account keys and resource tokens refused); for an account of the NoSQL API (no EnableMongo, EnableCassandra, EnableTable or EnableGremlin capability), fail when it is false or absent (ARM's default is false: keys work); for the other APIs, where Microsoft Entra data-plane authorization is not generally available, manual (CIS 3.0 5.4.3 says 'where possible', and Azure Policy leaves them out). CIS 3.0 5.4.3 is a manual recommendation; the setting has an API, so it is assessed. Severity medium: a leaked primary key is full, long-lived access to the data.",
        rationale: "Account keys are shared secrets with full access that never expire on their own; with local authentication off, every client signs in with Microsoft Entra ID and gets only the data-plane roles assigned to it.",
        remediation: Remediation {
            portal: "Give each client a managed identity and a Cosmos DB data-plane role (Built-in Data Reader or Contributor), then turn local authentication off (there is no portal switch: use the CLI or a template).",
            cli: "az resource update --ids <account-id> --set properties.disableLocalAuth=true --latest-include-preview",
        },
        cis: &["5.4.3"],
        references: &[
            "https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#disable-local-auth",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<CosmosAccount>(&covered, out, |r, a, out| {
        let p = &a.properties;
        let off = p.disable_local_auth;
        let api = p
            .capabilities
            .iter()
            .flatten()
            .filter_map(|c| c.name.as_deref())
            .find(|n| KEY_ONLY_APIS.iter().any(|k| k.eq_ignore_ascii_case(n)))
            .map(str::to_string);
        let ev = crate::evidence!({"disableLocalAuth": off, "api": api});
        match (off, api) {
            (Some(true), _) => out.pass(r, "Local authentication is disabled: Microsoft Entra ID only.", ev),
            (_, Some(api)) => {
                out.push(
                    Status::Manual,
                    Subject::record(r),
                    format!("Keys are accepted; the account's API ({api}) does not generally support Microsoft Entra data-plane authorization, so whether they can go is for you to judge."),
                    ev,
                );
            }
            (_, None) => {
                out.fail(r, "Account keys and resource tokens are accepted (disableLocalAuth is not true).", ev);
            }
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{ACCOUNTS, account};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let entra = account("cosmos-entra", json!({"disableLocalAuth": true}));
    let keys = account("cosmos-keys", json!({"disableLocalAuth": false}));
    // The list example leaves disableLocalAuth out: keys work.
    let listed = account("cosmos-listed", json!({}));
    let mut mongo = account(
        "cosmos-mongo",
        json!({"disableLocalAuth": false, "capabilities": [{"name": "EnableMongo"}, {"name": "EnableServerless"}]}),
    );
    mongo["kind"] = json!("MongoDB");
    let broken = account("cosmos-broken", json!({"disableLocalAuth": "yes"}));
    let recs = vec![
        entra.clone(),
        keys.clone(),
        listed.clone(),
        mongo.clone(),
        broken.clone(),
    ];
    vec![
        Case::new(
            "local auth",
            doc(recs.clone(), &[ACCOUNTS]),
            vec![
                e(id_of(&entra), Pass),
                e(id_of(&keys), Fail),
                e(id_of(&listed), Fail),
                e(id_of(&mongo), Manual),
                e(id_of(&broken), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), ACCOUNTS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
