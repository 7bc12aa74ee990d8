//! `--live`: collect a snapshot from Azure for the command line, with a progress bar.

use crate::Selection;
use crate::Snapshot;

/// The command line's live-collection options.
#[derive(Debug, Default)]
pub(crate) struct LiveArgs {
    pub enabled: bool,
    pub tenant: Option<String>,
    pub subscriptions: Vec<String>,
    pub cloud: Option<String>,
    pub arm: Option<String>,
    pub graph: Option<String>,
    pub authority: Option<String>,
    pub ca_cert: Option<String>,
    pub concurrency: Option<usize>,
    pub request_timeout: Option<std::time::Duration>,
    pub fetch_timeout: Option<std::time::Duration>,
    pub save_snapshot: Option<String>,
    pub verbosity: u8,
}

impl LiveArgs {
    pub(crate) fn any_set(&self) -> bool {
        self.tenant.is_some()
            || !self.subscriptions.is_empty()
            || self.cloud.is_some()
            || self.arm.is_some()
            || self.graph.is_some()
            || self.authority.is_some()
            || self.ca_cert.is_some()
            || self.concurrency.is_some()
            || self.request_timeout.is_some()
            || self.fetch_timeout.is_some()
            || self.save_snapshot.is_some()
            || self.verbosity > 0
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

    use azaudit_azure::{CloudProfile, CollectOptions, Collector, Progress};

    let cloud = CloudProfile::resolve(
        args.cloud.as_deref().unwrap_or("AzureCloud"),
        args.arm.as_deref(),
        args.graph.as_deref(),
        args.authority.as_deref(),
    )
    .map_err(|e| e.to_string())?;
    let ca = match &args.ca_cert {
        Some(p) => Some(std::fs::read(p).map_err(|e| format!("{p}: {e}"))?),
        None => None,
    };
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
    let defaults = CollectOptions::default();
    let options = CollectOptions {
        request_timeout: args.request_timeout.unwrap_or(defaults.request_timeout),
        fetch_timeout: args.fetch_timeout.unwrap_or(defaults.fetch_timeout),
        cloud,
        tenant_id: args.tenant.clone(),
        subscriptions: args.subscriptions.clone(),
        selection: selection.clone(),
        concurrency: args.concurrency.unwrap_or(8),
        ca_certificates_pem: ca,
        progress: Some(Arc::new(progress)),
        ..Default::default()
    };
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
