//! The resource-type registry: every type azaudit reads, declared once.
//!
//! An entry says what Azure calls the records (the ARM type, `Microsoft.Graph/<collection>`,
//! or `Azaudit/<settings>` for what no API serves), where they are collected (once per tenant
//! from Microsoft Graph, once per subscription from ARM, once per record of a parent type), the
//! REST paths, api-version and response shape. Everything else derives from it: a check
//! declares the entries it reads ([`crate::CheckMeta::reads`]); the collector plans exactly the
//! entries the selected checks read and the parents they fan out from; the engine reports
//! coverage gaps at each entry's scope; a view names its entry's `name` as the records it
//! parses ([`crate::model::Props::TYPE`]); the synthetic generator writes records of these
//! types. Adding a type is one entry in [`registry!`](self) below (CONTRIBUTING.md).
//!
//! One ARM type may have more than one entry when checks need different requests for it (a
//! site's `config/web` and `config/authsettingsV2`; virtual machines listed, and each again
//! with its instance view): a check names the entry whose request it needs, and both cover the
//! same `name`.

use crate::model::{self, Arm, Props};
pub use crate::resource_type::{Origin, ResourceType, Scope, Shape};
use crate::resource_type::{arm, child, graph};
use crate::snapshot::Snapshot;

/// Declares each entry as a `pub static` and lists them all, in order, in [`ALL`]. An entry
/// followed by `=> View` owns the view: its records parse into `model::View`, which the macro
/// makes the entry's [`Props`], and which loading parses ([`VIEWS`]). Entries sharing a view
/// with an earlier one (another request for the same records) name none.
macro_rules! registry {
    ($($(#[$doc:meta])* $name:ident = $entry:expr $(=> $view:ident)?;)*) => {
        $($(#[$doc])* pub static $name: ResourceType = $entry;)*
        /// Every entry, parents before children: the collector's order.
        pub static ALL: &[&ResourceType] = &[$(&$name),*];
        $($(
            impl Props for model::$view {
                const TYPE: &'static ResourceType = &$name;
            }
        )?)*
        /// Each entry that owns a view, and how to parse it.
        pub(crate) static VIEWS: &[(&ResourceType, ParseView)] = &[$($((&$name, parse::<model::$view>),)?)*];
    };
}

/// Parses one view of a snapshot into its memo.
pub(crate) type ParseView = fn(&Snapshot, usize);

/// Parse the view of `P` if the snapshot has records of its type.
fn parse<P: Props>(snapshot: &Snapshot, threads: usize) {
    let ty = P::TYPE;
    let present = std::iter::once(ty.record_type())
        .chain(ty.aliases.iter().copied())
        .any(|t| snapshot.of_type(t).next().is_some());
    if present {
        model::view::<Arm<P>>(snapshot, threads);
    }
}

/// Parse every registry view the snapshot has records for, each type split across `threads`:
/// done once at load, so that auditing the same snapshot again parses nothing.
pub(crate) fn parse_views(snapshot: &Snapshot, threads: usize) {
    for (_, parse) in VIEWS {
        parse(snapshot, threads);
    }
}

/// The name people know a record by where its `name` is an opaque id, read from the
/// entry's view (parsed once, at load).
pub type Label = fn(&Snapshot, crate::Record<'_>) -> Option<String>;

/// The entries whose records have a [`Label`]: a user by UPN, a custom role and a policy
/// assignment by their display names. Reports name these resources so.
pub static LABELS: &[(&ResourceType, Label)] = &[
    (&USERS, |s, r| {
        label_of::<model::GraphUser>(s, r, |p| &p.user_principal_name)
    }),
    (&ROLE_DEFINITIONS, |s, r| {
        label_of::<model::RoleDefinition>(s, r, |p| &p.role_name)
    }),
    (&POLICY_ASSIGNMENTS, |s, r| {
        label_of::<model::PolicyAssignment>(s, r, |p| &p.display_name)
    }),
];

/// One string field of a record's view, when it is there and not empty.
fn label_of<P: Props>(
    snapshot: &Snapshot,
    record: crate::Record<'_>,
    field: fn(&P) -> &Option<String>,
) -> Option<String> {
    let view = model::view::<Arm<P>>(snapshot, 1);
    let parsed = view.get(record)?.ok()?;
    field(&parsed.properties)
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

use Shape::{Expand, List, Object};

registry! {
    // ---- Microsoft Graph (tenant) ----
    /// Entra users.
    USERS = graph(
        "Microsoft.Graph/users",
        &["/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,mail&$top=999"],
        List,
    ) => GraphUser;
    /// Directory role assignments of the privileged roles.
    DIRECTORY_ROLE_ASSIGNMENTS = graph(
        "Microsoft.Graph/roleAssignments",
        &["/roleManagement/directory/roleAssignments?$filter=roleDefinitionId%20eq%20'{role}'"],
        List,
    ) => DirectoryRoleAssignment;
    /// Each user's registered authentication methods.
    REGISTRATION_DETAILS = graph(
        "Microsoft.Graph/userRegistrationDetails",
        &["/reports/authenticationMethods/userRegistrationDetails"],
        List,
    ) => RegistrationDetails;
    /// Conditional access policies.
    CONDITIONAL_ACCESS_POLICIES = graph(
        "Microsoft.Graph/conditionalAccessPolicies",
        &["/identity/conditionalAccess/policies"],
        List,
    ) => ConditionalAccessPolicy;
    /// Security defaults.
    SECURITY_DEFAULTS = graph(
        "Microsoft.Graph/identitySecurityDefaultsEnforcementPolicy",
        &["/policies/identitySecurityDefaultsEnforcementPolicy"],
        Object,
    ) => SecurityDefaults;
    /// PIM: who may activate a directory role. A tenant without Entra ID P2 has none, and
    /// Graph says so with `AadPremiumLicenseRequired`.
    DIRECTORY_ROLE_ELIGIBILITY = graph(
        "Microsoft.Graph/roleEligibilityScheduleInstances",
        &["/roleManagement/directory/roleEligibilityScheduleInstances"],
        List,
    ) => DirectoryRoleEligibility;
    /// The members, direct and nested, of the groups that hold privileged roles or that
    /// conditional access policies target.
    GROUP_MEMBERS = ResourceType {
        origin: Origin::Groups,
        ..graph(
            "Microsoft.Graph/groups/transitiveMembers",
            &["/groups/{group}/transitiveMembers?$select=id,userPrincipalName&$top=999"],
            List,
        )
    } => GroupMember;
    /// The tenant's authorization policy (guest invitations, group creation).
    AUTHORIZATION_POLICY = graph(
        "Microsoft.Graph/authorizationPolicy",
        &["/policies/authorizationPolicy"],
        Object,
    ) => AuthorizationPolicy;
    /// Directory settings (`Group.Unified`).
    GROUP_SETTINGS = graph("Microsoft.Graph/groupSettings", &["/groupSettings"], List) => GroupSetting;

    // ---- Azure RBAC, locks, policy ----
    /// Custom role definitions.
    ROLE_DEFINITIONS = arm(
        "Microsoft.Authorization/roleDefinitions",
        &["/providers/Microsoft.Authorization/roleDefinitions?$filter=type%20eq%20'CustomRole'"],
        "2022-04-01",
    ) => RoleDefinition;
    /// Role assignments at the subscription and inherited from above (`atScope()`).
    ROLE_ASSIGNMENTS = arm(
        "Microsoft.Authorization/roleAssignments",
        &["/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()"],
        "2022-04-01",
    ) => RoleAssignment;
    /// PIM-eligible Azure roles, at the subscription and inherited from above.
    ROLE_ELIGIBILITY = arm(
        "Microsoft.Authorization/roleEligibilityScheduleInstances",
        &["/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?$filter=atScope()"],
        "2020-10-01",
    ) => RoleEligibility;
    /// Management locks.
    LOCKS = arm(
        "Microsoft.Authorization/locks",
        &["/providers/Microsoft.Authorization/locks"],
        "2020-05-01",
    ) => Lock;
    /// Policy assignments, inherited ones included.
    POLICY_ASSIGNMENTS = arm(
        "Microsoft.Authorization/policyAssignments",
        &["/providers/Microsoft.Authorization/policyAssignments"],
        "2023-04-01",
    ) => PolicyAssignment;
    /// The subscription inventory: regions in use and tags, for checks over every resource.
    INVENTORY = arm(crate::snapshot::INVENTORY, &["/resources"], "2021-04-01");

    // ---- Storage ----
    /// Storage accounts.
    STORAGE_ACCOUNTS = arm(
        "Microsoft.Storage/storageAccounts",
        &["/providers/Microsoft.Storage/storageAccounts"],
        "2023-05-01",
    ) => StorageAccount;
    /// Blob containers.
    BLOB_CONTAINERS = child(
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        &STORAGE_ACCOUNTS,
        &["/blobServices/default/containers"],
        "2023-05-01",
        List,
    ) => BlobContainer;
    /// The blob, queue and table services' diagnostic settings: covered apart from the
    /// subscription's own, so a storage list that fails leaves the activity log's collected.
    STORAGE_DIAGNOSTIC_SETTINGS = child(
        "Microsoft.Storage/storageAccounts/providers/Microsoft.Insights/diagnosticSettings",
        &STORAGE_ACCOUNTS,
        &[
            "/blobServices/default/providers/Microsoft.Insights/diagnosticSettings",
            "/queueServices/default/providers/Microsoft.Insights/diagnosticSettings",
            "/tableServices/default/providers/Microsoft.Insights/diagnosticSettings",
        ],
        "2021-05-01-preview",
        List,
    );

    // ---- Monitor ----
    /// The subscription's diagnostic settings (the activity log's export).
    DIAGNOSTIC_SETTINGS = arm(
        "Microsoft.Insights/diagnosticSettings",
        &["/providers/Microsoft.Insights/diagnosticSettings"],
        "2021-05-01-preview",
    ) => DiagnosticSetting;
    /// Legacy log profiles (retired; listed to say they no longer count).
    LOG_PROFILES = arm(
        "Microsoft.Insights/logProfiles",
        &["/providers/Microsoft.Insights/logProfiles"],
        "2016-03-01",
    ) => LogProfile;
    /// Activity log alerts.
    ACTIVITY_LOG_ALERTS = arm(
        "Microsoft.Insights/activityLogAlerts",
        &["/providers/Microsoft.Insights/activityLogAlerts"],
        "2020-10-01",
    ) => ActivityLogAlert;
    /// Log Analytics workspaces.
    WORKSPACES = arm(
        "Microsoft.OperationalInsights/workspaces",
        &["/providers/Microsoft.OperationalInsights/workspaces"],
        "2023-09-01",
    ) => Workspace;

    // ---- SQL and the open-source database servers ----
    /// Azure SQL logical servers.
    SQL_SERVERS = arm("Microsoft.Sql/servers", &["/providers/Microsoft.Sql/servers"], "2023-08-01") => SqlServer;
    /// Server auditing settings.
    SQL_AUDITING = child(
        "Microsoft.Sql/servers/auditingSettings",
        &SQL_SERVERS,
        &["/auditingSettings"],
        "2023-08-01",
        List,
    ) => SqlAuditing;
    /// Server security alert policies.
    SQL_ALERT_POLICIES = child(
        "Microsoft.Sql/servers/securityAlertPolicies",
        &SQL_SERVERS,
        &["/securityAlertPolicies"],
        "2023-08-01",
        List,
    ) => SqlAlertPolicy;
    /// Server firewall rules.
    SQL_FIREWALL_RULES = child(
        "Microsoft.Sql/servers/firewallRules",
        &SQL_SERVERS,
        &["/firewallRules"],
        "2023-08-01",
        List,
    ) => SqlFirewallRule;
    /// Databases.
    SQL_DATABASES = child(
        "Microsoft.Sql/servers/databases",
        &SQL_SERVERS,
        &["/databases"],
        "2023-08-01",
        List,
    ) => SqlDatabase;
    /// Each server's TDE protector: the key that encrypts the databases' keys.
    SQL_ENCRYPTION_PROTECTOR = child(
        "Microsoft.Sql/servers/encryptionProtector",
        &SQL_SERVERS,
        &["/encryptionProtector"],
        "2023-08-01",
        List,
    ) => SqlEncryptionProtector;
    /// Each server's Microsoft Entra administrator (an empty list: none).
    SQL_ADMINISTRATORS = child(
        "Microsoft.Sql/servers/administrators",
        &SQL_SERVERS,
        &["/administrators"],
        "2023-08-01",
        List,
    ) => SqlAdministrator;
    /// Transparent data encryption of each database.
    SQL_TDE = child(
        "Microsoft.Sql/servers/databases/transparentDataEncryption",
        &SQL_DATABASES,
        &["/transparentDataEncryption"],
        "2023-08-01",
        List,
    ) => SqlTde;
    /// PostgreSQL flexible servers.
    POSTGRES_SERVERS = arm(
        "Microsoft.DBforPostgreSQL/flexibleServers",
        &["/providers/Microsoft.DBforPostgreSQL/flexibleServers"],
        "2024-08-01",
    ) => PostgresServer;
    /// The server parameters the checks read of each PostgreSQL flexible server, one GET
    /// each: the list at the server holds some 400 parameters, of which these are 7.
    POSTGRES_CONFIGURATIONS = child(
        "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
        &POSTGRES_SERVERS,
        &[
            "/configurations/require_secure_transport",
            "/configurations/ssl_min_protocol_version",
            "/configurations/log_checkpoints",
            "/configurations/connection_throttle.enable",
            "/configurations/logfiles.retention_days",
            "/configurations/log_connections",
            "/configurations/log_disconnections",
        ],
        "2024-08-01",
        Object,
    ) => PostgresConfig;
    /// PostgreSQL flexible servers' firewall rules.
    POSTGRES_FIREWALL_RULES = child(
        "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules",
        &POSTGRES_SERVERS,
        &["/firewallRules"],
        "2024-08-01",
        List,
    ) => PostgresFirewallRule;
    /// PostgreSQL single servers: retired in March 2025, still listed so that a tenant
    /// holding one is judged on the legacy recommendations (CIS 3.0 5.2.8).
    POSTGRES_SINGLE_SERVERS = arm(
        "Microsoft.DBforPostgreSQL/servers",
        &["/providers/Microsoft.DBforPostgreSQL/servers"],
        "2017-12-01",
    ) => PostgresSingleServer;
    /// MySQL flexible servers.
    MYSQL_SERVERS = arm(
        "Microsoft.DBforMySQL/flexibleServers",
        &["/providers/Microsoft.DBforMySQL/flexibleServers"],
        "2023-12-30",
    ) => MySqlServer;
    /// The server parameters the checks read of each MySQL flexible server, one GET each.
    MYSQL_CONFIGURATIONS = child(
        "Microsoft.DBforMySQL/flexibleServers/configurations",
        &MYSQL_SERVERS,
        &[
            "/configurations/require_secure_transport",
            "/configurations/tls_version",
            "/configurations/audit_log_enabled",
            "/configurations/audit_log_events",
        ],
        "2023-12-30",
        Object,
    ) => MySqlConfig;

    // ---- Cosmos DB ----
    /// Cosmos DB accounts (network rules and private endpoint connections included).
    COSMOS_ACCOUNTS = arm(
        "Microsoft.DocumentDB/databaseAccounts",
        &["/providers/Microsoft.DocumentDB/databaseAccounts"],
        "2024-11-15",
    ) => CosmosAccount;

    // ---- Network ----
    /// Network security groups with their rules.
    NETWORK_SECURITY_GROUPS = arm(
        "Microsoft.Network/networkSecurityGroups",
        &["/providers/Microsoft.Network/networkSecurityGroups"],
        "2024-05-01",
    ) => Nsg;
    /// Network Watchers.
    NETWORK_WATCHERS = arm(
        "Microsoft.Network/networkWatchers",
        &["/providers/Microsoft.Network/networkWatchers"],
        "2024-05-01",
    ) => NetworkWatcher;

    /// Azure Bastion hosts.
    BASTION_HOSTS = arm(
        "Microsoft.Network/bastionHosts",
        &["/providers/Microsoft.Network/bastionHosts"],
        "2024-05-01",
    ) => BastionHost;

    // ---- Compute ----
    /// Virtual machines.
    VIRTUAL_MACHINES = arm(
        "Microsoft.Compute/virtualMachines",
        &["/providers/Microsoft.Compute/virtualMachines"],
        "2024-07-01",
    ) => VirtualMachine;
    /// Virtual machines again, each with its instance view (patch status, power state): the
    /// list does not carry it.
    VM_INSTANCE_VIEWS = child(
        "Microsoft.Compute/virtualMachines",
        &VIRTUAL_MACHINES,
        &["?$expand=instanceView"],
        "2024-07-01",
        Expand,
    );
    /// VM extensions.
    VM_EXTENSIONS = child(
        "Microsoft.Compute/virtualMachines/extensions",
        &VIRTUAL_MACHINES,
        &["/extensions"],
        "2024-07-01",
        List,
    ) => VmExtension;
    /// Managed disks.
    DISKS = arm("Microsoft.Compute/disks", &["/providers/Microsoft.Compute/disks"], "2024-03-02") => Disk;

    // ---- Defender for Cloud ----
    /// Secure scores.
    SECURE_SCORES = arm(
        "Microsoft.Security/secureScores",
        &["/providers/Microsoft.Security/secureScores"],
        "2020-01-01",
    ) => SecureScore;
    /// Auto-provisioning settings.
    AUTO_PROVISIONING = arm(
        "Microsoft.Security/autoProvisioningSettings",
        &["/providers/Microsoft.Security/autoProvisioningSettings"],
        "2017-08-01-preview",
    ) => AutoProvisioning;
    /// Defender for Cloud plans: one entry per plan, each with its tier and sub-plan.
    SECURITY_PRICINGS = arm(
        "Microsoft.Security/pricings",
        &["/providers/Microsoft.Security/pricings"],
        "2024-01-01",
    ) => SecurityPricing;
    /// Security contacts.
    SECURITY_CONTACTS = ResourceType {
        aliases: &["Microsoft.Security/securityContact"],
        ..arm(
            "Microsoft.Security/securityContacts",
            &["/providers/Microsoft.Security/securityContacts"],
            "2020-01-01-preview",
        )
    } => SecurityContact;

    // ---- Key Vault (control plane only: attributes, never key material or secret values) ----
    /// Key vaults.
    VAULTS = arm(
        "Microsoft.KeyVault/vaults",
        &["/providers/Microsoft.KeyVault/vaults"],
        "2023-07-01",
    ) => Vault;
    /// Keys' attributes.
    VAULT_KEYS = child("Microsoft.KeyVault/vaults/keys", &VAULTS, &["/keys"], "2023-07-01", List) => VaultKey;
    /// Secrets' attributes.
    VAULT_SECRETS = child(
        "Microsoft.KeyVault/vaults/secrets",
        &VAULTS,
        &["/secrets"],
        "2023-07-01",
        List,
    ) => VaultSecret;

    // ---- App Service ----
    /// Web apps.
    SITES = ResourceType {
        // A deployment slot is a site of its own and reads as one (its view is the site's).
        aliases: &["Microsoft.Web/sites/slots"],
        ..arm("Microsoft.Web/sites", &["/providers/Microsoft.Web/sites"], "2023-12-01")
    } => Site;
    /// Each site's `web` configuration (TLS, runtimes).
    SITE_WEB_CONFIG = ResourceType {
        aliases: &["Microsoft.Web/sites/slots/config"],
        ..child(
        "Microsoft.Web/sites/config",
        &SITES,
        &["/config/web"],
        "2023-12-01",
        Object,
    )
    } => SiteConfig;
    /// Each site's authentication settings, in the Reader-safe form: GET without secrets
    /// (`/list` would need Contributor).
    SITE_AUTH_SETTINGS = child(
        "Microsoft.Web/sites/config",
        &SITES,
        &["/config/authsettingsV2"],
        "2023-12-01",
        Object,
    );

    /// Each site's basic-authentication publishing policies (`ftp` and `scm`).
    SITE_BASIC_AUTH = ResourceType {
        aliases: &["Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies"],
        ..child(
            "Microsoft.Web/sites/basicPublishingCredentialsPolicies",
            &SITES,
            &["/basicPublishingCredentialsPolicies"],
            "2023-12-01",
            List,
        )
    } => BasicPublishingPolicy;
    /// Each site's deployment slots, judged as sites wherever a site check applies.
    SITE_SLOTS = child(
        "Microsoft.Web/sites/slots",
        &SITES,
        &["/slots"],
        "2023-12-01",
        List,
    );
    /// Each slot's `web` configuration.
    SLOT_WEB_CONFIG = child(
        "Microsoft.Web/sites/slots/config",
        &SITE_SLOTS,
        &["/config/web"],
        "2023-12-01",
        Object,
    );
    /// Each slot's authentication settings (the Reader-safe GET, as for sites).
    SLOT_AUTH_SETTINGS = child(
        "Microsoft.Web/sites/slots/config",
        &SITE_SLOTS,
        &["/config/authsettingsV2"],
        "2023-12-01",
        Object,
    );

    /// Each slot's basic-authentication publishing policies.
    SLOT_BASIC_AUTH = child(
        "Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies",
        &SITE_SLOTS,
        &["/basicPublishingCredentialsPolicies"],
        "2023-12-01",
        List,
    );

    // ---- No API ----
    /// Tenant settings Azure exposes no API for, filled in by a person.
    TENANT_SETTINGS = ResourceType {
        origin: Origin::Manual,
        paths: &[],
        ..graph("Azaudit/tenantSettings", &[], Object)
    } => TenantSettings;
}

/// A site's identity is read from the whole record, sites and slots alike.
impl model::View for model::SiteIdentity {
    const TYPE: &'static ResourceType = &SITES;
    fn from_record(r: &crate::Record<'_>) -> Result<Self, serde_json::Error> {
        r.parse()
    }
}

/// The entries a set of readers needs collected: those they read and the parents those fan
/// out from, in registry order (parents before children). Entries with no API are left out.
pub fn closure<'a>(
    reads: impl IntoIterator<Item = &'a ResourceType>,
) -> Vec<&'static ResourceType> {
    let mut wanted = vec![false; ALL.len()];
    for r in reads {
        let mut next = Some(r);
        while let Some(t) = next {
            if let Some(i) = ALL.iter().position(|e| std::ptr::eq(*e, t)) {
                wanted[i] = true;
            }
            next = t.parent();
        }
    }
    ALL.iter()
        .zip(wanted)
        .filter(|(t, w)| *w && t.origin != Origin::Manual)
        .map(|(t, _)| *t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loading_parses_the_views_of_the_types_present_once() {
        use crate::model::{Disk, Parsed, StorageAccount};
        let snap = Snapshot::from_json(
            r#"{"version":1,"resources":[
              {"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a",
               "type":"Microsoft.Storage/storageAccounts","properties":{}}]}"#,
        )
        .unwrap();
        assert!(snap.memo().holds::<Parsed<Arm<StorageAccount>>>());
        assert!(!snap.memo().holds::<Parsed<Arm<Disk>>>());
        // Each view is owned by one entry, whose type it names.
        for (i, (entry, _)) in VIEWS.iter().enumerate() {
            assert!(
                !VIEWS[..i].iter().any(|(e, _)| std::ptr::eq(*e, *entry)),
                "{entry} owns two views"
            );
        }
        assert_eq!(<StorageAccount as Props>::TYPE, &STORAGE_ACCOUNTS);
    }

    #[test]
    fn parents_come_before_children_and_are_entries() {
        for (i, t) in ALL.iter().enumerate() {
            if let Some(p) = t.parent() {
                let at = ALL.iter().position(|e| std::ptr::eq(*e, p));
                assert!(at.is_some_and(|j| j < i), "{} before its parent", t.name);
            }
        }
    }

    #[test]
    fn a_closure_brings_parents_once_in_order() {
        let c = closure([&SQL_TDE, &SQL_SERVERS]);
        let names: Vec<&str> = c.iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "Microsoft.Sql/servers",
                "Microsoft.Sql/servers/databases",
                "Microsoft.Sql/servers/databases/transparentDataEncryption"
            ]
        );
        assert!(closure([&TENANT_SETTINGS]).is_empty());
        assert_eq!(TENANT_SETTINGS.scope(), Scope::None);
        assert_eq!(GROUP_MEMBERS.scope(), Scope::Tenant);
        assert_eq!(STORAGE_DIAGNOSTIC_SETTINGS.scope(), Scope::Subscription);
        assert_eq!(
            STORAGE_DIAGNOSTIC_SETTINGS.record_type(),
            "Microsoft.Insights/diagnosticSettings"
        );
    }
}
