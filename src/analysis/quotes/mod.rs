//! Quotation marks: classify every mark, pair them with nesting, and record
//! what cannot be paired.
//!
//! The pass reads marks the way a copy editor does:
//!
//! 1. every quote glyph in the prose is a candidate (`collect`);
//! 2. the convention in force is the setting, or for `auto` the one the
//!    document's glyphs point to (`convention::resolve`);
//! 3. paragraph by paragraph, each candidate is classified from its
//!    neighbours (letter, digit, space, punctuation on either side) and the
//!    quotations open at that moment: apostrophe, measurement, opening or
//!    closing mark (`Pairer::mark`);
//! 4. openings go on a stack; a closing mark pairs with the nearest open
//!    quotation of its family (double “ „ « " or single ‘ ‚ ‹ ');
//! 5. at a paragraph's end, open quotations continue only when the next
//!    paragraph reopens every open level (“‘ or Spanish »); otherwise they are
//!    unclosed.

pub mod convention;
mod hover;
pub mod verify;

pub use convention::Convention;
pub use hover::hover;

use crate::analysis::finding::TextEdit;
use crate::analysis::limits;
use crate::analysis::memo::Memo;
use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::Article;
use convention::GlyphCounts;

/// What a quotation-mark character is doing where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkRole {
    Opening,
    Closing,
    Apostrophe,
    /// An inch or foot mark (5'10", 12").
    Measurement,
}

/// One quotation-mark character in the prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    pub glyph: char,
    pub role: MarkRole,
    /// For an opening (or reopening) mark, its closing mark; for a closing
    /// mark, the mark that opened its quotation.
    pub partner: Option<usize>,
    /// Index into [`Quotes::quotations`] of the quotation this mark opens,
    /// reopens or closes.
    pub quotation: Option<usize>,
}

/// One direct quotation: from its opening mark to its closing mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the closing mark, both included. For a
    /// quotation running over several paragraphs, up to the final closing
    /// mark (or to the end of the last paragraph when it is never closed).
    pub span: Span,
    /// The text between the marks.
    pub inner: Span,
    /// 0 for an outer quotation, 1 for a quotation inside it, and so on.
    pub level: usize,
    /// Indices into [`Quotes::marks`] of the opening and closing marks
    /// (closing is `None` when the quotation is unclosed).
    pub open_mark: usize,
    pub close_mark: Option<usize>,
    /// Index range into `Article::paragraphs` this quotation spans.
    pub paragraphs: std::ops::Range<usize>,
    /// The marks that reopen it at the start of each continued paragraph.
    pub reopen_marks: Vec<usize>,
}

/// A pairing problem, turned into findings by the quote rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteProblem {
    /// An opening mark never closed; `would_end` is where the quote would end.
    Unclosed { mark: usize, would_end: usize },
    /// A closing mark with no opening mark.
    Unopened { mark: usize },
    /// A pair whose marks do not belong together; `expected` is the glyph
    /// that should close it.
    Mismatched { open: usize, close: usize, expected: char },
}

/// Everything the core knows about quotation marks in a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quotes {
    pub marks: Vec<Mark>,
    pub quotations: Vec<Quotation>,
    pub problems: Vec<QuoteProblem>,
    /// The convention the marks were read in (the setting, or detected).
    pub convention: Convention,
    /// A paragraph has more quotation marks than
    /// [`limits::MAX_MARKS_PER_PARAGRAPH`]: nothing was paired, and the
    /// quote checks are skipped (see [`limits::skipped`]).
    pub limited: bool,
}

impl Quotes {
    /// The index of the mark whose span contains `offset`.
    pub fn mark_at(&self, offset: usize) -> Option<usize> {
        let index = self.marks.partition_point(|mark| mark.span.end <= offset);
        self.marks.get(index).filter(|mark| mark.span.contains(offset)).map(|_| index)
    }
}

