//! An immutable analysis of one version of one document.
//!
//! A snapshot is built off the store's lock (in `spawn_blocking`) from a
//! copy of the text, and kept in the store while it is current: same
//! document version, same settings generation. Every request handler works
//! on a snapshot, so the text, the line index and the analysis always agree.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use tower_lsp::lsp_types::{Diagnostic, Url};

use crate::analysis::settings::Settings;
use crate::analysis::{analyze, Analysis, Context};
use crate::server::line_index::{LineIndex, PositionEncoding};
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
    pub line_index: LineIndex,
    pub settings: Arc<Settings>,
    pub analysis: Analysis,
    /// The findings (or the settings error) as protocol diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the analysis panicked: the message, for the log.
    pub panic: Option<String>,
}

impl Snapshot {
    /// Analyse `input` with `settings`. A panic in the core is caught: the
    /// snapshot then has an empty analysis and says so in `panic`.
    pub fn build(input: Input, settings: Arc<Settings>, encoding: PositionEncoding) -> Snapshot {
        let kind = DocumentKind::of(&input.uri);
        let line_index = LineIndex::new(&input.text, encoding);
        let (analysis, diagnostics, panic) = match kind {
            DocumentKind::SettingsFile => {
                let diagnostics = match Settings::from_toml_str(&input.text) {
                    Ok(_) => Vec::new(),
                    Err(error) => vec![to_proto::settings_error(&error, Some(&line_index))],
                };
                (Analysis::default(), diagnostics, None)
            }
            DocumentKind::Article => match isolate(|| analyze(&input.text, &settings)) {
                Ok(analysis) => {
                    let diagnostics = analysis
                        .findings
                        .iter()
                        .map(|finding| to_proto::diagnostic(finding, &line_index, &input.uri))
                        .collect();
                    (analysis, diagnostics, None)
                }
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
            diagnostics,
            panic,
        }
    }

    /// The context the core's editor features take.
    pub fn context(&self) -> Context<'_> {
        Context { text: &self.text, settings: &self.settings, analysis: &self.analysis }
    }
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
