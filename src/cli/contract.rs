//! The JSON contract of `copydesk extract` and `copydesk check --format json`.
//!
//! Other tools score copydesk through these shapes, so field names and types
//! are stable. Every offset is a Unicode code point (scalar value) into the
//! input exactly as read, end exclusive; `line` and `column` are 1-based and
//! the column counts code points. Conversion from the core's byte spans goes
//! through [`crate::cli::offsets`] only.

use serde::Serialize;

use crate::analysis::actors::ActorKind;
use crate::analysis::finding::{Finding, Severity};
use crate::analysis::span::Span;
use crate::analysis::Analysis;
use crate::cli::offsets::{self, Positions};

/// What `copydesk extract` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Extract {
    /// The article's own date (`YYYY-MM-DD`), or null when it has none.
    pub article_date: Option<String>,
    pub quotes: Vec<Quote>,
    pub dates: Vec<Date>,
    pub actors: Vec<Actor>,
}

/// One quotation, from its opening mark to its closing mark inclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub speaker: Option<Speaker>,
    pub cue: Option<Cue>,
}

/// The speaker of a quotation as written, with the resolved name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub name: Option<String>,
}

/// The speech cue of a quotation ("said").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cue {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One date expression and its ISO 8601 value at the precision given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Date {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<String>,
    /// The end of a range; absent for a single date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_value: Option<String>,
    /// The TimeML value, when it says more than `value`: a week
    /// (`2023-W15`), quarter (`2023-Q1`), decade (`199`), part of a day
    /// (`2023-04-18TNI`) or a range (`2023-03-20/2023-03-22`). Absent
    /// otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timex: Option<String>,
}

/// One named actor and its mentions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub name: String,
    /// `person`, `country`, `place`, `organization` (or `unknown` when the
    /// core could not tell).
    pub kind: ActorKind,
    pub description: Option<String>,
    pub mentions: Vec<Mention>,
}

/// Where an actor is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
}

/// What `copydesk check --format json` prints. The report borrows its
/// texts (codes, messages, fix titles, replacements) from the findings: a
/// batch of thousands of files is serialised without copying them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckReport<'a> {
    pub files: Vec<FileReport<'a>>,
}

/// The diagnostics of one checked file (`-` for standard input).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileReport<'a> {
    pub path: &'a str,
    pub diagnostics: Vec<Diagnostic<'a>>,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in code points.
    pub column: usize,
    pub fixes: Vec<DiagnosticFix<'a>>,
}

/// One way to repair a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiagnosticFix<'a> {
    pub title: &'a str,
    /// Whether `check --fix` (and the editors' fix-all) applies this fix
    /// without asking: it only restores what the writer plainly meant.
    pub safe: bool,
    pub edits: Vec<Edit<'a>>,
}

/// Replace `start..end` (code points) with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit<'a> {
    pub start: usize,
    pub end: usize,
    pub new_text: &'a str,
}

/// The text of a byte span, empty when the span does not fit the text (the
/// core promises it does; the CLI does not panic if it ever does not).
fn span_text(text: &str, span: Span) -> String {
    text.get(span.start..span.end).unwrap_or_default().to_owned()
}

fn spans(span: Span) -> [usize; 2] {
    [span.start, span.end]
}

