//! Dates: find every date expression, resolve it against the article date,
//! and render it in a house style.
//!
//! - `lexicon.rs`: month and weekday names (English, German), anchor and unit
//!   words, looked up packed as two numbers.
//! - `detect.rs`: the strong tokens, tokens in windows around them, and the
//!   patterns tried at each anchor token.
//! - this file: the model, resolution (tense, the year of a yearless date,
//!   weekdays, relative and event-anchored phrases) and the hover text.
//! - `render.rs`: the house styles (AP, Chicago, ISO 8601, long) and the
//!   edits that rewrite a date in place.

mod detect;
pub mod lexicon;
pub mod render;

use jiff::civil::Date;

use crate::analysis::hover::{escape_markdown, Hover};
use crate::analysis::memo::Memo;
use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::article_date::ArticleDate;
use crate::analysis::structure::Article;
use crate::analysis::Context;

pub use lexicon::Lang;

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

    fn day(date: Date) -> DateValue {
        DateValue { date, precision: Precision::Day }
    }
}

/// Something worth knowing about a date, for findings, hover and scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFlag {
    /// Written all in digits (04/16/2023).
    NumericDate,
    /// Both numbers could be the month: the `dates.numeric_order` setting
    /// decided.
    AmbiguousDayMonthOrder,
    /// The weekday written with the date is not the date's weekday.
    WeekdayMismatch,
    /// The day does not exist (Feb. 29, 2023; June 31).
    InvalidDate,
    /// An event-anchored phrase ("Days later") with no exact value.
    NotResolvable,
    /// "last Tuesday": some readers take the Tuesday of the previous week.
    AmbiguousLastWeekday,
}

impl DateFlag {
    /// A stable snake_case name (used by `copydesk extract` and scoring).
    pub const fn as_str(self) -> &'static str {
        match self {
            DateFlag::NumericDate => "numeric_date",
            DateFlag::AmbiguousDayMonthOrder => "ambiguous_day_month_order",
            DateFlag::WeekdayMismatch => "weekday_mismatch",
            DateFlag::InvalidDate => "invalid_calendar_date",
            DateFlag::NotResolvable => "not_resolvable_from_article_date",
            DateFlag::AmbiguousLastWeekday => "ambiguous_last_weekday",
        }
    }
}

/// How a year is written next to a month (and day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearWritten {
    Number(i32),
    /// "last year" (-1), "this year" (0), "next year" (1).
    Relative(i32),
    /// "last January" (-1): the previous occurrence of the month.
    RelativeMonth(i32),
}

/// The order the parts of a calendar day are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrittenOrder {
    /// April 16, 2023
    MonthDay,
    /// 16 April 2023, 16. April 2023
    DayMonth,
    /// the 16th of April
    OrdinalOf,
    /// 2023-04-16
    Iso,
    /// 04/16/2023: resolved with `dates.numeric_order`.
    Numeric,
    /// 16.04.2023 (German)
    NumericDayFirst,
}

/// A written calendar day, with what was written around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayParts {
    pub month: u8,
    pub day: u8,
    pub year: Option<YearWritten>,
    pub order: WrittenOrder,
    /// The weekday written with it (0 = Monday), and where.
    pub weekday: Option<u8>,
    pub weekday_span: Option<Span>,
    pub month_span: Option<Span>,
    pub day_span: Option<Span>,
    /// "June 12th".
    pub ordinal: bool,
    /// "Sunday (April 16)".
    pub parenthesised: bool,
    /// The end of a range written as a bare day ("March 20 to 22").
    pub day_only: bool,
    /// The two numbers of a numeric date, before the order is settled.
    pub numeric: Option<(u8, u8)>,
}

impl DayParts {
    pub(crate) fn new(month: u8, day: u8, order: WrittenOrder) -> DayParts {
        DayParts {
            month,
            day,
            year: None,
            order,
            weekday: None,
            weekday_span: None,
            month_span: None,
            day_span: None,
            ordinal: false,
            parenthesised: false,
            day_only: false,
            numeric: None,
        }
    }
}

impl DayParts {
    /// Move every span by `by` bytes (a paragraph's result to absolute
    /// offsets).
    fn shift(&mut self, by: usize) {
        for span in [&mut self.weekday_span, &mut self.month_span, &mut self.day_span].into_iter().flatten() {
            *span = Span::new(span.start + by, span.end + by);
        }
    }
}

/// How the two ends of a range are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeConnector {
    /// March 20-22
    Hyphen,
    /// March 20 to 22
    To,
    /// between June 3 and 5
    And,
}

/// "last Tuesday", "next Tuesday", "this Sunday".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relative {
    Last,
    Next,
    This,
}

/// "early", "mid-", "late".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    Early,
    Mid,
    Late,
}

/// "Tuesday night".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    /// The TimeML suffix: `TMO`, `TAF`, `TEV`, `TNI`.
    pub const fn timeml(self) -> &'static str {
        match self {
            PartOfDay::Morning => "TMO",
            PartOfDay::Afternoon => "TAF",
            PartOfDay::Evening => "TEV",
            PartOfDay::Night => "TNI",
        }
    }

    pub const fn word(self) -> &'static str {
        match self {
            PartOfDay::Morning => "morning",
            PartOfDay::Afternoon => "afternoon",
            PartOfDay::Evening => "evening",
            PartOfDay::Night => "night",
        }
    }
}

