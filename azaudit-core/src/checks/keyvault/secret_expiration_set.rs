//! `keyvault.secret_expiration_set`

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::VaultSecret;
use crate::resource_types::{self, ResourceType};

const TYPE: &ResourceType = &resource_types::VAULT_SECRETS;

/// Every enabled Key Vault secret has an expiration date.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "keyvault.secret_expiration_set",
        title: "Key Vault secrets have an expiration date",
        service: "keyvault",
        level: 1,
        severity: Severity::High,
        reads: &[TYPE],
        rule: "Per secret (read through ARM, the control plane: no secret material is requested): fail when it is enabled and `attributes.exp` is absent, or when `exp` is further than `cfg.max_key_validity_days` (none) ahead; pass when it is disabled or expires in time; unknown when `attributes.enabled` is absent.",
        rationale: "A secret without an expiry is used forever: once leaked it stays valid, and nobody is forced to rotate it.",
        remediation: Remediation {
            portal: "Key vault > Objects > Secrets > select the secret > current version > set Expiration date (and a rotation policy).",
            cli: "az keyvault secret set-attributes --vault-name <vault> --name <secret> --expires 2027-12-31T00:00:00Z",
        },
        cis: &["3.3.3", "3.3.4"],
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
    super::eval_objects::<VaultSecret>(
        cx,
        CHECK.meta.reads,
        super::VaultObject::Secret,
        |p| p.attributes.as_ref(),
        out,
    );
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    super::cases_for("secrets", TYPE.name)
}
