//! Unit tests of the scanner and resolver internals. The behaviour tables
//! live in `tests/dates_cases.rs`.

use proptest::prelude::*;

use super::*;
use crate::analysis::structure::Article;

fn mentions(text: &str, article_date: &str) -> Vec<DateMention> {
    let settings = Settings { article_date: Some(article_date.to_owned()), ..Settings::default() };
    crate::analyze(text, &settings).dates
}

/// (sentence, the date in it, expected tense)
const TENSES: &[(&str, &str, Tense)] = &[
    ("The board met Sunday.", "Sunday", Tense::Past),
    ("The board will meet Sunday.", "Sunday", Tense::Future),
    ("The board meets Sunday.", "Sunday", Tense::Present),
    ("The hearing is set for Monday.", "Monday", Tense::Present),
    ("Police say Sunday's fire spread fast.", "Sunday", Tense::Unknown),
    ("Die Wahl findet am Sonntag statt.", "Sonntag", Tense::Present),
    ("Officials said the board, which is expected to vote, met Sunday.", "Sunday", Tense::Past),
    ("The vote is scheduled for Sunday.", "Sunday", Tense::Future),
    ("The council'll meet Sunday.", "Sunday", Tense::Future),
    ("Das Treffen wurde am Sonntag abgesagt.", "Sonntag", Tense::Past),
    ("Das Treffen wird am Sonntag stattfinden.", "Sonntag", Tense::Future),
];

#[test]
fn the_nearest_tense_cue_decides() {
    for (text, date, expected) in TENSES {
        let start = text.find(date).unwrap_or(0);
        let article = Article::parse(text, &Settings::default());
        let tense = tense_around(text, &article, Span::new(start, start + date.len()));
        assert_eq!(tense, *expected, "{text}");
    }
}

#[test]
fn a_sentence_end_stops_the_tense_search() {
    // "will" belongs to the next sentence.
    let text = "The board met on May 2. It will meet again.";
    let found = mentions(text, "2024-06-12");
    assert_eq!(found[0].value_text().as_deref(), Some("2024-05-02"));
}

#[test]
fn numeric_order_follows_the_setting_and_says_so() {
    let text = "The memo is dated 04/05/2023.";
    let mut settings = Settings { article_date: Some("2023-06-01".to_owned()), ..Settings::default() };
    let month_first = crate::analyze(text, &settings).dates;
    assert_eq!(month_first[0].value_text().as_deref(), Some("2023-04-05"));
    assert_eq!(month_first[0].basis, Basis::NumericOrder { day_first: false, ambiguous: true });
    settings.dates.numeric_order = "day-first".to_owned();
    let day_first = crate::analyze(text, &settings).dates;
    assert_eq!(day_first[0].value_text().as_deref(), Some("2023-05-04"));
    assert!(day_first[0].has_flag(DateFlag::AmbiguousDayMonthOrder));
}

#[test]
fn without_an_article_date_only_written_dates_resolve() {
    let settings = Settings::default();
    let text = "The council met Sunday, and on April 16, 2023, it voted.";
    let found = crate::analyze(text, &settings).dates;
    let values: Vec<(&str, Option<String>)> =
        found.iter().map(|m| (m.span.slice(text), m.value_text())).collect();
    assert_eq!(values, vec![("Sunday", None), ("April 16, 2023", Some("2023-04-16".to_owned()))]);
    assert_eq!(found[0].basis, Basis::NoArticleDate);
}

#[test]
fn dates_outside_the_prose_are_not_read() {
    let text = "Visit on April 16, 2023.";
    let settings = Settings::default();
    let mut article = Article::parse(text, &settings);
    article.excluded.push(Span::new(0, text.len()));
    assert!(extract(text, &article, None, &settings).is_empty());
}

#[test]
fn the_article_date_line_is_not_a_story_date() {
    let text = "date 2023-04-17\n\nThe vote was held on 2023-04-16.";
    let settings = Settings::default();
    let article = Article::parse(text, &settings);
    let article_date = ArticleDate {
        date: Date::constant(2023, 4, 17),
        source: crate::analysis::structure::article_date::ArticleDateSource::HeaderLine,
        span: Some(Span::new(5, 15)),
    };
    let found = extract(text, &article, Some(&article_date), &settings);
    let spans: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(spans, vec!["2023-04-16"]);
}

#[test]
fn a_long_text_is_scanned_without_trouble() {
    let paragraph =
        "On Sunday (April 16, 2023) the council met; 2,000 people came. Days later, on May 3, it voted.\n\n";
    let text = paragraph.repeat(2_000);
    let found = mentions(&text, "2023-04-17");
    assert_eq!(found.len(), 3 * 2_000);
}

