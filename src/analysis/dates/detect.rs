//! The scanner: find the strong tokens a date is built around (see
//! [`scan`]), cut the prose into tokens only in windows around them, and try
//! date patterns at the anchor tokens there (a month or weekday name, a digit
//! run, one of a few relative words). No regular expressions: each pattern
//! is a short walk over the tokens that follow an anchor, so the cost is
//! linear in the text.

use crate::analysis::ascii::{ascii_letters, load8, lower_prefix};
use crate::analysis::dates::lexicon::{self, Anchor, Lang, Lex};
use crate::analysis::dates::{
    DateForm, DayParts, Modifier, PartOfDay, RangeConnector, Relative, WrittenOrder, YearWritten,
};
use crate::analysis::lower::Lower;
use crate::analysis::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    /// Digits followed by letters: `12th`, `1990s`, `1990er`.
    Alnum,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub lex: Option<Lex>,
    /// A line break or a non-prose region lies between this token and the
    /// previous one: patterns never run across it.
    pub broken: bool,
    /// A number, or a word that can be the core of a date expression (see
    /// [`scan`]).
    pub strong: bool,
}

/// What an ASCII byte is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Newline,
    /// Tab, carriage return, vertical tab, form feed, space.
    Space,
    Digit,
    Letter,
    Punct,
}

const CLASSES: [Class; 128] = {
    let mut classes = [Class::Punct; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        classes[byte] = if b == b'\n' {
            Class::Newline
        } else if matches!(b, b'\t' | b'\r' | b' ' | 0x0B | 0x0C) {
            Class::Space
        } else if b.is_ascii_digit() {
            Class::Digit
        } else if b.is_ascii_alphabetic() {
            Class::Letter
        } else {
            Class::Punct
        };
        byte += 1;
    }
    classes
};

/// Cuts the prose of one paragraph into tokens, from any token boundary on
/// (the paragraph's start, or just after an ASCII space or line break).
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    /// The paragraph's non-prose regions (sorted, relative to `text`).
    excluded: &'a [Span],
    /// Where the next token is looked for.
    index: usize,
    broken: bool,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer that starts at `index`, a token boundary. The first token
    /// counts as broken from the one before it.
    pub(crate) fn new(text: &'a str, excluded: &'a [Span], index: usize) -> Self {
        Tokenizer { text, excluded, index, broken: true }
    }

    /// Whether the whole text has been cut.
    fn done(&self) -> bool {
        self.index >= self.text.len()
    }

    /// The next token of the prose. One pass over the bytes: ASCII goes by a
    /// table, only other characters are decoded.
    pub(crate) fn next_token(&mut self) -> Option<Tok> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut index = self.index;
        let token = loop {
            let Some(&byte) = bytes.get(index) else { break None };
            let start = index;
            // A word's entry in the lexicon, and whether it starts with a
            // capital letter.
            let mut entry = None;
            let mut capitalized = false;
            let kind = if byte < 0x80 {
                match CLASSES[usize::from(byte)] {
                    Class::Newline => {
                        self.broken = true;
                        index += 1;
                        continue;
                    }
                    Class::Space => {
                        index += 1;
                        continue;
                    }
                    Class::Digit => {
                        index += 1;
                        while bytes.get(index).is_some_and(u8::is_ascii_digit) {
                            index += 1;
                        }
                        let digits_end = index;
                        while bytes.get(index).is_some_and(u8::is_ascii_alphabetic) {
                            index += 1;
                        }
                        if index > digits_end {
                            TokKind::Alnum
                        } else {
                            TokKind::Number
                        }
                    }
                    Class::Letter => {
                        let (end, packed) = ascii_word(bytes, index);
                        index = end;
                        capitalized = byte.is_ascii_uppercase();
                        if bytes.get(index).is_some_and(|b| *b >= 0x80) && word_end(text, index) > index {
                            index = word_end(text, index);
                            entry = lexicon::lookup_word(&text[start..index]);
                        } else if let Some((low, high)) = packed {
                            entry = lexicon::lookup_packed(index - start, low, high);
                        }
                        TokKind::Word
                    }
                    Class::Punct => {
                        index += 1;
                        TokKind::Punct(char::from(byte))
                    }
                }
            } else {
                let Some(c) = text.get(index..).and_then(|rest| rest.chars().next()) else { break None };
                if c.is_whitespace() {
                    index += c.len_utf8();
                    continue;
                }
                if is_letter(c) {
                    index = word_end(text, index);
                    capitalized = c.is_uppercase();
                    entry = lexicon::lookup_word(&text[start..index]);
                    TokKind::Word
                } else {
                    index += c.len_utf8();
                    TokKind::Punct(c)
                }
            };
            if !self.excluded.is_empty() {
                let next_excluded = self.excluded.partition_point(|span| span.end <= start);
                if self.excluded.get(next_excluded).is_some_and(|span| span.contains(start)) {
                    self.broken = true;
                    continue;
                }
            }
            let strong = match kind {
                TokKind::Number | TokKind::Alnum => true,
                TokKind::Word => entry.is_some_and(|e| e.strong.holds(capitalized)),
                TokKind::Punct(_) => false,
            };
            let lex = entry.and_then(|e| e.lex);
            let token = Tok { start, end: index, kind, lex, broken: self.broken, strong };
            self.broken = false;
            break Some(token);
        };
        self.index = index;
        token
    }
}

/// The ASCII letters from `start` (a letter) on: where they end, and the
/// word packed in lower case for the lexicon when it has at most sixteen.
#[inline(always)]
fn ascii_word(bytes: &[u8], start: usize) -> (usize, Option<(u64, u64)>) {
    // Eight bytes at a time.
    let chunk = load8(bytes, start);
    let count = ascii_letters(chunk);
    let mut end = start + count;
    if count < 8 {
        return (end, Some((lower_prefix(chunk, count), 0)));
    }
    let next = load8(bytes, end);
    let more = ascii_letters(next);
    end += more;
    if more < 8 {
        return (end, Some((lower_prefix(chunk, 8), lower_prefix(next, more))));
    }
    while bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
        end += 1;
    }
    (end, None)
}

