//! `unclosed-quote`: an opening quotation mark that is never closed.

use crate::analysis::finding::{Finding, Fix, Related, Severity, TextEdit};
use crate::analysis::quotes::QuoteProblem;
use crate::analysis::rules::{Reads, Rule};
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
    reads: Reads::Marks,
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
        // Paragraphs are sorted and disjoint: binary searches keep a book
        // with many unclosed quotations linear.
        let ending = paragraphs.partition_point(|p| p.span.end < would_end);
        let at_paragraph_end = paragraphs.get(ending).is_some_and(|p| p.span.end == would_end);
        let has_next_paragraph = paragraphs.last().is_some_and(|p| p.span.start > would_end);
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
        let fix = closing_fix(context, mark, would_end, closing);
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Warning,
            message,
            span: opening.span,
            related: vec![Related { span: Span::new(insert_at, insert_at), message: where_it_ends }],
            fixes: fix.into_iter().collect(),
        });
    }
}

/// The fix for the unclosed quotation opened by `mark`: its closing mark at
/// the end of the last word before `would_end`, after the closing marks of
/// the quotations unclosed inside it at the same point (innermost first),
/// so that the new mark closes this quotation and not an inner one.
///
/// Not offered when the quotation holds no word to close after (a closing
/// mark after a space would read as an opening one).
fn closing_fix(context: &Context<'_>, mark: usize, would_end: usize, closing: char) -> Option<Fix> {
    let quotes = &context.analysis.quotes;
    let text = context.text;
    let quotation_of =
        |mark: usize| quotes.marks.get(mark).and_then(|m| m.quotation).and_then(|q| quotes.quotations.get(q));
    let own = quotation_of(mark)?;
    // The quotations unclosed at the same point form one nested chain.
    let mut chain: Vec<(usize, char, usize)> = quotes
        .problems
        .iter()
        .filter_map(|problem| match *problem {
            QuoteProblem::Unclosed { mark: other, would_end: end } if end == would_end => {
                let quotation = quotation_of(other)?;
                let first = quotes.marks.get(quotation.open_mark)?;
                (quotation.level > own.level)
                    .then(|| (quotation.level, quotes.convention.closing_for(first.glyph), first.span.end))
            }
            _ => None,
        })
        .collect();
    chain.sort_by_key(|&(level, _, _)| std::cmp::Reverse(level));
    let innermost_start = chain.first().map_or(own.inner.start, |&(_, _, start)| start);
    let mut closings: String = chain.iter().map(|&(_, glyph, _)| glyph).collect();
    closings.push(closing);
    let end = would_end.min(text.len());
    let before = text.get(innermost_start..end)?;
    let insert_at = innermost_start + before.trim_end().len();
    if insert_at == innermost_start {
        return None;
    }
    let title = if chain.is_empty() {
        format!("Add {closing} at the end of the quotation (a guess: check where the quote ends)")
    } else {
        format!(
            "Add {closings} at the end of the quotation and the ones inside it (a guess: check where the quote ends)"
        )
    };
    Some(Fix { title, edits: vec![TextEdit::insert(insert_at, closings)], safe: false })
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
