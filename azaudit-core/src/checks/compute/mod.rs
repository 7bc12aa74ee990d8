//! Virtual machine and disk checks.

pub mod approved_extensions_only;
pub mod bastion_host_exists;
pub mod data_disks_encrypted;
pub mod disk_access;
pub mod endpoint_protection_installed;
pub mod managed_disks;
pub mod os_disk_encrypted;
pub mod os_patches_applied;
pub mod trusted_launch;
pub mod unattached_disks_encrypted;
pub mod update_assessment;

use crate::check::Context;
use crate::config::Config;
use crate::model::{Arm, Disk, VirtualMachine, VmExtension};
use crate::resource_types::{self, ResourceType};
use crate::snapshot::Record;

pub(crate) const VMS: &ResourceType = &resource_types::VIRTUAL_MACHINES;
pub(crate) const DISKS: &ResourceType = &resource_types::DISKS;
pub(crate) const EXTENSIONS: &ResourceType = &resource_types::VM_EXTENSIONS;
pub(crate) const DISK_READS: &[&ResourceType] = &[VMS, DISKS, EXTENSIONS];

/// The judgement of one disk's encryption.
pub(crate) struct Verdict {
    pub ok: Option<bool>,
    pub reason: DiskReason,
    pub evidence: crate::finding::Evidence,
}

/// Where a disk's finding comes from, which its message starts with.
pub(crate) enum DiskRole<'a> {
    /// A VM's OS disk.
    Os,
    /// A VM's unmanaged (VHD) OS disk.
    UnmanagedOs,
    /// A data disk of the named VM.
    Data(&'a str),
    /// A disk attached to nothing.
    Unattached,
}

impl Verdict {
    /// Add the finding this verdict makes about `subject`.
    pub(crate) fn report(
        self,
        out: &mut crate::check::Findings,
        subject: crate::check::Subject,
        role: DiskRole<'_>,
    ) {
        // The messages of a million disks are a handful of sentences: only a data disk's names
        // its VM, and only that one is formatted per finding.
        let message: std::borrow::Cow<'static, str> = match role {
            DiskRole::Os => self.reason.os_disk().into(),
            DiskRole::UnmanagedOs => self.reason.unmanaged_os_disk().into(),
            DiskRole::Unattached => self.reason.unattached().into(),
            DiskRole::Data(vm) => format!("Data disk of VM {vm}: {}", self.reason.text()).into(),
        };
        out.push(
            crate::finding::Status::judged(self.ok),
            subject,
            message,
            self.evidence,
        );
    }
}

macro_rules! disk_reasons {
    ($($(#[$m:meta])* $kind:ident => $text:literal),* $(,)?) => {
        /// Why a disk passes, fails or is unknown.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum DiskReason { $($(#[$m])* $kind),* }

        impl DiskReason {
            /// The sentence.
            pub(crate) fn text(self) -> &'static str {
                match self { $(Self::$kind => $text),* }
            }
            fn os_disk(self) -> &'static str {
                match self { $(Self::$kind => concat!("OS disk: ", $text)),* }
            }
            fn unmanaged_os_disk(self) -> &'static str {
                match self { $(Self::$kind => concat!("OS disk: Unmanaged OS disk (VHD): ", $text)),* }
            }
            fn unattached(self) -> &'static str {
                match self { $(Self::$kind => concat!("Unattached disk: ", $text)),* }
            }
        }
    };
}

disk_reasons! {
    /// Encrypted at host, with platform-managed keys only.
    AtHostPlatformKey => "Encrypted at host, but with platform-managed keys: no customer-managed key or Azure Disk Encryption.",
    /// Azure Disk Encryption.
    Ade => "Encrypted with Azure Disk Encryption.",
    /// A customer-managed key.
    CustomerKey => "Encrypted at rest with a customer-managed key.",
    /// Platform keys, accepted by `cfg.accept_platform_keys`.
    PlatformAccepted => "Encrypted at rest with platform-managed keys (accepted by configuration).",
    /// Platform keys only.
    PlatformOnly => "Only the platform-managed default encryption applies: no customer-managed key, Azure Disk Encryption or encryption at host.",
    /// No disk record.
    NoRecord => "The disk's record was not found in the snapshot.",
    /// No encryption type.
    NoType => "The disk does not report its encryption type.",
}

/// What a VM contributes to its disks' encryption: host encryption and the ADE extension.
/// What a VM adds to its disks' encryption, for one role (OS or data disks).
#[derive(Default, Clone, Copy)]
pub(crate) struct VmEncryption {
    pub at_host: bool,
    pub ade_extension: bool,
}

