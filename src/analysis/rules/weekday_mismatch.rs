//! `weekday-mismatch`: a weekday written with a date that falls on another day.

use crate::analysis::dates::lexicon::{ap_month, weekday_name};
use crate::analysis::dates::render::{in_quotation, push_number};
use crate::analysis::dates::{DateFlag, DateForm, DateMention};
use crate::analysis::finding::{Finding, Fix, Severity, TextEdit};
use crate::analysis::rules::{concat, Reads, Rule};
use crate::analysis::span::Span;
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "weekday-mismatch",
    default_severity: Some(Severity::Warning),
    summary: "A weekday written with a date does not match the date.",
    explanation: "What it does: checks that a weekday written next to a date (\"Monday, April 16, 2023\", \"Sunday (April 16)\") is the weekday that date falls on. Why: one of the two is wrong, and readers cannot tell which; corrections for this are common. Example: \"Monday, April 16, 2023\" is flagged because April 16, 2023 was a Sunday; the fixes change either the weekday or the date.",
    reads: Reads::Marks,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let today = context.analysis.article_date.as_ref().map(|d| d.date);
    for mention in &context.analysis.dates {
        if !mention.has_flag(DateFlag::WeekdayMismatch) {
            continue;
        }
        let DateForm::Day(parts) = &mention.form else { continue };
        let (Some(value), Some(written_weekday), Some(weekday_span)) =
            (mention.value, parts.weekday, parts.weekday_span)
        else {
            continue;
        };
        let date = value.date;
        let actual = weekday_name(date.weekday().to_monday_zero_offset() as u8);
        let written = weekday_name(written_weekday);
        let month = crate::analysis::dates::lexicon::month_name(date.month() as u8);
        let verb = if today.is_some_and(|t| date < t) { "was" } else { "is" };
        // "{month} {day}, {year} {verb} a {actual}, not a {written}. …",
        // written at its final size without `format!` (this runs on every
        // keystroke, for every such date).
        const END: &str = ". Change the weekday or the date.";
        let mut message = String::with_capacity(month.len() + actual.len() + written.len() + END.len() + 32);
        message.push_str(month);
        message.push(' ');
        push_number(&mut message, i64::from(date.day()), 0);
        message.push_str(", ");
        push_number(&mut message, i64::from(date.year()), 0);
        for piece in [" ", verb, " a ", actual, ", not a ", written, END] {
            message.push_str(piece);
        }
        let mut fixes = Vec::new();
        if !in_quotation(context, mention.span) {
            fixes.push(Fix {
                title: concat(&["Change the weekday to ", actual]),
                edits: vec![TextEdit::replace(weekday_span, actual)],
                safe: false,
            });
            if let Some(fix) = date_fix(context.text, mention, written_weekday) {
                fixes.push(fix);
            }
        }
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Warning,
            message,
            span: mention.span,
            related: Vec::new(),
            fixes,
        });
    }
}

/// Move the date to the nearest day with the written weekday (within three
/// days), keeping the month as written when it does not change.
fn date_fix(text: &str, mention: &DateMention, weekday: u8) -> Option<Fix> {
    let DateForm::Day(parts) = &mention.form else { return None };
    let date = mention.value?.date;
    let actual = date.weekday().to_monday_zero_offset() as i64;
    let forward = (i64::from(weekday) - actual).rem_euclid(7);
    let shift = if forward <= 3 { forward } else { forward - 7 };
    // At most three days either way: a step at a time costs far less than
    // calendar arithmetic with a span (`add_days`), for the same day.
    let mut target = date;
    for _ in 0..shift.unsigned_abs() {
        target = if shift > 0 { target.tomorrow() } else { target.yesterday() }.ok()?;
    }
    let day_span = parts.day_span?;
    let (span, new_text) = if target.month() == date.month() {
        let written = day_span.slice(text);
        let ordinal = !written.trim_start_matches(|c: char| c.is_ascii_digit()).is_empty();
        let mut new_text = String::with_capacity(4);
        push_number(&mut new_text, i64::from(target.day()), 0);
        if ordinal {
            new_text.push_str(ordinal_suffix(target.day()));
        }
        (day_span, new_text)
    } else {
        let month_span = parts.month_span?;
        if month_span.start > day_span.start {
            return None;
        }
        let month = ap_month(target.month() as u8);
        let mut new_text = String::with_capacity(month.len() + 3);
        new_text.push_str(month);
        new_text.push(' ');
        push_number(&mut new_text, i64::from(target.day()), 0);
        (Span::new(month_span.start, day_span.end), new_text)
    };
    Some(Fix {
        title: concat(&["Change the date to ", &new_text]),
        edits: vec![TextEdit::replace(span, new_text)],
        safe: false,
    })
}

fn ordinal_suffix(day: i8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::finding::apply_edits;
    use crate::{analyze, Settings};

    /// (text, article date, expected message or "" for none, text after the
    /// weekday fix, text after the date fix)
    const CASES: &[(&str, &str, &str, &str, &str)] = &[
        (
            "The vote was held Monday, April 16, 2023.",
            "2023-04-20",
            "April 16, 2023 was a Sunday, not a Monday. Change the weekday or the date.",
            "The vote was held Sunday, April 16, 2023.",
            "The vote was held Monday, April 17, 2023.",
        ),
        ("The panel meets Thursday (May 2).", "2024-04-20", "", "", ""),
        ("The panel meets Thursday, May 2.", "2024-04-20", "", "", ""),
        ("Talks resume Friday, March 31.", "2023-03-20", "", "", ""),
        (
            "Talks resume Friday, June 1.",
            "2023-05-20",
            "June 1, 2023 is a Thursday, not a Friday. Change the weekday or the date.",
            "Talks resume Thursday, June 1.",
            "Talks resume Friday, June 2.",
        ),
    ];

    #[test]
    fn flags_a_weekday_that_contradicts_its_date_with_fixes_for_either_side() {
        for (text, date, message, weekday_fixed, date_fixed) in CASES {
            let settings = Settings { article_date: Some((*date).to_owned()), ..Settings::default() };
            let analysis = analyze(text, &settings);
            let found: Vec<_> = analysis.findings.iter().filter(|f| f.code == "weekday-mismatch").collect();
            if message.is_empty() {
                assert!(found.is_empty(), "{text}: {found:?}");
                continue;
            }
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].message, *message);
            assert_eq!(apply_edits(text, &found[0].fixes[0].edits), *weekday_fixed);
            assert_eq!(apply_edits(text, &found[0].fixes[1].edits), *date_fixed);
        }
    }
}
