//! The live collector: subscriptions, then the plan's fetches, into a snapshot.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use azaudit_core::checks::iam::mfa::PRIVILEGED_DIRECTORY_ROLES;
use azaudit_core::{
    CheckMeta, CoverageEntry, CoverageStatus, Selection, Snapshot, SnapshotBuilder, SnapshotInfo,
    Subscription, catalog,
};
use azure_core::credentials::TokenCredential;
use azure_core::http::Transport;
use serde_json::{Value, json};

use crate::CollectError;
use crate::cloud::CloudProfile;
use crate::credential::DefaultCredential;
use crate::http::{Api, FetchError};
use crate::metrics::{Metrics, Plane};
use crate::plan::{self, Fetch, INVENTORY, Origin, Shape};

/// How often to retry, and how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (429, 408, 5xx, timeouts, connection failures).
    pub max_retries: u32,
    /// The first backoff; doubled on each retry, with jitter.
    pub base_delay: Duration,
    /// The longest backoff between two attempts.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; a longer one is cut to this.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

/// Progress of a collection: units of work done and known so far. `total` grows as
/// lists reveal the resources to fan out over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Requests (or paged lists) finished.
    pub done: usize,
    /// Requests (or paged lists) known so far.
    pub total: usize,
}

/// A progress callback; called from the collector's tasks one at a time, with counts that
/// never go backwards, so it must be quick.
pub type ProgressFn = Arc<dyn Fn(Progress) + Send + Sync>;

/// What to collect, from where, and how.
#[derive(Clone)]
pub struct CollectOptions {
    /// The cloud's endpoints.
    pub cloud: CloudProfile,
    /// The Entra tenant; otherwise taken from the subscriptions, or from the token.
    pub tenant_id: Option<String>,
    /// Subscriptions to audit; empty means every enabled subscription the caller can see.
    pub subscriptions: Vec<String>,
    /// The checks the snapshot is for: only what they read is collected.
    pub selection: Selection,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Retries of throttled and failed requests.
    pub retry: RetryPolicy,
    /// The time one request may take.
    pub request_timeout: Duration,
    /// Extra trusted CA certificates, PEM (a TLS-inspecting proxy's, a test server's).
    pub ca_certificates_pem: Option<Vec<u8>>,
    /// Called as work completes.
    pub progress: Option<ProgressFn>,
}

impl Default for CollectOptions {
    fn default() -> Self {
        Self {
            cloud: CloudProfile::default(),
            tenant_id: None,
            subscriptions: Vec::new(),
            selection: Selection::default(),
            concurrency: 8,
            retry: RetryPolicy::default(),
            request_timeout: Duration::from_secs(60),
            ca_certificates_pem: None,
            progress: None,
        }
    }
}

impl fmt::Debug for CollectOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CollectOptions")
            .field("cloud", &self.cloud)
            .field("tenant_id", &self.tenant_id)
            .field("subscriptions", &self.subscriptions)
            .field("selection", &self.selection)
            .field("concurrency", &self.concurrency)
            .field("retry", &self.retry)
            .field("request_timeout", &self.request_timeout)
            .field(
                "ca_certificates_pem",
                &self.ca_certificates_pem.as_ref().map(Vec::len),
            )
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// Collects a tenant's configuration from ARM and Microsoft Graph into a [`Snapshot`].
///
/// ```no_run
/// # async fn demo() -> Result<(), azaudit_azure::CollectError> {
/// use azaudit_azure::{CollectOptions, Collector};
/// let collector = Collector::new(CollectOptions::default(), None)?; // the default chain
/// let snapshot = collector.collect().await?;
/// println!("{} records", snapshot.len());
/// # Ok(()) }
/// ```
pub struct Collector {
    options: CollectOptions,
    credential: Arc<dyn TokenCredential>,
    http: reqwest::Client,
    checks: Vec<&'static CheckMeta>,
}

impl fmt::Debug for Collector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Collector")
            .field("options", &self.options)
            .field("credential", &self.credential)
            .field("checks", &self.checks.len())
            .finish_non_exhaustive()
    }
}

