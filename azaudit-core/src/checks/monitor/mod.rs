//! Activity log export and activity log alert checks.

pub mod activity_log_all_categories;
pub mod activity_log_container_private;
pub mod activity_log_exported;
pub mod activity_log_retention;
pub mod alerts;

use crate::check::Context;
use crate::ids;
use crate::model::{Arm, DiagnosticSetting, LogProfile};
use crate::resource_types::{self, ResourceType};
use crate::snapshot::Record;

pub(crate) const LOG_PROFILES: &ResourceType = &resource_types::LOG_PROFILES;
pub(crate) const DIAG: &ResourceType = &resource_types::DIAGNOSTIC_SETTINGS;
/// What the export checks read: subscription diagnostic settings only. Log profiles were
/// retired on 30 September 2026 (Azure no longer exports through them), so they no longer
/// count as an export, and a log profile API that fails costs these checks nothing.
pub(crate) const EXPORT_READS: &[&ResourceType] = &[DIAG];
/// Why a log profile is not an export.
pub(crate) const PROFILE_RETIRED: &str =
    "log profiles were retired on 30 September 2026 and no longer export the activity log";

/// One way a subscription's activity log leaves Azure Monitor's 90-day store.
pub(crate) enum Export<'s> {
    /// A legacy log profile.
    Profile(Record<'s>, LogProfile),
    /// A subscription diagnostic setting.
    Setting(Record<'s>, DiagnosticSetting),
}

impl Export<'_> {
    /// A diagnostic setting: what exports the activity log today.
    pub(crate) fn is_current(&self) -> bool {
        matches!(self, Export::Setting(..))
    }
    pub(crate) fn name(&self) -> String {
        match self {
            Export::Profile(r, _) => format!("log profile '{}'", r.name()),
            Export::Setting(r, _) => format!("diagnostic setting '{}'", r.name()),
        }
    }
    pub(crate) fn storage_account(&self) -> Option<&str> {
        match self {
            Export::Profile(_, p) => p.storage_account_id.as_deref(),
            Export::Setting(_, d) => d.storage_account_id.as_deref(),
        }
        .filter(|s| !s.is_empty())
    }
}

/// Whether a diagnostic setting sends anywhere: a destination id that is there and not
/// empty (Azure writes `"workspaceId": ""` for none, as its example responses show).
pub(crate) fn has_destination(d: &DiagnosticSetting) -> bool {
    [
        &d.storage_account_id,
        &d.workspace_id,
        &d.event_hub_authorization_rule_id,
        // A partner solution is a destination too (CIS lists it).
        &d.marketplace_partner_id,
    ]
    .iter()
    .any(|x| x.as_deref().is_some_and(|s| !s.is_empty()))
}

/// The subscription's exports: log profiles with a destination, and subscription diagnostic
/// settings with a destination and at least one enabled log category. Unreadable records are
/// returned as errors.
pub(crate) fn exports<'s>(
    cx: &Context<'s>,
    subscription_id: &str,
) -> (Vec<Export<'s>>, Vec<String>) {
    let scope = ids::subscription_scope(subscription_id);
    let profiles = cx.view::<Arm<LogProfile>>();
    let diags = cx.view::<Arm<DiagnosticSetting>>();
    let mut found = Vec::new();
    let mut errors = Vec::new();
    // Log profiles and subscription diagnostic settings are children of the subscription.
    for r in cx.snapshot.children(&scope) {
        if r.resource_type()
            .eq_ignore_ascii_case(LOG_PROFILES.record_type())
        {
            match profiles.get(r) {
                Some(Ok(p)) => {
                    let p = p.properties.clone();
                    let dest = [&p.storage_account_id, &p.service_bus_rule_id]
                        .iter()
                        .any(|x| x.as_deref().is_some_and(|s| !s.is_empty()));
                    if dest {
                        found.push(Export::Profile(r, p));
                    }
                }
                Some(Err(e)) => errors.push(e.to_string()),
                None => {}
            }
        } else if r.resource_type().eq_ignore_ascii_case(DIAG.record_type())
            && ids::parent_of(r.id()).is_some_and(|p| ids::same_id(p, &scope))
        {
            match diags.get(r) {
                Some(Ok(d)) => {
                    let d = d.properties.clone();
                    let any_log = d.logs.iter().flatten().any(|l| l.enabled == Some(true));
                    if has_destination(&d) && any_log {
                        found.push(Export::Setting(r, d));
                    }
                }
                Some(Err(e)) => errors.push(e.to_string()),
                None => {}
            }
        }
    }
    (found, errors)
}

#[cfg(test)]
pub(crate) mod fixtures {
    use serde_json::{Value, json};

    use crate::checks::testing::*;

    pub fn profile(props: Value) -> Value {
        json!({"id": format!("/subscriptions/{SUB}/providers/microsoft.insights/logprofiles/default"), "type": "Microsoft.Insights/logProfiles", "name": "default", "properties": props})
    }
    /// A subscription diagnostic setting; the id has no leading `/`, as Azure returns it.
    pub fn setting(name: &str, props: Value) -> Value {
        json!({"id": format!("subscriptions/{SUB}/providers/microsoft.insights/diagnosticSettings/{name}"), "type": "Microsoft.Insights/diagnosticSettings", "name": name, "properties": props})
    }
    pub fn workspace_id(name: &str) -> String {
        rid("Microsoft.OperationalInsights/workspaces", name)
    }
    pub fn storage_id(name: &str) -> String {
        rid("Microsoft.Storage/storageAccounts", name)
    }
    pub fn logs(cats: &[&str]) -> Value {
        Value::Array(
            cats.iter()
                .map(|c| json!({"category": c, "enabled": true}))
                .collect(),
        )
    }
}
