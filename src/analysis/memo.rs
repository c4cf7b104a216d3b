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
//! paragraph's exact text, so a hit can never return another paragraph's
//! result: `analyze_with` with a memo always equals a fresh
//! [`analyze`](crate::analysis::analyze), which `tests/incremental.rs`
//! checks on random edit sequences.
//!
//! Each distinct paragraph text is stored once, whatever number of stages
//! keep results for it, and named by a number: the text is hashed and
//! compared byte for byte when it is first met in an analysis, and the
//! stages that ask for the same paragraph later in that analysis (five of
//! them) find its number by the paragraph's place in the document
//! ([`Memo::begin_document`]), which cannot change while the document is
//! borrowed for the analysis. Each stage's table is keyed by (tag, number).
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
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

use foldhash::fast::FixedState;

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
    /// Every paragraph text the tables hold results for, stored once.
    texts: Texts,
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
            texts: Texts::default(),
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
        self.texts.forget_document();
        if !self.enabled {
            return;
        }
        if self.settings.as_ref() != Some(settings) {
            self.tables.clear();
            self.texts.clear();
            self.states.clear();
            self.settings = Some(settings.clone());
        }
    }

    /// [`Memo::begin`] the analysis of `document`: until
    /// [`Memo::finish`], a paragraph text that is a slice of `document` is
    /// looked up by its place in it after its first look-up (the document
    /// is borrowed for the whole analysis, so its bytes cannot change).
    pub fn begin_document(&mut self, document: &str, settings: &Settings) {
        self.begin(settings);
        if self.enabled {
            self.texts.document = address_range(document);
        }
    }

    /// End an analysis: drop every entry it did not use.
    pub fn finish(&mut self) {
        let generation = self.generation;
        for table in self.tables.values_mut() {
            table.sweep(generation);
        }
        self.texts.sweep(generation);
        self.texts.forget_document();
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
        let id = self.texts.id(generation, text);
        let table = self
            .tables
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(Table::<T>::default()))
            .as_any_mut()
            .downcast_mut::<Table<T>>()
            .expect("a table is stored under its own type's id");
        let (value, hit) = table.get_or_compute(generation, tag, id, compute);
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

    /// Entries kept, over all tables (for tests and benchmarks; the
    /// paragraph texts are not counted).
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
    value: Arc<T>,
    used: u32,
}

/// One stage's results, by (tag, paragraph text number).
struct Table<T> {
    entries: HashMap<(u8, u64), Entry<T>, FixedState>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { entries: HashMap::with_hasher(FixedState::with_seed(SEED)) }
    }
}

impl<T: Send + Sync + 'static> Table<T> {
    fn get_or_compute(
        &mut self,
        generation: u32,
        tag: u8,
        id: u64,
        compute: impl FnOnce() -> T,
    ) -> (Arc<T>, bool) {
        match self.entries.entry((tag, id)) {
            std::collections::hash_map::Entry::Occupied(mut entry) => {
                let entry = entry.get_mut();
                entry.used = generation;
                (entry.value.clone(), true)
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                let value = Arc::new(compute());
                slot.insert(Entry { value: value.clone(), used: generation });
                (value, false)
            }
        }
    }
}

