//! Incremental tokenization: a paragraph's tokens and sentences kept from
//! one version of a document to the next (see [`crate::analysis::memo`]).
//!
//! A paragraph's tokens depend on its text and on where the top-level
//! quotations lie in it (each is one opaque token), and its sentences also
//! on the last character inside each of those quotations (a quotation
//! ending in "?" ends its sentence). That *layout* — the quotations clipped
//! to the paragraph, relative to its start, with their last inner character
//! — is computed for every paragraph on every analysis (cheap: the
//! quotations are few) and is part of the memo entry: the entry is looked up
//! by the paragraph's text under a tag derived from the layout and used
//! only when its layout is exactly the same, so the result always equals a
//! fresh tokenization. The stored tokens are relative to the paragraph and
//! name quotations by their order in it; [`absolute`] shifts them back.

use std::ops::Range;

use super::scan::{self, Kind, Token};
use super::ParagraphTokens;
use crate::analysis::memo::Memo;
use crate::analysis::span::Span;

/// One quotation as a paragraph sees it: its clipped span relative to the
/// paragraph, and the last non-space character inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Placed {
    span: Span,
    inner_end: Option<char>,
}

/// What one paragraph's tokenization depends on besides its text.
pub(super) type Layout = Vec<Placed>;

/// Tokens and sentences of a paragraph, relative to its start; quotation
/// tokens hold their order in the layout, not their index in the document.
pub(super) struct Local {
    layout: Layout,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
}

/// The layout of the paragraph `range`: `quotes` are the top-level
/// quotations (index, span), sorted by start and disjoint. Returns the
/// layout and the document indices of its quotations.
pub(super) fn layout(
    range: Span,
    quotes: &[(usize, Span)],
    inner_end: impl Fn(usize) -> Option<char>,
) -> (Layout, Vec<usize>) {
    let first = quotes.partition_point(|(_, span)| span.end <= range.start);
    let mut placed = Vec::new();
    let mut indices = Vec::new();
    for &(index, span) in &quotes[first..] {
        if span.start >= range.end {
            break;
        }
        let start = span.start.max(range.start) - range.start;
        let end = span.end.min(range.end) - range.start;
        placed.push(Placed { span: Span::new(start, end), inner_end: inner_end(index) });
        indices.push(index);
    }
    (placed, indices)
}

/// The memoised tokens of `paragraph` (the paragraph's own text) with
/// `layout`.
pub(super) fn tokens(memo: &mut Memo, paragraph: &str, layout: Layout) -> std::sync::Arc<Local> {
    let tag = tag(&layout);
    let found = memo.get_or_compute(tag, paragraph, || compute(paragraph, layout.clone()));
    if found.layout == layout {
        return found;
    }
    // Same text and tag, another layout (the tag is a one-byte digest).
    std::sync::Arc::new(compute(paragraph, layout))
}

fn compute(paragraph: &str, layout: Layout) -> Local {
    let quotes: Vec<(usize, Span)> = layout.iter().enumerate().map(|(i, placed)| (i, placed.span)).collect();
    let scanned = scan::tokenize(paragraph, Span::new(0, paragraph.len()), &quotes);
    // Kept in the memo for as long as the paragraph lives: no spare room.
    // A copy, not `shrink_to_fit`: an allocator may keep a block that is
    // at most half empty in place (mimalloc does), and on a book that was
    // megabytes.
    let tokens = scanned.to_vec();
    drop(scanned);
    let sentences =
        scan::sentences(paragraph, &tokens, |i| layout.get(i).and_then(|placed| placed.inner_end));
    Local { layout, tokens, sentences }
}

/// A one-byte digest of the layout, so that one paragraph text seen with
/// two layouts (a pairing change elsewhere) keeps both entries apart.
fn tag(layout: &Layout) -> u8 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x6c61_796f_7574).hash_one(layout).to_le_bytes()[0]
}

/// `local` as tokens of the document: spans shifted by `start`, quotation
/// tokens naming the quotations' document `indices`.
pub(super) fn absolute(local: &Local, start: usize, indices: &[usize]) -> ParagraphTokens {
    let tokens = local
        .tokens
        .iter()
        .map(|token| Token {
            span: Span::new(token.span.start + start, token.span.end + start),
            kind: match token.kind {
                Kind::Quote(i) => Kind::Quote(indices.get(i).copied().unwrap_or(usize::MAX)),
                other => other,
            },
            glued: token.glued,
        })
        .collect();
    ParagraphTokens { tokens, sentences: local.sentences.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::settings::Settings;

    /// Document text, the paragraph's range in it, and the top-level
    /// quotations (index, span): the memoised tokens, shifted back, equal a
    /// direct tokenization — on a miss, on a hit, and when the same
    /// paragraph text comes back with its quotations elsewhere.
    #[test]
    fn memoised_tokens_equal_a_direct_tokenization() {
        let body = "Xi said “we will win.” Then he left. “Not yet,” said Li?";
        let inside = format!("“Before.\n\n{body}\n\nAfter,” he said.");
        let quote_of = |text: &str, needle: &str, len_from: &str| {
            let start = text.find(needle).unwrap();
            let end = text[start..].find(len_from).unwrap() + start + len_from.len();
            Span::new(start, end)
        };
        /// Document text, paragraph range, top-level quotations.
        type Case = (String, Span, Vec<(usize, Span)>);
        let cases: Vec<Case> = vec![
            (body.to_owned(), Span::new(0, body.len()), vec![]),
            (body.to_owned(), Span::new(0, body.len()), vec![(0, quote_of(body, "“we", "win.”"))]),
            (
                body.to_owned(),
                Span::new(0, body.len()),
                vec![(3, quote_of(body, "“we", "win.”")), (7, quote_of(body, "“Not", "yet,”"))],
            ),
            // The whole paragraph inside a quotation that runs over three.
            (inside.clone(), quote_of(&inside, "Xi", "Li?"), vec![(0, Span::new(0, inside.len() - 9))]),
            // The same paragraph text again with its first layout: a hit.
            (body.to_owned(), Span::new(0, body.len()), vec![(0, quote_of(body, "“we", "win.”"))]),
        ];
        let mut memo = Memo::new();
        for round in 0..2 {
            memo.begin(&Settings::default());
            for (text, range, quotes) in &cases {
                let inner_end = |index: usize| -> Option<char> {
                    let span = quotes.iter().find(|(i, _)| *i == index)?.1;
                    text.get(span.start..span.end)?.trim_end_matches(['”', '“']).chars().last()
                };
                let tokens = scan::tokenize(text, *range, quotes);
                let sentences = scan::sentences(text, &tokens, inner_end);
                let (layout, indices) = layout(*range, quotes, inner_end);
                let local = super::tokens(&mut memo, range.slice(text), layout);
                let got = absolute(&local, range.start, &indices);
                assert_eq!(
                    (got.tokens, got.sentences),
                    (tokens, sentences),
                    "round {round}: {text:?} {quotes:?}"
                );
            }
            memo.finish();
            if round == 1 {
                assert!(memo.stats().hits >= 3, "{:?}", memo.stats());
            }
        }
    }
}