impl Quotes {
    /// For every straight mark used as a quotation mark or apostrophe, its
    /// curly replacement in the document's convention: (mark index, glyph).
    /// Inch and foot marks stay straight.
    pub fn curly_replacements(&self) -> Vec<(usize, char)> {
        self.marks
            .iter()
            .enumerate()
            .filter_map(|(index, mark)| {
                let double = match mark.glyph {
                    '"' => true,
                    '\'' => false,
                    _ => return None,
                };
                let curly = match mark.role {
                    MarkRole::Opening => self.convention.curly(double, true),
                    MarkRole::Closing => self.convention.curly(double, false),
                    MarkRole::Apostrophe => '’',
                    MarkRole::Measurement => return None,
                };
                Some((index, curly))
            })
            .collect()
    }

    /// Whether the document uses any curly quotation mark or apostrophe.
    pub fn uses_curly(&self) -> bool {
        self.marks.iter().any(|mark| !matches!(mark.glyph, '"' | '\'') && mark.role != MarkRole::Measurement)
    }
}

/// The source action "Convert straight quotes to curly": every straight
/// quotation mark and apostrophe in the document, in its convention.
pub fn curly_quotes_action(
    context: &crate::analysis::Context<'_>,
) -> Option<crate::analysis::actions::Action> {
    let quotes = &context.analysis.quotes;
    let edits: Vec<TextEdit> = quotes
        .curly_replacements()
        .into_iter()
        .filter_map(|(index, curly)| {
            quotes.marks.get(index).map(|mark| TextEdit::replace(mark.span, curly.to_string()))
        })
        .collect();
    if edits.is_empty() {
        return None;
    }
    Some(crate::analysis::actions::Action {
        title: format!("Convert straight quotes to curly ({} style)", quotes.convention.name()),
        kind: crate::analysis::actions::ActionKind::Source("curlyQuotes"),
        edits: edits.into(),
        fixes: None,
        preferred: false,
    })
}

/// Every character copydesk reads as a possible quotation mark.
pub fn is_quote_glyph(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '„'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Double marks and single marks nest separately: a closing mark pairs with
/// the nearest open quotation of its own family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Double,
    Single,
}

pub fn family(c: char) -> Family {
    match c {
        '\'' | '‘' | '’' | '‚' | '‹' | '›' | '『' | '』' => Family::Single,
        _ => Family::Double,
    }
}

/// Classify and pair every mark in the prose of `text`. Never fails.
pub fn analyze(text: &str, article: &Article, settings: &Settings) -> Quotes {
    analyze_with(text, article, settings, &mut Memo::disabled())
}

/// [`analyze`], reusing the per-paragraph glyph scans that `memo` kept from
/// earlier versions of the document.
///
/// The local part, memoised per paragraph text, finds every quote glyph
/// (offsets relative to the paragraph) by searching only for the bytes that
/// can start one. The global part keeps the glyphs in the prose, picks the
/// convention and pairs the marks across paragraphs in time linear in the
/// number of marks: every per-mark look-ahead is precomputed once per
/// paragraph, and each family's innermost open quotation is found without
/// searching the stack.
pub fn analyze_with(text: &str, article: &Article, settings: &Settings, memo: &mut Memo) -> Quotes {
    let mut candidates = Vec::new();
    let mut limited = false;
    // A one-shot analysis keeps nothing: each paragraph is scanned into
    // one scratch list.
    let mut scratch = ParagraphGlyphs { glyphs: Vec::new(), outside_words: 0 };
    for (index, paragraph) in article.paragraphs.iter().enumerate() {
        let Span { start, end } = paragraph.span;
        let Some(body) = text.get(start..end) else { continue };
        let kept;
        let local = if memo.is_enabled() {
            kept = memo.get_or_compute(0, body, || ParagraphGlyphs::scan(body));
            &*kept
        } else {
            scratch.scan_into(body);
            &scratch
        };
        limited |= limits::paragraph_exceeds(local.outside_words);
        if !limited {
            local.prose_candidates(start, index, article, &mut candidates);
        }
    }
    if limited {
        return Quotes { limited: true, ..Quotes::default() };
    }
    let counts = count_glyphs(text, &candidates);
    let convention = convention::resolve(settings, &counts);
    let mut pairer = Pairer {
        text,
        article,
        convention,
        // Every candidate becomes a mark, and a quotation takes two marks
        // or one: sized once rather than grown from nothing.
        quotes: Quotes {
            convention,
            marks: Vec::with_capacity(candidates.len()),
            quotations: Vec::with_capacity(candidates.len() / 2 + 1),
            ..Quotes::default()
        },
        stack: Vec::new(),
        spare: Vec::new(),
        top: [None, None],
        ahead: Vec::new(),
        leading: 0,
    };
    let mut next = 0;
    for paragraph in 0..article.paragraphs.len() {
        let end = next + candidates[next..].partition_point(|c| c.paragraph == paragraph);
        pairer.paragraph(paragraph, &candidates[next..end]);
        next = end;
    }
    pairer.finish()
}

