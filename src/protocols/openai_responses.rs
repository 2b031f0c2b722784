//! OpenAI Responses API (`POST {baseURL}/responses`, `stream: true`), mirroring the AI SDK's
//! `OpenAIResponsesLanguageModel`: input items, reasoning models (developer role, no sampling
//! parameters), reasoning summaries and encrypted reasoning that round-trips with `store: false`.
use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

use super::{parse_event_json, put, unsupported_setting, Protocol, ProtocolRequest, StreamDecoder};
use crate::error::{CallError, StreamError};
use crate::media::data_url;
use crate::model::ModelConfig;
use crate::parts::ModelPart;
use crate::sse::SseEvent;
use crate::types::{
    AssistantPart, CallOptions, FinishReason, ModelMessage, ToolChoice, ToolChoiceMode,
    ToolResultOutput, Usage, UserPart,
};

pub struct OpenAiResponses;

/// What the AI SDK derives from an OpenAI model id (`getOpenAILanguageModelCapabilities`).
struct Capabilities {
    reasoning: bool,
    supports_flex: bool,
    supports_priority: bool,
    supports_non_reasoning_parameters: bool,
}

/// `o<N>` or `o<N>-…`.
fn o_series(model_id: &str) -> Option<u32> {
    let rest = model_id.strip_prefix('o')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    (!digits.is_empty() && (after.is_empty() || after.starts_with('-')))
        .then(|| digits.parse().ok())?
}

/// `gpt-<major>[.<minor>][-<variant>]`.
fn gpt_version(model_id: &str) -> Option<(u32, Option<u32>, Option<&str>)> {
    let rest = model_id.strip_prefix("gpt-")?;
    let (version, variant) = match rest.split_once('-') {
        Some((v, var)) => (v, Some(var)),
        None => (rest, None),
    };
    let (major, minor) = match version.split_once('.') {
        Some((a, b)) => (a.parse().ok()?, Some(b.parse().ok()?)),
        None => (version.parse().ok()?, None),
    };
    Some((major, minor, variant))
}

fn capabilities(model_id: &str) -> Capabilities {
    let o = o_series(model_id);
    let gpt = gpt_version(model_id);
    let chat = gpt.is_some_and(|(_, minor, variant)| {
        minor.is_none() && variant.is_some_and(|v| v.starts_with("chat"))
    });
    let nano = gpt.is_some_and(|(_, _, variant)| variant.is_some_and(|v| v.starts_with("nano")));
    let major = gpt.map(|(m, _, _)| m);
    let gpt5_plus = major.is_some_and(|m| m >= 5);
    Capabilities {
        reasoning: o.is_some()
            || (gpt5_plus && !chat)
            || model_id == "codex-mini-latest"
            || model_id == "computer-use-preview",
        supports_flex: o.is_some_and(|v| v >= 3) || (gpt5_plus && !chat),
        supports_priority: model_id.starts_with("gpt-4")
            || (gpt5_plus && !nano && !chat)
            || o.is_some_and(|v| v >= 3),
        supports_non_reasoning_parameters: gpt.is_some_and(|(major, minor, _)| {
            major < 6 && (major > 5 || (major == 5 && minor.unwrap_or(0) >= 1))
        }),
    }
}

