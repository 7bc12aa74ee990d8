//! Compliance views: each requirement of a framework (the CIS Microsoft Azure Foundations
//! Benchmark 3.0.0, 4.0.0, 5.0.0 and 6.0.0, the Microsoft cloud security benchmark) as pass,
//! fail, unknown, manual or not covered, with the findings behind it. The mapping is data (`data/compliance.json`),
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
    /// The benchmark's profile level (CIS: 1 or 2), where it has one.
    #[serde(default)]
    pub level: Option<u8>,
    /// `automated` or `manual`, as the benchmark assesses it, where it says.
    #[serde(default)]
    pub assessment: Option<String>,
}

impl Requirement {
    /// Whether the benchmark assesses it by hand: without a check it is `manual`, not
    /// `not covered`, in a view.
    pub fn is_manual(&self) -> bool {
        self.assessment.as_deref() == Some("manual")
    }
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

/// The requirements `check_id` implements, per framework that has any: `(framework id,
/// requirement ids)`, in the data file's order.
pub fn requirements_of(check_id: &str) -> Vec<(&'static str, Vec<&'static str>)> {
    frameworks()
        .iter()
        .filter_map(|fw| {
            let ids: Vec<&'static str> = fw
                .requirements
                .iter()
                .filter(|r| r.checks.iter().any(|c| c == check_id))
                .map(|r| r.id.as_str())
                .collect();
            (!ids.is_empty()).then_some((fw.id.as_str(), ids))
        })
        .collect()
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
    /// The benchmark's profile level, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// `automated` or `manual`, as the benchmark assesses it, where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<String>,
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
    /// The report seen through a framework (`cis-azure-6.0`, `mcsb`). A requirement fails
    /// when any finding behind it fails (a waived failure included: accepted is not compliant);
    /// otherwise it is unknown when any is unknown, manual when only manual ones remain, and
    /// passes when every finding passes or its checks found nothing to judge. A requirement
    /// the benchmark assesses by hand that no check run implements is manual; any other whose
    /// checks were not run, or that no check implements, is not covered.
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
                let status = if run.is_empty() && req.is_manual() {
                    "manual"
                } else if run.is_empty() {
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
                    level: req.level,
                    assessment: req.assessment.clone(),
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
    fn each_cis_version_lists_its_recommendations() {
        // Requirements and automated ones, as CIS lists them (3.0 to 6.0).
        for (id, all, automated) in [
            ("cis-azure-3.0", 159, 99),
            ("cis-azure-4.0", 139, 77),
            ("cis-azure-5.0", 155, 93),
            ("cis-azure-6.0", 127, 89),
        ] {
            let fw = framework(id).unwrap_or_else(|| panic!("{id}"));
            assert_eq!(fw.requirements.len(), all, "{id}");
            let auto = fw
                .requirements
                .iter()
                .filter(|r| r.assessment.as_deref() == Some("automated"))
                .count();
            assert_eq!(auto, automated, "{id}");
            for r in &fw.requirements {
                assert!(matches!(r.level, Some(1 | 2)), "{id} {}", r.id);
                assert!(r.is_manual() || r.assessment.as_deref() == Some("automated"));
            }
            let mut ids: Vec<&str> = fw.requirements.iter().map(|r| r.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), all, "{id}: ids are unique");
        }
    }

    #[test]
    fn a_manual_recommendation_without_a_check_is_manual_never_covered() {
        let snapshot = crate::Snapshot::from_json(r#"{"version": 1, "resources": []}"#).unwrap();
        let report = crate::Engine::new(crate::Config::default()).run(&snapshot);
        let view = report.compliance("cis-azure-6.0").unwrap();
        let fw = framework("cis-azure-6.0").unwrap();
        for (req, result) in fw.requirements.iter().zip(&view.requirements) {
            if req.is_manual() && req.checks.is_empty() {
                assert_eq!(result.status, "manual", "{}", req.id);
            }
            if req.checks.is_empty() && !req.is_manual() {
                assert_eq!(result.status, "not covered", "{}", req.id);
            }
            assert_eq!(result.assessment, req.assessment);
        }
        // Databricks users synced from Entra (6.0 2.1.4): manual in the benchmark, no check.
        let synced = view.requirements.iter().find(|r| r.id == "2.1.4").unwrap();
        assert_eq!((synced.status.as_str(), synced.level), ("manual", Some(1)));
        // Certificate validity (6.0 8.3.11): automated, and no check yet (data plane only).
        let cert = view.requirements.iter().find(|r| r.id == "8.3.11").unwrap();
        assert_eq!(cert.status, "not covered");
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
