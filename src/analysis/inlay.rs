//! Inlay hints: short labels shown inline after a span (the speaker after a
//! quotation, the resolved date after a relative date).

use crate::analysis::Context;

/// One inlay hint, placed at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the label goes (after this byte).
    pub offset: usize,
    pub label: String,
    /// A longer explanation shown on hover over the hint.
    pub tooltip: Option<String>,
}

/// Every inlay hint in the document, in text order.
pub fn inlay_hints(context: &Context<'_>) -> Vec<InlayHint> {
    let mut hints = Vec::new();
    if context.settings.inlay_hints.dates {
        hints.extend(crate::analysis::dates::inlay_hints(context));
    }
    hints.sort_by_key(|hint| hint.offset);
    hints
}
