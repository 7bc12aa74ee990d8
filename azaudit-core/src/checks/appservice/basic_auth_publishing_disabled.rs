//! `appservice.basic_auth_publishing_disabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::{Arm, BasicPublishingPolicy};
use crate::resource_types::ResourceType;

const READS: &[&ResourceType] = &[
    super::SITES,
    super::SLOTS,
    super::BASIC_AUTH,
    super::SLOT_BASIC_AUTH,
];

/// App Service apps refuse basic-authentication publishing (FTP and SCM).
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "appservice.basic_auth_publishing_disabled",
        title: "App Service apps refuse basic authentication for FTP and SCM publishing",
        service: "appservice",
        level: 1,
        severity: Severity::Medium,
        reads: READS,
        rule: "Per site (web app or function app) and deployment slot, from its `basicPublishingCredentialsPolicies` list (one GET per site, Reader-readable): pass iff both the `ftp` and the `scm` policy (the id's last segment, case-insensitive) have `allow` false; fail naming each that allows it (even when the other was not returned); unknown when neither allows and either was not returned or reports no `allow`. CIS 3.0 9.6 is a manual recommendation; the setting has an API, so it is assessed. Severity medium: the publishing password is a long-lived shared secret that deploys code, outside Entra sign-in and MFA.",
        rationale: "Basic-authentication publishing accepts a user name and password that never expire and bypass Microsoft Entra ID, its MFA and conditional access; with it off, deployments need an Entra identity.",
        remediation: Remediation {
            portal: "App Service > Settings > Configuration > General settings > Platform settings: SCM Basic Auth Publishing Credentials Off and FTP Basic Auth Publishing Credentials Off, and save (for each slot too).",
            cli: "az resource update --resource-group <rg> --name scm --namespace Microsoft.Web --resource-type basicPublishingCredentialsPolicies --parent sites/<app> --set properties.allow=false (and again with --name ftp)",
        },
        cis: &["9.6"],
        references: &["https://learn.microsoft.com/azure/app-service/configure-basic-auth-disable"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let policies = cx.view::<Arm<BasicPublishingPolicy>>();
    super::each_site(cx, READS, out, |site, _, out| {
        let allow = |which: &str| -> Result<Option<bool>, String> {
            let rec = super::child_named(site, super::BASIC_AUTH, super::SLOT_BASIC_AUTH, which);
            match rec.and_then(|r| policies.get(r)) {
                Some(Ok(p)) => Ok(p.properties.allow),
                Some(Err(e)) => Err(e.to_string()),
                None => Ok(None),
            }
        };
        let (ftp, scm) = (allow("ftp"), allow("scm"));
        let ev = crate::evidence!({"ftp.allow": ftp.clone().ok().flatten(), "scm.allow": scm.clone().ok().flatten()});
        match (ftp, scm) {
            (Err(e), _) | (_, Err(e)) => out.unknown(site, e, ev),
            (Ok(f), Ok(s)) => {
                let allowed: Vec<&str> = [("FTP", f), ("SCM", s)]
                    .into_iter()
                    .filter(|(_, a)| *a == Some(true))
                    .map(|(w, _)| w)
                    .collect();
                if !allowed.is_empty() {
                    out.fail(
                        site,
                        format!(
                            "Basic authentication is allowed for {} publishing.",
                            allowed.join(" and ")
                        ),
                        ev,
                    );
                } else if f.is_none() || s.is_none() {
                    out.unknown(
                        site,
                        "The ftp or scm publishing policy was not returned.",
                        ev,
                    );
                } else {
                    out.pass(
                        site,
                        "Basic authentication is off for FTP and SCM publishing.",
                        ev,
                    );
                }
            }
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{SITES, slot_of};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // ListPublishingCredentialsPolicies.json (2023-12-01): `ftp` and `scm`, `allow` each.
    let with = |name: &str, ftp: serde_json::Value, scm: serde_json::Value| {
        let s = arm(SITES, name, json!({"httpsOnly": true}));
        let f = child(
            &s,
            "basicPublishingCredentialsPolicies",
            "ftp",
            json!({"allow": ftp}),
        );
        let c = child(
            &s,
            "basicPublishingCredentialsPolicies",
            "scm",
            json!({"allow": scm}),
        );
        vec![s, f, c]
    };
    let off = with("app-off", json!(false), json!(false));
    let scm = with("app-scm", json!(false), json!(true));
    let blank = with("app-blank", json!(false), serde_json::Value::Null);
    let slot = slot_of(&off[0], "staging", json!({"httpsOnly": true}));
    let slot_ftp = child(
        &slot,
        "basicPublishingCredentialsPolicies",
        "ftp",
        json!({"allow": true}),
    );
    let slot_scm = child(
        &slot,
        "basicPublishingCredentialsPolicies",
        "scm",
        json!({"allow": true}),
    );
    let mut recs = [off.clone(), scm.clone(), blank.clone()].concat();
    recs.extend([slot.clone(), slot_ftp, slot_scm]);
    vec![
        Case::new(
            "policies",
            doc(recs.clone(), READS),
            vec![
                e(id_of(&off[0]), Pass),
                e(id_of(&scm[0]), Fail),
                e(id_of(&blank[0]), Unknown),
                e(id_of(&slot), Fail),
            ],
        ),
        Case::new(
            "slot policies forbidden: the sites are judged, the slots are not",
            forbid(doc(recs, &READS[..3]), super::SLOT_BASIC_AUTH),
            vec![
                e(id_of(&off[0]), Pass),
                e(id_of(&scm[0]), Fail),
                e(id_of(&blank[0]), Unknown),
                e(sub_scope(), Unknown),
            ],
        ),
    ]
}
