//! A JSON answer from Claude as the AI SDK asks for it: a tool the model must call (`json`,
//! or `json_1`, … when the app has a tool of that name) whose input is the answer; the stream
//! turns that tool's input into text (`stream.rs`).
use crate::types::{CallOptions, ToolDefinition};

/// The JSON tool's name for `call`, when the call asks for JSON with a schema.
pub(crate) fn json_tool_name(call: &CallOptions) -> Option<String> {
    call.json_format()?.0?;
    let taken = |name: &str| call.tools.iter().any(|t| t.name == name);
    let mut name = "json".to_owned();
    let mut suffix = 1;
    while taken(&name) {
        name = format!("json_{suffix}");
        suffix += 1;
    }
    Some(name)
}

/// The tool itself.
pub(crate) fn json_tool(call: &CallOptions, name: String) -> Option<ToolDefinition> {
    let schema = call.json_format()?.0?;
    Some(ToolDefinition {
        name,
        description: Some("Respond with a JSON object.".into()),
        input_schema: schema.clone(),
        provider_options: None,
        kind: None,
        id: None,
        args: None,
    })
}
