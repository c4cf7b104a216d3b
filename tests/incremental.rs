//! Incremental analysis equals a fresh full analysis after any edit
//! sequence.
//!
//! The server keeps a [`Memo`] per document and calls `analyze_with` on
//! every version; whatever the memo reuses, the result must be exactly what
//! `analyze` computes from nothing. Each case starts from an article (the
//! example, a generated one, or random article-like text), applies a random
//! sequence of edits — characters, quotation marks, paragraph breaks, code
//! fences, names with titles, dates, deletions — and compares after every
//! edit.
//!
//! Fast profile (CI): 64 cases. Longer run:
//! `PROPTEST_CASES=5000 cargo test --release --test incremental`.

#[path = "../benches/support/mod.rs"]
mod support;

use copydesk::{analyze, analyze_with, Memo, Settings};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

const EXAMPLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");

/// What an edit inserts: what a journalist types, and what changes the
/// structure or the state carried from one paragraph to the next.
const INSERTS: &[&str] = &[
    "a",
    "e",
    " ",
    ",",
    ".",
    "\n",
    "\n\n",
    "“",
    "”",
    "\"",
    "‘",
    "’",
    "„",
    "«",
    "»",
    "'",
    "```\n",
    "---\n",
    "# ",
    "- ",
    "<!-- ",
    " -->",
    "`",
    "Russian President Vladimir Putin",
    "Putin",
    "Xi",
    "he said",
    " said Li. ",
    "according to TASS",
    "“We will win,” she said.",
    "Kiev",
    "Sunday",
    "April 17, 2023",
    "February 24 last year",
    "two days later",
    "March 20 to 22",
    "Monday, April 18, 2023",
    "Feb. 30",
    "a source said",
    "XinhuaLi",
    "Zelensky",
    "Zelenskyy",
    "é",
    "😀",
    "\r\n",
];

#[derive(Clone, Debug)]
enum Start {
    Example,
    Generated(u64),
    Random(String),
}

#[derive(Clone, Debug)]
struct Edit {
    /// Where, as a fraction of the text's length (snapped to a character).
    at: f64,
    /// How many bytes to delete from there (snapped to a character).
    delete: usize,
    insert: &'static str,
}

