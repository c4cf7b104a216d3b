//! `place-name-style`: a place name the house style spells another way.

use std::sync::{Arc, Mutex};

use aho_corasick::AhoCorasick;

use crate::analysis::finding::{Finding, Fix, Severity, TextEdit};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "place-name-style",
    default_severity: Some(Severity::Warning),
    summary: "A place name spelled another way than the house style",
    explanation: "What it does: flags place names the house style replaces, such as \"Kiev\", which AP has spelled \"Kyiv\" since 2019, and offers the house spelling. Why: readers and editors expect one spelling, and the old transliterations can carry political weight. Fixed phrases keep the old spelling (\"chicken Kiev\", \"Kievan Rus\"). Example: \"weapons to Kiev\" becomes \"weapons to Kyiv\". The table is the `actors.place_names` setting.",
    reads: Reads::Marks,
    check,
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The automaton for `patterns`, built once per table: the table is a
/// setting, the same on every keystroke, and building costs more than the
/// search. (The last table is kept; a pure cache, shared by all documents.)
fn finder_for(patterns: &[&str]) -> Option<Arc<AhoCorasick>> {
    type Cached = Option<(Vec<String>, Arc<AhoCorasick>)>;
    static LAST: Mutex<Cached> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((key, finder)) = last.as_ref() {
        if key.iter().map(String::as_str).eq(patterns.iter().copied()) {
            return Some(Arc::clone(finder));
        }
    }
    let finder = Arc::new(AhoCorasick::new(patterns).ok()?);
    *last = Some((patterns.iter().map(|p| (*p).to_owned()).collect(), Arc::clone(&finder)));
    Some(finder)
}

/// The whole-word occurrences of each needle, as `str::match_indices` would
/// find them one needle at a time (left to right, not overlapping), but in
/// one pass over the text for all of them.
fn whole_word_matches(text: &str, needles: &[&str]) -> Vec<Vec<Span>> {
    let mut found = vec![Vec::new(); needles.len()];
    // Empty needles match nothing; duplicates share one pattern.
    let mut patterns: Vec<&str> = needles.iter().copied().filter(|n| !n.is_empty()).collect();
    patterns.sort_unstable();
    patterns.dedup();
    if patterns.is_empty() {
        return found;
    }
    let Some(finder) = finder_for(&patterns) else {
        return found;
    };
    let mut spans = vec![Vec::new(); patterns.len()];
    let mut last_end = vec![0; patterns.len()];
    for hit in finder.find_overlapping_iter(text) {
        let (p, start, end) = (hit.pattern().as_usize(), hit.start(), hit.end());
        // `match_indices` resumes after the previous match of the same needle.
        if start < last_end[p] {
            continue;
        }
        last_end[p] = end;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_none_or(|c| !is_word_char(c)) && after.is_none_or(|c| !is_word_char(c)) {
            spans[p].push(Span::new(start, end));
        }
    }
    for (needle, out) in needles.iter().zip(&mut found) {
        if let Ok(p) = patterns.binary_search(needle) {
            out.clone_from(&spans[p]);
        }
    }
    found
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let text = context.text;
    let article = &context.analysis.article;
    let rules = &context.settings.actors.place_names;
    // Every spelling and exception of every rule, found in one pass.
    let needles: Vec<&str> = rules
        .iter()
        .flat_map(|rule| rule.except.iter().chain(&rule.instead_of).map(String::as_str))
        .collect();
    let mut found = whole_word_matches(text, &needles).into_iter();
    for rule in rules {
        let exceptions: Vec<Span> = found.by_ref().take(rule.except.len()).flatten().collect();
        for (old, spans) in rule.instead_of.iter().zip(found.by_ref().take(rule.instead_of.len())) {
            if old == &rule.preferred {
                continue;
            }
            // One message and title per spelling, copied to each finding.
            let message = format!("House style spells this place “{}”, not “{old}”.", rule.preferred);
            let title = format!("Replace “{old}” with “{}”", rule.preferred);
            for span in spans {
                if !article.is_prose(span.start) || exceptions.iter().any(|e| e.covers(span)) {
                    continue;
                }
                findings.push(Finding {
                    code: RULE.code,
                    severity: Severity::Warning,
                    message: message.clone(),
                    span,
                    related: Vec::new(),
                    fixes: vec![Fix {
                        title: title.clone(),
                        edits: vec![TextEdit::replace(span, rule.preferred.clone())],
                        safe: true,
                    }],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, settings::Settings};

    /// (text, expected text after applying every fix)
    const CASES: &[(&str, &str)] = &[
        ("Weapons were sent to Kiev.", "Weapons were sent to Kyiv."),
        ("Kiev and Kiev again.", "Kyiv and Kyiv again."),
        ("He ordered chicken Kiev.", "He ordered chicken Kiev."),
        ("The history of Kievan Rus is long.", "The history of Kievan Rus is long."),
        ("Kyiv is the capital.", "Kyiv is the capital."),
        ("The Kievskaya station.", "The Kievskaya station."),
    ];

    /// (text, needles, the whole-word matches of each needle as byte ranges)
    #[allow(clippy::type_complexity)]
    const MATCHES: &[(&str, &[&str], &[&[(usize, usize)]])] = &[
        ("Kiev, Kiev", &["Kiev"], &[&[(0, 4), (6, 10)]]),
        // Each needle on its own, overlaps between needles allowed.
        ("chicken Kiev", &["chicken Kiev", "Kiev"], &[&[(0, 12)], &[(8, 12)]]),
        // A needle's own matches do not overlap (as `match_indices`).
        ("a-a-a", &["a-a"], &[&[(0, 3)]]),
        // Duplicates and empty needles.
        ("Kiev", &["Kiev", "", "Kiev"], &[&[(0, 4)], &[], &[(0, 4)]]),
        // Not inside a word, also next to non-ASCII letters.
        ("Kievan éKiev Kiev—", &["Kiev"], &[&[(14, 18)]]),
        ("", &["Kiev"], &[&[]]),
    ];

    #[test]
    fn needles_are_found_in_one_pass_as_one_by_one() {
        use crate::analysis::span::Span;
        for (text, needles, expected) in MATCHES {
            let expected: Vec<Vec<Span>> =
                expected.iter().map(|spans| spans.iter().map(|&(s, e)| Span::new(s, e)).collect()).collect();
            assert_eq!(super::whole_word_matches(text, needles), expected, "{text:?} {needles:?}");
        }
    }

    #[test]
    fn kiev_becomes_kyiv_except_in_fixed_phrases() {
        for (text, expected) in CASES {
            let analysis = analyze(text, &Settings::default());
            let edits: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.code == "place-name-style")
                .flat_map(|f| f.fixes[0].edits.clone())
                .collect();
            assert_eq!(crate::analysis::finding::apply_edits(text, &edits), *expected, "{text}");
        }
    }
}
