//! A configured provider (protocol, endpoint, credentials, headers) and the model handle built
//! from it. Validation happens here, once, when a provider is created.
use crate::auth;
use crate::catalog::cost::Pricing;
use crate::error::CallError;
use crate::http::Transport;
use crate::protocols::{self, Protocol};
use crate::ratelimit::{Limiter, RateLimit};
use crate::secret::Secret;
use crate::timeouts::Timeouts;
use std::sync::Arc;

/// Where a provider's API key comes from. Resolved at request time, like the AI SDK's
/// `loadApiKey`, so a key set in the environment after the provider was created still works.
#[derive(Debug, Clone, Default)]
pub enum KeySource {
    /// No key: the request goes without an auth header (local servers, Ollama).
    #[default]
    None,
    Explicit(Secret),
    /// An environment variable; `description` names the provider in the missing-key error.
    Env {
        var: String,
        description: String,
    },
    /// The key stored for `provider_id` (keychain or opt-in file store), else `env_var`.
    Stored {
        provider_id: String,
        env_var: Option<String>,
        description: String,
    },
    /// The provider's OAuth session (access token refreshed as needed).
    OAuth(auth::Provider),
    /// What a `Stored` / `OAuth` source resolved to for one request (see `ModelConfig::resolved`).
    Resolved(Credential),
}

/// A credential ready to send.
#[derive(Debug, Clone)]
pub enum Credential {
    /// Sent in the protocol's key header (`Authorization: Bearer`, `x-api-key`, `x-goog-api-key`).
    ApiKey(Secret),
    /// Always `Authorization: Bearer`, plus the headers the provider's subscription API needs.
    OAuth {
        provider: auth::Provider,
        token: Secret,
    },
}

impl Credential {
    pub fn secret(&self) -> &Secret {
        match self {
            Credential::ApiKey(s) | Credential::OAuth { token: s, .. } => s,
        }
    }
}

/// Provider settings as the JS factories pass them.
#[derive(Debug, Clone, Default)]
pub struct ProviderSettings {
    pub protocol: String,
    /// Key of `providerOptions` / `providerMetadata` (e.g. `openai`, or the compatible provider's name).
    pub name: String,
    /// The AI SDK `provider` string of its models (e.g. `openai.chat`).
    pub provider_id: String,
    pub base_url: String,
    pub api_key: KeySource,
    pub headers: Vec<(String, String)>,
    pub include_usage: bool,
    pub timeouts: Timeouts,
    pub rate_limit: RateLimit,
    pub transport: Transport,
    /// Built from `rate_limit` by `validate`; shared by every model of the provider.
    pub limiter: Arc<Limiter>,
}

/// Everything a call needs to know about the model it talks to.
#[derive(Debug, Clone)]
pub struct ModelConfig {
    pub provider: String,
    pub provider_options_name: String,
    pub protocol: &'static dyn Protocol,
    pub model_id: String,
    pub base_url: String,
    pub api_key: KeySource,
    pub headers: Vec<(String, String)>,
    pub include_usage: bool,
    pub timeouts: Timeouts,
    pub transport: Transport,
    pub limiter: Arc<Limiter>,
    /// Catalogue prices of this model (each step reports its cost), when the catalogue has them.
    pub pricing: Option<Arc<Pricing>>,
}

impl std::fmt::Debug for dyn Protocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Protocol")
    }
}

fn invalid(parameter: &str, message: impl Into<String>) -> CallError {
    CallError::InvalidArgument {
        parameter: parameter.into(),
        message: message.into(),
    }
}

/// Header names are HTTP tokens; values must not carry CR/LF (header injection) or NUL.
pub fn validate_header(name: &str, value: &str) -> Result<(), CallError> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        return Err(invalid("headers", format!("invalid header name {name:?}")));
    }
    if value.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
        return Err(invalid(
            "headers",
            format!("header {name:?} has a CR, LF or NUL in its value"),
        ));
    }
    Ok(())
}

