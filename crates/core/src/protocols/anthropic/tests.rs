use serde_json::json;

use serde_json::Value;

use super::capabilities::*;
use super::stream::*;
use super::*;
use crate::error::{CallError, StreamError};
use crate::parts::ModelPart;
use crate::protocols::{Protocol, ProtocolRequest};
use crate::sse::{SseDecoder, SseEvent};
use crate::test_support::{
    as_sent, decode_with, finish_of, framed_fixture, keyed_call, read_file_turn, target,
};
use crate::types::{CallOptions, FinishReason, Usage};

fn decode_fixture(name: &str) -> Vec<ModelPart> {
    let bytes = framed_fixture(name);
    let decode = |piece: usize| decode_with(Box::<Decoder>::default(), &bytes, piece);
    let parts = decode(usize::MAX);
    assert_eq!(
        decode(5),
        parts,
        "{name}: the network cut changed the parts"
    );
    parts
}

fn text(id: &str) -> String {
    id.to_owned()
}

fn usage(input: u64, output: u64, cached: Option<u64>) -> Usage {
    Usage {
        input_tokens: Some(input),
        output_tokens: Some(output),
        total_tokens: Some(input + output),
        reasoning_tokens: None,
        cached_input_tokens: cached,
    }
}

#[test]
fn text_fixture_exact_parts() {
    let parts = decode_fixture("anthropic__anthropic-text.chunks.txt");
    let deltas = [
        "Hello",
        "! I",
        "'m doing well, thank you for asking",
        ". How are you doing today?",
        " Is",
        " there anything I can help you with?",
    ];
    let mut expected = vec![
        ModelPart::ResponseMetadata {
            id: Some("msg_01QC4g3HwBThD4BaNtBckFDJ".into()),
            model_id: Some("claude-sonnet-4-5-20250929".into()),
            timestamp_ms: None,
        },
        ModelPart::TextStart {
            id: text("0"),
            provider_metadata: None,
        },
    ];
    expected.extend(deltas.iter().map(|d| ModelPart::TextDelta {
        id: text("0"),
        delta: (*d).into(),
        provider_metadata: None,
    }));
    expected.push(ModelPart::TextEnd {
        id: text("0"),
        provider_metadata: None,
    });
    assert_eq!(parts[..parts.len() - 1], expected[..]);
    let (reason, u, meta) = finish_of(&parts);
    assert_eq!((reason, u), (FinishReason::Stop, usage(12, 30, Some(0))));
    assert_eq!(meta["anthropic"]["cacheCreationInputTokens"], 0);
    assert_eq!(meta["anthropic"]["usage"]["output_tokens"], 30);
    assert_eq!(meta["anthropic"]["stopSequence"], Value::Null);
}

#[test]
fn thinking_fixture_carries_the_signature() {
    let parts = decode_fixture("anthropic__anthropic-clear-thinking.1.chunks.txt");
    assert_eq!(
        parts[1],
        ModelPart::ReasoningStart {
            id: text("0"),
            provider_metadata: None
        }
    );
    let reasoning: String = parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::ReasoningDelta { delta, .. } => Some(delta.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        reasoning,
        "The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185"
    );
    let signature = parts.iter().find_map(|p| match p {
        ModelPart::ReasoningDelta {
            delta,
            provider_metadata: Some(m),
            ..
        } => {
            assert_eq!(delta, "", "the signature arrives on an empty delta");
            m["anthropic"]["signature"].as_str().map(str::to_owned)
        }
        _ => None,
    });
    assert!(signature.unwrap().starts_with(
        "EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0"
    ));
    assert!(parts.contains(&ModelPart::ReasoningEnd {
        id: text("0"),
        provider_metadata: None
    }));
    assert!(parts.contains(&ModelPart::TextDelta {
        id: text("1"),
        delta: " ÷ 5 ".into(),
        provider_metadata: None
    }));
    let (reason, u, meta) = finish_of(&parts);
    assert_eq!((reason, u), (FinishReason::Stop, usage(69, 53, Some(0))));
    assert_eq!(
        meta["anthropic"]["contextManagement"],
        json!({ "appliedEdits": [] })
    );
}

#[test]
fn refusal_fixture_is_content_filter_with_stop_details() {
    let parts = decode_fixture("anthropic__anthropic-refusal.chunks.txt");
    let (reason, _, meta) = finish_of(&parts);
    assert_eq!(reason, FinishReason::ContentFilter);
    assert_eq!(meta["anthropic"]["stopDetails"]["category"], "cyber");
    assert_eq!(
        meta["anthropic"]["stopDetails"]["recommendedModel"],
        "claude-fable-5"
    );
    assert!(!parts
        .iter()
        .any(|p| matches!(p, ModelPart::TextStart { .. })));
}

