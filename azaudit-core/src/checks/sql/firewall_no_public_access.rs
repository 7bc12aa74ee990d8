//! `sql.firewall_no_public_access`

use std::net::Ipv4Addr;

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::{Arm, SqlFirewallRule};

/// No SQL firewall rule admits the whole internet or every Azure tenant.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.firewall_no_public_access",
        title: "SQL server firewalls do not allow ingress from any IP or all Azure services",
        service: "sql",
        level: 1,
        severity: Severity::Critical,
        reads: &[super::SERVERS, super::FIREWALL],
        rule: "One finding per server. Pass when the server's `publicNetworkAccess` is `Disabled`: its firewall rules are not applied (CIS calls the recommendation moot then; Prowler would still fail it). Otherwise fail (critical) if a firewall rule, or several together, span every address a client on the internet can have, 1.0.0.0 to 223.255.255.255 (so 0.0.0.1-255.255.255.255 fails too: 0.0.0.0/8 and 224.0.0.0/3 are never a source; stricter than Prowler and Azure Policy, which look for 0.0.0.0-255.255.255.255 only); fail (high) if a rule is 0.0.0.0-0.0.0.0 (AllowAllWindowsAzureIps: every Azure service of every tenant); pass otherwise, including a server with no rules; unknown when a rule cannot be read.",
        rationale: "A rule open to any address exposes the server's login endpoint to the whole internet; 'Allow Azure services' admits any VM or function of any Azure customer.",
        remediation: Remediation {
            portal: "SQL server > Security > Networking > remove rules 0.0.0.0-255.255.255.255 and untick 'Allow Azure services and resources to access this server'; use private endpoints or specific IP ranges.",
            cli: "az sql server firewall-rule delete --resource-group <rg> --server <server> --name <rule>",
        },
        cis: &["5.1.2"],
        references: &["https://learn.microsoft.com/azure/azure-sql/database/firewall-configure"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let rules = cx.view::<Arm<SqlFirewallRule>>();
    cx.each::<crate::model::SqlServer>(&covered, out, |server, props, out| {
        if props
            .properties
            .public_network_access
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("Disabled"))
        {
            out.pass(server, "Public network access is disabled: the firewall rules are not applied.", crate::evidence!({"publicNetworkAccess": "Disabled"}));
            return;
        }
        let mut all_azure = Vec::new();
        let mut unreadable = None;
        // Ranges other than 0.0.0.0-0.0.0.0: several together may admit every address.
        let mut ranges: Vec<(u32, u32, &str)> = Vec::new();
        for rec in server.children_of_type(super::FIREWALL.record_type()) {
            match rules.get(rec) {
                Some(Ok(rule)) => {
                    let ip = |v: &Option<String>| v.as_deref().and_then(|a| a.trim().parse::<Ipv4Addr>().ok());
                    match (ip(&rule.properties.start_ip_address), ip(&rule.properties.end_ip_address)) {
                        (Some(s), Some(e)) if s.is_unspecified() && e.is_unspecified() => {
                            all_azure.push(rec.name().to_string())
                        }
                        (Some(s), Some(e)) => ranges.push((u32::from(s), u32::from(e), rec.name())),
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
        let any_ip = cover_everything(&mut ranges).unwrap_or_default();
        let ev = crate::evidence!({"anyIpRules": any_ip, "allAzureServicesRules": all_azure});
        if !any_ip.is_empty() {
            out.fail(
                server,
                if any_ip.len() == 1 {
                    format!(
                        "Firewall rule {} admits every IP address a client can have (1.0.0.0-223.255.255.255 and more).",
                        any_ip[0]
                    )
                } else {
                    format!(
                        "Firewall rules {} together admit every IP address a client can have (1.0.0.0-223.255.255.255 and more).",
                        any_ip.join(", ")
                    )
                },
                ev,
            );
        } else if let Some(u) = unreadable {
            out.unknown(server, u, ev);
        } else if !all_azure.is_empty() {
            out.fail(
                server,
                format!(
                    "Firewall rule {} admits all Azure services of every tenant (0.0.0.0-0.0.0.0).",
                    all_azure.join(", ")
                ),
                ev,
            )
            .severity = Severity::High;
        } else {
            out.pass(
                server,
                "No firewall rule admits any IP or all Azure services.",
                ev,
            );
        }
    });
    Ok(())
}

/// The first and last address a client on the internet can have: 0.0.0.0/8 is "this
/// network" and 224.0.0.0/3 multicast and reserved, never the source of a connection.
const CLIENTS: (u32, u32) = (0x0100_0000, 0xDFFF_FFFF);

/// The rules whose ranges together span every client address, when they do (shared by
/// the other firewalls' checks).
pub(crate) fn cover_everything(ranges: &mut [(u32, u32, &str)]) -> Option<Vec<String>> {
    ranges.sort_unstable_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    // The next address not yet admitted (u64: it may pass u32::MAX).
    let mut next: u64 = u64::from(CLIENTS.0);
    let mut used = Vec::new();
    for &(s, e, name) in ranges.iter() {
        if next > u64::from(CLIENTS.1) {
            break;
        }
        if u64::from(s) > next {
            return None;
        }
        if u64::from(e) >= next {
            used.push(name.to_string());
            next = u64::from(e) + 1;
        }
    }
    (next > u64::from(CLIENTS.1)).then_some(used)
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{FIREWALL, SERVERS};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let rule = |s: &serde_json::Value, n: &str, a: &str, b: &str| {
        child(
            s,
            "firewallRules",
            n,
            json!({"startIpAddress": a, "endIpAddress": b}),
        )
    };
    let open = arm(SERVERS, "sqlopen", json!({}));
    let azure = arm(SERVERS, "sqlazure", json!({}));
    let tight = arm(SERVERS, "sqltight", json!({}));
    let odd = arm(SERVERS, "sqlodd", json!({}));
    let halves = arm(SERVERS, "sqlhalves", json!({}));
    let gap = arm(SERVERS, "sqlgap", json!({}));
    // Changed from pass: everything but 0.0.0.0 is every client.
    let nearly = arm(SERVERS, "sqlnearly", json!({}));
    // Changed from fail: with public network access disabled, no firewall rule applies.
    let private = arm(
        SERVERS,
        "sqlprivate",
        json!({"publicNetworkAccess": "Disabled", "minimalTlsVersion": "1.2"}),
    );
    let recs = vec![
        open.clone(),
        rule(&open, "all", "0.0.0.0", "255.255.255.255"),
        azure.clone(),
        rule(&azure, "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0"),
        tight.clone(),
        rule(&tight, "office", "203.0.113.0", "203.0.113.255"),
        halves.clone(),
        rule(&halves, "low", "0.0.0.0", "127.255.255.255"),
        rule(&halves, "office", "127.0.0.1", "127.0.0.9"),
        rule(&halves, "high", "128.0.0.0", "255.255.255.255"),
        gap.clone(),
        rule(&gap, "low", "0.0.0.0", "127.255.255.254"),
        rule(&gap, "high", "128.0.0.0", "255.255.255.255"),
        nearly.clone(),
        rule(&nearly, "almost", "0.0.0.1", "255.255.255.255"),
        private.clone(),
        rule(&private, "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0"),
        odd.clone(),
        child(
            &odd,
            "firewallRules",
            "x",
            json!({"startIpAddress": "10.0.0.1"}),
        ),
    ];
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), &[SERVERS, FIREWALL]),
            vec![
                e(id_of(&open), Fail),
                e(id_of(&azure), Fail),
                e(id_of(&tight), Pass),
                e(id_of(&halves), Fail),
                e(id_of(&gap), Pass),
                e(id_of(&nearly), Fail),
                e(id_of(&private), Pass),
                e(id_of(&odd), Unknown),
            ],
        ),
        Case::new(
            "rules forbidden",
            forbid(doc(recs, &[SERVERS]), FIREWALL),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
