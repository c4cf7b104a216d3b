//! A small LSP client for the protocol tests: JSON-RPC framing over any byte
//! stream, driving either the in-memory server (`tokio::io::duplex`) or the
//! built binary over stdio.
//!
//! A background task reads every message the server sends. It answers the
//! server's own requests at once (`workspace/configuration` with the
//! settings the test gave, anything else with `null`), so the server never
//! waits on a test that is busy writing, and queues everything else for the
//! test to inspect.
#![allow(dead_code)] // Each test file uses a different part of the helper.

use std::collections::VecDeque;
use std::process::Stdio;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, Mutex};

/// A safety net against a hung test, not a timing assertion.
const PATIENCE: Duration = Duration::from_secs(120);

type Writer = Arc<Mutex<Box<dyn AsyncWrite + Send + Unpin>>>;

/// What the reader task saw.
#[derive(Debug)]
pub enum Incoming {
    Message(Value),
    /// The stream ended cleanly between messages.
    End,
    /// Bytes that are not a framed JSON-RPC message (e.g. stray stdout).
    Garbage(String),
}

pub struct TestClient {
    writer: Writer,
    incoming: mpsc::UnboundedReceiver<Incoming>,
    /// Notifications received while waiting for something else.
    queue: VecDeque<Value>,
    next_id: i64,
    /// What to answer to `workspace/configuration` (one value per item).
    pub configuration: Arc<StdMutex<Value>>,
    /// Every request the server sent us, by method.
    pub server_requests: Arc<StdMutex<Vec<Value>>>,
    pub child: Option<tokio::process::Child>,
    ended: bool,
}

/// Write one framed message.
pub async fn write_message(writer: &Writer, message: &Value) {
    let body = serde_json::to_vec(message).unwrap();
    let mut writer = writer.lock().await;
    writer.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await.unwrap();
    writer.write_all(&body).await.unwrap();
    writer.flush().await.unwrap();
}

/// Write raw bytes (for malformed-input tests).
pub async fn write_raw(writer: &Writer, bytes: &[u8]) {
    let mut writer = writer.lock().await;
    writer.write_all(bytes).await.unwrap();
    writer.flush().await.unwrap();
}

/// Read one framed message; `Ok(None)` at a clean end of stream.
async fn read_message<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Result<Option<Value>, String> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = String::new();
        let read = reader.read_line(&mut line).await.map_err(|e| e.to_string())?;
        if read == 0 {
            return if first { Ok(None) } else { Err("the stream ended inside a header".into()) };
        }
        first = false;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').ok_or_else(|| format!("not a header: {line:?}"))?;
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse::<usize>().map_err(|e| e.to_string())?);
        } else if !name.eq_ignore_ascii_case("content-type") {
            return Err(format!("unexpected header: {line:?}"));
        }
    }
    let length = length.ok_or("no Content-Length")?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.map_err(|e| e.to_string())?;
    serde_json::from_slice(&body).map(Some).map_err(|e| format!("not JSON: {e}"))
}

impl TestClient {
    fn start<R, W>(reader: R, writer: W) -> TestClient
    where
        R: AsyncRead + Send + Unpin + 'static,
        W: AsyncWrite + Send + Unpin + 'static,
    {
        let writer: Writer = Arc::new(Mutex::new(Box::new(writer)));
        let (sender, incoming) = mpsc::unbounded_channel();
        let configuration = Arc::new(StdMutex::new(Value::Null));
        let server_requests = Arc::new(StdMutex::new(Vec::new()));
        let (task_writer, task_configuration, task_requests) =
            (writer.clone(), configuration.clone(), server_requests.clone());
        tokio::spawn(async move {
            let mut reader = BufReader::new(reader);
            loop {
                match read_message(&mut reader).await {
                    Ok(None) => {
                        let _ = sender.send(Incoming::End);
                        return;
                    }
                    Err(error) => {
                        let _ = sender.send(Incoming::Garbage(error));
                        return;
                    }
                    Ok(Some(message)) => {
                        let is_request = message.get("id").is_some() && message.get("method").is_some();
                        if is_request {
                            task_requests.lock().unwrap().push(message.clone());
                            let result = match message["method"].as_str() {
                                Some("workspace/configuration") => {
                                    let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                                    let answer = task_configuration.lock().unwrap().clone();
                                    Value::Array(vec![answer; items])
                                }
                                _ => Value::Null,
                            };
                            let response = json!({"jsonrpc": "2.0", "id": message["id"], "result": result});
                            write_message(&task_writer, &response).await;
                        } else if sender.send(Incoming::Message(message)).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        TestClient {
            writer,
            incoming,
            queue: VecDeque::new(),
            next_id: 1,
            configuration,
            server_requests,
            child: None,
            ended: false,
        }
    }

    /// The real server, in memory, over a duplex pipe.
    pub fn in_memory() -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        tokio::spawn(copydesk::server::serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_end);
        TestClient::start(client_read, client_write)
    }

    /// The built binary, over its stdin and stdout.
    pub fn binary(args: &[&str]) -> TestClient {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(args)
            .env("COPYDESK_LOG", "info")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the copydesk binary starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut client = TestClient::start(stdout, stdin);
        client.child = Some(child);
        client
    }

    pub fn writer(&self) -> Writer {
        self.writer.clone()
    }

    async fn next_incoming(&mut self) -> Value {
        let next = tokio::time::timeout(PATIENCE, self.incoming.recv())
            .await
            .expect("the server answers in time")
            .expect("the reader is alive");
        match next {
            Incoming::Message(message) => message,
            Incoming::End => {
                self.ended = true;
                panic!("the server closed the connection");
            }
            Incoming::Garbage(error) => panic!("the server wrote something that is not LSP: {error}"),
        }
    }

    /// Send a request and return its `result` (Ok) or `error` (Err).
    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params).await;
        self.response(id).await
    }

    /// Send a request without waiting; returns its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        write_message(&self.writer, &message(Some(id), method, params)).await;
        id
    }

    /// Wait for the response to request `id`, queueing notifications.
    pub async fn response(&mut self, id: i64) -> Result<Value, Value> {
        loop {
            let message = self.next_incoming().await;
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return match message.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(message.get("result").cloned().unwrap_or(Value::Null)),
                };
            }
            self.queue.push_back(message);
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        write_message(&self.writer, &message(None, method, params)).await;
    }

