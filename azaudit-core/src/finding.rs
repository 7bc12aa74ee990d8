//! Findings: what a check says about one resource.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::intern;
use serde::{Deserialize, Serialize};

/// The outcome of a check for one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The status of a rule's answer: yes passes, no fails, no answer is unknown.
    pub fn judged(ok: Option<bool>) -> Status {
        match ok {
            Some(true) => Status::Pass,
            Some(false) => Status::Fail,
            None => Status::Unknown,
        }
    }
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// How a failing finding compares with the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// It did not fail in the baseline.
    New,
    /// It failed in the baseline too.
    Unchanged,
}

/// What one check says about one resource.
///
/// Strings that repeat across findings (check id, type, subscription, region) are shared
/// `Arc<str>`s: a large run allocates them once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The check's stable id, e.g. `storage.secure_transfer_required`.
    pub check_id: Arc<str>,
    /// The outcome.
    pub status: Status,
    /// The severity of the check (or of this particular failure).
    pub severity: Severity,
    /// The ARM id (or `/tenants/<id>/...` id) the finding is about, exactly as Azure wrote it.
    pub resource_id: Arc<str>,
    /// The resource's type.
    pub resource_type: Arc<str>,
    /// The subscription, when the resource is in one.
    pub subscription_id: Option<Arc<str>>,
    /// The resource's region, when it has one.
    pub location: Option<Arc<str>>,
    /// One sentence a person can act on.
    pub message: Cow<'static, str>,
    /// The property values the rule read.
    #[cfg_attr(feature = "schema", schemars(with = "serde_json::Value"))]
    pub evidence: Evidence,
    /// For a failure, whether it is new against the baseline (when compared with one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("enum" = ["new", "unchanged"])))]
    pub change: Option<Change>,
}

/// The property values a rule read, as a compact JSON object.
///
/// Kept as JSON text rather than a `serde_json::Value` tree: a run over a million resources
/// makes a million of these, and reports copy them out verbatim. The text is shared: most
/// resources of a kind say the same thing (`{"supportsHttpsTrafficOnly":true}`), and those
/// written one after another on a thread share one copy. Build one with
/// [`evidence!`](crate::evidence) or from a `serde_json::Value`.
#[derive(Clone, Default)]
pub struct Evidence(Option<Arc<str>>);

impl Evidence {
    /// No evidence (`null`).
    pub fn none() -> Self {
        Evidence(None)
    }
    /// The JSON text (`null` when empty).
    pub fn as_json(&self) -> &str {
        self.0.as_deref().unwrap_or("null")
    }
    /// The evidence as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.as_json()).unwrap_or(serde_json::Value::Null)
    }
    /// One property, when the evidence is an object that has it.
    pub fn get(&self, key: &str) -> Option<serde_json::Value> {
        match self.to_value() {
            serde_json::Value::Object(mut m) => m.remove(key),
            _ => None,
        }
    }
    /// Whether there is no evidence.
    pub fn is_none(&self) -> bool {
        self.0.is_none()
    }
}

impl fmt::Debug for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_json())
    }
}

impl PartialEq for Evidence {
    fn eq(&self, other: &Self) -> bool {
        self.to_value() == other.to_value()
    }
}

impl From<serde_json::Value> for Evidence {
    fn from(v: serde_json::Value) -> Self {
        if v.is_null() {
            return Evidence(None);
        }
        Evidence(Some(v.to_string().into()))
    }
}

impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            // The text is valid JSON by construction (EvidenceWriter or a Value); handing it to
            // serde as a RawValue copies it into JSON output verbatim.
            Some(text) => serde_json::value::RawValue::from_string(text.to_string())
                .map_err(serde::ser::Error::custom)?
                .serialize(s),
            None => s.serialize_unit(),
        }
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(Evidence::from(v))
    }
}

/// Writes an evidence object field by field, without building a `serde_json::Value`.
#[doc(hidden)]
pub struct EvidenceWriter(Vec<u8>);

impl EvidenceWriter {
    #[doc(hidden)]
    pub fn new() -> Self {
        // Evidence is written once per finding, a million times in a large run: write into
        // this thread's scratch buffer and allocate the finished text once, at its size.
        EvidenceWriter(intern::take_scratch())
    }
    #[doc(hidden)]
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.0.push(if self.0.is_empty() { b'{' } else { b',' });
        // Keys are the checks' own literals: copy plain ones, escape anything else.
        if key.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.0.push(b'"');
            self.0.extend_from_slice(key.as_bytes());
            self.0.push(b'"');
        } else {
            let _ = serde_json::to_writer(&mut self.0, key);
        }
        self.0.push(b':');
        let mark = self.0.len();
        if serde_json::to_writer(&mut self.0, value).is_err() {
            self.0.truncate(mark);
            self.0.extend_from_slice(b"null");
        }
    }
    #[doc(hidden)]
    pub fn finish(mut self) -> Evidence {
        if self.0.is_empty() {
            self.0.push(b'{');
        }
        self.0.push(b'}');
        // serde_json writes UTF-8 only.
        let text = std::str::from_utf8(&self.0).unwrap_or("{}");
        let shared = intern::share_recent(text);
        intern::return_scratch(std::mem::take(&mut self.0));
        Evidence(Some(shared))
    }
}

impl Default for EvidenceWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// Build [`Evidence`] with `json!`-like syntax for a flat object:
/// `evidence!({"supportsHttpsTrafficOnly": v, "kind": kind})`.
#[macro_export]
macro_rules! evidence {
    ({ $($k:tt : $v:expr),* $(,)? }) => {{
        #[allow(unused_mut)]
        let mut w = $crate::finding::EvidenceWriter::new();
        $( w.field($k, &$v); )*
        w.finish()
    }};
}

impl Finding {
    /// The resource's name: the id's last segment.
    pub fn resource_name(&self) -> &str {
        crate::ids::last_segment(&self.resource_id)
    }
}
