//! Isolation: a panic in the analysis of one document, or a pathological
//! document, must not cost the journalist the rest of the session.
//!
//! The panic is injected with the test-only feature `panic-injection` (on
//! for the tests through the crate's dev-dependency on itself): a document
//! containing `INJECTED_PANIC_MARKER` makes `analyze` panic.

mod common;

use common::{capabilities, uri, TestClient};
use copydesk::analysis::INJECTED_PANIC_MARKER;
use serde_json::{json, Value};

fn hover_params(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

#[tokio::test]
async fn an_injected_panic_answers_that_document_with_an_error_and_the_next_hover_elsewhere() {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-16"])).await;
    let broken = uri("broken.md");
    let healthy = uri("healthy.md");
    client.open(&broken, 3, &format!("“Unclosed, she said. {INJECTED_PANIC_MARKER}")).await;
    client.open(&healthy, 1, "“Unclosed, she said.").await;

    // The panic is logged as an error naming the document and its version.
    let logged = client
        .notification("window/logMessage", |params| {
            params["type"] == 1 && params["message"].as_str().is_some_and(|m| m.contains("broken.md"))
        })
        .await;
    let logged = logged["message"].as_str().unwrap();
    assert!(logged.contains(&broken) && logged.contains("version 3"), "{logged}");
    assert!(logged.contains("injected panic"), "{logged}");

    // That document's requests are answered with an error naming it.
    for method in ["textDocument/hover", "textDocument/inlayHint", "textDocument/documentSymbol"] {
        let params = json!({"textDocument": {"uri": broken}, "position": {"line": 0, "character": 1},
                            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 5}}});
        let error = client.request(method, params).await.expect_err(method);
        assert_eq!(error["code"], -32603, "{method}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(&broken) && message.contains("version 3"), "{method}: {message}");
    }
    // The diagnostics for it are empty rather than missing.
    let published = client.diagnostics(&broken, 3).await;
    assert_eq!(published["diagnostics"], json!([]));

    // The next hover, on another document, is answered with its content.
    let hover = client.request("textDocument/hover", hover_params(&healthy, 0, 0)).await.expect("answered");
    let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(markdown.contains("never closed"), "{hover}");

    // Editing the broken document (the marker removed) brings it back.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": broken, "version": 4},
                   "contentChanges": [{"text": "“Unclosed, she said."}]}),
        )
        .await;
    let hover = client.request("textDocument/hover", hover_params(&broken, 0, 0)).await.expect("answered");
    assert!(hover["contents"]["value"].as_str().unwrap_or_default().contains("never closed"), "{hover}");
    client.shutdown().await;
}

/// Name, text. Each is analysed (diagnostics published) or degraded with an
/// info diagnostic naming the skipped checks; hover on it and on another
/// document still answers.
fn pathological() -> Vec<(&'static str, String)> {
    vec![
        ("100,000 quotation marks", "“".repeat(50_000) + "Yes" + &"”".repeat(50_000)),
        ("100,000 straight quotes", "\"".repeat(50_000) + "no" + &"\"".repeat(50_000)),
        // Marks alone make no paragraph (no letter): nothing to pair, so
        // analysed in full.
        ("100,000 quotation marks and no word", "“".repeat(50_000) + &"”".repeat(50_000)),
        ("a 10 MB line", "word “quote” and ‘more’ ".repeat(10_000_000 / 25)),
        ("1,000 nested quotes", "“‘".repeat(500) + "deep" + &"’”".repeat(500)),
        ("1,000 unclosed nested quotes", "“‘„«".repeat(250)),
        ("100,000 apostrophes", "it’s ".repeat(20_000)),
    ]
}

#[tokio::test]
async fn pathological_documents_are_analysed_or_degrade_and_hover_still_answers() {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-8"])).await;
    let healthy = uri("healthy.md");
    client.open(&healthy, 1, "“Unclosed, she said.").await;
    for (version, (name, text)) in (1..).zip(pathological()) {
        let doc = uri("pathological.md");
        client.open(&doc, version, &text).await;
        let published = client.diagnostics(&doc, version).await;
        let diagnostics = published["diagnostics"].as_array().unwrap();
        let degraded = diagnostics.iter().find(|d| d["code"] == "analysis-limited");
        let expected =
            (name.starts_with("100,000 quotation") || name.contains("straight") || name.contains("10 MB"))
                && !name.contains("no word");
        assert_eq!(degraded.is_some(), expected, "{name}: degraded or analysed in full as expected");
        if let Some(degraded) = degraded {
            let message = degraded["message"].as_str().unwrap();
            assert!(
                message.contains("unclosed-quote") && message.contains("mismatched-quote"),
                "{name}: {message}"
            );
            assert_eq!(degraded["severity"], 3, "{name}: the degradation is an info diagnostic");
            assert!(degraded["message"].as_str().unwrap().contains("skipped"), "{name}: {degraded}");
        }
        let hover = client.request("textDocument/hover", hover_params(&doc, 0, 0)).await;
        assert!(hover.is_ok(), "{name}: hover on it answers: {hover:?}");
        let hover = client.request("textDocument/hover", hover_params(&healthy, 0, 0)).await;
        assert!(
            hover.expect("answered")["contents"]["value"].as_str().unwrap().contains("never closed"),
            "{name}"
        );
        client.notify("textDocument/didClose", json!({"textDocument": {"uri": doc}})).await;
    }
    client.shutdown().await;
}
