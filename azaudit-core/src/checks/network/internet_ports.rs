//! `network.rdp_internet_denied` and `network.ssh_internet_denied`: management ports not
//! reachable from the internet, one implementation driven by a table.

#[cfg(test)]
use serde_json::json;

use super::NSGS;
use crate::check::{Check, CheckError, CheckMeta, Context, Findings, Remediation};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::{Nsg, SecurityRuleProps};

/// An internet-exposure check for one management port.
pub struct PortCheck {
    meta: CheckMeta,
    port: u16,
    name: &'static str,
}

macro_rules! port_check {
    ($static:ident, $id:literal, $port:literal, $name:literal, $cis:literal) => {
        #[doc = concat!("`", $id, "`: ", $name, " (TCP ", stringify!($port), ") is not reachable from the internet.")]
        pub static $static: PortCheck = PortCheck {
            port: $port,
            name: $name,
            meta: CheckMeta {
                id: $id,
                title: concat!($name, " (TCP ", stringify!($port), ") access from the internet is denied"),
                service: "network",
                level: 1,
                severity: Severity::Critical,
                reads: &[NSGS],
                rule: concat!("Fail per network security group where the first inbound rule, in priority order, that matches TCP ", stringify!($port), " from the internet is an Allow. Internet sources: `*`, `0.0.0.0/0`, `0.0.0.0`, `::/0`, `Internet`, `Any` (or any `x/0`) in `sourceAddressPrefix(es)`; ports: `*`, `", stringify!($port), "` or a range containing it in `destinationPortRange(s)`; protocol `Tcp` or `*`. An Allow shadowed by a higher-priority Deny of the same traffic does not count. Unknown when rules lack direction, access, priority or protocol."),
                rationale: concat!($name, " exposed to the internet is scanned and brute-forced within minutes of going live; it is one of the most common ways into Azure VMs. Use Azure Bastion or just-in-time access instead."),
                remediation: Remediation {
                    portal: concat!("Network security group > Settings > Inbound security rules > delete or restrict the rule allowing ", stringify!($port), " from Any/Internet; use Azure Bastion or Defender for Cloud just-in-time VM access."),
                    cli: "az network nsg rule delete --resource-group <rg> --nsg-name <nsg> --name <rule>",
                },
                cis: &[$cis],
                references: &["https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview", "https://learn.microsoft.com/azure/bastion/bastion-overview"],
                manual: false,
            },
        };
    };
}

port_check!(RDP, "network.rdp_internet_denied", 3389, "RDP", "7.1");
port_check!(SSH, "network.ssh_internet_denied", 22, "SSH", "7.2");

impl Check for PortCheck {
    fn meta(&self) -> &CheckMeta {
        &self.meta
    }
    fn evaluate(&self, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError> {
        eval_port(cx, self.meta.reads, self.port, self.name, out);
        Ok(())
    }
    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        port_cases(self.port)
    }
}

const INTERNET: [&str; 6] = ["*", "0.0.0.0/0", "0.0.0.0", "::/0", "internet", "any"];

fn from_internet(p: &SecurityRuleProps) -> bool {
    p.source_address_prefix
        .iter()
        .chain(p.source_address_prefixes.iter().flatten())
        .any(|s| {
            let s = s.trim();
            INTERNET.iter().any(|i| i.eq_ignore_ascii_case(s)) || s.ends_with("/0")
        })
}

fn port_matches(spec: &str, port: u16) -> bool {
    let spec = spec.trim();
    if spec == "*" {
        return true;
    }
    match spec.split_once('-') {
        Some((a, b)) => {
            matches!((a.trim().parse::<u16>(), b.trim().parse::<u16>()), (Ok(a), Ok(b)) if a <= port && port <= b)
        }
        None => spec.parse::<u16>() == Ok(port),
    }
}

fn covers_port(p: &SecurityRuleProps, port: u16) -> bool {
    p.destination_port_range
        .iter()
        .chain(p.destination_port_ranges.iter().flatten())
        .any(|r| port_matches(r, port))
}

