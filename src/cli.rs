//! The `azaudit` command: its subcommands, options and help, declared once with clap, and run
//! here so that tests, the cargo example and the Python and Node packages' `azaudit` commands
//! all run the same code ([`main_with_args`]).
//!
//! Exit status: 0 when the command ran (and no gate matched), 1 when `--fail-on` or
//! `--fail-on-new` matched, 2 on an error (one line on stderr), 3 when `--require-complete`
//! found partial data.

use std::io::Write;

use clap::builder::{FalseyValueParser, PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::{Config, Engine, Selection, Severity, Snapshot, catalog, report};

/// The exit statuses, as `--help` and the README state them.
const EXIT_STATUS: &str = "\
Exit status:
  0  the command ran, and no --fail-on or --fail-on-new gate matched
  1  --fail-on or --fail-on-new matched
  2  an error (one line on stderr), or the command line was wrong
  3  --require-complete, and what the checks need was not collected whole

A partial collection alone is never an error: its gaps are unknown findings, counted in the
report. `azaudit [AUDIT OPTIONS]` without a subcommand is `azaudit audit [AUDIT OPTIONS]`.";

/// Audit the security posture of Microsoft Azure tenants.
#[derive(Debug, Parser)]
#[command(
    name = "azaudit",
    version,
    about = "Audit the security posture of Microsoft Azure tenants: CIS-derived checks over a snapshot or a live tenant.",
    after_help = EXIT_STATUS,
    disable_help_subcommand = true,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// One value per process: the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Audit a snapshot (by default the demo tenant) or a live tenant, and write a report.
    #[command(after_help = EXIT_STATUS)]
    Audit(AuditArgs),
    /// Collect a snapshot from Azure without auditing it (audit it later with --snapshot).
    #[command(after_help = EXIT_STATUS)]
    Collect(CollectArgs),
    /// Print the check catalog.
    Checks(ChecksArgs),
    /// Compare a JSON report with an earlier one: new, unchanged and fixed failures.
    #[command(after_help = EXIT_STATUS)]
    Diff(DiffArgs),
    /// Print a shell completion script (e.g. `azaudit completions bash > ~/.local/share/bash-completion/completions/azaudit`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Which checks run (and, when collecting, what is collected for them).
#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Selection")]
struct SelectArgs {
    /// Run only these checks: ids or globs, comma-separated, e.g. 'storage.*,sql.tde_enabled'.
    #[arg(long, value_name = "GLOB[,GLOB]", env = "AZAUDIT_CHECKS")]
    checks: Option<String>,
    /// Run only these services (comma-separated or repeated).
    #[arg(long, value_name = "NAME", value_delimiter = ',', env = "AZAUDIT_SERVICE",
          value_parser = PossibleValuesParser::new(catalog::services()))]
    service: Vec<String>,
    /// Run level-1 checks only (1), or both levels (2, the default).
    #[arg(long, value_name = "1|2", env = "AZAUDIT_LEVEL",
          value_parser = clap::value_parser!(u8).range(1..=2))]
    level: Option<u8>,
    /// Skip checks below this severity.
    #[arg(long, value_name = "SEVERITY", env = "AZAUDIT_MIN_SEVERITY", value_parser = severity(), ignore_case = true)]
    min_severity: Option<Severity>,
}

impl SelectArgs {
    fn selection(&self) -> Selection {
        Selection {
            checks: self
                .checks
                .as_deref()
                .map(|c| Selection::with_checks(c).checks)
                .unwrap_or_default(),
            services: self.service.clone(),
            max_level: self.level,
            min_severity: self.min_severity,
        }
    }
}

