//! Inline regions that are not prose, found in one pass over a paragraph's
//! bytes: code spans, inline HTML comments and tags, link and image
//! destinations (`](url "title")`, `][ref]`, and the `[`/`![` that open
//! them), autolinks (`<https://…>`) and bare URLs (`https://…`, `www.…`).
//!
//! Every marker is ASCII, so byte positions found here are always character
//! boundaries. Every forward search is either bounded or remembered when it
//! fails, so a paragraph full of unmatched backticks or brackets stays linear.

use crate::analysis::span::Span;

/// Longest link destination, inline tag or reference label looked at.
const MAX_DESTINATION: usize = 2048;
const MAX_TAG: usize = 1024;
/// Longest backtick run treated as a code-span delimiter.
const MAX_TICKS: usize = 32;
/// Deepest nesting of `[` remembered.
const MAX_BRACKETS: usize = 64;

/// Reusable scratch space so that paragraphs do not allocate.
#[derive(Default)]
pub(crate) struct InlineScanner {
    brackets: Vec<usize>,
    /// Where a bare URL may start in the paragraph ([`url_candidates`]).
    urls: Vec<usize>,
}

/// Every position of `bytes[start..end]` where a bare URL may start: an
/// `http` or `https` before `://`, or `www` before a `.` (any case). A
/// superset of where [`bare_url_end`] finds one, found by searching for the
/// rare `://` and the `.`, so the scan need not stop at every "h" and "w".
fn url_candidates(bytes: &[u8], start: usize, end: usize, out: &mut Vec<usize>) {
    out.clear();
    let Some(range) = bytes.get(start..end) else { return };
    // Every `://` is a `:` before `//` (no two overlap): found by memchr,
    // which costs a paragraph of prose less than setting up a substring
    // search does.
    let scheme_ends = memchr::memchr_iter(b':', range).filter(|&at| range.get(at + 1..at + 3) == Some(b"//"));
    for at in scheme_ends {
        for length in [5, 4] {
            let scheme = if length == 5 { &b"https"[..] } else { &b"http"[..] };
            if at >= length && range[at - length..at].eq_ignore_ascii_case(scheme) {
                out.push(start + at - length);
            }
        }
    }
    for at in memchr::memchr_iter(b'.', range) {
        if at >= 3 && range[at - 3..at].iter().all(|&b| b == b'w' || b == b'W') {
            out.push(start + at - 3);
        }
    }
    out.sort_unstable();
}

