//! How much actor extraction adds to `analyze` on a ~300 KB article (a
//! benchmark, not a test):
//!
//! ```sh
//! cargo run --release --example bench_actors [RUNS]
//! ```
//!
//! Two articles: the example article repeated to 300 KB, and a generated
//! 300 KB article with unique sentences (`benches/support`). For each it
//! prints the best of RUNS (default 15) wall times of `analyze`, of
//! `actors::extract` alone (no memo: everything scanned), and of
//! `actors::extract_with` after a one-character edit with a warm memo (what
//! a keystroke costs), and the share of `extract` in `analyze`. The best of
//! N, because the machine is shared and the mean wanders with its load.
//!
//! Instruction counts do not wander; the share of actors in a full analysis
//! (run with 1 and with 3 analyses: the difference over 2 is one analysis,
//! without the one-time gazetteer build and process start):
//!
//! ```sh
//! cargo bench --bench lsp_latency -- --dump 300k > /tmp/article-300k.md
//! cargo build --release --example analyze_file
//! for n in 1 3; do valgrind --tool=callgrind --callgrind-out-file=/tmp/cg-actors-$n.out \
//!     target/release/examples/analyze_file /tmp/article-300k.md $n >/dev/null; done
//! for n in 1 3; do callgrind_annotate --inclusive=yes /tmp/cg-actors-$n.out \
//!     | grep -E 'analysis::analyze_with \[|/src/analysis/actors/extract.rs:.*extract::extract_with$'; done
//! ```

#[path = "../benches/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use copydesk::analysis::{actors, structure::Article};
use copydesk::{Memo, Settings};

/// The best wall time of `runs` calls of `work`.
fn best_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn measure(label: &str, text: &str, runs: usize) {
    let settings = Settings::default();
    let analyze = best_of(runs, || {
        std::hint::black_box(copydesk::analyze(text, &settings));
    });
    let article = Article::parse(text, &settings);
    let extract = best_of(runs, || {
        std::hint::black_box(actors::extract(text, &article, &settings));
    });

    // A keystroke: one character typed in the middle, then taken back, so
    // each run re-scans exactly one paragraph.
    let at = support::typing_spots(text, 1, 7).first().copied().unwrap_or(0);
    let edited = format!("{}a{}", &text[..at], &text[at..]);
    let versions =
        [(text, Article::parse(text, &settings)), (&edited[..], Article::parse(&edited, &settings))];
    let mut memo = Memo::new();
    memo.begin(&settings);
    let _ = actors::extract_with(text, &versions[0].1, &settings, &mut memo);
    memo.finish();
    let mut turn = 0;
    let keystroke = best_of(runs, || {
        turn += 1;
        let (text, article) = &versions[turn % 2];
        memo.begin(&settings);
        std::hint::black_box(actors::extract_with(text, article, &settings, &mut memo));
        memo.finish();
    });
    let stats = memo.stats();
    println!(
        "{label}, {} KB: analyze {analyze:.2?}; actors::extract {extract:.2?} ({:.1}% of analyze); \
         extract_with after a keystroke {keystroke:.2?} ({} paragraphs re-scanned, {} reused)",
        text.len() / 1000,
        100.0 * extract.as_secs_f64() / analyze.as_secs_f64(),
        stats.misses,
        stats.hits,
    );
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(15);
    let one = include_str!("russia-china-2023-04-17.txt");
    let mut repeated = String::new();
    while repeated.len() < 300_000 {
        repeated.push_str(one);
        repeated.push_str("\n\n");
    }
    // Warm the lazily built gazetteer once, as a running server would.
    let _ = copydesk::analyze(one, &Settings::default());
    measure("example article repeated", &repeated, runs);
    measure("generated article", &support::article(300_000, 17), runs);
}
