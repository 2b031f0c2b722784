//! Shared body of the protocol fuzz targets: SSE → decoder → step → JSON parts, for any bytes.
use llm_native_core::engine::step::Step;
use llm_native_core::parts::StreamPart;
use llm_native_core::protocols::StreamDecoder;
use llm_native_core::sse::SseDecoder;

/// Runs `data` through `decoder` as a stream cut into 61-byte reads; panics only on a broken
/// invariant (a part that does not serialize to valid JSON).
pub fn run(data: &[u8], mut decoder: Box<dyn StreamDecoder>) {
    let mut sse = SseDecoder::new();
    let mut step = Step::new("m", vec!["weather".into()], serde_json::json!({}), vec![]);
    let mut parts = Vec::new();
    let mut emit = |p: StreamPart| {
        let json = serde_json::to_string(&p).expect("parts serialize");
        serde_json::from_str::<serde_json::Value>(&json).expect("parts are valid JSON");
    };
    for chunk in data.chunks(61) {
        sse.feed_each(chunk, &mut |ev| decoder.decode(&ev, &mut parts));
        for p in parts.drain(..) {
            step.on_part(p, &mut emit);
        }
    }
    sse.finish_each(&mut |ev| decoder.decode(&ev, &mut parts));
    decoder.finish(&mut parts);
    for p in parts.drain(..) {
        step.on_part(p, &mut emit);
    }
    step.finish(&mut emit);
}
