//! Tokens and secrets never reach logs, errors, `Debug` output or snapshots.
//! (Its own test binary: the log capture must not race with other tests' callsites.)

mod common;

use std::sync::{Arc, Mutex};

use azaudit_azure::Collector;
use azaudit_fake_azure::{Behavior, Fault, Options};
use common::*;

/// A writer the log subscriber appends to.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);
impl std::io::Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn secrets_and_tokens_never_reach_logs_errors_debug_or_snapshots() {
    let server = serve(Options {
        faults: vec![Fault::new(
            "microsoft.keyvault/vaults?",
            Behavior::FailTimes(1),
        )],
        ..Default::default()
    });
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    // A current-thread runtime keeps every task under the thread-local subscriber.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (snapshot, debug) = tracing::subscriber::with_default(subscriber, || {
        rt.block_on(async {
            let cred = client_secret(
                &server.url(),
                &server,
                "fake-client-secret",
                reqwest_client(&server),
            );
            let collector = Collector::new(options(&server, "*"), Some(cred)).unwrap();
            let snapshot = collector.collect().await.unwrap();
            (snapshot, format!("{collector:?}"))
        })
    });
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    if std::env::var_os("AZAUDIT_SHOW_LOGS").is_some() {
        eprintln!("{logs}");
    }
    assert!(
        logs.contains("GET") && logs.contains("retrying"),
        "the logs were captured: {}",
        &logs[..logs.len().min(500)]
    );
    let json = snapshot.to_json();
    assert!(json.contains("Microsoft.KeyVault/vaults/secrets"));
    for (what, text) in [("logs", &logs), ("snapshot", &json), ("debug", &debug)] {
        assert!(
            !text.contains("fake-client-secret"),
            "the client secret is in the {what}"
        );
        assert!(
            !text.contains("fake-issued-token"),
            "a token is in the {what}"
        );
    }
    assert!(
        server
            .requests()
            .iter()
            .any(|r| r.target.ends_with("/oauth2/v2.0/token")),
        "the token came from the token endpoint"
    );
}
