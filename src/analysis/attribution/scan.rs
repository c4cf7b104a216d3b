//! Words, punctuation and quotations of one paragraph, and the sentences
//! they make. Quotations are opaque tokens, so a full stop inside a quotation
//! never ends the sentence that carries the quotation.

use crate::analysis::ascii;
use crate::analysis::lower::Lower;
use crate::analysis::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// A top-level quotation (index into `Quotes::quotations`), clipped to
    /// the paragraph.
    Quote(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: Kind,
    /// A word split off the previous one at a lowercase-to-capital join
    /// ("XinhuaLi" reads as "Xinhua" + "Li"): a name run never crosses it.
    pub glued: bool,
}

/// Name prefixes whose capital inside a word is part of one name (McDonald).
const NAME_PREFIXES: &[&str] = &["mc", "mac", "de", "di", "da", "la", "le", "van", "von", "o"];

/// Tokenize `range` of `text`. `quotes` are (index, span) of top-level
/// quotations, sorted by start; each becomes one token, clipped to `range`.
///
/// Byte-wise: an ASCII byte is its own character, so only the rare
/// non-ASCII character is decoded, and the token list is sized once from
/// the text's length (a paragraph has about a token per five bytes).
pub fn tokenize(text: &str, range: Span, quotes: &[(usize, Span)]) -> Vec<Token> {
    let end = range.end.min(text.len());
    let mut offset = range.start.min(end);
    let mut tokens = Vec::with_capacity((end - offset) / 5 + 1);
    let bytes = text.as_bytes();
    let mut next_quote = quotes.partition_point(|(_, span)| span.end <= offset);
    // Where the next quotation starts (`usize::MAX` when none is left).
    let quote_start = |next: usize| quotes.get(next).map_or(usize::MAX, |(_, span)| span.start);
    let mut next_start = quote_start(next_quote);
    while offset < end {
        if next_start <= offset {
            if let Some(&(index, span)) = quotes.get(next_quote) {
                let clipped = Span::new(offset, span.end.min(end));
                tokens.push(Token { span: clipped, kind: Kind::Quote(index), glued: false });
                offset = clipped.end.max(offset + 1);
                next_quote += 1;
                next_start = quote_start(next_quote);
                while offset < end && !text.is_char_boundary(offset) {
                    offset += 1;
                }
                continue;
            }
        }
        let byte = bytes[offset];
        if byte == b' ' {
            // The commonest byte between tokens.
            offset += 1;
            continue;
        }
        let c = if byte.is_ascii() {
            byte as char
        } else {
            let Some(c) = text[offset..].chars().next() else { break };
            c
        };
        if c.is_alphanumeric() {
            let limit = next_start.clamp(offset, end);
            let (word_end, may_split) = word_end(text, offset, limit);
            let span = Span::new(offset, word_end);
            if may_split {
                split_word(text, span, &mut tokens);
            } else {
                tokens.push(Token { span, kind: Kind::Word, glued: false });
            }
            offset = word_end;
        } else {
            if !c.is_whitespace() {
                tokens.push(Token {
                    span: Span::new(offset, offset + c.len_utf8()),
                    kind: Kind::Punct(c),
                    glued: false,
                });
            }
            offset += c.len_utf8();
        }
    }
    tokens
}

/// The character starting at byte `at` of `text` (a character boundary
/// before `limit`), read without decoding when it is ASCII.
fn char_at(text: &str, at: usize, limit: usize) -> Option<char> {
    match text.as_bytes()[..limit].get(at) {
        Some(byte) if byte.is_ascii() => Some(*byte as char),
        Some(_) => text.get(at..limit)?.chars().next(),
        None => None,
    }
}

/// The end of the word starting at `start`: letters and digits, joined by
/// single hyphens or apostrophes; and whether [`split_word`] may split it
/// (a lowercase letter before a capital, or a character that is not ASCII).
fn word_end(text: &str, start: usize, limit: usize) -> (usize, bool) {
    let bytes = &text.as_bytes()[..limit];
    let mut at = start;
    let mut may_split = false;
    loop {
        // A run of ASCII letters and digits (most of every word) at once.
        let mut previous = 0;
        while let Some(&byte) = bytes.get(at) {
            let class = ascii::CLASS[usize::from(byte)];
            if class & ascii::WORD == 0 {
                break;
            }
            may_split |= previous & ascii::LOWER != 0 && class & ascii::UPPER != 0;
            previous = class;
            at += 1;
        }
        match char_at(text, at, limit) {
            Some(c) if c.is_alphanumeric() => {
                may_split = true;
                at += c.len_utf8();
            }
            Some(c @ ('-' | '\'' | '’' | '‑')) => match char_at(text, at + c.len_utf8(), limit) {
                Some(following) if following.is_alphanumeric() => {
                    may_split |= !c.is_ascii();
                    at += c.len_utf8();
                }
                _ => return (at, may_split),
            },
            _ => return (at, may_split),
        }
    }
}

