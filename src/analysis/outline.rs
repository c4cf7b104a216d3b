//! The document outline: actors by kind and quotations under their speakers.

use crate::analysis::span::Span;
use crate::analysis::Context;

/// What an outline entry stands for, mapped to an LSP `SymbolKind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A grouping heading ("People", "Quotations").
    Group,
    Person,
    Country,
    Place,
    Organization,
    Quotation,
    Date,
    Heading,
}

/// One entry of the outline, with its children.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole range of the entry.
    pub span: Span,
    /// The part to select when the entry is chosen.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// The outline of the document.
pub fn outline(context: &Context<'_>) -> Vec<Symbol> {
    let mut symbols = Vec::new();
    for paragraph in &context.analysis.article.paragraphs {
        if paragraph.kind == crate::analysis::structure::BlockKind::Heading {
            symbols.push(Symbol {
                name: paragraph.span.slice(context.text).to_owned(),
                detail: None,
                kind: SymbolKind::Heading,
                span: paragraph.span,
                selection: paragraph.span,
                children: Vec::new(),
            });
        }
    }
    symbols
}
