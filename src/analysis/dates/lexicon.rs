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
const MONTHS_DE: [&str; 12] = [
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
pub const WEEKDAYS_EN: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const WEEKDAYS_DE: [&str; 7] = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"];

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

fn table() -> &'static [(String, Lex)] {
    static TABLE: OnceLock<Vec<(String, Lex)>> = OnceLock::new();
    TABLE.get_or_init(|| {
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
        }
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
    })
}

/// Look a word up (any case). Words longer than any entry are skipped early.
pub fn lookup(word: &str) -> Option<Lex> {
    if word.is_empty() || word.len() > 12 {
        return None;
    }
    let mut buffer = [0u8; 12];
    let lower: std::borrow::Cow<'_, str> = if word.is_ascii() {
        let bytes = &mut buffer[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        std::borrow::Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or(""))
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    };
    let table = table();
    table.binary_search_by(|(w, _)| w.as_str().cmp(&lower)).ok().map(|index| table[index].1)
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
        assert_eq!(lookup("Sept"), Some(Lex::Month { month: 9, abbreviated: true, en: true, de: false }));
        assert_eq!(lookup("APRIL"), Some(Lex::Month { month: 4, abbreviated: false, en: true, de: true }));
        assert_eq!(lookup("März"), Some(Lex::Month { month: 3, abbreviated: false, en: false, de: true }));
        assert_eq!(lookup("Sonntag"), Some(Lex::Weekday { weekday: 6, lang: Lang::De }));
        assert_eq!(lookup("yesterday"), Some(Lex::Anchor));
        assert_eq!(lookup("troops"), None);
        assert_eq!(lookup(""), None);
    }
}
