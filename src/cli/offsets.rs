//! Byte offsets → Unicode code-point offsets, lines and columns.
//!
//! The core speaks byte ranges; the CLI's JSON contract speaks code points
//! (Unicode scalar values) into the input exactly as read, with no newline
//! normalisation. This is the one place that conversion happens.
//!
//! Lines end at `\n` (so a CRLF line's `\r` is the last character of its
//! line). Lines and columns are 1-based; a column counts code points from the
//! start of its line.
//!
//! [`CodePoints`] indexes line starts once (O(n)). A lookup finds its line by
//! binary search, then counts characters from the line start or, when the
//! previous lookup was earlier on the same line, from there. Lookups in
//! ascending order therefore cost O(n) in total, even on a single 10 MB line;
//! lookups in any order stay correct.

use std::cell::Cell;

/// Where a byte offset lands, in code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Code points from the start of the text.
    pub offset: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in code points from the start of the line.
    pub column: usize,
}

/// A converter from byte offsets to code-point positions for one text.
pub struct CodePoints<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    /// Code-point offset of the start of each line.
    line_start_points: Vec<usize>,
    /// The last lookup: (byte offset, code-point offset), both on one line.
    cursor: Cell<(usize, usize)>,
}

impl<'a> CodePoints<'a> {
    pub fn new(text: &'a str) -> CodePoints<'a> {
        // Sized for a line per ~100 bytes (prose paragraphs and the blank
        // lines between them), rather than grown from one.
        let guess = text.len() / 100 + 2;
        let mut line_starts = Vec::with_capacity(guess);
        let mut line_start_points = Vec::with_capacity(guess);
        line_starts.push(0);
        line_start_points.push(0);
        // Newlines found by memchr; each line's code points counted in bulk
        // (a byte that does not continue a UTF-8 sequence starts one).
        let (mut previous, mut points) = (0, 0);
        for newline in memchr::memchr_iter(b'\n', text.as_bytes()) {
            points += text[previous..=newline].chars().count();
            previous = newline + 1;
            line_starts.push(previous);
            line_start_points.push(points);
        }
        CodePoints { text, line_starts, line_start_points, cursor: Cell::new((0, 0)) }
    }

    /// The position of byte `offset`. An offset past the end is clamped to
    /// the end; one inside a character is moved back to its start.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset);
        // The last line starting at or before `offset`.
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let (cursor_byte, cursor_points) = self.cursor.get();
        let (from_byte, from_points) = if line_start <= cursor_byte && cursor_byte <= offset {
            (cursor_byte, cursor_points)
        } else {
            (line_start, self.line_start_points[line])
        };
        let points = from_points + self.text[from_byte..offset].chars().count();
        self.cursor.set((offset, points));
        Position { offset: points, line: line + 1, column: points - self.line_start_points[line] + 1 }
    }

    /// The code-point offset of byte `offset`.
    pub fn offset(&self, offset: usize) -> usize {
        self.position(offset).offset
    }

    /// Convert many byte offsets at once (see [`positions`]).
    pub fn positions(&self, offsets: impl IntoIterator<Item = usize>) -> Positions {
        positions(self.text, offsets)
    }
}

/// Convert many byte offsets of `text` at once: they are sorted and
/// converted in one walk from the start of the text to the last of them
/// (newlines found by memchr, code points counted in bulk between one
/// offset or line start and the next), then looked up by binary search.
/// No index of the whole text is built, so the text after the last offset
/// is never read. Each position equals [`CodePoints::position`]'s.
pub fn positions(text: &str, offsets: impl IntoIterator<Item = usize>) -> Positions {
    let mut bytes: Vec<usize> = offsets.into_iter().collect();
    bytes.sort_unstable();
    bytes.dedup();
    let mut positions = Vec::with_capacity(bytes.len());
    // The walk's place: a byte offset (a character boundary), the code
    // points before it, its line and the code points before that line.
    let (mut at, mut points, mut line, mut line_points) = (0, 0, 1, 0);
    for &byte in &bytes {
        // Sorted offsets stay sorted moved back to a boundary.
        let offset = floor_char_boundary(text, byte).max(at);
        let from = at;
        for newline in memchr::memchr_iter(b'\n', &text.as_bytes()[from..offset]) {
            let line_start = from + newline + 1;
            points += text[at..line_start].chars().count();
            at = line_start;
            line += 1;
            line_points = points;
        }
        points += text[at..offset].chars().count();
        at = offset;
        positions.push(Position { offset: points, line, column: points - line_points + 1 });
    }
    Positions { bytes, positions }
}

/// Byte offsets converted in one pass by [`CodePoints::positions`].
pub struct Positions {
    bytes: Vec<usize>,
    positions: Vec<Position>,
}

