//! Running the built `copydesk` binary in the CLI tests: one place for how a
//! test spawns it (in a folder, with standard input, without colour).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The command `copydesk ARGS` in `dir`, with `NO_COLOR` set, not yet run.
#[allow(dead_code)] // not every test file uses every helper
pub fn command_in(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    command
}

/// Run `copydesk ARGS` in `dir`, feeding `stdin`, with `NO_COLOR` set.
#[allow(dead_code)] // not every test file uses every helper
pub fn copydesk_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = command_in(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    let mut pipe = child.stdin.take().expect("a stdin pipe");
    pipe.write_all(stdin.as_bytes()).expect("stdin accepts the input");
    drop(pipe);
    child.wait_with_output().expect("the copydesk binary finishes")
}

/// Run `copydesk ARGS` in the repository's root, feeding `stdin`.
#[allow(dead_code)] // not every test file uses every helper
pub fn copydesk_at_root(args: &[&str], stdin: &str) -> Output {
    copydesk_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, stdin)
}
