//! The Messages stream decoder: content blocks (text, thinking, tool use) by index, usage and
//! stop reason from `message_delta`, errors in the stream.
use super::map_stop_reason::map_stop_reason;
use super::server_tools;
use crate::error::StreamError;
use crate::parts::ModelPart;
use crate::protocols::envelope::EnvelopeCache;
use crate::protocols::protocol::{parse_event_json, StreamDecoder};
use crate::sse::SseEvent;
use crate::types::{FinishReason, Usage};
use serde_json::{json, Map, Value};
use std::borrow::Cow;

/// One entry of `usage.iterations` as the AI SDK reports it: `{ type, model?, inputTokens,
/// outputTokens }`.
fn iteration(it: &Value) -> Value {
    let mut out = json!({ "type": it["type"] });
    if let Some(model) = it.get("model").filter(|m| !m.is_null()) {
        out["model"] = model.clone();
    }
    out["inputTokens"] = it["input_tokens"].clone();
    out["outputTokens"] = it["output_tokens"].clone();
    out
}

/// An entry of the raw `usage.iterations` with the fields the AI SDK's schema keeps.
fn raw_iteration(it: &mut Value) {
    const KEPT: &[&str] = &[
        "type",
        "input_tokens",
        "output_tokens",
        "cache_creation_input_tokens",
        "cache_read_input_tokens",
        "model",
    ];
    if let Some(o) = it.as_object_mut() {
        o.retain(|k, _| KEPT.contains(&k.as_str()));
    }
}

/// `stop_details` of `message_delta` (why a request was refused), camelCased.
fn stop_details(d: &Value) -> Value {
    let mut out = json!({ "type": d["type"] });
    for (from, to) in [
        ("category", "category"),
        ("explanation", "explanation"),
        ("recommended_model", "recommendedModel"),
    ] {
        if !d[from].is_null() {
            out[to] = d[from].clone();
        }
    }
    out
}

/// The container code ran in, camelCased (`skills` as the AI SDK maps them).
fn container(c: &Value) -> Value {
    let skills = c["skills"].as_array().map(|skills| {
        skills
            .iter()
            .map(
                |s| json!({ "type": s["type"], "skillId": s["skill_id"], "version": s["version"] }),
            )
            .collect::<Vec<_>>()
    });
    json!({ "expiresAt": c["expires_at"], "id": c["id"], "skills": skills })
}

/// `context_management` of `message_delta`, in the AI SDK's camelCase shape.
fn context_management(cm: &Value) -> Value {
    let edits: Vec<Value> = cm["applied_edits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| match e["type"].as_str()? {
            t @ "clear_tool_uses_20250919" => Some(json!({ "type": t,
                "clearedToolUses": e["cleared_tool_uses"], "clearedInputTokens": e["cleared_input_tokens"] })),
            t @ "clear_thinking_20251015" => Some(json!({ "type": t,
                "clearedThinkingTurns": e["cleared_thinking_turns"], "clearedInputTokens": e["cleared_input_tokens"] })),
            t @ "compact_20260112" => Some(json!({ "type": t })),
            _ => None,
        })
        .collect();
    json!({ "appliedEdits": edits })
}

/// `content_block_delta`, parsed without building a JSON tree.
#[derive(serde::Deserialize)]
struct BlockDeltaEvent<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default)]
    index: u64,
    #[serde(borrow)]
    delta: WireDelta<'a>,
}

#[derive(serde::Deserialize)]
struct WireDelta<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    thinking: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    partial_json: Option<Cow<'a, str>>,
    /// A `compaction_delta`'s summary text.
    #[serde(borrow, default)]
    content: Option<Cow<'a, str>>,
    #[serde(default)]
    signature: Value,
    #[serde(default)]
    citation: Value,
}

impl WireDelta<'_> {
    /// A `text_delta` with nothing else in it.
    fn is_plain_text(&self) -> bool {
        self.kind == "text_delta"
            && self.thinking.is_none()
            && self.partial_json.is_none()
            && self.signature.is_null()
            && self.citation.is_null()
    }
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder {
            text_envelope: EnvelopeCache::new(TEXT_DELTA_MARKER),
            text_envelope_id: String::new(),
            blocks: Default::default(),
            usage: Default::default(),
            raw_usage: None,
            cache_creation_input_tokens: None,
            stop_sequence: None,
            context_management: None,
            stop_details: None,
            iterations: None,
            finish_reason: None,
            open_message: None,
            invalid_sequence: false,
            json_tool: None,
            held_text: Vec::new(),
            json_from_tool: false,
            raw_stop_reason: None,
            container: None,
        }
    }
}

