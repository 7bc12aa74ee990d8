//! The snapshot format: loading, errors with positions, the index, coverage and saving.

use azaudit_core::{Collection, CoverageStatus, Snapshot, SnapshotError};

const SUB: &str = "11111111-1111-1111-1111-111111111111";

fn doc() -> String {
    format!(
        r#"{{
  "version": 1,
  "tenantId": "t1",
  "collectedAt": "2026-11-28T10:00:00Z",
  "resources": [
    {{"id": "/subscriptions/{SUB}/resourceGroups/RG1/providers/Microsoft.Storage/storageAccounts/st1",
      "type": "Microsoft.Storage/storageAccounts", "name": "st1", "location": "westeurope",
      "tags": {{"criticality": "high"}}, "properties": {{"supportsHttpsTrafficOnly": true}}}},
    {{"id": "/subscriptions/{SUB}/resourceGroups/RG1/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default/containers/c1",
      "type": "Microsoft.Storage/storageAccounts/blobServices/containers", "properties": {{"publicAccess": "None"}}}},
    {{"id": "subscriptions/{SUB}/providers/microsoft.insights/diagnosticSettings/d1",
      "type": "Microsoft.Insights/diagnosticSettings", "properties": {{}}, "sku": {{"name": "kept"}}}},
    {{"id": "/tenants/t1/users/u1", "type": "Microsoft.Graph/users", "properties": {{"userType": "Guest"}}}}
  ],
  "coverage": [
    {{"scope": "/subscriptions/{SUB}", "type": "Microsoft.Sql/servers", "status": "forbidden", "message": "403 AuthorizationFailed"}},
    {{"scope": "/subscriptions/{SUB}", "type": "Microsoft.Network/networkSecurityGroups", "status": "ok"}}
  ]
}}"#
    )
}

#[test]
fn index_is_case_insensitive() {
    let s = Snapshot::from_json(doc()).unwrap();
    assert_eq!(s.len(), 4);
    let id = format!(
        "/SUBSCRIPTIONS/{SUB}/resourcegroups/rg1/providers/microsoft.storage/STORAGEACCOUNTS/ST1"
    );
    let st = s.get(&id).expect("found regardless of case");
    assert_eq!(st.name(), "st1");
    assert_eq!(st.location(), Some("westeurope"));
    assert_eq!(st.subscription_id(), Some(SUB));
    assert_eq!(s.of_type("MICROSOFT.STORAGE/storageaccounts").count(), 1);
    let containers: Vec<_> = s.children(&format!("{id}/blobServices/default")).collect();
    assert_eq!(containers.len(), 1);
    assert_eq!(
        containers[0].name(),
        "c1",
        "name falls back to the id's last segment"
    );
    // Extension resources hang off their parent; ids without the leading slash still index.
    let subscope = format!("/subscriptions/{SUB}");
    assert_eq!(
        s.children(&subscope)
            .filter(|r| r.resource_type().ends_with("diagnosticSettings"))
            .count(),
        1
    );
    assert_eq!(s.in_scope(SUB).count(), 3);
    assert_eq!(s.in_scope("/tenants/t1").count(), 1);
    assert_eq!(s.subscriptions().len(), 1, "derived from resource ids");
    assert_eq!(
        st.tag("CRITICALITY").as_deref(),
        Some("high"),
        "tag names are case-insensitive"
    );
    assert_eq!(st.tag("owner"), None);
    assert_eq!(containers[0].tags_json(), None);
    assert_eq!(s.subscriptions()[0].subscription_id, SUB);
}

