//! Article-date detection. Each row: the `article_date` setting, the text,
//! and the expected date, its source and the text it was read from (or
//! `None` for no date).

use copydesk::analysis::structure::article_date::{detect, ArticleDateSource};
use copydesk::analysis::structure::Article;
use copydesk::Settings;

use ArticleDateSource::{DateLine, Dateline, FrontMatter, HeaderLine, Setting};

struct Case {
    setting: Option<&'static str>,
    text: &'static str,
    /// (date, source, the span's text; "" for a setting)
    expected: Option<(&'static str, ArticleDateSource, &'static str)>,
}

const CASES: &[Case] = &[
    // 1. The setting (or --article-date) wins over everything.
    Case {
        setting: Some("2024-01-05"),
        text: "date 2023-04-17 Headline.",
        expected: Some(("2024-01-05", Setting, "")),
    },
    Case { setting: Some(" 2024-01-05 "), text: "", expected: Some(("2024-01-05", Setting, "")) },
    Case {
        setting: Some("2024-01-05"),
        text: "---\ndate: 2023-04-17\n---\nText.",
        expected: Some(("2024-01-05", Setting, "")),
    },
    // An unusable setting is skipped, not fatal.
    Case {
        setting: Some("2023-02-30"),
        text: "date 2023-04-17 Headline.",
        expected: Some(("2023-04-17", HeaderLine, "2023-04-17")),
    },
    Case { setting: Some("April 17"), text: "Text.", expected: None },
    // 2. Front matter, YAML and TOML, over the header line and the dateline.
    Case {
        setting: None,
        text: "---\ntitle: Talks\ndate: 2023-04-17\n---\nText.",
        expected: Some(("2023-04-17", FrontMatter, "2023-04-17")),
    },
    Case {
        setting: None,
        text: "---\ndate: \"2023-04-17T10:00:00Z\"\n---\n",
        expected: Some(("2023-04-17", FrontMatter, "2023-04-17")),
    },
    Case {
        setting: None,
        text: "---\ndate: '2023-04-17'\n---\n",
        expected: Some(("2023-04-17", FrontMatter, "2023-04-17")),
    },
    Case {
        setting: None,
        text: "+++\ndate = 2023-04-17\n+++\n",
        expected: Some(("2023-04-17", FrontMatter, "2023-04-17")),
    },
    Case {
        setting: None,
        text: "+++\ndate = 2023-04-17T23:30:00-05:00\n+++\n",
        expected: Some(("2023-04-17", FrontMatter, "2023-04-17")),
    },
    Case {
        setting: None,
        text:
            "---\ndate: 2023-04-17\n---\ndate 2022-01-01 Headline.\n\nMOSCOW, Feb. 1, 2021 (Reuters) - Text.",
        expected: Some(("2023-04-17", FrontMatter, "2023-04-17")),
    },
    Case { setting: None, text: "---\nupdated: 2023-04-17\n  date: 2023-04-18\n---\nText.", expected: None },
    Case {
        setting: None,
        text: "---\ndate: 2023-02-30\n---\ndate 2023-03-01 Headline.",
        expected: Some(("2023-03-01", HeaderLine, "2023-03-01")),
    },
    // 3. The first line `date 2023-04-17` (the example article's form).
    Case {
        setting: None,
        text: " date 2023-04-17 Russian talks.\n\nBody.",
        expected: Some(("2023-04-17", HeaderLine, "2023-04-17")),
    },
    Case {
        setting: None,
        text: "Date: 2023-04-17\n\nBody.",
        expected: Some(("2023-04-17", HeaderLine, "2023-04-17")),
    },
    Case {
        setting: None,
        text: "\n\ndate 2023-04-17\nHeadline.",
        expected: Some(("2023-04-17", HeaderLine, "2023-04-17")),
    },
    Case {
        setting: None,
        text: "date 2023-04-17\n\nLONDON, March 2, 2020 (Reuters) - Text.",
        expected: Some(("2023-04-17", HeaderLine, "2023-04-17")),
    },
    Case { setting: None, text: "Headline.\ndate 2023-04-17", expected: None },
    Case { setting: None, text: "date 2023-4-17 Headline.", expected: None },
    Case { setting: None, text: "date 2023-02-29 Headline.", expected: None },
    Case {
        setting: None,
        text: "date 2024-02-29 Leap day.",
        expected: Some(("2024-02-29", HeaderLine, "2024-02-29")),
    },
    // 4. A wire dateline at the start of an early body paragraph.
    Case {
        setting: None,
        text: "KYIV, Ukraine, Feb. 24, 2023 (AP) — Sirens sounded.",
        expected: Some(("2023-02-24", Dateline, "Feb. 24, 2023")),
    },
    Case {
        setting: None,
        text: "Headline here\n\nMOSCOW, April 16, 2023 (Reuters) - Talks began.",
        expected: Some(("2023-04-16", Dateline, "April 16, 2023")),
    },
    Case {
        setting: None,
        text: "# Headline\n\nBy A. Writer\n\nBERLIN, 16. April 2023 (dpa) - Es regnete.",
        expected: Some(("2023-04-16", Dateline, "16. April 2023")),
    },
    Case {
        setting: None,
        text: "SÃO PAULO, Sept. 3, 2022 -- Markets fell.",
        expected: Some(("2022-09-03", Dateline, "Sept. 3, 2022")),
    },
    // A dateline without a year gives no date: the year is never guessed.
    Case { setting: None, text: "MOSCOW, April 16 (Reuters) - Talks began in 2023.", expected: None },
    // A dateline without any date gives none.
    Case { setting: None, text: "WASHINGTON (AP) — The Senate voted.", expected: None },
    Case { setting: None, text: "KYIV, Ukraine, Feb. 30, 2023 (AP) — Impossible day.", expected: None },
    // Not datelines.
    Case {
        setting: None,
        text: "The President of Russia, Vladimir Putin, met on Sunday (April 16, 2023) with Li.",
        expected: None,
    },
    Case { setting: None, text: "Moscow, April 16, 2023 was cold.", expected: None },
    // No date at all is valid.
    Case { setting: None, text: "Just prose.", expected: None },
    Case { setting: None, text: "", expected: None },
    // 5. A line that holds only the date, under a headline and a byline.
    Case {
        setting: None,
        text: "# The last ferry\n\nBy Ann Reid\n\nMarch 3, 2024\n\nOn Sunday, it made its last crossing.",
        expected: Some(("2024-03-03", DateLine, "March 3, 2024")),
    },
    Case {
        setting: None,
        text: "Published: Sunday, 3 March 2024, 10:42 GMT\n\nText.",
        expected: Some(("2024-03-03", DateLine, "3 March 2024")),
    },
    Case {
        setting: None,
        text: "Ein Titel\n\nVeröffentlicht am 16. April 2023 | 14:05\n\nText.",
        expected: Some(("2023-04-16", DateLine, "16. April 2023")),
    },
    // A sentence that starts with a date is no date line; nor is a date
    // further down than the top three paragraphs.
    Case { setting: None, text: "March 3, 2024 was a Sunday.\n\nText.", expected: None },
    Case { setting: None, text: "One.\n\nTwo.\n\nThree.\n\nMarch 3, 2024\n\nText.", expected: None },
    // A year is needed.
    Case { setting: None, text: "By Ann Reid\n\nMarch 3\n\nText.", expected: None },
];

#[test]
fn article_date_sources_and_precedence() {
    let mut failures = Vec::new();
    for case in CASES {
        let settings = Settings { article_date: case.setting.map(str::to_owned), ..Settings::default() };
        let article = Article::parse(case.text, &settings);
        let found = detect(case.text, &article, &settings).map(|date| {
            let from = date.span.map_or("", |span| span.slice(case.text));
            (date.date.to_string(), date.source, from)
        });
        let expected = case.expected.map(|(date, source, from)| (date.to_owned(), source, from));
        if found != expected {
            failures.push(format!(
                "setting {:?}, text {:?}\n  expected {expected:?}\n  found    {found:?}",
                case.setting, case.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
