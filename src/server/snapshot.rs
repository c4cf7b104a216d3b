//! An immutable analysis of one version of one document.
//!
//! A snapshot is built off the store's lock (in `spawn_blocking`) from a
//! copy of the text, and kept in the store while it is current: same
//! document version, same settings generation. Every request handler works
//! on a snapshot, so the text, the line index and the analysis always agree.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, TryLockError};

use tower_lsp::lsp_types::{Diagnostic, Url};

use crate::analysis::finding::Finding;
use crate::analysis::memo::Memo;
use crate::analysis::settings::Settings;
use crate::analysis::{analyze_with, Analysis, Context};
use crate::server::line_index::{ChangedBytes, LineIndex, PositionEncoding};
use crate::server::to_proto;

/// What kind of document a URI names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// An article: analysed by the core.
    Article,
    /// A `copydesk.toml` open in the editor: checked as settings.
    SettingsFile,
}

impl DocumentKind {
    pub fn of(uri: &Url) -> DocumentKind {
        let is_settings = uri
            .path_segments()
            .and_then(|mut segments| segments.next_back())
            .is_some_and(|name| name == crate::config::FILE_NAME);
        if is_settings {
            DocumentKind::SettingsFile
        } else {
            DocumentKind::Article
        }
    }
}

/// What the store hands out to build a snapshot from.
#[derive(Clone, Debug)]
pub struct Input {
    pub uri: Url,
    pub version: i32,
    pub settings_generation: u64,
    pub text: String,
}

/// One analysed version of a document.
#[derive(Debug)]
pub struct Snapshot {
    pub uri: Url,
    pub version: i32,
    pub settings_generation: u64,
    pub kind: DocumentKind,
    pub text: String,
    pub line_index: Arc<LineIndex>,
    pub settings: Arc<Settings>,
    pub analysis: Analysis,
    /// A settings file's error as a diagnostic (empty for an article: its
    /// diagnostics are made from the findings when they are sent, see
    /// [`Snapshot::diagnostics`]).
    settings_diagnostics: Vec<Diagnostic>,
    /// Set when the analysis panicked: the message, for the log.
    pub panic: Option<String>,
    /// The code actions that do not depend on the range (fix all, curly
    /// quotes, normalise dates): each reads the whole document, so they
    /// are made on the first code-action request and reused by the next.
    pub document_actions: std::sync::OnceLock<crate::analysis::actions::DocumentActions>,
    /// The same actions as offered to a client that resolves their edits
    /// when one is picked: not yet checked as a whole (see
    /// `actions::document_action_offers`), so a first request after a
    /// keystroke stays cheap on a long text.
    pub document_offers: std::sync::OnceLock<crate::analysis::actions::DocumentActions>,
}

impl Snapshot {
    /// Analyse `input` with `settings` from scratch. A panic in the core is
    /// caught: the snapshot then has an empty analysis and says so in
    /// `panic`.
    pub fn build(input: Input, settings: Arc<Settings>, encoding: PositionEncoding) -> Snapshot {
        Snapshot::build_with(input, settings, encoding, None)
    }

    /// [`Snapshot::build`], reusing the document's `memo` of earlier
    /// versions (incremental analysis) when it is free.
    pub fn build_with(
        input: Input,
        settings: Arc<Settings>,
        encoding: PositionEncoding,
        memo: Option<&Mutex<Memo>>,
    ) -> Snapshot {
        Snapshot::build_on(input, settings, encoding, memo, None)
    }

