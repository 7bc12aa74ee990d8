//! `collectNative`: the live collector with a JavaScript credential and progress callback.
//! It runs on napi's tokio runtime; JavaScript is called back through threadsafe functions,
//! so the event loop stays free while requests are in flight.

use std::sync::Arc;

use async_trait::async_trait;
use azaudit_azure::{CloudProfile, CollectOptions, Collector, Progress};
use azaudit_core::Selection;
use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::error::{Error as CoreError, ErrorKind};
use azure_core::time::OffsetDateTime;
use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;

use crate::{Snapshot, coded};

/// Options of `collectNative` (the package's `collect` fills them in).
#[napi(object)]
pub struct NativeCollectOptions {
    /// Subscription ids; none means every enabled one.
    pub subscriptions: Option<Vec<String>>,
    /// `AzureCloud`, `AzureUSGovernment`, `AzureChinaCloud` or `custom`.
    pub cloud: Option<String>,
    /// Azure Resource Manager URL.
    pub arm_endpoint: Option<String>,
    /// Microsoft Graph host URL.
    pub graph_endpoint: Option<String>,
    /// Entra authority host URL.
    pub authority: Option<String>,
    /// A PEM file of extra trusted CA certificates.
    pub ca_cert: Option<String>,
    /// Check ids or globs.
    pub checks: Option<Vec<String>>,
    /// The tenant, when not taken from the subscriptions.
    pub tenant_id: Option<String>,
    /// Requests in flight at once.
    pub concurrency: Option<u32>,
    /// Seconds one request may take (each attempt).
    pub request_timeout: Option<f64>,
    /// Seconds one (scope, type) may take, all its requests, retries and pages.
    pub fetch_timeout: Option<f64>,
}

/// A token as `@azure/identity` returns it.
#[napi(object)]
pub struct NativeToken {
    /// The bearer token.
    pub token: String,
    /// Expiry, milliseconds since the epoch.
    pub expires_on_timestamp: f64,
}

/// Progress of a collection.
#[napi(object)]
pub struct NativeProgress {
    /// Requests (or paged lists) finished.
    pub done: u32,
    /// Requests (or paged lists) known so far.
    pub total: u32,
}

type GetToken = ThreadsafeFunction<String, Promise<NativeToken>, String, Status, false>;

struct JsCredential {
    get_token: Arc<GetToken>,
}

impl std::fmt::Debug for JsCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JsCredential")
    }
}

#[async_trait]
impl TokenCredential for JsCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let fail = |e: Error| {
            CoreError::with_message(
                ErrorKind::Credential,
                format!("the JavaScript credential failed: {}", e.reason),
            )
        };
        let promise = self
            .get_token
            .call_async(scopes.join(" "))
            .await
            .map_err(fail)?;
        let t = promise.await.map_err(fail)?;
        let expires =
            OffsetDateTime::from_unix_timestamp_nanos((t.expires_on_timestamp * 1e6) as i128)
                .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        Ok(AccessToken::new(t.token, expires))
    }
}

/// Collect a snapshot from Azure. Resolves to a `Snapshot`; rejects with `AZAUDIT_CONFIG`
/// for bad options and `AZAUDIT_COLLECT` when nothing can be collected.
#[napi]
pub async fn collect_native(
    options: NativeCollectOptions,
    get_token: Option<ThreadsafeFunction<String, Promise<NativeToken>, String, Status, false>>,
    on_progress: Option<
        ThreadsafeFunction<NativeProgress, Unknown<'static>, NativeProgress, Status, false>,
    >,
) -> Result<Snapshot> {
    let config = |e: azaudit_azure::CollectError| coded("AZAUDIT_CONFIG", e);
    let profile = CloudProfile::resolve(
        options.cloud.as_deref().unwrap_or("AzureCloud"),
        options.arm_endpoint.as_deref(),
        options.graph_endpoint.as_deref(),
        options.authority.as_deref(),
    )
    .map_err(config)?;
    let ca = match &options.ca_cert {
        Some(p) => {
            Some(std::fs::read(p).map_err(|e| coded("AZAUDIT_CONFIG", format!("{p}: {e}")))?)
        }
        None => None,
    };
    let credential = get_token.map(|f| {
        Arc::new(JsCredential {
            get_token: Arc::new(f),
        }) as Arc<dyn TokenCredential>
    });
    let progress = on_progress.map(|f| {
        Arc::new(move |p: Progress| {
            f.call(
                NativeProgress {
                    done: p.done as u32,
                    total: p.total as u32,
                },
                ThreadsafeFunctionCallMode::NonBlocking,
            );
        }) as azaudit_azure::ProgressFn
    });
    let defaults = CollectOptions::default();
    let seconds = |name: &str, v: Option<f64>, default: std::time::Duration| match v {
        None => Ok(default),
        Some(v) if v.is_finite() && v > 0.0 && v < 1e7 => Ok(std::time::Duration::from_secs_f64(v)),
        Some(v) => Err(config(azaudit_azure::CollectError::Options(format!(
            "{name} must be a positive number of seconds, not {v}"
        )))),
    };
    let request_timeout = seconds(
        "requestTimeout",
        options.request_timeout,
        defaults.request_timeout,
    )?;
    let fetch_timeout = seconds(
        "fetchTimeout",
        options.fetch_timeout,
        defaults.fetch_timeout,
    )?;
    let collect_options = CollectOptions {
        request_timeout,
        fetch_timeout,
        cloud: profile,
        tenant_id: options.tenant_id,
        subscriptions: options.subscriptions.unwrap_or_default(),
        selection: Selection {
            checks: options.checks.unwrap_or_default(),
            ..Selection::default()
        },
        concurrency: options.concurrency.unwrap_or(8).max(1) as usize,
        ca_certificates_pem: ca,
        progress,
        ..Default::default()
    };
    let collector = Collector::new(collect_options, credential).map_err(config)?;
    let snapshot = collector
        .collect()
        .await
        .map_err(|e| coded("AZAUDIT_COLLECT", e))?;
    Ok(Snapshot {
        inner: Arc::new(snapshot),
    })
}
