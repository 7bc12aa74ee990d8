//! What a user may ask of a live collection, as data: [`CollectConfig`], read from JSON (the
//! Node and Python bindings) or filled in from flags (the command line), and turned into
//! [`CollectOptions`] by [`CollectOptions::from_config`], the one place that validates it.
//!
//! Credentials and progress callbacks are not data: each caller supplies its own.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use azaudit_core::Selection;
use serde::{Deserialize, Serialize};

use crate::{CloudProfile, CollectOptions, RetryPolicy};

/// The user-facing options of a live collection. Every field may be left out; JSON keys are
/// camelCase and unknown keys are refused.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct CollectConfig {
    /// `AzureCloud` (default), `AzureUSGovernment`, `AzureChinaCloud` or `custom`
    /// (case-insensitive).
    #[cfg_attr(
        feature = "schema",
        schemars(extend("enum" = ["AzureCloud", "AzureUSGovernment", "AzureChinaCloud", "custom", null]))
    )]
    pub cloud: Option<String>,
    /// Endpoint overrides (all three for `custom`).
    pub endpoints: Endpoints,
    /// The Entra tenant, when it cannot be taken from the subscriptions.
    pub tenant_id: Option<String>,
    /// Subscription ids; every enabled one the credential sees when empty.
    pub subscriptions: Vec<String>,
    /// Only what these checks read is collected: ids or globs, as a list or comma-separated
    /// (`"storage.*,sql.tde_enabled"`).
    pub checks: Option<CheckList>,
    /// Requests in flight at once (default 8).
    pub concurrency: Option<u64>,
    /// Seconds one request may take, each attempt (default 30).
    pub request_timeout: Option<f64>,
    /// Seconds one (scope, type) may take, all its requests, retries and pages (default
    /// 1800); past it, it is recorded as an error and the scan goes on.
    pub fetch_timeout: Option<f64>,
    /// Retries of a throttled or failed request after its first attempt (default 4).
    pub max_retries: Option<u32>,
    /// A PEM file of extra trusted CA certificates (a TLS-inspecting proxy's).
    pub ca_cert: Option<String>,
    /// Extra trusted CA certificates as PEM text (instead of `caCert`).
    pub ca_cert_pem: Option<String>,
}

/// Endpoints of a cloud, to override a named cloud's or to define a custom one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Endpoints {
    /// Azure Resource Manager, as `https://management.azure.com`.
    pub arm: Option<String>,
    /// Microsoft Graph host, as `https://graph.microsoft.com`.
    pub graph: Option<String>,
    /// Entra authority host, as `https://login.microsoftonline.com`.
    pub authority: Option<String>,
    /// Keys that are none of the above, kept to be refused by name when validated.
    #[serde(flatten, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub unknown: BTreeMap<String, serde_json::Value>,
}

/// Check ids or globs: one comma-separated string, or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum CheckList {
    /// Comma-separated, as on a command line (`storage.*,sql.tde_enabled`).
    Text(String),
    /// One id or glob each.
    List(Vec<String>),
}

impl CheckList {
    /// The selection it means (parsed by the core, as the command line's `--checks` is).
    pub fn selection(&self) -> Selection {
        match self {
            CheckList::Text(text) => Selection::with_checks(text),
            CheckList::List(list) => Selection {
                checks: list.clone(),
                ..Selection::default()
            },
        }
    }
}

/// How an option's name is spelled to the person who gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStyle {
    /// As in JSON and JavaScript: `requestTimeout`.
    Camel,
    /// As in Python: `request_timeout`.
    Snake,
    /// As on the command line: `--request-timeout`.
    Flag,
}

impl KeyStyle {
    /// `key` (camelCase, as [`CollectConfig`]'s JSON spells it) in this style.
    pub fn spell(self, key: &str) -> String {
        let separated = |sep: char| {
            key.chars().fold(String::new(), |mut out, c| {
                if c.is_ascii_uppercase() {
                    out.push(sep);
                }
                out.push(c.to_ascii_lowercase());
                out
            })
        };
        match self {
            KeyStyle::Camel => key.to_string(),
            KeyStyle::Snake => separated('_'),
            KeyStyle::Flag => format!("--{}", separated('-')),
        }
    }
}

