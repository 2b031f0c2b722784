//! Anthropic Messages (`POST {baseURL}/messages`, `stream: true`), mirroring `@ai-sdk/anthropic`:
//! system prompt on top, same-role turns merged, tool results as `tool_result` blocks, prompt
//! caching breakpoints, extended thinking whose signatures round-trip through `providerOptions`.
use std::borrow::Cow;

use serde_json::{json, Map, Value};

use super::envelope::EnvelopeCache;
use super::{parse_event_json, put, unsupported_setting, Protocol, ProtocolRequest, StreamDecoder};
use crate::error::{CallError, StreamError};
use crate::media::detect_image_media_type;
use crate::model::ModelConfig;
use crate::parts::ModelPart;
use crate::sse::SseEvent;
use crate::types::{
    AssistantPart, CallOptions, Content, FinishReason, ModelMessage, ToolChoice, ToolChoiceMode,
    ToolResultOutput, Usage, UserPart,
};

pub struct AnthropicMessages;

pub const API_VERSION: &str = "2023-06-01";
/// Anthropic accepts at most this many `cache_control` breakpoints per request.
pub const MAX_CACHE_BREAKPOINTS: usize = 4;

/// What the AI SDK knows about a model id (its `getModelCapabilities`, the parts that shape requests).
struct Capabilities {
    max_output_tokens: u64,
    rejects_sampling: bool,
    rejects_budget_thinking: bool,
    known: bool,
}

fn capabilities(model_id: &str) -> Capabilities {
    let has = |s: &str| model_id.contains(s);
    let caps = |max: u64, rejects_sampling: bool, rejects_budget_thinking: bool, known: bool| {
        Capabilities {
            max_output_tokens: max,
            rejects_sampling,
            rejects_budget_thinking,
            known,
        }
    };
    if has("claude-sonnet-5-5") || has("claude-opus-5-5") || has("claude-haiku-5-5") {
        caps(128_000, true, true, true)
    } else if has("claude-opus-5") {
        caps(128_000, true, false, true)
    } else if has("claude-fable-5") {
        caps(128_000, true, true, true)
    } else if has("claude-opus-4-8") || has("claude-opus-4-7") || has("claude-sonnet-5") {
        caps(128_000, true, false, true)
    } else if has("claude-sonnet-4-6") || has("claude-opus-4-6") {
        caps(128_000, false, false, true)
    } else if has("claude-sonnet-4-5") || has("claude-opus-4-5") || has("claude-haiku-4-5") {
        caps(64_000, false, false, true)
    } else if has("claude-opus-4-1") {
        caps(32_000, false, false, true)
    } else if has("claude-sonnet-4-") || has("claude-3-7-sonnet") {
        caps(64_000, false, false, true)
    } else if has("claude-opus-4-") {
        caps(32_000, false, false, true)
    } else if has("claude-3-haiku") {
        caps(4096, false, false, true)
    } else if is_legacy_claude(model_id) {
        caps(4096, false, false, false)
    } else if has("claude-") {
        caps(128_000, true, false, false)
    } else {
        caps(4096, false, false, false)
    }
}

/// `claude-instant…`, `claude-2…`, `claude-v2…`, `claude-3` / `claude-3-…` / `claude-3.…`.
fn is_legacy_claude(model_id: &str) -> bool {
    model_id.match_indices("claude-").any(|(i, _)| {
        let rest = &model_id[i + "claude-".len()..];
        let boundary = |s: &str, chars: &[char]| s.is_empty() || s.starts_with(chars);
        if let Some(r) = rest.strip_prefix("instant") {
            return boundary(r, &['-']);
        }
        let r = rest.strip_prefix('v').unwrap_or(rest);
        if let Some(r) = r.strip_prefix('2') {
            return boundary(r, &['-', '.', ':']);
        }
        rest.strip_prefix('3')
            .is_some_and(|r| boundary(r, &['-', '.']))
    })
}

/// Counts `cache_control` breakpoints; past the API's limit the request is refused with a clear
/// error (the AI SDK drops the extra breakpoints with a warning — a silently uncached prompt is
/// worse than an error the app can fix).
#[derive(Default)]
struct CacheBreakpoints {
    count: usize,
}