/// Build the `extract` object for `text` and its analysis.
pub fn extract(text: &str, analysis: &Analysis) -> Extract {
    let quotations = &analysis.quotes.quotations;
    let attribution = |index: usize| analysis.attributions.get(index);
    let mut offsets = Vec::new();
    for (index, quotation) in quotations.iter().enumerate() {
        offsets.extend(spans(quotation.span));
        if let Some(found) = attribution(index) {
            offsets.extend(found.speaker.iter().flat_map(|speaker| spans(speaker.span)));
            offsets.extend(found.cue.iter().flat_map(|&cue| spans(cue)));
        }
    }
    offsets.extend(analysis.dates.iter().flat_map(|date| spans(date.span)));
    for actor in &analysis.actors.actors {
        offsets.extend(actor.mentions.iter().flat_map(|&mention| spans(mention)));
    }
    let points: Positions = offsets::positions(text, offsets);
    let at = |byte: usize| points.offset(byte);

    let quotes = quotations
        .iter()
        .enumerate()
        .map(|(index, quotation)| {
            let found = attribution(index);
            Quote {
                start: at(quotation.span.start),
                end: at(quotation.span.end),
                text: span_text(text, quotation.span),
                speaker: found.and_then(|found| found.speaker.as_ref()).map(|speaker| Speaker {
                    text: span_text(text, speaker.span),
                    start: at(speaker.span.start),
                    end: at(speaker.span.end),
                    name: speaker.name.clone(),
                }),
                cue: found.and_then(|found| found.cue).map(|cue| Cue {
                    text: span_text(text, cue),
                    start: at(cue.start),
                    end: at(cue.end),
                }),
            }
        })
        .collect();
    let dates = analysis
        .dates
        .iter()
        .map(|date| Date {
            start: at(date.span.start),
            end: at(date.span.end),
            text: span_text(text, date.span),
            value: date.value.map(|value| value.iso()),
            end_value: date.end_value.map(|value| value.iso()),
            timex: date
                .value_text()
                .filter(|timex| Some(timex) != date.value.map(|value| value.iso()).as_ref()),
        })
        .collect();
    let actors = analysis
        .actors
        .actors
        .iter()
        .map(|actor| Actor {
            name: actor.name.clone(),
            kind: actor.kind,
            description: actor.description.clone(),
            mentions: actor
                .mentions
                .iter()
                .map(|mention| Mention { start: at(mention.start), end: at(mention.end) })
                .collect(),
        })
        .collect();
    Extract {
        article_date: analysis.article_date.as_ref().map(|date| date.date.to_string()),
        quotes,
        dates,
        actors,
    }
}

