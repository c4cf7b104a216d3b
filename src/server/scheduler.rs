//! When and where analysis runs.
//!
//! - Snapshots are built off the store's lock, on the analysis thread
//!   (`analyst`), from a clone of the rope (O(1) under the lock; the text is
//!   copied out on that thread); a snapshot is cached in the store only while it is
//!   current (same open document, version and settings generation).
//! - In push mode each document has at most one background worker. An edit
//!   marks the document dirty and starts the worker if none runs; the worker
//!   analyses the latest text, publishes the diagnostics with their version
//!   only if that version is still current, and loops while the document is
//!   dirty. Stale results are dropped, and publications for one document go
//!   out in version order.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use tower_lsp::lsp_types::{Diagnostic, MessageType, Url};
use tower_lsp::Client;

use crate::analysis::memo::Memo;
use crate::server::analyst::Failed;
use crate::server::documents::Document;
use crate::server::line_index::{ChangedBytes, LineIndex, PositionEncoding};
use crate::server::settings::FileReport;
use crate::server::snapshot::{isolate, Input, Snapshot};
use crate::server::{lock, to_proto, Shared};

/// What a snapshot is built from, as taken under the store's lock.
struct Pending {
    uri: Url,
    version: i32,
    settings_generation: u64,
    rope: ropey::Rope,
    /// The number of changes the rope has had (see `Document::changes`).
    changes: u64,
    /// An earlier version's line index and the changes since.
    base: Option<(Arc<LineIndex>, Vec<ChangedBytes>)>,
}

impl Pending {
    fn input(self) -> Input {
        Input {
            uri: self.uri,
            version: self.version,
            settings_generation: self.settings_generation,
            text: rope_text(&self.rope),
        }
    }
}

/// The rope's text in one allocation of its final size (`to_string` goes
/// through `fmt::Write` and regrows its buffer, copying a book's text again
/// and again: about a millisecond per version at 3 MB).
fn rope_text(rope: &ropey::Rope) -> String {
    let mut text = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        text.push_str(chunk);
    }
    text
}

enum Lookup {
    Ready(Arc<Snapshot>, u64),
    /// The input, the opening it belongs to, and the document's memo.
    Build(Pending, u64, Arc<Mutex<Memo>>),
    Missing,
}

fn is_current(document: &Document, snapshot: &Snapshot, open_id: u64, generation: u64) -> bool {
    document.open_id == open_id
        && document.version == snapshot.version
        && snapshot.settings_generation == generation
}

impl Shared {
    fn lookup(&self, uri: &Url, for_worker: bool) -> Lookup {
        let mut documents = lock(&self.documents);
        let Some(document) = documents.get_mut(uri) else {
            return Lookup::Missing;
        };
        if for_worker {
            document.dirty = false;
        }
        let generation = self.settings_generation.load(Ordering::SeqCst);
        if let Some(snapshot) = &document.snapshot {
            if is_current(document, snapshot, document.open_id, generation) {
                return Lookup::Ready(snapshot.clone(), document.open_id);
            }
        }
        let input = Pending {
            uri: uri.clone(),
            version: document.version,
            settings_generation: generation,
            rope: document.rope.clone(),
            changes: document.changes,
            base: document.take_line_index_base(),
        };
        Lookup::Build(input, document.open_id, document.memo.clone())
    }

    /// Keep `snapshot` if it is still current; say whether it is.
    fn keep(&self, snapshot: &Arc<Snapshot>, open_id: u64) -> bool {
        let mut documents = lock(&self.documents);
        let generation = self.settings_generation.load(Ordering::SeqCst);
        match documents.get_mut(&snapshot.uri) {
            Some(document) if is_current(document, snapshot, open_id, generation) => {
                document.snapshot = Some(snapshot.clone());
                true
            }
            _ => false,
        }
    }

    fn encoding(&self) -> PositionEncoding {
        self.session.read().unwrap_or_else(std::sync::PoisonError::into_inner).encoding
    }

    fn push_mode(&self) -> bool {
        !self.session.read().unwrap_or_else(std::sync::PoisonError::into_inner).pull_diagnostics
    }
}

/// The current snapshot of `uri`, analysing it now if needed. `None` when
/// the document is not open.
pub async fn snapshot(shared: &Arc<Shared>, client: &Client, uri: &Url) -> Option<Arc<Snapshot>> {
    match shared.lookup(uri, false) {
        Lookup::Missing => None,
        Lookup::Ready(snapshot, _) => Some(snapshot),
        Lookup::Build(input, open_id, memo) => {
            let (snapshot, _) = build(shared, client, input, open_id, memo, false).await;
            shared.keep(&snapshot, open_id);
            Some(snapshot)
        }
    }
}

