use serde_json::{json, Value};

use super::*;
use crate::error::CallError;
use crate::parts::{ModelPart, Source};
use crate::protocols::{Protocol, ProtocolRequest};
use crate::test_support::{as_sent, decode_with, finish_of, keyed_call, target};

/// The request with its body as sent (its messages assembled from kept segments).
fn try_build(model_id: &str, options: Value) -> Result<ProtocolRequest, CallError> {
    let mut call = keyed_call(&options.to_string());
    let messages = call.standardized_messages().unwrap();
    OpenAiPlatformChat
        .build_request(&target("openai", model_id, "sk-test"), &messages, &call)
        .map(as_sent)
}

fn build(model_id: &str, options: Value) -> ProtocolRequest {
    try_build(model_id, options).unwrap()
}

fn decode(chunks: &[Value]) -> Vec<ModelPart> {
    let mut sse: String = chunks.iter().map(|c| format!("data: {c}\n\n")).collect();
    sse.push_str("data: [DONE]\n\n");
    let decoder = OpenAiPlatformChat.decoder(&target("openai", "gpt-4o", "k"), &Default::default());
    decode_with(decoder, sse.as_bytes(), usize::MAX)
}

#[test]
fn provider_options_go_under_the_apis_names_and_unknown_ones_are_dropped() {
    let req = build(
        "gpt-4o",
        json!({ "prompt": "hi", "maxOutputTokens": 100, "temperature": 0.5,
            "providerOptions": { "openai": {
                "logitBias": { "50256": -100 }, "logprobs": 2, "parallelToolCalls": false,
                "user": "u", "maxCompletionTokens": 50, "store": true, "metadata": { "a": "b" },
                "serviceTier": "priority", "textVerbosity": "low", "promptCacheKey": "k",
                "safetyIdentifier": "s", "somethingElse": 1 } } }),
    );
    assert_eq!(
        req.body,
        json!({ "model": "gpt-4o", "logit_bias": { "50256": -100 }, "logprobs": true,
            "top_logprobs": 2, "user": "u", "parallel_tool_calls": false, "max_tokens": 100,
            "temperature": 0.5, "verbosity": "low", "max_completion_tokens": 50, "store": true,
            "metadata": { "a": "b" }, "service_tier": "priority", "prompt_cache_key": "k",
            "safety_identifier": "s", "messages": [{ "role": "user", "content": "hi" }],
            "stream": true, "stream_options": { "include_usage": true } })
    );
    assert!(req.warnings.is_empty());
}

#[test]
fn reasoning_models_drop_sampling_settings_and_send_system_as_developer() {
    let req = build(
        "gpt-5",
        json!({ "system": "be brief", "prompt": "hi", "maxOutputTokens": 100, "temperature": 0.5,
            "topP": 0.9, "frequencyPenalty": 0.1, "presencePenalty": 0.2,
            "providerOptions": { "openai": { "serviceTier": "flex" } } }),
    );
    assert_eq!(
        req.body["messages"][0],
        json!({ "role": "developer", "content": "be brief" })
    );
    assert_eq!(req.body["max_completion_tokens"], 100);
    for gone in [
        "max_tokens",
        "temperature",
        "top_p",
        "frequency_penalty",
        "presence_penalty",
    ] {
        assert!(req.body.get(gone).is_none(), "{gone}");
    }
    let settings: Vec<&str> = req
        .warnings
        .iter()
        .filter_map(|w| w["setting"].as_str())
        .collect();
    assert_eq!(
        settings,
        ["temperature", "topP", "frequencyPenalty", "presencePenalty"]
    );
    assert_eq!(req.body["service_tier"], "flex");
    // gpt-5.1 with no reasoning keeps temperature; gpt-4o cannot use flex.
    let req = build(
        "gpt-5.1",
        json!({ "prompt": "hi", "temperature": 0.5,
            "providerOptions": { "openai": { "reasoningEffort": "none" } } }),
    );
    assert_eq!(
        (
            req.body["temperature"].clone(),
            req.body["reasoning_effort"].clone()
        ),
        (json!(0.5), json!("none"))
    );
    let req = build(
        "gpt-4o",
        json!({ "prompt": "hi", "providerOptions": { "openai": { "serviceTier": "flex" } } }),
    );
    assert!(req.body.get("service_tier").is_none());
    assert_eq!(req.warnings[0]["setting"], "serviceTier");
}

#[test]
fn tools_are_strict_only_when_asked_and_not_with_structured_outputs_off() {
    let tools = json!([{ "name": "w", "inputSchema": { "type": "object" } }]);
    let strict = |options: Value| {
        let req = build(
            "gpt-4o",
            json!({ "prompt": "hi", "tools": tools, "providerOptions": { "openai": options } }),
        );
        req.body["tools"][0]["function"].get("strict").cloned()
    };
    assert_eq!(strict(json!({})), Some(json!(false)));
    assert_eq!(
        strict(json!({ "strictJsonSchema": true })),
        Some(json!(true))
    );
    assert_eq!(strict(json!({ "structuredOutputs": false })), None);
}

