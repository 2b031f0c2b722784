//! Requests performed by the host with the app's own `fetch` (the AI SDK's `fetch` provider
//! setting: proxies, per-request auth, URL rewrites, logging). The request Rust built goes to the
//! host as a `$fetch` part on the call's part channel; the host answers with the status and
//! headers (`respond`), the body's chunks (`chunk`, awaited: not taking them is backpressure) and
//! its end (`end`). Everything after the send — retries, limits, decoding — is the native path's.
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde::Serialize;
use tokio::sync::{mpsc, oneshot};

use crate::ascii_json;

/// Body chunks in flight from the host per request.
const BODY_CHUNKS: usize = 8;

/// Why the host's fetch failed, as it reports it.
#[derive(Debug, Clone)]
pub struct FetchFailure {
    pub message: String,
    pub kind: FailureKind,
    /// The request's id (set when the host reports it).
    pub id: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// A network failure (`TypeError: fetch failed` with a cause): an `APICallError` retried like
    /// a refused connection, as the AI SDK does.
    Network,
    /// The app's fetch threw its own error: the host passes that very error on (not retried).
    Threw,
    /// The host stopped answering (its page or process went away).
    Gone,
}

impl FetchFailure {
    pub fn new(message: String, kind: FailureKind) -> Self {
        FetchFailure {
            message,
            kind,
            id: 0,
        }
    }

    /// The host's name of a kind: `network`, else the app's own error.
    pub fn kind_of(name: Option<&str>) -> FailureKind {
        match name {
            Some("network") => FailureKind::Network,
            _ => FailureKind::Threw,
        }
    }
}

type Chunk = Result<Bytes, FetchFailure>;

/// The status line and headers of a host's response, with its body to come.
pub struct HostResponse {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    body: mpsc::Receiver<Chunk>,
    _pending: PendingGuard,
}

impl HostResponse {
    /// The next body chunk; `Ok(None)` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, FetchFailure> {
        self.body.recv().await.transpose()
    }
}

enum Pending {
    /// Sent; the host has not answered yet.
    Head(oneshot::Sender<Result<HostResponseHead, FetchFailure>>),
    /// Answered; its body streams in here.
    Body(mpsc::Sender<Chunk>),
}

struct HostResponseHead {
    status: u16,
    headers: BTreeMap<String, String>,
    body: mpsc::Receiver<Chunk>,
}

/// One call's requests to its host. The host reaches it through the call's handle, so a host
/// can feed only the requests of calls it holds.
pub struct HostFetch {
    /// Weak: the handle holds this too, and its channel must close when the call ends.
    parts: mpsc::WeakSender<String>,
    pending: Arc<Mutex<HashMap<u64, Pending>>>,
    next_id: AtomicU64,
}

/// The `$fetch` part: what the host's fetch is called with.
#[derive(Serialize)]
struct FetchPart<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: u64,
    /// Which of the app's fetch functions (one per provider that has one).
    fetcher: u32,
    url: &'a str,
    method: &'static str,
    headers: &'a BTreeMap<String, String>,
    body: &'a str,
}

/// Removes its request from the table when the call stops waiting for it (a timeout, a retry,
/// an abort): the host's next feed then answers `false` and it aborts its fetch.
struct PendingGuard {
    id: u64,
    pending: Arc<Mutex<HashMap<u64, Pending>>>,
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        lock(&self.pending).remove(&self.id);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl HostFetch {
    /// Requests go out as parts on `parts`, the call's own channel to its host.
    pub fn new(parts: &mpsc::Sender<String>) -> Arc<Self> {
        Arc::new(HostFetch {
            parts: parts.downgrade(),
            pending: Arc::default(),
            next_id: AtomicU64::new(1),
        })
    }

    /// Hands the request to the host's fetch `fetcher` and waits for its status and headers.
    /// `Err` when the host's fetch failed before answering or the host went away.
    pub async fn send(
        &self,
        fetcher: u32,
        url: &str,
        headers: &BTreeMap<String, String>,
        body: &[u8],
    ) -> Result<HostResponse, FetchFailure> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        lock(&self.pending).insert(id, Pending::Head(tx));
        let guard = PendingGuard {
            id,
            pending: self.pending.clone(),
        };
        let part = FetchPart {
            kind: "$fetch",
            id,
            fetcher,
            url,
            method: "POST",
            headers,
            // Request bodies are JSON text.
            body: &String::from_utf8_lossy(body),
        };
        let mut batch = Vec::with_capacity(body.len() + 256);
        ascii_json::write(&mut batch, &part);
        let gone = || {
            let message = "the host that performs this provider's fetch went away";
            FetchFailure::new(message.into(), FailureKind::Gone)
        };
        let batch = String::from_utf8(batch).map_err(|_| gone())?;
        let parts = self.parts.upgrade().ok_or_else(gone)?;
        parts.send(batch).await.map_err(|_| gone())?;
        let head = rx.await.map_err(|_| gone())??;
        Ok(HostResponse {
            status: head.status,
            headers: head.headers,
            body: head.body,
            _pending: guard,
        })
    }

