//! Access tokens for requests: the stored one, or refreshed — ahead of expiry or after a 401,
//! one refresh at a time per login, the rotated refresh token saved before the new access token
//! is used — and the credential a request sends with it.
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::config_dir::default_config_dir;
use crate::credential::{Backend, Credential, Login};
use crate::private_file::FileLock;
use crate::secret::Secret;

use super::chatgpt;
use super::config::config;
use super::copilot;
use super::endpoint::{token_request, Body, EndpointError};
use super::error::AuthError;
use super::qwen_file;
use super::session::{clear, load, load_recent, save};
use super::tokens::{now_ms, Tokens};

/// The one lock per provider that refreshes wait on.
fn refresh_lock(p: Login) -> Arc<tokio::sync::Mutex<()>> {
    static LOCKS: OnceLock<Mutex<HashMap<Login, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    LOCKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(p)
        .or_default()
        .clone()
}

/// The lock a refresh holds: the provider's in-process lock, then an OS file lock that refreshes
/// in other processes of the user wait on too (a rotated refresh token used twice logs the user
/// out). The lock file lives beside the credential file if there is one, else in the config dir.
async fn refresh_guard(
    p: Login,
) -> Result<(tokio::sync::OwnedMutexGuard<()>, FileLock), AuthError> {
    let guard = refresh_lock(p).lock_owned().await;
    let dir = config()
        .fallback_file
        .as_deref()
        .and_then(|f| f.parent().map(std::path::Path::to_path_buf))
        .unwrap_or_else(default_config_dir);
    let path = dir.join(format!(".oauth-{}.lock", p.id()));
    let file = tokio::task::spawn_blocking(move || FileLock::exclusive(&path))
        .await
        .map_err(|e| AuthError::Store(format!("the refresh lock task failed: {e}")))?
        .map_err(|e| AuthError::Store(format!("cannot lock the OAuth refresh: {e}")))?;
    Ok((guard, file))
}

fn logged_in(p: Login, tokens: Option<Tokens>) -> Result<Tokens, AuthError> {
    tokens.ok_or_else(|| AuthError::login_required(p, "not logged in"))
}

/// The session as the store has it, not as a recent read found it.
async fn stored(p: Login) -> Result<Tokens, AuthError> {
    logged_in(p, load(p).await?)
}

/// A usable access token for a request: the stored one (a recent read of it), or a refreshed
/// one when it is about to expire. Concurrent callers, in this process or others, share one
/// refresh: they queue on the refresh lock and re-read the store, finding the token the first
/// one saved.
pub async fn access_token(p: Login) -> Result<Tokens, AuthError> {
    let skew = config().refresh_skew_ms;
    let tokens = logged_in(p, load_recent(p).await?)?;
    if !tokens.needs_refresh(now_ms(), skew) {
        return Ok(tokens);
    }
    let _guard = refresh_guard(p).await?;
    let tokens = stored(p).await?;
    if !tokens.needs_refresh(now_ms(), skew) {
        return Ok(tokens);
    }
    refresh(p, tokens).await
}

/// The server rejected `used` (401): refresh once, unless another request already did.
pub async fn refresh_rejected(p: Login, used: &Secret) -> Result<Tokens, AuthError> {
    let _guard = refresh_guard(p).await?;
    let tokens = stored(p).await?;
    if tokens.access != *used {
        return Ok(tokens);
    }
    refresh(p, tokens).await
}

async fn refresh(p: Login, tokens: Tokens) -> Result<Tokens, AuthError> {
    let result = match p {
        Login::Copilot => {
            copilot::exchange(
                &tokens
                    .refresh
                    .ok_or_else(|| AuthError::login_required(p, "no GitHub token stored"))?,
            )
            .await
        }
        Login::Anthropic | Login::OpenAi | Login::Qwen => refresh_grant(p, tokens).await,
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

async fn refresh_grant(p: Login, tokens: Tokens) -> Result<Tokens, AuthError> {
    let Tokens {
        refresh,
        resource_url,
        ..
    } = tokens;
    let refresh =
        refresh.ok_or_else(|| AuthError::login_required(p, "the session has no refresh token"))?;
    let cfg = config();
    let (client_id, token_url, format) = match p {
        Login::Anthropic => (
            &cfg.anthropic.client_id,
            &cfg.anthropic.token_url,
            Body::Json,
        ),
        Login::Qwen => (&cfg.qwen.client_id, &cfg.qwen.token_url, Body::Form),
        _ => (&cfg.openai.client_id, &cfg.openai.token_url, Body::Form),
    };
    let params = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh.expose()),
        ("client_id", client_id.as_str()),
    ];
    match token_request(token_url, format, &params, &[refresh.expose()]).await {
        Ok(body) => Tokens::from_response(&body, Some(&refresh), now_ms())
            // A refresh that names no new API host keeps the session's.
            .map(|t| Tokens {
                resource_url: t.resource_url.or(resource_url),
                ..t
            })
            .ok_or_else(|| AuthError::oauth(p, "the token endpoint's answer has no access_token")),
        Err(EndpointError::OAuth { code, .. }) if code == "invalid_grant" => Err(
            AuthError::login_required(p, "the refresh token was revoked or has expired"),
        ),
        Err(e) => Err(e.into_auth(p)),
    }
}

/// What `login`'s backend expects of a request with `tokens`, from the settings.
pub fn backend(login: Login, tokens: &Tokens) -> Backend {
    let cfg = config();
    match login {
        Login::Copilot => copilot::backend(&cfg.copilot, tokens),
        Login::Anthropic => Backend {
            betas: cfg.anthropic_betas.clone(),
            ..Backend::default()
        },
        Login::OpenAi => chatgpt::backend(&cfg.chatgpt, tokens),
        Login::Qwen => qwen_file::backend(&cfg.qwen, tokens),
    }
}

fn oauth_credential(login: Login, tokens: Tokens) -> Credential {
    Credential::OAuth {
        login,
        backend: backend(login, &tokens),
        token: tokens.access,
    }
}

/// The credential a request sends for `login`: its access token, refreshed when due.
pub async fn credential(login: Login) -> Result<Credential, AuthError> {
    Ok(oauth_credential(login, access_token(login).await?))
}

/// The server rejected `used` (401): the credential after one refresh.
pub async fn credential_after_401(login: Login, used: &Secret) -> Result<Credential, AuthError> {
    Ok(oauth_credential(
        login,
        refresh_rejected(login, used).await?,
    ))
}
