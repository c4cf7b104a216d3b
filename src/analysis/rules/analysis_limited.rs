//! `analysis-limited` (info): the document exceeds a limit and some checks
//! were skipped (see `analysis::limits`).

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::limits::MAX_MARKS_PER_PARAGRAPH;
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "analysis-limited",
    default_severity: Some(Severity::Info),
    summary: "Some checks were skipped because a paragraph has too many quotation marks.",
    explanation: "What it does: says which checks copydesk skipped on this document and why. A paragraph \
        with more than 5,000 quotation marks (outside words) is not prose but a data dump, and would bury \
        the editor in findings, so the quotation-mark checks are left out while everything else keeps \
        working. Long documents are not limited: a book's tens of thousands of marks are all checked. \
        Why: a huge or unusual file (a data dump, a transcript pasted on one line) must not freeze the \
        editor. Example: a line of 100,000 “ marks gets this note instead of 100,000 unclosed-quote \
        warnings. Break up that paragraph, or move it to another file, to get every check back.",
    reads: Reads::Marks,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let skipped = &context.analysis.skipped;
    if skipped.is_empty() {
        return;
    }
    let first = context.text.chars().next().map_or(0, char::len_utf8);
    findings.push(Finding {
        code: RULE.code,
        severity: Severity::Info,
        message: format!(
            "A paragraph of this document has more than {MAX_MARKS_PER_PARAGRAPH} quotation marks, so copydesk skipped these checks: {}. Break that paragraph up (or move it to another file) to check them.",
            skipped.join(", ")
        ),
        span: Span::new(0, first),
        related: Vec::new(),
        fixes: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Settings};

    #[test]
    fn names_the_skipped_checks_once() {
        let analysis = analyze(&("“".repeat(6_000) + "Yes"), &Settings::default());
        let codes: Vec<_> = analysis.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["analysis-limited"]);
        assert!(analysis.findings[0].message.contains("skipped these checks: unclosed-quote"));
        assert!(analyze("“Fine,” she said.", &Settings::default()).findings.is_empty());
    }
}
