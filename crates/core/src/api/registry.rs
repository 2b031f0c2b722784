//! The provider registry and the model catalogue, for hosts: values in and out as JSON in the
//! shapes `lib/registry.js` documents. Functions that touch `providers.json` block (file I/O
//! under the registry lock): hosts run them off their event loop.
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::catalog::{Catalog, ModelEntry, TokenUsage};
use crate::ledger;
use crate::providers::available::{list_available, ListOptions};
use crate::providers::live_models::LiveCache;
use crate::providers::resolve::resolve;
use crate::providers::{Registry, RegistryError};
use crate::types::Usage;

use super::error::HostError;
use super::json::from_value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigureOptions {
    config_dir: Option<PathBuf>,
    /// Whether steps are recorded in `<configDir>/usage.sqlite` (default on).
    usage_ledger: Option<bool>,
}

/// `configure({ configDir })` → `{ configDir, providersFile }`.
pub fn configure(options: Value) -> Result<Value, HostError> {
    let options: ConfigureOptions = from_value("options", options)?;
    let registry = Registry::global();
    if let Some(on) = options.usage_ledger {
        ledger::writer::set_enabled(on);
    }
    // `configure({ usageLedger })` alone leaves the directory where it is.
    let dir = match (options.config_dir, options.usage_ledger) {
        (None, Some(_)) => registry.config_dir(),
        (dir, _) => registry.configure(dir)?,
    };
    let ledger_file = ledger::writer::enabled().then(|| dir.join(ledger::schema::FILE_NAME));
    Ok(json!({
        "configDir": dir, "providersFile": registry.providers_file(), "usageLedger": ledger_file,
    }))
}

/// Every provider, built-in and custom, without secrets.
pub fn list_providers() -> Result<Value, HostError> {
    let list = Registry::global().list()?;
    Ok(Value::Array(
        list.iter().map(|e| e.config.to_json(e.builtin)).collect(),
    ))
}

/// Registers and persists a custom provider (blocking).
pub fn register_provider(config: Value) -> Result<Value, HostError> {
    Ok(Registry::global().register(config)?.to_json(false))
}

/// Changes a custom provider (blocking).
pub fn update_provider(id: &str, patch: Value) -> Result<Value, HostError> {
    Ok(Registry::global().update(id, patch)?.to_json(false))
}

/// Removes a custom provider (blocking).
pub fn remove_provider(id: &str) -> Result<(), HostError> {
    Ok(Registry::global().remove(id)?)
}

/// `provider/model`, a bare catalogue id or an alias → provider and catalogue entry.
pub fn resolve_model(model_id: &str) -> Result<Value, HostError> {
    Ok(resolve(Registry::global(), Catalog::global(), model_id)?.to_json())
}

/// Adds or replaces catalogue entries.
pub fn add_models(entries: Value) -> Result<(), HostError> {
    let entries: Vec<ModelEntry> = from_value("models", entries)?;
    Catalog::global()
        .add(entries)
        .map_err(|m| RegistryError::invalid("models", m).into())
}

pub fn list_models() -> Value {
    serde_json::to_value(Catalog::global().entries()).unwrap_or(Value::Null)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AvailableOptions {
    #[serde(default)]
    refresh: bool,
    providers: Option<Vec<String>>,
}

/// Catalogue models of providers with credentials, merged with their live model lists.
pub async fn list_available_models(options: Value) -> Result<Value, HostError> {
    let o: AvailableOptions = from_value("options", options)?;
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
    .await?;
    Ok(serde_json::to_value(out).unwrap_or(Value::Null))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CostUsage {
    #[serde(flatten)]
    usage: Usage,
    cache_creation_input_tokens: Option<u64>,
}

/// What `usage` costs on `model_id` (USD), `null` when the catalogue has no prices for it.
pub fn estimate_cost(model_id: &str, usage: Value) -> Result<Value, HostError> {
    let u: CostUsage = from_value("usage", usage)?;
    let r = resolve(Registry::global(), Catalog::global(), model_id)?;
    let tokens = TokenUsage::from_usage(
        &u.usage,
        u.cache_creation_input_tokens,
        &r.provider.config.protocol,
    );
    let cost = r
        .model
        .and_then(|m| m.cost)
        .map(|p| crate::catalog::cost::priced(&p, &tokens));
    Ok(serde_json::to_value(cost).unwrap_or(Value::Null))
}
