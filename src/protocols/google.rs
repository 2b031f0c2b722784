//! Google Gemini (`POST {baseURL}/models/{model}:streamGenerateContent?alt=sse`), mirroring
//! `@ai-sdk/google`: contents/parts, `systemInstruction`, function declarations in Gemini's OpenAPI
//! schema subset, whole function calls, `thought` parts as reasoning with thought signatures.
use serde_json::{json, Map, Value};

use super::{parse_event_json, put, unsupported_setting, Protocol, ProtocolRequest, StreamDecoder};
use crate::error::{CallError, StreamError};
use crate::ids::generate_id;
use crate::media::detect_image_media_type;
use crate::model::ModelConfig;
use crate::parts::ModelPart;
use crate::sse::SseEvent;
use crate::types::{
    AssistantPart, CallOptions, FinishReason, ModelMessage, ToolChoice, ToolChoiceMode,
    ToolResultOutput, Usage, UserPart,
};

pub struct GoogleGenerativeAi;

/// Sent in place of a missing thought signature on Gemini 3 function calls (the API requires one).
const SKIP_THOUGHT_SIGNATURE: &str = "skip_thought_signature_validator";

const SAFETY_CATEGORIES: [&str; 4] = [
    "HARM_CATEGORY_HATE_SPEECH",
    "HARM_CATEGORY_DANGEROUS_CONTENT",
    "HARM_CATEGORY_HARASSMENT",
    "HARM_CATEGORY_SEXUALLY_EXPLICIT",
];

/// The segment after the last `/` (model ids may be `models/x` or `publishers/…/models/x`).
fn model_name(model_id: &str) -> String {
    model_id
        .rsplit('/')
        .next()
        .unwrap_or(model_id)
        .to_lowercase()
}

fn is_gemini(model_id: &str) -> bool {
    model_name(model_id).starts_with("gemini-")
}

/// `gemini-<prefix>` followed by the end, `.` or `-` (the AI SDK's version patterns).
fn is_gemini_version(model_id: &str, prefix: &str) -> bool {
    model_name(model_id)
        .strip_prefix("gemini-")
        .and_then(|rest| rest.strip_prefix(prefix))
        .is_some_and(|r| r.is_empty() || r.starts_with(['.', '-']))
}

/// Gemini 3 and later: signed function calls, function responses with media parts.
fn uses_gemini3_features(model_id: &str) -> bool {
    let name = model_name(model_id);
    let pre_gemini2 = is_gemini_version(model_id, "1")
        || name == "gemini-pro"
        || name == "gemini-pro-vision"
        || is_gemini_version(model_id, "robotics-er-1.5");
    is_gemini(model_id) && !pre_gemini2 && !is_gemini_version(model_id, "2")
}

fn model_path(model_id: &str) -> String {
    if model_id.contains('/') {
        model_id.to_owned()
    } else {
        format!("models/{model_id}")
    }
}

/// A part's data as Gemini `fileData` (URLs) or `inlineData` (base64).
fn data_part(data: &str, media_type: Option<&str>) -> Value {
    if data.starts_with("http://") || data.starts_with("https://") || data.starts_with("gs://") {
        let mime = media_type
            .filter(|m| *m != "image/*")
            .unwrap_or("image/jpeg");
        return json!({ "fileData": { "mimeType": mime, "fileUri": data } });
    }
    if let Some((meta, b64)) = data
        .strip_prefix("data:")
        .and_then(|r| r.split_once(";base64,"))
    {
        return json!({ "inlineData": { "mimeType": meta, "data": b64 } });
    }
    let mime = media_type
        .filter(|m| *m != "image/*")
        .or_else(|| detect_image_media_type(data))
        .unwrap_or("image/jpeg");
    json!({ "inlineData": { "mimeType": mime, "data": data } })
}

fn signature_of(provider_options: Option<&Value>) -> Option<Value> {
    provider_options
        .and_then(|o| o.get("google"))
        .and_then(|g| g.get("thoughtSignature"))
        .filter(|s| !s.is_null())
        .map(|s| match s {
            Value::String(_) => s.clone(),
            other => Value::String(other.to_string()),
        })
}

