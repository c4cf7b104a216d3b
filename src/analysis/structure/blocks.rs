//! The block pass: one walk over the lines of the text.
//!
//! Decisions worth knowing:
//! - A single newline continues a paragraph, in plain text as in Markdown; a
//!   blank line ends it. A plain-text file with one paragraph per line and no
//!   blank lines is therefore one paragraph (sentences still split).
//! - Block quotes and list items hold prose only: a fence or heading inside
//!   `> ` is read as text.
//! - Indented code follows CommonMark, except in a text where most
//!   paragraphs begin indented by four spaces or a tab: that is plain text
//!   with indented paragraphs, and there indentation means nothing.
//! - Unclosed fences and unclosed `<!--` at the start of a line run to the
//!   end of the text, as Markdown renders them.
//! - HTML tags are excluded where they stand (see `inline.rs`); a paragraph
//!   left with no letters or digits outside excluded regions is dropped.

use crate::analysis::memo::Memo;
use crate::analysis::span::Span;
use crate::analysis::structure::inline::InlineScanner;
use crate::analysis::structure::sentences::{self, Language};
use crate::analysis::structure::{Article, BlockKind, Paragraph};

/// The `date 2023-04-17` header line: the whole metadata part and the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HeaderLine {
    /// From `date` to the end of the date.
    pub whole: Span,
    /// The `YYYY-MM-DD` itself.
    pub date: Span,
}

/// Where the body starts: after a byte-order mark and front matter.
pub(crate) fn body_start(text: &str, front_matter: Option<Span>) -> usize {
    match front_matter {
        Some(span) => next_line_start(text, span.end),
        None => bom_length(text),
    }
}

/// A first non-blank line of the form `date 2023-04-17` or `Date: 2023-04-17`
/// at or after `from`. Text may follow on the same line (the example
/// article's headline does).
pub(crate) fn header_line(text: &str, from: usize) -> Option<HeaderLine> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    let start = i;
    if !bytes.get(i..i + 4)?.eq_ignore_ascii_case(b"date") {
        return None;
    }
    i += 4;
    if bytes.get(i) == Some(&b':') {
        i += 1;
    }
    let spaces = bytes[i..].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    if spaces == 0 {
        return None;
    }
    i += spaces;
    let date = iso_date_at(bytes, i)?;
    Some(HeaderLine { whole: Span::new(start, date.end), date })
}