/// Analyse `pending` on the analysis thread; report a settings file's
/// outcome and a panic in the core. With `publish` (the push worker, when
/// the server writes its own notifications), the same job also writes the
/// snapshot's publication: one trip to the analysis thread per keystroke
/// instead of two (each a thread woken up, which on a busy machine can
/// wait for a core).
async fn build(
    shared: &Arc<Shared>,
    client: &Client,
    mut pending: Pending,
    open_id: u64,
    memo: Arc<Mutex<Memo>>,
    publish: bool,
) -> (Arc<Snapshot>, Option<Vec<u8>>) {
    let publish = publish && shared.outbox.is_some();
    let encoding = shared.encoding();
    let task_shared = shared.clone();
    let (uri, version, rope) = (pending.uri.clone(), pending.version, pending.rope.clone());
    let (generation, changes) = (pending.settings_generation, pending.changes);
    let base = pending.base.take();
    let task = shared.analyst.run(move || {
        // A stale snapshot not yet being freed beside this build is freed
        // first (see `analyst`).
        task_shared.analyst.finish_discards();
        let input = pending.input();
        let (settings, report) = lock(&task_shared.settings).resolve(&input.uri);
        let report = report.and_then(|report| settings_file_diagnostics(report, encoding));
        let snapshot = Arc::new(Snapshot::build_on(input, settings, encoding, Some(&memo), base));
        let body = publish.then(|| isolate(|| snapshot.publication()).ok()).flatten();
        (snapshot, report, body)
    });
    let (snapshot, report, body) = match task.await {
        Ok(result) => result,
        // Settings resolution panicked: analyse with the defaults.
        Err(Failed(error)) => {
            tracing::error!(%uri, version, "settings resolution failed: {error}");
            let pending =
                Pending { uri, version, settings_generation: generation, rope, changes, base: None };
            (Arc::new(Snapshot::build(pending.input(), Arc::default(), encoding)), None, None)
        }
    };
    // The next version's line index starts from this one.
    if let Some(document) = lock(&shared.documents).get_mut(&snapshot.uri) {
        if document.open_id == open_id {
            document.keep_line_index(changes, &snapshot.line_index);
        }
    }
    if let Some(message) = &snapshot.panic {
        let message = format!(
            "copydesk could not analyse {} (version {}): {message}. Its findings are hidden until the next edit; please report this.",
            snapshot.uri, snapshot.version
        );
        tracing::error!("{message}");
        client.log_message(MessageType::ERROR, message).await;
    }
    if let Some((uri, diagnostics)) = report {
        let open = lock(&shared.documents).get(&uri).is_some();
        // An open settings file reports its own buffer's errors.
        if !open {
            client.publish_diagnostics(uri, diagnostics, None).await;
        }
    }
    (snapshot, body)
}

/// The diagnostics for a settings file read from disk.
fn settings_file_diagnostics(
    report: FileReport,
    encoding: PositionEncoding,
) -> Option<(Url, Vec<Diagnostic>)> {
    let uri = Url::from_file_path(&report.path).ok()?;
    let diagnostics = match &report.error {
        None => Vec::new(),
        Some(error) => {
            let text = std::fs::read_to_string(&report.path).ok();
            let index = text.as_deref().map(|text| LineIndex::new(text, encoding));
            tracing::warn!("{}: {error}", report.path.display());
            vec![to_proto::settings_error(error, index.as_ref())]
        }
    };
    Some((uri, diagnostics))
}

/// Publish the diagnostics of `snapshot` with its version: serialised off
/// the async threads and written through the outbox when there is one.
async fn publish(shared: &Shared, client: &Client, snapshot: &Arc<Snapshot>, body: Option<Vec<u8>>) {
    if let Some(outbox) = &shared.outbox {
        let body = match body {
            Some(body) => Ok(body),
            None => {
                let for_task = snapshot.clone();
                shared.analyst.run(move || for_task.publication()).await
            }
        };
        if let Ok(body) = body {
            if outbox.send(client, body).await.is_ok() {
                return;
            }
        }
    }
    client.publish_diagnostics(snapshot.uri.clone(), snapshot.diagnostics(), Some(snapshot.version)).await;
}

/// Mark `uri` dirty and start its worker if none runs (push mode only).
/// Called with the store locked, right after the edit.
pub fn schedule(shared: &Arc<Shared>, client: &Client, document: &mut Document, uri: &Url) {
    document.dirty = true;
    if document.analysing || !shared.push_mode() {
        return;
    }
    document.analysing = true;
    let (shared, client, uri) = (shared.clone(), client.clone(), uri.clone());
    tokio::spawn(async move { worker(shared, client, uri).await });
}

async fn worker(shared: Arc<Shared>, client: Client, uri: Url) {
    loop {
        let (snapshot, body, open_id) = match shared.lookup(&uri, true) {
            Lookup::Missing => return,
            Lookup::Ready(snapshot, open_id) => (snapshot, None, open_id),
            Lookup::Build(input, open_id, memo) => {
                let (snapshot, body) = build(&shared, &client, input, open_id, memo, true).await;
                (snapshot, body, open_id)
            }
        };
        if shared.keep(&snapshot, open_id) {
            publish(&shared, &client, &snapshot, body).await;
        }
        shared.analyst.discard(snapshot);
        let mut documents = lock(&shared.documents);
        match documents.get_mut(&uri) {
            Some(document) if document.open_id == open_id => {
                if !document.dirty {
                    document.analysing = false;
                    return;
                }
            }
            // Closed, or closed and reopened (which started its own worker).
            _ => return,
        }
    }
}
