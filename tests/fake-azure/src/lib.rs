//! A local HTTPS server that answers like Azure: ARM lists with `nextLink`, Microsoft Graph
//! lists with `@odata.nextLink`, ARM and Graph error bodies, 429 with `Retry-After`, and an
//! Entra token endpoint, serving a tenant taken from an azaudit snapshot.
//!
//! Its certificate is issued by a CA made at start-up ([`FakeAzure::ca_pem`]), so clients
//! trust it the way they would trust a corporate TLS-inspecting proxy. It runs on its own
//! thread and runtime, so sync tests, async tests, other languages' tests (through the
//! `fake-azure` binary) and benchmarks use it alike. Traffic stays on 127.0.0.1.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// What a fault does to the requests it matches.
#[derive(Debug, Clone)]
pub enum Behavior {
    /// Answer this status with an ARM error body, every time.
    Status(u16, &'static str),
    /// Answer 500 this many times, then normally.
    FailTimes(u32),
    /// Answer 429 with `Retry-After: secs` this many times, then normally.
    Throttle(u32, u64),
    /// Answer 200 with a body that is not JSON.
    Malformed,
    /// Answer exactly this: status, headers and body bytes (a redirect, a truncated or
    /// HTML body, a gzip body or one that only claims to be).
    Raw(u16, Vec<(String, String)>, Vec<u8>),
    /// Accept the request and never answer.
    Hang,
    /// Answer 401 this many times, then normally.
    Unauthorized(u32),
    /// Answer normally, then change the JSON body (a next link elsewhere, a field nulled).
    Mutate(Mutation),
}

/// A change to a JSON response body, for [`Behavior::Mutate`].
#[derive(Clone)]
pub struct Mutation(pub Arc<dyn Fn(&mut Value) + Send + Sync>);

impl Mutation {
    /// A mutation from a function.
    pub fn new(f: impl Fn(&mut Value) + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }
}

impl std::fmt::Debug for Mutation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mutation(..)")
    }
}

/// A fault injected into requests whose path (lower-case, query included) contains `path`.
#[derive(Debug, Clone)]
pub struct Fault {
    /// Substring of the lower-cased path and query.
    pub path: String,
    /// What to do.
    pub behavior: Behavior,
}

impl Fault {
    /// A fault on requests whose path contains `path` (case-insensitive).
    pub fn new(path: &str, behavior: Behavior) -> Self {
        Self {
            path: path.to_ascii_lowercase(),
            behavior,
        }
    }
}

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Items per list page.
    pub page_size: usize,
    /// Added before every response (simulated network and service latency).
    pub latency: Duration,
    /// Faults, first match wins.
    pub faults: Vec<Fault>,
    /// The client secret the token endpoint accepts.
    pub client_secret: String,
    /// The client assertion (a workload identity's federated token) the token endpoint accepts.
    pub client_assertion: String,
    /// The `X-IDENTITY-HEADER` the managed identity endpoint (`/msi/token`, as App Service
    /// and Functions serve it at `IDENTITY_ENDPOINT`) accepts; it refuses every other.
    pub identity_header: String,
    /// Bearer tokens the APIs accept (besides those the token endpoint issues).
    pub accepted_tokens: Vec<String>,
    /// Start every paged list with an empty page that still carries a next link.
    pub empty_first_page: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            page_size: 100,
            latency: Duration::ZERO,
            faults: Vec::new(),
            client_secret: "fake-client-secret".into(),
            client_assertion: FEDERATED_TOKEN.into(),
            identity_header: "fake-identity-header".into(),
            accepted_tokens: vec![STATIC_TOKEN.into()],
            empty_first_page: false,
        }
    }
}

/// A bearer token the server accepts by default.
pub const STATIC_TOKEN: &str = "fake-static-token";
/// The federated token (client assertion) the token endpoint accepts by default.
pub const FEDERATED_TOKEN: &str = "fake-federated-token";

/// One request the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// `GET`, `POST`.
    pub method: String,
    /// Path and query as sent.
    pub target: String,
    /// The status answered.
    pub status: u16,
}

