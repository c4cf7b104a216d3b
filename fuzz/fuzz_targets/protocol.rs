//! Arbitrary JSON-RPC frames into the real server (`copydesk::server::serve`)
//! over an in-memory duplex: well-formed requests with odd parameters,
//! bodies that are not JSON, broken headers. The server must neither panic
//! nor hang; a fake client answers the server's own requests and drains
//! its output. Each input ends with `shutdown` and `exit`.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const METHODS: &[&str] = &[
    "initialize",
    "initialized",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/didSave",
    "textDocument/hover",
    "textDocument/codeAction",
    "textDocument/inlayHint",
    "textDocument/documentSymbol",
    "textDocument/diagnostic",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWatchedFiles",
    "copydesk/documentText",
    "$/cancelRequest",
    "shutdown",
    "no/suchMethod",
];

const URIS: &[&str] =
    &["file:///fuzz/a.md", "file:///fuzz/b.txt", "file:///fuzz/copydesk.toml", "untitled:x", "not a uri"];

#[derive(Arbitrary, Debug)]
enum Frame {
    /// A message built from the pieces below.
    Message {
        id: Option<i8>,
        method: u8,
        uri: u8,
        text: String,
        line: u8,
        character: u8,
        version: i8,
        raw: Option<String>,
    },
    /// Any body, correctly framed (often not JSON).
    Body(String),
    /// Any bytes at all (often a broken header, which ends the input).
    Raw(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    encodings: u8,
    pull: bool,
    configuration: bool,
    frames: Vec<Frame>,
}

fn position(line: u8, character: u8) -> Value {
    json!({"line": line % 6, "character": character})
}

fn message(frame: &Frame) -> Option<Vec<u8>> {
    let body = match frame {
        Frame::Raw(bytes) => return Some(bytes.clone()),
        Frame::Body(body) => body.clone(),
        Frame::Message { id, method, uri, text, line, character, version, raw } => {
            let method = METHODS[usize::from(*method) % METHODS.len()];
            let uri = URIS[usize::from(*uri) % URIS.len()];
            let at = position(*line, *character);
            let range = json!({"start": position(*character, *line), "end": at});
            let params = match raw.as_deref().map(serde_json::from_str::<Value>) {
                Some(Ok(value)) => value,
                Some(Err(_)) => Value::String(raw.clone().unwrap_or_default()),
                None => json!({
                    "textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text},
                    "contentChanges": [{"range": range, "text": text}, {"text": text}],
                    "position": at, "range": range, "context": {"diagnostics": []},
                    "settings": {"copydesk": {"quotes": {"style": text}}},
                    "changes": [{"uri": uri, "type": 2}], "uri": uri, "id": version,
                    "processId": null, "capabilities": {}
                }),
            };
            let mut message = json!({"jsonrpc": "2.0", "method": method, "params": params});
            if let Some(id) = id {
                message["id"] = json!(id);
            }
            serde_json::to_string(&message).ok()?
        }
    };
    Some(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes())
}

fn frame(value: &Value) -> Vec<u8> {
    let body = value.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fuzz_target!(|input: Input| {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let (client, server) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server);
        let serving = tokio::spawn(copydesk::server::serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client);
        let writer = std::sync::Arc::new(tokio::sync::Mutex::new(client_write));
        // The fake client: answer the server's requests with null (a list
        // of nulls for `workspace/configuration`), drop everything else.
        let answer_writer = writer.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(client_read);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length:") {
                        length = value.trim().parse().expect("the server frames its messages");
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).await.is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if message.get("id").is_some() && message.get("method").is_some() {
                    let result = if message["method"] == "workspace/configuration" {
                        json!([null])
                    } else {
                        Value::Null
                    };
                    let reply = frame(&json!({"jsonrpc": "2.0", "id": message["id"], "result": result}));
                    let _ = answer_writer.lock().await.write_all(&reply).await;
                }
            }
        });
        let encodings: Vec<&str> = ["utf-8", "utf-16", "utf-32", "latin-1"]
            .iter()
            .enumerate()
            .filter(|(i, _)| input.encodings & (1 << i) != 0)
            .map(|(_, e)| *e)
            .collect();
        let initialize = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "processId": null, "rootUri": null,
        "capabilities": {
            "general": {"positionEncodings": encodings},
            "workspace": {"configuration": input.configuration},
            "textDocument": {"diagnostic": if input.pull { json!({}) } else { Value::Null }}
        }}});
        let mut bytes = frame(&initialize);
        bytes.extend(frame(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})));
        for piece in &input.frames {
            if let Some(piece) = message(piece) {
                bytes.extend(piece);
            }
        }
        bytes.extend(frame(&json!({"jsonrpc": "2.0", "id": 1000, "method": "shutdown"})));
        bytes.extend(frame(&json!({"jsonrpc": "2.0", "method": "exit"})));
        {
            let mut writer = writer.lock().await;
            let _ = writer.write_all(&bytes).await;
            let _ = writer.shutdown().await;
        }
        match tokio::time::timeout(Duration::from_secs(20), serving).await {
            Ok(Ok(_ending)) => {}
            Ok(Err(error)) => panic!("the server task failed: {error}"),
            Err(_) => panic!("the server did not finish within 20 s of its input ending"),
        }
    });
});
