//! The report for people, in the manner of rustc and ruff: for each finding
//! the severity, code and message; the file, line and column; the source
//! line with the span underlined; and the fix as a patch. A summary line
//! ends the report ("3 warnings, 1 error in 2 files.").
//!
//! Rendering is done by `annotate-snippets`, on an excerpt of the lines the
//! finding touches (so a report on a very long document stays cheap).

use std::io::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::span::Span;
use crate::cli::Checked;

/// Write every finding of every file, then the summary line.
pub fn write_report(out: &mut dyn Write, checked: &[Checked], color: bool) -> std::io::Result<()> {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    for file in checked {
        for finding in &file.findings {
            writeln!(
                out,
                "{}\n",
                render_finding(&renderer, &file.document.name, &file.document.text, finding)
            )?;
        }
    }
    writeln!(out, "{}", summary(checked))?;
    out.flush()
}

/// The lines of `text` that hold every span in `spans`: the byte range of
/// the excerpt (whole lines, without the final line break) and its 1-based
/// first line number.
fn excerpt(text: &str, spans: impl IntoIterator<Item = Span>) -> (Span, usize) {
    let (mut low, mut high) = (usize::MAX, 0);
    for span in spans {
        low = low.min(span.start);
        high = high.max(span.end);
    }
    if low > high {
        (low, high) = (0, 0);
    }
    let low = floor_boundary(text, low);
    let high = floor_boundary(text, high);
    let start = text[..low].rfind('\n').map_or(0, |index| index + 1);
    let end = text[high..].find('\n').map_or(text.len(), |index| high + index);
    let end = if text[..end].ends_with('\r') && end > start { end - 1 } else { end };
    let line = text[..start].bytes().filter(|&byte| byte == b'\n').count() + 1;
    (Span::new(start, end.max(start)), line)
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A span moved into the excerpt's coordinates, clamped to it.
fn local(span: Span, excerpt: Span) -> std::ops::Range<usize> {
    let clamp = |offset: usize| offset.clamp(excerpt.start, excerpt.end) - excerpt.start;
    clamp(span.start)..clamp(span.end)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}

/// One finding as rustc would show it.
pub fn render_finding(renderer: &Renderer, path: &str, text: &str, finding: &Finding) -> String {
    let edits = finding.fixes.iter().flat_map(|fix| fix.edits.iter().map(|edit| edit.span));
    let related = finding.related.iter().map(|related| related.span);
    let (range, line) = excerpt(text, [finding.span].into_iter().chain(related).chain(edits));
    let source = &text[range.start..range.end];
    let snippet = Snippet::source(source)
        .line_start(line)
        .path(path)
        .annotation(AnnotationKind::Primary.span(local(finding.span, range)))
        .annotations(finding.related.iter().map(|related| {
            AnnotationKind::Context.span(local(related.span, range)).label(related.message.as_str())
        }));
    let mut report = vec![level(finding.severity)
        .primary_title(finding.message.as_str())
        .id(finding.code)
        .element(snippet)
        .element(Level::NOTE.message(format!("`copydesk explain {}` tells why this matters", finding.code)))];
    for fix in &finding.fixes {
        let patches =
            fix.edits.iter().map(|edit| Patch::new(local(edit.span, range), edit.new_text.as_str()));
        report.push(
            Group::with_title(Level::HELP.secondary_title(fix.title.as_str()))
                .element(Snippet::source(source).line_start(line).path(path).patches(patches)),
        );
    }
    renderer.render(&report)
}

/// "No problems found in 1 file." or "1 error, 3 warnings in 2 files."
pub fn summary(checked: &[Checked]) -> String {
    let count = |severity: Severity| {
        checked.iter().flat_map(|file| &file.findings).filter(|finding| finding.severity == severity).count()
    };
    let files_with_findings = checked.iter().filter(|file| !file.findings.is_empty()).count();
    let parts: Vec<String> = [
        (count(Severity::Error), "error", "errors"),
        (count(Severity::Warning), "warning", "warnings"),
        (count(Severity::Info), "info", "infos"),
        (count(Severity::Hint), "hint", "hints"),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| plural(count, one, many))
    .collect();
    if parts.is_empty() {
        format!("No problems found in {}.", plural(checked.len(), "file", "files"))
    } else {
        format!("{} in {}.", parts.join(", "), plural(files_with_findings, "file", "files"))
    }
}

pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (non-empty).
pub fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    !no_color && stream.is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::finding::{Fix, Related, TextEdit};
    use crate::cli::input::Document;

    fn finding(text: &str, needle: &str, severity: Severity) -> Finding {
        let start = text.find(needle).unwrap();
        Finding {
            code: "unclosed-quote",
            severity,
            message: "This “ is never closed. Add ” where the quotation ends.".to_owned(),
            span: Span::new(start, start + needle.len()),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    fn checked(name: &str, text: &str, findings: Vec<Finding>) -> Checked {
        Checked { document: Document { name: name.to_owned(), path: None, text: text.to_owned() }, findings }
    }

    #[test]
    fn renders_the_place_the_line_the_underline_and_the_fix() {
        let text = "date 2023-04-17\r\n😀 He said “we are ready.\r\nNext paragraph.\r\n";
        let mut found = finding(text, "“", Severity::Warning);
        let end = text.find("ready.").unwrap() + "ready.".len();
        found.fixes.push(Fix {
            title: "Close the quotation with ” after “ready.”".to_owned(),
            edits: vec![TextEdit::insert(end, "”")],
            safe: true,
        });
        let rendered = render_finding(&Renderer::plain(), "desk/a.txt", text, &found);
        let expected = "\
warning[unclosed-quote]: This “ is never closed. Add ” where the quotation ends.
 --> desk/a.txt:2:11
  |
2 | 😀 He said “we are ready.
  |            ^
  |
  = note: `copydesk explain unclosed-quote` tells why this matters
help: Close the quotation with ” after “ready.”
  |
2 | 😀 He said “we are ready.”
  |                          +";
        assert_eq!(rendered, expected, "\n{rendered}");
    }

    #[test]
    fn renders_related_places_with_their_labels() {
        let text = "“One” and ‘two”.";
        let mut found = finding(text, "‘", Severity::Error);
        let close = text.rfind('”').unwrap();
        found
            .related
            .push(Related {
                span: Span::new(close, close + '”'.len_utf8()), message: "closed here".into()
            });
        let rendered = render_finding(&Renderer::plain(), "-", text, &found);
        assert!(rendered.starts_with("error[unclosed-quote]:"), "{rendered}");
        assert!(rendered.contains(" --> -:1:11"), "{rendered}");
        assert!(rendered.contains("closed here"), "{rendered}");
    }

    #[test]
    fn summaries() {
        let text = "“a";
        let cases: &[(&[&[Severity]], &str)] = &[
            (&[&[]], "No problems found in 1 file."),
            (&[&[], &[]], "No problems found in 2 files."),
            (&[&[Severity::Warning], &[]], "1 warning in 1 file."),
            (
                &[
                    &[Severity::Warning, Severity::Error, Severity::Warning],
                    &[Severity::Warning, Severity::Hint],
                ],
                "1 error, 3 warnings, 1 hint in 2 files.",
            ),
        ];
        for (files, expected) in cases {
            let checked: Vec<Checked> = files
                .iter()
                .map(|severities| {
                    checked(
                        "a",
                        text,
                        severities.iter().map(|&severity| finding(text, "“", severity)).collect(),
                    )
                })
                .collect();
            assert_eq!(summary(&checked), *expected);
        }
    }

    #[test]
    fn excerpts_cover_whole_lines_without_line_breaks() {
        let text = "one\r\ntwo three\r\nfour\n";
        let cases = [
            (Span::new(5, 8), (Span::new(5, 14), 2)),
            (Span::new(0, 0), (Span::new(0, 3), 1)),
            (Span::new(9, 18), (Span::new(5, 20), 2)),
            (Span::new(21, 21), (Span::new(21, 21), 4)),
            (Span::new(99, 99), (Span::new(21, 21), 4)),
        ];
        for (span, expected) in cases {
            assert_eq!(excerpt(text, [span]), expected, "{span:?}");
        }
    }
}
