//! Time each check alone over a snapshot (its views parsed from scratch), slowest first:
//! `cargo run --release -p azaudit-core --example checktimes -- <snapshot.json>`.
use std::time::Instant;

use azaudit_core::{Config, Engine, Selection, Snapshot, catalog};

fn main() {
    let path = std::env::args().nth(1).expect("snapshot path");
    let s = Snapshot::load(path).expect("snapshot");
    let mut rows = Vec::new();
    for c in catalog::all() {
        let e = Engine::new(Config::default())
            .with_selection(Selection::with_checks(c.meta().id))
            .expect("catalog id");
        let t = Instant::now();
        let r = e.run(&s);
        rows.push((t.elapsed().as_secs_f64(), c.meta().id, r.findings.len()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, id, n) in &rows {
        println!("{t:>7.3}s {id:<45} {n:>8} findings");
    }
    println!("{:>7.3}s in all", rows.iter().map(|r| r.0).sum::<f64>());
}
