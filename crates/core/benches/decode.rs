//! The Rust side of a token without the network: 100,000 Anthropic text-delta events (11 MB) cut
//! into 256 KiB reads, through the SSE decoder alone and then through the stream's whole decode
//! (SSE → the Anthropic decoder's text lane → the step record and the part batch). Medians of
//! timed rounds in one process: `cargo bench -p llm-native-core --bench decode`.
use std::time::Instant;

use llm_native_core::engine::{decoding::Decoding, sink::PartSink, step::Step};
use llm_native_core::protocols::anthropic::stream::Decoder;
use llm_native_core::sse::SseDecoder;

const EVENTS: usize = 100_000;
const READ_BYTES: usize = 256 * 1024;
const ROUNDS: usize = 101;

/// Word pieces of the shapes models send (leading spaces, punctuation, non-ASCII, newlines).
const TOKENS: [&str; 10] = [
    " Stream", "ing", " a", " reply", " token", ",", " by", " é", " 東京", "\n",
];

const OPENING: &str = concat!(
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n",
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
);

fn body() -> Vec<u8> {
    let mut body = OPENING.as_bytes().to_vec();
    for i in 0..EVENTS {
        let text = serde_json::to_string(TOKENS[i % TOKENS.len()]).expect("a string");
        body.extend_from_slice(
            format!("event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":{text}}}}}\n\n")
                .as_bytes(),
        );
    }
    body
}

/// Median and minimum of `ROUNDS` runs of `round`, in milliseconds.
fn time(mut round: impl FnMut()) -> (f64, f64) {
    let mut ms: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            round();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[ROUNDS / 2], ms[0])
}

fn main() {
    let body = body();
    let (median, min) = time(|| {
        let mut sse = SseDecoder::new();
        let mut bytes = 0;
        for read in body.chunks(READ_BYTES) {
            sse.feed_each(read, &mut |event| bytes += event.data.len());
        }
        sse.finish_each(&mut |event| bytes += event.data.len());
        std::hint::black_box(bytes);
    });
    println!("SSE only: {median:.2} ms per {EVENTS} events (min {min:.2})");

    let (median, min) = time(|| {
        // (Nobody reads the channel: the batch grows as the stream's batches would together.)
        let (tx, _rx) = tokio::sync::mpsc::channel(1);
        let mut sink = PartSink::new(tx);
        let mut decoding = Decoding {
            decoder: Box::<Decoder>::default(),
            step: Step::new("claude", vec![], serde_json::json!({}), vec![]),
            parts: Vec::new(),
            raw: false,
            partial: None,
        };
        let mut sse = SseDecoder::new();
        for read in body.chunks(READ_BYTES) {
            sse.feed_each(read, &mut |event| decoding.event(event, &mut sink));
            decoding.feed(&mut sink);
        }
        std::hint::black_box(&decoding.step);
    });
    println!(
        "SSE + Anthropic decoding + part batch: {median:.2} ms per {EVENTS} events (min {min:.2})"
    );
}
