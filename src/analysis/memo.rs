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
//! Each distinct paragraph text is named by a number (a slot), whatever
//! number of stages keep results for it, and each stage's table is a
//! vector indexed by that number: a hit is an array index. A text is found
//! in three ways, cheapest first:
//!
//! - **By its place.** The memo keeps a copy of the last version of the
//!   document and the places (offset, length) where it met each text.
//!   [`Memo::begin_document`] compares the old and new versions from both
//!   ends (long runs of `==` on bytes, a vectorised `memcmp`): a place
//!   wholly before the changed bytes keeps its offset, one wholly after
//!   them moves by the change in length, the others are forgotten. A
//!   paragraph at a kept place has the same bytes as the text numbered
//!   there, so it gets that number without being hashed or compared. The
//!   stages walk the paragraphs in order, so the places are looked up with
//!   a moving cursor (a binary search when it misses).
//! - **By its bytes.** A text at no kept place — the paragraphs the edit
//!   touched, a text that is not a slice of the analysed document — is
//!   hashed and compared byte for byte with the stored texts of that hash,
//!   so a paragraph moved elsewhere, or repeated, is still a hit.
//! - Else it is new: a slot from the free list. Its text is not copied
//!   when it is a slice of the document (the slot points into the memo's
//!   copy, whose offsets are kept up to date like the places'); a text the
//!   edit overwrote gets its own copy until it is dropped.
//!
//! Memory stays bounded: after each analysis, the places, texts and
//! entries the analysis did not use are dropped ([`Memo::finish`]): the
//! texts in one sequential pass over a small vector, their entries by
//! number, and a table is swept in full only when some entry of a living
//! text was left unused. A settings change clears everything.
//!
//! Usage in a stage:
//!
//! ```ignore
//! let local: Arc<ParagraphMarks> = memo.get_or_compute(tag, paragraph_text, || {
//!     scan_marks(paragraph_text, settings)
//! });
//! ```

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

use foldhash::fast::FixedState;

use crate::analysis::settings::Settings;

/// Where the document of this analysis differs from the one entered before
/// it ([`Memo::edit`]): the bytes `start..old_end` of that one became the
/// bytes `start..new_end` of this one; all before and after are the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The analysis ([`Memo::generation`]) that entered the document this
    /// one is compared with.
    pub since: u32,
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
    /// The bytes taken out, when there are at most [`Edit::KEPT`] of them.
    pub removed: Option<Box<[u8]>>,
}

