//! `--format github`: GitHub Actions workflow commands, one per finding, so
//! findings appear as annotations on the pull request's diff.

use std::io::Write;

use crate::analysis::finding::Severity;
use crate::cli::offsets;
use crate::cli::Checked;

/// `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
/// for every finding. Columns are 1-based, in code points; the end column is
/// exclusive.
pub fn write_report(out: &mut dyn Write, checked: &[Checked]) -> std::io::Result<()> {
    for file in checked {
        let offsets = file.findings.iter().flat_map(|finding| [finding.span.start, finding.span.end]);
        let points = offsets::positions(&file.document.text, offsets);
        for finding in &file.findings {
            let start = points.get(finding.span.start);
            let end = points.get(finding.span.end);
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&file.document.name),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("copydesk {}", finding.code)),
                escape_data(&finding.message),
            )?;
        }
    }
    out.flush()
}

/// The message part of a workflow command: `%`, CR and LF are encoded.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value: as data, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::finding::Finding;
    use crate::analysis::span::Span;
    use crate::cli::input::Document;

    #[test]
    fn one_annotation_per_finding_with_escapes() {
        let text = "😀 line one\r\nHe said “yes.\n";
        let open = text.find('“').unwrap();
        let finding = |severity, message: &str| Finding {
            code: "unclosed-quote",
            severity,
            message: message.to_owned(),
            span: Span::new(open, open + '“'.len_utf8()),
            related: Vec::new(),
            fixes: Vec::new(),
        };
        let checked = [Checked {
            document: Document { name: "desk/a, b.txt".to_owned(), path: None, text: text.to_owned() },
            findings: vec![
                finding(Severity::Error, "Close it: 100% sure.\nReally."),
                finding(Severity::Hint, "A hint."),
            ],
        }];
        let mut out = Vec::new();
        write_report(&mut out, &checked).unwrap();
        let expected = "\
::error file=desk/a%2C b.txt,line=2,col=9,endLine=2,endColumn=10,title=copydesk unclosed-quote::Close it: 100%25 sure.%0AReally.
::notice file=desk/a%2C b.txt,line=2,col=9,endLine=2,endColumn=10,title=copydesk unclosed-quote::A hint.
";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
