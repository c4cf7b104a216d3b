//! Score date detection, resolution and AP rendering against a JSONL file of
//! cases (one sentence per line with `text`, `article_date`, `span_start`,
//! `span_end` in code points, `iso_value`, `ap_style`, `flags`).
//!
//! ```text
//! cargo run --release --example score_dates -- /work/shared/eval/date-cases.jsonl
//! ```
//!
//! Prints one line per failed case and the passed/failed count per field:
//! span (strict and relaxed), value, AP rendering and flags.

use copydesk::analysis::dates::render::{self, DateStyle};
use copydesk::analysis::dates::DateMention;
use copydesk::{analyze, Settings};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/work/shared/eval/date-cases.jsonl".to_owned());
    let verbose = std::env::args().any(|a| a == "-v");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let fields = ["span (strict)", "span (relaxed)", "value", "AP rendering", "flags"];
    let mut passed = [0usize; 5];
    let mut total = 0;
    for line in source.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).expect("a JSON object per line");
        total += 1;
        let text = case["text"].as_str().unwrap_or("");
        let settings = Settings {
            article_date: case["article_date"].as_str().map(str::to_owned),
            ..Settings::default()
        };
        let analysis = analyze(text, &settings);
        let byte = |cp: u64| text.char_indices().nth(cp as usize).map_or(text.len(), |(b, _)| b);
        let gold_start = byte(case["span_start"].as_u64().unwrap_or(0));
        let gold_end = byte(case["span_end"].as_u64().unwrap_or(0));
        let strict = analysis.dates.iter().find(|m| m.span.start == gold_start && m.span.end == gold_end);
        let relaxed: Option<&DateMention> = strict
            .or_else(|| analysis.dates.iter().find(|m| m.span.start < gold_end && gold_start < m.span.end));
        let mut ok = [strict.is_some(), relaxed.is_some(), false, false, false];
        let today = analysis.article_date.as_ref().map(|d| d.date);
        if let Some(mention) = relaxed {
            ok[2] = mention.value_text().as_deref() == case["iso_value"].as_str();
            let rendered = render::render(mention, DateStyle::Ap, today, text);
            ok[3] = match case["ap_style"].as_str() {
                None => rendered.is_none(),
                Some(expected) => rendered.as_deref().unwrap_or(mention.span.slice(text)) == expected,
            };
            let mut expected: Vec<String> = case["flags"]
                .as_array()
                .map(|a| a.iter().filter_map(|f| f.as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            let mut got: Vec<String> = mention.flags.iter().map(|f| f.as_str().to_owned()).collect();
            expected.sort();
            got.sort();
            ok[4] = expected == got;
            if verbose || ok.iter().any(|o| !o) {
                println!(
                    "{} {:?} | got span {:?} value {:?} ap {:?} flags {:?} | want {:?} {:?} {:?} {:?}",
                    case["id"].as_str().unwrap_or("?"),
                    ok,
                    mention.span.slice(text),
                    mention.value_text(),
                    rendered,
                    got,
                    case["span"].as_str().unwrap_or(""),
                    case["iso_value"].as_str(),
                    case["ap_style"].as_str(),
                    expected
                );
            }
        } else {
            println!(
                "{} missed: {:?} in {:?}",
                case["id"].as_str().unwrap_or("?"),
                case["span"].as_str().unwrap_or(""),
                text
            );
        }
        for (count, good) in passed.iter_mut().zip(ok) {
            *count += usize::from(good);
        }
    }
    println!();
    for (field, count) in fields.iter().zip(passed) {
        println!("{field:<15} passed {count:>3}  failed {:>3}  of {total}", total - count);
    }
}
