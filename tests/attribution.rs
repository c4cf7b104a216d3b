//! Attribution: the example article (acceptance 1 and 2) and the case table
//! in `tests/fixtures/attribution_cases.txt`, plus hover, inlay hints and
//! the outline as plain data.

use copydesk::analysis::attribution::speaker_label;
use copydesk::analysis::outline::outline;
use copydesk::analysis::settings::Settings;
use copydesk::analysis::{analyze, hover, inlay, Analysis, Context};

const ARTICLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");

/// (start of the quotation's text, a word of the speaker's resolved name,
/// the speaker as written)
const ARTICLE_SPEAKERS: &[(&str, &str, &str)] = &[
    ("are developing in all areas", "Putin", "Russian President"),
    ("are developing dynamically", "Putin", "Putin"),
    ("You [Li Shangfu] arrived", "Putin", "Putin"),
    ("Relationships are dynamically", "Putin", "he"),
    ("China is willing", "Li", "Li"),
    ("provide lethal support", "Blinken", "US Secretary of State Antony Blinken"),
    ("does not foresee", "Biden", "US President Joe Biden"),
    ("would answer", "Biden", "he"),
    ("If you are involved", "Biden", "Biden"),
    ("severe sanctions", "Biden", "Biden"),
];

/// A quotation's text, its speaker (label, mention as written) and whether
/// it is speech.
type Found = (String, Option<(String, String)>, bool);

/// Top-level quotations with their speaker label, mention and speech flag.
fn quotations(text: &str, analysis: &Analysis) -> Vec<Found> {
    analysis
        .quotes
        .quotations
        .iter()
        .zip(&analysis.attributions)
        .filter(|(q, _)| q.level == 0)
        .map(|(q, a)| {
            let inner = text[q.inner.start..q.inner.end].to_owned();
            let speaker = a
                .speaker
                .as_ref()
                .map(|s| (speaker_label(text, s), text[s.span.start..s.span.end].to_owned()));
            (inner, speaker, a.is_speech)
        })
        .collect()
}

#[test]
fn example_article_every_quotation_has_its_speaker() {
    let analysis = analyze(ARTICLE, &Settings::default());
    let found = quotations(ARTICLE, &analysis);
    assert_eq!(found.len(), ARTICLE_SPEAKERS.len(), "{found:#?}");
    for ((inner, speaker, is_speech), (start, name, written)) in found.iter().zip(ARTICLE_SPEAKERS) {
        assert!(inner.starts_with(start), "expected the quotation “{start}…”, found “{inner}”");
        assert!(is_speech, "“{start}…” is speech");
        let (label, mention) = speaker.as_ref().unwrap_or_else(|| panic!("“{start}…” has no speaker"));
        assert!(label.contains(name), "“{start}…”: speaker {label:?}, expected {name:?}");
        assert_eq!(mention, written, "“{start}…”: mention as written");
    }
    let orphans: Vec<_> = analysis.findings.iter().filter(|f| f.code == "unattributed-quote").collect();
    assert!(orphans.is_empty(), "{orphans:#?}");
}

/// The example article with the attribution clauses taken out: (as written,
/// without attribution). Where taking the whole clause out would leave no
/// sentence, the speaker is taken out and the verb left.
const STRIPPED: &[(&str, &str)] = &[
    ("Russian President says that relations", "Relations"),
    (
        "In a statement on Sunday (April 16), Putin cited his meeting with Xi and said that Sino-Russian relations",
        "Sino-Russian relations",
    ),
    (", said Putin, as reported by the state news agency Tass.", "."),
    ("Putin said that, among other topics, cooperation", "cooperation"),
    (", he spoke.", "."),
    ("according to the Chinese state agency XinhuaLi said that “China", "“China"),
    ("US Secretary of State Antony Blinken stated in January that China", "In January, China"),
    ("US President Joe Biden said that “does not foresee”", "it “does not foresee”"),
    ("he warned that Washington “would answer”", "Washington “would answer”"),
    (", said Biden, adding that", ", adding that"),
];

