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
        rule: "Per VM: pass iff it has a working endpoint protection extension: IaaSAntimalware, MDE.Windows or MDE.Linux from a Microsoft publisher (`Microsoft.Azure.*`, as Azure Policy 9b597639 checks), or a type listed in `cfg.endpoint_protection_extensions`; an extension whose `provisioningState` is `Failed`, or IaaSAntimalware with `settings.AntimalwareEnabled` false, does not count. Fail otherwise (naming an extension that did not count); unknown when an extension's type cannot be read.",
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
        let mut found = None;
        let mut broken = None;
        for x in r.children_of_type(super::EXTENSIONS.record_type()) {
            let Some(e) = exts.get(x).and_then(|v| v.ok()).map(|v| &v.properties) else {
                unreadable = true;
                continue;
            };
            let Some(t) = e.extension_type.as_deref() else {
                unreadable = true;
                continue;
            };
            types.push(t);
            let built_in = BUILT_IN.iter().any(|b| b.eq_ignore_ascii_case(t));
            if !accepted.iter().any(|a| a.eq_ignore_ascii_case(t)) {
                continue;
            }
            let configured = cx.config.endpoint_protection_extensions.iter().any(|c| c.eq_ignore_ascii_case(t));
            let microsoft = e.publisher.as_deref().is_some_and(|p| p.to_ascii_lowercase().starts_with("microsoft.azure."));
            let failed = e.provisioning_state.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("Failed"));
            let switched_off = t.eq_ignore_ascii_case("IaaSAntimalware")
                && e.settings.as_ref().and_then(|s| s.get("AntimalwareEnabled")).is_some_and(|v| {
                    v == &serde_json::Value::Bool(false) || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("false"))
                });
            match () {
                _ if built_in && !configured && !microsoft => broken = Some(format!("{t} from publisher {}", e.publisher.as_deref().unwrap_or("?"))),
                _ if failed => broken = Some(format!("{t} failed to provision")),
                _ if switched_off => broken = Some(format!("{t} has AntimalwareEnabled false")),
                _ => {
                    found = Some(t);
                    break;
                }
            }
        }
        let ev = crate::evidence!({"extensions": types, "notCounted": broken});
        match (found, unreadable) {
            (Some(t), _) => out.pass(r, format!("Endpoint protection extension {t} is installed."), ev),
            (None, true) => out.unknown(r, "An extension's type could not be read.", ev),
            (None, false) => {
                let why = broken.as_ref().map(|b| format!(" ({b}, which does not count)")).unwrap_or_default();
                out.fail(r, format!("No working endpoint protection extension (IaaSAntimalware, MDE.Windows, MDE.Linux or a configured one) is installed{why}."), ev);
            }
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
    // Changed from pass: these extensions protect nothing.
    let off = vm("vm-am-off", json!({}));
    let mut am_off = ext(
        &off,
        "IaaSAntimalware",
        "Microsoft.Azure.Security",
        "IaaSAntimalware",
    );
    am_off["properties"]["settings"] =
        json!({"AntimalwareEnabled": false, "RealtimeProtectionEnabled": "false"});
    let failed = vm("vm-mde-failed", json!({}));
    let mut mde_failed = ext(
        &failed,
        "MDE.Linux",
        "Microsoft.Azure.AzureDefenderForServers",
        "MDE.Linux",
    );
    mde_failed["properties"]["provisioningState"] = json!("Failed");
    let fake = vm("vm-mde-fake", json!({}));
    let recs = vec![
        off.clone(),
        am_off,
        failed.clone(),
        mde_failed,
        fake.clone(),
        ext(&fake, "MDE.Linux", "Contoso.Tools", "MDE.Linux"),
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
                e(id_of(&off), Fail),
                e(id_of(&failed), Fail),
                e(id_of(&fake), Fail),
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
                e(id_of(&off), Fail),
                e(id_of(&failed), Fail),
                e(id_of(&fake), Fail),
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
