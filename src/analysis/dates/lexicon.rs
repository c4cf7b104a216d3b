//! The words dates are made of: month and weekday names (English and German)
//! and the few anchor words a date expression can start with. A plain ASCII
//! word is looked up by its length and first letter (a bit mask says at once
//! that most words are none of these) and then compared as one 128-bit
//! number with the few entries of that length and letter, so scanning a long
//! text costs a few instructions per word.

use std::sync::OnceLock;

use crate::analysis::dates::{Modifier, Relative};

/// A language a lexicon entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    De,
}

/// What a word means to the date scanner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lex {
    /// A month, 1-based; `abbreviated` for "Sept"/"Jan" (the period is a
    /// separate token).
    Month { month: u8, abbreviated: bool, en: bool, de: bool },
    /// A weekday, 0 = Monday.
    Weekday { weekday: u8, lang: Lang },
    /// A word that can start a relative or event-anchored date expression,
    /// with what the scanner tries after it.
    Anchor(Anchor),
}

/// The anchor words, grouped by the pattern tried at them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// "yesterday" (-1), "heute" (0); `lowercase`: only when written in
    /// lower case (German "Morgen" is the morning).
    DayWord { days: i8, lang: Lang, lowercase: bool },
    /// "last", "next", "this" and their German forms.
    Relative { relative: Relative, lang: Lang },
    /// "the".
    The,
    /// "early", "mid", "late", "Anfang", "Mitte", "Ende".
    Modifier { modifier: Modifier, lang: Lang },
    /// "New" (Year's Day).
    New,
    /// "Christmas" (Day, Eve).
    Christmas,
    /// "days", "weeks", "months", "years" (later, earlier).
    Units,
    /// "in" (two weeks).
    In,
    /// German "vor" (zwei Tagen).
    Vor,
    /// A count before a unit: "a", "an", "one" to "ten", "several".
    Count,
}

