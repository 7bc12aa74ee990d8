//! # azaudit
//!
//! Audit the security posture of Microsoft Azure tenants. This facade re-exports
//! [`azaudit_core`] (the snapshot model, the check catalog, the engine and the reports) and,
//! with the default `azure` feature, the live collector [`azaudit_azure`] as [`azure`].
//!
//! ```
//! use azaudit::{Config, Engine, Snapshot};
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/demo-tenant.json");
//! let snapshot = Snapshot::load(path).unwrap();
//! let report = Engine::new(Config::default()).run(&snapshot);
//! assert!(report.failed().count() > 0);
//! ```

#![warn(missing_docs)]

pub use azaudit_core::*;

/// Live collection from Azure Resource Manager and Microsoft Graph.
#[cfg(feature = "azure")]
pub use azaudit_azure as azure;

pub mod cli;
mod live;

/// The README's Rust example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
