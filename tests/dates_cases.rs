//! The date suite: one sentence per row with the article date, the date
//! expression copydesk must find, its value (as TimeML writes it: a day, a
//! month, `2024-W24`, `2024-Q2`, `199` for the 1990s, a range `a/b`) and its
//! AP form (`None`: no rewrite may be offered). The article date of every
//! English row is Wednesday, June 12, 2024 unless the row says otherwise.

use copydesk::analysis::dates::render::{render, DateStyle};
use copydesk::{analyze, Settings};

struct Case {
    text: &'static str,
    article: &'static str,
    span: &'static str,
    value: Option<&'static str>,
    ap: Option<&'static str>,
}

const fn case(
    text: &'static str,
    span: &'static str,
    value: Option<&'static str>,
    ap: Option<&'static str>,
) -> Case {
    Case { text, article: "2024-06-12", span, value, ap }
}

const fn on(
    article: &'static str,
    text: &'static str,
    span: &'static str,
    value: Option<&'static str>,
    ap: Option<&'static str>,
) -> Case {
    Case { text, article, span, value, ap }
}

#[rustfmt::skip]
const ENGLISH: &[Case] = &[
    // Absolute dates.
    case("The treaty was signed on March 3, 2021, in Vienna.", "March 3, 2021", Some("2021-03-03"), Some("March 3, 2021")),
    case("The court ruled on 9 January 2024.", "9 January 2024", Some("2024-01-09"), Some("Jan. 9")),
    case("The dataset was frozen on 2024-05-30.", "2024-05-30", Some("2024-05-30"), Some("May 30")),
    case("Officers logged the call on 11/23/2023.", "11/23/2023", Some("2023-11-23"), Some("Nov. 23, 2023")),
    case("The law was passed on July 4, 1990.", "July 4, 1990", Some("1990-07-04"), Some("July 4, 1990")),
    case("The deal, signed Feb. 3, 2023, was later voided.", "Feb. 3, 2023", Some("2023-02-03"), Some("Feb. 3, 2023")),
    case("The permit expired 03/04/2024.", "03/04/2024", Some("2024-03-04"), Some("March 4")),
    case("The ceremony was held on the 2nd of February.", "the 2nd of February", Some("2024-02-02"), Some("Feb. 2")),
    // Partial dates: the year comes from the article date and the tense.
    case("Bids closed Aug. 14.", "Aug. 14", Some("2023-08-14"), Some("Aug. 14, 2023")),
    case("The plant will reopen Sept. 30.", "Sept. 30", Some("2024-09-30"), Some("Sept. 30")),
    case("Voting ends Oct 4.", "Oct 4", Some("2024-10-04"), Some("Oct. 4")),
    case("The museum closes December 1st.", "December 1st", Some("2024-12-01"), Some("Dec. 1")),
    case("Sales surged June 3.", "June 3", Some("2024-06-03"), Some("June 3")),
    case("Protests erupted in November.", "November", Some("2023-11"), Some("November 2023")),
    case("The budget is due in October.", "October", Some("2024-10"), Some("October")),
    case("Exports dropped sharply in May.", "May", Some("2024-05"), Some("May")),
    case("Construction began in April 2019.", "April 2019", Some("2019-04"), Some("April 2019")),
    case("Unemployment peaked in March, 2020.", "March, 2020", Some("2020-03"), Some("March 2020")),
    // An abbreviated month with a year: AP spells the month out.
    case("The plant closed in Sept. 2017.", "Sept. 2017", Some("2017-09"), Some("September 2017")),
    case("Sales fell in Jan 2021 and recovered.", "Jan 2021", Some("2021-01"), Some("January 2021")),
    case("Prices rose in Feb. 2024.", "Feb. 2024", Some("2024-02"), Some("February")),
    case("The station closed in 2011.", "2011", Some("2011"), Some("2011")),
    case("Ballots were counted on the 5th.", "the 5th", Some("2024-06-05"), Some("June 5")),
    // Weekdays, alone and with a date.
    case("The minister resigned Monday.", "Monday", Some("2024-06-10"), Some("Monday")),
    case("Parliament will vote Friday.", "Friday", Some("2024-06-14"), Some("Friday")),
    case("He met on Wednesday with donors.", "Wednesday", Some("2024-06-12"), Some("Wednesday")),
    case("Tuesday's blast damaged the port.", "Tuesday", Some("2024-06-11"), Some("Tuesday")),
    case("Rescuers searched through Sunday night.", "Sunday night", Some("2024-06-09TNI"), Some("Sunday night")),
    case("The strike ended Tuesday, June 11.", "Tuesday, June 11", Some("2024-06-11"), Some("Tuesday")),
    case("Crews arrived Saturday (June 8).", "Saturday (June 8)", Some("2024-06-08"), Some("Saturday")),
    case("The summit opens Thursday, Nov. 7.", "Thursday, Nov. 7", Some("2024-11-07"), Some("Thursday, Nov. 7")),
    case("Hearings were held Monday, May 6.", "Monday, May 6", Some("2024-05-06"), Some("May 6")),
    // Relative expressions.
    case("The mayor resigned yesterday.", "yesterday", Some("2024-06-11"), Some("Tuesday")),
    case("Results arrive tomorrow.", "tomorrow", Some("2024-06-13"), Some("Thursday")),
    case("The bridge collapsed three days ago.", "three days ago", Some("2024-06-09"), Some("Sunday")),
    case("The fund was created two weeks ago.", "two weeks ago", Some("2024-05-29"), Some("May 29")),
    case("The ballots arrive in ten days.", "in ten days", Some("2024-06-22"), Some("June 22")),
    case("Shares fell last Friday.", "last Friday", Some("2024-06-07"), Some("Friday")),
    case("The board meets next Monday.", "next Monday", Some("2024-06-17"), Some("Monday")),
    case("The fair opens this Saturday.", "this Saturday", Some("2024-06-15"), Some("Saturday")),
    case("Rents climbed last month.", "last month", Some("2024-05"), Some("last month")),
    case("Imports rose this month.", "this month", Some("2024-06"), Some("this month")),
    case("The rules take effect next year.", "next year", Some("2025"), Some("next year")),
    case("The firm was founded five years ago.", "five years ago", Some("2019"), Some("five years ago")),
    case("Traffic fell this week.", "this week", Some("2024-W24"), Some("this week")),
    case("Inflation eased last week.", "last week", Some("2024-W23"), Some("last week")),
    case("Wages were cut on February 2 last year.", "February 2 last year", Some("2023-02-02"), Some("Feb. 2, 2023")),
    case("The reform passed in January last year.", "January last year", Some("2023-01"), Some("January 2023")),
    case("The strike began last March.", "last March", Some("2024-03"), Some("March")),
    // Ranges.
    case("The fair runs June 20 to 23.", "June 20 to 23", Some("2024-06-20/2024-06-23"), Some("June 20-23")),
    case("The fair runs from June 20 to 23.", "June 20 to 23", Some("2024-06-20/2024-06-23"), Some("June 20 to 23")),
    case("Talks were held Jan. 8-10.", "Jan. 8-10", Some("2024-01-08/2024-01-10"), Some("Jan. 8-10")),
    case("The exhibit ran May 28-June 2.", "May 28-June 2", Some("2024-05-28/2024-06-02"), Some("May 28-June 2")),
    case("Polls open between July 1 and 3.", "July 1 and 3", Some("2024-07-01/2024-07-03"), Some("July 1 and 3")),
    case("Surveys ran Oct. 2-5, 2022.", "Oct. 2-5, 2022", Some("2022-10-02/2022-10-05"), Some("Oct. 2-5, 2022")),
    case("Schools closed from December 20, 2023 to January 5.", "December 20, 2023 to January 5", Some("2023-12-20/2024-01-05"), Some("Dec. 20, 2023, to Jan. 5")),
    case("The audit covered March 4 to March 8.", "March 4 to March 8", Some("2024-03-04/2024-03-08"), Some("March 4-8")),
    // Decades, quarters, weeks, modified months and years, holidays.
    case("Crime fell through the 1990s.", "the 1990s", Some("199"), Some("the 1990s")),
    case("Fashion from the '80s is back.", "the '80s", Some("198"), Some("the '80s")),
    case("Mobile phones spread in the 2000s.", "the 2000s", Some("200"), Some("the 2000s")),
    case("Profits rose in the second quarter.", "the second quarter", Some("2024-Q2"), Some("the second quarter")),
    case("Shipments rose during the week of May 13.", "the week of May 13", Some("2024-W20"), Some("the week of May 13")),
    case("The law should pass by mid-July.", "mid-July", Some("2024-07"), Some("mid-July")),
    case("Output slumped in late 2021.", "late 2021", Some("2021"), Some("late 2021")),
    case("Stores will close early on Christmas Eve.", "Christmas Eve", Some("2024-12-24"), Some("Christmas Eve")),
    case("The market crashed on New Year's Day.", "New Year's Day", Some("2024-01-01"), Some("New Year's Day")),
    // Event-anchored: the previous date in the text, or nothing.
    case("The dam failed on May 2. The next day, crews evacuated the valley.", "The next day", Some("2024-05-03"), Some("The next day")),
    case("Fighting resumed on March 30. Three days later, a truce was signed.", "Three days later", Some("2024-04-02"), Some("Three days later")),
    case("Weeks later, the company apologized.", "Weeks later", None, Some("Weeks later")),
    case("Two days later, police made an arrest.", "Two days later", None, Some("Two days later")),
    // Impossible dates and contradicting weekdays: no rewrite.
    case("The contract is dated Feb. 30.", "Feb. 30", None, None),
    case("The order was issued April 31, 2022.", "April 31, 2022", None, None),
    case("Papers were filed Feb. 29, 2023.", "Feb. 29, 2023", None, None),
    case("The vote was held Friday, June 11.", "Friday, June 11", Some("2024-06-11"), None),
    // News copy writes scheduled events in the present: the weekday ahead.
    case("The hearing is set for 10 a.m. Monday.", "Monday", Some("2024-06-17"), Some("Monday")),
    case("The festival runs through Sunday.", "Sunday", Some("2024-06-16"), Some("Sunday")),
    // A weekday that fits the day in the neighbouring year (near the
    // article date) says which year is meant, whatever the tense.
    case("The ferry sank on Thursday, June 13.", "Thursday, June 13", Some("2024-06-13"), Some("Thursday")),
    on("2024-01-02", "The bank was closed on Sunday, Dec. 31.", "Sunday, Dec. 31", Some("2023-12-31"), Some("Sunday")),
    // A weekday that fits only a year far from the article date is an error.
    case("The panel met Thursday, June 12.", "Thursday, June 12", Some("2024-06-12"), None),
    // Year boundaries.
    on("2023-12-29", "Markets reopen Jan. 2.", "Jan. 2", Some("2024-01-02"), Some("Tuesday")),
    on("2024-01-03", "Sales peaked Dec. 22.", "Dec. 22", Some("2023-12-22"), Some("Dec. 22, 2023")),
];

