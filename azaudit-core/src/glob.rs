//! Case-insensitive globs over check ids and resource ids: `*` matches any run, `?` one char.

/// Whether `text` matches `pattern` (ASCII case-insensitive).
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p = pattern.as_bytes();
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi].eq_ignore_ascii_case(&t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            pi += 1;
            mark = ti;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("storage.*", "storage.secure_transfer_required"));
        assert!(!glob_match("storage.*", "sql.tde_enabled"));
        assert!(glob_match("*", ""));
        assert!(glob_match(
            "/subscriptions/*/resourceGroups/RG-1/*",
            "/subscriptions/a/resourcegroups/rg-1/providers/x"
        ));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("a?c", "ac"));
        assert!(glob_match("Microsoft.*", "microsoft.azure.security"));
        assert!(!glob_match("Microsoft.*", "Contoso.Agent"));
    }
}
