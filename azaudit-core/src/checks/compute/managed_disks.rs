//! `compute.managed_disks`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::{VirtualMachine, VmDisk};

/// Virtual machines use managed disks.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.managed_disks",
        title: "Virtual machines use managed disks",
        service: "compute",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::VMS],
        rule: "Per virtual machine, from `storageProfile`: pass iff the OS disk and every data disk have `managedDisk` and no `vhd` (an unmanaged disk is a page blob in a storage account, named by `vhd.uri`); fail naming each unmanaged disk; unknown when the VM reports no `osDisk`. Severity medium: an unmanaged VHD is as exposed as its storage account's keys and network rules, and gets none of managed disks' encryption and access controls.",
        rationale: "Managed disks are encrypted at rest by default, support customer-managed keys, disk access policies and Entra-authorized export, and cannot be read by anyone holding a storage account key; unmanaged VHDs are blobs that can.",
        remediation: Remediation {
            portal: "Virtual machine > Disks > Migrate to managed disks (the VM is stopped and deallocated during the conversion).",
            cli: "az vm deallocate --resource-group <rg> --name <vm> && az vm convert --resource-group <rg> --name <vm>",
        },
        cis: &["8.2"],
        references: &["https://learn.microsoft.com/azure/virtual-machines/managed-disks-overview"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn unmanaged(d: &VmDisk) -> bool {
    d.vhd.as_ref().is_some_and(|v| !v.is_null()) || d.managed_disk.is_none()
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<VirtualMachine>(&covered, out, |r, vm, out| {
        let Some(profile) = vm.properties.storage_profile.as_ref() else {
            out.unknown(
                r,
                "The VM reports no storageProfile.",
                serde_json::Value::Null,
            );
            return;
        };
        let Some(os) = profile.os_disk.as_ref() else {
            out.unknown(r, "The VM reports no OS disk.", serde_json::Value::Null);
            return;
        };
        let name = |d: &VmDisk| d.name.clone().unwrap_or_else(|| "(unnamed)".into());
        let mut bad: Vec<String> = Vec::new();
        if unmanaged(os) {
            bad.push(format!("OS disk {}", name(os)));
        }
        for d in profile.data_disks.iter().flatten() {
            if unmanaged(d) {
                bad.push(format!("data disk {}", name(d)));
            }
        }
        let ev = crate::evidence!({"unmanagedDisks": bad});
        if bad.is_empty() {
            out.pass(r, "Every disk of the VM is a managed disk.", ev);
        } else {
            out.fail(r, format!("Unmanaged (VHD) disks: {}.", bad.join(", ")), ev);
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::VMS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let managed = arm(
        VMS,
        "vm-managed",
        json!({"storageProfile": {"osDisk": {"name": "os", "createOption": "FromImage", "managedDisk": {"id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/disks/os", "storageAccountType": "Premium_LRS"}}, "dataDisks": []}}),
    );
    // VirtualMachine_Create_WithUnmanagedDisks (2024-07-01 examples): `vhd.uri` and no managedDisk.
    let vhd = arm(
        VMS,
        "vm-vhd",
        json!({"storageProfile": {"osDisk": {"name": "myVMosdisk", "createOption": "FromImage", "caching": "ReadWrite", "vhd": {"uri": "http://{existing-storage-account-name}.blob.core.windows.net/{existing-container-name}/myDisk.vhd"}}, "dataDisks": []}}),
    );
    let data_vhd = arm(
        VMS,
        "vm-data-vhd",
        json!({"storageProfile": {"osDisk": {"name": "os", "managedDisk": {"id": "d"}}, "dataDisks": [{"lun": 0, "name": "old", "createOption": "Attach", "vhd": {"uri": "https://st.blob.core.windows.net/vhds/old.vhd"}}]}}),
    );
    let blank = arm(VMS, "vm-blank", json!({"provisioningState": "Creating"}));
    let recs = vec![
        managed.clone(),
        vhd.clone(),
        data_vhd.clone(),
        blank.clone(),
    ];
    vec![
        Case::new(
            "disks",
            doc(recs.clone(), &[VMS]),
            vec![
                e(id_of(&managed), Pass),
                e(id_of(&vhd), Fail),
                e(id_of(&data_vhd), Fail),
                e(id_of(&blank), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), VMS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
