//! A reference model of how the server applies an incremental edit, written
//! independently of `server::line_index`: the forgiving reading of a
//! position that the LSP specification asks for. Used by the `edits` fuzz
//! target and the property tests.
#![allow(dead_code)]

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units {
    Utf8,
    Utf16,
    Utf32,
}

fn width(c: char, units: Units) -> usize {
    match units {
        Units::Utf8 => c.len_utf8(),
        Units::Utf16 => c.len_utf16(),
        Units::Utf32 => 1,
    }
}

/// Each line's start and the end of its content (before `\n`, `\r\n`, `\r`).
fn lines(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                lines.push((start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push((start, text.len()));
    lines
}

/// The byte offset of a position: past a line's end → its end; past the
/// last line → the document's end; inside a character → its start.
pub fn offset(text: &str, line: u32, character: u32, units: Units) -> usize {
    let lines = lines(text);
    let Some(&(start, end)) = lines.get(line as usize) else { return text.len() };
    let mut column = 0usize;
    for (index, c) in text[start..end].char_indices() {
        let w = width(c, units);
        if column + w > character as usize {
            return start + index;
        }
        column += w;
    }
    end
}

/// Apply one change: `None` replaces the whole text; a reversed range is
/// put in order.
pub fn apply(text: &mut String, range: Option<((u32, u32), (u32, u32))>, new_text: &str, units: Units) {
    match range {
        None => *text = new_text.to_owned(),
        Some(((l1, c1), (l2, c2))) => {
            let a = offset(text, l1, c1, units);
            let b = offset(text, l2, c2, units);
            let (a, b) = (a.min(b), a.max(b));
            text.replace_range(a..b, new_text);
        }
    }
}
