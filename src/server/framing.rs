//! A guard in front of tower-lsp's reader.
//!
//! tower-lsp stops reading for good at the first message whose body is not
//! JSON (its framed reader ends after a decoding error), which would end the
//! session. [`filter`] reads the framed messages first and passes on only
//! those whose body parses; a bad one is logged (stderr) and dropped, and
//! the session goes on. A broken header cannot be resynchronised, so it ends
//! the input as tower-lsp would.

use serde::de::IgnoredAny;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// Copy framed messages from `input` to `output`, dropping those whose body
/// is not JSON. Returns when `input` ends or a header is unreadable.
pub async fn filter<I, O>(input: I, mut output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    loop {
        let length = match read_header(&mut input).await {
            Ok(Some(length)) => length,
            Ok(None) => return,
            Err(problem) => {
                tracing::error!("copydesk stopped reading: {problem}");
                return;
            }
        };
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            tracing::error!("copydesk stopped reading: the input ended inside a message");
            return;
        }
        if let Err(error) = serde_json::from_slice::<IgnoredAny>(&body) {
            tracing::warn!("copydesk ignored a message that is not JSON ({error})");
            continue;
        }
        // JSON that tower-lsp cannot read as a request or response (an
        // array, a number, no `"jsonrpc": "2.0"`, invalid UTF-8 inside a
        // string) would stop its reader just the same.
        if !is_message(&body) {
            tracing::warn!("copydesk ignored a message that is not a JSON-RPC 2.0 request or response");
            continue;
        }
        let header = format!("Content-Length: {length}\r\n\r\n");
        if output.write_all(header.as_bytes()).await.is_err() || output.write_all(&body).await.is_err() {
            return;
        }
    }
}

/// Whether tower-lsp's codec can decode `body` (its message type is an
/// untagged request-or-response).
fn is_message(body: &[u8]) -> bool {
    serde_json::from_slice::<tower_lsp::jsonrpc::Request>(body).is_ok()
        || serde_json::from_slice::<tower_lsp::jsonrpc::Response>(body).is_ok()
}

/// The `Content-Length` of the next message; `None` at a clean end.
async fn read_header<I: AsyncRead + Unpin>(input: &mut BufReader<I>) -> Result<Option<usize>, String> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = String::new();
        let read =
            input.read_line(&mut line).await.map_err(|error| format!("unreadable header ({error})"))?;
        if read == 0 {
            return if first { Ok(None) } else { Err("the input ended inside a header".to_owned()) };
        }
        first = false;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return length.map(Some).ok_or_else(|| "a message without Content-Length".to_owned());
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("a header line that is not a header: {line:?}"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse().map_err(|_| format!("a bad Content-Length: {value:?}"))?);
        }
    }
}
