//! The Chat Completions request: settings, provider options (vendors' extra parameters pass
//! through), messages, tools, headers.
use super::convert_messages::convert_message;
use super::prepare_tools::prepare_tools;
use crate::credential::Login;
use crate::error::CallError;
use crate::protocols::body::{put, unsupported_provider_tools, unsupported_setting};
use crate::protocols::copilot_headers::copilot_request_headers;
use crate::protocols::message_segments::message_array;
use crate::protocols::protocol::{Echo, ProtocolRequest, SegmentedField};
use crate::protocols::target::Target;
use crate::types::{CallOptions, ModelMessage};
use serde_json::{json, Map, Value};

/// Provider options consumed by name; any other key under `providerOptions[<provider>]` is copied
/// into the body as is (AI SDK behaviour, how vendors' extra parameters get through).
const KNOWN_OPTIONS: &[&str] = &["user", "reasoningEffort", "textVerbosity"];

/// `response_format` for a JSON answer: the schema with structured outputs, else `json_object`;
/// `strict` when given (`@ai-sdk/openai` writes it, the compatible model does not).
pub(crate) fn response_format(
    call: &CallOptions,
    structured: bool,
    strict: Option<bool>,
) -> Option<Value> {
    let (schema, name, description) = call.json_format()?;
    let Some(schema) = schema.filter(|_| structured) else {
        return Some(json!({ "type": "json_object" }));
    };
    let mut spec = Map::new();
    spec.insert("schema".into(), schema.clone());
    put(&mut spec, "strict", strict);
    spec.insert("name".into(), json!(name.unwrap_or("response")));
    put(&mut spec, "description", description);
    Some(json!({ "type": "json_schema", "json_schema": spec }))
}

/// The warning when a JSON schema was asked for without structured outputs.
pub(crate) fn unused_schema_warning(call: &CallOptions, structured: bool) -> Option<Value> {
    (call
        .json_format()
        .is_some_and(|(schema, ..)| schema.is_some())
        && !structured)
        .then(|| {
            json!({ "type": "unsupported-setting", "setting": "responseFormat",
            "details": "JSON response format schema is only supported with structuredOutputs" })
        })
}

/// Builds the streaming Chat Completions request for `messages` and `call`.
pub fn build_request(
    model: &Target,
    messages: &[ModelMessage],
    call: &CallOptions,
) -> Result<ProtocolRequest, CallError> {
    let mut warnings = Vec::new();
    if call.top_k.is_some() {
        warnings.push(unsupported_setting("topK"));
    }
    // `openai-compatible` options apply to every vendor; the provider's own name wins.
    let mut options = Map::new();
    for key in ["openai-compatible", model.provider_options_name.as_str()] {
        if let Some(Value::Object(o)) = call.provider_options.get(key) {
            options.extend(o.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }

    let mut body = Map::new();
    body.insert("model".into(), json!(model.model_id));
    put(&mut body, "user", options.get("user"));
    put(&mut body, "max_tokens", call.max_output_tokens);
    put(&mut body, "temperature", call.temperature);
    put(&mut body, "top_p", call.top_p);
    put(&mut body, "frequency_penalty", call.frequency_penalty);
    put(&mut body, "presence_penalty", call.presence_penalty);
    warnings.extend(unused_schema_warning(call, model.structured_outputs));
    put(
        &mut body,
        "response_format",
        response_format(call, model.structured_outputs, None),
    );
    put(&mut body, "stop", call.stop_sequences.as_ref());
    put(&mut body, "seed", call.seed);
    if let Some(Value::Object(own)) = call.provider_options.get(&model.provider_options_name) {
        for (k, v) in own
            .iter()
            .filter(|(k, _)| !KNOWN_OPTIONS.contains(&k.as_str()))
        {
            body.insert(k.clone(), v.clone());
        }
    }
    put(
        &mut body,
        "reasoning_effort",
        options.get("reasoningEffort"),
    );
    put(&mut body, "verbosity", options.get("textVerbosity"));
    // The messages go out as wire text assembled from kept segments; `null` holds their place.
    let messages_wire = message_array("openai-chat", messages, &call.message_keys, |_, m| {
        convert_message(m).map(Into::into)
    })?;
    body.insert("messages".into(), Value::Null);
    prepare_tools(call, None, &mut body);
    warnings.extend(unsupported_provider_tools(call));
    body.insert("stream".into(), json!(true));
    if model.include_usage {
        body.insert("stream_options".into(), json!({ "include_usage": true }));
    }

    if model.login() == Some(Login::OpenAi) {
        return Err(CallError::UnsupportedFunctionality(
            "Chat Completions with a ChatGPT login (its subscription backend serves the Responses API: use openai(id) or openai.responses(id))".into(),
        ));
    }
    let mut headers = model.auth_headers("authorization", "Bearer ");
    headers.extend(copilot_request_headers(model, messages));
    Ok(ProtocolRequest {
        url: model.url("chat/completions"),
        headers,
        body: Value::Object(body),
        warnings,
        echo: Echo::Body,
        messages_wire: Some(SegmentedField::new("messages", messages_wire)),
    })
}
