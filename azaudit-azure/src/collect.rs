//! The live collector: subscriptions, then the plan's fetches, into a snapshot.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use azaudit_core::resource_types::{self as types, ResourceType};
use azaudit_core::roles::{PRIVILEGED_AZURE_ROLES, PRIVILEGED_DIRECTORY_ROLES};
use azaudit_core::{
    CheckMeta, CoverageEntry, CoverageStatus, Selection, Snapshot, SnapshotBuilder, SnapshotInfo,
    Subscription, catalog, ids,
};
use azure_core::credentials::TokenCredential;
use azure_core::http::Transport;
use serde_json::{Value, json};

use crate::CollectError;
use crate::cloud::CloudProfile;
use crate::credential::DefaultCredential;
use crate::http::{Api, FetchError};
use crate::metrics::{Metrics, Plane};
use crate::plan::{self, INVENTORY, Origin, Shape};

/// How often to retry, and how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (429, 408, 5xx, timeouts, connection failures).
    pub max_retries: u32,
    /// The first backoff; doubled on each retry, with jitter.
    pub base_delay: Duration,
    /// The longest backoff between two attempts.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured. A longer one is not slept: the (scope, type) is
    /// recorded as throttled and the scan goes on.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
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
    /// HTTP requests sent so far, retries and pages included.
    pub requests: u64,
    /// 429 (throttled) responses so far.
    pub throttled: u64,
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
    /// The time one request may take (each attempt: a hung endpoint costs at most this,
    /// times the attempts of `retry`, plus their backoffs).
    pub request_timeout: Duration,
    /// The time one (scope, type) may take, every request, retry and page of it: past it,
    /// the requests still running are dropped and the (scope, type) is recorded as an error.
    pub fetch_timeout: Duration,
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
            request_timeout: Duration::from_secs(30),
            // Generous: a million Graph users are a thousand pages. A hung endpoint is bounded
            // by `request_timeout` and the retries long before this.
            fetch_timeout: Duration::from_secs(1800),
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
            .field("fetch_timeout", &self.fetch_timeout)
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
            // A redirect is never followed: Azure answers where it is asked, and a redirect
            // elsewhere would take the request (and its answer's authority) to another host.
            .redirect(reqwest::redirect::Policy::none())
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
    pub fn plan(&self) -> Vec<&'static ResourceType> {
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
            [
                crate::http::origin_of(&o.cloud.arm).unwrap_or_default(),
                crate::http::origin_of(&o.cloud.graph).unwrap_or_default(),
            ],
            o.concurrency,
            o.retry,
            o.request_timeout,
        ));
        let run = Arc::new(Run {
            api: api.clone(),
            cloud: o.cloud.clone(),
            plan: self.plan(),
            sink: Mutex::new(Sink::default()),
            counts: Mutex::new(Progress {
                done: 0,
                total: 0,
                requests: 0,
                throttled: 0,
            }),
            progress: o.progress.clone(),
            fetch_timeout: o.fetch_timeout,
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
        let group_fetch = run
            .plan
            .iter()
            .copied()
            .find(|f| f.origin == Origin::Groups);
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
                    for f in graph_fetches.into_iter().chain(group_fetch) {
                        sink.cover(
                            "/tenants/unknown",
                            f.name,
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
                    if !matches!(f.origin, Origin::Tenant | Origin::Groups) {
                        sink.cover(scope, f.name, CoverageStatus::Error, Some(why.clone()));
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
        // Group memberships last: the groups worth reading are those the role assignments
        // and conditional access policies just collected name.
        if let (Some(f), Some(t)) = (group_fetch, &tenant) {
            let groups = run.sink.lock().expect("sink").principals.groups();
            let scope = format!("/tenants/{t}");
            run.clone()
                .fetch(f, Scope::tenant(&scope, t), Some(groups))
                .await?;
        }

        let sink = std::mem::take(&mut *run.sink.lock().expect("sink"));
        let mut builder = SnapshotBuilder::new().info(SnapshotInfo {
            tenant_id: tenant,
            collected_at: Some(azaudit_core::time::format_timestamp(
                azaudit_core::time::now_unix(),
            )),
            cloud: Some(o.cloud.name.clone()),
        });
        for (mut sub, _) in subscriptions {
            sub.management_groups = sink.management_groups(&sub.subscription_id);
            builder.subscription(sub);
        }
        // Subscriptions that could not be read stay in scope: their coverage says why.
        for (scope, _) in failed_subs {
            builder.subscription(Subscription::new(
                scope.trim_start_matches("/subscriptions/"),
            ));
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
    plan: Vec<&'static ResourceType>,
    sink: Mutex<Sink>,
    /// Held while the callback runs: tasks finish on several threads, and without the
    /// lock a later count could be reported before an earlier one, so a caller's last
    /// report would not be the final count.
    counts: Mutex<Progress>,
    progress: Option<ProgressFn>,
    fetch_timeout: Duration,
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
        if self.progress.is_some() {
            let sent = self
                .api
                .metrics
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .total();
            counts.requests = sent.requests;
            counts.throttled = sent.throttled;
        }
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
            let id = v
                .get("subscriptionId")
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty())?;
            Some((
                Subscription {
                    subscription_id: id.to_string(),
                    display_name: v
                        .get("displayName")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    management_groups: None,
                },
                v.get("tenantId")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            ))
        };
        if given.is_empty() {
            self.scheduled(1);
            let mut items = Vec::new();
            let listed = self
                .api
                .list(
                    Plane::Arm,
                    &self.arm_url("/subscriptions", "2022-12-01"),
                    &mut |v| items.push(v),
                )
                .await?;
            self.finished();
            listed.map_err(|e| CollectError::Discovery(e.message().to_string()))?;
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
        f: &'static ResourceType,
        scope: Scope,
        parents: Option<Vec<String>>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), CollectError>> + Send>> {
        Box::pin(async move {
            let groups = match f.origin {
                Origin::Groups => parents.clone().unwrap_or_default(),
                _ => Vec::new(),
            };
            let bases: Vec<String> = match (&f.origin, parents) {
                (Origin::Tenant | Origin::Groups, _) => vec![format!("{}/v1.0", self.cloud.graph)],
                (Origin::Subscription, _) => vec![scope.key.to_string()],
                (Origin::Each(_), Some(p)) => p,
                // Never planned: a person fills these in.
                (Origin::Each(_), None) | (Origin::Manual, _) => Vec::new(),
            };
            let mut requests = Vec::new();
            for base in &bases {
                for path in f.paths {
                    if path.contains("{role}") {
                        for (role, _) in PRIVILEGED_DIRECTORY_ROLES {
                            requests.push((base.clone(), path.replace("{role}", role)));
                        }
                    } else if path.contains("{group}") {
                        for g in &groups {
                            requests.push((base.clone(), path.replace("{group}", g)));
                        }
                    } else {
                        requests.push((base.clone(), path.to_string()));
                    }
                }
            }
            let planned = requests.len();
            self.scheduled(planned);
            // Children fan out from the ids this fetch finds.
            let has_children =
                f.shape == Shape::List && self.plan.iter().any(|c| c.origin == Origin::Each(f));
            let wants_groups = self.plan.iter().any(|c| c.origin == Origin::Groups);
            let mut tasks = tokio::task::JoinSet::new();
            for (base, path) in requests {
                let run = self.clone();
                let scope = scope.clone();
                tasks.spawn(async move {
                    let url = match f.api_version {
                        Some(v) => run.arm_url(&format!("{base}{path}"), v),
                        None => format!("{base}{path}"),
                    };
                    let plane = if matches!(f.origin, Origin::Tenant | Origin::Groups) {
                        Plane::Graph
                    } else {
                        Plane::Arm
                    };
                    let mut got = Got::default();
                    let mut take = |item: Value| {
                        match shape(f, &scope, &base, &path, item) {
                            Ok(record) => {
                                // Listed for a subscription yet made at a management group:
                                // the group is above the subscription.
                                if f.origin == Origin::Subscription
                                    && let Some(mg) = ids::management_group_of(&record.id)
                                {
                                    run.sink.lock().expect("sink").above(&scope.key, mg);
                                }
                                if wants_groups && Principals::reads(f.name) {
                                    run.sink
                                        .lock()
                                        .expect("sink")
                                        .principals
                                        .note(f.name, &record.json);
                                }
                                got.keep(&run.sink, f, record, has_children)
                            }
                            Err(why) => got.refuse(why),
                        };
                    };
                    let answer = match f.shape {
                        Shape::List => run.api.list(plane, &url, &mut take).await,
                        Shape::Object | Shape::Expand => match run.api.get(plane, &url).await {
                            Ok(Ok(v)) => {
                                take(v);
                                Ok(Ok(()))
                            }
                            other => other.map(|r| r.map(|_| ())),
                        },
                    };
                    let answer = match answer {
                        Ok(a) => a,
                        // Without a Graph token the ARM data is still worth having: the
                        // Graph types are recorded as failed, with the reason.
                        Err(CollectError::Credential(m)) if plane == Plane::Graph => Err(
                            FetchError::Failed(format!("no token for Microsoft Graph: {m}")),
                        ),
                        Err(e) => return Err(e),
                    };
                    run.finished();
                    got.answer = Some(answer);
                    Ok::<_, CollectError>(got)
                });
            }
            let mut all = Got::default();
            let mut answered = 0usize;
            let deadline = tokio::time::Instant::now() + self.fetch_timeout;
            loop {
                match tokio::time::timeout_at(deadline, tasks.join_next()).await {
                    Ok(Some(j)) => {
                        let got = j.map_err(|e| CollectError::Internal(e.to_string()))??;
                        answered += 1;
                        all.merge(got, f);
                    }
                    Ok(None) => break,
                    Err(_) => {
                        // A hung endpoint costs this (scope, type) and nothing else.
                        tasks.abort_all();
                        for _ in answered..planned {
                            self.finished();
                        }
                        all.failures.push(FetchError::Failed(format!(
                            "did not finish within {} ({answered} of {planned} requests answered)",
                            seconds(self.fetch_timeout)
                        )));
                        break;
                    }
                }
            }
            let failed = !all.failures.is_empty();
            {
                let mut sink = self.sink.lock().expect("sink");
                let (status, message) = summarize(&all.failures, planned);
                sink.cover(&scope.key, f.name, status, message);
                if let Some(m) = refused_message(&all.refused) {
                    sink.cover(&scope.key, f.name, CoverageStatus::Error, Some(m));
                }
            }
            // Children fan out from what this fetch found (a failed list leaves them
            // uncollected, with the reason).
            let children: Vec<&'static ResourceType> = self
                .plan
                .iter()
                .copied()
                .filter(|c| has_children && c.origin == Origin::Each(f))
                .collect();
            let mut tasks = tokio::task::JoinSet::new();
            for c in children {
                if failed {
                    // The child and everything fanning out from it, each with the reason.
                    let mut sink = self.sink.lock().expect("sink");
                    let mut below = vec![c];
                    while let Some(d) = below.pop() {
                        sink.cover(
                            &scope.key,
                            d.name,
                            CoverageStatus::NotCollected,
                            Some(format!("not collected because listing {} failed", f.name)),
                        );
                        below.extend(
                            self.plan
                                .iter()
                                .filter(|g| g.origin == Origin::Each(d) && d.shape == Shape::List),
                        );
                    }
                } else {
                    tasks.spawn(self.clone().fetch(c, scope.clone(), Some(all.ids.clone())));
                }
            }
            while let Some(j) = tasks.join_next().await {
                j.map_err(|e| CollectError::Internal(e.to_string()))??;
            }
            Ok(())
        })
    }
}

/// `2 s`, `0.5 s`.
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// What the requests of one fetch got: ids kept (for children), items refused, failures.
#[derive(Default)]
struct Got {
    ids: Vec<String>,
    /// Why items could not be used, each reason with its count.
    refused: BTreeMap<String, usize>,
    failures: Vec<FetchError>,
    answer: Option<Result<(), FetchError>>,
}

impl Got {
    fn keep(&mut self, sink: &Mutex<Sink>, f: &ResourceType, record: Shaped, with_ids: bool) {
        let added = sink.lock().expect("sink").add(f, &record);
        match added {
            Ok(()) if with_ids => self.ids.push(record.id),
            Ok(()) => {}
            Err(why) => self.refuse(why),
        }
    }

    fn refuse(&mut self, why: String) {
        *self.refused.entry(why).or_default() += 1;
    }

    fn merge(&mut self, other: Got, f: &ResourceType) {
        self.ids.extend(other.ids);
        for (why, n) in other.refused {
            *self.refused.entry(why).or_default() += n;
        }
        match other.answer {
            Some(Ok(())) | None => {}
            // An unset server parameter is simply absent.
            Some(Err(FetchError::NotFound(_))) if f.shape == Shape::Object => {}
            // A principal named by a role that is a user or an application, not a group.
            Some(Err(FetchError::NotFound(_))) if f.origin == Origin::Groups => {}
            // No Entra ID P2: no PIM, so no eligible assignments.
            Some(Err(FetchError::Failed(m) | FetchError::Forbidden(m)))
                if m.contains("AadPremiumLicenseRequired") => {}
            // A provider the subscription never registered holds no resources.
            Some(Err(FetchError::Failed(m))) if m.contains("MissingSubscriptionRegistration") => {}
            Some(Err(e)) => self.failures.push(e),
        }
    }
}

/// `N records could not be used: reason (k); ...`, or `None` when all could.
fn refused_message(refused: &BTreeMap<String, usize>) -> Option<String> {
    let n: usize = refused.values().sum();
    if n == 0 {
        return None;
    }
    let reasons: Vec<String> = refused
        .iter()
        .map(|(why, k)| format!("{why} ({k})"))
        .collect();
    Some(format!(
        "{n} record{} could not be used: {}",
        if n == 1 { "" } else { "s" },
        reasons.join("; ")
    ))
}

/// One item of a response, shaped as a snapshot record: its id, type and JSON text.
struct Shaped {
    id: String,
    ty: String,
    json: String,
}

impl Shaped {
    /// The key records are told apart by (ids compare case-insensitively).
    fn key(&self) -> String {
        self.id.to_ascii_lowercase()
    }
}

/// The name of a JSON value's kind, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Whether `s` starts with `prefix`, ignoring ASCII case.
fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// A string field that is there and not empty.
fn text<'v>(obj: &'v serde_json::Map<String, Value>, key: &str) -> Option<&'v str> {
    obj.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// Shape one item as a snapshot record. Its identity comes from the request whenever Azure's
/// is null, empty or absent: the type is the one the plan listed, the id is the requested
/// path (an object) or the list's path and the item's name; an id without its leading slash
/// is normalised. An item that still has no usable identity is refused with the reason.
fn shape(
    f: &ResourceType,
    scope: &Scope,
    base: &str,
    path: &str,
    item: Value,
) -> Result<Shaped, String> {
    let Value::Object(mut obj) = item else {
        return Err(format!("an item is {}, not an object", kind(&item)));
    };
    let path = path.split('?').next().unwrap_or_default();
    let record = if let Some(tenant) = &scope.tenant {
        // Graph: the object goes into `properties` of a record with a tenant-scoped id.
        let oid = match text(&obj, "id") {
            Some(id) => id.to_string(),
            // A singleton (the authorization policy) is named by its path.
            None if f.shape == Shape::Object => ids::last_segment(path).to_string(),
            None => return Err("an item has no `id`".into()),
        };
        // A collection below an object (a group's members) keeps the request's path, so the
        // same user in two groups is two records; an OData cast segment is not part of it.
        let collection = if f.name.matches('/').count() > 1 {
            let p = path.trim_start_matches('/');
            match p.rsplit_once('/') {
                Some((head, cast)) if cast.starts_with("microsoft.graph.") => head.to_string(),
                _ => p.to_string(),
            }
        } else {
            f.name.rsplit('/').next().unwrap_or(f.name).to_string()
        };
        json!({
            "id": format!("/tenants/{tenant}/{collection}/{oid}"),
            "type": f.name,
            "name": oid,
            "properties": Value::Object(obj),
        })
    } else {
        // Some ids come without the leading slash (subscription diagnostic settings).
        let given = text(&obj, "id").map(|id| match id.starts_with('/') {
            true => id.to_string(),
            false => format!("/{id}"),
        });
        // A child's id must name it below the parent it was listed for. Azure names some
        // children by their list (`<server>/securityAlertPolicies`) or by their parent (a
        // database's `transparentDataEncryption`): then the request names it.
        let asked = format!("{base}{path}");
        let usable = |id: &str| match (f.origin, f.shape) {
            (Origin::Each(_), Shape::List) => {
                starts_with_ci(id, &format!("{base}/")) && !ids::same_id(id, &asked)
            }
            (Origin::Each(_), _) => starts_with_ci(id, base),
            _ => true,
        };
        // An assignment names its own scope: without its id, that is where it was made (one
        // inherited from a management group is not the subscription's own).
        let at_scope = || {
            let scope = obj
                .get("properties")?
                .get("scope")?
                .as_str()?
                .trim_end_matches('/');
            let name = text(&obj, "name")?;
            (scope.starts_with('/') && f.origin == Origin::Subscription)
                .then(|| format!("{scope}/providers/{}/{name}", f.name))
        };
        let id = match given.filter(|id| usable(id)) {
            Some(id) => id,
            None if f.shape == Shape::List && at_scope().is_some() => {
                at_scope().unwrap_or_default()
            }
            None if f.shape != Shape::List => asked,
            None => match text(&obj, "name") {
                Some(name) => format!("{asked}/{name}"),
                None => return Err("an item has neither a usable `id` nor a `name`".into()),
            },
        };
        let listed = f.record_type();
        let ty = match (text(&obj, "type"), f.name == INVENTORY) {
            // The inventory lists every type: there Azure's is the only one.
            (Some(t), true) => t.to_string(),
            (None, true) => return Err("an inventory item has no `type`".into()),
            // Azure's own spelling, when it names the type listed.
            (Some(t), false) if t.eq_ignore_ascii_case(listed) => t.to_string(),
            (_, false) => listed.to_string(),
        };
        for key in ["name", "location"] {
            match obj.get(key) {
                None | Some(Value::Null | Value::String(_)) => {}
                Some(v) => return Err(format!("`{key}` is {}, not a string", kind(v))),
            }
        }
        obj.insert("id".into(), Value::String(id));
        obj.insert("type".into(), Value::String(ty));
        if listed.eq_ignore_ascii_case("Microsoft.KeyVault/vaults/secrets")
            && let Some(Value::Object(p)) = obj.get_mut("properties")
        {
            // Never keep a secret value, should an API version ever return one.
            p.remove("value");
        }
        Value::Object(obj)
    };
    let json = record.to_string();
    // The snapshot's own rule, so that no record can cost the snapshot.
    if let Some(problem) = azaudit_core::snapshot::record_problem(&json) {
        return Err(problem);
    }
    let id = record["id"].as_str().unwrap_or_default().to_string();
    let ty = record["type"].as_str().unwrap_or_default().to_string();
    Ok(Shaped { id, ty, json })
}

fn summarize(failures: &[FetchError], attempts: usize) -> (CoverageStatus, Option<String>) {
    let Some(first) = failures.first() else {
        return (CoverageStatus::Ok, None);
    };
    let all = |p: fn(&FetchError) -> bool| failures.iter().all(p);
    let status = if all(|f| matches!(f, FetchError::Forbidden(_))) {
        CoverageStatus::Forbidden
    } else if all(|f| matches!(f, FetchError::Throttled(_))) {
        CoverageStatus::Throttled
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

/// Records and coverage, gathered as the fetches finish. Records are kept as their JSON
/// text: the snapshot is text anyway, and a parsed value costs several times more.
#[derive(Default)]
struct Sink {
    records: Vec<String>,
    by_id: HashMap<String, usize>,
    coverage: BTreeMap<(String, String), (CoverageStatus, Vec<String>)>,
    inventory: Vec<(String, String, String)>,
    /// Subscription scope -> the management groups its assignment lists showed above it.
    above: BTreeMap<String, BTreeSet<String>>,
    /// Principals whose group memberships matter.
    principals: Principals,
}

/// The principals that may be groups worth expanding: those holding a privileged role (Azure
/// or directory, assigned or PIM-eligible) and those conditional access policies target.
#[derive(Default)]
struct Principals {
    /// Known to be groups (`principalType: Group`, a policy's `includeGroups`).
    groups: BTreeSet<String>,
    /// Directory role holders, which Graph names by id only: groups unless they are users.
    holders: BTreeSet<String>,
    /// Users' object ids, lower-cased.
    users: HashSet<String>,
}

impl Principals {
    const ARM_TYPES: [&str; 2] = [types::ROLE_ASSIGNMENTS.name, types::ROLE_ELIGIBILITY.name];
    const DIRECTORY_TYPES: [&str; 2] = [
        types::DIRECTORY_ROLE_ASSIGNMENTS.name,
        types::DIRECTORY_ROLE_ELIGIBILITY.name,
    ];
    const USERS: &str = types::USERS.name;
    const POLICIES: &str = types::CONDITIONAL_ACCESS_POLICIES.name;

    fn reads(ty: &str) -> bool {
        Self::ARM_TYPES.contains(&ty)
            || Self::DIRECTORY_TYPES.contains(&ty)
            || ty == Self::USERS
            || ty == Self::POLICIES
    }

    fn note(&mut self, ty: &str, record_json: &str) {
        let Ok(v) = serde_json::from_str::<Value>(record_json) else {
            return;
        };
        let p = &v["properties"];
        let text = |v: &Value| v.as_str().map(str::to_ascii_lowercase);
        if ty == Self::USERS {
            self.users.extend(text(&p["id"]));
        } else if Self::ARM_TYPES.contains(&ty) {
            let role = p["roleDefinitionId"].as_str().map(ids::last_segment);
            let privileged = role.is_some_and(|r| {
                PRIVILEGED_AZURE_ROLES
                    .iter()
                    .any(|(g, _)| g.eq_ignore_ascii_case(r))
            });
            let group = p["principalType"]
                .as_str()
                .is_some_and(|t| t.eq_ignore_ascii_case("Group"));
            if privileged && group {
                self.groups.extend(text(&p["principalId"]));
            }
        } else if Self::DIRECTORY_TYPES.contains(&ty) {
            let privileged = p["roleDefinitionId"].as_str().is_some_and(|r| {
                PRIVILEGED_DIRECTORY_ROLES
                    .iter()
                    .any(|(t, _)| t.eq_ignore_ascii_case(r))
            });
            if privileged {
                self.holders.extend(text(&p["principalId"]));
            }
        } else if ty == Self::POLICIES {
            let users = &p["conditions"]["users"];
            for key in ["includeGroups", "excludeGroups"] {
                for g in users[key].as_array().into_iter().flatten() {
                    self.groups.extend(text(g));
                }
            }
        }
    }

    /// The groups to expand, in a stable order.
    fn groups(&self) -> Vec<String> {
        let mut all = self.groups.clone();
        all.extend(
            self.holders
                .iter()
                .filter(|h| !self.users.contains(*h))
                .cloned(),
        );
        all.into_iter().collect()
    }
}

/// Types whose list at a subscription includes the assignments inherited from the management
/// groups above it: when one was listed in full, the groups it named are all that matter.
const INHERITED: [&str; 3] = [
    "Microsoft.Authorization/roleAssignments",
    "Microsoft.Authorization/policyAssignments",
    "Microsoft.Authorization/roleEligibilityScheduleInstances",
];

impl Sink {
    fn above(&mut self, scope: &str, management_group: &str) {
        self.above
            .entry(scope.to_ascii_lowercase())
            .or_default()
            .insert(management_group.to_string());
    }

    /// The management groups above a subscription, when an inheriting list was complete.
    fn management_groups(&self, subscription_id: &str) -> Option<Vec<String>> {
        let scope = format!("/subscriptions/{subscription_id}");
        let complete = INHERITED.iter().any(|t| {
            self.coverage
                .get(&(scope.clone(), t.to_string()))
                .is_some_and(|(status, _)| *status == CoverageStatus::Ok)
        });
        complete.then(|| {
            self.above
                .get(&scope.to_ascii_lowercase())
                .map(|m| m.iter().cloned().collect())
                .unwrap_or_default()
        })
    }

    fn cover(&mut self, scope: &str, ty: &str, status: CoverageStatus, message: Option<String>) {
        let key = (scope.to_string(), ty.to_string());
        let e = self
            .coverage
            .entry(key)
            .or_insert((CoverageStatus::Ok, Vec::new()));
        let rank = |s: CoverageStatus| match s {
            CoverageStatus::Ok => 0,
            CoverageStatus::NotCollected => 1,
            CoverageStatus::Throttled => 2,
            CoverageStatus::Forbidden => 3,
            CoverageStatus::Error => 4,
        };
        if rank(status) > rank(e.0) {
            e.0 = status;
        }
        e.1.extend(message);
    }

    /// Keep a record; a second one with the same id is the same record listed again (an
    /// assignment inherited from a management group, listed from each subscription) and
    /// dropped, unless it says something else: then it is refused with the reason.
    fn add(&mut self, f: &ResourceType, record: &Shaped) -> Result<(), String> {
        if f.name == INVENTORY {
            self.inventory
                .push((record.key(), record.ty.clone(), record.json.clone()));
            return Ok(());
        }
        let key = record.key();
        match self.by_id.get(&key) {
            Some(&i) if f.shape == Shape::Expand => {
                self.records[i] = record.json.clone();
                Ok(())
            }
            Some(&i) if self.records[i] == record.json => Ok(()),
            // Inherited from a management group and listed again by another subscription,
            // with other content: neither listing is at fault. The fuller copy is kept,
            // whichever came first (a damaged one has lost something).
            Some(&i) if ids::management_group_of(&record.id).is_some() => {
                if record.json.len() > self.records[i].len() {
                    self.records[i] = record.json.clone();
                }
                Ok(())
            }
            Some(_) => Err("an id listed twice with different content (the first is kept)".into()),
            None => {
                self.by_id.insert(key, self.records.len());
                self.records.push(record.json.clone());
                Ok(())
            }
        }
    }

    fn finish(self, builder: &mut SnapshotBuilder, plan: &[&ResourceType]) {
        let planned: HashSet<String> = plan
            .iter()
            .map(|f| f.record_type().to_ascii_lowercase())
            .collect();
        let mut refused: BTreeMap<(String, String), usize> = BTreeMap::new();
        let text: usize = self.records.iter().map(|r| r.len() + 6).sum::<usize>()
            + self.inventory.iter().map(|r| r.2.len() + 6).sum::<usize>();
        builder.reserve(text);
        for r in self.records {
            // Shaped under the snapshot's own rule: a refusal here would be a bug.
            if builder.try_record(&r).is_err() {
                tracing::error!("a shaped record was refused by the snapshot");
            }
        }
        // The inventory adds the resources no planned fetch covers, without properties:
        // regions in use and tags for the checks that look at every resource. Coverage says
        // their types were not collected, so no check reads them as complete.
        let mut inventory_types: BTreeSet<(String, String)> = BTreeSet::new();
        for (id, ty, json) in &self.inventory {
            if planned.contains(&ty.to_ascii_lowercase()) || self.by_id.contains_key(id) {
                continue;
            }
            let sub = subscription_of(id);
            if builder.try_record(json).is_err() {
                *refused.entry((sub, ty.clone())).or_default() += 1;
                continue;
            }
            inventory_types.insert((sub, ty.to_string()));
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
        for ((scope, ty), n) in refused {
            tracing::warn!(scope, ty, "{n} inventory records could not be used");
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