impl Edit {
    /// How many removed bytes an edit keeps (a keystroke takes out one
    /// character at most).
    pub const KEPT: usize = 64;
}

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
    /// One table per result type (a handful: a short list beats hashing
    /// the type's id on every look-up).
    tables: Vec<(TypeId, Box<dyn AnyTable>)>,
    /// The type and index of the table asked for last.
    last_table: Option<(TypeId, usize)>,
    /// Every paragraph text the tables hold results for, numbered.
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
            .field("texts", &self.texts.live)
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
            tables: Vec::new(),
            last_table: None,
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
        self.texts.document = None;
        if !self.enabled {
            return;
        }
        if self.settings.as_ref() != Some(settings) {
            self.tables.clear();
            self.last_table = None;
            self.texts = Texts::default();
            self.states.clear();
            self.settings = Some(settings.clone());
        }
        for (_, table) in &mut self.tables {
            table.begin();
        }
        self.texts.begin();
    }

    /// [`Memo::begin`] the analysis of `document`, the next version of the
    /// document analysed last: until [`Memo::finish`], a paragraph text
    /// that is a slice of `document` is looked up by its place in it. The
    /// caller must keep `document` borrowed, unchanged, until then (as
    /// [`analyze_with`](crate::analysis::analyze_with) does).
    ///
    /// The bytes before and after the region that changed since the last
    /// version are found by comparing the two versions from both ends; the
    /// paragraphs placed wholly in them keep their numbers (moved by the
    /// change in length), without reading their text again.
    pub fn begin_document(&mut self, document: &str, settings: &Settings) {
        self.begin(settings);
        if self.enabled {
            self.texts.enter(document, self.generation);
        }
    }

    /// End an analysis: drop every entry it did not use.
    pub fn finish(&mut self) {
        self.texts.document = None;
        if !self.enabled {
            return;
        }
        let generation = self.generation;
        let dead = self.texts.finish(generation);
        for (_, table) in &mut self.tables {
            table.sweep(generation, &dead);
        }
        self.texts.dead = dead;
    }

    /// Where this analysis's document differs from the one entered before
    /// it with [`Memo::begin_document`]; `None` without a document, or when
    /// the memo is disabled.
    pub fn edit(&self) -> Option<&Edit> {
        self.texts.document?;
        self.texts.edit.as_ref()
    }

    /// The number of this analysis (one more each [`Memo::begin`]).
    pub fn generation(&self) -> u32 {
        self.generation
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
    #[inline]
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
        if let Some(value) = self.table::<T>().get(generation, tag, id) {
            self.stats.hits += 1;
            return value;
        }
        self.stats.misses += 1;
        let value = Arc::new(compute());
        self.table::<T>().insert(generation, tag, id, value.clone());
        value
    }

    /// The table of results of type `T` (the last one asked for is
    /// remembered: a stage asks for one type paragraph after paragraph).
    #[inline]
    fn table<T: Send + Sync + 'static>(&mut self) -> &mut Table<T> {
        let type_id = TypeId::of::<T>();
        let index = match self.last_table {
            Some((last, index)) if last == type_id => index,
            _ => self.table_index::<T>(),
        };
        let table: &mut dyn Any = &mut *self.tables[index].1;
        table.downcast_mut::<Table<T>>().expect("a table is stored under its own type's id")
    }

    #[inline(never)]
    fn table_index<T: Send + Sync + 'static>(&mut self) -> usize {
        let type_id = TypeId::of::<T>();
        let index = match self.tables.iter().position(|(id, _)| *id == type_id) {
            Some(index) => index,
            None => {
                self.tables.push((type_id, Box::new(Table::<T>::default())));
                self.tables.len() - 1
            }
        };
        self.last_table = Some((type_id, index));
        index
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
        self.tables.iter().map(|(_, table)| table.len()).sum()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

trait AnyTable: Any + Send {
    fn begin(&mut self);
    fn sweep(&mut self, generation: u32, dead: &[u32]);
    fn len(&self) -> usize;
}

struct Entry<T> {
    value: Arc<T>,
    used: u32,
    tag: u8,
}

/// One stage's results, by paragraph text number: a vector indexed by the
/// number, each place holding one tag's result; the rare second tag of the
/// same text in one analysis goes to `others`.
struct Table<T> {
    entries: Vec<Option<Entry<T>>>,
    others: HashMap<(u8, u32), Entry<T>, FixedState>,
    /// Entries held, in `entries` and `others`.
    len: usize,
    /// Entries the current analysis used (each counted once).
    used: usize,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            entries: Vec::new(),
            others: HashMap::with_hasher(FixedState::with_seed(SEED)),
            len: 0,
            used: 0,
        }
    }
}

impl<T: Send + Sync + 'static> Table<T> {
    /// The result kept for (tag, text number), marked used.
    #[inline]
    fn get(&mut self, generation: u32, tag: u8, id: u32) -> Option<Arc<T>> {
        if let Some(Some(entry)) = self.entries.get_mut(id as usize) {
            if entry.tag == tag {
                if entry.used != generation {
                    entry.used = generation;
                    self.used += 1;
                }
                return Some(entry.value.clone());
            }
        }
        if self.others.is_empty() {
            return None;
        }
        self.get_other(generation, tag, id)
    }

    #[inline(never)]
    fn get_other(&mut self, generation: u32, tag: u8, id: u32) -> Option<Arc<T>> {
        let entry = self.others.get_mut(&(tag, id))?;
        if entry.used != generation {
            entry.used = generation;
            self.used += 1;
        }
        Some(entry.value.clone())
    }

    /// Keep `value` for (tag, text number), which [`Table::get`] did not
    /// find.
    #[inline(never)]
    fn insert(&mut self, generation: u32, tag: u8, id: u32, value: Arc<T>) {
        let index = id as usize;
        if self.entries.len() <= index {
            self.entries.resize_with(index + 1, || None);
        }
        let entry = Entry { value, used: generation, tag };
        self.used += 1;
        match &mut self.entries[index] {
            place @ None => {
                *place = Some(entry);
                self.len += 1;
            }
            // Another tag's result the analysis has not used: replaced.
            Some(other) if other.used != generation => *other = entry,
            Some(_) => {
                self.others.insert((tag, id), entry);
                self.len += 1;
            }
        }
    }
}

