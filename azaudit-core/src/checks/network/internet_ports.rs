//! `network.rdp_internet_denied` and `network.ssh_internet_denied`: management ports not
//! reachable from the internet, one implementation driven by a table.

use crate::resource_types::ResourceType;

#[cfg(test)]
use serde_json::json;

use super::NSGS;
use crate::check::family::{Family, Member, text};
use crate::check::{CheckError, CheckMeta, Context, Findings, Remediation};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::{Nsg, SecurityRuleProps};

/// The internet-port family's row: one management port that must not be reachable from the
/// internet.
pub struct ManagementPort {
    /// The check id.
    pub id: &'static str,
    /// The TCP port.
    pub port: u16,
    /// The protocol's name (`RDP`).
    pub name: &'static str,
    /// CIS 3.0 recommendation.
    pub cis: &'static [&'static str],
}

impl Family for ManagementPort {
    fn meta(&self) -> CheckMeta {
        let (port, name) = (self.port, self.name);
        CheckMeta {
            id: self.id,
            title: text(format!(
                "{name} (TCP {port}) access from the internet is denied"
            )),
            service: "network",
            level: 1,
            severity: Severity::Critical,
            reads: &[NSGS],
            rule: text(format!(
                "Fail per network security group where the first inbound rule, in priority order, that matches TCP {port} from the internet is an Allow. Internet sources: `*`, `Internet`, `Any` (IPv4 and IPv6), `0.0.0.0/0` or any IPv4 `/0` (IPv4), `::/0` (IPv6), and in an Allow `0.0.0.0`, in `sourceAddressPrefix(es)`; ports: `*`, `{port}` or a range containing it in `destinationPortRange(s)`; protocol `Tcp` or `*`. An Allow shadowed by higher-priority Denies of the same traffic does not count, family by family: a Deny blocks only the address families its sources (and, for `0.0.0.0/0` or `::/0` destinations, its destinations) cover, so a Deny from `::/0` leaves IPv4 open and a Deny from the single address `0.0.0.0` blocks nothing; a Deny of every source port and destination in both families decides, one of only some destinations shadows an Allow of those same destinations only. Stricter than Prowler and the deprecated policies, which ignore Deny rules, only where a Deny really blocks the Allow. Unknown when rules lack direction, access, priority or protocol, or when a Deny that could shadow an Allow does not report its source ports or destinations."
            )),
            rationale: text(format!(
                "{name} exposed to the internet is scanned and brute-forced within minutes of going live; it is one of the most common ways into Azure VMs. Use Azure Bastion or just-in-time access instead."
            )),
            remediation: Remediation {
                portal: text(format!(
                    "Network security group > Settings > Inbound security rules > delete or restrict the rule allowing {port} from Any/Internet; use Azure Bastion or Defender for Cloud just-in-time VM access."
                )),
                cli: "az network nsg rule delete --resource-group <rg> --nsg-name <nsg> --name <rule>",
            },
            cis: self.cis,
            references: &[
                "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
                "https://learn.microsoft.com/azure/bastion/bastion-overview",
            ],
            manual: false,
        }
    }
    fn evaluate(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        eval_port(cx, meta.reads, self.port, self.name, out);
        Ok(())
    }
    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        port_cases(self.port)
    }
}

/// `network.rdp_internet_denied`: RDP (TCP 3389) is not reachable from the internet.
pub static RDP: Member<ManagementPort> = Member::new(ManagementPort {
    id: "network.rdp_internet_denied",
    port: 3389,
    name: "RDP",
    cis: &["7.1"],
});
/// `network.ssh_internet_denied`: SSH (TCP 22) is not reachable from the internet.
pub static SSH: Member<ManagementPort> = Member::new(ManagementPort {
    id: "network.ssh_internet_denied",
    port: 22,
    name: "SSH",
    cis: &["7.2"],
});

/// The internet's address families a rule's sources (or destinations) reach.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Families {
    v4: bool,
    v6: bool,
}

