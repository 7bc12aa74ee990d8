//! Typed views of records and their cache: each view is parsed once per snapshot.

use std::sync::Arc;

use crate::resource_type::ResourceType;
use crate::snapshot::{Record, Snapshot};

/// A typed view of one resource type: a serde struct whose fields are `Option`s.
pub trait View: Sized + Send + Sync + 'static {
    /// The registry entry of the records it reads (their type is its
    /// [`record_type`](ResourceType::record_type), or one of its aliases).
    const TYPE: &'static ResourceType;
    /// Read the view from a record.
    fn from_record(r: &Record<'_>) -> Result<Self, serde_json::Error>;
}

/// The records of one type parsed into a view; a record that failed to parse keeps the error.
pub struct Parsed<V> {
    items: Vec<(u32, Result<V, String>)>,
}

impl<V: View> Parsed<V> {
    /// Parse every record of `V::TYPE` (and its aliases), a large type split across up to
    /// `threads` threads.
    pub fn build(snapshot: &Snapshot, threads: usize) -> Self {
        let records: Vec<Record<'_>> = std::iter::once(V::TYPE.record_type())
            .chain(V::TYPE.aliases.iter().copied())
            .flat_map(|t| snapshot.of_type(t))
            .collect();
        let parse = |chunk: &[Record<'_>]| -> Vec<(u32, Result<V, String>)> {
            chunk
                .iter()
                .map(|r| {
                    let v = V::from_record(r).map_err(|e| {
                        format!("record could not be read as {}: {e}", V::TYPE.record_type())
                    });
                    (r.index() as u32, v)
                })
                .collect()
        };
        let mut items = if threads > 1 && records.len() >= 2048 {
            let size = records.len().div_ceil(threads);
            std::thread::scope(|s| {
                let parts: Vec<_> = records
                    .chunks(size)
                    .map(|c| s.spawn(move || parse(c)))
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|h| h.join().expect("parsing does not panic"))
                    .collect::<Vec<_>>()
            })
        } else {
            parse(&records)
        };
        // Aliases come after the main spelling: keep document order for binary search.
        items.sort_by_key(|(i, _)| *i);
        Parsed { items }
    }
}

impl<V> Parsed<V> {
    /// Every record of the type with its parsed view (or why it could not be read).
    pub fn iter<'s>(
        &'s self,
        snapshot: &'s Snapshot,
    ) -> impl Iterator<Item = (Record<'s>, Result<&'s V, &'s str>)> + 's {
        self.items.iter().map(move |(i, v)| {
            let rec = snapshot
                .record_at(*i as usize)
                .expect("index from this snapshot");
            (rec, v.as_ref().map_err(String::as_str))
        })
    }
    /// The parsed view of one record.
    pub fn get(&self, record: Record<'_>) -> Option<Result<&V, &str>> {
        let i = record.index() as u32;
        // Without aliases in the snapshot, a record's place in the view is its place among
        // the records of its type: one probe instead of a search through cold memory.
        let at = match self.items.get(record.rank_in_type()) {
            Some((k, _)) if *k == i => Some(record.rank_in_type()),
            _ => self.items.binary_search_by_key(&i, |(k, _)| *k).ok(),
        };
        at.map(|p| self.items[p].1.as_ref().map_err(String::as_str))
    }
    /// Number of records of the type.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The records of `V::TYPE` parsed into `V`, shared by every reader: parsed on first use
/// (a large type split across up to `threads` threads) and kept with the snapshot, so a
/// second run over the same snapshot parses nothing.
pub fn view<V: View>(snapshot: &Snapshot, threads: usize) -> Arc<Parsed<V>> {
    snapshot
        .memo()
        .get_or_init(|| Parsed::<V>::build(snapshot, threads))
}
