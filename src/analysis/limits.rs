//! Limits that keep the analysis of a pathological document bounded.
//!
//! Quotation pairing costs more than linear time in the number of marks
//! that may open or close a quotation (a document of nothing but 100,000
//! quotation marks, or thousands of nested ones). Past
//! [`MAX_QUOTATION_MARKS`] such marks, the quote checks are skipped and the
//! `analysis-limited` rule says so with an info diagnostic; everything else
//! (hover, the outline, other checks) still works. Real articles have a few
//! hundred marks at most.

use crate::analysis::quotes::is_quote_glyph;

/// The most marks that may open or close a quotation that are paired.
pub const MAX_QUOTATION_MARKS: usize = 5_000;

/// The checks skipped when the quotation marks exceed the limit.
pub const QUOTE_CHECKS: &[&str] =
    &["unclosed-quote", "unopened-quote", "mismatched-quote", "straight-quotes"];

/// The checks to skip for `text`; empty for any ordinary article. Marks
/// inside a word (the apostrophe of "it’s") are not counted.
pub fn skipped(text: &str) -> Vec<&'static str> {
    let mut marks = 0usize;
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_quote_glyph(c) {
            let inside_word =
                previous.is_alphanumeric() && chars.peek().is_some_and(|next| next.is_alphanumeric());
            if !inside_word {
                marks += 1;
                if marks > MAX_QUOTATION_MARKS {
                    return QUOTE_CHECKS.to_vec();
                }
            }
        }
        previous = c;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text, whether the quote checks are skipped.
    #[test]
    fn only_documents_past_the_limit_are_limited() {
        let cases: &[(String, bool)] = &[
            ("“Yes,” she said.".to_owned(), false),
            ("it’s ".repeat(MAX_QUOTATION_MARKS * 2), false),
            ("“".repeat(MAX_QUOTATION_MARKS), false),
            ("“".repeat(MAX_QUOTATION_MARKS + 1), true),
            ("\"a\" ".repeat(MAX_QUOTATION_MARKS), true),
        ];
        for (text, limited) in cases {
            assert_eq!(!skipped(text).is_empty(), *limited, "{} bytes", text.len());
        }
    }
}
