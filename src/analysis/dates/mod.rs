//! Dates: find every date expression, resolve it against the article date,
//! and render it in a house style.

use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::article_date::ArticleDate;
use crate::analysis::structure::Article;

/// The precision a date value is known to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A resolved calendar value at the precision the text gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateValue {
    pub date: jiff::civil::Date,
    pub precision: Precision,
}

impl DateValue {
    /// ISO 8601 at the value's precision: `2023-04-16`, `2023-04`, `2023`.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Day => {
                format!("{:04}-{:02}-{:02}", self.date.year(), self.date.month(), self.date.day())
            }
            Precision::Month => format!("{:04}-{:02}", self.date.year(), self.date.month()),
            Precision::Year => format!("{:04}", self.date.year()),
        }
    }
}

/// One date expression in the prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    /// The resolved value (the start, for a range); `None` when it cannot be
    /// resolved or is impossible.
    pub value: Option<DateValue>,
    /// The end of a range.
    pub end_value: Option<DateValue>,
}

/// Find and resolve the dates in the prose of `text`. Never fails.
pub fn extract(
    _text: &str,
    _article: &Article,
    _article_date: Option<&ArticleDate>,
    _settings: &Settings,
) -> Vec<DateMention> {
    Vec::new()
}
