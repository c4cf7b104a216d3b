//! The example article, end to end: every date, its value, the findings, the
//! "Normalize all dates (AP)" action, and a snapshot of the rewritten article
//! (`tests/fixtures/russia-china-2023-04-17.ap.txt`).

use copydesk::analysis::actions::{actions, ActionKind};
use copydesk::analysis::finding::apply_edits;
use copydesk::analysis::span::Span;
use copydesk::analysis::{dates, Analysis, Context};
use copydesk::{analyze, Settings};

const ARTICLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");

fn settings() -> Settings {
    Settings { article_date: Some("2023-04-17".to_owned()), ..Settings::default() }
}

/// Analyse the article. Until the structure work excludes the `date
/// 2023-04-17` header line, this test does so itself (a test-only stand-in).
fn analysis(settings: &Settings) -> Analysis {
    let mut analysis = analyze(ARTICLE, settings);
    if let Some(start) = ARTICLE.find("date 2023-04-17") {
        let header = Span::new(start, start + "date 2023-04-17".len());
        if analysis.article.is_prose(header.start) {
            analysis.article.excluded.push(header);
            analysis.article.excluded.sort();
            analysis.dates =
                dates::extract(ARTICLE, &analysis.article, analysis.article_date.as_ref(), settings);
            analysis.findings.retain(|f| !f.span.overlaps(header));
        }
    }
    analysis
}

/// (written text, its occurrence, value as TimeML writes it)
const EXPECTED: &[(&str, usize, Option<&str>)] = &[
    ("Sunday (April 16, 2023)", 0, Some("2023-04-16")),
    ("February 24 last year", 0, Some("2022-02-24")),
    ("March 20 to 22", 0, Some("2023-03-20/2023-03-22")),
    ("Sunday (April 16)", 0, Some("2023-04-16")),
    ("January", 0, Some("2023-01")),
    ("Days later", 0, None),
];

#[test]
fn every_date_in_the_example_article_resolves() {
    let settings = settings();
    let analysis = analysis(&settings);
    let got: Vec<(&str, Option<String>)> =
        analysis.dates.iter().map(|m| (m.span.slice(ARTICLE), m.value_text())).collect();
    let want: Vec<(&str, Option<String>)> =
        EXPECTED.iter().map(|(text, _, value)| (*text, value.map(str::to_owned))).collect();
    assert_eq!(got, want);
    let problems: Vec<_> = analysis.findings.iter().filter(|f| f.code != "date-style").collect();
    assert!(
        problems.iter().all(|f| f.code != "weekday-mismatch" && f.code != "invalid-date"),
        "{problems:?}"
    );
}

#[test]
fn normalize_all_dates_matches_the_snapshot() {
    let settings = settings();
    let analysis = analysis(&settings);
    let context = Context { text: ARTICLE, settings: &settings, analysis: &analysis };
    let all = actions(&context, Span::new(0, 0));
    let normalize = all
        .iter()
        .find(|a| a.kind == ActionKind::Source("normalizeDates"))
        .expect("a Normalize all dates action");
    assert_eq!(normalize.title, "Normalize all dates (AP)");
    // Each edit replaces exactly one date span.
    let rewritten: Vec<(&str, &str)> =
        normalize.edits.iter().map(|e| (e.span.slice(ARTICLE), e.new_text.as_str())).collect();
    assert_eq!(
        rewritten,
        vec![
            ("Sunday (April 16, 2023)", "Sunday"),
            ("February 24 last year", "Feb. 24, 2022"),
            ("Sunday (April 16)", "Sunday"),
        ]
    );
    for edit in normalize.edits.iter() {
        assert!(analysis.dates.iter().any(|m| m.span == edit.span), "{edit:?}");
    }
    let result = apply_edits(ARTICLE, &normalize.edits);
    let snapshot_path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/russia-china-2023-04-17.ap.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(snapshot_path, &result).expect("write the snapshot");
    }
    let expected = std::fs::read_to_string(snapshot_path).expect("the snapshot fixture");
    assert_eq!(result, expected);
    // The date-style fixes are safe, so fix-all applies them too, beside the
    // article's other safe fixes: Kiev → Kyiv, the closing mark typed as “,
    // and the space glued out of "XinhuaLi".
    let fix_all = all.iter().find(|a| a.kind == ActionKind::FixAll).expect("fix all");
    let (date_edits, other_edits): (Vec<_>, Vec<_>) =
        fix_all.edits.iter().cloned().partition(|edit| normalize.edits.contains(edit));
    assert_eq!(date_edits, normalize.edits.to_vec());
    let other: Vec<(&str, &str)> =
        other_edits.iter().map(|e| (e.span.slice(ARTICLE), e.new_text.as_str())).collect();
    assert_eq!(other, vec![("Kiev", "Kyiv"), ("“", "”"), ("", " ")]);
}

#[test]
fn a_date_offers_a_rewrite_per_style() {
    let settings = settings();
    let analysis = analysis(&settings);
    let context = Context { text: ARTICLE, settings: &settings, analysis: &analysis };
    let start = ARTICLE.find("February 24 last year").unwrap_or(0);
    let titles: Vec<(String, ActionKind)> =
        actions(&context, Span::new(start + 3, start + 3)).into_iter().map(|a| (a.title, a.kind)).collect();
    assert_eq!(
        titles,
        vec![
            ("Rewrite as 'Feb. 24, 2022' (AP)".to_owned(), ActionKind::QuickFix),
            ("Rewrite as 'February 24, 2022' (Chicago)".to_owned(), ActionKind::Rewrite),
            ("Rewrite as '2022-02-24' (ISO 8601)".to_owned(), ActionKind::Rewrite),
            ("Normalize all dates (AP)".to_owned(), ActionKind::Source("normalizeDates")),
            ("Fix all safe copydesk problems".to_owned(), ActionKind::FixAll),
        ]
    );
}

#[test]
fn hover_explains_how_a_date_was_resolved() {
    let settings = settings();
    let analysis = analysis(&settings);
    let context = Context { text: ARTICLE, settings: &settings, analysis: &analysis };
    let offset = ARTICLE.find("Sunday (April 16)").unwrap_or(0) + 2;
    let hover = copydesk::analysis::hover::hover(&context, offset).expect("a hover");
    assert!(hover.markdown.starts_with("**Sunday, April 16, 2023**"), "{}", hover.markdown);
    assert!(hover.markdown.contains("1 day before the article date."), "{}", hover.markdown);
    let offset = ARTICLE.find("January").unwrap_or(0) + 1;
    let hover = copydesk::analysis::hover::hover(&context, offset).expect("a hover");
    assert!(hover.markdown.contains("**January 2023**"), "{}", hover.markdown);
    assert!(hover.markdown.contains("past tense"), "{}", hover.markdown);
}

#[test]
fn inlay_hints_show_resolved_dates_only_when_enabled() {
    // Speaker hints are the attribution's business; keep only dates here.
    let mut settings = settings();
    settings.inlay_hints.speakers = false;
    let analysis = analysis(&settings);
    let context = Context { text: ARTICLE, settings: &settings, analysis: &analysis };
    assert!(copydesk::analysis::inlay::inlay_hints(&context).is_empty());
    settings.inlay_hints.dates = true;
    let context = Context { text: ARTICLE, settings: &settings, analysis: &analysis };
    let labels: Vec<String> =
        copydesk::analysis::inlay::inlay_hints(&context).into_iter().map(|h| h.label).collect();
    assert_eq!(labels, vec!["= 2022-02-24", "= 2023-03-20/2023-03-22", "= 2023-04-16", "= 2023-01"]);
}
