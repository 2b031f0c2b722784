//! `ModelMessage`s → Responses `input` items (messages, function calls and outputs, reasoning
//! items with encrypted content).
use super::provider_tools::local_shell_exec;
use crate::error::CallError;
use crate::media::data_url;
use crate::types::{AssistantPart, ModelMessage, ToolResultOutput, UserPart};
use serde_json::{json, Value};
use std::collections::HashMap;

/// `ModelMessage`s to Responses input items. With `store` (the default) earlier output items are
/// referenced by id; without it they are sent in full (reasoning with its encrypted content).
pub(crate) fn convert_input(
    messages: &[ModelMessage],
    developer_role: bool,
    store: bool,
    local_shell: bool,
    warnings: &mut Vec<Value>,
) -> Result<Vec<Value>, CallError> {
    let mut input: Vec<Value> = Vec::new();
    for message in messages {
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
                    match part {
                        AssistantPart::Text {
                            text,
                            provider_options,
                        } => {
                            let openai = provider_options.as_ref().and_then(|o| o.get("openai"));
                            let id = openai
                                .and_then(|o| o.get("itemId"))
                                .filter(|v| !v.is_null())
                                .cloned();
                            if let (true, Some(id)) = (store, &id) {
                                input.push(json!({ "type": "item_reference", "id": id }));
                                continue;
                            }
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
                            let openai = provider_options.as_ref().and_then(|o| o.get("openai"));
                            let id = openai
                                .and_then(|o| o.get("itemId"))
                                .filter(|v| !v.is_null())
                                .cloned();
                            if let (true, Some(id)) = (store, &id) {
                                input.push(json!({ "type": "item_reference", "id": id }));
                                continue;
                            }
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
                            let Some(id) =
                                openai.and_then(|o| o.get("itemId")).and_then(Value::as_str)
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
    }
    if !store
        && input
            .iter()
            .any(|i| i["type"] == "reasoning" && i.get("encrypted_content").is_none())
    {
        warnings.push(json!({ "type": "other", "message":
            "Reasoning parts without encrypted content are not supported when store is false. Skipping reasoning parts." }));
        input.retain(|i| i["type"] != "reasoning" || i.get("encrypted_content").is_some());
    }
    Ok(input)
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