#[rustfmt::skip]
const GERMAN: &[Case] = &[
    on("2023-04-17", "Das Treffen fand am 16. April 2023 statt.", "16. April 2023", Some("2023-04-16"), None),
    on("2023-04-17", "Die Wahl ist im Januar.", "Januar", Some("2023-01"), None),
    on("2023-04-17", "Am Sonntag traf Putin den Minister.", "Sonntag", Some("2023-04-16"), None),
    on("2023-04-17", "Die Frist endete am 3. März.", "3. März", Some("2023-03-03"), None),
    on("2023-04-17", "Gestern wurde abgestimmt.", "Gestern", Some("2023-04-16"), None),
    on("2023-04-17", "Der Vertrag vom 01.02.2021 gilt weiter.", "01.02.2021", Some("2021-02-01"), None),
    on("2023-04-17", "Vor zwei Tagen kam es zu Protesten.", "Vor zwei Tagen", Some("2023-04-15"), None),
    on("2023-04-17", "Die Firma wurde in den 1990er Jahren gegründet.", "1990er", Some("199"), None),
    on("2023-04-17", "Der Gipfel findet Mitte Mai statt.", "Mitte Mai", Some("2023-05"), None),
    on("2023-04-17", "Am Montag, 17. April 2023, begann der Prozess.", "Montag, 17. April 2023", Some("2023-04-17"), None),
    on("2023-04-17", "Das Gesetz gilt seit 2019.", "2019", Some("2019"), None),
    on("2023-04-17", "Der Minister kommt nächste Woche.", "nächste Woche", Some("2023-W17"), None),
    // Ranges of days; an ordinal's full stop does not end the sentence, so
    // "fand" still sets the tense.
    on("2023-11-25", "Der Gipfel fand vom 20. bis 22. März statt.", "20. bis 22. März", Some("2023-03-20/2023-03-22"), None),
    on("2023-04-17", "Die Messe läuft vom 20. Mai bis zum 2. Juni.", "20. Mai bis zum 2. Juni", Some("2023-05-20/2023-06-02"), None),
    on("2023-04-17", "Das Treffen ist am 20.–22. Mai.", "20.–22. Mai", Some("2023-05-20/2023-05-22"), None),
    on("2023-04-17", "Die Ferien dauern vom 28. Dezember bis 3. Januar 2024.", "28. Dezember bis 3. Januar 2024", Some("2023-12-28/2024-01-03"), None),
    on("2023-11-25", "Er kam am 20. März an und blieb bis 22. März.", "22. März", Some("2023-03-22"), None),
    on("2023-04-17", "Die Gäste kamen am Sonntag Nachmittag an.", "Sonntag Nachmittag", Some("2023-04-16"), None),
    on("2023-04-17", "Die Kontrollen fanden im Juli und August statt.", "August", Some("2022-08"), None),
    on("2023-04-17", "Die Rakete wurde am Samstag, den 25.März getestet.", "Samstag, den 25.März", Some("2023-03-25"), None),
    on("2023-04-17", "Am 3. Aug. 2017 erschien der Bericht.", "3. Aug. 2017", Some("2017-08-03"), None),
];

