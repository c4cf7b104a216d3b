//! A generator of realistic, never-repeating news copy for the benchmarks.
//!
//! Paragraphs are composed from grammar-like templates with a seeded RNG:
//! quotations with curly marks (some running over two paragraphs, some with
//! a quotation nested inside), attributions in every position ("said Putin",
//! "he said", "according to …"), people introduced with their title and full
//! name and later called by surname, countries, cities and organisations,
//! dates of every kind ("Sunday", "April 16, 2023", "March 20 to 22", "last
//! year"), apostrophes and section headings, and a few slips (straight
//! quotes, a dropped closing mark, an old spelling). Every paragraph is unique (a
//! set guards it), so nothing can be served from a cache keyed on text.
//!
//! Shared by `benches/analyze.rs` and `benches/lsp_latency.rs`; the same
//! seed and size give the same text on every machine.

#![allow(dead_code)]

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// The document sizes every benchmark runs at, with their labels.
pub const SIZES: &[(&str, usize)] =
    &[("3KB", 3_000), ("30KB", 30_000), ("300KB", 300_000), ("3MB", 3_000_000)];

/// Parse a size label such as `3k`, `30KB`, `3m` or `300000`.
pub fn parse_size(label: &str) -> Option<usize> {
    let lower = label.trim().to_ascii_lowercase();
    let lower = lower.trim_end_matches('b');
    let (digits, factor) = if let Some(d) = lower.strip_suffix('k') {
        (d, 1_000)
    } else if let Some(d) = lower.strip_suffix('m') {
        (d, 1_000_000)
    } else {
        (lower, 1)
    };
    digits.parse::<usize>().ok().map(|n| n * factor)
}

/// A readable label for a byte size (3KB, 300KB, 3MB).
pub fn size_label(bytes: usize) -> String {
    if bytes >= 1_000_000 && bytes.is_multiple_of(1_000_000) {
        format!("{}MB", bytes / 1_000_000)
    } else if bytes >= 1_000 && bytes.is_multiple_of(1_000) {
        format!("{}KB", bytes / 1_000)
    } else {
        format!("{bytes}B")
    }
}

struct Person {
    first: &'static str,
    last: &'static str,
    title: &'static str,
    pronoun: &'static str,
}

