//! `unattributed-quote`: a quotation of speech with no speaker.

use crate::analysis::finding::{Finding, Related, Severity};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "unattributed-quote",
    default_severity: Some(Severity::Warning),
    summary: "A quotation of speech with no speaker (an orphan quote).",
    explanation: "What it does: flags a direct quotation when no speaker can be found for it: no \
        attribution in its sentence (Putin said: “…” / “…,” said Putin / “…,” he said / according to \
        X), none carried over from the sentence or paragraph before, and it is not a term, title or \
        scare quote. It stays silent when the quotation is anchored some other way (reported speech: \
        German subjunctive, so, laut, zufolge, heißt es; a person named in its sentence or the one \
        before; an introduction with a colon; a short fragment that is not a clause), because a false \
        alarm costs more trust than a miss. Why: the reader must always know who is talking; AP and every newsroom forbid \
        orphan quotes. A headline may quote without naming the speaker: the story below does. Example: “We will not back down.” on its own after a paragraph about the \
        weather — add “, the mayor said” or introduce it with “The mayor said:”.",
    reads: Reads::People,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    // Speech cues exist for English and German; in another language every
    // quotation would look unattributed, unless the newsroom listed cues.
    let language = context.settings.language();
    let has_cues = ["en", "de"].iter().any(|code| language.split('-').next() == Some(*code));
    if !has_cues && context.settings.attribution.cues.is_empty() {
        return;
    }
    let analysis = context.analysis;
    let article = &analysis.article;
    for (quotation, attribution) in analysis.quotes.quotations.iter().zip(&analysis.attributions) {
        if quotation.level != 0
            || !attribution.is_speech
            || attribution.speaker.is_some()
            || !attribution.orphan
        {
            continue;
        }
        // A headline quotes without naming the speaker (“‘Never again’:
        // survivors mark …”); the story below does.
        let paragraph = article.paragraphs.partition_point(|p| p.span.end <= quotation.span.start);
        if article.is_headline(paragraph, context.text) {
            continue;
        }
        let inner = context.text.get(quotation.inner.start..quotation.inner.end).unwrap_or("");
        // The first four words, read once; a fifth only tells whether to
        // add an ellipsis.
        let mut words = inner.split_whitespace();
        let mut opening = String::new();
        for word in words.by_ref().take(4) {
            if !opening.is_empty() {
                opening.push(' ');
            }
            opening.push_str(word);
        }
        let ellipsis = if words.next().is_some() { "…" } else { "" };
        let message = match attribution.cue.and_then(|cue| context.text.get(cue.start..cue.end)) {
            Some(cue) => format!(
                "The quotation “{opening}{ellipsis}” has a speech verb (“{cue}”) but no speaker: name who said it."
            ),
            None => format!(
                "No one is named as saying “{opening}{ellipsis}”: add who said it (“…,” the minister said) or introduce it (The minister said: “…”)."
            ),
        };
        let related = attribution
            .candidate
            .map(|span| Related {
                span,
                message: format!(
                    "The nearest person named before the quotation is {}; if they said it, say so.",
                    context.text.get(span.start..span.end).unwrap_or("")
                ),
            })
            .into_iter()
            .collect();
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Warning,
            message,
            span: quotation.span,
            related,
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Settings};

    /// (text, number of unattributed-quote findings, whether it has a related location)
    const CASES: &[(&str, usize, bool)] = &[
        ("“We will not back down from this fight,” the mayor said.", 0, false),
        ("The storm passed.\n\n“We will not back down from this fight.”", 1, false),
        ("Mayor Anna Berg visited the dam.\n\n“We will not back down from this fight.”", 1, true),
        ("The so-called “reform” failed.", 0, false),
        // A headline's quotation: its speaker is in the story.
        ("# ‘We will not back down from this fight’: mayor vows to rebuild\n\nThe storm passed.", 0, false),
        ("“We will not back down from this fight”: Mayor vows to rebuild\n\nThe storm passed.", 0, false),
    ];

    #[test]
    fn flags_orphans_only() {
        for (text, count, related) in CASES {
            let analysis = analyze(text, &Settings::default());
            let found: Vec<_> = analysis.findings.iter().filter(|f| f.code == "unattributed-quote").collect();
            assert_eq!(found.len(), *count, "{text}: {found:?}");
            if let Some(finding) = found.first() {
                assert_eq!(!finding.related.is_empty(), *related, "{text}: {finding:?}");
                assert!(finding.message.contains("We will not back"), "{}", finding.message);
            }
        }
    }
}
