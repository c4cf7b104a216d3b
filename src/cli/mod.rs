//! The batch front end: `copydesk check`, `extract`, `rules`, `explain`,
//! `init` and `schema`.
//!
//! Each command reads its articles (files or `-` for standard input), finds
//! the settings for each file (`copydesk.toml` from the file's folder
//! upward), runs the pure core, and prints a report. Byte spans become
//! code-point offsets only in [`offsets`], used by the JSON [`contract`].
//!
//! Exit codes (stable, documented in the README):
//! - 0: nothing at or above `--fail-on` (default: warning) was found;
//! - 1: something at or above `--fail-on` was found (`--diff`: something
//!   would change);
//! - 2: a usage error, a file that could not be read (missing, unreadable,
//!   not UTF-8), or a malformed `copydesk.toml` (its defaults are used, the
//!   other files are still checked, and the report is still printed).

pub mod contract;
pub mod files;
pub mod fix;
pub mod github;
pub mod human;
pub mod init;
pub mod input;
pub mod offsets;
pub mod rules;
pub mod sarif;

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

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
    /// Apply every safe fix (quote glyphs, dates into the house style) to the
    /// files, atomically, then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print what --fix would change, as a unified diff, without writing.
    /// Exits with 1 when something would change.
    #[arg(long)]
    pub diff: bool,
    /// In folders, check only files matching these globs (repeatable;
    /// default: *.md, *.markdown, *.txt). `*` matches `/` too.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// In folders, skip files matching these globs (repeatable), e.g. `drafts/*`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Articles or folders to check; `-` reads standard input. Folders are
    /// walked recursively, respecting .gitignore.
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

/// The settings for a file (or, for standard input, the current folder),
/// with `--article-date` applied, and the settings file's error if it is
/// malformed. Pure apart from reading the settings file, so it runs in
/// parallel.
fn settings_for(path: Option<&Path>, article_date: Option<&str>) -> (Settings, Option<ConfigError>) {
    let start = match path {
        Some(path) => std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
        None => std::env::current_dir().unwrap_or_default(),
    };
    let loaded = crate::config::load(&start, None);
    let error = match (loaded.error, loaded.path) {
        (Some(error), Some(config)) => Some(ConfigError {
            message: format!("{}:{}:{}: {}", config.display(), error.line, error.column, error.message),
            config,
        }),
        _ => None,
    };
    let mut settings = loaded.settings;
    if let Some(date) = article_date {
        settings.article_date = Some(date.to_owned());
    }
    (settings, error)
}

/// The settings of each folder `check` has met, so a folder's files look
/// for `copydesk.toml` once between them (a batch of thousands of articles
/// in a few folders otherwise asks the file system for it thousands of
/// times). Files in one folder always find the same settings file.
#[derive(Default)]
struct FolderSettings(std::sync::Mutex<HashMap<PathBuf, FolderEntry>>);

/// A folder's settings and its settings file's error.
type FolderEntry = (Arc<Settings>, Option<ConfigError>);

impl FolderSettings {
    fn get(&self, path: Option<&Path>, article_date: Option<&str>) -> FolderEntry {
        let Some(folder) = path.and_then(Path::parent) else {
            let (settings, error) = settings_for(path, article_date);
            return (Arc::new(settings), error);
        };
        let lock = || self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((settings, error)) = lock().get(folder) {
            return (settings.clone(), error.clone());
        }
        // Read outside the lock: another thread may read the same folder's
        // settings at the same time, which costs only the repeat.
        let (settings, error) = settings_for(path, article_date);
        let settings = Arc::new(settings);
        lock().insert(folder.to_owned(), (settings.clone(), error.clone()));
        (settings, error)
    }
}

/// A malformed `copydesk.toml`, reported once however many files use it.
#[derive(Clone)]
struct ConfigError {
    config: PathBuf,
    message: String,
}

