//! Named actors through the real protocol, on the example article (UTF-16
//! positions): hover cards, go to definition, references, document
//! highlight, and the escaping of registry text in the hover Markdown.

mod common;

use common::{capabilities, uri, TestClient};
use serde_json::{json, Value};

const ARTICLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");

/// The UTF-16 position of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> Value {
    common::position(text, offset, "utf-16")
}

/// The byte offset of the `nth` (0-based) whole-word occurrence of `word`.
fn nth_word(text: &str, word: &str, nth: usize) -> usize {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            !is_word(text[..at].chars().next_back()) && !is_word(text[at + word.len()..].chars().next())
        })
        .nth(nth)
        .unwrap_or_else(|| panic!("no occurrence {nth} of {word:?}"))
}

/// A protocol position as a comparable (line, character).
fn at_key(position: &Value) -> (u64, u64) {
    (position["line"].as_u64().unwrap(), position["character"].as_u64().unwrap())
}

async fn started(text: &str) -> (TestClient, String) {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-16"])).await;
    let article = uri("russia-china.txt");
    client.open(&article, 1, text).await;
    client.diagnostics(&article, 1).await;
    (client, article)
}

async fn at(client: &mut TestClient, method: &str, article: &str, position: Value, extra: Value) -> Value {
    let mut params = json!({"textDocument": {"uri": article}, "position": position});
    if let (Value::Object(params), Value::Object(extra)) = (&mut params, extra) {
        params.extend(extra);
    }
    client.request(method, params).await.unwrap_or_else(|error| panic!("{method} fails: {error}"))
}

/// (word to hover on, which occurrence, what the card must say)
const HOVERS: &[(&str, usize, &[&str])] = &[
    ("Putin", 1, &["**Vladimir Putin** · person", "President of Russia"]),
    ("Xi", 2, &["**Xi Jinping** · person", "President of China"]),
    ("Li", 1, &["**Li Shangfu** · person", "Minister of Defense of China"]),
    ("Shoigu", 0, &["**Sergei Shoigu** · person", "Russian Defense Minister"]),
    ("Blinken", 0, &["**Antony Blinken** · person", "US Secretary of State"]),
    ("Biden", 1, &["**Joe Biden** · person", "US President"]),
    ("China", 2, &["**China** · country", "Beijing"]),
    ("Russia", 2, &["**Russia** · country", "Moscow"]),
];

#[tokio::test]
async fn hover_names_people_with_the_articles_title_and_countries_with_their_card() {
    let (mut client, article) = started(ARTICLE).await;
    for &(word, nth, expected) in HOVERS {
        let offset = nth_word(ARTICLE, word, nth);
        let hover =
            at(&mut client, "textDocument/hover", &article, position(ARTICLE, offset + 1), json!({})).await;
        let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
        for part in expected {
            assert!(markdown.contains(part), "hover on {word:?} #{nth} lacks {part:?}:\n{markdown}");
        }
        let (start, end) = (at_key(&hover["range"]["start"]), at_key(&hover["range"]["end"]));
        let (word_start, word_end) =
            (at_key(&position(ARTICLE, offset)), at_key(&position(ARTICLE, offset + word.len())));
        assert!(
            start <= word_start && word_end <= end,
            "the hover range covers {word:?}: {}",
            hover["range"]
        );
    }
    client.shutdown().await;
}

#[tokio::test]
async fn capabilities_advertise_navigation() {
    let mut client = TestClient::in_memory();
    let result = client.initialize(capabilities(&["utf-16"])).await;
    for capability in ["definitionProvider", "referencesProvider", "documentHighlightProvider"] {
        assert_eq!(result["capabilities"][capability], json!(true), "{capability}");
    }
    client.shutdown().await;
}

