//! Snapshot tests of the `copydesk` CLI through the built binary (insta and
//! insta-cmd): each snapshot under `tests/snapshots/` holds the command's
//! arguments, its standard input, its exit code, stdout and stderr, so a
//! reviewer reads the whole behaviour of one run in one file.
//!
//! Covered: the four report formats on the example article (the SARIF one also
//! validated against the official SARIF 2.1.0 JSON Schema in tests/fixtures),
//! and every exit code: 0 (clean), 1 (findings at or above `--fail-on`) and 2
//! (each kind of usage, I/O and settings error, with its message).
//!
//! The runs are stable on a fresh clone: paths are relative (the commands run
//! in the repository's root or in a scratch folder given as `.`), `NO_COLOR`
//! is set and stdout is a pipe, and nothing prints timings. A changed
//! snapshot fails `cargo test`; see CONTRIBUTING.md for reviewing and
//! accepting changes (`cargo insta review`).

use std::path::Path;
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, Spawn};
use serde_json::Value;

const EXAMPLE: &str = "examples/russia-china-2023-04-17.txt";

#[path = "support/cli.rs"]
mod cli;

/// `copydesk ARGS`, run in `dir`, without colour.
fn copydesk_in(dir: &Path, args: &[&str]) -> Command {
    cli::command_in(dir, args)
}

