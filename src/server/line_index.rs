//! Position conversion: the one place where protocol positions meet byte
//! offsets.
//!
//! An LSP [`Position`] is a zero-based line and a column counted in the
//! negotiated encoding (UTF-8 bytes, UTF-16 code units or UTF-32 code
//! points). The core speaks byte offsets. [`LineIndex`] is built once per
//! document version and converts both ways in O(log n); [`rope_offset`]
//! converts the positions of incoming edits against the document's rope.
//!
//! Lines end at `\n`, `\r\n` or `\r`, as the LSP specification says (the
//! rope is built with ropey's `cr_lines` feature so it agrees).
//!
//! Nothing here panics. A position is forgiving, as the specification asks:
//! - a column past the end of its line means the end of the line;
//! - a line past the end of the document means the end of the document;
//! - a column inside a character (inside a UTF-16 surrogate pair, or inside
//!   a multi-byte UTF-8 sequence) snaps to the start of that character.
//!
//! Each conversion of an incoming position says whether it had to adjust
//! ([`Adjusted`]), so the caller can log it.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp::lsp_types::{Position, PositionEncodingKind, Range};

use crate::analysis::span::Span;

/// How columns are counted, as negotiated in `initialize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PositionEncoding {
    Utf8,
    /// The protocol's default and the one every client supports.
    #[default]
    Utf16,
    Utf32,
}

impl PositionEncoding {
    pub fn to_kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
            PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    pub fn from_kind(kind: &PositionEncodingKind) -> Option<PositionEncoding> {
        match kind.as_str() {
            "utf-8" => Some(PositionEncoding::Utf8),
            "utf-16" => Some(PositionEncoding::Utf16),
            "utf-32" => Some(PositionEncoding::Utf32),
            _ => None,
        }
    }

    /// Pick the encoding from what the client offers
    /// (`general.positionEncodings`): UTF-8 when offered, because it is our
    /// native offset; else UTF-16, which every client must support; UTF-32
    /// only for a client that offers it and not UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
        let Some(offered) = offered else {
            return PositionEncoding::Utf16;
        };
        let offers = |encoding: PositionEncoding| offered.iter().any(|kind| *kind == encoding.to_kind());
        if offers(PositionEncoding::Utf8) {
            PositionEncoding::Utf8
        } else if offers(PositionEncoding::Utf16) || !offers(PositionEncoding::Utf32) {
            PositionEncoding::Utf16
        } else {
            PositionEncoding::Utf32
        }
    }

    /// The width of `c` in this encoding's units.
    fn width(self, c: char) -> usize {
        match self {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
            PositionEncoding::Utf32 => 1,
        }
    }
}

/// What a conversion had to do to make an incoming position valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Adjusted {
    /// The line or column lay past the end and was clamped.
    pub clamped: bool,
    /// The column fell inside a character and snapped to its start.
    pub snapped: bool,
}

impl Adjusted {
    pub fn any(self) -> bool {
        self.clamped || self.snapped
    }

    fn merge(self, other: Adjusted) -> Adjusted {
        Adjusted { clamped: self.clamped || other.clamped, snapped: self.snapped || other.snapped }
    }
}

/// A non-ASCII character on a line, for column arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wide {
    /// Byte offset of the character within its line.
    start: usize,
    /// Its length in UTF-8 bytes (2 to 4).
    len_utf8: u8,
    /// Column of its start in UTF-16 code units and in code points.
    utf16_col: usize,
    utf32_col: usize,
}

impl Wide {
    fn end(self) -> usize {
        self.start + usize::from(self.len_utf8)
    }

    fn col(self, encoding: PositionEncoding) -> usize {
        match encoding {
            PositionEncoding::Utf8 => self.start,
            PositionEncoding::Utf16 => self.utf16_col,
            PositionEncoding::Utf32 => self.utf32_col,
        }
    }

    fn width(self, encoding: PositionEncoding) -> usize {
        match encoding {
            PositionEncoding::Utf8 => usize::from(self.len_utf8),
            PositionEncoding::Utf16 if self.len_utf8 == 4 => 2,
            PositionEncoding::Utf16 | PositionEncoding::Utf32 => 1,
        }
    }
}

