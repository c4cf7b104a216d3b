//! The people a speaker mention can resolve to: the article's person actors
//! when the actor model knows them, otherwise full names found in the text
//! ("Vladimir Putin") and their later short forms ("Putin").

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analysis::actors::lexicon::OFFICE_WORDS;
use crate::analysis::actors::{ActorKind, Actors};
use crate::analysis::quotes::Quotes;
use crate::analysis::span::Span;

use super::scan::Kind;
use super::{is_capitalized, Document, STOPWORDS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    pub actor: Option<usize>,
    pub is_person: bool,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
    pub gender: Option<Gender>,
}

pub struct People {
    pub people: Vec<Person>,
    /// (mention, person index), sorted by position.
    flat: Vec<(Span, usize)>,
    /// Lowercase words of person names, to tell a person's name from other
    /// capitalised words.
    words: HashSet<String>,
    /// Top-level quotation spans sorted by start, with the greatest end of
    /// each prefix: whether a mention lies inside a quotation is one binary
    /// search.
    quoted: Vec<(usize, usize)>,
    /// The greatest mention end of each prefix of `flat`, so the mentions
    /// overlapping a span are one binary search away.
    flat_max_end: Vec<usize>,
    /// The words before each person mention, indexed for `by_role`; built
    /// on the first title-only mention.
    roles: OnceCell<RoleIndex>,
    /// `by_role` answers by the title's words (the answer depends on
    /// nothing else).
    role_answers: RefCell<HashMap<Vec<String>, Option<usize>>>,
    /// Genders learned from pronouns already resolved ("he said" with one
    /// person in reach makes that person a "he"), by person index.
    learned: RefCell<HashMap<usize, Gender>>,
}

/// The lowercase words of the 60 bytes before every mention of a person
/// (its "window"), with an inverted index from each distinct word to the
/// windows holding it.
#[derive(Default)]
struct RoleIndex {
    /// Distinct window words with their ids…
    vocabulary: HashMap<String, u32>,
    /// …and sorted, for prefix lookups.
    sorted: Vec<(String, u32)>,
    /// Per window: the person and the range of its word ids in `ids`.
    windows: Vec<(usize, std::ops::Range<usize>)>,
    ids: Vec<u32>,
    /// Per word id: the windows holding it, ascending.
    postings: Vec<Vec<u32>>,
}