/// What kind of date expression was written, with its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateForm {
    /// A calendar day: "April 16, 2023", "Sunday (April 16)", "04/16/2023".
    Day(DayParts),
    /// "March 20 to 22", "March 30-April 2", "between June 3 and 5". The
    /// end is boxed: ranges are rare, and every date carries a `DateForm`.
    Range { start: DayParts, end: Box<DayParts>, connector: RangeConnector, from: bool },
    /// "in January", "March 2022", "mid-April", "last January".
    Month { month: u8, year: Option<YearWritten>, modifier: Option<Modifier> },
    /// "in 2023", "early 2022".
    Year { year: i32, modifier: Option<Modifier> },
    /// "Sunday", "last Tuesday", "Tuesday night".
    Weekday { weekday: u8, relative: Option<Relative>, part_of_day: Option<PartOfDay> },
    /// "yesterday" (`word`), "two days ago", "two weeks ago", "in 10 days".
    DayOffset { days: i64, word: bool },
    /// "last week", "this week".
    WeekOffset { weeks: i64 },
    /// "next month", "two months ago".
    MonthOffset { months: i64 },
    /// "last year", "three years ago".
    YearOffset { years: i64 },
    /// "the week of April 10".
    WeekOf(DayParts),
    /// "the first quarter".
    Quarter { quarter: u8, year: Option<i32> },
    /// "the 1990s", "the '90s": the first year of the decade.
    Decade { decade: i32 },
    /// "New Year's Day", "Christmas Eve".
    Holiday { month: u8, day: u8 },
    /// "the next day" (+1), "Days later" (no exact value): relative to the
    /// previous date in the text.
    Anchored { days: Option<i64> },
    /// "on the 3rd": a day of the article's month.
    DayOfMonth { day: u8 },
}

impl DateForm {
    /// Move every span inside by `by` bytes.
    fn shift(&mut self, by: usize) {
        match self {
            DateForm::Day(parts) | DateForm::WeekOf(parts) => parts.shift(by),
            DateForm::Range { start, end, .. } => {
                start.shift(by);
                end.shift(by);
            }
            _ => {}
        }
    }
}

/// How a value was worked out, for the hover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Everything needed was written.
    Written,
    /// A numeric date read in this order.
    NumericOrder { day_first: bool, ambiguous: bool },
    /// The year was chosen from the article date and the sentence's tense.
    YearFromArticle { tense: Tense },
    /// The weekday before / after (or on) the article date.
    WeekdayFromArticle { tense: Tense, relative: Option<Relative> },
    /// Counted from the article date ("yesterday", "last year").
    FromArticle,
    /// Counted from an earlier date in the text.
    FromPrevious { span: Span, date: Date },
    /// Needs the article date, and there is none.
    NoArticleDate,
    /// Needs an earlier date in the text, and there is none (or the phrase
    /// has no exact value).
    Unresolved,
    /// Not a real calendar day.
    Invalid,
}

/// The tense of the sentence around a date, as far as cheap cues tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// The present of a scheduled event ("The board meets Sunday"): news
    /// copy's way of writing what is coming up. It points a bare weekday
    /// forward; a month and day without a year still take the nearest year.
    Present,
    Unknown,
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
    /// A TimeML-style value when `value` cannot say it: `2023-W15`,
    /// `2023-Q1`, `199` (a decade), `2023-04-18TNI` (a part of a day).
    pub timex: Option<String>,
    /// What was written.
    pub form: DateForm,
    pub flags: Vec<DateFlag>,
    pub basis: Basis,
    /// The language whose words it was written in.
    pub lang: Lang,
    /// The tense of the sentence around it (cheap cues): what a date written
    /// without a year or as a bare weekday is resolved with.
    pub tense: Tense,
}

impl DateMention {
    /// The value as TimeML writes it: `2023-04-16`, `2023-03-20/2023-03-22`,
    /// `2023-W15`; `None` when unresolved.
    pub fn value_text(&self) -> Option<String> {
        if let Some(timex) = &self.timex {
            return Some(timex.clone());
        }
        let value = self.value?;
        Some(match self.end_value {
            Some(end) => format!("{}/{}", value.iso(), end.iso()),
            None => value.iso(),
        })
    }

    pub fn has_flag(&self, flag: DateFlag) -> bool {
        self.flags.contains(&flag)
    }
}

/// Find and resolve the dates in the prose of `text`. Never fails.
pub fn extract(
    text: &str,
    article: &Article,
    article_date: Option<&ArticleDate>,
    settings: &Settings,
) -> Vec<DateMention> {
    extract_with(text, article, article_date, settings, &mut Memo::disabled())
}

/// What detection finds in one paragraph, with offsets relative to the
/// paragraph's start: the date expressions and the tense of the sentence
/// around each. It depends only on the paragraph's text, its sentences and
/// its non-prose regions (kept here too, so a memo hit is used only when
/// they are the same) and the settings.
struct ParagraphDates {
    sentences: Vec<Span>,
    excluded: Vec<Span>,
    found: Vec<(detect::Found, Tense)>,
}

impl ParagraphDates {
    /// Detect the dates of the paragraph at `base` (`text` is its text;
    /// `sentences` and `excluded` are absolute).
    fn detect(text: &str, base: usize, sentences: &[Span], excluded: &[Span], en: bool, de: bool) -> Self {
        let (mut here_sentences, mut here_excluded) = (Vec::new(), Vec::new());
        relative_into(&mut here_sentences, sentences, base, text.len());
        relative_into(&mut here_excluded, excluded, base, text.len());
        let (sentences, excluded) = (here_sentences, here_excluded);
        let found = detect::scan(text, &excluded, en, de)
            .into_iter()
            .map(|item| {
                let tense = tense_in(text, &sentences, item.span);
                (item, tense)
            })
            .collect();
        ParagraphDates { sentences, excluded, found }
    }

    /// Whether this result was computed for the same layout as the
    /// paragraph at `base` has now.
    fn fits(&self, base: usize, sentences: &[Span], excluded: &[Span]) -> bool {
        let same = |kept: &[Span], now: &[Span]| {
            kept.len() == now.len()
                && kept.iter().zip(now).all(|(k, n)| {
                    Span::new(n.start.saturating_sub(base), n.end.saturating_sub(base)) == *k
                        && n.start >= base
                })
        };
        same(&self.sentences, sentences) && same(&self.excluded, excluded)
    }
}

