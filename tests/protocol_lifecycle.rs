//! The server's life cycle over the real transport (an in-memory duplex):
//! negotiation, open → versioned diagnostics, the features, pull
//! diagnostics, settings, shutdown.

mod common;

use common::{capabilities, uri, TestClient};
use serde_json::{json, Value};

const ARTICLE: &str = "# Talks in Moscow\n\nMOSCOW, April 16 (Reuters) - \"We agreed,\" Putin said.\r\nXi Jinping 习近平 met him 😀.\n";

/// Offered encodings → the one the server picks.
#[tokio::test]
async fn initialize_negotiates_the_position_encoding() {
    let cases: &[(Option<&[&str]>, &str)] = &[
        (Some(&["utf-8", "utf-16"]), "utf-8"),
        (Some(&["utf-16"]), "utf-16"),
        (Some(&["utf-32", "utf-16"]), "utf-16"),
        (Some(&["utf-32"]), "utf-32"),
        (None, "utf-16"),
    ];
    for &(offered, expected) in cases {
        let mut client = TestClient::in_memory();
        let caps = match offered {
            Some(offered) => capabilities(offered),
            None => json!({}),
        };
        let result = client.initialize(caps).await;
        assert_eq!(result["capabilities"]["positionEncoding"], expected, "{offered:?}");
        client.shutdown().await;
    }
}

#[tokio::test]
async fn initialize_announces_the_capabilities() {
    let mut client = TestClient::in_memory();
    let result = client.initialize(capabilities(&["utf-8"])).await;
    let caps = &result["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["inlayHintProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"].as_array().unwrap();
    for kind in ["quickfix", "refactor.rewrite", "source.fixAll.copydesk", "source.copydesk"] {
        assert!(kinds.contains(&json!(kind)), "{kind} in {kinds:?}");
    }
    assert!(caps.get("diagnosticProvider").is_none(), "push diagnostics only, for a client without pull");
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    client.shutdown().await;
}

#[tokio::test]
async fn open_and_change_publish_diagnostics_with_the_version_and_features_answer() {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-16"])).await;
    let article = uri("article.md");
    client.open(&article, 7, ARTICLE).await;
    let published = client.diagnostics(&article, 7).await;
    for diagnostic in published["diagnostics"].as_array().expect("a list") {
        assert_eq!(diagnostic["source"], "copydesk");
        assert!(diagnostic["code"].is_string() && diagnostic["message"].is_string());
    }

    let position = json!({"textDocument": {"uri": article}, "position": {"line": 2, "character": 31}});
    let hover = client.request("textDocument/hover", position).await.expect("hover answers");
    assert!(hover.is_null() || hover["contents"]["kind"] == "markdown", "{hover}");

    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 0}});
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": article}, "range": whole, "context": {"diagnostics": []}}),
        )
        .await
        .expect("code actions answer");
    for action in actions.as_array().expect("a list") {
        assert!(action["title"].is_string() && action["kind"].is_string(), "{action}");
    }

    let hints = client
        .request("textDocument/inlayHint", json!({"textDocument": {"uri": article}, "range": whole}))
        .await
        .expect("inlay hints answer");
    assert!(hints.is_array(), "{hints}");

    let symbols = client
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": article}}))
        .await
        .expect("symbols answer");
    assert!(symbols.is_array(), "{symbols}");

    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": article, "version": 8},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 7}},
                                       "text": "Meeting"}]}),
        )
        .await;
    client.diagnostics(&article, 8).await;
    let (text, version) = client.document_text(&article).await;
    assert_eq!((text.as_str(), version), (ARTICLE.replacen("Talks", "Meeting", 1).as_str(), 8));

    client.notify("textDocument/didClose", json!({"textDocument": {"uri": article}})).await;
    let cleared = client
        .notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == article && params["version"].is_null()
        })
        .await;
    assert_eq!(cleared["diagnostics"], json!([]), "closing clears the diagnostics");
    let error = client.request("copydesk/documentText", json!({"uri": article})).await.unwrap_err();
    assert_eq!(error["code"], -32602, "a closed document is forgotten");
    client.shutdown().await;
}

