//! `compute.unattached_disks_encrypted`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::Disk;

use super::{DiskRole, VmEncryption, judge_disk};

/// Unattached disks are encrypted beyond the platform default.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.unattached_disks_encrypted",
        title: "Unattached disks are encrypted with a customer-managed key or Azure Disk Encryption",
        service: "compute",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::DISKS],
        rule: "Per disk no VM holds: a `diskState` other than Attached and Reserved, and `managedBy` empty, null or absent (so also a detached disk that is `ActiveSAS`, `ReadyToUpload`, `ActiveUpload` or `Frozen`, as Prowler and Azure Policy 702dd420 scope it; before, only `Unattached` was judged): pass iff encrypted with a customer-managed key or Azure Disk Encryption (`encryptionSettingsCollection.enabled`); platform keys pass only with `cfg.accept_platform_keys`. Unknown when the encryption type is absent.",
        rationale: "Detached disks are forgotten copies of production data, often snapshots of a compromised or decommissioned machine; they deserve the same key control as live ones.",
        remediation: Remediation {
            portal: "Disk > Settings > Encryption > customer-managed key; or delete the disk if it is no longer needed.",
            cli: "az disk update --resource-group <rg> --name <disk> --encryption-type EncryptionAtRestWithCustomerKey --disk-encryption-set <des-id>",
        },
        cis: &["8.4"],
        references: &["https://learn.microsoft.com/azure/virtual-machines/disk-encryption"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

/// A disk no VM holds: not Attached or Reserved, and no holder in the top-level `managedBy`
/// (a record without the field, written by hand, goes by its state alone).
fn detached(r: &crate::Record<'_>, d: &Disk) -> bool {
    let held_state = d
        .disk_state
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("Attached") || s.eq_ignore_ascii_case("Reserved"));
    // Attached and Reserved disks are held by a VM: only the others need `managedBy` read.
    if held_state {
        return false;
    }
    match crate::checks::raw_string_field(r, "managedBy") {
        Some(holder) => holder.is_none_or(|m| m.trim().is_empty()),
        None => d.disk_state.is_some(),
    }
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<Disk>(&covered, out, |r, d, out| {
        if !detached(r, &d.properties) {
            return;
        }
        let v = judge_disk(cx.config, Some(&d.properties), VmEncryption::default());
        let subject = out.subject(r);
        v.report(out, subject, DiskRole::Unattached);
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
    let cmk = disk(
        "loose-cmk",
        json!({"diskState": "Unattached", "encryption": {"type": CMK}}),
        None,
    );
    let plat = disk(
        "loose-plat",
        json!({"diskState": "Unattached", "encryption": {"type": PLATFORM}}),
        None,
    );
    let blank = disk("loose-blank", json!({"diskState": "Unattached"}), None);
    let attached = disk("attached", enc(PLATFORM), None);
    // New: detached but exported (a silent pass before).
    let mut exported = disk(
        "exported",
        json!({"diskState": "ActiveSAS", "encryption": {"type": PLATFORM}}),
        None,
    );
    exported["managedBy"] = serde_json::Value::Null;
    // Held by a VM, whatever the state says.
    let mut held = disk(
        "held",
        json!({"diskState": "ActiveSAS", "encryption": {"type": PLATFORM}}),
        None,
    );
    held["managedBy"] = json!(format!(
        "/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1"
    ));
    let recs = vec![
        cmk.clone(),
        plat.clone(),
        blank.clone(),
        attached,
        exported.clone(),
        held,
    ];
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), &[DISKS]),
            vec![
                e(id_of(&cmk), Pass),
                e(id_of(&plat), Fail),
                e(id_of(&exported), Fail),
                e(id_of(&blank), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), DISKS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
