//! The people a speaker mention can resolve to: the article's person actors
//! when the actor model knows them, otherwise full names found in the text
//! ("Vladimir Putin") and their later short forms ("Putin").

use foldhash::fast::FixedState;
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analysis::actors::lexicon::OFFICE_WORDS;
use crate::analysis::actors::{ActorKind, Actors};
use crate::analysis::quotes::Quotes;
use crate::analysis::span::Span;

use super::scan::Kind;
use super::{is_capitalized, is_stopword, to_lower, Document};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

#[derive(Clone, Debug)]
pub struct Person<'a> {
    /// The actor's name, borrowed (or a name found in the text).
    pub name: Cow<'a, str>,
    pub actor: Option<usize>,
    pub is_person: bool,
    /// Every mention, in text order: the actor's own list, borrowed when it
    /// already is in order and inside the text (always, in practice).
    pub mentions: Cow<'a, [Span]>,
    pub gender: Option<Gender>,
}

pub struct People<'a> {
    pub people: Vec<Person<'a>>,
    /// (mention, person index), sorted by position.
    flat: Vec<(Span, usize)>,
    /// Lowercase words of person names, to tell a person's name from other
    /// capitalised words: built on first use, and only for many people (a
    /// few names are compared word by word, see [`People::has_name_word`]).
    words: OnceCell<HashSet<String, FixedState>>,
    /// Top-level quotation spans sorted by start, with the greatest end of
    /// each prefix: whether a mention lies inside a quotation is one binary
    /// search.
    quoted: Vec<(usize, usize)>,
    /// The greatest mention end of each prefix of `flat`, so the mentions
    /// overlapping a span are one binary search away.
    flat_max_end: Vec<usize>,
    /// The words before each person mention, indexed for `by_role`; built
    /// on the first title-only mention.
    roles: RefCell<Option<RoleIndex>>,
    /// The window words of earlier analyses, until `roles` is built.
    role_words: RefCell<RoleWords>,
    /// `by_role` answers by the title's words (the answer depends on
    /// nothing else).
    role_answers: RefCell<RoleAnswers>,
    /// Per person without a known gender: the gender a title before one of
    /// its mentions gives ("Mr.", "Frau"), found when first asked for (only
    /// the persons a pronoun may refer to are ever asked about).
    title_genders: Vec<OnceCell<Option<Gender>>>,
    /// Genders learned from pronouns already resolved ("he said" with one
    /// person in reach makes that person a "he"), by person index.
    learned: RefCell<HashMap<usize, Gender>>,
}

/// The lowercase words of every window (see [`RoleIndex`]) an analysis
/// met, kept between analyses in the memo
/// ([`crate::analysis::memo::Memo::state`]): after a keystroke, only the
/// windows whose bytes changed are split and lower-cased again.
///
/// Word ids are only compared with each other, and a word no window holds
/// has no windows in the index, so ids kept from earlier versions (and
/// words no window holds any more) never change what the index answers.
#[derive(Default)]
pub(super) struct RoleWords {
    /// Every word met, with its id…
    vocabulary: HashMap<Box<str>, u32, FixedState>,
    /// …and sorted, for prefix lookups.
    sorted: Vec<(Box<str>, u32)>,
    /// Window text → its word ids, and the last build that used it.
    windows: HashMap<Box<str>, (Box<[u32]>, u32), FixedState>,
    /// Builds so far.
    round: u32,
    /// The previous version's index and the answers it gave.
    kept: Option<KeptIndex>,
    /// Whether these words serve one analysis only (no memo): then window
    /// texts are not kept, since no later version looks them up.
    one_shot: bool,
}

/// A [`RoleIndex`]'s windows, postings and answers, kept for the next
/// version: when that version's windows hold the same word ids for the same
/// persons — all an answer reads — its postings and answers are these.
struct KeptIndex {
    windows: Vec<(usize, std::ops::Range<usize>)>,
    ids: Vec<u32>,
    postings: Vec<Vec<u32>>,
    answers: RoleAnswers,
}

/// Past this many changed windows, the index is built afresh.
const MAX_CHANGED_WINDOWS: usize = 64;

/// The windows whose words differ from the kept index's, by index, when the
/// windows belong to the same persons in the same order and few changed
/// (else `None`: build afresh).
fn changed_windows(
    kept: &KeptIndex,
    windows: &[(usize, std::ops::Range<usize>)],
    ids: &[u32],
) -> Option<Vec<usize>> {
    if kept.windows.len() != windows.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (w, ((old_person, old_range), (person, range))) in kept.windows.iter().zip(windows).enumerate() {
        if old_person != person {
            return None;
        }
        if kept.ids.get(old_range.clone()) != ids.get(range.clone()) {
            changed.push(w);
            if changed.len() > MAX_CHANGED_WINDOWS {
                return None;
            }
        }
    }
    Some(changed)
}

