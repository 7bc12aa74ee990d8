//! The collection plan: which request yields which type, derived from the selected checks.
//!
//! One table lists every fetch the provider knows (the "Reads" column of CHECKS.md, turned
//! into REST calls with the api-versions of the reference). A fetch is planned when a
//! selected check reads its type (or, for fetches only some readers need, when one of
//! those checks is selected), and the fetches it fans out from are planned with it.

use azaudit_core::CheckMeta;

/// Where a fetch starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Microsoft Graph, once per tenant: the path follows `<graph>/v1.0`.
    Tenant,
    /// ARM, once per subscription: the path follows `/subscriptions/<id>`.
    Subscription,
    /// ARM, once per record of the given type: the path follows the record's id.
    Each(&'static str),
    /// Microsoft Graph, once per group that the other fetches name as holding a privileged
    /// role or as a conditional access policy's target (`{group}` in the path), after they
    /// have all finished. A principal that turns out not to be a group answers 404: skipped.
    Groups,
}

/// What the response is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A paged list (`value` plus `nextLink` / `@odata.nextLink`).
    List,
    /// One object; a 404 means the object is not set (a server parameter Azure omits).
    Object,
    /// One object that replaces the record it was fetched for (a VM with its instance view).
    Expand,
}

/// One kind of request of the plan.
#[derive(Debug)]
pub struct Fetch {
    /// The coverage key: the type of the records it yields, or `<parent type>/providers/<type>`
    /// for extension resources covered apart (`azaudit_core::ids::record_type_of`).
    pub ty: &'static str,
    /// What it starts from.
    pub origin: Origin,
    /// Paths, relative to the origin; one request (or paged list) per path. `{role}` expands
    /// to each privileged directory role.
    pub paths: &'static [&'static str],
    /// The ARM api-version (none for Graph).
    pub api_version: Option<&'static str>,
    /// The response shape.
    pub shape: Shape,
    /// When not empty, planned only if one of these checks is selected (not every reader
    /// of the type needs this fetch).
    pub only_for: &'static [&'static str],
}

/// The coverage type of the storage services' diagnostic settings (records of type
/// `Microsoft.Insights/diagnosticSettings`).
pub const STORAGE_DIAGNOSTICS: &str =
    "Microsoft.Storage/storageAccounts/providers/Microsoft.Insights/diagnosticSettings";

/// The pseudo-type of the subscription inventory (`GET /subscriptions/<id>/resources`),
/// which gives regions in use and tags to the checks that look at every resource.
pub use azaudit_core::snapshot::INVENTORY;

const SUB: Origin = Origin::Subscription;
const fn each(ty: &'static str) -> Origin {
    Origin::Each(ty)
}

macro_rules! fetch {
    ($ty:expr, $origin:expr, [$($p:expr),+ $(,)?], $api:expr, $shape:ident $(, only $($c:expr),+)?) => {
        Fetch { ty: $ty, origin: $origin, paths: &[$($p),+], api_version: $api, shape: Shape::$shape,
                only_for: &[$($($c),+)?] }
    };
}

