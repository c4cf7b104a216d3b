//! Acceptance on the example article: hover cards, findings and the actor
//! list, read side by side with their expectations.

use copydesk::analysis::{analyze, hover, Context};
use copydesk::Settings;

const ARTICLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");

/// (the word hovered, its occurrence in the text (0-based), what the card must contain)
const HOVERS: &[(&str, usize, &[&str])] = &[
    (
        "Putin",
        0,
        &[
            "**Vladimir Putin** · person",
            "Title in this article: President of Russia",
            "since 2012\\-05\\-07",
        ],
    ),
    ("Xi", 0, &["**Xi Jinping** · person", "President of China"]),
    ("Li", 0, &["**Li Shangfu** · person", "Minister of Defense of China"]),
    ("Shoigu", 0, &["**Sergei Shoigu** · person", "Russian Defense Minister"]),
    ("Blinken", 0, &["**Antony Blinken** · person", "US Secretary of State"]),
    ("Biden", 1, &["**Joe Biden** · person", "US President"]),
    (
        "China",
        0,
        &[
            "**China** · country",
            "Capital: Beijing",
            "Demonym: Chinese",
            "Leaders: President Xi Jinping",
            "as of 2026\\-01",
        ],
    ),
    ("Russia", 1, &["**Russia** · country", "Capital: Moscow", "Demonym: Russian"]),
    ("President says", 0, &["**Vladimir Putin** · person"]),
    ("Washington", 0, &["**Washington** · place", "stands for the government of United States"]),
    ("Tass", 0, &["**TASS** · organisation", "news agency"]),
];

fn offset_of(needle: &str, occurrence: usize) -> usize {
    ARTICLE.match_indices(needle).nth(occurrence).map(|(i, _)| i).expect(needle)
}

#[test]
fn hover_cards_name_the_right_actor() {
    let settings = Settings::default();
    let analysis = analyze(ARTICLE, &settings);
    let context = Context { text: ARTICLE, settings: &settings, analysis: &analysis };
    for (word, occurrence, expected) in HOVERS {
        let offset = offset_of(word, *occurrence);
        let card = hover::hover(&context, offset).unwrap_or_else(|| panic!("no hover on {word}"));
        for part in *expected {
            assert!(card.markdown.contains(part), "hover on {word}: missing {part:?} in\n{}", card.markdown);
        }
    }
}

#[test]
fn kiev_and_xinhuali_are_flagged_with_fixes() {
    let analysis = analyze(ARTICLE, &Settings::default());
    let found: Vec<(&str, &str, String)> = analysis
        .findings
        .iter()
        .filter(|f| f.code == "place-name-style" || f.code == "glued-words")
        .map(|f| {
            (f.code, f.span.slice(ARTICLE), f.apply_first_fix(f.span.slice(ARTICLE)).unwrap_or_default())
        })
        .collect();
    assert!(found.iter().any(|(code, _, _)| *code == "place-name-style"));
    let kiev = analysis.findings.iter().find(|f| f.code == "place-name-style").unwrap();
    assert_eq!(kiev.span.slice(ARTICLE), "Kiev");
    assert_eq!(kiev.fixes[0].edits[0].new_text, "Kyiv");
    let glued = analysis.findings.iter().find(|f| f.code == "glued-words").unwrap();
    assert_eq!(glued.span.slice(ARTICLE), "XinhuaLi");
    let fixed = glued.apply_first_fix(ARTICLE).unwrap();
    assert!(fixed.contains("agency Xinhua Li said"));
}

/// (actor, kind, the mentions as written, in order)
const ACTORS: &[(&str, &str, &[&str])] = &[
    (
        "Vladimir Putin",
        "person",
        &["Russian President", "Vladimir Putin", "Putin", "Putin", "Putin", "Putin"],
    ),
    ("Xi Jinping", "person", &["Xi Jinping", "Xi", "Xi Jinping", "Xi"]),
    ("Li Shangfu", "person", &["Li Shangfu", "Li Shangfu", "Li"]),
    ("Sergei Shoigu", "person", &["Sergei Shoigu"]),
    ("Antony Blinken", "person", &["Antony Blinken"]),
    ("Joe Biden", "person", &["Joe Biden", "Biden"]),
    ("Moscow", "place", &["Moscow", "Moscow", "Moscow", "Moscow"]),
    ("Beijing", "place", &["Beijing", "Beijing"]),
    ("Washington", "place", &["Washington"]),
    ("Kyiv", "place", &["Kiev"]),
    ("TASS", "organization", &["Tass"]),
    ("Xinhua", "organization", &["Xinhua"]),
    ("Ukraine", "country", &["Ukraine", "Ukraine"]),
    ("United States", "country", &["USA", "US", "US"]),
];

#[test]
fn the_actor_list_has_everyone_with_all_mentions() {
    let analysis = analyze(ARTICLE, &Settings::default());
    for (name, kind, mentions) in ACTORS {
        let actor = analysis.actors.by_name(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(serde_json::to_value(actor.kind).unwrap(), *kind, "{name}");
        let written: Vec<&str> = actor.mentions.iter().map(|s| s.slice(ARTICLE)).collect();
        assert_eq!(&written, mentions, "{name}");
    }
    let russia = analysis.actors.by_name("Russia").unwrap();
    assert!(russia.mentions.len() >= 10, "Russia and Russian: {}", russia.mentions.len());
    // No sentence starter became an actor.
    for starter in
        ["Both", "Since", "Unlike", "Earlier", "Along", "Days", "WHAT", "THE", "Also", "He", "In", "At"]
    {
        assert!(analysis.actors.by_name(starter).is_none(), "{starter} is not an actor");
    }
    // Every person mention resolves through actor_at.
    let putin = analysis.actors.actors.iter().position(|a| a.name == "Vladimir Putin").unwrap();
    let second = offset_of("Putin", 1);
    assert_eq!(analysis.actors.actor_at(second + 2), Some(putin));
}

#[test]
fn registry_text_is_escaped_in_hover() {
    let mut settings = Settings::default();
    settings.actors.people.push(copydesk::analysis::settings::RegistryEntry {
        name: "Jane Roe".to_owned(),
        title: Some("[x](command:evil) <b>editor</b>".to_owned()),
        ..Default::default()
    });
    let text = "Jane Roe said the plan works.";
    let analysis = analyze(text, &settings);
    let context = Context { text, settings: &settings, analysis: &analysis };
    let card = hover::hover(&context, 1).expect("hover on the registry person");
    assert!(
        card.markdown.contains("Registry title: \\[x\\]\\(command:evil\\) &lt;b&gt;editor&lt;/b&gt;")
            || card.markdown.contains("\\[x\\]\\(command:evil\\)"),
        "{}",
        card.markdown
    );
    assert!(!card.markdown.contains("[x](command:evil)"));
    assert!(!card.markdown.contains("<b>"));
}
