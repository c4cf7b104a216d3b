//! The abuse suite: a named list of bad inputs across the protocol, the
//! text, settings, paths and the CLI. For each, the test asserts the
//! response (the error and its message, the text preserved byte for byte,
//! the warning logged) and that the next request is still answered.

mod common;

use common::{capabilities, uri, TestClient};
use copydesk::analysis::hover::escape_markdown;
use copydesk::Settings;
use serde_json::{json, Value};

async fn started() -> TestClient {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-16"])).await;
    client
}

/// The server still answers: a hover on a healthy document, with content.
async fn still_answers(client: &mut TestClient) {
    let healthy = uri("healthy.md");
    client.open(&healthy, 1, "“Still here, she said.").await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": healthy}, "position": {"line": 0, "character": 0}}),
        )
        .await
        .expect("the next request is answered");
    assert!(hover["contents"]["value"].as_str().is_some_and(|value| !value.is_empty()), "{hover}");
}

fn framed(body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// What the server must answer to a bad request.
enum Answer {
    /// An error response with this code whose message contains this text.
    Error(i64, &'static str),
    /// A result (any, including null).
    Result,
}

/// Bad requests: name, method, params, the answer.
fn bad_requests() -> Vec<(&'static str, &'static str, Value, Answer)> {
    let doc = uri("abuse.md");
    vec![
        ("unknown request method", "copydesk/noSuchRequest", json!({}), Answer::Error(-32601, "")),
        ("hover without params", "textDocument/hover", Value::Null, Answer::Error(-32602, "")),
        (
            "hover with a string for a position",
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": "here"}),
            Answer::Error(-32602, ""),
        ),
        (
            "hover with a negative line",
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": -1, "character": 0}}),
            Answer::Error(-32602, ""),
        ),
        (
            "hover with a URI that is not a URI",
            "textDocument/hover",
            json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
            Answer::Error(-32602, ""),
        ),
        (
            "hover on a line a million lines past the end",
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": 1_000_000, "character": 4_000_000_000u32}}),
            Answer::Result,
        ),
        (
            "code actions for a reversed range",
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "context": {"diagnostics": []},
                   "range": {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 0}}}),
            Answer::Result,
        ),
        (
            "inlay hints for a range past the end",
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": doc},
                   "range": {"start": {"line": 7, "character": 0}, "end": {"line": 99, "character": 99}}}),
            Answer::Result,
        ),
        (
            "the text of a document that is not open",
            "copydesk/documentText",
            json!({"uri": uri("never-opened.md")}),
            Answer::Error(-32602, "is not open"),
        ),
        (
            "a second initialize",
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
            Answer::Error(-32600, ""),
        ),
    ]
}

#[tokio::test]
async fn bad_requests_get_the_right_error_and_the_next_request_is_answered() {
    let mut client = started().await;
    client.open(&uri("abuse.md"), 1, "“Quoted,” she said.").await;
    for (name, method, params, answer) in bad_requests() {
        let response = client.request(method, params).await;
        match answer {
            Answer::Error(code, text) => {
                let error = response.expect_err(name);
                assert_eq!(error["code"], code, "{name}: {error}");
                assert!(error["message"].as_str().unwrap().contains(text), "{name}: {error}");
            }
            Answer::Result => assert!(response.is_ok(), "{name}: {response:?}"),
        }
        still_answers(&mut client).await;
    }
    client.shutdown().await;
}

