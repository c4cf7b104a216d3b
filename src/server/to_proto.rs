//! Mapping the core's plain data to LSP types. Positions go through the
//! snapshot's [`LineIndex`]; nothing else here knows about encodings.

use std::collections::HashMap;

use tower_lsp::lsp_types as lsp;
use tower_lsp::lsp_types::{CodeActionKind, NumberOrString, Position, Range, Url};

use crate::analysis::actions::{Action, ActionKind};
use crate::analysis::finding::{Finding, Severity, TextEdit};
use crate::analysis::hover::Hover;
use crate::analysis::inlay::InlayHint;
use crate::analysis::outline::{Symbol, SymbolKind};
use crate::analysis::settings::SettingsError;
use crate::server::line_index::LineIndex;

/// The `source` of every diagnostic copydesk publishes.
pub const SOURCE: &str = "copydesk";

/// The code-action kind of "fix all safe problems".
pub const FIX_ALL: &str = "source.fixAll.copydesk";

/// The prefix of copydesk's other document-wide source actions.
pub const SOURCE_PREFIX: &str = "source.copydesk";

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// A finding as a diagnostic. Fixes are not carried in `data`: code actions
/// recompute them from the current analysis, which is always as fresh.
pub fn diagnostic(finding: &Finding, index: &LineIndex, uri: &Url) -> lsp::Diagnostic {
    let related: Vec<_> = finding
        .related
        .iter()
        .map(|related| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), index.range(related.span)),
            message: related.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: index.range(finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_owned())),
        code_description: None,
        source: Some(SOURCE.to_owned()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Append to `out` the JSON of the diagnostic [`diagnostic`] makes of
/// `finding`: byte for byte what serde_json writes for it, written straight
/// from the finding's own fields. A book's 13,500 diagnostics are written
/// on every keystroke, so this copies no message, allocates nothing, finds
/// positions from the previous finding's line (`line_hint`: the findings
/// come sorted by start) and copies a message needing no escapes whole.
pub fn write_diagnostic_json(
    out: &mut Vec<u8>,
    finding: &Finding,
    index: &LineIndex,
    uri: &Url,
    line_hint: &mut usize,
) {
    let start = index.position_near(finding.span.start, line_hint);
    let mut end_hint = *line_hint;
    let end = index.position_near(finding.span.end, &mut end_hint);
    out.extend_from_slice(b"{\"range\":");
    write_range_json(out, start, end);
    out.extend_from_slice(match finding.severity {
        Severity::Error => b",\"severity\":1",
        Severity::Warning => b",\"severity\":2",
        Severity::Info => b",\"severity\":3",
        Severity::Hint => b",\"severity\":4",
    });
    out.extend_from_slice(b",\"code\":");
    write_str_json(out, finding.code);
    // `SOURCE`, which needs no escape.
    out.extend_from_slice(b",\"source\":\"copydesk\",\"message\":");
    write_str_json(out, &finding.message);
    if !finding.related.is_empty() {
        out.extend_from_slice(b",\"relatedInformation\":");
        write_json(out, &RelatedJson { finding, index, uri });
    }
    out.push(b'}');
}

/// A finding's related information as serde_json writes the diagnostic's
/// `relatedInformation` (rare: converted through the protocol types).
struct RelatedJson<'a> {
    finding: &'a Finding,
    index: &'a LineIndex,
    uri: &'a Url,
}

impl serde::Serialize for RelatedJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.finding.related.iter().map(|related| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(self.uri.clone(), self.index.range(related.span)),
            message: related.message.clone(),
        }))
    }
}

/// A range as serde_json writes [`Range`].
fn write_range_json(out: &mut Vec<u8>, start: Position, end: Position) {
    out.extend_from_slice(b"{\"start\":{\"line\":");
    write_json(out, &start.line);
    out.extend_from_slice(b",\"character\":");
    write_json(out, &start.character);
    out.extend_from_slice(b"},\"end\":{\"line\":");
    write_json(out, &end.line);
    out.extend_from_slice(b",\"character\":");
    write_json(out, &end.character);
    out.extend_from_slice(b"}}");
}

/// A string as serde_json writes it: a string with no byte to escape (no
/// control character, `"` or `\\`: nearly every message) is copied whole,
/// after one pass that the compiler vectorises; any other goes through
/// serde_json.
pub fn write_str_json(out: &mut Vec<u8>, text: &str) {
    let escapes =
        text.bytes().fold(false, |found, byte| found | (byte < 0x20) | (byte == b'"') | (byte == b'\\'));
    if escapes {
        write_json(out, text);
    } else {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    }
}

/// `value` as serde_json writes it, appended to `out`.
fn write_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing plain numbers, strings and structs into memory cannot fail.
    let _ = serde_json::to_writer(out, value);
}

/// Every finding as a diagnostic, in the findings' order.
pub fn diagnostics(findings: &[Finding], index: &LineIndex, uri: &Url) -> Vec<lsp::Diagnostic> {
    findings.iter().map(|finding| diagnostic(finding, index, uri)).collect()
}

