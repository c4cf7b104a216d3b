//! House styles for dates and the edits that rewrite a date in place.
//!
//! Only what the text pins down is rewritten: calendar days, weekdays,
//! "yesterday"/"tomorrow", "two weeks ago", months and day ranges. Vague or
//! coarse expressions ("last week", "the 1990s", "mid-April", "Days later"),
//! holidays, "today", impossible dates and dates whose weekday contradicts
//! them are left as written. Dates inside quotations are never rewritten.

use jiff::civil::Date;

use crate::analysis::dates::lexicon::{ap_month, month_name, weekday_name};
use crate::analysis::dates::{
    days_between, pick_year, weekday_near, DateFlag, DateForm, DateMention, DateValue, Lang, Precision,
    RangeConnector, Tense,
};
use crate::analysis::finding::TextEdit;
use crate::analysis::lower::Lower;
use crate::analysis::span::Span;
use crate::analysis::Context;

/// A house date style (`dates.style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// AP: "Feb. 24, 2022", "Sunday" within a week, "March 20-22".
    Ap,
    /// Chicago: "February 24, 2022", year always, en dash ranges.
    Chicago,
    /// ISO 8601: "2022-02-24", "2023-03-20/2023-03-22".
    Iso,
    /// "April 16, 2023" always: month spelled out, year always.
    Long,
}

impl DateStyle {
    pub const ALL: [DateStyle; 4] = [DateStyle::Ap, DateStyle::Chicago, DateStyle::Iso, DateStyle::Long];

    /// Read the setting; anything unknown means AP.
    pub fn from_setting(value: &str) -> DateStyle {
        match value.trim().to_ascii_lowercase().as_str() {
            "chicago" => DateStyle::Chicago,
            "iso" | "iso8601" | "iso-8601" => DateStyle::Iso,
            "long" => DateStyle::Long,
            _ => DateStyle::Ap,
        }
    }

    /// The name used in action titles: "(AP)".
    pub const fn label(self) -> &'static str {
        match self {
            DateStyle::Ap => "AP",
            DateStyle::Chicago => "Chicago",
            DateStyle::Iso => "ISO 8601",
            DateStyle::Long => "long",
        }
    }
}

/// The date written in `style`, or `None` when it is left as written.
pub fn render(mention: &DateMention, style: DateStyle, today: Option<Date>, text: &str) -> Option<String> {
    let mut out = String::new();
    render_into(mention, style, today, text, &mut out).then_some(out)
}

/// [`render`] into `out` (cleared first): `false` when the date is left as
/// written. The rules render every date of the document on every version,
/// so this writes into one reused buffer, without `format!`.
pub fn render_into(
    mention: &DateMention,
    style: DateStyle,
    today: Option<Date>,
    text: &str,
    out: &mut String,
) -> bool {
    out.clear();
    if mention.lang != Lang::En
        || mention.has_flag(DateFlag::InvalidDate)
        || mention.has_flag(DateFlag::WeekdayMismatch)
        || mention.has_flag(DateFlag::NotResolvable)
    {
        return false;
    }
    let Some(value) = mention.value else { return false };
    // AP leaves out what the reader (and copydesk, reading the result back)
    // works out from the article date and the sentence's tense: only when
    // that gives back the same day.
    let reader = Reader { today, tense: mention.tense };
    match &mention.form {
        DateForm::Day(parts) => {
            let part_of_day = None;
            day(out, style, value.date, reader, parts.weekday.is_some(), part_of_day);
        }
        DateForm::Weekday { part_of_day, .. } => {
            day(out, style, value.date, reader, true, part_of_day.map(|p| p.word()));
        }
        DateForm::DayOffset { days, word } => {
            // "today" often means "nowadays"; leave it.
            if *days == 0 {
                return false;
            }
            let _ = word;
            day(out, style, value.date, reader, false, None);
        }
        DateForm::Anchored { days: Some(_) } => return false,
        DateForm::DayOfMonth { .. } => day(out, style, value.date, reader, false, None),
        DateForm::Month { modifier: None, .. } if value.precision == Precision::Month => {
            month(out, style, value, reader);
        }
        DateForm::Range { start, end, connector, from } => {
            let Some(end_value) = mention.end_value else { return false };
            let _ = (start, end);
            range(out, style, value.date, end_value.date, reader, *connector, *from);
        }
        _ => {
            let _ = text;
            return false;
        }
    }
    true
}

