//! The engine: selects checks, runs them over a snapshot, applies waivers, builds the report.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::catalog;
use crate::check::{Check, CheckMeta, Context, Findings, Subject};
use crate::config::Config;
use crate::finding::{Finding, Severity, Status};
use crate::glob::glob_match;
use crate::report::{CheckOutcome, CoverageGap, Report, Tally, WaiverUse};
use crate::resource_types::{ResourceType, Scope};
use crate::snapshot::Snapshot;
use crate::time;

/// Which checks to run. Empty lists select everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Check ids or globs (`storage.*`).
    pub checks: Vec<String>,
    /// Services (`iam`, `storage`, ...).
    pub services: Vec<String>,
    /// Highest benchmark level to run (1 runs only level-1 checks).
    pub max_level: Option<u8>,
    /// Skip checks whose severity is below this.
    pub min_severity: Option<Severity>,
}

impl Selection {
    /// Select by id globs, comma-separated as on a command line (`storage.*,sql.tde_enabled`).
    pub fn with_checks(globs: &str) -> Self {
        Selection {
            checks: globs
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            ..Self::default()
        }
    }

    /// Whether a check is selected.
    pub fn selects(&self, meta: &CheckMeta) -> bool {
        (self.checks.is_empty() || self.checks.iter().any(|g| glob_match(g, meta.id)))
            && (self.services.is_empty()
                || self
                    .services
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(meta.service)))
            && self.max_level.is_none_or(|l| meta.level <= l)
            && self.min_severity.is_none_or(|s| meta.severity >= s)
    }
}

/// Why an engine could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// A selection pattern names no check.
    #[error("`{0}` matches no check id (see --list-checks)")]
    NoSuchCheck(String),
    /// A service name is not one of the engine's checks' services.
    #[error("`{name}` is not a service ({})", known.join(", "))]
    NoSuchService {
        /// The name given.
        name: String,
        /// The services the engine's checks belong to, in catalog order.
        known: Vec<&'static str>,
    },
    /// A waiver names no check the engine has.
    #[error("invalid configuration: waivers[{index}].check `{pattern}` matches no check id")]
    NoSuchWaivedCheck {
        /// The waiver's place in the configuration.
        index: usize,
        /// Its `check` pattern.
        pattern: String,
    },
    /// The configuration was refused.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
}

/// Runs checks over snapshots.
///
/// ```
/// use azaudit_core::{Config, Engine, Selection, Snapshot};
/// let snap = Snapshot::from_json(r#"{"version":1,"resources":[
///   {"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
///    "type":"Microsoft.Storage/storageAccounts","properties":{"supportsHttpsTrafficOnly":false}}]}"#).unwrap();
/// let engine = Engine::new(Config::default())
///     .with_selection(Selection::with_checks("storage.secure_transfer_required")).unwrap();
/// let report = engine.run(&snap);
/// assert_eq!(report.findings[0].status.as_str(), "fail");
/// ```
pub struct Engine {
    config: Config,
    /// Every check the engine was given: what selections and waivers are checked against.
    pool: Vec<&'static dyn Check>,
    /// The selected checks, in the pool's order.
    checks: Vec<&'static dyn Check>,
    threads: usize,
}

fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
}

impl Engine {
    /// An engine running every check of the catalog.
    pub fn new(config: Config) -> Self {
        Self::with_checks(config, catalog::all().to_vec())
    }

    /// An engine running the given checks (the catalog's, your own, or both).
    pub fn with_checks(config: Config, checks: Vec<&'static dyn Check>) -> Self {
        Engine {
            config,
            pool: checks.clone(),
            checks,
            threads: default_threads(),
        }
    }

    /// Restrict the checks to a selection of the engine's own (the catalog's, or those given to
    /// [`Engine::with_checks`]). A pattern or service that selects nothing is an error, and so
    /// is a waiver of the configuration that names none of the engine's checks.
    pub fn with_selection(mut self, selection: Selection) -> Result<Self, EngineError> {
        let names = |g: &str| self.pool.iter().any(|c| glob_match(g, c.meta().id));
        if let Some(g) = selection.checks.iter().find(|g| !names(g)) {
            return Err(EngineError::NoSuchCheck(g.clone()));
        }
        for s in &selection.services {
            if !self
                .pool
                .iter()
                .any(|c| c.meta().service.eq_ignore_ascii_case(s))
            {
                let mut known: Vec<&'static str> = Vec::new();
                for c in &self.pool {
                    if !known.contains(&c.meta().service) {
                        known.push(c.meta().service);
                    }
                }
                return Err(EngineError::NoSuchService {
                    name: s.clone(),
                    known,
                });
            }
        }
        self.check_waivers()?;
        self.checks = self
            .pool
            .iter()
            .copied()
            .filter(|c| selection.selects(c.meta()))
            .collect();
        Ok(self)
    }

