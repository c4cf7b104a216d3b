//! `glued-words`: two known names run together ("XinhuaLi").

use crate::analysis::finding::{Finding, Fix, Severity, TextEdit};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "glued-words",
    default_severity: Some(Severity::Warning),
    summary: "Two names written without a space between them",
    explanation: "What it does: flags a word made of two names the article or the embedded data knows, with no space between them, and offers to insert the space. Why: a lost space (often from pasting or a deleted line break) makes a name no reader can look up. Only pairs of known names are flagged, so brand names such as \"YouTube\" or \"McDonald\" are left alone. Example: \"the Chinese state agency XinhuaLi said\" becomes \"Xinhua Li said\".",
    reads: Reads::Actors,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let text = context.text;
    let spans = context.analysis.actors.actors.iter().flat_map(|a| a.mentions.iter().copied());
    for (left, right) in glued_pairs(text, spans) {
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Warning,
            message: format!(
                "“{}” runs two names together: “{}” and “{}”. Insert a space between them.",
                Span::new(left.start, right.end).slice(text),
                left.slice(text),
                right.slice(text)
            ),
            span: Span::new(left.start, right.end),
            related: Vec::new(),
            fixes: vec![Fix {
                title: format!("Insert a space: “{} {}”", left.slice(text), right.slice(text)),
                edits: vec![TextEdit::insert(right.start, " ")],
                safe: true,
            }],
        });
    }
}

/// The pairs of mentions that are neighbours when every mention is sorted
/// by (start, end), the first ending where the second starts inside a word,
/// in that order. Without sorting every mention (a book has tens of
/// thousands, and this ran on every keystroke): a mention can be the
/// second of a pair only where it starts inside a word, which few do; its
/// neighbour before it is the greatest mention starting before it, and
/// only the shortest non-empty mention at a start can pair (a longer one,
/// or a copy, follows another mention with the same start).
fn glued_pairs(text: &str, spans: impl Iterator<Item = Span> + Clone) -> Vec<(Span, Span)> {
    let inside_word = |at: usize| {
        // Most mentions start after a space or a punctuation mark.
        let before = at.checked_sub(1).and_then(|i| text.as_bytes().get(i));
        if before.is_none_or(|&byte| byte.is_ascii() && !byte.is_ascii_alphabetic()) {
            return false;
        }
        text.get(..at).and_then(|s| s.chars().next_back()).is_some_and(char::is_alphabetic)
            && text.get(at..).and_then(|s| s.chars().next()).is_some_and(char::is_alphabetic)
    };
    // The shortest mention at each start inside a word.
    let mut seconds: Vec<Span> = spans.clone().filter(|span| inside_word(span.start)).collect();
    if seconds.is_empty() {
        return Vec::new();
    }
    crate::analysis::attribution::sort_by_start(&mut seconds, |span| span.start);
    seconds.dedup_by_key(|span| span.start);
    // For each of them, the greatest mention starting before it: each
    // mention is counted for the first start after its own, and a start
    // with none takes the one before it.
    let mut before: Vec<Option<Span>> = vec![None; seconds.len()];
    for span in spans {
        let slot = seconds.partition_point(|second| second.start <= span.start);
        if let Some(best) = before.get_mut(slot) {
            if best.is_none_or(|best| span > best) {
                *best = Some(span);
            }
        }
    }
    let mut pairs = Vec::new();
    let mut greatest: Option<Span> = None;
    for (second, best) in seconds.iter().zip(&before) {
        if best.is_some() {
            greatest = *best;
        }
        let Some(first) = greatest else { continue };
        if !second.is_empty() && first.end == second.start && !first.is_empty() {
            pairs.push((first, *second));
        }
        // The next start's neighbour may be this start's shortest mention.
        greatest = Some(*second);
    }
    pairs
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::glued_pairs;
    use crate::analysis::span::Span;
    use crate::analysis::{analyze, settings::Settings};

    /// The pairs as the rule first found them: every mention sorted, each
    /// neighbour pair checked.
    fn sorted_pairs(text: &str, spans: &[Span]) -> Vec<(Span, Span)> {
        let mut spans = spans.to_vec();
        spans.sort();
        spans
            .windows(2)
            .map(|pair| (pair[0], pair[1]))
            .filter(|(left, right)| {
                left.end == right.start
                    && !left.is_empty()
                    && !right.is_empty()
                    && text
                        .get(..right.start)
                        .and_then(|s| s.chars().next_back())
                        .is_some_and(char::is_alphabetic)
                    && text.get(right.start..).and_then(|s| s.chars().next()).is_some_and(char::is_alphabetic)
            })
            .collect()
    }

    proptest! {
        /// Any mentions (empty, repeated, nested, overlapping, on
        /// multi-byte letters) give the pairs the sorting check gave.
        #[test]
        fn pairs_are_those_of_the_sorted_mentions(
            words in prop::collection::vec(prop::sample::select(vec!["Xinhua", "Li", "Ré", "ß", " ", ", ", "a", "日本"]), 1..12),
            raw in prop::collection::vec((0usize..60, 0usize..8), 0..14),
        ) {
            let text = words.concat();
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let spans: Vec<Span> = raw
                .iter()
                .map(|&(start, len)| {
                    let start = boundaries[start % boundaries.len()];
                    let end = boundaries.iter().copied().filter(|&b| b >= start).nth(len % 3).unwrap_or(start);
                    Span::new(start, end)
                })
                .collect();
            prop_assert_eq!(glued_pairs(&text, spans.iter().copied()), sorted_pairs(&text, &spans));
        }
    }

    /// (text, the glued word flagged, if any)
    const CASES: &[(&str, Option<&str>)] = &[
        ("The minister, Li Shangfu, spoke. According to the agency XinhuaLi said it.", Some("XinhuaLi")),
        ("Reporters from ReutersTass were there.", Some("ReutersTass")),
        ("He watched it on YouTube yesterday.", None),
        ("They ate at McDonald in Moscow.", None),
        ("She bought an iPhone and a PlayStation in Beijing.", None),
    ];

    #[test]
    fn only_pairs_of_known_names_are_split() {
        for (text, expected) in CASES {
            let analysis = analyze(text, &Settings::default());
            let found: Vec<&str> = analysis
                .findings
                .iter()
                .filter(|f| f.code == "glued-words")
                .map(|f| f.span.slice(text))
                .collect();
            assert_eq!(found.first().copied(), *expected, "{text}");
        }
    }
}