/// The quote glyphs of one paragraph, every character on its own, with
/// offsets relative to the paragraph's start: the memoised, local part of
/// the stage.
struct ParagraphGlyphs {
    glyphs: Vec<(usize, char)>,
    /// Glyphs not inside a word (the apostrophe of "it’s" is not counted),
    /// for [`limits::paragraph_exceeds`].
    outside_words: usize,
}

impl ParagraphGlyphs {
    /// Every quote glyph of `body`. Only the bytes that can begin one are
    /// visited (`"`, `'`, and the lead bytes 0xC2 of « », 0xE2 of “ ” ‘ ’ „
    /// ‚ ‹ › and 0xE3 of 「 」 『 』); never a continuation byte, so every
    /// position found is a character boundary.
    fn scan(body: &str) -> ParagraphGlyphs {
        let mut found = ParagraphGlyphs { glyphs: Vec::new(), outside_words: 0 };
        found.scan_into(body);
        found
    }

    /// [`ParagraphGlyphs::scan`] into `self`, its list cleared and reused.
    fn scan_into(&mut self, body: &str) {
        let bytes = body.as_bytes();
        let mut common = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).peekable();
        let mut rare = memchr::memchr2_iter(0xC2, 0xE3, bytes).peekable();
        let glyphs = &mut self.glyphs;
        glyphs.clear();
        let mut outside_words = 0;
        loop {
            let at = match (common.peek(), rare.peek()) {
                (Some(&a), Some(&b)) if b < a => rare.next(),
                (Some(_), _) => common.next(),
                (None, Some(_)) => rare.next(),
                (None, None) => break,
            };
            let Some(at) = at else { break };
            let Some(c) = body.get(at..).and_then(|rest| rest.chars().next()) else { continue };
            if !is_quote_glyph(c) {
                continue;
            }
            let before = body[..at].chars().next_back();
            let after = body[at + c.len_utf8()..].chars().next();
            let inside_word =
                before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
            if !inside_word {
                outside_words += 1;
            }
            glyphs.push((at, c));
        }
        self.outside_words = outside_words;
    }

    /// The candidates in the prose, at absolute offsets (the paragraph
    /// starts at `start`). A run of straight apostrophes ('' or wiki-style
    /// '''') starting in the prose is one typewriter double mark.
    fn prose_candidates(&self, start: usize, paragraph: usize, article: &Article, out: &mut Vec<Candidate>) {
        let mut glyphs = self.glyphs.iter().peekable();
        while let Some(&(offset, c)) = glyphs.next() {
            let at = start + offset;
            if !article.is_prose(at) {
                continue;
            }
            let mut end = at + c.len_utf8();
            let mut glyph = c;
            while c == '\'' && glyphs.peek().is_some_and(|&&(next, g)| g == '\'' && start + next == end) {
                glyphs.next();
                end += 1;
                glyph = '"';
            }
            out.push(Candidate { span: Span::new(at, end), glyph, paragraph });
        }
    }
}

/// A quote glyph in the prose, before classification.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    span: Span,
    glyph: char,
    paragraph: usize,
}

