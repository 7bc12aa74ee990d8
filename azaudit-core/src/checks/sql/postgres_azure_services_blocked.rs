//! `sql.postgres_azure_services_blocked`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::{Arm, PostgresFirewallRule, PostgresServer};

/// PostgreSQL flexible servers do not let every Azure service in.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.postgres_azure_services_blocked",
        title: "PostgreSQL flexible servers do not allow access from any Azure service",
        service: "sql",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::PG, super::PG_FIREWALL],
        rule: "Per PostgreSQL flexible server: pass when `network.publicNetworkAccess` is Disabled (firewall rules do not apply: private access only), or when no firewall rule starts or ends at 0.0.0.0 or bears the portal's name for it (`AllowAllAzureServicesAndResourcesWithinAzureIps...`, any case), as CIS's audit reads it, and the rules together do not span every client address; fail when such a rule exists (0.0.0.0 to 0.0.0.0 is the portal's 'Allow public access from any Azure service within Azure to this server'; a range from 0.0.0.0, or rules spanning 1.0.0.0 to 223.255.255.255, admit the whole internet, worse still); unknown when a rule cannot be read. Severity medium: the rule admits every Azure tenant's resources, not only the organisation's, though they still need credentials.",
        rationale: "The 0.0.0.0 rule lets connections in from any resource in Azure, including other customers' virtual machines and functions, so the firewall no longer narrows who can try the server's credentials.",
        remediation: Remediation {
            portal: "PostgreSQL flexible server > Settings > Networking > clear 'Allow public access from any Azure service within Azure to this server', and save.",
            cli: "az postgres flexible-server firewall-rule delete --resource-group <rg> --name <server> --rule-name <rule with 0.0.0.0-0.0.0.0> --yes",
        },
        cis: &["5.2.5"],
        references: &[
            "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-firewall-rules",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

/// The name the portal gives the rule its 'Allow public access from any Azure service' box
/// makes (a timestamp follows).
const PORTAL_NAME: &str = "AllowAllAzureServicesAndResourcesWithinAzureIps";

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let rules = cx.view::<Arm<PostgresFirewallRule>>();
    cx.each::<PostgresServer>(&covered, out, |server, s, out| {
        let access = s
            .properties
            .network
            .as_ref()
            .and_then(|n| n.public_network_access.clone());
        if is(&access, "Disabled") {
            out.pass(
                server,
                "Public network access is disabled: firewall rules do not apply.",
                crate::evidence!({"publicNetworkAccess": access}),
            );
            return;
        }
        let mut unreadable = None;
        let mut azure = None;
        // The other ranges: several together may admit every address.
        let mut ranges: Vec<(u32, u32, &str)> = Vec::new();
        for rec in server.children_of_type(super::PG_FIREWALL.record_type()) {
            match rules.get(rec) {
                Some(Ok(r)) => {
                    let r = &r.properties;
                    let ip = |v: &Option<String>| {
                        v.as_deref()
                            .and_then(|a| a.trim().parse::<std::net::Ipv4Addr>().ok())
                    };
                    let portal_name = rec
                        .name()
                        .get(..PORTAL_NAME.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(PORTAL_NAME));
                    match (ip(&r.start_ip_address), ip(&r.end_ip_address)) {
                        (Some(s), Some(e))
                            if s.is_unspecified() || e.is_unspecified() || portal_name =>
                        {
                            azure = Some(rec.name().to_string());
                        }
                        (Some(s), Some(e)) => ranges.push((u32::from(s), u32::from(e), rec.name())),
                        _ if portal_name => azure = Some(rec.name().to_string()),
                        _ => {
                            unreadable = Some(format!(
                                "Firewall rule {} does not report a readable IPv4 address range.",
                                rec.name()
                            ))
                        }
                    }
                }
                Some(Err(e)) => unreadable = Some(e.to_string()),
                None => {}
            }
        }
        if azure.is_none() {
            azure = super::firewall_no_public_access::cover_everything(&mut ranges)
                .map(|names| names.join(", "));
        }
        match (azure, unreadable) {
            (Some(name), _) => {
                out.fail(
                    server,
                    format!(
                        "Firewall rule {name} allows access from any Azure service (or wider)."
                    ),
                    crate::evidence!({"publicNetworkAccess": access, "rule": name}),
                );
            }
            (None, Some(e)) => out.unknown(server, e, serde_json::Value::Null),
            (None, None) => out.pass(
                server,
                "No firewall rule allows access from any Azure service.",
                crate::evidence!({"publicNetworkAccess": access}),
            ),
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{PG, PG_FIREWALL};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let open = arm(
        PG,
        "pg-azure",
        json!({"version": "16", "network": {"publicNetworkAccess": "Enabled"}}),
    );
    let office = arm(
        PG,
        "pg-office",
        json!({"version": "16", "network": {"publicNetworkAccess": "Enabled"}}),
    );
    let private = arm(
        PG,
        "pg-private",
        json!({"version": "16", "network": {"publicNetworkAccess": "Disabled", "delegatedSubnetResourceId": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"}}),
    );
    let odd = arm(PG, "pg-odd", json!({"version": "16"}));
    let wide = arm(PG, "pg-wide", json!({"version": "16"}));
    let spans = arm(PG, "pg-spans", json!({"version": "16"}));
    // FirewallRuleListByServer.json (2024-08-01): name, startIpAddress, endIpAddress.
    let rule = |s: &serde_json::Value, n: &str, a: &str, b: &str| {
        child(
            s,
            "firewallRules",
            n,
            json!({"startIpAddress": a, "endIpAddress": b}),
        )
    };
    let recs = vec![
        open.clone(),
        rule(
            &open,
            "AllowAllAzureServicesAndResourcesWithinAzureIps_2026-10-2_9-1-44",
            "0.0.0.0",
            "0.0.0.0",
        ),
        office.clone(),
        rule(&office, "office", "203.0.113.0", "203.0.113.255"),
        wide.clone(),
        rule(&wide, "everyone", "0.0.0.0", "255.255.255.255"),
        spans.clone(),
        rule(&spans, "low", "1.0.0.0", "127.255.255.255"),
        rule(&spans, "high", "128.0.0.0", "255.255.255.255"),
        private.clone(),
        rule(&private, "stale", "0.0.0.0", "0.0.0.0"),
        odd.clone(),
        child(
            &odd,
            "firewallRules",
            "broken",
            json!({"startIpAddress": 0}),
        ),
    ];
    vec![
        Case::new(
            "rules",
            doc(recs.clone(), &[PG, PG_FIREWALL]),
            vec![
                e(id_of(&open), Fail),
                e(id_of(&office), Pass),
                e(id_of(&wide), Fail),
                e(id_of(&spans), Fail),
                e(id_of(&private), Pass),
                e(id_of(&odd), Unknown),
            ],
        ),
        Case::new(
            "rules forbidden",
            forbid(doc(recs, &[PG]), PG_FIREWALL),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
