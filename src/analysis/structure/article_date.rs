//! The article's own date, which relative dates resolve against.
//!
//! Sources, in order: the `article_date` setting (or `--article-date`), front
//! matter `date:`, a first line `date 2023-04-17`, then near the top of the
//! body a wire-style dateline (`MOSCOW, April 16 (Reuters) -`) or a line
//! that holds only the date (`March 3, 2024`, `Published Sunday, 3 March
//! 2024, 10:42`), as under a byline. No date at all is a valid state.
//!
//! A source that is present but unusable (an impossible date such as
//! 2023-02-30, a malformed setting) is skipped and the next one is tried. A
//! dateline that gives month and day but no year (`MOSCOW, April 16
//! (Reuters) -`, the usual wire form) gives no date: the year is not
//! guessed, because a wrong year silently shifts every weekday check. A
//! dateline without any date (`WASHINGTON (AP) —`) gives none either.

use jiff::civil::Date;

use crate::analysis::dates::lexicon;
use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::blocks::{body_start, header_line, iso_date_at};
use crate::analysis::structure::{Article, BlockKind};

/// Where the article date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleDateSource {
    Setting,
    FrontMatter,
    HeaderLine,
    Dateline,
    /// A paragraph near the top that holds only the date.
    DateLine,
}

/// The article's date and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleDate {
    pub date: jiff::civil::Date,
    pub source: ArticleDateSource,
    /// Where in the text it was read from (`None` for a setting): the date
    /// itself (`2023-04-17`, `Feb. 24, 2023`), not its label.
    pub span: Option<Span>,
}

/// How many body paragraphs from the top may carry the dateline (a headline
/// and a byline may come first).
const DATELINE_PARAGRAPHS: usize = 3;

/// Find the article date. Never fails; `None` when the article has none.
pub fn detect(text: &str, article: &Article, settings: &Settings) -> Option<ArticleDate> {
    if let Some(date) = settings.article_date.as_deref().and_then(|value| parse_iso(value.trim().as_bytes()))
    {
        return Some(ArticleDate { date, source: ArticleDateSource::Setting, span: None });
    }
    if let Some((date, span)) =
        article.front_matter.and_then(|front_matter| front_matter_date(text, front_matter))
    {
        return Some(ArticleDate { date, source: ArticleDateSource::FrontMatter, span: Some(span) });
    }
    if let Some(header) = header_line(text, body_start(text, article.front_matter)) {
        if let Some(date) = text.as_bytes().get(header.date.start..header.date.end).and_then(parse_iso) {
            return Some(ArticleDate {
                date,
                source: ArticleDateSource::HeaderLine,
                span: Some(header.date),
            });
        }
    }
    let (found, source) = article
        .paragraphs
        .iter()
        .filter(|paragraph| paragraph.kind == BlockKind::Body)
        .take(DATELINE_PARAGRAPHS)
        .find_map(|paragraph| {
            dateline(text, paragraph.span).map(|found| (found, ArticleDateSource::Dateline)).or_else(|| {
                date_line(text, paragraph.span).map(|found| (Some(found), ArticleDateSource::DateLine))
            })
        })?;
    let (date, span) = found?;
    Some(ArticleDate { date, source, span: Some(span) })
}

