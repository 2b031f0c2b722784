//! `tools` and `tool_choice` of the Responses request.
use super::provider_tools::{tool_entry, BUILT_IN_CHOICES};
use crate::protocols::body::put;
use crate::types::{CallOptions, ToolChoice, ToolChoiceMode};
use serde_json::{json, Map, Value};

/// `tools` (with `strict`) and `tool_choice` of the body.
pub fn prepare_tools(call: &CallOptions, strict: bool, body: &mut Map<String, Value>) {
    if !call.tools.is_empty() {
        let tools: Vec<Value> = call
            .tools
            .iter()
            .filter_map(|t| {
                if t.is_provider_defined() {
                    return tool_entry(t);
                }
                let mut tool = Map::new();
                tool.insert("type".into(), json!("function"));
                tool.insert("name".into(), json!(t.name));
                put(&mut tool, "description", t.description.as_ref());
                tool.insert("parameters".into(), t.input_schema.clone());
                tool.insert("strict".into(), json!(strict));
                Some(Value::Object(tool))
            })
            .collect();
        body.insert("tools".into(), Value::Array(tools));
        let choice = call.tool_choice.as_ref().map(|c| match c {
            ToolChoice::Mode(ToolChoiceMode::Auto) => json!("auto"),
            ToolChoice::Mode(ToolChoiceMode::None) => json!("none"),
            ToolChoice::Mode(ToolChoiceMode::Required) => json!("required"),
            ToolChoice::Tool { tool_name, .. }
                if BUILT_IN_CHOICES.contains(&tool_name.as_str()) =>
            {
                json!({ "type": tool_name })
            }
            ToolChoice::Tool { tool_name, .. } => {
                json!({ "type": "function", "name": tool_name })
            }
        });
        put(body, "tool_choice", choice);
    }
}
