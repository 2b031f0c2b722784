//! Gemini's own tools (`google.tools.googleSearch()`, `urlContext()`, `codeExecution()`, …) as
//! `@ai-sdk/google`'s `prepareTools` sends them, with its warnings for a tool the model lacks.
use super::model_families::{is_gemini, is_gemini_version, model_name, uses_gemini3_features};
use crate::protocols::body::unsupported_tool;
use crate::types::{CallOptions, ToolDefinition};
use serde_json::{json, Map, Value};

/// Gemini 2 or newer (the AI SDK's `supportsGemini2Tools`).
fn supports_gemini2_tools(model_id: &str) -> bool {
    let name = model_name(model_id);
    let pre_gemini2 = is_gemini_version(model_id, "1")
        || name == "gemini-pro"
        || name == "gemini-pro-vision"
        || is_gemini_version(model_id, "robotics-er-1.5");
    (is_gemini(model_id) && !pre_gemini2) || name.contains("nano-banana")
}

/// The `unsupported-tool` warning, with why when the model is too old for the tool.
fn unsupported(tool: &ToolDefinition, details: Option<&str>) -> Value {
    let mut warning = unsupported_tool(tool);
    if let Some(d) = details {
        warning["details"] = json!(d);
    }
    warning
}

fn args(tool: &ToolDefinition) -> Value {
    match &tool.args {
        Some(Value::Object(a)) => Value::Object(a.clone()),
        _ => Value::Object(Map::new()),
    }
}

/// The `tools` entries of the provider-defined tools of `call`; the rest become warnings.
pub(crate) fn provider_tools(
    call: &CallOptions,
    model_id: &str,
    warnings: &mut Vec<Value>,
) -> Vec<Value> {
    let gemini2 = supports_gemini2_tools(model_id);
    let file_search = is_gemini_version(model_id, "2.5") || uses_gemini3_features(model_id);
    let mut out = Vec::new();
    for tool in call.tools.iter().filter(|t| t.is_provider_defined()) {
        let (entry, supported, details) = match tool.id.as_deref().unwrap_or_default() {
            "google.google_search" => (json!({ "googleSearch": args(tool) }), gemini2, "Google Search requires Gemini 2.0 or newer."),
            "google.enterprise_web_search" => (json!({ "enterpriseWebSearch": {} }), gemini2, "Enterprise Web Search requires Gemini 2.0 or newer."),
            "google.url_context" => (json!({ "urlContext": {} }), gemini2, "The URL context tool is not supported with other Gemini models than Gemini 2."),
            "google.code_execution" => (json!({ "codeExecution": {} }), gemini2, "The code execution tools is not supported with other Gemini models than Gemini 2."),
            "google.file_search" => (json!({ "fileSearch": args(tool) }), file_search, "The file search tool is only supported with Gemini 2.5 models."),
            "google.google_maps" => (json!({ "googleMaps": {} }), gemini2, "The Google Maps grounding tool is not supported with Gemini models other than Gemini 2 or newer."),
            _ => {
                warnings.push(unsupported(tool, None));
                continue;
            }
        };
        if supported {
            out.push(entry);
        } else {
            warnings.push(unsupported(tool, Some(details)));
        }
    }
    out
}
