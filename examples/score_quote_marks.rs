//! Score copydesk's quotation-mark reading against JSON Lines evaluation files.
//!
//! ```sh
//! cargo run --release --example score_quote_marks -- ../shared/eval/quote-marks.jsonl
//! cargo run --release --example score_quote_marks -- ../shared/eval/de-wikinews/{train,dev}.jsonl
//! ```
//!
//! Two row formats are understood:
//!
//! - **cases** (rows with `verdict`): a case passes when the set of quote
//!   findings (kind and code-point offsets) equals the expected `diagnostics`
//!   and every mark listed in `non_quote_marks` is read as an apostrophe or a
//!   foot/inch mark. Prints passed and failed counts and every failure.
//! - **articles** (rows with `quotes`, e.g. German WikiNews): reports how many
//!   documents get any quote finding, with each finding in context, and how
//!   well the quotations found overlap the annotated direct quotes.
//!
//! Offsets in the files are Unicode code points; copydesk's spans are bytes.

use std::process::ExitCode;

use copydesk::analysis::finding::Finding;
use copydesk::{analyze, Settings};
use serde_json::Value;

const QUOTE_CODES: &[&str] = &["unclosed-quote", "unopened-quote", "mismatched-quote"];

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: score_quote_marks FILE.jsonl [FILE.jsonl ...]");
        return ExitCode::from(2);
    }
    let mut rows = Vec::new();
    for path in &paths {
        let Ok(content) = std::fs::read_to_string(path) else {
            eprintln!("cannot read {path}");
            return ExitCode::from(2);
        };
        for (number, line) in content.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            match serde_json::from_str::<Value>(line) {
                Ok(row) => rows.push(row),
                Err(error) => eprintln!("{path}:{}: skipped: {error}", number + 1),
            }
        }
    }
    let (cases, articles): (Vec<Value>, Vec<Value>) =
        rows.into_iter().partition(|row| row.get("verdict").is_some());
    let mut failed = 0;
    if !cases.is_empty() {
        failed += score_cases(&cases);
    }
    if !articles.is_empty() {
        score_articles(&articles);
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn settings_for(lang: &str) -> Settings {
    Settings { languages: vec![lang.to_owned()], ..Settings::default() }
}

/// The code-point offset of byte `offset` in `text`.
fn code_points(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |before| before.chars().count())
}

fn quote_findings(text: &str, lang: &str) -> (copydesk::Analysis, Vec<Finding>) {
    let analysis = analyze(text, &settings_for(lang));
    let findings = analysis.findings.iter().filter(|f| QUOTE_CODES.contains(&f.code)).cloned().collect();
    (analysis, findings)
}

/// A finding in the evaluation's terms: kind and code-point offsets.
fn finding_key(text: &str, finding: &Finding) -> String {
    let at = code_points(text, finding.span.start);
    match finding.code {
        "unclosed-quote" => format!("unmatched_open@{at}"),
        "unopened-quote" => format!("unmatched_close@{at}"),
        _ => {
            let other = finding.related.first().map_or(at, |r| code_points(text, r.span.start));
            format!("mismatched_pair@{}-{}", at.min(other), at.max(other))
        }
    }
}

fn expected_key(diagnostic: &Value) -> String {
    let number = |key: &str| diagnostic.get(key).and_then(Value::as_u64).unwrap_or(u64::MAX);
    let kind = diagnostic.get("kind").and_then(Value::as_str).unwrap_or("?");
    match kind {
        "mismatched_pair" => format!("mismatched_pair@{}-{}", number("open_offset"), number("close_offset")),
        _ => format!("{kind}@{}", number("offset")),
    }
}

