//! Helpers shared by the provider's integration tests.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use azaudit_azure::{
    CloudProfile, CollectOptions, Collector, Metrics, RetryPolicy, StaticTokenCredential,
};
use azaudit_core::{CoverageStatus, Selection, Snapshot};
use azaudit_fake_azure::{FakeAzure, Options, STATIC_TOKEN, Tenant};
use azure_core::credentials::TokenCredential;

pub const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/demo-tenant.json"
);
pub const PROD: &str = "3b7e4c1a-52d9-4e8f-9a6b-1f2c3d4e5a01";
pub const SANDBOX: &str = "c41e9a7d-3f6b-4e2c-8d1a-5b7c9e1f3d03";

pub fn demo_doc() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(DEMO).unwrap()).unwrap()
}

pub fn serve(options: Options) -> FakeAzure {
    FakeAzure::start(Tenant::from_snapshot(&demo_doc()), options).unwrap()
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(3),
    }
}

pub fn options(server: &FakeAzure, checks: &str) -> CollectOptions {
    let url = server.url();
    CollectOptions {
        cloud: CloudProfile::custom(&url, &url, &url).unwrap(),
        ca_certificates_pem: Some(server.ca_pem().as_bytes().to_vec()),
        retry: fast_retry(),
        selection: Selection::with_checks(checks),
        concurrency: 4,
        ..Default::default()
    }
}

pub fn static_token() -> Option<Arc<dyn TokenCredential>> {
    Some(Arc::new(StaticTokenCredential::new(
        STATIC_TOKEN,
        4_102_444_800,
    )))
}

pub async fn collect(_server: &FakeAzure, o: CollectOptions) -> (Snapshot, Metrics) {
    Collector::new(o, static_token())
        .unwrap()
        .collect_with_metrics()
        .await
        .unwrap()
}

/// [`coverage`] of a type for a subscription GUID.
pub fn sub_coverage(s: &Snapshot, subscription: &str, ty: &str) -> (CoverageStatus, String) {
    coverage(s, &format!("/subscriptions/{subscription}"), ty)
}

pub fn coverage(s: &Snapshot, scope: &str, ty: &str) -> (CoverageStatus, String) {
    let c = s
        .coverage()
        .iter()
        .find(|c| c.scope.eq_ignore_ascii_case(scope) && c.resource_type.eq_ignore_ascii_case(ty))
        .unwrap_or_else(|| panic!("no coverage for {scope} {ty}"));
    (c.status, c.message.clone().unwrap_or_default())
}

pub fn reqwest_client(server: &FakeAzure) -> reqwest::Client {
    let certs = reqwest::Certificate::from_pem_bundle(server.ca_pem().as_bytes()).unwrap();
    reqwest::Client::builder()
        .tls_certs_merge(certs)
        .build()
        .unwrap()
}

pub fn client_secret(
    url: &str,
    server: &FakeAzure,
    secret: &str,
    http: reqwest::Client,
) -> Arc<dyn TokenCredential> {
    use azure_core::cloud::{CloudConfiguration, CustomConfiguration};
    use azure_core::http::{ClientOptions, Transport};
    let mut custom = CustomConfiguration::default();
    custom.authority_host = url.to_string();
    let cloud: CloudConfiguration = custom.into();
    azure_identity::ClientSecretCredential::new(
        server.tenant_id(),
        "11111111-2222-3333-4444-555555555555".into(),
        azure_core::credentials::Secret::new(secret.to_string()),
        Some(azure_identity::ClientSecretCredentialOptions {
            client_options: ClientOptions {
                cloud: Some(Arc::new(cloud)),
                transport: Some(Transport::new(Arc::new(http))),
                ..Default::default()
            },
        }),
    )
    .unwrap()
}
