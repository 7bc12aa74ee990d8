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

use crate::roles::PRIVILEGED_DIRECTORY_ROLES;

/// Where a type's records are collected from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Microsoft Graph, once per tenant: the paths follow `<graph>/v1.0`.
    Tenant,
    /// ARM, once per subscription: the paths follow `/subscriptions/<id>`.
    Subscription,
    /// ARM, once per record of the parent type: the paths follow the record's id.
    Each(&'static ResourceType),
    /// Microsoft Graph, once per group that the other fetches name as holding a privileged
    /// role or as a conditional access policy's target (`{group}` in the path), after they
    /// have all finished. A principal that turns out not to be a group answers 404: skipped.
    Groups,
    /// No API: a person fills the records in (the `Azaudit/` settings); never collected and
    /// never a coverage gap, and the checks reading only these are manual.
    Manual,
}

/// What a response is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A paged list (`value` plus `nextLink` / `@odata.nextLink`).
    List,
    /// One object; a 404 means the object is not set (a server parameter Azure omits).
    Object,
    /// One object that replaces the record it was fetched for (a VM with its instance view).
    Expand,
}

/// The scope a type is collected, and judged missing, at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `/tenants/<id>`: Microsoft Graph types.
    Tenant,
    /// `/subscriptions/<id>`: ARM types.
    Subscription,
    /// Not collected: a person fills it in.
    None,
}

/// One resource type (or one way of fetching it) of the registry.
#[derive(Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// The coverage key: the records' type, or `<parent type>/providers/<type>` for extension
    /// resources covered apart from the same type elsewhere
    /// ([`record_type`](ResourceType::record_type) is then the records' own type).
    pub name: &'static str,
    /// Other spellings Azure uses for the records' type (singular forms of older APIs).
    pub aliases: &'static [&'static str],
    /// Where it is collected from.
    pub origin: Origin,
    /// REST paths relative to the origin, one request (or paged list) each. `{role}` expands
    /// to each of [`PRIVILEGED_DIRECTORY_ROLES`], `{group}` to each group of [`Origin::Groups`].
    pub paths: &'static [&'static str],
    /// The ARM api-version (none for Graph).
    pub api_version: Option<&'static str>,
    /// The response shape.
    pub shape: Shape,
}

impl ResourceType {
    /// The records' own type (`name` without a `<parent type>/providers/` prefix).
    pub fn record_type(&self) -> &'static str {
        crate::ids::record_type_of(self.name)
    }
    /// Where it is collected and judged missing.
    pub fn scope(&self) -> Scope {
        match self.origin {
            Origin::Tenant | Origin::Groups => Scope::Tenant,
            Origin::Subscription | Origin::Each(_) => Scope::Subscription,
            Origin::Manual => Scope::None,
        }
    }
    /// The type it is fetched once per record of, if any.
    pub fn parent(&self) -> Option<&'static ResourceType> {
        match self.origin {
            Origin::Each(p) => Some(p),
            _ => None,
        }
    }
    /// The values `{role}` in a path expands to.
    pub fn role_expansions() -> impl Iterator<Item = &'static str> {
        PRIVILEGED_DIRECTORY_ROLES.iter().map(|(id, _)| *id)
    }
}

