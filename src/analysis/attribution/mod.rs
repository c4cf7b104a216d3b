//! Attribution: who said each quotation, and through which cue.

use crate::analysis::actors::Actors;
use crate::analysis::quotes::Quotes;
use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::Article;

/// The speaker of a quotation, as written and as resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The mention as written ("he", "Putin", "the minister").
    pub span: Span,
    /// The resolved name ("Vladimir Putin"), when known.
    pub name: Option<String>,
    /// Index into `Actors::actors`, when resolved to an actor.
    pub actor: Option<usize>,
}

/// The attribution of one quotation (same index as `Quotes::quotations`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Option<Speaker>,
    /// The speech cue ("said", "according to").
    pub cue: Option<Span>,
    /// Whether the quotation is speech at all (scare quotes and titles are not).
    pub is_speech: bool,
}

/// Attribute every quotation. The result has one entry per quotation.
pub fn attribute(
    _text: &str,
    _article: &Article,
    quotes: &Quotes,
    _actors: &Actors,
    _settings: &Settings,
) -> Vec<Attribution> {
    vec![Attribution::default(); quotes.quotations.len()]
}
