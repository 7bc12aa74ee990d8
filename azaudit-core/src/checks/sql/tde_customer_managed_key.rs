//! `sql.tde_customer_managed_key`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::finding::Severity;
use crate::model::SqlEncryptionProtector;

/// Each SQL server's TDE protector is a customer-managed key.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "sql.tde_customer_managed_key",
        title: "SQL servers protect TDE with a customer-managed key",
        service: "sql",
        level: 2,
        severity: Severity::Medium,
        reads: &[super::SERVERS, super::ENCRYPTION_PROTECTOR],
        rule: "Per SQL server, from its `encryptionProtector` (the `current` protector): pass iff `serverKeyType` is AzureKeyVault (case-insensitive); fail when ServiceManaged; unknown when no protector was returned or its `serverKeyType` is absent or another value. Severity medium: the data stays encrypted either way; what a service-managed key loses is the customer's control over revoking it.",
        rationale: "With a customer-managed protector the organisation holds the key that unlocks every database's encryption key: it can rotate it on its own schedule, audit its use in Key Vault, and revoke it to make the data unreadable.",
        remediation: Remediation {
            portal: "SQL server > Security > Transparent data encryption > Customer-managed key: select a Key Vault key (the server's identity needs get, wrapKey and unwrapKey on it).",
            cli: "az sql server tde-key set --resource-group <rg> --server <server> --server-key-type AzureKeyVault --kid https://<vault>.vault.azure.net/keys/<key>/<version>",
        },
        cis: &["5.1.3"],
        references: &[
            "https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-byok-overview",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    super::each_server_policy::<SqlEncryptionProtector>(
        cx,
        CHECK.meta.reads,
        out,
        "encryption protector",
        |server, p, out| {
            let kind = &p.server_key_type;
            let ev = crate::evidence!({"serverKeyType": kind, "serverKeyName": p.server_key_name, "autoRotationEnabled": p.auto_rotation_enabled});
            let ok = match kind.as_deref() {
                Some(k) if k.eq_ignore_ascii_case("AzureKeyVault") => Some(true),
                Some(k) if k.eq_ignore_ascii_case("ServiceManaged") => Some(false),
                _ => None,
            };
            out.judge(
                server,
                ok,
                [
                    "The TDE protector is a customer-managed Key Vault key.",
                    "The TDE protector is the service-managed key: Microsoft holds it, not you.",
                    "The encryption protector does not report a serverKeyType this check knows.",
                ],
                ev,
            );
        },
    );
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{ENCRYPTION_PROTECTOR, SERVERS};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let cmk = arm(SERVERS, "sql-cmk", json!({"version": "12.0"}));
    let smk = arm(SERVERS, "sql-smk", json!({"version": "12.0"}));
    let odd = arm(SERVERS, "sql-odd", json!({"version": "12.0"}));
    let none = arm(SERVERS, "sql-none", json!({"version": "12.0"}));
    // EncryptionProtectorList.json (2023-08-01): kind, serverKeyName, serverKeyType, uri.
    let recs = vec![
        cmk.clone(),
        child(
            &cmk,
            "encryptionProtector",
            "current",
            json!({"serverKeyName": "someVault_someKey_01234567890123456789012345678901", "serverKeyType": "AzureKeyVault", "uri": "https://someVault.vault.azure.net/keys/someKey/01234567890123456789012345678901", "thumbprint": "00000000000000000000000000000000", "autoRotationEnabled": false}),
        ),
        smk.clone(),
        child(
            &smk,
            "encryptionProtector",
            "current",
            json!({"serverKeyName": "ServiceManaged", "serverKeyType": "ServiceManaged", "autoRotationEnabled": false}),
        ),
        odd.clone(),
        child(
            &odd,
            "encryptionProtector",
            "current",
            json!({"serverKeyType": null}),
        ),
        none.clone(),
    ];
    vec![
        Case::new(
            "protectors",
            doc(recs.clone(), &[SERVERS, ENCRYPTION_PROTECTOR]),
            vec![
                e(id_of(&cmk), Pass),
                e(id_of(&smk), Fail),
                e(id_of(&odd), Unknown),
                e(id_of(&none), Unknown),
            ],
        ),
        Case::new(
            "protectors forbidden",
            forbid(doc(recs, &[SERVERS]), ENCRYPTION_PROTECTOR),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
