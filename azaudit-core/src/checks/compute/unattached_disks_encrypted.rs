//! `compute.unattached_disks_encrypted`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
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
        rule: "Per disk whose `diskState` is Unattached: pass iff encrypted with a customer-managed key or Azure Disk Encryption (`encryptionSettingsCollection.enabled`); platform keys pass only with `cfg.accept_platform_keys`. Unknown when the encryption type is absent.",
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

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<Disk>(&covered, out, |r, d, out| {
        if !is(&d.properties.disk_state, "Unattached") {
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
    let recs = vec![cmk.clone(), plat.clone(), blank.clone(), attached];
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), &[DISKS]),
            vec![
                e(id_of(&cmk), Pass),
                e(id_of(&plat), Fail),
                e(id_of(&blank), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, &[]), DISKS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