/// How a live collection signs in, where it goes and how hard it pushes.
#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Live collection")]
pub(crate) struct CollectFlags {
    /// The Entra tenant to sign in to and audit.
    #[arg(long, value_name = "ID")]
    pub tenant: Option<String>,
    /// A subscription to collect (repeatable or comma-separated; default: every enabled one).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub subscription: Vec<String>,
    /// The cloud: AzureCloud (default), AzureUSGovernment, AzureChinaCloud or custom.
    #[arg(long, value_name = "NAME")]
    pub cloud: Option<String>,
    /// Azure Resource Manager, as https://management.azure.com.
    #[arg(long, value_name = "URL")]
    pub arm_endpoint: Option<String>,
    /// Microsoft Graph host, as https://graph.microsoft.com.
    #[arg(long, value_name = "URL")]
    pub graph_endpoint: Option<String>,
    /// Entra authority host, as https://login.microsoftonline.com.
    #[arg(long, value_name = "URL")]
    pub authority: Option<String>,
    /// Also trust the CA certificates of this PEM file (a TLS-inspecting proxy's).
    #[arg(long, value_name = "PATH")]
    pub ca_cert: Option<String>,
    /// Requests in flight at once [default: 8].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<u64>,
    /// Seconds one request may take, each attempt [default: 30].
    #[arg(long, value_name = "SECONDS")]
    pub request_timeout: Option<f64>,
    /// Retries of a throttled or failed request [default: 4].
    #[arg(long, value_name = "N")]
    pub max_retries: Option<u32>,
    /// Seconds one (scope, type) may take, all its requests, retries and pages [default:
    /// 1800]; past it, it is recorded as an error and the scan goes on.
    #[arg(long, value_name = "SECONDS")]
    pub fetch_timeout: Option<f64>,
    /// Log retries and throttling on stderr; twice (-vv): every request (never a token).
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// No progress bar and no collection summary on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
    /// No progress bar (it is shown only when stderr is a terminal).
    #[arg(long, env = "AZAUDIT_NO_PROGRESS", value_parser = FalseyValueParser::new())]
    pub no_progress: bool,
}

impl CollectFlags {
    /// Whether any of these was given (they mean nothing without `--live`).
    fn any_set(&self) -> bool {
        self.tenant.is_some()
            || !self.subscription.is_empty()
            || self.cloud.is_some()
            || self.arm_endpoint.is_some()
            || self.graph_endpoint.is_some()
            || self.authority.is_some()
            || self.ca_cert.is_some()
            || self.concurrency.is_some()
            || self.request_timeout.is_some()
            || self.max_retries.is_some()
            || self.fetch_timeout.is_some()
            || self.verbose > 0
    }
}

/// `azaudit audit`.
#[derive(Debug, Args)]
struct AuditArgs {
    /// The snapshot file to audit (version 1, docs/snapshot-format.md) [default: the demo
    /// tenant, with its demo configuration].
    #[arg(long, value_name = "PATH", conflicts_with = "live")]
    snapshot: Option<String>,
    /// Thresholds and waivers, TOML or JSON (.json).
    #[arg(long, value_name = "PATH", env = "AZAUDIT_CONFIG")]
    config: Option<String>,
    /// The report's format.
    #[arg(long, value_name = "FORMAT", default_value = "text", env = "AZAUDIT_FORMAT",
          value_parser = report_format(), ignore_case = true)]
    format: report::Format,
    /// Write the report there instead of stdout.
    #[arg(short, long, value_name = "PATH")]
    output: Option<String>,
    /// Exit 1 when a failed finding at or above this severity exists.
    #[arg(long, value_name = "SEVERITY", env = "AZAUDIT_FAIL_ON", value_parser = severity(), ignore_case = true)]
    fail_on: Option<Severity>,
    /// Compare with an earlier JSON report: failures are new or unchanged, earlier failures
    /// that no longer fail are fixed.
    #[arg(long, value_name = "PATH", env = "AZAUDIT_BASELINE")]
    baseline: Option<String>,
    /// Like --fail-on, for failures that are new against the baseline.
    #[arg(long, value_name = "SEVERITY", env = "AZAUDIT_FAIL_ON_NEW", value_parser = severity(), ignore_case = true)]
    fail_on_new: Option<Severity>,
    /// Exit 3 when a (scope, type) the selected checks need was not collected whole
    /// (forbidden, failed, throttled, not collected).
    #[arg(long, env = "AZAUDIT_REQUIRE_COMPLETE", value_parser = FalseyValueParser::new())]
    require_complete: bool,
    /// Add a compliance view of the report.
    #[arg(long, value_name = "ID", env = "AZAUDIT_FRAMEWORK",
          value_parser = PossibleValuesParser::new(report::frameworks().iter().map(|f| f.id.as_str())))]
    framework: Option<String>,
    /// Print the check catalog instead (as `azaudit checks`; --format text, json or markdown).
    #[arg(long, hide = true)]
    list_checks: bool,
    /// Whether --format came from AZAUDIT_FORMAT rather than the command line.
    #[arg(skip)]
    format_from_env: bool,
    /// Whether --fail-on-new came from AZAUDIT_FAIL_ON_NEW rather than the command line.
    #[arg(skip)]
    fail_on_new_from_env: bool,
    #[command(flatten)]
    select: SelectArgs,
    /// Collect the tenant of the signed-in credential instead of reading a snapshot:
    /// AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, workload identity, managed
    /// identity, or `az login`, tried in that order. Needs Reader on the subscriptions and the
    /// Graph read permissions in the README.
    #[arg(long, help_heading = "Live collection")]
    live: bool,
    /// Also write the collected snapshot there.
    #[arg(long, value_name = "PATH", help_heading = "Live collection")]
    save_snapshot: Option<String>,
    #[command(flatten)]
    collect: CollectFlags,
}

