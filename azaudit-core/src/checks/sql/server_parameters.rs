//! `sql.postgres_*` and `sql.mysql_*` server parameters: one rule over a flexible server's
//! `configurations/<name>`, driven by a table of parameters and the values that pass.

use crate::check::family::{Family, Member, text};
use crate::check::{CheckError, CheckMeta, Context, Findings, Remediation};
use crate::finding::Severity;
use crate::model::{
    Arm, MySqlConfig, MySqlServer, PostgresConfig, PostgresServer, Props, ServerParameter,
};
use crate::resource_types::ResourceType;
use crate::snapshot::Record;
#[cfg(test)]
use serde_json::json;

/// The server family a parameter belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Azure Database for PostgreSQL flexible server.
    Postgres,
    /// Azure Database for MySQL flexible server.
    MySql,
}

impl Engine {
    fn reads(self) -> &'static [&'static ResourceType] {
        const PG: &[&ResourceType] = &[super::PG, super::PG_CONFIG];
        const MYSQL: &[&ResourceType] = &[super::MYSQL, super::MYSQL_CONFIG];
        match self {
            Engine::Postgres => PG,
            Engine::MySql => MYSQL,
        }
    }
    fn product(self) -> &'static str {
        match self {
            Engine::Postgres => "PostgreSQL flexible servers",
            Engine::MySql => "MySQL flexible servers",
        }
    }
    fn cli(self) -> &'static str {
        match self {
            Engine::Postgres => "postgres",
            Engine::MySql => "mysql",
        }
    }
}

/// What a parameter's value must be.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// `ON` (case-insensitive).
    On,
    /// An integer greater than this.
    Above(i64),
    /// A comma-separated list holding this item (case-insensitive).
    Lists(&'static str),
}

impl Expect {
    /// Whether `value` passes; `None` when it cannot be read as what is expected.
    fn judge(self, value: &str) -> Option<bool> {
        let v = value.trim();
        match self {
            Expect::On => {
                if v.eq_ignore_ascii_case("on") {
                    Some(true)
                } else if v.eq_ignore_ascii_case("off") {
                    Some(false)
                } else {
                    None
                }
            }
            Expect::Above(n) => v.parse::<i64>().ok().map(|x| x > n),
            Expect::Lists(item) => Some(v.split(',').any(|p| p.trim().eq_ignore_ascii_case(item))),
        }
    }
    fn wanted(self) -> String {
        match self {
            Expect::On => "ON".into(),
            Expect::Above(n) => format!("greater than {n}"),
            Expect::Lists(item) => format!("a list that includes {item}"),
        }
    }
}

/// The family's row: one server parameter and what it must be.
pub struct Parameter {
    /// The check id.
    pub id: &'static str,
    /// PostgreSQL or MySQL.
    pub engine: Engine,
    /// The parameter's name, as Azure spells it.
    pub name: &'static str,
    /// The values that pass.
    pub expect: Expect,
    /// The value to set, for the remediation.
    pub set: &'static str,
    /// CIS profile level.
    pub level: u8,
    /// Severity.
    pub severity: Severity,
    /// Why it matters.
    pub rationale: &'static str,
    /// What the rule adds to the table's common part (a legacy recommendation's replacement,
    /// the severity's reason).
    pub note: &'static str,
    /// CIS 3.0 recommendations.
    pub cis: &'static [&'static str],
    /// Documentation.
    pub references: &'static [&'static str],
}

impl Family for Parameter {
    fn meta(&self) -> CheckMeta {
        let (name, product) = (self.name, self.engine.product());
        CheckMeta {
            id: self.id,
            title: text(format!(
                "{product} set `{name}` to {}",
                self.expect.wanted()
            )),
            service: "sql",
            level: self.level,
            severity: self.severity,
            reads: self.engine.reads(),
            rule: text(format!(
                "Per {}, from its `configurations/{name}` record: pass iff `value` is {}; fail otherwise; unknown when the parameter was not returned (a 404: the server does not have it), or its value is absent or not what the parameter holds. {}",
                product.trim_end_matches('s'),
                self.expect.wanted(),
                self.note
            )),
            rationale: self.rationale,
            remediation: Remediation {
                portal: text(format!(
                    "{} > Settings > Server parameters: set {name} to {}, and save.",
                    product.trim_end_matches('s'),
                    self.set
                )),
                cli: text(format!(
                    "az {} flexible-server parameter set --resource-group <rg> --server-name <server> --name {name} --value {}",
                    self.engine.cli(),
                    self.set
                )),
            },
            cis: self.cis,
            references: self.references,
            manual: false,
        }
    }

    fn evaluate(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        match self.engine {
            Engine::Postgres => {
                self.each::<PostgresServer, PostgresConfig>(meta, cx, out);
            }
            Engine::MySql => self.each::<MySqlServer, MySqlConfig>(meta, cx, out),
        }
        Ok(())
    }

    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        cases(self)
    }
}

