//! `sql.tde_enabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::{Arm, SqlDatabase, SqlTde};

/// Transparent data encryption is on for every user database.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.tde_enabled",
        title: "SQL databases have transparent data encryption enabled",
        service: "sql",
        level: 1,
        severity: Severity::High,
        reads: &[super::DATABASES, super::TDE],
        rule: "Per database other than `master`: pass iff its transparentDataEncryption `state` is Enabled; fail when Disabled; unknown when no TDE record or no state was returned.",
        rationale: "TDE encrypts data files, logs and backups at rest; without it, a copied backup or detached file exposes the data in clear.",
        remediation: Remediation {
            portal: "SQL database > Security > Transparent data encryption > Data encryption: On.",
            cli: "az sql db tde set --resource-group <rg> --server <server> --database <db> --status Enabled",
        },
        cis: &["5.1.5"],
        references: &[
            "https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let tdes = cx.view::<Arm<SqlTde>>();
    cx.each::<SqlDatabase>(&covered, out, |db, _, out| {
        if db.name().eq_ignore_ascii_case("master") {
            return;
        }
        let tde = db.children_of_type(super::TDE.record_type()).next();
        match tde.and_then(|t| tdes.get(t)) {
            Some(Ok(t)) => {
                let state = &t.properties.state;
                let ev = crate::evidence!({"state": state});
                let ok = state.as_ref().map(|_| is(state, "Enabled"));
                out.judge(
                    db,
                    ok,
                    [
                        "Transparent data encryption is enabled.",
                        "Transparent data encryption is disabled.",
                        "The TDE record does not report a state.",
                    ],
                    ev,
                );
            }
            Some(Err(e)) => out.unknown(db, e.to_string(), serde_json::Value::Null),
            None => out.unknown(
                db,
                "No transparentDataEncryption record was returned for this database.",
                serde_json::Value::Null,
            ),
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{DATABASES, SERVERS, TDE};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let server = arm(SERVERS, "sql1", json!({}));
    let db = |name: &str| child(&server, "databases", name, json!({"status": "Online"}));
    let (on, off, bare, master) = (db("app"), db("legacy"), db("new"), db("master"));
    let t_on = child(
        &on,
        "transparentDataEncryption",
        "current",
        json!({"state": "Enabled"}),
    );
    let t_off = child(
        &off,
        "transparentDataEncryption",
        "current",
        json!({"state": "Disabled"}),
    );
    let recs = vec![
        server,
        on.clone(),
        off.clone(),
        bare.clone(),
        master,
        t_on,
        t_off,
    ];
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), &[DATABASES, TDE]),
            vec![
                e(id_of(&on), Pass),
                e(id_of(&off), Fail),
                e(id_of(&bare), Unknown),
            ],
        ),
        Case::new(
            "tde forbidden",
            forbid(doc(recs, &[DATABASES]), TDE),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
