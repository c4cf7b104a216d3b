//! The article's structure: what is prose, paragraphs, sentences and words.
//!
//! Markdown-aware: front matter, code, HTML comments and link URLs are not
//! prose; headings and list items are. Plain text works as well.
//!
//! Layout:
//! - `blocks.rs` — the single line-by-line pass: front matter, the `date`
//!   header line, fenced and indented code, HTML comment blocks, headings,
//!   list items, block quotes, reference definitions, paragraphs.
//! - `inline.rs` — the pass over each paragraph's bytes: code spans, inline
//!   HTML comments and tags, link and image destinations, autolinks, bare
//!   URLs.
//! - `sentences.rs` — sentence splitting with per-language abbreviation
//!   tables.
//! - `words.rs` — a lazy word iterator (no per-word storage).
//! - `article_date.rs` — the article's own date.
//! - `language.rs` — the article's language when the settings leave it at
//!   the default (a function-word vote).

pub mod article_date;
mod blocks;
mod inline;
pub mod language;
mod sentences;
mod words;

pub use words::{words, Words};

use crate::analysis::memo::Memo;
use crate::analysis::settings::Settings;
use crate::analysis::span::Span;

/// What kind of block a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Body,
    Heading,
    ListItem,
    BlockQuote,
}

/// One paragraph of prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// From the first to the last prose byte of the paragraph (no trailing
    /// newline, no Markdown markers such as `# ` or `- `).
    pub span: Span,
    pub kind: BlockKind,
    /// Index range into [`Article::sentences`].
    pub sentences: std::ops::Range<usize>,
}

/// The structure of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Paragraphs in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in text order; each lies inside one paragraph.
    pub sentences: Vec<Span>,
    /// Regions that are not prose (front matter, code, HTML comments, link
    /// URLs, the `date` header line), sorted and non-overlapping. Checks
    /// ignore everything inside them.
    pub excluded: Vec<Span>,
    /// Front matter (`---` YAML or `+++` TOML), when present.
    pub front_matter: Option<Span>,
}

impl Article {
    /// Compute the structure of `text`. Never fails.
    ///
    /// One pass over the lines, then one pass over each paragraph's bytes for
    /// inline regions and sentences: linear in the length of the text.
    pub fn parse(text: &str, settings: &Settings) -> Article {
        Article::parse_with(text, settings, &mut Memo::disabled())
    }

    /// [`Article::parse`], reusing each paragraph's inline regions and
    /// sentences from `memo` when an earlier version had the same paragraph
    /// (see [`crate::analysis::memo`]). Always equals `parse`.
    pub fn parse_with(text: &str, settings: &Settings, memo: &mut Memo) -> Article {
        blocks::parse(text, sentences::Language::from_code(settings.language()), memo)
    }

    /// Whether the byte at `offset` is prose (not inside an excluded region).
    pub fn is_prose(&self, offset: usize) -> bool {
        let index = self.excluded.partition_point(|span| span.end <= offset);
        self.excluded.get(index).is_none_or(|span| !span.contains(offset))
    }

    /// Whether any byte of `span` lies inside an excluded region.
    pub fn touches_excluded(&self, span: Span) -> bool {
        let index = self.excluded.partition_point(|excluded| excluded.end <= span.start);
        self.excluded.get(index).is_some_and(|excluded| excluded.start < span.end)
    }

    /// The index of the paragraph containing `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let index = self.paragraphs.partition_point(|p| p.span.end <= offset);
        self.paragraphs.get(index).filter(|p| p.span.start <= offset).map(|_| index)
    }

    /// Whether paragraph `index` is a headline: a Markdown heading, or the
    /// article's first paragraph when it is one short line with more text
    /// below and no full stop at its end (a plain-text headline). Headlines
    /// follow their own style (surnames alone, single quotation marks in
    /// AP).
    pub fn is_headline(&self, index: usize, text: &str) -> bool {
        /// Longer than this, a first line is a paragraph, not a headline.
        const HEADLINE_BYTES: usize = 200;
        let Some(paragraph) = self.paragraphs.get(index) else { return false };
        if paragraph.kind == BlockKind::Heading {
            return true;
        }
        index == 0
            && self.paragraphs.len() > 1
            && paragraph.span.len() <= HEADLINE_BYTES
            && !paragraph.span.slice(text).contains('\n')
            && !paragraph.span.slice(text).trim_end_matches(['”', '’', '"', '\'', '»', '“']).ends_with('.')
    }

    /// The index of the sentence containing `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let index = self.sentences.partition_point(|s| s.end <= offset);
        self.sentences.get(index).filter(|s| s.start <= offset).map(|_| index)
    }

    /// The sentences of paragraph `index` (empty when there is no such
    /// paragraph).
    pub fn sentences_of(&self, index: usize) -> &[Span] {
        self.paragraphs
            .get(index)
            .and_then(|paragraph| self.sentences.get(paragraph.sentences.clone()))
            .unwrap_or(&[])
    }

    /// The excluded regions that overlap `span`, in order.
    pub fn excluded_in(&self, span: Span) -> &[Span] {
        let first = self.excluded.partition_point(|excluded| excluded.end <= span.start);
        let last = self.excluded.partition_point(|excluded| excluded.start < span.end);
        self.excluded.get(first..last.max(first)).unwrap_or(&[])
    }

    /// The words of `span` that are prose: [`words()`] minus any word touching
    /// an excluded region (inline code, URLs).
    pub fn prose_words<'a>(&'a self, text: &'a str, span: Span) -> impl Iterator<Item = Span> + 'a {
        words(text, span).filter(move |word| !self.touches_excluded(*word))
    }
}
