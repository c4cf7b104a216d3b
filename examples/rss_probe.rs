//! The language server's resident memory while a long document is typed
//! into, without the protocol: what its analysis thread does per version,
//! with the binary's allocator (mimalloc), printing the resident set and
//! its peak (`VmRSS`, `VmHWM`) after the open and after each keystroke.
//!
//! ```sh
//! cargo build --release --example rss_probe
//! target/release/examples/rss_probe /tmp/article-3m.md 30
//! ```
//!
//! Per version, as the server does: the text copied out, the stale
//! snapshot freed (on the discarding thread beside the build, or first on
//! the analysis thread with `DISCARD=first`), the snapshot built with the
//! document's memo (the line index brought up to date), its publication
//! written on the analysis thread and freed on another (the writer's). The
//! letters are typed where `analyze_file` types them, one at a time, as
//! fast as they are analysed. Run it under `MIMALLOC_PURGE_DELAY=0` to see
//! the live memory with little of what the allocator keeps for reuse.

use std::sync::{Arc, Mutex};

use copydesk::server::line_index::{self, PositionEncoding};
use copydesk::server::snapshot::{Input, Snapshot};
use copydesk::Settings;

#[path = "support/typing_spot.rs"]
mod support;
use support::typing_spot;

/// The binary's allocator (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `VmRSS` and `VmHWM` of this process, in MB.
fn resident() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// A thread that frees what it is sent.
fn freeing_thread<T: Send + 'static>(name: &str) -> std::sync::mpsc::Sender<T> {
    let (sender, receiver) = std::sync::mpsc::channel::<T>();
    let spawned = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        for value in receiver {
            drop(value);
        }
    });
    if let Err(error) = spawned {
        eprintln!("rss_probe: no thread {name}: {error}");
        std::process::exit(2);
    }
    sender
}

type Job = Box<dyn FnOnce() + Send>;

fn main() {
    // As the server sets it.
    copydesk::server::allocator::return_memory_sooner();
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: rss_probe PATH [KEYSTROKES]");
        std::process::exit(2);
    };
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(30);
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        eprintln!("rss_probe: cannot read {path}: {error}");
        std::process::exit(2);
    });
    let discard_first = std::env::var("DISCARD").is_ok_and(|how| how == "first");
    let uri = tower_lsp::lsp_types::Url::parse("file:///probe/article.md").expect("a valid URI");
    let settings = Arc::new(Settings::default());
    let memo = Arc::new(Mutex::new(copydesk::Memo::new()));
    let discard = freeing_thread::<Snapshot>("copydesk-discard");
    let writer = freeing_thread::<Vec<u8>>("writer");
    let (jobs, receiver) = std::sync::mpsc::channel::<Job>();
    let analysis = std::thread::Builder::new()
        .name("copydesk-analysis".to_owned())
        .spawn(move || {
            for job in receiver {
                job();
            }
        })
        .expect("a thread");
    // One version: the stale snapshot freed, the new one built and its
    // publication written, on the analysis thread.
    let version = |number: usize, text: &str, stale: Option<Snapshot>, base| {
        let (uri, settings, memo, text) = (uri.clone(), settings.clone(), memo.clone(), text.to_owned());
        let (writer, discard) = (writer.clone(), discard.clone());
        let (reply, result) = std::sync::mpsc::channel();
        let job: Job = Box::new(move || {
            if let Some(stale) = stale {
                if discard_first {
                    drop(stale);
                } else {
                    let _ = discard.send(stale);
                }
            }
            let input = Input { uri, version: number as i32, settings_generation: 0, text };
            let built = Snapshot::build_on(input, settings, PositionEncoding::Utf16, Some(&memo), base);
            let _ = writer.send(built.publication());
            let _ = reply.send(built);
        });
        jobs.send(job).expect("the analysis thread runs");
        result.recv().expect("the job ran")
    };
    let (rss, hwm) = resident();
    println!("before: RSS {rss:.1} MB, HWM {hwm:.1} MB");
    let mut current = version(0, &text, None, None);
    let (rss, hwm) = resident();
    println!("open: RSS {rss:.1} MB, HWM {hwm:.1} MB");
    let spot = typing_spot(&text);
    for i in 0..times {
        text.insert(spot + i, 'x');
        let typed = line_index::ChangedBytes { start: spot + i, old_end: spot + i, new_end: spot + i + 1 };
        let base = Some((current.line_index.clone(), vec![typed]));
        let stale = std::mem::replace(&mut current, placeholder(&uri));
        current = version(i + 1, &text, Some(stale), base);
        let (rss, hwm) = resident();
        println!("keystroke {:>3}: RSS {rss:6.1} MB, HWM {hwm:6.1} MB", i + 1);
    }
    drop(jobs);
    let _ = analysis.join();
}

/// An empty snapshot, standing in for the one being replaced.
fn placeholder(uri: &tower_lsp::lsp_types::Url) -> Snapshot {
    let input = Input { uri: uri.clone(), version: -1, settings_generation: 0, text: String::new() };
    Snapshot::build(input, Arc::default(), PositionEncoding::Utf16)
}
