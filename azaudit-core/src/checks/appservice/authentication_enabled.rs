//! `appservice.authentication_enabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

/// App Service authentication (Easy Auth) is on.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "appservice.authentication_enabled",
        title: "App Service authentication is enabled",
        service: "appservice",
        level: 1,
        severity: Severity::Medium,
        reads: super::AUTH_READS,
        rule: "Per site and deployment slot, from `config/authsettingsV2` (the Reader-safe call without secrets): pass iff `platform.enabled` is true (or the v1 `enabled`); fail when false; unknown when the record or the property is absent.",
        rationale: "Platform authentication rejects anonymous requests before they reach application code, so a forgotten unauthenticated endpoint is not exposed.",
        remediation: Remediation {
            portal: "App Service > Settings > Authentication > Add identity provider (Microsoft), and require authentication.",
            cli: "az webapp auth update --resource-group <rg> --name <app> --enabled true --action LoginWithAzureActiveDirectory",
        },
        cis: &["9.2"],
        references: &[
            "https://learn.microsoft.com/azure/app-service/overview-authentication-authorization",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::each_site_config(cx, CHECK.meta.reads, "authsettingsV2", out, |r, c, out| {
        let v = c.platform.as_ref().and_then(|p| p.enabled).or(c.enabled);
        out.judge(
            r,
            v,
            [
                "App Service authentication is enabled.",
                "App Service authentication is disabled.",
                "authsettingsV2 does not report platform.enabled.",
            ],
            crate::evidence!({"platform.enabled": v}),
        );
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{CONFIG, SITES, site_with};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let a = site_with(
        "app-auth",
        "authsettingsV2",
        json!({"platform": {"enabled": true, "runtimeVersion": "~1"}}),
    );
    let b = site_with(
        "app-anon",
        "authsettingsV2",
        json!({"platform": {"enabled": false}}),
    );
    let c = site_with(
        "app-blank",
        "authsettingsV2",
        json!({"globalValidation": {}}),
    );
    let recs = [a.clone(), b.clone(), c.clone()].concat();
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), super::WEB_CONFIG_READS),
            vec![
                e(id_of(&a[0]), Pass),
                e(id_of(&b[0]), Fail),
                e(id_of(&c[0]), Unknown),
            ],
        ),
        Case::new(
            "config forbidden",
            forbid(
                doc(recs, &[SITES, super::SLOTS, super::SLOT_CONFIG]),
                CONFIG,
            ),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
