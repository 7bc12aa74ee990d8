//! `compute.data_disks_encrypted`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::Severity;
use crate::model::VirtualMachine;

use super::{DISKS, DiskRole, DiskViews, judge_disk};

/// Attached data disks are encrypted beyond the platform default.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.data_disks_encrypted",
        title: "VM data disks are encrypted with a customer-managed key or Azure Disk Encryption",
        service: "compute",
        level: 1,
        severity: Severity::High,
        reads: super::DISK_READS,
        rule: "Per data disk attached to a VM: the rule of compute.os_disk_encrypted (customer-managed key, or Azure Disk Encryption on the disk or through a working extension of the VM whose `VolumeType` is All or Data; encryption at host with platform-managed keys does not pass; platform keys only with `cfg.accept_platform_keys`). The finding is about the disk. Unknown when the disk record or its encryption type is missing.",
        rationale: "Data disks hold the application's data; platform-managed keys leave the organisation no control over, or audit of, the key that decrypts them.",
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
        let enc = views.vm(r, vm).data();
        let data = vm
            .properties
            .storage_profile
            .as_ref()
            .and_then(|s| s.data_disks.as_deref())
            .unwrap_or_default();
        for d in data {
            let Some(id) = d.managed_disk.as_ref().and_then(|m| m.id.as_deref()) else {
                // Unmanaged data disk: no disk resource to report on; say so on the VM.
                out.unknown(r, format!("Data disk {} is an unmanaged VHD; its encryption is not visible as a disk resource.", d.name.as_deref().unwrap_or("?")), serde_json::Value::Null);
                continue;
            };
            let (subject, verdict) = match views.disk(cx, id) {
                Some((rec, Ok(disk))) => (out.subject(&rec), judge_disk(cx.config, Some(disk), enc)),
                Some((rec, Err(e))) => {
                    out.unknown(&rec, e.to_string(), serde_json::Value::Null);
                    continue;
                }
                None => {
                    let from_vm = super::disk_from_vm_ref(d.managed_disk.as_ref());
                    (Subject::other(id, DISKS.name), judge_disk(cx.config, from_vm.as_ref(), enc))
                }
            };
            verdict.report(out, subject, DiskRole::Data(r.name()));
        }
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
    let os = disk("os", enc(PLATFORM), None);
    let d_cmk = disk("data-cmk", enc(CMK), None);
    let d_plat = disk("data-plat", enc(PLATFORM), None);
    let d_host = disk("data-host", enc(PLATFORM), None);
    let d_blank = disk("data-blank", json!({}), None);
    let v1 = vm(
        "vm1",
        json!({"storageProfile": storage(&os, &[&d_cmk, &d_plat, &d_blank])}),
    );
    let v2 = vm(
        "vm2",
        json!({"storageProfile": storage(&os, &[&d_host]), "securityProfile": {"encryptionAtHost": true}}),
    );
    let recs = vec![
        os,
        d_cmk.clone(),
        d_plat.clone(),
        d_host.clone(),
        d_blank.clone(),
        v1,
        v2,
    ];
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), DISK_READS),
            vec![
                e(id_of(&d_cmk), Pass),
                e(id_of(&d_plat), Fail),
                e(id_of(&d_blank), Unknown),
                // Changed from pass: at host with platform-managed keys.
                e(id_of(&d_host), Fail),
            ],
        ),
        Case::new(
            "extensions not collected",
            doc(recs, &[VMS, DISKS]),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