#[tokio::test]
async fn definition_references_and_highlights_follow_the_actor() {
    let (mut client, article) = started(ARTICLE).await;
    // The core's model is the reference for which spans are mentions; the
    // protocol must carry all of them, in order, at the right positions.
    let analysis = copydesk::analyze(ARTICLE, &copydesk::analysis::settings::Settings::default());
    let putin = analysis.actors.by_name("Vladimir Putin").expect("Putin is an actor");
    let mention_ranges: Vec<Value> =
        putin.mentions.iter().map(|span| common::range(ARTICLE, span.start, span.end, "utf-16")).collect();
    let first_putin = nth_word(ARTICLE, "Putin", 0);
    let later = position(ARTICLE, nth_word(ARTICLE, "Putin", 3) + 2);

    // Definition: the first reference, which covers "Vladimir Putin".
    let definition = at(&mut client, "textDocument/definition", &article, later.clone(), json!({})).await;
    assert_eq!(definition["uri"], article, "{definition}");
    let (start, end) = (&definition["range"]["start"], &definition["range"]["end"]);
    let first_start = position(ARTICLE, nth_word(ARTICLE, "Vladimir", 0));
    assert!(
        start["line"] == first_start["line"]
            && start["character"].as_u64() <= first_start["character"].as_u64(),
        "the definition starts at or before “Vladimir”: {definition}"
    );
    assert!(
        end["line"] == first_start["line"]
            && end["character"].as_u64() >= position(ARTICLE, first_putin + 5)["character"].as_u64(),
        "the definition ends at or after the first “Putin”: {definition}"
    );

    // References: every mention; without the declaration, one fewer.
    let all = at(
        &mut client,
        "textDocument/references",
        &article,
        later.clone(),
        json!({"context": {"includeDeclaration": true}}),
    )
    .await;
    let all = all.as_array().expect("a list of locations");
    let ranges: Vec<&Value> = all.iter().map(|location| &location["range"]).collect();
    assert_eq!(ranges, mention_ranges.iter().collect::<Vec<_>>(), "one location per mention of Putin");
    assert!(all.iter().all(|location| location["uri"] == article));
    for n in 0..ARTICLE.matches("Putin").count() {
        let end = position(ARTICLE, nth_word(ARTICLE, "Putin", n) + "Putin".len());
        assert!(ranges.iter().any(|range| range["end"] == end), "“Putin” #{n} is a reference: {ranges:#?}");
    }
    // The headline's "Russian President" is a mention too, before the first reference.
    let headline = common::range(ARTICLE, 17, 34, "utf-16");
    assert_eq!(&ARTICLE[17..34], "Russian President");
    assert!(ranges.contains(&&headline), "{ranges:#?}");
    let declaration = common::range(ARTICLE, first_putin - "Vladimir ".len(), first_putin + 5, "utf-16");
    let without = at(
        &mut client,
        "textDocument/references",
        &article,
        later.clone(),
        json!({"context": {"includeDeclaration": false}}),
    )
    .await;
    let without = without.as_array().expect("a list of locations");
    let without: Vec<&Value> = without.iter().map(|location| &location["range"]).collect();
    let expected: Vec<&Value> = ranges.iter().copied().filter(|range| **range != declaration).collect();
    assert_eq!(without, expected, "all but the first reference “Vladimir Putin”");
    assert_eq!(without.len(), ranges.len() - 1);

    // Highlight: every mention, the first reference as the definition.
    let highlights = at(&mut client, "textDocument/documentHighlight", &article, later, json!({})).await;
    let highlights = highlights.as_array().expect("a list of highlights");
    let highlighted: Vec<&Value> = highlights.iter().map(|h| &h["range"]).collect();
    assert_eq!(highlighted, ranges);
    for highlight in highlights {
        // 3 is a write (the definition), 2 a read.
        let kind = if highlight["range"] == declaration { 3 } else { 2 };
        assert_eq!(highlight["kind"], kind, "{highlight}");
    }

    // "Xi" resolves to Xi Jinping: all its mentions.
    let xi = at(
        &mut client,
        "textDocument/references",
        &article,
        position(ARTICLE, nth_word(ARTICLE, "Xi", 0)),
        json!({"context": {"includeDeclaration": true}}),
    )
    .await;
    let xi_mentions = analysis.actors.by_name("Xi Jinping").expect("Xi is an actor").mentions.len();
    assert!(xi_mentions >= 4, "Xi Jinping twice, Xi twice");
    assert_eq!(xi.as_array().map(Vec::len), Some(xi_mentions), "{xi:#?}");

    // Not on a name: nothing.
    let nothing = at(&mut client, "textDocument/definition", &article, position(ARTICLE, 0), json!({})).await;
    assert_eq!(nothing, Value::Null);
    let nothing = at(
        &mut client,
        "textDocument/references",
        &article,
        position(ARTICLE, ARTICLE.find("highlighted").unwrap()),
        json!({"context": {"includeDeclaration": true}}),
    )
    .await;
    assert_eq!(nothing, Value::Null);
    client.shutdown().await;
}

/// A scratch workspace folder, removed when dropped.
struct Workspace(std::path::PathBuf);

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn url(path: &std::path::Path) -> String {
    tower_lsp::lsp_types::Url::from_file_path(path).unwrap().to_string()
}

#[tokio::test]
async fn registry_text_in_the_hover_cannot_inject_links_or_html() {
    let workspace =
        Workspace(std::env::temp_dir().join(format!("copydesk-actors-hover-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&workspace.0);
    std::fs::create_dir_all(&workspace.0).unwrap();
    std::fs::write(
        workspace.0.join("copydesk.toml"),
        r#"[[actors.people]]
name = "Ann Example"
title = "Editor [x](command:evil) <img src=x>"
description = "Desk [y](command:evil2) <b>chief</b>"
"#,
    )
    .unwrap();
    let mut client = TestClient::in_memory();
    client
        .initialize_with(
            json!({"processId": null, "rootUri": url(&workspace.0), "capabilities": capabilities(&["utf-16"])}),
        )
        .await;
    let article = url(&workspace.0.join("story.md"));
    let text = "Ann Example said the desk would close. Example later added that it would not.\n";
    client.open(&article, 1, text).await;
    client.diagnostics(&article, 1).await;
    let hover = at(&mut client, "textDocument/hover", &article, position(text, 1), json!({})).await;
    let markdown = hover["contents"]["value"].as_str().expect("a hover card");
    assert!(markdown.contains("Ann Example"), "{markdown}");
    assert!(markdown.contains("Editor"), "the title is shown: {markdown}");
    assert!(!markdown.contains("](command:"), "no command link: {markdown}");
    assert!(!markdown.contains("<img"), "no raw HTML: {markdown}");
    assert!(!markdown.contains("<b>"), "no raw HTML: {markdown}");
    client.shutdown().await;
}
