//! The installed `azaudit` binary, run as a user runs it: a process with arguments and
//! environment, its stdout, stderr and exit status.

use std::process::{Command, Output};

fn azaudit(args: &[&str]) -> Output {
    command(args).output().unwrap()
}

fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_azaudit"));
    c.args(args);
    // The caller's environment must not change what these tests see.
    for (key, _) in std::env::vars() {
        if key.starts_with("AZAUDIT_") {
            c.env_remove(key);
        }
    }
    c
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("azaudit-command-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn version_and_help() {
    let v = azaudit(&["--version"]);
    assert_eq!(v.status.code(), Some(0));
    assert_eq!(
        stdout(&v),
        format!("azaudit {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = azaudit(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    for sub in ["audit", "collect", "checks", "diff", "completions"] {
        assert!(text.contains(&format!("  {sub} ")), "{sub}: {text}");
    }
    assert!(text.contains("Exit status:") && text.contains("3  --require-complete"));
    // Each subcommand has its own help, from the same definitions.
    let audit = stdout(&azaudit(&["audit", "--help"]));
    assert!(audit.contains("--fail-on <SEVERITY>") && audit.contains("AZAUDIT_FAIL_ON="));
    let diff = stdout(&azaudit(&["diff", "--help"]));
    assert!(diff.contains("<OLD>") && diff.contains("<NEW>"), "{diff}");
}

#[test]
fn audit_without_arguments_is_the_demo() {
    for args in [&[][..], &["audit"][..]] {
        let o = azaudit(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains("Failed findings") && text.contains("nsg-dev-vms"));
    }
}

#[test]
fn audit_json_and_the_environment() {
    let o = azaudit(&["audit", "--format", "json", "--checks", "storage.*"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["checks"].as_array().unwrap().len(), 5);
    // What CI sets instead of flags.
    let o = command(&["audit"])
        .env("AZAUDIT_FORMAT", "json")
        .env("AZAUDIT_CHECKS", "network.*")
        .env("AZAUDIT_FAIL_ON", "critical")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "the RDP rule is critical");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"].as_str().unwrap().starts_with("network."))
    );
    assert!(stderr(&o).contains("failed findings at or above critical"));
    // Booleans as CI writes them; a variable set but empty is unset.
    let o = command(&["audit"])
        .env("AZAUDIT_REQUIRE_COMPLETE", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = command(&["audit"])
        .env("AZAUDIT_REQUIRE_COMPLETE", "0")
        .env("AZAUDIT_NO_PROGRESS", "yes")
        .env("AZAUDIT_FAIL_ON", "")
        .env("AZAUDIT_CONFIG", "")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A job-wide AZAUDIT_FAIL_ON_NEW applies where there is a baseline; the flag without one
    // is a mistake (every failure would be new).
    let o = command(&["audit"])
        .env("AZAUDIT_FAIL_ON_NEW", "info")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = azaudit(&["audit", "--fail-on-new", "info"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--baseline"), "{}", stderr(&o));
    // AZAUDIT_FORMAT is the audit's: the catalog alias still lists.
    let o = command(&["--list-checks"])
        .env("AZAUDIT_FORMAT", "sarif")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A flag wins over its variable.
    let o = command(&["audit", "--format", "csv"])
        .env("AZAUDIT_FORMAT", "json")
        .output()
        .unwrap();
    assert!(stdout(&o).starts_with("check_id,"));
    // diff writes its summary whatever the job's AZAUDIT_FORMAT.
    let report = tmp("env-report.json");
    let path = report.to_str().unwrap();
    assert_eq!(
        azaudit(&["audit", "--format", "json", "-o", path])
            .status
            .code(),
        Some(0)
    );
    let o = command(&["diff", path, path])
        .env("AZAUDIT_FORMAT", "sarif")
        .output()
        .unwrap();
    assert!(stdout(&o).starts_with("0 new failure(s)"), "{}", stdout(&o));
}

#[test]
fn the_catalog() {
    let o = azaudit(&["checks", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), azaudit::catalog::all().len());
    let text = stdout(&azaudit(&["checks"]));
    assert_eq!(text.lines().count(), azaudit::catalog::all().len());
    assert!(text.contains("storage.secure_transfer_required"));
    // The old spelling stays.
    let alias = azaudit(&["--list-checks", "--format", "json"]);
    assert_eq!(alias.stdout, o.stdout);
}

#[test]
fn completions_for_each_shell() {
    for (shell, probe) in [
        ("bash", "_azaudit()"),
        ("zsh", "#compdef azaudit"),
        ("fish", "complete -c azaudit"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let o = azaudit(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        assert!(script.contains(probe), "{shell}");
        assert!(
            script.contains("collect") && script.contains("--fail-on"),
            "{shell}"
        );
    }
    // Completions know the values, from the same definitions.
    assert!(stdout(&azaudit(&["completions", "bash"])).contains("sarif"));
}

#[test]
fn errors_are_one_line_with_exit_2() {
    for args in [
        &["audit", "--format", "yaml"][..],
        &["audit", "--bogus"],
        &["frobnicate"],
        &["audit", "--snapshot", "/nonexistent.json"],
        &["audit", "--tenant", "t"],
        &["diff", "only-one.json"],
        &["completions", "tcsh"],
        &["audit", "--level", "3"],
    ] {
        let o = azaudit(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("azaudit: error: "), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    // What clap says under its message stays, on the one line: a suggestion, the values,
    // the missing arguments.
    let err = stderr(&azaudit(&["audit", "--formt", "json"]));
    assert!(err.contains("--format"), "{err}");
    let err = stderr(&azaudit(&["audit", "--format", "yaml"]));
    assert!(err.contains("sarif") && err.contains("markdown"), "{err}");
    let err = stderr(&azaudit(&["audit", "--service", "dns"]));
    assert!(err.contains("storage") && err.contains("keyvault"), "{err}");
    let err = stderr(&azaudit(&["diff", "only-one.json"]));
    assert!(err.contains("<NEW>"), "{err}");
}

#[test]
fn diff_of_two_reports() {
    let old = tmp("old.json");
    let new = tmp("new.json");
    let write = |path: &std::path::Path, checks: &str| {
        let o = azaudit(&[
            "audit",
            "--format",
            "json",
            "--checks",
            checks,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0));
    };
    // Before: storage only; after: storage and network, so the network failures are new.
    write(&old, "storage.*,iam.mfa_all_users");
    write(&new, "storage.*,network.*");
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let o = azaudit(&["diff", old, new]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.lines().next().unwrap().ends_with("fixed")
            && text.contains("\nNew failures\n")
            && text.contains("+ [critical] network.rdp_internet_denied: nsg-dev-vms ("),
        "{text}"
    );
    assert!(
        !text.contains("storage."),
        "unchanged failures are not listed: {text}"
    );
    // The MFA failures of the old report are absent from the new one: fixed, by UPN where known.
    assert!(text.contains("\nFixed\n  - iam.mfa_all_users: "), "{text}");
    assert!(
        text.lines()
            .filter(|l| l.starts_with("  - iam.mfa_all_users: "))
            .all(|l| l.contains('@')),
        "{text}"
    );
    assert!(text.contains("(now absent)"), "{text}");
    // Any report format: the later report marked against the earlier one.
    let json = azaudit(&["diff", old, new, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["baseline"]["new"].as_u64().unwrap() > 0);
    assert!(v["baseline"]["unchanged"].as_u64().unwrap() > 0);
    assert_eq!(
        azaudit(&["diff", old, new, "--fail-on-new", "critical"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        azaudit(&["diff", new, new, "--fail-on-new", "info"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn users_are_named_by_upn_and_resources_by_name_and_group() {
    let o = azaudit(&["audit", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let names = v["summary"]["resourceNames"].as_object().unwrap();
    let users: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["resourceType"] == "Microsoft.Graph/users")
        .collect();
    assert!(!users.is_empty());
    for f in &users {
        let id = f["resourceId"].as_str().unwrap();
        assert!(names[id].as_str().unwrap().contains('@'), "{id}");
    }
    // No report line names a user by object id alone.
    let text = stdout(&azaudit(&["audit"]));
    for f in &users {
        let object_id = f["resourceId"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap();
        assert!(!text.contains(object_id), "{object_id} in the text report");
    }
    assert!(text.contains("nsg-dev-vms (") && text.contains("/rg-dev-network)"));
    let html = stdout(&azaudit(&["audit", "--format", "html"]));
    let upn = names[users[0]["resourceId"].as_str().unwrap()]
        .as_str()
        .unwrap();
    assert!(
        html.contains(&format!(">{upn}<small>")),
        "the UPN is the cell's text"
    );
    let role = "Platform Super Admin";
    assert!(
        text.contains(role) && html.contains(role),
        "custom roles by name"
    );
}
