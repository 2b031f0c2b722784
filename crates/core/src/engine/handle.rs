//! A running call as hosts hold it: started on the host's tokio runtime, read batch by batch,
//! aborted (which drops the task and so closes the HTTP connection).
use tokio::sync::{mpsc, Mutex};

use crate::providers::ModelConfig;
use crate::types::CallOptions;

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use futures::FutureExt;

use crate::error::CallError;
use crate::lone_surrogates::replace_lone_surrogates;
use crate::text_buffers;
use crate::transport::host_fetch::HostFetch;

use super::embed::{run_embed, EmbedOptions};
use super::fallback::ModelChain;
use super::request_body::{RequestBodySlot, RequestEcho};
use super::run::{fail, run};
use super::sink::{message_items_and_texts, push_pool, PartSink, CHANNEL_BATCHES};

/// Upper bound on one batch handed to a host, so a burst does not become one giant string (and
/// the parts parsed from one batch stay few enough not to outlive a young-generation GC in JS).
pub const MAX_BATCH_BYTES: usize = 1 << 16;

pub struct StreamHandle {
    rx: Mutex<mpsc::Receiver<String>>,
    task: tokio::task::AbortHandle,
    /// Where the host answers the call's `$fetch` requests.
    host_fetch: Arc<HostFetch>,
    /// Set when the request body stays here instead of going out in the parts.
    request_body: Option<RequestBodySlot>,
    /// `take_request_body` gave it out.
    request_body_taken: AtomicBool,
}

/// What a stream starts from: options already parsed, or their JSON text to parse on the runtime
/// (so a megabyte history is not parsed on the host's thread, a JS host's main thread).
pub enum CallInput {
    Parsed(Box<CallOptions>),
    /// JSON text, parsed on the runtime.
    Json(String),
}

impl CallInput {
    fn parse(self) -> Result<CallOptions, CallError> {
        match self {
            CallInput::Parsed(call) => Ok(*call),
            CallInput::Json(text) => {
                let call = parse_call_options(&text);
                text_buffers::give_back(text);
                call.map_err(|e| CallError::InvalidArgument {
                    parameter: "options".into(),
                    message: e.to_string(),
                })
            }
        }
    }
}

/// Call options from their JSON text (their messages keyed by content, `keyed_messages.rs`). A
/// text JS wrote with lone surrogates in it (a string cut inside a character) is read with U+FFFD
/// in their place.
pub fn parse_call_options(text: &str) -> Result<CallOptions, serde_json::Error> {
    serde_json::from_str(text).or_else(|e| match replace_lone_surrogates(text) {
        Some(fixed) => serde_json::from_str(&fixed),
        None => Err(e),
    })
}

impl StreamHandle {
    /// Starts `call` on `model` as a task of `runtime`, the request body inline in the parts.
    pub fn start(
        runtime: &tokio::runtime::Handle,
        model: impl Into<ModelChain>,
        call: CallOptions,
    ) -> StreamHandle {
        Self::start_with(
            runtime,
            model,
            CallInput::Parsed(Box::new(call)),
            RequestEcho::Inline,
        )
    }

    /// Starts a call from `input`, its request body where `echo` says (`request_body` reads a
    /// body kept on the handle).
    pub fn start_with(
        runtime: &tokio::runtime::Handle,
        model: impl Into<ModelChain>,
        input: CallInput,
        echo: RequestEcho,
    ) -> StreamHandle {
        let model = model.into();
        let request_body = match &echo {
            RequestEcho::OnDemand(slot) => Some(slot.clone()),
            RequestEcho::Inline => None,
        };
        let mut handle = Self::spawn(runtime, move |mut sink| async move {
            match input.parse() {
                Ok(call) => run(model, call, &mut sink, &echo).await,
                Err(e) => fail(&mut sink, &e).await,
            }
            sink
        });
        handle.request_body = request_body;
        handle
    }

    /// Starts an `embed` / `embedMany` call of `model` from the JSON of its options (parsed on the
    /// runtime); its one batch holds the `$embeddings` part, or an `error` part.
    pub fn start_embed(
        runtime: &tokio::runtime::Handle,
        model: ModelConfig,
        options: String,
    ) -> StreamHandle {
        Self::spawn(runtime, move |mut sink| async move {
            let options = serde_json::from_str::<EmbedOptions>(&options).map_err(|e| {
                CallError::InvalidArgument {
                    parameter: "options".into(),
                    message: e.to_string(),
                }
            });
            run_embed(model, options, &mut sink).await;
            sink
        })
    }

