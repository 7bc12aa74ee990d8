//! `defender.security_contact_configured`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::SecurityContact;

const CONTACTS: &str = "Microsoft.Security/securityContacts";

/// A security contact with e-mail and phone exists.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "defender.security_contact_configured",
        title: "A Defender for Cloud security contact with e-mail and phone is configured",
        service: "defender",
        level: 1,
        severity: Severity::Medium,
        reads: &[CONTACTS],
        rule: "Per subscription: pass iff a security contact has at least one e-mail address (`emails`, `;`-separated, or the older `email`) and a phone number; fail otherwise, including no contact at all.",
        rationale: "Microsoft notifies the security contact when it detects a compromise of the subscription; without one, that notice reaches no one.",
        remediation: Remediation {
            portal: "Microsoft Defender for Cloud > Environment settings > subscription > Email notifications: add e-mail recipients and a phone number.",
            cli: "az security contact create --name default --emails secops@contoso.com --phone '+1-555-0100' --alert-notifications on",
        },
        cis: &["3.1.13"],
        references: &[
            "https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::per_subscription::<SecurityContact>(cx, CHECK.meta.reads, out, |s, items, out| {
        let subject = Subject::subscription(s);
        let mut seen = Vec::new();
        for (r, c) in &items {
            let emails: Vec<&str> = c
                .emails
                .iter()
                .chain(c.email.iter())
                .flat_map(|e| e.split(';'))
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .collect();
            let phone = c.phone.as_deref().map(str::trim).filter(|p| !p.is_empty());
            if !emails.is_empty() && phone.is_some() {
                out.push(
                    Status::Pass,
                    subject,
                    format!(
                        "Security contact '{}' has {} e-mail address(es) and a phone number.",
                        r.name(),
                        emails.len()
                    ),
                    crate::evidence!({"contact": r.name(), "emails": emails.len(), "phone": true}),
                );
                return;
            }
            seen.push(
                crate::evidence!({"contact": r.name(), "emails": emails.len(), "phone": phone.is_some()}),
            );
        }
        let msg = if seen.is_empty() {
            "No security contact is configured."
        } else {
            "No security contact has both an e-mail address and a phone number."
        };
        out.push(
            Status::Fail,
            subject,
            msg,
            crate::evidence!({"contacts": seen}),
        );
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // The 2020-01-01-preview API spells the type in the singular.
    let contact = |props: serde_json::Value| json!({"id": format!("/subscriptions/{SUB}/providers/Microsoft.Security/securityContact/default"), "type": "Microsoft.Security/securityContact", "name": "default", "properties": props});
    let mut cov = doc(
        vec![contact(
            json!({"emails": "john@contoso.com;Jane@contoso.com", "phone": "(214)275-4038"}),
        )],
        &[CONTACTS],
    );
    cov["coverage"] = json!([{"scope": sub_scope(), "type": CONTACTS, "status": "ok"}]);
    vec![
        Case::new("complete", cov, vec![e(sub_scope(), Pass)]),
        Case::new(
            "no phone",
            doc(
                vec![contact(json!({"emails": "a@contoso.com"}))],
                &[CONTACTS],
            ),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new("none", doc(vec![], &[CONTACTS]), vec![e(sub_scope(), Fail)]),
        Case::new(
            "unreadable",
            doc(
                vec![contact(json!({"emails": ["a@contoso.com"]}))],
                &[CONTACTS],
            ),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![], &[]), CONTACTS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
