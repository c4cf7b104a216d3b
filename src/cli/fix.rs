//! `check --fix` and `check --diff`: apply every safe fix, carefully.
//!
//! - Only fixes marked `safe` are applied, each fix whole or not at all; a
//!   fix whose edits touch another chosen fix's edits waits for the next
//!   round (the text is analysed again after each round, a few rounds at
//!   most).
//! - Each round applies exactly what the editor's "fix all" would
//!   (`actions::verified_fix_all`): the same selection, checked by
//!   `quotes::verify`, so `--fix` never leaves or adds a quote problem.
//! - A file is written atomically: the new text goes to a temporary file in
//!   the same folder, keeps the original's permissions, and is renamed over
//!   the original. If the file changed on disk since it was read, it is left
//!   alone and the change is reported.

use std::io::Write;
use std::path::Path;

use crate::analysis::actions;
use crate::analysis::finding::{apply_edits, Finding, TextEdit};
use crate::analysis::settings::Settings;
use crate::analysis::Context;

/// How many fix-and-reanalyse rounds at most.
const ROUNDS: usize = 8;

/// The edits of the first safe fix of each finding, skipping any fix that
/// conflicts with one already chosen, sorted by position. Also returns how
/// many fixes were chosen. The same selection as the editor's "fix all"
/// ([`actions::choose_safe_fixes`]), before verification.
pub fn safe_edits(findings: &[Finding]) -> (Vec<TextEdit>, usize) {
    let fixes = actions::choose_safe_fixes(findings);
    let mut edits: Vec<TextEdit> = fixes.iter().flat_map(|fix| fix.edits.iter().cloned()).collect();
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    (edits, fixes.len())
}

/// One round: the findings on a text, and the edits (with their number of
/// fixes) to apply to it.
struct Round {
    findings: Vec<Finding>,
    edits: Vec<TextEdit>,
    count: usize,
}

/// The text after applying safe fixes until none is left (or the rounds run
/// out), the number of fixes applied, and the findings on the final text.
///
/// Each round applies exactly what the editor's "fix all" action would
/// ([`actions::verified_fix_all`]): the safe fixes, checked together by
/// `quotes::verify`, so `--fix` never leaves or adds a quote problem that
/// the editor would refuse.
pub fn fix_text(text: &str, settings: &Settings) -> (String, usize, Vec<Finding>) {
    fix_text_with(text, |text| {
        let analysis = crate::analysis::analyze(text, settings);
        let context = Context { text, settings, analysis: &analysis };
        let (edits, count) = actions::verified_fix_all(&context);
        Round { findings: analysis.findings, edits, count }
    })
}

/// [`fix_text`] with any analysis, so the rounds can be tested on their own.
fn fix_text_with(text: &str, analyze: impl Fn(&str) -> Round) -> (String, usize, Vec<Finding>) {
    let mut current = text.to_owned();
    let mut applied = 0;
    let mut round = analyze(&current);
    for _ in 0..ROUNDS {
        if round.count == 0 {
            break;
        }
        let next = apply_edits(&current, &round.edits);
        if next == current {
            break;
        }
        current = next;
        applied += round.count;
        round = analyze(&current);
    }
    (current, applied, round.findings)
}

