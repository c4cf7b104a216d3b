//! Stopping on `exit`.
//!
//! tower-lsp marks itself exited on the `exit` notification but keeps
//! reading its input until the next message or the end of the stream, so a
//! client that sends `exit` and waits for the process would wait forever.
//! [`ExitWatch`] wraps the service, watches the messages go by, and signals
//! when `exit` arrives, noting whether `shutdown` came first (the protocol's
//! exit code is 0 then, 1 otherwise).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::sync::Notify;
use tower_lsp::jsonrpc::Request;
use tower_service::Service;

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`: a clean end (exit code 0).
    Exit,
    /// `exit` without `shutdown` (exit code 1).
    ExitWithoutShutdown,
    /// The input closed without `exit`.
    InputClosed,
}

/// What the watcher tells the serving loop.
#[derive(Debug, Default)]
pub struct ExitSignal {
    pub exited: Notify,
    pub shut_down: AtomicBool,
}

impl ExitSignal {
    pub fn ending(&self) -> Ending {
        if self.shut_down.load(Ordering::SeqCst) {
            Ending::Exit
        } else {
            Ending::ExitWithoutShutdown
        }
    }
}

/// A service that passes every request through, noting `shutdown` and
/// `exit`.
pub struct ExitWatch<S> {
    pub inner: S,
    pub signal: Arc<ExitSignal>,
}

impl<S: Service<Request>> Service<Request> for ExitWatch<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let method = request.method().to_owned();
        let future = self.inner.call(request);
        match method.as_str() {
            "shutdown" => self.signal.shut_down.store(true, Ordering::SeqCst),
            "exit" => self.signal.exited.notify_one(),
            _ => {}
        }
        future
    }
}
