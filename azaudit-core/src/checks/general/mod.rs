//! Checks that span resource types.

pub mod critical_resources_locked;
