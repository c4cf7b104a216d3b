//! Sentence splitting inside one paragraph.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (or a run of them), plus any
//! closing quotation marks and brackets right after (`“stop.”`), when
//! whitespace follows and the next word does not start with a lowercase
//! letter. A single period does not end a sentence after an abbreviation
//! that precedes what it names (titles, months, `No.` before a number,
//! `U.S.`-style dotted abbreviations, initials such as `J. R. R.`). Suffix
//! abbreviations such as `etc.` and `Inc.` end a sentence when a capitalised
//! word follows, because in news copy they usually do. An ellipsis inside an
//! open quotation does not end the sentence. Excluded regions (inline code,
//! URLs) never end one.

use crate::analysis::span::Span;

/// The language whose abbreviation table applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Language {
    English,
    German,
}

impl Language {
    pub(crate) fn from_code(code: &str) -> Language {
        let code = code.trim();
        if code.len() >= 2 && code.as_bytes()[..2].eq_ignore_ascii_case(b"de") {
            Language::German
        } else {
            Language::English
        }
    }

    /// Abbreviations (without their period) after which a period does not end
    /// a sentence. Case-sensitive; sorted for binary search.
    fn abbreviations(self) -> &'static [&'static str] {
        match self {
            Language::English => ENGLISH,
            Language::German => GERMAN,
        }
    }
}

/// Titles, ranks and months as AP abbreviates them, and a few others that
/// always precede what they name. Not `etc.`, `Inc.`, `Co.`, `Corp.` or state
/// abbreviations: those often end a sentence.
const ENGLISH: &[&str] = &[
    "Adm", "Apr", "Atty", "Aug", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dec", "Dr", "Feb", "Fig", "Ft",
    "Gen", "Gov", "Hon", "Jan", "Jr", "Lt", "Maj", "Mar", "Messrs", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Nov",
    "Oct", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Supt",
    "approx", "vs",
];

/// German abbreviations that precede what they name (`z.B.`, `u.a.` are
/// caught by the dotted-abbreviation rule).
const GERMAN: &[&str] = &[
    "Abs", "Apr", "Aug", "Bd", "Dez", "Dr", "Feb", "Fr", "Hr", "Jan", "Jh", "Mio", "Mrd", "Nov", "Okt",
    "Prof", "Sep", "Sept", "St", "Str", "Tel", "bzgl", "bzw", "ca", "evtl", "geb", "gest", "ggf", "inkl",
    "sog", "vgl", "zzgl",
];

/// Words after which a German number with a period is an ordinal.
const GERMAN_BEFORE_ORDINAL: &[&str] =
    &["am", "an", "ab", "bis", "das", "dem", "den", "der", "des", "die", "im", "seit", "vom", "zum", "zur"];

/// Split `paragraph` into sentences, appending trimmed spans to `out`.
/// `excluded` is sorted and may contain regions outside the paragraph.
pub(crate) fn split(text: &str, paragraph: Span, excluded: &[Span], language: Language, out: &mut Vec<Span>) {
    let Some(body) = text.get(paragraph.start..paragraph.end) else { return };
    let base = paragraph.start;
    let mut sentence_start = 0;
    let mut excluded_index = excluded.partition_point(|span| span.end <= base);
    let mut quote_depth: u32 = 0;
    let bytes = body.as_bytes();
    // The next excluded region that starts at or after `i`, relative to the
    // paragraph; `usize::MAX` when none is left.
    let mut next_excluded =
        excluded.get(excluded_index).map_or(usize::MAX, |span| span.start.saturating_sub(base));
    let mut i = 0;
    while i < bytes.len() {
        // Jump over excluded regions: nothing in inline code or a URL ends a
        // sentence.
        if i >= next_excluded {
            if let Some(span) = excluded.get(excluded_index) {
                i = i.max(span.end.saturating_sub(base)).min(bytes.len());
                excluded_index += 1;
                next_excluded =
                    excluded.get(excluded_index).map_or(usize::MAX, |span| span.start.saturating_sub(base));
                continue;
            }
        }
        // Skip to the next byte that can start a terminator or a double
        // quotation mark (ASCII `.!?"`, or the lead byte of `…“”„«»。！？`).
        if !is_interesting(bytes[i]) {
            let limit = next_excluded.min(bytes.len());
            i = next_interesting(bytes, i, limit);
            continue;
        }
        let Some(c) = body.get(i..).and_then(|rest| rest.chars().next()) else { break };
        if is_double_quote(c) {
            let previous = body[..i].chars().next_back().unwrap_or(' ');
            if opens(previous) {
                quote_depth = quote_depth.saturating_add(1);
            } else {
                quote_depth = quote_depth.saturating_sub(1);
            }
        }
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }

        // A run of terminators, then closing quotation marks and brackets.
        let run_start = i;
        let mut j = i;
        let mut periods = 0;
        let mut only_periods = true;
        let mut ellipsis = false;
        while let Some(t) = body[j..].chars().next().filter(|&t| is_terminator(t)) {
            match t {
                '.' => periods += 1,
                '…' => {
                    ellipsis = true;
                    only_periods = false
                }
                _ => only_periods = false,
            }
            j += t.len_utf8();
        }
        if periods >= 2 {
            ellipsis = true;
        }
        let mut closed_quote = false;
        while let Some(t) = body[j..].chars().next().filter(|&t| is_closer(t)) {
            if is_double_quote(t) || t == '’' || t == '\'' || t == '‘' {
                closed_quote = true;
                if is_double_quote(t) {
                    quote_depth = quote_depth.saturating_sub(1);
                }
            }
            j += t.len_utf8();
        }
        // `3.5`, `U.S.A`, `example.com`, `“No.”,`: no whitespace, no end.
        let Some(after) = body[j..].chars().next() else { break };
        if !after.is_whitespace() {
            i = j;
            continue;
        }
        let next_start = j + (body[j..].len() - body[j..].trim_start().len());
        let Some(next) = body[next_start..].chars().next() else { break };
        // A lowercase word goes on the sentence; so does a capital after an
        // ellipsis inside an open quotation.
        let continues = next.is_lowercase() || (ellipsis && !closed_quote && quote_depth > 0);
        let ends = if continues {
            false
        } else if only_periods && periods == 1 && !closed_quote {
            !is_abbreviation(&body[..run_start], &body[next_start..], language)
        } else {
            true
        };
        if ends {
            push_trimmed(body, base, sentence_start, j, out);
            sentence_start = next_start;
        }
        i = next_start;
    }
    push_trimmed(body, base, sentence_start, body.len(), out);
}

