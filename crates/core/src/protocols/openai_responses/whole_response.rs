//! A non-streaming Responses answer (a server that ignored `stream: true`) as the events the
//! stream decoder reads: `response.created`, each output item added / its content / done, then
//! `response.completed` (or `response.incomplete`).
use serde_json::{json, Value};

use crate::sse::OwnedSseEvent;

fn event(data: Value) -> OwnedSseEvent {
    OwnedSseEvent {
        data: data.to_string(),
        ..Default::default()
    }
}

pub fn events(body: &Value) -> Vec<OwnedSseEvent> {
    if body["error"].is_object() && body["output"].is_null() {
        return vec![event(json!({ "type": "error", "error": body["error"] }))];
    }
    let mut out = vec![event(
        json!({ "type": "response.created", "response": body }),
    )];
    for (index, item) in body["output"].as_array().into_iter().flatten().enumerate() {
        let id = &item["id"];
        let mut added = item.clone();
        let mut inner = Vec::new();
        match item["type"].as_str().unwrap_or_default() {
            "message" => {
                for part in item["content"].as_array().into_iter().flatten() {
                    if part["type"] == "output_text" {
                        inner.push(json!({ "type": "response.output_text.delta", "item_id": id, "output_index": index, "delta": part["text"] }));
                    }
                }
            }
            "function_call" => {
                added["arguments"] = json!("");
                inner.push(json!({ "type": "response.function_call_arguments.delta", "item_id": id, "output_index": index, "delta": item["arguments"] }));
            }
            "reasoning" => {
                for (i, summary) in item["summary"].as_array().into_iter().flatten().enumerate() {
                    inner.push(json!({ "type": "response.reasoning_summary_part.added", "item_id": id, "summary_index": i }));
                    inner.push(json!({ "type": "response.reasoning_summary_text.delta", "item_id": id, "summary_index": i, "delta": summary["text"] }));
                    inner.push(json!({ "type": "response.reasoning_summary_part.done", "item_id": id, "summary_index": i }));
                }
            }
            _ => {}
        }
        out.push(event(
            json!({ "type": "response.output_item.added", "output_index": index, "item": added }),
        ));
        out.extend(inner.into_iter().map(event));
        out.push(event(
            json!({ "type": "response.output_item.done", "output_index": index, "item": item }),
        ));
    }
    let done = if body["status"] == "incomplete" {
        "response.incomplete"
    } else {
        "response.completed"
    };
    out.push(event(json!({ "type": done, "response": body })));
    out
}
