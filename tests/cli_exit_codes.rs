//! Exit codes and error messages of the `copydesk` CLI, through the built
//! binary: 0 clean, 1 findings at warning or above (see also
//! `cli::tests::exit_status_follows_the_worst_finding`), 2 usage or I/O
//! errors and malformed settings. Each exit code and message is pinned by a
//! snapshot in tests/cli_snapshots.rs; the tests here check what a snapshot
//! of one run cannot show (a settings file named once for many files, the
//! JSON report still complete, settings found upward, flags over files).

use std::path::Path;
use std::process::Output;

#[path = "support/cli.rs"]
mod cli;
use cli::copydesk_in;

const EXAMPLE: &str = "examples/russia-china-2023-04-17.txt";

fn copydesk(args: &[&str]) -> Output {
    copydesk_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, "")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder with no copydesk.toml above it that matters (the temp folder).
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn a_missing_file_is_named_and_the_others_are_still_checked() {
    let output = copydesk(&["check", "--format", "json", "no-such-article.txt", EXAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no-such-article.txt: no such file"), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(report["files"][0]["path"], EXAMPLE);
}

#[test]
fn a_malformed_settings_file_is_reported_with_its_place_and_defaults_apply() {
    let dir = scratch();
    std::fs::create_dir(dir.path().join("desk")).unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "languages = [\"en\"]\n[dates]\nstlye = \"ap\"\n")
        .unwrap();
    std::fs::write(dir.path().join("desk/a.txt"), "All good.\n").unwrap();
    std::fs::write(dir.path().join("desk/b.txt"), "Also good.\n").unwrap();
    let output = copydesk_in(dir.path(), &["check", "desk/a.txt", "desk/b.txt"], "");
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    // Named once with line and column, though two files use it.
    assert_eq!(errors.matches("copydesk.toml:3:1:").count(), 1, "{errors}");
    assert!(errors.contains("stlye"), "{errors}");
    // The report is still printed, with the defaults.
    assert_eq!(stdout(&output), "No problems found in 2 files.\n");

    // extract prints its object and exits 2 as well.
    let output = copydesk_in(dir.path(), &["extract", "desk/a.txt"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(serde_json::from_slice::<serde_json::Value>(&output.stdout).is_ok());
}

#[test]
fn settings_are_found_upward_from_each_file() {
    let dir = scratch();
    std::fs::create_dir(dir.path().join("desk")).unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "article_date = \"2023-04-17\"\n").unwrap();
    std::fs::write(dir.path().join("desk/a.txt"), "All good.\n").unwrap();
    let output = copydesk_in(dir.path(), &["extract", "desk/a.txt"], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["article_date"], "2023-04-17");
    // The flag wins over the file.
    let output = copydesk_in(dir.path(), &["extract", "--article-date", "2024-01-02", "desk/a.txt"], "");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["article_date"], "2024-01-02");
}

#[test]
fn version_and_help() {
    let output = copydesk(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), format!("copydesk {}\n", env!("CARGO_PKG_VERSION")));
    let output = copydesk(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    for command in ["check", "extract", "lsp"] {
        assert!(stdout(&output).contains(command), "{}", stdout(&output));
    }
    let output = copydesk(&["check", "--help"]);
    assert!(stdout(&output).contains("--format"));
}
