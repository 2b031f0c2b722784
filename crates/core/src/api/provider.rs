//! Providers as hosts create them (the JS factories' settings, or a registry entry) and the
//! streams they start.
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;

use crate::engine::fallback::{FallbackPolicy, ModelChain};
use crate::engine::handle::{parse_call_options, CallInput};
use crate::engine::request_body::{RequestBodySlot, RequestEcho};
use crate::engine::StreamHandle;
use crate::providers::{KeySource, ProviderSettings, Registry, RegistryError};
use crate::secret::Secret;
use crate::timeouts::Timeouts;
use crate::transport::ratelimit::RateLimit;
use crate::transport::Transport;

use super::error::HostError;
use super::json;

/// Provider settings as the JS factories (`createOpenAI`, `createOpenAICompatible`, …) pass them.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInit {
    /// Wire protocol (`openai-chat`, `openai-responses`, `anthropic-messages`, `google-generative-ai`).
    pub protocol: String,
    /// Name used as the `providerOptions` / `providerMetadata` key.
    pub name: String,
    /// The AI SDK `provider` string of this provider's models (e.g. `openai.chat`).
    pub provider_id: String,
    /// The app's `baseURL`; else the environment variable `baseUrlEnvVar` names (read in the
    /// host process, as the AI SDK reads `OPENAI_BASE_URL`), else `defaultBaseUrl`.
    pub base_url: Option<String>,
    pub base_url_env_var: Option<String>,
    pub default_base_url: Option<String>,
    /// Held in Rust only; there is no way to read it back.
    pub api_key: Option<String>,
    /// Environment variable to read the key from at request time when `apiKey` is not given.
    pub api_key_env_var: Option<String>,
    /// Provider name for the missing-key error message.
    pub api_key_description: Option<String>,
    /// Look the key up in the credential store under this provider id (then `apiKeyEnvVar`).
    pub credential_provider_id: Option<String>,
    /// Authenticate with this login's OAuth session (`anthropic`, `openai`, `github-copilot`).
    pub oauth_provider: Option<String>,
    pub headers: Option<BTreeMap<String, String>>,
    /// Send `stream_options.include_usage` (Chat Completions).
    pub include_usage: Option<bool>,
    /// JSON schemas as `response_format: json_schema` (Chat Completions).
    pub supports_structured_outputs: Option<bool>,
    /// Connect / first-byte / idle limits for this provider's calls.
    pub timeouts: Option<Timeouts>,
    /// Client-side limits: requests per interval and concurrent streams.
    pub rate_limit: Option<RateLimitInit>,
    /// Proxy URL for this provider (otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply).
    pub proxy: Option<String>,
    /// Extra trusted root certificates (PEM), e.g. a corporate TLS-inspection CA.
    pub ca_certificates: Option<Vec<String>>,
    /// The host's number for the app's `fetch` (the AI SDK setting), which then performs every
    /// request of this provider.
    pub host_fetch: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitInit {
    /// Shorthand for `maxRequests` per 60,000 ms.
    pub requests_per_minute: Option<u32>,
    pub max_requests: Option<u32>,
    pub interval_ms: Option<u32>,
    pub max_concurrent_streams: Option<u32>,
}

impl RateLimitInit {
    fn limit(self) -> RateLimit {
        RateLimit {
            // `requestsPerMinute` is `maxRequests` per 60 s.
            max_requests: self.max_requests.or(self.requests_per_minute),
            interval: Duration::from_millis(match self.max_requests {
                Some(_) => self.interval_ms.map_or(60_000, u64::from),
                None => 60_000,
            }),
            max_concurrent_streams: self.max_concurrent_streams,
        }
    }
}