const FIRST: &[&str] = &[
    "Vladimir", "Li", "Sergei", "Antony", "Joe", "Olaf", "Emmanuel", "Maria", "Ana", "Kenji", "Amara",
    "Lucia", "Tomasz", "Ingrid", "Rahul", "Fatima", "Pedro", "Hanna", "Oleksii", "Mei", "Dmitri", "Giorgia",
    "Kwame", "Sofia", "Jonas", "Leila", "Marco", "Yuki", "Ines", "Viktor", "Chloe", "Tariq",
];
const LAST: &[&str] = &[
    "Petrov",
    "Shangfu",
    "Novak",
    "Lindqvist",
    "Okafor",
    "Moreau",
    "Haddad",
    "Tanaka",
    "Silva",
    "Kowalski",
    "Brennan",
    "Castillo",
    "Nakamura",
    "Mensah",
    "Rossi",
    "Fischer",
    "Ivanova",
    "Duarte",
    "Sorensen",
    "Abbasi",
    "Kuznetsov",
    "Herrera",
    "Wojcik",
    "Lambert",
    "Osei",
    "Varga",
    "Quinn",
    "Bianchi",
    "Takahashi",
    "Reyes",
    "Kovac",
    "Adeyemi",
];
const TITLES: &[&str] = &[
    "President",
    "Foreign Minister",
    "Defense Minister",
    "Prime Minister",
    "Secretary of State",
    "central bank governor",
    "Finance Minister",
    "opposition leader",
    "Energy Minister",
    "Ambassador",
    "spokeswoman",
    "spokesman",
    "senator",
    "mayor",
    "general",
    "chief negotiator",
];
const COUNTRIES: &[&str] = &[
    "Russia",
    "China",
    "Ukraine",
    "the United States",
    "Germany",
    "France",
    "Brazil",
    "India",
    "Japan",
    "Poland",
    "Turkey",
    "Kazakhstan",
    "South Africa",
    "Mexico",
    "Indonesia",
    "Italy",
    "Nigeria",
    "Egypt",
    "Vietnam",
    "Argentina",
    "Hungary",
    "Finland",
    "Georgia",
    "Serbia",
];
const DEMONYMS: &[&str] = &[
    "Russian",
    "Chinese",
    "Ukrainian",
    "American",
    "German",
    "French",
    "Brazilian",
    "Indian",
    "Japanese",
    "Polish",
    "Turkish",
    "Kazakh",
    "South African",
    "Mexican",
    "Indonesian",
    "Italian",
    "Nigerian",
    "Egyptian",
    "Vietnamese",
    "Argentine",
    "Hungarian",
    "Finnish",
    "Georgian",
    "Serbian",
];
const CITIES: &[&str] = &[
    "Moscow",
    "Beijing",
    "Kyiv",
    "Washington",
    "Berlin",
    "Paris",
    "Brasília",
    "New Delhi",
    "Tokyo",
    "Warsaw",
    "Ankara",
    "Astana",
    "Pretoria",
    "Mexico City",
    "Jakarta",
    "Rome",
    "Abuja",
    "Cairo",
    "Hanoi",
    "Buenos Aires",
    "Budapest",
    "Helsinki",
    "Tbilisi",
    "Belgrade",
    "Geneva",
    "Vienna",
];
const ORGS: &[&str] = &[
    "the United Nations",
    "NATO",
    "the European Union",
    "the International Monetary Fund",
    "the World Bank",
    "the Kremlin",
    "the Pentagon",
    "the Red Cross",
    "the African Union",
    "the World Health Organization",
    "Gazprom",
    "the Shanghai Cooperation Organisation",
    "OPEC",
    "the International Atomic Energy Agency",
    "Amnesty International",
    "the G20",
];
const AGENCIES: &[&str] = &[
    "the state news agency Tass",
    "Xinhua",
    "Reuters",
    "the Associated Press",
    "Agence France-Presse",
    "the BBC",
    "state television",
    "Interfax",
    "Kyodo",
    "the daily Kommersant",
    "Bloomberg",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] = &[
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
const SAY_AFTER: &[&str] = &["said", "told reporters", "stated", "added", "warned", "insisted", "wrote"];
const SAY_BEFORE: &[&str] = &["said", "stated", "added", "argued", "warned", "noted", "insisted"];
const TOPICS: &[&str] = &[
    "grain exports",
    "gas prices",
    "the ceasefire talks",
    "military exercises",
    "trade tariffs",
    "the peace proposal",
    "sanctions",
    "arms deliveries",
    "the refugee corridor",
    "nuclear safety",
    "the debt deal",
    "border controls",
    "the pipeline project",
    "cyber attacks",
    "food security",
    "the election timetable",
    "prisoner exchanges",
    "the climate accord",
    "port access",
];
const SUBJECTS: &[&str] = &[
    "our cooperation",
    "the partnership between our countries",
    "this agreement",
    "the region",
    "our economy",
    "the negotiations",
    "the situation on the ground",
    "our people",
    "the alliance",
    "the market",
    "security in Europe",
    "the dialogue",
    "trust between the parties",
    "the process",
];
const PREDICATES: &[&str] = &[
    "is developing in all areas",
    "will not be decided by force",
    "cannot wait another year",
    "depends on what happens in the coming weeks",
    "has never been stronger",
    "is at a turning point",
    "needs guarantees that hold",
    "must be rebuilt step by step",
    "was discussed in detail",
    "remains our first priority",
    "is being tested as never before",
    "will require patience",
    "was not on the table",
    "has made real progress",
    "is under pressure from all sides",
];
const ADVERBIALS: &[&str] = &[
    "in the economy, in culture and in education",
    "despite the sanctions",
    "for the next decade",
    "without any preconditions",
    "at every level",
    "in the interest of both peoples",
    "whatever others may say",
    "as we agreed in the spring",
    "in the south of the country",
    "before the winter",
    "with full transparency",
    "in the long run",
    "on both sides of the border",
];
const VERBS_PAST: &[&str] = &[
    "criticised",
    "welcomed",
    "rejected",
    "discussed",
    "postponed",
    "announced",
    "questioned",
    "defended",
    "signed",
    "praised",
    "condemned",
    "reviewed",
    "suspended",
    "extended",
];
const NOUNS: &[&str] = &[
    "the sending of weapons",
    "the new sanctions package",
    "the joint statement",
    "the loan",
    "the humanitarian aid",
    "the naval drills",
    "the export quota",
    "the investment fund",
    "the inspection regime",
    "the visa rules",
    "the energy deal",
    "the proposal for talks",
];
const RELATIVE_DATES: &[&str] = &[
    "last year",
    "last week",
    "earlier this month",
    "next year",
    "last month",
    "this week",
    "two days later",
    "the day before",
    "next month",
    "last spring",
    "earlier this year",
];
const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";

/// Composes one article's worth of unique paragraphs.
pub struct Generator {
    rng: StdRng,
    people: Vec<Person>,
    /// Indices of people already introduced with title and full name.
    introduced: Vec<usize>,
    seen: HashSet<String>,
    year: i32,
    month: usize,
    day: u32,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut people = Vec::new();
        for (i, first) in FIRST.iter().enumerate() {
            for (j, last) in LAST.iter().enumerate() {
                if (i * 7 + j * 3) % 5 == 0 {
                    let title = TITLES[(i + j) % TITLES.len()];
                    let pronoun = if (i + j) % 2 == 0 { "he" } else { "she" };
                    people.push(Person { first, last, title, pronoun });
                }
            }
        }
        people.shuffle(&mut rng);
        Generator { rng, people, introduced: Vec::new(), seen: HashSet::new(), year: 2023, month: 3, day: 16 }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.gen_range(0..items.len())]
    }

    fn date(&mut self) -> String {
        let month = MONTHS[self.month];
        format!("{month} {}, {}", self.day, self.year)
    }

    fn advance_date(&mut self) {
        self.day += self.rng.gen_range(1..4);
        if self.day > 28 {
            self.day -= 27;
            self.month += 1;
            if self.month == 12 {
                self.month = 0;
                self.year += 1;
            }
        }
    }

    /// Any date expression: a weekday, a full date, a range, a relative one.
    fn date_phrase(&mut self) -> String {
        let weekday = self.pick(WEEKDAYS);
        let month = MONTHS[self.month];
        match self.rng.gen_range(0..8) {
            0 => format!("on {weekday}"),
            1 => format!("on {weekday} ({month} {})", self.day),
            2 => format!("on {}", self.date()),
            3 => {
                let from = self.rng.gen_range(1..20);
                format!("from {month} {from} to {}", from + self.rng.gen_range(1..6))
            }
            4 => self.pick(RELATIVE_DATES).to_owned(),
            5 => format!("in {month}"),
            6 => format!("since {} {} last year", self.pick(MONTHS), self.rng.gen_range(1..29)),
            _ => format!("on {weekday}, {month} {}", self.day),
        }
    }

    /// A person's reference: title and full name the first time, surname after.
    fn person(&mut self) -> (String, String, &'static str) {
        let reuse = !self.introduced.is_empty() && self.rng.gen_bool(0.6);
        let index = if reuse {
            self.introduced[self.rng.gen_range(0..self.introduced.len())]
        } else {
            let index = self.rng.gen_range(0..self.people.len());
            if !self.introduced.contains(&index) {
                self.introduced.push(index);
            }
            // Keep the cast of an article small, as in real copy.
            if self.introduced.len() > 12 {
                self.introduced.remove(0);
            }
            index
        };
        let person = &self.people[index];
        let country = self.rng.gen_range(0..DEMONYMS.len());
        let full = if reuse {
            person.last.to_owned()
        } else if self.rng.gen_bool(0.5) {
            format!("{} {} {} {}", DEMONYMS[country], person.title, person.first, person.last)
        } else {
            format!("the {} of {}, {} {},", person.title, COUNTRIES[country], person.first, person.last)
        };
        (full, person.last.to_owned(), person.pronoun)
    }

    /// A clause a speaker might say, with a unique number in it now and then.
    fn statement(&mut self) -> String {
        let subject = self.pick(SUBJECTS);
        let predicate = self.pick(PREDICATES);
        let adverbial = self.pick(ADVERBIALS);
        match self.rng.gen_range(0..5) {
            0 => format!("{} {subject} {predicate} {adverbial}", capitalise("we believe that")),
            1 => format!(
                "{} {predicate}, and we {} accept anything less",
                capitalise(subject),
                self.pick(&["will not", "cannot", "do not"])
            ),
            2 => {
                let n = self.rng.gen_range(2..950);
                format!(
                    "{} {predicate}: {n} {} have already been agreed",
                    capitalise(subject),
                    self.pick(&["projects", "contracts", "shipments", "tonnes", "billion dollars"])
                )
            }
            3 => format!(
                "I can’t promise that {subject} {predicate}, but we’re {} {adverbial}",
                self.pick(&["trying", "working on it", "not giving up"])
            ),
            _ => {
                let opener = self.pick(&[
                    "It’s clear that",
                    "Nobody denies that",
                    "Everyone sees that",
                    "There’s no doubt that",
                    "We know that",
                    "Our partners don’t doubt that",
                ]);
                format!("{opener} {subject} {predicate} {adverbial}")
            }
        }
    }

    fn narrative(&mut self) -> String {
        let country = self.pick(COUNTRIES);
        let org = self.pick(ORGS);
        let city = self.pick(CITIES);
        let topic = self.pick(TOPICS);
        let date = self.date_phrase();
        let n = self.rng.gen_range(3..500);
        match self.rng.gen_range(0..6) {
            0 => format!("{} {} {} {date}, a move {org} called premature.", capitalise(country), self.pick(VERBS_PAST), self.pick(NOUNS)),
            1 => format!("Talks on {topic} resumed in {city} {date}, with delegations from {n} countries."),
            2 => format!("{} {} {} in {city}, where {country}’s envoy met officials {date}.", capitalise(org), self.pick(VERBS_PAST), self.pick(NOUNS)),
            3 => format!("Since {} {}, {country} has shipped {n} cargoes, according to figures from {org}.", self.pick(MONTHS), self.rng.gen_range(1..29)),
            4 => format!("The {n}-page report on {topic}, published {date}, {} {country}’s position.", self.pick(&["hardened", "softened", "clarified", "complicated"])),
            _ => format!("Officials in {city} said {topic} would dominate the agenda {}, but they {} say for how long.", self.date_phrase(), self.pick(&["didn’t", "wouldn’t", "couldn’t"])),
        }
    }

    /// One paragraph of a kind drawn by weight.
    fn paragraph(&mut self) -> String {
        let roll = self.rng.gen_range(0..100);
        let (full, last, pronoun) = self.person();
        // A person named for the first time gets title and full name even
        // where a known one would be called by surname.
        let last = if full.contains(' ') { full.clone() } else { last };
        let date = self.date_phrase();
        let city = self.pick(CITIES);
        let agency = self.pick(AGENCIES);
        let quote = self.statement();
        let narrative = self.narrative();
        let text = match roll {
            // Lead-like: who met whom, when and where.
            0..=11 => {
                let mut other = self.person().0;
                for _ in 0..3 {
                    if other != full {
                        break;
                    }
                    other = self.person().0;
                }
                format!(
                    "{} met {date} with {} in {city}. Both highlighted {}. {narrative}",
                    capitalise(&full),
                    other.trim_end_matches(','),
                    self.pick(TOPICS)
                )
            }
            // Quotation first, attribution after: “…”, said Putin.
            12..=27 => {
                format!("“{quote}”, {} {last}, as reported by {agency}. {narrative}", self.pick(SAY_AFTER))
            }
            // Quotation, then "he said."
            28..=37 => format!("{} “{quote},” {pronoun} said {date}.", capitalise(&narrative)),
            // Attribution first: X said that “…”.
            38..=49 => format!(
                "{} {} {date} that “{}”. {narrative}",
                capitalise(&full).trim_end_matches(','),
                self.pick(SAY_BEFORE),
                lower_first(&quote)
            ),
            // A nested quotation.
            50..=57 => {
                let inner = self.pick(&[
                    "a red line",
                    "business as usual",
                    "an act of aggression",
                    "a historic step",
                    "our friend",
                    "no alternative",
                ]);
                format!("“{quote}. Some call it ‘{inner}’, and they are wrong,” {last} told {agency} {date}.")
            }
            // According to …
            58..=69 => {
                format!("According to {}, {} {narrative}", self.pick(ORGS), lower_first(&self.narrative()))
            }
            // A quotation running over two paragraphs: the first has no closing mark.
            70..=75 => {
                let second = self.statement();
                format!(
                    "“{quote}. {}.\n\n“{second},” {last} said, adding that the talks {} continue {date}.",
                    self.statement(),
                    self.pick(&["would", "could", "might"])
                )
            }
            // Plain narrative with apostrophes and dates.
            76..=91 => format!("{narrative} {}", self.narrative()),
            // A partial quotation inside a sentence.
            _ => format!(
                "{} said {city} “{}” if {} {}. {narrative}",
                capitalise(&full).trim_end_matches(','),
                self.pick(&["would answer", "will not stand by", "is ready to talk", "has other options"]),
                self.pick(NOUNS),
                self.pick(&["went ahead", "was blocked", "fell through", "stalled again"])
            ),
        };
        self.advance_date();
        text
    }

    /// Now and then, a slip a copy editor should catch: straight quotes
    /// (2%), a dropped closing mark (1%), an old spelling of a capital (1%).
    fn defect(&mut self, paragraph: String) -> String {
        match self.rng.gen_range(0..100) {
            0 | 1 => paragraph.replace(['“', '”'], "\""),
            2 => match paragraph.rfind('”') {
                Some(at) => format!("{}{}", &paragraph[..at], &paragraph[at + '”'.len_utf8()..]),
                None => paragraph,
            },
            3 => paragraph.replacen("Kyiv", "Kiev", 1).replacen("Brasília", "Brasilia", 1),
            _ => paragraph,
        }
    }

    /// An article of at least `size` bytes: a headline, a dateline and
    /// unique paragraphs, with a section heading every dozen paragraphs.
    pub fn article(&mut self, size: usize) -> String {
        let mut text = String::with_capacity(size + 4_096);
        let headline = format!(
            "{} {} says relations with {} “are developing in all areas”\n\n",
            self.pick(DEMONYMS),
            self.pick(TITLES),
            self.pick(COUNTRIES)
        );
        text.push_str(&headline);
        text.push_str(&format!("{}, {} —\n\n", self.pick(CITIES).to_uppercase(), self.date()));
        let mut count = 0;
        while text.len() < size {
            count += 1;
            if count % 12 == 0 {
                let heading = format!(
                    "WHAT {} SAYS ABOUT {}",
                    self.pick(COUNTRIES).to_uppercase(),
                    self.pick(TOPICS).to_uppercase()
                );
                if self.seen.insert(heading.clone()) {
                    text.push_str(&heading);
                    text.push_str("\n\n");
                }
            }
            let paragraph = self.paragraph();
            let paragraph = self.defect(paragraph);
            if !self.seen.insert(paragraph.clone()) {
                continue;
            }
            text.push_str(&paragraph);
            text.push_str("\n\n");
        }
        text
    }
}

