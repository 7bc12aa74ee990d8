//! Report writers for the places findings go: CSV for spreadsheets, JUnit XML for CI jobs,
//! Markdown for pull requests and step summaries, SARIF for code scanning, OCSF for security
//! data lakes. Each writes finding by finding to any `Write`, so a large report streams.

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use serde_json::json;

use super::Report;
use crate::finding::{Finding, Severity, Status};
use crate::time;

/// An output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The human-readable summary and failures.
    Text,
    /// The JSON report (version 1).
    Json,
    /// SARIF 2.1.0, for GitHub and Azure DevOps code scanning.
    Sarif,
    /// One row per finding, RFC 4180.
    Csv,
    /// JUnit XML: a test suite per check, a test case per resource.
    Junit,
    /// A Markdown summary for a pull request or a CI step summary.
    Markdown,
    /// OCSF 1.3 Compliance Finding records, one JSON object per line.
    Ocsf,
    /// A self-contained HTML page with filters, sorting and a chart.
    Html,
}

impl Format {
    /// Every format, by name.
    pub const ALL: [(&'static str, Format); 8] = [
        ("text", Format::Text),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("csv", Format::Csv),
        ("junit", Format::Junit),
        ("markdown", Format::Markdown),
        ("ocsf", Format::Ocsf),
        ("html", Format::Html),
    ];
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s))
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
                format!("unknown format `{s}` (expected {})", names.join(", "))
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Format::ALL
            .iter()
            .find(|(_, x)| x == self)
            .map_or("?", |(n, _)| *n);
        f.write_str(name)
    }
}

impl Report {
    /// Write the report in a format.
    pub fn write(&self, format: Format, mut w: impl Write) -> io::Result<()> {
        match format {
            Format::Text => super::write_text(self, w),
            Format::Json => {
                self.write_json(&mut w)?;
                w.write_all(b"\n")
            }
            Format::Sarif => write_sarif(self, w),
            Format::Csv => write_csv(self, w),
            Format::Junit => write_junit(self, w),
            Format::Markdown => write_markdown(self, w),
            Format::Ocsf => write_ocsf(self, w),
            Format::Html => super::write_html(self, w),
        }
    }
}

/// The findings of each check, in order.
fn group_by_check(report: &Report) -> std::collections::HashMap<&str, Vec<&Finding>> {
    let mut map: std::collections::HashMap<&str, Vec<&Finding>> = std::collections::HashMap::new();
    for f in &report.findings {
        map.entry(&*f.check_id).or_default().push(f);
    }
    map
}

// ---- CSV ----

const CSV_COLUMNS: [&str; 9] = [
    "check_id",
    "status",
    "severity",
    "resource_id",
    "resource_type",
    "subscription_id",
    "location",
    "message",
    "evidence",
];

fn csv_field(w: &mut impl Write, s: &str) -> io::Result<()> {
    if s.contains([',', '"', '\r', '\n']) {
        w.write_all(b"\"")?;
        w.write_all(s.replace('"', "\"\"").as_bytes())?;
        w.write_all(b"\"")
    } else {
        w.write_all(s.as_bytes())
    }
}

/// One row per finding, RFC 4180: comma-separated, CRLF line ends, fields quoted when they
/// hold a comma, quote or line break, quotes doubled.
pub fn write_csv(report: &Report, mut w: impl Write) -> io::Result<()> {
    w.write_all(CSV_COLUMNS.join(",").as_bytes())?;
    w.write_all(b"\r\n")?;
    for f in &report.findings {
        let fields = [
            &*f.check_id,
            f.status.as_str(),
            f.severity.as_str(),
            &*f.resource_id,
            &*f.resource_type,
            f.subscription_id.as_deref().unwrap_or(""),
            f.location.as_deref().unwrap_or(""),
            &f.message,
            f.evidence.as_json(),
        ];
        for (i, v) in fields.iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            csv_field(&mut w, v)?;
        }
        w.write_all(b"\r\n")?;
    }
    Ok(())
}

