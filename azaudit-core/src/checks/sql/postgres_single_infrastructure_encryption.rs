//! `sql.postgres_single_infrastructure_encryption`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::PostgresSingleServer;

/// Legacy PostgreSQL single servers have infrastructure double encryption.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.postgres_single_infrastructure_encryption",
        title: "PostgreSQL single servers (legacy) have infrastructure double encryption",
        service: "sql",
        level: 1,
        severity: Severity::Low,
        reads: &[super::PG_SINGLE],
        rule: "Per PostgreSQL single server (`Microsoft.DBforPostgreSQL/servers`, retired in March 2025; CIS 3.0 5.2.8 is [LEGACY]): pass iff `infrastructureEncryption` is Enabled; fail when Disabled or absent (the API's default is Disabled); unknown for another value. Flexible servers have no such setting (their storage is encrypted once, with a service- or customer-managed key), so no replacement is judged and a tenant without single servers has no finding here. Severity low: the data is encrypted at rest either way, and the server itself should be migrated.",
        rationale: "A second, independent layer of encryption at the infrastructure level protects the data if one encryption layer or its keys are compromised.",
        remediation: Remediation {
            portal: "Infrastructure double encryption can only be chosen when a server is created: migrate the single server to a flexible server (Azure Database Migration Service), which single server's retirement requires anyway.",
            cli: "az postgres flexible-server create ... (then migrate the data; single servers cannot be changed in place)",
        },
        cis: &["5.2.8"],
        references: &[
            "https://learn.microsoft.com/azure/postgresql/single-server/concepts-infrastructure-double-encryption",
            "https://learn.microsoft.com/azure/postgresql/migrate/whats-happening-to-postgresql-single-server",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    cx.each::<PostgresSingleServer>(&covered, out, |server, s, out| {
        let v = s.properties.infrastructure_encryption.clone();
        let ev = crate::evidence!({"infrastructureEncryption": v});
        let ok = match v.as_deref() {
            Some(x) if x.eq_ignore_ascii_case("Enabled") => Some(true),
            Some(x) if x.eq_ignore_ascii_case("Disabled") => Some(false),
            None => Some(false),
            Some(_) => None,
        };
        out.judge(
            server,
            ok,
            [
                "Infrastructure double encryption is enabled.",
                "Infrastructure double encryption is off (it can only be set when a server is created).",
                "The server reports an infrastructureEncryption value this check does not know.",
            ],
            ev,
        );
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::PG_SINGLE;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // ServerListBySubscription.json (2017-12-01): `infrastructureEncryption` beside the SSL
    // and TLS settings.
    let on = arm(
        PG_SINGLE,
        "pg-legacy-on",
        json!({"administratorLogin": "cloudsa", "version": "11", "sslEnforcement": "Enabled", "minimalTlsVersion": "TLS1_2", "infrastructureEncryption": "Enabled", "userVisibleState": "Ready"}),
    );
    let off = arm(
        PG_SINGLE,
        "pg-legacy-off",
        json!({"administratorLogin": "cloudsa", "version": "11", "sslEnforcement": "Enabled", "infrastructureEncryption": "Disabled", "userVisibleState": "Ready"}),
    );
    let absent = arm(
        PG_SINGLE,
        "pg-legacy-absent",
        json!({"version": "10", "userVisibleState": "Ready"}),
    );
    let odd = arm(
        PG_SINGLE,
        "pg-legacy-odd",
        json!({"infrastructureEncryption": "Pending"}),
    );
    let recs = vec![on.clone(), off.clone(), absent.clone(), odd.clone()];
    vec![
        Case::new(
            "servers",
            doc(recs.clone(), &[PG_SINGLE]),
            vec![
                e(id_of(&on), Pass),
                e(id_of(&off), Fail),
                e(id_of(&absent), Fail),
                e(id_of(&odd), Unknown),
            ],
        ),
        Case::new(
            "servers forbidden",
            forbid(doc(recs, NOTHING), PG_SINGLE),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