impl<T: Send + Sync + 'static> AnyTable for Table<T> {
    fn begin(&mut self) {
        self.used = 0;
    }

    /// Drop the entries of the texts that died, then, only when some
    /// entry of a living text was left unused too, every unused entry.
    fn sweep(&mut self, generation: u32, dead: &[u32]) {
        for &id in dead {
            if let Some(place) = self.entries.get_mut(id as usize) {
                if place.take().is_some() {
                    self.len -= 1;
                }
            }
        }
        if !self.others.is_empty() {
            let before = self.others.len();
            self.others.retain(|_, entry| entry.used == generation);
            self.len -= before - self.others.len();
        }
        if self.used != self.len {
            for place in &mut self.entries {
                if place.as_ref().is_some_and(|entry| entry.used != generation) {
                    *place = None;
                    self.len -= 1;
                }
            }
        }
        self.used = 0;
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// No text: the end of a chain, a slot on the free list.
const NONE: u32 = u32::MAX;

/// A paragraph text, by its number.
struct Slot {
    hash: u64,
    len: usize,
    text: Stored,
    /// The next text with the same hash, or [`NONE`].
    next: u32,
}

/// Where a text's bytes are.
enum Stored {
    /// The slot is on the free list.
    Free,
    /// In the memo's copy of the last document, from this offset.
    At(usize),
    /// Its own copy (a text that was not a slice of the analysed document,
    /// or whose place in it was changed by an edit).
    Owned(Box<[u8]>),
}

/// A text's place in the last document, and its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    start: usize,
    len: usize,
    id: u32,
    /// The last analysis that looked the text up at this place.
    used: u32,
}

/// The paragraph texts, numbered: a text is found by its place in the
/// analysed document (the places of the last version, moved by the edit),
/// else by the hash of its bytes, compared byte for byte.
#[derive(Default)]
struct Texts {
    slots: Vec<Slot>,
    /// Per slot, the last analysis that used it.
    used: Vec<u32>,
    free: Vec<u32>,
    live: usize,
    /// Hash → the first slot of the chain of texts with that hash.
    by_hash: HashMap<u64, u32, NoHash>,
    /// A copy of the document of the last analysis (during an analysis, of
    /// the analysed one); the texts `Stored::At` point into it.
    previous: Vec<u8>,
    /// The places of texts in `previous`, by (start, length).
    layout: Vec<Place>,
    /// Where the next look-up by place is likely to be in `layout`: the
    /// stages walk the paragraphs in order.
    cursor: usize,
    /// Places met in this analysis that belong inside `layout`, merged
    /// into it at the end.
    pending: HashMap<(usize, usize), u32, FixedState>,
    /// The analysed document's address range, during an analysis.
    document: Option<(usize, usize)>,
    /// Spare room for [`Texts::finish`].
    merged: Vec<Place>,
    dead: Vec<u32>,
    /// The analysis that entered `previous`, and the last [`Texts::enter`]'s
    /// edit.
    entered: Option<u32>,
    edit: Option<Edit>,
}

impl Texts {
    fn begin(&mut self) {
        self.cursor = 0;
        self.pending.clear();
    }

    /// Take `document` as the next version of `previous`: the places and
    /// texts outside the region that changed are kept (those after it
    /// moved by the change in length), the others forgotten, and
    /// `previous` becomes a copy of `document`.
    fn enter(&mut self, document: &str, generation: u32) {
        let new = document.as_bytes();
        let old = &self.previous;
        let prefix = common_prefix(old, new);
        let suffix = common_suffix(&old[prefix..], &new[prefix..]);
        // Old bytes [prefix, old_end) became new bytes [prefix, new_end).
        let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
        self.edit = self.entered.map(|since| Edit {
            since,
            start: prefix,
            old_end,
            new_end,
            removed: (old_end - prefix <= Edit::KEPT).then(|| old[prefix..old_end].into()),
        });
        self.entered = Some(generation);
        let moved = |start: usize, len: usize| -> Option<usize> {
            if start + len <= prefix {
                Some(start)
            } else if start >= old_end {
                Some(start - old_end + new_end)
            } else {
                None
            }
        };
        for slot in &mut self.slots {
            if let Stored::At(start) = slot.text {
                slot.text = match moved(start, slot.len) {
                    Some(start) => Stored::At(start),
                    None => Stored::Owned(old.get(start..start + slot.len).unwrap_or_default().into()),
                };
            }
        }
        self.layout.retain_mut(|place| match moved(place.start, place.len) {
            Some(start) => {
                place.start = start;
                true
            }
            None => false,
        });
        self.previous.truncate(prefix);
        if self.previous.capacity() < new.len() {
            // Room for the document to grow by typing: without it the
            // first letter typed into a book doubles the copy's block (a
            // second 3 MB, freshly touched, while the first is in use).
            self.previous.reserve_exact(new.len() - prefix + new.len() / 16);
        }
        self.previous.extend_from_slice(&new[prefix..]);
        self.document = Some(address_range(document));
    }

