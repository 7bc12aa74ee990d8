//! Azure resource ids: case-insensitive hashing, scopes and parents.
//!
//! ARM ids compare case-insensitively, and some APIs return them without the leading `/`
//! (activity log alert scopes, subscription diagnostic settings): every function here accepts
//! both forms.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by [`hash_ci`] values.
pub type IdHashMap<V> = HashMap<u64, V, BuildHasherDefault<PrehashedHasher>>;

/// An id borrowed as a map key: it hashes and compares as ARM compares ids (ignoring ASCII
/// case and a leading or trailing `/`), without a lower-case copy of it.
#[derive(Debug, Clone, Copy)]
pub struct IdKey<'a>(pub &'a str);

impl std::hash::Hash for IdKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(hash_ci(self.0));
    }
}
impl PartialEq for IdKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        same_id(self.0, other.0)
    }
}
impl Eq for IdKey<'_> {}

/// A map keyed by borrowed ids, compared as ARM compares them.
pub type IdKeyMap<'a, V> = HashMap<IdKey<'a>, V, BuildHasherDefault<PrehashedHasher>>;
/// A set of borrowed ids, compared as ARM compares them.
pub type IdKeySet<'a> = std::collections::HashSet<IdKey<'a>, BuildHasherDefault<PrehashedHasher>>;

/// A 64-bit hash of an id, ASCII-case-insensitive, ignoring one leading `/` and trailing `/`s.
pub fn hash_ci(id: &str) -> u64 {
    let b = id.trim_start_matches('/').trim_end_matches('/').as_bytes();
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h: u64 = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ lower8(x)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ lower8(u64::from_le_bytes(buf))).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// ASCII-lowercase eight bytes at once (bytes >= 0x80 are left alone).
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let heptets = x & !HIGH;
    let ge_a = heptets.wrapping_add(ONES * (0x80 - b'A' as u64));
    let gt_z = heptets.wrapping_add(ONES * (0x80 - b'Z' as u64 - 1));
    let upper = ge_a & !gt_z & !x & HIGH;
    x | (upper >> 2)
}

/// Compare two ids case-insensitively, tolerating a missing leading `/` or a trailing `/`.
pub fn same_id(a: &str, b: &str) -> bool {
    let a = a.trim_start_matches('/').trim_end_matches('/');
    let b = b.trim_start_matches('/').trim_end_matches('/');
    a.eq_ignore_ascii_case(b)
}

/// The last path segment of an id (the resource's name).
pub fn last_segment(id: &str) -> &str {
    id.trim_end_matches('/').rsplit('/').next().unwrap_or(id)
}

/// The record type of a coverage type. Most coverage types are record types; a collection of
/// extension resources under one kind of parent is named `<parent type>/providers/<type>`
/// (the storage services' diagnostic settings are
/// `Microsoft.Storage/storageAccounts/providers/Microsoft.Insights/diagnosticSettings`), so
/// that it is covered apart from the same type elsewhere (a subscription's own settings).
///
/// ```
/// use azaudit_core::ids::record_type_of;
/// assert_eq!(record_type_of("Microsoft.Sql/servers"), "Microsoft.Sql/servers");
/// assert_eq!(
///     record_type_of("Microsoft.Storage/storageAccounts/providers/Microsoft.Insights/diagnosticSettings"),
///     "Microsoft.Insights/diagnosticSettings"
/// );
/// ```
pub fn record_type_of(coverage_type: &str) -> &str {
    coverage_type
        .rsplit_once("/providers/")
        .map_or(coverage_type, |(_, ty)| ty)
}

/// `/subscriptions/<id>` or `/tenants/<id>`: the scope prefix of an id, as written.
pub fn scope_of(id: &str) -> Option<&str> {
    let lead = usize::from(id.starts_with('/'));
    let mut parts = id[lead..].splitn(3, '/');
    let kind = parts.next()?;
    let value = parts.next()?;
    let known = kind.eq_ignore_ascii_case("subscriptions") || kind.eq_ignore_ascii_case("tenants");
    (known && !value.is_empty()).then(|| &id[..lead + kind.len() + 1 + value.len()])
}

/// The management group an id is at or below
/// (`/providers/Microsoft.Management/managementGroups/<name>/...`), if it is.
pub fn management_group_of(id: &str) -> Option<&str> {
    const PREFIX: &str = "/providers/microsoft.management/managementgroups/";
    let lead = usize::from(!id.starts_with('/'));
    let head = id.get(..PREFIX.len() - lead)?;
    if !head.eq_ignore_ascii_case(&PREFIX[lead..]) {
        return None;
    }
    let name = id[PREFIX.len() - lead..].split('/').next()?;
    (!name.is_empty()).then_some(name)
}

