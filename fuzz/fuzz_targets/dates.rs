//! Date-like strings: pieces of dates (numbers, month and weekday names,
//! "last", "next", separators) in a sentence, with an arbitrary article
//! date and date style, through detection and resolution (the whole
//! analysis) and rendering in every style; date spans checked, and
//! date normalisation (when offered) applied twice must be stable.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const PIECES: &[&str] = &[
    "1",
    "17",
    "31",
    "0",
    "29",
    "2023",
    "1999",
    "99",
    "12",
    "04",
    "13",
    "-",
    "/",
    ".",
    ",",
    " ",
    "–",
    "to",
    "April",
    "Apr.",
    "Sept.",
    "February",
    "Feb",
    "May",
    "March",
    "Dec.",
    "Monday",
    "Sunday",
    "Tues.",
    "last",
    "next",
    "this",
    "on",
    "in",
    "of",
    "week",
    "month",
    "year",
    "yesterday",
    "today",
    "tomorrow",
    "ago",
    "days",
    "the",
    "st",
    "th",
    "nd",
    "rd",
    "BC",
    "AD",
    "'23",
    "mid-",
    "early",
    "late",
    "März",
    "Januar",
    "Montag",
    "am",
    "vom",
    "bis",
    "\"",
    "“",
    "”",
    "Putin",
    "said",
    "\n\n",
    "date: ",
];

#[derive(Arbitrary, Debug)]
struct Input {
    pieces: Vec<u8>,
    raw: String,
    article_date: Option<(i16, u8, u8)>,
    style: u8,
    order: bool,
}

fuzz_target!(|input: Input| {
    let mut text: String = input.pieces.iter().map(|&p| PIECES[usize::from(p) % PIECES.len()]).collect();
    text.push_str(&input.raw);
    let mut settings = invariants::settings_variant(input.style / 4);
    settings.dates.style = ["ap", "chicago", "iso", "long"][usize::from(input.style % 4)].to_owned();
    settings.dates.numeric_order = if input.order { "day-first" } else { "month-first" }.to_owned();
    settings.article_date = input.article_date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
    let analysis = invariants::analysis(&text, &settings);
    // Detection and resolution ran inside `analyze`; render every mention
    // in every house style, with and without a "today".
    use copydesk::analysis::dates::render::{render, DateStyle};
    let today = analysis.article_date.as_ref().map(|_| jiff::civil::date(2023, 4, 17));
    for date in &analysis.dates {
        if let Some(value) = &date.value {
            let _ = value.iso();
        }
        for style in [DateStyle::Ap, DateStyle::Chicago, DateStyle::Iso, DateStyle::Long] {
            for today in [None, today] {
                if let Some(rendered) = render(date, style, today, &text) {
                    assert!(!rendered.is_empty(), "{date:?} renders empty in {style:?}");
                }
            }
        }
    }
    invariants::features(&text, &settings, &analysis, &[0, text.len() / 2, text.len()]);
    invariants::date_normalisation(&text, &settings, &analysis);
});