impl CacheBreakpoints {
    fn get(&mut self, provider_options: Option<&Value>) -> Result<Option<Value>, CallError> {
        let Some(cc) = provider_options
            .and_then(|o| o.get("anthropic"))
            .and_then(cache_control_of)
        else {
            return Ok(None);
        };
        self.count += 1;
        if self.count > MAX_CACHE_BREAKPOINTS {
            return Err(CallError::InvalidArgument {
                parameter: "providerOptions.anthropic.cacheControl".into(),
                message: format!(
                    "Anthropic allows at most {MAX_CACHE_BREAKPOINTS} cache breakpoints per request; found {}.",
                    self.count
                ),
            });
        }
        Ok(Some(cc))
    }
}

fn cache_control_of(anthropic: &Value) -> Option<Value> {
    anthropic
        .get("cacheControl")
        .or_else(|| anthropic.get("cache_control"))
        .filter(|v| !v.is_null())
        .cloned()
}

fn with_cache(mut block: Value, cache: Option<Value>) -> Value {
    if let Some(c) = cache {
        block["cache_control"] = c;
    }
    block
}

/// `part` cache control, else the message's on its last part (AI SDK placement rules).
fn part_cache(
    cache: &mut CacheBreakpoints,
    part: Option<&Value>,
    message: Option<&Value>,
    is_last: bool,
) -> Result<Option<Value>, CallError> {
    match cache.get(part)? {
        Some(c) => Ok(Some(c)),
        None if is_last => cache.get(message),
        None => Ok(None),
    }
}

fn image_source(data: &str, media_type: Option<&str>) -> Value {
    if data.starts_with("http://") || data.starts_with("https://") {
        return json!({ "type": "url", "url": data });
    }
    if let Some(rest) = data.strip_prefix("data:") {
        if let Some((meta, b64)) = rest.split_once(";base64,") {
            return json!({ "type": "base64", "media_type": meta, "data": b64 });
        }
    }
    let media_type = media_type
        .filter(|m| *m != "image/*")
        .or_else(|| detect_image_media_type(data))
        .unwrap_or("image/jpeg");
    json!({ "type": "base64", "media_type": media_type, "data": data })
}

struct Converted {
    system: Option<Vec<Value>>,
    messages: Vec<Value>,
}