/// A text block held back while the answer should come from the JSON tool (sent as text only if
/// the model answered without calling it).
struct HeldText {
    index: u64,
    text: String,
    /// Still taking deltas (a new message stops the ones before it).
    live: bool,
}

enum Block {
    /// With the web search citations its `citations_delta`s gave (they go on `text-end`).
    Text(Vec<Value>),
    Reasoning {
        thinking: bool,
    },
    ToolCall {
        id: String,
        /// As on the wire (`bash_code_execution`, not the app's `code_execution`).
        name: String,
        input: String,
        /// A `server_tool_use` block: Anthropic runs the tool.
        provider_executed: bool,
    },
}

/// What precedes the text of a `text_delta` event (the per-token envelope fast path).
const TEXT_DELTA_MARKER: &[u8] = br#""delta":{"type":"text_delta","text":""#;

/// Stream state: open content blocks by index, usage, the message id for `message_start` checks.
pub struct Decoder {
    /// The envelope of the last plain `text_delta` event, and its block index as the part id
    /// (formatted once, not per token).
    text_envelope: EnvelopeCache,
    text_envelope_id: String,
    blocks: std::collections::HashMap<u64, Block>,
    usage: Usage,
    raw_usage: Option<Map<String, Value>>,
    cache_creation_input_tokens: Option<u64>,
    stop_sequence: Option<String>,
    context_management: Option<Value>,
    stop_details: Option<Value>,
    /// `usage.iterations` of `message_delta`, camelCased (`providerMetadata.anthropic.iterations`).
    iterations: Option<Vec<Value>>,
    finish_reason: Option<FinishReason>,
    open_message: Option<String>,
    /// Set after a second, different `message_start` while one is open: the rest is ignored.
    invalid_sequence: bool,
    /// The JSON response tool's name (`responseFormat` json): its input is the answer's text.
    json_tool: Option<String>,
    held_text: Vec<HeldText>,
    json_from_tool: bool,
    raw_stop_reason: Option<String>,
    /// The code execution container of `message_delta` (`providerMetadata.anthropic.container`).
    container: Option<Value>,
}

impl Decoder {
    /// A decoder for a call that asked for JSON through `json_tool` (none: a plain call).
    pub fn answering_with(json_tool: Option<String>) -> Self {
        Decoder {
            json_tool,
            ..Decoder::default()
        }
    }
}

fn index_of(v: &Value) -> u64 {
    v["index"].as_u64().unwrap_or(0)
}

