//! `mismatched-quote`: a pair whose opening and closing marks do not belong
//! together (“…", „…” in German copy, or “…“ with an opening mark typed as
//! the closing one).

use crate::analysis::finding::{Finding, Fix, Related, Severity, TextEdit};
use crate::analysis::quotes::{Convention, QuoteProblem};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "mismatched-quote",
    default_severity: Some(Severity::Warning),
    summary: "A quotation whose opening and closing marks do not match.",
    explanation: "What it does: flags a quotation closed with a mark that does not belong to its opening \
        mark: an opening mark typed where the closing one belongs (“…“), a straight mark closing a curly \
        one (“…\"), or another convention's mark (German „ closes with “, not ”). Why: a wrong glyph \
        reads as a new quotation opening, and mixed marks look careless in print. Example: “We agree“, he \
        said. — replace the second “ with ”.",
    reads: Reads::Marks,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let quotes = &context.analysis.quotes;
    let convention = quotes.convention;
    for problem in &quotes.problems {
        let QuoteProblem::Mismatched { open, close, expected } = *problem else { continue };
        let (Some(opening), Some(closing)) = (quotes.marks.get(open), quotes.marks.get(close)) else {
            continue;
        };
        let (o, c) = (opening.glyph, closing.glyph);
        let straight_open = matches!(o, '"' | '\'');
        let wrong_opener = straight_open || o == c && matches!(o, '”' | '’');
        let (message, fix) = if wrong_opener {
            // The closing mark is the right shape; the opening one is not.
            let better = curly_opening_for(c, convention);
            (
                format!(
                    "This {o} opens a quotation closed by {c}; the marks do not match. Replace {o} with {better}."
                ),
                Fix {
                    title: format!("Replace {o} with {better}"),
                    edits: vec![TextEdit::replace(opening.span, better.to_string())],
                    safe: true,
                },
            )
        } else {
            let why = if c == o {
                format!("the same opening mark {o} was typed where the closing mark belongs")
            } else if matches!(c, '"' | '\'') {
                format!("a straight {c} closes the curly {o}")
            } else {
                format!("{o} closes with {expected} in {} style", convention.name())
            };
            (
                format!(
                    "This {c} closes the quotation opened by {o}, but {why}; replace {c} with {expected}."
                ),
                Fix {
                    title: format!("Replace {c} with {expected}"),
                    edits: vec![TextEdit::replace(closing.span, expected.to_string())],
                    safe: true,
                },
            )
        };
        let (span, partner, partner_message) = if wrong_opener {
            (opening.span, closing.span, format!("The quotation closes here with {c}."))
        } else {
            (closing.span, opening.span, format!("The quotation opens here with {o}."))
        };
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Warning,
            message,
            span,
            related: vec![Related { span: partner, message: partner_message }],
            fixes: vec![fix],
        });
    }
}

/// The curly opening mark that goes with closing mark `closing`.
fn curly_opening_for(closing: char, convention: Convention) -> char {
    match closing {
        '”' | '"' => match convention {
            Convention::German | Convention::Polish => '„',
            _ => '“',
        },
        '“' => '„',
        '’' | '\'' => match convention {
            Convention::German | Convention::Polish => '‚',
            _ => '‘',
        },
        '‘' => '‚',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::finding::apply_edits;
    use crate::analysis::{analyze, Settings};

    /// (text, the mark the finding sits on, text after its first fix)
    const CASES: &[(&str, &str, &str)] = &[
        ("“Taxes will rise“, she said.", "“", "“Taxes will rise”, she said."),
        ("“Taxes will rise,\" she said.", "\"", "“Taxes will rise,” she said."),
        ("\"Taxes will rise,” she said.", "\"", "“Taxes will rise,” she said."),
        ("„Die Steuern steigen”, sagte sie.", "”", "„Die Steuern steigen“, sagte sie."),
    ];

    #[test]
    fn flags_the_wrong_mark_and_replaces_only_it() {
        for (text, mark, fixed) in CASES {
            let analysis = analyze(text, &Settings::default());
            assert_eq!(analysis.findings.len(), 1, "{text}: {:?}", analysis.findings);
            let finding = &analysis.findings[0];
            assert_eq!(finding.code, "mismatched-quote");
            assert_eq!(finding.span.slice(text), *mark, "{text}");
            assert_eq!(finding.related.len(), 1);
            assert_eq!(apply_edits(text, &finding.fixes[0].edits), *fixed);
        }
    }
}
