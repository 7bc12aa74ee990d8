//! The check catalog, one file per check under `<service>/`, listed in [`crate::catalog`].

pub mod appservice;
pub mod compute;
pub mod defender;
pub mod general;
pub mod iam;
pub mod keyvault;
pub mod monitor;
pub mod network;
pub mod sql;
pub mod storage;

#[cfg(test)]
#[allow(missing_docs)]
pub mod testing;

/// Case-insensitive equality of an optional string with a value.
pub(crate) fn is(v: &Option<String>, expected: &str) -> bool {
    v.as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case(expected))
}