/// The lookup key of a scope: lower case, one leading `/`, no trailing `/`.
pub fn scope_key(scope: &str) -> String {
    let s = scope.trim_start_matches('/').trim_end_matches('/');
    let mut k = String::with_capacity(s.len() + 1);
    k.push('/');
    k.extend(s.chars().map(|c| c.to_ascii_lowercase()));
    k
}

/// Whether a scope string is a subscription or a tenant scope.
pub fn scope_kind(scope: &str) -> Option<ScopeKind> {
    let s = scope.trim_start_matches('/').trim_end_matches('/');
    let mut parts = s.split('/');
    let (kind, value, rest) = (parts.next()?, parts.next()?, parts.next());
    if rest.is_some() || value.is_empty() {
        return None;
    }
    if kind.eq_ignore_ascii_case("subscriptions") {
        Some(ScopeKind::Subscription)
    } else if kind.eq_ignore_ascii_case("tenants") {
        Some(ScopeKind::Tenant)
    } else {
        None
    }
}

/// The two kinds of coverage scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// `/subscriptions/<id>`
    Subscription,
    /// `/tenants/<id>`
    Tenant,
}

/// The subscription GUID of `/subscriptions/<id>` (or of any id under it).
pub fn subscription_of_scope(scope: &str) -> Option<&str> {
    let s = scope.trim_start_matches('/');
    let mut parts = s.split('/');
    let kind = parts.next()?;
    let value = parts.next()?;
    (kind.eq_ignore_ascii_case("subscriptions") && !value.is_empty()).then_some(value)
}

/// The tenant id of `/tenants/<id>` (or of any id under it).
pub fn tenant_of_scope(scope: &str) -> Option<&str> {
    let s = scope.trim_start_matches('/');
    let mut parts = s.split('/');
    let kind = parts.next()?;
    let value = parts.next()?;
    (kind.eq_ignore_ascii_case("tenants") && !value.is_empty()).then_some(value)
}

/// The resource group name of an id, if it has one.
pub fn resource_group_of(id: &str) -> Option<&str> {
    let mut it = id.trim_start_matches('/').split('/');
    while let Some(seg) = it.next() {
        if seg.eq_ignore_ascii_case("resourceGroups") {
            return it.next();
        }
    }
    None
}

/// The id of the resource group that holds `id`: `/subscriptions/<s>/resourceGroups/<rg>`.
pub fn resource_group_id_of(id: &str) -> Option<&str> {
    let lower = id.to_ascii_lowercase();
    let p = lower.find("/resourcegroups/")?;
    let after = p + "/resourcegroups/".len();
    let end = lower[after..]
        .find('/')
        .map(|e| after + e)
        .unwrap_or(lower.len());
    Some(&id[..end])
}

/// The parent of a record's id.
///
/// For `.../providers/<ns>/<type>/<name>` (a top-level or extension resource) it is the part
/// before `/providers/`; for a nested resource (`.../<type>/<name>/<subtype>/<subname>`) the
/// id without its last type/name pair; for a Graph id `/tenants/<t>/<collection>/<id>`,
/// `/tenants/<t>`.
pub fn parent_of(id: &str) -> Option<&str> {
    let trimmed = id.trim_end_matches('/');
    let bytes = trimmed.as_bytes();
    // Walk segments from the end, counting them, until a `providers` segment.
    let mut end = bytes.len();
    let mut after_providers = 0usize;
    let mut slashes = [0usize; 2]; // positions of the last two '/' seen
    let mut seen = 0usize;
    while let Some(p) = bytes[..end].iter().rposition(|&c| c == b'/') {
        if seen < 2 {
            slashes[seen] = p;
        }
        seen += 1;
        let seg = &bytes[p + 1..end];
        if seg.eq_ignore_ascii_case(b"providers") {
            return if after_providers <= 3 {
                Some(&trimmed[..p]).filter(|s| !s.is_empty())
            } else {
                Some(&trimmed[..slashes[1]])
            };
        }
        after_providers += 1;
        end = p;
    }
    // No providers segment: strip the last type/name pair.
    (seen >= 2)
        .then(|| &trimmed[..slashes[1]])
        .filter(|p| !p.is_empty() && *p != "/")
}