/// Why a [`CollectConfig`] was refused: one line, naming the option when one is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsError {
    /// The option at fault (camelCase), when the message is about one.
    pub key: Option<&'static str>,
    /// What is wrong; follows the option's name when there is one.
    pub message: String,
}

impl OptionsError {
    fn about(key: &'static str, message: String) -> Self {
        OptionsError {
            key: Some(key),
            message,
        }
    }

    fn general(message: impl Into<String>) -> Self {
        OptionsError {
            key: None,
            message: message.into(),
        }
    }

    /// The message, naming the option as the caller's users spell it.
    pub fn message_in(&self, style: KeyStyle) -> String {
        match self.key {
            Some(key) => format!("{} {}", style.spell(key), self.message),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_in(KeyStyle::Camel))
    }
}

impl std::error::Error for OptionsError {}

/// A positive number of seconds, below about four months (beyond is surely a mistake).
fn seconds(
    key: &'static str,
    value: Option<f64>,
    default: Duration,
) -> Result<Duration, OptionsError> {
    match value {
        None => Ok(default),
        Some(v) if v.is_finite() && v > 0.0 && v < 1e7 => Ok(Duration::from_secs_f64(v)),
        Some(v) => Err(OptionsError::about(
            key,
            format!("must be a positive number of seconds, not {v}"),
        )),
    }
}

impl CollectOptions {
    /// Options from their JSON form (a [`CollectConfig`] document), validated.
    pub fn from_json(text: &str) -> Result<CollectOptions, OptionsError> {
        let config: CollectConfig = serde_json::from_str(text)
            .map_err(|e| OptionsError::general(format!("invalid collection options: {e}")))?;
        CollectOptions::from_config(&config)
    }

