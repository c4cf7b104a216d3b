//! Attribution: who said each quotation, and through which cue.
//!
//! For each top-level quotation the attributor looks only at its own
//! sentence (and, for carry-over, the sentence before it):
//!
//! 1. a cue right after the quotation (“…,” said Putin / “…,” Putin said /
//!    „…“, so Murtha);
//! 2. the nearest cue before it in the sentence (Biden said: “…” / Putin said
//!    that relations “are developing” / according to X / he warned that …);
//!    a participle ("adding that") takes the speaker of the clause it hangs on;
//! 3. a cue later in the sentence;
//! 4. carry-over: a stand-alone quotation takes the speaker of the sentence
//!    before it (same paragraph, or the previous paragraph's last sentence:
//!    an attributed quote, or an introduction ending in a colon).
//!
//! The speaker mention is found by word patterns (names, pronouns,
//! descriptions); the resolved name comes from the actor overlapping it, or
//! for pronouns the most recent fitting person, falling back to the article's
//! own full names when no actor is known. Quotations with no cue that are
//! short, title-like or introduced as a term ("so-called", "the word") are
//! not speech.

pub mod cues;
mod german;
mod local;
mod people;
pub(crate) use people::sort_by_start;
mod plans;
mod scan;

use crate::analysis::actors::Actors;
use crate::analysis::hover::{escape_markdown, Hover};
use crate::analysis::lower::Lower;
use crate::analysis::memo::Memo;
use crate::analysis::quotes::{Quotation, Quotes};
use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::Article;
use crate::analysis::Context;

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use cues::{Cue, CueKind};
use people::People;
use scan::{Kind, Token};

/// The speaker of a quotation, as written and as resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The mention as written ("he", "Putin", "the minister").
    pub span: Span,
    /// The resolved name ("Vladimir Putin"), when known.
    pub name: Option<String>,
    /// Index into `Actors::actors`, when resolved to an actor.
    pub actor: Option<usize>,
    /// Where the resolved person is first named in the article, when known.
    pub introduced: Option<Span>,
}

/// How an attribution was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Via {
    /// No attribution.
    #[default]
    None,
    /// A cue in the quotation's own sentence.
    Cue,
    /// Carried over from the sentence or paragraph before.
    CarryOver,
}

/// The attribution of one quotation (same index as `Quotes::quotations`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Option<Speaker>,
    /// The speech cue ("said", "according to").
    pub cue: Option<Span>,
    /// Whether the quotation is speech at all (scare quotes and titles are not).
    pub is_speech: bool,
    /// How the speaker was found.
    pub via: Via,
    /// For a quotation with no speaker: the nearest person named before it,
    /// a weak candidate the journalist may have meant.
    pub candidate: Option<Span>,
    /// A confident orphan: speech with no speaker, and nothing nearby that
    /// could be attributing it (no cue or reported-speech context, no
    /// plausible speaker in its sentence, no attribution carried over from
    /// the sentence or paragraph before). `unattributed-quote` flags only
    /// these; a quotation with no speaker that is not an orphan is attributed
    /// in a way the attributor cannot name.
    pub orphan: bool,
}

/// Attribute every quotation. The result has one entry per quotation.
pub fn attribute(
    text: &str,
    article: &Article,
    quotes: &Quotes,
    actors: &Actors,
    settings: &Settings,
) -> Vec<Attribution> {
    attribute_with(text, article, quotes, actors, settings, &mut Memo::disabled())
}

/// The cue lexicon for these settings' languages and extra cues, built
/// once per process for each distinct pair (a batch of articles shares it;
/// building it is a good part of a short article's analysis). A few pairs
/// are kept, the oldest dropped first.
fn shared_lexicon(settings: &Settings) -> std::sync::Arc<Lexicon> {
    type Built = Vec<(Vec<String>, Vec<String>, std::sync::Arc<Lexicon>)>;
    static BUILT: std::sync::Mutex<Built> = std::sync::Mutex::new(Vec::new());
    const KEPT: usize = 8;
    let (languages, extra) = (&settings.languages, &settings.attribution.cues);
    let mut built = BUILT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, _, lexicon)) = built.iter().find(|(l, e, _)| l == languages && e == extra) {
        return lexicon.clone();
    }
    let lexicon = std::sync::Arc::new(Lexicon::new(cues::lexicon(languages, extra)));
    if built.len() >= KEPT {
        built.remove(0);
    }
    built.push((languages.clone(), extra.clone(), lexicon.clone()));
    lexicon
}

/// [`attribute`], reusing each paragraph's tokens and sentences from `memo`
/// when its text and its quotations' layout are unchanged (`local.rs`).
pub fn attribute_with(
    text: &str,
    article: &Article,
    quotes: &Quotes,
    actors: &Actors,
    settings: &Settings,
    memo: &mut Memo,
) -> Vec<Attribution> {
    let mut result = vec![Attribution::default(); quotes.quotations.len()];
    if quotes.quotations.is_empty() {
        return result;
    }
    // The lexicon depends on the settings alone: built once per memo (a
    // settings change clears the memo's state).
    let lexicon = match memo.state::<Option<std::sync::Arc<Lexicon>>>() {
        Some(Some(lexicon)) => lexicon.clone(),
        kept => {
            let lexicon = shared_lexicon(settings);
            if let Some(kept) = kept {
                *kept = Some(lexicon.clone());
            }
            lexicon
        }
    };
    let german = settings.language().split(['-', '_']).next().is_some_and(|p| p.eq_ignore_ascii_case("de"));
    let roles =
        memo.state::<people::RoleWords>().map(std::mem::take).unwrap_or_else(people::RoleWords::one_shot);
    let kept_plans = memo.state::<plans::Plans>().map(std::mem::take);
    let document = Document::build(text, article, quotes, memo);
    let people = People::build(text, actors, &document, quotes, roles);
    let attributor = Attributor {
        text,
        quotes,
        lexicon: &lexicon,
        german,
        document: &document,
        people: &people,
        max_words: settings.attribution.not_speech_max_words,
    };
    // Top-level quotations in text order.
    let mut order: Vec<usize> =
        (0..quotes.quotations.len()).filter(|&i| quotes.quotations[i].level == 0).collect();
    order.sort_by_key(|&i| quotes.quotations[i].span.start);
    // English plans are kept between versions (`plans.rs`), when the
    // paragraphs' tokens are.
    let mut kept = kept_plans.filter(|_| !german && document.memoise_tokens);
    if let Some(kept) = kept.as_mut() {
        kept.begin(people.name_words());
    }
    let mut plans: Vec<Option<Plan>> = vec![None; if kept.is_some() { quotes.quotations.len() } else { 0 }];
    for &index in &order {
        result[index] = match kept.as_mut() {
            Some(kept) => {
                let plan = attributor.kept_plan(index, &result, &plans, kept);
                plans[index] = Some(plan);
                attributor.complete(index, plan)
            }
            None => attributor.attribute_one(index, &result),
        };
    }
    if let Some(memo) = document.memo.borrow_mut().as_deref_mut() {
        if let Some(state) = memo.state() {
            *state = people.take_role_words();
        }
        if let (Some(mut kept), Some(state)) = (kept, memo.state::<plans::Plans>()) {
            kept.finish();
            *state = kept;
        }
    }
    // A quotation that is (part of) another quotation's speaker — a quoted
    // publication, „…“, schreibt die „Zeitung“ — names a source: not speech.
    // Speakers come in text order of their quotations and lie next to them,
    // so one merge pass over both sorted lists finds them.
    if german {
        let mut speakers: Vec<Span> =
            result.iter().filter_map(|a| a.speaker.as_ref().map(|s| s.span)).collect();
        speakers.sort_unstable_by_key(|s| s.start);
        let mut k = 0;
        for &index in &order {
            let span = quotes.quotations[index].span;
            while k < speakers.len() && speakers[k].end < span.end {
                k += 1;
            }
            let inside =
                speakers[k..].iter().take_while(|s| s.start <= span.start).any(|s| s.end >= span.end);
            if inside {
                result[index] = Attribution::default();
            }
        }
    }
    result
}

/// Hover on a quotation: its speaker, cue and where the speaker is introduced.
pub fn hover(context: &Context<'_>, offset: usize) -> Option<Hover> {
    let analysis = context.analysis;
    let text = context.text;
    // The innermost top-level quotation under the pointer.
    let (index, quotation) = analysis
        .quotes
        .quotations
        .iter()
        .enumerate()
        .filter(|(_, q)| q.level == 0 && (q.span.contains(offset)))
        .min_by_key(|(_, q)| q.span.len())?;
    let attribution = analysis.attributions.get(index)?;
    let mut markdown = String::new();
    if !attribution.is_speech {
        markdown.push_str("**Not read as speech** — a term, title or scare quote; it needs no speaker.");
        return Some(Hover { span: quotation.span, markdown });
    }
    match &attribution.speaker {
        Some(speaker) => {
            let written = slice(text, speaker.span);
            let name = speaker.name.as_deref().unwrap_or(written);
            markdown.push_str(&format!("**Speaker:** {}", escape_markdown(name)));
            if name != written {
                markdown.push_str(&format!(" (written “{}”)", escape_markdown(written)));
            }
            if let Some(cue) = attribution.cue {
                markdown.push_str(&format!("\n\n**Cue:** “{}”", escape_markdown(slice(text, cue))));
            }
            if attribution.via == Via::CarryOver {
                markdown.push_str("\n\nCarried over from the attribution before this quotation.");
            }
            if let Some(introduced) = speaker.introduced {
                let (line, _) = crate::analysis::settings::line_and_column(text, introduced.start);
                markdown.push_str(&format!(
                    "\n\n**Introduced:** “{}” (line {line})",
                    escape_markdown(slice(text, introduced))
                ));
            }
        }
        None => {
            markdown.push_str("**No speaker** — the reader cannot tell who said this.");
            if let Some(cue) = attribution.cue {
                markdown.push_str(&format!("\n\n**Cue:** “{}”", escape_markdown(slice(text, cue))));
            }
        }
    }
    Some(Hover { span: quotation.span, markdown })
}

/// The label shown after a quotation: the resolved name, or the mention.
pub fn speaker_label(text: &str, speaker: &Speaker) -> String {
    speaker.name.clone().unwrap_or_else(|| slice(text, speaker.span).to_owned())
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

/// Tokens and sentences of every paragraph, computed once per document:
/// up front for the paragraphs holding quotations, on first use for the
/// others (most of a long text is never looked at).
pub(crate) struct Document<'a> {
    text: &'a str,
    quotes: &'a Quotes,
    /// Top-level quotations (index, span), sorted by start.
    top: Vec<(usize, Span)>,
    spans: Vec<Span>,
    paragraphs: Vec<OnceCell<ParagraphTokens>>,
    /// Per quotation index: where its token first and last occurs, as
    /// (paragraph, token, sentence). Found in the one pass that builds the
    /// document, so looking a quotation up costs nothing.
    locations: Vec<Option<(Location, Location)>>,
    /// When the top-level quotations are disjoint: `locations`, found on
    /// first use.
    lazy: Option<Vec<OnceCell<Option<Located>>>>,
    /// The memo, where paragraphs' tokens are kept between analyses
    /// (`None` when it keeps nothing)…
    memo: RefCell<Option<&'a mut Memo>>,
    /// …unless the top-level quotations overlap.
    memoise_tokens: bool,
}

/// (paragraph, token, sentence) of a quotation token.
type Location = (usize, usize, usize);

/// Where a quotation's token first and last occurs.
type Located = (Location, Location);

struct ParagraphTokens {
    tokens: Vec<Token>,
    sentences: Vec<std::ops::Range<usize>>,
}

