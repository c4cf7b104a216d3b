//! Quotation marks: classify every mark, pair them with nesting, and record
//! what cannot be paired.

use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::Article;

/// What a quotation-mark character is doing where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkRole {
    Opening,
    Closing,
    Apostrophe,
    /// An inch or foot mark (5'10", 12").
    Measurement,
}

/// One quotation-mark character in the prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    pub glyph: char,
    pub role: MarkRole,
}

/// One direct quotation: from its opening mark to its closing mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the closing mark, both included. For a
    /// quotation running over several paragraphs, up to the final closing
    /// mark (or to the end of the last paragraph when it is never closed).
    pub span: Span,
    /// The text between the marks.
    pub inner: Span,
    /// 0 for an outer quotation, 1 for a quotation inside it, and so on.
    pub level: usize,
    /// Indices into [`Quotes::marks`] of the opening and closing marks
    /// (closing is `None` when the quotation is unclosed).
    pub open_mark: usize,
    pub close_mark: Option<usize>,
    /// Index range into `Article::paragraphs` this quotation spans.
    pub paragraphs: std::ops::Range<usize>,
}

/// A pairing problem, turned into findings by the quote rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteProblem {
    /// An opening mark never closed; `would_end` is where the quote would end.
    Unclosed { mark: usize, would_end: usize },
    /// A closing mark with no opening mark.
    Unopened { mark: usize },
    /// A pair whose marks do not belong together; `expected` is the glyph
    /// that should close it.
    Mismatched { open: usize, close: usize, expected: char },
}

/// Everything the core knows about quotation marks in a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quotes {
    pub marks: Vec<Mark>,
    pub quotations: Vec<Quotation>,
    pub problems: Vec<QuoteProblem>,
}

/// Classify and pair every mark in the prose of `text`. Never fails.
pub fn analyze(_text: &str, _article: &Article, _settings: &Settings) -> Quotes {
    Quotes::default()
}
