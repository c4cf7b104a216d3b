//! The report formats of `copydesk check` on the example article and on
//! standard input, through the built binary, cross-checked against the JSON
//! contract: human (rustc-style), SARIF (valid against the official 2.1.0
//! schema in tests/fixtures) and GitHub annotations. Also `rules` and
//! `explain`. The exact renderings are pinned by snapshots
//! (tests/cli_snapshots.rs) and by unit tests beside each renderer
//! (src/cli/human.rs, sarif.rs, github.rs).

use std::process::{Command, Output};

#[path = "support/cli.rs"]
mod cli;

use serde_json::Value;

const EXAMPLE: &str = "examples/russia-china-2023-04-17.txt";
const STDIN: &str = "He said “this is not closed.\r\n😀 ‘odd’ quotes\" and ’ marks on Sunday.\n";

fn copydesk(args: &[&str], stdin: &str) -> Output {
    cli::copydesk_at_root(args, stdin)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// The JSON report, the reference the other formats must agree with.
fn json_report() -> (Value, Option<i32>) {
    let output = copydesk(&["check", "--format", "json", EXAMPLE, "-"], STDIN);
    (serde_json::from_slice(&output.stdout).unwrap(), output.status.code())
}

fn diagnostics(report: &Value) -> Vec<(String, Value)> {
    let mut all = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for diagnostic in file["diagnostics"].as_array().unwrap() {
            all.push((file["path"].as_str().unwrap().to_owned(), diagnostic.clone()));
        }
    }
    all
}

#[test]
fn human_report_agrees_with_json() {
    let (report, json_code) = json_report();
    let output = copydesk(&["check", EXAMPLE, "-"], STDIN);
    assert_eq!(output.status.code(), json_code);
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'), "no colour when NO_COLOR is set and stdout is a pipe");
    for (path, diagnostic) in diagnostics(&report) {
        let header = format!(
            "{}[{}]: ",
            diagnostic["severity"].as_str().unwrap(),
            diagnostic["code"].as_str().unwrap()
        );
        let place = format!("--> {path}:{}:{}", diagnostic["line"], diagnostic["column"]);
        assert!(text.contains(&header) && text.contains(&place), "{header} {place} in\n{text}");
    }
    let summary = text.lines().last().unwrap();
    if diagnostics(&report).is_empty() {
        assert_eq!(summary, "No problems found in 2 files.");
    } else {
        assert!(summary.ends_with(" files.") || summary.ends_with(" file."), "{summary}");
    }
}

#[test]
fn sarif_is_valid_against_the_official_schema_and_agrees_with_json() {
    let (report, json_code) = json_report();
    let output = copydesk(&["check", "--format", "sarif", EXAMPLE, "-"], STDIN);
    assert_eq!(output.status.code(), json_code);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    // See tests/fixtures/README.md and src/cli/sarif.rs for the one in-memory
    // fix-up of the schema's `language` pattern.
    let schema_text =
        include_str!("fixtures/sarif-schema-2.1.0.json").replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|error| error.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let expected = diagnostics(&report);
    assert_eq!(results.len(), expected.len());
    for (result, (_, diagnostic)) in results.iter().zip(&expected) {
        assert_eq!(result["ruleId"], diagnostic["code"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], diagnostic["line"]);
        assert_eq!(region["startColumn"], diagnostic["column"]);
        assert_eq!(region["charOffset"], diagnostic["start"]);
    }
    // Every registered rule is described.
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in copydesk::analysis::rules::RULES {
        assert!(rules.iter().any(|described| described["id"] == rule.code), "{}", rule.code);
    }
}

#[test]
fn github_annotations_agree_with_json() {
    let (report, json_code) = json_report();
    let output = copydesk(&["check", "--format", "github", EXAMPLE, "-"], STDIN);
    assert_eq!(output.status.code(), json_code);
    let text = stdout(&output);
    let expected = diagnostics(&report);
    assert_eq!(text.lines().count(), expected.len(), "{text}");
    for (line, (path, diagnostic)) in text.lines().zip(&expected) {
        let command = match diagnostic["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let start =
            format!("::{command} file={path},line={},col={},", diagnostic["line"], diagnostic["column"]);
        assert!(line.starts_with(&start), "{line} should start with {start}");
    }
}

#[test]
fn rules_lists_every_rule_and_explain_prints_one() {
    let output = copydesk(&["rules"], "");
    assert_eq!(output.status.code(), Some(0));
    let listing = stdout(&output);
    for rule in copydesk::analysis::rules::RULES {
        assert!(listing.contains(&format!("{} (default: ", rule.code)), "{listing}");
        let output = copydesk(&["explain", rule.code], "");
        assert_eq!(output.status.code(), Some(0));
        assert!(stdout(&output).contains(rule.explanation.trim()));
    }
    if copydesk::analysis::rules::RULES.is_empty() {
        assert_eq!(listing, "No rules are registered in this build of copydesk.\n");
    }
    let output = copydesk(&["explain", "no-such-rule"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no rule called `no-such-rule`"));
}

#[test]
fn schema_prints_the_committed_schema_and_init_writes_settings_check_reads() {
    let output = copydesk(&["schema"], "");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), include_str!("../schemas/copydesk.schema.json"));

    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).current_dir(dir.path()).output().unwrap()
    };
    assert_eq!(run(&["init"]).status.code(), Some(0));
    assert_eq!(run(&["init"]).status.code(), Some(2));
    std::fs::write(dir.path().join("a.md"), "The sky is blue.\n").unwrap();
    let output = run(&["check", "a.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
}