/// `YYYY-MM-DD` at `i`, not followed by another digit or letter.
pub(crate) fn iso_date_at(bytes: &[u8], i: usize) -> Option<Span> {
    let candidate = bytes.get(i..i + 10)?;
    let shape_ok = candidate.iter().enumerate().all(|(k, &b)| match k {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    let ends_ok = bytes.get(i + 10).is_none_or(|&b| !b.is_ascii_alphanumeric() || b == b'T');
    (shape_ok && ends_ok).then_some(Span::new(i, i + 10))
}

/// Parse the text into paragraphs, sentences and excluded regions, taking
/// each paragraph's inline regions and sentences from `memo` when the same
/// paragraph was seen before.
pub(crate) fn parse(text: &str, language: Language, memo: &mut Memo) -> Article {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        language,
        memo,
        article: Article::default(),
        open: None,
        paragraph_excluded: Vec::new(),
        inline: InlineScanner::default(),
        scratch: LocalParagraph::default(),
        in_list: false,
        indented_code: true,
    };
    parser.run();
    parser.article
}

struct OpenParagraph {
    start: usize,
    end: usize,
    kind: BlockKind,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    language: Language,
    memo: &'a mut Memo,
    article: Article,
    open: Option<OpenParagraph>,
    /// Excluded regions inside the open paragraph (block-quote markers on
    /// continuation lines), then its inline regions.
    paragraph_excluded: Vec<Span>,
    inline: InlineScanner,
    /// Where a paragraph is scanned when the memo keeps nothing.
    scratch: LocalParagraph,
    in_list: bool,
    indented_code: bool,
}

impl Parser<'_> {
    fn run(&mut self) {
        let mut position = bom_length(self.text);
        if let Some((span, next)) = front_matter(self.text, position) {
            self.article.front_matter = Some(span);
            self.article.excluded.push(span);
            position = next;
        }
        self.indented_code = !mostly_indented(self.text, position);
        if let Some(header) = header_line(self.text, position) {
            self.article.excluded.push(header.whole);
            let (content_end, next) = self.line_bounds(header.whole.end);
            self.text_line(header.whole.end, content_end, true);
            position = next;
        }
        while position < self.bytes.len() {
            let (content_end, next) = self.line_bounds(position);
            position = self.line(position, content_end, next);
        }
        self.close_paragraph();
        normalize(&mut self.article.excluded);
    }

    /// The end of the line's content (before `\r\n` or `\n`) and the start of
    /// the next line.
    fn line_bounds(&self, start: usize) -> (usize, usize) {
        let newline =
            self.bytes.get(start..).and_then(|rest| memchr::memchr(b'\n', rest)).map(|offset| start + offset);
        match newline {
            Some(newline) => {
                let content_end =
                    if newline > start && self.bytes[newline - 1] == b'\r' { newline - 1 } else { newline };
                (content_end, newline + 1)
            }
            None => (self.bytes.len(), self.bytes.len()),
        }
    }

    /// Handle the line `start..end`; return where to continue.
    fn line(&mut self, start: usize, end: usize, next: usize) -> usize {
        let (indent, first) = indentation(self.bytes, start, end);
        if first == end {
            self.close_paragraph();
            return next;
        }
        let rest = &self.bytes[first..end];
        let may_start_block = indent <= 3;

        if may_start_block || self.in_list {
            if let Some((fence, run)) = fence_opener(rest) {
                self.close_paragraph();
                let (close_end, after) = self.fence_end(next, fence, run);
                self.article.excluded.push(Span::new(start, close_end));
                return after;
            }
        }
        if may_start_block && rest.starts_with(b"<!--") {
            self.close_paragraph();
            self.in_list = false;
            return match find(self.bytes, first + 4, b"-->") {
                Some(close) => {
                    self.article.excluded.push(Span::new(first, close + 3));
                    let (content_end, after) = self.line_bounds(close + 3);
                    self.text_line(close + 3, content_end, true);
                    after
                }
                None => {
                    self.article.excluded.push(Span::new(first, self.bytes.len()));
                    self.bytes.len()
                }
            };
        }
        if indent >= 4 && self.open.is_none() && !self.in_list && self.indented_code {
            return self.indented_code_block(start, next);
        }
        if may_start_block {
            if let Some(content) = atx_heading(self.bytes, first, end) {
                self.close_paragraph();
                self.in_list = false;
                self.open =
                    Some(OpenParagraph { start: content.start, end: content.end, kind: BlockKind::Heading });
                self.close_paragraph();
                return next;
            }
            if let Some(open) = self.open.as_mut().filter(|open| open.kind == BlockKind::Body) {
                if is_setext_underline(rest) {
                    open.kind = BlockKind::Heading;
                    self.close_paragraph();
                    return next;
                }
            }
            if is_thematic_break(rest) {
                self.close_paragraph();
                self.in_list = false;
                return next;
            }
            if rest[0] == b'>' {
                self.block_quote_line(first, end);
                return next;
            }
        }
        if may_start_block || self.in_list {
            if let Some(content) = self.list_item(first, end) {
                self.close_paragraph();
                self.in_list = true;
                if content < end {
                    self.text_line(content, end, false);
                    if let Some(open) = self.open.as_mut() {
                        open.kind = BlockKind::ListItem;
                    }
                }
                return next;
            }
        }
        if may_start_block && self.open.is_none() && rest[0] == b'[' && is_reference_definition(rest) {
            self.article.excluded.push(Span::new(first, end));
            return next;
        }
        self.text_line(first, end, false);
        next
    }

    /// Prose text from `start` to `end` on one line: continue the open
    /// paragraph or start one. `mid_line` text (after a header or a comment)
    /// always starts a new paragraph.
    fn text_line(&mut self, start: usize, end: usize, mid_line: bool) {
        let Some((start, end)) = trim(self.text, start, end) else { return };
        if mid_line {
            self.close_paragraph();
        }
        match self.open.as_mut() {
            Some(open) => open.end = end,
            None => {
                let indented = start > 0 && matches!(self.bytes[start - 1], b' ' | b'\t');
                let kind = if self.in_list && indented && !mid_line {
                    BlockKind::ListItem
                } else {
                    self.in_list = false;
                    BlockKind::Body
                };
                self.open = Some(OpenParagraph { start, end, kind });
            }
        }
    }

    fn block_quote_line(&mut self, first: usize, end: usize) {
        let mut content = first;
        while content < end && matches!(self.bytes[content], b'>' | b' ' | b'\t') {
            content += 1;
        }
        self.in_list = false;
        if content == end {
            self.close_paragraph();
            return;
        }
        match self.open.as_mut() {
            Some(open) if open.kind == BlockKind::BlockQuote => {
                self.paragraph_excluded.push(Span::new(first, content));
                if let Some((_, trimmed_end)) = trim(self.text, content, end) {
                    open.end = trimmed_end;
                }
            }
            _ => {
                self.close_paragraph();
                if let Some((start, trimmed_end)) = trim(self.text, content, end) {
                    self.open = Some(OpenParagraph { start, end: trimmed_end, kind: BlockKind::BlockQuote });
                }
            }
        }
    }

    /// A list marker (`-`, `*`, `+`, `1.`, `1)`) at `first`: where the
    /// item's content starts (`end` for an empty item).
    fn list_item(&self, first: usize, end: usize) -> Option<usize> {
        let bytes = self.bytes;
        let mut i = first;
        let ordered = bytes[i].is_ascii_digit();
        if matches!(bytes[i], b'-' | b'*' | b'+') {
            i += 1;
        } else if ordered {
            let digits = bytes[i..end].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 {
                return None;
            }
            i += digits;
            if !matches!(bytes.get(i), Some(b'.' | b')')) || i >= end {
                return None;
            }
            i += 1;
        } else {
            return None;
        }
        if i < end && !matches!(bytes[i], b' ' | b'\t') {
            return None;
        }
        let content = i + bytes[i..end].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        // Interrupting a paragraph: no empty items, and ordered lists only
        // from 1 (so a wrapped line starting "2023. " stays text).
        if self.open.as_ref().is_some_and(|open| open.kind != BlockKind::ListItem) {
            if content == end {
                return None;
            }
            if ordered && &bytes[first..i - 1] != b"1" {
                return None;
            }
        }
        Some(content)
    }

    /// Lines after a fence opener up to its closing fence: the end of the
    /// excluded region and where to continue.
    fn fence_end(&self, mut position: usize, fence: u8, run: usize) -> (usize, usize) {
        while position < self.bytes.len() {
            let (content_end, next) = self.line_bounds(position);
            let (_, first) = indentation(self.bytes, position, content_end);
            let line = &self.bytes[first..content_end];
            let closing = line.iter().take_while(|&&b| b == fence).count();
            if closing >= run && line[closing..].iter().all(|&b| b == b' ' || b == b'\t') {
                return (content_end, next);
            }
            position = next;
        }
        (self.bytes.len(), self.bytes.len())
    }

    /// An indented code block from `start`: it runs over indented and blank
    /// lines and ends before the first line indented less than four columns.
    fn indented_code_block(&mut self, start: usize, mut position: usize) -> usize {
        let (mut code_end, _) = self.line_bounds(start);
        let mut resume = position;
        while position < self.bytes.len() {
            let (content_end, next) = self.line_bounds(position);
            let (indent, first) = indentation(self.bytes, position, content_end);
            if first == content_end {
                position = next;
                continue;
            }
            if indent < 4 {
                break;
            }
            code_end = content_end;
            position = next;
            resume = next;
        }
        self.article.excluded.push(Span::new(start, code_end));
        resume
    }

    /// Finish the open paragraph: trim, find inline regions, drop it when no
    /// prose is left, split sentences.
    ///
    /// The inline scan and the sentence split read nothing but the
    /// paragraph's own bytes (and the language), so they run on the
    /// paragraph alone ([`scan_paragraph`]) and are memoised by its text and
    /// kind. A block quote whose continuation lines carry `>` markers is the
    /// exception: the markers come from the line pass, so such a paragraph is
    /// scanned afresh every time (they are rare, and the scan is linear).
    fn close_paragraph(&mut self) {
        let Some(open) = self.open.take() else {
            self.flush_paragraph_excluded();
            return;
        };
        let Some((start, end)) = trim(self.text, open.start, open.end) else {
            self.flush_paragraph_excluded();
            return;
        };
        let Some(body) = self.text.get(start..end) else {
            self.flush_paragraph_excluded();
            return;
        };
        let (language, inline) = (self.language, &mut self.inline);
        // A paragraph the memo does not keep (a one-shot parse keeps none;
        // one with block-quote markers is never kept) is scanned into the
        // parser's scratch, whose vectors serve every paragraph.
        let mut scratch = std::mem::take(&mut self.scratch);
        let kept;
        let local: &LocalParagraph = if self.paragraph_excluded.is_empty() {
            if self.memo.is_enabled() {
                kept = self
                    .memo
                    .get_or_compute(open.kind as u8, body, || scan_paragraph(body, &[], language, inline));
                &kept
            } else {
                scan_paragraph_into(body, &[], language, inline, &mut scratch);
                &scratch
            }
        } else {
            let markers: Vec<Span> = self
                .paragraph_excluded
                .drain(..)
                .map(|span| Span::new(span.start.saturating_sub(start), span.end.saturating_sub(start)))
                .collect();
            scan_paragraph_into(body, &markers, language, inline, &mut scratch);
            &scratch
        };
        let shift = |span: &Span| Span::new(span.start + start, span.end + start);
        self.article.excluded.extend(local.excluded.iter().map(shift));
        if local.prose {
            let first = self.article.sentences.len();
            self.article.sentences.extend(local.sentences.iter().map(shift));
            let sentences = first..self.article.sentences.len();
            self.article.paragraphs.push(Paragraph {
                span: Span::new(start, end),
                kind: open.kind,
                sentences,
            });
        }
        self.scratch = scratch;
        self.flush_paragraph_excluded();
    }

    fn flush_paragraph_excluded(&mut self) {
        self.article.excluded.append(&mut self.paragraph_excluded);
    }
}

