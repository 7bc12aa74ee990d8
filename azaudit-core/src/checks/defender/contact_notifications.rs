//! `defender.contact_notifies_owners`, `defender.contact_alert_severity`: what a subscription's
//! security contact is notified about, one rule per setting driven by a table.

use crate::check::family::{Family, Member};
use crate::check::{CheckError, CheckMeta, Context, Findings, Remediation, Subject};
use crate::finding::{Evidence, Severity, Status};
use crate::model::SecurityContact;
use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

const CONTACTS: &ResourceType = &resource_types::SECURITY_CONTACTS;

/// The family's row: a setting of the security contact, judged per subscription (a pass by
/// any of its contacts passes it).
pub struct ContactSetting {
    /// The member's metadata, written out.
    pub meta: fn() -> CheckMeta,
    /// The verdict on one contact: pass, fail or unknown (`None`), the evidence, the message.
    pub judge: fn(&SecurityContact) -> (Option<bool>, Evidence, &'static str),
}

impl Family for ContactSetting {
    fn meta(&self) -> CheckMeta {
        (self.meta)()
    }
    fn evaluate(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        cx.per_subscription::<SecurityContact>(meta.reads, out, |s, items, out| {
            let verdicts: Vec<_> = items.iter().map(|(_, c)| (self.judge)(c)).collect();
            let pick = |want: Option<bool>| verdicts.iter().find(|v| v.0 == want);
            let (status, (_, ev, msg)) = match (pick(Some(true)), pick(None), pick(Some(false))) {
                (Some(v), _, _) => (Status::Pass, v.clone()),
                (None, Some(v), _) => (Status::Unknown, v.clone()),
                (None, None, Some(v)) => (Status::Fail, v.clone()),
                (None, None, None) => (
                    Status::Fail,
                    (
                        None,
                        Evidence::default(),
                        "No security contact is configured.",
                    ),
                ),
            };
            out.push(status, Subject::subscription(s), msg, ev);
        });
        Ok(())
    }
    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        use crate::checks::testing::*;
        use crate::finding::Status::*;
        let id = (self.meta)().id;
        // GetSecurityContactsSubscription_example.json (2020-01-01-preview) and the
        // 2023-12-01-preview list, with the settings each case varies.
        let contact = |props: serde_json::Value| json!({"id": format!("/subscriptions/{SUB}/providers/Microsoft.Security/securityContact/default"), "type": "Microsoft.Security/securityContact", "name": "default", "properties": props});
        let v2020 = |severity: &str, alerts: &str, roles: serde_json::Value, roles_state: &str| {
            contact(
                json!({"emails": "john@contoso.com;Jane@contoso.com", "phone": "(214)275-4038",
                "alertNotifications": {"state": alerts, "minimalSeverity": severity},
                "notificationsByRole": {"state": roles_state, "roles": roles}}),
            )
        };
        let v2023 = |enabled: bool, severity: &str| {
            contact(
                json!({"notificationsByRole": {"state": "On", "roles": ["Owner", "Admin"]}, "isEnabled": enabled,
                "emails": "john@contoso.com;Jane@contoso.com", "phone": "(214)275-4038",
                "notificationsSources": [{"sourceType": "AttachPath", "minimalRiskLevel": "Critical"}, {"sourceType": "Alert", "minimalSeverity": severity}]}),
            )
        };
        let silent = contact(json!({"emails": "a@contoso.com", "phone": ""}));
        let one = |name: &'static str, c: serde_json::Value, status| {
            Case::new(
                name,
                doc(vec![c], &[CONTACTS]),
                vec![e(sub_scope(), status)],
            )
        };
        let mut cases = vec![
            one("2023-12-01-preview", v2023(true, "Medium"), Pass),
            one("2023-12-01-preview disabled", v2023(false, "High"), Fail),
            one("silent", silent, Unknown),
            Case::new("none", doc(vec![], &[CONTACTS]), vec![e(sub_scope(), Fail)]),
            Case::new(
                "forbidden",
                forbid(doc(vec![], NOTHING), CONTACTS),
                vec![e(sub_scope(), Unknown)],
            ),
        ];
        if id == "defender.contact_notifies_owners" {
            cases.push(one(
                "owner",
                v2020("High", "Off", json!(["Owner"]), "On"),
                Pass,
            ));
            cases.push(one(
                "admins only",
                v2020("High", "On", json!(["Admin", "AccountAdmin"]), "On"),
                Fail,
            ));
            cases.push(one(
                "roles off",
                v2020("High", "On", json!(["Owner"]), "Off"),
                Fail,
            ));
        } else {
            cases.push(one("high", v2020("High", "On", json!([]), "Off"), Pass));
            cases.push(one("low", v2020("Low", "On", json!([]), "Off"), Pass));
            cases.push(one(
                "alert e-mails off",
                v2020("High", "Off", json!(["Owner"]), "On"),
                Fail,
            ));
            cases.push(one(
                "severity unknown",
                v2020("Critical", "On", json!([]), "Off"),
                Unknown,
            ));
        }
        cases
    }
}

