//! `collectNative`: the live collector with a JavaScript credential and progress callback.
//! It runs on napi's tokio runtime; JavaScript is called back through threadsafe functions,
//! so the event loop stays free while requests are in flight.

use std::sync::Arc;

use async_trait::async_trait;
use azaudit_azure::{CollectOptions, Collector, KeyStyle, Progress};
use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::error::{Error as CoreError, ErrorKind};
use azure_core::time::OffsetDateTime;
use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;

use crate::{Snapshot, coded};

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

/// Collect a snapshot from Azure. `configJson` is a `CollectConfig` document (the package's
/// `collect` options without the credential and the callback), validated by `azaudit_azure`.
/// Resolves to a `Snapshot`; rejects with `AZAUDIT_CONFIG` for bad options and
/// `AZAUDIT_COLLECT` when nothing can be collected.
#[napi]
pub async fn collect_native(
    config_json: String,
    get_token: Option<ThreadsafeFunction<String, Promise<NativeToken>, String, Status, false>>,
    on_progress: Option<
        ThreadsafeFunction<NativeProgress, Unknown<'static>, NativeProgress, Status, false>,
    >,
) -> Result<Snapshot> {
    let mut options = CollectOptions::from_json(&config_json)
        .map_err(|e| coded("AZAUDIT_CONFIG", e.message_in(KeyStyle::Camel)))?;
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
    options.progress = progress;
    let collector = Collector::new(options, credential).map_err(|e| coded("AZAUDIT_CONFIG", e))?;
    let snapshot = collector
        .collect()
        .await
        .map_err(|e| coded("AZAUDIT_COLLECT", e))?;
    Ok(Snapshot {
        inner: Arc::new(snapshot),
    })
}
