//! OpenAI Chat Completions (`POST {baseURL}/chat/completions`, `stream: true`) and every
//! OpenAI-compatible vendor (DeepSeek, Groq, xAI, OpenRouter, Ollama, ...).
//!
//! Mirrors `@ai-sdk/openai-compatible`: same request body, same part sequence (text and reasoning
//! blocks close at the end of the stream; tool calls accumulate by index and complete at the end).
use std::borrow::Cow;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::envelope::EnvelopeCache;
use super::{parse_event_json, put, unsupported_setting, Protocol, ProtocolRequest, StreamDecoder};
use crate::error::{CallError, StreamError};
use crate::ids::generate_id;
use crate::media::data_url;
use crate::model::ModelConfig;
use crate::parts::ModelPart;
use crate::sse::SseEvent;
use crate::types::{
    AssistantPart, CallOptions, FinishReason, ModelMessage, ToolChoice, ToolChoiceMode, Usage,
    UserPart,
};

pub struct OpenAiChat;

/// Provider options consumed by name; any other key under `providerOptions[<provider>]` is copied
/// into the body as is (AI SDK behaviour, how vendors' extra parameters get through).
const KNOWN_OPTIONS: &[&str] = &["user", "reasoningEffort", "textVerbosity"];

impl Protocol for OpenAiChat {
    fn build_request(
        &self,
        model: &ModelConfig,
        messages: &[ModelMessage],
        call: &CallOptions,
    ) -> Result<ProtocolRequest, CallError> {
        let mut warnings = Vec::new();
        if call.top_k.is_some() {
            warnings.push(unsupported_setting("topK"));
        }
        // `openai-compatible` options apply to every vendor; the provider's own name wins.
        let mut options = Map::new();
        for key in ["openai-compatible", model.provider_options_name.as_str()] {
            if let Some(Value::Object(o)) = call.provider_options.get(key) {
                options.extend(o.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }

        let mut body = Map::new();
        body.insert("model".into(), json!(model.model_id));
        put(&mut body, "user", options.get("user"));
        put(&mut body, "max_tokens", call.max_output_tokens);
        put(&mut body, "temperature", call.temperature);
        put(&mut body, "top_p", call.top_p);
        put(&mut body, "frequency_penalty", call.frequency_penalty);
        put(&mut body, "presence_penalty", call.presence_penalty);
        put(&mut body, "stop", call.stop_sequences.as_ref());
        put(&mut body, "seed", call.seed);
        if let Some(Value::Object(own)) = call.provider_options.get(&model.provider_options_name) {
            for (k, v) in own
                .iter()
                .filter(|(k, _)| !KNOWN_OPTIONS.contains(&k.as_str()))
            {
                body.insert(k.clone(), v.clone());
            }
        }
        put(
            &mut body,
            "reasoning_effort",
            options.get("reasoningEffort"),
        );
        put(&mut body, "verbosity", options.get("textVerbosity"));
        body.insert("messages".into(), Value::Array(convert_messages(messages)?));
        if !call.tools.is_empty() {
            let tools: Vec<Value> = call
                .tools
                .iter()
                .map(|t| {
                    let mut f = Map::new();
                    f.insert("name".into(), json!(t.name));
                    put(&mut f, "description", t.description.as_ref());
                    f.insert("parameters".into(), t.input_schema.clone());
                    json!({ "type": "function", "function": f })
                })
                .collect();
            body.insert("tools".into(), Value::Array(tools));
            put(
                &mut body,
                "tool_choice",
                call.tool_choice.as_ref().map(tool_choice),
            );
        }
        body.insert("stream".into(), json!(true));
        if model.include_usage {
            body.insert("stream_options".into(), json!({ "include_usage": true }));
        }

        let headers = model.auth_headers("authorization", "Bearer ")?;
        Ok(ProtocolRequest {
            url: format!("{}/chat/completions", model.base_url),
            headers,
            body: Value::Object(body),
            warnings,
            echo: None,
        })
    }

    fn decoder(&self, model: &ModelConfig, _call: &CallOptions) -> Box<dyn StreamDecoder> {
        Box::new(Decoder::new(model.provider_options_name.clone()))
    }
}

fn tool_choice(choice: &ToolChoice) -> Value {
    match choice {
        ToolChoice::Mode(ToolChoiceMode::Auto) => json!("auto"),
        ToolChoice::Mode(ToolChoiceMode::None) => json!("none"),
        ToolChoice::Mode(ToolChoiceMode::Required) => json!("required"),
        ToolChoice::Tool { tool_name, .. } => {
            json!({ "type": "function", "function": { "name": tool_name } })
        }
    }
}

/// `ModelMessage`s to Chat Completions messages.
fn convert_messages(messages: &[ModelMessage]) -> Result<Vec<Value>, CallError> {
    let mut out = Vec::with_capacity(messages.len());
    for message in messages {
        match message {
            ModelMessage::System { content, .. } => {
                out.push(json!({ "role": "system", "content": content }))
            }
            ModelMessage::User { content, .. } => {
                let parts = content.clone().into_parts();
                if let [UserPart::Text { text, .. }] = parts.as_slice() {
                    out.push(json!({ "role": "user", "content": text }));
                    continue;
                }
                let converted = parts
                    .iter()
                    .map(|part| match part {
                        UserPart::Text { text, .. } => Ok(json!({ "type": "text", "text": text })),
                        UserPart::Image {
                            image, media_type, ..
                        } => Ok(image_part(image, media_type.as_deref())),
                        UserPart::File {
                            data, media_type, ..
                        } if media_type.starts_with("image/") => {
                            let media_type =
                                (media_type != "image/*").then_some(media_type.as_str());
                            Ok(image_part(data, media_type))
                        }
                        UserPart::File { media_type, .. } => {
                            Err(CallError::UnsupportedFunctionality(format!(
                                "file part media type {media_type}"
                            )))
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(json!({ "role": "user", "content": converted }));
            }
            ModelMessage::Assistant { content, .. } => {
                let mut text = String::new();
                let mut reasoning = String::new();
                let mut tool_calls = Vec::new();
                for part in content.clone().into_parts() {
                    match part {
                        AssistantPart::Text { text: t, .. } => text.push_str(&t),
                        AssistantPart::Reasoning { text: t, .. } => reasoning.push_str(&t),
                        AssistantPart::ToolCall {
                            tool_call_id,
                            tool_name,
                            input,
                            ..
                        } => {
                            let arguments = match input {
                                Value::String(s) => s,
                                other => other.to_string(),
                            };
                            tool_calls.push(json!({
                                "id": tool_call_id, "type": "function",
                                "function": { "name": tool_name, "arguments": arguments },
                            }));
                        }
                        AssistantPart::File { .. } | AssistantPart::ToolResult(_) => {}
                    }
                }
                let mut m = Map::new();
                m.insert("role".into(), json!("assistant"));
                let content = if !tool_calls.is_empty() && text.is_empty() {
                    Value::Null
                } else {
                    json!(text)
                };
                m.insert("content".into(), content);
                if !reasoning.is_empty() {
                    m.insert("reasoning_content".into(), json!(reasoning));
                }
                if !tool_calls.is_empty() {
                    m.insert("tool_calls".into(), Value::Array(tool_calls));
                }
                out.push(Value::Object(m));
            }
            ModelMessage::Tool { content, .. } => {
                for result in content {
                    out.push(json!({
                        "role": "tool",
                        "tool_call_id": result.tool_call_id,
                        "content": result.output.to_wire_string(),
                    }));
                }
            }
        }
    }
    Ok(out)
}

fn image_part(image: &str, media_type: Option<&str>) -> Value {
    json!({ "type": "image_url", "image_url": { "url": data_url(image, media_type) } })
}

pub fn map_finish_reason(reason: &str) -> FinishReason {
    match reason {
        "stop" => FinishReason::Stop,
        "length" => FinishReason::Length,
        "content_filter" => FinishReason::ContentFilter,
        "function_call" | "tool_calls" => FinishReason::ToolCalls,
        _ => FinishReason::Unknown,
    }
}

// ---- stream decoding -------------------------------------------------------------------------

#[derive(Deserialize)]
struct Chunk<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    created: Option<f64>,
    #[serde(borrow)]
    model: Option<Cow<'a, str>>,
    /// Only the first choice matters (n = 1); reading just it saves a Vec per event.
    #[serde(borrow, default, deserialize_with = "first_choice")]
    choices: Option<Choice<'a>>,
    usage: Option<WireUsage>,
    error: Option<Value>,
}

fn first_choice<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Choice<'de>>, D::Error> {
    struct First;
    impl<'de> serde::de::Visitor<'de> for First {
        type Value = Option<Choice<'de>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of choices")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let first = seq.next_element()?;
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(first)
        }
    }
    d.deserialize_any(First)
}

#[derive(Deserialize)]
struct Choice<'a> {
    #[serde(borrow)]
    delta: Option<Delta<'a>>,
    #[serde(borrow)]
    finish_reason: Option<Cow<'a, str>>,
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct Delta<'a> {
    #[serde(borrow)]
    content: Option<Cow<'a, str>>,
    #[serde(borrow)]
    reasoning_content: Option<Cow<'a, str>>,
    #[serde(borrow)]
    reasoning: Option<Cow<'a, str>>,
    tool_calls: Option<Vec<WireToolCall>>,
}

#[derive(Deserialize)]
struct WireToolCall {
    index: Option<i64>,
    id: Option<String>,
    function: Option<WireFunction>,
}

#[derive(Deserialize)]
struct WireFunction {
    name: Option<String>,
    arguments: Option<String>,
}

#[derive(Deserialize, Clone, Copy)]
struct WireUsage {
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
    total_tokens: Option<u64>,
    prompt_tokens_details: Option<PromptDetails>,
    completion_tokens_details: Option<CompletionDetails>,
}

#[derive(Deserialize, Clone, Copy)]
struct PromptDetails {
    cached_tokens: Option<u64>,
}

#[derive(Deserialize, Clone, Copy)]
struct CompletionDetails {
    reasoning_tokens: Option<u64>,
    accepted_prediction_tokens: Option<u64>,
    rejected_prediction_tokens: Option<u64>,
}

impl WireUsage {
    fn to_usage(self) -> Usage {
        Usage {
            input_tokens: self.prompt_tokens,
            output_tokens: self.completion_tokens,
            total_tokens: self.total_tokens,
            reasoning_tokens: self
                .completion_tokens_details
                .and_then(|d| d.reasoning_tokens),
            cached_input_tokens: self.prompt_tokens_details.and_then(|d| d.cached_tokens),
        }
    }
}

const TEXT_ID: &str = "txt-0";
const REASONING_ID: &str = "reasoning-0";

pub struct Decoder {
    provider_options_name: String,
    /// The envelope of the last plain-text chunk (the per-token fast path).
    envelope: EnvelopeCache,
    first_chunk: bool,
    text_open: bool,
    reasoning_open: bool,
    finish_reason: FinishReason,
    /// Top-level usage wins over a choice's usage (some vendors put it on the choice).
    top_usage: Option<WireUsage>,
    choice_usage: Option<WireUsage>,
    tools: ToolCallTracker,
}

impl Decoder {
    pub fn new(provider_options_name: String) -> Self {
        Decoder {
            provider_options_name,
            envelope: EnvelopeCache::new(br#""delta":{"content":""#),
            first_chunk: true,
            text_open: false,
            reasoning_open: false,
            finish_reason: FinishReason::Unknown,
            top_usage: None,
            choice_usage: None,
            tools: ToolCallTracker::default(),
        }
    }
}

impl Decoder {
    fn push_text(&mut self, text: String, out: &mut Vec<ModelPart>) {
        if text.is_empty() {
            return;
        }
        if !self.text_open {
            self.text_open = true;
            out.push(ModelPart::TextStart {
                id: TEXT_ID.into(),
                provider_metadata: None,
            });
        }
        out.push(ModelPart::TextDelta {
            id: TEXT_ID.into(),
            delta: text,
            provider_metadata: None,
        });
    }
}

impl StreamDecoder for Decoder {
    /// Only once the text block is open (the first text of a stream opens it through `decode`).
    fn text_continuation(&mut self, event: &SseEvent) -> Option<(&str, String)> {
        if !self.text_open {
            return None;
        }
        let text = self.envelope.text_of(&event.data)?;
        // An empty delta emits nothing; `decode` drops it.
        (!text.is_empty()).then_some((TEXT_ID, text))
    }

