//! Where a snapshot comes from: a file or a live collection, behind one trait.

use std::path::PathBuf;

use async_trait::async_trait;
use azaudit_core::Snapshot;

use crate::{CollectError, Collector};

/// Something that yields a snapshot to audit. A service audits a file and a live tenant
/// the same way:
///
/// ```no_run
/// # async fn demo(source: &dyn azaudit_azure::Source) -> Result<(), azaudit_azure::CollectError> {
/// use azaudit_core::{Config, Engine};
/// let snapshot = source.snapshot().await?;
/// let report = Engine::new(Config::default()).run(&snapshot);
/// println!("{} failed", report.failed().count());
/// # Ok(()) }
/// ```
#[async_trait]
pub trait Source: Send + Sync {
    /// Produce the snapshot.
    async fn snapshot(&self) -> Result<Snapshot, CollectError>;
    /// A short description for logs and progress output (`file demo.json`, `live AzureCloud`).
    fn describe(&self) -> String;
}

/// A snapshot file (version 1, see `docs/snapshot-format.md`), read on a blocking thread.
#[derive(Debug, Clone)]
pub struct SnapshotFile {
    path: PathBuf,
}

impl SnapshotFile {
    /// The file at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }
}

#[async_trait]
impl Source for SnapshotFile {
    async fn snapshot(&self) -> Result<Snapshot, CollectError> {
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || Snapshot::load(&path))
            .await
            .map_err(|e| CollectError::Internal(e.to_string()))?
            .map_err(CollectError::Snapshot)
    }
    fn describe(&self) -> String {
        format!("file {}", self.path.display())
    }
}

#[async_trait]
impl Source for Collector {
    async fn snapshot(&self) -> Result<Snapshot, CollectError> {
        self.collect().await
    }
    fn describe(&self) -> String {
        "live collection".to_string()
    }
}