/// `number` in decimal, at least `width` digits (zero-padded): `format!`'s
/// `{number:0width$}`, without its machinery.
pub(crate) fn push_number(out: &mut String, number: i64, width: usize) {
    if number < 0 {
        use std::fmt::Write as _;
        // Writing into a `String` cannot fail.
        let _ = write!(out, "{number:0width$}");
        return;
    }
    let mut buffer = [0_u8; 20];
    let digits = decimal(number as u64, &mut buffer);
    for _ in digits.len()..width {
        out.push('0');
    }
    for &digit in digits {
        out.push(char::from(digit));
    }
}

/// The decimal digits of `number`, written at the end of `buffer` (20
/// bytes hold any `u64`): the one digit writer of the core and the CLI's
/// report.
pub fn decimal(number: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    let mut rest = number;
    loop {
        at -= 1;
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    &buffer[at..]
}

/// What a reader resolves a shortened date with: the article date and the
/// tense of the sentence (as the resolver does).
#[derive(Clone, Copy)]
struct Reader {
    today: Option<Date>,
    tense: Tense,
}

impl Reader {
    /// Whether a bare weekday may stand for `date`: within a week of the
    /// article date, and, when the sentence has a tense, the weekday on that
    /// side of it. (Without a tense the nearest weekday is read back, so a
    /// second normalisation keeps the same weekday.)
    fn weekday_reads_as(self, date: Date) -> bool {
        let Some(today) = self.today else { return false };
        days_between(today, date).abs() <= 6
            && (self.tense == Tense::Unknown
                || weekday_near(today, date.weekday().to_monday_zero_offset() as u8, self.tense, None)
                    == Some(date))
    }

    /// Whether a month (and day) without a year reads back in `date`'s year.
    fn year_reads_as(self, date: Date, month_only: bool) -> bool {
        let Some(today) = self.today else { return false };
        today.year() == date.year()
            && pick_year(today, date.month() as u8, date.day() as u8, self.tense, month_only, false)
                == i32::from(date.year())
    }
}

/// One calendar day. `weekday_written` keeps a written weekday (or renders a
/// weekday expression) where the style allows.
fn day(
    out: &mut String,
    style: DateStyle,
    date: Date,
    reader: Reader,
    weekday_written: bool,
    part_of_day: Option<&str>,
) {
    let today = reader.today;
    let weekday = weekday_name(date.weekday().to_monday_zero_offset() as u8);
    let m = date.month() as u8;
    let d = i64::from(date.day());
    let y = i64::from(date.year());
    match style {
        DateStyle::Iso => {
            push_number(out, y, 4);
            out.push('-');
            push_number(out, i64::from(m), 2);
            out.push('-');
            push_number(out, d, 2);
        }
        DateStyle::Chicago | DateStyle::Long => {
            if weekday_written {
                out.push_str(weekday);
                out.push_str(", ");
            }
            out.push_str(month_name(m));
            out.push(' ');
            push_number(out, d, 0);
            out.push_str(", ");
            push_number(out, y, 0);
        }
        DateStyle::Ap => {
            let distance = today.map(|t| days_between(t, date));
            if reader.weekday_reads_as(date) {
                out.push_str(weekday);
                if let Some(part) = part_of_day {
                    out.push(' ');
                    out.push_str(part);
                }
                return;
            }
            // A written weekday stays for an upcoming date ("Monday, Oct. 2");
            // for a past date beyond the week it adds nothing.
            if weekday_written && distance.is_some_and(|days| days > 0) {
                out.push_str(weekday);
                out.push_str(", ");
            }
            out.push_str(ap_month(m));
            out.push(' ');
            push_number(out, d, 0);
            if !reader.year_reads_as(date, false) {
                out.push_str(", ");
                push_number(out, y, 0);
            }
        }
    }
}

fn month(out: &mut String, style: DateStyle, value: DateValue, reader: Reader) {
    let m = value.date.month() as u8;
    let y = i64::from(value.date.year());
    match style {
        DateStyle::Iso => {
            push_number(out, y, 4);
            out.push('-');
            push_number(out, i64::from(m), 2);
        }
        DateStyle::Chicago | DateStyle::Long => {
            out.push_str(month_name(m));
            out.push(' ');
            push_number(out, y, 0);
        }
        DateStyle::Ap => {
            out.push_str(month_name(m));
            if !reader.year_reads_as(value.date, true) {
                out.push(' ');
                push_number(out, y, 0);
            }
        }
    }
}

fn range(
    out: &mut String,
    style: DateStyle,
    start: Date,
    end: Date,
    reader: Reader,
    connector: RangeConnector,
    from: bool,
) {
    if style == DateStyle::Iso {
        iso(out, start);
        out.push('/');
        iso(out, end);
        return;
    }
    let month_of = |date: Date| -> &'static str {
        match style {
            DateStyle::Ap => ap_month(date.month() as u8),
            _ => month_name(date.month() as u8),
        }
    };
    // The start's year is read back from the article date; the end's from
    // the start.
    let show_start_year = match style {
        DateStyle::Ap => !reader.year_reads_as(start, false),
        _ => true,
    };
    let show_end_year = match style {
        DateStyle::Ap => reader.today.is_none_or(|t| t.year() != end.year()),
        _ => true,
    };
    let joiner = match (connector, from, style) {
        (RangeConnector::And, _, _) => " and ",
        (RangeConnector::To, true, _) => " to ",
        (_, _, DateStyle::Chicago) => "–",
        _ => "-",
    };
    let same_year = start.year() == end.year();
    let same_month = same_year && start.month() == end.month();
    let month_day = |out: &mut String, date: Date| {
        out.push_str(month_of(date));
        out.push(' ');
        push_number(out, i64::from(date.day()), 0);
    };
    let comma_year = |out: &mut String, date: Date| {
        out.push_str(", ");
        push_number(out, i64::from(date.year()), 0);
    };
    if same_year {
        month_day(out, start);
        out.push_str(joiner);
        if same_month {
            push_number(out, i64::from(end.day()), 0);
        } else {
            month_day(out, end);
        }
        if show_start_year {
            comma_year(out, start);
        }
        return;
    }
    month_day(out, start);
    comma_year(out, start);
    if joiner.starts_with(' ') {
        out.push(',');
    }
    out.push_str(joiner);
    month_day(out, end);
    if show_end_year {
        comma_year(out, end);
    }
}