/// Groups messages into Anthropic turns: system messages on top, user + tool messages into one
/// user turn, consecutive assistant messages into one assistant turn.
fn convert_messages(
    messages: &[ModelMessage],
    cache: &mut CacheBreakpoints,
    warnings: &mut Vec<Value>,
) -> Result<Converted, CallError> {
    let mut system: Option<Vec<Value>> = None;
    let mut out: Vec<Value> = Vec::new();
    let last_index = messages.len().saturating_sub(1);
    for (index, message) in messages.iter().enumerate() {
        let message_options = message.provider_options();
        match message {
            ModelMessage::System { content, .. } => {
                let block = with_cache(
                    json!({ "type": "text", "text": content }),
                    cache.get(message_options)?,
                );
                system.get_or_insert_with(Vec::new).push(block);
            }
            ModelMessage::User { content, .. } => {
                let parts = content.clone().into_parts();
                let n = parts.len();
                let mut blocks = Vec::with_capacity(n);
                for (j, part) in parts.into_iter().enumerate() {
                    let (block, options) = match part {
                        UserPart::Text {
                            text,
                            provider_options,
                        } => (json!({ "type": "text", "text": text }), provider_options),
                        UserPart::Image {
                            image,
                            media_type,
                            provider_options,
                        } => (
                            json!({ "type": "image", "source": image_source(&image, media_type.as_deref()) }),
                            provider_options,
                        ),
                        UserPart::File {
                            data,
                            media_type,
                            provider_options,
                            ..
                        } => {
                            let block = if media_type.starts_with("image/") {
                                json!({ "type": "image", "source": image_source(&data, Some(&media_type)) })
                            } else if media_type == "application/pdf" {
                                let source = if data.starts_with("http") {
                                    json!({ "type": "url", "url": data })
                                } else {
                                    json!({ "type": "base64", "media_type": "application/pdf", "data": data })
                                };
                                json!({ "type": "document", "source": source })
                            } else {
                                return Err(CallError::UnsupportedFunctionality(format!(
                                    "media type: {media_type}"
                                )));
                            };
                            (block, provider_options)
                        }
                    };
                    let cc = part_cache(cache, options.as_ref(), message_options, j + 1 == n)?;
                    blocks.push(with_cache(block, cc));
                }
                push_turn(&mut out, "user", blocks);
            }
            ModelMessage::Tool { content, .. } => {
                let n = content.len();
                let mut blocks = Vec::with_capacity(n);
                for (j, result) in content.iter().enumerate() {
                    let cc = part_cache(
                        cache,
                        result.provider_options.as_ref(),
                        message_options,
                        j + 1 == n,
                    )?;
                    let mut block = json!({
                        "type": "tool_result",
                        "tool_use_id": result.tool_call_id,
                        "content": tool_result_content(&result.output),
                    });
                    if matches!(
                        result.output,
                        ToolResultOutput::ErrorText(_) | ToolResultOutput::ErrorJson(_)
                    ) {
                        block["is_error"] = json!(true);
                    }
                    blocks.push(with_cache(block, cc));
                }
                push_turn(&mut out, "user", blocks);
            }
            ModelMessage::Assistant { content, .. } => {
                let parts = match content {
                    Content::Text(t) => vec![AssistantPart::Text {
                        text: t.clone(),
                        provider_options: None,
                    }],
                    Content::Parts(p) => p.clone(),
                };
                let n = parts.len();
                // The AI SDK trims the final assistant text (a trailing space breaks prefill).
                let last_message = index == last_index;
                let mut blocks = Vec::with_capacity(n);
                for (k, part) in parts.into_iter().enumerate() {
                    let is_last = k + 1 == n;
                    let block = match part {
                        AssistantPart::Text {
                            text,
                            provider_options,
                        } => {
                            let text = if last_message && is_last {
                                text.trim().to_owned()
                            } else {
                                text
                            };
                            let cc = part_cache(
                                cache,
                                provider_options.as_ref(),
                                message_options,
                                is_last,
                            )?;
                            with_cache(json!({ "type": "text", "text": text }), cc)
                        }
                        AssistantPart::Reasoning {
                            text,
                            provider_options,
                        } => {
                            let meta = provider_options.as_ref().and_then(|o| o.get("anthropic"));
                            let signature = meta
                                .and_then(|m| m.get("signature"))
                                .and_then(Value::as_str);
                            let redacted = meta
                                .and_then(|m| m.get("redactedData"))
                                .and_then(Value::as_str);
                            match (signature, redacted) {
                                (Some(sig), _) => {
                                    json!({ "type": "thinking", "thinking": text, "signature": sig })
                                }
                                (None, Some(data)) => {
                                    json!({ "type": "redacted_thinking", "data": data })
                                }
                                (None, None) => {
                                    // Without its signature Anthropic rejects a thinking block; say so.
                                    warnings.push(json!({
                                        "type": "other",
                                        "message": "unsupported reasoning metadata",
                                    }));
                                    continue;
                                }
                            }
                        }
                        AssistantPart::ToolCall {
                            tool_call_id,
                            tool_name,
                            input,
                            provider_options,
                        } => {
                            let cc = part_cache(
                                cache,
                                provider_options.as_ref(),
                                message_options,
                                is_last,
                            )?;
                            let input = match input {
                                Value::String(s) => {
                                    serde_json::from_str(&s).unwrap_or(Value::String(s))
                                }
                                v => v,
                            };
                            with_cache(
                                json!({ "type": "tool_use", "id": tool_call_id, "name": tool_name, "input": input }),
                                cc,
                            )
                        }
                        AssistantPart::File { .. } | AssistantPart::ToolResult(_) => continue,
                    };
                    blocks.push(block);
                }
                push_turn(&mut out, "assistant", blocks);
            }
        }
    }
    Ok(Converted {
        system,
        messages: out,
    })
}

