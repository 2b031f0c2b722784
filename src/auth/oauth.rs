//! What the OAuth providers share: the stored session, token-endpoint calls, and refresh —
//! ahead of expiry or after a 401, one refresh at a time per provider, the rotated refresh token
//! saved before the new access token is used.
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde_json::Value;

use super::config::OAuthClient;
use super::tokens::{now_ms, Tokens};
use super::{blocking, config, pkce, store, AuthError};
use crate::secret::Secret;

/// The subscription logins llm-native knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    Anthropic,
    OpenAi,
    Copilot,
}

impl Provider {
    pub fn parse(id: &str) -> Result<Provider, AuthError> {
        match id {
            "anthropic" => Ok(Provider::Anthropic),
            "openai" => Ok(Provider::OpenAi),
            "github-copilot" => Ok(Provider::Copilot),
            _ => Err(AuthError::InvalidArgument {
                parameter: "providerId".into(),
                message: format!(
                    "no OAuth login for {id:?} (supported: anthropic, openai, github-copilot)"
                ),
            }),
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Provider::Anthropic => "anthropic",
            Provider::OpenAi => "openai",
            Provider::Copilot => "github-copilot",
        }
    }

    /// Headers a request with this provider's token needs besides `Authorization: Bearer`.
    pub fn request_headers(self) -> Vec<(String, String)> {
        match self {
            Provider::Copilot => super::copilot::editor_headers(),
            _ => Vec::new(),
        }
    }