// ---- JUnit ----

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one `<testsuite>` per check, one `<testcase>` per resource. Failures are
/// `<failure>`s (so the CI job fails); unknown, manual and waived findings are `<skipped>` with
/// the reason.
pub fn write_junit(report: &Report, mut w: impl Write) -> io::Result<()> {
    let count = |s: Status| report.summary.by_status.get(&s).copied().unwrap_or(0);
    let skipped = count(Status::Unknown) + count(Status::Manual) + count(Status::Waived);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="azaudit" tests="{}" failures="{}" skipped="{skipped}">"#,
        report.findings.len(),
        count(Status::Fail)
    )?;
    // A partial collection: the count, and each gap, as properties of a suite of its own
    // (properties belong to a suite in the JUnit schema).
    writeln!(w, r#"  <testsuite name="azaudit.coverage" tests="0">"#)?;
    writeln!(w, "    <properties>")?;
    writeln!(
        w,
        r#"      <property name="coverageGaps" value="{}"/>"#,
        report.coverage_gaps.len()
    )?;
    for g in &report.coverage_gaps {
        writeln!(
            w,
            r#"      <property name="coverageGap" value="{}"/>"#,
            xml(&g.reason)
        )?;
    }
    writeln!(w, "    </properties>")?;
    writeln!(w, "  </testsuite>")?;
    let by_check = group_by_check(report);
    for check in &report.checks {
        let n = |s: Status| check.counts.get(&s).copied().unwrap_or(0);
        let total: usize = check.counts.values().sum();
        writeln!(
            w,
            r#"  <testsuite name="{}" tests="{total}" failures="{}" skipped="{}">"#,
            xml(&check.id),
            n(Status::Fail),
            n(Status::Unknown) + n(Status::Manual) + n(Status::Waived)
        )?;
        for f in by_check.get(check.id.as_str()).into_iter().flatten() {
            write!(
                w,
                r#"    <testcase classname="{}" name="{}""#,
                xml(&check.id),
                xml(&f.resource_id)
            )?;
            match f.status {
                Status::Pass => writeln!(w, "/>")?,
                Status::Fail => writeln!(
                    w,
                    ">\n      <failure type=\"{}\" message=\"{}\">{}\nFix: {}</failure>\n    </testcase>",
                    f.severity,
                    xml(&f.message),
                    xml(f.evidence.as_json()),
                    xml(&check.remediation)
                )?,
                other => writeln!(
                    w,
                    ">\n      <skipped message=\"{other}: {}\"/>\n    </testcase>",
                    xml(&f.message)
                )?,
            }
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}

// ---- Markdown ----

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// A Markdown summary: counts by severity, then the failed checks with their resources and
/// fixes (each check's list folded), then what could not be assessed.
pub fn write_markdown(report: &Report, mut w: impl Write) -> io::Result<()> {
    let s = &report.summary;
    let n = |st: Status| s.by_status.get(&st).copied().unwrap_or(0);
    writeln!(
        w,
        "## azaudit: {} failed, {} unknown\n",
        n(Status::Fail),
        n(Status::Unknown)
    )?;
    writeln!(
        w,
        "{} checks over {} records in {} subscriptions{}: **{} fail**, {} unknown, {} manual, {} waived, {} pass.\n",
        s.checks,
        s.records,
        s.subscriptions,
        s.collected_at
            .as_deref()
            .map(|c| format!(" (collected {c})"))
            .unwrap_or_default(),
        n(Status::Fail),
        n(Status::Unknown),
        n(Status::Manual),
        n(Status::Waived),
        n(Status::Pass)
    )?;
    writeln!(
        w,
        "| severity | fail | unknown | pass |\n|---|---:|---:|---:|"
    )?;
    for sev in Severity::ALL {
        if let Some(c) = s.by_severity.get(&sev) {
            let g = |st: Status| c.get(&st).copied().unwrap_or(0);
            writeln!(
                w,
                "| {sev} | {} | {} | {} |",
                g(Status::Fail),
                g(Status::Unknown),
                g(Status::Pass)
            )?;
        }
    }
    let mut failing: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.counts.get(&Status::Fail).copied().unwrap_or(0) > 0)
        .collect();
    failing.sort_by_key(|c| std::cmp::Reverse(c.severity));
    if !failing.is_empty() {
        writeln!(w, "\n### Failed checks\n")?;
    }
    let by_check = group_by_check(report);
    for c in failing {
        let fails: Vec<&Finding> = by_check
            .get(c.id.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|f| f.status == Status::Fail)
            .collect();
        writeln!(
            w,
            "<details><summary><b>{}</b> <code>{}</code>: {} ({} failed)</summary>\n",
            c.severity,
            c.id,
            md(&c.title),
            fails.len()
        )?;
        writeln!(w, "| resource | finding |\n|---|---|")?;
        for f in fails.iter().take(50) {
            writeln!(
                w,
                "| `{}` | {} |",
                md(&super::display_name(report, f)),
                md(&f.message)
            )?;
        }
        if fails.len() > 50 {
            writeln!(w, "| … | {} more |", fails.len() - 50)?;
        }
        let fix = if c.remediation_cli.is_empty() {
            md(&c.remediation)
        } else {
            format!("`{}`", c.remediation_cli.replace('`', "'"))
        };
        writeln!(w, "\n**Fix:** {fix}\n\n</details>\n")?;
    }
    Ok(())
}

// ---- SARIF ----

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` scale: 9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

/// SARIF 2.1.0: one rule per check run (id, title, rule, rationale and fix as help, severity
/// as level and `security-severity`), one result per failing finding, located by the
/// resource's ARM id (as a logical location, and as a pseudo-path artifact so that code
/// scanning services, which want a file, show it).
pub fn write_sarif(report: &Report, mut w: impl Write) -> io::Result<()> {
    let rules: Vec<serde_json::Value> = report
        .checks
        .iter()
        .map(|c| {
            let mut tags = vec!["security".to_string(), "azure".to_string(), c.service.clone()];
            tags.extend(c.cis.iter().map(|r| format!("CIS-Azure-3.0.0/{r}")));
            let counterparts = crate::counterparts::of(&c.id);
            let policy: Vec<&str> = counterparts
                .iter()
                .flat_map(|x| x.azure_policy.iter().map(|d| d.id))
                .collect();
            let prowler: Vec<&str> = counterparts
                .iter()
                .flat_map(|x| x.prowler.iter().copied())
                .collect();
            json!({
                "id": c.id,
                "name": c.id.replace('.', "/"),
                "shortDescription": {"text": c.title},
                "fullDescription": {"text": c.rationale},
                "help": {
                    "text": format!("{}\n\nFix: {}\n{}", c.rationale, c.remediation, c.remediation_cli),
                    "markdown": format!("{}\n\n**Fix:** {}\n\n```sh\n{}\n```", c.rationale, c.remediation, c.remediation_cli),
                },
                "defaultConfiguration": {"level": sarif_level(c.severity)},
                "properties": {"security-severity": security_severity(c.severity), "tags": tags, "precision": "high",
                    "azurePolicyDefinitions": policy, "prowlerChecks": prowler},
            })
        })
        .collect();
    let index: std::collections::HashMap<&str, usize> = report
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let head = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
    });
    let driver = json!({
        "name": "azaudit",
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://github.com/azaudit/azaudit",
        "rules": rules,
    });
    // Stream: the header and the rules, then each result as it is serialized.
    let head = serde_json::to_string(&head).map_err(io::Error::other)?;
    write!(
        w,
        "{},\"runs\":[{{\"tool\":{{\"driver\":",
        &head[..head.len() - 1]
    )?;
    serde_json::to_writer(&mut w, &driver)?;
    // A partial collection is said where code scanning shows a run's health: the invocation's
    // notifications, one per gap, and the count in the run's properties.
    let notifications: Vec<serde_json::Value> = report
        .coverage_gaps
        .iter()
        .map(|g| json!({"level": "warning", "message": {"text": g.reason}, "properties": {"scope": g.scope, "type": g.resource_type, "status": g.status}}))
        .collect();
    let invocation = json!([{
        "executionSuccessful": true,
        "toolExecutionNotifications": notifications,
    }]);
    write!(w, "}},\"invocations\":")?;
    serde_json::to_writer(&mut w, &invocation)?;
    write!(
        w,
        ",\"properties\":{{\"coverageGaps\":{}}}",
        report.coverage_gaps.len()
    )?;
    write!(w, ",\"columnKind\":\"unicodeCodePoints\",\"results\":[")?;
    let mut first = true;
    for f in report.failed() {
        let idx = index.get(&*f.check_id).copied().unwrap_or(0);
        let result = json!({
            "ruleId": &*f.check_id,
            "ruleIndex": idx,
            "level": sarif_level(f.severity),
            "message": {"text": format!("{}: {}", super::display_name(report, f), f.message)},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": format!("azure{}", &*f.resource_id), "uriBaseId": "AZURE"},
                    "region": {"startLine": 1},
                },
                "logicalLocations": [{"fullyQualifiedName": &*f.resource_id, "kind": "resource"}],
            }],
            "partialFingerprints": {"azaudit/v1": fingerprint(&f.check_id, &f.resource_id)},
            "properties": {"security-severity": security_severity(f.severity), "evidence": raw_evidence(f)},
        });
        if !first {
            w.write_all(b",")?;
        }
        first = false;
        serde_json::to_writer(&mut w, &result)?;
    }
    writeln!(w, "]}}]}}")
}

/// A stable identity for a finding across runs: the check and the resource, case-folded.
fn fingerprint(check: &str, resource: &str) -> String {
    format!(
        "{:016x}",
        crate::intern::hash_ci(&format!("{check}|{resource}"))
    )
}

// ---- OCSF ----

fn ocsf_severity(s: Severity) -> (u8, &'static str) {
    match s {
        Severity::Info => (1, "Informational"),
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}

#[derive(serde::Serialize)]
struct OcsfRecord<'a> {
    class_uid: u32,
    class_name: &'static str,
    category_uid: u32,
    category_name: &'static str,
    activity_id: u32,
    activity_name: &'static str,
    type_uid: u32,
    type_name: &'static str,
    time: i64,
    severity_id: u8,
    severity: &'static str,
    status_id: u8,
    status: &'static str,
    status_detail: &'static str,
    message: &'a str,
    metadata: OcsfMetadata,
    finding_info: OcsfFindingInfo<'a>,
    compliance: OcsfCompliance<'a>,
    remediation: OcsfRemediation<'a>,
    cloud: OcsfCloud<'a>,
    resources: [OcsfResource<'a>; 1],
    unmapped: OcsfUnmapped<'a>,
}

#[derive(serde::Serialize)]
struct OcsfMetadata {
    version: &'static str,
    product: OcsfProduct,
}

#[derive(serde::Serialize)]
struct OcsfProduct {
    name: &'static str,
    vendor_name: &'static str,
    version: &'static str,
}

#[derive(serde::Serialize)]
struct OcsfFindingInfo<'a> {
    uid: String,
    title: &'a str,
    desc: &'a str,
    types: [&'a str; 1],
}

#[derive(serde::Serialize)]
struct OcsfCompliance<'a> {
    control: &'a str,
    requirements: &'a [String],
    standards: [&'static str; 1],
    status_id: u8,
    status: &'static str,
}

#[derive(serde::Serialize)]
struct OcsfRemediation<'a> {
    desc: &'a str,
}

#[derive(serde::Serialize)]
struct OcsfCloud<'a> {
    provider: &'static str,
    region: Option<&'a str>,
    account: OcsfAccount<'a>,
    org: OcsfOrg<'a>,
}

#[derive(serde::Serialize)]
struct OcsfAccount<'a> {
    uid: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
    type_id: u8,
}

#[derive(serde::Serialize)]
struct OcsfOrg<'a> {
    uid: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct OcsfResource<'a> {
    uid: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    region: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct OcsfUnmapped<'a> {
    evidence: &'a serde_json::value::RawValue,
}

/// Evidence as raw JSON to copy into an output (`null` if it were ever not JSON).
fn raw_evidence(f: &Finding) -> &serde_json::value::RawValue {
    serde_json::from_str(f.evidence.as_json())
        .unwrap_or_else(|_| serde_json::from_str("null").expect("null is JSON"))
}

/// OCSF 1.3.0 Compliance Finding (class 2003) records, one per finding, as JSON lines.
/// Compliance status: pass 1, fail 3, unknown and manual 0 (with the reason); a waived
/// failure is a fail whose finding status is Suppressed.
pub fn write_ocsf(report: &Report, mut w: impl Write) -> io::Result<()> {
    let time_ms = time::parse_timestamp(&report.summary.evaluated_at).unwrap_or(0) * 1000;
    let checks: std::collections::HashMap<&str, &super::CheckOutcome> =
        report.checks.iter().map(|c| (c.id.as_str(), c)).collect();
    let none: Vec<String> = Vec::new();
    for f in &report.findings {
        let check = checks.get(&*f.check_id);
        let (severity_id, severity) = ocsf_severity(f.severity);
        let (compliance_status_id, compliance_status) = match f.status {
            Status::Pass => (1, "Pass"),
            Status::Fail | Status::Waived => (3, "Fail"),
            Status::Unknown | Status::Manual => (0, "Unknown"),
        };
        let (status_id, status) = match f.status {
            Status::Waived => (3, "Suppressed"),
            Status::Pass => (4, "Resolved"),
            _ => (1, "New"),
        };
        let record = OcsfRecord {
            class_uid: 2003,
            class_name: "Compliance Finding",
            category_uid: 2,
            category_name: "Findings",
            activity_id: 1,
            activity_name: "Create",
            type_uid: 200301,
            type_name: "Compliance Finding: Create",
            time: time_ms,
            severity_id,
            severity,
            status_id,
            status,
            status_detail: f.status.as_str(),
            message: &f.message,
            metadata: OcsfMetadata {
                version: "1.3.0",
                product: OcsfProduct {
                    name: "azaudit",
                    vendor_name: "azaudit",
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
            finding_info: OcsfFindingInfo {
                uid: fingerprint(&f.check_id, &f.resource_id),
                title: check.map_or(&*f.check_id, |c| c.title.as_str()),
                desc: check.map_or("", |c| c.rationale.as_str()),
                types: [&*f.check_id],
            },
            compliance: OcsfCompliance {
                control: &f.check_id,
                requirements: check.map_or(&none, |c| &c.cis),
                standards: ["CIS Microsoft Azure Foundations Benchmark 3.0.0"],
                status_id: compliance_status_id,
                status: compliance_status,
            },
            remediation: OcsfRemediation {
                desc: check.map_or("", |c| c.remediation.as_str()),
            },
            cloud: OcsfCloud {
                provider: "Azure",
                region: f.location.as_deref(),
                account: OcsfAccount {
                    uid: f.subscription_id.as_deref(),
                    kind: "Azure Subscription",
                    type_id: 99,
                },
                org: OcsfOrg {
                    uid: report.summary.tenant_id.as_deref(),
                },
            },
            resources: [OcsfResource {
                uid: &f.resource_id,
                name: f.resource_name(),
                kind: &f.resource_type,
                region: f.location.as_deref(),
            }],
            unmapped: OcsfUnmapped {
                evidence: raw_evidence(f),
            },
        };
        serde_json::to_writer(&mut w, &record)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
