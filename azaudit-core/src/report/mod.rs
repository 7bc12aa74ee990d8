//! Reports: the findings of a run with their summary, and writers for each output format.

mod baseline;
mod compliance;
mod formats;
mod html;
mod text;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::{CheckMeta, Remediation};
use crate::config::Waiver;
use crate::finding::{Finding, Severity, Status};
use crate::snapshot::Snapshot;
use crate::{ids, time};

pub use crate::finding::Change;
pub use baseline::{BaselineSummary, Fixed};
pub use compliance::{
    ComplianceView, Framework, Requirement, RequirementResult, framework, frameworks,
    requirements_of,
};
pub use formats::{Format, write_csv, write_junit, write_markdown, write_ocsf, write_sarif};
pub use html::write_html;
pub use text::write_text;

/// The report format version.
pub const REPORT_VERSION: u32 = 1;

/// Counts of findings per status.
pub type StatusCounts = BTreeMap<Status, usize>;

/// Counts by status, severity and service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The tenant audited, when known.
    pub tenant_id: Option<String>,
    /// Subscriptions in the snapshot.
    pub subscriptions: usize,
    /// Display names of the subscriptions that have one, by subscription id.
    #[serde(default)]
    pub subscription_names: BTreeMap<String, String>,
    /// The names people know for the resources the findings are about whose id ends in an
    /// opaque id (a user's UPN, a custom role's name), by resource id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_names: BTreeMap<String, String>,
    /// Records in the snapshot.
    pub records: usize,
    /// When the snapshot was collected.
    pub collected_at: Option<String>,
    /// The time ages were judged against.
    pub evaluated_at: String,
    /// Checks run.
    pub checks: usize,
    /// Findings in all.
    pub findings: usize,
    /// Findings per status.
    pub by_status: StatusCounts,
    /// Findings per severity, then status.
    pub by_severity: BTreeMap<Severity, StatusCounts>,
    /// Findings per service, then status.
    pub by_service: BTreeMap<String, StatusCounts>,
    /// (scope, type)s the checks needed that were not collected whole.
    #[serde(default)]
    pub coverage_gaps: usize,
}

/// What one check did in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CheckOutcome {
    /// Check id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Service.
    pub service: String,
    /// Benchmark level.
    pub level: u8,
    /// Severity.
    pub severity: Severity,
    /// Findings per status.
    pub counts: StatusCounts,
    /// How to fix a failure (portal).
    pub remediation: String,
    /// How to fix a failure (CLI).
    pub remediation_cli: String,
    /// Why it matters.
    pub rationale: String,
    /// CIS Azure Foundations 3.0.0 recommendations.
    pub cis: Vec<String>,
    /// Set when the check failed to run; its findings are then `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl CheckOutcome {
    /// Summarize a check's findings.
    pub fn new(meta: &CheckMeta, findings: &[Finding], error: Option<String>) -> Self {
        Self::from_tally(meta, &Tally::of(findings), error)
    }

    /// Summarize a check from its findings' tally.
    pub(crate) fn from_tally(meta: &CheckMeta, tally: &Tally, error: Option<String>) -> Self {
        let Remediation { portal, cli } = meta.remediation;
        CheckOutcome {
            id: meta.id.into(),
            title: meta.title.into(),
            service: meta.service.into(),
            level: meta.level,
            severity: meta.severity,
            counts: counts_of(&tally.by_status()),
            remediation: portal.into(),
            remediation_cli: cli.into(),
            rationale: meta.rationale.into(),
            cis: meta.cis.iter().map(|s| s.to_string()).collect(),
            error,
        }
    }
}

/// Findings counted by severity and status, in fixed tables: counting a million findings
/// should not mean a million map lookups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// `[severity as usize][position in Status::ALL]`.
    cells: [[usize; 5]; 5],
}

impl Tally {
    /// Count findings.
    pub(crate) fn of(findings: &[Finding]) -> Self {
        let mut t = Tally::default();
        for f in findings {
            t.cells[f.severity as usize][status_slot(f.status)] += 1;
        }
        t
    }
    /// Add another tally.
    pub(crate) fn add(&mut self, other: &Tally) {
        for (row, o) in self.cells.iter_mut().zip(other.cells.iter()) {
            for (c, n) in row.iter_mut().zip(o.iter()) {
                *c += n;
            }
        }
    }
    /// Counts per status (position in `Status::ALL`).
    fn by_status(&self) -> [usize; 5] {
        let mut out = [0; 5];
        for row in &self.cells {
            for (o, n) in out.iter_mut().zip(row.iter()) {
                *o += n;
            }
        }
        out
    }
}

fn status_slot(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// Non-zero counts as a map.
fn counts_of(per_status: &[usize; 5]) -> StatusCounts {
    per_status
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| (Status::ALL[i], *n))
        .collect()
}