fn count_glyphs(text: &str, candidates: &[Candidate]) -> GlyphCounts {
    let mut counts = GlyphCounts::default();
    let mut first_curly = None;
    for candidate in candidates {
        match candidate.glyph {
            '„' => counts.low_double += 1,
            '“' => counts.left_double += 1,
            '”' => {
                counts.right_double += 1;
                let before = text[..candidate.span.start].chars().next_back();
                let after = text[candidate.span.end..].chars().next();
                if before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphanumeric) {
                    counts.right_double_opening += 1;
                }
            }
            '‘' => counts.left_single += 1,
            '«' | '»' => counts.guillemets += 1,
            _ => {}
        }
        if first_curly.is_none() && matches!(candidate.glyph, '“' | '‘' | '„' | '«') {
            first_curly = Some(candidate.glyph);
        }
    }
    counts.single_outer_first = first_curly == Some('‘');
    counts
}

/// Which way a mark faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Open,
    Close,
}

/// A quotation open at the current point of the reading.
#[derive(Clone, Copy, Debug)]
struct OpenQuote {
    quotation: usize,
    /// The latest mark that opened or reopened it.
    mark: usize,
    family: Family,
    /// A partial quotation (opened mid-sentence on a lowercase word) must be
    /// closed at its paragraph's end even when the next paragraph reopens.
    partial: bool,
    /// The stack index of the next open quotation of the same family below
    /// this one.
    below: Option<usize>,
}

/// What a mark's classification needs to know about the marks after it in
/// its paragraph, computed once per paragraph from its last mark back.
#[derive(Clone, Copy, Debug, Default)]
struct Ahead {
    /// A later mark could close an open single quotation (before another
    /// single quotation opens): a ' ’ ‘ after a non-space and before no
    /// letter or digit, with no ' ’ ‘ between that opens a word (other than
    /// an elision such as 'em or '90s).
    single_closer: bool,
    /// A later straight " follows a non-space (it could close a quotation).
    glued_straight_double: bool,
    /// A later ’ exists.
    right_single: bool,
}

struct Pairer<'a> {
    text: &'a str,
    article: &'a Article,
    convention: Convention,
    quotes: Quotes,
    stack: Vec<OpenQuote>,
    /// The stack carried into the previous paragraph, emptied: the next
    /// paragraph's stack reuses its room instead of growing a new one.
    spare: Vec<OpenQuote>,
    /// The stack index of the innermost open quotation of each family
    /// (double, single).
    top: [Option<usize>; 2],
    /// Per candidate of the current paragraph, what lies after it.
    ahead: Vec<Ahead>,
    /// How many leading candidates of the current paragraph have nothing but
    /// white space and quote glyphs before them in the paragraph.
    leading: usize,
}

fn slot(family: Family) -> usize {
    match family {
        Family::Double => 0,
        Family::Single => 1,
    }
}