    /// [`Snapshot::build_with`], bringing the line index of an earlier
    /// version up to date with the changes since (`base`) instead of
    /// indexing the whole text.
    pub fn build_on(
        input: Input,
        settings: Arc<Settings>,
        encoding: PositionEncoding,
        memo: Option<&Mutex<Memo>>,
        base: Option<(Arc<LineIndex>, Vec<ChangedBytes>)>,
    ) -> Snapshot {
        let kind = DocumentKind::of(&input.uri);
        let line_index = LineIndex::from_base(&input.text, encoding, base);
        let (analysis, settings_diagnostics, panic) = match kind {
            DocumentKind::SettingsFile => {
                let diagnostics = match Settings::from_toml_str(&input.text) {
                    Ok(_) => Vec::new(),
                    Err(error) => vec![to_proto::settings_error(&error, Some(&line_index))],
                };
                (Analysis::default(), diagnostics, None)
            }
            DocumentKind::Article => match analyse(&input.text, &settings, memo) {
                Ok(analysis) => (analysis, Vec::new(), None),
                Err(message) => (Analysis::default(), Vec::new(), Some(message)),
            },
        };
        Snapshot {
            uri: input.uri,
            version: input.version,
            settings_generation: input.settings_generation,
            kind,
            text: input.text,
            line_index,
            settings,
            analysis,
            settings_diagnostics,
            panic,
            document_actions: std::sync::OnceLock::new(),
            document_offers: std::sync::OnceLock::new(),
        }
    }

    /// The findings (or the settings error) as protocol diagnostics, made
    /// anew for each publication: the list is moved into the message, so
    /// the snapshot never holds a copy that would have to be cloned (13,500
    /// diagnostics on a 3 MB book), and a snapshot built for a hover or a
    /// code action never converts at all.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self.kind {
            DocumentKind::SettingsFile => self.settings_diagnostics.clone(),
            DocumentKind::Article => {
                to_proto::diagnostics(&self.analysis.findings, &self.line_index, &self.uri)
            }
        }
    }

    /// The complete `textDocument/publishDiagnostics` notification for this
    /// version, as JSON bytes: what [`Snapshot::diagnostics`] would publish,
    /// serialised one diagnostic at a time, so the list of protocol
    /// diagnostics never exists as a whole (see `framing` for why the
    /// server writes it itself).
    pub fn publication(&self) -> Vec<u8> {
        let method = <tower_lsp::lsp_types::notification::PublishDiagnostics as tower_lsp::lsp_types::notification::Notification>::METHOD;
        // Room for all of it at once: a book's notification is megabytes,
        // which a growing buffer would copy over and over.
        let room: usize = self
            .analysis
            .findings
            .iter()
            .map(|finding| 192 + finding.message.len() + finding.related.len() * 256)
            .sum();
        let mut bytes = Vec::with_capacity(room + self.uri.as_str().len() + 128);
        // The fields in the order serde writes tower-lsp's notification and
        // `PublishDiagnosticsParams`.
        bytes.extend_from_slice(b"{\"jsonrpc\":\"2.0\",\"method\":");
        to_proto::write_str_json(&mut bytes, method);
        bytes.extend_from_slice(b",\"params\":{\"uri\":");
        to_proto::write_str_json(&mut bytes, self.uri.as_str());
        bytes.extend_from_slice(b",\"diagnostics\":[");
        match self.kind {
            DocumentKind::SettingsFile => {
                for (i, diagnostic) in self.settings_diagnostics.iter().enumerate() {
                    if i > 0 {
                        bytes.push(b',');
                    }
                    // Serialising plain structs into memory cannot fail.
                    let _ = serde_json::to_writer(&mut bytes, diagnostic);
                }
            }
            DocumentKind::Article => {
                // On a long document the second half of the list is written
                // on the analysis's helper thread beside the first
                // (`analysis::beside`), then appended: the same bytes.
                let findings = &self.analysis.findings;
                let (first, second) = findings.split_at(findings.len() / 2);
                let write = |findings: &[Finding], out: &mut Vec<u8>, comma_first: bool| {
                    let mut line_hint = 0;
                    for (i, finding) in findings.iter().enumerate() {
                        if i > 0 || comma_first {
                            out.push(b',');
                        }
                        to_proto::write_diagnostic_json(
                            out,
                            finding,
                            &self.line_index,
                            &self.uri,
                            &mut line_hint,
                        );
                    }
                };
                let (second, ()) = crate::analysis::beside(
                    self.text.len(),
                    || {
                        let room: usize = second.iter().map(|finding| 192 + finding.message.len()).sum();
                        let mut out = Vec::with_capacity(room);
                        write(second, &mut out, !first.is_empty());
                        out
                    },
                    || write(first, &mut bytes, false),
                );
                bytes.extend_from_slice(&second);
            }
        }
        bytes.extend_from_slice(b"],\"version\":");
        let _ = serde_json::to_writer(&mut bytes, &self.version);
        bytes.extend_from_slice(b"}}");
        bytes
    }

    /// The context the core's editor features take.
    pub fn context(&self) -> Context<'_> {
        Context { text: &self.text, settings: &self.settings, analysis: &self.analysis }
    }
}

