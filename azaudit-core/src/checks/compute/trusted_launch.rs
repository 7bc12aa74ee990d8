//! `compute.trusted_launch`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::VirtualMachine;

/// Virtual machines run with Trusted Launch (secure boot and vTPM).
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.trusted_launch",
        title: "Virtual machines use Trusted Launch with secure boot and vTPM",
        service: "compute",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::VMS],
        rule: "Per virtual machine, from `securityProfile`: pass iff `securityType` is TrustedLaunch or ConfidentialVM (which includes Trusted Launch's protections) and `uefiSettings.secureBootEnabled` and `uefiSettings.vTpmEnabled` are both true; fail when `securityType` is absent or Standard (a standard VM: ARM's default for VMs created before Trusted Launch became the default) or either UEFI setting is false or absent (ARM defaults both to false when not set); unknown when `securityType` is another value. Severity medium: without secure boot and a vTPM, boot-level malware (rootkits, bootkits) can load unseen and attestation cannot tell.",
        rationale: "Trusted Launch verifies the boot chain with secure boot, measures it into a virtual TPM, and lets Defender for Cloud attest it, which defeats rootkits and bootkits that start before the operating system.",
        remediation: Remediation {
            portal: "Virtual machine > Settings > Configuration > Security type: Trusted launch virtual machines, with Secure boot and vTPM checked (the VM must be Generation 2 and is restarted).",
            cli: "az vm deallocate -g <rg> -n <vm> && az vm update -g <rg> -n <vm> --security-type TrustedLaunch --enable-secure-boot true --enable-vtpm true && az vm start -g <rg> -n <vm>",
        },
        cis: &["8.11"],
        references: &["https://learn.microsoft.com/azure/virtual-machines/trusted-launch"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<VirtualMachine>(&covered, out, |r, vm, out| {
        let sp = vm.properties.security_profile.as_ref();
        let ty = sp.and_then(|s| s.security_type.clone());
        let uefi = sp.and_then(|s| s.uefi_settings.as_ref());
        let secure_boot = uefi.and_then(|u| u.secure_boot_enabled);
        let vtpm = uefi.and_then(|u| u.v_tpm_enabled);
        let ev = crate::evidence!({"securityType": ty, "secureBootEnabled": secure_boot, "vTpmEnabled": vtpm});
        match ty.as_deref() {
            None => {
                out.fail(r, "The VM is a standard VM: no Trusted Launch (securityType is not set).", ev);
            }
            Some(t) if t.eq_ignore_ascii_case("Standard") => {
                out.fail(r, "The VM is a standard VM: no Trusted Launch.", ev);
            }
            Some(t)
                if t.eq_ignore_ascii_case("TrustedLaunch")
                    || t.eq_ignore_ascii_case("ConfidentialVM") =>
            {
                let missing: Vec<&str> = [("secure boot", secure_boot), ("vTPM", vtpm)]
                    .into_iter()
                    .filter(|(_, on)| *on != Some(true))
                    .map(|(what, _)| what)
                    .collect();
                if missing.is_empty() {
                    out.pass(r, "Trusted Launch protections on: secure boot and vTPM.", ev);
                } else {
                    out.fail(r, format!("{t}, but {} not enabled.", missing.join(" and ")), ev);
                }
            }
            Some(t) => out.unknown(r, format!("securityType {t} is not one this check knows."), ev),
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::VMS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // VirtualMachine_Create_WithSecurityTypeTrustedLaunch (2024-07-01 examples).
    let tl = arm(
        VMS,
        "vm-tl",
        json!({"securityProfile": {"uefiSettings": {"secureBootEnabled": true, "vTpmEnabled": true}, "securityType": "TrustedLaunch"}}),
    );
    let cvm = arm(
        VMS,
        "vm-cvm",
        json!({"securityProfile": {"uefiSettings": {"secureBootEnabled": true, "vTpmEnabled": true}, "securityType": "ConfidentialVM"}}),
    );
    let no_boot = arm(
        VMS,
        "vm-noboot",
        json!({"securityProfile": {"uefiSettings": {"secureBootEnabled": false, "vTpmEnabled": true}, "securityType": "TrustedLaunch"}}),
    );
    let standard = arm(
        VMS,
        "vm-std",
        json!({"securityProfile": {"encryptionAtHost": true}}),
    );
    let none = arm(
        VMS,
        "vm-none",
        json!({"hardwareProfile": {"vmSize": "Standard_D2s_v3"}}),
    );
    let odd = arm(
        VMS,
        "vm-odd",
        json!({"securityProfile": {"securityType": "Quantum"}}),
    );
    let recs = vec![
        tl.clone(),
        cvm.clone(),
        no_boot.clone(),
        standard.clone(),
        none.clone(),
        odd.clone(),
    ];
    vec![
        Case::new(
            "security types",
            doc(recs.clone(), &[VMS]),
            vec![
                e(id_of(&tl), Pass),
                e(id_of(&cvm), Pass),
                e(id_of(&no_boot), Fail),
                e(id_of(&standard), Fail),
                e(id_of(&none), Fail),
                e(id_of(&odd), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), VMS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
