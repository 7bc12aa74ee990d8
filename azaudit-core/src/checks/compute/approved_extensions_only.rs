//! `compute.approved_extensions_only`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::glob::glob_match;
use crate::model::VmExtension;

/// Only extensions from approved publishers are installed.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "compute.approved_extensions_only",
        title: "Only approved VM extensions are installed",
        service: "compute",
        level: 2,
        severity: Severity::Medium,
        reads: &[super::EXTENSIONS],
        rule: "Per VM extension: pass iff its `publisher` matches one of `cfg.approved_extension_publishers` (globs, case-insensitive; default `Microsoft.*`); fail otherwise; unknown when the publisher is absent.",
        rationale: "Extensions run as SYSTEM or root inside the VM; an unvetted one is arbitrary code with full control of the machine.",
        remediation: Remediation {
            portal: "Virtual machine > Settings > Extensions + applications > uninstall the extension, or add its publisher to the approved list after review.",
            cli: "az vm extension delete --resource-group <rg> --vm-name <vm> --name <extension>",
        },
        cis: &["8.7"],
        references: &["https://learn.microsoft.com/azure/virtual-machines/extensions/overview"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let approved = &cx.config.approved_extension_publishers;
    // The list is the same in every finding's evidence: serialize it once.
    let approved_json =
        serde_json::value::to_raw_value(approved).map_err(|e| crate::CheckError(e.to_string()))?;
    cx.each::<VmExtension>(&covered, out, |r, x, out| {
        let publisher = x.properties.publisher.as_deref();
        let ev = crate::evidence!({"publisher": publisher, "type": x.properties.extension_type, "approved": approved_json});
        let ok = publisher.map(|p| approved.iter().any(|g| glob_match(g, p)));
        match ok {
            Some(true) => out.pass(r, "The extension's publisher is approved.", ev),
            Some(false) => {
                out.fail(r, format!("Extension publisher {} is not on the approved list.", publisher.unwrap_or("?")), ev);
            }
            None => out.unknown(r, "The extension does not report its publisher.", ev),
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
    let v = vm("vm1", json!({}));
    let ms = ext(
        &v,
        "AzureMonitorLinuxAgent",
        "Microsoft.Azure.Monitor",
        "AzureMonitorLinuxAgent",
    );
    let third = ext(&v, "CustomAgent", "Contoso.Tools", "Agent");
    let blank = crate::checks::testing::child(&v, "extensions", "blank", json!({"type": "X"}));
    let recs = vec![v, ms.clone(), third.clone(), blank.clone()];
    let mut cfg = crate::Config::default();
    cfg.approved_extension_publishers.push("Contoso.*".into());
    vec![
        Case::new(
            "default list",
            doc(recs.clone(), &[EXTENSIONS]),
            vec![
                e(id_of(&ms), Pass),
                e(id_of(&third), Fail),
                e(id_of(&blank), Unknown),
            ],
        ),
        Case::new(
            "configured list",
            doc(recs.clone(), &[EXTENSIONS]),
            vec![
                e(id_of(&ms), Pass),
                e(id_of(&third), Pass),
                e(id_of(&blank), Unknown),
            ],
        )
        .with_config(cfg),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), EXTENSIONS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