    /// The number of `text`, storing it if it is new. (The slots of the
    /// texts found at a place are marked used by [`Texts::finish`].)
    #[inline]
    fn id(&mut self, generation: u32, text: &str) -> u32 {
        if let Some((start, len)) = self.place_of(text) {
            // The common case: the place after the last one found.
            if let Some(place) = self.layout.get_mut(self.cursor) {
                if place.start == start && place.len == len {
                    place.used = generation;
                    self.cursor += 1;
                    return place.id;
                }
            }
        }
        self.id_elsewhere(generation, text)
    }

    /// [`Texts::id`] away from the cursor: a binary search for the place,
    /// else the places found out of order, else by the text's bytes.
    #[inline(never)]
    fn id_elsewhere(&mut self, generation: u32, text: &str) -> u32 {
        let place = self.place_of(text);
        if let Some((start, len)) = place {
            if let Some(index) = self.find(start, len) {
                let place = &mut self.layout[index];
                place.used = generation;
                return place.id;
            }
            if !self.pending.is_empty() {
                if let Some(&id) = self.pending.get(&(start, len)) {
                    return id;
                }
            }
        }
        let id = self.intern(text, place.map(|(start, _)| start));
        self.used[id as usize] = generation;
        if let Some((start, len)) = place {
            let new = Place { start, len, id, used: generation };
            if self.layout.last().is_none_or(|last| (last.start, last.len) < (start, len)) {
                self.layout.push(new);
                self.cursor = self.layout.len();
            } else {
                self.pending.insert((start, len), id);
            }
        }
        id
    }

    /// `text`'s (offset, length) in the analysed document, when it is a
    /// slice of it.
    fn place_of(&self, text: &str) -> Option<(usize, usize)> {
        let (start, end) = self.document?;
        let (from, to) = address_range(text);
        (from >= start && to <= end).then(|| (from - start, text.len()))
    }

    /// The index of the place (start, len) in the layout; the cursor
    /// moves after it (or to where it would be).
    fn find(&mut self, start: usize, len: usize) -> Option<usize> {
        match self.layout.binary_search_by(|place| (place.start, place.len).cmp(&(start, len))) {
            Ok(index) => {
                self.cursor = index + 1;
                Some(index)
            }
            Err(index) => {
                self.cursor = index;
                None
            }
        }
    }

    /// The number of the stored text equal to `text`, else of a new one
    /// (`at`: its offset in the analysed document, if it is a slice of it).
    fn intern(&mut self, text: &str, at: Option<usize>) -> u32 {
        let hash = hash(text);
        let head = self.by_hash.get(&hash).copied().unwrap_or(NONE);
        let mut candidate = head;
        while let Some(slot) = self.slots.get(candidate as usize) {
            if slot.len == text.len() && bytes(&self.previous, slot) == text.as_bytes() {
                return candidate;
            }
            candidate = slot.next;
        }
        let stored = match at {
            Some(start) => Stored::At(start),
            None => Stored::Owned(text.as_bytes().into()),
        };
        let slot = Slot { hash, len: text.len(), text: stored, next: head };
        let id = match self.free.pop() {
            Some(id) => {
                self.slots[id as usize] = slot;
                id
            }
            None => {
                self.slots.push(slot);
                self.used.push(0);
                (self.slots.len() - 1) as u32
            }
        };
        self.by_hash.insert(hash, id);
        self.live += 1;
        id
    }

