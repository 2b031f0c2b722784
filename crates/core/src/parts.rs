//! Stream parts at the two levels the AI SDK has: what a protocol decoder emits (`ModelPart`, like
//! `LanguageModelV2StreamPart`) and what `streamText().fullStream` yields (`StreamPart`, AI SDK v5
//! `TextStreamPart` — serialized with exactly its field names).
use serde::Serialize;
use serde_json::Value;

use crate::error::StreamError;
use crate::types::{Cost, FinishReason, Usage};

/// What a protocol decoder produces from provider events.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelPart {
    ResponseMetadata {
        id: Option<String>,
        model_id: Option<String>,
        /// Milliseconds since the epoch.
        timestamp_ms: Option<i64>,
    },
    TextStart {
        id: String,
        provider_metadata: Option<Value>,
    },
    TextDelta {
        id: String,
        delta: String,
        provider_metadata: Option<Value>,
    },
    TextEnd {
        id: String,
        provider_metadata: Option<Value>,
    },
    ReasoningStart {
        id: String,
        provider_metadata: Option<Value>,
    },
    ReasoningDelta {
        id: String,
        delta: String,
        provider_metadata: Option<Value>,
    },
    ReasoningEnd {
        id: String,
        provider_metadata: Option<Value>,
    },
    ToolInputStart {
        id: String,
        tool_name: String,
        provider_metadata: Option<Value>,
        /// The provider runs the tool (web search, code execution): no client tool runs.
        provider_executed: bool,
    },
    ToolInputDelta {
        id: String,
        delta: String,
        provider_metadata: Option<Value>,
    },
    ToolInputEnd {
        id: String,
        provider_metadata: Option<Value>,
    },
    /// A complete tool call; `input` is the JSON text as the model wrote it.
    ToolCall {
        tool_call_id: String,
        tool_name: String,
        input: String,
        provider_metadata: Option<Value>,
        provider_executed: bool,
    },
    /// The result of a tool the provider ran.
    ToolResult {
        tool_call_id: String,
        tool_name: String,
        result: Value,
        is_error: bool,
        provider_metadata: Option<Value>,
    },
    /// A citation the model gave (`source` part).
    Source(Source),
    /// A file the model generated (an image), base64.
    File {
        media_type: String,
        data: String,
    },
    Finish {
        finish_reason: FinishReason,
        usage: Usage,
        provider_metadata: Option<Value>,
    },
    Error(StreamError),
}

/// A `source` part (`LanguageModelV2Source`): a URL, or a document the answer cites.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// `url` or `document`.
    pub source_type: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<Value>,
}

/// Response metadata as `finish-step.response` carries it.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ResponseInfo {
    pub id: String,
    /// Milliseconds since the epoch; the JS layer turns it into a `Date`. `None` until known.
    pub timestamp: Option<i64>,
    pub model_id: String,
    pub headers: std::collections::BTreeMap<String, String>,
}

/// A `fullStream` part. Field names and shapes are the AI SDK v5 ones.
#[derive(Debug, Clone, Serialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum StreamPart {
    Start,
    /// One provider event as received (`includeRawChunks`), before the parts decoded from it.
    Raw {
        raw_value: Value,
    },
    StartStep {
        request: Value,
        warnings: Vec<Value>,
    },
    TextStart {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
    },
    TextDelta {
        id: String,
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
    },
    TextEnd {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
    },
    ReasoningStart {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
    },
    ReasoningDelta {
        id: String,
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
    },
    ReasoningEnd {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
    },
    ToolInputStart {
        id: String,
        tool_name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_executed: Option<bool>,
        dynamic: bool,
    },
    ToolInputDelta {
        id: String,
        delta: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
    },
    ToolInputEnd {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
    },
    ToolCall(ToolCallPart),
    Source(Source),
    ToolError {
        tool_call_id: String,
        tool_name: String,
        input: Value,
        error: String,
        dynamic: bool,
    },
    FinishStep {
        finish_reason: FinishReason,
        usage: Usage,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider_metadata: Option<Value>,
        response: ResponseInfo,
        /// llm-native's addition: the step's cost from the catalogue prices (USD).
        #[serde(skip_serializing_if = "Option::is_none")]
        cost: Option<Cost>,
    },
    Finish {
        finish_reason: FinishReason,
        total_usage: Usage,
    },
    Error {
        error: Value,
    },
    /// Internal: a fallback chain moved past a model that failed before any content (the JS
    /// layer calls the chain's `onFallback` with it and strips it).
    #[serde(rename = "$fallback")]
    Fallback {
        provider: String,
        model_id: String,
        error_class: &'static str,
        error: Value,
    },
    /// Internal: the model's `finish` event, which may come before its body ends (Anthropic's
    /// `message_stop`, then pings or a second message). The JS layer starts the step's client
    /// tools here, as `ai@5` does, and strips it.
    #[serde(rename = "$model-finish")]
    ModelFinish {
        finish_reason: FinishReason,
    },
    /// Internal: the text read as JSON changed (`partial_json`'s edits; `streamObject` and
    /// `experimental_partialOutputStream` apply them and strip the part).
    #[serde(rename = "$partial-json")]
    PartialJson {
        edits: Box<serde_json::value::RawValue>,
        complete: bool,
    },
    /// The result of an `embed` / `embedMany` call (`engine/embed.rs`), as JSON text.
    #[serde(rename = "$embeddings")]
    Embeddings {
        result: Box<serde_json::value::RawValue>,
    },
    /// Internal, last: everything the result promises resolve to. The JS layer strips it.
    #[serde(rename = "$result")]
    Result {
        result: Value,
    },
    /// A part the step builds whole, its `type` included: a provider-executed tool's
    /// `tool-result` / `tool-error`, a model-generated `file` (serde wants untagged variants last).
    #[serde(untagged)]
    Whole(Value),
}

impl StreamPart {
    /// A delta without provider metadata as (type, id, text): the parts `PartSink` writes short
    /// (their text, or its length in the pool) when they continue a run.
    pub fn plain_delta(&self) -> Option<(&'static str, &str, &str)> {
        match self {
            StreamPart::TextDelta {
                id,
                text,
                provider_metadata: None,
            } => Some(("text-delta", id, text)),
            StreamPart::ReasoningDelta {
                id,
                text,
                provider_metadata: None,
            } => Some(("reasoning-delta", id, text)),
            StreamPart::ToolInputDelta {
                id,
                delta,
                provider_metadata: None,
            } => Some(("tool-input-delta", id, delta)),
            _ => None,
        }
    }
}

/// A parsed tool call (`tool-call` part, and an element of `toolCalls`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolCallPart {
    pub tool_call_id: String,
    pub tool_name: String,
    pub input: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<Value>,
    /// Set (with `invalid` and `error`) when the call names an unknown tool or has unparsable input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_executed: Option<bool>,
}
