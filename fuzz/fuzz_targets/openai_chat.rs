//! Chat Completions decoding end to end (SSE → decoder → step → JSON parts): any bytes, no panic,
//! and every serialized part is valid JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_native::parts::StreamPart;
use llm_native::protocols::{openai_chat::Decoder, StreamDecoder};
use llm_native::sse::SseDecoder;
use llm_native::step::Step;

fuzz_target!(|data: &[u8]| {
    let mut sse = SseDecoder::new();
    let mut decoder = Decoder::new("fuzz".into());
    let mut step = Step::new("m", vec!["weather".into()], serde_json::json!({}), vec![]);
    let mut events = Vec::new();
    let mut parts = Vec::new();
    let mut emit = |p: StreamPart| {
        let json = serde_json::to_string(&p).expect("parts serialize");
        serde_json::from_str::<serde_json::Value>(&json).expect("parts are valid JSON");
    };
    for chunk in data.chunks(61) {
        sse.feed(chunk, &mut events);
        for ev in events.drain(..) {
            decoder.decode(&ev, &mut parts);
        }
        for p in parts.drain(..) {
            step.on_part(p, &mut emit);
        }
    }
    sse.finish(&mut events);
    for ev in events.drain(..) {
        decoder.decode(&ev, &mut parts);
    }
    decoder.finish(&mut parts);
    for p in parts.drain(..) {
        step.on_part(p, &mut emit);
    }
    step.finish(&mut emit);
});
