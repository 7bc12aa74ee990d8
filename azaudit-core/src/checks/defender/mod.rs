//! defender checks.