impl<'a> Document<'a> {
    fn build(text: &'a str, article: &Article, quotes: &'a Quotes, memo: &'a mut Memo) -> Document<'a> {
        let mut top: Vec<(usize, Span)> = quotes
            .quotations
            .iter()
            .enumerate()
            .filter(|(_, q)| q.level == 0 && q.span.end <= text.len() && q.span.start < q.span.end)
            .map(|(i, q)| (i, q.span))
            .collect();
        top.sort_by_key(|(_, span)| span.start);
        let spans: Vec<Span> = if article.paragraphs.is_empty() {
            vec![Span::new(0, text.len())]
        } else {
            article.paragraphs.iter().map(|p| p.span).collect()
        };
        let paragraphs = spans.iter().map(|_| OnceCell::new()).collect();
        // Only a paragraph a quotation overlaps can hold a quotation token
        // (when quotations do not overlap each other; else tokenize all).
        let disjoint = top.windows(2).all(|w| w[0].1.end <= w[1].1.start);
        let memoise_tokens = disjoint && memo.is_enabled();
        let memo = RefCell::new(memo.is_enabled().then_some(memo));
        let mut document = Document {
            text,
            quotes,
            top,
            spans,
            paragraphs,
            locations: vec![None; quotes.quotations.len()],
            lazy: None,
            memo,
            memoise_tokens,
        };
        if disjoint {
            // Each quotation is looked for in its own paragraphs when it is
            // first asked for (`locate`): a quotation whose plan is kept
            // (`plans.rs`) never needs its paragraphs' tokens.
            document.lazy =
                Some(std::iter::repeat_with(OnceCell::new).take(quotes.quotations.len()).collect());
            return document;
        }
        let mut locations = std::mem::take(&mut document.locations);
        for p in 0..document.spans.len() {
            if disjoint {
                let range = document.clamped(p);
                let next = document.top.partition_point(|(_, span)| span.end <= range.start);
                if document.top.get(next).is_none_or(|(_, span)| span.start >= range.end) {
                    continue;
                }
            }
            let paragraph = document.paragraph(p);
            for (s, sentence) in paragraph.sentences.iter().enumerate() {
                for t in sentence.clone() {
                    let Some(Kind::Quote(q)) = paragraph.tokens.get(t).map(|token| token.kind) else {
                        continue;
                    };
                    let Some(slot) = locations.get_mut(q) else { continue };
                    match slot {
                        // A quotation is one token per paragraph: keep the
                        // first token of its last paragraph.
                        Some((_, last)) if last.0 != p => *last = (p, t, s),
                        Some(_) => {}
                        None => *slot = Some(((p, t, s), (p, t, s))),
                    }
                }
            }
        }
        document.locations = locations;
        document
    }

    fn clamped(&self, p: usize) -> Span {
        let span = self.spans[p];
        Span::new(span.start.min(self.text.len()), span.end.min(self.text.len()))
    }

    fn len(&self) -> usize {
        self.paragraphs.len()
    }

    /// The tokens and sentences of paragraph `p` (which must exist).
    fn paragraph(&self, p: usize) -> &ParagraphTokens {
        self.paragraphs[p].get_or_init(|| {
            let text = self.text;
            let span = self.clamped(p);
            let boundaries = text.is_char_boundary(span.start) && text.is_char_boundary(span.end);
            let inner_end = |index: usize| -> Option<char> {
                let q = self.quotes.quotations.get(index)?;
                text.get(q.inner.start..q.inner.end)?.trim_end().chars().last()
            };
            let mut memo = self.memo.borrow_mut();
            if let (true, true, Some(memo)) = (boundaries, self.memoise_tokens, memo.as_deref_mut()) {
                let (layout, indices) = local::layout(span, &self.top, inner_end);
                let found = local::tokens(memo, span.slice(text), layout);
                return local::absolute(&found, span.start, &indices);
            }
            let tokens = if boundaries { scan::tokenize(text, span, &self.top) } else { Vec::new() };
            let sentences = scan::sentences(text, &tokens, inner_end);
            ParagraphTokens { tokens, sentences }
        })
    }

    /// The nearest paragraph before `p` with a sentence.
    fn previous_with_sentences(&self, p: usize) -> Option<&ParagraphTokens> {
        (0..p).rev().map(|i| self.paragraph(i)).find(|paragraph| !paragraph.sentences.is_empty())
    }

    /// The paragraph, token and sentence of a quotation's first and last
    /// token.
    fn locate(&self, quotation: usize) -> Option<(Location, Location)> {
        match &self.lazy {
            Some(lazy) => *lazy.get(quotation)?.get_or_init(|| self.find(quotation)),
            None => self.locations.get(quotation).copied().flatten(),
        }
    }

    /// The paragraphs a top-level quotation overlaps (`None` for another
    /// quotation): with disjoint quotations, the only ones that can hold
    /// its token.
    fn overlapped(&self, quotation: usize) -> Option<std::ops::Range<usize>> {
        let span = self.quotes.quotations.get(quotation)?.span;
        let at = self.top.partition_point(|(_, top)| top.start < span.start);
        if self.top.get(at).is_none_or(|&(index, _)| index != quotation) {
            return None;
        }
        // Paragraphs are in text order: the first one ending after the
        // quotation's start, by bisection.
        let (mut first, mut high) = (0, self.spans.len());
        while first < high {
            let middle = (first + high) / 2;
            if self.clamped(middle).end <= span.start {
                first = middle + 1;
            } else {
                high = middle;
            }
        }
        let mut last = first;
        while last < self.spans.len() && self.clamped(last).start < span.end {
            last += 1;
        }
        Some(first..last)
    }

    /// Where quotation `q`'s token first and last occurs: what the eager
    /// pass of [`Document::build`] records, looking only at the paragraphs
    /// the quotation overlaps.
    fn find(&self, q: usize) -> Option<(Location, Location)> {
        let mut found: Option<(Location, Location)> = None;
        for p in self.overlapped(q)? {
            let paragraph = self.paragraph(p);
            for (s, sentence) in paragraph.sentences.iter().enumerate() {
                for t in sentence.clone() {
                    if paragraph.tokens.get(t).map(|token| token.kind) != Some(Kind::Quote(q)) {
                        continue;
                    }
                    match &mut found {
                        Some((_, last)) if last.0 != p => *last = (p, t, s),
                        Some(_) => {}
                        None => found = Some(((p, t, s), (p, t, s))),
                    }
                }
            }
        }
        found
    }

    /// Whether paragraph `p` has a sentence (without tokenizing it): it has
    /// a token, that is a character other than white space or a top-level
    /// quotation overlapping it, and lies on character boundaries.
    fn has_sentences(&self, p: usize) -> bool {
        let range = self.clamped(p);
        let has = self.text.is_char_boundary(range.start)
            && self.text.is_char_boundary(range.end)
            && (range.slice(self.text).chars().any(|c| !c.is_whitespace()) || {
                let next = self.top.partition_point(|(_, span)| span.end <= range.start);
                self.top.get(next).is_some_and(|(_, span)| span.start < range.end)
            });
        debug_assert_eq!(has, !self.paragraph(p).sentences.is_empty());
        has
    }
}

/// A speaker mention found by word patterns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum MentionKind {
    Pronoun,
    Name,
    Description,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Mention {
    span: Span,
    kind: MentionKind,
}

/// What a cue search found.
#[derive(Clone, Copy, Debug)]
struct Found {
    cue: Span,
    mention: Option<Mention>,
}

/// The first steps of attributing a quotation ([`Attributor::step`]).
struct Step {
    found: Option<Found>,
    via: Via,
    is_speech: bool,
    first: Option<Location>,
    last: Option<Location>,
}

/// An English quotation's attribution with its speaker mention not yet
/// resolved to a person: everything that depends only on the text around
/// the quotation, the plans of the quotations before it and the words of
/// the article's person names (see `plans.rs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
struct Plan {
    is_speech: bool,
    cue: Option<Span>,
    via: Via,
    mention: Option<Mention>,
    orphan: bool,
}

struct Attributor<'a> {
    text: &'a str,
    quotes: &'a Quotes,
    lexicon: &'a Lexicon,
    german: bool,
    document: &'a Document<'a>,
    people: &'a People<'a>,
    max_words: usize,
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we", "er", "sie", "ich", "wir"];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "der", "die", "das", "den", "dem",
    "des", "ein", "eine", "einer", "einem", "eines", "einen", "sein", "seine", "seiner", "seinem", "ihr",
    "ihre", "ihrer", "ihrem", "dessen", "deren", "one",
];
const CONNECTORS: &[&str] = &[
    "of", "von", "der", "des", "de", "van", "bin", "al", "la", "le", "du", "da", "dos", "y", "und", "and",
    "for",
];
const SKIP: &[&str] = &[
    "also",
    "again",
    "later",
    "then",
    "previously",
    "earlier",
    "further",
    "however",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "would",
    "will",
    "could",
    "once",
    "recently",
    "repeatedly",
    "reportedly",
    "publicly",
    "later",
    "auch",
    "bereits",
    "noch",
    "dann",
    "daraufhin",
    "weiter",
    "ebenfalls",
    "zudem",
    "außerdem",
    "jedoch",
    "hat",
    "hatte",
    "habe",
    "haben",
    "hatten",
    "wird",
    "wurde",
    "werden",
    "wurden",
    "ist",
    "war",
    "gestern",
    "heute",
    "nun",
    "jetzt",
    "damals",
    "nochmals",
    "erneut",
    "dazu",
    "allerdings",
];
const PLURAL_SPEAKERS: &[&str] = &[
    "sources",
    "officials",
    "witnesses",
    "experts",
    "analysts",
    "residents",
    "police",
    "authorities",
    "diplomats",
    "critics",
    "researchers",
    "scientists",
    "observers",
    "aides",
    "prosecutors",
    "investigators",
    "organizers",
    "organisers",
    "protesters",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "source",
];
/// Nouns of saying whose content a quotation right after them gives.
const SPEECH_NOUNS: &[&str] = &[
    "feststellung",
    "behauptung",
    "aussage",
    "erklärung",
    "mitteilung",
    "stellungnahme",
    "forderung",
    "parole",
    "losung",
    "warnung",
    "worte",
    "worten",
    "satz",
    "statement",
    "remark",
    "remarks",
    "words",
    "message",
    "slogan",
];
/// German verbs of naming, whose noun phrase after the verb is an object
/// ("Sie nannte ihn „…“", "Er bezeichnete den Plan als „…“").
const NAMING_VERBS: &[&str] = &[
    "nannte",
    "nannten",
    "nennt",
    "nennen",
    "bezeichnete",
    "bezeichneten",
    "bezeichnet",
    "bezeichnen",
    "würdigte",
    "würdigten",
    "würdigt",
    "begrüßte",
    "begrüßten",
    "begrüßt",
    "lobte",
    "lobten",
    "lobt",
    "kritisierte",
    "kritisierten",
    "kritisiert",
    "wertete",
    "werteten",
    "wertet",
    "feierte",
    "feierten",
    "feiert",
    "gefeiert",
    "genannt",
    "gewertet",
];
/// German determiners of objects, never of a subject ("kritisierte den Plan").
const OBJECT_DETERMINERS: &[&str] =
    &["den", "dem", "einem", "einen", "diesem", "diesen", "seinem", "ihrem", "ihren", "seinen"];
/// German demonstratives that stand for a speaker named before ("„…“, so
/// letztere").
const DEMONSTRATIVE_SPEAKERS: &[&str] =
    &["letztere", "letzterer", "erstere", "ersterer", "diese", "dieser", "jene", "jener"];
