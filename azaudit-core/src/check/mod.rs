//! The `Check` trait, its metadata, and what a check sees while it runs.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use serde::Serialize;

use crate::config::Config;
use crate::finding::{Evidence, Finding, Severity, Status};
use crate::ids;
use crate::intern;
use crate::model::{self, Arm, Parsed, Props, View};
use crate::resource_types::ResourceType;
use crate::snapshot::{Collection, Record, Snapshot};

pub mod family;
#[cfg(test)]
#[allow(missing_docs)]
pub mod testing;

/// How to fix a failing resource.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Remediation {
    /// Steps in the Azure portal (or Entra admin center).
    pub portal: &'static str,
    /// An `az` CLI command (or Graph call) that fixes it; empty when there is none.
    pub cli: &'static str,
}

/// What a check is: everything reports and documentation say about it.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CheckMeta {
    /// Stable id, `<service>.<name>` (listed in `docs/checks.md`); never renamed.
    pub id: &'static str,
    /// One line saying what a passing resource looks like.
    pub title: &'static str,
    /// The service, the first part of the id (`iam`, `storage`, ...): the `checks/<service>`
    /// module the check lives in.
    pub service: &'static str,
    /// The benchmark level: 1 (prudent, no extra technology) or 2 (defence in depth).
    pub level: u8,
    /// Severity of a failing finding.
    pub severity: Severity,
    /// The resource types it reads, by name (ARM, `Microsoft.Graph/...`, or `Azaudit/...`):
    /// what the collector fetches for it, and where coverage gaps are looked for. In Rust,
    /// entries of the registry ([`crate::resource_types`]).
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub reads: &'static [&'static ResourceType],
    /// The rule, precisely: when it passes, fails, and is unknown.
    pub rule: &'static str,
    /// Why it matters.
    pub rationale: &'static str,
    /// How to fix it.
    pub remediation: Remediation,
    /// CIS Microsoft Azure Foundations Benchmark 3.0.0 recommendations it implements.
    pub cis: &'static [&'static str],
    /// Further reading (Microsoft Learn pages).
    pub references: &'static [&'static str],
    /// True when Azure exposes no API for it, so findings may be `manual`.
    pub manual: bool,
}

/// A rule over a snapshot.
///
/// A check reads typed views of the records it declares in [`CheckMeta::reads`] and pushes one
/// finding per resource into `out`. Where data was not collected, it yields `unknown`.
pub trait Check: Send + Sync {
    /// The check's metadata.
    fn meta(&self) -> &CheckMeta;
    /// Evaluate the check over the snapshot.
    fn evaluate(&self, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError>;
    /// The check's fixtures: passing, failing and unknown cases at least.
    #[cfg(test)]
    fn cases(&self) -> Vec<testing::Case>;
}

/// A check defined by its metadata and a rule function: what most checks are.
pub struct Rule {
    /// Metadata.
    pub meta: CheckMeta,
    /// The rule.
    pub eval: fn(&Context<'_>, &mut Findings) -> Result<(), CheckError>,
    /// Fixtures.
    #[cfg(test)]
    pub cases: fn() -> Vec<testing::Case>,
}

impl Check for Rule {
    fn meta(&self) -> &CheckMeta {
        &self.meta
    }
    fn evaluate(&self, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError> {
        (self.eval)(cx, out)
    }
    #[cfg(test)]
    fn cases(&self) -> Vec<testing::Case> {
        (self.cases)()
    }
}

/// A check could not finish; the engine turns this into `unknown` findings.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct CheckError(pub String);

/// What a check sees: the snapshot, the configuration, and the evaluation time.
pub struct Context<'a> {
    /// The snapshot under audit.
    pub snapshot: &'a Snapshot,
    /// Thresholds and lists (the `cfg.*` the rules name).
    pub config: &'a Config,
    /// The time the audit judges ages against (Unix seconds): the snapshot's `collectedAt`
    /// unless the configuration says otherwise.
    pub now: i64,
    /// Threads a large view may be parsed on.
    threads: usize,
}

impl<'a> Context<'a> {
    /// A context over a snapshot.
    pub fn new(snapshot: &'a Snapshot, config: &'a Config, now: i64) -> Self {
        Context {
            snapshot,
            config,
            now,
            threads: 1,
        }
    }

    /// Parse large views on up to `n` threads.
    pub fn with_threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    /// The records of `V::TYPE` parsed into `V`, shared by every check that reads the type
    /// and kept with the snapshot ([`model::view`]).
    pub fn view<V: View>(&self) -> Arc<Parsed<V>> {
        model::view::<V>(self.snapshot, self.threads)
    }