/// `ModelMessage`s to Responses input items. With `store` (the default) earlier output items are
/// referenced by id; without it they are sent in full (reasoning with its encrypted content).
fn convert_input(
    messages: &[ModelMessage],
    developer_role: bool,
    store: bool,
    warnings: &mut Vec<Value>,
) -> Result<Vec<Value>, CallError> {
    let mut input: Vec<Value> = Vec::new();
    for message in messages {
        match message {
            ModelMessage::System { content, .. } => {
                let role = if developer_role {
                    "developer"
                } else {
                    "system"
                };
                input.push(json!({ "role": role, "content": content }));
            }
            ModelMessage::User { content, .. } => {
                let parts = content.clone().into_parts();
                let mut items = Vec::with_capacity(parts.len());
                for (index, part) in parts.into_iter().enumerate() {
                    items.push(match part {
                        UserPart::Text { text, .. } => json!({ "type": "input_text", "text": text }),
                        UserPart::Image { image, media_type, provider_options } => {
                            image_item(&image, media_type.as_deref(), provider_options.as_ref())
                        }
                        UserPart::File { data, media_type, filename, provider_options } => {
                            if media_type.starts_with("image/") {
                                image_item(&data, Some(&media_type), provider_options.as_ref())
                            } else if media_type == "application/pdf" {
                                if data.starts_with("http://") || data.starts_with("https://") {
                                    json!({ "type": "input_file", "file_url": data })
                                } else {
                                    json!({ "type": "input_file",
                                        "filename": filename.unwrap_or_else(|| format!("part-{index}.pdf")),
                                        "file_data": format!("data:application/pdf;base64,{data}") })
                                }
                            } else {
                                return Err(CallError::UnsupportedFunctionality(format!(
                                    "file part media type {media_type}"
                                )));
                            }
                        }
                    });
                }
                input.push(json!({ "role": "user", "content": items }));
            }
            ModelMessage::Assistant { content, .. } => {
                // Reasoning parts of one item (several summary parts) merge into one item.
                let mut reasoning_items: HashMap<String, usize> = HashMap::new();
                for part in content.clone().into_parts() {
                    match part {
                        AssistantPart::Text {
                            text,
                            provider_options,
                        } => {
                            let openai = provider_options.as_ref().and_then(|o| o.get("openai"));
                            let id = openai
                                .and_then(|o| o.get("itemId"))
                                .filter(|v| !v.is_null())
                                .cloned();
                            if let (true, Some(id)) = (store, &id) {
                                input.push(json!({ "type": "item_reference", "id": id }));
                                continue;
                            }
                            let mut item = json!({ "role": "assistant", "content": [{ "type": "output_text", "text": text }] });
                            if let Some(id) = id {
                                item["id"] = id;
                            }
                            if let Some(phase) =
                                openai.and_then(|o| o.get("phase")).filter(|v| !v.is_null())
                            {
                                item["phase"] = phase.clone();
                            }
                            input.push(item);
                        }
                        AssistantPart::ToolCall {
                            tool_call_id,
                            tool_name,
                            input: args,
                            provider_options,
                        } => {
                            let openai = provider_options.as_ref().and_then(|o| o.get("openai"));
                            let id = openai
                                .and_then(|o| o.get("itemId"))
                                .filter(|v| !v.is_null())
                                .cloned();
                            if let (true, Some(id)) = (store, &id) {
                                input.push(json!({ "type": "item_reference", "id": id }));
                                continue;
                            }
                            let mut item = json!({
                                "type": "function_call", "call_id": tool_call_id, "name": tool_name,
                                "arguments": args.to_string(),
                            });
                            if let Some(a) =
                                openai.and_then(|o| o.get("async")).filter(|v| !v.is_null())
                            {
                                item["async"] = a.clone();
                            }
                            if let Some(id) = id {
                                item["id"] = id;
                            }
                            input.push(item);
                        }
                        AssistantPart::Reasoning {
                            text,
                            provider_options,
                        } => {
                            let openai = provider_options.as_ref().and_then(|o| o.get("openai"));
                            let Some(id) =
                                openai.and_then(|o| o.get("itemId")).and_then(Value::as_str)
                            else {
                                warnings.push(json!({ "type": "other", "message": format!(
                                    "Non-OpenAI reasoning parts are not supported. Skipping reasoning part: {}.",
                                    json!({ "type": "reasoning", "text": text, "providerOptions": provider_options })) }));
                                continue;
                            };
                            let encrypted = openai
                                .and_then(|o| o.get("reasoningEncryptedContent"))
                                .filter(|v| !v.is_null())
                                .cloned();
                            if store {
                                if !reasoning_items.contains_key(id) {
                                    reasoning_items.insert(id.to_owned(), input.len());
                                    input.push(json!({ "type": "item_reference", "id": id }));
                                }
                                continue;
                            }
                            let summary: Vec<Value> = if text.is_empty() {
                                vec![]
                            } else {
                                vec![json!({ "type": "summary_text", "text": text })]
                            };
                            match reasoning_items.get(id) {
                                Some(&at) => {
                                    if let Some(list) = input[at]["summary"].as_array_mut() {
                                        list.extend(summary);
                                    }
                                    if let Some(e) = encrypted {
                                        input[at]["encrypted_content"] = e;
                                    }
                                }
                                None => {
                                    reasoning_items.insert(id.to_owned(), input.len());
                                    let mut item = json!({ "type": "reasoning", "id": id });
                                    if let Some(e) = encrypted {
                                        item["encrypted_content"] = e;
                                    }
                                    item["summary"] = Value::Array(summary);
                                    input.push(item);
                                }
                            }
                        }
                        AssistantPart::File { .. } | AssistantPart::ToolResult(_) => {}
                    }
                }
            }
            ModelMessage::Tool { content, .. } => {
                for result in content {
                    let output = match &result.output {
                        ToolResultOutput::Text(s) | ToolResultOutput::ErrorText(s) => json!(s),
                        ToolResultOutput::Json(v) | ToolResultOutput::ErrorJson(v) => json!(v.to_string()),
                        ToolResultOutput::Content(Value::Array(items)) => Value::Array(
                            items
                                .iter()
                                .map(|item| match item["type"].as_str() {
                                    Some("media") => {
                                        let media = item["mediaType"].as_str().unwrap_or_default();
                                        let url = format!("data:{media};base64,{}", item["data"].as_str().unwrap_or_default());
                                        if media.starts_with("image/") {
                                            json!({ "type": "input_image", "image_url": url })
                                        } else {
                                            json!({ "type": "input_file", "filename": "data", "file_data": url })
                                        }
                                    }
                                    _ => json!({ "type": "input_text", "text": item["text"] }),
                                })
                                .collect(),
                        ),
                        ToolResultOutput::Content(v) => json!(v.to_string()),
                    };
                    input.push(json!({ "type": "function_call_output", "call_id": result.tool_call_id, "output": output }));
                }
            }
        }
    }
    if !store
        && input
            .iter()
            .any(|i| i["type"] == "reasoning" && i.get("encrypted_content").is_none())
    {
        warnings.push(json!({ "type": "other", "message":
            "Reasoning parts without encrypted content are not supported when store is false. Skipping reasoning parts." }));
        input.retain(|i| i["type"] != "reasoning" || i.get("encrypted_content").is_some());
    }
    Ok(input)
}

