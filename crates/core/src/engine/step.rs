//! One step of `streamText`: turns a protocol's `ModelPart`s into `fullStream` parts (as the AI SDK's
//! `runToolsTransformation` + `streamText` do) and records what the result promises resolve to.
use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::catalog::cost::Pricing;
use crate::ids::generate_id;
use crate::parts::{ModelPart, ResponseInfo, StreamPart, ToolCallPart};
use crate::types::{FinishReason, Usage};

/// One entry of the step's `content`, in the order the blocks started.
enum ContentEntry {
    Text {
        id: String,
        text: String,
        provider_metadata: Option<Value>,
    },
    Reasoning {
        id: String,
        text: String,
        provider_metadata: Option<Value>,
    },
    ToolCall(ToolCallPart),
    ToolError(Value),
    /// A part kept as it went out: sources, files, provider-executed tools' results.
    AsSent(Value),
}

pub struct Step {
    model_id: String,
    tool_names: Vec<String>,
    request: Value,
    warnings: Vec<Value>,
    content: Vec<ContentEntry>,
    response: ResponseInfo,
    finish: Option<(FinishReason, Usage, Option<Value>)>,
    /// An error part was seen: without a later finish, the step finished with `error`.
    error_seen: bool,
    pricing: Option<Arc<Pricing>>,
    /// Which model of a fallback chain served (`providerMetadata.llmNative.fallback`).
    fallback: Option<Value>,
}

impl Step {
    pub fn new(
        model_id: &str,
        tool_names: Vec<String>,
        request: Value,
        warnings: Vec<Value>,
    ) -> Self {
        Step {
            model_id: model_id.to_owned(),
            tool_names,
            request,
            warnings,
            content: Vec::new(),
            response: ResponseInfo::default(),
            finish: None,
            error_seen: false,
            pricing: None,
            fallback: None,
        }
    }

    /// Prices to report the step's cost with (`finish-step` and the step result get `cost`).
    pub fn set_pricing(&mut self, pricing: Option<Arc<Pricing>>) {
        self.pricing = pricing;
    }

    /// Reports which model of a fallback chain served, in the step's provider metadata.
    pub fn set_fallback(&mut self, served: Value) {
        self.fallback = Some(served);
    }

    /// The `start-step` part (the step record keeps its request too).
    pub fn start_part(&self) -> StreamPart {
        StreamPart::StartStep {
            request: self.request.clone(),
            warnings: self.warnings.clone(),
        }
    }

    pub fn set_response_headers(&mut self, headers: BTreeMap<String, String>) {
        self.response.headers = headers;
    }

    fn open_block(&mut self, id: &str, reasoning: bool) -> Option<&mut String> {
        self.content.iter_mut().rev().find_map(|e| match e {
            ContentEntry::Text { id: i, text, .. } if !reasoning && i == id => Some(text),
            ContentEntry::Reasoning { id: i, text, .. } if reasoning && i == id => Some(text),
            _ => None,
        })
    }

    /// Adds a text delta to its block (`on_part`, and the stream's per-token fast lane).
    pub fn append_text(&mut self, id: &str, delta: &str) {
        match self.open_block(id, false) {
            Some(text) => text.push_str(delta),
            // A delta without a start still counts as text (lenient with odd providers).
            None => self.content.push(ContentEntry::Text {
                id: id.to_owned(),
                text: delta.to_owned(),
                provider_metadata: None,
            }),
        }
    }

