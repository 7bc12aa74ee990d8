//! The `audit` command line (`cargo run --example audit`), here so that it can be tested.
//!
//! Exit status: 0 when the audit ran (and `--fail-on` found nothing), 1 when `--fail-on`
//! matched, 2 on an error, which is printed as one line on stderr.

use std::io::Write;

use crate::{Config, Engine, Selection, Severity, Snapshot, catalog, report};

/// The help text.
pub const USAGE: &str = "\
usage: cargo run --example audit -- [options]

Audits a snapshot (default: the demo tenant in examples/data/) and prints a report.

options:
  --snapshot PATH      snapshot file to audit (version 1, see docs/snapshot-format.md)
  --config PATH        thresholds and waivers, TOML or JSON (.json)
  --checks GLOB[,GLOB] run only these checks, e.g. 'storage.*,sql.tde_enabled'
  --service NAME[,NAME] run only these services (iam, storage, sql, network, monitor,
                       compute, defender, keyvault, general, appservice)
  --level 1|2          run level-1 checks only (1), or both levels (2, the default)
  --min-severity SEV   skip checks below this severity
  --format FORMAT      text (default), json, sarif, csv, junit, markdown, ocsf or html;
                       with --list-checks: text, json or markdown
  --output PATH        write the report there instead of stdout
  --fail-on SEVERITY   exit 1 when a failed finding at or above it exists
                       (critical, high, medium, low, info)
  --baseline PATH      compare with an earlier JSON report: failures are new or
                       unchanged, earlier failures that no longer fail are fixed
  --fail-on-new SEV    like --fail-on, for failures that are new against the baseline
  --require-complete   exit 3 when a (scope, type) the selected checks need was not
                       collected whole (forbidden, failed, throttled, not collected)
  --framework ID       add a compliance view: cis-azure-3.0 or mcsb
  --list-checks        print the check catalog instead of auditing
  -h, --help           this help

live collection (instead of --snapshot; needs Reader on the subscriptions and the Graph
read permissions listed in the README):
  --live               collect the tenant of the signed-in credential: AZURE_TENANT_ID,
                       AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, workload identity,
                       managed identity, or `az login`, tried in that order
  --tenant ID          the Entra tenant to sign in to and audit
  --subscription ID    a subscription to audit (repeatable; default: every enabled one)
  --cloud NAME         AzureCloud (default), AzureUSGovernment, AzureChinaCloud or custom
  --arm-endpoint URL   Azure Resource Manager, as https://management.azure.com
  --graph-endpoint URL Microsoft Graph host, as https://graph.microsoft.com
  --authority URL      Entra authority host, as https://login.microsoftonline.com
  --ca-cert PATH       also trust the CA certificates of this PEM file (TLS inspection)
  --concurrency N      requests in flight at once (default 8)
  --request-timeout S  seconds one request may take (default 30; retried up to 4 times)
  --max-retries N      retries of a throttled or failed request (default 4)
  --fetch-timeout S    seconds one (scope, type) may take, all its requests, retries and
                       pages (default 1800); past it, it is recorded as an error
  --save-snapshot PATH write the collected snapshot there (audit it later with --snapshot)
  -v, --verbose        log retries and throttling on stderr; twice (-vv): every request

exit status: 0 the audit ran; 1 --fail-on or --fail-on-new matched; 2 an error (one line
on stderr); 3 --require-complete and the data was partial (1 takes precedence). A partial
collection alone is never an error: its gaps are unknown findings, counted in the report.";

struct Args {
    snapshot: String,
    config: Option<String>,
    selection: Selection,
    format: String,
    output: Option<String>,
    fail_on: Option<Severity>,
    fail_on_new: Option<Severity>,
    baseline: Option<String>,
    framework: Option<String>,
    list_checks: bool,
    require_complete: bool,
    live: crate::live::LiveArgs,
}

