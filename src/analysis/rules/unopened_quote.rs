//! `unopened-quote`: a closing quotation mark with no opening mark.

use crate::analysis::finding::{Finding, Fix, Severity, TextEdit};
use crate::analysis::quotes::{is_quote_glyph, QuoteProblem};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "unopened-quote",
    default_severity: Some(Severity::Warning),
    summary: "A closing quotation mark with no opening mark.",
    explanation: "What it does: flags a closing quotation mark (”, ’ after punctuation, “ in German, » …) \
        that closes nothing. Why: either the opening mark is missing, so the reader cannot tell where the \
        quotation starts, or the mark is stray. Apostrophes (students’, runnin’) and inch marks (12\") \
        are not flagged. Example: The mayor said the bridge would be rebuilt.” — add “ where the quote \
        begins, or delete the ”.",
    reads: Reads::Marks,
    check,
};

fn opening_for(closing: char) -> char {
    match closing {
        '”' => '“',
        '’' => '‘',
        '»' => '«',
        '›' => '‹',
        '“' => '„',
        '‘' => '‚',
        '」' => '「',
        '』' => '『',
        other => other,
    }
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let quotes = &context.analysis.quotes;
    for problem in &quotes.problems {
        let QuoteProblem::Unopened { mark } = *problem else { continue };
        let Some(closing) = quotes.marks.get(mark) else { continue };
        // Deleting a mark glued to another quotation mark changes how that
        // one reads (’” without the ” leaves ’ closing nothing): no fix then.
        let text = context.text;
        let glued = text[..closing.span.start].chars().next_back().is_some_and(is_quote_glyph)
            || text[closing.span.end..].chars().next().is_some_and(is_quote_glyph);
        let fixes = if glued {
            Vec::new()
        } else {
            vec![Fix {
                title: format!("Delete the stray {}", closing.glyph),
                edits: vec![TextEdit::delete(closing.span)],
                safe: false,
            }]
        };
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Warning,
            message: format!(
                "This {} closes a quotation that was never opened; add {} where the quote begins, or delete the {} if it is stray.",
                closing.glyph,
                opening_for(closing.glyph),
                closing.glyph
            ),
            span: closing.span,
            related: Vec::new(),
            fixes,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::finding::apply_edits;
    use crate::analysis::{analyze, Settings};

    /// (text, text after deleting the stray mark)
    const CASES: &[(&str, &str)] = &[
        ("The council met late.” It adjourned.", "The council met late. It adjourned."),
        ("The vote was 7-2.\"", "The vote was 7-2."),
    ];

    #[test]
    fn flags_the_stray_closing_mark() {
        for (text, fixed) in CASES {
            let analysis = analyze(text, &Settings::default());
            assert_eq!(analysis.findings.len(), 1, "{text}: {:?}", analysis.findings);
            let finding = &analysis.findings[0];
            assert_eq!(finding.code, "unopened-quote");
            assert_eq!(apply_edits(text, &finding.fixes[0].edits), *fixed);
        }
    }
}