/// `People::by_role`'s answers by the title's words.
type RoleAnswers = HashMap<Vec<String>, Option<usize>>;

/// Past this many distinct words, the kept words are dropped (ids are never
/// reused, so the vocabulary only grows).
const MAX_ROLE_WORDS: usize = 1 << 18;

impl RoleWords {
    /// Words for one analysis, kept nowhere afterwards.
    pub(super) fn one_shot() -> RoleWords {
        RoleWords { one_shot: true, ..RoleWords::default() }
    }

    /// Append the word ids of the window `window` to `out`.
    fn ids(&mut self, window: &str, fresh: &mut Vec<(Box<str>, u32)>, out: &mut Vec<u32>) {
        let round = self.round;
        if let Some(entry) = self.windows.get_mut(window) {
            entry.1 = round;
            out.extend_from_slice(&entry.0);
            return;
        }
        let first = out.len();
        let mut lower = String::new();
        let add = |word: &str| {
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&word.to_lowercase());
            }
            let id = match self.vocabulary.get(lower.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.vocabulary.len() as u32;
                    self.vocabulary.insert(lower.as_str().into(), id);
                    fresh.push((lower.as_str().into(), id));
                    id
                }
            };
            out.push(id);
        };
        window.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).for_each(add);
        if !self.one_shot {
            self.windows.insert(window.into(), (out[first..].into(), round));
        }
    }
}

/// The 60 bytes (to a character boundary) before a mention at `start`.
fn window(text: &str, start: usize) -> &str {
    let from = crate::analysis::settings::floor_char_boundary(text, start.saturating_sub(60));
    text.get(from..start).unwrap_or("")
}

/// The lowercase words of the 60 bytes before every mention of a person
/// (its "window"), with an inverted index from each distinct word to the
/// windows holding it.
#[derive(Default)]
struct RoleIndex {
    /// The window words with their ids (a superset of this version's).
    words: RoleWords,
    /// Per window: the person and the range of its word ids in `ids`.
    windows: Vec<(usize, std::ops::Range<usize>)>,
    ids: Vec<u32>,
    /// Per word id: the windows holding it, ascending.
    postings: Vec<Vec<u32>>,
}

