//! The OS keychain through the `keyring` crate: Secret Service (D-Bus) on Linux, Keychain on
//! macOS, Credential Manager on Windows.
use super::error::AuthError;
use crate::secret::Secret;

fn entry(service: &str, account: &str) -> Result<keyring::Entry, AuthError> {
    keyring::Entry::new(service, account).map_err(map_error)
}

/// Keychain errors never contain the secret (the crate reports platform errors and entry names).
fn map_error(e: keyring::Error) -> AuthError {
    match e {
        keyring::Error::NoStorageAccess(inner) | keyring::Error::PlatformFailure(inner) => {
            AuthError::KeychainUnavailable(inner.to_string())
        }
        other => AuthError::Store(other.to_string()),
    }
}

pub fn get(service: &str, account: &str) -> Result<Option<Secret>, AuthError> {
    match entry(service, account)?.get_password() {
        Ok(v) => Ok(Some(Secret::new(v))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(map_error(e)),
    }
}

pub fn set(service: &str, account: &str, value: &str) -> Result<(), AuthError> {
    entry(service, account)?
        .set_password(value)
        .map_err(map_error)
}

pub fn delete(service: &str, account: &str) -> Result<bool, AuthError> {
    match entry(service, account)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(map_error(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round trip through the real OS keychain (scripts/with-keyring.sh provides one on Linux).
    #[test]
    fn real_keychain_round_trip() {
        let service = format!("llm-native-rust-test-{}", std::process::id());
        match get(&service, "api-key:probe") {
            Err(AuthError::KeychainUnavailable(why)) => {
                assert!(
                    std::env::var("LLM_NATIVE_REQUIRE_KEYRING").as_deref() != Ok("1"),
                    "no keychain reachable: {why}"
                );
                eprintln!("skipped: no keychain reachable ({why})");
                return;
            }
            other => assert_eq!(other.unwrap(), None),
        }
        set(&service, "api-key:probe", "sk-rust-keychain-1").unwrap();
        set(&service, "api-key:probe", "sk-rust-keychain-2").unwrap();
        assert_eq!(
            get(&service, "api-key:probe").unwrap().unwrap().expose(),
            "sk-rust-keychain-2"
        );
        assert!(delete(&service, "api-key:probe").unwrap());
        assert!(!delete(&service, "api-key:probe").unwrap());
        assert_eq!(get(&service, "api-key:probe").unwrap(), None);
    }
}