fn score_cases(cases: &[Value]) -> usize {
    let mut passed = 0;
    let mut failures = Vec::new();
    for case in cases {
        let id = case.get("id").and_then(Value::as_str).unwrap_or("?");
        let text = case.get("text").and_then(Value::as_str).unwrap_or("");
        let lang = case.get("lang").and_then(Value::as_str).unwrap_or("en");
        let (analysis, findings) = quote_findings(text, lang);
        let mut got: Vec<String> = findings.iter().map(|f| finding_key(text, f)).collect();
        let mut want: Vec<String> = case
            .get("diagnostics")
            .and_then(Value::as_array)
            .map_or(Vec::new(), |list| list.iter().map(expected_key).collect());
        got.sort();
        want.sort();
        let mut problems = Vec::new();
        if got != want {
            problems.push(format!("findings {got:?}, expected {want:?}"));
        }
        for mark in case.get("non_quote_marks").and_then(Value::as_array).into_iter().flatten() {
            let offset = mark.get("offset").and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
            let role = mark.get("role").and_then(Value::as_str).unwrap_or("?");
            let ours = analysis.quotes.marks.iter().find(|m| code_points(text, m.span.start) == offset);
            let ok = match (role, ours.map(|m| m.role)) {
                ("apostrophe", Some(copydesk::analysis::quotes::MarkRole::Apostrophe)) => true,
                (r, Some(copydesk::analysis::quotes::MarkRole::Measurement)) => r.starts_with("prime"),
                _ => false,
            };
            if !ok {
                problems
                    .push(format!("mark at {offset} should be {role}, read as {:?}", ours.map(|m| m.role)));
            }
        }
        if problems.is_empty() {
            passed += 1;
        } else {
            failures.push(format!("FAIL {id}: {text:?}\n    {}", problems.join("\n    ")));
        }
    }
    for failure in &failures {
        println!("{failure}");
    }
    println!("quote-mark cases: {passed} passed, {} failed (of {})", failures.len(), cases.len());
    failures.len()
}

fn excerpt(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let first = chars.partition_point(|(b, _)| *b < start);
    let last = chars.partition_point(|(b, _)| *b < end);
    let from = first.saturating_sub(50);
    let to = (last + 50).min(chars.len());
    let piece = |range: std::ops::Range<usize>| -> String { chars[range].iter().map(|(_, c)| *c).collect() };
    format!("…{}⟦{}⟧{}…", piece(from..first), piece(first..last), piece(last..to)).replace('\n', "⏎")
}

fn score_articles(articles: &[Value]) {
    let mut flagged = 0;
    let (mut gold_total, mut gold_found, mut predicted_total, mut predicted_right) = (0, 0, 0, 0);
    for article in articles {
        let id = article.get("id").and_then(Value::as_str).unwrap_or("?");
        let text = article.get("text").and_then(Value::as_str).unwrap_or("");
        let lang = article.get("lang").and_then(Value::as_str).unwrap_or("de");
        let (analysis, findings) = quote_findings(text, lang);
        if !findings.is_empty() {
            flagged += 1;
            println!("{id}: {} finding(s)", findings.len());
            for finding in &findings {
                println!(
                    "  {} @{}: {}",
                    finding.code,
                    code_points(text, finding.span.start),
                    finding.message
                );
                println!("    {}", excerpt(text, finding.span.start, finding.span.end));
            }
        }
        // Direct quotes annotated in the data, against the outer quotations found.
        let gold: Vec<(usize, usize)> = article
            .get("quotes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|q| {
                q.get("type").and_then(Value::as_str).is_none_or(|t| t.eq_ignore_ascii_case("direct"))
            })
            .filter_map(|q| Some((q.get("start")?.as_u64()? as usize, q.get("end")?.as_u64()? as usize)))
            .collect();
        let predicted: Vec<(usize, usize)> = analysis
            .quotes
            .quotations
            .iter()
            .filter(|q| q.level == 0)
            .map(|q| (code_points(text, q.span.start), code_points(text, q.span.end)))
            .collect();
        let matches = |a: (usize, usize), b: (usize, usize)| {
            let overlap = a.1.min(b.1).saturating_sub(a.0.max(b.0));
            let shorter = (a.1 - a.0).min(b.1 - b.0).max(1);
            overlap * 2 >= shorter
        };
        gold_total += gold.len();
        gold_found += gold.iter().filter(|g| predicted.iter().any(|p| matches(**g, *p))).count();
        predicted_total += predicted.len();
        predicted_right += predicted.iter().filter(|p| gold.iter().any(|g| matches(*g, **p))).count();
    }
    println!("articles: {} of {} have a quote finding", flagged, articles.len());
    println!(
        "direct quotes: {gold_found} of {gold_total} annotated quotes overlap a quotation found; \
         {predicted_right} of {predicted_total} outer quotations found overlap an annotated one \
         (the rest are mostly scare quotes and titles, which the data does not annotate)"
    );
}
