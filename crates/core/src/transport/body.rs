//! Reading a streamed response body: one network chunk at a time into SSE events, with the idle
//! limit between chunks. A JSON answer (a server that ignored `stream: true`) is read whole and
//! turned into the protocol's events.
use crate::error::{ApiCallError, CallError};
use crate::protocols::{Protocol, ProtocolRequest};
use crate::secret::{scrub, url_for_errors, Secret};
use crate::sse::{OwnedSseEvent, SseDecoder, SseEvent};
use crate::timeouts::{TimeoutKind, Timeouts};

use super::response::HttpResponse;

/// The response body as SSE events, read one network chunk at a time.
pub struct BodyReader {
    pub response: HttpResponse,
    pub sse: SseDecoder,
    /// Events [`Self::read`] decoded and not yet taken.
    pub events: Vec<OwnedSseEvent>,
    /// A JSON answer instead of an event stream (the server ignored `stream: true`): its bytes,
    /// turned into the protocol's events at the end.
    whole: Option<(Vec<u8>, &'static dyn Protocol)>,
    /// When the stream last moved: a chunk that completed an event other than a keep-alive, or
    /// carried data of one (an idle limit the app set counts from here, so pings do not keep a
    /// hung stream up; under the default one every chunk counts).
    last_progress: tokio::time::Instant,
    /// `read_json`: the whole answer's bytes are the result, not events.
    keep_whole: bool,
}

/// Most bytes a whole (non-streaming) JSON answer may have.
pub const MAX_WHOLE_BODY: usize = 64 << 20;

impl BodyReader {
    pub fn new(response: HttpResponse, protocol: &'static dyn Protocol) -> Self {
        let json = response
            .media_type()
            .is_some_and(|t| t == "application/json" || t.ends_with("+json"));
        BodyReader {
            response,
            sse: SseDecoder::new(),
            events: Vec::new(),
            whole: json.then(|| (Vec::new(), protocol)),
            last_progress: tokio::time::Instant::now(),
            keep_whole: false,
        }
    }

    /// Reads the whole body of an answer that is one JSON document (an embedding response),
    /// under the idle limit and `MAX_WHOLE_BODY`, whatever its content type says.
    pub async fn read_json(
        response: HttpResponse,
        protocol: &'static dyn Protocol,
        req: &ProtocolRequest,
        key: Option<&Secret>,
        timeouts: Timeouts,
    ) -> Result<Vec<u8>, CallError> {
        let mut reader = BodyReader::new(response, protocol);
        reader.whole = Some((Vec::new(), protocol));
        reader.keep_whole = true;
        while reader.read(req, key, timeouts).await? {}
        Ok(reader.whole.map(|(bytes, _)| bytes).unwrap_or_default())
    }

    /// The whole JSON answer read: its events (one raw event when it is not JSON, which the
    /// decoder then reports as a parse error).
    fn finish_whole(&mut self, on_event: &mut impl FnMut(SseEvent<'_>)) {
        if self.keep_whole {
            return;
        }
        let Some((bytes, protocol)) = self.whole.take() else {
            return;
        };
        let text = String::from_utf8_lossy(&bytes);
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(body) => {
                for event in protocol.whole_response_events(&body) {
                    on_event(event.as_event());
                }
            }
            Err(_) => on_event(SseEvent {
                data: &text,
                ..Default::default()
            }),
        }
    }

    /// Reads one chunk into `events`; `Ok(false)` at the end of the body. A stall longer than the
    /// idle limit and a broken connection are errors.
    pub async fn read(
        &mut self,
        req: &ProtocolRequest,
        key: Option<&Secret>,
        timeouts: Timeouts,
    ) -> Result<bool, CallError> {
        let mut events = std::mem::take(&mut self.events);
        let read = self
            .read_each(req, key, timeouts, |event| {
                events.push(event.to_owned_event())
            })
            .await;
        self.events = events;
        read
    }

    /// Reads one chunk and hands the events it completes to `on_event` (borrowed: the stream's
    /// hot path copies no event); `Ok(false)` at the end of the body, as [`Self::read`].
    pub async fn read_each(
        &mut self,
        req: &ProtocolRequest,
        key: Option<&Secret>,
        timeouts: Timeouts,
        mut on_event: impl FnMut(SseEvent<'_>),
    ) -> Result<bool, CallError> {
        let url = || url_for_errors(key, &req.url);
        let deadline = self.last_progress + timeouts.idle();
        let next = tokio::time::timeout_at(deadline, self.response.chunk())
            .await
            .map_err(|_| CallError::Timeout {
                kind: TimeoutKind::Idle,
                after_ms: timeouts.idle().as_millis() as u64,
                url: url(),
            })?;
        match next {
            Ok(Some(bytes)) => {
                match &mut self.whole {
                    Some((body, _)) if body.len() + bytes.len() > MAX_WHOLE_BODY => {
                        self.whole = None;
                        return Err(CallError::ApiCall(Box::new(ApiCallError {
                            message: format!(
                                "The response is a JSON body larger than {} MiB",
                                MAX_WHOLE_BODY >> 20
                            ),
                            url: url(),
                            request_body_values: req.body_values(),
                            status_code: Some(200),
                            response_headers: None,
                            response_body: None,
                            is_retryable: false,
                            data: None,
                        })));
                    }
                    Some((body, _)) => {
                        body.extend_from_slice(&bytes);
                        self.last_progress = tokio::time::Instant::now();
                    }
                    None => {
                        // Under the default limit any bytes are progress, as with Node's fetch
                        // (Anthropic pings through long server-tool runs); an idle limit the app
                        // set is not fooled by keep-alives.
                        let mut moved = timeouts.idle_ms.is_none();
                        self.sse.feed_each(&bytes, &mut |event| {
                            moved |= !event.is_keep_alive();
                            on_event(event);
                        });
                        if moved || self.sse.has_event_data() {
                            self.last_progress = tokio::time::Instant::now();
                        }
                    }
                }
                Ok(true)
            }
            Ok(None) => {
                self.finish_whole(&mut on_event);
                Ok(false)
            }
            Err(e) => Err(CallError::ApiCall(Box::new(ApiCallError {
                message: format!("Failed to process successful response: {}", scrub(key, &e)),
                url: url(),
                request_body_values: req.body_values(),
                status_code: Some(200),
                response_headers: None,
                response_body: None,
                is_retryable: true,
                data: None,
            }))),
        }
    }
}