fn push_trimmed(body: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(piece) = body.get(start..end) else { return };
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = start + piece.trim_end().len();
    if trimmed_end > trimmed_start {
        out.push(Span::new(base + trimmed_start, base + trimmed_end));
    }
}

/// Whether the word ending `before` (right before a single period) is an
/// abbreviation after which the sentence goes on.
fn is_abbreviation(before: &str, after: &str, language: Language) -> bool {
    let next = after.chars().next().unwrap_or(' ');
    let token_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(before.len(), |(index, _)| index);
    let token = before[token_start..].trim_start_matches('.');
    if token.is_empty() {
        return false;
    }
    // Dotted abbreviations: U.S., U.K., e.g., z.B., u.a., Ph.D.
    if token.contains('.') {
        return token.split('.').all(|part| {
            let count = part.chars().count();
            (1..=2).contains(&count) && part.chars().all(char::is_alphabetic)
        });
    }
    let mut chars = token.chars();
    let first = chars.next().unwrap_or(' ');
    // An initial: J. R. R. Tolkien.
    if chars.next().is_none() && first.is_uppercase() {
        return true;
    }
    // `No. 5`, `Nr. 5`: a number must follow, or it is the word "No".
    if matches!(token, "No" | "Nos" | "Nr" | "Nrn") {
        return next.is_ascii_digit();
    }
    // German ordinals: `am 17. April`, `der 3. Platz` (but `Nr. 5. Sie`).
    if language == Language::German && token.len() <= 2 && token.bytes().all(|b| b.is_ascii_digit()) {
        let next_word = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let previous_word =
            before[..token_start].trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        return crate::analysis::structure::article_date::month_number(next_word).is_some()
            || GERMAN_BEFORE_ORDINAL.contains(&previous_word.to_lowercase().as_str());
    }
    language.abbreviations().binary_search(&token).is_ok()
}

/// Bytes that may start a terminator or a double quotation mark: `.!?"`,
/// and the UTF-8 lead bytes of `«»` (C2), `…“”„‟‼⁇⁈⁉` (E2), `。` (E3) and
/// `！？` (EF). Everything else is skipped without decoding.
/// The first byte at or after `from` (before `limit`) that
/// [`is_interesting`], or `limit`. Eight bytes are tested at once: a byte
/// with its high bit set, or equal to one of `.!?"`, is flagged (the lowest
/// flag of each test marks a real match), and only a flagged byte is looked
/// up.
fn next_interesting(bytes: &[u8], from: usize, limit: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A high bit for (at least the lowest) byte of `word` equal to `byte`.
    let equal = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let limit = limit.min(bytes.len());
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8).filter(|_| i + 8 <= limit) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let flags =
            (word & HIGHS) | equal(word, b'.') | equal(word, b'!') | equal(word, b'?') | equal(word, b'"');
        if flags == 0 {
            i += 8;
            continue;
        }
        let at = i + (flags.trailing_zeros() / 8) as usize;
        if is_interesting(bytes[at]) {
            return at;
        }
        i = at + 1;
    }
    while i < limit && !is_interesting(bytes[i]) {
        i += 1;
    }
    i.min(limit)
}

fn is_interesting(byte: u8) -> bool {
    INTERESTING[usize::from(byte)]
}

const INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'.', b'!', b'?', b'"', 0xC2, 0xE2, 0xE3, 0xEF];
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？')
}

fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

/// Closing marks that belong to the sentence they follow. After a terminator
/// any quotation mark closes (German closes with `“`, French with `»`).
fn is_closer(c: char) -> bool {
    is_double_quote(c) || matches!(c, '\'' | '’' | '‘' | '‹' | '›' | ')' | ']' | '}')
}

/// Whether a double quotation mark after `previous` opens a quotation.
fn opens(previous: char) -> bool {
    previous.is_whitespace() || matches!(previous, '(' | '[' | '{' | '—' | '–' | '-' | '\'' | '‘')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_a_time_finds_what_one_at_a_time_finds() {
        let text = "Plain words, then. A “quote” — café! Why? \"Yes\" … 。end and more plain words without";
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            for limit in from..=bytes.len() {
                let expected = (from..limit).find(|&i| is_interesting(bytes[i])).unwrap_or(limit);
                assert_eq!(next_interesting(bytes, from, limit), expected, "{from}..{limit}");
            }
        }
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for table in [ENGLISH, GERMAN] {
            assert!(table.windows(2).all(|pair| pair[0] < pair[1]), "{table:?}");
        }
    }
}
