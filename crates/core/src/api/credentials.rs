//! Credentials for hosts. Keys and tokens go in, never out: results are booleans, public URLs,
//! codes meant for the user, and expiry times. Store calls run off the async workers.
use serde::{Deserialize, Serialize};

use crate::auth::{self, copilot, oauth_anthropic, oauth_openai, qwen_file, AuthError};
use crate::config_dir::default_config_dir;
use crate::credential::Login;
use crate::secret::Secret;

use super::error::HostError;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClientInit {
    pub client_id: Option<String>,
    pub authorize_url: Option<String>,
    pub token_url: Option<String>,
    pub redirect_uri: Option<String>,
    pub scopes: Option<String>,
    /// Anthropic only: the betas a Claude Pro/Max token is sent with.
    pub betas: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CopilotClientInit {
    pub client_id: Option<String>,
    /// GitHub Enterprise: `company.ghe.com`; sets every endpoint below (which still win).
    pub enterprise_domain: Option<String>,
    pub device_code_url: Option<String>,
    pub access_token_url: Option<String>,
    pub copilot_token_url: Option<String>,
    pub api_base_url: Option<String>,
    pub scope: Option<String>,
    /// The editor headers (`editor-version`, `editor-plugin-version`, `user-agent`, …).
    pub editor_headers: Option<std::collections::BTreeMap<String, String>>,
}

/// `oauth.qwenCode`: Qwen Code's credentials file and token endpoint.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QwenInit {
    pub credentials_file: Option<String>,
    pub token_url: Option<String>,
    pub client_id: Option<String>,
    pub default_base_url: Option<String>,
}

/// `chatgpt`: where a ChatGPT login's requests go and what they carry.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatGptInit {
    pub base_url: Option<String>,
    pub originator: Option<String>,
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    pub instructions: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthEndpointsInit {
    pub anthropic: Option<OAuthClientInit>,
    pub openai: Option<OAuthClientInit>,
    pub github_copilot: Option<CopilotClientInit>,
    pub qwen_code: Option<QwenInit>,
}

/// `configureAuth(…)`: where credentials live and every OAuth endpoint (tests point them at a
/// local server).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfigInit {
    /// `'file'` or `'none'`: the store used when no keychain is reachable. The file is
    /// `<configDir>/credentials.json`, by default in the OS config directory.
    pub fallback_store: Option<String>,
    pub config_dir: Option<String>,
    pub keychain_service: Option<String>,
    pub refresh_skew_ms: Option<u64>,
    pub loopback_timeout_ms: Option<u64>,
    pub oauth: Option<OAuthEndpointsInit>,
    pub chatgpt: Option<ChatGptInit>,
}

fn merge(target: &mut String, value: Option<String>) {
    if let Some(v) = value {
        *target = v;
    }
}

fn merge_client(c: &mut auth::config::OAuthClient, init: &mut OAuthClientInit) {
    let init = std::mem::take(init);
    merge(&mut c.client_id, init.client_id);
    merge(&mut c.authorize_url, init.authorize_url);
    merge(&mut c.token_url, init.token_url);
    merge(&mut c.redirect_uri, init.redirect_uri);
    merge(&mut c.scopes, init.scopes);
}

fn invalid(parameter: &str, message: impl Into<String>) -> HostError {
    HostError::Auth(AuthError::InvalidArgument {
        parameter: parameter.into(),
        message: message.into(),
    })
}

pub fn configure_auth(options: AuthConfigInit) -> Result<(), HostError> {
    let fallback = match (options.fallback_store.as_deref(), options.config_dir) {
        (None, _) => None,
        (Some("none"), _) => Some(None),
        (Some("file"), Some(dir)) if dir.is_empty() => {
            return Err(invalid("configDir", "must not be empty"))
        }
        (Some("file"), dir) => Some(Some(
            dir.map_or_else(default_config_dir, std::path::PathBuf::from)
                .join(auth::file_store::FILE_NAME),
        )),
        (Some(other), _) => {
            return Err(invalid(
                "fallbackStore",
                format!("{other:?} is not 'file' or 'none'"),
            ))
        }
    };
    auth::configure(|c| {
        if let Some(f) = fallback {
            c.fallback_file = f;
        }
        merge(&mut c.service, options.keychain_service);
        if let Some(ms) = options.refresh_skew_ms {
            c.refresh_skew_ms = ms;
        }
        if let Some(ms) = options.loopback_timeout_ms {
            c.loopback_timeout_ms = ms;
        }
        if let Some(o) = options.oauth {
            if let Some(mut a) = o.anthropic {
                if let Some(betas) = a.betas.take() {
                    c.anthropic_betas = betas;
                }
                merge_client(&mut c.anthropic, &mut a);
            }
            if let Some(mut a) = o.openai {
                merge_client(&mut c.openai, &mut a);
            }
            if let Some(g) = o.github_copilot {
                let copilot = &mut c.copilot;
                if let Some(domain) = g.enterprise_domain.as_deref() {
                    copilot.for_enterprise(domain);
                }
                merge(&mut copilot.client_id, g.client_id);
                merge(&mut copilot.device_code_url, g.device_code_url);
                merge(&mut copilot.access_token_url, g.access_token_url);
                merge(&mut copilot.copilot_token_url, g.copilot_token_url);
                merge(&mut copilot.scope, g.scope);
                if let Some(url) = g.api_base_url {
                    copilot.api_base_url = Some(url);
                }
                if let Some(h) = g.editor_headers {
                    copilot.editor_headers = h.into_iter().collect();
                }
            }
            if let Some(q) = o.qwen_code {
                let qwen = &mut c.qwen;
                if let Some(file) = q.credentials_file {
                    qwen.credentials_file = file.into();
                }
                merge(&mut qwen.token_url, q.token_url);
                merge(&mut qwen.client_id, q.client_id);
                merge(&mut qwen.default_base_url, q.default_base_url);
            }
        }
        if let Some(g) = options.chatgpt {
            let chatgpt = &mut c.chatgpt;
            merge(&mut chatgpt.base_url, g.base_url);
            merge(&mut chatgpt.originator, g.originator);
            merge(&mut chatgpt.instructions, g.instructions);
            if let Some(h) = g.headers {
                chatgpt.headers = h.into_iter().collect();
            }
        }
    });
    Ok(())
}

