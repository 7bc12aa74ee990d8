//! The resource model: typed views of the records the checks read.
//!
//! Each view is [`Arm<P>`]: the top-level fields every ARM object has, and `properties` as the
//! type's own struct `P`. Every field is an `Option`: a property Azure did not return is `None`,
//! and the checks treat it as unknown unless Azure documents what its absence means.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::resource_type::ResourceType;

mod view;

pub use view::{Parsed, View, view};

/// Properties of one resource type.
pub trait Props: serde::de::DeserializeOwned + Default + Send + Sync + 'static {
    /// The registry entry of the records it reads.
    const TYPE: &'static ResourceType;
}

/// An ARM- or Graph-shaped record's typed `properties`.
///
/// Only `properties` is parsed: the snapshot's index already holds the id, type, name,
/// location and tags ([`Record::tag`](crate::Record::tag)), and skipping the rest of each
/// record is what keeps evaluating a million of them fast.
#[derive(Debug, Default)]
pub struct Arm<P: Default> {
    /// The resource's own properties (all `None` when Azure returned none).
    pub properties: P,
}

impl<P: Props> View for Arm<P> {
    const TYPE: &'static ResourceType = P::TYPE;

    fn from_record(r: &crate::Record<'_>) -> Result<Self, serde_json::Error> {
        let properties = match r.properties_json() {
            Some(text) => Option::<P>::deserialize(&mut serde_json::Deserializer::from_str(text))?
                .unwrap_or_default(),
            None => P::default(),
        };
        Ok(Arm { properties })
    }
}

/// A view's properties struct; its registry entry implements [`Props`] for it
/// ([`crate::resource_types`]).
macro_rules! props {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $fty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Default, Clone, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $($(#[$fm])* #[serde(default)] pub $field: Option<$fty>,)*
        }
    };
}

macro_rules! part {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $fty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Default, Clone, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $($(#[$fm])* #[serde(default)] pub $field: Option<$fty>,)*
        }
    };
}

// ---- Azure RBAC and Microsoft Graph ----

