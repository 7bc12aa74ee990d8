//! `defender.plan_*`: one Microsoft Defender for Cloud plan on per subscription, driven by a
//! table of plans (the `Microsoft.Security/pricings` entry each names).

use crate::check::family::{Family, Member, text};
use crate::check::{CheckError, CheckMeta, Context, Findings, Remediation, Subject};
use crate::finding::{Severity, Status};
use crate::model::SecurityPricing;
use crate::resource_types::{self, ResourceType};
use crate::snapshot::Record;
#[cfg(test)]
use serde_json::json;

const PRICINGS: &ResourceType = &resource_types::SECURITY_PRICINGS;

/// A plan that Azure retired into another, and the sub-plan of that one that carries its
/// protections (Defender for DNS into Defender for Servers Plan 2).
#[derive(Debug, Clone, Copy)]
pub struct ReplacedBy {
    /// The replacing plan's pricing name.
    pub plan: &'static str,
    /// The sub-plan it must be on.
    pub sub_plan: &'static str,
}

/// The family's row: one Defender plan.
pub struct Plan {
    /// The check id.
    pub id: &'static str,
    /// The plan's `Microsoft.Security/pricings` name.
    pub pricing: &'static str,
    /// What it is called in the portal.
    pub title: &'static str,
    /// What it protects, for the rationale.
    pub protects: &'static str,
    /// A retired plan's replacement, which passes in its place.
    pub replaced_by: Option<ReplacedBy>,
    /// CIS level (the most common across 3.0 to 6.0; each version's is in the framework view).
    pub level: u8,
    /// CIS 3.0 recommendations.
    pub cis: &'static [&'static str],
}

impl Family for Plan {
    fn meta(&self) -> CheckMeta {
        let (plan, title) = (self.pricing, self.title);
        let replacement = match self.replaced_by {
            Some(r) => format!(
                " Retired plan: Azure documents {} {} as its replacement, so that passes too.",
                r.plan, r.sub_plan
            ),
            None => String::new(),
        };
        CheckMeta {
            id: self.id,
            title: text(format!("Microsoft Defender for Cloud: {title} is on")),
            service: "defender",
            level: self.level,
            severity: Severity::Medium,
            reads: &[PRICINGS],
            rule: text(format!(
                "Per subscription, from its `Microsoft.Security/pricings/{plan}` entry: pass iff `pricingTier` is Standard (case-insensitive; the sub-plan is reported, not judged); fail when Free; unknown when the entry is absent from the list (the plan is not offered there) or reports no tier.{replacement} Severity medium: without the plan, Defender raises no threat alerts for these resources, though their configuration is unchanged."
            )),
            rationale: text(format!(
                "{title} detects attacks on {} as they happen (unusual access, known exploit patterns, malware) and raises security alerts; without it, nothing watches those resources for threats.",
                self.protects
            )),
            remediation: Remediation {
                portal: text(format!(
                    "Microsoft Defender for Cloud > Environment settings > the subscription > Defender plans: {title} On, and save."
                )),
                cli: text(format!(
                    "az security pricing create --name {plan} --tier Standard"
                )),
            },
            cis: self.cis,
            references: &[
                "https://learn.microsoft.com/azure/defender-for-cloud/defender-for-cloud-introduction",
            ],
            manual: false,
        }
    }