impl RoleIndex {
    /// The index of `people`'s windows, with the answers kept from the
    /// previous version when its windows were the same (else none).
    fn build(text: &str, people: &[Person<'_>], mut words: RoleWords) -> (RoleIndex, RoleAnswers) {
        if words.vocabulary.len() > MAX_ROLE_WORDS {
            words = RoleWords::default();
        }
        let kept = words.kept.take();
        words.round = words.round.wrapping_add(1);
        let mut fresh = Vec::new();
        let mut windows = Vec::new();
        let mut ids = Vec::new();
        for (person_index, person) in people.iter().enumerate().filter(|(_, p)| p.is_person) {
            for m in person.mentions.iter() {
                let first = ids.len();
                words.ids(window(text, m.start), &mut fresh, &mut ids);
                windows.push((person_index, first..ids.len()));
            }
        }
        let round = words.round;
        words.windows.retain(|_, (_, used)| *used == round);
        if !fresh.is_empty() {
            fresh.sort_unstable();
            let old = std::mem::take(&mut words.sorted);
            words.sorted = merge_sorted(old, fresh);
        }
        let changed = kept.as_ref().and_then(|kept| changed_windows(kept, &windows, &ids));
        if let (Some(changed), Some(kept)) = (changed, kept) {
            // The previous version's index, updated where windows changed.
            let KeptIndex { windows: old_windows, ids: old_ids, mut postings, mut answers } = kept;
            postings.resize_with(words.vocabulary.len(), Vec::new);
            for &w in &changed {
                let window_id = w as u32;
                for &id in &old_ids[old_windows[w].1.clone()] {
                    let posting = &mut postings[id as usize];
                    if let Ok(at) = posting.binary_search(&window_id) {
                        posting.remove(at);
                    }
                }
                for &id in &ids[windows[w].1.clone()] {
                    let posting = &mut postings[id as usize];
                    if let Err(at) = posting.binary_search(&window_id) {
                        posting.insert(at, window_id);
                    }
                }
            }
            let index = RoleIndex { words, windows, ids, postings };
            // Only windows holding a word like the title's last word are
            // scored (`best`): an answer stands when no changed window held
            // one before or holds one now.
            answers.retain(|words, _| {
                let Some(head) = words.last() else { return false };
                let similar = index.similar_ids(head);
                changed.iter().all(|&w| {
                    let before = &old_ids[old_windows[w].1.clone()];
                    let now = &index.ids[index.windows[w].1.clone()];
                    !before.iter().chain(now).any(|id| similar.binary_search(id).is_ok())
                })
            });
            return (index, answers);
        }
        let mut postings: Vec<Vec<u32>> = Vec::new();
        postings.resize_with(words.vocabulary.len(), Vec::new);
        for (window_id, (_, range)) in windows.iter().enumerate() {
            let window_id = window_id as u32;
            for &id in &ids[range.clone()] {
                let posting = &mut postings[id as usize];
                if posting.last() != Some(&window_id) {
                    posting.push(window_id);
                }
            }
        }
        (RoleIndex { words, windows, ids, postings }, RoleAnswers::default())
    }

    /// The window words, with this index and its `answers` kept for the
    /// next version.
    fn keep(self, answers: RoleAnswers) -> RoleWords {
        let RoleIndex { mut words, windows, ids, postings } = self;
        words.kept = Some(KeptIndex { windows, ids, postings, answers });
        words
    }

    /// Ids of the window words `similar` to `word`, ascending.
    fn similar_ids(&self, word: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = self.words.vocabulary.get(word).into_iter().copied().collect();
        if word.len() >= 5 {
            // Longer words starting with `word`…
            let sorted = &self.words.sorted;
            let from = sorted.partition_point(|(key, _)| &**key <= word);
            ids.extend(sorted[from..].iter().take_while(|(key, _)| key.starts_with(word)).map(|(_, id)| *id));
            // …and shorter words (of 5 bytes or more) it starts with.
            for (end, _) in word.char_indices().filter(|&(end, _)| end >= 5) {
                if let Some(&id) = self.words.vocabulary.get(&word[..end]) {
                    ids.push(id);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The person with the best-scoring window (see [`People::by_role`]).
    fn best(&self, words: &[String], head: &str) -> Option<usize> {
        let mut candidates: Vec<u32> = self
            .similar_ids(head)
            .iter()
            .flat_map(|&id| self.postings.get(id as usize).into_iter().flatten().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let similar: Vec<Vec<u32>> = words.iter().map(|w| self.similar_ids(w)).collect();
        // Per person (ascending), the best window score.
        let mut scores: BTreeMap<usize, usize> = BTreeMap::new();
        for window in candidates {
            let (person, range) = &self.windows[window as usize];
            let ids = &self.ids[range.clone()];
            let score = similar.iter().filter(|s| ids.iter().any(|id| s.binary_search(id).is_ok())).count();
            let entry = scores.entry(*person).or_insert(0);
            *entry = (*entry).max(score);
        }
        let mut best: Option<(usize, usize)> = None;
        for (person, score) in scores {
            if score > 0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, person));
            }
        }
        best.map(|(_, i)| i)
    }
}

/// Sort `items` as `sort` does, for items whose order begins with a byte
/// offset (`start`): a counting pass puts them into buckets of 64 bytes by
/// that offset, then each bucket is sorted. Linear in the number of items
/// and the offsets' range (the text), where sorting the mentions of every
/// actor of a book was the larger part of building its people.
pub(crate) fn sort_by_start<T: Ord + Copy>(items: &mut Vec<T>, start: impl Fn(&T) -> usize) {
    const SHIFT: u32 = 6;
    let Some(last) = items.iter().map(|item| start(item) >> SHIFT).max() else { return };
    let mut bounds = vec![0_usize; last + 2];
    for item in items.iter() {
        bounds[(start(item) >> SHIFT) + 1] += 1;
    }
    for bucket in 1..bounds.len() {
        bounds[bucket] += bounds[bucket - 1];
    }
    let mut next = bounds.clone();
    let mut sorted = items.clone();
    for item in items.iter() {
        let slot = &mut next[start(item) >> SHIFT];
        sorted[*slot] = *item;
        *slot += 1;
    }
    for bucket in bounds.windows(2) {
        // Most buckets hold no mention or one.
        if bucket[1] - bucket[0] > 1 {
            sorted[bucket[0]..bucket[1]].sort();
        }
    }
    *items = sorted;
}

/// Two sorted lists as one sorted list.
fn merge_sorted<T: Ord>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if x <= y { a.next() } else { b.next() };
        merged.extend(next);
    }
    merged.extend(a);
    merged.extend(b);
    merged
}

const TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "chancellor",
    "prime",
    "foreign",
    "defense",
    "defence",
    "state",
    "general",
    "senator",
    "governor",
    "mayor",
    "king",
    "queen",
    "pope",
    "judge",
    "prince",
    "princess",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "professor",
    "prof",
    "chief",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "commissioner",
    "chairman",
    "chairwoman",
    "ceo",
    "coach",
    "captain",
    "colonel",
    "sergeant",
    "officer",
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "bundeskanzler",
    "bundeskanzlerin",
    "ministerin",
    "ministerpräsident",
    "ministerpräsidentin",
    "sprecher",
    "sprecherin",
    "herr",
    "frau",
    "bürgermeister",
    "bürgermeisterin",
    "vorsitzende",
    "vorsitzender",
    "papst",
    "senior",
    "junior",
    "vice",
    "deputy",
    "us",
    "u.s",
    "opposition",
    "leader",
    "representative",
    "rep",
    "sen",
    "gov",
    "gen",
    "lt",
    "sgt",
    "col",
];
const NOT_PEOPLE: &[&str] = &[
    "east",
    "west",
    "north",
    "south",
    "union",
    "states",
    "nations",
    "ministry",
    "agency",
    "council",
    "house",
    "street",
    "party",
    "post",
    "times",
    "news",
    "airlines",
    "bank",
    "airport",
    "army",
    "navy",
    "force",
    "forces",
    "court",
    "republic",
    "kingdom",
    "sea",
    "ocean",
    "river",
    "island",
    "islands",
    "university",
    "institute",
    "association",
    "organization",
    "organisation",
    "committee",
    "office",
    "department",
    "group",
    "ag",
    "gmbh",
    "inc",
    "corp",
    "city",
    "county",
    "province",
    "region",
    "federation",
    "company",
    "club",
    "league",
    "cup",
    "day",
    "war",
    "world",
    "online",
    "press",
    "television",
    "radio",
    "foundation",
    "fund",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "europe",
    "africa",
    "asia",
    "america",
    "china",
    "russia",
    "ukraine",
    "washington",
    "moscow",
    "beijing",
    "kiev",
    "kyiv",
    "berlin",
    "london",
    "paris",
    "germany",
    "deutschland",
    "tass",
    "xinhua",
    "reuters",
    "bundestag",
    "regierung",
    "polizei",
];
const MALE_TITLES: &[&str] = &[
    "mr",
    "herr",
    "sir",
    "king",
    "prince",
    "councilman",
    "congressman",
    "assemblyman",
    "alderman",
    "spokesman",
];
const FEMALE_TITLES: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "frau",
    "queen",
    "princess",
    "dame",
    "councilwoman",
    "congresswoman",
    "assemblywoman",
    "alderwoman",
    "spokeswoman",
];
/// Prepositions: a pronoun or name right after one is not a speaker.
pub(super) const PREPOSITIONS: &[&str] = &[
    "with",
    "to",
    "from",
    "by",
    "of",
    "for",
    "at",
    "on",
    "in",
    "about",
    "against",
    "between",
    "than",
    "mit",
    "von",
    "zu",
    "bei",
    "gegen",
    "für",
    "über",
    "an",
    "auf",
    "aus",
    "nach",
    "vor",
    "um",
    "gegenüber",
    "zwischen",
    "unter",
    "im",
    "am",
    "beim",
    "vom",
    "zum",
    "zur",
];

