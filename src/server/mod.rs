//! The language server: a thin tower-lsp layer over the analysis core.
//!
//! - [`line_index`] — protocol positions ⇄ byte offsets (UTF-8/16/32).
//! - [`documents`] — the rope store; edits applied in order, synchronously.
//! - [`capabilities`] — what was negotiated with the client.
//! - [`settings`] — defaults < `copydesk.toml` < editor settings.
//! - [`snapshot`] — one analysed version of a document, panic-isolated.
//! - [`scheduler`] — background analysis, versioned push diagnostics.
//! - [`analyst`] — the one thread where snapshots are built, and the one
//!   where the snapshot an edit made stale is freed.
//! - [`handlers`] — request handlers as functions of a snapshot.
//! - [`to_proto`] — the core's plain data as LSP types.
//! - [`exit`] — stopping on `exit` (tower-lsp alone waits for EOF).
//! - [`framing`] — drops messages tower-lsp could not decode instead of
//!   ending.
//! - [`allocator`] — the purge delay the server sets in mimalloc.
//!
//! The one ordering rule: a handler that changes the store does so before
//! its first `.await` (see `documents`).

pub mod allocator;
pub mod analyst;
pub mod capabilities;
pub mod documents;
pub mod exit;
pub mod framing;
pub mod handlers;
pub mod line_index;
pub mod scheduler;
pub mod settings;
pub mod snapshot;
pub mod to_proto;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::request::WorkspaceDiagnosticRefresh;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService, Server};

use crate::server::capabilities::Session;
use crate::server::documents::{ChangeError, DocumentStore};
use crate::server::exit::{Ending, ExitSignal, ExitWatch};
use crate::server::settings::SettingsResolver;
use crate::server::snapshot::DocumentKind;

/// State shared by the handlers and the background workers.
#[derive(Debug, Default)]
pub struct Shared {
    documents: Mutex<DocumentStore>,
    session: RwLock<Session>,
    settings: Mutex<SettingsResolver>,
    /// Bumped whenever settings change; snapshots of older generations are
    /// stale.
    settings_generation: AtomicU64,
    /// Where push diagnostics are written, bypassing tower-lsp's slow
    /// serialisation (see [`framing`]); `None` falls back to the client.
    outbox: Option<Arc<framing::Outbox>>,
    /// The thread that builds, serialises and drops snapshots.
    analyst: analyst::Analyst,
}

/// Lock a mutex, surviving a panic that poisoned it (the data under our
/// locks stays consistent: every mutation is a single step).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The server's state for one client connection.
pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
}

/// Parameters of `copydesk/documentText`.
#[derive(Debug, Serialize, Deserialize)]
pub struct DocumentTextParams {
    pub uri: Url,
}

/// Answer of `copydesk/documentText`: the server's copy of the document.
#[derive(Debug, Serialize, Deserialize)]
pub struct DocumentText {
    pub text: String,
    pub version: i32,
}

impl Backend {
    fn new(client: Client, outbox: Option<Arc<framing::Outbox>>) -> Backend {
        Backend { client, shared: Arc::new(Shared { outbox, ..Shared::default() }) }
    }