    /// Converts one model part, pushing the resulting stream parts to `emit`.
    pub fn on_part(&mut self, part: ModelPart, emit: &mut impl FnMut(StreamPart)) {
        match part {
            ModelPart::ResponseMetadata {
                id,
                model_id,
                timestamp_ms,
            } => {
                if let Some(id) = id {
                    self.response.id = id;
                }
                if let Some(m) = model_id {
                    self.response.model_id = m;
                }
                if timestamp_ms.is_some() {
                    self.response.timestamp = timestamp_ms;
                }
            }
            ModelPart::TextStart {
                id,
                provider_metadata,
            } => {
                self.content.push(ContentEntry::Text {
                    id: id.clone(),
                    text: String::new(),
                    provider_metadata: provider_metadata.clone(),
                });
                emit(StreamPart::TextStart {
                    id,
                    provider_metadata,
                });
            }
            ModelPart::TextDelta {
                id,
                delta,
                provider_metadata,
            } => {
                self.append_text(&id, &delta);
                // A delta's metadata (e.g. a Gemini thought signature) becomes the block's.
                if let Some(pm) = &provider_metadata {
                    self.set_block_metadata(&id, false, pm.clone());
                }
                emit(StreamPart::TextDelta {
                    id,
                    text: delta,
                    provider_metadata,
                });
            }
            ModelPart::TextEnd {
                id,
                provider_metadata,
            } => {
                if let Some(pm) = &provider_metadata {
                    self.set_block_metadata(&id, false, pm.clone());
                }
                emit(StreamPart::TextEnd {
                    id,
                    provider_metadata,
                })
            }
            ModelPart::ReasoningStart {
                id,
                provider_metadata,
            } => {
                self.content.push(ContentEntry::Reasoning {
                    id: id.clone(),
                    text: String::new(),
                    provider_metadata: provider_metadata.clone(),
                });
                emit(StreamPart::ReasoningStart {
                    id,
                    provider_metadata,
                });
            }
            ModelPart::ReasoningDelta {
                id,
                delta,
                provider_metadata,
            } => {
                match self.open_block(&id, true) {
                    Some(text) => text.push_str(&delta),
                    None => self.content.push(ContentEntry::Reasoning {
                        id: id.clone(),
                        text: delta.clone(),
                        provider_metadata: None,
                    }),
                }
                if let Some(pm) = &provider_metadata {
                    self.set_block_metadata(&id, true, pm.clone());
                }
                emit(StreamPart::ReasoningDelta {
                    id,
                    text: delta,
                    provider_metadata,
                });
            }
            ModelPart::ReasoningEnd {
                id,
                provider_metadata,
            } => {
                if let Some(pm) = &provider_metadata {
                    self.set_block_metadata(&id, true, pm.clone());
                }
                emit(StreamPart::ReasoningEnd {
                    id,
                    provider_metadata,
                });
            }
            ModelPart::ToolInputStart {
                id,
                tool_name,
                provider_metadata,
                provider_executed,
            } => emit(StreamPart::ToolInputStart {
                dynamic: false,
                id,
                tool_name,
                provider_metadata,
                provider_executed: provider_executed.then_some(true),
            }),
            ModelPart::ToolInputDelta {
                id,
                delta,
                provider_metadata,
            } => emit(StreamPart::ToolInputDelta {
                id,
                delta,
                provider_metadata,
            }),
            ModelPart::ToolInputEnd {
                id,
                provider_metadata,
            } => emit(StreamPart::ToolInputEnd {
                id,
                provider_metadata,
            }),
            ModelPart::ToolCall {
                tool_call_id,
                tool_name,
                input,
                provider_metadata,
                provider_executed,
            } => {
                let mut call =
                    self.parse_tool_call(tool_call_id, tool_name, input, provider_metadata);
                if provider_executed {
                    call.provider_executed = Some(true);
                    // The provider ran it: a tool the app did not declare is no error.
                    if !self.declares(&call.tool_name) {
                        call.dynamic = Some(true);
                        if call
                            .error
                            .as_ref()
                            .is_some_and(|e| e["name"] == "AI_NoSuchToolError")
                        {
                            call.error = None;
                            call.invalid = None;
                        }
                    }
                }
                emit(StreamPart::ToolCall(call.clone()));
                if let Some(error) = &call.error {
                    let message = error["message"].as_str().unwrap_or_default().to_owned();
                    let part = StreamPart::ToolError {
                        tool_call_id: call.tool_call_id.clone(),
                        tool_name: call.tool_name.clone(),
                        input: call.input.clone(),
                        error: message,
                        dynamic: true,
                    };
                    self.content.push(ContentEntry::ToolCall(call));
                    self.content.push(ContentEntry::ToolError(
                        serde_json::to_value(&part).unwrap_or_default(),
                    ));
                    emit(part);
                } else {
                    self.content.push(ContentEntry::ToolCall(call));
                }
            }
            ModelPart::ToolResult {
                tool_call_id,
                tool_name,
                result,
                is_error,
                provider_metadata,
            } => {
                let input = self.call_input(&tool_call_id);
                let dynamic = !self.declares(&tool_name);
                let mut part = if is_error {
                    json!({ "type": "tool-error", "toolCallId": tool_call_id, "toolName": tool_name,
                        "input": input, "error": result, "providerExecuted": true })
                } else {
                    json!({ "type": "tool-result", "toolCallId": tool_call_id, "toolName": tool_name,
                        "input": input, "output": result, "providerExecuted": true })
                };
                if dynamic {
                    part["dynamic"] = json!(true);
                }
                if let Some(pm) = provider_metadata {
                    part["providerMetadata"] = pm;
                }
                self.content.push(ContentEntry::AsSent(part.clone()));
                emit(StreamPart::Whole(part));
            }
            ModelPart::File { media_type, data } => {
                let part =
                    json!({ "type": "file", "file": { "base64": data, "mediaType": media_type } });
                self.content.push(ContentEntry::AsSent(part.clone()));
                emit(StreamPart::Whole(part));
            }
            ModelPart::Source(source) => {
                let part = StreamPart::Source(source);
                self.content.push(ContentEntry::AsSent(
                    serde_json::to_value(&part).unwrap_or_default(),
                ));
                emit(part);
            }
            ModelPart::Finish {
                finish_reason,
                usage,
                provider_metadata,
            } => {
                emit(StreamPart::ModelFinish { finish_reason });
                self.finish = Some((finish_reason, usage, provider_metadata));
            }
            ModelPart::Error(e) => {
                self.error_seen = true;
                emit(StreamPart::Error { error: e.to_json() })
            }
        }
    }

