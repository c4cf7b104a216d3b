//! Typing the example article's quotation through the protocol, one
//! character per `didChange`: while the quotation is half-typed its only
//! quote diagnostic is `unclosed-quote` on the opening mark; when the closing
//! mark arrives the unclosed diagnostic disappears (the article's closing
//! mark is the wrong glyph “, so `mismatched-quote` takes its place).

mod common;

use common::{capabilities, position, uri, TestClient};
use serde_json::{json, Value};

const ARTICLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");

fn quote_diagnostics(published: &Value) -> Vec<Value> {
    published["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"].as_str().is_some_and(|code| code.ends_with("-quote")))
        .cloned()
        .collect()
}

#[tokio::test]
async fn typing_the_quotation_keeps_unclosed_quote_on_its_opening_mark() {
    let start = ARTICLE.find("“Relationships").unwrap();
    let end = ARTICLE.find("ministries“").unwrap() + "ministries“".len();
    let quotation = &ARTICLE[start..end];
    let mut text = format!("{}{}", &ARTICLE[..start], &ARTICLE[end..]);

    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-16"])).await;
    let article = uri("russia-china.txt");
    client.open(&article, 1, &text).await;
    assert!(quote_diagnostics(&client.diagnostics(&article, 1).await).is_empty());

    let opening = position(ARTICLE, start, "utf-16");
    let count = quotation.chars().count();
    let mut at = start;
    for (typed, c) in quotation.chars().enumerate() {
        let version = typed as i64 + 2;
        let here = position(&text, at, "utf-16");
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": article, "version": version},
                       "contentChanges": [{"range": {"start": here, "end": here}, "text": c.to_string()}]}),
            )
            .await;
        text.insert(at, c);
        at += c.len_utf8();
        let found = quote_diagnostics(&client.diagnostics(&article, version).await);
        if typed + 1 < count {
            assert_eq!(found.len(), 1, "after {} characters: {found:?}", typed + 1);
            assert_eq!(found[0]["code"], "unclosed-quote");
            assert_eq!(found[0]["range"]["start"], opening, "after {} characters", typed + 1);
        } else {
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0]["code"], "mismatched-quote", "the unclosed diagnostic is gone");
        }
    }
    assert_eq!(text, ARTICLE);
    client.shutdown().await;
}
