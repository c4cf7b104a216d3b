//! The article's language, when the settings leave it at the default.
//!
//! A newsroom that writes in German should not have to configure copydesk
//! before its quotation marks, speech cues and dates are read the German
//! way. When `languages` is left at its default (`["en"]`) and the text is
//! clearly in another language, analysis runs with that language instead.
//! "Clearly" means many hits on the language's commonest function words,
//! and at least twice as many as on any other language's, counted over the
//! first few kilobytes: a short or mixed text keeps the setting.
//!
//! The counting is a plain stop-word vote: no model, no data files, a few
//! microseconds per analysis.

use crate::analysis::ascii::{ascii_letters, load8, lower_prefix};
use crate::analysis::settings::{floor_char_boundary, Settings};

/// How much of the text is read: enough for a vote, cheap on a book.
const SAMPLE_BYTES: usize = 4 * 1024;
/// The longest stop word, in bytes ("powiedział").
const LONGEST: usize = 11;
/// The fewest function-word hits a language needs to win.
const MIN_HITS: usize = 6;

/// Each language's commonest function words (lowercase), chosen to differ
/// between the languages listed.
const STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "was", "that", "with", "for", "said", "his", "they", "were",
            "have",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "sich", "dem", "den", "auch", "eine", "sagte",
            "wurde",
        ],
    ),
    ("fr", &["le", "les", "et", "est", "des", "une", "dans", "pour", "pas", "qui", "sur", "au", "aux", "du"]),
    ("es", &["el", "los", "las", "y", "del", "por", "una", "con", "para", "dijo", "es", "su", "como", "al"]),
    (
        "it",
        &[
            "il", "che", "di", "della", "per", "non", "sono", "gli", "ha", "nel", "alla", "anche", "dei",
            "detto",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "niet", "zijn", "met", "voor", "zei", "ook", "maar", "bij", "wordt", "naar",
            "heeft",
        ],
    ),
    (
        "pt",
        &["os", "não", "uma", "com", "para", "do", "da", "disse", "em", "mais", "foi", "pelo", "ao", "dos"],
    ),
    (
        "sv",
        &["och", "att", "det", "som", "är", "på", "för", "med", "inte", "har", "av", "till", "sade", "om"],
    ),
    (
        "pl",
        &[
            "się",
            "nie",
            "że",
            "jest",
            "na",
            "do",
            "powiedział",
            "oraz",
            "jak",
            "przez",
            "od",
            "tym",
            "ale",
            "po",
        ],
    ),
];

/// Every stop word once, sorted, with the languages it belongs to (a bit
/// per entry of `STOP_WORDS`).
fn table() -> &'static [(&'static str, u16)] {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, u16)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<(&'static str, u16)> = Vec::new();
        for (index, (_, words)) in STOP_WORDS.iter().enumerate() {
            table.extend(words.iter().map(|word| (*word, 1_u16 << index)));
        }
        table.sort_unstable();
        table.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
            }
            same
        });
        table
    })
}

/// The ASCII stop words of [`table`], each packed into a number
/// ([`pack`]), sorted: an ASCII word is looked up without comparing
/// strings.
fn packed_table() -> &'static [(u64, u16)] {
    static PACKED: std::sync::OnceLock<Vec<(u64, u16)>> = std::sync::OnceLock::new();
    PACKED.get_or_init(|| {
        let mut packed: Vec<(u64, u16)> = table()
            .iter()
            .filter_map(|&(word, languages)| Some((pack(word.as_bytes())?, languages)))
            .collect();
        packed.sort_unstable();
        packed
    })
}

/// [`packed_table`] in 256 buckets by a multiplicative hash of the packed
/// word, laid end to end: a word is looked up with one multiplication and
/// a compare or two (a general hash map costs several times that, and the
/// vote looks up hundreds of words per article).
struct PackedIndex {
    /// Where each bucket's entries start in `entries` (and end: the next
    /// bucket's start).
    starts: [u16; 257],
    entries: Vec<(u64, u16)>,
}

impl PackedIndex {
    fn bucket(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
    }

    /// The languages of the stop word packed as `key`.
    #[inline]
    fn get(&self, key: u64) -> Option<u16> {
        let bucket = Self::bucket(key);
        let (from, to) = (self.starts[bucket], self.starts[bucket + 1]);
        let entries = self.entries.get(usize::from(from)..usize::from(to))?;
        entries.iter().find(|(entry, _)| *entry == key).map(|&(_, languages)| languages)
    }
}

