//! `anonymous-source`: an unmodified "a source said" or "sources said".

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::rules::{Reads, Rule};
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
    reads: Reads::Marks,
    check,
};

/// Where "source" or "quelle" (in any ASCII case) starts in `text`, in
/// order. Both words have a "u" second or third, and neither can overlap
/// itself or the other, so each "u" found with `memchr` (far rarer than the
/// bytes a general search would stop at) is checked for the one word it
/// can be part of.
fn occurrences(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let at = |start: usize, word: &str| {
        bytes.get(start..start + word.len()).is_some_and(|found| found.eq_ignore_ascii_case(word.as_bytes()))
    };
    // Lower-cased ASCII letter at `i` (other bytes come out as something
    // else): the letters around the `u` turn away nearly every one of the
    // tens of thousands of `u`s in a book before the words are compared.
    let lower = |i: usize| bytes.get(i).map(|byte| byte | 0x20);
    memchr::memchr2_iter(b'u', b'U', bytes).filter_map(move |u| {
        let (previous, next) = (u.checked_sub(1).and_then(lower), lower(u + 1));
        if !matches!((previous, next), (Some(b'o'), Some(b'r')) | (Some(b'q'), Some(b'e'))) {
            return None;
        }
        if u >= 2 && at(u - 2, "source") {
            Some(u - 2)
        } else if u >= 1 && at(u - 1, "quelle") {
            Some(u - 1)
        } else {
            None
        }
    })
}

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

/// The words the check is about; every other word is looked at only when it
/// stands next to one of them.
const SOURCE_WORDS: &[&str] = &["source", "sources", "quelle", "quellen"];

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let text = context.text;
    let article = &context.analysis.article;
    // Only the neighbourhood of "source"/"Quelle" is read, no per-word
    // allocation.
    let words = Words { text, article };
    let mut last_end = 0;
    for found in occurrences(text) {
        if found < last_end {
            continue;
        }
        let span = words.word_around(found);
        last_end = span.end;
        let word = span.slice(text).to_lowercase();
        if !SOURCE_WORDS.contains(&word.as_str()) || !article.is_prose(span.start) {
            continue;
        }
        let singular = matches!(word.as_str(), "source" | "quelle");
        // The three prose words before and the one after.
        let before: Vec<(Span, String)> =
            words.before(span.start).take(3).map(|w| (w, w.slice(text).to_lowercase())).collect();
        let lower_before = |k: usize| before.get(k).map(|(_, w)| w.as_str());
        let previous = lower_before(0);
        // Unmodified: "a source", "one source", bare "sources", "according to sources".
        let start_span = if singular {
            if !matches!(previous, Some("a" | "one" | "eine" | "einer")) {
                continue;
            }
            before[0].0
        } else {
            let adjacent = before.first().is_none_or(|(w, _)| gap_is_space(text, *w, span));
            if adjacent && !matches!(previous, None | Some("to" | "laut" | "and" | "und" | "but" | "aber")) {
                continue;
            }
            span
        };
        let next_span = words.after(span.end);
        let next_word = next_span.map(|w| w.slice(text).to_lowercase());
        let next = next_word.as_deref();
        let according = lower_before(1) == Some("according") && previous.is_some_and(|p| p == "to")
            || (singular && lower_before(2) == Some("according"))
            || previous == Some("laut");
        let speaks = next.is_some_and(|n| VERBS.contains(&n));
        let followed_by_modifier =
            matches!(next, Some("familiar" | "close" | "with" | "in" | "at" | "who" | "inside" | "aus"));
        if !(speaks || (according && !followed_by_modifier)) {
            continue;
        }
        let end = match next_span {
            Some(next_span) if speaks => next_span.end,
            _ => span.end,
        };
        let first = if according && singular {
            before.get(2).map_or(start_span, |(w, _)| *w)
        } else if according {
            before.get(1).map_or(start_span, |(w, _)| *w)
        } else {
            start_span
        };
        let first = if first.start <= start_span.start { first } else { start_span };
        let phrase_span = Span::new(first.start, end);
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

/// Words (maximal runs of letters and digits) of the prose around an offset.
struct Words<'a> {
    text: &'a str,
    article: &'a crate::analysis::structure::Article,
}

impl<'a> Words<'a> {
    /// The word containing the byte `at` (a char boundary inside a word).
    fn word_around(&self, at: usize) -> Span {
        let start = self.text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(at, |(i, _)| i);
        Span::new(start, self.word_end(at))
    }

    fn word_end(&self, from: usize) -> usize {
        self.text[from..]
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(self.text.len(), |(i, _)| from + i)
    }

    /// The prose words before `offset`, nearest first.
    fn before(&self, offset: usize) -> impl Iterator<Item = Span> + 'a {
        let text = self.text;
        let article = self.article;
        let mut end = offset;
        std::iter::from_fn(move || {
            let head = &text[..end];
            let word_end = head
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_alphanumeric())
                .map(|(i, c)| i + c.len_utf8())?;
            let word_start = head[..word_end]
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric())
                .last()
                .map_or(word_end, |(i, _)| i);
            end = word_start;
            Some(Span::new(word_start, word_end))
        })
        .filter(move |word| article.is_prose(word.start))
    }

    /// The first prose word after `offset`.
    fn after(&self, offset: usize) -> Option<Span> {
        let mut from = offset;
        loop {
            let start =
                self.text[from..].char_indices().find(|(_, c)| c.is_alphanumeric()).map(|(i, _)| from + i)?;
            let word = Span::new(start, self.word_end(start));
            if self.article.is_prose(word.start) {
                return Some(word);
            }
            from = word.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Settings};

    /// (text, where "source"/"quelle" start, in any ASCII case)
    const OCCURRENCES: &[(&str, &[usize])] = &[
        ("", &[]),
        ("u", &[]),
        ("source", &[0]),
        ("SOURCES said, per QUELLE", &[0, 18]),
        ("ResourceS; sOuRcE-Quellen", &[2, 11, 18]),
        ("sourcesource quellequelle", &[0, 6, 13, 19]),
        ("soure sour quell quelle über «source»", &[17, 32]),
        ("ou qu uo our Ouro quE sou", &[]),
        ("Ü𝔘u source", &[8]),
    ];

    #[test]
    fn occurrences_are_every_source_and_quelle_in_order() {
        for (text, expected) in OCCURRENCES {
            assert_eq!(super::occurrences(text).collect::<Vec<_>>(), *expected, "{text:?}");
        }
    }

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