impl Positions {
    /// The position of a byte offset that was converted. An offset that was
    /// not asked for gets the position of the nearest converted one before
    /// it (never a panic), which callers avoid by asking for every offset.
    pub fn get(&self, byte: usize) -> Position {
        match self.bytes.binary_search(&byte) {
            Ok(index) => self.positions[index],
            Err(0) => Position { offset: 0, line: 1, column: 1 },
            Err(index) => self.positions[index - 1],
        }
    }

    /// The code-point offset of a converted byte offset.
    pub fn offset(&self, byte: usize) -> usize {
        self.get(byte).offset
    }
}

/// The largest character boundary at or before `offset` (clamped to the text).
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The text between two code-point offsets (end exclusive); what a consumer
/// of the JSON contract does to read a span back. Out-of-range offsets give
/// the part that exists.
pub fn slice_code_points(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row: the text, a byte offset, and the expected (code-point
    /// offset, line, column).
    const CASES: &[(&str, usize, (usize, usize, usize))] = &[
        ("", 0, (0, 1, 1)),
        ("abc", 0, (0, 1, 1)),
        ("abc", 3, (3, 1, 4)),
        ("abc", 99, (3, 1, 4)),
        // "😀" is 4 bytes, 1 code point.
        ("😀 said", 4, (1, 1, 2)),
        ("😀 said", 5, (2, 1, 3)),
        // Inside the emoji: moved back to its start.
        ("😀 said", 2, (0, 1, 1)),
        // CJK: 3 bytes each.
        ("中国 China", 6, (2, 1, 3)),
        ("中国 China", 7, (3, 1, 4)),
        // CRLF: the \r belongs to its line, the next line starts after \n.
        ("ab\r\ncd", 2, (2, 1, 3)),
        ("ab\r\ncd", 3, (3, 1, 4)),
        ("ab\r\ncd", 4, (4, 2, 1)),
        ("ab\r\ncd", 5, (5, 2, 2)),
        ("😀\r\n中x", 6, (3, 2, 1)),
        ("😀\r\n中x", 9, (4, 2, 2)),
        // A combining mark is its own code point.
        ("e\u{301}x", 3, (2, 1, 3)),
        // A trailing newline opens an empty last line.
        ("a\n", 2, (2, 2, 1)),
    ];

    #[test]
    fn converts_each_case_alone() {
        for &(text, byte, (offset, line, column)) in CASES {
            let got = CodePoints::new(text).position(byte);
            assert_eq!(got, Position { offset, line, column }, "text {text:?}, byte {byte}");
        }
    }

    #[test]
    fn converts_many_at_once_as_one_at_a_time() {
        let texts = ["", "abc", "😀 “quoted” 中文\r\nline two 😀\nthree", "\n\na\n😀\n", "e\u{301}x\r\n"];
        for text in texts {
            // Every byte (boundaries or not), past the end, and repeats.
            let offsets: Vec<usize> = (0..=text.len() + 2).chain([1, 0, text.len()]).collect();
            let all = positions(text, offsets.iter().copied());
            for &byte in &offsets {
                assert_eq!(all.get(byte), CodePoints::new(text).position(byte), "text {text:?}, byte {byte}");
            }
        }
    }

    #[test]
    fn converts_in_any_order_with_one_converter() {
        let text = "😀 “quoted” 中文\r\nline two 😀\nthree";
        let points = CodePoints::new(text);
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let fresh = |byte: usize| CodePoints::new(text).position(byte);
        // Ascending, descending, then a scrambled order all agree with a
        // fresh converter.
        for &byte in boundaries.iter().chain(boundaries.iter().rev()) {
            assert_eq!(points.position(byte), fresh(byte), "byte {byte}");
        }
        for step in 0..boundaries.len() {
            let byte = boundaries[(step * 7) % boundaries.len()];
            assert_eq!(points.position(byte), fresh(byte), "byte {byte}");
        }
    }

    #[test]
    fn offsets_slice_back_to_the_same_text() {
        let text = "😀😀 “He said”\r\n中文 “yes” 😀";
        let points = CodePoints::new(text);
        for (start, _) in text.char_indices() {
            for end in (start..=text.len()).filter(|&end| text.is_char_boundary(end)) {
                let sliced = slice_code_points(text, points.offset(start), points.offset(end));
                assert_eq!(sliced, &text[start..end]);
            }
        }
    }

    #[test]
    fn long_single_line_sorted_lookups() {
        // A long line with characters of every width; sorted lookups stay on
        // the cursor path and agree with counting from the start.
        let text = "a😀中é".repeat(20_000);
        let points = CodePoints::new(&text);
        for (count, (byte, _)) in text.char_indices().enumerate().step_by(997) {
            assert_eq!(points.position(byte), Position { offset: count, line: 1, column: count + 1 });
        }
    }
}