impl Families {
    const BOTH: Families = Families { v4: true, v6: true };
    fn any(self) -> bool {
        self.v4 || self.v6
    }
    fn or(self, o: Families) -> Families {
        Families {
            v4: self.v4 || o.v4,
            v6: self.v6 || o.v6,
        }
    }
    fn and(self, o: Families) -> Families {
        Families {
            v4: self.v4 && o.v4,
            v6: self.v6 && o.v6,
        }
    }
    fn minus(self, o: Families) -> Families {
        Families {
            v4: self.v4 && !o.v4,
            v6: self.v6 && !o.v6,
        }
    }
}

/// What one address prefix of a rule covers of the internet. `*`, `Any` and `Internet` are
/// both families; `0.0.0.0/0` (any IPv4 `/0`) only IPv4 and `::/0` only IPv6. `0.0.0.0`, one
/// address, counts as the internet in an Allow (CIS and Prowler read it so) but blocks
/// nothing in a Deny.
fn family_of(prefix: &str, allow: bool) -> Families {
    let s = prefix.trim();
    if s == "*" || s.eq_ignore_ascii_case("any") || s.eq_ignore_ascii_case("internet") {
        return Families::BOTH;
    }
    let v6 = s.contains(':');
    if s.ends_with("/0") || (allow && s == "0.0.0.0") {
        return Families { v4: !v6, v6 };
    }
    Families::default()
}

/// The internet's families a rule's sources reach.
fn from_internet(p: &SecurityRuleProps, allow: bool) -> Families {
    p.source_address_prefix
        .iter()
        .chain(p.source_address_prefixes.iter().flatten())
        .fold(Families::default(), |f, s| f.or(family_of(s, allow)))
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

/// How much of the internet's traffic to the port a matching Deny blocks.
enum DenyReach<'a> {
    /// All of it in these families (a destination of `0.0.0.0/0` is every IPv4 one only):
    /// every source port, every destination.
    All(Families),
    /// Every source port to these destinations only: it shadows an Allow of the same ones.
    To(Vec<&'a str>),
    /// Only some source ports: it shadows nothing, as a client picks its own.
    SomePorts,
    /// The rule does not report its source ports or destinations.
    NotReported,
}

fn is_any(s: &str) -> bool {
    s == "*" || s.eq_ignore_ascii_case("any") || s == "0-65535"
}

/// Every value of a field given as one value or a list, or `None` when neither is reported.
fn values<'a>(one: &'a Option<String>, many: &'a Option<Vec<String>>) -> Option<Vec<&'a str>> {
    let all: Vec<&str> = one
        .iter()
        .chain(many.iter().flatten())
        .map(|s| s.trim())
        .collect();
    (!all.is_empty()).then_some(all)
}

/// Destination addresses, prefixes, service tags and application security groups.
fn destinations(p: &SecurityRuleProps) -> Option<Vec<&str>> {
    let mut all = values(
        &p.destination_address_prefix,
        &p.destination_address_prefixes,
    )
    .unwrap_or_default();
    all.extend(
        p.destination_application_security_groups
            .iter()
            .flatten()
            .filter_map(|g| g.id.as_deref()),
    );
    (!all.is_empty()).then_some(all)
}

fn deny_reach(p: &SecurityRuleProps) -> DenyReach<'_> {
    let (Some(ports), Some(dest)) = (
        values(&p.source_port_range, &p.source_port_ranges),
        destinations(p),
    ) else {
        return DenyReach::NotReported;
    };
    if !ports.iter().any(|s| is_any(s)) {
        DenyReach::SomePorts
    } else if dest.iter().any(|d| is_any(d) || d.ends_with("/0")) {
        let reach = dest
            .iter()
            .fold(Families::default(), |f, d| match is_any(d) {
                true => Families::BOTH,
                false => f.or(family_of(d, false)),
            });
        DenyReach::All(reach)
    } else {
        DenyReach::To(dest)
    }
}

