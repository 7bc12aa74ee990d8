//! # azaudit-core
//!
//! The engine of azaudit: a [`Snapshot`] of a tenant's Azure configuration goes in, a
//! [`Report`] of [`Finding`]s comes out. Pure and synchronous: no network, no async runtime.
//!
//! ```
//! use azaudit_core::{Config, Engine, Snapshot};
//! let snap = Snapshot::from_json(r#"{"version":1,"resources":[]}"#).unwrap();
//! let report = Engine::new(Config::default()).run(&snap);
//! assert_eq!(report.version, 1);
//! ```
//!
//! The check catalog is [`catalog::all`]; its documentation is generated from each check's
//! [`CheckMeta`] into `docs/checks.md`.

#![warn(missing_docs)]

pub mod catalog;
pub mod check;
pub mod checks;
pub mod config;
pub mod counterparts;
pub mod engine;
pub mod finding;
pub mod glob;
pub mod ids;
mod intern;
mod load;
mod memo;
pub mod model;
pub mod report;
pub mod resource_type;
pub mod resource_types;
pub mod roles;
pub mod snapshot;
pub mod synth;
pub mod time;

pub use check::{Check, CheckError, CheckMeta, Context, Findings, Remediation, Subject};
pub use config::{Config, ConfigError, Waiver};
pub use engine::{Engine, EngineError, Selection};
pub use finding::{Finding, Severity, Status};
pub use report::{CoverageGap, Report};
pub use snapshot::{
    Collection, CoverageEntry, CoverageStatus, Record, Snapshot, SnapshotBuilder, SnapshotError,
    SnapshotInfo, Subscription,
};