/// Collects what goes to standard error, in input order, each settings file
/// named once.
struct Problems {
    messages: Vec<String>,
    reported_configs: BTreeSet<PathBuf>,
    failed: bool,
}

impl Problems {
    fn new() -> Problems {
        Problems { messages: Vec::new(), reported_configs: BTreeSet::new(), failed: false }
    }

    fn error(&mut self, message: String) {
        self.failed = true;
        self.messages.push(message);
    }

    fn config(&mut self, error: Option<ConfigError>) {
        if let Some(error) = error {
            self.failed = true;
            if self.reported_configs.insert(error.config) {
                self.messages.push(error.message);
            }
        }
    }

    fn write(&mut self, stderr: &mut dyn Write) {
        for message in self.messages.drain(..) {
            let _ = writeln!(stderr, "copydesk: error: {message}");
        }
    }
}

/// What happened to one target.
struct Processed {
    /// The document as read, or why it could not be.
    read: Result<Document, String>,
    config_error: Option<ConfigError>,
    /// Findings on the final text (after fixes, with `--fix`).
    findings: Vec<Finding>,
    /// With `--fix` or `--diff`: the fixed text and how many fixes went in.
    fixed: Option<(String, usize)>,
}

/// Read, analyse and (with `--fix`/`--diff`) fix one target.
fn process(
    target: &Result<files::Target, String>,
    stdin: &Option<Result<Document, String>>,
    args: &CheckArgs,
    folders: &FolderSettings,
) -> Processed {
    let read = match target {
        Err(message) => Err(message.clone()),
        Ok(files::Target::Stdin) => {
            stdin.clone().unwrap_or_else(|| Err("standard input was not read".to_owned()))
        }
        Ok(files::Target::File(path)) => input::read(path, &mut std::io::empty()),
    };
    let Ok(document) = &read else {
        return Processed { read, config_error: None, findings: Vec::new(), fixed: None };
    };
    let (settings, config_error) = folders.get(document.path.as_deref(), args.article_date.as_deref());
    if args.fix || args.diff {
        let (text, count, findings) = fix::fix_text(&document.text, &settings);
        return Processed { read, config_error, findings, fixed: Some((text, count)) };
    }
    let findings = crate::analysis::analyze(&document.text, &settings).findings;
    Processed { read, config_error, findings, fixed: None }
}

/// Above this many files, `check` shows a progress bar.
const PROGRESS_THRESHOLD: usize = 300;

/// A progress bar on standard error when it is a terminal and there are
/// many files; otherwise a hidden one.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if files <= PROGRESS_THRESHOLD || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(files as u64), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles checked ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
}

