//! The snapshot: a tenant's configuration as ARM-shaped JSON records, plus what was collected.
//!
//! A [`Snapshot`] keeps the document's text and, per record, only the handful of fields every
//! check needs to find its data (id, type, name, location, scope) and the byte span of the
//! record in the text. It knows no check and no view: the model layer parses records into typed
//! views on first use and keeps them in the snapshot's memo, so a snapshot audited many times
//! (other checks, other waivers, a notebook's next cell) is parsed once.
//!
//! The file format is described in `docs/snapshot-format.md` (version 1).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::ids;
use crate::intern::IdHashMap;

/// The snapshot format version this build reads and writes.
pub const SNAPSHOT_VERSION: u64 = 1;

/// Why a snapshot could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The document is not valid JSON, or its top level does not have the snapshot's shape.
    #[error("malformed snapshot at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// One record of `resources` is malformed.
    #[error("malformed snapshot: resources[{index}] at line {line}, column {column}: {message}")]
    Record {
        /// 0-based index of the record in `resources`.
        index: usize,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The document declares a version this build does not read.
    #[error("unsupported snapshot version {found}: this build of azaudit reads version 1")]
    Version {
        /// The version the document declares, as written.
        found: String,
    },
}

/// One subscription in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    /// The subscription GUID.
    pub subscription_id: String,
    /// The subscription's display name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Names of the management groups above the subscription, as far as they matter: every
    /// one at which an assignment that applies to the subscription is made. `None` when not
    /// known; then an assignment at a management group cannot be placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management_groups: Option<Vec<String>>,
}

impl Subscription {
    /// A subscription known by its id only.
    pub fn new(subscription_id: impl Into<String>) -> Self {
        Subscription {
            subscription_id: subscription_id.into(),
            display_name: None,
            management_groups: None,
        }
    }

    /// Whether an assignment with this id applies to the subscription: one at the
    /// subscription or below it, or at a management group above it. `None` when the id is at
    /// a management group and the snapshot does not say which groups are above.
    pub fn is_under(&self, assignment_id: &str) -> Option<bool> {
        if let Some(mg) = ids::management_group_of(assignment_id) {
            return self
                .management_groups
                .as_ref()
                .map(|m| m.iter().any(|x| x.eq_ignore_ascii_case(mg)));
        }
        Some(
            ids::scope_of(assignment_id)
                .and_then(ids::subscription_of_scope)
                .is_some_and(|s| s.eq_ignore_ascii_case(&self.subscription_id)),
        )
    }
}

/// The coverage type of a subscription's resource inventory (`GET .../resources`: every
/// resource with its type, region and tags, without properties). Checks that judge every
/// resource in use (regions, tags) read it: it is collected when coverage says so, or, with
/// no entry, when the scope holds any record.
pub const INVENTORY: &str = "Microsoft.Resources/resources";

/// What happened when one (scope, type) was collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum CoverageStatus {
    /// Collected completely.
    Ok,
    /// The caller lacks permission (HTTP 403).
    Forbidden,
    /// Collection failed (error body, malformed response, retries exhausted).
    Error,
    /// Not requested (no selected check reads it, or the collector does not support it).
    NotCollected,
    /// Azure throttled the requests and asked for a longer wait than the collector allows.
    Throttled,
}

impl fmt::Display for CoverageStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CoverageStatus::Ok => "ok",
            CoverageStatus::Forbidden => "forbidden",
            CoverageStatus::Error => "error",
            CoverageStatus::NotCollected => "notCollected",
            CoverageStatus::Throttled => "throttled",
        })
    }
}

/// One entry of the snapshot's coverage record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoverageEntry {
    /// `/subscriptions/<id>` or `/tenants/<id>`.
    pub scope: String,
    /// The resource type (ARM or `Microsoft.Graph/...`).
    #[serde(rename = "type")]
    pub resource_type: String,
    /// The outcome.
    pub status: CoverageStatus,
    /// Why, for anything but `ok` (the error code and message Azure returned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Whether a resource type was collected for a scope, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Collection<'a> {
    /// The data is there: coverage says `ok`, or records of the type exist in the scope.
    Collected,
    /// The data is missing.
    Missing {
        /// What coverage says (`NotCollected` when it says nothing).
        status: CoverageStatus,
        /// A sentence saying why, for the finding's message.
        reason: Cow<'a, str>,
    },
}

/// Informational header fields of a snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotInfo {
    /// The Entra tenant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// When the data was collected (RFC 3339); checks that judge ages measure from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_at: Option<String>,
    /// The cloud (`AzureCloud`, `AzureUSGovernment`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
}

const NONE16: u16 = u16::MAX;
const NONE32: u32 = u32::MAX;

/// What the index keeps per record.
#[derive(Debug)]
struct Head {
    id: Arc<str>,
    /// Offset and length of the `tags` object within the record; (0, 0) when absent.
    tags: (u32, u32),
    /// The same for `properties`.
    properties: (u32, u32),
    name: Option<Box<str>>,
    start: usize,
    len: u32,
    ty: u16,
    location: u16,
    scope: u32,
    /// Position among the records of its type, in document order.
    rank: u32,
}

