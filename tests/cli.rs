//! The `audit` command line, called as the example calls it.

use azaudit::cli::main_with_args;

fn run(args: &[&str]) -> (u8, String) {
    let argv: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    let code = main_with_args(&argv, &mut out);
    (code, String::from_utf8(out).unwrap())
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("azaudit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn no_arguments_audits_the_demo() {
    let (code, out) = run(&[]);
    assert_eq!(code, 0);
    assert!(
        out.contains("By severity")
            && out.contains("By service")
            && out.contains("Failed findings"),
        "{out}"
    );
    assert!(
        out.contains("nsg-dev-vms") && out.contains("fix: az network nsg rule delete"),
        "{out}"
    );
    assert!(
        out.contains("bjorn.lindqvist@fabrikamoutdoor.com"),
        "users are shown by UPN"
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let (code, out) = run(&["--format", "json", "--checks", "storage.*"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["checkId"].as_str().unwrap().starts_with("storage."))
    );
    assert_eq!(v["checks"].as_array().unwrap().len(), 5);
    assert!(v["summary"]["byStatus"]["fail"].as_u64().unwrap() > 0);
}

#[test]
fn selection_by_service_level_and_severity() {
    let checks = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["--format", "json"];
        a.extend_from_slice(args);
        let (code, out) = run(&a);
        assert_eq!(code, 0, "{args:?}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let sql = checks(&["--service", "sql"]);
    assert_eq!(sql.len(), 18);
    assert!(sql.iter().all(|c| c.starts_with("sql.")));
    let l1_storage = checks(&["--service", "storage", "--level", "1"]);
    assert_eq!(l1_storage.len(), 3);
    let critical = checks(&["--min-severity", "critical"]);
    assert!(
        critical.iter().all(|c| [
            "iam.mfa_privileged_users",
            "sql.firewall_no_public_access",
            "network.rdp_internet_denied",
            "network.ssh_internet_denied"
        ]
        .contains(&c.as_str())),
        "{critical:?}"
    );
    assert_eq!(run(&["--level", "3"]).0, 2);
    assert_eq!(run(&["--service", "dns"]).0, 2);
}

#[test]
fn every_report_format_is_available() {
    for (format, probe) in [
        ("sarif", "\"version\":\"2.1.0\""),
        ("csv", "check_id,status"),
        ("junit", "<testsuites"),
        ("markdown", "## azaudit:"),
        ("ocsf", "\"class_uid\":2003"),
    ] {
        let (code, out) = run(&["--format", format]);
        assert_eq!(code, 0, "{format}");
        assert!(
            out.contains(probe),
            "{format}: {}",
            &out[..out.len().min(200)]
        );
    }
}

#[test]
fn baseline_marks_new_unchanged_and_fixed() {
    // The baseline: the demo with fewer checks failing (as if run before a change).
    let base = tmp("baseline.json");
    let (code, _) = run(&[
        "--format",
        "json",
        "--checks",
        "storage.*,network.*",
        "--output",
        base.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    // Pretend one storage failure was already known, and one extra failure has since been fixed.
    let findings = doc["findings"].as_array_mut().unwrap();
    findings.retain(|f| f["checkId"] != "network.rdp_internet_denied");
    let mut gone = findings[0].clone();
    gone["resourceId"] = serde_json::json!(
        "/subscriptions/x/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/deleted"
    );
    gone["status"] = serde_json::json!("fail");
    findings.push(gone);
    std::fs::write(&base, doc.to_string()).unwrap();

    let (code, out) = run(&[
        "--format",
        "json",
        "--checks",
        "storage.*,network.*",
        "--baseline",
        base.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let b = &v["baseline"];
    let rdp_fails = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["checkId"] == "network.rdp_internet_denied" && f["status"] == "fail")
        .count();
    assert_eq!(
        b["new"].as_u64().unwrap() as usize,
        rdp_fails,
        "only the RDP failures are new"
    );
    assert!(b["unchanged"].as_u64().unwrap() > 0);
    assert_eq!(b["fixed"][0]["now"], "absent");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["change"] == "new")
    );
    // --fail-on-new looks at new failures only; the RDP one is critical.
    assert_eq!(
        run(&[
            "--checks",
            "storage.*,network.*",
            "--baseline",
            base.to_str().unwrap(),
            "--fail-on-new",
            "critical"
        ])
        .0,
        1
    );
    assert_eq!(
        run(&[
            "--checks",
            "storage.*",
            "--baseline",
            base.to_str().unwrap(),
            "--fail-on-new",
            "low"
        ])
        .0,
        0
    );
    let (_, text) = run(&[
        "--checks",
        "storage.*,network.*",
        "--baseline",
        base.to_str().unwrap(),
    ]);
    assert!(
        text.contains("Against the baseline:") && text.contains("[new]"),
        "{text}"
    );
    // A file that is not a report is one clear error.
    std::fs::write(&base, "{}").unwrap();
    assert_eq!(run(&["--baseline", base.to_str().unwrap()]).0, 2);
}

#[test]
fn compliance_views() {
    let (code, out) = run(&["--format", "json", "--framework", "cis-azure-3.0"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &v["compliance"];
    assert_eq!(c["framework"], "cis-azure-3.0");
    let req = |id: &str| {
        c["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(req("7.1")["status"], "fail");
    assert!(
        req("7.1")["failing"][0]
            .as_str()
            .unwrap()
            .ends_with("nsg-dev-vms")
    );
    assert_eq!(req("2.3")["status"], "pass");
    assert_eq!(req("3.3.8")["status"], "not covered");
    assert_eq!(req("2.20")["status"], "manual");
    assert_eq!(req("2.10")["status"], "pass");
    assert_eq!(
        req("5.1.1")["status"],
        "fail",
        "auditing fails on two servers and is unknown on the sandbox"
    );
    let total: u64 = c["summary"]
        .as_object()
        .unwrap()
        .values()
        .map(|x| x.as_u64().unwrap())
        .sum();
    assert_eq!(total, 159);
    let (code, text) = run(&["--framework", "mcsb", "--checks", "network.*"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("NS-1") && text.contains("not covered"),
        "{text}"
    );
    assert_eq!(run(&["--framework", "nist"]).0, 2);
}

#[test]
fn every_cis_version_has_a_view_with_manual_recommendations_as_manual() {
    for (id, total, automated) in [
        ("cis-azure-3.0", 159, 99),
        ("cis-azure-4.0", 139, 77),
        ("cis-azure-5.0", 155, 93),
        ("cis-azure-6.0", 127, 89),
    ] {
        let (code, out) = run(&["--format", "json", "--framework", id]);
        assert_eq!(code, 0, "{id}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let reqs = v["compliance"]["requirements"].as_array().unwrap();
        assert_eq!(reqs.len(), total, "{id}");
        let auto: Vec<&serde_json::Value> = reqs
            .iter()
            .filter(|r| r["assessment"] == "automated")
            .collect();
        assert_eq!(auto.len(), automated, "{id}");
        for r in reqs {
            let unmapped = r["checks"].as_array().unwrap().is_empty();
            if r["assessment"] == "manual" {
                assert!(
                    ["manual", "not covered"].contains(&r["status"].as_str().unwrap()) || !unmapped,
                    "{id} {}: a manual recommendation is never covered by nothing",
                    r["id"]
                );
                if unmapped {
                    assert_eq!(r["status"], "manual", "{id} {}", r["id"]);
                }
            } else if unmapped {
                assert_eq!(r["status"], "not covered", "{id} {}", r["id"]);
            }
        }
    }
    // The RDP rule is CIS 6.0 7.1 as it was 3.0 7.1; MFA for all users is 6.0 5.1.3.
    let (_, out) = run(&["--format", "json", "--framework", "cis-azure-6.0"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let req = |rid: &str| {
        v["compliance"]["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == rid)
            .unwrap()
            .clone()
    };
    assert_eq!(req("7.1")["checks"][0], "network.rdp_internet_denied");
    assert_eq!(req("7.1")["status"], "fail");
    assert_eq!(req("5.1.3")["checks"][0], "iam.mfa_all_users");
    // The catalog shows each check's requirements per version.
    let (_, text) = run(&["checks"]);
    let line = text
        .lines()
        .find(|l| l.starts_with("network.rdp_internet_denied "))
        .unwrap();
    assert!(
        line.contains("cis-azure-3.0 7.1") && line.contains("cis-azure-6.0 7.1"),
        "{line}"
    );
    let (_, json) = run(&["checks", "--format", "json"]);
    let checks: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rdp = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "network.rdp_internet_denied")
        .unwrap();
    assert_eq!(rdp["frameworks"]["cis-azure-5.0"][0], "7.1");
}

#[test]
fn fail_on_sets_the_exit_status() {
    assert_eq!(run(&["--fail-on", "critical"]).0, 1);
    assert_eq!(
        run(&["--checks", "defender.secure_score", "--fail-on", "high"]).0,
        0
    );
    assert_eq!(run(&["--fail-on", "severe"]).0, 2);
}

#[test]
fn output_file_and_catalog_listing() {
    let path = tmp("report.json");
    let (code, out) = run(&["--format", "json", "--output", path.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, ""));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(v["findings"].as_array().unwrap().len() > 100);
    let (code, out) = run(&["--list-checks", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 111);
    assert!(v[0]["remediation"]["portal"].is_string());
    let (_, md) = run(&["--list-checks", "--format", "markdown"]);
    assert_eq!(
        md,
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/checks.md")).unwrap()
    );
}

#[test]
fn errors_are_one_line_and_exit_2() {
    assert_eq!(run(&["--snapshot", "/nonexistent.json"]).0, 2);
    assert_eq!(run(&["--checks", "nosuch.*"]).0, 2);
    assert_eq!(run(&["--format", "yaml"]).0, 2);
    assert_eq!(run(&["--bogus"]).0, 2);
    let bad = tmp("bad.toml");
    std::fs::write(&bad, "key_rotation_dayz = 3\n").unwrap();
    assert_eq!(run(&["--config", bad.to_str().unwrap()]).0, 2);
    let snap = tmp("bad.json");
    std::fs::write(&snap, "{\"version\": 1, \"resources\": [\n {\"id\": 1}\n]}").unwrap();
    assert_eq!(run(&["--snapshot", snap.to_str().unwrap()]).0, 2);
}

#[test]
fn live_options_are_checked_before_anything_runs() {
    assert_eq!(run(&["--tenant", "t"]).0, 2, "--tenant needs --live");
    assert_eq!(run(&["--live", "--snapshot", "x.json"]).0, 2);
    assert_eq!(run(&["--live", "--concurrency", "0"]).0, 2);
    assert_eq!(run(&["--live", "--cloud", "mars"]).0, 2);
    assert_eq!(
        run(&["--live", "--cloud", "custom", "--arm-endpoint", "https://a"]).0,
        2
    );
    let (code, out) = run(&["audit", "--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("--save-snapshot") && out.contains("--ca-cert"),
        "{out}"
    );
}

/// A reader that went away after the first bytes (`azaudit ... | head -1`).
struct ClosedPipe;
impl std::io::Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_pipe_does_not_turn_a_failing_gate_into_a_pass() {
    let argv: Vec<String> = ["--fail-on", "critical"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(main_with_args(&argv, &mut ClosedPipe), 1);
    assert_eq!(
        main_with_args(&[], &mut ClosedPipe),
        0,
        "without a gate, a closed pipe is fine"
    );
    for format in ["json", "sarif", "csv", "html"] {
        let argv = vec!["--format".to_string(), format.to_string()];
        assert_eq!(main_with_args(&argv, &mut ClosedPipe), 0, "{format}");
    }
}

#[test]
fn require_complete_exits_3_on_partial_data_and_every_machine_format_counts_the_gaps() {
    // The demo's sandbox subscription was partly forbidden to the collector: 18 gaps in all.
    assert_eq!(run(&["--require-complete"]).0, 3);
    assert_eq!(run(&[]).0, 0, "partial data alone is not an error");
    // Storage was collected everywhere: complete for these checks.
    assert_eq!(run(&["--require-complete", "--checks", "storage.*"]).0, 0);
    // A failure gate comes first.
    assert_eq!(run(&["--require-complete", "--fail-on", "high"]).0, 1);

    let (_, json) = run(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["coverageGaps"], 18);
    let gaps = v["coverageGaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 18);
    assert!(
        gaps.iter()
            .any(|g| g["type"] == "Microsoft.Sql/servers" && g["status"] == "forbidden"),
        "{gaps:?}"
    );
    let (_, sarif) = run(&["--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(v["runs"][0]["properties"]["coverageGaps"], 18);
    let notes = v["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 18);
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("c41e9a7d")
    );
    let (_, junit) = run(&["--format", "junit"]);
    assert!(
        junit.contains(r#"<property name="coverageGaps" value="18"/>"#),
        "{junit}"
    );
    assert_eq!(
        junit.matches(r#"<property name="coverageGap" "#).count(),
        18
    );
    let (_, text) = run(&[]);
    assert!(text.contains("Partial data: 18 (scope, type)"), "{text}");
    let (_, complete) = run(&["--format", "junit", "--checks", "storage.*"]);
    assert!(complete.contains(r#"<property name="coverageGaps" value="0"/>"#));
}
