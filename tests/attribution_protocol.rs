//! Attribution through the real protocol: hover on a quotation and the
//! speaker inlay hints for the example article (UTF-16 positions).

mod common;

use common::{capabilities, uri, TestClient};
use serde_json::json;

const ARTICLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");

/// The UTF-16 line and column of byte `offset`.
fn position(offset: usize) -> (u32, u32) {
    let before = &ARTICLE[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].encode_utf16().count();
    (line as u32, column as u32)
}

/// (text inside the quotation to hover on, what the hover must say)
const HOVERS: &[(&str, &[&str])] = &[
    (
        "Relationships are dynamically",
        &["**Speaker:** Vladimir Putin", "written “he”", "**Cue:** “spoke”", "**Introduced:**"],
    ),
    ("willing to work", &["**Speaker:** Li Shangfu", "written “Li”", "**Cue:** “said”"]),
    ("would answer", &["**Speaker:** Joe Biden", "written “he”", "**Cue:** “warned”"]),
    ("severe sanctions", &["**Speaker:** Joe Biden", "**Cue:** “adding”"]),
];

/// (the end of a quotation, the speaker hint after its closing mark)
const HINTS: &[(&str, &str)] = &[
    ("in all areas”.", "— Vladimir Putin"),
    ("very productive”", "— Vladimir Putin"),
    ("defense ministries“", "— Vladimir Putin"),
    ("regional stability”", "— Li Shangfu"),
    ("lethal support”", "— Antony Blinken"),
    ("not foresee”", "— Joe Biden"),
    ("would answer”", "— Joe Biden"),
    ("same consequences.”", "— Joe Biden"),
    ("severe sanctions”", "— Joe Biden"),
];

#[tokio::test]
async fn hover_and_inlay_hints_name_the_speakers() {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-16"])).await;
    let article = uri("russia-china.txt");
    client.open(&article, 1, ARTICLE).await;
    client.diagnostics(&article, 1).await;

    for (inside, expected) in HOVERS {
        let offset = ARTICLE.find(inside).expect("the article has the quotation") + 3;
        let (line, character) = position(offset);
        let hover = client
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": article}, "position": {"line": line, "character": character}}),
            )
            .await
            .expect("hover answers");
        let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
        for part in *expected {
            assert!(markdown.contains(part), "hover on {inside:?} lacks {part:?}:\n{markdown}");
        }
    }

    let (last_line, _) = position(ARTICLE.len());
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": last_line + 1, "character": 0}});
    let hints = client
        .request("textDocument/inlayHint", json!({"textDocument": {"uri": article}, "range": whole}))
        .await
        .expect("inlay hints answer");
    let speakers: Vec<_> = hints
        .as_array()
        .expect("a list")
        .iter()
        .filter(|hint| hint["label"].as_str().is_some_and(|label| label.starts_with("— ")))
        .collect();
    assert_eq!(speakers.len(), HINTS.len() + 1, "{speakers:#?}");
    for (end, label) in HINTS {
        let at = ARTICLE.find(end).expect("the article has the quotation end");
        let closing = at + end.trim_end_matches('.').len();
        let (line, character) = position(closing);
        let hint = speakers
            .iter()
            .find(|hint| hint["position"] == json!({"line": line, "character": character}))
            .unwrap_or_else(|| panic!("no speaker hint after {end:?} at {line}:{character}: {speakers:#?}"));
        assert_eq!(hint["label"], *label, "after {end:?}");
    }
    client.shutdown().await;
}
