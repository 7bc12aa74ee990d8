//! The report writers: each format's structure, quoting and counts.

use azaudit_core::report::Format;
use azaudit_core::{Config, Engine, Report, Snapshot, Status};

const SUB: &str = "11111111-1111-1111-1111-111111111111";

fn report() -> Report {
    let st = |name: &str, https: bool| {
        serde_json::json!({"id": format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/{name}"),
            "type": "Microsoft.Storage/storageAccounts", "name": name, "location": "westeurope",
            "properties": {"supportsHttpsTrafficOnly": https, "allowBlobPublicAccess": false}})
    };
    let doc = serde_json::json!({"version": 1, "tenantId": "t", "collectedAt": "2026-11-28T10:00:00Z",
        "subscriptions": [{"subscriptionId": SUB, "displayName": "prod"}],
        "resources": [st("stgood", true), st("st\"bad,one", false), st("stlegacy", false)],
        "coverage": [{"scope": format!("/subscriptions/{SUB}"), "type": "Microsoft.Storage/storageAccounts", "status": "ok"}]});
    let snap = Snapshot::from_json(doc.to_string()).unwrap();
    let cfg = Config::from_toml(
        "today = \"2026-11-30\"\n[[waivers]]\ncheck = \"storage.secure_transfer_required\"\nresource = \"*/stlegacy\"\nreason = \"legacy <client> & co\"\nexpires = \"2027-01-01\"\n",
    )
    .unwrap();
    Engine::new(cfg)
        .with_selection(azaudit_core::Selection::with_checks(
            "storage.secure_transfer_required,storage.default_network_access_denied",
        ))
        .unwrap()
        .run(&snap)
}

fn render(r: &Report, f: Format) -> String {
    let mut out = Vec::new();
    r.write(f, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// A minimal RFC 4180 reader, to prove the writer round-trips.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_quotes_per_rfc_4180_and_round_trips() {
    let r = report();
    let text = render(&r, Format::Csv);
    assert!(text.contains("\r\n"), "CRLF line ends");
    let rows = parse_csv(&text);
    assert_eq!(rows[0][0], "check_id");
    assert_eq!(rows.len(), r.findings.len() + 1);
    let bad = rows
        .iter()
        .find(|row| row[3].ends_with("st\"bad,one"))
        .expect("the awkward name survives");
    assert_eq!(bad[1], "fail");
    let evidence: serde_json::Value = serde_json::from_str(&bad[8]).unwrap();
    assert_eq!(evidence["supportsHttpsTrafficOnly"], false);
}

#[test]
fn junit_fails_failures_and_skips_the_rest() {
    let r = report();
    let text = render(&r, Format::Junit);
    assert!(text.starts_with("<?xml"));
    let fails = r
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .count();
    assert_eq!(text.matches("<failure ").count(), fails);
    assert_eq!(text.matches("<testcase ").count(), r.findings.len());
    // One suite per check, and one that carries the coverage gaps as properties.
    assert_eq!(text.matches("<testsuite ").count(), 2 + 1);
    assert!(text.contains(r#"<testsuite name="azaudit.coverage" tests="0">"#));
    assert!(text.contains(&format!("failures=\"{fails}\"")));
    assert!(text.contains("<skipped message=\"waived: "));
    assert!(
        text.contains("legacy &lt;client&gt; &amp; co"),
        "XML escaped"
    );
    assert!(text.contains("st&quot;bad,one"));
    assert!(!text.contains("<client>"));
}

#[test]
fn markdown_summarises_and_folds_failures() {
    let r = report();
    let text = render(&r, Format::Markdown);
    assert!(
        text.starts_with("## azaudit: 1 failed, 3 unknown"),
        "{text}"
    );
    assert!(text.contains("| high |"));
    assert!(
        text.contains(
            "<details><summary><b>high</b> <code>storage.secure_transfer_required</code>"
        )
    );
    assert!(text.contains("**Fix:** `az storage account update"));
}

#[test]
fn sarif_has_a_rule_per_check_and_a_result_per_failure() {
    let r = report();
    let v: serde_json::Value = serde_json::from_str(&render(&r, Format::Sarif)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["id"], "storage.secure_transfer_required");
    assert_eq!(rules[0]["properties"]["security-severity"], "8.0");
    assert!(
        rules[0]["properties"]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "CIS-Azure-3.0.0/4.1")
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), r.failed().count());
    for res in results {
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        assert_eq!(res["level"], rules[idx]["defaultConfiguration"]["level"]);
        let loc = &res["locations"][0];
        assert!(
            loc["logicalLocations"][0]["fullyQualifiedName"]
                .as_str()
                .unwrap()
                .starts_with("/subscriptions/")
        );
        assert!(
            loc["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("azure/subscriptions/")
        );
        assert_eq!(
            res["partialFingerprints"]["azaudit/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }
}

#[test]
fn ocsf_writes_one_compliance_finding_per_line() {
    let r = report();
    let text = render(&r, Format::Ocsf);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), r.findings.len());
    for (rec, f) in lines.iter().zip(&r.findings) {
        assert_eq!(rec["class_uid"], 2003);
        assert_eq!(rec["type_uid"], 200301);
        assert_eq!(rec["resources"][0]["uid"], &*f.resource_id);
        assert_eq!(rec["time"], 1_795_860_000_000i64);
        let expected = match f.status {
            Status::Pass => 1,
            Status::Fail | Status::Waived => 3,
            _ => 0,
        };
        assert_eq!(rec["compliance"]["status_id"], expected);
    }
    let waived = lines
        .iter()
        .find(|l| l["status_detail"] == "waived")
        .unwrap();
    assert_eq!(waived["status"], "Suppressed");
    assert_eq!(waived["cloud"]["account"]["uid"], SUB);
}

#[test]
fn every_format_has_a_name() {
    for (name, f) in Format::ALL {
        assert_eq!(name.parse::<Format>().unwrap(), f);
        assert_eq!(f.to_string(), name);
    }
    assert!("yaml".parse::<Format>().unwrap_err().contains("sarif"));
}
