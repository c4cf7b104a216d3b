//! What a rule reports: a finding with its span, message and fixes.

use serde::{Deserialize, Serialize};

use crate::analysis::span::Span;

/// How serious a finding is. Ordered from most to least serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// One replacement of a byte range by new text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

impl TextEdit {
    pub fn replace(span: Span, new_text: impl Into<String>) -> TextEdit {
        TextEdit { span, new_text: new_text.into() }
    }

    pub fn insert(offset: usize, new_text: impl Into<String>) -> TextEdit {
        TextEdit::replace(Span::new(offset, offset), new_text)
    }

    pub fn delete(span: Span) -> TextEdit {
        TextEdit::replace(span, "")
    }
}

/// A named set of edits that repairs a finding. Edits never overlap and are
/// sorted by position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in the journalist's words ("Replace “ with ”").
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// Whether `copydesk check --fix` and "fix all" may apply it unattended.
    pub safe: bool,
}

/// A secondary location that explains a finding (the partner mark, where a
/// quotation would end).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One problem found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The stable kebab-case code of the rule that raised it.
    pub code: &'static str,
    pub severity: Severity,
    /// What is wrong and what to do, written for a journalist.
    pub message: String,
    pub span: Span,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Finding {
    /// Apply this finding's first fix to `text`, returning the new text.
    /// Used by tests and by `check --fix`.
    pub fn apply_first_fix(&self, text: &str) -> Option<String> {
        self.fixes.first().map(|fix| apply_edits(text, &fix.edits))
    }
}

/// Apply non-overlapping edits to `text`. Edits may come in any order; they
/// are applied from the end so earlier offsets stay valid. Edits that are out
/// of range or not on character boundaries are skipped rather than panicking.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        let Span { start, end } = edit.span;
        if start < cursor
            || end > text.len()
            || start > end
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(&edit.new_text);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    out
}