#[test]
fn tool_without_arguments_gets_empty_object_input() {
    let parts = decode_fixture("anthropic__anthropic-tool-no-args.chunks.txt");
    let id = "toolu_01QE1WLsSVp5hy5Q3GmGTmjP".to_owned();
    let tail = &parts[parts.len() - 4..parts.len() - 1];
    assert_eq!(
        tail,
        [
            ModelPart::ToolInputStart {
                id: id.clone(),
                tool_name: "updateIssueList".into(),
                provider_metadata: None,
                provider_executed: false,
            },
            ModelPart::ToolInputEnd {
                id: id.clone(),
                provider_metadata: None
            },
            ModelPart::ToolCall {
                tool_call_id: id,
                tool_name: "updateIssueList".into(),
                input: "{}".into(),
                provider_metadata: None,
                provider_executed: false,
            },
        ],
        "the empty partial_json delta is skipped and the input becomes {{}}"
    );
    assert_eq!(finish_of(&parts).0, FinishReason::ToolCalls);
}

#[test]
fn duplicate_message_start_is_tolerated() {
    let parts = decode_fixture("anthropic__duplicate-message-start.chunks.txt");
    assert_eq!(
        parts
            .iter()
            .filter(|p| matches!(p, ModelPart::ResponseMetadata { .. }))
            .count(),
        1
    );
    assert!(parts.contains(&ModelPart::TextDelta {
        id: text("0"),
        delta: "Hello, World!".into(),
        provider_metadata: None
    }));
    // message_delta gives no input_tokens here: the message_start count stays.
    assert_eq!(finish_of(&parts).1, usage(17, 227, None));
}

#[test]
fn spliced_message_start_is_an_error_and_the_rest_is_ignored() {
    let parts = decode_fixture("anthropic__spliced-message-start.chunks.txt");
    let Some(ModelPart::Error(StreamError::InvalidResponseData { message, .. })) = parts.last()
    else {
        panic!("expected the splice error last: {parts:?}");
    };
    assert_eq!(message, "Received message_start for message \"msg_second\" while message \"msg_first\" is still open.");
    assert!(!parts
        .iter()
        .any(|p| matches!(p, ModelPart::ToolCall { .. } | ModelPart::Finish { .. })));
    assert!(parts.iter().any(
        |p| matches!(p, ModelPart::ToolInputDelta { delta, .. } if delta == "{\"value\":\"Spark")
    ));
}

#[test]
fn error_events_and_malformed_json_become_error_parts() {
    let body = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}\n\n\
                event: content_block_delta\ndata: {not json\n\n";
    let mut decoder = Decoder::default();
    let mut parts = Vec::new();
    for ev in SseDecoder::decode_all(&[body.as_bytes()]) {
        decoder.decode(&ev.as_event(), &mut parts);
    }
    assert_eq!(
        parts[0],
        ModelPart::Error(StreamError::Provider(
            json!({ "type": "api_error", "message": "boom" })
        ))
    );
    assert!(matches!(
        parts[1],
        ModelPart::Error(StreamError::JsonParse { .. })
    ));
}

#[test]
fn overloaded_first_event_is_a_retryable_529() {
    let ev = SseEvent {
        event: Some("error"),
        data: r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
        ..Default::default()
    };
    let (message, status, retryable, _) = AnthropicMessages.early_error(&ev).unwrap();
    assert_eq!(
        (message.as_str(), status, retryable),
        ("Overloaded", 529, true)
    );
    let ev = SseEvent {
        data: r#"{"type":"ping"}"#,
        ..ev
    };
    assert!(AnthropicMessages.early_error(&ev).is_none());
}

// ---- requests ---------------------------------------------------------------------------------

/// The body as sent without message keys: every block built for this request.
fn wire_unkeyed(options: &Value) -> Vec<u8> {
    let model = target("anthropic", "claude-sonnet-4-5", "sk-ant-test");
    let mut call: CallOptions = serde_json::from_value(options.clone()).unwrap();
    let messages = call.standardized_messages().unwrap();
    call.message_keys.fill(None);
    let req = AnthropicMessages
        .build_request(&model, &messages, &call)
        .unwrap();
    req.wire()
}

