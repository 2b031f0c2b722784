//! `ModelMessage`s → the Messages API `system` and `messages`: same-role turns merged, tool
//! results as `tool_result` blocks, thinking blocks with their signatures. The blocks of a user or
//! tool message that read nothing but the message (no cache breakpoint, no document) are kept by
//! content (`protocols/message_segments.rs`): an agent's history is mostly those.
use super::cache_control::{has_cache_control, part_cache, with_cache, CacheBreakpoints};
use super::server_tool_history::{other, result_block, server_tool_use};
use crate::content_cache::ContentKey;
use crate::error::CallError;
use crate::media::detect_image_media_type;
use crate::protocols::message_segments::{key_at, segment_of, MessageSegments, Segment};
use crate::types::{
    AssistantPart, Content, ModelMessage, ToolResultOutput, ToolResultPart, UserPart,
};
use serde_json::{json, Value};

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

/// Blocks `build` makes of a message, kept under `key` when `keep` (the message's blocks read
/// nothing else).
fn kept_or_built(
    key: Option<ContentKey>,
    keep: bool,
    build: impl FnOnce() -> Result<Vec<Value>, CallError>,
) -> Result<Vec<Segment>, CallError> {
    match key.filter(|_| keep) {
        Some(key) => Ok(vec![Segment::Kept(segment_of(key, "anthropic", build)?)]),
        None => Ok(build()?.into_iter().map(Segment::Value).collect()),
    }
}

/// A user message whose blocks depend on it alone: text and images, no cache breakpoint.
fn self_contained_user(content: &Content<UserPart>, options: Option<&Value>) -> bool {
    let part_ok = |p: &UserPart| match p {
        UserPart::Text {
            provider_options, ..
        }
        | UserPart::Image {
            provider_options, ..
        } => !has_cache_control(provider_options.as_ref()),
        // Documents add a beta to the request.
        UserPart::File { .. } => false,
    };
    !has_cache_control(options)
        && match content {
            Content::Text(_) => true,
            Content::Parts(parts) => parts.iter().all(part_ok),
        }
}

/// A tool message whose blocks depend on it alone: no cache breakpoint.
fn self_contained_tool(content: &[ToolResultPart], options: Option<&Value>) -> bool {
    !has_cache_control(options)
        && content
            .iter()
            .all(|r| !has_cache_control(r.provider_options.as_ref()))
}

pub(crate) struct Converted {
    pub(crate) system: Option<Vec<Value>>,
    /// The turns (`Segment::Message` each; user turns partly kept blocks).
    pub(crate) messages: MessageSegments,
    /// Betas the prompt needs (`pdfs-2024-09-25` for a PDF), first in the header as the AI SDK
    /// orders them.
    pub(crate) betas: Vec<String>,
}

