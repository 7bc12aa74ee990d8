//! Each check's counterparts: the Azure Policy built-in definitions and Prowler checks for the
//! same recommendation, what each decides, and where and why azaudit differs. Read from
//! Azure/azure-policy (built-in-policies, April 2026) and prowler-cloud/prowler (August 2026)
//! property by property; `docs/rule-sources.md` is generated from this table.

use serde::Serialize;

/// An Azure Policy built-in definition.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PolicyDefinition {
    /// The definition's name (a GUID, as Azure spells it).
    pub id: &'static str,
    /// Its display name.
    pub name: &'static str,
}

/// How one check lines up with its counterparts.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Counterparts {
    /// The check's id.
    #[serde(skip)]
    pub check: &'static str,
    /// Azure Policy built-in definitions for the same recommendation.
    pub azure_policy: &'static [PolicyDefinition],
    /// What they decide.
    pub azure_policy_decides: &'static str,
    /// Prowler's Azure check ids.
    pub prowler: &'static [&'static str],
    /// What they decide.
    pub prowler_decides: &'static str,
    /// Where azaudit's rule differs, property by property, and which way each was decided.
    pub differences: &'static str,
    /// What this release changed, kept by design, or leaves open.
    pub decision: &'static str,
}

/// The counterparts of a check, by id.
pub fn of(check: &str) -> Option<&'static Counterparts> {
    ALL.iter().find(|c| c.check == check)
}

