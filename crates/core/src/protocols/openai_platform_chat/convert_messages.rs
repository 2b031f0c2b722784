//! `ModelMessage`s → Chat Completions messages as `convertToOpenAIChatMessages` writes them:
//! `system` as `developer` for reasoning models, images with `detail`, PDFs as `file`, WAV / MP3 as
//! `input_audio`, no reasoning echoed, `providerOptions.openai.promptCacheBreakpoint` turning a
//! content string into a text part that carries it.
use crate::error::CallError;
use crate::media::{data_url, is_http_url, sniffed_image};
use crate::types::{AssistantPart, ModelMessage, ToolResultPart, UserPart};
use serde_json::{json, Map, Value};

/// The role system messages go as (`developer` for reasoning models).
#[derive(Clone, Copy)]
pub enum SystemMode {
    System,
    Developer,
}

impl SystemMode {
    pub fn role(self) -> &'static str {
        match self {
            SystemMode::System => "system",
            SystemMode::Developer => "developer",
        }
    }
}

fn breakpoint(provider_options: &Option<Value>) -> Option<&Value> {
    provider_options
        .as_ref()?
        .get("openai")?
        .get("promptCacheBreakpoint")
        .filter(|v| !v.is_null())
}

/// `content` as a string, or as one text part carrying the cache breakpoint.
fn text_content(text: Value, breakpoint: Option<&Value>) -> Value {
    match breakpoint {
        None => text,
        Some(b) => json!([{ "type": "text", "text": text, "prompt_cache_breakpoint": b }]),
    }
}

/// `part` with the cache breakpoint of its options, if any.
fn with_breakpoint(mut part: Value, provider_options: &Option<Value>) -> Value {
    if let Some(b) = breakpoint(provider_options) {
        part["prompt_cache_breakpoint"] = b.clone();
    }
    part
}

fn unsupported(what: String) -> CallError {
    CallError::UnsupportedFunctionality(what)
}

fn image_part(data: &str, media_type: Option<&str>, provider_options: &Option<Value>) -> Value {
    let media_type = media_type.filter(|m| *m != "image/*");
    let mut image_url = Map::new();
    image_url.insert("url".into(), json!(data_url(data, media_type)));
    let detail = provider_options
        .as_ref()
        .and_then(|o| o.get("openai")?.get("imageDetail"))
        .filter(|d| !d.is_null());
    if let Some(detail) = detail {
        image_url.insert("detail".into(), detail.clone());
    }
    with_breakpoint(
        json!({ "type": "image_url", "image_url": image_url }),
        provider_options,
    )
}

fn file_part(
    data: &str,
    media_type: &str,
    filename: Option<&str>,
    index: usize,
) -> Result<Value, CallError> {
    if let Some(format) = media_type.strip_prefix("audio/") {
        if is_http_url(data) {
            return Err(unsupported("audio file parts with URLs".into()));
        }
        let format = match format {
            "wav" => "wav",
            "mp3" | "mpeg" => "mp3",
            _ => {
                return Err(unsupported(format!(
                    "audio content parts with media type {media_type}"
                )))
            }
        };
        return Ok(
            json!({ "type": "input_audio", "input_audio": { "data": data, "format": format } }),
        );
    }
    if media_type != "application/pdf" {
        return Err(unsupported(format!("file part media type {media_type}")));
    }
    if is_http_url(data) {
        return Err(unsupported("PDF file parts with URLs".into()));
    }
    // (Base64 has no `-`: a `file-…` string is an uploaded file's id.)
    let file = if data.starts_with("file-") {
        json!({ "file_id": data })
    } else {
        let filename = filename.map_or_else(|| format!("part-{index}.pdf"), str::to_owned);
        json!({ "filename": filename, "file_data": format!("data:application/pdf;base64,{data}") })
    };
    Ok(json!({ "type": "file", "file": file }))
}

fn user_message(parts: Vec<UserPart>) -> Result<Value, CallError> {
    if let [UserPart::Text {
        text,
        provider_options,
    }] = parts.as_slice()
    {
        if breakpoint(provider_options).is_none() {
            return Ok(json!({ "role": "user", "content": text }));
        }
    }
    let mut content = Vec::with_capacity(parts.len());
    for (index, part) in parts.iter().enumerate() {
        content.push(match part {
            UserPart::Text {
                text,
                provider_options,
            } => with_breakpoint(json!({ "type": "text", "text": text }), provider_options),
            UserPart::Image {
                image,
                media_type,
                provider_options,
            } => {
                let (data, media_type) = sniffed_image(image, media_type.as_deref());
                image_part(data, media_type, provider_options)
            }
            UserPart::File {
                data,
                media_type,
                provider_options,
                ..
            } if media_type.starts_with("image/") => {
                image_part(data, Some(media_type), provider_options)
            }
            UserPart::File {
                data,
                media_type,
                filename,
                provider_options,
            } => with_breakpoint(
                file_part(data, media_type, filename.as_deref(), index)?,
                provider_options,
            ),
        });
    }
    Ok(json!({ "role": "user", "content": content }))
}

fn assistant_message(parts: Vec<AssistantPart>) -> Value {
    let mut text = String::new();
    let mut text_parts = Vec::new();
    let mut has_breakpoint = false;
    let mut tool_calls = Vec::new();
    for part in parts {
        match part {
            AssistantPart::Text {
                text: t,
                provider_options,
            } => {
                has_breakpoint |= breakpoint(&provider_options).is_some();
                text_parts.push(with_breakpoint(
                    json!({ "type": "text", "text": t }),
                    &provider_options,
                ));
                text.push_str(&t);
            }
            AssistantPart::ToolCall {
                tool_call_id,
                tool_name,
                input,
                ..
            } => {
                // As `serializeToolCallArguments`: anything but an object is `{}`.
                let arguments = match input {
                    Value::Object(_) => input.to_string(),
                    _ => "{}".to_owned(),
                };
                tool_calls.push(json!({
                    "id": tool_call_id, "type": "function",
                    "function": { "name": tool_name, "arguments": arguments },
                }));
            }
            // Reasoning is not sent back (the API has no field for it).
            _ => {}
        }
    }
    let content = if has_breakpoint {
        Value::Array(text_parts)
    } else if !tool_calls.is_empty() && text.is_empty() {
        Value::Null
    } else {
        json!(text)
    };
    let mut message = json!({ "role": "assistant", "content": content });
    if !tool_calls.is_empty() {
        message["tool_calls"] = Value::Array(tool_calls);
    }
    message
}

fn tool_message(result: &ToolResultPart) -> Value {
    let content = text_content(
        json!(result.output.to_wire_string()),
        breakpoint(&result.provider_options),
    );
    json!({ "role": "tool", "tool_call_id": result.tool_call_id, "content": content })
}

/// One `ModelMessage` to the Chat Completions messages it becomes. It reads nothing but the
/// message and `system_mode`, so its wire form can be kept by content
/// (`protocols/message_segments.rs`).
pub fn convert_message(
    message: &ModelMessage,
    system_mode: SystemMode,
) -> Result<Vec<Value>, CallError> {
    Ok(match message {
        ModelMessage::System {
            content,
            provider_options,
        } => {
            let content = text_content(json!(content), breakpoint(provider_options));
            vec![json!({ "role": system_mode.role(), "content": content })]
        }
        ModelMessage::User { content, .. } => vec![user_message(content.clone().into_parts())?],
        ModelMessage::Assistant { content, .. } => {
            vec![assistant_message(content.clone().into_parts())]
        }
        ModelMessage::Tool { content, .. } => content.iter().map(tool_message).collect(),
    })
}