    /// Runs `task` with a sink of a new channel on `runtime`. A panic anywhere in it becomes a
    /// typed error part, not a stream that just stops (the JS side would see no parts and a
    /// cause-less NoOutputGeneratedError).
    fn spawn<F, Fut>(runtime: &tokio::runtime::Handle, task: F) -> StreamHandle
    where
        F: FnOnce(PartSink) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = PartSink> + Send + 'static,
    {
        let (tx, rx) = mpsc::channel(CHANNEL_BATCHES);
        let failed = tx.clone();
        let sink = PartSink::new(tx);
        let host_fetch = sink.host_fetch();
        let task = runtime.spawn(async move {
            if let Err(panic) = AssertUnwindSafe(task(sink)).catch_unwind().await {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".into());
                fail(&mut PartSink::new(failed), &CallError::Internal(what)).await;
            }
        });
        StreamHandle {
            rx: Mutex::new(rx),
            task: task.abort_handle(),
            host_fetch,
            request_body: None,
            request_body_taken: AtomicBool::new(false),
        }
    }

    /// The JSON text of the body the call sent, when it is kept on the handle (`None` before the
    /// request went out, or when the body went out in the parts).
    pub fn request_body(&self) -> Option<String> {
        self.request_body.as_ref()?.get()
    }

    /// As `request_body`, but only the first time there is one: for a host that sends the body
    /// along with the batches (the Tauri plugin), once.
    pub fn take_request_body(&self) -> Option<String> {
        if self.request_body_taken.load(Ordering::Acquire) {
            return None;
        }
        let body = self.request_body()?;
        (!self.request_body_taken.swap(true, Ordering::AcqRel)).then_some(body)
    }

    /// Waits for parts and returns every batch already queued (up to ~64 KiB) as one batch (the
    /// format `super::batch` reads: all-ASCII JSON, a delta continuing its run as its text or its
    /// length in the text pool), or `None` once the stream ended. Not reading is the backpressure:
    /// the task stops reading the socket.
    pub async fn next_batch(&self) -> Option<String> {
        let mut rx = self.rx.lock().await;
        let first = rx.recv().await?;
        let mut out = String::with_capacity(first.len() + 4);
        let mut texts = String::new();
        out.push('[');
        append_message(&mut out, &mut texts, &first);
        while out.len() + texts.len() < MAX_BATCH_BYTES {
            match rx.try_recv() {
                Ok(more) => {
                    out.push(',');
                    append_message(&mut out, &mut texts, &more);
                }
                Err(_) => break,
            }
        }
        push_pool(&mut out, &texts);
        out.push(']');
        Some(out)
    }

    /// Where the host answers this call's `$fetch` parts (see `transport::host_fetch`).
    pub fn host_fetch(&self) -> &HostFetch {
        &self.host_fetch
    }

    /// Cancels the call: the task stops and the HTTP connection is closed.
    pub fn abort(&self) {
        self.task.abort();
    }
}

/// A channel message's items onto `out` and its pooled texts (after the separator) onto `texts`:
/// one pool per batch, in the order of the items that index it.
fn append_message(out: &mut String, texts: &mut String, message: &str) {
    let (items, pooled) = message_items_and_texts(message);
    out.push_str(items);
    texts.push_str(pooled);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::ModelPart;
    use crate::protocols::{Protocol, ProtocolRequest, StreamDecoder, Target};
    use crate::providers::ModelConfig;
    use crate::sse::SseEvent;
    use crate::types::ModelMessage;

    /// A protocol with a bug.
    struct Panics;

    impl Protocol for Panics {
        fn build_request(
            &self,
            _: &Target,
            _: &[ModelMessage],
            _: &CallOptions,
        ) -> Result<ProtocolRequest, CallError> {
            panic!("index out of bounds in a protocol");
        }

        fn decoder(&self, _: &Target, _: &CallOptions) -> Box<dyn StreamDecoder> {
            struct Nothing;
            impl StreamDecoder for Nothing {
                fn decode(&mut self, _: &SseEvent, _: &mut Vec<ModelPart>) {}
                fn finish(&mut self, _: &mut Vec<ModelPart>) {}
            }
            Box::new(Nothing)
        }
    }

    #[tokio::test]
    async fn a_panic_in_the_call_is_an_error_part_with_its_message() {
        let model = ModelConfig {
            provider: "test".into(),
            protocol: &Panics,
            target: Target::default(),
            api_key: Default::default(),
            timeouts: Default::default(),
            transport: Default::default(),
            limiter: Default::default(),
            pricing: None,
            context_window: None,
            embedding: None,
        };
        let call: CallOptions = serde_json::from_str(r#"{"prompt":"hi"}"#).unwrap();
        let stream = StreamHandle::start(&tokio::runtime::Handle::current(), model, call);
        let mut parts: Vec<serde_json::Value> = Vec::new();
        while let Some(batch) = stream.next_batch().await {
            parts.extend(crate::engine::batch::parts_of(&batch).unwrap());
        }
        let error = parts
            .iter()
            .find(|p| p["type"] == "error")
            .expect("an error part");
        assert_eq!(error["error"]["name"], "AI_InternalError");
        assert!(error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("index out of bounds in a protocol"));
        assert_eq!(parts.last().unwrap()["type"], "$result");
    }
}