/// A server's parameter `name`: `None` when it was not returned, else its value (or why it
/// cannot be read).
pub(crate) fn parameter<C: ServerParameter>(
    configs: &crate::model::Parsed<Arm<C>>,
    server: &Record<'_>,
    name: &str,
) -> Option<Result<Option<String>, String>> {
    let rec = server
        .children_of_type(C::TYPE.record_type())
        .find(|c| crate::ids::last_segment(c.id()).eq_ignore_ascii_case(name))?;
    Some(match configs.get(rec)? {
        Ok(c) => Ok(c.properties.value().map(str::to_string)),
        Err(e) => Err(e.to_string()),
    })
}

impl Parameter {
    fn each<S: Props, C: ServerParameter>(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) {
        let covered = cx.covered_subscriptions(meta.reads, out);
        let configs = cx.view::<Arm<C>>();
        let name = self.name;
        cx.each::<S>(&covered, out, |server, _, out| {
            let found = parameter(&configs, server, name);
            let value = found.clone().and_then(Result::ok).flatten();
            let ev = crate::evidence!({name: value});
            match found {
                None => out.unknown(
                    server,
                    format!("The {name} parameter was not returned for this server."),
                    ev,
                ),
                Some(Err(e)) => out.unknown(server, e, ev),
                Some(Ok(None)) => {
                    out.unknown(server, format!("The {name} parameter has no value."), ev)
                }
                Some(Ok(Some(v))) => match self.expect.judge(&v) {
                    Some(true) => out.pass(server, format!("{name} is {v}."), ev),
                    Some(false) => {
                        out.fail(
                            server,
                            format!("{name} is {v}; it should be {}.", self.expect.wanted()),
                            ev,
                        );
                    }
                    None => out.unknown(
                        server,
                        format!(
                            "{name} is {v}, which this check cannot read as {}.",
                            self.expect.wanted()
                        ),
                        ev,
                    ),
                },
            }
        });
    }
}

const PG_PARAMETERS: &str =
    "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-server-parameters";
const PG_LOGGING: &str =
    "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-logging";
const MYSQL_AUDIT: &str =
    "https://learn.microsoft.com/azure/mysql/flexible-server/concepts-audit-logs";

/// `sql.postgres_log_checkpoints`: checkpoints are logged.
pub static POSTGRES_LOG_CHECKPOINTS: Member<Parameter> = Member::new(Parameter {
    id: "sql.postgres_log_checkpoints",
    engine: Engine::Postgres,
    name: "log_checkpoints",
    expect: Expect::On,
    set: "ON",
    level: 1,
    severity: Severity::Low,
    rationale: "Checkpoint entries in the server log show write bursts and recovery points, which incident responders and performance investigations read; without them a crash or a slowdown leaves less to reconstruct.",
    note: "Severity low: it adds evidence, not a control.",
    cis: &["5.2.2"],
    references: &[PG_PARAMETERS, PG_LOGGING],
});
/// `sql.postgres_connection_throttling`: repeated failed logins are throttled.
pub static POSTGRES_CONNECTION_THROTTLING: Member<Parameter> = Member::new(Parameter {
    id: "sql.postgres_connection_throttling",
    engine: Engine::Postgres,
    name: "connection_throttle.enable",
    expect: Expect::On,
    set: "ON",
    level: 1,
    severity: Severity::Medium,
    rationale: "Throttling slows down a client that keeps failing to log in, which blunts password guessing and keeps a flood of bad connections from starving the server.",
    note: "Severity medium: it slows password guessing against an exposed server.",
    cis: &["5.2.3"],
    references: &[PG_PARAMETERS],
});
/// `sql.postgres_log_retention`: server logs are kept more than 3 days.
pub static POSTGRES_LOG_RETENTION: Member<Parameter> = Member::new(Parameter {
    id: "sql.postgres_log_retention",
    engine: Engine::Postgres,
    name: "logfiles.retention_days",
    expect: Expect::Above(3),
    set: "7",
    level: 1,
    severity: Severity::Low,
    rationale: "Server logs kept only a few days are gone before most incidents are noticed; keeping them longer leaves the connection and error history to investigate.",
    note: "The value is a whole number of days (1 to 7 on Azure). Severity low: logs sent to a workspace by diagnostic settings outlive this setting.",
    cis: &["5.2.4"],
    references: &[PG_PARAMETERS, PG_LOGGING],
});
/// `sql.postgres_log_connections`: connection attempts are logged.
pub static POSTGRES_LOG_CONNECTIONS: Member<Parameter> = Member::new(Parameter {
    id: "sql.postgres_log_connections",
    engine: Engine::Postgres,
    name: "log_connections",
    expect: Expect::On,
    set: "ON",
    level: 1,
    severity: Severity::Medium,
    rationale: "Logging each connection attempt, successful or not, records who reached the database and from where: the trail that shows password guessing and unexpected clients.",
    note: "CIS 3.0 asks it of single servers (5.2.6, [LEGACY]); single server was retired in March 2025 and flexible server, Azure's documented replacement, has the same parameter, so flexible servers are judged on it.",
    cis: &["5.2.6"],
    references: &[PG_PARAMETERS, PG_LOGGING],
});
/// `sql.postgres_log_disconnections`: session ends are logged.
pub static POSTGRES_LOG_DISCONNECTIONS: Member<Parameter> = Member::new(Parameter {
    id: "sql.postgres_log_disconnections",
    engine: Engine::Postgres,
    name: "log_disconnections",
    expect: Expect::On,
    set: "ON",
    level: 1,
    severity: Severity::Low,
    rationale: "Logging session ends with their duration completes the connection trail: how long an unexpected client stayed connected.",
    note: "CIS 3.0 asks it of single servers (5.2.7, [LEGACY]); single server was retired in March 2025 and flexible server, Azure's documented replacement, has the same parameter, so flexible servers are judged on it. Severity low: it complements log_connections.",
    cis: &["5.2.7"],
    references: &[PG_PARAMETERS, PG_LOGGING],
});
/// `sql.mysql_audit_log_enabled`: the audit log is on.
pub static MYSQL_AUDIT_LOG_ENABLED: Member<Parameter> = Member::new(Parameter {
    id: "sql.mysql_audit_log_enabled",
    engine: Engine::MySql,
    name: "audit_log_enabled",
    expect: Expect::On,
    set: "ON",
    level: 2,
    severity: Severity::Medium,
    rationale: "The audit log records connections, queries and administrative statements; without it there is no record of who read or changed data.",
    note: "Severity medium: without it, access to the data leaves no trail.",
    cis: &["5.3.3"],
    references: &[MYSQL_AUDIT],
});
/// `sql.mysql_audit_log_connections`: the audit log records connections.
pub static MYSQL_AUDIT_LOG_CONNECTIONS: Member<Parameter> = Member::new(Parameter {
    id: "sql.mysql_audit_log_connections",
    engine: Engine::MySql,
    name: "audit_log_events",
    expect: Expect::Lists("CONNECTION"),
    set: "CONNECTION,ADMIN,DDL",
    level: 2,
    severity: Severity::Low,
    rationale: "Connection events in the audit log show each login, successful or failed, with its client address: the first thing an investigation of the database asks for.",
    note: "Judged on the event list alone, as CIS 5.3.4 and Prowler are: whether the audit log is on at all is `sql.mysql_audit_log_enabled`. Severity low: it refines that check.",
    cis: &["5.3.4"],
    references: &[MYSQL_AUDIT],
});