impl InlineScanner {
    /// Append the inline excluded regions of `text[start..end]` to `out`
    /// (sorted, non-overlapping).
    pub(crate) fn scan(&mut self, text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
        let bytes = text.as_bytes();
        let end = end.min(bytes.len());
        let first_new = out.len();
        self.brackets.clear();
        // Backtick run lengths, and `-->`, known to have no match further on.
        let mut ticks_exhausted = [false; MAX_TICKS + 1];
        let mut comment_exhausted = false;
        // Bytes that failed link-destination searches may still read, so that
        // many unclosed `[a](` stay linear.
        let mut destination_budget = 2 * (end - start.min(end)) + MAX_DESTINATION;
        // The next `\`, `` ` `` or `<`, and the next `!`, `[` or `]`, at or
        // after where each was last looked for (found again only once
        // passed), and the next URL candidate.
        let (mut next_escape_tick_tag, mut next_bracket) = (start, start);
        let (mut found_escape_tick_tag, mut found_bracket) = (false, false);
        url_candidates(bytes, start, end, &mut self.urls);
        let mut next_url = 0;
        let mut i = start;
        while i < end {
            match bytes[i] {
                b'\\' => {
                    i += if bytes.get(i + 1).is_some_and(|b| b.is_ascii_punctuation()) { 2 } else { 1 };
                }
                b'`' => {
                    let run = count_run(bytes, i, end, b'`');
                    if run <= MAX_TICKS && !ticks_exhausted[run] {
                        if let Some(close) = find_tick_run(bytes, i + run, end, run) {
                            out.push(Span::new(i, close + run));
                            i = close + run;
                            continue;
                        }
                        ticks_exhausted[run] = true;
                    }
                    i += run;
                }
                b'<' => {
                    if bytes[i..end].starts_with(b"<!--") {
                        if !comment_exhausted {
                            if let Some(close) = find(bytes, i + 4, end, b"-->") {
                                out.push(Span::new(i, close + 3));
                                i = close + 3;
                                continue;
                            }
                            comment_exhausted = true;
                        }
                        i += 4;
                    } else if let Some(close) = autolink_end(bytes, i, end).or_else(|| tag_end(bytes, i, end))
                    {
                        out.push(Span::new(i, close));
                        i = close;
                    } else {
                        i += 1;
                    }
                }
                b'!' if bytes.get(i + 1) == Some(&b'[') && i + 1 < end => {
                    self.push_bracket(i);
                    i += 2;
                }
                b'[' => {
                    self.push_bracket(i);
                    i += 1;
                }
                b']' => {
                    let opener = self.brackets.pop();
                    let after = i + 1;
                    let close = match bytes.get(after) {
                        Some(b'(') if after < end && opener.is_some() => {
                            let limit = end.min(after + destination_budget.min(MAX_DESTINATION));
                            let found = destination_end(bytes, after, limit);
                            if found.is_none() {
                                destination_budget = destination_budget.saturating_sub(limit - after);
                            }
                            found
                        }
                        Some(b'[') if after < end && opener.is_some() => label_end(bytes, after, end),
                        _ => None,
                    };
                    match close {
                        Some(close) => {
                            if let Some(opener) = opener {
                                let width = if bytes[opener] == b'!' { 2 } else { 1 };
                                out.push(Span::new(opener, opener + width));
                            }
                            out.push(Span::new(i, close));
                            self.brackets.clear();
                            i = close;
                        }
                        None => i += 1,
                    }
                }
                b'h' | b'H' | b'w' | b'W' if matches!(bytes.get(i + 1), Some(b't' | b'T' | b'w' | b'W')) => {
                    match bare_url_end(text, i, end).filter(|_| at_word_start(text, start, i)) {
                        Some(close) => {
                            out.push(Span::new(i, close));
                            i = close;
                        }
                        None => i += 1,
                    }
                }
                _ => {
                    // Skip plain bytes: to the nearest marker that can start
                    // something (an "h" or "w" only where a URL may start).
                    i += 1;
                    if i >= end {
                        continue;
                    }
                    if !found_escape_tick_tag || next_escape_tick_tag < i {
                        next_escape_tick_tag =
                            memchr::memchr3(b'\\', b'`', b'<', &bytes[i..end]).map_or(end, |o| i + o);
                        found_escape_tick_tag = true;
                    }
                    if !found_bracket || next_bracket < i {
                        next_bracket =
                            memchr::memchr3(b'!', b'[', b']', &bytes[i..end]).map_or(end, |o| i + o);
                        found_bracket = true;
                    }
                    while self.urls.get(next_url).is_some_and(|&p| p < i) {
                        next_url += 1;
                    }
                    let url = self.urls.get(next_url).copied().unwrap_or(end);
                    i = next_escape_tick_tag.min(next_bracket).min(url);
                }
            }
        }
        // Link openers are pushed after what their text contained.
        out[first_new..].sort_unstable();
    }

    fn push_bracket(&mut self, position: usize) {
        if self.brackets.len() == MAX_BRACKETS {
            self.brackets.remove(0);
        }
        self.brackets.push(position);
    }
}

fn count_run(bytes: &[u8], start: usize, end: usize, byte: u8) -> usize {
    bytes[start..end].iter().take_while(|&&b| b == byte).count()
}

/// The start of the next run of exactly `run` backticks.
fn find_tick_run(bytes: &[u8], mut i: usize, end: usize, run: usize) -> Option<usize> {
    while i < end {
        let offset = bytes[i..end].iter().position(|&b| b == b'`')?;
        i += offset;
        let length = count_run(bytes, i, end, b'`');
        if length == run {
            return Some(i);
        }
        i += length;
    }
    None
}

fn find(bytes: &[u8], start: usize, end: usize, needle: &[u8]) -> Option<usize> {
    if start >= end {
        return None;
    }
    memchr::memmem::find(&bytes[start..end], needle).map(|offset| start + offset)
}

/// `<scheme:…>`: the end after `>`.
fn autolink_end(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    let mut i = start + 1;
    let scheme_start = i;
    while i < end && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'+' | b'.' | b'-')) {
        i += 1;
    }
    let scheme = i - scheme_start;
    if !(2..=32).contains(&scheme)
        || !bytes[scheme_start].is_ascii_alphabetic()
        || bytes.get(i) != Some(&b':')
    {
        return None;
    }
    let limit = end.min(start + MAX_DESTINATION);
    while i < limit {
        match bytes[i] {
            b'>' => return Some(i + 1),
            b'<' | b' ' | b'\t' | b'\n' | b'\r' => return None,
            _ => i += 1,
        }
    }
    None
}

