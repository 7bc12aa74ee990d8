//! `sql.tls_enforced`

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::{
    Arm, MySqlConfig, MySqlServer, PostgresConfig, PostgresServer, Props, ServerParameter,
    SqlServer,
};
use crate::snapshot::Record;

const PG: &ResourceType = &resource_types::POSTGRES_SERVERS;
const PG_CONFIG: &ResourceType = &resource_types::POSTGRES_CONFIGURATIONS;
const MYSQL: &ResourceType = &resource_types::MYSQL_SERVERS;
const MYSQL_CONFIG: &ResourceType = &resource_types::MYSQL_CONFIGURATIONS;

/// Database servers require TLS 1.2 or later.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.tls_enforced",
        title: "Database servers enforce TLS 1.2 or later",
        service: "sql",
        level: 1,
        severity: Severity::High,
        reads: &[super::SERVERS, PG, PG_CONFIG, MYSQL, MYSQL_CONFIG],
        rule: "Azure SQL: pass iff `minimalTlsVersion` is 1.2 or higher; fail for 1.0, 1.1, `None` or absent (no minimum is enforced then; Azure Policy and Prowler flag it too); unknown for a spelling not recognised. PostgreSQL and MySQL flexible servers: pass iff the `require_secure_transport` configuration is ON (case-insensitive) and `ssl_min_protocol_version` (PostgreSQL) or `tls_version` (MySQL) admits no TLS version below 1.2 (CIS 5.3.2); unknown when either configuration was not returned.",
        rationale: "Connections without TLS, or with TLS 1.0/1.1, expose credentials and query results to interception and downgrade attacks.",
        remediation: Remediation {
            portal: "SQL server > Security > Networking > Connectivity > Minimum TLS version: 1.2. PostgreSQL/MySQL flexible server > Server parameters: require_secure_transport = ON, ssl_min_protocol_version / tls_version = TLSv1.2.",
            cli: "az sql server update --resource-group <rg> --name <server> --minimal-tls-version 1.2",
        },
        cis: &["5.2.1", "5.3.1", "5.3.2"],
        references: &[
            "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimal-tls-version",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn version_ok(v: &str) -> Option<bool> {
    let mut parts = v.trim().split('.');
    let major: u32 = parts.next()?.parse().ok()?;
    let minor: u32 = parts.next().unwrap_or("0").parse().ok()?;
    Some((major, minor) >= (1, 2))
}

/// Whether a TLS version list (`TLSv1.2,TLSv1.3`, `TLSv1.2`) excludes versions below 1.2.
fn protocols_ok(list: &str) -> bool {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .all(|p| {
            let v = p.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            let v = if v.contains('.') {
                v.to_string()
            } else {
                format!("{v}.0")
            };
            version_ok(&v).unwrap_or(false)
        })
}

fn flexible<S: Props, C: ServerParameter>(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    version_param: &str,
    out: &mut Findings,
) {
    let covered = cx.covered_subscriptions(reads, out);
    let configs = cx.view::<Arm<C>>();
    let value = |server: &Record<'_>, name: &str| -> Option<Result<Option<String>, String>> {
        let rec = cx
            .snapshot
            .get(&format!("{}/configurations/{name}", server.id()))?;
        Some(match configs.get(rec)? {
            Ok(c) => Ok(c.properties.value().map(str::to_string)),
            Err(e) => Err(e.to_string()),
        })
    };
    cx.each::<S>(&covered, out, |server, _, out| {
        let secure = value(server, "require_secure_transport");
        let min = value(server, version_param);
        let ev = crate::evidence!({"require_secure_transport": secure.clone().and_then(Result::ok).flatten(), version_param: min.clone().and_then(Result::ok).flatten()});
        match (secure, min) {
            (Some(Err(e)), _) | (_, Some(Err(e))) => out.unknown(server, e, ev),
            (None, _) | (Some(Ok(None)), _) => out.unknown(server, "The require_secure_transport configuration was not returned.", ev),
            (Some(Ok(Some(s))), _) if !s.eq_ignore_ascii_case("on") => {
                out.fail(server, format!("require_secure_transport is {s}: unencrypted connections are accepted."), ev);
            }
            (_, Some(Ok(Some(v)))) if !protocols_ok(&v) => {
                out.fail(server, format!("{version_param} is {v}: TLS versions below 1.2 are accepted."), ev);
            }
            (_, None | Some(Ok(None))) => {
                out.unknown(server, format!("Secure transport is required, but the {version_param} configuration was not returned, so the TLS versions accepted are not known."), ev);
            }
            _ => out.pass(server, "Secure transport is required with TLS 1.2 or later.", ev),
        }
    });
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(&[super::SERVERS], out);
    cx.each::<SqlServer>(&covered, out, |r, s, out| {
        let v = s.properties.minimal_tls_version.clone();
        let ev = crate::evidence!({"minimalTlsVersion": v});
        let ok = match v.as_deref() {
            // Not set: no minimum is enforced.
            None => Some(false),
            Some(_) if is(&v, "None") => Some(false),
            // An unrecognised spelling is not evidence either way.
            Some(x) => version_ok(x),
        };
        out.judge(
            r,
            ok,
            [
                "The minimum TLS version is 1.2 or later.",
                "The server accepts TLS versions older than 1.2.",
                "The server spells minimalTlsVersion in a way not recognised.",
            ],
            ev,
        );
    });
    flexible::<PostgresServer, PostgresConfig>(
        cx,
        &[PG, PG_CONFIG],
        "ssl_min_protocol_version",
        out,
    );
    flexible::<MySqlServer, MySqlConfig>(cx, &[MYSQL, MYSQL_CONFIG], "tls_version", out);
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::SERVERS;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let s12 = arm(SERVERS, "sql12", json!({"minimalTlsVersion": "1.2"}));
    let s10 = arm(SERVERS, "sql10", json!({"minimalTlsVersion": "1.0"}));
    let snone = arm(SERVERS, "sqlnone", json!({"minimalTlsVersion": "None"}));
    // Changed from unknown: without minimalTlsVersion, no minimum is enforced.
    let sblank = arm(SERVERS, "sqlblank", json!({"version": "12.0"}));
    let sodd = arm(
        SERVERS,
        "sqlodd",
        json!({"minimalTlsVersion": "TLS one point two"}),
    );
    // Changed from pass: the TLS version half was not checked when its parameter was absent.
    let pg_half = arm(PG, "pghalf", json!({}));
    let pg_ok = arm(PG, "pgok", json!({}));
    let pg_off = arm(PG, "pgoff", json!({}));
    let my_old = arm(MYSQL, "myold", json!({}));
    let my_ok = arm(MYSQL, "myok", json!({}));
    let my_blank = arm(MYSQL, "myblank", json!({}));
    let cfg = |s: &serde_json::Value, n: &str, v: &str| {
        child(
            s,
            "configurations",
            n,
            json!({"value": v, "source": "user-override"}),
        )
    };
    let recs = vec![
        s12.clone(),
        s10.clone(),
        snone.clone(),
        sblank.clone(),
        sodd.clone(),
        pg_half.clone(),
        cfg(&pg_half, "require_secure_transport", "on"),
        pg_ok.clone(),
        cfg(&pg_ok, "require_secure_transport", "on"),
        cfg(&pg_ok, "ssl_min_protocol_version", "TLSv1.2"),
        pg_off.clone(),
        cfg(&pg_off, "require_secure_transport", "off"),
        my_old.clone(),
        cfg(&my_old, "require_secure_transport", "ON"),
        cfg(&my_old, "tls_version", "TLSv1.1,TLSv1.2"),
        my_ok.clone(),
        cfg(&my_ok, "require_secure_transport", "ON"),
        cfg(&my_ok, "tls_version", "TLSv1.2,TLSv1.3"),
        my_blank.clone(),
    ];
    vec![
        Case::new(
            "all families",
            doc(recs.clone(), &[SERVERS, PG, PG_CONFIG, MYSQL, MYSQL_CONFIG]),
            vec![
                e(id_of(&s12), Pass),
                e(id_of(&s10), Fail),
                e(id_of(&snone), Fail),
                e(id_of(&sblank), Fail),
                e(id_of(&sodd), Unknown),
                e(id_of(&pg_half), Unknown),
                e(id_of(&pg_ok), Pass),
                e(id_of(&pg_off), Fail),
                e(id_of(&my_old), Fail),
                e(id_of(&my_ok), Pass),
                e(id_of(&my_blank), Unknown),
            ],
        ),
        Case::new(
            "mysql configurations forbidden",
            forbid(doc(recs, &[SERVERS, PG, PG_CONFIG, MYSQL]), MYSQL_CONFIG),
            vec![
                e(id_of(&s12), Pass),
                e(id_of(&s10), Fail),
                e(id_of(&snone), Fail),
                e(id_of(&sblank), Fail),
                e(id_of(&sodd), Unknown),
                e(id_of(&pg_half), Unknown),
                e(id_of(&pg_ok), Pass),
                e(id_of(&pg_off), Fail),
                e(sub_scope(), Unknown),
            ],
        ),
    ]
}
