//! `--format sarif`: a SARIF 2.1.0 log, for GitHub code scanning and other
//! tools that read static-analysis results.
//!
//! One run; the tool's rules are every registered rule (plus any code a
//! finding carries that is not registered); columns and character offsets
//! count Unicode code points (`columnKind: unicodeCodePoints`), like the JSON
//! contract. Fixes become SARIF `fixes` with replacements.

use serde_json::{json, Value};

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::rules::RULES;
use crate::analysis::span::Span;
use crate::cli::offsets::{self, Positions};
use crate::cli::Checked;

/// The schema URI written into the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A path as a relative URI reference: `/` separators, and everything but
/// unreserved characters percent-encoded.
pub fn path_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// A region from code-point positions: 1-based lines and columns, the end
/// column exclusive, plus the character offset and length.
fn region(points: &Positions, span: Span) -> Value {
    let start = points.get(span.start);
    let end = points.get(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "charOffset": start.offset,
        "charLength": end.offset - start.offset,
    })
}

fn physical_location(uri: &str, points: &Positions, span: Span) -> Value {
    json!({ "artifactLocation": { "uri": uri }, "region": region(points, span) })
}

fn result(uri: &str, points: &Positions, finding: &Finding, rule_index: Option<usize>) -> Value {
    let mut result = json!({
        "ruleId": finding.code,
        "level": level(finding.severity),
        "message": { "text": finding.message },
        "locations": [{ "physicalLocation": physical_location(uri, points, finding.span) }],
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !finding.related.is_empty() {
        result["relatedLocations"] = finding
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                json!({
                    "id": id,
                    "physicalLocation": physical_location(uri, points, related.span),
                    "message": { "text": related.message },
                })
            })
            .collect();
    }
    let fixes: Vec<Value> = finding
        .fixes
        .iter()
        .filter(|fix| !fix.edits.is_empty())
        .map(|fix| {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .map(|edit| {
                    let start = points.offset(edit.span.start);
                    let end = points.offset(edit.span.end);
                    json!({
                        "deletedRegion": { "charOffset": start, "charLength": end - start },
                        "insertedContent": { "text": edit.new_text },
                    })
                })
                .collect();
            json!({
                "description": { "text": fix.title },
                "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
            })
        })
        .collect();
    if !fixes.is_empty() {
        result["fixes"] = Value::Array(fixes);
    }
    result
}

