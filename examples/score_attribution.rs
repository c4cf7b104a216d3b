//! Score attribution against an annotated JSONL corpus (such as the German
//! WikiNews set described in `/work/shared/eval/de-wikinews/SOURCE.md`), or
//! show the attribution of one plain-text article.
//!
//! ```text
//! cargo run --release --example score_attribution -- /work/shared/eval/de-wikinews/dev.jsonl
//! cargo run --release --example score_attribution -- --errors /work/shared/eval/de-wikinews/dev.jsonl
//! cargo run --example score_attribution -- --show examples/russia-china-2023-04-17.txt
//! cargo run --example score_attribution -- --show --lang=de ARTICLE.txt
//! ```
//!
//! Conventions (from the evaluation README): offsets are code points; a
//! predicted quotation (one read as speech) matches a gold one when they
//! overlap by at least half the shorter span; a speaker is right when the
//! reported mention overlaps the gold speaker span or the resolved name
//! contains the gold speaker text; an orphan flag is an `unattributed-quote`
//! finding (what the journalist sees), and a gold orphan is a direct quote
//! with `speaker: null`. `--errors` lists wrong and missed quotes and
//! speakers, false orphan flags, and every gold orphan with whether it was
//! flagged.
//! The language is taken from each row's `lang` field.

use std::io::BufRead;

use copydesk::analysis::{analyze, settings::Settings, Analysis};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    let errors = args.iter().any(|a| a == "--errors");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: score_attribution [--errors] FILE.jsonl | --show ARTICLE.txt");
        std::process::exit(2);
    };
    if show {
        let text = std::fs::read_to_string(path).expect("read the article");
        let languages: Vec<String> =
            args.iter().filter_map(|a| a.strip_prefix("--lang=")).map(str::to_owned).collect();
        let settings = Settings { languages, ..Settings::default() };
        show_article(&text, &settings);
        return;
    }
    let file = std::fs::File::open(path).expect("open the corpus");
    let mut score = Score::default();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read a line");
        if line.trim().is_empty() {
            continue;
        }
        let row: serde_json::Value = serde_json::from_str(&line).expect("a JSON row");
        score.add(&row, errors);
    }
    score.print();
}

fn show_article(text: &str, settings: &Settings) {
    let analysis = analyze(text, settings);
    for (quotation, attribution) in analysis.quotes.quotations.iter().zip(&analysis.attributions) {
        let quote: String = text[quotation.span.start..quotation.span.end].chars().take(60).collect();
        let speaker = attribution
            .speaker
            .as_ref()
            .map(|s| format!("{} [{}]", s.name.as_deref().unwrap_or("?"), &text[s.span.start..s.span.end]));
        let cue = attribution.cue.map(|c| &text[c.start..c.end]);
        println!(
            "L{} speech={} {:?} cue={:?} via={:?}  {}",
            quotation.level, attribution.is_speech, speaker, cue, attribution.via, quote
        );
    }
    for actor in &analysis.actors.actors {
        println!("actor {:?} {:?} {:?}", actor.name, actor.kind, actor.mentions);
    }
    for finding in &analysis.findings {
        println!("{} {}..{} {}", finding.code, finding.span.start, finding.span.end, finding.message);
    }
}

#[derive(Default)]
struct Score {
    gold: usize,
    predicted: usize,
    matched_gold: usize,
    matched_predicted: usize,
    speaker_total: usize,
    speaker_right: usize,
    orphan_gold: usize,
    orphan_predicted: usize,
    orphan_both: usize,
}

