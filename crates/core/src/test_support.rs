//! Test helpers: the provider transcripts the project carries (`fixtures/`, from the vercel/ai
//! repository), framed as the provider sends them.
use std::path::PathBuf;

pub fn fixtures_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("LLM_NATIVE_FIXTURES") {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ai-sdk")
}

/// The SSE body of one fixture, byte for byte as the provider would send it (see the fixtures README).
pub fn framed_fixture(name: &str) -> Vec<u8> {
    let path = fixtures_dir().join(name);
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if name.ends_with(".sse") {
        return raw.into_bytes();
    }
    let mut out = String::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        if name.starts_with("anthropic__") {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            out.push_str(&format!("event: {}\n", v["type"].as_str().unwrap()));
        }
        out.push_str("data: ");
        out.push_str(line);
        out.push_str("\n\n");
    }
    if [
        "openai__chat",
        "deepseek__",
        "groq__",
        "openai-compatible__",
    ]
    .iter()
    .any(|p| name.starts_with(p))
    {
        out.push_str("data: [DONE]\n\n");
    }
    out.into_bytes()
}

/// Every fixture, framed.
pub fn framed_fixtures() -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures directory")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".chunks.txt") || n.ends_with(".sse"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures found");
    names
        .into_iter()
        .map(|n| {
            let bytes = framed_fixture(&n);
            (n, bytes)
        })
        .collect()
}

/// Decodes SSE bytes cut into `piece`-byte reads with `decoder`, then finishes it.
pub fn decode_with(
    mut decoder: Box<dyn crate::protocols::StreamDecoder>,
    bytes: &[u8],
    piece: usize,
) -> Vec<crate::parts::ModelPart> {
    let reads: Vec<&[u8]> = bytes.chunks(piece).collect();
    let mut parts = Vec::new();
    for ev in crate::sse::SseDecoder::decode_all(&reads) {
        decoder.decode(&ev.as_event(), &mut parts);
    }
    decoder.finish(&mut parts);
    parts
}

/// The last part, which must be `Finish`: reason, usage and provider metadata (`null` if none).
pub fn finish_of(
    parts: &[crate::parts::ModelPart],
) -> (
    crate::types::FinishReason,
    crate::types::Usage,
    serde_json::Value,
) {
    match parts.last() {
        Some(crate::parts::ModelPart::Finish {
            finish_reason,
            usage,
            provider_metadata,
        }) => (
            *finish_reason,
            *usage,
            provider_metadata.clone().unwrap_or_default(),
        ),
        other => panic!("the last part is not a finish: {other:?}"),
    }
}

/// Texts that exercise JSON string decoding: escapes, quotes, control characters, non-ASCII,
/// the empty string (which yields no delta).
pub const TRICKY_TEXTS: &[&str] = &[
    "Hello",
    " world",
    "",
    "a\"b",
    "back\\slash",
    "tab\t",
    "é",
    "東京",
    "🚀",
    "\u{1}",
    " end",
];

/// What a protocol test builds requests for: `model_id` of provider `name` at a local address,
/// authenticated with `key`.
pub fn target(name: &str, model_id: &str, key: &str) -> crate::protocols::Target {
    crate::protocols::Target {
        provider_options_name: name.into(),
        model_id: model_id.into(),
        base_url: "http://127.0.0.1:9/v1".into(),
        credential: Some(crate::credential::Credential::ApiKey(
            crate::secret::Secret::new(key.into()),
        )),
        ..Default::default()
    }
}

/// A whole (non-streaming) JSON answer through `protocol`'s events and `decoder`, finished.
pub fn decode_whole(
    protocol: &dyn crate::protocols::Protocol,
    mut decoder: Box<dyn crate::protocols::StreamDecoder>,
    body: serde_json::Value,
) -> Vec<crate::parts::ModelPart> {
    let mut parts = Vec::new();
    for ev in protocol.whole_response_events(&body) {
        decoder.decode(&ev.as_event(), &mut parts);
    }
    decoder.finish(&mut parts);
    parts
}