/// [`extract`], with per-paragraph detection kept in `memo`: only the
/// paragraphs whose text changed are scanned again. Resolution (against the
/// article date and the previous day in the text) runs over the found dates
/// of the whole article, linear in their number.
pub fn extract_with(
    text: &str,
    article: &Article,
    article_date: Option<&ArticleDate>,
    settings: &Settings,
    memo: &mut Memo,
) -> Vec<DateMention> {
    let en = settings.languages.is_empty() || settings.languages.iter().any(|l| l.starts_with("en"));
    let de = settings.languages.iter().any(|l| l.starts_with("de"));
    let resolver = Resolver {
        today: article_date.map(|d| d.date),
        day_first: settings.dates.numeric_order.eq_ignore_ascii_case("day-first"),
    };
    let date_line = article_date.and_then(|d| d.span);
    if !memo.is_enabled() {
        return extract_once(text, article, en, de, &resolver, date_line);
    }
    // The paragraphs' dates first, so the list is allocated once at its
    // size (a book has tens of thousands).
    let mut locals = Vec::with_capacity(article.paragraphs.len());
    for (index, paragraph) in article.paragraphs.iter().enumerate() {
        let Some(paragraph_text) = text.get(paragraph.span.start..paragraph.span.end) else { continue };
        let base = paragraph.span.start;
        let sentences = article.sentences_of(index);
        let excluded = article.excluded_in(paragraph.span);
        let detect = || ParagraphDates::detect(paragraph_text, base, sentences, excluded, en, de);
        let mut local = memo.get_or_compute(0, paragraph_text, detect);
        if !local.fits(base, sentences, excluded) {
            local = std::sync::Arc::new(detect());
        }
        locals.push((base, local));
    }
    let mut mentions: Vec<DateMention> = Vec::with_capacity(locals.iter().map(|(_, l)| l.found.len()).sum());
    let mut previous_day: Option<(Span, Date)> = None;
    for (base, local) in &locals {
        for (found, tense) in &local.found {
            let mut item = found.clone();
            item.shift(*base);
            resolver.push(item, *tense, date_line, &mut previous_day, &mut mentions);
        }
    }
    mentions
}

/// `spans` (sorted, into the document) made relative to a paragraph that
/// starts at `base` and is `len` bytes long, clipped to it, into `into`.
fn relative_into(into: &mut Vec<Span>, spans: &[Span], base: usize, len: usize) {
    into.clear();
    into.extend(spans.iter().map(|s| {
        let start = s.start.saturating_sub(base).min(len);
        Span::new(start, s.end.saturating_sub(base).clamp(start, len))
    }));
}

/// [`extract_with`] when nothing is kept (a one-shot analysis, such as each
/// file of `copydesk check`): each paragraph's dates are resolved as they
/// are found, with its sentences and non-prose regions made relative in two
/// buffers reused from paragraph to paragraph, instead of being kept per
/// paragraph for the memo. Same result, in the same order.
fn extract_once(
    text: &str,
    article: &Article,
    en: bool,
    de: bool,
    resolver: &Resolver,
    date_line: Option<Span>,
) -> Vec<DateMention> {
    let (mut sentences, mut excluded) = (Vec::new(), Vec::new());
    let (mut windows, mut found) = (detect::Windows::default(), Vec::new());
    let mut mentions = Vec::new();
    let mut previous_day: Option<(Span, Date)> = None;
    for (index, paragraph) in article.paragraphs.iter().enumerate() {
        let Some(paragraph_text) = text.get(paragraph.span.start..paragraph.span.end) else { continue };
        let base = paragraph.span.start;
        relative_into(&mut excluded, article.excluded_in(paragraph.span), base, paragraph_text.len());
        detect::scan_into(paragraph_text, &excluded, en, de, &mut windows, &mut found);
        if found.is_empty() {
            continue;
        }
        relative_into(&mut sentences, article.sentences_of(index), base, paragraph_text.len());
        for mut item in found.drain(..) {
            let tense = tense_in(paragraph_text, &sentences, item.span);
            item.shift(base);
            resolver.push(item, tense, date_line, &mut previous_day, &mut mentions);
        }
    }
    mentions
}

struct Resolver {
    today: Option<Date>,
    day_first: bool,
}

/// Add days with jiff, `None` on overflow.
pub(crate) fn add_days(date: Date, days: i64) -> Option<Date> {
    let days = days.clamp(-1_000_000, 1_000_000);
    date.checked_add(jiff::Span::new().try_days(days).ok()?).ok()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.duration_until(to).as_secs() / 86_400
}

fn add_months(date: Date, months: i64) -> Option<Date> {
    let months = months.clamp(-100_000, 100_000);
    date.first_of_month().checked_add(jiff::Span::new().try_months(months).ok()?).ok()
}

fn make_date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

impl Resolver {
    /// Resolve `item` (at its absolute place) and add it to `mentions`,
    /// unless it is the article's own date line; `previous_day` is the last
    /// day-precise date before it, and becomes this one when it is one.
    fn push(
        &self,
        item: detect::Found,
        tense: Tense,
        date_line: Option<Span>,
        previous_day: &mut Option<(Span, Date)>,
        mentions: &mut Vec<DateMention>,
    ) {
        // The article's own date line is not a date in the story.
        if date_line.is_some_and(|span| span.overlaps(item.span)) {
            return;
        }
        let mention = self.resolve(item, tense, *previous_day);
        if let Some(value) = mention.end_value.or(mention.value) {
            if value.precision == Precision::Day {
                *previous_day = Some((mention.span, value.date));
            }
        }
        mentions.push(mention);
    }

