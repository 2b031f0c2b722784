//! The provider registry: built-in providers, custom ones the app registers (persisted in
//! `<configDir>/providers.json`), and resolution of `provider/model` ids against the catalogue.
//! Secrets never enter this module: a provider names the environment variable of its key, and
//! the key is read when a request goes out (`KeySource::Env`).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::model::{KeySource, ProviderSettings};

pub mod available;
pub mod builtin;
pub mod custom;
pub mod registry;
pub mod resolve;
pub mod store;

pub use registry::Registry;

/// How a provider lists its models live (`GET` on an endpoint derived from the base URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelsList {
    /// `GET {baseURL}/models`, bearer auth, `{ data: [{ id }] }`.
    Openai,
    /// `GET {baseURL}/models`, `x-api-key` + `anthropic-version`, `{ data: [{ id, display_name }] }`.
    Anthropic,
    /// `GET {host}/api/tags` (the base URL without `/v1`), `{ models: [{ name }] }`.
    Ollama,
}

/// One provider, built-in or custom. Holds no secret: the key comes from `api_key_env_var`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProviderConfig {
    pub id: String,
    /// Display name; also names the provider in the missing-key error.
    pub name: String,
    /// A name `protocols::by_name` knows.
    pub protocol: String,
    #[serde(rename = "baseURL")]
    pub base_url: String,
    /// Where the key is read from at request time; `None` = no key needed (local servers).
    #[serde(default)]
    pub api_key_env_var: Option<String>,
    /// Name of the key in the OS keychain (the auth layer reads it).
    #[serde(default)]
    pub keychain_key: Option<String>,
    /// Credentials can come from an OAuth login (the auth layer).
    #[serde(default)]
    pub oauth: bool,
    /// Resells other makers' models: bare model ids prefer first-party providers.
    #[serde(default)]
    pub aggregator: bool,
    #[serde(default)]
    pub models_list: Option<ModelsList>,
    /// Send `stream_options.include_usage` (Chat Completions).
    #[serde(default)]
    pub include_usage: bool,
    #[serde(default)]
    pub default_models: Vec<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

impl ProviderConfig {
    /// The id its key and OAuth session are stored under in the auth layer.
    pub fn credential_id(&self) -> &str {
        self.keychain_key.as_deref().unwrap_or(&self.id)
    }

    /// Whether a request can be authenticated now: no key needed, the key's variable is set, or
    /// the auth layer holds a key or an OAuth session for it.
    pub fn has_credentials(&self) -> bool {
        if self.api_key_env_var.is_none() && !self.oauth {
            return true;
        }
        let env = self
            .api_key_env_var
            .as_ref()
            .is_some_and(|var| std::env::var(var).is_ok_and(|v| !v.is_empty()));
        env || crate::auth::auth_status(self.credential_id()).is_ok_and(|s| s.api_key || s.oauth)
    }

    /// Where requests get their credential: Copilot only has OAuth; others the stored key, the
    /// env var, then an OAuth login where the provider has one (`ModelConfig::resolved`).
    fn key_source(&self) -> KeySource {
        if let (true, None) = (self.oauth, &self.api_key_env_var) {
            if let Ok(p) = crate::auth::Provider::parse(self.credential_id()) {
                return KeySource::OAuth(p);
            }
        }
        match &self.api_key_env_var {
            Some(var) => KeySource::Stored {
                provider_id: self.credential_id().to_owned(),
                env_var: Some(var.clone()),
                description: self.name.clone(),
            },
            None => KeySource::None,
        }
    }

    /// The AI SDK `provider` string of this provider's models, e.g. `deepseek.chat`.
    pub fn model_provider_id(&self) -> String {
        let kind = match self.protocol.as_str() {
            "openai-responses" => "responses",
            "anthropic-messages" => "messages",
            "google-generative-ai" => "generative-ai",
            _ => "chat",
        };
        format!("{}.{kind}", self.id)
    }

    /// Streaming settings (not yet validated); the credential is looked up per request.
    pub fn settings(&self) -> ProviderSettings {
        ProviderSettings {
            protocol: self.protocol.clone(),
            name: self.id.clone(),
            provider_id: self.model_provider_id(),
            base_url: self.base_url.clone(),
            api_key: self.key_source(),
            headers: self
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            include_usage: self.include_usage,
            ..ProviderSettings::default()
        }
    }

    /// The JS view: the config plus `builtin` and `hasCredentials`.
    pub fn to_js(&self, builtin: bool) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        v["builtin"] = json!(builtin);
        v["hasCredentials"] = json!(self.has_credentials());
        v
    }
}

/// Errors of the registry layer, each with the AI SDK name it surfaces as in JS.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RegistryError {
    /// A bad provider config or model entry (`InvalidArgumentError`, `argument` = the field).
    #[error("Invalid argument for parameter {parameter}: {message}")]
    Invalid { parameter: String, message: String },
    #[error("No such provider: {provider_id} (available providers: {})", .available.join(","))]
    NoSuchProvider {
        model_id: String,
        provider_id: String,
        available: Vec<String>,
    },
    #[error("No such languageModel: {model_id}")]
    NoSuchModel { model_id: String },
    /// A bare model id several providers offer (`InvalidArgumentError` on `modelId`).
    #[error("Model id {model_id:?} is ambiguous; use one of: {}", .candidates.join(", "))]
    Ambiguous {
        model_id: String,
        candidates: Vec<String>,
    },
    /// The providers file could not be read or written (`LoadSettingError`).
    #[error("{0}")]
    Store(String),
}

impl RegistryError {
    pub fn invalid(parameter: &str, message: impl Into<String>) -> Self {
        RegistryError::Invalid {
            parameter: parameter.into(),
            message: message.into(),
        }
    }

    /// The JS-facing error object (AI SDK name + fields), as `CallError::to_js`.
    pub fn to_js(&self) -> Value {
        let message = self.to_string();
        match self {
            RegistryError::Invalid { parameter, .. } => {
                json!({ "name": "AI_InvalidArgumentError", "message": message, "argument": parameter })
            }
            RegistryError::Ambiguous { candidates, .. } => json!({
                "name": "AI_InvalidArgumentError", "message": message, "argument": "modelId",
                "value": candidates,
            }),
            RegistryError::NoSuchProvider {
                model_id,
                provider_id,
                available,
            } => json!({
                "name": "AI_NoSuchProviderError", "message": message, "modelId": model_id,
                "modelType": "languageModel", "providerId": provider_id, "availableProviders": available,
            }),
            RegistryError::NoSuchModel { model_id } => json!({
                "name": "AI_NoSuchModelError", "message": message, "modelId": model_id,
                "modelType": "languageModel",
            }),
            RegistryError::Store(_) => json!({ "name": "AI_LoadSettingError", "message": message }),
        }
    }
}

impl From<crate::error::CallError> for RegistryError {
    /// Settings validation (`ProviderSettings::validate`) reports bad fields as `InvalidArgument`.
    fn from(e: crate::error::CallError) -> Self {
        match e {
            crate::error::CallError::InvalidArgument { parameter, message } => {
                RegistryError::Invalid { parameter, message }
            }
            other => RegistryError::invalid("config", other.to_string()),
        }
    }
}
