//! The bindings' type declarations, generated from the Rust types' JSON Schemas (`schemars`):
//! `bindings/python/python/azaudit/_types.py` (frozen dataclasses and `Literal` aliases) and
//! `bindings/node/lib/types.ts` (interfaces and string-literal unions).
//!
//! The test `generated_types_are_up_to_date` fails when the committed files differ from what
//! the Rust types generate; `AZAUDIT_BLESS=1 cargo test -p azaudit-typegen` rewrites them.
//!
//! Reports, findings and the catalog are described as they serialize (what the bindings
//! receive); the collection options and waivers as they deserialize (what the bindings send).

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

/// The command that rewrites the generated files, named in their headers.
pub const BLESS: &str = "AZAUDIT_BLESS=1 cargo test -p azaudit-typegen";

/// One type to declare: its name and its JSON Schema (references point at `#/$defs/<name>`).
struct Decl {
    name: &'static str,
    schema: Value,
}

/// The types declared, in the order the files declare them.
const ORDER: [&str; 17] = [
    "Status",
    "Severity",
    "Finding",
    "Summary",
    "CheckOutcome",
    "CoverageStatus",
    "CoverageGap",
    "WaiverUse",
    "Report",
    "Remediation",
    "PolicyDefinition",
    "Counterparts",
    "Check",
    "Waiver",
    "CheckList",
    "Endpoints",
    "CollectConfig",
];

/// Every declaration, from the schemas of the Rust types.
fn declarations() -> Vec<Decl> {
    let mut output = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    output.subschema_for::<azaudit_core::Report>();
    output.subschema_for::<azaudit_core::CheckMeta>();
    output.subschema_for::<azaudit_core::counterparts::Counterparts>();
    let mut defs = output.take_definitions(true);
    // A catalog entry (`catalog::to_json`) is a check's metadata and its counterparts.
    let mut check = defs.remove("CheckMeta").expect("CheckMeta has a schema");
    check["description"] =
        json!("A check of the catalog: its metadata and its counterparts elsewhere.");
    check["properties"]["counterparts"] = json!({
        "description": "The same recommendation elsewhere: Azure Policy built-in definitions and Prowler checks.",
        "anyOf": [{"$ref": "#/$defs/Counterparts"}, {"type": "null"}],
    });
    check["required"]
        .as_array_mut()
        .expect("required is a list")
        .push(json!("counterparts"));
    defs.insert("Check".into(), check);

    let mut input = SchemaSettings::draft2020_12().into_generator();
    input.subschema_for::<azaudit_azure::CollectConfig>();
    input.subschema_for::<azaudit_core::Waiver>();
    for (name, schema) in input.take_definitions(true) {
        assert!(
            !defs.contains_key(&name),
            "{name} is both sent and received"
        );
        defs.insert(name, schema);
    }
    let declared: Vec<Decl> = ORDER
        .iter()
        .map(|&name| Decl {
            name,
            schema: defs
                .remove(name)
                .unwrap_or_else(|| panic!("no schema for {name}")),
        })
        .collect();
    let left: Vec<&String> = defs.keys().collect();
    assert!(left.is_empty(), "types without a place in ORDER: {left:?}");
    declared
}

/// The name a `$ref` points at.
fn ref_name(s: &Value) -> Option<&str> {
    s.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

/// The string literals of an enumeration (`oneOf` of constants, or `enum`), when it is one;
/// `null` in an `enum` is left to the caller (see [`nullable`]).
fn literals(s: &Value) -> Option<Vec<String>> {
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
        );
    }
    let variants = s.get("oneOf").or_else(|| s.get("anyOf"))?.as_array()?;
    variants
        .iter()
        .map(|v| v.get("const").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// Whether a schema admits `null`, and the schema of its other values.
fn nullable(s: &Value) -> (bool, Value) {
    if let Some(types) = s.get("type").and_then(Value::as_array) {
        let rest: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
        if rest.len() < types.len() {
            let mut inner = s.clone();
            inner["type"] = match rest.as_slice() {
                [one] => (*one).clone(),
                _ => Value::Array(rest.into_iter().cloned().collect()),
            };
            if let Some(values) = inner.get_mut("enum").and_then(Value::as_array_mut) {
                values.retain(|v| !v.is_null());
            }
            return (true, inner);
        }
    }
    if let Some(variants) = s.get("anyOf").and_then(Value::as_array) {
        let rest: Vec<&Value> = variants
            .iter()
            .filter(|v| v.get("type") != Some(&json!("null")))
            .collect();
        if rest.len() < variants.len() {
            let inner = match rest.as_slice() {
                [one] => (*one).clone(),
                _ => json!({ "anyOf": rest }),
            };
            return (true, inner);
        }
    }
    (false, s.clone())
}

/// The schema's description, when it has one.
fn description(s: &Value) -> Option<&str> {
    s.get("description").and_then(Value::as_str)
}

/// A type's description: its first paragraph (later ones are about the Rust representation).
fn type_doc<'a>(s: &'a Value, name: &'a str) -> &'a str {
    description(s)
        .and_then(|d| d.split("\n\n").next())
        .unwrap_or(name)
}

/// The object's properties in order, each with whether it is required.
fn properties(s: &Value) -> Vec<(&str, &Value, bool)> {
    let required: Vec<&str> = s
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    s.get("properties")
        .and_then(Value::as_object)
        .map(Map::iter)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v, required.contains(&k.as_str())))
        .collect()
}