#[cfg(test)]
fn cases(p: &Parameter) -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let (server, config) = match p.engine {
        Engine::Postgres => (super::PG, super::PG_CONFIG),
        Engine::MySql => (super::MYSQL, super::MYSQL_CONFIG),
    };
    let (good, bad, odd) = match p.expect {
        Expect::On => ("on", "OFF", "maybe"),
        Expect::Above(_) => ("7", "3", "a week"),
        Expect::Lists(item) => (
            if item == "CONNECTION" {
                "CONNECTION,ADMIN,DDL"
            } else {
                item
            },
            "ADMIN,DDL",
            "",
        ),
    };
    // PostgreSqlFlexibleConfiguration_Get.json / MySqlFlexibleConfiguration_Get.json: the
    // value is a string beside its default, data type and allowed values.
    let cfg = |s: &serde_json::Value, v: serde_json::Value| {
        child(
            s,
            "configurations",
            p.name,
            json!({"value": v, "defaultValue": bad, "dataType": "Enumeration", "allowedValues": "on,off", "source": "user-override", "isReadOnly": false}),
        )
    };
    let ok = arm(server, "db-ok", json!({"version": "16", "state": "Ready"}));
    let off = arm(server, "db-off", json!({"version": "16", "state": "Ready"}));
    let blank = arm(
        server,
        "db-blank",
        json!({"version": "16", "state": "Ready"}),
    );
    let strange = arm(
        server,
        "db-strange",
        json!({"version": "16", "state": "Ready"}),
    );
    let missing = arm(
        server,
        "db-missing",
        json!({"version": "16", "state": "Ready"}),
    );
    let mut recs = vec![
        ok.clone(),
        cfg(&ok, json!(good)),
        off.clone(),
        cfg(&off, json!(bad)),
        blank.clone(),
        cfg(&blank, serde_json::Value::Null),
        missing.clone(),
        strange.clone(),
    ];
    let strange_status = if odd.is_empty() { Fail } else { Unknown };
    recs.push(cfg(&strange, json!(odd)));
    vec![
        Case::new(
            "values",
            doc(recs.clone(), &[server, config]),
            vec![
                e(id_of(&ok), Pass),
                e(id_of(&off), Fail),
                e(id_of(&blank), Unknown),
                e(id_of(&strange), strange_status),
                e(id_of(&missing), Unknown),
            ],
        ),
        Case::new(
            "configurations forbidden",
            forbid(doc(recs, &[server]), config),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