fn lower_list_contains(list: &[&str], word: &str) -> bool {
    list.contains(&word.to_lowercase().trim_end_matches('.'))
}

/// A title word: this module's list, or an office the actors know.
pub(super) fn is_title(lower: &str) -> bool {
    TITLES.contains(&lower) || OFFICE_WORDS.contains(&lower)
}

/// Below this many people, whether a word is part of a person's name is
/// answered by comparing it with each name's words (cheaper than building
/// [`People::words`] for an article's few names).
const FEW_PEOPLE: usize = 16;

/// Whether `a` and `b` have the same lowercase (as [`to_lower`] gives it).
fn same_lowercase(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        to_lower(a).as_str() == to_lower(b).as_str()
    }
}

impl<'a> People<'a> {
    /// The people of the article; `role_words` are the window words kept
    /// from earlier analyses of the document (see [`RoleWords`]).
    pub fn build(
        text: &str,
        actors: &'a Actors,
        document: &Document,
        quotes: &Quotes,
        role_words: RoleWords,
    ) -> People<'a> {
        let mut people: Vec<Person<'a>> = actors
            .actors
            .iter()
            .enumerate()
            .filter(|(_, actor)| !actor.mentions.is_empty())
            .map(|(index, actor)| Person {
                name: Cow::Borrowed(actor.name.as_str()),
                actor: Some(index),
                is_person: actor.kind == ActorKind::Person,
                mentions: Cow::Borrowed(actor.mentions.as_slice()),
                gender: actor.gender.map(|g| match g {
                    crate::analysis::actors::Gender::Male => Gender::Male,
                    crate::analysis::actors::Gender::Female => Gender::Female,
                }),
            })
            .collect();
        if !people.iter().any(|p| p.is_person) {
            people.extend(names_from_text(text, document));
        }
        for person in &mut people {
            let valid = |m: &Span| m.end <= text.len() && m.start < m.end;
            // Copied only when a mention must go or the order is not kept.
            if !(person.mentions.iter().all(valid) && person.mentions.is_sorted()) {
                let mentions = person.mentions.to_mut();
                mentions.retain(valid);
                mentions.sort_unstable();
            }
        }
        // Sized once (collected from a flat map, it would grow step by step).
        let mut flat: Vec<(Span, usize)> = Vec::with_capacity(people.iter().map(|p| p.mentions.len()).sum());
        flat.extend(people.iter().enumerate().flat_map(|(i, p)| p.mentions.iter().map(move |m| (*m, i))));
        sort_by_start(&mut flat, |(span, _)| span.start);
        let mut quoted: Vec<(usize, usize)> =
            quotes.quotations.iter().filter(|q| q.level == 0).map(|q| (q.span.start, q.span.end)).collect();
        quoted.sort_unstable();
        let mut max_end = 0;
        for entry in &mut quoted {
            max_end = max_end.max(entry.1);
            entry.1 = max_end;
        }
        let flat_max_end = flat
            .iter()
            .scan(0, |max, (m, _)| {
                *max = m.end.max(*max);
                Some(*max)
            })
            .collect();
        let title_genders = std::iter::repeat_with(OnceCell::new).take(people.len()).collect();
        People {
            people,
            flat,
            words: OnceCell::new(),
            quoted,
            flat_max_end,
            title_genders,
            roles: RefCell::new(None),
            role_words: RefCell::new(role_words),
            role_answers: RefCell::new(HashMap::new()),
            learned: RefCell::new(HashMap::new()),
        }
    }

    /// Whether `span` lies inside a top-level quotation.
    fn is_quoted(&self, span: Span) -> bool {
        let before = self.quoted.partition_point(|&(start, _)| start <= span.start);
        before > 0 && self.quoted[before - 1].1 >= span.end
    }

    /// The lowercase words of the person names.
    pub fn name_words(&self) -> &HashSet<String, FixedState> {
        self.words.get_or_init(|| {
            self.people
                .iter()
                .filter(|p| p.is_person)
                .flat_map(|p| p.name.split_whitespace().map(|w| to_lower(w).to_string()))
                .collect()
        })
    }

    /// Whether some person's name has a word whose lowercase is `word`'s
    /// (`Some(false)` when no person has a name word at all, `None` when
    /// one has and none is `word`): [`People::name_words`] asked, but for a
    /// few people (and until it is built) the names are read instead.
    fn has_name_word(&self, word: &str) -> Option<bool> {
        let persons = || self.people.iter().filter(|p| p.is_person);
        if self.words.get().is_none() && persons().nth(FEW_PEOPLE).is_none() {
            let mut names = persons().flat_map(|p| p.name.split_whitespace()).peekable();
            if names.peek().is_none() {
                return Some(false);
            }
            return names.any(|name| same_lowercase(name, word)).then_some(true);
        }
        let words = self.name_words();
        if words.is_empty() {
            return Some(false);
        }
        words.contains(to_lower(word).as_ref()).then_some(true)
    }

    /// Whether a capitalised word is part of a known person's name.
    pub fn is_person_word(&self, word: &str) -> bool {
        self.has_name_word(word).is_some()
    }

    /// Whether `word` is part of the name of a person the article names
    /// (false when it names no one).
    pub fn is_known_person_word(&self, word: &str) -> bool {
        self.has_name_word(word) == Some(true)
    }

    /// The person (preferred) or other actor whose mention overlaps `span`.
    /// Another actor must cover at least half of `span`: "the Kremlin" is
    /// the Kremlin, but "Russia's Defense Ministry" is not Russia.
    pub fn overlapping(&self, span: Span) -> Option<&Person<'a>> {
        let first = self.flat_max_end.partition_point(|&end| end <= span.start);
        let last = self.flat.partition_point(|(m, _)| m.start < span.end).max(first);
        let overlap = |m: &Span| m.end.min(span.end).saturating_sub(m.start.max(span.start));
        self.flat[first..last]
            .iter()
            .filter(|(m, i)| m.overlaps(span) && (self.people[*i].is_person || 2 * overlap(m) >= span.len()))
            .max_by_key(|(m, i)| (self.people[*i].is_person, overlap(m), m.start))
            .map(|(_, i)| &self.people[*i])
    }

    /// A person's gender: the actor model's, else the one a title before
    /// its first titled mention gives.
    fn gender(&self, index: usize, text: &str) -> Option<Gender> {
        let person = &self.people[index];
        person.gender.or_else(|| {
            *self.title_genders[index]
                .get_or_init(|| person.mentions.iter().find_map(|m| title_gender(text, m.start)))
        })
    }

    /// The most recent fitting person before a pronoun at `offset`.
    pub fn antecedent(&self, offset: usize, pronoun: &str, text: &str) -> Option<&Person<'a>> {
        let wanted = match pronoun {
            "he" | "er" => Some(Gender::Male),
            "she" | "sie" => Some(Gender::Female),
            "it" | "they" | "we" | "i" | "wir" | "ich" => return None,
            _ => None,
        };
        let gender_of =
            |index: usize| self.gender(index, text).or_else(|| self.learned.borrow().get(&index).copied());
        let found = self.candidates_before(offset, text).find(|&index| match (wanted, gender_of(index)) {
            (Some(w), Some(g)) => w == g,
            _ => true,
        })?;
        // A pronoun with a single person in reach tells that person's
        // gender, so a later "she" does not go to a "he".
        if let Some(wanted) = wanted.filter(|_| gender_of(found).is_none()) {
            // Every candidate is `found`: each mention in reach is of it or
            // no candidate (asked only of another person's mention; the
            // same answer as filtering first, for fewer look-arounds).
            let alone = self
                .mentions_before(offset)
                .all(|&(mention, index)| index == found || !self.is_candidate(mention, index, text));
            if alone {
                self.learned.borrow_mut().insert(found, wanted);
            }
        }
        Some(&self.people[found])
    }

    /// The nearest person named before `offset`: a weak candidate speaker.
    pub fn nearest_before(&self, offset: usize, text: &str) -> Option<Span> {
        let index = self.candidates_before(offset, text).next()?;
        // Only mentions starting before `offset` can end by it.
        let end = self.flat.partition_point(|(m, _)| m.start < offset);
        self.flat[..end].iter().rev().find(|(m, i)| *i == index && m.end <= offset).map(|(m, _)| *m)
    }

    /// Person indices by their mentions before `offset`, nearest first,
    /// skipping mentions inside quotations, after a preposition or
    /// possessive ("Pastrnak's play": the person owns, does not speak), at
    /// most 1500 bytes back.
    fn candidates_before<'s>(&'s self, offset: usize, text: &'s str) -> impl Iterator<Item = usize> + 's {
        self.mentions_before(offset).filter(move |&&(m, i)| self.is_candidate(m, i, text)).map(|(_, i)| *i)
    }

    /// The mentions (with their person's index) ending by `offset`, nearest
    /// first, at most 1500 bytes back: what [`People::candidates_before`]
    /// filters.
    fn mentions_before(&self, offset: usize) -> impl Iterator<Item = &(Span, usize)> + '_ {
        let end = self.flat.partition_point(|(m, _)| m.end <= offset);
        self.flat[..end].iter().rev().take_while(move |(m, _)| offset - m.start <= 1500)
    }

    /// Whether `mention` of person `index` can be a candidate speaker (see
    /// [`People::candidates_before`]).
    fn is_candidate(&self, mention: Span, index: usize, text: &str) -> bool {
        self.people[index].is_person
            && !self.is_quoted(mention)
            && !after_preposition(text, mention.start)
            && !is_possessive(text, mention.end)
    }

    /// A title-only mention ("Russian President", "the minister") resolved
    /// to the person introduced with the most of its words.
    pub fn by_role(&self, span: Span, text: &str) -> Option<&Person<'a>> {
        let words: Vec<String> = text
            .get(span.start..span.end)?
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !is_stopword(&to_lower(w)))
            .map(str::to_lowercase)
            .collect();
        let head = words.last()?;
        if !is_title(head) || words.iter().any(|w| self.is_known_person_word(w)) {
            return None;
        }
        let mut roles = self.roles.borrow_mut();
        if roles.is_none() {
            let (index, answers) = RoleIndex::build(text, &self.people, self.role_words.take());
            *roles = Some(index);
            *self.role_answers.borrow_mut() = answers;
        }
        if let Some(&answer) = self.role_answers.borrow().get(&words) {
            return answer.map(|i| &self.people[i]);
        }
        let roles = roles.as_ref()?;
        let answer = roles.best(&words, head);
        self.role_answers.borrow_mut().insert(words, answer);
        answer.map(|i| &self.people[i])
    }

    /// The window words to keep for the next analysis.
    pub fn take_role_words(&self) -> RoleWords {
        match self.roles.borrow_mut().take() {
            Some(index) => index.keep(self.role_answers.take()),
            None => self.role_words.take(),
        }
    }
}

