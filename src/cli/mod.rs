//! The batch front end: `copydesk check` and `copydesk extract`.
//!
//! Each command reads its articles (files or `-` for standard input), finds
//! the settings for each file (`copydesk.toml` from the file's folder
//! upward), runs the pure core, and prints a report. Byte spans become
//! code-point offsets only in [`offsets`], used by the JSON [`contract`].
//!
//! Exit codes (stable, documented in the README):
//! - 0: nothing at warning or above was found;
//! - 1: something at warning or above was found;
//! - 2: a usage error, a file that could not be read (missing, unreadable,
//!   not UTF-8), or a malformed `copydesk.toml` (its defaults are used, the
//!   other files are still checked, and the report is still printed).

pub mod contract;
pub mod github;
pub mod human;
pub mod input;
pub mod offsets;
pub mod rules;
pub mod sarif;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::settings::Settings;
use crate::cli::input::Document;

/// `copydesk check`: report findings.
#[derive(Clone, Debug, clap::Args)]
pub struct CheckArgs {
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The article's publication date, which relative dates resolve against.
    /// Overrides copydesk.toml and the date in the text.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_article_date)]
    pub article_date: Option<String>,
    /// Exit with 1 when a finding is at this severity or above.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Articles to check; `-` reads standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// `copydesk extract`: print what the core found, as JSON.
#[derive(Clone, Debug, clap::Args)]
pub struct ExtractArgs {
    /// The article's publication date, which relative dates resolve against.
    /// Overrides copydesk.toml and the date in the text.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_article_date)]
    pub article_date: Option<String>,
    /// The article; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

/// Report formats of `copydesk check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: file, line, column, code and message.
    Human,
    /// The stable JSON contract (offsets in code points).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
}

/// The least severity that makes `check` exit with 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    /// Never exit with 1 for findings.
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the check.
    pub fn fails(self, severity: Severity) -> bool {
        let threshold = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
            FailOn::Never => return false,
        };
        severity <= threshold
    }
}

/// The exit status of a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Nothing at warning or above.
    Clean = 0,
    /// Something at warning or above.
    Findings = 1,
    /// A usage error, an unreadable input or a malformed settings file.
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Where a command writes: standard output for the report, standard error
/// for problems with the inputs. Passed in so tests can capture both.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether to colour the human report.
    pub color: bool,
}

/// `--article-date` must be a real calendar date in ISO form.
fn parse_article_date(value: &str) -> Result<String, String> {
    let trimmed = value.trim();
    let well_formed = trimmed.len() == 10 && trimmed.as_bytes()[4] == b'-' && trimmed.as_bytes()[7] == b'-';
    match trimmed.parse::<jiff::civil::Date>() {
        Ok(_) if well_formed => Ok(trimmed.to_owned()),
        _ => Err(format!("`{value}` is not a calendar date; write it as YYYY-MM-DD, for example 2023-04-17")),
    }
}

/// One article read and analysed.
pub struct Checked {
    pub document: Document,
    pub findings: Vec<Finding>,
}

/// Reads settings for each article and reports each malformed settings file
/// once.
struct SettingsSource {
    reported: BTreeSet<PathBuf>,
    failed: bool,
    article_date: Option<String>,
}

impl SettingsSource {
    fn new(article_date: Option<String>) -> SettingsSource {
        SettingsSource { reported: BTreeSet::new(), failed: false, article_date }
    }

    /// The settings for a file (or, for standard input, the current folder).
    fn for_document(&mut self, path: Option<&Path>, stderr: &mut dyn Write) -> Settings {
        let start = match path {
            Some(path) => std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
            None => std::env::current_dir().unwrap_or_default(),
        };
        let loaded = crate::config::load(&start, None);
        if let (Some(error), Some(config)) = (&loaded.error, &loaded.path) {
            self.failed = true;
            if self.reported.insert(config.clone()) {
                let _ = writeln!(
                    stderr,
                    "copydesk: error: {}:{}:{}: {}",
                    config.display(),
                    error.line,
                    error.column,
                    error.message
                );
            }
        }
        let mut settings = loaded.settings;
        if self.article_date.is_some() {
            settings.article_date = self.article_date.clone();
        }
        settings
    }
}

