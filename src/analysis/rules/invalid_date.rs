//! `invalid-date`: a calendar day that does not exist.

use crate::analysis::dates::lexicon::month_name;
use crate::analysis::dates::{DateFlag, DateForm, DayParts, YearWritten};
use crate::analysis::finding::{Finding, Severity};
use crate::analysis::rules::{Reads, Rule};
use crate::analysis::Context;

pub static RULE: Rule = Rule {
    code: "invalid-date",
    default_severity: Some(Severity::Error),
    summary: "A date that does not exist in the calendar.",
    explanation: "What it does: flags a day the calendar does not have, such as \"Feb. 29, 2023\" (2023 is not a leap year) or \"June 31\" (June has 30 days). Why: the date is certainly wrong, and only the reporter or the source can say which day was meant, so no fix is offered. Example: \"The hearing was set for Feb. 29, 2023.\"",
    reads: Reads::Marks,
    check,
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for mention in &context.analysis.dates {
        if !mention.has_flag(DateFlag::InvalidDate) {
            continue;
        }
        let written = mention.span.slice(context.text);
        let parts: Option<&DayParts> = match &mention.form {
            DateForm::Day(parts) => Some(parts),
            DateForm::Range { start, .. } => Some(start),
            _ => None,
        };
        let message = match parts {
            Some(parts) if parts.numeric.is_none() && parts.month == 2 && parts.day == 29 => {
                let year = match parts.year {
                    Some(YearWritten::Number(year)) => format!("{year}"),
                    _ => "that year".to_owned(),
                };
                format!("“{written}” does not exist: {year} is not a leap year, so February has 28 days. Check the date.")
            }
            Some(parts) if parts.numeric.is_none() && parts.month == 2 => {
                format!("“{written}” does not exist: February never has more than 29 days. Check the date.")
            }
            Some(parts) if parts.numeric.is_none() && (1..=12).contains(&parts.month) => {
                let days = match parts.month {
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                format!(
                    "“{written}” does not exist: {} has only {days} days. Check the date.",
                    month_name(parts.month)
                )
            }
            _ => format!("“{written}” is not a real calendar day. Check the date."),
        };
        findings.push(Finding {
            code: RULE.code,
            severity: Severity::Error,
            message,
            span: mention.span,
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Settings};

    /// (text, article date, expected message; "" for no finding)
    const CASES: &[(&str, &str, &str)] = &[
        (
            "The hearing was set for Feb. 29, 2023.",
            "2023-01-10",
            "“Feb. 29, 2023” does not exist: 2023 is not a leap year, so February has 28 days. Check the date.",
        ),
        ("Leap-day babies celebrate Feb. 29, 2024.", "2024-01-10", ""),
        ("The deadline is June 31.", "2023-01-10", "“June 31” does not exist: June has only 30 days. Check the date."),
        ("The deadline is June 30.", "2023-01-10", ""),
        (
            "The deadline is Feb. 30.",
            "2023-01-10",
            "“Feb. 30” does not exist: February never has more than 29 days. Check the date.",
        ),
        ("The deadline is June 31.", "", "“June 31” does not exist: June has only 30 days. Check the date."),
        ("The memo is dated 02/30/2023.", "2023-03-01", "“02/30/2023” is not a real calendar day. Check the date."),
    ];

    #[test]
    fn flags_days_the_calendar_does_not_have() {
        for (text, date, message) in CASES {
            let settings = Settings {
                article_date: (!date.is_empty()).then(|| (*date).to_owned()),
                ..Settings::default()
            };
            let analysis = analyze(text, &settings);
            let found: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.code == "invalid-date")
                .map(|f| f.message.as_str())
                .collect();
            let expected: Vec<&str> = if message.is_empty() { vec![] } else { vec![*message] };
            assert_eq!(found, expected, "{text}");
        }
    }
}