/// One line: where it starts, where its content ends (before the line
/// break), and where its non-ASCII characters begin in the index's list
/// (they run to the next line's `wide_from`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Line {
    start: usize,
    content_end: usize,
    wide_from: usize,
}

/// Line starts and non-ASCII characters of one version of a document. The
/// characters of every line are in one list (a book has tens of thousands
/// of lines: one allocation each cost more than finding them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    lines: Vec<Line>,
    wide: Vec<Wide>,
    len: usize,
    encoding: PositionEncoding,
}

impl LineIndex {
    /// Index `text` for conversions in `encoding`. O(n), once per version:
    /// line breaks are found with a byte search, and only the non-ASCII
    /// characters between them are decoded (ASCII runs are skipped eight
    /// bytes at a time).
    pub fn new(text: &str, encoding: PositionEncoding) -> LineIndex {
        let bytes = text.as_bytes();
        let mut lines = Vec::new();
        let mut wide = Vec::new();
        let mut start = 0;
        loop {
            let Some((line_break, next)) = line_break_from(bytes, start) else {
                lines.push(Line { start, content_end: text.len(), wide_from: wide.len() });
                wide_chars(text, start, text.len(), &mut wide);
                break;
            };
            lines.push(Line { start, content_end: line_break, wide_from: wide.len() });
            wide_chars(text, start, line_break, &mut wide);
            start = next;
        }
        LineIndex { lines, wide, len: text.len(), encoding }
    }

    /// The index of `text`, made from this index of an earlier version
    /// whose first `unchanged_prefix` and last `unchanged_suffix` bytes
    /// `text` kept (see [`unchanged_ends`]): the lines before the change
    /// are copied, the lines from the one holding its first byte are
    /// indexed afresh up to the first line start inside the kept end, and
    /// the lines from there are copied and moved. A keystroke in a book
    /// indexes one line instead of tens of thousands. Equal to
    /// [`LineIndex::new`]`(text, …)` (a property test says so); ends that
    /// cannot be right for `text` mean indexing it whole.
    pub fn edited(&self, text: &str, unchanged_prefix: usize, unchanged_suffix: usize) -> LineIndex {
        let (old_len, new_len) = (self.len, text.len());
        if unchanged_prefix.saturating_add(unchanged_suffix) > old_len.min(new_len) {
            return LineIndex::new(text, self.encoding);
        }
        // The line holding the byte before the change: a `\r` there may
        // now pair with a `\n` after it. Every line before it ends inside
        // the kept start, its line break included.
        let restart_line = self
            .lines
            .partition_point(|line| line.start <= unchanged_prefix.saturating_sub(1))
            .saturating_sub(1);
        let Some(restart) = self.lines.get(restart_line).copied() else {
            return LineIndex::new(text, self.encoding);
        };
        let mut lines = self.lines[..restart_line].to_vec();
        let mut wide = self.wide.get(..restart.wide_from).unwrap_or(&[]).to_vec();
        let kept_end_from = new_len - unchanged_suffix;
        let bytes = text.as_bytes();
        let mut start = restart.start;
        loop {
            let Some((line_break, next)) = line_break_from(bytes, start) else {
                lines.push(Line { start, content_end: new_len, wide_from: wide.len() });
                wide_chars(text, start, new_len, &mut wide);
                return LineIndex { lines, wide, len: new_len, encoding: self.encoding };
            };
            lines.push(Line { start, content_end: line_break, wide_from: wide.len() });
            wide_chars(text, start, line_break, &mut wide);
            start = next;
            // A line start whose line break lies in the kept end: from here
            // on the lines are the old ones (a line start depends on the
            // bytes before and at it; a line on its own bytes).
            if next - 1 < kept_end_from {
                continue;
            }
            let old_start = next + old_len - new_len;
            let Ok(old_line) = self.lines.binary_search_by_key(&old_start, |line| line.start) else {
                continue;
            };
            let old_wide_from = self.lines[old_line].wide_from;
            let wide_now = wide.len();
            lines.extend(self.lines[old_line..].iter().map(|line| Line {
                start: line.start + new_len - old_len,
                content_end: line.content_end + new_len - old_len,
                wide_from: line.wide_from + wide_now - old_wide_from,
            }));
            wide.extend_from_slice(self.wide.get(old_wide_from..).unwrap_or(&[]));
            return LineIndex { lines, wide, len: new_len, encoding: self.encoding };
        }
    }

