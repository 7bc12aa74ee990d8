//! monitor checks.
