//! Capability negotiation: what the client offers, what the server answers.

use std::path::PathBuf;

use tower_lsp::lsp_types::*;

use crate::server::line_index::PositionEncoding;
use crate::server::to_proto::{FIX_ALL, SOURCE_PREFIX};

/// What was agreed with the client in `initialize`.
#[derive(Clone, Debug, Default)]
pub struct Session {
    pub encoding: PositionEncoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`); then the
    /// server does not push them as well, so they are not shown twice.
    pub pull_diagnostics: bool,
    /// The client can be asked to pull again (`workspace/diagnostic/refresh`).
    pub diagnostic_refresh: bool,
    /// The client answers `workspace/configuration`.
    pub configuration: bool,
    /// The client accepts versioned `documentChanges` in workspace edits.
    pub document_changes: bool,
    /// The client resolves a code action's edit lazily
    /// (`codeAction/resolve` with `edit`, and `data` kept): then the
    /// document-wide actions, with thousands of edits on a long text, are
    /// offered without their edits, which are computed when one is chosen.
    pub resolve_edits: bool,
    /// The client lets the server register file watchers dynamically.
    pub watch_files: bool,
    /// The workspace folders (upper bounds of the `copydesk.toml` search).
    pub roots: Vec<PathBuf>,
}

impl Session {
    pub fn negotiate(params: &InitializeParams) -> Session {
        let capabilities = &params.capabilities;
        let offered = capabilities.general.as_ref().and_then(|general| general.position_encodings.as_deref());
        let workspace = capabilities.workspace.as_ref();
        #[allow(deprecated)] // `root_uri` is how older clients name the workspace.
        let roots = match &params.workspace_folders {
            Some(folders) => folders.iter().filter_map(|folder| folder.uri.to_file_path().ok()).collect(),
            None => params.root_uri.iter().filter_map(|uri| uri.to_file_path().ok()).collect(),
        };
        Session {
            encoding: PositionEncoding::negotiate(offered),
            pull_diagnostics: capabilities
                .text_document
                .as_ref()
                .is_some_and(|text| text.diagnostic.is_some()),
            diagnostic_refresh: workspace
                .and_then(|workspace| workspace.diagnostic.as_ref())
                .and_then(|diagnostic| diagnostic.refresh_support)
                .unwrap_or(false),
            configuration: workspace.and_then(|workspace| workspace.configuration).unwrap_or(false),
            document_changes: workspace
                .and_then(|workspace| workspace.workspace_edit.as_ref())
                .and_then(|edit| edit.document_changes)
                .unwrap_or(false),
            resolve_edits: capabilities
                .text_document
                .as_ref()
                .and_then(|text| text.code_action.as_ref())
                .is_some_and(|action| {
                    action.data_support == Some(true)
                        && action
                            .resolve_support
                            .as_ref()
                            .is_some_and(|resolve| resolve.properties.iter().any(|p| p == "edit"))
                }),
            watch_files: workspace
                .and_then(|workspace| workspace.did_change_watched_files.as_ref())
                .and_then(|watched| watched.dynamic_registration)
                .unwrap_or(false),
            roots,
        }
    }

    /// The server's answer to `initialize`.
    pub fn server_capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.to_kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_highlight_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::REFACTOR_REWRITE,
                    CodeActionKind::from(FIX_ALL),
                    CodeActionKind::from(SOURCE_PREFIX),
                ]),
                resolve_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            inlay_hint_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            diagnostic_provider: self.pull_diagnostics.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("copydesk".to_owned()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })
            }),
            ..ServerCapabilities::default()
        }
    }
}