    /// Resolve one found date; `tense` is its sentence's.
    fn resolve(&self, item: detect::Found, tense: Tense, previous_day: Option<(Span, Date)>) -> DateMention {
        let mut mention = DateMention {
            span: item.span,
            value: None,
            end_value: None,
            timex: None,
            form: item.form.clone(),
            flags: Vec::new(),
            basis: Basis::Unresolved,
            lang: item.lang,
            tense,
        };
        match &item.form {
            DateForm::Day(parts) => {
                let (value, basis, flags) = self.resolve_day(parts, tense);
                mention.value = value;
                mention.basis = basis;
                mention.flags = flags;
                if let (Some(weekday), Some(value)) = (parts.weekday, value) {
                    if value.date.weekday().to_monday_zero_offset() as u8 != weekday {
                        mention.flags.push(DateFlag::WeekdayMismatch);
                    }
                }
            }
            DateForm::Range { start, end, .. } => {
                let (start_value, basis, mut flags) = self.resolve_day(start, tense);
                let mut end_parts = end.clone();
                if let (Some(start_value), None) = (start_value, end_parts.year) {
                    let year = i32::from(start_value.date.year());
                    let wraps = (end_parts.month, end_parts.day) < (start.month, start.day);
                    end_parts.year = Some(YearWritten::Number(if wraps { year + 1 } else { year }));
                }
                let (end_value, _, end_flags) = self.resolve_day(&end_parts, tense);
                for flag in end_flags {
                    if !flags.contains(&flag) {
                        flags.push(flag);
                    }
                }
                mention.basis = basis;
                mention.flags = flags;
                if start_value.is_some() && end_value.is_some() {
                    mention.value = start_value;
                    mention.end_value = end_value;
                }
            }
            DateForm::Month { month, year, .. } => {
                let (year, basis) = match year {
                    Some(YearWritten::Number(year)) => (Some(*year), Basis::Written),
                    Some(YearWritten::Relative(offset)) => {
                        (self.today.map(|t| i32::from(t.year()) + offset), self.counted_from_article())
                    }
                    Some(YearWritten::RelativeMonth(offset)) => match self.today {
                        Some(today) => {
                            let tense = match offset.signum() {
                                -1 => Tense::Past,
                                1 => Tense::Future,
                                _ => Tense::Unknown,
                            };
                            let year = pick_year(today, *month, 1, tense, true, *offset != 0);
                            (Some(year), Basis::FromArticle)
                        }
                        None => (None, Basis::NoArticleDate),
                    },
                    None => match self.today {
                        Some(today) => (
                            Some(pick_year(today, *month, 1, tense, true, false)),
                            Basis::YearFromArticle { tense },
                        ),
                        None => (None, Basis::NoArticleDate),
                    },
                };
                mention.basis = basis;
                mention.value = year
                    .and_then(|y| make_date(y, *month, 1))
                    .map(|date| DateValue { date, precision: Precision::Month });
            }
            DateForm::Year { year, .. } => {
                mention.basis = Basis::Written;
                mention.value =
                    make_date(*year, 1, 1).map(|date| DateValue { date, precision: Precision::Year });
            }
            DateForm::Weekday { weekday, relative, part_of_day } => {
                if let Some(today) = self.today {
                    let tense = match relative {
                        Some(Relative::Last) => Tense::Past,
                        Some(Relative::Next) => Tense::Future,
                        _ => tense,
                    };
                    let date = weekday_near(today, *weekday, tense, *relative);
                    mention.value = date.map(DateValue::day);
                    mention.basis = Basis::WeekdayFromArticle { tense, relative: *relative };
                    if *relative == Some(Relative::Last) && item.lang == Lang::En {
                        mention.flags.push(DateFlag::AmbiguousLastWeekday);
                    }
                    if let (Some(part), Some(value)) = (part_of_day, mention.value) {
                        mention.timex = Some(format!("{}{}", value.iso(), part.timeml()));
                    }
                } else {
                    mention.basis = Basis::NoArticleDate;
                }
            }
            DateForm::DayOffset { days, .. } => {
                mention.basis = self.counted_from_article();
                mention.value = self.today.and_then(|t| add_days(t, *days)).map(DateValue::day);
            }
            DateForm::WeekOffset { weeks } => {
                mention.basis = self.counted_from_article();
                mention.timex = self.today.and_then(|t| add_days(t, weeks * 7)).map(iso_week);
            }
            DateForm::MonthOffset { months } => {
                mention.basis = self.counted_from_article();
                mention.value = self
                    .today
                    .and_then(|t| add_months(t, *months))
                    .map(|date| DateValue { date, precision: Precision::Month });
            }
            DateForm::YearOffset { years } => {
                mention.basis = self.counted_from_article();
                mention.value = self
                    .today
                    .and_then(|t| make_date(i32::from(t.year()) + *years as i32, 1, 1))
                    .map(|date| DateValue { date, precision: Precision::Year });
            }
            DateForm::WeekOf(parts) => {
                let (value, basis, flags) = self.resolve_day(parts, tense);
                mention.basis = basis;
                mention.flags = flags;
                mention.timex = value.map(|v| iso_week(v.date));
            }
            DateForm::Quarter { quarter, year } => {
                let year = match (year, self.today) {
                    (Some(year), _) => Some(*year),
                    (None, Some(today)) => {
                        let current = (today.month() as u8 - 1) / 3 + 1;
                        Some(match tense {
                            Tense::Past if *quarter > current => i32::from(today.year()) - 1,
                            Tense::Future if *quarter < current => i32::from(today.year()) + 1,
                            _ => i32::from(today.year()),
                        })
                    }
                    (None, None) => None,
                };
                mention.basis = if year.is_some() { Basis::FromArticle } else { Basis::NoArticleDate };
                mention.timex = year.map(|y| format!("{y:04}-Q{quarter}"));
            }
            DateForm::Decade { decade } => {
                mention.basis = Basis::Written;
                mention.timex = Some(format!("{}", decade / 10));
            }
            DateForm::Holiday { month, day } => {
                let parts = DayParts::new(*month, *day, WrittenOrder::MonthDay);
                let (value, basis, flags) = self.resolve_day(&parts, tense);
                mention.value = value;
                mention.basis = basis;
                mention.flags = flags;
            }
            DateForm::Anchored { days } => match (days, previous_day) {
                (Some(days), Some((span, date))) => {
                    mention.value = add_days(date, *days).map(DateValue::day);
                    mention.basis = Basis::FromPrevious { span, date };
                }
                _ => {
                    mention.flags.push(DateFlag::NotResolvable);
                    mention.basis = Basis::Unresolved;
                }
            },
            DateForm::DayOfMonth { day } => match self.today {
                Some(today) => {
                    let mut month_start = today.first_of_month();
                    if tense == Tense::Past && *day > today.day() as u8 {
                        month_start = add_months(today, -1).unwrap_or(month_start);
                    } else if tense == Tense::Future && (*day as i8) < today.day() {
                        month_start = add_months(today, 1).unwrap_or(month_start);
                    }
                    let date = make_date(i32::from(month_start.year()), month_start.month() as u8, *day);
                    mention.value = date.map(DateValue::day);
                    mention.basis =
                        if date.is_some() { Basis::YearFromArticle { tense } } else { Basis::Invalid };
                }
                None => mention.basis = Basis::NoArticleDate,
            },
        }
        mention
    }