/// A day in ISO 8601 ([`DateValue::iso`] at day precision).
fn iso(out: &mut String, date: Date) {
    push_number(out, i64::from(date.year()), 4);
    out.push('-');
    push_number(out, i64::from(date.month()), 2);
    out.push('-');
    push_number(out, i64::from(date.day()), 2);
}

/// Whether the date lies inside a direct quotation (never rewritten).
///
/// Quotations are sorted by their opening mark, and outer (level 0) ones do
/// not overlap each other, so this walks back from the last quotation opening
/// before the span's end only until it meets an outer one: logarithmic, not
/// linear, per date.
pub fn in_quotation(context: &Context<'_>, span: Span) -> bool {
    let quotations = &context.analysis.quotes.quotations;
    let before_end = quotations.partition_point(|q| q.span.start < span.end);
    for quotation in quotations[..before_end].iter().rev() {
        if quotation.span.overlaps(span) {
            return true;
        }
        if quotation.level == 0 {
            return false;
        }
    }
    false
}

/// The edit that rewrites `mention` in `style`, keeping the sentence right:
/// a comma after a year placed mid-sentence ("Feb. 24, 2022, was"), and the
/// comma that closed a removed year dropped when nothing else needs it.
/// `None` when the style leaves it as written or it is inside a quotation.
pub fn rewrite(context: &Context<'_>, mention: &DateMention, style: DateStyle) -> Option<TextEdit> {
    rewrite_with(context, mention, style, &mut String::new())
}

