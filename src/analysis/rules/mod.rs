//! The rule registry. Each rule lives in its own file beside this one, with
//! its code, default severity, explanation, check and tests. Adding a rule
//! means adding one file and one line in [`RULES`].

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::Context;

mod analysis_limited;
mod anonymous_source;
mod date_style;
mod first_reference;
mod glued_words;
mod invalid_date;
mod mismatched_quote;
mod name_variant;
mod place_name_style;
mod straight_quotes;
mod unattributed_quote;
mod unclosed_quote;
mod unopened_quote;
mod weekday_mismatch;

/// A check with a stable code.
pub struct Rule {
    /// Stable kebab-case code (`unclosed-quote`).
    pub code: &'static str,
    /// The severity it runs at unless settings say otherwise; `None` means
    /// off by default.
    pub default_severity: Option<Severity>,
    /// One line: what it flags.
    pub summary: &'static str,
    /// One paragraph: what it does, why it matters, an example. Shown in
    /// hover on the diagnostic and by `copydesk explain`.
    pub explanation: &'static str,
    /// Append this rule's findings for the analysed document. The findings'
    /// severity is overwritten by the runner from settings.
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
}

/// Every rule, in the order their findings are reported for equal spans.
pub static RULES: &[&Rule] = &[
    &unclosed_quote::RULE,
    &unopened_quote::RULE,
    &mismatched_quote::RULE,
    &straight_quotes::RULE,
    &weekday_mismatch::RULE,
    &invalid_date::RULE,
    &date_style::RULE,
    &place_name_style::RULE,
    &name_variant::RULE,
    &first_reference::RULE,
    &glued_words::RULE,
    &unattributed_quote::RULE,
    &anonymous_source::RULE,
    &analysis_limited::RULE,
];

/// The pieces joined into one string, allocated once at its final size: a
/// finding's message or fix title built without the re-allocations of
/// `format!` (rules run on every keystroke, over thousands of findings).
pub(crate) fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|piece| piece.len()).sum());
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// Look a rule up by its code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.code == code)
}

/// Run every enabled rule and return findings sorted by position.
///
/// On a long document half the rules run on the analysis's helper thread
/// ([`crate::analysis::beside`]; they only read the analysis); their
/// findings are joined in the order of [`RULES`] before the (stable) sort,
/// so the result is the same.
pub(crate) fn run(context: &Context<'_>) -> Vec<Finding> {
    let run_every_other = |parity: usize| {
        let mut found: Vec<(usize, Vec<Finding>)> = Vec::new();
        for (index, rule) in RULES.iter().enumerate().filter(|(index, _)| index % 2 == parity) {
            let Some(severity) = context.settings.severity_for(rule.code, rule.default_severity) else {
                continue;
            };
            let mut findings = Vec::new();
            (rule.check)(context, &mut findings);
            for finding in &mut findings {
                finding.severity = severity;
            }
            found.push((index, findings));
        }
        found
    };
    let (odd, even) =
        crate::analysis::beside(context.text.len(), || run_every_other(1), || run_every_other(0));
    let mut by_rule: Vec<(usize, Vec<Finding>)> = odd.into_iter().chain(even).collect();
    by_rule.sort_by_key(|(index, _)| *index);
    // Joined into one list of its final size (collecting the chain grew it
    // by doubling: megabytes of blocks per keystroke on a book).
    let mut findings: Vec<Finding> = Vec::with_capacity(by_rule.iter().map(|(_, found)| found.len()).sum());
    for (_, found) in by_rule {
        findings.extend(found);
    }
    findings.sort_by_key(|finding| (finding.span.start, finding.span.end));
    findings
}
