//! The extraction itself: tokens → known names → people introduced with a
//! title → later mentions (surnames, family names, role references).
//!
//! Two parts, for incremental analysis (see [`crate::analysis::memo`]):
//! - LOCAL, per paragraph ([`scan_paragraph`], kept between versions in a
//!   memoised analysis, see [`KeptParagraphs`]): the tokens with gazetteer
//!   and registry hits, what the word lists say of each word, the title
//!   phrases, and the few tokens the global part must look at (the
//!   candidates). Every span is relative to the paragraph.
//! - GLOBAL ([`global`]): the document-wide word sets, the context
//!   that decides ambiguous names, people and their first references,
//!   surnames, roles. It visits only the candidates, so it is linear in
//!   the number of capitalised words, names and titles, not in bytes.

mod unseen;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasickBuilder, MatchKind};

use super::knowledge::{Entity, KNOWLEDGE};
use super::lexicon::*;
use super::{Actor, ActorKind, Actors, Gender, MentionForm};
use crate::analysis::ascii;
use crate::analysis::lower::Lower;
use crate::analysis::memo::{Edit, Memo};
use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::Article;

/// A hash map with a fast fixed-seed hash (the keys are words of the text:
/// no attacker picks them to collide, and nothing depends on the order).
type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// One token of a paragraph; its span is relative to the paragraph. Small
/// (16 bytes), as the global part reads the items of every paragraph on
/// every analysis: its [`ItemKind`] is packed into `payload` and `flags`.
#[derive(Clone, Debug)]
struct Item {
    start: u32,
    end: u32,
    /// The kind's value: the mark (a `char`), the gazetteer pattern or the
    /// registry entry.
    payload: u32,
    /// [`flag`] bits from the word lists, the case bits and [`TITLE`] (the
    /// low 16 bits), then the kind ([`KIND_SHIFT`]), [`SENTENCE_START`] and
    /// [`VARIANT`].
    flags: u32,
}

/// Where an item's kind is kept in its flags (two bits).
const KIND_SHIFT: u32 = 16;
/// The item starts a sentence (paragraph start, after . ! ? : or an
/// opening quotation mark).
const SENTENCE_START: u32 = 1 << 18;
/// A registry hit that is a variant spelling to flag.
const VARIANT: u32 = 1 << 19;

/// The first character is upper case and some character is lower case.
const TITLE_CASE: u16 = 1 << 10;
/// The first character is lower case.
const LOWER_START: u16 = 1 << 11;
/// Some character is upper case.
const HAS_UPPER: u16 = 1 << 12;
/// A title phrase starts at this item.
const TITLE: u16 = 1 << 13;
/// Word-list bits that keep a title-case word from being a name.
const NOT_NAME_BITS: u16 = flag::NOT_NAME | flag::ROLE | flag::MODIFIER | flag::ORG;

impl Item {
    fn new(span: Span, kind: ItemKind, sentence_start: bool, flags: u16) -> Item {
        // A paragraph of 4 GiB or more gets wrong spans, never a panic.
        let (start, end) = place(span);
        let (tag, payload, variant) = match kind {
            ItemKind::Word => (0, 0, false),
            ItemKind::Punct(c) => (1, u32::from(c), false),
            ItemKind::Known(pattern) => (2, pattern, false),
            ItemKind::Registry(entry, variant) => (3, entry, variant),
        };
        let mut flags = u32::from(flags) | tag << KIND_SHIFT;
        if sentence_start {
            flags |= SENTENCE_START;
        }
        if variant {
            flags |= VARIANT;
        }
        Item { start, end, payload, flags }
    }

    fn kind(&self) -> ItemKind {
        match (self.flags >> KIND_SHIFT) & 3 {
            0 => ItemKind::Word,
            1 => ItemKind::Punct(char::from_u32(self.payload).unwrap_or(char::REPLACEMENT_CHARACTER)),
            2 => ItemKind::Known(self.payload),
            _ => ItemKind::Registry(self.payload, self.flags & VARIANT != 0),
        }
    }

    fn is_word(&self) -> bool {
        (self.flags >> KIND_SHIFT) & 3 == 0
    }

    fn sentence_start(&self) -> bool {
        self.flags & SENTENCE_START != 0
    }

    fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    fn has(&self, bits: u16) -> bool {
        self.flags & u32::from(bits) != 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum ItemKind {
    Word,
    Punct(char),
    /// A gazetteer hit (one or more words): the automaton's pattern, whose
    /// entities (`KNOWLEDGE.entities`) it may stand for.
    Known(u32),
    /// A registry name: entry index, and whether it is a variant to flag.
    Registry(u32, bool),
}

/// The entities a gazetteer pattern stands for.
fn entities_of(pattern: u32) -> &'static [Entity] {
    KNOWLEDGE.entities.get(pattern as usize).map_or(&[], Vec::as_slice)
}

/// A title phrase: its span, head role, modifiers and country.
#[derive(Clone, Debug)]
struct Title {
    span: Span,
    /// The role word and the modifiers, lower-cased (as listed, so rarely
    /// a copy).
    role: Cow<'static, str>,
    modifiers: Vec<Cow<'static, str>>,
    country: Option<usize>,
}

/// One paragraph's local results as the global part reads them from an
/// [`Arena`].
#[derive(Clone, Copy, Debug)]
struct LocalView<'a> {
    /// The prose tokens.
    items: &'a [Item],
    /// Title phrases: (first item, title, item after it), by first item.
    titles: &'a [(usize, Title, usize)],
    /// The items pass 2 looks at, in order: known and registry names,
    /// words with capitals, title starts, state cues; not the [`inert`] ones.
    candidates: &'a [u32],
    /// The candidates where a person may be introduced (pass 1): an
    /// honorific, a title, or a name word a comma and a title follow.
    introductions: &'a [u32],
    /// The candidates that are gazetteer or registry names.
    names: &'a [u32],
    /// Words starting lower case (start and end in the paragraph), for the
    /// document's [`Words`].
    lowercase_words: &'a [Listed],
    /// Title-case words away from a sentence start, likewise.
    midsentence_caps: &'a [Listed],
    /// The paragraph's share of the document's [`Context`]: its unambiguous
    /// country, city and demonym hits (as ISO codes), US-local hits and
    /// state cues.
    countries: &'a [&'static str],
    us_local: usize,
    state_cues: usize,
}

impl LocalView<'static> {
    const EMPTY: LocalView<'static> = LocalView {
        items: &[],
        titles: &[],
        candidates: &[],
        introductions: &[],
        names: &[],
        lowercase_words: &[],
        midsentence_caps: &[],
        countries: &[],
        us_local: 0,
        state_cues: 0,
    };
}

/// The local results of every paragraph, in document order, in one set of
/// lists: a document costs a few vectors, not a handful of allocations per
/// paragraph, and the global passes read them from contiguous memory. A
/// one-shot analysis fills one and gives its room back ([`Arena::take`],
/// [`Arena::keep`]); a memoised one keeps one between versions and
/// replaces only the paragraphs that changed ([`KeptParagraphs`]).
#[derive(Default)]
struct Arena {
    items: Vec<Item>,
    titles: Vec<(usize, Title, usize)>,
    candidates: Vec<u32>,
    introductions: Vec<u32>,
    names: Vec<u32>,
    lowercase: Vec<Listed>,
    caps: Vec<Listed>,
    countries: Vec<&'static str>,
    paragraphs: Vec<ArenaParagraph>,
}

/// Where one paragraph's lists start in the [`Arena`] (each ends where the
/// next paragraph's starts), and its counts.
#[derive(Clone, Copy)]
struct ArenaParagraph {
    starts: [usize; 8],
    us_local: usize,
    state_cues: usize,
}

impl Arena {
    /// An arena with room for a text of `len` bytes of ordinary prose, so
    /// that its lists are seldom moved as they grow.
    fn for_text(len: usize) -> Arena {
        Arena {
            items: Vec::with_capacity(len / 5),
            titles: Vec::with_capacity(len / 512),
            candidates: Vec::with_capacity(len / 32),
            introductions: Vec::with_capacity(len / 256),
            names: Vec::with_capacity(len / 64),
            lowercase: Vec::with_capacity(len / 8),
            caps: Vec::with_capacity(len / 64),
            countries: Vec::with_capacity(len / 128),
            paragraphs: Vec::new(),
        }
    }

    /// This thread's arena, emptied, with room for a text of `len` bytes.
    fn take(len: usize) -> Arena {
        let mut arena = ARENA.with(|kept| kept.take());
        if arena.items.capacity() == 0 {
            return Arena::for_text(len);
        }
        arena.items.reserve(len / 5);
        arena.lowercase.reserve(len / 8);
        arena
    }

    /// Give the lists' room back to this thread for its next analysis,
    /// unless it is the room of a book: a thread keeps at most a few
    /// megabytes for the articles to come.
    fn keep(mut self) {
        if self.items.capacity() > 1 << 16 {
            return;
        }
        self.items.clear();
        self.titles.clear();
        self.candidates.clear();
        self.introductions.clear();
        self.names.clear();
        self.lowercase.clear();
        self.caps.clear();
        self.countries.clear();
        self.paragraphs.clear();
        ARENA.with(|kept| kept.set(self));
    }

    fn lens(&self) -> [usize; 8] {
        [
            self.items.len(),
            self.titles.len(),
            self.candidates.len(),
            self.introductions.len(),
            self.names.len(),
            self.lowercase.len(),
            self.caps.len(),
            self.countries.len(),
        ]
    }

    /// Add the lists built in `scratch` by [`scan_paragraph`] as the next
    /// paragraph's; returns its number.
    fn push(&mut self, scratch: &mut Scratch) -> usize {
        let starts = self.lens();
        self.items.extend_from_slice(&scratch.items);
        self.titles.append(&mut scratch.titles);
        self.candidates.extend_from_slice(&scratch.candidates);
        self.introductions.extend_from_slice(&scratch.introductions);
        self.names.extend_from_slice(&scratch.names);
        self.lowercase.extend_from_slice(&scratch.lowercase);
        self.caps.extend_from_slice(&scratch.caps);
        self.countries.extend_from_slice(&scratch.countries);
        self.paragraphs.push(ArenaParagraph {
            starts,
            us_local: scratch.us_local,
            state_cues: scratch.state_cues,
        });
        self.paragraphs.len() - 1
    }

    /// Where paragraph `p`'s lists start (the lists' ends for the
    /// paragraph after the last).
    fn starts(&self, p: usize) -> [usize; 8] {
        self.paragraphs.get(p).map_or_else(|| self.lens(), |at| at.starts)
    }

    /// Replace the paragraphs `old` (a range of paragraph numbers) with
    /// every paragraph of `fresh`, in place: the lists after them move
    /// once (not at all when the sizes match, as when a letter is typed
    /// into a word), and the later paragraphs' starts shift.
    fn splice(&mut self, old: std::ops::Range<usize>, fresh: Arena) {
        if self.paragraphs.is_empty() {
            *self = fresh;
            return;
        }
        let from = self.starts(old.start);
        let to = self.starts(old.end);
        let added = fresh.lens();
        let Arena { items, titles, candidates, introductions, names, lowercase, caps, countries, paragraphs } =
            fresh;
        self.items.splice(from[0]..to[0], items);
        self.titles.splice(from[1]..to[1], titles);
        self.candidates.splice(from[2]..to[2], candidates);
        self.introductions.splice(from[3]..to[3], introductions);
        self.names.splice(from[4]..to[4], names);
        self.lowercase.splice(from[5]..to[5], lowercase);
        self.caps.splice(from[6]..to[6], caps);
        self.countries.splice(from[7]..to[7], countries);
        for later in self.paragraphs.get_mut(old.end..).unwrap_or_default() {
            later.starts = std::array::from_fn(|n| later.starts[n] - (to[n] - from[n]) + added[n]);
        }
        let placed = paragraphs.into_iter().map(|mut at| {
            at.starts = std::array::from_fn(|n| at.starts[n] + from[n]);
            at
        });
        self.paragraphs.splice(old, placed);
    }

    fn view(&self, paragraph: usize) -> LocalView<'_> {
        let Some(at) = self.paragraphs.get(paragraph) else {
            return LocalView::EMPTY;
        };
        let ends = self.paragraphs.get(paragraph + 1).map_or_else(|| self.lens(), |next| next.starts);
        let range = |n: usize| at.starts[n]..ends[n];
        LocalView {
            items: self.items.get(range(0)).unwrap_or_default(),
            titles: self.titles.get(range(1)).unwrap_or_default(),
            candidates: self.candidates.get(range(2)).unwrap_or_default(),
            introductions: self.introductions.get(range(3)).unwrap_or_default(),
            names: self.names.get(range(4)).unwrap_or_default(),
            lowercase_words: self.lowercase.get(range(5)).unwrap_or_default(),
            midsentence_caps: self.caps.get(range(6)).unwrap_or_default(),
            countries: self.countries.get(range(7)).unwrap_or_default(),
            us_local: at.us_local,
            state_cues: at.state_cues,
        }
    }
}

thread_local! {
    /// The [`Arena`] of this thread's last one-shot analysis, empty.
    static ARENA: std::cell::Cell<Arena> = std::cell::Cell::new(Arena::default());
}

/// Buffers [`scan_paragraph`] fills for one paragraph, reused from one
/// paragraph to the next: the lists grow once per analysis, not once per
/// paragraph.
#[derive(Default)]
struct Scratch {
    registry_hits: Vec<(Span, ItemKind)>,
    items: Vec<Item>,
    lowercase: Vec<Listed>,
    caps: Vec<Listed>,
    /// Items that may start a title (role words, modifiers, known names).
    title_starts: Vec<u32>,
    /// Items that are candidates whatever the titles: names, words with a
    /// capital, state cues.
    marked: Vec<u32>,
    titles: Vec<(usize, Title, usize)>,
    candidates: Vec<u32>,
    introductions: Vec<u32>,
    names: Vec<u32>,
    countries: Vec<&'static str>,
    us_local: usize,
    state_cues: usize,
}

/// An item number as stored in a paragraph's lists.
fn item_number(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The words of a paragraph's word list, one by one, from its text.
fn listed<'t>(para: &'t str, words: &'t [Listed]) -> impl Iterator<Item = &'t str> + 't {
    words.iter().filter_map(move |word| word.of(para))
}

/// A listed word: its [`word_hash`] and its place in the paragraph.
#[derive(Clone, Copy, Debug)]
struct Listed {
    hash: u64,
    start: u32,
    end: u32,
}

impl Listed {
    fn with_hash(span: Span, hash: u64) -> Listed {
        let (start, end) = place(span);
        Listed { hash, start, end }
    }

    fn of(self, para: &str) -> Option<&str> {
        para.get(self.start as usize..self.end as usize)
    }
}

/// A 64-bit hash of a word, from its bytes alone: computed once per word
/// in the memoised scan, so the global part sets words by their hashes
/// without hashing or comparing text (a hit is checked against the text).
fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        use std::hash::BuildHasher;
        return foldhash::fast::FixedState::with_seed(0x776f_7264).hash_one(word);
    }
    hash_packed(pack(bytes).unwrap_or_default(), bytes.len())
}