/// What closing a paragraph finds in its own text: offsets relative to the
/// paragraph's start.
#[derive(Default)]
pub(crate) struct LocalParagraph {
    /// Its excluded regions (block-quote markers and inline regions), sorted
    /// and merged.
    excluded: Vec<Span>,
    /// Whether a letter or digit lies outside them; a paragraph without is
    /// dropped.
    prose: bool,
    /// Its sentences (none when it has no prose).
    sentences: Vec<Span>,
}

/// Inline regions and sentences of the paragraph `body` (already trimmed),
/// given the block-quote `markers` the line pass found in it (relative).
fn scan_paragraph(
    body: &str,
    markers: &[Span],
    language: Language,
    inline: &mut InlineScanner,
) -> LocalParagraph {
    let mut local = LocalParagraph::default();
    scan_paragraph_into(body, markers, language, inline, &mut local);
    local
}

/// [`scan_paragraph`] into `local`, whose vectors are cleared and reused.
fn scan_paragraph_into(
    body: &str,
    markers: &[Span],
    language: Language,
    inline: &mut InlineScanner,
    local: &mut LocalParagraph,
) {
    let excluded = &mut local.excluded;
    excluded.clear();
    excluded.extend_from_slice(markers);
    inline.scan(body, 0, body.len(), excluded);
    normalize(excluded);
    let span = Span::new(0, body.len());
    local.prose = has_prose(body, span, excluded);
    local.sentences.clear();
    if local.prose {
        // Sized once for a typical paragraph (a sentence per ~100 bytes),
        // rather than grown from nothing.
        local.sentences.reserve(body.len() / 100 + 1);
        sentences::split(body, span, excluded, language, &mut local.sentences);
    }
}