/// Equal, or one a form of the other ("russian" ~ "russia"): the relation
/// `RoleIndex::similar_ids` looks up.
#[cfg(test)]
fn similar(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && (a.starts_with(b) || b.starts_with(a)))
}

/// Whether the mention ending at `end` is a possessive: "'s" or "’s"
/// right after it, then no more letters.
fn is_possessive(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    let tail = rest.strip_prefix("'s").or_else(|| rest.strip_prefix("’s"));
    tail.is_some_and(|tail| !tail.starts_with(char::is_alphanumeric))
}

fn after_preposition(text: &str, start: usize) -> bool {
    let before = &text[..crate::analysis::settings::floor_char_boundary(text, start)];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() && !before.is_empty() {
        return false;
    }
    PREPOSITIONS.contains(&to_lower(trailing_letters(trimmed)).as_ref())
}

/// The run of letters `text` ends with (empty when it ends otherwise).
fn trailing_letters(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(index, _)| index);
    &text[start..]
}

/// Gender from a title right before the mention ("Mr.", "Frau").
fn title_gender(text: &str, start: usize) -> Option<Gender> {
    let before = &text[..crate::analysis::settings::floor_char_boundary(text, start)];
    let word = trailing_letters(before.trim_end().trim_end_matches('.'));
    let lower = to_lower(word);
    if MALE_TITLES.contains(&lower.as_ref()) {
        Some(Gender::Male)
    } else if FEMALE_TITLES.contains(&lower.as_ref())
        || (lower.len() > 6 && lower.ends_with("in") && is_title(&lower))
    {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Full names found in the text and their later short forms, for when the
/// actor model knows no people.
fn names_from_text<'a>(text: &str, document: &Document<'_>) -> Vec<Person<'a>> {
    let mut people: Vec<Person<'a>> = Vec::new();
    let mut keys: Vec<(String, usize)> = Vec::new();
    let is_name_word = |w: &str| {
        is_capitalized(w)
            && !is_stopword(&to_lower(w))
            && !(w.chars().count() >= 2 && w.chars().all(|c| !c.is_lowercase()))
    };
    // Pass 1: runs of capitalised words ending in a full name.
    for paragraph in (0..document.len()).map(|p| document.paragraph(p)) {
        let tokens = &paragraph.tokens;
        let mut i = 0;
        while i < tokens.len() {
            let start = i;
            while i < tokens.len()
                && tokens[i].kind == Kind::Word
                && (i == start || !tokens[i].glued)
                && is_capitalized(tokens[i].span.slice(text))
            {
                i += 1;
            }
            if i == start {
                i += 1;
                continue;
            }
            let run = &tokens[start..i];
            let mut name_start = run.len();
            while name_start > 0 {
                let w = run[name_start - 1].span.slice(text);
                if !is_name_word(w)
                    || is_title(w.to_lowercase().trim_end_matches('.'))
                    || lower_list_contains(NOT_PEOPLE, w)
                {
                    break;
                }
                name_start -= 1;
            }
            let name_words = &run[name_start..];
            let titled = name_start > 0
                && is_title(run[name_start - 1].span.slice(text).to_lowercase().trim_end_matches('.'));
            let after_title_abbreviation = name_words.len() == 1
                && start >= 2
                && tokens[start - 1].kind == Kind::Punct('.')
                && lower_list_contains(
                    MALE_TITLES.iter().chain(FEMALE_TITLES).copied().collect::<Vec<_>>().as_slice(),
                    tokens[start - 2].span.slice(text),
                );
            if name_words.len() >= 2 || (name_words.len() == 1 && (titled || after_title_abbreviation)) {
                let words = &name_words[name_words.len().saturating_sub(3)..];
                let span = Span::new(words[0].span.start, words[words.len() - 1].span.end);
                let name = span.slice(text).to_owned();
                let index = match people.iter().position(|p| p.name == name) {
                    Some(index) => index,
                    None => {
                        people.push(Person {
                            name: Cow::Owned(name.clone()),
                            actor: None,
                            is_person: true,
                            mentions: Cow::Owned(Vec::new()),
                            gender: None,
                        });
                        people.len() - 1
                    }
                };
                people[index].mentions.to_mut().push(span);
                let key_words: Vec<&str> = if words.len() == 2 {
                    words.iter().map(|t| t.span.slice(text)).collect()
                } else {
                    vec![words[words.len() - 1].span.slice(text)]
                };
                for key in key_words {
                    if !keys.iter().any(|(k, _)| k == key) {
                        keys.push((key.to_owned(), index));
                    }
                }
            }
        }
    }
    // Pass 2: later single-word mentions ("Putin", "Li").
    for paragraph in (0..document.len()).map(|p| document.paragraph(p)) {
        for token in paragraph.tokens.iter().filter(|t| t.kind == Kind::Word) {
            let word = token.span.slice(text);
            if let Some((_, index)) = keys.iter().find(|(k, _)| k == word) {
                let person = &mut people[*index];
                if !person.mentions.iter().any(|m| m.overlaps(token.span)) {
                    person.mentions.to_mut().push(token.span);
                }
            }
        }
    }
    people
}

