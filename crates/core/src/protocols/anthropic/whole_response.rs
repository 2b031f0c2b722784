//! A non-streaming Messages answer (a server that ignored `stream: true`) as the events the
//! stream decoder reads: `message_start`, each content block, `message_delta`, `message_stop`.
use serde_json::{json, Value};

use crate::sse::OwnedSseEvent;

fn event(name: &str, data: Value) -> OwnedSseEvent {
    OwnedSseEvent {
        event: Some(name.into()),
        data: data.to_string(),
        ..Default::default()
    }
}

pub fn events(body: &Value) -> Vec<OwnedSseEvent> {
    if body["type"] == "error" {
        return vec![event("error", body.clone())];
    }
    let mut start = body.clone();
    start["content"] = json!([]);
    let mut out = vec![event(
        "message_start",
        json!({ "type": "message_start", "message": start }),
    )];
    for (index, block) in body["content"].as_array().into_iter().flatten().enumerate() {
        let delta = |d: Value| {
            event(
                "content_block_delta",
                json!({ "type": "content_block_delta", "index": index, "delta": d }),
            )
        };
        let mut opened = block.clone();
        let mut deltas = Vec::new();
        match block["type"].as_str().unwrap_or_default() {
            "text" => {
                opened["text"] = json!("");
                deltas.push(delta(
                    json!({ "type": "text_delta", "text": block["text"] }),
                ));
            }
            "thinking" => {
                opened["thinking"] = json!("");
                opened.as_object_mut().map(|o| o.remove("signature"));
                deltas.push(delta(
                    json!({ "type": "thinking_delta", "thinking": block["thinking"] }),
                ));
                if block["signature"].is_string() {
                    deltas.push(delta(
                        json!({ "type": "signature_delta", "signature": block["signature"] }),
                    ));
                }
            }
            "tool_use" | "server_tool_use" => {
                opened["input"] = json!({});
                deltas.push(delta(json!({ "type": "input_json_delta", "partial_json": block["input"].to_string() })));
            }
            _ => {}
        }
        out.push(event(
            "content_block_start",
            json!({ "type": "content_block_start", "index": index, "content_block": opened }),
        ));
        out.extend(deltas);
        out.push(event(
            "content_block_stop",
            json!({ "type": "content_block_stop", "index": index }),
        ));
    }
    out.push(event(
        "message_delta",
        json!({ "type": "message_delta", "delta": { "stop_reason": body["stop_reason"], "stop_sequence": body["stop_sequence"], "container": body["container"] }, "usage": body["usage"] }),
    ));
    out.push(event("message_stop", json!({ "type": "message_stop" })));
    out
}
