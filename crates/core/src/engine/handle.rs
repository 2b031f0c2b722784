//! A running call as hosts hold it: started on the host's tokio runtime, read batch by batch,
//! aborted (which drops the task and so closes the HTTP connection).
use tokio::sync::{mpsc, Mutex};

use crate::providers::ModelConfig;
use crate::types::CallOptions;

use super::run::run;
use super::sink::{PartSink, CHANNEL_BATCHES};

/// Upper bound on one batch handed to a host, so a burst does not become one giant string (and
/// the parts parsed from one batch stay few enough not to outlive a young-generation GC in JS).
pub const MAX_BATCH_BYTES: usize = 1 << 16;

pub struct StreamHandle {
    rx: Mutex<mpsc::Receiver<String>>,
    task: tokio::task::AbortHandle,
}

impl StreamHandle {
    /// Starts `call` on `model` as a task of `runtime`.
    pub fn start(
        runtime: &tokio::runtime::Handle,
        model: ModelConfig,
        call: CallOptions,
    ) -> StreamHandle {
        let (tx, rx) = mpsc::channel(CHANNEL_BATCHES);
        let task = runtime.spawn(async move {
            let mut sink = PartSink::new(tx);
            run(model, call, &mut sink).await;
        });
        StreamHandle {
            rx: Mutex::new(rx),
            task: task.abort_handle(),
        }
    }

    /// Waits for parts and returns every batch already queued (up to ~64 KiB) as one JSON array
    /// (the part format: all-ASCII JSON, a delta continuing its run as bare text), or `None` once
    /// the stream ended. Not reading is the backpressure: the task stops reading the socket.
    pub async fn next_batch(&self) -> Option<String> {
        let mut rx = self.rx.lock().await;
        let first = rx.recv().await?;
        let mut out = String::with_capacity(first.len() + 2);
        out.push('[');
        out.push_str(&first);
        while out.len() < MAX_BATCH_BYTES {
            match rx.try_recv() {
                Ok(more) => {
                    out.push(',');
                    out.push_str(&more);
                }
                Err(_) => break,
            }
        }
        out.push(']');
        Some(out)
    }

    /// Cancels the call: the task stops and the HTTP connection is closed.
    pub fn abort(&self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for StreamHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamHandle").finish_non_exhaustive()
    }
}

impl Drop for StreamHandle {
    fn drop(&mut self) {
        // A handle the host dropped (a garbage-collected JS object, a closed webview) must not
        // keep its socket open.
        self.task.abort();
    }
}
