//! Bad protocol input is survived and answered sensibly, and the next
//! request is still answered. One test per kind of bad input.

mod common;

use common::{capabilities, uri, TestClient};
use serde_json::{json, Value};

fn change(uri: &str, version: i64, range: ((u32, u32), (u32, u32)), text: &str) -> Value {
    let ((start_line, start_character), (end_line, end_character)) = range;
    json!({"textDocument": {"uri": uri, "version": version},
           "contentChanges": [{"range": {"start": {"line": start_line, "character": start_character},
                                         "end": {"line": end_line, "character": end_character}},
                               "text": text}]})
}

async fn started(encoding: &str) -> TestClient {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&[encoding])).await;
    client
}

/// A warning in the client's log that mentions `needle`.
async fn warned(client: &mut TestClient, needle: &str) -> String {
    let logged = client
        .notification("window/logMessage", |params| {
            params["type"] == 2 && params["message"].as_str().is_some_and(|message| message.contains(needle))
        })
        .await;
    logged["message"].as_str().unwrap().to_owned()
}

/// The server still answers: a request on another, healthy document.
async fn still_answers(client: &mut TestClient) {
    let healthy = uri("healthy.md");
    client.open(&healthy, 1, "Still here.").await;
    assert_eq!(client.document_text(&healthy).await, ("Still here.".to_owned(), 1));
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": healthy}, "position": {"line": 0, "character": 1}}),
        )
        .await;
    assert!(hover.is_ok(), "{hover:?}");
}

#[tokio::test]
async fn a_change_to_an_unopened_document_is_logged_and_dropped() {
    let mut client = started("utf-16").await;
    let ghost = uri("never-opened.md");
    client.notify("textDocument/didChange", change(&ghost, 2, ((0, 0), (0, 0)), "boo")).await;
    let message = warned(&mut client, "never-opened.md").await;
    assert!(message.contains("not open"), "{message}");
    let error = client.request("copydesk/documentText", json!({"uri": ghost})).await.unwrap_err();
    assert_eq!(error["code"], -32602, "no document was created by the change");
    still_answers(&mut client).await;
    client.shutdown().await;
}

/// Start text, range of an insertion of "X", resulting text: clamped to
/// the line end or the document end, as the protocol says of positions.
#[tokio::test]
async fn a_range_past_the_end_is_clamped_and_logged() {
    type Case = ((u32, u32), (u32, u32), &'static str);
    let cases: &[Case] = &[
        ((0, 99), (0, 99), "abcX\r\ndef"), // past the end of the line (never inside the CRLF)
        ((5, 0), (9, 9), "abc\r\ndefX"),   // past the last line
        ((1, 1), (7, 0), "abc\r\ndX"),     // from inside to past the end: deletes to the end
    ];
    for &(start, end, expected) in cases {
        let mut client = started("utf-16").await;
        let doc = uri("short.md");
        client.open(&doc, 1, "abc\r\ndef").await;
        client.notify("textDocument/didChange", change(&doc, 2, (start, end), "X")).await;
        warned(&mut client, "past the end").await;
        assert_eq!(client.document_text(&doc).await, (expected.to_owned(), 2), "{start:?}-{end:?}");
        client.diagnostics(&doc, 2).await;
        still_answers(&mut client).await;
        client.shutdown().await;
    }
}

#[tokio::test]
async fn a_position_inside_a_surrogate_pair_snaps_to_the_character_start() {
    let mut client = started("utf-16").await;
    let doc = uri("emoji.md");
    client.open(&doc, 1, "a😀b").await;
    // UTF-16 column 2 is between the two halves of 😀 (columns 1–2).
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 2}}),
        )
        .await;
    assert!(hover.is_ok(), "hover inside a surrogate pair is answered: {hover:?}");
    client.notify("textDocument/didChange", change(&doc, 2, ((0, 2), (0, 2)), "!")).await;
    warned(&mut client, "inside a character").await;
    assert_eq!(
        client.document_text(&doc).await,
        ("a!😀b".to_owned(), 2),
        "inserted before the emoji, not inside it"
    );
    still_answers(&mut client).await;
    client.shutdown().await;
}

#[tokio::test]
async fn unknown_methods_are_refused_or_ignored() {
    let mut client = started("utf-16").await;
    let error = client.request("copydesk/noSuchRequest", json!({})).await.unwrap_err();
    assert_eq!(error["code"], -32601, "an unknown request is MethodNotFound: {error}");
    client.notify("copydesk/noSuchNotification", json!({"x": 1})).await;
    client.notify("$/noSuchThing", json!({})).await;
    // A known method with parameters of the wrong shape is InvalidParams.
    let error = client.request("textDocument/hover", json!({"position": "here"})).await.unwrap_err();
    assert_eq!(error["code"], -32602, "{error}");
    still_answers(&mut client).await;
    let answers: Vec<Value> =
        client.drain_queue().into_iter().filter(|message| message.get("id").is_some()).collect();
    assert!(answers.is_empty(), "notifications get no answer: {answers:?}");
    client.shutdown().await;
}

/// tower-lsp alone would stop reading at such a message; the server drops
/// it (logging to stderr) and reads on.
#[tokio::test]
async fn a_message_that_is_not_json_is_dropped_and_the_session_goes_on() {
    let mut client = started("utf-16").await;
    common::write_raw(&client.writer(), b"Content-Length: 9\r\n\r\n{not json").await;
    still_answers(&mut client).await;
    client.shutdown().await;
}

#[tokio::test]
async fn a_ten_megabyte_single_line_document_is_served() {
    let mut client = started("utf-16").await;
    let doc = uri("huge.md");
    let sentence = "Putin said “we agreed” in Moscow 日本 😀 on Sunday. ";
    let text = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    assert!(text.len() >= 10 * 1024 * 1024 && !text.contains('\n'));
    client.open(&doc, 1, &text).await;
    let published = client.diagnostics(&doc, 1).await;
    assert!(published["diagnostics"].is_array());
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 5_000_000}}),
        )
        .await;
    assert!(hover.is_ok(), "{hover:?}");
    // An edit at the far end of the line still lands where it should.
    let end_column = text.encode_utf16().count() as u32;
    client.notify("textDocument/didChange", change(&doc, 2, ((0, end_column), (0, end_column)), "END")).await;
    let (server_text, version) = client.document_text(&doc).await;
    assert_eq!(version, 2);
    assert!(server_text.len() == text.len() + 3 && server_text.ends_with(" END"));
    still_answers(&mut client).await;
    client.shutdown().await;
}