/// A unified diff of `old` → `new` for the file `name`.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Replace the contents of `path` with `new`, provided it still holds
/// `original`. Atomic: readers see the old file or the new one, never a mix.
pub fn write_atomically(path: &Path, original: &str, new: &str) -> Result<(), String> {
    let name = path.display();
    // Write through a symbolic link to the real file, not over the link.
    let target =
        std::fs::canonicalize(path).map_err(|error| format!("{name}: could not be fixed ({error})"))?;
    let current = std::fs::read(&target).map_err(|error| format!("{name}: could not be fixed ({error})"))?;
    if current != original.as_bytes() {
        return Err(format!(
            "{name}: changed on disk while copydesk was checking it, so it was not fixed; run again"
        ));
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let failed =
        |error: std::io::Error| format!("{name}: could not be fixed ({error}); the file is unchanged");
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(failed)?;
    temporary.write_all(new.as_bytes()).map_err(failed)?;
    let permissions = std::fs::metadata(&target).map_err(failed)?.permissions();
    temporary.as_file().set_permissions(permissions).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    temporary.persist(&target).map_err(|error| failed(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::finding::{Fix, Severity};
    use crate::analysis::span::Span;

    /// A round of a stand-in analysis: its findings and their safe edits.
    fn round(findings: Vec<Finding>) -> Round {
        let (edits, count) = safe_edits(&findings);
        Round { findings, edits, count }
    }

    fn finding(fixes: Vec<Fix>) -> Finding {
        Finding {
            code: "test-rule",
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(0, 0),
            related: Vec::new(),
            fixes,
        }
    }

    fn fix(safe: bool, edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            title: String::new(),
            edits: edits
                .iter()
                .map(|&(start, end, text)| TextEdit::replace(Span::new(start, end), text))
                .collect(),
            safe,
        }
    }

    #[test]
    fn chooses_safe_non_conflicting_fixes() {
        // Text: `He said "yes" and "no".` with straight quotes.
        let text = "He said \"yes\" and \"no\".";
        let findings = vec![
            finding(vec![fix(true, &[(8, 9, "“"), (12, 13, "”")])]),
            // Unsafe: never applied.
            finding(vec![fix(false, &[(0, 2, "She")])]),
            // Conflicts with the first fix (same span): left for a later round.
            finding(vec![fix(true, &[(8, 9, "‘")])]),
            // An unsafe first fix, then a safe one: the safe one is used.
            finding(vec![fix(false, &[(18, 19, "«")]), fix(true, &[(18, 19, "“"), (21, 22, "”")])]),
            // An insertion at the same place as a chosen edit conflicts.
            finding(vec![fix(true, &[(21, 21, "!")])]),
        ];
        let (edits, count) = safe_edits(&findings);
        assert_eq!(count, 2);
        assert_eq!(apply_edits(text, &edits), "He said “yes” and “no”.");
    }

    #[test]
    fn a_fix_is_applied_whole_or_not_at_all() {
        let findings = vec![
            finding(vec![fix(true, &[(0, 2, "a")])]),
            // Second edit clashes with the first finding's: nothing of it applies.
            finding(vec![fix(true, &[(5, 6, "b"), (1, 3, "c")])]),
        ];
        let (edits, count) = safe_edits(&findings);
        assert_eq!(count, 1);
        assert_eq!(edits, vec![TextEdit::replace(Span::new(0, 2), "a")]);
    }

    /// A stand-in rule: each straight double quote gets a safe fix to the
    /// curly one (alternating opening and closing).
    fn straight_quotes(text: &str) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut opening = true;
        for (offset, _) in text.match_indices('"') {
            let glyph = if opening { "“" } else { "”" };
            opening = !opening;
            let span = Span::new(offset, offset + 1);
            let mut found = finding(vec![fix(true, &[(span.start, span.end, glyph)])]);
            found.span = span;
            findings.push(found);
        }
        findings
    }

    #[test]
    fn fixes_run_in_rounds_until_nothing_safe_is_left() {
        let cases = [
            ("He said \"yes\".", "He said “yes”.", 2),
            ("😀 \"a\" and \"b\"\r\n", "😀 “a” and “b”\r\n", 4),
            ("nothing to do", "nothing to do", 0),
        ];
        for (text, expected, count) in cases {
            let (fixed, applied, left) = fix_text_with(text, |text| round(straight_quotes(text)));
            assert_eq!((fixed.as_str(), applied), (expected, count), "{text}");
            assert!(left.is_empty(), "{text}: {left:?}");
        }
    }

    #[test]
    fn rounds_stop_when_a_fix_keeps_coming_back() {
        // A rule whose fix never settles: at most ROUNDS rounds.
        let restless = |_: &str| round(vec![finding(vec![fix(true, &[(0, 0, "x")])])]);
        let (fixed, applied, _) = fix_text_with("", restless);
        assert_eq!((fixed.len(), applied), (ROUNDS, ROUNDS));
    }

    #[test]
    fn diffs_are_unified_and_keep_crlf() {
        let diff = unified_diff("a.txt", "one\r\n\"two\"\r\nthree\r\n", "one\r\n“two”\r\nthree\r\n");
        let expected = "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\r\n-\"two\"\r\n+“two”\r\n three\r\n";
        assert_eq!(diff, expected);
    }

    #[test]
    fn writes_atomically_and_refuses_a_file_changed_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, "old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let message = write_atomically(&path, "old", "newer").unwrap_err();
        assert!(message.contains("changed on disk"), "{message}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_writes_through_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_atomically(&link, "old", "new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
