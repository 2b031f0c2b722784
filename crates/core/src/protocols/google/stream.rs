//! The Gemini stream decoder: candidates' parts (text, thoughts, function calls whole or
//! streamed, code Gemini ran, generated files), grounding sources, usage, safety blocks, errors
//! sent inside the stream.
use super::map_finish_reason::map_finish_reason;
use super::sources::url_sources;
use super::streamed_call_args::StreamedArgs;
use crate::error::StreamError;
use crate::ids::generate_id;
use crate::parts::{ModelPart, Source};
use crate::protocols::protocol::{parse_event_json, StreamDecoder};
use crate::sse::SseEvent;
use crate::types::{FinishReason, Usage};
use serde_json::{json, Value};

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
    /// Calls whose arguments are streaming, innermost last.
    streamed_calls: Vec<StreamedCall>,
    /// Source URLs already sent (each goes once per stream).
    source_urls: Vec<String>,
    /// The last `executableCode` call, which the next `codeExecutionResult` answers.
    code_execution_id: Option<String>,
}

/// A function call whose arguments are still streaming (`partialArgs`).
struct StreamedCall {
    id: String,
    name: String,
    provider_metadata: Option<Value>,
    args: StreamedArgs,
}

impl Decoder {
    /// One `functionCall` part: a whole call, or a piece of one whose arguments stream
    /// (`willContinue`, `partialArgs`; an empty `functionCall` ends it).
    fn function_call(&mut self, part: &Value, out: &mut Vec<ModelPart>) {
        let call = &part["functionCall"];
        let pm = part
            .get("thoughtSignature")
            .filter(|s| !s.is_null())
            .map(|s| json!({ "google": { "thoughtSignature": s } }));
        let name = call["name"].as_str().filter(|n| !n.is_empty());
        let partial = call["partialArgs"].as_array();
        let will_continue = call["willContinue"] == Value::Bool(true);
        let args = call.get("args").filter(|a| !a.is_null());
        let id = || {
            call["id"]
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| generate_id("call"))
        };
        if partial.is_some() || (name.is_some() && will_continue) {
            if let Some(name) = name {
                let id = id();
                out.push(ModelPart::ToolInputStart {
                    id: id.clone(),
                    tool_name: name.to_owned(),
                    provider_metadata: pm.clone(),
                    provider_executed: false,
                });
                self.streamed_calls.push(StreamedCall {
                    id,
                    name: name.to_owned(),
                    provider_metadata: pm,
                    args: StreamedArgs::default(),
                });
            }
            let Some(current) = self.streamed_calls.last_mut() else {
                return;
            };
            for arg in partial.into_iter().flatten() {
                let delta = current.args.push(arg);
                if !delta.is_empty() {
                    out.push(ModelPart::ToolInputDelta {
                        id: current.id.clone(),
                        delta,
                        provider_metadata: current.provider_metadata.clone(),
                    });
                }
            }
            let continues = partial
                .into_iter()
                .flatten()
                .any(|a| a["willContinue"] == Value::Bool(true));
            if !will_continue && !continues {
                self.finish_streamed_call(out);
            }
            return;
        }
        if name.is_none() && args.is_none() {
            // `{}` ends a streamed call; `{ willContinue: true }` only keeps it alive.
            if !will_continue {
                self.finish_streamed_call(out);
            }
            return;
        }
        let id = id();
        // A call without arguments has the input `{}`.
        let input = args.map_or_else(|| "{}".to_owned(), Value::to_string);
        out.push(ModelPart::ToolInputStart {
            id: id.clone(),
            tool_name: name.unwrap_or_default().to_owned(),
            provider_metadata: pm.clone(),
            provider_executed: false,
        });
        if args.is_some() {
            out.push(ModelPart::ToolInputDelta {
                id: id.clone(),
                delta: input.clone(),
                provider_metadata: pm.clone(),
            });
        }
        out.push(ModelPart::ToolInputEnd {
            id: id.clone(),
            provider_metadata: pm.clone(),
        });
        out.push(ModelPart::ToolCall {
            tool_call_id: id,
            tool_name: name.unwrap_or_default().to_owned(),
            input,
            provider_metadata: pm,
            provider_executed: false,
        });
        self.has_tool_calls = true;
    }

    fn finish_streamed_call(&mut self, out: &mut Vec<ModelPart>) {
        let Some(call) = self.streamed_calls.pop() else {
            return;
        };
        let (input, rest) = call.args.finish();
        if !rest.is_empty() {
            out.push(ModelPart::ToolInputDelta {
                id: call.id.clone(),
                delta: rest,
                provider_metadata: call.provider_metadata.clone(),
            });
        }
        out.push(ModelPart::ToolInputEnd {
            id: call.id.clone(),
            provider_metadata: call.provider_metadata.clone(),
        });
        out.push(ModelPart::ToolCall {
            tool_call_id: call.id,
            tool_name: call.name,
            input,
            provider_metadata: call.provider_metadata,
            provider_executed: false,
        });
        self.has_tool_calls = true;
    }

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
        let Some(value) = parse_event_json(event.data, out) else {
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
            for (url, title) in url_sources(g) {
                if !self.source_urls.contains(&url) {
                    self.source_urls.push(url.clone());
                    out.push(ModelPart::Source(Source {
                        source_type: "url",
                        id: generate_id("src"),
                        url: Some(url),
                        media_type: None,
                        title,
                        filename: None,
                        provider_metadata: None,
                    }));
                }
            }
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
            if let Some(code) = part.get("executableCode").filter(|c| !c["code"].is_null()) {
                // Code Gemini runs itself (`google.tools.codeExecution()`): a provider-executed call.
                let id = generate_id("call");
                self.code_execution_id = Some(id.clone());
                out.push(ModelPart::ToolCall {
                    tool_call_id: id,
                    tool_name: "code_execution".into(),
                    input: code.to_string(),
                    provider_metadata: None,
                    provider_executed: true,
                });
                self.has_tool_calls = true;
            } else if let Some(result) = part.get("codeExecutionResult").filter(|r| r.is_object()) {
                if let Some(id) = self.code_execution_id.take() {
                    out.push(ModelPart::ToolResult {
                        tool_call_id: id,
                        tool_name: "code_execution".into(),
                        result: json!({ "outcome": result["outcome"], "output": result["output"] }),
                        is_error: false,
                        provider_metadata: None,
                    });
                }
            } else if part.get("text").is_some_and(|t| !t.is_null()) {
                self.text_part(part, out);
            } else if let Some(data) = part.get("inlineData").filter(|d| d.is_object()) {
                out.push(ModelPart::File {
                    media_type: data["mimeType"].as_str().unwrap_or_default().to_owned(),
                    data: data["data"].as_str().unwrap_or_default().to_owned(),
                });
            }
        }
        for part in parts.iter().filter(|p| p.get("functionCall").is_some()) {
            self.function_call(part, out);
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