/// Whether an id names a top-level resource:
/// `/subscriptions/<s>/resourceGroups/<rg>/providers/<ns>/<type>/<name>`.
pub fn is_top_level(id: &str) -> bool {
    let mut it = id.trim_start_matches('/').trim_end_matches('/').split('/');
    let segs: [Option<&str>; 9] = std::array::from_fn(|_| it.next());
    segs[8].is_none()
        && segs[7].is_some()
        && segs[2].is_some_and(|s| s.eq_ignore_ascii_case("resourceGroups"))
        && segs[4].is_some_and(|s| s.eq_ignore_ascii_case("providers"))
}

/// `/subscriptions/<id>` for a subscription GUID.
pub fn subscription_scope(subscription_id: &str) -> String {
    format!("/subscriptions/{subscription_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_and_parents() {
        let st =
            "/subscriptions/S1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1";
        assert_eq!(scope_of(st), Some("/subscriptions/S1"));
        assert_eq!(scope_of("subscriptions/S1/x"), Some("subscriptions/S1"));
        assert_eq!(scope_of("/tenants/t/users/u"), Some("/tenants/t"));
        assert_eq!(scope_of("/providers/x"), None);
        let mg = "/providers/Microsoft.Management/managementGroups/Contoso/providers/Microsoft.Authorization/policyAssignments/a";
        assert_eq!(management_group_of(mg), Some("Contoso"));
        assert_eq!(management_group_of(&mg[1..]), Some("Contoso"));
        assert_eq!(
            management_group_of("/providers/microsoft.management/managementgroups/"),
            None
        );
        assert_eq!(management_group_of(st), None);
        assert_eq!(parent_of(st), Some("/subscriptions/S1/resourceGroups/rg"));
        let c = format!("{st}/blobServices/default/containers/c1");
        assert_eq!(parent_of(&c), Some(&*format!("{st}/blobServices/default")));
        let d =
            format!("{st}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings/d");
        assert_eq!(parent_of(&d), Some(&*format!("{st}/blobServices/default")));
        assert_eq!(parent_of("/tenants/t/users/u"), Some("/tenants/t"));
        assert_eq!(parent_of("/subscriptions/s"), None);
        assert_eq!(
            resource_group_id_of(st),
            Some("/subscriptions/S1/resourceGroups/rg")
        );
        assert_eq!(resource_group_of(st), Some("rg"));
        assert!(is_top_level(st));
        assert!(!is_top_level(&c));
        assert!(!is_top_level(&d));
    }

    #[test]
    fn hash_is_case_insensitive_for_every_length_and_byte() {
        let base = "/subscriptions/AbC-é/resourceGroups/RG_1/providers/Microsoft.Storage/storageAccounts/ST@[`{";
        for n in 0..base.len() {
            let Some(prefix) = base.get(..n) else {
                continue;
            };
            assert_eq!(
                hash_ci(prefix),
                hash_ci(&prefix.to_ascii_lowercase()),
                "{prefix}"
            );
            assert_eq!(
                hash_ci(prefix),
                hash_ci(&prefix.to_ascii_uppercase()),
                "{prefix}"
            );
        }
        // '@' '[' '`' '{' sit next to the letters and must not be folded.
        assert_ne!(hash_ci("a@"), hash_ci("a`"));
        assert_ne!(hash_ci("a["), hash_ci("a{"));
        assert_ne!(
            hash_ci("/subscriptions/abc/x"),
            hash_ci("/subscriptions/abc/y")
        );
    }

    #[test]
    fn parents_of_nested_and_odd_ids() {
        assert_eq!(
            parent_of("subscriptions/s/providers/microsoft.insights/diagnosticSettings/d"),
            Some("subscriptions/s")
        );
        assert_eq!(
            parent_of("/subscriptions/s/resourceGroups/rg"),
            Some("/subscriptions/s")
        );
        assert_eq!(
            parent_of("/a/b/PROVIDERS/x/y/z/w/v"),
            Some("/a/b/PROVIDERS/x/y/z")
        );
        assert_eq!(
            parent_of("/providers/Microsoft.Management/managementGroups/mg"),
            None
        );
        assert_eq!(parent_of("x"), None);
        assert!(is_top_level(
            "subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/a/"
        ));
        assert!(!is_top_level(
            "/subscriptions/s/providers/Microsoft.Web/sites/a"
        ));
    }

    #[test]
    fn hashing_ignores_case_and_slashes() {
        assert_eq!(hash_ci("/Subscriptions/ABC"), hash_ci("subscriptions/abc/"));
        assert_ne!(hash_ci("/subscriptions/abc"), hash_ci("/subscriptions/abd"));
        assert!(same_id("subscriptions/ABC", "/subscriptions/abc"));
    }
}
