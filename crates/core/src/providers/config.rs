//! A provider's configuration (built-in or custom): protocol, endpoint, where its key comes
//! from, its models. Holds no secret.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::auth;
use crate::credential::Login;

use super::key_source::KeySource;
use super::settings::ProviderSettings;

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
        env || auth::auth_status(self.credential_id()).is_ok_and(|s| s.api_key || s.oauth)
    }

    /// Where requests get their credential: Copilot only has OAuth; others the stored key, the
    /// env var, then an OAuth login where the provider has one (`ModelConfig::resolved`).
    fn key_source(&self) -> KeySource {
        if let (true, None) = (self.oauth, &self.api_key_env_var) {
            if let Some(login) = Login::parse(self.credential_id()) {
                return KeySource::OAuth(login);
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

    /// The config as listed to hosts: plus `builtin` and `hasCredentials` (never a secret).
    pub fn to_json(&self, builtin: bool) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        v["builtin"] = json!(builtin);
        v["hasCredentials"] = json!(self.has_credentials());
        v
    }
}
