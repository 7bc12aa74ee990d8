//! `sql.entra_admin_configured`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::checks::is;
use crate::finding::Severity;
use crate::model::{Arm, SqlAdministrator, SqlServer};

/// Each SQL server has a Microsoft Entra administrator.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.entra_admin_configured",
        title: "SQL servers have a Microsoft Entra administrator",
        service: "sql",
        level: 1,
        severity: Severity::Medium,
        reads: &[super::SERVERS, super::ADMINISTRATORS],
        rule: "Per SQL server, from its `administrators` list: pass iff an entry has `administratorType` ActiveDirectory (case-insensitive) and a `login` or `sid`; fail when the list came back empty (no Entra administrator, so only SQL logins can administer the server); unknown when an entry cannot be read or lacks those fields (one of Azure's example shapes omits `administratorType`). Severity medium: without Entra authentication, access rests on SQL passwords that conditional access, MFA and account disablement never reach.",
        rationale: "Microsoft Entra authentication puts database access under the identity controls the rest of the tenant has (MFA, conditional access, central disablement) and lets SQL logins be turned off.",
        remediation: Remediation {
            portal: "SQL server > Settings > Microsoft Entra ID > Set admin: choose a group of administrators, and save.",
            cli: "az sql server ad-admin create --resource-group <rg> --server-name <server> --display-name <group> --object-id <group-object-id>",
        },
        cis: &["5.1.4"],
        references: &[
            "https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_subscriptions(CHECK.meta.reads, out);
    let admins = cx.view::<Arm<SqlAdministrator>>();
    cx.each::<SqlServer>(&covered, out, |server, _, out| {
        let mut unreadable = None;
        let mut found = None;
        let nonempty = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
        for rec in server.children_of_type(super::ADMINISTRATORS.record_type()) {
            match admins.get(rec) {
                Some(Ok(a)) => {
                    let a = &a.properties;
                    match nonempty(&a.login).or_else(|| nonempty(&a.sid)) {
                        Some(who) if is(&a.administrator_type, "ActiveDirectory") => {
                            found = Some(who)
                        }
                        _ => {
                            unreadable = Some(format!(
                                "Administrator {} does not report an ActiveDirectory administratorType with a login or sid.",
                                rec.name()
                            ))
                        }
                    }
                }
                Some(Err(e)) => unreadable = Some(e.to_string()),
                None => {}
            }
        }
        match (found, unreadable) {
            (Some(login), _) => out.pass(
                server,
                format!("The Microsoft Entra administrator is {login}."),
                crate::evidence!({"administratorType": "ActiveDirectory", "login": login}),
            ),
            (None, Some(e)) => out.unknown(server, e, serde_json::Value::Null),
            (None, None) => {
out.fail(
                server,
                "The server has no Microsoft Entra administrator: only SQL logins can administer it.",
                crate::evidence!({"administrators": 0}),
            );
}
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{ADMINISTRATORS, SERVERS};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let with = arm(SERVERS, "sql-entra", json!({"version": "12.0"}));
    let without = arm(SERVERS, "sql-logins", json!({"version": "12.0"}));
    let odd = arm(SERVERS, "sql-odd", json!({"version": "12.0"}));
    // AdministratorList.json (2023-08-01): `ActiveDirectory` with login, sid and tenantId.
    let recs = vec![
        with.clone(),
        child(
            &with,
            "administrators",
            "ActiveDirectory",
            json!({"administratorType": "ActiveDirectory", "login": "sql-admins", "sid": "c6b82b90-a647-49cb-8a62-0d2d3cb7ac7c", "tenantId": "c6b82b90-a647-49cb-8a62-0d2d3cb7ac7c", "azureADOnlyAuthentication": false}),
        ),
        without.clone(),
        odd.clone(),
        child(
            &odd,
            "administrators",
            "ActiveDirectory",
            json!({"administratorType": 7}),
        ),
    ];
    vec![
        Case::new(
            "administrators",
            doc(recs.clone(), &[SERVERS, ADMINISTRATORS]),
            vec![
                e(id_of(&with), Pass),
                e(id_of(&without), Fail),
                e(id_of(&odd), Unknown),
            ],
        ),
        Case::new(
            "administrators forbidden",
            forbid(doc(recs, &[SERVERS]), ADMINISTRATORS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