/// Appends blocks to the last turn when it has the same role (merging consecutive turns).
fn push_turn(out: &mut Vec<Value>, role: &str, blocks: Vec<Value>) {
    if let Some(last) = out.last_mut().filter(|m| m["role"] == role) {
        if let Some(content) = last["content"].as_array_mut() {
            content.extend(blocks);
            return;
        }
    }
    out.push(json!({ "role": role, "content": blocks }));
}

fn tool_result_content(output: &ToolResultOutput) -> Value {
    match output {
        ToolResultOutput::Content(Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|item| match item["type"].as_str() {
                    Some("media") => json!({
                        "type": "image",
                        "source": { "type": "base64", "media_type": item["mediaType"], "data": item["data"] },
                    }),
                    _ => json!({ "type": "text", "text": item["text"] }),
                })
                .collect(),
        ),
        other => Value::String(other.to_wire_string()),
    }
}

/// The beta a request authenticated with a Claude Pro/Max OAuth token must carry.
const OAUTH_BETA: &str = "oauth-2025-04-20";

fn beta_set(value: Option<&str>, into: &mut Vec<String>) {
    for beta in value.unwrap_or_default().to_lowercase().split(',') {
        let beta = beta.trim();
        if !beta.is_empty() && !into.iter().any(|b| b == beta) {
            into.push(beta.to_owned());
        }
    }
}

