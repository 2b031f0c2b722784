//! `tools` (function declarations) and `toolConfig` of the Gemini request.
use super::schema::to_openapi_schema;
use crate::error::CallError;
use crate::protocols::body::put;
use crate::types::{CallOptions, ToolChoice, ToolChoiceMode};
use serde_json::{json, Map, Value};

/// `tools` (function declarations) and `toolConfig` of the body.
pub fn prepare_tools(
    call: &CallOptions,
    options: &Value,
    body: &mut Map<String, Value>,
) -> Result<(), CallError> {
    if !call.tools.is_empty() {
        let mut declarations = Vec::with_capacity(call.tools.len());
        for t in call.function_tools() {
            let mut d = Map::new();
            d.insert("name".into(), json!(t.name));
            d.insert(
                "description".into(),
                json!(t.description.clone().unwrap_or_default()),
            );
            put(
                &mut d,
                "parameters",
                to_openapi_schema(&t.input_schema, true, &t.input_schema)?,
            );
            declarations.push(Value::Object(d));
        }
        body.insert(
            "tools".into(),
            json!([{ "functionDeclarations": declarations }]),
        );
        let config = match &call.tool_choice {
            None => None,
            Some(ToolChoice::Mode(ToolChoiceMode::Auto)) => Some(json!({ "mode": "AUTO" })),
            Some(ToolChoice::Mode(ToolChoiceMode::None)) => Some(json!({ "mode": "NONE" })),
            Some(ToolChoice::Mode(ToolChoiceMode::Required)) => Some(json!({ "mode": "ANY" })),
            Some(ToolChoice::Tool { tool_name, .. }) => {
                Some(json!({ "mode": "ANY", "allowedFunctionNames": [tool_name] }))
            }
        };
        if let Some(c) = config {
            let mut tool_config = json!({ "functionCallingConfig": c });
            if let Some(r) = options.get("retrievalConfig").filter(|r| !r.is_null()) {
                tool_config["retrievalConfig"] = r.clone();
            }
            body.insert("toolConfig".into(), tool_config);
        }
    }
    Ok(())
}
