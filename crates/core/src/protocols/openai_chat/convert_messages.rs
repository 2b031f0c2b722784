//! `ModelMessage`s → Chat Completions messages. As `@ai-sdk/openai-compatible`, the
//! `providerOptions.openaiCompatible` of a message or part is spread into what it becomes
//! (DeepSeek's `reasoning_content` on an assistant turn, `cache_control` on a part).
use crate::error::CallError;
use crate::media::{data_url, sniffed_image};
use crate::types::{AssistantPart, ModelMessage, UserPart};
use serde_json::{json, Map, Value};

/// One `ModelMessage` to the Chat Completions messages it becomes (a tool message one per
/// result). It reads nothing but the message, so its wire form can be kept by content
/// (`protocols/message_segments.rs`).
pub(crate) fn convert_message(message: &ModelMessage) -> Result<Vec<Value>, CallError> {
    let mut out = Vec::with_capacity(1);
    match message {
        ModelMessage::System {
            content,
            provider_options,
        } => out.push(spread(
            json!({ "role": "system", "content": content }),
            provider_options,
        )),
        ModelMessage::User {
            content,
            provider_options,
        } => {
            let parts = content.clone().into_parts();
            // (The AI SDK takes the part's options here, not the message's.)
            if let [UserPart::Text {
                text,
                provider_options,
            }] = parts.as_slice()
            {
                let message = json!({ "role": "user", "content": text });
                out.push(spread(message, provider_options));
                return Ok(out);
            }
            let converted = parts
                .iter()
                .map(|part| match part {
                    UserPart::Text {
                        text,
                        provider_options,
                    } => Ok(spread(
                        json!({ "type": "text", "text": text }),
                        provider_options,
                    )),
                    UserPart::Image {
                        image,
                        media_type,
                        provider_options,
                    } => {
                        let (data, media_type) = sniffed_image(image, media_type.as_deref());
                        Ok(spread(image_part(data, media_type), provider_options))
                    }
                    UserPart::File {
                        data,
                        media_type,
                        provider_options,
                        ..
                    } if media_type.starts_with("image/") => {
                        let media_type = (media_type != "image/*").then_some(media_type.as_str());
                        Ok(spread(image_part(data, media_type), provider_options))
                    }
                    UserPart::File { media_type, .. } => Err(CallError::UnsupportedFunctionality(
                        format!("file part media type {media_type}"),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let message = json!({ "role": "user", "content": converted });
            out.push(spread(message, provider_options));
        }
        ModelMessage::Assistant {
            content,
            provider_options,
        } => {
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
                        provider_options,
                        ..
                    } => {
                        let arguments = match input {
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        let call = json!({
                            "id": tool_call_id, "type": "function",
                            "function": { "name": tool_name, "arguments": arguments },
                        });
                        tool_calls.push(spread(call, &provider_options));
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
            out.push(spread(Value::Object(m), provider_options));
        }
        ModelMessage::Tool { content, .. } => {
            for result in content {
                let message = json!({
                    "role": "tool",
                    "tool_call_id": result.tool_call_id,
                    "content": result.output.to_wire_string(),
                });
                out.push(spread(message, &result.provider_options));
            }
        }
    }
    Ok(out)
}

/// `value` with the fields of `providerOptions.openaiCompatible` added (they win over ours).
fn spread(mut value: Value, provider_options: &Option<Value>) -> Value {
    let extra = provider_options
        .as_ref()
        .and_then(|o| o.get("openaiCompatible"))
        .and_then(Value::as_object);
    if let (Some(extra), Some(object)) = (extra, value.as_object_mut()) {
        object.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    value
}

fn image_part(image: &str, media_type: Option<&str>) -> Value {
    json!({ "type": "image_url", "image_url": { "url": data_url(image, media_type) } })
}