impl Protocol for AnthropicMessages {
    fn build_request(
        &self,
        model: &ModelConfig,
        messages: &[ModelMessage],
        call: &CallOptions,
    ) -> Result<ProtocolRequest, CallError> {
        let mut warnings = Vec::new();
        for (set, name) in [
            (call.frequency_penalty.is_some(), "frequencyPenalty"),
            (call.presence_penalty.is_some(), "presencePenalty"),
            (call.seed.is_some(), "seed"),
        ] {
            if set {
                warnings.push(unsupported_setting(name));
            }
        }
        let mut temperature = call.temperature;
        if let Some(t) = temperature {
            if t > 1.0 {
                warnings.push(
                    json!({ "type": "unsupported-setting", "setting": "temperature",
                    "details": format!("{t} exceeds anthropic maximum of 1.0. clamped to 1.0") }),
                );
                temperature = Some(1.0);
            } else if t < 0.0 {
                warnings.push(
                    json!({ "type": "unsupported-setting", "setting": "temperature",
                    "details": format!("{t} is below anthropic minimum of 0. clamped to 0") }),
                );
                temperature = Some(0.0);
            }
        }
        let options = call
            .provider_options
            .get("anthropic")
            .cloned()
            .unwrap_or(Value::Null);
        let caps = capabilities(&model.model_id);
        if !caps.known && call.max_output_tokens.is_none() {
            warnings.push(json!({ "type": "other", "message": format!(
                "The model \"{}\" is unknown. The max output tokens have been limited to {}. Set maxOutputTokens explicitly to override this limit.",
                model.model_id, caps.max_output_tokens) }));
        }
        let (mut top_k, mut top_p) = (call.top_k, call.top_p);
        if caps.rejects_sampling {
            for (value, setting) in [
                (&mut temperature, "temperature"),
                (&mut top_k, "topK"),
                (&mut top_p, "topP"),
            ] {
                if value.take().is_some() {
                    warnings.push(json!({ "type": "unsupported-setting", "setting": setting,
                        "details": format!("{setting} is not supported by {} and will be ignored", model.model_id) }));
                }
            }
        }

        let mut cache = CacheBreakpoints::default();
        let converted = convert_messages(messages, &mut cache, &mut warnings)?;

        let mut thinking = options.get("thinking").filter(|t| t.is_object()).cloned();
        if caps.rejects_budget_thinking && thinking.as_ref().is_some_and(|t| t["type"] == "enabled")
        {
            warnings.push(json!({ "type": "unsupported-setting", "setting": "providerOptions.anthropic.thinking",
                "details": format!("budget-based thinking is not supported by {}. Using adaptive thinking instead. Use 'effort' to control how much the model thinks.", model.model_id) }));
            thinking = Some(json!({ "type": "adaptive" }));
        }
        let thinking_type = thinking
            .as_ref()
            .and_then(|t| t["type"].as_str())
            .map(str::to_owned);
        let is_thinking = matches!(
            thinking_type.as_deref(),
            Some("enabled" | "adaptive" | "between_tools")
        );
        let mut budget = thinking.as_ref().and_then(|t| t["budgetTokens"].as_u64());
        let max_tokens = call.max_output_tokens.unwrap_or(caps.max_output_tokens);

        let mut body = Map::new();
        body.insert("model".into(), json!(model.model_id));
        body.insert("max_tokens".into(), json!(max_tokens));
        put(&mut body, "temperature", temperature);
        put(&mut body, "top_k", top_k);
        put(&mut body, "top_p", top_p);
        put(&mut body, "stop_sequences", call.stop_sequences.as_ref());
        if is_thinking {
            let mut t = Map::new();
            put(&mut t, "type", thinking_type.as_deref());
            put(&mut t, "budget_tokens", budget);
            put(
                &mut t,
                "display",
                thinking.as_ref().and_then(|t| t.get("display")),
            );
            body.insert("thinking".into(), Value::Object(t));
        }
        // Betas the request needs, then the app's own (provider headers, call headers).
        let mut betas: Vec<String> = Vec::new();
        if let Some(effort) = options.get("effort").filter(|e| !e.is_null()) {
            body.insert("output_config".into(), json!({ "effort": effort }));
            beta_set(Some("effort-2025-11-24"), &mut betas);
        }
        put(
            &mut body,
            "cache_control",
            options.get("cacheControl").filter(|c| !c.is_null()),
        );
        if let Some(user) = options
            .get("metadata")
            .and_then(|m| m.get("userId"))
            .filter(|u| !u.is_null())
        {
            body.insert("metadata".into(), json!({ "user_id": user }));
        }
        put(&mut body, "system", converted.system);
        body.insert("messages".into(), Value::Array(converted.messages));

        if is_thinking {
            if thinking_type.as_deref() == Some("enabled") && budget.is_none() {
                warnings.push(json!({ "type": "other",
                    "message": "thinking budget is required when thinking is enabled. using default budget of 1024 tokens." }));
                body.insert(
                    "thinking".into(),
                    json!({ "type": "enabled", "budget_tokens": 1024 }),
                );
                budget = Some(1024);
            }
            for (key, setting) in [
                ("temperature", "temperature"),
                ("top_k", "topK"),
                ("top_p", "topP"),
            ] {
                if body.remove(key).is_some() {
                    warnings.push(json!({ "type": "unsupported-setting", "setting": setting,
                        "details": format!("{setting} is not supported when thinking is enabled") }));
                }
            }
            body.insert("max_tokens".into(), json!(max_tokens + budget.unwrap_or(0)));
        }
        let total = body["max_tokens"].as_u64().unwrap_or(max_tokens);
        if caps.known && total > caps.max_output_tokens {
            if call.max_output_tokens.is_some() {
                warnings.push(json!({ "type": "unsupported-setting", "setting": "maxOutputTokens",
                    "details": format!("{total} (maxOutputTokens + thinkingBudget) is greater than {} {} max output tokens. The max output tokens have been limited to {}.",
                        model.model_id, caps.max_output_tokens, caps.max_output_tokens) }));
            }
            body.insert("max_tokens".into(), json!(caps.max_output_tokens));
        }

        // Tools (tool choice `none` sends no tools at all, as the AI SDK does).
        let disable_parallel = options
            .get("disableParallelToolUse")
            .and_then(Value::as_bool);
        let none = matches!(
            call.tool_choice,
            Some(ToolChoice::Mode(ToolChoiceMode::None))
        );
        if !call.tools.is_empty() && !none {
            let mut tools = Vec::with_capacity(call.tools.len());
            for t in &call.tools {
                let mut tool = Map::new();
                tool.insert("name".into(), json!(t.name));
                put(&mut tool, "description", t.description.as_ref());
                tool.insert("input_schema".into(), t.input_schema.clone());
                put(
                    &mut tool,
                    "cache_control",
                    cache.get(t.provider_options.as_ref())?,
                );
                tools.push(Value::Object(tool));
            }
            body.insert("tools".into(), Value::Array(tools));
            let mut choice = match &call.tool_choice {
                None => disable_parallel.map(|_| json!({ "type": "auto" })),
                Some(ToolChoice::Mode(ToolChoiceMode::Auto)) => Some(json!({ "type": "auto" })),
                Some(ToolChoice::Mode(ToolChoiceMode::Required)) => Some(json!({ "type": "any" })),
                Some(ToolChoice::Tool { tool_name, .. }) => {
                    Some(json!({ "type": "tool", "name": tool_name }))
                }
                Some(ToolChoice::Mode(ToolChoiceMode::None)) => None,
            };
            if let (Some(c), Some(d)) = (choice.as_mut(), disable_parallel) {
                c["disable_parallel_tool_use"] = json!(d);
            }
            put(&mut body, "tool_choice", choice);
        }
        body.insert("stream".into(), json!(true));
        let header = |headers: &[(String, String)]| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("anthropic-beta"))
                .map(|(_, v)| v.clone())
        };
        beta_set(header(&model.headers).as_deref(), &mut betas);
        beta_set(
            call.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("anthropic-beta"))
                .and_then(|(_, v)| v.as_str()),
            &mut betas,
        );

        if model.uses_oauth() {
            // Claude subscription tokens are accepted only with this beta.
            beta_set(Some(OAUTH_BETA), &mut betas);
        }
        let mut headers = vec![("anthropic-version".to_owned(), API_VERSION.to_owned())];
        headers.extend(model.auth_headers("x-api-key", "")?);
        if !betas.is_empty() {
            headers.push(("anthropic-beta".to_owned(), betas.join(",")));
        }
        Ok(ProtocolRequest {
            url: format!("{}/messages", model.base_url),
            headers,
            body: Value::Object(body),
            warnings,
            echo: None,
        })
    }

    fn decoder(&self, _model: &ModelConfig, _call: &CallOptions) -> Box<dyn StreamDecoder> {
        Box::<Decoder>::default()
    }

    /// An `error` event before any content (typically `overloaded_error`) is a failed request:
    /// status 529 and retryable when overloaded, 500 otherwise (as the AI SDK reports it).
    fn early_error(&self, event: &SseEvent) -> Option<(String, u16, bool, String)> {
        let value: Value = serde_json::from_str(&event.data).ok()?;
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

pub fn map_stop_reason(reason: Option<&str>) -> FinishReason {
    match reason {
        Some("pause_turn" | "end_turn" | "stop_sequence") => FinishReason::Stop,
        Some("refusal") => FinishReason::ContentFilter,
        Some("tool_use") => FinishReason::ToolCalls,
        Some("max_tokens") => FinishReason::Length,
        Some("compaction") => FinishReason::Other,
        _ => FinishReason::Unknown,
    }
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
    #[serde(default)]
    signature: Value,
}

impl WireDelta<'_> {
    /// A `text_delta` with nothing else in it.
    fn is_plain_text(&self) -> bool {
        self.kind == "text_delta"
            && self.thinking.is_none()
            && self.partial_json.is_none()
            && self.signature.is_null()
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
            finish_reason: None,
            open_message: None,
            invalid_sequence: false,
        }
    }
}

