//! Baselines: compare a run with an earlier report, so a team can adopt azaudit without fixing
//! everything first and fail a pipeline on new problems only.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::Report;
use crate::finding::{Change, Finding, Severity, Status};

/// A failure of the baseline that no longer fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fixed {
    /// The check.
    pub check_id: String,
    /// The resource.
    pub resource_id: String,
    /// What it is now (`pass`, `unknown`, `waived`, or `absent` when it was not evaluated).
    pub now: String,
}

/// The comparison of a run with its baseline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BaselineSummary {
    /// Failures that are new.
    pub new: usize,
    /// Failures already in the baseline.
    pub unchanged: usize,
    /// Baseline failures that no longer fail.
    pub fixed: Vec<Fixed>,
}

fn key(check: &str, resource: &str) -> (String, u64) {
    (check.to_string(), crate::intern::hash_ci(resource))
}

impl Report {
    /// Mark each failing finding new or unchanged against an earlier report, and list the
    /// earlier failures that are fixed.
    pub fn compare_with(&mut self, baseline: &Report) {
        let before: HashSet<(String, u64)> = baseline
            .failed()
            .map(|f| key(&f.check_id, &f.resource_id))
            .collect();
        let mut summary = BaselineSummary::default();
        let mut now: std::collections::HashMap<(String, u64), Status> =
            std::collections::HashMap::new();
        for f in &mut self.findings {
            let k = key(&f.check_id, &f.resource_id);
            now.insert(k.clone(), f.status);
            if f.status == Status::Fail {
                let change = if before.contains(&k) {
                    Change::Unchanged
                } else {
                    Change::New
                };
                match change {
                    Change::New => summary.new += 1,
                    Change::Unchanged => summary.unchanged += 1,
                }
                f.change = Some(change);
            }
        }
        for f in baseline.failed() {
            let k = key(&f.check_id, &f.resource_id);
            let state = now.get(&k).copied();
            if state != Some(Status::Fail) {
                summary.fixed.push(Fixed {
                    check_id: f.check_id.to_string(),
                    resource_id: f.resource_id.to_string(),
                    now: state.map_or("absent", |s| s.as_str()).to_string(),
                });
            }
        }
        self.baseline = Some(summary);
    }

    /// Failing findings at or above `severity` that are new against the baseline (all failing
    /// findings when the report was not compared with one).
    pub fn has_new_failure_at_or_above(&self, severity: Severity) -> bool {
        self.failed()
            .filter(|f: &&Finding| f.change != Some(Change::Unchanged))
            .any(|f| f.severity >= severity)
    }
}
