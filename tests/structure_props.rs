//! Properties of `Article::parse` on any input: it never panics, and every
//! span is inside the text, on character boundaries, and ordered.

use copydesk::analysis::span::Span;
use copydesk::analysis::structure::article_date::detect;
use copydesk::analysis::structure::{words, Article};
use copydesk::{Memo, Settings};
use proptest::prelude::*;

/// Text built from pieces that exercise every construct, plus arbitrary
/// characters (emoji, combining marks, CJK, CR).
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("---\n".to_owned()),
        Just("+++\n".to_owned()),
        Just("```".to_owned()),
        Just("~~~\n".to_owned()),
        Just("`".to_owned()),
        Just("    ".to_owned()),
        Just("\t".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<a href=\"x\">".to_owned()),
        Just("[".to_owned()),
        Just("](".to_owned()),
        Just(")".to_owned()),
        Just("][".to_owned()),
        Just("]: ".to_owned()),
        Just("https://example.org/a".to_owned()),
        Just("<https://x.org>".to_owned()),
        Just("# ".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("> ".to_owned()),
        Just("===\n".to_owned()),
        Just("date 2023-04-17 ".to_owned()),
        Just("MOSCOW, April 16, 2023 (Reuters) - ".to_owned()),
        Just("Mr. ".to_owned()),
        Just("U.S. ".to_owned()),
        Just("etc. ".to_owned()),
        Just("3.5 ".to_owned()),
        Just("“Stop.” ".to_owned()),
        Just("… ".to_owned()),
        Just("z.B. 17. ".to_owned()),
        Just("The vote passed. ".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("👍🏽é\u{301}中文".to_owned()),
        "\\PC{0,12}",
        "[a-zA-Z .,!?\"'()\\[\\]<>`~#*_-]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} off a char boundary"
    );
}

fn check_invariants(text: &str, language: &str) {
    let settings = Settings { languages: vec![language.to_owned()], ..Settings::default() };
    let article = Article::parse(text, &settings);

    for pair in article.excluded.windows(2) {
        assert!(pair[0].end <= pair[1].start, "excluded overlap or disorder: {pair:?}");
    }
    for span in &article.excluded {
        assert_span(text, *span, "excluded");
        assert!(!span.is_empty(), "empty excluded span");
    }
    let mut previous_end = 0;
    let mut next_sentence = 0;
    for paragraph in &article.paragraphs {
        assert_span(text, paragraph.span, "paragraph");
        assert!(paragraph.span.start >= previous_end, "paragraphs out of order");
        previous_end = paragraph.span.end;
        let slice = paragraph.span.slice(text);
        assert_eq!(slice, slice.trim(), "paragraph not trimmed");
        assert!(!slice.is_empty());
        // Excluded regions touching a paragraph lie inside it (inline ones).
        for excluded in article.excluded_in(paragraph.span) {
            assert!(
                paragraph.span.covers(*excluded),
                "{excluded:?} straddles paragraph {:?}",
                paragraph.span
            );
        }
        assert_eq!(paragraph.sentences.start, next_sentence, "sentences not contiguous");
        next_sentence = paragraph.sentences.end;
        let mut sentence_end = paragraph.span.start;
        for sentence in &article.sentences[paragraph.sentences.clone()] {
            assert_span(text, *sentence, "sentence");
            assert!(paragraph.span.covers(*sentence), "sentence outside its paragraph");
            assert!(sentence.start >= sentence_end && !sentence.is_empty(), "sentences out of order");
            sentence_end = sentence.end;
        }
        for word in words(text, paragraph.span) {
            assert_span(text, word, "word");
            assert!(paragraph.span.covers(word) && !word.is_empty());
        }
    }
    assert_eq!(next_sentence, article.sentences.len(), "sentences outside paragraphs");
    if let Some(front_matter) = article.front_matter {
        assert_span(text, front_matter, "front matter");
    }
    if let Some(date) = detect(text, &article, &settings) {
        if let Some(span) = date.span {
            assert_span(text, span, "article date");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_and_spans_are_sound(text in article_text()) {
        check_invariants(&text, "en");
        check_invariants(&text, "de");
    }

    #[test]
    fn parse_handles_arbitrary_unicode(text in "\\PC{0,200}") {
        check_invariants(&text, "en");
    }

    /// A memo that has seen other texts — here the pieces of this one, and
    /// this one inside another — never changes the result.
    #[test]
    fn a_memoised_parse_equals_a_fresh_one(first in article_text(), second in article_text()) {
        let settings = Settings::default();
        let mut memo = Memo::new();
        let versions = [first.clone(), second.clone(), format!("{first}\n\n{second}"), format!("{second}{first}"), first];
        for text in &versions {
            memo.begin(&settings);
            let memoised = Article::parse_with(text, &settings, &mut memo);
            memo.finish();
            prop_assert_eq!(memoised, Article::parse(text, &settings), "{:?}", text);
        }
    }
}

/// Text, then how many paragraphs a second parse takes from the memo: each
/// paragraph is one entry, except a block quote whose continuation lines
/// carry `>` markers (the markers come from the line pass, so it is scanned
/// afresh).
#[test]
fn a_second_parse_takes_paragraphs_from_the_memo() {
    let cases: &[(&str, usize)] = &[
        ("One. Two.\n\nThree `code`.\n", 2),
        ("# Heading\n\n- item one\n- item two\n", 3),
        ("Same text.\n\nSame text.\n", 2),
        ("> Quoted on\n> two lines.\n\nBody.\n", 1),
        ("> Quoted on one line.\n", 1),
        ("```\ncode only\n```\n", 0),
    ];
    let settings = Settings::default();
    for &(text, hits) in cases {
        let mut memo = Memo::new();
        for _ in 0..2 {
            memo.begin(&settings);
            let article = Article::parse_with(text, &settings, &mut memo);
            memo.finish();
            assert_eq!(article, Article::parse(text, &settings), "{text:?}");
        }
        assert_eq!(memo.stats().hits, hits, "{text:?}");
    }
}

#[test]
fn words_clamp_out_of_range_spans() {
    let text = "Ünïcödé words 👍🏽";
    for start in 0..=text.len() + 2 {
        for end in 0..=text.len() + 2 {
            for word in words(text, Span::new(start, end)) {
                assert_span(text, word, "word");
            }
        }
    }
}

#[test]
fn pathological_inline_input_is_handled() {
    // Many unclosed link destinations, backtick runs and comments in one
    // paragraph: the scan stays linear (no timing asserted; a quadratic scan
    // would make this test take minutes).
    let text = "[a](".repeat(200_000) + &"`".repeat(33) + &"<!--".repeat(50_000) + " end.";
    let article = Article::parse(&text, &Settings::default());
    assert_eq!(article.paragraphs.len(), 1);
    check_invariants(&text[..2000], "en");
}
