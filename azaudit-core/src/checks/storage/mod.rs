//! Storage account checks.

use crate::resource_types::{self, ResourceType};

pub mod access_keys_rotated;
pub mod blob_anonymous_access_disabled;
pub mod default_network_access_denied;
pub mod logging_enabled;
pub mod secure_transfer_required;

pub(crate) const ACCOUNTS: &ResourceType = &resource_types::STORAGE_ACCOUNTS;
pub(crate) const CONTAINERS: &ResourceType = &resource_types::BLOB_CONTAINERS;