props!(/// `Microsoft.Authorization/roleDefinitions`.
    RoleDefinition {
    /// Display name.
    role_name: String,
    /// `BuiltInRole` or `CustomRole`.
    #[serde(rename = "type")] role_type: String,
    /// Where it can be assigned.
    assignable_scopes: Vec<String>,
    /// Allowed actions.
    permissions: Vec<Permission>,
});
part!(/// One permission block of a role definition.
    Permission {
    /// Control-plane actions.
    actions: Vec<String>,
});
props!(/// `Microsoft.Authorization/roleAssignments`.
    RoleAssignment {
    /// Full id of the role definition.
    role_definition_id: String,
    /// The principal's object id.
    principal_id: String,
    /// `User`, `Group`, `ServicePrincipal`, ...
    principal_type: String,
    /// Scope of the assignment.
    scope: String,
});
props!(/// `Microsoft.Graph/users`.
    GraphUser {
    /// Object id.
    id: String,
    /// UPN.
    user_principal_name: String,
    /// Display name.
    display_name: String,
    /// `Member` or `Guest`.
    user_type: String,
    /// Whether sign-in is enabled.
    account_enabled: bool,
    /// E-mail address (guests: their home address).
    mail: String,
});
props!(/// `Microsoft.Graph/roleAssignments` (directory roles).
    DirectoryRoleAssignment {
    /// The principal's object id.
    principal_id: String,
    /// The role's template id for built-in roles.
    role_definition_id: String,
    /// `/` for tenant-wide.
    directory_scope_id: String,
});
props!(/// `Microsoft.Graph/userRegistrationDetails`.
    RegistrationDetails {
    /// The user's object id.
    id: String,
    /// A strong method is registered.
    is_mfa_registered: bool,
    /// Registered for a strong method that is allowed by policy: what MFA needs.
    is_mfa_capable: bool,
});
props!(/// `Microsoft.Graph/identitySecurityDefaultsEnforcementPolicy` (a singleton).
    SecurityDefaults {
    /// Security defaults (MFA for everyone, legacy authentication blocked) are on.
    is_enabled: bool,
});
props!(/// `Microsoft.Graph/roleEligibilityScheduleInstances`: PIM-eligible directory roles.
    DirectoryRoleEligibility {
    /// The principal's object id.
    principal_id: String,
    /// The role's template id for built-in roles.
    role_definition_id: String,
    /// `/` for tenant-wide.
    directory_scope_id: String,
});
props!(/// `Microsoft.Authorization/roleEligibilityScheduleInstances`: PIM-eligible Azure roles.
    RoleEligibility {
    /// Full id of the role definition.
    role_definition_id: String,
    /// The principal's object id.
    principal_id: String,
    /// `User`, `Group`, `ServicePrincipal`, ...
    principal_type: String,
    /// Scope of the eligibility.
    scope: String,
    /// `Provisioned` while it can be activated.
    status: String,
});
props!(/// `Microsoft.Graph/groups/transitiveMembers`: a user in a group, directly or nested.
    GroupMember {
    /// The member's object id.
    id: String,
    /// `#microsoft.graph.user`, `#microsoft.graph.group`, ...
    #[serde(rename = "@odata.type")] odata_type: String,
});
props!(/// `Microsoft.Graph/conditionalAccessPolicies`.
    ConditionalAccessPolicy {
    /// Name.
    display_name: String,
    /// `enabled`, `disabled` or `enabledForReportingButNotEnforced`.
    state: String,
    /// Who and what it applies to.
    conditions: CaConditions,
    /// What it requires.
    grant_controls: CaGrantControls,
});
part!(/// Conditions of a conditional access policy.
    CaConditions {
    /// Users, roles and groups.
    users: CaUsers,
    /// Cloud apps.
    applications: CaApplications,
    /// Named locations.
    locations: CaLocations,
    /// Device platforms.
    platforms: CaPlatforms,
    /// A device filter.
    devices: Value,
    /// `all`, `browser`, `mobileAppsAndDesktopClients`, `exchangeActiveSync`, `other`.
    client_app_types: Vec<String>,
    /// Sign-in risk levels it applies to (empty: any).
    sign_in_risk_levels: Vec<String>,
    /// User risk levels it applies to (empty: any).
    user_risk_levels: Vec<String>,
    /// Insider risk levels it applies to (null: any).
    insider_risk_levels: Value,
    /// Authentication flows it applies to (null: any).
    authentication_flows: Value,
});
part!(/// The cloud apps a conditional access policy targets.
    CaApplications {
    /// `All`, `None`, `Office365` or app ids.
    include_applications: Vec<String>,
    /// App ids left out.
    exclude_applications: Vec<String>,
    /// User actions (`urn:user:registersecurityinfo`) instead of apps.
    include_user_actions: Vec<String>,
});
part!(/// The locations a conditional access policy targets.
    CaLocations {
    /// `All`, `AllTrusted` or named location ids.
    include_locations: Vec<String>,
    /// Locations left out.
    exclude_locations: Vec<String>,
});
part!(/// The device platforms a conditional access policy targets.
    CaPlatforms {
    /// `all` or platforms.
    include_platforms: Vec<String>,
    /// Platforms left out.
    exclude_platforms: Vec<String>,
});
part!(/// The users a conditional access policy targets.
    CaUsers {
    /// `All`, `None`, `GuestsOrExternalUsers` or object ids.
    include_users: Vec<String>,
    /// Object ids (or `GuestsOrExternalUsers`).
    exclude_users: Vec<String>,
    /// Role template ids.
    include_roles: Vec<String>,
    /// Role template ids.
    exclude_roles: Vec<String>,
    /// Group ids.
    include_groups: Vec<String>,
    /// Group ids.
    exclude_groups: Vec<String>,
    /// Guests and external users included, by kind (replaces `GuestsOrExternalUsers`).
    include_guests_or_external_users: Value,
    /// Guests and external users excluded, by kind.
    exclude_guests_or_external_users: Value,
});
part!(/// Grant controls.
    CaGrantControls {
    /// `AND` or `OR` over the controls.
    operator: String,
    /// `mfa`, `block`, `compliantDevice`, ...
    built_in_controls: Vec<String>,
    /// An authentication strength (which always requires MFA or stronger).
    authentication_strength: Value,
});
props!(/// `Microsoft.Graph/authorizationPolicy`.
    AuthorizationPolicy {
    /// `none`, `adminsAndGuestInviters`, `adminsGuestInvitersAndAllMembers`, `everyone`.
    allow_invites_from: String,
    /// Defaults for member users.
    default_user_role_permissions: DefaultUserRolePermissions,
    /// The role guests hold: `a0b1b346-4d3e-4e8b-98f8-753987be4970` (same access as members),
    /// `10dae51f-b6af-4016-8d66-8c2a99b929b3` (limited), `2af84b1e-32c8-42b7-82bc-daa82404023b`
    /// (restricted to their own objects).
    guest_user_role_id: String,
});
part!(/// Default user role permissions.
    DefaultUserRolePermissions {
    /// Users can create security groups.
    allowed_to_create_security_groups: bool,
    /// Users can register applications.
    allowed_to_create_apps: bool,
    /// Users can create Entra tenants.
    allowed_to_create_tenants: bool,
});
props!(/// `Microsoft.Graph/groupSettings`.
    GroupSetting {
    /// `Group.Unified`, ...
    display_name: String,
    /// Template id.
    template_id: String,
    /// Name/value pairs; values are strings.
    values: Vec<SettingValue>,
});
part!(/// One value of a group setting.
    SettingValue {
    /// Name.
    name: String,
    /// Value (a string, `"true"`/`"false"` for booleans).
    value: String,
});
props!(/// `Azaudit/tenantSettings`: settings with no API, filled in by a person.
    TenantSettings {
    /// Users may remember MFA on trusted devices.
    mfa_remember_device: bool,
    /// Users are notified when their password is reset.
    sspr_notify_users_on_reset: bool,
    /// Non-admins cannot open the Entra admin center.
    restrict_non_admin_portal_access: bool,
    /// Owners can manage group membership requests in My Groups.
    self_service_group_management: bool,
});