impl serde::Serialize for ResourceType {
    /// As its name: in JSON, a type is what Azure calls it.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

impl std::fmt::Display for ResourceType {
    /// The name, as reports and messages spell the type.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// A Graph collection or object, once per tenant.
const fn graph(name: &'static str, paths: &'static [&'static str], shape: Shape) -> ResourceType {
    ResourceType {
        name,
        aliases: &[],
        origin: Origin::Tenant,
        paths,
        api_version: None,
        shape,
    }
}

/// An ARM list, once per subscription.
const fn arm(
    name: &'static str,
    paths: &'static [&'static str],
    api: &'static str,
) -> ResourceType {
    ResourceType {
        name,
        aliases: &[],
        origin: Origin::Subscription,
        paths,
        api_version: Some(api),
        shape: Shape::List,
    }
}

/// An ARM request per record of `parent`.
const fn child(
    name: &'static str,
    parent: &'static ResourceType,
    paths: &'static [&'static str],
    api: &'static str,
    shape: Shape,
) -> ResourceType {
    ResourceType {
        name,
        aliases: &[],
        origin: Origin::Each(parent),
        paths,
        api_version: Some(api),
        shape,
    }
}

/// Declares each entry as a `pub static` and lists them all, in order, in [`ALL`].
macro_rules! registry {
    ($($(#[$doc:meta])* $name:ident = $entry:expr;)*) => {
        $($(#[$doc])* pub static $name: ResourceType = $entry;)*
        /// Every entry, parents before children: the collector's order.
        pub static ALL: &[&ResourceType] = &[$(&$name),*];
    };
}

use Shape::{Expand, List, Object};

registry! {
    // ---- Microsoft Graph (tenant) ----
    /// Entra users.
    USERS = graph(
        "Microsoft.Graph/users",
        &["/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,mail&$top=999"],
        List,
    );
    /// Directory role assignments of the privileged roles.
    DIRECTORY_ROLE_ASSIGNMENTS = graph(
        "Microsoft.Graph/roleAssignments",
        &["/roleManagement/directory/roleAssignments?$filter=roleDefinitionId%20eq%20'{role}'"],
        List,
    );
    /// Each user's registered authentication methods.
    REGISTRATION_DETAILS = graph(
        "Microsoft.Graph/userRegistrationDetails",
        &["/reports/authenticationMethods/userRegistrationDetails"],
        List,
    );
    /// Conditional access policies.
    CONDITIONAL_ACCESS_POLICIES = graph(
        "Microsoft.Graph/conditionalAccessPolicies",
        &["/identity/conditionalAccess/policies"],
        List,
    );
    /// Security defaults.
    SECURITY_DEFAULTS = graph(
        "Microsoft.Graph/identitySecurityDefaultsEnforcementPolicy",
        &["/policies/identitySecurityDefaultsEnforcementPolicy"],
        Object,
    );
    /// PIM: who may activate a directory role. A tenant without Entra ID P2 has none, and
    /// Graph says so with `AadPremiumLicenseRequired`.
    DIRECTORY_ROLE_ELIGIBILITY = graph(
        "Microsoft.Graph/roleEligibilityScheduleInstances",
        &["/roleManagement/directory/roleEligibilityScheduleInstances"],
        List,
    );
    /// The members, direct and nested, of the groups that hold privileged roles or that
    /// conditional access policies target.
    GROUP_MEMBERS = ResourceType {
        origin: Origin::Groups,
        ..graph(
            "Microsoft.Graph/groups/transitiveMembers",
            &["/groups/{group}/transitiveMembers?$select=id,userPrincipalName&$top=999"],
            List,
        )
    };
    /// The tenant's authorization policy (guest invitations, group creation).
    AUTHORIZATION_POLICY = graph(
        "Microsoft.Graph/authorizationPolicy",
        &["/policies/authorizationPolicy"],
        Object,
    );
    /// Directory settings (`Group.Unified`).
    GROUP_SETTINGS = graph("Microsoft.Graph/groupSettings", &["/groupSettings"], List);

    // ---- Azure RBAC, locks, policy ----
    /// Custom role definitions.
    ROLE_DEFINITIONS = arm(
        "Microsoft.Authorization/roleDefinitions",
        &["/providers/Microsoft.Authorization/roleDefinitions?$filter=type%20eq%20'CustomRole'"],
        "2022-04-01",
    );
    /// Role assignments at the subscription and inherited from above (`atScope()`).
    ROLE_ASSIGNMENTS = arm(
        "Microsoft.Authorization/roleAssignments",
        &["/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()"],
        "2022-04-01",
    );
    /// PIM-eligible Azure roles, at the subscription and inherited from above.
    ROLE_ELIGIBILITY = arm(
        "Microsoft.Authorization/roleEligibilityScheduleInstances",
        &["/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?$filter=atScope()"],
        "2020-10-01",
    );
    /// Management locks.
    LOCKS = arm(
        "Microsoft.Authorization/locks",
        &["/providers/Microsoft.Authorization/locks"],
        "2020-05-01",
    );
    /// Policy assignments, inherited ones included.
    POLICY_ASSIGNMENTS = arm(
        "Microsoft.Authorization/policyAssignments",
        &["/providers/Microsoft.Authorization/policyAssignments"],
        "2023-04-01",
    );
    /// The subscription inventory: regions in use and tags, for checks over every resource.
    INVENTORY = arm(crate::snapshot::INVENTORY, &["/resources"], "2021-04-01");

    // ---- Storage ----
    /// Storage accounts.
    STORAGE_ACCOUNTS = arm(
        "Microsoft.Storage/storageAccounts",
        &["/providers/Microsoft.Storage/storageAccounts"],
        "2023-05-01",
    );
    /// Blob containers.
    BLOB_CONTAINERS = child(
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        &STORAGE_ACCOUNTS,
        &["/blobServices/default/containers"],
        "2023-05-01",
        List,
    );
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
    );
    /// Legacy log profiles (retired; listed to say they no longer count).
    LOG_PROFILES = arm(
        "Microsoft.Insights/logProfiles",
        &["/providers/Microsoft.Insights/logProfiles"],
        "2016-03-01",
    );
    /// Activity log alerts.
    ACTIVITY_LOG_ALERTS = arm(
        "Microsoft.Insights/activityLogAlerts",
        &["/providers/Microsoft.Insights/activityLogAlerts"],
        "2020-10-01",
    );
    /// Log Analytics workspaces.
    WORKSPACES = arm(
        "Microsoft.OperationalInsights/workspaces",
        &["/providers/Microsoft.OperationalInsights/workspaces"],
        "2023-09-01",
    );

    // ---- SQL and the open-source database servers ----
    /// Azure SQL logical servers.
    SQL_SERVERS = arm("Microsoft.Sql/servers", &["/providers/Microsoft.Sql/servers"], "2023-08-01");
    /// Server auditing settings.
    SQL_AUDITING = child(
        "Microsoft.Sql/servers/auditingSettings",
        &SQL_SERVERS,
        &["/auditingSettings"],
        "2023-08-01",
        List,
    );
    /// Server security alert policies.
    SQL_ALERT_POLICIES = child(
        "Microsoft.Sql/servers/securityAlertPolicies",
        &SQL_SERVERS,
        &["/securityAlertPolicies"],
        "2023-08-01",
        List,
    );
    /// Server firewall rules.
    SQL_FIREWALL_RULES = child(
        "Microsoft.Sql/servers/firewallRules",
        &SQL_SERVERS,
        &["/firewallRules"],
        "2023-08-01",
        List,
    );
    /// Databases.
    SQL_DATABASES = child(
        "Microsoft.Sql/servers/databases",
        &SQL_SERVERS,
        &["/databases"],
        "2023-08-01",
        List,
    );
    /// Transparent data encryption of each database.
    SQL_TDE = child(
        "Microsoft.Sql/servers/databases/transparentDataEncryption",
        &SQL_DATABASES,
        &["/transparentDataEncryption"],
        "2023-08-01",
        List,
    );
    /// PostgreSQL flexible servers.
    POSTGRES_SERVERS = arm(
        "Microsoft.DBforPostgreSQL/flexibleServers",
        &["/providers/Microsoft.DBforPostgreSQL/flexibleServers"],
        "2024-08-01",
    );
    /// The TLS server parameters of each PostgreSQL flexible server.
    POSTGRES_CONFIGURATIONS = child(
        "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
        &POSTGRES_SERVERS,
        &[
            "/configurations/require_secure_transport",
            "/configurations/ssl_min_protocol_version",
        ],
        "2024-08-01",
        Object,
    );
    /// MySQL flexible servers.
    MYSQL_SERVERS = arm(
        "Microsoft.DBforMySQL/flexibleServers",
        &["/providers/Microsoft.DBforMySQL/flexibleServers"],
        "2023-12-30",
    );
    /// The TLS server parameters of each MySQL flexible server.
    MYSQL_CONFIGURATIONS = child(
        "Microsoft.DBforMySQL/flexibleServers/configurations",
        &MYSQL_SERVERS,
        &["/configurations/require_secure_transport", "/configurations/tls_version"],
        "2023-12-30",
        Object,
    );

    // ---- Network ----
    /// Network security groups with their rules.
    NETWORK_SECURITY_GROUPS = arm(
        "Microsoft.Network/networkSecurityGroups",
        &["/providers/Microsoft.Network/networkSecurityGroups"],
        "2024-05-01",
    );
    /// Network Watchers.
    NETWORK_WATCHERS = arm(
        "Microsoft.Network/networkWatchers",
        &["/providers/Microsoft.Network/networkWatchers"],
        "2024-05-01",
    );

    // ---- Compute ----
    /// Virtual machines.
    VIRTUAL_MACHINES = arm(
        "Microsoft.Compute/virtualMachines",
        &["/providers/Microsoft.Compute/virtualMachines"],
        "2024-07-01",
    );
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
    );
    /// Managed disks.
    DISKS = arm("Microsoft.Compute/disks", &["/providers/Microsoft.Compute/disks"], "2024-03-02");

    // ---- Defender for Cloud ----
    /// Secure scores.
    SECURE_SCORES = arm(
        "Microsoft.Security/secureScores",
        &["/providers/Microsoft.Security/secureScores"],
        "2020-01-01",
    );
    /// Auto-provisioning settings.
    AUTO_PROVISIONING = arm(
        "Microsoft.Security/autoProvisioningSettings",
        &["/providers/Microsoft.Security/autoProvisioningSettings"],
        "2017-08-01-preview",
    );
    /// Security contacts.
    SECURITY_CONTACTS = ResourceType {
        aliases: &["Microsoft.Security/securityContact"],
        ..arm(
            "Microsoft.Security/securityContacts",
            &["/providers/Microsoft.Security/securityContacts"],
            "2020-01-01-preview",
        )
    };

    // ---- Key Vault (control plane only: attributes, never key material or secret values) ----
    /// Key vaults.
    VAULTS = arm(
        "Microsoft.KeyVault/vaults",
        &["/providers/Microsoft.KeyVault/vaults"],
        "2023-07-01",
    );
    /// Keys' attributes.
    VAULT_KEYS = child("Microsoft.KeyVault/vaults/keys", &VAULTS, &["/keys"], "2023-07-01", List);
    /// Secrets' attributes.
    VAULT_SECRETS = child(
        "Microsoft.KeyVault/vaults/secrets",
        &VAULTS,
        &["/secrets"],
        "2023-07-01",
        List,
    );

    // ---- App Service ----
    /// Web apps.
    SITES = arm("Microsoft.Web/sites", &["/providers/Microsoft.Web/sites"], "2023-12-01");
    /// Each site's `web` configuration (TLS, runtimes).
    SITE_WEB_CONFIG = child(
        "Microsoft.Web/sites/config",
        &SITES,
        &["/config/web"],
        "2023-12-01",
        Object,
    );
    /// Each site's authentication settings, in the Reader-safe form: GET without secrets
    /// (`/list` would need Contributor).
    SITE_AUTH_SETTINGS = child(
        "Microsoft.Web/sites/config",
        &SITES,
        &["/config/authsettingsV2"],
        "2023-12-01",
        Object,
    );

    // ---- No API ----
    /// Tenant settings Azure exposes no API for, filled in by a person.
    TENANT_SETTINGS = ResourceType {
        origin: Origin::Manual,
        paths: &[],
        ..graph("Azaudit/tenantSettings", &[], Object)
    };
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

/// The entry for a name (case-insensitive; the first when several fetch it).
pub fn by_name(name: &str) -> Option<&'static ResourceType> {
    ALL.iter().copied().find(|t| {
        t.name.eq_ignore_ascii_case(name) || t.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
