//! `analysis-limited` (info): the document exceeds a limit and some checks
//! were skipped (see `analysis::limits`).

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::limits::MAX_QUOTATION_MARKS;
use crate::analysis::rules::Rule;
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "analysis-limited",
    default_severity: Some(Severity::Info),
    summary: "Some checks were skipped because the document is too large for them.",
    explanation: "What it does: says which checks copydesk skipped on this document and why. A document \
        with more than 5,000 quotation marks (outside words) is too costly to pair mark by mark, so the \
        quotation-mark checks are left out while everything else keeps working. Why: a huge or unusual \
        file (a data dump, a transcript pasted whole) must not freeze the editor. Example: a file of \
        100,000 “ marks gets this note instead of 100,000 unclosed-quote warnings. Split the document, \
        or check it in parts, to get every check back.",
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
            "This document has more than {MAX_QUOTATION_MARKS} quotation marks, so copydesk skipped these checks: {}. Split it into smaller documents to check them.",
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
        let analysis = analyze(&"“".repeat(6_000), &Settings::default());
        let codes: Vec<_> = analysis.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["analysis-limited"]);
        assert!(analysis.findings[0].message.contains("skipped these checks: unclosed-quote"));
        assert!(analyze("“Fine,” she said.", &Settings::default()).findings.is_empty());
    }
}