// ---- Storage ----

props!(/// `Microsoft.Storage/storageAccounts`.
    StorageAccount {
    /// HTTPS only.
    supports_https_traffic_only: bool,
    /// Anonymous blob access allowed (absent: allowed on older accounts).
    allow_blob_public_access: bool,
    /// Firewall.
    network_acls: NetworkAcls,
    /// `Enabled`, `Disabled`, `SecuredByPerimeter`.
    public_network_access: String,
    /// Key expiration policy.
    key_policy: KeyPolicy,
    /// When each key was created.
    key_creation_time: KeyCreationTime,
    /// Shared Key authorization allowed (absent: allowed).
    allow_shared_key_access: bool,
});
part!(/// Storage firewall.
    NetworkAcls {
    /// `Allow` or `Deny`.
    default_action: String,
});
part!(/// Storage key expiration policy.
    KeyPolicy {
    /// Days before a key should be rotated.
    key_expiration_period_in_days: i64,
});
part!(/// Storage key creation times.
    KeyCreationTime {
    /// key1.
    key1: String,
    /// key2.
    key2: String,
});
props!(/// `Microsoft.Storage/storageAccounts/blobServices/containers`.
    BlobContainer {
    /// `None`, `Blob`, `Container`.
    public_access: String,
});
props!(/// `Microsoft.Insights/diagnosticSettings` (on a resource or a subscription).
    DiagnosticSetting {
    /// Destination storage account.
    storage_account_id: String,
    /// Destination Log Analytics workspace.
    workspace_id: String,
    /// Destination Event Hub.
    event_hub_authorization_rule_id: String,
    /// Destination partner solution (Datadog, Elastic, ...).
    marketplace_partner_id: String,
    /// Log categories.
    logs: Vec<LogSetting>,
});
part!(/// One log category (or category group) of a diagnostic setting.
    LogSetting {
    /// Category.
    category: String,
    /// Category group (`allLogs`, `audit`).
    category_group: String,
    /// Enabled.
    enabled: bool,
});

// ---- SQL and open-source databases ----

