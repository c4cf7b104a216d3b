//! The server never opens a network connection and never starts another
//! process: a whole session of the built binary runs under
//! `strace -f -e trace=network,process`, and the trace must show no socket
//! call and no process but the server's own threads.
//!
//! Skipped (with a note) where strace is missing or cannot trace; CI's
//! `scripts/ci-reliability.sh` installs strace and sets
//! `COPYDESK_REQUIRE_STRACE=1`, which turns the skip into a failure.

use std::io::Write;
use std::process::{Command, Stdio};

fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// A session that reaches every feature, settings included.
fn session() -> String {
    let messages = [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///tmp","capabilities":{"workspace":{"configuration":false}}}}"#,
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/copydesk-no-network/a.md","languageId":"markdown","version":1,"text":"“Unclosed, Putin said on Sunday in Moscow."}}}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/copydesk-no-network/a.md"},"position":{"line":0,"character":0}}}"#,
        r#"{"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///tmp/copydesk-no-network/a.md"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":9}},"context":{"diagnostics":[]}}}"#,
        r#"{"jsonrpc":"2.0","id":4,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///tmp/copydesk-no-network/a.md"}}}"#,
        r#"{"jsonrpc":"2.0","id":5,"method":"shutdown"}"#,
    ];
    messages.iter().map(|message| framed(message)).collect()
}

/// The lines of the trace that break the rule: any socket but the
/// runtime's unnamed local pair, any Internet address, and any process call
/// other than the first `execve`, thread creation and exits.
fn violations(trace: &str) -> Vec<String> {
    let mut execs = 0;
    trace
        .lines()
        .filter(|line| {
            let call = line.split_once(' ').map_or(*line, |(_, rest)| rest).trim_start();
            let name = call.split('(').next().unwrap_or_default();
            match name {
                "execve" | "execveat" => {
                    execs += 1;
                    execs > 1
                }
                "clone" | "clone3" => !call.contains("CLONE_THREAD"),
                "fork" | "vfork" => true,
                "exit" | "exit_group" | "wait4" | "waitid" | "kill" | "tgkill" | "tkill" => false,
                // The runtime's own wake-up pipe is an unnamed local pair.
                "socketpair" => !call.contains("AF_UNIX"),
                "socket" | "connect" | "bind" | "listen" | "accept" | "accept4" => true,
                // Reads and writes on that pair are fine; any Internet address is not.
                _ => call.contains("AF_INET"),
            }
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_trace_filter_catches_sockets_and_processes() {
    let trace = "100 execve(\"/bin/copydesk\", [\"copydesk\"], 0x0) = 0\n\
                 100 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM}, 88) = 101\n\
                 101 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3\n\
                 101 connect(3, {sa_family=AF_INET, sin_port=htons(443)}, 16) = 0\n\
                 100 clone(child_stack=NULL, flags=SIGCHLD) = 102\n\
                 102 execve(\"/bin/sh\", [\"sh\"], 0x0) = 0\n\
                 101 +++ exited with 0 +++\n\
                 100 socketpair(AF_UNIX, SOCK_STREAM, 0, [6, 7]) = 0\n\
                 100 exit_group(0) = ?";
    let found = violations(trace);
    assert_eq!(found.len(), 4, "{found:#?}");
}

#[test]
fn a_whole_session_opens_no_socket_and_starts_no_process() {
    let required = std::env::var_os("COPYDESK_REQUIRE_STRACE").is_some();
    let skip = |why: &str| {
        assert!(!required, "strace is required here: {why}");
        eprintln!("skipped: {why}");
    };
    if Command::new("strace").arg("-V").output().is_err() {
        return skip("strace is not installed");
    }
    let trace_file = std::env::temp_dir().join(format!("copydesk-strace-{}.txt", std::process::id()));
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=network,process", "-o"])
        .arg(&trace_file)
        .arg(env!("CARGO_BIN_EXE_copydesk"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("strace starts");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(session().as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Wait for the answer to `shutdown` before `exit`, which stops at once.
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains(r#""id":5"#) {
        match std::io::Read::read(&mut stdout, &mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(read) => seen.extend_from_slice(&buffer[..read]),
        }
    }
    stdin.write_all(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#).as_bytes()).unwrap();
    drop(stdin);
    let mut output = child.wait_with_output().unwrap();
    seen.append(&mut output.stdout);
    output.stdout = seen;
    let trace = std::fs::read_to_string(&trace_file).unwrap_or_default();
    let _ = std::fs::remove_file(&trace_file);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !trace.contains("execve") {
        return skip(&format!("strace could not trace here: {stderr}"));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(r#""id":2"#) && stdout.contains(r#""id":5"#), "the session ran: {stdout}");
    assert!(output.status.success(), "shutdown then exit ends with 0: {stderr}");
    let found = violations(&trace);
    assert!(found.is_empty(), "the server made network or process calls:\n{}", found.join("\n"));
}