enum Block {
    Text,
    Reasoning {
        thinking: bool,
    },
    ToolCall {
        id: String,
        name: String,
        input: String,
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
    finish_reason: Option<FinishReason>,
    open_message: Option<String>,
    /// Set after a second, different `message_start` while one is open: the rest is ignored.
    invalid_sequence: bool,
}

fn index_of(v: &Value) -> u64 {
    v["index"].as_u64().unwrap_or(0)
}

impl StreamDecoder for Decoder {
    fn text_continuation(&mut self, event: &SseEvent) -> Option<(&str, String)> {
        if self.invalid_sequence {
            return None;
        }
        let text = self.text_envelope.text_of(&event.data)?;
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
                delta: text,
                provider_metadata: None,
            });
            return;
        }
        if event.event.as_deref() == Some("content_block_delta")
            || event.data.starts_with(r#"{"type":"content_block_delta""#)
        {
            if let Ok(e) = serde_json::from_str::<BlockDeltaEvent>(&event.data) {
                if e.kind == "content_block_delta" {
                    match (&e.delta, e.delta.is_plain_text()) {
                        (WireDelta { text: Some(t), .. }, true) => {
                            self.text_envelope.learn(&event.data, t);
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
        let Some(value) = parse_event_json(&event.data, out) else {
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
                match block["type"].as_str().unwrap_or_default() {
                    "text" => {
                        self.blocks.insert(index, Block::Text);
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
                    "tool_use" => {
                        let call_id = block["id"].as_str().unwrap_or_default().to_owned();
                        let name = block["name"].as_str().unwrap_or_default().to_owned();
                        out.push(ModelPart::ToolInputStart {
                            id: call_id.clone(),
                            tool_name: name.clone(),
                            provider_metadata: None,
                        });
                        self.blocks.insert(
                            index,
                            Block::ToolCall {
                                id: call_id,
                                name,
                                input: String::new(),
                            },
                        );
                    }
                    _ => {} // server tools, citations, compaction: not supported yet
                }
            }
            // Normally taken by the typed fast path above; here only if that parse failed.
            "content_block_delta" => {
                if let Ok(e) = serde_json::from_str::<BlockDeltaEvent>(&event.data) {
                    self.on_delta(e.index, e.delta, out);
                }
            }
            "content_block_stop" => match self.blocks.remove(&index_of(&value)) {
                Some(Block::Text) => out.push(ModelPart::TextEnd {
                    id: id(),
                    provider_metadata: None,
                }),
                Some(Block::Reasoning { .. }) => out.push(ModelPart::ReasoningEnd {
                    id: id(),
                    provider_metadata: None,
                }),
                Some(Block::ToolCall {
                    id: call_id,
                    name,
                    input,
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
                        tool_name: name,
                        input,
                        provider_metadata: None,
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
                if let Some(input) = usage["input_tokens"].as_u64() {
                    self.usage.input_tokens = Some(input);
                }
                self.usage.output_tokens = usage["output_tokens"].as_u64();
                self.usage.total_tokens = Some(
                    self.usage.input_tokens.unwrap_or(0) + self.usage.output_tokens.unwrap_or(0),
                );
                self.finish_reason = Some(map_stop_reason(value["delta"]["stop_reason"].as_str()));
                self.stop_sequence = value["delta"]["stop_sequence"].as_str().map(str::to_owned);
                self.stop_details = value["delta"]
                    .get("stop_details")
                    .filter(|d| !d.is_null())
                    .map(stop_details);
                if let Some(cm) = value.get("context_management").filter(|c| !c.is_null()) {
                    self.context_management = Some(context_management(cm));
                }
                if let Some(u) = usage.as_object() {
                    self.raw_usage
                        .get_or_insert_with(Map::new)
                        .extend(u.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
            "message_stop" => {
                self.open_message = None;
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
    fn on_delta(&mut self, index: u64, delta: WireDelta, out: &mut Vec<ModelPart>) {
        let id = || index.to_string();
        match delta.kind.as_ref() {
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
                        id: call_id, input, ..
                    }) => {
                        input.push_str(&partial);
                        out.push(ModelPart::ToolInputDelta {
                            id: call_id.clone(),
                            delta: partial.into_owned(),
                            provider_metadata: None,
                        });
                    }
                    Some(Block::Text) => out.push(ModelPart::TextDelta {
                        id: id(),
                        delta: partial.into_owned(),
                        provider_metadata: None,
                    }),
                    _ => {}
                }
            }
            _ => {} // citations and other delta kinds are not surfaced yet
        }
    }

    fn emit_finish(&mut self, out: &mut Vec<ModelPart>) {
        let mut metadata = json!({
            "usage": self.raw_usage.clone().map(Value::Object).unwrap_or(Value::Null),
            "cacheCreationInputTokens": self.cache_creation_input_tokens,
            "stopSequence": self.stop_sequence,
            "iterations": null,
            "container": null,
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

#[cfg(test)]
mod tests;