/// The tenant the server serves: paths to lists and objects.
#[derive(Debug, Default, Clone)]
pub struct Tenant {
    /// The tenant id.
    pub tenant_id: String,
    subscriptions: Vec<Value>,
    lists: HashMap<String, Vec<Value>>,
    objects: HashMap<String, Value>,
    /// Faults derived from the snapshot's coverage (forbidden, error).
    pub faults: Vec<Fault>,
}

const GRAPH: [(&str, &str); 8] = [
    ("Microsoft.Graph/users", "/v1.0/users"),
    (
        "Microsoft.Graph/roleAssignments",
        "/v1.0/rolemanagement/directory/roleassignments",
    ),
    (
        "Microsoft.Graph/userRegistrationDetails",
        "/v1.0/reports/authenticationmethods/userregistrationdetails",
    ),
    (
        "Microsoft.Graph/conditionalAccessPolicies",
        "/v1.0/identity/conditionalaccess/policies",
    ),
    ("Microsoft.Graph/groupSettings", "/v1.0/groupsettings"),
    (
        "Microsoft.Graph/authorizationPolicy",
        "/v1.0/policies/authorizationpolicy",
    ),
    (
        "Microsoft.Graph/identitySecurityDefaultsEnforcementPolicy",
        "/v1.0/policies/identitysecuritydefaultsenforcementpolicy",
    ),
    (
        "Microsoft.Graph/roleEligibilityScheduleInstances",
        "/v1.0/rolemanagement/directory/roleeligibilityscheduleinstances",
    ),
];

/// Graph singletons: served as objects, not lists.
const GRAPH_OBJECTS: [&str; 2] = [
    "/v1.0/policies/authorizationpolicy",
    "/v1.0/policies/identitysecuritydefaultsenforcementpolicy",
];

/// Writes a record the way Azure's REST API writes records of its type, at the api-version
/// the collector calls: each quirk below is one the official example response of that
/// operation shows (Azure/azure-rest-api-specs, `specification/**/examples/*.json`), so the
/// collector meets them on every run, not only in one test. Records of other types are
/// served as the snapshot holds them (their examples are tidy).
fn azure_shape(ty: &str, v: &mut Value) {
    let id = v["id"].as_str().unwrap_or_default().to_string();
    let lower_segments = |id: &str, segments: &[&str]| {
        let mut out = id.to_string();
        for seg in segments {
            if let Some(at) = out.to_ascii_lowercase().find(&seg.to_ascii_lowercase()) {
                out.replace_range(at..at + seg.len(), &seg.to_ascii_lowercase());
            }
        }
        out
    };
    match ty.to_ascii_lowercase().as_str() {
        // listLogProfile.json (2016-03-01): `type` and `location` empty, `tags` null, the
        // namespace and type in the id lower-cased. (Azure CLI's recordings show `type: null`.)
        "microsoft.insights/logprofiles" => {
            v["id"] = json!(lower_segments(&id, &["/Microsoft.Insights/logProfiles/"]));
            v["type"] = json!("");
            v["location"] = json!("");
            v["tags"] = Value::Null;
        }
        // listSubscriptionDiagnosticSettings.json (2021-05-01-preview): the id without its
        // leading slash, `type` null.
        "microsoft.insights/diagnosticsettings" if !id.contains("/resourceGroups/") => {
            v["id"] = json!(id.trim_start_matches('/'));
            v["type"] = Value::Null;
        }
        // listDiagnosticSettings.json (2021-05-01-preview): a resource's settings have a
        // lower-cased `resourcegroups` and `microsoft.insights` in their ids.
        "microsoft.insights/diagnosticsettings" => {
            v["id"] = json!(lower_segments(
                &id,
                &["/resourceGroups/", "/providers/Microsoft.Insights/"]
            ));
        }
        // ActivityLogAlertRule_ListBySubscriptionId.json (2020-10-01): `ActivityLogAlerts`
        // with a capital A, the namespace lower-cased in the id, scopes without the slash.
        "microsoft.insights/activitylogalerts" => {
            v["id"] = json!(lower_segments(&id, &["/providers/Microsoft.Insights/"]));
            v["type"] = json!("Microsoft.Insights/ActivityLogAlerts");
            if let Some(scopes) = v["properties"]["scopes"].as_array_mut() {
                for s in scopes {
                    if let Some(t) = s.as_str() {
                        *s = json!(t.trim_start_matches('/'));
                    }
                }
            }
        }
        // WorkspacesSubscriptionList.json (2023-09-01): `resourcegroups` and the namespace
        // lower-cased in the id.
        "microsoft.operationalinsights/workspaces" => {
            v["id"] = json!(lower_segments(
                &id,
                &[
                    "/resourceGroups/",
                    "/providers/Microsoft.OperationalInsights/workspaces/"
                ]
            ));
        }
        // ServerSecurityAlertsListByServer.json (2023-08-01): the id ends at the list
        // (`.../securityAlertPolicies`), without the policy's name.
        "microsoft.sql/servers/securityalertpolicies" => {
            v["id"] = json!(strip_last(&id));
        }
        // TransparentDataEncryptionList.json (2023-08-01): the id is the database's.
        "microsoft.sql/servers/databases/transparentdataencryption" => {
            v["id"] = json!(strip_last(strip_last(&id)));
        }
        // GetAuthSettingsV2WithoutSecrets.json (2023-12-01): type `sites/authsettingsv2`,
        // not `sites/config`; the name in lower case.
        "microsoft.web/sites/config" if id.to_ascii_lowercase().ends_with("/authsettingsv2") => {
            v["id"] = json!(format!("{}/authsettingsv2", strip_last(&id)));
            v["name"] = json!("authsettingsv2");
            v["type"] = json!("Microsoft.Web/sites/authsettingsv2");
        }
        _ => {}
    }
}

