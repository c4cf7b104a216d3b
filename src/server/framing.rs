//! A guard in front of tower-lsp's reader, and a fast lane beside its
//! writer.
//!
//! Input: tower-lsp stops reading for good at the first message whose body is not
//! JSON (its framed reader ends after a decoding error), which would end the
//! session. [`filter`] reads the framed messages first and passes on only
//! those tower-lsp can decode (`check`: in one pass that keeps no copy of a
//! document's text); a bad one is logged (stderr) and dropped, and the
//! session goes on. A broken header cannot be resynchronised, so it ends
//! the input as tower-lsp would.
//!
//! Output: tower-lsp turns every outgoing message into a `serde_json::Value`
//! tree before writing it, which for 13,500 diagnostics of a 3 MB book costs
//! more than serialising them (and tens of megabytes of short-lived maps).
//! The push worker therefore serialises `publishDiagnostics` itself
//! ([`Outbox::send`]) and [`merge`] writes that frame in the place of a
//! tiny marker notification it sent through tower-lsp at the same moment:
//! the frame goes out exactly where tower-lsp would have written the
//! notification, so messages keep the order in which they were sent
//! (a log line before its diagnostics, a close's empty list after the last
//! publication).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tower_lsp::lsp_types::notification::Notification;
use tower_lsp::Client;

use check::Verdict;

mod check;

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
        // A body tower-lsp cannot decode would stop its reader.
        match check::verdict(&body) {
            Verdict::Message => {}
            Verdict::NotText => {
                tracing::warn!("copydesk ignored a message that is not UTF-8 text");
                continue;
            }
            Verdict::NotJson(error) => {
                tracing::warn!("copydesk ignored a message that is not JSON ({error})");
                continue;
            }
            Verdict::NotMessage => {
                tracing::warn!("copydesk ignored a message that is not a JSON-RPC 2.0 request or response");
                continue;
            }
        }
        let header = format!("Content-Length: {length}\r\n\r\n");
        if output.write_all(header.as_bytes()).await.is_err() || output.write_all(&body).await.is_err() {
            return;
        }
    }
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

/// The marker notification [`merge`] replaces with a pre-serialised frame.
/// It never reaches the client.
#[derive(Debug)]
enum Marker {}

impl Notification for Marker {
    type Params = MarkerParams;
    const METHOD: &'static str = "copydesk/internal/frame";
}

#[derive(Debug, Serialize, Deserialize)]
struct MarkerParams {
    frame: u64,
}

/// The server's side of the fast lane: hands pre-serialised message bodies
/// to [`merge`].
#[derive(Debug)]
pub struct Outbox {
    frames: UnboundedSender<(u64, Vec<u8>)>,
    next: AtomicU64,
}

impl Outbox {
    /// An outbox and the receiving end for [`merge`].
    pub fn new() -> (Outbox, UnboundedReceiver<(u64, Vec<u8>)>) {
        let (frames, receiver) = unbounded_channel();
        (Outbox { frames, next: AtomicU64::new(0) }, receiver)
    }

    /// Send the JSON-RPC message `body` (a complete notification) in order
    /// with everything sent through `client`. Returns `body` back when the
    /// writer is gone.
    pub async fn send(&self, client: &Client, body: Vec<u8>) -> Result<(), Vec<u8>> {
        let frame = self.next.fetch_add(1, Ordering::Relaxed);
        self.frames.send((frame, body)).map_err(|error| error.0 .1)?;
        client.send_notification::<Marker>(MarkerParams { frame }).await;
        Ok(())
    }
}

/// Frames kept for markers that came out of order (two documents publishing
/// at once); beyond this, the oldest is dropped.
const MAX_WAITING: usize = 64;