    /// The non-ASCII characters of line `line_number` (which exists).
    fn wide_of(&self, line_number: usize) -> &[Wide] {
        let from = self.lines[line_number].wide_from;
        let to = self.lines.get(line_number + 1).map_or(self.wide.len(), |next| next.wide_from);
        self.wide.get(from..to).unwrap_or(&[])
    }

    pub fn encoding(&self) -> PositionEncoding {
        self.encoding
    }

    /// The length in bytes of the text indexed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text indexed is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The index of `text` from `base`, an index of an earlier version,
    /// and the changes made since (see [`LineIndex::edited`]), or made
    /// afresh without one.
    pub fn from_base(
        text: &str,
        encoding: PositionEncoding,
        base: Option<(Arc<LineIndex>, Vec<ChangedBytes>)>,
    ) -> Arc<LineIndex> {
        let index = match base {
            Some((index, changes)) if index.encoding == encoding => {
                if changes.is_empty() && index.len == text.len() {
                    index
                } else {
                    let (prefix, suffix) = unchanged_ends(index.len, &changes);
                    Arc::new(index.edited(text, prefix, suffix))
                }
            }
            _ => Arc::new(LineIndex::new(text, encoding)),
        };
        debug_assert_eq!(*index, LineIndex::new(text, encoding), "the line index brought up to date");
        index
    }

    /// The number of lines (a text ending in a line break has an empty
    /// last line).
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The protocol position of byte `offset`. An offset past the end means
    /// the end; one inside a character or inside a `\r\n` pair snaps back.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.len);
        let line_number = self.lines.partition_point(|line| line.start <= offset).saturating_sub(1);
        self.position_in_line(line_number, offset)
    }

    /// [`LineIndex::position`], looking for the line from `*line_hint`
    /// forwards first (and leaving the line found there): offsets asked
    /// for in order (the findings, sorted by start) cost a step or two
    /// each instead of a binary search over every line.
    pub fn position_near(&self, offset: usize, line_hint: &mut usize) -> Position {
        let offset = offset.min(self.len);
        let last = self.lines.len() - 1;
        let mut line_number = (*line_hint).min(last);
        if self.lines[line_number].start > offset {
            line_number = self.lines.partition_point(|line| line.start <= offset).saturating_sub(1);
        } else {
            let mut steps = 0;
            while line_number < last && self.lines[line_number + 1].start <= offset {
                line_number += 1;
                steps += 1;
                if steps == 8 {
                    let rest = &self.lines[line_number + 1..];
                    line_number += rest.partition_point(|line| line.start <= offset);
                    break;
                }
            }
        }
        *line_hint = line_number;
        self.position_in_line(line_number, offset)
    }

    /// The position of `offset` (at most the text's length) on line
    /// `line_number`, the last line starting at or before it.
    fn position_in_line(&self, line_number: usize, offset: usize) -> Position {
        let line = &self.lines[line_number];
        let wide = self.wide_of(line_number);
        let col_bytes = offset.min(line.content_end) - line.start;
        let wide_before = wide.partition_point(|wide| wide.start <= col_bytes);
        let column = match wide_before.checked_sub(1).map(|i| wide[i]) {
            None => col_bytes,
            Some(wide) if col_bytes < wide.end() => wide.col(self.encoding),
            Some(wide) => wide.col(self.encoding) + wide.width(self.encoding) + (col_bytes - wide.end()),
        };
        Position::new(to_u32(line_number), to_u32(column))
    }

    /// The protocol range of a byte span.
    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a protocol position, forgiving as the module
    /// documentation describes. Always a character boundary.
    pub fn offset(&self, position: Position) -> usize {
        self.offset_adjusted(position).0
    }

    /// Like [`LineIndex::offset`], also saying what had to be adjusted.
    pub fn offset_adjusted(&self, position: Position) -> (usize, Adjusted) {
        let Some(line) = self.lines.get(position.line as usize) else {
            return (self.len, Adjusted { clamped: true, snapped: false });
        };
        let wide = self.wide_of(position.line as usize);
        let column = position.character as usize;
        let encoding = self.encoding;
        let wide_before = wide.partition_point(|wide| wide.col(encoding) <= column);
        let (col_bytes, snapped) = match wide_before.checked_sub(1).map(|i| wide[i]) {
            None => (column, false),
            Some(wide) if column < wide.col(encoding) + wide.width(encoding) => {
                (wide.start, column != wide.col(encoding))
            }
            Some(wide) => (wide.end() + (column - wide.col(encoding) - wide.width(encoding)), false),
        };
        let line_len = line.content_end - line.start;
        if col_bytes > line_len {
            (line.content_end, Adjusted { clamped: true, snapped })
        } else {
            (line.start + col_bytes, Adjusted { clamped: false, snapped })
        }
    }

    /// The byte span of a protocol range, with its ends in order.
    pub fn span(&self, range: Range) -> Span {
        let (start, end) = (self.offset(range.start), self.offset(range.end));
        Span::new(start.min(end), start.max(end))
    }
}