/// Run `copydesk check`.
pub fn check(args: &CheckArgs, io: &mut Io<'_>) -> Exit {
    use rayon::prelude::*;

    let filter = match files::Filter::new(&args.include, &args.exclude) {
        Ok(filter) => filter,
        Err(message) => {
            let _ = writeln!(io.stderr, "copydesk: error: {message}");
            return Exit::Error;
        }
    };
    let targets = files::collect(&args.paths, &filter);
    let reads_stdin = targets.iter().any(|target| matches!(target, Ok(files::Target::Stdin)));
    if args.fix && reads_stdin {
        let _ = writeln!(
            io.stderr,
            "copydesk: error: --fix cannot rewrite standard input; use --diff to see the fixes for `-`"
        );
        return Exit::Error;
    }
    let stdin = reads_stdin.then(|| input::read(Path::new("-"), io.stdin));
    let progress = progress_bar(targets.len());
    let folders = FolderSettings::default();
    // Every file in parallel; `collect` keeps the input order.
    let processed: Vec<Processed> = targets
        .par_iter()
        .map(|target| {
            let processed = process(target, &stdin, args, &folders);
            progress.inc(1);
            processed
        })
        .collect();
    progress.finish_and_clear();

    let mut problems = Problems::new();
    let mut checked = Vec::new();
    let mut diffs = String::new();
    let (mut fixes_applied, mut files_fixed) = (0, 0);
    for Processed { read, config_error, findings, fixed } in processed {
        problems.config(config_error);
        let mut document = match read {
            Ok(document) => document,
            Err(message) => {
                problems.error(message);
                continue;
            }
        };
        if let Some((text, count)) = fixed.filter(|(text, _)| *text != document.text) {
            if args.diff {
                diffs.push_str(&fix::unified_diff(&document.name, &document.text, &text));
            } else if let Some(path) = &document.path {
                match fix::write_atomically(path, &document.text, &text) {
                    Ok(()) => {
                        fixes_applied += count;
                        files_fixed += 1;
                        document.text = text;
                    }
                    Err(message) => {
                        problems.error(message);
                        continue;
                    }
                }
            }
        }
        checked.push(Checked { document, findings });
    }
    problems.write(io.stderr);

    if args.diff {
        let written = io.stdout.write_all(diffs.as_bytes()).and_then(|()| io.stdout.flush());
        return match (written, problems.failed) {
            (Err(_), _) | (_, true) => Exit::Error,
            _ if diffs.is_empty() => Exit::Clean,
            _ => Exit::Findings,
        };
    }
    if args.fix {
        let _ = writeln!(
            io.stderr,
            "copydesk: applied {} in {}.",
            human::plural(fixes_applied, "fix", "fixes"),
            human::plural(files_fixed, "file", "files")
        );
    }
    let written = match args.format {
        Format::Human => human::write_report(io.stdout, &checked, io.color),
        Format::Json => {
            let files = checked.iter().map(|checked| {
                (checked.document.name.as_str(), checked.document.text.as_str(), checked.findings.as_slice())
            });
            contract::write_check_report(&mut io.stdout, files)
                .and_then(|()| io.stdout.write_all(b"\n"))
                .and_then(|()| io.stdout.flush())
        }
        Format::Sarif => write_json(io.stdout, &sarif::report(&checked)),
        Format::Github => github::write_report(io.stdout, &checked),
    };
    if let Err(error) = written {
        let _ = writeln!(io.stderr, "copydesk: error: the report could not be written: {error}");
        return Exit::Error;
    }
    exit_status(problems.failed, &checked, args.fail_on)
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
pub fn check_report(checked: &[Checked]) -> contract::CheckReport<'_> {
    contract::CheckReport {
        files: checked
            .iter()
            .map(|checked| contract::FileReport {
                path: &checked.document.name,
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
    let (settings, config_error) = settings_for(document.path.as_deref(), args.article_date.as_deref());
    let mut problems = Problems::new();
    problems.config(config_error);
    problems.write(io.stderr);
    let analysis = crate::analysis::analyze(&document.text, &settings);
    if let Err(error) = write_json(io.stdout, &contract::extract(&document.text, &analysis)) {
        let _ = writeln!(io.stderr, "copydesk: error: the output could not be written: {error}");
        return Exit::Error;
    }
    if problems.failed {
        Exit::Error
    } else {
        Exit::Clean
    }
}

/// Pretty-printed JSON and a final newline. The serialiser writes each
/// token on its own: into a buffer of a known type (an inlined copy each),
/// passed on to `out` in large pieces, rather than through `dyn Write`.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    let mut chunks = Chunks { out, buffer: Vec::with_capacity(Chunks::SIZE) };
    serde_json::to_writer_pretty(&mut chunks, value)?;
    chunks.buffer.push(b'\n');
    chunks.flush()
}

/// A writer that gathers small writes and passes them on in pieces of
/// about [`Chunks::SIZE`] bytes.
struct Chunks<'a> {
    out: &'a mut dyn Write,
    buffer: Vec<u8>,
}

impl Chunks<'_> {
    const SIZE: usize = 1 << 16;
}

impl Write for Chunks<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= Self::SIZE {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        self.out.flush()
    }
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
