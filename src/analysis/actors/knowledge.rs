//! Embedded knowledge: countries, leaders, cities, US states (generated from
//! the CIA World Factbook and GeoNames by `scripts/gen_knowledge.py`), and a
//! hand-written table of news agencies, international organisations and
//! regions. Parsed once, on first use, together with the gazetteer automaton,
//! so neither costs startup time.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::lexicon::pack;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The generated table (see the script's docstring for the record layout).
pub const KNOWLEDGE_TSV: &str = include_str!("data/knowledge.tsv");

#[derive(Debug)]
pub struct Country {
    pub iso2: &'static str,
    pub iso3: &'static str,
    pub name: &'static str,
    pub official: &'static str,
    pub aliases: Vec<&'static str>,
    pub demonyms: Vec<&'static str>,
    pub capital: &'static str,
    pub capital_note: &'static str,
    pub neighbours: Vec<&'static str>,
    pub population: u64,
}

impl Country {
    /// The flag emoji, from the ISO code's regional indicator symbols.
    pub fn flag(&self) -> String {
        self.iso2
            .chars()
            .filter(char::is_ascii_uppercase)
            .filter_map(|c| char::from_u32(0x1F1E6 + (c as u32 - 'A' as u32)))
            .collect()
    }
}

#[derive(Debug)]
pub struct Leader {
    pub iso2: &'static str,
    /// `chief` (of state) or `head` (of government).
    pub role: &'static str,
    pub title: &'static str,
    pub full_name: &'static str,
    pub surname: &'static str,
    pub family_first: bool,
    pub since: &'static str,
}

#[derive(Debug)]
pub struct City {
    pub name: &'static str,
    pub iso2: &'static str,
    pub population: u64,
    pub capital: bool,
    pub alternates: Vec<&'static str>,
}

#[derive(Debug)]
pub struct State {
    pub name: &'static str,
    pub code: &'static str,
}

/// A hand-written entry: news agencies, organisations, regions.
#[derive(Debug)]
pub struct Org {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub description: &'static str,
    /// ISO code of the home country, when there is one.
    pub country: Option<&'static str>,
}

/// What a gazetteer surface can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    Country(usize),
    /// A demonym or adjective of a country ("Russian").
    Demonym(usize),
    City(usize),
    State(usize),
    Org(usize),
    Region(usize),
}

pub struct Knowledge {
    /// The month the leaders table is current to (`2026-01`).
    pub as_of: &'static str,
    pub countries: Vec<Country>,
    pub leaders: Vec<Leader>,
    pub cities: Vec<City>,
    pub states: Vec<State>,
    pub orgs: &'static [Org],
    pub regions: &'static [Org],
    /// Every surface, leftmost-longest (for names inside a word).
    pub matcher: AhoCorasick,
    /// The surface of each automaton pattern.
    pub surfaces: Vec<&'static str>,
    /// Patterns by their surface's first word (its leading run of letters
    /// and digits; empty when it starts with punctuation), longest first:
    /// the longest name starting at a word is one of its word's list. A
    /// fast fixed-seed hash: every capitalised word is looked up.
    pub by_first_word: HashMap<&'static str, Vec<usize>, foldhash::fast::FixedState>,
    /// The bytes a surface can start with (`first_bytes[b]`).
    pub first_bytes: [bool; 256],
    /// A sketch of the first words of `by_first_word` that are plain ASCII
    /// of up to 16 bytes, by their packed bytes ([`Knowledge::may_be_first_word`]):
    /// it turns away most capitalised words of a text without a lookup.
    first_word_sketch: Box<[u64; FIRST_WORD_SKETCH_WORDS]>,
    /// Per automaton pattern, the entities that surface stands for.
    pub entities: Vec<Vec<Entity>>,
    pub country_by_iso: HashMap<&'static str, usize>,
    /// Leaders by surname (family name for family-name-first names).
    /// (A fast fixed-seed hash: every capitalised word of an article may be
    /// looked up here.)
    pub leaders_by_surname: HashMap<&'static str, Vec<usize>, foldhash::fast::FixedState>,
    /// Leaders by the ISO code of their country, in data order.
    leaders_by_country: HashMap<&'static str, Vec<usize>, foldhash::fast::FixedState>,
}

pub static KNOWLEDGE: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::parse(KNOWLEDGE_TSV));

