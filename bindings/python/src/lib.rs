//! Python bindings for azaudit: type and error conversion over `azaudit-core`, nothing more.
//!
//! A report stays the core's value ([`Report`] holds it) and renders from it; its data and
//! the catalog cross as JSON (the documents the command line writes), which the `azaudit`
//! package reads into its generated dataclasses (`_types.py`).

use std::sync::Arc;

mod collect;

use azaudit_core::{
    Config, Engine, Report as CoreReport, Selection, Snapshot as CoreSnapshot, catalog,
};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

create_exception!(
    _azaudit,
    AzauditError,
    PyException,
    "Base class of azaudit's errors."
);
create_exception!(
    _azaudit,
    SnapshotError,
    AzauditError,
    "A snapshot could not be read or written."
);
create_exception!(
    _azaudit,
    ConfigError,
    AzauditError,
    "A configuration or selection was refused."
);
create_exception!(
    _azaudit,
    CollectionError,
    AzauditError,
    "Collecting from Azure failed."
);

/// A loaded, indexed snapshot.
#[pyclass(frozen, module = "azaudit._azaudit")]
struct Snapshot {
    inner: Arc<CoreSnapshot>,
}

fn snapshot_err(e: azaudit_core::SnapshotError) -> PyErr {
    SnapshotError::new_err(e.to_string())
}

#[pymethods]
impl Snapshot {
    /// Load a snapshot file.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let inner = py
            .detach(|| CoreSnapshot::load(&path))
            .map_err(snapshot_err)?;
        Ok(Snapshot {
            inner: Arc::new(inner),
        })
    }

    /// Read a snapshot from its JSON text (str or UTF-8 bytes).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text: String = if text.cast::<PyString>().is_ok() {
            text.extract::<String>()?
        } else if let Ok(b) = text.cast::<PyBytes>() {
            String::from_utf8(b.as_bytes().to_vec())
                .map_err(|e| SnapshotError::new_err(format!("snapshot is not UTF-8: {e}")))?
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "from_json takes str or bytes",
            ));
        };
        let inner = py
            .detach(|| CoreSnapshot::from_json(text))
            .map_err(snapshot_err)?;
        Ok(Snapshot {
            inner: Arc::new(inner),
        })
    }

    /// Save the snapshot to a file.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        py.detach(|| self.inner.save(&path)).map_err(snapshot_err)
    }

    /// The snapshot as JSON text.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| self.inner.to_json())
    }

    /// The tenant id, when known.
    #[getter]
    fn tenant_id(&self) -> Option<String> {
        self.inner.tenant_id().map(str::to_string)
    }

    /// The subscription ids in scope.
    #[getter]
    fn subscription_ids(&self) -> Vec<String> {
        self.inner
            .subscriptions()
            .iter()
            .map(|s| s.subscription_id.clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<azaudit.Snapshot tenant={} subscriptions={} records={}>",
            self.inner.tenant_id().unwrap_or("?"),
            self.inner.subscriptions().len(),
            self.inner.len()
        )
    }
}

/// The check catalog as JSON.
#[pyfunction]
fn catalog_json() -> String {
    catalog::to_json()
}

/// A run's report: the core's value, rendered by the core's writers.
#[pyclass(frozen, module = "azaudit._azaudit")]
struct Report {
    inner: Arc<CoreReport>,
}

#[pymethods]
impl Report {
    /// The JSON report (the command line's `--format json` document), compact.
    fn to_json(&self, py: Python<'_>) -> String {
        let report = self.inner.clone();
        py.detach(move || report.to_json())
    }

    /// The report in a format of the command line's `--format` (sarif, csv, junit, markdown,
    /// ocsf, html, text, json). The GIL is released while it renders.
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        let format: azaudit_core::report::Format = format.parse().map_err(ConfigError::new_err)?;
        let report = self.inner.clone();
        py.detach(move || {
            let mut out = Vec::new();
            report.write(format, &mut out).map_err(|e| e.to_string())?;
            String::from_utf8(out).map_err(|e| e.to_string())
        })
        .map_err(AzauditError::new_err)
    }

    fn __len__(&self) -> usize {
        self.inner.findings.len()
    }
}

/// The selection the user asked for: a comma-separated string or a list of ids and globs,
/// read by the core as the command line's `--checks` is.
fn selection_of(checks: Option<&Bound<'_, PyAny>>) -> PyResult<Selection> {
    let Some(checks) = checks else {
        return Ok(Selection::default());
    };
    if let Ok(text) = checks.cast::<PyString>() {
        return Ok(Selection::with_checks(&text.to_cow()?));
    }
    let list: Vec<String> = checks.extract().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err("checks must be a string or a sequence of strings")
    })?;
    Ok(Selection {
        checks: list,
        ..Selection::default()
    })
}

/// Run the engine over a snapshot. `checks` is a comma-separated string or a list of ids and
/// globs; `config_json` holds thresholds and waivers. The GIL is released while it runs.
#[pyfunction]
#[pyo3(signature = (snapshot, checks=None, config_json=None))]
fn audit(
    py: Python<'_>,
    snapshot: &Snapshot,
    checks: Option<&Bound<'_, PyAny>>,
    config_json: Option<String>,
) -> PyResult<Report> {
    let config = match config_json.as_deref() {
        Some(text) => Config::from_json(text).map_err(|e| ConfigError::new_err(e.to_string()))?,
        None => Config::default(),
    };
    let engine = Engine::new(config)
        .with_selection(selection_of(checks)?)
        .map_err(|e| ConfigError::new_err(e.to_string()))?;
    let snap = snapshot.inner.clone();
    let report = py.detach(move || engine.run(&snap));
    Ok(Report {
        inner: Arc::new(report),
    })
}

/// Run the `azaudit` command with `argv` (the arguments after the program name) as the
/// installed binary runs it: the report on the process's stdout, messages on its stderr.
/// Returns the exit status. The GIL is released while it runs.
#[pyfunction]
fn run_command(py: Python<'_>, argv: Vec<String>) -> u8 {
    py.detach(move || azaudit::cli::main_with_args(&argv, &mut std::io::stdout().lock()))
}

/// The native part of the `azaudit` package.
#[pymodule]
fn _azaudit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Snapshot>()?;
    m.add_function(wrap_pyfunction!(catalog_json, m)?)?;
    m.add_class::<Report>()?;
    m.add_function(wrap_pyfunction!(audit, m)?)?;
    m.add_function(wrap_pyfunction!(collect::collect, m)?)?;
    m.add_function(wrap_pyfunction!(run_command, m)?)?;
    m.add("AzauditError", py.get_type::<AzauditError>())?;
    m.add("SnapshotError", py.get_type::<SnapshotError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("CollectionError", py.get_type::<CollectionError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