#[test]
fn kept_user_turns_give_the_body_built_blocks_give() {
    let cc = json!({ "anthropic": { "cacheControl": { "type": "ephemeral" } } });
    let [ask, call, mut result] = read_file_turn("kept-turns", "fn main() {}");
    result["content"].as_array_mut().unwrap().push(json!(
        { "type": "tool-result", "toolCallId": "c2", "toolName": "read", "output": { "type": "error-text", "value": "no such file" } }
    ));
    let history = json!([
        ask, call, result,
        // Merged into the tool message's turn.
        { "role": "user", "content": [{ "type": "text", "text": "kept-turns: and b.rs" }, { "type": "image", "image": "iVBORw0KGgo=", "mediaType": "image/png" }] },
        { "role": "assistant", "content": "Done." },
        // A breakpoint: built each time, and counted with the others.
        { "role": "user", "content": "kept-turns: cached", "providerOptions": cc },
        { "role": "user", "content": [{ "type": "text", "text": "kept-turns: part cached", "providerOptions": cc }] },
    ]);
    let options = json!({ "system": "be brief", "messages": history });
    let unkeyed = wire_unkeyed(&options);
    for round in 0..2 {
        let req = build("claude-sonnet-4-5", options.clone()).unwrap();
        assert_eq!(
            serde_json::to_vec(&req.body).unwrap(),
            unkeyed,
            "round {round}"
        );
    }
    let body = build("claude-sonnet-4-5", options).unwrap().body;
    let turns = body["messages"].as_array().unwrap();
    assert_eq!(turns.len(), 5);
    assert_eq!(turns[2]["content"].as_array().unwrap().len(), 4);
    assert_eq!(turns[2]["content"][1]["is_error"], true);
    for block in turns[4]["content"].as_array().unwrap() {
        assert_eq!(
            block["cache_control"],
            json!({ "type": "ephemeral" }),
            "{block}"
        );
    }
    // An edited message is another text: its blocks are built again.
    let mut edited = history.as_array().unwrap().clone();
    edited[0] = json!({ "role": "user", "content": "kept-turns: read c.rs" });
    let body = build("claude-sonnet-4-5", json!({ "messages": edited }))
        .unwrap()
        .body;
    assert_eq!(
        body["messages"][0]["content"][0]["text"],
        "kept-turns: read c.rs"
    );
}

#[test]
fn kept_assistant_turns_give_the_body_built_blocks_give() {
    let call = |id: &str| json!({ "type": "tool-call", "toolCallId": id, "toolName": "read", "input": { "path": id } });
    let text = |t: &str| json!({ "type": "text", "text": t });
    let user = |t: &str| json!({ "role": "user", "content": t });
    let history = json!([
        user("kept-assistant: go"),
        // Alone in its turn: kept, its call after its text.
        { "role": "assistant", "content": [call("a1"), text("kept-assistant: first")] },
        user("kept-assistant: on"),
        // Merged into one turn, the calls of both after both texts.
        { "role": "assistant", "content": [call("b1"), text("kept-assistant: second")] },
        { "role": "assistant", "content": [text("kept-assistant: third"), call("b2")] },
        user("kept-assistant: and"),
        // Merged across a system message (which goes to `system`).
        { "role": "assistant", "content": [call("c1"), text("kept-assistant: fourth")] },
        { "role": "system", "content": "kept-assistant: between" },
        { "role": "assistant", "content": [text("kept-assistant: fifth ")] },
        user("kept-assistant: last"),
        // The last message: its final text trimmed.
        { "role": "assistant", "content": [call("d1"), text("kept-assistant: prefill ")] },
    ]);
    let options = json!({ "messages": history });
    let unkeyed = wire_unkeyed(&options);
    for round in 0..2 {
        let req = build("claude-sonnet-4-5", options.clone()).unwrap();
        assert_eq!(
            String::from_utf8(serde_json::to_vec(&req.body).unwrap()).unwrap(),
            String::from_utf8(unkeyed.clone()).unwrap(),
            "round {round}"
        );
    }
    let body = build("claude-sonnet-4-5", options).unwrap().body;
    let kinds = |turn: usize| -> Vec<String> {
        body["messages"][turn]["content"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                format!(
                    "{}:{}",
                    b["type"].as_str().unwrap(),
                    b["id"].as_str().or(b["text"].as_str()).unwrap()
                )
            })
            .collect()
    };
    assert_eq!(kinds(1), ["text:kept-assistant: first", "tool_use:a1"]);
    assert_eq!(
        kinds(3),
        [
            "text:kept-assistant: second",
            "text:kept-assistant: third",
            "tool_use:b1",
            "tool_use:b2"
        ]
    );
    assert_eq!(
        kinds(5),
        [
            "text:kept-assistant: fourth",
            "text:kept-assistant: fifth ",
            "tool_use:c1"
        ]
    );
    assert_eq!(kinds(7), ["text:kept-assistant: prefill", "tool_use:d1"]);
}

