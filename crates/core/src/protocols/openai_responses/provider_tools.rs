//! OpenAI's own Responses tools (`openai.tools.webSearch()`, `fileSearch()`, `codeInterpreter()`,
//! `imageGeneration()`, `webSearchPreview()`, `localShell()`), as `@ai-sdk/openai` 2 sends them
//! and reads their output items back.
use crate::types::{CallOptions, ToolDefinition};
use serde_json::{json, Map, Value};

/// The tools whose names `tool_choice` names by type (`{ type: 'web_search' }`).
pub(crate) const BUILT_IN_CHOICES: &[&str] = &[
    "code_interpreter",
    "file_search",
    "image_generation",
    "web_search_preview",
    "web_search",
];

fn arg<'a>(tool: &'a ToolDefinition, key: &str) -> Option<&'a Value> {
    tool.args.as_ref()?.get(key).filter(|v| !v.is_null())
}

/// `{ type }` with the set args under their wire names.
fn entry(kind: &str, tool: &ToolDefinition, keys: &[(&str, &str)]) -> Map<String, Value> {
    let mut e = Map::new();
    e.insert("type".into(), json!(kind));
    for (wire, key) in keys {
        if let Some(v) = arg(tool, key) {
            e.insert((*wire).into(), v.clone());
        }
    }
    e
}

/// The fields of `value` set under `keys`, renamed.
pub(crate) fn renamed(value: &Value, keys: &[(&str, &str)]) -> Value {
    let mut out = Map::new();
    for (wire, key) in keys {
        if let Some(v) = value.get(*key).filter(|v| !v.is_null()) {
            out.insert((*wire).into(), v.clone());
        }
    }
    Value::Object(out)
}

/// The `tools` entry of a provider-defined tool (`None`: not an OpenAI tool, dropped silently
/// as the AI SDK does).
pub(crate) fn tool_entry(tool: &ToolDefinition) -> Option<Value> {
    let kind = tool.id.as_deref()?.strip_prefix("openai.")?;
    let e = match kind {
        "file_search" => {
            let mut e = entry(
                kind,
                tool,
                &[
                    ("vector_store_ids", "vectorStoreIds"),
                    ("max_num_results", "maxNumResults"),
                ],
            );
            if let Some(ranking) = arg(tool, "ranking") {
                e.insert(
                    "ranking_options".into(),
                    renamed(
                        ranking,
                        &[("ranker", "ranker"), ("score_threshold", "scoreThreshold")],
                    ),
                );
            }
            if let Some(filters) = arg(tool, "filters") {
                e.insert("filters".into(), filters.clone());
            }
            e
        }
        "local_shell" => entry(kind, tool, &[]),
        "web_search_preview" => entry(
            kind,
            tool,
            &[
                ("search_context_size", "searchContextSize"),
                ("user_location", "userLocation"),
            ],
        ),
        "web_search" => {
            let mut e = entry(kind, tool, &[]);
            if let Some(filters) = arg(tool, "filters") {
                e.insert(
                    "filters".into(),
                    renamed(
                        filters,
                        &[
                            ("allowed_domains", "allowedDomains"),
                            ("blocked_domains", "blockedDomains"),
                        ],
                    ),
                );
            }
            for (wire, key) in [
                ("external_web_access", "externalWebAccess"),
                ("search_context_size", "searchContextSize"),
                ("user_location", "userLocation"),
            ] {
                if let Some(v) = arg(tool, key) {
                    e.insert(wire.into(), v.clone());
                }
            }
            e
        }
        "code_interpreter" => {
            let container = match arg(tool, "container") {
                Some(Value::String(id)) => json!(id),
                Some(c) => renamed(
                    &json!({ "type": "auto", "fileIds": c.get("fileIds") }),
                    &[("type", "type"), ("file_ids", "fileIds")],
                ),
                None => json!({ "type": "auto" }),
            };
            let mut e = entry(kind, tool, &[]);
            e.insert("container".into(), container);
            e
        }
        // (`partialImages` is accepted and not sent, as in the AI SDK.)
        "image_generation" => {
            let mut e = entry(
                kind,
                tool,
                &[
                    ("background", "background"),
                    ("input_fidelity", "inputFidelity"),
                ],
            );
            if let Some(mask) = arg(tool, "inputImageMask") {
                e.insert(
                    "input_image_mask".into(),
                    renamed(mask, &[("file_id", "fileId"), ("image_url", "imageUrl")]),
                );
            }
            for (wire, key) in [
                ("model", "model"),
                ("size", "size"),
                ("quality", "quality"),
                ("moderation", "moderation"),
                ("output_format", "outputFormat"),
                ("output_compression", "outputCompression"),
            ] {
                if let Some(v) = arg(tool, key) {
                    e.insert(wire.into(), v.clone());
                }
            }
            e
        }
        _ => return None,
    };
    Some(Value::Object(e))
}