/// How a waiver was used in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WaiverUse {
    /// The waiver.
    #[serde(flatten)]
    pub waiver: Waiver,
    /// It is past its expiry date and was not applied.
    pub expired: bool,
    /// Failing findings it matched.
    pub matched: usize,
}

/// The result of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Report format version (1).
    pub version: u32,
    /// Counts.
    pub summary: Summary,
    /// Every finding, in catalog order.
    pub findings: Vec<Finding>,
    /// Every check run.
    pub checks: Vec<CheckOutcome>,
    /// The waivers configured and how they applied.
    #[serde(default)]
    pub waivers: Vec<WaiverUse>,
    /// The comparison with a baseline report, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub baseline: Option<BaselineSummary>,
    /// The report through a compliance framework, when one was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    pub compliance: Option<ComplianceView>,
    /// What the checks run needed and the snapshot does not hold whole (a partial
    /// collection): their findings there are `unknown`.
    #[serde(default)]
    pub coverage_gaps: Vec<CoverageGap>,
}

/// One (scope, type) a check needed that was not collected whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CoverageGap {
    /// `/subscriptions/<id>` or `/tenants/<id>`.
    pub scope: String,
    /// The type (as the checks read it).
    #[serde(rename = "type")]
    pub resource_type: String,
    /// How it failed.
    pub status: crate::snapshot::CoverageStatus,
    /// Why, as the coverage record says.
    pub reason: String,
}

/// The [`Label`](crate::resource_types::Label) of each resource the findings name whose type
/// has one (a user's UPN), once per resource, from views parsed at load.
fn resource_names(snapshot: &Snapshot, findings: &[Finding]) -> BTreeMap<String, String> {
    use crate::resource_types::{LABELS, Label};
    let labelled = |ty: &str| -> Option<Label> {
        LABELS.iter().find_map(|(entry, label)| {
            std::iter::once(entry.record_type())
                .chain(entry.aliases.iter().copied())
                .any(|t| t.eq_ignore_ascii_case(ty))
                .then_some(*label)
        })
    };
    // A check's findings are consecutive and share their type's string: judge the type once
    // per run of findings, not once per finding.
    let mut last_type: Option<(&str, Option<Label>)> = None;
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut names = BTreeMap::new();
    for f in findings {
        let label = match last_type {
            Some((ty, label)) if std::ptr::eq(ty, &*f.resource_type) => label,
            _ => {
                let label = labelled(&f.resource_type);
                last_type = Some((&f.resource_type, label));
                label
            }
        };
        let Some(label) = label else { continue };
        if !seen.insert(&f.resource_id) {
            continue;
        }
        if let Some(name) = snapshot
            .get(&f.resource_id)
            .and_then(|r| label(snapshot, r))
        {
            names.insert(f.resource_id.to_string(), name);
        }
    }
    names
}

/// The name a person recognises for a finding's resource: the label the report holds for it
/// (a user's UPN), the subscription's display name, a service under its account
/// (`<account>/blobServices` rather than `default`), or the id's last segment.
pub fn display_name(report: &Report, f: &Finding) -> String {
    let s = &report.summary;
    if let Some(name) = s.resource_names.get(&*f.resource_id) {
        return name.clone();
    }
    if let Some(sub) = ids::subscription_of_scope(&f.resource_id)
        && ids::same_id(&f.resource_id, &ids::subscription_scope(sub))
        && let Some((_, name)) = s
            .subscription_names
            .iter()
            .find(|(id, _)| id.eq_ignore_ascii_case(sub))
    {
        return format!("subscription {name}");
    }
    // A report read from JSON written before `resourceNames` existed: the UPN or role name
    // the evidence carries, looked for only where the name is an object id.
    let opaque = |name: &str| name.len() == 36 && name.bytes().filter(|&b| b == b'-').count() == 4;
    if opaque(f.resource_name())
        && let Some(n) = ["userPrincipalName", "roleName"].iter().find_map(|k| {
            f.evidence
                .get(k)
                .and_then(|v| v.as_str().map(str::to_string))
        })
    {
        return n;
    }
    let mut segs = f.resource_id.rsplit('/');
    match (segs.next(), segs.next(), segs.next()) {
        (Some(last), Some(kind), Some(parent)) if last.eq_ignore_ascii_case("default") => {
            format!("{parent}/{kind}")
        }
        _ => f.resource_name().to_string(),
    }
}

