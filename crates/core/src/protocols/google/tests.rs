use serde_json::json;

use serde_json::Value;

use super::model_families::*;
use super::schema::*;
use super::stream::*;
use crate::parts::ModelPart;
use crate::test_support::{decode_with, finish_of, framed_fixture};
use crate::types::{FinishReason, Usage};

fn decode_bytes(bytes: &[u8], piece: usize) -> Vec<ModelPart> {
    decode_with(Box::<Decoder>::default(), bytes, piece)
}

fn decode_fixture(name: &str) -> Vec<ModelPart> {
    let bytes = framed_fixture(name);
    let parts = decode_bytes(&bytes, usize::MAX);
    // Function calls without an id get generated ones; compare the rest across cuts.
    let strip = |ps: &[ModelPart]| {
        ps.iter()
            .filter(|p| {
                !matches!(
                    p,
                    ModelPart::ToolInputStart { .. }
                        | ModelPart::ToolInputDelta { .. }
                        | ModelPart::ToolInputEnd { .. }
                        | ModelPart::ToolCall { .. }
                )
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(&decode_bytes(&bytes, 7)),
        strip(&parts),
        "{name}: the network cut changed the parts"
    );
    parts
}

fn usage(input: u64, output: u64, total: u64, reasoning: u64) -> Usage {
    Usage {
        input_tokens: Some(input),
        output_tokens: Some(output),
        total_tokens: Some(total),
        reasoning_tokens: Some(reasoning),
        cached_input_tokens: None,
    }
}

#[test]
fn text_fixture_ends_with_a_signed_empty_delta() {
    let parts = decode_fixture("google__google-text.chunks.txt");
    assert_eq!(
        parts[0],
        ModelPart::TextStart {
            id: "0".into(),
            provider_metadata: None
        }
    );
    assert_eq!(
        parts[1],
        ModelPart::TextDelta {
            id: "0".into(),
            delta: "There are **3**".into(),
            provider_metadata: None
        }
    );
    let Some(ModelPart::TextDelta {
        delta,
        provider_metadata: Some(pm),
        ..
    }) = parts.get(3)
    else {
        panic!("expected the signature delta: {parts:?}");
    };
    assert_eq!(delta, "");
    assert!(pm["google"]["thoughtSignature"]
        .as_str()
        .unwrap()
        .starts_with("EqsFCqgFAb4+9vvtAF5n87lB4OGDOoTRM"));
    assert_eq!(
        parts[4],
        ModelPart::TextEnd {
            id: "0".into(),
            provider_metadata: None
        }
    );
    let (reason, u, meta) = finish_of(&parts);
    assert_eq!((reason, u), (FinishReason::Stop, usage(9, 23, 217, 185)));
    assert_eq!(meta["google"]["safetyRatings"], Value::Null);
    assert_eq!(meta["google"]["usageMetadata"]["thoughtsTokenCount"], 185);
}

#[test]
fn reasoning_fixture_usage_counts_thoughts() {
    let parts = decode_fixture("google__google-reasoning.chunks.txt");
    let text: String = parts
        .iter()
        .filter_map(|p| match p {
            ModelPart::TextDelta { delta, .. } => Some(delta.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        text.starts_with("There are **3** \"r\"s in strawberry."),
        "{text}"
    );
    assert_eq!(finish_of(&parts).1, usage(9, 29, 294, 256));
}

#[test]
fn tool_call_fixture_is_a_whole_signed_call() {
    let parts = decode_fixture("google__google-tool-call.chunks.txt");
    let ModelPart::ToolInputStart {
        id,
        tool_name,
        provider_metadata: Some(pm),
        provider_executed: false,
    } = &parts[0]
    else {
        panic!("{parts:?}");
    };
    assert_eq!(tool_name, "weather");
    assert!(pm["google"]["thoughtSignature"]
        .as_str()
        .unwrap()
        .starts_with("EqUCCqICAb4+9vsh8Pd5taZVoPzSvjWW"));
    assert_eq!(
        parts[1..4],
        [
            ModelPart::ToolInputDelta {
                id: id.clone(),
                delta: "{\"location\":\"San Francisco\"}".into(),
                provider_metadata: Some(pm.clone())
            },
            ModelPart::ToolInputEnd {
                id: id.clone(),
                provider_metadata: Some(pm.clone())
            },
            ModelPart::ToolCall {
                tool_call_id: id.clone(),
                tool_name: "weather".into(),
                input: "{\"location\":\"San Francisco\"}".into(),
                provider_metadata: Some(pm.clone()),
                provider_executed: false,
            },
        ]
    );
    // STOP after a function call is a tool-calls finish.
    assert_eq!(finish_of(&parts).0, FinishReason::ToolCalls);
}

fn decode_events(events: &[Value]) -> Vec<ModelPart> {
    let body: String = events.iter().map(|e| format!("data: {e}\n\n")).collect();
    decode_bytes(body.as_bytes(), usize::MAX)
}

#[test]
fn a_blocked_prompt_is_a_content_filter_finish() {
    let parts = decode_events(&[
        json!({ "promptFeedback": { "blockReason": "SAFETY", "safetyRatings": [] },
        "usageMetadata": { "promptTokenCount": 5, "totalTokenCount": 5 } }),
    ]);
    let (reason, u, meta) = finish_of(&parts);
    assert_eq!(reason, FinishReason::ContentFilter);
    assert_eq!(u.input_tokens, Some(5));
    assert_eq!(meta["google"]["promptFeedback"]["blockReason"], "SAFETY");
}

#[test]
fn a_safety_stop_keeps_the_ratings() {
    let parts = decode_events(&[
        json!({ "candidates": [{ "content": { "parts": [{ "text": "par" }] },
        "finishReason": "SAFETY", "safetyRatings": [{ "category": "HARM_CATEGORY_HARASSMENT", "probability": "HIGH" }] }] }),
    ]);
    let (reason, _, meta) = finish_of(&parts);
    assert_eq!(reason, FinishReason::ContentFilter);
    assert_eq!(meta["google"]["safetyRatings"][0]["probability"], "HIGH");
}

#[test]
fn thought_parts_are_reasoning_then_text_closes_them() {
    let parts = decode_events(&[
        json!({ "candidates": [{ "content": { "parts": [{ "text": "hmm", "thought": true }] } }] }),
        json!({ "candidates": [{ "content": { "parts": [{ "text": "answer" }] }, "finishReason": "MAX_TOKENS" }] }),
    ]);
    assert_eq!(
        parts[..5],
        [
            ModelPart::ReasoningStart {
                id: "0".into(),
                provider_metadata: None
            },
            ModelPart::ReasoningDelta {
                id: "0".into(),
                delta: "hmm".into(),
                provider_metadata: None
            },
            ModelPart::ReasoningEnd {
                id: "0".into(),
                provider_metadata: None
            },
            ModelPart::TextStart {
                id: "1".into(),
                provider_metadata: None
            },
            ModelPart::TextDelta {
                id: "1".into(),
                delta: "answer".into(),
                provider_metadata: None
            },
        ]
    );
    assert_eq!(finish_of(&parts).0, FinishReason::Length);
}

#[test]
fn an_error_inside_the_stream_is_an_api_error() {
    let parts = decode_events(&[
        json!({ "error": { "code": 429, "message": "quota", "status": "RESOURCE_EXHAUSTED" } }),
    ]);
    let ModelPart::Error(e) = &parts[0] else {
        panic!("{parts:?}")
    };
    let js = e.to_json();
    assert_eq!(
        (
            js["name"].as_str(),
            js["statusCode"].as_u64(),
            js["isRetryable"].as_bool()
        ),
        (Some("AI_APICallError"), Some(429), Some(true))
    );
    assert_eq!(finish_of(&parts).0, FinishReason::Error);
}

#[test]
fn schemas_convert_to_the_openapi_subset() {
    let schema = json!({
        "type": "object",
        "$defs": { "Unit": { "type": "string", "enum": ["C", "F"] } },
        "properties": {
            "unit": { "$ref": "#/$defs/Unit" },
            "n": { "type": ["integer", "null"] },
            "k": { "enum": [1, 2] },
            "empty": { "type": "object" },
        },
    });
    let out = to_openapi_schema(&schema, true, &schema).unwrap().unwrap();
    assert_eq!(
        out,
        json!({ "type": "object", "properties": {
            "unit": { "type": "string", "enum": ["C", "F"] },
            "n": { "type": "integer", "nullable": true },
            "k": { "type": "number", "format": "enum", "enum": ["1", "2"] },
            "empty": { "type": "object" },
        } })
    );
    assert_eq!(
        to_openapi_schema(
            &json!({ "type": "object", "properties": {} }),
            true,
            &Value::Null
        )
        .unwrap(),
        None
    );
    let recursive = json!({ "$defs": { "A": { "$ref": "#/$defs/A" } }, "$ref": "#/$defs/A" });
    assert!(to_openapi_schema(&recursive, true, &recursive).is_err());
}

#[test]
fn model_families() {
    assert!(uses_gemini3_features("gemini-3-pro-preview"));
    assert!(!uses_gemini3_features("gemini-2.5-flash"));
    assert!(!uses_gemini3_features("models/gemini-1.5-pro"));
    assert!(is_gemini_version("gemini-2.5-pro", "2.5"));
    assert_eq!(
        model_path("gemini-2.5-flash").unwrap(),
        "models/gemini-2.5-flash"
    );
    assert_eq!(model_path("tunedModels/x").unwrap(), "tunedModels/x");
    // Nothing in an id can leave the model's path.
    assert_eq!(
        model_path("x?key=1#frag").unwrap(),
        "models/x%3Fkey%3D1%23frag"
    );
    assert_eq!(model_path("a b:c").unwrap(), "models/a%20b%3Ac");
    for bad in ["../../etc", "models/../x", "x//y", "a/."] {
        assert!(model_path(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_whole_json_answer_decodes_like_its_stream() {
    let body = json!({
        "candidates": [{ "content": { "role": "model", "parts": [
            { "text": "Checking." },
            { "functionCall": { "name": "weather", "args": { "city": "Paris" } } },
        ] }, "finishReason": "STOP" }],
        "usageMetadata": { "promptTokenCount": 4, "candidatesTokenCount": 6, "totalTokenCount": 10 },
    });
    let parts = crate::test_support::decode_whole(
        &super::GoogleGenerativeAi,
        Box::<Decoder>::default(),
        body,
    );
    let (text, calls, reason) = crate::test_support::summary(&parts);
    assert_eq!(text, "Checking.");
    assert_eq!(
        calls,
        vec![("weather".to_owned(), "{\"city\":\"Paris\"}".to_owned())]
    );
    assert_eq!(reason, FinishReason::ToolCalls);
}

/// The inputs of the calls in `parts`, checking each call's deltas spell its input exactly.
fn streamed_inputs(parts: &[ModelPart]) -> Vec<(String, String)> {
    let mut deltas: std::collections::HashMap<String, String> = Default::default();
    let mut calls = Vec::new();
    for part in parts {
        match part {
            ModelPart::ToolInputDelta { id, delta, .. } => {
                deltas.entry(id.clone()).or_default().push_str(delta)
            }
            ModelPart::ToolCall {
                tool_call_id,
                tool_name,
                input,
                ..
            } => {
                // (A call without arguments has no delta, as in @ai-sdk/google.)
                let spelled = deltas.get(tool_call_id).map_or("{}", String::as_str);
                assert_eq!(
                    spelled,
                    input.as_str(),
                    "{tool_name}: deltas spell the input"
                );
                calls.push((tool_name.clone(), input.clone()));
            }
            _ => {}
        }
    }
    calls
}

#[test]
fn streamed_function_call_arguments_become_whole_calls() {
    // vercel/ai's transcripts of `streamFunctionCallArguments` (partialArgs / willContinue).
    let parts = decode_fixture("google__google-stream-tool-call-arguments.chunks.txt");
    assert_eq!(
        streamed_inputs(&parts),
        [
            ("getWeather".into(), r#"{"location":"Boston"}"#.into()),
            (
                "getWeather".into(),
                r#"{"location":"San Francisco"}"#.into()
            )
        ]
    );
    assert_eq!(finish_of(&parts).0, FinishReason::ToolCalls);
    // The first call's signature rides on its parts.
    assert!(parts.iter().any(|p| matches!(p, ModelPart::ToolInputStart { provider_metadata: Some(m), .. } if m["google"]["thoughtSignature"].is_string())));

    // The last piece has no willContinue and no empty functionCall follows: the call ends there.
    let parts = decode_fixture(
        "google__google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt",
    );
    assert_eq!(
        streamed_inputs(&parts),
        [("writeItems".into(), r#"{"operations":[{"action":"add","description":"Fresh red apple","itemid":"apple_001","price":0.5},{"action":"add","description":"Ripe yellow banana","itemid":"banana_001","price":0.3}]}"#.into())]
    );

    // A call without arguments is `{}`, and streamed ones after it still decode.
    let parts = decode_fixture("google__google-stream-no-args-tool-call.chunks.txt");
    let calls = streamed_inputs(&parts);
    assert_eq!(calls[0], ("read_theme".into(), "{}".into()));
    let screens: Vec<&str> = calls[1..].iter().map(|(_, i)| i.as_str()).collect();
    assert_eq!(screens, [r#"{"id":"A"}"#, r#"{"id":"B"}"#, r#"{"id":"C"}"#]);

    let parts =
        decode_fixture("google__google-vertex-stream-tool-call-arguments-nested.1.chunks.txt");
    let calls = streamed_inputs(&parts);
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0].1,
        r#"{"recipe":{"ingredients":[{"amount":"16 oz","name":"Lasagna noodles"},{"amount":"1 lb","name":"Ground beef"},{"amount":"15 oz","name":"Ricotta cheese"},{"amount":"3 cups","name":"Mozzarella cheese"},{"amount":"1/2 cup","name":"Parmesan cheese"},{"amount":"24 oz","name":"Tomato sauce"},{"amount":"1","name":"Egg"},{"amount":"2 cloves","name":"Garlic"},{"amount":"1 tsp","name":"Salt"},{"amount":"1/2 tsp","name":"Pepper"}],"name":"Lasagna","steps":["Preheat oven to 375°F (190°C).","Cook lasagna noodles according to package directions, drain and set aside.","Brown ground beef with minced garlic in a skillet. Drain fat and stir in tomato sauce. Simmer for 10 minutes.","In a bowl, mix ricotta cheese, egg, salt, pepper, and Parmesan cheese.","In a 9x13 baking dish, spread a thin layer of meat sauce.","Layer noodles, ricotta mixture, mozzarella, and meat sauce. Repeat.","Top with remaining mozzarella cheese.","Cover with foil and bake for 25 minutes.","Remove foil and bake for another 25 minutes until golden.","Let stand for 15 minutes before serving."]}}"#
    );
}

#[test]
fn a_history_sent_again_is_the_same_body_from_kept_segments() {
    use super::GoogleGenerativeAi;
    use crate::test_support::{build_keyed, check_kept_segments, read_file_turn, target};
    let history = read_file_turn("google segments", "fn main() {}\n\u{e9}");
    let options = json!({ "system": "be brief", "messages": history });
    let gemini = target("google", "gemini-2.5-flash", "k");
    let (whole, _) = check_kept_segments(&GoogleGenerativeAi, &gemini, options.clone());
    assert_eq!(
        whole["systemInstruction"],
        json!({ "parts": [{ "text": "be brief" }] })
    );
    assert_eq!(
        whole["contents"][0],
        json!({ "role": "user", "parts": [{ "text": "google segments: read a.rs" }] })
    );
    assert_eq!(
        whole["contents"][2]["parts"][0]["functionResponse"]["name"],
        "read"
    );
    // Gemini's echo is the body as sent, as one string.
    let req = build_keyed(&GoogleGenerativeAi, &gemini, &options);
    let wire = bytes::Bytes::from(req.wire());
    assert_eq!(req.echo_value(&wire), Value::String(whole.to_string()));
    // Gemma has no system instruction: the system text leads the first user turn, which is made
    // for the request (never kept, so Gemini's turn above is not changed by it, nor it by Gemini's).
    let gemma = target("google", "gemma-3-27b-it", "k");
    for _ in 0..2 {
        let body = build_keyed(&GoogleGenerativeAi, &gemma, &options).body_values();
        assert!(body.get("systemInstruction").is_none());
        assert_eq!(
            body["contents"][0]["parts"],
            json!([{ "text": "be brief\n\n" }, { "text": "google segments: read a.rs" }])
        );
        assert_eq!(
            body["contents"].as_array().unwrap()[1..],
            whole["contents"].as_array().unwrap()[1..]
        );
    }
    let again = build_keyed(&GoogleGenerativeAi, &gemini, &options).body_values();
    assert_eq!(again, whole);
    // A system message after the first turn is refused; errors come in the messages' order.
    let jpeg = json!({ "role": "assistant", "content": [{ "type": "file", "data": "AAAA", "mediaType": "image/jpeg" }] });
    let system = json!({ "role": "system", "content": "late" });
    let user = json!({ "role": "user", "content": "hi" });
    for (messages, expected) in [
        (json!([user, system]), "only supported at the beginning"),
        (json!([user, jpeg, system]), "Only PNG images"),
        (
            json!([user, system, jpeg]),
            "only supported at the beginning",
        ),
    ] {
        let mut call =
            crate::test_support::keyed_call(&json!({ "messages": messages }).to_string());
        let messages = call.standardized_messages().unwrap();
        use crate::protocols::Protocol;
        let e = GoogleGenerativeAi
            .build_request(&gemini, &messages, &call)
            .err()
            .unwrap();
        assert!(e.to_string().contains(expected), "{e}");
    }
}

#[test]
fn a_float_in_a_kept_segment_reads_back_exactly() {
    use super::GoogleGenerativeAi;
    use crate::test_support::{build_keyed, target};
    // (Parsed without serde_json's `float_roundtrip`, this one was one bit off in the body sent
    // and in the body read back.)
    let x = 0.09715479862457789_f64;
    let call = json!({ "role": "assistant", "content": [
        { "type": "tool-call", "toolCallId": "c", "toolName": "f", "input": { "x": x } },
    ] });
    let options = json!({ "messages": [{ "role": "user", "content": "float" }, call] });
    let req = build_keyed(
        &GoogleGenerativeAi,
        &target("google", "gemini-2.5-flash", "k"),
        &options,
    );
    let body = req.body_values();
    assert_eq!(
        body["contents"][1]["parts"][0]["functionCall"]["args"]["x"].as_f64(),
        Some(x)
    );
}