impl StreamDecoder for Decoder {
    fn text_continuation<'a>(&'a mut self, event: &'a SseEvent) -> Option<(&'a str, Cow<'a, str>)> {
        if self.invalid_sequence || self.json_tool.is_some() {
            return None;
        }
        let text = self.text_envelope.text_of(event.data)?;
        Some((&self.text_envelope_id, text))
    }

    fn decode(&mut self, event: &SseEvent, out: &mut Vec<ModelPart>) {
        if self.invalid_sequence {
            return;
        }
        // The hot event (one per token): the previous text delta's envelope around new text, or a
        // typed parse with borrowed strings; no generic JSON tree either way.
        if let Some((id, text)) = self.text_continuation(event) {
            out.push(ModelPart::TextDelta {
                id: id.to_owned(),
                delta: text.into_owned(),
                provider_metadata: None,
            });
            return;
        }
        if event.event == Some("content_block_delta")
            || event.data.starts_with(r#"{"type":"content_block_delta""#)
        {
            if let Ok(e) = serde_json::from_str::<BlockDeltaEvent>(event.data) {
                if e.kind == "content_block_delta" {
                    match (&e.delta, e.delta.is_plain_text()) {
                        (WireDelta { text: Some(t), .. }, true) => {
                            self.text_envelope.learn(event.data, t);
                            self.text_envelope_id = e.index.to_string();
                        }
                        _ => self.text_envelope.clear(),
                    }
                    self.on_delta(e.index, e.delta, out);
                    return;
                }
            }
        }
        self.text_envelope.clear();
        let Some(value) = parse_event_json(event.data, out) else {
            return;
        };
        let id = || index_of(&value).to_string();
        match value["type"].as_str().unwrap_or_default() {
            "message_start" => {
                let message = &value["message"];
                let message_id = message["id"].as_str().unwrap_or_default().to_owned();
                if let Some(open) = &self.open_message {
                    if *open == message_id {
                        return; // a repeated start of the same message
                    }
                    self.invalid_sequence = true;
                    out.push(ModelPart::Error(StreamError::InvalidResponseData {
                        message: format!(
                            "Received message_start for message {} while message {} is still open.",
                            json!(message_id),
                            json!(open)
                        ),
                        data: value.clone(),
                    }));
                    return;
                }
                self.open_message = Some(message_id.clone());
                for held in &mut self.held_text {
                    held.live = false;
                }
                let usage = &message["usage"];
                self.usage.input_tokens = usage["input_tokens"].as_u64();
                self.usage.cached_input_tokens = usage["cache_read_input_tokens"].as_u64();
                self.cache_creation_input_tokens = usage["cache_creation_input_tokens"].as_u64();
                self.raw_usage = usage.as_object().cloned();
                out.push(ModelPart::ResponseMetadata {
                    id: Some(message_id).filter(|m| !m.is_empty()),
                    model_id: message["model"].as_str().map(str::to_owned),
                    timestamp_ms: None,
                });
            }
            "content_block_start" => {
                let block = &value["content_block"];
                let index = index_of(&value);
                let kind = block["type"].as_str().unwrap_or_default();
                if self.json_tool.is_some() {
                    if !matches!(kind, "text" | "thinking" | "redacted_thinking" | "fallback") {
                        self.held_text.clear();
                    }
                    if kind == "text" {
                        self.held_text.push(HeldText {
                            index,
                            text: String::new(),
                            live: true,
                        });
                        return;
                    }
                }
                match kind {
                    "tool_use" if self.json_tool.as_deref() == block["name"].as_str() => {
                        self.json_from_tool = true;
                        self.blocks.insert(index, Block::Text(Vec::new()));
                        out.push(ModelPart::TextStart {
                            id: id(),
                            provider_metadata: None,
                        });
                    }
                    "text" => {
                        self.blocks.insert(index, Block::Text(Vec::new()));
                        out.push(ModelPart::TextStart {
                            id: id(),
                            provider_metadata: None,
                        });
                    }
                    "thinking" => {
                        self.blocks
                            .insert(index, Block::Reasoning { thinking: true });
                        out.push(ModelPart::ReasoningStart {
                            id: id(),
                            provider_metadata: None,
                        });
                    }
                    "redacted_thinking" => {
                        self.blocks
                            .insert(index, Block::Reasoning { thinking: false });
                        out.push(ModelPart::ReasoningStart {
                            id: id(),
                            provider_metadata: Some(
                                json!({ "anthropic": { "redactedData": block["data"] } }),
                            ),
                        });
                    }
                    "tool_use" | "server_tool_use" => {
                        let call_id = block["id"].as_str().unwrap_or_default().to_owned();
                        let name = block["name"].as_str().unwrap_or_default().to_owned();
                        let provider_executed = kind == "server_tool_use";
                        if provider_executed && !server_tools::is_server_tool(&name) {
                            return;
                        }
                        out.push(ModelPart::ToolInputStart {
                            id: call_id.clone(),
                            tool_name: server_tools::app_tool_name(&name).to_owned(),
                            provider_metadata: None,
                            provider_executed,
                        });
                        self.blocks.insert(
                            index,
                            Block::ToolCall {
                                id: call_id,
                                name,
                                input: String::new(),
                                provider_executed,
                            },
                        );
                    }
                    // The summary that replaced earlier turns: text, marked as what it is (the
                    // next request sends it back as a `compaction` block).
                    "compaction" => {
                        self.blocks.insert(index, Block::Text(Vec::new()));
                        out.push(ModelPart::TextStart {
                            id: id(),
                            provider_metadata: Some(
                                json!({ "anthropic": { "type": "compaction" } }),
                            ),
                        });
                    }
                    // The results of tools Anthropic ran; other blocks are skipped.
                    _ => out.extend(server_tools::result_parts(block).into_iter().flatten()),
                }
            }
            // Normally taken by the typed fast path above; here only if that parse failed.
            "content_block_delta" => {
                if let Ok(e) = serde_json::from_str::<BlockDeltaEvent>(event.data) {
                    self.on_delta(e.index, e.delta, out);
                }
            }
            "content_block_stop" => match self.blocks.remove(&index_of(&value)) {
                Some(Block::Text(citations)) => out.push(ModelPart::TextEnd {
                    id: id(),
                    provider_metadata: (!citations.is_empty())
                        .then(|| json!({ "anthropic": { "citations": citations } })),
                }),
                Some(Block::Reasoning { .. }) => out.push(ModelPart::ReasoningEnd {
                    id: id(),
                    provider_metadata: None,
                }),
                Some(Block::ToolCall {
                    id: call_id,
                    name,
                    input,
                    provider_executed,
                }) => {
                    out.push(ModelPart::ToolInputEnd {
                        id: call_id.clone(),
                        provider_metadata: None,
                    });
                    let input = if input.is_empty() {
                        "{}".to_owned()
                    } else {
                        input
                    };
                    out.push(ModelPart::ToolCall {
                        tool_call_id: call_id,
                        tool_name: server_tools::app_tool_name(&name).to_owned(),
                        input,
                        provider_metadata: None,
                        provider_executed,
                    });
                }
                None => {}
            },
            "message_delta" => {
                let usage = &value["usage"];
                if let Some(c) = usage["cache_read_input_tokens"].as_u64() {
                    self.usage.cached_input_tokens = Some(c);
                }
                if let Some(c) = usage["cache_creation_input_tokens"].as_u64() {
                    self.cache_creation_input_tokens = Some(c);
                }
                // Several iterations (compaction, advisor): the totals are their sums, unless a
                // fallback model served (its iterations are not this model's).
                let iterations = usage["iterations"].as_array().filter(|i| !i.is_empty());
                if let Some(list) = usage["iterations"].as_array() {
                    self.iterations = Some(list.iter().map(iteration).collect());
                }
                let by_fallback =
                    iterations.is_some_and(|i| i.iter().any(|it| it["type"] == "fallback_message"));
                match iterations {
                    Some(list) if !by_fallback => {
                        let sum = |k: &str| list.iter().filter_map(|it| it[k].as_u64()).sum();
                        self.usage.input_tokens = Some(sum("input_tokens"));
                        self.usage.output_tokens = Some(sum("output_tokens"));
                    }
                    _ => {
                        if let Some(input) = usage["input_tokens"].as_u64() {
                            self.usage.input_tokens = Some(input);
                        }
                        self.usage.output_tokens = usage["output_tokens"].as_u64();
                    }
                }
                self.usage.total_tokens = Some(
                    self.usage.input_tokens.unwrap_or(0) + self.usage.output_tokens.unwrap_or(0),
                );
                let stop_reason = value["delta"]["stop_reason"].as_str();
                self.finish_reason = Some(match map_stop_reason(stop_reason) {
                    FinishReason::ToolCalls if self.json_from_tool => FinishReason::Stop,
                    reason => reason,
                });
                self.raw_stop_reason = stop_reason.map(str::to_owned);
                self.stop_sequence = value["delta"]["stop_sequence"].as_str().map(str::to_owned);
                self.stop_details = value["delta"]
                    .get("stop_details")
                    .filter(|d| !d.is_null())
                    .map(stop_details);
                // (Each message_delta says it again: the last one's is the step's, as in the AI SDK.)
                self.container = value["delta"]
                    .get("container")
                    .filter(|c| c.is_object())
                    .map(container);
                if let Some(cm) = value.get("context_management").filter(|c| !c.is_null()) {
                    self.context_management = Some(context_management(cm));
                }
                if let Some(u) = usage.as_object() {
                    let raw = self.raw_usage.get_or_insert_with(Map::new);
                    raw.extend(u.iter().map(|(k, v)| (k.clone(), v.clone())));
                    if let Some(Value::Array(list)) = raw.get_mut("iterations") {
                        list.iter_mut().for_each(raw_iteration);
                    }
                }
            }
            "message_stop" => {
                self.open_message = None;
                self.release_held_text(out);
                self.emit_finish(out);
            }
            "error" => out.push(ModelPart::Error(StreamError::Provider(
                value["error"].clone(),
            ))),
            _ => {} // `ping` and unknown events
        }
    }

    /// Without `message_stop` there is no finish: the step reports no usage, like the AI SDK.
    fn finish(&mut self, _out: &mut Vec<ModelPart>) {}
}

