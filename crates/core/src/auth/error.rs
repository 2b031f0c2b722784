//! Errors of the credential layer. None of them carries a key or token: messages are built from
//! fixed text, provider ids and what servers said (scrubbed of the secrets a request sent).
use serde_json::{json, Value};

use crate::credential::Login;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuthError {
    #[error("No OS keychain is reachable ({0}). Start a Secret Service (e.g. gnome-keyring) or opt in to the file store with configureAuth({{ fallbackStore: 'file', configDir }}).")]
    KeychainUnavailable(String),
    #[error("Credential store error: {0}")]
    Store(String),
    #[error("Invalid argument for parameter {parameter}: {message}")]
    InvalidArgument { parameter: String, message: String },
    #[error("OAuth state mismatch: this login was not started here, or it was already completed. Start the login again.")]
    StateMismatch,
    /// No usable session: never logged in, logged out, or the refresh token was revoked.
    #[error("{provider}: {reason}. Log in again (llm-native login {provider}).")]
    LoginRequired { provider: String, reason: String },
    #[error("{provider} OAuth error: {message}")]
    OAuth { provider: String, message: String },
    #[error("{0}")]
    Timeout(String),
}

impl AuthError {
    /// No usable session for `login`.
    pub fn login_required(login: Login, reason: &str) -> AuthError {
        AuthError::LoginRequired {
            provider: login.id().into(),
            reason: reason.into(),
        }
    }

    /// `login`'s OAuth server refused or answered something unusable.
    pub fn oauth(login: Login, message: impl Into<String>) -> AuthError {
        AuthError::OAuth {
            provider: login.id().into(),
            message: message.into(),
        }
    }

    /// A short machine-readable reason (the `reason` field of the error object).
    pub fn reason(&self) -> &'static str {
        match self {
            AuthError::KeychainUnavailable(_) => "keychain-unavailable",
            AuthError::Store(_) => "store",
            AuthError::InvalidArgument { .. } => "invalid-argument",
            AuthError::StateMismatch => "state-mismatch",
            AuthError::LoginRequired { .. } => "login-required",
            AuthError::OAuth { .. } => "oauth",
            AuthError::Timeout(_) => "timeout",
        }
    }

    /// The error object: `AI_InvalidArgumentError` for bad arguments, else `AI_AuthError`.
    pub fn to_json(&self) -> Value {
        match self {
            AuthError::InvalidArgument { parameter, .. } => json!({
                "name": "AI_InvalidArgumentError", "message": self.to_string(), "argument": parameter,
            }),
            _ => {
                json!({ "name": "AI_AuthError", "message": self.to_string(), "reason": self.reason() })
            }
        }
    }
}
