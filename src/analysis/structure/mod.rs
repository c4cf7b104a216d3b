//! The article's structure: what is prose, paragraphs, sentences and words.
//!
//! Markdown-aware: front matter, code, HTML comments and link URLs are not
//! prose; headings and list items are. Plain text works as well.

pub mod article_date;

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
    pub fn parse(text: &str, _settings: &Settings) -> Article {
        // Placeholder until the structure work lands: blank-line paragraphs,
        // one sentence per paragraph.
        let mut article = Article::default();
        let mut offset = 0;
        for block in text.split("\n\n") {
            let trimmed_start = offset + (block.len() - block.trim_start().len());
            let trimmed_end = offset + block.trim_end().len();
            if trimmed_end > trimmed_start {
                let index = article.sentences.len();
                article.sentences.push(Span::new(trimmed_start, trimmed_end));
                article.paragraphs.push(Paragraph {
                    span: Span::new(trimmed_start, trimmed_end),
                    kind: BlockKind::Body,
                    sentences: index..index + 1,
                });
            }
            offset += block.len() + 2;
        }
        article
    }

    /// Whether the byte at `offset` is prose (not inside an excluded region).
    pub fn is_prose(&self, offset: usize) -> bool {
        let index = self.excluded.partition_point(|span| span.end <= offset);
        self.excluded.get(index).is_none_or(|span| !span.contains(offset))
    }

    /// The index of the paragraph containing `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let index = self.paragraphs.partition_point(|p| p.span.end <= offset);
        self.paragraphs.get(index).filter(|p| p.span.start <= offset).map(|_| index)
    }

    /// The index of the sentence containing `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let index = self.sentences.partition_point(|s| s.end <= offset);
        self.sentences.get(index).filter(|s| s.start <= offset).map(|_| index)
    }
}
