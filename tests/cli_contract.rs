//! The JSON contract of `copydesk extract` and `copydesk check --format json`,
//! checked on the example article through the built binary: field names and
//! types, and every offset slicing back (in code points) to the reported text.

use std::process::Output;

#[path = "support/cli.rs"]
mod cli;

use serde_json::Value;

const EXAMPLE: &str = "examples/russia-china-2023-04-17.txt";

fn copydesk(args: &[&str], stdin: Option<&str>) -> Output {
    cli::copydesk_at_root(args, stdin.unwrap_or_default())
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!("stdout is not JSON ({error}):\n{}", String::from_utf8_lossy(&output.stdout))
    })
}

fn example() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/russia-china-2023-04-17.txt"))
        .unwrap()
}

/// The text between two code-point offsets, as a consumer would slice it.
fn slice(text: &str, start: &Value, end: &Value) -> String {
    let start = start.as_u64().expect("start is an integer") as usize;
    let end = end.as_u64().expect("end is an integer") as usize;
    assert!(start <= end && end <= text.chars().count(), "{start}..{end} lies inside the text");
    text.chars().skip(start).take(end - start).collect()
}

/// The object's keys, sorted, for comparing with the contract.
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value.as_object().expect("an object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

fn is_iso_date(value: &Value) -> bool {
    let Some(text) = value.as_str() else { return false };
    let digits = |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [year] => digits(year, 4),
        [year, month] => digits(year, 4) && digits(month, 2),
        [year, month, day] => digits(year, 4) && digits(month, 2) && digits(day, 2),
        _ => false,
    }
}

/// Validate an `extract` object against the contract and the text.
fn assert_extract_contract(value: &Value, text: &str) {
    assert_eq!(keys(value), ["actors", "article_date", "dates", "quotes"]);
    assert!(value["article_date"].is_null() || is_iso_date(&value["article_date"]));
    for quote in value["quotes"].as_array().expect("quotes is an array") {
        assert_eq!(keys(quote), ["cue", "end", "speaker", "start", "text"]);
        assert_eq!(slice(text, &quote["start"], &quote["end"]), quote["text"].as_str().unwrap());
        if !quote["speaker"].is_null() {
            let speaker = &quote["speaker"];
            assert_eq!(keys(speaker), ["end", "name", "start", "text"]);
            assert_eq!(slice(text, &speaker["start"], &speaker["end"]), speaker["text"].as_str().unwrap());
            assert!(speaker["name"].is_null() || speaker["name"].is_string());
        }
        if !quote["cue"].is_null() {
            let cue = &quote["cue"];
            assert_eq!(keys(cue), ["end", "start", "text"]);
            assert_eq!(slice(text, &cue["start"], &cue["end"]), cue["text"].as_str().unwrap());
        }
    }
    for date in value["dates"].as_array().expect("dates is an array") {
        let mut date_keys = keys(date);
        date_keys.retain(|&key| key != "end_value" && key != "timex");
        assert_eq!(date_keys, ["end", "start", "text", "value"]);
        assert_eq!(slice(text, &date["start"], &date["end"]), date["text"].as_str().unwrap());
        assert!(date["value"].is_null() || is_iso_date(&date["value"]), "{date}");
        if let Some(end_value) = date.get("end_value") {
            assert!(is_iso_date(end_value), "{date}");
        }
        if let Some(timex) = date.get("timex") {
            assert!(timex.as_str().is_some_and(|t| !t.is_empty()) && timex != &date["value"], "{date}");
        }
    }
    for actor in value["actors"].as_array().expect("actors is an array") {
        assert_eq!(keys(actor), ["description", "kind", "mentions", "name"]);
        assert!(actor["name"].is_string());
        assert!(["person", "country", "place", "organization", "unknown"]
            .contains(&actor["kind"].as_str().unwrap()));
        assert!(actor["description"].is_null() || actor["description"].is_string());
        for mention in actor["mentions"].as_array().expect("mentions is an array") {
            assert_eq!(keys(mention), ["end", "start"]);
            assert!(!slice(text, &mention["start"], &mention["end"]).is_empty());
        }
    }
}

/// Validate a `check --format json` report against the contract and texts.
fn assert_check_contract(value: &Value, texts: &[(&str, &str)]) {
    assert_eq!(keys(value), ["files"]);
    let files = value["files"].as_array().expect("files is an array");
    assert_eq!(files.len(), texts.len());
    for (file, (path, text)) in files.iter().zip(texts) {
        assert_eq!(keys(file), ["diagnostics", "path"]);
        assert_eq!(file["path"], *path);
        for diagnostic in file["diagnostics"].as_array().expect("diagnostics is an array") {
            assert_eq!(
                keys(diagnostic),
                ["code", "column", "end", "fixes", "line", "message", "severity", "start"]
            );
            assert!(diagnostic["code"].as_str().is_some_and(|code| !code.is_empty()));
            assert!(["error", "warning", "info", "hint"].contains(&diagnostic["severity"].as_str().unwrap()));
            assert!(diagnostic["message"].is_string());
            slice(text, &diagnostic["start"], &diagnostic["end"]);
            // line and column (1-based, code points) agree with start.
            let before = slice(text, &Value::from(0), &diagnostic["start"]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(
                (diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
                (Some(line as u64), Some(column as u64))
            );
            for fix in diagnostic["fixes"].as_array().expect("fixes is an array") {
                assert_eq!(keys(fix), ["edits", "safe", "title"]);
                assert!(fix["safe"].is_boolean());
                for edit in fix["edits"].as_array().expect("edits is an array") {
                    assert_eq!(keys(edit), ["end", "new_text", "start"]);
                    slice(text, &edit["start"], &edit["end"]);
                    assert!(edit["new_text"].is_string());
                }
            }
        }
    }
}

#[test]
fn extract_on_the_example_article_matches_the_contract() {
    let output = copydesk(&["extract", EXAMPLE], None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_extract_contract(&json(&output), &example());
}

#[test]
fn extract_article_date_flag_sets_the_article_date() {
    let output = copydesk(&["extract", "--article-date", "2023-04-17", EXAMPLE], None);
    assert_eq!(output.status.code(), Some(0));
    let value = json(&output);
    assert_eq!(value["article_date"], "2023-04-17");
    assert_extract_contract(&value, &example());
}

#[test]
fn extract_reads_standard_input_exactly_as_given() {
    let text = "😀 中文\r\n“We are ready,” Putin said on April 16, 2023.\r\n";
    let output = copydesk(&["extract", "-"], Some(text));
    assert_eq!(output.status.code(), Some(0));
    assert_extract_contract(&json(&output), text);
}

#[test]
fn check_json_on_the_example_article_matches_the_contract() {
    let output = copydesk(&["check", "--format", "json", EXAMPLE], None);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&output.stderr));
    let value = json(&output);
    assert_check_contract(&value, &[(EXAMPLE, &example())]);
    // The exit code agrees with the report: 1 exactly when something is at
    // warning or above.
    let severe = value["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|diagnostic| matches!(diagnostic["severity"].as_str(), Some("error" | "warning")));
    assert_eq!(output.status.code(), Some(i32::from(severe)));
}

#[test]
fn check_json_reports_files_in_the_order_given_with_stdin() {
    let stdin = "He said “this is not closed.\r\n😀 ‘odd’ quotes\" and ’ marks on Sunday.\n";
    let output = copydesk(&["check", "--format", "json", EXAMPLE, "-"], Some(stdin));
    assert!(matches!(output.status.code(), Some(0 | 1)));
    assert_check_contract(&json(&output), &[(EXAMPLE, &example()), ("-", stdin)]);
}
