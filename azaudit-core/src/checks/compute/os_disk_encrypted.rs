//! `compute.os_disk_encrypted`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::VirtualMachine;

use super::{DiskRole, DiskViews, judge_disk};

/// VM OS disks are encrypted beyond the platform default.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.os_disk_encrypted",
        title: "VM OS disks are encrypted with a customer-managed key or Azure Disk Encryption",
        service: "compute",
        level: 1,
        severity: Severity::High,
        reads: super::DISK_READS,
        rule: "Per VM: pass iff the OS disk is encrypted beyond the platform default: Azure Disk Encryption (the disk's `encryptionSettingsCollection.enabled`, or a working AzureDiskEncryption / AzureDiskEncryptionForLinux extension: not `EncryptionOperation` Disable*, not failed, and a `VolumeType` of All or OS) or a customer-managed key (`encryption.type` containing CustomerKey). `securityProfile.encryptionAtHost` with platform-managed keys does not pass: the keys are still Microsoft's (as Azure Policy 702dd420 and Prowler judge; ADE is accepted beyond them, its keys being the customer's, in their Key Vault). `cfg.accept_platform_keys` (false) makes platform-managed keys pass. Unknown when the disk record or its encryption type is missing, unless the VM's `managedDisk.diskEncryptionSet` names an encryption set (a customer-managed key).",
        rationale: "Platform-managed keys protect against stolen drives only; a customer-managed key or Azure Disk Encryption keeps control of the key, and of revoking it, with the organisation.",
        remediation: Remediation {
            portal: "Disk > Settings > Encryption > Key management: customer-managed key with a disk encryption set (or enable encryption at host on the VM).",
            cli: "az disk update --resource-group <rg> --name <disk> --encryption-type EncryptionAtRestWithCustomerKey --disk-encryption-set <des-id>",
        },
        cis: &["8.3"],
        references: &[
            "https://learn.microsoft.com/azure/virtual-machines/disk-encryption-overview",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let views = DiskViews::new(cx);
    cx.each::<VirtualMachine>(&covered, out, |r, vm, out| {
        let enc = views.vm(r, vm).os();
        let os = vm
            .properties
            .storage_profile
            .as_ref()
            .and_then(|s| s.os_disk.as_ref());
        let managed = os
            .and_then(|d| d.managed_disk.as_ref())
            .and_then(|m| m.id.as_deref());
        let (verdict, role) = match (managed, os.and_then(|d| d.vhd.as_ref())) {
            (Some(id), _) => match views.disk(cx, id) {
                Some((_, Ok(d))) => (judge_disk(cx.config, Some(d), enc), DiskRole::Os),
                Some((_, Err(e))) => {
                    out.unknown(r, e.to_string(), serde_json::Value::Null);
                    return;
                }
                // No disk record: the VM's reference may still name its encryption set.
                None => {
                    let from_vm = super::disk_from_vm_ref(os.and_then(|d| d.managed_disk.as_ref()));
                    (judge_disk(cx.config, from_vm.as_ref(), enc), DiskRole::Os)
                }
            },
            // An unmanaged VHD has only the storage account's platform encryption.
            (None, Some(_)) => (
                judge_disk(
                    cx.config,
                    Some(&crate::model::Disk {
                        encryption: Some(crate::model::DiskEncryption {
                            encryption_type: Some("EncryptionAtRestWithPlatformKey".into()),
                        }),
                        ..Default::default()
                    }),
                    enc,
                ),
                DiskRole::UnmanagedOs,
            ),
            (None, None) => {
                out.unknown(
                    r,
                    "The VM does not report its OS disk.",
                    serde_json::Value::Null,
                );
                return;
            }
        };
        let subject = out.subject(r);
        verdict.report(out, subject, role);
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use serde_json::json;

    use super::fixtures::*;
    use super::*;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let d_cmk = disk("d-cmk", enc(CMK), None);
    let d_plat = disk("d-plat", enc(PLATFORM), None);
    let d_plat2 = disk("d-plat2", enc(PLATFORM), None);
    let d_ade = disk(
        "d-ade",
        json!({"encryption": {"type": PLATFORM}, "encryptionSettingsCollection": {"enabled": true}}),
        None,
    );
    let d_blank = disk("d-blank", json!({"diskState": "Attached"}), None);
    let v_cmk = vm("vm-cmk", json!({"storageProfile": storage(&d_cmk, &[])}));
    let v_plat = vm("vm-plat", json!({"storageProfile": storage(&d_plat, &[])}));
    let v_host = vm(
        "vm-host",
        json!({"storageProfile": storage(&d_plat2, &[]), "securityProfile": {"encryptionAtHost": true}}),
    );
    let v_ade = vm("vm-ade", json!({"storageProfile": storage(&d_ade, &[])}));
    let v_ext = vm("vm-ext", json!({"storageProfile": storage(&d_plat2, &[])}));
    // Changed from pass: ADE turned off leaves its extension installed.
    let v_ade_off = vm(
        "vm-ade-off",
        json!({"storageProfile": storage(&d_plat2, &[])}),
    );
    let mut ade_off = ext(
        &v_ade_off,
        "ADE",
        "Microsoft.Azure.Security",
        "AzureDiskEncryption",
    );
    ade_off["properties"]["settings"] =
        json!({"EncryptionOperation": "DisableEncryption", "VolumeType": "All"});
    // An extension for the data volumes only leaves the OS disk on platform keys.
    let v_ade_data = vm(
        "vm-ade-data",
        json!({"storageProfile": storage(&d_plat2, &[])}),
    );
    let mut ade_data = ext(
        &v_ade_data,
        "ADE",
        "Microsoft.Azure.Security",
        "AzureDiskEncryption",
    );
    ade_data["properties"]["settings"] =
        json!({"EncryptionOperation": "EnableEncryption", "VolumeType": "Data"});
    let v_blank = vm(
        "vm-blank",
        json!({"storageProfile": storage(&d_blank, &[])}),
    );
    let v_gone = vm(
        "vm-gone",
        json!({"storageProfile": {"osDisk": {"managedDisk": {"id": rid(DISKS, "nowhere")}}}}),
    );
    // Changed from unknown: the VM's reference names a disk encryption set.
    let v_des = vm(
        "vm-des",
        json!({"storageProfile": {"osDisk": {"managedDisk": {"id": rid(DISKS, "elsewhere"), "storageAccountType": "Premium_LRS",
            "diskEncryptionSet": {"id": rid("Microsoft.Compute/diskEncryptionSets", "des-cmk")}}}}}),
    );
    let ade_ext = ext(
        &v_ext,
        "ADE",
        "Microsoft.Azure.Security",
        "AzureDiskEncryptionForLinux",
    );
    let recs = vec![
        d_cmk,
        d_plat,
        d_plat2,
        d_ade,
        d_blank,
        v_cmk.clone(),
        v_plat.clone(),
        v_host.clone(),
        v_ade.clone(),
        v_ext.clone(),
        v_blank.clone(),
        v_gone.clone(),
        v_des.clone(),
        ade_ext,
        v_ade_off.clone(),
        ade_off,
        v_ade_data.clone(),
        ade_data,
    ];
    let lenient = crate::Config {
        accept_platform_keys: true,
        ..Default::default()
    };
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), DISK_READS),
            vec![
                e(id_of(&v_cmk), Pass),
                e(id_of(&v_plat), Fail),
                // Changed from pass: at host with platform-managed keys.
                e(id_of(&v_host), Fail),
                e(id_of(&v_ade), Pass),
                e(id_of(&v_ext), Pass),
                e(id_of(&v_blank), Unknown),
                e(id_of(&v_gone), Unknown),
                e(id_of(&v_des), Pass),
                e(id_of(&v_ade_off), Fail),
                e(id_of(&v_ade_data), Fail),
            ],
        ),
        Case::new(
            "platform keys accepted",
            doc(recs[..7].to_vec(), DISK_READS),
            vec![e(id_of(&v_cmk), Pass), e(id_of(&v_plat), Pass)],
        )
        .with_config(lenient),
        Case::new(
            "disks forbidden",
            forbid(doc(recs, &[VMS, EXTENSIONS]), DISKS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
