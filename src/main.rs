//! The `copydesk` binary: the language server (default) and the batch CLI.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc, not the system allocator: see Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// copydesk — a copy editor for news articles: quotation marks, attribution,
/// named actors and dates.
#[derive(Parser)]
#[command(name = "copydesk", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Speak the Language Server Protocol over stdin and stdout (the default).
    Lsp,
    /// Check articles and report findings (exit 0 clean, 1 findings, 2 error).
    Check(copydesk::cli::CheckArgs),
    /// Print the quotations, dates and actors of one article as JSON.
    Extract(copydesk::cli::ExtractArgs),
    /// List every rule with its code, default severity and explanation.
    Rules,
    /// Explain one rule: what it checks, why, and an example.
    Explain {
        /// The rule's code, as shown in reports (`unclosed-quote`).
        code: String,
    },
    /// Write a commented copydesk.toml with every setting at its default.
    Init {
        /// The folder to write it in.
        #[arg(default_value = ".")]
        folder: std::path::PathBuf,
        /// Replace an existing copydesk.toml.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of copydesk.toml (for taplo, Even Better TOML).
    Schema,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None | Some(Command::Lsp) => {
            init_logging();
            return_memory_sooner();
            match copydesk::server::run_stdio() {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("copydesk: the language server stopped: {error}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Check(args)) => with_io(|io| copydesk::cli::check(&args, io)),
        Some(Command::Extract(args)) => with_io(|io| copydesk::cli::extract(&args, io)),
        Some(Command::Rules) => with_io(|io| copydesk::cli::rules::list(io.stdout)),
        Some(Command::Explain { code }) => {
            with_io(|io| copydesk::cli::rules::explain(&code, io.stdout, io.stderr))
        }
        Some(Command::Init { folder, force }) => {
            with_io(|io| copydesk::cli::init::init(&folder, force, io.stdout, io.stderr))
        }
        Some(Command::Schema) => with_io(|io| copydesk::cli::init::schema(io.stdout)),
    }
}

/// Run a CLI command on the process's standard streams.
fn with_io(command: impl FnOnce(&mut copydesk::cli::Io<'_>) -> copydesk::cli::Exit) -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    // Standard error stays unlocked: the progress bar draws on it from
    // worker threads while the main thread waits for them.
    let mut stderr = std::io::stderr();
    let color = copydesk::cli::human::use_color(&stdout);
    // Buffered: a report is written piece by piece (the JSON serialiser
    // writes each token on its own), and the locked stdout would pass each
    // line to the system on its own.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut io = copydesk::cli::Io { stdin: &mut stdin.lock(), stdout: &mut out, stderr: &mut stderr, color };
    let exit = command(&mut io);
    match std::io::Write::flush(&mut out) {
        Ok(()) => exit.into(),
        // The reader went away (`copydesk check | head`): nothing to report.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => exit.into(),
        Err(error) => {
            eprintln!("copydesk: error: could not write the report: {error}");
            copydesk::cli::Exit::Error.into()
        }
    }
}

/// How long mimalloc keeps freed memory resident before it returns it to
/// the system, in the server (milliseconds; mimalloc's own default is
/// 1,000).
///
/// Each version of a book-length document allocates and frees tens of
/// megabytes, some of it on other threads; memory freed that way is reused
/// only in part, and what is not stays resident for the whole delay. With
/// mimalloc's second, a 3 MB book's server peaked at 149–155 MB over 100
/// keystrokes; with 100 ms, at 129–138 MB, for 3–7 ms more per keystroke
/// (BENCHMARKS.md, "Session 9: the server's memory"). The batch commands
/// keep mimalloc's default: there speed matters more than resident memory.
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// mimalloc's option number for the purge delay (`mi_option_purge_delay`
/// in its `mimalloc.h`; libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Set the purge delay for the server, unless `MIMALLOC_PURGE_DELAY` in
/// the environment already says otherwise.
#[allow(unsafe_code)]
fn return_memory_sooner() {
    // SAFETY: `mi_option_set_default` stores one integer in mimalloc's
    // option table (and does nothing when the environment set it); it reads
    // and writes no memory of ours, and any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
}

/// Log to stderr only: stdout carries the protocol.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COPYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_writer(std::io::stderr).with_env_filter(filter).with_ansi(false).init();
}

#[cfg(test)]
mod tests {
    /// Option 15 is the purge delay: mimalloc v3's default for it (1,000 ms,
    /// unlike any neighbour's) until the server sets its own, unless the
    /// environment set it.
    #[test]
    #[allow(unsafe_code)]
    fn the_server_sets_mimallocs_purge_delay() {
        // SAFETY: reads one integer from mimalloc's option table.
        let get = || unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        assert_eq!(get(), 1000);
        super::return_memory_sooner();
        assert_eq!(get(), super::PURGE_DELAY_MS);
    }
}