impl Collector {
    /// A collector with `options`, authenticating with `credential` (any azure_core
    /// `TokenCredential`), or with [`DefaultCredential`] when `None`.
    pub fn new(
        options: CollectOptions,
        credential: Option<Arc<dyn TokenCredential>>,
    ) -> Result<Self, CollectError> {
        let mut builder = reqwest::Client::builder()
            .https_only(true)
            .connect_timeout(Duration::from_secs(20))
            .user_agent(concat!("azaudit/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = &options.ca_certificates_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
                CollectError::Options(format!("the CA certificate file is not valid PEM: {e}"))
            })?;
            if certs.is_empty() {
                return Err(CollectError::Options(
                    "the CA certificate file holds no certificate".into(),
                ));
            }
            builder = builder.tls_certs_merge(certs);
        }
        let http = builder
            .build()
            .map_err(|e| CollectError::Options(format!("cannot build the HTTP client: {e}")))?;
        let credential = match credential {
            Some(c) => c,
            None => Arc::new(DefaultCredential::new(
                &options.cloud,
                options.tenant_id.as_deref(),
                Some(Transport::new(Arc::new(http.clone()))),
            )),
        };
        let checks: Vec<&'static CheckMeta> = catalog::all()
            .iter()
            .map(|c| c.meta())
            .filter(|m| options.selection.selects(m))
            .collect();
        if checks.is_empty() {
            return Err(CollectError::Options(
                "the selection matches no check: nothing to collect".into(),
            ));
        }
        Ok(Self {
            options,
            credential,
            http,
            checks,
        })
    }

    /// The HTTP client (with the extra CA certificates), for credentials that need one.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// The fetches this collector will make (per tenant, subscription or parent resource).
    pub fn plan(&self) -> Vec<&'static Fetch> {
        plan::plan(&self.checks)
    }

    /// Collect a snapshot.
    pub async fn collect(&self) -> Result<Snapshot, CollectError> {
        self.collect_with_metrics().await.map(|(s, _)| s)
    }

    /// Collect a snapshot, with the run's metrics.
    pub async fn collect_with_metrics(&self) -> Result<(Snapshot, Metrics), CollectError> {
        let started = Instant::now();
        let o = &self.options;
        let api = Arc::new(Api::new(
            self.http.clone(),
            self.credential.clone(),
            [o.cloud.arm_scope(), o.cloud.graph_scope()],
            o.concurrency,
            o.retry,
            o.request_timeout,
        ));
        let run = Arc::new(Run {
            api: api.clone(),
            cloud: o.cloud.clone(),
            plan: self.plan(),
            sink: Mutex::new(Sink::default()),
            counts: Mutex::new(Progress { done: 0, total: 0 }),
            progress: o.progress.clone(),
        });

        let (subscriptions, failed_subs) = run.subscriptions(&o.subscriptions).await?;
        let tenant = match o
            .tenant_id
            .clone()
            .or_else(|| subscriptions.iter().find_map(|s| s.1.clone()))
        {
            Some(t) => Some(t),
            None => tenant_from_token(&api.token(Plane::Arm).await?),
        };

        let mut tasks = tokio::task::JoinSet::new();
        let graph_fetches: Vec<_> = run
            .plan
            .iter()
            .copied()
            .filter(|f| f.origin == Origin::Tenant)
            .collect();
        if !graph_fetches.is_empty() {
            match &tenant {
                Some(t) => {
                    let scope = format!("/tenants/{t}");
                    for f in graph_fetches {
                        tasks.spawn(run.clone().fetch(f, Scope::tenant(&scope, t), None));
                    }
                }
                None => {
                    let mut sink = run.sink.lock().expect("sink");
                    for f in graph_fetches {
                        sink.cover(
                            "/tenants/unknown",
                            f.ty,
                            CoverageStatus::Error,
                            Some("the tenant id is unknown (pass it as an option)".into()),
                        );
                    }
                }
            }
        }
        for (sub, _) in &subscriptions {
            let scope = format!("/subscriptions/{}", sub.subscription_id);
            for f in run
                .plan
                .iter()
                .copied()
                .filter(|f| f.origin == Origin::Subscription)
            {
                tasks.spawn(run.clone().fetch(f, Scope::subscription(&scope), None));
            }
        }
        {
            let mut sink = run.sink.lock().expect("sink");
            for (scope, why) in &failed_subs {
                for f in &run.plan {
                    if f.origin != Origin::Tenant {
                        sink.cover(scope, f.ty, CoverageStatus::Error, Some(why.clone()));
                    }
                }
            }
        }
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok(Ok(())) => {}
                Ok(Err(e)) => {
                    tasks.abort_all();
                    return Err(e);
                }
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(_) => {}
            }
        }

        let sink = std::mem::take(&mut *run.sink.lock().expect("sink"));
        let mut builder = SnapshotBuilder::new().info(SnapshotInfo {
            tenant_id: tenant,
            collected_at: Some(azaudit_core::time::format_timestamp(
                azaudit_core::time::now_unix(),
            )),
            cloud: Some(o.cloud.name.clone()),
        });
        for (sub, _) in subscriptions {
            builder.subscription(sub);
        }
        // Subscriptions that could not be read stay in scope: their coverage says why.
        for (scope, _) in failed_subs {
            builder.subscription(Subscription {
                subscription_id: scope.trim_start_matches("/subscriptions/").to_string(),
                display_name: None,
            });
        }
        sink.finish(&mut builder, &run.plan);
        let snapshot = builder.build().map_err(|e| {
            CollectError::Internal(format!("the collected data did not form a snapshot: {e}"))
        })?;
        let mut metrics = api.metrics.lock().expect("metrics").clone();
        metrics.wall_ms = started.elapsed().as_millis() as u64;
        tracing::info!("collection finished: {metrics}");
        Ok((snapshot, metrics))
    }
}

