//! Request handlers as plain functions of a snapshot: they convert the
//! request's positions to byte offsets, ask the core, and map the answer.
//! Each core call is isolated so a panic in a feature answers "nothing"
//! instead of killing the server.

use tower_lsp::lsp_types as lsp;

use crate::analysis::{actions, actors, hover, inlay, outline};
use crate::server::snapshot::{isolate, DocumentKind, Snapshot};
use crate::server::to_proto::{self, EditTarget};

/// Run a core feature on a snapshot, logging a panic with the document's
/// URI and version.
fn guarded<T: Default>(snapshot: &Snapshot, feature: &str, work: impl FnOnce() -> T) -> T {
    if snapshot.kind != DocumentKind::Article {
        return T::default();
    }
    isolate(work).unwrap_or_else(|message| {
        tracing::error!(uri = %snapshot.uri, version = snapshot.version, "{feature} panicked: {message}");
        T::default()
    })
}

pub fn hover(snapshot: &Snapshot, position: lsp::Position) -> Option<lsp::Hover> {
    let offset = snapshot.line_index.offset(position);
    let found = guarded(snapshot, "hover", || hover::hover(&snapshot.context(), offset))?;
    Some(to_proto::hover(&found, &snapshot.line_index))
}

/// Go to definition: the first reference of the actor under the cursor.
pub fn definition(snapshot: &Snapshot, position: lsp::Position) -> Option<lsp::Location> {
    let offset = snapshot.line_index.offset(position);
    let found = guarded(snapshot, "definition", || actors::navigation(&snapshot.analysis.actors, offset))?;
    Some(to_proto::location(&snapshot.uri, found.first_reference, &snapshot.line_index))
}

/// Every mention of the actor under the cursor; without the first
/// reference unless `include_declaration`.
pub fn references(
    snapshot: &Snapshot,
    position: lsp::Position,
    include_declaration: bool,
) -> Vec<lsp::Location> {
    let offset = snapshot.line_index.offset(position);
    let Some(found) =
        guarded(snapshot, "references", || actors::navigation(&snapshot.analysis.actors, offset))
    else {
        return Vec::new();
    };
    found
        .mentions
        .iter()
        .filter(|span| include_declaration || !found.declarations.contains(span))
        .map(|span| to_proto::location(&snapshot.uri, *span, &snapshot.line_index))
        .collect()
}

/// Every mention of the actor under the cursor, the first reference
/// marked as a write (a definition), the others as reads.
pub fn document_highlights(snapshot: &Snapshot, position: lsp::Position) -> Vec<lsp::DocumentHighlight> {
    let offset = snapshot.line_index.offset(position);
    let Some(found) =
        guarded(snapshot, "highlights", || actors::navigation(&snapshot.analysis.actors, offset))
    else {
        return Vec::new();
    };
    found
        .mentions
        .iter()
        .map(|span| lsp::DocumentHighlight {
            range: snapshot.line_index.range(*span),
            kind: Some(if found.declarations.contains(span) {
                lsp::DocumentHighlightKind::WRITE
            } else {
                lsp::DocumentHighlightKind::READ
            }),
        })
        .collect()
}

/// How code actions are answered: with versioned edits or not, and
/// whether document-wide ones leave their edits for `codeAction/resolve`.
#[derive(Clone, Copy, Debug)]
pub struct ActionStyle {
    pub versioned: bool,
    pub lazy: bool,
}

pub fn code_actions(
    snapshot: &Snapshot,
    params: &lsp::CodeActionParams,
    style: ActionStyle,
) -> Vec<lsp::CodeActionOrCommand> {
    let span = snapshot.line_index.span(params.range);
    let found = guarded(snapshot, "code actions", || {
        let context = snapshot.context();
        let document = if style.lazy {
            snapshot.document_offers.get_or_init(|| actions::document_action_offers(&context))
        } else {
            snapshot.document_actions.get_or_init(|| actions::document_actions(&context))
        };
        actions::actions_with(&context, span, document)
    });
    let target = EditTarget { uri: &snapshot.uri, version: snapshot.version, versioned: style.versioned };
    let only = params.context.only.as_deref();
    found
        .iter()
        .filter(|action| to_proto::kind_matches(&to_proto::action_kind(action.kind), only))
        .map(|action| {
            let action = if style.lazy && action.is_document_wide() {
                to_proto::unresolved_code_action(action, &target)
            } else {
                to_proto::code_action(action, &snapshot.line_index, &target)
            };
            lsp::CodeActionOrCommand::CodeAction(action)
        })
        .collect()
}

/// Why a code action could not be resolved.
#[derive(Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// Its `data` is not one this server wrote.
    Foreign,
    /// The document changed (or closed) since the action was offered.
    Stale,
    /// Checked as a whole when picked, the action's edits would leave the
    /// quotation marks worse, so it is withdrawn.
    Unsafe,
}

/// `codeAction/resolve`: the edit of a document-wide action offered
/// without it, computed on the version it was offered for.
pub fn resolve_code_action(
    snapshot: &Snapshot,
    mut action: lsp::CodeAction,
    versioned: bool,
) -> Result<lsp::CodeAction, Unresolved> {
    let data = action.data.as_ref().and_then(to_proto::ActionData::read).ok_or(Unresolved::Foreign)?;
    if data.version != snapshot.version || data.uri != snapshot.uri {
        return Err(Unresolved::Stale);
    }
    let chosen = guarded(snapshot, "code actions", || {
        let context = snapshot.context();
        let document = snapshot.document_actions.get_or_init(|| actions::document_actions(&context));
        let same = |candidate: &&actions::Action| {
            candidate.title == action.title && to_proto::action_kind(candidate.kind).as_str() == data.kind
        };
        document.all().find(same).cloned()
    })
    .ok_or(Unresolved::Unsafe)?;
    let target = EditTarget { uri: &snapshot.uri, version: snapshot.version, versioned };
    action.edit = Some(to_proto::workspace_edit(&chosen.edits, &snapshot.line_index, &target));
    action.data = None;
    Ok(action)
}

pub fn inlay_hints(snapshot: &Snapshot, range: lsp::Range) -> Vec<lsp::InlayHint> {
    let span = snapshot.line_index.span(range);
    let found = guarded(snapshot, "inlay hints", || inlay::inlay_hints(&snapshot.context()));
    found
        .iter()
        .filter(|hint| span.start <= hint.offset && hint.offset <= span.end)
        .map(|hint| to_proto::inlay_hint(hint, &snapshot.line_index))
        .collect()
}

pub fn document_symbols(snapshot: &Snapshot) -> Vec<lsp::DocumentSymbol> {
    let found = guarded(snapshot, "the outline", || outline::outline(&snapshot.context()));
    found.iter().map(|symbol| to_proto::document_symbol(symbol, &snapshot.line_index)).collect()
}

/// The pull-diagnostics answer. The result id names the version and the
/// settings generation, so an unchanged document is answered "unchanged".
pub fn diagnostic_report(
    snapshot: &Snapshot,
    previous_result_id: Option<&str>,
) -> lsp::DocumentDiagnosticReportResult {
    let result_id = result_id(snapshot);
    let report = if previous_result_id == Some(result_id.as_str()) {
        lsp::DocumentDiagnosticReport::Unchanged(lsp::RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport { result_id },
        })
    } else {
        lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items: snapshot.diagnostics(),
            },
        })
    };
    lsp::DocumentDiagnosticReportResult::Report(report)
}

fn result_id(snapshot: &Snapshot) -> String {
    format!("{}:{}", snapshot.version, snapshot.settings_generation)
}
