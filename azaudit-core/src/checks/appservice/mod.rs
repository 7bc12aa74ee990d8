//! App Service (web and function app) checks.

pub mod authentication_enabled;
pub mod basic_auth_publishing_disabled;
pub mod client_certificates_required;
pub mod https_only;
pub mod managed_identity;
pub mod min_tls_1_2;
pub mod runtime_current;
pub mod web_config;

use crate::check::{Context, Findings};
use crate::model::{Arm, Site, SiteConfig};
use crate::resource_types::{self, ResourceType};
use crate::snapshot::Record;

pub(crate) const SITES: &ResourceType = &resource_types::SITES;
/// The `web` configuration (TLS, runtimes).
pub(crate) const CONFIG: &ResourceType = &resource_types::SITE_WEB_CONFIG;
/// The authentication settings: the same records' type, fetched by another request.
pub(crate) const AUTH_CONFIG: &ResourceType = &resource_types::SITE_AUTH_SETTINGS;
/// Deployment slots: sites of their own, judged wherever a site check applies.
pub(crate) const SLOTS: &ResourceType = &resource_types::SITE_SLOTS;
/// Each slot's `web` configuration.
pub(crate) const SLOT_CONFIG: &ResourceType = &resource_types::SLOT_WEB_CONFIG;
/// Each slot's authentication settings.
pub(crate) const SLOT_AUTH_CONFIG: &ResourceType = &resource_types::SLOT_AUTH_SETTINGS;

/// Each site's and slot's basic-authentication publishing policies.
pub(crate) const BASIC_AUTH: &ResourceType = &resource_types::SITE_BASIC_AUTH;
/// The slots' own.
pub(crate) const SLOT_BASIC_AUTH: &ResourceType = &resource_types::SLOT_BASIC_AUTH;

/// What a check of the site records reads: sites and their slots.
pub(crate) const SITE_READS: &[&ResourceType] = &[SITES, SLOTS];
/// What a check of the `web` configuration reads, for sites and slots.
pub(crate) const WEB_CONFIG_READS: &[&ResourceType] = &[SITES, SLOTS, CONFIG, SLOT_CONFIG];
/// What a check of the authentication settings reads, for sites and slots.
pub(crate) const AUTH_READS: &[&ResourceType] = &[SITES, SLOTS, AUTH_CONFIG, SLOT_AUTH_CONFIG];

/// For each site and slot in a covered subscription, its `config/<name>` record; one without
/// it is unknown.
pub(crate) fn each_site_config(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    name: &str,
    out: &mut Findings,
    mut f: impl FnMut(&Record<'_>, &SiteConfig, &mut Findings),
) {
    let covered = cx.covered_subscriptions(reads, out);
    let configs = cx.view::<Arm<SiteConfig>>();
    cx.each::<Site>(&covered, out, |site, _, out| {
        // A site's is `<site>/config/web`, a slot's `<site>/slots/<slot>/config/web`.
        let rec = cx.snapshot.get(&format!("{}/config/{name}", site.id()));
        match rec.and_then(|c| configs.get(c)) {
            Some(Ok(c)) => f(site, &c.properties, out),
            Some(Err(e)) => out.unknown(site, e.to_string(), serde_json::Value::Null),
            None => out.unknown(
                site,
                format!("No config/{name} record was returned for this site."),
                serde_json::Value::Null,
            ),
        }
    });
}

#[cfg(test)]
pub(crate) fn site_with(
    name: &str,
    config: &str,
    props: serde_json::Value,
) -> Vec<serde_json::Value> {
    use crate::checks::testing::*;
    let s = arm(SITES, name, serde_json::json!({"httpsOnly": true}));
    let c = child(&s, "config", config, props);
    vec![s, c]
}

/// A deployment slot of `site` (SlotsList example, 2023-12-01: named `<site>/<slot>`).
#[cfg(test)]
pub(crate) fn slot_of(
    site: &serde_json::Value,
    slot: &str,
    props: serde_json::Value,
) -> serde_json::Value {
    let mut s = crate::checks::testing::child(site, "slots", slot, props);
    s["name"] = serde_json::json!(format!("{}/{slot}", site["name"].as_str().expect("name")));
    s["location"] = serde_json::json!("westeurope");
    s["kind"] = serde_json::json!("app");
    s
}
