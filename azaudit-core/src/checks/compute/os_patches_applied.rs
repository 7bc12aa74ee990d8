//! `compute.os_patches_applied`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::VirtualMachine;
use crate::resource_types;
use crate::time::parse_timestamp;

/// VMs have no missing critical or security patches.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.os_patches_applied",
        title: "VMs have the latest critical and security OS patches",
        service: "compute",
        level: 2,
        severity: Severity::High,
        reads: &[&resource_types::VM_INSTANCE_VIEWS],
        rule: "Per VM, from `instanceView.patchStatus.availablePatchSummary`: fail if the last assessment reports critical or security patches missing, or is older than `cfg.patch_assessment_max_age_days` (7) at collection time (a VM that is not running, by its instance view's `PowerState`, cannot be assessed: an old assessment that found nothing missing is unknown there); pass when it is recent, succeeded and reports none; unknown when there is no assessment (instance view not collected, or never assessed) or it did not succeed.",
        rationale: "Most exploited vulnerabilities have had a patch for months; an unpatched VM is the easiest way in, and an assessment that stopped running hides it.",
        remediation: Remediation {
            portal: "Azure Update Manager > Machines > select the VM > One-time update (critical and security), and enable periodic assessment.",
            cli: "az vm install-patches --resource-group <rg> --name <vm> --maximum-duration PT2H --reboot-setting IfRequired --classifications-to-include-win Critical Security --classifications-to-include-linux Critical Security",
        },
        cis: &["3.1.10"],
        references: &["https://learn.microsoft.com/azure/update-manager/overview"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

/// Whether the instance view says the VM is running (no power state said: assumed running).
fn running(vm: &crate::model::Arm<VirtualMachine>) -> bool {
    let codes = vm
        .properties
        .instance_view
        .iter()
        .flat_map(|i| i.statuses.iter().flatten());
    let power: Vec<&str> = codes
        .filter_map(|s| s.code.as_deref())
        .filter(|c| c.to_ascii_lowercase().starts_with("powerstate/"))
        .collect();
    power.is_empty()
        || power
            .iter()
            .any(|c| c.eq_ignore_ascii_case("PowerState/running"))
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let max_days = i64::from(cx.config.patch_assessment_max_age_days);
    cx.each::<VirtualMachine>(&covered, out, |r, vm, out| {
        let Some(s) = vm.properties.instance_view.as_ref().and_then(|i| i.patch_status.as_ref()).and_then(|p| p.available_patch_summary.as_ref()) else {
            out.unknown(r, "No patch assessment: the instance view has no patchStatus (not collected, or the VM was never assessed).", serde_json::Value::Null);
            return;
        };
        let age = s.last_modified_time.as_deref().and_then(parse_timestamp).map(|t| (cx.now - t) / 86_400);
        let ev = crate::evidence!({"status": s.status, "criticalAndSecurityPatchCount": s.critical_and_security_patch_count, "lastModifiedTime": s.last_modified_time, "ageDays": age});
        match (s.critical_and_security_patch_count, age) {
            (Some(n), _) if n > 0 => { out.fail(r, format!("{n} critical or security patches are missing."), ev); }
            (Some(0), Some(a)) if a > max_days && !running(vm) => {
                out.unknown(r, format!("The VM is not running, so it cannot be assessed; its last assessment, {a} days old, found no missing critical or security patches."), ev);
            }
            (_, Some(a)) if a > max_days => { out.fail(r, format!("The last patch assessment is {a} days old (limit {max_days})."), ev); }
            (Some(0), Some(_)) if is(&s.status, "Succeeded") || is(&s.status, "CompletedWithWarnings") => out.pass(r, "The last assessment found no missing critical or security patches.", ev),
            _ => out.unknown(r, "The last patch assessment did not succeed or lacks its patch count or time.", ev),
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
    let summary = |count: i64, when: &str, status: &str| json!({"instanceView": {"patchStatus": {"availablePatchSummary": {"status": status, "criticalAndSecurityPatchCount": count, "otherPatchCount": 3, "lastModifiedTime": when}}}});
    let clean = vm("vm-clean", summary(0, "2026-11-27T03:00:00Z", "Succeeded"));
    let missing = vm(
        "vm-missing",
        summary(4, "2026-11-27T03:00:00Z", "Succeeded"),
    );
    let stale = vm("vm-stale", summary(0, "2026-10-01T03:00:00Z", "Succeeded"));
    let failed = vm("vm-failed", summary(0, "2026-11-27T03:00:00Z", "Failed"));
    let none = vm("vm-none", json!({"storageProfile": {}}));
    // Changed from fail: a deallocated VM cannot be assessed.
    let mut asleep = vm("vm-asleep", summary(0, "2026-10-01T03:00:00Z", "Succeeded"));
    asleep["properties"]["instanceView"]["statuses"] = json!([
        {"code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Provisioning succeeded"},
        {"code": "PowerState/deallocated", "level": "Info", "displayStatus": "VM deallocated"}
    ]);
    let recs = vec![
        asleep.clone(),
        clean.clone(),
        missing.clone(),
        stale.clone(),
        failed.clone(),
        none.clone(),
    ];
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), &[VMS]),
            vec![
                e(id_of(&clean), Pass),
                e(id_of(&missing), Fail),
                e(id_of(&stale), Fail),
                e(id_of(&failed), Unknown),
                e(id_of(&none), Unknown),
                e(id_of(&asleep), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), VMS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
