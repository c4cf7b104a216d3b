//! Copy in another language than the default English is read in its own
//! language without configuration: its speech cues, its quotation marks,
//! and no orphan-quote alarms where copydesk has no cues for the language.
//! Each row: the text (default settings), then the findings expected, as
//! `code@quoted text` (the finding's span).

use copydesk::{analyze, Settings};

#[rustfmt::skip]
const CASES: &[(&str, &[&str])] = &[
    // German: „…“ pairs, "sagte" and "erklärte" attribute, no warning.
    (
        "Die Regierung hat am Montag neue Hilfen angekündigt. Die Opposition ist nicht überzeugt.\n\n\
         „Wir lassen die Menschen nicht allein“, sagte der Kanzler in Berlin. Die Länder wollen mehr.\n\n\
         „Das reicht nicht“, erklärte die Fraktionschefin. Auch die Gewerkschaften sind skeptisch.",
        &[],
    ),
    // German: a mark that really is wrong is still found.
    (
        "Die Regierung hat am Montag neue Hilfen angekündigt. Die Opposition ist nicht überzeugt.\n\n\
         „Wir lassen die Menschen nicht allein”, sagte der Kanzler in Berlin. Die Länder wollen mehr.",
        &["mismatched-quote@”"],
    ),
    // French: «…» pairs; no cue lexicon, so no orphan-quote alarm.
    (
        "Le gouvernement a annoncé lundi de nouvelles aides pour les ménages et les entreprises.\n\n\
         « Nous ne laisserons personne sur le bord de la route », a-t-il déclaré dans la ville.",
        &[],
    ),
    // English stays English: an orphan is flagged.
    (
        "The council met on Tuesday and said that the budget was final, and the mayor agreed.\n\n\
         “We will not raise taxes this year.”",
        &["unattributed-quote@“We will not raise taxes this year.”"],
    ),
];

#[test]
fn each_text_is_read_in_its_own_language() {
    for (text, expected) in CASES {
        let analysis = analyze(text, &Settings::default());
        let found: Vec<String> = analysis
            .findings
            .iter()
            .filter(|f| !matches!(f.code, "date-style"))
            .map(|f| format!("{}@{}", f.code, f.span.slice(text)))
            .collect();
        assert_eq!(&found, expected, "{text}");
    }
}

#[test]
fn a_regional_language_code_gets_its_language_pack() {
    let text = "„Wir lassen die Menschen nicht allein“, sagte der Kanzler.";
    for code in ["de", "de-DE", "de-CH", "DE"] {
        let settings = Settings { languages: vec![code.to_owned()], ..Settings::default() };
        let analysis = analyze(text, &settings);
        let speaker = analysis.attributions.first().and_then(|a| a.speaker.as_ref());
        assert_eq!(speaker.map(|s| s.span.slice(text)), Some("der Kanzler"), "{code}");
    }
}