/// [`rewrite`], rendering into `buffer` (reused from date to date): a date
/// already written in the style costs no allocation.
pub fn rewrite_with(
    context: &Context<'_>,
    mention: &DateMention,
    style: DateStyle,
    buffer: &mut String,
) -> Option<TextEdit> {
    let text = context.text;
    if in_quotation(context, mention.span) {
        return None;
    }
    let today = context.analysis.article_date.as_ref().map(|d| d.date);
    if !render_into(mention, style, today, text, buffer) {
        return None;
    }
    let written = text.get(mention.span.start..mention.span.end)?;
    if buffer.as_str() == written {
        return None;
    }
    let after = text.get(mention.span.end..).unwrap_or("");
    // A year the detector would not read back (it reads 1000–2200, see
    // `detect::year`) is never written: normalising twice would add it again.
    let readable = |value: &Option<DateValue>| {
        value.as_ref().is_none_or(|value| (1000..=2200).contains(&i32::from(value.date.year())))
    };
    if !readable(&mention.value) || !readable(&mention.end_value) {
        return None;
    }
    // A date glued to the word after it ("2023)nse", a typo) is left as
    // written: its rewrite would not read back as the same date, so
    // normalising twice would change it again.
    if after.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut span = mention.span;
    let ends_with_year = |s: &str| {
        let bytes = s.as_bytes();
        bytes.len() >= 6
            && bytes[bytes.len() - 4..].iter().all(u8::is_ascii_digit)
            && s[..s.len() - 4].ends_with(", ")
    };
    let rendered_ends_with_year = ends_with_year(buffer);
    // The rendering and, perhaps, a comma: allocated once at that size.
    let mut new_text = String::with_capacity(buffer.len() + 1);
    new_text.push_str(buffer);
    if style != DateStyle::Iso && rendered_ends_with_year && !ends_with_year(written) {
        // "on February 24 last year was" -> "on Feb. 24, 2022, was".
        let mut rest = after.chars();
        if rest.next() == Some(' ') && rest.next().is_some_and(char::is_alphanumeric) {
            new_text.push(',');
        }
    } else if ends_with_year(written) && !rendered_ends_with_year && after.starts_with(", ") {
        // "held April 16, 2023, was" -> "held Sunday was"; but keep a comma
        // that also ends an opening phrase or comes before a conjunction.
        let rest = &after[2..];
        let next_word = &rest[..rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len())];
        let keeps = [
            "and",
            "but",
            "or",
            "nor",
            "so",
            "yet",
            "which",
            "who",
            "whom",
            "whose",
            "where",
            "when",
            "while",
            "although",
            "though",
            "because",
            "after",
            "before",
            "since",
            "as",
            "according",
            "including",
            "said",
            "says",
        ];
        let lowercase = next_word.chars().next().is_some_and(char::is_lowercase);
        let opening = opening_phrase(text, mention.span.start);
        if lowercase && !opening && !keeps.contains(&Lower::of(next_word).as_str()) {
            span = Span::new(span.start, span.end + 1);
        }
    }
    Some(TextEdit::replace(span, new_text))
}

/// Whether the date opens its sentence (at most two words before it: "On
/// April 16, 2023, Putin ..."), so a comma after it ends an opening phrase.
///
/// Walks back only as far as the third word, so a long run of text without
/// a sentence end costs nothing.
fn opening_phrase(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let mut words = 0;
    let mut in_word = false;
    for c in before.chars().rev() {
        if matches!(c, '.' | '!' | '?' | '\n') {
            break;
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > 2 {
                return false;
            }
        }
    }
    true
}

/// Every edit that writes the document's dates in `style`, in text order.
pub fn normalize_edits(context: &Context<'_>, style: DateStyle) -> Vec<TextEdit> {
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut buffer = String::new();
    for mention in &context.analysis.dates {
        if let Some(edit) = rewrite_with(context, mention, style, &mut buffer) {
            if edits.last().is_none_or(|last| last.span.end <= edit.span.start) {
                edits.push(edit);
            }
        }
    }
    edits
}

/// Whether a rewrite may be applied unattended: not when a numeric date was
/// read in an order the text does not settle.
pub fn rewrite_is_safe(mention: &DateMention) -> bool {
    !mention.has_flag(DateFlag::AmbiguousDayMonthOrder)
}

#[cfg(test)]
mod tests {
    use super::push_number;

    /// (number, width, what `format!("{number:0width$}")` writes)
    const CASES: &[(i64, usize, &str)] = &[
        (0, 0, "0"),
        (7, 0, "7"),
        (7, 2, "07"),
        (12, 2, "12"),
        (999, 4, "0999"),
        (2023, 4, "2023"),
        (123_456, 4, "123456"),
        (-1, 4, "-001"),
        (-2023, 0, "-2023"),
    ];

    #[test]
    fn push_number_writes_what_format_writes() {
        for &(number, width, expected) in CASES {
            let mut out = String::from("x");
            push_number(&mut out, number, width);
            assert_eq!(out, format!("x{expected}"), "{number} at width {width}");
            assert_eq!(&out[1..], format!("{number:0width$}"), "{number} at width {width}");
        }
    }
}
