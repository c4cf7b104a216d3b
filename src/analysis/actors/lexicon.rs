//! Word lists for recognising people: titles, honorifics, family-name-first
//! surnames, and capitalised words that are not names.

use crate::analysis::lower::Lower;

/// Head words of a title ("Minister" in "Defense Minister").
pub const ROLE_WORDS: &[&str] = &[
    "president",
    "minister",
    "premier",
    "secretary",
    "chancellor",
    "king",
    "queen",
    "senator",
    "governor",
    "mayor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "admiral",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "chief",
    "leader",
    "commander",
    "pope",
    "prince",
    "princess",
    "emperor",
    "ceo",
    "judge",
    "justice",
    "envoy",
    "commissioner",
    "representative",
    "speaker",
    "official",
    "adviser",
    "advisor",
    "head",
    "lawmaker",
    "diplomat",
    "counterpart",
    "secretary-general",
    "emir",
    "sultan",
    "monarch",
];

/// Local and legislative offices and jobs that introduce a person
/// ("Councilman Ray Diaz", "Harlow Bank analyst Mark Chen"); role words
/// too, and titles for attribution.
pub const OFFICE_WORDS: &[&str] = &[
    "councilman",
    "councilwoman",
    "councillor",
    "councilor",
    "alderman",
    "alderwoman",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "sheriff",
    "superintendent",
    "prosecutor",
    "analyst",
    "economist",
    "coach",
    "captain",
    "manager",
    "goaltender",
    "goalkeeper",
    "quarterback",
    "attorney",
    "lawyer",
    "professor",
    "researcher",
    "scientist",
    "detective",
    "founder",
    "owner",
    "strategist",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
];

/// Words that qualify a title ("Defense", "Foreign", "Deputy", "State").
pub const TITLE_MODIFIERS: &[&str] = &[
    "defense",
    "defence",
    "foreign",
    "finance",
    "interior",
    "deputy",
    "vice",
    "prime",
    "state",
    "affairs",
    "health",
    "economy",
    "economic",
    "trade",
    "former",
    "acting",
    "interim",
    "senior",
    "supreme",
    "first",
    "security",
    "national",
    "military",
    "justice",
    "energy",
    "education",
    "agriculture",
    "home",
    "chief",
    "general",
    "press",
    "presidential",
    "executive",
    "crown",
    "royal",
    "top",
    "then",
    "new",
    "policy",
    "majority",
    "minority",
    "opposition",
    "senate",
    "house",
    "parliamentary",
    "party",
    "assistant",
    "associate",
    "managing",
    "business",
];

/// Titles written before a name with a period.
pub const HONORIFICS: &[(&str, Option<super::Gender>)] = &[
    ("Mr", Some(super::Gender::Male)),
    ("Mrs", Some(super::Gender::Female)),
    ("Ms", Some(super::Gender::Female)),
    ("Miss", Some(super::Gender::Female)),
    ("Dr", None),
    ("Prof", None),
    ("Sen", None),
    ("Rep", None),
    ("Gov", None),
    ("Gen", None),
    ("Adm", None),
    ("Col", None),
    ("Lt", None),
    ("Sgt", None),
    ("Rev", None),
    ("Sir", Some(super::Gender::Male)),
    ("Dame", Some(super::Gender::Female)),
];

/// Common family names written first (Chinese; Korean Kim, Park, Moon).
pub const FAMILY_NAME_FIRST: &[&str] = &[
    "Xi", "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng",
    "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye",
    "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Qin", "Wen", "Kim", "Park", "Moon", "Yoon",
    "Choe",
];

/// Name particles that may sit inside a name ("bin", "van", "de").
pub const PARTICLES: &[&str] =
    &["bin", "al", "de", "da", "del", "van", "von", "der", "la", "le", "di", "dos", "du"];

