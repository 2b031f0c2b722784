//! Error bodies and early error events from a server, any bytes: every protocol's error-body
//! parser and the key redactor never panic, and redaction leaves no key behind.
#![no_main]
use libfuzzer_sys::fuzz_target;
use llm_native_core::protocols::by_name;
use llm_native_core::secret::{Redactor, Secret};
use llm_native_core::sse::SseEvent;

const KEY: &str = "sk-fuzz-0123456789abcdef";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    for name in [
        "openai-chat",
        "openai-responses",
        "anthropic-messages",
        "google-generative-ai",
    ] {
        let protocol = by_name(name).expect("known protocol");
        let _ = protocol.parse_error_body(&text);
        let _ = protocol.early_error(&SseEvent {
            data: &text,
            ..Default::default()
        });
    }
    static REDACTOR: std::sync::OnceLock<Redactor> = std::sync::OnceLock::new();
    let redactor =
        REDACTOR.get_or_init(|| Redactor::new([&Secret::new(KEY.into())]).expect("a long key"));
    // The body with the key planted in it, as servers echo it.
    let mut planted = data.to_vec();
    planted.extend_from_slice(KEY.as_bytes());
    planted.extend_from_slice(data);
    redactor.redact(&mut planted);
    assert!(
        !planted.windows(KEY.len()).any(|w| w == KEY.as_bytes()),
        "a key survived redaction"
    );
});
