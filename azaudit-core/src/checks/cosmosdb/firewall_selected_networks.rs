//! `cosmosdb.firewall_selected_networks`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::CosmosAccount;

/// Cosmos DB accounts accept traffic from selected networks only.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "cosmosdb.firewall_selected_networks",
        title: "Cosmos DB accounts accept traffic from selected networks only",
        service: "cosmosdb",
        level: 2,
        severity: Severity::Medium,
        reads: &[super::ACCOUNTS],
        rule: "Per Cosmos DB account: pass iff `isVirtualNetworkFilterEnabled` is true (the portal's 'Selected networks', CIS's audit), or `ipRules` holds at least one address or range (the firewall then admits only those), or `publicNetworkAccess` is Disabled or SecuredByPerimeter (no public traffic at all); fail when public network access is Enabled or absent (ARM's default) with the filter off and no IP rule: every network can reach the account. Severity medium: the account keys or tokens are still needed, but from anywhere on the internet.",
        rationale: "Limiting a Cosmos DB account to selected virtual networks and addresses means a leaked key or token is useless from outside those networks.",
        remediation: Remediation {
            portal: "Azure Cosmos DB account > Settings > Networking > Public network access: Selected networks, add the virtual networks and IP ranges that need access (or Disabled, with private endpoints), and save.",
            cli: "az cosmosdb update --resource-group <rg> --name <account> --enable-virtual-network true --virtual-network-rules <subnet-id> --ip-range-filter <ranges>",
        },
        cis: &["5.4.1"],
        references: &["https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall"],
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
        let access = p.public_network_access.clone();
        let filter = p.is_virtual_network_filter_enabled;
        let ranges: Vec<String> = p
            .ip_rules
            .iter()
            .flatten()
            .filter_map(|i| i.ip_address_or_range.clone())
            .filter(|s| !s.trim().is_empty())
            .collect();
        let ev = crate::evidence!({"publicNetworkAccess": access, "isVirtualNetworkFilterEnabled": filter, "ipRules": ranges});
        if is(&access, "Disabled") || is(&access, "SecuredByPerimeter") {
            out.pass(r, "Public network access is disabled.", ev);
        } else if filter == Some(true) {
            out.pass(r, "Only selected virtual networks (and listed addresses) can reach the account.", ev);
        } else if !ranges.is_empty() {
            out.pass(r, format!("The firewall admits only {}.", ranges.join(", ")), ev);
        } else {
            out.fail(r, "Every network can reach the account: public access is on with no virtual network filter and no IP rule.", ev);
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{ACCOUNTS, account};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let vnet = account(
        "cosmos-vnet",
        json!({"isVirtualNetworkFilterEnabled": true, "virtualNetworkRules": [{"id": "/subscriptions/subId/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/subnet1", "ignoreMissingVNetServiceEndpoint": false}], "publicNetworkAccess": "Enabled"}),
    );
    let ips = account(
        "cosmos-ips",
        json!({"ipRules": [{"ipAddressOrRange": "23.43.230.120"}, {"ipAddressOrRange": "110.12.240.0/12"}], "publicNetworkAccess": "Enabled"}),
    );
    let private = account(
        "cosmos-private",
        json!({"publicNetworkAccess": "Disabled", "isVirtualNetworkFilterEnabled": false}),
    );
    let open = account(
        "cosmos-open",
        json!({"publicNetworkAccess": "Enabled", "isVirtualNetworkFilterEnabled": false}),
    );
    // The list example leaves the filter and public network access out: all networks.
    let listed = account("cosmos-listed", json!({}));
    let broken = account("cosmos-broken", json!({"ipRules": "23.43.230.120"}));
    let recs = vec![
        vnet.clone(),
        ips.clone(),
        private.clone(),
        open.clone(),
        listed.clone(),
        broken.clone(),
    ];
    vec![
        Case::new(
            "networks",
            doc(recs.clone(), &[ACCOUNTS]),
            vec![
                e(id_of(&vnet), Pass),
                e(id_of(&ips), Pass),
                e(id_of(&private), Pass),
                e(id_of(&open), Fail),
                e(id_of(&listed), Fail),
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