/// The NSG internet-exposure rule shared by the RDP and SSH checks: walk inbound rules in
/// priority order; the first that matches TCP `port` from the internet decides.
fn eval_port(cx: &Context<'_>, reads: &[&str], port: u16, service: &str, out: &mut Findings) {
    let covered = cx.covered_subscriptions(reads, out);
    cx.each::<Nsg>(&covered, out, |r, nsg, out| {
        let Some(rules) = &nsg.properties.security_rules else {
            out.unknown(r, "The network security group does not report securityRules.", serde_json::Value::Null);
            return;
        };
        let mut inbound: Vec<(&str, &SecurityRuleProps)> = Vec::new();
        for rule in rules {
            let name = rule.name.as_deref().unwrap_or("?");
            let Some(p) = &rule.properties else { continue };
            if p.direction.is_none() || p.access.is_none() || p.priority.is_none() || p.protocol.is_none() {
                out.unknown(r, format!("Rule {name} lacks direction, access, priority or protocol."), crate::evidence!({"rule": name}));
                return;
            }
            if is(&p.direction, "Inbound") {
                inbound.push((name, p));
            }
        }
        inbound.sort_by_key(|(_, p)| p.priority.unwrap_or(i64::MAX));
        let decisive = inbound.iter().find(|(_, p)| {
            (is(&p.protocol, "Tcp") || is(&p.protocol, "*")) && covers_port(p, port) && from_internet(p)
        });
        match decisive {
            Some((name, p)) if is(&p.access, "Allow") => {
                let ev = crate::evidence!({"rule": name, "priority": p.priority, "source": p.source_address_prefix.clone().or_else(|| p.source_address_prefixes.as_ref().map(|v| v.join(","))), "ports": p.destination_port_range.clone().or_else(|| p.destination_port_ranges.as_ref().map(|v| v.join(",")))});
                out.fail(r, format!("Inbound rule '{name}' (priority {}) allows {service} (TCP {port}) from the internet.", p.priority.unwrap_or_default()), ev);
            }
            Some((name, p)) => out.pass(r, format!("{service} from the internet is denied by rule '{name}' (priority {}).", p.priority.unwrap_or_default()), crate::evidence!({"rule": name})),
            None => out.pass(r, format!("No inbound rule allows {service} (TCP {port}) from the internet."), crate::evidence!({"inboundRules": inbound.len()})),
        }
    });
}

#[cfg(test)]
fn port_cases(port: u16) -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let rule = |name: &str,
                prio: i64,
                access: &str,
                src: serde_json::Value,
                ports: serde_json::Value| {
        let mut p = json!({"direction": "Inbound", "access": access, "priority": prio, "protocol": "Tcp", "sourcePortRange": "*"});
        match src {
            serde_json::Value::Array(_) => p["sourceAddressPrefixes"] = src,
            _ => p["sourceAddressPrefix"] = src,
        }
        match ports {
            serde_json::Value::Array(_) => p["destinationPortRanges"] = ports,
            _ => p["destinationPortRange"] = ports,
        }
        json!({"name": name, "properties": p})
    };
    let nsg = |name: &str, rules: Vec<serde_json::Value>| {
        arm(
            NSGS,
            name,
            json!({"securityRules": rules, "defaultSecurityRules": []}),
        )
    };
    let p = port.to_string();
    let open = nsg(
        "nsg-open",
        vec![rule(
            "allow-admin",
            100,
            "Allow",
            json!("Internet"),
            json!(p),
        )],
    );
    let range = nsg(
        "nsg-range",
        vec![rule(
            "allow-range",
            200,
            "Allow",
            json!(["10.0.0.0/8", "0.0.0.0/0"]),
            json!(["80", format!("{}-{}", port - 2, port + 2)]),
        )],
    );
    let shadowed = nsg(
        "nsg-shadowed",
        vec![
            rule("allow-any", 300, "Allow", json!("*"), json!("*")),
            rule("deny-admin", 100, "Deny", json!("*"), json!(p)),
        ],
    );
    let private = nsg(
        "nsg-private",
        vec![
            rule(
                "allow-vnet",
                100,
                "Allow",
                json!("VirtualNetwork"),
                json!(p),
            ),
            rule("allow-web", 110, "Allow", json!("*"), json!("443")),
        ],
    );
    let partial_deny = nsg(
        "nsg-partial-deny",
        vec![
            rule("deny-one", 100, "Deny", json!("198.51.100.7"), json!(p)),
            rule("allow-all", 200, "Allow", json!("Any"), json!("*")),
        ],
    );
    let broken = arm(
        NSGS,
        "nsg-broken",
        json!({"securityRules": [{"name": "r", "properties": {"direction": "Inbound", "access": "Allow"}}]}),
    );
    let bare = arm(NSGS, "nsg-bare", json!({"provisioningState": "Succeeded"}));
    let all = vec![
        open.clone(),
        range.clone(),
        shadowed.clone(),
        private.clone(),
        partial_deny.clone(),
        broken.clone(),
        bare.clone(),
    ];
    vec![
        Case::new(
            "rules",
            doc(all.clone(), &[NSGS]),
            vec![
                e(id_of(&open), Fail),
                e(id_of(&range), Fail),
                e(id_of(&shadowed), Pass),
                e(id_of(&private), Pass),
                e(id_of(&partial_deny), Fail),
                e(id_of(&broken), Unknown),
                e(id_of(&bare), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(all, &[]), NSGS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
