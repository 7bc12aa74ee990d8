//! Credentials: the caller's `TokenCredential`, a static token, and the default chain.
//!
//! Every type here keeps tokens and secrets inside `azure_core::credentials::Secret`, whose
//! `Debug` prints nothing of the value; errors name the credential and the cause, never a
//! token or a secret.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use azure_core::credentials::{AccessToken, Secret, TokenCredential, TokenRequestOptions};
use azure_core::error::{Error, ErrorKind};
use azure_core::http::{ClientOptions, Transport};
use azure_core::time::OffsetDateTime;
use azure_identity::{
    AzureCliCredential, AzureCliCredentialOptions, ClientAssertionCredentialOptions,
    ClientSecretCredential, ClientSecretCredentialOptions, ManagedIdentityCredential,
    ManagedIdentityCredentialOptions, WorkloadIdentityCredential,
    WorkloadIdentityCredentialOptions,
};

use crate::cloud::CloudProfile;

/// A token the caller already holds (from another SDK, a CI secret, a binding's host
/// language). It is returned for every scope until it expires.
pub struct StaticTokenCredential {
    token: Secret,
    expires_on: OffsetDateTime,
}

impl StaticTokenCredential {
    /// A credential that always answers `token`, valid until `expires_on` (Unix seconds).
    pub fn new(token: impl Into<String>, expires_on_unix: i64) -> Self {
        Self {
            token: Secret::new(token.into()),
            expires_on: OffsetDateTime::from_unix_timestamp(expires_on_unix)
                .unwrap_or(OffsetDateTime::UNIX_EPOCH),
        }
    }
}

impl fmt::Debug for StaticTokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticTokenCredential")
            .field("token", &"<redacted>")
            .field("expires_on", &self.expires_on)
            .finish()
    }
}

#[async_trait]
impl TokenCredential for StaticTokenCredential {
    async fn get_token(
        &self,
        _scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        if self.expires_on <= OffsetDateTime::now_utc() {
            return Err(Error::with_message(
                ErrorKind::Credential,
                "StaticTokenCredential: the token has expired",
            ));
        }
        Ok(AccessToken::new(self.token.clone(), self.expires_on))
    }
}

/// The default chain, tried in order until one yields a token; the first that works is
/// kept for the rest of the run:
///
/// 1. client secret from `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`;
/// 2. workload identity (`AZURE_FEDERATED_TOKEN_FILE`, as AKS and GitHub OIDC set it);
/// 3. managed identity (App Service, Functions, VMs), given a few seconds to answer;
/// 4. the Azure CLI (`az login`).
pub struct DefaultCredential {
    links: Vec<Link>,
    chosen: AtomicUsize,
}

impl fmt::Debug for DefaultCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.links.iter().map(|l| l.name).collect();
        f.debug_struct("DefaultCredential")
            .field("chain", &names)
            .finish_non_exhaustive()
    }
}

/// How long the managed identity endpoint may take before the chain moves on (off Azure
/// the IMDS address does not answer at all).
const MANAGED_IDENTITY_PROBE: Duration = Duration::from_secs(3);

/// One credential of the chain; `probe` bounds its first answer (none: as long as it takes).
struct Link {
    name: &'static str,
    credential: Arc<dyn TokenCredential>,
    probe: Option<Duration>,
}
const UNCHOSEN: usize = usize::MAX;

impl DefaultCredential {
    /// Build the chain for `cloud`, in `tenant` when given. `transport` carries the extra CA
    /// certificates, so token requests trust the same roots as the API calls.
    pub fn new(cloud: &CloudProfile, tenant: Option<&str>, transport: Option<Transport>) -> Self {
        let client_options = || ClientOptions {
            cloud: Some(cloud.core_cloud()),
            transport: transport.clone(),
            ..Default::default()
        };
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let tenant_id = tenant
            .map(str::to_string)
            .or_else(|| env("AZURE_TENANT_ID"));
        let mut links: Vec<Link> = Vec::new();
        let mut link = |name, credential: Arc<dyn TokenCredential>, probe| {
            links.push(Link {
                name,
                credential,
                probe,
            })
        };
        if let (Some(t), Some(c), Some(s)) = (
            tenant_id.clone(),
            env("AZURE_CLIENT_ID"),
            env("AZURE_CLIENT_SECRET"),
        ) && let Ok(cred) = ClientSecretCredential::new(
            &t,
            c,
            Secret::new(s),
            Some(ClientSecretCredentialOptions {
                client_options: client_options(),
            }),
        ) {
            link("ClientSecretCredential (environment)", cred, None);
        }
        if env("AZURE_FEDERATED_TOKEN_FILE").is_some() {
            let credential_options = ClientAssertionCredentialOptions {
                client_options: client_options(),
            };
            if let Ok(cred) =
                WorkloadIdentityCredential::new(Some(WorkloadIdentityCredentialOptions {
                    credential_options,
                    tenant_id: tenant_id.clone(),
                    ..Default::default()
                }))
            {
                link("WorkloadIdentityCredential", cred, None);
            }
        }
        // Managed identity endpoints are plain http by design (IMDS, App Service's local
        // endpoint), which the https-only API client refuses: they get a client of their own
        // that reaches those endpoints and nothing else.
        let managed_identity_options = ClientOptions {
            cloud: Some(cloud.core_cloud()),
            transport: Some(Transport::new(Arc::new(
                ManagedIdentityTransport::from_env(),
            ))),
            ..Default::default()
        };
        if let Ok(cred) = ManagedIdentityCredential::new(Some(ManagedIdentityCredentialOptions {
            client_options: managed_identity_options,
            ..Default::default()
        })) {
            link(
                "ManagedIdentityCredential",
                cred,
                Some(MANAGED_IDENTITY_PROBE),
            );
        }
        if let Ok(cred) = AzureCliCredential::new(Some(AzureCliCredentialOptions {
            tenant_id,
            ..Default::default()
        })) {
            link("AzureCliCredential", cred, None);
        }
        Self {
            links,
            chosen: AtomicUsize::new(UNCHOSEN),
        }
    }
}

