//! `iam.mfa_privileged_users`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;

/// Privileged users have MFA.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "iam.mfa_privileged_users",
        title: "Privileged users are protected by multi-factor authentication",
        service: "iam",
        level: 1,
        severity: Severity::Critical,
        reads: super::mfa::PRIVILEGED_READS,
        rule: "Privileged = holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator at subscription, management group or root scope (an assignment at resource-group scope does not count; one at a management group listed through a subscription counts), or a privileged directory role (those Microsoft's roles reference labels PRIVILEGED, such as Global Administrator, Privileged Role Administrator, Security Administrator, Global Reader, Application Developer, plus Exchange, SharePoint and Billing Administrator; by template id), whether assigned or PIM-eligible (`roleEligibilityScheduleInstances`, Graph and ARM), directly or through a group (its transitive members). Per enabled privileged user: pass when security defaults are enabled, when an enabled (not report-only) conditional access policy requiring MFA covers them with nothing narrowing it (all apps and no excluded apps, all locations and none excluded, no sign-in, user or insider risk levels, all client app types, all platforms, no device filter, no authentication flows; a narrowed policy is named in the message and is not coverage), or when `isMfaCapable` is true; `isMfaRegistered` without `isMfaCapable` is not protection. A policy includes a user through All users, the user, guests (the legacy `GuestsOrExternalUsers` or `includeGuestsOrExternalUsers`), a directory role or a group, and excludes them the same ways; with OR, a policy that offers another control than MFA does not count. Fail when none holds; unknown when registration details are missing, `isMfaCapable` is absent, a policy targets groups whose memberships were not collected, or the user would fail and security defaults were not collected (an enabled policy shows they are off). Sources that were not collected (PIM eligibility, group memberships) give one unknown finding each, naming what is not judged.",
        rationale: "A privileged account protected by a password alone falls to one phishing e-mail or password spray, and with it the whole subscription or tenant.",
        remediation: Remediation {
            portal: "Entra admin center > Protection > Conditional Access > New policy: include Directory roles (admin roles) and all users with Azure Owner/Contributor, grant 'Require multifactor authentication', state On.",
            cli: "",
        },
        cis: &["2.1.2", "2.2.4"],
        references: &[
            "https://learn.microsoft.com/entra/identity/conditional-access/policy-old-require-mfa-admin",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::mfa::evaluate(cx, out, true);
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use serde_json::json;

    use super::mfa::fixtures::*;
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    use crate::resource_types::ResourceType;
    const GA: &str = "62e90394-69f5-4237-9190-012177145e10";
    const GLOBAL_READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    const DIRECTORY_READERS: &str = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    const OWNER: &str = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    const CONTRIBUTOR: &str = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    let reads = super::mfa::PRIVILEGED_READS;
    let without = |gone: &ResourceType| -> Vec<&str> {
        reads
            .iter()
            .map(|t| t.name)
            .filter(|t| *t != gone.name)
            .collect()
    };
    let u = |id: &str| format!("/tenants/{TENANT}/users/{id}");
    let mg = "/providers/Microsoft.Management/managementGroups/Contoso";
    let base = vec![
        user("ga-mfa", "Member", true),
        reg("ga-mfa", true),
        dir_role("ga-mfa", GA),
        user("ga-nomfa", "Member", true),
        reg("ga-nomfa", false),
        dir_role("ga-nomfa", GA),
        user("owner-nomfa", "Member", true),
        reg("owner-nomfa", false),
        azure_role("owner-nomfa", OWNER, &sub_scope()),
        user("rg-owner", "Member", true),
        reg("rg-owner", false),
        azure_role(
            "rg-owner",
            OWNER,
            &format!("{}/resourceGroups/rg1", sub_scope()),
        ),
        // Directory Readers is not privileged (before, this fixture used Global Reader, which
        // Microsoft labels privileged: see "Global Reader is privileged").
        user("reader", "Member", true),
        reg("reader", false),
        dir_role("reader", DIRECTORY_READERS),
        user("ga-disabled", "Member", false),
        dir_role("ga-disabled", GA),
        user("ga-noreg", "Member", true),
        dir_role("ga-noreg", GA),
    ];
    let with = |extra: Vec<serde_json::Value>| {
        let mut v = base.clone();
        v.extend(extra);
        v
    };
    let usual = || {
        vec![
            e(u("ga-mfa"), Pass),
            e(u("ga-nomfa"), Fail),
            e(u("owner-nomfa"), Fail),
            e(u("ga-noreg"), Unknown),
        ]
    };
    let plus = |extra: Vec<(String, crate::finding::Status)>| {
        let mut v = usual();
        v.extend(extra);
        v
    };
    let mut group_owner = azure_role("owners", OWNER, &sub_scope());
    group_owner["properties"]["principalType"] = json!("Group");
    let gap = |ty: &ResourceType| format!("{}/{ty}", tenant_scope());
    let mut cases = vec![
        Case::new("registration only", doc(base.clone(), reads), usual()),
        // Changed from pass: registered with methods the tenant does not allow.
        Case::new(
            "registered but not MFA-capable",
            doc(
                with(vec![
                    user("ga-sms", "Member", true),
                    reg_detail("ga-sms", true, false),
                    dir_role("ga-sms", GA),
                ]),
                reads,
            ),
            plus(vec![e(u("ga-sms"), Fail)]),
        ),
        Case::new(
            "isMfaCapable not reported",
            doc(
                with(vec![
                    user("ga-old", "Member", true),
                    graph(
                        "userRegistrationDetails",
                        "ga-old",
                        json!({"id": "ga-old", "isMfaRegistered": true}),
                    ),
                    dir_role("ga-old", GA),
                ]),
                reads,
            ),
            plus(vec![e(u("ga-old"), Unknown)]),
        ),
        // New: Global Reader was not counted as privileged (a silent pass).
        Case::new(
            "Global Reader is privileged",
            doc(
                with(vec![
                    user("gr", "Member", true),
                    reg("gr", false),
                    dir_role("gr", GLOBAL_READER),
                ]),
                reads,
            ),
            plus(vec![e(u("gr"), Fail)]),
        ),
        Case::new(
            "CA for admin roles",
            doc(
                with(vec![ca(
                    "admins",
                    "enabled",
                    json!({"includeRoles": [GA], "excludeUsers": ["ga-noreg"]}),
                )]),
                reads,
            ),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Pass),
                e(u("owner-nomfa"), Fail),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "CA for all platforms is not narrowed",
            doc(
                with(vec![ca_with(
                    "all platforms",
                    json!({"includeUsers": ["All"], "excludeUsers": ["ga-noreg"]}),
                    "platforms",
                    json!({"includePlatforms": ["all"], "excludePlatforms": []}),
                )]),
                reads,
            ),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Pass),
                e(u("owner-nomfa"), Pass),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "security defaults",
            doc(with(vec![security_defaults(true)]), reads),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Pass),
                e(u("owner-nomfa"), Pass),
                e(u("ga-noreg"), Pass),
            ],
        ),
        Case::new(
            "security defaults not collected",
            doc(base.clone(), &without(super::SECURITY_DEFAULTS)),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Unknown),
                e(u("owner-nomfa"), Unknown),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "report-only CA does not count",
            doc(
                with(vec![ca(
                    "all",
                    "enabledForReportingButNotEnforced",
                    json!({"includeUsers": ["All"]}),
                )]),
                reads,
            ),
            usual(),
        ),
        Case::new(
            "group-targeted CA, members known",
            doc(
                with(vec![
                    ca("grp", "enabled", json!({"includeGroups": ["g1"]})),
                    member("g1", "ga-nomfa"),
                ]),
                reads,
            ),
            vec![
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Pass),
                e(u("owner-nomfa"), Fail),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "group-targeted CA, members not collected",
            doc(
                with(vec![ca("grp", "enabled", json!({"includeGroups": ["g1"]}))]),
                &without(super::GROUP_MEMBERS),
            ),
            vec![
                e(gap(super::GROUP_MEMBERS), Unknown),
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Unknown),
                e(u("owner-nomfa"), Unknown),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        // New: privileged through a group, PIM or a management group (silent passes before).
        Case::new(
            "Owner through a group",
            doc(
                with(vec![
                    group_owner,
                    user("member", "Member", true),
                    reg("member", false),
                    member("owners", "member"),
                ]),
                reads,
            ),
            plus(vec![e(u("member"), Fail)]),
        ),
        Case::new(
            "PIM-eligible Global Administrator",
            doc(
                with(vec![
                    user("eligible", "Member", true),
                    reg("eligible", false),
                    dir_eligible("eligible", GA),
                ]),
                reads,
            ),
            plus(vec![e(u("eligible"), Fail)]),
        ),
        Case::new(
            "PIM-eligible Owner",
            doc(
                with(vec![
                    user("eligible", "Member", true),
                    reg("eligible", false),
                    azure_eligible("eligible", OWNER, &sub_scope(), "User"),
                ]),
                reads,
            ),
            plus(vec![e(u("eligible"), Fail)]),
        ),
        Case::new(
            "Contributor at a management group",
            doc(
                with(vec![
                    user("mg-contrib", "Member", true),
                    reg("mg-contrib", false),
                    azure_role("mg-contrib", CONTRIBUTOR, mg),
                ]),
                reads,
            ),
            plus(vec![e(u("mg-contrib"), Fail)]),
        ),
        Case::new(
            "PIM eligibility not collected",
            doc(base.clone(), &without(super::DIRECTORY_ELIGIBILITY)),
            plus(vec![e(gap(super::DIRECTORY_ELIGIBILITY), Unknown)]),
        ),
        Case::new(
            "Azure roles forbidden",
            forbid(doc(base.clone(), reads), super::AZURE_ROLE_ASSIGNMENTS),
            vec![
                e(sub_scope(), Unknown),
                e(u("ga-mfa"), Pass),
                e(u("ga-nomfa"), Fail),
                e(u("ga-noreg"), Unknown),
            ],
        ),
        Case::new(
            "registration forbidden",
            forbid(doc(base.clone(), reads), super::REGISTRATION),
            vec![e(tenant_scope(), Unknown)],
        ),
    ];
    // Changed from pass: each of these conditions narrows a policy for All users, which then
    // covers nobody everywhere.
    let narrowing: [(&'static str, &str, serde_json::Value); 6] = [
        (
            "CA narrowed by sign-in risk",
            "signInRiskLevels",
            json!(["high", "medium"]),
        ),
        (
            "CA narrowed by excluded apps",
            "applications",
            json!({"includeApplications": ["All"], "excludeApplications": ["00000002-0000-0ff1-ce00-000000000000"], "includeUserActions": [], "includeAuthenticationContextClassReferences": [], "applicationFilter": null}),
        ),
        (
            "CA narrowed by location",
            "locations",
            json!({"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}),
        ),
        (
            "CA narrowed by client app types",
            "clientAppTypes",
            json!(["browser"]),
        ),
        (
            "CA narrowed by platform",
            "platforms",
            json!({"includePlatforms": ["all"], "excludePlatforms": ["iOS"]}),
        ),
        (
            "CA narrowed by a device filter",
            "devices",
            json!({"deviceFilter": {"mode": "exclude", "rule": "device.isCompliant -eq True"}}),
        ),
    ];
    cases.extend(narrowing.into_iter().map(|(name, condition, value)| {
        let policy = ca_with(
            "narrowed",
            json!({"includeUsers": ["All"]}),
            condition,
            value,
        );
        Case::new(name, doc(with(vec![policy]), reads), usual())
    }));
    cases
}