/// Words after a capital city that show it stands for its government.
pub const GOVERNMENT_VERBS: &[&str] = &[
    "said",
    "says",
    "denied",
    "denies",
    "warned",
    "warns",
    "would",
    "will",
    "has",
    "had",
    "is",
    "was",
    "announced",
    "announces",
    "criticized",
    "criticised",
    "responded",
    "insists",
    "insisted",
    "sought",
    "seeks",
    "wants",
    "wanted",
    "accused",
    "accuses",
    "rejected",
    "rejects",
    "demanded",
    "demands",
    "condemned",
    "condemns",
    "threatened",
    "threatens",
    "claimed",
    "claims",
    "believes",
    "argued",
    "argues",
    "promised",
    "vowed",
    "imposed",
    "sanctioned",
    "refused",
    "agreed",
    "maintained",
    "stated",
    "answered",
];

/// Speech verbs that make a capitalised run a person.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "warned",
    "explained",
    "noted",
    "asked",
    "replied",
    "spoke",
    "wrote",
    "tweeted",
    "posted",
    "insisted",
    "argued",
    "claimed",
    "recalled",
    "declared",
    // Manner verbs a person does and an organisation does not ("Amnesty
    // International announced" is no person).
    "conceded",
    "whispered",
    "shouted",
    "yelled",
    "exclaimed",
    "joked",
    "lamented",
    "pleaded",
    "shrugged",
    "sighed",
    "laughed",
    "grinned",
    "smiled",
];

/// Suffix words of organisation names.
pub const ORG_WORDS: &[&str] = &[
    "Ministry",
    "Agency",
    "Council",
    "Party",
    "University",
    "Company",
    "Bank",
    "Department",
    "Committee",
    "Union",
    "Organization",
    "Organisation",
    "Court",
    "Army",
    "Force",
    "Forces",
    "News",
    "Times",
    "Post",
    "Group",
    "Inc",
    "Corp",
    "Ltd",
    "Institute",
    "Foundation",
    "Association",
    "Office",
    "Parliament",
    "Assembly",
    "Senate",
    "Congress",
    "Duma",
    "Commission",
    "Service",
    "Navy",
    "Guard",
    "Federation",
    "Fund",
    // Institutions: "London Stock Exchange", "Federal Reserve", "Tokyo
    // Metropolitan Police".
    "Exchange",
    "Reserve",
    "Board",
    "Authority",
    "Administration",
    "Police",
    "League",
    "Club",
    "Bureau",
    "Journal",
    "Herald",
    "Tribune",
    "Network",
    // Companies: "General Electric", "General Motors", "Duke Energy".
    "Electric",
    "Motors",
    "Motor",
    "Mills",
    "Dynamics",
    "Energy",
    "Airlines",
    "Airways",
    "Holdings",
    "Industries",
    "Technologies",
    "Pharmaceuticals",
    "Insurance",
    "Electronics",
    "Communications",
    "Foods",
    "Petroleum",
    "Bancorp",
    "LLC",
    "PLC",
    "GmbH",
];

