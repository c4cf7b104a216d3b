//! The example article: exactly one quote finding, and typing its quotation
//! character by character keeps the transient finding on the opening mark.

use copydesk::analysis::finding::apply_edits;
use copydesk::analysis::quotes::MarkRole;
use copydesk::{analyze, Settings};

const ARTICLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");
const WRONG_CLOSE: &str = "defense ministries“";

fn quote_findings(text: &str) -> Vec<copydesk::analysis::finding::Finding> {
    analyze(text, &Settings::default())
        .findings
        .into_iter()
        .filter(|f| f.code.ends_with("-quote") || f.code == "straight-quotes")
        .collect()
}

#[test]
fn the_example_has_exactly_one_mismatched_quote_and_its_fix_changes_only_that_mark() {
    let findings = quote_findings(ARTICLE);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = &findings[0];
    assert_eq!(finding.code, "mismatched-quote");
    let wrong = ARTICLE.find(WRONG_CLOSE).unwrap() + WRONG_CLOSE.len() - "“".len();
    assert_eq!((finding.span.start, finding.span.slice(ARTICLE)), (wrong, "“"));
    let fixed = apply_edits(ARTICLE, &finding.fixes[0].edits);
    let expected = ARTICLE.replacen(WRONG_CLOSE, "defense ministries”", 1);
    assert_eq!(fixed, expected);
    assert!(quote_findings(&fixed).is_empty());
}

#[test]
fn weekends_apostrophe_is_not_a_quote() {
    let analysis = analyze(ARTICLE, &Settings::default());
    let at = ARTICLE.find("weekend’s").unwrap() + "weekend".len();
    let mark = analysis.quotes.marks.iter().find(|m| m.span.start == at).unwrap();
    assert_eq!(mark.role, MarkRole::Apostrophe);
}

/// Type the quotation `“Relationships … ministries“` one character at a
/// time into the article (as an editor would send it). While it is open the
/// only finding is `unclosed-quote` on the opening mark; once the closing
/// mark arrives the unclosed finding is gone.
#[test]
fn typing_the_quotation_keeps_the_transient_finding_on_its_opening_mark() {
    for closing in ['“', '”'] {
        let start = ARTICLE.find("“Relationships").unwrap();
        let end = ARTICLE.find(WRONG_CLOSE).unwrap() + WRONG_CLOSE.len();
        let quotation: String =
            ARTICLE[start..end - "“".len()].chars().chain(std::iter::once(closing)).collect();
        let (head, tail) = (&ARTICLE[..start], &ARTICLE[end..]);
        let chars: Vec<char> = quotation.chars().collect();
        for typed in 1..=chars.len() {
            let text: String =
                head.chars().chain(chars[..typed].iter().copied()).chain(tail.chars()).collect();
            let findings = quote_findings(&text);
            if typed < chars.len() {
                assert_eq!(findings.len(), 1, "after {typed} characters: {findings:#?}");
                assert_eq!(findings[0].code, "unclosed-quote");
                assert_eq!(findings[0].span.start, start, "after {typed} characters");
            } else if closing == '“' {
                assert_eq!(findings.len(), 1);
                assert_eq!(findings[0].code, "mismatched-quote");
            } else {
                assert!(findings.is_empty(), "{findings:#?}");
            }
        }
    }
}
