//! Anthropic's server tools (`anthropic.tools.webSearch_20250305()`, `webFetch_20250910()`,
//! `codeExecution_*()`, and the client-run `bash_*`, `textEditor_*`, `computer_*`, `memory_*`):
//! the request's tool entries and betas, and the result blocks of the tools Anthropic runs, as
//! `@ai-sdk/anthropic` 2 sends and reads them.
use crate::ids::generate_id;
use crate::parts::{ModelPart, Source};
use crate::types::ToolDefinition;
use serde_json::{json, Map, Value};

/// `server_tool_use` names the decoder follows (others are skipped, as the AI SDK does).
pub(crate) fn is_server_tool(name: &str) -> bool {
    matches!(
        name,
        "web_fetch"
            | "web_search"
            | "code_execution"
            | "text_editor_code_execution"
            | "bash_code_execution"
    )
}

/// Code execution 20250825's sub-tools are the `code_execution` tool to the app.
pub(crate) fn app_tool_name(name: &str) -> &str {
    match name {
        "text_editor_code_execution" | "bash_code_execution" => "code_execution",
        other => other,
    }
}

fn arg<'a>(tool: &'a ToolDefinition, key: &str) -> Option<&'a Value> {
    tool.args.as_ref()?.get(key).filter(|v| !v.is_null())
}

/// `{ type, name }` plus the args under their wire names.
fn entry(kind: &str, name: Option<&str>, tool: &ToolDefinition, args: &[(&str, &str)]) -> Value {
    let mut e = Map::new();
    if let Some(name) = name {
        e.insert("name".into(), json!(name));
    }
    e.insert("type".into(), json!(kind));
    for (wire, key) in args {
        if let Some(v) = arg(tool, key) {
            e.insert((*wire).into(), v.clone());
        }
    }
    Value::Object(e)
}

/// The `tools` entry of a provider-defined tool and the beta it needs; `None`: not an Anthropic tool.
pub(crate) fn request_entry(tool: &ToolDefinition) -> Option<(Value, Option<&'static str>)> {
    let kind = tool.id.as_deref()?.strip_prefix("anthropic.")?;
    let named =
        |name: &str, beta: Option<&'static str>| Some((entry(kind, Some(name), tool, &[]), beta));
    match kind {
        "web_search_20250305" => {
            let mut e = json!({ "type": kind, "name": "web_search" });
            for (wire, key) in [
                ("max_uses", "maxUses"),
                ("allowed_domains", "allowedDomains"),
                ("blocked_domains", "blockedDomains"),
                ("user_location", "userLocation"),
            ] {
                if let Some(v) = arg(tool, key) {
                    e[wire] = v.clone();
                }
            }
            Some((e, None))
        }
        "web_fetch_20250910" => {
            let mut e = json!({ "type": kind, "name": "web_fetch" });
            for (wire, key) in [
                ("max_uses", "maxUses"),
                ("allowed_domains", "allowedDomains"),
                ("blocked_domains", "blockedDomains"),
                ("citations", "citations"),
                ("max_content_tokens", "maxContentTokens"),
            ] {
                if let Some(v) = arg(tool, key) {
                    e[wire] = v.clone();
                }
            }
            Some((e, Some("web-fetch-2025-09-10")))
        }
        "code_execution_20250522" => Some((
            json!({ "type": kind, "name": "code_execution" }),
            Some("code-execution-2025-05-22"),
        )),
        "code_execution_20250825" => Some((
            json!({ "type": kind, "name": "code_execution" }),
            Some("code-execution-2025-08-25"),
        )),
        "code_execution_20260120" => {
            Some((json!({ "type": kind, "name": "code_execution" }), None))
        }
        "computer_20250124" | "computer_20241022" => {
            let beta = if kind.ends_with("20250124") {
                "computer-use-2025-01-24"
            } else {
                "computer-use-2024-10-22"
            };
            let e = entry(
                kind,
                Some("computer"),
                tool,
                &[
                    ("display_width_px", "displayWidthPx"),
                    ("display_height_px", "displayHeightPx"),
                    ("display_number", "displayNumber"),
                ],
            );
            Some((e, Some(beta)))
        }
        "text_editor_20250124" => named("str_replace_editor", Some("computer-use-2025-01-24")),
        "text_editor_20241022" => named("str_replace_editor", Some("computer-use-2024-10-22")),
        "text_editor_20250429" => named(
            "str_replace_based_edit_tool",
            Some("computer-use-2025-01-24"),
        ),
        "text_editor_20250728" => Some((
            entry(
                kind,
                Some("str_replace_based_edit_tool"),
                tool,
                &[("max_characters", "maxCharacters")],
            ),
            None,
        )),
        "bash_20250124" => named("bash", Some("computer-use-2025-01-24")),
        "bash_20241022" => named("bash", Some("computer-use-2024-10-22")),
        "memory_20250818" => named("memory", Some("context-management-2025-06-27")),
        "computer_toolset_20260801" => {
            let mut e = json!({ "type": kind });
            if let Some(Value::Object(configs)) = arg(tool, "configs") {
                let wire: Map<String, Value> = configs
                    .iter()
                    .map(|(member, c)| {
                        let c = entry_fields(
                            c,
                            &[("enabled", "enabled"), ("defer_loading", "deferLoading")],
                        );
                        (member.clone(), c)
                    })
                    .collect();
                e["configs"] = Value::Object(wire);
            }
            Some((e, None))
        }
        _ => None,
    }
}