/// One change to a text, in bytes: `start..old_end` of the text before
/// became `start..new_end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangedBytes {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

/// How many bytes at the start and at the end of a text of `len` bytes
/// are left alone by `changes`, applied in order: every change starts at
/// or after the first count and ends at least the second count before the
/// end of the text it changes. Changes that do not fit the text count as
/// changing all of it.
pub fn unchanged_ends(len: usize, changes: &[ChangedBytes]) -> (usize, usize) {
    let (mut prefix, mut suffix, mut len) = (len, len, len);
    for change in changes {
        if change.start > change.old_end || change.old_end > len || change.start > change.new_end {
            return (0, 0);
        }
        prefix = prefix.min(change.start);
        suffix = suffix.min(len - change.old_end);
        len = len - (change.old_end - change.start) + (change.new_end - change.start);
    }
    (prefix, suffix)
}

/// A conversion between char indices and another unit in a rope.
type UnitToChar = fn(&Rope, usize) -> usize;

/// The char index in `rope` of a protocol position, forgiving as the module
/// documentation describes. Used to apply incremental edits in O(log n).
pub fn rope_offset(rope: &Rope, position: Position, encoding: PositionEncoding) -> (usize, Adjusted) {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return (rope.len_chars(), Adjusted { clamped: true, snapped: false });
    }
    let line_start = rope.line_to_char(line);
    let line_end = rope_line_content_end(rope, line);
    let column = position.character as usize;
    // Columns in the negotiated unit: the line's start and end in that
    // unit, and the conversions between it and char indices.
    let (target, end, to_char, from_char): (usize, usize, UnitToChar, UnitToChar) = match encoding {
        PositionEncoding::Utf8 => (
            rope.char_to_byte(line_start),
            rope.char_to_byte(line_end),
            Rope::byte_to_char,
            Rope::char_to_byte,
        ),
        PositionEncoding::Utf16 => (
            rope.char_to_utf16_cu(line_start),
            rope.char_to_utf16_cu(line_end),
            Rope::utf16_cu_to_char,
            Rope::char_to_utf16_cu,
        ),
        PositionEncoding::Utf32 => (line_start, line_end, |_, i| i, |_, i| i),
    };
    let Some(wanted) = target.checked_add(column).filter(|&wanted| wanted <= end) else {
        return (line_end, Adjusted { clamped: true, snapped: false });
    };
    let char_index = to_char(rope, wanted);
    let snapped = from_char(rope, char_index) != wanted;
    (char_index, Adjusted { clamped: false, snapped })
}

/// The char range in `rope` of a protocol range. Ends given in the wrong
/// order are swapped (and reported as clamped).
pub fn rope_range(
    rope: &Rope,
    range: Range,
    encoding: PositionEncoding,
) -> (std::ops::Range<usize>, Adjusted) {
    let (start, start_adjusted) = rope_offset(rope, range.start, encoding);
    let (end, end_adjusted) = rope_offset(rope, range.end, encoding);
    let mut adjusted = start_adjusted.merge(end_adjusted);
    if end < start {
        adjusted.clamped = true;
        return (end..start, adjusted);
    }
    (start..end, adjusted)
}

