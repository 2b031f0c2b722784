//! A turn with server tools sent back: the provider-executed calls as `server_tool_use` blocks and
//! their results (in the assistant message) as the result blocks they came as, as
//! `convertToAnthropicMessagesPrompt` writes them; what it cannot send is a warning.
use super::server_tools::drop_null;
use crate::types::{ToolResultOutput, ToolResultPart};
use serde_json::{json, Map, Value};

/// An `other` call warning (what a turn sent back could not carry).
pub(super) fn other(message: impl Into<String>) -> Value {
    let message: String = message.into();
    json!({ "type": "other", "message": message })
}

/// The `server_tool_use` block of a provider-executed call (`None`: a warning instead).
pub(crate) fn server_tool_use(
    id: &str,
    tool_name: &str,
    input: Value,
    warnings: &mut Vec<Value>,
) -> Option<Value> {
    // Code execution 20250825's sub-tools go back under their own names.
    let sub_tool = input["type"]
        .as_str()
        .filter(|t| {
            tool_name == "code_execution"
                && matches!(*t, "bash_code_execution" | "text_editor_code_execution")
        })
        .map(str::to_owned);
    if let Some(name) = sub_tool {
        let mut input = input;
        input.as_object_mut().map(|o| o.remove("type"));
        return Some(json!({ "type": "server_tool_use", "id": id, "name": name, "input": input }));
    }
    if matches!(tool_name, "code_execution" | "web_fetch" | "web_search") {
        return Some(
            json!({ "type": "server_tool_use", "id": id, "name": tool_name, "input": input }),
        );
    }
    warnings.push(other(format!(
        "provider executed tool call for tool {tool_name} is not supported"
    )));
    None
}

fn output_type(output: &ToolResultOutput) -> &'static str {
    match output {
        ToolResultOutput::Text(_) => "text",
        ToolResultOutput::Json(_) => "json",
        ToolResultOutput::ErrorText(_) => "error-text",
        ToolResultOutput::ErrorJson(_) => "error-json",
        ToolResultOutput::Content(_) => "content",
    }
}

fn pick(value: &Value, keys: &[(&str, &str)]) -> Value {
    let mut out = Map::new();
    for (wire, key) in keys {
        if let Some(v) = value.get(*key) {
            out.insert((*wire).to_owned(), v.clone());
        }
    }
    Value::Object(out)
}

/// The result block of a server tool's result in an assistant message (`None`: a warning).
pub(crate) fn result_block(result: &ToolResultPart, warnings: &mut Vec<Value>) -> Option<Value> {
    let (id, name) = (result.tool_call_id.as_str(), result.tool_name.as_str());
    if !matches!(name, "code_execution" | "web_fetch" | "web_search") {
        warnings.push(other(format!(
            "provider executed tool result for tool {name} is not supported"
        )));
        return None;
    }
    let ToolResultOutput::Json(value) = &result.output else {
        let kind = output_type(&result.output);
        warnings.push(other(format!(
            "provider executed tool result output type {kind} for tool {name} is not supported"
        )));
        return None;
    };
    Some(match name {
        "web_search" => {
            let results: Vec<Value> = value
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| {
                    pick(
                        r,
                        &[
                            ("url", "url"),
                            ("title", "title"),
                            ("page_age", "pageAge"),
                            ("encrypted_content", "encryptedContent"),
                            ("type", "type"),
                        ],
                    )
                })
                .collect();
            json!({ "type": "web_search_tool_result", "tool_use_id": id, "content": results })
        }
        "web_fetch" => {
            let doc = &value["content"];
            let mut block = json!({ "type": "web_fetch_tool_result", "tool_use_id": id, "content": {
                "type": "web_fetch_result", "url": value["url"], "retrieved_at": value["retrievedAt"],
                "content": { "type": "document", "title": doc["title"], "citations": doc["citations"],
                    "source": { "type": doc["source"]["type"], "media_type": doc["source"]["mediaType"],
                        "data": doc["source"]["data"] } } } });
            drop_null(&mut block["content"]["content"], "citations");
            block
        }
        _ => {
            let Some(kind) = value["type"].as_str() else {
                warnings.push(other(format!(
                    "provider executed tool result output value is not a valid code execution result for tool {name}"
                )));
                return None;
            };
            match kind {
                "code_execution_result" => {
                    json!({ "type": "code_execution_tool_result", "tool_use_id": id,
                    "content": pick(value, &[("type", "type"), ("stdout", "stdout"), ("stderr", "stderr"), ("return_code", "return_code")]) })
                }
                // (Key order as the AI SDK writes it: the prompt cache sees the bytes.)
                "bash_code_execution_result" => {
                    json!({ "type": "bash_code_execution_tool_result", "tool_use_id": id,
                    "content": pick(value, &[("type", "type"), ("stdout", "stdout"), ("stderr", "stderr"), ("return_code", "return_code"), ("content", "content")]) })
                }
                "bash_code_execution_tool_result_error" => {
                    json!({ "type": "bash_code_execution_tool_result", "tool_use_id": id, "content": value })
                }
                _ => {
                    json!({ "type": "text_editor_code_execution_tool_result", "tool_use_id": id, "content": value })
                }
            }
        }
    })
}
