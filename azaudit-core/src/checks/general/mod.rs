//! general checks.