fn packed_index() -> &'static PackedIndex {
    static INDEX: std::sync::OnceLock<PackedIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut entries = packed_table().to_vec();
        entries.sort_by_key(|&(key, _)| (PackedIndex::bucket(key), key));
        let mut starts = [0_u16; 257];
        for &(key, _) in &entries {
            starts[PackedIndex::bucket(key) + 1] += 1;
        }
        for bucket in 0..256 {
            starts[bucket + 1] += starts[bucket];
        }
        PackedIndex { starts, entries }
    })
}

/// An ASCII word of up to 8 bytes, lower-cased, as a number (zero bytes
/// pad it: no letter is zero, so two words never share a number).
fn pack(word: &[u8]) -> Option<u64> {
    let mut bytes = [0_u8; 8];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    bytes.make_ascii_lowercase();
    Some(u64::from_le_bytes(bytes))
}

/// The language the text is clearly written in, if the vote is clear.
pub fn detect(text: &str) -> Option<&'static str> {
    let (table, packed) = (table(), packed_index());
    let sample = &text[..floor_char_boundary(text, SAMPLE_BYTES)];
    let bytes = sample.as_bytes();
    // The length of the character at `at` and whether it is alphabetic
    // (decoded only when it is not ASCII).
    let class = |at: usize| -> (usize, bool) {
        match bytes[at] {
            byte if byte.is_ascii() => (1, byte.is_ascii_alphabetic()),
            _ => sample[at..].chars().next().map_or((1, false), |c| (c.len_utf8(), c.is_alphabetic())),
        }
    };
    let mut hits = [0_usize; STOP_WORDS.len()];
    // Words are lowercased into a small buffer; longer words are no stop
    // words and are skipped unread.
    let mut buffer = [0_u8; LONGEST];
    let mut seen = 0_usize;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // A word is a run of alphabetic characters.
        let start = at;
        let mut ascii = true;
        if byte.is_ascii() {
            if !byte.is_ascii_alphabetic() {
                at += 1;
                continue;
            }
            // A run of ASCII letters (most of every word), eight bytes at
            // a time.
            let chunk = load8(bytes, at);
            let count = ascii_letters(chunk);
            at += count;
            if count == 8 {
                while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
                    at += 1;
                }
            }
            if bytes.get(at).is_none_or(u8::is_ascii) {
                // A plain ASCII word (nearly all): packed as it was loaded.
                let length = at - start;
                if length > LONGEST {
                    continue;
                }
                seen += 1;
                if seen.is_multiple_of(32) && is_decided(&hits) {
                    break;
                }
                // No ASCII stop word is longer than 8 bytes.
                if length > 8 {
                    continue;
                }
                if let Some(languages) = packed.get(lower_prefix(chunk, length)) {
                    count_hits(&mut hits, languages);
                }
                continue;
            }
        } else {
            let (length, alphabetic) = class(at);
            if !alphabetic {
                at += length;
                continue;
            }
        }
        while at < bytes.len() {
            let (length, alphabetic) = class(at);
            if !alphabetic {
                break;
            }
            ascii &= length == 1;
            at += length;
        }
        let word = &sample[start..at];
        if word.len() > LONGEST {
            continue;
        }
        // A vote that is already clear stops early (most texts: a few
        // hundred bytes).
        seen += 1;
        if seen.is_multiple_of(32) && is_decided(&hits) {
            break;
        }
        let languages = if ascii {
            // No ASCII stop word is longer than 8 bytes.
            let Some(key) = pack(word.as_bytes()) else { continue };
            match packed.get(key) {
                Some(languages) => languages,
                None => continue,
            }
        } else {
            let lower = if word.chars().any(char::is_uppercase) {
                // Rare: a capitalised non-ASCII word ("Że").
                let mut length = 0;
                for c in word.chars().flat_map(char::to_lowercase) {
                    let mut utf8 = [0_u8; 4];
                    let encoded = c.encode_utf8(&mut utf8).as_bytes();
                    let Some(slot) = buffer.get_mut(length..length + encoded.len()) else { break };
                    slot.copy_from_slice(encoded);
                    length += encoded.len();
                }
                std::str::from_utf8(&buffer[..length]).unwrap_or(word)
            } else {
                word
            };
            match table.binary_search_by(|(entry, _)| (*entry).cmp(lower)) {
                Ok(found) => table[found].1,
                Err(_) => continue,
            }
        };
        count_hits(&mut hits, languages);
    }
    let mut ranked: Vec<(usize, &'static str)> =
        hits.iter().zip(STOP_WORDS).map(|(&count, (code, _))| (count, *code)).collect();
    ranked.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    let (best, code) = ranked[0];
    let runner_up = ranked.get(1).map_or(0, |r| r.0);
    (best >= MIN_HITS && best >= 2 * runner_up).then_some(code)
}