/// The NSG internet-exposure rule shared by the RDP and SSH checks: walk the inbound rules
/// that match TCP `port` from the internet in priority order. A Deny of all of that traffic
/// decides (pass); an Allow decides (fail) unless an earlier Deny blocks everything it lets in.
/// A Deny of only some destinations or source ports leaves the rest to later rules.
fn eval_port(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    port: u16,
    service: &str,
    out: &mut Findings,
) {
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
        let total = inbound.len();
        inbound.retain(|(_, p)| (is(&p.protocol, "Tcp") || is(&p.protocol, "*")) && covers_port(p, port) && from_internet(p, is(&p.access, "Allow")).any());
        inbound.sort_by_key(|(_, p)| p.priority.unwrap_or(i64::MAX));
        // The families earlier Denies block everywhere, and the destinations they block in
        // some families only, from every source port.
        let mut blocked_all = Families::default();
        let mut denied: Vec<(Families, Vec<&str>)> = Vec::new();
        let mut unreported: Option<&str> = None;
        let mut shadowed = 0;
        for (name, p) in &inbound {
            if !is(&p.access, "Allow") {
                let sources = from_internet(p, false);
                match deny_reach(p) {
                    DenyReach::All(to) => {
                        blocked_all = blocked_all.or(sources.and(to));
                        if blocked_all == Families::BOTH {
                            out.pass(r, format!("{service} from the internet is denied by rule '{name}' (priority {}).", p.priority.unwrap_or_default()), crate::evidence!({"rule": name}));
                            return;
                        }
                    }
                    DenyReach::To(d) => denied.push((sources, d)),
                    DenyReach::SomePorts => {}
                    DenyReach::NotReported => unreported = unreported.or(Some(name)),
                }
                continue;
            }
            // What the Allow still lets in after the Denies before it.
            let open = from_internet(p, true).minus(blocked_all);
            let allowed = destinations(p).unwrap_or_default();
            let covered_in = |fam: Families| {
                denied.iter().any(|(f, d)| {
                    f.and(fam) == fam
                        && !allowed.is_empty()
                        && allowed.iter().all(|a| d.iter().any(|x| x.eq_ignore_ascii_case(a)))
                })
            };
            let v4 = Families { v4: true, v6: false };
            let v6 = Families { v4: false, v6: true };
            let left_v4 = open.v4 && !covered_in(v4);
            let left_v6 = open.v6 && !covered_in(v6);
            if !left_v4 && !left_v6 {
                shadowed += 1;
                continue;
            }
            if let Some(deny) = unreported {
                out.unknown(r, format!("Rule '{deny}' denies {service} from the internet but does not report its source ports or destinations, so whether it blocks what rule '{name}' allows cannot be told."), crate::evidence!({"rule": name, "deny": deny}));
                return;
            }
            let ev = crate::evidence!({"rule": name, "priority": p.priority, "source": p.source_address_prefix.clone().or_else(|| p.source_address_prefixes.as_ref().map(|v| v.join(","))), "ports": p.destination_port_range.clone().or_else(|| p.destination_port_ranges.as_ref().map(|v| v.join(",")))});
            out.fail(r, format!("Inbound rule '{name}' (priority {}) allows {service} (TCP {port}) from the internet.", p.priority.unwrap_or_default()), ev);
            return;
        }
        if shadowed == 0 {
            out.pass(r, format!("No inbound rule allows {service} (TCP {port}) from the internet."), crate::evidence!({"inboundRules": total}));
        } else {
            out.pass(r, format!("Each inbound rule allowing {service} (TCP {port}) from the internet is shadowed by a higher-priority Deny of the same destinations."), crate::evidence!({"inboundRules": total, "shadowedAllows": shadowed}));
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
        let mut p = json!({"direction": "Inbound", "access": access, "priority": prio, "protocol": "Tcp", "sourcePortRange": "*", "destinationAddressPrefix": "*"});
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
    // A rule about one host, 10.0.0.4, only.
    let jump = |name: &str, prio: i64, access: &str, src: &str| {
        let mut rule = rule(name, prio, access, json!(src), json!(p));
        rule["properties"]["destinationAddressPrefix"] = json!("10.0.0.4");
        rule
    };
    // A Deny of one host leaves the others open to a later Allow of all.
    let deny_one_host = nsg(
        "nsg-deny-one-host",
        vec![
            jump("deny-jump", 100, "Deny", "*"),
            rule("allow-all", 200, "Allow", json!("Internet"), json!(p)),
        ],
    );
    // ... but shadows an Allow of that same host.
    let deny_same_host = nsg(
        "nsg-deny-same-host",
        vec![
            jump("deny-jump", 100, "Deny", "Internet"),
            jump("allow-jump", 200, "Allow", "*"),
        ],
    );
    // A Deny of one source port blocks almost nothing: a client picks its own.
    let mut one_port = rule("deny-port", 100, "Deny", json!("*"), json!(p));
    one_port["properties"]["sourcePortRange"] = json!("1024");
    let deny_source_port = nsg(
        "nsg-deny-source-port",
        vec![
            one_port,
            rule("allow-all", 200, "Allow", json!("*"), json!("*")),
        ],
    );
    // A Deny that does not say where it applies: whether the Allow behind it counts is unknown.
    let mut unsaid = rule("deny-admin", 100, "Deny", json!("*"), json!(p));
    unsaid["properties"]
        .as_object_mut()
        .unwrap()
        .remove("destinationAddressPrefix");
    let deny_unreported = nsg(
        "nsg-deny-unreported",
        vec![
            unsaid,
            rule("allow-all", 200, "Allow", json!("*"), json!(p)),
        ],
    );
    // Changed from pass: a Deny blocks only the families its sources cover.
    let deny_v6_only = nsg(
        "nsg-deny-v6-only",
        vec![
            rule("deny-v6", 100, "Deny", json!("::/0"), json!(p)),
            rule("allow-any", 200, "Allow", json!("*"), json!(p)),
        ],
    );
    let deny_one_address = nsg(
        "nsg-deny-0000",
        vec![
            rule("deny-0000", 100, "Deny", json!("0.0.0.0"), json!(p)),
            rule("allow-internet", 200, "Allow", json!("Internet"), json!(p)),
        ],
    );
    let deny_both_families = nsg(
        "nsg-deny-both",
        vec![
            rule("deny-v4", 100, "Deny", json!("0.0.0.0/0"), json!(p)),
            rule("deny-v6", 110, "Deny", json!("::/0"), json!(p)),
            rule("allow-any", 200, "Allow", json!("*"), json!(p)),
        ],
    );
    let deny_v4_allow_v4 = nsg(
        "nsg-deny-v4-allow-v4",
        vec![
            rule("deny-v4", 100, "Deny", json!("0.0.0.0/0"), json!(p)),
            rule("allow-v4", 200, "Allow", json!(["0.0.0.0/0"]), json!(p)),
        ],
    );
    let mut to_v4 = rule("deny-to-v4", 100, "Deny", json!("*"), json!(p));
    to_v4["properties"]["destinationAddressPrefix"] = json!("0.0.0.0/0");
    let deny_to_v4_allow_v6 = nsg(
        "nsg-deny-to-v4",
        vec![
            to_v4,
            rule("allow-v6", 200, "Allow", json!("::/0"), json!(p)),
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
        deny_one_host.clone(),
        deny_same_host.clone(),
        deny_source_port.clone(),
        deny_unreported.clone(),
        deny_v6_only.clone(),
        deny_one_address.clone(),
        deny_both_families.clone(),
        deny_v4_allow_v4.clone(),
        deny_to_v4_allow_v6.clone(),
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
                e(id_of(&deny_one_host), Fail),
                e(id_of(&deny_same_host), Pass),
                e(id_of(&deny_source_port), Fail),
                e(id_of(&deny_unreported), Unknown),
                e(id_of(&deny_v6_only), Fail),
                e(id_of(&deny_one_address), Fail),
                e(id_of(&deny_both_families), Pass),
                e(id_of(&deny_v4_allow_v4), Pass),
                e(id_of(&deny_to_v4_allow_v6), Fail),
                e(id_of(&broken), Unknown),
                e(id_of(&bare), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(all, NOTHING), NSGS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
