//! `straight-quotes` (off by default): straight " and ' in a document that
//! otherwise uses curly marks.

use crate::analysis::finding::{Finding, Fix, Severity, TextEdit};
use crate::analysis::quotes::{MarkRole, Quotes};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "straight-quotes",
    default_severity: None,
    summary: "Straight quotation marks in a document that uses curly ones.",
    explanation: "What it does: when a document uses curly quotation marks (“ ” ‘ ’ „ « …), flags each \
        straight \" or ' used as a quotation mark or apostrophe, and offers its curly form in the \
        document's convention. Inch and foot marks (5'10\") are left alone. Off by default; the source \
        action \"Convert straight quotes to curly\" fixes the whole document at once. Example: “Yes,\" \
        she said. — \" becomes ”.",
    reads: Reads::Marks,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let quotes = &context.analysis.quotes;
    if !quotes.uses_curly() {
        return;
    }
    let replacements = quotes.curly_replacements();
    let curly_of = |index: usize| {
        replacements.binary_search_by_key(&index, |&(i, _)| i).ok().map(|at| replacements[at].1)
    };
    for &(index, curly) in &replacements {
        let Some(mark) = quotes.marks.get(index) else { continue };
        // A straight mark of a quotation is replaced with the quotation's
        // other straight marks (opening, reopenings, closing): converting one
        // alone would leave “…" mismatched.
        let mut edits: Vec<TextEdit> = quotation_marks(quotes, index)
            .into_iter()
            .filter_map(|other| {
                let glyph = curly_of(other)?;
                quotes.marks.get(other).map(|m| TextEdit::replace(m.span, glyph.to_string()))
            })
            .collect();
        if edits.is_empty() {
            edits.push(TextEdit::replace(mark.span, curly.to_string()));
        }
        let title = if edits.len() > 1 {
            format!("Replace the straight marks of this quotation with curly ones ({curly} here)")
        } else {
            format!("Replace {} with {curly}", mark.glyph)
        };
        let what = match mark.role {
            MarkRole::Apostrophe => "apostrophe",
            _ => "quotation mark",
        };
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Hint,
            message: format!(
                "This straight {} is a {what} in a document that uses curly marks; replace it with {curly}.",
                mark.glyph
            ),
            span: mark.span,
            related: Vec::new(),
            fixes: vec![Fix { title, edits, safe: true }],
        });
    }
}

/// The marks of the quotation mark `index` opens, reopens or closes, in
/// text order; empty for an apostrophe or a mark outside any quotation.
fn quotation_marks(quotes: &Quotes, index: usize) -> Vec<usize> {
    let Some(quotation) =
        quotes.marks.get(index).and_then(|m| m.quotation).and_then(|q| quotes.quotations.get(q))
    else {
        return Vec::new();
    };
    std::iter::once(quotation.open_mark)
        .chain(quotation.reopen_marks.iter().copied())
        .chain(quotation.close_mark)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analysis::finding::apply_edits;
    use crate::analysis::settings::RuleLevel;
    use crate::analysis::{analyze, Settings};

    fn enabled() -> Settings {
        let mut settings = Settings::default();
        settings.rules.insert("straight-quotes".to_owned(), RuleLevel::Hint);
        settings
    }

    /// (text, the text after every fix)
    const CASES: &[(&str, &str)] = &[
        ("“Yes,” she said. \"No,\" he said. It's 6' tall.", "“Yes,” she said. “No,” he said. It’s 6' tall."),
        ("\"No,\" he said.", "\"No,\" he said."),
    ];

    #[test]
    fn offers_curly_marks_only_in_curly_documents() {
        assert!(analyze("“Yes,\" she said.", &Settings::default())
            .findings
            .iter()
            .all(|f| f.code != "straight-quotes"));
        for (text, fixed) in CASES {
            let analysis = analyze(text, &enabled());
            let edits: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.code == "straight-quotes")
                .flat_map(|f| f.fixes[0].edits.clone())
                .collect();
            assert_eq!(apply_edits(text, &edits), *fixed);
        }
    }
}