fn function_response(id: &str, name: &str, content: Value) -> Value {
    json!({ "functionResponse": { "id": id, "name": name, "response": { "name": name, "content": content } } })
}

struct Converted {
    system: Vec<Value>,
    contents: Vec<Value>,
}

fn convert_messages(messages: &[ModelMessage], gemini3: bool) -> Result<Converted, CallError> {
    let mut system = Vec::new();
    let mut contents = Vec::new();
    let mut system_allowed = true;
    for message in messages {
        match message {
            ModelMessage::System { content, .. } => {
                if !system_allowed {
                    return Err(CallError::UnsupportedFunctionality(
                        "system messages are only supported at the beginning of the conversation"
                            .into(),
                    ));
                }
                system.push(json!({ "text": content }));
            }
            ModelMessage::User { content, .. } => {
                system_allowed = false;
                let parts: Vec<Value> = content
                    .clone()
                    .into_parts()
                    .into_iter()
                    .map(|part| match part {
                        UserPart::Text { text, .. } => json!({ "text": text }),
                        UserPart::Image {
                            image, media_type, ..
                        } => data_part(&image, media_type.as_deref()),
                        UserPart::File {
                            data, media_type, ..
                        } => data_part(&data, Some(&media_type)),
                    })
                    .collect();
                contents.push(json!({ "role": "user", "parts": parts }));
            }
            ModelMessage::Assistant { content, .. } => {
                system_allowed = false;
                let mut signed_call = false;
                let mut parts = Vec::new();
                for part in content.clone().into_parts() {
                    let block = match part {
                        AssistantPart::Text {
                            text,
                            provider_options,
                        } if !text.is_empty() => with_signature(
                            json!({ "text": text }),
                            signature_of(provider_options.as_ref()),
                        ),
                        AssistantPart::Reasoning {
                            text,
                            provider_options,
                        } if !text.is_empty() => with_signature(
                            json!({ "text": text, "thought": true }),
                            signature_of(provider_options.as_ref()),
                        ),
                        AssistantPart::ToolCall {
                            tool_call_id,
                            tool_name,
                            input,
                            provider_options,
                        } => {
                            let signature = signature_of(provider_options.as_ref());
                            let effective = signature.clone().or_else(|| {
                                (gemini3 && !signed_call).then(|| json!(SKIP_THOUGHT_SIGNATURE))
                            });
                            signed_call |= signature.is_some();
                            let args = match input {
                                Value::String(s) => {
                                    serde_json::from_str(&s).unwrap_or(Value::String(s))
                                }
                                v => v,
                            };
                            with_signature(
                                json!({ "functionCall": { "id": tool_call_id, "name": tool_name, "args": args } }),
                                effective,
                            )
                        }
                        AssistantPart::File { data, media_type } => {
                            if media_type != "image/png" {
                                return Err(CallError::UnsupportedFunctionality(
                                    "Only PNG images are supported in assistant messages".into(),
                                ));
                            }
                            json!({ "inlineData": { "mimeType": media_type, "data": data } })
                        }
                        _ => continue,
                    };
                    parts.push(block);
                }
                contents.push(json!({ "role": "model", "parts": parts }));
            }
            ModelMessage::Tool { content, .. } => {
                system_allowed = false;
                let mut parts = Vec::new();
                for result in content {
                    let (id, name) = (result.tool_call_id.as_str(), result.tool_name.as_str());
                    match &result.output {
                        ToolResultOutput::Content(Value::Array(items)) => {
                            let texts: Vec<&str> =
                                items.iter().filter_map(|i| i["text"].as_str()).collect();
                            let media: Vec<Value> = items
                                .iter()
                                .filter(|i| i["type"] == "media")
                                .map(|i| json!({ "inlineData": { "mimeType": i["mediaType"], "data": i["data"] } }))
                                .collect();
                            if gemini3 {
                                let text = if texts.is_empty() {
                                    "Tool executed successfully.".to_owned()
                                } else {
                                    texts.join("\n")
                                };
                                let mut response = function_response(id, name, json!(text));
                                if !media.is_empty() {
                                    response["functionResponse"]["parts"] = Value::Array(media);
                                }
                                parts.push(response);
                            } else {
                                parts.extend(
                                    texts.iter().map(|t| function_response(id, name, json!(t))),
                                );
                                parts.extend(media);
                            }
                        }
                        ToolResultOutput::Text(s) | ToolResultOutput::ErrorText(s) => {
                            parts.push(function_response(id, name, json!(s)))
                        }
                        ToolResultOutput::Json(v)
                        | ToolResultOutput::ErrorJson(v)
                        | ToolResultOutput::Content(v) => {
                            parts.push(function_response(id, name, v.clone()))
                        }
                    }
                }
                contents.push(json!({ "role": "user", "parts": parts }));
            }
        }
    }
    Ok(Converted { system, contents })
}

