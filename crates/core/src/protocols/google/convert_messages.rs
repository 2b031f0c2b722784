//! `ModelMessage`s → Gemini `systemInstruction` and `contents` (parts, function calls and
//! responses, thought signatures round-tripped).
use crate::error::CallError;
use crate::media::detect_image_media_type;
use crate::types::{AssistantPart, ModelMessage, ToolResultOutput, UserPart};
use serde_json::{json, Value};

/// Sent in place of a missing thought signature on Gemini 3 function calls (the API requires one).
const SKIP_THOUGHT_SIGNATURE: &str = "skip_thought_signature_validator";

/// A part's data as Gemini `fileData` (URLs) or `inlineData` (base64).
fn data_part(data: &str, media_type: Option<&str>) -> Value {
    if data.starts_with("http://") || data.starts_with("https://") || data.starts_with("gs://") {
        let mime = media_type
            .filter(|m| *m != "image/*")
            .unwrap_or("image/jpeg");
        return json!({ "fileData": { "mimeType": mime, "fileUri": data } });
    }
    if let Some((meta, b64)) = data
        .strip_prefix("data:")
        .and_then(|r| r.split_once(";base64,"))
    {
        return json!({ "inlineData": { "mimeType": meta, "data": b64 } });
    }
    let mime = media_type
        .filter(|m| *m != "image/*")
        .or_else(|| detect_image_media_type(data))
        .unwrap_or("image/jpeg");
    json!({ "inlineData": { "mimeType": mime, "data": data } })
}

fn signature_of(provider_options: Option<&Value>) -> Option<Value> {
    provider_options
        .and_then(|o| o.get("google"))
        .and_then(|g| g.get("thoughtSignature"))
        .filter(|s| !s.is_null())
        .map(|s| match s {
            Value::String(_) => s.clone(),
            other => Value::String(other.to_string()),
        })
}

fn function_response(id: &str, name: &str, content: Value) -> Value {
    json!({ "functionResponse": { "id": id, "name": name, "response": { "name": name, "content": content } } })
}

/// The system instruction's parts (the text of the system messages that lead the conversation),
/// and the index of the first system message after them, which Gemini cannot take.
pub(crate) fn system_parts(messages: &[ModelMessage]) -> (Vec<Value>, Option<usize>) {
    let is_system = |m: &ModelMessage| matches!(m, ModelMessage::System { .. });
    let turns = messages
        .iter()
        .position(|m| !is_system(m))
        .unwrap_or(messages.len());
    let misplaced = messages[turns..]
        .iter()
        .position(is_system)
        .map(|i| turns + i);
    let parts = messages[..turns]
        .iter()
        .filter_map(|m| match m {
            ModelMessage::System { content, .. } => Some(json!({ "text": content })),
            _ => None,
        })
        .collect();
    (parts, misplaced)
}

/// The error for a system message after the first turn.
pub(crate) fn misplaced_system_message() -> CallError {
    CallError::UnsupportedFunctionality(
        "system messages are only supported at the beginning of the conversation".into(),
    )
}

