//! The N-API surface: a provider handle (which keeps the API key on this side) that starts
//! streams, and a stream handle that hands parts over in JSON batches.
use std::collections::HashMap;
use std::sync::Arc;

use napi::bindgen_prelude::spawn;
use napi_derive::napi;
use tokio::sync::{mpsc, Mutex};

use std::time::Duration;

use crate::error::CallError;
use crate::http::Transport;
use crate::model::{KeySource, ProviderSettings};
use crate::ratelimit::RateLimit;
use crate::secret::Secret;
use crate::{stream, timeouts, types};

/// Errors reach JS as an `Error` whose message is the JSON of the AI SDK error object; the JS layer
/// rebuilds the matching error class from it.
fn to_napi(e: CallError) -> napi::Error {
    napi::Error::from_reason(e.to_js().to_string())
}

/// Provider settings from the JS factories (`createOpenAI`, `createOpenAICompatible`, ...).
#[napi(object)]
pub struct ProviderInit {
    /// Wire protocol: `openai-chat`.
    pub protocol: String,
    /// Name used as the `providerOptions` / `providerMetadata` key.
    pub name: String,
    /// The AI SDK `provider` string of this provider's models (e.g. `openai.chat`).
    pub provider_id: String,
    pub base_url: String,
    /// Held in Rust only; there is no way to read it back.
    pub api_key: Option<String>,
    /// Environment variable to read the key from at request time when `apiKey` is not given.
    pub api_key_env_var: Option<String>,
    /// Provider name for the missing-key error message.
    pub api_key_description: Option<String>,
    /// Look the key up in the keychain under this provider id (then `apiKeyEnvVar`).
    pub credential_provider_id: Option<String>,
    /// Authenticate with this provider's OAuth session (`anthropic`, `openai`, `github-copilot`).
    pub oauth_provider: Option<String>,
    pub headers: Option<HashMap<String, String>>,
    /// Send `stream_options.include_usage` (Chat Completions).
    pub include_usage: Option<bool>,
    /// Connect / first-byte / idle limits for this provider's calls.
    pub timeouts: Option<TimeoutsInit>,
    /// Client-side limits: requests per interval and concurrent streams.
    pub rate_limit: Option<RateLimitInit>,
    /// Proxy URL for this provider (otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply).
    pub proxy: Option<String>,
    /// Extra trusted root certificates (PEM), e.g. a corporate TLS-inspection CA.
    pub ca_certificates: Option<Vec<String>>,
}

#[napi(object)]
pub struct RateLimitInit {
    /// Shorthand for `maxRequests` per 60,000 ms.
    pub requests_per_minute: Option<u32>,
    pub max_requests: Option<u32>,
    pub interval_ms: Option<u32>,
    pub max_concurrent_streams: Option<u32>,
}

/// Milliseconds; absent means the default (10 s connect, 300 s first byte, 300 s idle).
#[napi(object)]
pub struct TimeoutsInit {
    pub connect_ms: Option<u32>,
    pub first_byte_ms: Option<u32>,
    pub idle_ms: Option<u32>,
}

/// A configured provider. Its API key stays inside this object, in Rust.
#[napi]
pub struct NativeProvider {
    settings: Arc<ProviderSettings>,
}

impl NativeProvider {
    /// A provider from already validated settings (the registry's `providerFromRegistry`).
    #[cfg_attr(test, allow(dead_code))]
    pub(crate) fn from_settings(settings: Arc<ProviderSettings>) -> Self {
        NativeProvider { settings }
    }
}