    fn decode(&mut self, event: &SseEvent, out: &mut Vec<ModelPart>) {
        if event.data == "[DONE]" {
            return;
        }
        if let Some(text) = self.envelope.text_of(&event.data) {
            self.push_text(text, out);
            return;
        }
        let chunk: Chunk = match serde_json::from_str(&event.data) {
            Ok(c) => c,
            Err(e) => {
                self.finish_reason = FinishReason::Error;
                if e.is_data() {
                    out.push(ModelPart::Error(StreamError::InvalidResponseData {
                        message: e.to_string(),
                        data: serde_json::from_str(&event.data).unwrap_or(Value::Null),
                    }));
                } else {
                    parse_event_json(&event.data, out);
                }
                return;
            }
        };
        if let Some(error) = chunk.error {
            self.finish_reason = FinishReason::Error;
            out.push(ModelPart::Error(StreamError::Provider(error)));
            return;
        }
        if self.first_chunk {
            self.first_chunk = false;
            out.push(ModelPart::ResponseMetadata {
                id: chunk.id.map(Cow::into_owned),
                model_id: chunk.model.map(Cow::into_owned),
                timestamp_ms: chunk.created.map(|s| (s * 1000.0) as i64),
            });
        }
        if chunk.usage.is_some() {
            self.top_usage = chunk.usage;
        }
        let Some(choice) = chunk.choices else {
            return;
        };
        // Nothing but the delta changes state: the envelope may serve the next chunks.
        let plain_envelope =
            chunk.usage.is_none() && choice.usage.is_none() && choice.finish_reason.is_none();
        if choice.usage.is_some() {
            self.choice_usage = choice.usage;
        }
        if let Some(reason) = choice.finish_reason {
            self.finish_reason = map_finish_reason(&reason);
        }
        let Some(delta) = choice.delta else { return };
        let plain_text = plain_envelope
            && delta.reasoning_content.is_none()
            && delta.reasoning.is_none()
            && delta.tool_calls.is_none();
        match (&delta.content, plain_text) {
            (Some(content), true) => self.envelope.learn(&event.data, content),
            _ => self.envelope.clear(),
        }
        if let Some(reasoning) = delta
            .reasoning_content
            .or(delta.reasoning)
            .filter(|r| !r.is_empty())
        {
            if !self.reasoning_open {
                self.reasoning_open = true;
                out.push(ModelPart::ReasoningStart {
                    id: REASONING_ID.into(),
                    provider_metadata: None,
                });
            }
            out.push(ModelPart::ReasoningDelta {
                id: REASONING_ID.into(),
                delta: reasoning.into_owned(),
                provider_metadata: None,
            });
        }
        if let Some(content) = delta.content {
            self.push_text(content.into_owned(), out);
        }
        for (position, call) in delta.tool_calls.into_iter().flatten().enumerate() {
            self.tools.process(call, position as i64, out);
        }
    }