const MONTHS_EN: [&str; 12] = [
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
];
/// German month names in lower case (shared with the attribution's sentence
/// splitter, which must not end a sentence at "17. April").
pub const MONTHS_DE: [&str; 12] = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];
const MONTH_ABBREVIATIONS: [(&str, u8); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
pub const WEEKDAYS_EN: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const WEEKDAYS_DE: [&str; 7] =
    ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"];

/// Words that start a date expression without a month, weekday or digit.
const ANCHORS: &[(&str, Anchor)] = &[
    ("a", Anchor::Count),
    ("an", Anchor::Count),
    ("anfang", Anchor::Modifier { modifier: Modifier::Early, lang: Lang::De }),
    ("christmas", Anchor::Christmas),
    ("days", Anchor::Units),
    ("diese", Anchor::Relative { relative: Relative::This, lang: Lang::De }),
    ("diesen", Anchor::Relative { relative: Relative::This, lang: Lang::De }),
    ("early", Anchor::Modifier { modifier: Modifier::Early, lang: Lang::En }),
    ("eight", Anchor::Count),
    ("ende", Anchor::Modifier { modifier: Modifier::Late, lang: Lang::De }),
    ("five", Anchor::Count),
    ("four", Anchor::Count),
    ("gestern", Anchor::DayWord { days: -1, lang: Lang::De, lowercase: false }),
    ("heute", Anchor::DayWord { days: 0, lang: Lang::De, lowercase: false }),
    ("in", Anchor::In),
    ("kommende", Anchor::Relative { relative: Relative::Next, lang: Lang::De }),
    ("kommenden", Anchor::Relative { relative: Relative::Next, lang: Lang::De }),
    ("last", Anchor::Relative { relative: Relative::Last, lang: Lang::En }),
    ("late", Anchor::Modifier { modifier: Modifier::Late, lang: Lang::En }),
    ("letzte", Anchor::Relative { relative: Relative::Last, lang: Lang::De }),
    ("letzten", Anchor::Relative { relative: Relative::Last, lang: Lang::De }),
    ("mid", Anchor::Modifier { modifier: Modifier::Mid, lang: Lang::En }),
    ("mitte", Anchor::Modifier { modifier: Modifier::Mid, lang: Lang::De }),
    ("months", Anchor::Units),
    ("morgen", Anchor::DayWord { days: 1, lang: Lang::De, lowercase: true }),
    ("nächste", Anchor::Relative { relative: Relative::Next, lang: Lang::De }),
    ("nächsten", Anchor::Relative { relative: Relative::Next, lang: Lang::De }),
    ("new", Anchor::New),
    ("next", Anchor::Relative { relative: Relative::Next, lang: Lang::En }),
    ("nine", Anchor::Count),
    ("one", Anchor::Count),
    ("several", Anchor::Count),
    ("seven", Anchor::Count),
    ("six", Anchor::Count),
    ("ten", Anchor::Count),
    ("the", Anchor::The),
    ("this", Anchor::Relative { relative: Relative::This, lang: Lang::En }),
    ("three", Anchor::Count),
    ("today", Anchor::DayWord { days: 0, lang: Lang::En, lowercase: false }),
    ("tomorrow", Anchor::DayWord { days: 1, lang: Lang::En, lowercase: false }),
    ("two", Anchor::Count),
    ("vergangene", Anchor::Relative { relative: Relative::Last, lang: Lang::De }),
    ("vergangenen", Anchor::Relative { relative: Relative::Last, lang: Lang::De }),
    ("vor", Anchor::Vor),
    ("vorgestern", Anchor::DayWord { days: -2, lang: Lang::De, lowercase: false }),
    ("weeks", Anchor::Units),
    ("years", Anchor::Units),
    ("yesterday", Anchor::DayWord { days: -1, lang: Lang::En, lowercase: false }),
    ("übermorgen", Anchor::DayWord { days: 2, lang: Lang::De, lowercase: false }),
];

fn entries() -> Vec<(String, Lex)> {
    {
        let mut entries: Vec<(String, Lex)> = Vec::new();
        let mut add_month = |word: &str, month: u8, abbreviated: bool, lang: Lang| {
            if let Some((_, Lex::Month { en, de, .. })) = entries.iter_mut().find(|(w, _)| w == word) {
                match lang {
                    Lang::En => *en = true,
                    Lang::De => *de = true,
                }
                return;
            }
            entries.push((
                word.to_owned(),
                Lex::Month { month, abbreviated, en: lang == Lang::En, de: lang == Lang::De },
            ));
        };
        for (index, word) in MONTHS_EN.iter().enumerate() {
            add_month(word, index as u8 + 1, false, Lang::En);
        }
        for (index, word) in MONTHS_DE.iter().enumerate() {
            add_month(word, index as u8 + 1, false, Lang::De);
        }
        add_month("maerz", 3, false, Lang::De);
        for (word, month) in MONTH_ABBREVIATIONS {
            add_month(word, month, true, Lang::En);
            add_month(word, month, true, Lang::De);
        }
        add_month("okt", 10, true, Lang::De);
        add_month("dez", 12, true, Lang::De);
        for (index, word) in WEEKDAYS_EN.iter().enumerate() {
            entries.push(((*word).to_owned(), Lex::Weekday { weekday: index as u8, lang: Lang::En }));
        }
        for (index, word) in WEEKDAYS_DE.iter().enumerate() {
            entries.push(((*word).to_owned(), Lex::Weekday { weekday: index as u8, lang: Lang::De }));
        }
        entries.push(("sonnabend".to_owned(), Lex::Weekday { weekday: 5, lang: Lang::De }));
        for (word, anchor) in ANCHORS {
            if !entries.iter().any(|(w, _)| w == word) {
                entries.push(((*word).to_owned(), Lex::Anchor(*anchor)));
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    }
}

/// Unit words (and "quarter"): not where an expression starts, but its core
/// in "last week", "in two days", "the first quarter".
const UNIT_WORDS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "tag", "tagen", "woche", "wochen",
    "monat", "monaten", "jahr", "jahren", "quarter",
];

/// Whether a word can be the core of a date expression: every expression
/// the scanner finds holds such a word, or a number, at most two tokens
/// after the token where it is found (see `detect::scan`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strength {
    No,
    /// A month or weekday name, which dates use only capitalised.
    Capitalized,
    Yes,
}

impl Strength {
    pub(crate) fn holds(self, capitalized: bool) -> bool {
        match self {
            Strength::No => false,
            Strength::Capitalized => capitalized,
            Strength::Yes => true,
        }
    }
}

/// What the scanner knows of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub lex: Option<Lex>,
    pub strong: Strength,
}

/// Every word the scanner knows: the lexicon's and the unit words.
fn words() -> Vec<(String, Entry)> {
    let mut words: Vec<(String, Entry)> = entries()
        .into_iter()
        .map(|(word, lex)| {
            let strong = match lex {
                Lex::Month { .. } | Lex::Weekday { .. } => Strength::Capitalized,
                Lex::Anchor(Anchor::DayWord { .. } | Anchor::Units | Anchor::Christmas) => Strength::Yes,
                Lex::Anchor(_) => Strength::No,
            };
            (word, Entry { lex: Some(lex), strong })
        })
        .collect();
    for word in UNIT_WORDS {
        match words.iter_mut().find(|(w, _)| w == word) {
            Some((_, entry)) => entry.strong = Strength::Yes,
            None => words.push(((*word).to_owned(), Entry { lex: None, strong: Strength::Yes })),
        }
    }
    words
}

