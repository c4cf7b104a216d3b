//! Keystroke-to-diagnostics latency of language servers over stdio.
//!
//! ```sh
//! cargo bench --bench lsp_latency                       # copydesk, and harper-ls when on PATH
//! cargo bench --bench lsp_latency -- --sizes 3k,30k --edits 200
//! cargo bench --bench lsp_latency -- --server 'other=/path/to/server --stdio'
//! cargo bench --bench lsp_latency -- --quick            # CI: 3 KB, a few edits, copydesk only
//! ```
//!
//! For each document size and each server it spawns the server, times
//! spawn → `initialize` response, opens a generated article (the same text
//! for every server, `languageId` markdown), times open → first
//! `publishDiagnostics`, then types single characters at realistic places
//! (words typed mid-sentence inside body paragraphs, see
//! `support::keystrokes`) and times each `didChange` → the next
//! `publishDiagnostics` for that version (or, for a server that publishes
//! without versions, the next one for the document). One keystroke at a
//! time: the next is sent only when the previous one has been answered.
//! Every server receives the same keystrokes — as ranged changes when it
//! asks for incremental sync, as the whole text when it asks for full sync.
//! Peak RSS is `VmHWM` from `/proc/PID/status` just before shutdown; CPU per
//! keystroke is the server's user + system time (`/proc/PID/stat`) over the
//! typing, divided by the keystrokes (steadier than wall time on a busy
//! machine). After the typing, the median response time of 10 hovers (on
//! quotation marks) and 10 code-action requests (on the first diagnostics).
//!
//! Options: `--sizes LIST` (3k,30k,300k,3m), `--edits N` (100), `--budget
//! SECS` (typing time per server and size before it stops early; at least 3
//! keystrokes are always typed; 60), `--server NAME=COMMAND` (repeatable;
//! replaces the defaults), `--no-harper`, `--quick`, `--requests N`
//! (hovers and code actions timed after the typing, each; 10; fewer for a
//! server that takes minutes per request), `--markdown PATH`
//! (also write the table there), `--dump SIZE` (print the generated
//! article and stop).

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const SEED: u64 = 20230417;

struct Options {
    sizes: Vec<usize>,
    edits: usize,
    budget: Duration,
    servers: Vec<(String, Vec<String>)>,
    harper: bool,
    markdown: Option<PathBuf>,
    timeout: Duration,
    /// Hovers and code actions timed after the typing (each).
    requests: usize,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        sizes: support::SIZES.iter().map(|&(_, size)| size).collect(),
        edits: 100,
        budget: Duration::from_secs(60),
        servers: Vec::new(),
        harper: true,
        markdown: None,
        timeout: Duration::from_secs(300),
        requests: REQUESTS,
    };
    let mut args = std::env::args().skip(1);
    let value = |args: &mut dyn Iterator<Item = String>, name: &str| {
        args.next().ok_or_else(|| format!("{name} needs a value"))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // What cargo bench and cargo test pass to every bench binary.
            "--bench" | "--test" | "--nocapture" => {}
            "--quick" => {
                options.sizes = vec![3_000];
                options.edits = 10;
                options.harper = false;
                options.timeout = Duration::from_secs(60);
            }
            "--sizes" => {
                let list = value(&mut args, "--sizes")?;
                options.sizes = list
                    .split(',')
                    .map(|s| support::parse_size(s).ok_or_else(|| format!("not a size: {s}")))
                    .collect::<Result<_, _>>()?;
            }
            "--edits" => {
                options.edits = value(&mut args, "--edits")?.parse().map_err(|e| format!("--edits: {e}"))?
            }
            "--budget" => {
                let secs: u64 =
                    value(&mut args, "--budget")?.parse().map_err(|e| format!("--budget: {e}"))?;
                options.budget = Duration::from_secs(secs);
            }
            "--requests" => {
                options.requests =
                    value(&mut args, "--requests")?.parse().map_err(|e| format!("--requests: {e}"))?;
            }
            "--timeout" => {
                let secs: u64 =
                    value(&mut args, "--timeout")?.parse().map_err(|e| format!("--timeout: {e}"))?;
                options.timeout = Duration::from_secs(secs);
            }
            "--server" => {
                let spec = value(&mut args, "--server")?;
                let (name, command) = spec.split_once('=').ok_or("--server takes NAME=COMMAND")?;
                let words: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
                if words.is_empty() {
                    return Err("--server: empty command".into());
                }
                options.servers.push((name.to_owned(), words));
            }
            "--no-harper" => options.harper = false,
            "--dump" => {
                // Print the generated article of that size and stop (for
                // profiling or `copydesk check` on the same text).
                let size = value(&mut args, "--dump")?;
                let size = support::parse_size(&size).ok_or_else(|| format!("not a size: {size}"))?;
                print!("{}", support::article(size, SEED));
                std::process::exit(0);
            }
            "--markdown" => options.markdown = Some(PathBuf::from(value(&mut args, "--markdown")?)),
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            // A criterion-style filter: ignore.
            _ => {}
        }
    }
    if options.servers.is_empty() {
        options.servers.push(("copydesk".into(), vec![env!("CARGO_BIN_EXE_copydesk").into()]));
        if options.harper {
            match which("harper-ls") {
                Some(path) => options.servers.push(("harper-ls".into(), vec![path, "--stdio".into()])),
                None => eprintln!("harper-ls is not on PATH: measuring copydesk alone (install: cargo install harper-ls@3.0.0 --locked)"),
            }
        }
    }
    Ok(options)
}

