//! `tools` and `tool_choice` of the Messages request.
use serde_json::{json, Map, Value};

use crate::error::CallError;
use crate::protocols::body::put;
use crate::types::{ToolChoice, ToolChoiceMode, ToolDefinition};

use super::cache_control::CacheBreakpoints;
use super::server_tools::request_entry;
use crate::protocols::body::unsupported_tool;

/// The tools a request offers and how the model must use them.
pub(crate) struct ToolOffer<'a> {
    pub tools: Vec<&'a ToolDefinition>,
    pub choice: Option<ToolChoice>,
    pub disable_parallel: Option<bool>,
}

/// `tools` and `tool_choice` of the body (tool choice `none` sends no tools at all, as the AI
/// SDK does); each tool may carry a cache breakpoint. Anthropic's own tools go under their wire
/// types, their betas into `betas`; a provider-defined tool of another provider is a warning.
pub(crate) fn prepare_tools(
    offer: ToolOffer,
    cache: &mut CacheBreakpoints,
    body: &mut Map<String, Value>,
    betas: &mut Vec<&'static str>,
    warnings: &mut Vec<Value>,
) -> Result<(), CallError> {
    let ToolOffer {
        tools: offered,
        choice: tool_choice,
        disable_parallel,
    } = offer;
    let none = matches!(tool_choice, Some(ToolChoice::Mode(ToolChoiceMode::None)));
    if !offered.is_empty() && !none {
        let mut tools = Vec::with_capacity(offered.len());
        for t in offered {
            if t.is_provider_defined() {
                match request_entry(t) {
                    Some((entry, beta)) => {
                        tools.push(entry);
                        betas.extend(beta);
                    }
                    None => warnings.push(unsupported_tool(t)),
                }
                continue;
            }
            let mut tool = Map::new();
            tool.insert("name".into(), json!(t.name));
            put(&mut tool, "description", t.description.as_ref());
            tool.insert("input_schema".into(), t.input_schema.clone());
            put(
                &mut tool,
                "cache_control",
                cache.get(t.provider_options.as_ref())?,
            );
            tools.push(Value::Object(tool));
        }
        body.insert("tools".into(), Value::Array(tools));
        let mut choice = match &tool_choice {
            None => disable_parallel.map(|_| json!({ "type": "auto" })),
            Some(ToolChoice::Mode(ToolChoiceMode::Auto)) => Some(json!({ "type": "auto" })),
            Some(ToolChoice::Mode(ToolChoiceMode::Required)) => Some(json!({ "type": "any" })),
            Some(ToolChoice::Tool { tool_name, .. }) => {
                Some(json!({ "type": "tool", "name": tool_name }))
            }
            Some(ToolChoice::Mode(ToolChoiceMode::None)) => None,
        };
        if let (Some(c), Some(d)) = (choice.as_mut(), disable_parallel) {
            c["disable_parallel_tool_use"] = json!(d);
        }
        put(body, "tool_choice", choice);
    }
    Ok(())
}