#[cfg(test)]
mod role_index_tests {
    use super::*;

    #[test]
    fn similar_ids_finds_exactly_the_similar_words() {
        let words = [
            "russia",
            "russian",
            "russians",
            "rus",
            "minister",
            "ministerin",
            "mini",
            "präsident",
            "präsidentin",
            "präs",
        ];
        // Each word in the 60-byte window before its own mention of Putin.
        let mut text = String::new();
        let mut mentions = Vec::new();
        for word in words {
            text.push_str(word);
            text.push(' ');
            mentions.push(Span::new(text.len(), text.len() + 5));
            text.push_str("Putin. ");
        }
        let person = Person {
            name: "Putin".into(),
            actor: None,
            is_person: true,
            mentions: mentions.into(),
            gender: None,
        };
        let (index, _) = RoleIndex::build(&text, &[person], RoleWords::default());
        for query in words.iter().chain(&["russ", "ministers", "präsi", "putin"]) {
            let found: Vec<&str> = index
                .similar_ids(query)
                .iter()
                .map(|&id| &**index.words.vocabulary.iter().find(|(_, &i)| i == id).unwrap().0)
                .collect();
            let mut expected: Vec<&str> =
                index.words.sorted.iter().map(|(w, _)| &**w).filter(|w| similar(w, query)).collect();
            let mut found_sorted = found.clone();
            found_sorted.sort_unstable();
            expected.sort_unstable();
            assert_eq!(found_sorted, expected, "words similar to {query}");
        }
    }

