//! The pure analysis core.
//!
//! [`analyze`] takes text and settings and returns plain data: the article's
//! structure, its date, quotations and their speakers, actors, dates and
//! findings. It never fails, never does I/O, never reads the clock, and knows
//! nothing of LSP. Every span is a byte range into the text it was given.

pub mod actions;
pub mod actors;
pub(crate) mod ascii;
pub mod attribution;
pub mod dates;
pub mod finding;
pub mod hover;
pub mod inlay;
pub mod limits;
pub(crate) mod lower;
pub mod memo;
pub mod outline;
pub mod quotes;
pub mod rules;
pub mod settings;
pub mod span;
pub mod structure;

use crate::analysis::actors::Actors;
use crate::analysis::attribution::Attribution;
use crate::analysis::dates::DateMention;
use crate::analysis::finding::Finding;
use crate::analysis::memo::Memo;
use crate::analysis::quotes::Quotes;
use crate::analysis::settings::Settings;
use crate::analysis::structure::article_date::ArticleDate;
use crate::analysis::structure::Article;

/// Everything the core knows about one version of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    pub article: Article,
    pub article_date: Option<ArticleDate>,
    pub quotes: Quotes,
    /// One entry per quotation in `quotes.quotations`, same index.
    pub attributions: Vec<Attribution>,
    pub actors: Actors,
    pub dates: Vec<DateMention>,
    /// Every finding of every enabled rule, sorted by position.
    pub findings: Vec<Finding>,
    /// Checks skipped because the document exceeds a limit (see
    /// [`limits`]); reported by the `analysis-limited` rule.
    pub skipped: Vec<&'static str>,
}

/// What a rule, hover or action sees: the text, the settings and the model.
pub struct Context<'a> {
    pub text: &'a str,
    pub settings: &'a Settings,
    pub analysis: &'a Analysis,
}

/// Test-only (feature `panic-injection`): a document containing this text
/// makes [`analyze`] panic, so tests can prove the server isolates panics.
#[cfg(feature = "panic-injection")]
pub const INJECTED_PANIC_MARKER: &str = "copydesk-test:inject-panic";

/// Analyse `text` with `settings`. Never fails and never panics on any input.
pub fn analyze(text: &str, settings: &Settings) -> Analysis {
    analyze_with(text, settings, &mut Memo::disabled())
}

/// From this many bytes on, [`beside`] runs its two jobs on two threads:
/// below it, handing a job to another thread costs more than it saves.
pub(crate) const BESIDE_FROM: usize = 64 * 1024;

/// Run two independent jobs: on a document of [`BESIDE_FROM`] bytes or more
/// the first on the analysis's one helper thread while the second runs on
/// the calling thread; below that, one after the other. Either way the
/// results are the same, and a panic in either reaches the caller, as it
/// would in line.
///
/// One helper thread, always the same, and the second job on the calling
/// thread: the allocator keeps memory per thread, and jobs spread over a
/// pool's threads kept a book 20 MB more resident (the actors stage's arena,
/// kept by the memo between versions, is the second job's).
pub(crate) fn beside<A: Send, B: Send>(
    len: usize,
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    let Some(pool) = (len >= BESIDE_FROM).then(helper).flatten() else {
        return (first(), second());
    };
    let mut first_result = None;
    let second_result = pool.in_place_scope(|scope| {
        scope.spawn(|_| first_result = Some(first()));
        second()
    });
    // The scope has waited for the first job; had it panicked, the panic
    // would have been raised again as the scope ended.
    match first_result {
        Some(first_result) => (first_result, second_result),
        None => unreachable!("the scope waits for its job"),
    }
}

/// The analysis's helper thread (a one-thread pool), made on first use;
/// `None` if the system refused a thread, and the jobs then run in line.
fn helper() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "copydesk-helper".to_owned())
            .build()
            .ok()
    })
    .as_ref()
}

/// Analyse `text` with `settings`, reusing the per-paragraph results that
/// `memo` kept from earlier versions of the same document (see [`memo`]).
/// The result always equals [`analyze`]`(text, settings)`.
pub fn analyze_with(text: &str, settings: &Settings, memo: &mut Memo) -> Analysis {
    #[cfg(feature = "panic-injection")]
    if text.contains(INJECTED_PANIC_MARKER) {
        panic!("injected panic (the test-only feature panic-injection)");
    }
    // A text clearly in another language than the default English is
    // read in that language (see `structure::language`).
    let detected = structure::language::effective(text, settings);
    let settings = detected.as_ref().unwrap_or(settings);
    memo.begin_document(text, settings);
    let article = Article::parse_with(text, settings, memo);
    let article_date = structure::article_date::detect(text, &article, settings);
    // The actors stage runs beside the quotation marks and the dates (they
    // do not depend on each other) once the memo has given it its part.
    // Then, while the actors stage still runs, the rules that read neither
    // the actors nor the attributions (`Reads::Marks`) start on a model
    // without them; the rest of those, and the rules that read the actors
    // (`Reads::Actors`), run beside the attribution stage, and the others
    // (`Reads::People`) after it. Which rule ran where
    // depends on timing, the findings (joined in rule order) do not.
    let actors_done = std::sync::atomic::AtomicBool::new(false);
    let mut pending = actors::prepare(text, &article, memo);
    let ((mut analysis, mut found, next_rule), actors) = beside(
        text.len(),
        || {
            let quotes = quotes::analyze_with(text, &article, settings, memo);
            let dates = dates::extract_with(text, &article, article_date.as_ref(), settings, memo);
            let skipped = limits::skipped(&quotes);
            let analysis = Analysis { article, article_date, quotes, dates, skipped, ..Analysis::default() };
            let context = Context { text, settings, analysis: &analysis };
            let (found, next_rule) = rules::run_reading_while(&context, rules::Reads::Marks, 0, || {
                !actors_done.load(std::sync::atomic::Ordering::Relaxed)
            });
            (analysis, found, next_rule)
        },
        || {
            let actors = actors::run(&mut pending, text, settings);
            actors_done.store(true, std::sync::atomic::Ordering::Relaxed);
            actors
        },
    );
    actors::keep(pending, memo);
    analysis.actors = actors;
    let (marks, attributions) = {
        let analysis = &analysis;
        beside(
            text.len(),
            || {
                let context = Context { text, settings, analysis };
                let mut found = rules::run_reading_while(&context, rules::Reads::Marks, next_rule, || true).0;
                found.extend(rules::run_reading(&context, rules::Reads::Actors));
                found
            },
            || {
                attribution::attribute_with(
                    text,
                    &analysis.article,
                    &analysis.quotes,
                    &analysis.actors,
                    settings,
                    memo,
                )
            },
        )
    };
    analysis.attributions = attributions;
    found.extend(marks);
    found.extend(rules::run_reading(&Context { text, settings, analysis: &analysis }, rules::Reads::People));
    analysis.findings = rules::join(found);
    memo.finish();
    analysis
}