impl Decoder {
    /// The model answered in text instead of calling the JSON tool: its text goes out now.
    fn release_held_text(&mut self, out: &mut Vec<ModelPart>) {
        let continues = matches!(
            self.raw_stop_reason.as_deref(),
            Some("pause_turn" | "tool_use")
        );
        for held in std::mem::take(&mut self.held_text) {
            if self.json_from_tool || continues || held.text.is_empty() {
                continue;
            }
            let id = held.index.to_string();
            out.push(ModelPart::TextStart {
                id: id.clone(),
                provider_metadata: None,
            });
            out.push(ModelPart::TextDelta {
                id: id.clone(),
                delta: held.text,
                provider_metadata: None,
            });
            out.push(ModelPart::TextEnd {
                id,
                provider_metadata: None,
            });
        }
    }

    fn on_delta(&mut self, index: u64, delta: WireDelta, out: &mut Vec<ModelPart>) {
        let id = || index.to_string();
        match delta.kind.as_ref() {
            "text_delta" if self.json_tool.is_some() => {
                let held = self
                    .held_text
                    .iter_mut()
                    .find(|h| h.live && h.index == index);
                if let (Some(h), Some(t)) = (held, delta.text) {
                    h.text.push_str(&t);
                }
            }
            "text_delta" => out.push(ModelPart::TextDelta {
                id: id(),
                delta: delta.text.map(Cow::into_owned).unwrap_or_default(),
                provider_metadata: None,
            }),
            "thinking_delta" => out.push(ModelPart::ReasoningDelta {
                id: id(),
                delta: delta.thinking.map(Cow::into_owned).unwrap_or_default(),
                provider_metadata: None,
            }),
            "signature_delta" => {
                if matches!(
                    self.blocks.get(&index),
                    Some(Block::Reasoning { thinking: true })
                ) {
                    out.push(ModelPart::ReasoningDelta {
                        id: id(),
                        delta: String::new(),
                        provider_metadata: Some(
                            json!({ "anthropic": { "signature": delta.signature } }),
                        ),
                    });
                }
            }
            "input_json_delta" => {
                let partial = delta.partial_json.unwrap_or_default();
                if partial.is_empty() {
                    return;
                }
                match self.blocks.get_mut(&index) {
                    Some(Block::ToolCall {
                        id: call_id,
                        input,
                        name,
                        ..
                    }) => {
                        // A code execution sub-tool's input says which sub-tool it is.
                        let delta = if input.is_empty() && name != server_tools::app_tool_name(name)
                        {
                            format!(
                                "{{\"type\": \"{name}\",{}",
                                partial.get(1..).unwrap_or_default()
                            )
                        } else {
                            partial.into_owned()
                        };
                        input.push_str(&delta);
                        out.push(ModelPart::ToolInputDelta {
                            id: call_id.clone(),
                            delta,
                            provider_metadata: None,
                        });
                    }
                    Some(Block::Text(_)) => out.push(ModelPart::TextDelta {
                        id: id(),
                        delta: partial.into_owned(),
                        provider_metadata: None,
                    }),
                    _ => {}
                }
            }
            "compaction_delta" => {
                if let Some(content) = delta.content {
                    out.push(ModelPart::TextDelta {
                        id: id(),
                        delta: content.into_owned(),
                        provider_metadata: None,
                    });
                }
            }
            "citations_delta" => {
                // Web search citations ride on the text block's `text-end` (no source part).
                let citation = &delta.citation;
                if citation["type"] == "web_search_result_location" {
                    if let Some(Block::Text(citations)) = self.blocks.get_mut(&index) {
                        citations.push(citation.clone());
                    }
                }
            }
            _ => {} // other delta kinds are not surfaced
        }
    }

