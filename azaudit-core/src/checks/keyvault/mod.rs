//! keyvault checks.
