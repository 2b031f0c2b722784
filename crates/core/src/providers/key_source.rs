//! Where a provider's credential comes from, and its lookup for one request: the explicit key,
//! the credential store, the environment, or an OAuth session.
use crate::auth;
use crate::credential::{Credential, Login};
use crate::error::CallError;
use crate::secret::Secret;

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
    OAuth(Login),
}

impl KeySource {
    /// The credential for one request (`None`: no auth header), or a `LoadAPIKeyError` naming the
    /// provider and where a key could come from. Store lookups and refreshes run off the async
    /// workers.
    pub async fn resolve(&self) -> Result<Option<Credential>, CallError> {
        match self {
            KeySource::None => Ok(None),
            KeySource::Explicit(s) => Ok(Some(Credential::ApiKey(s.clone()))),
            KeySource::Env { var, description } => match std::env::var(var) {
                Ok(v) if !v.is_empty() => Ok(Some(Credential::ApiKey(Secret::new(v)))),
                _ => Err(CallError::LoadApiKey(format!(
                    "{description} API key is missing. Pass it using the 'apiKey' parameter or the {var} environment variable."
                ))),
            },
            KeySource::Stored {
                provider_id,
                env_var,
                description,
            } => {
                let found = match auth::resolve_api_key_if_recent(provider_id, env_var.as_deref())
                {
                    Some(found) => found,
                    None => {
                        let (id, var) = (provider_id.clone(), env_var.clone());
                        auth::blocking(move || auth::resolve_api_key(&id, var.as_deref())).await
                    }
                };
                match found {
                    Ok(Some(key)) => Ok(Some(Credential::ApiKey(key))),
                    // No key, but the user logged in with this provider's OAuth flow.
                    Ok(None) if let Some(c) = oauth_session(provider_id).await => Ok(Some(c)),
                    other => {
                        // The AI SDK's wording first, then where else a key could come from.
                        let var = env_var.as_deref().map_or(String::new(), |v| {
                            format!(" or the {v} environment variable")
                        });
                        let why = match other {
                            Err(e) => format!(" {e}"),
                            _ => String::new(),
                        };
                        Err(CallError::LoadApiKey(format!(
                            "{description} API key is missing. Pass it using the 'apiKey' parameter{var}, or store one for '{provider_id}' (setApiKey or `llm-native keys set {provider_id}`).{why}"
                        )))
                    }
                }
            }
            KeySource::OAuth(login) => auth::access::credential(*login)
                .await
                .map(Some)
                .map_err(|e| CallError::LoadApiKey(e.to_string())),
        }
    }
}

impl KeySource {
    /// Feeds what identifies this credential to `h` (a fallback chain's cooldowns are per
    /// provider and credential; only the hash is kept).
    pub fn fingerprint(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        std::mem::discriminant(self).hash(h);
        match self {
            KeySource::None => {}
            KeySource::Explicit(s) => s.expose().hash(h),
            KeySource::Env { var, .. } => var.hash(h),
            KeySource::Stored {
                provider_id,
                env_var,
                ..
            } => (provider_id, env_var).hash(h),
            KeySource::OAuth(login) => std::mem::discriminant(login).hash(h),
        }
    }
}

/// The OAuth session of a provider that has one (`anthropic`, `openai`, `github-copilot`).
async fn oauth_session(provider_id: &str) -> Option<Credential> {
    auth::access::credential(Login::parse(provider_id)?)
        .await
        .ok()
}
