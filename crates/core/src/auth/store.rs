//! Where credentials live: the OS keychain, or the opt-in file store when no keychain is
//! reachable (`configureAuth({ fallbackStore: 'file', configDir })`).
use super::config::config;
use super::error::AuthError;
use super::{file_store, keychain};
use crate::secret::Secret;

/// Runs `keychain_op`; when the keychain is unreachable and the app opted in to the file store,
/// runs `file_op` on it instead.
fn with_fallback<T>(
    keychain_op: impl FnOnce(&str) -> Result<T, AuthError>,
    file_op: impl FnOnce(&std::path::Path) -> Result<T, AuthError>,
) -> Result<T, AuthError> {
    let cfg = config();
    match keychain_op(&cfg.service) {
        Err(AuthError::KeychainUnavailable(reason)) => match &cfg.fallback_file {
            Some(path) => file_op(path),
            None => Err(AuthError::KeychainUnavailable(reason)),
        },
        other => other,
    }
}

pub fn get(account: &str) -> Result<Option<Secret>, AuthError> {
    with_fallback(
        |s| keychain::get(s, account),
        |p| file_store::get(p, account),
    )
}

pub fn set(account: &str, value: &str) -> Result<(), AuthError> {
    with_fallback(
        |s| keychain::set(s, account, value),
        |p| file_store::set(p, account, value),
    )
}

pub fn delete(account: &str) -> Result<bool, AuthError> {
    with_fallback(
        |s| keychain::delete(s, account),
        |p| file_store::delete(p, account),
    )
}

/// Runs blocking store work (keychain calls go over D-Bus / system APIs) off the async workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AuthError> + Send + 'static,
) -> Result<T, AuthError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AuthError::Store(format!("credential store task failed: {e}")))?
}
