//! A non-streaming Chat Completions answer (a server that ignored `stream: true`) as the chunks
//! the stream decoder reads: the message as one delta, then the finish reason and usage.
use serde_json::{json, Value};

use crate::sse::OwnedSseEvent;

pub fn events(body: &Value) -> Vec<OwnedSseEvent> {
    let choice = &body["choices"][0];
    let message = &choice["message"];
    let mut delta = json!({ "role": "assistant" });
    for key in ["content", "reasoning_content", "reasoning"] {
        if message[key].is_string() {
            delta[key] = message[key].clone();
        }
    }
    if let Some(calls) = message["tool_calls"].as_array() {
        let indexed: Vec<Value> = calls
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut c = c.clone();
                c["index"] = json!(i);
                c
            })
            .collect();
        delta["tool_calls"] = Value::Array(indexed);
    }
    let chunk = |delta: Value, finish: Value, usage: Option<&Value>| {
        let mut c = json!({
            "id": body["id"], "object": "chat.completion.chunk", "created": body["created"], "model": body["model"],
            "choices": [{ "index": 0, "delta": delta, "finish_reason": finish }],
        });
        if let Some(u) = usage.filter(|u| !u.is_null()) {
            c["usage"] = u.clone();
        }
        OwnedSseEvent {
            data: c.to_string(),
            ..Default::default()
        }
    };
    vec![
        chunk(delta, Value::Null, None),
        chunk(
            json!({}),
            choice["finish_reason"].clone(),
            Some(&body["usage"]),
        ),
    ]
}
