//! A model handle: everything a call needs to know about the model it talks to, and the
//! credential looked up (and refreshed) for each request.
use std::sync::Arc;

use crate::auth;
use crate::catalog::cost::Pricing;
use crate::credential::Credential;
use crate::error::CallError;
use crate::protocols::embedding::EmbeddingProtocol;
use crate::protocols::{Protocol, Target};
use crate::secret::Secret;
use crate::timeouts::Timeouts;
use crate::transport::host_fetch::HostFetch;
use crate::transport::ratelimit::Limiter;
use crate::transport::{HostRoute, Route, Transport};

use super::key_source::KeySource;

/// Everything a call needs to know about the model it talks to.
#[derive(Debug, Clone)]
pub struct ModelConfig {
    /// The AI SDK `provider` string of this model (e.g. `openai.chat`).
    pub provider: String,
    pub protocol: &'static dyn Protocol,
    /// What the protocol reads; `target.credential` is filled per request by `resolved`.
    pub target: Target,
    pub api_key: KeySource,
    pub timeouts: Timeouts,
    pub transport: Transport,
    pub limiter: Arc<Limiter>,
    /// Catalogue prices of this model (each step reports its cost), when the catalogue has them.
    pub pricing: Option<Arc<Pricing>>,
    /// The catalogue's context window of this model (a fallback chain moves to a larger one on
    /// a context overflow).
    pub context_window: Option<u64>,
    /// Its provider's embedding protocol (`textEmbeddingModel`), if it has one.
    pub embedding: Option<&'static dyn EmbeddingProtocol>,
}

impl std::fmt::Debug for dyn Protocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Protocol")
    }
}

impl std::fmt::Debug for dyn EmbeddingProtocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EmbeddingProtocol")
    }
}

impl ModelConfig {
    /// The secret this request sends (to scrub from anything echoed back).
    pub fn api_key(&self) -> Option<Secret> {
        self.target.credential.as_ref().map(|c| c.secret().clone())
    }

    /// Where this model's requests go; `host` performs them when the provider has the app's
    /// `fetch`.
    pub fn route<'a>(&'a self, host: &'a HostFetch) -> Route<'a> {
        Route {
            protocol: self.protocol,
            transport: &self.transport,
            headers: &self.target.headers,
            host: self.transport.host_fetch.map(|_| HostRoute {
                fetch: host,
                share_key: matches!(self.api_key, KeySource::Explicit(_) | KeySource::Env { .. }),
            }),
        }
    }

    /// A copy with the credential for one request looked up (keychain, environment, OAuth
    /// session refreshed when due).
    pub async fn resolved(&self) -> Result<ModelConfig, CallError> {
        let mut model = self.clone();
        model.target.credential = self.api_key.resolve().await?;
        Ok(model)
    }

    /// After a 401: a copy with the credential to send again, or `None` when there is nothing
    /// new to try. A subscription token is refreshed (once). A stored key is read from the store
    /// again, past the recent read requests use (another process may have replaced it), and sent
    /// again only if it changed.
    pub async fn refreshed_after_401(&self) -> Option<Result<ModelConfig, CallError>> {
        let retried = match (&self.target.credential, &self.api_key) {
            (Some(Credential::OAuth { login, token, .. }), _) => {
                auth::access::credential_after_401(*login, token)
                    .await
                    .map_err(|e| CallError::LoadApiKey(e.to_string()))
            }
            (Some(Credential::ApiKey(used)), KeySource::Stored { provider_id, .. }) => {
                auth::forget_recent_api_key(provider_id);
                match self.api_key.resolve().await {
                    Ok(Some(c @ Credential::ApiKey(_))) if c.secret() != used => Ok(c),
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some(retried.map(|c| {
            let mut model = self.clone();
            model.target.credential = Some(c);
            model
        }))
    }
}
