//! Live collection for the command line (`audit --live`, `collect`), with a progress bar.

use crate::Selection;
use crate::Snapshot;
use crate::cli::CollectFlags;

#[cfg(not(feature = "azure"))]
pub(crate) fn collect(
    _: &CollectFlags,
    _: &Selection,
    _: Option<&str>,
) -> Result<Snapshot, String> {
    Err("this build has no live collection (the `azure` feature is off)".into())
}

/// The flags as the collector's options data: ranges, the cloud and the endpoints are judged
/// by `CollectOptions::from_config`, as the bindings' options are.
#[cfg(feature = "azure")]
fn config_of(flags: &CollectFlags) -> azaudit_azure::CollectConfig {
    let mut config = azaudit_azure::CollectConfig {
        cloud: flags.cloud.clone(),
        tenant_id: flags.tenant.clone(),
        subscriptions: flags
            .subscription
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        concurrency: flags.concurrency,
        request_timeout: flags.request_timeout,
        fetch_timeout: flags.fetch_timeout,
        max_retries: flags.max_retries,
        ca_cert: flags.ca_cert.clone(),
        ..Default::default()
    };
    config.endpoints.arm = flags.arm_endpoint.clone();
    config.endpoints.graph = flags.graph_endpoint.clone();
    config.endpoints.authority = flags.authority.clone();
    config
}

#[cfg(feature = "azure")]
pub(crate) fn collect(
    flags: &CollectFlags,
    selection: &Selection,
    save_snapshot: Option<&str>,
) -> Result<Snapshot, String> {
    use std::sync::Arc;
    use std::time::Duration;

    use azaudit_azure::{CollectOptions, Collector, KeyStyle, Progress};
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    let mut options =
        CollectOptions::from_config(&config_of(flags)).map_err(|e| e.message_in(KeyStyle::Flag))?;
    // The command line selects by service, level and severity too: the engine's selection
    // decides what is collected.
    options.selection = selection.clone();
    if flags.verbose > 0 {
        // Tokens are never logged: requests are logged by URL, headers are redacted.
        use tracing_subscriber::filter::LevelFilter;
        let level = if flags.verbose > 1 {
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
    // indicatif draws nothing when stderr is not a terminal; log lines and the bar do not mix.
    let target = if flags.quiet || flags.no_progress || flags.verbose > 0 {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    // Position and length count lists and objects (a paged list is one); the length grows as
    // lists reveal what to fan out over. `wide_bar` takes what the terminal's width leaves,
    // so the line does not wrap.
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(
        ProgressStyle::with_template("collecting [{wide_bar}] {pos}/{len} · {msg} · ETA {eta}")
            .expect("a valid template")
            .progress_chars("#>."),
    );
    bar.set_message("signing in");
    bar.enable_steady_tick(Duration::from_millis(200));
    let shown = bar.clone();
    options.progress = Some(Arc::new(move |p: Progress| {
        shown.set_length(p.total as u64);
        shown.set_position(p.done as u64);
        shown.set_message(format!(
            "{} requests, {} throttled",
            p.requests, p.throttled
        ));
    }));
    let collector = Collector::new(options, None).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let result = runtime.block_on(collector.collect_with_metrics());
    bar.finish_and_clear();
    let (snapshot, metrics) = result.map_err(|e| e.to_string())?;
    let gaps: Vec<_> = snapshot
        .coverage()
        .iter()
        .filter(|c| c.status != azaudit_core::CoverageStatus::Ok)
        .collect();
    if !flags.quiet {
        eprintln!(
            "azaudit: collected {} records from {} subscriptions; {metrics}; {} coverage gaps",
            snapshot.len(),
            snapshot.subscriptions().len(),
            gaps.len()
        );
    }
    if let (false, Some(first)) = (flags.quiet, gaps.first()) {
        // The scan goes on with what it has; the checks say unknown where data is missing.
        let more = gaps.len() - 1;
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
    if let Some(path) = save_snapshot {
        snapshot.save(path).map_err(|e| format!("{path}: {e}"))?;
        if !flags.quiet {
            eprintln!("azaudit: snapshot saved to {path}");
        }
    }
    Ok(snapshot)
}
