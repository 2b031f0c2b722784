//! API keys in the credential store (account `api-key:<providerId>`), and the lookup a request
//! makes: the stored key, then the provider's environment variable.
use crate::secret::Secret;

use super::error::AuthError;
use super::store;

fn api_key_account(provider_id: &str) -> String {
    format!("api-key:{provider_id}")
}

pub(crate) fn check_provider_id(provider_id: &str) -> Result<(), AuthError> {
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
/// keychain (a recent read of it, `recent_reads.rs`), then `env_var`. An unreachable keychain
/// falls through to the variable; if that is unset too, the unreachable keychain is the error
/// (so the message says why nothing was found). Blocking: it may read the store.
pub fn resolve_api_key(
    provider_id: &str,
    env_var: Option<&str>,
) -> Result<Option<Secret>, AuthError> {
    key_or_env(store::get_recent(&api_key_account(provider_id)), env_var)
}

/// [`resolve_api_key`] when a recent read has the answer, without blocking; `None` when the
/// store must be read.
pub fn resolve_api_key_if_recent(
    provider_id: &str,
    env_var: Option<&str>,
) -> Option<Result<Option<Secret>, AuthError>> {
    let kept = store::recent(&api_key_account(provider_id))?;
    Some(key_or_env(Ok(kept), env_var))
}

fn key_or_env(
    stored: Result<Option<Secret>, AuthError>,
    env_var: Option<&str>,
) -> Result<Option<Secret>, AuthError> {
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

/// The server rejected the stored key of `provider_id`: the next request reads the store again
/// (another process may have replaced it).
pub fn forget_recent_api_key(provider_id: &str) {
    store::forget_recent(&api_key_account(provider_id));
}
