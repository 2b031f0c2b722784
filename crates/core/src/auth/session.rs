//! Stored OAuth sessions: one JSON entry (`{"access","refresh","expiresAt"}`) per login, under
//! account `oauth:<providerId>` of the credential store.
use crate::credential::Login;
use crate::secret::Secret;

use super::config::config;
use super::error::AuthError;
use super::qwen_file;
use super::store::{self, blocking};
use super::tokens::Tokens;

/// The login of `id`, or an `InvalidArgument` naming the logins there are.
pub fn login(id: &str) -> Result<Login, AuthError> {
    Login::parse(id).ok_or_else(|| AuthError::InvalidArgument {
        parameter: "providerId".into(),
        message: format!(
            "no OAuth login for {id:?} (supported: anthropic, openai, github-copilot, qwen-code)"
        ),
    })
}

fn account(provider_id: &str) -> String {
    format!("oauth:{provider_id}")
}

/// Qwen Code's session is its CLI's file, not a keychain entry.
fn is_qwen(provider_id: &str) -> bool {
    provider_id == Login::Qwen.id()
}

pub fn load_blocking(provider_id: &str) -> Result<Option<Tokens>, AuthError> {
    load_with(provider_id, store::get)
}

fn load_with(
    provider_id: &str,
    read: fn(&str) -> Result<Option<Secret>, AuthError>,
) -> Result<Option<Tokens>, AuthError> {
    if is_qwen(provider_id) {
        return qwen_file::load(&config().qwen);
    }
    Ok(tokens_in(read(&account(provider_id))?))
}

/// The session a stored entry holds (`None`: no entry, or not a session's JSON).
fn tokens_in(entry: Option<Secret>) -> Option<Tokens> {
    entry.and_then(|s| Tokens::from_json(s.expose()))
}

/// Forgets the session; Qwen Code's file belongs to its CLI and stays (`false`).
pub fn clear_blocking(provider_id: &str) -> Result<bool, AuthError> {
    if is_qwen(provider_id) {
        return Ok(false);
    }
    store::delete(&account(provider_id))
}

/// The session as the store has it (what a refresh decides on, under its lock).
pub async fn load(p: Login) -> Result<Option<Tokens>, AuthError> {
    blocking(move || load_blocking(p.id())).await
}

/// The session for a request: a recent read of it (`recent_reads.rs`, no blocking thread
/// needed), else the store's.
pub async fn load_recent(p: Login) -> Result<Option<Tokens>, AuthError> {
    if !is_qwen(p.id()) {
        if let Some(kept) = store::recent(&account(p.id())) {
            return Ok(tokens_in(kept));
        }
    }
    blocking(move || load_with(p.id(), store::get_recent)).await
}

pub async fn save(p: Login, tokens: &Tokens) -> Result<(), AuthError> {
    if p == Login::Qwen {
        let tokens = tokens.clone();
        return blocking(move || qwen_file::save(&config().qwen, &tokens)).await;
    }
    let json = Secret::new(tokens.to_json());
    blocking(move || store::set(&account(p.id()), json.expose())).await
}

pub async fn clear(p: Login) -> Result<bool, AuthError> {
    blocking(move || clear_blocking(p.id())).await
}