    /// Options from a [`CollectConfig`], validated: the cloud and its endpoints (https only),
    /// the numbers' ranges, and the CA certificates (read from `caCert`). Credentials and
    /// progress are the caller's to add.
    pub fn from_config(config: &CollectConfig) -> Result<CollectOptions, OptionsError> {
        let defaults = CollectOptions::default();
        let endpoints = &config.endpoints;
        if !endpoints.unknown.is_empty() {
            let keys: Vec<&str> = endpoints.unknown.keys().map(String::as_str).collect();
            return Err(OptionsError::general(format!(
                "unknown endpoint keys {}: expected arm, graph, authority",
                keys.join(", ")
            )));
        }
        let cloud = CloudProfile::resolve(
            config.cloud.as_deref().unwrap_or("AzureCloud"),
            endpoints.arm.as_deref(),
            endpoints.graph.as_deref(),
            endpoints.authority.as_deref(),
        )
        .map_err(|e| OptionsError::general(e.to_string()))?;
        let concurrency = match config.concurrency {
            None => defaults.concurrency,
            Some(n) if n > 0 => usize::try_from(n).unwrap_or(usize::MAX),
            Some(n) => {
                return Err(OptionsError::about(
                    "concurrency",
                    format!("must be a positive number, not {n}"),
                ));
            }
        };
        let ca_certificates_pem = match (&config.ca_cert, &config.ca_cert_pem) {
            (Some(_), Some(_)) => {
                return Err(OptionsError::general(
                    "caCert and caCertPem exclude each other",
                ));
            }
            (Some(path), None) => Some(
                std::fs::read(path).map_err(|e| OptionsError::general(format!("{path}: {e}")))?,
            ),
            (None, Some(pem)) => Some(pem.as_bytes().to_vec()),
            (None, None) => None,
        };
        let retry = RetryPolicy {
            max_retries: config.max_retries.unwrap_or(defaults.retry.max_retries),
            ..defaults.retry
        };
        Ok(CollectOptions {
            cloud,
            tenant_id: config.tenant_id.clone(),
            subscriptions: config.subscriptions.clone(),
            selection: config
                .checks
                .as_ref()
                .map(CheckList::selection)
                .unwrap_or_default(),
            concurrency,
            retry,
            request_timeout: seconds(
                "requestTimeout",
                config.request_timeout,
                defaults.request_timeout,
            )?,
            fetch_timeout: seconds("fetchTimeout", config.fetch_timeout, defaults.fetch_timeout)?,
            ca_certificates_pem,
            progress: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(json: &str) -> OptionsError {
        CollectOptions::from_json(json).expect_err(json)
    }

    #[test]
    fn defaults_are_the_collectors() {
        let o = CollectOptions::from_json("{}").unwrap();
        let d = CollectOptions::default();
        assert_eq!(o.cloud, d.cloud);
        assert_eq!(o.concurrency, d.concurrency);
        assert_eq!(o.request_timeout, d.request_timeout);
        assert_eq!(o.fetch_timeout, d.fetch_timeout);
        assert_eq!(o.retry, d.retry);
        assert_eq!(o.selection, Selection::default());
    }

    #[test]
    fn every_option_is_read() {
        let o = CollectOptions::from_json(
            r#"{"cloud": "custom", "endpoints": {"arm": "https://a", "graph": "https://g",
                "authority": "https://l"}, "tenantId": "t", "subscriptions": ["s1"],
                "checks": "storage.*, sql.tde_enabled", "concurrency": 3, "requestTimeout": 1.5,
                "fetchTimeout": 60, "maxRetries": 0, "caCertPem": "x"}"#,
        )
        .unwrap();
        assert_eq!(o.cloud.arm, "https://a");
        assert_eq!(o.tenant_id.as_deref(), Some("t"));
        assert_eq!(o.subscriptions, ["s1"]);
        assert_eq!(o.selection.checks, ["storage.*", "sql.tde_enabled"]);
        assert_eq!(o.concurrency, 3);
        assert_eq!(o.request_timeout, Duration::from_millis(1500));
        assert_eq!(o.fetch_timeout, Duration::from_secs(60));
        assert_eq!(o.retry.max_retries, 0);
        assert_eq!(o.ca_certificates_pem.as_deref(), Some(&b"x"[..]));
        let listed = CollectOptions::from_json(r#"{"checks": ["storage.*"]}"#).unwrap();
        assert_eq!(listed.selection.checks, ["storage.*"]);
    }

    #[test]
    fn refusals_are_one_line_and_name_the_option() {
        let e = refused(r#"{"requestTimeout": -1}"#);
        assert_eq!(
            e.to_string(),
            "requestTimeout must be a positive number of seconds, not -1"
        );
        assert_eq!(
            e.message_in(KeyStyle::Snake),
            "request_timeout must be a positive number of seconds, not -1"
        );
        assert!(
            e.message_in(KeyStyle::Flag)
                .starts_with("--request-timeout must")
        );
        assert!(
            refused(r#"{"concurrency": 0}"#)
                .to_string()
                .starts_with("concurrency must")
        );
        assert!(refused(r#"{"cloud": "mars"}"#).to_string().contains("mars"));
        assert!(
            refused(r#"{"cloud": "custom"}"#)
                .to_string()
                .contains("custom")
        );
        assert!(
            refused(r#"{"endpoints": {"arm": "http://a"}}"#)
                .to_string()
                .contains("https")
        );
        assert_eq!(
            refused(r#"{"endpoints": {"armm": "https://a"}}"#).to_string(),
            "unknown endpoint keys armm: expected arm, graph, authority"
        );
        assert!(refused(r#"{"cloudd": "x"}"#).to_string().contains("cloudd"));
        assert!(
            refused(r#"{"caCert": "/nonexistent.pem"}"#)
                .to_string()
                .contains("/nonexistent.pem")
        );
        for e in [refused("{"), refused(r#"{"concurrency": "x"}"#)] {
            assert!(!e.to_string().contains('\n'), "{e}");
        }
    }

    #[test]
    fn key_styles() {
        assert_eq!(KeyStyle::Snake.spell("fetchTimeout"), "fetch_timeout");
        assert_eq!(KeyStyle::Flag.spell("fetchTimeout"), "--fetch-timeout");
        assert_eq!(KeyStyle::Camel.spell("concurrency"), "concurrency");
    }
}
