use serde_json::json;

use serde_json::Value;

use super::map_finish_reason::*;
use super::stream::*;
use super::*;
use crate::error::StreamError;
use crate::parts::ModelPart;
use crate::protocols::{Protocol, ProtocolRequest, Target};
use crate::test_support::{
    as_sent, build_keyed, check_kept_segments, decode_with, finish_of, framed_fixture,
    read_file_turn, target,
};
use crate::types::{CallOptions, FinishReason, Usage};

/// Decodes raw SSE bytes with a fresh decoder, in `piece`-byte network reads.
fn decode_bytes(bytes: &[u8], piece: usize) -> Vec<ModelPart> {
    decode_with(Box::new(Decoder::new("test".into())), bytes, piece)
}

fn decode_fixture(name: &str) -> Vec<ModelPart> {
    let bytes = framed_fixture(name);
    let parts = decode_bytes(&bytes, usize::MAX);
    // The parts never depend on how the network cut the bytes.
    assert_eq!(
        decode_bytes(&bytes, 7),
        parts,
        "{name}: 7-byte reads differ"
    );
    parts
}

fn text_of(parts: &[ModelPart]) -> String {
    parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::TextDelta { delta, .. } => Some(delta.as_str()),
            _ => None,
        })
        .collect()
}

fn reasoning_of(parts: &[ModelPart]) -> String {
    parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::ReasoningDelta { delta, .. } => Some(delta.as_str()),
            _ => None,
        })
        .collect()
}

fn tool_calls_of(parts: &[ModelPart]) -> Vec<(String, String, Value)> {
    parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::ToolCall {
                tool_call_id,
                tool_name,
                input,
                ..
            } => Some((
                tool_call_id.clone(),
                tool_name.clone(),
                serde_json::from_str(input).unwrap(),
            )),
            _ => None,
        })
        .collect()
}

fn usage(i: u64, o: u64, t: u64, r: Option<u64>, c: Option<u64>) -> Usage {
    Usage {
        input_tokens: Some(i),
        output_tokens: Some(o),
        total_tokens: Some(t),
        reasoning_tokens: r,
        cached_input_tokens: c,
    }
}

#[test]
fn openai_text_fixture() {
    let parts = decode_fixture("openai__chat_openai-text.chunks.txt");
    assert_eq!(
        parts[0],
        ModelPart::ResponseMetadata {
            id: Some("chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0".into()),
            model_id: Some("gpt-4.1-nano-2025-04-14".into()),
            timestamp_ms: Some(1_770_933_892_000),
        }
    );
    assert_eq!(
        parts[1],
        ModelPart::TextStart {
            id: "txt-0".into(),
            provider_metadata: None
        }
    );
    assert_eq!(
        parts[2],
        ModelPart::TextDelta {
            id: "txt-0".into(),
            delta: "**".into(),
            provider_metadata: None
        }
    );
    assert_eq!(
        parts
            .iter()
            .filter(|p| matches!(p, ModelPart::TextDelta { .. }))
            .count(),
        300
    );
    let text = text_of(&parts);
    assert!(
        text.starts_with("**Holiday Name:** Harmony Day\n\n**Date:** Celebrated annually"),
        "{text}"
    );
    assert_eq!(
        parts[parts.len() - 2],
        ModelPart::TextEnd {
            id: "txt-0".into(),
            provider_metadata: None
        }
    );
    let (reason, u, meta) = finish_of(&parts);
    assert_eq!(reason, FinishReason::Stop);
    assert_eq!(u, usage(16, 300, 316, Some(0), Some(0)));
    assert_eq!(
        meta,
        json!({ "test": { "acceptedPredictionTokens": 0, "rejectedPredictionTokens": 0 } })
    );
}

#[test]
fn deepseek_reasoning_fixture() {
    let parts = decode_fixture("deepseek__chat_deepseek-reasoning.chunks.txt");
    assert!(reasoning_of(&parts).starts_with(
        "We need to count the number of the letter \"r\" in the word \"strawberry\"."
    ));
    assert_eq!(
        text_of(&parts),
        "The word \"strawberry\" contains three \"r\"s."
    );
    let starts: Vec<&ModelPart> = parts
        .iter()
        .filter(|p| {
            matches!(
                p,
                ModelPart::ReasoningStart { .. } | ModelPart::TextStart { .. }
            )
        })
        .collect();
    assert!(matches!(
        starts[..],
        [
            ModelPart::ReasoningStart { .. },
            ModelPart::TextStart { .. }
        ]
    ));
    let n = parts.len();
    assert_eq!(
        parts[n - 3],
        ModelPart::ReasoningEnd {
            id: "reasoning-0".into(),
            provider_metadata: None
        }
    );
    assert_eq!(
        parts[n - 2],
        ModelPart::TextEnd {
            id: "txt-0".into(),
            provider_metadata: None
        }
    );
    let (reason, u, _) = finish_of(&parts);
    assert_eq!(
        (reason, u),
        (FinishReason::Stop, usage(18, 219, 237, Some(205), Some(0)))
    );
}