props!(/// `Microsoft.Sql/servers`.
    SqlServer {
    /// `None`, `1.0`, `1.1`, `1.2`, `1.3`.
    minimal_tls_version: String,
    /// `Enabled`, `Disabled` or `SecuredByPerimeter`.
    public_network_access: String,
});
props!(/// `Microsoft.Sql/servers/auditingSettings`.
    SqlAuditing {
    /// `Enabled` or `Disabled`.
    state: String,
    /// Days kept in storage; 0 means forever.
    retention_days: i64,
    /// Storage destination, when audit logs go to storage.
    storage_endpoint: String,
});
props!(/// `Microsoft.Sql/servers/securityAlertPolicies`.
    SqlAlertPolicy {
    /// `Enabled`, `Disabled`, `New`.
    state: String,
    /// Alert types turned off.
    disabled_alerts: Vec<String>,
    /// Alerts go to the account administrators.
    email_account_admins: bool,
    /// Addresses (an element may hold several, `;`-separated).
    email_addresses: Vec<String>,
});
props!(/// `Microsoft.Sql/servers/databases`.
    SqlDatabase {
    /// Status.
    status: String,
});
props!(/// `Microsoft.Sql/servers/databases/transparentDataEncryption`.
    SqlTde {
    /// `Enabled` or `Disabled`.
    state: String,
});
props!(/// `Microsoft.Sql/servers/firewallRules`.
    SqlFirewallRule {
    /// First address.
    start_ip_address: String,
    /// Last address.
    end_ip_address: String,
});
props!(/// `Microsoft.Sql/servers/encryptionProtector`.
    SqlEncryptionProtector {
    /// `ServiceManaged` or `AzureKeyVault` (a customer-managed key).
    server_key_type: String,
    /// The key's name (`ServiceManaged`, or `<vault>_<key>_<version>`).
    server_key_name: String,
    /// The key's URI, for a Key Vault key.
    uri: String,
    /// Whether the server follows the key's newest version.
    auto_rotation_enabled: bool,
});
props!(/// `Microsoft.Sql/servers/administrators`.
    SqlAdministrator {
    /// `ActiveDirectory`.
    administrator_type: String,
    /// The administrator's name.
    login: String,
    /// Its object id.
    sid: String,
});
props!(/// `Microsoft.DBforPostgreSQL/flexibleServers`.
    PostgresServer {
    /// Version.
    version: String,
    /// Networking.
    network: FlexibleServerNetwork,
});
part!(/// A flexible server's networking.
    FlexibleServerNetwork {
    /// `Enabled` or `Disabled` (VNet-integrated servers and those reached by private
    /// endpoints only).
    public_network_access: String,
});
props!(/// `Microsoft.DBforPostgreSQL/flexibleServers/firewallRules`.
    PostgresFirewallRule {
    /// First address.
    start_ip_address: String,
    /// Last address.
    end_ip_address: String,
});
props!(/// `Microsoft.DBforPostgreSQL/servers` (single server, retired).
    PostgresSingleServer {
    /// `Enabled` or `Disabled`: a second layer of encryption at rest.
    infrastructure_encryption: String,
    /// Version.
    version: String,
});
props!(/// `Microsoft.DBforMySQL/flexibleServers`.
    MySqlServer {
    /// Version.
    version: String,
});
props!(/// `Microsoft.DBforPostgreSQL/flexibleServers/configurations`.
    PostgresConfig {
    /// The value, a string (`on`).
    value: String,
});
props!(/// `Microsoft.DBforMySQL/flexibleServers/configurations`.
    MySqlConfig {
    /// The value, a string (`ON`).
    value: String,
});

/// A server parameter of a PostgreSQL or MySQL flexible server.
pub trait ServerParameter: Props {
    /// The parameter's value.
    fn value(&self) -> Option<&str>;
}
impl ServerParameter for PostgresConfig {
    fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }
}
impl ServerParameter for MySqlConfig {
    fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }
}

// ---- Cosmos DB ----

