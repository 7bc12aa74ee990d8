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

/// A 64-bit hash of an id, ASCII-case-insensitive, ignoring one leading `/` and trailing `/`s.
pub fn hash_ci(id: &str) -> u64 {
    let b = id.trim_start_matches('/').trim_end_matches('/').as_bytes();
    // FNV-1a over lower-cased bytes, then a final mix so the low bits spread well.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h ^= u64::from(c.to_ascii_lowercase());
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
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

/// `/subscriptions/<id>` or `/tenants/<id>`: the scope prefix of an id, as written.
pub fn scope_of(id: &str) -> Option<&str> {
    let lead = usize::from(id.starts_with('/'));
    let mut parts = id[lead..].splitn(3, '/');
    let kind = parts.next()?;
    let value = parts.next()?;
    let known = kind.eq_ignore_ascii_case("subscriptions") || kind.eq_ignore_ascii_case("tenants");
    (known && !value.is_empty()).then(|| &id[..lead + kind.len() + 1 + value.len()])
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
    let lower_pos = find_last_ci(trimmed, "/providers/");
    match lower_pos {
        Some(p) => {
            let tail = &trimmed[p + "/providers/".len()..];
            let segments = tail.split('/').count();
            if segments <= 3 {
                Some(&trimmed[..p]).filter(|s| !s.is_empty())
            } else {
                strip_pair(trimmed)
            }
        }
        None => strip_pair(trimmed).filter(|p| !p.is_empty() && *p != "/"),
    }
}

/// Whether `id` starts with `prefix` (case-insensitive, leading `/` optional) followed by `/`.
pub fn has_prefix_segment(id: &str, prefix: &str) -> bool {
    let c = id.trim_start_matches('/').as_bytes();
    let p = prefix
        .trim_start_matches('/')
        .trim_end_matches('/')
        .as_bytes();
    c.len() > p.len() && c[..p.len()].eq_ignore_ascii_case(p) && c[p.len()] == b'/'
}

fn strip_pair(id: &str) -> Option<&str> {
    let a = id.rfind('/')?;
    let b = id[..a].rfind('/')?;
    Some(&id[..b])
}

fn find_last_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len())
        .rev()
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Whether an id names a top-level resource: one whose parent is a resource group.
pub fn is_top_level(id: &str) -> bool {
    parent_of(id).is_some_and(|p| {
        let mut segs = p.trim_end_matches('/').rsplit('/');
        segs.next().is_some()
            && segs
                .next()
                .is_some_and(|s| s.eq_ignore_ascii_case("resourceGroups"))
    })
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
    fn hashing_ignores_case_and_slashes() {
        assert_eq!(hash_ci("/Subscriptions/ABC"), hash_ci("subscriptions/abc/"));
        assert_ne!(hash_ci("/subscriptions/abc"), hash_ci("/subscriptions/abd"));
        assert!(same_id("subscriptions/ABC", "/subscriptions/abc"));
    }
}