    fn emit_finish(&mut self, out: &mut Vec<ModelPart>) {
        let mut metadata = json!({
            "usage": self.raw_usage.clone().map(Value::Object).unwrap_or(Value::Null),
            "cacheCreationInputTokens": self.cache_creation_input_tokens,
            "stopSequence": self.stop_sequence,
            "iterations": self.iterations,
            "container": self.container,
            "contextManagement": self.context_management,
        });
        if let Some(d) = &self.stop_details {
            metadata["stopDetails"] = d.clone();
        }
        out.push(ModelPart::Finish {
            finish_reason: self.finish_reason.unwrap_or_default(),
            usage: self.usage,
            provider_metadata: Some(json!({ "anthropic": metadata })),
        });
    }
}

/// An `error` event before any content (typically `overloaded_error`) is a failed request:
/// status 529 and retryable when overloaded, 500 otherwise (as the AI SDK reports it).
pub fn early_error(event: &SseEvent) -> Option<(String, u16, bool, String)> {
    let value: Value = serde_json::from_str(event.data).ok()?;
    if value["type"] != "error" {
        return None;
    }
    let error = &value["error"];
    let overloaded = error["type"] == "overloaded_error";
    let message = error["message"]
        .as_str()
        .unwrap_or("Anthropic stream error")
        .to_owned();
    Some((
        message,
        if overloaded { 529 } else { 500 },
        overloaded,
        error.to_string(),
    ))
}