/// A malformed `copydesk.toml` as a diagnostic on that file. With the file's
/// line index the exact span is used; without, the reported line and column.
pub fn settings_error(error: &SettingsError, index: Option<&LineIndex>) -> lsp::Diagnostic {
    let range = match (index, &error.span) {
        (Some(index), Some(span)) => index.range(span.clone().into()),
        _ => {
            let position = Position::new(
                u32::try_from(error.line.saturating_sub(1)).unwrap_or(0),
                u32::try_from(error.column.saturating_sub(1)).unwrap_or(0),
            );
            Range::new(position, position)
        }
    };
    lsp::Diagnostic {
        range,
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("settings-error".to_owned())),
        source: Some(SOURCE.to_owned()),
        message: error.message.clone(),
        ..lsp::Diagnostic::default()
    }
}

pub fn hover(hover: &Hover, index: &LineIndex) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: hover.markdown.clone(),
        }),
        range: Some(index.range(hover.span)),
    }
}

pub fn location(uri: &Url, span: crate::analysis::span::Span, index: &LineIndex) -> lsp::Location {
    lsp::Location::new(uri.clone(), index.range(span))
}

pub fn action_kind(kind: ActionKind) -> CodeActionKind {
    match kind {
        ActionKind::QuickFix => CodeActionKind::QUICKFIX,
        ActionKind::Rewrite => CodeActionKind::REFACTOR_REWRITE,
        ActionKind::FixAll => CodeActionKind::from(FIX_ALL),
        ActionKind::Source(suffix) => CodeActionKind::from(format!("{SOURCE_PREFIX}.{suffix}")),
    }
}

/// Whether `kind` is asked for by the request's `only` filter: equal to an
/// entry or a sub-kind of it (`source.fixAll.copydesk` under `source`).
pub fn kind_matches(kind: &CodeActionKind, only: Option<&[CodeActionKind]>) -> bool {
    let Some(only) = only else {
        return true;
    };
    only.iter().any(|wanted| {
        let (kind, wanted) = (kind.as_str(), wanted.as_str());
        kind == wanted || kind.strip_prefix(wanted).is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Where the edits of a code action go, and how.
pub struct EditTarget<'a> {
    pub uri: &'a Url,
    pub version: i32,
    /// The client accepts `documentChanges` (versioned edits, which it
    /// refuses to apply to a newer version of the text).
    pub versioned: bool,
}

pub fn workspace_edit(edits: &[TextEdit], index: &LineIndex, target: &EditTarget<'_>) -> lsp::WorkspaceEdit {
    let edits: Vec<lsp::TextEdit> = edits
        .iter()
        .map(|edit| lsp::TextEdit { range: index.range(edit.span), new_text: edit.new_text.clone() })
        .collect();
    if target.versioned {
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: target.uri.clone(),
                    version: Some(target.version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }])),
            ..lsp::WorkspaceEdit::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(target.uri.clone(), edits)])),
            ..lsp::WorkspaceEdit::default()
        }
    }
}

pub fn code_action(action: &Action, index: &LineIndex, target: &EditTarget<'_>) -> lsp::CodeAction {
    lsp::CodeAction {
        title: action.title.clone(),
        kind: Some(action_kind(action.kind)),
        diagnostics: action.fixes.as_ref().map(|finding| vec![diagnostic(finding, index, target.uri)]),
        edit: Some(workspace_edit(&action.edits, index, target)),
        command: None,
        is_preferred: action.preferred.then_some(true),
        disabled: None,
        data: None,
    }
}

/// What a code action offered without its edit carries in `data`, to be
/// found again on `codeAction/resolve`: the document, the version it was
/// computed on, and its kind (with the title, which names it).
#[derive(Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActionData {
    pub uri: lsp::Url,
    pub version: i32,
    pub kind: String,
}

impl ActionData {
    pub fn read(data: &serde_json::Value) -> Option<ActionData> {
        serde_json::from_value(data.clone()).ok()
    }
}

/// A document-wide action without its edit, which `codeAction/resolve`
/// fills in when the user picks it.
pub fn unresolved_code_action(action: &Action, target: &EditTarget<'_>) -> lsp::CodeAction {
    let kind = action_kind(action.kind);
    let data =
        ActionData { uri: target.uri.clone(), version: target.version, kind: kind.as_str().to_owned() };
    lsp::CodeAction {
        title: action.title.clone(),
        kind: Some(kind),
        diagnostics: None,
        edit: None,
        command: None,
        is_preferred: action.preferred.then_some(true),
        disabled: None,
        data: serde_json::to_value(data).ok(),
    }
}