/// The parts of a server tool's result block (`web_search_tool_result`, …): its `tool-result`
/// (with the web search's sources after it). `None`: not a result block.
pub(crate) fn result_parts(block: &Value) -> Option<Vec<ModelPart>> {
    let kind = block["type"].as_str()?;
    let id = block["tool_use_id"].as_str().unwrap_or_default().to_owned();
    let content = &block["content"];
    let error = |tool: &str, kind: &str| {
        (
            tool.to_owned(),
            json!({ "type": kind, "errorCode": content["error_code"] }),
            true,
        )
    };
    let (tool, result, is_error) = match kind {
        "web_search_tool_result" => match content.as_array() {
            Some(results) => {
                let mapped = results
                    .iter()
                    .map(|r| {
                        json!({ "url": r["url"], "title": r["title"],
                        "pageAge": r.get("page_age").cloned().unwrap_or(Value::Null),
                        "encryptedContent": r["encrypted_content"], "type": r["type"] })
                    })
                    .collect();
                let mut parts = vec![result_part(id, "web_search", Value::Array(mapped), false)];
                parts.extend(results.iter().map(|r| {
                    ModelPart::Source(Source {
                        source_type: "url",
                        id: generate_id("src"),
                        url: r["url"].as_str().map(str::to_owned),
                        media_type: None,
                        title: r["title"].as_str().map(str::to_owned),
                        filename: None,
                        provider_metadata: Some(json!({ "anthropic": {
                            "pageAge": r.get("page_age").cloned().unwrap_or(Value::Null) } })),
                    })
                }));
                return Some(parts);
            }
            None => error("web_search", "web_search_tool_result_error"),
        },
        "web_fetch_tool_result" => match content["type"].as_str() {
            Some("web_fetch_result") => {
                let doc = &content["content"];
                let mut result = json!({ "type": "web_fetch_result", "url": content["url"],
                    "retrievedAt": content["retrieved_at"],
                    "content": { "type": doc["type"], "title": doc["title"], "citations": doc["citations"],
                        "source": { "type": doc["source"]["type"], "mediaType": doc["source"]["media_type"],
                            "data": doc["source"]["data"] } } });
                drop_null(&mut result["content"], "citations");
                ("web_fetch".to_owned(), result, false)
            }
            Some("web_fetch_tool_result_error") => {
                error("web_fetch", "web_fetch_tool_result_error")
            }
            _ => return Some(Vec::new()),
        },
        "code_execution_tool_result" => match content["type"].as_str() {
            Some("code_execution_result") => {
                let result = json!({ "type": content["type"], "stdout": content["stdout"],
                    "stderr": content["stderr"], "return_code": content["return_code"] });
                ("code_execution".to_owned(), result, false)
            }
            Some("code_execution_tool_result_error") => {
                error("code_execution", "code_execution_tool_result_error")
            }
            _ => return Some(Vec::new()),
        },
        // Code execution 20250825: the content as is, errors included (the AI SDK's choice).
        "bash_code_execution_tool_result" | "text_editor_code_execution_tool_result" => {
            ("code_execution".to_owned(), content.clone(), false)
        }
        _ => return None,
    };
    Some(vec![result_part(id, &tool, result, is_error)])
}

/// Removes `key` when it is null (a field the AI SDK leaves undefined).
pub(crate) fn drop_null(object: &mut Value, key: &str) {
    if object[key].is_null() {
        object.as_object_mut().map(|o| o.remove(key));
    }
}

/// The `(wire, key)` fields of `value` that are set.
fn entry_fields(value: &Value, keys: &[(&str, &str)]) -> Value {
    let mut out = Map::new();
    for (wire, key) in keys {
        if let Some(v) = value.get(*key).filter(|v| !v.is_null()) {
            out.insert((*wire).to_owned(), v.clone());
        }
    }
    Value::Object(out)
}

fn result_part(tool_call_id: String, tool_name: &str, result: Value, is_error: bool) -> ModelPart {
    ModelPart::ToolResult {
        tool_call_id,
        tool_name: tool_name.to_owned(),
        result,
        is_error,
        provider_metadata: None,
    }
}
