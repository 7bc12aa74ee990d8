//! `compute.endpoint_protection_installed`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::{Arm, VirtualMachine, VmExtension};

/// Every VM has an endpoint protection extension.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.endpoint_protection_installed",
        title: "VMs have an endpoint protection extension installed",
        service: "compute",
        level: 2,
        severity: Severity::High,
        reads: &[super::VMS, super::EXTENSIONS],
        rule: "Per VM: pass iff it has an extension of type IaaSAntimalware, MDE.Windows, MDE.Linux, or one listed in `cfg.endpoint_protection_extensions`; fail otherwise; unknown when an extension's type cannot be read.",
        rationale: "Endpoint protection detects and blocks malware and post-exploitation tooling on the VM; without it, a compromise runs unnoticed.",
        remediation: Remediation {
            portal: "Microsoft Defender for Cloud > Environment settings > Defender plans > Servers: On, with Endpoint protection (Defender for Endpoint) enabled.",
            cli: "az vm extension set --resource-group <rg> --vm-name <vm> --name MDE.Linux --publisher Microsoft.Azure.AzureDefenderForServers",
        },
        cis: &["8.8"],
        references: &[
            "https://learn.microsoft.com/azure/defender-for-cloud/integration-defender-for-endpoint",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

const BUILT_IN: [&str; 3] = ["IaaSAntimalware", "MDE.Windows", "MDE.Linux"];

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let exts = cx.view::<Arm<VmExtension>>();
    let accepted: Vec<&str> = BUILT_IN
        .iter()
        .copied()
        .chain(
            cx.config
                .endpoint_protection_extensions
                .iter()
                .map(String::as_str),
        )
        .collect();
    // Reused for every VM.
    let mut types: Vec<&str> = Vec::new();
    cx.each::<VirtualMachine>(&covered, out, |r, _, out| {
        types.clear();
        let mut unreadable = false;
        for x in r.children_of_type(super::EXTENSIONS) {
            match exts.get(x).and_then(|v| v.ok()).map(|v| v.properties.extension_type.as_deref()) {
                Some(Some(t)) => types.push(t),
                _ => unreadable = true,
            }
        }
        let found = types.iter().find(|t| accepted.iter().any(|a| a.eq_ignore_ascii_case(t)));
        let ev = crate::evidence!({"extensions": types});
        match (found, unreadable) {
            (Some(t), _) => out.pass(r, format!("Endpoint protection extension {t} is installed."), ev),
            (None, true) => out.unknown(r, "An extension's type could not be read.", ev),
            (None, false) => { out.fail(r, "No endpoint protection extension (IaaSAntimalware, MDE.Windows, MDE.Linux or a configured one) is installed.", ev); }
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::fixtures::*;
    use super::*;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let mde = vm("vm-mde", json!({}));
    let bare = vm("vm-bare", json!({}));
    let odd = vm("vm-odd", json!({}));
    let other = vm("vm-other", json!({}));
    let recs = vec![
        mde.clone(),
        ext(
            &mde,
            "MDE.Linux",
            "Microsoft.Azure.AzureDefenderForServers",
            "MDE.Linux",
        ),
        bare.clone(),
        ext(
            &bare,
            "AMA",
            "Microsoft.Azure.Monitor",
            "AzureMonitorLinuxAgent",
        ),
        odd.clone(),
        crate::checks::testing::child(&odd, "extensions", "x", json!({"publisher": "Contoso"})),
        other.clone(),
        ext(&other, "falcon", "CrowdStrike.Falcon", "FalconSensorLinux"),
    ];
    let mut cfg = crate::Config::default();
    cfg.endpoint_protection_extensions
        .push("FalconSensorLinux".into());
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), &[VMS, EXTENSIONS]),
            vec![
                e(id_of(&mde), Pass),
                e(id_of(&bare), Fail),
                e(id_of(&odd), Unknown),
                e(id_of(&other), Fail),
            ],
        ),
        Case::new(
            "configured agent",
            doc(recs.clone(), &[VMS, EXTENSIONS]),
            vec![
                e(id_of(&mde), Pass),
                e(id_of(&bare), Fail),
                e(id_of(&odd), Unknown),
                e(id_of(&other), Pass),
            ],
        )
        .with_config(cfg),
        Case::new(
            "extensions forbidden",
            forbid(doc(recs, &[VMS]), EXTENSIONS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
