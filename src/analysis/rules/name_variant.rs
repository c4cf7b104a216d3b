//! `name-variant`: one person spelled two ways in one article.

use crate::analysis::actors::{ActorKind, MentionForm};
use crate::analysis::finding::{Finding, Fix, Related, Severity, TextEdit};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "name-variant",
    default_severity: Some(Severity::Warning),
    summary: "A person's name spelled another way than at first reference",
    explanation: "What it does: flags a mention of a person spelled differently from the article's first reference, or from the newsroom registry's preferred spelling, and offers that spelling. Why: transliterated names drift (Zelensky, Zelenskyy, Zelenskiy), and two spellings in one piece look like two people. Example: an article that introduces \"Volodymyr Zelenskyy\" and later writes \"Zelensky\" gets a fix to \"Zelenskyy\". The registry's `variants` list flags a spelling even when the article is consistent.",
    reads: Reads::Actors,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let text = context.text;
    for actor in &context.analysis.actors.actors {
        if actor.kind != ActorKind::Person {
            continue;
        }
        // The registry spelling wins; else the first reference's.
        let registry_name = actor
            .registry
            .and_then(|r| context.settings.actors.people.get(r))
            .map(|entry| entry.name.as_str());
        let full = registry_name.unwrap_or(actor.name.as_str());
        let surname = {
            let words: Vec<&str> = full.split_whitespace().collect();
            if words.len() > 1 && actor.surname() == words[0] {
                words[0]
            } else {
                words.last().copied().unwrap_or(full)
            }
        };
        for span in actor.mentions_of(MentionForm::Variant) {
            let written = span.slice(text);
            let wanted = if written.contains(' ') { full } else { surname };
            if written == wanted {
                continue;
            }
            let source =
                if registry_name.is_some() { "the newsroom registry" } else { "the first reference" };
            findings.push(Finding {
                code: RULE.code,
                severity: Severity::Warning,
                message: format!(
                    "“{written}” is spelled “{wanted}” in {source}. Use one spelling throughout."
                ),
                span,
                related: vec![Related { span: actor.first_reference, message: "First reference".to_owned() }],
                fixes: vec![Fix {
                    title: format!("Replace “{written}” with “{wanted}”"),
                    edits: vec![TextEdit::replace(span, wanted)],
                    safe: true,
                }],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::settings::{RegistryEntry, Settings};
    use crate::analysis::{analyze, finding::apply_edits};

    /// (text, text after applying every name-variant fix)
    const CASES: &[(&str, &str)] = &[
        (
            "Ukrainian President Volodymyr Zelenskyy spoke. Later Zelensky said no.",
            "Ukrainian President Volodymyr Zelenskyy spoke. Later Zelenskyy said no.",
        ),
        (
            "German Chancellor Olaf Scholz arrived. Scholz said yes.",
            "German Chancellor Olaf Scholz arrived. Scholz said yes.",
        ),
        // A German genitive is no other spelling.
        (
            "Iranian General Qassem Soleimani died. Soleimanis Tod löste Trauer aus.",
            "Iranian General Qassem Soleimani died. Soleimanis Tod löste Trauer aus.",
        ),
    ];

    fn fixed(text: &str, settings: &Settings) -> String {
        let analysis = analyze(text, settings);
        let edits: Vec<_> = analysis
            .findings
            .iter()
            .filter(|f| f.code == "name-variant")
            .flat_map(|f| f.fixes[0].edits.clone())
            .collect();
        apply_edits(text, &edits)
    }

    #[test]
    fn later_spellings_follow_the_first_reference() {
        for (text, expected) in CASES {
            assert_eq!(fixed(text, &Settings::default()), *expected, "{text}");
        }
    }

    #[test]
    fn the_registry_spelling_wins() {
        let mut settings = Settings::default();
        settings.actors.people.push(RegistryEntry {
            name: "Volodymyr Zelenskyy".to_owned(),
            variants: vec!["Zelensky".to_owned(), "Zelenskiy".to_owned()],
            ..Default::default()
        });
        let text = "The visit was planned, Zelenskiy said.";
        assert_eq!(fixed(text, &settings), "The visit was planned, Zelenskyy said.");
    }
}