/// The start of the first strong token (a number, or a word whose entry
/// says so) at or after `index`, a token boundary: the tokenizer's walk
/// without making tokens, and looking a word up only when its length and
/// first letter are those of a strong word. Non-prose regions are not
/// skipped (a strong token there only costs a look).
fn next_strong(text: &str, mut index: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let pairs = lexicon::StrongPairs::get();
    while let Some(&byte) = bytes.get(index) {
        if (byte | 0x20).wrapping_sub(b'a') < 26 {
            let start = index;
            let chunk = load8(bytes, index);
            let count = ascii_letters(chunk);
            index += count;
            let ascii = bytes.get(index).is_none_or(|b| *b < 0x80) || word_end(text, index) == index;
            if count < 8 && ascii {
                // A word of up to seven letters (nearly all): its first two
                // letters and length rule most out.
                let [first, second, ..] = chunk.to_le_bytes();
                if count >= 2 && pairs.may_be(count, first, second) {
                    let low = lower_prefix(chunk, count);
                    if lexicon::strong_packed(count, low, 0, byte.is_ascii_uppercase()) {
                        return Some(start);
                    }
                }
                // The space after a word, without another turn.
                if bytes.get(index) == Some(&b' ') {
                    index += 1;
                }
                continue;
            }
            let (end, packed) = ascii_word(bytes, start);
            index = end;
            if !ascii {
                index = word_end(text, end);
                let capitalized = byte.is_ascii_uppercase();
                if lexicon::lookup_word(&text[start..index]).is_some_and(|e| e.strong.holds(capitalized)) {
                    return Some(start);
                }
            } else if let Some((low, high)) = packed {
                if lexicon::strong_packed(end - start, low, high, byte.is_ascii_uppercase()) {
                    return Some(start);
                }
            }
        } else if byte.is_ascii_digit() {
            return Some(index);
        } else if byte < 0x80 {
            index += 1;
        } else {
            let c = text.get(index..).and_then(|rest| rest.chars().next())?;
            if is_letter(c) {
                let start = index;
                index = word_end(text, index);
                if lexicon::lookup_word(&text[start..index]).is_some_and(|e| e.strong.holds(c.is_uppercase()))
                {
                    return Some(start);
                }
            } else {
                index += c.len_utf8();
            }
        }
    }
    None
}

/// The start of the `chunks`-th run of non-space bytes before `at` (runs
/// are cut at ASCII spaces and line breaks, so each holds a token at
/// least), or 0: a token boundary.
fn chunks_before(bytes: &[u8], at: usize, chunks: usize) -> usize {
    let space = |b: &u8| matches!(CLASSES.get(usize::from(*b)), Some(Class::Space | Class::Newline));
    let mut at = at.min(bytes.len());
    for _ in 0..chunks {
        while at > 0 && bytes.get(at - 1).is_some_and(space) {
            at -= 1;
        }
        while at > 0 && !bytes.get(at - 1).is_some_and(space) {
            at -= 1;
        }
        if at == 0 {
            break;
        }
    }
    at
}

/// The end of the word that goes on at `index` (ASCII letters and other
/// letters).
fn word_end(text: &str, mut index: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(index) {
        if b.is_ascii_alphabetic() {
            index += 1;
        } else if b >= 0x80 {
            match text.get(index..).and_then(|rest| rest.chars().next()) {
                Some(ch) if is_letter(ch) => index += ch.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    index
}

/// One date expression found by the scanner, before resolution.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub span: Span,
    pub form: DateForm,
    pub lang: Lang,
}

impl Found {
    /// Move to absolute offsets: `by` is the paragraph's start.
    pub(crate) fn shift(&mut self, by: usize) {
        self.span = Span::new(self.span.start + by, self.span.end + by);
        self.form.shift(by);
    }
}

pub(crate) struct Scanner<'a> {
    pub text: &'a str,
    /// The tokens of a window of the paragraph (see [`scan`]).
    pub toks: &'a [Tok],
    pub en: bool,
    pub de: bool,
    /// The window reaches the paragraph's end: no token follows the last.
    pub complete: bool,
    /// A pattern asked for a token past the end of an incomplete window.
    pub overrun: std::cell::Cell<bool>,
}

/// Words after "Sept. 11" that make it the name of the 2001 attacks.
const SEPT_11_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "attackers",
    "hijackers",
    "hijackings",
    "terrorist",
    "terror",
    "commission",
    "memorial",
];

const YEAR_PREPOSITIONS: &[&str] = &[
    "in", "since", "until", "till", "by", "during", "from", "through", "before", "after", "between", "and",
    "to", "im", "seit", "bis", "ab", "jahr", "jahre", "jahres", "of",
];
const TIME_NOUNS_BEFORE_OF: &[&str] =
    &["end", "start", "beginning", "spring", "summer", "autumn", "fall", "winter", "half", "middle", "year"];
const MONTH_PREPOSITIONS: &[&str] = &[
    "in", "since", "until", "till", "by", "during", "from", "through", "before", "after", "between", "of",
    "im", "seit", "bis", "ab", "zum", "vom", "von", "des", "den", "und", "oder", "diesem", "monat", "anfang",
    "mitte", "ende", "and", "or", "to", "early", "late", "mid",
];
const PARTS_OF_DAY: &[(&str, PartOfDay)] = &[
    ("morning", PartOfDay::Morning),
    ("afternoon", PartOfDay::Afternoon),
    ("evening", PartOfDay::Evening),
    ("night", PartOfDay::Night),
];

