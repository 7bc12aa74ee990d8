//! The speed machinery, private: hashing ids without copying them, sharing repeated strings.
//!
//! None of it is public API. Public types hold plain values (`Arc<str>`, `String`); what makes
//! a million records fast lives here so that it can change without changing them: ids hashed
//! eight bytes at a time, ignoring ASCII case (SWAR); evidence texts a thread wrote lately
//! shared rather than copied; a check's own copies of the snapshot's shared strings, so that
//! threads do not contend on one reference count.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use crate::ids::same_id;

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct PrehashedHasher(u64);

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
pub(crate) type IdHashMap<V> = HashMap<u64, V, BuildHasherDefault<PrehashedHasher>>;

/// An id borrowed as a map key: it hashes and compares as ARM compares ids (ignoring ASCII
/// case and a leading or trailing `/`), without a lower-case copy of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdKey<'a>(pub &'a str);

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
pub(crate) type IdKeyMap<'a, V> = HashMap<IdKey<'a>, V, BuildHasherDefault<PrehashedHasher>>;
/// A set of borrowed ids, compared as ARM compares them.
pub(crate) type IdKeySet<'a> =
    std::collections::HashSet<IdKey<'a>, BuildHasherDefault<PrehashedHasher>>;

/// A 64-bit hash of an id, ASCII-case-insensitive, ignoring one leading `/` and trailing `/`s.
pub(crate) fn hash_ci(id: &str) -> u64 {
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

const RECENT_SLOTS: usize = 64;

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Evidence texts this thread wrote lately, by hash: a repeat shares the earlier copy.
    static RECENT: std::cell::RefCell<[Option<Arc<str>>; RECENT_SLOTS]> =
        const { std::cell::RefCell::new([const { None }; RECENT_SLOTS]) };
}

/// This thread's scratch buffer for writing evidence (empty; its capacity kept between uses).
#[inline]
pub(crate) fn take_scratch() -> Vec<u8> {
    SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// Give the scratch buffer back for the next evidence this thread writes.
#[inline]
pub(crate) fn return_scratch(mut buf: Vec<u8>) {
    buf.clear();
    SCRATCH.with(|s| *s.borrow_mut() = buf);
}

/// A shared copy of `text`: the earlier one when this thread wrote the same text lately.
#[inline]
pub(crate) fn share_recent(text: &str) -> Arc<str> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let slot = &mut recent[text_hash(text.as_bytes()) % RECENT_SLOTS];
        match slot {
            Some(seen) if **seen == *text => seen.clone(),
            _ => slot.insert(Arc::from(text)).clone(),
        }
    })
}

/// A quick hash of a short text, eight bytes at a time.
fn text_hash(b: &[u8]) -> usize {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().expect("8 bytes"))).wrapping_mul(K);
    }
    for &x in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(K);
    }
    (h >> 32) as usize
}

/// A check's own copies of the snapshot's shared strings (types, regions, subscriptions):
/// checks run on several threads, and cloning one `Arc` from all of them would make its
/// reference count a point of contention. By the snapshot's slot where there is one (a lookup
/// per finding must not search), by content otherwise (a check names a few types of its own).
#[derive(Default)]
pub(crate) struct LocalStrings {
    types: Vec<Option<Arc<str>>>,
    subscriptions: Vec<Option<Arc<str>>>,
    locations: Vec<Option<Arc<str>>>,
    named: Vec<Arc<str>>,
}

impl LocalStrings {
    /// The copy of the record type in slot `slot` (`original` is asked for on first use only).
    #[inline]
    pub(crate) fn of_type<'s>(
        &mut self,
        slot: u16,
        original: impl FnOnce() -> &'s str,
    ) -> Arc<str> {
        let table = &mut self.types;
        let slot = slot as usize;
        if let Some(Some(a)) = table.get(slot) {
            return a.clone();
        }
        slot_copy(table, slot, original())
    }
    /// The copy of the subscription id of scope slot `slot`.
    #[inline]
    pub(crate) fn of_subscription(&mut self, slot: u32, original: &str) -> Arc<str> {
        slot_copy(&mut self.subscriptions, slot as usize, original)
    }
    /// The copy of the region in slot `slot`.
    #[inline]
    pub(crate) fn of_location(&mut self, slot: u16, original: &str) -> Arc<str> {
        slot_copy(&mut self.locations, slot as usize, original)
    }
    /// The copy of any other string.
    pub(crate) fn named(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.named.iter().find(|a| ***a == *s) {
            return a.clone();
        }
        let a: Arc<str> = s.into();
        self.named.push(a.clone());
        a
    }
}

/// The copy of the string in `slot`, made on first use.
#[inline]
fn slot_copy(table: &mut Vec<Option<Arc<str>>>, slot: usize, original: &str) -> Arc<str> {
    if table.len() <= slot {
        table.resize(slot + 1, None);
    }
    table[slot].get_or_insert_with(|| original.into()).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn hashing_ignores_case_and_slashes() {
        assert_eq!(hash_ci("/Subscriptions/ABC"), hash_ci("subscriptions/abc/"));
        assert_ne!(hash_ci("/subscriptions/abc"), hash_ci("/subscriptions/abd"));
    }
}