/// [`word_hash`] of a word of `len` bytes (at most 16), [`pack`]ed.
fn hash_packed(packed: [u64; 2], len: usize) -> u64 {
    let mut h = (packed[0] ^ (len as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 29;
    h = (h ^ packed[1]).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^ (h >> 32)
}

/// A set of the words of the paragraphs' lists, by hash: each hash with
/// the first word listed under it (paragraph, index in its list). Open
/// addressing over the hashes themselves (already well mixed): an insert
/// is a probe or two, where a general map would hash and group again.
struct HashedWords {
    /// (hash, paragraph, index); a slot with paragraph `u32::MAX` is empty.
    slots: Vec<(u64, u32, u32)>,
    len: usize,
}

impl HashedWords {
    const EMPTY: (u64, u32, u32) = (0, u32::MAX, u32::MAX);

    /// A set sized for `words` words: room for all of them at half load
    /// in an article (no growing on the way), and for half of them in a
    /// longer text, where most words repeat.
    fn with_capacity(words: usize) -> HashedWords {
        let room = if words <= 4096 { words * 2 } else { words / 2 };
        HashedWords { slots: vec![Self::EMPTY; room.max(64).next_power_of_two()], len: 0 }
    }

    fn slot(&self, hash: u64) -> usize {
        // The top bits: `slots.len()` is a power of two of at least 64.
        (hash >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// Record the word `(p, k)` under `hash`, unless a word is already there.
    #[inline]
    fn insert_first(&mut self, hash: u64, p: u32, k: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot(hash);
        loop {
            let slot = &mut self.slots[at];
            if slot.1 == u32::MAX {
                *slot = (hash, p, k);
                self.len += 1;
                return;
            }
            if slot.0 == hash {
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// Twice the room, the words placed again.
    #[cold]
    fn grow(&mut self) {
        let bigger = vec![Self::EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        self.len = 0;
        for (hash, p, k) in old.into_iter().filter(|slot| slot.1 != u32::MAX) {
            self.insert_first(hash, p, k);
        }
    }

    /// The first word recorded under `hash`.
    fn get(&self, hash: u64) -> Option<(u32, u32)> {
        let mask = self.slots.len() - 1;
        let mut at = self.slot(hash);
        loop {
            let &(h, p, k) = self.slots.get(at)?;
            if p == u32::MAX {
                return None;
            }
            if h == hash {
                return Some((p, k));
            }
            at = (at + 1) & mask;
        }
    }
}

/// A word's place in its paragraph, for a paragraph's word list.
fn place(span: Span) -> (u32, u32) {
    (u32::try_from(span.start).unwrap_or(u32::MAX), u32::try_from(span.end).unwrap_or(u32::MAX))
}

/// A paragraph's text as the memo knows it: one value per distinct text,
/// the same `Arc` for as long as the text is unchanged, so paragraphs are
/// told apart by address.
struct ParagraphText;

/// One paragraph of the [`KeptParagraphs`]: its text and the regions of it
/// that are not prose (inline code, URLs: they come from the structure).
#[derive(Clone)]
struct KeptParagraph {
    text: Arc<ParagraphText>,
    excluded: Box<[Span]>,
}

impl KeptParagraph {
    fn same(&self, other: &KeptParagraph) -> bool {
        Arc::ptr_eq(&self.text, &other.text) && self.excluded == other.excluded
    }
}

/// What a memoised analysis keeps between versions ([`Memo::state`]): the
/// [`Arena`] of the last version's paragraphs, which paragraph each entry
/// was scanned from, and the document-wide word sets as counts over them.
/// An edit re-scans the paragraphs between the unchanged ones at the start
/// and at the end, splices them in, and moves their words out of and into
/// the counts, so a keystroke costs one pass over the paragraph list, not
/// over every word. Exact whatever it held before: a paragraph is reused
/// only when its text (the memo's value for it, kept alive here so its
/// address is not reused) and its excluded regions are the same.
#[derive(Default)]
struct KeptParagraphs {
    arena: Arena,
    paragraphs: Vec<KeptParagraph>,
    words: WordIndex,
}

/// The document-wide word sets, as counts over the paragraphs, by the
/// words' hashes (a paragraph's lists hold them, so the words of a
/// paragraph that is gone are taken out without its text). Each hash
/// stands for one word, kept once; two words under one hash set
/// `collided`, and the analysis then reads the word sets afresh from the
/// paragraphs instead ([`Words::hashed`]), exact either way.
#[derive(Default)]
struct WordIndex {
    /// Words seen in lower case anywhere: their capitalised form at a
    /// sentence start is a common word, not a name.
    lowercase: WordCounts,
    /// Title-case words seen away from a sentence start.
    caps: WordCounts,
    collided: bool,
}

/// Words by hash, each with how many times the paragraphs list it.
#[derive(Default)]
struct WordCounts(FastMap<u64, (Box<str>, u32)>);

impl WordCounts {
    /// Count the listed words of a paragraph (`para` is its text); false
    /// when a word's hash already stands for another word.
    fn count(&mut self, para: &str, words: &[Listed]) -> bool {
        for listed in words {
            let Some(word) = listed.of(para) else { continue };
            match self.0.get_mut(&listed.hash) {
                Some((kept, n)) if **kept == *word => *n += 1,
                Some(_) => return false,
                None => {
                    self.0.insert(listed.hash, (word.into(), 1));
                }
            }
        }
        true
    }

    /// Take out the listed words of a paragraph, by their hashes.
    fn uncount(&mut self, words: &[Listed]) {
        for listed in words {
            if let Some((_, n)) = self.0.get_mut(&listed.hash) {
                *n -= 1;
                if *n == 0 {
                    self.0.remove(&listed.hash);
                }
            }
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.0.get(&word_hash(word)).is_some_and(|(kept, _)| **kept == *word)
    }
}

impl KeptParagraphs {
    /// Make the arena hold exactly the paragraphs `now`, in order, whose
    /// texts are `texts`.
    fn update(
        &mut self,
        now: Vec<KeptParagraph>,
        texts: &[&str],
        registry: &Registry,
        scratch: &mut Scratch,
    ) {
        let old = &self.paragraphs;
        let prefix = old.iter().zip(&now).take_while(|(a, b)| a.same(b)).count();
        let room = old.len().min(now.len()) - prefix;
        let suffix = old.iter().rev().zip(now.iter().rev()).take(room).take_while(|(a, b)| a.same(b)).count();
        let gone = prefix..old.len() - suffix;
        let came = prefix..now.len() - suffix;
        let WordIndex { lowercase, caps, collided } = &mut self.words;
        for p in gone.clone() {
            let local = self.arena.view(p);
            lowercase.uncount(local.lowercase_words);
            caps.uncount(local.midsentence_caps);
        }
        let mut fresh = if self.paragraphs.is_empty() {
            Arena::for_text(texts.iter().map(|text| text.len()).sum())
        } else {
            Arena::default()
        };
        for (kept, para) in now[came.clone()].iter().zip(&texts[came]) {
            scan_paragraph(para, &kept.excluded, registry, scratch);
            let local = fresh.push(scratch);
            let local = fresh.view(local);
            let counted =
                lowercase.count(para, local.lowercase_words) && caps.count(para, local.midsentence_caps);
            *collided |= !counted;
        }
        self.arena.splice(gone, fresh);
        self.paragraphs = now;
    }
}

/// The document-wide word sets as the global part reads them: the counted
/// [`WordIndex`] a memoised analysis keeps, or, for a one-shot analysis, the words' hashes
/// from the paragraphs' lists (no word copied, hashed or compared again).
enum Words<'a> {
    Counted(&'a WordIndex),
    Hashed {
        /// Only the lower-case words whose hash has its bit in `twins`.
        lowercase: HashedWords,
        caps: HashedWords,
        twins: Twins,
        paragraphs: &'a [Para<'a>],
        text: &'a str,
    },
}

/// The words a one-shot analysis may ask about in lower case, as bits of
/// their lower-cased hashes ([`lower_word_hash`]): the title-case words
/// with no common-word bit (the name words, see [`is_name_word`] and
/// [`resolve_word`]). Most lower-case words of a text have no such twin,
/// and [`Words::hashed`] leaves them out of its set with one bit test.
/// A word asked about whose bit is not set is looked for in every list.
struct Twins(Vec<u64>);

impl Twins {
    /// Bits for `words` words: about one set in sixteen.
    fn with_words(words: usize) -> Twins {
        Twins(vec![0; (words * 16).next_power_of_two().max(1024) / 64])
    }

    fn bit(&self, hash: u64) -> (usize, u64) {
        let at = hash as usize & (self.0.len() * 64 - 1);
        (at / 64, 1 << (at % 64))
    }

    fn insert(&mut self, hash: u64) {
        let (word, bit) = self.bit(hash);
        if let Some(bits) = self.0.get_mut(word) {
            *bits |= bit;
        }
    }

    fn has(&self, hash: u64) -> bool {
        let (word, bit) = self.bit(hash);
        self.0.get(word).is_some_and(|bits| bits & bit != 0)
    }
}

/// [`word_hash`] of `word` lower-cased: for a plain-ASCII word of up to 16
/// bytes from its packed bytes, without a lower-cased copy.
fn lower_word_hash(word: &str) -> u64 {
    match pack(word.as_bytes()).filter(|&key| is_ascii_packed(key)) {
        Some(key) => hash_packed(lower_packed_key(key), word.len()),
        None => word_hash(&Lower::of(word)),
    }
}

/// Whether a [`pack`]ed word is plain ASCII.
fn is_ascii_packed(key: [u64; 2]) -> bool {
    (key[0] | key[1]) & 0x8080_8080_8080_8080 == 0
}

/// [`lower_word_hash`] of the word of `len` bytes at `start` in `bytes`
/// when it is plain ASCII of up to 16 bytes (read with two 8-byte loads
/// where it can be).
fn lower_hash_at(bytes: &[u8], start: usize, len: usize) -> Option<u64> {
    let key = pack_at(bytes, start, len).filter(|&key| is_ascii_packed(key))?;
    Some(hash_packed(lower_packed_key(key), len))
}

/// Which list of a paragraph's [`LocalView`].
#[derive(Clone, Copy)]
enum List {
    Lowercase,
    Caps,
}

impl List {
    fn of<'a>(self, local: &LocalView<'a>) -> &'a [Listed] {
        match self {
            List::Lowercase => local.lowercase_words,
            List::Caps => local.midsentence_caps,
        }
    }
}

impl<'a> Words<'a> {
    fn hashed(paragraphs: &'a [Para<'a>], text: &'a str) -> Words<'a> {
        // Every title-case word that is no common word is a candidate (it
        // is marked, and not inert).
        let mut twins = Twins::with_words(paragraphs.iter().map(|p| p.local.candidates.len()).sum());
        let mut twin_words = 0;
        for para in paragraphs {
            let bytes = para.text(text).as_bytes();
            for &c in para.local.candidates {
                let Some(item) = para.local.items.get(c as usize) else { continue };
                if item.is_word() && item.has(TITLE_CASE) && !item.has(flag::NOT_NAME) {
                    let (start, len) = (item.start as usize, (item.end - item.start) as usize);
                    let hash = lower_hash_at(bytes, start, len)
                        .unwrap_or_else(|| lower_word_hash(item.span().slice(para.text(text))));
                    twins.insert(hash);
                    twin_words += 1;
                }
            }
        }
        let mut lowercase = HashedWords::with_capacity(twin_words);
        for (p, para) in paragraphs.iter().enumerate() {
            for (k, word) in para.local.lowercase_words.iter().enumerate() {
                if twins.has(word.hash) {
                    lowercase.insert_first(word.hash, p as u32, k as u32);
                }
            }
        }
        let len: usize = paragraphs.iter().map(|p| p.local.midsentence_caps.len()).sum();
        let mut caps = HashedWords::with_capacity(len);
        for (p, para) in paragraphs.iter().enumerate() {
            for (k, word) in para.local.midsentence_caps.iter().enumerate() {
                caps.insert_first(word.hash, p as u32, k as u32);
            }
        }
        Words::Hashed { lowercase, caps, twins, paragraphs, text }
    }

    /// Whether `word` is in the lower-case list of some paragraph, by
    /// reading every list (for a word without a twin).
    fn in_every_lowercase_list(paragraphs: &[Para], text: &str, word: &str) -> bool {
        paragraphs.iter().any(|para| listed(para.text(text), para.local.lowercase_words).any(|w| w == word))
    }

    /// Whether `word` is written in lower case somewhere (as given).
    fn has_lowercase(&self, word: &str) -> bool {
        match self {
            Words::Counted(index) => index.lowercase.contains(word),
            Words::Hashed { lowercase, twins, paragraphs, text, .. } => {
                if !twins.has(word_hash(word)) {
                    return Words::in_every_lowercase_list(paragraphs, text, word);
                }
                Words::has(lowercase, List::Lowercase, paragraphs, text, word)
            }
        }
    }

    /// Whether `word` lower-cased is written in lower case somewhere, given
    /// the lower-cased word's [`word_hash`] and a test that a listed word
    /// is it (`word` is lower-cased only when two words share the hash).
    fn has_lowercase_hashed(&self, hash: u64, same: impl Fn(&str) -> bool, word: &str) -> bool {
        match self {
            Words::Counted(index) => match index.lowercase.0.get(&hash) {
                Some((kept, _)) => same(kept),
                None => false,
            },
            Words::Hashed { lowercase, twins, paragraphs, text, .. } => {
                if !twins.has(hash) {
                    return Words::in_every_lowercase_list(paragraphs, text, &Lower::of(word));
                }
                let Some((p, k)) = lowercase.get(hash) else { return false };
                let listed = paragraphs
                    .get(p as usize)
                    .and_then(|para| List::Lowercase.of(&para.local).get(k as usize)?.of(para.text(text)));
                if listed.is_some_and(&same) {
                    return true;
                }
                Words::has(lowercase, List::Lowercase, paragraphs, text, &Lower::of(word))
            }
        }
    }

    /// Whether `word` is written in title case away from a sentence start.
    fn has_caps(&self, word: &str) -> bool {
        match self {
            Words::Counted(index) => index.caps.contains(word),
            Words::Hashed { caps, paragraphs, text, .. } => {
                Words::has(caps, List::Caps, paragraphs, text, word)
            }
        }
    }

    /// Whether `word` is in `list` of some paragraph: by its hash, the
    /// first word listed under it checked against the text; when that is
    /// another word (two words, one hash), by reading every list.
    fn has(set: &HashedWords, list: List, paragraphs: &[Para], text: &str, word: &str) -> bool {
        let Some((p, k)) = set.get(word_hash(word)) else { return false };
        let listed_at = |p: usize, k: usize| {
            let para = paragraphs.get(p)?;
            list.of(&para.local).get(k)?.of(para.text(text))
        };
        if listed_at(p as usize, k as usize) == Some(word) {
            return true;
        }
        paragraphs.iter().any(|para| listed(para.text(text), list.of(&para.local)).any(|w| w == word))
    }
}

/// A person introduced by the article (or by data), before mentions are
/// collected.
#[derive(Clone, Debug)]
struct PersonDef {
    name: String,
    /// Name words; `surname` is the one later references use.
    words: Vec<String>,
    surname: String,
    title: Option<Title>,
    title_text: Option<String>,
    gender: Option<Gender>,
    kind: ActorKind,
    leader: Option<usize>,
    registry: Option<usize>,
}

/// What makes two mentions the same actor.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ActorKey<'a> {
    /// A country (by ISO code) and its demonyms.
    Country(&'static str),
    City(usize),
    State(usize),
    Org(usize),
    Region(usize),
    Registry(usize),
    /// A name nobody introduced, as written.
    Unknown(&'a str),
    Person(String),
}

#[derive(Default)]
struct Builder<'a> {
    actors: Vec<Actor>,
    keys: FastMap<ActorKey<'a>, usize>,
    /// The actor of each gazetteer entity met so far ([`known_actor`]):
    /// one look-up by a small key, not by its country code or name.
    known: FastMap<Entity, usize>,
}

impl<'a> Builder<'a> {
    fn actor(&mut self, key: ActorKey<'a>, make: impl FnOnce() -> Actor) -> usize {
        if let Some(&index) = self.keys.get(&key) {
            return index;
        }
        self.actors.push(make());
        self.keys.insert(key, self.actors.len() - 1);
        self.actors.len() - 1
    }

    fn mention(&mut self, actor: usize, span: Span, form: MentionForm) {
        // A mention recorded twice is dropped in `finish` (the first kept).
        let a = &mut self.actors[actor];
        a.mentions.push(span);
        a.forms.push(form);
    }
}

fn blank(name: String, kind: ActorKind) -> Actor {
    Actor {
        name,
        kind,
        description: None,
        mentions: Vec::new(),
        forms: Vec::new(),
        title: None,
        gender: None,
        first_reference: Span::default(),
        knowledge: None,
        leader: None,
        registry: None,
        country: None,
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        // General punctuation (dashes, curly quotes) is common and never
        // alphanumeric: skip the Unicode tables.
        !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
    }
}

fn char_before(text: &str, offset: usize) -> Option<char> {
    text.get(..offset).and_then(|s| s.chars().next_back())
}

fn char_after(text: &str, offset: usize) -> Option<char> {
    text.get(offset..).and_then(|s| s.chars().next())
}

fn is_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase)
}

fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// `word` lower-cased: the listed word it equals when there is one.
fn lowercase_listed(word: &str) -> Cow<'static, str> {
    listed_lowercase(word).map_or_else(|| Cow::Owned(lower(word)), Cow::Borrowed)
}

/// Whether the item is written as an honorific ("Mr", "Sen").
fn is_honorific(text: &str, item: &Item) -> bool {
    match item.kind() {
        ItemKind::Word => item.has(flag::HONORIFIC),
        // No honorific is a punctuation mark.
        ItemKind::Punct(_) => false,
        _ => word_flags(item.span().slice(text)) & flag::HONORIFIC != 0,
    }
}

/// The case bits and word-list bits of the word `span` of `para`.
fn word_bits(para: &str, span: Span) -> u16 {
    let word = span.slice(para);
    let key = if word.is_ascii() { pack_at(para.as_bytes(), span.start, word.len()) } else { None };
    let mut bits = word_flags_packed(word, key);
    let first = word.chars().next();
    if first.is_some_and(char::is_lowercase) {
        bits |= LOWER_START;
    }
    let upper = if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().any(char::is_uppercase)
    };
    if upper {
        bits |= HAS_UPPER;
        if is_title_case(word) {
            bits |= TITLE_CASE;
        }
    }
    bits
}

/// Everything the global part knows while it looks at one paragraph: the
/// paragraph's text (item spans are relative to it), its title phrases,
/// and the document-wide word sets.
struct Scan<'a> {
    text: &'a str,
    titles: &'a [(usize, Title, usize)],
    /// The document-wide word sets.
    words: &'a Words<'a>,
}

impl<'a> Scan<'a> {
    /// Whether `word`, lower-cased, is written lower case somewhere. A
    /// plain-ASCII word of up to 16 bytes is lower-cased packed, and its
    /// hash found without a lower-cased copy of it.
    fn seen_lowercase(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if let Some(key) = pack(bytes).filter(|&key| is_ascii_packed(key)) {
            let hash = hash_packed(lower_packed_key(key), bytes.len());
            let same = |listed: &str| {
                listed.len() == bytes.len()
                    && listed.bytes().zip(bytes).all(|(a, &b)| a == b.to_ascii_lowercase())
            };
            return self.words.has_lowercase_hashed(hash, same, word);
        }
        self.words.has_lowercase(&Lower::of(word))
    }

    /// The title phrase starting at item `i`: the title and the item after it.
    fn title_at(&self, items: &[Item], i: usize) -> Option<(&'a Title, usize)> {
        if !items.get(i)?.has(TITLE) {
            return None;
        }
        let index = self.titles.binary_search_by_key(&i, |(at, _, _)| *at).ok()?;
        self.titles.get(index).map(|(_, title, after)| (title, *after))
    }
}

/// The local part: cut one paragraph (`para`, with the excluded regions
/// `excluded` relative to it) into items and find what the global part
/// needs. Depends on nothing outside the paragraph but the settings.
fn scan_paragraph(para: &str, excluded: &[Span], registry: &Registry, scratch: &mut Scratch) {
    tokenize(para, registry, scratch);
    if !excluded.is_empty() {
        let is_prose = |offset: usize| {
            let index = excluded.partition_point(|span| span.end <= offset);
            excluded.get(index).is_none_or(|span| !span.contains(offset))
        };
        scratch.items.retain(|item| is_prose(item.span().start));
        scratch.lowercase.retain(|word| is_prose(word.start as usize));
        scratch.caps.retain(|word| is_prose(word.start as usize));
        // The item numbers changed: list the starts and marks again.
        scratch.title_starts.clear();
        scratch.marked.clear();
        for (i, item) in scratch.items.iter().enumerate() {
            if may_start_title(item) {
                scratch.title_starts.push(item_number(i));
            }
            if is_marked(item) {
                scratch.marked.push(item_number(i));
            }
        }
    }
    scratch.state_cues = scratch.state_cues_of_items();
    scratch.us_local = 0;
    let Scratch {
        items,
        title_starts,
        marked,
        titles,
        candidates,
        introductions,
        names,
        countries,
        us_local,
        ..
    } = scratch;
    titles.clear();
    for &i in title_starts.iter() {
        let i = i as usize;
        if let Some((title, after)) = title_phrase(para, items, i) {
            items[i].flags |= u32::from(TITLE);
            titles.push((i, title, after));
        }
    }
    candidates.clear();
    introductions.clear();
    names.clear();
    countries.clear();
    // The candidates in order: the marked items and the title starts.
    let mut next_title = titles.iter().map(|(i, _, _)| *i).peekable();
    let mut next_marked = marked.iter().map(|&i| i as usize).peekable();
    loop {
        let i = match (next_title.peek(), next_marked.peek()) {
            (Some(&t), Some(&m)) if t < m => next_title.next(),
            (Some(&t), Some(&m)) if t == m => {
                next_title.next();
                next_marked.next()
            }
            (Some(_), None) => next_title.next(),
            _ => next_marked.next(),
        };
        let Some(i) = i else { break };
        if let ItemKind::Known(_) | ItemKind::Registry(..) = items[i].kind() {
            names.push(item_number(i));
            if let ItemKind::Known(pattern) = items[i].kind() {
                add_to_context(pattern, countries, us_local);
            }
        }
        if may_introduce(items, i) {
            introductions.push(item_number(i));
        }
        if !inert(para, items, i) {
            candidates.push(item_number(i));
        }
    }
}

impl Scratch {
    /// How many word items are state cues ("state", "governor").
    fn state_cues_of_items(&self) -> usize {
        self.marked
            .iter()
            .filter(|&&i| {
                self.items.get(i as usize).is_some_and(|item| item.is_word() && item.has(flag::STATE_CUE))
            })
            .count()
    }
}

/// Whether a title phrase may start at this item: a role word, a modifier
/// or a known name.
fn may_start_title(item: &Item) -> bool {
    match item.kind() {
        ItemKind::Word => item.has(flag::ROLE | flag::MODIFIER),
        ItemKind::Known(_) => true,
        _ => false,
    }
}

/// Whether the item is a candidate whatever the title phrases: a known or
/// registry name, or a word with a capital or a state cue.
fn is_marked(item: &Item) -> bool {
    match item.kind() {
        ItemKind::Known(_) | ItemKind::Registry(..) => true,
        ItemKind::Punct(_) => false,
        ItemKind::Word => item.has(HAS_UPPER | flag::STATE_CUE),
    }
}

/// Whether pass 2 finds nothing at item `i` whatever the rest of the
/// document holds: a listed common word ("The", "But") that starts no
/// title, holds no second capital (no glued names) and follows no
/// honorific. Most capitalised words of a text are such sentence starters.
fn inert(para: &str, items: &[Item], i: usize) -> bool {
    let item = &items[i];
    if !item.is_word() || !item.has(flag::NOT_NAME) || item.has(TITLE) {
        return false;
    }
    if glued_capital(item.span().slice(para)) {
        return false;
    }
    let mut before = i.checked_sub(1);
    if before.is_some_and(|j| items[j].kind() == ItemKind::Punct('.')) {
        before = i.checked_sub(2);
    }
    before.is_none_or(|j| !is_honorific(para, &items[j]))
}

/// Whether a capital follows a lower-case letter in `word` ("XinhuaLi"):
/// byte by byte while the word is ASCII, by characters from the first
/// byte that is not.
fn glued_capital(word: &str) -> bool {
    let mut prev_lower = false;
    for (at, &b) in word.as_bytes().iter().enumerate() {
        if b >= 0x80 {
            return word.get(at..).is_some_and(|rest| {
                rest.chars().any(|c| {
                    let glued = c.is_uppercase() && prev_lower;
                    prev_lower = c.is_lowercase();
                    glued
                })
            });
        }
        if b.is_ascii_uppercase() && prev_lower {
            return true;
        }
        prev_lower = b.is_ascii_lowercase();
    }
    false
}

/// Whether the item after the hyphen `items[hyphen]` is a role word or a
/// modifier written right after it ("Vice-President", "Deputy-Chief").
fn title_word_after_hyphen(items: &[Item], hyphen: usize) -> bool {
    let (Some(dash), Some(next)) = (items.get(hyphen), items.get(hyphen + 1)) else { return false };
    hyphen.checked_sub(1).and_then(|b| items.get(b)).is_some_and(|before| before.end == dash.start)
        && next.start == dash.end
        && next.is_word()
        && next.has(flag::ROLE | flag::MODIFIER)
}

/// Whether [`person_pattern`] can find a person at item `i` (a necessary
/// condition, from the paragraph alone): an honorific, a title, or a name
/// word with a comma two to four items on, and a title right after the
/// comma or after one word more ("Vladimir Putin, the Russian president").
fn may_introduce(items: &[Item], i: usize) -> bool {
    let item = &items[i];
    if item.has(TITLE) || (item.is_word() && item.has(flag::HONORIFIC)) {
        return true;
    }
    if !item.is_word() || !item.has(TITLE_CASE) || item.has(NOT_NAME_BITS) {
        return false;
    }
    (i + 2..=i + 4).any(|j| {
        items.get(j).is_some_and(|it| it.kind() == ItemKind::Punct(','))
            && (items.get(j + 1).is_some_and(|it| it.has(TITLE))
                || items.get(j + 2).is_some_and(|it| it.has(TITLE)))
    })
}

/// Cut a paragraph into items (words, punctuation, gazetteer and registry
/// hits) in `scratch`, with the words it adds to the document's word sets
/// and the items the title and candidate passes look at.
///
/// One pass over the bytes, ASCII decoded without `char` machinery; a
/// plain-ASCII word of up to 16 bytes is read with two 8-byte loads. A
/// gazetteer name is looked for only where an item starts and only when
/// its first byte can start one (an anchored search there), not across
/// every byte of the paragraph.
fn tokenize(para: &str, registry: &Registry, scratch: &mut Scratch) {
    let Scratch { registry_hits, items, lowercase, caps, title_starts, marked, .. } = scratch;
    for list in [&mut *title_starts, &mut *marked] {
        list.clear();
    }
    items.clear();
    lowercase.clear();
    caps.clear();
    let mut tokens = Tokens { items, lowercase, caps, title_starts, marked, sentence_start: true };
    // Registry names first: they may span several words and win over the
    // gazetteer. Sorted, not overlapping (one leftmost-longest automaton).
    registry_hits.clear();
    if let Some(matcher) = &registry.matcher {
        for m in matcher.find_iter(para) {
            let hit = Span::new(m.start(), m.end());
            if boundary_ok(para, hit) {
                let (entry, variant) = registry.patterns[m.pattern().as_usize()];
                registry_hits
                    .push((hit, ItemKind::Registry(u32::try_from(entry).unwrap_or(u32::MAX), variant)));
            }
        }
    }
    let k = &*KNOWLEDGE;
    let bytes = para.as_bytes();
    let mut offset = 0;
    let mut next_registry = 0;
    // No gazetteer name starts with a space: spaces are skipped at once
    // unless a registry name starts there.
    let space_starts_nothing = !k.first_bytes[usize::from(b' ')];
    macro_rules! push_word {
        ($span:expr, $flags:expr, $hash:expr) => {{
            tokens.push_word($span, $flags, $hash);
        }};
    }
    loop {
        // Past the registry names, the plain words and spaces in a tight
        // loop of their own.
        if space_starts_nothing && next_registry == registry_hits.len() {
            offset = plain_words(para, offset, &mut tokens);
        }
        let Some(&b) = bytes.get(offset) else { break };
        if b == b' '
            && space_starts_nothing
            && registry_hits.get(next_registry).is_none_or(|(r, _)| r.start != offset)
        {
            offset += 1;
            continue;
        }
        // A plain-ASCII word, read whole at once where it can be.
        let fast = if ascii::CLASS[usize::from(b)] != 0 { ascii_word_at(bytes, offset) } else { None };
        // Most words: plain ASCII, no registry name ahead, and a first
        // word of no gazetteer name. The general path below would do
        // exactly this for them, after tests that cannot succeed.
        if let Some((n, key, case)) = fast {
            let may_start_name = k.first_bytes[usize::from(b)] && k.may_be_first_word(key);
            if next_registry == registry_hits.len() && !may_start_name {
                // A hyphen after a capitalised word that is no title word
                // may join it to more of a name.
                let compound = case & TITLE_CASE != 0
                    && bytes.get(offset + n) == Some(&b'-')
                    && word_bits_and_hash_packed(key, n, case).0 & (flag::ROLE | flag::MODIFIER) == 0;
                if let Some((end, ascii)) = compound.then(|| hyphenated_end(para, offset + n, &[])).flatten()
                {
                    let span = Span::new(offset, end);
                    let (flags, hash) = word_bits_and_hash(para, span, ascii);
                    push_word!(span, flags, hash);
                    offset = end;
                    continue;
                }
                let (flags, hash) = word_bits_and_hash_packed(key, n, case);
                push_word!(Span::new(offset, offset + n), flags, hash);
                offset += n;
                continue;
            }
        }
        // A registry name here, else a gazetteer name (one that does not
        // run into the next registry name), else a word or a mark.
        let (c, len) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            match para.get(offset..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        let word = fast.is_some() || is_word_char(c);
        let (end, ascii) = match fast {
            Some((n, _, _)) => (offset + n, true),
            None if word => word_end(para, offset + len),
            None => (offset + len, false),
        };
        let mut hit = None;
        if let Some(&(span, kind)) = registry_hits.get(next_registry) {
            if span.start == offset {
                hit = Some((span, kind));
                next_registry += 1;
            }
        }
        let may_start_name =
            k.first_bytes[usize::from(b)] && fast.is_none_or(|(_, key, _)| k.may_be_first_word(key));
        if hit.is_none() && may_start_name {
            let first = if word { &para[offset..end] } else { "" };
            hit = known_at(para, offset, first)
                .filter(|(span, _)| registry_hits.get(next_registry).is_none_or(|(r, _)| !r.overlaps(*span)));
        }
        if let Some((span, kind)) = hit {
            let item = Item::new(span, kind, tokens.sentence_start, 0);
            if matches!(kind, ItemKind::Known(_)) {
                tokens.title_starts.push(item_number(tokens.items.len()));
            }
            tokens.marked.push(item_number(tokens.items.len()));
            tokens.items.push(item);
            tokens.sentence_start = false;
            offset = span.end;
            while registry_hits.get(next_registry).is_some_and(|(r, _)| r.start < offset) {
                next_registry += 1;
            }
            continue;
        }
        if word {
            let mut span = Span::new(offset, end);
            let (mut flags, mut hash) = match fast {
                Some((n, key, case)) => word_bits_and_hash_packed(key, n, case),
                None => word_bits_and_hash(para, span, b < 0x80 && ascii),
            };
            if flags & TITLE_CASE != 0 && flags & (flag::ROLE | flag::MODIFIER) == 0 {
                if let Some((compound_end, compound_ascii)) =
                    hyphenated_end(para, end, registry_hits.get(next_registry..).unwrap_or(&[]))
                {
                    span = Span::new(offset, compound_end);
                    (flags, hash) = word_bits_and_hash(para, span, b < 0x80 && ascii && compound_ascii);
                }
            }
            let end = span.end;
            push_word!(span, flags, hash);
            // A registry name starting inside this word is not one.
            while registry_hits.get(next_registry).is_some_and(|(r, _)| r.start < end) {
                next_registry += 1;
            }
            offset = end;
        } else {
            if !c.is_whitespace() {
                tokens.push_mark(para, c, Span::new(offset, offset + len));
            }
            offset += len;
        }
    }
}

/// The lists [`tokenize`] fills (borrowed from the [`Scratch`]), and
/// whether the next item starts a sentence.
struct Tokens<'s> {
    items: &'s mut Vec<Item>,
    lowercase: &'s mut Vec<Listed>,
    caps: &'s mut Vec<Listed>,
    title_starts: &'s mut Vec<u32>,
    marked: &'s mut Vec<u32>,
    sentence_start: bool,
}

impl Tokens<'_> {
    /// A word item, with the word sets ([`Words`]) and the passes' lists
    /// it belongs to.
    #[inline(always)]
    fn push_word(&mut self, span: Span, flags: u16, hash: u64) {
        if flags & LOWER_START != 0 {
            self.lowercase.push(Listed::with_hash(span, hash));
        } else if !self.sentence_start && flags & TITLE_CASE != 0 {
            self.caps.push(Listed::with_hash(span, hash));
        }
        let item = Item::new(span, ItemKind::Word, self.sentence_start, flags);
        if may_start_title(&item) {
            self.title_starts.push(item_number(self.items.len()));
        }
        if is_marked(&item) {
            self.marked.push(item_number(self.items.len()));
        }
        self.items.push(item);
        self.sentence_start = false;
    }

    /// A mark's item; the marks that end a sentence or open a quotation
    /// make the next item a sentence start (a full stop only after no
    /// honorific or initial).
    #[inline(always)]
    fn push_mark(&mut self, para: &str, c: char, span: Span) {
        let abbreviation = c == '.'
            && self.items.last().is_some_and(|item| is_honorific(para, item) || item.span().len() == 1);
        if matches!(c, '!' | '?' | ':' | '“' | '"' | '«' | '„' | '(' | '[' | ';')
            || (c == '.' && !abbreviation)
        {
            self.sentence_start = true;
        }
        self.items.push(Item::new(span, ItemKind::Punct(c), false, 0));
    }
}

