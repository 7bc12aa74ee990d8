//! `appservice.https_only`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

/// Web apps redirect HTTP to HTTPS.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "appservice.https_only",
        title: "App Service apps accept HTTPS only",
        service: "appservice",
        level: 1,
        severity: Severity::High,
        reads: super::SITE_READS,
        rule: "Per site (web app or function app) and deployment slot: pass iff `httpsOnly` is true; fail when false or absent (the API's default is false; Azure Policy and Prowler flag it too); unknown when the record cannot be read.",
        rationale: "Over plain HTTP, session cookies, tokens and form data cross the network readable and modifiable by anyone on the path.",
        remediation: Remediation {
            portal: "App Service > Settings > Configuration > General settings > HTTPS Only: On.",
            cli: "az webapp update --resource-group <rg> --name <app> --https-only true",
        },
        cis: &["9.1"],
        references: &[
            "https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::each_site(cx, CHECK.meta.reads, out, |r, s, out| {
        let v = s.properties.https_only;
        let ev = crate::evidence!({"httpsOnly": v});
        match v {
            Some(true) => {
                out.pass(r, "HTTPS only is on.", ev);
            }
            Some(false) => {
                out.fail(r, "The app accepts plain HTTP.", ev);
            }
            None => {
                out.fail(r, "The site does not set httpsOnly, whose default is false: the app accepts plain HTTP.", ev);
            }
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::SITES;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let on = arm(SITES, "app-on", json!({"httpsOnly": true}));
    let mut func = arm(SITES, "func-off", json!({"httpsOnly": false}));
    func["kind"] = json!("functionapp,linux");
    // Changed from unknown: absent is the API's default, false.
    let blank = arm(SITES, "app-blank", json!({"state": "Running"}));
    let odd = arm(SITES, "app-odd", json!({"httpsOnly": "yes"}));
    // A slot is judged as a site: this one serves plain HTTP while its site does not.
    let slot = super::slot_of(
        &on,
        "staging",
        json!({"httpsOnly": false, "state": "Running"}),
    );
    let recs = vec![
        on.clone(),
        func.clone(),
        blank.clone(),
        odd.clone(),
        slot.clone(),
    ];
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), super::SITE_READS),
            vec![
                e(id_of(&on), Pass),
                e(id_of(&func), Fail),
                e(id_of(&blank), Fail),
                e(id_of(&odd), Unknown),
                e(id_of(&slot), Fail),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), SITES),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
