//! Azure SQL, PostgreSQL and MySQL checks.

pub mod alerts_to_admins;
pub mod auditing_enabled;
pub mod entra_admin_configured;
pub mod firewall_no_public_access;
pub mod postgres_azure_services_blocked;
pub mod postgres_single_infrastructure_encryption;
pub mod public_network_access_disabled;
pub mod server_parameters;
pub mod tde_customer_managed_key;
pub mod tde_enabled;
pub mod threat_detection_enabled;
pub mod tls_enforced;

pub(crate) const SERVERS: &ResourceType = &resource_types::SQL_SERVERS;
pub(crate) const AUDITING: &ResourceType = &resource_types::SQL_AUDITING;
pub(crate) const ALERT_POLICIES: &ResourceType = &resource_types::SQL_ALERT_POLICIES;
pub(crate) const DATABASES: &ResourceType = &resource_types::SQL_DATABASES;
pub(crate) const TDE: &ResourceType = &resource_types::SQL_TDE;
pub(crate) const FIREWALL: &ResourceType = &resource_types::SQL_FIREWALL_RULES;
pub(crate) const ENCRYPTION_PROTECTOR: &ResourceType = &resource_types::SQL_ENCRYPTION_PROTECTOR;
pub(crate) const ADMINISTRATORS: &ResourceType = &resource_types::SQL_ADMINISTRATORS;
pub(crate) const PG: &ResourceType = &resource_types::POSTGRES_SERVERS;
pub(crate) const PG_CONFIG: &ResourceType = &resource_types::POSTGRES_CONFIGURATIONS;
pub(crate) const PG_FIREWALL: &ResourceType = &resource_types::POSTGRES_FIREWALL_RULES;
pub(crate) const PG_SINGLE: &ResourceType = &resource_types::POSTGRES_SINGLE_SERVERS;
pub(crate) const MYSQL: &ResourceType = &resource_types::MYSQL_SERVERS;
pub(crate) const MYSQL_CONFIG: &ResourceType = &resource_types::MYSQL_CONFIGURATIONS;

use crate::check::{Context, Findings};
use crate::model::{Arm, Props, SqlServer};
use crate::resource_types::{self, ResourceType};
use crate::snapshot::Record;

/// For each SQL server in a covered subscription, its single child of type `P` (the
/// `Default` policy); a server without one is unknown.
pub(crate) fn each_server_policy<P: Props>(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    out: &mut Findings,
    what: &str,
    mut f: impl FnMut(&Record<'_>, &P, &mut Findings),
) {
    let covered = cx.covered_subscriptions(reads, out);
    let policies = cx.view::<Arm<P>>();
    cx.each::<SqlServer>(&covered, out, |server, _, out| {
        let child = server.children_of_type(P::TYPE.record_type()).next();
        match child.and_then(|c| policies.get(c)) {
            Some(Ok(p)) => f(server, &p.properties, out),
            Some(Err(e)) => out.unknown(server, e.to_string(), serde_json::Value::Null),
            None => out.unknown(
                server,
                format!("No {what} record was returned for this server."),
                serde_json::Value::Null,
            ),
        }
    });
}
