//! Stored OAuth sessions: one JSON entry (`{"access","refresh","expiresAt"}`) per login, under
//! account `oauth:<providerId>` of the credential store.
use crate::credential::Login;
use crate::secret::Secret;

use super::error::AuthError;
use super::store::{self, blocking};
use super::tokens::Tokens;

/// The login of `id`, or an `InvalidArgument` naming the logins there are.
pub fn login(id: &str) -> Result<Login, AuthError> {
    Login::parse(id).ok_or_else(|| AuthError::InvalidArgument {
        parameter: "providerId".into(),
        message: format!(
            "no OAuth login for {id:?} (supported: anthropic, openai, github-copilot)"
        ),
    })
}

fn account(provider_id: &str) -> String {
    format!("oauth:{provider_id}")
}

pub fn load_blocking(provider_id: &str) -> Result<Option<Tokens>, AuthError> {
    Ok(store::get(&account(provider_id))?.and_then(|s| Tokens::from_json(s.expose())))
}

pub fn clear_blocking(provider_id: &str) -> Result<bool, AuthError> {
    store::delete(&account(provider_id))
}

pub async fn load(p: Login) -> Result<Option<Tokens>, AuthError> {
    blocking(move || load_blocking(p.id())).await
}

pub async fn save(p: Login, tokens: &Tokens) -> Result<(), AuthError> {
    let json = Secret::new(tokens.to_json());
    blocking(move || store::set(&account(p.id()), json.expose())).await
}

pub async fn clear(p: Login) -> Result<bool, AuthError> {
    blocking(move || clear_blocking(p.id())).await
}