/// `azaudit collect`.
#[derive(Debug, Args)]
struct CollectArgs {
    /// Collect a live tenant: what `collect` always does (accepted as `audit` takes it).
    #[arg(long, hide = true)]
    live: bool,
    /// Write the snapshot there (`-` for stdout).
    #[arg(short, long, value_name = "PATH")]
    output: String,
    /// Exit 3 when something the selected checks need was not collected whole.
    #[arg(long, env = "AZAUDIT_REQUIRE_COMPLETE", value_parser = FalseyValueParser::new())]
    require_complete: bool,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    collect: CollectFlags,
}

/// The catalog's formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum CatalogFormat {
    /// One line per check: id, level, severity, title.
    Text,
    /// Every check's metadata, with the requirements it implements per framework.
    Json,
    /// The catalog page (docs/checks.md).
    Markdown,
}

/// `azaudit checks`.
#[derive(Debug, Args)]
struct ChecksArgs {
    /// The catalog's format.
    #[arg(long, value_enum, default_value = "text", ignore_case = true)]
    format: CatalogFormat,
}

/// `azaudit diff`.
#[derive(Debug, Args)]
struct DiffArgs {
    /// The earlier JSON report (the baseline).
    old: String,
    /// The later JSON report.
    new: String,
    /// text: the new and fixed failures; any report format: the later report, its failures
    /// marked new or unchanged against the earlier one (as `audit --baseline` writes it).
    /// (AZAUDIT_FORMAT is `audit`'s: a job that sets it still gets this summary.)
    #[arg(long, value_name = "FORMAT", default_value = "text",
          value_parser = report_format(), ignore_case = true)]
    format: report::Format,
    /// Write it there instead of stdout.
    #[arg(short, long, value_name = "PATH")]
    output: Option<String>,
    /// Exit 1 when a new failure at or above this severity exists.
    #[arg(long, value_name = "SEVERITY", env = "AZAUDIT_FAIL_ON_NEW", value_parser = severity(), ignore_case = true)]
    fail_on_new: Option<Severity>,
}

/// Severity names, parsed into [`Severity`]; clap lists them in help and completions.
fn severity() -> impl TypedValueParser<Value = Severity> {
    let names: Vec<&'static str> = Severity::ALL.iter().rev().map(|s| s.as_str()).collect();
    PossibleValuesParser::new(names).map(|s| s.parse::<Severity>().expect("a listed name"))
}

/// Report format names ([`report::Format::ALL`]), parsed into [`report::Format`].
fn report_format() -> impl TypedValueParser<Value = report::Format> {
    PossibleValuesParser::new(report::Format::ALL.map(|(name, _)| name))
        .map(|s| s.parse::<report::Format>().expect("a listed name"))
}

/// The demo snapshot shipped in `examples/data/`.
pub const DEMO_SNAPSHOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/demo-tenant.json"
);
/// The demo configuration shipped in `examples/data/`.
pub const DEMO_CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/demo-config.toml"
);
/// The demo, built in: `azaudit audit` works wherever the command was installed to.
const DEMO_SNAPSHOT_JSON: &str = include_str!("../examples/data/demo-tenant.json");
const DEMO_CONFIG_TOML: &str = include_str!("../examples/data/demo-config.toml");

