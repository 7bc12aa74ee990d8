//! `compute.disk_*`: how a managed disk may be exported or uploaded, one rule per setting
//! driven by a table.

use crate::check::family::{Member, RecordSetting};
use crate::check::{CheckMeta, Remediation};
use crate::finding::Severity;
use crate::model::Disk;
#[cfg(test)]
use serde_json::json;

/// A disk setting: the shared family, over disks.
pub type DiskSetting = RecordSetting<Disk>;

fn eq(v: &Option<String>, s: &str) -> bool {
    crate::checks::is(v, s)
}

/// `compute.disk_public_network_access_disabled`: disks cannot be exported from every network.
pub static PUBLIC_NETWORK_ACCESS: Member<DiskSetting> = Member::new(DiskSetting {
    meta: || CheckMeta {
        id: "compute.disk_public_network_access_disabled",
        title: "Managed disks are not exportable from all networks",
        service: "compute",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::DISKS],
        rule: "Per managed disk, as CIS 8.5's audit reads both settings: pass iff `networkAccessPolicy` is AllowPrivate (export and upload only through a disk access private endpoint) or DenyAll and `publicNetworkAccess` is Disabled; fail when `networkAccessPolicy` is AllowAll or absent (ARM's default is AllowAll), or `publicNetworkAccess` is Enabled; unknown for a `networkAccessPolicy` or `publicNetworkAccess` value this check does not know, or a restricted policy without `publicNetworkAccess`. Severity medium: a SAS for export is still needed, but from any network it turns a leaked SAS into a copied disk.",
        rationale: "A disk exportable from all networks can be copied out with a SAS URI from anywhere on the internet; restricting export to a private endpoint or denying it keeps the disk's content inside the organisation's network.",
        remediation: Remediation {
            portal: "Disk > Settings > Networking > Network access: Disable public access and enable private access (with a disk access resource), or Disable public and private access.",
            cli: "az disk update --resource-group <rg> --name <disk> --network-access-policy DenyAll --public-network-access Disabled",
        },
        cis: &["8.5"],
        references: &[
            "https://learn.microsoft.com/azure/virtual-machines/disks-enable-private-links-for-import-export-portal",
        ],
        manual: false,
    },
    judge: |d| {
        let policy = d.network_access_policy.clone();
        let public = d.public_network_access.clone();
        let ev = crate::evidence!({"networkAccessPolicy": policy, "publicNetworkAccess": public});
        let restricted = eq(&policy, "AllowPrivate") || eq(&policy, "DenyAll");
        if policy.is_none() || eq(&policy, "AllowAll") {
            (
                Some(false),
                ev,
                "The disk can be exported or uploaded from any network (networkAccessPolicy AllowAll).",
            )
        } else if !restricted {
            (
                None,
                ev,
                "The disk reports a networkAccessPolicy this check does not know.",
            )
        } else if eq(&public, "Disabled") {
            (
                Some(true),
                ev,
                "Public network access is disabled and export is private-only or denied.",
            )
        } else if public.is_none() {
            (
                None,
                ev,
                "Export is private-only or denied, but the disk does not report publicNetworkAccess.",
            )
        } else if eq(&public, "Enabled") {
            (
                Some(false),
                ev,
                "Export is limited by networkAccessPolicy, but publicNetworkAccess is still enabled.",
            )
        } else {
            (
                None,
                ev,
                "The disk reports a publicNetworkAccess this check does not know.",
            )
        }
    },
    #[cfg(test)]
    cases,
});

/// `compute.disk_data_access_entra_auth`: exporting a disk needs Entra authorization.
pub static DATA_ACCESS_AUTH: Member<DiskSetting> = Member::new(DiskSetting {
    meta: || CheckMeta {
        id: "compute.disk_data_access_entra_auth",
        title: "Managed disks require Microsoft Entra authorization for data access",
        service: "compute",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::DISKS],
        rule: "Per managed disk: pass iff `dataAccessAuthMode` is AzureActiveDirectory; fail when None or absent (ARM's default: a SAS alone exports or uploads the disk); unknown for another value. Severity medium: it is the second factor on a disk export, whoever obtained the SAS.",
        rationale: "With data access authentication, a SAS URI for export or upload also needs an Entra identity with the Data Operator for Managed Disks role, so a leaked SAS is not enough to copy the disk.",
        remediation: Remediation {
            portal: "Disk > Settings > Disk export > Enable data access authentication mode: checked, and save.",
            cli: "az disk update --resource-group <rg> --name <disk> --data-access-auth-mode AzureActiveDirectory",
        },
        cis: &["8.6"],
        references: &[
            "https://learn.microsoft.com/azure/virtual-machines/linux/disks-upload-vhd-to-managed-disk-cli#secure-uploads-with-azure-ad",
        ],
        manual: false,
    },
    judge: |d| {
        let mode = d.data_access_auth_mode.clone();
        let ev = crate::evidence!({"dataAccessAuthMode": mode});
        if eq(&mode, "AzureActiveDirectory") {
            (
                Some(true),
                ev,
                "Data access needs Microsoft Entra authorization.",
            )
        } else if mode.is_none() || eq(&mode, "None") {
            (
                Some(false),
                ev,
                "A SAS alone exports or uploads the disk (dataAccessAuthMode is not AzureActiveDirectory).",
            )
        } else {
            (
                None,
                ev,
                "The disk reports a dataAccessAuthMode this check does not know.",
            )
        }
    },
    #[cfg(test)]
    cases,
});

#[cfg(test)]
fn cases(row: &DiskSetting) -> Vec<crate::checks::testing::Case> {
    use super::DISKS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let meta = (row.meta)();
    // Disk_Get.json (2024-03-02) carries networkAccessPolicy and publicNetworkAccess beside
    // encryption; dataAccessAuthMode appears when set.
    let base = |name: &str, extra: serde_json::Value| {
        let mut p = json!({"diskSizeGB": 128, "diskState": "Attached", "encryption": {"type": "EncryptionAtRestWithPlatformKey"}, "provisioningState": "Succeeded"});
        for (k, v) in extra.as_object().unwrap() {
            p[k] = v.clone();
        }
        arm(DISKS, name, p)
    };
    let (good, bad, blank, odd) = if meta.id.ends_with("entra_auth") {
        (
            base(
                "d-good",
                json!({"dataAccessAuthMode": "AzureActiveDirectory"}),
            ),
            base("d-bad", json!({"dataAccessAuthMode": "None"})),
            base("d-blank", json!({})),
            base("d-odd", json!({"dataAccessAuthMode": "Certificate"})),
        )
    } else {
        (
            base(
                "d-good",
                json!({"networkAccessPolicy": "DenyAll", "publicNetworkAccess": "Disabled"}),
            ),
            base(
                "d-bad",
                json!({"networkAccessPolicy": "AllowAll", "publicNetworkAccess": "Enabled"}),
            ),
            base("d-blank", json!({})),
            base(
                "d-odd",
                json!({"networkAccessPolicy": "AllowPrivate", "diskAccessId": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/diskAccesses/da"}),
            ),
        )
    };
    let recs = vec![good.clone(), bad.clone(), blank.clone(), odd.clone()];
    vec![
        Case::new(
            "settings",
            doc(recs.clone(), &[DISKS]),
            vec![
                e(id_of(&good), Pass),
                e(id_of(&bad), Fail),
                e(id_of(&blank), Fail),
                e(id_of(&odd), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), DISKS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