fn strip_last(id: &str) -> &str {
    id.rfind('/').map_or(id, |i| &id[..i])
}

impl Tenant {
    /// The tenant of an azaudit snapshot (version 1 JSON): its records are served where the
    /// Azure APIs list them; its coverage's `forbidden` entries answer 403 and its `error`
    /// entries 500 (or a malformed body when the message says so), at subscription level.
    pub fn from_snapshot(doc: &Value) -> Self {
        let tenant_id = doc["tenantId"]
            .as_str()
            .unwrap_or("00000000-0000-0000-0000-0000000000aa")
            .to_string();
        let mut t = Tenant {
            tenant_id: tenant_id.clone(),
            ..Default::default()
        };
        for s in doc["subscriptions"].as_array().into_iter().flatten() {
            let id = s["subscriptionId"].as_str().unwrap_or_default();
            t.subscriptions.push(json!({
                "id": format!("/subscriptions/{id}"),
                "subscriptionId": id,
                "displayName": s["displayName"],
                "tenantId": tenant_id,
                "state": "Enabled",
                // GetSubscriptions.json (2022-12-01): flat fields, no `name`, `type` or
                // `properties`.
                "subscriptionPolicies": {"locationPlacementId": "Public_2014-09-01", "quotaId": "PayAsYouGo_2014-09-01", "spendingLimit": "Off"},
                "authorizationSource": "RoleBased",
                "managedByTenants": [],
                "tags": {},
            }));
        }
        for r in doc["resources"].as_array().into_iter().flatten() {
            t.add(r.clone());
        }
        for c in doc["coverage"].as_array().into_iter().flatten() {
            let (Some(scope), Some(ty), Some(status)) = (
                c["scope"].as_str(),
                c["type"].as_str(),
                c["status"].as_str(),
            ) else {
                continue;
            };
            if !scope.starts_with("/subscriptions/") || ty.matches('/').count() != 1 {
                continue; // sub-resources fail through their parent
            }
            let path = format!("{scope}/providers/{ty}?");
            let message = c["message"].as_str().unwrap_or_default();
            match status {
                "forbidden" => t.faults.push(Fault::new(
                    &path,
                    Behavior::Status(403, "AuthorizationFailed"),
                )),
                "error" if message.contains("malformed") => {
                    t.faults.push(Fault::new(&path, Behavior::Malformed))
                }
                "error" => t.faults.push(Fault::new(
                    &path,
                    Behavior::Status(500, "InternalServerError"),
                )),
                _ => {}
            }
        }
        t
    }

