//! The authorization-code + PKCE (S256) flow the Claude and ChatGPT logins share: the start
//! (verifier, state, challenge, authorization URL), the code exchange, and the logins in progress.
use std::sync::Mutex;
use std::time::Duration;

use crate::credential::Login;
use crate::secret::Secret;

use super::config::OAuthClient;
use super::endpoint::{token_request, Body, EndpointError};
use super::error::AuthError;
use super::pkce;
use super::session::save;
use super::tokens::{now_ms, Tokens};

/// A started authorization-code login: the URL to open, its `state`, and the PKCE verifier
/// (kept in Rust until the code comes back).
pub(crate) struct CodeFlowStart {
    pub url: String,
    pub state: String,
    pub verifier: Secret,
}

/// Starts an authorization-code login with PKCE (S256); `extra` are the provider's own
/// authorization parameters.
pub(crate) fn start_code_flow(
    client: &OAuthClient,
    extra: &[(&str, &str)],
) -> Result<CodeFlowStart, AuthError> {
    let verifier = pkce::verifier();
    let state = pkce::state();
    let url = authorize_url(client, &pkce::challenge_s256(&verifier), &state, extra)?;
    Ok(CodeFlowStart {
        url,
        state,
        verifier: Secret::new(verifier),
    })
}

/// The authorization URL of a code flow with PKCE (S256) and `state`.
fn authorize_url(
    client: &OAuthClient,
    challenge: &str,
    state: &str,
    extra: &[(&str, &str)],
) -> Result<String, AuthError> {
    let mut url =
        reqwest::Url::parse(&client.authorize_url).map_err(|e| AuthError::InvalidArgument {
            parameter: "authorizeUrl".into(),
            message: format!("{:?} is not a URL: {e}", client.authorize_url),
        })?;
    url.query_pairs_mut()
        .extend_pairs(extra)
        .append_pair("client_id", &client.client_id)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", &client.redirect_uri)
        .append_pair("scope", &client.scopes)
        .append_pair("code_challenge", challenge)
        .append_pair("code_challenge_method", "S256")
        .append_pair("state", state);
    Ok(url.into())
}

/// Exchanges an authorization code (shared by the Anthropic and OpenAI flows) and saves the
/// session. `state` is sent only where the server expects it (Anthropic).
pub(crate) async fn exchange_code(
    p: Login,
    client: &super::config::OAuthClient,
    format: Body,
    code: &str,
    verifier: &Secret,
    state: Option<&str>,
) -> Result<Tokens, AuthError> {
    let mut params = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", client.redirect_uri.as_str()),
        ("client_id", client.client_id.as_str()),
        ("code_verifier", verifier.expose()),
    ];
    if let Some(s) = state {
        params.push(("state", s));
    }
    let tokens = match token_request(
        &client.token_url,
        format,
        &params,
        &[code, verifier.expose()],
    )
    .await
    {
        Ok(body) => Tokens::from_response(&body, None, now_ms()).ok_or_else(|| {
            AuthError::oauth(p, "the token endpoint's answer has no access_token")
        })?,
        Err(EndpointError::OAuth { code, description }) if code == "invalid_grant" => {
            let detail = if description.is_empty() {
                String::new()
            } else {
                format!(" ({description})")
            };
            return Err(AuthError::oauth(
                p,
                format!(
                "the authorization code is invalid or has expired{detail}; start the login again"
            ),
            ));
        }
        Err(e) => return Err(e.into_auth(p)),
    };
    save(p, &tokens).await?;
    Ok(tokens)
}

/// Flows started (`startOAuth`) and not yet completed, by `state`. Single use; dropped after
/// `PENDING_TTL`.
pub(crate) struct Pending<T> {
    map: Mutex<std::collections::BTreeMap<String, (std::time::Instant, T)>>,
}

pub(crate) const PENDING_TTL: Duration = Duration::from_secs(15 * 60);

impl<T> Pending<T> {
    pub const fn new() -> Self {
        Pending {
            map: Mutex::new(std::collections::BTreeMap::new()),
        }
    }

    pub fn insert(&self, state: String, value: T) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, (at, _)| at.elapsed() < PENDING_TTL);
        map.insert(state, (std::time::Instant::now(), value));
    }

    /// Removes and returns the flow for `state` (so a state works once).
    pub fn take(&self, state: &str) -> Option<T> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(state)
            .filter(|(at, _)| at.elapsed() < PENDING_TTL)
            .map(|(_, v)| v)
    }
}
