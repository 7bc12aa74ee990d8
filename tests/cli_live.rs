//! `audit --live` against the local fake Azure, signing in through the default chain's
//! first link (a client secret from the environment) at the fake authority.
//! Its own test binary: it sets environment variables, which no other test may race with.

use azaudit::cli::main_with_args;
use azaudit_fake_azure::{FakeAzure, Options, Tenant};

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/demo-tenant.json"
);
const PROD: &str = "3b7e4c1a-52d9-4e8f-9a6b-1f2c3d4e5a01";
const DEV: &str = "8d2f6b9e-07c1-4a3d-b5e8-2a4c6e8f0b02";

#[test]
fn live_audit_with_the_default_credential_chain() {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(DEMO).unwrap()).unwrap();
    let server = FakeAzure::start(Tenant::from_snapshot(&doc), Options::default()).unwrap();
    let dir = std::env::temp_dir().join(format!("azaudit-cli-live-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, server.ca_pem()).unwrap();
    let saved = dir.join("collected.json");
    // SAFETY: this test binary has one test, and nothing else reads the environment meanwhile.
    unsafe {
        std::env::set_var("AZURE_TENANT_ID", server.tenant_id());
        std::env::set_var("AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555");
        std::env::set_var("AZURE_CLIENT_SECRET", "fake-client-secret");
    }
    let url = server.url();
    let argv: Vec<String> = [
        "--live",
        "--cloud",
        "custom",
        "--arm-endpoint",
        &url,
        "--graph-endpoint",
        &url,
        "--authority",
        &url,
        "--ca-cert",
        ca.to_str().unwrap(),
        "--subscription",
        PROD,
        "--subscription",
        DEV,
        "--concurrency",
        "4",
        "--save-snapshot",
        saved.to_str().unwrap(),
        "--format",
        "json",
        "--checks",
        "storage.*,iam.*",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut out = Vec::new();
    let code = main_with_args(&argv, &mut out);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&out));
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let failed = |id: &str| {
        findings
            .iter()
            .any(|f| f["checkId"] == id && f["status"] == "fail")
    };
    assert!(failed("storage.secure_transfer_required") && failed("iam.mfa_privileged_users"));
    assert!(
        findings
            .iter()
            .all(|f| !f["resourceId"].as_str().unwrap().contains("c41e9a7d")),
        "only the subscriptions asked for"
    );
    let snapshot = azaudit::Snapshot::load(&saved).unwrap();
    assert_eq!(snapshot.subscriptions().len(), 2);
    assert!(
        snapshot
            .coverage()
            .iter()
            .any(|c| c.resource_type == "Microsoft.Graph/users")
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(!text.contains("fake-client-secret") && !text.contains("fake-issued-token"));
    assert!(
        server
            .requests()
            .iter()
            .any(|r| r.target.ends_with("/oauth2/v2.0/token"))
    );

    // A partial collection (the sandbox's SQL is forbidden) is an audit, not an error: exit 0,
    // or the --fail-on code; --require-complete makes it exit 3.
    let partial = |extra: &[&str]| -> (u8, serde_json::Value) {
        let mut argv: Vec<String> = [
            "--live",
            "--cloud",
            "custom",
            "--arm-endpoint",
            &url,
            "--graph-endpoint",
            &url,
            "--authority",
            &url,
            "--ca-cert",
            ca.to_str().unwrap(),
            "--subscription",
            "c41e9a7d-3f6b-4e2c-8d1a-5b7c9e1f3d03",
            "--checks",
            "sql.tde_enabled",
            "--format",
            "json",
            "--request-timeout",
            "5",
            "--fetch-timeout",
            "60",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        argv.extend(extra.iter().map(|s| s.to_string()));
        let mut out = Vec::new();
        let code = main_with_args(&argv, &mut out);
        (code, serde_json::from_slice(&out).unwrap_or_default())
    };
    let (code, report) = partial(&[]);
    assert_eq!(code, 0);
    // The databases and their encryption settings: neither listed, since the servers could
    // not be.
    assert_eq!(
        report["summary"]["coverageGaps"], 2,
        "{}",
        report["coverageGaps"]
    );
    assert!(
        report["coverageGaps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["reason"]
                .as_str()
                .unwrap()
                .contains("because listing Microsoft.Sql/servers failed")),
        "{}",
        report["coverageGaps"]
    );
    assert_eq!(partial(&["--require-complete"]).0, 3);

    // Wrong usage is one clear line and exit 2.
    let bad: Vec<String> = [
        "--live",
        "--cloud",
        "custom",
        "--arm-endpoint",
        "http://127.0.0.1:1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(main_with_args(&bad, &mut Vec::new()), 2);

    // `azaudit collect`, run as a user runs it: the snapshot goes to the file, a summary to
    // stderr (none with --quiet), and no progress bar, stderr not being a terminal.
    let collected = dir.join("collect.json");
    let collect = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_azaudit"))
            .args(["collect", "--cloud", "custom", "--arm-endpoint", &url])
            .args(["--graph-endpoint", &url, "--authority", &url])
            .args(["--ca-cert", ca.to_str().unwrap(), "--subscription", PROD])
            .args(["--checks", "storage.*", "-o", collected.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap()
    };
    let run = collect(&[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(run.stdout.is_empty());
    assert!(
        stderr.contains("azaudit: collected") && stderr.contains("requests"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("collecting ["),
        "no bar off a terminal: {stderr}"
    );
    let snapshot = azaudit::Snapshot::load(&collected).unwrap();
    assert_eq!(snapshot.subscriptions().len(), 1);
    assert!(
        snapshot
            .of_type("Microsoft.Storage/storageAccounts")
            .next()
            .is_some()
    );
    // `--live`, as `audit` takes it, is what `collect` does anyway.
    assert_eq!(collect(&["--live", "--quiet"]).status.code(), Some(0));
    let quiet = collect(&["--quiet"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "", "--quiet");
    let audited = std::process::Command::new(env!("CARGO_BIN_EXE_azaudit"))
        .args([
            "audit",
            "--snapshot",
            collected.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(audited.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&audited.stdout).unwrap();
    assert!(report["summary"]["byStatus"]["fail"].as_u64().unwrap() > 0);
    let _ = std::fs::remove_dir_all(&dir);
}
