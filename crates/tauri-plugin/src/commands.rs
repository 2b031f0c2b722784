//! The plugin's commands (`plugin:llm-native|<name>`), each a thin call into the core's host API.
//! Values cross as JSON text in the shapes the Node host uses; part batches cross as raw bytes.
use std::sync::Arc;

use llm_native_core::api::{
    catalog, credentials as creds, json, registry, usage, HostError, Provider,
};
use llm_native_core::engine::request_body::{RequestBodySlot, RequestEcho};
use llm_native_core::engine::StreamHandle;
use llm_native_core::secret::Secret;
use llm_native_core::transport::host_fetch::FetchFailure;
use tauri::ipc::{Request, Response};
use tauri::{command, Runtime, State, Webview};

use crate::batch_bytes::batch_bytes;
use crate::error::{CommandError, Result};
use crate::handles::Handles;
use crate::raw_args::{self, ChunkHeader, StartHeader};

fn text(value: serde_json::Value) -> String {
    value.to_string()
}

fn object<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).map(text).unwrap_or_default()
}

/// Runs blocking core work (file I/O under the registry lock) off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> std::result::Result<T, HostError> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::from(HostError::invalid("task", e.to_string())))?
        .map_err(CommandError::from)
}

// ---- providers and streams ------------------------------------------------------------------

/// A provider from the JS factories' settings (JSON). Its key stays in Rust; the webview gets an id.
#[command]
pub fn provider_create<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    init: String,
) -> Result<u32> {
    let init = json::parse("settings", &init)?;
    let provider = Provider::new(init)?;
    Ok(handles.providers.insert(webview.label(), provider))
}

#[command]
pub fn provider_from_registry<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    provider_id: String,
) -> Result<u32> {
    let provider = Provider::from_registry(&provider_id)?;
    Ok(handles.providers.insert(webview.label(), provider))
}

/// A fallback chain (`withFallbacks`) of `members` (provider handle, model id), which streams
/// like a provider; `policy` is its JSON options.
#[command]
pub fn provider_fallback<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    policy: String,
    members: Vec<(u32, String)>,
) -> Result<u32> {
    let mut chain = Provider::fallback_chain(&policy)?;
    for (id, model_id) in members {
        let member = handles
            .providers
            .get(webview.label(), id)
            .ok_or_else(|| CommandError::no_handle("provider", id))?;
        chain.add_fallback(&member, &model_id)?;
    }
    Ok(handles.providers.insert(webview.label(), chain))
}

#[command]
pub fn provider_drop<R: Runtime>(webview: Webview<R>, handles: State<'_, Handles>, id: u32) {
    handles.providers.remove(webview.label(), id);
}

/// Starts a streaming call; the webview reads it with `stream_next`. The arguments are a raw
/// body (`raw_args.rs`), and the command is async: a sync command runs on the app's main thread,
/// and this one reads megabytes of history. The request body stays on the handle until
/// `stream_next` sends it (`batch_bytes.rs`).
#[command]
pub async fn stream_start<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    request: Request<'_>,
) -> Result<u32> {
    let (args, bulk) = raw_args::read::<StartHeader>(&request)?;
    let options = raw_args::options_text(bulk)?;
    start_with(&webview, &handles, args.provider, |p, runtime| {
        let echo = RequestEcho::OnDemand(RequestBodySlot::default());
        p.stream_echoing(runtime, &args.model_id, options, echo)
    })
}

/// Starts an `embed` / `embedMany` call (arguments as for `stream_start`); the webview reads its
/// one batch with `stream_next`.
#[command]
pub async fn embed_start<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    request: Request<'_>,
) -> Result<u32> {
    let (args, bulk) = raw_args::read::<StartHeader>(&request)?;
    let options = raw_args::options_text(bulk)?.to_owned();
    start_with(&webview, &handles, args.provider, |p, runtime| {
        p.embed(runtime, &args.model_id, options)
    })
}

/// A stream `start` begins on the webview's provider `provider`, kept as a handle of the webview.
fn start_with<R: Runtime>(
    webview: &Webview<R>,
    handles: &Handles,
    provider: u32,
    start: impl FnOnce(
        &Provider,
        &tauri::async_runtime::TokioHandle,
    ) -> std::result::Result<StreamHandle, HostError>,
) -> Result<u32> {
    let p = handles
        .providers
        .get(webview.label(), provider)
        .ok_or_else(|| CommandError::no_handle("provider", provider))?;
    let runtime = tauri::async_runtime::handle();
    let stream = start(&p, runtime.inner())?;
    Ok(handles.streams.insert(webview.label(), Arc::new(stream)))
}

/// The next batch of parts (UTF-8 JSON bytes, the step's request body ahead of the first one after
/// it was sent: `batch_bytes.rs`), or an empty body once the stream ended (the handle is then
/// gone). Not asking is the backpressure: the stream stops reading the socket.
#[command]
pub async fn stream_next<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    id: u32,
) -> Result<Response> {
    let label = webview.label().to_owned();
    let stream = stream_of(&webview, &handles, id)?;
    match stream.next_batch().await {
        Some(batch) => Ok(Response::new(batch_bytes(
            batch,
            stream.take_request_body(),
        ))),
        None => {
            handles.streams.remove(&label, id);
            Ok(Response::new(Vec::new()))
        }
    }
}

/// Cancels the call: its task stops and the HTTP connection is closed.
#[command]
pub fn stream_abort<R: Runtime>(webview: Webview<R>, handles: State<'_, Handles>, id: u32) {
    if let Some(stream) = handles.streams.remove(webview.label(), id) {
        stream.abort();
    }
}