pub fn inlay_hint(hint: &InlayHint, index: &LineIndex) -> lsp::InlayHint {
    lsp::InlayHint {
        position: index.position(hint.offset),
        label: lsp::InlayHintLabel::String(hint.label.clone()),
        kind: None,
        text_edits: None,
        tooltip: hint.tooltip.clone().map(lsp::InlayHintTooltip::String),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

pub fn symbol_kind(kind: SymbolKind) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Group => lsp::SymbolKind::NAMESPACE,
        SymbolKind::Person => lsp::SymbolKind::OBJECT,
        SymbolKind::Country => lsp::SymbolKind::PACKAGE,
        SymbolKind::Place => lsp::SymbolKind::MODULE,
        SymbolKind::Organization => lsp::SymbolKind::STRUCT,
        SymbolKind::Quotation => lsp::SymbolKind::STRING,
        SymbolKind::Date => lsp::SymbolKind::CONSTANT,
        SymbolKind::Heading => lsp::SymbolKind::NAMESPACE,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written to build one.
pub fn document_symbol(symbol: &Symbol, index: &LineIndex) -> lsp::DocumentSymbol {
    let range = index.range(symbol.span);
    // The selection must lie inside the range, or clients reject the outline.
    let selection = if symbol.span.covers(symbol.selection) { index.range(symbol.selection) } else { range };
    // Clients reject empty names and show line breaks badly.
    let name = symbol.name.split_whitespace().collect::<Vec<_>>().join(" ");
    lsp::DocumentSymbol {
        name: if name.is_empty() { "(untitled)".to_owned() } else { name },
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!symbol.children.is_empty())
            .then(|| symbol.children.iter().map(|child| document_symbol(child, index)).collect()),
    }
}

#[cfg(test)]
mod diagnostic_json_tests {
    use super::*;
    use crate::analysis::finding::Related;
    use crate::analysis::span::Span;
    use crate::server::line_index::PositionEncoding;

    /// The JSON written from a finding is byte for byte the JSON of the
    /// protocol diagnostic made from it: every finding of the example
    /// article, plus one with related places and each severity.
    #[test]
    fn diagnostic_json_writes_what_the_protocol_type_writes() {
        let text = include_str!("../../examples/russia-china-2023-04-17.txt");
        let index = LineIndex::new(text, PositionEncoding::Utf16);
        let uri = Url::parse("file:///article.md").expect("a valid URI");
        let mut findings =
            crate::analysis::analyze(text, &crate::analysis::settings::Settings::default()).findings;
        assert!(!findings.is_empty());
        let mut extra = findings[0].clone();
        extra.message = "A \"quoted\" message\twith a tab, é and 😀".to_owned();
        extra.related = vec![
            Related { span: Span::new(0, 4), message: "first".to_owned() },
            Related { span: Span::new(10, 12), message: "second".to_owned() },
        ];
        for severity in [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint] {
            findings.push(crate::analysis::finding::Finding { severity, ..extra.clone() });
        }
        let mut line_hint = 0;
        for finding in &findings {
            let mut ours = Vec::new();
            write_diagnostic_json(&mut ours, finding, &index, &uri, &mut line_hint);
            let theirs = serde_json::to_string(&diagnostic(finding, &index, &uri)).expect("serialises");
            assert_eq!(String::from_utf8(ours).expect("UTF-8"), theirs);
        }
        let strings = [
            "",
            "plain",
            "a \"quote\"",
            "back\\slash",
            "tab\there",
            "\u{1}\u{1f}\u{7f}",
            "é😀",
            "\n",
            "a longer plain message, “curly” and ‘single’ — no escapes at all",
            "eight b\"",
            "sixteen bytes ok\\",
            "twenty-four bytes long.\u{1f}",
            "!#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~ \u{7f}\u{80}ÿ",
        ];
        for text in strings {
            let mut ours = Vec::new();
            write_str_json(&mut ours, text);
            assert_eq!(
                String::from_utf8(ours).expect("UTF-8"),
                serde_json::to_string(text).expect("serialises")
            );
        }
    }
}

#[cfg(test)]
mod string_tests {
    use proptest::prelude::*;

    use super::write_str_json;

    proptest! {
        /// Any string, control characters and quotes anywhere, is written
        /// as serde_json writes it.
        #[test]
        fn strings_are_written_as_serde_writes_them(text in any::<String>(), pad in "[a-z\"\\\\\t]{0,9}") {
            let text = format!("{pad}{text}{pad}");
            let mut ours = Vec::new();
            write_str_json(&mut ours, &text);
            prop_assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&text).unwrap());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kind, `only` filter, whether it matches.
    #[test]
    fn code_action_kinds_filter_by_prefix() {
        let cases: &[(&str, Option<&[&str]>, bool)] = &[
            (FIX_ALL, None, true),
            (FIX_ALL, Some(&["source"]), true),
            (FIX_ALL, Some(&["source.fixAll"]), true),
            (FIX_ALL, Some(&["quickfix"]), false),
            ("source.copydesk.dates", Some(&["source.copydesk"]), true),
            ("quickfix", Some(&["quick"]), false),
            ("refactor.rewrite", Some(&["refactor"]), true),
        ];
        for &(kind, only, expected) in cases {
            let only: Option<Vec<CodeActionKind>> =
                only.map(|only| only.iter().map(|k| CodeActionKind::from(k.to_string())).collect());
            assert_eq!(
                kind_matches(&CodeActionKind::from(kind.to_string()), only.as_deref()),
                expected,
                "{kind} {only:?}"
            );
        }
    }
}
