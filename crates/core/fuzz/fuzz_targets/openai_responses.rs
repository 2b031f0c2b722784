//! OpenAI Responses stream decoding end to end: any bytes, no panic, every part valid JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_native_core::protocols::openai_responses::stream::Decoder;

#[path = "decode.rs"]
mod decode;

fuzz_target!(|data: &[u8]| decode::run(
    data,
    Box::new(Decoder::new(
        "openai".into(),
        data.first() == Some(&b'{'),
        "web_search".into()
    ))
));
