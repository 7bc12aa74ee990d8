//! `appservice.client_certificates_required`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

/// App Service apps require client certificates.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "appservice.client_certificates_required",
        title: "App Service apps require incoming client certificates",
        service: "appservice",
        level: 2,
        severity: Severity::Low,
        reads: super::SITE_READS,
        rule: "Per site (web app or function app) and deployment slot: pass iff `clientCertEnabled` is true and `clientCertMode` is Required; fail when `clientCertEnabled` is false or absent (the API's default), or the mode is Optional or OptionalInteractiveUser (a client without a certificate still gets in); unknown for another mode, or enabled without a mode (ARM's examples show the mode without saying its default). Level 2 and severity low: it fits APIs called by known clients, not public sites (no CIS 3.0 recommendation; Azure Policy and Prowler carry it).",
        rationale: "Mutual TLS makes every client present a certificate the app can verify, so only known callers reach the application at all.",
        remediation: Remediation {
            portal: "App Service > Settings > Configuration > General settings > Incoming client certificates: Client certificate mode Required, and save.",
            cli: "az webapp update --resource-group <rg> --name <app> --set clientCertEnabled=true clientCertMode=Required",
        },
        cis: &[],
        references: &[
            "https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::each_site(cx, CHECK.meta.reads, out, |r, s, out| {
        let (enabled, mode) = (
            s.properties.client_cert_enabled,
            s.properties.client_cert_mode.clone(),
        );
        let ev = crate::evidence!({"clientCertEnabled": enabled, "clientCertMode": mode});
        match (enabled, mode.as_deref()) {
            (Some(true), None) => out.unknown(r, "Client certificates are enabled, but the app does not report clientCertMode, so whether they are required is not known.", ev),
            (Some(true), Some(m)) if m.eq_ignore_ascii_case("Required") => {
                out.pass(r, "Client certificates are required.", ev)
            }
            (Some(true), Some(m))
                if m.eq_ignore_ascii_case("Optional")
                    || m.eq_ignore_ascii_case("OptionalInteractiveUser") =>
            {
                out.fail(
                    r,
                    format!("Client certificates are {m}: clients without one get in."),
                    ev,
                );
            }
            (Some(true), Some(m)) => out.unknown(
                r,
                format!("clientCertMode {m} is not one this check knows."),
                ev,
            ),
            _ => {
                out.fail(r, "The app does not ask for client certificates.", ev);
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
    // GetWebApp.json (2023-12-01): clientCertEnabled, clientCertMode beside httpsOnly.
    let req = arm(
        SITES,
        "api-mtls",
        json!({"httpsOnly": true, "clientCertEnabled": true, "clientCertMode": "Required", "clientCertExclusionPaths": "/healthcheck"}),
    );
    let opt = arm(
        SITES,
        "api-optional",
        json!({"httpsOnly": true, "clientCertEnabled": true, "clientCertMode": "Optional"}),
    );
    let off = arm(
        SITES,
        "app-off",
        json!({"httpsOnly": true, "clientCertEnabled": false, "clientCertMode": "Required"}),
    );
    let odd = arm(
        SITES,
        "app-odd",
        json!({"clientCertEnabled": true, "clientCertMode": "Sometimes"}),
    );
    let modeless = arm(SITES, "app-modeless", json!({"clientCertEnabled": true}));
    let recs = vec![
        req.clone(),
        opt.clone(),
        off.clone(),
        odd.clone(),
        modeless.clone(),
    ];
    vec![
        Case::new(
            "modes",
            doc(recs.clone(), super::SITE_READS),
            vec![
                e(id_of(&req), Pass),
                e(id_of(&opt), Fail),
                e(id_of(&off), Fail),
                e(id_of(&odd), Unknown),
                e(id_of(&modeless), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), SITES),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