/// A loaded, indexed snapshot. Cheap to share by reference across threads.
pub struct Snapshot {
    text: String,
    info: SnapshotInfo,
    subscriptions: Vec<Subscription>,
    coverage: Vec<CoverageEntry>,
    /// What the index keeps per record, in document order.
    heads: Vec<Head>,
    /// The strings many records share, each kept once.
    strings: Strings,
    /// Records by type, scope, id and parent; coverage by (scope, type).
    index: Index,
    /// What layers above derive from the records (the model's parsed views), made once.
    memo: crate::memo::Memo,
}

/// Interned strings: the snapshot's types, regions and scopes, each spelled once.
#[derive(Default)]
struct Strings {
    /// Types (first spelling seen).
    types: Vec<Arc<str>>,
    locations: Vec<Arc<str>>,
    /// The subscription id of each scope (none for tenant scopes).
    scope_subscriptions: Vec<Option<Arc<str>>>,
    /// Scopes: `/subscriptions/<id>` or `/tenants/<id>` as first seen, and their lookup.
    scopes: Vec<Box<str>>,
    scope_index: IdHashMap<u32>,
}

/// The lookups over the records.
#[derive(Default)]
struct Index {
    by_type: Vec<Vec<u32>>,
    by_scope: Vec<Vec<u32>>,
    by_id: IdHashMap<u32>,
    by_id_more: IdHashMap<Vec<u32>>,
    by_parent: IdHashMap<Vec<u32>>,
    /// Children by parent record: those of record `i` are
    /// `child_list[child_start[i]..child_start[i + 1]]`, in document order.
    child_start: Vec<u32>,
    child_list: Vec<u32>,
    /// A record whose id an earlier record already has -> that earlier record, whose
    /// children it shares.
    same_as: HashMap<u32, u32>,
    /// (scope, type) pairs with at least one record.
    present: std::collections::HashSet<(u32, u16)>,
    coverage_index: HashMap<(Box<str>, Box<str>), usize>,
}

impl fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Snapshot")
            .field("info", &self.info)
            .field("subscriptions", &self.subscriptions.len())
            .field("records", &self.heads.len())
            .field("coverage", &self.coverage.len())
            .finish()
    }
}

/// A record of the snapshot: a borrowed handle with the indexed fields and the raw JSON.
#[derive(Clone, Copy)]
pub struct Record<'s> {
    snapshot: &'s Snapshot,
    index: u32,
}

impl fmt::Debug for Record<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("id", &self.id())
            .field("type", &self.resource_type())
            .finish()
    }
}

