//! The Responses stream decoder: output items (messages, function calls, reasoning with
//! summaries), usage, finish reason.
use super::map_finish_reason::map_finish_reason;
use super::provider_tools::{file_search_output, local_shell_exec, renamed, web_search_output};
use crate::error::StreamError;
use crate::ids::generate_id;
use crate::parts::{ModelPart, Source};
use crate::protocols::protocol::{parse_event_json, StreamDecoder};
use crate::sse::SseEvent;
use crate::types::{FinishReason, Usage};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

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
    /// `response.reasoning.context` of the completed response (`providerMetadata.openai.reasoningContext`).
    reasoning_context: Option<Value>,
    /// Usage details the AI SDK reports in `providerMetadata.openai.usage` (cache writes,
    /// orchestration tokens).
    usage_metadata: Option<Value>,
    has_function_call: bool,
    saw_error: bool,
    tool_calls: HashMap<u64, String>,
    reasoning: HashMap<String, ActiveReasoning>,
    /// The id each open output item was added with, by output index.
    item_ids: HashMap<u64, String>,
    /// What web search calls are named (the app's key for its web search tool).
    web_search_name: String,
    /// Code interpreter calls whose code is streaming: item id and container, by output index.
    code_calls: HashMap<u64, (String, String)>,
    /// The annotations of the open message (they go on its `text-end`).
    annotations: Vec<Value>,
}

impl Decoder {
    pub fn new(key: String, store: bool, web_search_name: String) -> Self {
        Decoder {
            web_search_name,
            code_calls: HashMap::new(),
            annotations: Vec::new(),
            key,
            store,
            finish_reason: FinishReason::Unknown,
            usage: Usage::default(),
            response_id: None,
            service_tier: None,
            reasoning_context: None,
            usage_metadata: None,
            has_function_call: false,
            saw_error: false,
            tool_calls: HashMap::new(),
            reasoning: HashMap::new(),
            item_ids: HashMap::new(),
        }
    }

    fn meta(&self, fields: Value) -> Option<Value> {
        Some(json!({ self.key.clone(): fields }))
    }
}

