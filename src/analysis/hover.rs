//! Hover content for a byte offset, as Markdown. Each feature contributes;
//! the first that has something to say wins, findings' explanations last.
//!
//! Invariant: text taken from the document or a registry goes through
//! [`escape_markdown`] before it reaches the Markdown.

use crate::analysis::span::Span;
use crate::analysis::Context;

/// Hover content: the span it describes and its Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// What to show when the pointer rests on byte `offset`.
pub fn hover(context: &Context<'_>, offset: usize) -> Option<Hover> {
    // The feature hovers, most specific first: the first that knows the
    // offset speaks, and the explanations of findings there follow it.
    let providers: [fn(&Context<'_>, usize) -> Option<Hover>; 4] = [
        crate::analysis::quotes::hover,
        crate::analysis::dates::hover,
        crate::analysis::actors::hover::hover,
        crate::analysis::attribution::hover,
    ];
    let feature = providers.iter().find_map(|provider| provider(context, offset));
    let findings = finding_hover(context, offset);
    match (feature, findings) {
        (Some(feature), Some(findings)) => Some(Hover {
            span: feature.span,
            markdown: format!("{}\n\n---\n\n{}", feature.markdown, findings.markdown),
        }),
        (feature, findings) => feature.or(findings),
    }
}

/// The explanation of the findings under the pointer.
fn finding_hover(context: &Context<'_>, offset: usize) -> Option<Hover> {
    let findings: Vec<_> = context
        .analysis
        .findings
        .iter()
        .filter(|finding| {
            finding.span.contains(offset) || (finding.span.is_empty() && finding.span.start == offset)
        })
        .collect();
    let first = findings.first()?;
    let mut markdown = String::new();
    for finding in &findings {
        if !markdown.is_empty() {
            markdown.push_str("\n\n---\n\n");
        }
        markdown.push_str(&format!("**{}** (`{}`)", escape_markdown(&finding.message), finding.code));
        if let Some(rule) = crate::analysis::rules::rule(finding.code) {
            markdown.push_str("\n\n");
            markdown.push_str(rule.explanation);
        }
    }
    Some(Hover { span: first.span, markdown })
}

/// Escape text so Markdown renders it literally: no emphasis, links, HTML or
/// `command:` URIs can be injected from the document or a registry.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.' | '!'
            | '|' | '~' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
