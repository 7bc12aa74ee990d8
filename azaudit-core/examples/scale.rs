//! One phase of the scale benchmark per process, so peak memory (VmHWM) is the phase's own.
//!
//! `scale gen N PATH` writes a synthetic snapshot; `scale value PATH` parses it into
//! `serde_json::Value`; `scale load PATH` loads and indexes it; `scale audit PATH` loads it and
//! runs every check. Each prints `phase records bytes seconds peak_rss_bytes`. `scale write
//! FORMAT PATH` audits, then writes the report in a format to /dev/null, with the peak
//! memory before and after writing.
//! Driven by `scripts/bench-scale.sh`. For `audit`, `AZAUDIT_THREADS=N` sets the engine's
//! threads (default 2) and `AZAUDIT_REPEAT=N` evaluates N times in the process, printing the
//! mean: the first run pays for fresh memory, later ones reuse it (use it to profile).

use std::time::Instant;

use azaudit_core::{Config, Engine, Snapshot, synth};

fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (phase, rest) = args
        .split_first()
        .expect("usage: scale gen N PATH | value PATH | load PATH | audit PATH");
    match phase.as_str() {
        "gen" => {
            let n: usize = rest[0].parse().expect("N");
            std::fs::write(&rest[1], synth::generate(n, 42)).expect("write");
        }
        "value" | "load" | "audit" => {
            let text = std::fs::read_to_string(&rest[0]).expect("read");
            let bytes = text.len();
            let base = peak_rss();
            let start = Instant::now();
            let (records, secs) = match phase.as_str() {
                "value" => {
                    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
                    let n = v["resources"].as_array().map_or(0, Vec::len);
                    (n, start.elapsed().as_secs_f64())
                }
                "load" => {
                    let s = Snapshot::from_json(text).expect("snapshot");
                    (s.len(), start.elapsed().as_secs_f64())
                }
                _ => {
                    let s = Snapshot::from_json(text).expect("snapshot");
                    let threads = std::env::var("AZAUDIT_THREADS")
                        .ok()
                        .and_then(|t| t.parse().ok())
                        .unwrap_or(2);
                    // AZAUDIT_REPEAT=N evaluates N times (for profiling the evaluation alone);
                    // the time printed is the mean.
                    let repeat: usize = std::env::var("AZAUDIT_REPEAT")
                        .ok()
                        .and_then(|t| t.parse().ok())
                        .unwrap_or(1)
                        .max(1);
                    let mut engine = Engine::new(Config::default()).with_threads(threads);
                    // AZAUDIT_CHECKS=ids,globs times a selection (to find which check costs).
                    if let Ok(checks) = std::env::var("AZAUDIT_CHECKS") {
                        engine = engine
                            .with_selection(azaudit_core::Selection::with_checks(&checks))
                            .expect("a known selection");
                    }
                    let mut took = 0.0;
                    for _ in 0..repeat {
                        let t = Instant::now();
                        let r = engine.run(&s);
                        took += t.elapsed().as_secs_f64();
                        assert!(!r.findings.is_empty());
                    }
                    (s.len(), took / repeat as f64)
                }
            };
            let _ = base;
            println!("{phase} {records} {bytes} {secs:.3} {}", peak_rss());
        }
        "write" => {
            // `scale write FORMAT PATH`: audit, then time writing the report to /dev/null.
            let format: azaudit_core::report::Format = rest[0].parse().expect("format");
            let s = Snapshot::load(&rest[1]).expect("snapshot");
            let r = Engine::new(Config::default()).run(&s);
            drop(s);
            let before = peak_rss();
            let t = Instant::now();
            let sink =
                std::io::BufWriter::new(std::fs::File::create("/dev/null").expect("/dev/null"));
            r.write(format, sink).expect("write");
            println!(
                "write-{format} {} findings {:.3}s peak_before {} peak_after {}",
                r.findings.len(),
                t.elapsed().as_secs_f64(),
                before,
                peak_rss()
            );
        }
        other => panic!("unknown phase {other}"),
    }
}