/// The analysis of `text`, isolated from panics, with `memo` when it is
/// given and free. A memo busy with another build of the same document is
/// not waited for: this build starts from nothing. After a panic the memo
/// may hold half-made state, so it is replaced with an empty one.
fn analyse(text: &str, settings: &Settings, memo: Option<&Mutex<Memo>>) -> Result<Analysis, String> {
    let mut guard = match memo.map(Mutex::try_lock) {
        Some(Ok(guard)) => guard,
        Some(Err(TryLockError::Poisoned(poisoned))) => {
            let mut guard = poisoned.into_inner();
            *guard = Memo::new();
            if let Some(memo) = memo {
                memo.clear_poison();
            }
            guard
        }
        None | Some(Err(TryLockError::WouldBlock)) => {
            return isolate(|| analyze_with(text, settings, &mut Memo::disabled()));
        }
    };
    let analysis = isolate(|| analyze_with(text, settings, &mut guard));
    if analysis.is_err() {
        *guard = Memo::new();
    }
    analysis
}

/// Run `work`, turning a panic into an error message so one bad document
/// cannot take the server down.
pub fn isolate<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    fn input(version: i32, text: &str) -> Input {
        let uri = Url::parse("file:///article.md").expect("a valid URI");
        Input { uri, version, settings_generation: 0, text: text.to_owned() }
    }

    const TEXT: &str = "“We will win,” Putin said on Sunday.\n\nXi met Putin in Moscow.\n";

    /// The notification as serde writes tower-lsp's types, field by field
    /// in their order: the bytes the server wrote before it wrote them
    /// itself.
    fn serde_notification(snapshot: &Snapshot) -> String {
        #[derive(serde::Serialize)]
        struct Notification {
            jsonrpc: &'static str,
            method: &'static str,
            params: tower_lsp::lsp_types::PublishDiagnosticsParams,
        }
        let notification = Notification {
            jsonrpc: "2.0",
            method: "textDocument/publishDiagnostics",
            params: tower_lsp::lsp_types::PublishDiagnosticsParams::new(
                snapshot.uri.clone(),
                snapshot.diagnostics(),
                Some(snapshot.version),
            ),
        };
        serde_json::to_string(&notification).unwrap()
    }

    /// The publication is byte for byte what serde writes, on texts whose
    /// messages need escapes (straight quotes), with related information,
    /// CRLF lines, astral characters and a URI with escapes, in every
    /// encoding.
    #[test]
    fn the_publication_has_the_bytes_serde_writes() {
        let example = include_str!("../../examples/russia-china-2023-04-17.txt");
        let texts: &[&str] = &[
            example,
            "He said \"this is it\" and left.\r\n\r\nShe said: “Unclosed.\r\n\r\n‘Odd’ 😀 marks “here” and there”.\n",
            "President Joe Biden spoke. Later, Joe Biden said “we go” on Monday, April 17, 2023.\n\n“Back\\slash,” he said.\t\u{1}\n",
            "",
        ];
        let uris = ["file:///article.md", "file:///dir%20x/%C3%A9t%C3%A9%22.md"];
        for (i, text) in texts.iter().enumerate() {
            for (uri, encoding) in uris
                .iter()
                .zip([PositionEncoding::Utf16, PositionEncoding::Utf8])
                .chain([(&uris[0], PositionEncoding::Utf32)])
            {
                let snapshot = Snapshot::build(
                    Input {
                        uri: Url::parse(uri).unwrap(),
                        version: i as i32,
                        settings_generation: 0,
                        text: (*text).into(),
                    },
                    Arc::default(),
                    encoding,
                );
                assert_eq!(
                    String::from_utf8(snapshot.publication()).unwrap(),
                    serde_notification(&snapshot),
                    "text {i} {uri} {encoding:?}"
                );
            }
        }
    }

    /// The notification the server writes itself is, as JSON, the one
    /// tower-lsp would have written from [`Snapshot::diagnostics`].
    #[test]
    fn the_publication_is_the_notification_tower_lsp_would_send() {
        let cases: &[(&str, &str)] = &[
            ("file:///article.md", TEXT),
            ("file:///article.md", "He said: “Unclosed.\n\n‘Odd’ marks “here” and there”.\n"),
            ("file:///article.md", ""),
            ("file:///dir/copydesk.toml", "languages = 3\n"),
        ];
        for &(uri, text) in cases {
            let snapshot = Snapshot::build(
                Input {
                    uri: Url::parse(uri).unwrap(),
                    version: 7,
                    settings_generation: 0,
                    text: text.into(),
                },
                Arc::default(),
                PositionEncoding::Utf16,
            );
            let params = tower_lsp::lsp_types::PublishDiagnosticsParams::new(
                snapshot.uri.clone(),
                snapshot.diagnostics(),
                Some(7),
            );
            let expected = serde_json::json!({
                "jsonrpc": "2.0",
                "method": "textDocument/publishDiagnostics",
                "params": serde_json::to_value(params).unwrap(),
            });
            let written: serde_json::Value = serde_json::from_slice(&snapshot.publication()).unwrap();
            assert_eq!(written, expected, "{uri} {text:?}");
            assert_eq!(
                String::from_utf8(snapshot.publication()).unwrap(),
                serde_notification(&snapshot),
                "the same bytes: {uri} {text:?}"
            );
        }
    }

    /// The document's memo is filled, reused when free, bypassed when busy,
    /// and emptied after a panic; the analysis is the same every time.
    #[test]
    fn the_memo_is_reused_when_free_and_replaced_after_a_panic() {
        let settings = Arc::new(Settings::default());
        let memo = Mutex::new(Memo::new());
        let build = |version, text: &str| {
            Snapshot::build_with(input(version, text), settings.clone(), PositionEncoding::Utf16, Some(&memo))
        };
        let first = build(1, TEXT);
        assert_eq!(first.analysis, analyze(TEXT, &settings));
        let kept = memo.lock().unwrap().len();
        assert!(kept > 0);

        let edited = TEXT.replace("Moscow", "Beijing");
        assert_eq!(build(2, &edited).analysis, analyze(&edited, &settings));
        let stats = memo.lock().unwrap().stats();
        assert!(stats.hits > 0 && stats.misses > 0, "{stats:?}");

        let busy = memo.lock().unwrap();
        let while_busy =
            Snapshot::build_with(input(3, TEXT), settings.clone(), PositionEncoding::Utf16, Some(&memo));
        drop(busy);
        assert_eq!(while_busy.analysis, first.analysis);

        #[cfg(feature = "panic-injection")]
        {
            let poisoned = format!("{TEXT}{}", crate::analysis::INJECTED_PANIC_MARKER);
            assert!(build(4, &poisoned).panic.is_some());
            assert!(memo.lock().unwrap().is_empty(), "a fresh memo after the panic");
            assert_eq!(build(5, TEXT).analysis, first.analysis);
        }
    }
}