    fn counted_from_article(&self) -> Basis {
        if self.today.is_some() {
            Basis::FromArticle
        } else {
            Basis::NoArticleDate
        }
    }

    /// Resolve a written calendar day; returns the value, its basis and flags.
    fn resolve_day(&self, parts: &DayParts, tense: Tense) -> (Option<DateValue>, Basis, Vec<DateFlag>) {
        let mut flags = Vec::new();
        let (month, day, mut basis) = match parts.numeric {
            Some((first, second)) => {
                flags.push(DateFlag::NumericDate);
                let forced_day_first = parts.order == WrittenOrder::NumericDayFirst;
                let day_first = if forced_day_first || first > 12 {
                    true
                } else if second > 12 {
                    false
                } else {
                    if first != second {
                        flags.push(DateFlag::AmbiguousDayMonthOrder);
                    }
                    self.day_first
                };
                let ambiguous = flags.contains(&DateFlag::AmbiguousDayMonthOrder);
                let (month, day) = if day_first { (second, first) } else { (first, second) };
                (month, day, Basis::NumericOrder { day_first, ambiguous })
            }
            None => (parts.month, parts.day, Basis::Written),
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            flags.push(DateFlag::InvalidDate);
            return (None, Basis::Invalid, flags);
        }
        let year = match parts.year {
            Some(YearWritten::Number(year)) => year,
            Some(YearWritten::Relative(offset)) | Some(YearWritten::RelativeMonth(offset)) => {
                match self.today {
                    Some(today) => {
                        basis = Basis::FromArticle;
                        i32::from(today.year()) + offset
                    }
                    None => return (None, Basis::NoArticleDate, flags),
                }
            }
            None => match self.today {
                Some(today) => {
                    basis = Basis::YearFromArticle { tense };
                    let year = pick_year(today, month, day, tense, false, false);
                    parts.weekday.map_or(year, |weekday| year_of_weekday(today, year, month, day, weekday))
                }
                None => {
                    // Without a year, only a day that exists in no year is
                    // known to be wrong (June 31; Feb. 29 exists in leap years).
                    if make_date(2024, month, day).is_none() {
                        flags.push(DateFlag::InvalidDate);
                        return (None, Basis::Invalid, flags);
                    }
                    return (None, Basis::NoArticleDate, flags);
                }
            },
        };
        match make_date(year, month, day) {
            Some(date) => (Some(DateValue::day(date)), basis, flags),
            None => {
                flags.push(DateFlag::InvalidDate);
                (None, Basis::Invalid, flags)
            }
        }
    }
}

/// The ISO week of a date: `2023-W15`.
fn iso_week(date: Date) -> String {
    let week = date.iso_week_date();
    format!("{:04}-W{:02}", week.year(), week.week())
}

/// The year for a month (and day) written without one: the latest one on or
/// before the article date for the past tense, the earliest on or after for
/// the future, else the nearest. `month_only` compares months; `strict`
/// excludes the article's own month ("last January" in January).
pub(crate) fn pick_year(
    today: Date,
    month: u8,
    day: u8,
    tense: Tense,
    month_only: bool,
    strict: bool,
) -> i32 {
    let year = i32::from(today.year());
    let key = |m: u8, d: u8| if month_only { (m, 1) } else { (m, d) };
    let written = key(month, day);
    let now = key(today.month() as u8, today.day() as u8);
    match tense {
        Tense::Past => {
            if written < now || (written == now && !strict) {
                year
            } else {
                year - 1
            }
        }
        Tense::Future => {
            if written > now || (written == now && !strict) {
                year
            } else {
                year + 1
            }
        }
        Tense::Present | Tense::Unknown => {
            let distance = |y: i32| {
                let (m, d) = written;
                let date = make_date(y, m, d.min(28)).unwrap_or(today);
                days_between(today, date).abs()
            };
            [year, year - 1, year + 1].into_iter().min_by_key(|y| distance(*y)).unwrap_or(year)
        }
    }
}

/// The year for a day written with its weekday but no year ("Thursday,
/// Nov. 26"): the tense's `year`, unless the weekday does not fit it and
/// does fit the day in the neighbouring year, within half a year of the
/// article date. The writer's weekday then says which year is meant (an
/// article dated the day before the event it reports in the past tense).
/// A weekday that fits no nearby year is left to `weekday-mismatch`.
fn year_of_weekday(today: Date, year: i32, month: u8, day: u8, weekday: u8) -> i32 {
    /// How far from the article date a weekday may move the year.
    const NEAR_DAYS: i64 = 183;
    let fits = |y: i32| {
        make_date(y, month, day).is_some_and(|date| {
            date.weekday().to_monday_zero_offset() as u8 == weekday
                && days_between(today, date).abs() <= NEAR_DAYS
        })
    };
    if fits(year) {
        return year;
    }
    [year - 1, year + 1].into_iter().find(|&y| fits(y)).unwrap_or(year)
}

