//! Limits that keep the analysis of a pathological document bounded.
//!
//! Quotation pairing is linear in the number of marks (see
//! `quotes::analyze_with`), so a book of tens of thousands of marks gets
//! every quote check. What no article or book has is a single paragraph of
//! thousands of quotation marks (a data dump, 100,000 marks on one line):
//! there every mark would become a finding and the editor would drown.
//! When any paragraph has more than [`MAX_MARKS_PER_PARAGRAPH`] marks
//! outside words, the quote checks are skipped and the `analysis-limited`
//! rule says so with an info diagnostic; everything else (hover, the
//! outline, other checks) still works. Real paragraphs have a few dozen
//! marks at most.

use crate::analysis::quotes::Quotes;

/// The most quotation marks outside words (the apostrophe of "it’s" is not
/// counted) one paragraph may have for the quote checks to run.
pub const MAX_MARKS_PER_PARAGRAPH: usize = 5_000;

/// The checks skipped when a paragraph exceeds the limit.
pub const QUOTE_CHECKS: &[&str] =
    &["unclosed-quote", "unopened-quote", "mismatched-quote", "straight-quotes"];

/// Whether a paragraph with `marks` quotation marks outside words is past
/// the limit.
pub fn paragraph_exceeds(marks: usize) -> bool {
    marks > MAX_MARKS_PER_PARAGRAPH
}

/// The checks skipped for a document whose marks were read as `quotes`;
/// empty for any ordinary article or book.
pub fn skipped(quotes: &Quotes) -> Vec<&'static str> {
    if quotes.limited {
        QUOTE_CHECKS.to_vec()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes;
    use crate::analysis::structure::Article;
    use crate::analysis::Settings;

    /// Text, whether the quote checks are skipped. (Marks alone, with no
    /// letter, make no paragraph: there is nothing to pair.)
    #[test]
    fn only_paragraphs_past_the_limit_are_limited() {
        let max = MAX_MARKS_PER_PARAGRAPH;
        let cases: &[(String, bool)] = &[
            ("“Yes,” she said.".to_owned(), false),
            ("it’s ".repeat(max * 2), false),
            ("“".repeat(max) + "Yes", false),
            ("“".repeat(max + 1) + "Yes", true),
            ("\"a\" ".repeat(max), true),
            ("“".repeat(max * 2), false),
            // A book: many paragraphs, more marks in all than one paragraph
            // may have, every one of them checked.
            ("“A line,” she said.\n\n".repeat(max / 2 + 1), false),
            // Deeply nested but not a dump: checked, not limited.
            ("“‘".repeat(500) + "deep" + &"’”".repeat(500), false),
            // One limited paragraph among ordinary ones limits the document.
            ("“Fine.”\n\n".to_owned() + &"«".repeat(max + 1) + "Non", true),
        ];
        let settings = Settings::default();
        for (text, limited) in cases {
            let article = Article::parse(text, &settings);
            let quotes = quotes::analyze(text, &article, &settings);
            assert_eq!(!skipped(&quotes).is_empty(), *limited, "{} bytes", text.len());
            assert_eq!(quotes.limited, *limited, "{} bytes", text.len());
        }
    }
}
