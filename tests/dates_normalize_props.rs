//! Properties of "Normalize all dates": applying it to its own output changes
//! nothing, and it never touches text outside the date spans it rewrites.

use copydesk::analysis::dates::render::{normalize_edits, DateStyle};
use copydesk::analysis::finding::apply_edits;
use copydesk::analysis::Context;
use copydesk::{analyze, Settings};
use proptest::prelude::*;

/// Fragments an article is built from: dates in many styles, and filler
/// prose (some with commas and numbers that are not dates).
const FRAGMENTS: &[&str] = &[
    "The council met on Sunday (April 16, 2023) with donors.",
    "Russia invaded on February 24 last year, officials said.",
    "February 24 last year was a turning point.",
    "The fair runs from March 20 to 22.",
    "The fair runs March 20 to 22 in Geneva.",
    "Talks resumed on 9 January 2023.",
    "The filing, dated 2023-04-10, was released.",
    "Officers logged the call on 11/23/2022.",
    "Results arrive tomorrow.",
    "The mayor resigned yesterday.",
    "Shares fell last Friday.",
    "The strike ended on April 13, 2023, and a deal followed.",
    "On April 13, 2023, the talks began.",
    "Prices rose in the 1990s.",
    "Inflation peaked in January, the ministry said.",
    "The plant will reopen Sept. 30.",
    "It opened September 5th.",
    "Surveys ran Oct. 2-5, 2022.",
    "Schools closed from December 20, 2022 to January 5.",
    "The vote was held Friday, April 11.",
    "The hearing was set for Feb. 29, 2023.",
    "About 2,000 troops crossed the border.",
    "You may leave now.",
    "Days later, the company apologized.",
    "The bridge collapsed two weeks ago.",
    "He said “we met on April 16, 2023” without notes.",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((0..FRAGMENTS.len(), prop::bool::ANY), 1..12).prop_map(|picks| {
        let mut text = String::new();
        for (index, new_paragraph) in picks {
            if !text.is_empty() {
                text.push_str(if new_paragraph { "\n\n" } else { " " });
            }
            text.push_str(FRAGMENTS[index]);
        }
        text
    })
}

fn style() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["ap", "chicago", "iso", "long"])
}

fn normalize(text: &str, style_name: &str) -> (String, Vec<copydesk::analysis::finding::TextEdit>) {
    let mut settings = Settings { article_date: Some("2023-04-17".to_owned()), ..Settings::default() };
    settings.dates.style = style_name.to_owned();
    let analysis = analyze(text, &settings);
    let context = Context { text, settings: &settings, analysis: &analysis };
    let edits = normalize_edits(&context, DateStyle::from_setting(style_name));
    (apply_edits(text, &edits), edits)
}

proptest! {
    // 200 cases by default; `PROPTEST_CASES=2000` for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200),
        ..ProptestConfig::default()
    })]

    #[test]
    fn normalizing_twice_changes_nothing(text in article(), style_name in style()) {
        let (once, _) = normalize(&text, style_name);
        let (twice, edits) = normalize(&once, style_name);
        prop_assert!(edits.is_empty(), "second pass edits {:?} in {:?}", edits, once);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn normalizing_keeps_everything_outside_the_date_spans(text in article(), style_name in style()) {
        let (_, edits) = normalize(&text, style_name);
        let mut settings = Settings { article_date: Some("2023-04-17".to_owned()), ..Settings::default() };
        settings.dates.style = style_name.to_owned();
        let dates = analyze(&text, &settings).dates;
        let mut cursor = 0;
        let mut rebuilt = String::new();
        for edit in &edits {
            // Each edit is one date span, or the span plus the comma that
            // closed a removed year.
            let on_a_date = dates.iter().any(|m| m.span == edit.span
                || (m.span.start == edit.span.start && m.span.end + 1 == edit.span.end && text[m.span.end..].starts_with(',')));
            prop_assert!(on_a_date, "edit {:?} is not a date span", edit);
            prop_assert!(edit.span.start >= cursor);
            rebuilt.push_str(&text[cursor..edit.span.start]);
            rebuilt.push_str(&text[edit.span.start..edit.span.end]);
            cursor = edit.span.end;
        }
        rebuilt.push_str(&text[cursor..]);
        prop_assert_eq!(rebuilt, text);
    }
}
