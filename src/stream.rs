//! Runs one `streamText` call: request, SSE decoding, step assembly, and delivery of parts to JS
//! in batches through a bounded channel (the bound is the backpressure: a slow consumer stops the
//! reader, which stops reading the socket, so memory stays flat).
use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::ascii_json;
use crate::error::{ApiCallError, CallError};
use crate::http;
use crate::model::ModelConfig;
use crate::parts::{ModelPart, StreamPart};
use crate::protocols::{ProtocolRequest, StreamDecoder};
use crate::retry::{with_retries, RetryPolicy};
use crate::secret::Secret;
use crate::sse::{SseDecoder, SseEvent};
use crate::step::Step;
use crate::timeouts::TimeoutKind;
use crate::timeouts::Timeouts;
use crate::types::{CallOptions, Usage};

/// Batches in flight between the network task and JS. Each batch holds the parts decoded from one
/// network read, so this bounds buffered data to a few reads per stream.
pub const CHANNEL_BATCHES: usize = 16;

/// Collects serialized parts (`{..},{..}`) and hands them over one batch per network read.
///
/// A delta that continues the previous part's run (same type and id, neither carrying provider
/// metadata) is written as its bare text: `{"type":"text-delta","id":"0","text":"a"}," b"`. The
/// JS side expands it back into a part; this halves the bytes and makes `JSON.parse` several
/// times cheaper than 100k objects would be (strings parse far faster than objects in V8).
pub struct PartSink {
    tx: mpsc::Sender<String>,
    buf: Vec<u8>,
    /// The run the last written part belongs to, if it was a plain delta.
    run: Option<(&'static str, String)>,
}

/// The consumer went away; the call should stop.
#[derive(Debug)]
pub struct Closed;

impl PartSink {
    pub fn new(tx: mpsc::Sender<String>) -> Self {
        PartSink {
            tx,
            buf: Vec::with_capacity(4096),
            run: None,
        }
    }

    pub fn push(&mut self, part: &StreamPart) {
        self.separate();
        match part.plain_delta() {
            Some((kind, id, text)) if self.continues_run(kind, id) => {
                ascii_json::write(&mut self.buf, text)
            }
            plain => {
                ascii_json::write(&mut self.buf, part);
                self.run = plain.map(|(kind, id, _)| (kind, id.to_owned()));
            }
        }
    }

    /// The fast lane's text delta (no provider metadata): its text alone while it continues the
    /// run, else the whole part; only a run's first delta pays for building the part.
    pub fn push_text_delta(&mut self, id: &str, text: &str) {
        if !self.continues_run("text-delta", id) {
            return self.push(&StreamPart::TextDelta {
                id: id.to_owned(),
                text: text.to_owned(),
                provider_metadata: None,
            });
        }
        self.separate();
        ascii_json::write(&mut self.buf, text);
    }

    fn continues_run(&self, kind: &str, id: &str) -> bool {
        matches!(&self.run, Some((k, i)) if *k == kind && i == id)
    }

    fn separate(&mut self) {
        if !self.buf.is_empty() {
            self.buf.push(b',');
        }
    }

    pub async fn flush(&mut self) -> Result<(), Closed> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.buf, Vec::with_capacity(4096));
        // Every batch starts with a whole part, so a batch stands on its own.
        self.run = None;
        // ASCII JSON is valid UTF-8.
        let batch = String::from_utf8(batch).map_err(|_| Closed)?;
        self.tx.send(batch).await.map_err(|_| Closed)
    }
}

/// The response body as SSE events, read one network chunk at a time.
struct BodyReader {
    response: reqwest::Response,
    sse: SseDecoder,
    events: Vec<crate::sse::SseEvent>,
}

