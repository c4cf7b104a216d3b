//! `glued-words`: two known names run together ("XinhuaLi").

use crate::analysis::finding::{Finding, Fix, Severity, TextEdit};
use crate::analysis::rules::Rule;
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "glued-words",
    default_severity: Some(Severity::Warning),
    summary: "Two names written without a space between them",
    explanation: "What it does: flags a word made of two names the article or the embedded data knows, with no space between them, and offers to insert the space. Why: a lost space (often from pasting or a deleted line break) makes a name no reader can look up. Only pairs of known names are flagged, so brand names such as \"YouTube\" or \"McDonald\" are left alone. Example: \"the Chinese state agency XinhuaLi said\" becomes \"Xinhua Li said\".",
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let text = context.text;
    let mut spans: Vec<Span> =
        context.analysis.actors.actors.iter().flat_map(|a| a.mentions.iter().copied()).collect();
    crate::analysis::attribution::sort_by_start(&mut spans, |span| span.start);
    for pair in spans.windows(2) {
        let (left, right) = (pair[0], pair[1]);
        if left.end != right.start || left.is_empty() || right.is_empty() {
            continue;
        }
        let joined_inside_word =
            text.get(..right.start).and_then(|s| s.chars().next_back()).is_some_and(char::is_alphabetic)
                && text.get(right.start..).and_then(|s| s.chars().next()).is_some_and(char::is_alphabetic);
        if !joined_inside_word {
            continue;
        }
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

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, settings::Settings};

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