props!(/// `Microsoft.DocumentDB/databaseAccounts`.
    CosmosAccount {
    /// `Enabled`, `Disabled` or `SecuredByPerimeter`.
    public_network_access: String,
    /// Whether the virtual network rules apply.
    is_virtual_network_filter_enabled: bool,
    /// Allowed addresses and ranges.
    ip_rules: Vec<CosmosIpRule>,
    /// Allowed subnets.
    virtual_network_rules: Vec<Value>,
    /// Private endpoint connections.
    private_endpoint_connections: Vec<PrivateEndpointConnection>,
    /// Whether account keys and resource tokens are refused (Entra ID only).
    disable_local_auth: bool,
    /// The API and features (`EnableMongo`, `EnableCassandra`, `EnableTable`, ...).
    capabilities: Vec<CosmosCapability>,
});
part!(/// A Cosmos DB account's capability.
    CosmosCapability {
    /// Its name.
    name: String,
});
part!(/// An allowed address or range of a Cosmos DB account.
    CosmosIpRule {
    /// `40.76.54.131` or `10.0.0.0/16`.
    ip_address_or_range: String,
});
part!(/// A private endpoint connection, as the resource that accepts it lists it.
    PrivateEndpointConnection {
    /// Its id.
    id: String,
    /// The connection.
    properties: PrivateEndpointConnectionProps,
});
part!(/// A private endpoint connection's state.
    PrivateEndpointConnectionProps {
    /// The connection's state.
    private_link_service_connection_state: PrivateLinkConnectionState,
});
/// Each private endpoint connection's state (`Approved`, `Pending`, ...), `None` where one
/// reports none: what the private-endpoint checks of every service judge.
pub fn connection_states(
    connections: &Option<Vec<PrivateEndpointConnection>>,
) -> Vec<Option<String>> {
    connections
        .iter()
        .flatten()
        .map(|c| {
            c.properties
                .as_ref()
                .and_then(|p| p.private_link_service_connection_state.as_ref())
                .and_then(|s| s.status.clone())
        })
        .collect()
}
part!(/// The state of a private link connection.
    PrivateLinkConnectionState {
    /// `Approved`, `Pending`, `Rejected`, `Disconnected`.
    status: String,
});

// ---- Network ----

props!(/// `Microsoft.Network/networkSecurityGroups`.
    Nsg {
    /// User-defined rules (default rules never open RDP or SSH from the internet).
    security_rules: Vec<SecurityRule>,
});
part!(/// One NSG rule.
    SecurityRule {
    /// Name.
    name: String,
    /// The rule.
    properties: SecurityRuleProps,
});
part!(/// One NSG rule's properties.
    SecurityRuleProps {
    /// `Inbound` or `Outbound`.
    direction: String,
    /// `Allow` or `Deny`.
    access: String,
    /// Lower numbers are evaluated first.
    priority: i64,
    /// `Tcp`, `Udp`, `Icmp`, `*`, ...
    protocol: String,
    /// One source.
    source_address_prefix: String,
    /// Several sources.
    source_address_prefixes: Vec<String>,
    /// One port, range or `*`.
    destination_port_range: String,
    /// Several.
    destination_port_ranges: Vec<String>,
    /// One source port, range or `*`.
    source_port_range: String,
    /// Several.
    source_port_ranges: Vec<String>,
    /// One destination address, prefix, service tag or `*`.
    destination_address_prefix: String,
    /// Several.
    destination_address_prefixes: Vec<String>,
    /// Application security groups as the destination, instead of addresses.
    destination_application_security_groups: Vec<AppSecurityGroupRef>,
});
part!(/// A reference to an application security group.
    AppSecurityGroupRef {
    /// Its ARM id.
    id: String,
});
props!(/// `Microsoft.Network/networkWatchers`.
    NetworkWatcher {
    /// `Succeeded`, ...
    provisioning_state: String,
});

props!(/// `Microsoft.Network/bastionHosts`.
    BastionHost {
    /// `Succeeded`, ...
    provisioning_state: String,
});

// ---- Monitor ----

props!(/// `Microsoft.Insights/logProfiles` (legacy activity log export).
    LogProfile {
    /// Destination storage account.
    storage_account_id: String,
    /// Destination Event Hub namespace rule.
    service_bus_rule_id: String,
    /// Regions exported (`global` too).
    locations: Vec<String>,
    /// `Write`, `Delete`, `Action`.
    categories: Vec<String>,
    /// Retention.
    retention_policy: RetentionPolicy,
});
part!(/// Retention of a log profile.
    RetentionPolicy {
    /// Disabled means kept forever.
    enabled: bool,
    /// Days; 0 means forever.
    days: i64,
});
props!(/// `Microsoft.OperationalInsights/workspaces`.
    Workspace {
    /// Retention in days.
    retention_in_days: i64,
});
props!(/// `Microsoft.Insights/activityLogAlerts`.
    ActivityLogAlert {
    /// Enabled.
    enabled: bool,
    /// Scopes (often without the leading `/`).
    scopes: Vec<String>,
    /// Condition.
    condition: AlertCondition,
    /// What it does when it fires.
    actions: AlertActions,
});
part!(/// The actions of an activity log alert.
    AlertActions {
    /// Action groups notified (each `{actionGroupId, webhookProperties}`).
    action_groups: Vec<Value>,
});
part!(/// The condition of an activity log alert.
    AlertCondition {
    /// All must hold.
    all_of: Vec<AlertLeaf>,
});
part!(/// One condition leaf (or an `anyOf` group of leaves).
    AlertLeaf {
    /// Field name (`operationName`, `category`, ...).
    field: String,
    /// Value.
    equals: String,
    /// Any of these values.
    contains_any: Vec<String>,
    /// Alternatives.
    any_of: Vec<AlertLeaf>,
});