impl ProviderInit {
    /// Where the key comes from: an explicit key wins, then an OAuth session, then the
    /// credential store → env, then env alone.
    fn key_source(&mut self) -> Result<KeySource, HostError> {
        let description = self
            .api_key_description
            .take()
            .unwrap_or_else(|| self.name.clone());
        Ok(
            match (
                self.api_key.take(),
                self.oauth_provider.take(),
                self.credential_provider_id.take(),
                self.api_key_env_var.take(),
            ) {
                (Some(k), ..) => KeySource::Explicit(Secret::new(k)),
                (None, Some(p), ..) => KeySource::OAuth(crate::auth::login(&p)?),
                (None, None, Some(provider_id), env_var) => KeySource::Stored {
                    provider_id,
                    env_var,
                    description,
                },
                (None, None, None, Some(var)) => KeySource::Env { var, description },
                (None, None, None, None) => KeySource::None,
            },
        )
    }

    fn base_url(&mut self) -> Result<String, HostError> {
        let from_env = || {
            self.base_url_env_var
                .as_deref()
                .and_then(|var| std::env::var(var).ok())
                .filter(|v| !v.is_empty())
        };
        self.base_url
            .take()
            .or_else(from_env)
            .or_else(|| self.default_base_url.take())
            .ok_or_else(|| HostError::invalid("baseURL", "a base URL is required"))
    }

    fn settings(mut self) -> Result<ProviderSettings, HostError> {
        let api_key = self.key_source()?;
        let base_url = self.base_url()?;
        Ok(ProviderSettings {
            protocol: self.protocol,
            name: self.name,
            provider_id: self.provider_id,
            base_url,
            api_key,
            headers: self.headers.unwrap_or_default().into_iter().collect(),
            include_usage: self.include_usage.unwrap_or(false),
            structured_outputs: self.supports_structured_outputs.unwrap_or(false),
            timeouts: self.timeouts.unwrap_or_default(),
            rate_limit: self
                .rate_limit
                .map(RateLimitInit::limit)
                .unwrap_or_default(),
            transport: Transport {
                proxy: self.proxy,
                ca_certificates: self.ca_certificates.unwrap_or_default(),
                host_fetch: self.host_fetch,
            },
            limiter: Default::default(),
        }
        .validate()?)
    }
}

/// A configured provider, or a fallback chain of models (which streams like one model). Keys
/// stay inside, in Rust.
#[derive(Debug, Clone)]
pub struct Provider {
    kind: ProviderKind,
}

#[derive(Debug, Clone)]
enum ProviderKind {
    Settings(Arc<ProviderSettings>),
    /// `withFallbacks`: each member's provider settings and model id, in order.
    Chain {
        members: Vec<(Arc<ProviderSettings>, String)>,
        policy: Arc<FallbackPolicy>,
    },
}

impl Provider {
    pub fn new(init: ProviderInit) -> Result<Provider, HostError> {
        Ok(Provider::of(init.settings()?))
    }

    fn of(settings: ProviderSettings) -> Provider {
        Provider {
            kind: ProviderKind::Settings(Arc::new(settings)),
        }
    }

    /// An empty fallback chain with `policy` (JSON: `{ fallbackOn?, cooldownMs? }`); members are
    /// added with `add_fallback`.
    pub fn fallback_chain(policy: &str) -> Result<Provider, HostError> {
        let policy: FallbackPolicy = json::parse("options", policy)?;
        policy
            .validate()
            .map_err(|m| HostError::invalid("fallbackOn", m))?;
        Ok(Provider {
            kind: ProviderKind::Chain {
                members: Vec::new(),
                policy: Arc::new(policy),
            },
        })
    }

    /// Appends `model_id` of `member` (a provider, not a chain) to this chain.
    pub fn add_fallback(&mut self, member: &Provider, model_id: &str) -> Result<(), HostError> {
        let ProviderKind::Settings(settings) = &member.kind else {
            return Err(HostError::invalid(
                "models",
                "a fallback chain cannot be a member of another; list its models instead",
            ));
        };
        let ProviderKind::Chain { members, .. } = &mut self.kind else {
            return Err(HostError::invalid("models", "not a fallback chain"));
        };
        settings.model(model_id)?;
        members.push((settings.clone(), model_id.to_owned()));
        Ok(())
    }