    /// Every waiver of the configuration names at least one of the engine's checks.
    pub fn check_waivers(&self) -> Result<(), EngineError> {
        for (index, w) in self.config.waivers.iter().enumerate() {
            if !self.pool.iter().any(|c| glob_match(&w.check, c.meta().id)) {
                return Err(EngineError::NoSuchWaivedCheck {
                    index,
                    pattern: w.check.clone(),
                });
            }
        }
        Ok(())
    }

    /// Evaluate checks on up to `n` threads (default: the machine's cores, at most 8).
    pub fn with_threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    /// An engine as the bindings build one: checks by id or glob (none: all), and the
    /// configuration as JSON text (none: the defaults).
    pub fn from_json_config(
        checks: Vec<String>,
        config_json: Option<&str>,
    ) -> Result<Self, EngineError> {
        let config = match config_json {
            Some(text) => Config::from_json(text)?,
            None => Config::default(),
        };
        Engine::new(config).with_selection(Selection {
            checks,
            ..Selection::default()
        })
    }

    /// The checks this engine runs.
    pub fn checks(&self) -> &[&'static dyn Check] {
        &self.checks
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Evaluate the selected checks and apply waivers.
    pub fn run(&self, snapshot: &Snapshot) -> Report {
        let now = self
            .config
            .evaluation_time
            .as_deref()
            .or(snapshot.info().collected_at.as_deref())
            .and_then(time::parse_timestamp)
            .unwrap_or_else(time::now_unix);
        let today = self
            .config
            .today
            .as_deref()
            .and_then(time::parse_date)
            .unwrap_or_else(|| time::now_unix().div_euclid(86_400));
        let mut waiver_uses: Vec<WaiverUse> = self
            .config
            .waivers
            .iter()
            .map(|w| WaiverUse {
                waiver: w.clone(),
                expired: w.expired(today),
                matched: 0,
            })
            .collect();
        let cx = Context::new(snapshot, &self.config, now).with_threads(self.threads);
        let done = self.evaluate_all(&cx, &waiver_uses);
        let mut tally = Tally::default();
        for part in &done.parts {
            for (used, n) in waiver_uses.iter_mut().zip(&part.waiver_matches) {
                used.matched += n;
            }
            tally.add(&part.tally);
        }
        let checks = done.parts.into_iter().map(|p| p.outcome).collect();
        let mut report = Report::assemble(snapshot, now, tally, done.findings, checks, waiver_uses);
        report.coverage_gaps = self.coverage_gaps(snapshot);
        report.summary.coverage_gaps = report.coverage_gaps.len();
        report
    }

    /// Each (scope, type) that a selected check reads and the snapshot does not hold whole,
    /// at the scope the registry collects the type at: the subscriptions for ARM types, the
    /// tenant for Graph types. Types no API serves (the `Azaudit/` settings a person fills in)
    /// are not gaps: their checks are manual.
    pub fn coverage_gaps(&self, snapshot: &Snapshot) -> Vec<CoverageGap> {
        let mut types: Vec<&ResourceType> = Vec::new();
        for c in &self.checks {
            for ty in c.meta().reads {
                if ty.scope() != Scope::None
                    && !types.iter().any(|t| t.name.eq_ignore_ascii_case(ty.name))
                {
                    types.push(ty);
                }
            }
        }
        let subscriptions: Vec<String> = snapshot
            .subscriptions()
            .iter()
            .map(|s| crate::ids::subscription_scope(&s.subscription_id))
            .collect();
        let tenant: Vec<String> = snapshot.tenant_scope().into_iter().collect();
        let mut gaps = Vec::new();
        for ty in types {
            let scopes = match ty.scope() {
                Scope::Tenant => &tenant,
                _ => &subscriptions,
            };
            for scope in scopes {
                if let crate::snapshot::Collection::Missing { status, reason } =
                    snapshot.collection(scope, ty.name)
                {
                    gaps.push(CoverageGap {
                        scope: scope.clone(),
                        resource_type: ty.name.to_string(),
                        status,
                        reason: reason.into_owned(),
                    });
                }
            }
        }
        gaps
    }

    fn evaluate_all(&self, cx: &Context<'_>, waivers: &[WaiverUse]) -> Evaluated {
        let n = self.checks.len();
        let mut findings = Vec::new();
        if self.threads == 1 || n < 2 {
            let parts = self
                .checks
                .iter()
                .map(|c| CheckPart::run(*c, cx, waivers, &mut findings))
                .collect();
            return Evaluated { findings, parts };
        }
        // Checks are independent and their findings go into the report in catalog order. This
        // thread takes checks from the front and writes straight into the report's list; the
        // helpers take them from the back, each into a list of its own, whose parts are moved
        // in behind at the end. So only the helpers' share of a million findings is moved,
        // and nothing is gathered per check.
        let queue = std::sync::Mutex::new(0..n);
        let take_front = || queue.lock().unwrap_or_else(|e| e.into_inner()).next();
        let take_back = || queue.lock().unwrap_or_else(|e| e.into_inner()).next_back();
        let (front, helpers) = std::thread::scope(|s| {
            let helpers: Vec<_> = (1..self.threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut mine = Vec::new();
                        let mut parts = Vec::new();
                        while let Some(i) = take_back() {
                            parts.push((i, CheckPart::run(self.checks[i], cx, waivers, &mut mine)));
                        }
                        (mine, parts)
                    })
                })
                .collect();
            let mut front = Vec::new();
            while let Some(i) = take_front() {
                front.push(CheckPart::run(self.checks[i], cx, waivers, &mut findings));
            }
            let helpers: Vec<_> = helpers
                .into_iter()
                .map(|h| h.join().expect("check panics are caught"))
                .collect();
            (front, helpers)
        });
        let mut parts = front;
        findings.reserve_exact(helpers.iter().map(|(list, _)| list.len()).sum());
        // Each helper took checks in descending order, so the part with the lowest index is
        // at the end of its list: move the lowest of those tails next, until none is left.
        let mut helpers = helpers;
        loop {
            let next = helpers
                .iter()
                .enumerate()
                .filter_map(|(h, (_, ps))| ps.last().map(|(i, _)| (*i, h)))
                .min();
            let Some((_, h)) = next else { break };
            let (list, ps) = &mut helpers[h];
            let (_, part) = ps.pop().expect("a part");
            let at = list.len() - part.len;
            findings.extend(list.drain(at..));
            parts.push(part);
        }
        Evaluated { findings, parts }
    }
}

