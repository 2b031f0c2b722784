//! `tools` and `tool_choice` of the Chat Completions request (both chat models: `@ai-sdk/openai`'s
//! adds `strict` to each function).
use crate::protocols::body::put;
use crate::types::{CallOptions, ToolChoice, ToolChoiceMode};
use serde_json::{json, Map, Value};

/// `tool_choice` for a call's choice (both Chat Completions models write it alike).
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

/// `tools` and `tool_choice` of the body; `strict` goes on every function when given.
pub fn prepare_tools(call: &CallOptions, strict: Option<bool>, body: &mut Map<String, Value>) {
    if !call.tools.is_empty() {
        let tools: Vec<Value> = call
            .function_tools()
            .map(|t| {
                let mut f = Map::new();
                f.insert("name".into(), json!(t.name));
                put(&mut f, "description", t.description.as_ref());
                f.insert("parameters".into(), t.input_schema.clone());
                put(&mut f, "strict", strict);
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
