//! # azaudit-azure
//!
//! Collects the configuration of an Azure tenant from Azure Resource Manager and
//! Microsoft Graph into an [`azaudit_core::Snapshot`], for the engine to audit.
//!
//! - Only what the selected checks read is requested ([`plan`]); Key Vault keys and
//!   secrets are listed through ARM (attributes only), never their material or values.
//! - Requests run with bounded concurrency; lists follow `nextLink` / `@odata.nextLink`;
//!   429 waits for `Retry-After`; 5xx, 408 and timeouts are retried with backoff and jitter.
//! - Every (scope, type) ends in the snapshot's coverage as ok, forbidden, error or
//!   notCollected: a 403 or a failure that outlived its retries is recorded and the scan
//!   goes on, and the checks say unknown for what is missing.
//! - The credential is any `azure_core` [`TokenCredential`](azure_core::credentials::TokenCredential),
//!   or the [`DefaultCredential`] chain; tokens and secrets never reach logs, errors,
//!   `Debug` output or snapshots.
//!
//! ```no_run
//! # async fn demo() -> Result<(), azaudit_azure::CollectError> {
//! use azaudit_azure::{CloudProfile, CollectOptions, Collector};
//! let options = CollectOptions {
//!     cloud: CloudProfile::named("AzureUSGovernment").unwrap(),
//!     subscriptions: vec!["00000000-0000-0000-0000-000000000000".into()],
//!     ..Default::default()
//! };
//! let (snapshot, metrics) = Collector::new(options, None)?.collect_with_metrics().await?;
//! println!("{} records; {metrics}", snapshot.len());
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

pub mod cloud;
pub mod collect;
pub mod credential;
mod http;
pub mod metrics;
pub mod options;
pub mod plan;
pub mod source;

pub use cloud::CloudProfile;
pub use collect::{CollectOptions, Collector, Progress, ProgressFn, RetryPolicy};
pub use credential::{DefaultCredential, StaticTokenCredential};
pub use http::FetchError;
pub use metrics::{EndpointMetrics, Metrics, Plane};
pub use options::{CheckList, CollectConfig, Endpoints, KeyStyle, OptionsError};
pub use source::{SnapshotFile, Source};

/// Why a collection could not run at all. Failures of single requests are not errors:
/// they are recorded in the snapshot's coverage.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    /// The options are invalid (an http URL, an unreadable CA file, an empty selection).
    #[error("invalid collection options: {0}")]
    Options(String),
    /// No token could be obtained: nothing can be read.
    #[error("could not get a token: {0}")]
    Credential(String),
    /// The subscriptions could not be listed.
    #[error("could not list subscriptions: {0}")]
    Discovery(String),
    /// A snapshot file could not be read.
    #[error(transparent)]
    Snapshot(#[from] azaudit_core::SnapshotError),
    /// A bug: the collected data did not form a snapshot, or a task failed.
    #[error("internal error: {0}")]
    Internal(String),
}