#[test]
fn example_article_without_attributions_flags_exactly_those_quotes() {
    let mut text = ARTICLE.to_owned();
    for (from, to) in STRIPPED {
        assert!(text.contains(from), "the example article contains {from:?}");
        text = text.replacen(from, to, 1);
    }
    let analysis = analyze(&text, &Settings::default());
    let flagged: Vec<String> = analysis
        .findings
        .iter()
        .filter(|f| f.code == "unattributed-quote")
        .map(|f| {
            text[f.span.start..f.span.end].chars().skip(1).take(16).filter(|c| !"”“".contains(*c)).collect()
        })
        .collect();
    let expected: Vec<String> =
        ARTICLE_SPEAKERS.iter().map(|(start, _, _)| start.chars().take(16).collect()).collect();
    assert_eq!(flagged, expected);
}

/// One case of the table.
struct Case {
    name: String,
    text: String,
    german: bool,
    /// (quotation prefix, expectation)
    expected: Vec<(String, String)>,
    anonymous: usize,
}

fn cases() -> Vec<Case> {
    let source = include_str!("fixtures/attribution_cases.txt");
    let mut cases: Vec<Case> = Vec::new();
    for line in source.lines() {
        if let Some(header) = line.strip_prefix("=== ") {
            let german = header.ends_with("[de]");
            cases.push(Case {
                name: header.trim_end_matches("[de]").trim().to_owned(),
                text: String::new(),
                german,
                expected: Vec::new(),
                anonymous: 0,
            });
            continue;
        }
        let Some(case) = cases.last_mut() else { continue };
        if let Some(expectation) = line.strip_prefix("> ") {
            let (quote, want) = expectation.split_once(" => ").expect("> “prefix” => expectation");
            let quote = quote.trim().trim_matches(|c| "“”„\"".contains(c));
            case.expected.push((quote.to_owned(), want.trim().to_owned()));
        } else if let Some(count) = line.strip_prefix("! anonymous-source ") {
            case.anonymous = count.trim().parse().expect("a count");
        } else if (!line.starts_with('#') || !case.text.is_empty()) && case.expected.is_empty() {
            case.text.push_str(line);
            case.text.push('\n');
        }
    }
    for case in &mut cases {
        case.text = case.text.trim().to_owned();
    }
    cases
}