#[test]
fn deepseek_tool_call_fixture() {
    let parts = decode_fixture("deepseek__chat_deepseek-tool-call.chunks.txt");
    assert_eq!(
        tool_calls_of(&parts),
        vec![(
            "call_00_ioIn7yN9p1ZOMNpDLwd4MgAF".into(),
            "weather".into(),
            json!({ "location": "San Francisco" })
        )]
    );
    assert!(
        reasoning_of(&parts).starts_with("The user is asking for the weather in San Francisco.")
    );
    let (reason, u, _) = finish_of(&parts);
    assert_eq!(
        (reason, u),
        (
            FinishReason::ToolCalls,
            usage(339, 83, 422, Some(39), Some(320))
        )
    );
}

#[test]
fn groq_tool_call_fixture_exact_parts() {
    let parts = decode_fixture("groq__groq-tool-call.chunks.txt");
    let id = "tk85n1k4m".to_owned();
    assert_eq!(
        parts[1..parts.len() - 1],
        [
            ModelPart::ToolInputStart {
                id: id.clone(),
                tool_name: "weather".into(),
                provider_metadata: None,
                provider_executed: false,
            },
            ModelPart::ToolInputDelta {
                id: id.clone(),
                delta: "{}".into(),
                provider_metadata: None
            },
            ModelPart::ToolInputEnd {
                id: id.clone(),
                provider_metadata: None
            },
            ModelPart::ToolCall {
                tool_call_id: id,
                tool_name: "weather".into(),
                input: "{}".into(),
                provider_metadata: None,
                provider_executed: false,
            },
        ]
    );
    // Groq reports usage on the top level of the finish chunk (and again under `x_groq`).
    let (reason, u, _) = finish_of(&parts);
    assert_eq!(
        (reason, u),
        (FinishReason::ToolCalls, usage(210, 15, 225, None, None))
    );
}

#[test]
fn xai_fixtures() {
    let parts = decode_fixture("openai-compatible__chat_xai-text.chunks.txt");
    assert_eq!(text_of(&parts), "Grok");
    assert!(reasoning_of(&parts).starts_with("First, the user said: \"Say a single word.\""));
    assert_eq!(finish_of(&parts).1, usage(12, 2, 354, Some(340), Some(11)));

    let parts = decode_fixture("openai-compatible__chat_xai-tool-call.chunks.txt");
    assert_eq!(
        tool_calls_of(&parts),
        vec![(
            "call_79382389".into(),
            "weather".into(),
            json!({ "location": "San Francisco" })
        )]
    );
    let (reason, u, _) = finish_of(&parts);
    assert_eq!(
        (reason, u),
        (
            FinishReason::ToolCalls,
            usage(307, 26, 560, Some(227), Some(306))
        )
    );
}

#[test]
fn anthropic_openai_compatible_fixture_exact_parts() {
    let parts = decode_fixture("openai-compatible__chat_anthropic-fallback-tool-call.sse");
    let id = "toolu_sanitized".to_owned();
    let t = "txt-0".to_owned();
    assert_eq!(
        parts[1..],
        [
            ModelPart::TextStart {
                id: t.clone(),
                provider_metadata: None
            },
            ModelPart::TextDelta {
                id: t.clone(),
                delta: "Reading".into(),
                provider_metadata: None
            },
            ModelPart::TextDelta {
                id: t.clone(),
                delta: " it.".into(),
                provider_metadata: None
            },
            ModelPart::ToolInputStart {
                id: id.clone(),
                tool_name: "read_file".into(),
                provider_metadata: None,
                provider_executed: false,
            },
            ModelPart::ToolInputDelta {
                id: id.clone(),
                delta: "".into(),
                provider_metadata: None
            },
            ModelPart::ToolInputDelta {
                id: id.clone(),
                delta: "{\"pa".into(),
                provider_metadata: None
            },
            ModelPart::ToolInputDelta {
                id: id.clone(),
                delta: "th\": \"a.txt\"}".into(),
                provider_metadata: None
            },
            ModelPart::TextEnd {
                id: t,
                provider_metadata: None
            },
            ModelPart::ToolInputEnd {
                id: id.clone(),
                provider_metadata: None
            },
            ModelPart::ToolCall {
                tool_call_id: id,
                tool_name: "read_file".into(),
                input: "{\"path\": \"a.txt\"}".into(),
                provider_metadata: None,
                provider_executed: false,
            },
            ModelPart::Finish {
                finish_reason: FinishReason::ToolCalls,
                usage: Usage::default(),
                provider_metadata: Some(json!({ "test": {} })),
            },
        ]
    );
}