    /// End the analysis: the places it did not use are forgotten, the
    /// places it found out of order merged in, and the texts it did not use
    /// freed. Returns the freed numbers.
    fn finish(&mut self, generation: u32) -> Vec<u32> {
        let mut fresh: Vec<Place> = self
            .pending
            .drain()
            .map(|((start, len), id)| Place { start, len, id, used: generation })
            .collect();
        if fresh.is_empty() {
            self.layout.retain(|place| place.used == generation);
        } else {
            fresh.sort_unstable_by_key(|place| (place.start, place.len));
            let mut merged = std::mem::take(&mut self.merged);
            merged.clear();
            merged.reserve(self.layout.len() + fresh.len());
            let mut fresh = fresh.into_iter().peekable();
            for place in self.layout.drain(..).filter(|place| place.used == generation) {
                while let Some(next) = fresh.next_if(|next| (next.start, next.len) < (place.start, place.len))
                {
                    merged.push(next);
                }
                merged.push(place);
            }
            merged.extend(fresh);
            self.merged = std::mem::replace(&mut self.layout, merged);
        }
        for place in &self.layout {
            if let Some(used) = self.used.get_mut(place.id as usize) {
                *used = generation;
            }
        }
        let mut dead = std::mem::take(&mut self.dead);
        dead.clear();
        for (id, &used) in self.used.iter().enumerate() {
            if used != generation && !matches!(self.slots[id].text, Stored::Free) {
                dead.push(id as u32);
            }
        }
        for &id in &dead {
            self.release(id);
        }
        dead
    }

    /// Put slot `id` on the free list.
    fn release(&mut self, id: u32) {
        let Some(slot) = self.slots.get_mut(id as usize) else { return };
        let (hash, next) = (slot.hash, slot.next);
        slot.text = Stored::Free;
        slot.next = NONE;
        // Unlink it from its hash's chain.
        if let Some(head) = self.by_hash.get_mut(&hash) {
            if *head == id {
                if next == NONE {
                    self.by_hash.remove(&hash);
                } else {
                    *head = next;
                }
            } else {
                let mut at = *head;
                while let Some(slot) = self.slots.get_mut(at as usize) {
                    if slot.next == id {
                        slot.next = next;
                        break;
                    }
                    at = slot.next;
                }
            }
        }
        self.free.push(id);
        self.live -= 1;
    }
}

/// The bytes of a stored text.
fn bytes<'a>(previous: &'a [u8], slot: &'a Slot) -> &'a [u8] {
    match &slot.text {
        Stored::Free => &[],
        Stored::At(start) => previous.get(*start..start + slot.len).unwrap_or_default(),
        Stored::Owned(text) => text,
    }
}

/// The length of the longest common start of `a` and `b`: compared in
/// long runs first (`==` on byte slices is a vectorised `memcmp`), then in
/// shorter ones inside the first run that differs.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut at = 0;
    for run in [4096, 256, 16] {
        while at + run <= n && a[at..at + run] == b[at..at + run] {
            at += run;
        }
    }
    at + a[at..n].iter().zip(&b[at..n]).take_while(|(x, y)| x == y).count()
}