/// A generated article of at least `size` bytes, the same for the same seed.
pub fn article(size: usize, seed: u64) -> String {
    Generator::new(seed).article(size)
}

/// Byte offsets where a journalist would type: just after a space in the
/// middle of a body paragraph (not a heading), away from its ends.
pub fn typing_spots(text: &str, count: usize, seed: u64) -> Vec<usize> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let paragraphs: Vec<(usize, &str)> = text
        .split("\n\n")
        .scan(0usize, |offset, block| {
            let start = *offset;
            *offset += block.len() + 2;
            Some((start, block))
        })
        .filter(|(_, block)| block.len() > 80 && block.chars().any(|c| c.is_lowercase()))
        .collect();
    let mut spots = Vec::with_capacity(count);
    while spots.len() < count && !paragraphs.is_empty() {
        let (start, block) = paragraphs[rng.gen_range(0..paragraphs.len())];
        let from = block.len() / 5;
        let to = block.len() * 4 / 5;
        let spaces: Vec<usize> = block
            .char_indices()
            .filter(|&(i, c)| c == ' ' && i >= from && i <= to)
            .map(|(i, _)| i + 1)
            .collect();
        if let Some(&spot) = spaces.get(rng.gen_range(0..spaces.len().max(1))) {
            spots.push(start + spot);
        }
    }
    spots
}