fn sse(lines: &[Value]) -> Vec<u8> {
    let mut out = String::new();
    for l in lines {
        out.push_str(&format!("data: {l}\n\n"));
    }
    out.push_str("data: [DONE]\n\n");
    out.into_bytes()
}

fn tool_delta(index: i64, id: Option<&str>, name: Option<&str>, args: &str) -> Value {
    json!({ "choices": [{ "index": 0, "delta": { "tool_calls": [
        { "index": index, "id": id, "function": { "name": name, "arguments": args } }
    ] } }] })
}

#[test]
fn parallel_tool_calls_accumulate_by_index_and_finish_in_index_order() {
    let bytes = sse(&[
        tool_delta(1, Some("b"), Some("second"), ""),
        tool_delta(0, Some("a"), Some("first"), "{\"x\":"),
        tool_delta(1, None, None, "{\"y\":2}"),
        tool_delta(0, None, None, "1}"),
        json!({ "choices": [{ "delta": {}, "finish_reason": "tool_calls" }] }),
    ]);
    let parts = decode_bytes(&bytes, 5);
    assert_eq!(
        tool_calls_of(&parts),
        vec![
            ("a".into(), "first".into(), json!({ "x": 1 })),
            ("b".into(), "second".into(), json!({ "y": 2 })),
        ]
    );
}

#[test]
fn reused_index_with_new_call_start_opens_a_new_call() {
    // Some vendors send every call with index 0; a named delta opening a new JSON value after a
    // complete one is a second call.
    let bytes = sse(&[
        tool_delta(0, None, Some("a"), "{\"n\":1}"),
        tool_delta(0, None, Some("b"), "{\"n\":2}"),
    ]);
    let calls = tool_calls_of(&decode_bytes(&bytes, usize::MAX));
    assert_eq!(calls.len(), 2);
    assert_eq!((calls[0].1.as_str(), calls[1].1.as_str()), ("a", "b"));
    assert_ne!(calls[0].0, calls[1].0, "generated ids are distinct");
}

#[test]
fn bad_events_become_error_parts_and_the_stream_goes_on() {
    let mut body = b"data: {not json\n\n".to_vec();
    body.extend_from_slice(b"data: {\"choices\": \"oops\"}\n\n");
    body.extend_from_slice(
        b"data: {\"error\": {\"message\": \"overloaded\", \"type\": \"server_error\"}}\n\n",
    );
    body.extend(sse(&[
        json!({ "choices": [{ "delta": { "content": "ok" } }] }),
    ]));
    let parts = decode_bytes(&body, 3);
    let errors: Vec<Value> = parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::Error(e) => Some(e.to_json()),
            _ => None,
        })
        .collect();
    assert_eq!(errors.len(), 3);
    assert_eq!(errors[0]["name"], "AI_JSONParseError");
    assert_eq!(errors[0]["text"], "{not json");
    // A chunk that is JSON but not a chunk: ai@5's TypeValidationError, with the value.
    assert_eq!(errors[1]["name"], "AI_TypeValidationError");
    assert_eq!(errors[1]["value"], json!({ "choices": "oops" }));
    let message = errors[1]["message"].as_str().unwrap();
    assert!(
        message
            .starts_with("Type validation failed: Value: {\"choices\":\"oops\"}.\nError message: "),
        "{message}"
    );
    assert_eq!(
        errors[2],
        json!({ "message": "overloaded", "type": "server_error" })
    );
    assert_eq!(text_of(&parts), "ok");
    // A stream that reported an error keeps `error` as finish reason unless a later choice says otherwise.
    assert_eq!(finish_of(&parts).0, FinishReason::Error);
}

