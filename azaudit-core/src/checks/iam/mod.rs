//! iam checks.
