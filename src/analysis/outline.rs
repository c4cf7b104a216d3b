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
    symbols.extend(actor_groups(context));
    symbols
}

/// Actors grouped by kind: "People", "Countries", "Places", "Organisations",
/// "Other names"; each entry spans its first reference.
fn actor_groups(context: &Context<'_>) -> Vec<Symbol> {
    use crate::analysis::actors::ActorKind;
    let groups = [
        (ActorKind::Person, "People", SymbolKind::Person),
        (ActorKind::Country, "Countries", SymbolKind::Country),
        (ActorKind::Place, "Places", SymbolKind::Place),
        (ActorKind::Organization, "Organisations", SymbolKind::Organization),
        (ActorKind::Unknown, "Other names", SymbolKind::Group),
    ];
    let mut out = Vec::new();
    for (kind, label, symbol_kind) in groups {
        let children: Vec<Symbol> = context
            .analysis
            .actors
            .actors
            .iter()
            .filter(|actor| actor.kind == kind)
            .map(|actor| Symbol {
                name: actor.name.clone(),
                detail: actor.description.clone(),
                kind: symbol_kind,
                span: actor.first_reference,
                selection: actor.first_reference,
                children: Vec::new(),
            })
            .collect();
        if let (Some(first), Some(last)) = (children.first(), children.last()) {
            let span = Span::new(first.span.start.min(last.span.start), first.span.end.max(last.span.end));
            out.push(Symbol {
                name: label.to_owned(),
                detail: None,
                kind: SymbolKind::Group,
                span,
                selection: first.span,
                children,
            });
        }
    }
    out
}
