//! Folders (recursive, .gitignore, --include/--exclude, stable order) and
//! `--fix` / `--diff` through the built binary.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use copydesk::analysis::finding::Finding;
use copydesk::Settings;
use serde_json::Value;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/russia-china-2023-04-17.txt");

fn copydesk_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the copydesk binary runs")
}

fn paths(output: &Output) -> Vec<String> {
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["files"].as_array().unwrap().iter().map(|file| file["path"].as_str().unwrap().to_owned()).collect()
}

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn folders_are_walked_in_a_stable_order_respecting_gitignore_and_globs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for file in [
        "desk/b.md",
        "desk/a.txt",
        "desk/2023/c.markdown",
        "desk/drafts/d.md",
        "desk/skip.html",
        "desk/old/e.md",
    ] {
        write(root, file, "The sky is blue.\n");
    }
    write(root, "desk/.gitignore", "old/\n");
    let expected = ["desk/2023/c.markdown", "desk/a.txt", "desk/b.md", "desk/drafts/d.md"];
    for _ in 0..3 {
        let output = copydesk_in(root, &["check", "--format", "json", "desk"]);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(paths(&output), expected);
    }
    let output = copydesk_in(
        root,
        &["check", "--format", "json", "--exclude", "drafts/*", "--include", "*.md", "desk"],
    );
    assert_eq!(paths(&output), ["desk/b.md"]);
    let output = copydesk_in(root, &["check", "--exclude", "[", "desk"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`[` is not a valid glob"));
}

/// Whether `after` is `before` with only the given byte ranges of `before`
/// replaced: every stretch of `before` outside the ranges appears in `after`,
/// in order, and nothing else is added between them except where a range was.
fn differs_only_inside(before: &str, after: &str, mut ranges: Vec<(usize, usize)>) -> bool {
    ranges.sort_unstable();
    let mut kept = Vec::new();
    let mut cursor = 0;
    for (start, end) in ranges {
        if start >= cursor {
            kept.push(&before[cursor..start]);
            cursor = end;
        } else {
            cursor = cursor.max(end);
        }
    }
    kept.push(&before[cursor..]);
    let (first, others) = kept.split_first().unwrap();
    let Some(mut rest) = after.strip_prefix(*first) else { return false };
    for (index, segment) in others.iter().enumerate() {
        if index + 1 == others.len() {
            return rest.ends_with(*segment);
        }
        match rest.find(*segment) {
            Some(at) => rest = &rest[at + segment.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[test]
fn the_range_check_itself() {
    let quoted = "say \"hi\" now";
    assert!(differs_only_inside(quoted, "say “hi” now", vec![(4, 5), (7, 8)]));
    assert!(!differs_only_inside(quoted, "say “hi” NOW", vec![(4, 5), (7, 8)]));
    assert!(!differs_only_inside(quoted, "say “hi” n!ow", vec![(4, 5), (7, 8)]));
    assert!(!differs_only_inside(quoted, "say, “hi” now", vec![(4, 5), (7, 8)]));
    assert!(!differs_only_inside(quoted, "say “hi” now", vec![(4, 5)]));
    assert!(differs_only_inside("same", "same", vec![]));
    assert!(!differs_only_inside("same", "sane", vec![]));
}

/// The (code, message) of each finding, for telling findings apart across a
/// rewrite that moves their offsets.
fn code_and_message(finding: &Finding) -> (String, String) {
    (finding.code.to_owned(), finding.message.clone())
}

/// `--fix` on a copy of the example article, then `check`: the findings that
/// had a safe fix are gone, and the file changed only inside the spans of
/// those fixes (as the analysis itself reports them, in bytes).
#[test]
fn fix_changes_the_file_only_inside_fixed_spans_and_reaches_a_fixed_point() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let original = std::fs::read_to_string(EXAMPLE).unwrap();
    write(root, "article.txt", &original);

    // The scratch folder has no copydesk.toml, so the CLI uses the defaults.
    let findings = copydesk::analyze(&original, &Settings::default()).findings;
    let mut ranges = Vec::new();
    let mut fixable = Vec::new();
    for finding in &findings {
        // --fix applies the first safe fix of each finding.
        if let Some(fix) = finding.fixes.iter().find(|fix| fix.safe && !fix.edits.is_empty()) {
            ranges.extend(fix.edits.iter().map(|edit| (edit.span.start, edit.span.end)));
            fixable.push(code_and_message(finding));
        }
    }
    // The example article has safe fixes: the closing mark typed as “,
    // Kiev → Kyiv, the space in "XinhuaLi", and dates into AP style.
    for code in ["mismatched-quote", "place-name-style", "glued-words", "date-style"] {
        assert!(fixable.iter().any(|(fixable_code, _)| fixable_code == code), "{code}: {fixable:?}");
    }

    // --diff writes nothing, and exits 1 as it has fixes to show.
    let diff = copydesk_in(root, &["check", "--diff", "article.txt"]);
    assert_eq!(diff.status.code(), Some(1), "--diff shows the safe fixes");
    assert!(!diff.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(root.join("article.txt")).unwrap(), original);

    let fixed = copydesk_in(root, &["check", "--fix", "article.txt"]);
    assert!(matches!(fixed.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&fixed.stderr));
    assert!(String::from_utf8_lossy(&fixed.stderr).contains("copydesk: applied "));
    let after = std::fs::read_to_string(root.join("article.txt")).unwrap();
    assert_ne!(after, original);
    assert!(after.contains("defense ministries”,"), "{after}");
    assert!(after.contains("weapons to Kyiv"), "{after}");
    assert!(after.contains("agency Xinhua Li said"), "{after}");
    assert!(after.contains("Feb. 24, 2022"), "{after}");
    assert!(differs_only_inside(&original, &after, ranges), "the fix touched text outside the fixed spans");

    // `check` on the fixed file: the fixable findings are gone, the others stay.
    let checked = copydesk_in(root, &["check", "--format", "json", "article.txt"]);
    let report: Value = serde_json::from_slice(&checked.stdout).unwrap();
    let remaining: Vec<(String, String)> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["code"].as_str().unwrap().to_owned(),
                diagnostic["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for finding in &fixable {
        assert!(!remaining.contains(finding), "{finding:?} is still reported after --fix: {remaining:#?}");
    }
    for finding in &findings {
        let key = code_and_message(finding);
        if !fixable.contains(&key) {
            assert!(remaining.contains(&key), "{key:?} had no safe fix, yet it is gone: {remaining:#?}");
        }
    }

    // Nothing safe is left to fix.
    let again = copydesk_in(root, &["check", "--diff", "article.txt"]);
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stdout));
    assert!(again.stdout.is_empty());
}

#[test]
fn fix_refuses_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let output = copydesk_in(dir.path(), &["check", "--fix", "-"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--fix cannot rewrite standard input"));
    let output = copydesk_in(dir.path(), &["check", "--fix", "--diff", "-"]);
    assert_eq!(output.status.code(), Some(2));
}

/// How many unclosed, unopened and mismatched quotation problems `text` has.
fn quote_problems(text: &str, settings: &Settings) -> [usize; 3] {
    let findings = copydesk::analyze(text, settings).findings;
    ["unclosed-quote", "unopened-quote", "mismatched-quote"]
        .map(|code| findings.iter().filter(|finding| finding.code == code).count())
}

/// `check --fix` applies what the editor's "fix all" applies, verified by
/// `quotes::verify`: on the quote-fix counterexamples of
/// `tests/fuzz_regressions.rs` and texts where several quote fixes meet,
/// under several house styles, the file it writes never has a quote problem
/// the original did not have, nor more of them.
#[test]
fn fix_never_adds_a_quote_problem_on_found_inputs() {
    let texts = [
        // From `quote_fixes_introduce_no_quote_problem_on_found_inputs`.
        "“«” the said. ",
        "‚the‹it's",
        "“” the said. \"\" the said. ",
        "“‘it's ““the’ the said. ",
        "“\n\n’” the said. ",
        // Fixes that are safe one by one but change the pairing together
        // (found by a random search; unverified, each adds unclosed quotes).
        "’ ‚ ‹‹«” it's’”",
        "«” “said  «›‹. ”‚",
        " ‹. it's  „ the »it's",
        " the««\" ait's‹the",
    ];
    let configs = [
        ("default", ""),
        ("every rule on", "[rules]\nstraight-quotes = \"hint\"\n"),
        ("german", "languages = [\"de\"]\n[quotes]\nstyle = \"german\"\n"),
        ("british", "[quotes]\nstyle = \"british\"\n[rules]\nstraight-quotes = \"warning\"\n"),
        ("french", "[quotes]\nstyle = \"french\"\n"),
    ];
    for (config_name, config) in configs {
        let settings = Settings::from_toml_str(config).unwrap();
        for text in texts {
            let dir = tempfile::tempdir().unwrap();
            write(dir.path(), "copydesk.toml", config);
            write(dir.path(), "a.md", text);
            let output = copydesk_in(dir.path(), &["check", "--fix", "--format", "json", "a.md"]);
            let fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
            let (before, after) = (quote_problems(text, &settings), quote_problems(&fixed, &settings));
            for kind in 0..3 {
                assert!(
                    after[kind] <= before[kind],
                    "{config_name}: {text:?} became {fixed:?}: quote problems {before:?} -> {after:?}\n{}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        }
    }
}

/// Each folder's files get that folder's settings, however many files and
/// folders one run checks (the settings are looked up once per folder).
#[test]
fn each_folder_keeps_its_own_settings_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let article = std::fs::read_to_string(EXAMPLE).unwrap();
    // folder, its copydesk.toml (none for "plain"), and whether its files
    // are told about "Kiev".
    let folders = [
        ("plain", None, true),
        ("quiet", Some("[rules]\nplace-name-style = \"off\"\n"), false),
        ("quiet/loud", Some("[rules]\nplace-name-style = \"warning\"\n"), true),
        ("quiet/inherits", None, false),
    ];
    for (folder, config, _) in folders {
        if let Some(config) = config {
            write(dir.path(), &format!("{folder}/copydesk.toml"), config);
        }
        for n in 0..3 {
            write(dir.path(), &format!("{folder}/article-{n}.md"), &article);
        }
    }
    let output = copydesk_in(dir.path(), &["check", "--format", "json", "--fail-on", "never", "."]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 12, "{}", String::from_utf8_lossy(&output.stderr));
    for file in files {
        let path = file["path"].as_str().unwrap();
        let folder = path.trim_start_matches("./").rsplit_once('/').map_or("", |(folder, _)| folder);
        let (_, _, told) = folders.iter().find(|(name, _, _)| *name == folder).expect("a known folder");
        let codes: Vec<&str> =
            file["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert_eq!(codes.contains(&"place-name-style"), *told, "{path}: {codes:?}");
    }
}