/// The plain tokens of `para` from `offset` on, as [`tokenize`] would
/// read them one by one, in a loop of their own: spaces and other ASCII
/// white space, ASCII marks, and words of plain ASCII (up to 16 bytes)
/// that start no gazetteer name and join no hyphenated name. Most of a
/// text. Stops at anything else (a capitalised word before a hyphen, a
/// character that is not ASCII…) and returns where, for the general loop.
/// Only where no registry name lies ahead and no gazetteer name starts
/// with a space.
fn plain_words(para: &str, mut offset: usize, tokens: &mut Tokens<'_>) -> usize {
    let k = &*KNOWLEDGE;
    let lists = word_lists();
    let bytes = para.as_bytes();
    while let Some(&b) = bytes.get(offset) {
        if b == b' ' {
            offset += 1;
            continue;
        }
        if ascii::CLASS[usize::from(b)] == 0 {
            // A mark or white space of ASCII, unless a gazetteer name may
            // start with it.
            if b >= 0x80 || k.first_bytes[usize::from(b)] {
                break;
            }
            let c = char::from(b);
            if !c.is_whitespace() {
                tokens.push_mark(para, c, Span::new(offset, offset + 1));
            }
            offset += 1;
            continue;
        }
        let Some((n, key, case)) = ascii_word_at(bytes, offset) else { break };
        if (k.first_bytes[usize::from(b)] && k.may_be_first_word(key))
            || (case & TITLE_CASE != 0 && bytes.get(offset + n) == Some(&b'-'))
        {
            break;
        }
        let flags = lists.flags_ascii(key, case & HAS_UPPER != 0) | case;
        tokens.push_word(Span::new(offset, offset + n), flags, hash_packed(key, n));
        offset += n;
    }
    offset
}