/// The tenant id (`tid` claim) of a JWT access token; the token itself is not kept.
fn tenant_from_token(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64url(payload)?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    v.get("tid").and_then(Value::as_str).map(str::to_string)
}

fn base64url(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// `/subscriptions/<id>` of a resource id.
fn subscription_of(id: &str) -> String {
    id.split('/').take(3).collect::<Vec<_>>().join("/")
}

#[derive(Clone)]
struct Scope {
    /// `/subscriptions/<id>` or `/tenants/<id>`.
    key: Arc<str>,
    tenant: Option<Arc<str>>,
}

impl Scope {
    fn subscription(key: &str) -> Self {
        Self {
            key: key.into(),
            tenant: None,
        }
    }
    fn tenant(key: &str, id: &str) -> Self {
        Self {
            key: key.into(),
            tenant: Some(id.into()),
        }
    }
}

struct Run {
    api: Arc<Api>,
    cloud: CloudProfile,
    plan: Vec<&'static Fetch>,
    sink: Mutex<Sink>,
    /// Held while the callback runs: tasks finish on several threads, and without the
    /// lock a later count could be reported before an earlier one, so a caller's last
    /// report would not be the final count.
    counts: Mutex<Progress>,
    progress: Option<ProgressFn>,
}

type SubscriptionRow = (Subscription, Option<String>);

impl Run {
    fn scheduled(&self, n: usize) {
        self.count(|c| c.total += n);
    }

    fn finished(&self) {
        self.count(|c| c.done += 1);
    }

    fn count(&self, change: impl FnOnce(&mut Progress)) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut counts);
        if let Some(p) = &self.progress {
            p(*counts);
        }
    }

    fn arm_url(&self, path: &str, api_version: &str) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        format!("{}{path}{sep}api-version={api_version}", self.cloud.arm)
    }

    /// The subscriptions in scope, with their tenants; and those that could not be read.
    async fn subscriptions(
        &self,
        given: &[String],
    ) -> Result<(Vec<SubscriptionRow>, Vec<(String, String)>), CollectError> {
        let row = |v: &Value| -> Option<SubscriptionRow> {
            let id = v.get("subscriptionId").and_then(Value::as_str)?;
            Some((
                Subscription {
                    subscription_id: id.to_string(),
                    display_name: v
                        .get("displayName")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                },
                v.get("tenantId")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            ))
        };
        if given.is_empty() {
            self.scheduled(1);
            let listed = self
                .api
                .list(Plane::Arm, &self.arm_url("/subscriptions", "2022-12-01"))
                .await?;
            self.finished();
            let items = listed.map_err(|e| CollectError::Discovery(e.message().to_string()))?;
            let rows: Vec<_> = items
                .iter()
                .filter(|v| {
                    // Disabled and deleted subscriptions cannot be read.
                    !matches!(
                        v.get("state").and_then(Value::as_str),
                        Some("Disabled" | "Deleted")
                    )
                })
                .filter_map(row)
                .collect();
            if rows.is_empty() {
                return Err(CollectError::Discovery(
                    "the credential sees no enabled subscription (does it hold Reader on one?)"
                        .into(),
                ));
            }
            return Ok((rows, Vec::new()));
        }
        let mut rows = Vec::new();
        let mut failed = Vec::new();
        let mut seen = HashSet::new();
        self.scheduled(given.len());
        let mut tasks = tokio::task::JoinSet::new();
        for id in given {
            if !seen.insert(id.to_ascii_lowercase()) {
                continue;
            }
            let url = self.arm_url(&format!("/subscriptions/{id}"), "2022-12-01");
            let api = self.api.clone();
            let id = id.clone();
            tasks.spawn(async move { (id, api.get(Plane::Arm, &url).await) });
        }
        let mut results = Vec::new();
        while let Some(j) = tasks.join_next().await {
            let (id, r) = j.map_err(|e| CollectError::Internal(e.to_string()))?;
            self.finished();
            results.push((id, r?));
        }
        // Keep the caller's order.
        results.sort_by_key(|(id, _)| given.iter().position(|g| g == id));
        for (id, r) in results {
            match r.as_ref().ok().and_then(row) {
                Some(row) => rows.push(row),
                None => failed.push((
                    format!("/subscriptions/{id}"),
                    match r {
                        Err(e) => format!("the subscription could not be read: {}", e.message()),
                        Ok(_) => {
                            "the subscription could not be read: malformed response body".into()
                        }
                    },
                )),
            }
        }
        Ok((rows, failed))
    }

    /// Run one fetch for a scope (and for `parents` when it fans out), then its children.
    fn fetch(
        self: Arc<Self>,
        f: &'static Fetch,
        scope: Scope,
        parents: Option<Vec<String>>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), CollectError>> + Send>> {
        Box::pin(async move {
            let bases: Vec<String> = match (&f.origin, parents) {
                (Origin::Tenant, _) => vec![format!("{}/v1.0", self.cloud.graph)],
                (Origin::Subscription, _) => vec![scope.key.to_string()],
                (Origin::Each(_), Some(p)) => p,
                (Origin::Each(_), None) => Vec::new(),
            };
            let mut requests = Vec::new();
            for base in &bases {
                for path in f.paths {
                    if path.contains("{role}") {
                        for (role, _) in PRIVILEGED_DIRECTORY_ROLES {
                            requests.push((base.clone(), path.replace("{role}", role)));
                        }
                    } else {
                        requests.push((base.clone(), path.to_string()));
                    }
                }
            }
            self.scheduled(requests.len());
            let mut tasks = tokio::task::JoinSet::new();
            for (base, path) in requests {
                let run = self.clone();
                tasks.spawn(async move {
                    let url = match f.api_version {
                        Some(v) => run.arm_url(&format!("{base}{path}"), v),
                        None => format!("{base}{path}"),
                    };
                    let plane = if f.origin == Origin::Tenant {
                        Plane::Graph
                    } else {
                        Plane::Arm
                    };
                    let got = match f.shape {
                        Shape::List => run.api.list(plane, &url).await,
                        Shape::Object | Shape::Expand => {
                            run.api.get(plane, &url).await.map(|r| r.map(|v| vec![v]))
                        }
                    };
                    let got = match got {
                        Ok(got) => got,
                        // Without a Graph token the ARM data is still worth having: the
                        // Graph types are recorded as failed, with the reason.
                        Err(CollectError::Credential(m)) if plane == Plane::Graph => Err(
                            FetchError::Failed(format!("no token for Microsoft Graph: {m}")),
                        ),
                        Err(e) => return Err(e),
                    };
                    run.finished();
                    Ok::<_, CollectError>((base, got))
                });
            }
            let mut records = Vec::new();
            let mut failures: Vec<FetchError> = Vec::new();
            let mut attempts = 0usize;
            while let Some(j) = tasks.join_next().await {
                let (base, got) = j.map_err(|e| CollectError::Internal(e.to_string()))??;
                attempts += 1;
                match got {
                    Ok(items) => {
                        for item in items {
                            if let Some(r) = self.record(f, &scope, &base, item) {
                                records.push(r);
                            }
                        }
                    }
                    // An unset server parameter is simply absent.
                    Err(FetchError::NotFound(_)) if f.shape == Shape::Object => {}
                    // A provider the subscription never registered holds no resources.
                    Err(FetchError::Failed(m)) if m.contains("MissingSubscriptionRegistration") => {
                    }
                    Err(e) => failures.push(e),
                }
            }
            let ids: Vec<String> = records
                .iter()
                .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_string))
                .collect();
            {
                let mut sink = self.sink.lock().expect("sink");
                let (status, message) = summarize(&failures, attempts);
                sink.cover(&scope.key, f.ty, status, message);
                for r in records {
                    sink.add(f, r);
                }
            }
            // Children fan out from what this fetch found (a failed list leaves them
            // uncollected, with the reason).
            let children: Vec<&'static Fetch> = self
                .plan
                .iter()
                .copied()
                .filter(|c| c.origin == Origin::Each(f.ty) && f.shape == Shape::List)
                .collect();
            let mut tasks = tokio::task::JoinSet::new();
            for c in children {
                if failures.is_empty() {
                    tasks.spawn(self.clone().fetch(c, scope.clone(), Some(ids.clone())));
                } else {
                    self.sink.lock().expect("sink").cover(
                        &scope.key,
                        c.ty,
                        CoverageStatus::NotCollected,
                        Some(format!("not collected because listing {} failed", f.ty)),
                    );
                }
            }
            while let Some(j) = tasks.join_next().await {
                j.map_err(|e| CollectError::Internal(e.to_string()))??;
            }
            Ok(())
        })
    }

    /// Shape one item as a snapshot record.
    fn record(&self, f: &Fetch, scope: &Scope, base: &str, item: Value) -> Option<Value> {
        let Value::Object(mut obj) = item else {
            return None;
        };
        if let Some(tenant) = &scope.tenant {
            // Graph: the object goes into `properties` of a record with a tenant-scoped id.
            let oid = match obj.get("id").and_then(Value::as_str) {
                Some(id) => id.to_string(),
                // A singleton (the authorization policy) is named by its path.
                None if f.shape == Shape::Object => {
                    f.paths.first()?.rsplit('/').next()?.to_string()
                }
                None => return None,
            };
            let collection = f.ty.rsplit('/').next().unwrap_or(f.ty);
            return Some(json!({
                "id": format!("/tenants/{tenant}/{collection}/{oid}"),
                "type": f.ty,
                "name": oid,
                "properties": Value::Object(obj),
            }));
        }
        let id = match obj.get("id").and_then(Value::as_str) {
            // Some ids come without the leading slash (diagnostic settings, alert scopes).
            Some(id) if id.starts_with('/') => id.to_string(),
            Some(id) => format!("/{id}"),
            None if f.shape == Shape::Object => {
                let path = f.paths.first().copied().unwrap_or_default();
                format!("{base}{path}")
            }
            None => return None,
        };
        obj.insert("id".into(), Value::String(id));
        if !obj.contains_key("type") {
            obj.insert("type".into(), Value::String(f.ty.to_string()));
        }
        if f.ty
            .eq_ignore_ascii_case("Microsoft.KeyVault/vaults/secrets")
            && let Some(Value::Object(p)) = obj.get_mut("properties")
        {
            // Never keep a secret value, should an API version ever return one.
            p.remove("value");
        }
        Some(Value::Object(obj))
    }
}