/// The request with its body as sent (user turns partly from kept segments).
fn build(model_id: &str, options: Value) -> Result<ProtocolRequest, CallError> {
    let model = target("anthropic", model_id, "sk-ant-test");
    let mut call = keyed_call(&options.to_string());
    let messages = call.standardized_messages()?;
    AnthropicMessages
        .build_request(&model, &messages, &call)
        .map(as_sent)
}

#[test]
fn headers_and_model_default_max_tokens() {
    let req = build(
        "claude-sonnet-4-5",
        json!({ "system": "s", "prompt": "hi" }),
    )
    .unwrap();
    assert_eq!(req.url, "http://127.0.0.1:9/v1/messages");
    assert_eq!(
        req.headers,
        vec![
            ("anthropic-version".to_owned(), "2023-06-01".to_owned()),
            ("x-api-key".to_owned(), "sk-ant-test".to_owned()),
        ]
    );
    assert_eq!(
        req.body,
        json!({ "model": "claude-sonnet-4-5", "max_tokens": 64000, "system": [{ "type": "text", "text": "s" }],
                "messages": [{ "role": "user", "content": [{ "type": "text", "text": "hi" }] }], "stream": true })
    );
    let unknown = build("my-proxy-model", json!({ "prompt": "hi" })).unwrap();
    assert_eq!(unknown.body["max_tokens"], 4096);
    assert_eq!(unknown.warnings[0]["type"], "other");
}

#[test]
fn thinking_adds_its_budget_and_drops_sampling() {
    let req = build(
        "claude-sonnet-4-5",
        json!({ "prompt": "hi", "maxOutputTokens": 1000, "temperature": 0.2, "topK": 5,
                "providerOptions": { "anthropic": { "thinking": { "type": "enabled", "budgetTokens": 2048 } } } }),
    )
    .unwrap();
    assert_eq!(
        req.body["thinking"],
        json!({ "type": "enabled", "budget_tokens": 2048 })
    );
    assert_eq!(req.body["max_tokens"], 3048);
    assert!(req.body.get("temperature").is_none() && req.body.get("top_k").is_none());
    let settings: Vec<&str> = req
        .warnings
        .iter()
        .filter_map(|w| w["setting"].as_str())
        .collect();
    assert_eq!(settings, vec!["temperature", "topK"]);
}