/// The text, tool calls (name, input) and finish reason in `parts`.
pub fn summary(
    parts: &[crate::parts::ModelPart],
) -> (String, Vec<(String, String)>, crate::types::FinishReason) {
    use crate::parts::ModelPart;
    let mut text = String::new();
    let mut calls = Vec::new();
    for p in parts {
        match p {
            ModelPart::TextDelta { delta, .. } => text.push_str(delta),
            ModelPart::ToolCall {
                tool_name, input, ..
            } => calls.push((tool_name.clone(), input.clone())),
            _ => {}
        }
    }
    (text, calls, finish_of(parts).0)
}

/// An `APICallError` with `status` (none: a connection error), response `headers` and `body`.
pub fn api_call_error(
    status: Option<u16>,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> crate::error::ApiCallError {
    crate::error::ApiCallError {
        message: status.map_or("connection failed".into(), |s| format!("status {s}")),
        url: "http://x".into(),
        request_body_values: serde_json::Value::Null,
        status_code: status,
        response_headers: Some(
            headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        response_body: body.map(str::to_owned),
        is_retryable: status.is_none_or(crate::error::is_retryable_status),
        data: None,
    }
}

/// Call options from their JSON text as the engine parses them (their messages keyed by
/// content, `keyed_messages.rs`).
pub fn keyed_call(options: &str) -> crate::types::CallOptions {
    crate::engine::handle::parse_call_options(options).unwrap()
}

/// `req` with its body as sent, one value (messages assembled as wire text parsed back).
pub fn as_sent(mut req: crate::protocols::ProtocolRequest) -> crate::protocols::ProtocolRequest {
    req.body = serde_json::from_slice(&req.wire()).unwrap();
    req.messages_wire = None;
    req
}

/// One agent turn as model messages: `<tag>: read a.rs`, an assistant text and `read` call `c1`,
/// and the tool message answering it with `file`.
pub fn read_file_turn(tag: &str, file: &str) -> [serde_json::Value; 3] {
    use serde_json::json;
    [
        json!({ "role": "user", "content": format!("{tag}: read a.rs") }),
        json!({ "role": "assistant", "content": [
            { "type": "text", "text": "Reading." },
            { "type": "tool-call", "toolCallId": "c1", "toolName": "read", "input": { "path": "a.rs" } },
        ] }),
        json!({ "role": "tool", "content": [
            { "type": "tool-result", "toolCallId": "c1", "toolName": "read", "output": { "type": "text", "value": file } },
        ] }),
    ]
}

/// The request `protocol` builds from call options given as JSON text, as the engine builds it
/// (with the messages' content keys).
pub fn build_keyed(
    protocol: &dyn crate::protocols::Protocol,
    target: &crate::protocols::Target,
    options: &serde_json::Value,
) -> crate::protocols::ProtocolRequest {
    let mut call = keyed_call(&options.to_string());
    let messages = call.standardized_messages().unwrap();
    protocol.build_request(target, &messages, &call).unwrap()
}

/// What a protocol that keeps message segments must hold for `options` (whose `messages` are a
/// history of at least one message): the body sent is the whole body serialised, a second
/// request for the same history (its segments now kept) is the same bytes with the same
/// warnings, and the history with one more user message (`and one more`) sends the same items
/// before it. Returns the first request's whole body and the grown one's.
pub fn check_kept_segments(
    protocol: &dyn crate::protocols::Protocol,
    target: &crate::protocols::Target,
    options: serde_json::Value,
) -> (serde_json::Value, serde_json::Value) {
    use serde_json::json;
    let first = build_keyed(protocol, target, &options);
    let field = first.messages_wire.as_ref().expect("segments").name;
    assert_eq!(first.body[field], serde_json::Value::Null);
    let whole = first.body_values();
    assert_eq!(first.wire(), serde_json::to_vec(&whole).unwrap());
    let again = build_keyed(protocol, target, &options);
    assert_eq!(
        String::from_utf8(again.wire()).unwrap(),
        String::from_utf8(first.wire()).unwrap()
    );
    assert_eq!(again.warnings, first.warnings);
    let mut grown = options.clone();
    let messages = grown["messages"].as_array_mut().unwrap();
    messages.push(json!({ "role": "user", "content": "and one more" }));
    let grown = build_keyed(protocol, target, &grown);
    let grown_body = grown.body_values();
    let before = whole[field].as_array().unwrap();
    assert_eq!(
        grown_body[field].as_array().unwrap()[..before.len()],
        before[..]
    );
    assert_eq!(grown.wire(), serde_json::to_vec(&grown_body).unwrap());
    (whole, grown_body)
}
