//! The report for people: one line per finding, then a summary line.

use std::io::Write;

use crate::analysis::finding::Severity;
use crate::cli::offsets::CodePoints;
use crate::cli::Checked;

/// Write every finding as `path:line:column: severity[code]: message`, then
/// a summary such as "3 warnings, 1 error in 2 files".
pub fn write_report(out: &mut dyn Write, checked: &[Checked], _color: bool) -> std::io::Result<()> {
    for file in checked {
        let points = CodePoints::new(&file.document.text);
        for finding in &file.findings {
            let at = points.position(finding.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                file.document.name,
                at.line,
                at.column,
                finding.severity.as_str(),
                finding.code,
                finding.message
            )?;
        }
    }
    writeln!(out, "{}", summary(checked))?;
    out.flush()
}

/// "No problems found in 1 file." or "3 warnings, 1 error in 2 files."
pub fn summary(checked: &[Checked]) -> String {
    let count = |severity: Severity| {
        checked.iter().flat_map(|file| &file.findings).filter(|finding| finding.severity == severity).count()
    };
    let files_with_findings = checked.iter().filter(|file| !file.findings.is_empty()).count();
    let parts: Vec<String> = [
        (count(Severity::Error), "error", "errors"),
        (count(Severity::Warning), "warning", "warnings"),
        (count(Severity::Info), "note", "notes"),
        (count(Severity::Hint), "hint", "hints"),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| format!("{count} {}", if count == 1 { one } else { many }))
    .collect();
    if parts.is_empty() {
        format!("No problems found in {}.", plural(checked.len(), "file", "files"))
    } else {
        format!("{} in {}.", parts.join(", "), plural(files_with_findings, "file", "files"))
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (non-empty).
pub fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    !no_color && stream.is_terminal()
}
