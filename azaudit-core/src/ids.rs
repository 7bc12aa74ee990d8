//! Azure resource ids: comparison, scopes and parents.
//!
//! ARM ids compare case-insensitively, and some APIs return them without the leading `/`
//! (activity log alert scopes, subscription diagnostic settings): every function here accepts
//! both forms.

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
///
/// A `const fn`, so that the registry works it out once per entry at compile time.
pub const fn record_type_of(coverage_type: &str) -> &str {
    const MARK: &[u8] = b"/providers/";
    let b = coverage_type.as_bytes();
    let mut end = b.len();
    while end >= MARK.len() {
        let start = end - MARK.len();
        let mut j = 0;
        while j < MARK.len() && b[start + j] == MARK[j] {
            j += 1;
        }
        if j == MARK.len() {
            let (_, rest) = b.split_at(end);
            // Split right after an ASCII `/`: always a character boundary.
            return match std::str::from_utf8(rest) {
                Ok(s) => s,
                Err(_) => coverage_type,
            };
        }
        end -= 1;
    }
    coverage_type
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
    fn ids_compare_ignoring_case_and_slashes() {
        assert!(same_id("subscriptions/ABC", "/subscriptions/abc/"));
        assert!(!same_id("/subscriptions/abc", "/subscriptions/abd"));
    }
}
