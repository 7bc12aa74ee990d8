//! The text report: what a person reads at a glance in a terminal.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Report, StatusCounts, display_name, place};
use crate::finding::{Finding, Status};
use crate::ids;

const COLUMNS: [Status; 5] = Status::ALL;

fn row(w: &mut impl Write, label: &str, counts: &StatusCounts) -> io::Result<()> {
    write!(w, "  {label:<12}")?;
    for s in COLUMNS {
        write!(w, "{:>9}", counts.get(&s).copied().unwrap_or(0))?;
    }
    writeln!(w)
}

fn header(w: &mut impl Write, title: &str) -> io::Result<()> {
    write!(w, "{title:<14}")?;
    for s in COLUMNS {
        write!(w, "{:>9}", s.as_str())?;
    }
    writeln!(w)
}

/// Write the summary by status, severity and service, then the failed findings grouped by
/// check (most severe first) with each resource's name and the fix, then what could not be
/// assessed.
pub fn write_text(report: &Report, mut w: impl Write) -> io::Result<()> {
    let s = &report.summary;
    writeln!(
        w,
        "azaudit: tenant {}, {} subscriptions, {} records{}",
        s.tenant_id.as_deref().unwrap_or("(unknown)"),
        s.subscriptions,
        s.records,
        s.collected_at
            .as_deref()
            .map(|c| format!(", collected {c}"))
            .unwrap_or_default()
    )?;
    let parts: Vec<String> = COLUMNS
        .iter()
        .map(|st| format!("{} {st}", s.by_status.get(st).copied().unwrap_or(0)))
        .collect();
    writeln!(
        w,
        "{} checks, {} findings: {}\n",
        s.checks,
        s.findings,
        parts.join(", ")
    )?;
    if s.coverage_gaps > 0 {
        writeln!(
            w,
            "Partial data: {} (scope, type) the checks need were not collected whole; their findings there are unknown.\n",
            s.coverage_gaps
        )?;
    }

    if let Some(b) = &report.baseline {
        writeln!(
            w,
            "Against the baseline: {} new failure(s), {} unchanged, {} fixed\n",
            b.new,
            b.unchanged,
            b.fixed.len()
        )?;
    }
    header(&mut w, "By severity")?;
    for (sev, counts) in s.by_severity.iter().rev() {
        row(&mut w, sev.as_str(), counts)?;
    }
    writeln!(w)?;
    header(&mut w, "By service")?;
    for (svc, counts) in &s.by_service {
        row(&mut w, svc, counts)?;
    }

    if let Some(c) = &report.compliance {
        let parts: Vec<String> = c.summary.iter().map(|(k, v)| format!("{v} {k}")).collect();
        writeln!(w, "\n{}: {}", c.title, parts.join(", "))?;
        for r in &c.requirements {
            let failing = if r.failing.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = r
                    .failing
                    .iter()
                    .map(|id| {
                        report
                            .summary
                            .resource_names
                            .get(id)
                            .map_or_else(|| ids::last_segment(id), String::as_str)
                    })
                    .take(5)
                    .collect();
                format!(" [{}]", names.join(", "))
            };
            writeln!(w, "  {:<12} {:<8} {}{failing}", r.status, r.id, r.title)?;
        }
    }

    let mut failed: BTreeMap<(std::cmp::Reverse<crate::Severity>, &str), Vec<&Finding>> =
        BTreeMap::new();
    for f in report.failed() {
        failed
            .entry((std::cmp::Reverse(f.severity), &*f.check_id))
            .or_default()
            .push(f);
    }
    if failed.is_empty() {
        writeln!(w, "\nNo failed findings.")?;
    } else {
        writeln!(w, "\nFailed findings")?;
    }
    let by_id: BTreeMap<&str, &super::CheckOutcome> =
        report.checks.iter().map(|c| (c.id.as_str(), c)).collect();
    for ((sev, id), fs) in &failed {
        let check = by_id.get(id);
        writeln!(
            w,
            "\n[{}] {id}: {} ({} failed)",
            sev.0.as_str().to_uppercase(),
            check.map(|c| c.title.as_str()).unwrap_or(""),
            fs.len()
        )?;
        for f in fs {
            let new = if f.change == Some(crate::finding::Change::New) {
                " [new]"
            } else {
                ""
            };
            writeln!(
                w,
                "  - {}{new} ({}): {}",
                display_name(report, f),
                place(report, f),
                f.message
            )?;
        }
        if let Some(c) = check {
            let fix = if c.remediation_cli.is_empty() {
                &c.remediation
            } else {
                &c.remediation_cli
            };
            writeln!(w, "  fix: {fix}")?;
        }
    }

    let mut unknown: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in report
        .findings
        .iter()
        .filter(|f| f.status == Status::Unknown)
    {
        unknown.entry(&*f.check_id).or_default().push(f);
    }
    if !unknown.is_empty() {
        writeln!(
            w,
            "\nNot assessed (unknown: data missing, forbidden or unreadable)"
        )?;
        for (id, fs) in &unknown {
            writeln!(
                w,
                "  {id}: {} finding(s), e.g. {}: {}",
                fs.len(),
                display_name(report, fs[0]),
                fs[0].message
            )?;
        }
    }
    let expired: Vec<_> = report.waivers.iter().filter(|u| u.expired).collect();
    for u in expired {
        writeln!(
            w,
            "\nwarning: waiver for {} on {} expired on {} and was not applied ({} finding(s) matched)",
            u.waiver.check,
            u.waiver.resource,
            u.waiver.expires.as_deref().unwrap_or("?"),
            u.matched
        )?;
    }
    Ok(())
}
