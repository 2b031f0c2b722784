use serde_json::json;

use serde_json::Value;

use super::stream::*;
use super::*;
use crate::parts::ModelPart;
use crate::protocols::openai_model_capabilities::*;
use crate::protocols::ProtocolRequest;
use crate::test_support::{
    as_sent, build_keyed, check_kept_segments, decode_with, finish_of, framed_fixture,
    read_file_turn, target,
};
use crate::types::FinishReason;

fn decode_bytes(bytes: &[u8], piece: usize, store: bool) -> Vec<ModelPart> {
    decode_with(
        Box::new(Decoder::new("openai".into(), store, "web_search".into())),
        bytes,
        piece,
    )
}

fn decode_fixture(name: &str) -> Vec<ModelPart> {
    let bytes = framed_fixture(name);
    let parts = decode_bytes(&bytes, usize::MAX, false);
    assert_eq!(
        decode_bytes(&bytes, 9, false),
        parts,
        "{name}: the network cut changed the parts"
    );
    parts
}

#[test]
fn encrypted_reasoning_fixture() {
    let parts = decode_fixture("openai__responses_openai-reasoning-encrypted-content.1.chunks.txt");
    let ModelPart::ReasoningStart {
        id,
        provider_metadata: Some(pm),
    } = parts
        .iter()
        .find(|p| matches!(p, ModelPart::ReasoningStart { .. }))
        .unwrap()
    else {
        unreachable!()
    };
    assert_eq!(
        id,
        "rs_01830d662ab3856501693c321405c88190be3ab04d5782d5f9:0"
    );
    assert!(pm["openai"]["reasoningEncryptedContent"]
        .as_str()
        .unwrap()
        .starts_with("gAAAAABpPDIUph8czE"));
    let summary: String = parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::ReasoningDelta { delta, .. } => Some(delta.as_str()),
            _ => None,
        })
        .collect();
    assert!(!summary.is_empty());
    let calls: Vec<&str> = parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::ToolCall { tool_name, .. } => Some(tool_name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        calls.len(),
        3,
        "three function calls across the concatenated responses"
    );
    let (reason, usage, meta) = finish_of(&parts);
    assert!(usage.input_tokens.is_some() && usage.output_tokens.is_some());
    assert_eq!(
        usage.total_tokens,
        Some(usage.input_tokens.unwrap() + usage.output_tokens.unwrap())
    );
    assert!(meta["openai"]["responseId"]
        .as_str()
        .unwrap()
        .starts_with("resp_"));
    assert_ne!(reason, FinishReason::Unknown);
}

#[test]
fn error_fixture_reports_the_error_event_once() {
    let parts = decode_fixture("openai__responses_openai-error.1.chunks.txt");
    let errors: Vec<Value> = parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::Error(e) => Some(e.to_json()),
            _ => None,
        })
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "response.failed after an error event adds nothing"
    );
    assert_eq!(errors[0]["error"]["code"], "insufficient_quota");
}

#[test]
fn response_failed_alone_is_not_lost() {
    let body = "data: {\"type\":\"response.failed\",\"response\":{\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}}\n\n";
    let parts = decode_bytes(body.as_bytes(), usize::MAX, false);
    let ModelPart::Error(e) = &parts[0] else {
        panic!("{parts:?}")
    };
    assert_eq!(e.to_json()["error"]["message"], "boom");
}

#[test]
fn parallel_function_calls_by_output_index() {
    let events = [
        json!({ "type": "response.created", "response": { "id": "resp_1", "created_at": 1, "model": "gpt-5" } }),
        json!({ "type": "response.output_item.added", "output_index": 0, "item": { "type": "function_call", "id": "fc_a", "call_id": "call_a", "name": "weather" } }),
        json!({ "type": "response.output_item.added", "output_index": 1, "item": { "type": "function_call", "id": "fc_b", "call_id": "call_b", "name": "time" } }),
        json!({ "type": "response.function_call_arguments.delta", "output_index": 1, "delta": "{}" }),
        json!({ "type": "response.function_call_arguments.delta", "output_index": 0, "delta": "{\"city\":\"Oslo\"}" }),
        json!({ "type": "response.output_item.done", "output_index": 0, "item": { "type": "function_call", "id": "fc_a", "call_id": "call_a", "name": "weather", "arguments": "{\"city\":\"Oslo\"}" } }),
        json!({ "type": "response.output_item.done", "output_index": 1, "item": { "type": "function_call", "id": "fc_b", "call_id": "call_b", "name": "time", "arguments": "{}" } }),
        json!({ "type": "response.completed", "response": { "usage": { "input_tokens": 5, "output_tokens": 7, "output_tokens_details": { "reasoning_tokens": 2 } } } }),
        json!({ "type": "response.some_future_event", "x": 1 }),
    ];
    let body: String = events.iter().map(|e| format!("data: {e}\n\n")).collect();
    let parts = decode_bytes(body.as_bytes(), 13, false);
    assert!(parts.contains(&ModelPart::ToolInputDelta {
        id: "call_b".into(),
        delta: "{}".into(),
        provider_metadata: None
    }));
    assert!(parts.contains(&ModelPart::ToolCall {
        tool_call_id: "call_a".into(),
        tool_name: "weather".into(),
        input: "{\"city\":\"Oslo\"}".into(),
        provider_metadata: Some(json!({ "openai": { "itemId": "fc_a" } })),
        provider_executed: false,
    }));
    let (reason, usage, _) = finish_of(&parts);
    assert_eq!(reason, FinishReason::ToolCalls);
    assert_eq!(
        (usage.total_tokens, usage.reasoning_tokens),
        (Some(12), Some(2))
    );
}

