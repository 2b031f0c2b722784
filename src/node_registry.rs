//! N-API functions of the provider registry and model catalogue. Values cross as JSON strings
//! (`lib/registry.js` parses them); errors are thrown as the JSON of an AI SDK error object,
//! like `node.rs` does.
use std::path::PathBuf;
use std::sync::Arc;

use napi_derive::napi;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::catalog::live::LiveCache;
use crate::catalog::{Catalog, ModelEntry, TokenUsage};
use crate::node::NativeProvider;
use crate::providers::available::{list_available, ListOptions};
use crate::providers::resolve::resolve;
use crate::providers::{Registry, RegistryError};
use crate::types::Usage;

fn to_napi(e: RegistryError) -> napi::Error {
    napi::Error::from_reason(e.to_js().to_string())
}

fn parse_json<T: serde::de::DeserializeOwned>(parameter: &str, text: &str) -> napi::Result<T> {
    serde_json::from_str(text)
        .map_err(|e| to_napi(RegistryError::invalid(parameter, e.to_string())))
}

/// Registry work touches the file system: it runs on the blocking pool, off the JS thread.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, RegistryError> + Send + 'static,
) -> napi::Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| napi::Error::from_reason(e.to_string()))?
        .map_err(to_napi)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigureOptions {
    config_dir: Option<PathBuf>,
}

/// `{ configDir? }` → `{ configDir, providersFile }`. Reads the providers file now.
#[napi]
pub fn configure(options: String) -> napi::Result<String> {
    let options: ConfigureOptions = parse_json("options", &options)?;
    let registry = Registry::global();
    let dir = registry.configure(options.config_dir).map_err(to_napi)?;
    Ok(json!({ "configDir": dir, "providersFile": registry.providers_file() }).to_string())
}

#[napi]
pub fn list_providers() -> napi::Result<String> {
    let list = Registry::global().list().map_err(to_napi)?;
    let out: Vec<Value> = list.iter().map(|e| e.config.to_js(e.builtin)).collect();
    Ok(Value::Array(out).to_string())
}

#[napi]
pub async fn register_provider(config: String) -> napi::Result<String> {
    let config: Value = parse_json("config", &config)?;
    let c = blocking(move || Registry::global().register(config)).await?;
    Ok(c.to_js(false).to_string())
}

#[napi]
pub async fn update_provider(id: String, patch: String) -> napi::Result<String> {
    let patch: Value = parse_json("patch", &patch)?;
    let c = blocking(move || Registry::global().update(&id, patch)).await?;
    Ok(c.to_js(false).to_string())
}

#[napi]
pub async fn remove_provider(id: String) -> napi::Result<()> {
    blocking(move || Registry::global().remove(&id)).await
}

#[napi]
pub fn resolve_model(model_id: String) -> napi::Result<String> {
    let r = resolve(Registry::global(), Catalog::global(), &model_id).map_err(to_napi)?;
    Ok(r.to_js().to_string())
}

/// Adds or replaces catalogue entries (JSON array of model entries).
#[napi]
pub fn add_models(entries: String) -> napi::Result<()> {
    let entries: Vec<ModelEntry> = parse_json("models", &entries)?;
    Catalog::global()
        .add(entries)
        .map_err(|m| to_napi(RegistryError::invalid("models", m)))
}

/// The whole catalogue (compiled-in entries and additions).
#[napi]
pub fn list_models() -> String {
    serde_json::to_string(&Catalog::global().entries()).unwrap_or_default()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AvailableOptions {
    #[serde(default)]
    refresh: bool,
    providers: Option<Vec<String>>,
}

#[napi]
pub async fn list_available_models(options: String) -> napi::Result<String> {
    let o: AvailableOptions = parse_json("options", &options)?;
    let options = ListOptions {
        refresh: o.refresh,
        providers: o.providers,
    };
    let out = list_available(
        Registry::global(),
        Catalog::global(),
        LiveCache::global(),
        &options,
    )
    .await
    .map_err(to_napi)?;
    Ok(serde_json::to_string(&out).unwrap_or_default())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CostUsage {
    #[serde(flatten)]
    usage: Usage,
    /// Anthropic reports cache writes apart (`providerMetadata.anthropic.cacheCreationInputTokens`).
    cache_creation_input_tokens: Option<u64>,
}

/// The cost of `usage` (AI SDK usage, plus `cacheCreationInputTokens`) on `modelId`, or `null`
/// when the catalogue has no prices for it.
#[napi]
pub fn estimate_cost(model_id: String, usage: String) -> napi::Result<String> {
    let u: CostUsage = parse_json("usage", &usage)?;
    let r = resolve(Registry::global(), Catalog::global(), &model_id).map_err(to_napi)?;
    let tokens = TokenUsage::from_usage(
        &u.usage,
        u.cache_creation_input_tokens,
        &r.provider.config.protocol,
    );
    let cost = r
        .model
        .and_then(|m| m.cost)
        .map(|p| crate::catalog::cost::priced(&p, &tokens));
    Ok(serde_json::to_string(&cost).unwrap_or_default())
}

/// A `NativeProvider` for a registry provider; its key is read from the environment per request.
#[napi]
pub fn provider_from_registry(provider_id: String) -> napi::Result<NativeProvider> {
    let entry = Registry::global()
        .get(&provider_id)
        .map_err(to_napi)?
        .ok_or_else(|| {
            let available = Registry::global()
                .list()
                .map(|l| l.into_iter().map(|e| e.config.id).collect())
                .unwrap_or_default();
            to_napi(RegistryError::NoSuchProvider {
                model_id: String::new(),
                provider_id: provider_id.clone(),
                available,
            })
        })?;
    let settings = entry
        .config
        .settings()
        .validate()
        .map_err(|e| to_napi(e.into()))?;
    Ok(NativeProvider::from_settings(Arc::new(settings)))
}
