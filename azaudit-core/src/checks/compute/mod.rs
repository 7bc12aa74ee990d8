//! compute checks.