    fn declares(&self, tool_name: &str) -> bool {
        self.tool_names.iter().any(|n| n == tool_name)
    }

    /// The parsed input of the call `id` of this step (`null` when there is none).
    fn call_input(&self, id: &str) -> Value {
        self.content
            .iter()
            .rev()
            .find_map(|e| match e {
                ContentEntry::ToolCall(call) if call.tool_call_id == id => Some(call.input.clone()),
                _ => None,
            })
            .unwrap_or(Value::Null)
    }

    /// Sets the provider metadata of the latest text (or reasoning) block `id`.
    fn set_block_metadata(&mut self, id: &str, reasoning: bool, pm: Value) {
        let block = self.content.iter_mut().rev().find_map(|e| match e {
            ContentEntry::Text {
                id: i,
                provider_metadata,
                ..
            } if !reasoning && i == id => Some(provider_metadata),
            ContentEntry::Reasoning {
                id: i,
                provider_metadata,
                ..
            } if reasoning && i == id => Some(provider_metadata),
            _ => None,
        });
        if let Some(slot) = block {
            *slot = Some(pm);
        }
    }

    /// Parses the input JSON and checks the tool exists, marking the call invalid (with the AI SDK
    /// error) otherwise. Empty input means `{}`.
    fn parse_tool_call(
        &self,
        tool_call_id: String,
        tool_name: String,
        input: String,
        provider_metadata: Option<Value>,
    ) -> ToolCallPart {
        let parsed: Result<Value, String> = if input.trim().is_empty() {
            Ok(json!({}))
        } else {
            serde_json::from_str(&input)
                .map_err(|e| e.to_string())
                .and_then(reject_prototype_keys)
        };
        let error = if !self.tool_names.iter().any(|n| n == &tool_name) {
            let available = if self.tool_names.is_empty() {
                "No tools are available.".to_owned()
            } else {
                format!("Available tools: {}.", self.tool_names.join(", "))
            };
            let mut e = json!({
                "name": "AI_NoSuchToolError",
                "message": format!("Model tried to call unavailable tool '{tool_name}'. {available}"),
                "toolName": tool_name,
            });
            if !self.tool_names.is_empty() {
                e["availableTools"] = json!(self.tool_names);
            }
            Some(e)
        } else if let Err(cause) = &parsed {
            Some(json!({
                "name": "AI_InvalidToolInputError",
                "message": format!("Invalid input for tool {tool_name}: JSON parsing failed: Text: {input}.\nError message: {cause}"),
                "toolName": tool_name,
                "toolInput": input,
            }))
        } else {
            None
        };
        let invalid = error.is_some();
        ToolCallPart {
            tool_call_id,
            tool_name,
            input: parsed.unwrap_or(Value::String(input)),
            provider_metadata,
            dynamic: invalid.then_some(true),
            invalid: invalid.then_some(true),
            error,
            provider_executed: None,
        }
    }

