//! The registry: every check of the catalog, in documentation order.

use crate::check::{Check, CheckMeta};
use crate::checks::*;
use crate::counterparts::{self, Counterparts};

static ALL: &[&dyn Check] = &[
    &iam::no_custom_owner_roles::CHECK,
    &iam::mfa_privileged_users::CHECK,
    &iam::no_guest_users::CHECK,
    &iam::mfa_all_users::CHECK,
    &iam::manual_settings::MFA_REMEMBER_DEVICE,
    &iam::manual_settings::PASSWORD_RESET_NOTIFY,
    &iam::manual_settings::ADMIN_PORTAL_RESTRICTED,
    &iam::authorization_policy::USERS_CANNOT_CREATE_SECURITY_GROUPS,
    &iam::authorization_policy::USERS_CANNOT_CREATE_TENANTS,
    &iam::authorization_policy::USERS_CANNOT_REGISTER_APPS,
    &iam::authorization_policy::GUEST_ACCESS_RESTRICTED,
    &iam::security_defaults_enabled::CHECK,
    &iam::user_access_administrator_restricted::CHECK,
    &iam::subscription_owners::CHECK,
    &iam::guest_invites_admins_only::CHECK,
    &iam::users_cannot_create_m365_groups::CHECK,
    &iam::manual_settings::SELF_SERVICE_GROUPS,
    &storage::secure_transfer_required::CHECK,
    &storage::blob_anonymous_access_disabled::CHECK,
    &storage::default_network_access_denied::CHECK,
    &storage::access_keys_rotated::CHECK,
    &storage::logging_enabled::CHECK,
    &sql::auditing_enabled::CHECK,
    &sql::threat_detection_enabled::CHECK,
    &sql::alerts_to_admins::CHECK,
    &sql::tde_enabled::CHECK,
    &sql::tls_enforced::CHECK,
    &sql::firewall_no_public_access::CHECK,
    &sql::tde_customer_managed_key::CHECK,
    &sql::entra_admin_configured::CHECK,
    &sql::public_network_access_disabled::CHECK,
    &sql::server_parameters::POSTGRES_LOG_CHECKPOINTS,
    &sql::server_parameters::POSTGRES_CONNECTION_THROTTLING,
    &sql::server_parameters::POSTGRES_LOG_RETENTION,
    &sql::postgres_azure_services_blocked::CHECK,
    &sql::server_parameters::POSTGRES_LOG_CONNECTIONS,
    &sql::server_parameters::POSTGRES_LOG_DISCONNECTIONS,
    &sql::postgres_single_infrastructure_encryption::CHECK,
    &sql::server_parameters::MYSQL_AUDIT_LOG_ENABLED,
    &sql::server_parameters::MYSQL_AUDIT_LOG_CONNECTIONS,
    &cosmosdb::firewall_selected_networks::CHECK,
    &cosmosdb::private_endpoints::CHECK,
    &cosmosdb::local_auth_disabled::CHECK,
    &network::internet_ports::RDP,
    &network::internet_ports::SSH,
    &network::watcher_enabled::CHECK,
    &monitor::activity_log_exported::CHECK,
    &monitor::activity_log_retention::CHECK,
    &monitor::activity_log_all_categories::CHECK,
    &monitor::activity_log_container_private::CHECK,
    &monitor::alerts::POLICY_ASSIGNMENT_WRITE,
    &monitor::alerts::NSG_WRITE,
    &monitor::alerts::NSG_DELETE,
    &monitor::alerts::NSG_RULE_WRITE,
    &monitor::alerts::NSG_RULE_DELETE,
    &monitor::alerts::SQL_FIREWALL_RULE_WRITE,
    &monitor::alerts::SQL_FIREWALL_RULE_DELETE,
    &compute::os_disk_encrypted::CHECK,
    &compute::data_disks_encrypted::CHECK,
    &compute::unattached_disks_encrypted::CHECK,
    &compute::approved_extensions_only::CHECK,
    &compute::os_patches_applied::CHECK,
    &compute::endpoint_protection_installed::CHECK,
    &compute::bastion_host_exists::CHECK,
    &compute::managed_disks::CHECK,
    &compute::disk_access::PUBLIC_NETWORK_ACCESS,
    &compute::disk_access::DATA_ACCESS_AUTH,
    &compute::trusted_launch::CHECK,
    &compute::update_assessment::CHECK,
    &defender::secure_score::CHECK,
    &defender::auto_provisioning_on::CHECK,
    &defender::plans::CSPM,
    &defender::plans::APIS,
    &defender::plans::SERVERS,
    &defender::plans::CONTAINERS,
    &defender::plans::STORAGE,
    &defender::plans::APP_SERVICE,
    &defender::plans::COSMOS_DB,
    &defender::plans::OPEN_SOURCE_DATABASES,
    &defender::plans::SQL,
    &defender::plans::SQL_ON_MACHINES,
    &defender::plans::KEY_VAULT,
    &defender::plans::RESOURCE_MANAGER,
    &defender::plans::DNS,
    &defender::policies::SYSTEM_UPDATES,
    &defender::policies::OS_VULNERABILITIES,
    &defender::policies::ENDPOINT_PROTECTION,
    &defender::policies::DISK_ENCRYPTION,
    &defender::policies::STORAGE_ENCRYPTION,
    &defender::policies::SQL_AUDITING,
    &defender::policies::SQL_ENCRYPTION,
    &defender::security_contact_configured::CHECK,
    &defender::contact_notifications::NOTIFIES_OWNERS,
    &defender::contact_notifications::ALERT_SEVERITY,
    &keyvault::key_expiration_set::CHECK,
    &keyvault::secret_expiration_set::CHECK,
    &keyvault::vault_settings::PURGE_PROTECTION,
    &keyvault::vault_settings::RBAC_AUTHORIZATION,
    &keyvault::vault_settings::PUBLIC_NETWORK_ACCESS,
    &keyvault::vault_settings::PRIVATE_ENDPOINTS,
    &general::critical_resources_locked::CHECK,
    &appservice::authentication_enabled::CHECK,
    &appservice::https_only::CHECK,
    &appservice::min_tls_1_2::CHECK,
    &appservice::runtime_current::CHECK,
    &appservice::web_config::FTPS_ONLY,
    &appservice::managed_identity::CHECK,
    &appservice::basic_auth_publishing_disabled::CHECK,
    &appservice::web_config::HTTP2_ENABLED,
    &appservice::web_config::REMOTE_DEBUGGING_OFF,
    &appservice::client_certificates_required::CHECK,
];