/// Bad frames: name, the raw bytes. Each is dropped or refused; the
/// session goes on.
fn bad_frames() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("a body that is not JSON", framed(b"{not json")),
        ("a body that is JSON but not an object", framed(b"[1, 2, 3]")),
        ("a body that is a bare number", framed(b"42")),
        ("a body that is not UTF-8", framed(b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\xfe\"}")),
        ("a message without jsonrpc", framed(br#"{"method": "textDocument/hover", "id": 77}"#)),
        (
            "a lone surrogate escape in a field no one reads",
            framed(br#"{"jsonrpc": "2.0", "method": "$/noSuchThing", "extra": "\udc00"}"#),
        ),
        (
            "a number out of range in a field no one reads",
            framed(br#"{"jsonrpc": "2.0", "method": "$/noSuchThing", "extra": [1e400]}"#),
        ),
        (
            "a notification with an unknown method",
            framed(br#"{"jsonrpc": "2.0", "method": "$/noSuchThing"}"#),
        ),
        (
            "a cancellation of a request that never was",
            framed(br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":424242}}"#),
        ),
        (
            "a response to a request the server never sent",
            framed(br#"{"jsonrpc":"2.0","id":"nobody-asked","result":{}}"#),
        ),
    ]
}

#[tokio::test]
async fn bad_frames_are_dropped_and_the_session_goes_on() {
    let mut failed = Vec::new();
    for (name, bytes) in bad_frames() {
        // Each in its own session, so one failure does not hide the others.
        let outcome = tokio::spawn(async move {
            let mut client = started().await;
            common::write_raw(&client.writer(), &bytes).await;
            still_answers(&mut client).await;
            // Nothing answered the frame with a success.
            let answered: Vec<Value> = client
                .drain_queue()
                .into_iter()
                .filter(|message| message.get("result").is_some_and(|result| !result.is_null()))
                .collect();
            assert!(answered.is_empty(), "{answered:?}");
            client.shutdown().await;
        })
        .await;
        if outcome.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "the session did not go on after: {failed:?}");
}

/// Bad notifications: name, method, params, a text the logged warning
/// contains.
#[tokio::test]
async fn bad_notifications_are_logged_and_leave_the_text_alone() {
    let mut client = started().await;
    let doc = uri("notified.md");
    client.open(&doc, 5, "abc\r\ndef").await;
    let change = |version: i64, range: Value| json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [{"range": range, "text": "X"}]});
    type Case = (&'static str, &'static str, Value, &'static str, &'static str);
    let cases: Vec<Case> = vec![
        (
            "a change to a document that is not open",
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri("ghost.md"), "version": 2}, "contentChanges": [{"text": "boo"}]}),
            "not open",
            "abc\r\ndef",
        ),
        (
            "a change whose version goes backwards",
            "textDocument/didChange",
            change(3, json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}})),
            "arrived after",
            "Xabc\r\ndef",
        ),
        (
            "a change whose range lies inside the CRLF",
            "textDocument/didChange",
            change(6, json!({"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 5}})),
            "past the end",
            "XabcX\r\ndef",
        ),
        (
            "a close of a document that is not open",
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri("ghost.md")}}),
            "not open",
            "XabcX\r\ndef",
        ),
        (
            "an open of a document already open",
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri("twice.md"), "languageId": "markdown", "version": 1, "text": "x"}}),
            "opened again",
            "XabcX\r\ndef",
        ),
    ];
    client.open(&uri("twice.md"), 1, "x").await;
    for (name, method, params, warning, text) in cases {
        client.notify(method, params).await;
        let logged = client
            .notification("window/logMessage", |params| {
                params["message"].as_str().is_some_and(|message| message.contains(warning))
            })
            .await;
        assert_eq!(logged["type"], 2, "{name}: a warning");
        assert_eq!(client.document_text(&doc).await.0, text, "{name}");
        still_answers(&mut client).await;
    }
    client.shutdown().await;
}

/// Hostile document text: name, text. Each is kept byte for byte, analysed
/// (diagnostics published), and every feature answers.
fn hostile_texts() -> Vec<(&'static str, String)> {
    vec![
        ("NUL and control characters", "“Yes\u{0},” she\u{7} said.\u{1b}[31m".to_owned()),
        ("a byte-order mark and lone CR line ends", "\u{feff}“One,\r” she said.\rTwo.".to_owned()),
        ("only quotation marks", "“”‘’„‚«»‹›\"'".repeat(50)),
        (
            "combining marks and zero-width joiners",
            "“Ne\u{301}e\u{200d}d,” 👩\u{200d}👩\u{200d}👧 said.".to_owned(),
        ),
        ("right-to-left text and overrides", "«שלום» he said \u{202e}“evil”\u{202c}.".to_owned()),
        (
            "Markdown injection in quoted text",
            "“[x](command:evil) <img src=x> `code`” she said. “Unclosed [y](command:rm)".to_owned(),
        ),
        ("an empty document", String::new()),
        ("surrogate-range code points' neighbours", "\u{d7ff}\u{e000}\u{10ffff} “x".to_owned()),
    ]
}

