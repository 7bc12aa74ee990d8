//! `keyvault.purge_protection_enabled`, `keyvault.rbac_authorization`,
//! `keyvault.public_network_access_disabled`, `keyvault.private_endpoints`: one rule per vault
//! setting, driven by a table.

use crate::check::family::{Member, RecordSetting};
use crate::check::{CheckMeta, Remediation};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::Vault;
use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

const VAULTS: &ResourceType = &resource_types::VAULTS;

/// A vault setting: the shared family, over vaults.
pub type VaultSetting = RecordSetting<Vault>;

/// A member's fixtures: vault properties that pass, fail and are unknown, in turn.
#[cfg(test)]
fn cases([good, bad, odd]: [serde_json::Value; 3]) -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // listVaultBySubscription.json (2023-07-01) leaves most settings out; the vault GET
    // example carries them.
    let vault = |name: &str, extra: serde_json::Value| {
        let mut p = json!({"sku": {"family": "A", "name": "standard"}, "tenantId": TENANT, "accessPolicies": [], "vaultUri": format!("https://{name}.vault.azure.net/"), "provisioningState": "Succeeded"});
        for (k, v) in extra.as_object().expect("object") {
            p[k] = v.clone();
        }
        arm(VAULTS, name, p)
    };
    let (g, b, o) = (
        vault("kv-good", good),
        vault("kv-bad", bad),
        vault("kv-odd", odd),
    );
    let recs = vec![g.clone(), b.clone(), o.clone()];
    vec![
        Case::new(
            "settings",
            doc(recs.clone(), &[VAULTS]),
            vec![
                e(id_of(&g), Pass),
                e(id_of(&b), Fail),
                e(id_of(&o), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), VAULTS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}

/// `keyvault.purge_protection_enabled`: the vault is recoverable.
pub static PURGE_PROTECTION: Member<VaultSetting> = Member::new(VaultSetting {
    meta: || CheckMeta {
        id: "keyvault.purge_protection_enabled",
        title: "Key vaults are recoverable: soft delete and purge protection on",
        service: "keyvault",
        level: 1,
        severity: Severity::High,
        reads: &[VAULTS],
        rule: "Per key vault: pass iff `enablePurgeProtection` is true and `enableSoftDelete` is not false (soft delete is on for every vault since 2025 and cannot be turned off; a record without it predates that); fail when purge protection is false or absent (ARM's default: off), or soft delete is false; unknown when the record cannot be read. Severity high: without purge protection, anyone who can delete the vault can purge it and its keys at once, and whatever those keys encrypt is lost.",
        rationale: "Purge protection keeps a deleted vault and its keys, secrets and certificates recoverable for the retention period, so neither a mistake nor an attacker with delete rights can destroy the keys that encrypt the organisation's data.",
        remediation: Remediation {
            portal: "Key vault > Settings > Properties > Purge protection: Enable purge protection, and save (it cannot be turned off afterwards).",
            cli: "az keyvault update --resource-group <rg> --name <vault> --enable-purge-protection true",
        },
        cis: &["3.3.5"],
        references: &["https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview"],
        manual: false,
    },
    judge: |v| {
        let (soft, purge) = (v.enable_soft_delete, v.enable_purge_protection);
        let ev = crate::evidence!({"enableSoftDelete": soft, "enablePurgeProtection": purge});
        match (soft, purge) {
            (Some(false), _) => (
                Some(false),
                ev,
                "Soft delete is off: a deleted vault is gone at once.",
            ),
            (_, Some(true)) => (Some(true), ev, "Soft delete and purge protection are on."),
            _ => (
                Some(false),
                ev,
                "Purge protection is off: a deleted vault and its keys can be purged before retention ends.",
            ),
        }
    },
    #[cfg(test)]
    cases: |_| {
        cases({
            [
                json!({"enableSoftDelete": true, "enablePurgeProtection": true, "softDeleteRetentionInDays": 90}),
                json!({"enableSoftDelete": true, "softDeleteRetentionInDays": 90}),
                json!({"enablePurgeProtection": "yes"}),
            ]
        })
    },
});

/// `keyvault.rbac_authorization`: the data plane is authorized by Azure RBAC.
pub static RBAC_AUTHORIZATION: Member<VaultSetting> = Member::new(VaultSetting {
    meta: || CheckMeta {
        id: "keyvault.rbac_authorization",
        title: "Key vaults use Azure RBAC, not access policies",
        service: "keyvault",
        level: 2,
        severity: Severity::Medium,
        reads: &[VAULTS],
        rule: "Per key vault: pass iff `enableRbacAuthorization` is true; fail when false or absent (ARM's default: the vault uses access policies); unknown when the record cannot be read. Severity medium: access policies grant whole permission sets vault-wide, outside PIM, conditional access reviews and the role assignment audit trail.",
        rationale: "With Azure RBAC, access to keys, secrets and certificates is granted per role and scope (down to one secret), through the same assignments, PIM and reviews as the rest of Azure; access policies are a separate, coarser system that Contributor can rewrite.",
        remediation: Remediation {
            portal: "Key vault > Settings > Access configuration > Permission model: Azure role-based access control (assign the data-plane roles first), and save.",
            cli: "az keyvault update --resource-group <rg> --name <vault> --enable-rbac-authorization true",
        },
        cis: &["3.3.6"],
        references: &["https://learn.microsoft.com/azure/key-vault/general/rbac-migration"],
        manual: false,
    },
    judge: |v| {
        let rbac = v.enable_rbac_authorization;
        let ev = crate::evidence!({"enableRbacAuthorization": rbac});
        match rbac {
            Some(true) => (
                Some(true),
                ev,
                "The vault authorizes its data plane with Azure RBAC.",
            ),
            _ => (
                Some(false),
                ev,
                "The vault uses access policies (enableRbacAuthorization is not true).",
            ),
        }
    },
    #[cfg(test)]
    cases: |_| {
        cases({
            [
                json!({"enableRbacAuthorization": true}),
                json!({}),
                json!({"enableRbacAuthorization": 1}),
            ]
        })
    },
});

/// `keyvault.public_network_access_disabled`: the vault is not reachable from every network.
pub static PUBLIC_NETWORK_ACCESS: Member<VaultSetting> = Member::new(VaultSetting {
    meta: || CheckMeta {
        id: "keyvault.public_network_access_disabled",
        title: "Key vaults have public network access disabled",
        service: "keyvault",
        level: 1,
        severity: Severity::Medium,
        reads: &[VAULTS],
        rule: "Per key vault: pass iff `publicNetworkAccess` is Disabled (private endpoints only), as CIS 5.0 and 6.0 8.3.7 ask; fail when Enabled or absent (ARM's default), whether or not `networkAcls.defaultAction` is Deny (a firewall of selected networks is reported in the evidence but is still public access); unknown for another value. Severity medium: credentials are still needed, but from any network they reach.",
        rationale: "With public network access disabled, the vault answers only through private endpoints in the organisation's networks, so a leaked token or secret URI cannot be used from the internet.",
        remediation: Remediation {
            portal: "Key vault > Settings > Networking > Firewalls and virtual networks: Disable public access (with private endpoints for the clients), and save.",
            cli: "az keyvault update --resource-group <rg> --name <vault> --public-network-access Disabled",
        },
        cis: &[],
        references: &["https://learn.microsoft.com/azure/key-vault/general/network-security"],
        manual: false,
    },
    judge: |v| {
        let access = v.public_network_access.clone();
        let default = v
            .network_acls
            .as_ref()
            .and_then(|n| n.default_action.clone());
        let ev =
            crate::evidence!({"publicNetworkAccess": access, "networkAcls.defaultAction": default});
        match access.as_deref() {
            Some(a) if a.eq_ignore_ascii_case("Disabled") => (
                Some(true),
                ev,
                "Public network access is disabled: private endpoints only.",
            ),
            None => (
                Some(false),
                ev,
                "Public network access is on (not set: ARM's default is Enabled).",
            ),
            Some(a) if a.eq_ignore_ascii_case("Enabled") => {
                (Some(false), ev, "Public network access is enabled.")
            }
            Some(_) => (
                None,
                ev,
                "publicNetworkAccess is not a value this check knows.",
            ),
        }
    },
    #[cfg(test)]
    cases: |_| {
        cases({
            [
                json!({"publicNetworkAccess": "Disabled"}),
                json!({"publicNetworkAccess": "Enabled", "networkAcls": {"bypass": "AzureServices", "defaultAction": "Deny", "ipRules": [], "virtualNetworkRules": []}}),
                json!({"publicNetworkAccess": "SecuredByPerimeter"}),
            ]
        })
    },
});

/// `keyvault.private_endpoints`: the vault is reached through an approved private endpoint.
pub static PRIVATE_ENDPOINTS: Member<VaultSetting> = Member::new(VaultSetting {
    meta: || CheckMeta {
        id: "keyvault.private_endpoints",
        title: "Key vaults use private endpoints",
        service: "keyvault",
        level: 2,
        severity: Severity::Medium,
        reads: &[VAULTS],
        rule: "Per key vault: pass iff a `privateEndpointConnections` entry has `privateLinkServiceConnectionState.status` Approved (case-insensitive); fail when there is none, or only pending, rejected or disconnected ones; unknown when a connection reports no status and none is approved. Severity medium: without one, clients reach the vault over its public endpoint.",
        rationale: "A private endpoint gives the vault an address in the organisation's virtual network, so applications fetch keys and secrets without crossing the internet and public access can be turned off.",
        remediation: Remediation {
            portal: "Key vault > Settings > Networking > Private endpoint connections > + Create: in the clients' virtual network, with the privatelink.vaultcore.azure.net DNS zone; approve it.",
            cli: "az network private-endpoint create --resource-group <rg> --name <pe> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <vault-id> --group-id vault --connection-name <name>",
        },
        cis: &["3.3.7"],
        references: &["https://learn.microsoft.com/azure/key-vault/general/private-link-service"],
        manual: false,
    },
    judge: |v| {
        let statuses = crate::model::connection_states(&v.private_endpoint_connections);
        let approved = statuses.iter().any(|s| is(s, "Approved"));
        let blank = statuses.iter().any(Option::is_none);
        let ev = crate::evidence!({"privateEndpointConnections": statuses});
        if approved {
            (
                Some(true),
                ev,
                "An approved private endpoint connects to the vault.",
            )
        } else if blank {
            (
                None,
                ev,
                "A private endpoint connection does not report its state.",
            )
        } else {
            (
                Some(false),
                ev,
                "No approved private endpoint connects to the vault.",
            )
        }
    },
    #[cfg(test)]
    cases: |_| {
        cases({
            let conn = |status: serde_json::Value| json!({"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v/privateEndpointConnections/pe", "properties": {"provisioningState": "Succeeded", "privateEndpoint": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe"}, "privateLinkServiceConnectionState": {"status": status, "actionsRequired": "None"}}});
            [
                json!({"privateEndpointConnections": [conn(json!("Approved"))]}),
                json!({"privateEndpointConnections": [conn(json!("Pending"))]}),
                json!({"privateEndpointConnections": [conn(serde_json::Value::Null)]}),
            ]
        })
    },
});
