//! Where credentials live: the OS keychain, or the opt-in file store when no keychain is
//! reachable (`configureAuth({ fallbackStore: 'file', configDir })`).
use super::config::config;
use super::error::AuthError;
use super::{file_store, keychain, recent_reads};
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

/// Where `account`'s value lives under the current settings (the keychain service, and the file
/// used without a keychain): what a recent read is kept under.
fn place(account: &str) -> String {
    let cfg = config();
    format!("{}\n{:?}\n{account}", cfg.service, cfg.fallback_file)
}

/// `account`'s value in the store.
fn read(account: &str) -> Result<Option<Secret>, AuthError> {
    with_fallback(
        |s| keychain::get(s, account),
        |p| file_store::get(p, account),
    )
}

/// `account`'s value, read from the store itself (and kept for [`get_recent`]).
pub fn get(account: &str) -> Result<Option<Secret>, AuthError> {
    let writes_before = recent_reads::before_read();
    let value = read(account)?;
    recent_reads::keep_read(&place(account), &value, writes_before);
    Ok(value)
}

/// `account`'s value as read in the last [`recent_reads::KEEP_FOR`], if it was (no store call).
pub fn recent(account: &str) -> Option<Option<Secret>> {
    recent_reads::recent(&place(account))
}

/// `account`'s value for a request: a recent read, else the store's (one read for the requests
/// that ask at once).
pub fn get_recent(account: &str) -> Result<Option<Secret>, AuthError> {
    recent_reads::recent_or_read(&place(account), || read(account))
}

/// Forgets the value requests use for `account` (the server rejected it): the next reads the store.
pub fn forget_recent(account: &str) {
    recent_reads::forget(&place(account));
}

pub fn set(account: &str, value: &str) -> Result<(), AuthError> {
    with_fallback(
        |s| keychain::set(s, account, value),
        |p| file_store::set(p, account, value),
    )?;
    recent_reads::keep_written(&place(account), Some(Secret::new(value.to_owned())));
    Ok(())
}

pub fn delete(account: &str) -> Result<bool, AuthError> {
    let found = with_fallback(
        |s| keychain::delete(s, account),
        |p| file_store::delete(p, account),
    )?;
    recent_reads::keep_written(&place(account), None);
    Ok(found)
}

/// Runs blocking store work (keychain calls go over D-Bus / system APIs) off the async workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AuthError> + Send + 'static,
) -> Result<T, AuthError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AuthError::Store(format!("credential store task failed: {e}")))?
}