#[tokio::test]
async fn hostile_text_is_kept_exactly_and_every_feature_answers() {
    let mut client = started().await;
    for (version, (name, text)) in (1..).zip(hostile_texts()) {
        let doc = uri("hostile.md");
        client.open(&doc, version, &text).await;
        let published = client.diagnostics(&doc, version).await;
        assert!(published["diagnostics"].is_array(), "{name}");
        assert_eq!(client.document_text(&doc).await, (text.clone(), version), "{name}: the text is kept");
        let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}});
        for character in [0, 1, 2, 5, 17, 40] {
            let position = json!({"line": 0, "character": character});
            let hover = client
                .request("textDocument/hover", json!({"textDocument": {"uri": doc}, "position": position}))
                .await
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
            assert!(!markdown.contains("](command:") && !markdown.contains("<img"), "{name}: {markdown}");
        }
        let actions = client
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": doc}, "range": whole, "context": {"diagnostics": []}}),
            )
            .await;
        assert!(actions.is_ok_and(|actions| actions.is_array()), "{name}");
        let symbols =
            client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": doc}})).await;
        assert!(symbols.is_ok(), "{name}");
        let hints = client
            .request("textDocument/inlayHint", json!({"textDocument": {"uri": doc}, "range": whole}))
            .await;
        assert!(hints.is_ok(), "{name}");
        for message in client.drain_queue() {
            if message["method"] == "textDocument/publishDiagnostics" {
                for diagnostic in message["params"]["diagnostics"].as_array().unwrap() {
                    let text = diagnostic["message"].as_str().unwrap();
                    assert!(!text.contains("](command:") && !text.contains("<img"), "{name}: {text}");
                }
            }
        }
        client.notify("textDocument/didClose", json!({"textDocument": {"uri": doc}})).await;
    }
    still_answers(&mut client).await;
    client.shutdown().await;
}

/// Markdown that must come out inert: every character Markdown acts on
/// comes out escaped (after a backslash) or as an entity, and no line
/// break survives.
#[test]
fn markdown_escaping_defuses_links_html_and_code() {
    let cases = [
        "[x](command:evil)",
        "<img src=x onerror=alert(1)>",
        "`rm -rf` and ```fenced```",
        "*bold* _em_ # heading",
        "line\n# injected heading\r\n---",
        "&lt;already escaped&gt;",
        "<https://example.invalid>",
        "[link]: command:evil \\[still](command:x)",
    ];
    for input in cases {
        let escaped = escape_markdown(input);
        let mut chars = escaped.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '[' | ']' | '(' | ')' | '`' | '*' | '_' | '#' | '<' | '>' | '\n' | '\r' => {
                    panic!("{input:?} -> {escaped:?}: {c:?} is left active")
                }
                // Only the escaper's own entities: a `&` from the input is `&amp;`.
                '&' => assert!(
                    escaped[at..].starts_with("&lt;") || escaped[at..].starts_with("&amp;"),
                    "{input:?} -> {escaped:?}"
                ),
                _ => {}
            }
        }
        assert!(!escaped.contains("&lt;already"), "an entity in the input is shown as typed: {escaped:?}");
    }
}

/// Bad `copydesk.toml` text: name, text, what the message names, the line.
fn bad_settings() -> Vec<(&'static str, String, &'static str, usize)> {
    vec![
        ("a misspelled key", "[quotes]\nstyel = \"german\"\n".to_owned(), "styel", 2),
        ("a number where text belongs", "[dates]\nstyle = 5\n".to_owned(), "string", 2),
        ("a severity that does not exist", "[rules]\nunclosed-quote = \"fatal\"\n".to_owned(), "fatal", 2),
        ("broken TOML", "[quotes\nstyle = \"us\"\n".to_owned(), "", 1),
        ("a table where a list belongs", "languages = { en = true }\n".to_owned(), "", 1),
        (
            "arrays nested ten thousand deep",
            format!("languages = {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
            "",
            1,
        ),
        (
            "not UTF-8 text read lossily",
            "article_date = \"\u{fffd}\u{fffd}\"\nbogus = 1\n".to_owned(),
            "bogus",
            2,
        ),
    ]
}

#[test]
fn bad_settings_files_are_reported_where_they_are_wrong() {
    for (name, text, names, line) in bad_settings() {
        let error = Settings::from_toml_str(&text).expect_err(name);
        assert!(error.message.contains(names), "{name}: {}", error.message);
        assert!(error.message.contains("default settings are used"), "{name}: {}", error.message);
        assert_eq!(error.line, line, "{name}: {}", error.message);
    }
    assert_eq!(Settings::from_toml_str(""), Ok(Settings::default()), "an empty file means the defaults");
}

/// The same bad file open in the editor: a diagnostic on the file, and the
/// articles are still analysed with the defaults.
#[tokio::test]
async fn a_bad_settings_buffer_gets_a_diagnostic_on_its_line() {
    let mut client = started().await;
    let settings = uri("copydesk.toml");
    client.open(&settings, 1, "languages = [\"en\"]\n[quotes]\nstyel = \"german\"\n").await;
    let published = client.diagnostics(&settings, 1).await;
    let diagnostic = &published["diagnostics"][0];
    assert_eq!(diagnostic["range"]["start"]["line"], 2, "{diagnostic}");
    assert!(diagnostic["message"].as_str().unwrap().contains("styel"), "{diagnostic}");
    still_answers(&mut client).await;
    client.shutdown().await;
}

/// Editor settings of the wrong shape: a warning shown, the defaults kept,
/// the session goes on.
#[tokio::test]
async fn bad_editor_settings_are_refused_with_a_message() {
    let mut client = started().await;
    let cases: &[(&str, Value, &str)] = &[
        ("an unknown editor setting", json!({"copydesk": {"quotez": {}}}), "quotez"),
        ("a number for the date style", json!({"copydesk": {"dates": {"style": 5}}}), "string"),
    ];
    for (name, settings, names) in cases {
        client.notify("workspace/didChangeConfiguration", json!({"settings": settings})).await;
        let shown = client.notification("window/showMessage", |_| true).await;
        let message = shown["message"].as_str().unwrap();
        assert!(message.contains(names) && message.contains("default settings"), "{name}: {message}");
        still_answers(&mut client).await;
    }
    client.shutdown().await;
}

/// A CLI case: name, arguments (files live in a fresh folder), files to
/// create, standard input, the exit code, what stderr says, and the files
/// that must come out byte for byte as they went in.
struct CliCase {
    name: &'static str,
    args: &'static [&'static str],
    files: &'static [(&'static str, &'static [u8])],
    stdin: &'static [u8],
    exit: i32,
    stderr: &'static str,
    stdout: &'static str,
}

