//! The check catalog, one file per check under `<service>/`, listed in [`crate::catalog`].

pub mod appservice;
pub mod compute;
pub mod cosmosdb;
pub mod defender;
pub mod general;
pub mod iam;
pub mod keyvault;
pub mod monitor;
pub mod network;
pub mod sql;
pub mod storage;

/// The fixture harness every check's cases use.
#[cfg(test)]
pub use crate::check::testing;

/// Case-insensitive equality of an optional string with a value.
pub(crate) fn is(v: &Option<String>, expected: &str) -> bool {
    v.as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case(expected))
}

/// A top-level field of a record read off its text, for the few fields outside `properties`
/// a check needs (`kind`, `sku.tier`, `managedBy`): `None` when the key is absent,
/// `Some(None)` when its value is `null` or not a string. Only the text around `properties`
/// is searched, so a key inside the properties never matches, and a million records cost a
/// few hundred bytes each rather than a second parse.
pub(crate) fn raw_string_field<'a>(r: &crate::Record<'a>, key: &str) -> Option<Option<&'a str>> {
    let raw = r.raw_json();
    let (head, tail) = match r.properties_json() {
        Some(p) => {
            let start = (p.as_ptr() as usize).wrapping_sub(raw.as_ptr() as usize);
            match raw.get(..start).zip(raw.get(start + p.len()..)) {
                Some(parts) => parts,
                None => (raw, ""),
            }
        }
        None => (raw, ""),
    };
    [head, tail]
        .into_iter()
        .find_map(|part| string_after_key(part, key))
}

fn string_after_key<'a>(text: &'a str, key: &str) -> Option<Option<&'a str>> {
    let mut from = 0;
    while let Some(i) = text[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        let quoted = text[..at].ends_with('"') && text[from..].starts_with('"');
        if !quoted {
            continue;
        }
        let rest = text[from + 1..]
            .trim_start()
            .strip_prefix(':')?
            .trim_start();
        return Some(
            rest.strip_prefix('"')
                .and_then(|v| v.find('"').map(|end| &v[..end])),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::Snapshot;

    #[test]
    fn top_level_fields_are_read_around_the_properties_only() {
        let doc = r#"{"version": 1, "resources": [
            {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d1", "type": "Microsoft.Compute/disks",
             "managedBy" : null, "properties": {"managedBy": "/inside/properties", "kind": "x"}, "kind": "Premium"},
            {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d2", "type": "Microsoft.Compute/disks",
             "properties": {"managedBy": "/inside/properties"}, "sku": {"tier": "Standard"}, "xmanagedBy": "no"}
        ]}"#;
        let s = Snapshot::from_json(doc).unwrap();
        let r: Vec<_> = s.records().collect();
        assert_eq!(super::raw_string_field(&r[0], "managedBy"), Some(None));
        assert_eq!(
            super::raw_string_field(&r[0], "kind"),
            Some(Some("Premium"))
        );
        assert_eq!(super::raw_string_field(&r[1], "managedBy"), None);
        assert_eq!(
            super::raw_string_field(&r[1], "tier"),
            Some(Some("Standard"))
        );
    }
}
