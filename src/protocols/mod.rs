//! Wire protocols. A protocol turns call options into an HTTP request and provider events into
//! `ModelPart`s; adding one is one file here plus one line in `by_name`.
use serde_json::Value;

use crate::error::{CallError, StreamError};
use crate::model::ModelConfig;
use crate::parts::ModelPart;
use crate::sse::SseEvent;
use crate::types::{CallOptions, ModelMessage};

pub mod anthropic;
mod envelope;
pub mod google;
pub mod openai_chat;
pub mod openai_responses;

/// A request ready to send: the body is kept as a value so it can be echoed in `start-step`.
/// `headers` carry the credential, so `Debug` prints their names only.
pub struct ProtocolRequest {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
    pub warnings: Vec<Value>,
    /// What `start-step.request.body` reports when it differs from `body` (the AI SDK reports
    /// Gemini's as JSON text, and the Responses body without `stream`).
    pub echo: Option<Value>,
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
    fn text_continuation(&mut self, _event: &SseEvent) -> Option<(&str, String)> {
        None
    }
    /// The body ended: close open blocks, finish pending tool calls, emit `Finish`.
    fn finish(&mut self, out: &mut Vec<ModelPart>);
}

pub trait Protocol: Send + Sync {
    /// Builds the streaming request for `messages` (already standardized) and `call`.
    fn build_request(
        &self,
        model: &ModelConfig,
        messages: &[ModelMessage],
        call: &CallOptions,
    ) -> Result<ProtocolRequest, CallError>;

    fn decoder(&self, model: &ModelConfig, call: &CallOptions) -> Box<dyn StreamDecoder>;

    /// The human message and parsed data of an error response body. Every supported provider
    /// answers `{ "error": { "message": … } }` (Anthropic adds a `type` around it).
    fn parse_error_body(&self, body: &str) -> Option<(String, Value)> {
        let data: Value = serde_json::from_str(body).ok()?;
        let message = data.get("error")?.get("message")?.as_str()?.to_owned();
        Some((message, data))
    }

    /// An error the provider sends as the *first* event of a 200 response (Anthropic's
    /// `overloaded_error`) is really a failed request: `(message, status, retryable, body)`.
    fn early_error(&self, _first_event: &SseEvent) -> Option<(String, u16, bool, String)> {
        None
    }
}

/// Looks a protocol up by its configuration name.
pub fn by_name(name: &str) -> Option<&'static dyn Protocol> {
    match name {
        "openai-chat" => Some(&openai_chat::OpenAiChat),
        "anthropic-messages" => Some(&anthropic::AnthropicMessages),
        "google-generative-ai" => Some(&google::GoogleGenerativeAi),
        "openai-responses" => Some(&openai_responses::OpenAiResponses),
        _ => None,
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

/// Inserts `key: value` into a JSON object body when the value is present. Whole floats are
/// written as integers (`4`, not `4.0`), as JavaScript does, so bodies match the AI SDK's.
pub fn put<T: serde::Serialize>(
    body: &mut serde_json::Map<String, Value>,
    key: &str,
    value: Option<T>,
) {
    let Some(Ok(v)) = value.map(serde_json::to_value) else {
        return;
    };
    let v = match v.as_f64() {
        Some(f) if v.is_f64() && f.fract() == 0.0 && f.abs() < 9e15 => Value::from(f as i64),
        _ => v,
    };
    body.insert(key.to_owned(), v);
}

/// `unsupported-setting` warning, as the AI SDK reports settings a provider ignores.
pub fn unsupported_setting(setting: &str) -> Value {
    serde_json::json!({ "type": "unsupported-setting", "setting": setting })
}
