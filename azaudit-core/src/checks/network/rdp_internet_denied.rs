//! `network.rdp_internet_denied`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

/// RDP (TCP 3389) is not reachable from the internet.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "network.rdp_internet_denied",
        title: "RDP (TCP 3389) access from the internet is denied",
        service: "network",
        level: 1,
        severity: Severity::Critical,
        reads: &[super::NSGS],
        rule: "Fail per network security group where the first inbound rule, in priority order, that matches TCP 3389 from the internet is an Allow. Internet sources: `*`, `0.0.0.0/0`, `0.0.0.0`, `::/0`, `Internet`, `Any` (or any `x/0`) in `sourceAddressPrefix(es)`; ports: `*`, `3389` or a range containing it in `destinationPortRange(s)`; protocol `Tcp` or `*`. An Allow shadowed by a higher-priority Deny of the same traffic does not count. Unknown when rules lack direction, access, priority or protocol.",
        rationale: "RDP exposed to the internet is scanned and brute-forced within minutes of going live; it is one of the most common ways into Azure VMs. Use Azure Bastion or just-in-time access instead.",
        remediation: Remediation {
            portal: "Network security group > Settings > Inbound security rules > delete or restrict the rule allowing 3389 from Any/Internet; use Azure Bastion or Defender for Cloud just-in-time VM access.",
            cli: "az network nsg rule delete --resource-group <rg> --nsg-name <nsg> --name <rule>",
        },
        cis: &["7.1"],
        references: &[
            "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
            "https://learn.microsoft.com/azure/bastion/bastion-overview",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::eval_port(cx, CHECK.meta.reads, 3389, "RDP", out);
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    super::port_cases(3389)
}
