//! `unclosed-quote`: an opening quotation mark that is never closed.

use crate::analysis::finding::{Finding, Fix, Related, Severity, TextEdit};
use crate::analysis::quotes::QuoteProblem;
use crate::analysis::rules::Rule;
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "unclosed-quote",
    default_severity: Some(Severity::Warning),
    summary: "An opening quotation mark that is never closed.",
    explanation: "What it does: flags an opening quotation mark (“, ‘, „, «…) whose quotation never \
        closes. Why: the reader cannot tell where the speaker's words stop. A quotation running over \
        several paragraphs is not flagged when each new paragraph reopens it (no closing mark at the end \
        of the first paragraph, an opening mark at the start of the next), as newsroom style asks. \
        Example: “We will rebuild the bridge, the mayor said. — add ” after “bridge,”.",
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let quotes = &context.analysis.quotes;
    let paragraphs = &context.analysis.article.paragraphs;
    for problem in &quotes.problems {
        let QuoteProblem::Unclosed { mark, would_end } = *problem else { continue };
        let Some(opening) = quotes.marks.get(mark) else { continue };
        let quotation = opening.quotation.and_then(|q| quotes.quotations.get(q));
        let first_glyph =
            quotation.and_then(|q| quotes.marks.get(q.open_mark)).map_or(opening.glyph, |m| m.glyph);
        let closing = quotes.convention.closing_for(first_glyph);
        let at_paragraph_end = paragraphs.iter().any(|p| p.span.end == would_end);
        let has_next_paragraph = paragraphs.iter().any(|p| p.span.start > would_end);
        let mut message = format!(
            "This {} opens a quotation that is never closed; add {} where the quote ends",
            opening.glyph, closing
        );
        if at_paragraph_end && has_next_paragraph {
            message.push_str(&format!(
                ", or, if the quotation runs on, start the next paragraph with {}",
                opening.glyph
            ));
        }
        message.push('.');
        let where_it_ends = if at_paragraph_end {
            "The quotation would end here, at the end of its paragraph.".to_owned()
        } else {
            "The quotation would end here, before the mark that closes the quotation around it.".to_owned()
        };
        let insert_at = would_end.min(context.text.len());
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Warning,
            message,
            span: opening.span,
            related: vec![Related { span: Span::new(insert_at, insert_at), message: where_it_ends }],
            fixes: vec![Fix {
                title: format!(
                    "Add {closing} at the end of the quotation (a guess: check where the quote ends)"
                ),
                edits: vec![TextEdit::insert(insert_at, closing.to_string())],
                safe: false,
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::finding::apply_edits;
    use crate::analysis::{analyze, Settings};

    /// (text, expected text after the first fix of the one unclosed-quote finding)
    const CASES: &[(&str, &str)] = &[
        ("“We will rebuild the bridge.", "“We will rebuild the bridge.”"),
        ("“He said, ‘Stop.” Then he left.", "“He said, ‘Stop.’” Then he left."),
        ("„Wir bauen die Brücke.\n\nDer Rat tagte.", "„Wir bauen die Brücke.“\n\nDer Rat tagte."),
    ];

    #[test]
    fn flags_the_opening_mark_and_inserts_the_closing_one() {
        for (text, fixed) in CASES {
            let analysis = analyze(text, &Settings::default());
            let found: Vec<_> = analysis.findings.iter().filter(|f| f.code == "unclosed-quote").collect();
            assert_eq!(found.len(), 1, "{text}: {:?}", analysis.findings);
            assert!(found[0].message.contains("never closed"), "{}", found[0].message);
            assert_eq!(apply_edits(text, &found[0].fixes[0].edits), *fixed);
        }
    }
}
