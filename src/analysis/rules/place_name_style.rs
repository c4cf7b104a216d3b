//! `place-name-style`: a place name the house style spells another way.

use crate::analysis::finding::{Finding, Fix, Severity, TextEdit};
use crate::analysis::rules::Rule;
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "place-name-style",
    default_severity: Some(Severity::Warning),
    summary: "A place name spelled another way than the house style",
    explanation: "What it does: flags place names the house style replaces, such as \"Kiev\", which AP has spelled \"Kyiv\" since 2019, and offers the house spelling. Why: readers and editors expect one spelling, and the old transliterations can carry political weight. Fixed phrases keep the old spelling (\"chicken Kiev\", \"Kievan Rus\"). Example: \"weapons to Kiev\" becomes \"weapons to Kyiv\". The table is the `actors.place_names` setting.",
    check,
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn whole_word_matches(text: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    for (start, _) in text.match_indices(needle) {
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_none_or(|c| !is_word_char(c)) && after.is_none_or(|c| !is_word_char(c)) {
            out.push(Span::new(start, end));
        }
    }
    out
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let text = context.text;
    let article = &context.analysis.article;
    for rule in &context.settings.actors.place_names {
        let exceptions: Vec<Span> = rule.except.iter().flat_map(|e| whole_word_matches(text, e)).collect();
        for old in &rule.instead_of {
            if old == &rule.preferred {
                continue;
            }
            for span in whole_word_matches(text, old) {
                if !article.is_prose(span.start) || exceptions.iter().any(|e| e.covers(span)) {
                    continue;
                }
                findings.push(Finding {
                    code: RULE.code,
                    severity: Severity::Warning,
                    message: format!("House style spells this place “{}”, not “{old}”.", rule.preferred),
                    span,
                    related: Vec::new(),
                    fixes: vec![Fix {
                        title: format!("Replace “{old}” with “{}”", rule.preferred),
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
