//! Request bodies and response parsing of the embedding protocols (the differential test in
//! `__test__/embed.test.mjs` compares them with the AI SDK's on a server).
use serde_json::json;

use super::google::GoogleEmbeddings;
use super::openai::OpenAiEmbeddings;
use super::EmbeddingProtocol;
use crate::test_support::target;

fn values(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn openai_and_compatible_bodies_take_their_provider_options() {
    let openai = target("openai", "text-embedding-3-small", "sk-x");
    let options =
        json!({ "openai": { "dimensions": 256.0, "user": "u" }, "local": { "user": "ignored" } });
    let req = OpenAiEmbeddings
        .build_request(&openai, &values(&["a", "b"]), &options)
        .unwrap();
    assert_eq!(
        req.body,
        json!({ "model": "text-embedding-3-small", "input": ["a", "b"], "encoding_format": "float", "dimensions": 256, "user": "u" })
    );
    assert!(req.url.ends_with("/embeddings"));
    assert_eq!(
        OpenAiEmbeddings.max_input_bytes_per_call(&openai),
        Some(300_000)
    );
    let local = target("local", "nomic", "k");
    let options =
        json!({ "openai-compatible": { "dimensions": 8, "user": "a" }, "local": { "user": "b" } });
    let req = OpenAiEmbeddings
        .build_request(&local, &values(&["a"]), &options)
        .unwrap();
    assert_eq!(req.body["dimensions"], 8);
    assert_eq!(req.body["user"], "b", "the provider's own key wins");
    assert_eq!(OpenAiEmbeddings.max_input_bytes_per_call(&local), None);
    let bad = OpenAiEmbeddings.build_request(
        &local,
        &values(&["a"]),
        &json!({ "local": { "dimensions": "8" } }),
    );
    assert!(bad.is_err());
}

#[test]
fn google_sends_one_value_to_embed_content_and_several_to_batch() {
    let t = target("google", "gemini-embedding-001", "g");
    let options = json!({ "google": { "outputDimensionality": 3, "taskType": "RETRIEVAL_QUERY" } });
    let one = GoogleEmbeddings
        .build_request(&t, &values(&["a"]), &options)
        .unwrap();
    assert!(one
        .url
        .ends_with("/models/gemini-embedding-001:embedContent"));
    assert_eq!(
        one.body,
        json!({ "model": "models/gemini-embedding-001", "content": { "parts": [{ "text": "a" }] }, "outputDimensionality": 3, "taskType": "RETRIEVAL_QUERY" })
    );
    let image = json!({ "inlineData": { "mimeType": "image/png", "data": "AA==" } });
    let options = json!({ "google": { "content": [null, [image]] } });
    let two = GoogleEmbeddings
        .build_request(&t, &values(&["a", ""]), &options)
        .unwrap();
    assert!(two.url.ends_with(":batchEmbedContents"));
    assert_eq!(
        two.body["requests"][0]["content"],
        json!({ "role": "user", "parts": [{ "text": "a" }] })
    );
    assert_eq!(
        two.body["requests"][1]["content"]["parts"],
        json!([image]),
        "an empty value adds no text part"
    );
    let mismatch = json!({ "google": { "content": [null] } });
    assert!(GoogleEmbeddings
        .build_request(&t, &values(&["a", "b"]), &mismatch)
        .is_err());
}

#[test]
fn responses_keep_the_numbers_as_sent_and_refuse_what_is_not_an_embedding() {
    let r = OpenAiEmbeddings
        .parse_response(
            br#"{"data":[{"embedding":[0.0023064255,-1e-7]}],"usage":{"prompt_tokens":3}}"#,
        )
        .unwrap();
    assert_eq!(r.embeddings[0].get(), "[0.0023064255,-1e-7]");
    assert_eq!(r.tokens, Some(3));
    assert!(OpenAiEmbeddings
        .parse_response(br#"{"data":[{"embedding":["x"]}]}"#)
        .is_err());
    assert!(OpenAiEmbeddings
        .parse_response(br#"{"data":[{"embedding":[[1]]}]}"#)
        .is_err());
    let one = GoogleEmbeddings
        .parse_response(br#"{"embedding":{"values":[1,2]}}"#)
        .unwrap();
    assert_eq!(one.embeddings.len(), 1);
    let many = GoogleEmbeddings
        .parse_response(br#"{"embeddings":[{"values":[1]},{"values":[2]}]}"#)
        .unwrap();
    assert_eq!(many.embeddings[1].get(), "[2]");
}
