//! The edit-ordering test: 10,000 random incremental edits sent as fast as
//! the pipe takes them, never waiting for the server. A client-side model
//! applies the same edits; afterwards the server's text
//! (`copydesk/documentText`) must equal the model's, in each negotiated
//! position encoding. The edits mix emoji outside the BMP, CJK, combining
//! marks, CRLF and lone CR line breaks, and edits at line ends.

mod common;

use common::{capabilities, range, TestClient};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const EDITS: usize = 10_000;

/// What gets inserted: text that breaks naive position arithmetic.
const PIECES: &[&str] = &[
    "a",
    "word ",
    "Putin ",
    "\n",
    "\r\n",
    "\r",
    "😀",
    "👍🏽",
    "𝔘",
    "日本語",
    "习近平",
    "e\u{301}",
    "\u{0308}",
    "“",
    "”",
    "",
    "",
];

const START: &str = "date 2023-04-17\r\nMOSCOW, April 16 (Reuters) - \"We agreed,\" Putin said.\r\n\r\n习近平 met him 😀.\nLast line";

/// A character boundary of `text` that a position can name (not between
/// the `\r` and `\n` of a CRLF).
fn valid(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    if offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text[offset..].starts_with('\n') {
        offset -= 1;
    }
    offset
}

/// The end of the line containing `offset` (before its line break).
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find(['\r', '\n']).map_or(text.len(), |i| offset + i)
}

/// One random change against `text`: its byte range and new text.
fn random_change(rng: &mut SmallRng, text: &str) -> (usize, usize, String) {
    let mut start = valid(text, rng.gen_range(0..=text.len()));
    if rng.gen_bool(0.25) {
        start = line_end(text, start);
    }
    let long = text.len() > 1200;
    let delete = if long { rng.gen_range(0..40) } else { rng.gen_range(0..6) };
    let mut end = valid(text, start + delete);
    if end < start {
        end = start;
    }
    let pieces = rng.gen_range(0..3);
    let insert: String = (0..pieces).map(|_| PIECES[rng.gen_range(0..PIECES.len())]).collect();
    (start, end, insert)
}

async fn flood(encoding: &str, seed: u64) {
    let mut client = TestClient::in_memory();
    let result = client.initialize(capabilities(&[encoding])).await;
    assert_eq!(result["capabilities"]["positionEncoding"], encoding);
    let uri = common::uri(&format!("flood-{encoding}.md"));
    client.open(&uri, 0, START).await;

    let mut rng = SmallRng::seed_from_u64(seed);
    let mut model = START.to_owned();
    let (mut version, mut sent) = (0, 0);
    while sent < EDITS {
        // Mostly one change per notification, sometimes a batch, applied
        // in order within it as the protocol says.
        let batch = if rng.gen_bool(0.1) { rng.gen_range(2..5) } else { 1 };
        let mut changes: Vec<Value> = Vec::new();
        for _ in 0..batch {
            let (start, end, insert) = random_change(&mut rng, &model);
            changes.push(json!({"range": range(&model, start, end, encoding), "text": insert}));
            model.replace_range(start..end, &insert);
            sent += 1;
        }
        version += 1;
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
            )
            .await;
    }

    let (text, server_version) = client.document_text(&uri).await;
    assert_eq!(server_version, version);
    assert!(text == model, "{encoding}: the server's text differs from the client's");
    // The last version is analysed and published; older results were
    // dropped or came earlier.
    client.diagnostics(&uri, version).await;
    client.shutdown().await;
}

#[tokio::test]
async fn ten_thousand_edits_in_utf16() {
    flood("utf-16", 16).await;
}

#[tokio::test]
async fn ten_thousand_edits_in_utf8() {
    flood("utf-8", 8).await;
}

#[tokio::test]
async fn ten_thousand_edits_in_utf32() {
    flood("utf-32", 32).await;
}

/// The same flood on a multi-threaded runtime, where handlers really do run
/// on several threads at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_edits_on_a_multi_threaded_runtime() {
    flood("utf-16", 1616).await;
}