/// Every fetch the provider knows, parents before children.
pub static FETCHES: &[Fetch] = &[
    // Microsoft Graph (tenant)
    fetch!(
        "Microsoft.Graph/users",
        Origin::Tenant,
        ["/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,mail&$top=999"],
        None,
        List
    ),
    fetch!(
        "Microsoft.Graph/roleAssignments",
        Origin::Tenant,
        ["/roleManagement/directory/roleAssignments?$filter=roleDefinitionId%20eq%20'{role}'"],
        None,
        List
    ),
    fetch!(
        "Microsoft.Graph/userRegistrationDetails",
        Origin::Tenant,
        ["/reports/authenticationMethods/userRegistrationDetails"],
        None,
        List
    ),
    fetch!(
        "Microsoft.Graph/conditionalAccessPolicies",
        Origin::Tenant,
        ["/identity/conditionalAccess/policies"],
        None,
        List
    ),
    fetch!(
        "Microsoft.Graph/identitySecurityDefaultsEnforcementPolicy",
        Origin::Tenant,
        ["/policies/identitySecurityDefaultsEnforcementPolicy"],
        None,
        Object
    ),
    // PIM: who may activate a privileged directory role. A tenant without Entra ID P2 has
    // none, and Graph says so with `AadPremiumLicenseRequired`.
    fetch!(
        "Microsoft.Graph/roleEligibilityScheduleInstances",
        Origin::Tenant,
        ["/roleManagement/directory/roleEligibilityScheduleInstances"],
        None,
        List
    ),
    fetch!(
        "Microsoft.Graph/groups/transitiveMembers",
        Origin::Groups,
        ["/groups/{group}/transitiveMembers?$select=id,userPrincipalName&$top=999"],
        None,
        List
    ),
    fetch!(
        "Microsoft.Graph/authorizationPolicy",
        Origin::Tenant,
        ["/policies/authorizationPolicy"],
        None,
        Object
    ),
    fetch!(
        "Microsoft.Graph/groupSettings",
        Origin::Tenant,
        ["/groupSettings"],
        None,
        List
    ),
    // Azure RBAC, locks, policy
    fetch!(
        "Microsoft.Authorization/roleDefinitions",
        SUB,
        ["/providers/Microsoft.Authorization/roleDefinitions?$filter=type%20eq%20'CustomRole'"],
        Some("2022-04-01"),
        List
    ),
    fetch!(
        "Microsoft.Authorization/roleAssignments",
        SUB,
        ["/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()"],
        Some("2022-04-01"),
        List
    ),
    // PIM-eligible Azure roles, at the subscription and inherited from above (`atScope()`).
    fetch!(
        "Microsoft.Authorization/roleEligibilityScheduleInstances",
        SUB,
        ["/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?$filter=atScope()"],
        Some("2020-10-01"),
        List
    ),
    fetch!(
        "Microsoft.Authorization/locks",
        SUB,
        ["/providers/Microsoft.Authorization/locks"],
        Some("2020-05-01"),
        List
    ),
    fetch!(
        "Microsoft.Authorization/policyAssignments",
        SUB,
        ["/providers/Microsoft.Authorization/policyAssignments"],
        Some("2023-04-01"),
        List
    ),
    fetch!(INVENTORY, SUB, ["/resources"], Some("2021-04-01"), List),
    // Storage
    fetch!(
        "Microsoft.Storage/storageAccounts",
        SUB,
        ["/providers/Microsoft.Storage/storageAccounts"],
        Some("2023-05-01"),
        List
    ),
    fetch!(
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        each("Microsoft.Storage/storageAccounts"),
        ["/blobServices/default/containers"],
        Some("2023-05-01"),
        List
    ),
    // Covered apart from the subscription's own settings (`ids::record_type_of`): a storage
    // list that fails leaves the activity log's settings collected.
    fetch!(STORAGE_DIAGNOSTICS, each("Microsoft.Storage/storageAccounts"),
        ["/blobServices/default/providers/Microsoft.Insights/diagnosticSettings",
         "/queueServices/default/providers/Microsoft.Insights/diagnosticSettings",
         "/tableServices/default/providers/Microsoft.Insights/diagnosticSettings"],
        Some("2021-05-01-preview"), List, only "storage.logging_enabled"),
    // Monitor
    fetch!("Microsoft.Insights/diagnosticSettings", SUB,
        ["/providers/Microsoft.Insights/diagnosticSettings"], Some("2021-05-01-preview"), List,
        only "monitor.activity_log_exported", "monitor.activity_log_retention",
             "monitor.activity_log_all_categories", "monitor.activity_log_container_private"),
    fetch!(
        "Microsoft.Insights/logProfiles",
        SUB,
        ["/providers/Microsoft.Insights/logProfiles"],
        Some("2016-03-01"),
        List
    ),
    fetch!(
        "Microsoft.Insights/activityLogAlerts",
        SUB,
        ["/providers/Microsoft.Insights/activityLogAlerts"],
        Some("2020-10-01"),
        List
    ),
    fetch!(
        "Microsoft.OperationalInsights/workspaces",
        SUB,
        ["/providers/Microsoft.OperationalInsights/workspaces"],
        Some("2023-09-01"),
        List
    ),
    // SQL and the open-source database servers
    fetch!(
        "Microsoft.Sql/servers",
        SUB,
        ["/providers/Microsoft.Sql/servers"],
        Some("2023-08-01"),
        List
    ),
    fetch!(
        "Microsoft.Sql/servers/auditingSettings",
        each("Microsoft.Sql/servers"),
        ["/auditingSettings"],
        Some("2023-08-01"),
        List
    ),
    fetch!(
        "Microsoft.Sql/servers/securityAlertPolicies",
        each("Microsoft.Sql/servers"),
        ["/securityAlertPolicies"],
        Some("2023-08-01"),
        List
    ),
    fetch!(
        "Microsoft.Sql/servers/firewallRules",
        each("Microsoft.Sql/servers"),
        ["/firewallRules"],
        Some("2023-08-01"),
        List
    ),
    fetch!(
        "Microsoft.Sql/servers/databases",
        each("Microsoft.Sql/servers"),
        ["/databases"],
        Some("2023-08-01"),
        List
    ),
    fetch!(
        "Microsoft.Sql/servers/databases/transparentDataEncryption",
        each("Microsoft.Sql/servers/databases"),
        ["/transparentDataEncryption"],
        Some("2023-08-01"),
        List
    ),
    fetch!(
        "Microsoft.DBforPostgreSQL/flexibleServers",
        SUB,
        ["/providers/Microsoft.DBforPostgreSQL/flexibleServers"],
        Some("2024-08-01"),
        List
    ),
    fetch!(
        "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
        each("Microsoft.DBforPostgreSQL/flexibleServers"),
        [
            "/configurations/require_secure_transport",
            "/configurations/ssl_min_protocol_version"
        ],
        Some("2024-08-01"),
        Object
    ),
    fetch!(
        "Microsoft.DBforMySQL/flexibleServers",
        SUB,
        ["/providers/Microsoft.DBforMySQL/flexibleServers"],
        Some("2023-12-30"),
        List
    ),
    fetch!(
        "Microsoft.DBforMySQL/flexibleServers/configurations",
        each("Microsoft.DBforMySQL/flexibleServers"),
        [
            "/configurations/require_secure_transport",
            "/configurations/tls_version"
        ],
        Some("2023-12-30"),
        Object
    ),
    // Network
    fetch!(
        "Microsoft.Network/networkSecurityGroups",
        SUB,
        ["/providers/Microsoft.Network/networkSecurityGroups"],
        Some("2024-05-01"),
        List
    ),
    fetch!(
        "Microsoft.Network/networkWatchers",
        SUB,
        ["/providers/Microsoft.Network/networkWatchers"],
        Some("2024-05-01"),
        List
    ),
    // Compute
    fetch!(
        "Microsoft.Compute/virtualMachines",
        SUB,
        ["/providers/Microsoft.Compute/virtualMachines"],
        Some("2024-07-01"),
        List
    ),
    fetch!("Microsoft.Compute/virtualMachines", each("Microsoft.Compute/virtualMachines"),
        ["?$expand=instanceView"], Some("2024-07-01"), Expand, only "compute.os_patches_applied"),
    fetch!(
        "Microsoft.Compute/virtualMachines/extensions",
        each("Microsoft.Compute/virtualMachines"),
        ["/extensions"],
        Some("2024-07-01"),
        List
    ),
    fetch!(
        "Microsoft.Compute/disks",
        SUB,
        ["/providers/Microsoft.Compute/disks"],
        Some("2024-03-02"),
        List
    ),
    // Defender for Cloud
    fetch!(
        "Microsoft.Security/secureScores",
        SUB,
        ["/providers/Microsoft.Security/secureScores"],
        Some("2020-01-01"),
        List
    ),
    fetch!(
        "Microsoft.Security/autoProvisioningSettings",
        SUB,
        ["/providers/Microsoft.Security/autoProvisioningSettings"],
        Some("2017-08-01-preview"),
        List
    ),
    fetch!(
        "Microsoft.Security/securityContacts",
        SUB,
        ["/providers/Microsoft.Security/securityContacts"],
        Some("2020-01-01-preview"),
        List
    ),
    // Key Vault (control plane only: attributes, never key material or secret values)
    fetch!(
        "Microsoft.KeyVault/vaults",
        SUB,
        ["/providers/Microsoft.KeyVault/vaults"],
        Some("2023-07-01"),
        List
    ),
    fetch!(
        "Microsoft.KeyVault/vaults/keys",
        each("Microsoft.KeyVault/vaults"),
        ["/keys"],
        Some("2023-07-01"),
        List
    ),
    fetch!(
        "Microsoft.KeyVault/vaults/secrets",
        each("Microsoft.KeyVault/vaults"),
        ["/secrets"],
        Some("2023-07-01"),
        List
    ),
    // App Service
    fetch!(
        "Microsoft.Web/sites",
        SUB,
        ["/providers/Microsoft.Web/sites"],
        Some("2023-12-01"),
        List
    ),
    fetch!("Microsoft.Web/sites/config", each("Microsoft.Web/sites"), ["/config/web"],
        Some("2023-12-01"), Object, only "appservice.min_tls_1_2", "appservice.runtime_current"),
    // The Reader-safe form: GET without secrets (`/list` would need Contributor).
    fetch!("Microsoft.Web/sites/config", each("Microsoft.Web/sites"), ["/config/authsettingsV2"],
        Some("2023-12-01"), Object, only "appservice.authentication_enabled"),
];