/// Push the word, split at lowercase-to-capital joins that are not name
/// prefixes.
fn split_word(text: &str, span: Span, tokens: &mut Vec<Token>) {
    let word = span.slice(text);
    let mut piece_start = 0;
    let mut split_at = |i: usize, tokens: &mut Vec<Token>| {
        let piece = &word[piece_start..i];
        if piece.chars().count() >= 2 && !NAME_PREFIXES.contains(&piece.to_lowercase().as_str()) {
            tokens.push(Token {
                span: Span::new(span.start + piece_start, span.start + i),
                kind: Kind::Word,
                glued: piece_start > 0,
            });
            piece_start = i;
        }
    };
    if word.is_ascii() {
        // An ASCII letter is lowercase or uppercase exactly when it is so
        // in ASCII.
        for (i, pair) in word.as_bytes().windows(2).enumerate() {
            if pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase() {
                split_at(i + 1, tokens);
            }
        }
    } else {
        let mut previous: Option<char> = None;
        for (i, c) in word.char_indices() {
            if previous.is_some_and(char::is_lowercase) && c.is_uppercase() {
                split_at(i, tokens);
            }
            previous = Some(c);
        }
    }
    tokens.push(Token {
        span: Span::new(span.start + piece_start, span.end),
        kind: Kind::Word,
        glued: piece_start > 0,
    });
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "sgt", "rep", "sen", "gov", "jr", "sr", "inc",
    "corp", "co", "ltd", "vs", "nr", "bzw", "ca", "str", "hl", "bzw", "vgl", "gegr", "jan", "feb", "mar",
    "apr", "aug", "sept", "sep", "oct", "okt", "nov", "dec", "dez", "u", "z", "b", "d", "h", "a", "s", "usw",
    "etc",
];

/// Split tokens into sentences (index ranges into `tokens`).
pub fn sentences(
    text: &str,
    tokens: &[Token],
    quotes_inner_end: impl Fn(usize) -> Option<char>,
) -> Vec<std::ops::Range<usize>> {
    // About one sentence per twenty tokens: sized once, not grown.
    let mut sentences = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut start = 0;
    for i in 0..tokens.len() {
        let Some(next) = tokens.get(i + 1) else { break };
        // Only a terminator or a quotation can end a sentence: most tokens
        // are words, and are passed over at once.
        if !matches!(tokens[i].kind, Kind::Punct('.' | '!' | '?' | '…') | Kind::Quote(_)) {
            continue;
        }
        let gap = &text[tokens[i].span.end.min(next.span.start)..next.span.start];
        if gap.is_empty() {
            continue;
        }
        let next_starts_sentence = match next.kind {
            Kind::Word => {
                next.span.slice(text).chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
            }
            Kind::Quote(_) => true,
            Kind::Punct(c) => matches!(c, '(' | '[' | '„' | '“' | '"' | '«' | '»' | '‚' | '‘'),
        };
        if !next_starts_sentence {
            continue;
        }
        let ends = match tokens[i].kind {
            Kind::Punct('.') => !is_abbreviation(text, tokens, i, next),
            Kind::Punct('!' | '?' | '…') => true,
            Kind::Quote(index) => matches!(quotes_inner_end(index), Some('.' | '!' | '?' | '…')),
            _ => false,
        };
        if ends {
            sentences.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

fn is_abbreviation(text: &str, tokens: &[Token], dot: usize, next: &Token) -> bool {
    let Some(previous) = dot.checked_sub(1).and_then(|i| tokens.get(i)) else { return false };
    if previous.kind != Kind::Word || previous.span.end != tokens[dot].span.start {
        return false;
    }
    let word = previous.span.slice(text);
    let lower = Lower::of(word);
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    if ABBREVIATIONS.contains(&&*lower) {
        return true;
    }
    if word.chars().all(|c| c.is_ascii_digit()) && next.kind == Kind::Word {
        let next_word = Lower::of(next.span.slice(text));
        return crate::analysis::dates::lexicon::MONTHS_DE.contains(&&*next_word) || &*next_word == "jänner";
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, Span::new(0, text.len()), &[])
            .iter()
            .map(|t| format!("{}{}", if t.glued { "+" } else { "" }, t.span.slice(text)))
            .collect()
    }

    #[test]
    fn words_split_at_glued_names_but_not_name_prefixes() {
        let table: &[(&str, &[&str])] = &[
            ("agency XinhuaLi said", &["agency", "Xinhua", "+Li", "said"]),
            ("McDonald and DeSantis", &["McDonald", "and", "DeSantis"]),
            ("so-called reform, O’Brien's", &["so-called", "reform", ",", "O’Brien's"]),
            ("Jänner-Wetter x--y ÖlÄra 3‑4", &["Jänner-Wetter", "x", "-", "-", "y", "Öl", "+Ära", "3‑4"]),
            ("end- 'quote' it’", &["end", "-", "'", "quote", "'", "it", "’"]),
        ];
        for (text, expected) in table {
            assert_eq!(words(text), *expected, "{text}");
        }
    }

    /// Word ends and splits in long words, after digits and across
    /// hyphens: (text, the words it reads as).
    #[test]
    fn long_words_split_only_at_a_lowercase_letter_before_a_capital() {
        let table: &[(&str, &[&str])] = &[
            ("abcdefgHij", &["abcdefg", "+Hij"]),
            ("abcdefghIjk", &["abcdefgh", "+Ijk"]),
            ("abcdefgh", &["abcdefgh"]),
            ("ABCDEFGHijklmnop", &["ABCDEFGHijklmnop"]),
            ("abcdefghijklmnoPqr", &["abcdefghijklmno", "+Pqr"]),
            ("x1234567A rest", &["x1234567A", "rest"]),
            ("wordy-Named", &["wordy-Named"]),
            ("a9B", &["a9B"]),
            ("[abc]Def_", &["[", "abc", "]", "Def", "_"]),
            ("aB", &["aB"]),
            ("MacArthur's", &["MacArthur's"]),
        ];
        for (text, expected) in table {
            assert_eq!(words(text), *expected, "{text}");
        }
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        let cases = [
            ("Mr. Smith left. He came back.", 2),
            ("Am 24. Februar kam er. Dann ging er.", 2),
            ("The U.S. said no. Fine.", 2),
            ("He left. the end", 1),
        ];
        for (text, expected) in cases {
            let tokens = tokenize(text, Span::new(0, text.len()), &[]);
            assert_eq!(sentences(text, &tokens, |_| None).len(), expected, "{text}");
        }
    }
}
