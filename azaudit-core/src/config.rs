//! Configuration: the `cfg.*` thresholds the checks' rules name (README, "Configuration"),
//! and waivers, from TOML or JSON.
//!
//! ```toml
//! key_rotation_days = 60
//! allowed_guests = ["partner.example"]
//!
//! [[waivers]]
//! check = "storage.default_network_access_denied"
//! resource = "/subscriptions/*/resourceGroups/rg-public-web/*"
//! reason = "public website assets, reviewed by SEC-142"
//! expires = "2027-03-31"
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::glob::glob_match;
use crate::time;

/// Why a configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not valid, or names a key that does not exist.
    #[error("invalid configuration{origin}: {message}")]
    Invalid {
        /// ` in <path>` or empty.
        origin: String,
        /// What is wrong, with the key name or the position.
        message: String,
    },
}

/// Minimum runtime versions for `appservice.runtime_current`.
///
/// Empty (the default for .NET, Python, PHP and Node): the check's dated table decides, the
/// oldest version still supported at the evaluation time. Java defaults to 17.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuntimeVersions {
    /// .NET (`DOTNETCORE|8.0`, `DOTNET|8.0`, `netFrameworkVersion` `v8.0`).
    pub dotnet: String,
    /// Python.
    pub python: String,
    /// PHP.
    pub php: String,
    /// Java.
    pub java: String,
    /// Node.js.
    pub node: String,
}

impl Default for RuntimeVersions {
    fn default() -> Self {
        RuntimeVersions {
            dotnet: String::new(),
            python: String::new(),
            php: String::new(),
            java: "17".into(),
            node: String::new(),
        }
    }
}

/// A failure accepted for a time: it turns matching `fail` findings into `waived`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// Check id, or a glob over ids (`storage.*`).
    pub check: String,
    /// Glob over resource ids (case-insensitive; `*` matches anything, `?` one character).
    #[serde(default = "star")]
    pub resource: String,
    /// Why the failure is accepted (shown in reports).
    pub reason: String,
    /// Last day the waiver applies (`YYYY-MM-DD`, inclusive); none means no expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

fn star() -> String {
    "*".into()
}

impl Waiver {
    /// Whether the waiver names this check and resource.
    pub fn matches(&self, check_id: &str, resource_id: &str) -> bool {
        glob_match(&self.check, check_id) && glob_match(&self.resource, resource_id)
    }
    /// Whether it has expired on `today` (days since the epoch).
    pub fn expired(&self, today: i64) -> bool {
        self.expires
            .as_deref()
            .and_then(time::parse_date)
            .is_some_and(|last| today > last)
    }
}

/// Thresholds and lists the checks read (the `cfg.*` their rules name), plus waivers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `iam.no_guest_users`: guest UPNs or domains that are accepted.
    pub allowed_guests: Vec<String>,
    /// `storage.access_keys_rotated`: maximum key age in days.
    pub key_rotation_days: u32,
    /// `sql.auditing_enabled`: minimum audit retention in days when kept in storage.
    pub sql_audit_retention_days: u32,
    /// `monitor.activity_log_retention`: minimum retention in days.
    pub activity_log_retention_days: u32,
    /// `compute.*_encrypted`: accept platform-managed keys as encryption.
    pub accept_platform_keys: bool,
    /// `compute.approved_extensions_only`: allowed extension publishers (globs).
    pub approved_extension_publishers: Vec<String>,
    /// `compute.os_patches_applied`: maximum age of the last patch assessment in days.
    pub patch_assessment_max_age_days: u32,
    /// `compute.endpoint_protection_installed`: extension types accepted besides the
    /// built-in IaaSAntimalware, MDE.Windows and MDE.Linux.
    pub endpoint_protection_extensions: Vec<String>,
    /// `defender.secure_score`: minimum secure score percentage.
    pub min_secure_score_percent: f64,
    /// `keyvault.*_expiration_set`: maximum validity ahead, in days (none: any expiry passes).
    pub max_key_validity_days: Option<u32>,
    /// `general.critical_resources_locked`: the tag (`name=value`) marking critical resources.
    pub critical_tag: String,
    /// `appservice.runtime_current`: minimum stack versions.
    pub min_runtime_versions: RuntimeVersions,
    /// The time ages are judged against (RFC 3339); default: the snapshot's `collectedAt`,
    /// else the current time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation_time: Option<String>,
    /// The day waivers' expiry is judged against (`YYYY-MM-DD`); default: today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    /// Accepted failures.
    pub waivers: Vec<Waiver>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allowed_guests: Vec::new(),
            key_rotation_days: 90,
            sql_audit_retention_days: 90,
            activity_log_retention_days: 365,
            accept_platform_keys: false,
            approved_extension_publishers: vec!["Microsoft.*".into()],
            patch_assessment_max_age_days: 7,
            endpoint_protection_extensions: Vec::new(),
            min_secure_score_percent: 70.0,
            max_key_validity_days: None,
            critical_tag: "criticality=high".into(),
            min_runtime_versions: RuntimeVersions::default(),
            evaluation_time: None,
            today: None,
            waivers: Vec::new(),
        }
    }
}