/// One hit for each language in `languages` (a bit per entry of
/// `STOP_WORDS`).
#[inline]
fn count_hits(hits: &mut [usize; STOP_WORDS.len()], mut languages: u16) {
    while languages != 0 {
        if let Some(count) = hits.get_mut(languages.trailing_zeros() as usize) {
            *count += 1;
        }
        languages &= languages - 1;
    }
}

/// Whether one language leads so far that reading on cannot change the
/// outcome in practice.
fn is_decided(hits: &[usize]) -> bool {
    let Some((leader, &best)) = hits.iter().enumerate().max_by_key(|(_, &h)| h) else { return false };
    let others = hits.iter().enumerate().filter(|&(i, _)| i != leader).map(|(_, &h)| h).max().unwrap_or(0);
    best >= 4 * MIN_HITS && best >= 4 * others
}

/// The settings to analyse `text` with: `settings` with `languages` set to
/// the detected language, when `languages` is the default and the text is
/// clearly in another language; `None` to use `settings` as they are.
pub fn effective(text: &str, settings: &Settings) -> Option<Settings> {
    if settings.languages.len() != 1 || settings.languages[0] != "en" {
        return None;
    }
    let detected = detect(text)?;
    (detected != "en").then(|| Settings { languages: vec![detected.to_owned()], ..settings.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, detected language)
    const CASES: &[(&str, Option<&str>)] = &[
        (
            "The council met on Tuesday and said that the budget was final. The mayor said the plan \
             was fair to the residents of the city, and that they were ready for the vote. His staff \
             said the cuts were painful but that the city had to act.",
            Some("en"),
        ),
        (
            "Die Regierung hat am Montag neue Hilfen angekündigt. Der Kanzler sagte, die Menschen \
             würden nicht allein gelassen. Die Opposition reagierte skeptisch, und auch die Länder \
             forderten mehr Geld. Das Paket wurde von der Koalition in der Nacht beschlossen, sagte \
             eine Sprecherin.",
            Some("de"),
        ),
        (
            "Le gouvernement a annoncé lundi de nouvelles aides pour les ménages. Le ministre est \
             venu dans la ville pour présenter le plan, qui doit entrer en vigueur au printemps. Les \
             syndicats ne sont pas convaincus et demandent des mesures sur les salaires.",
            Some("fr"),
        ),
        ("Short text. Kurzer Text.", None),
        ("", None),
    ];

    #[test]
    fn a_clear_majority_of_function_words_names_the_language() {
        for (text, expected) in CASES {
            assert_eq!(detect(text), *expected, "{text}");
        }
    }

    #[test]
    fn every_stop_word_fits_the_lowercase_buffer() {
        for (_, words) in STOP_WORDS {
            for word in *words {
                assert!(word.len() <= LONGEST && *word == word.to_lowercase(), "{word}");
            }
        }
    }

    #[test]
    fn every_ascii_stop_word_packs_and_is_found_packed() {
        for (word, languages) in table() {
            if word.is_ascii() {
                let key = pack(word.as_bytes()).expect(word);
                let found =
                    packed_table().binary_search_by_key(&key, |&(key, _)| key).map(|i| packed_table()[i].1);
                assert_eq!(found, Ok(*languages), "{word}");
                assert_eq!(packed_index().get(key), Some(*languages), "{word}");
            }
        }
    }

    /// (word, whether it is an ASCII stop word of some language)
    #[test]
    fn the_bucketed_index_finds_stop_words_only() {
        let cases =
            [("the", true), ("und", true), ("y", true), ("detto", true), ("thee", false), ("a", false)];
        for (word, expected) in cases {
            let key = pack(word.as_bytes()).unwrap();
            assert_eq!(packed_index().get(key).is_some(), expected, "{word}");
        }
        assert_eq!(packed_index().entries.len(), packed_table().len());
    }

    #[test]
    fn capitalised_words_count_too() {
        let polish =
            "Że minister nie jest na miejscu, powiedział. Że nie do tego, jak przez to, od tym ale po \
                      się nie że jest na do jak.";
        assert_eq!(detect(polish), Some("pl"));
    }

    #[test]
    fn only_the_default_setting_gives_way() {
        let german = CASES[1].0;
        let chosen = effective(german, &Settings::default()).map(|s| s.languages);
        assert_eq!(chosen, Some(vec!["de".to_owned()]));
        let english = Settings { languages: vec!["en".to_owned(), "de".to_owned()], ..Settings::default() };
        assert_eq!(effective(german, &english), None, "a configured list is kept");
        assert_eq!(effective(CASES[0].0, &Settings::default()), None, "English needs no change");
    }
}