/// Stores an API key (replacing any previous one). The string is dropped right after.
pub async fn set_api_key(provider_id: String, key: Secret) -> Result<(), HostError> {
    Ok(auth::blocking(move || auth::set_api_key(&provider_id, &key)).await?)
}

pub async fn has_api_key(provider_id: String) -> Result<bool, HostError> {
    Ok(auth::blocking(move || auth::has_api_key(&provider_id)).await?)
}

/// `true` when a key was deleted, `false` when there was none.
pub async fn delete_api_key(provider_id: String) -> Result<bool, HostError> {
    Ok(auth::blocking(move || auth::delete_api_key(&provider_id)).await?)
}

/// What is stored for a provider; no secret.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthStatus {
    pub provider_id: String,
    pub api_key: bool,
    pub oauth: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<u64>,
}

pub async fn auth_status(provider_id: String) -> Result<AuthStatus, HostError> {
    let s = auth::blocking(move || auth::auth_status(&provider_id)).await?;
    Ok(AuthStatus {
        provider_id: s.provider_id,
        api_key: s.api_key,
        oauth: s.oauth,
        expires_at: s.expires_at,
    })
}

/// Forgets the OAuth session; `false` when there was none.
pub async fn logout(provider_id: String) -> Result<bool, HostError> {
    Ok(auth::blocking(move || auth::logout(&provider_id)).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartOAuthOptions {
    /// OpenAI: port of the loopback listener (`0` = any free port).
    pub port: Option<u16>,
    /// OpenAI: how long to wait for the browser, in ms.
    pub timeout_ms: Option<u64>,
}

/// The URL to open and the `state` to hand back to `complete_oauth`.
#[derive(Debug, Clone, Serialize)]
pub struct StartedOAuth {
    pub url: String,
    pub state: String,
}

fn device_flow_login(provider_id: &str) -> AuthError {
    AuthError::InvalidArgument {
        parameter: "providerId".into(),
        message: format!("{provider_id} logs in with startDeviceFlow / pollDeviceFlow"),
    }
}

pub async fn start_oauth(
    provider_id: &str,
    options: StartOAuthOptions,
) -> Result<StartedOAuth, HostError> {
    let (url, state) = match auth::login(provider_id)? {
        Login::Anthropic => oauth_anthropic::start(),
        Login::OpenAi => {
            oauth_openai::start(oauth_openai::LoopbackOptions {
                port: options.port,
                timeout_ms: options.timeout_ms,
            })
            .await
        }
        Login::Copilot => Err(device_flow_login(provider_id)),
        Login::Qwen => Err(qwen_file::login_elsewhere()),
    }?;
    Ok(StartedOAuth { url, state })
}

#[derive(Debug, Default, Deserialize)]
pub struct CompleteOAuthOptions {
    /// Anthropic: the code the user pasted (`code#state` as shown, or the bare code).
    pub code: Option<String>,
    pub state: Option<String>,
}

/// Anthropic: exchanges the pasted code. OpenAI: waits for the browser's redirect to the
/// loopback listener, then exchanges its code. The tokens go to the credential store.
pub async fn complete_oauth(
    provider_id: String,
    options: CompleteOAuthOptions,
) -> Result<AuthStatus, HostError> {
    let state = options.state;
    match auth::login(&provider_id)? {
        Login::Anthropic => {
            let code = options.code.unwrap_or_default();
            oauth_anthropic::complete(&code, state.as_deref()).await
        }
        Login::OpenAi => oauth_openai::complete(state.as_deref().unwrap_or_default()).await,
        Login::Copilot => Err(device_flow_login(&provider_id)),
        Login::Qwen => Err(qwen_file::login_elsewhere()),
    }?;
    auth_status(provider_id).await
}

/// What to show the user: go to `verificationUri` and enter `userCode`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceFlow {
    pub user_code: String,
    pub verification_uri: String,
    /// Seconds between polls.
    pub interval: u64,
    /// Seconds until the code expires.
    pub expires_in: u64,
}

fn copilot_only(provider_id: &str) -> Result<(), HostError> {
    match auth::login(provider_id)? {
        Login::Copilot => Ok(()),
        _ => Err(invalid(
            "providerId",
            format!("{provider_id} logs in with startOAuth / completeOAuth"),
        )),
    }
}

pub async fn start_device_flow(provider_id: &str) -> Result<DeviceFlow, HostError> {
    copilot_only(provider_id)?;
    let d = copilot::start_device_flow().await?;
    Ok(DeviceFlow {
        user_code: d.user_code,
        verification_uri: d.verification_uri,
        interval: d.interval,
        expires_in: d.expires_in,
    })
}

/// Polls until the user approved (then stores the session), denied, or the code expired.
pub async fn poll_device_flow(provider_id: String) -> Result<AuthStatus, HostError> {
    copilot_only(&provider_id)?;
    copilot::poll_device_flow().await?;
    auth_status(provider_id).await
}
