//! Azure Cosmos DB checks.

pub mod firewall_selected_networks;
pub mod local_auth_disabled;
pub mod private_endpoints;

use crate::resource_types::{self, ResourceType};

pub(crate) const ACCOUNTS: &ResourceType = &resource_types::COSMOS_ACCOUNTS;

/// A Cosmos DB account as the list by subscription returns it (2024-11-15 examples:
/// `CosmosDBDatabaseAccountList.json` with `ipRules` and `privateEndpointConnections`, and
/// `CosmosDBDatabaseAccountCreateMax.json` with the network filter and rules filled in).
#[cfg(test)]
pub(crate) fn account(name: &str, network: serde_json::Value) -> serde_json::Value {
    use crate::checks::testing::*;
    let mut p = serde_json::json!({"provisioningState": "Succeeded", "documentEndpoint": format!("https://{name}.documents.azure.com:443/"), "databaseAccountOfferType": "Standard", "ipRules": [], "networkAclBypass": "None", "networkAclBypassResourceIds": [], "minimalTlsVersion": "Tls12"});
    for (k, v) in network.as_object().expect("object") {
        p[k] = v.clone();
    }
    let mut a = arm(ACCOUNTS, name, p);
    a["kind"] = serde_json::json!("GlobalDocumentDB");
    a
}