/// What a VM adds to its disks' encryption: encryption at host, and Azure Disk Encryption
/// through its extension for the OS and for the data volumes.
#[derive(Default, Clone, Copy)]
pub(crate) struct VmDisks {
    at_host: bool,
    ade_os: bool,
    ade_data: bool,
}

impl VmDisks {
    pub(crate) fn os(self) -> VmEncryption {
        VmEncryption {
            at_host: self.at_host,
            ade_extension: self.ade_os,
        }
    }
    pub(crate) fn data(self) -> VmEncryption {
        VmEncryption {
            at_host: self.at_host,
            ade_extension: self.ade_data,
        }
    }
}

/// The disks and extensions a disk-encryption check looks up, parsed once per run.
pub(crate) struct DiskViews {
    disks: std::sync::Arc<crate::model::Parsed<Arm<Disk>>>,
    extensions: std::sync::Arc<crate::model::Parsed<Arm<VmExtension>>>,
}

impl DiskViews {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        DiskViews {
            disks: cx.view(),
            extensions: cx.view(),
        }
    }

    /// A working Azure Disk Encryption extension counts for the volumes its `VolumeType`
    /// names (`All`, `OS`, `Data`; absent: all); one whose `EncryptionOperation` disables
    /// encryption, or that failed to provision, counts for none.
    pub(crate) fn vm(&self, vm_rec: &Record<'_>, vm: &Arm<VirtualMachine>) -> VmDisks {
        let mut out = VmDisks {
            at_host: vm
                .properties
                .security_profile
                .as_ref()
                .and_then(|s| s.encryption_at_host)
                == Some(true),
            ..Default::default()
        };
        for e in vm_rec.children_of_type(EXTENSIONS.record_type()) {
            let Some(x) = self
                .extensions
                .get(e)
                .and_then(|x| x.ok())
                .map(|x| &x.properties)
            else {
                continue;
            };
            let ade = x.extension_type.as_deref().is_some_and(|t| {
                t.eq_ignore_ascii_case("AzureDiskEncryption")
                    || t.eq_ignore_ascii_case("AzureDiskEncryptionForLinux")
            });
            let setting = |k: &str| {
                x.settings
                    .as_ref()
                    .and_then(|s| s.get(k))
                    .and_then(|v| v.as_str())
            };
            let disabled = setting("EncryptionOperation")
                .is_some_and(|o| o.to_ascii_lowercase().starts_with("disable"));
            let failed = x
                .provisioning_state
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("Failed"));
            if !ade || disabled || failed {
                continue;
            }
            match setting("VolumeType")
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("os") => out.ade_os = true,
                Some("data") => out.ade_data = true,
                _ => {
                    out.ade_os = true;
                    out.ade_data = true;
                }
            }
        }
        out
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
/// What a VM's reference to a missing disk record still proves: a disk encryption set there
/// means a customer-managed key.
pub(crate) fn disk_from_vm_ref(r: Option<&crate::model::ManagedDiskRef>) -> Option<Disk> {
    let des = r?.disk_encryption_set.as_ref()?.id.as_deref()?;
    (!des.trim().is_empty()).then(|| Disk {
        encryption: Some(crate::model::DiskEncryption {
            encryption_type: Some("EncryptionAtRestWithCustomerKey".into()),
        }),
        ..Default::default()
    })
}

pub(crate) fn judge_disk(config: &Config, disk: Option<&Disk>, vm: VmEncryption) -> Verdict {
    let kind = disk
        .and_then(|d| d.encryption.as_ref())
        .and_then(|e| e.encryption_type.as_deref());
    let ade = disk
        .and_then(|d| d.encryption_settings_collection.as_ref())
        .and_then(|e| e.enabled);
    let evidence = crate::evidence!({"encryption.type": kind, "encryptionSettingsCollection.enabled": ade, "encryptionAtHost": vm.at_host, "adeExtension": vm.ade_extension});
    // Encryption at host encrypts caches and temp disks, but with platform-managed keys
    // unless the disk has a customer-managed one: alone, it is the platform default.
    let (ok, reason) = if ade == Some(true) || vm.ade_extension {
        (Some(true), DiskReason::Ade)
    } else if kind.is_some_and(|k| k.contains("CustomerKey")) {
        (Some(true), DiskReason::CustomerKey)
    } else if kind.is_some() && config.accept_platform_keys {
        (Some(true), DiskReason::PlatformAccepted)
    } else if kind.is_some() && vm.at_host {
        (Some(false), DiskReason::AtHostPlatformKey)
    } else if kind.is_some() {
        (Some(false), DiskReason::PlatformOnly)
    } else if disk.is_none() {
        (None, DiskReason::NoRecord)
    } else {
        (None, DiskReason::NoType)
    };
    Verdict {
        ok,
        reason,
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