/// Where a resource lives, for people: `subscription/resource group` by the subscription's
/// display name (its id's first 8 characters without one), or `tenant`.
pub fn place(report: &Report, f: &Finding) -> String {
    let names = &report.summary.subscription_names;
    let sub = |s: &str| {
        names
            .iter()
            .find(|(id, _)| id.eq_ignore_ascii_case(s))
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| s.get(..8).unwrap_or(s).to_string())
    };
    match (
        f.subscription_id.as_deref(),
        ids::resource_group_of(&f.resource_id),
    ) {
        (Some(s), Some(rg)) => format!("{}/{rg}", sub(s)),
        (Some(s), None) => sub(s),
        (None, _) => "tenant".into(),
    }
}

impl Report {
    /// Assemble a report.
    pub fn new(
        snapshot: &Snapshot,
        now: i64,
        findings: Vec<Finding>,
        checks: Vec<CheckOutcome>,
        waivers: Vec<WaiverUse>,
    ) -> Self {
        let mut summary = Self::summary_head(snapshot, now, checks.len(), findings.len());
        summary.resource_names = resource_names(snapshot, &findings);
        let service_of: BTreeMap<&str, &str> = checks
            .iter()
            .map(|c| (c.id.as_str(), c.service.as_str()))
            .collect();
        let mut by_check: BTreeMap<&str, [usize; 5]> = BTreeMap::new();
        for f in &findings {
            by_check.entry(&f.check_id).or_default()[status_slot(f.status)] += 1;
        }
        let mut by_service: BTreeMap<String, [usize; 5]> = BTreeMap::new();
        for (id, counts) in by_check {
            let service = service_of.get(id).copied().unwrap_or("other");
            let sum = by_service.entry(service.to_string()).or_default();
            for (s, n) in sum.iter_mut().zip(counts) {
                *s += n;
            }
        }
        let by_service = by_service
            .into_iter()
            .map(|(k, v)| (k, counts_of(&v)))
            .collect();
        let tally = Tally::of(&findings);
        Self::from_parts(summary, tally, by_service, findings, checks, waivers)
    }

    fn summary_head(snapshot: &Snapshot, now: i64, checks: usize, findings: usize) -> Summary {
        Summary {
            tenant_id: snapshot.tenant_id().map(str::to_string),
            subscriptions: snapshot.subscriptions().len(),
            subscription_names: snapshot
                .subscriptions()
                .iter()
                .filter_map(|s| Some((s.subscription_id.clone(), s.display_name.clone()?)))
                .collect(),
            records: snapshot.len(),
            collected_at: snapshot.info().collected_at.clone(),
            evaluated_at: time::format_timestamp(now),
            checks,
            findings,
            ..Summary::default()
        }
    }

    /// Assemble a report whose findings are already counted (the engine counts each check's
    /// findings on the thread that evaluated it).
    pub(crate) fn assemble(
        snapshot: &Snapshot,
        now: i64,
        tally: Tally,
        findings: Vec<Finding>,
        checks: Vec<CheckOutcome>,
        waivers: Vec<WaiverUse>,
    ) -> Self {
        debug_assert_eq!(tally, Tally::of(&findings));
        let mut summary = Self::summary_head(snapshot, now, checks.len(), findings.len());
        summary.resource_names = resource_names(snapshot, &findings);
        let mut by_service: BTreeMap<String, StatusCounts> = BTreeMap::new();
        for c in &checks {
            let service = by_service.entry(c.service.clone()).or_default();
            for (status, n) in &c.counts {
                *service.entry(*status).or_default() += n;
            }
        }
        by_service.retain(|_, counts| !counts.is_empty());
        Self::from_parts(summary, tally, by_service, findings, checks, waivers)
    }

    fn from_parts(
        mut summary: Summary,
        tally: Tally,
        by_service: BTreeMap<String, StatusCounts>,
        findings: Vec<Finding>,
        checks: Vec<CheckOutcome>,
        waivers: Vec<WaiverUse>,
    ) -> Self {
        for sev in Severity::ALL {
            let counts = counts_of(&tally.cells[sev as usize]);
            if !counts.is_empty() {
                summary.by_severity.insert(sev, counts);
            }
        }
        summary.by_status = counts_of(&tally.by_status());
        summary.by_service = by_service;
        Report {
            version: REPORT_VERSION,
            summary,
            findings,
            checks,
            waivers,
            baseline: None,
            compliance: None,
            coverage_gaps: Vec::new(),
        }
    }

    /// The failing findings.
    pub fn failed(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.status == Status::Fail)
    }

    /// Whether a failing finding at or above `severity` exists.
    pub fn has_failure_at_or_above(&self, severity: Severity) -> bool {
        self.failed().any(|f| f.severity >= severity)
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serializes")
    }

    /// Write the report as JSON.
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        // `From` keeps an I/O error's kind (a closed pipe stays `BrokenPipe`).
        serde_json::to_writer_pretty(w, self).map_err(std::io::Error::from)
    }
}
