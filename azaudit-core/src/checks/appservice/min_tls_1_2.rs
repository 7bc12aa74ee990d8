//! `appservice.min_tls_1_2`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

/// Web apps require TLS 1.2 or later.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "appservice.min_tls_1_2",
        title: "App Service apps require TLS 1.2 or later",
        service: "appservice",
        level: 1,
        severity: Severity::High,
        reads: super::WEB_CONFIG_READS,
        rule: "Per site and deployment slot, from `config/web`: pass iff `minTlsVersion` is 1.2 or 1.3; fail for 1.0 or 1.1; unknown when the config record or the property is absent.",
        rationale: "TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by compliance regimes such as PCI DSS.",
        remediation: Remediation {
            portal: "App Service > Settings > Configuration > General settings > Minimum inbound TLS version: 1.2.",
            cli: "az webapp config set --resource-group <rg> --name <app> --min-tls-version 1.2",
        },
        cis: &["9.4"],
        references: &["https://learn.microsoft.com/azure/app-service/overview-tls"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::each_site_config(cx, CHECK.meta.reads, "web", out, |r, c, out| {
        let v = c.min_tls_version.clone();
        let ok = v.as_deref().map(|v| matches!(v.trim(), "1.2" | "1.3"));
        out.judge(
            r,
            ok,
            [
                "The minimum TLS version is 1.2 or later.",
                "The app accepts TLS versions older than 1.2.",
                "config/web does not report minTlsVersion.",
            ],
            crate::evidence!({"minTlsVersion": v}),
        );
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{CONFIG, SITES, site_with};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let a = site_with("app12", "web", json!({"minTlsVersion": "1.2"}));
    let b = site_with("app10", "web", json!({"minTlsVersion": "1.0"}));
    let c = site_with("appblank", "web", json!({"http20Enabled": true}));
    let d = vec![arm(SITES, "appnoconfig", json!({}))];
    let recs = [a.clone(), b.clone(), c.clone(), d.clone()].concat();
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), super::WEB_CONFIG_READS),
            vec![
                e(id_of(&a[0]), Pass),
                e(id_of(&b[0]), Fail),
                e(id_of(&c[0]), Unknown),
                e(id_of(&d[0]), Unknown),
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