    fn session(&self) -> Session {
        self.shared.session.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    async fn warn(&self, message: String) {
        tracing::warn!("{message}");
        self.client.log_message(MessageType::WARNING, message).await;
    }

    /// `copydesk/documentText` — a debugging aid: the server's copy of an
    /// open document and its version, to compare with the editor's. Used by
    /// the protocol tests.
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<DocumentText> {
        let documents = lock(&self.shared.documents);
        let document = documents
            .get(&params.uri)
            .ok_or_else(|| Error::invalid_params(format!("{} is not open in copydesk.", params.uri)))?;
        Ok(DocumentText { text: document.rope.to_string(), version: document.version })
    }

    /// Settings changed: forget cached settings and analyses, re-analyse
    /// every open document (push) or ask the client to pull again.
    async fn settings_changed(&self) {
        self.shared.settings_generation.fetch_add(1, Ordering::SeqCst);
        lock(&self.shared.settings).clear_files();
        let session = self.session();
        {
            let mut documents = lock(&self.shared.documents);
            documents.invalidate_all();
            for uri in documents.uris() {
                if let Some(document) = documents.get_mut(&uri) {
                    scheduler::schedule(&self.shared, &self.client, document, &uri);
                }
            }
        }
        if session.pull_diagnostics && session.diagnostic_refresh {
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(error) = client.send_request::<WorkspaceDiagnosticRefresh>(()).await {
                    tracing::debug!("the client refused to refresh diagnostics: {error}");
                }
            });
        }
    }

    /// Ask the client for section `copydesk` and adopt it.
    async fn pull_configuration(&self) {
        let item = ConfigurationItem { scope_uri: None, section: Some("copydesk".to_owned()) };
        match self.client.configuration(vec![item]).await {
            Ok(values) => self.adopt_editor_settings(values.into_iter().next()).await,
            Err(error) => self.warn(format!("copydesk could not read the editor's settings: {error}")).await,
        }
    }

    async fn adopt_editor_settings(&self, value: Option<Value>) {
        let result = lock(&self.shared.settings).set_editor(value);
        if let Err(message) = result {
            tracing::warn!("{message}");
            self.client.show_message(MessageType::WARNING, message).await;
        }
    }

    async fn snapshot(&self, uri: &Url) -> Option<Arc<snapshot::Snapshot>> {
        scheduler::snapshot(&self.shared, &self.client, uri).await
    }

    /// The snapshot for a request on `uri`; an error response when its
    /// analysis panicked (logged already), so the editor shows that this
    /// one document failed while every other request is still answered.
    async fn analysed(&self, uri: &Url) -> Result<Option<Arc<snapshot::Snapshot>>> {
        let snapshot = self.snapshot(uri).await;
        if let Some(message) = snapshot.as_ref().and_then(|snapshot| snapshot.panic.as_ref()) {
            let version = snapshot.as_ref().map_or(0, |snapshot| snapshot.version);
            return Err(Error {
                code: tower_lsp::jsonrpc::ErrorCode::InternalError,
                message: format!(
                    "copydesk could not analyse {uri} (version {version}): {message}. Edit the document to try again."
                )
                .into(),
                data: None,
            });
        }
        Ok(snapshot)
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let session = Session::negotiate(&params);
        tracing::info!(encoding = ?session.encoding, pull = session.pull_diagnostics, "initialize");
        let capabilities = session.server_capabilities();
        *lock(&self.shared.settings) = SettingsResolver::new(session.roots.clone());
        *self.shared.session.write().unwrap_or_else(PoisonError::into_inner) = session;
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "copydesk".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let session = self.session();
        if session.watch_files {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "copydesk-settings-files".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(error) = self.client.register_capability(vec![registration]).await {
                tracing::debug!("the client refused the file watcher: {error}");
            }
        }
        if session.configuration {
            self.pull_configuration().await;
            self.settings_changed().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let TextDocumentItem { uri, language_id, version, text } = params.text_document;
        let warning = {
            let mut documents = lock(&self.shared.documents);
            let warning = documents.open(uri.clone(), &text, version, language_id);
            if let Some(document) = documents.get_mut(&uri) {
                scheduler::schedule(&self.shared, &self.client, document, &uri);
            }
            warning
        };
        if let Some(warning) = warning {
            self.warn(warning).await;
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let VersionedTextDocumentIdentifier { uri, version } = params.text_document;
        let encoding = self.shared.session.read().unwrap_or_else(PoisonError::into_inner).encoding;
        // The edit is applied here, before the first `.await`.
        let outcome = {
            let mut documents = lock(&self.shared.documents);
            // The analysis of the previous version is freed on the
            // discarding thread, beside the next analysis, not under the
            // lock (milliseconds on a book; see `analyst`).
            if let Some(stale) = documents.get_mut(&uri).and_then(|document| document.snapshot.take()) {
                self.shared.analyst.discard_beside(stale);
            }
            let outcome = documents.change(&uri, version, params.content_changes, encoding);
            if let (Ok(_), Some(document)) = (&outcome, documents.get_mut(&uri)) {
                scheduler::schedule(&self.shared, &self.client, document, &uri);
            }
            outcome
        };
        match outcome {
            Ok(warnings) => {
                for warning in warnings {
                    self.warn(warning).await;
                }
            }
            Err(ChangeError::UnknownDocument) => {
                self.warn(format!(
                    "copydesk received a change to {uri} (version {version}), which is not open; the change was ignored. Close and reopen the document to resynchronise."
                ))
                .await;
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let was_open = lock(&self.shared.documents).close(&uri);
        if !was_open {
            self.warn(format!("copydesk was asked to close {uri}, which is not open.")).await;
        } else if !self.session().pull_diagnostics {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if DocumentKind::of(&params.text_document.uri) == DocumentKind::SettingsFile {
            self.settings_changed().await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if self.session().configuration {
            self.pull_configuration().await;
        } else {
            let section = match params.settings {
                Value::Object(mut map) => map.remove("copydesk"),
                _ => None,
            };
            self.adopt_editor_settings(section).await;
        }
        self.settings_changed().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|change| DocumentKind::of(&change.uri) == DocumentKind::SettingsFile) {
            self.settings_changed().await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some(snapshot) = self.analysed(&position.text_document.uri).await? else {
            return Ok(None);
        };
        Ok(handlers::hover(&snapshot, position.position))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        let Some(snapshot) = self.snapshot(&position.text_document.uri).await else {
            return Ok(None);
        };
        Ok(handlers::definition(&snapshot, position.position).map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let Some(snapshot) = self.snapshot(&position.text_document.uri).await else {
            return Ok(None);
        };
        let found = handlers::references(&snapshot, position.position, params.context.include_declaration);
        Ok((!found.is_empty()).then_some(found))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let position = params.text_document_position_params;
        let Some(snapshot) = self.snapshot(&position.text_document.uri).await else {
            return Ok(None);
        };
        let found = handlers::document_highlights(&snapshot, position.position);
        Ok((!found.is_empty()).then_some(found))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snapshot) = self.analysed(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let session = self.session();
        let style =
            handlers::ActionStyle { versioned: session.document_changes, lazy: session.resolve_edits };
        Ok(Some(handlers::code_actions(&snapshot, &params, style)))
    }

    async fn code_action_resolve(&self, action: CodeAction) -> Result<CodeAction> {
        let not_offered_here = || {
            Error::invalid_params(
                "copydesk cannot complete this code action: it was not offered by copydesk. Ask for code actions again.",
            )
        };
        let data = action.data.as_ref().and_then(to_proto::ActionData::read);
        let Some(uri) = data.map(|data| data.uri) else {
            return Err(not_offered_here());
        };
        let snapshot = self.analysed(&uri).await?;
        let versioned = self.session().document_changes;
        match snapshot.map(|snapshot| handlers::resolve_code_action(&snapshot, action, versioned)) {
            Some(Ok(action)) => Ok(action),
            Some(Err(handlers::Unresolved::Foreign)) => Err(not_offered_here()),
            Some(Err(handlers::Unresolved::Unsafe)) => Err(Error {
                code: tower_lsp::jsonrpc::ErrorCode::ServerError(-32803),
                message:
                    "copydesk withdrew this change: made all at once, its edits would leave quotation marks \
                          unpaired. Fix the quotation marks copydesk flags first, then try again."
                        .into(),
                data: None,
            }),
            Some(Err(handlers::Unresolved::Stale)) | None => Err(Error {
                code: tower_lsp::jsonrpc::ErrorCode::ContentModified,
                message: "The document changed since this action was offered; ask for code actions again."
                    .into(),
                data: None,
            }),
        }
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snapshot) = self.analysed(&params.text_document.uri).await? else {
            return Ok(None);
        };
        Ok(Some(handlers::inlay_hints(&snapshot, params.range)))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snapshot) = self.analysed(&params.text_document.uri).await? else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(handlers::document_symbols(&snapshot))))
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let Some(snapshot) = self.analysed(&params.text_document.uri).await? else {
            // Not open: nothing to report (the client may pull before opening).
            return Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                RelatedFullDocumentDiagnosticReport::default(),
            )));
        };
        Ok(handlers::diagnostic_report(&snapshot, params.previous_result_id.as_deref()))
    }
}