impl BodyReader {
    /// Reads one chunk into `events`; `Ok(false)` at the end of the body. A stall longer than the
    /// idle limit and a broken connection are errors.
    async fn read(
        &mut self,
        req: &ProtocolRequest,
        key: Option<&Secret>,
        timeouts: Timeouts,
    ) -> Result<bool, CallError> {
        let url = || http::scrub(key, &req.url);
        let next = tokio::time::timeout(timeouts.idle(), self.response.chunk())
            .await
            .map_err(|_| CallError::Timeout {
                kind: TimeoutKind::Idle,
                after_ms: timeouts.idle().as_millis() as u64,
                url: url(),
            })?;
        match next {
            Ok(Some(bytes)) => {
                self.sse.feed(&bytes, &mut self.events);
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(e) => Err(CallError::ApiCall(Box::new(ApiCallError {
                message: format!(
                    "Failed to process successful response: {}",
                    http::scrub(key, &http::error_chain(&e))
                ),
                url: url(),
                request_body_values: req.body.clone(),
                status_code: Some(200),
                response_headers: None,
                response_body: None,
                is_retryable: true,
                data: None,
            }))),
        }
    }
}

/// A `raw` part: the event's JSON as the provider sent it (its text if it is not JSON). The
/// `[DONE]` sentinel is not a chunk, as in the AI SDK's event-stream parser.
fn push_raw(sink: &mut PartSink, ev: &SseEvent) {
    if ev.data == "[DONE]" {
        return;
    }
    let raw_value =
        serde_json::from_str(&ev.data).unwrap_or_else(|_| Value::String(ev.data.clone()));
    sink.push(&StreamPart::Raw { raw_value });
}

/// A step being decoded: events → protocol parts → `fullStream` parts into the sink.
struct Decoding {
    decoder: Box<dyn StreamDecoder>,
    step: Step,
    parts: Vec<ModelPart>,
    /// `includeRawChunks`: each event's `raw` part goes out before the parts decoded from it.
    raw: bool,
}

impl Decoding {
    fn events(&mut self, events: &mut Vec<SseEvent>, sink: &mut PartSink) {
        for ev in events.drain(..) {
            if self.raw {
                self.feed(sink);
                push_raw(sink, &ev);
            }
            // Most events are one more token of the open text block: straight to the step and
            // the sink (after any parts still waiting, to keep the order).
            if let Some((id, text)) = self.decoder.text_continuation(&ev) {
                feed(&mut self.step, &mut self.parts, sink);
                self.step.append_text(id, &text);
                sink.push_text_delta(id, &text);
                continue;
            }
            self.decoder.decode(&ev, &mut self.parts);
        }
        self.feed(sink);
    }

    fn feed(&mut self, sink: &mut PartSink) {
        feed(&mut self.step, &mut self.parts, sink);
    }
}

/// Decoded parts through the step into the sink.
fn feed(step: &mut Step, parts: &mut Vec<ModelPart>, sink: &mut PartSink) {
    for p in parts.drain(..) {
        step.on_part(p, &mut |sp| sink.push(&sp));
    }
}

/// Ends the call with an error: an `error` part, then the result record carrying it.
async fn fail(sink: &mut PartSink, error: &CallError) {
    let js = error.to_js();
    sink.push(&StreamPart::Error { error: js.clone() });
    sink.push(&StreamPart::Result {
        result: json!({ "error": js }),
    });
    let _ = sink.flush().await;
}

/// Sends the request (with retries) and waits for the first event: an error event there is a
/// failed request (and may be retried).
async fn open(
    model: &ModelConfig,
    call: &CallOptions,
    req: &ProtocolRequest,
    key: Option<&Secret>,
    timeouts: Timeouts,
) -> Result<BodyReader, CallError> {
    let policy = RetryPolicy {
        max_retries: call.max_retries.unwrap_or(2),
        ..RetryPolicy::default()
    };
    let attempt = || async {
        model.limiter.request_slot().await;
        let response = http::send(model, req, &call.headers, key, timeouts).await?;
        let mut body = BodyReader {
            response,
            sse: SseDecoder::new(),
            events: Vec::new(),
        };
        while body.events.is_empty() && body.read(req, key, timeouts).await? {}
        if let Some((message, status, retryable, raw)) = body
            .events
            .first()
            .and_then(|e| model.protocol.early_error(e))
        {
            return Err(CallError::ApiCall(Box::new(ApiCallError {
                message,
                url: http::scrub(key, &req.url),
                request_body_values: req.body.clone(),
                status_code: Some(status),
                response_headers: Some(http::header_map_to_btree(body.response.headers())),
                response_body: Some(raw),
                is_retryable: retryable,
                data: None,
            })));
        }
        Ok(body)
    };
    with_retries(policy, attempt).await
}

fn is_unauthorized(e: &CallError) -> bool {
    matches!(e, CallError::ApiCall(a) if a.status_code == Some(401))
}

/// The whole call. Returns when the stream ended, failed, or the consumer went away.
pub async fn run(model: ModelConfig, mut call: CallOptions, sink: &mut PartSink) {
    sink.push(&StreamPart::Start);
    let source = model.api_key.clone();
    let prepared = match call.standardized_messages() {
        Ok(messages) => model.resolved().await.map(|m| (messages, m)),
        Err(e) => Err(e),
    };
    let (messages, mut model) = match prepared {
        Ok(p) => p,
        Err(e) => return fail(sink, &e).await,
    };
    let timeouts = call.timeouts.over(model.timeouts);
    // Held until the call ends: at most `maxConcurrentStreams` open per provider.
    let _stream_slot = model.limiter.stream_slot().await;
    let mut refreshed = false;
    let (req, key, mut body) = loop {
        let prepared = model
            .protocol
            .build_request(&model, &messages, &call)
            .and_then(|req| Ok((req, model.api_key()?)));
        let (req, key) = match prepared {
            Ok(p) => p,
            Err(e) => return fail(sink, &e).await,
        };
        match open(&model, &call, &req, key.as_ref(), timeouts).await {
            Ok(body) => break (req, key, body),
            // An OAuth token the server rejected: refresh once and send again.
            Err(e) if !refreshed && is_unauthorized(&e) => {
                match model.refreshed_after_401(&source).await {
                    Some(Ok(m)) => model = m,
                    Some(Err(refresh_error)) => return fail(sink, &refresh_error).await,
                    None => return fail(sink, &e).await,
                }
                refreshed = true;
            }
            Err(e) => return fail(sink, &e).await,
        }
    };
    let tool_names = call.tools.iter().map(|t| t.name.clone()).collect();
    let request = json!({ "body": req.echo.clone().unwrap_or_else(|| req.body.clone()) });
    let mut step = Step::new(&model.model_id, tool_names, request, req.warnings.clone());
    step.set_response_headers(http::header_map_to_btree(body.response.headers()));
    step.set_pricing(model.pricing.clone());
    sink.push(&step.start_part());

    let mut decoding = Decoding {
        decoder: model.protocol.decoder(&model, &call),
        step,
        parts: Vec::new(),
        raw: call.include_raw_chunks,
    };
    loop {
        decoding.events(&mut body.events, sink);
        if sink.flush().await.is_err() {
            return;
        }
        match body.read(&req, key.as_ref(), timeouts).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return fail(sink, &e).await,
        }
    }
    let (mut sse, mut events) = (body.sse, body.events);
    sse.finish(&mut events);
    decoding.events(&mut events, sink);
    decoding.decoder.finish(&mut decoding.parts);
    decoding.feed(sink);
    let step = decoding.step;
    let (step_result, usage, finish_reason) = step.finish(&mut |sp| sink.push(&sp));
    let total_usage = Usage::default().add(&usage);
    sink.push(&StreamPart::Finish {
        finish_reason,
        total_usage,
    });
    sink.push(&StreamPart::Result {
        result: json!({ "steps": [step_result], "totalUsage": total_usage, "finishReason": finish_reason }),
    });
    let _ = sink.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(id: &str, t: &str) -> StreamPart {
        StreamPart::TextDelta {
            id: id.into(),
            text: t.into(),
            provider_metadata: None,
        }
    }