/// `n` keystrokes as (byte offset in the text at that moment, character):
/// words of 3–8 letters and a space typed at realistic spots, each word at
/// a new spot, shifted by what was typed before it.
pub fn keystrokes(text: &str, n: usize, seed: u64) -> Vec<(usize, char)> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0xabc);
    let spots = typing_spots(text, n / 3 + 1, seed);
    let mut strokes = Vec::with_capacity(n);
    let mut inserted: Vec<(usize, usize)> = Vec::new(); // (original spot, bytes typed there)
    for spot in spots {
        let len = rng.gen_range(3..9);
        let shift: usize = inserted.iter().filter(|(at, _)| *at <= spot).map(|(_, bytes)| bytes).sum();
        for (i, at) in (0..=len).zip(spot + shift..) {
            if strokes.len() == n {
                return strokes;
            }
            let c = if i == len { ' ' } else { LETTERS[rng.gen_range(0..LETTERS.len())] as char };
            strokes.push((at, c));
        }
        inserted.push((spot, len + 1));
    }
    strokes
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(text: &str) -> String {
    // Keep "I" and proper names as they are; lower only common openers.
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if text.starts_with("I ") => first.to_string() + chars.as_str(),
        Some(first)
            if text.split(' ').next().is_some_and(|w| {
                [
                    "We",
                    "Our",
                    "The",
                    "This",
                    "It’s",
                    "Everyone",
                    "Nobody",
                    "There’s",
                    "Security",
                    "Trust",
                    "Talks",
                    "Officials",
                    "Since",
                ]
                .contains(&w)
            }) =>
        {
            first.to_lowercase().chain(chars).collect()
        }
        Some(_) => text.to_owned(),
        None => String::new(),
    }
}