/// German subjunctive forms that mark reported speech ("Er sei „müde“").
const SUBJUNCTIVE: &[&str] = &[
    "sei", "seien", "habe", "könne", "müsse", "solle", "werde", "wolle", "gebe", "dürfe", "stehe", "liege",
    "hätten", "wären", "würden", "hätte", "wäre", "würde", "komme", "fehle", "drohe", "lebe", "gehe",
    "bleibe", "brauche", "gelte", "wisse", "möge", "lasse", "halte", "sehe", "bestehe", "trage", "mache",
    "zeige",
];
/// The most characters a [`TERM_MARKERS`] entry has.
const LONGEST_TERM_MARKER: usize = 15;
/// The last words of [`TERM_MARKERS`] (after their last character that is
/// not a letter or digit).
fn term_marker_last_words() -> &'static std::collections::HashSet<&'static str, foldhash::fast::FixedState> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str, foldhash::fast::FixedState>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        TERM_MARKERS
            .iter()
            .map(|marker| marker.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or(marker))
            .collect()
    })
}

/// Words that introduce a term, title or name rather than speech.
const TERM_MARKERS: &[&str] = &[
    "so-called",
    "the word",
    "the term",
    "the phrase",
    "titled",
    "entitled",
    "dubbed",
    "named",
    "the slogan",
    "the headline",
    "the book",
    "the film",
    "the song",
    "the movie",
    "the show",
    "the album",
    "the newspaper",
    "the motto",
    "nicknamed",
    "known as",
    "sogenannte",
    "sogenannten",
    "sogenannter",
    "so genannte",
    "so genannten",
    "so genannter",
    "das wort",
    "den begriff",
    "der begriff",
    "dem begriff",
    "des begriffs",
    "unter dem titel",
    "titel",
    "namens",
    "motto",
    "das motto",
    "der zeitung",
    "die zeitung",
    "das buch",
    "den film",
    "der film",
    "die sendung",
    "der sendung",
    "den titel",
    "dem titel",
    "schlagzeile",
];
/// Words that, right before a name, make it the object of a preposition
/// rather than a speaker: the prepositions `people.rs` uses for pronouns,
/// plus these (not in that list, since "als er sagte" opens a clause).
const MORE_PREPOSITIONS: &[&str] = &["toward", "towards", "als"];

pub(crate) const STOPWORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "also",
    "however",
    "then",
    "when",
    "after",
    "before",
    "this",
    "that",
    "it",
    "its",
    "we",
    "they",
    "i",
    "he",
    "she",
    "his",
    "her",
    "as",
    "for",
    "from",
    "with",
    "by",
    "of",
    "to",
    "if",
    "while",
    "since",
    "during",
    "what",
    "why",
    "how",
    "who",
    "there",
    "these",
    "those",
    "our",
    "my",
    "your",
    "according",
    "unlike",
    "along",
    "earlier",
    "days",
    "last",
    "next",
    "meanwhile",
    "still",
    "yet",
    "so",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "einem",
    "eines",
    "im",
    "am",
    "beim",
    "vom",
    "zum",
    "zur",
    "auch",
    "nach",
    "laut",
    "bei",
    "mit",
    "von",
    "zu",
    "für",
    "über",
    "unter",
    "auf",
    "aus",
    "wie",
    "was",
    "wer",
    "es",
    "er",
    "sie",
    "wir",
    "ich",
    "ihr",
    "sein",
    "seine",
    "dies",
    "diese",
    "dieser",
    "dieses",
    "damit",
    "dabei",
    "doch",
    "aber",
    "und",
    "oder",
    "als",
    "wenn",
    "weil",
    "dass",
    "da",
    "nun",
    "jetzt",
    "heute",
    "gestern",
    "bereits",
    "zudem",
    "außerdem",
    "allerdings",
    "jedoch",
    "daher",
    "deshalb",
    "demnach",
    "man",
    "nicht",
    "kein",
    "keine",
    "mehr",
    "wir",
    "uns",
    "bis",
    "seit",
    "gegen",
    "ohne",
    "durch",
    "um",
    "vor",
    "hinter",
    "neben",
    "zwischen",
    "insgesamt",
    "dort",
    "hier",
    // Pronominal adverbs open sentences but never name a speaker ("Darin
    // steht: …").
    "darin",
    "darauf",
    "darüber",
    "davon",
    "dafür",
    "dagegen",
    "danach",
    "davor",
    "hierzu",
    "hierbei",
    "hierin",
    "dennoch",
    "trotzdem",
    "deswegen",
    "somit",
    "zwar",
    "später",
];

/// `word.to_lowercase()`, on the stack for a short ASCII word (the ASCII
/// lowercase of an ASCII word is its full lowercase): most words looked up
/// are capitalised names, and a heap copy of each cost more than the look-up.
pub(crate) fn to_lower(word: &str) -> Lower<'_> {
    Lower::of(word)
}

/// Whether `lower` (a lowercase word) is in [`STOPWORDS`]: one hash look-up.
pub(crate) fn is_stopword(lower: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str, foldhash::fast::FixedState>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(lower)
}

/// Whether `lowercase(word)` is in `list`, without allocating for an ASCII
/// word: its lowercase is its ASCII lowercase, which equals an entry that
/// has no ASCII capital exactly when the two are equal ignoring ASCII case.
fn lower_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|entry| {
            entry.len() == word.len()
                && entry.eq_ignore_ascii_case(word)
                && !entry.bytes().any(|b| b.is_ascii_uppercase())
        })
    } else {
        list.contains(&lowercase(word).as_ref())
    }
}

/// The word in lowercase, borrowed when it already is.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The cue lexicon with its entries grouped by first word, so finding the
/// cues at a token is one hash lookup.
struct Lexicon {
    cues: Vec<Cue>,
    /// First word → indices into `cues`, longest cue first.
    by_first: HashMap<String, Vec<usize>, foldhash::fast::FixedState>,
    /// For each ASCII letter, the lengths (bit `len`, 63 for longer) of the
    /// ASCII first words starting with it: most words of a sentence are no
    /// cue's first word, and this tells so without lower-casing or hashing.
    ascii_starts: [u64; 128],
    /// `by_first` for the ASCII first words of up to 8 bytes, keyed by the
    /// word packed into a number ([`pack`]): an English word is looked up
    /// without lower-casing it into a string.
    by_packed: HashMap<u64, Vec<usize>, foldhash::fast::FixedState>,
}

/// An ASCII word of up to 8 bytes, lower-cased, as a number (zero bytes
/// pad it: no word holds a zero byte, so two words never share a number).
fn pack(word: &str) -> Option<u64> {
    if !word.is_ascii() {
        return None;
    }
    let mut bytes = [0_u8; 8];
    bytes.get_mut(..word.len())?.copy_from_slice(word.as_bytes());
    bytes.make_ascii_lowercase();
    Some(u64::from_le_bytes(bytes))
}

