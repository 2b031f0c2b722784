//! Helpers for building request bodies the way the AI SDK writes them.
use serde_json::Value;

/// Inserts `key: value` into a JSON object body when the value is present. Whole floats are
/// written as integers (`4`, not `4.0`), as JavaScript does, so bodies match the AI SDK's.
pub fn put<T: serde::Serialize>(
    body: &mut serde_json::Map<String, Value>,
    key: &str,
    value: Option<T>,
) {
    let Some(Ok(v)) = value.map(serde_json::to_value) else {
        return;
    };
    let v = match v.as_f64() {
        Some(f) if v.is_f64() && f.fract() == 0.0 && f.abs() < 9e15 => Value::from(f as i64),
        _ => v,
    };
    body.insert(key.to_owned(), v);
}

/// `unsupported-setting` warning, as the AI SDK reports settings a provider ignores.
pub fn unsupported_setting(setting: &str) -> Value {
    serde_json::json!({ "type": "unsupported-setting", "setting": setting })
}

/// `unsupported-tool` warnings for the provider-defined tools of `call`, which a protocol that
/// has none of its own drops (as the AI SDK's provider packages do).
pub fn unsupported_provider_tools(call: &crate::types::CallOptions) -> Vec<Value> {
    call.tools
        .iter()
        .filter(|t| t.is_provider_defined())
        .map(unsupported_tool)
        .collect()
}

/// The `unsupported-tool` warning for a provider-defined tool, as the AI SDK writes it.
pub fn unsupported_tool(tool: &crate::types::ToolDefinition) -> Value {
    serde_json::json!({ "type": "unsupported-tool", "tool": {
        "type": "provider-defined", "name": tool.name, "id": tool.id, "args": tool.args } })
}