/// `copydesk ARGS`, run in the repository's root.
fn copydesk(args: &[&str]) -> Command {
    copydesk_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// A scratch folder holding the given files, with no copydesk.toml of the
/// repository above it.
fn scratch(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

// ---- The report formats on the example article (exit code 1: it has findings).

#[test]
fn human_report_on_the_example_article() {
    assert_cmd_snapshot!(copydesk(&["check", EXAMPLE]));
}

#[test]
fn json_report_on_the_example_article() {
    assert_cmd_snapshot!(copydesk(&["check", "--format", "json", EXAMPLE]));
}

#[test]
fn github_annotations_on_the_example_article() {
    assert_cmd_snapshot!(copydesk(&["check", "--format", "github", EXAMPLE]));
}

#[test]
fn sarif_report_on_the_example_article_is_valid_sarif_2_1_0() {
    let mut command = copydesk(&["check", "--format", "sarif", EXAMPLE]);
    let (_, output) = command.spawn_with_info(None);
    let log: Value = serde_json::from_slice(&output.stdout).expect("SARIF output is JSON");
    // The official schema, validated with a JSON Schema validator (the
    // `jsonschema` crate). tests/fixtures/README.md explains the one in-memory
    // fix-up of the schema's `language` pattern, which the regex engine would
    // otherwise reject.
    let schema_text =
        include_str!("fixtures/sarif-schema-2.1.0.json").replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|error| error.to_string()).collect();
    assert!(errors.is_empty(), "the SARIF log breaks the 2.1.0 schema: {errors:#?}");
    assert_cmd_snapshot!(copydesk(&["check", "--format", "sarif", EXAMPLE]));
}

/// The validator really rejects a broken SARIF log, so the test above means
/// something.
#[test]
fn the_sarif_schema_check_rejects_a_broken_log() {
    let schema_text =
        include_str!("fixtures/sarif-schema-2.1.0.json").replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let broken = serde_json::json!({
        "version": "2.1.0",
        "runs": [{ "tool": { "driver": { "name": "copydesk" } }, "results": [{ "level": "loud" }] }],
    });
    assert!(!validator.is_valid(&broken));
}

/// Awkward standard input next to a file: CRLF line ends, a character outside
/// the Basic Multilingual Plane, straight and curly marks mixed. Columns count
/// code points.
#[test]
fn human_report_on_awkward_standard_input() {
    let stdin = "He said “this is not closed.\r\n😀 ‘odd’ quotes\" and ’ marks on Sunday.\n";
    assert_cmd_snapshot!(copydesk(&["check", "-"]).pass_stdin(stdin));
}

#[test]
fn diff_shows_the_safe_fixes_of_the_example_article() {
    assert_cmd_snapshot!(copydesk(&["check", "--diff", EXAMPLE]));
}

// ---- Exit code 0.

#[test]
fn exit_0_on_clean_text() {
    let dir = scratch(&[("a.md", b"The sky is blue.\n"), ("b.txt", b"The sea is green.\n")]);
    assert_cmd_snapshot!(copydesk_in(dir.path(), &["check", "a.md", "b.txt"]));
}

#[test]
fn exit_0_when_findings_are_below_fail_on() {
    assert_cmd_snapshot!(copydesk(&["check", "--format", "github", "--fail-on", "never", EXAMPLE]));
}

// ---- Exit code 1.

#[test]
fn exit_1_on_a_warning_at_the_default_fail_on() {
    assert_cmd_snapshot!(copydesk(&["check", "-"]).pass_stdin("He said “this is not closed.\n"));
}

// ---- Exit code 2, each with its message. One snapshot per row:
// (snapshot name, arguments, standard input).

#[test]
fn exit_2_usage_errors() {
    let cases: &[(&str, &[&str], &str)] = &[
        ("exit_2_check_without_files", &["check"], ""),
        ("exit_2_unknown_format", &["check", "--format", "yaml", EXAMPLE], ""),
        ("exit_2_unknown_flag", &["check", "--no-such-flag", EXAMPLE], ""),
        ("exit_2_impossible_article_date", &["check", "--article-date", "2023-02-30", EXAMPLE], ""),
        ("exit_2_unknown_fail_on", &["check", "--fail-on", "sometimes", EXAMPLE], ""),
        ("exit_2_invalid_glob", &["check", "--exclude", "[", EXAMPLE], ""),
        ("exit_2_fix_on_standard_input", &["check", "--fix", "-"], "Text.\n"),
        ("exit_2_extract_without_a_file", &["extract"], ""),
        ("exit_2_extract_of_two_files", &["extract", EXAMPLE, EXAMPLE], ""),
        ("exit_2_extract_of_a_missing_file", &["extract", "no-such-article.txt"], ""),
        ("exit_2_unknown_command", &["no-such-command"], ""),
        ("exit_2_explain_an_unknown_rule", &["explain", "no-such-rule"], ""),
    ];
    for (name, args, stdin) in cases {
        assert_cmd_snapshot!(*name, copydesk(args).pass_stdin(*stdin));
    }
}

#[test]
fn exit_2_on_a_missing_file_the_others_still_checked() {
    let dir = scratch(&[("good.txt", b"All good.\n")]);
    assert_cmd_snapshot!(copydesk_in(dir.path(), &["check", "no-such-article.txt", "good.txt"]));
}

#[test]
fn exit_2_on_a_file_that_is_not_utf8_the_others_still_checked() {
    let dir = scratch(&[("latin1.txt", b"Caf\xe9 society\n"), ("good.txt", b"All good.\n")]);
    assert_cmd_snapshot!(copydesk_in(dir.path(), &["check", "latin1.txt", "good.txt"]));
}

#[test]
fn exit_2_on_a_misspelled_setting_named_with_its_place() {
    let dir = scratch(&[
        ("copydesk.toml", b"languages = [\"en\"]\n[dates]\nstlye = \"ap\"\n"),
        ("desk/a.txt", b"All good.\n"),
    ]);
    // The settings file is found upward from the checked file and named by
    // its absolute path: the scratch folder's part is written [SCRATCH].
    insta::with_settings!({ filters => vec![(r"(/[^\s:]*)?/\.tmp[0-9A-Za-z]+", "[SCRATCH]")] }, {
        assert_cmd_snapshot!(copydesk_in(dir.path(), &["check", "desk/a.txt"]));
    });
}

#[test]
fn exit_2_when_init_would_overwrite_a_settings_file() {
    let dir = scratch(&[("copydesk.toml", b"# mine\n")]);
    assert_cmd_snapshot!(copydesk_in(dir.path(), &["init"]));
    assert_eq!(std::fs::read_to_string(dir.path().join("copydesk.toml")).unwrap(), "# mine\n");
}

// ---- `copydesk init` and the settings schema.

/// `copydesk init` writes a file that parses to the defaults and round-trips
/// through the settings struct; the schema `copydesk schema` prints accepts
/// it, and rejects a misspelled key in it, naming the key and where it is.
/// The messages a journalist would see (from an editor using the schema, and
/// from copydesk itself) are kept as a snapshot.
#[test]
fn init_writes_settings_that_round_trip_and_the_schema_rejects_misspelled_keys() {
    use copydesk::Settings;

    let dir = scratch(&[]);
    assert_cmd_snapshot!(copydesk_in(dir.path(), &["init"]));
    let written = std::fs::read_to_string(dir.path().join("copydesk.toml")).unwrap();
    let settings = Settings::from_toml_str(&written).expect("init's file parses");
    assert_eq!(settings, Settings::default());
    let reserialised = toml::to_string(&settings).unwrap();
    assert_eq!(Settings::from_toml_str(&reserialised).unwrap(), settings, "{reserialised}");

    let schema_output = copydesk(&["schema"]).output().unwrap();
    assert_eq!(schema_output.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&schema_output.stdout).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    // What a schema-aware TOML editor validates: the file as a JSON value.
    let as_json = |text: &str| serde_json::to_value(toml::from_str::<toml::Value>(text).unwrap()).unwrap();
    let errors = |text: &str| -> Vec<String> {
        validator
            .iter_errors(&as_json(text))
            .map(|error| {
                let path = error.instance_path().to_string();
                format!("at `{}`: {error}", if path.is_empty() { "/" } else { &path })
            })
            .collect()
    };
    assert_eq!(errors(&written), Vec::<String>::new());

    // One misspelling per row, made in init's own file: (the right text, the
    // misspelled text, the misspelled key).
    let cases = [
        ("\nlanguages = [", "\nlangauges = [", "langauges"),
        ("\nstyle = \"ap\"", "\nstlye = \"ap\"", "stlye"),
        ("\nnot_speech_max_words = 4", "\nnot_speach_max_words = 4", "not_speach_max_words"),
        ("\nspeakers = true", "\nspeakres = true", "speakres"),
    ];
    let mut report = String::new();
    for (right, wrong, key) in cases {
        let misspelled = written.replacen(right, wrong, 1);
        assert_ne!(misspelled, written, "{right} is in init's file");
        let schema_errors = errors(&misspelled);
        assert_eq!(schema_errors.len(), 1, "{key}: {schema_errors:?}");
        assert!(schema_errors[0].contains(key), "the schema's message names `{key}`: {schema_errors:?}");
        let settings_error = Settings::from_toml_str(&misspelled).expect_err("copydesk rejects it too");
        report.push_str(&format!("{key}\n  schema:   {}\n  copydesk: {settings_error}\n", schema_errors[0]));
    }
    insta::assert_snapshot!(report);
}
