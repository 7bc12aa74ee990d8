//! `fake-azure`: serve a snapshot's tenant over local HTTPS for tests in other languages
//! and for the collection benchmark.
//!
//! ```text
//! fake-azure --snapshot PATH [--page-size N] [--latency-ms N] [--ca-out PATH]
//!            [--throttle PATH_PART] [--fail-once PATH_PART]
//! ```
//! Prints one JSON line (`url`, `tenantId`, `caPath`, `token`, `clientSecret`) and serves
//! until its standard input closes, then prints the request count as a second JSON line.

use std::io::{BufRead, Write};
use std::time::Duration;

use azaudit_fake_azure::{Behavior, FakeAzure, Fault, Options, STATIC_TOKEN, Tenant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut snapshot = None;
    let mut options = Options::default();
    let mut ca_out = std::env::temp_dir().join(format!("fake-azure-ca-{}.pem", std::process::id()));
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--snapshot" => snapshot = Some(value),
            "--page-size" => options.page_size = value.parse().expect("--page-size N"),
            "--latency-ms" => {
                options.latency = Duration::from_millis(value.parse().expect("--latency-ms N"))
            }
            "--ca-out" => ca_out = value.into(),
            "--throttle" => options
                .faults
                .push(Fault::new(&value, Behavior::Throttle(1, 1))),
            "--fail-once" => options
                .faults
                .push(Fault::new(&value, Behavior::FailTimes(1))),
            other => {
                eprintln!("fake-azure: unknown option {other}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let Some(path) = snapshot else {
        eprintln!("fake-azure: --snapshot PATH is required");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).expect("read the snapshot");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("snapshot JSON");
    let server = FakeAzure::start(Tenant::from_snapshot(&doc), options.clone()).expect("start");
    std::fs::write(&ca_out, server.ca_pem()).expect("write the CA");
    let hello = serde_json::json!({
        "url": server.url(),
        "tenantId": server.tenant_id(),
        "caPath": ca_out,
        "token": STATIC_TOKEN,
        "clientSecret": options.client_secret,
    });
    println!("{hello}");
    std::io::stdout().flush().ok();
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        if line.is_err() {
            break;
        }
    }
    println!(
        "{}",
        serde_json::json!({"requests": server.requests().len()})
    );
    let _ = std::fs::remove_file(&ca_out);
}
