//! What is stored for a provider (without any secret), and logging out.
use super::api_keys::{check_provider_id, has_api_key};
use super::error::AuthError;
use super::session;

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
    let session = session::load_blocking(provider_id)?;
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
    session::clear_blocking(provider_id)
}