    /// Window words and answers kept from an earlier version (another text,
    /// another set of people, or the same windows elsewhere) change no
    /// answer: each version's index, built on what the one before kept,
    /// answers like a fresh index.
    #[test]
    fn an_index_built_on_kept_words_answers_like_a_fresh_one() {
        // (text, mentions of person 0 and person 1 as the words they start at)
        let versions: &[(&str, &[&str], &[&str])] = &[
            ("The Russian president Putin met the foreign minister Lavrov.", &["Putin"], &["Lavrov"]),
            (
                "The Russian president Putin met the Chinese foreign minister Wang. Later Putin left.",
                &["Putin met", "Putin left"],
                &["Wang"],
            ),
            (
                "Chancellor Scholz met Minister Baerbock. The minister Baerbock spoke.",
                &["Scholz"],
                &["Baerbock", "Baerbock spoke"],
            ),
            // The same windows further on: the kept answers stand.
            (
                "Today: Chancellor Scholz met Minister Baerbock. The minister Baerbock spoke.",
                &["Scholz"],
                &["Baerbock", "Baerbock spoke"],
            ),
            // One window's words changed.
            (
                "Today: Chancellor Scholz met Minister Baerbock. The chancellor Baerbock spoke.",
                &["Scholz"],
                &["Baerbock", "Baerbock spoke"],
            ),
            // The same windows for the other person: they do not.
            (
                "Today: Chancellor Scholz met Minister Baerbock. The minister Baerbock spoke.",
                &["Baerbock", "Baerbock spoke"],
                &["Scholz"],
            ),
        ];
        let queries: &[&[&str]] = &[
            &["russian", "president"],
            &["foreign", "minister"],
            &["chinese", "minister"],
            &["chancellor"],
            &["president"],
        ];
        let mut kept = RoleWords::default();
        for (text, first, second) in versions {
            let person = |index: usize, at: &[&str]| Person {
                name: format!("person {index}").into(),
                actor: None,
                is_person: true,
                mentions: at
                    .iter()
                    .map(|needle| {
                        let start = text.find(needle).unwrap();
                        Span::new(start, start + needle.split(' ').next().unwrap().len())
                    })
                    .collect(),
                gender: None,
            };
            let people = [person(0, first), person(1, second)];
            let (fresh, _) = RoleIndex::build(text, &people, RoleWords::default());
            let (reused, mut answers) = RoleIndex::build(text, &people, kept);
            for words in queries {
                let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                let head = words.last().unwrap();
                let expected = fresh.best(&words, head);
                let answer = *answers.entry(words.clone()).or_insert_with(|| reused.best(&words, head));
                assert_eq!(answer, expected, "{text}: {words:?}");
            }
            kept = reused.keep(answers);
        }
    }

    /// Spans (start, end) in any order: bucketed by start, they come out as
    /// `sort` puts them.
    #[test]
    fn sort_by_start_sorts_like_sort() {
        let cases: &[&[(usize, usize)]] = &[
            &[],
            &[(5, 9)],
            &[(70, 75), (3, 8), (64, 70), (63, 64), (3, 4), (1000, 1010), (0, 2), (64, 66)],
            &[(10, 12), (10, 12), (9, 30), (200, 201), (130, 140), (129, 131), (10, 11)],
        ];
        for case in cases {
            let mut spans: Vec<(Span, usize)> =
                case.iter().enumerate().map(|(i, &(s, e))| (Span::new(s, e), i % 2)).collect();
            let mut expected = spans.clone();
            expected.sort();
            sort_by_start(&mut spans, |(span, _)| span.start);
            assert_eq!(spans, expected, "{case:?}");
        }
    }
}
