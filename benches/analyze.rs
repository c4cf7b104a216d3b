//! The analysis core on generated articles: `cargo bench --bench analyze`.
//!
//! - `analyze/<size>`: the whole pipeline on 3 KB, 30 KB, 300 KB and 3 MB.
//! - `snapshot/<size>`: what the server does per version — analysis, line
//!   index and every finding turned into a protocol diagnostic.
//! - `rule/<code>/<size>`: each rule of `RULES` alone on a pre-built analysis.
//! - `paragraph/<size>`: one paragraph from the middle of the document
//!   analysed alone — the floor an incremental re-analysis aims at.
//!
//! Quick mode for CI (each benchmark runs once, times not judged):
//! `cargo bench --bench analyze -- --test`.

mod support;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use tower_lsp::lsp_types::Url;

use copydesk::analysis::rules::RULES;
use copydesk::analysis::{analyze, Context};
use copydesk::server::line_index::PositionEncoding;
use copydesk::server::snapshot::{Input, Snapshot};
use copydesk::Settings;

/// The seed of every generated article, so runs compare.
const SEED: u64 = 20230417;

fn articles() -> Vec<(&'static str, String)> {
    support::SIZES.iter().map(|&(label, size)| (label, support::article(size, SEED))).collect()
}

/// Fewer samples for the big documents, so a full run stays in minutes.
fn tune(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, bytes: usize) {
    if bytes >= 1_000_000 {
        group.sample_size(10).measurement_time(Duration::from_secs(10));
    } else if bytes >= 100_000 {
        group.sample_size(20).measurement_time(Duration::from_secs(5));
    } else {
        group.sample_size(50).measurement_time(Duration::from_secs(3));
    }
}

fn bench_analyze(c: &mut Criterion) {
    let settings = Settings::default();
    for (label, text) in articles() {
        let mut group = c.benchmark_group("analyze");
        tune(&mut group, text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| analyze(black_box(text), &settings))
        });
        group.finish();
    }
}

fn bench_snapshot(c: &mut Criterion) {
    let settings = Arc::new(Settings::default());
    let uri = Url::parse("file:///bench/article.md").expect("a valid URI");
    for (label, text) in articles() {
        let findings = analyze(&text, &settings).findings.len();
        let mut group = c.benchmark_group("snapshot");
        tune(&mut group, text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        let id = BenchmarkId::new(format!("{findings}-findings"), label);
        group.bench_with_input(id, &text, |b, text| {
            b.iter(|| {
                let input =
                    Input { uri: uri.clone(), version: 1, settings_generation: 0, text: text.clone() };
                // What the worker does per version: build, then convert
                // the findings once for the publication.
                let snapshot = Snapshot::build(input, settings.clone(), PositionEncoding::Utf16);
                let diagnostics = snapshot.diagnostics();
                (snapshot, diagnostics)
            })
        });
        group.finish();
    }
}

fn bench_rules(c: &mut Criterion) {
    let settings = Settings::default();
    for (label, text) in articles() {
        if text.len() > 1_000_000 {
            continue;
        }
        let analysis = analyze(&text, &settings);
        let context = Context { text: &text, settings: &settings, analysis: &analysis };
        let mut group = c.benchmark_group("rule");
        tune(&mut group, text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        for rule in RULES {
            group.bench_function(BenchmarkId::new(rule.code, label), |b| {
                let mut out = Vec::new();
                b.iter(|| {
                    out.clear();
                    (rule.check)(black_box(&context), &mut out);
                    out.len()
                })
            });
        }
        group.finish();
    }
}

fn bench_paragraph(c: &mut Criterion) {
    let settings = Settings::default();
    for (label, text) in articles() {
        let analysis = analyze(&text, &settings);
        let paragraphs = &analysis.article.paragraphs;
        let Some(middle) = paragraphs.get(paragraphs.len() / 2) else {
            continue;
        };
        let paragraph = text.get(middle.span.start..middle.span.end).unwrap_or_default().to_owned();
        let mut group = c.benchmark_group("paragraph");
        group.throughput(Throughput::Bytes(paragraph.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &paragraph, |b, paragraph| {
            b.iter(|| analyze(black_box(paragraph), &settings))
        });
        group.finish();
    }
}

criterion_group!(benches, bench_analyze, bench_snapshot, bench_rules, bench_paragraph);
criterion_main!(benches);
