//! The benchmarks' article generator keeps its promises: same seed, same
//! text; no paragraph twice; quotations, dates and people in every article;
//! keystrokes land on character boundaries inside body paragraphs.

#[path = "../benches/support/mod.rs"]
mod support;

use std::collections::HashSet;

#[test]
fn same_seed_same_text_and_sizes_are_reached() {
    for &(size, seed) in &[(3_000, 1), (30_000, 7), (30_000, 20230417)] {
        let text = support::article(size, seed);
        assert_eq!(text, support::article(size, seed), "size {size} seed {seed}");
        assert!(text.len() >= size && text.len() < size + 2_000, "size {size}: got {}", text.len());
    }
    assert_ne!(support::article(3_000, 1), support::article(3_000, 2));
}

#[test]
fn no_paragraph_repeats() {
    let text = support::article(60_000, 3);
    let paragraphs: Vec<&str> = text.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    let distinct: HashSet<&str> = paragraphs.iter().copied().collect();
    assert_eq!(paragraphs.len(), distinct.len());
}

#[test]
fn articles_carry_what_the_checks_look_at() {
    let text = support::article(3_000, 20230417);
    for (what, needle) in [
        ("an opening curly quote", "“"),
        ("a closing curly quote", "”"),
        ("an apostrophe", "’"),
        ("a year", "2023"),
        ("an attribution", " said"),
    ] {
        assert!(text.contains(needle), "no {what} in:\n{text}");
    }
    let big = support::article(30_000, 20230417);
    for (what, needle) in
        [("a nested quote", "‘"), ("according to", "ccording to"), ("a heading", "\n\nWHAT ")]
    {
        assert!(big.contains(needle), "no {what} in 30 KB");
    }
}

#[test]
fn keystrokes_land_on_boundaries_in_prose() {
    let mut text = support::article(30_000, 5);
    for (offset, c) in support::keystrokes(&text, 200, 5) {
        assert!(text.is_char_boundary(offset), "offset {offset} splits a character");
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        assert!(offset > line_start, "typing at the very start of a line");
        text.insert(offset, c);
    }
    assert_eq!(support::keystrokes(&support::article(3_000, 5), 50, 5).len(), 50);
}

#[test]
fn size_labels_round_trip() {
    for &(label, size) in support::SIZES {
        assert_eq!(support::parse_size(label), Some(size));
        assert_eq!(support::size_label(size), label);
    }
    assert_eq!(support::parse_size("300k"), Some(300_000));
    assert_eq!(support::parse_size("nonsense"), None);
}
