//! llm-native-core: LLM provider protocols and streaming in Rust, with no Node in it.
//!
//! The layers, each depending only on those above it in this list (`docs/architecture.md`;
//! `tests/layers.rs` checks it):
//!
//! 1. **Foundation** — [`types`] (call options, messages, usage), [`parts`] (the stream part
//!    model), [`error`], [`error_class`], [`credential`], [`secret`], [`timeouts`], [`ids`], [`media`],
//!    [`ascii_json`], [`config_dir`], [`private_file`], [`partial_json`],
//!    [`content_cache`], [`keyed_messages`].
//! 2. **[`sse`]** — server-sent events from bytes.
//! 3. **[`protocols`]** — one folder per wire protocol: request conversion and stream decoder.
//! 4. **[`transport`]** — HTTP clients, sending, body reading, retries, rate limits.
//! 5. **[`auth`]** — credentials: keychain, file store, OAuth logins and refresh.
//! 6. **[`catalog`]** — models, prices and cost; catalogue updates.
//! 7. **[`ledger`]** — the usage ledger (`usage.sqlite`).
//! 8. **[`providers`]** — provider settings, model handles, the registry.
//! 9. **[`engine`]** — one call from options to part batches (with fallback chains), and its
//!    [`engine::StreamHandle`].
//! 10. **[`api`]** — what hosts call (the Node addon, the Tauri plugin, Rust programs).
//!
//! A Rust program streams like a host does (see `examples/stream.rs`):
//!
//! ```no_run
//! use llm_native_core::api::{Provider, ProviderInit};
//!
//! # async fn demo() -> Result<(), llm_native_core::api::HostError> {
//! let provider = Provider::new(ProviderInit {
//!     protocol: "openai-chat".into(),
//!     name: "local".into(),
//!     provider_id: "local.chat".into(),
//!     base_url: Some("http://127.0.0.1:8080/v1".into()),
//!     ..Default::default()
//! })?;
//! let stream = provider.stream(
//!     &tokio::runtime::Handle::current(),
//!     "my-model",
//!     r#"{"prompt":"Hello!"}"#,
//! )?;
//! while let Some(batch) = stream.next_batch().await {
//!     // A JSON array of AI SDK v5 `fullStream` parts, runs written short; made whole:
//!     for part in llm_native_core::engine::batch::parts_of(&batch).expect("JSON") {
//!         println!("{part}");
//!     }
//! }
//! # Ok(())
//! # }
//! ```
#![deny(clippy::all)]

pub mod api;
pub mod ascii_json;
pub mod auth;
pub mod catalog;
pub mod config_dir;
pub mod content_cache;
pub mod credential;
pub mod engine;
pub mod error;
pub mod error_class;
pub mod ids;
pub mod keyed_messages;
pub mod ledger;
pub mod lone_surrogates;
pub mod media;
pub mod partial_json;
pub mod parts;
pub mod private_file;
pub mod protocols;
pub mod providers;
pub mod secret;
pub mod sse;
pub mod text_buffers;
pub mod timeouts;
pub mod transport;
pub mod types;

#[cfg(test)]
mod test_support;
