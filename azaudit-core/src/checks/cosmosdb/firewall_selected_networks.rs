//! `cosmosdb.firewall_selected_networks`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::checks::sql::firewall_no_public_access::cover_everything;
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
        rule: "Per Cosmos DB account: pass iff `publicNetworkAccess` is Disabled (no public traffic at all), or `isVirtualNetworkFilterEnabled` is true (the portal's 'Selected networks', CIS's audit), or `ipRules` holds addresses or ranges that neither include 0.0.0.0 (the portal's 'Accept connections from within public Azure datacenters', every tenant's resources) nor together span every client address; fail for those two, and when public network access is Enabled or absent (ARM's default) with the filter off and no IP rule (every network can reach the account); unknown for an IP rule that is not an IPv4 address or CIDR range, for SecuredByPerimeter without a filter or IP rule (what the perimeter admits depends on its mode, which the account does not report), and for another `publicNetworkAccess` value. Severity medium: the account keys or tokens are still needed, but from anywhere on the internet.",
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

/// An address (`40.76.54.131`) or CIDR range (`110.12.240.0/12`) as first and last address.
fn range_of(s: &str) -> Option<(u32, u32)> {
    let (addr, bits) = match s.trim().split_once('/') {
        Some((a, b)) => (a, b.parse::<u32>().ok().filter(|b| *b <= 32)?),
        None => (s.trim(), 32),
    };
    let start = u32::from(addr.parse::<std::net::Ipv4Addr>().ok()?);
    let host = if bits == 0 {
        u32::MAX
    } else {
        (1u32 << (32 - bits)) - 1
    };
    let first = start & !host;
    Some((first, first | host))
}

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
        let parsed: Vec<Option<(u32, u32)>> = ranges.iter().map(|r| range_of(r)).collect();
        // 0.0.0.0 is the portal's 'Accept connections from within public Azure datacenters':
        // every tenant's Azure resources, not a restriction.
        let azure_wide = parsed.contains(&Some((0, 0)));
        let mut spans: Vec<(u32, u32, &str)> = parsed
            .iter()
            .zip(&ranges)
            .filter_map(|(p, name)| p.map(|(s, e)| (s, e, name.as_str())))
            .filter(|&(s, e, _)| (s, e) != (0, 0))
            .collect();
        let everything = cover_everything(&mut spans).is_some();
        if is(&access, "Disabled") {
            out.pass(r, "Public network access is disabled.", ev);
        } else if filter == Some(true) {
            out.pass(r, "Only selected virtual networks (and listed addresses) can reach the account.", ev);
        } else if parsed.iter().any(Option::is_none) {
            out.unknown(r, "An IP rule is not an IPv4 address or range this check can read.", ev);
        } else if everything {
            out.fail(r, "The IP rules admit every address on the internet.", ev);
        } else if azure_wide {
            out.fail(r, "The IP rules admit every Azure datacenter (0.0.0.0): any tenant's resources in Azure can connect.", ev);
        } else if !ranges.is_empty() {
            out.pass(r, format!("The firewall admits only {}.", ranges.join(", ")), ev);
        } else if is(&access, "SecuredByPerimeter") {
            out.unknown(r, "A network security perimeter governs public access; with no filter or IP rule of its own, what it admits depends on the perimeter's mode, which the account does not report.", ev);
        } else if access.is_none() || is(&access, "Enabled") {
            out.fail(r, "Every network can reach the account: public access is on with no virtual network filter and no IP rule.", ev);
        } else {
            out.unknown(r, "publicNetworkAccess is not a value this check knows.", ev);
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
    let azure = account(
        "cosmos-azure",
        json!({"ipRules": [{"ipAddressOrRange": "0.0.0.0"}], "publicNetworkAccess": "Enabled"}),
    );
    let world = account(
        "cosmos-world",
        json!({"ipRules": [{"ipAddressOrRange": "0.0.0.0/1"}, {"ipAddressOrRange": "128.0.0.0/1"}]}),
    );
    let perimeter = account(
        "cosmos-nsp",
        json!({"publicNetworkAccess": "SecuredByPerimeter"}),
    );
    let garbled = account(
        "cosmos-garbled",
        json!({"ipRules": [{"ipAddressOrRange": "10.0.0.0/33"}]}),
    );
    let recs = vec![
        vnet.clone(),
        ips.clone(),
        private.clone(),
        open.clone(),
        listed.clone(),
        broken.clone(),
        azure.clone(),
        world.clone(),
        perimeter.clone(),
        garbled.clone(),
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
                e(id_of(&azure), Fail),
                e(id_of(&world), Fail),
                e(id_of(&perimeter), Unknown),
                e(id_of(&garbled), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), ACCOUNTS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