impl Pairer<'_> {
    fn paragraph(&mut self, paragraph: usize, candidates: &[Candidate]) {
        let Some(para_span) = self.article.paragraphs.get(paragraph).map(|p| p.span) else { return };
        self.look_ahead(para_span, candidates);
        let spare = std::mem::take(&mut self.spare);
        let mut carried = std::mem::replace(&mut self.stack, spare);
        self.top = [None, None];
        let mut index = 0;
        let mut reopened = 0;
        // The multi-paragraph rule: the leading marks of this paragraph
        // reopen the open levels, outermost first.
        while reopened < carried.len() && index < candidates.len() {
            let candidate = candidates[index];
            if index >= self.leading
                || family(candidate.glyph) != carried[reopened].family
                || matches!(candidate.glyph, '」' | '』')
            {
                break;
            }
            let mut open = carried[reopened];
            let mark = self.push_mark(candidate, MarkRole::Opening);
            self.quotes.marks[mark].quotation = Some(open.quotation);
            if let Some(quotation) = self.quotes.quotations.get_mut(open.quotation) {
                quotation.reopen_marks.push(mark);
                quotation.paragraphs.end = paragraph + 1;
            }
            open.mark = mark;
            self.push_open(open);
            reopened += 1;
            index += 1;
        }
        if reopened < carried.len() {
            let previous_end = paragraph
                .checked_sub(1)
                .and_then(|p| self.article.paragraphs.get(p))
                .map_or(para_span.start, |p| p.span.end);
            for open in carried[reopened..].iter().rev() {
                self.unclose(*open, previous_end);
            }
        }
        for index in index..candidates.len() {
            self.mark(candidates, index, para_span);
        }
        // Newsroom exception: a paragraph ending in a partial quotation is
        // closed even when the quotation resumes.
        // (The stack holds at most this paragraph's marks: what was carried
        // in was reopened mark by mark.)
        if let Some(first_partial) = self.stack.iter().position(|open| open.partial) {
            while self.stack.len() > first_partial {
                let Some(open) = self.pop_open() else { break };
                self.unclose(open, para_span.end);
            }
        }
        carried.clear();
        self.spare = carried;
    }

    /// Precompute, for the candidates of one paragraph, the leading marks
    /// and what lies after each mark, in one pass each: every look-ahead
    /// of the classification becomes a table read, so a paragraph of n
    /// marks costs O(n) rather than O(n²).
    fn look_ahead(&mut self, para: Span, candidates: &[Candidate]) {
        self.leading = 0;
        let mut from = para.start;
        for candidate in candidates {
            let gap = self.text.get(from..candidate.span.start);
            if !gap.is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || is_quote_glyph(c))) {
                break;
            }
            self.leading += 1;
            from = candidate.span.end;
        }
        self.ahead.clear();
        self.ahead.resize(candidates.len(), Ahead::default());
        let mut after = Ahead::default();
        for (index, candidate) in candidates.iter().enumerate().rev() {
            self.ahead[index] = after;
            let prev = self.text[..candidate.span.start].chars().next_back();
            let next = self.text[candidate.span.end..].chars().next();
            if matches!(candidate.glyph, '\'' | '’' | '‘') {
                let word_before = prev.is_some_and(|c| !c.is_whitespace());
                let word_after = next.is_some_and(char::is_alphanumeric);
                if word_before && !word_after {
                    after.single_closer = true;
                } else if !word_before && word_after && !self.elision_after(candidate.span.end) {
                    after.single_closer = false;
                }
            }
            if candidate.glyph == '"' && prev.is_some_and(|c| !c.is_whitespace()) {
                after.glued_straight_double = true;
            }
            if candidate.glyph == '’' {
                after.right_single = true;
            }
        }
    }

    fn push_open(&mut self, mut open: OpenQuote) {
        let slot = slot(open.family);
        open.below = self.top[slot];
        self.top[slot] = Some(self.stack.len());
        self.stack.push(open);
    }

    fn pop_open(&mut self) -> Option<OpenQuote> {
        let open = self.stack.pop()?;
        self.top[slot(open.family)] = open.below;
        Some(open)
    }

    fn finish(mut self) -> Quotes {
        self.top = [None, None];
        let stack = std::mem::take(&mut self.stack);
        for open in stack.into_iter().rev() {
            let end = self
                .quotes
                .quotations
                .get(open.quotation)
                .and_then(|q| self.article.paragraphs.get(q.paragraphs.end.saturating_sub(1)))
                .map_or(self.text.len(), |p| p.span.end);
            self.unclose(open, end);
        }
        self.quotes.problems.sort_by_key(|problem| match *problem {
            QuoteProblem::Unclosed { mark, .. } | QuoteProblem::Unopened { mark } => mark,
            QuoteProblem::Mismatched { close, .. } => close,
        });
        self.quotes
    }

    fn push_mark(&mut self, candidate: Candidate, role: MarkRole) -> usize {
        self.quotes.marks.push(Mark {
            span: candidate.span,
            glyph: candidate.glyph,
            role,
            partner: None,
            quotation: None,
        });
        self.quotes.marks.len() - 1
    }

    fn unclose(&mut self, open: OpenQuote, would_end: usize) {
        if let Some(quotation) = self.quotes.quotations.get_mut(open.quotation) {
            let end = would_end.max(quotation.inner.start);
            quotation.span.end = end;
            quotation.inner.end = end;
        }
        self.quotes.problems.push(QuoteProblem::Unclosed { mark: open.mark, would_end });
    }

    fn open_of(&self, family: Family) -> Option<&OpenQuote> {
        self.top[slot(family)].and_then(|index| self.stack.get(index))
    }

    fn glyph_of(&self, mark: usize) -> char {
        self.quotes.marks.get(mark).map_or('"', |mark| mark.glyph)
    }

    /// Classify candidate `index` of this paragraph and pair it.
    fn mark(&mut self, candidates: &[Candidate], index: usize, para: Span) {
        let candidate = candidates[index];
        let glyph = candidate.glyph;
        let before = self.text.get(para.start..candidate.span.start).unwrap_or("");
        let after = self.text.get(candidate.span.end..para.end).unwrap_or("");
        let prev = before.chars().next_back();
        let next = after.chars().next();

        if matches!(glyph, '\'' | '‘' | '’') {
            if let Some(role) = self.single_non_quote(candidates, index, before, after) {
                self.push_mark(candidate, role);
                return;
            }
        }
        if matches!(glyph, '"' | '”') && self.is_inch_mark(candidates, index, before, after) {
            self.push_mark(candidate, MarkRole::Measurement);
            return;
        }

        // French guillemets keep a (narrow no-break) space inside. German
        // »…« touches its words, so the direct neighbours decide it. With
        // space on both sides, a quotation already open decides (« … » …
        // « : the glyph and what is open, below); with none open, read the
        // neighbours past the space.
        let guillemet_open = self.open_of(family(glyph)).is_some();
        let (can_open, can_close) = match flanking(prev, next) {
            (open, close) if open == close && !guillemet_open && matches!(glyph, '«' | '»' | '‹' | '›') =>
            {
                let inline_space = |c: &char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
                flanking(
                    before.chars().rev().find(|c| !inline_space(c)),
                    after.chars().find(|c| !inline_space(c)),
                )
            }
            direct => direct,
        };
        let direction = match glyph {
            '「' | '『' => Direction::Open,
            '」' | '』' => Direction::Close,
            _ => match (can_open, can_close) {
                (true, false) => Direction::Open,
                (false, true) => Direction::Close,
                _ => self.default_direction(glyph),
            },
        };
        match (glyph, direction) {
            // A low single mark that does not open is a comma typed as ‚.
            ('‚', Direction::Close) => return,
            // In German copy ‘ does not open (‚ does); before a word with no
            // ’ to close it, it is a transliteration mark (‘Adi).
            ('‘', Direction::Open)
                if self.convention == Convention::German && !self.ahead[index].right_single =>
            {
                self.push_mark(candidate, MarkRole::Apostrophe);
                return;
            }
            // ’ before a word is an elision (’em, ’90s) outside Swedish copy.
            ('’', Direction::Open) if self.convention != Convention::Swedish => {
                self.push_mark(candidate, MarkRole::Apostrophe);
                return;
            }
            _ => {}
        }
        match direction {
            Direction::Open => self.open(candidate, index < self.leading, after),
            Direction::Close => self.close(candidate, prev),
        }
    }

    /// The direction of a mark whose neighbours do not decide it: by its
    /// glyph, the convention and the quotations open at this point.
    fn default_direction(&self, glyph: char) -> Direction {
        let open = self.open_of(family(glyph)).map(|open| self.glyph_of(open.mark));
        let close_if = |condition: bool| if condition { Direction::Close } else { Direction::Open };
        match glyph {
            // In German copy “ and ‘ are closing marks.
            '“' => close_if(open == Some('„') || self.convention == Convention::German),
            '‘' => close_if(open == Some('‚') || self.convention == Convention::German),
            '„' | '‚' => Direction::Open,
            '«' => close_if(open == Some('»')),
            '‹' => close_if(open == Some('›')),
            '”' | '’' => close_if(open.is_some() || self.convention != Convention::Swedish),
            _ => close_if(open.is_some()),
        }
    }

    fn open(&mut self, candidate: Candidate, at_paragraph_start: bool, after: &str) {
        let mark = self.push_mark(candidate, MarkRole::Opening);
        let quotation = self.quotes.quotations.len();
        let first_letter = after.chars().find(|c| c.is_alphanumeric());
        let partial = !at_paragraph_start && first_letter.is_some_and(char::is_lowercase);
        let paragraph = candidate.paragraph;
        self.quotes.quotations.push(Quotation {
            span: Span::new(candidate.span.start, candidate.span.end),
            inner: Span::new(candidate.span.end, candidate.span.end),
            level: self.stack.len(),
            open_mark: mark,
            close_mark: None,
            paragraphs: paragraph..paragraph + 1,
            reopen_marks: Vec::new(),
        });
        self.quotes.marks[mark].quotation = Some(quotation);
        self.push_open(OpenQuote { quotation, mark, family: family(candidate.glyph), partial, below: None });
    }

    fn close(&mut self, candidate: Candidate, prev: Option<char>) {
        let fam = family(candidate.glyph);
        let Some(position) = self.top[slot(fam)] else {
            if fam == Family::Single && prev.is_some_and(char::is_alphanumeric) {
                self.push_mark(candidate, MarkRole::Apostrophe);
            } else {
                let mark = self.push_mark(candidate, MarkRole::Closing);
                self.quotes.problems.push(QuoteProblem::Unopened { mark });
            }
            return;
        };
        while self.stack.len() > position + 1 {
            let Some(open) = self.pop_open() else { break };
            self.unclose(open, candidate.span.start);
        }
        let Some(open) = self.pop_open() else { return };
        let mark = self.push_mark(candidate, MarkRole::Closing);
        let Some(quotation) = self.quotes.quotations.get_mut(open.quotation) else { return };
        quotation.close_mark = Some(mark);
        quotation.span.end = candidate.span.end;
        quotation.inner.end = candidate.span.start;
        quotation.paragraphs.end = candidate.paragraph + 1;
        let first_open = quotation.open_mark;
        let openers: Vec<usize> =
            std::iter::once(first_open).chain(quotation.reopen_marks.iter().copied()).collect();
        for opener in openers {
            self.quotes.marks[opener].partner = Some(mark);
        }
        self.quotes.marks[mark].partner = Some(first_open);
        self.quotes.marks[mark].quotation = Some(open.quotation);
        let open_glyph = self.glyph_of(first_open);
        if !self.convention.pair_is_valid(open_glyph, candidate.glyph) {
            self.quotes.problems.push(QuoteProblem::Mismatched {
                open: first_open,
                close: mark,
                expected: self.convention.closing_for(open_glyph),
            });
        }
    }

    /// Whether a ' ‘ ’ is an apostrophe or a foot mark rather than a
    /// quotation mark.
    fn single_non_quote(
        &self,
        candidates: &[Candidate],
        index: usize,
        before: &str,
        after: &str,
    ) -> Option<MarkRole> {
        let glyph = candidates[index].glyph;
        let mut back = before.chars().rev();
        let prev = back.next();
        let prev2 = back.next();
        let prev3 = back.next();
        let mut forward = after.chars();
        let next = forward.next();
        let next2 = forward.next();
        let next3 = forward.next();
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let space_or_end = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let single_open = self.open_of(Family::Single).is_some();

        // 5'10", 6' tall.
        if glyph != '‘' && digit(prev) && (digit(next) || (!alnum(next) && !single_open)) {
            return Some(MarkRole::Measurement);
        }
        // O’Brien, it’s, 1980's, council‘s.
        if alnum(prev) && alnum(next) {
            return Some(MarkRole::Apostrophe);
        }
        // rock ’n’ roll: both marks around the n.
        let is_single = |c: Option<char>| matches!(c, Some('\'' | '‘' | '’'));
        if space_or_end(prev) && matches!(next, Some('n' | 'N')) && is_single(next2) && space_or_end(next3) {
            return Some(MarkRole::Apostrophe);
        }
        if matches!(prev, Some('n' | 'N')) && is_single(prev2) && space_or_end(prev3) && space_or_end(next) {
            return Some(MarkRole::Apostrophe);
        }
        // The ’90s, '05.
        if !alnum(prev) && digit(next) && digit(next2) && !digit(next3) {
            return Some(MarkRole::Apostrophe);
        }
        // ’em, 'Tis, 'cause: an elided word start.
        if !alnum(prev)
            && alnum(next)
            && glyph == '\''
            && short_word(after, char::is_alphabetic).is_some_and(is_elided_word)
        {
            return Some(MarkRole::Apostrophe);
        }
        // runnin’, students’: a word-final mark is an apostrophe unless it
        // closes an open single quotation (and no later mark closes it
        // instead while this one is followed by more words).
        if alnum(prev) && !alnum(next) {
            if !single_open {
                return Some(MarkRole::Apostrophe);
            }
            if glyph != '‘' && next.is_some_and(char::is_whitespace) && self.ahead[index].single_closer {
                return Some(MarkRole::Apostrophe);
            }
        }
        None
    }

    /// Whether the text at `offset` starts an elided word or a decade ('em, '90s).
    fn elision_after(&self, offset: usize) -> bool {
        let after = self.text.get(offset..).unwrap_or("");
        short_word(after, char::is_alphanumeric).is_some_and(|word| {
            is_elided_word(word)
                || (word.len() == 2 || word.len() == 3) && word.starts_with(|c: char| c.is_ascii_digit())
        })
    }

    /// Whether a " or ” after a digit is an inch mark (12", 5'10").
    fn is_inch_mark(&self, candidates: &[Candidate], index: usize, before: &str, after: &str) -> bool {
        let glyph = candidates[index].glyph;
        let mut back = before.chars().rev();
        if !back.next().is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
        if after.chars().next().is_some_and(char::is_alphanumeric) {
            return false;
        }
        // 5'10": digits after a foot mark after a digit.
        let rest: String = back.skip_while(char::is_ascii_digit).take(2).collect();
        let mut rest = rest.chars();
        if matches!(rest.next(), Some('\'' | '’')) && rest.next().is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        if self.open_of(Family::Double).is_none() {
            return true;
        }
        glyph == '"' && self.ahead[index].glued_straight_double
    }
}