fn summarize(failures: &[FetchError], attempts: usize) -> (CoverageStatus, Option<String>) {
    let Some(first) = failures.first() else {
        return (CoverageStatus::Ok, None);
    };
    let status = if failures
        .iter()
        .all(|f| matches!(f, FetchError::Forbidden(_)))
    {
        CoverageStatus::Forbidden
    } else {
        CoverageStatus::Error
    };
    let message = if attempts > 1 {
        format!(
            "{} of {attempts} requests failed; first: {}",
            failures.len(),
            first.message()
        )
    } else {
        first.message().to_string()
    };
    (status, Some(message))
}

/// Records and coverage, gathered as the fetches finish.
#[derive(Default)]
struct Sink {
    records: Vec<Value>,
    by_id: HashMap<String, usize>,
    coverage: BTreeMap<(String, String), (CoverageStatus, Vec<String>)>,
    inventory: Vec<Value>,
}

impl Sink {
    fn cover(&mut self, scope: &str, ty: &str, status: CoverageStatus, message: Option<String>) {
        let key = (scope.to_string(), ty.to_string());
        let e = self
            .coverage
            .entry(key)
            .or_insert((CoverageStatus::Ok, Vec::new()));
        let rank = |s: CoverageStatus| match s {
            CoverageStatus::Ok => 0,
            CoverageStatus::NotCollected => 1,
            CoverageStatus::Forbidden => 2,
            CoverageStatus::Error => 3,
        };
        if rank(status) > rank(e.0) {
            e.0 = status;
        }
        e.1.extend(message);
    }