fn which(program: &str) -> Option<String> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .map(|p| p.to_string_lossy().into_owned())
}

/// One message from the server, with when it was read.
struct Incoming {
    at: Instant,
    message: Value,
}

/// Read `Content-Length` framed JSON-RPC messages until the stream ends.
fn read_messages(stdout: impl Read, sender: std::sync::mpsc::Sender<Incoming>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length:") {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let at = Instant::now();
        if let Ok(message) = serde_json::from_slice(&body) {
            if sender.send(Incoming { at, message }).is_err() {
                return;
            }
        }
    }
}

/// A server process and the client's side of the conversation.
struct Session {
    name: String,
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Incoming>,
    next_id: i64,
    root: PathBuf,
    timeout: Duration,
    configuration_answered: bool,
}

impl Session {
    fn spawn(
        name: &str,
        command: &[String],
        root: &Path,
        timeout: Duration,
    ) -> Result<(Session, Instant), String> {
        let started = Instant::now();
        let mut child = Command::new(&command[0])
            .args(&command[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .current_dir(root)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", command[0]))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (sender, incoming) = channel();
        std::thread::spawn(move || read_messages(stdout, sender));
        let session = Session {
            name: name.to_owned(),
            child,
            stdin,
            incoming,
            next_id: 1,
            root: root.to_owned(),
            timeout,
            configuration_answered: false,
        };
        Ok((session, started))
    }

    fn send(&mut self, message: &Value) -> Result<(), String> {
        let body = serde_json::to_vec(message).map_err(|e| e.to_string())?;
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(&body);
        self.stdin
            .write_all(&framed)
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("{}: write failed: {e}", self.name))
    }

    fn request(&mut self, method: &str, params: Value) -> Result<i64, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        Ok(id)
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// What we answer to `workspace/configuration`: each server's own
    /// section. harper-ls asks with no section and reads `harper-ls` from
    /// the object; it must lint large files (its default skips > 120 KB)
    /// and publish at once (no debounce).
    fn configuration(&self, item: &Value) -> Value {
        let harper = json!({"maxFileLength": 1_000_000_000u64, "diagnosticDelayMs": 0});
        match item.get("section").and_then(Value::as_str) {
            Some("harper-ls") => harper,
            Some(_) => Value::Null,
            None => json!({"harper-ls": harper}),
        }
    }

    /// Answer a request from the server (configuration, registration, …).
    fn answer(&mut self, message: &Value) -> Result<(), String> {
        let id = message["id"].clone();
        let result = match message["method"].as_str() {
            Some("workspace/configuration") => {
                self.configuration_answered = true;
                let items = message["params"]["items"].as_array().cloned().unwrap_or_default();
                Value::Array(items.iter().map(|item| self.configuration(item)).collect())
            }
            Some("workspace/workspaceFolders") => {
                json!([{"uri": url_of(&self.root), "name": "bench"}])
            }
            _ => Value::Null,
        };
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}))
    }

    /// Wait for a message matching `wanted`, answering the server's requests
    /// meanwhile. `None` on timeout.
    fn wait_for(
        &mut self,
        wanted: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Result<Option<Incoming>, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let incoming = match self.incoming.recv_timeout(left) {
                Ok(incoming) => incoming,
                Err(RecvTimeoutError::Timeout) => return Ok(None),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!("{} closed its output", self.name))
                }
            };
            let message = &incoming.message;
            if message.get("method").is_some() && message.get("id").is_some() {
                self.answer(&incoming.message.clone())?;
                continue;
            }
            if wanted(message) {
                return Ok(Some(incoming));
            }
        }
    }

    fn peak_rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// CPU time (user + system) the server has used so far, from
    /// `/proc/PID/stat`: unlike wall time, it hardly depends on the load of
    /// a shared machine.
    fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // Fields after the command name (which may hold spaces) in parentheses.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        // USER_HZ is 100 on Linux.
        Some(Duration::from_millis(ticks * 10))
    }

    /// Send a request and time its response (`None` when it times out).
    fn time_request(&mut self, method: &str, params: Value) -> Result<Option<Duration>, String> {
        let sent = Instant::now();
        let id = self.request(method, params)?;
        let timeout = self.timeout;
        Ok(self.wait_for(|m| m["id"] == json!(id), timeout)?.map(|answer| answer.at - sent))
    }

    fn shutdown(mut self) {
        if let Ok(id) = self.request("shutdown", Value::Null) {
            let _ = self.wait_for(|m| m["id"] == json!(id), Duration::from_secs(5));
            let _ = self.notify("exit", Value::Null);
        }
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The LSP position (UTF-16) of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// What one server did on one document.
#[derive(Default)]
struct Measure {
    init: Option<Duration>,
    first: Option<Duration>,
    latencies: Vec<Duration>,
    diagnostics: usize,
    rss_kb: Option<u64>,
    /// Server CPU time per keystroke, over the whole typing phase.
    cpu_per_keystroke: Option<Duration>,
    /// Median response times after the typing: hover on quotation marks,
    /// code actions on diagnostics.
    hover: Option<Duration>,
    code_action: Option<Duration>,
    note: Option<String>,
}

impl Measure {
    fn percentile(&self, p: f64) -> Option<Duration> {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        if sorted.is_empty() {
            return None;
        }
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
    }
}

fn run(name: &str, command: &[String], text: &str, options: &Options) -> Result<Measure, String> {
    let root = std::env::temp_dir().join(format!("copydesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&root).map_err(|e| e.to_string())?;
    let root = root.canonicalize().map_err(|e| e.to_string())?;
    let path = root.join("article.md");
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let uri = url_of(&path);
    let mut measure = Measure::default();

    let (mut session, started) = Session::spawn(name, command, &root, options.timeout)?;
    let capabilities = json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "synchronization": {"dynamicRegistration": false, "didSave": true},
            "publishDiagnostics": {"versionSupport": true, "relatedInformation": true},
            // As VS Code and Neovim offer it: code actions whose edits are
            // filled in by `codeAction/resolve` when one is picked.
            "codeAction": {
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}},
                "dataSupport": true,
                "resolveSupport": {"properties": ["edit"]},
            },
        },
        "workspace": {"configuration": true, "workspaceFolders": true, "didChangeConfiguration": {"dynamicRegistration": false}},
        "window": {"workDoneProgress": false},
    });
    let id = session.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": url_of(&root),
            "workspaceFolders": [{"uri": url_of(&root), "name": "bench"}],
            "capabilities": capabilities,
        }),
    )?;
    let timeout = session.timeout;
    let response = session.wait_for(|m| m["id"] == json!(id), timeout)?.ok_or("no initialize response")?;
    measure.init = Some(response.at - started);
    // Full (1) or incremental (2) sync, as the server asks.
    let sync = &response.message["result"]["capabilities"]["textDocumentSync"];
    let incremental = sync.as_i64().or_else(|| sync["change"].as_i64()) == Some(2);
    session.notify("initialized", json!({}))?;
    // Let a server that pulls its configuration have it before the document
    // opens (harper-ls reads its file-size limit from it).
    let _ = session.wait_for(|_| false, Duration::from_millis(300))?;

    let for_uri = |uri: String| {
        move |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(uri)
    };
    let opened = Instant::now();
    session.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 0, "text": text}}),
    )?;
    match session.wait_for(for_uri(uri.clone()), timeout)? {
        Some(first) => {
            measure.first = Some(first.at - opened);
            measure.diagnostics = first.message["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        }
        None => measure.note = Some("no diagnostics after open".into()),
    }

    let mut current = text.to_owned();
    let cpu_before = session.cpu_time();
    let mut last_published: Option<Value> = None;
    let typing = Instant::now();
    for (i, (offset, c)) in support::keystrokes(text, options.edits, SEED).into_iter().enumerate() {
        if i >= 3 && typing.elapsed() > options.budget {
            measure.note = Some(format!("stopped after {i} keystrokes (--budget)"));
            break;
        }
        let version = i as i64 + 1;
        let at = position(&current, offset);
        current.insert(offset, c);
        let change = if incremental {
            json!({"range": {"start": at, "end": at}, "text": c.to_string()})
        } else {
            json!({"text": current})
        };
        let sent = Instant::now();
        session.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        )?;
        let wanted = for_uri(uri.clone());
        let answered = session.wait_for(
            move |m| wanted(m) && m["params"]["version"].as_i64().is_none_or(|v| v >= version),
            timeout,
        )?;
        match answered {
            Some(published) => {
                measure.latencies.push(published.at - sent);
                last_published = Some(published.message);
            }
            None => {
                measure.note =
                    Some(format!("no diagnostics within {}s of keystroke {version}", timeout.as_secs()));
                break;
            }
        }
    }
    // Requests on the typed document: hovers on quotation marks and code
    // actions on the first diagnostics, one at a time.
    let mut hovers = Vec::new();
    for (offset, _) in current.match_indices('“').step_by(7).take(options.requests) {
        let params = json!({"textDocument": {"uri": uri}, "position": position(&current, offset)});
        hovers.push(session.time_request("textDocument/hover", params)?);
    }
    measure.hover = median(hovers);
    let diagnostics = last_published
        .as_ref()
        .and_then(|m| m["params"]["diagnostics"].as_array().cloned())
        .unwrap_or_default();
    let mut actions = Vec::new();
    for diagnostic in diagnostics.iter().take(options.requests) {
        let params = json!({
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        });
        actions.push(session.time_request("textDocument/codeAction", params)?);
    }
    measure.code_action = median(actions);
    measure.rss_kb = session.peak_rss_kb();
    if let (Some(before), Some(after)) = (cpu_before, session.cpu_time()) {
        let typed = measure.latencies.len().max(1) as u32;
        measure.cpu_per_keystroke = Some(after.saturating_sub(before) / typed);
    }
    session.shutdown();
    let _ = std::fs::remove_dir_all(&root);
    Ok(measure)
}