    /// The subscriptions for which every type in `types` was collected. For each other
    /// subscription, one `unknown` finding about `/subscriptions/<id>` says what is missing.
    pub fn covered_subscriptions(&self, types: &[&ResourceType], out: &mut Findings) -> Covered {
        self.covered_where(|_| true, types, out)
    }

    /// The subscriptions of `within` for which every type in `types` was collected too. For
    /// each other one, one `unknown` finding about `/subscriptions/<id>` says what is missing:
    /// for a part of a scope's records whose listing can fail apart from the rest (a site
    /// check's deployment slots), judged where it was collected and said unknown elsewhere.
    pub fn covered_within(
        &self,
        within: &Covered,
        types: &[&ResourceType],
        out: &mut Findings,
    ) -> Covered {
        self.covered_where(|id| within.contains_subscription(id), types, out)
    }

    /// The subscriptions `consider` accepts that have every type in `types` collected; an
    /// unknown finding for each other one it accepts.
    fn covered_where(
        &self,
        consider: impl Fn(&str) -> bool,
        types: &[&ResourceType],
        out: &mut Findings,
    ) -> Covered {
        let mut covered = Covered::default();
        for sub in self.snapshot.subscriptions() {
            if !consider(&sub.subscription_id) {
                continue;
            }
            let scope = ids::subscription_scope(&sub.subscription_id);
            match self.first_missing(&scope, types) {
                None => covered.insert(self.snapshot, &scope),
                Some(reason) => {
                    out.push(
                        Status::Unknown,
                        Subject::subscription(&sub.subscription_id),
                        reason,
                        serde_json::Value::Null,
                    );
                }
            }
        }
        covered
    }

    /// The tenant, when every type in `types` was collected for it; otherwise one `unknown`
    /// finding about `/tenants/<id>` says what is missing and nothing is covered.
    pub fn covered_tenant(&self, types: &[&ResourceType], out: &mut Findings) -> Covered {
        let scope = self.tenant_scope();
        let mut covered = Covered::default();
        match self.first_missing(&scope, types) {
            None => covered.insert(self.snapshot, &scope),
            Some(reason) => {
                out.push(
                    Status::Unknown,
                    Subject::tenant(&scope),
                    reason,
                    serde_json::Value::Null,
                );
            }
        }
        covered
    }

    /// The tenant's singleton of type `P` (the authorization policy, security defaults), when
    /// every type in `types` was collected for the tenant and the record reads; otherwise one
    /// `unknown` finding about `/tenants/<id>` says why, and `None`.
    pub fn tenant_singleton<P: Props + Clone>(
        &self,
        types: &[&ResourceType],
        out: &mut Findings,
    ) -> Option<P> {
        if self.covered_tenant(types, out).is_empty() {
            return None;
        }
        let view = self.view::<Arm<P>>();
        let first = view.iter(self.snapshot).next();
        let scope = self.tenant_scope();
        let reason = match first {
            Some((_, Ok(p))) => return Some(p.properties.clone()),
            Some((_, Err(e))) => e.to_string(),
            None => format!("No {} record was returned.", P::TYPE.name),
        };
        out.push(
            Status::Unknown,
            Subject::tenant(&scope),
            reason,
            serde_json::Value::Null,
        );
        None
    }