/// Whether a declaration is a record (an object with properties) rather than an alias.
fn is_record(s: &Value) -> bool {
    s.get("properties").is_some()
}

/// The TypeScript type of a schema.
fn ts_type(s: &Value) -> String {
    let (null, s) = nullable(s);
    let base = ts_type_of(&s);
    if null { format!("{base} | null") } else { base }
}

fn ts_type_of(s: &Value) -> String {
    if let Some(name) = ref_name(s) {
        return name.to_string();
    }
    if let Some(values) = literals(s) {
        return values
            .iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(" | ");
    }
    if let Some(variants) = s.get("anyOf").and_then(Value::as_array) {
        return variants.iter().map(ts_type).collect::<Vec<_>>().join(" | ");
    }
    match s.get("type").and_then(Value::as_str) {
        Some("string") => "string".into(),
        Some("integer" | "number") => "number".into(),
        Some("boolean") => "boolean".into(),
        Some("null") => "null".into(),
        Some("array") => {
            let item = ts_type(&s["items"]);
            if item.contains(' ') {
                format!("({item})[]")
            } else {
                format!("{item}[]")
            }
        }
        Some("object") => match s.get("additionalProperties") {
            Some(v) if v.is_object() => format!("Record<string, {}>", ts_type(v)),
            _ => "Record<string, unknown>".into(),
        },
        // No constraint (raw JSON evidence, a view described as any value).
        None => "unknown".into(),
        Some(other) => panic!("no TypeScript type for a schema of type {other}"),
    }
}

/// A doc comment of TypeScript, indented.
fn ts_doc(out: &mut String, indent: &str, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    if let [one] = lines.as_slice() {
        out.push_str(&format!("{indent}/** {one} */\n"));
        return;
    }
    out.push_str(&format!("{indent}/**\n"));
    for l in lines {
        out.push_str(&format!(
            "{indent} *{}{l}\n",
            if l.is_empty() { "" } else { " " }
        ));
    }
    out.push_str(&format!("{indent} */\n"));
}

/// A description that lists an enumeration's values with their own descriptions.
fn enum_doc(s: &Value) -> String {
    let mut doc = description(s).unwrap_or_default().to_string();
    for v in s
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let (Some(c), Some(d)) = (v.get("const").and_then(Value::as_str), description(v)) {
            doc.push_str(&format!("\n- `{c}`: {d}"));
        }
    }
    doc
}

/// `bindings/node/lib/types.ts`.
pub fn typescript() -> String {
    let mut out = format!(
        "// Generated from the Rust types' JSON Schemas by bindings/typegen ({BLESS}); do not edit.\n\
         // The JSON report's and the catalog's documents, and the options of a live collection.\n"
    );
    for d in declarations() {
        out.push('\n');
        if is_record(&d.schema) {
            ts_doc(&mut out, "", type_doc(&d.schema, d.name));
            out.push_str(&format!("export interface {} {{\n", d.name));
            for (key, prop, required) in properties(&d.schema) {
                if let Some(doc) = description(prop) {
                    ts_doc(&mut out, "  ", doc);
                }
                let optional = if required { "" } else { "?" };
                out.push_str(&format!("  {key}{optional}: {};\n", ts_type(prop)));
            }
            out.push_str("}\n");
        } else {
            ts_doc(&mut out, "", &enum_doc(&d.schema));
            out.push_str(&format!(
                "export type {} = {};\n",
                d.name,
                ts_type(&d.schema)
            ));
        }
    }
    out
}

/// A camelCase key as a Python name.
fn snake(key: &str) -> String {
    key.chars().fold(String::new(), |mut out, c| {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
        out
    })
}

/// The Python annotation of a schema.
fn py_type(s: &Value) -> String {
    let (null, s) = nullable(s);
    let base = py_type_of(&s);
    if null {
        format!("Optional[{base}]")
    } else {
        base
    }
}

