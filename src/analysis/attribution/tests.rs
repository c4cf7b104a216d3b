//! Unit tests of the attributor on hand-built quotations.

use super::*;

#[test]
fn term_markers_fit_the_tail_is_term_lowercases() {
    for marker in TERM_MARKERS {
        assert!(marker.chars().count() <= LONGEST_TERM_MARKER, "{marker}");
        assert_eq!(*marker, marker.to_lowercase(), "{marker}");
    }
}

#[test]
fn every_term_marker_ends_in_a_letter_its_last_word_is_listed_under() {
    // `is_term` looks a tail up by its last run of letters and digits.
    for marker in TERM_MARKERS {
        assert!(marker.chars().last().is_some_and(char::is_alphanumeric), "{marker}");
        let last = marker.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or(marker);
        assert!(term_marker_last_words().contains(last), "{marker}");
    }
}

#[test]
fn a_cue_is_found_by_its_first_word_however_it_is_written() {
    // (first word as written, found): packed (ASCII up to 8 bytes), longer
    // ASCII, not ASCII, capitalised, and words that start no cue.
    let cases = [
        ("said", true),
        ("Said", true),
        ("SAID", true),
        ("according", true),
        ("According", true),
        ("explained", true),
        ("sagte", true),
        ("erklärte", true),
        ("Erklärte", true),
        ("the", false),
        ("Putin", false),
        ("relations", false),
        ("", false),
    ];
    let lexicon = Lexicon::new(cues::lexicon(&["en".to_owned(), "de".to_owned()], &[]));
    for (word, found) in cases {
        let expected = lexicon.by_first.contains_key(word.to_lowercase().as_str());
        assert_eq!(expected, found, "table row {word}");
        assert_eq!(lexicon.starting_with(word).is_some(), found, "{word}");
    }
}
