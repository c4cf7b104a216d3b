//! The one thread that analyses.
//!
//! Every snapshot is built, serialised for publication and finally freed
//! on this thread. On a book-length document each version allocates and
//! frees about a hundred megabytes; glibc's allocator keeps a separate
//! arena per thread and holds on to what an arena once used, so when
//! tokio's blocking pool ran each analysis on whichever of its threads was
//! free, every thread's arena grew to the size of an analysis (a 3 MB book:
//! 117 MB of peak heap, 240 MB resident). On one thread the same memory is
//! reused version after version.
//!
//! Jobs run in the order they were sent. A panic in a job is caught (the
//! caller gets an error) and the thread goes on.
//!
//! The snapshot an edit makes stale is freed on a second thread
//! ([`Analyst::discard_beside`]) while this one analyses the new text:
//! queued here, its freeing (about 2 ms on a book: some 100,000 blocks)
//! came before every keystroke's analysis. With mimalloc a block freed by
//! another thread goes back to the page of the thread that allocated it,
//! so the analysis still reuses that memory. A snapshot the second thread
//! has not begun to free when the next build starts (it waits for a core
//! on a busy machine) is freed by the build first
//! ([`Analyst::finish_discards`]), as before: the old and the new analysis
//! are never both whole in memory.

use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

/// A handle to the analysis thread, started on first use and stopped when
/// the handle is dropped.
#[derive(Debug, Default)]
pub struct Analyst {
    jobs: OnceLock<Mutex<Sender<Job>>>,
    /// What the discarding thread frees beside the analysis, and that
    /// thread (started on first use).
    discards: OnceLock<Arc<Discards>>,
}

/// Values waiting to be freed, and the signal that there are some.
#[derive(Default)]
struct Discards {
    pending: Mutex<Vec<Box<dyn Send>>>,
    waiting: Condvar,
}

impl std::fmt::Debug for Discards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Discards")
    }
}

/// The job could not run: the thread is gone, or the job panicked.
#[derive(Debug)]
pub struct Failed(pub String);

impl Analyst {
    fn sender(&self) -> Sender<Job> {
        start(&self.jobs, "copydesk-analysis")
    }

    /// Run `work` on the analysis thread and wait (asynchronously) for its
    /// result.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Failed> {
        let (reply, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = reply.send(crate::server::snapshot::isolate(work).map_err(Failed));
        });
        self.sender().send(job).map_err(|_| Failed("the analysis thread is gone".to_owned()))?;
        result.await.map_err(|_| Failed("the analysis thread is gone".to_owned()))?
    }

    /// Free `value` (an old snapshot) on the analysis thread, without
    /// waiting. It runs before the next analysis, which then reuses that
    /// memory: freed beside it instead, the old analysis and the new one
    /// would be alive together (a 3 MB book: about 20 MB more resident).
    pub fn discard<T: Send + 'static>(&self, value: T) {
        let job: Job = Box::new(move || drop(value));
        // If the thread is gone, the job (and the value) is dropped here.
        let _ = self.sender().send(job);
    }

    /// Free `value` (the snapshot an edit made stale) on the discarding
    /// thread, without waiting: beside the analysis of the new text rather
    /// than before it.
    pub fn discard_beside<T: Send + 'static>(&self, value: T) {
        let discards = self.discards.get_or_init(|| {
            let discards = Arc::new(Discards::default());
            let for_thread = discards.clone();
            let started =
                std::thread::Builder::new().name("copydesk-discard".to_owned()).spawn(move || loop {
                    let taken = {
                        let mut pending = crate::server::lock(&for_thread.pending);
                        while pending.is_empty() {
                            pending = for_thread
                                .waiting
                                .wait(pending)
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                        std::mem::take(&mut *pending)
                    };
                    drop(taken);
                });
            if let Err(error) = started {
                // Values then wait for `finish_discards`.
                tracing::error!("copydesk could not start its thread copydesk-discard: {error}");
            }
            discards
        });
        crate::server::lock(&discards.pending).push(Box::new(value));
        discards.waiting.notify_one();
    }

    /// Free, on the calling thread, what the discarding thread has not
    /// taken yet. The analysis thread calls it before each build.
    pub fn finish_discards(&self) {
        if let Some(discards) = self.discards.get() {
            let taken = std::mem::take(&mut *crate::server::lock(&discards.pending));
            drop(taken);
        }
    }
}

/// The sender of the thread kept in `slot`, started on first use.
fn start(slot: &OnceLock<Mutex<Sender<Job>>>, name: &str) -> Sender<Job> {
    let jobs = slot.get_or_init(|| {
        let (sender, receiver) = channel::<Job>();
        let started = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            for job in receiver {
                job();
            }
        });
        if let Err(error) = started {
            tracing::error!("copydesk could not start its thread {name}: {error}");
        }
        Mutex::new(sender)
    });
    crate::server::lock(jobs).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn jobs_run_in_order_and_a_panic_is_an_error() {
        let analyst = Analyst::default();
        type Work = Box<dyn FnOnce() -> u32 + Send>;
        let cases: Vec<(Work, Result<u32, &str>)> = vec![
            (Box::new(|| 1), Ok(1)),
            (Box::new(|| panic!("boom")), Err("boom")),
            (Box::new(|| 3), Ok(3)),
        ];
        for (work, expected) in cases {
            let got = analyst.run(work).await.map_err(|Failed(message)| message);
            assert_eq!(got.as_ref().map_err(String::as_str), expected.as_ref().map_err(|e| *e));
        }
        analyst.discard(vec![1_u8; 16]);
        assert_eq!(analyst.run(|| "after a discard").await.ok(), Some("after a discard"));
        // A value discarded beside is freed by one thread or the other,
        // exactly once.
        let freed = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        struct Counted(Arc<std::sync::atomic::AtomicUsize>);
        impl Drop for Counted {
            fn drop(&mut self) {
                self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
        for _ in 0..50 {
            analyst.discard_beside(Counted(freed.clone()));
        }
        analyst.finish_discards();
        for _ in 0..1000 {
            if freed.load(std::sync::atomic::Ordering::SeqCst) == 50 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(freed.load(std::sync::atomic::Ordering::SeqCst), 50);
    }
}
