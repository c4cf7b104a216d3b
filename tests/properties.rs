//! Property tests over article-like text: words, names, quotation marks of
//! every glyph, apostrophes, dates and paragraph breaks, in random order
//! (random ASCII alone never builds a quotation, so it finds nothing).
//!
//! Fast profile (CI): 128 cases per property. Longer run:
//! `PROPTEST_CASES=10000 cargo test --release --test properties`.
//! Position conversion round-trips live beside the code, in
//! `src/server/line_index.rs`.

#[path = "support/edit_model.rs"]
mod edit_model;
#[path = "support/invariants.rs"]
mod invariants;

use copydesk::server::documents::DocumentStore;
use copydesk::server::line_index::PositionEncoding;
use proptest::prelude::*;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

/// The cases per property: `PROPTEST_CASES` when set, else the fast profile.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "told",
    "reporters",
    "on",
    "in",
    "Moscow",
    "Beijing",
    "Putin",
    "Xi Jinping",
    "Vladimir",
    "Lavrov",
    "the Kremlin",
    "China",
    "Russia",
    "sagte",
    "erklärte",
    "der",
    "Minister",
    "a",
    "talks",
    "would",
    "continue",
    "according to",
    "added",
    "asked",
    "we",
    "will",
    "not",
    "5",
    "10",
];
const MARKS: &[&str] = &["“", "”", "‘", "’", "„", "‚", "«", "»", "‹", "›", "\"", "'", "« ", " »"];
const APOSTROPHES: &[&str] =
    &["it's", "it’s", "don’t", "Russia's", "Putin’s", "’90s", "rock ’n’ roll", "5'10\""];
const DATES: &[&str] = &[
    "April 17",
    "April 17, 2023",
    "Sunday",
    "last Sunday",
    "on Monday",
    "17. April 2023",
    "2023-04-16",
    "04/05/2023",
    "Sept. 3",
    "March 2022",
    "yesterday",
    "next week",
    "Feb. 30",
    "1999",
];
const BREAKS: &[&str] = &[" ", " ", " ", ", ", ". ", ": ", "\n\n", "\n", "— "];

/// One piece of an article.
fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => proptest::sample::select(WORDS),
        3 => proptest::sample::select(MARKS),
        1 => proptest::sample::select(APOSTROPHES),
        1 => proptest::sample::select(DATES),
        3 => proptest::sample::select(BREAKS),
    ]
}

/// Article-like text of up to `max` pieces.
fn article(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..max).prop_map(|pieces| pieces.concat())
}

/// A quotation that is well formed in some convention, to mix with noise.
fn quotation() -> impl Strategy<Value = String> {
    let pairs = proptest::sample::select(&[("“", "”"), ("„", "“"), ("«", "»"), ("\"", "\""), ("‘", "’")][..]);
    (pairs, article(8), proptest::sample::select(WORDS))
        .prop_map(|((open, close), inner, speaker)| format!("{open}{inner}{close} {speaker} said. "))
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![article(12), quotation()], 0..6).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config())]

    /// `analyze` never panics, and every span it returns is in range and on
    /// character boundaries; hover, actions, hints and the outline too, at
    /// any offset.
    #[test]
    fn analysis_spans_are_in_range(text in document(), variant in 0u8..6, offsets in proptest::collection::vec(0usize..400, 0..6)) {
        let settings = invariants::settings_variant(variant);
        let analysis = invariants::analysis(&text, &settings);
        invariants::features(&text, &settings, &analysis, &offsets);
    }

    /// Every quick fix and code action over the whole text changes only the
    /// ranges it names, leaves valid UTF-8, makes the finding it fixes
    /// disappear and introduces no new unclosed, unopened or mismatched
    /// quote. Where a quote fix cannot be made safe (a stray mark glued to
    /// another mark, an unclosed quotation with no word to close after) the
    /// rule offers none: a missed fix is better than a harmful one. The
    /// inputs this once failed on are rows of `tests/fuzz_regressions.rs`.
    #[test]
    fn fixes_are_local_and_repair_without_harm(text in document(), variant in 0u8..6) {
        let settings = invariants::settings_variant(variant);
        let analysis = invariants::analysis(&text, &settings);
        invariants::fixes(&text, &settings, &analysis, true);
    }

    /// Date normalisation is idempotent and keeps everything outside date
    /// spans (once the `normalizeDates` source action exists; until then
    /// this checks nothing beyond analysis).
    #[test]
    fn date_normalisation_is_idempotent(text in document(), variant in 0u8..5) {
        let settings = invariants::settings_variant(variant);
        let analysis = invariants::analysis(&text, &settings);
        invariants::date_normalisation(&text, &settings, &analysis);
    }

    /// Incremental edits applied by the server's store equal the reference
    /// model, in every encoding, with ranges past the end and inside
    /// characters.
    #[test]
    fn store_edits_equal_the_model(
        start in document(),
        edits in proptest::collection::vec(((0u32..6, 0u32..30), (0u32..6, 0u32..30), article(4), any::<bool>()), 1..20),
        encoding in 0u8..3,
    ) {
        let (encoding, units) = match encoding {
            0 => (PositionEncoding::Utf8, edit_model::Units::Utf8),
            1 => (PositionEncoding::Utf16, edit_model::Units::Utf16),
            _ => (PositionEncoding::Utf32, edit_model::Units::Utf32),
        };
        let uri = Url::parse("file:///properties/article.md").unwrap();
        let mut store = DocumentStore::default();
        store.open(uri.clone(), &start, 0, "markdown".to_owned());
        let mut model = start.clone();
        for (version, (from, to, text, whole)) in (1..).zip(edits) {
            let range = (!whole || version % 7 != 0).then_some((from, to));
            edit_model::apply(&mut model, range, &text, units);
            let change = TextDocumentContentChangeEvent {
                range: range.map(|((l1, c1), (l2, c2))| Range::new(Position::new(l1, c1), Position::new(l2, c2))),
                range_length: None,
                text,
            };
            store.change(&uri, version, vec![change], encoding).unwrap();
            prop_assert_eq!(store.get(&uri).unwrap().rope.to_string(), model.clone());
        }
    }
}
