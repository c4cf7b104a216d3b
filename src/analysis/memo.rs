//! Incremental analysis: per-paragraph results kept from one version of a
//! document to the next.
//!
//! Every stage of the core is a fold over paragraphs. The expensive part of
//! each stage — scanning a paragraph's bytes for sentences, quotation marks,
//! names, dates — depends on nothing but the paragraph's own text (and the
//! settings), so it is computed once per distinct paragraph and kept here,
//! with offsets relative to the paragraph's start. The cheap part — pairing
//! marks across paragraphs, resolving surnames and relative dates, running
//! the rules — reads those per-paragraph results and runs over the whole
//! document on every version.
//!
//! An edit therefore re-scans only the paragraphs whose text changed; every
//! other paragraph, wherever it moved, is a hit. Results are keyed by the
//! paragraph's exact text (hashed, then compared byte for byte), so a hit
//! can never return another paragraph's result: `analyze_with` with a memo
//! always equals a fresh [`analyze`](crate::analysis::analyze), which
//! `tests/incremental.rs` checks on random edit sequences.
//!
//! Memory stays bounded: after each analysis, entries the analysis did not
//! use are dropped ([`Memo::finish`]). A settings change clears everything.
//!
//! Usage in a stage:
//!
//! ```ignore
//! let local = memo.table::<ParagraphMarks>().get_or_compute(tag, paragraph_text, || {
//!     scan_marks(paragraph_text, settings)
//! });
//! ```

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use crate::analysis::settings::Settings;

/// Per-paragraph results of the previous analyses of one document.
///
/// A disabled memo ([`Memo::disabled`], what a one-shot
/// [`analyze`](crate::analysis::analyze) uses) computes every paragraph and
/// stores nothing.
pub struct Memo {
    enabled: bool,
    /// The settings the stored results were computed with.
    settings: Option<Settings>,
    generation: u32,
    tables: HashMap<TypeId, Box<dyn AnyTable>>,
    /// Document-wide state a stage keeps between analyses ([`Memo::state`]).
    states: HashMap<TypeId, Box<dyn Any + Send>>,
    /// Hits and misses of the current analysis (for benchmarks and logs).
    stats: MemoStats,
}

/// How much of the last analysis came from the memo.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoStats {
    pub hits: usize,
    pub misses: usize,
}

impl Default for Memo {
    fn default() -> Self {
        Memo::new()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
            .field("enabled", &self.enabled)
            .field("generation", &self.generation)
            .field("tables", &self.tables.len())
            .field("stats", &self.stats)
            .finish()
    }
}

impl Memo {
    /// An empty memo that keeps results between analyses.
    pub fn new() -> Memo {
        Memo {
            enabled: true,
            settings: None,
            generation: 0,
            tables: HashMap::new(),
            states: HashMap::new(),
            stats: MemoStats::default(),
        }
    }

    /// A memo that keeps nothing: every lookup computes.
    pub fn disabled() -> Memo {
        Memo { enabled: false, ..Memo::new() }
    }

    /// Start an analysis with `settings`: results computed under other
    /// settings are dropped.
    pub fn begin(&mut self, settings: &Settings) {
        self.generation = self.generation.wrapping_add(1);
        self.stats = MemoStats::default();
        if !self.enabled {
            return;
        }
        if self.settings.as_ref() != Some(settings) {
            self.tables.clear();
            self.states.clear();
            self.settings = Some(settings.clone());
        }
    }

    /// End an analysis: drop every entry it did not use.
    pub fn finish(&mut self) {
        let generation = self.generation;
        for table in self.tables.values_mut() {
            table.sweep(generation);
        }
    }

    /// Hits and misses since the last [`Memo::begin`].
    pub fn stats(&self) -> MemoStats {
        self.stats
    }

