//! Compliance views: each requirement of a framework (the CIS Microsoft Azure Foundations
//! Benchmark 3.0.0, the Microsoft cloud security benchmark) as pass, fail, unknown, manual or
//! not covered, with the findings behind it. The mapping is data (`data/compliance.json`),
//! versioned with the catalog.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Report, StatusCounts};
use crate::finding::Status;

/// A framework and its requirements, as the data file maps them to checks.
#[derive(Debug, Clone, Deserialize)]
pub struct Framework {
    /// Stable id (`cis-azure-3.0`, `mcsb`).
    pub id: String,
    /// Name and version.
    pub title: String,
    /// Its requirements, in the framework's order.
    pub requirements: Vec<Requirement>,
}

/// One requirement (recommendation, control) and the checks that implement it.
#[derive(Debug, Clone, Deserialize)]
pub struct Requirement {
    /// The framework's id for it (`4.1`, `NS-1`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// The check ids that implement it (none: not covered by azaudit).
    pub checks: Vec<String>,
}

#[derive(Deserialize)]
struct Data {
    version: u32,
    frameworks: Vec<Framework>,
}

/// Every framework of the data file.
pub fn frameworks() -> &'static [Framework] {
    static DATA: OnceLock<Vec<Framework>> = OnceLock::new();
    DATA.get_or_init(|| {
        let data: Data = serde_json::from_str(include_str!("../../data/compliance.json"))
            .expect("data/compliance.json is valid (tested)");
        assert_eq!(data.version, 1, "compliance data version");
        data.frameworks
    })
}

/// A framework by id.
pub fn framework(id: &str) -> Option<&'static Framework> {
    frameworks().iter().find(|f| f.id.eq_ignore_ascii_case(id))
}

/// How a requirement stands in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequirementResult {
    /// The requirement's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `pass`, `fail`, `unknown`, `manual` or `not covered`.
    pub status: String,
    /// The checks behind it.
    pub checks: Vec<String>,
    /// Their findings, per status.
    pub counts: StatusCounts,
    /// Resources that fail it (at most 20).
    pub failing: Vec<String>,
}

/// A framework's requirements in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceView {
    /// The framework's id.
    pub framework: String,
    /// Its title.
    pub title: String,
    /// Requirements per status.
    pub summary: BTreeMap<String, usize>,
    /// Every requirement.
    pub requirements: Vec<RequirementResult>,
}

impl Report {
    /// The report seen through a framework (`cis-azure-3.0`, `mcsb`). A requirement fails
    /// when any finding behind it fails (a waived failure included: accepted is not compliant);
    /// otherwise it is unknown when any is unknown, manual when only manual ones remain, and
    /// passes when every finding passes or its checks found nothing to judge. Requirements
    /// whose checks were not run, or that no check implements, are not covered.
    pub fn compliance(&self, framework_id: &str) -> Option<ComplianceView> {
        let fw = framework(framework_id)?;
        let mut by_check: BTreeMap<&str, Vec<&crate::Finding>> = BTreeMap::new();
        for f in &self.findings {
            by_check.entry(&f.check_id).or_default().push(f);
        }
        let ran: std::collections::HashSet<&str> =
            self.checks.iter().map(|c| c.id.as_str()).collect();
        let mut summary = BTreeMap::new();
        let requirements = fw
            .requirements
            .iter()
            .map(|req| {
                let mut counts = StatusCounts::new();
                let mut failing = Vec::new();
                let run: Vec<&String> = req
                    .checks
                    .iter()
                    .filter(|c| ran.contains(c.as_str()))
                    .collect();
                for c in &run {
                    for f in by_check.get(c.as_str()).into_iter().flatten() {
                        *counts.entry(f.status).or_default() += 1;
                        if matches!(f.status, Status::Fail | Status::Waived) && failing.len() < 20 {
                            failing.push(f.resource_id.to_string());
                        }
                    }
                }
                let n = |s: Status| counts.get(&s).copied().unwrap_or(0);
                let status = if run.is_empty() {
                    "not covered"
                } else if n(Status::Fail) + n(Status::Waived) > 0 {
                    "fail"
                } else if n(Status::Unknown) > 0 {
                    "unknown"
                } else if n(Status::Manual) > 0 {
                    "manual"
                } else {
                    "pass"
                };
                *summary.entry(status.to_string()).or_insert(0) += 1;
                RequirementResult {
                    id: req.id.clone(),
                    title: req.title.clone(),
                    status: status.to_string(),
                    checks: req.checks.clone(),
                    counts,
                    failing,
                }
            })
            .collect();
        Some(ComplianceView {
            framework: fw.id.clone(),
            title: fw.title.clone(),
            summary,
            requirements,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    #[test]
    fn the_cis_mapping_matches_the_checks_metadata() {
        let cis = framework("cis-azure-3.0").expect("CIS framework");
        assert_eq!(cis.requirements.len(), 159);
        for req in &cis.requirements {
            for id in &req.checks {
                let c =
                    catalog::get(id).unwrap_or_else(|| panic!("{}: unknown check {id}", req.id));
                assert!(
                    c.meta().cis.contains(&req.id.as_str()),
                    "{id} lacks CIS {} in its metadata",
                    req.id
                );
            }
        }
        for c in catalog::all() {
            for r in c.meta().cis {
                let req = cis
                    .requirements
                    .iter()
                    .find(|q| q.id == *r)
                    .unwrap_or_else(|| panic!("{}: CIS {r} is not in the benchmark", c.meta().id));
                assert!(
                    req.checks.iter().any(|x| x == c.meta().id),
                    "CIS {r} does not list {}",
                    c.meta().id
                );
            }
        }
    }

    #[test]
    fn every_mapped_check_exists() {
        for fw in frameworks() {
            for req in &fw.requirements {
                for id in &req.checks {
                    assert!(
                        catalog::get(id).is_some(),
                        "{} {}: unknown check {id}",
                        fw.id,
                        req.id
                    );
                }
            }
        }
        assert!(framework("MCSB").is_some());
    }
}
