//! `ModelMessage`s → Responses `input` items (messages, function calls and outputs, reasoning
//! items with encrypted content).
use super::provider_tools::local_shell_exec;
use crate::content_cache::ContentKey;
use crate::error::CallError;
use crate::media::data_url;
use crate::protocols::message_segments::{message_array, Items, MessageSegments};
use crate::types::{AssistantPart, ModelMessage, ToolResultOutput, UserPart};
use serde_json::{json, Value};
use std::collections::HashMap;

/// What the conversion reads besides the message: the model's system role, whether earlier
/// output items are stored (referenced by id) or sent in full (reasoning with its encrypted
/// content), and whether `openai.tools.localShell()` is on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InputRules {
    pub developer_role: bool,
    pub store: bool,
    pub local_shell: bool,
}

impl InputRules {
    /// The name of this conversion, for the kept segments.
    fn context(&self) -> String {
        format!(
            "openai-responses:{}:{}:{}",
            self.developer_role, self.store, self.local_shell
        )
    }
}

/// `ModelMessage`s to Responses input items, as values (the ChatGPT backend adapts them).
pub(crate) fn convert_input(
    messages: &[ModelMessage],
    rules: InputRules,
    warnings: &mut Vec<Value>,
) -> Result<Vec<Value>, CallError> {
    let mut dropped = false;
    let mut input = Vec::new();
    for message in messages {
        input.extend(message_items(message, rules, warnings, &mut dropped)?);
    }
    warn_of_dropped_reasoning(dropped, warnings);
    Ok(input)
}

/// `ModelMessage`s to Responses input items as kept segments (`message_segments.rs`): a message
/// whose conversion warned is made again for every request, so that it warns every time.
pub(crate) fn input_segments(
    messages: &[ModelMessage],
    keys: &[Option<ContentKey>],
    rules: InputRules,
    warnings: &mut Vec<Value>,
) -> Result<MessageSegments, CallError> {
    let mut dropped = false;
    let segments = message_array(&rules.context(), messages, keys, |_, message| {
        let (before, mut dropped_here) = (warnings.len(), false);
        let items = message_items(message, rules, warnings, &mut dropped_here)?;
        dropped |= dropped_here;
        Ok(match warnings.len() > before || dropped_here {
            true => Items::once(items),
            false => items.into(),
        })
    })?;
    warn_of_dropped_reasoning(dropped, warnings);
    Ok(segments)
}

/// Without `store`, reasoning that has no encrypted content cannot be sent: one warning for all.
fn warn_of_dropped_reasoning(dropped: bool, warnings: &mut Vec<Value>) {
    if dropped {
        warnings.push(json!({ "type": "other", "message":
            "Reasoning parts without encrypted content are not supported when store is false. Skipping reasoning parts." }));
    }
}

/// One message's items; `dropped` is set when reasoning items were left out (see
/// [`warn_of_dropped_reasoning`]).
fn message_items(
    message: &ModelMessage,
    rules: InputRules,
    warnings: &mut Vec<Value>,
    dropped: &mut bool,
) -> Result<Vec<Value>, CallError> {
    let mut items = convert_message(message, rules, warnings)?;
    if !rules.store {
        let before = items.len();
        items.retain(|i| i["type"] != "reasoning" || i.get("encrypted_content").is_some());
        *dropped |= items.len() != before;
    }
    Ok(items)
}