impl ProviderSettings {
    pub fn validate(mut self) -> Result<ProviderSettings, CallError> {
        if protocols::by_name(&self.protocol).is_none() {
            return Err(invalid(
                "protocol",
                format!("unknown protocol {:?}", self.protocol),
            ));
        }
        if self.name.trim().is_empty() {
            return Err(invalid("name", "provider name must not be empty"));
        }
        let url = reqwest::Url::parse(&self.base_url).map_err(|e| {
            invalid(
                "baseURL",
                format!("{:?} is not a valid URL: {e}", self.base_url),
            )
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid(
                "baseURL",
                format!("{:?} must be an http or https URL", self.base_url),
            ));
        }
        // The AI SDK strips trailing slashes so paths join as `${baseURL}/chat/completions`.
        self.base_url = self.base_url.trim_end_matches('/').to_owned();
        for (name, value) in &self.headers {
            validate_header(name, value)?;
        }
        if self.rate_limit.max_requests == Some(0)
            || self.rate_limit.max_concurrent_streams == Some(0)
        {
            return Err(invalid("rateLimit", "limits must be at least 1"));
        }
        if self.rate_limit.max_requests.is_some() && self.rate_limit.interval.is_zero() {
            return Err(invalid(
                "rateLimit",
                "the interval must be longer than 0 ms",
            ));
        }
        self.limiter = Arc::new(Limiter::new(self.rate_limit));
        // Builds (and caches) the client now, so a bad proxy URL or certificate fails here.
        crate::http::client(self.timeouts.connect(), &self.transport)
            .map_err(|m| invalid("transport", m))?;
        if let KeySource::Stored { provider_id, .. } = &self.api_key {
            if provider_id.is_empty() {
                return Err(invalid("credentialProviderId", "must not be empty"));
            }
        }
        if let KeySource::Explicit(key) = &self.api_key {
            validate_header("authorization", key.expose())
                .map_err(|_| invalid("apiKey", "API key has a CR, LF or NUL in it"))?;
        }
        Ok(self)
    }

    pub fn model(&self, model_id: &str) -> Result<ModelConfig, CallError> {
        if model_id.trim().is_empty() {
            return Err(invalid("modelId", "model id must not be empty"));
        }
        Ok(ModelConfig {
            provider: self.provider_id.clone(),
            provider_options_name: self.name.clone(),
            protocol: protocols::by_name(&self.protocol).expect("validated protocol"),
            model_id: model_id.to_owned(),
            base_url: self.base_url.clone(),
            api_key: self.api_key.clone(),
            headers: self.headers.clone(),
            include_usage: self.include_usage,
            timeouts: self.timeouts,
            transport: self.transport.clone(),
            limiter: self.limiter.clone(),
            pricing: Pricing::lookup(&self.name, model_id, &self.protocol).map(Arc::new),
        })
    }
}

/// The OAuth session of a provider that has one (`anthropic`, `openai`, `github-copilot`).
async fn oauth_session(provider_id: &str) -> Option<Credential> {
    let provider = auth::Provider::parse(provider_id).ok()?;
    let tokens = auth::oauth::access_token(provider).await.ok()?;
    Some(Credential::OAuth {
        provider,
        token: tokens.access,
    })
}

impl ModelConfig {
    /// The credential for this request, or a `LoadAPIKeyError` naming the provider and variable.
    /// `Stored` / `OAuth` sources must have been resolved (`resolved`) first.
    pub fn credential(&self) -> Result<Option<Credential>, CallError> {
        match &self.api_key {
            KeySource::None => Ok(None),
            KeySource::Explicit(s) => Ok(Some(Credential::ApiKey(s.clone()))),
            KeySource::Env { var, description } => match std::env::var(var) {
                Ok(v) if !v.is_empty() => Ok(Some(Credential::ApiKey(Secret::new(v)))),
                _ => Err(CallError::LoadApiKey(format!(
                    "{description} API key is missing. Pass it using the 'apiKey' parameter or the {var} environment variable."
                ))),
            },
            KeySource::Resolved(c) => Ok(Some(c.clone())),
            KeySource::Stored { .. } | KeySource::OAuth(_) => Err(CallError::LoadApiKey(
                "the credential was not resolved before building the request".into(),
            )),
        }
    }

    /// The secret this request sends (to scrub from anything echoed back).
    pub fn api_key(&self) -> Result<Option<Secret>, CallError> {
        Ok(self.credential()?.map(|c| c.secret().clone()))
    }

    /// Whether requests go out with an OAuth access token (Anthropic then needs its OAuth beta).
    pub fn uses_oauth(&self) -> bool {
        matches!(self.api_key, KeySource::Resolved(Credential::OAuth { .. }))
    }

