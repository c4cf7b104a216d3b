//! Actor recognition, sentence by sentence. Each row is a text and what must
//! hold in it, side by side:
//! - `"Word -> Name"`: the first `Word` is a mention of the actor `Name`
//!   (`"Word#2 -> Name"`: the second occurrence);
//! - `"Name : kind"`: the actor `Name` exists with that kind;
//! - `"!Word"`: `Word` is not a mention of any actor;
//! - `"Name ~ description"`: the actor `Name` is described so (on its hover
//!   card: the title the article gave it, or what the data knows).

use copydesk::analysis::analyze;
use copydesk::Settings;

const CASES: &[(&str, &[&str])] = &[
    // Title patterns.
    (
        "Russian Defense Minister Sergei Shoigu attended.",
        &["Sergei Shoigu -> Sergei Shoigu", "Sergei Shoigu : person", "Russian -> Russia"],
    ),
    (
        "He met the Minister of Defense of China, Li Shangfu, on Monday.",
        &["Li Shangfu -> Li Shangfu", "!Monday"],
    ),
    (
        "US Secretary of State Antony Blinken flew home.",
        &["Antony Blinken -> Antony Blinken", "US -> United States"],
    ),
    ("The President of Russia, Vladimir Putin, spoke.", &["Vladimir Putin -> Vladimir Putin", "!The"]),
    ("US President Joe Biden arrived late.", &["Joe Biden -> Joe Biden"]),
    ("Chinese President Xi Jinping left Moscow.", &["Xi Jinping -> Xi Jinping", "Moscow -> Moscow"]),
    (
        "Vladimir Putin, the Russian president, said little.",
        &["Vladimir Putin -> Vladimir Putin", "Vladimir Putin : person"],
    ),
    ("French President Emmanuel Macron called.", &["Emmanuel Macron -> Emmanuel Macron", "French -> France"]),
    ("Mr. Smith declined to comment.", &["Smith -> Smith", "Smith : person"]),
    ("Councilman Ray Diaz voted no.", &["Ray Diaz -> Ray Diaz", "Ray Diaz : person"]),
    ("Harlow Bank analyst Mark Chen cut his forecast.", &["Mark Chen -> Mark Chen", "Mark Chen : person"]),
    ("British Prime Minister Rishi Sunak resigned.", &["Rishi Sunak -> Rishi Sunak"]),
    ("German Chancellor Olaf Scholz said the talks went well.", &["Olaf Scholz -> Olaf Scholz"]),
    ("Kremlin spokesman Dmitry Peskov denied it.", &["Dmitry Peskov -> Dmitry Peskov", "Kremlin -> Kremlin"]),
    // The title as the article gives it, on the hover card: a hyphenated
    // office, modifiers before the role, "of" and an organisation after it.
    (
        "UN Secretary-General António Guterres warned of a breakdown.",
        &["António Guterres ~ UN Secretary-General", "UN -> United Nations"],
    ),
    ("The EU's foreign policy chief, Kaja Kallas, agreed.", &["Kaja Kallas ~ foreign policy chief"]),
    (
        "The head of the World Health Organization, Tedros Adhanom Ghebreyesus, said funding fell.",
        &[
            "Tedros Adhanom Ghebreyesus ~ head of the World Health Organization",
            "World Health Organization -> World Health Organization",
        ],
    ),
    // The given name of a three-word name on second reference, when no one
    // else has it; a two-word name's first word is not enough.
    (
        "The head of the World Health Organization, Tedros Adhanom Ghebreyesus, spoke. Tedros said funding fell.",
        &["Tedros#2 -> Tedros Adhanom Ghebreyesus"],
    ),
    ("German Chancellor Olaf Scholz spoke. Olaf smiled.", &["Olaf#2 -> Olaf"]),
    // Jobs of sport, law and the newsroom's other beats introduce a person.
    (
        "Team captain Mika Zibanejad shrugged. Boston goaltender Jeremy Swayman made 35 saves.",
        &["Mika Zibanejad : person", "Mika Zibanejad ~ captain", "Jeremy Swayman ~ goaltender"],
    ),
    (
        "Defense attorney Jane Roe objected, and Harvard professor Ann Lee agreed.",
        &["Jane Roe ~ Defense attorney", "Ann Lee : person", "Ann Lee ~ professor"],
    ),
    ("Restaurant owner Maria Lopez smiled. Lopez waved.", &["Lopez#2 -> Maria Lopez"]),
    // Legislative titles: the chamber and the majority or minority belong
    // to the title, not to a name of their own.
    (
        "Senate Majority Leader Ann Porter spoke, and House Minority Leader Bo Reyes left.",
        &["Ann Porter ~ Senate Majority Leader", "Bo Reyes ~ House Minority Leader", "!Majority", "!Minority"],
    ),
    ("Opposition leader Keir Vance called it a gimmick.", &["Keir Vance ~ Opposition leader"]),
    // Hyphenated names are one name, and a part of one is no one else.
    (
        "Press secretary Lena Jean-Pierre answered. Jean-Pierre smiled.",
        &["Lena Jean-Pierre ~ Press secretary", "Jean-Pierre#2 -> Lena Jean-Pierre"],
    ),
    ("Frank-Walter Steinmeier spoke in Berlin.", &["Frank-Walter Steinmeier : person"]),
    // A title word joined by a hyphen stays a title.
    ("Vice-President Ana Ruiz arrived.", &["Ana Ruiz : person", "!Vice", "!President", "Ana Ruiz ~ Vice-President"]),
    ("The bank's vice-president, Tom Hale, said rates would rise.", &["Tom Hale ~ vice-president"]),
    // A name nobody introduced, then its last word alone: one person.
    (
        "Jeremy Swayman made 31 saves. Swayman, asked about it, shrugged.",
        &["Swayman#2 -> Jeremy Swayman", "Jeremy Swayman : person"],
    ),
    // Newsroom and market jobs introduce a person too.
    ("AP Business Writer Stan Choe contributed.", &["Stan Choe : person", "Stan Choe ~ AP Business Writer"]),
    (
        "\"It hurts,\" said Lindsey Bell, chief strategist at a fund.",
        &["Lindsey Bell : person", "Lindsey Bell ~ chief strategist"],
    ),
    // A job's plural is no part of a name.
    (
        "Business Writers Dana Okafor and Lee Brandt contributed to this report.",
        &["Dana Okafor -> Dana Okafor", "!Writers"],
    ),
    ("Senators McCallum and Ortiz voted no; the Spokesmen said nothing.", &["!Senators", "!Spokesmen"]),
    // An institution's name is an organisation, and its last word alone
    // elsewhere no person's surname.
    (
        "Trading on the Exchange stopped after shares fell on the Lagos Stock Exchange.",
        &["Stock Exchange : organization", "!Exchange"],
    ),
    ("The Federal Reserve raised rates.", &["Federal Reserve : organization"]),
    // A speech verb next to a name nobody introduced, or a byline: a person.
    ("\"It's progress,\" shrugged Tom Reid, a farmer.", &["Tom Reid : person"]),
    ("By Jane Porter\n\nThe village is quiet.", &["Jane Porter : person"]),
    // An honorific is no actor of its own.
    (
        "In the region, Gov. Oleh Syniehubov said two people were killed.",
        &["Oleh Syniehubov : person", "!Gov"],
    ),
    ("The Rev. Iain MacLeod, the parish minister, said little.", &["Iain MacLeod : person", "!Rev"]),
    // Not after "the": a team, not a person.
    ("The Maple Leafs lost again, and the Leafs fired their coach.", &["Maple Leafs : unknown", "Leafs#2 -> Leafs"]),
    // Two names joined by a hyphen stay two.
    ("Russia-Ukraine talks and Franco-German ties.", &["Russia -> Russia", "Ukraine -> Ukraine", "German -> Germany"]),
    // After a title, a place's name can be a given name.
    (
        "Rep. Alexandria Ortiz-Vega said no. Ortiz-Vega left Alexandria on Monday.",
        &["Alexandria -> Alexandria Ortiz-Vega", "Ortiz-Vega#2 -> Alexandria Ortiz-Vega", "Alexandria#2 -> Alexandria"],
    ),
    // A given name is not a leader's surname from the data ("Pierre" is
    // one in Saint Lucia).
    ("Pierre Poilievre told reporters it was over. Poilievre left.", &["Pierre -> Pierre Poilievre"]),
    ("Russian Defense Minister Sergei Shoigu attended.", &["Sergei Shoigu ~ Russian Defense Minister"]),
    // Surnames, family names first, possessives.
    (
        "Russian Defense Minister Sergei Shoigu spoke. Shoigu said it was over.",
        &["Shoigu#2 -> Sergei Shoigu"],
    ),
    ("Chinese President Xi Jinping arrived. Xi said little.", &["Xi#2 -> Xi Jinping"]),
    ("The minister of defense of China, Li Shangfu, arrived. Li said yes.", &["Li#2 -> Li Shangfu"]),
    ("US President Joe Biden spoke. Biden's plan was clear.", &["Biden#2 -> Joe Biden"]),
    (
        "Ukrainian President Volodymyr Zelenskyy spoke. Zelenskyy's office agreed.",
        &["Zelenskyy#2 -> Volodymyr Zelenskyy"],
    ),
    // A close spelling of a long surname is the same person; a short word
    // two letters off is not.
    (
        "Ukrainian President Volodymyr Zelenskyy spoke. Later Zelenskiy left.",
        &["Zelenskiy -> Volodymyr Zelenskyy"],
    ),
    ("Acting Mayor Dana Trump spoke. The Truth Caucus met.", &["Truth -> Truth Caucus"]),
    // A German genitive s is the same name, not another spelling.
    (
        "Der iranische General Ghassem Soleimani starb. Soleimanis Tod löste Trauer aus.",
        &["Soleimanis -> Ghassem Soleimani"],
    ),
    (
        "Putin said the war would go on.",
        &["Putin -> Vladimir Vladimirovich Putin", "Vladimir Vladimirovich Putin : person"],
    ),
    // Two people sharing a surname.
    (
        "Former President Bill Clinton spoke first. Then Hillary Clinton spoke. Clinton said she was proud.",
        &["Clinton#3 -> Hillary Clinton", "Bill Clinton -> Bill Clinton"],
    ),
    ("Hillary Clinton spoke, Bill Clinton said. Later, Mr. Clinton left.", &["Clinton#3 -> Bill Clinton"]),
    (
        "Senator Ted Kennedy and Robert Kennedy met. Robert Kennedy said Kennedy was late.",
        &["Robert Kennedy -> Robert Kennedy"],
    ),
    // Demonyms are mentions of the country.
    ("The Russian army advanced.", &["Russian -> Russia", "Russia : country"]),
    ("Chinese officials declined.", &["Chinese -> China"]),
    ("Sino-Russian ties are strong.", &["Russian -> Russia", "!Sino"]),
    ("Americans voted on Tuesday.", &["Americans -> United States", "!Tuesday"]),
    ("The Ukrainian side said no.", &["Ukrainian -> Ukraine"]),
    ("A Georgian delegation arrived in Tbilisi.", &["Georgian -> Georgia", "Tbilisi -> Tbilisi"]),
    // Washington: city or government.
    ("Washington warned Moscow against it.", &["Washington -> Washington"]),
    ("The delegation landed in Washington on Friday.", &["Washington -> Washington"]),
    ("Beijing denied the report.", &["Beijing -> Beijing"]),
    // Georgia: country or US state.
    (
        "Georgia borders Russia and Armenia; Tbilisi is its capital.",
        &["Georgia -> Georgia", "Georgia : country"],
    ),
    (
        "The governor of Georgia spoke in Atlanta about the state budget.",
        &["Georgia -> Georgia", "Georgia : place"],
    ),
    ("Voters in Georgia and Alabama went to the polls.", &["Georgia : place"]),
    ("Georgia's president met Russian officials in Tbilisi.", &["Georgia : country"]),
    // Capitalised sentence starters that are not names.
    ("Both sides agreed. Since then, nothing changed.", &["!Both", "!Since"]),
    ("Earlier, the talks failed. Unlike before, no one left.", &["!Earlier", "!Unlike"]),
    ("Along the border, troops gathered. Days later, they left.", &["!Along", "!Days"]),
    ("WHAT THE USA SAY", &["!WHAT", "!THE", "USA -> United States"]),
    ("Meanwhile, prices rose. However, wages fell.", &["!Meanwhile", "!However"]),
    ("Nobody came. Nobody left. Nobody cared.", &["!Nobody"]),
    ("Relations are good, officials said.", &["!Relations"]),
    // Names nobody introduces are still actors.
    ("Talks were led by Oleksiy Danilov, who said little.", &["Oleksiy Danilov -> Oleksiy Danilov"]),
    ("The plan came from Zorblatt, a small firm.", &["Zorblatt -> Zorblatt", "Zorblatt : unknown"]),
    // Organisations and agencies.
    (
        "TASS and Reuters reported it, as did Interfax.",
        &["TASS -> TASS", "Reuters -> Reuters", "Interfax -> Interfax"],
    ),
    ("NATO and the EU met at the UN.", &["NATO -> NATO", "EU -> European Union", "UN -> United Nations"]),
    ("Xinhua reported the meeting.", &["Xinhua -> Xinhua", "Xinhua : organization"]),
    // Role references.
    (
        "Russian President says talks went well.\n\nThe President of Russia, Vladimir Putin, spoke.",
        &["President -> Vladimir Putin"],
    ),
    (
        "The talks ended, the Chinese president said.\n\nChinese President Xi Jinping spoke.",
        &["Chinese president -> Xi Jinping"],
    ),
    ("A Chinese defense minister came.", &["!defense"]),
];

