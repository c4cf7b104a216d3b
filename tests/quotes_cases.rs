//! The quotation-mark cases in `tests/fixtures/quote-cases.txt`: each text
//! beside the exact set of quote findings and non-quote marks it must give.

use copydesk::analysis::quotes::MarkRole;
use copydesk::{analyze, Settings};

const CASES: &str = include_str!("fixtures/quote-cases.txt");
const QUOTE_CODES: &[&str] = &["unclosed-quote", "unopened-quote", "mismatched-quote"];

struct Case {
    title: String,
    lang: String,
    text: String,
    expected: String,
}

fn parse_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut current: Option<Case> = None;
    for line in CASES.lines() {
        if let Some(header) = line.strip_prefix("## ") {
            let lang = header.split(':').next().unwrap_or("en").trim().to_owned();
            current =
                Some(Case { title: header.to_owned(), lang, text: String::new(), expected: String::new() });
        } else if let Some(expected) = line.strip_prefix("-> ") {
            if let Some(mut case) = current.take() {
                case.text.truncate(case.text.trim_end_matches('\n').len());
                case.expected = expected.trim().to_owned();
                cases.push(case);
            }
        } else if let Some(case) = current.as_mut() {
            case.text.push_str(line);
            case.text.push('\n');
        }
    }
    cases
}

/// "”2": the second ” in the text, as `glyph` and its number.
fn nth(text: &str, glyph: char, n: usize) -> Option<usize> {
    text.char_indices().filter(|(_, c)| *c == glyph).nth(n.checked_sub(1)?).map(|(at, _)| at)
}

/// The findings and marks of `text`, written the way the fixture writes them.
fn describe(text: &str, lang: &str) -> String {
    let analysis = analyze(text, &Settings { languages: vec![lang.to_owned()], ..Settings::default() });
    let label = |at: usize| {
        let glyph = text[at..].chars().next().unwrap_or('?');
        let number = text[..at + glyph.len_utf8()].chars().filter(|c| *c == glyph).count();
        format!("{glyph}{number}")
    };
    let mut parts: Vec<String> = analysis
        .findings
        .iter()
        .filter(|f| QUOTE_CODES.contains(&f.code))
        .map(|f| format!("{} {}", f.code, label(f.span.start)))
        .collect();
    for (role, name) in [(MarkRole::Apostrophe, "apostrophe"), (MarkRole::Measurement, "measurement")] {
        let marks: Vec<String> =
            analysis.quotes.marks.iter().filter(|m| m.role == role).map(|m| label(m.span.start)).collect();
        if !marks.is_empty() {
            parts.push(format!("{name} {}", marks.join(" ")));
        }
    }
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(" | ")
    }
}

#[test]
fn every_case_gives_exactly_its_expected_findings() {
    let cases = parse_cases();
    assert!(cases.len() >= 29, "only {} cases parsed", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        // Apostrophes the fixture does not list may exist; compare findings
        // exactly and listed marks by inclusion.
        let got = describe(&case.text, &case.lang);
        let expected_findings: Vec<&str> =
            case.expected.split(" | ").filter(|p| QUOTE_CODES.iter().any(|c| p.starts_with(c))).collect();
        let got_findings: Vec<&str> =
            got.split(" | ").filter(|p| QUOTE_CODES.iter().any(|c| p.starts_with(c))).collect();
        let mut ok = expected_findings == got_findings;
        for part in
            case.expected.split(" | ").filter(|p| p.starts_with("apostrophe") || p.starts_with("measurement"))
        {
            let mut words = part.split(' ');
            let kind = words.next().unwrap_or("");
            for mark in words {
                let mut chars = mark.chars();
                let glyph = chars.next().unwrap_or('?');
                let n: usize = chars.as_str().parse().unwrap_or(0);
                let listed = got.split(" | ").any(|g| {
                    g.starts_with(kind)
                        && g.split(' ').any(|m| m == mark)
                        && nth(&case.text, glyph, n).is_some()
                });
                ok &= listed;
            }
        }
        if !ok {
            failures.push(format!("{}\n  expected: {}\n  got:      {got}", case.title, case.expected));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

proptest::proptest! {
    /// Any mix of quote glyphs, letters, digits, spaces and paragraph breaks
    /// is read without panicking, and every quotation's spans lie in the text.
    #[test]
    fn never_panics_on_any_mix_of_marks(text in "[\"'“”‘’„‚«»‹›「」 \u{202f}a-zA-Z0-9.,\n]{0,60}") {
        let analysis = analyze(&text, &Settings::default());
        for quotation in &analysis.quotes.quotations {
            proptest::prop_assert!(quotation.span.end <= text.len() && quotation.span.covers(quotation.inner));
        }
        for finding in &analysis.findings {
            for fix in &finding.fixes {
                let _ = copydesk::analysis::finding::apply_edits(&text, &fix.edits);
            }
        }
    }
}
