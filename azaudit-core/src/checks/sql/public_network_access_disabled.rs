//! `sql.public_network_access_disabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::SqlServer;

/// Azure SQL servers refuse connections over their public endpoint.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.public_network_access_disabled",
        title: "Azure SQL servers have public network access disabled",
        service: "sql",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::SERVERS],
        rule: "Per Azure SQL logical server: pass iff `publicNetworkAccess` is Disabled (clients reach it through private endpoints only); fail when Enabled (the firewall rules, which `sql.firewall_no_public_access` judges, are then all that stands between the internet and the login prompt); unknown when SecuredByPerimeter (a network security perimeter decides, in a mode the server does not report), absent, or another value. CIS 3.0 5.1.7 is a manual recommendation; the setting has an API, so it is assessed. Severity medium: credentials are still needed.",
        rationale: "With public network access disabled, the server accepts connections only through private endpoints in the organisation's virtual networks, so a leaked password or a permissive firewall rule cannot be used from the internet.",
        remediation: Remediation {
            portal: "SQL server > Security > Networking > Public access: Disable (add private endpoints for the clients first), and save.",
            cli: "az sql server update --resource-group <rg> --name <server> --enable-public-network false",
        },
        cis: &["5.1.7"],
        references: &[
            "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<SqlServer>(&covered, out, |r, s, out| {
        let v = s.properties.public_network_access.clone();
        let ev = crate::evidence!({"publicNetworkAccess": v});
        match v.as_deref() {
            Some(x) if x.eq_ignore_ascii_case("Disabled") => {
                out.pass(r, "Public network access is disabled: private endpoints only.", ev)
            }
            Some(x) if x.eq_ignore_ascii_case("Enabled") => {
                out.fail(r, "Public network access is enabled: the firewall rules are all that limit who can connect.", ev);
            }
            Some(x) if x.eq_ignore_ascii_case("SecuredByPerimeter") => out.unknown(
                r,
                "A network security perimeter governs public access, in a mode the server does not report.",
                ev,
            ),
            Some(_) => out.unknown(r, "publicNetworkAccess is not a value this check knows.", ev),
            None => out.unknown(r, "The server does not report publicNetworkAccess.", ev),
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::SERVERS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // ServerList.json (2023-08-01): publicNetworkAccess beside minimalTlsVersion.
    let server = |name: &str, access: serde_json::Value| {
        arm(
            SERVERS,
            name,
            json!({"administratorLogin": "dummylogin", "version": "12.0", "state": "Ready", "fullyQualifiedDomainName": format!("{name}.database.windows.net"), "publicNetworkAccess": access, "minimalTlsVersion": "1.2"}),
        )
    };
    let private = server("sql-private", json!("Disabled"));
    let public = server("sql-public", json!("Enabled"));
    let perimeter = server("sql-nsp", json!("SecuredByPerimeter"));
    let blank = arm(SERVERS, "sql-blank", json!({"version": "12.0"}));
    let recs = vec![
        private.clone(),
        public.clone(),
        perimeter.clone(),
        blank.clone(),
    ];
    vec![
        Case::new(
            "access",
            doc(recs.clone(), &[SERVERS]),
            vec![
                e(id_of(&private), Pass),
                e(id_of(&public), Fail),
                e(id_of(&perimeter), Unknown),
                e(id_of(&blank), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), SERVERS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