/// The end of a hyphenated name whose first part is the title-case word
/// ending at `end` ("Jean-Pierre", "Ocasio-Cortez", "Jae-in",
/// "Bouches-du-Rhône"), and whether the parts after the first are plain
/// ASCII: the words after each hyphen, when they start with a letter, no
/// gazetteer or registry name starts there and none is a title word
/// ("Russia-Ukraine" and "Franco-German" stay two names, and
/// "Brigade-General" a title). The caller has checked the first part.
fn hyphenated_end(para: &str, end: usize, registry_hits: &[(Span, ItemKind)]) -> Option<(usize, bool)> {
    let mut joined = None;
    let mut end = end;
    let mut all_ascii = true;
    while para.as_bytes().get(end) == Some(&b'-') {
        let start = end + 1;
        let Some(first) = char_after(para, start).filter(|c| c.is_alphabetic()) else { break };
        let (next_end, ascii) = word_end(para, start + first.len_utf8());
        let Some(next) = para.get(start..next_end) else { break };
        if KNOWLEDGE.by_first_word.contains_key(next)
            || registry_hits.iter().any(|(hit, _)| hit.start == start)
            || word_flags(next) & (flag::ROLE | flag::MODIFIER) != 0
        {
            break;
        }
        all_ascii &= ascii && first.is_ascii();
        end = next_end;
        joined = Some((end, all_ascii));
    }
    joined
}

/// The plain-ASCII word of 1 to 15 bytes starting at `offset`: its
/// length, its bytes [`pack`]ed and its `CASE_*` bits, from one look at
/// each byte. `None` when the word is longer or runs on into a character
/// that is not ASCII and may be a letter: the caller then reads it the
/// general way. A word ends at a mark of General Punctuation (U+2000 to
/// U+203F: curly quotes and apostrophes, dashes), as `is_word_char` has
/// it ("Hungary’s", "areas”"), and at the end of the text.
#[inline(always)]
fn ascii_word_at(bytes: &[u8], offset: usize) -> Option<(usize, [u64; 2], u16)> {
    let mut padded = [0_u8; 16];
    let chunk: &[u8; 16] = match bytes.get(offset..offset.checked_add(16)?) {
        Some(sixteen) => sixteen.try_into().ok()?,
        None => {
            // The text's last bytes, zero after them (zero ends a word).
            let rest = bytes.get(offset..)?;
            padded.get_mut(..rest.len())?.copy_from_slice(rest);
            &padded
        }
    };
    let mut seen = 0;
    let mut len = chunk.len();
    for (i, &b) in chunk.iter().enumerate() {
        let class = ascii::CLASS[usize::from(b)];
        if class == 0 {
            len = i;
            break;
        }
        seen |= class;
    }
    // A byte of 0x80 or more may start a letter ("Müller"); E2 80 starts
    // a mark of General Punctuation.
    let ends = |after: &[u8]| match after {
        [b, ..] if *b < 0x80 => true,
        [0xE2, 0x80, ..] => true,
        _ => false,
    };
    if len == 0 || !ends(chunk.get(len..).unwrap_or_default()) {
        return None;
    }
    let load = |half: &[u8]| u64::from_le_bytes(half.try_into().unwrap_or_default());
    let mask = |n: usize| if n >= 8 { u64::MAX } else { (1_u64 << (8 * n)) - 1 };
    let key = [load(&chunk[..8]) & mask(len), if len > 8 { load(&chunk[8..]) & mask(len - 8) } else { 0 }];
    let first = ascii::CLASS[usize::from(chunk[0])];
    let mut case = 0;
    if first == ascii::LOWER {
        case |= LOWER_START;
    }
    if seen & ascii::UPPER != 0 {
        case |= HAS_UPPER;
        if first == ascii::UPPER && seen & ascii::LOWER != 0 {
            case |= TITLE_CASE;
        }
    }
    Some((len, key, case))
}

/// [`word_bits`] and [`word_hash`] of the word `span` of `para`, from one
/// packing of its bytes when it is plain ASCII (`ascii`) of up to 16 bytes.
fn word_bits_and_hash(para: &str, span: Span, ascii: bool) -> (u16, u64) {
    let word = span.slice(para);
    if let Some(key) = ascii.then(|| pack_at(para.as_bytes(), span.start, word.len())).flatten() {
        return word_bits_and_hash_packed(key, word.len(), case_bits_packed(key));
    }
    (word_bits(para, span), word_hash(word))
}

/// [`word_bits`] and [`word_hash`] of a plain-ASCII word of `len` bytes
/// (1 to 16), [`pack`]ed, whose `CASE_*` bits are `case`.
fn word_bits_and_hash_packed(key: [u64; 2], len: usize, case: u16) -> (u16, u64) {
    let bits = word_flags_ascii(key, case & HAS_UPPER != 0) | case;
    (bits, hash_packed(key, len))
}

/// The `CASE_*` bits ([`LOWER_START`], [`HAS_UPPER`], [`TITLE_CASE`]) of
/// a word of plain ASCII, [`pack`]ed: eight letters at a time.
fn case_bits_packed(key: [u64; 2]) -> u16 {
    /// The high bit of every byte of `x` (each below 0x80) from `lo` to `hi`.
    fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
        const ONES: u64 = 0x0101_0101_0101_0101;
        let at_least = x.wrapping_add(ONES * u64::from(0x80 - lo));
        let above = x.wrapping_add(ONES * u64::from(0x80 - hi - 1));
        at_least & !above & (ONES * 0x80)
    }
    let upper = in_range(key[0], b'A', b'Z') | in_range(key[1], b'A', b'Z');
    // The first byte's bit of the first eight bytes only: `upper` also
    // holds the ninth byte's there ("ofKievLiRussia" is no title case).
    let first_upper = in_range(key[0], b'A', b'Z') & 0x80 != 0;
    let mut bits = 0;
    if in_range(key[0], b'a', b'z') & 0x80 != 0 {
        bits |= LOWER_START;
    }
    if upper != 0 {
        bits |= HAS_UPPER;
        if first_upper && (in_range(key[0], b'a', b'z') | in_range(key[1], b'a', b'z')) != 0 {
            bits |= TITLE_CASE;
        }
    }
    bits
}

/// The gazetteer name starting at `offset`, whose first word (empty at a
/// mark) is `first`: the longest surface written there, as the automaton
/// would find it, kept only when it is a whole word (or words) and not a
/// capitalised word of an all-capitals headline. A surface whose first word
/// is shorter than `first` would end inside that word, so only `first`'s
/// list can hold a name that is kept.
fn known_at(para: &str, offset: usize, first: &str) -> Option<(Span, ItemKind)> {
    let k = &*KNOWLEDGE;
    let rest = para.get(offset..)?;
    let pattern = k.by_first_word.get(first)?.iter().copied().find(|&p| rest.starts_with(k.surfaces[p]))?;
    let hit = Span::new(offset, offset + k.surfaces[pattern].len());
    if !boundary_ok(para, hit) {
        return None;
    }
    // "WHO", "US", "IT" in an all-capitals headline are words, not names.
    let headline_word = matches!(
        hit.slice(para),
        "WHO" | "US" | "IT" | "AS" | "OR" | "IS" | "ON" | "IN" | "AT" | "AU" | "ICC"
    );
    if headline_word && caps_line(para, hit) {
        return None;
    }
    Some((hit, ItemKind::Known(u32::try_from(pattern).unwrap_or(u32::MAX))))
}

/// The end of the word whose rest starts at `from`, and whether that rest
/// is plain ASCII.
fn word_end(para: &str, from: usize) -> (usize, bool) {
    let bytes = para.as_bytes();
    let mut end = from;
    let mut ascii = true;
    while let Some(&b) = bytes.get(end) {
        if b < 0x80 {
            if ascii::CLASS[usize::from(b)] == 0 {
                break;
            }
            end += 1;
        } else {
            match para.get(end..).and_then(|rest| rest.chars().next()) {
                Some(c) if is_word_char(c) => {
                    ascii = false;
                    end += c.len_utf8();
                }
                _ => break,
            }
        }
    }
    (end, ascii)
}

/// Whether a hit is a whole word (or words).
fn boundary_ok(text: &str, hit: Span) -> bool {
    let before = char_before(text, hit.start);
    let after = char_after(text, hit.end);
    let last = char_before(text, hit.end);
    before.is_none_or(|c| !is_word_char(c)) && (after.is_none_or(|c| !is_word_char(c)) || last == Some('.'))
}

/// Whether the line around `span` is written in capitals (a headline). A
/// headline is short: a line longer than `HEADLINE` bytes on either side of
/// the word is not one, which keeps this constant-time on a huge line.
fn caps_line(text: &str, span: Span) -> bool {
    const HEADLINE: usize = 200;
    let window_start = floor_char_boundary(text, span.start.saturating_sub(HEADLINE));
    let window_end = ceil_char_boundary(text, (span.end + HEADLINE).min(text.len()));
    let start = match text[window_start..span.start].rfind('\n') {
        Some(i) => window_start + i + 1,
        None if window_start == 0 => 0,
        None => return false,
    };
    let end = match text[span.end..window_end].find('\n') {
        Some(i) => span.end + i,
        None if window_end == text.len() => text.len(),
        None => return false,
    };
    let line = &text[start..end];
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 6 && letters.iter().all(|c| c.is_uppercase())
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// The registry's names as an automaton, built per analysis (it is small).
struct Registry {
    matcher: Option<aho_corasick::AhoCorasick>,
    /// Per pattern: entry index (people first, then organisations) and
    /// whether the surface is a variant to flag.
    patterns: Vec<(usize, bool)>,
}

fn registry(settings: &Settings) -> Registry {
    let mut surfaces = Vec::new();
    let mut patterns = Vec::new();
    let entries = settings.actors.people.iter().chain(&settings.actors.organizations);
    for (i, entry) in entries.enumerate() {
        if !entry.name.is_empty() {
            surfaces.push(entry.name.clone());
            patterns.push((i, false));
        }
        for alias in entry.aliases.iter().filter(|a| !a.is_empty()) {
            surfaces.push(alias.clone());
            patterns.push((i, false));
        }
        for variant in entry.variants.iter().filter(|a| !a.is_empty()) {
            surfaces.push(variant.clone());
            patterns.push((i, true));
        }
    }
    let matcher = if surfaces.is_empty() {
        None
    } else {
        AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&surfaces).ok()
    };
    Registry { matcher, patterns }
}

/// A set of item numbers, as bits.
struct Consumed(Vec<u64>);

impl Consumed {
    fn new(items: usize) -> Consumed {
        Consumed(vec![0; items.div_ceil(64)])
    }

    fn insert(&mut self, item: usize) {
        if let Some(word) = self.0.get_mut(item / 64) {
            *word |= 1 << (item % 64);
        }
    }

    fn contains(&self, item: usize) -> bool {
        self.0.get(item / 64).is_some_and(|word| word & (1 << (item % 64)) != 0)
    }
}

/// One paragraph in the global part: where it starts and its local result.
struct Para<'a> {
    base: usize,
    end: usize,
    local: LocalView<'a>,
}

impl Para<'_> {
    fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.base..self.end).unwrap_or_default()
    }

    fn shift(&self, span: Span) -> Span {
        Span::new(self.base + span.start, self.base + span.end)
    }
}

fn scan_of<'a>(text: &'a str, p: &Para<'a>, words: &'a Words<'a>) -> Scan<'a> {
    Scan { text: p.text(text), titles: p.local.titles, words }
}

/// The candidates of a paragraph from item `from` on.
fn next_candidate(candidates: &[u32], cursor: &mut usize, from: usize) -> Option<usize> {
    while candidates.get(*cursor).is_some_and(|&c| (c as usize) < from) {
        *cursor += 1;
    }
    candidates.get(*cursor).map(|&c| c as usize)
}

/// Find the actors in the prose of `text`, reusing the per-paragraph scans
/// that `memo` kept. Equals [`extract`](fn@super::extract) whatever the memo holds.
pub(super) fn extract_with(text: &str, article: &Article, settings: &Settings, memo: &mut Memo) -> Actors {
    let mut pending = prepare(text, article, memo);
    let actors = run(&mut pending, text, settings);
    keep(pending, memo);
    actors
}

/// The actors stage between [`prepare`] and [`keep`]: what it read from
/// the memo, so that [`run`] needs no memo and can run beside the stages
/// that do.
pub(crate) struct Pending {
    /// Each paragraph's place (start, end) in the text.
    places: Vec<(usize, usize)>,
    /// Without a memo: the regions of each paragraph that are not prose
    /// (inline code, URLs), relative to it (with one, `kept` holds them).
    excluded: Vec<Box<[Span]>>,
    /// With a memo: the paragraphs as the memo names them, and the arena
    /// kept from the last version (taken out of the memo until [`keep`]).
    kept: Option<(Vec<KeptParagraph>, KeptParagraphs)>,
    /// With a memo: the last version's actors (taken out of the memo until
    /// [`keep`]), this analysis's number and where the document changed.
    last: Option<(unseen::LastActors, u32, Option<Edit>)>,
}

/// Read from the memo what [`run`] needs: each paragraph's name in the
/// memo and the arena kept from the last version. Cheap: no scanning.
pub(crate) fn prepare(text: &str, article: &Article, memo: &mut Memo) -> Pending {
    let mut places: Vec<(usize, usize)> = Vec::with_capacity(article.paragraphs.len());
    let mut excluded: Vec<Box<[Span]>> = Vec::with_capacity(article.paragraphs.len());
    for paragraph in &article.paragraphs {
        let (base, end) = (paragraph.span.start, paragraph.span.end);
        if text.get(base..end).is_none() {
            continue;
        }
        places.push((base, end));
        excluded.push(
            article
                .excluded_in(paragraph.span)
                .iter()
                .map(|span| Span::new(span.start.saturating_sub(base), span.end.saturating_sub(base)))
                .collect(),
        );
    }
    let Some(arena) = memo.state::<KeptParagraphs>().map(std::mem::take) else {
        return Pending { places, excluded, kept: None, last: None };
    };
    let (generation, edit) = (memo.generation(), memo.edit().cloned());
    let last = memo.state::<unseen::LastActors>().map(std::mem::take).map(|last| (last, generation, edit));
    // The memo names each paragraph's text; the arena kept from the last
    // version is brought up to date in `run`.
    let now: Vec<KeptParagraph> = places
        .iter()
        .zip(std::mem::take(&mut excluded))
        .map(|(&(base, end), excluded)| {
            let text = memo.get_or_compute(0, &text[base..end], || ParagraphText);
            KeptParagraph { text, excluded }
        })
        .collect();
    Pending { places, excluded, kept: Some((now, arena)), last }
}

/// Give the memo back the arena [`run`] brought up to date.
pub(crate) fn keep(pending: Pending, memo: &mut Memo) {
    if let (Some((_, arena)), Some(slot)) = (pending.kept, memo.state::<KeptParagraphs>()) {
        *slot = arena;
    }
    if let (Some((last, _, _)), Some(slot)) = (pending.last, memo.state::<unseen::LastActors>()) {
        *slot = last;
    }
}

/// Scan the paragraphs (with a memo, only those that changed) and run the
/// global passes. Touches no memo.
pub(crate) fn run(pending: &mut Pending, text: &str, settings: &Settings) -> Actors {
    let registry = registry(settings);
    let mut scratch = Scratch::default();
    let Pending { places, excluded, kept, last } = pending;
    if let Some((now, kept)) = kept {
        let texts: Vec<&str> = places.iter().map(|&(base, end)| &text[base..end]).collect();
        // An edit the global part cannot see: the last actors, moved.
        let before =
            last.as_ref().and_then(|(last, _, edit)| unseen::before(kept, now, places, edit.as_ref(), last));
        kept.update(std::mem::take(now), &texts, &registry, &mut scratch);
        let kept = &*kept;
        let moved = before
            .zip(last.as_ref())
            .and_then(|(before, (last, _, _))| unseen::after(before, kept, places, text, last));
        #[cfg(test)]
        unseen::MOVED.set(moved.is_some());
        let actors = moved.unwrap_or_else(|| {
            let paragraphs: Vec<Para<'_>> = places
                .iter()
                .enumerate()
                .map(|(p, &(base, end))| Para { base, end, local: kept.arena.view(p) })
                .collect();
            if kept.words.collided {
                return global(text, settings, &paragraphs, &Words::hashed(&paragraphs, text));
            }
            global(text, settings, &paragraphs, &Words::Counted(&kept.words))
        });
        if let Some((last, generation, _)) = last {
            *last = unseen::LastActors::new(*generation, &actors);
        }
        return actors;
    }
    // A one-shot analysis: the arena's lists keep their room from one
    // analysis to the next on this thread (a batch of articles reuses
    // warm memory).
    let mut arena = Arena::take(text.len());
    for (&(base, end), excluded) in places.iter().zip(excluded.iter()) {
        scan_paragraph(&text[base..end], excluded, &registry, &mut scratch);
        arena.push(&mut scratch);
    }
    let paragraphs: Vec<Para<'_>> =
        places.iter().enumerate().map(|(p, &(base, end))| Para { base, end, local: arena.view(p) }).collect();
    let actors = global(text, settings, &paragraphs, &Words::hashed(&paragraphs, text));
    drop(paragraphs);
    arena.keep();
    actors
}

