//! sql checks.