    /// For each covered subscription, the records of `P` in it (parsed); `f` decides the
    /// subscription's finding from them. Unreadable records make the subscription unknown.
    pub fn per_subscription<P: Props>(
        &self,
        reads: &[&ResourceType],
        out: &mut Findings,
        mut f: impl FnMut(&str, Vec<(Record<'_>, &P)>, &mut Findings),
    ) {
        let covered = self.covered_subscriptions(reads, out);
        let view = self.view::<Arm<P>>();
        for sub in self.snapshot.subscriptions() {
            let s = &sub.subscription_id;
            if !covered.contains_subscription(s) {
                continue;
            }
            let mut items = Vec::new();
            let mut error = None;
            for (r, v) in view.iter(self.snapshot) {
                if !r
                    .subscription_id()
                    .is_some_and(|x| x.eq_ignore_ascii_case(s))
                {
                    continue;
                }
                match v {
                    Ok(v) => items.push((r, &v.properties)),
                    Err(e) => error = Some(e.to_string()),
                }
            }
            if let Some(e) = error {
                out.push(
                    Status::Unknown,
                    Subject::subscription(s),
                    e,
                    serde_json::Value::Null,
                );
                continue;
            }
            f(s, items, out);
        }
    }

    /// Call `f` for each record of type `P` in a covered scope; a record that cannot be read
    /// becomes an `unknown` finding instead.
    pub fn each<P: Props>(
        &self,
        covered: &Covered,
        out: &mut Findings,
        mut f: impl FnMut(&Record<'_>, &Arm<P>, &mut Findings),
    ) {
        let view = self.view::<Arm<P>>();
        // Most checks say one thing per record: grow the list once, not by doubling.
        out.items.reserve(view.len());
        for (r, v) in view.iter(self.snapshot) {
            if !covered.contains(&r) {
                continue;
            }
            match v {
                Ok(v) => f(&r, v, out),
                Err(e) => out.unknown(&r, e.to_string(), serde_json::Value::Null),
            }
        }
    }

    /// The tenant scope `/tenants/<id>` (`/tenants/unknown` when the snapshot names none).
    pub fn tenant_scope(&self) -> String {
        self.snapshot
            .tenant_scope()
            .unwrap_or_else(|| "/tenants/unknown".to_string())
    }

    /// The reason the first of `types` not collected for `scope` is missing.
    pub fn first_missing(&self, scope: &str, types: &[&ResourceType]) -> Option<String> {
        types
            .iter()
            .find_map(|t| match self.snapshot.collection(scope, t.name) {
                Collection::Collected => None,
                Collection::Missing { reason, .. } => Some(reason.into_owned()),
            })
    }

    /// Whether `ty` was collected for `scope`.
    pub fn collected(&self, scope: &str, ty: &ResourceType) -> bool {
        matches!(
            self.snapshot.collection(scope, ty.name),
            Collection::Collected
        )
    }
}

/// Scopes (subscriptions or the tenant) whose data a check may judge.
#[derive(Debug, Default)]
pub struct Covered {
    /// Lookup keys of the covered scopes.
    scopes: HashSet<String>,
    /// The same, by the snapshot's scope slot, for the per-record test on hot paths.
    slots: Vec<bool>,
}

impl Covered {
    fn insert(&mut self, snapshot: &Snapshot, scope: &str) {
        if let Some(slot) = snapshot.scope_slot_of(scope) {
            let slot = slot as usize;
            if self.slots.len() <= slot {
                self.slots.resize(slot + 1, false);
            }
            self.slots[slot] = true;
        }
        self.scopes.insert(ids::scope_key(scope));
    }
    /// Whether the record's scope was covered.
    pub fn contains(&self, record: &Record<'_>) -> bool {
        record
            .scope_slot()
            .is_some_and(|s| self.slots.get(s as usize).copied().unwrap_or(false))
    }
    /// Whether a subscription GUID was covered.
    pub fn contains_subscription(&self, subscription_id: &str) -> bool {
        self.scopes
            .contains(&ids::scope_key(&ids::subscription_scope(subscription_id)))
    }
    /// Whether nothing is covered.
    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty()
    }
}

/// What a finding is about.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The resource id.
    pub id: Arc<str>,
    /// The resource type.
    pub resource_type: Arc<str>,
    /// The subscription GUID, if any.
    pub subscription_id: Option<Arc<str>>,
    /// The region, if any.
    pub location: Option<Arc<str>>,
}

impl Subject {
    /// A finding about a record.
    pub fn record(r: &Record<'_>) -> Self {
        Subject {
            id: r.id_shared(),
            resource_type: r.resource_type_shared(),
            subscription_id: r.subscription_id_shared(),
            location: r.location_shared(),
        }
    }
    /// A finding about a subscription.
    pub fn subscription(subscription_id: &str) -> Self {
        Subject {
            id: ids::subscription_scope(subscription_id).into(),
            resource_type: "Microsoft.Resources/subscriptions".into(),
            subscription_id: Some(subscription_id.into()),
            location: None,
        }
    }
    /// A finding about the tenant (`/tenants/<id>`).
    pub fn tenant(tenant_scope: &str) -> Self {
        Subject {
            id: tenant_scope.into(),
            resource_type: "Microsoft.Graph/tenant".into(),
            subscription_id: None,
            location: None,
        }
    }
    /// A finding about anything else, by id and type.
    pub fn other(id: impl Into<String>, resource_type: &str) -> Self {
        let id: Arc<str> = id.into().into();
        let subscription_id = ids::subscription_of_scope(&id).map(Arc::from);
        Subject {
            id,
            resource_type: resource_type.into(),
            subscription_id,
            location: None,
        }
    }
}

/// Where a check puts its findings.
pub struct Findings {
    /// This check's own copies of the strings many findings share ([`intern::LocalStrings`]).
    local: intern::LocalStrings,
    check_id: Arc<str>,
    severity: Severity,
    /// Findings of earlier checks (`..start`) and this check's (`start..`).
    items: Vec<Finding>,
    start: usize,
}

impl Findings {
    /// An empty sink for a check.
    pub fn new(meta: &CheckMeta) -> Self {
        Self::after(meta, Vec::new())
    }
    /// A sink that adds a check's findings after those already in `items`: an engine thread
    /// fills one list with check after check instead of gathering a list per check.
    pub(crate) fn after(meta: &CheckMeta, items: Vec<Finding>) -> Self {
        Findings {
            local: intern::LocalStrings::default(),
            check_id: meta.id.into(),
            severity: meta.severity,
            start: items.len(),
            items,
        }
    }
    /// Add a finding with the check's severity; returns it for adjustments.
    pub fn push(
        &mut self,
        status: Status,
        subject: Subject,
        message: impl Into<Cow<'static, str>>,
        evidence: impl Into<Evidence>,
    ) -> &mut Finding {
        self.items.push(Finding {
            check_id: self.check_id.clone(),
            status,
            severity: self.severity,
            resource_id: subject.id,
            resource_type: subject.resource_type,
            subscription_id: subject.subscription_id,
            location: subject.location,
            message: message.into(),
            evidence: evidence.into(),
            change: None,
        });
        self.items.last_mut().expect("just pushed")
    }
    /// What a finding about this record is about, sharing strings within this check only.
    pub fn subject(&mut self, r: &Record<'_>) -> Subject {
        Subject {
            id: r.id_shared(),
            resource_type: self.local.of_type(r.type_slot(), || r.resource_type()),
            subscription_id: self.subscription_of(r),
            location: r
                .location_slot()
                .zip(r.location())
                .map(|(slot, l)| self.local.of_location(slot, l)),
        }
    }

