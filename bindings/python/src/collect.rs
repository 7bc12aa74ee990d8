//! `collect`: the live collector, with a Python credential and progress callback.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use azaudit_azure::{CloudProfile, CollectOptions, Collector, Progress};
use azaudit_core::Selection;
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

/// Collect a snapshot from Azure. The GIL is released while collecting; Ctrl-C (or any
/// signal handler that raises) stops the collection.
#[pyfunction]
#[pyo3(signature = (credential=None, subscriptions=None, cloud="AzureCloud".to_string(), arm_endpoint=None, graph_endpoint=None, authority=None, ca_cert=None, checks=None, progress=None, tenant_id=None, concurrency=8, request_timeout=30.0, fetch_timeout=1800.0))]
#[allow(clippy::too_many_arguments)]
pub fn collect(
    py: Python<'_>,
    credential: Option<Py<PyAny>>,
    subscriptions: Option<Vec<String>>,
    cloud: String,
    arm_endpoint: Option<String>,
    graph_endpoint: Option<String>,
    authority: Option<String>,
    ca_cert: Option<std::path::PathBuf>,
    checks: Option<Vec<String>>,
    progress: Option<Py<PyAny>>,
    tenant_id: Option<String>,
    concurrency: usize,
    request_timeout: f64,
    fetch_timeout: f64,
) -> PyResult<Snapshot> {
    let config_err = |e: azaudit_azure::CollectError| ConfigError::new_err(e.to_string());
    let seconds = |name: &str, v: f64| {
        (v.is_finite() && v > 0.0 && v < 1e7)
            .then(|| std::time::Duration::from_secs_f64(v))
            .ok_or_else(|| {
                ConfigError::new_err(format!(
                    "{name} must be a positive number of seconds, not {v}"
                ))
            })
    };
    let request_timeout = seconds("request_timeout", request_timeout)?;
    let fetch_timeout = seconds("fetch_timeout", fetch_timeout)?;
    let profile = CloudProfile::resolve(
        &cloud,
        arm_endpoint.as_deref(),
        graph_endpoint.as_deref(),
        authority.as_deref(),
    )
    .map_err(config_err)?;
    let ca = match ca_cert {
        Some(p) => Some(
            std::fs::read(&p).map_err(|e| ConfigError::new_err(format!("{}: {e}", p.display())))?,
        ),
        None => None,
    };
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
    let options = CollectOptions {
        cloud: profile,
        tenant_id,
        subscriptions: subscriptions.unwrap_or_default(),
        selection: Selection {
            checks: checks.unwrap_or_default(),
            ..Selection::default()
        },
        concurrency: concurrency.max(1),
        request_timeout,
        fetch_timeout,
        ca_certificates_pem: ca,
        progress: progress_fn,
        ..Default::default()
    };
    let collector = Collector::new(options, credential).map_err(config_err)?;
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