/// The global part: known names, people and their mentions, over the
/// paragraphs' local results.
fn global(text: &str, settings: &Settings, paragraphs: &[Para<'_>], words: &Words<'_>) -> Actors {
    let mut builder = Builder::default();
    let mut context = Context::default();
    for p in paragraphs {
        context.collect(&p.local);
    }
    // Items a name already covers, one bit per item of the document
    // (paragraph `p`'s items from `first_item[p]` on).
    let mut first_item = Vec::with_capacity(paragraphs.len());
    let mut total_items = 0;
    for p in paragraphs {
        first_item.push(total_items);
        total_items += p.local.items.len();
    }
    let mut consumed = Consumed::new(total_items);

    // Pass 1: known names, and people introduced with a title.
    let mut defs: Vec<PersonDef> = Vec::new();
    let mut def_index = DefIndex::default();
    let mut def_mentions: Vec<(usize, Span, MentionForm)> = Vec::new();
    for (p, para) in paragraphs.iter().enumerate() {
        let introductions = para.local.introductions;
        if introductions.is_empty() {
            continue;
        }
        let scan = scan_of(text, para, words);
        let items = para.local.items;
        let mut cursor = 0;
        let mut i = 0;
        while let Some(c) = next_candidate(introductions, &mut cursor, i) {
            i = c;
            if let Some((found, name_span, name_items)) = person_pattern(&scan, items, i) {
                let index = add_person(&mut defs, &mut def_index, &found);
                def_mentions.push((index, para.shift(name_span), MentionForm::FullName));
                for j in name_items.clone() {
                    consumed.insert(first_item[p] + j);
                }
                i = name_items.end.max(i + 1);
                continue;
            }
            i += 1;
        }
    }
    // Known names (countries, cities, organisations, registry entries).
    for (p, para) in paragraphs.iter().enumerate() {
        if para.local.names.is_empty() {
            continue;
        }
        let scan = scan_of(text, para, words);
        let items = para.local.items;
        for &i in para.local.names {
            let i = i as usize;
            // A place's name that is a person's given name ("Rep.
            // Alexandria Ocasio-Cortez").
            if consumed.contains(first_item[p] + i) {
                continue;
            }
            let item = &items[i];
            match item.kind() {
                ItemKind::Known(pattern) => {
                    let entities = entities_of(pattern);
                    let Some(entity) = context.choose(&scan, items, i, entities) else { continue };
                    let form = known_form(&scan, items, i, entity);
                    let actor = known_actor(&mut builder, entity);
                    builder.mention(actor, para.shift(item.span()), form);
                    consumed.insert(first_item[p] + i);
                }
                ItemKind::Registry(entry, variant) => {
                    let actor = registry_actor(&mut builder, &mut defs, settings, entry as usize);
                    let form = if variant { MentionForm::Variant } else { MentionForm::FullName };
                    let span = para.shift(item.span());
                    match actor {
                        RegistryActor::Person(def) => def_mentions.push((def, span, form)),
                        RegistryActor::Actor(actor) => builder.mention(actor, span, form),
                    }
                    consumed.insert(first_item[p] + i);
                }
                _ => {}
            }
        }
    }

    // Pass 2: later mentions: full names again, surnames, variants, roles.
    let data_leaders = defs_from_data(&context);
    let mut recency = Recency::from_pass1(&def_mentions, defs.len());
    def_index.note(&defs, None);
    for (p, para) in paragraphs.iter().enumerate() {
        let scan = scan_of(text, para, words);
        let items = para.local.items;
        let candidates = para.local.candidates;
        let mut cursor = 0;
        let mut i = 0;
        while let Some(c) = next_candidate(candidates, &mut cursor, i) {
            i = c;
            recency.update(&def_mentions, defs.len());
            if let Some((def, span, end)) = role_reference(&scan, items, i, &defs, &data_leaders) {
                let index = match def {
                    RoleTarget::Def(index) => index,
                    RoleTarget::Leader(leader) => add_def(&mut defs, &mut def_index, leader_def(leader)),
                };
                def_mentions.push((index, para.shift(span), MentionForm::Role));
                i = end;
                continue;
            }
            if consumed.contains(first_item[p] + i) {
                i += 1;
                continue;
            }
            // A full name again ("[Li Shangfu]").
            let run_end = name_run(&scan, items, i, 4);
            if run_end > i + 1 {
                let run = &items[i..run_end];
                let same_words = |d: &PersonDef| {
                    d.words.len() == run.len()
                        && d.words.iter().zip(run).all(|(w, it)| w.as_str() == it.span().slice(scan.text))
                };
                if let Some(index) = def_index
                    .with_words(run.iter().map(|it| it.span().slice(scan.text)), |d| same_words(&defs[d]))
                {
                    let span = Span::new(items[i].span().start, items[run_end - 1].span().end);
                    def_mentions.push((index, para.shift(span), MentionForm::FullName));
                    i = run_end;
                    continue;
                }
            }
            let item = &items[i];
            if !item.is_word() {
                i += 1;
                continue;
            }
            let word = item.span().slice(scan.text);
            let at = para.shift(item.span());
            // An honorific before a surname gives the person's gender.
            let honorific = honorific_before(&scan, items, i);
            // A name word: title case and no listed common word.
            let name_word = item.has(TITLE_CASE) && !item.has(flag::NOT_NAME);
            debug_assert_eq!(name_word, is_title_case(word) && !is_not_name(word), "{word}");
            let resolved = if name_word {
                resolve_word(&scan, &defs, &def_index, &recency, word, at.start, honorific)
            } else {
                None
            };
            if let Some(index) = resolved {
                // "Soleimanis Lebensweg": the German genitive adds an s.
                let genitive = word.strip_suffix('s') == Some(defs[index].surname.as_str());
                let form = if defs[index].surname == word || defs[index].name == word || genitive {
                    MentionForm::Surname
                } else {
                    MentionForm::Variant
                };
                if let Some(gender) = honorific {
                    defs[index].gender = defs[index].gender.or(Some(gender));
                }
                def_mentions.push((index, at, form));
                i += 1;
                continue;
            }
            // Two known names glued together ("XinhuaLi").
            if let Some(parts) = glued(&defs, word, at) {
                for (span, target) in parts {
                    match target {
                        GluedTarget::Def(index) => def_mentions.push((index, span, MentionForm::Surname)),
                        GluedTarget::Known(entity) => {
                            let actor = known_actor(&mut builder, entity);
                            builder.mention(actor, span, MentionForm::FullName);
                        }
                    }
                }
                i += 1;
                continue;
            }
            // A leader from the data, by surname, when the article is about
            // that leader's country; not a given name before more of a
            // name ("Pierre Poilievre" is not Philip J. Pierre).
            if let Some(leader) =
                (run_end <= i + 1).then(|| data_leader(&context, word, item.has(flag::NOT_NAME))).flatten()
            {
                let index = add_def(&mut defs, &mut def_index, leader_def(leader));
                def_mentions.push((index, at, MentionForm::Surname));
                i += 1;
                continue;
            }
            // "Mr. Smith": a person known only by surname.
            if honorific.is_some() || honorific_word_before(&scan, items, i) {
                let index = add_def(&mut defs, &mut def_index, bare_def(vec![word.to_owned()], honorific));
                def_mentions.push((index, at, MentionForm::Surname));
                i += 1;
                continue;
            }
            // Any other capitalised name: an actor of unknown kind; a person
            // when a speech verb is near.
            if let Some((span, end, kind)) =
                unknown_name(&scan, items, i, |j| consumed.contains(first_item[p] + j))
            {
                let words: Vec<String> = span.slice(scan.text).split(' ').map(str::to_owned).collect();
                let span = para.shift(span);
                if kind == ActorKind::Person && words.len() > 1 {
                    let index = add_def(&mut defs, &mut def_index, bare_def(words, None));
                    def_mentions.push((index, span, MentionForm::FullName));
                    i = end;
                    continue;
                }
                let name = span.slice(text);
                let actor = builder.actor(ActorKey::Unknown(name), || blank(name.to_owned(), kind));
                builder.mention(actor, span, MentionForm::FullName);
                i = end;
                continue;
            }
            i += 1;
        }
    }

    // German capitalises every noun: a capitalised word there is no sign
    // of a name ("Occupy Bewegung" … "die Bewegung").
    if !settings.languages.iter().any(|language| language == "de") {
        surnames_of_unknown_names(&mut builder, text);
    }

    // People become actors.
    let mut def_actor = Vec::with_capacity(defs.len());
    for def in &defs {
        let key = ActorKey::Person(def.name.clone());
        let actor = builder.actor(key, || blank(def.name.clone(), def.kind));
        let a = &mut builder.actors[actor];
        a.title = a.title.clone().or_else(|| def.title_text.clone());
        a.gender = a.gender.or(def.gender);
        a.leader = a.leader.or(def.leader);
        a.registry = a.registry.or(def.registry);
        a.country =
            a.country.or(def.title.as_ref().and_then(|t| t.country).map(|c| KNOWLEDGE.countries[c].iso2));
        def_actor.push(actor);
    }
    for (def, span, form) in def_mentions {
        builder.mention(def_actor[def], span, form);
    }
    finish(builder, settings)
}

/// A name nobody introduced, of two or three words ("Jeremy Swayman"),
/// and the same name's last word standing alone elsewhere ("Swayman,
/// asked about his performance, shrugged"): one person, named in full and
/// then by surname. Only when one such name ends in that word, and when
/// neither is written after "the" ("the Maple Leafs" … "the Leafs" is a
/// team).
fn surnames_of_unknown_names(builder: &mut Builder<'_>, text: &str) {
    let after_the = |span: &Span| {
        let before = text.get(..span.start).unwrap_or_default().trim_end_matches(' ');
        before.len() < span.start
            && before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("the"))
    };
    let unknown = |a: &Actor| a.kind == ActorKind::Unknown && a.knowledge.is_none() && a.registry.is_none();
    let mut full_names: FastMap<&str, Option<usize>> = FastMap::default();
    for (index, actor) in builder.actors.iter().enumerate() {
        let words = actor.name.split(' ').count();
        if !unknown(actor) || !(2..=3).contains(&words) || actor.mentions.iter().any(after_the) {
            continue;
        }
        if !actor.name.split(' ').all(is_title_case) {
            continue;
        }
        let last = actor.name.rsplit(' ').next().unwrap_or_default();
        full_names.entry(last).and_modify(|seen| *seen = None).or_insert(Some(index));
    }
    if full_names.is_empty() {
        return;
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (index, actor) in builder.actors.iter().enumerate() {
        if !unknown(actor) || actor.name.contains(' ') || actor.mentions.iter().any(after_the) {
            continue;
        }
        if let Some(&Some(full)) = full_names.get(actor.name.as_str()) {
            moves.push((index, full));
        }
    }
    for (single, full) in moves {
        let spans = std::mem::take(&mut builder.actors[single].mentions);
        builder.actors[single].forms.clear();
        let person = &mut builder.actors[full];
        person.kind = ActorKind::Person;
        for span in spans {
            person.mentions.push(span);
            person.forms.push(MentionForm::Surname);
        }
    }
}

/// Sort mentions, order actors by first mention, fill descriptions.
fn finish(builder: Builder<'_>, settings: &Settings) -> Actors {
    let k = &*KNOWLEDGE;
    let mut actors: Vec<Actor> = builder
        .actors
        .into_iter()
        .filter(|a| !a.mentions.is_empty())
        .map(|mut a| {
            // Mostly in order already: sort only when needed, keeping the
            // first of a repeated mention.
            let in_order = a.mentions.windows(2).all(|w| (w[0].start, w[0].end) < (w[1].start, w[1].end));
            if !in_order {
                let mut pairs: Vec<(Span, MentionForm)> =
                    a.mentions.iter().copied().zip(a.forms.iter().copied()).collect();
                pairs.sort_by_key(|(s, _)| (s.start, s.end));
                pairs.dedup_by_key(|(s, _)| *s);
                (a.mentions, a.forms) = pairs.into_iter().unzip();
            }
            a.first_reference = a
                .mentions
                .iter()
                .zip(&a.forms)
                .find(|(_, f)| **f == MentionForm::FullName)
                .map(|(s, _)| *s)
                .or(a.mentions.first().copied())
                .unwrap_or_default();
            if a.description.is_none() {
                a.description = describe(&a, settings);
            }
            if a.country.is_none() {
                a.country = a.leader.map(|l| k.leaders[l].iso2);
            }
            a
        })
        .collect();
    actors.sort_by_key(|a| a.mentions.first().map(|s| s.start));
    Actors { actors }
}

fn describe(actor: &Actor, settings: &Settings) -> Option<String> {
    let k = &*KNOWLEDGE;
    if let Some(title) = &actor.title {
        return Some(title.clone());
    }
    if let Some(entry) = actor.registry.and_then(|r| registry_entry(settings, r)) {
        if let Some(d) = entry.description.clone().or_else(|| entry.title.clone()) {
            return Some(d);
        }
    }
    if let Some(leader) = actor.leader.map(|l| &k.leaders[l]) {
        let country = k.country(leader.iso2).map_or(leader.iso2, |c| c.name);
        return Some(format!("{} of {}", leader.title, country));
    }
    match actor.knowledge? {
        Entity::Country(c) | Entity::Demonym(c) => {
            let c = &k.countries[c];
            Some(if c.capital.is_empty() {
                "Country".to_owned()
            } else {
                format!("Country; capital {}", c.capital)
            })
        }
        Entity::City(c) => {
            let city = &k.cities[c];
            let country = k.country(city.iso2).map_or(city.iso2, |c| c.name);
            Some(if city.capital { format!("Capital of {country}") } else { format!("City in {country}") })
        }
        Entity::State(_) => Some("US state".to_owned()),
        Entity::Org(o) => Some(k.orgs[o].description.to_owned()),
        Entity::Region(r) => Some(k.regions[r].description.to_owned()),
    }
}

pub(super) fn registry_entry(
    settings: &Settings,
    index: usize,
) -> Option<&crate::analysis::settings::RegistryEntry> {
    settings.actors.people.iter().chain(&settings.actors.organizations).nth(index)
}

/// The actor for an embedded entity; countries and their demonyms are one.
fn known_actor(builder: &mut Builder<'_>, entity: Entity) -> usize {
    if let Some(&actor) = builder.known.get(&entity) {
        return actor;
    }
    let actor = known_actor_by_key(builder, entity);
    builder.known.insert(entity, actor);
    actor
}

/// [`known_actor`] the first time an entity is met: by its [`ActorKey`]
/// (a demonym and its country are one actor).
fn known_actor_by_key(builder: &mut Builder<'_>, entity: Entity) -> usize {
    let k = &*KNOWLEDGE;
    let (key, name, kind, country) = match entity {
        Entity::Country(c) | Entity::Demonym(c) => (
            ActorKey::Country(k.countries[c].iso2),
            k.countries[c].name,
            ActorKind::Country,
            Some(k.countries[c].iso2),
        ),
        Entity::City(c) => (ActorKey::City(c), k.cities[c].name, ActorKind::Place, Some(k.cities[c].iso2)),
        Entity::State(s) => (ActorKey::State(s), k.states[s].name, ActorKind::Place, Some("US")),
        Entity::Org(o) => (ActorKey::Org(o), k.orgs[o].name, ActorKind::Organization, k.orgs[o].country),
        Entity::Region(r) => (ActorKey::Region(r), k.regions[r].name, ActorKind::Place, k.regions[r].country),
    };
    let canonical = match entity {
        Entity::Demonym(c) => Entity::Country(c),
        other => other,
    };
    builder.actor(key, || {
        let mut actor = blank(name.to_owned(), kind);
        actor.knowledge = Some(canonical);
        actor.country = country;
        actor
    })
}

fn known_form(scan: &Scan<'_>, items: &[Item], i: usize, entity: Entity) -> MentionForm {
    let k = &*KNOWLEDGE;
    let surface = items[i].span().slice(scan.text);
    match entity {
        Entity::Demonym(_) => MentionForm::Demonym,
        Entity::City(c) if k.cities[c].capital && stands_for_government(scan, items, i) => {
            MentionForm::Government
        }
        Entity::Country(c) if surface != k.countries[c].name => MentionForm::Alias,
        Entity::City(c) if surface != k.cities[c].name => MentionForm::Variant,
        Entity::Org(o) if surface != k.orgs[o].name => MentionForm::Alias,
        _ => MentionForm::FullName,
    }
}

/// "Washington would answer", "Beijing's position": the capital acts.
fn stands_for_government(scan: &Scan<'_>, items: &[Item], i: usize) -> bool {
    // Skip an opening quotation mark: Washington “would answer”.
    let skip = usize::from(
        items.get(i + 1).is_some_and(|n| matches!(n.kind(), ItemKind::Punct('“' | '"' | '«' | '„'))),
    );
    let next = items.get(i + 1 + skip);
    let gap_is_space = skip == 1
        || next.is_some_and(|n| {
            scan.text.get(items[i].span().end..n.span().start).is_some_and(|g| g.trim().is_empty())
        });
    match next {
        Some(n) if n.is_word() && gap_is_space => GOVERNMENT_VERBS.contains(&n.span().slice(scan.text)),
        Some(n) if matches!(n.kind(), ItemKind::Punct('\'' | '’')) => {
            items.get(i + 2).is_some_and(|s| s.span().slice(scan.text) == "s")
        }
        _ => false,
    }
}

/// Countries named in the article, for deciding ambiguous names by context.
#[derive(Default)]
struct Context {
    /// ISO codes of unambiguous country, city and demonym hits, counted.
    countries: IsoCounts,
    /// Unambiguous hits of US states and US cities other than the country.
    us_local: usize,
    /// Words that point to a US state ("state", "governor", "county").
    state_cues: usize,
}

/// Count a gazetteer hit that stands for one entity only into a
/// paragraph's share of the [`Context`].
fn add_to_context(pattern: u32, countries: &mut Vec<&'static str>, us_local: &mut usize) {
    let k = &*KNOWLEDGE;
    let &[entity] = entities_of(pattern) else { return };
    match entity {
        Entity::Country(c) | Entity::Demonym(c) => countries.push(k.countries[c].iso2),
        Entity::City(c) => {
            countries.push(k.cities[c].iso2);
            if k.cities[c].iso2 == "US" {
                *us_local += 1;
            }
        }
        Entity::State(_) => *us_local += 1,
        Entity::Org(o) => {
            if let Some(c) = k.orgs[o].country {
                countries.push(c);
            }
        }
        Entity::Region(_) => {}
    }
}

impl Context {
    /// Add up the paragraphs' shares.
    fn collect(&mut self, local: &LocalView<'_>) {
        for &iso in local.countries {
            self.countries.add(iso);
        }
        self.us_local += local.us_local;
        self.state_cues += local.state_cues;
    }

    /// Pick the entity an ambiguous surface stands for here.
    fn choose(&self, scan: &Scan<'_>, items: &[Item], i: usize, entities: &[Entity]) -> Option<Entity> {
        let k = &*KNOWLEDGE;
        let first = *entities.first()?;
        if entities.len() == 1 {
            return Some(first);
        }
        let next_word = items.get(i + 1).map(|n| n.span().slice(scan.text)).unwrap_or("");
        let mut best = (f64::MIN, first);
        for &entity in entities {
            let score = match entity {
                Entity::Country(c) | Entity::Demonym(c) => {
                    let country = &k.countries[c];
                    let own = self.countries.get(country.iso2).unwrap_or(0) as f64;
                    let neighbours: usize =
                        country.neighbours.iter().map(|n| self.countries.get(n).unwrap_or(0)).sum();
                    1.0 + 2.0 * own + neighbours as f64 + (country.population as f64).log10() / 10.0
                }
                Entity::State(_) => {
                    let explicit = if next_word == "state" || next_word == "State" { 100.0 } else { 0.0 };
                    explicit + 2.0 * (self.us_local + self.state_cues) as f64
                }
                Entity::City(c) => {
                    let city = &k.cities[c];
                    let own = self.countries.get(city.iso2).unwrap_or(0) as f64;
                    (if city.capital { 3.0 } else { 1.0 }) + own + (city.population as f64).log10() / 10.0
                }
                Entity::Org(_) => 2.0,
                Entity::Region(_) => 1.0,
            };
            if score > best.0 {
                best = (score, entity);
            }
        }
        Some(best.1)
    }
}

/// Counts by ISO code: a code of two capital letters (every code of the
/// data) by a small number, hashed at once, any other by its text; and the
/// codes counted, in the order first met.
#[derive(Default)]
struct IsoCounts {
    table: FastMap<u16, usize>,
    others: FastMap<&'static str, usize>,
    codes: Vec<&'static str>,
}

impl IsoCounts {
    /// The number of a code of two capital letters.
    fn slot(iso: &str) -> Option<u16> {
        match *iso.as_bytes() {
            [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => Some(u16::from_le_bytes([a, b])),
            _ => None,
        }
    }

    fn add(&mut self, iso: &'static str) {
        let count = match Self::slot(iso) {
            Some(slot) => self.table.entry(slot).or_default(),
            None => self.others.entry(iso).or_default(),
        };
        if *count == 0 {
            self.codes.push(iso);
        }
        *count += 1;
    }

    fn get(&self, iso: &str) -> Option<usize> {
        let count = match Self::slot(iso) {
            Some(slot) => self.table.get(&slot).copied().unwrap_or(0),
            None => self.others.get(iso).copied().unwrap_or(0),
        };
        (count > 0).then_some(count)
    }

    fn contains_key(&self, iso: &str) -> bool {
        self.get(iso).is_some()
    }

    fn keys(&self) -> impl Iterator<Item = &&'static str> {
        self.codes.iter()
    }
}

/// People the data knows for the countries the article names: used for role
/// references when the article never names the role holder.
fn defs_from_data(context: &Context) -> Vec<usize> {
    let k = &*KNOWLEDGE;
    let mut leaders: Vec<usize> =
        context.countries.keys().flat_map(|iso2| k.leader_indices_of(iso2)).copied().collect();
    // In data order, as the data lists them.
    leaders.sort_unstable();
    leaders
}

/// The leader in the data a surname stands for; `listed`: the word is a
/// listed common word (its item's [`flag::NOT_NAME`] bit).
fn data_leader(context: &Context, word: &str, listed: bool) -> Option<usize> {
    let k = &*KNOWLEDGE;
    debug_assert_eq!(listed, is_not_name(word));
    if listed || word.chars().count() < 3 {
        return None;
    }
    let leaders = k.leaders_by_surname.get(word)?;
    // The leader of a country the article names; or a distinctive surname
    // only one leader in the data has.
    let unique = leaders.len() == 1 && word.chars().count() >= 5;
    leaders.iter().copied().find(|&l| {
        !k.leaders[l].family_first && (unique || context.countries.contains_key(k.leaders[l].iso2))
    })
}

fn leader_def(leader: usize) -> PersonDef {
    let k = &*KNOWLEDGE;
    let l = &k.leaders[leader];
    PersonDef {
        name: l.full_name.to_owned(),
        words: l.full_name.split(' ').map(str::to_owned).collect(),
        surname: l.surname.to_owned(),
        title: None,
        title_text: None,
        gender: None,
        kind: ActorKind::Person,
        leader: Some(leader),
        registry: None,
    }
}

/// Add a person, merging with an earlier one of the same name (or a close
/// spelling of it, which then counts as a variant). The earlier one is
/// found through `index` (brought up to date here), not by a walk over
/// every person: the first in `defs` order with the same name, or with
/// more than one name word and the same surname when the new one has one
/// word, or with the same leader in the data.
fn add_def(defs: &mut Vec<PersonDef>, index: &mut DefIndex, def: PersonDef) -> usize {
    add_person(defs, index, def)
}

/// A person to add with [`add_person`]: a [`PersonDef`] already built, or
/// a [`FoundPerson`] still borrowed from the text.
trait NewPerson {
    fn name(&self) -> &str;
    fn surname(&self) -> &str;
    fn words(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator;
    /// The leader in the data it was made for, if any.
    fn leader(&self) -> Option<usize>;
    fn gender(&self) -> Option<Gender>;
    /// Its [`PersonDef`], with `leader`.
    fn into_def(self, leader: Option<usize>) -> PersonDef;
    /// Give `existing` (the same person, found before) the title it lacks
    /// and a fuller name.
    fn complete(self, existing: &mut PersonDef);
}

impl NewPerson for PersonDef {
    fn name(&self) -> &str {
        &self.name
    }
    fn surname(&self) -> &str {
        &self.surname
    }
    fn words(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator {
        self.words.iter().map(String::as_str)
    }
    fn leader(&self) -> Option<usize> {
        self.leader
    }
    fn gender(&self) -> Option<Gender> {
        self.gender
    }
    fn into_def(mut self, leader: Option<usize>) -> PersonDef {
        self.leader = leader;
        self
    }
    fn complete(self, existing: &mut PersonDef) {
        if existing.title.is_none() {
            existing.title = self.title;
            existing.title_text = self.title_text;
        }
        if existing.words.len() < self.words.len() {
            existing.words = self.words;
            existing.name = self.name;
        }
    }
}

/// A person as [`person_pattern`] finds one, borrowed from the text. Most
/// people of a long text are introduced again and again; their
/// [`PersonDef`] (a dozen strings) is built only when one is new or adds
/// to one found before.
struct FoundPerson<'t> {
    name: &'t str,
    words: Vec<&'t str>,
    surname: &'t str,
    title: Option<&'t Title>,
    /// The title as written.
    title_text: Option<&'t str>,
    gender: Option<Gender>,
}

impl NewPerson for &FoundPerson<'_> {
    fn name(&self) -> &str {
        self.name
    }
    fn surname(&self) -> &str {
        self.surname
    }
    fn words(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator {
        self.words.iter().copied()
    }
    fn leader(&self) -> Option<usize> {
        None
    }
    fn gender(&self) -> Option<Gender> {
        self.gender
    }
    fn into_def(self, leader: Option<usize>) -> PersonDef {
        PersonDef {
            name: self.name.to_owned(),
            words: self.words.iter().map(|w| (*w).to_owned()).collect(),
            surname: self.surname.to_owned(),
            title: self.title.cloned(),
            title_text: self.title_text.map(str::to_owned),
            gender: self.gender,
            kind: ActorKind::Person,
            leader,
            registry: None,
        }
    }
    fn complete(self, existing: &mut PersonDef) {
        if existing.title.is_none() {
            existing.title = self.title.cloned();
            existing.title_text = self.title_text.map(str::to_owned);
        }
        if existing.words.len() < self.words.len() {
            existing.words = self.words.iter().map(|w| (*w).to_owned()).collect();
            existing.name = self.name.to_owned();
        }
    }
}

/// [`add_def`] for any [`NewPerson`]: its leader in the data (the first
/// and last name words of a leader with its surname), then the earlier
/// person it is, completed, or a new person.
fn add_person(defs: &mut Vec<PersonDef>, index: &mut DefIndex, person: impl NewPerson) -> usize {
    let k = &*KNOWLEDGE;
    let leader = person.leader().or_else(|| {
        k.leaders_by_surname.get(person.surname()).and_then(|ls| {
            ls.iter().copied().find(|&l| {
                let full_name = k.leaders[l].full_name;
                full_name.split(' ').next() == person.words().next()
                    && full_name.rsplit(' ').next() == person.words().next_back()
            })
        })
    });
    index.note(defs, None);
    let words = person.words().len();
    let same = |existing: &PersonDef| {
        existing.name == person.name()
            || (existing.words.len() > 1 && words == 1 && existing.surname == person.surname())
            || (existing.leader.is_some() && existing.leader == leader)
    };
    let by_leader = leader.map_or(&[][..], |leader| index.led_by(leader));
    let earlier = [index.named(person.name()), index.named(person.surname()), by_leader]
        .into_iter()
        .flatten()
        .copied()
        .filter(|&d| same(&defs[d]))
        .min();
    let Some(at) = earlier else {
        defs.push(person.into_def(leader));
        index.note(defs, None);
        return defs.len() - 1;
    };
    let gender = person.gender();
    let existing = &mut defs[at];
    person.complete(existing);
    existing.gender = existing.gender.or(gender);
    existing.leader = existing.leader.or(leader);
    index.note(defs, Some(at));
    at
}

fn surname_of(words: &[String]) -> String {
    surname_index(words).map_or_else(String::new, |at| words[at].clone())
}

/// Which of a name's words is the surname: the last one, or the first of a
/// family-name-first name, leaving out "Jr", "Sr" and the like.
fn surname_index<S: AsRef<str>>(words: &[S]) -> Option<usize> {
    let mut kept = words
        .iter()
        .map(AsRef::as_ref)
        .enumerate()
        .filter(|(_, w)| !matches!(*w, "Jr" | "Sr" | "II" | "III" | "IV"));
    let (first_at, first) = kept.next()?;
    match kept.next_back() {
        Some((last_at, _)) if !FAMILY_NAME_FIRST.contains(&first) => Some(last_at),
        _ => Some(first_at),
    }
}

/// A word that can be part of a person's name.
fn is_name_word(scan: &Scan<'_>, item: &Item) -> bool {
    item.is_word()
        && item.has(TITLE_CASE)
        && !item.has(NOT_NAME_BITS)
        && (!item.sentence_start() || !scan.seen_lowercase(item.span().slice(scan.text)))
}

fn only_space_between(text: &str, a: Span, b: Span) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\u{a0}'))
}

/// The name after a title or an honorific, from item `i` ([`name_run`]);
/// its first word may be a place's name used as a given name when more of
/// the name follows ("Rep. Alexandria Ocasio-Cortez", "Coach Austin
/// Rivers").
fn titled_name_run(scan: &Scan<'_>, items: &[Item], i: usize) -> usize {
    let given_place = items.get(i).is_some_and(|item| {
        matches!(item.kind(), ItemKind::Known(_))
            && is_title_case(item.span().slice(scan.text))
            && !item.span().slice(scan.text).contains(' ')
    });
    if given_place
        && items.get(i + 1).is_some_and(|next| {
            is_name_word(scan, next) && only_space_between(scan.text, items[i].span(), next.span())
        })
    {
        return name_run(scan, items, i + 1, 3);
    }
    name_run(scan, items, i, 4)
}

/// Name words from `i`: returns the end index (exclusive).
fn name_run(scan: &Scan<'_>, items: &[Item], i: usize, max: usize) -> usize {
    let mut end = i;
    let mut words = 0;
    while end < items.len() && words < max {
        let item = &items[end];
        if end > i && !only_space_between(scan.text, items[end - 1].span(), item.span()) {
            break;
        }
        if is_name_word(scan, item) {
            words += 1;
            end += 1;
        } else if end > i
            && item.is_word()
            && item.has(flag::PARTICLE)
            && items.get(end + 1).is_some_and(|n| is_name_word(scan, n))
        {
            end += 1;
        } else {
            break;
        }
    }
    // A name does not end on a particle.
    end
}

/// A title phrase starting at item `i`.
fn title_phrase(text: &str, items: &[Item], i: usize) -> Option<(Title, usize)> {
    // A phrase that does not start with its role word needs a role word,
    // a modifier or a known name right after its start: most country and
    // city names are followed by none, and are no title.
    let first = items.get(i)?;
    if !(first.is_word() && first.has(flag::ROLE)) {
        let next = items.get(i + 1)?;
        let continues = match next.kind() {
            ItemKind::Word => next.has(flag::ROLE | flag::MODIFIER),
            ItemKind::Known(_) => true,
            // "Vice-President": a modifier joined to its role word.
            ItemKind::Punct('-') => first.is_word() && title_word_after_hyphen(items, i + 1),
            _ => false,
        };
        let joined = matches!(next.kind(), ItemKind::Punct('-'));
        if !continues || (!joined && !only_space_between(text, first.span(), next.span())) {
            return None;
        }
    }
    let mut j = i;
    let mut role: Option<Cow<'static, str>> = None;
    let mut modifiers = Vec::new();
    // The role word so far may also qualify a role ("chief").
    let mut role_may_qualify = false;
    let mut country = None;
    let mut last = None;
    // After "of": an organisation ends the title ("head of the World
    // Health Organization").
    let mut after_of = false;
    while j < items.len() {
        let item = &items[j];
        if j > i && !only_space_between(text, items[j - 1].span(), item.span()) {
            break;
        }
        match item.kind() {
            ItemKind::Known(pattern) => {
                let entities = entities_of(pattern);
                let c = entities.iter().find_map(|e| match e {
                    Entity::Country(c) | Entity::Demonym(c) => Some(*c),
                    _ => None,
                });
                let org = entities.iter().any(|e| matches!(e, Entity::Org(_)));
                match (c, org) {
                    (Some(c), _) if country.is_none() => country = Some(c),
                    (None, true) if role.is_none() => {}
                    (None, true) if after_of => {
                        last = Some(j);
                        break;
                    }
                    _ => break,
                }
            }
            ItemKind::Word => {
                let word = item.span().slice(text);
                if item.has(flag::ROLE) && !(item.has(LOWER_START) && role.is_some()) {
                    role = Some(lowercase_listed(word));
                    role_may_qualify = item.has(flag::MODIFIER);
                } else if item.has(flag::ROLE) && role_may_qualify {
                    // "chief strategist": the first role word qualifies the
                    // second.
                    modifiers.extend(role.take());
                    role = Some(lowercase_listed(word));
                    role_may_qualify = false;
                } else if item.has(flag::MODIFIER) {
                    modifiers.push(lowercase_listed(word));
                } else if (word == "of" || word == "for") && role.is_some() {
                    // "of" continues a title only into a country or modifier.
                    let next = items.get(j + 1);
                    let next = match next {
                        Some(n) if n.span().slice(text) == "the" => items.get(j + 2),
                        other => other,
                    };
                    let continues = next.is_some_and(|n| match n.kind() {
                        // "minister of Russia", "head of the World Health Organization"
                        ItemKind::Known(pattern) => entities_of(pattern)
                            .iter()
                            .any(|e| matches!(e, Entity::Country(_) | Entity::Org(_))),
                        ItemKind::Word => n.has(flag::MODIFIER),
                        _ => false,
                    });
                    if !continues {
                        break;
                    }
                    if items.get(j + 1).is_some_and(|n| n.span().slice(text) == "the") {
                        j += 1;
                    }
                    j += 1;
                    after_of = true;
                    continue;
                } else {
                    break;
                }
            }
            // A hyphen inside a title word ("Secretary-General",
            // "Director-General"): the word goes on after it.
            ItemKind::Punct('-')
                if (role.is_some()
                    && items.get(j + 1).is_some_and(|n| n.start == item.end && n.is_word())
                    || !modifiers.is_empty() && title_word_after_hyphen(items, j))
                    && items[j - 1].end == item.start =>
            {
                j += 1;
                continue;
            }
            _ => break,
        }
        last = Some(j);
        j += 1;
    }
    let role = role?;
    let last = last?;
    // A title phrase must include its role word, not end in a country
    // without one before it ("Russian" alone is no title).
    Some((
        Title { span: Span::new(items[i].span().start, items[last].span().end), role, modifiers, country },
        last + 1,
    ))
}

type Found<'t> = (FoundPerson<'t>, Span, std::ops::Range<usize>);

