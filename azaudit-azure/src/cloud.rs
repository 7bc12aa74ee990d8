//! Cloud profiles: where ARM, Microsoft Graph and the Entra authority live.
//!
//! Clouds are data, not branches: a [`CloudProfile`] is four URLs, and the named clouds are
//! rows of one table.

use std::sync::Arc;

use azure_core::cloud::{CloudConfiguration, CustomConfiguration};

use crate::CollectError;

/// The endpoints of one Azure cloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudProfile {
    /// `AzureCloud`, `AzureUSGovernment`, `AzureChinaCloud`, or `custom`.
    pub name: String,
    /// Azure Resource Manager, as `https://management.azure.com` (no trailing slash).
    pub arm: String,
    /// Microsoft Graph host, as `https://graph.microsoft.com`; the client adds `/v1.0`.
    pub graph: String,
    /// Entra ID authority host, as `https://login.microsoftonline.com`.
    pub authority: String,
}

/// The named clouds: name, ARM, Graph, authority. Clouds are data: a custom profile works the
/// same way (a sovereign cloud, a local test server).
const CLOUDS: [(&str, &str, &str, &str); 3] = [
    (
        "AzureCloud",
        "https://management.azure.com",
        "https://graph.microsoft.com",
        "https://login.microsoftonline.com",
    ),
    (
        "AzureUSGovernment",
        "https://management.usgovcloudapi.net",
        "https://graph.microsoft.us",
        "https://login.microsoftonline.us",
    ),
    (
        "AzureChinaCloud",
        "https://management.chinacloudapi.cn",
        "https://microsoftgraph.chinacloudapi.cn",
        "https://login.chinacloudapi.cn",
    ),
];

impl Default for CloudProfile {
    fn default() -> Self {
        Self::named("AzureCloud").expect("the public cloud is in the table")
    }
}

impl CloudProfile {
    /// The names [`CloudProfile::named`] accepts.
    pub fn names() -> impl Iterator<Item = &'static str> {
        CLOUDS.iter().map(|c| c.0)
    }

    /// A named cloud (`AzureCloud`, `AzureUSGovernment`, `AzureChinaCloud`; case-insensitive).
    pub fn named(name: &str) -> Option<Self> {
        CLOUDS.iter().find(|c| c.0.eq_ignore_ascii_case(name)).map(
            |&(name, arm, graph, authority)| Self {
                name: name.into(),
                arm: arm.into(),
                graph: graph.into(),
                authority: authority.into(),
            },
        )
    }

    /// A custom cloud (Azure Stack, a private cloud, a test server). Every URL must be https.
    pub fn custom(arm: &str, graph: &str, authority: &str) -> Result<Self, CollectError> {
        Ok(Self {
            name: "custom".into(),
            arm: https_base("ARM endpoint", arm)?,
            graph: https_base("Graph endpoint", graph)?,
            authority: https_base("authority", authority)?,
        })
    }

    /// The cloud a user names (`--cloud`, `cloud=`), with the endpoints they give: a named
    /// cloud takes them as overrides, `custom` needs all three.
    pub fn resolve(
        name: &str,
        arm: Option<&str>,
        graph: Option<&str>,
        authority: Option<&str>,
    ) -> Result<Self, CollectError> {
        if name.eq_ignore_ascii_case("custom") {
            return match (arm, graph, authority) {
                (Some(a), Some(g), Some(l)) => Self::custom(a, g, l),
                _ => Err(CollectError::Options(
                    "the custom cloud needs all three endpoints: ARM, Graph and authority".into(),
                )),
            };
        }
        Self::named(name)
            .ok_or_else(|| {
                let names: Vec<_> = Self::names().collect();
                CollectError::Options(format!(
                    "unknown cloud `{name}` (expected {}, or custom)",
                    names.join(", ")
                ))
            })?
            .with_overrides(arm, graph, authority)
    }

    /// A named cloud with some endpoints replaced (`--arm-endpoint` with `--cloud AzureCloud`).
    pub fn with_overrides(
        mut self,
        arm: Option<&str>,
        graph: Option<&str>,
        authority: Option<&str>,
    ) -> Result<Self, CollectError> {
        if let Some(a) = arm {
            self.arm = https_base("ARM endpoint", a)?;
        }
        if let Some(g) = graph {
            self.graph = https_base("Graph endpoint", g)?;
        }
        if let Some(a) = authority {
            self.authority = https_base("authority", a)?;
        }
        Ok(self)
    }

    /// The token scope for ARM (`<arm>/.default`).
    pub fn arm_scope(&self) -> String {
        format!("{}/.default", self.arm)
    }

    /// The token scope for Microsoft Graph (`<graph>/.default`).
    pub fn graph_scope(&self) -> String {
        format!("{}/.default", self.graph)
    }

    /// The azure_core form, for azure_identity credentials.
    pub(crate) fn core_cloud(&self) -> Arc<CloudConfiguration> {
        Arc::new(match self.name.as_str() {
            "AzureCloud" if self.authority == CLOUDS[0].3 => CloudConfiguration::AzurePublic,
            "AzureUSGovernment" if self.authority == CLOUDS[1].3 => {
                CloudConfiguration::AzureGovernment
            }
            "AzureChinaCloud" if self.authority == CLOUDS[2].3 => CloudConfiguration::AzureChina,
            _ => {
                let mut custom = CustomConfiguration::default();
                custom.authority_host = self.authority.clone();
                custom.into()
            }
        })
    }
}