fn image_item(data: &str, media_type: Option<&str>, provider_options: Option<&Value>) -> Value {
    let media_type = media_type.filter(|m| *m != "image/*");
    let url = if data.starts_with("file-") {
        None
    } else {
        Some(data_url(data, media_type))
    };
    let mut item = match url {
        Some(u) => json!({ "type": "input_image", "image_url": u }),
        None => json!({ "type": "input_image", "file_id": data }),
    };
    if let Some(detail) = provider_options
        .and_then(|o| o.get("openai"))
        .and_then(|o| o.get("imageDetail"))
    {
        item["detail"] = detail.clone();
    }
    item
}

impl Protocol for OpenAiResponses {
    fn build_request(
        &self,
        model: &ModelConfig,
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
        let input = convert_input(
            messages,
            caps.reasoning,
            store.as_ref().and_then(Value::as_bool).unwrap_or(true),
            &mut warnings,
        )?;

        let mut include: Option<Vec<Value>> = opt("include").and_then(|v| v.as_array().cloned());
        if store == Some(json!(false)) && caps.reasoning {
            let key = json!("reasoning.encrypted_content");
            let list = include.get_or_insert_with(Vec::new);
            if !list.contains(&key) {
                list.push(key);
            }
        }

        let mut body = Map::new();
        body.insert("model".into(), json!(model.model_id));
        body.insert("input".into(), Value::Array(input));
        put(&mut body, "temperature", call.temperature);
        put(&mut body, "top_p", call.top_p);
        put(&mut body, "max_output_tokens", call.max_output_tokens);
        if let Some(v) = opt("textVerbosity") {
            body.insert("text".into(), json!({ "verbosity": v }));
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
            let keeps_sampling = opt("reasoningEffort") == Some(json!("none"))
                && caps.supports_non_reasoning_parameters;
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
                warnings.push(json!({ "type": "unsupported-setting", "setting": "serviceTier",
                    "details": "flex processing is only available for o3, o4-mini, and gpt-5 models" }));
                body.remove("service_tier");
            }
            Some("priority") if !caps.supports_priority => {
                warnings.push(json!({ "type": "unsupported-setting", "setting": "serviceTier",
                    "details": "priority processing is only available for supported models (gpt-4, gpt-5, gpt-5-mini, o3, o4-mini) and requires Enterprise access. gpt-5-nano is not supported" }));
                body.remove("service_tier");
            }
            _ => {}
        }
        if !call.tools.is_empty() {
            let strict = opt("strictJsonSchema")
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            let tools: Vec<Value> = call
                .tools
                .iter()
                .map(|t| {
                    let mut tool = Map::new();
                    tool.insert("type".into(), json!("function"));
                    tool.insert("name".into(), json!(t.name));
                    put(&mut tool, "description", t.description.as_ref());
                    tool.insert("parameters".into(), t.input_schema.clone());
                    tool.insert("strict".into(), json!(strict));
                    Value::Object(tool)
                })
                .collect();
            body.insert("tools".into(), Value::Array(tools));
            let choice = call.tool_choice.as_ref().map(|c| match c {
                ToolChoice::Mode(ToolChoiceMode::Auto) => json!("auto"),
                ToolChoice::Mode(ToolChoiceMode::None) => json!("none"),
                ToolChoice::Mode(ToolChoiceMode::Required) => json!("required"),
                ToolChoice::Tool { tool_name, .. } => {
                    json!({ "type": "function", "name": tool_name })
                }
            });
            put(&mut body, "tool_choice", choice);
        }
        // The AI SDK reports the body without `stream`, which it adds when sending.
        let echo = Value::Object(body.clone());
        body.insert("stream".into(), json!(true));

