//! Key Vault checks.

use crate::resource_types::ResourceType;

pub mod key_expiration_set;
pub mod secret_expiration_set;
pub mod vault_settings;

use crate::check::{Context, Findings};
use crate::model::{ObjectAttributes, Props};
use crate::snapshot::Record;
use crate::time::format_timestamp;
#[cfg(test)]
use serde_json::json;

/// What a Key Vault check judges, and the sentences its findings say.
#[derive(Debug, Clone, Copy)]
pub(crate) enum VaultObject {
    /// A key.
    Key,
    /// A secret.
    Secret,
}

impl VaultObject {
    fn noun(self) -> &'static str {
        match self {
            VaultObject::Key => "key",
            VaultObject::Secret => "secret",
        }
    }
    /// No `enabled`; disabled; enabled without an expiry: fixed sentences, not formatted for
    /// each of a million objects.
    fn sentences(self) -> [&'static str; 3] {
        match self {
            VaultObject::Key => [
                "The key does not report whether it is enabled.",
                "The key is disabled.",
                "The key is enabled and has no expiration date.",
            ],
            VaultObject::Secret => [
                "The secret does not report whether it is enabled.",
                "The secret is disabled.",
                "The secret is enabled and has no expiration date.",
            ],
        }
    }
}

/// The expiry rule shared by keys and secrets.
pub(crate) fn judge_expiry(
    cx: &Context<'_>,
    r: &Record<'_>,
    attrs: Option<&ObjectAttributes>,
    object: VaultObject,
    out: &mut Findings,
) {
    let enabled = attrs.and_then(|a| a.enabled);
    let exp = attrs.and_then(|a| a.exp);
    let exp_text = exp.map(format_timestamp);
    let ev = crate::evidence!({"enabled": enabled, "exp": exp_text});
    let [no_state, disabled, no_expiry] = object.sentences();
    let noun = object.noun();
    match (enabled, exp) {
        (None, _) => out.unknown(r, no_state, ev),
        (Some(false), _) => out.pass(r, disabled, ev),
        (Some(true), None) => {
            out.fail(r, no_expiry, ev);
        }
        (Some(true), Some(exp)) => match cx.config.max_key_validity_days {
            Some(max) if exp - cx.now > i64::from(max) * 86_400 => {
                out.fail(
                    r,
                    format!(
                        "The {noun} expires {} days from now, beyond the {max}-day limit.",
                        (exp - cx.now) / 86_400
                    ),
                    ev,
                );
            }
            _ => out.pass(
                r,
                format!(
                    "The {noun} expires on {}.",
                    exp_text.as_deref().map_or("", |t| &t[..10])
                ),
                ev,
            ),
        },
    }
}

pub(crate) fn eval_objects<P: Props>(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    object: VaultObject,
    attrs: fn(&P) -> Option<&ObjectAttributes>,
    out: &mut Findings,
) {
    let covered = cx.covered_subscriptions(reads, out);
    cx.each::<P>(&covered, out, |r, o, out| {
        judge_expiry(cx, r, attrs(&o.properties), object, out)
    });
}

#[cfg(test)]
pub(crate) fn cases_for(segment: &str, ty: &str) -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let vault = arm(
        "Microsoft.KeyVault/vaults",
        "kv1",
        json!({"vaultUri": "https://kv1.vault.azure.net/"}),
    );
    let obj = |name: &str, attrs: serde_json::Value| {
        child(&vault, segment, name, json!({"attributes": attrs}))
    };
    let now = crate::time::parse_timestamp(NOW).unwrap();
    let dated = obj(
        "dated",
        json!({"enabled": true, "exp": now + 200 * 86_400, "created": now - 86_400}),
    );
    let forever = obj("forever", json!({"enabled": true, "created": now - 86_400}));
    let off = obj("off", json!({"enabled": false}));
    let blank = obj("blank", json!({}));
    let recs = vec![
        vault,
        dated.clone(),
        forever.clone(),
        off.clone(),
        blank.clone(),
    ];
    let strict = crate::Config {
        max_key_validity_days: Some(90),
        ..Default::default()
    };
    vec![
        Case::new(
            "mixed",
            doc(recs.clone(), &[ty]),
            vec![
                e(id_of(&dated), Pass),
                e(id_of(&forever), Fail),
                e(id_of(&off), Pass),
                e(id_of(&blank), Unknown),
            ],
        ),
        Case::new(
            "max validity",
            doc(recs.clone(), &[ty]),
            vec![
                e(id_of(&dated), Fail),
                e(id_of(&forever), Fail),
                e(id_of(&off), Pass),
                e(id_of(&blank), Unknown),
            ],
        )
        .with_config(strict),
        Case::new(
            "forbidden",
            forbid(doc(recs, NOTHING), ty),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
