//! Code actions for a byte range: the fixes of findings there, plus
//! document-wide source actions (fix all).

use std::sync::Arc;

use crate::analysis::finding::{Finding, Fix, TextEdit};
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
    /// Shared, as a document-wide action (thousands of edits on a long
    /// text) is offered again on every request for the same version.
    pub edits: Arc<[TextEdit]>,
    /// The finding this action fixes, for quick fixes.
    pub fixes: Option<Finding>,
    pub preferred: bool,
}

/// Every action available for `range`.
pub fn actions(context: &Context<'_>, range: Span) -> Vec<Action> {
    actions_with(context, range, &document_actions(context))
}

/// The actions that do not depend on the range (curly quotes, normalise
/// all dates, fix all), each already checked harmless: computed once per
/// analysed version and passed to [`actions_with`], since each reads or
/// re-checks the whole document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentActions {
    curly_quotes: Vec<Action>,
    normalize_dates: Vec<Action>,
    fix_all: Vec<Action>,
}

impl DocumentActions {
    /// Every document-wide action, in the order they are offered.
    pub fn all(&self) -> impl Iterator<Item = &Action> {
        self.curly_quotes.iter().chain(&self.normalize_dates).chain(&self.fix_all)
    }
}

impl Action {
    /// Whether the action edits the whole document rather than the text
    /// under the cursor (curly quotes, normalise all dates, fix all).
    pub fn is_document_wide(&self) -> bool {
        matches!(self.kind, ActionKind::FixAll | ActionKind::Source(_))
    }
}

/// The title of the "fix all" action.
const FIX_ALL_TITLE: &str = "Fix all safe copydesk problems";

/// See [`DocumentActions`].
pub fn document_actions(context: &Context<'_>) -> DocumentActions {
    let keep = |mut found: Vec<Action>| {
        found.retain(|action| harmless(context, &action.edits, action.fixes.as_ref()));
        found
    };
    let curly_quotes = keep(crate::analysis::quotes::curly_quotes_action(context).into_iter().collect());
    let normalize_dates = keep(normalize_dates_action(context).into_iter().collect());
    let (edits, _) = verified_fix_all(context);
    let fix_all = (!edits.is_empty()).then(|| fix_all_action(edits.into())).into_iter().collect();
    DocumentActions { curly_quotes, normalize_dates, fix_all }
}

/// The document-wide actions as they are offered to a client that fills in
/// an action's edits when one is picked (`codeAction/resolve`): the same
/// actions with their edits, but not yet checked against the quotation
/// marks as a whole, the costly part of [`document_actions`], which the
/// resolve step runs. The fix-all offer carries no edits.
pub fn document_action_offers(context: &Context<'_>) -> DocumentActions {
    let curly_quotes = crate::analysis::quotes::curly_quotes_action(context).into_iter().collect();
    let normalize_dates = normalize_dates_action(context).into_iter().collect();
    let any_fix = !choose_safe_fixes(&context.analysis.findings).is_empty();
    let fix_all = any_fix.then(|| fix_all_action(Arc::new([]))).into_iter().collect();
    DocumentActions { curly_quotes, normalize_dates, fix_all }
}

/// "Fix all" with `edits`.
fn fix_all_action(edits: Arc<[TextEdit]>) -> Action {
    Action { title: FIX_ALL_TITLE.to_owned(), kind: ActionKind::FixAll, edits, fixes: None, preferred: false }
}

/// [`actions`] with the range-independent ones given.
pub fn actions_with(context: &Context<'_>, range: Span, document: &DocumentActions) -> Vec<Action> {
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
                edits: fix.edits.as_slice().into(),
                fixes: Some(finding.clone()),
                preferred: index == 0,
            });
        }
    }
    date_actions(context, range, &mut actions);
    // No action may leave the quotation marks worse: one that would is not
    // offered (a missed fix is better than a harmful one).
    actions.retain(|action| harmless(context, &action.edits, action.fixes.as_ref()));
    // In the order they always came: quick fixes, curly quotes, rewrites,
    // normalise all dates, fix all.
    let quick_fixes = actions.iter().take_while(|action| action.kind == ActionKind::QuickFix).count();
    actions.splice(quick_fixes..quick_fixes, document.curly_quotes.iter().cloned());
    actions.extend(document.normalize_dates.iter().cloned());
    actions.extend(document.fix_all.iter().cloned());
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
/// skipping any that would overlap an edit already taken (see
/// [`choose_safe_fixes`]), sorted by position. Not verified: see
/// [`verified_fix_all`].
pub fn fix_all_edits(context: &Context<'_>) -> Vec<TextEdit> {
    sorted_edits(&choose_safe_fixes(&context.analysis.findings))
}

/// What "fix all" (the code action and `copydesk check --fix`) applies: the
/// fixes of [`choose_safe_fixes`], checked by `quotes::verify` as a whole;
/// when together they would leave a quote problem or add one, every fix
/// touching a quotation mark is left out (a missed fix is better than a
/// harmful one). Returns the sorted edits and how many fixes they make.
pub fn verified_fix_all(context: &Context<'_>) -> (Vec<TextEdit>, usize) {
    let mut fixes = choose_safe_fixes(&context.analysis.findings);
    let edits = sorted_edits(&fixes);
    if harmless(context, &edits, None) {
        return (edits, fixes.len());
    }
    // Some quote fixes together change the pairing: leave them all out,
    // each fix whole.
    fixes
        .retain(|fix| !fix.edits.iter().any(|edit| touches_quotes(context.text, std::slice::from_ref(edit))));
    (sorted_edits(&fixes), fixes.len())
}