fn check(cases: &[Case], languages: &[&str]) {
    let mut failures = Vec::new();
    for case in cases {
        let settings = Settings {
            article_date: Some(case.article.to_owned()),
            languages: languages.iter().map(|l| (*l).to_owned()).collect(),
            ..Settings::default()
        };
        let analysis = analyze(case.text, &settings);
        let Some(mention) = analysis.dates.iter().find(|m| m.span.slice(case.text) == case.span) else {
            let found: Vec<&str> = analysis.dates.iter().map(|m| m.span.slice(case.text)).collect();
            failures.push(format!("{:?}: expected {:?}, found {found:?}", case.text, case.span));
            continue;
        };
        let value = mention.value_text();
        if value.as_deref() != case.value {
            failures.push(format!("{:?}: value {value:?}, expected {:?}", case.text, case.value));
        }
        let today = analysis.article_date.as_ref().map(|d| d.date);
        let rendered = render(mention, DateStyle::Ap, today, case.text);
        let shown = rendered.as_deref().map(str::to_owned);
        let ok = match case.ap {
            None => rendered.is_none(),
            Some(expected) => rendered.as_deref().unwrap_or(case.span) == expected,
        };
        if !ok && languages != ["de"] {
            failures.push(format!("{:?}: AP {shown:?}, expected {:?}", case.text, case.ap));
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn english_dates_are_found_resolved_and_rendered() {
    assert!(ENGLISH.len() >= 60);
    check(ENGLISH, &["en"]);
}

#[test]
fn german_dates_are_found_and_resolved() {
    check(GERMAN, &["de"]);
}

/// Sentences with numbers and words that look like dates but are not.
const NOT_DATES: &[&str] = &[
    "About 2,000 troops crossed the border.",
    "Nearly 1500 people attended.",
    "In 2000 cases the test failed.",
    "You may leave now.",
    "May I ask a question?",
    "They march on the capital.",
    "Protesters will March on Washington.",
    "The 3rd Battalion moved north.",
    "He scored 2023 points.",
    "Room 1204 was sealed.",
    "The Sunday Times reported it.",
    "Black Friday sales rose.",
    "April Ryan asked a question.",
    "Version 2.1.2023 shipped.",
    "The score was 12-10.",
    "Turnout was 3/4 of the total.",
    "Give me a day.",
    "Jan Novak won the race.",
    "The building has 2024 windows.",
    // The name of the 2001 attacks, not a date of the story's year.
    "The Sept. 11 attacks changed the city.",
    "He testified before the Sept. 11 commission.",
    // An abbreviated month alone.
    "Jan. signed the letter.",
];

#[test]
fn numbers_and_names_are_not_dates() {
    let settings = Settings { article_date: Some("2024-06-12".to_owned()), ..Settings::default() };
    for text in NOT_DATES {
        let found: Vec<&str> = analyze(text, &settings).dates.iter().map(|m| m.span.slice(text)).collect();
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}
