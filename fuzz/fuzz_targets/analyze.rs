//! Arbitrary bytes, read as UTF-8 (lossy), through every rule under a few
//! settings, then hover, actions, inlay hints and the outline at arbitrary
//! offsets, then every fix applied and the result analysed again.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(9));
    let text = String::from_utf8_lossy(body);
    let choice = head.first().copied().unwrap_or(0);
    let offsets: Vec<usize> =
        head.iter().skip(1).map(|&b| usize::from(b) * text.len().max(1) / 200).collect();
    for variant in [0, choice] {
        let settings = invariants::settings_variant(variant);
        let analysis = invariants::analysis(&text, &settings);
        invariants::features(&text, &settings, &analysis, &offsets);
        invariants::fixes(&text, &settings, &analysis, false);
        for action in invariants::all_actions(&text, &settings, &analysis) {
            let fixed = copydesk::analysis::finding::apply_edits(&text, &action.edits);
            invariants::analysis(&fixed, &settings);
        }
    }
});