    /// Serve one more record (ARM- or Graph-shaped, as in a snapshot).
    pub fn add(&mut self, r: Value) {
        let id = r["id"].as_str().unwrap_or_default().to_string();
        let ty = r["type"].as_str().unwrap_or_default().to_string();
        if let Some((_, path)) = GRAPH.iter().find(|(t, _)| t.eq_ignore_ascii_case(&ty)) {
            let mut obj = r["properties"].clone();
            // Graph objects always carry their id; hand-written snapshots may leave it out.
            if obj.get("id").is_none() && obj.is_object() {
                obj["id"] = json!(id.rsplit('/').next().unwrap_or_default());
            }
            if GRAPH_OBJECTS.contains(path) {
                self.objects.insert(path.to_string(), obj);
            } else {
                self.lists.entry(path.to_string()).or_default().push(obj);
            }
            return;
        }
        // A group's members: `/tenants/<t>/groups/<g>/transitiveMembers/<user>`.
        if ty.eq_ignore_ascii_case("Microsoft.Graph/groups/transitiveMembers") {
            if let Some((group, _)) = id
                .split_once("/groups/")
                .and_then(|(_, r)| r.split_once('/'))
            {
                let path = format!("/v1.0/groups/{group}/transitivemembers").to_ascii_lowercase();
                self.lists
                    .entry(path)
                    .or_default()
                    .push(r["properties"].clone());
            }
            return;
        }
        // Made at a management group or at the root `/` (elevated access): every
        // subscription's list includes it, at its own id.
        let lower_id = id.to_ascii_lowercase();
        if lower_id.starts_with("/providers/microsoft.management/managementgroups/")
            || lower_id.starts_with("/providers/microsoft.authorization/")
        {
            for s in &self.subscriptions {
                let sub = s["id"].as_str().unwrap_or_default();
                self.lists
                    .entry(format!("{sub}/providers/{ty}").to_ascii_lowercase())
                    .or_default()
                    .push(r.clone());
            }
            return;
        }
        if !id.trim_start_matches('/').starts_with("subscriptions/") {
            return; // tenant settings and other records with no API
        }
        // Ids are served as written; paths are computed from the normalised form.
        let norm = if id.starts_with('/') {
            id.clone()
        } else {
            format!("/{id}")
        };
        let sub: String = norm.split('/').take(3).collect::<Vec<_>>().join("/");
        let lower = norm.to_ascii_lowercase();
        let mut object = r.clone();
        azure_shape(&ty, &mut object);
        self.objects.insert(lower.clone(), object);
        let one_slash = ty.matches('/').count() == 1;
        let list = if one_slash && !ty.eq_ignore_ascii_case("Microsoft.Insights/diagnosticSettings")
        {
            format!("{sub}/providers/{ty}").to_ascii_lowercase()
        } else {
            strip_last(&lower).to_string()
        };
        let mut item = r.clone();
        azure_shape(&ty, &mut item);
        if ty.eq_ignore_ascii_case("Microsoft.Compute/virtualMachines")
            && let Some(p) = item.get_mut("properties").and_then(Value::as_object_mut)
        {
            p.remove("instanceView"); // only `GET ...?$expand=instanceView` returns it
        }
        self.lists.entry(list).or_default().push(item);
        if one_slash
            && lower.contains("/resourcegroups/")
            && !ty.eq_ignore_ascii_case("Microsoft.Insights/diagnosticSettings")
        {
            let mut generic =
                json!({"id": id, "name": r["name"], "type": ty, "location": r["location"]});
            if let Some(tags) = r.get("tags") {
                generic["tags"] = tags.clone();
            }
            self.lists
                .entry(format!("{}/resources", sub.to_ascii_lowercase()))
                .or_default()
                .push(generic);
        }
    }

    /// Records served, over all lists.
    pub fn list_items(&self) -> usize {
        self.lists.values().map(Vec::len).sum()
    }
}

