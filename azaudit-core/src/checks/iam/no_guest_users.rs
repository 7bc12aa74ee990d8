//! `iam.no_guest_users`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::GraphUser;

use super::USERS;

/// No guest users other than those allowed.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.no_guest_users",
        title: "No unreviewed guest users exist",
        service: "iam",
        level: 1,
        severity: Severity::Medium,
        reads: &[USERS],
        rule: "Per enabled external user: `userType` Guest, or a B2B member (`userType` Member with an `#EXT#` UPN, which Microsoft's guest-account policies count as external): pass when its UPN or e-mail, or their domain, is in `cfg.allowed_guests` (empty by default); fail otherwise. Unknown when `userType` or `accountEnabled` is absent. Member users yield no finding.",
        rationale: "Guests keep access after the project or contract that justified it ends; each one is an identity the organisation does not manage.",
        remediation: Remediation {
            portal: "Entra admin center > Users > All users > filter User type: Guest > delete guests no longer needed (or set up an access review).",
            cli: "az ad user delete --id <object-id>",
        },
        cis: &["2.4"],
        references: &[
            "https://learn.microsoft.com/entra/id-governance/manage-guest-access-with-access-reviews",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn allowed(list: &[String], upn: Option<&str>, mail: Option<&str>) -> bool {
    list.iter().any(|a| {
        let a = a.trim().to_ascii_lowercase();
        [upn, mail]
            .into_iter()
            .flatten()
            .map(str::to_ascii_lowercase)
            .any(|v| {
                if a.contains('@') {
                    v == a
                } else {
                    v.ends_with(&format!("@{a}")) || v.contains(&format!("_{a}#ext#"))
                }
            })
    })
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let covered = cx.covered_tenant(CHECK.meta.reads, out);
    cx.each::<GraphUser>(&covered, out, |r, u, out| {
        let u = &u.properties;
        let ev = crate::evidence!({"userPrincipalName": u.user_principal_name, "mail": u.mail, "userType": u.user_type});
        match (u.user_type.as_deref(), u.account_enabled) {
            (None, _) | (_, None) => out.unknown(r, "The user does not report userType or accountEnabled.", ev),
            (Some(t), Some(true))
                if t.eq_ignore_ascii_case("Guest")
                    || u.user_principal_name.as_deref().is_some_and(|n| n.to_ascii_uppercase().contains("#EXT#")) =>
            {
                if allowed(&cx.config.allowed_guests, u.user_principal_name.as_deref(), u.mail.as_deref()) {
                    out.pass(r, "The guest is on the allowed list.", ev);
                } else {
                    out.fail(r, format!("External user {} is not on the allowed list.", u.mail.as_deref().or(u.user_principal_name.as_deref()).unwrap_or("?")), ev);
                }
            }
            _ => {}
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let g = |id: &str, mail: &str, enabled: bool| {
        graph(
            "users",
            id,
            json!({"id": id, "userPrincipalName": format!("{}#EXT#@contoso.onmicrosoft.com", mail.replace('@', "_")), "mail": mail, "userType": "Guest", "accountEnabled": enabled}),
        )
    };
    let partner = g("g1", "ann@partner.example", true);
    let stranger = g("g2", "bo@elsewhere.example", true);
    let old = g("g3", "cy@elsewhere.example", false);
    let member = graph(
        "users",
        "m1",
        json!({"id": "m1", "userType": "Member", "accountEnabled": true}),
    );
    let blank = graph("users", "x1", json!({"id": "x1"}));
    // New: a B2B collaboration member is external too (no finding before).
    let b2b = graph(
        "users",
        "b1",
        json!({"id": "b1", "userPrincipalName": "bo_partner.example#EXT#@contoso.onmicrosoft.com", "mail": "bo@partner.example", "userType": "Member", "accountEnabled": true}),
    );
    let recs = vec![
        partner.clone(),
        stranger.clone(),
        old,
        member,
        blank.clone(),
        b2b.clone(),
    ];
    let cfg = crate::Config {
        allowed_guests: vec!["partner.example".into()],
        ..Default::default()
    };
    vec![
        Case::new(
            "default",
            doc(recs.clone(), &[USERS]),
            vec![
                e(id_of(&partner), Fail),
                e(id_of(&stranger), Fail),
                e(id_of(&blank), Unknown),
                e(id_of(&b2b), Fail),
            ],
        ),
        Case::new(
            "allowed domain",
            doc(recs.clone(), &[USERS]),
            vec![
                e(id_of(&partner), Pass),
                e(id_of(&stranger), Fail),
                e(id_of(&blank), Unknown),
                e(id_of(&b2b), Pass),
            ],
        )
        .with_config(cfg),
        Case::new(
            "forbidden",
            forbid(doc(recs, &[USERS]), USERS),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}