impl StreamDecoder for Decoder {
    fn decode(&mut self, event: &SseEvent, out: &mut Vec<ModelPart>) {
        let Some(v) = parse_event_json(event.data, out) else {
            self.finish_reason = FinishReason::Error;
            return;
        };
        let item = &v["item"];
        let output_index = v["output_index"].as_u64().unwrap_or(0);
        // GitHub Copilot's Responses streams give an item a new id in every event: the id it was
        // added with (found by its output index) names all of its parts.
        let kind = v["type"].as_str().unwrap_or_default();
        if kind == "response.output_item.added" {
            if let Some(id) = item["id"].as_str() {
                self.item_ids.insert(output_index, id.to_owned());
            }
        }
        let added_id = v["output_index"]
            .as_u64()
            .and_then(|i| self.item_ids.get(&i))
            .cloned();
        if kind == "response.output_item.done" {
            self.item_ids.remove(&output_index);
        }
        let item_id = || {
            added_id
                .clone()
                .unwrap_or_else(|| item["id"].as_str().unwrap_or_default().to_owned())
        };
        let event_item_id = added_id
            .clone()
            .unwrap_or_else(|| v["item_id"].as_str().unwrap_or_default().to_owned());
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
                            provider_executed: false,
                        });
                    }
                    "message" => {
                        self.annotations.clear();
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
                    "web_search_call" => {
                        let (id, name) = (item_id(), self.web_search_name.clone());
                        out.push(provider_call_start(&id, &name));
                        out.push(ModelPart::ToolInputEnd {
                            id: id.clone(),
                            provider_metadata: None,
                        });
                        out.push(provider_call(id, name, "{}".into()));
                    }
                    kind @ ("file_search_call" | "image_generation_call") => {
                        let name = kind.trim_end_matches("_call").to_owned();
                        out.push(provider_call(item_id(), name, "{}".into()));
                    }
                    "code_interpreter_call" => {
                        let (id, container) = (
                            item_id(),
                            item["container_id"].as_str().unwrap_or_default().to_owned(),
                        );
                        out.push(provider_call_start(&id, "code_interpreter"));
                        out.push(ModelPart::ToolInputDelta {
                            id: id.clone(),
                            delta: format!("{{\"containerId\":\"{container}\",\"code\":\""),
                            provider_metadata: None,
                        });
                        self.code_calls.insert(output_index, (id, container));
                    }
                    _ => {} // MCP items and others: skipped, as the AI SDK does
                }
            }
            "response.output_item.done" => match item["type"].as_str().unwrap_or_default() {
                "web_search_call" => out.push(provider_result(
                    item_id(),
                    &self.web_search_name,
                    web_search_output(item),
                )),
                "file_search_call" => out.push(provider_result(
                    item_id(),
                    "file_search",
                    file_search_output(item),
                )),
                "image_generation_call" => out.push(provider_result(
                    item_id(),
                    "image_generation",
                    json!({ "result": item["result"] }),
                )),
                "code_interpreter_call" => out.push(provider_result(
                    item_id(),
                    "code_interpreter",
                    json!({ "outputs": item["outputs"] }),
                )),
                // A shell command the app runs (not provider-executed).
                "local_shell_call" => {
                    let exec = local_shell_exec(&item["action"], false);
                    out.push(ModelPart::ToolCall {
                        tool_call_id: item["call_id"].as_str().unwrap_or_default().to_owned(),
                        tool_name: "local_shell".into(),
                        input: json!({ "action": exec }).to_string(),
                        provider_metadata: self.meta(json!({ "itemId": item_id() })),
                        provider_executed: false,
                    });
                }
                "message" => {
                    let mut m = json!({ "itemId": item_id() });
                    if !item["phase"].is_null() {
                        m["phase"] = item["phase"].clone();
                    }
                    if !self.annotations.is_empty() {
                        m["annotations"] = Value::Array(std::mem::take(&mut self.annotations));
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
                        provider_executed: false,
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
            "response.code_interpreter_call_code.delta" => {
                if let Some((id, _)) = self.code_calls.get(&output_index) {
                    let quoted = Value::String(v["delta"].as_str().unwrap_or_default().to_owned())
                        .to_string();
                    out.push(ModelPart::ToolInputDelta {
                        id: id.clone(),
                        delta: quoted[1..quoted.len() - 1].to_owned(),
                        provider_metadata: None,
                    });
                }
            }
            "response.code_interpreter_call_code.done" => {
                if let Some((id, container)) = self.code_calls.remove(&output_index) {
                    out.push(ModelPart::ToolInputDelta {
                        id: id.clone(),
                        delta: "\"}".into(),
                        provider_metadata: None,
                    });
                    out.push(ModelPart::ToolInputEnd {
                        id: id.clone(),
                        provider_metadata: None,
                    });
                    let input = json!({ "code": v["code"], "containerId": container }).to_string();
                    out.push(provider_call(id, "code_interpreter".into(), input));
                }
            }
            "response.output_text.annotation.added" => {
                let a = &v["annotation"];
                // An annotation without the fields the AI SDK's schema needs is skipped as it is
                // (xAI sends url citations with only a url).
                let has = |keys: &[&str]| keys.iter().all(|k| !a[*k].is_null());
                let source = match a["type"].as_str() {
                    Some("url_citation") if has(&["start_index", "end_index", "url", "title"]) => {
                        Source {
                            source_type: "url",
                            id: generate_id("src"),
                            url: a["url"].as_str().map(str::to_owned),
                            media_type: None,
                            title: a["title"].as_str().map(str::to_owned),
                            filename: None,
                            provider_metadata: None,
                        }
                    }
                    Some("file_citation") if a["file_id"].is_string() => {
                        let file_id = a["file_id"].as_str().unwrap_or_default();
                        let title = a["quote"]
                            .as_str()
                            .or(a["filename"].as_str())
                            .unwrap_or("Document");
                        Source {
                            source_type: "document",
                            id: generate_id("src"),
                            url: None,
                            media_type: Some("text/plain".into()),
                            title: Some(title.to_owned()),
                            filename: Some(a["filename"].as_str().unwrap_or(file_id).to_owned()),
                            provider_metadata: Some(json!({ "openai": { "fileId": file_id } })),
                        }
                    }
                    _ => return, // other annotation kinds: skipped, as the AI SDK does
                };
                // (The fields the AI SDK's schema keeps.)
                let keys: &[&str] = match source.source_type {
                    "url" => &["type", "start_index", "end_index", "url", "title"],
                    _ => &[
                        "type",
                        "file_id",
                        "filename",
                        "index",
                        "start_index",
                        "end_index",
                        "quote",
                    ],
                };
                let pairs: Vec<(&str, &str)> = keys.iter().map(|k| (*k, *k)).collect();
                self.annotations.push(renamed(a, &pairs));
                out.push(ModelPart::Source(source));
            }
            "response.output_text.delta" => out.push(ModelPart::TextDelta {
                id: event_item_id,
                delta: v["delta"].as_str().unwrap_or_default().to_owned(),
                provider_metadata: None,
            }),
            "response.reasoning_summary_part.added" => {
                let item_id = event_item_id;
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
                let item_id = event_item_id.as_str();
                out.push(ModelPart::ReasoningDelta {
                    id: format!("{item_id}:{}", v["summary_index"].as_u64().unwrap_or(0)),
                    delta: v["delta"].as_str().unwrap_or_default().to_owned(),
                    provider_metadata: self.meta(json!({ "itemId": item_id })),
                });
            }
            "response.reasoning_summary_part.done" => {
                let item_id = event_item_id;
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
                if let Some(context) = r["reasoning"].get("context").filter(|c| !c.is_null()) {
                    self.reasoning_context = Some(context.clone());
                }
                self.usage_metadata = usage_metadata(u);
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
        if let Some(context) = &self.reasoning_context {
            meta["reasoningContext"] = context.clone();
        }
        if let Some(usage) = &self.usage_metadata {
            meta["usage"] = usage.clone();
        }
        out.push(ModelPart::Finish {
            finish_reason: self.finish_reason,
            usage: self.usage,
            provider_metadata: self.meta(meta),
        });
    }
}

/// The usage details `@ai-sdk/openai` reports in `providerMetadata.openai.usage` (none: `None`).
fn usage_metadata(usage: &Value) -> Option<Value> {
    let fields = [
        (
            "cacheWriteTokens",
            &usage["input_tokens_details"]["cache_write_tokens"],
        ),
        (
            "orchestrationInputTokens",
            &usage["input_tokens_details"]["orchestration_input_tokens"],
        ),
        (
            "orchestrationInputCachedTokens",
            &usage["input_tokens_details"]["orchestration_input_cached_tokens"],
        ),
        (
            "orchestrationOutputTokens",
            &usage["output_tokens_details"]["orchestration_output_tokens"],
        ),
    ];
    let found: serde_json::Map<String, Value> = fields
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect();
    (!found.is_empty()).then_some(Value::Object(found))
}

/// `tool-input-start` of a tool OpenAI runs.
fn provider_call_start(id: &str, name: &str) -> ModelPart {
    ModelPart::ToolInputStart {
        id: id.to_owned(),
        tool_name: name.to_owned(),
        provider_metadata: None,
        provider_executed: true,
    }
}

/// The `tool-call` of a tool OpenAI runs.
fn provider_call(id: String, name: String, input: String) -> ModelPart {
    ModelPart::ToolCall {
        tool_call_id: id,
        tool_name: name,
        input,
        provider_metadata: None,
        provider_executed: true,
    }
}

/// The result of a tool OpenAI ran.
fn provider_result(id: String, name: &str, result: Value) -> ModelPart {
    ModelPart::ToolResult {
        tool_call_id: id,
        tool_name: name.to_owned(),
        result,
        is_error: false,
        provider_metadata: None,
    }
}