/// A paragraph that holds only a full date: `March 3, 2024`, `3 March
/// 2024`, `Sunday, March 3, 2024`, `Published: March 3, 2024`, with at most
/// a time after it (`March 3, 2024, 10:42 a.m. EST`, `3. März 2024 | 14:05`).
fn date_line(text: &str, paragraph: Span) -> Option<(Date, Span)> {
    const LABELS: &[&str] =
        &["Published", "Updated", "Posted", "Last updated", "Veröffentlicht", "Aktualisiert", "Stand"];
    let body = text.get(paragraph.start..paragraph.end)?;
    if body.len() > 80 || body.contains('\n') {
        return None;
    }
    let mut cursor = Cursor { text: body, position: 0 };
    cursor.skip_spaces();
    if let Some(label) = LABELS.iter().find(|label| cursor.rest().starts_with(*label)) {
        cursor.position += label.len();
        cursor.eat(":");
        cursor.skip_spaces();
        if cursor.eat("on ") || cursor.eat("am ") {
            cursor.skip_spaces();
        }
    }
    // A weekday, capitalised, as the dates lexicon knows it ("Sunday",
    // "Sonntag").
    let rest = cursor.rest();
    let word = &rest[..rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len())];
    let capitalised = word.starts_with(|c: char| c.is_uppercase());
    if capitalised && matches!(lexicon::lookup(word), Some(lexicon::Lex::Weekday { .. })) {
        cursor.position += word.len();
        cursor.eat(",");
        cursor.skip_spaces();
    }
    let (date, span) = month_day(&mut cursor, paragraph.start)?;
    let date = date?;
    // Nothing after the date but a time: digits, colons, "a.m.", a zone.
    let rest = cursor.rest().trim_start_matches([',', ' ', '|', '·', '-', '–', '—', '\u{a0}']);
    let rest = rest.strip_prefix("at ").or_else(|| rest.strip_prefix("um ")).unwrap_or(rest);
    let time_like = rest.is_empty()
        || (rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.split_whitespace().count() <= 4
            && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | ' ' | '(' | ')')));
    time_like.then_some((date, span))
}