/// Run `copydesk check`.
pub fn check(args: &CheckArgs, io: &mut Io<'_>) -> Exit {
    let mut settings_source = SettingsSource::new(args.article_date.clone());
    let mut checked = Vec::new();
    let mut unreadable = false;
    for path in &args.paths {
        match input::read(path, io.stdin) {
            Ok(document) => {
                let settings = settings_source.for_document(document.path.as_deref(), io.stderr);
                let findings = crate::analysis::analyze(&document.text, &settings).findings;
                checked.push(Checked { document, findings });
            }
            Err(message) => {
                unreadable = true;
                let _ = writeln!(io.stderr, "copydesk: error: {message}");
            }
        }
    }
    let written = match args.format {
        Format::Human => human::write_report(io.stdout, &checked, io.color),
        Format::Json => write_json(io.stdout, &check_report(&checked)),
        Format::Sarif => write_json(io.stdout, &sarif::report(&checked)),
        Format::Github => github::write_report(io.stdout, &checked),
    };
    if let Err(error) = written {
        let _ = writeln!(io.stderr, "copydesk: error: the report could not be written: {error}");
        return Exit::Error;
    }
    exit_status(unreadable || settings_source.failed, &checked, args.fail_on)
}

/// 2 when an input or settings file failed, else 1 when any finding is at
/// `fail_on` or above, else 0.
pub fn exit_status(failed: bool, checked: &[Checked], fail_on: FailOn) -> Exit {
    if failed {
        Exit::Error
    } else if checked
        .iter()
        .flat_map(|checked| &checked.findings)
        .any(|finding| fail_on.fails(finding.severity))
    {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// The JSON report of checked files, in the order they were given.
pub fn check_report(checked: &[Checked]) -> contract::CheckReport {
    contract::CheckReport {
        files: checked
            .iter()
            .map(|checked| contract::FileReport {
                path: checked.document.name.clone(),
                diagnostics: contract::diagnostics(&checked.document.text, &checked.findings),
            })
            .collect(),
    }
}

/// Run `copydesk extract`.
pub fn extract(args: &ExtractArgs, io: &mut Io<'_>) -> Exit {
    let document = match input::read(&args.path, io.stdin) {
        Ok(document) => document,
        Err(message) => {
            let _ = writeln!(io.stderr, "copydesk: error: {message}");
            return Exit::Error;
        }
    };
    let mut settings_source = SettingsSource::new(args.article_date.clone());
    let settings = settings_source.for_document(document.path.as_deref(), io.stderr);
    let analysis = crate::analysis::analyze(&document.text, &settings);
    if let Err(error) = write_json(io.stdout, &contract::extract(&document.text, &analysis)) {
        let _ = writeln!(io.stderr, "copydesk: error: the output could not be written: {error}");
        return Exit::Error;
    }
    if settings_source.failed {
        Exit::Error
    } else {
        Exit::Clean
    }
}

/// Pretty-printed JSON and a final newline.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::span::Span;

    fn checked_with(severities: &[Severity]) -> Vec<Checked> {
        let findings = severities
            .iter()
            .map(|&severity| Finding {
                code: "test-rule",
                severity,
                message: String::new(),
                span: Span::new(0, 1),
                related: Vec::new(),
                fixes: Vec::new(),
            })
            .collect();
        let document = Document { name: "a.txt".to_owned(), path: None, text: "a".to_owned() };
        vec![Checked { document, findings }]
    }

    #[test]
    fn exit_status_follows_the_worst_finding() {
        use Severity::*;
        let cases: &[(bool, &[Severity], FailOn, Exit)] = &[
            (false, &[], FailOn::Warning, Exit::Clean),
            (false, &[Hint, Info], FailOn::Warning, Exit::Clean),
            (false, &[Info, Warning], FailOn::Warning, Exit::Findings),
            (false, &[Error], FailOn::Warning, Exit::Findings),
            (false, &[Warning], FailOn::Error, Exit::Clean),
            (false, &[Hint], FailOn::Hint, Exit::Findings),
            (false, &[Info], FailOn::Hint, Exit::Findings),
            (false, &[Error], FailOn::Never, Exit::Clean),
            (true, &[], FailOn::Warning, Exit::Error),
            (true, &[Error], FailOn::Never, Exit::Error),
        ];
        for &(failed, severities, fail_on, expected) in cases {
            let got = exit_status(failed, &checked_with(severities), fail_on);
            assert_eq!(got, expected, "{failed} {severities:?} {fail_on:?}");
        }
    }

    #[test]
    fn article_dates_are_checked() {
        let cases = [
            ("2023-04-17", Ok("2023-04-17")),
            (" 2023-04-17 ", Ok("2023-04-17")),
            ("2023-02-30", Err(())),
            ("17/04/2023", Err(())),
            ("20230417", Err(())),
            ("yesterday", Err(())),
        ];
        for (input, expected) in cases {
            let got = parse_article_date(input);
            assert_eq!(got.as_deref().map_err(|_| ()), expected.map_err(|_| ()), "{input}");
        }
    }
}
