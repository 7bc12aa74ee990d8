//! App Service (web and function app) checks.

pub mod authentication_enabled;
pub mod basic_auth_publishing_disabled;
pub mod client_certificates_required;
pub mod https_only;
pub mod managed_identity;
pub mod min_tls_1_2;
pub mod runtime_current;
pub mod web_config;

use crate::check::{Context, Covered, Findings};
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

/// Where a site check may judge: sites in the subscriptions where its site types were
/// collected, slots where its slot types were too. A slot listing that failed leaves the
/// sites judged (and one unknown says the slots are not).
pub(crate) struct SitesCovered {
    sites: Covered,
    slots: Covered,
}

impl SitesCovered {
    /// Whether `r`, a site or a slot, may be judged.
    pub(crate) fn contains(&self, r: &Record<'_>) -> bool {
        if is_slot(r) {
            self.slots.contains(r)
        } else {
            self.sites.contains(r)
        }
    }
}

/// Whether a record of the site view is a deployment slot.
fn is_slot(r: &Record<'_>) -> bool {
    !r.resource_type().eq_ignore_ascii_case(SITES.record_type())
}

/// The coverage of a check reading `reads`: its slot types (`Microsoft.Web/sites/slots...`)
/// count for slots only.
pub(crate) fn covered_sites(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    out: &mut Findings,
) -> SitesCovered {
    let (slot, site): (Vec<&ResourceType>, Vec<&ResourceType>) =
        reads.iter().partition(|t| t.name.starts_with(SLOTS.name));
    let sites = cx.covered_subscriptions(&site, out);
    let slots = cx.covered_within(&sites, &slot, out);
    SitesCovered { sites, slots }
}

/// For each site and slot that may be judged, its record; one that cannot be read is unknown.
pub(crate) fn each_site(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    out: &mut Findings,
    mut f: impl FnMut(&Record<'_>, &Arm<Site>, &mut Findings),
) {
    let covered = covered_sites(cx, reads, out);
    let view = cx.view::<Arm<Site>>();
    for (r, v) in view.iter(cx.snapshot) {
        if !covered.contains(&r) {
            continue;
        }
        match v {
            Ok(v) => f(&r, v, out),
            Err(e) => out.unknown(&r, e.to_string(), serde_json::Value::Null),
        }
    }
}

/// For each site and slot that may be judged, its `config/<name>` record; one without it is
/// unknown.
pub(crate) fn each_site_config(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    name: &str,
    out: &mut Findings,
    mut f: impl FnMut(&Record<'_>, &SiteConfig, &mut Findings),
) {
    let configs = cx.view::<Arm<SiteConfig>>();
    each_site(cx, reads, out, |site, _, out| {
        let rec = child_named(site, CONFIG, SLOT_CONFIG, name);
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

/// A site's or slot's child named `name` (`config/web`, `basicPublishingCredentialsPolicies/ftp`):
/// a site's children are of `site_type`, a slot's of `slot_type`. Found among the record's
/// children, not by building and looking up an id: a few children each, against a hash probe
/// per site (four times cheaper over 100k records).
pub(crate) fn child_named<'s>(
    site: &Record<'s>,
    site_type: &ResourceType,
    slot_type: &ResourceType,
    name: &str,
) -> Option<Record<'s>> {
    let ty = if site
        .resource_type()
        .eq_ignore_ascii_case(SITES.record_type())
    {
        site_type
    } else {
        slot_type
    };
    site.children_of_type(ty.record_type())
        .find(|c| crate::ids::last_segment(c.id()).eq_ignore_ascii_case(name))
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
