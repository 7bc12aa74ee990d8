//! Python bindings for azaudit: type and error conversion over `azaudit-core`, nothing more.
//!
//! Reports and the catalog cross the boundary as JSON (the same documents the command line
//! writes); the `azaudit` Python package turns them into typed objects.

use std::sync::Arc;

mod collect;

use azaudit_core::{Engine, Snapshot as CoreSnapshot, catalog};
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

/// Run the engine; returns the report as JSON. The GIL is released while it runs.
#[pyfunction]
#[pyo3(signature = (snapshot, checks=None, config_json=None))]
fn audit_json(
    py: Python<'_>,
    snapshot: &Snapshot,
    checks: Option<Vec<String>>,
    config_json: Option<String>,
) -> PyResult<String> {
    let engine = Engine::from_json_config(checks.unwrap_or_default(), config_json.as_deref())
        .map_err(ConfigError::new_err)?;
    let snap = snapshot.inner.clone();
    Ok(py.detach(move || engine.run(&snap).to_json()))
}

/// Render a JSON report in another format (sarif, csv, junit, markdown, ocsf, html, text).
/// The GIL is released while it runs.
#[pyfunction]
fn render_report(py: Python<'_>, report_json: String, format: &str) -> PyResult<String> {
    let format: azaudit_core::report::Format = format.parse().map_err(ConfigError::new_err)?;
    py.detach(move || {
        let report: azaudit_core::Report =
            serde_json::from_str(&report_json).map_err(|e| format!("not a report: {e}"))?;
        let mut out = Vec::new();
        report.write(format, &mut out).map_err(|e| e.to_string())?;
        String::from_utf8(out).map_err(|e| e.to_string())
    })
    .map_err(AzauditError::new_err)
}

/// The native part of the `azaudit` package.
#[pymodule]
fn _azaudit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Snapshot>()?;
    m.add_function(wrap_pyfunction!(catalog_json, m)?)?;
    m.add_function(wrap_pyfunction!(audit_json, m)?)?;
    m.add_function(wrap_pyfunction!(render_report, m)?)?;
    m.add_function(wrap_pyfunction!(collect::collect, m)?)?;
    m.add("AzauditError", py.get_type::<AzauditError>())?;
    m.add("SnapshotError", py.get_type::<SnapshotError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("CollectionError", py.get_type::<CollectionError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