/// The request with its body as sent (the input partly from kept segments).
fn build(model_id: &str, options: Value) -> ProtocolRequest {
    as_sent(build_keyed(
        &OpenAiResponses,
        &target("openai", model_id, "sk-r"),
        &options,
    ))
}

#[test]
fn a_history_sent_again_is_the_same_body_from_kept_segments() {
    let mut history = read_file_turn("responses segments", "fn main() {}\n\u{e9}").to_vec();
    // An assistant message whose conversion warns is made again (and warns) every time.
    history.push(json!({ "role": "assistant", "content": [
        { "type": "reasoning", "text": "not from OpenAI" }, { "type": "text", "text": "done" },
    ] }));
    let options = json!({ "system": "be brief", "messages": history,
        "providerOptions": { "openai": { "store": false } } });
    let (whole, _) = check_kept_segments(
        &OpenAiResponses,
        &target("openai", "gpt-4o", "k"),
        options.clone(),
    );
    assert_eq!(
        whole["input"],
        json!([
            { "role": "system", "content": "be brief" },
            { "role": "user", "content": [{ "type": "input_text", "text": "responses segments: read a.rs" }] },
            { "role": "assistant", "content": [{ "type": "output_text", "text": "Reading." }] },
            { "type": "function_call", "call_id": "c1", "name": "read", "arguments": "{\"path\":\"a.rs\"}" },
            { "type": "function_call_output", "call_id": "c1", "output": "fn main() {}\n\u{e9}" },
            { "role": "assistant", "content": [{ "type": "output_text", "text": "done" }] },
        ])
    );
    let again = build("gpt-4o", options.clone());
    assert_eq!(again.warnings.len(), 1);
    assert!(again.warnings[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Non-OpenAI reasoning parts"));
    // The echo is the body without `stream`, the messages included.
    let req = build_keyed(&OpenAiResponses, &target("openai", "gpt-4o", "k"), &options);
    let wire = bytes::Bytes::from(req.wire());
    let mut expected = whole.clone();
    expected.as_object_mut().unwrap().remove("stream");
    assert_eq!(req.echo, crate::protocols::Echo::WithoutStream);
    assert_eq!(req.echo_value(&wire), expected);
    // Stored (the default): the same history refers to nothing by id, so it is sent the same way;
    // another conversion (developer role) keeps its own segments.
    let developer = build(
        "o4-mini",
        json!({ "system": "s", "messages": options["messages"] }),
    );
    assert_eq!(
        developer.body["input"][0],
        json!({ "role": "developer", "content": "s" })
    );
    assert_eq!(developer.body["input"][2], whole["input"][2]);
}

#[test]
fn without_store_reasoning_with_no_encrypted_content_is_dropped_with_one_warning() {
    let reasoning = |id: &str, encrypted: Option<&str>| {
        json!({ "role": "assistant", "content": [
        { "type": "reasoning", "text": format!("thought {id}"),
          "providerOptions": { "openai": { "itemId": id, "reasoningEncryptedContent": encrypted } } },
    ] })
    };
    let options = json!({ "messages": [
        { "role": "user", "content": "hi" }, reasoning("rs_1", None), reasoning("rs_2", Some("enc")),
        reasoning("rs_3", None),
    ], "providerOptions": { "openai": { "store": false } } });
    for _ in 0..2 {
        let req = build("gpt-4o", options.clone());
        let kinds: Vec<&Value> = req.body["input"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["type"])
            .collect();
        assert_eq!(kinds, [&Value::Null, &json!("reasoning")]);
        assert_eq!(req.body["input"][1]["id"], "rs_2");
        assert_eq!(req.warnings.len(), 1, "{:?}", req.warnings);
        assert!(req.warnings[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Reasoning parts without encrypted content"));
    }
}

#[test]
fn reasoning_models_use_developer_role_and_drop_sampling() {
    let req = build(
        "o4-mini",
        json!({ "system": "s", "prompt": "hi", "temperature": 0.3,
        "providerOptions": { "openai": { "store": false, "reasoningEffort": "high" } } }),
    );
    assert_eq!(
        req.body["input"][0],
        json!({ "role": "developer", "content": "s" })
    );
    assert!(req.body.get("temperature").is_none());
    assert_eq!(req.body["include"], json!(["reasoning.encrypted_content"]));
    assert_eq!(req.body["reasoning"], json!({ "effort": "high" }));
    assert_eq!(req.warnings[0]["setting"], "temperature");
    assert_eq!(req.url, "http://127.0.0.1:9/v1/responses");

    let chat_model = build(
        "gpt-4o",
        json!({ "system": "s", "prompt": "hi", "temperature": 0.3 }),
    );
    assert_eq!(
        chat_model.body["input"][0],
        json!({ "role": "system", "content": "s" })
    );
    assert_eq!(chat_model.body["temperature"], 0.3);
}

#[test]
fn model_capabilities() {
    assert!(capabilities("o3").reasoning && capabilities("o4-mini").reasoning);
    assert!(capabilities("gpt-5-nano").reasoning && !capabilities("gpt-5-chat-latest").reasoning);
    assert!(!capabilities("gpt-4.1-mini").reasoning);
    assert!(capabilities("gpt-5.1").supports_non_reasoning_parameters);
    assert!(!capabilities("gpt-5-nano").supports_priority);
}

#[test]
fn a_whole_json_answer_decodes_like_its_stream() {
    let body = json!({
        "id": "resp_1", "object": "response", "created_at": 1770000000, "model": "gpt-5", "status": "completed",
        "output": [
            { "type": "reasoning", "id": "rs_1", "summary": [{ "type": "summary_text", "text": "thinking" }] },
            { "type": "message", "id": "msg_1", "role": "assistant", "content": [{ "type": "output_text", "text": "Checking." }] },
            { "type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "weather", "arguments": "{\"city\":\"Paris\"}" },
        ],
        "usage": { "input_tokens": 3, "output_tokens": 5 },
    });
    let parts = crate::test_support::decode_whole(
        &OpenAiResponses,
        Box::new(Decoder::new("openai".into(), false, "web_search".into())),
        body,
    );
    let (text, calls, reason) = crate::test_support::summary(&parts);
    assert_eq!(text, "Checking.");
    assert_eq!(
        calls,
        vec![("weather".to_owned(), "{\"city\":\"Paris\"}".to_owned())]
    );
    assert_eq!(reason, FinishReason::ToolCalls);
    assert!(parts
        .iter()
        .any(|p| matches!(p, ModelPart::ReasoningDelta { delta, .. } if delta == "thinking")));
}

/// GitHub Copilot's Responses streams (vercel/ai's `github-copilot-id-rotation` transcript) give an
/// item a new id in every event: parts keep the id the item was added with.
#[test]
fn rotating_item_ids_keep_the_id_each_item_was_added_with() {
    let events = [
        json!({ "type": "response.created", "response": { "id": "r1", "created_at": 1, "model": "gpt-5.3-codex" } }),
        json!({ "type": "response.output_item.added", "output_index": 0, "item": { "type": "reasoning", "id": "id-3", "summary": [], "encrypted_content": null } }),
        json!({ "type": "response.reasoning_summary_part.added", "output_index": 0, "item_id": "id-4", "summary_index": 0 }),
        json!({ "type": "response.reasoning_summary_text.delta", "output_index": 0, "item_id": "id-5", "summary_index": 0, "delta": "**Counting**" }),
        json!({ "type": "response.reasoning_summary_part.done", "output_index": 0, "item_id": "id-7", "summary_index": 0 }),
        json!({ "type": "response.output_item.done", "output_index": 0, "item": { "type": "reasoning", "id": "id-8", "encrypted_content": null } }),
        json!({ "type": "response.output_item.added", "output_index": 1, "item": { "type": "message", "id": "id-9", "phase": "final_answer" } }),
        json!({ "type": "response.output_text.delta", "output_index": 1, "item_id": "id-11", "content_index": 0, "delta": "There" }),
        json!({ "type": "response.output_text.delta", "output_index": 1, "item_id": "id-12", "content_index": 0, "delta": " are 3" }),
        json!({ "type": "response.output_item.done", "output_index": 1, "item": { "type": "message", "id": "id-68", "phase": "final_answer" } }),
        json!({ "type": "response.completed", "response": { "id": "id-69", "usage": { "input_tokens": 19, "output_tokens": 105 } } }),
    ];
    let body: String = events.iter().map(|e| format!("data: {e}\n\n")).collect();
    let parts = decode_bytes(body.as_bytes(), usize::MAX, false);
    let (mut reasoning, mut text) = (Vec::new(), Vec::new());
    for p in &parts {
        match p {
            ModelPart::ReasoningStart { id, .. }
            | ModelPart::ReasoningDelta { id, .. }
            | ModelPart::ReasoningEnd { id, .. } => reasoning.push(id.as_str()),
            ModelPart::TextStart { id, .. }
            | ModelPart::TextDelta { id, .. }
            | ModelPart::TextEnd { id, .. } => text.push(id.as_str()),
            _ => {}
        }
    }
    assert_eq!(
        reasoning,
        ["id-3:0", "id-3:0", "id-3:0"],
        "the reasoning part opens, grows and closes under one id"
    );
    assert_eq!(
        text,
        ["id-9", "id-9", "id-9", "id-9"],
        "text deltas carry their text-start's id"
    );
}