    fn evaluate(
        &self,
        meta: &CheckMeta,
        _cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        let cx = _cx;
        cx.per_subscription::<SecurityPricing>(meta.reads, out, |sub, items, out| {
            let find = |name: &str| -> Option<&(Record<'_>, &SecurityPricing)> {
                items
                    .iter()
                    .find(|(r, _)| r.name().eq_ignore_ascii_case(name))
            };
            let on = |p: &SecurityPricing| crate::checks::is(&p.pricing_tier, "Standard");
            let Some((rec, p)) = find(self.pricing) else {
                out.push(
                    Status::Unknown,
                    Subject::subscription(sub),
                    format!("The subscription's plans do not list {}.", self.pricing),
                    serde_json::Value::Null,
                );
                return;
            };
            let ev = crate::evidence!({"pricingTier": p.pricing_tier, "subPlan": p.sub_plan, "deprecated": p.deprecated});
            if on(p) {
                out.pass(rec, "The plan is on (Standard).", ev);
                return;
            }
            if let Some(r) = self.replaced_by {
                let replacement = find(r.plan).filter(|(_, q)| {
                    on(q)
                        && q.sub_plan
                            .as_deref()
                            .is_some_and(|s| s.eq_ignore_ascii_case(r.sub_plan))
                });
                if replacement.is_some() {
                    out.pass(
                        rec,
                        format!(
                            "The retired plan is replaced by {} {}, which is on.",
                            r.plan, r.sub_plan
                        ),
                        ev,
                    );
                    return;
                }
            }
            match p.pricing_tier.as_deref() {
                Some(t) if t.eq_ignore_ascii_case("Free") => {
                    out.fail(rec, "The plan is off (Free).", ev);
                }
                _ => out.unknown(
                    rec,
                    "The plan does not report a pricing tier this check knows.",
                    ev,
                ),
            }
        });
        Ok(())
    }

    #[cfg(test)]
    fn cases(&self) -> Vec<crate::checks::testing::Case> {
        cases(self)
    }
}

macro_rules! plans {
    ($($name:ident: $id:literal, $pricing:literal, $title:literal, $protects:literal, $level:literal, [$($cis:literal),*] $(, replaced by $rp:literal $rs:literal)?;)*) => {
        $(
            #[doc = concat!("`", $id, "`: ", $title, " is on.")]
            pub static $name: Member<Plan> = Member::new(Plan {
                id: $id,
                pricing: $pricing,
                title: $title,
                protects: $protects,
                replaced_by: plans!(@replaced $($rp $rs)?),
                level: $level,
                cis: &[$($cis),*],
            });
        )*
    };
    (@replaced) => { None };
    (@replaced $rp:literal $rs:literal) => { Some(ReplacedBy { plan: $rp, sub_plan: $rs }) };
}

plans! {
    CSPM: "defender.plan_cspm", "CloudPosture", "Defender CSPM", "the subscription's attack paths, sensitive data and configuration (attack path analysis, agentless scanning)", 2, [];
    APIS: "defender.plan_apis", "Api", "Defender for APIs", "APIs published through Azure API Management", 2, [];
    SERVERS: "defender.plan_servers", "VirtualMachines", "Defender for Servers", "virtual machines and Arc-enabled servers (with endpoint detection and response)", 2, ["3.1.3.1"];
    CONTAINERS: "defender.plan_containers", "Containers", "Defender for Containers", "Kubernetes clusters, their nodes and the container registries", 2, ["3.1.4.1"];
    STORAGE: "defender.plan_storage", "StorageAccounts", "Defender for Storage", "storage accounts (malware in uploads, unusual data access)", 2, ["3.1.5.1"];
    APP_SERVICE: "defender.plan_app_service", "AppServices", "Defender for App Service", "web apps and function apps", 2, ["3.1.6.1"];
    COSMOS_DB: "defender.plan_cosmos_db", "CosmosDbs", "Defender for Azure Cosmos DB", "Cosmos DB accounts (SQL injection, anomalous access)", 2, ["3.1.7.1"];
    OPEN_SOURCE_DATABASES: "defender.plan_open_source_databases", "OpenSourceRelationalDatabases", "Defender for open-source relational databases", "PostgreSQL, MySQL and MariaDB servers", 2, ["3.1.7.2"];
    SQL: "defender.plan_sql", "SqlServers", "Defender for Azure SQL Databases", "Azure SQL databases and managed instances", 2, ["3.1.7.3"];
    SQL_ON_MACHINES: "defender.plan_sql_on_machines", "SqlServerVirtualMachines", "Defender for SQL servers on machines", "SQL Server running on virtual machines and Arc-enabled servers", 2, ["3.1.7.4"];
    KEY_VAULT: "defender.plan_key_vault", "KeyVaults", "Defender for Key Vault", "key vaults (unusual access to keys and secrets)", 2, ["3.1.8.1"];
    RESOURCE_MANAGER: "defender.plan_resource_manager", "Arm", "Defender for Resource Manager", "management operations on every resource (through ARM)", 2, ["3.1.9.1"];
    DNS: "defender.plan_dns", "Dns", "Defender for DNS", "DNS queries from the subscription's resources", 2, ["3.1.16"], replaced by "VirtualMachines" "P2";
}