impl<'s> Record<'s> {
    fn head(&self) -> &'s Head {
        &self.snapshot.heads[self.index as usize]
    }
    /// Position of the record in the snapshot's `resources` array.
    pub fn index(&self) -> usize {
        self.index as usize
    }
    /// Position of the record among those of its type, in document order.
    pub(crate) fn rank_in_type(&self) -> usize {
        self.head().rank as usize
    }
    /// The ARM (or Graph) id, exactly as written.
    pub fn id(&self) -> &'s str {
        &self.head().id
    }
    /// The record's type (the first spelling of it seen in the snapshot).
    pub fn resource_type(&self) -> &'s str {
        &self.snapshot.strings.types[self.head().ty as usize]
    }
    /// The `name` field, or the id's last segment.
    pub fn name(&self) -> &'s str {
        match &self.head().name {
            Some(n) => n,
            None => ids::last_segment(self.id()),
        }
    }
    /// The `location` field, if any.
    pub fn location(&self) -> Option<&'s str> {
        let l = self.head().location;
        (l != NONE16).then(|| &*self.snapshot.strings.locations[l as usize])
    }
    /// The scope the record belongs to: `/subscriptions/<id>` or `/tenants/<id>`.
    pub fn scope(&self) -> Option<&'s str> {
        let s = self.head().scope;
        (s != NONE32).then(|| &*self.snapshot.strings.scopes[s as usize])
    }
    /// The subscription GUID, for records under a subscription.
    pub fn subscription_id(&self) -> Option<&'s str> {
        self.scope().and_then(ids::subscription_of_scope)
    }
    pub(crate) fn subscription_id_shared(&self) -> Option<Arc<str>> {
        let s = self.head().scope;
        (s != NONE32)
            .then(|| self.snapshot.strings.scope_subscriptions[s as usize].clone())
            .flatten()
    }
    pub(crate) fn id_shared(&self) -> Arc<str> {
        self.head().id.clone()
    }
    /// The subscription id as the snapshot stores it once per scope.
    pub(crate) fn subscription_id_shared_str(&self) -> Option<&'s str> {
        let s = self.head().scope;
        if s == NONE32 {
            return None;
        }
        self.snapshot.strings.scope_subscriptions[s as usize].as_deref()
    }
    pub(crate) fn resource_type_shared(&self) -> Arc<str> {
        self.snapshot.strings.types[self.head().ty as usize].clone()
    }
    pub(crate) fn location_shared(&self) -> Option<Arc<str>> {
        let l = self.head().location;
        (l != NONE16).then(|| self.snapshot.strings.locations[l as usize].clone())
    }
    /// The records whose parent is this record (sub-resources such as a VM's extensions or
    /// a SQL server's firewall rules), in document order.
    pub fn children(&self) -> impl Iterator<Item = Record<'s>> + 's {
        let snapshot = self.snapshot;
        let i = if snapshot.index.same_as.is_empty() {
            self.index
        } else {
            snapshot
                .index
                .same_as
                .get(&self.index)
                .copied()
                .unwrap_or(self.index)
        } as usize;
        let range = match (
            snapshot.index.child_start.get(i),
            snapshot.index.child_start.get(i + 1),
        ) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        snapshot.index.child_list[range]
            .iter()
            .map(move |&c| snapshot.record(c))
    }
    /// This record's children of a type (case-insensitive).
    pub fn children_of_type(&self, ty: &str) -> impl Iterator<Item = Record<'s>> + 's {
        let slot = self.snapshot.type_slot(ty);
        self.children()
            .filter(move |c| slot.is_some_and(|t| c.head().ty == t))
    }
    /// The slot of the record's type in the snapshot.
    pub(crate) fn type_slot(&self) -> u16 {
        self.head().ty
    }
    /// The slot of the record's region in the snapshot, if it has one.
    pub(crate) fn location_slot(&self) -> Option<u16> {
        let l = self.head().location;
        (l != NONE16).then_some(l)
    }
    /// The slot of the record's scope in the snapshot (for fast per-record tests).
    pub(crate) fn scope_slot(&self) -> Option<u32> {
        let s = self.head().scope;
        (s != NONE32).then_some(s)
    }
    /// The record's JSON text as it appears in the document.
    pub fn raw_json(&self) -> &'s str {
        let h = self.head();
        &self.snapshot.text[h.start..h.start + h.len as usize]
    }
    fn field_json(&self, (off, len): (u32, u32)) -> Option<&'s str> {
        let start = self.head().start + off as usize;
        (len > 0).then(|| &self.snapshot.text[start..start + len as usize])
    }
    /// The record's `tags` object as JSON text, when it has one.
    pub fn tags_json(&self) -> Option<&'s str> {
        self.field_json(self.head().tags)
    }
    /// The record's `properties` as JSON text, when it has them.
    pub fn properties_json(&self) -> Option<&'s str> {
        self.field_json(self.head().properties)
    }
    /// The value of a tag (tag names compare case-insensitively, as Azure's do).
    pub fn tag(&self, name: &str) -> Option<String> {
        let text = self.tags_json()?;
        // Most records do not carry the tag: look for its name before parsing the object.
        if !contains_ignore_ascii_case(text.as_bytes(), name.as_bytes()) {
            return None;
        }
        let tags: std::collections::BTreeMap<String, serde_json::Value> =
            serde_json::from_str(text).ok()?;
        tags.into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.as_str().map(str::to_string))
    }
    /// Parse the record into a typed view.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.raw_json())
    }
    /// The record as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.raw_json()).unwrap_or(serde_json::Value::Null)
    }
}

/// Whether `needle` (not empty) occurs in `hay`, ASCII case ignored.
fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return false;
    };
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    // Jump from one occurrence of the first letter (either case) to the next.
    while let Some(p) = hay[from..].iter().position(|&b| b == lo || b == up) {
        let at = from + p + 1;
        if hay
            .get(at..at + rest.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
        {
            return true;
        }
        from = at;
    }
    false
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    version: Option<serde_json::Value>,
    #[serde(flatten)]
    info: SnapshotInfo,
    subscriptions: Option<Vec<Subscription>>,
    #[serde(borrow)]
    resources: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    coverage: Vec<CoverageEntry>,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RecordHead<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(rename = "type", borrow)]
    ty: Cow<'a, str>,
    #[serde(default, borrow)]
    name: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    location: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    tags: Option<&'a RawValue>,
    #[serde(default, borrow)]
    properties: Option<&'a RawValue>,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = match before.iter().rposition(|&b| b == b'\n') {
        Some(p) => offset - p,
        None => offset + 1,
    };
    (line, col)
}

fn check_version(v: Option<&serde_json::Value>) -> Result<(), SnapshotError> {
    match v {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(SNAPSHOT_VERSION) => Ok(()),
        Some(other) => Err(SnapshotError::Version {
            found: other.to_string(),
        }),
        None => Err(SnapshotError::Version {
            found: "(missing `version` field)".into(),
        }),
    }
}