/// The word at the start of `text` (its characters satisfying `is_word`),
/// when it has at most 8 characters: longer words are never elisions, and
/// reading no further keeps a mark before a huge word cheap.
fn short_word(text: &str, is_word: fn(char) -> bool) -> Option<&str> {
    let mut end = 0;
    for (count, (offset, c)) in text.char_indices().enumerate() {
        if !is_word(c) {
            return Some(&text[..offset]);
        }
        if count == 8 {
            return None;
        }
        end = offset + c.len_utf8();
    }
    Some(&text[..end])
}

/// Elided words written with a leading apostrophe ('em, 'tis, 'cause; German
/// 's, 'ne).
fn is_elided_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "em" | "tis"
            | "twas"
            | "til"
            | "till"
            | "cause"
            | "bout"
            | "cept"
            | "nuff"
            | "n"
            | "round"
            | "s"
            | "ne"
            | "nen"
            | "nem"
            | "ner"
    )
}

/// Whether a mark between `prev` and `next` can open and can close a
/// quotation, from the kinds of its neighbours (as CommonMark reads `*`).
fn flanking(prev: Option<char>, next: Option<char>) -> (bool, bool) {
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    // A mark right before a closing bracket or a comma cannot open.
    let closes_clause = next.is_some_and(|c| matches!(c, ')' | ']' | '}' | ',' | ';' | '!' | '?' | '.'));
    let can_open = !space(next) && !closes_clause && (!punct(next) || space(prev) || punct(prev));
    let can_close = !space(prev) && (!punct(prev) || space(next) || punct(next));
    // An opening bracket or dash before a mark makes it an opener.
    let opens_after = prev.is_some_and(|c| matches!(c, '(' | '[' | '{' | '—' | '–' | '/'));
    if opens_after && !space(next) {
        return (true, false);
    }
    (can_open, can_close)
}

#[cfg(test)]
mod tests;