#[tokio::test]
async fn a_client_that_pulls_diagnostics_gets_them_on_request() {
    let mut client = TestClient::in_memory();
    let mut caps = capabilities(&["utf-8"]);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    let result = client.initialize(caps).await;
    assert_eq!(result["capabilities"]["diagnosticProvider"]["identifier"], "copydesk");
    let article = uri("pulled.md");
    client.open(&article, 3, ARTICLE).await;
    let report = client
        .request("textDocument/diagnostic", json!({"textDocument": {"uri": article}}))
        .await
        .expect("a report");
    assert_eq!(report["kind"], "full");
    assert!(report["items"].is_array());
    let result_id = report["resultId"].as_str().expect("a result id").to_owned();
    let again = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": article}, "previousResultId": result_id}),
        )
        .await
        .expect("a report");
    assert_eq!(again["kind"], "unchanged");
    let pushed: Vec<Value> = client
        .drain_queue()
        .into_iter()
        .filter(|message| message["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(pushed.is_empty(), "no push when the client pulls: {pushed:?}");
    client.shutdown().await;
}

/// A scratch workspace folder, removed when dropped.
struct Workspace(std::path::PathBuf);

impl Workspace {
    fn new(name: &str) -> Workspace {
        let path = std::env::temp_dir().join(format!("copydesk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join("desk")).unwrap();
        Workspace(path)
    }

    fn uri(&self, relative: &str) -> String {
        url(&self.0.join(relative))
    }
}

fn url(path: &std::path::Path) -> String {
    tower_lsp::lsp_types::Url::from_file_path(path).unwrap().to_string()
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn a_malformed_settings_file_is_reported_on_that_file_with_its_place() {
    let workspace = Workspace::new("bad-settings");
    std::fs::write(workspace.0.join("copydesk.toml"), "languages = [\"en\"]\n[dates]\nstyle = 5\n").unwrap();
    let mut client = TestClient::in_memory();
    client
        .initialize_with(json!({"processId": null, "rootUri": url(&workspace.0), "capabilities": capabilities(&["utf-16"])}))
        .await;
    let article = workspace.uri("desk/story.md");
    client.open(&article, 1, ARTICLE).await;
    let settings_uri = workspace.uri("copydesk.toml");
    let published =
        client.notification("textDocument/publishDiagnostics", |params| params["uri"] == settings_uri).await;
    let diagnostic = &published["diagnostics"][0];
    assert_eq!(diagnostic["range"]["start"], json!({"line": 2, "character": 8}), "{diagnostic}");
    assert_eq!(diagnostic["severity"], 1);
    assert!(diagnostic["message"].as_str().unwrap().contains("default settings"), "{diagnostic}");
    // The article is still analysed, with the defaults.
    client.diagnostics(&article, 1).await;
    client.shutdown().await;
}

#[tokio::test]
async fn a_settings_file_open_in_the_editor_is_checked_as_typed() {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-16"])).await;
    let settings = uri("copydesk.toml");
    client.open(&settings, 1, "[dates]\nstyle = \"ap\"\n").await;
    assert_eq!(client.diagnostics(&settings, 1).await["diagnostics"], json!([]));
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": settings, "version": 2},
                   "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                                       "text": "colour = 1\n"}]}),
        )
        .await;
    let published = client.diagnostics(&settings, 2).await;
    assert_eq!(published["diagnostics"][0]["range"]["start"]["line"], 1, "{published}");
    client.shutdown().await;
}

#[tokio::test]
async fn editor_settings_are_pulled_and_bad_ones_are_shown() {
    let mut client = TestClient::in_memory();
    *client.configuration.lock().unwrap() = json!({"no_such_setting": true});
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["configuration"] = json!(true);
    client.initialize(caps).await;
    let shown = client.notification("window/showMessage", |_| true).await;
    assert!(shown["message"].as_str().unwrap().contains("no_such_setting"), "{shown}");
    let asked = client.server_requests.lock().unwrap().clone();
    assert!(asked.iter().any(|request| request["method"] == "workspace/configuration"
        && request["params"]["items"][0]["section"] == "copydesk"));

    // Fixed settings, announced by the client: accepted silently, documents
    // re-analysed.
    *client.configuration.lock().unwrap() = json!({"dates": {"style": "iso"}});
    let article = uri("configured.md");
    client.open(&article, 1, ARTICLE).await;
    client.diagnostics(&article, 1).await;
    client.notify("workspace/didChangeConfiguration", json!({"settings": null})).await;
    client
        .notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == article && params["version"] == 1
        })
        .await;
    client.shutdown().await;
}