    /// The host's response to request `id` arrived; `false` when the call no longer waits for it
    /// (the host should abort its fetch).
    pub fn respond(&self, id: u64, status: u16, headers: BTreeMap<String, String>) -> bool {
        let mut pending = lock(&self.pending);
        let Some(Pending::Head(_)) = pending.get(&id) else {
            return false;
        };
        let (tx, body) = mpsc::channel(BODY_CHUNKS);
        let Some(Pending::Head(waiting)) = pending.insert(id, Pending::Body(tx)) else {
            return false;
        };
        waiting
            .send(Ok(HostResponseHead {
                status,
                headers,
                body,
            }))
            .is_ok()
    }

    /// A chunk of request `id`'s body; resolves once the call took it, `false` when it no longer
    /// reads this body.
    pub async fn chunk(&self, id: u64, bytes: impl Into<Bytes>) -> bool {
        let sender = match lock(&self.pending).get(&id) {
            Some(Pending::Body(tx)) => tx.clone(),
            _ => return false,
        };
        sender.send(Ok(bytes.into())).await.is_ok()
    }

    /// Request `id` ended: its body is complete, or (`failure`) the fetch failed.
    pub fn end(&self, id: u64, failure: Option<FetchFailure>) -> bool {
        let Some(entry) = lock(&self.pending).remove(&id) else {
            return false;
        };
        let failure = failure.map(|f| FetchFailure { id, ..f });
        match (entry, failure) {
            (Pending::Head(waiting), failure) => {
                let failure = failure.unwrap_or_else(|| {
                    let message = "the fetch ended without a response".into();
                    FetchFailure {
                        id,
                        ..FetchFailure::new(message, FailureKind::Gone)
                    }
                });
                waiting.send(Err(failure)).is_ok()
            }
            (Pending::Body(tx), Some(failure)) => tx.try_send(Err(failure)).is_ok(),
            // Dropping the sender ends the body.
            (Pending::Body(_), None) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers() -> BTreeMap<String, String> {
        BTreeMap::from([("x-a".to_owned(), "1".to_owned())])
    }

    #[tokio::test]
    async fn a_request_goes_out_as_a_part_and_its_answer_streams_back() {
        let (tx, mut rx) = mpsc::channel(4);
        let host = HostFetch::new(&tx);
        let sending = {
            let host = host.clone();
            tokio::spawn(async move {
                let mut r = host
                    .send(7, "http://x/v1", &headers(), b"{\"a\":1}")
                    .await
                    .unwrap();
                let mut body = Vec::new();
                while let Some(c) = r.chunk().await.unwrap() {
                    body.extend_from_slice(&c);
                }
                (r.status, r.headers, body)
            })
        };
        let part: serde_json::Value = serde_json::from_str(&rx.recv().await.unwrap()).unwrap();
        assert_eq!(
            part,
            serde_json::json!({ "type": "$fetch", "id": 1, "fetcher": 7, "url": "http://x/v1",
                "method": "POST", "headers": { "x-a": "1" }, "body": "{\"a\":1}" })
        );
        assert!(host.respond(1, 201, headers()));
        assert!(!host.respond(1, 201, headers()), "answered once");
        assert!(host.chunk(1, Bytes::from_static(b"data: ")).await);
        assert!(host.chunk(1, Bytes::from_static(b"x\n\n")).await);
        assert!(host.end(1, None));
        let (status, h, body) = sending.await.unwrap();
        assert_eq!((status, h, body), (201, headers(), b"data: x\n\n".to_vec()));
        assert!(!host.chunk(1, Bytes::from_static(b"late")).await, "ended");
    }

    #[tokio::test]
    async fn a_failure_before_the_answer_and_a_call_that_stopped_waiting() {
        let (tx, mut rx) = mpsc::channel(4);
        let host = HostFetch::new(&tx);
        let h = host.clone();
        let failing = tokio::spawn(async move { h.send(1, "u", &headers(), b"").await.err() });
        rx.recv().await.unwrap();
        let failure = FetchFailure::new("refused".into(), FailureKind::Network);
        assert!(host.end(1, Some(failure)));
        let e = failing.await.unwrap().unwrap();
        assert_eq!(
            (e.message.as_str(), e.kind, e.id),
            ("refused", FailureKind::Network, 1)
        );

        // A send dropped while it waits (a timeout) leaves nothing to feed.
        let h = host.clone();
        let waiting = tokio::spawn(async move { h.send(1, "u", &headers(), b"").await.is_ok() });
        rx.recv().await.unwrap();
        waiting.abort();
        let _ = waiting.await;
        assert!(!host.respond(2, 200, headers()));
        assert!(lock(&host.pending).is_empty());
    }
}
