//! `appservice.ftps_only`, `appservice.http2_enabled`, `appservice.remote_debugging_off`: one
//! rule over a site's (or slot's) `config/web`, driven by a table of settings.

use crate::check::family::{Family, Member, text};
use crate::check::{CheckError, CheckMeta, Context, Findings, Remediation};
use crate::finding::{Evidence, Severity};
use crate::model::SiteConfig;
#[cfg(test)]
use serde_json::json;

/// The family's row: one `config/web` setting and how it is judged.
pub struct WebSetting {
    /// The check id.
    pub id: &'static str,
    /// The title.
    pub title: &'static str,
    /// The property, as ARM spells it.
    pub property: &'static str,
    /// The rule's own part: the values that pass and fail.
    pub rule: &'static str,
    /// Reads the setting: whether it passes (`None`: not readable), and the evidence.
    pub judge: fn(&SiteConfig) -> (Option<bool>, Evidence),
    /// The three messages: pass, fail, unknown.
    pub messages: [&'static str; 3],
    /// CIS level.
    pub level: u8,
    /// Severity.
    pub severity: Severity,
    /// Why it matters.
    pub rationale: &'static str,
    /// Portal steps.
    pub portal: &'static str,
    /// CLI.
    pub cli: &'static str,
    /// CIS 3.0 recommendations.
    pub cis: &'static [&'static str],
    /// Documentation.
    pub references: &'static [&'static str],
    /// Fixture values for `property`: one that passes, one that fails, one unknown.
    #[cfg(test)]
    pub samples: fn() -> [serde_json::Value; 3],
}