fn cli_cases() -> Vec<CliCase> {
    vec![
        CliCase {
            name: "a file that does not exist",
            args: &["check", "missing.md"],
            files: &[],
            stdin: b"",
            exit: 2,
            stderr: "missing.md: no such file",
            stdout: "",
        },
        CliCase {
            name: "a file that is not UTF-8",
            args: &["check", "latin1.md"],
            files: &[("latin1.md", b"Caf\xe9 \xab quote")],
            stdin: b"",
            exit: 2,
            stderr: "is not UTF-8 text",
            stdout: "",
        },
        CliCase {
            name: "an article date that is not a date",
            args: &["check", "--article-date", "2023-13-45", "ok.md"],
            files: &[("ok.md", b"\xe2\x80\x9cFine,\xe2\x80\x9d she said.\n")],
            stdin: b"",
            exit: 2,
            stderr: "is not a calendar date",
            stdout: "",
        },
        CliCase {
            name: "an unknown report format",
            args: &["check", "--format", "bogus", "ok.md"],
            files: &[("ok.md", b"\xe2\x80\x9cFine,\xe2\x80\x9d she said.\n")],
            stdin: b"",
            exit: 2,
            stderr: "possible values",
            stdout: "",
        },
        CliCase {
            name: "NUL bytes on standard input",
            args: &["check", "--format", "json", "-"],
            files: &[],
            stdin: b"a\0b \xe2\x80\x9cc",
            exit: 1,
            stderr: "",
            stdout: "\"unclosed-quote\"",
        },
        CliCase {
            name: "empty standard input to extract",
            args: &["extract", "-"],
            files: &[],
            stdin: b"",
            exit: 0,
            stderr: "",
            stdout: "\"quotes\": []",
        },
        CliCase {
            name: "--fix beside a broken copydesk.toml",
            args: &["check", "--fix", "a.md"],
            files: &[("copydesk.toml", b"[quotes]\nstyel = 1\n"), ("a.md", b"\xe2\x80\x9cx\n")],
            stdin: b"",
            exit: 2,
            stderr: "copydesk.toml:2:1",
            stdout: "unclosed-quote",
        },
    ]
}

#[test]
fn bad_command_lines_and_files_get_a_clear_error_and_keep_the_files() {
    for (index, case) in cli_cases().into_iter().enumerate() {
        let folder = std::env::temp_dir().join(format!("copydesk-abuse-cli-{}-{index}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        for (name, bytes) in case.files {
            std::fs::write(folder.join(name), bytes).unwrap();
        }
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(case.args)
            .current_dir(&folder)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), case.stdin).unwrap();
        let output = child.wait_with_output().unwrap();
        let (stdout, stderr) =
            (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert_eq!(output.status.code(), Some(case.exit), "{}: {stderr}", case.name);
        assert!(stderr.contains(case.stderr), "{}: stderr {stderr}", case.name);
        assert!(stdout.contains(case.stdout), "{}: stdout {stdout}", case.name);
        for (name, bytes) in case.files {
            assert_eq!(std::fs::read(folder.join(name)).unwrap(), *bytes, "{}: {name} is kept", case.name);
        }
        let _ = std::fs::remove_dir_all(&folder);
    }
}
