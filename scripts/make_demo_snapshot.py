#!/usr/bin/env python3
"""Generate examples/data/demo-tenant.json: a fictional tenant (Fabrikam Outdoor) for the demo.

Deterministic: running it twice gives the same file. Three subscriptions:
  prod     - mostly well configured, with some realistic slips;
  dev      - the usual shortcuts (open RDP, public blobs, no alerts);
  sandbox  - collected with a Reader role missing on some providers: its SQL data is forbidden
             and App Service listing failed, so those checks are unknown there.
Every check yields at least one pass and one fail where its rule allows (tenant-wide checks
have one finding per tenant), and the coverage gaps yield unknowns.

Usage: python3 scripts/make_demo_snapshot.py [output path]
"""

import json
import os
import sys

TENANT = "6f1c3a52-9b7e-4d4f-8a21-0c5d2e7b9f10"
PROD = "3b7e4c1a-52d9-4e8f-9a6b-1f2c3d4e5a01"
DEV = "8d2f6b9e-07c1-4a3d-b5e8-2a4c6e8f0b02"
SANDBOX = "c41e9a7d-3f6b-4e2c-8d1a-5b7c9e1f3d03"
NOW = "2026-11-28T10:00:00Z"
NOW_UNIX = 1795860000
DAY = 86400

resources = []
coverage = []


def add(rec):
    resources.append(rec)
    return rec


def rid(sub, rg, ty, name):
    ns, t = ty.split("/", 1)
    return f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{t}/{name}"


def arm(sub, rg, ty, name, props, location="westeurope", tags=None, **extra):
    rec = {"id": rid(sub, rg, ty, name), "type": ty, "name": name, "location": location,
           "tags": tags or {}, "properties": props}
    rec.update(extra)
    return add(rec)


def child(parent, segment, name, props, **extra):
    rec = {"id": f"{parent['id']}/{segment}/{name}", "type": f"{parent['type']}/{segment}",
           "name": name, "properties": props}
    rec.update(extra)
    return add(rec)


def sub_child(sub, ty, name, props, id_prefix=None):
    ns, t = ty.split("/", 1)
    prefix = id_prefix if id_prefix is not None else f"/subscriptions/{sub}"
    return add({"id": f"{prefix}/providers/{ns}/{t}/{name}", "type": ty, "name": name, "properties": props})


def graph(collection, oid, props):
    return add({"id": f"/tenants/{TENANT}/{collection}/{oid}", "type": f"Microsoft.Graph/{collection}",
                "name": oid, "properties": props})


def diag(target_id, name, props):
    return add({"id": f"{target_id}/providers/Microsoft.Insights/diagnosticSettings/{name}",
                "type": "Microsoft.Insights/diagnosticSettings", "name": name, "properties": props})


def cover(scope, ty, status="ok", message=None):
    e = {"scope": scope, "type": ty, "status": status}
    if message:
        e["message"] = message
    coverage.append(e)


# ---------------------------------------------------------------- Entra ID (tenant)
GA = "62e90394-69f5-4237-9190-012177145e10"
SEC_ADMIN = "194ae4cb-b126-40b2-bd5b-6091b380977d"
GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"

people = [
    # object id, upn, name, type, enabled, mfa registered (None: no registration record)
    ("a1000000-0000-4000-8000-000000000001", "amara.okafor@fabrikamoutdoor.com", "Amara Okafor", "Member", True, True),
    ("a1000000-0000-4000-8000-000000000002", "bjorn.lindqvist@fabrikamoutdoor.com", "Björn Lindqvist", "Member", True, False),
    ("a1000000-0000-4000-8000-000000000003", "chen.wei@fabrikamoutdoor.com", "Chen Wei", "Member", True, True),
    ("a1000000-0000-4000-8000-000000000004", "dana.morales@fabrikamoutdoor.com", "Dana Morales", "Member", True, False),
    ("a1000000-0000-4000-8000-000000000005", "emeka.adeyemi@fabrikamoutdoor.com", "Emeka Adeyemi", "Member", True, True),
    ("a1000000-0000-4000-8000-000000000006", "farah.haddad@fabrikamoutdoor.com", "Farah Haddad", "Member", True, None),
    ("a1000000-0000-4000-8000-000000000007", "gus.tanaka@fabrikamoutdoor.com", "Gus Tanaka", "Member", False, None),
    ("a1000000-0000-4000-8000-000000000008", "breakglass01@fabrikamoutdoor.onmicrosoft.com", "Break Glass 01", "Member", True, False),
    ("a1000000-0000-4000-8000-000000000009", "ines.ferreira@fabrikamoutdoor.com", "Inês Ferreira", "Member", True, True),
    ("b2000000-0000-4000-8000-000000000001", "kim_contoso-partners.com#EXT#@fabrikamoutdoor.onmicrosoft.com", "Kim (Contoso Partners)", "Guest", True, None),
    ("b2000000-0000-4000-8000-000000000002", "lee_gmail.com#EXT#@fabrikamoutdoor.onmicrosoft.com", "Lee", "Guest", True, None),
    ("b2000000-0000-4000-8000-000000000003", "max_oldvendor.example#EXT#@fabrikamoutdoor.onmicrosoft.com", "Max (Old Vendor)", "Guest", False, None),
]
for oid, upn, name, ty, enabled, mfa in people:
    mail = upn.split("#EXT#")[0].replace("_", "@", 1) if ty == "Guest" else upn
    graph("users", oid, {"id": oid, "userPrincipalName": upn, "displayName": name, "userType": ty,
                         "accountEnabled": enabled, "mail": mail})
    if mfa is not None:
        graph("userRegistrationDetails", oid, {"id": oid, "userPrincipalName": upn, "userType": ty.lower(),
                                               "isAdmin": False, "isMfaRegistered": mfa, "isMfaCapable": mfa,
                                               "methodsRegistered": ["microsoftAuthenticatorPush"] if mfa else []})

for n, (user, role) in enumerate([
    ("a1000000-0000-4000-8000-000000000001", GA),          # Amara: GA, MFA registered
    ("a1000000-0000-4000-8000-000000000008", GA),          # break-glass GA, excluded from CA, no MFA
    ("a1000000-0000-4000-8000-000000000003", SEC_ADMIN),   # Chen: security admin, MFA
    ("a1000000-0000-4000-8000-000000000009", GLOBAL_READER),  # Inês: reader role, not privileged
]):
    graph("roleAssignments", f"dra-{n}", {"principalId": user, "roleDefinitionId": role, "directoryScopeId": "/"})