/// An error for the user: printed as one line, exit status 2.
type CliResult<T> = Result<T, String>;

/// Where output goes: the file `path`, or `stdout`.
fn open_output<'a>(
    path: Option<&str>,
    stdout: &'a mut dyn Write,
) -> CliResult<Box<dyn Write + 'a>> {
    Ok(match path {
        Some(p) if p != "-" => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| format!("{p}: {e}"))?,
        )),
        _ => Box::new(stdout),
    })
}

/// Write `bytes` and flush; a reader that stopped early (`| head`) is not an error.
fn emit(
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> CliResult<()> {
    match write(out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("writing the output: {e}")),
    }
}

/// One line per check: id, level, severity, title, and the requirements it implements per
/// framework (`cis-azure-6.0 5.1.3`), from the compliance data.
fn catalog_text() -> String {
    let mut s = String::new();
    for c in catalog::all() {
        let m = c.meta();
        let mapped: Vec<String> = report::requirements_of(m.id)
            .into_iter()
            .map(|(fw, ids)| format!("{fw} {}", ids.join(",")))
            .collect();
        s.push_str(&format!(
            "{:<45} L{} {:<8} {}{}\n",
            m.id,
            m.level,
            m.severity.as_str(),
            m.title,
            if mapped.is_empty() {
                String::new()
            } else {
                format!(" [{}]", mapped.join("; "))
            }
        ));
    }
    s
}

/// The catalog's JSON, each check with `frameworks`: the requirements it implements, by
/// framework id, from the compliance data.
fn catalog_json() -> String {
    let mut checks: Vec<serde_json::Value> =
        serde_json::from_str(&catalog::to_json()).expect("the catalog's JSON");
    for check in &mut checks {
        let id = check["id"].as_str().unwrap_or_default().to_string();
        let mapped: serde_json::Map<String, serde_json::Value> = report::requirements_of(&id)
            .into_iter()
            .map(|(fw, ids)| (fw.to_string(), ids.into()))
            .collect();
        check["frameworks"] = mapped.into();
    }
    serde_json::to_string_pretty(&checks).expect("JSON") + "\n"
}

fn checks(format: CatalogFormat, stdout: &mut dyn Write) -> CliResult<u8> {
    let text = match format {
        CatalogFormat::Json => catalog_json(),
        CatalogFormat::Markdown => catalog::markdown(),
        CatalogFormat::Text => catalog_text(),
    };
    emit(stdout, |w| w.write_all(text.as_bytes()))?;
    Ok(0)
}

fn read_report(path: &str) -> CliResult<report::Report> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: not a JSON report from azaudit: {e}"))
}

/// The gates, in order of precedence: a failure gate (1) before completeness (3).
fn gates(
    report: &report::Report,
    fail_on: Option<Severity>,
    fail_on_new: Option<Severity>,
    require_complete: bool,
) -> u8 {
    if let Some(sev) = fail_on
        && report.has_failure_at_or_above(sev)
    {
        eprintln!("azaudit: failed findings at or above {sev}");
        return 1;
    }
    if let Some(sev) = fail_on_new
        && report.has_new_failure_at_or_above(sev)
    {
        eprintln!("azaudit: new failed findings at or above {sev} (against the baseline)");
        return 1;
    }
    if require_complete && !report.coverage_gaps.is_empty() {
        eprintln!(
            "azaudit: incomplete data: {} (scope, type) the checks need were not collected whole (--require-complete)",
            report.coverage_gaps.len()
        );
        return 3;
    }
    0
}

