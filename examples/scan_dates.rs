//! List every date copydesk finds in a JSONL file of articles (one object per
//! line with `text`, and the article date in `article_date` or at the end of
//! `title` as `(2005-08-20)`), with the words around it, plus the month and
//! weekday names and relative words it did not take as part of a date: the
//! material for reading precision and recall by hand.
//!
//! ```text
//! cargo run --release --example scan_dates -- /work/shared/eval/de-wikinews/dev.jsonl de
//! ```

use copydesk::analysis::dates::lexicon::{lookup, Lex};
use copydesk::{analyze, Settings};

fn main() {
    let path = std::env::args().nth(1).expect("a JSONL file");
    let language = std::env::args().nth(2).unwrap_or_else(|| "en".to_owned());
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let (mut found, mut unused, mut articles) = (0, 0, 0);
    for line in source.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let text = row["text"].as_str().unwrap_or("");
        let title = row["title"].as_str().unwrap_or("");
        let article_date = row["article_date"].as_str().map(str::to_owned).or_else(|| {
            let open = title.rfind('(')?;
            let date = title.get(open + 1..open + 11)?;
            date.parse::<jiff::civil::Date>().ok().map(|_| date.to_owned())
        });
        let settings = Settings { article_date, languages: vec![language.clone()], ..Settings::default() };
        let analysis = analyze(text, &settings);
        articles += 1;
        let id = row["id"].as_str().unwrap_or("?");
        for mention in &analysis.dates {
            found += 1;
            let before = context_before(text, mention.span.start);
            let after = context_after(text, mention.span.end);
            println!(
                "FOUND {id} {:?} [{}] -> {}",
                mention.span.slice(text),
                format!("{before}⟦{}⟧{after}", mention.span.slice(text)).replace('\n', " "),
                mention.value_text().unwrap_or_else(|| "?".to_owned())
            );
        }
        // Date words outside every mention: possible misses.
        let mut offset = 0;
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            let start = offset;
            offset += word.len() + text[offset + word.len()..].chars().next().map_or(0, char::len_utf8);
            let date_word = matches!(lookup(word), Some(Lex::Month { .. } | Lex::Weekday { .. }))
                || matches!(word.to_lowercase().as_str(), "gestern" | "heute" | "morgen" | "vorgestern");
            if date_word
                && word.chars().next().is_some_and(char::is_uppercase)
                && !analysis.dates.iter().any(|m| m.span.contains(start))
            {
                unused += 1;
                println!(
                    "UNUSED {id} {word:?} [{}⟦{word}⟧{}]",
                    context_before(text, start).replace('\n', " "),
                    context_after(text, start + word.len()).replace('\n', " ")
                );
            }
        }
    }
    println!("\n{articles} articles, {found} dates found, {unused} date words outside a date");
}

fn context_before(text: &str, start: usize) -> &str {
    let mut from = start.saturating_sub(30);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    &text[from..start]
}

fn context_after(text: &str, end: usize) -> &str {
    let mut to = (end + 30).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    &text[end..to]
}
