//! How much actor extraction adds to `analyze` on a ~300 KB article (a
//! benchmark, not a test): `cargo run --release --example bench_actors`.

use std::time::Instant;

use copydesk::analysis::{actors, structure::Article};
use copydesk::Settings;

fn main() {
    let one = include_str!("russia-china-2023-04-17.txt");
    let mut text = String::new();
    while text.len() < 300_000 {
        text.push_str(one);
        text.push_str("\n\n");
    }
    let settings = Settings::default();
    // Warm the lazily built gazetteer once, as a running server would.
    let _ = copydesk::analyze(one, &settings);
    let runs = 10;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(copydesk::analyze(&text, &settings));
    }
    let analyze = start.elapsed() / runs;
    let article = Article::parse(&text, &settings);
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(actors::extract(&text, &article, &settings));
    }
    let extract = start.elapsed() / runs;
    println!(
        "{} KB: analyze {:?}, of which actors::extract {:?} ({:.0}%)",
        text.len() / 1000,
        analyze,
        extract,
        100.0 * extract.as_secs_f64() / analyze.as_secs_f64()
    );
}