/// The char index where line `line`'s content ends, before its line break.
fn rope_line_content_end(rope: &Rope, line: usize) -> usize {
    if line + 1 >= rope.len_lines() {
        return rope.len_chars();
    }
    let next_start = rope.line_to_char(line + 1);
    // A line that is not the last ends with `\n`, `\r\n` or `\r`.
    let mut end = next_start.saturating_sub(1);
    if rope.char(end) == '\n' && end > 0 && rope.char(end - 1) == '\r' {
        end -= 1;
    }
    end
}

/// The line break at or after `start` and where the line after it starts
/// (`\r\n` is one break), or `None` when the text ends first.
fn line_break_from(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let line_break = start + memchr::memchr2(b'\n', b'\r', bytes.get(start..)?)?;
    let next = if bytes[line_break] == b'\r' && bytes.get(line_break + 1) == Some(&b'\n') {
        line_break + 2
    } else {
        line_break + 1
    };
    Some((line_break, next))
}

/// Append the non-ASCII characters of the line `text[start..end]` (both
/// ends are character boundaries: the text's ends or next to an ASCII line
/// break) to `wide`.
fn wide_chars(text: &str, start: usize, end: usize, wide: &mut Vec<Wide>) {
    let Some(line) = text.get(start..end) else { return };
    let bytes = line.as_bytes();
    let (mut utf16_col, mut utf32_col) = (0, 0);
    let mut i = 0;
    loop {
        let ascii = ascii_prefix_len(&bytes[i..]);
        i += ascii;
        utf16_col += ascii;
        utf32_col += ascii;
        let Some(c) = line.get(i..).and_then(|rest| rest.chars().next()) else { break };
        wide.push(Wide { start: i, len_utf8: c.len_utf8() as u8, utf16_col, utf32_col });
        i += c.len_utf8();
        utf16_col += c.len_utf16();
        utf32_col += 1;
    }
}

