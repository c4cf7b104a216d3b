//! Analyse one file N times and print what was found: a target for
//! profilers that need a plain binary.
//!
//! ```sh
//! cargo bench --bench lsp_latency -- --dump 300k > /tmp/article-300k.md
//! cargo build --release --example analyze_file
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
//!     target/release/examples/analyze_file /tmp/article-300k.md 1
//! callgrind_annotate /tmp/cg.out | head -40
//! ```
//!
//! `SNAPSHOT=1` times what the server does per version (analysis, line
//! index, diagnostics); both `SNAPSHOT=1 TYPING=1`, what its analysis
//! thread does per keystroke (snapshot with the memo, publication, freeing
//! the previous one; `PUBLICATION=FILE` keeps the last publication);
//! `TYPING=1` times incremental re-analysis per
//! keystroke (`analyze_with` and its memo; with `CHECK=1` the last version
//! is compared with a fresh analysis); `MEMO=1` times the memo alone
//! per keystroke (five stages asking for every paragraph, with nothing to
//! compute); `SHOW_FINDINGS=1` lists the findings.

use copydesk::{analyze, Settings};

#[path = "support/typing_spot.rs"]
mod support;
use support::typing_spot;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: analyze_file PATH [TIMES]");
        std::process::exit(2);
    };
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("analyze_file: cannot read {path}: {error}");
            std::process::exit(2);
        }
    };
    let settings = Settings::default();
    if std::env::var_os("SNAPSHOT").is_some() && std::env::var_os("TYPING").is_some() {
        server_typing(text, &settings, times);
        return;
    }
    if std::env::var_os("SNAPSHOT").is_some() {
        // What the server does per version: analysis, line index, diagnostics.
        use copydesk::server::{line_index::PositionEncoding, snapshot};
        let uri = tower_lsp::lsp_types::Url::parse("file:///profile/article.md").expect("a valid URI");
        let settings = std::sync::Arc::new(settings.clone());
        let started = std::time::Instant::now();
        for version in 0..times {
            let input = snapshot::Input {
                uri: uri.clone(),
                version: version as i32,
                settings_generation: 0,
                text: text.clone(),
            };
            let built = snapshot::Snapshot::build(input, settings.clone(), PositionEncoding::Utf16);
            // Converted once and moved into the publication, as the
            // server's worker does.
            std::hint::black_box(built.diagnostics().len());
        }
        println!("{:?} per snapshot", started.elapsed() / times.max(1) as u32);
        return;
    }
    if std::env::var_os("MEMO").is_some() {
        memo_alone(text, &settings, times);
        return;
    }
    if std::env::var_os("TYPING").is_some() {
        // What the server does per keystroke with incremental analysis: one
        // letter typed into the middle of a paragraph, then `analyze_with`
        // reusing the memo of the previous version.
        let mut text = text;
        let mut memo = copydesk::Memo::new();
        let _ = copydesk::analyze_with(&text, &settings, &mut memo);
        let spot = typing_spot(&text);
        let started = std::time::Instant::now();
        let mut per_stage = Vec::new();
        for i in 0..times {
            text.insert(spot + i, 'x');
            let analysis = copydesk::analyze_with(&text, &settings, &mut memo);
            std::hint::black_box(analysis.findings.len());
            per_stage.push(memo.stats());
        }
        let last = per_stage.last().copied().unwrap_or_default();
        println!(
            "{:?} per keystroke (incremental); last keystroke: {} paragraph results reused, {} recomputed",
            started.elapsed() / times.max(1) as u32,
            last.hits,
            last.misses
        );
        if std::env::var_os("CHECK").is_some() {
            // The last version, analysed with the memo and afresh.
            let same = copydesk::analyze_with(&text, &settings, &mut memo) == analyze(&text, &settings);
            println!("incremental equals fresh: {same}");
        }
        return;
    }
    let started = std::time::Instant::now();
    let mut analysis = analyze(&text, &settings);
    for _ in 1..times {
        analysis = analyze(&text, &settings);
    }
    let each = started.elapsed() / times.max(1) as u32;
    println!(
        "{} bytes, {} paragraphs, {} sentences, {} quotation marks, {} quotations, {} actors, {} dates, {} findings; {:?} per analysis",
        text.len(),
        analysis.article.paragraphs.len(),
        analysis.article.sentences.len(),
        analysis.quotes.marks.len(),
        analysis.quotes.quotations.len(),
        analysis.actors.actors.len(),
        analysis.dates.len(),
        analysis.findings.len(),
        each
    );
    let mut codes = std::collections::BTreeMap::new();
    for finding in &analysis.findings {
        *codes.entry(finding.code).or_insert(0usize) += 1;
    }
    for (code, count) in codes {
        println!("  {count:>6} {code}");
    }
    if std::env::var_os("SHOW_FINDINGS").is_some() {
        for finding in &analysis.findings {
            let context = text
                .get(finding.span.start.saturating_sub(60)..(finding.span.end + 20).min(text.len()))
                .unwrap_or("");
            println!("{} @{}: {}\n    …{context}…", finding.code, finding.span.start, finding.message);
        }
    }
}

