//! SSE decoder: any bytes, cut anywhere, never panic, and the cut never changes the events.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_native_core::sse::SseDecoder;

fn decode(pieces: &[&[u8]]) -> Vec<llm_native_core::sse::OwnedSseEvent> {
    SseDecoder::decode_all(pieces)
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks a cut pattern so one input exercises many chunkings.
    let Some((&seed, bytes)) = data.split_first() else {
        return;
    };
    let whole = decode(&[bytes]);
    let size = usize::from(seed % 17) + 1;
    let pieces: Vec<&[u8]> = bytes.chunks(size).collect();
    assert_eq!(decode(&pieces), whole);
    let cut = usize::from(seed).min(bytes.len());
    assert_eq!(decode(&[&bytes[..cut], &bytes[cut..]]), whole);
});