#[test]
fn coverage_answers_collected_or_why_not() {
    let s = Snapshot::from_json(doc()).unwrap();
    let scope = format!("/subscriptions/{SUB}");
    assert_eq!(
        s.collection(&scope, "Microsoft.Storage/storageAccounts"),
        Collection::Collected,
        "records imply collection"
    );
    assert_eq!(
        s.collection(
            &scope.to_uppercase(),
            "microsoft.network/networksecuritygroups"
        ),
        Collection::Collected,
        "coverage ok"
    );
    match s.collection(&scope, "Microsoft.Sql/servers") {
        Collection::Missing { status, reason } => {
            assert_eq!(status, CoverageStatus::Forbidden);
            assert!(reason.contains("403 AuthorizationFailed"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    match s.collection(&scope, "Microsoft.Web/sites") {
        Collection::Missing { status, .. } => assert_eq!(status, CoverageStatus::NotCollected),
        other => panic!("{other:?}"),
    }
}

#[test]
fn save_and_reload_keep_every_field() {
    let s = Snapshot::from_json(doc()).unwrap();
    let dir = std::env::temp_dir().join(format!("azaudit-snap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.json");
    s.save(&path).unwrap();
    let t = Snapshot::load(&path).unwrap();
    assert_eq!(t.len(), s.len());
    assert_eq!(t.coverage(), s.coverage());
    assert_eq!(t.info(), s.info());
    for (a, b) in s.records().zip(t.records()) {
        assert_eq!(a.to_value(), b.to_value());
    }
    let d = t
        .records()
        .find(|r| r.resource_type().ends_with("diagnosticSettings"))
        .unwrap();
    assert_eq!(
        d.to_value()["sku"]["name"],
        "kept",
        "unknown fields survive"
    );
    let from_reader = Snapshot::from_reader(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(from_reader.len(), 4);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn syntax_errors_name_line_and_column() {
    let bad =
        "{\n  \"version\": 1,\n  \"resources\": [\n    {\"id\": \"/x\", \"type\": \"t\",}\n  ]\n}";
    match Snapshot::from_json(bad).unwrap_err() {
        SnapshotError::Syntax { line, column, .. } => {
            assert_eq!(line, 4);
            assert!(column > 20, "column {column}");
        }
        other => panic!("{other}"),
    }
}

#[test]
fn record_errors_name_the_record_and_its_position() {
    let bad = "{\"version\": 1, \"resources\": [\n  {\"id\": \"/a\", \"type\": \"t\"},\n  {\"id\": \"/b\", \"type\": \"t\"},\n  {\"id\": 42, \"type\": \"t\"}\n]}";
    let err = Snapshot::from_json(bad).unwrap_err();
    let msg = err.to_string();
    match err {
        SnapshotError::Record {
            index,
            line,
            column,
            ..
        } => {
            assert_eq!(index, 2);
            assert_eq!(line, 4);
            assert!(column >= 3, "column {column}");
        }
        other => panic!("{other}"),
    }
    assert!(
        msg.contains("resources[2]") && msg.contains("line 4"),
        "{msg}"
    );
    let missing_type = "{\"version\": 1, \"resources\": [{\"id\": \"/a\"}]}";
    let msg = Snapshot::from_json(missing_type).unwrap_err().to_string();
    assert!(
        msg.contains("resources[0]") && msg.contains("type"),
        "{msg}"
    );
    let not_object = "{\"version\": 1, \"resources\": [\"/a\"]}";
    assert!(matches!(
        Snapshot::from_json(not_object),
        Err(SnapshotError::Record { index: 0, .. })
    ));
}

#[test]
fn versions_other_than_1_are_refused() {
    for (doc, found) in [
        (r#"{"version": 2, "resources": []}"#, "2"),
        (r#"{"version": "1", "resources": []}"#, "\"1\""),
        (r#"{"resources": []}"#, "missing"),
        (r#"{"version": 2, "records": {"a": 1}}"#, "2"),
    ] {
        match Snapshot::from_json(doc) {
            Err(e @ SnapshotError::Version { .. }) => assert!(e.to_string().contains(found), "{e}"),
            other => panic!("{doc}: {other:?}"),
        }
    }
}

#[test]
fn structural_errors_are_refused_whole() {
    assert!(
        Snapshot::from_json(r#"{"version": 1}"#)
            .unwrap_err()
            .to_string()
            .contains("resources")
    );
    let bad_cov = r#"{"version": 1, "resources": [], "coverage": [{"scope": "/subscriptions/s", "type": "t", "status": "maybe"}]}"#;
    let msg = Snapshot::from_json(bad_cov).unwrap_err().to_string();
    assert!(msg.contains("maybe"), "{msg}");
    let bad_scope = r#"{"version": 1, "resources": [], "coverage": [{"scope": "/resourceGroups/x", "type": "t", "status": "ok"}]}"#;
    assert!(
        Snapshot::from_json(bad_scope)
            .unwrap_err()
            .to_string()
            .contains("coverage[0].scope")
    );
    let io = Snapshot::load("/nonexistent/snap.json")
        .unwrap_err()
        .to_string();
    assert!(io.contains("/nonexistent/snap.json"), "{io}");
}

#[test]
fn builder_makes_the_same_snapshot() {
    let mut b = azaudit_core::SnapshotBuilder::new().info(azaudit_core::SnapshotInfo {
        tenant_id: Some("t1".into()),
        ..Default::default()
    });
    b.record(&serde_json::json!({"id": format!("/subscriptions/{SUB}/resourceGroups/r/providers/Microsoft.Web/sites/a"), "type": "Microsoft.Web/sites"}));
    b.coverage(azaudit_core::CoverageEntry {
        scope: format!("/subscriptions/{SUB}"),
        resource_type: "Microsoft.Web/sites".into(),
        status: CoverageStatus::Ok,
        message: None,
    });
    let s = b.build().unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s.tenant_id(), Some("t1"));
    let again = Snapshot::from_json(s.to_json()).unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again.coverage().len(), 1);
}

#[test]
fn records_know_their_children_exactly() {
    let vm = format!(
        "/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
    );
    let other = format!(
        "/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm10"
    );
    let upper = vm.to_ascii_uppercase();
    let text = format!(
        r#"{{"version":1,"resources":[
      {{"id":"{vm}/extensions/e1","type":"Microsoft.Compute/virtualMachines/extensions"}},
      {{"id":"{vm}","type":"Microsoft.Compute/virtualMachines"}},
      {{"id":"{upper}/EXTENSIONS/e2","type":"microsoft.compute/virtualmachines/EXTENSIONS"}},
      {{"id":"{vm}/providers/Microsoft.Insights/diagnosticSettings/d1","type":"Microsoft.Insights/diagnosticSettings"}},
      {{"id":"{other}/extensions/e3","type":"Microsoft.Compute/virtualMachines/extensions"}},
      {{"id":"{other}","type":"Microsoft.Compute/virtualMachines"}},
      {{"id":"{upper}","type":"Microsoft.Compute/virtualMachines"}}]}}"#
    );
    let s = Snapshot::from_json(text).unwrap();
    let names = |r: azaudit_core::Record<'_>| -> Vec<String> {
        r.children().map(|c| c.name().to_string()).collect()
    };
    // Children come whatever the case of their id and wherever they sit in the document;
    // an extension resource (a diagnostic setting) is a child too; a VM whose name merely
    // starts the same has its own.
    let vm1 = s.record_at(1).unwrap();
    assert_eq!(names(vm1), ["e1", "e2", "d1"]);
    let exts: Vec<_> = vm1
        .children_of_type("microsoft.compute/virtualMachines/extensions")
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(exts, ["e1", "e2"]);
    assert_eq!(names(s.record_at(5).unwrap()), ["e3"]);
    // A second record with the same id (another spelling) shares the children.
    assert_eq!(names(s.record_at(6).unwrap()), ["e1", "e2", "d1"]);
    // The same answer as the lookup by id.
    let by_id: Vec<_> = s.children(&vm).map(|c| c.name().to_string()).collect();
    assert_eq!(by_id, ["e1", "e2", "d1"]);
    // Leaves have none.
    assert_eq!(names(s.record_at(0).unwrap()), Vec::<String>::new());
}
