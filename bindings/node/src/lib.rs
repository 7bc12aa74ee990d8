//! Node.js bindings for azaudit: type and error conversion over `azaudit-core`, nothing more.
//!
//! Long work (loading, auditing) runs on libuv's thread pool and resolves a Promise. Errors
//! carry a stable `code` (`AZAUDIT_SNAPSHOT`, `AZAUDIT_CONFIG`) at the start of their message,
//! which the package's JavaScript layer moves to `error.code`. A report stays the core's
//! value ([`Report`]) and renders from it; its data crosses as the JSON report's document.

use std::sync::Arc;

pub mod collect;

use azaudit_core::{
    Config, Engine, Report as CoreReport, Selection, Snapshot as CoreSnapshot, catalog,
};
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

/// A run's report: the core's value, rendered by the core's writers.
#[napi]
pub struct Report {
    inner: Arc<CoreReport>,
}

#[napi]
impl Report {
    /// The JSON report (the command line's `--format json` document), compact.
    #[napi]
    pub fn to_json_text(&self) -> String {
        self.inner.to_json()
    }

    /// The report in a format of the command line's `--format` (sarif, csv, junit, markdown,
    /// ocsf, html, text, json), rendered off the main thread.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn render(&self, format: String) -> Result<AsyncTask<RenderTask>> {
        let format = format.parse().map_err(|e| coded("AZAUDIT_CONFIG", e))?;
        Ok(AsyncTask::new(RenderTask {
            report: self.inner.clone(),
            format,
        }))
    }
}

/// Runs the engine off the main thread; resolves to a `Report`.
pub struct AuditTask {
    snapshot: Arc<CoreSnapshot>,
    engine: Option<Engine>,
}

impl Task for AuditTask {
    type Output = CoreReport;
    type JsValue = Report;

    fn compute(&mut self) -> Result<Self::Output> {
        let engine = self.engine.take().expect("an audit task runs once");
        Ok(engine.run(&self.snapshot))
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(Report {
            inner: Arc::new(output),
        })
    }
}

/// Audit a snapshot; resolves to a `Report`. `checks` is a comma-separated string or an array
/// of ids and globs (read by the core as the command line's `--checks` is); `configJson` holds
/// thresholds and waivers.
#[napi(ts_return_type = "Promise<Report>")]
pub fn audit(
    snapshot: &Snapshot,
    checks: Option<Either<String, Vec<String>>>,
    config_json: Option<String>,
) -> Result<AsyncTask<AuditTask>> {
    let config = match config_json.as_deref() {
        Some(text) => Config::from_json(text).map_err(|e| coded("AZAUDIT_CONFIG", e))?,
        None => Config::default(),
    };
    let selection = match checks {
        None => Selection::default(),
        Some(Either::A(text)) => Selection::with_checks(&text),
        Some(Either::B(list)) => Selection {
            checks: list,
            ..Selection::default()
        },
    };
    let engine = Engine::new(config)
        .with_selection(selection)
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
    report: Arc<CoreReport>,
    format: azaudit_core::report::Format,
}

impl Task for RenderTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> Result<Self::Output> {
        let mut out = Vec::new();
        self.report
            .write(self.format, &mut out)
            .map_err(|e| coded("AZAUDIT_REPORT", e))?;
        String::from_utf8(out).map_err(|e| coded("AZAUDIT_REPORT", e))
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

/// Run the `azaudit` command with `argv` (the arguments after the program name) as the
/// installed binary runs it: the report on the process's stdout, messages on its stderr.
/// Returns the exit status. It blocks: it is the package's `bin`, not an API for servers.
#[napi]
pub fn run_command(argv: Vec<String>) -> u32 {
    u32::from(azaudit::cli::main_with_args(
        &argv,
        &mut std::io::stdout().lock(),
    ))
}