/// Build the diagnostics of one file, in the core's order (by position, then
/// by rule order).
pub fn diagnostics<'a>(text: &str, findings: &'a [Finding]) -> Vec<Diagnostic<'a>> {
    // Two offsets per finding, and most have a fix of one edit.
    let mut offsets = Vec::with_capacity(4 * findings.len());
    for finding in findings {
        offsets.extend(spans(finding.span));
        for fix in &finding.fixes {
            offsets.extend(fix.edits.iter().flat_map(|edit| spans(edit.span)));
        }
    }
    let points = offsets::positions(text, offsets);
    findings
        .iter()
        .map(|finding| {
            let start = points.get(finding.span.start);
            Diagnostic {
                code: finding.code,
                severity: finding.severity,
                message: &finding.message,
                start: start.offset,
                end: points.offset(finding.span.end),
                line: start.line,
                column: start.column,
                fixes: finding
                    .fixes
                    .iter()
                    .map(|fix| DiagnosticFix {
                        title: &fix.title,
                        safe: fix.safe,
                        edits: fix
                            .edits
                            .iter()
                            .map(|edit| Edit {
                                start: points.offset(edit.span.start),
                                end: points.offset(edit.span.end),
                                new_text: &edit.new_text,
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Write the `check --format json` report of `files` (each a name, its
/// text and its findings) to `out`: exactly what serde_json's pretty
/// printer writes for the [`CheckReport`] that [`diagnostics`] builds
/// (two-space indents, `"key": value`, `[]` for an empty list, serde_json's
/// string escapes), written straight from the findings, with no report
/// built and no serialiser call per token. A test compares the two.
pub fn write_check_report<'a>(
    out: &mut impl std::io::Write,
    files: impl ExactSizeIterator<Item = (&'a str, &'a str, &'a [Finding])>,
) -> std::io::Result<()> {
    let mut json = Vec::with_capacity(1 << 12);
    if files.len() == 0 {
        return out.write_all(b"{\n  \"files\": []\n}");
    }
    json.extend_from_slice(b"{\n  \"files\": [");
    for (file_index, (path, text, findings)) in files.enumerate() {
        json.extend_from_slice(if file_index == 0 {
            b"\n    {\n      \"path\": "
        } else {
            b",\n    {\n      \"path\": "
        });
        push_json_str(&mut json, path);
        json.extend_from_slice(b",\n      \"diagnostics\": ");
        if findings.is_empty() {
            json.extend_from_slice(b"[]");
        } else {
            let points = finding_positions(text, findings);
            json.push(b'[');
            for (index, finding) in findings.iter().enumerate() {
                let start = points.get(finding.span.start);
                json.extend_from_slice(if index == 0 { &b"\n"[..] } else { &b",\n"[..] });
                json.extend_from_slice(b"        {\n          \"code\": ");
                push_json_str(&mut json, finding.code);
                json.extend_from_slice(b",\n          \"severity\": \"");
                json.extend_from_slice(finding.severity.as_str().as_bytes());
                json.extend_from_slice(b"\",\n          \"message\": ");
                push_json_str(&mut json, &finding.message);
                push_json_field(&mut json, b",\n          \"start\": ", start.offset);
                push_json_field(&mut json, b",\n          \"end\": ", points.offset(finding.span.end));
                push_json_field(&mut json, b",\n          \"line\": ", start.line);
                push_json_field(&mut json, b",\n          \"column\": ", start.column);
                json.extend_from_slice(b",\n          \"fixes\": ");
                if finding.fixes.is_empty() {
                    json.extend_from_slice(b"[]");
                } else {
                    json.push(b'[');
                    for (fix_index, fix) in finding.fixes.iter().enumerate() {
                        json.extend_from_slice(if fix_index == 0 { &b"\n"[..] } else { &b",\n"[..] });
                        json.extend_from_slice(b"            {\n              \"title\": ");
                        push_json_str(&mut json, &fix.title);
                        json.extend_from_slice(if fix.safe {
                            b",\n              \"safe\": true,\n              \"edits\": ".as_slice()
                        } else {
                            b",\n              \"safe\": false,\n              \"edits\": ".as_slice()
                        });
                        if fix.edits.is_empty() {
                            json.extend_from_slice(b"[]");
                        } else {
                            json.push(b'[');
                            for (edit_index, edit) in fix.edits.iter().enumerate() {
                                json.extend_from_slice(if edit_index == 0 {
                                    &b"\n"[..]
                                } else {
                                    &b",\n"[..]
                                });
                                push_json_field(
                                    &mut json,
                                    b"                {\n                  \"start\": ",
                                    points.offset(edit.span.start),
                                );
                                push_json_field(
                                    &mut json,
                                    b",\n                  \"end\": ",
                                    points.offset(edit.span.end),
                                );
                                json.extend_from_slice(b",\n                  \"new_text\": ");
                                push_json_str(&mut json, &edit.new_text);
                                json.extend_from_slice(b"\n                }");
                            }
                            json.extend_from_slice(b"\n              ]");
                        }
                        json.extend_from_slice(b"\n            }");
                    }
                    json.extend_from_slice(b"\n          ]");
                }
                json.extend_from_slice(b"\n        }");
            }
            json.extend_from_slice(b"\n      ]");
        }
        json.extend_from_slice(b"\n    }");
        if json.len() >= 1 << 16 {
            out.write_all(&json)?;
            json.clear();
        }
    }
    json.extend_from_slice(b"\n  ]\n}");
    out.write_all(&json)
}

/// Every offset the diagnostics of `findings` name, converted at once.
fn finding_positions(text: &str, findings: &[Finding]) -> Positions {
    let mut offsets = Vec::new();
    for finding in findings {
        offsets.extend(spans(finding.span));
        for fix in &finding.fixes {
            offsets.extend(fix.edits.iter().flat_map(|edit| spans(edit.span)));
        }
    }
    offsets::positions(text, offsets)
}

/// `key` (with what comes before it) and a number.
fn push_json_field(json: &mut Vec<u8>, key: &[u8], number: usize) {
    json.extend_from_slice(key);
    let mut buffer = [0_u8; 20];
    json.extend_from_slice(crate::analysis::dates::render::decimal(number as u64, &mut buffer));
}

/// A JSON string as serde_json writes it: `"` and `\\` escaped, control
/// characters as `\b \t \n \f \r` or `\u00XX` (lowercase hex), the rest
/// as is. Plain text is passed over eight bytes at a time.
fn push_json_str(json: &mut Vec<u8>, text: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A high bit for a byte below 0x20 or equal to `"` or `\\` (at least
    // for the lowest such byte; never none when there is one).
    let flagged = |word: u64| {
        let below = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = (word ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES) & !(word ^ (ONES * u64::from(b'"')));
        let backslash =
            (word ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES) & !(word ^ (ONES * u64::from(b'\\')));
        (below | quote | backslash) & HIGHS
    };
    json.push(b'"');
    let bytes = text.as_bytes();
    let (mut start, mut at) = (0, 0);
    loop {
        while let Some(chunk) = bytes.get(at..at + 8) {
            if flagged(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))) != 0 {
                break;
            }
            at += 8;
        }
        let Some(&byte) = bytes.get(at) else { break };
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0A => b"\\n",
            0x0C => b"\\f",
            0x0D => b"\\r",
            0x00..=0x1F => b"",
            _ => {
                at += 1;
                continue;
            }
        };
        json.extend_from_slice(&bytes[start..at]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (high, low) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]);
            json.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
        } else {
            json.extend_from_slice(escape);
        }
        at += 1;
        start = at;
    }
    json.extend_from_slice(&bytes[start..]);
    json.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::actors::{Actor as CoreActor, Actors, MentionForm};
    use crate::analysis::attribution::{Attribution, Speaker as CoreSpeaker};
    use crate::analysis::dates::{DateMention, DateValue, Precision};
    use crate::analysis::finding::{Fix, TextEdit};
    use crate::analysis::quotes::{Quotation, Quotes};
    use crate::analysis::structure::article_date::{ArticleDate, ArticleDateSource};
    use crate::cli::offsets::slice_code_points;

    /// A date mention as the core detects it in `text`, so a hand-built
    /// analysis carries realistic details beside the fields under test.
    fn detected_date(text: &str) -> DateMention {
        let settings = crate::Settings { article_date: Some("2023-04-17".to_owned()), ..Default::default() };
        crate::analyze(text, &settings).dates.into_iter().next().expect("the core detects the date")
    }

    /// The byte span of the `nth` occurrence of `needle` in `text`.
    fn find(text: &str, needle: &str, nth: usize) -> Span {
        let start = text.match_indices(needle).nth(nth).expect("needle in text").0;
        Span::new(start, start + needle.len())
    }

    /// Emoji, CJK and CRLF before every span, so byte and code-point offsets
    /// differ.
    const TEXT: &str = "😀😀 中文 note\r\n“We are ready,” Putin said on April 16, 2023.\r\nPutin 🇷🇺 left.";

    fn hand_built() -> Analysis {
        let quote = find(TEXT, "“We are ready,”", 0);
        let mut analysis = Analysis {
            article_date: Some(ArticleDate {
                date: jiff::civil::date(2023, 4, 17),
                source: ArticleDateSource::Setting,
                span: None,
            }),
            quotes: Quotes {
                quotations: vec![Quotation {
                    span: quote,
                    inner: Span::new(quote.start + 3, quote.end - 3),
                    level: 0,
                    open_mark: 0,
                    close_mark: Some(1),
                    paragraphs: 0..1,
                    reopen_marks: Vec::new(),
                }],
                ..Quotes::default()
            },
            attributions: vec![Attribution {
                speaker: Some(CoreSpeaker {
                    span: find(TEXT, "Putin", 0),
                    name: Some("Vladimir Putin".to_owned()),
                    actor: Some(0),
                    introduced: None,
                }),
                cue: Some(find(TEXT, "said", 0)),
                is_speech: true,
                ..Attribution::default()
            }],
            actors: Actors {
                actors: vec![CoreActor {
                    name: "Vladimir Putin".to_owned(),
                    kind: ActorKind::Person,
                    description: Some("President of Russia".to_owned()),
                    mentions: vec![find(TEXT, "Putin", 0), find(TEXT, "Putin", 1)],
                    forms: vec![MentionForm::FullName, MentionForm::Surname],
                    title: None,
                    gender: None,
                    first_reference: find(TEXT, "Putin", 0),
                    knowledge: None,
                    leader: None,
                    registry: None,
                    country: None,
                }],
            },
            dates: vec![DateMention {
                span: find(TEXT, "April 16, 2023", 0),
                value: Some(DateValue { date: jiff::civil::date(2023, 4, 16), precision: Precision::Day }),
                end_value: None,
                ..detected_date("April 16, 2023")
            }],
            ..Analysis::default()
        };
        analysis.findings = vec![Finding {
            code: "test-rule",
            severity: Severity::Warning,
            message: "A message.".to_owned(),
            span: find(TEXT, "Putin", 1),
            related: Vec::new(),
            fixes: vec![Fix {
                title: "Write Vladimir Putin".to_owned(),
                edits: vec![TextEdit::replace(find(TEXT, "Putin", 1), "Vladimir Putin")],
                safe: false,
            }],
        }];
        analysis
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        // Every ASCII character, at every place in an eight-byte step.
        for code in 0..0x80_u8 {
            for before in 0..17 {
                let text = format!("{}{}{}é", "a".repeat(before), char::from(code), "b".repeat(9));
                let mut written = Vec::new();
                push_json_str(&mut written, &text);
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    serde_json::to_string(&text).unwrap(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn the_check_report_writer_writes_what_serde_writes() {
        // Messages, titles and replacements with every kind of escape; a
        // fix with no edit; a file with no finding; no file at all.
        let tricky = "Quote \" back\\slash \u{1}\u{8}\t\n\u{c}\r\u{1f}\u{7f} “curly” 😀 !#/0?@[]_`{|}~ \u{20}plain text \"at\" 8-byte steps\\";
        let finding = |severity, safe, edits: Vec<TextEdit>| Finding {
            code: "test-rule",
            severity,
            message: tricky.to_owned(),
            span: find(TEXT, "Putin", 1),
            related: Vec::new(),
            fixes: vec![Fix { title: tricky.to_owned(), edits, safe }],
        };
        let findings = vec![
            finding(Severity::Warning, false, vec![TextEdit::replace(find(TEXT, "Putin", 1), tricky)]),
            finding(Severity::Hint, true, Vec::new()),
            Finding { fixes: Vec::new(), ..finding(Severity::Error, true, Vec::new()) },
            finding(
                Severity::Info,
                true,
                vec![
                    TextEdit::replace(find(TEXT, "said", 0), ""),
                    TextEdit::replace(find(TEXT, "😀", 1), "x"),
                ],
            ),
        ];
        let files: Vec<(&str, &str, &[Finding])> = vec![
            ("a \"b\".md", TEXT, &findings),
            ("-", TEXT, &[]),
            ("c.txt", "", &[]),
            ("d.txt", TEXT, &findings[1..2]),
        ];
        for count in 0..=files.len() {
            let files = &files[..count];
            let mut written = Vec::new();
            write_check_report(&mut written, files.iter().copied()).unwrap();
            let report = CheckReport {
                files: files
                    .iter()
                    .map(|&(path, text, findings)| FileReport {
                        path,
                        diagnostics: diagnostics(text, findings),
                    })
                    .collect(),
            };
            let serialised = serde_json::to_vec_pretty(&report).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(serialised).unwrap(),
                "{count} files"
            );
        }
    }

    #[test]
    fn extract_offsets_are_code_points_that_slice_back() {
        let extract = extract(TEXT, &hand_built());
        let quote = &extract.quotes[0];
        // "😀😀 中文 note\r\n" is 12 code points and 22 bytes.
        assert_eq!(quote.start, 12);
        assert_eq!(slice_code_points(TEXT, quote.start, quote.end), "“We are ready,”");
        assert_eq!(quote.text, "“We are ready,”");
        let speaker = quote.speaker.as_ref().unwrap();
        assert_eq!(slice_code_points(TEXT, speaker.start, speaker.end), "Putin");
        assert_eq!(speaker.name.as_deref(), Some("Vladimir Putin"));
        let cue = quote.cue.as_ref().unwrap();
        assert_eq!(slice_code_points(TEXT, cue.start, cue.end), "said");
        let date = &extract.dates[0];
        assert_eq!(slice_code_points(TEXT, date.start, date.end), "April 16, 2023");
        assert_eq!(date.value.as_deref(), Some("2023-04-16"));
        let mentions = &extract.actors[0].mentions;
        assert_eq!(mentions.len(), 2);
        for mention in mentions {
            assert_eq!(slice_code_points(TEXT, mention.start, mention.end), "Putin");
        }
    }

    #[test]
    fn extract_serialises_to_the_contract() {
        let value = serde_json::to_value(extract(TEXT, &hand_built())).unwrap();
        let expected = serde_json::json!({
            "article_date": "2023-04-17",
            "quotes": [{
                "start": 12, "end": 27, "text": "“We are ready,”",
                "speaker": {"text": "Putin", "start": 28, "end": 33, "name": "Vladimir Putin"},
                "cue": {"text": "said", "start": 34, "end": 38}
            }],
            "dates": [{"start": 42, "end": 56, "text": "April 16, 2023", "value": "2023-04-16"}],
            "actors": [{
                "name": "Vladimir Putin", "kind": "person", "description": "President of Russia",
                "mentions": [{"start": 28, "end": 33}, {"start": 59, "end": 64}]
            }]
        });
        assert_eq!(value, expected);
    }

    #[test]
    fn a_range_has_an_end_value() {
        let text = "from March 20 to 22";
        let analysis = Analysis {
            dates: vec![DateMention {
                span: find(text, "March 20 to 22", 0),
                value: Some(DateValue { date: jiff::civil::date(2023, 3, 20), precision: Precision::Day }),
                end_value: Some(DateValue {
                    date: jiff::civil::date(2023, 3, 22),
                    precision: Precision::Day,
                }),
                ..detected_date("March 20 to 22")
            }],
            ..Analysis::default()
        };
        let value = serde_json::to_value(extract(text, &analysis)).unwrap();
        assert_eq!(value["dates"][0]["value"], "2023-03-20");
        assert_eq!(value["dates"][0]["end_value"], "2023-03-22");
        assert_eq!(value["article_date"], serde_json::Value::Null);
    }

    #[test]
    fn diagnostics_carry_code_point_offsets_lines_and_fixes() {
        let analysis = hand_built();
        let value = serde_json::to_value(diagnostics(TEXT, &analysis.findings)).unwrap();
        let expected = serde_json::json!([{
            "code": "test-rule", "severity": "warning", "message": "A message.",
            "start": 59, "end": 64, "line": 3, "column": 1,
            "fixes": [{"title": "Write Vladimir Putin", "safe": false,
                       "edits": [{"start": 59, "end": 64, "new_text": "Vladimir Putin"}]}]
        }]);
        assert_eq!(value, expected);
        assert_eq!(slice_code_points(TEXT, 59, 64), "Putin");
    }
}