/// Every check's counterparts.
pub static ALL: &[Counterparts] = &[
    Counterparts {
        check: "compute.os_disk_encrypted",
        azure_policy: &[
            PolicyDefinition {
                id: "702dd420-7fcc-42c5-afe8-4026edd20fe0",
                name: r##"OS and data disks should be encrypted with a customer-managed key"##,
            },
            PolicyDefinition {
                id: "fc4d8e41-e223-45ea-9bf5-eada37891d87",
                name: r##"Virtual machines and virtual machine scale sets should have encryption at host enabled"##,
            },
            PolicyDefinition {
                id: "3dc5edcd-002d-444c-b216-e123bbfa37c0",
                name: r##"Windows virtual machines should enable Azure Disk Encryption or EncryptionAtHost."##,
            },
            PolicyDefinition {
                id: "ca88aadc-6e2b-416c-9de2-5a0f01d1693f",
                name: r##"Linux virtual machines should enable Azure Disk Encryption or EncryptionAtHost."##,
            },
        ],
        azure_policy_decides: r##"702dd420 (Audit by default; the only definition Microsoft's CIS 3.0.0 initiative maps to 8.3) marks a virtual machine non-compliant when storageProfile.osDisk.managedDisk.diskEncryptionSet.id is absent, so platform-key disks, ADE-only disks and unmanaged VHD OS disks all fail whatever the power state; it also marks every Microsoft.Compute/disks record without encryption.diskEncryptionSetId. fc4d8e41 (Audit) marks VMs and scale sets whose securityProfile.encryptionAtHost is not true (absent counts as not true). 3dc5edcd/ca88aadc (AuditIfNotExists on a guest configuration assignment, which must be Compliant) accept ADE or encryption at host, but they skip ConfidentialVM, ultraSSD and some images, and CIS does not map them."##,
        prowler: &["vm_ensure_attached_disks_encrypted_with_cmk"],
        prowler_decides: r##"It goes through disk resources, not VMs. Every disk with managedBy or managedByExtended set is in scope, in any diskState (Reserved disks of deallocated VMs included). It FAILs when encryption.type is missing or is EncryptionAtRestWithPlatformKey and PASSes otherwise (CustomerKey, PlatformAndCustomerKeys). ADE and encryption at host are ignored, and OS and data disks are not told apart."##,
        differences: r##"(1) Encryption at host: we pass a VM whose securityProfile.encryptionAtHost is true even when the OS disk only has platform keys. 702dd420 and Prowler fail it, and CIS 8.3 asks for a customer-managed key (by ADE or by SSE with CMK). Encryption at host with platform keys also covers the temp disk and caches, but Microsoft holds the key, which goes against our own rationale (the organisation controls the key): change. (2) ADE: we pass on the disk's encryptionSettingsCollection.enabled, where 702dd420 and Prowler fail ADE on a platform-key disk. CIS 8.3's text accepts ADE as a CMK option, so we keep this on purpose. But we also pass on the mere presence of an AzureDiskEncryption/AzureDiskEncryptionForLinux extension, whatever its provisioningState, its settings.EncryptionOperation (turning ADE off re-runs the same extension with DisableEncryption and leaves it installed) or its settings.VolumeType ("Data" leaves the OS volume unencrypted). That is a false pass: change. (3) CMK detection: encryption.type containing CustomerKey (ours) and a DES id being present (policy) agree on real ARM records: keep. (4) When the disk record is missing we say unknown, but the VM record alone can show CMK through storageProfile.osDisk.managedDisk.diskEncryptionSet.id, as the policy reads it: change (small). (5) An unmanaged VHD is platform-only for us; the policy agrees: keep. (6) Deallocated VMs are judged everywhere: same. (7) Uniform VM scale sets: 702dd420 and fc4d8e41 audit virtualMachineScaleSets models, and we collect no scale sets, so they get no finding (a coverage gap, not a rule difference). (8) Confidential VMs whose OS disk is encrypted with a customer key through securityProfile.secureVMDiskEncryptionSetId still report encryption.type PlatformKey. We fail them, and so do both counterparts. Accepting them would be a refinement, not a difference from the counterparts. (9) Our level is 1; CIS 3.0 8.3 is level 2."##,
        decision: r##"Changed in this release: encryption at host with platform-managed keys fails (the keys are Microsoft's; Azure Policy 702dd420 and Prowler flag it); an Azure Disk Encryption extension counts only when working: not `EncryptionOperation` Disable*, not failed, and a `VolumeType` covering the OS. Kept: ADE passes, its keys being the customer's in their Key Vault, where Policy 702dd420 and Prowler ask for a customer-managed key. A VM whose disk record is missing passes when its own `managedDisk.diskEncryptionSet` names an encryption set (a customer-managed key; was unknown)."##,
    },
    Counterparts {
        check: "compute.data_disks_encrypted",
        azure_policy: &[
            PolicyDefinition {
                id: "702dd420-7fcc-42c5-afe8-4026edd20fe0",
                name: r##"OS and data disks should be encrypted with a customer-managed key"##,
            },
            PolicyDefinition {
                id: "fc4d8e41-e223-45ea-9bf5-eada37891d87",
                name: r##"Virtual machines and virtual machine scale sets should have encryption at host enabled"##,
            },
        ],
        azure_policy_decides: r##"702dd420 (Audit) judges managed data disks through the Microsoft.Compute/disks branch: a disk without encryption.diskEncryptionSetId is non-compliant whatever its diskState. Its VM branch for data disks fires only when the data disks have no managedDisk.id and no DES (unmanaged VHDs). fc4d8e41 flags VMs whose securityProfile.encryptionAtHost is not true. ADE counts for neither."##,
        prowler: &["vm_ensure_attached_disks_encrypted_with_cmk"],
        prowler_decides: r##"The same disk-level check as for OS disks: every disk with managedBy/managedByExtended set FAILs when encryption.type is missing or EncryptionAtRestWithPlatformKey and PASSes otherwise. The VM's encryption at host and ADE are not read."##,
        differences: r##"(1) Encryption at host: we pass platform-key data disks of a VM with encryptionAtHost=true, while 702dd420 and Prowler fail them: change (as for OS disks). (2) The ADE extension counts for data disks whatever its settings.VolumeType. With VolumeType "OS" only the boot volume is encrypted, yet every data disk passes. A Failed or DisableEncryption extension also passes: change. The ADE disk flag (encryptionSettingsCollection.enabled) stays a pass, as CIS 8.3 accepts ADE: keep. (3) Unmanaged data disks: we say unknown on the VM, while the policy's VM branch marks them non-compliant. Their protection depends on the storage account's encryption, which we do not read here: keep unknown. (4) Shared disks (managedByExtended) get one finding per attached VM from us, judged with each VM's host encryption; Prowler judges them once. Keep, but the host-encryption change removes the case where the same disk would pass on one VM and fail on another. (5) Disks of deallocated VMs (diskState Reserved) are judged through the VM by us and by Prowler through managedBy: same. (6) Scale-set instance disks are not covered (coverage gap). (7) Our level is 1; CIS 3.0 8.3 is level 2."##,
        decision: r##"Changed in this release: as compute.os_disk_encrypted: encryption at host with platform-managed keys fails; an ADE extension counts for data disks only when working and its `VolumeType` is All or Data."##,
    },
    Counterparts {
        check: "compute.unattached_disks_encrypted",
        azure_policy: &[
            PolicyDefinition {
                id: "702dd420-7fcc-42c5-afe8-4026edd20fe0",
                name: r##"OS and data disks should be encrypted with a customer-managed key"##,
            },
            PolicyDefinition {
                id: "2c89a2e5-7285-40fe-afe0-ae8654b92fb2",
                name: r##"[Deprecated]: Unattached disks should be encrypted"##,
            },
        ],
        azure_policy_decides: r##"702dd420 (Audit) marks every Microsoft.Compute/disks record without encryption.diskEncryptionSetId, in any diskState (Unattached, ActiveSAS, ReadyToUpload, ...), so only a CMK passes. The deprecated 2c89a2e5 looked only at diskState equals Unattached and required encryptionSettingsCollection.enabled to be true (ADE); a missing value was non-compliant. Microsoft's CIS 3.0.0 initiative has no group for 8.4."##,
        prowler: &["vm_ensure_unattached_disks_encrypted_with_cmk"],
        prowler_decides: r##"Every disk with neither managedBy nor managedByExtended is in scope, whatever its diskState (ActiveSAS, ReadyToUpload and ActiveUpload included). It FAILs when encryption.type is missing or EncryptionAtRestWithPlatformKey and PASSes otherwise; ADE is not read."##,
        differences: r##"(1) Scope: we judge only diskState == "Unattached". A detached disk in ActiveSAS or ActiveSASFrozen (a live SAS download URL: the most exposed state a disk can be in), ReadyToUpload, ActiveUpload or Frozen gets no finding at all, while Prowler (no managedBy) and 702dd420 (every disk) judge it: change. Reserved disks keep managedBy and are covered by the VM checks. (2) ADE: we pass a platform-key disk with encryptionSettingsCollection.enabled, where Prowler and 702dd420 fail it. CIS 8.3/8.4 accept ADE as a CMK option, and the deprecated 2c89a2e5 accepted only ADE: keep. (3) A missing encryption.type is unknown for us and FAIL for Prowler. ARM always returns it, so this almost never happens: keep. (4) Our level is 1; CIS 3.0 8.4 is level 2."##,
        decision: r##"Changed in this release: every disk no VM holds (`managedBy` empty) is judged, whatever its state (ActiveSAS, ReadyToUpload, ActiveUpload, Frozen), as Prowler and Azure Policy 702dd420 scope it; before, only `Unattached` was."##,
    },
    Counterparts {
        check: "compute.approved_extensions_only",
        azure_policy: &[PolicyDefinition {
            id: "c0e996f8-39cf-4af9-9f45-83fbde810432",
            name: r##"Only approved VM extensions should be installed"##,
        }],
        azure_policy_decides: r##"For each Microsoft.Compute/virtualMachines/extensions record, it flags the extension when properties.type (alias .../extensions/type) is notIn the approvedExtensions parameter (Audit). That parameter has no default, so the assigner must list every allowed extension type. The publisher is not read. Microsoft's CIS 2.0.0 initiative maps 7.5 to it; the CIS 3.0.0 initiative has no group for 8.7."##,
        prowler: &[],
        prowler_decides: r##"Prowler has no counterpart: its CIS 3.0 mapping lists no checks for 8.7."##,
        differences: r##"We judge the publisher against globs (default Microsoft.*); the policy judges the extension type against an explicit list. Our default approves every Microsoft-published extension, including those that run whatever script or reset credentials the operator supplies: CustomScriptExtension (Microsoft.Compute), CustomScript (Microsoft.Azure.Extensions), RunCommandWindows/RunCommandLinux, VMAccessAgent (Microsoft.Compute) and VMAccessForLinux (Microsoft.OSTCExtensions). A policy type list built from an approved-software inventory would flag them unless explicitly allowed. Trusting the publisher is a reasonable default, so we keep it, but we cannot express the policy's type-level rule: change (add an optional type list). Scale-set extensions are covered by neither. A missing publisher is unknown for us; keep. CIS 3.0 8.7 is level 1 (manual); ours is level 2."##,
        decision: r##"Open, not changed in this release: (1) Add an optional cfg.approved_extension_types (globs over type or publisher.type, case-insensitive). When it is set, an extension must match it as well as the publisher list, which mirrors c0e996f8's approvedExtensions [now pass, should be fail]"##,
    },
    Counterparts {
        check: "compute.os_patches_applied",
        azure_policy: &[
            PolicyDefinition {
                id: "f85bf3e0-d513-442e-89c3-1784ad63382b",
                name: r##"System updates should be installed on your machines (powered by Update Center)"##,
            },
            PolicyDefinition {
                id: "bd876905-5b84-4f73-ab2d-2e7a7c4568d9",
                name: r##"Machines should be configured to periodically check for missing system updates"##,
            },
        ],
        azure_policy_decides: r##"f85bf3e0 (AuditIfNotExists) requires, for each virtual machine and Arc machine, that the Defender assessment e1145ab1 exists with status.code Healthy or NotApplicable; a missing assessment is non-compliant. bd876905 (Audit) flags supported-image VMs whose osProfile.windowsConfiguration/linuxConfiguration.patchSettings.assessmentMode is not AutomaticByPlatform (absent counts as not). Microsoft's CIS 3.0.0 initiative maps 3.1.10 to neither; its CIS 2.0.0 initiative maps 2.1.13 to bd876905."##,
        prowler: &["defender_ensure_system_updates_are_applied"],
        prowler_decides: r##"It gives one finding per subscription, and only if three Defender assessments are present by display name (Log Analytics agent installed; periodic check for missing updates; system updates installed). It FAILs if any of them is Unhealthy. The service keeps one assessment per display name (the last one listed wins), so the result reflects an arbitrary machine, and there is no finding when any of the three is missing."##,
        differences: r##"CIS 4.0/5.0/6.0 (9.1.10/8.1.10, 'configured to check VM operating systems for updates') match only partly: the nearest id, which Prowler maps to the same check. We read instanceView.patchStatus.availablePatchSummary per VM, a direct reading of what Defender's assessment summarises; that is stricter and more granular than Prowler's subscription-wide single assessment: keep. A stale assessment older than 7 days fails for us; bd876905 instead flags VMs not set to AutomaticByPlatform, even if a one-off assessment ran recently. So a VM with assessmentMode ImageDefault and a manual assessment under 7 days old passes here but is flagged by bd876905. That is the CIS 4.0+ requirement and would be better as its own check: consider. Deallocated VMs: the instance view keeps the last assessment, and once it is over 7 days old we fail the VM for staleness, though a deallocated VM cannot be assessed. Defender does not fault a machine that is off for not being scanned: change to unknown for staleness alone (reported missing patches still fail). Prowler also requires the retired Log Analytics agent; we do not: keep. Our level is 2; CIS 3.0 3.1.10 is level 1."##,
        decision: r##"Changed in this release: a VM that is not running (instance view `PowerState` other than running) with an old assessment that found nothing missing is unknown, not a failure: it cannot be assessed until it runs. Kept: a recent one-off assessment passes where the Azure Policy definitions also want periodic assessment configured."##,
    },
    Counterparts {
        check: "compute.endpoint_protection_installed",
        azure_policy: &[
            PolicyDefinition {
                id: "9b597639-28e4-48eb-b506-56b05d366257",
                name: r##"Microsoft IaaSAntimalware extension should be deployed on Windows servers"##,
            },
            PolicyDefinition {
                id: "1f7c564c-0a90-4d44-b7e1-9d456cffaee8",
                name: r##"[Deprecated]: Endpoint protection should be installed on your machines"##,
            },
        ],
        azure_policy_decides: r##"9b597639 (AuditIfNotExists) covers only VMs from the MicrosoftWindowsServer/WindowsServer marketplace SKUs 2008-R2 to 2019. It requires an extension whose type equals IaaSAntimalware and whose publisher equals Microsoft.Azure.Security; Linux, Windows Server 2022+ and custom images are out of scope. The deprecated 1f7c564c (default effect Disabled) required the Defender assessment 4fb67663 to be Healthy or NotApplicable for VMs, classic VMs and Arc machines. Microsoft's CIS 3.0.0 initiative has no group for 8.8."##,
        prowler: &["defender_assessments_vm_endpoint_protection_installed"],
        prowler_decides: r##"It gives one finding per subscription from the Defender assessment named 'Install endpoint protection solution on virtual machines': FAIL if its status is Unhealthy, PASS otherwise, and no finding if the assessment is absent. Only the last assessment listed with that name is kept, so it reflects an arbitrary VM."##,
        differences: r##"CIS 4.0+ ids match only partly: they ask for the Defender for Servers 'Endpoint protection' component to be On, which Prowler maps to the same check, whereas we check the per-VM result of that component. We match on the extension type alone: the publisher, provisioningState and the IaaSAntimalware setting AntimalwareEnabled are ignored. So an MDE.Windows/MDE.Linux extension whose onboarding Failed, an IaaSAntimalware with "AntimalwareEnabled": false, or a look-alike type from another publisher all pass. Defender's assessment would be Unhealthy, and 9b597639 also checks the publisher: change. Windows Server 2016+ has Defender Antivirus built in without an extension; the Defender assessment can be Healthy where we fail. ARM cannot see inside the guest, and cfg.endpoint_protection_extensions lets other agents count: keep. We judge every VM, Linux and 2022+ included, which is broader than 9b597639: keep."##,
        decision: r##"Changed in this release: IaaSAntimalware, MDE.Windows and MDE.Linux count only from a Microsoft publisher (`Microsoft.Azure.*`, as Azure Policy 9b597639 checks), when not failed, and IaaSAntimalware not with `AntimalwareEnabled` false; the message names the extension that did not count."##,
    },
    Counterparts {
        check: "keyvault.key_expiration_set",
        azure_policy: &[PolicyDefinition {
            id: "152b15f7-8e1f-4c1f-ab71-8c010ba5dbc0",
            name: r##"Key Vault keys should have an expiration date"##,
        }],
        azure_policy_decides: r##"Mode Microsoft.KeyVault.Data: it looks at every key object, enabled or disabled, in RBAC and access-policy vaults alike, and marks it non-compliant when Microsoft.KeyVault.Data/vaults/keys/attributes.expiresOn does not exist (Audit by default; Deny available). Microsoft's CIS initiatives map CIS 3.0.0 3.3.1 and 3.3.2 (and CIS 2.0.0 8.1/8.2) to it."##,
        prowler: &[
            "keyvault_rbac_key_expiration_set",
            "keyvault_key_expiration_set_in_non_rbac",
        ],
        prowler_decides: r##"It reads keys through the ARM keys list (current versions) and splits them by the vault's properties.enableRbacAuthorization into two checks. Keys whose attributes.enabled is false or missing are skipped (no finding). Otherwise it FAILs when attributes.expires is falsy (missing or 0) and PASSes otherwise."##,
        differences: r##"RBAC vs access-policy vaults: we judge both in one check covering both CIS ids, which gives the same results as Prowler's two. Disabled keys: we pass them, Prowler gives no finding, and the policy flags them. A disabled key can do no cryptographic operation, and re-enabling it is an audited write: keep. A missing attributes.enabled is unknown for us and skipped by Prowler (read as disabled): we are stricter, keep. An expired but enabled key passes all three (each tests only that exp exists): keep. exp=0 fails in Prowler (falsy) but is a date in 1970 for us and passes. ARM never returns 0, so no change. Our optional cfg.max_key_validity_days goes beyond all counterparts. Managed HSM keys are covered by neither us nor Prowler. No false pass found."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "keyvault.secret_expiration_set",
        azure_policy: &[PolicyDefinition {
            id: "98728c90-32c7-4049-8429-847dc0f4fe37",
            name: r##"Key Vault secrets should have an expiration date"##,
        }],
        azure_policy_decides: r##"Mode Microsoft.KeyVault.Data: it looks at every secret object, enabled or disabled, in RBAC and access-policy vaults alike, and marks it non-compliant when Microsoft.KeyVault.Data/vaults/secrets/attributes.expiresOn does not exist (Audit by default; Deny available). Microsoft's CIS initiatives map CIS 3.0.0 3.3.3 and 3.3.4 (and CIS 2.0.0 8.3/8.4) to it."##,
        prowler: &[
            "keyvault_rbac_secret_expiration_set",
            "keyvault_non_rbac_secret_expiration_set",
        ],
        prowler_decides: r##"It reads secrets through the ARM secrets list and splits them by the vault's properties.enableRbacAuthorization. Secrets whose attributes.enabled is false or missing are skipped. Otherwise it FAILs when attributes.expires is missing and PASSes otherwise."##,
        differences: r##"The same as for keys. Disabled secrets pass for us, are skipped by Prowler and flagged by the policy: keep, since a disabled secret cannot be read. A missing enabled is unknown for us and skipped by Prowler: keep. Secrets backing certificates carry the certificate's exp and pass everywhere. RBAC and access-policy vaults are judged alike. No false pass found."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "general.critical_resources_locked",
        azure_policy: &[],
        azure_policy_decides: r##"No built-in policy audits resource locks (no definition reads Microsoft.Authorization/locks), and Microsoft's CIS 3.0.0 initiative has no group for 10.1."##,
        prowler: &[],
        prowler_decides: r##"Prowler has no lock check. Its CIS 3.0 10.1 and 4.0 7.2 map no checks, and its CIS 5.0/6.0 6.2 map iam_custom_role_has_permissions_to_administer_resource_locks, which checks a custom role, not whether a lock exists."##,
        differences: r##"There is no counterpart to compare against. On our own rule: Azure locks are inherited by child resources, but we look for a lock only on the resource itself, its resource group and its subscription. A critical child resource (for example a tagged Microsoft.Sql/servers/databases, or Microsoft.Web/sites/slots) under a locked parent resource is reported as unlocked: change. Management groups cannot carry locks, so nothing is missed above the subscription. The CIS 4.0+ storage-account delete-lock recommendation (10.3.10 / 9.3.9) belongs to a different check."##,
        decision: r##"Changed in this release: a lock on any resource above the critical one counts (locks are inherited: a server's lock holds its databases). No Azure Policy or Prowler counterpart exists."##,
    },
    Counterparts {
        check: "appservice.authentication_enabled",
        azure_policy: &[
            PolicyDefinition {
                id: "95bccee9-a7f8-4bec-9ee9-62c3473701fc",
                name: r##"App Service apps should have authentication enabled"##,
            },
            PolicyDefinition {
                id: "c75248c1-ea1d-4a9c-8fc9-29a6aabd5da8",
                name: r##"Function apps should have authentication enabled"##,
            },
        ],
        azure_policy_decides: r##"Both are AuditIfNotExists on Microsoft.Web/sites: they require config 'web' to have siteAuthEnabled equal to true, so a missing value is non-compliant. 95bccee9 covers kinds without 'functionapp'; c75248c1 covers 'functionapp' kinds but excludes 'workflowapp' (Logic Apps Standard) and 'azurecontainerapps'. Slots are not covered. Microsoft's CIS 3.0.0 initiative maps 9.2 to 95bccee9 only."##,
        prowler: &["app_ensure_auth_is_set_up"],
        prowler_decides: r##"It covers only sites whose kind starts with 'app' (function apps excluded). It reads authsettingsV2 platform.enabled, PASS when true and FAIL otherwise; a missing platform block or value counts as false (FAIL)."##,
        differences: r##"Property: we read authsettingsV2 platform.enabled (falling back to v1 enabled), and the policy reads config/web siteAuthEnabled: the same switch, keep. Missing: unknown for us, FAIL or non-compliant for both counterparts. authsettingsV2 always returns platform for a site, so absence means incomplete data: keep. Scope: we judge function apps, as c75248c1 does and Prowler does not: keep. We also judge Logic Apps Standard (kind containing workflowapp) and Functions on Container Apps (azurecontainerapps), which every definition excludes. Logic App workflows are called through SAS-signed trigger URLs, not Easy Auth, so we flag what is fine: change. Strength: platform.enabled=true with globalValidation.unauthenticatedClientAction AllowAnonymous (requireAuthentication false) passes everywhere, though our rationale says anonymous requests are rejected. Failing that would go beyond every counterpart, so consider it as a stricter option, not a fix. Slots: we judge each slot from its own config/authsettingsV2; no counterpart does. Our level is 1; CIS 3.0 9.2 is level 2."##,
        decision: r##"Changed since: deployment slots are judged as sites. Open, not changed in this release: (1) Skip sites (or report unknown, not applicable) whose kind contains 'workflowapp' or 'azurecontainerapps', as both built-ins do [now fail, should be unknown]"##,
    },
    Counterparts {
        check: "appservice.https_only",
        azure_policy: &[
            PolicyDefinition {
                id: "a4af4a39-4135-47fb-b175-47fbdf85311d",
                name: r##"App Service apps should only be accessible over HTTPS"##,
            },
            PolicyDefinition {
                id: "6d555dd1-86f2-4f1c-8ed7-5abae7c6cbab",
                name: r##"Function apps should only be accessible over HTTPS"##,
            },
            PolicyDefinition {
                id: "ae1b9a8c-dfce-4605-bd91-69213b4a26fc",
                name: r##"App Service app slots should only be accessible over HTTPS"##,
            },
            PolicyDefinition {
                id: "5e5dbe3f-2702-4ffc-8b1e-0cae008a5c71",
                name: r##"Function app slots should only be accessible over HTTPS"##,
            },
        ],
        azure_policy_decides: r##"Audit on Microsoft.Web/sites (and, in the slot variants, Microsoft.Web/sites/slots) when httpsOnly does not exist or equals false, so a missing value is non-compliant. The web-app definition covers kinds without 'functionapp'; the function-app one covers 'functionapp' but excludes 'workflowapp' and 'azurecontainerapps'. Microsoft's CIS 3.0.0 initiative maps 9.1 to a4af4a39 and 6d555dd1."##,
        prowler: &[
            "app_ensure_http_is_redirected_to_https",
            "app_function_ensure_http_is_redirected_to_https",
        ],
        prowler_decides: r##"One check covers web apps (kind starts with 'app'), the other function apps (kind starts with 'functionapp'). Each reads the site's https_only with a default of False, so a missing value FAILs; PASS only when true. Slots are not read."##,
        differences: r##"Missing httpsOnly: unknown for us, non-compliant/FAIL for every counterpart. The API default is false, meaning plain HTTP is served: change to fail. Slots: policies ae1b9a8c/5e5dbe3f audit Microsoft.Web/sites/slots, and so do we now (each slot judged as a site; Prowler reads none). Kinds: we include Logic Apps Standard, where httpsOnly means the same thing (keep), and Functions on Container Apps, which 6d555dd1 excludes because ingress belongs to Container Apps (consider not applicable). Otherwise the values agree: true passes and false fails everywhere."##,
        decision: r##"Changed in this release: a site without `httpsOnly` fails (the API's default is false; Azure Policy and Prowler flag it). Changed since: deployment slots (`Microsoft.Web/sites/slots`) are collected and judged as sites, a slot answering plain HTTP fails (was no finding)."##,
    },
    Counterparts {
        check: "appservice.min_tls_1_2",
        azure_policy: &[
            PolicyDefinition {
                id: "f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b",
                name: r##"App Service apps should use the latest TLS version"##,
            },
            PolicyDefinition {
                id: "f9d614c5-c173-4d56-95a7-b4437057d193",
                name: r##"Function apps should use the latest TLS version"##,
            },
            PolicyDefinition {
                id: "4ee5b817-627a-435a-8932-116193268172",
                name: r##"App Service app slots should use the latest TLS version"##,
            },
            PolicyDefinition {
                id: "deb528de-8f89-4101-881c-595899253102",
                name: r##"Function app slots should use the latest TLS version"##,
            },
        ],
        azure_policy_decides: r##"AuditIfNotExists on Microsoft.Web/sites (the slot variants on sites/slots): the 'web' config's minTlsVersion must be greaterOrEquals '1.2' (a string comparison, so '1.3' passes and a missing value is non-compliant). The web-app definition covers kinds without 'functionapp'; the function-app one excludes 'workflowapp' and 'azurecontainerapps'. Microsoft's CIS 3.0.0 initiative maps 9.4 to f0e6e85b and f9d614c5."##,
        prowler: &["app_minimum_tls_version_12"],
        prowler_decides: r##"Only web apps (kind starts with 'app'): PASS when the configuration's minTlsVersion is '1.2' or '1.3'. A missing value reads as '' and FAILs. Function apps and slots are not judged."##,
        differences: r##"Values: 1.0/1.1 fail and 1.2/1.3 pass everywhere, so no difference. Missing minTlsVersion or config record: unknown for us, non-compliant/FAIL for both counterparts. config/web always carries it, so absence means incomplete data: keep. Function apps: we judge them, like f9d614c5 (Prowler does not): keep. Slots: 4ee5b817/deb528de audit slots, and so do we now, from each slot's own config/web. scmMinTlsVersion (the Kudu/SCM endpoint) and minTlsCipherSuite are judged by no counterpart: consider them as a refinement."##,
        decision: r##"Changed since: deployment slots are collected with their config/web and judged by the same rule (a slot on TLS 1.0 fails; was no finding)."##,
    },
    Counterparts {
        check: "appservice.runtime_current",
        azure_policy: &[
            PolicyDefinition {
                id: "7261b898-8a84-4db8-9e04-18527132abb3",
                name: r##"App Service apps that use PHP should use a specified 'PHP version'"##,
            },
            PolicyDefinition {
                id: "7008174a-fd10-4ef0-817e-fc820a951d73",
                name: r##"App Service apps that use Python should use a specified 'Python version'"##,
            },
            PolicyDefinition {
                id: "496223c3-ad65-4ecd-878a-bae78737e9ed",
                name: r##"App Service apps that use Java should use a specified 'Java version'"##,
            },
            PolicyDefinition {
                id: "7238174a-fd10-4ef0-817e-fc820a951d73",
                name: r##"Function apps that use Python should use a specified 'Python version'"##,
            },
            PolicyDefinition {
                id: "9d0b6ea4-93e2-4578-bf2f-6bb17d22b4bc",
                name: r##"Function apps that use Java should use a specified 'Java version'"##,
            },
        ],
        azure_policy_decides: r##"AuditIfNotExists on Linux sites only (kind contains 'linux'; the web-app versions exclude 'functionapp'). The 'web' config is compliant when linuxFxVersion does not contain the stack name, or equals exactly '<STACK>|<parameter>'. The version parameter defaults to '', so every app on that stack is flagged until the assigner names the one allowed version, and newer versions are flagged too. Windows apps and phpVersion/pythonVersion/javaVersion are never read. Microsoft's CIS 3.0.0 initiative has no group for 9.7-9.9 (its CIS 2.0.0 initiative maps the slot and function-app variants)."##,
        prowler: &[
            "app_ensure_php_version_is_latest",
            "app_ensure_python_version_is_latest",
            "app_ensure_java_version_is_latest",
            "app_function_latest_runtime_version",
        ],
        prowler_decides: r##"Only web apps (kind starts with 'app'). A stack is in scope when linuxFxVersion contains its name (case-insensitive) or the Windows property (phpVersion/pythonVersion/javaVersion) is non-empty. It PASSes only when the configured 'latest' (defaults PHP 8.2, Python 3.12, Java 17) is a substring of linuxFxVersion ('java17' for Java) or equals the Windows property, so PYTHON|3.13 or JAVA|21-java21 FAIL. app_function_latest_runtime_version FAILs function apps whose app setting FUNCTIONS_EXTENSION_VERSION is not '~4'."##,
        differences: r##"We use a minimum, so newer versions pass; both counterparts require an exact 'latest' and flag newer supported versions: we are more correct, keep. We also read the Windows properties and .NET and Node, which the policies do not: keep. Dated defaults: at the evaluation date (2026-12-02) Node 20 (end of support 2026-04-30), Python 3.10 (October 2026) and .NET 8 (2026-11-10, like .NET 9) are past end of support but still pass: false passes, change. Java 11 is still supported (Microsoft Build of OpenJDK 11, at least until September 2027), but the default minimum 17 fails it: we flag what is fine, change. PHP 8.2 is supported until 2026-12-31, after which 8.3 becomes the minimum. The fix is a dated end-of-support table per stack/major judged against cx.now, or at least new defaults (dotnet 10, python 3.11, node 22, java 11, php 8.2 until 2027-01-01). The PowerShell stack of function apps (linuxFxVersion 'PowerShell|7.2', or powerShellVersion) is unknown for us, though 7.2 reached end of support in November 2024: consider adding it. FUNCTIONS_EXTENSION_VERSION lives in app settings, which need the list action (not Reader-safe): keep not judged. Slots are judged now, from their own config/web, as for the other App Service checks. CIS 3.0 9.7-9.9 are level 1 (manual); ours is level 2."##,
        decision: r##"Changed in this release: the default minimums come from a dated end-of-support table judged at the evaluation time (the snapshot's collection time by default), so Node 20 (retired 2026-04-30), Python 3.10 (2026-10-31) and .NET 8 and 9 (2026-11-10) fail a snapshot collected since (were pass); `cfg.min_runtime_versions` still overrides. Kept: a minimum rather than Azure Policy's and Prowler's exact 'latest' (a newer supported version passes); Java's minimum stays 17 (stricter than Microsoft's support for 11). Changed since: deployment slots are judged. Open: the PowerShell stack of function apps is not judged yet."##,
    },
    Counterparts {
        check: "defender.secure_score",
        azure_policy: &[],
        azure_policy_decides: r##"No built-in policy audits the secure score. The only built-ins that mention Microsoft.Security/secureScores are the continuous-export DeployIfNotExists definitions (e.g. Security Center/ASC_ExportToLogAnalyticsWorkspace_DINE.json), which export scores and judge nothing."##,
        prowler: &[],
        prowler_decides: r##"Prowler has no secure-score check: nothing under prowler/providers/azure reads secureScores."##,
        differences: r##"No counterpart anywhere: no built-in policy, no Prowler check, no CIS recommendation (3.0-6.0). Our threshold rule (ascScore percentage x100 >= cfg.min_secure_score_percent, else current/max) is our own and informational; nothing to align with. Edge we handle: the API gives percentage as a 0..1 fraction (example 0.6033), which we scale correctly. One edge we do not: a subscription with nothing to score can return max 0; with percentage 0 present we compute 0% and fail, which says 'bad posture' about a subscription that has no scored controls [behaviour of the API for empty subscriptions is my understanding, not verified from a spec example]."##,
        decision: r##"Changed in this release: a score whose `max` is 0 (nothing scored) is unknown, not a 0% fail. No counterpart exists in Azure Policy, Prowler or CIS: the threshold is ours (`cfg.min_secure_score_percent`)."##,
    },
    Counterparts {
        check: "defender.auto_provisioning_on",
        azure_policy: &[PolicyDefinition {
            id: "475aae12-b88a-4572-8b36-9b712b2b3a17",
            name: r##"[Deprecated]: Auto provisioning of the Log Analytics agent should be enabled on your subscription"##,
        }],
        azure_policy_decides: r##"Deprecated (1.1.0-deprecated, effect default Disabled). On the subscription it looked for a Microsoft.Security/autoProvisioningSettings whose autoProvision equals 'On' (AuditIfNotExists: no setting, or Off, is non-compliant). In MCSB 57.56.0 its parameter autoProvisioningOfTheLogAnalyticsAgentShouldBeEnabledOnYourSubscriptionMonitoringEffect (and installLogAnalyticsAgentOnVm/VmssMonitoringEffect) default to Disabled and feed no policyDefinitionReference, and Microsoft's CIS v3.0.0 initiative maps 3.1.1.1 to no definition."##,
        prowler: &["defender_auto_provisioning_log_analytics_agent_vms_on"],
        prowler_decides: r##"Reads autoProvisioningSettings (SDK list) per subscription and emits one finding per setting returned: PASS iff auto_provision == 'On' (exact case), else FAIL. No setting returned -> no finding. Prowler maps it only to CIS 2.0/2.1/3.0 (2.1.15/2.1.14/3.1.1.1); its CIS 4.0/5.0/6.0 files have no such requirement."##,
        differences: r##"Rule-wise we match Prowler and the deprecated policy (On passes, Off fails; we are case-insensitive and unknown when no 'default' setting, Prowler is silent; keep). The real difference is relevance: the setting controls auto-provisioning of the Log Analytics agent (MMA), which Microsoft retired on 31 Aug 2024; Defender for Servers now relies on Defender for Endpoint plus agentless scanning (Microsoft.Security/pricings VirtualMachines, properties.extensions such as AgentlessVmScanning) and the WDATP integration setting (Microsoft.Security/settings). CIS dropped the recommendation from 4.0 on (replaced by the 9.1.3.x / 8.1.3.x Defender for Servers component items: vulnerability assessment, endpoint protection, agentless scanning, FIM), the policy is deprecated and out of MCSB, and Prowler keeps the check only for CIS <= 3.0. Failing 'Off' today tells users to switch on provisioning of a retired agent -> change: keep it only for a CIS 3.0 profile (or mark it legacy/informational), and cover the 4.0+ intent with checks on pricings VirtualMachines (pricingTier Standard; policy 4da35fc9-c9e7-4960-aec9-797fe7d9051d) and the WDATP setting, which azaudit does not collect yet (plan.rs fetches only secureScores, autoProvisioningSettings and securityContacts under Microsoft.Security)."##,
        decision: r##"Kept for CIS 3.0 3.1.1.1, which still names it; the Log Analytics agent it provisions was retired in August 2024, its policy (475aae12) is deprecated, and CIS 4.0 and later drop it. Open: judging what replaced it (the Defender for Servers plan and its components) needs `Microsoft.Security/pricings`, which the identity and Defender breadth work adds."##,
    },
    Counterparts {
        check: "defender.policy_system_updates",
        azure_policy: &[
            PolicyDefinition {
                id: "f85bf3e0-d513-442e-89c3-1784ad63382b",
                name: r##"System updates should be installed on your machines (powered by Update Center)"##,
            },
            PolicyDefinition {
                id: "bd876905-5b84-4f73-ab2d-2e7a7c4568d9",
                name: r##"Machines should be configured to periodically check for missing system updates"##,
            },
        ],
        azure_policy_decides: r##"Live MCSB parameters: systemUpdatesV2MonitoringEffect (default AuditIfNotExists, allowed AuditIfNotExists/Disabled) -> f85bf3e0: for Microsoft.Compute/virtualMachines and Microsoft.HybridCompute/machines, compliant only if the Defender assessment e1145ab1-eb4f-43d8-911b-36ddf771d13f exists with status.code NotApplicable or Healthy (no assessment = non-compliant). systemUpdatesAutoAssessmentModeEffect (default Audit) -> bd876905: audits supported VM/Arc images whose patch assessmentMode is not AutomaticByPlatform. The legacy systemUpdatesMonitoringEffect fed 86b3d65f-7626-441e-b690-81a8b71cff60 (now '[Deprecated]: System updates should be installed on your machines'); it went to Disabled/unwired in MCSB 57.45.0 (2024-10)."##,
        prowler: &["policy_ensure_asc_enforcement_enabled"],
        prowler_decides: r##"policy_ensure_asc_enforcement_enabled lists policy assignments per subscription (SDK list, which also returns assignments inherited from management groups), keys them by name, and only looks at the one named 'SecurityCenterBuiltIn': PASS iff its enforcementMode is 'Default', FAIL otherwise. It never reads parameters, and when no assignment has that name it emits no finding at all (no PASS, no FAIL)."##,
        differences: r##"Parameter: we read `systemUpdatesMonitoringEffect`. In MCSB 57.56.0 it defaults to Disabled and feeds no policyDefinitionReference (it used to feed 86b3d65f-7626-441e-b690-81a8b71cff60, deprecated). So its absence does not mean AuditIfNotExists as our rule text and message say, and its value changes nothing: an explicit Disabled makes us fail a subscription whose monitoring is intact, and Disabled on the live parameter(s) (systemUpdatesV2MonitoringEffect, and systemUpdatesAutoAssessmentModeEffect) passes with us -> change. CIS 6.0 8.1.11 now says 'non-deprecated MCSB policies', which backs judging the live parameters only. Prowler reads no parameters at all (enforcementMode only), so it cannot see a Disabled effect -> we are stricter by design, keep. bd876905 is Microsoft's CIS v2.1.0 mapping for 'Apply system updates' and the periodic-assessment setting is what CIS 4.0+ 9.1.10/8.1.10 ('configured to check VM operating systems for updates') asks for, so include it. Prowler's separate defender_ensure_system_updates_are_applied (CIS 3.1.10/9.1.10) reads assessment statuses by display name, including 'Log Analytics agent should be installed on virtual machines', and emits nothing unless all three names exist; that belongs with compute.os_patches_applied, not here. Scope: we accept only an MCSB assignment whose parent is the subscription itself; an MCSB assignment inherited from a management group is ignored (its id has no subscription, so it is filtered out), which gives a false 'not assigned' fail -> change (accept ancestor-scope assignments unless the subscription or an ancestor is in its notScopes). enforcementMode: we ignore it, Prowler fails DoNotEnforce -> keep (DoNotEnforce stops enforcement of deny/modify/DINE effects but audit/AuditIfNotExists compliance is still evaluated and reported, so monitoring is not lost; could go in evidence). Missing assignment: we fail, Prowler is silent -> keep."##,
        decision: r##"Changed in this release: the check judges the parameters today's initiative (57.56.0) wires to a policy, shows the legacy names without judging them (an assignment with only the legacy parameter Disabled passes), and counts an assignment made at a management group above the subscription (respecting notScopes). Kept: enforcementMode is not judged (Prowler fails DoNotEnforce), because audit effects are still evaluated under DoNotEnforce. Both live parameters are judged: systemUpdatesV2MonitoringEffect (f85bf3e0, updates installed) and systemUpdatesAutoAssessmentModeEffect (bd876905, machines assessed periodically), which CIS 4.0 and later name."##,
    },
    Counterparts {
        check: "defender.policy_os_vulnerabilities",
        azure_policy: &[
            PolicyDefinition {
                id: "72650e9f-97bc-4b2a-ab5f-9781a9fcecbc",
                name: r##"Windows machines should meet requirements of the Azure compute security baseline"##,
            },
            PolicyDefinition {
                id: "fc9b3da7-8347-4380-8e70-0a0361d8dedd",
                name: r##"Linux machines should meet requirements for the Azure compute security baseline"##,
            },
        ],
        azure_policy_decides: r##"Live MCSB parameters windowsGuestConfigBaselinesMonitoringEffect / linuxGuestConfigBaselinesMonitoringEffect (default AuditIfNotExists) -> 72650e9f / fc9b3da7: for VMs with a supported Windows/Linux image (and Arc machines: MCSB passes IncludeArcMachines from windowsWebServersShouldBeConfiguredToUseSecureCommunicationProtocolsIncludeArcMachines, default true), compliant only if the guestConfigurationAssignments AzureWindowsBaseline / AzureLinuxBaseline exists with complianceStatus Compliant and the expected parameterHash (no assignment, i.e. no Guest Configuration extension, = non-compliant). The legacy systemConfigurationsMonitoringEffect fed e1e5fd5d-3e4c-4ce1-8661-7d1873ae6b15 (now deprecated); it went Disabled/unwired in MCSB 57.49.0 (2025-03)."##,
        prowler: &["policy_ensure_asc_enforcement_enabled"],
        prowler_decides: r##"policy_ensure_asc_enforcement_enabled lists policy assignments per subscription (SDK list, which also returns assignments inherited from management groups), keys them by name, and only looks at the one named 'SecurityCenterBuiltIn': PASS iff its enforcementMode is 'Default', FAIL otherwise. It never reads parameters, and when no assignment has that name it emits no finding at all (no PASS, no FAIL)."##,
        differences: r##"Parameter: we read `systemConfigurationsMonitoringEffect`. In MCSB 57.56.0 it defaults to Disabled and feeds no policyDefinitionReference (it used to feed e1e5fd5d-3e4c-4ce1-8661-7d1873ae6b15, deprecated). So its absence does not mean AuditIfNotExists as our rule text and message say, and its value changes nothing: an explicit Disabled makes us fail a subscription whose monitoring is intact, and Disabled on the live parameter(s) (windowsGuestConfigBaselinesMonitoringEffect, linuxGuestConfigBaselinesMonitoringEffect) passes with us -> change. CIS 6.0 8.1.11 now says 'non-deprecated MCSB policies', which backs judging the live parameters only. Prowler reads no parameters at all (enforcementMode only), so it cannot see a Disabled effect -> we are stricter by design, keep. The related guest-configuration prerequisites in MCSB (azurePolicyforWindowsMonitoringEffect -> ae89ebca-1c92-4898-ac2c-9f63decb045c, gcExtOnVMWithNoSAMIMonitoringEffect -> d26f7642-7545-4e18-9b75-8c9bbdee3a9a) could be added as optional evidence, not required. Scope: we accept only an MCSB assignment whose parent is the subscription itself; an MCSB assignment inherited from a management group is ignored (its id has no subscription, so it is filtered out), which gives a false 'not assigned' fail -> change (accept ancestor-scope assignments unless the subscription or an ancestor is in its notScopes). enforcementMode: we ignore it, Prowler fails DoNotEnforce -> keep (DoNotEnforce stops enforcement of deny/modify/DINE effects but audit/AuditIfNotExists compliance is still evaluated and reported, so monitoring is not lost; could go in evidence). Missing assignment: we fail, Prowler is silent -> keep."##,
        decision: r##"Changed in this release: the check judges the parameters today's initiative (57.56.0) wires to a policy, shows the legacy names without judging them (an assignment with only the legacy parameter Disabled passes), and counts an assignment made at a management group above the subscription (respecting notScopes). Kept: enforcementMode is not judged (Prowler fails DoNotEnforce), because audit effects are still evaluated under DoNotEnforce."##,
    },
    Counterparts {
        check: "defender.policy_endpoint_protection",
        azure_policy: &[],
        azure_policy_decides: r##"No live MCSB parameter exists for endpoint protection (confirmed): endpointProtectionMonitoringEffect, installEndpointProtectionMonitoringEffect, endpointProtectionHealthIssuesMonitoringEffect and vmssEndpointProtectionMonitoringEffect all default to Disabled and feed no policyDefinitionReference in 57.56.0, and the definitions they used to feed are all deprecated: af6cd1bd-1635-48cb-bde7-5b15693900b9 (Monitor missing Endpoint Protection, assessment 83f577bd-...), 1f7c564c-0a90-4d44-b7e1-9d456cffaee8, 8e42c1f2-a2ab-49bc-994a-12bcd0dc4ac2, 26a828e1-e88f-464e-bbb3-c134a282b9de. endpointProtectionMonitoringEffect went Disabled/unwired in 57.43.0 (2024-09). The nearest live MCSB item is virtualMachinesAdvancedThreatProtectionMonitoringEffect -> 4da35fc9-c9e7-4960-aec9-797fe7d9051d 'Azure Defender for servers should be enabled' (Security Center/ASC_EnableAdvancedThreatProtectionOnVM_Audit.json: subscription compliant iff pricings/VirtualMachines pricingTier equals Standard); the MDE integration itself is only set by DeployIfNotExists definitions (da56d295-2889-41ce-a4cd-6f50fb93aa68 WDATP etc.), not audited."##,
        prowler: &["policy_ensure_asc_enforcement_enabled"],
        prowler_decides: r##"policy_ensure_asc_enforcement_enabled lists policy assignments per subscription (SDK list, which also returns assignments inherited from management groups), keys them by name, and only looks at the one named 'SecurityCenterBuiltIn': PASS iff its enforcementMode is 'Default', FAIL otherwise. It never reads parameters, and when no assignment has that name it emits no finding at all (no PASS, no FAIL). Related, not counterparts of this rule: defender_assessments_vm_endpoint_protection_installed (FAIL iff the assessment displayed as 'Install endpoint protection solution on virtual machines' is Unhealthy; no finding if that name is absent, which is likely now that Defender reports EDR recommendations instead [my understanding]) and defender_ensure_wdatp_is_enabled (FAIL when the WDATP setting is missing or enabled false)."##,
        differences: r##"We read endpointProtectionMonitoringEffect, which feeds nothing: absent -> we pass with the false claim that AuditIfNotExists applies; Disabled -> we fail although nothing is lost. There is no parameter a user can set to Disabled to stop endpoint-protection monitoring, so under CIS 6.0 8.1.11 ('non-deprecated' policies) there is nothing to check here -> change: retire the check, or re-point it to virtualMachinesAdvancedThreatProtectionMonitoringEffect (Defender for Servers policy) and say so. What a user should rely on instead: Defender for Servers enabled (pricings VirtualMachines Standard), the 'Endpoint protection' component = Microsoft.Security/settings WDATP enabled (CIS 5.0/6.0 8.1.3.3, Prowler defender_ensure_wdatp_is_enabled), and per-VM presence of MDE/antimalware (our compute.endpoint_protection_installed, CIS 3.0 8.8). Prowler ignores parameters -> n/a. Scope: we accept only an MCSB assignment whose parent is the subscription itself; an MCSB assignment inherited from a management group is ignored (its id has no subscription, so it is filtered out), which gives a false 'not assigned' fail -> change (accept ancestor-scope assignments unless the subscription or an ancestor is in its notScopes). enforcementMode: we ignore it, Prowler fails DoNotEnforce -> keep (DoNotEnforce stops enforcement of deny/modify/DINE effects but audit/AuditIfNotExists compliance is still evaluated and reported, so monitoring is not lost; could go in evidence). Missing assignment: we fail, Prowler is silent -> keep."##,
        decision: r##"Changed in this release: manual, because no live parameter exists; the message says what to rely on instead. Prowler's counterpart reads enforcementMode only."##,
    },
    Counterparts {
        check: "defender.policy_disk_encryption",
        azure_policy: &[
            PolicyDefinition {
                id: "3dc5edcd-002d-444c-b216-e123bbfa37c0",
                name: r##"Windows virtual machines should enable Azure Disk Encryption or EncryptionAtHost."##,
            },
            PolicyDefinition {
                id: "ca88aadc-6e2b-416c-9de2-5a0f01d1693f",
                name: r##"Linux virtual machines should enable Azure Disk Encryption or EncryptionAtHost."##,
            },
        ],
        azure_policy_decides: r##"Live MCSB parameters gcWindowsDiskEncryptionMonitoringEffect / gcLinuxDiskEncryptionMonitoringEffect (default AuditIfNotExists) -> 3dc5edcd / ca88aadc: for Microsoft.Compute/virtualMachines with a supported image, excluding ConfidentialVM security type, ultraSSDEnabled true, tiny A0/A1 SKUs and AKS/Databricks images, compliant only if the guestConfigurationAssignments AzureWindowsVMEncryptionCompliance / AzureLinuxVMEncryptionCompliance exists with complianceStatus Compliant (needs the Guest Configuration extension; none = non-compliant). The legacy diskEncryptionMonitoringEffect fed 0961003e-5a0a-4549-abde-af6a37f2724d (now deprecated); it went Disabled/unwired in MCSB 57.39.0 (2024-06)."##,
        prowler: &["policy_ensure_asc_enforcement_enabled"],
        prowler_decides: r##"policy_ensure_asc_enforcement_enabled lists policy assignments per subscription (SDK list, which also returns assignments inherited from management groups), keys them by name, and only looks at the one named 'SecurityCenterBuiltIn': PASS iff its enforcementMode is 'Default', FAIL otherwise. It never reads parameters, and when no assignment has that name it emits no finding at all (no PASS, no FAIL)."##,
        differences: r##"Parameter: we read `diskEncryptionMonitoringEffect`. In MCSB 57.56.0 it defaults to Disabled and feeds no policyDefinitionReference (it used to feed 0961003e-5a0a-4549-abde-af6a37f2724d, deprecated). So its absence does not mean AuditIfNotExists as our rule text and message say, and its value changes nothing: an explicit Disabled makes us fail a subscription whose monitoring is intact, and Disabled on the live parameter(s) (gcWindowsDiskEncryptionMonitoringEffect, gcLinuxDiskEncryptionMonitoringEffect) passes with us -> change. CIS 6.0 8.1.11 now says 'non-deprecated MCSB policies', which backs judging the live parameters only. Prowler reads no parameters at all (enforcementMode only), so it cannot see a Disabled effect -> we are stricter by design, keep. The per-disk state itself is judged by our compute.*_encrypted checks; this check only asks whether Defender still monitors it. Scope: we accept only an MCSB assignment whose parent is the subscription itself; an MCSB assignment inherited from a management group is ignored (its id has no subscription, so it is filtered out), which gives a false 'not assigned' fail -> change (accept ancestor-scope assignments unless the subscription or an ancestor is in its notScopes). enforcementMode: we ignore it, Prowler fails DoNotEnforce -> keep (DoNotEnforce stops enforcement of deny/modify/DINE effects but audit/AuditIfNotExists compliance is still evaluated and reported, so monitoring is not lost; could go in evidence). Missing assignment: we fail, Prowler is silent -> keep."##,
        decision: r##"Changed in this release: the check judges the parameters today's initiative (57.56.0) wires to a policy, shows the legacy names without judging them (an assignment with only the legacy parameter Disabled passes), and counts an assignment made at a management group above the subscription (respecting notScopes). Kept: enforcementMode is not judged (Prowler fails DoNotEnforce), because audit effects are still evaluated under DoNotEnforce."##,
    },
    Counterparts {
        check: "defender.policy_storage_encryption",
        azure_policy: &[],
        azure_policy_decides: r##"No live MCSB parameter exists for storage encryption (confirmed): storageEncryptionMonitoringEffect defaults to Disabled (allowed Audit/Disabled) and feeds no policyDefinitionReference; it has been Disabled since at least MCSB 19.0.1 (2020-11). Its old target 655cb504-bcee-4362-bd4c-402e6aa38759 '[Deprecated]: [Deprecated]: Audit missing blob encryption for storage accounts' (Security Center/ASC_BlobEncryption_Audit_Deprecated.json) flagged accounts whose enableBlobEncryption was not True; storage service encryption has been always-on and cannot be turned off, so there is nothing left to monitor. The storage-encryption items still wired in MCSB are opt-in and default to Disabled: storageAccountsShouldUseCustomerManagedKeyForEncryptionMonitoringEffect -> 6fac406b-40ca-413b-bf8e-0bf964659c25 (Storage/StorageAccountCustomerManagedKeyEnabled_Audit.json: Audit when encryption.keySource is not Microsoft.Keyvault). Outside MCSB: 4733ea7b-a883-42fe-8cac-97454c2a9e4a 'Storage accounts should have infrastructure encryption' (Audit when encryption.requireInfrastructureEncryption is not true)."##,
        prowler: &["policy_ensure_asc_enforcement_enabled"],
        prowler_decides: r##"policy_ensure_asc_enforcement_enabled lists policy assignments per subscription (SDK list, which also returns assignments inherited from management groups), keys them by name, and only looks at the one named 'SecurityCenterBuiltIn': PASS iff its enforcementMode is 'Default', FAIL otherwise. It never reads parameters, and when no assignment has that name it emits no finding at all (no PASS, no FAIL)."##,
        differences: r##"We read storageEncryptionMonitoringEffect, which feeds nothing and is Disabled by default: absent -> we pass claiming AuditIfNotExists (the parameter does not even allow AuditIfNotExists; its allowed values are Audit/Disabled); explicit Disabled -> we fail for no loss -> change: retire the check. Treating 6fac406b's default Disabled as a CIS 8.1.11 failure would fail every default assignment, so do not re-point to it. What a user should rely on instead: encryption at rest is platform-enforced for every storage account; if customer-managed keys or infrastructure encryption are wanted, audit encryption.keySource / encryption.requireInfrastructureEncryption on the accounts (azaudit has no such storage check today) or set the CMK parameter to Audit. Prowler ignores parameters -> n/a. Scope: we accept only an MCSB assignment whose parent is the subscription itself; an MCSB assignment inherited from a management group is ignored (its id has no subscription, so it is filtered out), which gives a false 'not assigned' fail -> change (accept ancestor-scope assignments unless the subscription or an ancestor is in its notScopes). enforcementMode: we ignore it, Prowler fails DoNotEnforce -> keep (DoNotEnforce stops enforcement of deny/modify/DINE effects but audit/AuditIfNotExists compliance is still evaluated and reported, so monitoring is not lost; could go in evidence). Missing assignment: we fail, Prowler is silent -> keep."##,
        decision: r##"Changed in this release: manual, because no live parameter exists; the message says what to rely on instead. Prowler's counterpart reads enforcementMode only."##,
    },
    Counterparts {
        check: "defender.policy_sql_auditing",
        azure_policy: &[PolicyDefinition {
            id: "a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9",
            name: r##"Auditing on SQL server should be enabled"##,
        }],
        azure_policy_decides: r##"Live MCSB parameter sqlServerAuditingMonitoringEffect (default AuditIfNotExists) -> a6fb4358: for Microsoft.Sql/servers whose kind does not contain 'analytics', compliant only if servers/auditingSettings 'default' has state equal to the 'setting' parameter (default 'enabled'); a missing setting is non-compliant. Effect AuditIfNotExists. The legacy sqlAuditingMonitoringEffect (display name 'Monitor unaudited SQL servers in Microsoft Defender for Cloud') was already Disabled/unwired by 2020-11; its old target af8051bf-258b-44e2-a2bf-165330459f9d is deprecated. Note: sqlServerAuditingActionsAndGroupsMonitoringEffect defaults to AuditIfNotExists but is unwired too."##,
        prowler: &["policy_ensure_asc_enforcement_enabled"],
        prowler_decides: r##"policy_ensure_asc_enforcement_enabled lists policy assignments per subscription (SDK list, which also returns assignments inherited from management groups), keys them by name, and only looks at the one named 'SecurityCenterBuiltIn': PASS iff its enforcementMode is 'Default', FAIL otherwise. It never reads parameters, and when no assignment has that name it emits no finding at all (no PASS, no FAIL)."##,
        differences: r##"Parameter: we read `sqlAuditingMonitoringEffect`. In MCSB 57.56.0 it defaults to Disabled and feeds no policyDefinitionReference (it used to feed af8051bf-258b-44e2-a2bf-165330459f9d, deprecated). So its absence does not mean AuditIfNotExists as our rule text and message say, and its value changes nothing: an explicit Disabled makes us fail a subscription whose monitoring is intact, and Disabled on the live parameter(s) (sqlServerAuditingMonitoringEffect) passes with us -> change. CIS 6.0 8.1.11 now says 'non-deprecated MCSB policies', which backs judging the live parameters only. Prowler reads no parameters at all (enforcementMode only), so it cannot see a Disabled effect -> we are stricter by design, keep. Optionally also read sQLServersShouldBeConfiguredWithAuditingRetentionDaysGreaterThan90DaysMonitoringEffect -> 89099bee-89e0-4b26-a5f4-165451757743 (live, AuditIfNotExists), which matches our sql.auditing_enabled retention part. Scope: we accept only an MCSB assignment whose parent is the subscription itself; an MCSB assignment inherited from a management group is ignored (its id has no subscription, so it is filtered out), which gives a false 'not assigned' fail -> change (accept ancestor-scope assignments unless the subscription or an ancestor is in its notScopes). enforcementMode: we ignore it, Prowler fails DoNotEnforce -> keep (DoNotEnforce stops enforcement of deny/modify/DINE effects but audit/AuditIfNotExists compliance is still evaluated and reported, so monitoring is not lost; could go in evidence). Missing assignment: we fail, Prowler is silent -> keep."##,
        decision: r##"Changed in this release: the check judges the parameters today's initiative (57.56.0) wires to a policy, shows the legacy names without judging them (an assignment with only the legacy parameter Disabled passes), and counts an assignment made at a management group above the subscription (respecting notScopes). Kept: enforcementMode is not judged (Prowler fails DoNotEnforce), because audit effects are still evaluated under DoNotEnforce."##,
    },
    Counterparts {
        check: "defender.policy_sql_encryption",
        azure_policy: &[PolicyDefinition {
            id: "17k78e20-9358-41c9-923c-fb736d382a12",
            name: r##"Transparent Data Encryption on SQL databases should be enabled"##,
        }],
        azure_policy_decides: r##"Live MCSB parameter sqlDbEncryptionMonitoringEffect (default AuditIfNotExists) -> 17k78e20 (sic, the GUID contains 'k'): for Microsoft.Sql/servers/databases other than 'master', compliant only if transparentDataEncryption 'current' has status/state 'enabled' (either alias); missing = non-compliant. The legacy sqlEncryptionMonitoringEffect ('Monitor unencrypted SQL databases in Microsoft Defender for Cloud') was already Disabled/unwired by 2020-11; its old target a8bef009-a5c9-4d0f-90d7-6018734e8a16 is deprecated."##,
        prowler: &["policy_ensure_asc_enforcement_enabled"],
        prowler_decides: r##"policy_ensure_asc_enforcement_enabled lists policy assignments per subscription (SDK list, which also returns assignments inherited from management groups), keys them by name, and only looks at the one named 'SecurityCenterBuiltIn': PASS iff its enforcementMode is 'Default', FAIL otherwise. It never reads parameters, and when no assignment has that name it emits no finding at all (no PASS, no FAIL)."##,
        differences: r##"Parameter: we read `sqlEncryptionMonitoringEffect`. In MCSB 57.56.0 it defaults to Disabled and feeds no policyDefinitionReference (it used to feed a8bef009-a5c9-4d0f-90d7-6018734e8a16, deprecated). So its absence does not mean AuditIfNotExists as our rule text and message say, and its value changes nothing: an explicit Disabled makes us fail a subscription whose monitoring is intact, and Disabled on the live parameter(s) (sqlDbEncryptionMonitoringEffect) passes with us -> change. CIS 6.0 8.1.11 now says 'non-deprecated MCSB policies', which backs judging the live parameters only. Prowler reads no parameters at all (enforcementMode only), so it cannot see a Disabled effect -> we are stricter by design, keep. The TDE state itself is judged by sql.tde_enabled. Scope: we accept only an MCSB assignment whose parent is the subscription itself; an MCSB assignment inherited from a management group is ignored (its id has no subscription, so it is filtered out), which gives a false 'not assigned' fail -> change (accept ancestor-scope assignments unless the subscription or an ancestor is in its notScopes). enforcementMode: we ignore it, Prowler fails DoNotEnforce -> keep (DoNotEnforce stops enforcement of deny/modify/DINE effects but audit/AuditIfNotExists compliance is still evaluated and reported, so monitoring is not lost; could go in evidence). Missing assignment: we fail, Prowler is silent -> keep."##,
        decision: r##"Changed in this release: the check judges the parameters today's initiative (57.56.0) wires to a policy, shows the legacy names without judging them (an assignment with only the legacy parameter Disabled passes), and counts an assignment made at a management group above the subscription (respecting notScopes). Kept: enforcementMode is not judged (Prowler fails DoNotEnforce), because audit effects are still evaluated under DoNotEnforce."##,
    },
    Counterparts {
        check: "defender.security_contact_configured",
        azure_policy: &[
            PolicyDefinition {
                id: "4f4f78b8-e367-4b10-a341-d9a4ad5cf1c7",
                name: r##"Subscriptions should have a contact email address for security issues"##,
            },
            PolicyDefinition {
                id: "b4d66858-c922-44e3-9566-5cdb7a7be744",
                name: r##"[Deprecated]: A security contact phone number should be provided for your subscription"##,
            },
        ],
        azure_policy_decides: r##"4f4f78b8 (live in MCSB via subscriptionsShouldHaveAContactEmailAddressForSecurityIssuesMonitoringEffect, AuditIfNotExists; Microsoft's CIS v2.1.0 mapping for 'Additional email addresses'): per subscription, non-compliant when no Microsoft.Security/securityContacts exists whose 'email' alias is not ''. The phone definition b4d66858 is deprecated (default Disabled, not in MCSB): Microsoft no longer asks for a phone. Related, for the neighbouring CIS items: 6e2593d9-add6-4083-9c9b-4b7d2188c899 (CIS 3.0 3.1.14 in Microsoft's initiative) wants alertNotifications 'On' or isEnabled true with an Alert notificationsSource; 0b15565f-aa9e-48ba-8619-45960f2c314d reads alertsToAdmins/minimalSeverity. Microsoft's CIS v3.0.0 initiative maps 3.1.13 to no definition."##,
        prowler: &[
            "defender_additional_email_configured_with_a_security_contact",
            "defender_ensure_notify_emails_to_owners",
            "defender_ensure_notify_alerts_severity_is_high",
            "defender_attack_path_notifications_properly_configured",
        ],
        prowler_decides: r##"Service reads securityContacts at api-version 2023-12-01-preview with raw REST; defaults: isEnabled False, emails '' then split on ';', phone '', notificationsByRole.state 'Off' -> False, roles [], Alert minimalSeverity / AttackPath minimalRiskLevel None (sourceType matched exactly). defender_additional_email_configured_with_a_security_contact: PASS iff the split list is non-empty, which is always true (''.split(';') == ['']), so an empty emails string passes. notify_emails_to_owners: PASS iff notificationsByRole state On and 'Owner' in roles. notify_alerts_severity_is_high: PASS iff an Alert source has minimalSeverity set and not 'Critical'. attack_path: PASS iff AttackPath minimalRiskLevel is at or below the configured level (default High). None of them reads isEnabled or phone; no contact -> no finding."##,
        differences: r##"Phone: we require a phone number; CIS 3.1.13/9.1.13/8.1.13 asks only for additional email addresses, Prowler checks emails only, and Microsoft deprecated its phone policy (b4d66858) -> change: phone optional, evidence only (the portal's email-notifications page no longer offers a phone field [my understanding]); fix title and remediation. Emails: we trim, split on ';' and drop empty entries, so '' or ' ; ' fails, where Prowler passes any string -> keep (stricter, correct). No contact: we fail, policy 4f4f78b8 is non-compliant, Prowler silent -> keep. API: we read 2020-01-01-preview (emails, phone, alertNotifications.state/minimalSeverity, notificationsByRole.state/roles); Prowler reads 2023-12-01-preview (isEnabled, notificationsSources[] Alert/AttackPath, notificationsByRole). For 3.1.13 both carry 'emails', so no change is needed here; but a contact saved with isEnabled false sends no notifications while its emails remain, and only the 2023 schema shows that -> optional change when we move to 2023-12-01-preview: treat isEnabled false as not configured. Notification settings (alertNotifications.state Off, notificationsByRole) are separate CIS items (3.1.12/3.1.14, 4.0+ 9.1.12/9.1.14/9.1.15) that azaudit has no check for; they should be separate checks (roles contain Owner with state On; Alert minimalSeverity High or lower; AttackPath minimalRiskLevel set), not folded into this one. Note the 2023 spec example spells sourceType 'AttachPath'; compare case-insensitively and accept the documented 'AttackPath'."##,
        decision: r##"Changed in this release: the contact's addresses must receive alerts (alertNotifications On, or isEnabled with an Alert source at 2023-12-01-preview); both notifications Off fails (it notifies nobody); alert e-mails Off with role notifications On fails too (stricter than Prowler, which reads the addresses only); a phone is no longer required, as CIS, Prowler and policy 4f4f78b8 ask e-mail only. Open: owner notifications, alert severity and attack-path level are separate recommendations (CIS 3.1.12/3.1.14, later 9.1.x/8.1.x), for the identity and Defender breadth work."##,
    },
    Counterparts {
        check: "iam.no_custom_owner_roles",
        azure_policy: &[
            PolicyDefinition {
                id: "10ee2ea2-fb4d-45b8-a7e9-a2e770044cd9",
                name: r##"[Deprecated]: Custom subscription owner roles should not exist"##,
            },
            PolicyDefinition {
                id: "a451c1ef-c6ca-483d-87ed-f49761e3ffb5",
                name: r##"Audit usage of custom RBAC roles"##,
            },
        ],
        azure_policy_decides: r##"10ee2ea2 (deprecated, Audit): a Microsoft.Authorization/roleDefinitions resource with roleDefinitions/type = CustomRole is non-compliant when some permissions[*].actions[*] equals '*' and some assignableScopes[*] is the evaluated subscription (with or without trailing '/'), '/', or is like '/providers/Microsoft.Management/*'. A role with no '*' action or only resource-group scopes is compliant. a451c1ef (Audit, the one Microsoft's CIS 2.0.0 initiative maps to 1.23) flags every CustomRole regardless of its actions or scopes."##,
        prowler: &["iam_subscription_roles_owner_custom_not_created"],
        prowler_decides: r##"For each role definition listed at /subscriptions/<id> whose role_type is exactly 'CustomRole': FAIL when any assignable scope matches the regex ^/.* (i.e. any scope at all, resource groups included) and any permission's actions contains exactly '*'; PASS otherwise. A role with an empty permissions list is never FAIL (PASS)."##,
        differences: r##"vs 10ee2ea2: same predicate (actions '*' and an assignable scope that is root, a management group or a subscription); ours matches any subscription in assignableScopes rather than only the one being evaluated, trims whitespace, and reports unknown when permissions/assignableScopes are absent (policy: missing array -> no match -> compliant). Keep. vs a451c1ef: it audits every custom role; ours only owner-equivalent ones. Keep (CIS 2.23 asks about administrator roles, and the all-custom-roles audit is not what the recommendation states). vs Prowler: Prowler also fails a '*' role assignable only at resource-group scope (its scope regex matches every scope); ours passes it. Keep: CIS' audit procedure and Microsoft's own definition consider only '/', subscription and management-group scopes, and our rule documents this. Prowler passes a role with no permissions listed; ours is unknown when permissions are absent (stricter, keep). Prowler compares 'CustomRole' and '*' case/whitespace-sensitively; ours is tolerant (keep). Neither counterpart looks at dataActions or at '*'-like wildcards such as 'Microsoft.Authorization/*'; neither do we. No proposed change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.mfa_privileged_users",
        azure_policy: &[
            PolicyDefinition {
                id: "e3e008c3-56b9-4133-8fd7-d3347377402a",
                name: r##"[Deprecated]: Accounts with owner permissions on Azure resources should be MFA enabled"##,
            },
            PolicyDefinition {
                id: "931e118d-50a1-4457-a5e4-78550e086c52",
                name: r##"[Deprecated]: Accounts with write permissions on Azure resources should be MFA enabled"##,
            },
            PolicyDefinition {
                id: "4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b",
                name: r##"Users must authenticate with multi-factor authentication to create or update resources"##,
            },
        ],
        azure_policy_decides: r##"e3e008c3/931e118d (deprecated, default effect Disabled): AuditIfNotExists on each Microsoft.Resources/subscriptions, compliant only when the Defender assessment 6240402e-... (owner) / c0cb17b2-... (write) has status.code Healthy or NotApplicable; a missing assessment is non-compliant. Scope is Azure RBAC holders of owner/write permissions on the subscription only, no Entra directory roles. 4e6c27d5 (default Audit, mode All) is not a posture check: it audits/denies ARM create/update requests from a user token whose amr claim lacks 'mfa' and acrs lacks 'p1'. Microsoft's CIS 3.0.0 initiative maps nothing to 2.1.2 or 2.2.4."##,
        prowler: &["entra_privileged_user_has_mfa"],
        prowler_decides: r##"Privileged = the user is among the members of any activated directory role (GET /directoryRoles then /members, users only, every role counts: Global Reader, Directory Readers, Guest Inviter etc.). For every such user, enabled or not and of any userType: PASS iff userRegistrationDetails.isMfaCapable is true; a user absent from the report defaults to false, so FAIL. No CA, security defaults or Azure RBAC considered."##,
        differences: r##"Known and being fixed (recorded only): Prowler reads isMfaCapable, we read isMfaRegistered; CA narrowing conditions; security defaults; privilege via groups, PIM eligibility and management-group inheritance. Other differences: (1) Which directory roles are privileged: Prowler counts membership in any activated directory role; we count 16 template ids. Microsoft's own PRIVILEGED label (permissions-reference) covers roles we omit: Global Reader f2ef992c-3afb-46b9-b7cf-a126ee74c451, Security Reader 5d6b6bb7-de71-4623-b4af-96380a352509, Security Operator 5f2222b1-57c3-48ba-8ad5-d4759f1fde6f, Directory Writers 9360feb5-f418-4baa-8175-e2a00bac4301, Cloud Device Administrator 7698a772-787b-4ac8-901f-60d6b08affd2, Domain Name Administrator 8329153b-31d0-4727-b945-745eb3bc5f31, External Identity Provider Administrator be2f45a1-457d-42af-a067-6ec1fa63bc45, Application Developer cf1c38e5-3621-4004-a7cb-879624dced7c, Authentication Extensibility Administrator 25a516ed-2fa0-40ea-a2d0-12923a21473a, B2C IEF Keyset Administrator aaf43236-0c0d-4d5f-883a-6955382ac081, Lifecycle Workflows Administrator 59d46f88-662b-457b-bceb-5c3809e5908f, Attribute Provisioning Administrator ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe, Attribute Provisioning Reader 422218e4-db15-4ef9-bbe0-8afb41546d79, Agent ID Administrator db506228-d27e-4b7d-95e5-295956d6615f, Partner Tier1/Tier2 Support 4ba39ca4-527c-499a-b93d-d9b492c50246 / e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8 -> change (a Global Reader without MFA is a false pass today; our own test fixture uses Global Reader as the 'not privileged' example). Our extra Exchange/SharePoint/Billing Administrator (not labelled privileged by Microsoft) -> keep, stricter. Counting every activated role as Prowler does (Directory Readers, Guest Inviter, Message Center Reader) -> keep ours; those users are still judged by iam.mfa_all_users. (2) Azure RBAC: Prowler ignores it; we add Owner/Contributor/User Access Administrator at subscription or wider -> keep (stricter; matches the deprecated Defender assessments' scope). Azure's 'privileged administrator' set also includes Role Based Access Control Administrator f58310d9-a9f6-439a-9e8d-f62e7b41a168, which can grant itself or others Owner -> change. (3) Disabled users: Prowler judges disabled privileged users (always FAIL, since the registration report skips disabled users); we skip them -> keep (a disabled account cannot sign in; disabled accounts holding permissions are CIS 5.3.5's subject). (4) Missing registration record: Prowler FAIL, ours unknown -> keep (part of the known registration work). (5) Guests: both judge guests holding privileged roles. But our CA coverage reads only the legacy 'GuestsOrExternalUsers' string in includeUsers/excludeUsers and ignores conditions.users.includeGuestsOrExternalUsers / excludeGuestsOrExternalUsers objects (guestOrExternalUserTypes, externalTenants), which the portal writes for guest targeting -> change: an 'All users' policy that excludes guests through the object currently counts as covering a guest admin (false pass), and a guest-only policy written with the object does not count (false fail). Also, B2B collaboration members (userType Member, '#EXT#' UPN) are matched by guestOrExternalUserTypes 'b2bCollaborationMember' but are not treated as guests by us. (6) vs policy: the Defender assessments cover only Azure RBAC holders on a subscription and are deprecated; 4e6c27d5 enforces MFA at request time and cannot be compared per user."##,
        decision: r##"Changed in this release: isMfaCapable instead of isMfaRegistered; a narrowed conditional access policy is not coverage (the message names the condition); security defaults count; privilege through groups (transitive members), PIM eligibility (Graph and ARM), management-group and root scopes; Role Based Access Control Administrator and every directory role Microsoft labels PRIVILEGED; guest targeting through include/excludeGuestsOrExternalUsers. Kept: disabled users are skipped (they cannot sign in; Prowler fails them); a missing registration record is unknown (Prowler fails it); Exchange, SharePoint and Billing Administrator count (stricter); Azure RBAC holders count (Prowler ignores them)."##,
    },
    Counterparts {
        check: "iam.no_guest_users",
        azure_policy: &[
            PolicyDefinition {
                id: "339353f6-2387-4a45-abe4-7f529d121046",
                name: r##"Guest accounts with owner permissions on Azure resources should be removed"##,
            },
            PolicyDefinition {
                id: "94e1c2ac-cbbe-4cac-a2b5-389c812dee87",
                name: r##"Guest accounts with write permissions on Azure resources should be removed"##,
            },
            PolicyDefinition {
                id: "e9ac8f8e-ce22-4355-8f04-99b911d6be52",
                name: r##"Guest accounts with read permissions on Azure resources should be removed"##,
            },
        ],
        azure_policy_decides: r##"AuditIfNotExists (default) on each Microsoft.Resources/subscriptions. Compliant only when the Defender assessment (20606e75-... owner, 0354476c-... write, fde1c0c9-... read) has status.code Healthy or NotApplicable. A missing assessment is non-compliant. The assessments flag 'external accounts' (descriptions speak of external accounts) that hold owner/write/read RBAC permissions on the subscription. Microsoft's CIS 2.0.0 initiative maps all three to 1.5 (guest review); the 3.0.0 initiative maps nothing to 2.4."##,
        prowler: &[],
        prowler_decides: r##"No Azure-provider counterpart: Prowler's users query does not even select userType. Its CIS 5.0/6.0 mappings put entra_policy_guest_users_access_restrictions under 'guest users are reviewed', but that check only tests authorizationPolicy.guestUserRoleId == 2af84b1e-... (restricted guest access), a different setting (CIS 2.15)."##,
        differences: r##"vs policy: the Defender assessments flag only external accounts that hold Azure RBAC permissions on a subscription. We flag every enabled guest not on cfg.allowed_guests, with or without permissions -> keep (CIS reviews every guest). An allow-listed guest who holds Owner passes ours but fails 339353f6 -> keep (the allow list is an explicit operator decision; the owner is also judged by the MFA and RBAC checks). Defender's notion is external by domain; ours is userType Guest only, so a B2B collaboration member (userType Member, UPN '<x>_<domain>#EXT#@tenant') yields no finding -> change. Disabled guests: ours skips them; CIS' audit command (az ad user list ?userType=='Guest') lists them too -> keep (a disabled account cannot sign in; CIS 5.3.5 covers disabled accounts with permissions), noted. No Prowler counterpart."##,
        decision: r##"Changed in this release: B2B collaboration members (`userType` Member with an `#EXT#` UPN) are judged as external users, as Microsoft's guest-account policies count them. Kept: disabled guests give no finding (they cannot sign in)."##,
    },
    Counterparts {
        check: "iam.mfa_all_users",
        azure_policy: &[PolicyDefinition {
            id: "81b3ccb4-e6e8-4e4a-8d05-5df25cd29fd4",
            name: r##"[Deprecated]: Accounts with read permissions on Azure resources should be MFA enabled"##,
        }],
        azure_policy_decides: r##"Deprecated, default effect Disabled. AuditIfNotExists on each subscription, compliant only when Defender assessment dabc9bc4-... has status.code Healthy or NotApplicable. A missing assessment is non-compliant. Its scope is Azure RBAC holders of read permissions on the subscription, not all directory users. Microsoft's CIS 3.0.0 initiative maps nothing to 2.1.3 or 2.2.5."##,
        prowler: &["entra_non_privileged_user_has_mfa"],
        prowler_decides: r##"For every user with account_enabled true who is not a member of any activated directory role, of any userType (guests included, since Prowler does not read userType): PASS iff userRegistrationDetails.isMfaCapable is true. A user missing from the report defaults to false (FAIL). CA and security defaults are ignored. Prowler's CIS 4.0-6.0 mappings pair it with entra_privileged_user_has_mfa for 'MFA enabled for all users'."##,
        differences: r##"Known and being fixed (recorded only): isMfaCapable vs isMfaRegistered, CA narrowing conditions, security defaults. Other differences: (1) Guests: Prowler judges enabled guests, and CIS 2.2.5/5.2.4 ('MFA policy exists for all users') expects All users, guests included. We skip every user whose userType is not Member, and iam.mfa_privileged_users only judges guests who hold privileged roles. So an ordinary guest (often with Azure Reader or Contributor on a resource group) is never judged -> change. (2) Privileged members: we judge them here as well; Prowler leaves them to its privileged check -> keep (all means all). (3) Disabled users: both skip -> same. (4) Missing registration record: Prowler FAIL, ours unknown -> keep (known registration work). (5) The CA guest-targeting objects (include/excludeGuestsOrExternalUsers) are ignored; see iam.mfa_privileged_users. This matters here once guests are judged -> change there."##,
        decision: r##"Changed in this release: guests are judged as members are (Prowler and CIS 'all users'); isMfaCapable, narrowed policies and security defaults as for privileged users. Kept: privileged members are judged here too (all means all)."##,
    },
    Counterparts {
        check: "iam.mfa_remember_device_disabled",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &[],
        prowler_decides: r##""##,
        differences: r##"No built-in policy audits this, and Microsoft's CIS 3.0.0 initiative maps nothing to 2.1.4. Prowler has no check and lists the requirement with no checks (manual) in its CIS 2.0-6.0 mappings. The setting lives in the legacy per-user MFA service settings and has no Graph API, so our manual-or-attested handling is the only option. No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.password_reset_notify_users",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &[],
        prowler_decides: r##""##,
        differences: r##"No built-in policy, and nothing is mapped in Microsoft's CIS initiatives. Prowler has no check (its CIS mappings leave the requirement without checks). The SSPR notification setting is not exposed in Graph, so manual handling is right. CIS 6.0 no longer has this recommendation. The 4.0 id is 6.10; the TSV and Prowler's 4.0 file print it as '6.1', which looks like a number-formatting loss. No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.admin_portal_restricted",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &[],
        prowler_decides: r##""##,
        differences: r##"No built-in policy or initiative mapping. Prowler's Azure provider has no check for the 'Restrict access to Microsoft Entra admin center' user setting and leaves the requirement unmapped. Its entra_conditional_access_policy_require_mfa_for_admin_portals (and the M365 provider's entra_admin_portals_access_restriction) test a CA policy for the admin portals, which is a different control (CIS 2.2.8). No API exposes the setting, so manual handling is right. Not in CIS 6.0. No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.users_cannot_create_security_groups",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &["entra_policy_default_users_cannot_create_security_groups"],
        prowler_decides: r##"Reads GET /policies/authorizationPolicy defaultUserRolePermissions.allowedToCreateSecurityGroups. PASS when defaultUserRolePermissions exists and the value is falsy, FAIL otherwise. The service code stores a missing value as None, so an absent property (or an empty defaultUserRolePermissions object) comes out as PASS."##,
        differences: r##"No built-in policy, and Microsoft's CIS initiatives map nothing. vs Prowler: same property and same true/false outcome. When the value is absent, Prowler passes and we report unknown -> keep (ours is stricter and never passes on missing data). Not in CIS 6.0. No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.guest_invites_admins_only",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &["entra_policy_guest_invite_only_for_admin_roles"],
        prowler_decides: r##"Reads authorizationPolicy.allowInvitesFrom. The service code turns a missing value into 'everyone'. PASS iff the value is exactly 'adminsAndGuestInviters' or 'none' (case-sensitive), FAIL otherwise."##,
        differences: r##"No built-in policy, and Microsoft's CIS initiatives map nothing. vs Prowler: same accepted values. CIS 3.0/4.0 name only the admin-roles option, and 5.0 adds 'No one' = none; accepting none is at least as strict -> keep. When the value is absent, Prowler fails (it assumes the 'everyone' default) and we report unknown -> keep (v1.0 always returns the property, so an absent value means a broken record). We compare case-insensitively -> keep. No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.users_cannot_create_m365_groups",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &["entra_users_cannot_create_microsoft_365_groups"],
        prowler_decides: r##"Reads GET /groupSettings and takes the first setting whose displayName is exactly 'Group.Unified'. With no such setting: FAIL (tenant default). Otherwise PASS if its values hold EnableGroupCreation with a value other than the exact string 'true', FAIL if that value is missing."##,
        differences: r##"No built-in policy, and Microsoft's CIS initiatives map nothing. vs Prowler: both fail when no Group.Unified exists. Prowler's comparison is case-sensitive: 'True', '' or any odd value passes; ours passes only on 'false' (case-insensitive), fails on 'true' and is unknown otherwise -> keep (Prowler has the false pass). When Group.Unified exists without EnableGroupCreation, Prowler fails and we report unknown. The template default is true, so fail would also be defensible, but a setting created from the template normally carries every value -> keep, optional. We also recognise the setting by templateId 62375ab9-6b52-47ed-826b-58e47e0e304b -> keep. Neither looks at GroupCreationAllowedGroupId, which is correct (it is the sanctioned exception). No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.self_service_group_management_disabled",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &[],
        prowler_decides: r##""##,
        differences: r##"No built-in policy or initiative mapping. Prowler has no check and leaves the requirement unmapped. The My Groups owner-management setting has no Graph API, so manual handling is right. The 4.0 id is 6.20; the TSV and Prowler print it as '6.2'. Not in CIS 6.0. No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "network.rdp_internet_denied",
        azure_policy: &[
            PolicyDefinition {
                id: "22730e10-96f6-4aac-ad84-9383d35b5917",
                name: r##"Management ports should be closed on your virtual machines"##,
            },
            PolicyDefinition {
                id: "e372f825-a257-4fb8-9175-797a8a8627d6",
                name: r##"[Deprecated]: RDP access from the Internet should be blocked"##,
            },
        ],
        azure_policy_decides: r##"22730e10 (current, AuditIfNotExists) is per virtual machine: compliant only when Defender for Cloud assessment bc303248 (management ports open on the VM, judged on its effective NIC+subnet NSGs) has status.code NotApplicable or Healthy; a VM with no assessment is non-compliant. The deprecated e372f825 (Audit) is per securityRules child resource: flags an Inbound Allow whose destinationPortRange is '*', '3389' or an a-b range containing it, or whose destinationPortRanges list holds '*', '3389' or such a range, and whose sourceAddressPrefix is '*' or 'Internet' or sourceAddressPrefixes contains one of them; it ignores protocol (UDP counts), never recognises '0.0.0.0/0', '::/0' or 'Any', and ignores priority/Deny rules."##,
        prowler: &["network_rdp_internet_access_restricted"],
        prowler_decides: r##"FAIL per NSG if any securityRule is Inbound, Allow, protocol exactly 'TCP'/'Tcp'/'*', sourceAddressPrefix exactly 'Internet', '*' or '0.0.0.0/0', and destinationPortRange equals '3389' or is an a-b range containing it. Only the single-value fields are read (sourceAddressPrefixes and destinationPortRanges lists are not collected), destinationPortRange '*' does NOT match, priorities and Deny rules are ignored, default rules are not read; the service code defaults a missing access to 'Allow' and direction to 'Inbound'."##,
        differences: r##"Sources: we match '*', 'Internet', 'Any', '0.0.0.0/0', '0.0.0.0', '::/0' and any '/0' in both sourceAddressPrefix and sourceAddressPrefixes (case-insensitive) - wider than Prowler (no lists, no Any, no ::/0) and the deprecated policy (only * and Internet); keep. Ports: we match '*', '3389', ranges and destinationPortRanges lists; Prowler misses '*' and lists (a rule 'Allow * from Internet' passes Prowler) - keep. Protocol: we require Tcp or '*' like CIS and Prowler; the deprecated policy also flags Udp/Icmp Allows of port 3389 - keep (RDP needs a TCP session; CIS says TCP or Any). Priority/Deny: we pass an Allow shadowed by a higher-priority (lower number) Deny of the same traffic, while Prowler, the deprecated policy and the literal CIS audit query flag every matching Allow regardless of priority - keep (NSG evaluation stops at the first match, so the port is effectively closed; the finding says it is shadowed), but this is a deliberate difference a reviewer will see. Default rules: no counterpart reads defaultSecurityRules and none of them allows internet inbound; same. Scope: we judge each NSG whether or not it is attached, like Prowler; 22730e10 judges VMs on effective rules and public reachability - keep (per-NSG is what CIS audits). Real gap (change): a Deny counts as blocking 'the internet' whenever any of its sources is one of the internet spellings, so a Deny from '::/0' only (IPv6) or from '0.0.0.0' (a single address) is treated as a full Deny and shadows a later 'Allow *' that still admits all IPv4 internet traffic: we pass, Prowler and the deprecated policy (which ignore Denies) fail. Likewise a Deny from '0.0.0.0/0' does not cover IPv6 sources of an 'Allow *' on a dual-stack VNet, and destinationAddressPrefix '0.0.0.0/0' is treated as every destination although IPv6 destinations are outside it. Not flagged by anyone: sources like '0.0.0.0/1'+'128.0.0.0/1' or large public prefixes; keep as is (no counterpart flags them either)."##,
        decision: r##"Changed in this release: a Deny blocks only the address families its sources cover (`*`, `Any`, `Internet`: both; `0.0.0.0/0`: IPv4; `::/0`: IPv6; the single address `0.0.0.0`: none), and a destination of `0.0.0.0/0` is every IPv4 destination only; so a Deny from `::/0` before an Allow from `*` fails. Kept: an Allow that higher-priority Denies really block passes (Prowler and the deprecated policies ignore Deny rules and would flag it)."##,
    },
    Counterparts {
        check: "network.ssh_internet_denied",
        azure_policy: &[
            PolicyDefinition {
                id: "22730e10-96f6-4aac-ad84-9383d35b5917",
                name: r##"Management ports should be closed on your virtual machines"##,
            },
            PolicyDefinition {
                id: "2c89a2e5-7285-40fe-afe0-ae8654b92fab",
                name: r##"[Deprecated]: SSH access from the Internet should be blocked"##,
            },
        ],
        azure_policy_decides: r##"22730e10 (current, AuditIfNotExists) is per virtual machine: compliant only when Defender for Cloud assessment bc303248 (management ports open on the VM, judged on its effective NIC+subnet NSGs) has status.code NotApplicable or Healthy; a VM with no assessment is non-compliant. The deprecated 2c89a2e5 (Audit) is per securityRules child resource: flags an Inbound Allow whose destinationPortRange is '*', '22' or an a-b range containing it, or whose destinationPortRanges list holds '*', '22' or such a range, and whose sourceAddressPrefix is '*' or 'Internet' or sourceAddressPrefixes contains one of them; it ignores protocol (UDP counts), never recognises '0.0.0.0/0', '::/0' or 'Any', and ignores priority/Deny rules."##,
        prowler: &["network_ssh_internet_access_restricted"],
        prowler_decides: r##"FAIL per NSG if any securityRule is Inbound, Allow, protocol exactly 'TCP'/'Tcp'/'*', sourceAddressPrefix exactly 'Internet', '*' or '0.0.0.0/0', and destinationPortRange equals '22' or is an a-b range containing it. Only the single-value fields are read (sourceAddressPrefixes and destinationPortRanges lists are not collected), destinationPortRange '*' does NOT match, priorities and Deny rules are ignored, default rules are not read; the service code defaults a missing access to 'Allow' and direction to 'Inbound'."##,
        differences: r##"Sources: we match '*', 'Internet', 'Any', '0.0.0.0/0', '0.0.0.0', '::/0' and any '/0' in both sourceAddressPrefix and sourceAddressPrefixes (case-insensitive) - wider than Prowler (no lists, no Any, no ::/0) and the deprecated policy (only * and Internet); keep. Ports: we match '*', '22', ranges and destinationPortRanges lists; Prowler misses '*' and lists (a rule 'Allow * from Internet' passes Prowler) - keep. Protocol: we require Tcp or '*' like CIS and Prowler; the deprecated policy also flags Udp/Icmp Allows of port 22 - keep (SSH needs a TCP session; CIS says TCP or Any). Priority/Deny: we pass an Allow shadowed by a higher-priority (lower number) Deny of the same traffic, while Prowler, the deprecated policy and the literal CIS audit query flag every matching Allow regardless of priority - keep (NSG evaluation stops at the first match, so the port is effectively closed; the finding says it is shadowed), but this is a deliberate difference a reviewer will see. Default rules: no counterpart reads defaultSecurityRules and none of them allows internet inbound; same. Scope: we judge each NSG whether or not it is attached, like Prowler; 22730e10 judges VMs on effective rules and public reachability - keep (per-NSG is what CIS audits). Real gap (change): a Deny counts as blocking 'the internet' whenever any of its sources is one of the internet spellings, so a Deny from '::/0' only (IPv6) or from '0.0.0.0' (a single address) is treated as a full Deny and shadows a later 'Allow *' that still admits all IPv4 internet traffic: we pass, Prowler and the deprecated policy (which ignore Denies) fail. Likewise a Deny from '0.0.0.0/0' does not cover IPv6 sources of an 'Allow *' on a dual-stack VNet, and destinationAddressPrefix '0.0.0.0/0' is treated as every destination although IPv6 destinations are outside it. Not flagged by anyone: sources like '0.0.0.0/1'+'128.0.0.0/1' or large public prefixes; keep as is (no counterpart flags them either)."##,
        decision: r##"Changed in this release: a Deny blocks only the address families its sources cover (`*`, `Any`, `Internet`: both; `0.0.0.0/0`: IPv4; `::/0`: IPv6; the single address `0.0.0.0`: none), and a destination of `0.0.0.0/0` is every IPv4 destination only; so a Deny from `::/0` before an Allow from `*` fails. Kept: an Allow that higher-priority Denies really block passes (Prowler and the deprecated policies ignore Deny rules and would flag it)."##,
    },
    Counterparts {
        check: "network.watcher_enabled",
        azure_policy: &[PolicyDefinition {
            id: "b6e2945c-0b7b-40f5-9233-7a5323b5cdc6",
            name: r##"Network Watcher should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists per Microsoft.Network/virtualNetworks: compliant when a Microsoft.Network/networkWatchers resource whose location equals the VNet's location exists in the resource group named by parameter resourceGroupName (default 'NetworkWatcherRG'); provisioningState is not read; regions without a VNet are never evaluated. Microsoft's CIS v3.0.0 initiative maps 7.6 to it (also CIS v2.0.0 6.6)."##,
        prowler: &["network_watcher_enabled"],
        prowler_decides: r##"Per subscription: FAIL when any location returned by subscriptions.list_locations (every location the subscription can use, not only those in use) has no network watcher (location compared as the raw string); otherwise PASS per watcher. provisioningState is not read."##,
        differences: r##"Region set: we require a watcher in each region holding any top-level resource (global excluded) - narrower than Prowler (every available region, which fails almost every subscription) and wider than the policy (only regions with a VNet); keep: it follows CIS 'regions in use' and the CIS audit text. State: we require provisioningState Succeeded (CIS audit says so), neither counterpart reads it; keep. Resource group: the policy by default only accepts a watcher in 'NetworkWatcherRG', we accept any resource group; keep (the RG name is a convention, the watcher works from any RG; a policy assignment can change the parameter). Level: our metadata says level 1; CIS 3.0.0 and 6.0.0 list 7.6 as level 2 (5.0.0 as level 1) - metadata only, not a rule difference. No case found where we pass and a counterpart would flag for a reason that matters."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "monitor.activity_log_exported",
        azure_policy: &[
            PolicyDefinition {
                id: "7796937f-307b-4598-941c-67d3a05ebfe7",
                name: r##"Azure subscriptions should have a log profile for Activity Log"##,
            },
            PolicyDefinition {
                id: "2465583e-4e78-4c15-b6be-a36cbc7c8b0f",
                name: r##"Configure Azure Activity logs to stream to specified Log Analytics workspace"##,
            },
        ],
        azure_policy_decides: r##"7796937f (AuditIfNotExists per subscription) is compliant when a Microsoft.Insights/logProfiles resource whose 'categories' exists is present - log profiles only, so it can never pass after the log profile retirement. 2465583e (DeployIfNotExists per subscription) is compliant only when a subscription diagnostic setting sends to the one workspace given in parameter logAnalytics and its logs[].enabled equals logsEnabled (default True) - a configuration policy tied to one workspace, not a generic audit. Microsoft's CIS v3.0.0 initiative maps 6.1.1 to no definition."##,
        prowler: &["monitor_diagnostic_settings_exists"],
        prowler_decides: r##"Per subscription: PASS if the subscription diagnostic-settings list (resource URI subscriptions/<id>/) returns at least one setting, whatever its destinations or enabled categories; FAIL if none. Log profiles are not read. A listing error leaves the subscription out (no finding)."##,
        differences: r##"Log profiles: we still pass on a log profile with a destination; log profiles were retired on 30 September 2026 and this is already being changed so a log profile alone does not pass (recorded, no separate change proposed here). Prowler passes any diagnostic setting; we additionally require a destination and one enabled category; keep (a setting with every category off exports nothing). Destinations: we recognise storageAccountId, workspaceId and eventHubAuthorizationRuleId only; a setting whose only destination is marketplacePartnerId (partner solution such as Datadog or Elastic, which CIS's remediation lists as a valid destination and Prowler accepts because it ignores destinations) is dropped from our exports, so we fail (and every export-based check treats the subscription as not exported) - change. Case/ids: we compare ids case-insensitively and accept ids without a leading '/', as Azure returns them; fine."##,
        decision: r##"Changed in this release: a log profile alone no longer passes (retired 30 September 2026; CIS 6.1.1.1 and Prowler require a diagnostic setting), and log profiles are no longer read here; a partner solution (`marketplacePartnerId`) counts as a destination, as CIS lists it."##,
    },
    Counterparts {
        check: "monitor.activity_log_retention",
        azure_policy: &[PolicyDefinition {
            id: "b02aacc0-b073-424e-8298-42b22829ee0a",
            name: r##"Activity log should be retained for at least one year"##,
        }],
        azure_policy_decides: r##"b02aacc0 (AuditIfNotExists per subscription) is compliant when a log profile has retentionPolicy.enabled true with days exactly 365, or enabled false with days 0; diagnostic settings and workspaces are not considered, so after the log profile retirement it cannot pass. Microsoft's CIS v3.0.0 initiative maps nothing (CIS 3.0-6.0 has no activity-log retention recommendation)."##,
        prowler: &[],
        prowler_decides: r##"No Prowler Azure check audits activity-log retention (network_flow_log_more_than_90_days is about NSG flow logs)."##,
        differences: r##"No CIS 3.0+ recommendation and no Prowler check. Log profile path: we accept retention disabled (any days), days 0, or days >= 365; the policy accepts only enabled+365 or disabled+0 - keep (ours follows the documented meaning: 0 or disabled means forever, more than 365 is more than enough); and the log-profile path is being retired anyway. Workspace path: we read only the workspace's default retentionInDays. The activity log lands in the AzureActivity table, whose own retention (workspaces/tables/AzureActivity: retentionInDays, totalRetentionInDays including long-term/archive retention) overrides the workspace default: a workspace at 365 with AzureActivity set to 90 days passes with us although the log is kept 90 days (false pass), and a workspace at 30 with AzureActivity totalRetentionInDays 730 fails with us although it is kept two years (false fail) - change. Storage path: always unknown; with diagnostic-setting storage retention retired, blobs stay until a lifecycle management rule deletes them, so when the account's managementPolicies are collected and no enabled delete rule covers 'insights-activity-logs/' at fewer than 365 days since creation/modification, the export keeps the log >= 365 days - optional change (unknown -> pass/fail)."##,
        decision: r##"Changed in this release: a log profile's retention no longer counts. Open: the AzureActivity table's own totalRetentionInDays, and storage lifecycle rules, are not read yet (unknown for storage exports)."##,
    },
    Counterparts {
        check: "monitor.activity_log_all_categories",
        azure_policy: &[
            PolicyDefinition {
                id: "1a4e592a-6a6e-44a5-9814-e36264ca96e7",
                name: r##"Azure Monitor log profile should collect logs for categories 'write,' 'delete,' and 'action'"##,
            },
            PolicyDefinition {
                id: "41388f1c-2db0-4c25-95b2-35d7f5ccbfa9",
                name: r##"Azure Monitor should collect activity logs from all regions"##,
            },
        ],
        azure_policy_decides: r##"1a4e592a and 41388f1c (AuditIfNotExists per subscription) look only at log profiles: compliant when a log profile's categories include Write, Delete and Action, and (41388f1c) when its locations include 'global' and every one of a fixed list of 43 public regions (not just regions in use). They cannot pass after the log profile retirement. Microsoft's CIS v3.0.0 initiative maps 6.1.2 to no definition; the CIS 6.0.0 text itself cites the alert definitions 3b980d31, b954148f and c5447c04 for it, which audit alerts, not diagnostic-setting categories."##,
        prowler: &["monitor_diagnostic_setting_with_appropriate_categories"],
        prowler_decides: r##"Per subscription: PASS if one subscription diagnostic setting has logs with category exactly 'Administrative', 'Security', 'Alert' and 'Policy' each enabled (case-sensitive); categoryGroup 'allLogs' is not recognised and destinations are not checked; FAIL otherwise (also when none exist)."##,
        differences: r##"allLogs: we accept an enabled categoryGroup 'allLogs'; Prowler fails it - keep (allLogs includes all four categories, and Azure's own example setting uses it). Case: we compare categories case-insensitively, Prowler exactly - keep. Destination: we require the setting to have a destination (through exports()); Prowler does not - keep; but the marketplacePartnerId gap of activity_log_exported makes us fail a partner-only setting that carries all four categories (change, shared with that check). One setting must carry all four, like Prowler and the CIS audit ('Edit setting next to a diagnostic setting ... ensure ... checked'); keep. Log profile path: Write/Delete/Action and global + regions in use (the policy demands a fixed list of all regions) - being retired together with log profiles; recorded."##,
        decision: r##"Changed in this release: a log profile no longer counts, whatever its categories and regions; a partner solution (`marketplacePartnerId`) counts as a destination."##,
    },
    Counterparts {
        check: "monitor.activity_log_container_private",
        azure_policy: &[PolicyDefinition {
            id: "4fa4b6c0-31ca-4c0d-b10d-24b96f62a751",
            name: r##"Storage account public access should be disallowed"##,
        }],
        azure_policy_decides: r##"4fa4b6c0 (Audit/Deny per storage account, except ARO cluster/imageregistry accounts) flags an account unless allowBlobPublicAccess equals false, so a missing property is non-compliant; it does not look at containers or at whether the account holds activity logs. Microsoft maps it to CIS 2.0.0 5.1.3 (the former 'container with activity logs is not publicly accessible'); the CIS v3.0.0 initiative has no such recommendation."##,
        prowler: &["monitor_storage_account_with_activity_logs_is_private"],
        prowler_decides: r##"For each subscription diagnostic setting, finds storage accounts in the same subscription whose name equals the last segment of storageAccountId; FAIL if allow_blob_public_access is truthy, PASS otherwise - a missing (None) value passes. Containers and log profiles are not read. Mapped by Prowler to CIS 2.0 5.1.3 only."##,
        differences: r##"Missing allowBlobPublicAccess: we fail, like the policy; Prowler passes - keep (accounts created before the default changed return null and still allow anonymous access). Account matching: we match by full id across subscriptions (unknown when the account is outside the snapshot); Prowler matches by name in the same subscription only - keep. Log profiles: we also follow a log profile's storage account; Prowler does not - keep (retiring). Container: when the account disallows public access we still fail if insights-activity-logs reports publicAccess Blob/Container; neither counterpart does, and Azure documents that the account-level false overrides every container setting, so the container is not anonymously readable - change (the latent risk, the account being re-opened, is already what storage.blob_anonymous_access_disabled and this check's account test catch)."##,
        decision: r##"Kept: a container requesting public access under an account that forbids anonymous access fails: CIS's audit reads the container's own level, and the account setting is one switch away (Azure Policy 4fa4b6c0 and Prowler pass it). Log profiles' accounts are still judged: they hold the logs written before retirement."##,
    },
    Counterparts {
        check: "monitor.alert_policy_assignment_write",
        azure_policy: &[PolicyDefinition {
            id: "c5447c04-a4d7-4ba8-a263-c9ee321a6858",
            name: r##"An activity log alert should exist for specific Policy operations"##,
        }],
        azure_policy_decides: r##"c5447c04 (AuditIfNotExists per subscription, operationName parameter = Microsoft.Authorization/policyAssignments/write) is compliant when some Microsoft.Insights/ActivityLogAlerts resource in the subscription (wherever its scopes point) has enabled equal to true (missing = non-compliant) and exactly two of its top-level condition.allOf leaves are {field category, equals Administrative} or {field operationName, equals <op>} (Policy 'equals' is case-insensitive); anyOf/containsAny leaves are not seen, extra leaves are not forbidden, and actions are not read. Microsoft's CIS v3.0.0 initiative maps 6.2.1 (and 6.2.2) to c5447c04 with operationName defaulting to Microsoft.Authorization/policyAssignments/write."##,
        prowler: &["monitor_alert_create_policy_assignment"],
        prowler_decides: r##"Per subscription: PASS if any activity log alert listed in the subscription (list_by_subscription_id; scopes not read) is enabled (truthy) and has a top-level allOf leaf with field exactly 'operationName' and equals exactly 'Microsoft.Authorization/policyAssignments/write' (case-sensitive; anyOf and containsAny are not collected); no check on category, other leaves, scopes or action groups. FAIL otherwise."##,
        differences: r##"Scope: we count only alerts whose scopes include the subscription (an alert stored in another subscription but scoped here counts); the policy and Prowler count any alert stored in the subscription even if it is scoped to one resource group - keep (a resource-group alert misses changes elsewhere). Case: we match operationName and field case-insensitively like the policy (Azure evaluates conditions case-insensitively); Prowler is case-sensitive - keep. anyOf/containsAny: we accept the operation inside anyOf or containsAny; neither counterpart does - keep (such alerts fire). Enabled: we require enabled == true, missing = not counted, same as the policy - keep. Gaps (change): (1) we look only for the operationName leaf and ignore every other top-level allOf leaf, although all leaves must hold for the alert to fire. A category leaf other than Administrative (e.g. 'Security'), a second operationName leaf with another value, or a resourceType/resourceProvider leaf for another type makes the alert unable to fire on Microsoft.Authorization/policyAssignments/write; the policy flags the wrong-category case (its count of category=Administrative + operationName leaves must be 2), we pass. Azure PowerShell documents that the service rejects (400) an alert without a category leaf, so in practice every alert has one and only its value matters. (2) The CIS audit (3.0 through 6.0) requires that the alert 'does not filter on Level, Status or Caller'; we pass such alerts (so do the policy and Prowler). Leaves on resourceGroup or resourceId likewise restrict the alert to part of the subscription. (CIS's own remediation command adds level=verbose, contradicting its audit text; Administrative events are logged at Informational/Warning/Error, so a level=Verbose filter would in practice never fire.) (3) The CIS audit requires an action group ('Ensure the Actions panel displays an Action group is assigned'); we, the policy and Prowler do not check actions - an alert with no action group notifies nobody."##,
        decision: r##"Changed in this release: an alert counts only when every other top-level condition leaf accepts the Administrative event of the operation (a `category` other than Administrative, or a leaf on `level`, `status`, `subStatus`, `caller`, `resourceGroup`, `resourceId`, narrows it, as CIS's audit forbids) and it notifies an action group (CIS's audit asks for one; Azure Policy and Prowler do not look); unknown when its actions are not reported."##,
    },
    Counterparts {
        check: "monitor.alert_nsg_write",
        azure_policy: &[PolicyDefinition {
            id: "b954148f-4c11-4c38-8221-be76711e194a",
            name: r##"An activity log alert should exist for specific Administrative operations"##,
        }],
        azure_policy_decides: r##"b954148f (AuditIfNotExists per subscription, operationName parameter = Microsoft.Network/networkSecurityGroups/write) is compliant when some Microsoft.Insights/ActivityLogAlerts resource in the subscription (wherever its scopes point) has enabled equal to true (missing = non-compliant) and exactly two of its top-level condition.allOf leaves are {field category, equals Administrative} or {field operationName, equals <op>} (Policy 'equals' is case-insensitive); anyOf/containsAny leaves are not seen, extra leaves are not forbidden, and actions are not read. Microsoft's CIS v3.0.0 initiative maps 6.2.3 to no definition; its CIS v2.0.0 initiative assigns b954148f with this operationName (groups 5.2.3-5.2.8), and the CIS benchmark text cites b954148f."##,
        prowler: &["monitor_alert_create_update_nsg"],
        prowler_decides: r##"Per subscription: PASS if any activity log alert listed in the subscription (list_by_subscription_id; scopes not read) is enabled (truthy) and has a top-level allOf leaf with field exactly 'operationName' and equals exactly 'Microsoft.Network/networkSecurityGroups/write' (case-sensitive; anyOf and containsAny are not collected); no check on category, other leaves, scopes or action groups. FAIL otherwise."##,
        differences: r##"Scope: we count only alerts whose scopes include the subscription (an alert stored in another subscription but scoped here counts); the policy and Prowler count any alert stored in the subscription even if it is scoped to one resource group - keep (a resource-group alert misses changes elsewhere). Case: we match operationName and field case-insensitively like the policy (Azure evaluates conditions case-insensitively); Prowler is case-sensitive - keep. anyOf/containsAny: we accept the operation inside anyOf or containsAny; neither counterpart does - keep (such alerts fire). Enabled: we require enabled == true, missing = not counted, same as the policy - keep. Gaps (change): (1) we look only for the operationName leaf and ignore every other top-level allOf leaf, although all leaves must hold for the alert to fire. A category leaf other than Administrative (e.g. 'Security'), a second operationName leaf with another value, or a resourceType/resourceProvider leaf for another type makes the alert unable to fire on Microsoft.Network/networkSecurityGroups/write; the policy flags the wrong-category case (its count of category=Administrative + operationName leaves must be 2), we pass. Azure PowerShell documents that the service rejects (400) an alert without a category leaf, so in practice every alert has one and only its value matters. (2) The CIS audit (3.0 through 6.0) requires that the alert 'does not filter on Level, Status or Caller'; we pass such alerts (so do the policy and Prowler). Leaves on resourceGroup or resourceId likewise restrict the alert to part of the subscription. (CIS's own remediation command adds level=verbose, contradicting its audit text; Administrative events are logged at Informational/Warning/Error, so a level=Verbose filter would in practice never fire.) (3) The CIS audit requires an action group ('Ensure the Actions panel displays an Action group is assigned'); we, the policy and Prowler do not check actions - an alert with no action group notifies nobody."##,
        decision: r##"Changed in this release: an alert counts only when every other top-level condition leaf accepts the Administrative event of the operation (a `category` other than Administrative, or a leaf on `level`, `status`, `subStatus`, `caller`, `resourceGroup`, `resourceId`, narrows it, as CIS's audit forbids) and it notifies an action group (CIS's audit asks for one; Azure Policy and Prowler do not look); unknown when its actions are not reported."##,
    },
    Counterparts {
        check: "monitor.alert_nsg_delete",
        azure_policy: &[PolicyDefinition {
            id: "b954148f-4c11-4c38-8221-be76711e194a",
            name: r##"An activity log alert should exist for specific Administrative operations"##,
        }],
        azure_policy_decides: r##"b954148f (AuditIfNotExists per subscription, operationName parameter = Microsoft.Network/networkSecurityGroups/delete) is compliant when some Microsoft.Insights/ActivityLogAlerts resource in the subscription (wherever its scopes point) has enabled equal to true (missing = non-compliant) and exactly two of its top-level condition.allOf leaves are {field category, equals Administrative} or {field operationName, equals <op>} (Policy 'equals' is case-insensitive); anyOf/containsAny leaves are not seen, extra leaves are not forbidden, and actions are not read. Microsoft's CIS v3.0.0 initiative maps 6.2.4 to no definition; its CIS v2.0.0 initiative assigns b954148f with this operationName, and the CIS benchmark text cites b954148f."##,
        prowler: &["monitor_alert_delete_nsg"],
        prowler_decides: r##"Per subscription: PASS if any activity log alert listed in the subscription (list_by_subscription_id; scopes not read) is enabled (truthy) and has a top-level allOf leaf with field exactly 'operationName' and equals exactly 'Microsoft.Network/networkSecurityGroups/delete' (case-sensitive; anyOf and containsAny are not collected); no check on category, other leaves, scopes or action groups. FAIL otherwise."##,
        differences: r##"Scope: we count only alerts whose scopes include the subscription (an alert stored in another subscription but scoped here counts); the policy and Prowler count any alert stored in the subscription even if it is scoped to one resource group - keep (a resource-group alert misses changes elsewhere). Case: we match operationName and field case-insensitively like the policy (Azure evaluates conditions case-insensitively); Prowler is case-sensitive - keep. anyOf/containsAny: we accept the operation inside anyOf or containsAny; neither counterpart does - keep (such alerts fire). Enabled: we require enabled == true, missing = not counted, same as the policy - keep. Gaps (change): (1) we look only for the operationName leaf and ignore every other top-level allOf leaf, although all leaves must hold for the alert to fire. A category leaf other than Administrative (e.g. 'Security'), a second operationName leaf with another value, or a resourceType/resourceProvider leaf for another type makes the alert unable to fire on Microsoft.Network/networkSecurityGroups/delete; the policy flags the wrong-category case (its count of category=Administrative + operationName leaves must be 2), we pass. Azure PowerShell documents that the service rejects (400) an alert without a category leaf, so in practice every alert has one and only its value matters. (2) The CIS audit (3.0 through 6.0) requires that the alert 'does not filter on Level, Status or Caller'; we pass such alerts (so do the policy and Prowler). Leaves on resourceGroup or resourceId likewise restrict the alert to part of the subscription. (CIS's own remediation command adds level=verbose, contradicting its audit text; Administrative events are logged at Informational/Warning/Error, so a level=Verbose filter would in practice never fire.) (3) The CIS audit requires an action group ('Ensure the Actions panel displays an Action group is assigned'); we, the policy and Prowler do not check actions - an alert with no action group notifies nobody. Prowler also passes an alert on Microsoft.ClassicNetwork/networkSecurityGroups/delete alone; we do not - keep (a classic-NSG alert never fires on deleting an ARM NSG, and classic networking is retired)."##,
        decision: r##"Changed in this release: an alert counts only when every other top-level condition leaf accepts the Administrative event of the operation (a `category` other than Administrative, or a leaf on `level`, `status`, `subStatus`, `caller`, `resourceGroup`, `resourceId`, narrows it, as CIS's audit forbids) and it notifies an action group (CIS's audit asks for one; Azure Policy and Prowler do not look); unknown when its actions are not reported."##,
    },
    Counterparts {
        check: "monitor.alert_nsg_rule_write",
        azure_policy: &[PolicyDefinition {
            id: "b954148f-4c11-4c38-8221-be76711e194a",
            name: r##"An activity log alert should exist for specific Administrative operations"##,
        }],
        azure_policy_decides: r##"b954148f (AuditIfNotExists per subscription, operationName parameter = Microsoft.Network/networkSecurityGroups/securityRules/write) is compliant when some Microsoft.Insights/ActivityLogAlerts resource in the subscription (wherever its scopes point) has enabled equal to true (missing = non-compliant) and exactly two of its top-level condition.allOf leaves are {field category, equals Administrative} or {field operationName, equals <op>} (Policy 'equals' is case-insensitive); anyOf/containsAny leaves are not seen, extra leaves are not forbidden, and actions are not read. Not a CIS 3.0-6.0 recommendation; Microsoft's CIS v2.0.0 initiative assigns b954148f with this operationName (groups 5.2.3-5.2.8), the v3.0.0 initiative does not."##,
        prowler: &[],
        prowler_decides: r##"No Prowler counterpart: Prowler's Azure monitor checks cover NSG create/update/delete but not security rule operations."##,
        differences: r##"Scope: we count only alerts whose scopes include the subscription (an alert stored in another subscription but scoped here counts); the policy and Prowler count any alert stored in the subscription even if it is scoped to one resource group - keep (a resource-group alert misses changes elsewhere). Case: we match operationName and field case-insensitively like the policy (Azure evaluates conditions case-insensitively); Prowler is case-sensitive - keep. anyOf/containsAny: we accept the operation inside anyOf or containsAny; neither counterpart does - keep (such alerts fire). Enabled: we require enabled == true, missing = not counted, same as the policy - keep. Gaps (change): (1) we look only for the operationName leaf and ignore every other top-level allOf leaf, although all leaves must hold for the alert to fire. A category leaf other than Administrative (e.g. 'Security'), a second operationName leaf with another value, or a resourceType/resourceProvider leaf for another type makes the alert unable to fire on Microsoft.Network/networkSecurityGroups/securityRules/write; the policy flags the wrong-category case (its count of category=Administrative + operationName leaves must be 2), we pass. Azure PowerShell documents that the service rejects (400) an alert without a category leaf, so in practice every alert has one and only its value matters. (2) The CIS audit (3.0 through 6.0) requires that the alert 'does not filter on Level, Status or Caller'; we pass such alerts (so do the policy and Prowler). Leaves on resourceGroup or resourceId likewise restrict the alert to part of the subscription. (CIS's own remediation command adds level=verbose, contradicting its audit text; Administrative events are logged at Informational/Warning/Error, so a level=Verbose filter would in practice never fire.) (3) The CIS audit requires an action group ('Ensure the Actions panel displays an Action group is assigned'); we, the policy and Prowler do not check actions - an alert with no action group notifies nobody. Prowler has no check for NSG rule alerts."##,
        decision: r##"Changed in this release: an alert counts only when every other top-level condition leaf accepts the Administrative event of the operation (a `category` other than Administrative, or a leaf on `level`, `status`, `subStatus`, `caller`, `resourceGroup`, `resourceId`, narrows it, as CIS's audit forbids) and it notifies an action group (CIS's audit asks for one; Azure Policy and Prowler do not look); unknown when its actions are not reported."##,
    },
    Counterparts {
        check: "monitor.alert_nsg_rule_delete",
        azure_policy: &[PolicyDefinition {
            id: "b954148f-4c11-4c38-8221-be76711e194a",
            name: r##"An activity log alert should exist for specific Administrative operations"##,
        }],
        azure_policy_decides: r##"b954148f (AuditIfNotExists per subscription, operationName parameter = Microsoft.Network/networkSecurityGroups/securityRules/delete) is compliant when some Microsoft.Insights/ActivityLogAlerts resource in the subscription (wherever its scopes point) has enabled equal to true (missing = non-compliant) and exactly two of its top-level condition.allOf leaves are {field category, equals Administrative} or {field operationName, equals <op>} (Policy 'equals' is case-insensitive); anyOf/containsAny leaves are not seen, extra leaves are not forbidden, and actions are not read. Not a CIS 3.0-6.0 recommendation; Microsoft's CIS v2.0.0 initiative assigns b954148f with this operationName, the v3.0.0 initiative does not."##,
        prowler: &[],
        prowler_decides: r##"No Prowler counterpart: Prowler's Azure monitor checks cover NSG create/update/delete but not security rule operations."##,
        differences: r##"Scope: we count only alerts whose scopes include the subscription (an alert stored in another subscription but scoped here counts); the policy and Prowler count any alert stored in the subscription even if it is scoped to one resource group - keep (a resource-group alert misses changes elsewhere). Case: we match operationName and field case-insensitively like the policy (Azure evaluates conditions case-insensitively); Prowler is case-sensitive - keep. anyOf/containsAny: we accept the operation inside anyOf or containsAny; neither counterpart does - keep (such alerts fire). Enabled: we require enabled == true, missing = not counted, same as the policy - keep. Gaps (change): (1) we look only for the operationName leaf and ignore every other top-level allOf leaf, although all leaves must hold for the alert to fire. A category leaf other than Administrative (e.g. 'Security'), a second operationName leaf with another value, or a resourceType/resourceProvider leaf for another type makes the alert unable to fire on Microsoft.Network/networkSecurityGroups/securityRules/delete; the policy flags the wrong-category case (its count of category=Administrative + operationName leaves must be 2), we pass. Azure PowerShell documents that the service rejects (400) an alert without a category leaf, so in practice every alert has one and only its value matters. (2) The CIS audit (3.0 through 6.0) requires that the alert 'does not filter on Level, Status or Caller'; we pass such alerts (so do the policy and Prowler). Leaves on resourceGroup or resourceId likewise restrict the alert to part of the subscription. (CIS's own remediation command adds level=verbose, contradicting its audit text; Administrative events are logged at Informational/Warning/Error, so a level=Verbose filter would in practice never fire.) (3) The CIS audit requires an action group ('Ensure the Actions panel displays an Action group is assigned'); we, the policy and Prowler do not check actions - an alert with no action group notifies nobody. Prowler has no check for NSG rule alerts."##,
        decision: r##"Changed in this release: an alert counts only when every other top-level condition leaf accepts the Administrative event of the operation (a `category` other than Administrative, or a leaf on `level`, `status`, `subStatus`, `caller`, `resourceGroup`, `resourceId`, narrows it, as CIS's audit forbids) and it notifies an action group (CIS's audit asks for one; Azure Policy and Prowler do not look); unknown when its actions are not reported."##,
    },
    Counterparts {
        check: "monitor.alert_sql_firewall_rule_write",
        azure_policy: &[PolicyDefinition {
            id: "b954148f-4c11-4c38-8221-be76711e194a",
            name: r##"An activity log alert should exist for specific Administrative operations"##,
        }],
        azure_policy_decides: r##"b954148f (AuditIfNotExists per subscription, operationName parameter = Microsoft.Sql/servers/firewallRules/write) is compliant when some Microsoft.Insights/ActivityLogAlerts resource in the subscription (wherever its scopes point) has enabled equal to true (missing = non-compliant) and exactly two of its top-level condition.allOf leaves are {field category, equals Administrative} or {field operationName, equals <op>} (Policy 'equals' is case-insensitive); anyOf/containsAny leaves are not seen, extra leaves are not forbidden, and actions are not read. Microsoft's CIS v3.0.0 initiative maps 6.2.7 to no definition; its CIS v2.0.0 and v2.1.0 initiatives assign b954148f (v2.1.0's default operationName is exactly this one), and the CIS benchmark text cites b954148f."##,
        prowler: &["monitor_alert_create_update_sqlserver_fr"],
        prowler_decides: r##"Per subscription: PASS if any activity log alert listed in the subscription (list_by_subscription_id; scopes not read) is enabled (truthy) and has a top-level allOf leaf with field exactly 'operationName' and equals exactly 'Microsoft.Sql/servers/firewallRules/write' (case-sensitive; anyOf and containsAny are not collected); no check on category, other leaves, scopes or action groups. FAIL otherwise."##,
        differences: r##"Scope: we count only alerts whose scopes include the subscription (an alert stored in another subscription but scoped here counts); the policy and Prowler count any alert stored in the subscription even if it is scoped to one resource group - keep (a resource-group alert misses changes elsewhere). Case: we match operationName and field case-insensitively like the policy (Azure evaluates conditions case-insensitively); Prowler is case-sensitive - keep. anyOf/containsAny: we accept the operation inside anyOf or containsAny; neither counterpart does - keep (such alerts fire). Enabled: we require enabled == true, missing = not counted, same as the policy - keep. Gaps (change): (1) we look only for the operationName leaf and ignore every other top-level allOf leaf, although all leaves must hold for the alert to fire. A category leaf other than Administrative (e.g. 'Security'), a second operationName leaf with another value, or a resourceType/resourceProvider leaf for another type makes the alert unable to fire on Microsoft.Sql/servers/firewallRules/write; the policy flags the wrong-category case (its count of category=Administrative + operationName leaves must be 2), we pass. Azure PowerShell documents that the service rejects (400) an alert without a category leaf, so in practice every alert has one and only its value matters. (2) The CIS audit (3.0 through 6.0) requires that the alert 'does not filter on Level, Status or Caller'; we pass such alerts (so do the policy and Prowler). Leaves on resourceGroup or resourceId likewise restrict the alert to part of the subscription. (CIS's own remediation command adds level=verbose, contradicting its audit text; Administrative events are logged at Informational/Warning/Error, so a level=Verbose filter would in practice never fire.) (3) The CIS audit requires an action group ('Ensure the Actions panel displays an Action group is assigned'); we, the policy and Prowler do not check actions - an alert with no action group notifies nobody."##,
        decision: r##"Changed in this release: an alert counts only when every other top-level condition leaf accepts the Administrative event of the operation (a `category` other than Administrative, or a leaf on `level`, `status`, `subStatus`, `caller`, `resourceGroup`, `resourceId`, narrows it, as CIS's audit forbids) and it notifies an action group (CIS's audit asks for one; Azure Policy and Prowler do not look); unknown when its actions are not reported."##,
    },
    Counterparts {
        check: "monitor.alert_sql_firewall_rule_delete",
        azure_policy: &[PolicyDefinition {
            id: "b954148f-4c11-4c38-8221-be76711e194a",
            name: r##"An activity log alert should exist for specific Administrative operations"##,
        }],
        azure_policy_decides: r##"b954148f (AuditIfNotExists per subscription, operationName parameter = Microsoft.Sql/servers/firewallRules/delete) is compliant when some Microsoft.Insights/ActivityLogAlerts resource in the subscription (wherever its scopes point) has enabled equal to true (missing = non-compliant) and exactly two of its top-level condition.allOf leaves are {field category, equals Administrative} or {field operationName, equals <op>} (Policy 'equals' is case-insensitive); anyOf/containsAny leaves are not seen, extra leaves are not forbidden, and actions are not read. Microsoft's CIS v3.0.0 initiative maps 6.2.8 to no definition; its CIS v2.0.0 initiative assigns b954148f with this operationName, and the CIS benchmark text cites b954148f."##,
        prowler: &["monitor_alert_delete_sqlserver_fr"],
        prowler_decides: r##"Per subscription: PASS if any activity log alert listed in the subscription (list_by_subscription_id; scopes not read) is enabled (truthy) and has a top-level allOf leaf with field exactly 'operationName' and equals exactly 'Microsoft.Sql/servers/firewallRules/delete' (case-sensitive; anyOf and containsAny are not collected); no check on category, other leaves, scopes or action groups. FAIL otherwise."##,
        differences: r##"Scope: we count only alerts whose scopes include the subscription (an alert stored in another subscription but scoped here counts); the policy and Prowler count any alert stored in the subscription even if it is scoped to one resource group - keep (a resource-group alert misses changes elsewhere). Case: we match operationName and field case-insensitively like the policy (Azure evaluates conditions case-insensitively); Prowler is case-sensitive - keep. anyOf/containsAny: we accept the operation inside anyOf or containsAny; neither counterpart does - keep (such alerts fire). Enabled: we require enabled == true, missing = not counted, same as the policy - keep. Gaps (change): (1) we look only for the operationName leaf and ignore every other top-level allOf leaf, although all leaves must hold for the alert to fire. A category leaf other than Administrative (e.g. 'Security'), a second operationName leaf with another value, or a resourceType/resourceProvider leaf for another type makes the alert unable to fire on Microsoft.Sql/servers/firewallRules/delete; the policy flags the wrong-category case (its count of category=Administrative + operationName leaves must be 2), we pass. Azure PowerShell documents that the service rejects (400) an alert without a category leaf, so in practice every alert has one and only its value matters. (2) The CIS audit (3.0 through 6.0) requires that the alert 'does not filter on Level, Status or Caller'; we pass such alerts (so do the policy and Prowler). Leaves on resourceGroup or resourceId likewise restrict the alert to part of the subscription. (CIS's own remediation command adds level=verbose, contradicting its audit text; Administrative events are logged at Informational/Warning/Error, so a level=Verbose filter would in practice never fire.) (3) The CIS audit requires an action group ('Ensure the Actions panel displays an Action group is assigned'); we, the policy and Prowler do not check actions - an alert with no action group notifies nobody."##,
        decision: r##"Changed in this release: an alert counts only when every other top-level condition leaf accepts the Administrative event of the operation (a `category` other than Administrative, or a leaf on `level`, `status`, `subStatus`, `caller`, `resourceGroup`, `resourceId`, narrows it, as CIS's audit forbids) and it notifies an action group (CIS's audit asks for one; Azure Policy and Prowler do not look); unknown when its actions are not reported."##,
    },
    Counterparts {
        check: "storage.secure_transfer_required",
        azure_policy: &[PolicyDefinition {
            id: "404c3081-a854-4457-ae30-26a93ef643f9",
            name: r##"Secure transfer to storage accounts should be enabled"##,
        }],
        azure_policy_decides: r##"Audit (default) on every Microsoft.Storage/storageAccounts whose supportsHttpsTrafficOnly equals false; a missing property is flagged only when the request's api-version is older than 2019-04-01 (from then on the service default is true, so absence is compliant). All kinds are in scope. Microsoft's CIS 3.0 initiative maps it to 4.1."##,
        prowler: &["storage_secure_transfer_required_is_enabled"],
        prowler_decides: r##"Reads enable_https_traffic_only (the SDK name of supportsHttpsTrafficOnly) per account; FAIL when falsy, PASS otherwise. The Account model types it as a required bool, so a null value fails validation and aborts that subscription's account list (no finding) rather than defaulting."##,
        differences: r##"Same property and same FAIL condition (false). Absent: policy treats absent as compliant under modern api-versions (default true since 2019-04-01), Prowler drops the account, we report unknown. Keep: we collect with 2023-05-01, where the service always returns the property, so absence means a truncated/hand-made record, and the project rule is never to pass on missing data. Value case is not an issue (JSON bool)."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "storage.blob_anonymous_access_disabled",
        azure_policy: &[PolicyDefinition {
            id: "4fa4b6c0-31ca-4c0d-b10d-24b96f62a751",
            name: r##"Storage account public access should be disallowed"##,
        }],
        azure_policy_decides: r##"Audit (default) on every storage account where allowBlobPublicAccess is not equal to false, so both true and a missing property are non-compliant; all kinds are in scope, but accounts in resource groups containing '/resourceGroups/aro-' named cluster* or imageregistry* (Azure Red Hat OpenShift managed) are exempt. Container publicAccess is not evaluated. Note: Microsoft's CIS 3.0 initiative attaches this definition to group 4.6 (public network access) and maps 4.17 to nothing."##,
        prowler: &["storage_blob_public_access_level_is_disabled"],
        prowler_decides: r##"Reads allow_blob_public_access per account; FAIL when truthy, PASS when false. The pydantic model requires a bool, so a null (absent) value raises a validation error and the account (and the rest of that subscription's list) produces no finding. Containers are not read."##,
        differences: r##"Account level: identical to the policy (true or absent fails, false passes); stricter than Prowler on absence (Prowler yields no finding). Keep: absent means the pre-2023 'allowed' default. Kinds: FileStorage accounts have no blob service yet are still judged on allowBlobPublicAccess by us and by the policy (absent there fails); keep, consistent with the policy and harmless to fix. ARO exemption: the policy skips ARO-managed accounts (aro-* resource groups, cluster*/imageregistry* names), we flag them; keep, they are still anonymous-capable and the finding is accurate, though the owner may not be able to change it. Container level (extra in azaudit): a container with publicAccess Blob/Container only fails when its account allows public access, matching the effective-exposure rule; counterparts have no container check."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "storage.default_network_access_denied",
        azure_policy: &[
            PolicyDefinition {
                id: "34c877ad-507e-4c82-993e-3452a6e0ad3c",
                name: r##"Storage accounts should restrict network access"##,
            },
            PolicyDefinition {
                id: "2a1a9cdf-e04d-429a-8416-3bfb72a1b26f",
                name: r##"Storage accounts should restrict network access using virtual network rules"##,
            },
            PolicyDefinition {
                id: "b2982f36-99f2-4db5-8eff-283140c09693",
                name: r##"Storage accounts should disable public network access"##,
            },
        ],
        azure_policy_decides: r##"34c877ad audits any storage account whose networkAcls.defaultAction is not 'Deny' (case-insensitive; a missing value is non-compliant) and ignores publicNetworkAccess. 2a1a9cdf additionally flags an account with any networkAcls.ipRules entry. b2982f36 (CIS 4.6, not 4.7) flags publicNetworkAccess not equal to 'Disabled', absent included. Microsoft's CIS 3.0 initiative maps 34c877ad and 2a1a9cdf to 4.7."##,
        prowler: &[
            "storage_default_network_access_rule_is_denied",
            "storage_account_public_network_access_disabled",
        ],
        prowler_decides: r##"storage_default_network_access_rule_is_denied FAILs when network_rule_set.default_action == 'Allow' (case-sensitive), PASS otherwise; a missing network_rule_set defaults to 'Allow' in the service code, so it FAILs. publicNetworkAccess is not considered by that check; storage_account_public_network_access_disabled (CIS 4.6) separately PASSes only on 'Disabled'."##,
        differences: r##"(1) publicNetworkAccess 'Disabled' with defaultAction 'Allow': we pass, 34c877ad and Prowler flag. Keep: with public network access disabled the firewall default is inert and no public network can reach the endpoints (CIS 4.6 is the stronger control); state the reason in the message. (2) networkAcls/defaultAction absent: both counterparts treat absence as Allow (fail), we give unknown. Keep: 2023-05-01 always returns networkAcls, so absence is a collection gap, not evidence. (3) ipRules present with Deny: 2a1a9cdf flags any IP rule; we pass. Keep: IP allow-lists are legitimate under CIS 4.7; that definition is a stricter design choice (vnet-only). (4) publicNetworkAccess 'SecuredByPerimeter': we fall back to defaultAction, as the counterparts effectively do. Case: our comparison is case-insensitive like the policy; Prowler's is case-sensitive."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "storage.access_keys_rotated",
        azure_policy: &[PolicyDefinition {
            id: "044985bb-afe1-42cd-8a36-9d5d42424537",
            name: r##"Storage account keys should not be expired"##,
        }],
        azure_policy_decides: r##"Audit (default) on a storage account when keyCreationTime.key1 or key2 plus keyPolicy.keyExpirationPeriodInDays is earlier than now, i.e. a key has outlived the account's own expiration policy. If keyPolicy or the creation time is missing the expression falls back to utcNow() and the account is compliant, so accounts without a key policy are never flagged. Not in Microsoft's CIS initiatives (4.3/4.4 are manual there)."##,
        prowler: &["storage_key_rotation_90_days"],
        prowler_decides: r##"Reads key_policy.key_expiration_period_in_days; FAIL when it is missing/0 or greater than 90, PASS when 1-90. Key creation times are not read, so the actual age of the keys is never checked. Prowler maps it to CIS 3.0 4.4 (and 4.0 10.3.1.2, 5.0 9.3.1.2)."##,
        differences: r##"Our rule is an OR: a key policy <= 90 days passes whatever the keys' age, and two young keys pass without any policy. (1) Policy set but keys old: we pass; 044985bb flags (the keys are past their own expiration; a key policy is only a reminder and does not rotate or disable keys). Change. (2) No key policy, both keys younger than 90 days: we pass; Prowler fails (no rotation reminder, CIS 4.3 / 10.3.1.1 / 9.3.1.1 unmet). Change, since the check claims both 4.3 and 4.4. (3) Key policy longer than 90 days with young keys: we pass on age; Prowler fails. Covered by the same change. (4) allowSharedKeyAccess false makes the keys unusable; neither counterpart considers it; optional future refinement, not proposed."##,
        decision: r##"Changed in this release: pass needs both a rotation reminder of at most the threshold (CIS 4.3) and both keys younger than it (CIS 4.4): a reminder alone rotates nothing (Azure Policy 044985bb), and young keys without a reminder fail as Prowler's check does; an account with `allowSharedKeyAccess` false passes (its keys authorize nothing)."##,
    },
    Counterparts {
        check: "storage.logging_enabled",
        azure_policy: &[
            PolicyDefinition {
                id: "b4fe1a3b-0715-4c6c-a5ea-ffc33cf823cb",
                name: r##"Configure diagnostic settings for Blob Services to Log Analytics workspace"##,
            },
            PolicyDefinition {
                id: "7bd000e3-37c7-4928-9f31-86c4b77c5c45",
                name: r##"Configure diagnostic settings for Queue Services to Log Analytics workspace"##,
            },
            PolicyDefinition {
                id: "2fb86bf3-d221-43d1-96d1-2434af34eaa0",
                name: r##"Configure diagnostic settings for Table Services to Log Analytics workspace"##,
            },
        ],
        azure_policy_decides: r##"DeployIfNotExists (AuditIfNotExists selectable) scoped to the service resources Microsoft.Storage/storageAccounts/blobServices, /queueServices and /tableServices, so an account kind that has no queue or table service is simply not evaluated for it. Compliant when a diagnostic setting with logs enabled (and metrics per parameter, default false) sends to the assigned workspace; the deployed setting enables StorageRead, StorageWrite and StorageDelete. None of these is in Microsoft's CIS initiatives (4.12-4.14 unmapped)."##,
        prowler: &[],
        prowler_decides: r##"No Prowler check covers storage blob/queue/table read-write-delete logging; its CIS 3.0 mapping lists 4.12, 4.13 and 4.14 with no checks (manual)."##,
        differences: r##"(1) Storage kinds: we emit blob, queue and table findings for every account. BlobStorage and BlockBlobStorage accounts (and premium page-blob StorageV2 accounts) have no queue or table service, and FileStorage accounts have no blob, queue or table service; the policies evaluate only existing service resources, so we fail services that cannot exist and cannot be fixed. Change (needs the account's top-level kind and sku, which the model does not read today). (2) Category group: we accept categoryGroup 'audit' as covering all three categories; whether the storage 'audit' group includes StorageRead is not verified here. If it does not, a setting with only 'audit' would be a false pass; verify against the Azure Monitor category-group list before relying on it. (3) CIS 3.0 4.12-4.14 literally describe classic Storage Analytics logging (data plane, not in ARM); an account with classic logging but no diagnostic setting fails here although CIS passes it. Keep: classic logging cannot be read with Reader, and resource logs are Microsoft's current method (as in the DINE policies); say so in the remediation text. (4) Destination: the policies require the assigned workspace; we accept any destination (workspace, storage, event hub). Keep."##,
        decision: r##"Changed in this release: a service the account's kind does not have gives no finding (FileStorage: none of the three; BlobStorage, BlockBlobStorage and premium general-purpose accounts: no queue or table), as the Azure Policy definitions judge only services that exist. Open: whether the `audit` category group holds StorageRead was not verified; it is accepted as the Azure Policy definitions accept it."##,
    },
    Counterparts {
        check: "sql.auditing_enabled",
        azure_policy: &[
            PolicyDefinition {
                id: "a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9",
                name: r##"Auditing on SQL server should be enabled"##,
            },
            PolicyDefinition {
                id: "89099bee-89e0-4b26-a5f4-165451757743",
                name: r##"SQL servers with auditing to storage account destination should be configured with 90 days retention or higher"##,
            },
        ],
        azure_policy_decides: r##"AuditIfNotExists on Microsoft.Sql/servers whose kind does not contain 'analytics' (Synapse/SQL DW servers excluded). a6fb4358: the server's auditingSettings 'default' must have state 'enabled' (case-insensitive); database-level auditing does not count. 89099bee: compliant when isAzureMonitorTargetEnabled is true with storageEndpoint '' , or retentionDays is 0, or retentionDays >= 90; it does not itself require state Enabled. CIS 3.0 initiative maps them to 5.1.1 and 5.1.6."##,
        prowler: &[
            "sqlserver_auditing_enabled",
            "sqlserver_auditing_retention_90_days",
        ],
        prowler_decides: r##"sqlserver_auditing_enabled lists the server blob auditing policies and PASSes unless one has state 'Disabled' (a server with no policy PASSes). sqlserver_auditing_retention_90_days FAILs any enabled policy with retention_days <= 90 (so 0 = unlimited and exactly 90 fail, and a Log-Analytics-only policy with retentionDays 0 fails) and any non-enabled policy; PASS only when every policy is enabled with > 90 days."##,
        differences: r##"Server-level only in all three: consistent with CIS 5.1.1. Retention: we pass 0 or >= 90 when storage is a destination and ignore retention otherwise, which matches 89099bee exactly; Prowler fails 0 (unlimited), exactly 90, and LA-only configurations. Keep ours: 0 is unlimited and the Microsoft policy uses >= 90; CIS's 'greater than 90' title is ambiguous and its audit accepts 0. Storage plus Log Analytics with retention 30: we fail, the policy fails (its first branch needs an empty storageEndpoint). Agree. kind 'analytics' servers: policy excludes them, we evaluate them. Keep: they are Microsoft.Sql/servers with the same auditingSettings; a finding there is accurate. No auditing record / no state: we are unknown, Prowler passes, the policy flags (no matching 'default' child). Keep unknown (collection gap, never pass). Value case: our comparison is case-insensitive like the policy; Prowler's is case-sensitive."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "sql.threat_detection_enabled",
        azure_policy: &[
            PolicyDefinition {
                id: "abfb4388-5bf4-4ad7-ba82-2cd2f41ceae9",
                name: r##"Azure Defender for SQL should be enabled for unprotected Azure SQL servers"##,
            },
            PolicyDefinition {
                id: "e756b945-1b1b-480b-8de8-9a0859d5f7ad",
                name: r##"[Deprecated]: Advanced Threat Protection types should be set to 'All' in SQL server Advanced Data Security settings"##,
            },
        ],
        azure_policy_decides: r##"abfb4388: AuditIfNotExists on Microsoft.Sql/servers whose kind does not contain 'analytics'; compliant when the server's securityAlertPolicies 'Default' has state 'Enabled'. disabledAlerts is not read. The deprecated e756b945 (default effect Disabled) required every disabledAlerts entry to equal ''. Microsoft's CIS 2.0 initiative mapped abfb4388 to 4.2.1; the CIS 3.0 initiative only has the subscription-level Defender plan (3.1.7.3)."##,
        prowler: &["sqlserver_microsoft_defender_enabled"],
        prowler_decides: r##"Gets server_security_alert_policies 'default'; when a policy object exists, PASS iff state == 'Enabled' (case-sensitive), else FAIL; disabledAlerts is not read. A server whose policy could not be fetched gets no finding."##,
        differences: r##"State: same as both counterparts. disabledAlerts: we additionally fail when any alert type is disabled, like the deprecated e756b945; keep (stricter by design: a disabled alert type such as Sql_Injection is a blind spot). kind 'analytics': the policy excludes it, we include; keep. Absent policy/state: we are unknown, the policy flags; keep. Not verified here: whether enabling the Defender for Azure SQL plan at subscription level (Microsoft.Security/pricings 'SqlServers' Standard) is always reflected in each server's securityAlertPolicies state; if it is not, both we and abfb4388 would flag a server that Defender actually protects. Worth a test against a live subscription before changing anything. No CIS id: CIS 3.0+ has only the subscription-level plan recommendation (3.1.7.3 / 9.1.7.3 / 8.1.7.3), which this check does not read."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "sql.alerts_to_admins",
        azure_policy: &[PolicyDefinition {
            id: "c8343d2f-fdc9-4a97-b76f-fc71d1163bfc",
            name: r##"[Deprecated]: Email notifications to admins should be enabled in SQL server advanced data security settings"##,
        }],
        azure_policy_decides: r##"Deprecated, default effect Disabled: AuditIfNotExists on Microsoft.Sql/servers, compliant when securityAlertPolicies 'default' has emailAccountAdmins equal to true. It does not check that the policy's state is Enabled. No current built-in replaces it, and no CIS initiative maps it."##,
        prowler: &[],
        prowler_decides: r##"No Prowler counterpart. sqlserver_va_emails_notifications_admins_enabled looks similar but reads the vulnerability-assessment recurring-scan setting emailSubscriptionAdmins, a different resource (VA scan reports, not threat alerts)."##,
        differences: r##"Property and values match the deprecated policy. Gap in both: a server whose security alert policy state is Disabled but emailAccountAdmins is true passes, although no alert is ever raised to send. Change: the pass message 'alerts are e-mailed to administrators' is false there. Context: Defender for Cloud now routes alert e-mail through the subscription's Microsoft.Security/securityContacts, so this server setting is legacy; keep the check but note it in the rationale."##,
        decision: r##"Changed in this release: a security alert policy whose `state` is not Enabled (Disabled, or New for one never set) fails even with `emailAccountAdmins` true: no alert is raised to send. Unknown when the state is absent."##,
    },
    Counterparts {
        check: "sql.tde_enabled",
        azure_policy: &[PolicyDefinition {
            id: "17k78e20-9358-41c9-923c-fb736d382a12",
            name: r##"Transparent Data Encryption on SQL databases should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on every Microsoft.Sql/servers/databases except 'master'; compliant when its transparentDataEncryption 'current' child has status or state 'enabled' (case-insensitive). A missing TDE child is non-compliant. CIS 3.0 initiative maps it to 5.1.5."##,
        prowler: &["sqlserver_tde_encryption_enabled"],
        prowler_decides: r##"For each database except master (case-insensitive name), reads transparent_data_encryptions 'current' and PASSes iff its status == 'Enabled' (case-sensitive), else FAIL. A database whose TDE read fails makes the whole server's database list empty (no findings)."##,
        differences: r##"Same scope (all databases but master), same property and value. We read 'state' (2023-08-01); the policy also accepts the legacy 'status'. Absent TDE record: policy flags, we report unknown; keep (collection gap, never pass). Case-insensitive like the policy; Prowler is case-sensitive. No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "sql.tls_enforced",
        azure_policy: &[
            PolicyDefinition {
                id: "32e6bbec-16b6-44c2-be37-c5b672d103cf",
                name: r##"Azure SQL Database should be running TLS version 1.2 or newer"##,
            },
            PolicyDefinition {
                id: "c29c38cb-74a7-4505-9a06-e588ab86620a",
                name: r##"Enforce SSL connection should be enabled for PostgreSQL flexible servers"##,
            },
            PolicyDefinition {
                id: "a43d5475-c569-45ce-a268-28fa79f4e87a",
                name: r##"PostgreSQL flexible servers should be running TLS version 1.2 or newer"##,
            },
        ],
        azure_policy_decides: r##"32e6bbec audits Microsoft.Sql/servers whose minimalTlsVersion does not exist or is a string less than '1.2' (so absent, '1.0', '1.1' fail; 'None' sorts after '1.2' as a string and is NOT flagged). c29c38cb (AuditIfNotExists) needs the flexible server's configuration require_secure_transport value equal to 'ON' (case-insensitive); a43d5475 needs ssl_min_protocol_version in TLSV1.2/TLSV1.3, a missing configuration being non-compliant. No built-in covers MySQL flexible require_secure_transport or tls_version. None of these is mapped in Microsoft's CIS 3.0 initiative."##,
        prowler: &[
            "sqlserver_recommended_minimal_tls_version",
            "postgresql_flexible_server_enforce_ssl_enabled",
            "mysql_flexible_server_ssl_connection_enabled",
            "mysql_flexible_server_minimum_tls_version_12",
        ],
        prowler_decides: r##"SQL: PASS iff minimal_tls_version is in the configurable list ['1.2','1.3'], so absent or 'None' FAIL. PostgreSQL: PASS iff require_secure_transport (upper-cased) == 'ON'; TLS version is not checked. MySQL: PASS iff require_secure_transport lower-cased == 'on'; tls_version PASSes unless its comma list contains the literal 'TLSv1.0' or 'TLSv1.1', and FAILs when the tls_version configuration is missing."##,
        differences: r##"Azure SQL: 'None', 1.0, 1.1 fail here (stricter than 32e6bbec, which misses 'None'); absent minimalTlsVersion is unknown here but non-compliant for the policy and FAIL for Prowler. Change: a server that reports no minimum enforces none. PostgreSQL: require_secure_transport matches c29c38cb; ssl_min_protocol_version absent passes here, while a43d5475 flags a missing configuration. MySQL: we parse each entry (TLSv1 becomes 1.0 and fails), which is stricter than Prowler's literal match that misses MySQL's 'TLSv1' spelling. Keep. But a missing tls_version configuration passes here and FAILs in Prowler; CIS 5.3.2 requires the parameter to be verified. Change both version parameters to unknown when not returned (never pass on missing data), even though the service defaults are TLSv1.2. Single servers (Microsoft.DBforPostgreSQL/servers, Microsoft.DBforMySQL/servers, sslEnforcement) are not read; keep, they are retired."##,
        decision: r##"Changed in this release: Azure SQL without `minimalTlsVersion` fails (no minimum is enforced; Azure Policy and Prowler flag it), an unrecognised spelling is unknown; a flexible server whose `ssl_min_protocol_version` / `tls_version` was not returned is unknown rather than pass (the CIS 5.3.2 half was not checked). Kept: `None` fails; MySQL's `TLSv1` spelling is read as 1.0."##,
    },
    Counterparts {
        check: "sql.firewall_no_public_access",
        azure_policy: &[],
        azure_policy_decides: r##"No built-in definition audits Microsoft.Sql/servers/firewallRules ranges (the only firewallRules reference is an activity-log alert definition). Microsoft's CIS 3.0 initiative maps 5.1.2 to nothing. The nearest is 'Public network access on Azure SQL Database should be disabled' (1b8ca024-1d5c-4dec-8995-b1a932b41780, SQL/SqlServer_PublicNetworkAccess_Audit.json), which flags publicNetworkAccess not equal to 'Disabled' (CIS 5.1.7), whatever the rules say."##,
        prowler: &[
            "sqlserver_unrestricted_inbound_access",
            "postgresql_flexible_server_allow_access_services_disabled",
        ],
        prowler_decides: r##"sqlserver_unrestricted_inbound_access FAILs a server only when one rule is exactly start '0.0.0.0' and end '255.255.255.255'; no union of ranges, no AllowAllWindowsAzureIps check, publicNetworkAccess ignored; no rules is PASS. For PostgreSQL flexible servers, postgresql_flexible_server_allow_access_services_disabled FAILs when any rule is 0.0.0.0-0.0.0.0 (CIS 5.2.5). No MySQL firewall check."##,
        differences: r##"We are stricter than Prowler on SQL (union of ranges and AllowAllWindowsAzureIps). Three differences: (1) The union test must reach 0.0.0.0 itself: a rule 0.0.0.1-255.255.255.255 (or 1.0.0.0-255.255.255.255), or AllowAllWindowsAzureIps plus 0.0.0.1-255.255.255.255, passes or is graded only high although every internet address is admitted; neither counterpart catches this either, but CIS 5.1.2's intent (no ANY-IP ingress, 'or other combinations allowing large swathes') is missed. Change. (2) publicNetworkAccess 'Disabled': firewall rules are then not enforced (only private endpoints connect; CIS notes the recommendation is moot), yet we fail. Prowler also fails it, so this is a false fail shared with Prowler. Change. (3) Scope: PostgreSQL and MySQL flexible-server firewall rules are not collected, so an 0.0.0.0-0.0.0.0 or 0.0.0.0-255.255.255.255 rule there gets no finding, while Prowler checks PostgreSQL (CIS 5.2.5). Change (extend the check, or add a sibling). IPv6: SQL firewall rules are IPv4-only; unparseable addresses are unknown; fine."##,
        decision: r##"Changed in this release: ranges that together admit every client address (1.0.0.0-223.255.255.255) fail, so 0.0.0.1-255.255.255.255 no longer passes; a server with `publicNetworkAccess` Disabled passes, its firewall rules not being applied (Prowler would fail it). Open: PostgreSQL and MySQL flexible-server firewall rules are not collected yet."##,
    },
    Counterparts {
        check: "sql.tde_customer_managed_key",
        azure_policy: &[PolicyDefinition {
            id: "0a370ff3-6cab-4e85-8995-295fd854c5b8",
            name: r##"SQL servers should use customer-managed keys to encrypt data at rest"##,
        }],
        azure_policy_decides: r##"0a370ff3 (Audit by default; CIS 5.1.3 cites it) flags a Microsoft.Sql/servers record whose keyId is missing or empty, and an encryptionProtector child whose serverKeyType is not AzureKeyVault (absent counts as not). Synapse-managed resource groups are excluded. The deprecated 0d134df8 also wanted a non-empty uri."##,
        prowler: &["sqlserver_tde_encrypted_with_cmk"],
        prowler_decides: r##"Reads encryption_protectors.get(current) and fails unless server_key_type equals AzureKeyVault (case-sensitive); when it is AzureKeyVault it also requires every user database's TDE status Enabled. A server with no user database gets no finding."##,
        differences: r##"(1) The protector: serverKeyType AzureKeyVault passes, ServiceManaged fails, in all three; we compare without case, and say unknown for an absent or other value where the policy and Prowler fail: keep (never a verdict on missing data). (2) The server's own keyId, which 0a370ff3 also reads, is the database-level CMK default of newer servers; the protector decides what encrypts the databases' keys, which is CIS's question: keep. (3) Prowler folds database TDE state in; we judge that in sql.tde_enabled, per database: keep. (4) A server without user databases is judged here; Prowler skips it: keep, the protector applies to databases created later."##,
        decision: r##"New in this release, for CIS 3.0 5.1.3 (level 2). Severity medium, stated in the rule."##,
    },
    Counterparts {
        check: "sql.entra_admin_configured",
        azure_policy: &[PolicyDefinition {
            id: "1f314764-cb73-4fc9-b863-8eca98ac36e9",
            name: r##"An Azure Active Directory administrator should be provisioned for SQL servers"##,
        }],
        azure_policy_decides: r##"1f314764 (AuditIfNotExists) marks a SQL server compliant when any Microsoft.Sql/servers/administrators child exists, with no condition on its fields."##,
        prowler: &["sqlserver_azuread_administrator_enabled"],
        prowler_decides: r##"Reads administrators from the servers list (no $expand) and passes only when administrator_type equals ActiveDirectory (case-sensitive); absent or empty fails."##,
        differences: r##"(1) Source: we list GET .../administrators, as the policy reads the child; Prowler reads the servers list, whose 2023-08-01 example carries administrators only with $expand, so it may fail servers that have an admin: keep ours. (2) We require administratorType ActiveDirectory and a login or sid, where the policy accepts any child: the only type Azure has is ActiveDirectory, so they agree in practice: keep. (3) A child that cannot be read, or lacks administratorType ActiveDirectory with a login or sid (one of Azure's example shapes omits the type), is unknown here; the policy passes any child and Prowler fails: keep."##,
        decision: r##"New in this release, for CIS 3.0 5.1.4. Microsoft Entra-only authentication (abda6d70) is a stricter, separate recommendation and not judged."##,
    },
    Counterparts {
        check: "sql.postgres_log_checkpoints",
        azure_policy: &[PolicyDefinition {
            id: "70be9e12-c935-49ac-9bd8-fd64b85c1f87",
            name: r##"Log checkpoints should be enabled for PostgreSQL flexible servers"##,
        }],
        azure_policy_decides: r##"70be9e12 (AuditIfNotExists) marks a flexible server compliant when its configurations/log_checkpoints child has value equal to ON (the policy engine compares case-insensitively); a missing child is non-compliant."##,
        prowler: &["postgresql_flexible_server_log_checkpoints_on"],
        prowler_decides: r##"Prowler reads one configurations.get per parameter and passes iff value upper-cased equals ON; a read that fails leaves the server without a finding."##,
        differences: r##"(1) ON passes and OFF fails in all three. (2) A parameter that was not returned (404, or not collected) is unknown here, non-compliant for the policy and no finding for Prowler: keep, never a verdict on missing data. (3) A value other than on/off is unknown here: keep."##,
        decision: r##"New in this release, for CIS 3.0 5.2.2; one member of the server-parameter family (sql/server_parameters.rs)."##,
    },
    Counterparts {
        check: "sql.postgres_connection_throttling",
        azure_policy: &[PolicyDefinition {
            id: "dacf07fa-0eea-4486-80bc-b93fae88ac40",
            name: r##"[Deprecated]: Connection throttling should be enabled for PostgreSQL flexible servers"##,
        }],
        azure_policy_decides: r##"dacf07fa (now deprecated, default effect Disabled) checked configurations/connection_throttle.enable equals ON; its description says the parameter goes away after PostgreSQL 18."##,
        prowler: &["postgresql_flexible_server_connection_throttling_on"],
        prowler_decides: r##"Reads connection_throttle.enable and passes iff its value upper-cased is ON; a missing parameter fails."##,
        differences: r##"(1) ON passes, OFF fails in all. (2) Missing parameter: unknown here (the server does not have it, as newer major versions may not), fail for Prowler: keep, a server that cannot have the setting is not evidence of a misconfiguration, and the unknown says why. (3) The policy is deprecated; CIS 3.0 still asks: keep the check."##,
        decision: r##"New in this release, for CIS 3.0 5.2.3 (the flexible-server name is connection_throttle.enable, not single server's connection_throttling)."##,
    },
    Counterparts {
        check: "sql.postgres_log_retention",
        azure_policy: &[PolicyDefinition {
            id: "f5ed3f7a-cf5d-4ee6-9ede-b5d5192ccf81",
            name: r##"Configure logfiles.retention_days to at least 7 days for PostgreSQL flexible servers"##,
        }],
        azure_policy_decides: r##"f5ed3f7a is DeployIfNotExists: it treats int(value) of configurations/logfiles.retention_days below its retentionDays parameter (default 7) as non-existent and deploys the value. No audit-only definition exists."##,
        prowler: &["postgresql_flexible_server_log_retention_days_greater_3"],
        prowler_decides: r##"Reads logfiles.retention_days and passes iff the integer is greater than 3; any error reading it fails."##,
        differences: r##"(1) Threshold: greater than 3 (CIS 5.2.4 and Prowler); the policy's default wants 7, a remediation target rather than an audit: keep CIS's. Azure allows 1 to 7, so 4 to 7 pass. (2) A missing or non-integer value is unknown here, a fail for Prowler: keep."##,
        decision: r##"New in this release, for CIS 3.0 5.2.4."##,
    },
    Counterparts {
        check: "sql.postgres_azure_services_blocked",
        azure_policy: &[PolicyDefinition {
            id: "5e1de0e3-42cb-4ebc-a86d-61d0c619ca48",
            name: r##"Public network access should be disabled for PostgreSQL flexible servers"##,
        }],
        azure_policy_decides: r##"No built-in definition reads flexible-server firewall rules. CIS cites 5e1de0e3 as a proxy: it flags a server with network.publicNetworkAccess not Disabled unless it is VNet-integrated with a private DNS zone; it never looks at the rules."##,
        prowler: &["postgresql_flexible_server_allow_access_services_disabled"],
        prowler_decides: r##"Lists firewall_rules.list_by_server and fails iff a rule has start_ip_address and end_ip_address both exactly 0.0.0.0; the name is ignored, and 0.0.0.0-255.255.255.255 passes."##,
        differences: r##"(1) We fail on a rule starting or ending at 0.0.0.0 or named AllowAllAzureServicesAndResourcesWithinAzureIps* (any case), as CIS's audit reads it, and on rules that together span every client address; Prowler only on 0.0.0.0-0.0.0.0, so it passes a rule open to the whole internet: change from Prowler, on purpose. (2) Public network access Disabled passes here whatever rules linger (they do not apply), which 5e1de0e3 agrees with; Prowler still fails a stale rule: keep. (3) The policy's broader question (public access at all) is not this recommendation: not judged."##,
        decision: r##"New in this release, for CIS 3.0 5.2.5."##,
    },
    Counterparts {
        check: "sql.postgres_log_connections",
        azure_policy: &[
            PolicyDefinition {
                id: "086709ac-11b5-478d-a893-9567a16d2ae3",
                name: r##"Log connections should be enabled for PostgreSQL flexible servers"##,
            },
            PolicyDefinition {
                id: "eb6f77b9-bd53-4e35-a23d-7f65d5f0e442",
                name: r##"Log connections should be enabled for PostgreSQL database servers"##,
            },
        ],
        azure_policy_decides: r##"086709ac (AuditIfNotExists) marks a flexible server compliant when configurations/log_connections equals ON. eb6f77b9-...e442 is the single-server form CIS 3.0 5.2.6 cites."##,
        prowler: &["postgresql_flexible_server_log_connections_on"],
        prowler_decides: r##"Prowler reads one configurations.get per parameter and passes iff value upper-cased equals ON; a read that fails leaves the server without a finding."##,
        differences: r##"(1) CIS 3.0 5.2.6 is [LEGACY], for single servers; single server was retired in March 2025 and flexible server is its documented replacement with the same parameter, so flexible servers are judged (Prowler's CIS 3.0 mapping does the same). Single servers' configurations are not collected: keep. (2) A parameter not returned is unknown here: keep."##,
        decision: r##"New in this release; the replacement judged for a retired feature is stated in the rule."##,
    },
    Counterparts {
        check: "sql.postgres_log_disconnections",
        azure_policy: &[
            PolicyDefinition {
                id: "1d14b021-1bae-4f93-b36b-69695e14984a",
                name: r##"Disconnections should be logged for PostgreSQL flexible servers"##,
            },
            PolicyDefinition {
                id: "eb6f77b9-bd53-4e35-a23d-7f65d5f0e446",
                name: r##"Disconnections should be logged for PostgreSQL database servers."##,
            },
        ],
        azure_policy_decides: r##"1d14b021 (AuditIfNotExists) marks a flexible server compliant when configurations/log_disconnections equals ON. eb6f77b9-...e446 is the single-server form CIS 3.0 5.2.7 cites."##,
        prowler: &["postgresql_flexible_server_log_disconnections_on"],
        prowler_decides: r##"Prowler reads one configurations.get per parameter and passes iff value upper-cased equals ON; a read that fails leaves the server without a finding."##,
        differences: r##"(1) As sql.postgres_log_connections: the [LEGACY] single-server recommendation is judged on flexible servers, its replacement. (2) A parameter not returned is unknown here: keep."##,
        decision: r##"New in this release; the replacement judged for a retired feature is stated in the rule."##,
    },
    Counterparts {
        check: "sql.postgres_single_infrastructure_encryption",
        azure_policy: &[PolicyDefinition {
            id: "24fba194-95d6-48c0-aea7-f65bf859c598",
            name: r##"Infrastructure encryption should be enabled for Azure Database for PostgreSQL servers"##,
        }],
        azure_policy_decides: r##"24fba194 (Audit) flags a Microsoft.DBforPostgreSQL/servers record whose infrastructureEncryption is not Enabled; absent counts as not."##,
        prowler: &[],
        prowler_decides: r##"No Prowler check: its CIS 3.0 mapping of 5.2.8 is empty and it has no single-server service."##,
        differences: r##"(1) Enabled passes; Disabled and absent fail, as 24fba194 decides (the 2017-12-01 API defaults to Disabled): same. (2) A value Azure does not document is unknown here: keep. (3) Flexible servers have no infrastructure double encryption; no replacement is judged and a tenant without single servers has no finding: stated in the rule."##,
        decision: r##"New in this release, for CIS 3.0 5.2.8 ([LEGACY]): single servers are collected at 2017-12-01 so a tenant that still holds one is judged."##,
    },
    Counterparts {
        check: "sql.mysql_audit_log_enabled",
        azure_policy: &[],
        azure_policy_decides: r##"No built-in definition reads audit_log_enabled (the repository was searched for audit_log); CIS lists none."##,
        prowler: &["mysql_flexible_server_audit_log_enabled"],
        prowler_decides: r##"Prowler lists every configuration of the server (configurations.list_by_server) into a map; a listing error leaves it empty. It passes iff audit_log_enabled exists and its value lower-cased is on; a missing parameter fails."##,
        differences: r##"(1) ON passes, OFF fails: same. (2) A parameter not returned is unknown here, a fail for Prowler: keep. (3) We GET the two parameters the checks read rather than list some 400: the findings are the same for both parameters."##,
        decision: r##"New in this release, for CIS 3.0 5.3.3 (level 2)."##,
    },
    Counterparts {
        check: "sql.mysql_audit_log_connections",
        azure_policy: &[],
        azure_policy_decides: r##"No built-in definition reads audit_log_events; CIS lists none."##,
        prowler: &["mysql_flexible_server_audit_log_connection_activated"],
        prowler_decides: r##"Prowler lists every configuration of the server (configurations.list_by_server) into a map; a listing error leaves it empty. It passes iff audit_log_events exists and 'connection' is one of value.lower().split(',') (no trimming, so 'ADMIN, CONNECTION' fails); audit_log_enabled is not consulted."##,
        differences: r##"(1) We trim each item of the list, so 'ADMIN, CONNECTION' passes here and fails in Prowler: change from Prowler (the MySQL server accepts the spaced form). (2) Like Prowler we judge the event list alone; whether the audit log is on is sql.mysql_audit_log_enabled (CIS's portal step asks both): keep, two findings say more than one. (3) Missing parameter: unknown here, fail for Prowler: keep."##,
        decision: r##"New in this release, for CIS 3.0 5.3.4 (level 2)."##,
    },
    Counterparts {
        check: "cosmosdb.firewall_selected_networks",
        azure_policy: &[PolicyDefinition {
            id: "862e97cf-49fc-4a5c-9de4-40d4e2e7c8eb",
            name: r##"Azure Cosmos DB accounts should have firewall rules"##,
        }],
        azure_policy_decides: r##"862e97cf (Deny by default) is non-compliant only when all hold: publicNetworkAccess absent or Enabled, isVirtualNetworkFilterEnabled absent or false, no ipRules, no legacy ipRangeFilter, and no Approved private endpoint connection."##,
        prowler: &["cosmosdb_account_firewall_use_selected_networks"],
        prowler_decides: r##"Passes iff is_virtual_network_filter_enabled is true; absent fails. IP rules, public network access and private endpoints are not read."##,
        differences: r##"(1) VNet filter on: pass in all. (2) IP rules only, filter off: pass here and for the policy, fail for Prowler and a literal reading of CIS's audit; the firewall admits only those addresses, which is what 'selected networks' means: keep. (3) publicNetworkAccess Disabled: pass here and for the policy, fail for Prowler: keep, no public traffic is stricter than selected networks. (4) An approved private endpoint with public access on passes the policy; here it fails, public traffic still arrives from anywhere: keep, cosmosdb.private_endpoints judges the endpoint. (5) An ipRules entry of 0.0.0.0 (every Azure datacenter, any tenant) fails here, and so do rules spanning every client address; the policy counts any rule: change from the policy, on purpose. (6) SecuredByPerimeter without a filter or rule is unknown here (the perimeter's mode decides), a pass for the policy: keep."##,
        decision: r##"New in this release, for CIS 3.0 5.4.1 (level 2)."##,
    },
    Counterparts {
        check: "cosmosdb.private_endpoints",
        azure_policy: &[PolicyDefinition {
            id: "58440f8a-10c5-4151-bdce-dfbaad4a20b7",
            name: r##"CosmosDB accounts should use private link"##,
        }],
        azure_policy_decides: r##"58440f8a (Audit) is non-compliant when fewer than one privateEndpointConnections entry has privateLinkServiceConnectionState.status Approved; a missing array counts as none."##,
        prowler: &["cosmosdb_account_use_private_endpoints"],
        prowler_decides: r##"Passes iff private_endpoint_connections is non-empty, whatever each connection's state (Pending and Rejected count)."##,
        differences: r##"(1) We count only Approved connections, as the policy and CIS's audit do; Prowler passes a Pending or Rejected one: change from Prowler, on purpose. (2) A connection without a state, none approved, is unknown here: keep."##,
        decision: r##"New in this release, for CIS 3.0 5.4.2 (level 2)."##,
    },
    Counterparts {
        check: "compute.bastion_host_exists",
        azure_policy: &[],
        azure_policy_decides: r##"No built-in definition checks that a Bastion host exists; the Bastion built-ins configure diagnostic settings only."##,
        prowler: &["network_bastion_host_exists"],
        prowler_decides: r##"Per subscription: one FAIL on /subscriptions/<id> when bastion_hosts is empty, otherwise one PASS per host; SKU, state and networks are not read."##,
        differences: r##"(1) We judge only subscriptions that run virtual machines (CIS asks Bastion as the way to reach VMs); Prowler judges every subscription: keep, a subscription of storage accounts needs no Bastion. (2) One finding per subscription here, one per host in Prowler: keep. (3) A hub Bastion in another subscription is not seen by either: recorded in the rule, a waiver covers it. (4) A Bastion list that was not collected makes a subscription unknown only where VMs run."##,
        decision: r##"New in this release, for CIS 3.0 8.1 (level 2), also 4.0 9.4.1, 5.0 and 6.0 8.4.1. Severity low, stated in the rule."##,
    },
    Counterparts {
        check: "compute.managed_disks",
        azure_policy: &[PolicyDefinition {
            id: "06a78e20-9358-41c9-923c-fb736d382a4d",
            name: r##"Audit VMs that do not use managed disks"##,
        }],
        azure_policy_decides: r##"06a78e20 (Audit) flags a VM when storageProfile.osDisk.vhd.uri exists; data disks are not checked; scale sets by their vhdContainers or imageUrl."##,
        prowler: &["vm_ensure_using_managed_disks"],
        prowler_decides: r##"Passes iff the OS disk and every data disk have managed_disk; a missing storage profile fails. (Reading the service, an unmanaged disk's null id may fail model validation and drop the VM, so real unmanaged VMs may get no finding.)"##,
        differences: r##"(1) Data disks: judged here and by Prowler, not by the policy: keep (CIS says VMs utilize managed disks, all of them). (2) A disk with neither managedDisk nor vhd is unmanaged here: keep. (3) A VM without storageProfile or osDisk is unknown here, a fail for Prowler: keep. (4) Scale sets are not collected: a coverage gap, not a rule difference."##,
        decision: r##"New in this release, for CIS 3.0 8.2."##,
    },
    Counterparts {
        check: "compute.disk_public_network_access_disabled",
        azure_policy: &[PolicyDefinition {
            id: "8405fdab-1faf-48aa-b702-999c9c172094",
            name: r##"Managed disks should disable public network access"##,
        }],
        azure_policy_decides: r##"8405fdab (Audit) is non-compliant when networkAccessPolicy is not DenyAll or AllowPrivate and publicNetworkAccess is not Disabled: either restriction alone is compliant; both absent is flagged."##,
        prowler: &[],
        prowler_decides: r##"No Prowler check: its CIS 3.0 mapping of 8.5 is empty and its disk model does not collect either field."##,
        differences: r##"(1) We require both (networkAccessPolicy AllowPrivate or DenyAll, and publicNetworkAccess Disabled), as CIS 8.5's audit does; the policy accepts either: keep CIS's, stricter. (2) A restricted policy without publicNetworkAccess is unknown here (older records omit it); the policy passes it: keep. (3) Unattached disks are judged too (CIS's text names attached ones): keep, an unattached disk is exported as easily."##,
        decision: r##"New in this release, for CIS 3.0 8.5."##,
    },
    Counterparts {
        check: "compute.disk_data_access_entra_auth",
        azure_policy: &[PolicyDefinition {
            id: "c3921d55-b741-4d16-8d56-7f16e99e6892",
            name: r##"Protect your data with authentication requirements when exporting or uploading to a disk or snapshot."##,
        }],
        azure_policy_decides: r##"c3921d55 is Modify only: it matches disks whose dataAccessAuthMode is not AzureActiveDirectory (absent included) and sets it; no audit-only definition exists."##,
        prowler: &[],
        prowler_decides: r##"No Prowler check: its CIS 3.0 mapping of 8.6 is empty."##,
        differences: r##"(1) AzureActiveDirectory passes; None and absent fail, the same set the policy would modify: same. (2) Another value is unknown here: keep. (3) Snapshots carry the same property and are not collected: left open."##,
        decision: r##"New in this release, for CIS 3.0 8.6."##,
    },
    Counterparts {
        check: "compute.trusted_launch",
        azure_policy: &[
            PolicyDefinition {
                id: "c95b54ad-0614-4633-ab29-104b01235cbf",
                name: r##"Virtual Machine should have TrustedLaunch enabled"##,
            },
            PolicyDefinition {
                id: "97566dd7-78ae-4997-8b36-1c7bfe0d8121",
                name: r##"[Preview]: Secure Boot should be enabled on supported Windows virtual machines"##,
            },
            PolicyDefinition {
                id: "1c30f9cd-b84c-49cc-aa2c-9288447cc3b3",
                name: r##"[Preview]: vTPM should be enabled on supported virtual machines"##,
            },
        ],
        azure_policy_decides: r##"c95b54ad (Audit) flags a VM with no securityProfile, a securityType other than TrustedLaunch, or secureBootEnabled or vTpmEnabled not true. 97566dd7 (cited by CIS) flags Windows TrustedLaunch or ConfidentialVM VMs without secure boot; 1c30f9cd flags TrustedLaunch VMs without vTPM."##,
        prowler: &["vm_trusted_launch_enabled"],
        prowler_decides: r##"Passes iff security_type equals TrustedLaunch (case-sensitive) and secure boot and vTPM are both enabled; anything else fails, ConfidentialVM included."##,
        differences: r##"(1) ConfidentialVM with secure boot and vTPM passes here; c95b54ad and Prowler fail it. CIS's audit asks only that the security type not be Standard: keep, a confidential VM has Trusted Launch's protections and more. (2) Absent securityType (a standard VM at 2024-07-01) fails in all three. (3) Absent UEFI settings fail here and in c95b54ad (ARM's defaults are false): same. (4) An unknown securityType is unknown here: keep."##,
        decision: r##"New in this release, for CIS 3.0 8.11."##,
    },
    Counterparts {
        check: "appservice.ftps_only",
        azure_policy: &[
            PolicyDefinition {
                id: "4d24b6d4-5e53-4a4f-a7f4-618fa573ee4b",
                name: r##"App Service apps should require FTPS only"##,
            },
            PolicyDefinition {
                id: "399b2637-a50f-4f95-96f8-3a145476eb15",
                name: r##"Function apps should require FTPS only"##,
            },
            PolicyDefinition {
                id: "c285a320-8830-4665-9cc7-bbd05fc7c5c0",
                name: r##"App Service app slots should require FTPS only"##,
            },
            PolicyDefinition {
                id: "e1a09430-221d-4d4c-a337-1edb5a1fa9bb",
                name: r##"Function app slots should require FTPS only"##,
            },
        ],
        azure_policy_decides: r##"All four (AuditIfNotExists on config/web) are compliant iff ftpsState is FtpsOnly or Disabled; absent is non-compliant. The slot definitions read Microsoft.Web/sites/slots/config."##,
        prowler: &[
            "app_ftp_deployment_disabled",
            "app_function_ftps_deployment_disabled",
        ],
        prowler_decides: r##"app_ftp_deployment_disabled (web apps; CIS 3.0 9.3) passes anything but AllAllowed, so an absent ftpsState passes. app_function_ftps_deployment_disabled passes only Disabled. Slots are not read."##,
        differences: r##"(1) FtpsOnly and Disabled pass, AllAllowed fails, as the policies decide. (2) Absent is unknown here, non-compliant for the policies, a pass for Prowler's web-app check: keep. (3) Function apps: FtpsOnly passes here, fails in Prowler's function check; CIS 9.3 accepts it: keep. (4) Slots judged as the slot definitions do; Prowler has none."##,
        decision: r##"New in this release, for CIS 3.0 9.3; one member of the config/web family (appservice/web_config.rs)."##,
    },
    Counterparts {
        check: "appservice.managed_identity",
        azure_policy: &[
            PolicyDefinition {
                id: "2b9ad585-36bc-4615-b300-fd4435808332",
                name: r##"App Service apps should use managed identity"##,
            },
            PolicyDefinition {
                id: "0da106f2-4ca3-48e8-bc85-c638fe6aea8f",
                name: r##"Function apps should use managed identity"##,
            },
            PolicyDefinition {
                id: "4a15c15f-90d5-4a1f-8b63-2903944963fd",
                name: r##"App Service app slots should use managed identity"##,
            },
        ],
        azure_policy_decides: r##"All three (AuditIfNotExists) read config/web: compliant when managedServiceIdentityId or xmanagedServiceIdentityId exists. There is no function-app-slot definition."##,
        prowler: &[
            "app_register_with_identity",
            "app_function_identity_is_configured",
        ],
        prowler_decides: r##"app_register_with_identity fails when the app has no identity object; its service always builds one, so on real data it passes every app. app_function_identity_is_configured passes whenever the identity object exists, whatever its type."##,
        differences: r##"(1) Source: we read the site's top-level identity.type (what the portal's Identity blade and CIS's audit show), where the policies read integer ids on config/web: both say whether an identity exists: keep. (2) type None or identity null fails here; Prowler's service makes it pass: change from Prowler, on purpose. (3) UserAssigned only passes here and in the policies; CIS's CLI audit (principalId) would not see it: keep. (4) Slots judged; function-app slots have no definition."##,
        decision: r##"New in this release, for CIS 3.0 9.5."##,
    },
    Counterparts {
        check: "appservice.basic_auth_publishing_disabled",
        azure_policy: &[
            PolicyDefinition {
                id: "871b205b-57cf-4e1e-a234-492616998bf7",
                name: r##"App Service apps should have local authentication methods disabled for FTP deployments"##,
            },
            PolicyDefinition {
                id: "aede300b-d67f-480a-ae26-4b3dfb1a1fdc",
                name: r##"App Service apps should have local authentication methods disabled for SCM site deployments"##,
            },
            PolicyDefinition {
                id: "ec71c0bc-6a45-4b1f-9587-80dc83e6898c",
                name: r##"App Service app slots should have local authentication methods disabled for FTP deployments"##,
            },
            PolicyDefinition {
                id: "847ef871-e2fe-4e6e-907e-4adbf71de5cf",
                name: r##"App Service app slots should have local authentication methods disabled for SCM site deployments"##,
            },
        ],
        azure_policy_decides: r##"Each (AuditIfNotExists, no kind filter: every site) is compliant when the basicPublishingCredentialsPolicies child named ftp (or scm) has allow equal to false; the slot forms read Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies."##,
        prowler: &[],
        prowler_decides: r##"No Prowler check: its CIS 3.0 mapping of 9.6 is empty and no code reads basicPublishingCredentialsPolicies."##,
        differences: r##"(1) One finding per site and slot naming FTP, SCM or both, where the policies give two: keep. (2) A policy not returned, or without allow, is unknown here, non-compliant for the policies: keep. (3) CIS 3.0 9.6 is a manual recommendation; the API exists, so it is assessed: the framework view lists 9.6 with this check."##,
        decision: r##"New in this release, for CIS 3.0 9.6. Reader-readable as a plain GET (no list action), one per site and slot."##,
    },
    Counterparts {
        check: "appservice.http2_enabled",
        azure_policy: &[
            PolicyDefinition {
                id: "8c122334-9d20-4eb8-89ea-ac9a705b74ae",
                name: r##"App Service apps should use latest 'HTTP Version'"##,
            },
            PolicyDefinition {
                id: "e2c1c086-2d84-4019-bff3-c44ccd95113c",
                name: r##"Function apps should use latest 'HTTP Version'"##,
            },
            PolicyDefinition {
                id: "4dcfb8b5-05cd-4090-a931-2ec29057e1fc",
                name: r##"App Service app slots should use latest 'HTTP Version'"##,
            },
            PolicyDefinition {
                id: "fa98f1b1-1f56-4179-9faf-93ad82f3458f",
                name: r##"Function app slots should use latest 'HTTP Version'"##,
            },
        ],
        azure_policy_decides: r##"All four (AuditIfNotExists on config/web) are compliant iff http20Enabled is true; absent is non-compliant."##,
        prowler: &["app_ensure_using_http20"],
        prowler_decides: r##"Web apps only: passes iff configurations.http20_enabled is truthy, otherwise fails (absent included). Function apps and slots are not read."##,
        differences: r##"(1) true passes, false fails: same. (2) Absent is unknown here, a fail for both: keep. (3) Function apps and slots judged, as the policies do; Prowler reads web apps only."##,
        decision: r##"New in this release, for CIS 3.0 9.10."##,
    },
    Counterparts {
        check: "appservice.remote_debugging_off",
        azure_policy: &[
            PolicyDefinition {
                id: "cb510bfd-1cba-4d9f-a230-cb0976f4bb71",
                name: r##"App Service apps should have remote debugging turned off"##,
            },
            PolicyDefinition {
                id: "0e60b895-3786-45da-8377-9c6b4b6ac5f9",
                name: r##"Function apps should have remote debugging turned off"##,
            },
            PolicyDefinition {
                id: "a08ae1ab-8d1d-422b-a123-df82b307ba61",
                name: r##"App Service app slots should have remote debugging turned off"##,
            },
            PolicyDefinition {
                id: "89691ef9-8c50-49a8-8950-9c7fba41699e",
                name: r##"Function app slots should have remote debugging turned off"##,
            },
        ],
        azure_policy_decides: r##"All four (AuditIfNotExists on config/web) are compliant iff remoteDebuggingEnabled is false; absent is non-compliant."##,
        prowler: &[],
        prowler_decides: r##"No Prowler check: its CIS 3.0 mapping of 9.12 is empty and its service does not collect remote_debugging_enabled."##,
        differences: r##"(1) false passes, true fails: same. (2) Absent is unknown here, non-compliant for the policies: keep."##,
        decision: r##"New in this release, for CIS 3.0 9.12."##,
    },
    Counterparts {
        check: "appservice.client_certificates_required",
        azure_policy: &[
            PolicyDefinition {
                id: "19dd1db6-f442-49cf-a838-b0786b4401ef",
                name: r##"App Service apps should have Client Certificates (Incoming client certificates) enabled"##,
            },
            PolicyDefinition {
                id: "ab6a902f-9493-453b-928d-62c30b11b5a6",
                name: r##"Function apps should have Client Certificates (Incoming client certificates) enabled"##,
            },
            PolicyDefinition {
                id: "5b0bd968-5cb5-4513-8987-27786c6f0df8",
                name: r##"App Service app slots should have Client Certificates (Incoming client certificates) enabled"##,
            },
            PolicyDefinition {
                id: "153ab4ca-2d58-4b5d-9134-6d8c6bdd321c",
                name: r##"Function app slots should have Client Certificates (Incoming client certificates) enabled"##,
            },
        ],
        azure_policy_decides: r##"Each (AuditIfNotExists) is compliant when clientCertEnabled is true or config/web http20Enabled is true (the definitions apply to HTTP/1.1 apps only); clientCertMode is not read."##,
        prowler: &["app_client_certificates_on"],
        prowler_decides: r##"Web apps only: passes only when clientCertEnabled is true and clientCertMode is Required; Optional, OptionalInteractiveUser, disabled and absent fail."##,
        differences: r##"(1) We follow Prowler: enabled with mode Required passes; Optional modes fail, since a client without a certificate gets in. The policies pass Optional, and any HTTP/2 app whatever its certificates: keep ours, HTTP/2 is no client authentication. (2) An enabled app without clientCertMode is unknown here (no source documents the mode's default); the policies pass it, Prowler fails it: keep. (3) Slots judged."##,
        decision: r##"New in this release; no CIS 3.0 recommendation (CIS 2.0 9.4, level 2), asked by the issue and by both counterparts."##,
    },
    Counterparts {
        check: "sql.public_network_access_disabled",
        azure_policy: &[PolicyDefinition {
            id: "1b8ca024-1d5c-4dec-8995-b1a932b41780",
            name: r##"Public network access on Azure SQL Database should be disabled"##,
        }],
        azure_policy_decides: r##"1b8ca024 (Audit by default) flags a Microsoft.Sql/servers record whose publicNetworkAccess is not Disabled: Enabled, SecuredByPerimeter and an absent value are all non-compliant. The Modify definition 28b0b1e5 sets it to Disabled."##,
        prowler: &[],
        prowler_decides: r##"No Prowler check: its service reads public_network_access but no check uses it, and its CIS 3.0 mapping of 5.1.7 is empty (the firewall check sqlserver_unrestricted_inbound_access is 5.1.2)."##,
        differences: r##"(1) Disabled passes and Enabled fails, as 1b8ca024 decides. (2) SecuredByPerimeter is unknown here, non-compliant for the policy: a network security perimeter may well restrict access, in a mode the server does not report: keep. (3) An absent value is unknown here, non-compliant for the policy: keep, never a verdict on missing data. (4) The firewall rules themselves are sql.firewall_no_public_access's."##,
        decision: r##"New in this release, for CIS 3.0 5.1.7 (a manual recommendation with an API, so assessed)."##,
    },
    Counterparts {
        check: "cosmosdb.local_auth_disabled",
        azure_policy: &[PolicyDefinition {
            id: "5450f5bd-9c72-4390-a9c4-a7aba4edfdd2",
            name: r##"Cosmos DB database accounts should have local authentication methods disabled"##,
        }],
        azure_policy_decides: r##"5450f5bd (Audit by default; CIS cites it) flags an account whose disableLocalAuth is not true (absent included), unless it has an EnableMongo, EnableCassandra, EnableTable or EnableGremlin capability: only NoSQL accounts are in scope. The Modify definition dc2d41d1 sets it to true."##,
        prowler: &["cosmosdb_account_use_aad_and_rbac"],
        prowler_decides: r##"Passes iff disable_local_auth is truthy, whatever the API; absent or false fails. RBAC role assignments are not read."##,
        differences: r##"(1) true passes everywhere. (2) NoSQL accounts with false or absent fail here, as in both. (3) Mongo, Cassandra, Table and Gremlin accounts that accept keys are manual here (CIS says 'where possible'; Entra data-plane authorization is not generally available for them), out of scope for the policy, a fail for Prowler: keep the policy's scope, and say so rather than pass. (4) Whether data-plane roles are assigned is not judged by any of them."##,
        decision: r##"New in this release, for CIS 3.0 5.4.3 (a manual recommendation with an API, so assessed)."##,
    },
    Counterparts {
        check: "defender.plan_cspm",
        azure_policy: &[PolicyDefinition {
            id: "1f90fc71-a595-4066-8974-d4d0802e8ef0",
            name: r##"Microsoft Defender CSPM should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named CloudPosture has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_cspm_is_on"],
        prowler_decides: r##"Per subscription, if the pricing CloudPosture is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 5.0 and 6.0 8.1.1.1 (not in 3.0 or 4.0)."##,
    },
    Counterparts {
        check: "defender.plan_apis",
        azure_policy: &[PolicyDefinition {
            id: "7926a6d1-b268-4586-8197-e8ae90c877d7",
            name: r##"Microsoft Defender for APIs should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named Api has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &[],
        prowler_decides: r##"No Prowler check reads this plan."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 5.0 and 6.0 8.1.2.1; Prowler has no check for it."##,
    },
    Counterparts {
        check: "defender.plan_servers",
        azure_policy: &[PolicyDefinition {
            id: "4da35fc9-c9e7-4960-aec9-797fe7d9051d",
            name: r##"Azure Defender for servers should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named VirtualMachines has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_server_is_on"],
        prowler_decides: r##"Per subscription, if the pricing VirtualMachines is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep. (4) Plan 1 and Plan 2 both pass, as in both counterparts; the sub-plan is in the evidence."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.3.1, 4.0 9.1.3.1, 5.0 and 6.0 8.1.3.1."##,
    },
    Counterparts {
        check: "defender.plan_containers",
        azure_policy: &[PolicyDefinition {
            id: "1c988dd6-ade4-430f-a608-2a3e5b0a6d38",
            name: r##"Microsoft Defender for Containers should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named Containers has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_containers_is_on"],
        prowler_decides: r##"Per subscription, if the pricing Containers is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.4.1, 4.0 9.1.4.1, 5.0 and 6.0 8.1.4.1. Its components (agentless discovery, vulnerability assessment: 3.1.4.2, 3.1.4.3) are not judged yet."##,
    },
    Counterparts {
        check: "defender.plan_storage",
        azure_policy: &[PolicyDefinition {
            id: "640d2586-54d2-465f-877f-9ffc1d2109f4",
            name: r##"Microsoft Defender for Storage should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named StorageAccounts has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_storage_is_on"],
        prowler_decides: r##"Per subscription, if the pricing StorageAccounts is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep. (4) 640d2586 also requires subPlan DefenderForStorageV2 with the OnUploadMalwareScanning and SensitiveDataDiscovery extensions enabled; we and Prowler judge the tier only, as CIS's audit does: keep, the sub-plan and extensions are in the evidence."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.5.1, 4.0 9.1.5.1, 5.0 and 6.0 8.1.5.1."##,
    },
    Counterparts {
        check: "defender.plan_app_service",
        azure_policy: &[PolicyDefinition {
            id: "2913021d-f2fd-4f3d-b958-22354e2bdbcb",
            name: r##"Azure Defender for App Service should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named AppServices has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_app_services_is_on"],
        prowler_decides: r##"Per subscription, if the pricing AppServices is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.6.1, 4.0 9.1.6.1, 5.0 and 6.0 8.1.6.1."##,
    },
    Counterparts {
        check: "defender.plan_cosmos_db",
        azure_policy: &[PolicyDefinition {
            id: "adbe85b5-83e6-4350-ab58-bf3a4f736e5e",
            name: r##"Microsoft Defender for Azure Cosmos DB should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named CosmosDbs has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_cosmosdb_is_on"],
        prowler_decides: r##"Per subscription, if the pricing CosmosDbs is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.7.1, 4.0 9.1.7.1, 5.0 and 6.0 8.1.7.1."##,
    },
    Counterparts {
        check: "defender.plan_open_source_databases",
        azure_policy: &[PolicyDefinition {
            id: "0a9fbe0d-c5c4-4da8-87d8-f4fd77338835",
            name: r##"Azure Defender for open-source relational databases should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named OpenSourceRelationalDatabases has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_os_relational_databases_is_on"],
        prowler_decides: r##"Per subscription, if the pricing OpenSourceRelationalDatabases is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.7.2, 4.0 9.1.7.2, 5.0 and 6.0 8.1.7.2."##,
    },
    Counterparts {
        check: "defender.plan_sql",
        azure_policy: &[PolicyDefinition {
            id: "7fe3b40f-802b-4cdd-8bd4-fd799c948cc2",
            name: r##"Azure Defender for Azure SQL Database servers should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named SqlServers has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_azure_sql_databases_is_on"],
        prowler_decides: r##"Per subscription, if the pricing SqlServers is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.7.3, 4.0 9.1.7.3, 5.0 and 6.0 8.1.7.3."##,
    },
    Counterparts {
        check: "defender.plan_sql_on_machines",
        azure_policy: &[PolicyDefinition {
            id: "6581d072-105e-4418-827f-bd446d56421b",
            name: r##"Azure Defender for SQL servers on machines should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named SqlServerVirtualMachines has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_sql_servers_is_on"],
        prowler_decides: r##"Per subscription, if the pricing SqlServerVirtualMachines is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.7.4, 4.0 9.1.7.4, 5.0 and 6.0 8.1.7.4."##,
    },
    Counterparts {
        check: "defender.plan_key_vault",
        azure_policy: &[PolicyDefinition {
            id: "0e6763cc-5078-4e64-889d-ff4d9a839047",
            name: r##"Azure Defender for Key Vault should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named KeyVaults has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_keyvault_is_on"],
        prowler_decides: r##"Per subscription, if the pricing KeyVaults is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep. (4) PerTransaction and PerKeyVault both pass, as in both counterparts."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.8.1, 4.0 9.1.8.1, 5.0 and 6.0 8.1.8.1."##,
    },
    Counterparts {
        check: "defender.plan_resource_manager",
        azure_policy: &[PolicyDefinition {
            id: "c3d20c29-b36d-48fe-808b-99a87530ad99",
            name: r##"Azure Defender for Resource Manager should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named Arm has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_arm_is_on"],
        prowler_decides: r##"Per subscription, if the pricing Arm is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.9.1, 4.0 9.1.9.1, 5.0 and 6.0 8.1.9.1."##,
    },
    Counterparts {
        check: "defender.plan_dns",
        azure_policy: &[PolicyDefinition {
            id: "bdc59948-5574-49b3-bb91-76b7c986428d",
            name: r##"[Deprecated]: Azure Defender for DNS should be enabled"##,
        }],
        azure_policy_decides: r##"AuditIfNotExists on the subscription: compliant when its Microsoft.Security/pricings entry named Dns has pricingTier Standard; a missing entry is non-compliant."##,
        prowler: &["defender_ensure_defender_for_dns_is_on"],
        prowler_decides: r##"Per subscription, if the pricing Dns is listed: PASS when pricing_tier equals Standard (case-sensitive), else FAIL; a missing entry gives no finding. subPlan, deprecated and enforce are not read."##,
        differences: r##"(1) Standard passes, Free fails in all three; we compare without case. (2) A missing entry is unknown here, non-compliant for the policy and no finding for Prowler: keep, the plan may not be offered in that cloud. (3) A null tier is unknown here, a fail for Prowler (or a dropped subscription): keep. (4) Defender for DNS is retired (its entry reports deprecated, replacedBy); Azure documents its alerts as part of Defender for Servers Plan 2, so a Free Dns entry passes when VirtualMachines is Standard with subPlan P2. Prowler fails it and the deprecated policy defaults to Disabled: change from both, on purpose (the retired plan cannot be turned on for new subscriptions)."##,
        decision: r##"New in this release (part of issue 15: the Defender plans). CIS 3.0 3.1.16 and 4.0 9.1.17 ([LEGACY]); the replacement judged is stated in the rule."##,
    },
    Counterparts {
        check: "keyvault.purge_protection_enabled",
        azure_policy: &[
            PolicyDefinition {
                id: "0b60c0b2-2dc2-4e1c-b5c9-abbed971de53",
                name: r##"Key vaults should have deletion protection enabled"##,
            },
            PolicyDefinition {
                id: "1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d",
                name: r##"Key vaults should have soft delete enabled"##,
            },
        ],
        azure_policy_decides: r##"0b60c0b2 (Audit by default; createMode recover skipped) flags a vault whose enablePurgeProtection is absent or false, or whose enableSoftDelete is false (absent is not flagged at api-version 2019-09-01 and later). 1e66c121 flags enableSoftDelete false or absent."##,
        prowler: &["keyvault_recoverable"],
        prowler_decides: r##"Passes only when enable_soft_delete and enable_purge_protection are both true; absent values are None and fail."##,
        differences: r##"(1) Purge protection true passes, false or absent fails, in all. (2) Soft delete absent passes here (it has been on for every vault since 2025 and cannot be turned off), as 0b60c0b2 decides; 1e66c121 and Prowler fail it: keep. (3) An unreadable record is unknown here: keep."##,
        decision: r##"New in this release (part of issue 15: Key Vault), for CIS 3.0 3.3.5, 4.0 9.3.5, 5.0 and 6.0 8.3.5."##,
    },
    Counterparts {
        check: "keyvault.rbac_authorization",
        azure_policy: &[PolicyDefinition {
            id: "12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5",
            name: r##"Azure Key Vault should use RBAC permission model"##,
        }],
        azure_policy_decides: r##"12d4fa5e (Audit by default; createMode recover skipped) flags a vault whose enableRbacAuthorization is absent or false."##,
        prowler: &["keyvault_rbac_enabled"],
        prowler_decides: r##"Passes only when enable_rbac_authorization is true; absent fails."##,
        differences: r##"(1) true passes, false or absent fails, in all three: same. (2) An unreadable record is unknown here."##,
        decision: r##"New in this release (part of issue 15), for CIS 3.0 3.3.6, 4.0 9.3.6, 5.0 and 6.0 8.3.6."##,
    },
    Counterparts {
        check: "keyvault.public_network_access_disabled",
        azure_policy: &[
            PolicyDefinition {
                id: "405c5871-3e91-4644-8a63-58e19d68ff5b",
                name: r##"Azure Key Vault should disable public network access"##,
            },
            PolicyDefinition {
                id: "55615ac9-af46-4a59-874e-391cc3dfb490",
                name: r##"Azure Key Vault should have firewall enabled or public network access disabled"##,
            },
        ],
        azure_policy_decides: r##"405c5871 (Audit by default) is compliant only when publicNetworkAccess is Disabled; absent is non-compliant and networkAcls is not read. 55615ac9 also accepts networkAcls.defaultAction Deny (a firewall of selected networks)."##,
        prowler: &["keyvault_access_only_through_private_endpoints"],
        prowler_decides: r##"Only vaults with a private endpoint connection get a finding: PASS when public_network_access is Disabled, else FAIL (absent too); networkAcls and the connection's state are not read. Prowler's CIS 5.0/6.0 8.3.7 mapping points at keyvault_private_endpoints instead."##,
        differences: r##"(1) Disabled passes, Enabled and absent fail, as 405c5871 decides and CIS 5.0/6.0 8.3.7 asks. (2) A firewall with defaultAction Deny fails here and passes 55615ac9: keep CIS's stricter reading; the firewall is in the evidence. (3) Vaults without private endpoints are judged here and skipped by Prowler: keep (CIS 4.0 9.3.7 speaks of vaults using private endpoints; those without one fail here too, since they are public). (4) SecuredByPerimeter or another value is unknown here."##,
        decision: r##"New in this release (part of issue 15), for CIS 4.0 9.3.7, 5.0 and 6.0 8.3.7."##,
    },
    Counterparts {
        check: "keyvault.private_endpoints",
        azure_policy: &[PolicyDefinition {
            id: "a6abeaec-4d90-4a02-805f-6b26c4d3fbe9",
            name: r##"Azure Key Vaults should use private link"##,
        }],
        azure_policy_decides: r##"a6abeaec (Audit by default) is compliant when at least one privateEndpointConnections entry has privateLinkServiceConnectionState.status Approved; absent or empty is non-compliant."##,
        prowler: &["keyvault_private_endpoints"],
        prowler_decides: r##"Passes when the vault lists any private endpoint connection, whatever its state (pending and rejected count); absent or empty fails."##,
        differences: r##"(1) We count only Approved connections, as the policy does; Prowler passes a pending or rejected one: change from Prowler, on purpose. (2) A connection without a state, none approved, is unknown here: keep."##,
        decision: r##"New in this release (part of issue 15), for CIS 3.0 3.3.7, 4.0 9.3.8, 5.0 and 6.0 8.3.8."##,
    },
    Counterparts {
        check: "iam.users_cannot_create_tenants",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &["entra_policy_ensure_default_user_cannot_create_tenants"],
        prowler_decides: r##"Reads authorizationPolicy.defaultUserRolePermissions.allowedToCreateTenants. FAIL by default; PASS iff defaultUserRolePermissions exists and allowed_to_create_tenants is falsy; the service stores an absent value as None, so an absent property comes out as PASS."##,
        differences: r##"No built-in policy. vs Prowler: same property and outcome for true/false. Absent value: Prowler passes, we report unknown -> keep (never a pass on missing data; Graph's v1.0 example omits the property). No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.users_cannot_register_apps",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &["entra_policy_ensure_default_user_cannot_create_apps"],
        prowler_decides: r##"Reads defaultUserRolePermissions.allowedToCreateApps. FAIL by default; PASS iff defaultUserRolePermissions exists and allowed_to_create_apps is falsy; an absent value is stored as None and comes out as PASS."##,
        differences: r##"No built-in policy. vs Prowler: same property and true/false outcome; an absent value is unknown here and PASS there -> keep (ours never passes on missing data). No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.guest_access_restricted",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &["entra_policy_guest_users_access_restrictions"],
        prowler_decides: r##"Reads authorizationPolicy.guestUserRoleId. PASS iff it equals 2af84b1e-32c8-42b7-82bc-daa82404023b (restricted to own directory objects), FAIL otherwise, including absent."##,
        differences: r##"No built-in policy. vs Prowler: same accepted value (we compare case-insensitively -> keep). Absent value: unknown here, FAIL there -> keep. Messages name which weaker role is set. No change."##,
        decision: r##"No change: the rule agrees with its counterparts, or differs only where the differences say it is stricter by design."##,
    },
    Counterparts {
        check: "iam.security_defaults_enabled",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &["entra_security_defaults_enabled"],
        prowler_decides: r##"Reads GET /policies/identitySecurityDefaultsEnforcementPolicy isEnabled. PASS iff truthy, FAIL otherwise (absent counts as disabled)."##,
        differences: r##"No built-in policy. vs Prowler: same when security defaults are on. When they are off we also read the conditional access policies: with at least one enforced (state 'enabled') policy we pass, because Entra does not allow security defaults alongside conditional access and CIS 5.2 then governs (the iam.mfa_* checks judge what the policies require); Prowler fails such tenants, which then can never pass -> keep, recorded. Absent isEnabled: unknown here, FAIL there -> keep."##,
        decision: r##"Differs from Prowler by decision: conditional access in force replaces security defaults (Microsoft refuses both at once); absent data is unknown."##,
    },
    Counterparts {
        check: "iam.user_access_administrator_restricted",
        azure_policy: &[],
        azure_policy_decides: r##""##,
        prowler: &["iam_role_user_access_admin_restricted"],
        prowler_decides: r##"Per subscription, for every role assignment listed there: FAIL when its role definition's name is 'User Access Administrator' (any scope listed: the subscription, its resource groups' inherited view, management groups, root), PASS otherwise (one finding per assignment)."##,
        differences: r##"No built-in policy. vs Prowler: Prowler fails every User Access Administrator assignment at any scope; we fail the assignment at the root scope '/' only (the 'elevate access' one CIS's audit procedure lists with --scope '/' and asks to remove after use) and name subscription and management-group assignments in the evidence, since those are ordinary delegated grants that access reviews judge -> narrower, recorded. One finding per subscription, not per assignment."##,
        decision: r##"Differs from Prowler by decision: only the root-scope (elevated access) assignment fails, as CIS's audit procedure reads it."##,
    },
    Counterparts {
        check: "iam.subscription_owners",
        azure_policy: &[
            PolicyDefinition {
                id: "4f11b553-d42e-4e3a-89be-32ca364cad4c",
                name: r##"A maximum of 3 owners should be designated for your subscription"##,
            },
            PolicyDefinition {
                id: "09024ccc-0c5f-475e-9457-b7c0d9ed487b",
                name: r##"There should be more than one owner assigned to your subscription"##,
            },
        ],
        azure_policy_decides: r##"Both are Defender for Cloud assessment policies (AuditIfNotExists on Microsoft.Security/assessments with the assessment's status code): Defender counts the subscription's Owner assignments and reports Unhealthy for more than 3, and for fewer than 2, respectively."##,
        prowler: &[],
        prowler_decides: r##""##,
        differences: r##"vs Azure Policy: same bounds (2 to 3). Defender computes the count itself and shows it as an assessment; we count distinct principals with an active Owner assignment at the subscription or above (management groups placed by the snapshot, root), a group counting once -> same intent, computed from the assignments. An assignment at a management group the snapshot cannot place makes a count of 3 or fewer unknown (it might add owners) -> stricter. No Prowler check (Prowler's iam checks cover custom owner roles only). PIM-eligible owners are not counted."##,
        decision: r##"Agrees with the two Azure Policy assessments; counted from the role assignments so that it is exact and Reader-only."##,
    },
    Counterparts {
        check: "compute.periodic_update_assessment",
        azure_policy: &[PolicyDefinition {
            id: "bd876905-5b84-4f73-ab2d-2e7a7c4568d9",
            name: r##"Machines should be configured to periodically check for missing system updates"##,
        }],
        azure_policy_decides: r##"Audit on Microsoft.Compute/virtualMachines (and Arc machines) with a supported image: non-compliant when the OS's patchSettings.assessmentMode (windowsConfiguration for an OS disk of type windows, linuxConfiguration otherwise) is not AutomaticByPlatform; an absent mode is not AutomaticByPlatform, so non-compliant."##,
        prowler: &["defender_ensure_system_updates_are_applied"],
        prowler_decides: r##"Reads three Defender for Cloud assessments per subscription (one of them the Log Analytics agent's) and reports only when all three exist; it judges whether updates are installed, not whether machines are assessed."##,
        differences: r##"vs Azure Policy: same property, same OS choice and same outcome; the policy's image allow-list is not applied (a VM outside it is still judged by its setting) -> stricter, kept. A VM without osProfile is unknown here (the policy's field is empty, so it would be non-compliant) -> keep, as the setting cannot be changed on such a VM. vs Prowler: different evidence (assessment results, and a retired agent's assessment) -> we follow the policy, which is what CIS 4.0 9.1.10 and 5.0/6.0 8.1.10 cite."##,
        decision: r##"New in this release (part of issue 15), for CIS 4.0 9.1.10, 5.0 and 6.0 8.1.10: the rule of Azure Policy bd876905."##,
    },
    Counterparts {
        check: "defender.contact_notifies_owners",
        azure_policy: &[],
        azure_policy_decides: r##"None reads notificationsByRole. The nearest, 0b15565f 'Email notification to subscription owner for high severity alerts should be enabled', reads the legacy alertsToAdmins field with minimalSeverity High; it is the alert-severity check's counterpart."##,
        prowler: &["defender_ensure_notify_emails_to_owners"],
        prowler_decides: r##"GET securityContacts at 2023-12-01-preview; per contact: PASS when notificationsByRole.state is On (case-insensitive) and roles contains Owner, FAIL otherwise; a subscription with no contact yields no finding; isEnabled is not read."##,
        differences: r##"vs Prowler: same properties and outcome per contact; we compare roles case-insensitively -> keep. A subscription with no contact fails here (owners are notified of nothing) where Prowler says nothing -> stricter, kept. A disabled contact (isEnabled false) fails here -> stricter, kept. A contact without notificationsByRole is unknown, Prowler's default Off fails it -> keep. One finding per subscription."##,
        decision: r##"New in this release (part of issue 15), for CIS 3.0 3.1.12, 4.0 9.1.12, 5.0 and 6.0 8.1.12."##,
    },
    Counterparts {
        check: "defender.contact_alert_severity",
        azure_policy: &[
            PolicyDefinition {
                id: "6e2593d9-add6-4083-9c9b-4b7d2188c899",
                name: r##"Email notification for high severity alerts should be enabled"##,
            },
            PolicyDefinition {
                id: "0b15565f-aa9e-48ba-8619-45960f2c314d",
                name: r##"Email notification to subscription owner for high severity alerts should be enabled"##,
            },
        ],
        azure_policy_decides: r##"6e2593d9 (AuditIfNotExists on securityContacts): compliant when alertNotifications is On, or isEnabled is true with an Alert entry in notificationsSources; the severity is not tested. 0b15565f: compliant unless alertsToAdmins is Off while the minimal severity (alertNotifications or the Alert source) is High."##,
        prowler: &["defender_ensure_notify_alerts_severity_is_high"],
        prowler_decides: r##"GET securityContacts at 2023-12-01-preview; per contact, the minimalSeverity of the Alert entry of notificationsSources: PASS when set and not Critical (High, Medium, Low), FAIL otherwise; the legacy alertNotifications object and isEnabled are not read; no contact, no finding."##,
        differences: r##"vs 6e2593d9: same on/off test, and we also require a severity of High or lower -> stricter, as CIS asks. vs 0b15565f: it mixes in alerts to admins, which defender.contact_notifies_owners judges -> apart. vs Prowler: same accepted severities (a lower threshold sends High alerts too); no contact fails here and is silent there -> stricter; a disabled contact fails -> stricter; both api-versions' shapes are read -> keep; an unknown severity value is unknown, not fail -> keep."##,
        decision: r##"New in this release (part of issue 15), for CIS 3.0 3.1.14, 4.0 9.1.14, 5.0 and 6.0 8.1.14: High or any lower threshold passes, as Prowler."##,
    },
];
