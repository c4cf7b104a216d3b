//! Code actions for a byte range: the fixes of findings there, plus
//! document-wide source actions (fix all).

use crate::analysis::finding::{Finding, TextEdit};
use crate::analysis::quotes::verify::{edits_are_harmless, touches_quotes};
use crate::analysis::span::Span;
use crate::analysis::Context;

/// What kind of action, mapped to LSP `CodeActionKind` by the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    /// A fix for one finding (`quickfix`).
    QuickFix,
    /// Another way to write the text under the cursor (`refactor.rewrite`).
    Rewrite,
    /// Apply every safe fix in the document (`source.fixAll.copydesk`).
    FixAll,
    /// A document-wide source action with its own kind suffix
    /// (`source.copydesk.<suffix>`).
    Source(&'static str),
}

/// One code action: a title and the edits it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<TextEdit>,
    /// The finding this action fixes, for quick fixes.
    pub fixes: Option<Finding>,
    pub preferred: bool,
}

/// Every action available for `range`.
pub fn actions(context: &Context<'_>, range: Span) -> Vec<Action> {
    let mut actions = Vec::new();
    for finding in &context.analysis.findings {
        let touches = finding.span.overlaps(range)
            || finding.span.contains(range.start)
            || (range.is_empty() && finding.span.end == range.start);
        if !touches {
            continue;
        }
        for (index, fix) in finding.fixes.iter().enumerate() {
            actions.push(Action {
                title: fix.title.clone(),
                kind: ActionKind::QuickFix,
                edits: fix.edits.clone(),
                fixes: Some(finding.clone()),
                preferred: index == 0,
            });
        }
    }
    actions.extend(crate::analysis::quotes::curly_quotes_action(context));
    date_actions(context, range, &mut actions);
    // No action may leave the quotation marks worse: one that would is not
    // offered (a missed fix is better than a harmful one).
    actions.retain(|action| harmless(context, &action.edits, action.fixes.as_ref()));
    let mut fix_all = fix_all_edits(context);
    if !harmless(context, &fix_all, None) {
        // Some quote fixes together change the pairing: leave them all out.
        fix_all.retain(|edit| !touches_quotes(context.text, std::slice::from_ref(edit)));
    }
    if !fix_all.is_empty() {
        actions.push(Action {
            title: "Fix all safe copydesk problems".to_owned(),
            kind: ActionKind::FixAll,
            edits: fix_all,
            fixes: None,
            preferred: false,
        });
    }
    actions
}

/// Whether `edits` leave the quotation marks no worse (see
/// `quotes::verify`); edits that touch no quotation mark always do.
fn harmless(context: &Context<'_>, edits: &[TextEdit], fixes: Option<&Finding>) -> bool {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    edits_are_harmless(context, &sorted, fixes)
}

/// The edits of every safe fix in the document, first fix per finding,
/// skipping any that would overlap an edit already taken.
pub fn fix_all_edits(context: &Context<'_>) -> Vec<TextEdit> {
    let mut edits: Vec<TextEdit> = Vec::new();
    for finding in &context.analysis.findings {
        let Some(fix) = finding.fixes.iter().find(|fix| fix.safe) else {
            continue;
        };
        let clashes = fix.edits.iter().any(|new| {
            edits.iter().any(|taken| {
                taken.span.overlaps(new.span)
                    || (taken.span.start == new.span.start && (taken.span.is_empty() || new.span.is_empty()))
            })
        });
        if !clashes {
            edits.extend(fix.edits.iter().cloned());
        }
    }
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    edits
}

/// Date rewrites: for each date under the cursor, "Rewrite as 'Feb. 24, 2022'
/// (AP)" in the house style (unless the `date-style` finding already offers
/// it) and one action per other style; and the source action "Normalize all
/// dates (AP)". The date-style fixes are safe, so fix-all normalises dates too.
fn date_actions(context: &Context<'_>, range: Span, actions: &mut Vec<Action>) {
    use crate::analysis::dates::render::{self, DateStyle};
    let house = DateStyle::from_setting(&context.settings.dates.style);
    let today = context.analysis.article_date.as_ref().map(|d| d.date);
    for mention in &context.analysis.dates {
        let touches = mention.span.overlaps(range)
            || mention.span.contains(range.start)
            || mention.span.end == range.start;
        if !touches {
            continue;
        }
        let mut styles = vec![house];
        styles.extend(DateStyle::ALL.into_iter().filter(|style| *style != house));
        let mut offered: Vec<String> = Vec::new();
        for style in styles {
            let Some(edit) = render::rewrite(context, mention, style) else { continue };
            let rendered = render::render(mention, style, today, context.text).unwrap_or_default();
            if offered.contains(&rendered) {
                continue;
            }
            offered.push(rendered.clone());
            let already_a_fix = style == house
                && actions.iter().any(|a| a.kind == ActionKind::QuickFix && a.edits.first() == Some(&edit));
            if already_a_fix {
                continue;
            }
            actions.push(Action {
                title: format!("Rewrite as '{rendered}' ({})", style.label()),
                kind: ActionKind::Rewrite,
                edits: vec![edit],
                fixes: None,
                preferred: false,
            });
        }
    }
    let edits = render::normalize_edits(context, house);
    if !edits.is_empty() {
        actions.push(Action {
            title: format!("Normalize all dates ({})", house.label()),
            kind: ActionKind::Source("normalizeDates"),
            edits,
            fixes: None,
            preferred: false,
        });
    }
}