/// One message's items.
fn convert_message(
    message: &ModelMessage,
    rules: InputRules,
    warnings: &mut Vec<Value>,
) -> Result<Vec<Value>, CallError> {
    let InputRules {
        developer_role,
        store,
        local_shell,
    } = rules;
    let mut input: Vec<Value> = Vec::new();
    match message {
        ModelMessage::System { content, .. } => {
            let role = if developer_role {
                "developer"
            } else {
                "system"
            };
            input.push(json!({ "role": role, "content": content }));
        }
        ModelMessage::User { content, .. } => {
            let parts = content.clone().into_parts();
            let mut items = Vec::with_capacity(parts.len());
            for (index, part) in parts.into_iter().enumerate() {
                items.push(match part {
                    UserPart::Text { text, .. } => json!({ "type": "input_text", "text": text }),
                    UserPart::Image { image, media_type, provider_options } => {
                        image_item(&image, media_type.as_deref(), provider_options.as_ref())
                    }
                    UserPart::File { data, media_type, filename, provider_options } => {
                        if media_type.starts_with("image/") {
                            image_item(&data, Some(&media_type), provider_options.as_ref())
                        } else if media_type == "application/pdf" {
                            if data.starts_with("http://") || data.starts_with("https://") {
                                json!({ "type": "input_file", "file_url": data })
                            } else {
                                json!({ "type": "input_file",
                                    "filename": filename.unwrap_or_else(|| format!("part-{index}.pdf")),
                                    "file_data": format!("data:application/pdf;base64,{data}") })
                            }
                        } else {
                            return Err(CallError::UnsupportedFunctionality(format!(
                                "file part media type {media_type}"
                            )));
                        }
                    }
                });
            }
            input.push(json!({ "role": "user", "content": items }));
        }
        ModelMessage::Assistant { content, .. } => {
            // Reasoning parts of one item (several summary parts) merge into one item.
            let mut reasoning_items: HashMap<String, usize> = HashMap::new();
            for part in content.clone().into_parts() {
                if let Some(reference) = stored_reference(store, &part) {
                    input.push(reference);
                    continue;
                }
                match part {
                    AssistantPart::Text {
                        text,
                        provider_options,
                    } => {
                        let (openai, id) = openai_item(provider_options.as_ref());
                        let mut item = json!({ "role": "assistant", "content": [{ "type": "output_text", "text": text }] });
                        if let Some(id) = id {
                            item["id"] = id;
                        }
                        if let Some(phase) =
                            openai.and_then(|o| o.get("phase")).filter(|v| !v.is_null())
                        {
                            item["phase"] = phase.clone();
                        }
                        input.push(item);
                    }
                    // (Its output item, sent as the result's, holds the call.)
                    AssistantPart::ToolCall {
                        provider_executed: Some(true),
                        ..
                    } => {}
                    AssistantPart::ToolCall {
                        tool_call_id,
                        tool_name,
                        input: args,
                        provider_options,
                        ..
                    } => {
                        let (openai, id) = openai_item(provider_options.as_ref());
                        // With `openai.tools.localShell()`, its calls go back as what they were.
                        if local_shell && tool_name == "local_shell" {
                            let exec = local_shell_exec(&args["action"], true);
                            let mut item =
                                json!({ "type": "local_shell_call", "call_id": tool_call_id });
                            if let Some(id) = id {
                                item["id"] = id;
                            }
                            item["action"] = exec;
                            input.push(item);
                            continue;
                        }
                        let mut item = json!({
                            "type": "function_call", "call_id": tool_call_id, "name": tool_name,
                            "arguments": args.to_string(),
                        });
                        if let Some(a) =
                            openai.and_then(|o| o.get("async")).filter(|v| !v.is_null())
                        {
                            item["async"] = a.clone();
                        }
                        if let Some(id) = id {
                            item["id"] = id;
                        }
                        input.push(item);
                    }
                    AssistantPart::Reasoning {
                        text,
                        provider_options,
                    } => {
                        let openai = provider_options.as_ref().and_then(|o| o.get("openai"));
                        let Some(id) = openai.and_then(|o| o.get("itemId")).and_then(Value::as_str)
                        else {
                            warnings.push(json!({ "type": "other", "message": format!(
                                "Non-OpenAI reasoning parts are not supported. Skipping reasoning part: {}.",
                                json!({ "type": "reasoning", "text": text, "providerOptions": provider_options })) }));
                            continue;
                        };
                        let encrypted = openai
                            .and_then(|o| o.get("reasoningEncryptedContent"))
                            .filter(|v| !v.is_null())
                            .cloned();
                        if store {
                            if !reasoning_items.contains_key(id) {
                                reasoning_items.insert(id.to_owned(), input.len());
                                input.push(json!({ "type": "item_reference", "id": id }));
                            }
                            continue;
                        }
                        let summary: Vec<Value> = if text.is_empty() {
                            vec![]
                        } else {
                            vec![json!({ "type": "summary_text", "text": text })]
                        };
                        match reasoning_items.get(id) {
                            Some(&at) => {
                                if let Some(list) = input[at]["summary"].as_array_mut() {
                                    list.extend(summary);
                                }
                                if let Some(e) = encrypted {
                                    input[at]["encrypted_content"] = e;
                                }
                            }
                            None => {
                                reasoning_items.insert(id.to_owned(), input.len());
                                let mut item = json!({ "type": "reasoning", "id": id });
                                if let Some(e) = encrypted {
                                    item["encrypted_content"] = e;
                                }
                                item["summary"] = Value::Array(summary);
                                input.push(item);
                            }
                        }
                    }
                    // A tool OpenAI ran: its stored output item, by id (nothing without store).
                    AssistantPart::ToolResult(result) => {
                        if store {
                            input.push(
                                json!({ "type": "item_reference", "id": result.tool_call_id }),
                            );
                        } else {
                            warnings.push(json!({ "type": "other", "message": format!(
                                "Results for OpenAI tool {} are not sent to the API when store is false",
                                result.tool_name) }));
                        }
                    }
                    AssistantPart::File { .. } => {}
                }
            }
        }
        ModelMessage::Tool { content, .. } => {
            for result in content {
                // (Later results are sent too: @ai-sdk/openai 2.0.131 stops at this one.)
                if let (true, "local_shell", ToolResultOutput::Json(v)) =
                    (local_shell, result.tool_name.as_str(), &result.output)
                {
                    input.push(json!({ "type": "local_shell_call_output", "call_id": result.tool_call_id, "output": v["output"] }));
                    continue;
                }
                let output = match &result.output {
                    ToolResultOutput::Text(s) | ToolResultOutput::ErrorText(s) => json!(s),
                    ToolResultOutput::Json(v) | ToolResultOutput::ErrorJson(v) => json!(v.to_string()),
                    ToolResultOutput::Content(Value::Array(items)) => Value::Array(
                        items
                            .iter()
                            .map(|item| match item["type"].as_str() {
                                Some("media") => {
                                    let media = item["mediaType"].as_str().unwrap_or_default();
                                    let url = format!("data:{media};base64,{}", item["data"].as_str().unwrap_or_default());
                                    if media.starts_with("image/") {
                                        json!({ "type": "input_image", "image_url": url })
                                    } else {
                                        json!({ "type": "input_file", "filename": "data", "file_data": url })
                                    }
                                }
                                _ => json!({ "type": "input_text", "text": item["text"] }),
                            })
                            .collect(),
                    ),
                    ToolResultOutput::Content(v) => json!(v.to_string()),
                };
                input.push(json!({ "type": "function_call_output", "call_id": result.tool_call_id, "output": output }));
            }
        }
    }
    Ok(input)
}

