//! Sentence splitting: each row is a paragraph and the sentences expected
//! from it, separated by ` | `.

use copydesk::analysis::structure::Article;
use copydesk::Settings;

fn sentences(text: &str, language: &str) -> Vec<String> {
    let settings = Settings { languages: vec![language.to_owned()], ..Settings::default() };
    let article = Article::parse(text, &settings);
    article.sentences.iter().map(|span| span.slice(text).to_owned()).collect()
}

fn check(language: &str, cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (input, expected) in cases {
        let found = sentences(input, language).join(" | ");
        if found != *expected {
            failures.push(format!("input:    {input}\nexpected: {expected}\nfound:    {found}\n"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn english_sentences() {
    check(
        "en",
        &[
            // Plain terminators.
            ("The vote passed. The council adjourned!", "The vote passed. | The council adjourned!"),
            ("Did it pass? Nobody knew.", "Did it pass? | Nobody knew."),
            ("What?! She left.", "What?! | She left."),
            ("No terminator at all", "No terminator at all"),
            // Titles and ranks.
            ("Mr. Okafor met Gen. Lindqvist. They spoke.", "Mr. Okafor met Gen. Lindqvist. | They spoke."),
            (
                "Sen. Ada Ruiz and Rep. Tom Hale voted no. Gov. Park signed.",
                "Sen. Ada Ruiz and Rep. Tom Hale voted no. | Gov. Park signed.",
            ),
            (
                "Dr. Mrs. Ms. Prof. Lt. Col. Sgt. Capt. St. Jude all came. Then rain.",
                "Dr. Mrs. Ms. Prof. Lt. Col. Sgt. Capt. St. Jude all came. | Then rain.",
            ),
            (
                "The bill went to Martin Luther King Jr. Boulevard. It stayed.",
                "The bill went to Martin Luther King Jr. Boulevard. | It stayed.",
            ),
            // Months.
            (
                "The deal closed Jan. 9 and Sept. 30. Markets rose.",
                "The deal closed Jan. 9 and Sept. 30. | Markets rose.",
            ),
            (
                "It began Aug. 2, ended Oct. 1, resumed Nov. 5 and Dec. 12. Then it stopped.",
                "It began Aug. 2, ended Oct. 1, resumed Nov. 5 and Dec. 12. | Then it stopped.",
            ),
            (
                "On Feb. 24, 2023, the war widened. Aid followed.",
                "On Feb. 24, 2023, the war widened. | Aid followed.",
            ),
            // Dotted abbreviations.
            (
                "The U.S. Senate and the U.K. Parliament met. The U.N. watched.",
                "The U.S. Senate and the U.K. Parliament met. | The U.N. watched.",
            ),
            ("E.U. ministers agreed. The vote was close.", "E.U. ministers agreed. | The vote was close."),
            (
                "Talks ran past 11 p.m. Friday, e.g. Brussels time. Nobody slept.",
                "Talks ran past 11 p.m. Friday, e.g. Brussels time. | Nobody slept.",
            ),
            // No. before a number, "No." as a word.
            (
                "He ranks No. 3 in the world. She ranks first.",
                "He ranks No. 3 in the world. | She ranks first.",
            ),
            ("She said No. Then she left.", "She said No. | Then she left."),
            // vs. and etc.
            ("It was Lyon vs. Porto. Lyon won.", "It was Lyon vs. Porto. | Lyon won."),
            ("They sold fish, bread, etc. and left.", "They sold fish, bread, etc. and left."),
            (
                "They sold fish, bread, etc. The market closed.",
                "They sold fish, bread, etc. | The market closed.",
            ),
            // Initials.
            (
                "J. R. R. Tolkien wrote it. Readers loved it.",
                "J. R. R. Tolkien wrote it. | Readers loved it.",
            ),
            (
                "The author, T. S. Eliot, agreed. So did E. B. White.",
                "The author, T. S. Eliot, agreed. | So did E. B. White.",
            ),
            // Decimals, numbers, domains.
            (
                "Inflation hit 3.5 percent. Rates rose 0.25 points.",
                "Inflation hit 3.5 percent. | Rates rose 0.25 points.",
            ),
            ("Prices fell in 2022. 2023 was better.", "Prices fell in 2022. | 2023 was better."),
            (
                "Shares of Amazon.com fell. Analysts shrugged.",
                "Shares of Amazon.com fell. | Analysts shrugged.",
            ),
            // A lowercase word after the period continues the sentence.
            ("The ship left at 5 a.m. and docked at noon.", "The ship left at 5 a.m. and docked at noon."),
            ("He read it twice. then once more.", "He read it twice. then once more."),
            // Quotations: the closing mark belongs to the sentence.
            ("He said “stop.” Then he left.", "He said “stop.” | Then he left."),
            ("She asked, \"Why now?\" Nobody answered.", "She asked, \"Why now?\" | Nobody answered."),
            ("“Are you sure?” he asked. “Yes.”", "“Are you sure?” he asked. | “Yes.”"),
            ("“We will win,” she said. “We must.”", "“We will win,” she said. | “We must.”"),
            (
                "“It is over.”, said the mayor, leaving early.",
                "“It is over.”, said the mayor, leaving early.",
            ),
            (
                "The minister called it ‘final.’ Talks ended.",
                "The minister called it ‘final.’ | Talks ended.",
            ),
            (
                "(The vote was later annulled.) Protests followed.",
                "(The vote was later annulled.) | Protests followed.",
            ),
            // Ellipses.
            (
                "“I don’t know… Maybe tomorrow,” she said. He nodded.",
                "“I don’t know… Maybe tomorrow,” she said. | He nodded.",
            ),
            ("“We waited... And waited,” he said.", "“We waited... And waited,” he said."),
            ("The line went dead… Nobody called back.", "The line went dead… | Nobody called back."),
            ("He paused... then went on.", "He paused... then went on."),
            ("“Wait…” Then silence.", "“Wait…” | Then silence."),
            // Non-ASCII around the boundary.
            ("Ça va. Élise répond. Ωmega.", "Ça va. | Élise répond. | Ωmega."),
        ],
    );
}

#[test]
fn german_sentences() {
    check(
        "de",
        &[
            ("Das gilt z.B. für Berlin. Hamburg folgt.", "Das gilt z.B. für Berlin. | Hamburg folgt."),
            (
                "Dr. Weber sprach mit Prof. Klein. Beide schwiegen.",
                "Dr. Weber sprach mit Prof. Klein. | Beide schwiegen.",
            ),
            (
                "Es kamen ca. Tausend Menschen. Die Polizei zählte mit.",
                "Es kamen ca. Tausend Menschen. | Die Polizei zählte mit.",
            ),
            ("Er wohnt in Haus Nr. 5. Sie wohnt nebenan.", "Er wohnt in Haus Nr. 5. | Sie wohnt nebenan."),
            (
                "Der Umsatz bzw. Gewinn sank. Der Vorstand trat zurück.",
                "Der Umsatz bzw. Gewinn sank. | Der Vorstand trat zurück.",
            ),
            (
                "Dabei waren u.a. Vertreter der Stadt. Es regnete.",
                "Dabei waren u.a. Vertreter der Stadt. | Es regnete.",
            ),
            (
                "Am 17. April reiste er ab. Am 3. Mai kam er zurück.",
                "Am 17. April reiste er ab. | Am 3. Mai kam er zurück.",
            ),
            ("Sie belegte den 3. Platz. Er wurde Vierter.", "Sie belegte den 3. Platz. | Er wurde Vierter."),
            ("Das Spiel endete 2:1. Danach feierten alle.", "Das Spiel endete 2:1. | Danach feierten alle."),
            ("„Wir bleiben.“ Dann ging sie.", "„Wir bleiben.“ | Dann ging sie."),
            (
                "Der Preis stieg auf 3,5 Mio. Euro. Das überraschte.",
                "Der Preis stieg auf 3,5 Mio. Euro. | Das überraschte.",
            ),
        ],
    );
}

#[test]
fn english_table_is_not_used_for_german_ordinals() {
    // In English a number before a period ends the sentence.
    assert_eq!(sentences("They won 17. April came.", "en"), ["They won 17.", "April came."]);
}

#[test]
fn sentences_stay_inside_their_paragraph_and_skip_code() {
    let text = "First one. Second `code. Not` here.\n\nThird.";
    assert_eq!(sentences(text, "en"), ["First one.", "Second `code. Not` here.", "Third."]);
}