/// The first safe fix (with edits) of each finding, in the findings' order,
/// skipping a fix whose edits clash with each other or with an edit already
/// chosen (overlapping, or starting at the same offset). Each fix is taken
/// whole or not at all. O(n log n) in the edits.
pub fn choose_safe_fixes(findings: &[Finding]) -> Vec<&Fix> {
    use std::collections::BTreeMap;
    use std::ops::Bound::{Excluded, Unbounded};
    // Chosen edit spans by start: pairwise non-clashing, so starts are
    // unique and only the neighbours of a new span can clash with it.
    let mut taken: BTreeMap<usize, Span> = BTreeMap::new();
    let clash = |a: Span, b: Span| a.start == b.start || a.overlaps(b);
    let mut chosen = Vec::new();
    for finding in findings {
        let Some(fix) = finding.fixes.iter().find(|fix| fix.safe && !fix.edits.is_empty()) else {
            continue;
        };
        let clashes = fix.edits.iter().enumerate().any(|(i, edit)| {
            let span = edit.span;
            taken.range(..=span.start).next_back().is_some_and(|(_, &t)| clash(t, span))
                || taken.range((Excluded(span.start), Unbounded)).next().is_some_and(|(_, &t)| clash(t, span))
                || fix.edits.iter().enumerate().any(|(j, sibling)| i != j && clash(span, sibling.span))
        });
        if !clashes {
            taken.extend(fix.edits.iter().map(|edit| (edit.span.start, edit.span)));
            chosen.push(fix);
        }
    }
    chosen
}

fn sorted_edits(fixes: &[&Fix]) -> Vec<TextEdit> {
    let mut edits: Vec<TextEdit> = fixes.iter().flat_map(|fix| fix.edits.iter().cloned()).collect();
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
                edits: Arc::new([edit]),
                fixes: None,
                preferred: false,
            });
        }
    }
}

/// "Normalize all dates" in the house style, when any date needs it.
fn normalize_dates_action(context: &Context<'_>) -> Option<Action> {
    use crate::analysis::dates::render::{self, DateStyle};
    let house = DateStyle::from_setting(&context.settings.dates.style);
    let edits = render::normalize_edits(context, house);
    (!edits.is_empty()).then(|| Action {
        title: format!("Normalize all dates ({})", house.label()),
        kind: ActionKind::Source("normalizeDates"),
        edits: edits.into(),
        fixes: None,
        preferred: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, settings::Settings};

    /// Text, and the document-wide actions offered for it (kind, title):
    /// the unchecked offers name exactly the actions the checked list holds
    /// when their edits are harmless.
    #[test]
    fn offers_name_the_document_actions() {
        let cases: &[(&str, &[&str])] = &[
            (
                "He said \"we will win\" on April 16, 2023, in Kiev.\n",
                &["Convert straight quotes to curly (US style)", "Fix all safe copydesk problems"],
            ),
            ("“We will win,” she said on Sunday.\n", &[]),
            (
                "The talks began 03/20/2022, she said.\n",
                &["Normalize all dates (AP)", "Fix all safe copydesk problems"],
            ),
        ];
        let settings = Settings { article_date: Some("2023-04-17".to_owned()), ..Settings::default() };
        for (text, expected) in cases {
            let analysis = analyze(text, &settings);
            let context = Context { text, settings: &settings, analysis: &analysis };
            let titles = |document: &DocumentActions| -> Vec<String> {
                document.all().map(|action| action.title.clone()).collect()
            };
            let offers = titles(&document_action_offers(&context));
            assert_eq!(offers, *expected, "{text}");
            assert_eq!(offers, titles(&document_actions(&context)), "{text}");
        }
    }

    /// Text, and the byte range a code action is asked for: the actions
    /// come in the order they always did — quick fixes, curly quotes,
    /// rewrites, normalise all dates, fix all — and the range-independent
    /// ones computed once serve every range.
    #[test]
    fn actions_keep_their_order_with_document_actions_computed_once() {
        let cases: &[(&str, &str)] = &[
            ("He said \"we will win\" on April 16, 2023. “Unclosed.\n", "April"),
            ("“We will win,” Putin said on Sunday, 16 April 2023.\n", "Sunday"),
            ("Plain text with nothing to fix.\n", "nothing"),
        ];
        let rank = |kind: ActionKind| match kind {
            ActionKind::QuickFix => 0,
            ActionKind::Source("normalizeDates") => 3,
            ActionKind::Source(_) => 1,
            ActionKind::Rewrite => 2,
            ActionKind::FixAll => 4,
        };
        let settings = Settings::default();
        for &(text, word) in cases {
            let analysis = analyze(text, &settings);
            let context = Context { text, settings: &settings, analysis: &analysis };
            let document = document_actions(&context);
            let start = text.find(word).unwrap();
            for range in
                [Span::new(start, start), Span::new(start, start + word.len()), Span::new(0, text.len())]
            {
                let found = actions_with(&context, range, &document);
                assert_eq!(found, actions(&context, range), "{text:?} {range:?}");
                let ranks: Vec<_> = found.iter().map(|action| rank(action.kind)).collect();
                assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{text:?} {range:?}: {ranks:?}");
            }
        }
    }
}