// ---- Compute ----

props!(/// `Microsoft.Compute/virtualMachines` (with `instanceView` when expanded).
    VirtualMachine {
    /// Disks.
    storage_profile: StorageProfile,
    /// Security.
    security_profile: SecurityProfile,
    /// Instance view.
    instance_view: InstanceView,
    /// The guest OS's configuration (absent for a VM made from a specialized disk).
    os_profile: OsProfile,
});
part!(/// A VM's guest OS profile.
    OsProfile {
    /// Windows settings.
    windows_configuration: OsConfiguration,
    /// Linux settings.
    linux_configuration: OsConfiguration,
});
part!(/// A guest OS's settings.
    OsConfiguration {
    /// How patches are assessed and installed.
    patch_settings: PatchSettings,
});
part!(/// Patch settings.
    PatchSettings {
    /// `AutomaticByPlatform` (assessed every 24 hours) or `ImageDefault` (on request only).
    assessment_mode: String,
    /// How patches are installed.
    patch_mode: String,
});
part!(/// A VM's disks.
    StorageProfile {
    /// OS disk.
    os_disk: VmDisk,
    /// Data disks.
    data_disks: Vec<VmDisk>,
});
part!(/// A disk as a VM sees it.
    VmDisk {
    /// Name.
    name: String,
    /// `Windows` or `Linux` (the OS disk).
    os_type: String,
    /// Managed disk reference.
    managed_disk: ManagedDiskRef,
    /// Unmanaged VHD.
    vhd: Value,
});
part!(/// Reference to a managed disk.
    ManagedDiskRef {
    /// Disk id.
    id: String,
    /// The disk encryption set (a customer-managed key), when the VM names one.
    disk_encryption_set: ResourceRef,
});
part!(/// A reference to another resource.
    ResourceRef {
    /// Its id.
    id: String,
});
part!(/// A VM's security profile.
    SecurityProfile {
    /// Host-based encryption (absent means off).
    encryption_at_host: bool,
    /// `TrustedLaunch`, `ConfidentialVM`, or absent (a standard VM).
    security_type: String,
    /// Secure boot and vTPM.
    uefi_settings: UefiSettings,
});
part!(/// A VM's UEFI settings (Trusted Launch and confidential VMs).
    UefiSettings {
    /// Secure boot.
    secure_boot_enabled: bool,
    /// Virtual TPM.
    v_tpm_enabled: bool,
});
part!(/// A VM's instance view.
    InstanceView {
    /// Patch status.
    patch_status: PatchStatus,
    /// Statuses (`PowerState/running`, `PowerState/deallocated`, `ProvisioningState/...`).
    statuses: Vec<InstanceStatus>,
});
part!(/// One status of an instance view.
    InstanceStatus {
    /// `PowerState/running`, ...
    code: String,
});
part!(/// Patch status.
    PatchStatus {
    /// Last assessment.
    available_patch_summary: PatchSummary,
});
part!(/// Result of the last patch assessment.
    PatchSummary {
    /// `Succeeded`, `Failed`, `InProgress`, ...
    status: String,
    /// Critical and security patches missing.
    critical_and_security_patch_count: i64,
    /// When it ran.
    last_modified_time: String,
});
props!(/// `Microsoft.Compute/disks`.
    Disk {
    /// `Attached`, `Unattached`, `Reserved`, ...
    disk_state: String,
    /// Encryption at rest.
    encryption: DiskEncryption,
    /// Azure Disk Encryption.
    encryption_settings_collection: EncryptionSettings,
    /// `AllowAll`, `AllowPrivate` (through a disk access resource) or `DenyAll`.
    network_access_policy: String,
    /// `Enabled` or `Disabled`.
    public_network_access: String,
    /// `AzureActiveDirectory` or `None`: whether exporting or uploading the disk needs Entra
    /// authorization.
    data_access_auth_mode: String,
});
part!(/// Disk encryption at rest.
    DiskEncryption {
    /// `EncryptionAtRestWithPlatformKey`, `...WithCustomerKey`, `...WithPlatformAndCustomerKeys`.
    #[serde(rename = "type")] encryption_type: String,
});
part!(/// Azure Disk Encryption settings.
    EncryptionSettings {
    /// Enabled.
    enabled: bool,
});
props!(/// `Microsoft.Compute/virtualMachines/extensions`.
    VmExtension {
    /// Publisher.
    publisher: String,
    /// Extension type.
    #[serde(rename = "type")] extension_type: String,
    /// `Succeeded`, `Failed`, ...
    provisioning_state: String,
    /// Public settings (IaaSAntimalware: `AntimalwareEnabled`).
    settings: Value,
});

