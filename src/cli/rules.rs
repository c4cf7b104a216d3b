//! `copydesk rules` and `copydesk explain CODE`: the rule registry, for people.

use std::io::Write;

use crate::analysis::rules::{Rule, RULES};
use crate::cli::Exit;

fn default_severity(rule: &Rule) -> &'static str {
    rule.default_severity.map_or("off", |severity| severity.as_str())
}

/// Every rule: its code, default severity and summary, then its explanation.
pub fn list(out: &mut dyn Write) -> Exit {
    match write_list(out) {
        Ok(()) => Exit::Clean,
        Err(_) => Exit::Error,
    }
}

fn write_list(out: &mut dyn Write) -> std::io::Result<()> {
    if RULES.is_empty() {
        writeln!(out, "No rules are registered in this build of copydesk.")?;
    }
    for (index, rule) in RULES.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} (default: {}): {}", rule.code, default_severity(rule), rule.summary)?;
        for line in rule.explanation.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    out.flush()
}

/// One rule's explanation, or exit 2 naming the unknown code.
pub fn explain(code: &str, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let Some(rule) = crate::analysis::rules::rule(code.trim()) else {
        let _ = writeln!(
            err,
            "copydesk: error: there is no rule called `{code}`. `copydesk rules` lists every rule."
        );
        return Exit::Error;
    };
    let written = writeln!(
        out,
        "{} (default: {})\n\n{}\n\n{}",
        rule.code,
        default_severity(rule),
        rule.summary,
        rule.explanation.trim_end()
    );
    match written {
        Ok(()) => Exit::Clean,
        Err(_) => Exit::Error,
    }
}