impl<'a> Scanner<'a> {
    fn tok(&self, i: usize) -> Option<&'a Tok> {
        let tok = self.toks.get(i);
        if tok.is_none() && !self.complete {
            self.overrun.set(true);
        }
        tok
    }

    fn str_at(&self, i: usize) -> &'a str {
        self.tok(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    /// Token `i` exists and follows `i - 1` without a break.
    fn joined(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.broken)
    }

    /// Token `i` starts exactly where token `i - 1` ends (no space).
    fn touching(&self, i: usize) -> bool {
        i > 0 && self.joined(i) && self.toks[i - 1].end == self.toks[i].start
    }

    fn is_word(&self, i: usize, word: &str) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Word) && self.str_at(i).eq_ignore_ascii_case(word)
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Word) && {
            let s = self.str_at(i);
            if s.is_ascii() {
                words.iter().any(|w| s.eq_ignore_ascii_case(w))
            } else {
                let lower = s.to_lowercase();
                words.iter().any(|w| lower == *w)
            }
        }
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Punct(c))
    }

    fn is_dash(&self, i: usize) -> bool {
        self.is_punct(i, '-') || self.is_punct(i, '–')
    }

    /// Token `i` does not continue the expression before it: a space before
    /// it, or sentence punctuation.
    fn free_after(&self, i: usize) -> bool {
        !self.touching(i)
            || matches!(self.tok(i).map(|t| t.kind), Some(TokKind::Punct(c)) if !matches!(c, '-' | '/' | '–'))
                && !(self.is_punct(i, '.') && self.touching(i + 1) && self.number(i + 1).is_some())
    }

    fn is_capitalized(&self, i: usize) -> bool {
        self.str_at(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// A digit run at `i`: its value and digit count.
    fn number(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.kind != TokKind::Number || t.end - t.start > 6 {
            return None;
        }
        let s = self.str_at(i);
        Some((s.parse().ok()?, s.len()))
    }

    /// A day of the month at `i`: `16` or `16th`; returns (day, ordinal).
    fn day(&self, i: usize) -> Option<(u8, bool)> {
        let t = self.tok(i)?;
        if !matches!(t.kind, TokKind::Number | TokKind::Alnum) {
            return None;
        }
        let s = self.str_at(i);
        let (digits, ordinal) = match t.kind {
            TokKind::Number => (s, false),
            TokKind::Alnum => {
                let split = s.find(|c: char| !c.is_ascii_digit())?;
                let suffix = &s[split..];
                if !["st", "nd", "rd", "th"].iter().any(|o| suffix.eq_ignore_ascii_case(o)) {
                    return None;
                }
                (&s[..split], true)
            }
            _ => return None,
        };
        if digits.is_empty() || digits.len() > 2 {
            return None;
        }
        let day: u8 = digits.parse().ok()?;
        (1..=31).contains(&day).then_some((day, ordinal))
    }

    /// A four-digit year in a plausible range at `i`.
    fn year(&self, i: usize) -> Option<i32> {
        let (value, digits) = self.number(i)?;
        (digits == 4 && (1000..=2200).contains(&value)).then_some(value as i32)
    }

    /// A month name at `i` in an enabled language; returns (month,
    /// abbreviated, index after it including an abbreviation's period, lang).
    fn month(&self, i: usize) -> Option<(u8, bool, usize, Lang)> {
        let Some(Lex::Month { month, abbreviated, en, de }) = self.tok(i)?.lex else { return None };
        if !self.is_capitalized(i) {
            return None;
        }
        let lang = if en && self.en {
            Lang::En
        } else if de && self.de {
            Lang::De
        } else {
            return None;
        };
        let mut next = i + 1;
        if abbreviated && self.is_punct(next, '.') && self.touching(next) {
            next += 1;
        }
        Some((month, abbreviated, next, lang))
    }

    fn weekday(&self, i: usize) -> Option<(u8, Lang)> {
        let Some(Lex::Weekday { weekday, lang }) = self.tok(i)?.lex else { return None };
        let enabled = match lang {
            Lang::En => self.en,
            Lang::De => self.de,
        };
        (enabled && self.is_capitalized(i)).then_some((weekday, lang))
    }

    fn span(&self, first: usize, end: usize) -> Span {
        let start = self.tok(first).map_or(0, |t| t.start);
        let end = self.tok(end.saturating_sub(1)).map_or(start, |t| t.end);
        Span::new(start, end.max(start))
    }

    /// A year after a date at `i`: `, 2023`, ` 2023`, `last year`.
    fn trailing_year(&self, i: usize) -> Option<(YearWritten, usize)> {
        if self.is_punct(i, ',') && self.joined(i) && self.joined(i + 1) {
            if let Some(year) = self.year(i + 1) {
                return Some((YearWritten::Number(year), i + 2));
            }
        }
        if self.joined(i) {
            if let Some(year) = self.year(i) {
                return Some((YearWritten::Number(year), i + 1));
            }
            if self.is_word(i + 1, "year") && self.joined(i + 1) {
                let offset = if self.is_word(i, "last") {
                    Some(-1)
                } else if self.is_word(i, "next") {
                    Some(1)
                } else if self.is_word(i, "this") {
                    Some(0)
                } else {
                    None
                };
                if let Some(offset) = offset {
                    return Some((YearWritten::Relative(offset), i + 2));
                }
            }
        }
        None
    }

    /// A calendar day starting at `i` (no weekday): month-first, day-first,
    /// "the 5th of May", ISO and numeric forms.
    fn day_parts(&self, i: usize) -> Option<(DayParts, usize, Lang)> {
        // Month first: "April 16", "Sept. 5, 2022", "June 12th".
        if let Some((month, _, next, lang)) = self.month(i) {
            if lang == Lang::En && self.joined(next) {
                if let Some((day, ordinal)) = self.day(next) {
                    // "May 5,000" or "May 12.5" are not dates.
                    if self.is_punct(next + 1, '.')
                        && self.touching(next + 1)
                        && self.touching(next + 2)
                        && self.number(next + 2).is_some()
                    {
                        return None;
                    }
                    let mut parts = DayParts::new(month, day, WrittenOrder::MonthDay);
                    parts.ordinal = ordinal;
                    parts.month_span = Some(self.span(i, next));
                    parts.day_span = Some(self.span(next, next + 1));
                    let mut end = next + 1;
                    if let Some((year, after)) = self.trailing_year(end) {
                        parts.year = Some(year);
                        end = after;
                    }
                    return Some((parts, end, lang));
                }
            }
            return None;
        }
        // "the 5th of May".
        if self.is_word(i, "the") {
            let (day, ordinal) = self.day(i + 1)?;
            if !ordinal || !self.is_word(i + 2, "of") {
                return None;
            }
            let (month, _, next, lang) = self.month(i + 3)?;
            let mut parts = DayParts::new(month, day, WrittenOrder::OrdinalOf);
            parts.ordinal = true;
            parts.day_span = Some(self.span(i + 1, i + 2));
            parts.month_span = Some(self.span(i + 3, next));
            let mut end = next;
            if let Some((year, after)) = self.trailing_year(end) {
                parts.year = Some(year);
                end = after;
            }
            return Some((parts, end, lang));
        }
        // ISO: 2023-04-17.
        if let Some(year) = self.year(i) {
            if self.is_punct(i + 1, '-') && self.touching(i + 1) && self.touching(i + 2) {
                let (month, md) = self.number(i + 2)?;
                if md == 2 && self.is_punct(i + 3, '-') && self.touching(i + 3) && self.touching(i + 4) {
                    let (day, dd) = self.number(i + 4)?;
                    if dd == 2
                        && (1..=12).contains(&month)
                        && (1..=31).contains(&day)
                        && self.free_after(i + 5)
                    {
                        let mut parts = DayParts::new(month as u8, day as u8, WrittenOrder::Iso);
                        parts.year = Some(YearWritten::Number(year));
                        return Some((parts, i + 5, Lang::En));
                    }
                }
            }
            return None;
        }
        // Numeric: 04/16/2023 (and 16.04.2023 in German).
        let (first, fd) = self.number(i)?;
        let separator = match self.tok(i + 1)?.kind {
            TokKind::Punct('/') => '/',
            TokKind::Punct('.') if self.de => '.',
            _ => ' ',
        };
        if let (true, Some((second, sd))) =
            (separator != ' ' && fd <= 2 && self.touching(i + 1) && self.touching(i + 2), self.number(i + 2))
        {
            if sd <= 2 && self.is_punct(i + 3, separator) && self.touching(i + 3) && self.touching(i + 4) {
                let (year, yd) = self.number(i + 4)?;
                if (yd == 4 || yd == 2) && self.free_after(i + 5) {
                    let year = if yd == 2 { 2000 + year as i32 } else { year as i32 };
                    let order =
                        if separator == '.' { WrittenOrder::NumericDayFirst } else { WrittenOrder::Numeric };
                    let mut parts = DayParts::new(first as u8, second as u8, order);
                    // The order is settled in resolution; keep both numbers.
                    parts.numeric = Some((first as u8, second as u8));
                    parts.year = Some(YearWritten::Number(year));
                    let lang = if separator == '.' { Lang::De } else { Lang::En };
                    return Some((parts, i + 5, lang));
                }
            }
            return None;
        }
        // Day first: "16 April 2023", "16. April 2023".
        let (day, ordinal) = self.day(i)?;
        let mut next = i + 1;
        if self.is_punct(next, '.') && self.touching(next) {
            next += 1;
        }
        if !self.joined(next) {
            return None;
        }
        let (month, _, after_month, lang) = self.month(next)?;
        let lang = if next > i + 1 && self.de { Lang::De } else { lang };
        if lang == Lang::En && next > i + 1 {
            return None;
        }
        let mut parts = DayParts::new(month, day, WrittenOrder::DayMonth);
        parts.ordinal = ordinal;
        parts.day_span = Some(self.span(i, i + 1));
        parts.month_span = Some(self.span(next, after_month));
        let mut end = after_month;
        if self.joined(end) {
            if let Some(year) = self.year(end) {
                parts.year = Some(YearWritten::Number(year));
                end += 1;
            }
        }
        Some((parts, end, lang))
    }

    /// A range continuing a day at `end`: "-22", " to 22", "-April 2",
    /// " and March 15", with an optional shared year after it.
    fn range_after(
        &self,
        start: &DayParts,
        end: usize,
        between: bool,
    ) -> Option<(DayParts, RangeConnector, usize)> {
        if start.order != WrittenOrder::MonthDay {
            return None;
        }
        let connector = if self.is_dash(end) {
            RangeConnector::Hyphen
        } else if self.is_any(end, &["to", "through", "until"]) {
            RangeConnector::To
        } else if between && self.is_word(end, "and") {
            RangeConnector::And
        } else {
            return None;
        };
        let i = end + 1;
        if !self.joined(end) || !self.joined(i) {
            return None;
        }
        let (mut parts, after) = if let Some((parts, after, Lang::En)) = self.day_parts(i) {
            if parts.order != WrittenOrder::MonthDay {
                return None;
            }
            (parts, after)
        } else {
            let (day, ordinal) = self.day(i)?;
            // "March 20 to 22 people" is not a range.
            if self.number(i + 1).is_some() {
                return None;
            }
            let mut parts = DayParts::new(start.month, day, WrittenOrder::MonthDay);
            parts.ordinal = ordinal;
            parts.day_only = true;
            parts.day_span = Some(self.span(i, i + 1));
            let mut after = i + 1;
            if let Some((year, next)) = self.trailing_year(after) {
                parts.year = Some(year);
                after = next;
            }
            (parts, after)
        };
        if parts.day_only && parts.day <= start.day && start.year.is_none() && parts.year.is_none() {
            return None;
        }
        if parts.year.is_none() {
            parts.year = None;
        }
        Some((parts, connector, after))
    }

    /// Try every pattern at token `i`. Returns the expression and the index
    /// after it.
    pub(crate) fn at(&self, i: usize, previous_end: usize) -> Option<(Found, usize)> {
        let tok = *self.tok(i)?;
        match tok.kind {
            TokKind::Word => match tok.lex {
                Some(Lex::Month { .. }) => self.at_month(i, previous_end),
                Some(Lex::Weekday { .. }) => self.at_weekday(i, None, i),
                Some(Lex::Anchor(anchor)) => self.at_anchor(i, anchor),
                None => None,
            },
            TokKind::Number | TokKind::Alnum => self.at_number(i, previous_end),
            TokKind::Punct('\'') | TokKind::Punct('’') => self.at_decade(i, i),
            TokKind::Punct(_) => None,
        }
    }

    fn found(&self, first: usize, end: usize, form: DateForm, lang: Lang) -> Option<(Found, usize)> {
        Some((Found { span: self.span(first, end), form, lang }, end))
    }

    fn at_month(&self, i: usize, previous_end: usize) -> Option<(Found, usize)> {
        let between = i > 0 && previous_end < i && self.is_word(i - 1, "between");
        if let Some((start, end, lang)) = self.day_parts(i) {
            // "the Sept. 11 attacks": the name of the 2001 attacks, not a
            // date of the story's year.
            let event = start.month == 9
                && start.day == 11
                && start.year.is_none()
                && lang == Lang::En
                && self.joined(end)
                && self.is_any(end, SEPT_11_NOUNS);
            if event {
                return None;
            }
            if let Some((end_parts, connector, after)) = self.range_after(&start, end, between) {
                let mut start = start;
                let mut end_parts = end_parts;
                if start.year.is_none() {
                    start.year = end_parts.year;
                }
                if end_parts.day_only && end_parts.year.is_none() {
                    end_parts.year = start.year;
                }
                let from = i > 0 && self.is_any(i - 1, &["from"]) && connector == RangeConnector::To;
                let form = DateForm::Range { start, end: Box::new(end_parts), connector, from };
                return self.found(i, after, form, lang);
            }
            return self.found(i, end, DateForm::Day(start), lang);
        }
        let (month, abbreviated, next, lang) = self.month(i)?;
        // "March 2022", "March, 2024", "January last year", "Sept. 2017".
        if let Some((year, after)) = self.trailing_year(next) {
            return self.found(i, after, DateForm::Month { month, year: Some(year), modifier: None }, lang);
        }
        // An abbreviated month alone is no date ("Jan." as a name).
        if abbreviated {
            return None;
        }
        // A month alone needs a preposition before it ("in January"): this
        // keeps "May" the verb and "March" the verb out.
        if i == 0 || !self.joined(i) || !self.is_any(i - 1, MONTH_PREPOSITIONS) {
            return None;
        }
        // "in April Ryan's show": a name (German capitalises every noun).
        if lang == Lang::En
            && self.joined(next)
            && self.is_capitalized(next)
            && self.tok(next).is_some_and(|t| t.kind == TokKind::Word)
        {
            return None;
        }
        let mut first = i;
        let mut modifier = None;
        if i >= 2 && self.is_dash(i - 1) && self.touching(i) && self.is_word(i - 2, "mid") {
            first = i - 2;
            modifier = Some(Modifier::Mid);
        } else if let Some(m) = self.modifier_word(i - 1) {
            first = i - 1;
            modifier = Some(m);
        }
        if first < previous_end {
            first = i;
            modifier = None;
        }
        self.found(first, next, DateForm::Month { month, year: None, modifier }, lang)
    }

    fn modifier_word(&self, i: usize) -> Option<Modifier> {
        let s = Lower::of(self.str_at(i));
        match s.as_str() {
            "early" | "anfang" => Some(Modifier::Early),
            "mid" | "mitte" => Some(Modifier::Mid),
            "late" | "ende" => Some(Modifier::Late),
            _ => None,
        }
    }

    /// A weekday at `i`, optionally preceded by a relative word at `first`.
    fn at_weekday(&self, i: usize, relative: Option<Relative>, first: usize) -> Option<(Found, usize)> {
        let (weekday, lang) = self.weekday(i)?;
        // "Good Friday", "Super Tuesday", "Black Friday" are names.
        if i > 0
            && self.joined(i)
            && self.is_any(
                i - 1,
                &["good", "black", "super", "bloody", "cyber", "ash", "palm", "easter", "holy", "maundy"],
            )
            && self.is_capitalized(i - 1)
        {
            return None;
        }
        let next = i + 1;
        let weekday_span = self.span(i, i + 1);
        if relative.is_none() {
            // "Monday, Jan. 5", "Sonntag, 16. April 2023", "Sunday (April 16)".
            if self.is_punct(next, ',') && self.joined(next) && self.joined(next + 1) {
                let mut j = next + 1;
                if self.is_any(j, &["den", "dem"]) {
                    j += 1;
                }
                if let Some((mut parts, end, lang)) = self.day_parts(j) {
                    if parts.numeric.is_none() {
                        parts.weekday = Some(weekday);
                        parts.weekday_span = Some(weekday_span);
                        return self.found(i, end, DateForm::Day(parts), lang);
                    }
                }
            }
            if self.is_punct(next, '(') && self.joined(next) {
                if let Some((mut parts, end, lang)) = self.day_parts(next + 1) {
                    if self.is_punct(end, ')') {
                        parts.weekday = Some(weekday);
                        parts.weekday_span = Some(weekday_span);
                        parts.parenthesised = true;
                        return self.found(i, end + 1, DateForm::Day(parts), lang);
                    }
                }
            }
        }
        // "Sunday Times", "Monday Night Football": a name, not a day. (German
        // capitalises every noun: "Sonntag Nachmittag" is a day.)
        let german_part = lang == Lang::De
            && self.joined(next)
            && self.is_any(next, &["morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht"]);
        if lang == Lang::En
            && self.joined(next)
            && self.tok(next).is_some_and(|t| t.kind == TokKind::Word)
            && self.is_capitalized(next)
            && self.tok(next).and_then(|t| t.lex).is_none()
        {
            return None;
        }
        let mut end = if german_part { next + 1 } else { next };
        let mut part_of_day = None;
        if lang == Lang::En && self.joined(next) {
            let word = self.str_at(next);
            if let Some((_, part)) = PARTS_OF_DAY.iter().find(|(w, _)| word.eq_ignore_ascii_case(w)) {
                part_of_day = Some(*part);
                end = next + 1;
            }
        }
        self.found(first, end, DateForm::Weekday { weekday, relative, part_of_day }, lang)
    }

    /// A German range of days at `i`: "20. bis 22. März", "20.–22. März",
    /// "20. März bis (zum) 22. März", with a shared year at the end; "vom"
    /// before it is kept out of the span, as "from" is in English.
    fn german_range(&self, i: usize) -> Option<(Found, usize)> {
        if !self.de || !self.is_punct(i + 1, '.') || !self.touching(i + 1) {
            return None;
        }
        let (day, ordinal) = self.day(i)?;
        let (start, connector_at) = match self.day_parts(i) {
            Some((parts, end, Lang::De)) if parts.order == WrittenOrder::DayMonth => (Some(parts), end),
            Some(_) => return None,
            None => (None, i + 2),
        };
        let connector = if self.is_dash(connector_at) {
            RangeConnector::Hyphen
        } else if self.is_word(connector_at, "bis") && self.joined(connector_at) {
            RangeConnector::To
        } else {
            return None;
        };
        let mut j = connector_at + 1;
        if connector == RangeConnector::To && self.is_word(j, "zum") && self.joined(j) {
            j += 1;
        }
        if !self.joined(j) {
            return None;
        }
        let (end, after, lang) = self.day_parts(j)?;
        if lang != Lang::De || end.order != WrittenOrder::DayMonth {
            return None;
        }
        let mut start = start.unwrap_or_else(|| {
            let mut parts = DayParts::new(end.month, day, WrittenOrder::DayMonth);
            parts.ordinal = ordinal;
            parts.day_span = Some(self.span(i, i + 1));
            parts
        });
        // "20. bis 12. März" is not a range of one month.
        if start.month == end.month && start.day >= end.day && start.year == end.year {
            return None;
        }
        if start.year.is_none() {
            start.year = end.year;
            // "28. Dezember bis 3. Januar 2024": the start is the year before.
            if let (Some(YearWritten::Number(year)), true) = (end.year, start.month > end.month) {
                start.year = Some(YearWritten::Number(year - 1));
            }
        }
        let from = i > 0 && self.is_word(i - 1, "vom") && connector == RangeConnector::To;
        self.found(i, after, DateForm::Range { start, end: Box::new(end), connector, from }, Lang::De)
    }

    fn at_number(&self, i: usize, previous_end: usize) -> Option<(Found, usize)> {
        let tok = *self.tok(i)?;
        // Never start inside a longer number ("1,500", "3.2", "$2023").
        if i > 0 && self.touching(i) {
            let before = self.toks[i - 1].kind;
            if matches!(before, TokKind::Number | TokKind::Alnum | TokKind::Word)
                || matches!(before, TokKind::Punct(',' | '.' | '$' | '€' | '£' | '/' | '-' | ':'))
            {
                return None;
            }
        }
        if tok.kind == TokKind::Alnum {
            return self.at_decade(i, i);
        }
        if let Some(found) = self.german_range(i) {
            return Some(found);
        }
        if let Some((parts, end, lang)) = self.day_parts(i) {
            if self.touching(end)
                && matches!(self.tok(end).map(|t| t.kind), Some(TokKind::Number | TokKind::Alnum))
            {
                return None;
            }
            let lang =
                if parts.order == WrittenOrder::DayMonth && lang == Lang::En { Lang::En } else { lang };
            return self.found(i, end, DateForm::Day(parts), lang);
        }
        let year = self.year(i)?;
        // A bare year only right after a year preposition, and not followed by
        // a noun it counts ("in 1500 people", "by 2000 votes").
        if self.touching(i + 1) && !self.is_punct(i + 1, '.') && !self.is_punct(i + 1, ',') {
            return None;
        }
        if i == 0 || !self.joined(i) {
            return None;
        }
        let prev = i - 1;
        let mut first = i;
        let mut modifier = None;
        let ok_before = if self.is_any(prev, YEAR_PREPOSITIONS) {
            if self.is_word(prev, "of") {
                prev > 0 && self.is_any(prev - 1, TIME_NOUNS_BEFORE_OF)
            } else {
                true
            }
        } else if let Some(m) = self.modifier_word(prev) {
            first = prev;
            modifier = Some(m);
            true
        } else if self.is_dash(prev) && prev > 0 && self.is_word(prev - 1, "mid") && self.touching(i) {
            first = prev - 1;
            modifier = Some(Modifier::Mid);
            true
        } else {
            false
        };
        if !ok_before || !(1800..=2100).contains(&year) {
            return None;
        }
        if self.joined(i + 1) && self.tok(i + 1).is_some_and(|t| t.kind == TokKind::Word) {
            let next = self.str_at(i + 1);
            let lower = Lower::of(next);
            let function_word = [
                "and", "or", "to", "through", "when", "after", "before", "as", "the", "a", "an", "he", "she",
                "it", "they", "we", "i", "that", "which", "was", "were", "is", "has", "had", "with", "in",
                "on", "at", "for", "by", "because", "until", "while", "amid", "but", "und", "oder", "bis",
                "wurde", "war", "hat", "in", "im", "an", "auf", "der", "die", "das", "den",
            ]
            .contains(&lower.as_str());
            let a_name = self.is_capitalized(i + 1) && self.tok(i + 1).and_then(|t| t.lex).is_none();
            if !(function_word || a_name) {
                return None;
            }
        }
        if first < previous_end {
            first = i;
            modifier = None;
        }
        let lang = if self.en { Lang::En } else { Lang::De };
        self.found(first, i + 1, DateForm::Year { year, modifier }, lang)
    }

    /// "1990s", "the 1990s", "'90s", "the '90s", "1990er".
    fn at_decade(&self, i: usize, first: usize) -> Option<(Found, usize)> {
        let (digits_at, apostrophe) = if matches!(self.tok(i)?.kind, TokKind::Punct('\'' | '’')) {
            if !self.touching(i + 1) {
                return None;
            }
            (i + 1, true)
        } else {
            (i, false)
        };
        let s = self.str_at(digits_at);
        let split = s.find(|c: char| !c.is_ascii_digit())?;
        let (digits, suffix) = s.split_at(split);
        let suffix = suffix.to_ascii_lowercase();
        let decade: i32 = match (apostrophe, digits.len(), suffix.as_str()) {
            (true, 2, "s") => {
                let two: i32 = digits.parse().ok()?;
                if two % 10 != 0 {
                    return None;
                }
                if two >= 30 {
                    1900 + two
                } else {
                    2000 + two
                }
            }
            (false, 4, "s") | (false, 4, "er") => digits.parse().ok()?,
            _ => return None,
        };
        if decade % 10 != 0 || !(1000..=2100).contains(&decade) {
            return None;
        }
        let mut first = first;
        if first == i && i > 0 && self.joined(i) && self.is_word(i - 1, "the") {
            first = i - 1;
        }
        let lang = if suffix == "er" { Lang::De } else { Lang::En };
        self.found(first, digits_at + 1, DateForm::Decade { decade }, lang)
    }

    /// The patterns that start at an anchor word: each kind of anchor word
    /// tries only its own (the lexicon told which kind the word is).
    fn at_anchor(&self, i: usize, anchor: Anchor) -> Option<(Found, usize)> {
        let en = self.en;
        let de = self.de;
        let enabled = |lang: Lang| match lang {
            Lang::En => en,
            Lang::De => de,
        };
        match anchor {
            Anchor::DayWord { days, lang, lowercase } => {
                // German "Morgen" (capitalised) is the morning.
                let written_ok = !lowercase || self.str_at(i).chars().next().is_some_and(char::is_lowercase);
                if !enabled(lang) || !written_ok {
                    return None;
                }
                self.found(i, i + 1, DateForm::DayOffset { days: i64::from(days), word: true }, lang)
            }
            Anchor::Relative { relative, lang } => {
                if !enabled(lang) {
                    return None;
                }
                self.after_relative(i, relative, lang)
            }
            Anchor::The if en => self.after_the(i),
            Anchor::Modifier { modifier, lang } => {
                let mut j = i + 1;
                if self.is_dash(j) && self.touching(j) {
                    j += 1;
                }
                if !self.joined(j) {
                    return None;
                }
                if let Some((month, abbreviated, next, lang)) = self.month(j) {
                    if abbreviated || self.day(next).is_some() {
                        return None;
                    }
                    let year = self.trailing_year(next);
                    let end = year.map_or(next, |(_, after)| after);
                    let form =
                        DateForm::Month { month, year: year.map(|(y, _)| y), modifier: Some(modifier) };
                    return self.found(i, end, form, lang);
                }
                let year = self.year(j)?;
                if self.touching(j + 1) && !self.is_punct(j + 1, '.') && !self.is_punct(j + 1, ',') {
                    return None;
                }
                self.found(i, j + 1, DateForm::Year { year, modifier: Some(modifier) }, lang)
            }
            Anchor::New if en => {
                // "New Year's Day", "New Year's Eve".
                if self.is_word(i + 1, "year")
                    && matches!(self.tok(i + 2).map(|t| t.kind), Some(TokKind::Punct('\'' | '’')))
                    && self.is_word(i + 3, "s")
                {
                    if self.is_word(i + 4, "day") && self.is_capitalized(i + 4) {
                        return self.found(i, i + 5, DateForm::Holiday { month: 1, day: 1 }, Lang::En);
                    }
                    if self.is_word(i + 4, "eve") && self.is_capitalized(i + 4) {
                        return self.found(i, i + 5, DateForm::Holiday { month: 12, day: 31 }, Lang::En);
                    }
                }
                None
            }
            Anchor::Christmas if en => {
                if self.is_word(i + 1, "day") && self.is_capitalized(i + 1) {
                    return self.found(i, i + 2, DateForm::Holiday { month: 12, day: 25 }, Lang::En);
                }
                if self.is_word(i + 1, "eve") && self.is_capitalized(i + 1) {
                    return self.found(i, i + 2, DateForm::Holiday { month: 12, day: 24 }, Lang::En);
                }
                None
            }
            Anchor::Units if en => {
                // "Days later": vague, anchored to the previous date.
                if self.is_any(i + 1, &["later", "earlier"])
                    && self.joined(i + 1)
                    && !self.sentence_has_number_before(i)
                {
                    return self.found(i, i + 2, DateForm::Anchored { days: None }, Lang::En);
                }
                None
            }
            Anchor::In if en => {
                // "in two weeks", "in 10 days": the unit first, the
                // rarer of the two.
                let unit = self.unit(i + 2)?;
                let (count, unit_at) = self.count(i + 1)?;
                if self.is_any(unit_at + 1, &["ago", "later", "earlier"]) {
                    return None;
                }
                self.found(i, unit_at + 1, unit.offset(count), Lang::En)
            }
            Anchor::Vor if de => {
                let unit = self.unit(i + 2)?;
                let (count, unit_at) = self.count(i + 1)?;
                self.found(i, unit_at + 1, unit.offset(-count), Lang::De)
            }
            Anchor::Count if en => {
                // "two days ago", "a week later", "three days earlier".
                let unit = self.unit(i + 1)?;
                let (count, unit_at) = self.count(i)?;
                if !self.joined(unit_at + 1) {
                    return None;
                }
                let direction = self.str_at(unit_at + 1);
                if direction.eq_ignore_ascii_case("ago") {
                    return self.found(i, unit_at + 2, unit.offset(-count), Lang::En);
                }
                let later = direction.eq_ignore_ascii_case("later");
                if (later || direction.eq_ignore_ascii_case("earlier"))
                    && (unit == Unit::Day || unit == Unit::Week)
                {
                    let sign = if later { 1 } else { -1 };
                    let days = count * sign * if unit == Unit::Week { 7 } else { 1 };
                    return self.found(i, unit_at + 2, DateForm::Anchored { days: Some(days) }, Lang::En);
                }
                None
            }
            _ => None,
        }
    }

    fn sentence_has_number_before(&self, _i: usize) -> bool {
        false
    }

    /// A count at `i` ("two", "a", "10", German "zwei", "einer"): its value
    /// and the index of the unit after it.
    fn count(&self, i: usize) -> Option<(i64, usize)> {
        if !self.joined(i + 1) {
            return None;
        }
        if let Some((value, digits)) = self.number(i) {
            return (digits <= 3).then_some((i64::from(value), i + 1));
        }
        let word = Lower::of(self.str_at(i));
        if let Some(value) = lexicon::number_word(&word) {
            return Some((value, i + 1));
        }
        let german = match word.as_str() {
            "einem" | "einer" | "einen" | "ein" => 1,
            "zwei" => 2,
            "drei" => 3,
            "vier" => 4,
            "fünf" => 5,
            "sechs" => 6,
            "sieben" => 7,
            "acht" => 8,
            "neun" => 9,
            "zehn" => 10,
            _ => return None,
        };
        self.de.then_some((german, i + 1))
    }

    fn unit(&self, i: usize) -> Option<Unit> {
        if self.tok(i)?.kind != TokKind::Word {
            return None;
        }
        // Every unit word has three to seven letters.
        let word = self.str_at(i);
        if word.is_ascii() && !(3..=7).contains(&word.len()) {
            return None;
        }
        let word = Lower::of(word);
        match word.as_str() {
            "day" | "days" | "tag" | "tagen" => Some(Unit::Day),
            "week" | "weeks" | "woche" | "wochen" => Some(Unit::Week),
            "month" | "months" | "monat" | "monaten" => Some(Unit::Month),
            "year" | "years" | "jahr" | "jahren" => Some(Unit::Year),
            _ => None,
        }
    }

    /// After "last", "next", "this" (or German equivalents): a weekday, a
    /// month, or week/month/year.
    fn after_relative(&self, i: usize, relative: Relative, lang: Lang) -> Option<(Found, usize)> {
        let j = i + 1;
        if !self.joined(j) {
            return None;
        }
        if self.weekday(j).is_some() {
            return self.at_weekday(j, Some(relative), i);
        }
        if let Some((month, abbreviated, next, month_lang)) = self.month(j) {
            if abbreviated || self.day(next).is_some() {
                return None;
            }
            let offset = match relative {
                Relative::Last => -1,
                Relative::Next => 1,
                Relative::This => 0,
            };
            let form =
                DateForm::Month { month, year: Some(YearWritten::RelativeMonth(offset)), modifier: None };
            return self.found(i, next, form, month_lang);
        }
        let offset = match relative {
            Relative::Last => -1,
            Relative::Next => 1,
            Relative::This => 0,
        };
        let unit = self.unit(j)?;
        let word = Lower::of(self.str_at(j));
        if matches!(
            word.as_str(),
            "days" | "weeks" | "months" | "years" | "day" | "tag" | "tagen" | "wochen" | "monaten" | "jahren"
        ) {
            return None;
        }
        let mut end = j + 1;
        if lang == Lang::De && self.is_word(end, "s") {
            end += 1;
        }
        if lang == Lang::De && word.as_str() == "jahr" && self.is_word(j, "jahres") {
            end = j + 1;
        }
        self.found(i, end, unit.offset_units(offset), lang)
    }

    /// After "the": "the 1990s", "the 3rd", "the first quarter", "the week
    /// of April 10", "the next day".
    fn after_the(&self, i: usize) -> Option<(Found, usize)> {
        let j = i + 1;
        if !self.joined(j) {
            return None;
        }
        // "the 5th of May" starts with an ordinal day.
        if matches!(self.day(j), Some((_, true))) {
            if let Some((parts, end, lang)) = self.day_parts(i) {
                return self.found(i, end, DateForm::Day(parts), lang);
            }
        }
        if matches!(self.tok(j)?.kind, TokKind::Punct('\'' | '’')) || self.tok(j)?.kind == TokKind::Alnum {
            if let Some(found) = self.at_decade(j, i) {
                return Some(found);
            }
        }
        if let Some((day, true)) = self.day(j) {
            // "on the 3rd", "until the 10th": only after a preposition and
            // before a boundary, so "the 3rd Battalion" stays out.
            let before_ok = i > 0
                && self.is_any(i - 1, &["on", "by", "until", "since", "from", "before", "after", "till"]);
            let after_ok = !self.joined(j + 1)
                || matches!(self.tok(j + 1).map(|t| t.kind), Some(TokKind::Punct(_)))
                || self.is_any(j + 1, &["and", "or", "to", "through", "when"]);
            if before_ok && after_ok {
                return self.found(i, j + 1, DateForm::DayOfMonth { day }, Lang::En);
            }
            return None;
        }
        // In ASCII lower case (a word with other letters matches none).
        let word = self.str_at(j);
        let word = if word.is_ascii() { Lower::of(word) } else { Lower::of("") };
        match word.as_str() {
            "first" | "second" | "third" | "fourth" if self.is_word(j + 1, "quarter") => {
                let quarter = match word.as_str() {
                    "first" => 1,
                    "second" => 2,
                    "third" => 3,
                    _ => 4,
                };
                let mut end = j + 2;
                let mut year = None;
                if self.is_word(end, "of") {
                    if let Some(y) = self.year(end + 1) {
                        year = Some(y);
                        end += 2;
                    }
                }
                self.found(i, end, DateForm::Quarter { quarter, year }, Lang::En)
            }
            "week" if self.is_word(j + 1, "of") => {
                let (parts, end, _) = self.day_parts(j + 2)?;
                if parts.order != WrittenOrder::MonthDay {
                    return None;
                }
                self.found(i, end, DateForm::WeekOf(parts), Lang::En)
            }
            "next" | "following" if self.is_word(j + 1, "day") => {
                self.found(i, j + 2, DateForm::Anchored { days: Some(1) }, Lang::En)
            }
            "previous" if self.is_word(j + 1, "day") => {
                self.found(i, j + 2, DateForm::Anchored { days: Some(-1) }, Lang::En)
            }
            "day" if self.is_any(j + 1, &["before", "after"]) => {
                if self.is_word(j + 2, "yesterday") {
                    return self.found(i, j + 3, DateForm::DayOffset { days: -2, word: false }, Lang::En);
                }
                if self.is_word(j + 2, "tomorrow") {
                    return self.found(i, j + 3, DateForm::DayOffset { days: 2, word: false }, Lang::En);
                }
                // "the day before the vote" names its own anchor: leave it.
                let boundary =
                    !self.joined(j + 2) || matches!(self.tok(j + 2).map(|t| t.kind), Some(TokKind::Punct(_)));
                if !boundary {
                    return None;
                }
                let days = if self.is_word(j + 1, "before") { -1 } else { 1 };
                self.found(i, j + 2, DateForm::Anchored { days: Some(days) }, Lang::En)
            }
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// "two weeks ago": a day count for days and weeks, else months/years.
    fn offset(self, count: i64) -> DateForm {
        match self {
            Unit::Day => DateForm::DayOffset { days: count, word: false },
            Unit::Week => DateForm::DayOffset { days: count * 7, word: false },
            Unit::Month => DateForm::MonthOffset { months: count },
            Unit::Year => DateForm::YearOffset { years: count },
        }
    }

    /// "last week", "next month", "this year".
    fn offset_units(self, count: i64) -> DateForm {
        match self {
            Unit::Day => DateForm::DayOffset { days: count, word: false },
            Unit::Week => DateForm::WeekOffset { weeks: count },
            Unit::Month => DateForm::MonthOffset { months: count },
            Unit::Year => DateForm::YearOffset { years: count },
        }
    }
}

/// How many tokens a window goes on after its last strong token: more than
/// any pattern looks past one (a pattern that asks for a token past the
/// window's end sends the paragraph to [`scan_all`]).
const AFTER: usize = 4;
/// The room a window's token list starts with (see [`scan`]).
const WINDOW_CAPACITY: usize = 32;
/// How many tokens a window starts before its first strong token (unless it
/// starts with the paragraph): patterns look at most two tokens back from
/// where they start, itself at most two before the strong token, so token
/// indices such as `i - 2` stay inside the window.
const BEFORE: usize = 4;

/// Scan the prose of one paragraph (`excluded`: its non-prose regions,
/// relative to `text`) and return every date expression in text order.
///
/// Most words are not dates, and tokens are made only where one can be: every
/// expression a pattern finds holds a strong token (a number, a capitalised
/// month or weekday name, a day word such as "yesterday", a unit word such as
/// "week", "quarter", "Christmas") at most two tokens after the token it is
/// found at. A cheap walk over the bytes finds the strong tokens; windows of
/// tokens from [`BEFORE`] tokens before one to [`AFTER`] tokens after the
/// last of a run are cut and scanned as the whole paragraph would be. Windows
/// never overlap: one that would reach back into the previous window joins
/// it. The result equals [`scan_all`]'s.
pub(crate) fn scan(text: &str, excluded: &[Span], en: bool, de: bool) -> Vec<Found> {
    let mut found = Vec::new();
    scan_into(text, excluded, en, de, &mut Windows::default(), &mut found);
    found
}

/// The two token lists of [`scan`]'s windows (the current one and the
/// next), kept from paragraph to paragraph by a caller that scans many.
#[derive(Default)]
pub(crate) struct Windows {
    toks: Vec<Tok>,
    next_toks: Vec<Tok>,
}

/// [`scan`] into `found` (cleared first), with the windows' token lists
/// in `windows`.
pub(crate) fn scan_into(
    text: &str,
    excluded: &[Span],
    en: bool,
    de: bool,
    windows: &mut Windows,
    found: &mut Vec<Found>,
) {
    found.clear();
    let Some(first) = next_strong(text, 0) else { return };
    // A window holds BEFORE + AFTER tokens around its strong ones: sized
    // once for a few of them rather than grown from nothing.
    let Windows { toks, next_toks } = windows;
    toks.reserve(WINDOW_CAPACITY);
    next_toks.reserve(WINDOW_CAPACITY);
    let Some(mut tokenizer) = open_window(text, excluded, first, 0, toks) else {
        *found = scan_all(text, excluded, en, de);
        return;
    };
    loop {
        // Go on to AFTER tokens past the last strong token.
        let mut since = toks.iter().rev().position(|t| t.strong).unwrap_or(toks.len());
        while since < AFTER {
            let Some(tok) = tokenizer.next_token() else { break };
            since = if tok.strong { 0 } else { since + 1 };
            toks.push(tok);
        }
        let next = match tokenizer.done() {
            true => None,
            false => next_strong(text, tokenizer.index),
        };
        let next_window = match next {
            Some(at) => match open_window(text, excluded, at, tokenizer.index, next_toks) {
                Some(next_tokenizer) => Some(next_tokenizer),
                None => {
                    // Too close: this window goes on through that token.
                    while let Some(tok) = tokenizer.next_token() {
                        let strong = tok.strong;
                        toks.push(tok);
                        if strong {
                            break;
                        }
                    }
                    continue;
                }
            },
            None => None,
        };
        if !scan_window(text, toks, tokenizer.done(), false, en, de, found) {
            *found = scan_all(text, excluded, en, de);
            return;
        }
        match next_window {
            Some(next_tokenizer) => {
                tokenizer = next_tokenizer;
                std::mem::swap(toks, next_toks);
            }
            None => return,
        }
    }
}

/// Start a window for the strong token at `at`, not before `not_before`
/// (the previous window's end): tokens from at least [`BEFORE`] tokens
/// before it (or the paragraph's start) through it, in `toks`. `None` when
/// that would reach into the previous window.
fn open_window<'a>(
    text: &'a str,
    excluded: &'a [Span],
    at: usize,
    not_before: usize,
    toks: &mut Vec<Tok>,
) -> Option<Tokenizer<'a>> {
    let mut chunks = BEFORE;
    loop {
        let start = chunks_before(text.as_bytes(), at, chunks);
        if start < not_before {
            return None;
        }
        let mut tokenizer = Tokenizer::new(text, excluded, start);
        toks.clear();
        while let Some(tok) = tokenizer.next_token() {
            let strong = tok.strong;
            toks.push(tok);
            if strong {
                break;
            }
        }
        if start == 0 || toks.len() > BEFORE {
            return Some(tokenizer);
        }
        chunks *= 2;
    }
}

/// Try the patterns at the anchors of a window, adding to `found`: at every
/// anchor (`all_anchors`), or only where a strong token is at most two
/// tokens on (the others find nothing; past the window's end, up to the
/// next window, no token is strong). False when a pattern asked for a token
/// past the end of the window (it then counts for nothing).
fn scan_window(
    text: &str,
    toks: &[Tok],
    complete: bool,
    all_anchors: bool,
    en: bool,
    de: bool,
    found: &mut Vec<Found>,
) -> bool {
    let scanner = Scanner { text, toks, en, de, complete, overrun: std::cell::Cell::new(false) };
    let kept = found.len();
    let mut i = 0;
    let mut previous_end = 0;
    while i < toks.len() {
        let anchor = match toks[i].kind {
            TokKind::Word => toks[i].lex.is_some(),
            TokKind::Number | TokKind::Alnum => true,
            TokKind::Punct(c) => c == '\'' || c == '’',
        };
        let near_strong = || all_anchors || toks.iter().skip(i).take(3).any(|t| t.strong);
        if anchor && near_strong() {
            if let Some((date, end)) = scanner.at(i, previous_end) {
                if end > i && found.last().is_none_or(|last: &Found| last.span.end <= date.span.start) {
                    found.push(date);
                    i = end;
                    previous_end = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    if scanner.overrun.get() {
        found.truncate(kept);
        return false;
    }
    true
}

/// [`scan`] over the tokens of the whole paragraph.
pub(crate) fn scan_all(text: &str, excluded: &[Span], en: bool, de: bool) -> Vec<Found> {
    let mut tokenizer = Tokenizer::new(text, excluded, 0);
    let toks: Vec<Tok> = std::iter::from_fn(|| tokenizer.next_token()).collect();
    let mut found = Vec::new();
    scan_window(text, &toks, true, true, en, de, &mut found);
    found
}

/// `c.is_alphabetic()`, without a look into the Unicode tables for general
/// punctuation (curly quotes, dashes), which is common and never a letter.
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphabetic()
    }
}
