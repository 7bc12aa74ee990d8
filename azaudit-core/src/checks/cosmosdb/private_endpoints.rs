//! `cosmosdb.private_endpoints`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::CosmosAccount;

/// Cosmos DB accounts are reached through approved private endpoints.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "cosmosdb.private_endpoints",
        title: "Cosmos DB accounts use private endpoints",
        service: "cosmosdb",
        level: 2,
        severity: Severity::Medium,
        reads: &[super::ACCOUNTS],
        rule: "Per Cosmos DB account: pass iff a `privateEndpointConnections` entry has `privateLinkServiceConnectionState.status` Approved (case-insensitive; CIS's audit and Azure Policy count only approved connections); fail when there is none, or only Pending, Rejected or Disconnected ones; unknown when a connection reports no status and none is approved. Severity medium: without a private endpoint, clients reach the account over its public endpoint.",
        rationale: "A private endpoint gives the account an address inside the virtual network, so clients reach it without crossing the internet and public network access can be turned off.",
        remediation: Remediation {
            portal: "Azure Cosmos DB account > Settings > Networking > Private access > + Private endpoint: in the virtual network of the clients, with a private DNS zone; approve the connection.",
            cli: "az network private-endpoint create --resource-group <rg> --name <pe> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <account-id> --group-id Sql --connection-name <name>",
        },
        cis: &["5.4.2"],
        references: &[
            "https://learn.microsoft.com/azure/cosmos-db/how-to-configure-private-endpoints",
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
        let statuses = crate::model::connection_states(&a.properties.private_endpoint_connections);
        let ev = crate::evidence!({"privateEndpointConnections": statuses});
        let approved = statuses
            .iter()
            .filter(|s| {
                s.as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case("Approved"))
            })
            .count();
        if approved > 0 {
            out.pass(
                r,
                format!("{approved} approved private endpoint connection(s)."),
                ev,
            );
        } else if statuses.iter().any(Option::is_none) {
            out.unknown(
                r,
                "A private endpoint connection does not report its state.",
                ev,
            );
        } else if statuses.is_empty() {
            out.fail(r, "The account has no private endpoint.", ev);
        } else {
            out.fail(
                r,
                "The account's private endpoint connections are not approved.",
                ev,
            );
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{ACCOUNTS, account};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let conn = |status: serde_json::Value| json!({"id": "/subscriptions/subId/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/account1/privateEndpointConnections/pe1", "properties": {"privateEndpoint": {"id": "/subscriptions/subId/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe1"}, "privateLinkServiceConnectionState": {"status": status, "actionsRequired": "None"}}});
    let approved = account(
        "cosmos-pe",
        json!({"privateEndpointConnections": [conn(json!("Approved"))]}),
    );
    let pending = account(
        "cosmos-pending",
        json!({"privateEndpointConnections": [conn(json!("Pending"))]}),
    );
    let none = account("cosmos-none", json!({}));
    let blank = account(
        "cosmos-blank",
        json!({"privateEndpointConnections": [conn(serde_json::Value::Null)]}),
    );
    let recs = vec![
        approved.clone(),
        pending.clone(),
        none.clone(),
        blank.clone(),
    ];
    vec![
        Case::new(
            "connections",
            doc(recs.clone(), &[ACCOUNTS]),
            vec![
                e(id_of(&approved), Pass),
                e(id_of(&pending), Fail),
                e(id_of(&none), Fail),
                e(id_of(&blank), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), ACCOUNTS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
