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
    symbols.extend(quotation_group(context));
    symbols
}

/// "Quotations": one entry per speaker (in order of first quotation) with
/// their quotations under them, and "No speaker" for orphan quotes.
fn quotation_group(context: &Context<'_>) -> Option<Symbol> {
    let analysis = context.analysis;
    let text = context.text;
    let mut speakers: Vec<Symbol> = Vec::new();
    let mut orphans: Vec<Symbol> = Vec::new();
    for (quotation, attribution) in analysis.quotes.quotations.iter().zip(&analysis.attributions) {
        if quotation.level != 0 || !attribution.is_speech {
            continue;
        }
        let inner = text.get(quotation.inner.start..quotation.inner.end).unwrap_or("");
        let mut name: String =
            inner.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(60).collect();
        if inner.chars().count() > 60 {
            name.push('…');
        }
        let entry = Symbol {
            name,
            detail: attribution.cue.and_then(|cue| text.get(cue.start..cue.end)).map(str::to_owned),
            kind: SymbolKind::Quotation,
            span: quotation.span,
            selection: quotation.span,
            children: Vec::new(),
        };
        let Some(speaker) = &attribution.speaker else {
            orphans.push(entry);
            continue;
        };
        let label = crate::analysis::attribution::speaker_label(text, speaker);
        match speakers.iter_mut().find(|s| s.name == label) {
            Some(group) => {
                group.span =
                    Span::new(group.span.start.min(entry.span.start), group.span.end.max(entry.span.end));
                group.children.push(entry);
            }
            None => speakers.push(Symbol {
                name: label,
                detail: None,
                kind: SymbolKind::Person,
                span: Span::new(
                    speaker.span.start.min(entry.span.start),
                    speaker.span.end.max(entry.span.end),
                ),
                selection: speaker.span,
                children: vec![entry],
            }),
        }
    }
    if !orphans.is_empty() {
        let span = Span::new(orphans[0].span.start, orphans[orphans.len() - 1].span.end);
        speakers.push(Symbol {
            name: "No speaker".to_owned(),
            detail: Some("quotations nobody is named as saying".to_owned()),
            kind: SymbolKind::Group,
            span,
            selection: orphans[0].span,
            children: orphans,
        });
    }
    let start = speakers.iter().map(|s| s.span.start).min()?;
    let end = speakers.iter().map(|s| s.span.end).max()?;
    Some(Symbol {
        name: "Quotations".to_owned(),
        detail: None,
        kind: SymbolKind::Group,
        span: Span::new(start, end),
        selection: Span::new(start, start),
        children: speakers,
    })
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