    /// What a finding about a part of a record is about (`<account>/blobServices/default`,
    /// say): its own id and type, and the record's subscription and region.
    pub fn subject_within(&mut self, r: &Record<'_>, id: &str, resource_type: &str) -> Subject {
        Subject {
            id: id.into(),
            resource_type: self.local.named(resource_type),
            subscription_id: self.subscription_of(r),
            location: r
                .location_slot()
                .zip(r.location())
                .map(|(slot, l)| self.local.of_location(slot, l)),
        }
    }

    fn subscription_of(&mut self, r: &Record<'_>) -> Option<Arc<str>> {
        let slot = r.scope_slot()?;
        let sub = r.subscription_id_shared_str()?;
        Some(self.local.of_subscription(slot, sub))
    }

    /// A pass about a record.
    pub fn pass(
        &mut self,
        r: &Record<'_>,
        message: impl Into<Cow<'static, str>>,
        evidence: impl Into<Evidence>,
    ) {
        let subject = self.subject(r);
        self.push(Status::Pass, subject, message, evidence);
    }
    /// A fail about a record.
    pub fn fail(
        &mut self,
        r: &Record<'_>,
        message: impl Into<Cow<'static, str>>,
        evidence: impl Into<Evidence>,
    ) -> &mut Finding {
        let subject = self.subject(r);
        self.push(Status::Fail, subject, message, evidence)
    }
    /// An unknown about a record.
    pub fn unknown(
        &mut self,
        r: &Record<'_>,
        message: impl Into<Cow<'static, str>>,
        evidence: impl Into<Evidence>,
    ) {
        let subject = self.subject(r);
        self.push(Status::Unknown, subject, message, evidence);
    }
    /// Pass when `ok` is `Some(true)`, fail when `Some(false)`, unknown when `None`.
    pub fn judge(
        &mut self,
        r: &Record<'_>,
        ok: Option<bool>,
        messages: [&'static str; 3],
        evidence: impl Into<Evidence>,
    ) {
        let status = Status::judged(ok);
        let msg = match status {
            Status::Pass => messages[0],
            Status::Fail => messages[1],
            _ => messages[2],
        };
        let subject = self.subject(r);
        self.push(status, subject, msg, evidence);
    }
    /// The findings so far.
    pub fn items(&self) -> &[Finding] {
        &self.items[self.start..]
    }
    /// Take the findings (with those it was started after, if any).
    pub fn into_vec(self) -> Vec<Finding> {
        self.items
    }
}