    /// The models a call of `model_id` goes to (a chain ignores `model_id`: its members name theirs).
    fn chain(&self, model_id: &str) -> Result<ModelChain, HostError> {
        match &self.kind {
            ProviderKind::Settings(settings) => Ok(settings.model(model_id)?.into()),
            ProviderKind::Chain { members, policy } => {
                if members.is_empty() {
                    return Err(HostError::invalid(
                        "models",
                        "a fallback chain needs at least one model",
                    ));
                }
                let models = members
                    .iter()
                    .map(|(settings, id)| settings.model(id))
                    .collect::<Result<_, _>>()?;
                Ok(ModelChain {
                    models,
                    policy: Some(policy.clone()),
                })
            }
        }
    }

    /// The provider registered as `provider_id` (built-in or custom).
    pub fn from_registry(provider_id: &str) -> Result<Provider, HostError> {
        let registry = Registry::global();
        let entry = registry.get(provider_id)?.ok_or_else(|| {
            let available = registry
                .list()
                .map(|l| l.into_iter().map(|e| e.config.id).collect())
                .unwrap_or_default();
            RegistryError::NoSuchProvider {
                model_id: String::new(),
                provider_id: provider_id.to_owned(),
                available,
            }
        })?;
        let settings = entry
            .config
            .settings()
            .validate()
            .map_err(RegistryError::from)?;
        Ok(Provider::of(settings))
    }

    /// Starts a streaming call of `model_id` on `runtime`. `options` is the JSON of the call
    /// options (see `types::CallOptions`).
    pub fn stream(
        &self,
        runtime: &tokio::runtime::Handle,
        model_id: &str,
        options: &str,
    ) -> Result<StreamHandle, HostError> {
        self.stream_echoing(runtime, model_id, options, RequestEcho::Inline)
    }

    /// As `stream`, the request body where `echo` says (`RequestEcho::OnDemand`: kept on the
    /// handle, `StreamHandle::take_request_body`).
    pub fn stream_echoing(
        &self,
        runtime: &tokio::runtime::Handle,
        model_id: &str,
        options: &str,
        echo: RequestEcho,
    ) -> Result<StreamHandle, HostError> {
        let chain = self.chain(model_id)?;
        let call = parse_call_options(options)
            .map_err(|e| HostError::invalid("options", e.to_string()))?;
        Ok(StreamHandle::start_with(
            runtime,
            chain,
            CallInput::Parsed(Box::new(call)),
            echo,
        ))
    }

    /// Starts an `embed` / `embedMany` call of `model_id` (a chain's first model) on `runtime`:
    /// `options` (`{ values, headers?, providerOptions?, maxRetries?, maxParallelCalls? }`) are
    /// parsed on the runtime; the handle's one batch holds the `$embeddings` part or an `error`.
    pub fn embed(
        &self,
        runtime: &tokio::runtime::Handle,
        model_id: &str,
        options: String,
    ) -> Result<StreamHandle, HostError> {
        let model = self.chain(model_id)?.models.swap_remove(0);
        Ok(StreamHandle::start_embed(runtime, model, options))
    }

    /// As `stream`, for a host whose thread must stay free (a JS main thread): `options` are
    /// parsed on the runtime (invalid ones end the stream with an `InvalidArgumentError` part),
    /// and the request body is kept on the handle (`StreamHandle::request_body`), not in the parts.
    pub fn stream_off_thread(
        &self,
        runtime: &tokio::runtime::Handle,
        model_id: &str,
        options: String,
    ) -> Result<StreamHandle, HostError> {
        let chain = self.chain(model_id)?;
        Ok(StreamHandle::start_with(
            runtime,
            chain,
            CallInput::Json(options),
            RequestEcho::OnDemand(RequestBodySlot::default()),
        ))
    }
}
