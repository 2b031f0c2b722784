//! `ModelMessage`s → Chat Completions messages.
use crate::error::CallError;
use crate::media::data_url;
use crate::types::{AssistantPart, ModelMessage, UserPart};
use serde_json::{json, Map, Value};

/// `ModelMessage`s to Chat Completions messages.
pub(crate) fn convert_messages(messages: &[ModelMessage]) -> Result<Vec<Value>, CallError> {
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