struct State {
    tenant: Tenant,
    options: Options,
    origin: String,
    fault_counts: Mutex<Vec<u32>>,
    issued: Mutex<Vec<String>>,
    log: Mutex<Vec<Logged>>,
}

/// A running server; it stops when dropped.
pub struct FakeAzure {
    addr: SocketAddr,
    plain_addr: SocketAddr,
    ca_pem: String,
    state: Arc<State>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FakeAzure {
    /// Start serving `tenant` on 127.0.0.1 (a free port).
    pub fn start(tenant: Tenant, mut options: Options) -> io::Result<Self> {
        options.faults.extend(tenant.faults.iter().cloned());
        let (ca_pem, config) = tls_config().map_err(io::Error::other)?;
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        // Plain http, as managed identity endpoints are (IMDS, App Service's local endpoint).
        let plain_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        plain_listener.set_nonblocking(true)?;
        let plain_addr = plain_listener.local_addr()?;
        let n_faults = options.faults.len();
        let state = Arc::new(State {
            tenant,
            options,
            origin: format!("https://127.0.0.1:{}", addr.port()),
            fault_counts: Mutex::new(vec![0; n_faults]),
            issued: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
        });
        let (tx, mut rx) = tokio::sync::oneshot::channel::<()>();
        let st = state.clone();
        let thread = std::thread::Builder::new()
            .name("fake-azure".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    let listener = TcpListener::from_std(std_listener).expect("listener");
                    let plain = TcpListener::from_std(plain_listener).expect("listener");
                    let acceptor = TlsAcceptor::from(Arc::new(config));
                    loop {
                        tokio::select! {
                            _ = &mut rx => break,
                            accepted = plain.accept() => {
                                let Ok((tcp, _)) = accepted else { continue };
                                let _ = tcp.set_nodelay(true);
                                let st = st.clone();
                                tokio::spawn(async move {
                                    let _ = serve(tcp, st).await;
                                });
                            }
                            accepted = listener.accept() => {
                                let Ok((tcp, _)) = accepted else { continue };
                            // Head and body leave at once: no Nagle / delayed-ACK stalls.
                            let _ = tcp.set_nodelay(true);
                                let acceptor = acceptor.clone();
                                let st = st.clone();
                                tokio::spawn(async move {
                                    if let Ok(tls) = acceptor.accept(tcp).await {
                                        let _ = serve(tls, st).await;
                                    }
                                });
                            }
                        }
                    }
                });
            })?;
        Ok(Self {
            addr,
            plain_addr,
            ca_pem,
            state,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// `https://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.addr.port())
    }

    /// `http://127.0.0.1:<port>`: the same server in plain http, as managed identity
    /// endpoints are served (`/metadata/identity/oauth2/token` as IMDS, `/msi/token` as App
    /// Service). The collector must never send an API call here.
    pub fn http_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.plain_addr.port())
    }

    /// The PEM of the CA that issued the server's certificate.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The tenant id served.
    pub fn tenant_id(&self) -> &str {
        &self.state.tenant.tenant_id
    }

    /// Every request answered so far.
    pub fn requests(&self) -> Vec<Logged> {
        self.state.log.lock().expect("log").clone()
    }
}

impl Drop for FakeAzure {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn tls_config() -> Result<(String, ServerConfig), Box<dyn std::error::Error + Send + Sync>> {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, SanType};
    let ca_key = KeyPair::generate()?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "azaudit fake-azure test CA");
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate()?;
    let mut leaf = CertificateParams::new(vec!["localhost".to_string()])?;
    leaf.subject_alt_names
        .push(SanType::IpAddress(std::net::IpAddr::from([127, 0, 0, 1])));
    leaf.distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    let leaf_cert = leaf.signed_by(&leaf_key, &issuer)?;
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(leaf_cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
        )?;
    Ok((ca_cert.pem(), config))
}

struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Response {
    status: u16,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
    /// Never answer (the connection stays open until the client gives up).
    hang: bool,
}

fn json_response(status: u16, v: &Value) -> Response {
    Response {
        status,
        body: v.to_string().into_bytes(),
        headers: Vec::new(),
        hang: false,
    }
}

