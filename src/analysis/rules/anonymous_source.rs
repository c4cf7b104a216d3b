//! `anonymous-source`: an unmodified "a source said" or "sources said".

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::rules::Rule;
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "anonymous-source",
    default_severity: Some(Severity::Info),
    summary: "An unmodified anonymous source (“a source said”, “sources said”).",
    explanation: "What it does: flags attribution to a bare source — “a source said”, “sources \
        said”, “according to sources” — with nothing saying who the source is or how they know. \
        Why: AP almost always prohibits an unmodified “a source said”, and Reuters prohibits the \
        plural “sources” for a single source. Example: “sources said the talks failed” — write \
        “two diplomats who attended the talks said”. Turn it off or down with \
        `rules.anonymous-source` in copydesk.toml.",
    check,
};

/// Verbs that make a bare source the speaker.
const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "added",
    "confirmed",
    "claimed",
    "stated",
    "reported",
    "sagte",
    "sagten",
    "sagt",
    "berichtete",
    "berichteten",
    "zufolge",
];

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let text = context.text;
    let article = &context.analysis.article;
    let words: Vec<(Span, String)> =
        word_spans(text).into_iter().filter(|(span, _)| article.is_prose(span.start)).collect();
    let lower = |i: usize| words.get(i).map(|(_, w)| w.as_str());
    for i in 0..words.len() {
        let (span, word) = &words[i];
        let singular = matches!(word.as_str(), "source" | "quelle");
        let plural = matches!(word.as_str(), "sources" | "quellen");
        if !singular && !plural {
            continue;
        }
        let previous = i.checked_sub(1).and_then(lower);
        // Unmodified: "a source", "one source", bare "sources", "according to sources".
        let start_word = if singular {
            if !matches!(previous, Some("a" | "one" | "eine" | "einer")) {
                continue;
            }
            i - 1
        } else {
            let adjacent = i == 0 || gap_is_space(text, words[i - 1].0, *span);
            if adjacent && !matches!(previous, None | Some("to" | "laut" | "and" | "und" | "but" | "aber")) {
                continue;
            }
            i
        };
        let next = lower(i + 1);
        let according = i >= 2 && lower(i - 2) == Some("according") && previous.is_some_and(|p| p == "to")
            || (singular && i >= 3 && lower(i - 3) == Some("according"))
            || previous == Some("laut");
        let speaks = next.is_some_and(|n| VERBS.contains(&n));
        let followed_by_modifier =
            matches!(next, Some("familiar" | "close" | "with" | "in" | "at" | "who" | "inside" | "aus"));
        if !(speaks || (according && !followed_by_modifier)) {
            continue;
        }
        let end = if speaks { words[i + 1].0.end } else { span.end };
        let first = if according && singular {
            i - 3
        } else if according {
            i - 2
        } else {
            start_word
        };
        let first = first.min(start_word);
        let phrase_span = Span::new(words[first].0.start, end);
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Info,
            message: format!(
                "“{}” does not tell the reader who the source is: say who they are and how they know (“a diplomat who attended the talks said”).",
                text.get(phrase_span.start..phrase_span.end).unwrap_or("")
            ),
            span: phrase_span,
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
}

fn gap_is_space(text: &str, a: Span, b: Span) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| gap.chars().all(char::is_whitespace))
}

fn word_spans(text: &str) -> Vec<(Span, String)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push((Span::new(s, i), text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Settings};

    /// (text, the flagged phrases)
    const CASES: &[(&str, &[&str])] = &[
        ("The talks failed, a source said.", &["a source said"]),
        ("Sources said the talks failed.", &["Sources said"]),
        ("The talks failed, according to sources.", &["according to sources"]),
        ("Two sources familiar with the talks said they failed.", &[]),
        ("Diplomatic sources said the talks failed.", &[]),
        ("A source close to the minister said the talks failed.", &[]),
        ("The river's source is in the hills.", &[]),
    ];

    #[test]
    fn flags_only_unmodified_sources() {
        for (text, expected) in CASES {
            let analysis = analyze(text, &Settings::default());
            let found: Vec<&str> = analysis
                .findings
                .iter()
                .filter(|f| f.code == "anonymous-source")
                .map(|f| &text[f.span.start..f.span.end])
                .collect();
            assert_eq!(found, *expected, "{text}");
        }
    }
}