/// The stream `id` of this webview, for answering its `$fetch` parts.
fn stream_of<R: Runtime>(
    webview: &Webview<R>,
    handles: &Handles,
    id: u32,
) -> Result<Arc<StreamHandle>> {
    handles
        .streams
        .get(webview.label(), id)
        .ok_or_else(|| CommandError::no_handle("stream", id))
}

/// The app's `fetch` answered the stream's `$fetch` part `fetch` (status, headers as JSON);
/// `false`: the call no longer waits for it (the webview aborts its fetch).
#[command]
pub fn stream_fetch_head<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    id: u32,
    fetch: u64,
    status: u16,
    headers: String,
) -> Result<bool> {
    let headers = json::parse("headers", &headers)?;
    let stream = stream_of(&webview, &handles, id)?;
    Ok(stream.host_fetch().respond(fetch, status, headers))
}

/// A chunk of that response's body, as the page's `fetch` read it (a raw body, `raw_args.rs`;
/// split anywhere, as network reads are); resolves once the call took it.
#[command]
pub async fn stream_fetch_chunk<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    request: Request<'_>,
) -> Result<bool> {
    let (ChunkHeader { id, fetch }, bytes) = raw_args::read(&request)?;
    let stream = stream_of(&webview, &handles, id)?;
    Ok(stream.host_fetch().chunk(fetch, bytes.to_vec()).await)
}

/// The body ended, or (`error`) the fetch failed: `kind` `network` (retried as a refused
/// connection) or the app's own error, which the webview passes on.
#[command]
pub fn stream_fetch_end<R: Runtime>(
    webview: Webview<R>,
    handles: State<'_, Handles>,
    id: u32,
    fetch: u64,
    error: Option<String>,
    kind: Option<String>,
) -> Result<bool> {
    let stream = stream_of(&webview, &handles, id)?;
    let kind = FetchFailure::kind_of(kind.as_deref());
    let failure = error.map(|message| FetchFailure::new(message, kind));
    Ok(stream.host_fetch().end(fetch, failure))
}

// ---- registry and catalogue -----------------------------------------------------------------

#[command]
pub fn configure(options: String) -> Result<String> {
    Ok(text(registry::configure(json::parse(
        "options", &options,
    )?)?))
}

#[command]
pub fn list_providers() -> Result<String> {
    Ok(text(registry::list_providers()?))
}

#[command]
pub async fn register_provider(config: String) -> Result<String> {
    let config = json::parse("config", &config)?;
    blocking(move || registry::register_provider(config))
        .await
        .map(text)
}

#[command]
pub async fn update_provider(id: String, patch: String) -> Result<String> {
    let patch = json::parse("patch", &patch)?;
    blocking(move || registry::update_provider(&id, patch))
        .await
        .map(text)
}

#[command]
pub async fn remove_provider(id: String) -> Result<()> {
    blocking(move || registry::remove_provider(&id)).await
}

#[command]
pub fn resolve_model(model_id: String) -> Result<String> {
    Ok(text(registry::resolve_model(&model_id)?))
}

#[command]
pub fn add_models(entries: String) -> Result<()> {
    Ok(registry::add_models(json::parse("models", &entries)?)?)
}

#[command]
pub async fn update_catalog(options: String) -> Result<String> {
    let options = json::parse("options", &options)?;
    Ok(text(catalog::update_catalog(options).await?))
}

#[command]
pub async fn query_usage(options: String) -> Result<String> {
    let options = json::parse("options", &options)?;
    blocking(move || usage::query_usage(options))
        .await
        .map(text)
}

#[command]
pub fn list_models() -> String {
    text(registry::list_models())
}

#[command]
pub async fn list_available_models(options: String) -> Result<String> {
    let options = json::parse("options", &options)?;
    Ok(text(registry::list_available_models(options).await?))
}

#[command]
pub fn estimate_cost(model_id: String, usage: String) -> Result<String> {
    Ok(text(registry::estimate_cost(
        &model_id,
        json::parse("usage", &usage)?,
    )?))
}

// ---- credentials (keys and tokens go in, never out) -------------------------------------------

#[command]
pub fn configure_auth(options: String) -> Result<()> {
    Ok(creds::configure_auth(json::parse("options", &options)?)?)
}

#[command]
pub async fn set_api_key(provider_id: String, key: String) -> Result<()> {
    Ok(creds::set_api_key(provider_id, Secret::new(key)).await?)
}

#[command]
pub async fn has_api_key(provider_id: String) -> Result<bool> {
    Ok(creds::has_api_key(provider_id).await?)
}

#[command]
pub async fn delete_api_key(provider_id: String) -> Result<bool> {
    Ok(creds::delete_api_key(provider_id).await?)
}

#[command]
pub async fn auth_status(provider_id: String) -> Result<String> {
    Ok(object(creds::auth_status(provider_id).await?))
}

#[command]
pub async fn logout(provider_id: String) -> Result<bool> {
    Ok(creds::logout(provider_id).await?)
}

#[command]
pub async fn start_oauth(provider_id: String, options: String) -> Result<String> {
    let options = json::parse("options", &options)?;
    Ok(object(creds::start_oauth(&provider_id, options).await?))
}

#[command]
pub async fn complete_oauth(provider_id: String, options: String) -> Result<String> {
    let options = json::parse("options", &options)?;
    Ok(object(creds::complete_oauth(provider_id, options).await?))
}

#[command]
pub async fn start_device_flow(provider_id: String) -> Result<String> {
    Ok(object(creds::start_device_flow(&provider_id).await?))
}

#[command]
pub async fn poll_device_flow(provider_id: String) -> Result<String> {
    Ok(object(creds::poll_device_flow(provider_id).await?))
}