#[test]
fn tool_call_without_name_is_an_error_not_a_panic() {
    let parts = decode_bytes(&sse(&[tool_delta(0, Some("x"), None, "{}")]), usize::MAX);
    assert!(
        matches!(
            parts[1],
            ModelPart::Error(StreamError::InvalidResponseData { .. })
        ),
        "{parts:?}"
    );
    assert!(tool_calls_of(&parts).is_empty());
}

#[test]
fn finish_reasons_map_to_ai_sdk_names() {
    assert_eq!(map_finish_reason("stop"), FinishReason::Stop);
    assert_eq!(map_finish_reason("length"), FinishReason::Length);
    assert_eq!(
        map_finish_reason("content_filter"),
        FinishReason::ContentFilter
    );
    assert_eq!(map_finish_reason("tool_calls"), FinishReason::ToolCalls);
    assert_eq!(map_finish_reason("function_call"), FinishReason::ToolCalls);
    assert_eq!(map_finish_reason("whatever"), FinishReason::Unknown);
}

// ---- request building --------------------------------------------------------------------------

fn model(include_usage: bool) -> Target {
    Target {
        include_usage,
        ..target("local", "m", "sk-test-key")
    }
}

/// The request with its body as sent, one value (the messages go out as assembled wire text).
fn build(options: Value, include_usage: bool) -> ProtocolRequest {
    as_sent(build_keyed(&OpenAiChat, &model(include_usage), &options))
}

#[test]
fn a_history_sent_again_is_the_same_body_from_kept_segments() {
    let history = json!(read_file_turn("segment test", "fn main() {}\n\u{e9}"));
    let options = json!({ "system": "be brief", "messages": history, "temperature": 0.5 });
    let (whole, grown) = check_kept_segments(&OpenAiChat, &model(true), options);
    assert_eq!(whole["messages"].as_array().unwrap().len(), 4);
    assert_eq!(
        whole["messages"][0],
        json!({ "role": "system", "content": "be brief" })
    );
    assert_eq!(whole["messages"][3]["role"], "tool");
    assert_eq!(
        grown["messages"][4],
        json!({ "role": "user", "content": "and one more" })
    );
}

#[test]
fn request_body_matches_the_ai_sdk() {
    // The body @ai-sdk/openai-compatible sends for the same call (captured from it).
    let req = build(
        json!({
            "prompt": "hi", "maxOutputTokens": 100, "temperature": 0.5, "topP": 0.9, "stopSequences": ["x"], "seed": 3,
            "tools": [{ "name": "read_file", "description": "read",
                        "inputSchema": { "type": "object", "properties": { "path": { "type": "string" } } } }],
            "toolChoice": "auto",
        }),
        true,
    );
    assert_eq!(
        req.body,
        json!({"model":"m","max_tokens":100,"temperature":0.5,"top_p":0.9,"stop":["x"],"seed":3,
            "messages":[{"role":"user","content":"hi"}],
            "tools":[{"type":"function","function":{"name":"read_file","description":"read",
                "parameters":{"type":"object","properties":{"path":{"type":"string"}}}}}],
            "tool_choice":"auto","stream":true,"stream_options":{"include_usage":true}})
    );
    assert_eq!(req.url, "http://127.0.0.1:9/v1/chat/completions");
    assert_eq!(
        req.headers,
        vec![("authorization".to_owned(), "Bearer sk-test-key".to_owned())]
    );
    assert!(req.warnings.is_empty());
}