struct Gold {
    start: usize,
    end: usize,
    speakers: Vec<(usize, usize, String)>,
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> bool {
    let shared = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let shorter = (a.1 - a.0).min(b.1 - b.0).max(1);
    shared * 2 >= shorter
}

impl Score {
    fn add(&mut self, row: &serde_json::Value, errors: bool) {
        let text = row["text"].as_str().unwrap_or_default();
        let lang = row["lang"].as_str().unwrap_or("en");
        let settings = Settings { languages: vec![lang.to_owned()], ..Settings::default() };
        let analysis = analyze(text, &settings);
        let to_chars = CharIndex::new(text);
        // Gold: direct quotes, merged by span (a quote may list several speakers).
        let mut gold: Vec<Gold> = Vec::new();
        for quote in row["quotes"].as_array().into_iter().flatten() {
            let start = quote["start"].as_u64().unwrap_or(0) as usize;
            let end = quote["end"].as_u64().unwrap_or(0) as usize;
            let speaker = quote["speaker"].as_str().map(|s| {
                (
                    quote["speaker_start"].as_u64().unwrap_or(0) as usize,
                    quote["speaker_end"].as_u64().unwrap_or(0) as usize,
                    s.to_owned(),
                )
            });
            match gold.iter_mut().find(|g| g.start == start && g.end == end) {
                Some(g) => g.speakers.extend(speaker),
                None => gold.push(Gold { start, end, speakers: speaker.into_iter().collect() }),
            }
        }
        let predicted = predictions(&analysis, &to_chars);
        self.gold += gold.len();
        self.predicted += predicted.len();
        self.orphan_gold += gold.iter().filter(|g| g.speakers.is_empty()).count();
        self.orphan_predicted += predicted.iter().filter(|p| p.flagged).count();
        for p in &predicted {
            if errors && p.flagged {
                let matched = gold.iter().find(|g| overlap((g.start, g.end), (p.start, p.end)));
                match matched {
                    None => println!("FALSE FLAG (no gold quote)  {}", excerpt(text, p.start, p.end)),
                    Some(g) if !g.speakers.is_empty() => println!(
                        "FALSE FLAG (gold speaker {:?})  {}",
                        g.speakers.iter().map(|s| &s.2).collect::<Vec<_>>(),
                        excerpt(text, p.start, p.end)
                    ),
                    Some(_) => {}
                }
            }
            if gold.iter().any(|g| overlap((g.start, g.end), (p.start, p.end))) {
                self.matched_predicted += 1;
            } else if errors {
                println!("FALSE QUOTE  {}", excerpt(text, p.start, p.end));
            }
        }
        for g in &gold {
            let Some(p) = predicted.iter().find(|p| overlap((g.start, g.end), (p.start, p.end))) else {
                if errors {
                    println!("MISSED QUOTE {}", excerpt(text, g.start, g.end));
                }
                continue;
            };
            self.matched_gold += 1;
            if g.speakers.is_empty() {
                if errors {
                    println!("GOLD ORPHAN flagged={}  {}", p.flagged, excerpt(text, g.start, g.end));
                }
                if p.flagged {
                    self.orphan_both += 1;
                }
                continue;
            }
            self.speaker_total += 1;
            let right = p.speaker.as_ref().is_some_and(|(s, e, name)| {
                g.speakers.iter().any(|(gs, ge, gtext)| {
                    (*s < *ge && *gs < *e) || name.as_deref().is_some_and(|n| n.contains(gtext.as_str()))
                })
            });
            if right {
                self.speaker_right += 1;
            } else if errors {
                let said = p.speaker.as_ref().map(|(s, e, n)| {
                    format!(
                        "{} / {:?} @{}..{}",
                        text.chars().skip(*s).take(e - s).collect::<String>(),
                        n,
                        s,
                        e
                    )
                });
                println!(
                    "WRONG SPEAKER got {:?} want {:?}  {}",
                    said,
                    g.speakers.iter().map(|s| &s.2).collect::<Vec<_>>(),
                    excerpt(text, g.start, g.end)
                );
            }
        }
    }

    fn print(&self) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        let precision = ratio(self.matched_predicted, self.predicted);
        let recall = ratio(self.matched_gold, self.gold);
        let f1 =
            if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        println!("quotes:   gold {}  predicted {}", self.gold, self.predicted);
        println!("quote precision {precision:.1}  recall {recall:.1}  F1 {f1:.1}");
        println!(
            "speaker accuracy {:.1} ({} of {} matched quotes with a gold speaker)",
            ratio(self.speaker_right, self.speaker_total),
            self.speaker_right,
            self.speaker_total
        );
        // With no flag raised, precision is undefined: say so, not 0.
        let orphan_precision = if self.orphan_predicted == 0 {
            "n/a".to_owned()
        } else {
            format!("{:.1}", ratio(self.orphan_both, self.orphan_predicted))
        };
        println!(
            "orphan flags: gold {}  flagged {}  precision {}  recall {:.1}",
            self.orphan_gold,
            self.orphan_predicted,
            orphan_precision,
            ratio(self.orphan_both, self.orphan_gold)
        );
    }
}

struct Predicted {
    start: usize,
    end: usize,
    speaker: Option<(usize, usize, Option<String>)>,
    /// Whether an `unattributed-quote` finding covers it.
    flagged: bool,
}

fn predictions(analysis: &Analysis, to_chars: &CharIndex) -> Vec<Predicted> {
    analysis
        .quotes
        .quotations
        .iter()
        .zip(&analysis.attributions)
        .filter(|(q, a)| q.level == 0 && a.is_speech)
        .map(|(q, a)| Predicted {
            flagged: analysis.findings.iter().any(|f| f.code == "unattributed-quote" && f.span == q.span),
            start: to_chars.get(q.span.start),
            end: to_chars.get(q.span.end),
            speaker: a
                .speaker
                .as_ref()
                .map(|s| (to_chars.get(s.span.start), to_chars.get(s.span.end), s.name.clone())),
        })
        .collect()
}

fn excerpt(text: &str, start: usize, end: usize) -> String {
    let from = start.saturating_sub(100);
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let to = (end + 80).min(chars.len());
    let before: String = chars[from..start.min(end)].iter().collect();
    let inner: String = chars[start.min(end)..end].iter().collect();
    let after: String = chars[end..to].iter().collect();
    format!("{}[[{}]]{}", before, inner, after).replace('\n', " ")
}

/// Byte offset to code-point offset.
struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        CharIndex { starts: text.char_indices().map(|(i, _)| i).chain([text.len()]).collect() }
    }

    fn get(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s < byte)
    }
}