    pub(crate) fn login_required(self, reason: &str) -> AuthError {
        AuthError::LoginRequired {
            provider: self.id().into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn oauth_error(self, message: impl Into<String>) -> AuthError {
        AuthError::OAuth {
            provider: self.id().into(),
            message: message.into(),
        }
    }
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

pub async fn load(p: Provider) -> Result<Option<Tokens>, AuthError> {
    blocking(move || load_blocking(p.id())).await
}

pub async fn save(p: Provider, tokens: &Tokens) -> Result<(), AuthError> {
    let json = Secret::new(tokens.to_json());
    blocking(move || store::set(&account(p.id()), json.expose())).await
}

async fn clear(p: Provider) -> Result<bool, AuthError> {
    blocking(move || clear_blocking(p.id())).await
}

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

/// How a token endpoint wants its parameters.
#[derive(Debug, Clone, Copy)]
pub enum Body {
    Json,
    Form,
}

/// A token endpoint's refusal (`{"error": …}`), or a transport/format failure.
#[derive(Debug)]
pub enum EndpointError {
    OAuth {
        code: String,
        description: String,
    },
    /// A non-2xx answer without an OAuth error body.
    Status(u16),
    Other(String),
}

impl EndpointError {
    pub fn into_auth(self, p: Provider) -> AuthError {
        match self {
            EndpointError::OAuth { code, description } if description.is_empty() => {
                p.oauth_error(code)
            }
            EndpointError::OAuth { code, description } => {
                p.oauth_error(format!("{code}: {description}"))
            }
            EndpointError::Status(s) => p.oauth_error(format!("the endpoint answered HTTP {s}")),
            EndpointError::Other(m) => p.oauth_error(m),
        }
    }
}

pub(crate) fn client() -> Result<reqwest::Client, EndpointError> {
    crate::http::client(Duration::from_secs(10), &Default::default()).map_err(EndpointError::Other)
}

/// Sends `request` and reads a JSON reply. An `error` field means refusal whatever the status
/// (GitHub answers pending device flows with 200). Server text is scrubbed of `secrets`.
pub(crate) async fn call_json(
    request: reqwest::RequestBuilder,
    secrets: &[&str],
) -> Result<Value, EndpointError> {
    let scrub = |text: &str| {
        secrets
            .iter()
            .filter(|s| s.len() >= 4)
            .fold(text.to_owned(), |t, s| t.replace(s, "[REDACTED]"))
    };
    let response = tokio::time::timeout(
        Duration::from_secs(30),
        request.header("accept", "application/json").send(),
    )
    .await
    .map_err(|_| EndpointError::Other("the token endpoint did not answer within 30 s".into()))?
    .map_err(|e| {
        EndpointError::Other(scrub(&format!(
            "cannot reach the token endpoint: {}",
            crate::http::error_chain(&e)
        )))
    })?;
    let status = response.status();
    let text = response.text().await.map_err(|e| {
        EndpointError::Other(scrub(&format!(
            "reading the token endpoint's answer failed: {e}"
        )))
    })?;
    let body: Option<Value> = serde_json::from_str(&text).ok();
    if let Some(code) = body.as_ref().and_then(|b| b.get("error")) {
        // Some servers nest it: `{"error": {"type", "message"}}`.
        let (code, description) = match code {
            Value::String(s) => (
                s.clone(),
                body.as_ref()
                    .and_then(|b| b.get("error_description"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            ),
            other => (
                other
                    .get("type")
                    .or_else(|| other.get("code"))
                    .and_then(Value::as_str)
                    .unwrap_or("error")
                    .to_owned(),
                other
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            ),
        };
        return Err(EndpointError::OAuth {
            code: scrub(&code),
            description: scrub(&description),
        });
    }
    match body {
        Some(v) if status.is_success() => Ok(v),
        _ if !status.is_success() => Err(EndpointError::Status(status.as_u16())),
        _ => Err(EndpointError::Other(
            "the endpoint answered with something other than JSON".into(),
        )),
    }
}

/// POSTs `params` to a token endpoint.
pub(crate) async fn token_request(
    url: &str,
    format: Body,
    params: &[(&str, &str)],
    secrets: &[&str],
) -> Result<Value, EndpointError> {
    let request = client()?.post(url);
    let request = match format {
        Body::Json => {
            let map: serde_json::Map<String, Value> = params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                .collect();
            request
                .header("content-type", "application/json")
                .body(Value::Object(map).to_string())
        }
        Body::Form => {
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(params)
                .finish();
            request
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
        }
    };
    call_json(request, secrets).await
}

/// The one lock per provider that refreshes wait on.
fn refresh_lock(p: Provider) -> Arc<tokio::sync::Mutex<()>> {
    static LOCKS: OnceLock<Mutex<HashMap<Provider, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    LOCKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(p)
        .or_default()
        .clone()
}

async fn stored(p: Provider) -> Result<Tokens, AuthError> {
    load(p)
        .await?
        .ok_or_else(|| p.login_required("not logged in"))
}

/// A usable access token for a request: the stored one, or a refreshed one when it is about to
/// expire. Concurrent callers share one refresh: they queue on the provider's lock and re-read
/// the store, finding the token the first one saved.
pub async fn access_token(p: Provider) -> Result<Tokens, AuthError> {
    let skew = config().refresh_skew_ms;
    let tokens = stored(p).await?;
    if !tokens.needs_refresh(now_ms(), skew) {
        return Ok(tokens);
    }
    let lock = refresh_lock(p);
    let _guard = lock.lock().await;
    let tokens = stored(p).await?;
    if !tokens.needs_refresh(now_ms(), skew) {
        return Ok(tokens);
    }
    refresh(p, tokens).await
}

/// The server rejected `used` (401): refresh once, unless another request already did.
pub async fn refresh_rejected(p: Provider, used: &Secret) -> Result<Tokens, AuthError> {
    let lock = refresh_lock(p);
    let _guard = lock.lock().await;
    let tokens = stored(p).await?;
    if tokens.access != *used {
        return Ok(tokens);
    }
    refresh(p, tokens).await
}

async fn refresh(p: Provider, tokens: Tokens) -> Result<Tokens, AuthError> {
    let result = match p {
        Provider::Copilot => {
            super::copilot::exchange(
                &tokens
                    .refresh
                    .ok_or_else(|| p.login_required("no GitHub token stored"))?,
            )
            .await
        }
        Provider::Anthropic | Provider::OpenAi => refresh_grant(p, tokens).await,
    };
    match result {
        Ok(fresh) => {
            // Saved before use: with rotation the old refresh token is now dead, and losing the
            // new one would log the user out.
            save(p, &fresh).await?;
            Ok(fresh)
        }
        Err(e @ AuthError::LoginRequired { .. }) => {
            clear(p).await?;
            Err(e)
        }
        Err(e) => Err(e),
    }
}

async fn refresh_grant(p: Provider, tokens: Tokens) -> Result<Tokens, AuthError> {
    let refresh = tokens
        .refresh
        .ok_or_else(|| p.login_required("the session has no refresh token"))?;
    let cfg = config();
    let (client, format) = match p {
        Provider::Anthropic => (&cfg.anthropic, Body::Json),
        _ => (&cfg.openai, Body::Form),
    };
    let params = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh.expose()),
        ("client_id", client.client_id.as_str()),
    ];
    match token_request(&client.token_url, format, &params, &[refresh.expose()]).await {
        Ok(body) => Tokens::from_response(&body, Some(&refresh), now_ms())
            .ok_or_else(|| p.oauth_error("the token endpoint's answer has no access_token")),
        Err(EndpointError::OAuth { code, .. }) if code == "invalid_grant" => {
            Err(p.login_required("the refresh token was revoked or has expired"))
        }
        Err(e) => Err(e.into_auth(p)),
    }
}

/// Exchanges an authorization code (shared by the Anthropic and OpenAI flows) and saves the
/// session. `state` is sent only where the server expects it (Anthropic).
pub(crate) async fn exchange_code(
    p: Provider,
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
        Ok(body) => Tokens::from_response(&body, None, now_ms())
            .ok_or_else(|| p.oauth_error("the token endpoint's answer has no access_token"))?,
        Err(EndpointError::OAuth { code, description }) if code == "invalid_grant" => {
            let detail = if description.is_empty() {
                String::new()
            } else {
                format!(" ({description})")
            };
            return Err(p.oauth_error(format!(
                "the authorization code is invalid or has expired{detail}; start the login again"
            )));
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
