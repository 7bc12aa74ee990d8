//! `keyvault.key_expiration_set`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::VaultKey;
use crate::resource_types::{self, ResourceType};

const TYPE: &ResourceType = &resource_types::VAULT_KEYS;

/// Every enabled Key Vault key has an expiration date.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "keyvault.key_expiration_set",
        title: "Key Vault keys have an expiration date",
        service: "keyvault",
        level: 1,
        severity: Severity::High,
        reads: &[TYPE],
        rule: "Per key (read through ARM, the control plane: no key material is requested): fail when it is enabled and `attributes.exp` is absent, or when `exp` is further than `cfg.max_key_validity_days` (none) ahead; pass when it is disabled or expires in time; unknown when `attributes.enabled` is absent.",
        rationale: "A key without an expiry is used forever: once leaked it stays valid, and nobody is forced to rotate it.",
        remediation: Remediation {
            portal: "Key vault > Objects > Keys > select the key > current version > set Expiration date (and a rotation policy).",
            cli: "az keyvault key set-attributes --vault-name <vault> --name <key> --expires 2027-12-31T00:00:00Z",
        },
        cis: &["3.3.1", "3.3.2"],
        references: &[
            "https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::eval_objects::<VaultKey>(
        cx,
        CHECK.meta.reads,
        super::VaultObject::Key,
        |p| p.attributes.as_ref(),
        out,
    );
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    super::cases_for("keys", TYPE.name)
}
