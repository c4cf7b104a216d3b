//! The words dates are made of: month and weekday names (English and German)
//! and the few anchor words a date expression can start with. Looked up with a
//! binary search over a sorted table, built once, so scanning a long text costs
//! one short comparison chain per word.

use std::sync::OnceLock;

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
    /// A word that can start a relative or event-anchored date expression.
    Anchor,
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
const ANCHORS: &[&str] = &[
    "a",
    "an",
    "anfang",
    "christmas",
    "days",
    "diese",
    "diesen",
    "early",
    "eight",
    "ende",
    "five",
    "four",
    "gestern",
    "heute",
    "in",
    "kommende",
    "kommenden",
    "last",
    "late",
    "letzte",
    "letzten",
    "mid",
    "mitte",
    "months",
    "morgen",
    "nächste",
    "nächsten",
    "new",
    "next",
    "nine",
    "one",
    "several",
    "seven",
    "six",
    "ten",
    "the",
    "this",
    "three",
    "today",
    "tomorrow",
    "two",
    "vergangene",
    "vergangenen",
    "vor",
    "vorgestern",
    "weeks",
    "years",
    "yesterday",
    "übermorgen",
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
        for word in ANCHORS {
            if !entries.iter().any(|(w, _)| w == word) {
                entries.push(((*word).to_owned(), Lex::Anchor));
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    }
}

const MAX_LEN: usize = 12;

/// The entries bucketed by first ASCII letter and length, so a lookup
/// compares a word with at most a handful of entries, in place.
struct Index {
    entries: Vec<(String, Lex)>,
    /// `26 * (MAX_LEN + 1)` ranges into `entries`.
    buckets: Vec<std::ops::Range<usize>>,
    /// Entries that are not ASCII ("märz"), searched by scan.
    non_ascii: Vec<(String, Lex)>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (mut ascii, non_ascii): (Vec<_>, Vec<_>) = entries().into_iter().partition(|(w, _)| w.is_ascii());
        let key = |w: &str| usize::from(w.as_bytes()[0] - b'a') * (MAX_LEN + 1) + w.len();
        ascii.retain(|(w, _)| !w.is_empty() && w.len() <= MAX_LEN && w.as_bytes()[0].is_ascii_lowercase());
        ascii.sort_by_key(|(w, _)| key(w));
        let mut buckets = vec![0..0; 26 * (MAX_LEN + 1)];
        let mut start = 0;
        while start < ascii.len() {
            let k = key(&ascii[start].0);
            let mut end = start;
            while end < ascii.len() && key(&ascii[end].0) == k {
                end += 1;
            }
            buckets[k] = start..end;
            start = end;
        }
        Index { entries: ascii, buckets, non_ascii }
    })
}

/// Look a word up (any case).
pub fn lookup(word: &str) -> Option<Lex> {
    if word.is_empty() || word.len() > MAX_LEN {
        return None;
    }
    let index = index();
    if word.is_ascii() {
        let first = word.as_bytes()[0].to_ascii_lowercase();
        if !first.is_ascii_lowercase() {
            return None;
        }
        let bucket = index.buckets.get(usize::from(first - b'a') * (MAX_LEN + 1) + word.len())?;
        return index.entries[bucket.clone()]
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(word))
            .map(|(_, lex)| *lex);
    }
    let lower = word.to_lowercase();
    index.non_ascii.iter().find(|(w, _)| *w == lower).map(|(_, lex)| *lex)
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
    let lower = word.to_ascii_lowercase();
    if lower == "a" || lower == "an" {
        return Some(1);
    }
    WORDS.iter().position(|w| *w == lower).map(|index| index as i64 + 1)
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
        assert_eq!(lookup("yesterday"), Some(Lex::Anchor));
        assert_eq!(lookup("troops"), None);
        assert_eq!(lookup(""), None);
    }
}