/// A document block (PDF or plain text) as `@ai-sdk/anthropic` builds it: `title` from the part's
/// `providerOptions.anthropic.title`, else its filename; `context`; `citations` when enabled.
fn document(source: Value, filename: Option<String>, options: Option<&Value>) -> Value {
    let anthropic = options.and_then(|o| o.get("anthropic"));
    let title = anthropic
        .and_then(|a| a.get("title"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or(filename);
    let mut block = json!({ "type": "document", "source": source });
    if let Some(title) = title {
        block["title"] = json!(title);
    }
    if let Some(context) = anthropic
        .and_then(|a| a.get("context"))
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
    {
        block["context"] = json!(context);
    }
    let citations = anthropic
        .and_then(|a| a.get("citations"))
        .and_then(|c| c.get("enabled"));
    if citations == Some(&Value::Bool(true)) {
        block["citations"] = json!({ "enabled": true });
    }
    block
}

/// A `text/plain` file's text: its base64 decoded (lossy UTF-8), as the AI SDK's `convertToString`.
fn plain_text(data: &str) -> String {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .unwrap_or_else(|_| data.as_bytes().to_vec());
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Groups messages into Anthropic turns: system messages on top, user + tool messages into one
/// user turn, consecutive assistant messages into one assistant turn.
/// `keys` are the messages' content keys (`CallOptions::message_keys`).
pub(crate) fn convert_messages(
    messages: &[ModelMessage],
    keys: &[Option<ContentKey>],
    cache: &mut CacheBreakpoints,
    warnings: &mut Vec<Value>,
    send_reasoning: bool,
) -> Result<Converted, CallError> {
    let mut betas: Vec<String> = Vec::new();
    let mut system: Option<Vec<Value>> = None;
    let mut out: Vec<Segment> = Vec::new();
    let last_index = messages.len().saturating_sub(1);
    for (index, message) in messages.iter().enumerate() {
        let message_options = message.provider_options();
        let key = key_at(keys, messages.len(), index);
        match message {
            ModelMessage::System { content, .. } => {
                let block = with_cache(
                    json!({ "type": "text", "text": content }),
                    cache.get(message_options)?,
                );
                system.get_or_insert_with(Vec::new).push(block);
            }
            ModelMessage::User { content, .. } => {
                let keep = self_contained_user(content, message_options);
                let blocks = kept_or_built(key, keep, || {
                    user_blocks(content, message_options, cache, &mut betas)
                })?;
                push_turn(&mut out, "user", blocks);
            }
            ModelMessage::Tool { content, .. } => {
                let keep = self_contained_tool(content, message_options);
                let blocks =
                    kept_or_built(key, keep, || tool_blocks(content, message_options, cache))?;
                push_turn(&mut out, "user", blocks);
            }
            ModelMessage::Assistant { content, .. } => {
                // A turn of this message alone (not merged with a neighbour, whose blocks its
                // tool calls would move after; system messages go elsewhere) whose blocks read
                // nothing else is kept.
                let next_turn = messages[index + 1..]
                    .iter()
                    .find(|m| !matches!(m, ModelMessage::System { .. }));
                let alone = index != last_index
                    && !matches!(next_turn, Some(ModelMessage::Assistant { .. }))
                    && !matches!(
                        out.last(),
                        Some(Segment::Message {
                            role: "assistant",
                            ..
                        })
                    );
                let keep = alone && self_contained_assistant(content, message_options);
                let blocks = kept_or_built(key, keep, || {
                    let mut blocks = assistant_blocks(
                        content,
                        message_options,
                        index == last_index,
                        cache,
                        warnings,
                        send_reasoning,
                    )?;
                    if keep {
                        // (No thinking blocks: `move_tool_use_to_end` is this stable partition.)
                        blocks.sort_by_key(|b| b["type"] == "tool_use");
                    }
                    Ok(blocks)
                })?;
                push_turn(&mut out, "assistant", blocks);
            }
        }
    }
    Ok(Converted {
        system,
        messages: MessageSegments::new(out),
        betas,
    })
}

/// An assistant message whose blocks depend on it alone: text and client tool calls, no cache
/// breakpoint (no thinking block, whose signature rules and warnings read the call).
fn self_contained_assistant(content: &Content<AssistantPart>, options: Option<&Value>) -> bool {
    let part_ok = |p: &AssistantPart| match p {
        AssistantPart::Text {
            provider_options, ..
        } => !has_cache_control(provider_options.as_ref()),
        AssistantPart::ToolCall {
            provider_options,
            provider_executed,
            ..
        } => provider_executed != &Some(true) && !has_cache_control(provider_options.as_ref()),
        AssistantPart::Reasoning { .. }
        | AssistantPart::ToolResult(_)
        | AssistantPart::File { .. } => false,
    };
    !has_cache_control(options)
        && match content {
            Content::Text(_) => true,
            Content::Parts(parts) => parts.iter().all(part_ok),
        }
}

/// An assistant message's blocks (`last_message`: the prompt's last, whose final text is trimmed).
fn assistant_blocks(
    content: &Content<AssistantPart>,
    message_options: Option<&Value>,
    last_message: bool,
    cache: &mut CacheBreakpoints,
    warnings: &mut Vec<Value>,
    send_reasoning: bool,
) -> Result<Vec<Value>, CallError> {
    let parts = match content {
        Content::Text(t) => vec![AssistantPart::Text {
            text: t.clone(),
            provider_options: None,
        }],
        Content::Parts(p) => p.clone(),
    };
    let n = parts.len();
    let mut blocks = Vec::with_capacity(n);
    for (k, part) in parts.into_iter().enumerate() {
        let is_last = k + 1 == n;
        let block = match part {
            AssistantPart::Text {
                text,
                provider_options,
            } => {
                // The AI SDK trims the final assistant text (a trailing space breaks prefill).
                let text = if last_message && is_last {
                    text.trim().to_owned()
                } else {
                    text
                };
                let cc = part_cache(cache, provider_options.as_ref(), message_options, is_last)?;
                let anthropic = provider_options.as_ref().and_then(|o| o.get("anthropic"));
                // A compaction summary goes back as the block it came in.
                if anthropic.and_then(|a| a.get("type")) == Some(&json!("compaction")) {
                    blocks.push(with_cache(
                        json!({ "type": "compaction", "content": text }),
                        cc,
                    ));
                    continue;
                }
                let mut block = json!({ "type": "text", "text": text });
                if let Some(citations) = provider_options
                    .as_ref()
                    .and_then(|o| o.get("anthropic"))
                    .and_then(|a| a.get("citations"))
                    .filter(|c| !c.is_null())
                {
                    block["citations"] = citations.clone();
                }
                with_cache(block, cc)
            }
            AssistantPart::Reasoning { .. } if !send_reasoning => {
                warnings.push(other(
                    "sending reasoning content is disabled for this model",
                ));
                continue;
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
                        cache.refuse(provider_options.as_ref(), "thinking block");
                        json!({ "type": "thinking", "thinking": text, "signature": sig })
                    }
                    (None, Some(data)) => {
                        let block = "redacted thinking block";
                        cache.refuse(provider_options.as_ref(), block);
                        json!({ "type": "redacted_thinking", "data": data })
                    }
                    (None, None) => {
                        // Without its signature Anthropic rejects a thinking block; say so.
                        warnings.push(other("unsupported reasoning metadata"));
                        continue;
                    }
                }
            }
            AssistantPart::ToolCall {
                tool_call_id,
                tool_name,
                input,
                provider_options,
                provider_executed,
            } => {
                let cc = part_cache(cache, provider_options.as_ref(), message_options, is_last)?;
                let input = match input {
                    Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::String(s)),
                    v => v,
                };
                if provider_executed == Some(true) {
                    match server_tool_use(&tool_call_id, &tool_name, input, warnings) {
                        Some(block) => with_cache(block, cc),
                        None => continue,
                    }
                } else {
                    with_cache(
                        json!({ "type": "tool_use", "id": tool_call_id, "name": tool_name, "input": input }),
                        cc,
                    )
                }
            }
            // A server tool's result, in the assistant turn it came in.
            AssistantPart::ToolResult(result) => {
                let cc = part_cache(
                    cache,
                    result.provider_options.as_ref(),
                    message_options,
                    is_last,
                )?;
                match result_block(&result, warnings) {
                    Some(block) => with_cache(block, cc),
                    None => continue,
                }
            }
            AssistantPart::File { .. } => continue,
        };
        blocks.push(block);
    }
    Ok(blocks)
}