#[napi]
impl NativeProvider {
    #[napi(constructor)]
    pub fn new(init: ProviderInit) -> napi::Result<Self> {
        let description = init
            .api_key_description
            .unwrap_or_else(|| init.name.clone());
        // An explicit key wins, then an OAuth session, then keychain → env, then env alone.
        let api_key = match (
            init.api_key,
            init.oauth_provider,
            init.credential_provider_id,
            init.api_key_env_var,
        ) {
            (Some(k), ..) => KeySource::Explicit(Secret::new(k)),
            (None, Some(p), ..) => KeySource::OAuth(
                crate::auth::Provider::parse(&p)
                    .map_err(|e| napi::Error::from_reason(e.to_js().to_string()))?,
            ),
            (None, None, Some(provider_id), env_var) => KeySource::Stored {
                provider_id,
                env_var,
                description,
            },
            (None, None, None, Some(var)) => KeySource::Env { var, description },
            (None, None, None, None) => KeySource::None,
        };
        let mut headers: Vec<(String, String)> =
            init.headers.unwrap_or_default().into_iter().collect();
        headers.sort();
        let settings = ProviderSettings {
            protocol: init.protocol,
            name: init.name,
            provider_id: init.provider_id,
            base_url: init.base_url,
            api_key,
            headers,
            include_usage: init.include_usage.unwrap_or(false),
            timeouts: init
                .timeouts
                .map_or_else(Default::default, |t| timeouts::Timeouts {
                    connect_ms: t.connect_ms.map(u64::from),
                    first_byte_ms: t.first_byte_ms.map(u64::from),
                    idle_ms: t.idle_ms.map(u64::from),
                }),
            rate_limit: init
                .rate_limit
                .map_or_else(Default::default, |r| RateLimit {
                    // `requestsPerMinute` is `maxRequests` per 60 s.
                    max_requests: r.max_requests.or(r.requests_per_minute),
                    interval: Duration::from_millis(match r.max_requests {
                        Some(_) => r.interval_ms.map_or(60_000, u64::from),
                        None => 60_000,
                    }),
                    max_concurrent_streams: r.max_concurrent_streams,
                }),
            transport: Transport {
                proxy: init.proxy,
                ca_certificates: init.ca_certificates.unwrap_or_default(),
            },
            limiter: Default::default(),
        }
        .validate()
        .map_err(to_napi)?;
        Ok(NativeProvider {
            settings: Arc::new(settings),
        })
    }

    /// Starts a streaming call. `options` is the JSON of the call options (see `types::CallOptions`).
    #[napi]
    pub fn stream(&self, model_id: String, options: String) -> napi::Result<NativeStream> {
        let model = self.settings.model(&model_id).map_err(to_napi)?;
        let call: types::CallOptions = serde_json::from_str(&options).map_err(|e| {
            to_napi(CallError::InvalidArgument {
                parameter: "options".into(),
                message: e.to_string(),
            })
        })?;
        let (tx, rx) = mpsc::channel(stream::CHANNEL_BATCHES);
        let task = spawn(async move {
            let mut sink = stream::PartSink::new(tx);
            stream::run(model, call, &mut sink).await;
        });
        Ok(NativeStream {
            rx: Arc::new(Mutex::new(rx)),
            task: task.abort_handle(),
        })
    }
}

/// Upper bound on one batch handed to JS, so a burst does not become one giant string (and the
/// parts parsed from one batch stay few enough not to outlive a young-generation GC).
const MAX_BATCH_BYTES: usize = 1 << 16;

/// A running call. `next()` resolves to a JSON array of parts (all-ASCII JSON, where a delta that
/// continues the previous part's run is its bare text — see `stream::PartSink`), or `null` once
/// the stream ended.
#[napi]
pub struct NativeStream {
    rx: Arc<Mutex<mpsc::Receiver<String>>>,
    task: tokio::task::AbortHandle,
}

#[napi]
impl NativeStream {
    /// Waits for parts and returns every batch already queued (up to ~64 KiB) as one JSON array.
    #[napi]
    pub async fn next(&self) -> Option<String> {
        let mut rx = self.rx.lock().await;
        let first = rx.recv().await?;
        let mut out = String::with_capacity(first.len() + 2);
        out.push('[');
        out.push_str(&first);
        while out.len() < MAX_BATCH_BYTES {
            match rx.try_recv() {
                Ok(more) => {
                    out.push(',');
                    out.push_str(&more);
                }
                Err(_) => break,
            }
        }
        out.push(']');
        Some(out)
    }

    /// Cancels the call: the task stops and the HTTP connection is closed.
    #[napi]
    pub fn abort(&self) {
        self.task.abort();
    }
}

impl Drop for NativeStream {
    fn drop(&mut self) {
        // A stream dropped by JS (garbage-collected) must not keep its socket open.
        self.task.abort();
    }
}
