//! `iam.security_defaults_enabled`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::{Arm, ConditionalAccessPolicy, SecurityDefaults};

use super::{CA_POLICIES, SECURITY_DEFAULTS};

/// Security defaults are on, or conditional access has replaced them.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.security_defaults_enabled",
        title: "Security defaults are enabled, or conditional access enforces their protections",
        service: "iam",
        level: 1,
        severity: Severity::High,
        reads: &[SECURITY_DEFAULTS, CA_POLICIES],
        rule: "Per tenant: pass iff `identitySecurityDefaultsEnforcementPolicy.isEnabled` is true; when it is false, pass iff at least one conditional access policy is `enabled` (Entra refuses security defaults alongside conditional access, and CIS 5.2 then governs: the iam.mfa_* checks judge what those policies require), fail when none is (report-only and disabled policies enforce nothing); unknown when the policy cannot be read, `isEnabled` is absent, or security defaults are off and the conditional access policies were not collected. Severity high: with neither, nobody is required to use MFA and legacy authentication stays open.",
        rationale: "Security defaults require every user to register for and use MFA, block legacy authentication and protect privileged actions; a tenant without them or conditional access in their place has accounts that a single stolen password opens.",
        remediation: Remediation {
            portal: "Entra admin center > Identity > Overview > Properties > Manage security defaults: Enabled, and save (or, with Entra ID P1, put conditional access policies in their place).",
            cli: "az rest --method patch --url https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy --body '{\"isEnabled\":true}'",
        },
        cis: &["2.1.1"],
        references: &["https://learn.microsoft.com/entra/fundamentals/security-defaults"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let Some(d) = cx.tenant_singleton::<SecurityDefaults>(&[SECURITY_DEFAULTS], out) else {
        return Ok(());
    };
    let scope = cx.tenant_scope();
    let subject = || Subject::tenant(&scope);
    let (status, msg, ev) = match d.is_enabled {
        Some(true) => (
            Status::Pass,
            "Security defaults are enabled.".to_string(),
            crate::evidence!({"isEnabled": true}),
        ),
        None => (
            Status::Unknown,
            "The security defaults policy does not report isEnabled.".to_string(),
            serde_json::Value::Null.into(),
        ),
        Some(false) => match cx.first_missing(&scope, &[CA_POLICIES]) {
            Some(reason) => (
                Status::Unknown,
                format!(
                    "Security defaults are off, and whether conditional access replaces them is unknown: {reason}"
                ),
                crate::evidence!({"isEnabled": false}),
            ),
            None => {
                let view = cx.view::<Arm<ConditionalAccessPolicy>>();
                let enforced: Vec<String> = view
                    .iter(cx.snapshot)
                    .filter_map(|(r, p)| {
                        let p = &p.as_ref().ok()?.properties;
                        let on = p.state.as_deref()?.eq_ignore_ascii_case("enabled");
                        on.then(|| {
                            p.display_name
                                .clone()
                                .unwrap_or_else(|| r.name().to_string())
                        })
                    })
                    .collect();
                if enforced.is_empty() {
                    (
                        Status::Fail,
                        "Security defaults are off, and no conditional access policy is enforced in their place.".to_string(),
                        crate::evidence!({"isEnabled": false, "enforcedConditionalAccessPolicies": 0}),
                    )
                } else {
                    (
                        Status::Pass,
                        format!(
                            "Security defaults are off, and {} conditional access policies are enforced in their place (their MFA coverage is judged by the iam.mfa_* checks).",
                            enforced.len()
                        ),
                        crate::evidence!({"isEnabled": false, "enforcedConditionalAccessPolicies": enforced}),
                    )
                }
            }
        },
    };
    out.push(status, subject(), msg, ev);
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // As Graph v1.0 returns it (identitysecuritydefaultsenforcementpolicy-get.md).
    let defaults = |on: serde_json::Value| {
        let mut p = json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity",
            "id": "00000000-0000-0000-0000-000000000005",
            "displayName": "Security Defaults",
            "description": "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks."
        });
        if !on.is_null() {
            p["isEnabled"] = on;
        }
        graph(
            "identitySecurityDefaultsEnforcementPolicy",
            "00000000-0000-0000-0000-000000000005",
            p,
        )
    };
    let ca = |state: &str| {
        graph(
            "conditionalAccessPolicies",
            "3ff9b4a8-2d6e-4b8e-9c1f-6c2b0c4a7d10",
            json!({"displayName": "Require MFA for all users", "state": state,
                   "conditions": {"users": {"includeUsers": ["All"], "excludeUsers": []}, "applications": {"includeApplications": ["All"]}},
                   "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}),
        )
    };
    let both = &[SECURITY_DEFAULTS, CA_POLICIES];
    vec![
        Case::new(
            "enabled",
            doc(vec![defaults(json!(true))], both),
            vec![e(tenant_scope(), Pass)],
        ),
        Case::new(
            "off, no conditional access",
            doc(vec![defaults(json!(false))], both),
            vec![e(tenant_scope(), Fail)],
        ),
        Case::new(
            "off, conditional access report-only",
            doc(
                vec![
                    defaults(json!(false)),
                    ca("enabledForReportingButNotEnforced"),
                ],
                both,
            ),
            vec![e(tenant_scope(), Fail)],
        ),
        Case::new(
            "off, conditional access enforced",
            doc(vec![defaults(json!(false)), ca("enabled")], both),
            vec![e(tenant_scope(), Pass)],
        ),
        Case::new(
            "off, conditional access not collected",
            forbid(
                doc(vec![defaults(json!(false))], &[SECURITY_DEFAULTS]),
                CA_POLICIES,
            ),
            vec![e(tenant_scope(), Unknown)],
        ),
        Case::new(
            "isEnabled absent",
            doc(vec![defaults(serde_json::Value::Null)], both),
            vec![e(tenant_scope(), Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![], &[CA_POLICIES]), SECURITY_DEFAULTS),
            vec![e(tenant_scope(), Unknown)],
        ),
    ]
}
