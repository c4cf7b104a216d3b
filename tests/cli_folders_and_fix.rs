//! Folders (recursive, .gitignore, --include/--exclude, stable order) and
//! `--fix` / `--diff` through the built binary.

use std::path::Path;
use std::process::{Command, Output, Stdio};

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

/// Whether `after` is `before` with only the given code-point ranges
/// replaced: every stretch of `before` outside the ranges appears in `after`,
/// in order.
fn differs_only_inside(before: &str, after: &str, mut ranges: Vec<(usize, usize)>) -> bool {
    ranges.sort_unstable();
    let chars: Vec<char> = before.chars().collect();
    let mut kept = Vec::new();
    let mut cursor = 0;
    for (start, end) in ranges {
        if start >= cursor {
            kept.push(chars[cursor..start].iter().collect::<String>());
            cursor = end;
        } else {
            cursor = cursor.max(end);
        }
    }
    kept.push(chars[cursor..].iter().collect::<String>());
    let mut rest = after;
    let (first, others) = kept.split_first().unwrap();
    let Some(stripped) = rest.strip_prefix(first.as_str()) else { return false };
    rest = stripped;
    for (index, segment) in others.iter().enumerate() {
        if index + 1 == others.len() {
            return rest.ends_with(segment.as_str());
        }
        match rest.find(segment.as_str()) {
            Some(at) => rest = &rest[at + segment.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[test]
fn the_range_check_itself() {
    assert!(differs_only_inside("say \"hi\" now", "say “hi” now", vec![(4, 5), (7, 8)]));
    assert!(!differs_only_inside("say \"hi\" now", "say “hi” NOW", vec![(4, 5), (7, 8)]));
    assert!(differs_only_inside("same", "same", vec![]));
    assert!(!differs_only_inside("same", "sane", vec![]));
}

#[test]
fn fix_changes_the_file_only_inside_fixed_spans_and_reaches_a_fixed_point() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let original = std::fs::read_to_string(EXAMPLE).unwrap();
    write(root, "article.txt", &original);

    let before = copydesk_in(root, &["check", "--format", "json", "article.txt"]);
    let report: Value = serde_json::from_slice(&before.stdout).unwrap();
    let mut ranges = Vec::new();
    for diagnostic in report["files"][0]["diagnostics"].as_array().unwrap() {
        for fix in diagnostic["fixes"].as_array().unwrap() {
            for edit in fix["edits"].as_array().unwrap() {
                ranges
                    .push((edit["start"].as_u64().unwrap() as usize, edit["end"].as_u64().unwrap() as usize));
            }
        }
    }

    // --diff writes nothing.
    let diff = copydesk_in(root, &["check", "--diff", "article.txt"]);
    assert!(matches!(diff.status.code(), Some(0 | 1)));
    assert_eq!(std::fs::read_to_string(root.join("article.txt")).unwrap(), original);
    assert_eq!(diff.status.code() == Some(1), !diff.stdout.is_empty());

    let fixed = copydesk_in(root, &["check", "--fix", "article.txt"]);
    assert!(matches!(fixed.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&fixed.stderr));
    assert!(String::from_utf8_lossy(&fixed.stderr).contains("copydesk: applied "));
    let after = std::fs::read_to_string(root.join("article.txt")).unwrap();
    if diff.stdout.is_empty() {
        assert_eq!(after, original);
    }
    assert!(differs_only_inside(&original, &after, ranges), "the fix touched text outside the fixed spans");

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
