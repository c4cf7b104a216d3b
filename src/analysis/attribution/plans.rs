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
//! So a plan is kept under a key holding all of that (written as bytes by
//! [`KeyWriter`] into one reused buffer, so a plan found costs no
//! allocation), with every offset relative to the stretch's start, and reused when a later version has the
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

/// Writes everything a quotation's plan is made from (offsets relative to
/// the start of its stretch) as bytes, in this order: the text of the
/// stretch; the quotation's span and inner span; the paragraphs of the
/// stretch; the top-level quotations overlapping the stretch, with the last
/// character inside each; the plans of those before the quotation. Every
/// list and the text are preceded by their length and every field has a
/// fixed width, so two keys are equal bytes exactly when what they hold is
/// equal.
struct KeyWriter<'b>(&'b mut Vec<u8>);

impl KeyWriter<'_> {
    fn number(&mut self, n: isize) {
        self.0.extend_from_slice(&(n as i64).to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn rel(&mut self, (start, end): Rel) {
        self.number(start);
        self.number(end);
    }

    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn plan(&mut self, plan: &RelPlan) {
        let RelPlan { is_speech, cue, via, mention, orphan } = *plan;
        self.byte(u8::from(is_speech));
        match cue {
            Some(cue) => {
                self.byte(1);
                self.rel(cue);
            }
            None => self.byte(0),
        }
        self.byte(match via {
            super::Via::None => 0,
            super::Via::Cue => 1,
            super::Via::CarryOver => 2,
        });
        match mention {
            Some((span, kind)) => {
                self.byte(1);
                self.rel(span);
                self.byte(match kind {
                    super::MentionKind::Pronoun => 0,
                    super::MentionKind::Name => 1,
                    super::MentionKind::Description => 2,
                });
            }
            None => self.byte(0),
        }
        self.byte(u8::from(orphan));
    }
}

/// The plans of the previous versions of a document, kept in the memo
/// ([`crate::analysis::memo::Memo::state`]).
#[derive(Default)]
pub(super) struct Plans {
    entries: HashMap<Box<[u8]>, (RelPlan, u32), FixedState>,
    /// The key being written (reused from quotation to quotation).
    key: Vec<u8>,
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
        let mut key = std::mem::take(&mut kept.key);
        key.clear();
        let Some(origin) = self.plan_key(index, plans, &mut key) else {
            kept.key = key;
            return self.plan(index, done);
        };
        let round = kept.round;
        let plan = match kept.entries.get_mut(key.as_slice()) {
            Some((plan, used)) => {
                *used = round;
                plan.at(origin)
            }
            None => {
                let plan = self.plan(index, done);
                kept.entries.insert(key.as_slice().into(), (RelPlan::of(&plan, origin), round));
                plan
            }
        };
        kept.key = key;
        plan
    }

    /// The start of quotation `index`'s stretch, with its key written into
    /// `out` (`None` when the quotation overlaps no paragraph or its stretch
    /// does not lie on character boundaries).
    fn plan_key(&self, index: usize, plans: &[Option<Plan>], out: &mut Vec<u8>) -> Option<usize> {
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
        let mut key = KeyWriter(out);
        key.len(text.len());
        key.0.extend_from_slice(text.as_bytes());
        key.rel(rel(quotation.span, origin));
        key.rel(rel(quotation.inner, origin));
        key.len(pl + 1 - first);
        for p in first..=pl {
            key.rel(rel(document.clamped(p), origin));
        }
        let overlapping = {
            let from = document.top.partition_point(|(_, span)| span.end <= origin);
            document.top[from..].iter().take_while(|(_, span)| span.start < end)
        };
        let inner_end = |j: usize| -> Option<char> {
            let q = self.quotes.quotations.get(j)?;
            self.text.get(q.inner.start..q.inner.end)?.trim_end().chars().last()
        };
        key.len(overlapping.clone().count());
        for &(j, span) in overlapping.clone() {
            key.rel(rel(span, origin));
            // No character is u32::MAX.
            key.0.extend_from_slice(&inner_end(j).map_or(u32::MAX, u32::from).to_le_bytes());
        }
        let before = overlapping.filter(|(_, span)| span.start < quotation.span.start);
        key.len(before.clone().count());
        for &(j, _) in before {
            key.plan(&RelPlan::of(&plans.get(j).copied().flatten().unwrap_or_default(), origin));
        }
        Some(origin)
    }
}
