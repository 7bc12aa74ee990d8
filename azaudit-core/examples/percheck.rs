use azaudit_core::{Config, Engine, Snapshot};
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let reps: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(3);
    let s = Snapshot::from_json(std::fs::read_to_string(path).unwrap()).unwrap();
    for _ in 0..reps {
        let t = Instant::now();
        let r = Engine::new(Config::default()).run(&s);
        let e = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let n = r.findings.len();
        drop(r);
        println!(
            "engine: {e:.3}s, {n} findings, drop {:.3}s",
            t.elapsed().as_secs_f64()
        );
    }
}
