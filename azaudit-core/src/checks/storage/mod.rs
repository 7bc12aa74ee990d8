//! Storage account checks.

pub mod secure_transfer_required;

pub(crate) const ACCOUNTS: &str = "Microsoft.Storage/storageAccounts";
pub(crate) const CONTAINERS: &str = "Microsoft.Storage/storageAccounts/blobServices/containers";
