//! `tools` (function declarations) and `toolConfig` of the Gemini request.
use super::model_families::uses_gemini3_features;
use super::provider_tools::provider_tools;
use super::schema::to_openapi_schema;
use crate::error::CallError;
use crate::protocols::body::put;
use crate::types::{CallOptions, ToolChoice, ToolChoiceMode};
use serde_json::{json, Map, Value};

/// `tools` (function declarations, Gemini's own tools) and `toolConfig` of the body.
pub fn prepare_tools(
    call: &CallOptions,
    model_id: &str,
    options: &Value,
    body: &mut Map<String, Value>,
    warnings: &mut Vec<Value>,
) -> Result<(), CallError> {
    let has_functions = call.function_tools().next().is_some();
    if call.tools.iter().any(|t| t.is_provider_defined()) {
        let gemini3 = uses_gemini3_features(model_id);
        if has_functions && !gemini3 {
            let names: Vec<&str> = call.function_tools().map(|t| t.name.as_str()).collect();
            let first = call.function_tools().next().expect("has functions");
            let mut tool = json!({ "type": "function", "name": first.name, "inputSchema": first.input_schema });
            put(
                tool.as_object_mut().expect("an object"),
                "description",
                first.description.as_ref(),
            );
            warnings.push(json!({ "type": "unsupported-tool", "tool": tool,
                "details": format!("Cannot mix function tools with provider-defined tools in the same request. Falling back to provider-defined tools only. The following function tools will be ignored: {}. Please use either function tools or provider-defined tools, but not both.", names.join(", ")) }));
        }
        let mut tools = provider_tools(call, model_id, warnings);
        if has_functions && gemini3 && !tools.is_empty() {
            // Gemini 3 takes both, with the server's tool invocations in the answer.
            tools.push(json!({ "functionDeclarations": function_declarations(call)? }));
            let calling =
                function_calling_config(call).unwrap_or_else(|| json!({ "mode": "VALIDATED" }));
            let calling = if calling["mode"] == "AUTO" {
                json!({ "mode": "VALIDATED" })
            } else {
                calling
            };
            body.insert("tools".into(), Value::Array(tools));
            body.insert(
                "toolConfig".into(),
                json!({ "functionCallingConfig": calling, "includeServerSideToolInvocations": true }),
            );
        } else if !tools.is_empty() {
            body.insert("tools".into(), Value::Array(tools));
        }
        return Ok(());
    }
    if !call.tools.is_empty() {
        body.insert(
            "tools".into(),
            json!([{ "functionDeclarations": function_declarations(call)? }]),
        );
        if let Some(c) = function_calling_config(call) {
            let mut tool_config = json!({ "functionCallingConfig": c });
            if let Some(r) = options.get("retrievalConfig").filter(|r| !r.is_null()) {
                tool_config["retrievalConfig"] = r.clone();
            }
            body.insert("toolConfig".into(), tool_config);
        }
    }
    Ok(())
}

fn function_declarations(call: &CallOptions) -> Result<Vec<Value>, CallError> {
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
    Ok(declarations)
}

/// `functionCallingConfig` for the call's tool choice (none without one).
fn function_calling_config(call: &CallOptions) -> Option<Value> {
    Some(match call.tool_choice.as_ref()? {
        ToolChoice::Mode(ToolChoiceMode::Auto) => json!({ "mode": "AUTO" }),
        ToolChoice::Mode(ToolChoiceMode::None) => json!({ "mode": "NONE" }),
        ToolChoice::Mode(ToolChoiceMode::Required) => json!({ "mode": "ANY" }),
        ToolChoice::Tool { tool_name, .. } => {
            json!({ "mode": "ANY", "allowedFunctionNames": [tool_name] })
        }
    })
}