graph("conditionalAccessPolicies", "ca-admins-mfa", {
    "displayName": "Require MFA for administrators", "state": "enabled",
    "conditions": {"users": {"includeUsers": [], "excludeUsers": ["a1000000-0000-4000-8000-000000000008"],
                             "includeRoles": [GA, SEC_ADMIN], "excludeRoles": [], "includeGroups": [], "excludeGroups": []},
                   "applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"]},
    "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}})
graph("conditionalAccessPolicies", "ca-all-users-report-only", {
    "displayName": "MFA for all users (pilot)", "state": "enabledForReportingButNotEnforced",
    "conditions": {"users": {"includeUsers": ["All"], "excludeUsers": []},
                   "applications": {"includeApplications": ["All"]}},
    "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}})
graph("authorizationPolicy", "authorizationPolicy", {
    "displayName": "Authorization Policy", "allowInvitesFrom": "everyone", "allowedToUseSSPR": True,
    "guestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3",
    "defaultUserRolePermissions": {"allowedToCreateApps": True, "allowedToCreateSecurityGroups": False,
                                   "allowedToCreateTenants": False, "allowedToReadOtherUsers": True}})
graph("groupSettings", "f0b2d6f5-097d-4177-91af-a24e530b53cc", {
    "displayName": "Group.Unified", "templateId": "62375ab9-6b52-47ed-826b-58e47e0e304b",
    "values": [{"name": "EnableGroupCreation", "value": "true"}, {"name": "AllowToAddGuests", "value": "true"}]})
add({"id": f"/tenants/{TENANT}/settings/azaudit", "type": "Azaudit/tenantSettings", "name": "azaudit",
     "properties": {"mfaRememberDevice": True, "ssprNotifyUsersOnReset": True, "restrictNonAdminPortalAccess": True}})
# Security defaults are off (conditional access is in use), as Graph returns the policy.
graph("identitySecurityDefaultsEnforcementPolicy", "00000000-0000-0000-0000-000000000005", {
    "id": "00000000-0000-0000-0000-000000000005", "displayName": "Security Defaults",
    "description": "Security defaults is a set of basic identity security mechanisms recommended by Microsoft.",
    "isEnabled": False})
# PIM: Farah may activate Privileged Role Administrator (she has no registration record).
PRIV_ROLE_ADMIN = "e8611ab8-c189-46e8-94e1-60213ab1f814"
graph("roleEligibilityScheduleInstances", "el-farah-pra", {
    "id": "el-farah-pra", "principalId": "a1000000-0000-4000-8000-000000000006", "roleDefinitionId": PRIV_ROLE_ADMIN,
    "directoryScopeId": "/", "appScopeId": None, "startDateTime": "2026-06-01T08:00:00Z", "endDateTime": None,
    "memberType": "Direct", "roleEligibilityScheduleId": "el-farah-pra"})
# The Platform Admins group holds Contributor on prod (below); Emeka and Björn are in it.
PLATFORM_ADMINS = "c3000000-0000-4000-8000-000000000001"
for oid, upn in [("a1000000-0000-4000-8000-000000000002", "bjorn.lindqvist@fabrikamoutdoor.com"),
                 ("a1000000-0000-4000-8000-000000000005", "emeka.adeyemi@fabrikamoutdoor.com")]:
    add({"id": f"/tenants/{TENANT}/groups/{PLATFORM_ADMINS}/transitiveMembers/{oid}",
         "type": "Microsoft.Graph/groups/transitiveMembers", "name": oid,
         "properties": {"@odata.type": "#microsoft.graph.user", "id": oid, "userPrincipalName": upn}})
for t in ["users", "roleAssignments", "roleDefinitions", "userRegistrationDetails", "conditionalAccessPolicies",
          "authorizationPolicy", "groupSettings", "identitySecurityDefaultsEnforcementPolicy",
          "roleEligibilityScheduleInstances", "groups/transitiveMembers"]:
    cover(f"/tenants/{TENANT}", f"Microsoft.Graph/{t}")

# ---------------------------------------------------------------- per subscription
ARM_TYPES = [
    "Microsoft.Authorization/roleDefinitions", "Microsoft.Authorization/roleAssignments",
    "Microsoft.Authorization/roleEligibilityScheduleInstances", "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/blobServices/containers",
    "Microsoft.Insights/diagnosticSettings",
    "Microsoft.Storage/storageAccounts/providers/Microsoft.Insights/diagnosticSettings",
    "Microsoft.Sql/servers", "Microsoft.Sql/servers/auditingSettings",
    "Microsoft.Sql/servers/securityAlertPolicies", "Microsoft.Sql/servers/databases",
    "Microsoft.Sql/servers/databases/transparentDataEncryption", "Microsoft.Sql/servers/firewallRules",
    "Microsoft.DBforPostgreSQL/flexibleServers", "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
    "Microsoft.DBforMySQL/flexibleServers", "Microsoft.DBforMySQL/flexibleServers/configurations",
    "Microsoft.Network/networkSecurityGroups", "Microsoft.Network/networkWatchers",
    "Microsoft.Insights/logProfiles", "Microsoft.OperationalInsights/workspaces",
    "Microsoft.Insights/activityLogAlerts", "Microsoft.Compute/virtualMachines", "Microsoft.Compute/disks",
    "Microsoft.Compute/virtualMachines/extensions", "Microsoft.Security/secureScores",
    "Microsoft.Security/autoProvisioningSettings", "Microsoft.Authorization/policyAssignments",
    "Microsoft.Security/securityContacts", "Microsoft.KeyVault/vaults", "Microsoft.KeyVault/vaults/keys",
    "Microsoft.KeyVault/vaults/secrets", "Microsoft.Authorization/locks", "Microsoft.Web/sites",
    "Microsoft.Web/sites/config",
    # CIS 3.0 sections 5, 8 and 9
    "Microsoft.Sql/servers/encryptionProtector", "Microsoft.Sql/servers/administrators",
    "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", "Microsoft.DBforPostgreSQL/servers",
    "Microsoft.DocumentDB/databaseAccounts", "Microsoft.Network/bastionHosts",
    "Microsoft.Web/sites/basicPublishingCredentialsPolicies", "Microsoft.Web/sites/slots",
    "Microsoft.Web/sites/slots/config", "Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies",
    "Microsoft.Security/pricings",
]
SANDBOX_GAPS = {
    "Microsoft.Sql/servers": ("forbidden", "403 AuthorizationFailed: The client 'azaudit-reader' does not have authorization to perform action 'Microsoft.Sql/servers/read' over scope '/subscriptions/" + SANDBOX + "'."),
    "Microsoft.Sql/servers/auditingSettings": ("forbidden", "403 AuthorizationFailed"),
    "Microsoft.Sql/servers/securityAlertPolicies": ("forbidden", "403 AuthorizationFailed"),
    "Microsoft.Sql/servers/databases": ("forbidden", "403 AuthorizationFailed"),
    "Microsoft.Sql/servers/databases/transparentDataEncryption": ("forbidden", "403 AuthorizationFailed"),
    "Microsoft.Sql/servers/firewallRules": ("forbidden", "403 AuthorizationFailed"),
    "Microsoft.Web/sites": ("error", "500 InternalServerError: retries exhausted after 4 attempts"),
    "Microsoft.Web/sites/config": ("notCollected", "not collected because listing Microsoft.Web/sites failed"),
    "Microsoft.Sql/servers/encryptionProtector": ("forbidden", "403 AuthorizationFailed"),
    "Microsoft.Sql/servers/administrators": ("forbidden", "403 AuthorizationFailed"),
    "Microsoft.Web/sites/basicPublishingCredentialsPolicies": ("notCollected", "not collected because listing Microsoft.Web/sites failed"),
    "Microsoft.Web/sites/slots": ("notCollected", "not collected because listing Microsoft.Web/sites failed"),
    "Microsoft.Web/sites/slots/config": ("notCollected", "not collected because listing Microsoft.Web/sites failed"),
    "Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies": ("notCollected", "not collected because listing Microsoft.Web/sites failed"),
    "Microsoft.DocumentDB/databaseAccounts": ("forbidden", "403 AuthorizationFailed: The client 'azaudit-reader' does not have authorization to perform action 'Microsoft.DocumentDB/databaseAccounts/read' over scope '/subscriptions/" + SANDBOX + "'."),
    "Microsoft.Network/bastionHosts": ("error", "503 ServiceUnavailable: retries exhausted after 4 attempts"),
    "Microsoft.Security/pricings": ("forbidden", "403 AuthorizationFailed: The client 'azaudit-reader' does not have authorization to perform action 'Microsoft.Security/pricings/read' over scope '/subscriptions/" + SANDBOX + "'."),
    "Microsoft.Security/secureScores": ("error", "malformed response body: expected value at line 1 column 1"),
}
for sub in (PROD, DEV, SANDBOX):
    for t in ARM_TYPES:
        status, msg = SANDBOX_GAPS.get(t, ("ok", None)) if sub == SANDBOX else ("ok", None)
        cover(f"/subscriptions/{sub}", t, status, msg)

# RBAC
def role_def(sub, guid, name, actions, scopes):
    sub_child(sub, "Microsoft.Authorization/roleDefinitions", guid, {
        "roleName": name, "type": "CustomRole", "description": name,
        "permissions": [{"actions": actions, "notActions": [], "dataActions": [], "notDataActions": []}],
        "assignableScopes": scopes})

role_def(PROD, "c0ffee00-0000-4000-8000-000000000001", "Platform Super Admin", ["*"], [f"/subscriptions/{PROD}"])
role_def(PROD, "c0ffee00-0000-4000-8000-000000000002", "VM Operator",
         ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/restart/action"],
         [f"/subscriptions/{PROD}"])
role_def(DEV, "c0ffee00-0000-4000-8000-000000000003", "Dev RG Owner", ["*"], [f"/subscriptions/{DEV}/resourceGroups/rg-dev-apps"])
role_def(SANDBOX, "c0ffee00-0000-4000-8000-000000000004", "Sandbox Reader Plus", ["*/read"], [f"/subscriptions/{SANDBOX}"])

def role_assignment(sub, name, role, principal, scope, ptype="User"):
    sub_child(sub, "Microsoft.Authorization/roleAssignments", name, {
        "roleDefinitionId": f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{role}",
        "principalId": principal, "principalType": ptype, "scope": scope}, id_prefix=scope)

role_assignment(PROD, "ra-prod-owner-amara", OWNER, "a1000000-0000-4000-8000-000000000001", f"/subscriptions/{PROD}")
role_assignment(PROD, "ra-prod-contrib-bjorn", CONTRIBUTOR, "a1000000-0000-4000-8000-000000000002", f"/subscriptions/{PROD}")
role_assignment(PROD, "ra-prod-reader-dana", READER, "a1000000-0000-4000-8000-000000000004", f"/subscriptions/{PROD}")
role_assignment(PROD, "ra-prod-contrib-platform-admins", CONTRIBUTOR, PLATFORM_ADMINS, f"/subscriptions/{PROD}", "Group")
# Dana may activate User Access Administrator on dev through PIM.
sub_child(DEV, "Microsoft.Authorization/roleEligibilityScheduleInstances", "el-dev-uaa-dana", {
    "roleEligibilityScheduleId": f"/subscriptions/{DEV}/providers/Microsoft.Authorization/roleEligibilitySchedules/s-dana",
    "scope": f"/subscriptions/{DEV}",
    "roleDefinitionId": f"/subscriptions/{DEV}/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "principalId": "a1000000-0000-4000-8000-000000000004", "principalType": "User", "status": "Provisioned",
    "startDateTime": "2026-06-01T08:00:00Z", "endDateTime": None, "memberType": "Direct",
    "createdOn": "2026-06-01T08:00:00Z", "condition": None, "conditionVersion": None})
role_assignment(DEV, "ra-dev-owner-dana", OWNER, "a1000000-0000-4000-8000-000000000004", f"/subscriptions/{DEV}/resourceGroups/rg-dev-apps")
role_assignment(DEV, "ra-dev-owner-farah", OWNER, "a1000000-0000-4000-8000-000000000006", f"/subscriptions/{DEV}")
# Cloud Ops owns every subscription from the root management group (prod and dev have a second
# owner; sandbox has no other), and Amara's elevated access at the root was never removed.
add({"id": "/providers/Microsoft.Management/managementGroups/fabrikam-root/providers/Microsoft.Authorization/roleAssignments/ra-mg-owner-cloudops",
     "type": "Microsoft.Authorization/roleAssignments", "name": "ra-mg-owner-cloudops",
     "properties": {"roleDefinitionId": f"/providers/Microsoft.Authorization/roleDefinitions/{OWNER}",
                    "principalId": "c3000000-0000-4000-8000-000000000002", "principalType": "Group",
                    "scope": "/providers/Microsoft.Management/managementGroups/fabrikam-root"}})
add({"id": "/providers/Microsoft.Authorization/roleAssignments/ra-root-uaa-amara",
     "type": "Microsoft.Authorization/roleAssignments", "name": "ra-root-uaa-amara",
     "properties": {"roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
                    "principalId": "a1000000-0000-4000-8000-000000000001", "principalType": "User", "scope": "/"}})
role_assignment(SANDBOX, "ra-sbx-contrib-spn", CONTRIBUTOR, "d9000000-0000-4000-8000-000000000001", f"/subscriptions/{SANDBOX}", "ServicePrincipal")

# Storage
def storage(sub, rg, name, props, location="westeurope", tags=None):
    base = {"supportsHttpsTrafficOnly": True, "allowBlobPublicAccess": False, "minimumTlsVersion": "TLS1_2",
            "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices", "ipRules": [], "virtualNetworkRules": []},
            "publicNetworkAccess": "Enabled", "keyCreationTime": {"key1": "2026-10-02T08:00:00Z", "key2": "2026-10-02T08:00:00Z"},
            "encryption": {"keySource": "Microsoft.Storage"}, "provisioningState": "Succeeded"}
    base.update(props)
    st = arm(sub, rg, "Microsoft.Storage/storageAccounts", name, base, location, tags, kind="StorageV2",
             sku={"name": "Standard_ZRS", "tier": "Standard"})
    return st

def container(st, name, access):
    svc = f"{st['id']}/blobServices/default"
    return add({"id": f"{svc}/containers/{name}", "type": "Microsoft.Storage/storageAccounts/blobServices/containers",
                "name": name, "properties": {"publicAccess": access, "hasImmutabilityPolicy": False, "hasLegalHold": False}})

def storage_logs(st, services, cats=("StorageRead", "StorageWrite", "StorageDelete"), ws=None):
    for svc in services:
        diag(f"{st['id']}/{svc}/default", "to-law", {
            "workspaceId": ws, "logs": [{"category": c, "enabled": True} for c in cats], "metrics": []})

LAW_PROD = rid(PROD, "rg-monitoring", "Microsoft.OperationalInsights/workspaces", "law-fabrikam-prod")
arm(PROD, "rg-monitoring", "Microsoft.OperationalInsights/workspaces", "law-fabrikam-prod",
    {"retentionInDays": 730, "sku": {"name": "PerGB2018"}})
arm(DEV, "rg-dev-monitoring", "Microsoft.OperationalInsights/workspaces", "law-fabrikam-dev",
    {"retentionInDays": 30, "sku": {"name": "PerGB2018"}})

st_prod_data = storage(PROD, "rg-prod-data", "stfabprodorders", {"publicNetworkAccess": "Disabled",
                       "keyPolicy": {"keyExpirationPeriodInDays": 90}}, tags={"criticality": "high", "owner": "orders"})
container(st_prod_data, "orders", "None")
container(st_prod_data, "invoices", "None")
storage_logs(st_prod_data, ["blobServices", "queueServices", "tableServices"], ws=LAW_PROD)
st_prod_logs = storage(PROD, "rg-monitoring", "stfabprodactivitylog", {})
container(st_prod_logs, "insights-activity-logs", "None")
storage_logs(st_prod_logs, ["blobServices"], ws=LAW_PROD)
diag(f"{st_prod_logs['id']}/queueServices/default", "to-law", {"workspaceId": LAW_PROD, "logs": [{"categoryGroup": "allLogs", "enabled": True}]})
st_prod_web = storage(PROD, "rg-prod-web", "stfabprodcdn", {"allowBlobPublicAccess": True,
                      "networkAcls": {"defaultAction": "Allow"}, "keyCreationTime": {"key1": "2024-03-01T08:00:00Z", "key2": "2026-09-01T08:00:00Z"}})
container(st_prod_web, "product-images", "Blob")
container(st_prod_web, "build-artifacts", "None")
storage_logs(st_prod_web, ["blobServices"], cats=("StorageWrite", "StorageDelete"), ws=LAW_PROD)
st_dev = storage(DEV, "rg-dev-apps", "stfabdevscratch", {"supportsHttpsTrafficOnly": False, "networkAcls": {"defaultAction": "Allow"},
                 "keyCreationTime": {"key1": "2025-01-10T08:00:00Z", "key2": "2025-01-10T08:00:00Z"}}, location="northeurope")
del st_dev["properties"]["allowBlobPublicAccess"]  # an account from before the default changed
container(st_dev, "shared", "Container")
container(st_dev, "tmp", "None")
st_dev_logs = storage(DEV, "rg-dev-monitoring", "stfabdevactivitylog", {"allowBlobPublicAccess": True,
                      "keyCreationTime": {"key1": None, "key2": None}}, location="northeurope")
container(st_dev_logs, "insights-activity-logs", "Container")
st_sbx = storage(SANDBOX, "rg-sandbox", "stfabsandbox01", {"networkAcls": {"defaultAction": "Allow"}, "publicNetworkAccess": "Enabled"}, location="eastus")
container(st_sbx, "experiments", "None")
storage_logs(st_sbx, ["blobServices", "queueServices", "tableServices"], ws=None, cats=("StorageRead",))

# SQL
def sql_server(sub, rg, name, tls, audit, alert, rules, dbs, location="westeurope", tags=None, cmk=False, admin=None, public="Enabled"):
    s = arm(sub, rg, "Microsoft.Sql/servers", name, {"administratorLogin": "sqladmin", "version": "12.0",
            "state": "Ready", "fullyQualifiedDomainName": f"{name}.database.windows.net",
            "publicNetworkAccess": public, **({"minimalTlsVersion": tls} if tls else {})}, location, tags, kind="v12.0")
    if audit is not None:
        child(s, "auditingSettings", "default", audit)
    if alert is not None:
        child(s, "securityAlertPolicies", "Default", alert)
    for rn, (a, b) in rules.items():
        child(s, "firewallRules", rn, {"startIpAddress": a, "endIpAddress": b})
    # EncryptionProtectorList.json / AdministratorList.json (2023-08-01)
    if cmk:
        child(s, "encryptionProtector", "current", {"serverKeyName": "kv-fab-prod_orders-cmk_6f2b1c0e8d9a4b7c9e1f2a3b4c5d6e7f",
              "serverKeyType": "AzureKeyVault", "uri": "https://kv-fab-prod.vault.azure.net/keys/orders-cmk/6f2b1c0e8d9a4b7c9e1f2a3b4c5d6e7f",
              "thumbprint": "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678", "autoRotationEnabled": True}, kind="azurekeyvault", location=location)
    else:
        child(s, "encryptionProtector", "current", {"serverKeyName": "ServiceManaged", "serverKeyType": "ServiceManaged",
              "autoRotationEnabled": False}, kind="servicemanaged", location=location)
    if admin:
        child(s, "administrators", "ActiveDirectory", {"administratorType": "ActiveDirectory", "login": admin,
              "sid": "3c1f8a52-7d4e-4b9a-a1c6-0e2f5d8b9a71", "tenantId": TENANT, "azureADOnlyAuthentication": False})
    child(s, "databases", "master", {"status": "Online", "collation": "SQL_Latin1_General_CP1_CI_AS"})
    for dn, tde in dbs.items():
        db = child(s, "databases", dn, {"status": "Online", "collation": "SQL_Latin1_General_CP1_CI_AS"}, location=location)
        if tde is not None:
            child(db, "transparentDataEncryption", "current", {"state": tde})
    return s

sql_server(PROD, "rg-prod-data", "sql-fab-orders", "1.2",
           {"state": "Enabled", "isAzureMonitorTargetEnabled": True, "retentionDays": 0, "auditActionsAndGroups": ["SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP"]},
           {"state": "Enabled", "disabledAlerts": [""], "emailAccountAdmins": True, "emailAddresses": ["secops@fabrikamoutdoor.com;dba@fabrikamoutdoor.com"], "retentionDays": 30},
           {"office-vpn": ("203.0.113.0", "203.0.113.31")}, {"orders": "Enabled", "loyalty": "Enabled"}, tags={"criticality": "high"},
           cmk=True, admin="sg-sql-admins", public="Disabled")
sql_server(PROD, "rg-prod-data", "sql-fab-reporting", "1.0",
           {"state": "Enabled", "storageEndpoint": "https://stfabprodactivitylog.blob.core.windows.net/", "retentionDays": 30},
           {"state": "Enabled", "disabledAlerts": ["Data_Exfiltration"], "emailAccountAdmins": False, "emailAddresses": [""]},
           {"AllowAllWindowsAzureIps": ("0.0.0.0", "0.0.0.0")}, {"reporting": "Enabled"})
sql_server(DEV, "rg-dev-apps", "sql-fab-dev", None,
           {"state": "Disabled"}, {"state": "Disabled", "emailAccountAdmins": False},
           {"anyone": ("0.0.0.0", "255.255.255.255")}, {"devdb": "Disabled", "scratch": None}, location="northeurope",
           admin="dev-lead@fabrikamoutdoor.com")

def flex(sub, rg, kind, name, params, location="westeurope", rules=None, public="Enabled"):
    ty = f"Microsoft.DBfor{kind}/flexibleServers"
    s = arm(sub, rg, ty, name, {"version": "16" if kind == "PostgreSQL" else "8.0.21", "state": "Ready",
            "network": {"publicNetworkAccess": public}}, location,
            sku={"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"})
    # PostgreSqlFlexibleConfiguration_Get.json: the value is a string; MySQL's isReadOnly is a string too
    for k, v in params.items():
        child(s, "configurations", k, {"value": v, "source": "user-override", "dataType": "Enumeration"})
    # FirewallRuleListByServer.json (2024-08-01)
    for rn, (a, b) in (rules or {}).items():
        child(s, "firewallRules", rn, {"startIpAddress": a, "endIpAddress": b})
    return s

PG_GOOD = {"log_checkpoints": "on", "connection_throttle.enable": "on", "logfiles.retention_days": "7",
           "log_connections": "on", "log_disconnections": "on"}
flex(PROD, "rg-prod-data", "PostgreSQL", "psql-fab-catalog", {"require_secure_transport": "on", "ssl_min_protocol_version": "TLSv1.2", **PG_GOOD},
     rules={"office-vpn": ("203.0.113.0", "203.0.113.31")})
flex(DEV, "rg-dev-apps", "PostgreSQL", "psql-fab-dev", {"require_secure_transport": "off", "log_checkpoints": "off",
     "connection_throttle.enable": "off", "logfiles.retention_days": "3", "log_connections": "off", "log_disconnections": "off"},
     "northeurope", rules={"AllowAllAzureServicesAndResourcesWithinAzureIps_2026-9-14_10-2-51": ("0.0.0.0", "0.0.0.0")})
# A PostgreSQL 17 server: connection_throttle.enable answers 404 there, so that check is unknown.
flex(SANDBOX, "rg-sandbox", "PostgreSQL", "psql-fab-sandbox", {"require_secure_transport": "on", "ssl_min_protocol_version": "TLSv1.3",
     "log_checkpoints": "on", "logfiles.retention_days": "", "log_connections": "on", "log_disconnections": "on"}, "eastus", public="Disabled")
flex(PROD, "rg-prod-data", "MySQL", "mysql-fab-wordpress", {"require_secure_transport": "ON", "tls_version": "TLSv1.1,TLSv1.2",
     "audit_log_enabled": "OFF", "audit_log_events": "ADMIN,DDL"})
flex(SANDBOX, "rg-sandbox", "MySQL", "mysql-fab-sandbox", {"require_secure_transport": "ON", "tls_version": "TLSv1.2,TLSv1.3",
     "audit_log_enabled": "ON", "audit_log_events": "CONNECTION, ADMIN"}, "eastus")
flex(DEV, "rg-dev-apps", "MySQL", "mysql-fab-dev", {"require_secure_transport": "ON", "tls_version": "TLSv1.2",
     "audit_log_enabled": "ON"}, "northeurope")

# Legacy PostgreSQL single servers (ServerListBySubscription.json, 2017-12-01), awaiting migration
for sub, name, infra in ((PROD, "pgs-fab-ledger", "Enabled"), (DEV, "pgs-fab-legacy", "Disabled")):
    arm(sub, "rg-prod-data" if sub == PROD else "rg-dev-apps", "Microsoft.DBforPostgreSQL/servers", name,
        {"administratorLogin": "cloudsa", "storageProfile": {"backupRetentionDays": 7, "geoRedundantBackup": "Disabled", "storageMB": 128000},
         "version": "11", "sslEnforcement": "Enabled", "minimalTlsVersion": "TLS1_2", "userVisibleState": "Ready",
         "fullyQualifiedDomainName": f"{name}.postgres.database.azure.com", "infrastructureEncryption": infra,
         "publicNetworkAccess": "Enabled"}, sku={"name": "GP_Gen5_2", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2})

# Cosmos DB (CosmosDBDatabaseAccountList.json / ...CreateMax.json, 2024-11-15)
def cosmos(sub, rg, name, network, location="westeurope", kind="GlobalDocumentDB"):
    p = {"provisioningState": "Succeeded", "documentEndpoint": f"https://{name}.documents.azure.com:443/",
         "databaseAccountOfferType": "Standard", "ipRules": [], "networkAclBypass": "None", "networkAclBypassResourceIds": [],
         "minimalTlsVersion": "Tls12", "disableLocalAuth": False, **network}
    return arm(sub, rg, "Microsoft.DocumentDB/databaseAccounts", name, p, location, kind=kind)

cosmos(PROD, "rg-prod-data", "cosmos-fab-catalog", {"publicNetworkAccess": "Enabled", "isVirtualNetworkFilterEnabled": True, "disableLocalAuth": True,
       "virtualNetworkRules": [{"id": f"/subscriptions/{PROD}/resourceGroups/rg-prod-net/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/snet-app", "ignoreMissingVNetServiceEndpoint": False}],
       "privateEndpointConnections": [{"id": f"/subscriptions/{PROD}/resourceGroups/rg-prod-data/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-fab-catalog/privateEndpointConnections/pe-cosmos-catalog",
                                       "properties": {"privateEndpoint": {"id": f"/subscriptions/{PROD}/resourceGroups/rg-prod-net/providers/Microsoft.Network/privateEndpoints/pe-cosmos-catalog"},
                                                      "privateLinkServiceConnectionState": {"status": "Approved", "actionsRequired": "None"}}}]})
cosmos(DEV, "rg-dev-apps", "cosmos-fab-dev", {"isVirtualNetworkFilterEnabled": False}, "northeurope")
# A MongoDB account: its API has no general Entra data-plane authorization, so keys are a judgement call.
cosmos(PROD, "rg-prod-data", "cosmos-fab-sessions", {"publicNetworkAccess": "Disabled", "capabilities": [{"name": "EnableMongo"}],
       "apiProperties": {"serverVersion": "7.0"}}, kind="MongoDB")

# Network
def nsg(sub, rg, name, rules, location="westeurope"):
    sr = []
    for rn, prio, access, src, port in rules:
        p = {"protocol": "Tcp", "sourcePortRange": "*", "destinationAddressPrefix": "*", "access": access,
             "priority": prio, "direction": "Inbound", "provisioningState": "Succeeded"}
        p["sourceAddressPrefixes" if isinstance(src, list) else "sourceAddressPrefix"] = src
        p["destinationPortRanges" if isinstance(port, list) else "destinationPortRange"] = port
        sr.append({"name": rn, "id": f"{rid(sub, rg, 'Microsoft.Network/networkSecurityGroups', name)}/securityRules/{rn}",
                   "type": "Microsoft.Network/networkSecurityGroups/securityRules", "properties": p})
    return arm(sub, rg, "Microsoft.Network/networkSecurityGroups", name,
               {"securityRules": sr, "defaultSecurityRules": [], "provisioningState": "Succeeded"}, location)

nsg(PROD, "rg-prod-network", "nsg-prod-web", [("allow-https", 100, "Allow", "Internet", "443"),
                                              ("allow-bastion-ssh", 110, "Allow", "10.10.250.0/26", ["22", "3389"])])
nsg(PROD, "rg-prod-network", "nsg-prod-jump", [("deny-rdp-internet", 100, "Deny", "*", "3389"),
                                               ("allow-mgmt-any", 4000, "Allow", "*", "*")])
nsg(DEV, "rg-dev-network", "nsg-dev-vms", [("allow-rdp", 300, "Allow", "*", "3389"),
                                           ("allow-dev-tools", 310, "Allow", ["10.0.0.0/8", "0.0.0.0/0"], "20-25")], "northeurope")
nsg(SANDBOX, "rg-sandbox", "nsg-sandbox", [("allow-web", 100, "Allow", "Internet", "80")], "eastus")

def watcher(sub, region, state="Succeeded"):
    arm(sub, "NetworkWatcherRG", "Microsoft.Network/networkWatchers", f"NetworkWatcher_{region}",
        {"provisioningState": state}, region)

watcher(PROD, "westeurope")
watcher(DEV, "northeurope", "Failed")
watcher(SANDBOX, "westeurope")

# Monitor: activity log export
sub_child(PROD, "Microsoft.Insights/diagnosticSettings", "activity-to-law", {
    "workspaceId": LAW_PROD, "storageAccountId": st_prod_logs["id"],
    "logs": [{"category": c, "enabled": True} for c in ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"]]},
    id_prefix=f"subscriptions/{PROD}")  # Azure returns this id without the leading slash
sub_child(DEV, "Microsoft.Insights/logProfiles", "default", {
    "storageAccountId": st_dev_logs["id"], "locations": ["global", "westeurope"],
    "categories": ["Write", "Delete"], "retentionPolicy": {"enabled": True, "days": 30}})

OPS = ["Microsoft.Authorization/policyAssignments/write", "Microsoft.Network/networkSecurityGroups/write",
       "Microsoft.Network/networkSecurityGroups/delete", "Microsoft.Network/networkSecurityGroups/securityRules/write",
       "Microsoft.Network/networkSecurityGroups/securityRules/delete", "Microsoft.Sql/servers/firewallRules/write",
       "Microsoft.Sql/servers/firewallRules/delete"]
AG = rid(PROD, "rg-monitoring", "microsoft.insights/actionGroups", "ag-secops")

def alert(sub, name, scope_sub, cond, enabled=True):
    rec = arm(sub, "rg-monitoring", "Microsoft.Insights/activityLogAlerts", name, {
        "scopes": [f"subscriptions/{scope_sub}"], "enabled": enabled,
        "condition": {"allOf": [{"field": "category", "equals": "Administrative"}] + cond},
        "actions": {"actionGroups": [{"actionGroupId": AG}]}, "description": name}, "Global")
    return rec

alert(PROD, "alert-policy-assignment", PROD, [{"field": "operationName", "equals": OPS[0]}])
alert(PROD, "alert-nsg-changes", PROD, [{"anyOf": [{"field": "operationName", "equals": o.lower()} for o in OPS[1:5]]}])
alert(PROD, "alert-sql-firewall", PROD, [{"field": "operationName", "containsAny": OPS[5:7]}])
alert(PROD, "alert-dev-nsg-from-prod", DEV, [{"field": "operationName", "equals": OPS[1]}], enabled=False)

# Defender plans (ListPricings_example.json, 2024-01-01): prod has all but APIs on, dev APIs only. Defender
# for DNS is retired (deprecated, replaced by Servers Plan 2).
def pricing(sub, name, tier, sub_plan=None, **extra):
    props = {"pricingTier": tier, "freeTrialRemainingTime": "PT0S", "enforce": "False"}
    if sub_plan:
        props["subPlan"] = sub_plan
    if tier == "Standard":
        props["enablementTime"] = "2026-03-01T12:42:42.1921106Z"
    props.update(extra)
    return sub_child(sub, "Microsoft.Security/pricings", name, props)

PLANS = ["CloudPosture", "Api", "VirtualMachines", "Containers", "StorageAccounts", "AppServices", "CosmosDbs",
         "OpenSourceRelationalDatabases", "SqlServers", "SqlServerVirtualMachines", "KeyVaults", "Arm"]
PROD_OFF = {"Api"}
SUB_PLANS = {"VirtualMachines": "P2", "StorageAccounts": "DefenderForStorageV2", "KeyVaults": "PerKeyVault"}
for name in PLANS:
    if name == "StorageAccounts":
        pricing(PROD, name, "Standard", "DefenderForStorageV2", resourcesCoverageStatus="FullyCovered",
                extensions=[{"name": "OnUploadMalwareScanning", "isEnabled": "True", "additionalExtensionProperties": {"capGBPerMonthPerStorageAccount": 10}},
                            {"name": "SensitiveDataDiscovery", "isEnabled": "True"}])
    else:
        pricing(PROD, name, "Free" if name in PROD_OFF else "Standard", None if name in PROD_OFF else SUB_PLANS.get(name))
    # dev tries Defender for APIs on its API Management instance, and nothing else
    pricing(DEV, name, "Standard" if name == "Api" else "Free", resourcesCoverageStatus="NotCovered")
for sub in (PROD, DEV):
    pricing(sub, "Dns", "Free", deprecated=True, replacedBy=["VirtualMachines"])

# Compute
CMK = "EncryptionAtRestWithCustomerKey"
PMK = "EncryptionAtRestWithPlatformKey"

def disk(sub, rg, name, enc, state="Attached", owner=None, location="westeurope", ade=None, private=False):
    p = {"diskSizeGB": 128, "diskState": state, "osType": "Linux", "encryption": {"type": enc} if enc else None,
         "provisioningState": "Succeeded", "networkAccessPolicy": "DenyAll" if private else "AllowAll",
         "publicNetworkAccess": "Disabled" if private else "Enabled"}
    if private:
        p["dataAccessAuthMode"] = "AzureActiveDirectory"
    if enc is None:
        del p["encryption"]
    if ade is not None:
        p["encryptionSettingsCollection"] = {"enabled": ade}
    extra = {"managedBy": owner["id"]} if owner else {}
    return arm(sub, rg, "Microsoft.Compute/disks", name, p, location, sku={"name": "Premium_LRS"}, **extra)

def vm(sub, rg, name, os_disk, data, at_host=False, patch=None, location="westeurope", tags=None, uefi=(True, True),
       assessment="ImageDefault"):
    p = {"vmId": name, "hardwareProfile": {"vmSize": "Standard_D4s_v5"},
         "storageProfile": {"osDisk": {"name": os_disk["name"], "osType": "Linux", "createOption": "FromImage",
                                       "managedDisk": {"id": os_disk["id"]}},
                            "dataDisks": [{"lun": i, "name": d["name"], "createOption": "Attach", "managedDisk": {"id": d["id"]}} for i, d in enumerate(data)]},
         "securityProfile": {"encryptionAtHost": at_host, "securityType": "TrustedLaunch",
                             "uefiSettings": {"secureBootEnabled": (uefi or (0, 0))[0], "vTpmEnabled": (uefi or (0, 0))[1]}},
         "osProfile": {"computerName": name, "adminUsername": "azureuser", "secrets": [],
                       "linuxConfiguration": {"disablePasswordAuthentication": True, "provisionVMAgent": True,
                                              "patchSettings": {"patchMode": "ImageDefault", "assessmentMode": assessment}}},
         "provisioningState": "Succeeded"}
    if assessment is None:  # made from a specialized disk: no OS profile
        del p["osProfile"]
    if uefi is None:  # a standard VM: no security type
        p["securityProfile"] = {"encryptionAtHost": at_host}
    if patch is not None:
        p["instanceView"] = {"patchStatus": {"availablePatchSummary": patch}}
    return arm(sub, rg, "Microsoft.Compute/virtualMachines", name, p, location, tags)

def ext(v, name, publisher, ty):
    return child(v, "extensions", name, {"publisher": publisher, "type": ty, "typeHandlerVersion": "1.0",
                                         "autoUpgradeMinorVersion": True, "provisioningState": "Succeeded"},
                 location=v["location"])

def patch(count, days_ago, status="Succeeded"):
    t = NOW_UNIX - days_ago * DAY - 3 * 3600
    import datetime
    ts = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"status": status, "criticalAndSecurityPatchCount": count, "otherPatchCount": 2, "rebootPending": False,
            "lastModifiedTime": ts, "assessmentActivityId": "68f8b292-dfc2-4646-9781-33cc88631968"}

d = {n: disk(PROD, "rg-prod-app", n, e, private=(e == CMK)) for n, e in [("vm-fab-api-01_os", CMK), ("vm-fab-api-01_data", CMK),
                                                     ("vm-fab-api-02_os", PMK), ("vm-fab-api-02_data", PMK),
                                                     ("vm-fab-batch-01_os", PMK), ("vm-fab-batch-01_data", PMK)]}
api1 = vm(PROD, "rg-prod-app", "vm-fab-api-01", d["vm-fab-api-01_os"], [d["vm-fab-api-01_data"]], patch=patch(0, 1), tags={"criticality": "high"},
          assessment="AutomaticByPlatform")
api2 = vm(PROD, "rg-prod-app", "vm-fab-api-02", d["vm-fab-api-02_os"], [d["vm-fab-api-02_data"]], patch=patch(3, 1), uefi=(False, True))
batch = vm(PROD, "rg-prod-app", "vm-fab-batch-01", d["vm-fab-batch-01_os"], [d["vm-fab-batch-01_data"]], at_host=True, patch=patch(0, 20), uefi=None)
for v in (api1, api2, batch):
    ext(v, "AzureMonitorLinuxAgent", "Microsoft.Azure.Monitor", "AzureMonitorLinuxAgent")
ext(api1, "MDE.Linux", "Microsoft.Azure.AzureDefenderForServers", "MDE.Linux")
ext(batch, "MDE.Linux", "Microsoft.Azure.AzureDefenderForServers", "MDE.Linux")
ext(api2, "CustomScriptForLinux", "Contoso.Deploy", "CustomScript")
ddev = {n: disk(DEV, "rg-dev-apps", n, e, location="northeurope", ade=a) for n, e, a in
        [("vm-fab-dev-01_os", PMK, True), ("vm-fab-dev-01_data", None, None)]}
dev1 = vm(DEV, "rg-dev-apps", "vm-fab-dev-01", ddev["vm-fab-dev-01_os"], [ddev["vm-fab-dev-01_data"]], location="northeurope")
ext(dev1, "IaaSAntimalware", "Microsoft.Azure.Security", "IaaSAntimalware")
ext(dev1, "ADE", "Microsoft.Azure.Security", "AzureDiskEncryptionForLinux")
disk(DEV, "rg-dev-apps", "old-build-agent_os", PMK, state="Unattached", location="northeurope")
# A VM from before managed disks: its OS disk is a page blob (VirtualMachine_Create_PlatformImageVmWithUnmanagedOsAndDataDisks).
legacy = vm(DEV, "rg-dev-apps", "vm-fab-legacy-build", {"name": "vm-fab-legacy-build_os", "id": None}, [], location="northeurope", uefi=None,
            assessment=None)
legacy["properties"]["storageProfile"]["osDisk"] = {"name": "vm-fab-legacy-build_os", "osType": "Linux", "createOption": "FromImage", "caching": "ReadWrite",
                                                    "vhd": {"uri": "https://stfabdevvhds.blob.core.windows.net/vhds/vm-fab-legacy-build_os.vhd"}}
# Bastion (BastionHostListBySubscription.json, 2024-05-01): prod's hub has one, dev has none.
arm(PROD, "rg-prod-net", "Microsoft.Network/bastionHosts", "bas-fab-hub", {"provisioningState": "Succeeded", "dnsName": "bst-2f6c9e1a.bastion.azure.com",
    "scaleUnits": 2, "ipConfigurations": [{"name": "IpConf", "id": f"/subscriptions/{PROD}/resourceGroups/rg-prod-net/providers/Microsoft.Network/bastionHosts/bas-fab-hub/bastionHostIpConfigurations/IpConf",
    "properties": {"privateIPAllocationMethod": "Dynamic", "subnet": {"id": f"/subscriptions/{PROD}/resourceGroups/rg-prod-net/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/AzureBastionSubnet"}}}]},
    sku={"name": "Standard"})
disk(PROD, "rg-prod-app", "restore-2026-10-14", CMK, state="Unattached")
dsbx = disk(SANDBOX, "rg-sandbox", "vm-sbx-01_os", PMK, location="eastus")
sbx1 = vm(SANDBOX, "rg-sandbox", "vm-sbx-01", dsbx, [], location="eastus", patch=patch(0, 2))
ext(sbx1, "MDE.Linux", "Microsoft.Azure.AzureDefenderForServers", "MDE.Linux")

# Defender
MCSB = "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8"
# Legacy names (57.x ignores them) and live ones: dev turned both off.
PARAMS = ["systemUpdatesMonitoringEffect", "systemConfigurationsMonitoringEffect", "endpointProtectionMonitoringEffect",
          "diskEncryptionMonitoringEffect", "storageEncryptionMonitoringEffect", "sqlAuditingMonitoringEffect",
          "sqlEncryptionMonitoringEffect", "systemUpdatesV2MonitoringEffect", "windowsGuestConfigBaselinesMonitoringEffect",
          "linuxGuestConfigBaselinesMonitoringEffect", "gcWindowsDiskEncryptionMonitoringEffect",
          "gcLinuxDiskEncryptionMonitoringEffect", "sqlServerAuditingMonitoringEffect", "sqlDbEncryptionMonitoringEffect"]
for sub, pct, auto, params, contact in [
    (PROD, 0.82, "On", {"systemUpdatesMonitoringEffect": {"value": "AuditIfNotExists"}},
     {"emails": "secops@fabrikamoutdoor.com;ciso@fabrikamoutdoor.com", "phone": "+1-425-555-0100",
      "alertNotifications": {"state": "On", "minimalSeverity": "High"}, "notificationsByRole": {"state": "On", "roles": ["Owner"]}}),
    # Dev's contact has an address but notifies nobody.
    (DEV, 0.47, "Off", {p: {"value": "Disabled"} for p in PARAMS},
     {"emails": "dev-leads@fabrikamoutdoor.com", "phone": "",
      "alertNotifications": {"state": "Off", "minimalSeverity": "High"}, "notificationsByRole": {"state": "Off", "roles": ["Owner"]}}),
    (SANDBOX, None, "On", None, None),
]:
    if pct is not None:
        sub_child(sub, "Microsoft.Security/secureScores", "ascScore", {"displayName": "ASC score",
                  "score": {"max": 58, "current": round(58 * pct, 2), "percentage": pct}, "weight": 58})
    sub_child(sub, "Microsoft.Security/autoProvisioningSettings", "default", {"autoProvision": auto})
    if params is not None:
        sub_child(sub, "Microsoft.Authorization/policyAssignments", "SecurityCenterBuiltIn", {
            "displayName": f"ASC Default (subscription: {sub})", "policyDefinitionId": MCSB, "scope": f"/subscriptions/{sub}",
            "parameters": params, "enforcementMode": "Default"})
    if contact is not None:
        sub_child(sub, "Microsoft.Security/securityContacts", "default", contact)
# The initiative is also assigned at the root management group, for every subscription but dev.
ROOT_MG = "/providers/Microsoft.Management/managementGroups/fabrikam-root"
add({"id": f"{ROOT_MG}/providers/Microsoft.Authorization/policyAssignments/mcsb-root",
     "type": "Microsoft.Authorization/policyAssignments", "name": "mcsb-root",
     "properties": {"displayName": "Microsoft cloud security benchmark (root)", "policyDefinitionId": MCSB,
                    "scope": ROOT_MG, "notScopes": [f"/subscriptions/{DEV}"], "parameters": {}, "enforcementMode": "Default"}})

# Key Vault
def vault(sub, rg, name, location="westeurope", tags=None, hardened=True):
    # getVault.json (2023-07-01): the hardened vault private-only with RBAC and purge protection;
    # the other as a vault made years ago (access policies, public, soft delete only).
    p = {"tenantId": TENANT, "sku": {"family": "A", "name": "standard"}, "enableSoftDelete": True,
         "softDeleteRetentionInDays": 90, "vaultUri": f"https://{name}.vault.azure.net/", "provisioningState": "Succeeded"}
    if hardened:
        p.update({"enablePurgeProtection": True, "enableRbacAuthorization": True, "publicNetworkAccess": "Disabled",
                  "networkAcls": {"bypass": "None", "defaultAction": "Deny", "ipRules": [], "virtualNetworkRules": []},
                  "privateEndpointConnections": [{"id": f"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}/privateEndpointConnections/pe-{name}",
                      "properties": {"provisioningState": "Succeeded", "privateEndpoint": {"id": f"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/privateEndpoints/pe-{name}"},
                                     "privateLinkServiceConnectionState": {"status": "Approved", "actionsRequired": "None"}}}]})
    else:
        p.update({"accessPolicies": [{"tenantId": TENANT, "objectId": "3c1f8a52-7d4e-4b9a-a1c6-0e2f5d8b9a71",
                                      "permissions": {"keys": ["get", "list"], "secrets": ["get", "list", "set", "delete", "purge"]}}],
                  "publicNetworkAccess": "Enabled", "networkAcls": {"bypass": "AzureServices", "defaultAction": "Allow"}})
    return arm(sub, rg, "Microsoft.KeyVault/vaults", name, p, location, tags)

def kv_obj(v, segment, name, exp, enabled=True):
    attrs = {"enabled": enabled, "created": NOW_UNIX - 200 * DAY, "updated": NOW_UNIX - 200 * DAY}
    if exp is not None:
        attrs["exp"] = NOW_UNIX + exp * DAY
    props = {"attributes": attrs}
    if segment == "keys":
        props.update({"kty": "RSA", "keyOps": ["wrapKey", "unwrapKey"], "keySize": 2048,
                      "keyUri": f"{v['properties']['vaultUri']}keys/{name}"})
    else:
        props.update({"secretUri": f"{v['properties']['vaultUri']}secrets/{name}", "contentType": "text/plain"})
    return child(v, segment, name, props, location=v["location"])

kv_prod = vault(PROD, "rg-prod-security", "kv-fab-prod")
kv_obj(kv_prod, "keys", "orders-cmk", 300)
kv_obj(kv_prod, "keys", "legacy-signing", None)
kv_obj(kv_prod, "secrets", "orders-db-connection", 90)
kv_obj(kv_prod, "secrets", "partner-api-token", None)
kv_obj(kv_prod, "secrets", "retired-token", None, enabled=False)
kv_dev = vault(DEV, "rg-dev-apps", "kv-fab-dev", "northeurope", hardened=False)
kv_obj(kv_dev, "keys", "dev-key", None)
kv_obj(kv_dev, "secrets", "dev-db-password", 30)
add({"id": f"{kv_prod['id']}/providers/Microsoft.Authorization/locks/do-not-delete", "type": "Microsoft.Authorization/locks",
     "name": "do-not-delete", "properties": {"level": "CanNotDelete", "notes": "Holds the orders CMK"}})
add({"id": f"/subscriptions/{PROD}/resourceGroups/rg-prod-data/providers/Microsoft.Authorization/locks/rg-readonly",
     "type": "Microsoft.Authorization/locks", "name": "rg-readonly", "properties": {"level": "ReadOnly"}})

# App Service
def site(sub, rg, name, https, web, auth, kind="app,linux", location="westeurope", identity=None, certs=False, basic=(False, False),
         parent=None):
    props = {"state": "Running", "httpsOnly": https, "enabled": True, "defaultHostName": f"{name}.azurewebsites.net",
             "clientCertEnabled": certs, "clientCertMode": "Required", "publicNetworkAccess": "Enabled"}
    extra = {"kind": kind}
    if identity:
        extra["identity"] = {"type": identity, "principalId": "7d9e2c41-5a3b-4f6e-9c8d-1b2a3f4e5d6c", "tenantId": TENANT}
    if parent is None:
        s = arm(sub, rg, "Microsoft.Web/sites", name, props, location, **extra)
    else:  # a deployment slot (SlotsList example): named <site>/<slot>
        s = child(parent, "slots", name, props, location=location, **extra)
        s["name"] = f"{parent['name']}/{name}"
    child(s, "config", "web", {"ftpsState": "FtpsOnly", "http20Enabled": True, "remoteDebuggingEnabled": False,
                               "netFrameworkVersion": "v4.0", **web}, location=location)
    child(s, "config", "authsettingsV2", {"platform": {"enabled": auth, "runtimeVersion": "~1"},
                                          "globalValidation": {"requireAuthentication": auth}}, location=location)
    # ListPublishingCredentialsPolicies.json (2023-12-01): ftp and scm, `allow` each
    for which, allow in zip(("ftp", "scm"), basic):
        child(s, "basicPublishingCredentialsPolicies", which, {"allow": allow})
    return s

front = site(PROD, "rg-prod-web", "app-fab-storefront", True, {"minTlsVersion": "1.2", "linuxFxVersion": "NODE|20-lts"}, True,
             identity="SystemAssigned")
# The storefront's staging slot, left as it was for a load test: plain FTP, remote debugging, publishing password on.
site(PROD, "rg-prod-web", "staging", True, {"minTlsVersion": "1.2", "linuxFxVersion": "NODE|20-lts", "ftpsState": "AllAllowed",
     "remoteDebuggingEnabled": True, "remoteDebuggingVersion": "VS2022"}, True, basic=(True, True), parent=front)
site(PROD, "rg-prod-web", "func-fab-orders", True, {"minTlsVersion": "1.2", "linuxFxVersion": "PYTHON|3.12"}, False, kind="functionapp,linux",
     identity="SystemAssigned", certs=True)
site(DEV, "rg-dev-apps", "app-fab-legacy-admin", False, {"minTlsVersion": "1.0", "linuxFxVersion": "", "phpVersion": "7.4",
     "ftpsState": "AllAllowed", "http20Enabled": False}, False, kind="app", location="northeurope", basic=(True, True))
site(DEV, "rg-dev-apps", "app-fab-dev-api", True, {"minTlsVersion": "1.2", "linuxFxVersion": "DOCKER|fabrikam/api:dev"}, True, location="northeurope",
     identity="UserAssigned", basic=(False, True))

doc = {
    "version": 1,
    "tenantId": TENANT,
    "collectedAt": NOW,
    "cloud": "AzureCloud",
    "subscriptions": [
        {"subscriptionId": PROD, "displayName": "fabrikam-prod", "managementGroups": ["fabrikam-root"]},
        {"subscriptionId": DEV, "displayName": "fabrikam-dev", "managementGroups": ["fabrikam-root"]},
        {"subscriptionId": SANDBOX, "displayName": "fabrikam-sandbox", "managementGroups": ["fabrikam-root"]},
    ],
    "resources": resources,
    "coverage": coverage,
}

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "examples", "data", "demo-tenant.json")
with open(out, "w", encoding="utf-8") as f:
    f.write("{\n")
    head = {k: v for k, v in doc.items() if k not in ("resources", "coverage")}
    for k, v in head.items():
        f.write(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n")
    f.write('  "resources": [\n')
    f.write(",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in resources))
    f.write('\n  ],\n  "coverage": [\n')
    f.write(",\n".join("    " + json.dumps(c) for c in coverage))
    f.write("\n  ]\n}\n")
print(f"wrote {out}: {len(resources)} records, {len(coverage)} coverage entries", file=sys.stderr)
