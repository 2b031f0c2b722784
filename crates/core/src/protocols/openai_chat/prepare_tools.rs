//! `tools` and `tool_choice` of the Chat Completions request.
use crate::protocols::body::put;
use crate::types::{CallOptions, ToolChoice, ToolChoiceMode};
use serde_json::{json, Map, Value};

fn tool_choice(choice: &ToolChoice) -> Value {
    match choice {
        ToolChoice::Mode(ToolChoiceMode::Auto) => json!("auto"),
        ToolChoice::Mode(ToolChoiceMode::None) => json!("none"),
        ToolChoice::Mode(ToolChoiceMode::Required) => json!("required"),
        ToolChoice::Tool { tool_name, .. } => {
            json!({ "type": "function", "function": { "name": tool_name } })
        }
    }
}

/// `tools` and `tool_choice` of the body.
pub fn prepare_tools(call: &CallOptions, body: &mut Map<String, Value>) {
    if !call.tools.is_empty() {
        let tools: Vec<Value> = call
            .tools
            .iter()
            .map(|t| {
                let mut f = Map::new();
                f.insert("name".into(), json!(t.name));
                put(&mut f, "description", t.description.as_ref());
                f.insert("parameters".into(), t.input_schema.clone());
                json!({ "type": "function", "function": f })
            })
            .collect();
        body.insert("tools".into(), Value::Array(tools));
        put(
            body,
            "tool_choice",
            call.tool_choice.as_ref().map(tool_choice),
        );
    }
}