const MAX_LEN: usize = 12;

/// A lower-case ASCII word of up to 16 bytes as two numbers (little-endian,
/// zero-padded): the first eight bytes and the next eight.
fn pack(lower: &[u8]) -> (u64, u64) {
    let mut buffer = [0_u8; 16];
    for (slot, byte) in buffer.iter_mut().zip(lower) {
        *slot = *byte;
    }
    let (low, high) = buffer.split_at(8);
    let number = |half: &[u8]| u64::from_le_bytes(half.try_into().unwrap_or([0; 8]));
    (number(low), number(high))
}

/// The words bucketed by first ASCII letter and length, so a lookup
/// compares a word with at most a handful of entries, each as two numbers.
struct Index {
    /// Per length, a bit per first letter that has entries: most words are
    /// ruled out by this alone.
    letters: [u32; MAX_LEN + 1],
    /// The same for the strong words alone.
    strong_letters: [u32; MAX_LEN + 1],
    /// For the strong words of two to seven letters: per length and first
    /// letter (its low five bits), a bit per second letter (its low five
    /// bits).
    strong_pairs: [[u32; 32]; 8],
    /// The packed word and what it is, sorted by bucket.
    entries: Vec<((u64, u64), Entry)>,
    /// `26 * (MAX_LEN + 1)` ranges into `entries`.
    buckets: Vec<(u16, u16)>,
    /// Words that are not ASCII ("märz"), searched by scan.
    non_ascii: Vec<(String, Entry)>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (mut ascii, non_ascii): (Vec<_>, Vec<_>) = words().into_iter().partition(|(w, _)| w.is_ascii());
        let key = |w: &str| usize::from(w.as_bytes()[0] - b'a') * (MAX_LEN + 1) + w.len();
        ascii.retain(|(w, _)| {
            !w.is_empty() && w.len() <= MAX_LEN && w.bytes().all(|b| b.is_ascii_lowercase())
        });
        ascii.sort_by_key(|(w, _)| key(w));
        let mut letters = [0_u32; MAX_LEN + 1];
        let mut strong_letters = [0_u32; MAX_LEN + 1];
        let mut strong_pairs = [[0_u32; 32]; 8];
        let mut buckets = vec![(0_u16, 0_u16); 26 * (MAX_LEN + 1)];
        for (word, entry) in &ascii {
            let word = word.as_bytes();
            letters[word.len()] |= 1 << (word[0] - b'a');
            if entry.strong != Strength::No {
                strong_letters[word.len()] |= 1 << (word[0] - b'a');
                if let (Some(row), Some(second)) = (strong_pairs.get_mut(word.len()), word.get(1)) {
                    row[usize::from(word[0] & 31)] |= 1 << (second & 31);
                }
            }
        }
        let mut start = 0;
        while start < ascii.len() {
            let k = key(&ascii[start].0);
            let mut end = start;
            while end < ascii.len() && key(&ascii[end].0) == k {
                end += 1;
            }
            buckets[k] = (start as u16, end as u16);
            start = end;
        }
        let entries = ascii.iter().map(|(w, entry)| (pack(w.as_bytes()), *entry)).collect();
        Index { letters, strong_letters, strong_pairs, entries, buckets, non_ascii }
    })
}

/// The entries of the bucket of a word of `len` letters whose packed lower
/// case starts with `low`, if `mask` lets it through.
#[inline]
fn bucket<'a>(
    index: &'a Index,
    mask: &[u32; MAX_LEN + 1],
    len: usize,
    low: u64,
) -> Option<&'a [((u64, u64), Entry)]> {
    let first = (low & 0xFF) as u8;
    if len > MAX_LEN || !first.is_ascii_lowercase() || mask[len] & (1 << (first - b'a')) == 0 {
        return None;
    }
    let (start, end) = index.buckets[usize::from(first - b'a') * (MAX_LEN + 1) + len];
    index.entries.get(usize::from(start)..usize::from(end))
}

/// Look up a word of `len` ASCII letters given packed in lower case (see
/// [`pack`]; `low` holds its first eight bytes, `high` the next eight): what
/// the scanner's words are, nearly always.
#[inline]
pub(crate) fn lookup_packed(len: usize, low: u64, high: u64) -> Option<Entry> {
    let index = index();
    let entries = bucket(index, &index.letters, len, low)?;
    entries.iter().find(|(w, _)| *w == (low, high)).map(|(_, entry)| *entry)
}

