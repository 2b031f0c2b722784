//! The Responses request: reasoning models (developer role, no sampling parameters), service
//! tiers, provider options, input, tools, headers.
use super::chatgpt_backend;
use super::convert_input::{convert_input, input_segments, InputRules};
use super::prepare_tools::prepare_tools;
use super::provider_tools::includes;
use crate::credential::Login;
use crate::error::CallError;
use crate::protocols::body::{put, unsupported_setting};
use crate::protocols::copilot_headers::copilot_request_headers;
use crate::protocols::openai_model_capabilities::capabilities;
use crate::protocols::protocol::{Echo, ProtocolRequest, SegmentedField};
use crate::protocols::target::Target;
use crate::types::{CallOptions, ModelMessage};
use serde_json::{json, Map, Value};

/// Builds the streaming Responses request for `messages` and `call`.
pub fn build_request(
    model: &Target,
    messages: &[ModelMessage],
    call: &CallOptions,
) -> Result<ProtocolRequest, CallError> {
    let mut warnings = Vec::new();
    let caps = capabilities(&model.model_id);
    for (set, name) in [
        (call.top_k.is_some(), "topK"),
        (call.seed.is_some(), "seed"),
        (call.presence_penalty.is_some(), "presencePenalty"),
        (call.frequency_penalty.is_some(), "frequencyPenalty"),
        (call.stop_sequences.is_some(), "stopSequences"),
    ] {
        if set {
            warnings.push(unsupported_setting(name));
        }
    }
    let options = call
        .provider_options
        .get("openai")
        .cloned()
        .unwrap_or(Value::Null);
    let opt = |key: &str| options.get(key).filter(|v| !v.is_null()).cloned();
    let store = opt("store");
    // A ChatGPT login's requests go to its subscription backend, which stores nothing.
    let chatgpt = model
        .backend()
        .filter(|_| model.login() == Some(Login::OpenAi));
    let stored = chatgpt.is_none() && store.as_ref().and_then(Value::as_bool).unwrap_or(true);
    let local_shell = call
        .tools
        .iter()
        .any(|t| t.id.as_deref() == Some("openai.local_shell"));
    let rules = InputRules {
        developer_role: caps.reasoning,
        store: stored,
        local_shell,
    };
    // The input goes out as wire text assembled from kept segments (`null` holds its place), but
    // as values for the ChatGPT backend, whose rules rewrite the items.
    let (input, input_wire) = match chatgpt {
        Some(_) => (
            Value::Array(convert_input(messages, rules, &mut warnings)?),
            None,
        ),
        None => {
            let segments = input_segments(messages, &call.message_keys, rules, &mut warnings)?;
            (Value::Null, Some(SegmentedField::new("input", segments)))
        }
    };

    let mut include: Option<Vec<Value>> = opt("include").and_then(|v| v.as_array().cloned());
    let mut additions = includes(call);
    if store == Some(json!(false)) && caps.reasoning {
        additions.push("reasoning.encrypted_content");
    }
    for key in additions {
        let list = include.get_or_insert_with(Vec::new);
        if !list.contains(&json!(key)) {
            list.push(json!(key));
        }
    }

    let mut body = Map::new();
    body.insert("model".into(), json!(model.model_id));
    body.insert("input".into(), input);
    put(&mut body, "temperature", call.temperature);
    put(&mut body, "top_p", call.top_p);
    put(&mut body, "max_output_tokens", call.max_output_tokens);
    let strict = opt("strictJsonSchema")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let mut text = Map::new();
    if let Some((schema, name, description)) = call.json_format() {
        let format = match schema {
            Some(schema) => {
                let mut f = Map::new();
                f.insert("type".into(), json!("json_schema"));
                f.insert("strict".into(), json!(strict));
                f.insert("name".into(), json!(name.unwrap_or("response")));
                put(&mut f, "description", description);
                f.insert("schema".into(), schema.clone());
                Value::Object(f)
            }
            None => json!({ "type": "json_object" }),
        };
        text.insert("format".into(), format);
    }
    put(&mut text, "verbosity", opt("textVerbosity"));
    if !text.is_empty() {
        body.insert("text".into(), Value::Object(text));
    }
    for (key, option) in [
        ("conversation", "conversation"),
        ("max_tool_calls", "maxToolCalls"),
        ("metadata", "metadata"),
        ("parallel_tool_calls", "parallelToolCalls"),
        ("previous_response_id", "previousResponseId"),
        ("store", "store"),
        ("user", "user"),
        ("instructions", "instructions"),
        ("service_tier", "serviceTier"),
    ] {
        put(&mut body, key, opt(option));
    }
    put(&mut body, "include", include);
    for (key, option) in [
        ("prompt_cache_key", "promptCacheKey"),
        ("prompt_cache_options", "promptCacheOptions"),
        ("prompt_cache_retention", "promptCacheRetention"),
        ("safety_identifier", "safetyIdentifier"),
        ("truncation", "truncation"),
    ] {
        put(&mut body, key, opt(option));
    }
    let reasoning_keys = [
        ("effort", "reasoningEffort"),
        ("summary", "reasoningSummary"),
        ("mode", "reasoningMode"),
        ("context", "reasoningContext"),
    ];
    if caps.reasoning {
        let mut reasoning = Map::new();
        for (key, option) in reasoning_keys {
            put(&mut reasoning, key, opt(option));
        }
        if !reasoning.is_empty() {
            body.insert("reasoning".into(), Value::Object(reasoning));
        }
        let keeps_sampling =
            opt("reasoningEffort") == Some(json!("none")) && caps.supports_non_reasoning_parameters;
        if !keeps_sampling {
            for (key, setting) in [("temperature", "temperature"), ("top_p", "topP")] {
                if body.remove(key).is_some() {
                    warnings.push(json!({ "type": "unsupported-setting", "setting": setting,
                        "details": format!("{setting} is not supported for reasoning models") }));
                }
            }
        }
    } else {
        for (_, option) in reasoning_keys {
            if opt(option).is_some() {
                warnings.push(json!({ "type": "unsupported-setting", "setting": option,
                    "details": format!("{option} is not supported for non-reasoning models") }));
            }
        }
    }
    match opt("serviceTier").as_ref().and_then(Value::as_str) {
        Some("flex") if !caps.supports_flex => {
            warnings.push(
                json!({ "type": "unsupported-setting", "setting": "serviceTier",
                "details": "flex processing is only available for o3, o4-mini, and gpt-5 models" }),
            );
            body.remove("service_tier");
        }
        Some("priority") if !caps.supports_priority => {
            warnings.push(json!({ "type": "unsupported-setting", "setting": "serviceTier",
                "details": "priority processing is only available for supported models (gpt-4, gpt-5, gpt-5-mini, o3, o4-mini) and requires Enterprise access. gpt-5-nano is not supported" }));
            body.remove("service_tier");
        }
        _ => {}
    }
    prepare_tools(call, strict, &mut body);
    if let Some(backend) = chatgpt {
        chatgpt_backend::adapt(&mut body, backend, &mut warnings);
    }
    body.insert("stream".into(), json!(true));

    let mut headers = model.auth_headers("authorization", "Bearer ");
    headers.extend(copilot_request_headers(model, messages));
    Ok(ProtocolRequest {
        url: model.url("responses"),
        headers,
        body: Value::Object(body),
        warnings,
        // The AI SDK reports the body without `stream`, which it adds when sending.
        echo: Echo::WithoutStream,
        messages_wire: input_wire,
    })
}