#[test]
fn files_become_images_with_detail_pdfs_and_audio_and_reasoning_is_not_echoed() {
    let req = build(
        "gpt-4o",
        json!({ "messages": [
            { "role": "user", "content": [
                { "type": "text", "text": "look" },
                { "type": "file", "data": "AAAA", "mediaType": "image/*", "providerOptions": { "openai": { "imageDetail": "low" } } },
                { "type": "file", "data": "JVBE", "mediaType": "application/pdf" },
                { "type": "file", "data": "file-abc", "mediaType": "application/pdf", "filename": "x.pdf" },
                { "type": "file", "data": "UklG", "mediaType": "audio/mpeg" } ] },
            { "role": "assistant", "content": [
                { "type": "reasoning", "text": "thinking" },
                { "type": "tool-call", "toolCallId": "c1", "toolName": "w", "input": "not an object" } ] } ] }),
    );
    assert_eq!(
        req.body["messages"],
        json!([
            { "role": "user", "content": [
                { "type": "text", "text": "look" },
                { "type": "image_url", "image_url": { "url": "data:image/jpeg;base64,AAAA", "detail": "low" } },
                { "type": "file", "file": { "filename": "part-2.pdf", "file_data": "data:application/pdf;base64,JVBE" } },
                { "type": "file", "file": { "file_id": "file-abc" } },
                { "type": "input_audio", "input_audio": { "data": "UklG", "format": "mp3" } } ] },
            { "role": "assistant", "content": null, "tool_calls": [
                { "id": "c1", "type": "function", "function": { "name": "w", "arguments": "{}" } } ] },
        ])
    );
    let unsupported = |media_type: &str, data: &str| {
        let options = json!({ "messages": [{ "role": "user", "content": [
            { "type": "file", "data": data, "mediaType": media_type }] }] });
        match try_build("gpt-4o", options) {
            Err(CallError::UnsupportedFunctionality(what)) => what,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        unsupported("text/csv", "AAAA"),
        "file part media type text/csv"
    );
    assert_eq!(
        unsupported("audio/ogg", "AAAA"),
        "audio content parts with media type audio/ogg"
    );
    assert_eq!(
        unsupported("application/pdf", "https://x/y.pdf"),
        "PDF file parts with URLs"
    );
}

#[test]
fn a_wrong_option_type_is_an_invalid_argument() {
    for options in [
        json!({ "reasoningEffort": "extreme" }),
        json!({ "store": "yes" }),
    ] {
        let err = try_build(
            "gpt-4o",
            json!({ "prompt": "hi", "providerOptions": { "openai": options } }),
        );
        assert!(
            matches!(err, Err(CallError::InvalidProviderArgument { ref argument, .. }) if argument == "providerOptions"),
            "{err:?}"
        );
    }
}

#[test]
fn decodes_as_the_openai_chat_model() {
    let parts = decode(&[
        // Azure's content-filter preamble: no metadata, no generated id.
        json!({ "id": "", "object": "", "created": 0, "model": "", "choices": [], "prompt_filter_results": [] }),
        json!({ "id": "chatcmpl-1", "created": 0, "model": "gpt-4o", "choices": [{ "index": 0,
            "delta": { "role": "assistant", "content": "", "reasoning_content": "ignored" } }] }),
        json!({ "id": "chatcmpl-1", "choices": [{ "index": 0, "delta": { "content": "Hi",
            "annotations": [{ "type": "url_citation", "url_citation": { "start_index": 0, "end_index": 2, "url": "https://a.example", "title": "A" } }] },
            "logprobs": { "content": [{ "token": "Hi", "logprob": -0.1, "top_logprobs": [] }] } }] }),
        json!({ "id": "chatcmpl-1", "choices": [{ "index": 0, "delta": {}, "finish_reason": "stop" }],
            "usage": { "prompt_tokens": 10, "completion_tokens": 2, "total_tokens": 12,
                "prompt_tokens_details": { "cached_tokens": 4, "cache_write_tokens": 3 } } }),
    ]);
    assert_eq!(
        parts[0],
        ModelPart::ResponseMetadata {
            id: Some("chatcmpl-1".into()),
            model_id: Some("gpt-4o".into()),
            timestamp_ms: None
        }
    );
    assert_eq!(
        parts[1],
        ModelPart::TextStart {
            id: "0".into(),
            provider_metadata: None
        }
    );
    assert_eq!(
        parts[2],
        ModelPart::TextDelta {
            id: "0".into(),
            delta: "Hi".into(),
            provider_metadata: None
        }
    );
    let ModelPart::Source(Source {
        source_type: "url",
        url: Some(url),
        title: Some(title),
        ..
    }) = &parts[3]
    else {
        panic!("{:?}", parts[3]);
    };
    assert_eq!((url.as_str(), title.as_str()), ("https://a.example", "A"));
    assert!(!parts
        .iter()
        .any(|p| matches!(p, ModelPart::ReasoningStart { .. })));
    let (_, usage, metadata) = finish_of(&parts);
    assert_eq!(
        (usage.input_tokens, usage.cached_input_tokens),
        (Some(10), Some(4))
    );
    assert_eq!(
        metadata,
        json!({ "openai": { "usage": { "cacheWriteTokens": 3 },
            "logprobs": [{ "token": "Hi", "logprob": -0.1, "top_logprobs": [] }] } })
    );
}