/// The bit of a word's length in [`Lexicon::ascii_starts`].
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl Lexicon {
    fn new(cues: Vec<Cue>) -> Lexicon {
        let mut by_first: HashMap<String, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
        let mut ascii_starts = [0_u64; 128];
        for (index, cue) in cues.iter().enumerate() {
            if let Some(first) = cue.words.first() {
                by_first.entry(first.clone()).or_default().push(index);
                if let Some(slot) = first.bytes().next().filter(|_| first.is_ascii()) {
                    ascii_starts[usize::from(slot.to_ascii_lowercase())] |= length_bit(first.len());
                }
            }
        }
        let by_packed =
            by_first.iter().filter_map(|(first, indices)| Some((pack(first)?, indices.clone()))).collect();
        Lexicon { cues, by_first, ascii_starts, by_packed }
    }

    /// The cues (indices into `cues`) whose first word is `word`'s lowercase.
    fn starting_with(&self, word: &str) -> Option<&Vec<usize>> {
        match pack(word) {
            // Every ASCII first word of up to 8 bytes is in `by_packed`.
            Some(key) => self.by_packed.get(&key),
            None if !self.may_start(word) => None,
            None => self.by_first.get(Lower::of(word).as_str()),
        }
    }

    /// Whether `word` may be a cue's first word: false only when it is
    /// ASCII (so is its lowercase, of the same length) and no ASCII first
    /// word starts with its letter and has its length.
    fn may_start(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            None => false,
            Some(&byte) if word.is_ascii() => {
                self.ascii_starts[usize::from(byte.to_ascii_lowercase())] & length_bit(word.len()) != 0
            }
            Some(_) => true,
        }
    }
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl<'a> Attributor<'a> {
    fn word(&self, token: &Token) -> Option<&'a str> {
        (token.kind == Kind::Word).then(|| slice(self.text, token.span))
    }

    fn lower(&self, token: &Token) -> Option<Lower<'a>> {
        self.word(token).map(Lower::of)
    }

    /// Whether `token` is a preposition (see [`MORE_PREPOSITIONS`]).
    fn after_preposition(&self, token: Option<&Token>) -> bool {
        self.lower_is(token, people::PREPOSITIONS) || self.lower_is(token, MORE_PREPOSITIONS)
    }

    fn lower_is(&self, token: Option<&Token>, list: &[&str]) -> bool {
        token.and_then(|t| self.word(t)).is_some_and(|w| lower_in(w, list))
    }

    /// A cue whose words start at token `i`: its kind and end (exclusive).
    fn cue_at(&self, tokens: &[Token], i: usize, sentence_end: usize) -> Option<(CueKind, usize)> {
        let word = self.word(tokens.get(i)?)?;
        let candidates = self.lexicon.starting_with(word)?;
        for &index in candidates {
            let cue = &self.lexicon.cues[index];
            let end = i + cue.words.len();
            if end > sentence_end {
                continue;
            }
            let all = cue.words.iter().enumerate().skip(1).all(|(k, w)| {
                tokens.get(i + k).and_then(|t| self.lower(t)).is_some_and(|t| t.as_ref() == w.as_str())
            });
            if !all {
                continue;
            }
            // "the state news agency", "a note to clients": after a
            // determiner, an English verb cue is a noun.
            let after_determiner = || {
                !self.german
                    && cue.kind == CueKind::Verb
                    && i.checked_sub(1).is_some_and(|j| {
                        self.lower_is(
                            tokens.get(j),
                            &["the", "a", "an", "its", "their", "his", "her", "our", "this"],
                        )
                    })
            };
            if after_determiner() {
                continue;
            }
            // German: a verb written with a capital after another word is a
            // noun ("ein Schreiben der Behörde", "auf Fragen").
            let nominalised = self.german
                && cue.kind == CueKind::Verb
                && tokens[i].kind == Kind::Word
                && self.word(&tokens[i]).is_some_and(is_capitalized)
                && i.checked_sub(1).is_some_and(|j| tokens[j].kind == Kind::Word);
            if nominalised {
                continue;
            }
            if let Some(particle) = cue.particle {
                let has =
                    tokens[end..sentence_end].iter().any(|t| self.lower(t).is_some_and(|w| w == particle));
                if !has {
                    continue;
                }
            }
            return Some((cue.kind, end));
        }
        None
    }

    /// The first steps of attributing a quotation: the cue and mention
    /// found, and whether it is speech.
    fn step(&self, quotation: &Quotation, index: usize, done: &[Attribution]) -> Step {
        let located = self.document.locate(index);
        let first = located.map(|(first, _)| first);
        let last = located.map(|(_, last)| last);
        let mut found: Option<Found> = None;
        let mut via = Via::None;
        if let (Some((pf, tf, sf)), Some((pl, tl, sl))) = (first, last) {
            let first_paragraph = self.document.paragraph(pf);
            let last_paragraph = self.document.paragraph(pl);
            let after_sentence = last_paragraph.sentences[sl].clone();
            let before_sentence = first_paragraph.sentences[sf].clone();
            let colon = tf > before_sentence.start && first_paragraph.tokens[tf - 1].kind == Kind::Punct(':');
            found = self.cue_right_after(&last_paragraph.tokens, tl, after_sentence.end);
            if self.german && colon && found.is_none_or(|f| f.mention.is_none()) {
                // German: the subject of the introducing clause, wherever
                // verb-second order put it.
                let cue_after = found;
                found = self.german_colon(&first_paragraph.tokens, before_sentence.start, tf, done);
                if found.is_none_or(|f| f.mention.is_none()) {
                    found = cue_after.or(found);
                }
            }
            // A cue right after the quotation that names no speaker (", adding:")
            // gives way to a cue before it that does ("X said the deal was
            // 'the best we could get', adding: …").
            let before = || self.cue_before(&first_paragraph.tokens, before_sentence.start, tf, done);
            found = match found {
                Some(after) if after.mention.is_none() => {
                    Some(before().filter(|before| before.mention.is_some()).unwrap_or(after))
                }
                found => found.or_else(before),
            }
            .or_else(|| self.cue_later(&last_paragraph.tokens, tl, after_sentence.end));
            if self.german && found.is_none_or(|f| f.mention.is_none()) {
                // "„…“, heißt es in der Erklärung" / "Im Antrag heißt es: „…“"
                // / "„…“, wird X zitiert".
                // Right after the quotation, or before it with a colon.
                let mut r = tl + 1;
                while r < after_sentence.end && !matches!(last_paragraph.tokens[r].kind, Kind::Word) {
                    r += 1;
                }
                let tokens = &last_paragraph.tokens;
                let source = self
                    .passive_cited(tokens, r, after_sentence.end)
                    .or_else(|| {
                        (r <= tl + 3)
                            .then(|| self.document_source(tokens, r, after_sentence.end, 3))
                            .flatten()
                    })
                    .or_else(|| {
                        let start = before_sentence.start;
                        colon
                            .then(|| self.document_source(&first_paragraph.tokens, start, tf, tf - start))
                            .flatten()
                    });
                if let Some(mention) = source {
                    let cue = found.map(|f| f.cue).unwrap_or_default();
                    found = Some(Found { cue, mention: Some(mention) });
                }
            }
            if found.is_none() && tf > before_sentence.start && !self.german {
                // "Stegemann bestreitet jede Kenntnis: „…“": the subject of
                // the clause the colon ends.
                if first_paragraph.tokens[tf - 1].kind == Kind::Punct(':') {
                    found = self
                        .first_np(&first_paragraph.tokens, before_sentence.start, tf - 1)
                        .filter(|m| m.kind != MentionKind::Description)
                        .map(|m| Found { cue: Span::default(), mention: Some(m) });
                }
            }
            if found.is_some() {
                via = Via::Cue;
            } else if let Some(carried) = self.carry_over(pf, tf, sf, done) {
                found = Some(carried);
                via = Via::CarryOver;
            }
        }
        // More words than `max_words`: counted no further than that.
        let long = || slice(self.text, quotation.inner).split_whitespace().nth(self.max_words).is_some();
        let is_speech =
            if self.is_term(quotation.span.start) || self.name_like(quotation.inner, quotation.span.start) {
                false
            } else if found.is_some() {
                true
            } else if long() {
                !self.title_like(quotation.inner)
                    && !self.german_appositive(quotation.inner, quotation.span.start)
            } else {
                self.reads_as_speech(quotation.inner, quotation.span.start)
                    || (self.german && self.judged_as(quotation.inner, quotation.span.start))
                    || (self.german && first.is_some_and(|(pf, tf, sf)| self.spoken_of(pf, tf, sf)))
            };
        Step { found, via, is_speech, first, last }
    }

    /// An English quotation's attribution before its speaker is resolved
    /// (see [`Plan`]): what [`Attributor::attribute_one`] finds, in the same
    /// steps.
    fn plan(&self, index: usize, done: &[Attribution]) -> Plan {
        let Some(quotation) = self.quotes.quotations.get(index) else { return Plan::default() };
        let Step { found, via, is_speech, first, last } = self.step(quotation, index, done);
        let mut plan = Plan { is_speech, ..Plan::default() };
        if let Some(found) = found.filter(|_| is_speech) {
            plan.cue = Some(found.cue).filter(|c| !c.is_empty());
            plan.via = via;
            plan.mention = found.mention;
        }
        if is_speech && plan.mention.is_none() {
            plan.orphan = match (first, last) {
                (Some(first), Some(last)) => {
                    !self.anchored(quotation.inner, quotation.span.start, first, last, found.is_some(), done)
                }
                _ => true,
            };
        }
        plan
    }

    /// The attribution of a [`Plan`]: its mention resolved to a speaker, or
    /// failing that the nearest person before the quotation as a candidate.
    fn complete(&self, index: usize, plan: Plan) -> Attribution {
        let Some(quotation) = self.quotes.quotations.get(index) else { return Attribution::default() };
        let speaker = plan.mention.map(|m| self.resolve(m));
        let candidate = if plan.is_speech && speaker.is_none() {
            self.people.nearest_before(quotation.span.start, self.text)
        } else {
            None
        };
        Attribution {
            speaker,
            cue: plan.cue,
            is_speech: plan.is_speech,
            via: plan.via,
            candidate,
            orphan: plan.orphan,
        }
    }

    /// Attribute one top-level quotation.
    fn attribute_one(&self, index: usize, done: &[Attribution]) -> Attribution {
        if !self.german {
            return self.complete(index, self.plan(index, done));
        }
        let Some(quotation) = self.quotes.quotations.get(index) else { return Attribution::default() };
        let Step { found, via, is_speech, first, last } = self.step(quotation, index, done);
        let mut attribution = Attribution { is_speech, ..Attribution::default() };
        let cue_found = found.is_some();
        if let Some(found) = found.filter(|_| is_speech) {
            attribution.cue = Some(found.cue).filter(|c| !c.is_empty());
            attribution.via = via;
            attribution.speaker = found.mention.map(|m| self.resolve(m));
        }
        if let (true, Some((pf, _, _)), Some(speaker)) = (self.german, first, attribution.speaker.as_ref()) {
            // "Ihre Einschätzung: „…“": a view named as the speaker is its
            // holder's.
            let tokens = &self.document.paragraph(pf).tokens;
            let from = tokens.iter().position(|t| t.span.start == speaker.span.start);
            let to = tokens.iter().position(|t| t.span.end == speaker.span.end);
            if let (Some(from), Some(to), None) = (from, to, speaker.actor) {
                if let Some(holder) = (from < to).then(|| self.opinion_holder(tokens, from, to + 1)).flatten()
                {
                    attribution.speaker = Some(holder);
                }
            }
        }
        if self.german && attribution.is_speech && attribution.speaker.is_none() {
            // A German quotation inside a clause with no verb of saying
            // ("Der Präsident konstatierte eine „Kluft …“", "Das Gericht
            // machte klar, dass „…“"): the clause's subject, when one reads
            // clearly as a subject.
            // Not the subject of a subjunctive ("Die Lage sei „…“": what is
            // spoken of, in reported speech), nor for a name right after an
            // article or a preposition ("die „Goldene Nadel …“", "am Ziel
            // von „…“").
            if let Some((pf, tf, sf)) = first {
                let paragraph = self.document.paragraph(pf);
                let tokens = &paragraph.tokens;
                let start = paragraph.sentences[sf].start;
                let previous = tf.checked_sub(1).and_then(|i| tokens.get(i));
                let inner = slice(self.text, quotation.inner).trim();
                // "X bezeichnete Y als „…“": "als" names what X called Y, so
                // X (or the agent of a passive, "von X als „…“ bezeichnet")
                // is the source, not a preposition's object.
                let sentence_end = paragraph.sentences[sf].end;
                let naming_as = self.lower_is(previous, &["als"])
                    && (tokens[start..sentence_end].iter().any(|t| self.lower_is(Some(t), NAMING_VERBS))
                        || self.judged_as(quotation.inner, quotation.span.start));
                let spoken_of = self.spoken_of(pf, tf, sf);
                let named = !naming_as
                    && !spoken_of
                    && (self.after_preposition(previous)
                        || self.is_german_preposition(previous)
                        || (self.lower_is(previous, DETERMINERS) && is_capitalized(inner)));
                let agent = naming_as
                    .then(|| {
                        self.passive_agent(tokens, start, tf, sentence_end)
                            .or_else(|| self.naming_clause_subject(tokens, start, tf))
                    })
                    .flatten();
                let subject = agent.or_else(|| {
                    (!named).then(|| self.strong_subject(tokens, start, tf)).flatten().filter(|m| {
                        let next = tokens[start..tf].iter().find(|t| t.span.start >= m.span.end);
                        !self.lower_is(next, SUBJUNCTIVE)
                    })
                });
                // "Von „…“ sprachen Beobachter": the subject after the verb.
                let subject = subject.or_else(|| {
                    spoken_of.then(|| self.clause_subject(tokens, tf + 1, sentence_end)).flatten()
                });
                if let Some(speaker) = self.opinion_holder(tokens, start, tf) {
                    // "Seiner Ansicht nach „…“", "Nach Schäubles Idee soll
                    // „…“": whose view the sentence reports.
                    attribution.via = Via::Cue;
                    attribution.speaker = Some(speaker);
                } else if let Some(mention) = subject {
                    attribution.via = Via::Cue;
                    attribution.speaker = Some(self.resolve(mention));
                }
            }
        }
        if attribution.is_speech && attribution.speaker.is_none() {
            attribution.candidate = self.people.nearest_before(quotation.span.start, self.text);
            attribution.orphan = match (first, last) {
                (Some(first), Some(last)) => {
                    !self.anchored(quotation.inner, quotation.span.start, first, last, cue_found, done)
                }
                _ => true,
            };
        }
        attribution
    }

    /// Whether a speech quotation with no speaker is still anchored to a
    /// source the reader can see, so that flagging it would be a false
    /// alarm: a short fragment that does not read as a clause (a term), a
    /// reported-speech context (German subjunctive, "so", "laut", "zufolge",
    /// "heißt es"), a plausible speaker in its own sentence, an attribution
    /// in the sentence before or earlier in the paragraph, one carried over
    /// from the previous paragraph's introduction or quotation, or an
    /// attribution opening the sentence after it („…“ Das sagte …).
    fn anchored(
        &self,
        inner: Span,
        start: usize,
        (pf, tf, sf): (usize, usize, usize),
        (pl, _, sl): (usize, usize, usize),
        cue_found: bool,
        done: &[Attribution],
    ) -> bool {
        let inner_text = slice(self.text, inner).trim();
        let words = inner_text.split_whitespace().count();
        let full_sentence = inner_text.ends_with(['.', '!', '?', '…']);
        if words <= self.max_words && !full_sentence && !self.reads_as_speech(inner, start) {
            return true;
        }
        let first_paragraph = self.document.paragraph(pf);
        let last_paragraph = self.document.paragraph(pl);
        let before = &first_paragraph.tokens[first_paragraph.sentences[sf].start..tf];
        let after_range = last_paragraph.sentences[sl].clone();
        let sentence: Vec<&Token> =
            before.iter().chain(&last_paragraph.tokens[after_range.clone()]).collect();
        // Reported speech: the German subjunctive, or an impersonal or
        // prepositional cue anywhere in the sentence.
        if self.german && sentence.iter().any(|t| self.lower_is(Some(t), SUBJUNCTIVE)) {
            return true;
        }
        for (tokens, range) in [
            (&first_paragraph.tokens, first_paragraph.sentences[sf].start..tf),
            (&last_paragraph.tokens, after_range.clone()),
        ] {
            for i in range.clone() {
                if let Some((kind, cue_end)) = self.cue_at(tokens, i, range.end) {
                    // "heißt es", "hieß es": impersonal, the source is the
                    // context ("In dem Antrag heißt es: „…“").
                    let impersonal = self.lower_is(tokens.get(cue_end), &["es"]);
                    if impersonal || !matches!(kind, CueKind::Verb | CueKind::Participle) {
                        return true;
                    }
                }
            }
        }
        let first_tokens = &first_paragraph.tokens;
        let last_tokens = &last_paragraph.tokens;
        // A term or a title: a quotation that is not a full sentence right
        // after a determiner ("eine „differenzierte Betrachtung …“", "des
        // „Gesetzes über …“"), or an item of a list of quotations („A“, „B“
        // oder „C“).
        let previous_word = tf.checked_sub(1).and_then(|i| first_tokens.get(i));
        let adjective_after_determiner = previous_word
            .and_then(|t| self.word(t))
            .is_some_and(|w| !is_capitalized(w) && !is_stopword(&to_lower(w)))
            && self.lower_is(
                tf.checked_sub(2).and_then(|i| first_tokens.get(i)),
                &["ein", "eine", "einen", "a", "an"],
            );
        // German "das" before a capitalised quotation is its article.
        let german_das = self.german && self.lower_is(previous_word, &["das"]) && is_capitalized(inner_text);
        let term_determiner = adjective_after_determiner
            || german_das
            || (self.lower_is(previous_word, DETERMINERS)
                && !self.lower_is(previous_word, &["that", "this", "das"]));
        if !full_sentence && (term_determiner || self.lower_is(previous_word, &["darunter", "wie"])) {
            return true;
        }
        // German: the object of a preposition ("am Plan von „…“") is a
        // phrase, not a statement.
        if self.german && !full_sentence && self.after_preposition(previous_word) {
            return true;
        }
        // German: a subject the reader can see in the clause before it
        // ("Das Gericht kam zu dem Ergebnis, „dass …“"), or a noun of saying
        // whose content it is ("Der Vorwurf ist in der Behauptung zu finden
        // „…“").
        let clause = first_paragraph.sentences[sf].start..tf;
        if self.german
            && (self.has_subject(first_tokens, clause.start, clause.end)
                || clause.clone().any(|i| self.lower_is(first_tokens.get(i), SPEECH_NOUNS)))
        {
            return true;
        }
        let list_neighbour = |index: Option<usize>, tokens: &[Token]| {
            index.and_then(|i| tokens.get(i)).is_some_and(|t| {
                t.kind == Kind::Punct(',') || self.lower_is(Some(t), &["oder", "und", "or", "and", "sowie"])
            })
        };
        let quote_at = |index: Option<usize>, tokens: &[Token]| {
            index.and_then(|i| tokens.get(i)).is_some_and(|t| matches!(t.kind, Kind::Quote(_)))
        };
        if !full_sentence
            && ((list_neighbour(tf.checked_sub(1), first_tokens)
                && quote_at(tf.checked_sub(2), first_tokens))
                || (list_neighbour(tl_of(last_tokens, inner).map(|i| i + 1), last_tokens)
                    && quote_at(tl_of(last_tokens, inner).map(|i| i + 2), last_tokens)))
        {
            return true;
        }
        // An attribution right after it whose subject the attributor could
        // not parse: „…“, begründet das Gericht / „…“, schrieb „Die Zeit“.
        if let Some(q) = tl_of(last_tokens, inner) {
            let mut r = q + 1;
            while r < after_range.end && matches!(last_tokens[r].kind, Kind::Punct(',' | '—' | '–')) {
                r += 1;
            }
            if r > q + 1 && r < after_range.end {
                let verb = self.word(&last_tokens[r]).is_some_and(|w| !is_capitalized(w));
                let subject_follows = last_tokens.get(r + 1).is_some_and(|t| {
                    matches!(t.kind, Kind::Quote(_))
                        || self
                            .word(t)
                            .is_some_and(|w| is_capitalized(w) || DETERMINERS.contains(&to_lower(w).as_ref()))
                });
                let verb_cue =
                    matches!(self.cue_at(last_tokens, r, after_range.end), Some((CueKind::Verb, _)));
                if verb && (verb_cue || (self.german && subject_follows)) {
                    return true;
                }
            }
        }
        let colon_intro = tf > 0 && first_paragraph.tokens[tf - 1].kind == Kind::Punct(':');
        // The content of a noun of saying right before it ("die Feststellung
        // „…“", "the statement “…”"): the noun is the source.
        if self.lower_is(previous_word, SPEECH_NOUNS) {
            return true;
        }
        // A clause introducing the quotation with a colon presents it as
        // cited ("Darin steht: „…“"), even when it names no speaker the
        // attributor can read: not a confident orphan.
        let introduced = tf > first_paragraph.sentences[sf].start + 1;
        if colon_intro && introduced {
            return true;
        }
        // A plausible speaker in the sentence: a personal pronoun, a known
        // person, or (German, where a cue was found) a noun phrase with a
        // nominative determiner ("Der Bundespräsident konstatierte …").
        let plausible = |tokens: &[Token], range: std::ops::Range<usize>| {
            range.clone().any(|i| {
                let Some(word) = self.word(&tokens[i]) else { return false };
                let lower = to_lower(word);
                let after_preposition = i > range.start && self.after_preposition(tokens.get(i - 1));
                if after_preposition {
                    return false;
                }
                matches!(lower.as_ref(), "he" | "she" | "they" | "er" | "sie")
                    || (is_capitalized(word)
                        && !is_stopword(&lower)
                        && self.people.is_known_person_word(word))
                    || (self.german
                        && (cue_found || colon_intro)
                        && matches!(lower.as_ref(), "der" | "die" | "ein" | "eine")
                        && tokens.get(i + 1).and_then(|t| self.word(t)).is_some_and(is_capitalized))
            })
        };
        if plausible(&first_paragraph.tokens, first_paragraph.sentences[sf].start..tf)
            || plausible(&last_paragraph.tokens, after_range)
        {
            return true;
        }
        // A quotation standing as its own sentence after a sentence with a
        // plausible speaker in the same paragraph.
        let stands_alone = first_tokens[first_paragraph.sentences[sf].start..tf]
            .iter()
            .all(|t| matches!(t.kind, Kind::Punct(_) | Kind::Quote(_)));
        if stands_alone && sf > 0 {
            let previous = first_paragraph.sentences[sf - 1].clone();
            // „…“, so letztere. „…“ — a reported-speech cue in the sentence before.
            let reported = previous.clone().any(|i| {
                self.cue_at(first_tokens, i, previous.end)
                    .is_some_and(|(kind, _)| !matches!(kind, CueKind::Verb | CueKind::Participle))
            });
            if reported || plausible(first_tokens, previous) {
                return true;
            }
            // German reported speech often names its speaker two sentences
            // back: a stand-alone quotation after two sentences that name a
            // person is not a confident orphan.
            if self.german && sf > 1 && plausible(first_tokens, first_paragraph.sentences[sf - 2].clone()) {
                return true;
            }
        }
        // German: a stand-alone quotation in the paragraph after one that
        // ends with an attributed quotation, one narrative sentence between
        // (the speaker goes on).
        if self.german && stands_alone && sf <= 1 {
            let previous = self.document.previous_with_sentences(pf);
            let attributed =
                previous.and_then(|p| p.sentences.last().map(|s| &p.tokens[s.clone()])).is_some_and(|last| {
                    last.iter().any(|t| {
                    matches!(t.kind, Kind::Quote(q) if done.get(q).is_some_and(|a| a.speaker.is_some()))
                })
                });
            if attributed {
                return true;
            }
        }
        // An attribution before it in the paragraph: an attributed quotation,
        // or a cue with a speaker.
        for previous in first_paragraph.sentences[..sf].iter().rev() {
            if self.carry_from(&first_paragraph.tokens, previous.clone(), done).is_some() {
                return true;
            }
        }
        if sf == 0 && self.carry_over(pf, tf, sf, done).is_some() {
            return true;
        }
        if sf == 0 {
            // The previous paragraph ends in an introduction with a colon.
            let previous = self.document.previous_with_sentences(pf);
            if let Some(last) = previous.and_then(|p| p.sentences.last().map(|s| &p.tokens[s.clone()])) {
                if tokens_end_with_colon(last) {
                    return true;
                }
            }
        }
        // „…“ Das sagte X. / “…” That is what X said.
        if let Some(next) = last_paragraph.sentences.get(sl + 1) {
            let opening = next.start..(next.start + 4).min(next.end);
            let opens_with_pointer = self.lower_is(
                last_paragraph.tokens.get(next.start),
                &["das", "dies", "diese", "dieser", "so", "this", "that", "these", "those"],
            );
            if opens_with_pointer
                && (opening.clone().any(|i| self.cue_at(&last_paragraph.tokens, i, next.end).is_some())
                    || plausible(&last_paragraph.tokens, next.clone()))
            {
                return true;
            }
        }
        false
    }

    /// Pattern 1: a cue straight after the quotation, possibly behind its
    /// subject (“…,” said Putin / “…,” Putin said / „…“, so Murtha).
    fn cue_right_after(&self, tokens: &[Token], q: usize, end: usize) -> Option<Found> {
        let mut r = q + 1;
        while r < end && matches!(tokens[r].kind, Kind::Punct(',' | ':' | '—' | '–' | '-' | ')')) {
            r += 1;
        }
        let mut skipped = 0;
        while r < end && skipped < 2 && self.lower_is(tokens.get(r), SKIP) {
            r += 1;
            skipped += 1;
        }
        if r >= end {
            return None;
        }
        if let Some((kind, cue_end)) = self.cue_at(tokens, r, end) {
            let cue = Span::new(tokens[r].span.start, tokens[cue_end - 1].span.end);
            let mention = match kind {
                // „…“, zitiert die Zeitung den Sprecher / zitierte man X: the
                // one quoted is the object after the subject.
                CueKind::Verb
                    if self.german && self.lower_is(tokens.get(r), &["zitiert", "zitierte", "zitierten"]) =>
                {
                    self.quoted_object(tokens, cue_end, end)
                }
                CueKind::Verb | CueKind::SpeakerAfter | CueKind::SoAfterQuote | CueKind::Source => {
                    self.np_after(tokens, cue_end, end)
                }
                CueKind::Marker | CueKind::Participle => None,
                CueKind::SpeakerBefore => return None,
            };
            // „…“, so letztere: a demonstrative standing for the speaker.
            if kind == CueKind::SoAfterQuote
                && mention.is_none()
                && self.lower_is(tokens.get(cue_end), DEMONSTRATIVE_SPEAKERS)
            {
                let mention = Some(Mention { span: tokens[cue_end].span, kind: MentionKind::Pronoun });
                return Some(Found { cue, mention });
            }
            if kind == CueKind::Source && mention.is_none() {
                return None;
            }
            // „…“, so beschrieb ihn der Sprecher: "so" with an inverted verb
            // of saying, its subject after the verb (and an object pronoun).
            if kind == CueKind::SoAfterQuote && mention.is_none() {
                if let Some((CueKind::Verb, verb_end)) = self.cue_at(tokens, cue_end, end) {
                    // "so sagte sie": the pronoun is the subject; "ihn",
                    // "ihm", "es", "sich" are objects before it.
                    let mut subject = verb_end;
                    while self.lower_is(tokens.get(subject), &["ihn", "ihm", "es", "sich"]) {
                        subject += 1;
                    }
                    let mention = self.np_after(tokens, subject, end).filter(|m| {
                        m.kind != MentionKind::Pronoun || self.lower_is(tokens.get(subject), &["er", "sie"])
                    });
                    let cue = Span::new(tokens[cue_end].span.start, tokens[verb_end - 1].span.end);
                    return Some(Found { cue, mention });
                }
            }
            return Some(Found { cue, mention });
        }
        // “…,” Putin said / „…“, der Minister sagte
        let (mention, np_end) = self.np_forward_with_end(tokens, r, end)?;
        let mut c = np_end;
        let mut skipped = 0;
        while c < end && skipped < 4 {
            if self.lower_is(tokens.get(c), SKIP) {
                c += 1;
            } else if let Some((CueKind::Marker, marker_end)) = self.cue_at(tokens, c, end) {
                c = marker_end;
            } else {
                break;
            }
            skipped += 1;
        }
        let (kind, cue_end) = self.cue_at(tokens, c, end)?;
        matches!(kind, CueKind::Verb | CueKind::SpeakerBefore).then(|| Found {
            cue: Span::new(tokens[c].span.start, tokens[cue_end - 1].span.end),
            mention: Some(mention),
        })
    }

    /// German reported speech marked by a parenthetical "so": ", so X,"
    /// / ", so X." / ", so X weiter:" (the speaker X, a name or a noun
    /// phrase with its article), anywhere in the sentence.
    fn parenthetical_so(
        &self,
        tokens: &[Token],
        start: usize,
        i: usize,
        cue_end: usize,
        limit: usize,
    ) -> Option<Mention> {
        if !self.german || i <= start || tokens[i - 1].kind != Kind::Punct(',') {
            return None;
        }
        let (mention, mut end) = self.np_forward_with_end(tokens, cue_end, limit)?;
        if mention.kind == MentionKind::Pronoun {
            return None;
        }
        while self.lower_is(tokens.get(end), &["weiter", "abschließend", "zufolge", "damals"]) {
            end += 1;
        }
        match tokens.get(end).map(|t| t.kind) {
            None | Some(Kind::Punct(',' | '.' | ':' | ';' | ')' | '!' | '?')) => Some(mention),
            _ => None,
        }
    }

    /// Pattern 2: the nearest cue before the quotation in its sentence.
    fn cue_before(&self, tokens: &[Token], start: usize, q: usize, done: &[Attribution]) -> Option<Found> {
        let mut fallback: Option<Found> = None;
        let mut i = q;
        while i > start {
            i -= 1;
            let Some((kind, cue_end)) = self.cue_at(tokens, i, q) else { continue };
            let cue = Span::new(tokens[i].span.start, tokens[cue_end - 1].span.end);
            match kind {
                CueKind::Verb => {
                    let mention = self.verb_subject(tokens, start, i, cue_end, q);
                    if mention.is_some() {
                        return Some(Found { cue, mention });
                    }
                    fallback.get_or_insert(Found { cue, mention: None });
                }
                CueKind::Participle => {
                    // The speaker of the clause it hangs on: an earlier cue, or
                    // the quotation before it in the same sentence.
                    for j in (start..i).rev() {
                        if let Kind::Quote(other) = tokens[j].kind {
                            if let Some(speaker) = done.get(other).and_then(|a| a.speaker.as_ref()) {
                                return Some(Found {
                                    cue,
                                    mention: Some(Mention { span: speaker.span, kind: MentionKind::Name }),
                                });
                            }
                        }
                        if let Some((CueKind::Verb, other_end)) = self.cue_at(tokens, j, i) {
                            if let Some(mention) = self.verb_subject(tokens, start, j, other_end, i) {
                                return Some(Found { cue, mention: Some(mention) });
                            }
                        }
                    }
                    // ", saying" after a clause whose verb is no cue ("Sunak
                    // defended the plan, saying …"): the person named in it.
                    let after_comma = i > start && tokens[i - 1].kind == Kind::Punct(',');
                    if let Some(mention) =
                        after_comma.then(|| self.sentence_subject(tokens, start, i - 1)).flatten()
                    {
                        return Some(Found { cue, mention: Some(mention) });
                    }
                    fallback.get_or_insert(Found { cue, mention: None });
                }
                CueKind::SpeakerAfter => {
                    if let Some(mention) = self.np_after(tokens, cue_end, q) {
                        return Some(Found { cue, mention: Some(mention) });
                    }
                }
                CueKind::SpeakerBefore => {
                    if let Some(mention) = self.np_before(tokens, start, i) {
                        return Some(Found { cue, mention: Some(mention) });
                    }
                }
                CueKind::Marker => {
                    if fallback.is_none() {
                        let mention = self.sentence_subject(tokens, start, q);
                        fallback = Some(Found { cue, mention });
                    }
                }
                CueKind::SoAfterQuote => {
                    // „A“, so X, „B“: right after another quotation; or a
                    // parenthetical ", so X," / ", so X:" before it.
                    let after_quote = i > start
                        && (matches!(tokens[i - 1].kind, Kind::Quote(_))
                            || (i > start + 1
                                && tokens[i - 1].kind == Kind::Punct(',')
                                && matches!(tokens[i - 2].kind, Kind::Quote(_))));
                    let mention = if after_quote {
                        self.np_after(tokens, cue_end, q)
                    } else {
                        self.parenthetical_so(tokens, start, i, cue_end, q)
                    };
                    if let Some(mention) = mention {
                        return Some(Found { cue, mention: Some(mention) });
                    }
                }
                CueKind::Source => {}
            }
        }
        fallback
    }

    /// Pattern 3: a cue later in the sentence („A“ hätten „B“, so Murtha).
    fn cue_later(&self, tokens: &[Token], q: usize, end: usize) -> Option<Found> {
        for i in q + 1..end {
            let Some((kind, cue_end)) = self.cue_at(tokens, i, end) else { continue };
            let cue = Span::new(tokens[i].span.start, tokens[cue_end - 1].span.end);
            let mention = match kind {
                CueKind::SoAfterQuote => {
                    let after_quote = matches!(tokens[i - 1].kind, Kind::Quote(_))
                        || (tokens[i - 1].kind == Kind::Punct(',')
                            && i >= 2
                            && matches!(tokens[i - 2].kind, Kind::Quote(_)));
                    if after_quote {
                        self.np_after(tokens, cue_end, end)
                    } else {
                        self.parenthetical_so(tokens, q + 1, i, cue_end, end)
                    }
                }
                CueKind::Verb => self.verb_subject(tokens, q + 1, i, cue_end, end),
                CueKind::SpeakerAfter => self.np_after(tokens, cue_end, end),
                _ => continue,
            };
            if mention.is_some() {
                return Some(Found { cue, mention });
            }
        }
        None
    }

    /// The subject of a verb cue at `i..cue_end`, before it or (inverted)
    /// after it, within `start..limit`.
    fn verb_subject(
        &self,
        tokens: &[Token],
        start: usize,
        i: usize,
        cue_end: usize,
        limit: usize,
    ) -> Option<Mention> {
        let before = || self.np_before(tokens, start, i);
        let after = || self.np_after(tokens, cue_end, limit);
        let coordinated = || {
            // "Putin cited … and said that": the subject of the sentence.
            let previous = i.checked_sub(1).and_then(|j| tokens.get(j));
            (self.lower_is(previous, &["and", "und", "but", "aber"])
                || previous.is_some_and(|t| t.kind == Kind::Punct(',')))
            .then(|| self.sentence_subject(tokens, start, i))
            .flatten()
        };
        if self.german {
            // Verb-second: the subject stands first ("Der Minister sagte") or
            // right after the verb ("In einem Interview sagte er").
            let before = before()
                .filter(|m| m.kind == MentionKind::Pronoun || self.opens_clause(tokens, start, m.span.start));
            let before = before.filter(|m| {
                let first = slice(self.text, m.span).split_whitespace().next().unwrap_or("");
                let single = !slice(self.text, m.span).contains(' ');
                !OBJECT_DETERMINERS.contains(&to_lower(first).as_ref())
                    && (!single || m.kind == MentionKind::Pronoun || self.people.is_person_word(first))
            });
            let after = after().filter(|m| {
                let first = slice(self.text, m.span).split_whitespace().next().unwrap_or("").to_lowercase();
                !OBJECT_DETERMINERS.contains(&first.as_str())
                    && (m.kind != MentionKind::Pronoun || first == "er" || first == "sie")
            });
            let after_first = after.is_some_and(|m| {
                m.kind == MentionKind::Pronoun
                    || (m.kind == MentionKind::Name
                        && !DETERMINERS.contains(
                            &slice(self.text, m.span)
                                .split_whitespace()
                                .next()
                                .unwrap_or("")
                                .to_lowercase()
                                .as_str(),
                        ))
            });
            // "X nannte Y „…“", "X bezeichnete Y als „…“": the noun phrase
            // after a verb of naming is its accusative object, so a subject
            // opening the clause wins.
            let naming = self.lower_is(tokens.get(i), NAMING_VERBS);
            // "Die Firma bestätigte das nicht und nannte sie „…“": a verb
            // right after a conjunction shares the subject of the clause
            // before; what follows it is an object.
            let conjunction = i.checked_sub(1).filter(|&j| j > start);
            if conjunction.is_some_and(|j| self.lower_is(tokens.get(j), &["und", "aber", "sowie", "oder"])) {
                if let Some(subject) = conjunction.and_then(|j| self.german_first_np(tokens, start, j)) {
                    return Some(subject);
                }
            }
            // A personal pronoun opening the clause is its subject ("Sie
            // schrieben Parolen wie „…“"): what follows the verb is an object.
            let pronoun_first = before.is_some_and(|m| {
                m.kind == MentionKind::Pronoun
                    && self.opens_clause(tokens, start, m.span.start)
                    && self.lower_is(tokens.iter().find(|t| t.span == m.span), &["er", "sie", "ich", "wir"])
            });
            let chosen = if after_first && !(naming && before.is_some()) && !pronoun_first {
                after.or(before)
            } else {
                before.or(after)
            };
            // Failing that, the likeliest subject of the clause (German
            // capitalises its first word, so "the first noun phrase" is no
            // guide: "Selbst die Zeitschrift hatte kritisiert …").
            chosen.or_else(coordinated).or_else(|| self.german_first_np(tokens, start, i))
        } else {
            before().or_else(coordinated).or_else(after).or_else(|| self.first_np(tokens, start, i))
        }
    }

    /// The noun phrase opening the sentence, when it opens with one: the
    /// subject of a verb at the end of the clause ("Der Vorsitzende des
    /// Verbands, Michael Knipper, kritisierte …" / "X hat … erklärt:").
    fn first_np(&self, tokens: &[Token], start: usize, cue: usize) -> Option<Mention> {
        let mut i = start;
        while i < cue && matches!(tokens[i].kind, Kind::Punct(_)) {
            i += 1;
        }
        // A topic label before a colon ("Europe: The party wants …") is not
        // the subject.
        if i + 2 < cue && tokens[i].kind == Kind::Word && tokens[i + 1].kind == Kind::Punct(':') {
            i += 2;
        }
        let mention = self.np_after(tokens, i, cue)?;
        // Nothing but the subject, an appositive, adverbs and phrases
        // between it and the cue: no second verb of saying.
        (mention.kind != MentionKind::Pronoun || i < cue).then_some(mention)
    }

    /// The first person-like mention of the sentence that is not the object
    /// of a preposition, searching back from `end`.
    fn sentence_subject(&self, tokens: &[Token], start: usize, end: usize) -> Option<Mention> {
        let mut i = end;
        while i > start {
            i -= 1;
            let Some(word) = self.word(&tokens[i]) else { continue };
            let lower = to_lower(word);
            let pronoun = PRONOUNS.contains(&lower.as_ref()) && lower != "it";
            let name = is_capitalized(word) && !is_stopword(&lower) && self.people.is_person_word(word);
            if !(pronoun || name) {
                continue;
            }
            let preceded_by_preposition = i > start && self.after_preposition(tokens.get(i - 1));
            if preceded_by_preposition {
                continue;
            }
            if pronoun {
                return Some(Mention { span: tokens[i].span, kind: MentionKind::Pronoun });
            }
            return self.np_before(tokens, start, i + 1);
        }
        None
    }

    /// The noun phrase ending right before token `end` (after skipping
    /// adverbs and auxiliaries).
    fn np_before(&self, tokens: &[Token], start: usize, end: usize) -> Option<Mention> {
        let mut j = end;
        let mut skipped = 0;
        while j > start && skipped < 4 {
            if self.lower_is(tokens.get(j - 1), SKIP) {
                j -= 1;
            } else if let Some(marker) = self.marker_ending_at(tokens, start, j) {
                j = marker;
            } else {
                break;
            }
            skipped += 1;
        }
        if j <= start {
            return None;
        }
        // "Henning Scherf (SPD), warnte": a parenthesis after the name.
        if tokens[j - 1].kind == Kind::Punct(')') {
            let open = (start..j - 1).rev().take(6).find(|&k| tokens[k].kind == Kind::Punct('('));
            if let Some(open) = open.filter(|&k| k > start) {
                j = open;
            }
        }
        if tokens[j - 1].kind == Kind::Punct(',') && j >= start + 2 {
            // "Der Vorsitzende, Michael Knipper, sagte": the appositive.
            return self
                .np_before(tokens, start, j - 1)
                .filter(|m| m.kind != MentionKind::Pronoun && m.kind != MentionKind::Description);
        }
        let last = &tokens[j - 1];
        let word = self.word(last)?;
        let lower = to_lower(word);
        if PRONOUNS.contains(&lower.as_ref()) {
            return Some(Mention { span: last.span, kind: MentionKind::Pronoun });
        }
        let mut k = j - 1;
        let kind;
        if is_capitalized(word) && !is_stopword(&lower) {
            kind = MentionKind::Name;
            while k > start && !tokens[k].glued {
                let previous = &tokens[k - 1];
                let Some(previous_word) = self.word(previous) else { break };
                let previous_lower = to_lower(previous_word);
                if is_capitalized(previous_word) && !is_stopword(&previous_lower) {
                    k -= 1;
                } else if (CONNECTORS.contains(&previous_lower.as_ref())
                    && k >= start + 2
                    && self
                        .word(&tokens[k - 2])
                        .is_some_and(|w| is_capitalized(w) && !is_stopword(&to_lower(w))))
                    || (matches!(previous_lower.as_ref(), "der" | "den")
                        && k >= start + 2
                        && self.word(&tokens[k - 2]).is_some_and(|w| matches!(w, "Von" | "Van" | "De")))
                {
                    k -= 2;
                } else if matches!(previous_lower.as_ref(), "der" | "des" | "dem" | "the")
                    && k >= start + 3
                    && self.lower_is(tokens.get(k - 2), &["von", "of"])
                    && self.word(&tokens[k - 3]).is_some_and(is_capitalized)
                {
                    k -= 3;
                } else {
                    break;
                }
            }
        } else if PLURAL_SPEAKERS.contains(&lower.as_ref()) || !is_stopword(&lower) {
            kind = MentionKind::Description;
        } else {
            return None;
        }
        // Extend over adjectives to a determiner ("the Chinese state agency").
        let mut begin = k;
        if !tokens[k].glued {
            for back in 1..=4 {
                let Some(index) = k.checked_sub(back).filter(|&x| x >= start) else { break };
                let Some(w) = self.word(&tokens[index]) else { break };
                let wl = to_lower(w);
                if DETERMINERS.contains(&wl.as_ref()) {
                    begin = index;
                    break;
                }
                if is_stopword(&wl) || self.cue_at(tokens, index, end).is_some() {
                    break;
                }
            }
        }
        if kind == MentionKind::Description && begin == k && !PLURAL_SPEAKERS.contains(&lower.as_ref()) {
            return None;
        }
        // "Sources familiar with the matter said", "officials in the region
        // said": the noun phrase is a preposition's object; the speakers
        // are the plural noun before it.
        if !self.german
            && begin > start
            && self.lower_is(tokens.get(begin - 1), &["with", "in", "at", "from", "close"])
        {
            let head =
                (start..begin - 1).rev().take(3).find(|&h| self.lower_is(tokens.get(h), PLURAL_SPEAKERS));
            if let Some(head) = head {
                return Some(Mention {
                    span: Span::new(tokens[head].span.start, last.span.end),
                    kind: MentionKind::Description,
                });
            }
        }
        // "the chairman of the 1922 Committee warned": the speaker is the
        // role before "of", not the body after it.
        if !self.german && kind == MentionKind::Name && begin >= start + 3 {
            let role = begin - 2;
            let of = self.lower_is(tokens.get(begin - 1), &["of"]);
            let role_word =
                self.word(&tokens[role]).filter(|w| !is_capitalized(w) && people::is_title(&to_lower(w)));
            if of && role_word.is_some() && self.lower_is(tokens.get(role - 1), DETERMINERS) {
                return Some(Mention {
                    span: Span::new(tokens[role - 1].span.start, last.span.end),
                    kind: MentionKind::Description,
                });
            }
        }
        Some(Mention { span: Span::new(tokens[begin].span.start, last.span.end), kind })
    }

    /// The start of a marker phrase ("mit den Worten") ending right before `end`.
    fn marker_ending_at(&self, tokens: &[Token], start: usize, end: usize) -> Option<usize> {
        (start..end).rev().take(4).find(|&i| {
            self.cue_at(tokens, i, end).is_some_and(|(kind, e)| kind == CueKind::Marker && e == end)
        })
    }

    /// Whether a mention starting at byte `at` opens its clause: nothing but
    /// punctuation or a quotation between the sentence start and it.
    fn opens_clause(&self, tokens: &[Token], start: usize, at: usize) -> bool {
        let Some(first) = tokens[start..].iter().position(|t| t.span.start >= at) else { return false };
        tokens[start..start + first]
            .iter()
            .rev()
            .take_while(|t| t.kind != Kind::Punct(','))
            .all(|t| !matches!(t.kind, Kind::Word))
            || tokens[start..start + first].iter().all(|t| !matches!(t.kind, Kind::Word))
    }

    /// The noun phrase starting at token `start`, before `limit`.
    fn np_after(&self, tokens: &[Token], start: usize, limit: usize) -> Option<Mention> {
        self.np_forward_with_end(tokens, start, limit).map(|(m, _)| m)
    }

    fn np_forward_with_end(&self, tokens: &[Token], start: usize, limit: usize) -> Option<(Mention, usize)> {
        let start = if self.lower_is(tokens.get(start), &["sich"]) { start + 1 } else { start };
        let first = tokens.get(start).filter(|_| start < limit)?;
        if self.german {
            // „Die Zeit“ / die „Computerwoche“: a publication's name.
            if let Some(found) = self.quoted_name(tokens, start, limit) {
                return Some(found);
            }
        }
        let word = self.word(first)?;
        let lower = to_lower(word);
        if PRONOUNS.contains(&lower.as_ref()) {
            return Some((Mention { span: first.span, kind: MentionKind::Pronoun }, start + 1));
        }
        let mut i = start;
        let mut kind = MentionKind::Name;
        // German "das" is an article before a noun ("so das Gericht"), else
        // a pronoun ("das sagte er").
        let das_article = self.german
            && lower == "das"
            && tokens
                .get(start + 1)
                .and_then(|t| self.word(t))
                .is_some_and(|w| is_capitalized(w) && !is_stopword(&to_lower(w)));
        if DETERMINERS.contains(&lower.as_ref())
            && (das_article || !matches!(lower.as_ref(), "that" | "this" | "das"))
        {
            kind = MentionKind::Description;
            i += 1;
        } else if !is_capitalized(word) || is_stopword(&lower) {
            // "said coach Mara Feld", "said finance minister Tomas Brandt".
            let is_plain = |t: Option<&Token>| {
                t.and_then(|t| self.word(t)).is_some_and(|w| {
                    !is_capitalized(w) && !is_stopword(&to_lower(w)) && !SKIP.contains(&to_lower(w).as_ref())
                })
            };
            let is_name = |t: Option<&Token>| {
                t.and_then(|t| self.word(t)).is_some_and(|w| is_capitalized(w) && !is_stopword(&to_lower(w)))
            };
            let titled = is_plain(Some(first))
                && (is_name(tokens.get(start + 1))
                    || (is_plain(tokens.get(start + 1)) && is_name(tokens.get(start + 2))));
            if !titled || self.cue_at(tokens, start, limit).is_some() {
                return None;
            }
            i += if is_name(tokens.get(start + 1)) { 1 } else { 2 };
        }
        let mut end = i;
        let mut count = 0;
        while i < limit && count < 10 {
            let Some(w) = self.word(&tokens[i]) else { break };
            let wl = to_lower(w);
            if is_capitalized(w) && !is_stopword(&wl) {
                if tokens[i].glued && end > start {
                    break;
                }
                kind = if kind == MentionKind::Description && end == start + 1 {
                    MentionKind::Name
                } else {
                    kind
                };
                i += 1;
                end = i;
            } else if kind == MentionKind::Description
                && end == i
                && !is_stopword(&wl)
                && !SKIP.contains(&wl.as_ref())
                && self.cue_at(tokens, i, limit).is_none()
                && !is_capitalized(w)
                && end <= start + 3
            {
                i += 1;
                end = i;
            } else if CONNECTORS.contains(&wl.as_ref())
                && end > start
                && tokens
                    .get(i + 1)
                    .and_then(|t| self.word(t))
                    .is_some_and(|n| is_capitalized(n) && !is_stopword(&to_lower(n)))
            {
                i += 1;
            } else {
                break;
            }
            count += 1;
        }
        if end <= start || (kind == MentionKind::Description && end == start + 1) {
            return None;
        }
        // "wrote Harlow Bank analyst Mark Chen": an employer, a job and the
        // person's name make one noun phrase.
        if !self.german && kind == MentionKind::Name && end + 1 < limit {
            let job = self.word(&tokens[end]).is_some_and(|w| {
                let lower = to_lower(w);
                !is_capitalized(w)
                    && !is_stopword(&lower)
                    && !SKIP.contains(&lower.as_ref())
                    && !CONNECTORS.contains(&lower.as_ref())
                    && self.cue_at(tokens, end, limit).is_none()
            });
            let mut name_end = end + 1;
            while name_end < limit
                && name_end < end + 4
                && !tokens[name_end].glued
                && self
                    .word(&tokens[name_end])
                    .is_some_and(|w| is_capitalized(w) && !is_stopword(&to_lower(w)))
            {
                name_end += 1;
            }
            if job && name_end > end + 1 {
                end = name_end;
            }
        }
        Some((Mention { span: Span::new(first.span.start, tokens[end - 1].span.end), kind }, end))
    }

    /// Carry-over for a quotation with no cue of its own.
    fn carry_over(&self, p: usize, t: usize, s: usize, done: &[Attribution]) -> Option<Found> {
        let paragraph = self.document.paragraph(p);
        let sentence = paragraph.sentences[s].clone();
        // Only a quotation standing as its own sentence carries over.
        let before = &paragraph.tokens[sentence.start..t];
        let stands_alone = before.iter().all(|token| matches!(token.kind, Kind::Punct(_) | Kind::Quote(_)))
            // German "Und: „…“", "Weiter: „…“": a bare connective and a
            // colon go on with the speaker before.
            || (self.german
                && before.last().is_some_and(|t| t.kind == Kind::Punct(':'))
                && before.iter().filter(|t| t.kind == Kind::Word).count() <= 2
                && self.clause_subject(&paragraph.tokens, sentence.start, t.saturating_sub(1)).is_none());
        let reported = self.german
            && paragraph.tokens[sentence.clone()].iter().any(|token| self.lower_is(Some(token), SUBJUNCTIVE));
        if !stands_alone && !reported {
            return None;
        }
        let (tokens, previous) = if s > 0 {
            let previous = paragraph.sentences[s - 1].clone();
            // The speaker of the sentence before, or failing that its named
            // subject ("Die SPD will … festhalten. „Wir wollen …“").
            return self.carry_from(&paragraph.tokens, previous.clone(), done).or_else(|| {
                self.first_np(&paragraph.tokens, previous.start, previous.end)
                    .filter(|m| m.kind == MentionKind::Name && stands_alone)
                    // "Not everyone is sad.", "Many stayed.": a sentence
                    // starter, not someone who could speak next.
                    .filter(|m| {
                        let first = slice(self.text, m.span).split_whitespace().next().unwrap_or("");
                        !crate::analysis::actors::lexicon::is_not_name(first)
                    })
                    .filter(|m| !self.german || self.german_plausible(&paragraph.tokens, previous.start, m))
                    .or_else(|| {
                        (self.german && stands_alone && self.statement_at(&paragraph.tokens, t))
                            .then(|| self.reported_person(&paragraph.tokens, &paragraph.sentences[..s]))
                            .flatten()
                    })
                    .map(|m| Found { cue: Span::default(), mention: Some(m) })
            });
        } else {
            let before = self.document.previous_with_sentences(p)?;
            let last = before.sentences.last()?.clone();
            // The previous paragraph must end in an attributed quotation or an
            // introduction ending in a colon.
            let ends_with_colon =
                last.end > last.start && tokens_end_with_colon(&before.tokens[last.clone()]);
            let has_quote = before.tokens[last.clone()].iter().any(|t| matches!(t.kind, Kind::Quote(_)));
            if !ends_with_colon && !has_quote {
                return None;
            }
            if ends_with_colon && !has_quote {
                // "Coach Mara Feld was blunt about the defeat:" — its subject.
                let intro = self.carry_from(&before.tokens, last.clone(), done);
                let subject = || self.first_np(&before.tokens, last.start, last.end - 1);
                return intro.or_else(|| subject().map(|m| Found { cue: Span::default(), mention: Some(m) }));
            }
            (&before.tokens, last)
        };
        self.carry_from(tokens, previous, done)
    }

    /// The speaker of sentence `previous`: its attributed quotation, or its
    /// cue with a speaker.
    fn carry_from(
        &self,
        tokens: &[Token],
        previous: std::ops::Range<usize>,
        done: &[Attribution],
    ) -> Option<Found> {
        // An attributed quotation in the previous sentence.
        for token in tokens[previous.clone()].iter().rev() {
            if let Kind::Quote(other) = token.kind {
                if let Some(attribution) = done.get(other).filter(|a| a.speaker.is_some()) {
                    let speaker = attribution.speaker.as_ref()?;
                    return Some(Found {
                        cue: attribution.cue.unwrap_or_default(),
                        mention: Some(Mention { span: speaker.span, kind: MentionKind::Name }),
                    });
                }
            }
        }
        // Or a cue with a speaker (indirect speech, or "X said:").
        for i in (previous.start..previous.end).rev() {
            let Some((kind, cue_end)) = self.cue_at(tokens, i, previous.end) else { continue };
            let mention = match kind {
                CueKind::Verb => self.verb_subject(tokens, previous.start, i, cue_end, previous.end),
                CueKind::SpeakerAfter => self.np_after(tokens, cue_end, previous.end),
                _ => None,
            };
            if let Some(mention) = mention {
                return Some(Found {
                    cue: Span::new(tokens[i].span.start, tokens[cue_end - 1].span.end),
                    mention: Some(mention),
                });
            }
        }
        None
    }

    /// Whether the quotation at `start` is introduced as a term or title.
    fn is_term(&self, start: usize) -> bool {
        let before = &self.text[..crate::analysis::settings::floor_char_boundary(self.text, start)];
        // The last 40 characters, trimmed.
        let from = before.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
        let tail = before[from..].trim_end().trim_end_matches([':', '(']).trim_end();
        // Lower-casing maps each character on its own, to one character or
        // more, so the lowercase of the tail's last characters is the end of
        // the tail's lowercase: as many as the longest marker has, and one
        // for the character before it, are all the test reads.
        let from = tail.char_indices().rev().nth(LONGEST_TERM_MARKER).map_or(0, |(i, _)| i);
        let lower = Lower::of(&tail[from..]);
        // Read once (each read of a `Lower` checks its bytes).
        let tail = lower.as_str();
        // A marker matches only when the tail's last run of letters and
        // digits is the marker's last word (what follows its last space or
        // hyphen, itself preceded by no letter): one look-up rules out
        // nearly every tail.
        let word_start = tail
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let last_word = &tail[word_start..];
        if !term_marker_last_words().contains(last_word) {
            return false;
        }
        TERM_MARKERS.iter().any(|marker| {
            tail.ends_with(marker)
                && tail[..tail.len() - marker.len()].chars().last().is_none_or(|c| !c.is_alphanumeric())
        })
    }

    /// Whether the quotation names something (a title, a newspaper, a web
    /// site): several words all capitalised, a single capitalised word
    /// right after a capitalised noun ("der Sender „Silverbird“"), or a
    /// domain name.
    fn name_like(&self, inner: Span, start: usize) -> bool {
        let inner_text = slice(self.text, inner).trim();
        const SMALL: &[&str] = &[
            "of", "the", "and", "du", "de", "des", "la", "le", "für", "und", "pour", "un", "-", "&", "with",
        ];
        let capitalised = |w: &&str| {
            w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || SMALL.contains(&to_lower(w).as_ref())
        };
        if !self.german && inner_text.contains(char::is_whitespace) {
            // Several English words name something only when all are
            // capitalised (or small words), the first with a capital: read
            // no further than the first that is not (most quotations are
            // speech, and tell so within a few words).
            let mut words = inner_text.split_whitespace();
            let Some(first) = words.next().filter(|w| is_capitalized(w)) else { return false };
            let (mut count, mut last) = (1, first);
            for word in words {
                count += 1;
                if count > 8 || !capitalised(&word) {
                    return false;
                }
                last = word;
            }
            return !last.ends_with(['.', '!', '?']);
        }
        // Nine words are enough to tell it has more than eight.
        let words: Vec<&str> = inner_text.split_whitespace().take(9).collect();
        if words.is_empty() || words.len() > 8 {
            return false;
        }
        if words.len() >= 2
            && words.iter().all(capitalised)
            && words.first().is_some_and(|w| is_capitalized(w))
        {
            return !words.last().is_some_and(|w| w.ends_with(['.', '!', '?']));
        }
        if self.german && self.german_named_after_article(&words, start) {
            return true;
        }
        if words.len() == 1 && inner_text.contains('.') && !inner_text.ends_with('.') {
            return true;
        }
        if words.len() == 1 && is_capitalized(inner_text) {
            let (before, previous) = word_before(self.text, start, |c| c.is_alphanumeric() || c == '-');
            let sentence_start =
                before[..before.len() - previous.len()].trim_end().ends_with(['.', '!', '?', ':']);
            return is_capitalized(previous)
                && !sentence_start
                && !is_stopword(&to_lower(previous))
                && !self.people.is_person_word(previous);
        }
        false
    }

    /// Whether a short quotation with no cue is still a fragment of speech:
    /// it holds a verb form or a personal pronoun ("would answer", "does not
    /// foresee"), or completes a clause ("that “…”", "considering “…”").
    /// Scare quotes and terms are noun phrases after a determiner.
    fn reads_as_speech(&self, inner: Span, start: usize) -> bool {
        const CLAUSE_WORDS: &[&str] = &[
            "would", "will", "can", "could", "should", "must", "may", "might", "does", "do", "did", "is",
            "are", "was", "were", "has", "have", "had", "not", "never", "we", "i", "you", "our", "my", "us",
            "me",
        ];
        let inner_text = slice(self.text, inner);
        let has_clause_word = inner_text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .any(|w| CLAUSE_WORDS.contains(&to_lower(w).as_ref()));
        if self.german {
            return false;
        }
        if has_clause_word {
            return true;
        }
        let previous = Lower::of(word_before(self.text, start, char::is_alphanumeric).1);
        &*previous == "that" || (previous.len() > 5 && previous.ends_with("ing"))
    }

    /// German only: a capitalised quotation of a few words right after a
    /// capitalised noun names something ("die Ausstellung „Haribo – Mit dem
    /// Goldbären zur Kultmarke“", "der Firma „Hvalur hf“").
    fn german_appositive(&self, inner: Span, start: usize) -> bool {
        if !self.german {
            return false;
        }
        let inner_text = slice(self.text, inner).trim();
        if inner_text.split_whitespace().count() > 8 || !is_capitalized(inner_text) {
            return false;
        }
        let (_, previous) = word_before(self.text, start, |c| c.is_alphanumeric() || c == '-');
        is_capitalized(previous) && !is_stopword(&to_lower(previous)) && !self.people.is_person_word(previous)
    }

    /// Whether the quoted words look like a title (most words capitalised).
    fn title_like(&self, inner: Span) -> bool {
        if self.german {
            return false;
        }
        // Eleven words are enough to tell it has more than ten.
        let words: Vec<&str> = slice(self.text, inner).split_whitespace().take(11).collect();
        if words.len() < 2 || words.len() > 10 {
            return false;
        }
        let capitalised = words.iter().filter(|w| is_capitalized(w)).count();
        capitalised * 4 >= words.len() * 3
    }

    /// Turn a mention into a speaker: the actor or person it names.
    fn resolve(&self, mention: Mention) -> Speaker {
        let written = slice(self.text, mention.span);
        // A speaker carried over from another quotation keeps its span; a
        // pronoun there is resolved as the pronoun it is.
        let mut mention = mention;
        if mention.kind != MentionKind::Pronoun && PRONOUNS.contains(&to_lower(written).as_ref()) {
            mention.kind = MentionKind::Pronoun;
        }
        let person = match mention.kind {
            MentionKind::Pronoun => {
                self.people.antecedent(mention.span.start, &written.to_lowercase(), self.text)
            }
            // "a spokesperson", "one Conservative MP": someone the article
            // does not name, whoever else it names nearby.
            MentionKind::Name | MentionKind::Description if is_indefinite(written) => None,
            MentionKind::Name | MentionKind::Description => {
                self.people.overlapping(mention.span).or_else(|| self.people.by_role(mention.span, self.text))
            }
        };
        match person {
            Some(person) => Speaker {
                span: mention.span,
                name: Some(person.name.to_string()),
                actor: person.actor,
                introduced: person.mentions.first().copied(),
            },
            None => Speaker {
                span: mention.span,
                name: (mention.kind != MentionKind::Pronoun).then(|| written.to_owned()),
                actor: None,
                introduced: None,
            },
        }
    }
}