fn audit(mut args: AuditArgs, stdout: &mut dyn Write) -> CliResult<u8> {
    if args.list_checks {
        let format = match args.format {
            report::Format::Text => CatalogFormat::Text,
            report::Format::Json => CatalogFormat::Json,
            report::Format::Markdown => CatalogFormat::Markdown,
            // A job-wide AZAUDIT_FORMAT=sarif does not break the catalog listing.
            _ if args.format_from_env => CatalogFormat::Text,
            other => {
                return Err(format!(
                    "unknown format `{other}` for --list-checks (expected text, json, markdown)"
                ));
            }
        };
        return checks(format, stdout);
    }
    if args.fail_on_new.is_some() && args.baseline.is_none() {
        if !args.fail_on_new_from_env {
            return Err(
                "--fail-on-new needs --baseline (without one, every failure is new)".into(),
            );
        }
        // Set job-wide, it applies where a baseline is given.
        args.fail_on_new = None;
    }
    if !args.live && (args.collect.any_set() || args.save_snapshot.is_some()) {
        return Err("--tenant, --subscription, --cloud, the endpoints, --ca-cert, --concurrency, the timeouts, --max-retries, --verbose and --save-snapshot need --live".into());
    }
    let selection = args.select.selection();
    let demo = !args.live && args.snapshot.is_none();
    let config = match (&args.config, demo) {
        (Some(p), _) => Config::load(p).map_err(|e| e.to_string())?,
        // The demo tenant comes with its demo configuration unless one is given.
        (None, true) => Config::from_toml(DEMO_CONFIG_TOML).map_err(|e| e.to_string())?,
        (None, false) => Config::default(),
    };
    let engine = Engine::new(config)
        .with_selection(selection.clone())
        .map_err(|e| e.to_string())?;
    // Read and opened before collecting: a bad path should not cost a scan.
    let baseline = args.baseline.as_deref().map(read_report).transpose()?;
    let mut out = open_output(args.output.as_deref(), stdout)?;
    let snapshot = if args.live {
        crate::live::collect(&args.collect, &selection, args.save_snapshot.as_deref())?
    } else if let Some(path) = &args.snapshot {
        Snapshot::load(path).map_err(|e| e.to_string())?
    } else {
        Snapshot::from_json(DEMO_SNAPSHOT_JSON).map_err(|e| e.to_string())?
    };
    let mut report = engine.run(&snapshot);
    if let Some(before) = &baseline {
        report.compare_with(before);
    }
    if let Some(id) = &args.framework {
        report.compliance = Some(
            report
                .compliance(id)
                .ok_or_else(|| format!("unknown framework `{id}`"))?,
        );
    }
    emit(&mut out, |w| report.write(args.format, w))?;
    Ok(gates(
        &report,
        args.fail_on,
        args.fail_on_new,
        args.require_complete,
    ))
}

fn collect(args: CollectArgs, stdout: &mut dyn Write) -> CliResult<u8> {
    let selection = args.select.selection();
    // Judge the selection before signing in.
    Engine::new(Config::default())
        .with_selection(selection.clone())
        .map_err(|e| e.to_string())?;
    let mut out = open_output(Some(&args.output), stdout)?;
    let snapshot = crate::live::collect(&args.collect, &selection, None)?;
    emit(&mut out, |w| snapshot.write_to(w))?;
    if args.output != "-" && !args.collect.quiet {
        eprintln!("azaudit: snapshot written to {}", args.output);
    }
    let gaps = snapshot
        .coverage()
        .iter()
        .filter(|c| c.status != crate::CoverageStatus::Ok)
        .count();
    if args.require_complete && gaps > 0 {
        eprintln!(
            "azaudit: incomplete data: {gaps} (scope, type) not collected whole (--require-complete)"
        );
        return Ok(3);
    }
    Ok(0)
}

fn diff(args: DiffArgs, stdout: &mut dyn Write) -> CliResult<u8> {
    let before = read_report(&args.old)?;
    let mut after = read_report(&args.new)?;
    after.compare_with(&before);
    let mut out = open_output(args.output.as_deref(), stdout)?;
    if args.format == report::Format::Text {
        emit(&mut out, |w| write_diff_text(&after, &before, w))?;
    } else {
        emit(&mut out, |w| after.write(args.format, w))?;
    }
    Ok(gates(&after, None, args.fail_on_new, false))
}

