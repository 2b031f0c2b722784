//! Claude Pro/Max login: authorization code + PKCE (S256) + `state`. The user opens the URL,
//! approves, and pastes the code Anthropic shows (`code#state`) back.
use crate::credential::Login;
use crate::secret::Secret;

use super::code_flow::{exchange_code, start_code_flow, Pending};
use super::config::{config, OAuthClient};
use super::endpoint::Body;
use super::error::AuthError;
use super::tokens::Tokens;

/// Code verifiers of started logins, by `state`; they never leave Rust.
static PENDING: Pending<(Secret, OAuthClient)> = Pending::new();

/// Starts a login: `(url, state)`.
pub fn start() -> Result<(String, String), AuthError> {
    let client = config().anthropic.clone();
    // `code=true` makes claude.ai show the code for pasting instead of redirecting to a listener.
    let start = start_code_flow(&client, &[("code", "true")])?;
    PENDING.insert(start.state.clone(), (start.verifier, client));
    Ok((start.url, start.state))
}

/// Splits what the user pasted: Anthropic shows `code#state`.
fn split_pasted(pasted: &str) -> (&str, Option<&str>) {
    match pasted.trim().split_once('#') {
        Some((code, state)) => (code, Some(state)),
        None => (pasted.trim(), None),
    }
}

/// Completes a login with the pasted code. `state` is the one `start` returned; a pasted
/// `code#state` must carry the same.
pub async fn complete(pasted: &str, state: Option<&str>) -> Result<Tokens, AuthError> {
    let (code, pasted_state) = split_pasted(pasted);
    let state = match (state, pasted_state) {
        (Some(a), Some(b)) if a != b => return Err(AuthError::StateMismatch),
        (Some(s), _) | (None, Some(s)) => s,
        (None, None) => return Err(AuthError::StateMismatch),
    };
    if code.is_empty() {
        return Err(AuthError::InvalidArgument {
            parameter: "code".into(),
            message: "the authorization code is empty".into(),
        });
    }
    let (verifier, client) = PENDING.take(state).ok_or(AuthError::StateMismatch)?;
    exchange_code(
        Login::Anthropic,
        &client,
        Body::Json,
        code,
        &verifier,
        Some(state),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_code_and_state() {
        assert_eq!(split_pasted(" abc#xyz \n"), ("abc", Some("xyz")));
        assert_eq!(split_pasted("abc"), ("abc", None));
    }

    #[tokio::test]
    async fn wrong_or_unknown_state_is_refused_before_any_request() {
        let (url, state) = start().unwrap();
        let parsed = reqwest::Url::parse(&url).unwrap();
        let q: std::collections::HashMap<_, _> = parsed.query_pairs().into_owned().collect();
        assert_eq!(q["state"], state);
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["client_id"], "9d1c250a-e61b-44d9-88ed-5944d1962f5e");
        assert_eq!(q["scope"], "org:create_api_key user:profile user:inference");
        assert_eq!(
            complete("code#other", Some(&state)).await.unwrap_err(),
            AuthError::StateMismatch
        );
        assert_eq!(
            complete("code", Some("never-issued")).await.unwrap_err(),
            AuthError::StateMismatch
        );
        assert_eq!(
            complete("code", None).await.unwrap_err(),
            AuthError::StateMismatch
        );
    }
}
