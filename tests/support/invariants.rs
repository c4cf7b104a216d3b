//! The invariants every input must keep, checked the same way by the fuzz
//! targets (`fuzz/`, which include this file by path), the property tests
//! (`tests/properties.rs`) and the regression tests of crashes the fuzzers
//! found (`tests/fuzz_regressions.rs`). Each check panics with a message
//! naming the input on a violation.
#![allow(dead_code)] // Each includer uses a different part.

use copydesk::analysis::actions::{self, Action, ActionKind};
use copydesk::analysis::finding::{apply_edits, Finding, TextEdit};
use copydesk::analysis::settings::RuleLevel;
use copydesk::analysis::span::Span;
use copydesk::analysis::{analyze, hover, inlay, outline, rules, Analysis, Context};
use copydesk::Settings;

/// The quote-pairing codes a fix must never introduce.
pub const QUOTE_PROBLEMS: &[&str] = &["unclosed-quote", "unopened-quote", "mismatched-quote"];

/// A few settings that change what runs: defaults, every rule on, other
/// quote conventions, languages and date styles.
pub fn settings_variant(choice: u8) -> Settings {
    let mut settings = Settings::default();
    match choice % 6 {
        0 => {}
        1 => {
            for rule in rules::RULES {
                settings.rules.insert(rule.code.to_owned(), RuleLevel::Hint);
            }
        }
        2 => {
            settings.quotes.style = "german".to_owned();
            settings.languages = vec!["de".to_owned()];
            settings.dates.numeric_order = "day-first".to_owned();
        }
        3 => {
            settings.quotes.style = "british".to_owned();
            settings.dates.style = "chicago".to_owned();
            settings.inlay_hints.dates = true;
        }
        4 => {
            settings.quotes.style = "french".to_owned();
            settings.dates.style = "iso".to_owned();
            settings.article_date = Some("2023-04-17".to_owned());
        }
        _ => {
            settings.quotes.style = "no-such-style".to_owned();
            settings.dates.style = "long".to_owned();
            settings.languages = Vec::new();
            settings.article_date = Some("not a date".to_owned());
            for rule in rules::RULES {
                settings.rules.insert(rule.code.to_owned(), RuleLevel::Off);
            }
        }
    }
    settings
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} is out of range (text length {}) in {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not on character boundaries in {text:?}"
    );
}

fn assert_edits(text: &str, edits: &[TextEdit], what: &str) {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    for edit in &sorted {
        assert_span(text, edit.span, what);
    }
    for pair in sorted.windows(2) {
        assert!(
            pair[0].span.end <= pair[1].span.start,
            "{what}: edits {:?} and {:?} overlap in {text:?}",
            pair[0],
            pair[1]
        );
    }
}

/// Analyse `text` and check every span the model holds.
pub fn analysis(text: &str, settings: &Settings) -> Analysis {
    let analysis = analyze(text, settings);
    for finding in &analysis.findings {
        assert_span(text, finding.span, finding.code);
        for related in &finding.related {
            assert_span(text, related.span, "a related location");
        }
        for fix in &finding.fixes {
            assert!(!fix.edits.is_empty(), "{}: the fix {:?} changes nothing", finding.code, fix.title);
            assert_edits(text, &fix.edits, finding.code);
        }
    }
    for pair in analysis.findings.windows(2) {
        assert!(pair[0].span.start <= pair[1].span.start, "findings are sorted by position");
    }
    for mark in &analysis.quotes.marks {
        assert_span(text, mark.span, "a quotation mark");
        // A run of straight apostrophes ('') is read as one typewriter ".
        let written = mark.span.slice(text);
        assert!(
            written.starts_with(mark.glyph) || (mark.glyph == '"' && written.starts_with("''")),
            "a mark's span holds its glyph: {mark:?} in {text:?}"
        );
    }
    for quotation in &analysis.quotes.quotations {
        assert_span(text, quotation.span, "a quotation");
        assert_span(text, quotation.inner, "a quotation's inside");
    }
    for paragraph in &analysis.article.paragraphs {
        assert_span(text, paragraph.span, "a paragraph");
    }
    for sentence in &analysis.article.sentences {
        assert_span(text, *sentence, "a sentence");
    }
    for excluded in &analysis.article.excluded {
        assert_span(text, *excluded, "an excluded region");
    }
    for date in &analysis.dates {
        assert_span(text, date.span, "a date");
    }
    analysis
}

/// Hover, actions, inlay hints and the outline at the given byte offsets
/// (any value: out of range and inside characters too).
pub fn features(text: &str, settings: &Settings, analysis: &Analysis, offsets: &[usize]) {
    let context = Context { text, settings, analysis };
    for &offset in offsets {
        if let Some(found) = hover::hover(&context, offset) {
            assert_span(text, found.span, "a hover");
        }
        let end = offset.saturating_add(offsets.len());
        for action in actions::actions(&context, Span::new(offset, end)) {
            assert_edits(text, &action.edits, &action.title);
        }
    }
    for hint in inlay::inlay_hints(&context) {
        assert!(hint.offset <= text.len() && text.is_char_boundary(hint.offset), "inlay hint {hint:?}");
    }
    let mut symbols = outline::outline(&context);
    while let Some(symbol) = symbols.pop() {
        assert_span(text, symbol.span, "an outline symbol");
        assert_span(text, symbol.selection, "an outline symbol's name");
        symbols.extend(symbol.children);
    }
}

