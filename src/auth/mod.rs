//! Credentials kept on the Rust side: API keys and OAuth sessions in the OS keychain (or, only
//! when the app opts in, a 0600 file), resolved at request time, never handed to JS.
//!
//! Keychain entries: service `llm-native` (configurable), account `api-key:<providerId>` for keys
//! and `oauth:<providerId>` for OAuth sessions (`{"access","refresh","expiresAt"}` JSON).
pub mod config;
pub mod copilot;
pub mod error;
pub mod file_store;
pub mod keychain;
pub mod oauth;
pub mod oauth_anthropic;
pub mod oauth_openai;
pub mod pkce;
pub mod store;
pub mod tokens;

pub use config::{config, configure, AuthConfig};
pub use error::AuthError;
pub use oauth::Provider;

use crate::secret::Secret;

fn api_key_account(provider_id: &str) -> String {
    format!("api-key:{provider_id}")
}

fn check_provider_id(provider_id: &str) -> Result<(), AuthError> {
    let ok = !provider_id.is_empty()
        && provider_id.len() <= 64
        && provider_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(AuthError::InvalidArgument {
            parameter: "providerId".into(),
            message: format!(
                "{provider_id:?} is not a provider id (letters, digits, '-', '_', '.')"
            ),
        })
    }
}

/// Stores `key` for `provider_id` (replacing any previous key).
pub fn set_api_key(provider_id: &str, key: &Secret) -> Result<(), AuthError> {
    check_provider_id(provider_id)?;
    let value = key.expose().trim();
    if value.is_empty() || value.chars().any(|c| c.is_control()) {
        return Err(AuthError::InvalidArgument {
            parameter: "key".into(),
            message: "the API key is empty or has control characters in it".into(),
        });
    }
    store::set(&api_key_account(provider_id), value)
}

pub fn has_api_key(provider_id: &str) -> Result<bool, AuthError> {
    check_provider_id(provider_id)?;
    Ok(store::get(&api_key_account(provider_id))?.is_some())
}

/// Removes the key; `false` when there was none.
pub fn delete_api_key(provider_id: &str) -> Result<bool, AuthError> {
    check_provider_id(provider_id)?;
    store::delete(&api_key_account(provider_id))
}

/// The API key for a request, after an explicit key (which the caller checks first): the
/// keychain, then `env_var`. An unreachable keychain falls through to the variable; if that is
/// unset too, the unreachable keychain is the error (so the message says why nothing was found).
pub fn resolve_api_key(
    provider_id: &str,
    env_var: Option<&str>,
) -> Result<Option<Secret>, AuthError> {
    let stored = store::get(&api_key_account(provider_id));
    if let Ok(Some(key)) = stored {
        return Ok(Some(key));
    }
    if let Some(v) = env_var
        .and_then(|var| std::env::var(var).ok())
        .filter(|v| !v.is_empty())
    {
        return Ok(Some(Secret::new(v)));
    }
    stored.map(|_| None)
}

/// What is stored for a provider, without any secret.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthStatus {
    pub provider_id: String,
    pub api_key: bool,
    pub oauth: bool,
    /// Expiry of the stored OAuth access token (Unix ms), when known.
    pub expires_at: Option<u64>,
}

pub fn auth_status(provider_id: &str) -> Result<AuthStatus, AuthError> {
    check_provider_id(provider_id)?;
    let api_key = has_api_key(provider_id)?;
    let session = oauth::load_blocking(provider_id)?;
    Ok(AuthStatus {
        provider_id: provider_id.to_owned(),
        api_key,
        oauth: session.is_some(),
        expires_at: session.and_then(|t| t.expires_at),
    })
}

/// Forgets the provider's OAuth session; `false` when there was none.
pub fn logout(provider_id: &str) -> Result<bool, AuthError> {
    check_provider_id(provider_id)?;
    oauth::clear_blocking(provider_id)
}

/// Runs blocking store work (keychain calls go over D-Bus / system APIs) off the async workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AuthError> + Send + 'static,
) -> Result<T, AuthError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AuthError::Store(format!("credential store task failed: {e}")))?
}
