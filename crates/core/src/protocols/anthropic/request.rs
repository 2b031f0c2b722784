//! The Messages request: settings and their warnings, thinking, betas, tools, headers.
use super::cache_control::CacheBreakpoints;
use super::capabilities::capabilities;
use super::convert_messages::convert_messages;
use super::json_response_tool::{json_tool, json_tool_name};
use super::prepare_tools::{prepare_tools, ToolOffer};
use crate::error::CallError;
use crate::protocols::body::{put, unsupported_setting};
use crate::protocols::protocol::{Echo, ProtocolRequest, SegmentedField};
use crate::protocols::target::Target;
use crate::types::{CallOptions, ModelMessage, ToolChoice, ToolChoiceMode, ToolChoiceToolTag};
use serde_json::{json, Map, Value};

pub const API_VERSION: &str = "2023-06-01";

fn beta_set(value: Option<&str>, into: &mut Vec<String>) {
    for beta in value.unwrap_or_default().to_lowercase().split(',') {
        let beta = beta.trim();
        if !beta.is_empty() && !into.iter().any(|b| b == beta) {
            into.push(beta.to_owned());
        }
    }
}

/// Builds the streaming Messages request for `messages` (already standardized) and `call`.
pub fn build_request(
    model: &Target,
    messages: &[ModelMessage],
    call: &CallOptions,
) -> Result<ProtocolRequest, CallError> {
    let mut warnings = Vec::new();
    for (set, name) in [
        (call.frequency_penalty.is_some(), "frequencyPenalty"),
        (call.presence_penalty.is_some(), "presencePenalty"),
        (call.seed.is_some(), "seed"),
    ] {
        if set {
            warnings.push(unsupported_setting(name));
        }
    }
    let mut temperature = call.temperature;
    if let Some(t) = temperature {
        if t > 1.0 {
            warnings.push(
                json!({ "type": "unsupported-setting", "setting": "temperature",
                "details": format!("{t} exceeds anthropic maximum of 1.0. clamped to 1.0") }),
            );
            temperature = Some(1.0);
        } else if t < 0.0 {
            warnings.push(
                json!({ "type": "unsupported-setting", "setting": "temperature",
                "details": format!("{t} is below anthropic minimum of 0. clamped to 0") }),
            );
            temperature = Some(0.0);
        }
    }
    let options = call
        .provider_options
        .get("anthropic")
        .cloned()
        .unwrap_or(Value::Null);
    let caps = capabilities(&model.model_id);
    if !caps.known && call.max_output_tokens.is_none() {
        warnings.push(json!({ "type": "other", "message": format!(
            "The model \"{}\" is unknown. The max output tokens have been limited to {}. Set maxOutputTokens explicitly to override this limit.",
            model.model_id, caps.max_output_tokens) }));
    }
    let (mut top_k, mut top_p) = (call.top_k, call.top_p);
    if caps.rejects_sampling {
        for (value, setting) in [
            (&mut temperature, "temperature"),
            (&mut top_k, "topK"),
            (&mut top_p, "topP"),
        ] {
            if value.take().is_some() {
                warnings.push(json!({ "type": "unsupported-setting", "setting": setting,
                    "details": format!("{setting} is not supported by {} and will be ignored", model.model_id) }));
            }
        }
    }

    let mut cache = CacheBreakpoints::default();
    // `sendReasoning: false` leaves the assistant's reasoning out of the prompt (with a warning).
    let send_reasoning = options.get("sendReasoning").and_then(Value::as_bool) != Some(false);
    let converted = convert_messages(
        messages,
        &call.message_keys,
        &mut cache,
        &mut warnings,
        send_reasoning,
    )?;

    let mut thinking = options.get("thinking").filter(|t| t.is_object()).cloned();
    if caps.rejects_budget_thinking && thinking.as_ref().is_some_and(|t| t["type"] == "enabled") {
        warnings.push(json!({ "type": "unsupported-setting", "setting": "providerOptions.anthropic.thinking",
            "details": format!("budget-based thinking is not supported by {}. Using adaptive thinking instead. Use 'effort' to control how much the model thinks.", model.model_id) }));
        thinking = Some(json!({ "type": "adaptive" }));
    }
    let thinking_type = thinking
        .as_ref()
        .and_then(|t| t["type"].as_str())
        .map(str::to_owned);
    let is_thinking = matches!(
        thinking_type.as_deref(),
        Some("enabled" | "adaptive" | "between_tools")
    );
    let mut budget = thinking.as_ref().and_then(|t| t["budgetTokens"].as_u64());
    let max_tokens = call.max_output_tokens.unwrap_or(caps.max_output_tokens);

    let mut body = Map::new();
    body.insert("model".into(), json!(model.model_id));
    body.insert("max_tokens".into(), json!(max_tokens));
    put(&mut body, "temperature", temperature);
    put(&mut body, "top_k", top_k);
    put(&mut body, "top_p", top_p);
    put(&mut body, "stop_sequences", call.stop_sequences.as_ref());
    if is_thinking {
        let mut t = Map::new();
        put(&mut t, "type", thinking_type.as_deref());
        put(&mut t, "budget_tokens", budget);
        put(
            &mut t,
            "display",
            thinking.as_ref().and_then(|t| t.get("display")),
        );
        body.insert("thinking".into(), Value::Object(t));
    }
    // Betas the request needs, then the app's own (provider headers, call headers).
    let mut betas: Vec<String> = converted.betas.clone();
    if let Some(effort) = options.get("effort").filter(|e| !e.is_null()) {
        body.insert("output_config".into(), json!({ "effort": effort }));
        beta_set(Some("effort-2025-11-24"), &mut betas);
    }
    put(
        &mut body,
        "cache_control",
        options.get("cacheControl").filter(|c| !c.is_null()),
    );
    if let Some(user) = options
        .get("metadata")
        .and_then(|m| m.get("userId"))
        .filter(|u| !u.is_null())
    {
        body.insert("metadata".into(), json!({ "user_id": user }));
    }
    put(&mut body, "system", converted.system);
    // The turns go out as wire text (user turns partly from kept segments); `null` holds their place.
    let messages_wire = converted.messages;
    body.insert("messages".into(), Value::Null);

    if is_thinking {
        if thinking_type.as_deref() == Some("enabled") && budget.is_none() {
            warnings.push(json!({ "type": "other",
                "message": "thinking budget is required when thinking is enabled. using default budget of 1024 tokens." }));
            body.insert(
                "thinking".into(),
                json!({ "type": "enabled", "budget_tokens": 1024 }),
            );
            budget = Some(1024);
        }
        for (key, setting) in [
            ("temperature", "temperature"),
            ("top_k", "topK"),
            ("top_p", "topP"),
        ] {
            if body.remove(key).is_some() {
                warnings.push(json!({ "type": "unsupported-setting", "setting": setting,
                    "details": format!("{setting} is not supported when thinking is enabled") }));
            }
        }
        body.insert("max_tokens".into(), json!(max_tokens + budget.unwrap_or(0)));
    }
    let total = body["max_tokens"].as_u64().unwrap_or(max_tokens);
    if caps.known && total > caps.max_output_tokens {
        if call.max_output_tokens.is_some() {
            warnings.push(json!({ "type": "unsupported-setting", "setting": "maxOutputTokens",
                "details": format!("{total} (maxOutputTokens + thinkingBudget) is greater than {} {} max output tokens. The max output tokens have been limited to {}.",
                    model.model_id, caps.max_output_tokens, caps.max_output_tokens) }));
        }
        body.insert("max_tokens".into(), json!(caps.max_output_tokens));
    }

    let disable_parallel = options
        .get("disableParallelToolUse")
        .and_then(Value::as_bool);
    if call
        .json_format()
        .is_some_and(|(schema, ..)| schema.is_none())
    {
        warnings.push(
            json!({ "type": "unsupported-setting", "setting": "responseFormat",
            "details": "JSON response format requires a schema. The response format is ignored." }),
        );
    }
    let json_tool = json_tool_name(call).and_then(|name| json_tool(call, name));
    let offer = match &json_tool {
        // The answer is the JSON tool's input: the model must call a tool, one at a time.
        Some(tool) => {
            if disable_parallel == Some(false) {
                warnings.push(json!({ "type": "unsupported-setting", "setting": "providerOptions",
                    "details": "`disableParallelToolUse: false` is ignored when using the JSON response tool. Parallel tool use is disabled to ensure a single coherent JSON tool call." }));
            }
            let mut tools: Vec<_> = call
                .tools
                .iter()
                .filter(|t| match &call.tool_choice {
                    Some(ToolChoice::Mode(ToolChoiceMode::None)) => false,
                    Some(ToolChoice::Tool { tool_name, .. }) => t.name == *tool_name,
                    _ => true,
                })
                .collect();
            tools.push(tool);
            let choice = if call.tools.is_empty() {
                ToolChoice::Tool {
                    kind: ToolChoiceToolTag::Tool,
                    tool_name: tool.name.clone(),
                }
            } else {
                ToolChoice::Mode(ToolChoiceMode::Required)
            };
            ToolOffer {
                tools,
                choice: Some(choice),
                disable_parallel: Some(true),
            }
        }
        None => ToolOffer {
            tools: call.tools.iter().collect(),
            choice: call.tool_choice.clone(),
            disable_parallel,
        },
    };
    let mut tool_betas = Vec::new();
    prepare_tools(offer, &mut cache, &mut body, &mut tool_betas, &mut warnings)?;
    for beta in tool_betas {
        beta_set(Some(beta), &mut betas);
    }
    warnings.append(&mut cache.warnings);
    body.insert("stream".into(), json!(true));
    let header = |headers: &[(String, String)]| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("anthropic-beta"))
            .map(|(_, v)| v.clone())
    };
    beta_set(header(&model.headers).as_deref(), &mut betas);
    beta_set(
        call.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("anthropic-beta"))
            .and_then(|(_, v)| v.as_str()),
        &mut betas,
    );

    // Claude subscription tokens are accepted only with their betas (`oauth-2025-04-20` and the
    // set Claude Code sends; configurable in the credential layer).
    for beta in model.backend().map_or(&[][..], |b| &b.betas) {
        beta_set(Some(beta), &mut betas);
    }
    let mut headers = vec![("anthropic-version".to_owned(), API_VERSION.to_owned())];
    headers.extend(model.auth_headers("x-api-key", ""));
    if !betas.is_empty() {
        headers.push(("anthropic-beta".to_owned(), betas.join(",")));
    }
    Ok(ProtocolRequest {
        url: format!("{}/messages", model.base_url),
        headers,
        body: Value::Object(body),
        warnings,
        echo: Echo::Body,
        messages_wire: Some(SegmentedField::new("messages", messages_wire)),
    })
}