/// The weekday nearest the article date in the direction the tense gives.
pub(crate) fn weekday_near(
    today: Date,
    weekday: u8,
    tense: Tense,
    relative: Option<Relative>,
) -> Option<Date> {
    let today_index = today.weekday().to_monday_zero_offset() as i64;
    let back = (today_index - i64::from(weekday)).rem_euclid(7);
    let forward = (i64::from(weekday) - today_index).rem_euclid(7);
    let days = match (relative, tense) {
        (Some(Relative::Last), _) => -(if back == 0 { 7 } else { back }),
        (Some(Relative::Next), _) => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
        (_, Tense::Past) => -back,
        (_, Tense::Future | Tense::Present) => forward,
        (Some(Relative::This), Tense::Unknown) => forward,
        (None, Tense::Unknown) => {
            if back <= forward {
                -back
            } else {
                forward
            }
        }
    };
    add_days(today, days)
}

const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "ll",
    "going",
    "due",
    "expected",
    "scheduled",
    "slated",
    "upcoming",
    "plans",
    "tomorrow",
    "wird",
    "werden",
    "soll",
    "sollen",
    "morgen",
    "nächsten",
    "kommenden",
];
/// Present-tense verbs of scheduled events ("The hearing opens Monday").
/// Speech verbs ("says") are left out: "police say Sunday's fire…" looks
/// back. German "ist" and "sind" are left out too: they also form the past.
const PRESENT_CUES: &[&str] = &[
    "is",
    "are",
    "opens",
    "begins",
    "starts",
    "runs",
    "meets",
    "resumes",
    "reopens",
    "closes",
    "ends",
    "convenes",
    "reconvenes",
    "arrives",
    "visits",
    "hosts",
    "plays",
    "faces",
    "heads",
    "returns",
    "expires",
    "kicks",
    "takes",
    "holds",
    "findet",
    "beginnt",
    "tagt",
    "startet",
    "öffnet",
];
const PAST_CUES: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "went",
    "took",
    "began",
    "came",
    "made",
    "held",
    "gave",
    "saw",
    "left",
    "rose",
    "fell",
    "won",
    "lost",
    "ran",
    "sent",
    "spoke",
    "wrote",
    "brought",
    "thought",
    "felt",
    "kept",
    "led",
    "paid",
    "ago",
    "yesterday",
    "earlier",
    "began",
    "hit",
    "struck",
    "became",
    "found",
    "war",
    "waren",
    "hatte",
    "hatten",
    "hat",
    "haben",
    "wurde",
    "wurden",
    "sagte",
    "sagten",
    "gab",
    "kam",
    "traf",
    "trafen",
    "fand",
    "fanden",
    "kamen",
    "gingen",
    "gaben",
    "standen",
    "stand",
    "lag",
    "lagen",
    "erschien",
    "begann",
    "endete",
    "starben",
    "starb",
    "gestern",
    "vergangenen",
    "letzten",
];
const NOT_PAST_ED: &[&str] =
    &["expected", "scheduled", "slated", "planned", "hundred", "indeed", "need", "speed"];

/// The tense cues with what each says: a word on two lists keeps the first
/// (future, then past, then present).
fn tense_cues() -> Vec<(&'static str, Tense)> {
    let mut cues: Vec<(&'static str, Tense)> = Vec::new();
    let lists = [(FUTURE_CUES, Tense::Future), (PAST_CUES, Tense::Past), (PRESENT_CUES, Tense::Present)];
    for (list, tense) in lists {
        for word in list {
            if !cues.iter().any(|(w, _)| w == word) {
                cues.push((word, tense));
            }
        }
    }
    cues
}

/// The ASCII tense cues packed in lower case (see `lexicon::pack`), with a
/// bit per length and first letter that rules most words out at once.
struct AsciiCues {
    letters: [u32; 17],
    cues: std::collections::HashMap<(u64, u64), Tense, foldhash::fast::FixedState>,
}

fn ascii_cues() -> &'static AsciiCues {
    static CUES: std::sync::OnceLock<AsciiCues> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        let mut letters = [0_u32; 17];
        let mut cues = std::collections::HashMap::default();
        for (word, tense) in tense_cues() {
            if let (true, Some(packed)) = (word.is_ascii(), lexicon::pack_ascii_letters(word.as_bytes())) {
                letters[word.len()] |= 1 << (word.as_bytes()[0] - b'a');
                cues.insert(packed, tense);
            }
        }
        AsciiCues { letters, cues }
    })
}

/// Whether `word` (a run of letters) is a tense cue, and which.
fn tense_cue(word: &str) -> Option<Tense> {
    if word.len() > 16 {
        return None;
    }
    if !word.is_ascii() {
        return tense_cue_unicode(word);
    }
    let bytes = word.as_bytes();
    let cues = ascii_cues();
    let first = bytes.first()? | 0x20;
    if first.is_ascii_lowercase() && cues.letters[word.len()] & (1 << (first - b'a')) != 0 {
        if let Some(tense) = lexicon::pack_ascii_letters(bytes).and_then(|packed| cues.cues.get(&packed)) {
            return Some(*tense);
        }
    }
    let regular_past = word.len() >= 5
        && bytes[word.len() - 2..].eq_ignore_ascii_case(b"ed")
        && bytes[0].is_ascii_lowercase()
        && !NOT_PAST_ED.iter().any(|w| word.eq_ignore_ascii_case(w));
    regular_past.then_some(Tense::Past)
}

/// [`tense_cue`] for a word with letters beyond ASCII.
fn tense_cue_unicode(word: &str) -> Option<Tense> {
    type Table = std::collections::HashMap<&'static str, Tense, foldhash::fast::FixedState>;
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| tense_cues().into_iter().collect());
    let lowered = crate::analysis::lower::Lower::of(word);
    let lower = lowered.as_str();
    if let Some(&tense) = table.get(lower) {
        return Some(tense);
    }
    let regular_past = lower.len() >= 5
        && lower.ends_with("ed")
        && word.chars().next().is_some_and(char::is_lowercase)
        && !NOT_PAST_ED.contains(&lower);
    regular_past.then_some(Tense::Past)
}

/// The tense cue nearest to `span` in its sentence, looking at most twelve
/// words each way (the nearest cue wins, so the search stops early).
#[cfg(test)]
pub(crate) fn tense_around(text: &str, article: &Article, span: Span) -> Tense {
    tense_in(text, &article.sentences, span)
}