fn bom_length(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        3
    } else {
        0
    }
}

fn next_line_start(text: &str, position: usize) -> usize {
    match text.as_bytes().get(position..).and_then(|rest| memchr::memchr(b'\n', rest)) {
        Some(offset) => position + offset + 1,
        None => text.len(),
    }
}

/// Front matter at `start`: `---` … `---` (or `...`) for YAML, `+++` … `+++`
/// for TOML, each fence alone on its line. Its span (fences included, final
/// newline not) and where the body starts. Unclosed: no front matter.
fn front_matter(text: &str, start: usize) -> Option<(Span, usize)> {
    let bytes = text.as_bytes();
    let first_end = next_line_start(text, start);
    let fence_line = trim_line_end(&bytes[start..first_end]);
    let fence: &[u8] = match fence_line {
        b"---" => b"---",
        b"+++" => b"+++",
        _ => return None,
    };
    let mut position = first_end;
    while position < bytes.len() {
        let next = next_line_start(text, position);
        let line = trim_line_end(&bytes[position..next]);
        if line == fence || (fence == b"---" && line == b"...") {
            return Some((Span::new(start, position + line.len()), next));
        }
        position = next;
    }
    None
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\n' | b'\r' | b' ' | b'\t') {
        end -= 1;
    }
    &line[..end]
}

