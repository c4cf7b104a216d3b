//! Shared by the examples that type into a document (`analyze_file`,
//! `rss_probe`), so both type at the same place.

/// Where the keystrokes go: the first space after the middle of the text.
pub fn typing_spot(text: &str) -> usize {
    let mut spot = text.len() / 2;
    while !text.is_char_boundary(spot) || !text[spot..].starts_with(' ') {
        spot += 1;
        if spot >= text.len() {
            return 0;
        }
    }
    spot
}
