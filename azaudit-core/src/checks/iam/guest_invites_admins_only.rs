//! `iam.guest_invites_admins_only`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::AuthorizationPolicy;

use super::AUTHZ_POLICY;

/// Only admins and guest inviters can invite guests.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.guest_invites_admins_only",
        title: "Only administrators can invite guest users",
        service: "iam",
        level: 2,
        severity: Severity::Medium,
        reads: &[AUTHZ_POLICY],
        rule: "Pass iff the authorization policy's `allowInvitesFrom` is `adminsAndGuestInviters` or `none`; fail for `adminsGuestInvitersAndAllMembers` or `everyone`; unknown when absent.",
        rationale: "When every member can invite guests, outsiders enter the directory without anyone responsible for their access deciding so.",
        remediation: Remediation {
            portal: "Entra admin center > External Identities > External collaboration settings > Guest invite restrictions: 'Only users assigned to specific admin roles can invite guest users'.",
            cli: "az rest --method patch --url https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body '{\"allowInvitesFrom\":\"adminsAndGuestInviters\"}'",
        },
        cis: &["2.16"],
        references: &[
            "https://learn.microsoft.com/entra/external-id/external-collaboration-settings-configure",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let Some(p) = cx.tenant_singleton::<AuthorizationPolicy>(CHECK.meta.reads, out) else {
        return Ok(());
    };
    let v = p.allow_invites_from.clone();
    let (status, msg) = match v.as_deref() {
        Some(x)
            if x.eq_ignore_ascii_case("adminsAndGuestInviters")
                || x.eq_ignore_ascii_case("none") =>
        {
            (
                Status::Pass,
                format!("Guest invitations are restricted ({x})."),
            )
        }
        Some(x) => (Status::Fail, format!("Guest invitations are open to {x}.")),
        None => (
            Status::Unknown,
            "The authorization policy does not report allowInvitesFrom.".to_string(),
        ),
    };
    out.push(
        status,
        Subject::tenant(&cx.tenant_scope()),
        msg,
        crate::evidence!({"allowInvitesFrom": v}),
    );
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let policy = |v: serde_json::Value| graph("authorizationPolicy", "authorizationPolicy", v);
    vec![
        Case::new(
            "admins",
            doc(
                vec![policy(
                    json!({"allowInvitesFrom": "adminsAndGuestInviters"}),
                )],
                &[AUTHZ_POLICY],
            ),
            vec![e(tenant_scope(), Pass)],
        ),
        Case::new(
            "everyone",
            doc(
                vec![policy(json!({"allowInvitesFrom": "everyone"}))],
                &[AUTHZ_POLICY],
            ),
            vec![e(tenant_scope(), Fail)],
        ),
        Case::new(
            "absent",
            doc(
                vec![policy(json!({"blockMsolPowerShell": true}))],
                &[AUTHZ_POLICY],
            ),
            vec![e(tenant_scope(), Unknown)],
        ),
        Case::new(
            "no record",
            doc(vec![], &[AUTHZ_POLICY]),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}