    /// Emits `finish-step` and returns the step result (AI SDK `StepResult`, as plain data) and
    /// its usage and finish reason.
    pub fn finish(mut self, emit: &mut impl FnMut(StreamPart)) -> (Value, Usage, FinishReason) {
        // A model stream that never finished (cut, or abandoned after an invalid sequence)
        // reports no usage and, after an error part, `error`, as the AI SDK's streamText does.
        let (finish_reason, usage, mut provider_metadata) = match self.finish.take() {
            Some(finish) => finish,
            None if self.error_seen => (FinishReason::Error, Usage::default(), None),
            None => (FinishReason::Unknown, Usage::default(), None),
        };
        if let Some(served) = self.fallback.take() {
            let metadata = provider_metadata.get_or_insert_with(|| json!({}));
            if metadata.is_object() {
                metadata["llmNative"]["fallback"] = served;
            }
        }
        if self.response.id.is_empty() {
            self.response.id = generate_id("aitxt");
        }
        if self.response.model_id.is_empty() {
            self.response.model_id = self.model_id.clone();
        }
        if self.response.timestamp.is_none() {
            self.response.timestamp = Some(now_ms());
        }
        let cost = self
            .pricing
            .as_ref()
            .map(|p| p.cost(&usage, provider_metadata.as_ref()));
        emit(StreamPart::FinishStep {
            finish_reason,
            usage,
            provider_metadata: provider_metadata.clone(),
            response: self.response.clone(),
            cost,
        });
        let mut result = self.into_result(finish_reason, usage, provider_metadata);
        if let Some(c) = cost {
            result["cost"] = json!(c);
        }
        (result, usage, finish_reason)
    }

    /// The step record: its content once (text, reasoning, tool calls and their errors, in
    /// order) with finish reason, usage, request and response. What the AI SDK's `StepResult`
    /// derives from the content (`text`, `reasoning`, `toolCalls`, `response.messages`, …) the
    /// host derives (`lib/steps.js`), so a long answer crosses once, not four times.
    fn into_result(
        self,
        finish_reason: FinishReason,
        usage: Usage,
        provider_metadata: Option<Value>,
    ) -> Value {
        let content: Vec<Value> = self
            .content
            .into_iter()
            .map(|entry| match entry {
                ContentEntry::Text {
                    text,
                    provider_metadata: pm,
                    ..
                } => with_optional(
                    json!({ "type": "text", "text": text }),
                    "providerMetadata",
                    &pm,
                ),
                ContentEntry::Reasoning {
                    text,
                    provider_metadata: pm,
                    ..
                } => with_optional(
                    json!({ "type": "reasoning", "text": text }),
                    "providerMetadata",
                    &pm,
                ),
                ContentEntry::ToolCall(call) => {
                    let mut part = serde_json::to_value(&call).unwrap_or_default();
                    part["type"] = json!("tool-call");
                    part
                }
                ContentEntry::ToolError(part) | ContentEntry::AsSent(part) => part,
            })
            .collect();
        let mut step = Map::new();
        step.insert("content".into(), Value::Array(content));
        step.insert("finishReason".into(), json!(finish_reason));
        step.insert("usage".into(), json!(usage));
        step.insert("warnings".into(), Value::Array(self.warnings));
        step.insert("request".into(), self.request);
        step.insert(
            "response".into(),
            serde_json::to_value(&self.response).unwrap_or_default(),
        );
        if let Some(pm) = provider_metadata {
            step.insert("providerMetadata".into(), pm);
        }
        Value::Object(step)
    }
}

/// Refuses JSON that would set an object's prototype once parsed by JavaScript and merged
/// naively (`__proto__`, or `constructor.prototype`), as the AI SDK's `secure-json-parse` does,
/// with its wording: such tool input is invalid and never reaches `execute`.
fn reject_prototype_keys(v: Value) -> Result<Value, String> {
    fn forbidden(v: &Value) -> bool {
        match v {
            Value::Object(o) => o.iter().any(|(k, child)| {
                k == "__proto__"
                    || (k == "constructor" && child.get("prototype").is_some())
                    || forbidden(child)
            }),
            Value::Array(a) => a.iter().any(forbidden),
            _ => false,
        }
    }
    if forbidden(&v) {
        Err("Object contains forbidden prototype property".into())
    } else {
        Ok(v)
    }
}

