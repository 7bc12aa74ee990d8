//! App Service (web and function app) checks.

pub mod authentication_enabled;
pub mod https_only;
pub mod min_tls_1_2;
pub mod runtime_current;

use crate::check::{Context, Findings};
use crate::model::{Arm, Site, SiteConfig};
use crate::resource_types::{self, ResourceType};
use crate::snapshot::Record;

pub(crate) const SITES: &ResourceType = &resource_types::SITES;
/// The `web` configuration (TLS, runtimes).
pub(crate) const CONFIG: &ResourceType = &resource_types::SITE_WEB_CONFIG;
/// The authentication settings: the same records' type, fetched by another request.
pub(crate) const AUTH_CONFIG: &ResourceType = &resource_types::SITE_AUTH_SETTINGS;

/// For each site in a covered subscription, its `config/<name>` record; a site without one
/// is unknown.
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
        let rec = site
            .children_of_type(CONFIG.record_type())
            .find(|c| crate::ids::last_segment(c.id()).eq_ignore_ascii_case(name));
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