impl Family for WebSetting {
    fn meta(&self) -> CheckMeta {
        CheckMeta {
            id: self.id,
            title: self.title,
            service: "appservice",
            level: self.level,
            severity: self.severity,
            reads: super::WEB_CONFIG_READS,
            rule: text(format!(
                "Per site (web app or function app) and deployment slot, from `config/web`: {} Unknown when the configuration record was not returned or `{}` is absent.",
                self.rule, self.property
            )),
            rationale: self.rationale,
            remediation: Remediation {
                portal: self.portal,
                cli: self.cli,
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
        super::each_site_config(cx, meta.reads, "web", out, |r, c, out| {
            let (ok, ev) = (self.judge)(c);
            out.judge(r, ok, self.messages, ev);
        });
        Ok(())
    }
    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        cases(self)
    }
}

/// `appservice.ftps_only`: FTP is off, or FTPS only.
pub static FTPS_ONLY: Member<WebSetting> = Member::new(WebSetting {
    id: "appservice.ftps_only",
    title: "App Service apps allow FTPS only, or no FTP",
    property: "ftpsState",
    rule: "pass iff `ftpsState` is FtpsOnly or Disabled (case-insensitive); fail when AllAllowed (plain FTP accepted); unknown for another value. Severity high: plain FTP sends the deployment credentials and the code in clear.",
    judge: |c| {
        let v = c.ftps_state.clone();
        let ok = v.as_deref().and_then(|s| {
            if s.eq_ignore_ascii_case("FtpsOnly") || s.eq_ignore_ascii_case("Disabled") {
                Some(true)
            } else if s.eq_ignore_ascii_case("AllAllowed") {
                Some(false)
            } else {
                None
            }
        });
        (ok, crate::evidence!({"ftpsState": v}))
    },
    messages: [
        "FTP deployment is FTPS only, or disabled.",
        "Plain FTP is allowed (ftpsState AllAllowed): credentials and code cross the network in clear.",
        "config/web does not report an ftpsState this check knows.",
    ],
    level: 1,
    severity: Severity::High,
    rationale: "FTP without TLS sends the publishing credentials and every file in clear text; anyone on the path can take the credentials and deploy code to the app.",
    portal: "App Service > Settings > Configuration > General settings > FTP state: FTPS only (or Disabled), and save.",
    cli: "az webapp config set --resource-group <rg> --name <app> --ftps-state FtpsOnly",
    cis: &["9.3"],
    references: &["https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps"],
    #[cfg(test)]
    samples: || [json!("FtpsOnly"), json!("AllAllowed"), json!("Sometimes")],
});

/// `appservice.http2_enabled`: HTTP/2 is on.
pub static HTTP2_ENABLED: Member<WebSetting> = Member::new(WebSetting {
    id: "appservice.http2_enabled",
    title: "App Service apps use HTTP/2",
    property: "http20Enabled",
    rule: "pass iff `http20Enabled` is true; fail when false. Severity low: HTTP/2 removes HTTP/1.1's head-of-line blocking and some request-smuggling and downgrade avenues, but is not a control on its own.",
    judge: |c| {
        let v = c.http20_enabled;
        (v, crate::evidence!({"http20Enabled": v}))
    },
    messages: [
        "HTTP/2 is enabled.",
        "HTTP/2 is disabled: clients are held to HTTP/1.1.",
        "config/web does not report http20Enabled.",
    ],
    level: 1,
    severity: Severity::Low,
    rationale: "HTTP/2 multiplexes requests over one TLS connection with binary framing, which removes ambiguities of HTTP/1.1 parsing that request smuggling exploits, and keeps clients off older protocol paths.",
    portal: "App Service > Settings > Configuration > General settings > HTTP version: 2.0, and save.",
    cli: "az webapp config set --resource-group <rg> --name <app> --http20-enabled true",
    cis: &["9.10"],
    references: &[
        "https://learn.microsoft.com/azure/app-service/configure-common#configure-general-settings",
    ],
    #[cfg(test)]
    samples: || [json!(true), json!(false), json!("yes")],
});

/// `appservice.remote_debugging_off`: remote debugging is off.
pub static REMOTE_DEBUGGING_OFF: Member<WebSetting> = Member::new(WebSetting {
    id: "appservice.remote_debugging_off",
    title: "App Service apps have remote debugging off",
    property: "remoteDebuggingEnabled",
    rule: "pass iff `remoteDebuggingEnabled` is false; fail when true (remote debugging switches itself off after 48 hours, so a true value is a session opened in the last two days or a configuration reapplied). Severity high: the debugger's ports give whoever reaches them control of the process.",
    judge: |c| {
        let v = c.remote_debugging_enabled;
        (
            v.map(|on| !on),
            crate::evidence!({"remoteDebuggingEnabled": v}),
        )
    },
    messages: [
        "Remote debugging is off.",
        "Remote debugging is on: the app's debugger ports are open.",
        "config/web does not report remoteDebuggingEnabled.",
    ],
    level: 1,
    severity: Severity::High,
    rationale: "Remote debugging opens inbound debugger ports to the app's worker; an attacker who reaches them can read memory and run code in the app's process.",
    portal: "App Service > Settings > Configuration > General settings > Remote debugging: Off, and save.",
    cli: "az webapp config set --resource-group <rg> --name <app> --remote-debugging-enabled false",
    cis: &["9.12"],
    references: &[
        "https://learn.microsoft.com/visualstudio/debugger/remote-debugging-azure-app-service",
    ],
    #[cfg(test)]
    samples: || [json!(false), json!(true), serde_json::Value::Null],
});

#[cfg(test)]
fn cases(row: &WebSetting) -> Vec<crate::checks::testing::Case> {
    use super::{CONFIG, SITES, SLOT_CONFIG, SLOTS, site_with, slot_of};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let [good, bad, odd] = (row.samples)();
    // SiteConfig of GetSiteConfig.json (2023-12-01) carries all three settings; one record
    // per site and slot.
    let web = |v: serde_json::Value| {
        let mut c = json!({"numberOfWorkers": 1, "netFrameworkVersion": "v4.0", "minTlsVersion": "1.2", "ftpsState": "FtpsOnly", "http20Enabled": true, "remoteDebuggingEnabled": false});
        c[row.property] = v;
        c
    };
    let ok = site_with("app-ok", "web", web(good.clone()));
    let off = site_with("app-off", "web", web(bad.clone()));
    let strange = site_with("app-odd", "web", web(odd));
    let bare = arm(SITES, "app-noconfig", json!({"httpsOnly": true}));
    let slot = slot_of(&ok[0], "staging", json!({"httpsOnly": true}));
    let slot_cfg = child(&slot, "config", "web", web(bad));
    let mut recs: Vec<serde_json::Value> = [ok.clone(), off.clone(), strange.clone()].concat();
    recs.extend([bare.clone(), slot.clone(), slot_cfg]);
    vec![
        Case::new(
            "settings",
            doc(recs.clone(), super::WEB_CONFIG_READS),
            vec![
                e(id_of(&ok[0]), Pass),
                e(id_of(&off[0]), Fail),
                e(id_of(&strange[0]), Unknown),
                e(id_of(&bare), Unknown),
                e(id_of(&slot), Fail),
            ],
        ),
        Case::new(
            "slot configurations forbidden: the sites are judged, the slots are not",
            forbid(doc(recs.clone(), &[SITES, SLOTS, CONFIG]), SLOT_CONFIG),
            vec![
                e(id_of(&ok[0]), Pass),
                e(id_of(&off[0]), Fail),
                e(id_of(&strange[0]), Unknown),
                e(id_of(&bare), Unknown),
                e(sub_scope(), Unknown),
            ],
        ),
        Case::new(
            "site configurations forbidden",
            forbid(doc(recs, &[SITES, SLOTS, SLOT_CONFIG]), CONFIG),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