#[test]
fn case_table() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let settings = if case.german {
            Settings { languages: vec!["de".to_owned()], ..Settings::default() }
        } else {
            Settings::default()
        };
        let analysis = analyze(&case.text, &settings);
        let found = quotations(&case.text, &analysis);
        if found.len() != case.expected.len() {
            failures.push(format!(
                "{}: {} quotations, expected {}: {found:?}",
                case.name,
                found.len(),
                case.expected.len()
            ));
            continue;
        }
        let mut orphans = Vec::new();
        for ((inner, speaker, is_speech), (prefix, want)) in found.iter().zip(&case.expected) {
            if !inner.starts_with(prefix.as_str()) {
                failures.push(format!("{}: expected “{prefix}…”, found “{inner}”", case.name));
                continue;
            }
            let ok = match want.as_str() {
                "not speech" => !is_speech,
                // Speech with no named speaker that is still anchored (a
                // reported-speech context, a term, a speaker nearby): no finding.
                "unnamed" => *is_speech && speaker.is_none(),
                "orphan" => {
                    orphans.push(prefix.clone());
                    *is_speech && speaker.is_none()
                }
                _ => {
                    let (name, written) = match want.split_once(" [") {
                        Some((name, written)) => (name, Some(written.trim_end_matches(']'))),
                        None => (want.as_str(), None),
                    };
                    // "=She": the speaker's label is exactly that (an
                    // unresolved pronoun is labelled as written).
                    let exact = name.strip_prefix('=');
                    *is_speech
                        && speaker.as_ref().is_some_and(|(label, mention)| {
                            let named = match exact {
                                Some(exact) => label == exact,
                                None => label.contains(name) || mention.contains(name),
                            };
                            named && written.is_none_or(|w| mention == w)
                        })
                }
            };
            if !ok {
                failures.push(format!(
                    "{}: “{prefix}…” expected {want}, got speech={is_speech} speaker={speaker:?}",
                    case.name
                ));
            }
        }
        let flagged: Vec<String> = analysis
            .findings
            .iter()
            .filter(|f| f.code == "unattributed-quote")
            .map(|f| case.text[f.span.start..f.span.end].to_owned())
            .collect();
        let flagged_ok = flagged.len() == orphans.len()
            && flagged
                .iter()
                .zip(&orphans)
                .all(|(f, o)| f.chars().skip(1).collect::<String>().starts_with(o.as_str()));
        if !flagged_ok {
            failures.push(format!("{}: unattributed-quote on {flagged:?}, expected {orphans:?}", case.name));
        }
        let anonymous = analysis.findings.iter().filter(|f| f.code == "anonymous-source").count();
        if anonymous != case.anonymous {
            failures.push(format!(
                "{}: {anonymous} anonymous-source findings, expected {}",
                case.name, case.anonymous
            ));
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
fn user_cues_extend_the_lexicon() {
    let text = "“That is simply untrue,” Brandt deadpanned.";
    let default = analyze(text, &Settings::default());
    assert!(default.attributions[0].speaker.is_none());
    let mut settings = Settings::default();
    settings.attribution.cues = vec!["deadpanned".to_owned()];
    let analysis = analyze(text, &settings);
    let speaker = analysis.attributions[0].speaker.as_ref().expect("a speaker");
    assert_eq!(&text[speaker.span.start..speaker.span.end], "Brandt");
}

#[test]
fn not_speech_threshold_is_a_setting() {
    let text = "The ministry’s plan carries the label “a fair and open process for all”.";
    let default = analyze(text, &Settings::default());
    assert!(default.attributions[0].is_speech, "seven words read as speech");
    let mut settings = Settings::default();
    settings.attribution.not_speech_max_words = 8;
    assert!(!analyze(text, &settings).attributions[0].is_speech);
}

#[test]
fn hover_inlay_and_outline_name_the_speaker() {
    let settings = Settings::default();
    let analysis = analyze(ARTICLE, &settings);
    let context = Context { text: ARTICLE, settings: &settings, analysis: &analysis };

    // Hover inside “Relationships are …”: the speaker, the cue, the introduction.
    let offset = ARTICLE.find("Relationships are dynamically").unwrap() + 20;
    let card = hover::hover(&context, offset).expect("a hover");
    assert!(card.markdown.contains("**Speaker:** Vladimir Putin"), "{}", card.markdown);
    assert!(card.markdown.contains("written “he”"), "{}", card.markdown);
    assert!(card.markdown.contains("**Cue:** “spoke”"), "{}", card.markdown);
    assert!(card.markdown.contains("**Introduced:**"), "{}", card.markdown);

    // One inlay hint per quotation, right after its closing mark.
    let hints = inlay::inlay_hints(&context);
    let speakers: Vec<&str> =
        hints.iter().filter(|h| h.label.starts_with("— ")).map(|h| h.label.as_str()).collect();
    assert_eq!(speakers.len(), ARTICLE_SPEAKERS.len());
    assert_eq!(speakers[0], "— Vladimir Putin");
    let first = &analysis.quotes.quotations[0];
    assert_eq!(hints[0].offset, first.span.end);

    // Turned off by setting.
    let mut off = Settings::default();
    off.inlay_hints.speakers = false;
    let context_off = Context { text: ARTICLE, settings: &off, analysis: &analysis };
    assert!(inlay::inlay_hints(&context_off).iter().all(|h| !h.label.starts_with("— ")));

    // The outline lists quotations under their speakers.
    let symbols = outline(&context);
    let quotations = symbols.iter().find(|s| s.name == "Quotations").expect("a Quotations group");
    let names: Vec<(&str, usize)> =
        quotations.children.iter().map(|s| (s.name.as_str(), s.children.len())).collect();
    assert_eq!(names, [("Vladimir Putin", 4), ("Li Shangfu", 1), ("Antony Blinken", 1), ("Joe Biden", 4)]);
    for speaker in &quotations.children {
        assert!(speaker.span.covers(speaker.selection));
    }
}
