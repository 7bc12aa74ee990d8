//! `--live`: collect a snapshot from Azure for the command line, with a progress bar.

use crate::Selection;
use crate::Snapshot;

/// The command line's live-collection options.
#[derive(Debug, Default)]
pub(crate) struct LiveArgs {
    pub enabled: bool,
    /// What to collect, validated by `CollectOptions::from_config` as the bindings' is.
    #[cfg(feature = "azure")]
    pub config: azaudit_azure::CollectConfig,
    /// Whether any collection option was given (the `azure` feature off: they are refused).
    #[cfg(not(feature = "azure"))]
    pub config_set: bool,
    pub save_snapshot: Option<String>,
    pub verbosity: u8,
}

impl LiveArgs {
    pub(crate) fn any_set(&self) -> bool {
        #[cfg(feature = "azure")]
        let config_set = self.config != azaudit_azure::CollectConfig::default();
        #[cfg(not(feature = "azure"))]
        let config_set = self.config_set;
        config_set || self.save_snapshot.is_some() || self.verbosity > 0
    }

    /// Take one collection flag's value. Numbers are read here; their ranges, the cloud and
    /// the endpoints are judged by `CollectOptions::from_config` when the collection starts.
    #[cfg(feature = "azure")]
    pub(crate) fn set(&mut self, flag: &str, value: &str) -> Result<(), String> {
        let config = &mut self.config;
        let number = |what: &str| format!("{flag} takes {what}, not `{value}`");
        match flag {
            "--tenant" => config.tenant_id = Some(value.into()),
            "--subscription" => config.subscriptions.extend(
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            ),
            "--cloud" => config.cloud = Some(value.into()),
            "--arm-endpoint" => config.endpoints.arm = Some(value.into()),
            "--graph-endpoint" => config.endpoints.graph = Some(value.into()),
            "--authority" => config.endpoints.authority = Some(value.into()),
            "--ca-cert" => config.ca_cert = Some(value.into()),
            "--concurrency" => {
                config.concurrency = Some(value.parse().map_err(|_| number("a positive number"))?)
            }
            "--max-retries" => {
                config.max_retries = Some(value.parse().map_err(|_| number("a number"))?)
            }
            "--request-timeout" | "--fetch-timeout" => {
                let seconds: f64 = value
                    .parse()
                    .map_err(|_| number("a positive number of seconds"))?;
                if flag == "--request-timeout" {
                    config.request_timeout = Some(seconds);
                } else {
                    config.fetch_timeout = Some(seconds);
                }
            }
            _ => return Err(format!("unknown option `{flag}` (see --help)")),
        }
        Ok(())
    }

    /// Without the `azure` feature the flags are taken, and refused when collecting.
    #[cfg(not(feature = "azure"))]
    pub(crate) fn set(&mut self, _flag: &str, _value: &str) -> Result<(), String> {
        self.config_set = true;
        Ok(())
    }
}

#[cfg(not(feature = "azure"))]
pub(crate) fn collect(_: &LiveArgs, _: &Selection) -> Result<Snapshot, String> {
    Err("this build has no live collection (the `azure` feature is off)".into())
}

#[cfg(feature = "azure")]
pub(crate) fn collect(args: &LiveArgs, selection: &Selection) -> Result<Snapshot, String> {
    use std::io::{IsTerminal, Write};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use azaudit_azure::{CollectOptions, Collector, KeyStyle, Progress};

    let mut options =
        CollectOptions::from_config(&args.config).map_err(|e| e.message_in(KeyStyle::Flag))?;
    // The command line selects by service, level and severity too: the engine's selection
    // decides what is collected.
    options.selection = selection.clone();
    if args.verbosity > 0 {
        // Tokens are never logged: requests are logged by URL, headers are redacted.
        use tracing_subscriber::filter::LevelFilter;
        let level = if args.verbosity > 1 {
            LevelFilter::DEBUG
        } else {
            LevelFilter::INFO
        };
        let _ = tracing_subscriber::fmt()
            .with_max_level(level)
            .with_writer(std::io::stderr)
            .with_target(false)
            .try_init();
    }
    // A progress bar only on a terminal, and not mixed with the log lines.
    let bar = std::io::stderr().is_terminal() && args.verbosity == 0;
    let last = Arc::new(Mutex::new(Instant::now() - Duration::from_secs(1)));
    let progress = move |p: Progress| {
        let mut last = last.lock().expect("progress lock");
        if !bar || (last.elapsed() < Duration::from_millis(80) && p.done < p.total) {
            return;
        }
        *last = Instant::now();
        let width = 30;
        let filled = (p.done * width)
            .checked_div(p.total)
            .unwrap_or(0)
            .min(width);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2Kcollecting [{}{}] {}/{} requests",
            "#".repeat(filled),
            ".".repeat(width - filled),
            p.done,
            p.total
        );
        let _ = err.flush();
    };
    options.progress = Some(Arc::new(progress));
    let collector = Collector::new(options, None).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let result = runtime.block_on(collector.collect_with_metrics());
    if bar {
        eprint!("\r\x1b[2K");
    }
    let (snapshot, metrics) = result.map_err(|e| e.to_string())?;
    let gaps: Vec<_> = snapshot
        .coverage()
        .iter()
        .filter(|c| c.status != azaudit_core::CoverageStatus::Ok)
        .collect();
    eprintln!(
        "azaudit: collected {} records from {} subscriptions; {metrics}; {} coverage gaps",
        snapshot.len(),
        snapshot.subscriptions().len(),
        gaps.len()
    );
    if !gaps.is_empty() {
        // The scan goes on with what it has; the checks say unknown where data is missing.
        let (first, more) = (gaps[0], gaps.len() - 1);
        eprintln!(
            "azaudit: partial collection: {} {} for {}: {}{}",
            first.resource_type,
            first.status,
            first.scope,
            first.message.as_deref().unwrap_or("no reason given"),
            if more > 0 {
                format!(
                    " (and {more} more, in the snapshot's coverage and the report's coverageGaps)"
                )
            } else {
                String::new()
            }
        );
    }
    if let Some(path) = &args.save_snapshot {
        snapshot.save(path).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("azaudit: snapshot saved to {path}");
    }
    Ok(snapshot)
}