/// The character that ends at `at` in `s`, and where it starts.
fn char_before(s: &str, at: usize) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    let last = *bytes.get(at.checked_sub(1)?)?;
    if last < 0x80 {
        return Some((char::from(last), at - 1));
    }
    let mut start = at - 1;
    while start > 0 && bytes.get(start).is_some_and(|b| b & 0xC0 == 0x80) {
        start -= 1;
    }
    Some((s.get(start..)?.chars().next()?, start))
}

/// The character that starts at `at` in `s`, and where the next starts.
fn char_at(s: &str, at: usize) -> Option<(char, usize)> {
    let first = *s.as_bytes().get(at)?;
    if first < 0x80 {
        return Some((char::from(first), at + 1));
    }
    let c = s.get(at..)?.chars().next()?;
    Some((c, at + c.len_utf8()))
}

/// The words of `s` (runs of letters) from the last one back, with where
/// each starts, until `visit` says to stop.
fn words_back<'s>(s: &'s str, mut visit: impl FnMut(usize, &'s str) -> bool) {
    let mut at = s.len();
    loop {
        while let Some((c, start)) = char_before(s, at) {
            if detect::is_letter(c) {
                break;
            }
            at = start;
        }
        let end = at;
        while let Some((c, start)) = char_before(s, at) {
            if !detect::is_letter(c) {
                break;
            }
            at = start;
        }
        if at == end || !visit(at, s.get(at..end).unwrap_or("")) {
            return;
        }
    }
}

/// The words of `s` (runs of letters) in order, with where each starts,
/// until `visit` says to stop.
fn words_forward<'s>(s: &'s str, mut visit: impl FnMut(usize, &'s str) -> bool) {
    let mut at = 0;
    loop {
        while let Some((c, next)) = char_at(s, at) {
            if detect::is_letter(c) {
                break;
            }
            at = next;
        }
        let start = at;
        while let Some((c, next)) = char_at(s, at) {
            if !detect::is_letter(c) {
                break;
            }
            at = next;
        }
        if at == start || !visit(start, s.get(start..at).unwrap_or("")) {
            return;
        }
    }
}

/// The tense cue nearest to `span` in its sentence, looking at most twelve
/// words each way, among `sentences` (sorted spans into `text`, which may
/// be one paragraph).
fn tense_in(text: &str, sentences: &[Span], span: Span) -> Tense {
    const REACH: usize = 12;
    let (start, end) = sentence_bounds(text, sentences, span);
    // Words before the date, nearest first.
    let before = text.get(start..span.start.max(start)).unwrap_or("");
    let mut back: Option<(usize, Tense)> = None;
    let mut count = 0;
    words_back(before, |word_start, word| {
        if count >= REACH {
            return false;
        }
        count += 1;
        match tense_cue(word) {
            Some(tense) => {
                back = Some((span.start - (word_start + start), tense));
                false
            }
            None => true,
        }
    });
    let after = text.get(span.end.min(end)..end).unwrap_or("");
    let mut forward: Option<(usize, Tense)> = None;
    let mut count = 0;
    words_forward(after, |word_start, word| {
        if count >= REACH {
            return false;
        }
        count += 1;
        match tense_cue(word) {
            Some(tense) => {
                forward = Some((word_start, tense));
                false
            }
            None => true,
        }
    });
    match (back, forward) {
        (Some((b, tb)), Some((f, tf))) => {
            if b <= f {
                tb
            } else {
                tf
            }
        }
        (Some((_, t)), None) | (None, Some((_, t))) => t,
        (None, None) => Tense::Unknown,
    }
}

/// The sentence around `span`: within the article's sentence, cut at ". ",
/// "! ", "? " that do not follow an abbreviation.
fn sentence_bounds(text: &str, sentences: &[Span], span: Span) -> (usize, usize) {
    let index = sentences.partition_point(|s| s.end <= span.start);
    let outer = sentences.get(index).filter(|s| s.start <= span.start).copied();
    let (outer_start, outer_end) = outer.map_or((0, text.len()), |s| (s.start, s.end.max(span.end)));
    let outer_start = outer_start.min(span.start);
    let is_stop = |before: &str, at: usize| -> bool {
        let bytes = text.as_bytes();
        if !matches!(bytes.get(at), Some(b'.' | b'!' | b'?'))
            || !matches!(bytes.get(at + 1), Some(b' ' | b'\n'))
        {
            return false;
        }
        // A lowercase word after the stop continues the sentence (German
        // ordinals: "vom 20. bis 22. März").
        let rest = text.get(at + 1..).unwrap_or("").trim_start();
        if rest.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let is_month = |word: &str| matches!(lexicon::lookup(word), Some(lexicon::Lex::Month { .. }));
        // A German ordinal day before its month ("20. März") ends nothing.
        let next_word = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) && !is_month(next_word);
        number || word.chars().count() > 3 && !is_month(word)
    };
    // Only a '.', '!' or '?' can end a sentence: go from one to the next.
    let bytes = text.as_bytes();
    let mut start = outer_start;
    let before = bytes.get(outer_start..span.start).unwrap_or_default();
    for at in memchr::memrchr3_iter(b'.', b'!', b'?', before).map(|i| outer_start + i) {
        if is_stop(&text[outer_start..at], at) {
            start = at + 1;
            break;
        }
    }
    let mut end = outer_end.min(text.len());
    let after = bytes.get(span.end..end).unwrap_or_default();
    for at in memchr::memchr3_iter(b'.', b'!', b'?', after).map(|i| span.end + i) {
        if is_stop(&text[outer_start..at], at) {
            end = at;
            break;
        }
    }
    (start, end.max(start))
}