/// Capitalised words that are not names: function words and common
/// sentence starters, days, months. A word seen in lower case elsewhere in
/// the article is also treated as a common word.
pub const NOT_NAMES: &[&str] = &[
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "Him",
    "Them",
    "Us",
    "Me",
    "Who",
    "What",
    "When",
    "Where",
    "Why",
    "How",
    "Which",
    "Whose",
    "If",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "With",
    "Without",
    "Of",
    "Off",
    "Over",
    "Under",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "Till",
    "While",
    "Although",
    "Though",
    "Because",
    "As",
    "And",
    "But",
    "Or",
    "Nor",
    "So",
    "Yet",
    "Both",
    "Either",
    "Neither",
    "Each",
    "Every",
    "All",
    "Any",
    "Some",
    "Many",
    "Much",
    "More",
    "Most",
    "Few",
    "Several",
    "Other",
    "Another",
    "Such",
    "No",
    "Not",
    "Yes",
    "Also",
    "Earlier",
    "Later",
    "Then",
    "Now",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Meanwhile",
    "However",
    "Moreover",
    "Furthermore",
    "Still",
    "Even",
    "Only",
    "Just",
    "Already",
    "Again",
    "Unlike",
    "Like",
    "Along",
    "Among",
    "Amid",
    "Against",
    "Despite",
    "About",
    "Above",
    "Below",
    "Across",
    "Around",
    "Behind",
    "Beyond",
    "Between",
    "Into",
    "Through",
    "Throughout",
    "Toward",
    "Towards",
    "Upon",
    "Within",
    "Instead",
    "Indeed",
    "Perhaps",
    "Maybe",
    "There",
    "Here",
    "Thus",
    "Hence",
    "Therefore",
    "Nevertheless",
    "Nonetheless",
    "Last",
    "Next",
    "First",
    "Second",
    "Third",
    "Finally",
    "Days",
    "Weeks",
    "Months",
    "Years",
    "Hours",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Ten",
    "Once",
    "Ever",
    "Never",
    "Always",
    "Often",
    "Sometimes",
    "Recently",
    "Currently",
    "According",
    "Asked",
    "Speaking",
    "Following",
    "Relationships",
    "Relations",
    "Officials",
    "Sources",
    "Analysts",
    "Experts",
    "Critics",
    "Residents",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
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
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sino",
    "Anglo",
    "Franco",
    "Euro",
    "Afro",
    "Indo",
    "Pan",
    "Well",
    "Oh",
    "Please",
    "Thank",
    "Thanks",
    "Let",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Been",
    "Have",
    "Has",
    "Had",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "Must",
    "May",
    "Might",
    "Shall",
    "Can't",
    "Don't",
    "New",
    "Old",
    "Good",
    "Great",
    "Big",
    "Small",
    "High",
    "Low",
    "Long",
    "Short",
    "Early",
    "Late",
    "Few",
    "Most",
    "Half",
    "Part",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "West",
    "East",
    "North",
    "South",
    "Internet",
    "God",
    "Breaking",
    "Update",
    "Updated",
    "Note",
    "Editor",
    "Photo",
    "Video",
    "Read",
];

/// Words that point to a US state rather than the country of Georgia.
pub const STATE_CUES: &[&str] = &[
    "state",
    "governor",
    "Gov",
    "county",
    "Atlanta",
    "Savannah",
    "Republican",
    "Democrat",
    "Democratic",
    "Ga",
];

/// What the word lists say of one word, as bits ([`word_flags`]).
pub mod flag {
    /// In [`NOT_NAMES`](super::NOT_NAMES) (exact case).
    pub const NOT_NAME: u16 = 1;
    /// In [`ROLE_WORDS`](super::ROLE_WORDS), in any case.
    pub const ROLE: u16 = 1 << 1;
    /// In [`TITLE_MODIFIERS`](super::TITLE_MODIFIERS), in any case.
    pub const MODIFIER: u16 = 1 << 2;
    /// In [`ORG_WORDS`](super::ORG_WORDS) (exact case).
    pub const ORG: u16 = 1 << 3;
    /// In [`PARTICLES`](super::PARTICLES) (exact case).
    pub const PARTICLE: u16 = 1 << 4;
    /// In [`HONORIFICS`](super::HONORIFICS) (exact case).
    pub const HONORIFIC: u16 = 1 << 5;
    /// In [`STATE_CUES`](super::STATE_CUES) (exact case).
    pub const STATE_CUE: u16 = 1 << 6;
}

/// Every listed word (exact case) with its bits; role words and modifiers
/// under their lower-case form. Every word of a text is looked up, so
/// words of plain ASCII up to 16 bytes (all but a few) go through a small
/// open-addressing table of words packed into two integers: no string
/// hashing, no byte comparison loop, lower-casing eight letters at a time.
pub struct Lists {
    /// Every listed word: the fallback for the words `packed` cannot hold.
    words: std::collections::HashMap<&'static str, u16, foldhash::fast::FixedState>,
    /// (packed word, bits), by [`slot`]; an empty slot holds a zero word.
    packed: Vec<([u64; 2], u16)>,
    /// The word of each slot of `packed`, as listed.
    packed_words: Vec<Option<&'static str>>,
    /// The [`sketch`] bits of every packed word, and of those with
    /// case-free bits: most words of a text ("the", "and") are turned away
    /// here, with no probe of the table.
    sketch_exact: [u64; SKETCH_WORDS],
    sketch_case_free: [u64; SKETCH_WORDS],
}

const SKETCH_WORDS: usize = 128;