/// The fetches the given checks need, in table order (parents before children).
pub fn plan(checks: &[&CheckMeta]) -> Vec<&'static Fetch> {
    let reads = |ty: &str| {
        checks
            .iter()
            .any(|c| c.reads.iter().any(|r| r.eq_ignore_ascii_case(ty)))
    };
    let mut wanted: Vec<bool> = FETCHES
        .iter()
        .map(|f| {
            if f.only_for.is_empty() {
                reads(f.ty)
            } else {
                checks.iter().any(|c| f.only_for.contains(&c.id))
            }
        })
        .collect();
    // Plan the parents a planned fetch fans out from (children come after parents, so one
    // pass from the end reaches grandparents too).
    for i in (0..FETCHES.len()).rev() {
        if let (true, Origin::Each(parent)) = (wanted[i], FETCHES[i].origin) {
            for (j, f) in FETCHES.iter().enumerate() {
                if f.ty == parent && f.origin != Origin::Each(parent) {
                    wanted[j] = true;
                }
            }
        }
    }
    FETCHES
        .iter()
        .zip(wanted)
        .filter_map(|(f, w)| w.then_some(f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use azaudit_core::catalog;

    fn metas(ids: &[&str]) -> Vec<&'static CheckMeta> {
        catalog::all()
            .iter()
            .map(|c| c.meta())
            .filter(|m| ids.iter().any(|g| azaudit_core::glob::glob_match(g, m.id)))
            .collect()
    }

    #[test]
    fn every_type_a_check_reads_has_a_fetch() {
        for c in catalog::all() {
            for ty in c.meta().reads {
                if *ty == "Azaudit/tenantSettings" {
                    continue; // no API: a person fills it in (CHECKS.md)
                }
                assert!(
                    FETCHES.iter().any(|f| f.ty.eq_ignore_ascii_case(ty)),
                    "{} reads {ty}, which no fetch yields",
                    c.meta().id
                );
            }
        }
    }

    #[test]
    fn a_selection_plans_only_what_it_reads_plus_parents() {
        let p = plan(&metas(&["sql.tde_enabled"]));
        let tys: Vec<&str> = p.iter().map(|f| f.ty).collect();
        assert_eq!(
            tys,
            [
                "Microsoft.Sql/servers",
                "Microsoft.Sql/servers/databases",
                "Microsoft.Sql/servers/databases/transparentDataEncryption"
            ]
        );
        let p = plan(&metas(&["monitor.activity_log_exported"]));
        assert!(p.iter().all(|f| f.origin == Origin::Subscription), "{p:?}");
        assert!(
            p.iter()
                .any(|f| f.ty == "Microsoft.Insights/diagnosticSettings")
        );
        let p = plan(&metas(&["storage.logging_enabled"]));
        assert!(
            p.iter()
                .any(|f| f.origin == each("Microsoft.Storage/storageAccounts")
                    && f.ty == STORAGE_DIAGNOSTICS)
        );
        assert!(
            !p.iter()
                .any(|f| f.origin == SUB && f.ty == "Microsoft.Insights/diagnosticSettings")
        );
        let p = plan(&metas(&["compute.os_disk_encrypted"]));
        assert!(
            !p.iter().any(|f| f.shape == Shape::Expand),
            "instance views only for patches"
        );
        assert!(plan(&metas(&["iam.mfa_remember_device_disabled"])).is_empty());
        let all = plan(&metas(&["*"]));
        assert_eq!(all.len(), FETCHES.len());
    }
}