fn parse_args(argv: &[String]) -> Result<Option<Args>, String> {
    let mut args = Args {
        snapshot: String::new(),
        config: None,
        selection: Selection::default(),
        format: "text".into(),
        output: None,
        fail_on: None,
        fail_on_new: None,
        baseline: None,
        framework: None,
        list_checks: false,
        require_complete: false,
        live: Default::default(),
    };
    let mut it = argv.iter().cloned();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--snapshot" => args.snapshot = value()?,
            "--config" => args.config = Some(value()?),
            "--checks" => args.selection.checks = Selection::with_checks(&value()?).checks,
            "--service" => args
                .selection
                .services
                .extend(value()?.split(',').map(|s| s.trim().to_string())),
            "--level" => {
                let v = value()?;
                args.selection.max_level = Some(match v.as_str() {
                    "1" => 1,
                    "2" => 2,
                    _ => return Err(format!("--level takes 1 or 2, not `{v}`")),
                })
            }
            "--min-severity" => args.selection.min_severity = Some(value()?.parse()?),
            "--format" => args.format = value()?,
            "--output" => args.output = Some(value()?),
            "--fail-on" => args.fail_on = Some(value()?.parse()?),
            "--fail-on-new" => args.fail_on_new = Some(value()?.parse()?),
            "--baseline" => args.baseline = Some(value()?),
            "--framework" => args.framework = Some(value()?),
            "--list-checks" => args.list_checks = true,
            "--live" => args.live.enabled = true,
            "--tenant" | "--subscription" | "--cloud" | "--arm-endpoint" | "--graph-endpoint"
            | "--authority" | "--ca-cert" | "--concurrency" | "--request-timeout"
            | "--fetch-timeout" | "--max-retries" => args.live.set(&flag, &value()?)?,
            "--save-snapshot" => args.live.save_snapshot = Some(value()?),
            "--require-complete" => args.require_complete = true,
            "-v" | "--verbose" => args.live.verbosity += 1,
            "-vv" => args.live.verbosity += 2,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown option `{other}` (see --help)")),
        }
    }
    if args.list_checks {
        if !["text", "json", "markdown"].contains(&args.format.as_str()) {
            return Err(format!(
                "unknown format `{}` for --list-checks (expected text, json, markdown)",
                args.format
            ));
        }
    } else {
        args.format.parse::<report::Format>()?;
    }
    if args.live.enabled && !args.snapshot.is_empty() {
        return Err("--live and --snapshot exclude each other".into());
    }
    if !args.live.enabled && args.live.any_set() {
        return Err("--tenant, --subscription, --cloud, the endpoints, --ca-cert, --concurrency, the timeouts, --max-retries and --save-snapshot need --live".into());
    }
    if args.snapshot.is_empty() && !args.live.enabled {
        // No snapshot given: the demo tenant, with its demo configuration unless one is given.
        args.snapshot = DEMO_SNAPSHOT.into();
        if args.config.is_none() {
            args.config = Some(DEMO_CONFIG.into());
        }
    }
    Ok(Some(args))
}

fn catalog_text() -> String {
    let mut s = String::new();
    for c in catalog::all() {
        let m = c.meta();
        s.push_str(&format!(
            "{:<45} L{} {:<8} {}\n",
            m.id,
            m.level,
            m.severity.as_str(),
            m.title
        ));
    }
    s
}

fn run(args: Args, stdout: &mut dyn Write) -> Result<u8, String> {
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| format!("{p}: {e}"))?,
        )),
        None => Box::new(stdout),
    };
    let io = |e: std::io::Error| format!("writing the report: {e}");
    if args.list_checks {
        let text = match args.format.as_str() {
            "json" => catalog::to_json() + "\n",
            "markdown" => catalog::markdown(),
            _ => catalog_text(),
        };
        out.write_all(text.as_bytes()).map_err(io)?;
        return Ok(0);
    }
    let config = match &args.config {
        Some(p) => Config::load(p).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let engine = Engine::new(config)
        .with_selection(args.selection.clone())
        .map_err(|e| e.to_string())?;
    let snapshot = if args.live.enabled {
        crate::live::collect(&args.live, &args.selection)?
    } else {
        Snapshot::load(&args.snapshot).map_err(|e| e.to_string())?
    };
    let mut report = engine.run(&snapshot);
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let before: report::Report = serde_json::from_str(&text)
            .map_err(|e| format!("{path}: not a JSON report from azaudit: {e}"))?;
        report.compare_with(&before);
    }
    if let Some(id) = &args.framework {
        report.compliance = Some(report.compliance(id).ok_or_else(|| {
            let ids: Vec<&str> = report::frameworks().iter().map(|f| f.id.as_str()).collect();
            format!("unknown framework `{id}` (expected {})", ids.join(", "))
        })?);
    }
    let format: report::Format = args.format.parse()?;
    let written = report.write(format, &mut out).and_then(|()| out.flush());
    match written {
        // A reader that stopped early (`| head`) is not an error, and does not excuse a
        // failure: --fail-on still decides the exit status.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.map_err(io)?,
    }
    if let Some(sev) = args.fail_on
        && report.has_failure_at_or_above(sev)
    {
        eprintln!("azaudit: failed findings at or above {sev}");
        return Ok(1);
    }
    if let Some(sev) = args.fail_on_new
        && report.has_new_failure_at_or_above(sev)
    {
        eprintln!("azaudit: new failed findings at or above {sev} (against the baseline)");
        return Ok(1);
    }
    if args.require_complete && !report.coverage_gaps.is_empty() {
        eprintln!(
            "azaudit: incomplete data: {} (scope, type) the checks need were not collected whole (--require-complete)",
            report.coverage_gaps.len()
        );
        return Ok(3);
    }
    Ok(0)
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

/// Run the command line with `argv` (without the program name), writing the report to
/// `stdout` (unless `--output` says otherwise) and errors to stderr; returns the exit status.
pub fn main_with_args(argv: &[String], stdout: &mut dyn Write) -> u8 {
    match parse_args(argv) {
        Ok(None) => {
            let _ = writeln!(stdout, "{USAGE}");
            0
        }
        Ok(Some(args)) => match run(args, stdout) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("azaudit: error: {e}");
                2
            }
        },
        Err(e) => {
            eprintln!("azaudit: error: {e}");
            2
        }
    }
}