    /// Whether results are kept between analyses.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The result of `compute` for the paragraph `text` (with a
    /// caller-chosen `tag`, for results that also depend on, say, the
    /// paragraph's kind), from an earlier analysis when the same text was
    /// seen, else computed now and kept.
    ///
    /// `compute` must depend only on `tag`, `text` and the settings, and its
    /// result must not hold absolute offsets.
    pub fn get_or_compute<T>(&mut self, tag: u8, text: &str, compute: impl FnOnce() -> T) -> Arc<T>
    where
        T: Send + Sync + 'static,
    {
        if !self.enabled {
            self.stats.misses += 1;
            return Arc::new(compute());
        }
        let generation = self.generation;
        let table = self
            .tables
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(Table::<T>::default()))
            .as_any_mut()
            .downcast_mut::<Table<T>>()
            .expect("a table is stored under its own type's id");
        let (value, hit) = table.get_or_compute(generation, tag, text, compute);
        if hit {
            self.stats.hits += 1;
        } else {
            self.stats.misses += 1;
        }
        value
    }

    /// A stage's document-wide state kept between analyses (such as counts
    /// over every paragraph, updated from the paragraphs that changed), or
    /// `None` when the memo is disabled. Dropped when the settings change.
    /// The stage must keep it exact: its result must never depend on what
    /// the state held before.
    pub fn state<T: Default + Send + 'static>(&mut self) -> Option<&mut T> {
        if !self.enabled {
            return None;
        }
        self.states.entry(TypeId::of::<T>()).or_insert_with(|| Box::new(T::default())).downcast_mut::<T>()
    }

    /// Entries kept, over all tables (for tests and benchmarks).
    pub fn len(&self) -> usize {
        self.tables.values().map(|table| table.len()).sum()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

trait AnyTable: Send {
    fn sweep(&mut self, generation: u32);
    fn len(&self) -> usize;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

struct Entry<T> {
    tag: u8,
    text: Box<str>,
    value: Arc<T>,
    used: u32,
}

/// Entries by the hash of (tag, text); each bucket holds every entry with
/// that hash, compared by their exact text.
struct Table<T> {
    buckets: HashMap<u64, Vec<Entry<T>>, NoHash>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { buckets: HashMap::default() }
    }
}

impl<T: Send + Sync + 'static> Table<T> {
    fn get_or_compute(
        &mut self,
        generation: u32,
        tag: u8,
        text: &str,
        compute: impl FnOnce() -> T,
    ) -> (Arc<T>, bool) {
        let key = hash(tag, text);
        let bucket = self.buckets.entry(key).or_default();
        if let Some(entry) = bucket.iter_mut().find(|entry| entry.tag == tag && *entry.text == *text) {
            entry.used = generation;
            return (entry.value.clone(), true);
        }
        let value = Arc::new(compute());
        bucket.push(Entry { tag, text: text.into(), value: value.clone(), used: generation });
        (value, false)
    }
}

impl<T: Send + Sync + 'static> AnyTable for Table<T> {
    fn sweep(&mut self, generation: u32) {
        self.buckets.retain(|_, bucket| {
            bucket.retain(|entry| entry.used == generation);
            !bucket.is_empty()
        });
    }

    fn len(&self) -> usize {
        self.buckets.values().map(Vec::len).sum()
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A fast, fixed-seed hash of a paragraph: the memo compares the text
/// itself on a hit, so the hash needs speed, not resistance to collisions.
fn hash(tag: u8, text: &str) -> u64 {
    let mut hasher = foldhash::fast::FixedState::with_seed(0x636f_7079_6465_736b).build_hasher();
    tag.hash(&mut hasher);
    text.hash(&mut hasher);
    hasher.finish()
}

/// The table's keys are already hashes: use them as they are.
#[derive(Clone, Copy, Default)]
struct NoHash;

impl BuildHasher for NoHash {
    type Hasher = PassThrough;
    fn build_hasher(&self) -> PassThrough {
        PassThrough(0)
    }
}

struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_seen_before_is_a_hit_and_unused_entries_are_dropped() {
        let settings = Settings::default();
        let mut memo = Memo::new();
        memo.begin(&settings);
        let first = memo.get_or_compute(0, "Putin said.", || 1_usize);
        let _ = memo.get_or_compute(0, "Xi said.", || 2_usize);
        memo.finish();
        assert_eq!((*first, memo.stats(), memo.len()), (1, MemoStats { hits: 0, misses: 2 }, 2));

        memo.begin(&settings);
        let again = memo.get_or_compute(0, "Putin said.", || 99_usize);
        let other_tag = memo.get_or_compute(1, "Putin said.", || 3_usize);
        memo.finish();
        assert_eq!((*again, *other_tag), (1, 3));
        assert_eq!(memo.stats(), MemoStats { hits: 1, misses: 1 });
        assert_eq!(memo.len(), 2, "\"Xi said.\" was not used, so it is gone");
    }

    #[test]
    fn new_settings_clear_the_memo_and_a_disabled_memo_keeps_nothing() {
        let mut memo = Memo::new();
        memo.begin(&Settings::default());
        let _ = memo.get_or_compute(0, "a", || 1_u8);
        memo.finish();
        let other = Settings { languages: vec!["de".into()], ..Settings::default() };
        memo.begin(&other);
        assert_eq!(*memo.get_or_compute(0, "a", || 2_u8), 2);

        let mut disabled = Memo::disabled();
        disabled.begin(&Settings::default());
        let _ = disabled.get_or_compute(0, "a", || 1_u8);
        assert_eq!(*disabled.get_or_compute(0, "a", || 2_u8), 2);
        assert!(disabled.is_empty());
    }

    #[test]
    fn tables_of_different_types_do_not_mix() {
        let mut memo = Memo::new();
        memo.begin(&Settings::default());
        let _ = memo.get_or_compute(0, "a", || 1_u8);
        assert_eq!(*memo.get_or_compute(0, "a", || "text"), "text");
    }
}