#[test]
fn messages_convert_like_the_ai_sdk() {
    let req = build(
        json!({
            "system": "be brief",
            "messages": [
                { "role": "user", "content": [
                    { "type": "text", "text": "what is this?" },
                    { "type": "image", "image": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB" },
                    { "type": "file", "data": "https://x.test/cat.jpg", "mediaType": "image/*" },
                ] },
                { "role": "assistant", "content": [
                    { "type": "reasoning", "text": "hmm" },
                    { "type": "tool-call", "toolCallId": "c1", "toolName": "look", "input": { "q": 1 } },
                ] },
                { "role": "tool", "content": [
                    { "type": "tool-result", "toolCallId": "c1", "toolName": "look", "output": { "type": "json", "value": { "ok": true } } },
                    { "type": "tool-result", "toolCallId": "c2", "toolName": "look", "output": { "type": "text", "value": "plain" } },
                ] },
                { "role": "assistant", "content": "done" },
            ],
            "toolChoice": { "type": "tool", "toolName": "look" },
            "topK": 3,
            "providerOptions": { "local": { "user": "u1", "reasoningEffort": "low", "extra_param": 7 } },
        }),
        false,
    );
    assert_eq!(
        req.body["messages"],
        json!([
            { "role": "system", "content": "be brief" },
            { "role": "user", "content": [
                { "type": "text", "text": "what is this?" },
                { "type": "image_url", "image_url": { "url": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB" } },
                { "type": "image_url", "image_url": { "url": "https://x.test/cat.jpg" } },
            ] },
            { "role": "assistant", "content": null, "reasoning_content": "hmm", "tool_calls": [
                { "id": "c1", "type": "function", "function": { "name": "look", "arguments": "{\"q\":1}" } },
            ] },
            { "role": "tool", "tool_call_id": "c1", "content": "{\"ok\":true}" },
            { "role": "tool", "tool_call_id": "c2", "content": "plain" },
            { "role": "assistant", "content": "done" },
        ])
    );
    assert_eq!(req.body["user"], "u1");
    assert_eq!(req.body["reasoning_effort"], "low");
    assert_eq!(req.body["extra_param"], 7);
    assert!(
        req.body.get("tool_choice").is_none(),
        "tool_choice only goes with tools"
    );
    assert!(req.body.get("stream_options").is_none());
    assert_eq!(
        req.warnings,
        vec![json!({ "type": "unsupported-setting", "setting": "topK" })]
    );
}

#[test]
fn invalid_prompts_are_typed_errors() {
    for (options, expected) in [
        (json!({}), "prompt or messages must be defined"),
        (
            json!({ "prompt": "a", "messages": [] }),
            "cannot be defined at the same time",
        ),
        (json!({ "messages": [] }), "must not be empty"),
    ] {
        let mut call: CallOptions = serde_json::from_value(options).unwrap();
        let err = call.standardized_messages().unwrap_err();
        assert!(matches!(err, CallError::InvalidPrompt(_)));
        assert!(err.to_string().contains(expected), "{err}");
    }
    let mut call: CallOptions = serde_json::from_value(json!({ "messages": [
        { "role": "user", "content": [{ "type": "file", "data": "AAAA", "mediaType": "application/pdf" }] }
    ] }))
    .unwrap();
    let messages = call.standardized_messages().unwrap();
    let err = OpenAiChat
        .build_request(&model(false), &messages, &call)
        .unwrap_err();
    assert_eq!(err.to_json()["name"], "AI_UnsupportedFunctionalityError");
}

#[test]
fn repeated_envelopes_decode_every_text_exactly() {
    // The per-token fast path (envelope.rs) must give what the full parse gives, whatever the text.
    let texts = crate::test_support::TRICKY_TEXTS;
    let head = r#"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":"#;
    let mut body = String::new();
    for t in texts {
        let delta = json!({ "content": t });
        body.push_str(&format!(
            "data: {head}{delta},\"finish_reason\":null}}]}}\n\n"
        ));
    }
    body.push_str(&format!(
        "data: {head}{{}},\"finish_reason\":\"stop\"}}]}}\n\ndata: [DONE]\n\n"
    ));
    let deltas: Vec<String> = decode_bytes(body.as_bytes(), 7)
        .into_iter()
        .filter_map(|p| match p {
            ModelPart::TextDelta { delta, .. } => Some(delta),
            _ => None,
        })
        .collect();
    let expected: Vec<&str> = texts.iter().copied().filter(|t| !t.is_empty()).collect();
    assert_eq!(deltas, expected);
}

#[test]
fn a_whole_json_answer_decodes_like_its_stream() {
    let body = json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1770000000, "model": "m",
        "choices": [{ "index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": "Let me check.",
            "tool_calls": [{ "id": "call_1", "type": "function", "function": { "name": "weather", "arguments": "{\"city\":\"Paris\"}" } }],
        } }],
        "usage": { "prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12 },
    });
    let parts =
        crate::test_support::decode_whole(&OpenAiChat, Box::new(Decoder::new("test".into())), body);
    let (text, calls, reason) = crate::test_support::summary(&parts);
    assert_eq!(text, "Let me check.");
    assert_eq!(
        calls,
        vec![("weather".to_owned(), "{\"city\":\"Paris\"}".to_owned())]
    );
    assert_eq!(reason, FinishReason::ToolCalls);
    assert_eq!(finish_of(&parts).1.total_tokens, Some(12));
}