/// How many bytes at the start of `bytes` are ASCII, eight at a time.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut length = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        let high = word & HIGH_BITS;
        if high != 0 {
            return length + (high.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
    length + chunks.remainder().iter().take_while(|b| b.is_ascii()).count()
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The width of `text` in `encoding`'s units (for tests and the client
/// model).
pub fn width(text: &str, encoding: PositionEncoding) -> usize {
    text.chars().map(|c| encoding.width(c)).sum()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const ALL: [PositionEncoding; 3] =
        [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32];

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// Text, encoding, byte offset, expected position — side by side.
    #[test]
    fn offsets_to_positions() {
        use PositionEncoding::*;
        let cases: &[(&str, PositionEncoding, usize, (u32, u32))] = &[
            ("abc", Utf16, 2, (0, 2)),
            ("a\nb", Utf16, 2, (1, 0)),
            ("a\r\nb", Utf16, 3, (1, 0)),
            ("a\r\nb", Utf16, 2, (0, 1)), // between \r and \n: end of line 0
            ("a\rb", Utf16, 2, (1, 0)),   // a lone \r ends a line
            ("😀x", Utf16, 4, (0, 2)),
            ("😀x", Utf8, 4, (0, 4)),
            ("😀x", Utf32, 4, (0, 1)),
            ("😀x", Utf16, 2, (0, 0)), // inside the emoji: its start
            ("日本", Utf16, 3, (0, 1)),
            ("e\u{301}x", Utf16, 3, (0, 2)), // combining acute accent is one unit
            ("abc", Utf16, 99, (0, 3)),
        ];
        for &(text, encoding, offset, (line, character)) in cases {
            let index = LineIndex::new(text, encoding);
            assert_eq!(index.position(offset), pos(line, character), "{text:?} {encoding:?} {offset}");
        }
    }

    /// Text, encoding, position, expected byte offset, clamped, snapped.
    #[test]
    fn positions_to_offsets() {
        use PositionEncoding::*;
        type Case = (&'static str, PositionEncoding, (u32, u32), usize, bool, bool);
        let cases: &[Case] = &[
            ("abc\ndef", Utf16, (1, 1), 5, false, false),
            ("abc\ndef", Utf16, (0, 10), 3, true, false), // past line end: line end
            ("abc\r\ndef", Utf16, (0, 4), 3, true, false), // never inside the \r\n
            ("abc\ndef", Utf16, (7, 0), 7, true, false),  // past the last line: the end
            ("😀x", Utf16, (0, 1), 0, false, true),       // inside a surrogate pair
            ("😀x", Utf16, (0, 2), 4, false, false),
            ("😀x", Utf8, (0, 2), 0, false, true), // inside the UTF-8 sequence
            ("😀x", Utf32, (0, 1), 4, false, false),
            ("", Utf16, (0, 0), 0, false, false),
            ("", Utf16, (0, 5), 0, true, false),
        ];
        for &(text, encoding, (line, character), offset, clamped, snapped) in cases {
            let index = LineIndex::new(text, encoding);
            let got = index.offset_adjusted(pos(line, character));
            assert_eq!(
                got,
                (offset, Adjusted { clamped, snapped }),
                "{text:?} {encoding:?} {line}:{character}"
            );
            let rope = Rope::from_str(text);
            let (char_index, adjusted) = rope_offset(&rope, pos(line, character), encoding);
            assert_eq!(
                (rope.char_to_byte(char_index), adjusted),
                (offset, Adjusted { clamped, snapped }),
                "rope: {text:?} {encoding:?} {line}:{character}"
            );
        }
    }

    #[test]
    fn negotiation_prefers_utf8_then_utf16() {
        use PositionEncoding::*;
        let kinds = |names: &[&str]| {
            names.iter().map(|n| PositionEncodingKind::from(n.to_string())).collect::<Vec<_>>()
        };
        let cases: &[(Option<&[&str]>, PositionEncoding)] = &[
            (None, Utf16),
            (Some(&[]), Utf16),
            (Some(&["utf-16", "utf-8"]), Utf8),
            (Some(&["utf-32", "utf-16"]), Utf16),
            (Some(&["utf-32"]), Utf32),
            (Some(&["latin-1"]), Utf16),
        ];
        for &(offered, expected) in cases {
            let offered = offered.map(kinds);
            assert_eq!(PositionEncoding::negotiate(offered.as_deref()), expected, "{offered:?}");
        }
    }

    /// The index as the first version built it: every character decoded.
    fn char_by_char(text: &str, encoding: PositionEncoding) -> LineIndex {
        let mut lines = Vec::new();
        let mut wide = Vec::new();
        let mut current = Line { start: 0, content_end: 0, wide_from: 0 };
        let (mut utf16_col, mut utf32_col) = (0, 0);
        let mut chars = text.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let line_break = match c {
                '\n' => Some(offset + 1),
                '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {
                    chars.next();
                    Some(offset + 2)
                }
                '\r' => Some(offset + 1),
                _ => None,
            };
            if let Some(next_start) = line_break {
                current.content_end = offset;
                let next = Line { start: next_start, content_end: next_start, wide_from: wide.len() };
                lines.push(std::mem::replace(&mut current, next));
                (utf16_col, utf32_col) = (0, 0);
                continue;
            }
            if !c.is_ascii() {
                let start = offset - current.start;
                wide.push(Wide { start, len_utf8: c.len_utf8() as u8, utf16_col, utf32_col });
            }
            utf16_col += c.len_utf16();
            utf32_col += 1;
        }
        current.content_end = text.len();
        lines.push(current);
        LineIndex { lines, wide, len: text.len(), encoding }
    }

    /// Text made of the characters that break naive conversions.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            "plain ASCII words",
            " ",
            "\n",
            "\r\n",
            "\r",
            "😀",
            "👍🏽",
            "日本",
            "中",
            "e\u{301}",
            "\u{0308}",
            "é",
            "ß",
            "\t",
            "\u{2028}",
            "𝔘",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
    }

    fn encoding() -> impl Strategy<Value = PositionEncoding> {
        prop::sample::select(ALL.to_vec())
    }

    proptest! {
        /// Every character boundary maps to a position and back, except the
        /// one between `\r` and `\n`, which is not a place in any line.
        #[test]
        fn offsets_round_trip(text in tricky_text(), encoding in encoding()) {
            let index = LineIndex::new(&text, encoding);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                    continue;
                }
                let position = index.position(offset);
                prop_assert_eq!(index.offset_adjusted(position), (offset, Adjusted::default()));
                let rope = Rope::from_str(&text);
                let (char_index, adjusted) = rope_offset(&rope, position, encoding);
                prop_assert_eq!((rope.char_to_byte(char_index), adjusted), (offset, Adjusted::default()));
            }
        }

        /// Any position at all converts to a character boundary without
        /// panicking, the line index and the rope agree, and converting back
        /// gives a position no further than the one asked for.
        #[test]
        fn any_position_is_forgiven(text in tricky_text(), encoding in encoding(), line in 0u32..12, character in 0u32..30) {
            let index = LineIndex::new(&text, encoding);
            let (offset, adjusted) = index.offset_adjusted(pos(line, character));
            prop_assert!(text.is_char_boundary(offset));
            let rope = Rope::from_str(&text);
            let (char_index, rope_adjusted) = rope_offset(&rope, pos(line, character), encoding);
            prop_assert_eq!(rope.char_to_byte(char_index), offset);
            prop_assert_eq!(rope_adjusted, adjusted);
            let back = index.position(offset);
            prop_assert!(back <= pos(line, character));
            prop_assert_eq!(back == pos(line, character), !adjusted.any());
        }

        /// The byte-skipping index equals one built by decoding every
        /// character.
        #[test]
        fn index_equals_a_char_by_char_one(text in tricky_text(), encoding in encoding()) {
            prop_assert_eq!(LineIndex::new(&text, encoding), char_by_char(&text, encoding));
        }

        /// A position found from any line hint, or from a hint carried
        /// along in order, is the one found by binary search.
        #[test]
        fn positions_near_a_hint_are_positions(text in tricky_text(), encoding in encoding(), hint in 0usize..50) {
            let index = LineIndex::new(&text, encoding);
            let mut carried = 0;
            for offset in 0..=text.len() + 1 {
                let mut fixed = hint;
                prop_assert_eq!(index.position_near(offset, &mut fixed), index.position(offset));
                prop_assert_eq!(index.position_near(offset, &mut carried), index.position(offset));
            }
        }

        /// An index brought up to date after edits equals one made afresh:
        /// up to three replacements in a row, anywhere (line breaks, CRLF
        /// pairs split and joined, wide characters).
        #[test]
        fn an_edited_index_equals_a_fresh_one(
            text in tricky_text(),
            encoding in encoding(),
            edits in prop::collection::vec((0.0..=1.0f64, 0usize..6, tricky_text()), 1..4),
        ) {
            let old = LineIndex::new(&text, encoding);
            let mut current = text.clone();
            let mut changes = Vec::new();
            for (place, removed, inserted) in edits {
                let inserted: String = inserted.chars().take(4).collect();
                let mut start = (place * current.len() as f64) as usize;
                while !current.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = current.len().min(start + removed);
                while !current.is_char_boundary(end) {
                    end += 1;
                }
                current.replace_range(start..end, &inserted);
                changes.push(ChangedBytes { start, old_end: end, new_end: start + inserted.len() });
            }
            let (prefix, suffix) = unchanged_ends(text.len(), &changes);
            prop_assert!(prefix + suffix <= text.len().min(current.len()));
            prop_assert_eq!(&text.as_bytes()[..prefix], &current.as_bytes()[..prefix]);
            prop_assert_eq!(&text.as_bytes()[text.len() - suffix..], &current.as_bytes()[current.len() - suffix..]);
            prop_assert_eq!(old.edited(&current, prefix, suffix), LineIndex::new(&current, encoding));
        }

        /// The line index agrees with ropey on the number of lines.
        #[test]
        fn lines_agree_with_the_rope(text in tricky_text()) {
            let index = LineIndex::new(&text, PositionEncoding::Utf16);
            prop_assert_eq!(index.line_count(), Rope::from_str(&text).len_lines());
        }
    }
}