/// A local shell `exec` action between the app's names (`timeoutMs`) and the wire's
/// (`timeout_ms`): `to_wire` picks the direction.
pub(crate) fn local_shell_exec(action: &Value, to_wire: bool) -> Value {
    let mut exec = json!({ "type": "exec", "command": action["command"] });
    for (app, wire) in [
        ("timeoutMs", "timeout_ms"),
        ("user", "user"),
        ("workingDirectory", "working_directory"),
        ("env", "env"),
    ] {
        let (from, to) = if to_wire { (app, wire) } else { (wire, app) };
        if !action[from].is_null() {
            exec[to] = action[from].clone();
        }
    }
    exec
}

fn has_tool(call: &CallOptions, ids: &[&str]) -> bool {
    call.tools
        .iter()
        .any(|t| t.is_provider_defined() && t.id.as_deref().is_some_and(|id| ids.contains(&id)))
}

/// What `include` gains for the call's tools, in the AI SDK's order.
pub(crate) fn includes(call: &CallOptions) -> Vec<&'static str> {
    let mut out = Vec::new();
    if has_tool(call, &["openai.web_search", "openai.web_search_preview"]) {
        out.push("web_search_call.action.sources");
    }
    if has_tool(call, &["openai.code_interpreter"]) {
        out.push("code_interpreter_call.outputs");
    }
    out
}

/// The name web search calls go by: the app's key for its web search tool.
pub(crate) fn web_search_name(call: &CallOptions) -> String {
    call.tools
        .iter()
        .find(|t| {
            t.is_provider_defined()
                && matches!(
                    t.id.as_deref(),
                    Some("openai.web_search" | "openai.web_search_preview")
                )
        })
        .map_or_else(|| "web_search".to_owned(), |t| t.name.clone())
}

/// A `web_search_call`'s `action` as the tool's result (`mapWebSearchOutput`).
pub(crate) fn web_search_output(item: &Value) -> Value {
    let action = &item["action"];
    match action["type"].as_str() {
        Some("search") => {
            let mut out =
                json!({ "action": renamed(action, &[("type", "type"), ("query", "query")]) });
            if let Some(sources) = action.get("sources").filter(|s| s.is_array()) {
                let sources: Vec<Value> = sources
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|s| match s["type"].as_str() {
                        Some("api") => json!({ "type": "api", "name": s["name"] }),
                        _ => json!({ "type": "url", "url": s["url"] }),
                    })
                    .collect();
                out["sources"] = Value::Array(sources);
            }
            out
        }
        Some("open_page") => {
            let mut a = renamed(action, &[("url", "url")]);
            a["type"] = json!("openPage");
            json!({ "action": a })
        }
        Some("find_in_page") => {
            let mut a = renamed(action, &[("url", "url"), ("pattern", "pattern")]);
            a["type"] = json!("findInPage");
            json!({ "action": a })
        }
        _ => json!({}),
    }
}

/// A `file_search_call`'s result.
pub(crate) fn file_search_output(item: &Value) -> Value {
    let results = item["results"].as_array().map(|results| {
        results
            .iter()
            .map(|r| json!({ "attributes": r["attributes"], "fileId": r["file_id"], "filename": r["filename"], "score": r["score"], "text": r["text"] }))
            .collect::<Vec<_>>()
    });
    json!({ "queries": item["queries"], "results": results })
}