impl Snapshot {
    /// Read and index a snapshot file (no views: [`Snapshot::load`] parses those too).
    pub(crate) fn index_file(path: impl AsRef<Path>) -> Result<Snapshot, SnapshotError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| SnapshotError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Snapshot::index_json(text)
    }

    /// Read and index a snapshot from a reader, to its end (no views).
    pub(crate) fn index_reader(mut reader: impl Read) -> Result<Snapshot, SnapshotError> {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|source| SnapshotError::Io {
                path: "<reader>".into(),
                source,
            })?;
        Snapshot::index_json(text)
    }

    /// Index a snapshot's JSON text (no views: [`Snapshot::from_json`] parses those too).
    pub(crate) fn index_json(text: impl Into<String>) -> Result<Snapshot, SnapshotError> {
        let text: String = text.into();
        let parsed = Self::scan(&text)?;
        let mut snap = Self::index(parsed);
        snap.text = text;
        Ok(snap)
    }

    /// Values derived from this snapshot's records, each made once ([`crate::memo`]).
    pub(crate) fn memo(&self) -> &crate::memo::Memo {
        &self.memo
    }

    fn scan(text: &str) -> Result<Scanned<'_>, SnapshotError> {
        let doc: Document<'_> = match serde_json::from_str(text) {
            Ok(d) => d,
            Err(e) => {
                // A document of another version may have another shape: say so first.
                if let Ok(v) = serde_json::from_str::<VersionOnly>(text) {
                    check_version(v.version.as_ref())?;
                }
                return Err(SnapshotError::Syntax {
                    line: e.line(),
                    column: e.column(),
                    message: strip_position(&e.to_string()),
                });
            }
        };
        check_version(doc.version.as_ref())?;
        let raws = doc.resources.ok_or_else(|| SnapshotError::Syntax {
            line: 1,
            column: 1,
            message: "missing field `resources`".into(),
        })?;
        let base = text.as_ptr() as usize;
        let mut records = Vec::with_capacity(raws.len());
        for (index, raw) in raws.iter().enumerate() {
            let start = raw.get().as_ptr() as usize - base;
            let record_err = |rel_line: usize, rel_col: usize, message: String| {
                let (l0, c0) = line_col(text, start);
                let (line, column) = if rel_line <= 1 {
                    (l0, c0 + rel_col.saturating_sub(1))
                } else {
                    (l0 + rel_line - 1, rel_col)
                };
                SnapshotError::Record {
                    index,
                    line,
                    column,
                    message,
                }
            };
            let head: RecordHead<'_> = serde_json::from_str(raw.get()).map_err(|e| {
                record_err(
                    e.line(),
                    e.column(),
                    format!(
                        "a record must be an object with string `id` and `type` ({})",
                        strip_position(&e.to_string())
                    ),
                )
            })?;
            if head.id.is_empty() || head.ty.is_empty() {
                return Err(record_err(1, 1, "`id` and `type` must not be empty".into()));
            }
            if raw.get().len() > u32::MAX as usize {
                return Err(record_err(1, 1, "record larger than 4 GiB".into()));
            }
            records.push((head, start, raw.get().len() as u32));
        }
        for (i, c) in doc.coverage.iter().enumerate() {
            if ids::scope_kind(&c.scope).is_none() {
                return Err(SnapshotError::Syntax {
                    line: 1,
                    column: 1,
                    message: format!(
                        "coverage[{i}].scope `{}` is neither /subscriptions/<id> nor /tenants/<id>",
                        c.scope
                    ),
                });
            }
        }
        // The ids first, one after the other and grouped by type: a check touches the ids of
        // one type record after record, and neighbours in memory are what the processor
        // fetches ahead.
        let mut by_type: Vec<(&str, Vec<u32>)> = Vec::new();
        let mut last = 0;
        for (i, (h, _, _)) in records.iter().enumerate() {
            if by_type.get(last).is_none_or(|(t, _)| *t != h.ty.as_ref()) {
                last = match by_type.iter().position(|(t, _)| *t == h.ty.as_ref()) {
                    Some(p) => p,
                    None => {
                        by_type.push((h.ty.as_ref(), Vec::new()));
                        by_type.len() - 1
                    }
                };
            }
            by_type[last].1.push(i as u32);
        }
        let mut ids: Vec<Option<Arc<str>>> = vec![None; records.len()];
        for i in by_type.iter().flat_map(|(_, list)| list) {
            ids[*i as usize] = Some(Arc::from(records[*i as usize].0.id.as_ref()));
        }
        drop(by_type);
        let records = records
            .into_iter()
            .zip(
                ids.into_iter()
                    .map(|id| id.expect("every record's id was made")),
            )
            .map(|((h, start, len), id)| ScannedRecord {
                tags: span(h.tags, base + start),
                properties: span(h.properties, base + start),
                id,
                ty: h.ty,
                name: h.name.map(|n| n.into_owned().into_boxed_str()),
                location: h.location,
                start,
                len,
            })
            .collect();
        Ok(Scanned {
            info: doc.info,
            subscriptions: doc.subscriptions,
            records,
            coverage: doc.coverage,
        })
    }

    /// Index scanned records; the caller puts the text in afterwards.
    fn index(s: Scanned<'_>) -> Snapshot {
        let mut snap = Snapshot {
            text: String::new(),
            info: s.info,
            subscriptions: Vec::new(),
            coverage: s.coverage,
            heads: Vec::with_capacity(s.records.len()),
            strings: Strings::default(),
            index: Index::default(),
            memo: Default::default(),
        };
        let mut last_type = None;
        let n = s.records.len();
        snap.index.by_id.reserve(n);
        let mut parent_hashes: Vec<Option<u64>> = Vec::with_capacity(n);
        for (i, r) in s.records.into_iter().enumerate() {
            let i = i as u32;
            let ty = snap.intern_type(&r.ty, &mut last_type);
            let location = match r.location {
                // Regions are few: a scan without allocation.
                Some(l) if !l.is_empty() => match snap
                    .strings
                    .locations
                    .iter()
                    .position(|x| x.eq_ignore_ascii_case(&l))
                {
                    Some(x) => x as u16,
                    None if snap.strings.locations.len() < NONE16 as usize => {
                        snap.strings.locations.push(l.into());
                        (snap.strings.locations.len() - 1) as u16
                    }
                    None => NONE16,
                },
                _ => NONE16,
            };
            let scope = match ids::scope_of(&r.id) {
                Some(sc) => snap.intern_scope(sc),
                None => NONE32,
            };
            let h = crate::intern::hash_ci(&r.id);
            match snap.index.by_id.entry(h) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    snap.index.by_id_more.entry(h).or_default().push(i)
                }
            }
            let parent_hash = ids::parent_of(&r.id).map(crate::intern::hash_ci);
            if let Some(ph) = parent_hash {
                snap.index.by_parent.entry(ph).or_default().push(i);
            }
            parent_hashes.push(parent_hash);
            let rank = snap.index.by_type[ty as usize].len() as u32;
            snap.index.by_type[ty as usize].push(i);
            if scope != NONE32 {
                snap.index.by_scope[scope as usize].push(i);
                snap.index.present.insert((scope, ty));
            }
            snap.heads.push(Head {
                tags: r.tags,
                properties: r.properties,
                id: r.id,
                name: r.name,
                start: r.start,
                len: r.len,
                ty,
                location,
                scope,
                rank,
            });
        }
        snap.link_children(&parent_hashes);
        // Subscriptions: those declared, then any others the records or coverage name.
        let mut seen = std::collections::HashSet::new();
        for sub in s.subscriptions.unwrap_or_default() {
            if seen.insert(sub.subscription_id.to_ascii_lowercase()) {
                snap.subscriptions.push(sub);
            }
        }
        let mut derived: Vec<String> = snap
            .strings
            .scopes
            .iter()
            .map(|s| s.to_string())
            .chain(snap.coverage.iter().map(|c| c.scope.clone()))
            .filter_map(|s| ids::subscription_of_scope(&s).map(str::to_string))
            .collect();
        derived.retain(|s| seen.insert(s.to_ascii_lowercase()));
        snap.subscriptions
            .extend(derived.into_iter().map(Subscription::new));
        if snap.info.tenant_id.is_none() {
            snap.info.tenant_id = snap
                .strings
                .scopes
                .iter()
                .map(|s| &**s)
                .chain(snap.coverage.iter().map(|c| c.scope.as_str()))
                .find_map(|s| ids::tenant_of_scope(s).map(str::to_string));
        }
        for (i, c) in snap.coverage.iter().enumerate() {
            snap.index
                .coverage_index
                .entry((
                    ids::scope_key(&c.scope).into_boxed_str(),
                    c.resource_type.to_ascii_lowercase().into_boxed_str(),
                ))
                .or_insert(i);
        }
        snap
    }

    /// Find each record's parent among the records (by id, exactly) and list every record's
    /// children, so that checks walk from a resource to its sub-resources without hashing ids.
    fn link_children(&mut self, parent_hashes: &[Option<u64>]) {
        let n = self.heads.len();
        let mut parents: Vec<u32> = vec![NONE32; n];
        let mut counts: Vec<u32> = vec![0; n + 1];
        for (i, ph) in parent_hashes.iter().enumerate() {
            let Some(ph) = *ph else { continue };
            let Some(parent_id) = ids::parent_of(&self.heads[i].id) else {
                continue;
            };
            let first = self.index.by_id.get(&ph).copied();
            let more = self
                .index
                .by_id_more
                .get(&ph)
                .map(|v| v.as_slice())
                .unwrap_or(&[]);
            if let Some(j) = first
                .into_iter()
                .chain(more.iter().copied())
                .find(|&j| ids::same_id(&self.heads[j as usize].id, parent_id))
            {
                parents[i] = j;
                counts[j as usize + 1] += 1;
            }
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let mut next = counts.clone();
        let mut list = vec![0u32; counts[n] as usize];
        for (i, &p) in parents.iter().enumerate() {
            if p != NONE32 {
                list[next[p as usize] as usize] = i as u32;
                next[p as usize] += 1;
            }
        }
        self.index.child_start = counts;
        self.index.child_list = list;
        for &later in self.index.by_id_more.values().flatten() {
            let id = &self.heads[later as usize].id;
            let first = self.index.by_id.get(&crate::intern::hash_ci(id)).copied();
            let more = self.index.by_id_more.get(&crate::intern::hash_ci(id));
            if let Some(j) = first
                .into_iter()
                .chain(more.into_iter().flatten().copied())
                .find(|&j| ids::same_id(&self.heads[j as usize].id, id))
                .filter(|&j| j != later)
            {
                self.index.same_as.insert(later, j);
            }
        }
    }

    fn intern_type(&mut self, ty: &str, last: &mut Option<u16>) -> u16 {
        // Records come grouped by type: try the previous one first, then the (short) list.
        if let Some(l) = *last
            && self.strings.types[l as usize].eq_ignore_ascii_case(ty)
        {
            return l;
        }
        let x = match self.type_slot(ty) {
            Some(x) => x,
            None => {
                let x = self.strings.types.len() as u16;
                self.strings.types.push(ty.into());
                self.index.by_type.push(Vec::new());
                x
            }
        };
        *last = Some(x);
        x
    }

    fn intern_scope(&mut self, scope: &str) -> u32 {
        let key = crate::intern::hash_ci(scope);
        if let Some(&x) = self.strings.scope_index.get(&key) {
            return x;
        }
        let x = self.strings.scopes.len() as u32;
        let display = format!("/{}", scope.trim_start_matches('/'));
        self.strings
            .scope_subscriptions
            .push(ids::subscription_of_scope(&display).map(Arc::from));
        self.strings.scopes.push(display.into());
        self.strings.scope_index.insert(key, x);
        self.index.by_scope.push(Vec::new());
        x
    }

    fn record(&self, i: u32) -> Record<'_> {
        Record {
            snapshot: self,
            index: i,
        }
    }

    /// Informational header fields (tenant id, collection time, cloud).
    pub fn info(&self) -> &SnapshotInfo {
        &self.info
    }
    /// The tenant id, as declared or as found in Graph record ids.
    pub fn tenant_id(&self) -> Option<&str> {
        self.info.tenant_id.as_deref()
    }
    /// The tenant scope `/tenants/<id>`, when the tenant is known.
    pub fn tenant_scope(&self) -> Option<String> {
        self.tenant_id().map(|t| format!("/tenants/{t}"))
    }
    /// The subscriptions in scope: those declared, then those the records and coverage name.
    pub fn subscriptions(&self) -> &[Subscription] {
        &self.subscriptions
    }
    /// The coverage record as written.
    pub fn coverage(&self) -> &[CoverageEntry] {
        &self.coverage
    }
    /// Number of records.
    pub fn len(&self) -> usize {
        self.heads.len()
    }
    /// True when the snapshot holds no records.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }
    /// All records, in document order.
    pub fn records(&self) -> impl ExactSizeIterator<Item = Record<'_>> + '_ {
        (0..self.heads.len() as u32).map(move |i| self.record(i))
    }
    /// The record at a position of `resources`.
    pub fn record_at(&self, index: usize) -> Option<Record<'_>> {
        (index < self.heads.len()).then(|| self.record(index as u32))
    }
    /// The record with this id (case-insensitive); the first one if the id is repeated.
    pub fn get(&self, id: &str) -> Option<Record<'_>> {
        let h = crate::intern::hash_ci(id);
        let first = self.index.by_id.get(&h).copied();
        let more = self
            .index
            .by_id_more
            .get(&h)
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        first
            .into_iter()
            .chain(more.iter().copied())
            .find(|&i| ids::same_id(&self.heads[i as usize].id, id))
            .map(|i| self.record(i))
    }
    /// Every record with this id (case-insensitive).
    pub fn all_with_id<'a>(&'a self, id: &'a str) -> impl Iterator<Item = Record<'a>> + 'a {
        let h = crate::intern::hash_ci(id);
        let first = self.index.by_id.get(&h).copied();
        let more = self
            .index
            .by_id_more
            .get(&h)
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        first
            .into_iter()
            .chain(more.iter().copied())
            .filter(move |&i| ids::same_id(&self.heads[i as usize].id, id))
            .map(move |i| self.record(i))
    }
    fn type_slot(&self, ty: &str) -> Option<u16> {
        // A tenant has a few dozen types: a scan beats hashing (and lower-casing) the name.
        self.strings
            .types
            .iter()
            .position(|t| t.eq_ignore_ascii_case(ty))
            .map(|p| p as u16)
    }
    /// Records of a type (case-insensitive), in document order.
    pub fn of_type<'a>(&'a self, ty: &str) -> impl Iterator<Item = Record<'a>> + 'a {
        let list = self
            .type_slot(ty)
            .map(|t| self.index.by_type[t as usize].as_slice())
            .unwrap_or(&[]);
        list.iter().map(move |&i| self.record(i))
    }
    /// Direct children of a resource (sub-resources and extension resources such as
    /// diagnostic settings), case-insensitive on the parent id.
    pub fn children(&self, parent_id: &str) -> impl Iterator<Item = Record<'_>> + '_ {
        let list = self
            .index
            .by_parent
            .get(&crate::intern::hash_ci(parent_id))
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        // Candidates share the parent's 64-bit hash; a child of another parent would also
        // need the same length up to a '/' there, so checking that is enough.
        let plen = parent_id
            .trim_start_matches('/')
            .trim_end_matches('/')
            .len();
        list.iter()
            .copied()
            .filter(move |&i| {
                let c = self.heads[i as usize].id.trim_start_matches('/').as_bytes();
                c.len() > plen && c[plen] == b'/'
            })
            .map(move |i| self.record(i))
    }
    /// Direct children of a resource that have the given type.
    pub fn children_of_type(
        &self,
        parent_id: &str,
        ty: &str,
    ) -> impl Iterator<Item = Record<'_>> + '_ {
        let ty = self.type_slot(ty);
        self.children(parent_id)
            .filter(move |r| ty.is_some_and(|t| self.heads[r.index()].ty == t))
    }
    /// Records in a scope (`/subscriptions/<id>` or `/tenants/<id>`), or of a subscription GUID.
    pub fn in_scope(&self, scope: &str) -> impl Iterator<Item = Record<'_>> + '_ {
        let list = self
            .scope_slot(scope)
            .map(|s| self.index.by_scope[s as usize].as_slice())
            .unwrap_or(&[]);
        list.iter().map(move |&i| self.record(i))
    }
    pub(crate) fn scope_slot_of(&self, scope: &str) -> Option<u32> {
        self.scope_slot(scope)
    }
    fn scope_slot(&self, scope: &str) -> Option<u32> {
        let slot = if scope.contains('/') {
            self.strings.scope_index.get(&crate::intern::hash_ci(scope))
        } else {
            self.strings
                .scope_index
                .get(&crate::intern::hash_ci(&ids::subscription_scope(scope)))
        };
        // Guard against a hash collision.
        slot.copied().filter(|&s| {
            let have = &self.strings.scopes[s as usize];
            ids::same_id(have, scope) || ids::same_id(have, &ids::subscription_scope(scope))
        })
    }

    /// Was type `ty` collected for `scope`, and if not, why.
    ///
    /// Coverage `ok` means collected; another coverage status means missing, with its message;
    /// no coverage entry means collected only when records of the type exist in the scope.
    pub fn collection(&self, scope: &str, ty: &str) -> Collection<'_> {
        let key = (
            ids::scope_key(scope).into_boxed_str(),
            ty.to_ascii_lowercase().into_boxed_str(),
        );
        if let Some(&i) = self.index.coverage_index.get(&key) {
            let c = &self.coverage[i];
            return match c.status {
                CoverageStatus::Ok => Collection::Collected,
                status => {
                    let what = match status {
                        CoverageStatus::Forbidden => "could not be read (access forbidden)",
                        CoverageStatus::Error => "failed to collect",
                        CoverageStatus::Throttled => "was throttled by Azure",
                        _ => "was not collected",
                    };
                    Collection::Missing {
                        status,
                        reason: Cow::Owned(match &c.message {
                            Some(m) => format!("{} {what} for {}: {m}", c.resource_type, c.scope),
                            None => format!("{} {what} for {}", c.resource_type, c.scope),
                        }),
                    }
                }
            };
        }
        // A collection of extension resources under one parent type
        // (`<parent type>/providers/<type>`) is present when records of its type are; the
        // inventory, when the scope holds any record (the records are the inventory).
        let present = if ty.eq_ignore_ascii_case(INVENTORY) {
            self.in_scope(scope).next().is_some()
        } else {
            match (
                self.scope_slot(scope),
                self.type_slot(ids::record_type_of(ty)),
            ) {
                (Some(s), Some(t)) => self.index.present.contains(&(s, t)),
                _ => false,
            }
        };
        if present {
            Collection::Collected
        } else {
            Collection::Missing {
                status: CoverageStatus::NotCollected,
                reason: Cow::Owned(format!(
                    "{ty} was not collected for {scope} (no coverage entry and no record of that type)"
                )),
            }
        }
    }

    /// Write the snapshot as a version 1 document; records are written exactly as loaded.
    pub fn write_to(&self, mut w: impl std::io::Write) -> std::io::Result<()> {
        w.write_all(b"{\n  \"version\": 1")?;
        let info = serde_json::to_value(&self.info).map_err(std::io::Error::other)?;
        if let serde_json::Value::Object(m) = info {
            for (k, v) in m {
                write!(w, ",\n  {}: {}", serde_json::Value::String(k), v)?;
            }
        }
        w.write_all(b",\n  \"subscriptions\": ")?;
        serde_json::to_writer(&mut w, &self.subscriptions)?;
        w.write_all(b",\n  \"resources\": [")?;
        for (i, r) in self.records().enumerate() {
            w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            w.write_all(r.raw_json().as_bytes())?;
        }
        w.write_all(b"\n  ],\n  \"coverage\": [")?;
        for (i, c) in self.coverage.iter().enumerate() {
            w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            serde_json::to_writer(&mut w, c)?;
        }
        w.write_all(b"\n  ]\n}\n")?;
        Ok(())
    }

    /// Save the snapshot to a file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), SnapshotError> {
        let path = path.as_ref();
        let io = |source| SnapshotError::Io {
            path: path.display().to_string(),
            source,
        };
        let file = std::fs::File::create(path).map_err(io)?;
        let mut w = std::io::BufWriter::new(file);
        self.write_to(&mut w).map_err(io)?;
        std::io::Write::flush(&mut w).map_err(io)
    }

    /// The snapshot as a JSON string.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(self.text.len() + 1024);
        self.write_to(&mut out)
            .expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("snapshot text is UTF-8")
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(p) => msg[..p].to_string(),
        None => msg.to_string(),
    }
}