    fn finish(&mut self, out: &mut Vec<ModelPart>) {
        if self.reasoning_open {
            self.reasoning_open = false;
            out.push(ModelPart::ReasoningEnd {
                id: REASONING_ID.into(),
                provider_metadata: None,
            });
        }
        if self.text_open {
            self.text_open = false;
            out.push(ModelPart::TextEnd {
                id: TEXT_ID.into(),
                provider_metadata: None,
            });
        }
        self.tools.flush(out);
        let usage = self.top_usage.or(self.choice_usage);
        let mut metadata = Map::new();
        if let Some(details) = usage.and_then(|u| u.completion_tokens_details) {
            put(
                &mut metadata,
                "acceptedPredictionTokens",
                details.accepted_prediction_tokens,
            );
            put(
                &mut metadata,
                "rejectedPredictionTokens",
                details.rejected_prediction_tokens,
            );
        }
        out.push(ModelPart::Finish {
            finish_reason: self.finish_reason,
            usage: usage.map(WireUsage::to_usage).unwrap_or_default(),
            provider_metadata: Some(json!({ self.provider_options_name.clone(): metadata })),
        });
    }
}

/// One streamed tool call being assembled.
struct PendingCall {
    id: String,
    wire_id: Option<String>,
    index: i64,
    name: String,
    arguments: String,
    finished: bool,
}

/// Assembles tool calls whose name and arguments arrive in pieces, keyed by `index` (falling back
/// to the position in the delta) and by wire id, as `StreamingToolCallTracker` in the AI SDK does.
#[derive(Default)]
struct ToolCallTracker {
    calls: Vec<PendingCall>,
}

fn non_blank(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

impl ToolCallTracker {
    fn process(&mut self, call: WireToolCall, position: i64, out: &mut Vec<ModelPart>) {
        let index = call.index.unwrap_or(position);
        let (raw_name, arguments) = match call.function {
            Some(f) => (f.name, f.arguments),
            None => (None, None),
        };
        let blank_name = raw_name.as_ref().is_some_and(|n| n.trim().is_empty());
        let name = non_blank(raw_name);
        let wire_id = non_blank(call.id);
        // A named delta whose arguments open a new JSON value starts a new call even on a reused
        // index, once the earlier call's arguments are complete (vendors that send every call as 0).
        let starts_value = arguments
            .as_deref()
            .is_some_and(|a| a.trim_start().starts_with(['{', '[']));
        let existing = self.calls.iter().rposition(|c| {
            !c.finished
                && c.index == index
                && name.as_ref().is_none_or(|n| *n == c.name)
                && match (&wire_id, &c.wire_id) {
                    (Some(w), Some(cw)) => w == cw,
                    _ => true,
                }
                && !(name.is_some() && starts_value && is_complete_json(&c.arguments))
        });
        match existing {
            Some(i) => {
                let c = &mut self.calls[i];
                if c.wire_id.is_none() {
                    c.wire_id = wire_id;
                }
                if let Some(a) = arguments {
                    c.arguments.push_str(&a);
                    out.push(ModelPart::ToolInputDelta {
                        id: c.id.clone(),
                        delta: a,
                        provider_metadata: None,
                    });
                }
            }
            None if blank_name => {}
            None => {
                let Some(name) = name else {
                    out.push(ModelPart::Error(StreamError::InvalidResponseData {
                        message: "Expected 'function.name' to be a string.".into(),
                        data: json!({ "index": index, "id": wire_id, "arguments": arguments }),
                    }));
                    return;
                };
                let id = match &wire_id {
                    Some(w) if !self.calls.iter().any(|c| &c.id == w) => w.clone(),
                    _ => generate_id("call"),
                };
                out.push(ModelPart::ToolInputStart {
                    id: id.clone(),
                    tool_name: name.clone(),
                    provider_metadata: None,
                });
                let arguments = arguments.unwrap_or_default();
                if !arguments.is_empty() {
                    out.push(ModelPart::ToolInputDelta {
                        id: id.clone(),
                        delta: arguments.clone(),
                        provider_metadata: None,
                    });
                }
                self.calls.push(PendingCall {
                    id,
                    wire_id,
                    index,
                    name,
                    arguments,
                    finished: false,
                });
            }
        }
    }

    /// Completes every pending call, in index order (stable for equal indexes).
    fn flush(&mut self, out: &mut Vec<ModelPart>) {
        self.calls.sort_by_key(|c| c.index);
        for c in self.calls.iter_mut().filter(|c| !c.finished) {
            c.finished = true;
            out.push(ModelPart::ToolInputEnd {
                id: c.id.clone(),
                provider_metadata: None,
            });
            out.push(ModelPart::ToolCall {
                tool_call_id: c.id.clone(),
                tool_name: c.name.clone(),
                input: std::mem::take(&mut c.arguments),
                provider_metadata: None,
            });
        }
    }
}

fn is_complete_json(text: &str) -> bool {
    !text.trim().is_empty() && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

#[cfg(test)]
mod tests;
