//! `date-style`: a date not written in the house style (`dates.style`).

use crate::analysis::dates::render::{self, DateStyle};
use crate::analysis::dates::{Basis, DateMention, Tense};
use crate::analysis::finding::{Finding, Fix, Severity};
use crate::analysis::rules::{concat, Reads, Rule};
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "date-style",
    default_severity: Some(Severity::Hint),
    summary: "A date not written in the house style.",
    explanation: "What it does: rewrites each date in the house style set by `dates.style` (AP by default: \"Feb. 24, 2022\", the weekday for dates within a week of the article date, no year for the current year, no ordinals, no \"last\"/\"next\", \"March 20-22\"). Why: a newsroom uses one date style, and copy arrives in every other. Dates inside quotations are never touched; vague phrases (\"last week\", \"mid-April\"), holidays and \"today\" are left as written. Example: \"on February 24 last year\" in a 2023 article becomes \"on Feb. 24, 2022\".",
    reads: Reads::Marks,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let style = DateStyle::from_setting(&context.settings.dates.style);
    let label = style.label();
    let mut buffer = String::new();
    for mention in &context.analysis.dates {
        let Some(edit) = render::rewrite_with(context, mention, style, &mut buffer) else { continue };
        let written = mention.span.slice(context.text);
        // The rewrite is the rendering, plus a comma when a year now stands
        // mid-sentence; a rendering never ends with a comma (it ends with a
        // number, a name or an abbreviation's period), so this is the
        // rendering without rendering the date a second time.
        let rendered = edit.new_text.strip_suffix(',').unwrap_or(&edit.new_text);
        let message = concat(&[label, " style writes “", written, "” as “", rendered, "”."]);
        let title = concat(&["Rewrite as '", rendered, "' (", label, ")"]);
        let safe = render::rewrite_is_safe(mention) && !adds_guessed_year(mention, written, rendered);
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Hint,
            message,
            span: mention.span,
            related: Vec::new(),
            fixes: vec![Fix { title, edits: vec![edit], safe }],
        });
    }
}

/// A year the text did not write, chosen from the sentence's tense: offered,
/// but not applied unattended by fix-all.
fn adds_guessed_year(mention: &DateMention, written: &str, rendered: &str) -> bool {
    let guessed = matches!(mention.basis, Basis::YearFromArticle { tense: Tense::Past | Tense::Future });
    guessed && year_in(rendered).is_some_and(|year| Some(year) != year_in(written))
}

/// The first four-digit number in `s`.
fn year_in(s: &str) -> Option<&str> {
    s.split(|c: char| !c.is_ascii_digit()).find(|part| part.len() == 4)
}

#[cfg(test)]
mod tests {
    use crate::analysis::finding::apply_edits;
    use crate::analysis::{dates, Context};
    use crate::{analyze, Settings};

    /// (style, text, article date, text after applying every date-style fix)
    const CASES: &[(&str, &str, &str, &str)] = &[
        (
            "ap",
            "Russia invaded on February 24 last year, officials said.",
            "2023-04-17",
            "Russia invaded on Feb. 24, 2022, officials said.",
        ),
        (
            "ap",
            "February 24 last year was a turning point.",
            "2023-04-17",
            "Feb. 24, 2022, was a turning point.",
        ),
        ("ap", "The talks on April 16, 2023, were long.", "2023-04-17", "The talks on Sunday were long."),
        ("ap", "On April 16, 2023, the talks began.", "2023-04-17", "On Sunday, the talks began."),
        (
            "ap",
            "The talks ended April 16, 2023, and a deal followed.",
            "2023-04-17",
            "The talks ended Sunday, and a deal followed.",
        ),
        ("ap", "It opens September 5th.", "2023-04-17", "It opens Sept. 5."),
        ("ap", "It opened September 5th.", "2023-04-17", "It opened Sept. 5, 2022."),
        ("ap", "It opened Sept. 5.", "2023-04-17", "It opened Sept. 5, 2022."),
        ("ap", "The summit ran March 20 to 22.", "2023-04-17", "The summit ran March 20-22."),
        ("ap", "The summit ran from March 20 to 22.", "2023-04-17", "The summit ran from March 20 to 22."),
        ("chicago", "The summit opened Feb. 2.", "2023-04-17", "The summit opened February 2, 2023."),
        ("iso", "The summit opened Feb. 2.", "2023-04-17", "The summit opened 2023-02-02."),
        ("long", "The summit opened Feb. 2.", "2023-04-17", "The summit opened February 2, 2023."),
        (
            "ap",
            "Prices rose in the 1990s and last week.",
            "2023-04-17",
            "Prices rose in the 1990s and last week.",
        ),
    ];

    #[test]
    fn rewrites_dates_in_the_house_style() {
        for (style, text, date, expected) in CASES {
            let mut settings = Settings { article_date: Some((*date).to_owned()), ..Settings::default() };
            settings.dates.style = (*style).to_owned();
            let analysis = analyze(text, &settings);
            let edits: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.code == "date-style")
                .flat_map(|f| f.fixes[0].edits.clone())
                .collect();
            assert_eq!(apply_edits(text, &edits), *expected, "{style}: {text}");
        }
    }

    #[test]
    fn never_rewrites_inside_a_quotation() {
        let text = "“We met on April 16, 2023,” he said on April 16, 2023.";
        let settings = Settings { article_date: Some("2023-04-17".to_owned()), ..Settings::default() };
        let analysis = analyze(text, &settings);
        assert_eq!(analysis.quotes.quotations.len(), 1, "the quotation is paired");
        let context = Context { text, settings: &settings, analysis: &analysis };
        let edits = dates::render::normalize_edits(&context, dates::render::DateStyle::Ap);
        assert_eq!(apply_edits(text, &edits), "“We met on April 16, 2023,” he said on Sunday.");
    }
}