/// `defender.contact_notifies_owners`: subscription owners receive Defender's alerts.
pub static NOTIFIES_OWNERS: Member<ContactSetting> = Member::new(ContactSetting {
    meta: || CheckMeta {
        id: "defender.contact_notifies_owners",
        title: "Defender for Cloud e-mails alerts to the subscription's owners",
        service: "defender",
        level: 1,
        severity: Severity::Medium,
        reads: &[CONTACTS],
        rule: "Per subscription, over its security contacts: pass iff one has `notificationsByRole.state` On with `Owner` among `notificationsByRole.roles` (case-insensitive) and is not disabled (`isEnabled` false at 2023-12-01-preview); fail when roles notifications are Off, Owner is not among the roles, the contact is disabled, or there is no contact (owners are then notified of nothing); unknown when a contact reports no `notificationsByRole`. Severity medium: alerts that reach nobody who can act on the subscription go unanswered.",
        rationale: "Owners can act on anything in the subscription; when Defender for Cloud alerts them, a detected compromise reaches someone with the authority to respond even if the listed addresses are stale.",
        remediation: Remediation {
            portal: "Microsoft Defender for Cloud > Environment settings > the subscription > Email notifications: 'All users with the following roles': Owner, and save.",
            cli: "az rest --method put --url https://management.azure.com/subscriptions/<subscription>/providers/Microsoft.Security/securityContacts/default?api-version=2023-12-01-preview --body '{\"properties\":{\"isEnabled\":true,\"emails\":\"secops@contoso.com\",\"notificationsByRole\":{\"state\":\"On\",\"roles\":[\"Owner\"]},\"notificationsSources\":[{\"sourceType\":\"Alert\",\"minimalSeverity\":\"High\"}]}}'",
        },
        cis: &["3.1.12"],
        references: &[
            "https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications",
        ],
        manual: false,
    },
    judge: |c| {
        let by_role = c.notifications_by_role.as_ref();
        let on = by_role
            .and_then(|r| r.state.as_deref())
            .map(|s| s.eq_ignore_ascii_case("On"));
        let owner = by_role
            .and_then(|r| r.roles.as_ref())
            .is_some_and(|r| r.iter().any(|x| x.eq_ignore_ascii_case("Owner")));
        let roles = by_role.and_then(|r| r.roles.clone());
        let ev = crate::evidence!({"notificationsByRole": on, "roles": roles, "isEnabled": c.is_enabled});
        match on {
            None => (
                None,
                ev,
                "The security contact does not report its notifications by role.",
            ),
            Some(_) if c.is_enabled == Some(false) => (
                Some(false),
                ev,
                "The security contact is disabled: owners are notified of nothing.",
            ),
            Some(false) => (Some(false), ev, "Notifications to role holders are Off."),
            Some(true) if owner => (
                Some(true),
                ev,
                "Subscription owners are notified of alerts.",
            ),
            Some(true) => (
                Some(false),
                ev,
                "Role holders are notified, but Owner is not among the roles.",
            ),
        }
    },
});

/// `defender.contact_alert_severity`: alerts of high severity (or lower) are e-mailed.
pub static ALERT_SEVERITY: Member<ContactSetting> = Member::new(ContactSetting {
    meta: || CheckMeta {
        id: "defender.contact_alert_severity",
        title: "Defender for Cloud e-mails alerts from High severity (or lower) up",
        service: "defender",
        level: 1,
        severity: Severity::Medium,
        reads: &[CONTACTS],
        rule: "Per subscription, over its security contacts: pass iff one e-mails alerts (`alertNotifications.state` On at 2020-01-01-preview; `isEnabled` true with an `Alert` entry in `notificationsSources` at 2023-12-01-preview) from a `minimalSeverity` of High, Medium or Low (a lower threshold sends High alerts too, as Prowler reads it; Azure Policy 0b15565f and CIS 3.0's text name High exactly); fail when alert e-mails are off, the contact is disabled, or there is no contact; unknown when a contact reports no alert notifications or a severity this check does not know. Severity medium.",
        rationale: "High-severity alerts mean a probable compromise; if they are not e-mailed, they wait in the portal until someone looks.",
        remediation: Remediation {
            portal: "Microsoft Defender for Cloud > Environment settings > the subscription > Email notifications: 'Notify about alerts with the following severity (or higher)': High, and save.",
            cli: "az security contact update --name default --alert-notifications on --alerts-admins on   # then set minimalSeverity High in the portal or by REST",
        },
        cis: &["3.1.14"],
        references: &[
            "https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications",
        ],
        manual: false,
    },
    judge: |c| {
        let known = |s: &str| {
            ["High", "Medium", "Low"]
                .iter()
                .any(|k| s.eq_ignore_ascii_case(k))
        };
        let (on, severity) =
            if let Some(a) = c.alert_notifications.as_ref().filter(|a| a.state.is_some()) {
                (
                    a.state.as_deref().map(|s| s.eq_ignore_ascii_case("On")),
                    a.minimal_severity.clone(),
                )
            } else {
                let alert = c.notifications_sources.iter().flatten().find(|s| {
                    s.get("sourceType")
                        .and_then(serde_json::Value::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case("Alert"))
                });
                let severity = alert
                    .and_then(|a| a.get("minimalSeverity"))
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_string);
                (c.is_enabled.map(|e| e && alert.is_some()), severity)
            };
        let ev = crate::evidence!({"alertNotifications": on, "minimalSeverity": severity, "isEnabled": c.is_enabled});
        match (on, severity.as_deref()) {
            (None, _) => (
                None,
                ev,
                "The security contact does not report its alert notifications.",
            ),
            (Some(false), _) => (
                Some(false),
                ev,
                "Alert e-mails are off (or the contact is disabled).",
            ),
            (Some(true), Some(s)) if known(s) => (
                Some(true),
                ev,
                "Alerts from High severity (or lower) up are e-mailed.",
            ),
            (Some(true), _) => (
                None,
                ev,
                "Alert e-mails are on, with a minimal severity this check does not know.",
            ),
        }
    },
});