    /// Auth headers: an API key in `key_header` as `{key_prefix}{key}`; an OAuth token as
    /// `Authorization: Bearer` with its provider's extra headers.
    pub fn auth_headers(
        &self,
        key_header: &str,
        key_prefix: &str,
    ) -> Result<Vec<(String, String)>, CallError> {
        Ok(match self.credential()? {
            None => Vec::new(),
            Some(Credential::ApiKey(k)) => {
                vec![(key_header.to_owned(), format!("{key_prefix}{}", k.expose()))]
            }
            Some(Credential::OAuth { provider, token }) => {
                let mut h = vec![(
                    "authorization".to_owned(),
                    format!("Bearer {}", token.expose()),
                )];
                h.extend(provider.request_headers());
                h
            }
        })
    }

    /// A copy whose keychain / OAuth source is looked up (and refreshed) for one request.
    pub async fn resolved(&self) -> Result<ModelConfig, CallError> {
        let credential = match &self.api_key {
            KeySource::Stored {
                provider_id,
                env_var,
                description,
            } => {
                let (id, var) = (provider_id.clone(), env_var.clone());
                let found =
                    auth::blocking(move || auth::resolve_api_key(&id, var.as_deref())).await;
                match found {
                    Ok(Some(key)) => Credential::ApiKey(key),
                    // No key, but the user logged in with this provider's OAuth flow.
                    Ok(None) if let Some(c) = oauth_session(provider_id).await => c,
                    other => {
                        // The AI SDK's wording first, then where else a key could come from.
                        let var = env_var.as_deref().map_or(String::new(), |v| {
                            format!(" or the {v} environment variable")
                        });
                        let why = match other {
                            Err(e) => format!(" {e}"),
                            _ => String::new(),
                        };
                        return Err(CallError::LoadApiKey(format!(
                            "{description} API key is missing. Pass it using the 'apiKey' parameter{var}, or store one for '{provider_id}' (setApiKey or `llm-native keys set {provider_id}`).{why}"
                        )));
                    }
                }
            }
            KeySource::OAuth(p) => {
                let tokens = auth::oauth::access_token(*p)
                    .await
                    .map_err(|e| CallError::LoadApiKey(e.to_string()))?;
                Credential::OAuth {
                    provider: *p,
                    token: tokens.access,
                }
            }
            _ => return Ok(self.clone()),
        };
        Ok(ModelConfig {
            api_key: KeySource::Resolved(credential),
            ..self.clone()
        })
    }

    /// After a 401 with an OAuth token: the original source with a refreshed token (once).
    pub async fn refreshed_after_401(
        &self,
        original: &KeySource,
    ) -> Option<Result<ModelConfig, CallError>> {
        let (KeySource::OAuth(p), KeySource::Resolved(Credential::OAuth { token, .. })) =
            (original, &self.api_key)
        else {
            return None;
        };
        Some(match auth::oauth::refresh_rejected(*p, token).await {
            Ok(t) => Ok(ModelConfig {
                api_key: KeySource::Resolved(Credential::OAuth {
                    provider: *p,
                    token: t.access,
                }),
                ..self.clone()
            }),
            Err(e) => Err(CallError::LoadApiKey(e.to_string())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(base_url: &str) -> ProviderSettings {
        ProviderSettings {
            protocol: "openai-chat".into(),
            name: "local".into(),
            provider_id: "local.chat".into(),
            base_url: base_url.into(),
            api_key: KeySource::None,
            headers: vec![],
            include_usage: false,
            ..ProviderSettings::default()
        }
    }

    #[test]
    fn validates_urls_headers_and_protocol() {
        assert_eq!(
            settings("http://127.0.0.1:1/v1/")
                .validate()
                .unwrap()
                .base_url,
            "http://127.0.0.1:1/v1"
        );
        assert!(settings("not a url").validate().is_err());
        assert!(settings("ftp://x").validate().is_err());
        let mut s = settings("http://x");
        s.headers.push(("x-a".into(), "v\r\ninjected: 1".into()));
        assert!(s.validate().unwrap_err().to_string().contains("CR, LF"));
        let mut s = settings("http://x");
        s.protocol = "nope".into();
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .contains("unknown protocol"));
    }

    #[test]
    fn missing_env_key_names_provider_and_variable() {
        let mut s = settings("http://x");
        s.api_key = KeySource::Env {
            var: "LLM_NATIVE_TEST_UNSET_KEY".into(),
            description: "OpenAI".into(),
        };
        let err = s.model("m").unwrap().api_key().unwrap_err().to_string();
        assert!(
            err.contains("OpenAI API key is missing") && err.contains("LLM_NATIVE_TEST_UNSET_KEY")
        );
    }
}
