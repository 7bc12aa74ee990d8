//! Fixtures for the checks' tests: small ARM-shaped snapshots and an exact-match runner.

use serde_json::{Value, json};

use crate::check::{Check, Context, Findings};
use crate::config::Config;
use crate::finding::Status;
use crate::snapshot::Snapshot;

pub const SUB: &str = "11111111-1111-1111-1111-111111111111";
pub const SUB2: &str = "22222222-2222-2222-2222-222222222222";
pub const TENANT: &str = "99999999-9999-9999-9999-999999999999";
pub const NOW: &str = "2026-11-28T10:00:00Z";

/// One fixture: a snapshot, a configuration, and exactly the findings expected.
pub struct Case {
    pub name: &'static str,
    pub doc: Value,
    pub config: Config,
    /// (resource id, status) of every finding, in any order.
    pub expect: Vec<(String, Status)>,
}

impl Case {
    pub fn new(name: &'static str, doc: Value, expect: Vec<(String, Status)>) -> Self {
        Case {
            name,
            doc,
            config: Config::default(),
            expect,
        }
    }
    pub fn with_config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }
}

/// No type collected.
pub const NOTHING: &[&str] = &[];

/// A type as tests name it: by its registry entry or by a string.
pub trait TypeName {
    fn type_name(&self) -> &str;
}
impl TypeName for &str {
    fn type_name(&self) -> &str {
        self
    }
}
impl TypeName for &crate::resource_types::ResourceType {
    fn type_name(&self) -> &str {
        self.name
    }
}
impl TypeName for crate::resource_types::ResourceType {
    fn type_name(&self) -> &str {
        self.name
    }
}

pub fn sub_scope() -> String {
    format!("/subscriptions/{SUB}")
}
pub fn tenant_scope() -> String {
    format!("/tenants/{TENANT}")
}

/// A top-level resource id in resource group `rg1` of `SUB`.
pub fn rid(ty: impl TypeName, name: &str) -> String {
    let ty = ty.type_name();
    let (ns, t) = ty.split_once('/').expect("namespace/type");
    format!("/subscriptions/{SUB}/resourceGroups/rg1/providers/{ns}/{t}/{name}")
}

/// A top-level ARM record.
pub fn arm(ty: impl TypeName, name: &str, properties: Value) -> Value {
    let ty = ty.type_name();
    json!({"id": rid(ty, name), "type": ty, "name": name, "location": "westeurope", "properties": properties})
}

/// A nested record under `parent` (`<parent>/<segment>/<name>`).
pub fn child(parent: &Value, segment: &str, name: &str, properties: Value) -> Value {
    let pty = parent["type"].as_str().expect("type");
    json!({
        "id": format!("{}/{segment}/{name}", parent["id"].as_str().expect("id")),
        "type": format!("{pty}/{segment}"),
        "name": name,
        "properties": properties,
    })
}

/// A Graph record `/tenants/<TENANT>/<collection>/<id>`.
pub fn graph(collection: &str, id: &str, properties: Value) -> Value {
    json!({
        "id": format!("/tenants/{TENANT}/{collection}/{id}"),
        "type": format!("Microsoft.Graph/{collection}"),
        "name": id,
        "properties": properties,
    })
}

/// A snapshot of `SUB` (and the tenant) where `ok` types were collected.
pub fn doc<T: TypeName>(resources: Vec<Value>, ok: &[T]) -> Value {
    let coverage: Vec<Value> = ok
        .iter()
        .map(|t| {
            let t = t.type_name();
            let scope = if t.starts_with("Microsoft.Graph/") || t.starts_with("Azaudit/") {
                tenant_scope()
            } else {
                sub_scope()
            };
            json!({"scope": scope, "type": t, "status": "ok"})
        })
        .collect();
    json!({
        "version": 1, "tenantId": TENANT, "collectedAt": NOW,
        "subscriptions": [{"subscriptionId": SUB, "displayName": "test"}],
        "resources": resources, "coverage": coverage,
    })
}

/// Mark `ty` forbidden for the subscription (or tenant).
pub fn forbid(mut d: Value, ty: impl TypeName) -> Value {
    let ty = ty.type_name();
    let scope = if ty.starts_with("Microsoft.Graph/") {
        tenant_scope()
    } else {
        sub_scope()
    };
    let cov = d["coverage"].as_array_mut().expect("coverage");
    cov.retain(|c| c["type"] != ty);
    cov.push(json!({"scope": scope, "type": ty, "status": "forbidden", "message": "403 AuthorizationFailed"}));
    d
}

pub fn id_of(v: &Value) -> String {
    v["id"].as_str().expect("id").to_string()
}

pub fn e(id: impl Into<String>, status: Status) -> (String, Status) {
    (id.into(), status)
}

/// Run one check over a case and require exactly the expected findings.
pub fn run_case(check: &dyn Check, case: &Case) {
    let snap = Snapshot::from_json(case.doc.to_string()).unwrap_or_else(|e| {
        panic!(
            "{} / {}: fixture does not load: {e}",
            check.meta().id,
            case.name
        )
    });
    let now = crate::time::parse_timestamp(NOW).unwrap();
    let cx = Context::new(&snap, &case.config, now);
    let mut out = Findings::new(check.meta());
    check
        .evaluate(&cx, &mut out)
        .unwrap_or_else(|e| panic!("{} / {}: {e}", check.meta().id, case.name));
    let mut got: Vec<(String, Status)> = out
        .items()
        .iter()
        .map(|f| (f.resource_id.to_ascii_lowercase(), f.status))
        .collect();
    let mut want: Vec<(String, Status)> = case
        .expect
        .iter()
        .map(|(id, s)| (id.to_ascii_lowercase(), *s))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(
        got,
        want,
        "{} / {}: findings differ; messages: {:#?}",
        check.meta().id,
        case.name,
        out.items()
            .iter()
            .map(|f| format!("{} {}: {}", f.status, f.resource_id, f.message))
            .collect::<Vec<_>>()
    );
    for f in out.items() {
        assert!(!f.message.is_empty(), "{}: empty message", check.meta().id);
    }
}
