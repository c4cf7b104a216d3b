//! Plans kept from one version of a document to the next.
//!
//! An English quotation's [`Plan`] — its cue, its speaker mention, whether
//! it is speech and whether it is a confident orphan — is found by reading
//! a small stretch of the document: the quotation's paragraphs, the
//! paragraph before them that has a sentence, a few words before the
//! quotation, the top-level quotations there (their places and last
//! characters, which make the tokens and sentences) and the plans of the
//! quotations before it in that stretch (carry-over). Besides that stretch
//! it reads only the words of the article's person names and the settings.
//!
//! So a plan is kept under a [`Key`] holding all of that, with every offset
//! relative to the stretch's start, and reused when a later version has the
//! same key: the same text read the same way gives the same plan, shifted to
//! where the stretch now lies. A keystroke re-plans only the quotations
//! whose stretch it touched. Resolving the mention to a person (which reads
//! every person mention of the article) is never kept: it runs on every
//! version, in text order, as it always did.
//!
//! The person-name words are compared once per version; when they changed
//! every plan is dropped. A new settings value clears the whole memo.

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use super::{Attribution, Attributor, Mention, Plan};
use crate::analysis::settings::floor_char_boundary;
use crate::analysis::span::Span;

/// A span relative to the start of a stretch (it may lie before it).
type Rel = (isize, isize);

/// A [`Plan`] with its spans relative to the start of a stretch.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct RelPlan {
    is_speech: bool,
    cue: Option<Rel>,
    via: super::Via,
    mention: Option<(Rel, super::MentionKind)>,
    orphan: bool,
}

/// Everything a quotation's plan is made from (offsets relative to the
/// start of its stretch).
#[derive(PartialEq, Eq, Hash)]
struct Key {
    /// The text of the stretch.
    text: Box<str>,
    /// The quotation's span and inner span.
    quotation: (Rel, Rel),
    /// The paragraphs of the stretch.
    paragraphs: Box<[Rel]>,
    /// The top-level quotations overlapping the stretch, with the last
    /// character inside each.
    layout: Box<[(Rel, Option<char>)]>,
    /// The plans of those before the quotation.
    before: Box<[RelPlan]>,
}

/// The plans of the previous versions of a document, kept in the memo
/// ([`crate::analysis::memo::Memo::state`]).
#[derive(Default)]
pub(super) struct Plans {
    entries: HashMap<Key, (RelPlan, u32), FixedState>,
    /// The person-name words the plans were made with.
    words: HashSet<String, FixedState>,
    round: u32,
}

impl Plans {
    /// Start a version whose person-name words are `words`.
    pub(super) fn begin(&mut self, words: &HashSet<String, FixedState>) {
        self.round = self.round.wrapping_add(1);
        if self.words != *words {
            self.entries.clear();
            self.words = words.clone();
        }
    }

    /// End a version: drop the plans it did not use.
    pub(super) fn finish(&mut self) {
        let round = self.round;
        self.entries.retain(|_, (_, used)| *used == round);
    }
}

fn rel(span: Span, origin: usize) -> Rel {
    (span.start as isize - origin as isize, span.end as isize - origin as isize)
}

fn abs((start, end): Rel, origin: usize) -> Span {
    let at = |offset: isize| (origin as isize + offset).max(0) as usize;
    Span::new(at(start), at(end))
}

impl RelPlan {
    fn of(plan: &Plan, origin: usize) -> RelPlan {
        RelPlan {
            is_speech: plan.is_speech,
            cue: plan.cue.map(|cue| rel(cue, origin)),
            via: plan.via,
            mention: plan.mention.map(|m| (rel(m.span, origin), m.kind)),
            orphan: plan.orphan,
        }
    }

    fn at(&self, origin: usize) -> Plan {
        Plan {
            is_speech: self.is_speech,
            cue: self.cue.map(|cue| abs(cue, origin)),
            via: self.via,
            mention: self.mention.map(|(span, kind)| Mention { span: abs(span, origin), kind }),
            orphan: self.orphan,
        }
    }
}

/// The earliest offset the plan of a quotation at `start` reads before
/// it: 40 characters (a term marker, `is_term`), and the word before it
/// with the character before that word (`name_like`, `reads_as_speech`),
/// over any white space between.
fn reach_back(text: &str, start: usize) -> usize {
    let before = &text[..floor_char_boundary(text, start)];
    let forty = before.char_indices().rev().take(40).last().map_or(before.len(), |(i, _)| i);
    let word = before.trim_end().trim_end_matches(|c: char| c.is_alphanumeric() || c == '-');
    let previous = word.trim_end().char_indices().next_back().map_or(0, |(i, _)| i);
    forty.min(previous)
}

impl Attributor<'_> {
    /// The plan of quotation `index`, kept from an earlier version when its
    /// key is unchanged. `plans` holds the plans of the quotations before
    /// it, by index.
    pub(super) fn kept_plan(
        &self,
        index: usize,
        done: &[Attribution],
        plans: &[Option<Plan>],
        kept: &mut Plans,
    ) -> Plan {
        let Some((origin, key)) = self.plan_key(index, plans) else { return self.plan(index, done) };
        let round = kept.round;
        if let Some((plan, used)) = kept.entries.get_mut(&key) {
            *used = round;
            return plan.at(origin);
        }
        let plan = self.plan(index, done);
        kept.entries.insert(key, (RelPlan::of(&plan, origin), round));
        plan
    }

    /// The start of quotation `index`'s stretch and its key (`None` when the
    /// quotation overlaps no paragraph or its stretch does not lie on
    /// character boundaries).
    fn plan_key(&self, index: usize, plans: &[Option<Plan>]) -> Option<(usize, Key)> {
        let quotation = self.quotes.quotations.get(index)?;
        let document = self.document;
        // The paragraphs the quotation overlaps hold every token of it (its
        // first and last paragraph lie among them)…
        let overlapped = document.overlapped(index).filter(|range| !range.is_empty())?;
        let (pf, pl) = (overlapped.start, overlapped.end - 1);
        // …and `Document::previous_with_sentences` reads back to the
        // paragraph before them with a sentence.
        let p0 = (0..pf).rev().find(|&p| document.has_sentences(p));
        let first = p0.unwrap_or(0);
        let origin = document.clamped(first).start.min(reach_back(self.text, quotation.span.start));
        let end = document.clamped(pl).end.max(quotation.span.end);
        let text = self.text.get(origin..end)?;
        let paragraphs = (first..=pl).map(|p| rel(document.clamped(p), origin)).collect();
        let overlapping = {
            let from = document.top.partition_point(|(_, span)| span.end <= origin);
            document.top[from..].iter().take_while(|(_, span)| span.start < end)
        };
        let inner_end = |j: usize| -> Option<char> {
            let q = self.quotes.quotations.get(j)?;
            self.text.get(q.inner.start..q.inner.end)?.trim_end().chars().last()
        };
        let layout = overlapping.clone().map(|&(j, span)| (rel(span, origin), inner_end(j))).collect();
        let before = overlapping
            .filter(|(_, span)| span.start < quotation.span.start)
            .map(|&(j, _)| RelPlan::of(&plans.get(j).copied().flatten().unwrap_or_default(), origin))
            .collect();
        let key = Key {
            text: text.into(),
            quotation: (rel(quotation.span, origin), rel(quotation.inner, origin)),
            paragraphs,
            layout,
            before,
        };
        Some((origin, key))
    }
}
