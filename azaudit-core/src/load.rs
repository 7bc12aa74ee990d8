//! Loading a snapshot: the snapshot layer reads and indexes the records; this layer, above the
//! registry, then parses every registry view the snapshot has records of, on all cores.
//!
//! Parsing at load rather than in each run reads the text while it is still warm from
//! indexing, and lets a snapshot be audited many times (other checks, other waivers, a
//! notebook's next cell) without parsing it again. A view no entry owns (a check's own) is
//! parsed on first use and kept the same way.

use std::io::Read;
use std::path::Path;

use crate::resource_types;
use crate::snapshot::{Snapshot, SnapshotBuilder, SnapshotError};

fn with_views(snapshot: Snapshot) -> Snapshot {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    resource_types::parse_views(&snapshot, threads);
    snapshot
}

impl Snapshot {
    /// Load a snapshot file.
    pub fn load(path: impl AsRef<Path>) -> Result<Snapshot, SnapshotError> {
        Snapshot::index_file(path).map(with_views)
    }

    /// Load a snapshot from a reader (read to its end first).
    pub fn from_reader(reader: impl Read) -> Result<Snapshot, SnapshotError> {
        Snapshot::index_reader(reader).map(with_views)
    }

    /// Load a snapshot from its JSON text.
    ///
    /// ```
    /// let snap = azaudit_core::Snapshot::from_json(r#"{"version":1,"resources":[
    ///   {"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
    ///    "type":"Microsoft.Storage/storageAccounts","properties":{}}]}"#.to_string()).unwrap();
    /// assert_eq!(snap.len(), 1);
    /// assert_eq!(snap.of_type("microsoft.storage/STORAGEACCOUNTS").count(), 1);
    /// ```
    pub fn from_json(text: impl Into<String>) -> Result<Snapshot, SnapshotError> {
        Snapshot::index_json(text).map(with_views)
    }
}

impl SnapshotBuilder {
    /// Validate and load the snapshot.
    pub fn build(self) -> Result<Snapshot, SnapshotError> {
        self.build_index().map(with_views)
    }
}