/// Title before a name, "title, Name," appositives, "Name, the title,", and
/// honorifics.
fn person_pattern<'a>(scan: &Scan<'a>, items: &[Item], i: usize) -> Option<Found<'a>> {
    let text = scan.text;
    let new_def = |name_items: std::ops::Range<usize>, title: Option<&'a Title>, gender: Option<Gender>| {
        let words: Vec<&str> = items[name_items.clone()].iter().map(|it| it.span().slice(text)).collect();
        let span = Span::new(items[name_items.start].span().start, items[name_items.end - 1].span().end);
        let found = FoundPerson {
            name: span.slice(text),
            surname: surname_index(&words).map_or("", |at| words[at]),
            words,
            title,
            title_text: title.map(|t| t.span.slice(text)),
            gender: gender.or_else(|| title.and_then(|t| gender_of_role(&t.role))),
        };
        (found, span, name_items)
    };
    // Honorific: "Mr. Smith", "Sen. Jane Doe".
    if items[i].is_word() && items[i].has(flag::HONORIFIC) {
        let word = items[i].span().slice(text);
        if let Some((_, gender)) = HONORIFICS.iter().find(|(h, _)| *h == word) {
            let mut j = i + 1;
            if items.get(j).is_some_and(|it| it.kind() == ItemKind::Punct('.')) {
                j += 1;
            }
            let end = titled_name_run(scan, items, j);
            // "Mr. Clinton" alone is a later reference: pass 2 resolves it.
            if end > j + 1 {
                return Some(new_def(j..end, None, *gender));
            }
        }
    }
    // A title, then the name (with or without a comma between).
    if let Some((title, after)) = scan.title_at(items, i) {
        let (start, appositive) = match items.get(after) {
            Some(it) if it.kind() == ItemKind::Punct(',') => (after + 1, true),
            _ => (after, false),
        };
        let end = titled_name_run(scan, items, start);
        let words = end.saturating_sub(start);
        let capital_title = is_title_case(title.span.slice(text));
        if words >= 2 || (words == 1 && !appositive && capital_title) {
            return Some(new_def(start..end, Some(title), None));
        }
        return None;
    }
    // A name, then its title: "Vladimir Putin, the Russian president,".
    if is_name_word(scan, &items[i]) && !items[i].sentence_start() || is_name_word(scan, &items[i]) {
        let end = name_run(scan, items, i, 4);
        if end - i >= 2 && items.get(end).is_some_and(|it| it.kind() == ItemKind::Punct(',')) {
            let mut t = end + 1;
            if items.get(t).is_some_and(|it| ARTICLES.contains(&it.span().slice(text))) {
                t += 1;
            }
            if let Some((title, after)) = scan.title_at(items, t) {
                // The title ends the clause, or names where the person
                // works ("chief strategist at CFRA").
                let closes = items.get(after).is_none_or(|it| {
                    matches!(it.kind(), ItemKind::Punct(',' | '.' | ';'))
                        || it.is_word() && WORKS_AT.contains(&it.span().slice(text))
                });
                if closes {
                    return Some(new_def(i..end, Some(title), None));
                }
            }
        }
    }
    None
}