/// Columns of leading indentation (a tab to the next multiple of four) and
/// the first byte that is neither space nor tab.
fn indentation(bytes: &[u8], start: usize, end: usize) -> (usize, usize) {
    let mut columns = 0;
    let mut i = start;
    while i < end {
        match bytes[i] {
            b' ' => columns += 1,
            b'\t' => columns += 4 - columns % 4,
            _ => break,
        }
        i += 1;
    }
    (columns, i)
}

/// Whether most paragraph-opening lines are indented four columns or more:
/// plain text with indented paragraphs rather than Markdown code.
fn mostly_indented(text: &str, start: usize) -> bool {
    let bytes = text.as_bytes();
    let (mut indented, mut flush) = (0usize, 0usize);
    let mut after_blank = true;
    let mut position = start;
    while position < bytes.len() {
        let next = next_line_start(text, position);
        let line = trim_line_end(&bytes[position..next]);
        let (columns, first) = indentation(line, 0, line.len());
        if first == line.len() {
            after_blank = true;
        } else {
            if after_blank {
                if columns >= 4 {
                    indented += 1;
                } else {
                    flush += 1;
                }
            }
            after_blank = false;
        }
        position = next;
    }
    indented > flush
}

/// A fence opener: three or more backticks or tildes; a backtick fence's
/// info string has no backtick.
fn fence_opener(rest: &[u8]) -> Option<(u8, usize)> {
    let fence = *rest.first()?;
    if fence != b'`' && fence != b'~' {
        return None;
    }
    let run = rest.iter().take_while(|&&b| b == fence).count();
    if run < 3 || (fence == b'`' && rest[run..].contains(&b'`')) {
        return None;
    }
    Some((fence, run))
}