    /// What one flush hands over, as JSON values.
    async fn batch_of(parts: &[StreamPart]) -> Vec<Value> {
        let (tx, mut rx) = mpsc::channel(4);
        let mut sink = PartSink::new(tx);
        for p in parts {
            sink.push(p);
        }
        sink.flush().await.unwrap();
        serde_json::from_str(&format!("[{}]", rx.recv().await.unwrap())).unwrap()
    }

    #[tokio::test]
    async fn a_delta_continuing_a_run_is_its_bare_text() {
        let signed = StreamPart::ReasoningDelta {
            id: "r".into(),
            text: "".into(),
            provider_metadata: Some(json!({ "anthropic": { "signature": "s" } })),
        };
        let reasoning = |t: &str| StreamPart::ReasoningDelta {
            id: "r".into(),
            text: t.into(),
            provider_metadata: None,
        };
        let tool = |d: &str| StreamPart::ToolInputDelta {
            id: "t".into(),
            delta: d.into(),
            provider_metadata: None,
        };
        let got = batch_of(&[
            StreamPart::Start,
            text("0", "a"),
            text("0", " \"b\"\n"),
            text("1", "c"),
            text("1", "d"),
            reasoning("e"),
            reasoning("f"),
            signed.clone(),
            reasoning("g"),
            tool("{"),
            tool("}"),
            StreamPart::TextEnd {
                id: "1".into(),
                provider_metadata: None,
            },
            text("1", "h"),
        ])
        .await;
        assert_eq!(
            got,
            vec![
                json!({ "type": "start" }),
                json!({ "type": "text-delta", "id": "0", "text": "a" }),
                json!(" \"b\"\n"),
                json!({ "type": "text-delta", "id": "1", "text": "c" }),
                json!("d"),
                json!({ "type": "reasoning-delta", "id": "r", "text": "e" }),
                json!("f"),
                json!({ "type": "reasoning-delta", "id": "r", "text": "", "providerMetadata": { "anthropic": { "signature": "s" } } }),
                json!({ "type": "reasoning-delta", "id": "r", "text": "g" }),
                json!({ "type": "tool-input-delta", "id": "t", "delta": "{" }),
                json!("}"),
                json!({ "type": "text-end", "id": "1" }),
                json!({ "type": "text-delta", "id": "1", "text": "h" }),
            ]
        );
    }