fn gender_of_role(role: &str) -> Option<Gender> {
    match role {
        "king" | "prince" | "emperor" | "spokesman" | "chairman" | "emir" | "sultan" => Some(Gender::Male),
        "queen" | "princess" | "spokeswoman" | "chairwoman" => Some(Gender::Female),
        _ => None,
    }
}

fn bare_def(words: Vec<String>, gender: Option<Gender>) -> PersonDef {
    PersonDef {
        name: words.join(" "),
        surname: surname_of(&words),
        words,
        title: None,
        title_text: None,
        gender,
        kind: ActorKind::Person,
        leader: None,
        registry: None,
    }
}

fn honorific_word_before(scan: &Scan<'_>, items: &[Item], i: usize) -> bool {
    let Some(mut j) = i.checked_sub(1) else { return false };
    if items[j].kind() == ItemKind::Punct('.') {
        let Some(k) = j.checked_sub(1) else { return false };
        j = k;
    }
    is_honorific(scan.text, &items[j])
}

fn honorific_before(scan: &Scan<'_>, items: &[Item], i: usize) -> Option<Gender> {
    let mut j = i.checked_sub(1)?;
    if items[j].kind() == ItemKind::Punct('.') {
        j = j.checked_sub(1)?;
    }
    let word = items[j].span().slice(scan.text);
    HONORIFICS.iter().find(|(h, _)| *h == word).and_then(|(_, g)| *g)
}

/// The person a single capitalised word refers to: surname or family name of
/// an introduced person (the nearest one before, else the first after), or a
/// close spelling of it.
/// The first word of a name of three words or more that does not start
/// with its surname: how some naming traditions refer to a person again
/// (Tedros Adhanom Ghebreyesus is "Tedros" on second reference).
fn given_name(def: &PersonDef) -> Option<&str> {
    let first = def.words.first()?;
    (def.words.len() >= 3 && *first != def.surname).then_some(first.as_str())
}

/// The person a single capitalised word (a name word: title case and no
/// listed common word, which the caller checks on the item's bits) stands
/// for: a surname or one-word name, else a given name only one person
/// has, else a close spelling of a surname.
fn resolve_word(
    scan: &Scan<'_>,
    defs: &[PersonDef],
    index: &DefIndex,
    recency: &Recency,
    word: &str,
    offset: usize,
    gender: Option<Gender>,
) -> Option<usize> {
    debug_assert!(is_title_case(word) && !is_not_name(word));
    // Nearest mention before the offset; else the first person in `defs`
    // order. Lists may hold a person twice: that changes no pick.
    let pick = |candidates: &mut dyn Iterator<Item = usize>| -> Option<usize> {
        let mut first: Option<usize> = None;
        let mut best: Option<(usize, usize)> = None;
        for d in candidates {
            first = Some(first.map_or(d, |f| f.min(d)));
            if let Some(start) = recency.latest_before(d, offset) {
                if best.is_none_or(|(b, s)| start > s || (start == s && d < b)) {
                    best = Some((d, start));
                }
            }
        }
        best.map(|(d, _)| d).or(first)
    };
    let named = index.named(word);
    let by_name = pick(&mut named.iter().copied().filter(|&d| {
        (defs[d].surname == word || (defs[d].words.len() == 1 && defs[d].name == word))
            && (gender.is_none() || defs[d].gender.is_none() || defs[d].gender == gender)
    }));
    if by_name.is_some() {
        return by_name;
    }
    // The given name of one person with a name of three words or more
    // ("Tedros" for Tedros Adhanom Ghebreyesus), when no one else has it.
    let mut given = named.iter().copied().filter(|&d| given_name(&defs[d]) == Some(word));
    if let (Some(d), None) = (given.next(), given.next()) {
        return Some(d);
    }
    // A close spelling ("Zelensky" for "Zelenskyy").
    if word.chars().count() >= 5 && !scan.seen_lowercase(word) {
        let mut close = index.starting_with(word).iter().copied().filter(|&d| {
            let s = &defs[d].surname;
            // Same first three bytes (the index's: bytes that differ
            // within the first three of both mean characters that differ,
            // so most surnames are never visited).
            if let (Some(a), Some(b)) = (s.as_bytes().get(..3), word.as_bytes().get(..3)) {
                if a != b {
                    return false;
                }
            }
            let length = s.chars().count();
            // Two letters apart only in long names (Zelenskiy and
            // Zelenskyy are one apart); "Truth" is not "Trump".
            let reach = if length >= 7 { 2 } else { 1 };
            // "Executive" is not a spelling of "Executives".
            let plural = s.strip_suffix('s') == Some(word);
            length >= 5
                && !plural
                && s.chars().take(3).eq(word.chars().take(3))
                && edit_distance(s, word) <= reach
        });
        return pick(&mut close);
    }
    None
}

/// The people found so far by the words a single capitalised word resolves
/// to, and by their leader in the data, so that resolving a word or adding
/// a person does not compare it with every person. A person's surname
/// never changes once added; its name, given name and leader may (a longer
/// name merged in, see [`add_def`]), and are then listed again. Lists may
/// hold people whose name has changed since: callers test them exactly.
#[derive(Default)]
struct DefIndex {
    /// People indexed so far (`defs[..indexed]`).
    indexed: usize,
    /// By surname and by name: indices into `defs`.
    by_word: FastMap<String, Vec<usize>>,
    /// By the first three bytes of the surname, in `defs` order (a close
    /// spelling shares them, see [`resolve_word`]).
    by_prefix: FastMap<[u8; 3], Vec<usize>>,
    /// By the leader in the data a person is.
    by_leader: FastMap<usize, Vec<usize>>,
}

impl DefIndex {
    /// Take in the people added since the last call, and the current name
    /// of `changed` (one that [`add_def`] may have merged into).
    fn note(&mut self, defs: &[PersonDef], changed: Option<usize>) {
        for (d, def) in defs.iter().enumerate().skip(self.indexed) {
            self.list(&def.surname, d);
            self.list(&def.name, d);
            if let Some(given) = given_name(def) {
                self.list(given, d);
            }
            if let Some(&[a, b, c]) = def.surname.as_bytes().first_chunk() {
                self.by_prefix.entry([a, b, c]).or_default().push(d);
            }
            self.list_leader(def, d);
        }
        self.indexed = self.indexed.max(defs.len());
        if let Some((d, def)) = changed.and_then(|d| defs.get(d).map(|def| (d, def))) {
            self.list(&def.name, d);
            if let Some(given) = given_name(def) {
                self.list(given, d);
            }
            self.list_leader(def, d);
        }
    }

    fn list_leader(&mut self, def: &PersonDef, d: usize) {
        if let Some(leader) = def.leader {
            let list = self.by_leader.entry(leader).or_default();
            if !list.contains(&d) {
                list.push(d);
            }
        }
    }

    /// People who are the leader `leader` of the data.
    fn led_by(&self, leader: usize) -> &[usize] {
        self.by_leader.get(&leader).map_or(&[], Vec::as_slice)
    }

    fn list(&mut self, word: &str, d: usize) {
        match self.by_word.get_mut(word) {
            Some(list) => {
                if !list.contains(&d) {
                    list.push(d);
                }
            }
            None => {
                self.by_word.insert(word.to_owned(), vec![d]);
            }
        }
    }

    /// People whose surname or name may be `word`.
    fn named(&self, word: &str) -> &[usize] {
        self.by_word.get(word).map_or(&[], Vec::as_slice)
    }

    /// The first person (in `defs` order) among those listed under one of
    /// `words` or under the empty surname for whom `test` holds. A person
    /// whose name words are exactly `words` is found: their surname is one
    /// of them, or empty.
    fn with_words<'w>(
        &self,
        words: impl Iterator<Item = &'w str>,
        test: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        words.chain([""]).flat_map(|word| self.named(word)).copied().filter(|&d| test(d)).min()
    }

    /// People whose surname starts with the first three bytes of `word`.
    fn starting_with(&self, word: &str) -> &[usize] {
        word.as_bytes()
            .first_chunk::<3>()
            .and_then(|prefix| self.by_prefix.get(prefix))
            .map_or(&[], Vec::as_slice)
    }
}

/// Where each person was last mentioned before an offset: pass 1's mentions
/// (any order) sorted per person, plus pass 2's, which come in text order.
#[derive(Default)]
struct Recency {
    pass1: Vec<Vec<usize>>,
    last: Vec<Option<usize>>,
    seen: usize,
}

impl Recency {
    fn from_pass1(mentions: &[(usize, Span, MentionForm)], defs: usize) -> Recency {
        let mut pass1 = vec![Vec::new(); defs];
        for &(d, span, _) in mentions {
            if let Some(list) = pass1.get_mut(d) {
                list.push(span.start);
            }
        }
        for list in &mut pass1 {
            list.sort_unstable();
        }
        Recency { pass1, last: vec![None; defs], seen: mentions.len() }
    }

    /// Take in the mentions pushed since the last call.
    fn update(&mut self, mentions: &[(usize, Span, MentionForm)], defs: usize) {
        self.last.resize(defs, None);
        for &(d, span, _) in mentions.get(self.seen..).unwrap_or(&[]) {
            if let Some(last) = self.last.get_mut(d) {
                *last = Some(last.map_or(span.start, |l| l.max(span.start)));
            }
        }
        self.seen = mentions.len();
    }

    fn latest_before(&self, d: usize, offset: usize) -> Option<usize> {
        let from_pass1 = self.pass1.get(d).and_then(|list| {
            let index = list.partition_point(|&s| s < offset);
            index.checked_sub(1).map(|i| list[i])
        });
        let from_pass2 = self.last.get(d).copied().flatten().filter(|&s| s < offset);
        from_pass1.max(from_pass2)
    }
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + usize::from(ca != *cb)));
        }
        prev = cur;
    }
    prev[b.len()]
}

enum GluedTarget {
    Def(usize),
    Known(Entity),
}

