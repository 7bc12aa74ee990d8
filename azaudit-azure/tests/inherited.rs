//! What applies to a subscription from above it, and who is privileged through a group: the
//! collector keeps assignments made at a management group (and names the group on the
//! subscription), and reads the members of exactly the groups that roles and policies name.

mod common;

use azaudit_core::{Config, CoverageStatus, Engine, Status};
use azaudit_fake_azure::{Behavior, FakeAzure, Fault, Options, Tenant};
use common::*;
use serde_json::{Value, json};

const SUB: &str = "0d2c4e6a-8b1f-4a3c-9e5d-7f9a1b3c5d07";
const TENANT: &str = "1e3d5f7b-9c2a-4b4d-8f6e-0a2b4c6d8e09";
const GA: &str = "62e90394-69f5-4237-9190-012177145e10";
const OWNER: &str = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const MG: &str = "/providers/Microsoft.Management/managementGroups/Contoso";
const MCSB: &str =
    "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

fn graph(collection: &str, id: &str, properties: Value) -> Value {
    json!({"id": format!("/tenants/{TENANT}/{collection}/{id}"), "type": format!("Microsoft.Graph/{collection}"), "name": id, "properties": properties})
}

fn user(id: &str) -> Value {
    graph(
        "users",
        id,
        json!({"id": id, "userPrincipalName": format!("{id}@contoso.com"), "userType": "Member", "accountEnabled": true}),
    )
}

fn unregistered(id: &str) -> Value {
    graph(
        "userRegistrationDetails",
        id,
        json!({"id": id, "isMfaRegistered": false, "isMfaCapable": false, "userType": "member"}),
    )
}

fn member(group: &str, user: &str) -> Value {
    json!({"id": format!("/tenants/{TENANT}/groups/{group}/transitiveMembers/{user}"), "type": "Microsoft.Graph/groups/transitiveMembers", "name": user,
           "properties": {"@odata.type": "#microsoft.graph.user", "id": user, "userPrincipalName": format!("{user}@contoso.com")}})
}

fn tenant() -> Value {
    let sub = format!("/subscriptions/{SUB}");
    json!({
        "version": 1, "tenantId": TENANT,
        "subscriptions": [{"subscriptionId": SUB, "displayName": "inherited"}],
        "resources": [
            // The initiative, assigned at a management group above the subscription.
            {"id": format!("{MG}/providers/Microsoft.Authorization/policyAssignments/mcsb"), "type": "Microsoft.Authorization/policyAssignments", "name": "mcsb",
             "properties": {"displayName": "MCSB", "policyDefinitionId": MCSB, "scope": MG, "notScopes": [], "parameters": {}, "enforcementMode": "Default"}},
            // Owner held by a group; u-owner is in it.
            {"id": format!("{sub}/providers/Microsoft.Authorization/roleAssignments/ra-group"), "type": "Microsoft.Authorization/roleAssignments", "name": "ra-group",
             "properties": {"roleDefinitionId": format!("{sub}/providers/Microsoft.Authorization/roleDefinitions/{OWNER}"), "principalId": "g-owners", "principalType": "Group", "scope": sub}},
            user("u-owner"), unregistered("u-owner"), member("g-owners", "u-owner"),
            // Global Administrator eligible for a role-assignable group; u-admin is in it.
            graph("roleEligibilityScheduleInstances", "el-1", json!({"id": "el-1", "principalId": "g-admins", "roleDefinitionId": GA, "directoryScopeId": "/", "appScopeId": null, "memberType": "Direct"})),
            user("u-admin"), unregistered("u-admin"), member("g-admins", "u-admin"),
            // A user holding Global Administrator directly: not a group, never expanded.
            graph("roleAssignments", "ra-direct", json!({"id": "ra-direct", "principalId": "u-direct", "roleDefinitionId": GA, "directoryScopeId": "/"})),
            user("u-direct"), unregistered("u-direct"),
            // A group no role or policy names: its members are not read.
            member("g-unrelated", "u-direct"),
        ],
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn management_groups_and_group_members_reach_the_checks() {
    let server = FakeAzure::start(Tenant::from_snapshot(&tenant()), Options::default()).unwrap();
    let mut o = options(
        &server,
        "defender.policy_sql_auditing,iam.mfa_privileged_users",
    );
    o.tenant_id = Some(TENANT.into());
    let (snap, _) = collect(&server, o).await;

    let sub = &snap.subscriptions()[0];
    assert_eq!(
        sub.management_groups.as_deref(),
        Some(&["Contoso".to_string()][..])
    );
    assert!(
        snap.of_type("Microsoft.Authorization/policyAssignments")
            .any(|r| r.id().starts_with(MG)),
        "the inherited assignment is kept at its own id"
    );
    let groups: Vec<String> = server
        .requests()
        .iter()
        .filter(|l| l.target.contains("/groups/"))
        .map(|l| {
            l.target
                .split("/groups/")
                .nth(1)
                .unwrap()
                .split('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(groups.contains(&"g-owners".to_string()), "{groups:?}");
    assert!(groups.contains(&"g-admins".to_string()), "{groups:?}");
    assert!(
        !groups.iter().any(|g| g == "u-direct" || g == "g-unrelated"),
        "{groups:?}"
    );
    assert_eq!(
        snap.of_type("Microsoft.Graph/groups/transitiveMembers")
            .count(),
        2
    );

    let report = Engine::new(Config::default()).run(&snap);
    let status = |check: &str, subject: &str| {
        report
            .findings
            .iter()
            .find(|f| &*f.check_id == check && f.resource_id.ends_with(subject))
            .map(|f| f.status)
    };
    assert_eq!(
        status("defender.policy_sql_auditing", SUB),
        Some(Status::Pass)
    );
    for u in ["u-owner", "u-admin", "u-direct"] {
        assert_eq!(
            status("iam.mfa_privileged_users", u),
            Some(Status::Fail),
            "{u}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tenant_without_entra_id_p2_has_no_eligible_roles_rather_than_a_gap() {
    let server = FakeAzure::start(
        Tenant::from_snapshot(&tenant()),
        Options {
            faults: vec![Fault::new(
                "/v1.0/rolemanagement/directory/roleeligibilityscheduleinstances",
                Behavior::Status(403, "AadPremiumLicenseRequired"),
            )],
            ..Default::default()
        },
    )
    .unwrap();
    let mut o = options(&server, "iam.mfa_privileged_users");
    o.tenant_id = Some(TENANT.into());
    let (snap, _) = collect(&server, o).await;
    let entry = snap
        .coverage()
        .iter()
        .find(|c| c.resource_type == "Microsoft.Graph/roleEligibilityScheduleInstances")
        .expect("covered");
    assert_eq!(entry.status, CoverageStatus::Ok, "{entry:?}");
    assert_eq!(
        snap.of_type("Microsoft.Graph/roleEligibilityScheduleInstances")
            .count(),
        0
    );
}
