//! Inputs the fuzzers and property tests found, kept as regression tests.
//! Each row: a name, the input, and the invariant it broke.

#[path = "support/invariants.rs"]
mod invariants;

/// Texts whose analysis, features and fixes once broke an invariant.
const TEXTS: &[(&str, &str)] = &[
    // A '' run is one typewriter " (its span holds two bytes).
    ("a run of straight apostrophes", "She said ''yes'' and '''no'''."),
];

/// Texts on which date normalisation once was not idempotent (found by the
/// `dates` fuzz target): a date glued to the word after it was rewritten,
/// and the rewrite no longer read back as the same date.
const DATE_TEXTS: &[&str] = &[
    "date 2023-04-17\n\nPutin met on Sunday (April 16, 2023)nse of China, Li Shangfu.",
    "Putin met on Sunday (April 16, 2023)nse of China.",
    "It began on February 24 last yearx and went on.",
    // An article date whose year the detector does not read (2423): the
    // rewrite "April 16, 2423" came back as "April 16" plus a year again.
    "date 2423-04-17\n\nPutin met on Sunday (April 16) and on February 12 last year, from March 20 to 22.",
];

#[test]
fn date_normalisation_stays_idempotent_on_found_inputs() {
    for text in DATE_TEXTS {
        for variant in 0..6 {
            let mut settings = invariants::settings_variant(variant);
            if settings.article_date.is_none() || variant % 2 == 0 {
                settings.article_date = Some("2023-04-17".to_owned());
            }
            let analysis = invariants::analysis(text, &settings);
            invariants::date_normalisation(text, &settings, &analysis);
        }
    }
}

/// (article date, text) on which AP normalisation once left out a year, or
/// wrote a bare weekday, that the sentence's tense then read back as another
/// day (found by the `dates` fuzz target, on an article whose date line and
/// dated story disagree): normalising again changed the text again. Each
/// must normalise once, stably, and keep every date's value.
const DATE_READ_BACK: &[(&str, &str)] = &[
    // April 16 after a March 17 article date, past tense: "April 16" alone
    // reads as 2022.
    ("2023-03-17", "Putin met on April 16, 2023 with the minister of defense."),
    ("2023-03-17", "Putin met on Sunday (April 16, 2023) with the minister of defense, Li Shangfu."),
    ("2023-03-17", "The ministers met from April 16 to 18, 2023 in Moscow."),
    ("2023-03-17", "The ministers met in April 2023 in Moscow."),
    // A day within the week, but after the article date in a past-tense
    // sentence: the bare weekday reads as the one before.
    ("2023-04-17", "Putin met the minister on April 20, 2023 in Moscow."),
    // The future: a day before the article date reads as next year's.
    ("2023-04-17", "The minister will arrive on January 5, 2023 for talks."),
];

#[test]
fn date_normalisation_keeps_the_value_it_reads_back() {
    use copydesk::analysis::actions::ActionKind;
    for (date, text) in DATE_READ_BACK {
        let settings = copydesk::Settings { article_date: Some((*date).to_owned()), ..Default::default() };
        let analysis = invariants::analysis(text, &settings);
        invariants::date_normalisation(text, &settings, &analysis);
        let Some(action) = invariants::all_actions(text, &settings, &analysis)
            .into_iter()
            .find(|action| action.kind == ActionKind::Source("normalizeDates"))
        else {
            continue;
        };
        let once = copydesk::analysis::finding::apply_edits(text, &action.edits);
        let values = |analysis: &copydesk::analysis::Analysis| {
            analysis.dates.iter().map(|d| d.value_text()).collect::<Vec<_>>()
        };
        let again = copydesk::analyze(&once, &settings);
        assert_eq!(values(&again), values(&analysis), "{text:?} normalised to {once:?} reads as other dates");
    }
}

#[test]
fn found_inputs_keep_every_invariant() {
    for (_name, text) in TEXTS {
        for variant in 0..6 {
            let settings = invariants::settings_variant(variant);
            let analysis = invariants::analysis(text, &settings);
            invariants::features(text, &settings, &analysis, &[0, 1, 3, text.len()]);
            invariants::fixes(text, &settings, &analysis, true);
        }
    }
}

/// Found by `tests/properties.rs`: quote fixes that once introduced another
/// quote problem, each now checked strictly (the fix changes only its range,
/// its finding disappears, no new unclosed, unopened or mismatched quote).
/// Where a fix cannot be made safe the rule does not offer it, and the row
/// says so.
const QUOTE_FIX_TEXTS: &[(&str, &str)] = &[
    ("replacing ” with » in “«” must keep the pairing", "“«” the said. "),
    // The fix for the outer ‚ closes the inner ‹ first: ‚the‹it's›‘.
    ("closing an outer quotation around an unclosed inner one", "‚the‹it's"),
    // The straight-quote fix converts both marks of a pair: "" becomes “”.
    ("converting one straight mark of a pair", "“” the said. \"\" the said. "),
    // The fix for the outer “ closes the inner “ too: ““the””’.
    ("closing one of two nested unclosed quotations", "“‘it's ““the’ the said. "),
    // Deleting the ” would leave ’ closing nothing: no delete fix is
    // offered for a stray mark glued to another quotation mark.
    ("deleting a stray mark glued to another", "“\n\n’” the said. "),
];

#[test]
fn quote_fixes_introduce_no_quote_problem_on_found_inputs() {
    for (_name, text) in QUOTE_FIX_TEXTS {
        for variant in 0..6 {
            let settings = invariants::settings_variant(variant);
            let analysis = invariants::analysis(text, &settings);
            invariants::features(text, &settings, &analysis, &[0, 1, 3, text.len()]);
            invariants::fixes(text, &settings, &analysis, true);
        }
    }
}