fn py_type_of(s: &Value) -> String {
    if let Some(name) = ref_name(s) {
        return name.to_string();
    }
    if let Some(values) = literals(s) {
        let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
        return format!("Literal[{}]", quoted.join(", "));
    }
    if let Some(variants) = s.get("anyOf").and_then(Value::as_array) {
        let types: Vec<String> = variants.iter().map(py_type).collect();
        return format!("Union[{}]", types.join(", "));
    }
    match s.get("type").and_then(Value::as_str) {
        Some("string") => "str".into(),
        Some("integer") => "int".into(),
        Some("number") => "float".into(),
        Some("boolean") => "bool".into(),
        Some("null") => "None".into(),
        Some("array") => format!("List[{}]", py_type(&s["items"])),
        Some("object") => match s.get("additionalProperties") {
            Some(v) if v.is_object() => format!("Dict[str, {}]", py_type(v)),
            _ => "Dict[str, Any]".into(),
        },
        None => "Any".into(),
        Some(other) => panic!("no Python type for a schema of type {other}"),
    }
}

/// The Python expression that turns JSON value `expr` into the declared type's value: records
/// become dataclasses, all else stays as JSON has it.
fn py_from_json(s: &Value, expr: &str, records: &[&str], depth: usize) -> Option<String> {
    let (null, s) = nullable(s);
    let v = format!("v{depth}");
    let inner = if let Some(name) = ref_name(&s) {
        records
            .contains(&name)
            .then(|| format!("{name}.from_dict({expr})"))
    } else {
        match s.get("type").and_then(Value::as_str) {
            Some("array") => Some(match py_from_json(&s["items"], &v, records, depth + 1) {
                Some(item) => format!("[{item} for {v} in {expr}]"),
                None => format!("list({expr})"),
            }),
            Some("object") => Some(
                match s
                    .get("additionalProperties")
                    .and_then(|a| py_from_json(a, &v, records, depth + 1))
                {
                    Some(item) => {
                        format!("{{k{depth}: {item} for k{depth}, {v} in {expr}.items()}}")
                    }
                    None => format!("dict({expr})"),
                },
            ),
            _ => None,
        }
    }?;
    Some(if null {
        format!("None if {expr} is None else {inner}")
    } else {
        inner
    })
}

