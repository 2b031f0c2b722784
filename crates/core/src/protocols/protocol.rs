//! What every protocol implements: building the request (`Protocol`) and decoding its stream
//! (`StreamDecoder`), and the request type they produce.
use std::borrow::Cow;

use serde_json::Value;

use crate::error::{CallError, StreamError};
use crate::parts::ModelPart;
use crate::sse::{OwnedSseEvent, SseEvent};
use crate::text_buffers;
use crate::types::{CallOptions, ModelMessage};

use super::message_segments::MessageSegments;
use super::target::Target;

/// A request ready to send: the body is kept as a value so it can be echoed in `start-step`.
/// `headers` carry the credential, so `Debug` prints their names only.
pub struct ProtocolRequest {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
    pub warnings: Vec<Value>,
    /// What `start-step.request.body` reports.
    pub echo: Echo,
    /// The field of `body` (its messages) whose array was assembled from kept segments
    /// (`message_segments.rs`); `body[name]` is then `null`. Read the body through
    /// [`ProtocolRequest::wire`] and [`ProtocolRequest::body_values`].
    pub messages_wire: Option<SegmentedField>,
}

/// A field of the body written from segments.
#[derive(Debug, Clone)]
pub struct SegmentedField {
    pub name: &'static str,
    pub segments: MessageSegments,
}

impl SegmentedField {
    pub fn new(name: &'static str, segments: MessageSegments) -> Self {
        SegmentedField { name, segments }
    }
}

/// What a step's `request.body` is, as the AI SDK reports it for the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// The body as sent.
    Body,
    /// The body without its `stream` field (Responses: the AI SDK adds it when sending).
    WithoutStream,
    /// The body as sent, as one JSON string (Gemini's).
    Text,
}

impl ProtocolRequest {
    /// The body as sent: `body` serialised, with `messages_wire` in its place.
    pub fn wire(&self) -> Vec<u8> {
        let (Some(segmented), Value::Object(fields)) = (&self.messages_wire, &self.body) else {
            return serde_json::to_vec(&self.body).unwrap_or_default();
        };
        // serde_json's compact form, written field by field (the segmented field where its
        // placeholder is, or last, as `body_values` puts it, if there is none). Into a kept
        // buffer: a megabyte body written into fresh memory page-faults on every page.
        let mut out = text_buffers::take_for_body(segmented.segments.kept_bytes() + 4096);
        out.push(b'{');
        for (i, (name, value)) in fields.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let _ = serde_json::to_writer(&mut out, name);
            out.push(b':');
            match name == segmented.name {
                true => segmented.segments.write_to(&mut out),
                false => drop(serde_json::to_writer(&mut out, value)),
            }
        }
        if !fields.contains_key(segmented.name) {
            if !fields.is_empty() {
                out.push(b',');
            }
            let _ = serde_json::to_writer(&mut out, segmented.name);
            out.push(b':');
            segmented.segments.write_to(&mut out);
        }
        out.push(b'}');
        out
    }

    /// The whole body as a value (what an `APICallError`'s `requestBodyValues` holds).
    pub fn body_values(&self) -> Value {
        let mut body = self.body.clone();
        if let (Some(field), Value::Object(fields)) = (&self.messages_wire, &mut body) {
            let mut text = Vec::new();
            field.segments.write_to(&mut text);
            fields.insert(
                field.name.into(),
                serde_json::from_slice(&text).unwrap_or_default(),
            );
        }
        body
    }

    /// `start-step.request.body` as a value; `wire` is the body as sent.
    pub fn echo_value(&self, wire: &[u8]) -> Value {
        match self.echo {
            // (The text is the wire's: no value to build and serialise again.)
            Echo::Text => Value::String(String::from_utf8_lossy(wire).into_owned()),
            echo => echo.of_value(self.body_values()),
        }
    }
}

impl Echo {
    /// What is reported of the body `value` (a `Text` echo is the value's JSON text).
    pub fn of_value(self, mut value: Value) -> Value {
        match self {
            Echo::Body => value,
            Echo::WithoutStream => {
                if let Value::Object(fields) = &mut value {
                    fields.shift_remove("stream");
                }
                value
            }
            Echo::Text => Value::String(value.to_string()),
        }
    }
}

impl std::fmt::Debug for ProtocolRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("ProtocolRequest")
            .field("url", &self.url)
            .field("headers", &names)
            .field("body", &self.body)
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// Per-call state of stream decoding. One event may yield several parts; state (open text blocks,
/// tool-call arguments accumulating by index, usage) lives across events.
pub trait StreamDecoder: Send {
    fn decode(&mut self, event: &SseEvent, out: &mut Vec<ModelPart>);
    /// The per-token fast lane: an event that does nothing but continue the open text block, as
    /// (block id, text), with the decoder's state updated as `decode` would. `None`: the event
    /// needs `decode`. Lets the stream skip building a `ModelPart` and a `StreamPart` per token.
    fn text_continuation<'a>(
        &'a mut self,
        _event: &'a SseEvent,
    ) -> Option<(&'a str, Cow<'a, str>)> {
        None
    }
    /// The body ended: close open blocks, finish pending tool calls, emit `Finish`.
    fn finish(&mut self, out: &mut Vec<ModelPart>);
}

pub trait Protocol: Send + Sync {
    /// Builds the streaming request for `messages` (already standardized) and `call`.
    fn build_request(
        &self,
        target: &Target,
        messages: &[ModelMessage],
        call: &CallOptions,
    ) -> Result<ProtocolRequest, CallError>;

    fn decoder(&self, target: &Target, call: &CallOptions) -> Box<dyn StreamDecoder>;

    /// The human message and parsed data of an error response body. Every supported provider
    /// answers `{ "error": { "message": … } }` (Anthropic adds a `type` around it).
    fn parse_error_body(&self, body: &str) -> Option<(String, Value)> {
        let data: Value = serde_json::from_str(body).ok()?;
        let message = data.get("error")?.get("message")?.as_str()?.to_owned();
        Some((message, data))
    }

    /// A whole (non-streaming) JSON answer — from a server that ignored `stream: true` — as the
    /// events this protocol's stream decoder reads. By default the answer is one event (Gemini's
    /// non-streaming answer has the shape of one stream chunk).
    fn whole_response_events(&self, body: &Value) -> Vec<OwnedSseEvent> {
        match body {
            Value::Array(chunks) => chunks
                .iter()
                .map(|c| OwnedSseEvent {
                    data: c.to_string(),
                    ..Default::default()
                })
                .collect(),
            one => vec![OwnedSseEvent {
                data: one.to_string(),
                ..Default::default()
            }],
        }
    }

    /// An error the provider sends as the *first* event of a 200 response (Anthropic's
    /// `overloaded_error`) is really a failed request: `(message, status, retryable, body)`.
    fn early_error(&self, _first_event: &SseEvent) -> Option<(String, u16, bool, String)> {
        None
    }
}

/// Parses one event's JSON, reporting a parse failure as a stream error (the stream goes on).
pub fn parse_event_json(data: &str, out: &mut Vec<ModelPart>) -> Option<Value> {
    match serde_json::from_str(data) {
        Ok(v) => Some(v),
        Err(e) => {
            out.push(ModelPart::Error(StreamError::JsonParse {
                text: data.to_owned(),
                message: e.to_string(),
            }));
            None
        }
    }
}