        let headers = model.auth_headers("authorization", "Bearer ")?;
        Ok(ProtocolRequest {
            url: format!("{}/responses", model.base_url),
            headers,
            body: Value::Object(body),
            warnings,
            echo: Some(echo),
        })
    }

    fn decoder(&self, model: &ModelConfig, call: &CallOptions) -> Box<dyn StreamDecoder> {
        let store = call
            .provider_options
            .get("openai")
            .and_then(|o| o.get("store"))
            .and_then(Value::as_bool);
        Box::new(Decoder::new(
            model.provider_options_name.clone(),
            store.unwrap_or(false),
        ))
    }
}

pub fn map_finish_reason(reason: Option<&str>, has_function_call: bool) -> FinishReason {
    match reason {
        None => {
            if has_function_call {
                FinishReason::ToolCalls
            } else {
                FinishReason::Stop
            }
        }
        Some("max_output_tokens") => FinishReason::Length,
        Some("content_filter") => FinishReason::ContentFilter,
        Some(_) if has_function_call => FinishReason::ToolCalls,
        Some(_) => FinishReason::Unknown,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum SummaryStatus {
    Active,
    CanConclude,
    Concluded,
}

struct ActiveReasoning {
    encrypted: Value,
    parts: BTreeMap<u64, SummaryStatus>,
}

pub struct Decoder {
    key: String,
    /// `providerOptions.openai.store` was true: summary parts end as soon as they are done.
    store: bool,
    finish_reason: FinishReason,
    usage: Usage,
    response_id: Option<String>,
    service_tier: Option<Value>,
    has_function_call: bool,
    saw_error: bool,
    tool_calls: HashMap<u64, String>,
    reasoning: HashMap<String, ActiveReasoning>,
}

impl Decoder {
    pub fn new(key: String, store: bool) -> Self {
        Decoder {
            key,
            store,
            finish_reason: FinishReason::Unknown,
            usage: Usage::default(),
            response_id: None,
            service_tier: None,
            has_function_call: false,
            saw_error: false,
            tool_calls: HashMap::new(),
            reasoning: HashMap::new(),
        }
    }

    fn meta(&self, fields: Value) -> Option<Value> {
        Some(json!({ self.key.clone(): fields }))
    }
}

impl StreamDecoder for Decoder {
    fn decode(&mut self, event: &SseEvent, out: &mut Vec<ModelPart>) {
        let Some(v) = parse_event_json(&event.data, out) else {
            self.finish_reason = FinishReason::Error;
            return;
        };
        let item = &v["item"];
        let item_id = || item["id"].as_str().unwrap_or_default().to_owned();
        let output_index = v["output_index"].as_u64().unwrap_or(0);
        match v["type"].as_str().unwrap_or_default() {
            "response.created" => {
                let r = &v["response"];
                self.response_id = r["id"].as_str().map(str::to_owned);
                out.push(ModelPart::ResponseMetadata {
                    id: self.response_id.clone(),
                    model_id: r["model"].as_str().map(str::to_owned),
                    timestamp_ms: r["created_at"].as_f64().map(|s| (s * 1000.0) as i64),
                });
            }
            "response.output_item.added" => {
                match item["type"].as_str().unwrap_or_default() {
                    "function_call" => {
                        let call_id = item["call_id"].as_str().unwrap_or_default().to_owned();
                        self.tool_calls.insert(output_index, call_id.clone());
                        out.push(ModelPart::ToolInputStart {
                            id: call_id,
                            tool_name: item["name"].as_str().unwrap_or_default().to_owned(),
                            provider_metadata: None,
                        });
                    }
                    "message" => {
                        let mut m = json!({ "itemId": item_id() });
                        if !item["phase"].is_null() {
                            m["phase"] = item["phase"].clone();
                        }
                        out.push(ModelPart::TextStart {
                            id: item_id(),
                            provider_metadata: self.meta(m),
                        });
                    }
                    "reasoning" => {
                        let encrypted = item
                            .get("encrypted_content")
                            .cloned()
                            .unwrap_or(Value::Null);
                        self.reasoning.insert(
                            item_id(),
                            ActiveReasoning {
                                encrypted: encrypted.clone(),
                                parts: BTreeMap::from([(0, SummaryStatus::Active)]),
                            },
                        );
                        out.push(ModelPart::ReasoningStart {
                        id: format!("{}:0", item_id()),
                        provider_metadata: self.meta(json!({ "itemId": item_id(), "reasoningEncryptedContent": encrypted })),
                    });
                    }
                    _ => {} // provider-executed tools (web search, code interpreter, …) are not surfaced yet
                }
            }
            "response.output_item.done" => match item["type"].as_str().unwrap_or_default() {
                "message" => {
                    let mut m = json!({ "itemId": item_id() });
                    if !item["phase"].is_null() {
                        m["phase"] = item["phase"].clone();
                    }
                    out.push(ModelPart::TextEnd {
                        id: item_id(),
                        provider_metadata: self.meta(m),
                    });
                }
                "function_call" => {
                    self.tool_calls.remove(&output_index);
                    self.has_function_call = true;
                    let call_id = item["call_id"].as_str().unwrap_or_default().to_owned();
                    out.push(ModelPart::ToolInputEnd {
                        id: call_id.clone(),
                        provider_metadata: None,
                    });
                    let mut m = json!({ "itemId": item_id() });
                    if !item["async"].is_null() {
                        m["async"] = item["async"].clone();
                    }
                    out.push(ModelPart::ToolCall {
                        tool_call_id: call_id,
                        tool_name: item["name"].as_str().unwrap_or_default().to_owned(),
                        input: item["arguments"].as_str().unwrap_or_default().to_owned(),
                        provider_metadata: self.meta(m),
                    });
                }
                "reasoning" => {
                    if let Some(active) = self.reasoning.remove(&item_id()) {
                        let encrypted = item
                            .get("encrypted_content")
                            .cloned()
                            .unwrap_or(Value::Null);
                        for (index, status) in &active.parts {
                            if matches!(status, SummaryStatus::Active | SummaryStatus::CanConclude)
                            {
                                out.push(ModelPart::ReasoningEnd {
                                    id: format!("{}:{index}", item_id()),
                                    provider_metadata: self.meta(json!({ "itemId": item_id(), "reasoningEncryptedContent": encrypted })),
                                });
                            }
                        }
                    }
                }
                _ => {}
            },
            "response.function_call_arguments.delta" => {
                if let Some(call_id) = self.tool_calls.get(&output_index) {
                    out.push(ModelPart::ToolInputDelta {
                        id: call_id.clone(),
                        delta: v["delta"].as_str().unwrap_or_default().to_owned(),
                        provider_metadata: None,
                    });
                }
            }
            "response.output_text.delta" => out.push(ModelPart::TextDelta {
                id: v["item_id"].as_str().unwrap_or_default().to_owned(),
                delta: v["delta"].as_str().unwrap_or_default().to_owned(),
                provider_metadata: None,
            }),
            "response.reasoning_summary_part.added" => {
                let item_id = v["item_id"].as_str().unwrap_or_default().to_owned();
                let index = v["summary_index"].as_u64().unwrap_or(0);
                if index == 0 {
                    return;
                }
                let meta_end = self.meta(json!({ "itemId": item_id }));
                let Some(active) = self.reasoning.get_mut(&item_id) else {
                    return;
                };
                active.parts.insert(index, SummaryStatus::Active);
                for (i, status) in active.parts.iter_mut() {
                    if *status == SummaryStatus::CanConclude {
                        out.push(ModelPart::ReasoningEnd {
                            id: format!("{item_id}:{i}"),
                            provider_metadata: meta_end.clone(),
                        });
                        *status = SummaryStatus::Concluded;
                    }
                }
                let encrypted = active.encrypted.clone();
                out.push(ModelPart::ReasoningStart {
                    id: format!("{item_id}:{index}"),
                    provider_metadata: self
                        .meta(json!({ "itemId": item_id, "reasoningEncryptedContent": encrypted })),
                });
            }
            "response.reasoning_summary_text.delta" => {
                let item_id = v["item_id"].as_str().unwrap_or_default();
                out.push(ModelPart::ReasoningDelta {
                    id: format!("{item_id}:{}", v["summary_index"].as_u64().unwrap_or(0)),
                    delta: v["delta"].as_str().unwrap_or_default().to_owned(),
                    provider_metadata: self.meta(json!({ "itemId": item_id })),
                });
            }
            "response.reasoning_summary_part.done" => {
                let item_id = v["item_id"].as_str().unwrap_or_default().to_owned();
                let index = v["summary_index"].as_u64().unwrap_or(0);
                let meta = self.meta(json!({ "itemId": item_id }));
                let store = self.store;
                if let Some(active) = self.reasoning.get_mut(&item_id) {
                    if store {
                        out.push(ModelPart::ReasoningEnd {
                            id: format!("{item_id}:{index}"),
                            provider_metadata: meta,
                        });
                        active.parts.insert(index, SummaryStatus::Concluded);
                    } else {
                        active.parts.insert(index, SummaryStatus::CanConclude);
                    }
                }
            }
            "response.completed" | "response.incomplete" => {
                let r = &v["response"];
                self.finish_reason = map_finish_reason(
                    r["incomplete_details"]["reason"].as_str(),
                    self.has_function_call,
                );
                let u = &r["usage"];
                let (input, output) = (u["input_tokens"].as_u64(), u["output_tokens"].as_u64());
                self.usage = Usage {
                    input_tokens: input,
                    output_tokens: output,
                    total_tokens: Some(input.unwrap_or(0) + output.unwrap_or(0)),
                    reasoning_tokens: u["output_tokens_details"]["reasoning_tokens"].as_u64(),
                    cached_input_tokens: u["input_tokens_details"]["cached_tokens"].as_u64(),
                };
                if r["service_tier"].is_string() {
                    self.service_tier = Some(r["service_tier"].clone());
                }
            }
            "error" => {
                self.saw_error = true;
                out.push(ModelPart::Error(StreamError::Provider(v.clone())));
            }
            // The AI SDK ignores `response.failed`; when no `error` event told the reason, the
            // failure would be lost, so it is reported as one.
            "response.failed" if !self.saw_error => {
                self.saw_error = true;
                out.push(ModelPart::Error(StreamError::Provider(json!({
                    "type": "error", "error": v["response"]["error"].clone(),
                }))));
            }
            _ => {}
        }
    }

    fn finish(&mut self, out: &mut Vec<ModelPart>) {
        let mut meta = json!({ "responseId": self.response_id });
        if let Some(tier) = &self.service_tier {
            meta["serviceTier"] = tier.clone();
        }
        out.push(ModelPart::Finish {
            finish_reason: self.finish_reason,
            usage: self.usage,
            provider_metadata: self.meta(meta),
        });
    }
}

#[cfg(test)]
mod tests;