// ---- Defender ----

props!(/// `Microsoft.Security/pricings`: one Defender for Cloud plan of a subscription.
    SecurityPricing {
    /// `Free` or `Standard` (the plan on).
    pricing_tier: String,
    /// `P1`, `P2`, `DefenderForStorageV2`, `PerKeyVault`, ...
    sub_plan: String,
    /// Whether the plan is retired.
    deprecated: bool,
    /// The plans that replace a retired one.
    replaced_by: Vec<String>,
});

props!(/// `Microsoft.Security/secureScores`.
    SecureScore {
    /// Score.
    score: Score,
});
part!(/// A secure score.
    Score {
    /// Current points.
    current: f64,
    /// Maximum points.
    max: f64,
    /// Fraction (0..1).
    percentage: f64,
});
props!(/// `Microsoft.Security/autoProvisioningSettings`.
    AutoProvisioning {
    /// `On` or `Off`.
    auto_provision: String,
});
props!(/// `Microsoft.Authorization/policyAssignments`.
    PolicyAssignment {
    /// Display name.
    display_name: String,
    /// The assigned definition or initiative.
    policy_definition_id: String,
    /// Parameter values.
    parameters: BTreeMap<String, ParameterValue>,
    /// Scopes left out of the assignment.
    not_scopes: Vec<String>,
});
part!(/// A policy parameter value.
    ParameterValue {
    /// The value.
    value: Value,
});
props!(/// `Microsoft.Security/securityContacts`.
    SecurityContact {
    /// `;`-separated addresses.
    emails: String,
    /// Older API: one address.
    email: String,
    /// Phone.
    phone: String,
    /// 2020-01-01-preview: e-mail about alerts.
    alert_notifications: ContactNotifications,
    /// Notifications to holders of subscription roles.
    notifications_by_role: ContactNotifications,
    /// 2023-12-01-preview: the contact is active.
    is_enabled: bool,
    /// 2023-12-01-preview: what notifies (`Alert` with `minimalSeverity`, `AttackPath` with
    /// `minimalRiskLevel`).
    notifications_sources: Vec<Value>,
});
part!(/// A notification switch of a security contact.
    ContactNotifications {
    /// `On` or `Off`.
    state: String,
    /// Alerts from this severity up (`Low`, `Medium`, `High`).
    minimal_severity: String,
    /// Roles notified (`Owner`, `Admin`, `Contributor`, `AccountAdmin`, `ServiceAdmin`).
    roles: Vec<String>,
});

// ---- Key Vault, locks ----

props!(/// `Microsoft.KeyVault/vaults`.
    Vault {
    /// Vault URI.
    vault_uri: String,
    /// Soft delete (on for every vault since 2025; absent on older records means off).
    enable_soft_delete: bool,
    /// Purge protection: deleted vaults and objects cannot be purged before retention ends
    /// (absent means off; once on, it cannot be turned off).
    enable_purge_protection: bool,
    /// Azure RBAC for the data plane instead of access policies (absent means access policies).
    enable_rbac_authorization: bool,
    /// `Enabled` (the default) or `Disabled`.
    public_network_access: String,
    /// Firewall: `defaultAction` `Allow` or `Deny`.
    network_acls: VaultNetworkAcls,
    /// Private endpoint connections.
    private_endpoint_connections: Vec<PrivateEndpointConnection>,
});
part!(/// A vault's firewall.
    VaultNetworkAcls {
    /// `Allow` (every network) or `Deny` (the listed ones only).
    default_action: String,
    /// `AzureServices` or `None`.
    bypass: String,
});
props!(/// `Microsoft.KeyVault/vaults/keys` (control plane: no key material).
    VaultKey {
    /// Attributes.
    attributes: ObjectAttributes,
});
props!(/// `Microsoft.KeyVault/vaults/secrets` (control plane: no values).
    VaultSecret {
    /// Attributes.
    attributes: ObjectAttributes,
});
part!(/// Key or secret attributes.
    ObjectAttributes {
    /// Enabled.
    enabled: bool,
    /// Expiry, Unix seconds.
    exp: i64,
});
props!(/// `Microsoft.Authorization/locks`.
    Lock {
    /// `CanNotDelete` or `ReadOnly`.
    level: String,
});

