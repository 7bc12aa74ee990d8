//! `network.watcher_enabled`

use crate::resource_types::{self, ResourceType};
use std::collections::{BTreeMap, BTreeSet};

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::checks::is;
use crate::finding::{Severity, Status};
use crate::ids;
use crate::model::{Arm, NetworkWatcher};

const WATCHERS: &ResourceType = &resource_types::NETWORK_WATCHERS;

/// Network Watcher is on in every region in use.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "network.watcher_enabled",
        title: "Network Watcher is enabled in every region in use",
        service: "network",
        level: 1,
        severity: Severity::Medium,
        reads: &[WATCHERS, &resource_types::INVENTORY],
        rule: "Per subscription and region in use (a region holding any top-level resource other than a network watcher; `global` excluded): pass iff a network watcher in that region has `provisioningState` Succeeded; fail when there is none, or none succeeded; unknown when a watcher there does not report its state.",
        rationale: "Network Watcher provides flow logs, packet capture and connection troubleshooting; without it in a region, network incidents there cannot be investigated.",
        remediation: Remediation {
            portal: "Network Watcher > Overview > select the subscription > enable the region.",
            cli: "az network watcher configure --resource-group NetworkWatcherRG --locations <region> --enabled true",
        },
        cis: &["7.6"],
        references: &["https://learn.microsoft.com/azure/network-watcher/network-watcher-create"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn region(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let watchers = cx.view::<Arm<NetworkWatcher>>();
    for sub in cx.snapshot.subscriptions() {
        if !covered.contains_subscription(&sub.subscription_id) {
            continue;
        }
        let mut in_use = BTreeSet::new();
        // region -> states of the watchers there
        let mut states: BTreeMap<String, Vec<Option<String>>> = BTreeMap::new();
        // Regions are interned by the snapshot: collect the raw spellings in use, then
        // normalise each once.
        let mut raw_in_use: Vec<&str> = Vec::new();
        for r in cx.snapshot.in_scope(&sub.subscription_id) {
            let Some(raw) = r.location() else { continue };
            if r.resource_type()
                .eq_ignore_ascii_case(WATCHERS.record_type())
            {
                let loc = region(raw);
                if loc.is_empty() || loc == "global" {
                    continue;
                }
                let state = watchers
                    .get(r)
                    .and_then(|w| w.ok())
                    .and_then(|w| w.properties.provisioning_state.clone());
                states.entry(loc).or_default().push(state);
            } else if !raw_in_use.iter().any(|x| std::ptr::eq(*x, raw))
                // Top-level types have one '/'; only those can be top-level resources.
                && r.resource_type().bytes().filter(|b| *b == b'/').count() == 1
                && ids::is_top_level(r.id())
            {
                raw_in_use.push(raw);
            }
        }
        for raw in raw_in_use {
            let loc = region(raw);
            if !loc.is_empty() && loc != "global" {
                in_use.insert(loc);
            }
        }
        for loc in in_use {
            let subject = Subject::other(
                format!("/subscriptions/{}/locations/{loc}", sub.subscription_id),
                "Microsoft.Resources/locations",
            );
            let mut subject = subject;
            subject.location = Some(loc.as_str().into());
            let found = states.get(&loc).cloned().unwrap_or_default();
            let ev = crate::evidence!({"region": loc, "watcherStates": found});
            if found.iter().any(|s| is(s, "Succeeded")) {
                out.push(
                    Status::Pass,
                    subject,
                    format!("Network Watcher is enabled in {loc}."),
                    ev,
                );
            } else if found.iter().any(Option::is_none) {
                out.push(
                    Status::Unknown,
                    subject,
                    format!("A network watcher in {loc} does not report its provisioning state."),
                    ev,
                );
            } else if found.is_empty() {
                out.push(
                    Status::Fail,
                    subject,
                    format!("Resources run in {loc} but no Network Watcher is enabled there."),
                    ev,
                );
            } else {
                out.push(
                    Status::Fail,
                    subject,
                    format!("The network watcher in {loc} is not in state Succeeded."),
                    ev,
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let mut vm_we = arm("Microsoft.Compute/virtualMachines", "vm1", json!({}));
    vm_we["location"] = json!("West Europe");
    let mut vm_ne = arm("Microsoft.Compute/virtualMachines", "vm2", json!({}));
    vm_ne["location"] = json!("northeurope");
    let mut vm_us = arm("Microsoft.Compute/virtualMachines", "vm3", json!({}));
    vm_us["location"] = json!("eastus");
    let mut alert = arm("Microsoft.Insights/activityLogAlerts", "a", json!({}));
    alert["location"] = json!("Global");
    let w = |name: &str, loc: &str, p: serde_json::Value| {
        let mut v = arm(WATCHERS, name, p);
        v["location"] = json!(loc);
        v
    };
    let recs = vec![
        vm_we,
        vm_ne,
        vm_us,
        alert,
        w(
            "NetworkWatcher_westeurope",
            "westeurope",
            json!({"provisioningState": "Succeeded"}),
        ),
        w(
            "NetworkWatcher_northeurope",
            "northeurope",
            json!({"provisioningState": "Failed"}),
        ),
        w("NetworkWatcher_eastus", "eastus", json!({})),
        w(
            "NetworkWatcher_japaneast",
            "japaneast",
            json!({"provisioningState": "Succeeded"}),
        ),
    ];
    let loc = |l: &str| format!("/subscriptions/{SUB}/locations/{l}");
    vec![
        Case::new(
            "regions",
            doc(recs.clone(), &[WATCHERS]),
            vec![
                e(loc("westeurope"), Pass),
                e(loc("northeurope"), Fail),
                e(loc("eastus"), Unknown),
            ],
        ),
        Case::new(
            "none",
            doc(recs[..1].to_vec(), &[WATCHERS]),
            vec![e(loc("westeurope"), Fail)],
        ),
        Case::new(
            "watchers forbidden",
            forbid(doc(recs, NOTHING), WATCHERS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