impl RoleIndex {
    fn build(text: &str, people: &[Person]) -> RoleIndex {
        let mut index = RoleIndex::default();
        let mut lower = String::new();
        for (person_index, person) in people.iter().enumerate().filter(|(_, p)| p.is_person) {
            for m in &person.mentions {
                let from = crate::analysis::settings::floor_char_boundary(text, m.start.saturating_sub(60));
                let window = index.windows.len() as u32;
                let first = index.ids.len();
                for word in text.get(from..m.start).unwrap_or("").split(|c: char| !c.is_alphanumeric()) {
                    if word.is_empty() {
                        continue;
                    }
                    lower.clear();
                    if word.is_ascii() {
                        lower.extend(word.chars().map(|c| c.to_ascii_lowercase()));
                    } else {
                        lower.push_str(&word.to_lowercase());
                    }
                    let id = match index.vocabulary.get(lower.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = index.postings.len() as u32;
                            index.vocabulary.insert(lower.clone(), id);
                            index.postings.push(Vec::new());
                            id
                        }
                    };
                    let posting = &mut index.postings[id as usize];
                    if posting.last() != Some(&window) {
                        posting.push(window);
                    }
                    index.ids.push(id);
                }
                index.windows.push((person_index, first..index.ids.len()));
            }
        }
        index.sorted = index.vocabulary.iter().map(|(word, &id)| (word.clone(), id)).collect();
        index.sorted.sort_unstable();
        index
    }

    /// Ids of the window words `similar` to `word`, ascending.
    fn similar_ids(&self, word: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = self.vocabulary.get(word).into_iter().copied().collect();
        if word.len() >= 5 {
            // Longer words starting with `word`…
            let from = self.sorted.partition_point(|(key, _)| key.as_str() <= word);
            ids.extend(
                self.sorted[from..].iter().take_while(|(key, _)| key.starts_with(word)).map(|(_, id)| *id),
            );
            // …and shorter words (of 5 bytes or more) it starts with.
            for (end, _) in word.char_indices().filter(|&(end, _)| end >= 5) {
                if let Some(&id) = self.vocabulary.get(&word[..end]) {
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
            .flat_map(|&id| self.postings[id as usize].iter().copied())
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
fn is_title(lower: &str) -> bool {
    TITLES.contains(&lower) || OFFICE_WORDS.contains(&lower)
}

impl People {
    pub fn build(text: &str, actors: &Actors, document: &Document, quotes: &Quotes) -> People {
        let mut people: Vec<Person> = actors
            .actors
            .iter()
            .enumerate()
            .filter(|(_, actor)| !actor.mentions.is_empty())
            .map(|(index, actor)| Person {
                name: actor.name.clone(),
                actor: Some(index),
                is_person: actor.kind == ActorKind::Person,
                mentions: actor.mentions.clone(),
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
            person.mentions.retain(|m| m.end <= text.len() && m.start < m.end);
            person.mentions.sort();
            if person.gender.is_none() {
                person.gender = person.mentions.iter().find_map(|m| title_gender(text, m.start));
            }
        }
        let mut flat: Vec<(Span, usize)> =
            people.iter().enumerate().flat_map(|(i, p)| p.mentions.iter().map(move |m| (*m, i))).collect();
        flat.sort();
        let words = people
            .iter()
            .filter(|p| p.is_person)
            .flat_map(|p| p.name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>())
            .collect();
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
        People {
            people,
            flat,
            words,
            quoted,
            flat_max_end,
            roles: OnceCell::new(),
            role_answers: RefCell::new(HashMap::new()),
            learned: RefCell::new(HashMap::new()),
        }
    }

    /// Whether `span` lies inside a top-level quotation.
    fn is_quoted(&self, span: Span) -> bool {
        let before = self.quoted.partition_point(|&(start, _)| start <= span.start);
        before > 0 && self.quoted[before - 1].1 >= span.end
    }

    /// Whether a capitalised word is part of a known person's name.
    pub fn is_person_word(&self, word: &str) -> bool {
        self.words.is_empty() || self.words.contains(&word.to_lowercase())
    }

    /// Whether `word` is part of the name of a person the article names
    /// (false when it names no one).
    pub fn is_known_person_word(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }

    /// The person (preferred) or other actor whose mention overlaps `span`.
    pub fn overlapping(&self, span: Span) -> Option<&Person> {
        let first = self.flat_max_end.partition_point(|&end| end <= span.start);
        let last = self.flat.partition_point(|(m, _)| m.start < span.end).max(first);
        self.flat[first..last]
            .iter()
            .filter(|(m, _)| m.overlaps(span))
            .max_by_key(|(m, i)| {
                let overlap = m.end.min(span.end) - m.start.max(span.start);
                (self.people[*i].is_person, overlap, m.start)
            })
            .map(|(_, i)| &self.people[*i])
    }

    /// The most recent fitting person before a pronoun at `offset`.
    pub fn antecedent(&self, offset: usize, pronoun: &str, text: &str) -> Option<&Person> {
        let wanted = match pronoun {
            "he" | "er" => Some(Gender::Male),
            "she" | "sie" => Some(Gender::Female),
            "it" | "they" | "we" | "i" | "wir" | "ich" => return None,
            _ => None,
        };
        let gender_of =
            |index: usize| self.people[index].gender.or_else(|| self.learned.borrow().get(&index).copied());
        let found = self.candidates_before(offset, text).find(|&index| match (wanted, gender_of(index)) {
            (Some(w), Some(g)) => w == g,
            _ => true,
        })?;
        // A pronoun with a single person in reach tells that person's
        // gender, so a later "she" does not go to a "he".
        if let Some(wanted) = wanted.filter(|_| gender_of(found).is_none()) {
            let alone = self.candidates_before(offset, text).all(|index| index == found);
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
    /// skipping mentions inside quotations or after a preposition, at most
    /// 1500 bytes back.
    fn candidates_before<'s>(&'s self, offset: usize, text: &'s str) -> impl Iterator<Item = usize> + 's {
        let end = self.flat.partition_point(|(m, _)| m.end <= offset);
        self.flat[..end]
            .iter()
            .rev()
            .take_while(move |(m, _)| offset - m.start <= 1500)
            .filter(move |(m, i)| {
                self.people[*i].is_person && !self.is_quoted(*m) && !after_preposition(text, m.start)
            })
            .map(|(_, i)| *i)
    }

    /// A title-only mention ("Russian President", "the minister") resolved
    /// to the person introduced with the most of its words.
    pub fn by_role(&self, span: Span, text: &str) -> Option<&Person> {
        let words: Vec<String> = text
            .get(span.start..span.end)?
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !STOPWORDS.contains(&w.to_lowercase().as_str()))
            .map(str::to_lowercase)
            .collect();
        let head = words.last()?;
        if !is_title(head) || words.iter().any(|w| self.words.contains(w)) {
            return None;
        }
        if let Some(&answer) = self.role_answers.borrow().get(&words) {
            return answer.map(|i| &self.people[i]);
        }
        let answer = self.roles.get_or_init(|| RoleIndex::build(text, &self.people)).best(&words, head);
        self.role_answers.borrow_mut().insert(words, answer);
        answer.map(|i| &self.people[i])
    }
}

/// Equal, or one a form of the other ("russian" ~ "russia"): the relation
/// `RoleIndex::similar_ids` looks up.
#[cfg(test)]
fn similar(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && (a.starts_with(b) || b.starts_with(a)))
}

fn after_preposition(text: &str, start: usize) -> bool {
    let before = &text[..crate::analysis::settings::floor_char_boundary(text, start)];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() && !before.is_empty() {
        return false;
    }
    let word: String = trimmed.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let word: String = word.chars().rev().collect();
    PREPOSITIONS.contains(&word.to_lowercase().as_str())
}

/// Gender from a title right before the mention ("Mr.", "Frau").
fn title_gender(text: &str, start: usize) -> Option<Gender> {
    let before = &text[..crate::analysis::settings::floor_char_boundary(text, start)];
    let word: String = before
        .trim_end()
        .trim_end_matches('.')
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    if MALE_TITLES.contains(&lower.as_str()) {
        Some(Gender::Male)
    } else if FEMALE_TITLES.contains(&lower.as_str())
        || (lower.len() > 6 && lower.ends_with("in") && is_title(&lower))
    {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Full names found in the text and their later short forms, for when the
/// actor model knows no people.
fn names_from_text(text: &str, document: &Document<'_>) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut keys: Vec<(String, usize)> = Vec::new();
    let is_name_word = |w: &str| {
        is_capitalized(w)
            && !STOPWORDS.contains(&w.to_lowercase().as_str())
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
                            name: name.clone(),
                            actor: None,
                            is_person: true,
                            mentions: Vec::new(),
                            gender: None,
                        });
                        people.len() - 1
                    }
                };
                people[index].mentions.push(span);
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
                    person.mentions.push(token.span);
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
        let person = Person { name: "Putin".into(), actor: None, is_person: true, mentions, gender: None };
        let index = RoleIndex::build(&text, &[person]);
        for query in words.iter().chain(&["russ", "ministers", "präsi", "putin"]) {
            let found: Vec<&str> = index
                .similar_ids(query)
                .iter()
                .map(|&id| index.vocabulary.iter().find(|(_, &i)| i == id).unwrap().0.as_str())
                .collect();
            let mut expected: Vec<&str> =
                index.sorted.iter().map(|(w, _)| w.as_str()).filter(|w| similar(w, query)).collect();
            let mut found_sorted = found.clone();
            found_sorted.sort_unstable();
            expected.sort_unstable();
            assert_eq!(found_sorted, expected, "words similar to {query}");
        }
    }
}