fn nth(text: &str, needle: &str, n: usize) -> Option<usize> {
    let mut found = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(needle) {
        let before_ok = i == 0 || !(bytes[i - 1] as char).is_alphanumeric();
        let end = i + needle.len();
        let after_ok = end >= text.len() || !(bytes[end] as char).is_alphanumeric();
        if before_ok && after_ok {
            found += 1;
            if found == n {
                return Some(i);
            }
        }
    }
    None
}

#[test]
fn sentences() {
    let mut failures = Vec::new();
    for (text, expectations) in CASES {
        let analysis = analyze(text, &Settings::default());
        let actors = &analysis.actors;
        let listing: Vec<String> = actors
            .actors
            .iter()
            .map(|a| {
                format!(
                    "{} ({:?}): {:?}",
                    a.name,
                    a.kind,
                    a.mentions.iter().map(|s| s.slice(text)).collect::<Vec<_>>()
                )
            })
            .collect();
        for expectation in *expectations {
            let ok = if let Some(word) = expectation.strip_prefix('!') {
                nth(text, word, 1).is_some_and(|at| actors.actor_at(at).is_none())
            } else if let Some((surface, name)) = expectation.split_once(" -> ") {
                let (surface, n) = match surface.split_once('#') {
                    Some((s, n)) => (s, n.parse().unwrap_or(1)),
                    None => (surface, 1),
                };
                nth(text, surface, n).is_some_and(|at| {
                    let end = at + surface.len() - 1;
                    actors.actor_at(end).is_some_and(|a| actors.actors[a].name == name)
                })
            } else if let Some((name, description)) = expectation.split_once(" ~ ") {
                actors.by_name(name).is_some_and(|a| a.description.as_deref() == Some(description))
            } else if let Some((name, kind)) = expectation.split_once(" : ") {
                actors.by_name(name).is_some_and(|a| serde_json::to_value(a.kind).unwrap() == kind)
            } else {
                false
            };
            if !ok {
                failures.push(format!("{text:?}: {expectation:?}\n    actors: {listing:?}"));
            }
        }
    }
    let total: usize = CASES.len();
    assert!(total >= 40, "the suite has {total} cases");
    assert!(failures.is_empty(), "{} of the expectations failed:\n{}", failures.len(), failures.join("\n"));
}

mod never_panics {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any mix of names, titles, quotes, capitals and multibyte text.
        #[test]
        fn extraction_never_panics(parts in proptest::collection::vec(prop::sample::select(vec![
            "Putin", "Xi", " ", ", ", ". ", "“", "”", "President", "of", "Russia", "the", "Mr.", "Li",
            "XinhuaLi", "Kiev", "é", "日本", "\n\n", "WHAT THE USA SAY", "Washington", "’s", "Georgia",
            "Russian", "Defense", "Minister", "Sergei", "Shoigu", "a", "[", "]", "U.S.", "-", "Zelenskyy", "Zelensky",
        ]), 0..40)) {
            let text: String = parts.concat();
            let analysis = copydesk::analyze(&text, &copydesk::Settings::default());
            for actor in &analysis.actors.actors {
                for span in &actor.mentions {
                    prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                }
            }
        }
    }
}