#[test]
fn same_role_turns_merge_and_reasoning_round_trips() {
    let req = build(
        "claude-sonnet-4-5",
        json!({ "messages": [
            { "role": "user", "content": "a" },
            { "role": "user", "content": "b" },
            { "role": "assistant", "content": [
                { "type": "reasoning", "text": "t", "providerOptions": { "anthropic": { "signature": "sig" } } },
                { "type": "reasoning", "text": "", "providerOptions": { "anthropic": { "redactedData": "x" } } },
                { "type": "reasoning", "text": "lost" },
                { "type": "tool-call", "toolCallId": "c", "toolName": "f", "input": {} },
            ] },
            { "role": "tool", "content": [
                { "type": "tool-result", "toolCallId": "c", "toolName": "f", "output": { "type": "error-text", "value": "no" } },
            ] },
        ] }),
    )
    .unwrap();
    let messages = req.body["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3);
    assert_eq!(
        messages[0]["content"].as_array().unwrap().len(),
        2,
        "consecutive user turns merge"
    );
    assert_eq!(
        messages[1]["content"],
        json!([
            { "type": "thinking", "thinking": "t", "signature": "sig" },
            { "type": "redacted_thinking", "data": "x" },
            { "type": "tool_use", "id": "c", "name": "f", "input": {} },
        ])
    );
    assert_eq!(
        messages[2]["content"][0],
        json!({ "type": "tool_result", "tool_use_id": "c", "content": "no", "is_error": true })
    );
    // The reasoning part without a signature is not silently dropped: it is reported.
    assert_eq!(
        req.warnings,
        vec![json!({ "type": "other", "message": "unsupported reasoning metadata" })]
    );
}

#[test]
fn past_four_cache_breakpoints_the_extras_are_dropped_with_a_warning() {
    let cached = |t: &str| json!({ "type": "text", "text": t, "providerOptions": { "anthropic": { "cacheControl": { "type": "ephemeral" } } } });
    let req = build(
        "claude-sonnet-4-5",
        json!({ "messages": [{ "role": "user", "content": [cached("1"), cached("2"), cached("3"), cached("4"), cached("5")] }] }),
    )
    .unwrap();
    let content = &req.body["messages"][0]["content"];
    assert_eq!(content[3]["cache_control"], json!({ "type": "ephemeral" }));
    assert_eq!(content[4].get("cache_control"), None);
    assert_eq!(
        req.warnings,
        vec![
            json!({ "type": "unsupported-setting", "setting": "cacheControl",
            "details": "Maximum 4 cache breakpoints exceeded (found 5). This breakpoint will be ignored." })
        ]
    );
}

#[test]
fn legacy_model_ids_are_recognised() {
    assert!(is_legacy_claude("claude-2.1"));
    assert!(is_legacy_claude("claude-instant-1"));
    assert!(is_legacy_claude("claude-3-opus-20240229"));
    assert!(!is_legacy_claude("claude-sonnet-4-5"));
    assert_eq!(
        capabilities("claude-3-haiku-20240307").max_output_tokens,
        4096
    );
    assert_eq!(
        capabilities("claude-opus-4-1-20250805").max_output_tokens,
        32_000
    );
}

#[test]
fn repeated_text_delta_envelopes_decode_every_text_exactly() {
    // The per-token fast path (envelope.rs) must give what the typed parse gives, whatever the text.
    let texts = crate::test_support::TRICKY_TEXTS;
    let event =
        |v: serde_json::Value| format!("event: {}\ndata: {v}\n\n", v["type"].as_str().unwrap());
    let mut body = event(
        serde_json::json!({ "type": "message_start", "message": { "id": "msg_1", "model": "m", "usage": { "input_tokens": 3 } } }),
    );
    body += &event(
        serde_json::json!({ "type": "content_block_start", "index": 0, "content_block": { "type": "text", "text": "" } }),
    );
    for t in texts {
        body += &event(
            serde_json::json!({ "type": "content_block_delta", "index": 0, "delta": { "type": "text_delta", "text": t } }),
        );
    }
    body += &event(serde_json::json!({ "type": "content_block_stop", "index": 0 }));
    body += &event(
        serde_json::json!({ "type": "content_block_start", "index": 1, "content_block": { "type": "text", "text": "" } }),
    );
    body += &event(
        serde_json::json!({ "type": "content_block_delta", "index": 1, "delta": { "type": "text_delta", "text": "second" } }),
    );
    body += &event(
        serde_json::json!({ "type": "content_block_delta", "index": 1, "delta": { "type": "text_delta", "text": "block" } }),
    );
    let deltas: Vec<(String, String)> =
        crate::test_support::decode_with(Box::new(Decoder::default()), body.as_bytes(), 5)
            .into_iter()
            .filter_map(|p| match p {
                ModelPart::TextDelta { id, delta, .. } => Some((id, delta)),
                _ => None,
            })
            .collect();
    let mut expected: Vec<(String, String)> = texts
        .iter()
        .map(|t| ("0".to_owned(), t.to_string()))
        .collect();
    expected.push(("1".into(), "second".into()));
    expected.push(("1".into(), "block".into()));
    assert_eq!(deltas, expected);
}

#[test]
fn a_whole_json_answer_decodes_like_its_stream() {
    let body = json!({
        "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
        "content": [
            { "type": "thinking", "thinking": "hmm", "signature": "sig" },
            { "type": "text", "text": "Checking." },
            { "type": "tool_use", "id": "toolu_1", "name": "weather", "input": { "city": "Paris" } },
        ],
        "stop_reason": "tool_use", "stop_sequence": null,
        "usage": { "input_tokens": 9, "output_tokens": 4 },
    });
    let parts =
        crate::test_support::decode_whole(&AnthropicMessages, Box::<Decoder>::default(), body);
    let (text, calls, reason) = crate::test_support::summary(&parts);
    assert_eq!(text, "Checking.");
    assert_eq!(
        calls,
        vec![("weather".to_owned(), "{\"city\":\"Paris\"}".to_owned())]
    );
    assert_eq!(reason, FinishReason::ToolCalls);
    assert!(parts
        .iter()
        .any(|p| matches!(p, ModelPart::ReasoningDelta { delta, .. } if delta == "hmm")));
    assert_eq!(finish_of(&parts).1.input_tokens, Some(9));
}
