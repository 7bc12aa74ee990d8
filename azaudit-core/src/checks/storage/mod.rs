//! Storage account checks.

pub mod access_keys_rotated;
pub mod blob_anonymous_access_disabled;
pub mod default_network_access_denied;
pub mod logging_enabled;
pub mod secure_transfer_required;

pub(crate) const ACCOUNTS: &str = "Microsoft.Storage/storageAccounts";
pub(crate) const CONTAINERS: &str = "Microsoft.Storage/storageAccounts/blobServices/containers";
