//! Findings: what a check says about one resource.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The outcome of a check for one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The resource fails the rule.
    Fail,
    /// The data needed was missing, forbidden, not collected, or lacked the property.
    Unknown,
    /// Azure exposes no API for it: a person must look; the message says where.
    Manual,
    /// A failure a waiver accepts for now.
    Waived,
    /// The resource meets the rule.
    Pass,
}

impl Status {
    /// All statuses, in report order.
    pub const ALL: [Status; 5] = [
        Status::Fail,
        Status::Unknown,
        Status::Manual,
        Status::Waived,
        Status::Pass,
    ];
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
            Status::Manual => "manual",
            Status::Waived => "waived",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a failure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Info,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Severity {
    /// All severities, most severe first.
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown severity `{s}` (expected critical, high, medium, low or info)")
            })
    }
}

/// What one check says about one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The check's stable id, e.g. `storage.secure_transfer_required`.
    pub check_id: String,
    /// The outcome.
    pub status: Status,
    /// The severity of the check (or of this particular failure).
    pub severity: Severity,
    /// The ARM id (or `/tenants/<id>/...` id) the finding is about, exactly as Azure wrote it.
    pub resource_id: String,
    /// The resource's type.
    pub resource_type: String,
    /// The subscription, when the resource is in one.
    pub subscription_id: Option<String>,
    /// The resource's region, when it has one.
    pub location: Option<String>,
    /// One sentence a person can act on.
    pub message: String,
    /// The property values the rule read.
    pub evidence: serde_json::Value,
}

impl Finding {
    /// The resource's name: the id's last segment.
    pub fn resource_name(&self) -> &str {
        crate::ids::last_segment(&self.resource_id)
    }
}