/// `YYYY-MM-DD` exactly, and a real calendar date.
fn parse_iso(bytes: &[u8]) -> Option<Date> {
    if bytes.len() != 10 {
        return None;
    }
    iso_date_at(bytes, 0)?;
    let number = |range: std::ops::Range<usize>| {
        bytes[range].iter().fold(0i16, |value, digit| value * 10 + i16::from(digit - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// `date: 2023-04-17`, `date: "2023-04-17T10:00:00Z"` (YAML) or
/// `date = 2023-04-17` (TOML) at the top level of the front matter.
fn front_matter_date(text: &str, front_matter: Span) -> Option<(Date, Span)> {
    let bytes = text.as_bytes();
    let block = text.get(front_matter.start..front_matter.end)?;
    let mut line_start = front_matter.start;
    for line in block.split('\n') {
        let this_start = line_start;
        line_start += line.len() + 1;
        let Some(after_key) = line.strip_prefix("date").or_else(|| line.strip_prefix("Date")) else {
            continue;
        };
        let value = after_key.trim_start_matches([' ', '\t']);
        let Some(value) = value.strip_prefix(':').or_else(|| value.strip_prefix('=')) else { continue };
        let value = value.trim_start_matches([' ', '\t']);
        let quoted = value.starts_with(['"', '\'']);
        let date_start = this_start + (line.len() - value.len()) + usize::from(quoted);
        let Some(span) = iso_date_at(bytes, date_start) else { continue };
        if let Some(date) = parse_iso(&bytes[span.start..span.end]) {
            return Some((date, span));
        }
    }
    None
}

/// A wire dateline at the start of `paragraph`:
/// `PLACE[, Region][, Month Day[, Year]] [(Agency)] -|–|—`.
/// `None`: no dateline here. `Some(None)`: a dateline without a full date.
fn dateline(text: &str, paragraph: Span) -> Option<Option<(Date, Span)>> {
    let body = text.get(paragraph.start..paragraph.end)?;
    // Datelines are short; never look far.
    let limit = floor_boundary(body, body.len().min(160));
    let head = &body[..limit];
    let mut cursor = Cursor { text: head, position: 0 };

    // The place: capitalised, up to a comma, an opening parenthesis or a dash.
    let place_end = head.find([',', '(', '—', '–', '-']).unwrap_or(head.len());
    let place = head[..place_end].trim_end();
    if place.is_empty() || place.len() > 40 || !place.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    if !place.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’')) {
        return None;
    }
    let place_in_capitals = place.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    cursor.position = place_end;

    let mut found_date: Option<(Option<Date>, Span)> = None;
    // Comma-separated parts after the place: regions, then the date.
    for _ in 0..3 {
        if !cursor.eat(",") {
            break;
        }
        cursor.skip_spaces();
        let before = cursor.position;
        if let Some(date) = month_day(&mut cursor, paragraph.start) {
            found_date = Some(date);
            break;
        }
        cursor.position = before;
        let region_end = cursor.rest().find([',', '(', '—', '–']).map(|offset| cursor.position + offset)?;
        let region = head[cursor.position..region_end].trim_end();
        if region.is_empty() || region.len() > 30 || !region.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        cursor.position = region_end;
    }
    cursor.skip_spaces();
    let mut agency = false;
    if cursor.eat("(") {
        let close = cursor.rest().find(')')?;
        if close == 0 || close > 40 {
            return None;
        }
        cursor.position += close + 1;
        agency = true;
        cursor.skip_spaces();
    }
    if !(cursor.eat("--") || cursor.eat("—") || cursor.eat("–") || cursor.eat("-")) {
        return None;
    }
    if !cursor.rest().is_empty() && !cursor.rest().starts_with(char::is_whitespace) {
        return None;
    }
    if !(agency || found_date.is_some() || place_in_capitals) {
        return None;
    }
    Some(found_date.and_then(|(date, span)| date.map(|date| (date, span))))
}

/// `April 16`, `Feb. 24, 2023`, `Sept. 3 2023`, or day-first `16. April
/// 2023` / `16 April 2023`: the date (`None` when the year is missing or the
/// day impossible) and its span in the text.
fn month_day(cursor: &mut Cursor<'_>, base: usize) -> Option<(Option<Date>, Span)> {
    let start = cursor.position;
    let (month, day) = if let Some(month) = cursor.month() {
        cursor.skip_spaces();
        let day = cursor.number(2)?;
        (month, day)
    } else {
        let day = cursor.number(2)?;
        cursor.eat(".");
        cursor.skip_spaces();
        let month = cursor.month()?;
        (month, day)
    };
    let mut end = cursor.position;
    let before_year = cursor.position;
    cursor.eat(",");
    cursor.skip_spaces();
    let year = cursor.number(4).filter(|year| *year >= 1000);
    match year {
        Some(_) => end = cursor.position,
        None => cursor.position = before_year,
    }
    let date = year.and_then(|year| Date::new(year as i16, month, i8::try_from(day).ok()?).ok());
    Some((date, Span::new(base + start, base + end)))
}

struct Cursor<'a> {
    text: &'a str,
    position: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.position..).unwrap_or("")
    }

    fn eat(&mut self, token: &str) -> bool {
        let matched = self.rest().starts_with(token);
        if matched {
            self.position += token.len();
        }
        matched
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.position += rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len();
    }

    /// Up to `max_digits` digits, not followed by another digit.
    fn number(&mut self, max_digits: usize) -> Option<u32> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > max_digits {
            return None;
        }
        let value = self.rest()[..digits].parse().ok()?;
        self.position += digits;
        Some(value)
    }

    /// A month name, full or abbreviated (English, German), with an
    /// optional period.
    fn month(&mut self) -> Option<i8> {
        let rest = self.rest();
        let word_length = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let month = month_number(&rest[..word_length])?;
        self.position += word_length;
        self.eat(".");
        Some(month)
    }
}

pub(crate) fn month_number(word: &str) -> Option<i8> {
    let month = match word {
        "January" | "Jan" | "Januar" | "Jänner" => 1,
        "February" | "Feb" | "Februar" => 2,
        "March" | "Mar" | "März" => 3,
        "April" | "Apr" => 4,
        "May" | "Mai" => 5,
        "June" | "Jun" | "Juni" => 6,
        "July" | "Jul" | "Juli" => 7,
        "August" | "Aug" => 8,
        "September" | "Sept" | "Sep" => 9,
        "October" | "Oct" | "Oktober" | "Okt" => 10,
        "November" | "Nov" => 11,
        "December" | "Dec" | "Dezember" | "Dez" => 12,
        _ => return None,
    };
    Some(month)
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
