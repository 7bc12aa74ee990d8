//! `compute.bastion_host_exists`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::BastionHost;
use crate::resource_types::{self, ResourceType};

const BASTIONS: &ResourceType = &resource_types::BASTION_HOSTS;

/// Each subscription with virtual machines has an Azure Bastion host.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.bastion_host_exists",
        title: "An Azure Bastion host exists where virtual machines run",
        service: "compute",
        level: 2,
        severity: Severity::Low,
        reads: &[super::VMS, BASTIONS],
        rule: "Per subscription that runs virtual machines: pass iff it holds at least one `Microsoft.Network/bastionHosts` record (a host peered from another subscription's hub is not seen: record it as a waiver); fail when it holds none; a subscription without VMs has no finding (CIS asks for Bastion to reach VMs; Prowler judges every subscription). Severity low: its absence is a missing safe path, not an exposure; the exposure is the open management ports, which `network.rdp_internet_denied` and `network.ssh_internet_denied` judge.",
        rationale: "Azure Bastion gives RDP and SSH to virtual machines over TLS from the portal, with Entra sign-in, so the VMs need no public IP and no management port open to the internet.",
        remediation: Remediation {
            portal: "Bastions > Create: in the virtual network of the VMs (or a peered hub), subnet AzureBastionSubnet (/26 or larger), Standard SKU.",
            cli: "az network bastion create --resource-group <rg> --name <bastion> --vnet-name <vnet> --public-ip-address <pip> --location <region> --sku Standard",
        },
        cis: &["8.1"],
        references: &["https://learn.microsoft.com/azure/bastion/bastion-overview"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    // Where VMs were collected: a subscription without any needs no Bastion, and one whose
    // Bastion list is missing is unknown only if VMs run there.
    let covered = cx.covered_subscriptions(&[super::VMS], out);
    let hosts = cx.view::<crate::model::Arm<BastionHost>>();
    // One pass over each type, counted by subscription (lower-cased: ids keep Azure's casing).
    let mut vms_in: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in cx.snapshot.of_type(super::VMS.record_type()) {
        if let Some(s) = r.subscription_id() {
            *vms_in.entry(s.to_ascii_lowercase()).or_default() += 1;
        }
    }
    let mut hosts_in: std::collections::HashMap<String, Vec<&str>> =
        std::collections::HashMap::new();
    for (r, _) in hosts.iter(cx.snapshot) {
        if let Some(s) = r.subscription_id() {
            hosts_in
                .entry(s.to_ascii_lowercase())
                .or_default()
                .push(r.name());
        }
    }
    for sub in cx.snapshot.subscriptions() {
        let id = sub.subscription_id.as_str();
        if !covered.contains_subscription(id) {
            continue;
        }
        let key = id.to_ascii_lowercase();
        let vms = vms_in.get(&key).copied().unwrap_or(0);
        if vms == 0 {
            continue;
        }
        let scope = crate::ids::subscription_scope(id);
        if let Some(reason) = cx.first_missing(&scope, &[BASTIONS]) {
            out.push(
                Status::Unknown,
                Subject::subscription(id),
                reason,
                serde_json::Value::Null,
            );
            continue;
        }
        let names: Vec<&str> = hosts_in.get(&key).cloned().unwrap_or_default();
        let ev = crate::evidence!({"virtualMachines": vms, "bastionHosts": names});
        let (status, message) = if names.is_empty() {
            (
                Status::Fail,
                format!(
                    "{vms} virtual machine(s) run here and the subscription has no Azure Bastion host."
                ),
            )
        } else {
            (
                Status::Pass,
                format!("Azure Bastion host(s): {}.", names.join(", ")),
            )
        };
        out.push(status, Subject::subscription(id), message, ev);
    }
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::VMS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let vm = arm(VMS, "vm1", json!({"vmId": "1"}));
    // BastionHostListBySubscription.json (2024-05-01): ipConfigurations, dnsName, sku outside.
    let mut host = arm(
        BASTIONS,
        "bastion-hub",
        json!({"provisioningState": "Succeeded", "dnsName": "bst-9f1c.bastion.azure.com", "ipConfigurations": [{"name": "bastionHostIpConfiguration", "properties": {"privateIPAllocationMethod": "Dynamic"}}]}),
    );
    host["sku"] = json!({"name": "Standard"});
    let mut other_vm = vm.clone();
    other_vm["id"] = json!(format!(
        "/subscriptions/{SUB2}/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm2"
    ));
    let two_subs = |mut d: serde_json::Value| {
        d["subscriptions"]
            .as_array_mut()
            .unwrap()
            .push(json!({"subscriptionId": SUB2, "displayName": "two"}));
        let cov = d["coverage"].as_array_mut().unwrap();
        for t in [VMS, BASTIONS] {
            cov.push(
                json!({"scope": format!("/subscriptions/{SUB2}"), "type": t.name, "status": "ok"}),
            );
        }
        d
    };
    vec![
        Case::new(
            "with and without",
            two_subs(doc(
                vec![vm.clone(), host.clone(), other_vm.clone()],
                &[VMS, BASTIONS],
            )),
            vec![
                e(sub_scope(), Pass),
                e(format!("/subscriptions/{SUB2}"), Fail),
            ],
        ),
        Case::new(
            "no virtual machines",
            doc(vec![host.clone()], &[VMS, BASTIONS]),
            vec![],
        ),
        Case::new(
            "bastion hosts forbidden",
            forbid(doc(vec![vm], &[VMS]), BASTIONS),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "bastion hosts forbidden where no VM runs",
            forbid(doc(vec![], &[VMS]), BASTIONS),
            vec![],
        ),
        Case::new(
            "virtual machines forbidden",
            forbid(doc(vec![host.clone()], &[BASTIONS]), VMS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
