//! A provider handle (which keeps the API key on the Rust side) that starts streams, and a
//! stream handle that hands parts over in JSON batches.
use llm_native_core::api::{json, Provider, ProviderInit};
use llm_native_core::engine::StreamHandle;
use llm_native_core::transport::host_fetch::FetchFailure;
use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;

use crate::errors::to_napi;
use crate::js_text::JsText;

/// A configured provider. Its API key stays inside this object, in Rust.
#[napi]
pub struct NativeProvider {
    provider: Provider,
}

#[napi]
impl NativeProvider {
    /// `init`: the JSON of the JS factories' provider settings (see `ProviderInit` in the core).
    #[napi(constructor)]
    pub fn new(init: String) -> napi::Result<Self> {
        let init: ProviderInit = json::parse("settings", &init).map_err(to_napi)?;
        Ok(NativeProvider {
            provider: Provider::new(init).map_err(to_napi)?,
        })
    }

    /// Starts a streaming call. `options` is the JSON of the call options, parsed off the main
    /// thread; the request body is read with `requestBody()`.
    #[napi(ts_args_type = "modelId: string, options: string")]
    pub fn stream(&self, model_id: String, options: JsText) -> napi::Result<NativeStream> {
        let runtime = runtime();
        let stream = self
            .provider
            .stream_off_thread(&runtime, &model_id, options.0)
            .map_err(to_napi)?;
        Ok(NativeStream { stream })
    }

    /// Starts an `embed` / `embedMany` call; its one batch is the result (or an error part).
    #[napi(ts_args_type = "modelId: string, options: string")]
    pub fn embed(&self, model_id: String, options: JsText) -> napi::Result<NativeStream> {
        let runtime = runtime();
        let stream = self
            .provider
            .embed(&runtime, &model_id, options.0)
            .map_err(to_napi)?;
        Ok(NativeStream { stream })
    }

    /// Appends `modelId` of `member` to this fallback chain.
    #[napi]
    pub fn add_fallback(&mut self, member: &NativeProvider, model_id: String) -> napi::Result<()> {
        self.provider
            .add_fallback(&member.provider, &model_id)
            .map_err(to_napi)
    }
}

/// napi-rs's tokio runtime, where calls run.
fn runtime() -> tokio::runtime::Handle {
    napi::bindgen_prelude::within_runtime_if_available(tokio::runtime::Handle::current)
}

/// An empty fallback chain (`withFallbacks`); `policy` is the JSON of its options. Members are
/// added with `addFallback`; the chain then streams like a provider.
#[napi]
pub fn create_fallback_chain(policy: String) -> napi::Result<NativeProvider> {
    Ok(NativeProvider {
        provider: Provider::fallback_chain(&policy).map_err(to_napi)?,
    })
}

/// The provider registered as `providerId` (built-in or custom).
#[napi]
pub fn provider_from_registry(provider_id: String) -> napi::Result<NativeProvider> {
    Ok(NativeProvider {
        provider: Provider::from_registry(&provider_id).map_err(to_napi)?,
    })
}

/// A running call. `next()` resolves to a JSON array of parts (all-ASCII JSON, where a delta that
/// continues the previous part's run is written short: `engine::batch` in the core), or `null`
/// once the stream ended.
#[napi]
pub struct NativeStream {
    stream: StreamHandle,
}

#[napi]
impl NativeStream {
    /// Waits for parts and returns every batch already queued (up to ~64 KiB) as one JSON array.
    #[napi]
    pub async fn next(&self) -> Option<String> {
        self.stream.next_batch().await
    }

    /// The JSON text of the request body the call sent (`null` before it went out).
    #[napi]
    pub fn request_body(&self) -> Option<String> {
        self.stream.request_body()
    }

    /// Cancels the call: the task stops and the HTTP connection is closed.
    #[napi]
    pub fn abort(&self) {
        self.stream.abort();
    }

    /// The app's `fetch` answered the `$fetch` part `id` (status, headers as JSON); `false`: the
    /// call no longer waits for it (abort the fetch).
    #[napi]
    pub fn fetch_head(&self, id: i64, status: u32, headers: String) -> napi::Result<bool> {
        let headers = json::parse("headers", &headers).map_err(to_napi)?;
        let status = u16::try_from(status).unwrap_or(0);
        Ok(self
            .stream
            .host_fetch()
            .respond(fetch_id(id), status, headers))
    }

    /// A chunk of that response's body; resolves once the call took it (`false`: it stopped
    /// reading — abort the fetch).
    #[napi]
    pub async fn fetch_chunk(&self, id: i64, chunk: Uint8Array) -> bool {
        let bytes = chunk.to_vec();
        self.stream.host_fetch().chunk(fetch_id(id), bytes).await
    }

    /// The body ended, or (`error`) the fetch failed: `kind` `network` (retried as a refused
    /// connection) or the app's own error, which the JS side passes on.
    #[napi]
    pub fn fetch_end(&self, id: i64, error: Option<String>, kind: Option<String>) -> bool {
        let kind = FetchFailure::kind_of(kind.as_deref());
        let failure = error.map(|message| FetchFailure::new(message, kind));
        self.stream.host_fetch().end(fetch_id(id), failure)
    }
}

/// A `$fetch` id from JS (a safe integer; anything else matches no request).
fn fetch_id(id: i64) -> u64 {
    u64::try_from(id).unwrap_or(0)
}