/// A small fingerprint of a packed word (every byte of it, mixed), as a
/// bit number below `SKETCH_WORDS * 64`. The zero padding of [`pack`]
/// tells the length.
#[inline]
fn sketch(word: [u64; 2]) -> usize {
    ((word[0] ^ word[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 51) as usize
}

#[inline]
fn sketched(sketches: &[u64; SKETCH_WORDS], bit: usize) -> bool {
    sketches[bit / 64] & (1 << (bit % 64)) != 0
}

/// Slots of [`Lists::packed`] (a power of two, over twice the lists).
const PACKED_SLOTS: usize = 2048;

/// The word of `len` bytes at `start` in `bytes`, packed as [`pack`]
/// does; with two 8-byte loads when 16 bytes follow `start`.
pub fn pack_at(bytes: &[u8], start: usize, len: usize) -> Option<[u64; 2]> {
    if len == 0 || len > 16 {
        return None;
    }
    let (Some(low), Some(high)) = (bytes.get(start..start + 8), bytes.get(start + 8..start + 16)) else {
        return pack(bytes.get(start..start + len)?);
    };
    let load = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    let mask = |n: usize| if n >= 8 { u64::MAX } else { (1_u64 << (8 * n)) - 1 };
    Some([load(low) & mask(len), if len > 8 { load(high) & mask(len - 8) } else { 0 }])
}

/// A word of 1 to 16 bytes, zero-padded, as two little-endian integers.
pub fn pack(word: &[u8]) -> Option<[u64; 2]> {
    if word.is_empty() || word.len() > 16 {
        return None;
    }
    let mut packed = [0_u64; 2];
    for (i, &byte) in word.iter().enumerate() {
        packed[i / 8] |= u64::from(byte) << (8 * (i % 8));
    }
    Some(packed)
}

/// A [`pack`]ed word of plain ASCII with its capitals in lower case.
pub fn lower_packed_key(key: [u64; 2]) -> [u64; 2] {
    [lower_packed(key[0]), lower_packed(key[1])]
}

/// ASCII upper-case letters to lower case, eight bytes at a time (every
/// byte below 0x80).
fn lower_packed(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_a = x.wrapping_add(ONES * u64::from(0x80 - b'A'));
    let above_z = x.wrapping_add(ONES * u64::from(0x80 - b'Z' - 1));
    let upper = at_least_a & !above_z & (ONES * 0x80);
    x | (upper >> 2)
}

fn slot(word: [u64; 2]) -> usize {
    let mixed = (word[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ word[1]).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (mixed >> 40) as usize & (PACKED_SLOTS - 1)
}

impl Lists {
    /// [`word_flags_ascii`]: a lower-case word (most words of a text) is
    /// mostly turned away by the sketch, inline; one with a capital is
    /// looked up twice, out of line.
    #[inline(always)]
    pub fn flags_ascii(&self, key: [u64; 2], has_upper: bool) -> u16 {
        if has_upper {
            return self.flags_with_capitals(key);
        }
        if sketched(&self.sketch_exact, sketch(key)) {
            self.packed(key)
        } else {
            0
        }
    }

    #[inline(never)]
    fn flags_with_capitals(&self, key: [u64; 2]) -> u16 {
        let case_free = flag::ROLE | flag::MODIFIER;
        let exact = if sketched(&self.sketch_exact, sketch(key)) { self.packed(key) } else { 0 };
        let lowered = [lower_packed(key[0]), lower_packed(key[1])];
        let lowered_bits =
            if sketched(&self.sketch_case_free, sketch(lowered)) { self.packed(lowered) } else { 0 };
        (exact & !case_free) | (lowered_bits & case_free)
    }

    /// The listed word packed as `word`, as the lists hold it.
    fn packed_word(&self, word: [u64; 2]) -> Option<&'static str> {
        let mut at = slot(word);
        loop {
            let (key, _) = self.packed[at];
            if key == word {
                return self.packed_words[at];
            }
            if key[0] == 0 {
                return None;
            }
            at = (at + 1) & (PACKED_SLOTS - 1);
        }
    }

    #[inline]
    fn packed(&self, word: [u64; 2]) -> u16 {
        let mut at = slot(word);
        loop {
            let (key, bits) = self.packed[at];
            if key == word {
                return bits;
            }
            if key[0] == 0 {
                return 0;
            }
            at = (at + 1) & (PACKED_SLOTS - 1);
        }
    }
}

/// The plural of a job's name: "writers", "spokesmen", "secretaries",
/// "coaches".
fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("man") {
        return format!("{stem}men");
    }
    if let Some(stem) = word.strip_suffix('y').filter(|stem| !stem.ends_with(['a', 'e', 'o', 'u'])) {
        return format!("{stem}ies");
    }
    if ["s", "x", "ch", "sh"].iter().any(|end| word.ends_with(end)) {
        return format!("{word}es");
    }
    format!("{word}s")
}

static LISTS: std::sync::LazyLock<Lists> = std::sync::LazyLock::new(|| {
    let mut map: std::collections::HashMap<&'static str, u16, foldhash::fast::FixedState> =
        std::collections::HashMap::default();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u16, lower_only: bool| {
        for word in words {
            // A list entry with capitals never equals a lower-cased word.
            if lower_only && word.chars().any(char::is_uppercase) {
                continue;
            }
            *map.entry(word).or_default() |= bit;
        }
    };
    add(&mut NOT_NAMES.iter().copied(), flag::NOT_NAME, false);
    // A job's plural is no name either ("AP Business Writers Stan Choe and
    // Matt Ott"); made once, for the life of the process.
    let plurals: Vec<&'static str> = ROLE_WORDS
        .iter()
        .chain(OFFICE_WORDS)
        .filter(|word| !word.chars().any(char::is_uppercase) && !word.contains(' '))
        .map(|word| {
            // Title case: the list of words that are no names is read in
            // the case written.
            let plural = plural(word);
            let title: String =
                plural.chars().take(1).flat_map(char::to_uppercase).chain(plural.chars().skip(1)).collect();
            &*Box::leak(title.into_boxed_str())
        })
        .collect();
    add(&mut plurals.into_iter(), flag::NOT_NAME, false);
    add(&mut ROLE_WORDS.iter().chain(OFFICE_WORDS).copied(), flag::ROLE, true);
    add(&mut TITLE_MODIFIERS.iter().copied(), flag::MODIFIER, true);
    add(&mut ORG_WORDS.iter().copied(), flag::ORG, false);
    add(&mut PARTICLES.iter().copied(), flag::PARTICLE, false);
    add(&mut HONORIFICS.iter().map(|(word, _)| *word), flag::HONORIFIC, false);
    add(&mut STATE_CUES.iter().copied(), flag::STATE_CUE, false);
    let mut packed = vec![([0_u64; 2], 0_u16); PACKED_SLOTS];
    let mut packed_words = vec![None; PACKED_SLOTS];
    let mut sketch_exact = [0_u64; SKETCH_WORDS];
    let mut sketch_case_free = [0_u64; SKETCH_WORDS];
    for (word, &bits) in &map {
        let Some(key) = pack(word.as_bytes()) else { continue };
        let bit = sketch(key);
        sketch_exact[bit / 64] |= 1 << (bit % 64);
        if bits & (flag::ROLE | flag::MODIFIER) != 0 {
            sketch_case_free[bit / 64] |= 1 << (bit % 64);
        }
        let mut at = slot(key);
        while packed[at].0[0] != 0 {
            at = (at + 1) & (PACKED_SLOTS - 1);
        }
        packed[at] = (key, bits);
        packed_words[at] = Some(*word);
    }
    Lists { words: map, packed, packed_words, sketch_exact, sketch_case_free }
});

/// The listed word equal to `word` lower-cased, as the lists hold it: a
/// role word or a modifier read from the text without a copy.
pub fn listed_lowercase(word: &str) -> Option<&'static str> {
    let lists = &*LISTS;
    // A word of plain ASCII of up to 16 bytes: lower-cased eight letters
    // at a time and found in the packed table, no string hashed.
    if let Some(key) = word.is_ascii().then(|| pack(word.as_bytes())).flatten() {
        return lists.packed_word([lower_packed(key[0]), lower_packed(key[1])]);
    }
    lists.words.get_key_value(&*Lower::of(word)).map(|(key, _)| *key)
}