    /// Wait for a notification `method` whose params satisfy `accept`;
    /// earlier ones that do not are dropped.
    pub async fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        while let Some(message) = self.queue.pop_front() {
            if message["method"] == method && accept(&message["params"]) {
                return message["params"].clone();
            }
        }
        loop {
            let message = self.next_incoming().await;
            if message["method"] == method && accept(&message["params"]) {
                return message["params"].clone();
            }
        }
    }

    /// Wait for the diagnostics of `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == uri && params["version"] == version
        })
        .await
    }

    /// The notifications received so far and not yet consumed.
    pub fn drain_queue(&mut self) -> Vec<Value> {
        while let Ok(Incoming::Message(message)) = self.incoming.try_recv() {
            self.queue.push_back(message);
        }
        self.queue.drain(..).collect()
    }

    /// `initialize` with the given client capabilities, then `initialized`.
    pub async fn initialize(&mut self, capabilities: Value) -> Value {
        self.initialize_with(json!({"processId": null, "rootUri": null, "capabilities": capabilities})).await
    }

    pub async fn initialize_with(&mut self, params: Value) -> Value {
        let result = self.request("initialize", params).await.expect("initialize succeeds");
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        )
        .await;
    }

    /// The server's copy of a document (`copydesk/documentText`).
    pub async fn document_text(&mut self, uri: &str) -> (String, i64) {
        let result =
            self.request("copydesk/documentText", json!({"uri": uri})).await.expect("the document is open");
        (result["text"].as_str().unwrap().to_owned(), result["version"].as_i64().unwrap())
    }

    /// `shutdown` then `exit`; for the binary, wait for the process and
    /// return its exit status and the rest of its output.
    pub async fn shutdown(&mut self) -> Option<std::process::ExitStatus> {
        let result = self.request("shutdown", Value::Null).await;
        assert_eq!(result, Ok(Value::Null), "shutdown answers null");
        self.notify("exit", Value::Null).await;
        let mut child = self.child.take()?;
        let status = tokio::time::timeout(PATIENCE, child.wait()).await.expect("the server exits").unwrap();
        Some(status)
    }

    /// After the binary exits: whether its stdout ended cleanly, with
    /// nothing but protocol messages.
    pub async fn stdout_ended_cleanly(&mut self) -> bool {
        if self.ended {
            return true;
        }
        loop {
            match tokio::time::timeout(PATIENCE, self.incoming.recv()).await.expect("stdout closes") {
                Some(Incoming::Message(message)) => self.queue.push_back(message),
                Some(Incoming::End) => return true,
                Some(Incoming::Garbage(_)) | None => return false,
            }
        }
    }
}

/// A JSON-RPC request (with an id) or notification; `null` params are
/// left out, as the protocol wants for `shutdown` and `exit`.
pub fn message(id: Option<i64>, method: &str, params: Value) -> Value {
    let mut message = json!({"jsonrpc": "2.0", "method": method});
    if let Some(id) = id {
        message["id"] = json!(id);
    }
    if !params.is_null() {
        message["params"] = params;
    }
    message
}

/// Client capabilities of a modern editor: UTF-8 offered, push diagnostics.
pub fn capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {
            "publishDiagnostics": {"versionSupport": true, "relatedInformation": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source", "refactor"]}}}
        },
        "workspace": {"workspaceEdit": {"documentChanges": true}}
    })
}

/// A `file://` URI under a folder name that cannot exist.
pub fn uri(name: &str) -> String {
    format!("file:///copydesk-test-nonexistent/{name}")
}

/// The protocol position of byte `offset` in `text`, written naively (a
/// reference independent of the server's line index). Lines end at `\n`,
/// `\r\n` or `\r`.
pub fn position(text: &str, offset: usize, encoding: &str) -> Value {
    let (mut line, mut column) = (0, 0);
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => (line, column) = (line + 1, 0),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => (line, column) = (line + 1, 0),
            c => {
                column += match encoding {
                    "utf-8" => c.len_utf8(),
                    "utf-16" => c.len_utf16(),
                    _ => 1,
                }
            }
        }
    }
    json!({"line": line, "character": column})
}

/// A protocol range from two byte offsets.
pub fn range(text: &str, start: usize, end: usize, encoding: &str) -> Value {
    json!({"start": position(text, start, encoding), "end": position(text, end, encoding)})
}