    fn add(&mut self, f: &Fetch, record: Value) {
        if f.ty == INVENTORY {
            self.inventory.push(record);
            return;
        }
        let id = record
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_ascii_lowercase();
        match self.by_id.get(&id) {
            Some(&i) if f.shape == Shape::Expand => self.records[i] = record,
            // Listed from several subscriptions (a management group's assignment): keep one.
            Some(_) => {}
            None => {
                self.by_id.insert(id, self.records.len());
                self.records.push(record);
            }
        }
    }

    fn finish(self, builder: &mut SnapshotBuilder, plan: &[&Fetch]) {
        let planned: HashSet<String> = plan.iter().map(|f| f.ty.to_ascii_lowercase()).collect();
        for r in &self.records {
            builder.record(r);
        }
        // The inventory adds the resources no planned fetch covers, without properties:
        // regions in use and tags for the checks that look at every resource. Coverage says
        // their types were not collected, so no check reads them as complete.
        let mut inventory_types: BTreeSet<(String, String)> = BTreeSet::new();
        for r in &self.inventory {
            let ty = r.get("type").and_then(Value::as_str).unwrap_or_default();
            let id = r.get("id").and_then(Value::as_str).unwrap_or_default();
            if planned.contains(&ty.to_ascii_lowercase())
                || self.by_id.contains_key(&id.to_ascii_lowercase())
            {
                continue;
            }
            let sub = subscription_of(id);
            inventory_types.insert((sub, ty.to_string()));
            builder.record(r);
        }
        for (scope, ty) in inventory_types {
            builder.coverage(CoverageEntry {
                scope,
                resource_type: ty,
                status: CoverageStatus::NotCollected,
                message: Some(
                    "listed by the subscription inventory only, without properties".into(),
                ),
            });
        }
        for ((scope, ty), (status, messages)) in self.coverage {
            if ty == INVENTORY {
                if status != CoverageStatus::Ok {
                    tracing::warn!(
                        scope,
                        "the resource inventory failed: {}",
                        messages.join("; ")
                    );
                }
                continue;
            }
            let message = match messages.len() {
                0 => None,
                1 => messages.into_iter().next(),
                n => Some(format!("{} (and {} more)", messages[0], n - 1)),
            };
            builder.coverage(CoverageEntry {
                scope,
                resource_type: ty,
                status,
                message,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_comes_from_the_token_claims() {
        // header.payload.signature, payload = {"tid":"t-1","aud":"x"}
        let payload = "eyJ0aWQiOiJ0LTEiLCJhdWQiOiJ4In0";
        assert_eq!(
            tenant_from_token(&format!("e30.{payload}.sig")).as_deref(),
            Some("t-1")
        );
        assert_eq!(tenant_from_token("opaque-token"), None);
    }

    #[test]
    fn coverage_keeps_the_worst_status_and_every_reason() {
        let mut s = Sink::default();
        s.cover("/subscriptions/a", "T", CoverageStatus::Ok, None);
        s.cover(
            "/subscriptions/a",
            "T",
            CoverageStatus::Forbidden,
            Some("403 x".into()),
        );
        s.cover("/subscriptions/a", "T", CoverageStatus::Ok, None);
        let (st, m) = &s.coverage[&("/subscriptions/a".to_string(), "T".to_string())];
        assert_eq!(*st, CoverageStatus::Forbidden);
        assert_eq!(m, &["403 x".to_string()]);
        let (st, m) = summarize(&[FetchError::Forbidden("403 a".into())], 3);
        assert_eq!(st, CoverageStatus::Forbidden);
        assert_eq!(m.unwrap(), "1 of 3 requests failed; first: 403 a");
    }
}
