//! Virtual machine and disk checks.

pub mod approved_extensions_only;
pub mod data_disks_encrypted;
pub mod endpoint_protection_installed;
pub mod os_disk_encrypted;
pub mod os_patches_applied;
pub mod unattached_disks_encrypted;

use crate::check::Context;
use crate::config::Config;
use crate::model::{Arm, Disk, VirtualMachine, VmExtension};
use crate::snapshot::Record;

pub(crate) const VMS: &str = "Microsoft.Compute/virtualMachines";
pub(crate) const DISKS: &str = "Microsoft.Compute/disks";
pub(crate) const EXTENSIONS: &str = "Microsoft.Compute/virtualMachines/extensions";
pub(crate) const DISK_READS: &[&str] = &[VMS, DISKS, EXTENSIONS];

/// The judgement of one disk's encryption.
pub(crate) struct Verdict {
    pub ok: Option<bool>,
    pub message: String,
    pub evidence: crate::finding::Evidence,
}

impl Verdict {
    /// Add the finding this verdict makes about `subject`, its message after `prefix`.
    pub(crate) fn report(
        self,
        out: &mut crate::check::Findings,
        subject: crate::check::Subject,
        prefix: &str,
    ) {
        out.push(
            crate::finding::Status::judged(self.ok),
            subject,
            format!("{prefix}{}", self.message),
            self.evidence,
        );
    }
}

/// What a VM contributes to its disks' encryption: host encryption and the ADE extension.
#[derive(Default, Clone, Copy)]
pub(crate) struct VmEncryption {
    pub at_host: bool,
    pub ade_extension: bool,
}

/// The disks and extensions a disk-encryption check looks up, parsed once per run.
pub(crate) struct DiskViews {
    disks: std::sync::Arc<crate::check::Parsed<Arm<Disk>>>,
    extensions: std::sync::Arc<crate::check::Parsed<Arm<VmExtension>>>,
}

impl DiskViews {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        DiskViews {
            disks: cx.view(),
            extensions: cx.view(),
        }
    }

    pub(crate) fn vm(
        &self,
        cx: &Context<'_>,
        vm_rec: &Record<'_>,
        vm: &Arm<VirtualMachine>,
    ) -> VmEncryption {
        let ade_extension = cx
            .snapshot
            .children_of_type(vm_rec.id(), EXTENSIONS)
            .any(|e| {
                self.extensions
                    .get(e)
                    .and_then(|x| x.ok())
                    .and_then(|x| x.properties.extension_type.as_deref())
                    .is_some_and(|t| {
                        t.eq_ignore_ascii_case("AzureDiskEncryption")
                            || t.eq_ignore_ascii_case("AzureDiskEncryptionForLinux")
                    })
            });
        VmEncryption {
            at_host: vm
                .properties
                .security_profile
                .as_ref()
                .and_then(|s| s.encryption_at_host)
                == Some(true),
            ade_extension,
        }
    }

    /// The managed disk a VM references, parsed.
    pub(crate) fn disk<'s>(
        &'s self,
        cx: &Context<'s>,
        id: &str,
    ) -> Option<(Record<'s>, Result<&'s Disk, &'s str>)> {
        let rec = cx.snapshot.get(id)?;
        let parsed = self.disks.get(rec)?.map(|d| &d.properties);
        Some((rec, parsed))
    }
}

/// The encryption rule: encryption at host, Azure Disk Encryption (disk setting or VM
/// extension), or a customer-managed key pass; platform-managed keys pass only when
/// `cfg.accept_platform_keys` is set.
pub(crate) fn judge_disk(config: &Config, disk: Option<&Disk>, vm: VmEncryption) -> Verdict {
    let kind = disk
        .and_then(|d| d.encryption.as_ref())
        .and_then(|e| e.encryption_type.clone());
    let ade = disk
        .and_then(|d| d.encryption_settings_collection.as_ref())
        .and_then(|e| e.enabled);
    let evidence = crate::evidence!({"encryption.type": kind, "encryptionSettingsCollection.enabled": ade, "encryptionAtHost": vm.at_host, "adeExtension": vm.ade_extension});
    let (ok, message) = if vm.at_host {
        (Some(true), "Encrypted at host.".to_string())
    } else if ade == Some(true) || vm.ade_extension {
        (
            Some(true),
            "Encrypted with Azure Disk Encryption.".to_string(),
        )
    } else if kind.as_deref().is_some_and(|k| k.contains("CustomerKey")) {
        (
            Some(true),
            "Encrypted at rest with a customer-managed key.".to_string(),
        )
    } else if kind.is_some() && config.accept_platform_keys {
        (
            Some(true),
            "Encrypted at rest with platform-managed keys (accepted by configuration).".to_string(),
        )
    } else if kind.is_some() {
        (Some(false), "Only the platform-managed default encryption applies: no customer-managed key, Azure Disk Encryption or encryption at host.".to_string())
    } else if disk.is_none() {
        (
            None,
            "The disk's record was not found in the snapshot.".to_string(),
        )
    } else {
        (
            None,
            "The disk does not report its encryption type.".to_string(),
        )
    };
    Verdict {
        ok,
        message,
        evidence,
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use serde_json::{Value, json};

    use super::*;
    use crate::checks::testing::*;

    pub fn vm(name: &str, props: Value) -> Value {
        arm(VMS, name, props)
    }
    pub fn disk(name: &str, props: Value, owner: Option<&Value>) -> Value {
        let mut d = arm(DISKS, name, props);
        if let Some(vm) = owner {
            d["managedBy"] = vm["id"].clone();
        }
        d
    }
    pub fn ext(vm: &Value, name: &str, publisher: &str, ty: &str) -> Value {
        child(
            vm,
            "extensions",
            name,
            json!({"publisher": publisher, "type": ty, "typeHandlerVersion": "1.0"}),
        )
    }
    pub fn storage(os: &Value, data: &[&Value]) -> Value {
        json!({"osDisk": {"name": os["name"], "managedDisk": {"id": os["id"]}}, "dataDisks": data.iter().enumerate().map(|(i, d)| json!({"lun": i, "name": d["name"], "managedDisk": {"id": d["id"]}})).collect::<Vec<_>>()})
    }
    pub const PLATFORM: &str = "EncryptionAtRestWithPlatformKey";
    pub const CMK: &str = "EncryptionAtRestWithCustomerKey";
    pub fn enc(t: &str) -> Value {
        json!({"diskState": "Attached", "encryption": {"type": t}})
    }
}