// ---- App Service ----

props!(/// `Microsoft.Web/sites` and `Microsoft.Web/sites/slots`.
    Site {
    /// HTTPS only.
    https_only: bool,
    /// Whether the app asks clients for a certificate.
    client_cert_enabled: bool,
    /// `Required`, `Optional` or `OptionalInteractiveUser`.
    client_cert_mode: String,
});
props!(/// `Microsoft.Web/sites/config` and `Microsoft.Web/sites/slots/config` (`web` and `authsettingsV2`).
    SiteConfig {
    /// `1.0` .. `1.3`.
    min_tls_version: String,
    /// `PYTHON|3.12`, ...
    linux_fx_version: String,
    /// `DOTNET|8.0`, ...
    windows_fx_version: String,
    /// `v4.0`, `v8.0`.
    net_framework_version: String,
    /// PHP.
    php_version: String,
    /// Python.
    python_version: String,
    /// Java.
    java_version: String,
    /// Node.
    node_version: String,
    /// `AllAllowed`, `FtpsOnly` or `Disabled`.
    ftps_state: String,
    /// HTTP/2.
    http20_enabled: bool,
    /// Remote debugging.
    remote_debugging_enabled: bool,
    /// authsettingsV2: platform.
    platform: AuthPlatform,
    /// authsettings (v1): enabled.
    enabled: bool,
});
/// A site's (or slot's) managed identity, which ARM returns beside `properties`: a view of
/// its own, parsed from the whole record (sites are few; the hot types keep [`Arm`]). The
/// registry names its entry, as it does for every view.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct SiteIdentity {
    /// The identity; absent or `null` when the app has none.
    #[serde(default)]
    pub identity: Option<ManagedIdentity>,
}
part!(/// A managed identity as ARM returns it on the resource it belongs to.
    ManagedIdentity {
    /// `SystemAssigned`, `UserAssigned`, `SystemAssigned, UserAssigned` or `None`.
    #[serde(rename = "type")] identity_type: String,
    /// The system-assigned identity's object id.
    principal_id: String,
    /// The user-assigned identities, by resource id.
    user_assigned_identities: BTreeMap<String, Value>,
});

props!(/// `Microsoft.Web/sites/basicPublishingCredentialsPolicies` (`ftp`, `scm`), a slot's too.
    BasicPublishingPolicy {
    /// Whether the publishing user name and password are accepted.
    allow: bool,
});
part!(/// Easy Auth v2 platform settings.
    AuthPlatform {
    /// Enabled.
    enabled: bool,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_parsed_once_per_snapshot_and_keep_errors() {
        let snap = crate::Snapshot::from_json(
            r#"{"version":1,"resources":[
              {"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a",
               "type":"Microsoft.Storage/storageAccounts","properties":{"supportsHttpsTrafficOnly":true}},
              {"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/b",
               "type":"microsoft.storage/STORAGEACCOUNTS","properties":{"supportsHttpsTrafficOnly":"yes"}}]}"#,
        )
        .unwrap();
        let storage = view::<Arm<StorageAccount>>(&snap, 1);
        let items: Vec<_> = storage.iter(&snap).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].1.unwrap().properties.supports_https_traffic_only,
            Some(true)
        );
        assert!(items[1].1.unwrap_err().contains("invalid type"));
        // No record of the type: an empty view.
        assert!(view::<Arm<Disk>>(&snap, 1).is_empty());
        // Every context over the snapshot hands out the very same view: parsed once.
        let config = crate::Config::default();
        for _ in 0..2 {
            let cx = crate::Context::new(&snap, &config, 0);
            assert!(std::sync::Arc::ptr_eq(
                &cx.view::<Arm<StorageAccount>>(),
                &storage
            ));
        }
    }
}