impl Config {
    /// Read a configuration file: `.json` as JSON, anything else as TOML.
    pub fn load(path: impl AsRef<Path>) -> Result<Config, ConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let origin = format!(" in {}", path.display());
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let cfg = if is_json {
            Self::parse_json(&text)
        } else {
            Self::parse_toml(&text)
        };
        cfg.map_err(|e| match e {
            ConfigError::Invalid { message, .. } => ConfigError::Invalid { origin, message },
            other => other,
        })
    }

    /// Parse TOML text.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        Self::parse_toml(text)
    }

    /// Parse JSON text.
    pub fn from_json(text: &str) -> Result<Config, ConfigError> {
        Self::parse_json(text)
    }

    fn parse_toml(text: &str) -> Result<Config, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|e| invalid(e.to_string().trim()))?;
        cfg.validated()
    }

    fn parse_json(text: &str) -> Result<Config, ConfigError> {
        let cfg: Config = serde_json::from_str(text).map_err(|e| invalid(&e.to_string()))?;
        cfg.validated()
    }

    /// Check values that serde cannot: dates, tags and waiver reasons. Whether a waiver names a
    /// check is the engine's to say ([`crate::Engine::with_selection`]): it knows its checks.
    pub fn validated(self) -> Result<Config, ConfigError> {
        if let Some(t) = &self.evaluation_time
            && time::parse_timestamp(t).is_none()
        {
            return Err(invalid(&format!(
                "evaluation_time `{t}` is not an RFC 3339 timestamp"
            )));
        }
        if let Some(t) = &self.today
            && time::parse_date(t).is_none()
        {
            return Err(invalid(&format!("today `{t}` is not a YYYY-MM-DD date")));
        }
        if !self.critical_tag.contains('=') {
            return Err(invalid(&format!(
                "critical_tag `{}` must be name=value",
                self.critical_tag
            )));
        }
        for (i, w) in self.waivers.iter().enumerate() {
            if let Some(e) = &w.expires
                && time::parse_date(e).is_none()
            {
                return Err(invalid(&format!(
                    "waivers[{i}].expires `{e}` is not a YYYY-MM-DD date"
                )));
            }
            if w.reason.trim().is_empty() {
                return Err(invalid(&format!("waivers[{i}].reason must not be empty")));
            }
        }
        Ok(self)
    }
}

fn invalid(message: &str) -> ConfigError {
    ConfigError::Invalid {
        origin: String::new(),
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_checks_md() {
        let c = Config::default();
        assert_eq!(c.key_rotation_days, 90);
        assert_eq!(c.sql_audit_retention_days, 90);
        assert_eq!(c.activity_log_retention_days, 365);
        assert_eq!(c.patch_assessment_max_age_days, 7);
        assert_eq!(c.min_secure_score_percent, 70.0);
        assert_eq!(c.critical_tag, "criticality=high");
        assert!(!c.accept_platform_keys);
        assert_eq!(c.max_key_validity_days, None);
    }

    #[test]
    fn toml_and_json_read_the_same_keys() {
        let t = Config::from_toml(
            "key_rotation_days = 30\n[min_runtime_versions]\npython = \"3.12\"\n",
        )
        .unwrap();
        let j = Config::from_json(
            r#"{"key_rotation_days":30,"min_runtime_versions":{"python":"3.12"}}"#,
        )
        .unwrap();
        assert_eq!(t, j);
        assert_eq!(t.key_rotation_days, 30);
        assert_eq!(t.min_runtime_versions.python, "3.12");
        assert_eq!(t.min_runtime_versions.java, "17");
    }

    #[test]
    fn unknown_keys_are_refused_by_name() {
        let e = Config::from_toml("key_rotation_dayz = 30")
            .unwrap_err()
            .to_string();
        assert!(e.contains("key_rotation_dayz"), "{e}");
        let e = Config::from_json(r#"{"min_runtime_versions":{"cobol":"1"}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cobol"), "{e}");
        let e =
            Config::from_toml("[[waivers]]\ncheck='storage.*'\nreason='x'\nexpiry='2027-01-01'")
                .unwrap_err()
                .to_string();
        assert!(e.contains("expiry"), "{e}");
    }

    #[test]
    fn waivers_are_validated() {
        let e =
            Config::from_toml("[[waivers]]\ncheck='storage.*'\nreason='x'\nexpires='31/12/2027'")
                .unwrap_err()
                .to_string();
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        let c =
            Config::from_toml("[[waivers]]\ncheck='storage.*'\nreason='x'\nexpires='2027-01-31'")
                .unwrap();
        let w = &c.waivers[0];
        assert!(w.matches("storage.https_only", "/subscriptions/X"));
        assert!(!w.expired(time::parse_date("2027-01-31").unwrap()));
        assert!(w.expired(time::parse_date("2027-02-01").unwrap()));
    }
}
