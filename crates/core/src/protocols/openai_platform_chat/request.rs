//! The request `OpenAIChatLanguageModel.getArgs` builds: the API's own option names, reasoning
//! models without sampling settings (warned) and with `max_completion_tokens`, service tiers the
//! model supports, JSON schemas strict only when asked.
use super::convert_messages::{convert_message, SystemMode};
use super::options::{ChatOptions, Logprobs};
use crate::credential::Login;
use crate::error::CallError;
use crate::protocols::body::{put, unsupported_provider_tools, unsupported_setting};
use crate::protocols::message_segments::message_array;
use crate::protocols::openai_chat::prepare_tools::prepare_tools;
use crate::protocols::openai_chat::request::{response_format, unused_schema_warning};
use crate::protocols::openai_model_capabilities::capabilities;
use crate::protocols::protocol::{Echo, ProtocolRequest, SegmentedField};
use crate::protocols::target::Target;
use crate::types::{CallOptions, ModelMessage};
use serde_json::{json, Map, Value};

fn setting_warning(setting: &str, details: &str) -> Value {
    json!({ "type": "unsupported-setting", "setting": setting, "details": details })
}

fn other_warning(message: &str) -> Value {
    json!({ "type": "other", "message": message })
}

/// Builds the streaming request for `messages` and `call`.
pub fn build_request(
    model: &Target,
    messages: &[ModelMessage],
    call: &CallOptions,
) -> Result<ProtocolRequest, CallError> {
    if model.login() == Some(Login::OpenAi) {
        return Err(CallError::UnsupportedFunctionality(
            "Chat Completions with a ChatGPT login (its subscription backend serves the Responses API: use openai(id) or openai.responses(id))".into(),
        ));
    }
    let options = ChatOptions::parse(&call.provider_options)?;
    let caps = capabilities(&model.model_id);
    let structured = options.structured_outputs.unwrap_or(true);
    let strict = options.strict_json_schema.unwrap_or(false);
    let mut warnings = Vec::new();
    if call.top_k.is_some() {
        warnings.push(unsupported_setting("topK"));
    }
    warnings.extend(unused_schema_warning(call, structured));
    let system_mode = if caps.reasoning {
        SystemMode::Developer
    } else {
        SystemMode::System
    };
    // The messages go out as wire text assembled from kept segments; `null` holds their place.
    let context = format!("openai-platform-chat:{}", system_mode.role());
    let messages_wire = message_array(&context, messages, &call.message_keys, |_, m| {
        convert_message(m, system_mode).map(Into::into)
    })?;

    let mut reasoning_effort = options.reasoning_effort.clone();
    if let (Some(effort), Some(supported)) = (&reasoning_effort, caps.supported_reasoning_efforts) {
        if !supported.contains(&effort.as_str()) {
            warnings.push(setting_warning(
                "reasoningEffort",
                &format!(
                    "{} only supports the following reasoning efforts: {}",
                    model.model_id,
                    supported.join(", ")
                ),
            ));
            reasoning_effort = None;
        }
    }
    let mut logprobs = match options.logprobs {
        Some(Logprobs::On(true) | Logprobs::Top(_)) => Some(true),
        _ => None,
    };
    let mut top_logprobs = match options.logprobs {
        Some(Logprobs::Top(n)) => Some(n),
        Some(Logprobs::On(true)) => Some(0.0),
        _ => None,
    };
    let mut logit_bias = options.logit_bias.clone();
    let mut max_tokens = call.max_output_tokens;
    let mut max_completion_tokens = options.max_completion_tokens;
    let mut temperature = call.temperature;
    let mut top_p = call.top_p;
    let mut frequency_penalty = call.frequency_penalty;
    let mut presence_penalty = call.presence_penalty;
    let mut cache_retention = options.prompt_cache_retention.clone();
    if caps.supported_reasoning_efforts.is_some() && cache_retention.take().is_some() {
        warnings.push(setting_warning(
            "promptCacheRetention",
            "promptCacheRetention is not supported by GPT-6 and later models; use promptCacheOptions instead",
        ));
    }
    if caps.reasoning {
        // With `reasoningEffort: 'none'` GPT-5.1+ take sampling settings again.
        let sampling = options.reasoning_effort.as_deref() != Some("none")
            || !caps.supports_non_reasoning_parameters;
        let setting = |name: &str| {
            setting_warning(
                name,
                &format!("{name} is not supported for reasoning models"),
            )
        };
        let other =
            |name: &str| other_warning(&format!("{name} is not supported for reasoning models"));
        // (`sampling &&` short-circuits: without it those settings stay.)
        let dropped = [
            (
                sampling && temperature.take().is_some(),
                setting("temperature"),
            ),
            (sampling && top_p.take().is_some(), setting("topP")),
            (sampling && logprobs.take().is_some(), other("logprobs")),
            (
                frequency_penalty.take().is_some(),
                setting("frequencyPenalty"),
            ),
            (
                presence_penalty.take().is_some(),
                setting("presencePenalty"),
            ),
            (logit_bias.take().is_some(), other("logitBias")),
            (top_logprobs.take().is_some(), other("topLogprobs")),
        ];
        warnings.extend(
            dropped
                .into_iter()
                .filter_map(|(gone, w)| gone.then_some(w)),
        );
        // Reasoning models take `max_completion_tokens` (an explicit option wins).
        if let Some(max) = max_tokens.take() {
            max_completion_tokens.get_or_insert(max as f64);
        }
    } else if (model.model_id.starts_with("gpt-4o-search-preview")
        || model.model_id.starts_with("gpt-4o-mini-search-preview"))
        && temperature.take().is_some()
    {
        warnings.push(setting_warning(
            "temperature",
            "temperature is not supported for the search preview models and has been removed.",
        ));
    }
    let mut service_tier = options.service_tier.clone();
    match service_tier.as_deref() {
        Some("flex") if !caps.supports_flex => {
            warnings.push(setting_warning(
                "serviceTier",
                "flex processing is only available for o3, o4-mini, and gpt-5 models",
            ));
            service_tier = None;
        }
        Some("priority") if !caps.supports_priority => {
            warnings.push(setting_warning("serviceTier", "priority processing is only available for supported models (gpt-4, gpt-5, gpt-5-mini, o3, o4-mini) and requires Enterprise access. gpt-5-nano is not supported"));
            service_tier = None;
        }
        _ => {}
    }

    let mut body = Map::new();
    body.insert("model".into(), json!(model.model_id));
    put(&mut body, "logit_bias", logit_bias);
    put(&mut body, "logprobs", logprobs);
    put(&mut body, "top_logprobs", top_logprobs);
    put(&mut body, "user", options.user);
    put(
        &mut body,
        "parallel_tool_calls",
        options.parallel_tool_calls,
    );
    put(&mut body, "max_tokens", max_tokens);
    put(&mut body, "temperature", temperature);
    put(&mut body, "top_p", top_p);
    put(&mut body, "frequency_penalty", frequency_penalty);
    put(&mut body, "presence_penalty", presence_penalty);
    put(
        &mut body,
        "response_format",
        response_format(call, structured, Some(strict)),
    );
    put(&mut body, "stop", call.stop_sequences.as_ref());
    put(&mut body, "seed", call.seed);
    put(&mut body, "verbosity", options.text_verbosity);
    put(&mut body, "max_completion_tokens", max_completion_tokens);
    put(&mut body, "store", options.store);
    put(&mut body, "metadata", options.metadata);
    put(&mut body, "prediction", options.prediction);
    put(&mut body, "reasoning_effort", reasoning_effort);
    put(&mut body, "service_tier", service_tier);
    put(&mut body, "prompt_cache_key", options.prompt_cache_key);
    put(
        &mut body,
        "prompt_cache_options",
        options.prompt_cache_options,
    );
    put(&mut body, "prompt_cache_retention", cache_retention);
    put(&mut body, "safety_identifier", options.safety_identifier);
    body.insert("messages".into(), Value::Null);
    prepare_tools(call, structured.then_some(strict), &mut body);
    warnings.extend(unsupported_provider_tools(call));
    body.insert("stream".into(), json!(true));
    body.insert("stream_options".into(), json!({ "include_usage": true }));

    Ok(ProtocolRequest {
        url: model.url("chat/completions"),
        headers: model.auth_headers("authorization", "Bearer "),
        body: Value::Object(body),
        warnings,
        echo: Echo::Body,
        messages_wire: Some(SegmentedField::new("messages", messages_wire)),
    })
}