/// An inline HTML tag `<em>`, `</a>`, `<a href="…">`: the end after `>`.
fn tag_end(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    let mut i = start + 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) || i >= end {
        return None;
    }
    while i < end && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if !bytes.get(i).is_some_and(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/') || i >= end {
        return None;
    }
    let limit = end.min(start + MAX_TAG);
    let mut quote = None;
    while i < limit {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None if b == b'<' => return None,
            None => {}
        }
        i += 1;
    }
    None
}

/// `(url "title")` after `]`: the end after the balancing `)`.
fn destination_end(bytes: &[u8], open: usize, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    let mut i = open;
    while i < limit {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) if b == b'\\' => i += 1,
            Some(_) => {}
            None => match b {
                b'\\' => i += 1,
                b'"' if bytes[i - 1].is_ascii_whitespace() => quote = Some(b'"'),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// `[label]` after `]`: the end after its `]`.
fn label_end(bytes: &[u8], open: usize, end: usize) -> Option<usize> {
    let limit = end.min(open + MAX_DESTINATION);
    let mut i = open + 1;
    while i < limit {
        match bytes[i] {
            b']' => return Some(i + 1),
            b'[' | b'\n' => return None,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

fn at_word_start(text: &str, start: usize, i: usize) -> bool {
    if i <= start {
        return true;
    }
    match text.get(..i).and_then(|before| before.chars().next_back()) {
        Some(c) => !(c.is_alphanumeric() || matches!(c, '/' | '.' | '@' | '-' | '_' | ':' | '%')),
        None => true,
    }
}

/// A bare `http://`, `https://` or `www.` URL starting at `start`: its end,
/// without trailing punctuation or an unbalanced `)`.
fn bare_url_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let rest = &bytes[start..end];
    let has_prefix =
        |prefix: &[u8]| rest.len() > prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix);
    let prefix = if has_prefix(b"https://") {
        8
    } else if has_prefix(b"http://") {
        7
    } else if has_prefix(b"www.") {
        4
    } else {
        return None;
    };
    let body = text.get(start..end)?;
    let mut stop = body.len();
    for (offset, c) in body.char_indices() {
        if c.is_whitespace()
            || c.is_control()
            || matches!(c, '<' | '>' | '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›')
        {
            stop = offset;
            break;
        }
    }
    let mut stop = stop.min(MAX_DESTINATION);
    while !body.is_char_boundary(stop) {
        stop -= 1;
    }
    let url = &body.as_bytes()[..stop];
    let mut unbalanced = url.iter().filter(|&&b| b == b')').count() as isize
        - url.iter().filter(|&&b| b == b'(').count() as isize;
    let mut length = url.len();
    while length > 0 {
        match url[length - 1] {
            b'.' | b',' | b':' | b';' | b'!' | b'?' | b'*' | b'_' | b'~' => length -= 1,
            b')' if unbalanced > 0 => {
                unbalanced -= 1;
                length -= 1;
            }
            _ => break,
        }
    }
    let url = &url[..length];
    // Something must follow the scheme or `www.`.
    if url.len() <= prefix || !url[prefix].is_ascii_alphanumeric() {
        return None;
    }
    Some(start + url.len())
}

#[cfg(test)]
mod tests {
    use super::url_candidates;

    #[test]
    fn url_candidates_are_where_a_bare_url_may_start() {
        // (text, candidate starts): the scan stops at an "h" or "w" only there.
        let cases: &[(&str, &[usize])] = &[
            ("see https://example.com now", &[4]),
            ("see HTTP://example.com", &[4]),
            ("go to www.example.com or WwW.x.org", &[6, 25]),
            ("the wheel and the http clock", &[]),
            ("://start and ww.no", &[]),
            ("xhttps://a", &[1]),
        ];
        let mut out = Vec::new();
        for (text, expected) in cases {
            url_candidates(text.as_bytes(), 0, text.len(), &mut out);
            assert_eq!(&out, expected, "{text}");
        }
        // Only the range given is searched.
        let text = "a https://b and www.c";
        url_candidates(text.as_bytes(), 5, text.len(), &mut out);
        assert_eq!(out, [16]);
    }
}
