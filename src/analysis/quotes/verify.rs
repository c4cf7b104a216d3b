//! Quote fixes proved harmless before they are offered: the edits are
//! applied and the quotation marks paired again. A fix is offered only when
//! it makes its own quote problem disappear and adds no unclosed, unopened
//! or mismatched quote anywhere (a new mark can change the detected
//! convention, or how a neighbouring mark reads). A missed fix is better
//! than a harmful one.
//!
//! This runs when code actions are asked for (a few fixes under the
//! cursor, or fix-all once), never on the keystroke path.

use crate::analysis::finding::{apply_edits, Finding, TextEdit};
use crate::analysis::quotes::{self, is_quote_glyph, QuoteProblem, Quotes};
use crate::analysis::span::Span;
use crate::analysis::structure::Article;
use crate::analysis::Context;

/// The quote-pairing codes, in the order of [`kind`].
const CODES: [&str; 3] = ["unclosed-quote", "unopened-quote", "mismatched-quote"];

fn kind(problem: &QuoteProblem) -> usize {
    match problem {
        QuoteProblem::Unclosed { .. } => 0,
        QuoteProblem::Unopened { .. } => 1,
        QuoteProblem::Mismatched { .. } => 2,
    }
}

/// The mark a problem is reported on (as the quote rules do).
fn reported_mark(quotes: &Quotes, problem: &QuoteProblem) -> Option<Span> {
    let mark = match *problem {
        QuoteProblem::Unclosed { mark, .. } | QuoteProblem::Unopened { mark } => mark,
        QuoteProblem::Mismatched { open, close, .. } => {
            let straight_open = quotes.marks.get(open).is_some_and(|m| matches!(m.glyph, '"' | '\''));
            let same = quotes
                .marks
                .get(open)
                .zip(quotes.marks.get(close))
                .is_some_and(|(o, c)| o.glyph == c.glyph && matches!(o.glyph, '”' | '’'));
            if straight_open || same {
                open
            } else {
                close
            }
        }
    };
    quotes.marks.get(mark).map(|m| m.span)
}

/// Whether `edits` may change how a quotation mark reads: they replace or
/// insert one, or change the text within three characters of one (a mark
/// is classified from its neighbours: 17" is an inch mark, Monday" is not).
pub fn touches_quotes(text: &str, edits: &[TextEdit]) -> bool {
    edits.iter().any(|edit| {
        let near_before = text.get(..edit.span.start).unwrap_or("").chars().rev().take(3);
        let near_after = text.get(edit.span.end..).unwrap_or("").chars().take(3);
        edit.new_text.chars().any(is_quote_glyph)
            || text.get(edit.span.start..edit.span.end).is_some_and(|old| old.chars().any(is_quote_glyph))
            || near_before.chain(near_after).any(is_quote_glyph)
    })
}

/// Whether applying `edits` (sorted, not overlapping) adds no quote problem
/// and, when `fixed` is a quote finding, removes it.
pub fn edits_are_harmless(context: &Context<'_>, edits: &[TextEdit], fixed: Option<&Finding>) -> bool {
    if !touches_quotes(context.text, edits) {
        return true;
    }
    let before = &context.analysis.quotes;
    if before.limited {
        return false;
    }
    let text = apply_edits(context.text, edits);
    let article = Article::parse(&text, context.settings);
    let after = quotes::analyze(&text, &article, context.settings);
    if after.limited {
        return false;
    }
    let fixed_kind = fixed.and_then(|finding| CODES.iter().position(|code| *code == finding.code));
    let count = |quotes: &Quotes| {
        let mut counts = [0usize; 3];
        for problem in &quotes.problems {
            counts[kind(problem)] += 1;
        }
        counts
    };
    let (was, now) = (count(before), count(&after));
    for (k, (was, now)) in was.iter().zip(now).enumerate() {
        if now > was.saturating_sub(usize::from(fixed_kind == Some(k))) {
            return false;
        }
    }
    let (Some(k), Some(finding)) = (fixed_kind, fixed) else { return true };
    let place = map_span(finding.span, edits);
    !after.problems.iter().filter(|problem| kind(problem) == k).any(|problem| {
        reported_mark(&after, problem)
            .is_some_and(|span| span.overlaps(place) || place.contains(span.start) || span == place)
    })
}

/// Where `span` lies after `edits` (sorted): shifted, or widened to the
/// edits it touches.
fn map_span(span: Span, edits: &[TextEdit]) -> Span {
    let mut delta: isize = 0;
    let mut region: Option<Span> = None;
    for edit in edits {
        let grows = edit.new_text.len() as isize - edit.span.len() as isize;
        if edit.span.end < span.start {
            delta += grows;
            continue;
        }
        if edit.span.start > span.end {
            break;
        }
        let start = (edit.span.start as isize + delta).max(0) as usize;
        let new = Span::new(start, start + edit.new_text.len());
        region = Some(region.map_or(new, |r| Span::new(r.start.min(new.start), r.end.max(new.end))));
        delta += grows;
    }
    let start = (span.start as isize + if region.is_some() { 0 } else { delta }).max(0) as usize;
    let shifted_end = (span.end as isize + delta).max(0) as usize;
    match region {
        None => Span::new(start, shifted_end.max(start)),
        Some(r) => Span::new(r.start.min(start), r.end.max(shifted_end)),
    }
}
