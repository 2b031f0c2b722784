//! Streaming from Rust with llm-native-core: the same providers, registry, credentials and part
//! model the Node addon uses.
//!
//! `cargo run -p llm-native-core --example stream` starts a small local server that answers like
//! OpenAI Chat Completions and streams a reply from it. Point it at a real provider with
//! `LLM_NATIVE_BASE_URL` (and `OPENAI_API_KEY`, `LLM_NATIVE_MODEL`), e.g.
//! `LLM_NATIVE_BASE_URL=https://api.openai.com/v1 LLM_NATIVE_MODEL=gpt-4o-mini`.
use std::io::Write;

use llm_native_core::api::{HostError, Provider, ProviderInit};

#[path = "../tests/support/chat_server.rs"]
mod chat_server;

#[tokio::main]
async fn main() -> Result<(), HostError> {
    let base_url = match std::env::var("LLM_NATIVE_BASE_URL") {
        Ok(url) => url,
        Err(_) => {
            let words = ["Hello", " from", " a", " Rust", " program", "."];
            chat_server::start(chat_server::reply(&words)).await.0
        }
    };
    let model = std::env::var("LLM_NATIVE_MODEL").unwrap_or_else(|_| "local".into());
    let provider = Provider::new(ProviderInit {
        protocol: "openai-chat".into(),
        name: "openai".into(),
        provider_id: "openai.chat".into(),
        base_url: Some(base_url),
        // Read at request time, in Rust; absent is fine for the local server.
        api_key_env_var: std::env::var("OPENAI_API_KEY")
            .ok()
            .map(|_| "OPENAI_API_KEY".into()),
        include_usage: Some(true),
        ..Default::default()
    })?;
    let options = serde_json::json!({ "prompt": "Say hello." }).to_string();
    let stream = provider.stream(&tokio::runtime::Handle::current(), &model, &options)?;

    // Each batch is a JSON array of AI SDK v5 `fullStream` parts, written short
    // (`engine::batch` reads them back).
    while let Some(batch) = stream.next_batch().await {
        let parts = llm_native_core::engine::batch::parts_of(&batch).expect("a batch is JSON");
        for part in parts {
            match part["type"].as_str() {
                Some("text-delta") => print!("{}", part["text"].as_str().unwrap_or_default()),
                Some("finish") => {
                    println!("\n[{} · {}]", part["finishReason"], part["totalUsage"]);
                }
                Some("error") => eprintln!("\nerror: {}", part["error"]),
                _ => {}
            }
        }
        std::io::stdout().flush().ok();
    }
    Ok(())
}
