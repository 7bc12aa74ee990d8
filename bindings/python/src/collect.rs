//! `collect`: the live collector, with a Python credential and progress callback.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use azaudit_azure::{CollectOptions, Collector, KeyStyle, Progress};
use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::error::{Error as CoreError, ErrorKind};
use azure_core::time::OffsetDateTime;
use pyo3::prelude::*;

use crate::{CollectionError, ConfigError, Snapshot};

/// Any Python object with azure-identity's `get_token(*scopes)` (returning an object with
/// `token` and `expires_on`, Unix seconds), as an azure_core credential.
struct PyCredential {
    object: Arc<Py<PyAny>>,
    type_name: String,
}

impl std::fmt::Debug for PyCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyCredential({})", self.type_name)
    }
}

#[async_trait]
impl TokenCredential for PyCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let object = self.object.clone();
        let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
        // The Python call may block (a token request): keep it off the async workers.
        tokio::task::spawn_blocking(move || {
            Python::attach(|py| -> Result<(String, i64), String> {
                let describe = |e: PyErr| {
                    let name = e
                        .get_type(py)
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default();
                    format!("{name}: {}", e.value(py))
                };
                let t = object
                    .bind(py)
                    .call_method1(
                        "get_token",
                        pyo3::types::PyTuple::new(py, &scopes).map_err(describe)?,
                    )
                    .map_err(describe)?;
                let token: String = t
                    .getattr("token")
                    .and_then(|v| v.extract())
                    .map_err(|_| "get_token() returned no `token` string".to_string())?;
                let expires: i64 = t
                    .getattr("expires_on")
                    .and_then(|v| v.extract())
                    .map_err(|_| "get_token() returned no integer `expires_on`".to_string())?;
                Ok((token, expires))
            })
        })
        .await
        .map_err(|e| CoreError::with_message(ErrorKind::Credential, e.to_string()))?
        .map(|(token, expires)| {
            AccessToken::new(
                token,
                OffsetDateTime::from_unix_timestamp(expires).unwrap_or(OffsetDateTime::UNIX_EPOCH),
            )
        })
        .map_err(|m| {
            CoreError::with_message(
                ErrorKind::Credential,
                format!("the Python credential failed: {m}"),
            )
        })
    }
}

/// Collect a snapshot from Azure. `config_json` is a `CollectConfig` document (camelCase
/// keys; the package builds it from `collect`'s keyword arguments), validated by
/// `azaudit_azure`. The GIL is released while collecting; Ctrl-C (or any signal handler that
/// raises) stops the collection.
#[pyfunction]
#[pyo3(signature = (credential=None, config_json=None, progress=None))]
pub fn collect(
    py: Python<'_>,
    credential: Option<Py<PyAny>>,
    config_json: Option<&str>,
    progress: Option<Py<PyAny>>,
) -> PyResult<Snapshot> {
    let mut options = CollectOptions::from_json(config_json.unwrap_or("{}"))
        .map_err(|e| ConfigError::new_err(e.message_in(KeyStyle::Snake)))?;
    let credential: Option<Arc<dyn TokenCredential>> = match credential {
        Some(obj) => {
            let bound = obj.bind(py);
            if !bound.hasattr("get_token")? {
                return Err(pyo3::exceptions::PyTypeError::new_err(
                    "credential must have a get_token(*scopes) method (azure-identity's protocol)",
                ));
            }
            let type_name = bound.get_type().name()?.to_string();
            Some(Arc::new(PyCredential {
                object: Arc::new(obj),
                type_name,
            }))
        }
        None => None,
    };
    let progress_fn = progress.map(|cb| {
        let cb = Arc::new(cb);
        Arc::new(move |p: Progress| {
            Python::attach(|py| {
                if let Err(e) = cb.bind(py).call1((p.done, p.total)) {
                    e.write_unraisable(py, None);
                }
            })
        }) as azaudit_azure::ProgressFn
    });
    options.progress = progress_fn;
    let collector =
        Collector::new(options, credential).map_err(|e| ConfigError::new_err(e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CollectionError::new_err(e.to_string()))?;
    let outcome = py.detach(|| {
        runtime.block_on(async {
            let work = collector.collect();
            tokio::pin!(work);
            loop {
                tokio::select! {
                    done = &mut work => return Ok(done),
                    _ = tokio::time::sleep(Duration::from_millis(100)) => {
                        // Signals are delivered to the main thread, which is this one.
                        Python::attach(|py| py.check_signals())?;
                    }
                }
            }
        })
    });
    // Dropping the runtime aborts whatever the interrupted collection still had in flight.
    drop(runtime);
    match outcome {
        Ok(Ok(snapshot)) => Ok(Snapshot {
            inner: Arc::new(snapshot),
        }),
        Ok(Err(e)) => Err(CollectionError::new_err(e.to_string())),
        Err(interrupted) => Err(interrupted),
    }
}
