//! An arbitrary sequence of incremental edits, in UTF-8, UTF-16 or UTF-32
//! positions, many out of range or inside characters, applied through the
//! server's document store. The store's text must equal an independent
//! reference model after every step.
#![no_main]

#[path = "../../tests/support/edit_model.rs"]
mod edit_model;

use arbitrary::Arbitrary;
use copydesk::server::documents::DocumentStore;
use copydesk::server::line_index::PositionEncoding;
use edit_model::Units;
use libfuzzer_sys::fuzz_target;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

/// Text pieces that stress position conversion: line breaks of every kind,
/// multi-byte characters, surrogate pairs, quotation marks.
const PIECES: &[&str] = &[
    "a", "word ", "\n", "\r\n", "\r", "é", "😀", "“", "”", "„", "‘", "’", "«", "»", "\"", "'", "中文",
    "\u{200b}", "",
];

#[derive(Arbitrary, Debug)]
struct Edit {
    /// `None`: replace the whole document.
    range: Option<((u8, u8), (u8, u8))>,
    pieces: Vec<u8>,
    raw: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    encoding: u8,
    start: Vec<u8>,
    edits: Vec<Vec<Edit>>,
}

fn text_of(pieces: &[u8], raw: Option<&str>) -> String {
    let mut text: String = pieces.iter().map(|&p| PIECES[usize::from(p) % PIECES.len()]).collect();
    if let Some(raw) = raw {
        text.push_str(raw);
    }
    text
}

fuzz_target!(|input: Input| {
    let (encoding, units) = match input.encoding % 3 {
        0 => (PositionEncoding::Utf8, Units::Utf8),
        1 => (PositionEncoding::Utf16, Units::Utf16),
        _ => (PositionEncoding::Utf32, Units::Utf32),
    };
    let uri = Url::parse("file:///fuzz/article.md").unwrap();
    let mut store = DocumentStore::default();
    let mut model = text_of(&input.start, None);
    store.open(uri.clone(), &model, 0, "markdown".to_owned());
    for (version, batch) in input.edits.iter().enumerate() {
        let mut changes = Vec::new();
        for edit in batch {
            let new_text = text_of(&edit.pieces, edit.raw.as_deref());
            // Lines and columns small enough to land inside the text often,
            // large enough to fall past it sometimes.
            let range = edit.range.map(|((l1, c1), (l2, c2))| {
                ((u32::from(l1 % 8), u32::from(c1 % 24)), (u32::from(l2 % 8), u32::from(c2 % 24)))
            });
            edit_model::apply(&mut model, range, &new_text, units);
            changes.push(TextDocumentContentChangeEvent {
                range: range
                    .map(|((l1, c1), (l2, c2))| Range::new(Position::new(l1, c1), Position::new(l2, c2))),
                range_length: None,
                text: new_text,
            });
        }
        let version = i32::try_from(version + 1).unwrap_or(i32::MAX);
        store.change(&uri, version, changes, encoding).expect("the document is open");
        let document = store.get(&uri).expect("the document is open");
        assert_eq!(document.rope.to_string(), model, "after batch {version} in {encoding:?}");
        assert_eq!(document.version, version);
    }
});