/// The [`flag`] bits of `word`: exact-case lists as written, role words and
/// modifiers by the lower-cased word. Allocates only for a non-ASCII word
/// with capitals.
pub fn word_flags(word: &str) -> u16 {
    let key = if word.is_ascii() { pack(word.as_bytes()) } else { None };
    word_flags_packed(word, key)
}

/// [`word_flags`] of a word already [`pack`]ed (`key`: `Some` only for a
/// word of plain ASCII).
pub fn word_flags_packed(word: &str, key: Option<[u64; 2]>) -> u16 {
    match key {
        Some(key) => {
            let has_upper = [lower_packed(key[0]), lower_packed(key[1])] != key;
            word_flags_ascii(key, has_upper)
        }
        None => flags_by_map(word),
    }
}

/// [`word_flags`] of a word of plain ASCII of up to 16 bytes, [`pack`]ed
/// (`key`), which has an upper-case letter when `has_upper`: one probe of
/// the packed table at most, none for most words.
#[inline]
pub fn word_flags_ascii(key: [u64; 2], has_upper: bool) -> u16 {
    word_lists().flags_ascii(key, has_upper)
}

/// The word lists, for a tokenizer that looks up every word of a text:
/// taken once, so each look-up skips the check that they are built.
pub fn word_lists() -> &'static Lists {
    &LISTS
}