/// Every action over the whole text.
pub fn all_actions(text: &str, settings: &Settings, analysis: &Analysis) -> Vec<Action> {
    let context = Context { text, settings, analysis };
    actions::actions(&context, Span::new(0, text.len()))
}

/// Apply `edits` and check that only the ranges they name changed: the
/// text between and around them is kept byte for byte.
pub fn apply_checked(text: &str, edits: &[TextEdit], what: &str) -> String {
    assert_edits(text, edits, what);
    let fixed = apply_edits(text, edits);
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let (mut old, mut new) = (0, 0);
    for edit in sorted {
        let kept = &text[old..edit.span.start];
        assert_eq!(fixed.get(new..new + kept.len()), Some(kept), "{what}: text outside its edits changed");
        new += kept.len();
        assert_eq!(fixed.get(new..new + edit.new_text.len()), Some(edit.new_text.as_str()), "{what}");
        new += edit.new_text.len();
        old = edit.span.end;
    }
    assert_eq!(&fixed[new..], &text[old..], "{what}: text after its edits changed");
    fixed
}

/// How many quote-pairing findings `analysis` has.
pub fn quote_problems(analysis: &Analysis) -> usize {
    QUOTE_PROBLEMS.iter().map(|code| count(&analysis.findings, code)).sum()
}

fn count(findings: &[Finding], code: &str) -> usize {
    findings.iter().filter(|finding| finding.code == code).count()
}

/// Where `span` of the old text lies in the new text after `edits`, and
/// whether it touched an edit (then the whole edited region is returned).
fn map_span(span: Span, edits: &[TextEdit]) -> Span {
    let mut delta: isize = 0;
    let mut touched: Option<Span> = None;
    for edit in edits {
        let grows = edit.new_text.len() as isize - edit.span.len() as isize;
        let new_start = (edit.span.start as isize + delta) as usize;
        let new_edit = Span::new(new_start, new_start + edit.new_text.len());
        if edit.span.end < span.start || (edit.span.end == span.start && !span.is_empty()) {
            delta += grows;
            continue;
        }
        if edit.span.start > span.end {
            break;
        }
        touched = Some(match touched {
            None => Span::new(new_edit.start.min((span.start as isize + delta) as usize), new_edit.end),
            Some(region) => Span::new(region.start, new_edit.end),
        });
        delta += grows;
    }
    let shifted = Span::new((span.start as isize + delta) as usize, (span.end as isize + delta) as usize);
    match touched {
        None => {
            // Entirely before every edit, or after all of them.
            let before = edits.first().is_none_or(|edit| span.end <= edit.span.start);
            if before {
                span
            } else {
                shifted
            }
        }
        Some(region) => Span::new(region.start, region.end.max(shifted.end)),
    }
}

/// Apply every quick fix and every document-wide action, one at a time, and
/// check what each promises: only its ranges change, the finding it fixes
/// is gone on re-analysis and no quote-pairing problem appears (these two
/// when `strict`).
pub fn fixes(text: &str, settings: &Settings, analysis: &Analysis, strict: bool) {
    for action in all_actions(text, settings, analysis) {
        let what = format!("{:?} {:?} on {text:?}", action.kind, action.title);
        let mut edits = action.edits.to_vec();
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        let fixed = apply_checked(text, &edits, &what);
        let after = analyze(&fixed, settings);
        for code in QUOTE_PROBLEMS.iter().filter(|_| strict) {
            let allowed = count(&analysis.findings, code)
                - action.fixes.as_ref().map_or(0, |finding| usize::from(finding.code == *code));
            assert!(
                count(&after.findings, code) <= allowed,
                "{what}: the fix introduced a new {code}: before {:?}, after {:?} in {fixed:?}",
                analysis.findings,
                after.findings
            );
        }
        if let Some(finding) = action.fixes.as_ref().filter(|_| strict) {
            let place = map_span(finding.span, &edits);
            let still = after.findings.iter().find(|other| {
                other.code == finding.code
                    && (other.span == place || other.span.overlaps(place) || place.contains(other.span.start))
            });
            assert!(
                still.is_none(),
                "{what}: {finding:?} is still reported after its fix: {still:?} in {fixed:?}"
            );
        }
        if strict && action.kind == ActionKind::FixAll {
            for code in QUOTE_PROBLEMS {
                assert!(count(&after.findings, code) <= count(&analysis.findings, code), "{what}: fix all");
            }
        }
    }
}

/// Date normalisation (the `normalizeDates` source action): applying it
/// again changes nothing, and it keeps every byte outside date spans.
pub fn date_normalisation(text: &str, settings: &Settings, analysis: &Analysis) {
    let normalise = |text: &str, analysis: &Analysis| {
        all_actions(text, settings, analysis)
            .into_iter()
            .find(|action| action.kind == ActionKind::Source("normalizeDates"))
    };
    let Some(action) = normalise(text, analysis) else { return };
    for edit in action.edits.iter() {
        assert!(
            analysis.dates.iter().any(|date| date.span.covers(edit.span)),
            "normalising dates edits {edit:?}, outside every date span, in {text:?}"
        );
    }
    let once = apply_checked(text, &action.edits, "normalise dates");
    let again = analyze(&once, settings);
    if let Some(second) = normalise(&once, &again) {
        let twice = apply_edits(&once, &second.edits);
        assert_eq!(twice, once, "normalising dates twice changes {text:?} again");
    }
}