/// Hover on a date: the resolved day with its weekday, how it was worked out,
/// its distance from the article date, and the house-style form.
pub fn hover(context: &Context<'_>, offset: usize) -> Option<Hover> {
    let mention = context.analysis.dates.iter().find(|m| m.span.contains(offset))?;
    let today = context.analysis.article_date.as_ref().map(|d| d.date);
    let mut lines = Vec::new();
    let written = escape_markdown(mention.span.slice(context.text));
    match (mention.value, mention.end_value) {
        (Some(start), Some(end)) => {
            lines.push(format!(
                "**{}** to **{}** ({})",
                describe(start),
                describe(end),
                mention.value_text().unwrap_or_default()
            ));
        }
        (Some(value), None) => {
            let timex = mention.timex.as_ref().map(|t| format!(" ({t})")).unwrap_or_default();
            lines.push(format!("**{}**{timex}", describe(value)));
        }
        _ => match &mention.timex {
            Some(timex) => lines.push(format!("**{timex}**")),
            None if mention.has_flag(DateFlag::InvalidDate) => {
                lines.push(format!("**“{written}” is not a real calendar day.**"))
            }
            None => lines.push(format!("**“{written}”**: no exact date can be worked out.")),
        },
    }
    let article = |t: Option<Date>| t.map(|d| format!("{d}")).unwrap_or_default();
    let how = match &mention.basis {
        Basis::Written => "Written in full.".to_owned(),
        Basis::NumericOrder { day_first, ambiguous } => {
            let order = if *day_first { "day first (day/month/year)" } else { "month first (month/day/year)" };
            if *ambiguous {
                format!("A numeric date, read {order} as the `dates.numeric_order` setting says; it could be read the other way. Spell the month out to remove the doubt.")
            } else {
                format!("A numeric date, read {order}: the other order gives no real date.")
            }
        }
        Basis::YearFromArticle { tense } => format!(
            "The year is taken from the article date, {}{}.",
            article(today),
            match tense {
                Tense::Past => " (past tense: the latest such date on or before it)",
                Tense::Future => " (future tense: the next such date on or after it)",
                Tense::Present | Tense::Unknown => " (the nearest such date)",
            }
        ),
        Basis::WeekdayFromArticle { tense, relative } => {
            let which = match (relative, tense) {
                (Some(Relative::Last), _) => "before",
                (Some(Relative::Next), _) => "after",
                (_, Tense::Past) => "on or before",
                (_, Tense::Future) => "on or after",
                (_, Tense::Present) => "on or after (the present tense of a scheduled event)",
                (_, Tense::Unknown) => "nearest to",
            };
            let weekday = match &mention.form {
                DateForm::Weekday { weekday, .. } => lexicon::weekday_name(*weekday),
                _ => "day",
            };
            let mut text = format!("The {weekday} {which} the article date, {}.", article(today));
            if *relative == Some(Relative::Last) {
                text.push_str(" Some readers take “last” to mean the week before; the plain weekday avoids the doubt.");
            }
            text
        }
        Basis::FromArticle => format!("Counted from the article date, {}.", article(today)),
        Basis::FromPrevious { span, date } => format!(
            "Counted from the previous date in the text, “{}” ({date}).",
            escape_markdown(span.slice(context.text))
        ),
        Basis::NoArticleDate => {
            "Needs the article date to resolve: set `article_date`, or give the article a `date` line, front matter `date:` or a dateline.".to_owned()
        }
        Basis::Unresolved => {
            "Relative to an event in the story; copydesk does not guess its date.".to_owned()
        }
        Basis::Invalid => "This day does not exist in the calendar.".to_owned(),
    };
    lines.push(how);
    if let (Some(value), Some(today)) = (mention.value, today) {
        if value.precision == Precision::Day {
            let days = days_between(today, value.date);
            let distance = match days {
                0 => "The article date itself.".to_owned(),
                1 => "1 day after the article date.".to_owned(),
                -1 => "1 day before the article date.".to_owned(),
                d if d > 0 => format!("{d} days after the article date."),
                d => format!("{} days before the article date.", -d),
            };
            lines.push(distance);
        }
    }
    let style = render::DateStyle::from_setting(&context.settings.dates.style);
    if let Some(rendered) = render::render(mention, style, today, context.text) {
        lines.push(format!("{} style: {}", style.label(), escape_markdown(&rendered)));
    }
    Some(Hover { span: mention.span, markdown: lines.join("\n\n") })
}

/// "Sunday, April 16, 2023" at the value's precision.
fn describe(value: DateValue) -> String {
    let date = value.date;
    let month = lexicon::month_name(date.month() as u8);
    match value.precision {
        Precision::Day => format!(
            "{}, {month} {}, {}",
            lexicon::weekday_name(date.weekday().to_monday_zero_offset() as u8),
            date.day(),
            date.year()
        ),
        Precision::Month => format!("{month} {}", date.year()),
        Precision::Year => format!("{}", date.year()),
    }
}

#[cfg(test)]
mod tests;

/// Inlay hints: the resolved value after each date whose value the text does
/// not spell out (weekdays, "yesterday", "in January", "the next day").
pub fn inlay_hints(context: &Context<'_>) -> Vec<crate::analysis::inlay::InlayHint> {
    let mut hints = Vec::new();
    for mention in &context.analysis.dates {
        let relative = match &mention.form {
            DateForm::Day(parts) => parts.year.is_none_or(|y| !matches!(y, YearWritten::Number(_))),
            DateForm::Range { start, .. } => start.year.is_none_or(|y| !matches!(y, YearWritten::Number(_))),
            DateForm::Month { year, .. } => year.is_none_or(|y| !matches!(y, YearWritten::Number(_))),
            DateForm::Year { .. } | DateForm::Decade { .. } => false,
            _ => true,
        };
        if !relative {
            continue;
        }
        let Some(value) = mention.value_text() else { continue };
        let tooltip = match &mention.basis {
            Basis::FromPrevious { date, .. } => {
                Some(format!("Counted from the previous date in the text, {date}."))
            }
            _ => context
                .analysis
                .article_date
                .as_ref()
                .map(|d| format!("Resolved against the article date, {}.", d.date)),
        };
        hints.push(crate::analysis::inlay::InlayHint {
            offset: mention.span.end,
            label: format!("= {value}"),
            tooltip,
        });
    }
    hints
}