/// [`word_flags`] through the hash map, for any word.
fn flags_by_map(word: &str) -> u16 {
    let case_free = flag::ROLE | flag::MODIFIER;
    let table = &LISTS.words;
    let exact = table.get(word).copied().unwrap_or(0);
    if !word.chars().any(char::is_uppercase) {
        return exact;
    }
    let exact = exact & !case_free;
    let lowered = table.get(&*Lower::of(word)).copied();
    exact | (lowered.unwrap_or(0) & case_free)
}

/// Whether `word` is in [`NOT_NAMES`] (exact case).
pub fn is_not_name(word: &str) -> bool {
    word_flags(word) & flag::NOT_NAME != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packed_table_answers_as_the_map_does() {
        let mut words: Vec<String> = Vec::new();
        for &word in LISTS.words.keys() {
            let title: String =
                word.chars().take(1).flat_map(char::to_uppercase).chain(word.chars().skip(1)).collect();
            words.extend([word.to_owned(), word.to_uppercase(), word.to_lowercase(), title]);
        }
        let others = [
            "the",
            "The",
            "Xinhua",
            "said",
            "SAID",
            "Kyiv",
            "a",
            "Z",
            "@",
            "`",
            "[",
            "{",
            "x9",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "ministerMinister",
            "Ministère",
            "ÉTAT",
            "Zelenskyy",
        ];
        words.extend(others.iter().map(|w| (*w).to_owned()));
        words.push("\0".to_owned());
        for word in &words {
            assert_eq!(word_flags(word), flags_by_map(word), "{word}");
            let by_map = LISTS.words.get_key_value(&*Lower::of(word)).map(|(key, _)| *key);
            assert_eq!(listed_lowercase(word), by_map, "{word}");
        }
        assert_eq!(word_flags("Minister") & flag::ROLE, flag::ROLE);
        assert_eq!(word_flags("DEFENSE") & flag::MODIFIER, flag::MODIFIER);
    }

    #[test]
    fn pack_at_reads_the_same_word_as_pack() {
        let text = b"Xi met Putin in Moscow; secretary-general abcdefghijklmnopq z";
        for start in 0..text.len() {
            for len in 0..=18 {
                let Some(word) = text.get(start..start + len) else { continue };
                assert_eq!(pack_at(text, start, len), pack(word), "{start} {len}");
            }
        }
    }

    #[test]
    fn lower_packed_changes_only_capital_letters() {
        for byte in 0_u8..0x80 {
            let word = [byte; 8];
            let lowered = lower_packed(u64::from_le_bytes(word)).to_le_bytes();
            assert_eq!(lowered, [byte.to_ascii_lowercase(); 8], "{byte}");
        }
    }
}