/// [`lookup_packed`] for the strong words alone: whether the word is one
/// (`capitalized`: its first letter is upper case).
#[inline]
pub(crate) fn strong_packed(len: usize, low: u64, high: u64, capitalized: bool) -> bool {
    let index = index();
    let Some(entries) = bucket(index, &index.strong_letters, len, low) else { return false };
    entries.iter().any(|(w, entry)| *w == (low, high) && entry.strong.holds(capitalized))
}

/// Whether a word of two to seven ASCII letters whose first two are
/// `first` and `second` may be a strong word: false for nearly every word
/// that is not, at the cost of one look in a table.
pub(crate) struct StrongPairs(&'static [[u32; 32]; 8]);

impl StrongPairs {
    pub(crate) fn get() -> StrongPairs {
        StrongPairs(&index().strong_pairs)
    }

    /// `len` below 8; `first` and `second` are letters (any case: only
    /// their low five bits count).
    #[inline]
    pub(crate) fn may_be(&self, len: usize, first: u8, second: u8) -> bool {
        let row = &self.0[len & 7];
        row[usize::from(first & 31)] & (1 << (second & 31)) != 0
    }
}

/// A word of at most sixteen ASCII letters (any case) packed in lower case
/// as [`pack`] does.
pub(crate) fn pack_ascii_letters(word: &[u8]) -> Option<(u64, u64)> {
    if word.len() > 16 {
        return None;
    }
    let mut lower = [0_u8; 16];
    for (slot, byte) in lower.iter_mut().zip(word) {
        *slot = byte | 0x20;
    }
    Some(pack(lower.get(..word.len()).unwrap_or_default()))
}

/// What the scanner knows of `word` (any case).
pub(crate) fn lookup_word(word: &str) -> Option<Entry> {
    if word.is_empty() || word.len() > MAX_LEN {
        return None;
    }
    if word.is_ascii() {
        if !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        // ASCII letters lower-case by setting one bit.
        let mut lower = [0_u8; MAX_LEN];
        for (slot, byte) in lower.iter_mut().zip(word.bytes()) {
            *slot = byte | 0x20;
        }
        let (low, high) = pack(lower.get(..word.len()).unwrap_or_default());
        return lookup_packed(word.len(), low, high);
    }
    let lower = word.to_lowercase();
    if let Some((_, entry)) = index().non_ascii.iter().find(|(w, _)| *w == lower) {
        return Some(*entry);
    }
    // Only the Kelvin sign lower-cases to an ASCII letter: "WEEK" written
    // with one is no lexicon word, but the scanner's unit word "week" (it
    // compares units in lower case), so it keeps its strength.
    if lower.is_ascii() && lower != word {
        return lookup_word(&lower).map(|entry| Entry { lex: None, strong: entry.strong });
    }
    None
}

/// Look a word up (any case).
pub fn lookup(word: &str) -> Option<Lex> {
    lookup_word(word).and_then(|entry| entry.lex)
}

/// English month name, spelled out: `September`.
pub fn month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(usize::from(month.saturating_sub(1))).copied().unwrap_or("")
}

/// The AP form of a month before a day: `Jan.`, `Sept.`, `March`.
pub fn ap_month(month: u8) -> &'static str {
    match month {
        1 => "Jan.",
        2 => "Feb.",
        8 => "Aug.",
        9 => "Sept.",
        10 => "Oct.",
        11 => "Nov.",
        12 => "Dec.",
        _ => month_name(month),
    }
}

/// English weekday name, 0 = Monday.
pub fn weekday_name(weekday: u8) -> &'static str {
    const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    NAMES.get(usize::from(weekday)).copied().unwrap_or("")
}

/// A small cardinal number word ("two days ago").
pub fn number_word(word: &str) -> Option<i64> {
    const WORDS: [&str; 12] =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an") {
        return Some(1);
    }
    WORDS.iter().position(|w| w.eq_ignore_ascii_case(word)).map(|index| index as i64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_months_weekdays_and_anchors_in_any_case() {
        assert_eq!(lookup("Sept"), Some(Lex::Month { month: 9, abbreviated: true, en: true, de: true }));
        assert_eq!(lookup("APRIL"), Some(Lex::Month { month: 4, abbreviated: false, en: true, de: true }));
        assert_eq!(lookup("März"), Some(Lex::Month { month: 3, abbreviated: false, en: false, de: true }));
        assert_eq!(lookup("Sonntag"), Some(Lex::Weekday { weekday: 6, lang: Lang::De }));
        assert_eq!(
            lookup("yesterday"),
            Some(Lex::Anchor(Anchor::DayWord { days: -1, lang: Lang::En, lowercase: false }))
        );
        assert_eq!(lookup("The"), Some(Lex::Anchor(Anchor::The)));
        assert_eq!(lookup("the1"), None);
        assert_eq!(lookup("troops"), None);
        assert_eq!(lookup(""), None);
    }
}
