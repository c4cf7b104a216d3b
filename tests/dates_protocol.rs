//! Date code actions through the real protocol, on the example article
//! (article date 2023-04-17 from its `date` line; UTF-16 positions): the
//! rewrites offered on one date, the "Normalize all dates (AP)" source
//! action and fix-all, with their kinds, exact edit ranges, and the text
//! that results when a client applies the edits.

mod common;

use common::{capabilities, uri, TestClient};
use serde_json::{json, Value};

const ARTICLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");
const AP_SNAPSHOT: &str = include_str!("fixtures/russia-china-2023-04-17.ap.txt");

/// The kind of the "Normalize all dates" source action.
const NORMALIZE: &str = "source.copydesk.normalizeDates";
const FIX_ALL: &str = "source.fixAll.copydesk";

fn range(start: usize, end: usize) -> Value {
    common::range(ARTICLE, start, end, "utf-16")
}

/// The byte offset of a UTF-16 protocol position, computed naively.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (at, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' {
            return line_start + at;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The text edits of a code action (versioned `documentChanges`).
fn edits(action: &Value) -> Vec<Value> {
    action["edit"]["documentChanges"][0]["edits"].as_array().cloned().unwrap_or_default()
}

/// Apply protocol edits client-side: all ranges refer to the original text.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            let start = offset(text, &edit["range"]["start"]);
            let end = offset(text, &edit["range"]["end"]);
            (start, end, edit["newText"].as_str().unwrap())
        })
        .collect();
    spans.sort_by_key(|&(start, end, _)| (start, end));
    for pair in spans.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "edits overlap: {pair:?}");
    }
    let mut out = text.to_owned();
    for &(start, end, new_text) in spans.iter().rev() {
        out.replace_range(start..end, new_text);
    }
    out
}

async fn started() -> (TestClient, String) {
    let mut client = TestClient::in_memory();
    client.initialize(capabilities(&["utf-16"])).await;
    let article = uri("russia-china-dates.txt");
    client.open(&article, 1, ARTICLE).await;
    client.diagnostics(&article, 1).await;
    (client, article)
}

async fn code_actions(
    client: &mut TestClient,
    article: &str,
    range: Value,
    only: Option<&[&str]>,
) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let answer = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": article}, "range": range, "context": context}),
        )
        .await
        .expect("codeAction answers");
    answer.as_array().cloned().unwrap_or_default()
}

/// (title, kind, new text) of every action offered on "February 24 last
/// year"; each edits exactly that date.
const ON_THE_DATE: &[(&str, &str, &str)] = &[
    ("Rewrite as 'Feb. 24, 2022' (AP)", "quickfix", "Feb. 24, 2022"),
    ("Rewrite as 'February 24, 2022' (Chicago)", "refactor.rewrite", "February 24, 2022"),
    ("Rewrite as '2022-02-24' (ISO 8601)", "refactor.rewrite", "2022-02-24"),
];