/// Validate an endpoint: https, a host, no query; returned without a trailing slash.
fn https_base(what: &str, url: &str) -> Result<String, CollectError> {
    let trimmed = url.trim().trim_end_matches('/');
    let rest = trimmed.strip_prefix("https://").ok_or_else(|| {
        CollectError::Options(format!("the {what} must be an https URL, not `{url}`"))
    })?;
    if rest.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err(CollectError::Options(format!(
            "the {what} `{url}` is not a valid base URL"
        )));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_clouds_and_scopes() {
        let gov = CloudProfile::named("azureusgovernment").unwrap();
        assert_eq!(
            gov.arm_scope(),
            "https://management.usgovcloudapi.net/.default"
        );
        assert_eq!(gov.graph_scope(), "https://graph.microsoft.us/.default");
        assert!(matches!(
            *gov.core_cloud(),
            CloudConfiguration::AzureGovernment
        ));
        assert!(CloudProfile::named("mars").is_none());
        assert_eq!(CloudProfile::default().name, "AzureCloud");
    }

    #[test]
    fn custom_clouds_are_https_only() {
        let c = CloudProfile::custom(
            "https://127.0.0.1:8443/",
            "https://127.0.0.1:8443",
            "https://127.0.0.1:8443",
        )
        .unwrap();
        assert_eq!(c.arm, "https://127.0.0.1:8443");
        assert!(matches!(*c.core_cloud(), CloudConfiguration::Custom(_)));
        let e = CloudProfile::custom("http://127.0.0.1:80", "https://g", "https://a").unwrap_err();
        assert!(e.to_string().contains("must be an https URL"), "{e}");
        let over = CloudProfile::default()
            .with_overrides(None, Some("https://graph.example"), None)
            .unwrap();
        assert_eq!(over.graph, "https://graph.example");
        assert_eq!(over.arm, "https://management.azure.com");
    }

    #[test]
    fn resolve_names_a_cloud_or_takes_all_three_endpoints() {
        let gov = CloudProfile::resolve(
            "AzureUSGovernment",
            None,
            Some("https://dod-graph.microsoft.us"),
            None,
        )
        .unwrap();
        assert_eq!(gov.graph, "https://dod-graph.microsoft.us");
        let e = CloudProfile::resolve("custom", Some("https://a"), None, None).unwrap_err();
        assert!(
            e.to_string()
                .contains("custom cloud needs all three endpoints"),
            "{e}"
        );
        let e = CloudProfile::resolve("mars", None, None, None).unwrap_err();
        assert!(e.to_string().contains("unknown cloud `mars`"), "{e}");
        assert_eq!(
            CloudProfile::resolve(
                "custom",
                Some("https://a"),
                Some("https://g"),
                Some("https://l")
            )
            .unwrap()
            .name,
            "custom"
        );
    }
}