/// A Python docstring's text, its later lines indented as its first.
fn py_doc(text: &str, indent: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let lines: Vec<String> = escaped
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || l.is_empty() {
                l.to_string()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect();
    lines.join("\n")
}

/// The part of `_types.py` every generated record shares.
const PY_PRELUDE: &str = r#"
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Dict, FrozenSet, Iterator, List, Literal, Mapping, Optional, Type, TypeVar, Union


def _plain(value: Any) -> Any:
    """A value as JSON has it: records as dicts with their JSON keys."""
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    """What the generated records share: they read as the JSON documents' dicts did
    (``report.summary["byStatus"]``, ``gap["reason"]``), by their JSON keys."""

    _KEYS: ClassVar[Dict[str, str]] = {}
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset()

    def __getitem__(self, key: str) -> Any:
        if key not in self._KEYS:
            raise KeyError(key)
        return getattr(self, self._KEYS[key])

    def get(self, key: str, default: Any = None) -> Any:
        """The value under a JSON key, or ``default``."""
        return getattr(self, self._KEYS[key]) if key in self._KEYS else default

    def keys(self) -> List[str]:
        """The JSON keys."""
        return list(self._KEYS)

    def __iter__(self) -> Iterator[str]:
        return iter(self._KEYS)

    def to_dict(self) -> Dict[str, Any]:
        """The record as its JSON document (camelCase keys); absent optional values left out."""
        out: Dict[str, Any] = {}
        for key, attr in self._KEYS.items():
            value = getattr(self, attr)
            if value is None and key in self._OPTIONAL:
                continue
            out[key] = _plain(value)
        return out
"#;

/// `bindings/python/python/azaudit/_types.py`.
pub fn python() -> String {
    let decls = declarations();
    let records: Vec<&str> = decls
        .iter()
        .filter(|d| is_record(&d.schema))
        .map(|d| d.name)
        .collect();
    let mut out = format!(
        "# Generated from the Rust types' JSON Schemas by bindings/typegen ({BLESS}); do not edit.\n\
         \"\"\"The JSON report's and the catalog's documents, and the options of a live collection, as\n\
         frozen dataclasses (``from_dict`` reads the JSON document, ``to_dict`` writes it).\"\"\"\n{PY_PRELUDE}"
    );
    let mut names: Vec<&str> = decls.iter().map(|d| d.name).collect();
    names.sort_unstable();
    out.push_str("\n__all__ = [\n");
    for n in &names {
        out.push_str(&format!("    {n:?},\n"));
    }
    out.push_str("]\n");
    for d in &decls {
        out.push_str("\n\n");
        if !is_record(&d.schema) {
            out.push_str(&format!("{} = {}\n", d.name, py_type(&d.schema)));
            out.push_str(&format!(
                "\"\"\"{}\"\"\"\n",
                py_doc(&enum_doc(&d.schema), "")
            ));
            continue;
        }
        let props = properties(&d.schema);
        // Dataclass fields with a default follow those without.
        let mut fields: Vec<&(&str, &Value, bool)> = props.iter().filter(|p| p.2).collect();
        fields.extend(props.iter().filter(|p| !p.2));
        let var = format!("_{}T", d.name);
        out.push_str(&format!(
            "{var} = TypeVar({var:?}, bound={:?})\n\n\n",
            d.name
        ));
        out.push_str(&format!(
            "@dataclass(frozen=True)\nclass {}(_Record):\n",
            d.name
        ));
        out.push_str(&format!(
            "    \"\"\"{}\"\"\"\n\n",
            py_doc(type_doc(&d.schema, d.name), "    ")
        ));
        for (key, prop, required) in &fields {
            let ty = py_type(prop);
            if *required {
                out.push_str(&format!("    {}: {ty}\n", snake(key)));
            } else if ty.starts_with("Optional[") {
                out.push_str(&format!("    {}: {ty} = None\n", snake(key)));
            } else {
                out.push_str(&format!("    {}: Optional[{ty}] = None\n", snake(key)));
            }
            if let Some(doc) = description(prop) {
                out.push_str(&format!("    \"\"\"{}\"\"\"\n", py_doc(doc, "    ")));
            }
        }
        out.push_str("\n    _KEYS: ClassVar[Dict[str, str]] = {\n");
        for (key, _, _) in &props {
            out.push_str(&format!("        {key:?}: {:?},\n", snake(key)));
        }
        out.push_str("    }\n");
        let optional: Vec<String> = props
            .iter()
            .filter(|p| !p.2)
            .map(|p| format!("{:?}", p.0))
            .collect();
        if !optional.is_empty() {
            out.push_str(&format!(
                "    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({{{}}})\n",
                optional.join(", ")
            ));
        }
        out.push_str(&format!(
            "\n    @classmethod\n    def from_dict(cls: Type[{var}], document: Mapping[str, Any]) -> {var}:\n        \
             \"\"\"Read the JSON document (camelCase keys).\"\"\"\n        return cls(\n"
        ));
        for (key, prop, required) in &fields {
            let value = if *required {
                let get = format!("document[{key:?}]");
                py_from_json(prop, &get, &records, 0).unwrap_or(get)
            } else {
                // An absent key (or null) reads as None.
                let (_, inner) = nullable(prop);
                let get = format!("document.get({key:?})");
                match py_from_json(&inner, &format!("document[{key:?}]"), &records, 0) {
                    Some(converted) => format!("None if {get} is None else {converted}"),
                    None => get,
                }
            };
            out.push_str(&format!("            {}={value},\n", snake(key)));
        }
        out.push_str("        )\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CI's drift check: the committed declarations are what the Rust types generate
    /// (`AZAUDIT_BLESS=1` rewrites them).
    fn file_is_up_to_date(relative: &str, want: String) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        if std::env::var_os("AZAUDIT_BLESS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(have == want, "{} is stale: run {BLESS}", path.display());
    }

    #[test]
    fn generated_types_are_up_to_date() {
        file_is_up_to_date("../python/python/azaudit/_types.py", python());
        file_is_up_to_date("../node/lib/types.ts", typescript());
    }

    #[test]
    fn schema_forms_map_to_types() {
        let nullable_string = json!({"type": ["string", "null"]});
        assert_eq!(ts_type(&nullable_string), "string | null");
        assert_eq!(py_type(&nullable_string), "Optional[str]");
        let counts = json!({"type": "object", "additionalProperties": {"type": "integer"}});
        assert_eq!(ts_type(&counts), "Record<string, number>");
        assert_eq!(py_type(&counts), "Dict[str, int]");
        let literal = json!({"type": "string", "enum": ["new", "unchanged"]});
        assert_eq!(ts_type(&literal), "\"new\" | \"unchanged\"");
        assert_eq!(py_type(&literal), "Literal[\"new\", \"unchanged\"]");
        assert_eq!(ts_type(&json!({})), "unknown");
        assert_eq!(snake("coverageGaps"), "coverage_gaps");
    }
}
