//! Errors reach JS as an `Error` whose message is the JSON of the AI SDK error object; the JS
//! layer (`lib/errors.js`) rebuilds the matching error class from it.
use llm_native_core::api::HostError;

pub fn to_napi(e: impl Into<HostError>) -> napi::Error {
    napi::Error::from_reason(e.into().to_json().to_string())
}

/// Runs blocking core work (file I/O under the registry lock) off the JS thread.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, HostError> + Send + 'static,
) -> napi::Result<T> {
    napi::bindgen_prelude::spawn_blocking(f)
        .await
        .map_err(|e| napi::Error::from_reason(e.to_string()))?
        .map_err(to_napi)
}
