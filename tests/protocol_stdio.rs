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
    let text = "MOSCOW, April 16 (Reuters) - \"We agreed,\" Putin said. 日本 😀\n";
    client.open(&article, 4, text).await;
    let published = client.diagnostics(&article, 4).await;
    assert!(published["diagnostics"].is_array());

    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": article}, "position": {"line": 0, "character": 33}}),
        )
        .await
        .expect("hover answers");
    assert!(hover.is_null() || hover["contents"].is_object(), "{hover}");

    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": article},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}},
                   "context": {"diagnostics": [], "only": ["quickfix", "source.fixAll.copydesk"]}}),
        )
        .await
        .expect("code actions answer");
    assert!(actions.is_array(), "{actions}");

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
