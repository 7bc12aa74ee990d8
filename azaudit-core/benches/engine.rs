//! Load+index against a plain `serde_json::Value` parse, and evaluating every check, at 100k
//! and 1M records of a synthetic tenant (`azaudit_core::synth`).
//!
//! `cargo bench -p azaudit-core --bench engine` (peak memory: `scripts/bench-scale.sh`).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use azaudit_core::{Config, Engine, Snapshot, synth};
use divan::Bencher;

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [100_000, 1_000_000];

fn text(n: usize) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static str>>> = OnceLock::new();
    let mut map = CACHE.get_or_init(Default::default).lock().unwrap();
    map.entry(n)
        .or_insert_with(|| Box::leak(synth::generate(n, 42).into_boxed_str()))
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn parse_into_value(bencher: Bencher, n: usize) {
    let t = text(n);
    bencher
        .counter(divan::counter::BytesCount::new(t.len()))
        .bench(|| serde_json::from_str::<serde_json::Value>(t).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load_and_index(bencher: Bencher, n: usize) {
    let t = text(n);
    bencher
        .counter(divan::counter::BytesCount::new(t.len()))
        .with_inputs(|| t.to_string())
        .bench_values(|s| Snapshot::from_json(s).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn evaluate_all_checks(bencher: Bencher, n: usize) {
    let snap = Snapshot::from_json(text(n).to_string()).unwrap();
    let engine = Engine::new(Config::default());
    bencher.bench(|| engine.run(&snap));
}
