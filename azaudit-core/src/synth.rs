//! Synthetic snapshots of any size, with the mix of types a real tenant has, for benchmarks.
//!
//! The mix per "estate unit" of 100 records follows what ARM returns for a typical enterprise
//! subscription: storage accounts with containers and diagnostic settings, VMs with disks and
//! extensions, NSGs with rules, SQL servers with their sub-resources, web apps with their
//! config, key vaults with keys and secrets, role assignments, locks, and Entra users with
//! their registration details. About one record in ten fails a check, and one subscription in
//! ten has a forbidden provider.

use std::fmt::Write;

use crate::resource_types::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic and dependency-free.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.next().is_multiple_of(one_in)
    }
}

const REGIONS: [&str; 4] = ["westeurope", "northeurope", "eastus", "westus2"];
/// Records per subscription.
const PER_SUBSCRIPTION: usize = 5_000;

/// A snapshot document (version 1) of about `records` records, deterministic for a seed.
pub fn generate(records: usize, seed: u64) -> String {
    let mut rng = Rng(seed.max(1));
    let subs = records.div_ceil(PER_SUBSCRIPTION).max(1);
    let tenant = "7a0c4d7e-0000-4000-8000-00000000a0a0";
    let mut out = String::with_capacity(records * 800 + 4096);
    out.push_str("{\n  \"version\": 1,\n  \"tenantId\": \"");
    out.push_str(tenant);
    out.push_str("\",\n  \"collectedAt\": \"2026-11-28T10:00:00Z\",\n  \"subscriptions\": [");
    for s in 0..subs {
        let sep = if s == 0 { "" } else { "," };
        let _ = write!(
            out,
            "{sep}\n    {{\"subscriptionId\": \"{}\", \"displayName\": \"sub-{s}\"}}",
            sub_id(s)
        );
    }
    out.push_str("\n  ],\n  \"resources\": [\n");
    let mut n = 0usize;
    let mut unit = 0usize;
    while n < records {
        let s = (unit * 100 / PER_SUBSCRIPTION) % subs;
        let sub = sub_id(s);
        let region = REGIONS[unit % REGIONS.len()];
        let rg = format!("/subscriptions/{sub}/resourceGroups/rg-{}", unit % 50);
        for rec in estate_unit(&mut rng, unit, &sub, &rg, region, tenant) {
            if n >= records {
                break;
            }
            if n > 0 {
                out.push_str(",\n");
            }
            out.push_str("    ");
            out.push_str(&rec);
            n += 1;
        }
        unit += 1;
    }
    out.push_str("\n  ],\n  \"coverage\": [");
    let mut first_cov = true;
    for s in 0..subs {
        for t in COVERED {
            let status = if s % 10 == 9 && t.name.starts_with("Microsoft.Sql") {
                "forbidden"
            } else {
                "ok"
            };
            let sep = if first_cov { "" } else { "," };
            first_cov = false;
            let _ = write!(
                out,
                "{sep}\n    {{\"scope\": \"/subscriptions/{}\", \"type\": \"{t}\", \"status\": \"{status}\"}}",
                sub_id(s)
            );
        }
    }
    for t in [
        &USERS,
        &DIRECTORY_ROLE_ASSIGNMENTS,
        &REGISTRATION_DETAILS,
        &CONDITIONAL_ACCESS_POLICIES,
        &AUTHORIZATION_POLICY,
        &GROUP_SETTINGS,
    ] {
        let _ = write!(
            out,
            ",\n    {{\"scope\": \"/tenants/{tenant}\", \"type\": \"{t}\", \"status\": \"ok\"}}"
        );
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// The ARM types the synthetic estate holds, each collected for every subscription.
const COVERED: [&ResourceType; 39] = [
    &STORAGE_ACCOUNTS,
    &BLOB_CONTAINERS,
    &DIAGNOSTIC_SETTINGS,
    &VIRTUAL_MACHINES,
    &DISKS,
    &VM_EXTENSIONS,
    &NETWORK_SECURITY_GROUPS,
    &NETWORK_WATCHERS,
    &SQL_SERVERS,
    &SQL_AUDITING,
    &SQL_ALERT_POLICIES,
    &SQL_DATABASES,
    &SQL_TDE,
    &SQL_FIREWALL_RULES,
    &SITES,
    &SITE_WEB_CONFIG,
    &VAULTS,
    &VAULT_KEYS,
    &VAULT_SECRETS,
    &ROLE_ASSIGNMENTS,
    &ROLE_DEFINITIONS,
    &LOCKS,
    &ACTIVITY_LOG_ALERTS,
    &POLICY_ASSIGNMENTS,
    &SQL_ENCRYPTION_PROTECTOR,
    &SQL_ADMINISTRATORS,
    &POSTGRES_SERVERS,
    &POSTGRES_CONFIGURATIONS,
    &POSTGRES_FIREWALL_RULES,
    &POSTGRES_SINGLE_SERVERS,
    &MYSQL_SERVERS,
    &MYSQL_CONFIGURATIONS,
    &COSMOS_ACCOUNTS,
    &BASTION_HOSTS,
    &SITE_BASIC_AUTH,
    &SITE_SLOTS,
    &SLOT_WEB_CONFIG,
    &SLOT_BASIC_AUTH,
    &SECURITY_PRICINGS,
];

fn sub_id(s: usize) -> String {
    format!(
        "{:08x}-5b1c-4c2e-9a4f-{:012x}",
        0x5ab0_0000u32 + s as u32,
        s
    )
}

/// About 100 records: one slice of a realistic estate.
fn estate_unit(
    rng: &mut Rng,
    u: usize,
    sub: &str,
    rg: &str,
    region: &str,
    tenant: &str,
) -> Vec<String> {
    let mut v = Vec::with_capacity(100);
    let tags = |rng: &mut Rng| {
        if rng.chance(20) {
            r#"{"env": "prod", "owner": "platform", "criticality": "high"}"#
        } else {
            r#"{"env": "prod", "owner": "platform", "costCenter": "cc-1042"}"#
        }
    };
    for i in 0..8 {
        let st = format!("{rg}/providers/Microsoft.Storage/storageAccounts/st{u}x{i}");
        let https = !rng.chance(10);
        let public = rng.chance(8);
        let t = tags(rng);
        v.push(format!(
            r#"{{"id": "{st}", "type": "{STORAGE_ACCOUNTS}", "name": "st{u}x{i}", "location": "{region}", "kind": "StorageV2", "sku": {{"name": "Standard_ZRS", "tier": "Standard"}}, "tags": {t}, "properties": {{"supportsHttpsTrafficOnly": {https}, "allowBlobPublicAccess": {public}, "minimumTlsVersion": "TLS1_2", "publicNetworkAccess": "Enabled", "networkAcls": {{"bypass": "AzureServices", "virtualNetworkRules": [], "ipRules": [], "defaultAction": "{}"}}, "keyCreationTime": {{"key1": "2026-10-01T08:00:00.0000000Z", "key2": "2026-07-01T08:00:00.0000000Z"}}, "encryption": {{"services": {{"blob": {{"enabled": true, "keyType": "Account"}}, "file": {{"enabled": true, "keyType": "Account"}}}}, "keySource": "Microsoft.Storage"}}, "accessTier": "Hot", "provisioningState": "Succeeded", "primaryEndpoints": {{"blob": "https://st{u}x{i}.blob.core.windows.net/", "queue": "https://st{u}x{i}.queue.core.windows.net/"}}}}}}"#,
            if rng.chance(3) { "Allow" } else { "Deny" }
        ));
        v.push(format!(
            r#"{{"id": "{st}/blobServices/default/containers/data", "type": "{BLOB_CONTAINERS}", "name": "data", "properties": {{"publicAccess": "{}", "hasImmutabilityPolicy": false, "hasLegalHold": false, "leaseState": "Available"}}}}"#,
            if public && rng.chance(2) { "Blob" } else { "None" }
        ));
        v.push(format!(
            r#"{{"id": "{st}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings/to-law", "type": "{DIAGNOSTIC_SETTINGS}", "name": "to-law", "properties": {{"workspaceId": "/subscriptions/{sub}/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law", "logs": [{{"category": "StorageRead", "enabled": true}}, {{"category": "StorageWrite", "enabled": true}}, {{"category": "StorageDelete", "enabled": {}}}], "metrics": [{{"category": "Transaction", "enabled": true}}]}}}}"#,
            !rng.chance(5)
        ));
    }
    for i in 0..6 {
        let vm = format!("{rg}/providers/Microsoft.Compute/virtualMachines/vm{u}x{i}");
        let os = format!("{rg}/providers/Microsoft.Compute/disks/vm{u}x{i}_os");
        let data = format!("{rg}/providers/Microsoft.Compute/disks/vm{u}x{i}_data");
        let t = tags(rng);
        let count = if rng.chance(6) { 2 } else { 0 };
        v.push(format!(
            r#"{{"id": "{vm}", "type": "{VIRTUAL_MACHINES}", "name": "vm{u}x{i}", "location": "{region}", "tags": {t}, "properties": {{"vmId": "0f{u:06x}-{i:04x}", "hardwareProfile": {{"vmSize": "Standard_D4s_v5"}}, "storageProfile": {{"imageReference": {{"publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "latest"}}, "osDisk": {{"osType": "Linux", "name": "vm{u}x{i}_os", "createOption": "FromImage", "caching": "ReadWrite", "managedDisk": {{"storageAccountType": "Premium_LRS", "id": "{os}"}}, "diskSizeGB": 64}}, "dataDisks": [{{"lun": 0, "name": "vm{u}x{i}_data", "createOption": "Attach", "managedDisk": {{"id": "{data}"}}}}]}}, "osProfile": {{"computerName": "vm{u}x{i}", "adminUsername": "azureuser", "linuxConfiguration": {{"disablePasswordAuthentication": true, "patchSettings": {{"patchMode": "AutomaticByPlatform", "assessmentMode": "AutomaticByPlatform"}}}}}}, "networkProfile": {{"networkInterfaces": [{{"id": "{rg}/providers/Microsoft.Network/networkInterfaces/nic{u}x{i}"}}]}}, "securityProfile": {{"encryptionAtHost": {}, "securityType": "TrustedLaunch", "uefiSettings": {{"secureBootEnabled": true, "vTpmEnabled": true}}}}, "provisioningState": "Succeeded", "instanceView": {{"patchStatus": {{"availablePatchSummary": {{"status": "Succeeded", "criticalAndSecurityPatchCount": {count}, "otherPatchCount": 4, "lastModifiedTime": "2026-11-27T03:00:00Z"}}}}}}}}}}"#,
            rng.chance(4)
        ));
        for (d, name) in [(&os, "os"), (&data, "data")] {
            v.push(format!(
                r#"{{"id": "{d}", "type": "{DISKS}", "name": "vm{u}x{i}_{name}", "location": "{region}", "managedBy": "{vm}", "sku": {{"name": "Premium_LRS", "tier": "Premium"}}, "properties": {{"osType": "Linux", "creationData": {{"createOption": "Empty"}}, "diskSizeGB": 64, "diskState": "Attached", "encryption": {{"type": "{}"}}, "networkAccessPolicy": "AllowAll", "publicNetworkAccess": "Enabled", "dataAccessAuthMode": "None", "provisioningState": "Succeeded"}}}}"#,
                if rng.chance(2) { "EncryptionAtRestWithCustomerKey" } else { "EncryptionAtRestWithPlatformKey" }
            ));
        }
        for (ext, publisher) in [
            ("AzureMonitorLinuxAgent", "Microsoft.Azure.Monitor"),
            ("MDE.Linux", "Microsoft.Azure.AzureDefenderForServers"),
        ] {
            v.push(format!(
                r#"{{"id": "{vm}/extensions/{ext}", "type": "{VM_EXTENSIONS}", "name": "{ext}", "location": "{region}", "properties": {{"publisher": "{}", "type": "{ext}", "typeHandlerVersion": "1.0", "autoUpgradeMinorVersion": true, "provisioningState": "Succeeded"}}}}"#,
                if rng.chance(25) { "Contoso.Agents" } else { publisher }
            ));
        }
    }
    for i in 0..5 {
        let src = if rng.chance(10) { "*" } else { "10.0.0.0/8" };
        v.push(format!(
            r#"{{"id": "{rg}/providers/Microsoft.Network/networkSecurityGroups/nsg{u}x{i}", "type": "{NETWORK_SECURITY_GROUPS}", "name": "nsg{u}x{i}", "location": "{region}", "properties": {{"provisioningState": "Succeeded", "securityRules": [{{"name": "allow-https", "properties": {{"protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "443", "sourceAddressPrefix": "Internet", "destinationAddressPrefix": "*", "access": "Allow", "priority": 100, "direction": "Inbound"}}}}, {{"name": "allow-mgmt", "properties": {{"protocol": "Tcp", "sourcePortRange": "*", "destinationPortRanges": ["22", "3389"], "sourceAddressPrefix": "{src}", "destinationAddressPrefix": "*", "access": "Allow", "priority": 200, "direction": "Inbound"}}}}, {{"name": "deny-all", "properties": {{"protocol": "*", "sourcePortRange": "*", "destinationPortRange": "*", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*", "access": "Deny", "priority": 4096, "direction": "Inbound"}}}}]}}}}"#
        ));
    }
    for i in 0..2 {
        let server = format!("{rg}/providers/Microsoft.Sql/servers/sql{u}x{i}");
        v.push(format!(r#"{{"id": "{server}", "type": "{SQL_SERVERS}", "name": "sql{u}x{i}", "location": "{region}", "kind": "v12.0", "properties": {{"administratorLogin": "sqladmin", "version": "12.0", "state": "Ready", "fullyQualifiedDomainName": "sql{u}x{i}.database.windows.net", "minimalTlsVersion": "{}", "publicNetworkAccess": "Enabled"}}}}"#, if rng.chance(5) { "1.0" } else { "1.2" }));
        v.push(format!(r#"{{"id": "{server}/auditingSettings/default", "type": "{SQL_AUDITING}", "name": "default", "properties": {{"state": "{}", "retentionDays": 0, "isAzureMonitorTargetEnabled": true}}}}"#, if rng.chance(4) { "Disabled" } else { "Enabled" }));
        v.push(format!(r#"{{"id": "{server}/securityAlertPolicies/Default", "type": "{SQL_ALERT_POLICIES}", "name": "Default", "properties": {{"state": "Enabled", "disabledAlerts": [""], "emailAddresses": ["secops@example.com"], "emailAccountAdmins": {}, "retentionDays": 0}}}}"#, !rng.chance(3)));
        v.push(format!(r#"{{"id": "{server}/firewallRules/office", "type": "{SQL_FIREWALL_RULES}", "name": "office", "properties": {{"startIpAddress": "203.0.113.0", "endIpAddress": "{}"}}}}"#, if rng.chance(10) { "255.255.255.255" } else { "203.0.113.255" }));
        let cmk = rng.chance(3);
        v.push(format!(r#"{{"id": "{server}/encryptionProtector/current", "type": "{SQL_ENCRYPTION_PROTECTOR}", "name": "current", "kind": "{}", "properties": {{"serverKeyName": "{}", "serverKeyType": "{}", "autoRotationEnabled": {cmk}}}}}"#,
            if cmk { "azurekeyvault" } else { "servicemanaged" },
            if cmk { "kv_tde_0123456789abcdef0123456789abcdef" } else { "ServiceManaged" },
            if cmk { "AzureKeyVault" } else { "ServiceManaged" }));
        if !rng.chance(4) {
            v.push(format!(r#"{{"id": "{server}/administrators/ActiveDirectory", "type": "{SQL_ADMINISTRATORS}", "name": "ActiveDirectory", "properties": {{"administratorType": "ActiveDirectory", "login": "sql-admins", "sid": "5b1c0000-0000-4000-8000-{u:012x}", "tenantId": "{tenant}", "azureADOnlyAuthentication": false}}}}"#));
        }
        let db = format!("{server}/databases/app");
        v.push(format!(r#"{{"id": "{db}", "type": "{SQL_DATABASES}", "name": "app", "location": "{region}", "sku": {{"name": "GP_Gen5", "tier": "GeneralPurpose", "capacity": 2}}, "properties": {{"status": "Online", "collation": "SQL_Latin1_General_CP1_CI_AS", "maxSizeBytes": 34359738368}}}}"#));
        v.push(format!(r#"{{"id": "{db}/transparentDataEncryption/current", "type": "{SQL_TDE}", "name": "current", "properties": {{"state": "{}"}}}}"#, if rng.chance(20) { "Disabled" } else { "Enabled" }));
    }
    for i in 0..3 {
        let site = format!("{rg}/providers/Microsoft.Web/sites/app{u}x{i}");
        v.push(format!(r#"{{"id": "{site}", "type": "{SITES}", "name": "app{u}x{i}", "location": "{region}", "kind": "app,linux", {}"properties": {{"state": "Running", "httpsOnly": {}, "enabled": true, "defaultHostName": "app{u}x{i}.azurewebsites.net", "clientCertEnabled": false, "publicNetworkAccess": "Enabled"}}}}"#, if rng.chance(3) { "" } else { r#""identity": {"type": "SystemAssigned", "principalId": "0f0f0f0f-0000-4000-8000-000000000000", "tenantId": "7a0c4d7e-0000-4000-8000-00000000a0a0"}, "# }, !rng.chance(6)));
        v.push(format!(r#"{{"id": "{site}/config/web", "type": "{SITE_WEB_CONFIG}", "name": "web", "location": "{region}", "properties": {{"minTlsVersion": "{}", "linuxFxVersion": "{}", "ftpsState": "FtpsOnly", "http20Enabled": true, "netFrameworkVersion": "v4.0", "remoteDebuggingEnabled": false}}}}"#, if rng.chance(7) { "1.0" } else { "1.2" }, if rng.chance(5) { "PYTHON|3.8" } else { "NODE|20-lts" }));
        v.push(format!(r#"{{"id": "{site}/config/authsettingsV2", "type": "{SITE_WEB_CONFIG}", "name": "authsettingsV2", "location": "{region}", "properties": {{"platform": {{"enabled": {}, "runtimeVersion": "~1"}}, "globalValidation": {{"requireAuthentication": true}}}}}}"#, rng.chance(2)));
        for which in ["ftp", "scm"] {
            v.push(format!(r#"{{"id": "{site}/basicPublishingCredentialsPolicies/{which}", "type": "{SITE_BASIC_AUTH}", "name": "{which}", "properties": {{"allow": {}}}}}"#, rng.chance(3)));
        }
        // One app in three has a staging slot, configured like an app of its own.
        if i == 0 {
            let slot = format!("{site}/slots/staging");
            v.push(format!(r#"{{"id": "{slot}", "type": "{SITE_SLOTS}", "name": "app{u}x{i}/staging", "location": "{region}", "kind": "app,linux", "identity": {{"type": "SystemAssigned", "principalId": "5107{u:04x}-0000-4000-8000-000000000000"}}, "properties": {{"state": "Running", "httpsOnly": {}, "enabled": true, "clientCertEnabled": false, "clientCertMode": "Required"}}}}"#, !rng.chance(4)));
            v.push(format!(r#"{{"id": "{slot}/config/web", "type": "{SLOT_WEB_CONFIG}", "name": "web", "properties": {{"minTlsVersion": "1.2", "linuxFxVersion": "NODE|20-lts", "ftpsState": "{}", "http20Enabled": true, "remoteDebuggingEnabled": {}}}}}"#, if rng.chance(3) { "AllAllowed" } else { "FtpsOnly" }, rng.chance(5)));
            v.push(format!(r#"{{"id": "{slot}/config/authsettingsV2", "type": "{SLOT_WEB_CONFIG}", "name": "authsettingsV2", "properties": {{"platform": {{"enabled": {}, "runtimeVersion": "~1"}}}}}}"#, rng.chance(2)));
            for which in ["ftp", "scm"] {
                v.push(format!(r#"{{"id": "{slot}/basicPublishingCredentialsPolicies/{which}", "type": "{SLOT_BASIC_AUTH}", "name": "{which}", "properties": {{"allow": {}}}}}"#, rng.chance(2)));
            }
        }
    }
    // A PostgreSQL flexible server with the seven parameters the checks read and a firewall
    // rule; a MySQL one every other unit; a Cosmos DB account every other unit.
    let pg = format!("{rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg{u}");
    v.push(format!(r#"{{"id": "{pg}", "type": "{POSTGRES_SERVERS}", "name": "pg{u}", "location": "{region}", "sku": {{"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"}}, "properties": {{"version": "16", "state": "Ready", "network": {{"publicNetworkAccess": "{}"}}, "storage": {{"storageSizeGB": 128}}}}}}"#,
        if rng.chance(3) { "Disabled" } else { "Enabled" }));
    for (name, good, bad) in [
        ("require_secure_transport", "on", "off"),
        ("ssl_min_protocol_version", "TLSv1.2", "TLSv1"),
        ("log_checkpoints", "on", "off"),
        ("connection_throttle.enable", "on", "off"),
        ("logfiles.retention_days", "7", "3"),
        ("log_connections", "on", "off"),
        ("log_disconnections", "on", "off"),
    ] {
        let value = if rng.chance(5) { bad } else { good };
        v.push(format!(r#"{{"id": "{pg}/configurations/{name}", "type": "{POSTGRES_CONFIGURATIONS}", "name": "{name}", "properties": {{"value": "{value}", "defaultValue": "{good}", "dataType": "Enumeration", "source": "user-override", "isReadOnly": false}}}}"#));
    }
    v.push(format!(r#"{{"id": "{pg}/firewallRules/office", "type": "{POSTGRES_FIREWALL_RULES}", "name": "office", "properties": {{"startIpAddress": "{}", "endIpAddress": "{}"}}}}"#,
        if rng.chance(6) { "0.0.0.0" } else { "203.0.113.0" },
        if rng.chance(6) { "0.0.0.0" } else { "203.0.113.255" }));
    if u.is_multiple_of(2) {
        let my = format!("{rg}/providers/Microsoft.DBforMySQL/flexibleServers/my{u}");
        v.push(format!(r#"{{"id": "{my}", "type": "{MYSQL_SERVERS}", "name": "my{u}", "location": "{region}", "properties": {{"version": "8.0.21", "state": "Ready"}}}}"#));
        for (name, value) in [
            ("require_secure_transport", "ON"),
            ("tls_version", "TLSv1.2,TLSv1.3"),
            (
                "audit_log_enabled",
                if rng.chance(3) { "OFF" } else { "ON" },
            ),
            (
                "audit_log_events",
                if rng.chance(3) {
                    "ADMIN,DDL"
                } else {
                    "CONNECTION,ADMIN"
                },
            ),
        ] {
            v.push(format!(r#"{{"id": "{my}/configurations/{name}", "type": "{MYSQL_CONFIGURATIONS}", "name": "{name}", "properties": {{"value": "{value}", "source": "user-override", "isReadOnly": "False"}}}}"#));
        }
    } else {
        let filter = !rng.chance(3);
        let pe = if rng.chance(2) {
            format!(
                r#"[{{"id": "{rg}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos{u}/privateEndpointConnections/pe", "properties": {{"privateEndpoint": {{"id": "{rg}/providers/Microsoft.Network/privateEndpoints/pe{u}"}}, "privateLinkServiceConnectionState": {{"status": "Approved", "actionsRequired": "None"}}}}}}]"#
            )
        } else {
            "[]".to_string()
        };
        v.push(format!(r#"{{"id": "{rg}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos{u}", "type": "{COSMOS_ACCOUNTS}", "name": "cosmos{u}", "location": "{region}", "kind": "GlobalDocumentDB", "properties": {{"provisioningState": "Succeeded", "documentEndpoint": "https://cosmos{u}.documents.azure.com:443/", "databaseAccountOfferType": "Standard", "ipRules": [], "isVirtualNetworkFilterEnabled": {filter}, "publicNetworkAccess": "Enabled", "privateEndpointConnections": {pe}, "minimalTlsVersion": "Tls12"}}}}"#));
    }
    // Each subscription's Defender plans, in its first unit.
    if (u * 100).is_multiple_of(PER_SUBSCRIPTION) {
        for (i, plan) in [
            "CloudPosture",
            "Api",
            "VirtualMachines",
            "Containers",
            "StorageAccounts",
            "AppServices",
            "CosmosDbs",
            "OpenSourceRelationalDatabases",
            "SqlServers",
            "SqlServerVirtualMachines",
            "KeyVaults",
            "Arm",
            "Dns",
        ]
        .iter()
        .enumerate()
        {
            let tier = if rng.chance(3) || i == 12 {
                "Free"
            } else {
                "Standard"
            };
            v.push(format!(r#"{{"id": "/subscriptions/{sub}/providers/Microsoft.Security/pricings/{plan}", "type": "{SECURITY_PRICINGS}", "name": "{plan}", "properties": {{"pricingTier": "{tier}", "freeTrialRemainingTime": "PT0S", "enforce": "False"}}}}"#));
        }
    }
    if u.is_multiple_of(50) {
        v.push(format!(r#"{{"id": "{rg}/providers/Microsoft.Network/bastionHosts/bas{u}", "type": "{BASTION_HOSTS}", "name": "bas{u}", "location": "{region}", "sku": {{"name": "Standard"}}, "properties": {{"provisioningState": "Succeeded", "scaleUnits": 2, "ipConfigurations": []}}}}"#));
    }
    if u.is_multiple_of(25) {
        v.push(format!(r#"{{"id": "{rg}/providers/Microsoft.DBforPostgreSQL/servers/pgs{u}", "type": "{POSTGRES_SINGLE_SERVERS}", "name": "pgs{u}", "location": "{region}", "sku": {{"name": "GP_Gen5_2", "tier": "GeneralPurpose"}}, "properties": {{"version": "11", "sslEnforcement": "Enabled", "minimalTlsVersion": "TLS1_2", "userVisibleState": "Ready", "infrastructureEncryption": "{}"}}}}"#,
            if rng.chance(2) { "Enabled" } else { "Disabled" }));
    }
    let kv = format!("{rg}/providers/Microsoft.KeyVault/vaults/kv{u}");
    v.push(format!(r#"{{"id": "{kv}", "type": "{VAULTS}", "name": "kv{u}", "location": "{region}", "properties": {{"tenantId": "{tenant}", "sku": {{"family": "A", "name": "standard"}}, "enableSoftDelete": true, "enableRbacAuthorization": true, "vaultUri": "https://kv{u}.vault.azure.net/"}}}}"#));
    for i in 0..3 {
        let exp = if rng.chance(4) {
            String::new()
        } else {
            ", \"exp\": 1830000000".into()
        };
        v.push(format!(r#"{{"id": "{kv}/keys/k{i}", "type": "{VAULT_KEYS}", "name": "k{i}", "location": "{region}", "properties": {{"attributes": {{"enabled": true, "created": 1790000000, "updated": 1790000000{exp}}}, "kty": "RSA", "keyOps": ["wrapKey", "unwrapKey"], "keyUri": "https://kv{u}.vault.azure.net/keys/k{i}"}}}}"#));
        v.push(format!(r#"{{"id": "{kv}/secrets/s{i}", "type": "{VAULT_SECRETS}", "name": "s{i}", "location": "{region}", "properties": {{"attributes": {{"enabled": true, "created": 1790000000, "updated": 1790000000{exp}}}, "secretUri": "https://kv{u}.vault.azure.net/secrets/s{i}", "contentType": "text/plain"}}}}"#));
    }
    if rng.chance(2) {
        v.push(format!(r#"{{"id": "{kv}/providers/Microsoft.Authorization/locks/nodelete", "type": "{LOCKS}", "name": "nodelete", "properties": {{"level": "CanNotDelete", "notes": "critical"}}}}"#));
    }
    let roles = [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        "b24988ac-6180-42a0-ab88-20f7382dd24c",
        "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    ];
    for i in 0..4 {
        let principal = format!("c0de{:04x}-0000-4000-8000-{:012x}", i, u);
        v.push(format!(r#"{{"id": "/subscriptions/{sub}/providers/Microsoft.Authorization/roleAssignments/ra{u}x{i}", "type": "{ROLE_ASSIGNMENTS}", "name": "ra{u}x{i}", "properties": {{"roleDefinitionId": "/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{}", "principalId": "{principal}", "principalType": "User", "scope": "/subscriptions/{sub}", "createdOn": "2025-04-01T10:00:00Z"}}}}"#, roles[i % 3]));
    }
    for i in 0..4 {
        let id = format!("c0de{:04x}-0000-4000-8000-{:012x}", i, u);
        v.push(format!(r#"{{"id": "/tenants/{tenant}/users/{id}", "type": "{USERS}", "name": "{id}", "properties": {{"id": "{id}", "displayName": "User {u}-{i}", "userPrincipalName": "user{u}x{i}@example.com", "userType": "{}", "accountEnabled": true, "mail": "user{u}x{i}@example.com"}}}}"#, if i == 3 { "Guest" } else { "Member" }));
        v.push(format!(r#"{{"id": "/tenants/{tenant}/userRegistrationDetails/{id}", "type": "{REGISTRATION_DETAILS}", "name": "{id}", "properties": {{"id": "{id}", "userPrincipalName": "user{u}x{i}@example.com", "isMfaRegistered": {}, "isMfaCapable": true, "userType": "member"}}}}"#, !rng.chance(5)));
    }
    v
}

#[cfg(test)]
mod tests {
    #[test]
    fn generates_a_loadable_snapshot_of_the_requested_size() {
        let text = super::generate(2_345, 7);
        let snap = crate::Snapshot::from_json(text).unwrap();
        assert_eq!(snap.len(), 2_345);
        assert!(snap.of_type("Microsoft.Compute/virtualMachines").count() > 50);
        assert_eq!(super::generate(500, 7), super::generate(500, 7));
        let r = crate::Engine::new(crate::Config::default()).run(&snap);
        assert!(
            r.failed().count() > 50
                && r.findings
                    .iter()
                    .filter(|f| f.status == crate::Status::Pass)
                    .count()
                    > 500
        );
    }
}