/// "XinhuaLi": two known names with no space between. Both parts must be
/// known (brand names such as "YouTube" or "McDonald" are not split).
fn glued(defs: &[PersonDef], word: &str, span: Span) -> Option<Vec<(Span, GluedTarget)>> {
    let k = &*KNOWLEDGE;
    let chars = word.char_indices();
    let mut prev_lower = false;
    for (i, c) in chars {
        if c.is_uppercase() && prev_lower && i > 0 {
            let (left, right) = word.split_at(i);
            let known = |part: &str| -> Option<GluedTarget> {
                if let Some(d) = defs.iter().position(|d| d.surname == part || d.name == part) {
                    return Some(GluedTarget::Def(d));
                }
                let m = k.matcher.find(part)?;
                if m.start() == 0 && m.end() == part.len() {
                    return k.entities[m.pattern().as_usize()].first().copied().map(GluedTarget::Known);
                }
                None
            };
            if let (Some(a), Some(b)) = (known(left), known(right)) {
                return Some(vec![
                    (Span::new(span.start, span.start + i), a),
                    (Span::new(span.start + i, span.end), b),
                ]);
            }
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// A capitalised name nobody introduced: a run of name words. A lone word
/// at a sentence start counts only when it is also capitalised mid-sentence
/// somewhere.
fn unknown_name(
    scan: &Scan<'_>,
    items: &[Item],
    i: usize,
    consumed: impl Fn(usize) -> bool,
) -> Option<(Span, usize, ActorKind)> {
    // An honorific ("Gov.", "Rev.") is part of how a person is named, no
    // actor of its own.
    if !is_name_word(scan, &items[i]) || items[i].is_word() && items[i].has(flag::HONORIFIC) {
        return None;
    }
    let mut end = name_run(scan, items, i, 4);
    while end > i + 1 && (i..end).any(&consumed) {
        end -= 1;
    }
    let first_word = items[i].span().slice(scan.text);
    if items[i].sentence_start() && end == i + 1 && !scan.words.has_caps(first_word) {
        return None;
    }
    // Organisation words after the run ("Defense Ministry") make it an organisation.
    let mut kind = ActorKind::Unknown;
    let mut last = end;
    while let Some(next) = items.get(last) {
        if next.is_word()
            && next.has(flag::ORG)
            && only_space_between(scan.text, items[last - 1].span(), next.span())
        {
            kind = ActorKind::Organization;
            last += 1;
        } else {
            break;
        }
    }
    if kind == ActorKind::Unknown && end - i >= 2 {
        let near_speech = items[end..items.len().min(end + 3)]
            .iter()
            .chain(items[i.saturating_sub(2)..i].iter())
            .any(|it| SPEECH_VERBS.contains(&it.span().slice(scan.text)));
        // A byline: "By Jane Porter" opening a paragraph.
        let byline = i == 1 && items[0].is_word() && matches!(items[0].span().slice(scan.text), "By" | "by");
        if near_speech || byline {
            kind = ActorKind::Person;
        }
    }
    Some((Span::new(items[i].span().start, items[last - 1].span().end), last, kind))
}

enum RoleTarget {
    Def(usize),
    Leader(usize),
}

// Words the global patterns compare a word near a name with (with the
// speech and government verbs and the honorifics): the unseen edits
// (`unseen::compared_near_names`) read these lists, so a pattern that
// compares another word near a name lists it here.

/// An article after the comma after a name: "Vladimir Putin, the Russian
/// president" (`person_pattern`).
const ARTICLES: &[&str] = &["the", "a", "an"];
/// Where a titled person works: "chief strategist at CFRA" (`person_pattern`).
const WORKS_AT: &[&str] = &["at", "with"];
/// Before a title, any holder of it rather than this one: "a Chinese
/// defense minister" (`role_reference`).
const ANY_HOLDER: &[&str] = &["a", "an", "A", "An", "another", "every", "each", "his", "her", "their", "its"];

/// "the Russian President", "Chinese defense minister", "the President of
/// Russia" not followed by a name: the person who holds that role here.
fn role_reference(
    scan: &Scan<'_>,
    items: &[Item],
    i: usize,
    defs: &[PersonDef],
    data_leaders: &[usize],
) -> Option<(RoleTarget, Span, usize)> {
    let text = scan.text;
    let (title, after) = scan.title_at(items, i)?;
    let country = title.country?;
    // "a Chinese defense minister" is any minister, not this one.
    if i > 0 {
        let before = items[i - 1].span().slice(text);
        if ANY_HOLDER.contains(&before) {
            return None;
        }
    }
    // A name right after (or after a comma) belongs to pass 1, not here.
    let name_at = |j: usize| items.get(j).is_some_and(|it| is_name_word(scan, it));
    if name_at(after)
        || (items.get(after).is_some_and(|it| it.kind() == ItemKind::Punct(',')) && name_at(after + 1))
    {
        return None;
    }
    let matches_def = |d: &PersonDef| {
        d.title.as_ref().is_some_and(|t| {
            t.role == title.role
                && t.country == Some(country)
                && title.modifiers.iter().all(|m| t.modifiers.contains(m))
        })
    };
    if let Some(d) = defs.iter().position(matches_def) {
        return Some((RoleTarget::Def(d), title.span, after));
    }
    let k = &*KNOWLEDGE;
    let iso = k.countries[country].iso2;
    let leader = data_leaders.iter().copied().find(|&l| {
        k.leaders[l].iso2 == iso
            && title.modifiers.is_empty()
            && lower(k.leaders[l].title).split(' ').any(|w| w == title.role)
    })?;
    Some((RoleTarget::Leader(leader), title.span, after))
}

enum RegistryActor {
    Person(usize),
    Actor(usize),
}

fn registry_actor(
    builder: &mut Builder<'_>,
    defs: &mut Vec<PersonDef>,
    settings: &Settings,
    entry: usize,
) -> RegistryActor {
    let people = settings.actors.people.len();
    let Some(e) = registry_entry(settings, entry) else { return RegistryActor::Actor(0) };
    if entry < people {
        let words: Vec<String> = e.name.split_whitespace().map(str::to_owned).collect();
        let gender = match e.gender.as_deref() {
            Some("male") => Some(Gender::Male),
            Some("female") => Some(Gender::Female),
            _ => None,
        };
        let def = PersonDef {
            surname: surname_of(&words),
            words,
            name: e.name.clone(),
            title: None,
            title_text: None,
            gender,
            kind: ActorKind::Person,
            leader: None,
            registry: Some(entry),
        };
        if let Some(index) = defs.iter().position(|d| d.registry == Some(entry) || d.name == e.name) {
            defs[index].registry = Some(entry);
            return RegistryActor::Person(index);
        }
        defs.push(def);
        RegistryActor::Person(defs.len() - 1)
    } else {
        let actor = builder.actor(ActorKey::Registry(entry), || {
            let mut a = blank(e.name.clone(), ActorKind::Organization);
            a.registry = Some(entry);
            a
        });
        RegistryActor::Actor(actor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Para<'static> {
        let mut scratch = Scratch::default();
        scan_paragraph(text, &[], &registry(&Settings::default()), &mut scratch);
        let arena: &'static mut Arena = Box::leak(Box::default());
        arena.push(&mut scratch);
        Para { base: 0, end: text.len(), local: arena.view(0) }
    }

    /// An arena of `paragraphs`, scanned one after the other.
    fn arena_of(paragraphs: &[&str]) -> Arena {
        let (mut arena, mut scratch) = (Arena::default(), Scratch::default());
        for text in paragraphs {
            scan_paragraph(text, &[], &registry(&Settings::default()), &mut scratch);
            arena.push(&mut scratch);
        }
        arena
    }

    /// Every list of every paragraph, written out.
    fn lists(arena: &Arena) -> Vec<String> {
        (0..arena.paragraphs.len())
            .map(|p| {
                let v = arena.view(p);
                let items: Vec<Span> = v.items.iter().map(Item::span).collect();
                let words: Vec<(u32, u32)> =
                    v.lowercase_words.iter().chain(v.midsentence_caps).map(|w| (w.start, w.end)).collect();
                let titles: Vec<usize> = v.titles.iter().map(|(at, _, _)| *at).collect();
                format!(
                    "{items:?} {:?} {:?} {:?} {words:?} {titles:?} {:?} {} {}",
                    v.candidates, v.introductions, v.names, v.countries, v.us_local, v.state_cues
                )
            })
            .collect()
    }

    /// Paragraphs whose tokens take every path of [`tokenize`]: plain
    /// words, capitals, names, hyphens, digits, marks, letters that are
    /// not ASCII, words longer than 16 bytes, honorifics, title words.
    const TOKENIZER_TEXTS: &[&str] = &[
        "the talks went on for hours and nobody left the room",
        "Officials said the state governor would sign it.",
        "Mr. Hollis met the Deputy-Chief of the agency on Tuesday.",
        "Jean-Pierre Lamotte, the French foreign minister, arrived late.",
        "Exports rose 12% to 4.5bn; CO2 output fell by 3 tonnes.",
        "“We will not wait,” said Sen. Okafor, adding: “never again.”",
        "Lüneburg and São Paulo signed an internationalisation agreement.",
        "an iPhone, a McDonald's and the Russia-Ukraine talks",
        "Vladimir Putin and Xi Jinping met in Moscow (Russia) with Germany's envoy.",
        "extraordinarilylongwordwithoutanyend and Anotherverylongcapitalisedword",
        "Ms Adeyemi-Clarke, a spokeswoman for the Brigade-General, declined.",
        "  two  spaces,tight,marks...and?an end",
        "Hungary’s envoy can’t say “when” — or why – the talks…",
        "Müller and Ærø met; naïve Zoë said “fine”",
        "x",
    ];

    /// A word [`ascii_word_at`] reads ends where the general reading
    /// ([`word_end`]) ends it, with the same bits and hash: at every word
    /// start of the texts, near their ends too.
    #[test]
    fn a_word_read_at_once_is_the_word_read_the_general_way() {
        for text in TOKENIZER_TEXTS {
            let bytes = text.as_bytes();
            let mut read = 0;
            for offset in 0..bytes.len() {
                let starts_word = ascii::CLASS[usize::from(bytes[offset])] != 0
                    && (offset == 0 || ascii::CLASS[usize::from(bytes[offset - 1])] == 0);
                let Some((n, key, case)) = ascii_word_at(bytes, offset).filter(|_| starts_word) else {
                    continue;
                };
                read += 1;
                assert_eq!(word_end(text, offset + 1), (offset + n, true), "{text} at {offset}");
                let span = Span::new(offset, offset + n);
                assert_eq!(
                    word_bits_and_hash_packed(key, n, case),
                    word_bits_and_hash(text, span, true),
                    "{text}"
                );
            }
            assert!(read > 0 || text.len() < 2, "{text}");
        }
    }

    /// The loop of plain words reads a paragraph exactly as the general
    /// loop does: a text scanned as it is (mostly the plain loop) and with
    /// a registry name on a line after it (the general loop throughout,
    /// as a registry name lies ahead) gives the same items, word lists and
    /// marks up to that name.
    #[test]
    fn plain_words_are_read_as_the_general_loop_reads_them() {
        let mut settings = Settings::default();
        settings.actors.organizations.push(crate::analysis::settings::RegistryEntry {
            name: "Qzvx Agency".to_owned(),
            ..Default::default()
        });
        let (plain_registry, name_registry) = (registry(&Settings::default()), registry(&settings));
        for text in TOKENIZER_TEXTS {
            let with_name = format!("{text}\nQzvx Agency");
            let (mut plain, mut general) = (Scratch::default(), Scratch::default());
            tokenize(text, &plain_registry, &mut plain);
            tokenize(&with_name, &name_registry, &mut general);
            let n = plain.items.len();
            assert_eq!(general.items.len(), n + 1, "{text}");
            assert_eq!(format!("{:?}", &general.items[..n]), format!("{:?}", plain.items), "{text}");
            assert_eq!(format!("{:?}", general.lowercase), format!("{:?}", plain.lowercase), "{text}");
            assert_eq!(format!("{:?}", general.caps), format!("{:?}", plain.caps), "{text}");
            assert_eq!(general.title_starts, plain.title_starts, "{text}");
            assert_eq!(general.marked[..general.marked.len() - 1], plain.marked, "{text}");
        }
    }

    #[test]
    fn a_spliced_arena_equals_one_scanned_afresh() {
        let a = "Russian Defense Minister Sergei Shoigu met Xi in Beijing.";
        let b = "the talks went on.";
        let c = "Putin said Moscow and China agree, according to TASS.";
        let d = "US Secretary of State Antony Blinken";
        // (before, the paragraphs replaced, what comes in their place)
        let cases: &[(&[&str], std::ops::Range<usize>, &[&str])] = &[
            (&[a, b, c], 1..2, &[d]),
            (&[a, b, c], 1..2, &[d, a, b]),
            (&[a, b, c], 0..3, &[]),
            (&[a, b, c], 0..0, &[c, c]),
            (&[a, b, c], 3..3, &[d]),
            (&[a, b, c], 1..1, &[]),
            (&[], 0..0, &[a, d]),
        ];
        for (before, range, fresh) in cases {
            let mut arena = arena_of(before);
            arena.splice(range.clone(), arena_of(fresh));
            let mut after: Vec<&str> = before.to_vec();
            after.splice(range.clone(), fresh.iter().copied());
            assert_eq!(lists(&arena), lists(&arena_of(&after)), "{before:?} {range:?} {fresh:?}");
        }
    }

    /// The case bits read eight letters at a time equal those read letter
    /// by letter, also when the ninth letter is a capital.
    #[test]
    fn packed_case_bits_equal_the_letters() {
        let by_letters = |word: &str| {
            let mut bits = 0;
            if word.starts_with(|c: char| c.is_lowercase()) {
                bits |= LOWER_START;
            }
            if word.chars().any(char::is_uppercase) {
                bits |= HAS_UPPER;
                if is_title_case(word) {
                    bits |= TITLE_CASE;
                }
            }
            bits
        };
        for word in [
            "ofKievLiRussia",
            "Putin",
            "XinhuaLi",
            "abcdefghIjk",
            "ABCDEFGHijk",
            "U.S.",
            "a",
            "McDonald",
            "said",
        ] {
            let key = pack(word.as_bytes()).expect("plain ASCII of up to 16 bytes");
            assert_eq!(case_bits_packed(key), by_letters(word), "{word}");
        }
    }

    /// Counted word sets: a word counted twice and taken out once stays;
    /// taken out again it goes; a second word under a word's hash is
    /// refused (the analysis then reads the word sets afresh).
    #[test]
    fn counted_word_sets_refuse_a_second_word_under_one_hash() {
        let text = "alpha beta alpha";
        let at = |start: u32, end: u32, hash: u64| Listed { hash, start, end };
        let (alpha, beta) = (word_hash("alpha"), word_hash("beta"));
        let mut counts = WordCounts::default();
        assert!(counts.count(text, &[at(0, 5, alpha), at(11, 16, alpha), at(6, 10, beta)]));
        counts.uncount(&[at(0, 5, alpha)]);
        assert!(counts.contains("alpha") && counts.contains("beta"));
        counts.uncount(&[at(11, 16, alpha), at(6, 10, beta)]);
        assert!(!counts.contains("alpha") && !counts.contains("beta"));
        assert!(counts.count(text, &[at(0, 5, alpha)]));
        assert!(!counts.count(text, &[at(6, 10, alpha)]), "beta under alpha's hash");
    }

    #[test]
    fn hashed_word_sets_are_exact_even_when_two_words_share_a_hash() {
        // "Alpha" and "Beta" make their lower-case twins part of the set.
        let text = "the alpha and the beta met Gamma in Delta. Alpha, Beta";
        let paragraphs = [paragraph(text)];
        let Words::Hashed { lowercase, caps, .. } = Words::hashed(&paragraphs, text) else { unreachable!() };
        // (word, list, expected): as the sets answer.
        let cases: &[(&str, List, bool)] = &[
            ("alpha", List::Lowercase, true),
            ("beta", List::Lowercase, true),
            ("gamma", List::Lowercase, false),
            ("Gamma", List::Caps, true),
            ("Delta", List::Caps, true),
            ("Alpha", List::Caps, false),
        ];
        for &(word, list, expected) in cases {
            let set = match list {
                List::Lowercase => &lowercase,
                List::Caps => &caps,
            };
            assert_eq!(Words::has(set, list, &paragraphs, text, word), expected, "{word}");
        }
        // A forged collision: "beta" and "gamma" under the hash of "the"
        // (the first word listed), so the text decides.
        let mut forged = HashedWords::with_capacity(2);
        forged.insert_first(word_hash("beta"), 0, 0);
        forged.insert_first(word_hash("gamma"), 0, 0);
        assert!(Words::has(&forged, List::Lowercase, &paragraphs, text, "beta"));
        assert!(!Words::has(&forged, List::Lowercase, &paragraphs, text, "gamma"));
    }

    /// `seen_lowercase` finds a short ASCII word by its packed, lower-cased
    /// bytes: it answers as the look-up of the word lower-cased as a
    /// string, from both kinds of word sets (hashed for one analysis,
    /// counted for the memo).
    #[test]
    fn a_word_seen_in_lower_case_is_found_packed_or_not() {
        let text = "the ministry of iPhone said Über and über, then Paris, paris and Oslo; \
                    averyveryverylongword and Averyveryverylongword";
        let paragraphs = [paragraph(text)];
        let hashed = Words::hashed(&paragraphs, text);
        let mut index = WordIndex::default();
        assert!(index.lowercase.count(text, paragraphs[0].local.lowercase_words));
        let counted = Words::Counted(&index);
        // (word asked, whether it is written in lower case in the text)
        let cases = [
            ("Ministry", true),
            ("MINISTRY", true),
            ("ministry", true),
            ("Paris", true),
            ("Oslo", false),
            ("IPhone", false),
            ("Iphone", false),
            ("Über", true),
            ("Averyveryverylongword", true),
            ("", false),
            ("Said", true),
            ("Sai", false),
        ];
        for (word, expected) in cases {
            for words in [&hashed, &counted] {
                let scan = Scan { text, titles: &[], words };
                assert_eq!(scan.seen_lowercase(word), expected, "{word}");
                assert_eq!(words.has_lowercase(&Lower::of(word)), expected, "{word}");
            }
        }
    }

    /// ISO counts answer as a map of codes would, for codes of two capitals
    /// (in the table) and any other (in the map).
    #[test]
    fn iso_counts_count_every_code_as_a_map_would() {
        // (codes added in order, then (code, count expected))
        let added = ["RU", "CN", "RU", "XKX", "ZZ", "AA", "us", "RU"];
        let expected =
            [("RU", 3), ("CN", 1), ("XKX", 1), ("ZZ", 1), ("AA", 1), ("us", 1), ("US", 0), ("", 0)];
        let mut counts = IsoCounts::default();
        let mut map: HashMap<&str, usize> = HashMap::new();
        for iso in added {
            counts.add(iso);
            *map.entry(iso).or_default() += 1;
        }
        for (iso, count) in expected {
            assert_eq!(counts.get(iso).unwrap_or(0), count, "{iso}");
            assert_eq!(counts.get(iso), map.get(iso).copied(), "{iso}");
            assert_eq!(counts.contains_key(iso), count > 0, "{iso}");
        }
        let keys: Vec<&str> = counts.keys().copied().collect();
        assert_eq!(keys, ["RU", "CN", "XKX", "ZZ", "AA", "us"]);
    }

    /// (word, whether a capital follows a lower-case letter in it)
    #[test]
    fn a_glued_capital_is_found_in_ascii_and_beyond() {
        let cases = [
            ("XinhuaLi", true),
            ("The", false),
            ("McCain", true),
            ("USA", false),
            ("iPhone", true),
            ("", false),
            ("ÖzilMüller", true),
            ("MüllerÖzil", true),
            ("Müller", false),
            ("ÜBER", false),
            ("abcÉ", true),
        ];
        for (word, glued) in cases {
            assert_eq!(glued_capital(word), glued, "{word}");
        }
    }

    #[test]
    fn a_word_hashes_the_same_wherever_it_stands() {
        let text =
            "Xinhua reported; xinhua, Xinhua. A verylongwordofmorethansixteen, verylongwordofmorethansixteen";
        let paragraph = paragraph(text);
        let mut by_word: HashMap<&str, u64> = HashMap::new();
        for listed in paragraph.local.lowercase_words.iter().chain(paragraph.local.midsentence_caps) {
            let word = listed.of(text).unwrap_or_default();
            assert_eq!(listed.hash, word_hash(word), "{word}");
            assert_eq!(*by_word.entry(word).or_insert(listed.hash), listed.hash, "{word}");
        }
        assert!(by_word.len() >= 3);
    }
}
