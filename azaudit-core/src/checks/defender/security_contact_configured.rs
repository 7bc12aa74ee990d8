//! `defender.security_contact_configured`

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::SecurityContact;

const CONTACTS: &ResourceType = &resource_types::SECURITY_CONTACTS;

/// A security contact whose addresses receive alerts exists.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "defender.security_contact_configured",
        title: "A Defender for Cloud security contact receives alert e-mails",
        service: "defender",
        level: 1,
        severity: Severity::Medium,
        reads: &[CONTACTS],
        rule: "Per subscription: pass iff a security contact has at least one e-mail address (`emails`, `;`-separated, or the older `email`) and its addresses receive alerts: `alertNotifications.state` On (api-version 2020-01-01-preview) or `isEnabled` true with an `Alert` entry in `notificationsSources` (2023-12-01-preview). Fail otherwise, including no contact at all and a contact whose alert notifications and notifications by role are both Off (it notifies nobody); a contact with alert e-mails Off but notifications by role On also fails, since the addresses it lists then receive nothing (stricter than Prowler, which reads the addresses only). A phone number is not required: CIS, Prowler and Azure Policy 4f4f78b8 ask for e-mail only, and Microsoft deprecated its phone policy. Unknown when a contact with addresses says nothing about its alert notifications.",
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

/// Whether a contact's e-mail addresses receive alerts: `alertNotifications.state` at
/// 2020-01-01-preview; `isEnabled` with an `Alert` source at 2023-12-01-preview.
fn alerts_emailed(c: &SecurityContact) -> Option<bool> {
    let on = |s: &str| s.eq_ignore_ascii_case("On");
    if let Some(state) = c
        .alert_notifications
        .as_ref()
        .and_then(|a| a.state.as_deref())
    {
        return Some(on(state));
    }
    let enabled = c.is_enabled?;
    let alert_source = c.notifications_sources.iter().flatten().any(|s| {
        s.get("sourceType")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("Alert"))
    });
    Some(enabled && alert_source)
}

/// Whether holders of subscription roles are notified (`notificationsByRole.state`).
fn roles_notified(c: &SecurityContact) -> Option<bool> {
    let state = c.notifications_by_role.as_ref()?.state.as_deref()?;
    Some(state.eq_ignore_ascii_case("On") && c.is_enabled != Some(false))
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    cx.per_subscription::<SecurityContact>(CHECK.meta.reads, out, |s, items, out| {
        let subject = Subject::subscription(s);
        let mut seen = Vec::new();
        let mut undecided = None;
        let mut silent = None;
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
            // Azure writes `""` for an unset phone; it is shown, not required.
            let alerts = alerts_emailed(c);
            let roles = roles_notified(c);
            let ev = crate::evidence!({"contact": r.name(), "emails": emails.len(), "phone": phone.is_some(), "alertNotifications": alerts, "notificationsByRole": roles});
            if !emails.is_empty() {
                match alerts {
                    Some(true) => {
                        out.push(
                            Status::Pass,
                            subject,
                            format!(
                                "Security contact '{}' has {} e-mail address(es), and they receive alerts.",
                                r.name(),
                                emails.len()
                            ),
                            ev,
                        );
                        return;
                    }
                    None => undecided = Some(r.name()),
                    Some(false) => silent = Some((r.name(), roles == Some(true))),
                }
            }
            seen.push(ev);
        }
        if let Some(name) = undecided {
            out.push(
                Status::Unknown,
                subject,
                format!("Security contact '{name}' does not say whether its addresses receive alerts (no alertNotifications, isEnabled or notificationsSources)."),
                crate::evidence!({"contacts": seen}),
            );
            return;
        }
        let msg = match silent {
            Some((name, false)) => format!(
                "Security contact '{name}' notifies nobody: alert notifications and notifications by role are both Off."
            ),
            Some((name, true)) => format!(
                "Security contact '{name}' has alert e-mails Off: its addresses receive no alerts (only role holders are notified)."
            ),
            None if seen.is_empty() => "No security contact is configured.".to_string(),
            None => "No security contact has an e-mail address.".to_string(),
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
    // As `GET .../securityContacts?api-version=2020-01-01-preview` returns one.
    let full = |alerts: &str, roles: &str| {
        contact(
            json!({"emails": "john@contoso.com;Jane@contoso.com", "phone": "(214)275-4038",
            "alertNotifications": {"state": alerts, "minimalSeverity": "Low"},
            "notificationsByRole": {"state": roles, "roles": ["Owner"]}}),
        )
    };
    let mut cov = doc(vec![full("On", "On")], &[CONTACTS]);
    cov["coverage"] = json!([{"scope": sub_scope(), "type": CONTACTS, "status": "ok"}]);
    vec![
        Case::new("complete", cov, vec![e(sub_scope(), Pass)]),
        Case::new(
            "notifies nobody",
            doc(vec![full("Off", "Off")], &[CONTACTS]),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "alert e-mails off, owners notified",
            doc(vec![full("Off", "On")], &[CONTACTS]),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "2023-12-01-preview enabled with an alert source",
            doc(
                vec![contact(
                    json!({"isEnabled": true, "emails": "a@contoso.com", "phone": "(214)275-4038",
                    "notificationsByRole": {"state": "On", "roles": ["Owner", "Admin"]},
                    "notificationsSources": [{"sourceType": "AttachPath", "minimalRiskLevel": "Critical"}, {"sourceType": "Alert", "minimalSeverity": "Medium"}]}),
                )],
                &[CONTACTS],
            ),
            vec![e(sub_scope(), Pass)],
        ),
        Case::new(
            "2023-12-01-preview disabled",
            doc(
                vec![contact(
                    json!({"isEnabled": false, "emails": "a@contoso.com", "phone": "(214)275-4038",
                    "notificationsByRole": {"state": "On", "roles": ["Owner"]},
                    "notificationsSources": [{"sourceType": "Alert", "minimalSeverity": "Low"}]}),
                )],
                &[CONTACTS],
            ),
            vec![e(sub_scope(), Fail)],
        ),
        Case::new(
            "silent on notifications",
            doc(
                vec![contact(
                    json!({"emails": "a@contoso.com", "phone": "(214)275-4038"}),
                )],
                &[CONTACTS],
            ),
            vec![e(sub_scope(), Unknown)],
        ),
        // Changed from fail: CIS, Prowler and Azure Policy ask for e-mail only.
        Case::new(
            "no phone",
            doc(
                vec![contact(
                    json!({"emails": "a@contoso.com", "phone": "", "alertNotifications": {"state": "On", "minimalSeverity": "High"}, "notificationsByRole": {"state": "Off", "roles": []}}),
                )],
                &[CONTACTS],
            ),
            vec![e(sub_scope(), Pass)],
        ),
        Case::new(
            "no address",
            doc(
                vec![contact(
                    json!({"emails": "", "phone": "(214)275-4038", "alertNotifications": {"state": "On", "minimalSeverity": "High"}, "notificationsByRole": {"state": "On", "roles": ["Owner"]}}),
                )],
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
            forbid(doc(vec![], NOTHING), CONTACTS),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