/// The instance metadata service's origin, where a VM's managed identity gets its tokens.
const IMDS_ORIGIN: &str = "http://169.254.169.254";

/// The HTTP client of the managed identity link: http allowed, but only to the managed
/// identity endpoints (IMDS, and the endpoint App Service, Functions, Arc, Cloud Shell or
/// Azure ML names in `IDENTITY_ENDPOINT` / `MSI_ENDPOINT`); no proxy, no redirect.
/// `AZURE_POD_IDENTITY_AUTHORITY_HOST`, as the other Azure SDKs read it, moves IMDS elsewhere
/// (an AKS pod identity, a test server).
#[derive(Debug)]
struct ManagedIdentityTransport {
    http: reqwest::Client,
    /// Origins the link may reach.
    allowed: Vec<String>,
    /// Where IMDS requests go instead, when moved.
    imds: Option<String>,
}

impl ManagedIdentityTransport {
    fn from_env() -> Self {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let imds =
            env("AZURE_POD_IDENTITY_AUTHORITY_HOST").and_then(|h| crate::http::origin_of(&h));
        let mut allowed = vec![IMDS_ORIGIN.to_string()];
        allowed.extend(imds.clone());
        allowed.extend(
            ["IDENTITY_ENDPOINT", "MSI_ENDPOINT"]
                .iter()
                .filter_map(|k| env(k))
                .filter_map(|u| crate::http::origin_of(&u)),
        );
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(MANAGED_IDENTITY_PROBE)
            .user_agent(concat!("azaudit/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        Self {
            http,
            allowed,
            imds,
        }
    }
}

#[async_trait]
impl azure_core::http::HttpClient for ManagedIdentityTransport {
    async fn execute_request(
        &self,
        request: &azure_core::http::Request,
    ) -> azure_core::Result<azure_core::http::AsyncRawResponse> {
        let origin = crate::http::origin_of(request.url().as_str()).unwrap_or_default();
        if !self.allowed.contains(&origin) {
            return Err(Error::with_message(
                ErrorKind::Credential,
                format!("ManagedIdentityCredential: {origin} is not a managed identity endpoint"),
            ));
        }
        match &self.imds {
            Some(moved) if origin == IMDS_ORIGIN => {
                let mut request = request.clone();
                let target = format!("{moved}{}", &request.url().as_str()[IMDS_ORIGIN.len()..]);
                *request.url_mut() = target.parse().map_err(|e| {
                    Error::with_message(ErrorKind::Credential, format!("IMDS address: {e}"))
                })?;
                self.http.execute_request(&request).await
            }
            _ => self.http.execute_request(request).await,
        }
    }
}

#[async_trait]
impl TokenCredential for DefaultCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let chosen = self.chosen.load(Ordering::Relaxed);
        if chosen != UNCHOSEN {
            return self.links[chosen]
                .credential
                .get_token(scopes, options)
                .await;
        }
        let mut failures = Vec::new();
        for (i, link) in self.links.iter().enumerate() {
            let name = link.name;
            let attempt = link.credential.get_token(scopes, options.clone());
            let result = match link.probe {
                Some(limit) => match tokio::time::timeout(limit, attempt).await {
                    Ok(r) => r,
                    Err(_) => {
                        failures.push(format!("{name}: no answer within {limit:?}"));
                        continue;
                    }
                },
                None => attempt.await,
            };
            match result {
                Ok(token) => {
                    self.chosen.store(i, Ordering::Relaxed);
                    tracing::debug!(credential = name, "default credential chain chose");
                    return Ok(token);
                }
                Err(e) => failures.push(format!("{name}: {}", first_line(&e.to_string()))),
            }
        }
        Err(Error::with_message(
            ErrorKind::Credential,
            format!(
                "no credential of the default chain could get a token ({}). Sign in with `az login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET",
                failures.join("; ")
            ),
        ))
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_managed_identity_client_reaches_managed_identity_endpoints_only() {
        use azure_core::http::{HttpClient, Method, Request};
        let transport = ManagedIdentityTransport {
            http: reqwest::Client::new(),
            allowed: vec![IMDS_ORIGIN.into(), "http://localhost:8081".into()],
            imds: None,
        };
        for url in [
            "http://127.0.0.1:9/metadata/identity/oauth2/token",
            "https://management.azure.com/subscriptions",
            "http://localhost:8082/msi/token",
        ] {
            let request = Request::new(url.parse().unwrap(), Method::Get);
            let e = transport.execute_request(&request).await.unwrap_err();
            assert!(
                e.to_string().contains("is not a managed identity endpoint"),
                "{url}: {e}"
            );
        }
    }

    #[tokio::test]
    async fn static_token_is_returned_and_never_printed() {
        let cred = StaticTokenCredential::new("eyJ-very-secret", i64::MAX / 1_000_000_000);
        let t = cred.get_token(&["https://x/.default"], None).await.unwrap();
        assert_eq!(t.token.secret(), "eyJ-very-secret");
        let debug = format!("{cred:?} {t:?}");
        assert!(!debug.contains("very-secret"), "{debug}");
    }

    #[tokio::test]
    async fn expired_static_token_is_refused() {
        let cred = StaticTokenCredential::new("old", 1_000);
        let e = cred.get_token(&["s"], None).await.unwrap_err();
        assert!(e.to_string().contains("expired"), "{e}");
        assert!(!e.to_string().contains("old"));
    }
}