/// The leading run of letters and digits of `text` (what the actors scan
/// calls a word).
/// Words (of 64 bits) in [`Knowledge`]'s first-word sketch.
const FIRST_WORD_SKETCH_WORDS: usize = 512;

/// The bit of a packed first word in the first-word sketch.
fn first_word_bit(key: [u64; 2]) -> usize {
    ((key[0] ^ key[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 49) as usize
}

pub fn first_word(text: &str) -> &str {
    let end = text.char_indices().find(|(_, c)| !c.is_alphanumeric()).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

fn list(field: &'static str) -> Vec<&'static str> {
    field.split('|').filter(|s| !s.is_empty()).collect()
}

impl Knowledge {
    /// Whether a word of plain ASCII, `pack`ed (see `lexicon::pack`), may be the first word of
    /// a surface: `false` means it is none (a sketch: `true` may be wrong).
    pub fn may_be_first_word(&self, key: [u64; 2]) -> bool {
        let bit = first_word_bit(key);
        self.first_word_sketch[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn parse(tsv: &'static str) -> Knowledge {
        let mut as_of = "";
        let (mut countries, mut leaders, mut cities, mut states) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for line in tsv.lines() {
            let f: Vec<&'static str> = line.split('\t').collect();
            let get = |i: usize| f.get(i).copied().unwrap_or("");
            match get(0) {
                "A" if get(1) == "as_of" => as_of = get(2),
                "C" => countries.push(Country {
                    iso2: get(1),
                    iso3: get(2),
                    name: get(3),
                    official: get(4),
                    aliases: list(get(5)),
                    demonyms: list(get(6)),
                    capital: get(7),
                    capital_note: get(8),
                    neighbours: list(get(9)),
                    population: get(10).parse().unwrap_or(0),
                }),
                "L" => leaders.push(Leader {
                    iso2: get(1),
                    role: get(2),
                    title: get(3),
                    full_name: get(4),
                    surname: get(5),
                    family_first: get(6) == "1",
                    since: get(7),
                }),
                "T" => cities.push(City {
                    name: get(1),
                    iso2: get(2),
                    population: get(3).parse().unwrap_or(0),
                    capital: get(4) == "1",
                    alternates: list(get(5)),
                }),
                "S" => states.push(State { name: get(1), code: get(2) }),
                _ => {}
            }
        }
        // The US lists one person as chief of state and head of government.
        leaders.dedup_by(|b, a| a.iso2 == b.iso2 && a.full_name == b.full_name);
        let country_by_iso = countries.iter().enumerate().map(|(i, c)| (c.iso2, i)).collect();
        let mut leaders_by_surname: HashMap<&'static str, Vec<usize>, foldhash::fast::FixedState> =
            HashMap::default();
        let mut leaders_by_country: HashMap<&'static str, Vec<usize>, foldhash::fast::FixedState> =
            HashMap::default();
        for (i, leader) in leaders.iter().enumerate() {
            leaders_by_surname.entry(leader.surname).or_default().push(i);
            leaders_by_country.entry(leader.iso2).or_default().push(i);
        }

        let mut surfaces: HashMap<&'static str, Vec<Entity>> = HashMap::new();
        let mut add = |surface: &'static str, entity: Entity| {
            if surface.chars().count() >= 2 {
                let list = surfaces.entry(surface).or_default();
                if !list.contains(&entity) {
                    list.push(entity);
                }
            }
        };
        for (i, c) in countries.iter().enumerate() {
            add(c.name, Entity::Country(i));
            if !c.official.is_empty() {
                add(c.official, Entity::Country(i));
            }
            for alias in &c.aliases {
                add(alias, Entity::Country(i));
            }
            for demonym in &c.demonyms {
                add(demonym, Entity::Demonym(i));
            }
        }
        for (i, city) in cities.iter().enumerate() {
            add(city.name, Entity::City(i));
            for alternate in &city.alternates {
                add(alternate, Entity::City(i));
            }
        }
        for (i, state) in states.iter().enumerate() {
            add(state.name, Entity::State(i));
        }
        for (i, org) in ORGS.iter().enumerate() {
            add(org.name, Entity::Org(i));
            for alias in org.aliases {
                add(alias, Entity::Org(i));
            }
        }
        for (i, region) in REGIONS.iter().enumerate() {
            add(region.name, Entity::Region(i));
            for alias in region.aliases {
                add(alias, Entity::Region(i));
            }
        }
        let mut pairs: Vec<(&'static str, Vec<Entity>)> = surfaces.into_iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        let mut first_bytes = [false; 256];
        let mut first_word_sketch = Box::new([0_u64; FIRST_WORD_SKETCH_WORDS]);
        let mut by_first_word: HashMap<&'static str, Vec<usize>, foldhash::fast::FixedState> =
            HashMap::default();
        for (index, (surface, _)) in pairs.iter().enumerate() {
            if let Some(&b) = surface.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
            let first = first_word(surface);
            if let Some(key) = first.is_ascii().then(|| pack(first.as_bytes())).flatten() {
                let bit = first_word_bit(key);
                first_word_sketch[bit / 64] |= 1 << (bit % 64);
            }
            by_first_word.entry(first).or_default().push(index);
        }
        for list in by_first_word.values_mut() {
            list.sort_by_key(|&index| std::cmp::Reverse(pairs[index].0.len()));
        }
        let surfaces = pairs.iter().map(|(surface, _)| *surface).collect();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pairs.iter().map(|(surface, _)| *surface))
            .expect("the gazetteer automaton builds from plain strings");
        let entities = pairs.into_iter().map(|(_, entities)| entities).collect();
        Knowledge {
            as_of,
            countries,
            leaders,
            cities,
            states,
            orgs: ORGS,
            regions: REGIONS,
            matcher,
            surfaces,
            by_first_word,
            first_bytes,
            first_word_sketch,
            entities,
            country_by_iso,
            leaders_by_surname,
            leaders_by_country,
        }
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_by_iso.get(iso2).map(|&i| &self.countries[i])
    }

    /// The leaders of a country (chief of state first).
    pub fn leaders_of(&self, iso2: &str) -> impl Iterator<Item = &Leader> + '_ {
        self.leader_indices_of(iso2).iter().map(|&i| &self.leaders[i])
    }

    /// The indices into `leaders` of a country's leaders, in data order.
    pub fn leader_indices_of(&self, iso2: &str) -> &[usize] {
        self.leaders_by_country.get(iso2).map_or(&[], Vec::as_slice)
    }
}

macro_rules! org {
    ($name:expr, [$($alias:expr),*], $description:expr, $country:expr) => {
        Org { name: $name, aliases: &[$($alias),*], description: $description, country: $country }
    };
}

/// News agencies, international organisations and seats of government.
/// Facts, in copydesk's own words.
pub static ORGS: &[Org] = &[
    org!("TASS", ["Tass", "ITAR-TASS"], "Russian state news agency", Some("RU")),
    org!("Xinhua", ["Xinhua News Agency"], "Chinese state news agency", Some("CN")),
    org!("Associated Press", ["AP", "The Associated Press"], "US news agency", Some("US")),
    org!("Reuters", [], "International news agency, headquartered in London", Some("GB")),
    org!("Agence France-Presse", ["AFP", "Agence France Presse"], "French news agency", Some("FR")),
    org!("Interfax", [], "Russian independent news agency", Some("RU")),
    org!("RIA Novosti", ["RIA"], "Russian state news agency", Some("RU")),
    org!("Deutsche Presse-Agentur", ["dpa", "DPA"], "German news agency", Some("DE")),
    org!("Kyodo News", ["Kyodo"], "Japanese news agency", Some("JP")),
    org!("Yonhap", ["Yonhap News Agency"], "South Korean news agency", Some("KR")),
    org!("Korean Central News Agency", ["KCNA"], "North Korean state news agency", Some("KP")),
    org!("Ukrinform", [], "Ukrainian state news agency", Some("UA")),
    org!("Anadolu Agency", ["Anadolu"], "Turkish state news agency", Some("TR")),
    org!("Press Trust of India", ["PTI"], "Indian news agency", Some("IN")),
    org!("EFE", [], "Spanish news agency", Some("ES")),
    org!("ANSA", [], "Italian news agency", Some("IT")),
    org!("Bloomberg", [], "US financial news and data company", Some("US")),
    org!("United Nations", ["UN", "U.N."], "International organisation of 193 member states", None),
    org!(
        "UN Security Council",
        ["U.N. Security Council", "Security Council"],
        "The United Nations body responsible for peace and security",
        None
    ),
    org!("NATO", ["North Atlantic Treaty Organization"], "North Atlantic military alliance", None),
    org!("European Union", ["EU", "E.U."], "Political and economic union of European states", None),
    org!("European Commission", [], "Executive body of the European Union", None),
    org!("International Monetary Fund", ["IMF"], "International financial institution", None),
    org!("World Bank", [], "International development bank", None),
    org!("World Trade Organization", ["WTO"], "International trade organisation", None),
    org!("World Health Organization", [], "United Nations health agency", None),
    org!("International Atomic Energy Agency", ["IAEA"], "United Nations nuclear watchdog", None),
    org!("International Criminal Court", ["ICC"], "International court for war crimes and genocide", None),
    org!(
        "Red Cross",
        ["ICRC", "International Committee of the Red Cross"],
        "Humanitarian organisation",
        None
    ),
    org!("OPEC", ["Organization of the Petroleum Exporting Countries"], "Oil exporters' cartel", None),
    org!("G7", ["G-7", "Group of Seven"], "Forum of seven large advanced economies", None),
    org!("G20", ["G-20", "Group of 20"], "Forum of 19 countries, the EU and the African Union", None),
    org!(
        "BRICS",
        [],
        "Bloc of emerging economies (Brazil, Russia, India, China, South Africa and others)",
        None
    ),
    org!(
        "Shanghai Cooperation Organization",
        ["SCO", "Shanghai Cooperation Organisation"],
        "Eurasian political and security bloc",
        None
    ),
    org!("African Union", ["AU"], "Union of African states", None),
    org!("ASEAN", ["Association of Southeast Asian Nations"], "Southeast Asian regional bloc", None),
    org!(
        "OSCE",
        ["Organization for Security and Co-operation in Europe"],
        "European security organisation",
        None
    ),
    org!("Kremlin", [], "Seat of the Russian presidency", Some("RU")),
    org!("White House", [], "Seat of the US presidency", Some("US")),
    org!("Pentagon", [], "US Department of Defense", Some("US")),
    org!(
        "State Department",
        ["U.S. State Department", "US State Department"],
        "US foreign ministry",
        Some("US")
    ),
    org!("Downing Street", [], "Seat of the British prime minister", Some("GB")),
    org!("Elysee", ["Élysée", "Elysee Palace", "Élysée Palace"], "Seat of the French presidency", Some("FR")),
];

/// Continents and regions that are not countries.
pub static REGIONS: &[Org] = &[
    org!("Europe", [], "Continent", None),
    org!("Asia", [], "Continent", None),
    org!("Africa", [], "Continent", None),
    org!("North America", [], "Continent", None),
    org!("South America", [], "Continent", None),
    org!("Latin America", [], "Region of the Americas", None),
    org!("Antarctica", [], "Continent", None),
    org!("Oceania", [], "Region of the Pacific", None),
    org!("Middle East", ["Mideast"], "Region of western Asia and north Africa", None),
    org!("Far East", [], "Region of East and Southeast Asia", None),
    org!("Central Asia", [], "Region of Asia", None),
    org!("Southeast Asia", [], "Region of Asia", None),
    org!("East Asia", [], "Region of Asia", None),
    org!("Caucasus", [], "Region between the Black and Caspian seas", None),
    org!("Balkans", [], "Region of southeastern Europe", None),
    org!("Arctic", [], "Polar region", None),
    org!("Scandinavia", [], "Region of northern Europe", None),
    org!("Indo-Pacific", [], "Region spanning the Indian and Pacific oceans", None),
    org!("Crimea", [], "Peninsula on the Black Sea", Some("UA")),
    org!("Donbas", ["Donbass"], "Region of eastern Ukraine", Some("UA")),
    org!("Gaza Strip", ["Gaza"], "Palestinian territory on the Mediterranean", None),
    org!("West Bank", [], "Palestinian territory west of the Jordan River", None),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_with_the_expected_entries() {
        let k = &*KNOWLEDGE;
        assert!(k.countries.len() > 200);
        assert!(k.as_of.len() == 7, "as_of is a month: {}", k.as_of);
        let ukraine = k.country("UA").unwrap();
        assert_eq!(ukraine.capital, "Kyiv");
        assert_eq!(ukraine.flag(), "🇺🇦");
        let kyiv = k.cities.iter().find(|c| c.name == "Kyiv").unwrap();
        assert!(kyiv.alternates.contains(&"Kiev"));
        assert!(k.leaders.iter().any(|l| l.full_name.ends_with("Putin") && l.since == "2012-05-07"));
    }
}