/// `# Heading #`: the span of the heading's text (empty headings: `None`).
fn atx_heading(bytes: &[u8], first: usize, end: usize) -> Option<Span> {
    let hashes = bytes[first..end].iter().take_while(|&&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = first + hashes;
    if after < end && !matches!(bytes[after], b' ' | b'\t') {
        return None;
    }
    let mut content_end = end;
    while content_end > after && matches!(bytes[content_end - 1], b' ' | b'\t') {
        content_end -= 1;
    }
    // An optional closing sequence of `#`, preceded by a space.
    let mut closing = content_end;
    while closing > after && bytes[closing - 1] == b'#' {
        closing -= 1;
    }
    if closing < content_end && (closing == after || matches!(bytes[closing - 1], b' ' | b'\t')) {
        content_end = closing;
    }
    let mut content_start = after;
    while content_start < content_end && matches!(bytes[content_start], b' ' | b'\t') {
        content_start += 1;
    }
    while content_end > content_start && matches!(bytes[content_end - 1], b' ' | b'\t') {
        content_end -= 1;
    }
    (content_end > content_start).then_some(Span::new(content_start, content_end))
}

fn is_setext_underline(rest: &[u8]) -> bool {
    let line = trim_line_end(rest);
    match line.first() {
        Some(&b'=') => line.iter().all(|&b| b == b'='),
        Some(&b'-') => line.len() >= 2 && line.iter().all(|&b| b == b'-'),
        _ => false,
    }
}

fn is_thematic_break(rest: &[u8]) -> bool {
    let Some(&mark) = rest.first() else { return false };
    if !matches!(mark, b'-' | b'*' | b'_') {
        return false;
    }
    let mut count = 0;
    for &b in rest {
        match b {
            b' ' | b'\t' => {}
            _ if b == mark => count += 1,
            _ => return false,
        }
    }
    count >= 3
}

/// `[label]: destination` (footnotes `[^1]:` are prose, not definitions).
fn is_reference_definition(rest: &[u8]) -> bool {
    if rest.get(1) == Some(&b'^') {
        return false;
    }
    let Some(close) = rest.iter().position(|&b| b == b']') else { return false };
    close > 1
        && rest.get(close + 1) == Some(&b':')
        && rest[close + 2..].iter().any(|b| !b.is_ascii_whitespace())
        && !rest[1..close].contains(&b'[')
}

fn find(bytes: &[u8], start: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(start..)?, needle).map(|offset| start + offset)
}

/// `start..end` without surrounding whitespace (Unicode-aware); `None` if
/// nothing is left.
fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let piece = text.get(start..end)?;
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return None;
    }
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    Some((trimmed_start, trimmed_start + trimmed.len()))
}

/// Whether `span` holds a letter or digit outside `excluded` (sorted).
fn has_prose(text: &str, span: Span, excluded: &[Span]) -> bool {
    let mut position = span.start;
    for region in excluded.iter().filter(|region| region.overlaps(span)) {
        if text
            .get(position..region.start.max(position))
            .is_some_and(|gap| gap.chars().any(char::is_alphanumeric))
        {
            return true;
        }
        position = position.max(region.end);
    }
    text.get(position.min(span.end)..span.end).is_some_and(|gap| gap.chars().any(char::is_alphanumeric))
}

/// Sort and merge overlapping spans; drop empty ones.
fn normalize(spans: &mut Vec<Span>) {
    spans.retain(|span| !span.is_empty());
    if !spans.is_sorted() {
        spans.sort_unstable();
    }
    let mut merged = 0;
    for index in 0..spans.len() {
        let span = spans[index];
        if merged > 0 && spans[merged - 1].end > span.start {
            spans[merged - 1].end = spans[merged - 1].end.max(span.end);
        } else {
            spans[merged] = span;
            merged += 1;
        }
    }
    spans.truncate(merged);
}