fn start() -> impl Strategy<Value = Start> {
    let pieces = proptest::collection::vec(proptest::sample::select(INSERTS), 0..60);
    prop_oneof![
        2 => Just(Start::Example),
        2 => (0u64..1_000).prop_map(Start::Generated),
        1 => pieces.prop_map(|pieces| Start::Random(pieces.concat())),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        0.0f64..=1.0,
        prop_oneof![3 => Just(0usize), 1 => 1usize..4, 1 => 4usize..200],
        proptest::sample::select(INSERTS),
    )
        .prop_map(|(at, delete, insert)| Edit { at, delete, insert })
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn apply(text: &mut String, edit: &Edit) {
    let start = floor_boundary(text, (text.len() as f64 * edit.at) as usize);
    let end = floor_boundary(text, start + edit.delete).max(start);
    text.replace_range(start..end, edit.insert);
}

fn settings(german: bool) -> Settings {
    if german {
        Settings { languages: vec!["de".into()], ..Settings::default() }
    } else {
        Settings::default()
    }
}

fn check_sequence(start: Start, edits: &[Edit], german: bool) -> Result<(), TestCaseError> {
    let mut text = match start {
        Start::Example => EXAMPLE.to_string(),
        Start::Generated(seed) => support::article(3_000, seed),
        Start::Random(text) => text,
    };
    let settings = settings(german);
    let mut memo = Memo::new();
    prop_assert_eq!(analyze_with(&text, &settings, &mut memo), analyze(&text, &settings));
    for (step, edit) in edits.iter().enumerate() {
        apply(&mut text, edit);
        let incremental = analyze_with(&text, &settings, &mut memo);
        let full = analyze(&text, &settings);
        prop_assert!(
            incremental == full,
            "after edit {} ({:?}) the incremental analysis differs from the full one on:\n{}",
            step,
            edit,
            text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn incremental_analysis_equals_full_analysis(
        start in start(),
        edits in proptest::collection::vec(edit(), 1..12),
        german in proptest::bool::weighted(0.2),
    ) {
        check_sequence(start, &edits, german)?;
    }
}

/// Typing a word letter by letter into the example article reuses every
/// paragraph but the one being typed in.
#[test]
fn typing_in_one_paragraph_reanalyses_only_that_paragraph() {
    let settings = Settings::default();
    let mut memo = Memo::new();
    let mut text = EXAMPLE.to_string();
    let first = analyze_with(&text, &settings, &mut memo);
    let paragraphs = first.article.paragraphs.len();
    let spot = text.find("dynamically").expect("the example article has the word");
    for (i, letter) in "very ".char_indices() {
        text.insert(spot + i, letter);
        let incremental = analyze_with(&text, &settings, &mut memo);
        assert_eq!(incremental, analyze(&text, &settings));
        let stats = memo.stats();
        // Four stages keep per-paragraph results (structure, quotes,
        // actors, dates), and attribution those of the paragraphs it
        // tokenizes: each recomputes the one paragraph typed in and reuses
        // the others.
        assert!(
            stats.misses <= 5 && stats.hits >= 4 * (paragraphs - 1),
            "typing in one of {paragraphs} paragraphs recomputed too much: {stats:?}"
        );
    }
}

/// A long article (past the size from which stages run on two threads):
/// keystrokes, a deleted paragraph and a pasted one leave the incremental
/// analysis equal to a fresh one.
#[test]
fn a_long_article_edited_equals_a_fresh_analysis() {
    let settings = Settings::default();
    let mut memo = Memo::new();
    let mut text = support::article(100_000, 11);
    assert_eq!(analyze_with(&text, &settings, &mut memo), analyze(&text, &settings));
    for (offset, letter) in support::keystrokes(&text, 4, 11) {
        text.insert(offset, letter);
        assert_eq!(analyze_with(&text, &settings, &mut memo), analyze(&text, &settings));
    }
    // Cut the third paragraph and paste it near the end.
    let starts: Vec<usize> = text.match_indices("\n\n").map(|(i, _)| i + 2).collect();
    let (from, to) = (starts[2], starts[3]);
    let paragraph = text[from..to].to_owned();
    text.replace_range(from..to, "");
    assert_eq!(analyze_with(&text, &settings, &mut memo), analyze(&text, &settings));
    let near_end = text[..text.len() - 100].rfind("\n\n").expect("paragraphs") + 2;
    text.insert_str(near_end, &paragraph);
    assert_eq!(analyze_with(&text, &settings, &mut memo), analyze(&text, &settings));
}

/// Paragraphs where names stand next to every kind of word their patterns
/// read (speech and government verbs, honorifics, "the", "a", "at",
/// "’s", "state", a byline's "By"), so that a keystroke anywhere may change
/// what a name is: a letter typed at every place and every character
/// deleted in turn, each compared with a fresh analysis. (The actors'
/// global part is skipped for an edit it cannot see; this finds an edit it
/// can see that was taken for one it cannot.)
const NEAR_NAMES: &str = "By Ana Ruiz\n\n\
Kenji Kowalski said the plan failed, and Hanna Bianchi, shrugging, told reporters. \
Vladimir Putin, the Russian president, met Li Shangfu, the defense minister, and Lindsey Bell, \
chief strategist at CFRA. A Chinese defense minister would never say so.\n\n\
Washington says it will wait; Washington’s allies and Georgia state officials disagree. \
Jeremy Swayman stopped 30 shots for the Maple Leafs. Later, Swayman shrugged. The Leafs lost.\n\n\
“We will win,” Sen. Jane Doe said, while Rep. Alexandria Ocasio-Cortez and Mr. Smith, \
a senior adviser, declined to comment. Another minister, his deputy and their aides sai nothing.\n";

#[test]
fn every_keystroke_near_names_equals_a_fresh_analysis() {
    let settings = Settings::default();
    let mut memo = Memo::new();
    let base = NEAR_NAMES.to_string();
    let _ = analyze_with(&base, &settings, &mut memo);
    let boundaries: Vec<usize> = (0..=base.len()).filter(|&i| base.is_char_boundary(i)).collect();
    for (k, &at) in boundaries.iter().enumerate() {
        let next = boundaries.get(k + 1).copied();
        let letter = ["d", "s", "x", "e"][k % 4];
        let mut edits = vec![format!("{}{letter}{}", &base[..at], &base[at..])];
        if let Some(next) = next {
            edits.push(format!("{}{}", &base[..at], &base[next..]));
        }
        for edited in edits {
            for text in [&edited, &base] {
                let incremental = analyze_with(text, &settings, &mut memo);
                assert!(
                    incremental == analyze(text, &settings),
                    "the incremental analysis differs on:\n{text}"
                );
            }
        }
    }
}