/// A part's `providerOptions.openai`, and the id of the output item it came from (if any).
fn openai_item(provider_options: Option<&Value>) -> (Option<&Value>, Option<Value>) {
    let openai = provider_options.and_then(|o| o.get("openai"));
    let id = openai
        .and_then(|o| o.get("itemId"))
        .filter(|v| !v.is_null())
        .cloned();
    (openai, id)
}

/// With `store`, a text or a call of the app's tools that came from an output item the API
/// keeps is sent as a reference to that item.
fn stored_reference(store: bool, part: &AssistantPart) -> Option<Value> {
    let provider_options = match part {
        AssistantPart::Text {
            provider_options, ..
        } => provider_options,
        AssistantPart::ToolCall {
            provider_executed,
            provider_options,
            ..
        } if *provider_executed != Some(true) => provider_options,
        _ => return None,
    };
    let (_, id) = openai_item(provider_options.as_ref());
    id.filter(|_| store)
        .map(|id| json!({ "type": "item_reference", "id": id }))
}

fn image_item(data: &str, media_type: Option<&str>, provider_options: Option<&Value>) -> Value {
    let media_type = media_type.filter(|m| *m != "image/*");
    let url = if data.starts_with("file-") {
        None
    } else {
        Some(data_url(data, media_type))
    };
    let mut item = match url {
        Some(u) => json!({ "type": "input_image", "image_url": u }),
        None => json!({ "type": "input_image", "file_id": data }),
    };
    if let Some(detail) = provider_options
        .and_then(|o| o.get("openai"))
        .and_then(|o| o.get("imageDetail"))
    {
        item["detail"] = detail.clone();
    }
    item
}