/// A user message's blocks.
fn user_blocks(
    content: &Content<UserPart>,
    message_options: Option<&Value>,
    cache: &mut CacheBreakpoints,
    betas: &mut Vec<String>,
) -> Result<Vec<Value>, CallError> {
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
                filename,
                provider_options,
            } => {
                let url = data.starts_with("http://") || data.starts_with("https://");
                let block = if media_type.starts_with("image/") {
                    json!({ "type": "image", "source": image_source(&data, Some(&media_type)) })
                } else if media_type == "application/pdf" {
                    if !betas.iter().any(|b| b == "pdfs-2024-09-25") {
                        betas.push("pdfs-2024-09-25".into());
                    }
                    let source = if url {
                        json!({ "type": "url", "url": data })
                    } else {
                        json!({ "type": "base64", "media_type": "application/pdf", "data": data })
                    };
                    document(source, filename, provider_options.as_ref())
                } else if media_type == "text/plain" {
                    let source = if url {
                        json!({ "type": "url", "url": data })
                    } else {
                        json!({ "type": "text", "media_type": "text/plain", "data": plain_text(&data) })
                    };
                    document(source, filename, provider_options.as_ref())
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
    Ok(blocks)
}

/// A tool message's blocks (`tool_result`s).
fn tool_blocks(
    content: &[ToolResultPart],
    message_options: Option<&Value>,
    cache: &mut CacheBreakpoints,
) -> Result<Vec<Value>, CallError> {
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
    Ok(blocks)
}

/// Appends blocks to the last turn when it has the same role (merging consecutive turns).
fn push_turn(out: &mut Vec<Segment>, role: &'static str, blocks: Vec<Segment>) {
    if let Some(Segment::Message { role: r, content }) = out.last_mut() {
        if *r == role {
            content.extend(blocks);
            if role == "assistant" {
                move_tool_use_to_end(content);
            }
            return;
        }
    }
    let mut content = blocks;
    if role == "assistant" {
        move_tool_use_to_end(&mut content);
    }
    out.push(Segment::Message { role, content });
}

/// Client `tool_use` blocks after the rest of their stretch between thinking blocks (a server
/// tool's blocks and text after a call would otherwise split the call from its result), as
/// `moveToolUseBlocksToEnd` does.
fn move_tool_use_to_end(content: &mut Vec<Segment>) {
    let mut ordered = Vec::with_capacity(content.len());
    let mut calls = Vec::new();
    for block in content.drain(..) {
        // (Kept blocks are user turns' only.)
        let kind = match &block {
            Segment::Value(value) => value["type"].as_str(),
            _ => None,
        };
        match kind {
            Some("thinking" | "redacted_thinking") => {
                ordered.append(&mut calls);
                ordered.push(block);
            }
            Some("tool_use") => calls.push(block),
            _ => ordered.push(block),
        }
    }
    ordered.append(&mut calls);
    *content = ordered;
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
