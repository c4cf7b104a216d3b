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
    /// What of the analysis `check` reads: a rule that does not read the
    /// attributions runs beside the attribution stage.
    pub reads: Reads,
    /// Append this rule's findings for the analysed document. The findings'
    /// severity is overwritten by the runner from settings.
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
}

/// The parts of [`Analysis`](crate::analysis::Analysis) a rule reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    /// The text, the settings, the structure, the article date, the
    /// quotation marks, the dates and `skipped`. Such a rule runs while the
    /// attribution stage does: the actors and attributions it would see are
    /// empty.
    Marks,
    /// The above and the actors, not the attributions: runs beside the
    /// attribution stage too (the attributions it would see are empty).
    Actors,
    /// Everything, the attributions included: runs last.
    People,
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

/// The findings of one rule, by its index in [`RULES`].
pub(crate) type Found = Vec<(usize, Vec<Finding>)>;

/// Run every enabled rule that reads `reads`, with the severity the
/// settings give it.
pub(crate) fn run_reading(context: &Context<'_>, reads: Reads) -> Found {
    run_reading_while(context, reads, 0, || true).0
}

/// [`run_reading`] from the rule at index `from` of [`RULES`] on, while
/// `go_on()` says so before each rule; also returns the index to go on from.
pub(crate) fn run_reading_while(
    context: &Context<'_>,
    reads: Reads,
    from: usize,
    go_on: impl Fn() -> bool,
) -> (Found, usize) {
    let mut found: Found = Vec::new();
    for (index, rule) in RULES.iter().enumerate().skip(from) {
        if rule.reads != reads {
            continue;
        }
        if !go_on() {
            return (found, index);
        }
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
    (found, RULES.len())
}

/// The findings of every rule joined in the order of [`RULES`] and then
/// sorted (stably) by position: the same list whichever rules ran where.
pub(crate) fn join(mut by_rule: Found) -> Vec<Finding> {
    by_rule.sort_by_key(|(index, _)| *index);
    // Joined into one list of its final size (collecting a chain grew it
    // by doubling: megabytes of blocks per keystroke on a book).
    let mut findings: Vec<Finding> = Vec::with_capacity(by_rule.iter().map(|(_, found)| found.len()).sum());
    for (_, found) in by_rule {
        findings.extend(found);
    }
    findings.sort_by_key(|finding| (finding.span.start, finding.span.end));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::{analyze, Settings};

    /// (text, article date): together they make every rule but
    /// `analysis-limited` find something (checked below), so that a rule
    /// reading what it claims not to would show.
    const TEXTS: &[(&str, &str)] = &[
        (
            "Shoigu agreed to the plan. Russian Defense Minister Sergei Shoigu met officials in Kiev on Monday, April 18, 2023, and again on Feb. 30. Ukrainian President Volodymyr Zelenskyy arrived on February 24 last year.\n\n“We will not retreat,” said Foreign Minister Anna Berg. A source said the deal was close. Later Zelensky spoke with ZelenskyyShoigu aides, and Berg called it \"a step\" before leaving.\n\nThe weather was mild all week.\n\n“The port stays open for grain ships.”\n\n„Das ist falsch,“ she said, and left ”early.",
            "2023-04-17",
        ),
        (
            "The ministers met on February 24 last year. “Prices will fall“, the minister said. The board met late.” It adjourned. “Yes,” she said. \"No,\" he said.",
            "2023-04-17",
        ),
        (
            "„Wir bleiben hart“, sagte Ministerin Eva Brandt am 17. April 2023 in Kiew. Brandt traf den Präsidenten am Mittwoch.",
            "2023-04-19",
        ),
    ];

    fn settings(date: &str) -> Settings {
        let mut settings = Settings { article_date: Some(date.to_owned()), ..Settings::default() };
        settings.rules.insert("straight-quotes".to_owned(), crate::analysis::settings::RuleLevel::Hint);
        settings
    }

    #[test]
    fn the_texts_make_every_rule_find_something() {
        let found: Vec<&str> = TEXTS
            .iter()
            .flat_map(|(text, date)| analyze(text, &settings(date)).findings)
            .map(|finding| finding.code)
            .collect();
        for rule in RULES.iter().filter(|rule| rule.code != "analysis-limited") {
            assert!(found.contains(&rule.code), "no text makes {} find anything", rule.code);
        }
    }

    /// A rule marked [`Reads::Marks`] finds the same with the actors and
    /// attributions emptied as with them, one marked [`Reads::Actors`] with
    /// the attributions emptied: each may run before they exist.
    #[test]
    fn marks_rules_read_neither_actors_nor_attributions() {
        for (text, date) in TEXTS {
            let settings = settings(date);
            let full = analyze(text, &settings);
            let bare = Analysis { actors: Default::default(), attributions: Vec::new(), ..full.clone() };
            let with = run_reading(&Context { text, settings: &settings, analysis: &full }, Reads::Marks);
            let without = run_reading(&Context { text, settings: &settings, analysis: &bare }, Reads::Marks);
            assert_eq!(with, without, "{text}");
            let bare = Analysis { attributions: Vec::new(), ..full.clone() };
            let with = run_reading(&Context { text, settings: &settings, analysis: &full }, Reads::Actors);
            let without = run_reading(&Context { text, settings: &settings, analysis: &bare }, Reads::Actors);
            assert_eq!(with, without, "{text}");
        }
    }

    /// Running the two kinds of rules apart and joining them gives the
    /// findings in the order a single pass over [`RULES`] gives them.
    #[test]
    fn joined_findings_keep_the_rule_order() {
        for (text, date) in TEXTS {
            let settings = settings(date);
            let analysis = analyze(text, &settings);
            let context = Context { text, settings: &settings, analysis: &analysis };
            let mut one_pass: Vec<Finding> = Vec::new();
            for rule in RULES {
                let Some(severity) = settings.severity_for(rule.code, rule.default_severity) else {
                    continue;
                };
                let mut findings = Vec::new();
                (rule.check)(&context, &mut findings);
                one_pass.extend(findings.into_iter().map(|finding| Finding { severity, ..finding }));
            }
            one_pass.sort_by_key(|finding| (finding.span.start, finding.span.end));
            assert_eq!(analysis.findings, one_pass, "{text}");
        }
    }
}
