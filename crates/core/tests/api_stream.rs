//! The host API end to end, as a Rust program (or a host) uses it: a provider from settings, a
//! stream against a real HTTP server on 127.0.0.1, exact part batches, the request body sent.
use llm_native_core::api::{Provider, ProviderInit};
use llm_native_core::engine::batch::unpool;
use serde_json::{json, Value};

#[path = "support/chat_server.rs"]
mod chat_server;

fn provider(base_url: String) -> Provider {
    Provider::new(ProviderInit {
        protocol: "openai-chat".into(),
        name: "local".into(),
        provider_id: "local.chat".into(),
        base_url: Some(base_url),
        api_key: Some("sk-local-test".into()),
        ..Default::default()
    })
    .expect("valid settings")
}

#[tokio::test]
async fn streams_exact_parts_through_the_host_api() {
    let (url, mut requests) = chat_server::start(chat_server::reply(&["Hel", "lo", "!"])).await;
    let stream = provider(url)
        .stream(
            &tokio::runtime::Handle::current(),
            "m",
            &json!({ "prompt": "hi", "temperature": 0.5 }).to_string(),
        )
        .unwrap();
    let parts = all_parts(stream).await;
    let types: Vec<Value> = parts
        .iter()
        .map(|p| p.get("type").cloned().unwrap_or_else(|| p.clone()))
        .collect();
    // Text deltas after the first are bare texts (they continue the run; pooled ones put back).
    assert_eq!(
        types,
        json!([
            "start",
            "start-step",
            "text-start",
            "text-delta",
            "lo",
            "!",
            "text-end",
            "$model-finish",
            "finish-step",
            "finish",
            "$result"
        ])
        .as_array()
        .unwrap()
        .clone()
    );
    assert_eq!(
        parts[3],
        json!({ "type": "text-delta", "id": "txt-0", "text": "Hel" })
    );
    assert_eq!(
        parts[7],
        json!({ "type": "$model-finish", "finishReason": "stop" })
    );
    assert_eq!(parts[9]["finishReason"], "stop");
    assert_eq!(
        parts[9]["totalUsage"],
        json!({ "inputTokens": 5, "outputTokens": 3, "totalTokens": 8 })
    );
    let body: Value = serde_json::from_str(&requests.recv().await.unwrap()).unwrap();
    assert_eq!(
        body,
        json!({ "model": "m", "temperature": 0.5, "messages": [{ "role": "user", "content": "hi" }], "stream": true })
    );
}

/// Every part of a stream, bare deltas put back.
async fn all_parts(stream: llm_native_core::engine::StreamHandle) -> Vec<Value> {
    let mut parts: Vec<Value> = Vec::new();
    while let Some(batch) = stream.next_batch().await {
        let mut items = serde_json::from_str::<Vec<Value>>(&batch).unwrap();
        unpool(&mut items);
        parts.extend(items);
    }
    parts
}

#[tokio::test]
async fn the_request_body_goes_in_the_parts_or_stays_on_the_handle_to_be_taken_once() {
    use llm_native_core::engine::request_body::{RequestBodySlot, RequestEcho};
    let (url, _requests) = chat_server::start(chat_server::reply(&["ok"])).await;
    let provider = provider(url);
    let options = json!({ "prompt": "hi" }).to_string();
    let sent =
        json!({ "model": "m", "messages": [{ "role": "user", "content": "hi" }], "stream": true });
    let runtime = tokio::runtime::Handle::current();
    for (echo, inline) in [
        (RequestEcho::Inline, true),
        (RequestEcho::OnDemand(RequestBodySlot::default()), false),
    ] {
        let stream = provider
            .stream_echoing(&runtime, "m", &options, echo)
            .unwrap();
        let mut parts = Vec::new();
        let mut taken = Vec::new();
        while let Some(batch) = stream.next_batch().await {
            taken.extend(stream.take_request_body());
            let mut items = serde_json::from_str::<Vec<Value>>(&batch).unwrap();
            unpool(&mut items);
            parts.extend(items);
        }
        let in_parts = match inline {
            true => json!({ "body": sent }),
            false => json!({}),
        };
        let start = parts.iter().find(|p| p["type"] == "start-step").unwrap();
        assert_eq!(start["request"], in_parts);
        let result = parts.iter().find(|p| p["type"] == "$result").unwrap();
        assert_eq!(result["result"]["steps"][0]["request"], in_parts);
        // Kept on the handle: taken once, after the request went out, as the JSON text sent.
        let taken: Vec<Value> = taken
            .iter()
            .map(|t| serde_json::from_str(t).unwrap())
            .collect();
        assert_eq!(taken, if inline { vec![] } else { vec![sent.clone()] });
        assert_eq!(stream.take_request_body(), None);
        assert_eq!(stream.request_body().is_some(), !inline);
    }
}

#[tokio::test]
async fn bad_settings_and_options_are_typed_errors() {
    let err = Provider::new(ProviderInit {
        protocol: "nope".into(),
        name: "x".into(),
        base_url: Some("http://127.0.0.1:1".into()),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(err.to_json()["name"], "AI_InvalidArgumentError");
    assert_eq!(err.to_json()["argument"], "protocol");
    let err = provider("http://127.0.0.1:1/v1".into())
        .stream(&tokio::runtime::Handle::current(), "m", "{not json")
        .unwrap_err();
    assert_eq!(err.to_json()["argument"], "options");
}