/// Requests of each kind timed after the typing.
const REQUESTS: usize = 10;

fn median(times: Vec<Option<Duration>>) -> Option<Duration> {
    let mut times: Vec<Duration> = times.into_iter().flatten().collect();
    times.sort();
    times.get(times.len() / 2).copied()
}

fn ms(duration: Option<Duration>) -> String {
    match duration {
        None => "–".into(),
        Some(d) if d < Duration::from_millis(10) => format!("{:.2} ms", d.as_secs_f64() * 1e3),
        Some(d) if d < Duration::from_secs(10) => format!("{:.1} ms", d.as_secs_f64() * 1e3),
        Some(d) => format!("{:.1} s", d.as_secs_f64()),
    }
}

fn ratio(other: Option<f64>, ours: Option<f64>) -> String {
    match (other, ours) {
        (Some(other), Some(ours)) if ours > 0.0 => format!("{:.0}×", other / ours),
        _ => "–".into(),
    }
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("lsp_latency: {message}");
            std::process::exit(2);
        }
    };
    let mut table = String::new();
    table.push_str("| document | server | keystrokes | spawn→initialize | open→first diagnostics | diagnostics | p50 | p95 | max | CPU/keystroke | hover | code action | peak RSS |\n");
    table.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    let mut ratios = String::new();
    let mut failed = false;
    for &size in &options.sizes {
        let text = support::article(size, SEED);
        let label = support::size_label(size);
        let mut results: BTreeMap<usize, (String, Measure)> = BTreeMap::new();
        for (index, (name, command)) in options.servers.iter().enumerate() {
            eprintln!("lsp_latency: {name} on {label} ({} bytes)…", text.len());
            match run(name, command, &text, &options) {
                Ok(measure) => {
                    let line = format!(
                        "| {label} | {name} | {}{} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                        measure.latencies.len(),
                        measure.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default(),
                        ms(measure.init),
                        ms(measure.first),
                        measure.diagnostics,
                        ms(measure.percentile(50.0)),
                        ms(measure.percentile(95.0)),
                        ms(measure.latencies.iter().max().copied()),
                        ms(measure.cpu_per_keystroke),
                        ms(measure.hover),
                        ms(measure.code_action),
                        measure.rss_kb.map_or("–".into(), |kb| format!("{:.1} MB", kb as f64 / 1024.0)),
                    );
                    eprint!("{line}");
                    table.push_str(&line);
                    results.insert(index, (name.clone(), measure));
                }
                Err(message) => {
                    eprintln!("lsp_latency: {name} on {label}: {message}");
                    table
                        .push_str(&format!("| {label} | {name} | failed: {message} | | | | | | | | | | |\n"));
                    failed = true;
                }
            }
        }
        // Ratios of every other server to the first one (copydesk by default).
        if let Some((first, rest)) = results.values().collect::<Vec<_>>().split_first() {
            for (name, other) in rest {
                let secs = |d: Option<Duration>| d.map(|d| d.as_secs_f64());
                ratios.push_str(&format!(
                    "| {label} | {name} ÷ {} | {} | {} | {} | {} |\n",
                    first.0,
                    ratio(secs(other.percentile(50.0)), secs(first.1.percentile(50.0))),
                    ratio(secs(other.percentile(95.0)), secs(first.1.percentile(95.0))),
                    ratio(secs(other.first), secs(first.1.first)),
                    ratio(other.rss_kb.map(|k| k as f64), first.1.rss_kb.map(|k| k as f64)),
                ));
            }
        }
    }
    if !ratios.is_empty() {
        table.push_str(
            "\n| document | ratio | p50 | p95 | open→first | peak RSS |\n|---|---|---|---|---|---|\n",
        );
        table.push_str(&ratios);
    }
    println!("\n{table}");
    if let Some(path) = &options.markdown {
        if let Err(error) = std::fs::write(path, &table) {
            eprintln!("lsp_latency: cannot write {}: {error}", path.display());
        }
    }
    if failed {
        std::process::exit(1);
    }
}