/// Serve LSP over any byte streams (stdio in production, a duplex in tests)
/// until the client says `exit` or the input closes.
pub async fn serve<I, O>(input: I, output: O) -> Ending
where
    I: tokio::io::AsyncRead + Unpin,
    O: tokio::io::AsyncWrite,
{
    let (outbox, frames) = framing::Outbox::new();
    let outbox = Arc::new(outbox);
    let (service, socket) = LspService::build(move |client| Backend::new(client, Some(outbox.clone())))
        .custom_method("copydesk/documentText", Backend::document_text)
        .finish();
    let signal = Arc::new(ExitSignal::default());
    let service = ExitWatch { inner: service, signal: signal.clone() };
    let (filtered, pipe) = tokio::io::duplex(1 << 16);
    let (written, merged) = tokio::io::duplex(1 << 16);
    let serving = async {
        tokio::join!(
            framing::filter(input, pipe),
            Server::new(filtered, written, socket).serve(service),
            framing::merge(merged, frames, output),
        );
    };
    tokio::select! {
        () = serving => Ending::InputClosed,
        () = signal.exited.notified() => signal.ending(),
    }
}

/// Serve LSP over stdin and stdout until the client says `exit`. Exits the
/// process with code 1 when `exit` came without `shutdown`, as the protocol
/// asks.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let ending = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Do not wait for the thread blocked reading stdin, nor for analyses in
    // flight: the session is over.
    runtime.shutdown_background();
    tracing::info!(?ending, "the session ended");
    if ending == Ending::ExitWithoutShutdown {
        std::process::exit(1);
    }
    Ok(())
}
