//! The document store: one rope per open document, with its version.
//!
//! Every method here is synchronous. The server calls them under one
//! `std::sync::Mutex`, in the handler of the notification, before its first
//! `.await`: tower-lsp polls handlers concurrently (its issue #284) but
//! starts them in the order the messages arrived, so an edit applied before
//! the first `.await` is applied in order.
//!
//! Bad input is survived and reported, never silently absorbed:
//! - a change to a document that is not open is dropped, with a warning;
//! - a range past the end of a line or of the document is clamped to the
//!   line end or document end (what the LSP specification says of positions),
//!   a range whose ends are reversed is put in order, and a position inside a
//!   character snaps to its start; each is applied and reported as a warning,
//!   because it means the client and the server may already disagree.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use ropey::Rope;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

use crate::analysis::memo::Memo;
use crate::server::line_index::{rope_range, ChangedBytes, LineIndex, PositionEncoding};
use crate::server::snapshot::Snapshot;

/// One open document.
#[derive(Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
    /// Distinguishes this opening from an earlier one of the same URI, so a
    /// result computed before a close and reopen is never taken as current.
    pub open_id: u64,
    /// The analysis of some version, kept while it is current.
    pub snapshot: Option<Arc<Snapshot>>,
    /// Whether a background analysis task is running for this document.
    pub analysing: bool,
    /// Whether the text or settings changed since that task took its input.
    pub dirty: bool,
    /// Per-paragraph results of earlier analyses of this document, so an
    /// edit re-analyses only the paragraphs it touched (see
    /// [`crate::analysis::memo`]). Locked only by the snapshot build, off
    /// the store's lock; dropped with the document when it closes.
    pub memo: Arc<Mutex<Memo>>,
    /// How many content changes `rope` has had since it was opened.
    pub changes: u64,
    /// The last content changes, in bytes, each with its number in
    /// `changes` (at most [`KEPT_CHANGES`]): what brings an earlier
    /// version's line index up to date (see [`LineIndex::edited`]).
    pub recent: VecDeque<(u64, ChangedBytes)>,
    /// The line index of the text after change number `.0`, kept from the
    /// last snapshot built.
    pub line_index: Option<(u64, Arc<LineIndex>)>,
}

/// How many content changes a document remembers for its line index.
pub const KEPT_CHANGES: usize = 64;

impl Document {
    /// The line index kept from an earlier version and the changes since
    /// it, in order, when every one of them is remembered. Taken, not
    /// cloned: the build that brings it up to date frees it before it
    /// analyses (a book's index is about 1.5 MB), and keeps its own.
    pub fn take_line_index_base(&mut self) -> Option<(Arc<LineIndex>, Vec<ChangedBytes>)> {
        let (at, index) = self.line_index.take()?;
        let since: Vec<ChangedBytes> =
            self.recent.iter().filter(|(number, _)| *number > at).map(|(_, change)| *change).collect();
        (self.changes.checked_sub(at) == Some(since.len() as u64)).then_some((index, since))
    }

    /// Keep `index`, the line index of the text after change number
    /// `changes`, unless a newer one is kept.
    pub fn keep_line_index(&mut self, changes: u64, index: &Arc<LineIndex>) {
        if self.line_index.as_ref().is_none_or(|(at, _)| *at < changes) && changes <= self.changes {
            self.line_index = Some((changes, index.clone()));
            self.recent.retain(|(number, _)| *number > changes);
        }
    }
}

/// What went wrong with a change notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// The document is not open: the change was dropped.
    UnknownDocument,
}

/// The open documents, keyed by URI.
#[derive(Debug, Default)]
pub struct DocumentStore {
    documents: HashMap<Url, Document>,
    opened: u64,
}

impl DocumentStore {
    /// Open (or reopen, replacing) a document. Returns a warning when the
    /// document was already open.
    pub fn open(&mut self, uri: Url, text: &str, version: i32, language_id: String) -> Option<String> {
        self.opened += 1;
        let document = Document {
            rope: Rope::from_str(text),
            version,
            language_id,
            open_id: self.opened,
            snapshot: None,
            analysing: false,
            dirty: false,
            memo: Arc::default(),
            changes: 0,
            recent: VecDeque::new(),
            line_index: None,
        };
        let previous = self.documents.insert(uri.clone(), document);
        previous.map(|_| format!("{uri} was opened again without being closed; its text was replaced."))
    }

