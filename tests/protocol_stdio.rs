//! The built binary over stdio: the whole session an editor has with it,
//! ending in a clean exit. Its stdout must carry nothing but the protocol
//! (the test client fails on any stray byte).

mod common;

use common::{capabilities, TestClient};
use serde_json::json;

#[tokio::test]
async fn the_binary_serves_a_session_over_stdio_and_exits_cleanly() {
    let mut client = TestClient::binary(&["lsp"]);
    let result = client.initialize(capabilities(&["utf-8", "utf-16"])).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(result["capabilities"]["hoverProvider"], true);

    let article = common::uri("stdio.md");
    // A closing mark typed as an opening one, and a place the house spells
    // otherwise: two findings the real checks must report.
    let text = "MOSCOW, April 16 (Reuters) - “We agreed,“ Putin said in Kiev. 日本 😀\n";
    client.open(&article, 4, text).await;
    let published = client.diagnostics(&article, 4).await;
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .filter_map(|diagnostic| diagnostic["code"].as_str())
        .collect();
    assert!(codes.contains(&"mismatched-quote"), "{published}");
    assert!(codes.contains(&"place-name-style"), "{published}");

    // UTF-8 was negotiated, so a column is a byte offset into the line.
    let putin = text.find("Putin").expect("Putin is in the text") + 1;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": article}, "position": {"line": 0, "character": putin}}),
        )
        .await
        .expect("hover answers");
    let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(markdown.contains("Putin"), "{hover}");

    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": article},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}},
                   "context": {"diagnostics": [], "only": ["quickfix", "source.fixAll.copydesk"]}}),
        )
        .await
        .expect("code actions answer");
    let titles: Vec<&str> =
        actions.as_array().expect("an array").iter().filter_map(|action| action["title"].as_str()).collect();
    assert!(titles.iter().any(|title| title.contains('”')), "a fix for the closing mark: {titles:?}");
    assert!(titles.iter().any(|title| title.contains("Kyiv")), "a fix for Kiev: {titles:?}");

    let status = client.shutdown().await.expect("a child process");
    assert!(status.success(), "exit status {status:?}");
    assert!(client.stdout_ended_cleanly().await, "stdout carried something besides the protocol");
}

#[tokio::test]
async fn the_binary_with_no_argument_is_the_server() {
    let mut client = TestClient::binary(&[]);
    let result = client.initialize(json!({})).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    let status = client.shutdown().await.expect("a child process");
    assert_eq!(status.code(), Some(0));
    assert!(client.stdout_ended_cleanly().await);
}

#[tokio::test]
async fn exit_without_shutdown_exits_with_code_1() {
    let mut client = TestClient::binary(&[]);
    client.initialize(json!({})).await;
    client.notify("exit", serde_json::Value::Null).await;
    let status = client.child.as_mut().unwrap().wait().await.unwrap();
    assert_eq!(status.code(), Some(1), "the protocol asks for 1 when shutdown was skipped");
}
