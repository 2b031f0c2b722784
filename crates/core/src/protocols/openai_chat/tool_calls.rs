//! Tool calls streamed as argument deltas by index: started, accumulated, and finished when
//! their arguments parse (or when the stream ends).
use crate::error::StreamError;
use crate::ids::generate_id;
use serde::Deserialize;
use serde_json::json;

use crate::parts::ModelPart;

#[derive(Deserialize)]
pub(crate) struct WireToolCall {
    pub(crate) index: Option<i64>,
    pub(crate) id: Option<String>,
    pub(crate) function: Option<WireFunction>,
}

#[derive(Deserialize)]
pub(crate) struct WireFunction {
    pub(crate) name: Option<String>,
    pub(crate) arguments: Option<String>,
}

/// One streamed tool call being assembled.
struct PendingCall {
    id: String,
    wire_id: Option<String>,
    index: i64,
    name: String,
    arguments: String,
    finished: bool,
}

/// Assembles tool calls whose name and arguments arrive in pieces, keyed by `index` (falling back
/// to the position in the delta) and by wire id, as `StreamingToolCallTracker` in the AI SDK does.
#[derive(Default)]
pub(crate) struct ToolCallTracker {
    calls: Vec<PendingCall>,
}

fn non_blank(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

impl ToolCallTracker {
    pub(crate) fn process(&mut self, call: WireToolCall, position: i64, out: &mut Vec<ModelPart>) {
        let index = call.index.unwrap_or(position);
        let (raw_name, arguments) = match call.function {
            Some(f) => (f.name, f.arguments),
            None => (None, None),
        };
        let blank_name = raw_name.as_ref().is_some_and(|n| n.trim().is_empty());
        let name = non_blank(raw_name);
        let wire_id = non_blank(call.id);
        // A named delta whose arguments open a new JSON value starts a new call even on a reused
        // index, once the earlier call's arguments are complete (vendors that send every call as 0).
        let starts_value = arguments
            .as_deref()
            .is_some_and(|a| a.trim_start().starts_with(['{', '[']));
        let existing = self.calls.iter().rposition(|c| {
            !c.finished
                && c.index == index
                && name.as_ref().is_none_or(|n| *n == c.name)
                && match (&wire_id, &c.wire_id) {
                    (Some(w), Some(cw)) => w == cw,
                    _ => true,
                }
                && !(name.is_some() && starts_value && is_complete_json(&c.arguments))
        });
        match existing {
            Some(i) => {
                let c = &mut self.calls[i];
                if c.wire_id.is_none() {
                    c.wire_id = wire_id;
                }
                if let Some(a) = arguments {
                    c.arguments.push_str(&a);
                    out.push(ModelPart::ToolInputDelta {
                        id: c.id.clone(),
                        delta: a,
                        provider_metadata: None,
                    });
                }
            }
            None if blank_name => {}
            None => {
                let Some(name) = name else {
                    out.push(ModelPart::Error(StreamError::InvalidResponseData {
                        message: "Expected 'function.name' to be a string.".into(),
                        data: json!({ "index": index, "id": wire_id, "arguments": arguments }),
                    }));
                    return;
                };
                let id = match &wire_id {
                    Some(w) if !self.calls.iter().any(|c| &c.id == w) => w.clone(),
                    _ => generate_id("call"),
                };
                out.push(ModelPart::ToolInputStart {
                    id: id.clone(),
                    tool_name: name.clone(),
                    provider_metadata: None,
                    provider_executed: false,
                });
                let arguments = arguments.unwrap_or_default();
                if !arguments.is_empty() {
                    out.push(ModelPart::ToolInputDelta {
                        id: id.clone(),
                        delta: arguments.clone(),
                        provider_metadata: None,
                    });
                }
                self.calls.push(PendingCall {
                    id,
                    wire_id,
                    index,
                    name,
                    arguments,
                    finished: false,
                });
            }
        }
    }

    /// Completes every pending call, in index order (stable for equal indexes).
    pub(crate) fn flush(&mut self, out: &mut Vec<ModelPart>) {
        self.calls.sort_by_key(|c| c.index);
        for c in self.calls.iter_mut().filter(|c| !c.finished) {
            c.finished = true;
            out.push(ModelPart::ToolInputEnd {
                id: c.id.clone(),
                provider_metadata: None,
            });
            out.push(ModelPart::ToolCall {
                tool_call_id: c.id.clone(),
                tool_name: c.name.clone(),
                input: std::mem::take(&mut c.arguments),
                provider_metadata: None,
                provider_executed: false,
            });
        }
    }
}

fn is_complete_json(text: &str) -> bool {
    !text.trim().is_empty() && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}