fn arm_error(status: u16, code: &str, message: &str) -> Response {
    json_response(
        status,
        &json!({"error": {"code": code, "message": message}}),
    )
}

async fn serve<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
    mut s: S,
    st: Arc<State>,
) -> io::Result<()> {
    let mut buf = Vec::new();
    loop {
        let Some(req) = read_request(&mut s, &mut buf).await? else {
            return Ok(());
        };
        let resp = answer(&st, &req);
        if resp.hang {
            // Hold the connection open, answering nothing, until the client gives up.
            st.log.lock().expect("log").push(Logged {
                method: req.method.clone(),
                target: req.target.clone(),
                status: 0,
            });
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return Ok(());
        }
        if !st.options.latency.is_zero() {
            tokio::time::sleep(st.options.latency).await;
        }
        st.log.lock().expect("log").push(Logged {
            method: req.method.clone(),
            target: req.target.clone(),
            status: resp.status,
        });
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n",
            resp.status,
            if resp.status < 300 { "OK" } else { "Error" },
            resp.body.len()
        );
        for (k, v) in &resp.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&resp.body);
        s.write_all(&bytes).await?;
        s.flush().await?;
    }
}

async fn read_request<S: tokio::io::AsyncRead + Unpin>(
    s: &mut S,
    buf: &mut Vec<u8>,
) -> io::Result<Option<Request>> {
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.len() > 1 << 20 {
            return Err(io::Error::other("request head too large"));
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_string();
    let target = first.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buf.len() < body_start + len {
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[body_start..body_start + len].to_vec();
    buf.drain(..body_start + len);
    Ok(Some(Request {
        method,
        target,
        headers,
        body,
    }))
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).to_string()
}

fn answer(st: &State, req: &Request) -> Response {
    let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
    let params: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let lower = path.to_ascii_lowercase();

    if req.method == "POST" && lower.ends_with("/oauth2/v2.0/token") {
        return token(st, req);
    }
    if req.method == "GET" && lower == "/msi/token" {
        return managed_identity_token(st, req, param("resource"));
    }
    if req.method == "GET" && lower == "/metadata/identity/oauth2/token" {
        return imds_token(st, req, param("resource"));
    }
    // Faults apply before authentication, as a gateway's would.
    let target_lower = format!("{lower}?{}", query.to_ascii_lowercase());
    for (i, f) in st.options.faults.iter().enumerate() {
        if !target_lower.contains(&f.path) {
            continue;
        }
        let mut counts = st.fault_counts.lock().expect("counts");
        counts[i] += 1;
        let n = counts[i];
        match f.behavior {
            Behavior::Status(s, code) => {
                return arm_error(s, code, &format!("injected {code} for {path}"));
            }
            Behavior::FailTimes(k) if n <= k => {
                return arm_error(500, "InternalServerError", "injected transient failure");
            }
            Behavior::Throttle(k, secs) if n <= k => {
                let mut r = arm_error(429, "TooManyRequests", "injected throttling");
                r.headers.push(("Retry-After".into(), secs.to_string()));
                return r;
            }
            Behavior::Malformed => {
                return Response {
                    status: 200,
                    body: b"<html>gateway</html>".to_vec(),
                    headers: Vec::new(),
                    hang: false,
                };
            }
            Behavior::Raw(status, ref headers, ref body) => {
                return Response {
                    status,
                    body: body.clone(),
                    headers: headers.clone(),
                    hang: false,
                };
            }
            Behavior::Hang => {
                return Response {
                    status: 200,
                    body: Vec::new(),
                    headers: Vec::new(),
                    hang: true,
                };
            }
            Behavior::Unauthorized(k) if n <= k => {
                return arm_error(
                    401,
                    "ExpiredAuthenticationToken",
                    "The access token expiry UTC time is earlier than current UTC time.",
                );
            }
            Behavior::Mutate(ref m) => {
                let m = m.clone();
                drop(counts);
                let mut resp = answer_normally(st, req, path, &params, &lower);
                if let Ok(mut v) = serde_json::from_slice::<Value>(&resp.body) {
                    (m.0)(&mut v);
                    resp.body = v.to_string().into_bytes();
                }
                return resp;
            }
            _ => {}
        }
        break;
    }
    answer_normally(st, req, path, &params, &lower)
}

fn answer_normally(
    st: &State,
    req: &Request,
    path: &str,
    params: &[(String, String)],
    lower: &str,
) -> Response {
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let bearer = req
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or_default();
    let accepted = st.options.accepted_tokens.iter().any(|t| t == bearer)
        || st
            .issued
            .lock()
            .expect("issued")
            .iter()
            .any(|t| t == bearer);
    if !accepted {
        return arm_error(
            401,
            "InvalidAuthenticationToken",
            "The access token is missing or invalid.",
        );
    }
    if req.method != "GET" {
        return arm_error(405, "MethodNotAllowed", "only GET is served");
    }
    let graph = lower.starts_with("/v1.0/");
    if lower == "/subscriptions" {
        return page(st, path, params, &st.tenant.subscriptions, graph);
    }
    let segs: Vec<&str> = lower.trim_start_matches('/').split('/').collect();
    if segs.len() == 2 && segs[0] == "subscriptions" {
        return match st.tenant.subscriptions.iter().find(|s| {
            s["subscriptionId"]
                .as_str()
                .map(str::to_ascii_lowercase)
                .as_deref()
                == Some(segs[1])
        }) {
            Some(s) => json_response(200, s),
            None => arm_error(
                404,
                "SubscriptionNotFound",
                &format!("The subscription '{}' could not be found.", segs[1]),
            ),
        };
    }
    let is_object = param("$expand").is_some()
        || lower.contains("/config/")
        || lower.contains("/configurations/")
        || GRAPH_OBJECTS.contains(&lower);
    if is_object {
        return match st.tenant.objects.get(lower) {
            Some(o) => json_response(200, o),
            None if graph => json_response(
                404,
                &json!({"error": {"code": "Request_ResourceNotFound", "message": "not found"}}),
            ),
            None => arm_error(
                404,
                "ResourceNotFound",
                &format!("The resource '{path}' was not found."),
            ),
        };
    }
    let empty = Vec::new();
    let all: &[Value] = st.tenant.lists.get(lower).unwrap_or(&empty);
    // Only a filtered list is copied: a page of a long list is cut from it in place.
    let filter = param("$filter");
    let role = filter
        .and_then(|f| f.strip_prefix("roleDefinitionId eq '"))
        .and_then(|r| r.strip_suffix('\''));
    let custom_roles = filter == Some("type eq 'CustomRole'");
    if role.is_none() && !custom_roles {
        return page(st, path, params, all, graph);
    }
    let items: Vec<Value> = all
        .iter()
        .filter(|i| match role {
            Some(r) => i["roleDefinitionId"].as_str() == Some(r),
            None => i["properties"]["type"].as_str() == Some("CustomRole"),
        })
        .cloned()
        .collect();
    page(st, path, params, &items, graph)
}

fn page(
    st: &State,
    path: &str,
    params: &[(String, String)],
    items: &[Value],
    graph: bool,
) -> Response {
    let size = st.options.page_size.max(1);
    let token = params
        .iter()
        .find(|(k, _)| k == "$skiptoken")
        .map(|(_, v)| v.as_str());
    let kept: Vec<String> = params
        .iter()
        .filter(|(k, _)| k != "$skiptoken")
        .map(|(k, v)| format!("{k}={}", v.replace(' ', "%20").replace('\'', "%27")))
        .collect();
    let link = |t: String| {
        let mut q = kept.clone();
        q.push(format!("$skiptoken={t}"));
        format!("{}{path}?{}", st.origin, q.join("&"))
    };
    let (start, next) = match token {
        None if st.options.empty_first_page && items.len() > size => (None, Some(link("0".into()))),
        None => (Some(0), None),
        Some(t) => (t.parse::<usize>().ok(), None),
    };
    let mut body = serde_json::Map::new();
    let next_key = if graph { "@odata.nextLink" } else { "nextLink" };
    if graph {
        // Graph's lists open with their metadata context (user-list.md and the others).
        let collection = path.trim_start_matches("/v1.0/");
        body.insert(
            "@odata.context".into(),
            json!(format!("{}/v1.0/$metadata#{collection}", st.origin)),
        );
    }
    match (start, next) {
        (_, Some(n)) => {
            body.insert("value".into(), json!([]));
            body.insert(next_key.into(), json!(n));
        }
        (Some(s), None) => {
            let end = (s + size).min(items.len());
            body.insert(
                "value".into(),
                Value::Array(items.get(s..end).unwrap_or(&[]).to_vec()),
            );
            if end < items.len() {
                body.insert(next_key.into(), json!(link(end.to_string())));
            }
        }
        (None, None) => return arm_error(400, "InvalidSkipToken", "the skip token is not valid"),
    }
    json_response(200, &Value::Object(body))
}

fn token(st: &State, req: &Request) -> Response {
    let form = String::from_utf8_lossy(&req.body).to_string();
    let field = |k: &str| {
        form.split('&').find_map(|p| {
            p.split_once('=')
                .filter(|(n, _)| *n == k)
                .map(|(_, v)| decode(v))
        })
    };
    let by_secret = field("client_secret").as_deref() == Some(st.options.client_secret.as_str());
    let by_assertion = field("client_assertion_type").as_deref()
        == Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        && field("client_assertion").as_deref() == Some(st.options.client_assertion.as_str());
    if field("client_assertion").is_some() && !by_assertion {
        return json_response(
            400,
            &json!({
                "error": "invalid_client",
                "error_description": "AADSTS700211: No matching federated identity record found for presented assertion issuer.",
                "error_codes": [700211],
            }),
        );
    }
    if !by_secret && !by_assertion {
        return json_response(
            401,
            &json!({
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
                "error_codes": [7000215],
            }),
        );
    }
    json_response(
        200,
        &json!({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": issue(st)}),
    )
}

/// A new bearer token the APIs accept.
fn issue(st: &State) -> String {
    let mut issued = st.issued.lock().expect("issued");
    let t = format!("fake-issued-token-{}", issued.len() + 1);
    issued.push(t.clone());
    t
}

/// The instance metadata service's token endpoint, as a VM sees it at
/// `http://169.254.169.254/metadata/identity/oauth2/token`: the caller says `Metadata: true`,
/// and the numbers of the answer are strings (as Microsoft's documented response shows).
fn imds_token(st: &State, req: &Request, resource: Option<&str>) -> Response {
    if req.header("metadata") != Some("true") {
        return json_response(
            400,
            &json!({"error": "invalid_request", "error_description": "Required metadata header not specified"}),
        );
    }
    let Some(resource) = resource.filter(|r| !r.is_empty()) else {
        return json_response(
            400,
            &json!({"error": "invalid_resource", "error_description": "Resource is required"}),
        );
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    json_response(
        200,
        &json!({
            "access_token": issue(st), "client_id": "fake-vm-identity",
            "expires_in": "3599", "expires_on": (now + 3599).to_string(),
            "ext_expires_in": "3599", "not_before": now.to_string(),
            "resource": resource, "token_type": "Bearer",
        }),
    )
}

/// The managed identity endpoint of App Service and Functions (api-version 2019-08-01): the
/// caller proves it runs there with the `X-IDENTITY-HEADER` secret, and names a resource
/// rather than a scope.
fn managed_identity_token(st: &State, req: &Request, resource: Option<&str>) -> Response {
    if req.header("x-identity-header") != Some(st.options.identity_header.as_str()) {
        return json_response(
            401,
            &json!({"statusCode": 401, "message": "Unauthorized request: the identity header is missing or wrong."}),
        );
    }
    let Some(resource) = resource.filter(|r| !r.is_empty()) else {
        return json_response(
            400,
            &json!({"statusCode": 400, "message": "Required query variable 'resource' is missing"}),
        );
    };
    let expires_on = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        + 3600;
    json_response(
        200,
        &json!({"access_token": issue(st), "expires_on": expires_on.to_string(), "resource": resource, "token_type": "Bearer", "client_id": "fake-managed-identity"}),
    )
}