/// The SARIF log for the checked files.
pub fn report(checked: &[Checked]) -> Value {
    // Registered rules first, in registry order, then unregistered codes in
    // the order they first appear.
    let mut codes: Vec<&str> = RULES.iter().map(|rule| rule.code).collect();
    for finding in checked.iter().flat_map(|file| &file.findings) {
        if !codes.contains(&finding.code) {
            codes.push(finding.code);
        }
    }
    let rules: Vec<Value> = codes
        .iter()
        .map(|&code| match crate::analysis::rules::rule(code) {
            Some(rule) => json!({
                "id": rule.code,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.explanation },
                "help": { "text": rule.explanation },
                "defaultConfiguration": {
                    "enabled": rule.default_severity.is_some(),
                    "level": rule.default_severity.map_or("note", level),
                },
            }),
            None => json!({ "id": code }),
        })
        .collect();
    let mut results = Vec::new();
    for file in checked {
        let uri = path_uri(&file.document.name);
        let mut offsets = Vec::new();
        for finding in &file.findings {
            offsets.extend([finding.span.start, finding.span.end]);
            offsets.extend(finding.related.iter().flat_map(|related| [related.span.start, related.span.end]));
            for fix in &finding.fixes {
                offsets.extend(fix.edits.iter().flat_map(|edit| [edit.span.start, edit.span.end]));
            }
        }
        let points = offsets::positions(&file.document.text, offsets);
        for finding in &file.findings {
            let rule_index = codes.iter().position(|&code| code == finding.code);
            results.push(result(&uri, &points, finding, rule_index));
        }
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::finding::{Fix, Related, TextEdit};
    use crate::cli::input::Document;

    /// The official SARIF 2.1.0 schema (see tests/fixtures/README.md).
    ///
    /// One fix-up in memory, not in the fixture: the schema's `language`
    /// pattern ends in an unescaped `]`, a literal in ECMAScript's legacy
    /// regex syntax but rejected by the validator's meta-schema check; the
    /// escaped `\]` means the same.
    fn validate(log: &Value) -> Vec<String> {
        let text = include_str!("../../tests/fixtures/sarif-schema-2.1.0.json")
            .replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
        let schema: Value = serde_json::from_str(&text).unwrap();
        let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
        validator.iter_errors(log).map(|error| format!("{} at {}", error, error.instance_path())).collect()
    }

    fn sample() -> Vec<Checked> {
        let text = "😀 date 2023-04-17\r\nHe said “yes.\r\n‘Odd” one.\n";
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span::new(start, start + needle.len())
        };
        let findings = vec![
            Finding {
                code: "unclosed-quote",
                severity: Severity::Error,
                message: "This “ is never closed. Add ” where the quotation ends.".to_owned(),
                span: at("“"),
                related: vec![Related {
                    span: at("yes."),
                    message: "The quotation would end here.".to_owned(),
                }],
                fixes: vec![Fix {
                    title: "Add ” after “yes.”".to_owned(),
                    edits: vec![TextEdit::insert(at("yes.").end, "”")],
                    safe: true,
                }],
            },
            Finding {
                code: "mismatched-quote",
                severity: Severity::Hint,
                message: "‘ is closed by ”.".to_owned(),
                span: Span::new(at("‘").start, at("”").end),
                related: Vec::new(),
                fixes: Vec::new(),
            },
        ];
        vec![
            Checked {
                document: Document {
                    name: "desk/wire copy.txt".to_owned(),
                    path: None,
                    text: text.to_owned(),
                },
                findings,
            },
            Checked {
                document: Document { name: "-".to_owned(), path: None, text: String::new() },
                findings: vec![],
            },
        ]
    }

    #[test]
    fn the_log_is_valid_against_the_official_schema() {
        let log = report(&sample());
        assert_eq!(validate(&log), Vec::<String>::new(), "{log:#}");
        assert_eq!(validate(&report(&[])), Vec::<String>::new());
    }

    #[test]
    fn the_schema_rejects_a_broken_log() {
        // The validator is not vacuous: a wrong level, a missing message and
        // a path that is not a URI reference are caught.
        let mut log = report(&sample());
        log["runs"][0]["results"][0]["level"] = json!("fatal");
        log["runs"][0]["results"][1].as_object_mut().unwrap().remove("message");
        log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
            json!("a b\\c");
        assert_eq!(validate(&log).len(), 3, "{:?}", validate(&log));
    }

    #[test]
    fn results_carry_code_point_regions_and_fixes() {
        let log = report(&sample());
        let results = &log["runs"][0]["results"];
        let first = &results[0];
        assert_eq!(first["ruleId"], "unclosed-quote");
        assert_eq!(first["ruleIndex"], json!(0));
        assert_eq!(first["level"], "error");
        let location = &first["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "desk/wire%20copy.txt");
        // Line 2 starts after "😀 date 2023-04-17\r\n" (19 code points).
        assert_eq!(
            location["region"],
            json!({"startLine": 2, "startColumn": 9, "endLine": 2, "endColumn": 10, "charOffset": 27, "charLength": 1})
        );
        let replacement = &first["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(
            replacement,
            &json!({"deletedRegion": {"charOffset": 32, "charLength": 0}, "insertedContent": {"text": "”"}})
        );
        assert_eq!(first["relatedLocations"][0]["message"]["text"], "The quotation would end here.");
        assert_eq!(results[1]["level"], "note");
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    }

    #[test]
    fn paths_become_uri_references() {
        let cases = [
            ("examples/a.txt", "examples/a.txt"),
            ("desk\\wire copy/ü.md", "desk/wire%20copy/%C3%BC.md"),
            ("-", "-"),
        ];
        for (path, uri) in cases {
            assert_eq!(path_uri(path), uri);
        }
    }
}