/// Every check of the catalog.
pub fn all() -> &'static [&'static dyn Check] {
    ALL
}

/// The check with this id.
pub fn get(id: &str) -> Option<&'static dyn Check> {
    ALL.iter().copied().find(|c| c.meta().id == id)
}

/// The services, in catalog order: each is a `checks/<service>` module.
pub fn services() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for c in ALL {
        if !out.contains(&c.meta().service) {
            out.push(c.meta().service);
        }
    }
    out
}

/// One check as `--list-checks --format json` prints it: its metadata and counterparts.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    meta: &'a CheckMeta,
    counterparts: Option<&'static Counterparts>,
}

/// The catalog's metadata as JSON (what `--list-checks --format json` prints), each check
/// with its counterparts (Azure Policy definitions and Prowler checks).
pub fn to_json() -> String {
    let listed: Vec<Listed<'_>> = ALL
        .iter()
        .map(|c| Listed {
            meta: c.meta(),
            counterparts: counterparts::of(c.meta().id),
        })
        .collect();
    serde_json::to_string_pretty(&listed).expect("metadata serializes")
}

/// `docs/rule-sources.md`: per check, our rule, what each counterpart decides, and where and
/// why we differ, generated from the metadata and [`counterparts`].
pub fn rule_sources_markdown() -> String {
    let mut s = String::from(
        "<!-- Generated from the checks' metadata and counterparts by `AZAUDIT_BLESS=1 cargo test -p azaudit-core rule_sources`; do not edit. -->\n\
         # Where each rule comes from\n\n\
         Every check compared with its counterparts: the Azure Policy built-in definitions for the \
         same recommendation (Azure/azure-policy, `built-in-policies/`) and Prowler's Azure checks \
         (prowler-cloud/prowler), read property by property. A definition's GUID lines a finding up \
         with Defender for Cloud's regulatory compliance view.\n",
    );
    for c in ALL {
        let m = c.meta();
        s.push_str(&format!("\n## `{}`\n\n**{}**\n\n", m.id, m.title));
        s.push_str(&format!("**Our rule.** {}\n\n", m.rule));
        let Some(x) = counterparts::of(m.id) else {
            s.push_str("No counterparts recorded.\n");
            continue;
        };
        if x.azure_policy.is_empty() {
            s.push_str("**Azure Policy.** No built-in definition.");
        } else {
            let defs: Vec<String> = x
                .azure_policy
                .iter()
                .map(|d| format!("`{}` ({})", d.id, d.name))
                .collect();
            s.push_str(&format!("**Azure Policy.** {}.", defs.join("; ")));
        }
        if !x.azure_policy_decides.is_empty() {
            s.push_str(&format!(" {}", x.azure_policy_decides));
        }
        s.push_str("\n\n");
        if x.prowler.is_empty() {
            s.push_str("**Prowler.** No check.");
        } else {
            let ids: Vec<String> = x.prowler.iter().map(|p| format!("`{p}`")).collect();
            s.push_str(&format!("**Prowler.** {}.", ids.join(", ")));
        }
        if !x.prowler_decides.is_empty() {
            s.push_str(&format!(" {}", x.prowler_decides));
        }
        s.push_str("\n\n");
        s.push_str(&format!(
            "**Compared, property by property** (with the rule as it stood before this release). {}\n\n",
            x.differences
        ));
        s.push_str(&format!("**Decision.** {}\n", x.decision));
    }
    s
}