struct Scanned<'a> {
    info: SnapshotInfo,
    subscriptions: Option<Vec<Subscription>>,
    records: Vec<ScannedRecord<'a>>,
    coverage: Vec<CoverageEntry>,
}

/// Where a field's value sits within its record: (offset, length), (0, 0) when absent or null.
fn span(v: Option<&RawValue>, record_start: usize) -> (u32, u32) {
    v.filter(|t| t.get() != "null")
        .map(|t| {
            (
                (t.get().as_ptr() as usize - record_start) as u32,
                t.get().len() as u32,
            )
        })
        .unwrap_or((0, 0))
}

struct ScannedRecord<'a> {
    tags: (u32, u32),
    properties: (u32, u32),
    id: Arc<str>,
    ty: Cow<'a, str>,
    name: Option<Box<str>>,
    location: Option<Cow<'a, str>>,
    start: usize,
    len: u32,
}

/// Builds a snapshot from records held as JSON values (what a collector produces).
///
/// Records are written into the document as they come, so a collection holds its data once;
/// [`SnapshotBuilder::try_record`] refuses, with the reason, a record that would make
/// [`SnapshotBuilder::build`] fail, so that data alone can never cost the snapshot.
#[derive(Debug)]
pub struct SnapshotBuilder {
    info: SnapshotInfo,
    subscriptions: Vec<Subscription>,
    /// The document so far: its head and the records, each followed by nothing yet.
    doc: String,
    count: usize,
    coverage: Vec<CoverageEntry>,
}