/// The length of the longest common end of `a` and `b`.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut at = 0;
    for run in [4096, 256, 16] {
        while at + run <= n && a[n - at - run..n - at] == b[n - at - run..n - at] {
            at += run;
        }
    }
    at + a[..n - at].iter().rev().zip(b[..n - at].iter().rev()).take_while(|(x, y)| x == y).count()
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
            assert_eq!((memo.len(), memo.texts.live), (4, 2), "two texts, two tables");
        }
    }

    #[test]
    fn tables_of_different_types_do_not_mix() {
        let mut memo = Memo::new();
        memo.begin(&Settings::default());
        let _ = memo.get_or_compute(0, "a", || 1_u8);
        assert_eq!(*memo.get_or_compute(0, "a", || "text"), "text");
    }

    /// The two versions' common start and end, whatever the bytes (a
    /// character's bytes may be split: the memo compares bytes only).
    #[test]
    fn common_ends_of_two_versions() {
        let long = "ab".repeat(5000);
        let cases: &[(&str, &str, usize, usize)] = &[
            ("", "", 0, 0),
            ("abc", "abc", 3, 0),
            ("abc", "abXc", 2, 1),
            ("abc", "ac", 1, 1),
            ("aaa", "aaaa", 3, 0),
            ("é", "è", 1, 0),
            ("xé", "é", 0, 2),
            (&long, "", 0, 0),
        ];
        for &(old, new, prefix, suffix) in cases {
            let found = common_prefix(old.as_bytes(), new.as_bytes());
            let end = common_suffix(&old.as_bytes()[found..], &new.as_bytes()[found..]);
            assert_eq!((found, end), (prefix, suffix), "{old:?} → {new:?}");
        }
        let mut edited = long.clone().into_bytes();
        for at in [0, 1, 15, 16, 4095, 4096, 4097, 9999] {
            edited[at] = b'X';
            assert_eq!(common_prefix(long.as_bytes(), &edited), at);
            assert_eq!(common_suffix(long.as_bytes(), &edited), long.len() - at - 1);
            edited[at] = long.as_bytes()[at];
        }
    }

    use proptest::prelude::*;

    /// Paragraphs over few words, so that equal paragraphs, and equal
    /// bytes around an edit, are common.
    fn document() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec!["a", "b", "é", "è", "Putin", "Xi", " ", "\n"]);
        let paragraph = prop::collection::vec(word, 0..6).prop_map(|words| words.concat());
        prop::collection::vec(paragraph, 0..8).prop_map(|paragraphs| paragraphs.join("\n\n"))
    }

    fn edit() -> impl Strategy<Value = (f64, usize, &'static str)> {
        let insert = prop::sample::select(vec!["", "a", "é", "\n\n", "Putin\n\nXi", "b\n\nb"]);
        (0.0..=1.0f64, 0..12usize, insert)
    }

    /// One analysis: three stages ask for every paragraph of `document`
    /// (the second backwards and with a tag that depends on the text, the
    /// third also for an owned copy); each result must be the one computed
    /// for that very text and tag, and afterwards the memo keeps exactly
    /// the entries and texts the analysis used.
    fn analyse(memo: &mut Memo, document: &str, round: usize) -> Result<(), TestCaseError> {
        memo.begin_document(document, &Settings::default());
        let paragraphs: Vec<&str> = document.split("\n\n").collect();
        let mut used = std::collections::HashSet::new();
        for paragraph in &paragraphs {
            let found = memo.get_or_compute(0, paragraph, || paragraph.to_string());
            prop_assert_eq!(found.as_str(), *paragraph);
            used.insert((0, 0, paragraph.to_string()));
        }
        for paragraph in paragraphs.iter().rev() {
            let tag = (paragraph.len() + round) as u8 % 3;
            let found = memo.get_or_compute(tag, paragraph, || (tag, paragraph.to_string()));
            prop_assert_eq!((found.0, found.1.as_str()), (tag, *paragraph));
            used.insert((1, tag, paragraph.to_string()));
        }
        for paragraph in paragraphs.iter().step_by(2) {
            let copy = paragraph.to_string();
            for text in [*paragraph, copy.as_str()] {
                let found = memo.get_or_compute(1, text, || text.as_bytes().to_vec());
                prop_assert_eq!(found.as_slice(), text.as_bytes());
            }
            used.insert((2, 1, paragraph.to_string()));
        }
        memo.finish();
        let texts: std::collections::HashSet<&String> = used.iter().map(|(_, _, text)| text).collect();
        prop_assert_eq!((memo.len(), memo.texts.live), (used.len(), texts.len()));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// After any sequence of edits, the memo returns for each text the
        /// result computed for that text, found by its place or by its
        /// bytes, and keeps only what the last analysis used.
        #[test]
        fn results_always_belong_to_the_text_asked_for(
            start in document(),
            edits in prop::collection::vec(edit(), 1..10),
            restart in prop::collection::vec(any::<bool>(), 10),
        ) {
            let mut memo = Memo::new();
            let mut text = start;
            analyse(&mut memo, &text, 0)?;
            for (round, (at, delete, insert)) in edits.into_iter().enumerate() {
                let floor = |mut i: usize| { while !text.is_char_boundary(i) { i -= 1; } i };
                let start = floor((text.len() as f64 * at) as usize);
                let end = floor((start + delete).min(text.len())).max(start);
                text.replace_range(start..end, insert);
                // Now and then an analysis without a document (by text only).
                if restart[round] {
                    memo.begin(&Settings::default());
                    let _ = memo.get_or_compute(0, "Putin", || "Putin".to_string());
                    memo.finish();
                }
                // A new string each time: the document moves in memory.
                let document = text.clone();
                analyse(&mut memo, &document, round + 1)?;
            }
        }
    }
}