#[tokio::test]
async fn a_date_offers_the_house_rewrite_and_one_per_other_style() {
    let (mut client, article) = started().await;
    let date = "February 24 last year";
    let start = ARTICLE.find(date).unwrap();
    let date_range = range(start, start + date.len());
    let cursor = range(start + 3, start + 3);
    let actions = code_actions(&mut client, &article, cursor, None).await;
    let on_date: Vec<&Value> =
        actions.iter().filter(|a| a["kind"] == "quickfix" || a["kind"] == "refactor.rewrite").collect();
    let found: Vec<(String, String, String)> = on_date
        .iter()
        .map(|a| {
            let edits = edits(a);
            assert_eq!(edits.len(), 1, "one edit: {a}");
            assert_eq!(edits[0]["range"], date_range, "the edit covers only the date: {a}");
            (
                a["title"].as_str().unwrap().to_owned(),
                a["kind"].as_str().unwrap().to_owned(),
                edits[0]["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> =
        ON_THE_DATE.iter().map(|&(t, k, n)| (t.to_owned(), k.to_owned(), n.to_owned())).collect();
    assert_eq!(found, expected);
    // The house-style fix answers the `date-style` finding and is preferred.
    let house = on_date[0];
    assert_eq!(house["isPreferred"], true, "{house}");
    assert_eq!(house["diagnostics"][0]["code"], "date-style", "{house}");
    let rewritten = apply(ARTICLE, &edits(house));
    assert!(rewritten.contains("invaded by Russia on Feb. 24, 2022, Beijing"), "{rewritten}");
    client.shutdown().await;
}

#[tokio::test]
async fn normalize_all_dates_gives_the_ap_snapshot() {
    let (mut client, article) = started().await;
    let anywhere = range(0, 0);
    let actions = code_actions(&mut client, &article, anywhere, Some(&[NORMALIZE])).await;
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let normalize = &actions[0];
    assert_eq!(normalize["title"], "Normalize all dates (AP)");
    assert_eq!(normalize["kind"], NORMALIZE);
    let edits = edits(normalize);
    // Each edit is limited to its date.
    for edit in &edits {
        let start = offset(ARTICLE, &edit["range"]["start"]);
        let end = offset(ARTICLE, &edit["range"]["end"]);
        let old = &ARTICLE[start..end];
        assert!(
            ["February 24 last year", "Sunday (April 16, 2023)", "Sunday (April 16)"].contains(&old),
            "an edit reaches beyond a date: {old:?} → {edit}"
        );
    }
    assert_eq!(edits.len(), 3, "{edits:#?}");
    assert_eq!(apply(ARTICLE, &edits), AP_SNAPSHOT);
    // Asking for the `source` family finds it too.
    let sources = code_actions(&mut client, &article, range(0, 0), Some(&["source"])).await;
    assert!(sources.iter().any(|a| a["kind"] == NORMALIZE), "{sources:#?}");
    client.shutdown().await;
}

#[tokio::test]
async fn fix_all_is_the_date_edits_plus_the_other_safe_fixes() {
    let (mut client, article) = started().await;
    let actions = code_actions(&mut client, &article, range(0, 0), Some(&[FIX_ALL])).await;
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let fix_all = &actions[0];
    assert_eq!(fix_all["kind"], FIX_ALL);
    assert_eq!(fix_all["title"], "Fix all safe copydesk problems");
    let all = edits(fix_all);
    let normalize = code_actions(&mut client, &article, range(0, 0), Some(&[NORMALIZE])).await;
    let date_edits = edits(&normalize[0]);
    let (dates, others): (Vec<Value>, Vec<Value>) =
        all.into_iter().partition(|edit| date_edits.contains(edit));
    assert_eq!(dates, date_edits, "fix-all holds every date edit");
    // The rest, as (old text, new text): Kiev → Kyiv, the wrong closing
    // mark “ → ”, and the space in "XinhuaLi".
    let mut rest: Vec<(String, String)> = others
        .iter()
        .map(|edit| {
            let start = offset(ARTICLE, &edit["range"]["start"]);
            let end = offset(ARTICLE, &edit["range"]["end"]);
            (ARTICLE[start..end].to_owned(), edit["newText"].as_str().unwrap().to_owned())
        })
        .collect();
    rest.sort();
    let mut expected = vec![
        ("Kiev".to_owned(), "Kyiv".to_owned()),
        ("“".to_owned(), "”".to_owned()),
        (String::new(), " ".to_owned()),
    ];
    expected.sort();
    assert_eq!(rest, expected, "{others:#?}");
    let fixed = apply(ARTICLE, &edits(fix_all));
    assert!(fixed.contains("weapons to Kyiv and"), "{fixed}");
    assert!(fixed.contains("defense ministries”, he spoke"), "{fixed}");
    assert!(fixed.contains("agency Xinhua Li said"), "{fixed}");
    assert!(fixed.contains("on Feb. 24, 2022, Beijing"), "{fixed}");
    client.shutdown().await;
}

/// A client that resolves edits lazily (`resolveSupport` with `edit`, as
/// VS Code and Neovim): each document-wide action comes without its edit
/// and with `data`; `codeAction/resolve` gives exactly the edit an eager
/// client gets. Quick fixes keep their edits. After the text changes, the
/// old action is refused as "content modified", and data the server never
/// wrote as invalid.
#[tokio::test]
async fn document_wide_actions_resolve_their_edits_lazily() {
    // The eager answer, from a client without resolve support.
    let (mut eager, article) = started().await;
    let expected = code_actions(&mut eager, &article, range(0, 0), Some(&["source"])).await;
    eager.shutdown().await;

    let mut client = TestClient::in_memory();
    let mut lazy = capabilities(&["utf-16"]);
    lazy["textDocument"]["codeAction"]["dataSupport"] = json!(true);
    lazy["textDocument"]["codeAction"]["resolveSupport"] = json!({"properties": ["edit"]});
    let answer = client.initialize(lazy).await;
    assert_eq!(answer["capabilities"]["codeActionProvider"]["resolveProvider"], true);
    client.open(&article, 1, ARTICLE).await;
    client.diagnostics(&article, 1).await;

    let offered = code_actions(&mut client, &article, range(0, 0), Some(&["source"])).await;
    let titles = |actions: &[Value]| actions.iter().map(|a| a["title"].clone()).collect::<Vec<_>>();
    assert_eq!(titles(&offered), titles(&expected));
    assert!(offered.len() >= 2, "{offered:#?}");
    for (action, eager) in offered.iter().zip(&expected) {
        assert!(action.get("edit").is_none(), "offered with its edit: {action:#?}");
        assert!(action["data"].is_object(), "{action:#?}");
        let resolved = client.request("codeAction/resolve", action.clone()).await.expect("resolves");
        assert_eq!(resolved["edit"], eager["edit"], "{}", action["title"]);
        assert_eq!(resolved["kind"], eager["kind"]);
    }

    // A quick fix on "Kiev" carries its edit at once.
    let kiev = ARTICLE.find("Kiev").unwrap();
    let on_kiev = code_actions(&mut client, &article, range(kiev, kiev + 4), Some(&["quickfix"])).await;
    assert!(on_kiev.iter().all(|a| a["edit"].is_object()), "{on_kiev:#?}");

    // An action the whole-document check does not hold for this version
    // (here: one whose title no checked action has) is withdrawn, with a
    // message that says why and what to do.
    let mut withdrawn = offered[0].clone();
    withdrawn["title"] = json!("Convert nothing");
    let refused = client.request("codeAction/resolve", withdrawn).await.expect_err("withdrawn");
    assert_eq!(refused["code"], -32803, "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("quotation marks"), "{refused}");

    // The text changes: the action offered for version 1 is stale.
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": article, "version": 2},
                "contentChanges": [{"range": range(0, 0), "text": "x"}],
            }),
        )
        .await;
    client.diagnostics(&article, 2).await;
    let stale = client.request("codeAction/resolve", offered[0].clone()).await.expect_err("stale");
    assert_eq!(stale["code"], -32801, "{stale}");
    let mut foreign = offered[0].clone();
    foreign["data"] = json!({"something": "else"});
    let refused = client.request("codeAction/resolve", foreign).await.expect_err("foreign");
    assert_eq!(refused["code"], -32602, "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("not offered by copydesk"), "{refused}");
    client.shutdown().await;
}