const BUILDER_HEAD: &str = "{\"version\":1,\"resources\":[\n    ";

impl Default for SnapshotBuilder {
    fn default() -> Self {
        Self {
            info: SnapshotInfo::default(),
            subscriptions: Vec::new(),
            doc: BUILDER_HEAD.to_string(),
            count: 0,
            coverage: Vec::new(),
        }
    }
}

/// Why a record (a JSON object with `id` and `type`) cannot be part of a snapshot, or `None`
/// when it can: exactly what [`Snapshot::from_json`] refuses in a record.
pub fn record_problem(record_json: &str) -> Option<String> {
    match serde_json::from_str::<RecordHead<'_>>(record_json) {
        Err(e) => Some(strip_position(&e.to_string())),
        Ok(h) if h.id.is_empty() => Some("`id` is empty".into()),
        Ok(h) if h.ty.is_empty() => Some("`type` is empty".into()),
        Ok(_) if record_json.len() > u32::MAX as usize => Some("record larger than 4 GiB".into()),
        Ok(_) => None,
    }
}

impl SnapshotBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }
    /// Set the header fields.
    pub fn info(mut self, info: SnapshotInfo) -> Self {
        self.info = info;
        self
    }
    /// Add a subscription in scope.
    pub fn subscription(&mut self, sub: Subscription) -> &mut Self {
        self.subscriptions.push(sub);
        self
    }
    /// Add a record (an ARM- or Graph-shaped object with `id` and `type`).
    ///
    /// A record the snapshot cannot hold makes [`SnapshotBuilder::build`] fail; a caller
    /// whose data it does not control uses [`SnapshotBuilder::try_record`].
    pub fn record(&mut self, record: &serde_json::Value) -> &mut Self {
        self.push_json(&record.to_string());
        self
    }
    /// Add a record given as its JSON text, unless the snapshot could not hold it: then
    /// nothing is added and the reason is returned.
    pub fn try_record(&mut self, record_json: &str) -> Result<&mut Self, String> {
        if let Some(problem) = record_problem(record_json) {
            return Err(problem);
        }
        self.push_json(record_json);
        Ok(self)
    }
    fn push_json(&mut self, json: &str) {
        if self.count > 0 {
            self.doc.push_str(",\n    ");
        }
        self.doc.push_str(json);
        self.count += 1;
    }
    /// Make room for `bytes` more of record text (a collector that knows its total avoids
    /// growing the document by doubling, which holds two copies at once).
    pub fn reserve(&mut self, bytes: usize) -> &mut Self {
        self.doc.reserve(bytes);
        self
    }
    /// Add a coverage entry.
    pub fn coverage(&mut self, entry: CoverageEntry) -> &mut Self {
        self.coverage.push(entry);
        self
    }
    /// The snapshot, indexed (no views: [`SnapshotBuilder::build`] parses those too).
    pub(crate) fn build_index(self) -> Result<Snapshot, SnapshotError> {
        let mut doc = self.doc;
        doc.push_str("\n  ],\"subscriptions\":");
        doc.push_str(&serde_json::to_string(&self.subscriptions).expect("serializable"));
        doc.push_str(",\"coverage\":");
        doc.push_str(&serde_json::to_string(&self.coverage).expect("serializable"));
        doc.push('}');
        let mut snap = Snapshot::index_json(doc)?;
        let tenant = snap.info.tenant_id.take();
        snap.info = self.info;
        if snap.info.tenant_id.is_none() {
            snap.info.tenant_id = tenant;
        }
        Ok(snap)
    }
}