impl<T: Send + Sync + 'static> AnyTable for Table<T> {
    fn sweep(&mut self, generation: u32) {
        self.entries.retain(|_, entry| entry.used == generation);
    }

    fn len(&self) -> usize {
        self.entries.len()
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A paragraph text, stored once for every table.
struct Interned {
    text: Box<str>,
    id: u64,
    used: u32,
}

/// The paragraph texts: by the hash of their bytes (each bucket holds the
/// texts with that hash, compared byte for byte), and, during one
/// analysis, by their place in the analysed document.
#[derive(Default)]
struct Texts {
    by_hash: HashMap<u64, Vec<Interned>, NoHash>,
    next_id: u64,
    /// The analysed document's address range (empty outside an analysis).
    document: (usize, usize),
    /// (offset in the document, length) → number, for this analysis.
    placed: HashMap<(usize, usize), u64, FixedState>,
}

impl Texts {
    /// The number of `text`, storing it if it is new.
    fn id(&mut self, generation: u32, text: &str) -> u64 {
        let (start, end) = address_range(text);
        let inside = self.document.0 < self.document.1 && start >= self.document.0 && end <= self.document.1;
        let place = (start.wrapping_sub(self.document.0), text.len());
        if inside {
            if let Some(&id) = self.placed.get(&place) {
                return id;
            }
        }
        let bucket = self.by_hash.entry(hash(text)).or_default();
        let id = match bucket.iter_mut().find(|interned| *interned.text == *text) {
            Some(interned) => {
                interned.used = generation;
                interned.id
            }
            None => {
                let id = self.next_id;
                self.next_id += 1;
                bucket.push(Interned { text: text.into(), id, used: generation });
                id
            }
        };
        if inside {
            self.placed.insert(place, id);
        }
        id
    }

    fn sweep(&mut self, generation: u32) {
        self.by_hash.retain(|_, bucket| {
            bucket.retain(|interned| interned.used == generation);
            !bucket.is_empty()
        });
    }

    fn forget_document(&mut self) {
        self.document = (0, 0);
        self.placed.clear();
    }

    fn clear(&mut self) {
        self.by_hash.clear();
        self.forget_document();
    }
}

/// The addresses `text` occupies: compared, never dereferenced.
fn address_range(text: &str) -> (usize, usize) {
    let start = text.as_ptr() as usize;
    (start, start + text.len())
}

const SEED: u64 = 0x636f_7079_6465_736b;

/// A fast, fixed-seed hash of a paragraph: the memo compares the text
/// itself on a hit, so the hash needs speed, not resistance to collisions.
fn hash(text: &str) -> u64 {
    FixedState::with_seed(SEED).hash_one(text)
}

/// Hash maps whose keys are already hashes: use them as they are.
#[derive(Clone, Copy, Default)]
pub(crate) struct NoHash;

impl BuildHasher for NoHash {
    type Hasher = PassThrough;
    fn build_hasher(&self) -> PassThrough {
        PassThrough(0)
    }
}

pub(crate) struct PassThrough(u64);

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

    /// Within one analysis of a document, the same paragraph asked for by
    /// several stages (by its place in the document), or its equal text
    /// elsewhere, gets the same results; the text is stored once.
    #[test]
    fn paragraphs_found_by_place_and_by_text_are_stored_once() {
        let settings = Settings::default();
        let document = "Putin said.\n\nXi said.\n\nPutin said.";
        let paragraphs = [&document[0..11], &document[13..21], &document[23..34]];
        let mut memo = Memo::new();
        for round in 0..2 {
            memo.begin_document(document, &settings);
            let counts: Vec<usize> = paragraphs
                .iter()
                .map(|paragraph| *memo.get_or_compute(0, paragraph, || paragraph.len()))
                .collect();
            let firsts: Vec<char> = paragraphs
                .iter()
                .map(|paragraph| *memo.get_or_compute(0, paragraph, || paragraph.chars().next().unwrap()))
                .collect();
            // An owned copy is outside the document: found by its text.
            let copy = String::from("Xi said.");
            let again = *memo.get_or_compute(0, &copy, || 0_usize);
            let stats = memo.stats();
            memo.finish();
            assert_eq!((counts, firsts, again), (vec![11, 8, 11], vec!['P', 'X', 'P'], 8), "round {round}");
            let misses = if round == 0 { 4 } else { 0 };
            assert_eq!(stats, MemoStats { hits: 7 - misses, misses }, "round {round}");
            assert_eq!((memo.len(), memo.texts.by_hash.len()), (4, 2), "two texts, two tables");
        }
    }

    #[test]
    fn tables_of_different_types_do_not_mix() {
        let mut memo = Memo::new();
        memo.begin(&Settings::default());
        let _ = memo.get_or_compute(0, "a", || 1_u8);
        assert_eq!(*memo.get_or_compute(0, "a", || "text"), "text");
    }
}