/// What changed: counts, then the new failures (most severe first) and the fixed ones (named
/// as the earlier report names them: they may be gone from the later one).
fn write_diff_text(
    report: &report::Report,
    before: &report::Report,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let b = report.baseline.as_ref().expect("compared");
    writeln!(
        w,
        "{} new failure(s), {} unchanged, {} fixed",
        b.new,
        b.unchanged,
        b.fixed.len()
    )?;
    let mut new: Vec<&crate::Finding> = report
        .failed()
        .filter(|f| f.change == Some(report::Change::New))
        .collect();
    new.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.check_id.cmp(&b.check_id))
    });
    if !new.is_empty() {
        writeln!(w, "\nNew failures")?;
    }
    for f in new {
        writeln!(
            w,
            "  + [{}] {}: {} ({}): {}",
            f.severity,
            f.check_id,
            report::display_name(report, f),
            report::place(report, f),
            f.message
        )?;
    }
    if !b.fixed.is_empty() {
        writeln!(w, "\nFixed")?;
    }
    for f in &b.fixed {
        writeln!(
            w,
            "  - {}: {} (now {})",
            f.check_id,
            before
                .summary
                .resource_names
                .get(&f.resource_id)
                .map_or_else(|| crate::ids::last_segment(&f.resource_id), String::as_str),
            f.now
        )?;
    }
    Ok(())
}

/// `command` with the environment variables that are set but empty treated as unset (a CI
/// input left blank, `AZAUDIT_FAIL_ON=`), as an empty flag value would be refused.
fn without_empty_env(command: clap::Command) -> clap::Command {
    let empty = |name: &std::ffi::OsStr| std::env::var_os(name).is_some_and(|v| v.is_empty());
    command
        .mut_args(|a| match a.get_env() {
            Some(name) if empty(name) => a.env(None::<&str>),
            _ => a,
        })
        .mut_subcommands(without_empty_env)
}

/// `argv` with the subcommand made explicit: none, or options first, means `audit` (the
/// form `cargo run --example audit -- --format json` has always taken).
fn with_default_command(argv: &[String]) -> Vec<String> {
    let mut full = vec!["azaudit".to_string()];
    match argv.first().map(String::as_str) {
        None => full.push("audit".into()),
        Some("-h" | "--help" | "-V" | "--version") => {}
        Some(first) if first.starts_with('-') => full.push("audit".into()),
        Some(_) => {}
    }
    full.extend(argv.iter().cloned());
    full
}

/// A clap error as one line: its message with what clap says under it (the missing
/// arguments, the possible values, a suggestion), without the usage and the help pointer.
fn one_line(e: &clap::Error) -> String {
    let text = e.to_string();
    let parts: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    let joined = parts.join(" ");
    let message = joined.strip_prefix("error: ").unwrap_or(&joined);
    format!("{message} (see --help)")
}

/// Run the command line with `argv` (without the program name), writing the report to
/// `stdout` (unless `--output` says otherwise) and errors to stderr; returns the exit status.
pub fn main_with_args(argv: &[String], stdout: &mut dyn Write) -> u8 {
    let parsed = without_empty_env(Cli::command())
        .try_get_matches_from(with_default_command(argv))
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, m)));
    let (mut cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = write!(stdout, "{e}");
                    0
                }
                _ => {
                    eprintln!("azaudit: error: {}", one_line(&e));
                    2
                }
            };
        }
    };
    if let (Command::Audit(args), Some(m)) = (&mut cli.command, matches.subcommand_matches("audit"))
    {
        let from_env =
            |id: &str| m.value_source(id) == Some(clap::parser::ValueSource::EnvVariable);
        args.format_from_env = from_env("format");
        args.fail_on_new_from_env = from_env("fail_on_new");
    }
    let result = match cli.command {
        Command::Audit(args) => audit(args, stdout),
        Command::Collect(args) => collect(args, stdout),
        Command::Checks(args) => checks(args.format, stdout),
        Command::Diff(args) => diff(args, stdout),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "azaudit", &mut script);
            emit(stdout, |w| w.write_all(&script)).map(|()| 0)
        }
    };
    result.unwrap_or_else(|e| {
        eprintln!("azaudit: error: {e}");
        2
    })
}

/// Run the command with the process's arguments and exit with its status: the `azaudit`
/// binary, the cargo example and the Python and Node packages' commands are this call.
pub fn main() -> std::process::ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    std::process::ExitCode::from(main_with_args(&argv, &mut stdout))
}
