//! Node.js bindings for azaudit: type and error conversion over `azaudit-core`, nothing more.
//!
//! Long work (loading, auditing) runs on libuv's thread pool and resolves a Promise. Errors
//! carry a stable `code` (`AZAUDIT_SNAPSHOT`, `AZAUDIT_CONFIG`) at the start of their message,
//! which the package's JavaScript layer moves to `error.code`. Reports cross as JSON.

use std::sync::Arc;

pub mod collect;

use azaudit_core::{Engine, Snapshot as CoreSnapshot, catalog};
use napi::bindgen_prelude::*;
use napi_derive::napi;

pub(crate) fn coded(code: &str, message: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, format!("{code}: {message}"))
}

/// A loaded, indexed snapshot.
#[napi]
pub struct Snapshot {
    pub(crate) inner: Arc<CoreSnapshot>,
}

#[napi]
impl Snapshot {
    /// Number of records.
    #[napi(getter)]
    pub fn length(&self) -> u32 {
        self.inner.len() as u32
    }

    /// The tenant id, when known.
    #[napi(getter)]
    pub fn tenant_id(&self) -> Option<String> {
        self.inner.tenant_id().map(str::to_string)
    }

    /// The subscription ids in scope.
    #[napi(getter)]
    pub fn subscription_ids(&self) -> Vec<String> {
        self.inner
            .subscriptions()
            .iter()
            .map(|s| s.subscription_id.clone())
            .collect()
    }

    /// The snapshot as JSON text.
    #[napi]
    pub fn to_json_text(&self) -> String {
        self.inner.to_json()
    }

    /// Save the snapshot to a file.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn save(&self, path: String) -> AsyncTask<SaveTask> {
        AsyncTask::new(SaveTask {
            snapshot: self.inner.clone(),
            path,
        })
    }
}

/// Loads a snapshot off the main thread.
pub struct LoadTask {
    source: Source,
}

enum Source {
    Path(String),
    Text(String),
}

impl Task for LoadTask {
    type Output = CoreSnapshot;
    type JsValue = Snapshot;

    fn compute(&mut self) -> Result<Self::Output> {
        let loaded = match std::mem::replace(&mut self.source, Source::Text(String::new())) {
            Source::Path(p) => CoreSnapshot::load(p),
            Source::Text(t) => CoreSnapshot::from_json(t),
        };
        loaded.map_err(|e| coded("AZAUDIT_SNAPSHOT", e))
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(Snapshot {
            inner: Arc::new(output),
        })
    }
}

/// Saves a snapshot off the main thread.
pub struct SaveTask {
    snapshot: Arc<CoreSnapshot>,
    path: String,
}

impl Task for SaveTask {
    type Output = ();
    type JsValue = ();

    fn compute(&mut self) -> Result<Self::Output> {
        self.snapshot
            .save(&self.path)
            .map_err(|e| coded("AZAUDIT_SNAPSHOT", e))
    }

    fn resolve(&mut self, _env: Env, _output: Self::Output) -> Result<Self::JsValue> {
        Ok(())
    }
}

/// Load a snapshot file; resolves to a `Snapshot`.
#[napi(ts_return_type = "Promise<Snapshot>")]
pub fn load_snapshot(path: String) -> AsyncTask<LoadTask> {
    AsyncTask::new(LoadTask {
        source: Source::Path(path),
    })
}

/// Read a snapshot from JSON text; resolves to a `Snapshot`.
#[napi(ts_return_type = "Promise<Snapshot>")]
pub fn snapshot_from_json(text: String) -> AsyncTask<LoadTask> {
    AsyncTask::new(LoadTask {
        source: Source::Text(text),
    })
}

/// Runs the engine off the main thread; resolves to the report as JSON.
pub struct AuditTask {
    snapshot: Arc<CoreSnapshot>,
    engine: Option<Engine>,
}

impl Task for AuditTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> Result<Self::Output> {
        let engine = self.engine.take().expect("an audit task runs once");
        Ok(engine.run(&self.snapshot).to_json())
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

/// Audit a snapshot; resolves to the report as JSON. `configJson` holds thresholds and waivers.
#[napi(ts_return_type = "Promise<string>")]
pub fn audit_json(
    snapshot: &Snapshot,
    checks: Option<Vec<String>>,
    config_json: Option<String>,
) -> Result<AsyncTask<AuditTask>> {
    let engine = Engine::from_json_config(checks.unwrap_or_default(), config_json.as_deref())
        .map_err(|e| coded("AZAUDIT_CONFIG", e))?;
    Ok(AsyncTask::new(AuditTask {
        snapshot: snapshot.inner.clone(),
        engine: Some(engine),
    }))
}

/// The check catalog as JSON.
#[napi]
pub fn catalog_json() -> String {
    catalog::to_json()
}

/// Renders a report in another format off the main thread.
pub struct RenderTask {
    report_json: String,
    format: azaudit_core::report::Format,
}

impl Task for RenderTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> Result<Self::Output> {
        let report: azaudit_core::Report = serde_json::from_str(&self.report_json)
            .map_err(|e| coded("AZAUDIT_REPORT", format!("not a report: {e}")))?;
        let mut out = Vec::new();
        report
            .write(self.format, &mut out)
            .map_err(|e| coded("AZAUDIT_REPORT", e))?;
        String::from_utf8(out).map_err(|e| coded("AZAUDIT_REPORT", e))
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

/// Render a JSON report in another format (sarif, csv, junit, markdown, ocsf, html, text).
#[napi(ts_return_type = "Promise<string>")]
pub fn render_report(report_json: String, format: String) -> Result<AsyncTask<RenderTask>> {
    let format = format.parse().map_err(|e| coded("AZAUDIT_CONFIG", e))?;
    Ok(AsyncTask::new(RenderTask {
        report_json,
        format,
    }))
}