/// The memo's own cost per keystroke: the paragraphs of `text` asked for by
/// five stages (five result types) whose results cost nothing to compute,
/// after one letter typed into the middle, as `TYPING=1` types it.
fn memo_alone(mut text: String, settings: &Settings, times: usize) {
    let mut spans: Vec<(usize, usize)> =
        analyze(&text, settings).article.paragraphs.iter().map(|p| (p.span.start, p.span.end)).collect();
    let mut memo = copydesk::Memo::new();
    let round = |memo: &mut copydesk::Memo, text: &str, spans: &[(usize, usize)]| {
        memo.begin_document(text, settings);
        for &(start, end) in spans {
            std::hint::black_box(memo.get_or_compute(0, &text[start..end], || 1_u8));
        }
        for &(start, end) in spans {
            std::hint::black_box(memo.get_or_compute(0, &text[start..end], || 2_u16));
        }
        for &(start, end) in spans {
            std::hint::black_box(memo.get_or_compute(0, &text[start..end], || 3_u32));
        }
        for &(start, end) in spans {
            std::hint::black_box(memo.get_or_compute(0, &text[start..end], || 4_u64));
        }
        for &(start, end) in spans {
            std::hint::black_box(memo.get_or_compute(0, &text[start..end], || 5_i8));
        }
        memo.finish();
    };
    round(&mut memo, &text, &spans);
    let spot = typing_spot(&text);
    let started = std::time::Instant::now();
    for i in 0..times {
        let at = spot + i;
        text.insert(at, 'x');
        for span in &mut spans {
            if span.0 > at {
                span.0 += 1;
            }
            if span.1 >= at {
                span.1 += 1;
            }
        }
        round(&mut memo, &text, &spans);
    }
    println!(
        "{:?} per keystroke (the memo alone, {} paragraphs); last: {:?}",
        started.elapsed() / times.max(1) as u32,
        spans.len(),
        memo.stats()
    );
}

/// What the server's analysis thread does per keystroke (`SNAPSHOT=1
/// TYPING=1`): one letter typed as `TYPING=1` types it, the new version's
/// snapshot built with the document's memo, its publication written, and
/// the previous snapshot freed; each part timed. `PUBLICATION=FILE` writes
/// the last version's publication there (to compare two builds' bytes).
fn server_typing(mut text: String, settings: &Settings, times: usize) {
    use copydesk::server::line_index::{self, PositionEncoding};
    use copydesk::server::snapshot;
    use std::time::{Duration, Instant};
    let uri = tower_lsp::lsp_types::Url::parse("file:///profile/article.md").expect("a valid URI");
    let settings = std::sync::Arc::new(settings.clone());
    let memo = std::sync::Mutex::new(copydesk::Memo::new());
    type Base = Option<(std::sync::Arc<line_index::LineIndex>, Vec<line_index::ChangedBytes>)>;
    let build = |version: usize, text: &str, base: Base| {
        let input = snapshot::Input {
            uri: uri.clone(),
            version: version as i32,
            settings_generation: 0,
            text: text.to_owned(),
        };
        snapshot::Snapshot::build_on(input, settings.clone(), PositionEncoding::Utf16, Some(&memo), base)
    };
    let mut previous = build(0, &text, None);
    let spot = typing_spot(&text);
    let (mut building, mut publishing, mut dropping) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut publication = Vec::new();
    for i in 0..times {
        text.insert(spot + i, 'x');
        let started = Instant::now();
        // The line index brought up to date from the previous one, as the
        // server does with the edits of `didChange`.
        let typed = line_index::ChangedBytes { start: spot + i, old_end: spot + i, new_end: spot + i + 1 };
        let snapshot = build(i + 1, &text, Some((previous.line_index.clone(), vec![typed])));
        let built = Instant::now();
        publication = snapshot.publication();
        std::hint::black_box(publication.len());
        let published = Instant::now();
        drop(std::mem::replace(&mut previous, snapshot));
        let dropped = Instant::now();
        building += built - started;
        publishing += published - built;
        dropping += dropped - published;
    }
    let n = times.max(1) as u32;
    println!(
        "{:?} per keystroke: build {:?} (copy, line index, analysis), publication {:?} ({} bytes), drop of the previous snapshot {:?}",
        (building + publishing + dropping) / n,
        building / n,
        publishing / n,
        publication.len(),
        dropping / n
    );
    if let Some(path) = std::env::var_os("PUBLICATION") {
        if let Err(error) = std::fs::write(&path, &publication) {
            eprintln!("analyze_file: cannot write the publication: {error}");
        }
    }
}
