//! appservice checks.
