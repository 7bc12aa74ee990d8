//! The core's modules form layers without a cycle (ARCHITECTURE.md): each module may use only
//! modules of a lower layer. Read off the source: every `crate::<module>` path (and every
//! module inside `crate::{...}`) in a module's files is an edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first. A module missing here fails the test: place it when adding it.
const LAYERS: &[&[&str]] = &[
    // Plain helpers: know nothing of snapshots or checks.
    &["ids", "time", "glob"],
    // The private speed machinery (hashing, shared strings) and the snapshot's memo.
    &["intern", "memo"],
    // The snapshot (records, index, coverage), the configuration, findings, counterpart data.
    &["snapshot", "config", "finding", "counterparts"],
    // Facts about Azure roles that checks and the collector share.
    &["roles"],
    // What a registry entry is: where and how a type is fetched, at which scope.
    &["resource_type"],
    // Typed views of records, parsed once per snapshot.
    &["model"],
    // The resource-type registry: each type once, with its request and its view.
    &["resource_types"],
    // Loading: index the records, then parse the registry's views.
    &["load"],
    // The Check trait, its context and findings sink; the synthetic-snapshot generator.
    &["check", "synth"],
    // The checks, one file each.
    &["checks"],
    // The registry of checks.
    &["catalog"],
    // Reports and their writers.
    &["report"],
    // Selection, waivers, running.
    &["engine"],
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer of tests/layers.rs"))
}

/// Strip `//` comments (doc comments included): prose may name any module.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn identifier_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The modules a file's code names through `crate::`: macros (`crate::evidence!`) and items
/// re-exported at the root (`crate::Snapshot`) are left out.
fn uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for part in inner.split(',') {
                let name = identifier_at(part.trim());
                if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                    out.insert(name.to_string());
                }
            }
            continue;
        }
        let name = identifier_at(rest);
        if name.starts_with(|c: char| c.is_ascii_lowercase())
            && !rest[name.len()..].starts_with('!')
        {
            out.insert(name.to_string());
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a component");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).expect("read"));
        let deps = graph.entry(module.clone()).or_default();
        deps.extend(uses(&code).into_iter().filter(|d| *d != module));
    }
    graph
}

#[test]
fn every_module_uses_only_lower_layers() {
    let graph = module_graph();
    assert!(graph.len() >= 12, "read too few modules: {graph:?}");
    let mut wrong = Vec::new();
    for (module, deps) in &graph {
        for dep in deps {
            if layer_of(dep) >= layer_of(module) {
                wrong.push(format!("{module} -> {dep}"));
            }
        }
    }
    assert!(wrong.is_empty(), "uses of a module not below: {wrong:?}");
}

#[test]
fn the_reader_sees_every_kind_of_path() {
    let code = code_of(
        "use crate::check::{Check, Context};\nuse crate::{ids, model::Arm};\n\
         let e = crate::evidence!({}); let s: crate::Snapshot;\n// crate::engine in a comment\nlet t = crate::time::now();",
    );
    let found: Vec<String> = uses(&code).into_iter().collect();
    assert_eq!(found, ["check", "ids", "model", "time"]);
}
