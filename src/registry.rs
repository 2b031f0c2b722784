//! The provider registry and the model catalogue. Values cross as JSON strings
//! (`lib/registry.js` parses them).
use llm_native_core::api::{catalog, json, registry, usage};
use napi_derive::napi;

use crate::errors::{blocking, to_napi};

#[napi]
pub fn configure(options: String) -> napi::Result<String> {
    let options = json::parse("options", &options).map_err(to_napi)?;
    Ok(registry::configure(options).map_err(to_napi)?.to_string())
}

#[napi]
pub fn list_providers() -> napi::Result<String> {
    Ok(registry::list_providers().map_err(to_napi)?.to_string())
}

#[napi]
pub async fn register_provider(config: String) -> napi::Result<String> {
    let config = json::parse("config", &config).map_err(to_napi)?;
    Ok(blocking(move || registry::register_provider(config))
        .await?
        .to_string())
}

#[napi]
pub async fn update_provider(id: String, patch: String) -> napi::Result<String> {
    let patch = json::parse("patch", &patch).map_err(to_napi)?;
    Ok(blocking(move || registry::update_provider(&id, patch))
        .await?
        .to_string())
}

#[napi]
pub async fn remove_provider(id: String) -> napi::Result<()> {
    blocking(move || registry::remove_provider(&id)).await
}

#[napi]
pub fn resolve_model(model_id: String) -> napi::Result<String> {
    Ok(registry::resolve_model(&model_id)
        .map_err(to_napi)?
        .to_string())
}

#[napi]
pub fn add_models(entries: String) -> napi::Result<()> {
    let entries = json::parse("models", &entries).map_err(to_napi)?;
    registry::add_models(entries).map_err(to_napi)
}

#[napi]
pub fn list_models() -> String {
    registry::list_models().to_string()
}

#[napi]
pub async fn list_available_models(options: String) -> napi::Result<String> {
    let options = json::parse("options", &options).map_err(to_napi)?;
    Ok(registry::list_available_models(options)
        .await
        .map_err(to_napi)?
        .to_string())
}

#[napi]
pub fn estimate_cost(model_id: String, usage: String) -> napi::Result<String> {
    let usage = json::parse("usage", &usage).map_err(to_napi)?;
    Ok(registry::estimate_cost(&model_id, usage)
        .map_err(to_napi)?
        .to_string())
}

/// `queryUsage` totals over the usage ledger (read off the main thread).
#[napi]
pub async fn query_usage(options: String) -> napi::Result<String> {
    let options = json::parse("options", &options).map_err(to_napi)?;
    Ok(blocking(move || usage::query_usage(options))
        .await?
        .to_string())
}

/// Writes the steps still queued for the usage ledger (the JS host calls it on process exit).
#[napi]
pub fn flush_usage() {
    usage::flush_usage();
}

/// `updateCatalog({ url | file, sha256? })`: a newer model catalogue, checked, cached under the
/// config directory.
#[napi]
pub async fn update_catalog(options: String) -> napi::Result<String> {
    let options = json::parse("options", &options).map_err(to_napi)?;
    Ok(catalog::update_catalog(options)
        .await
        .map_err(to_napi)?
        .to_string())
}
