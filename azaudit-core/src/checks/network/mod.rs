//! Network checks.

use crate::resource_types::{self, ResourceType};

pub mod internet_ports;
pub mod watcher_enabled;

pub(crate) const NSGS: &ResourceType = &resource_types::NETWORK_SECURITY_GROUPS;