    /// Apply the changes of one `didChange`, in order. Returns warnings for
    /// every range that had to be adjusted.
    pub fn change(
        &mut self,
        uri: &Url,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: PositionEncoding,
    ) -> Result<Vec<String>, ChangeError> {
        let document = self.documents.get_mut(uri).ok_or(ChangeError::UnknownDocument)?;
        let mut warnings = Vec::new();
        for change in changes {
            document.changes += 1;
            if document.recent.len() == KEPT_CHANGES {
                document.recent.pop_front();
            }
            match change.range {
                None => {
                    let bytes = ChangedBytes {
                        start: 0,
                        old_end: document.rope.len_bytes(),
                        new_end: change.text.len(),
                    };
                    document.recent.push_back((document.changes, bytes));
                    document.rope = Rope::from_str(&change.text);
                }
                Some(range) => {
                    let (chars, adjusted) = rope_range(&document.rope, range, encoding);
                    if adjusted.any() {
                        warnings.push(format!(
                            "{uri} version {version}: the edit range {}:{}-{}:{} {}; it was applied at the nearest valid place. The editor's text and copydesk's may differ until the document is reopened.",
                            range.start.line,
                            range.start.character,
                            range.end.line,
                            range.end.character,
                            match (adjusted.clamped, adjusted.snapped) {
                                (true, true) => "lies past the end of the text and inside a character",
                                (true, false) => "lies past the end of its line or of the document, or is reversed",
                                _ => "falls inside a character",
                            }
                        ));
                    }
                    let start = document.rope.char_to_byte(chars.start);
                    let bytes = ChangedBytes {
                        start,
                        old_end: document.rope.char_to_byte(chars.end),
                        new_end: start + change.text.len(),
                    };
                    document.recent.push_back((document.changes, bytes));
                    document.rope.remove(chars.clone());
                    document.rope.insert(chars.start, &change.text);
                }
            }
        }
        if version <= document.version {
            warnings.push(format!(
                "{uri}: version {version} arrived after version {}; the changes were applied in the order received.",
                document.version
            ));
        }
        document.version = version;
        document.snapshot = None;
        document.dirty = true;
        Ok(warnings)
    }

    /// Forget a document. Returns whether it was open.
    pub fn close(&mut self, uri: &Url) -> bool {
        self.documents.remove(uri).is_some()
    }

    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.documents.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Url) -> Option<&mut Document> {
        self.documents.get_mut(uri)
    }

    /// The URIs of every open document.
    pub fn uris(&self) -> Vec<Url> {
        self.documents.keys().cloned().collect()
    }

    /// Forget every cached analysis (the settings changed).
    pub fn invalidate_all(&mut self) {
        for document in self.documents.values_mut() {
            document.snapshot = None;
            document.dirty = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp::lsp_types::{Position, Range};

    use super::*;

    fn uri() -> Url {
        Url::parse("file:///article.md").unwrap()
    }

    fn edit(range: ((u32, u32), (u32, u32)), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(range.0 .0, range.0 .1),
                Position::new(range.1 .0, range.1 .1),
            )),
            range_length: None,
            text: text.to_owned(),
        }
    }

    /// Start text, edit, encoding, resulting text, whether a warning is due.
    #[test]
    fn edits_apply_in_order_and_bad_ranges_are_clamped() {
        use PositionEncoding::*;
        type Case =
            (&'static str, ((u32, u32), (u32, u32)), &'static str, PositionEncoding, &'static str, bool);
        let cases: &[Case] = &[
            ("abc\ndef", ((1, 0), (1, 1)), "X", Utf16, "abc\nXef", false),
            ("a😀b", ((0, 1), (0, 3)), "", Utf16, "ab", false),
            ("a😀b", ((0, 5), (0, 5)), "", Utf8, "a😀b", false),
            ("a😀b", ((0, 2), (0, 2)), "!", Utf32, "a😀!b", false),
            ("a😀b", ((0, 2), (0, 2)), "!", Utf16, "a!😀b", true), // inside the surrogate pair
            ("abc", ((0, 1), (9, 9)), "", Utf16, "a", true),       // past the end
            ("abc\r\nd", ((0, 9), (0, 9)), "!", Utf16, "abc!\r\nd", true),
            ("abc", ((0, 2), (0, 1)), "", Utf16, "ac", true), // reversed
        ];
        for &(start, range, text, encoding, expected, warns) in cases {
            let mut store = DocumentStore::default();
            store.open(uri(), start, 1, "markdown".into());
            let warnings = store.change(&uri(), 2, vec![edit(range, text)], encoding).unwrap();
            let document = store.get(&uri()).unwrap();
            assert_eq!(document.rope.to_string(), expected, "{start:?} {range:?} {encoding:?}");
            assert_eq!(!warnings.is_empty(), warns, "{warnings:?}");
            assert_eq!(document.version, 2);
        }
    }

    #[test]
    fn unknown_documents_and_closing() {
        let mut store = DocumentStore::default();
        assert_eq!(
            store.change(&uri(), 2, vec![edit(((0, 0), (0, 0)), "x")], PositionEncoding::Utf16),
            Err(ChangeError::UnknownDocument)
        );
        store.open(uri(), "text", 1, "plaintext".into());
        assert!(store.close(&uri()));
        assert!(!store.close(&uri()));
        assert!(store.get(&uri()).is_none());
    }
}