/// The catalog page (`docs/checks.md`), generated from the metadata.
pub fn markdown() -> String {
    let mut s = String::from(
        "<!-- Generated from the checks' metadata by `azaudit checks --format markdown`; do not edit. -->\n\
         # The azaudit check catalog\n\n\
         Every check, its stable id, and exactly when it passes, fails or is unknown. A check never \
         passes on missing data: when what it reads was not collected, was forbidden, or lacks the \
         property, the finding is `unknown` with the reason. Thresholds named `cfg.*` are \
         configuration (see the README).\n\n",
    );
    s.push_str(&format!(
        "{} checks.\n\n| id | level | severity | CIS 3.0.0 | title |\n|---|---|---|---|---|\n",
        ALL.len()
    ));
    for c in ALL {
        let m = c.meta();
        s.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} | {} |\n",
            m.id,
            m.id.replace('.', ""),
            m.level,
            m.severity,
            m.cis.join(", "),
            m.title
        ));
    }
    let mut service = "";
    for c in ALL {
        let m = c.meta();
        if m.service != service {
            service = m.service;
            s.push_str(&format!("\n## {service}\n"));
        }
        s.push_str(&format!("\n### `{}`\n\n**{}**\n\n", m.id, m.title));
        s.push_str(&format!(
            "Level {} · severity {} · reads {}{}{}\n\n",
            m.level,
            m.severity,
            m.reads
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if m.cis.is_empty() {
                String::new()
            } else {
                format!(
                    " · CIS Microsoft Azure Foundations 3.0.0: {}",
                    m.cis.join(", ")
                )
            },
            if m.manual { " · may be manual" } else { "" },
        ));
        s.push_str(&format!("**What it checks.** {}\n\n", m.rule));
        s.push_str(&format!("**Why it matters.** {}\n\n", m.rationale));
        s.push_str(&format!("**How to fix.** {}", m.remediation.portal));
        if !m.remediation.cli.is_empty() {
            s.push_str(&format!("\n\n```sh\n{}\n```", m.remediation.cli));
        }
        s.push_str("\n\n");
        if let Some(x) = counterparts::of(m.id) {
            let defs: Vec<String> = x
                .azure_policy
                .iter()
                .map(|d| format!("`{}`", d.id))
                .collect();
            let prowler: Vec<String> = x.prowler.iter().map(|p| format!("`{p}`")).collect();
            let or_none = |v: Vec<String>| match v.is_empty() {
                true => "none".to_string(),
                false => v.join(", "),
            };
            s.push_str(&format!(
                "**Counterparts.** Azure Policy: {} · Prowler: {} · [how they compare](rule-sources.md#{})\n\n",
                or_none(defs),
                or_none(prowler),
                m.id.replace('.', "")
            ));
        }
        if !m.references.is_empty() {
            s.push_str(&format!(
                "**References.** {}\n",
                m.references
                    .iter()
                    .map(|r| format!("<{r}>"))
                    .collect::<Vec<_>>()
                    .join(" · ")
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::checks::testing::run_case;
    use crate::finding::Status;

    /// The ids published in `docs/checks.md`: part of the public API, never renamed.
    const DOCUMENTED: &[&str] = &[
        "appservice.authentication_enabled",
        "appservice.basic_auth_publishing_disabled",
        "appservice.client_certificates_required",
        "appservice.ftps_only",
        "appservice.http2_enabled",
        "appservice.https_only",
        "appservice.managed_identity",
        "appservice.min_tls_1_2",
        "appservice.remote_debugging_off",
        "appservice.runtime_current",
        "compute.approved_extensions_only",
        "compute.bastion_host_exists",
        "compute.data_disks_encrypted",
        "compute.disk_data_access_entra_auth",
        "compute.disk_public_network_access_disabled",
        "compute.endpoint_protection_installed",
        "compute.managed_disks",
        "compute.os_disk_encrypted",
        "compute.os_patches_applied",
        "compute.periodic_update_assessment",
        "compute.trusted_launch",
        "compute.unattached_disks_encrypted",
        "cosmosdb.firewall_selected_networks",
        "cosmosdb.local_auth_disabled",
        "cosmosdb.private_endpoints",
        "defender.auto_provisioning_on",
        "defender.contact_alert_severity",
        "defender.contact_notifies_owners",
        "defender.plan_apis",
        "defender.plan_app_service",
        "defender.plan_containers",
        "defender.plan_cosmos_db",
        "defender.plan_cspm",
        "defender.plan_dns",
        "defender.plan_key_vault",
        "defender.plan_open_source_databases",
        "defender.plan_resource_manager",
        "defender.plan_servers",
        "defender.plan_sql",
        "defender.plan_sql_on_machines",
        "defender.plan_storage",
        "defender.policy_disk_encryption",
        "defender.policy_endpoint_protection",
        "defender.policy_os_vulnerabilities",
        "defender.policy_sql_auditing",
        "defender.policy_sql_encryption",
        "defender.policy_storage_encryption",
        "defender.policy_system_updates",
        "defender.secure_score",
        "defender.security_contact_configured",
        "general.critical_resources_locked",
        "iam.admin_portal_restricted",
        "iam.guest_access_restricted",
        "iam.guest_invites_admins_only",
        "iam.mfa_all_users",
        "iam.mfa_privileged_users",
        "iam.mfa_remember_device_disabled",
        "iam.no_custom_owner_roles",
        "iam.no_guest_users",
        "iam.password_reset_notify_users",
        "iam.security_defaults_enabled",
        "iam.self_service_group_management_disabled",
        "iam.subscription_owners",
        "iam.user_access_administrator_restricted",
        "iam.users_cannot_create_m365_groups",
        "iam.users_cannot_create_security_groups",
        "iam.users_cannot_create_tenants",
        "iam.users_cannot_register_apps",
        "keyvault.key_expiration_set",
        "keyvault.private_endpoints",
        "keyvault.public_network_access_disabled",
        "keyvault.purge_protection_enabled",
        "keyvault.rbac_authorization",
        "keyvault.secret_expiration_set",
        "monitor.activity_log_all_categories",
        "monitor.activity_log_container_private",
        "monitor.activity_log_exported",
        "monitor.activity_log_retention",
        "monitor.alert_nsg_delete",
        "monitor.alert_nsg_rule_delete",
        "monitor.alert_nsg_rule_write",
        "monitor.alert_nsg_write",
        "monitor.alert_policy_assignment_write",
        "monitor.alert_sql_firewall_rule_delete",
        "monitor.alert_sql_firewall_rule_write",
        "network.rdp_internet_denied",
        "network.ssh_internet_denied",
        "network.watcher_enabled",
        "sql.alerts_to_admins",
        "sql.auditing_enabled",
        "sql.entra_admin_configured",
        "sql.firewall_no_public_access",
        "sql.mysql_audit_log_connections",
        "sql.mysql_audit_log_enabled",
        "sql.postgres_azure_services_blocked",
        "sql.postgres_connection_throttling",
        "sql.postgres_log_checkpoints",
        "sql.postgres_log_connections",
        "sql.postgres_log_disconnections",
        "sql.postgres_log_retention",
        "sql.postgres_single_infrastructure_encryption",
        "sql.public_network_access_disabled",
        "sql.tde_customer_managed_key",
        "sql.tde_enabled",
        "sql.threat_detection_enabled",
        "sql.tls_enforced",
        "storage.access_keys_rotated",
        "storage.blob_anonymous_access_disabled",
        "storage.default_network_access_denied",
        "storage.logging_enabled",
        "storage.secure_transfer_required",
    ];

    #[test]
    fn catalog_is_exactly_the_documented_ids() {
        let mut ours: Vec<&str> = all().iter().map(|c| c.meta().id).collect();
        ours.sort_unstable();
        assert_eq!(ours, DOCUMENTED);
    }

    /// CI's drift check: a generated page in `docs/` is what the metadata generates
    /// (`AZAUDIT_BLESS=1` rewrites it).
    fn page_is_up_to_date(page: &str, want: String, test: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../docs")
            .join(page);
        if std::env::var_os("AZAUDIT_BLESS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/{page} is stale: run AZAUDIT_BLESS=1 cargo test -p azaudit-core {test}"
        );
    }

    #[test]
    fn catalog_page_is_up_to_date() {
        page_is_up_to_date("checks.md", markdown(), "catalog_page");
    }

    /// `docs/rule-sources.md`: the metadata and counterparts.
    #[test]
    fn rule_sources_page_is_up_to_date() {
        page_is_up_to_date("rule-sources.md", rule_sources_markdown(), "rule_sources");
    }

    #[test]
    fn every_check_has_its_counterparts_recorded() {
        for c in all() {
            let id = c.meta().id;
            let x = counterparts::of(id).unwrap_or_else(|| panic!("{id}: no counterparts"));
            assert!(
                x.differences.len() >= 20 && x.decision.len() >= 20,
                "{id}: differences and decision"
            );
            for d in x.azure_policy {
                // GUID-shaped (Azure's own ids include a few non-hex letters, e.g. 17k78e20-...).
                let parts: Vec<usize> = d.id.split('-').map(str::len).collect();
                assert_eq!(parts, [8, 4, 4, 4, 12], "{id}: policy definition {}", d.id);
            }
        }
        for x in counterparts::ALL {
            assert!(
                get(x.check).is_some(),
                "counterparts for unknown check {}",
                x.check
            );
        }
    }

    #[test]
    fn every_check_has_metadata() {
        let mut ids = HashSet::new();
        for c in all() {
            let m = c.meta();
            assert!(ids.insert(m.id), "duplicate id {}", m.id);
            let (svc, name) = m.id.split_once('.').expect("id is service.name");
            assert_eq!(svc, m.service, "{}: id prefix is the service", m.id);
            let module = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/checks")
                .join(m.service);
            assert!(module.is_dir(), "{}: no module checks/{}", m.id, m.service);
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}",
                m.id
            );
            assert!(m.level == 1 || m.level == 2, "{}: level", m.id);
            for (what, text) in [
                ("title", m.title),
                ("rule", m.rule),
                ("rationale", m.rationale),
                ("portal remediation", m.remediation.portal),
            ] {
                assert!(text.trim().len() >= 10, "{}: {what} missing", m.id);
            }
            // Only a manual check may read nothing (a retired policy says what to look at).
            assert!(!m.reads.is_empty() || m.manual, "{}: reads nothing", m.id);
            assert!(!m.references.is_empty(), "{}: no references", m.id);
        }
    }

    #[test]
    fn every_check_has_pass_fail_and_unknown_cases() {
        for c in all() {
            let m = c.meta();
            let cases = c.cases();
            let statuses: HashSet<Status> = cases
                .iter()
                .flat_map(|k| k.expect.iter().map(|(_, s)| *s))
                .collect();
            let mut required = vec![Status::Pass, Status::Fail, Status::Unknown];
            if m.manual {
                required.push(Status::Manual);
            }
            if m.manual && m.reads.is_empty() {
                // Nothing to read: it can only say where to look.
                required = vec![Status::Manual];
            }
            for s in required {
                assert!(statuses.contains(&s), "{}: no fixture yields {s}", m.id);
            }
            for case in &cases {
                run_case(*c, case);
            }
        }
    }
}