/// Copy tower-lsp's framed output to `output`, replacing each marker with
/// the frame it names. Returns when tower-lsp's output ends or `output`
/// fails.
pub async fn merge<I, O>(from_tower: I, mut frames: UnboundedReceiver<(u64, Vec<u8>)>, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    tokio::pin!(output);
    let mut input = BufReader::new(from_tower);
    let mut waiting: HashMap<u64, Vec<u8>> = HashMap::new();
    loop {
        let length = match read_header(&mut input).await {
            Ok(Some(length)) => length,
            Ok(None) => return,
            Err(problem) => {
                tracing::error!("copydesk stopped writing: {problem}");
                return;
            }
        };
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        if let Some(frame) = marker(&body) {
            let mut found = waiting.remove(&frame);
            // The frame was queued before its marker was sent.
            while found.is_none() {
                match frames.recv().await {
                    Some((id, bytes)) if id == frame => found = Some(bytes),
                    Some((id, bytes)) => {
                        waiting.insert(id, bytes);
                        // tower-lsp drops notifications before `initialized`:
                        // a frame whose marker never comes must not stay.
                        if waiting.len() > MAX_WAITING {
                            if let Some(oldest) = waiting.keys().min().copied() {
                                waiting.remove(&oldest);
                            }
                        }
                    }
                    None => break,
                }
            }
            match found {
                Some(bytes) => body = bytes,
                None => continue,
            }
        }
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let written = async {
            output.write_all(header.as_bytes()).await?;
            output.write_all(&body).await?;
            output.flush().await
        };
        if written.await.is_err() {
            return;
        }
    }
}

/// The frame number of a marker notification, `None` for any other message.
fn marker(body: &[u8]) -> Option<u64> {
    if body.len() > 160 || memchr::memmem::find(body, Marker::METHOD.as_bytes()).is_none() {
        return None;
    }
    #[derive(Deserialize)]
    struct Message {
        method: String,
        params: MarkerParams,
    }
    let message: Message = serde_json::from_slice(body).ok()?;
    (message.method == Marker::METHOD).then_some(message.params.frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn marker_body(frame: u64) -> String {
        format!(r#"{{"jsonrpc":"2.0","method":"{}","params":{{"frame":{frame}}}}}"#, Marker::METHOD)
    }

    /// What tower-lsp writes, the frames queued in the outbox (in queue
    /// order), and what reaches the client: each marker replaced by its
    /// frame, in the marker's place, whatever order the frames were queued.
    #[tokio::test]
    async fn markers_are_replaced_by_their_frames_in_place() {
        let log = r#"{"jsonrpc":"2.0","method":"window/logMessage","params":{"type":3,"message":"x"}}"#;
        let reply = r#"{"jsonrpc":"2.0","result":null,"id":1}"#;
        let mention = format!(
            r#"{{"jsonrpc":"2.0","method":"window/logMessage","params":{{"type":3,"message":"{}"}}}}"#,
            Marker::METHOD
        );
        /// tower-lsp's output, the queued frames, what the client reads.
        type Case<'a> = (Vec<String>, Vec<(u64, &'a str)>, Vec<&'a str>);
        let cases: Vec<Case> = vec![
            (vec![log.into(), marker_body(0), reply.into()], vec![(0, "A")], vec![log, "A", reply]),
            (vec![marker_body(1), marker_body(0)], vec![(0, "A"), (1, "B")], vec!["B", "A"]),
            (vec![reply.into()], vec![], vec![reply]),
            // A marker whose frame never came (the outbox is gone) is dropped.
            (vec![marker_body(5), log.into()], vec![], vec![log]),
            // Another notification that merely mentions the method passes.
            (vec![mention.clone()], vec![], vec![mention.as_str()]),
        ];
        for (index, (from_tower, queued, expected)) in cases.into_iter().enumerate() {
            let (outbox, receiver) = Outbox::new();
            for (id, body) in &queued {
                outbox.frames.send((*id, body.as_bytes().to_vec())).unwrap();
            }
            drop(outbox);
            let input: String = from_tower.iter().map(|body| frame(body)).collect();
            let mut output = Vec::new();
            merge(input.as_bytes(), receiver, &mut output).await;
            let expected: String = expected.iter().map(|body| frame(body)).collect();
            assert_eq!(String::from_utf8(output).unwrap(), expected, "case {index}");
        }
    }
}