proptest! {
    #[test]
    fn never_panics_and_spans_fall_on_character_boundaries(text in "(\\PC|[0-9 ./,'’()-]|May|Sunday|March 3|der 3\\.){0,40}") {
        for languages in [vec!["en".to_owned()], vec!["de".to_owned()]] {
            let settings = Settings { article_date: Some("2024-02-29".to_owned()), languages, ..Settings::default() };
            let analysis = crate::analyze(&text, &settings);
            for mention in &analysis.dates {
                prop_assert!(mention.span.start < mention.span.end && mention.span.end <= text.len());
                prop_assert!(text.is_char_boundary(mention.span.start) && text.is_char_boundary(mention.span.end));
            }
            let context = Context { text: &text, settings: &settings, analysis: &analysis };
            let _ = render::normalize_edits(&context, render::DateStyle::Ap);
            for offset in 0..text.len() {
                let _ = hover(&context, offset);
            }
        }
    }
}

/// Words for texts where dates and near-dates are packed close together
/// and far apart, in both languages, with odd casing and characters.
const SOUP: &[&str] = &[
    "the",
    "The",
    "a",
    "an",
    "in",
    "In",
    "last",
    "next",
    "this",
    "Monday",
    "Sunday",
    "Friday",
    "April",
    "May",
    "may",
    "Sept",
    "Jan",
    "June",
    ".",
    ",",
    "-",
    "–",
    "(",
    ")",
    "'",
    "’",
    "s",
    "16",
    "2023",
    "1990s",
    "90s",
    "12th",
    "3rd",
    "of",
    "day",
    "days",
    "Days",
    "week",
    "weeks",
    "month",
    "year",
    "Year",
    "ago",
    "later",
    "earlier",
    "New",
    "Christmas",
    "Day",
    "Eve",
    "quarter",
    "first",
    "between",
    "and",
    "to",
    "from",
    "mid",
    "early",
    "late",
    "März",
    "Sonntag",
    "vom",
    "bis",
    "zum",
    "gestern",
    "morgen",
    "Morgen",
    "vor",
    "zwei",
    "Tagen",
    "04/16/2023",
    "16.04.2023",
    "2023-04-17",
    "ein",
    "Good",
    "night",
    "Times",
    "attacks",
    "11",
    "5,000",
    "two",
    "several",
    "on",
    "until",
    "Mitte",
    "nächsten",
    "kommenden",
    "Jahr",
    "heute",
    "WEE\u{212A}",
    "Okt",
    "1800",
    "20",
    "31",
    "Feb",
    "following",
    "before",
    "yesterday",
    "Black",
    "evening",
    "$",
];
const FILLER: &[&str] = &[
    "voters",
    "said",
    "it",
    "of",
    "and",
    "the",
    "in",
    "a",
    "rain",
    "“",
    "”",
    "—",
    "Mayor",
    "x",
    "bureaucracies",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Tokens are made only in windows around strong tokens: that finds
    /// what trying every anchor of the whole paragraph finds, with and
    /// without non-prose regions.
    #[test]
    fn windows_find_what_the_whole_paragraph_finds(
        words in prop::collection::vec((0..SOUP.len() * 4, 0..7_usize), 0..120),
        excluded in prop::collection::vec((0..700_usize, 0..8_usize), 0..3),
    ) {
        let mut text = String::new();
        for (word, separator) in words {
            text.push_str(SOUP.get(word).copied().unwrap_or(FILLER[word % FILLER.len()]));
            text.push_str(["", " ", " ", " ", "\n", "\u{a0}", " "][separator]);
        }
        let mut excluded: Vec<Span> = excluded.iter().map(|(s, l)| Span::new(*s, s + l)).collect();
        excluded.sort_by_key(|s| (s.start, s.end));
        for regions in [&[][..], &excluded[..]] {
            for (en, de) in [(true, false), (true, true), (false, true)] {
                let windows = detect::scan(&text, regions, en, de);
                let whole = detect::scan_all(&text, regions, en, de);
                let show = |found: &[detect::Found]| -> Vec<String> {
                    found.iter().map(|f| format!("{:?} {:?} {:?}", f.span, f.form, f.lang)).collect()
                };
                prop_assert_eq!(show(&windows), show(&whole), "{:?} {:?} en={} de={}", text, regions, en, de);
            }
        }
    }
}