#[cfg(test)]
fn cases(plan: &Plan) -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    // ListPricings_example.json (2024-01-01): ids at the subscription, tier and sub-plan,
    // extensions' isEnabled as the strings "True"/"False".
    let pricing = |sub: &str, name: &str, props: serde_json::Value| json!({"id": format!("/subscriptions/{sub}/providers/Microsoft.Security/pricings/{name}"), "name": name, "type": "Microsoft.Security/pricings", "properties": props});
    let on = pricing(
        SUB,
        plan.pricing,
        json!({"pricingTier": "Standard", "subPlan": "P2", "freeTrialRemainingTime": "PT0S", "enablementTime": "2023-03-01T12:42:42.1921106Z", "enforce": "False", "extensions": [{"name": "AgentlessVmScanning", "isEnabled": "True"}]}),
    );
    let off = pricing(
        SUB2,
        plan.pricing,
        json!({"pricingTier": "Free", "freeTrialRemainingTime": "PT0S", "enforce": "False", "resourcesCoverageStatus": "NotCovered"}),
    );
    let two = |mut d: serde_json::Value| {
        d["subscriptions"]
            .as_array_mut()
            .unwrap()
            .push(json!({"subscriptionId": SUB2, "displayName": "two"}));
        d["coverage"].as_array_mut().unwrap().push(json!({"scope": format!("/subscriptions/{SUB2}"), "type": PRICINGS.name, "status": "ok"}));
        d
    };
    let odd = pricing(SUB, plan.pricing, json!({"pricingTier": null}));
    let mut cases = vec![
        Case::new(
            "on and off",
            two(doc(vec![on.clone(), off.clone()], &[PRICINGS])),
            vec![e(id_of(&on), Pass), e(id_of(&off), Fail)],
        ),
        Case::new(
            "not listed, or no tier",
            two(doc(vec![odd.clone()], &[PRICINGS])),
            vec![
                e(id_of(&odd), Unknown),
                e(format!("/subscriptions/{SUB2}"), Unknown),
            ],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![on], NOTHING), PRICINGS),
            vec![e(sub_scope(), Unknown)],
        ),
    ];
    if let Some(r) = plan.replaced_by {
        let retired = pricing(
            SUB,
            plan.pricing,
            json!({"pricingTier": "Free", "deprecated": true, "replacedBy": [r.plan]}),
        );
        let p2 = pricing(
            SUB,
            r.plan,
            json!({"pricingTier": "Standard", "subPlan": r.sub_plan}),
        );
        let retired2 = pricing(
            SUB2,
            plan.pricing,
            json!({"pricingTier": "Free", "deprecated": true, "replacedBy": [r.plan]}),
        );
        let p1 = pricing(
            SUB2,
            r.plan,
            json!({"pricingTier": "Standard", "subPlan": "P1"}),
        );
        cases.push(Case::new(
            "retired, and replaced or not",
            two(doc(
                vec![retired.clone(), p2, retired2.clone(), p1],
                &[PRICINGS],
            )),
            vec![e(id_of(&retired), Pass), e(id_of(&retired2), Fail)],
        ));
    }
    cases
}
