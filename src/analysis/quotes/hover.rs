//! Hover on a quotation mark: what the mark is doing and where its partner
//! stands (line number and the text around it).

use crate::analysis::hover::{escape_markdown, Hover};
use crate::analysis::quotes::MarkRole;
use crate::analysis::Context;

/// How many characters of the partner's line to show on each side of it.
const EXCERPT_CHARS: usize = 40;

/// Hover content when `offset` rests on a quotation mark or apostrophe.
pub fn hover(context: &Context<'_>, offset: usize) -> Option<Hover> {
    let quotes = &context.analysis.quotes;
    let index = quotes.mark_at(offset)?;
    let mark = &quotes.marks[index];
    let glyph = escape_markdown(&mark.glyph.to_string());
    let markdown = match mark.role {
        MarkRole::Apostrophe => format!("{glyph} is an apostrophe here, not a quotation mark."),
        MarkRole::Measurement => format!("{glyph} is a foot or inch mark here, not a quotation mark."),
        MarkRole::Opening | MarkRole::Closing => {
            let level = mark.quotation.and_then(|q| quotes.quotations.get(q)).map_or(String::new(), |q| {
                match q.level {
                    0 => String::new(),
                    1 => " (a quotation inside a quotation)".to_owned(),
                    n => format!(" (nested {n} deep)"),
                }
            });
            let verb = if mark.role == MarkRole::Opening { "Opens" } else { "Closes" };
            match mark.partner.and_then(|p| quotes.marks.get(p)) {
                Some(partner) => {
                    let (line, excerpt) = line_excerpt(context.text, partner.span.start, partner.span.end);
                    let partner_verb = if mark.role == MarkRole::Opening { "closed" } else { "opened" };
                    format!(
                        "{verb} a quotation{level}, {partner_verb} by {} on line {line}:\n\n> {}",
                        escape_markdown(&partner.glyph.to_string()),
                        excerpt
                    )
                }
                None if mark.role == MarkRole::Opening => {
                    format!("{verb} a quotation{level} that is never closed.")
                }
                None => format!("{verb} a quotation that was never opened."),
            }
        }
    };
    Some(Hover { span: mark.span, markdown })
}

/// The 1-based line number of `start` and an escaped excerpt of its line
/// with the mark at `start..end` set off as code. (Bold would not render:
/// CommonMark cannot close `**` between a quotation mark and a letter, as in
/// `**“**Relationships`.)
fn line_excerpt(text: &str, start: usize, end: usize) -> (usize, String) {
    let (Some(before), Some(marked), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return (1, String::new());
    };
    let line = before.matches('\n').count() + 1;
    let line_before = before.rsplit('\n').next().unwrap_or("");
    let line_after = after.split('\n').next().unwrap_or("");
    let mut left: Vec<char> = line_before.chars().rev().take(EXCERPT_CHARS + 1).collect();
    let left_cut = left.len() > EXCERPT_CHARS;
    left.truncate(EXCERPT_CHARS);
    left.reverse();
    let mut right: Vec<char> = line_after.chars().take(EXCERPT_CHARS + 1).collect();
    let right_cut = right.len() > EXCERPT_CHARS;
    right.truncate(EXCERPT_CHARS);
    let left: String = left.into_iter().collect();
    let right: String = right.into_iter().collect();
    let excerpt = format!(
        "{}{}`{}`{}{}",
        if left_cut { "…" } else { "" },
        escape_markdown(left.trim_start()),
        // A quotation mark, never a backtick, so the code span is literal.
        marked.replace('`', "'"),
        escape_markdown(right.trim_end()),
        if right_cut { "…" } else { "" },
    );
    (line, excerpt)
}