    #[tokio::test]
    async fn every_batch_starts_with_a_whole_part() {
        let (tx, mut rx) = mpsc::channel(4);
        let mut sink = PartSink::new(tx);
        sink.push(&text("0", "a"));
        sink.flush().await.unwrap();
        sink.push(&text("0", "b"));
        sink.flush().await.unwrap();
        assert_eq!(
            rx.recv().await.unwrap(),
            r#"{"type":"text-delta","id":"0","text":"a"}"#
        );
        assert_eq!(
            rx.recv().await.unwrap(),
            r#"{"type":"text-delta","id":"0","text":"b"}"#
        );
    }
    /// A body as `decode` alone sees it (no fast lane) and as the stream decodes it: the parts
    /// handed to JS and the step record must be identical.
    type MakeDecoder<'a> = &'a dyn Fn() -> Box<dyn StreamDecoder>;

    fn through_step(make: MakeDecoder, body: &[u8], piece: usize, lane: bool) -> (Value, Value) {
        let (tx, _rx) = mpsc::channel(1);
        let mut sink = PartSink::new(tx);
        let step = Step::new("m", vec!["weather".into()], json!({}), vec![]);
        let mut decoding = Decoding {
            decoder: make(),
            step,
            parts: Vec::new(),
            raw: false,
        };
        let (mut sse, mut events) = (SseDecoder::new(), Vec::new());
        let run = |events: &mut Vec<SseEvent>, d: &mut Decoding, sink: &mut PartSink| {
            if lane {
                d.events(events, sink);
            } else {
                for ev in events.drain(..) {
                    d.decoder.decode(&ev, &mut d.parts);
                }
                d.feed(sink);
            }
        };
        for read in body.chunks(piece) {
            sse.feed(read, &mut events);
            run(&mut events, &mut decoding, &mut sink);
        }
        sse.finish(&mut events);
        run(&mut events, &mut decoding, &mut sink);
        decoding.decoder.finish(&mut decoding.parts);
        decoding.feed(&mut sink);
        let (mut result, _, _) = decoding.step.finish(&mut |sp| sink.push(&sp));
        let batch = String::from_utf8(sink.buf).unwrap();
        let mut parts: Value = serde_json::from_str(&format!("[{batch}]")).unwrap();
        // Without a `created` field the response time is the clock's.
        for record in parts
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .chain([&mut result])
        {
            if let Some(response) = record.get_mut("response") {
                response["timestamp"] = Value::Null;
            }
        }
        (parts, result)
    }

    #[test]
    fn the_text_fast_lane_changes_nothing_but_speed() {
        use crate::protocols::{anthropic, openai_chat};
        use crate::test_support::{framed_fixture, framed_fixtures, TRICKY_TEXTS};
        let openai =
            || Box::new(openai_chat::Decoder::new("openai".into())) as Box<dyn StreamDecoder>;
        let claude = || Box::<anthropic::Decoder>::default() as Box<dyn StreamDecoder>;
        // Repeated envelopes (the lane's case) around tricky texts, then a finish.
        let mut chat = String::new();
        let mut messages = String::from(concat!(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        ));
        for round in 0..3 {
            for t in TRICKY_TEXTS {
                let t = serde_json::to_string(t).unwrap();
                chat += &format!("data: {{\"id\":\"c{round}\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{t}}},\"finish_reason\":null}}]}}\n\n");
                messages += &format!("event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":{t}}}}}\n\n");
            }
        }
        chat += "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        messages += "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        let mut cases: Vec<(String, Vec<u8>, MakeDecoder)> = vec![
            ("synthetic chat".into(), chat.into_bytes(), &openai),
            ("synthetic messages".into(), messages.into_bytes(), &claude),
        ];
        for (name, _) in framed_fixtures() {
            let make: MakeDecoder = if name.starts_with("anthropic__") {
                &claude
            } else if name.contains("chat_") || name.starts_with("groq__") {
                &openai
            } else {
                continue;
            };
            let body = framed_fixture(&name);
            cases.push((name, body, make));
        }
        for (name, body, make) in &cases {
            for piece in [1, 7, 4096] {
                let plain = through_step(*make, body, piece, false);
                let fast = through_step(*make, body, piece, true);
                assert_eq!(fast, plain, "{name}, {piece}-byte reads");
            }
        }
        // The synthetic bodies do take the lane: most deltas are bare run texts.
        let (parts, _) = through_step(&claude, &cases[1].1, 4096, true);
        let bare = parts.as_array().unwrap().iter().filter(|p| p.is_string());
        assert!(bare.count() > 2 * TRICKY_TEXTS.len(), "{parts}");
    }
}
