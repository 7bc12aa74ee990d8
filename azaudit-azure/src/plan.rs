//! The collection plan: the registry's entries the selected checks read, and the parents they
//! fan out from ([`azaudit_core::resource_types`], where every type's request is declared).
//! The plan names no check: a check that needs a different request for a type reads the
//! registry entry for that request (a site's `config/authsettingsV2`, a VM's instance view).

use azaudit_core::CheckMeta;
use azaudit_core::resource_types::{self, STORAGE_DIAGNOSTIC_SETTINGS};
pub use azaudit_core::resource_types::{Origin, ResourceType, Shape};

/// The coverage type of the storage services' diagnostic settings (records of type
/// `Microsoft.Insights/diagnosticSettings`).
pub const STORAGE_DIAGNOSTICS: &str = STORAGE_DIAGNOSTIC_SETTINGS.name;

/// The pseudo-type of the subscription inventory (`GET /subscriptions/<id>/resources`),
/// which gives regions in use and tags to the checks that look at every resource.
pub use azaudit_core::snapshot::INVENTORY;

/// Every entry the provider can fetch (the registry's, less those no API serves), parents
/// before children.
pub fn fetches() -> impl Iterator<Item = &'static ResourceType> {
    resource_types::ALL
        .iter()
        .copied()
        .filter(|t| t.origin != Origin::Manual)
}

/// The entries the given checks need, in registry order (parents before children).
pub fn plan(checks: &[&CheckMeta]) -> Vec<&'static ResourceType> {
    resource_types::closure(checks.iter().flat_map(|c| c.reads.iter().copied()))
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
    fn every_type_a_check_reads_is_fetched_or_manual() {
        for c in catalog::all() {
            for ty in c.meta().reads {
                assert!(
                    ty.origin == Origin::Manual || fetches().any(|f| std::ptr::eq(f, *ty)),
                    "{} reads {ty}, which no fetch yields",
                    c.meta().id
                );
            }
        }
    }

    #[test]
    fn a_selection_plans_only_what_it_reads_plus_parents() {
        let p = plan(&metas(&["sql.tde_enabled"]));
        let tys: Vec<&str> = p.iter().map(|f| f.name).collect();
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
                .any(|f| f.name == "Microsoft.Insights/diagnosticSettings")
        );
        let p = plan(&metas(&["storage.logging_enabled"]));
        assert!(p.iter().any(
            |f| f.origin == Origin::Each(&resource_types::STORAGE_ACCOUNTS)
                && f.name == STORAGE_DIAGNOSTICS
        ));
        assert!(!p.iter().any(|f| f.origin == Origin::Subscription
            && f.name == "Microsoft.Insights/diagnosticSettings"));
        let p = plan(&metas(&["compute.os_disk_encrypted"]));
        assert!(
            !p.iter().any(|f| f.shape == Shape::Expand),
            "instance views only for patches"
        );
        assert!(plan(&metas(&["iam.mfa_remember_device_disabled"])).is_empty());
        let all = plan(&metas(&["*"]));
        assert_eq!(all.len(), fetches().count());
    }
}