fn with_signature(mut part: Value, signature: Option<Value>) -> Value {
    if let Some(s) = signature {
        part["thoughtSignature"] = s;
    }
    part
}

/// JSON Schema → the OpenAPI subset Gemini accepts (AI SDK `convertJSONSchemaToOpenAPISchema`).
pub fn to_openapi_schema(
    schema: &Value,
    is_root: bool,
    root: &Value,
) -> Result<Option<Value>, CallError> {
    convert_schema(schema, is_root, root, &mut Vec::new())
}

fn is_empty_object_schema(s: &Value) -> bool {
    s["type"] == "object"
        && s.get("properties")
            .and_then(Value::as_object)
            .is_none_or(|p| p.is_empty())
        && !s
            .get("additionalProperties")
            .is_some_and(|a| a.as_bool() != Some(false) && !a.is_null())
}

fn convert_schema(
    schema: &Value,
    is_root: bool,
    root: &Value,
    resolving: &mut Vec<String>,
) -> Result<Option<Value>, CallError> {
    let unsupported = |functionality: String| CallError::UnsupportedFunctionality(functionality);
    match schema {
        Value::Null => return Ok(None),
        Value::Bool(_) => return Ok(Some(json!({ "type": "boolean", "properties": {} }))),
        _ => {}
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if resolving.iter().any(|r| r == reference) {
            return Err(unsupported(format!(
                "recursive JSON Schema reference {reference}"
            )));
        }
        let target = [("#/$defs/", "$defs"), ("#/definitions/", "definitions")]
            .iter()
            .find_map(|(prefix, key)| {
                reference
                    .strip_prefix(prefix)
                    .and_then(|name| root.get(key)?.get(name))
            })
            .ok_or_else(|| unsupported(format!("JSON Schema reference {reference}")))?;
        let mut merged = target.as_object().cloned().unwrap_or_default();
        for (k, v) in schema
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k != "$ref")
        {
            merged.insert(k.clone(), v.clone());
        }
        resolving.push(reference.to_owned());
        let out = convert_schema(&Value::Object(merged), is_root, root, resolving);
        resolving.pop();
        return out;
    }
    if is_empty_object_schema(schema) {
        if is_root {
            return Ok(None);
        }
        let mut out = json!({ "type": "object" });
        if let Some(d) = schema
            .get("description")
            .filter(|d| d.as_str().is_some_and(|s| !s.is_empty()))
        {
            out["description"] = d.clone();
        }
        return Ok(Some(out));
    }
    let mut out = Map::new();
    for key in ["description", "required", "format"] {
        if let Some(v) = schema
            .get(key)
            .filter(|v| !v.is_null() && *v != "" && *v != false)
        {
            out.insert(key.into(), v.clone());
        }
    }
    let ty = schema.get("type");
    match ty {
        Some(Value::Array(types)) => {
            let has_null = types.iter().any(|t| t == "null");
            let non_null: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
            match non_null.as_slice() {
                [] => {
                    out.insert("type".into(), json!("null"));
                }
                [one] => {
                    out.insert("type".into(), (*one).clone());
                    if has_null {
                        out.insert("nullable".into(), json!(true));
                    }
                }
                many => {
                    out.insert(
                        "anyOf".into(),
                        many.iter().map(|t| json!({ "type": t })).collect(),
                    );
                    if has_null {
                        out.insert("nullable".into(), json!(true));
                    }
                }
            }
        }
        Some(t @ Value::String(_)) => {
            out.insert("type".into(), t.clone());
        }
        _ => {}
    }
    let values = schema
        .get("enum")
        .cloned()
        .or_else(|| schema.get("const").map(|c| json!([c])));
    if let Some(Value::Array(values)) = values {
        add_enum(&values, ty, &mut out)?;
    }
    if let Some(Value::Object(props)) = schema.get("properties") {
        let mut converted = Map::new();
        for (k, v) in props {
            converted.insert(
                k.clone(),
                convert_schema(v, false, root, resolving)?.unwrap_or(Value::Null),
            );
        }
        out.insert("properties".into(), Value::Object(converted));
    }
    if let Some(items) = schema.get("items").filter(|i| !i.is_null()) {
        let converted = match items {
            Value::Array(list) => Value::Array(
                list.iter()
                    .map(|i| {
                        convert_schema(i, false, root, resolving).map(|c| c.unwrap_or(Value::Null))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            one => convert_schema(one, false, root, resolving)?.unwrap_or(Value::Null),
        };
        out.insert("items".into(), converted);
    }
    let convert_list =
        |key: &str, list: &[Value], resolving: &mut Vec<String>| -> Result<Value, CallError> {
            let _ = key;
            Ok(Value::Array(
                list.iter()
                    .map(|i| {
                        convert_schema(i, false, root, resolving).map(|c| c.unwrap_or(Value::Null))
                    })
                    .collect::<Result<_, _>>()?,
            ))
        };
    if let Some(Value::Array(all)) = schema.get("allOf") {
        out.insert("allOf".into(), convert_list("allOf", all, resolving)?);
    }
    if let Some(Value::Array(any)) = schema.get("anyOf") {
        let non_null: Vec<Value> = any
            .iter()
            .filter(|s| s["type"] != "null")
            .cloned()
            .collect();
        if non_null.len() < any.len() {
            if let [one] = non_null.as_slice() {
                if let Some(Value::Object(converted)) = convert_schema(one, false, root, resolving)?
                {
                    out.insert("nullable".into(), json!(true));
                    out.extend(converted);
                }
            } else {
                out.insert("anyOf".into(), convert_list("anyOf", &non_null, resolving)?);
                out.insert("nullable".into(), json!(true));
            }
        } else {
            out.insert("anyOf".into(), convert_list("anyOf", any, resolving)?);
        }
    }
    if let Some(Value::Array(one)) = schema.get("oneOf") {
        out.insert("oneOf".into(), convert_list("oneOf", one, resolving)?);
    }
    if let Some(min) = schema.get("minLength") {
        out.insert("minLength".into(), min.clone());
    }
    Ok(Some(Value::Object(out)))
}

fn add_enum(
    values: &[Value],
    ty: Option<&Value>,
    out: &mut Map<String, Value>,
) -> Result<(), CallError> {
    let allows = |t: &str| match ty {
        None => true,
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x == t),
        _ => false,
    };
    let nullable = matches!(ty, Some(Value::Array(a)) if a.iter().any(|x| x == "null"))
        || (ty.is_none() && values.iter().any(Value::is_null));
    let enum_values: Vec<&Value> = if nullable {
        values.iter().filter(|v| !v.is_null()).collect()
    } else {
        values.iter().collect()
    };
    if !values.is_empty() && values.iter().all(Value::is_null) && (ty.is_none() || allows("null")) {
        out.insert("type".into(), json!("null"));
        if matches!(ty, Some(Value::Array(_))) {
            out.remove("anyOf");
        }
        return Ok(());
    }
    let enum_type = if enum_values.is_empty() {
        None
    } else if allows("string") && enum_values.iter().all(|v| v.is_string()) {
        Some("string")
    } else if (allows("number") || allows("integer")) && enum_values.iter().all(|v| v.is_number()) {
        if allows("number") {
            Some("number")
        } else if enum_values.iter().all(|v| v.is_i64() || v.is_u64()) {
            Some("integer")
        } else {
            None
        }
    } else if allows("boolean") && enum_values.iter().all(|v| v.is_boolean()) {
        Some("boolean")
    } else {
        None
    };
    let Some(enum_type) = enum_type else {
        return Err(CallError::UnsupportedFunctionality(
            "JSON Schema enum with mixed or unsupported values".into(),
        ));
    };
    out.insert("type".into(), json!(enum_type));
    if matches!(ty, Some(Value::Array(_))) {
        out.remove("anyOf");
    }
    if nullable {
        out.insert("nullable".into(), json!(true));
    }
    if enum_type == "string" {
        out.insert(
            "enum".into(),
            Value::Array(enum_values.into_iter().cloned().collect()),
        );
    } else {
        out.insert("format".into(), json!("enum"));
        out.insert(
            "enum".into(),
            enum_values
                .into_iter()
                .map(|v| {
                    json!(match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                })
                .collect(),
        );
    }
    Ok(())
}

impl Protocol for GoogleGenerativeAi {
    fn build_request(
        &self,
        model: &ModelConfig,
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
        let converted = convert_messages(messages, gemini3)?;

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
        let mut contents = converted.contents;
        if gemma && !converted.system.is_empty() {
            // Gemma has no system instruction: the system text leads the first user turn.
            let text: Vec<&str> = converted
                .system
                .iter()
                .filter_map(|p| p["text"].as_str())
                .collect();
            if let Some(first) = contents.first_mut().filter(|c| c["role"] == "user") {
                if let Some(parts) = first["parts"].as_array_mut() {
                    parts.insert(0, json!({ "text": format!("{}\n\n", text.join("\n\n")) }));
                }
            }
        }
        body.insert("contents".into(), Value::Array(contents));
        if !gemma && !converted.system.is_empty() {
            body.insert(
                "systemInstruction".into(),
                json!({ "parts": converted.system }),
            );
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
        if !call.tools.is_empty() {
            let mut declarations = Vec::with_capacity(call.tools.len());
            for t in &call.tools {
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
        for key in ["cachedContent", "labels", "serviceTier"] {
            put(&mut body, key, options.get(key).filter(|v| !v.is_null()));
        }

        let headers = model.auth_headers("x-goog-api-key", "")?;
        Ok(ProtocolRequest {
            url: format!(
                "{}/{}:streamGenerateContent?alt=sse",
                model.base_url,
                model_path(&model.model_id)
            ),
            headers,
            echo: Some(Value::String(Value::Object(body.clone()).to_string())),
            body: Value::Object(body),
            warnings,
        })
    }

    fn decoder(&self, _model: &ModelConfig, _call: &CallOptions) -> Box<dyn StreamDecoder> {
        Box::<Decoder>::default()
    }
}

pub fn map_finish_reason(reason: &str, has_tool_calls: bool) -> FinishReason {
    match reason {
        "STOP" if has_tool_calls => FinishReason::ToolCalls,
        "STOP" => FinishReason::Stop,
        "MAX_TOKENS" | "CONTINUATION" => FinishReason::Length,
        "IMAGE_SAFETY" | "RECITATION" | "SAFETY" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII" => {
            FinishReason::ContentFilter
        }
        "FINISH_REASON_UNSPECIFIED" | "OTHER" => FinishReason::Other,
        "MALFORMED_FUNCTION_CALL" => FinishReason::Error,
        _ => FinishReason::Unknown,
    }
}

/// HTTP status for a Google error `status` string (for errors sent inside the stream).
fn status_code(status: &str) -> u16 {
    match status {
        "INVALID_ARGUMENT" | "FAILED_PRECONDITION" | "OUT_OF_RANGE" => 400,
        "UNAUTHENTICATED" => 401,
        "PERMISSION_DENIED" => 403,
        "NOT_FOUND" => 404,
        "ABORTED" | "ALREADY_EXISTS" => 409,
        "RESOURCE_EXHAUSTED" => 429,
        "CANCELLED" => 499,
        "UNIMPLEMENTED" => 501,
        "UNAVAILABLE" => 503,
        "DEADLINE_EXCEEDED" => 504,
        _ => 500,
    }
}

#[derive(Default)]
pub struct Decoder {
    finish_reason: FinishReason,
    usage: Usage,
    provider_metadata: Option<Value>,
    grounding: Option<Value>,
    url_context: Option<Value>,
    service_tier: Option<Value>,
    has_tool_calls: bool,
    text_block: Option<String>,
    reasoning_block: Option<String>,
    block_counter: u64,
}

impl Decoder {
    fn next_block_id(&mut self) -> String {
        let id = self.block_counter.to_string();
        self.block_counter += 1;
        id
    }

    fn metadata(
        &self,
        prompt_feedback: &Value,
        safety: Value,
        usage_metadata: Option<&Value>,
    ) -> Value {
        let mut google = json!({
            "promptFeedback": prompt_feedback,
            "groundingMetadata": self.grounding,
            "urlContextMetadata": self.url_context,
            "safetyRatings": safety,
            "serviceTier": self.service_tier,
        });
        if let Some(u) = usage_metadata {
            google["usageMetadata"] = u.clone();
        }
        json!({ "google": google })
    }

    fn text_part(&mut self, part: &Value, out: &mut Vec<ModelPart>) {
        let text = part["text"].as_str().unwrap_or_default();
        let signature = part
            .get("thoughtSignature")
            .filter(|s| !s.is_null())
            .map(|s| json!({ "google": { "thoughtSignature": s } }));
        if text.is_empty() {
            if let (Some(pm), Some(id)) = (signature, &self.text_block) {
                out.push(ModelPart::TextDelta {
                    id: id.clone(),
                    delta: String::new(),
                    provider_metadata: Some(pm),
                });
            }
        } else if part["thought"] == true {
            if let Some(id) = self.text_block.take() {
                out.push(ModelPart::TextEnd {
                    id,
                    provider_metadata: None,
                });
            }
            let id = match &self.reasoning_block {
                Some(id) => id.clone(),
                None => {
                    let id = self.next_block_id();
                    self.reasoning_block = Some(id.clone());
                    out.push(ModelPart::ReasoningStart {
                        id: id.clone(),
                        provider_metadata: signature.clone(),
                    });
                    id
                }
            };
            out.push(ModelPart::ReasoningDelta {
                id,
                delta: text.to_owned(),
                provider_metadata: signature,
            });
        } else {
            if let Some(id) = self.reasoning_block.take() {
                out.push(ModelPart::ReasoningEnd {
                    id,
                    provider_metadata: None,
                });
            }
            let id = match &self.text_block {
                Some(id) => id.clone(),
                None => {
                    let id = self.next_block_id();
                    self.text_block = Some(id.clone());
                    out.push(ModelPart::TextStart {
                        id: id.clone(),
                        provider_metadata: signature.clone(),
                    });
                    id
                }
            };
            out.push(ModelPart::TextDelta {
                id,
                delta: text.to_owned(),
                provider_metadata: signature,
            });
        }
    }
}

impl StreamDecoder for Decoder {
    fn decode(&mut self, event: &SseEvent, out: &mut Vec<ModelPart>) {
        let Some(value) = parse_event_json(&event.data, out) else {
            return;
        };
        if let Some(error) = value.get("error").filter(|e| !e.is_null()) {
            self.finish_reason = FinishReason::Error;
            let status = error["code"]
                .as_u64()
                .map(|c| c as u16)
                .unwrap_or_else(|| status_code(error["status"].as_str().unwrap_or_default()));
            out.push(ModelPart::Error(StreamError::Api {
                message: error["message"]
                    .as_str()
                    .unwrap_or("Google API error")
                    .to_owned(),
                status_code: status,
                data: error.clone(),
            }));
            return;
        }
        let usage_metadata = value.get("usageMetadata").filter(|u| !u.is_null());
        if let Some(u) = usage_metadata {
            self.usage = Usage {
                input_tokens: u["promptTokenCount"].as_u64(),
                output_tokens: u["candidatesTokenCount"].as_u64(),
                total_tokens: u["totalTokenCount"].as_u64(),
                reasoning_tokens: u["thoughtsTokenCount"].as_u64(),
                cached_input_tokens: u["cachedContentTokenCount"].as_u64(),
            };
        }
        if let Some(tier) = value.get("serviceTier").filter(|t| !t.is_null()) {
            self.service_tier = Some(tier.clone());
        }
        let feedback = value.get("promptFeedback").cloned().unwrap_or(Value::Null);
        let block_reason = feedback
            .get("blockReason")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let Some(candidate) = value.get("candidates").and_then(|c| c.get(0)) else {
            if block_reason.is_some() {
                self.finish_reason = FinishReason::ContentFilter;
                self.provider_metadata =
                    Some(self.metadata(&feedback, Value::Null, usage_metadata));
            }
            return;
        };
        if let Some(g) = candidate.get("groundingMetadata").filter(|g| !g.is_null()) {
            self.grounding = Some(g.clone());
        }
        if let Some(u) = candidate.get("urlContextMetadata").filter(|u| !u.is_null()) {
            self.url_context = Some(u.clone());
        }
        let parts = candidate["content"]["parts"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for part in &parts {
            if part.get("text").is_some_and(|t| !t.is_null()) {
                self.text_part(part, out);
            }
            // executableCode / codeExecutionResult / inlineData (provider-run code, generated
            // files) are not surfaced yet.
        }
        for part in parts.iter().filter(|p| p.get("functionCall").is_some()) {
            let call = &part["functionCall"];
            let id = call["id"]
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| generate_id("call"));
            let name = call["name"].as_str().unwrap_or_default().to_owned();
            let args = call.get("args").cloned().unwrap_or(Value::Null).to_string();
            let pm = part
                .get("thoughtSignature")
                .filter(|s| !s.is_null())
                .map(|s| json!({ "google": { "thoughtSignature": s } }));
            out.push(ModelPart::ToolInputStart {
                id: id.clone(),
                tool_name: name.clone(),
                provider_metadata: pm.clone(),
            });
            out.push(ModelPart::ToolInputDelta {
                id: id.clone(),
                delta: args.clone(),
                provider_metadata: pm.clone(),
            });
            out.push(ModelPart::ToolInputEnd {
                id: id.clone(),
                provider_metadata: pm.clone(),
            });
            out.push(ModelPart::ToolCall {
                tool_call_id: id,
                tool_name: name,
                input: args,
                provider_metadata: pm,
            });
            self.has_tool_calls = true;
        }
        let raw_reason = candidate["finishReason"].as_str().map(str::to_owned);
        let prompt_blocked = raw_reason.is_none() && block_reason.is_some();
        if let Some(reason) = raw_reason.or(block_reason) {
            self.finish_reason = if prompt_blocked {
                FinishReason::ContentFilter
            } else {
                map_finish_reason(&reason, self.has_tool_calls)
            };
            let safety = candidate
                .get("safetyRatings")
                .cloned()
                .unwrap_or(Value::Null);
            self.provider_metadata = Some(self.metadata(&feedback, safety, usage_metadata));
        }
    }

    fn finish(&mut self, out: &mut Vec<ModelPart>) {
        if let Some(id) = self.text_block.take() {
            out.push(ModelPart::TextEnd {
                id,
                provider_metadata: None,
            });
        }
        if let Some(id) = self.reasoning_block.take() {
            out.push(ModelPart::ReasoningEnd {
                id,
                provider_metadata: None,
            });
        }
        out.push(ModelPart::Finish {
            finish_reason: self.finish_reason,
            usage: self.usage,
            provider_metadata: self.provider_metadata.take(),
        });
    }
}

#[cfg(test)]
mod tests;