/// Every finding of a run in catalog order, and each check's part in the same order.
struct Evaluated {
    findings: Vec<Finding>,
    parts: Vec<CheckPart>,
}

/// One check's part of a run, finished on the thread that evaluated it: waivers applied,
/// findings counted, so the report is assembled without another pass over them.
struct CheckPart {
    /// How many findings it added.
    len: usize,
    outcome: CheckOutcome,
    tally: Tally,
    /// Failing findings each waiver matched, in the configuration's order.
    waiver_matches: Vec<usize>,
}

impl CheckPart {
    /// Evaluate a check, adding its findings to `list`.
    fn run(
        check: &dyn Check,
        cx: &Context<'_>,
        waivers: &[WaiverUse],
        list: &mut Vec<Finding>,
    ) -> Self {
        let start = list.len();
        let error = evaluate_one(check, cx, list);
        let mine = &mut list[start..];
        let mut waiver_matches = vec![0; waivers.len()];
        if !waivers.is_empty() {
            for f in mine.iter_mut().filter(|f| f.status == Status::Fail) {
                apply_waivers(f, waivers, &mut waiver_matches);
            }
        }
        let tally = Tally::of(mine);
        CheckPart {
            len: mine.len(),
            outcome: CheckOutcome::from_tally(check.meta(), &tally, error),
            tally,
            waiver_matches,
        }
    }
}

/// Evaluate a check, adding its findings to `list`; the error when it did not finish.
fn evaluate_one(check: &dyn Check, cx: &Context<'_>, list: &mut Vec<Finding>) -> Option<String> {
    let meta = check.meta();
    let start = list.len();
    let mut out = Findings::after(meta, std::mem::take(list));
    let result = catch_unwind(AssertUnwindSafe(|| check.evaluate(cx, &mut out)));
    let error = match result {
        Ok(Ok(())) => {
            *list = out.into_vec();
            return None;
        }
        Ok(Err(e)) => format!("check {} failed: {e}", meta.id),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            format!("check {} panicked: {msg}", meta.id)
        }
    };
    // A check that did not finish may have judged only part of the data: drop what it said
    // and say unknown for every scope it covers.
    let mut items = out.into_vec();
    items.truncate(start);
    let mut out = Findings::after(meta, items);
    let tenant_only = meta.reads.iter().all(|t| t.scope() != Scope::Subscription);
    if tenant_only {
        out.push(
            Status::Unknown,
            Subject::tenant(&cx.tenant_scope()),
            error.clone(),
            serde_json::Value::Null,
        );
    } else {
        for sub in cx.snapshot.subscriptions() {
            out.push(
                Status::Unknown,
                Subject::subscription(&sub.subscription_id),
                error.clone(),
                serde_json::Value::Null,
            );
        }
    }
    *list = out.into_vec();
    Some(error)
}

fn apply_waivers(f: &mut Finding, waivers: &[WaiverUse], matched: &mut [usize]) {
    let mut expired_on = None;
    for (u, n) in waivers.iter().zip(matched.iter_mut()) {
        if u.waiver.matches(&f.check_id, &f.resource_id) {
            *n += 1;
            if !u.expired {
                f.status = Status::Waived;
                f.message = format!("{} (waived: {})", f.message, u.waiver.reason).into();
                return;
            }
            expired_on = u.waiver.expires.clone();
        }
    }
    if let Some(day) = expired_on {
        f.message = format!("{} (a waiver for it expired on {day})", f.message).into();
    }
}
