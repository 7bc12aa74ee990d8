//! Network checks.

pub mod internet_ports;
pub mod watcher_enabled;

pub(crate) const NSGS: &str = "Microsoft.Network/networkSecurityGroups";
