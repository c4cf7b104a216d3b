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
            copydesk::server::allocator::return_memory_sooner();
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

/// Log to stderr only: stdout carries the protocol.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COPYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_writer(std::io::stderr).with_env_filter(filter).with_ansi(false).init();
}