fn with_optional(mut v: Value, key: &str, extra: &Option<Value>) -> Value {
    if let Some(x) = extra {
        v[key] = x.clone();
    }
    v
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(tools: &[&str], input: &str) -> (Vec<StreamPart>, Value) {
        let mut step = Step::new(
            "m",
            tools.iter().map(|s| s.to_string()).collect(),
            json!({}),
            vec![],
        );
        let mut parts = Vec::new();
        step.on_part(
            ModelPart::ToolCall {
                tool_call_id: "c1".into(),
                tool_name: "weather".into(),
                input: input.into(),
                provider_metadata: None,
                provider_executed: false,
            },
            &mut |p| parts.push(p),
        );
        let (result, _, _) = step.finish(&mut |p| parts.push(p));
        (parts, result)
    }

    fn js(part: &StreamPart) -> Value {
        serde_json::to_value(part).unwrap()
    }

    #[test]
    fn valid_call_parses_input_and_empty_input_is_an_empty_object() {
        let (parts, result) = run(&["weather"], "{\"city\":\"Oslo\"}");
        assert_eq!(
            js(&parts[0]),
            json!({ "type": "tool-call", "toolCallId": "c1", "toolName": "weather", "input": { "city": "Oslo" } })
        );
        assert_eq!(result["content"][0]["input"], json!({ "city": "Oslo" }));
        assert_eq!(result["content"][0]["type"], "tool-call");
        let (parts, _) = run(&["weather"], "  ");
        assert_eq!(js(&parts[0])["input"], json!({}));
    }

    #[test]
    fn unparsable_input_marks_the_call_invalid_and_adds_a_tool_error() {
        let (parts, result) = run(&["weather"], "{\"city\":");
        let call = js(&parts[0]);
        assert_eq!(call["invalid"], true);
        assert_eq!(call["dynamic"], true);
        assert_eq!(call["input"], "{\"city\":");
        assert_eq!(call["error"]["name"], "AI_InvalidToolInputError");
        let error = js(&parts[1]);
        assert_eq!(error["type"], "tool-error");
        assert!(error["error"]
            .as_str()
            .unwrap()
            .starts_with("Invalid input for tool weather: JSON parsing failed"));
        // The record holds the call and its error once; the host builds the messages from them.
        assert_eq!(result["content"][1]["type"], "tool-error");
        assert!(result["response"].get("messages").is_none());
    }

    #[test]
    fn prototype_keys_make_the_input_invalid() {
        for input in [
            r#"{"__proto__":{"isAdmin":true}}"#,
            r#"{"a":[{"b":{"__proto__":{}}}]}"#,
            r#"{"constructor":{"prototype":{"x":1}}}"#,
        ] {
            let (parts, _) = run(&["weather"], input);
            let call = js(&parts[0]);
            assert_eq!(call["invalid"], true, "{input}");
            assert!(call["error"]["message"]
                .as_str()
                .unwrap()
                .ends_with("Error message: Object contains forbidden prototype property"));
            assert_eq!(js(&parts[1])["type"], "tool-error");
        }
        // `constructor` as plain data is fine.
        let (parts, _) = run(&["weather"], r#"{"constructor":"Ford"}"#);
        assert!(js(&parts[0]).get("invalid").is_none());
    }

    #[test]
    fn unknown_tool_lists_the_available_ones() {
        let (parts, _) = run(&["search", "read"], "{}");
        assert_eq!(
            js(&parts[0])["error"]["availableTools"],
            json!(["search", "read"])
        );
        assert_eq!(
            js(&parts[1])["error"],
            "Model tried to call unavailable tool 'weather'. Available tools: search, read."
        );
    }

    #[test]
    fn a_step_without_finish_reports_unknown_and_empty_usage() {
        let (parts, result) = run(&["weather"], "{}");
        let finish = js(parts.last().unwrap());
        assert_eq!(finish["type"], "finish-step");
        assert_eq!(finish["finishReason"], "unknown");
        assert_eq!(finish["usage"], json!({}));
        assert!(result.get("reasoningText").is_none());
        assert!(finish["response"]["id"]
            .as_str()
            .unwrap()
            .starts_with("aitxt-"));
    }
}
