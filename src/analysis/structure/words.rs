//! Words, found lazily: nothing is stored per word, so a 3 MB text costs no
//! memory beyond its sentences.
//!
//! A word is a run of letters, digits and combining marks. An apostrophe
//! (`'`, `’`), a hyphen (`-`, `‐`, `‑`) or a period between two word
//! characters joins them (`don’t`, `Sino-Russian`, `U.S`, `3.5`), and so does
//! a comma between two digits (`1,000`). A final period is never part of a
//! word: `U.S.` yields `U.S`.

use crate::analysis::span::Span;

/// The words inside `span` of `text`. A span past the end or off a character
/// boundary is clamped, never a panic.
pub fn words(text: &str, span: Span) -> Words<'_> {
    let end = floor_boundary(text, span.end.min(text.len()));
    let start = floor_boundary(text, span.start.min(end));
    Words { text, position: start, end }
}

/// Iterator over word spans; see [`words`].
#[derive(Clone, Debug)]
pub struct Words<'a> {
    text: &'a str,
    position: usize,
    end: usize,
}

impl Iterator for Words<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let bytes = self.text.as_bytes();
        let end = self.end.min(bytes.len());
        // Skip to the first word character.
        let mut i = self.position;
        while i < end {
            let (c, length) = char_at(self.text, i);
            if is_word_char(c) {
                break;
            }
            i += length;
        }
        if i >= end {
            self.position = end;
            return None;
        }
        let start = i;
        let mut previous = '\0';
        while i < end {
            let byte = bytes[i];
            if byte.is_ascii_alphanumeric() {
                previous = byte as char;
                i += 1;
                continue;
            }
            let (c, length) = char_at(self.text, i);
            if is_word_char(c) {
                previous = c;
                i += length;
                continue;
            }
            // A joiner continues the word only between two word characters.
            let next = (i + length < end).then(|| char_at(self.text, i + length).0);
            let joins = match c {
                '\'' | '’' | '-' | '‐' | '‑' | '.' => next.is_some_and(is_word_char),
                ',' => previous.is_ascii_digit() && next.is_some_and(|next| next.is_ascii_digit()),
                _ => false,
            };
            if !joins {
                break;
            }
            i += length;
        }
        self.position = i;
        Some(Span::new(start, i))
    }
}

/// The character at byte `i` (a char boundary) and its length; `'\0'` past
/// the end.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let byte = text.as_bytes().get(i).copied().unwrap_or(0);
    if byte < 0x80 {
        return (byte as char, 1);
    }
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\0', 1),
    }
}

/// Letters, digits and combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_joiners() {
        let cases: &[(&str, &[&str])] = &[
            ("Sino-Russian ties, don’t they?", &["Sino-Russian", "ties", "don’t", "they"]),
            ("The U.S. paid $1,000.50 in 2023.", &["The", "U.S", "paid", "1,000.50", "in", "2023"]),
            ("rock 'n' roll -- fine", &["rock", "n", "roll", "fine"]),
            ("Café naïve e\u{301}t", &["Café", "naïve", "e\u{301}t"]),
            ("", &[]),
            ("  ,;  ", &[]),
        ];
        for (text, expected) in cases {
            let found: Vec<&str> =
                words(text, Span::new(0, text.len())).map(|span| span.slice(text)).collect();
            assert_eq!(&found, expected, "words of {text:?}");
        }
    }

    #[test]
    fn clamps_bad_spans() {
        let text = "é word";
        assert_eq!(words(text, Span::new(1, 99)).count(), 2);
        assert_eq!(words(text, Span::new(5, 2)).count(), 0);
    }
}