/// One message's `contents` entry (none for a system message: see [`system_parts`]). It reads
/// nothing but the message and the model's family.
pub(crate) fn convert_message(
    message: &ModelMessage,
    gemini3: bool,
) -> Result<Option<Value>, CallError> {
    Ok(Some(match message {
        ModelMessage::System { .. } => return Ok(None),
        ModelMessage::User { content, .. } => {
            let parts: Vec<Value> = content
                .clone()
                .into_parts()
                .into_iter()
                .map(|part| match part {
                    UserPart::Text { text, .. } => json!({ "text": text }),
                    UserPart::Image {
                        image, media_type, ..
                    } => data_part(&image, media_type.as_deref()),
                    UserPart::File {
                        data, media_type, ..
                    } => data_part(&data, Some(&media_type)),
                })
                .collect();
            json!({ "role": "user", "parts": parts })
        }
        ModelMessage::Assistant { content, .. } => {
            let mut signed_call = false;
            let mut parts = Vec::new();
            for part in content.clone().into_parts() {
                let block = match part {
                    AssistantPart::Text {
                        text,
                        provider_options,
                    } if !text.is_empty() => with_signature(
                        json!({ "text": text }),
                        signature_of(provider_options.as_ref()),
                    ),
                    AssistantPart::Reasoning {
                        text,
                        provider_options,
                    } if !text.is_empty() => with_signature(
                        json!({ "text": text, "thought": true }),
                        signature_of(provider_options.as_ref()),
                    ),
                    AssistantPart::ToolCall {
                        tool_call_id,
                        tool_name,
                        input,
                        provider_options,
                        ..
                    } => {
                        let signature = signature_of(provider_options.as_ref());
                        let effective = signature.clone().or_else(|| {
                            (gemini3 && !signed_call).then(|| json!(SKIP_THOUGHT_SIGNATURE))
                        });
                        signed_call |= signature.is_some();
                        let args = match input {
                            Value::String(s) => {
                                serde_json::from_str(&s).unwrap_or(Value::String(s))
                            }
                            v => v,
                        };
                        with_signature(
                            json!({ "functionCall": { "id": tool_call_id, "name": tool_name, "args": args } }),
                            effective,
                        )
                    }
                    AssistantPart::File { data, media_type } => {
                        if media_type != "image/png" {
                            return Err(CallError::UnsupportedFunctionality(
                                "Only PNG images are supported in assistant messages".into(),
                            ));
                        }
                        json!({ "inlineData": { "mimeType": media_type, "data": data } })
                    }
                    _ => continue,
                };
                parts.push(block);
            }
            json!({ "role": "model", "parts": parts })
        }
        ModelMessage::Tool { content, .. } => {
            let mut parts = Vec::new();
            for result in content {
                let (id, name) = (result.tool_call_id.as_str(), result.tool_name.as_str());
                match &result.output {
                    ToolResultOutput::Content(Value::Array(items)) => {
                        if gemini3 {
                            let texts: Vec<&str> = items
                                .iter()
                                .filter(|i| i["type"] == "text")
                                .filter_map(|i| i["text"].as_str())
                                .collect();
                            let media: Vec<Value> = items
                                    .iter()
                                    .filter(|i| i["type"] == "media")
                                    .map(|i| json!({ "inlineData": { "mimeType": i["mediaType"], "data": i["data"] } }))
                                    .collect();
                            let text = if texts.is_empty() {
                                "Tool executed successfully.".to_owned()
                            } else {
                                texts.join("\n")
                            };
                            let mut response = function_response(id, name, json!(text));
                            if !media.is_empty() {
                                response["functionResponse"]["parts"] = Value::Array(media);
                            }
                            parts.push(response);
                        } else {
                            // Before Gemini 3, part by part in order: media inline, each with
                            // the text @ai-sdk/google puts after it.
                            for item in items {
                                match item["type"].as_str() {
                                        Some("text") => {
                                            parts.push(function_response(id, name, item["text"].clone()))
                                        }
                                        Some("media") => parts.extend([
                                            json!({ "inlineData": { "mimeType": item["mediaType"], "data": item["data"] } }),
                                            json!({ "text": "Tool executed successfully and returned this image as a response" }),
                                        ]),
                                        _ => parts.push(json!({ "text": item.to_string() })),
                                    }
                            }
                        }
                    }
                    ToolResultOutput::Text(s) | ToolResultOutput::ErrorText(s) => {
                        parts.push(function_response(id, name, json!(s)))
                    }
                    ToolResultOutput::Json(v)
                    | ToolResultOutput::ErrorJson(v)
                    | ToolResultOutput::Content(v) => {
                        parts.push(function_response(id, name, v.clone()))
                    }
                }
            }
            json!({ "role": "user", "parts": parts })
        }
    }))
}

fn with_signature(mut part: Value, signature: Option<Value>) -> Value {
    if let Some(s) = signature {
        part["thoughtSignature"] = s;
    }
    part
}
