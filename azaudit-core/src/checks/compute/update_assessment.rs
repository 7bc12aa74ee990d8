//! `compute.periodic_update_assessment`

use crate::check::family::{Member, RecordSetting};
use crate::check::{CheckMeta, Remediation};
use crate::finding::Severity;
use crate::model::VirtualMachine;
#[cfg(test)]
use serde_json::json;

/// `compute.periodic_update_assessment`: every VM is checked for missing OS updates.
pub static CHECK: Member<RecordSetting<VirtualMachine>> = Member::new(RecordSetting {
    meta: || CheckMeta {
        id: "compute.periodic_update_assessment",
        title: "Virtual machines are checked periodically for missing OS updates",
        service: "compute",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::VMS],
        rule: "Per virtual machine, as Azure Policy bd876905 reads it: the patch settings of its OS (`osProfile.windowsConfiguration` for a Windows OS disk, `linuxConfiguration` otherwise); pass iff `patchSettings.assessmentMode` is AutomaticByPlatform (Azure Update Manager assesses the VM every 24 hours and Defender for Cloud shows what is missing); fail when ImageDefault or absent (ARM's default: assessed only on request); unknown when the VM has no OS profile (made from a specialized disk: the policy has nothing to read either) or an assessment mode this check does not know. Severity medium: an unassessed VM's missing security updates are invisible to Defender's recommendations.",
        rationale: "A machine that is never assessed for updates cannot be reported as missing them; periodic assessment is what lets Defender for Cloud's 'System updates should be installed' find unpatched machines.",
        remediation: Remediation {
            portal: "Azure Update Manager > Settings > Update settings: select the machines, Periodic assessment: Enable, and save (or assign the built-in policy 'Configure periodic checking for missing system updates on azure virtual machines').",
            cli: "az vm update --resource-group <rg> --name <vm> --set osProfile.linuxConfiguration.patchSettings.assessmentMode=AutomaticByPlatform   # windowsConfiguration for Windows",
        },
        cis: &[],
        references: &["https://learn.microsoft.com/azure/update-manager/assessment-options"],
        manual: false,
    },
    judge: |vm| {
        let windows = vm
            .storage_profile
            .as_ref()
            .and_then(|s| s.os_disk.as_ref())
            .is_some_and(|d| crate::checks::is(&d.os_type, "Windows"));
        let config = vm.os_profile.as_ref().map(|p| {
            if windows {
                &p.windows_configuration
            } else {
                &p.linux_configuration
            }
        });
        let mode = config
            .and_then(|c| c.as_ref())
            .and_then(|c| c.patch_settings.as_ref())
            .and_then(|p| p.assessment_mode.clone());
        let ev = crate::evidence!({"osProfile": vm.os_profile.is_some(), "assessmentMode": mode});
        match (vm.os_profile.is_some(), mode.as_deref()) {
            (false, _) => (
                None,
                ev,
                "The VM has no OS profile (made from a specialized disk): its assessment mode cannot be read.",
            ),
            (_, Some(m)) if m.eq_ignore_ascii_case("AutomaticByPlatform") => (
                Some(true),
                ev,
                "The VM is assessed for missing updates every 24 hours (AutomaticByPlatform).",
            ),
            (_, None) => (
                Some(false),
                ev,
                "The VM is assessed for updates only on request (no assessmentMode: ImageDefault).",
            ),
            (_, Some(m)) if m.eq_ignore_ascii_case("ImageDefault") => (
                Some(false),
                ev,
                "The VM is assessed for updates only on request (ImageDefault).",
            ),
            _ => (
                None,
                ev,
                "The VM reports an assessment mode this check does not know.",
            ),
        }
    },
    #[cfg(test)]
    cases: |_| {
        use crate::checks::testing::*;
        use crate::finding::Status::*;
        // VirtualMachine_Get.json (2024-07-01) shapes: the OS profile with its patch settings.
        let vm = |name: &str, os: &str, profile: serde_json::Value| {
            let mut p = json!({"vmId": name, "hardwareProfile": {"vmSize": "Standard_D2s_v3"},
                "storageProfile": {"osDisk": {"osType": os, "name": format!("{name}_os"), "createOption": "FromImage", "caching": "ReadWrite",
                    "managedDisk": {"storageAccountType": "Premium_LRS", "id": format!("/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Compute/disks/{name}_os")}, "diskSizeGB": 30}, "dataDisks": []},
                "provisioningState": "Succeeded"});
            if !profile.is_null() {
                p["osProfile"] = profile;
            }
            arm(super::VMS, name, p)
        };
        let win = vm(
            "vm-win",
            "Windows",
            json!({"computerName": "vm-win", "adminUsername": "azureuser", "secrets": [],
            "windowsConfiguration": {"provisionVMAgent": true, "enableAutomaticUpdates": true,
                "patchSettings": {"patchMode": "AutomaticByPlatform", "assessmentMode": "AutomaticByPlatform"}}}),
        );
        let linux_default = vm(
            "vm-linux",
            "Linux",
            json!({"computerName": "vm-linux", "adminUsername": "azureuser", "secrets": [],
            "linuxConfiguration": {"disablePasswordAuthentication": true, "provisionVMAgent": true,
                "patchSettings": {"patchMode": "ImageDefault", "assessmentMode": "ImageDefault"}}}),
        );
        // Windows disk, but only Linux settings carry the mode: the Windows ones are read.
        let mismatched = vm(
            "vm-win-2",
            "Windows",
            json!({"computerName": "vm-win-2", "adminUsername": "azureuser",
            "linuxConfiguration": {"patchSettings": {"assessmentMode": "AutomaticByPlatform"}},
            "windowsConfiguration": {"provisionVMAgent": true}}),
        );
        let specialized = vm("vm-attached", "Linux", serde_json::Value::Null);
        let recs = vec![
            win.clone(),
            linux_default.clone(),
            mismatched.clone(),
            specialized.clone(),
        ];
        vec![
            Case::new(
                "vms",
                doc(recs.clone(), &[super::VMS]),
                vec![
                    e(id_of(&win), Pass),
                    e(id_of(&linux_default), Fail),
                    e(id_of(&mismatched), Fail),
                    e(id_of(&specialized), Unknown),
                ],
            ),
            Case::new(
                "forbidden",
                forbid(doc(recs, NOTHING), super::VMS),
                vec![e(sub_scope(), Unknown)],
            ),
        ]
    },
});
