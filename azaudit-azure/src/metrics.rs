//! What a collection cost: requests, retries, throttled responses, bytes and time, by endpoint.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

/// The two APIs a collection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plane {
    /// Azure Resource Manager.
    Arm = 0,
    /// Microsoft Graph.
    Graph = 1,
}

impl Plane {
    /// `arm` or `graph`.
    pub fn name(self) -> &'static str {
        match self {
            Plane::Arm => "arm",
            Plane::Graph => "graph",
        }
    }
}

/// Counters for one endpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointMetrics {
    /// HTTP requests sent, retries included.
    pub requests: u64,
    /// Requests that were retries of an earlier attempt.
    pub retries: u64,
    /// 429 responses.
    pub throttled: u64,
    /// Response body bytes received.
    pub bytes: u64,
    /// Time spent waiting on responses, summed over requests (milliseconds).
    pub request_ms: u64,
}

/// Metrics of one collection run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// By endpoint: `arm`, `graph`.
    pub endpoints: BTreeMap<&'static str, EndpointMetrics>,
    /// Wall-clock time of the run (milliseconds).
    pub wall_ms: u64,
}

impl Metrics {
    pub(crate) fn record(
        &mut self,
        plane: Plane,
        bytes: u64,
        elapsed: Duration,
        throttled: bool,
        retry: bool,
    ) {
        let e = self.endpoints.entry(plane.name()).or_default();
        e.requests += 1;
        e.retries += u64::from(retry);
        e.throttled += u64::from(throttled);
        e.bytes += bytes;
        e.request_ms += elapsed.as_millis() as u64;
    }

    /// Sum over endpoints.
    pub fn total(&self) -> EndpointMetrics {
        self.endpoints
            .values()
            .fold(EndpointMetrics::default(), |mut t, e| {
                t.requests += e.requests;
                t.retries += e.retries;
                t.throttled += e.throttled;
                t.bytes += e.bytes;
                t.request_ms += e.request_ms;
                t
            })
    }
}

impl std::fmt::Display for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.total();
        let size = if t.bytes >= 1_000_000 {
            format!("{:.1} MB", t.bytes as f64 / 1e6)
        } else {
            format!("{:.1} kB", t.bytes as f64 / 1e3)
        };
        write!(
            f,
            "{} requests ({} retries, {} throttled), {size} in {:.1} s",
            t.requests,
            t.retries,
            t.throttled,
            self.wall_ms as f64 / 1e3
        )?;
        for (name, e) in &self.endpoints {
            write!(f, "; {name}: {} requests", e.requests)?;
        }
        Ok(())
    }
}
