//! Tool-call input as a model streams it, any bytes: the step parses it (refusing prototype
//! keys), never panics, and every part and the step record serialize to valid JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_native_core::engine::step::Step;
use llm_native_core::parts::{ModelPart, StreamPart};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data).into_owned();
    let mut step = Step::new("m", vec!["weather".into()], serde_json::json!({}), vec![]);
    let mut emit = |p: StreamPart| {
        let json = serde_json::to_string(&p).expect("parts serialize");
        let v: serde_json::Value = serde_json::from_str(&json).expect("parts are valid JSON");
        // Input that JavaScript would turn into a prototype never reaches a valid call.
        if v["type"] == "tool-call" && v["invalid"] != true {
            assert!(
                !json.contains("\"__proto__\""),
                "a valid call with __proto__: {json}"
            );
        }
    };
    for tool_name in ["weather", "missing"] {
        step.on_part(
            ModelPart::ToolCall {
                tool_call_id: "c1".into(),
                tool_name: tool_name.into(),
                input: input.clone(),
                provider_metadata: None,
                provider_executed: false,
            },
            &mut emit,
        );
    }
    let (record, _, _) = step.finish(&mut emit);
    serde_json::to_string(&record).expect("the record serializes");
});