/// Whether a description starts with an indefinite determiner ("a
/// spokesperson", "an aide", "one official", "eine Sprecherin").
fn is_indefinite(description: &str) -> bool {
    const INDEFINITE: &[&str] =
        &["a", "an", "one", "another", "some", "ein", "eine", "einer", "eines", "einem", "einen"];
    description.split_whitespace().next().is_some_and(|first| INDEFINITE.contains(&to_lower(first).as_ref()))
}

/// The index of the quotation token whose inner span is `inner`.
fn tl_of(tokens: &[Token], inner: Span) -> Option<usize> {
    tokens.iter().rposition(|t| {
        matches!(t.kind, Kind::Quote(_)) && t.span.start < inner.end && inner.start < t.span.end
    })
}

fn tokens_end_with_colon(tokens: &[Token]) -> bool {
    tokens.last().is_some_and(|t| t.kind == Kind::Punct(':'))
}

/// The text before `offset` with trailing whitespace trimmed, and the word it
/// ends with: the run of characters for which `part_of_word` holds (empty
/// when it ends with something else).
fn word_before(text: &str, offset: usize, part_of_word: impl Fn(char) -> bool) -> (&str, &str) {
    let before = text[..crate::analysis::settings::floor_char_boundary(text, offset)].trim_end();
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| part_of_word(c))
        .last()
        .map_or(before.len(), |(index, _)| index);
    (before, &before[word_start..])
}

#[cfg(test)]
mod tests;
