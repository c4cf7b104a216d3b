//! `first-reference`: a surname used before the person's full first reference.

use crate::analysis::actors::{ActorKind, MentionForm};
use crate::analysis::finding::{Finding, Related, Severity};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "first-reference",
    default_severity: Some(Severity::Info),
    summary: "A surname used before the person is introduced in full",
    explanation: "What it does: notes a later-reference form (the surname alone, \"Shoigu\") that appears before the person's full first reference (\"Russian Defense Minister Sergei Shoigu\"). Why: news style introduces a person with full name and title on first reference and uses the surname after; a reader meeting the bare surname first does not know who it is. Example: \"Shoigu agreed. ... Russian Defense Minister Sergei Shoigu also took part\" — move the full name and title up to the first mention.",
    reads: Reads::Actors,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let text = context.text;
    for actor in &context.analysis.actors.actors {
        if actor.kind != ActorKind::Person || !actor.name.contains(' ') {
            continue;
        }
        let Some(full) = actor.mentions_of(MentionForm::FullName).find(|s| s.slice(text).contains(' '))
        else {
            continue;
        };
        let article = &context.analysis.article;
        let in_headline =
            |span: &Span| article.paragraph_at(span.start).is_some_and(|p| article.is_headline(p, text));
        for span in
            actor.mentions_of(MentionForm::Surname).filter(|s| s.start < full.start && !in_headline(s))
        {
            findings.push(Finding {
                code: RULE.code,
                severity: Severity::Info,
                message: format!(
                    "“{}” appears before the full first reference “{}”. Give the full name and title at the first mention.",
                    span.slice(text),
                    full.slice(text)
                ),
                span,
                related: vec![Related { span: full, message: "The full first reference".to_owned() }],
                fixes: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, settings::Settings};

    /// (text, surnames flagged)
    const CASES: &[(&str, &[&str])] = &[
        ("Shoigu agreed.\n\nRussian Defense Minister Sergei Shoigu also took part.", &["Shoigu"]),
        ("Russian Defense Minister Sergei Shoigu took part. Shoigu agreed.", &[]),
        ("The talks ended. US Secretary of State Antony Blinken left. Blinken said more.", &[]),
        // Headlines use the surname alone.
        ("Shoigu visits Beijing\n\nRussian Defense Minister Sergei Shoigu arrived on Monday.", &[]),
        ("# Shoigu visits Beijing\n\nRussian Defense Minister Sergei Shoigu arrived on Monday.", &[]),
    ];

    #[test]
    fn surnames_before_the_full_name_are_noted() {
        for (text, expected) in CASES {
            let analysis = analyze(text, &Settings::default());
            let found: Vec<&str> = analysis
                .findings
                .iter()
                .filter(|f| f.code == "first-reference")
                .map(|f| f.span.slice(text))
                .collect();
            assert_eq!(&found, expected, "{text}");
        }
    }
}
