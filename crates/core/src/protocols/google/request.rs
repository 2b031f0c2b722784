//! The `streamGenerateContent` request: generation config, thinking, safety settings, tools.
use super::convert_messages::{convert_message, misplaced_system_message, system_parts};
use super::model_families::{is_gemini_version, model_path, uses_gemini3_features};
use super::prepare_tools::prepare_tools;
use super::schema::to_openapi_schema;
use crate::error::CallError;
use crate::protocols::body::{put, unsupported_setting};
use crate::protocols::message_segments::message_array;
use crate::protocols::protocol::{Echo, ProtocolRequest, SegmentedField};
use crate::protocols::target::Target;
use crate::types::{CallOptions, ModelMessage};
use serde_json::{json, Map, Value};

const SAFETY_CATEGORIES: [&str; 4] = [
    "HARM_CATEGORY_HATE_SPEECH",
    "HARM_CATEGORY_DANGEROUS_CONTENT",
    "HARM_CATEGORY_HARASSMENT",
    "HARM_CATEGORY_SEXUALLY_EXPLICIT",
];

/// Builds the streaming `streamGenerateContent` request for `messages` and `call`.
pub fn build_request(
    model: &Target,
    messages: &[ModelMessage],
    call: &CallOptions,
) -> Result<ProtocolRequest, CallError> {
    let mut warnings = Vec::new();
    let options = call
        .provider_options
        .get("google")
        .cloned()
        .unwrap_or(Value::Null);
    let gemini25 = is_gemini_version(&model.model_id, "2.5");
    let gemma = model.model_id.to_lowercase().starts_with("gemma-");
    if gemini25 && call.frequency_penalty.is_some() {
        warnings.push(unsupported_setting("frequencyPenalty"));
    }
    if gemini25 && call.presence_penalty.is_some() {
        warnings.push(unsupported_setting("presencePenalty"));
    }
    let gemini3 = uses_gemini3_features(&model.model_id);
    let (system, misplaced) = system_parts(messages);
    // Gemma has no system instruction: the system text leads the first turn if it is the user's
    // (a user or tool message; that turn is made for this request, not kept).
    let lead = (gemma && !system.is_empty()).then(|| {
        let text: Vec<&str> = system.iter().filter_map(|p| p["text"].as_str()).collect();
        json!({ "text": format!("{}\n\n", text.join("\n\n")) })
    });
    // (Each leading system message is one part, so the first turn comes right after them.)
    let first_turn = system.len();
    let led = lead
        .as_ref()
        .and(messages.get(first_turn))
        .filter(|m| !matches!(m, ModelMessage::Assistant { .. }))
        .map(|_| first_turn);
    let mut keys = call.message_keys.clone();
    if let Some(slot) = led.and_then(|i| keys.get_mut(i)) {
        *slot = None;
    }
    // The contents go out as wire text assembled from kept segments; `null` holds their place.
    let context = format!("google:{gemini3}");
    // (Errors in the messages' order: one after a misplaced system message is that one's.)
    let contents = message_array(&context, messages, &keys, |index, message| {
        if misplaced.is_some_and(|at| index > at) {
            return Err(misplaced_system_message());
        }
        let mut content = convert_message(message, gemini3)?;
        if let (Some(lead), true) = (&lead, led == Some(index)) {
            if let Some(parts) = content.as_mut().and_then(|c| c["parts"].as_array_mut()) {
                parts.insert(0, lead.clone());
            }
        }
        Ok(Vec::from_iter(content).into())
    })?;
    if misplaced.is_some() {
        return Err(misplaced_system_message());
    }

    let mut generation = Map::new();
    put(&mut generation, "maxOutputTokens", call.max_output_tokens);
    put(&mut generation, "temperature", call.temperature);
    put(&mut generation, "topK", call.top_k);
    put(&mut generation, "topP", call.top_p);
    if !gemini25 {
        put(&mut generation, "frequencyPenalty", call.frequency_penalty);
        put(&mut generation, "presencePenalty", call.presence_penalty);
    }
    put(
        &mut generation,
        "stopSequences",
        call.stop_sequences.as_ref(),
    );
    put(&mut generation, "seed", call.seed);
    if let Some((schema, ..)) = call.json_format() {
        generation.insert("responseMimeType".into(), json!("application/json"));
        // `structuredOutputs: false` is the escape hatch for schemas Gemini cannot take.
        if let Some(schema) =
            schema.filter(|_| options.get("structuredOutputs") != Some(&json!(false)))
        {
            put(
                &mut generation,
                "responseSchema",
                to_openapi_schema(schema, true, schema)?,
            );
        }
    }
    for key in [
        "audioTimestamp",
        "responseModalities",
        "thinkingConfig",
        "imageConfig",
        "mediaResolution",
    ] {
        put(
            &mut generation,
            key,
            options.get(key).filter(|v| !v.is_null() && **v != false),
        );
    }

    let mut body = Map::new();
    body.insert("generationConfig".into(), Value::Object(generation));
    body.insert("contents".into(), Value::Null);
    if !gemma && !system.is_empty() {
        body.insert("systemInstruction".into(), json!({ "parts": system }));
    }
    let safety = options
        .get("safetySettings")
        .filter(|s| !s.is_null())
        .cloned()
        .or_else(|| {
            let threshold = options.get("threshold").filter(|t| !t.is_null())?;
            Some(
                SAFETY_CATEGORIES
                    .iter()
                    .map(|c| json!({ "category": c, "threshold": threshold }))
                    .collect(),
            )
        });
    put(&mut body, "safetySettings", safety);
    prepare_tools(call, &model.model_id, &options, &mut body, &mut warnings)?;
    for key in ["cachedContent", "labels", "serviceTier"] {
        put(&mut body, key, options.get(key).filter(|v| !v.is_null()));
    }

    let headers = model.auth_headers("x-goog-api-key", "");
    Ok(ProtocolRequest {
        url: format!(
            "{}/{}:streamGenerateContent?alt=sse",
            model.base_url,
            model_path(&model.model_id)?
        ),
        headers,
        echo: Echo::Text,
        messages_wire: Some(SegmentedField::new("contents", contents)),
        body: Value::Object(body),
        warnings,
    })
}
