//! N-API functions of the credential layer (`auth/`). Keys and tokens go in, never out: every
//! function returns only booleans, public URLs, codes meant for the user, and expiry times.
use napi_derive::napi;

use crate::auth::{self, blocking, copilot, oauth_anthropic, oauth_openai, AuthError, Provider};
use crate::secret::Secret;

fn to_napi(e: AuthError) -> napi::Error {
    napi::Error::from_reason(e.to_js().to_string())
}

/// Endpoints of an authorization-code client (each optional; defaults are the real ones).
#[napi(object)]
pub struct OAuthClientInit {
    pub client_id: Option<String>,
    pub authorize_url: Option<String>,
    pub token_url: Option<String>,
    pub redirect_uri: Option<String>,
    pub scopes: Option<String>,
}

#[napi(object)]
pub struct CopilotClientInit {
    pub client_id: Option<String>,
    pub device_code_url: Option<String>,
    pub access_token_url: Option<String>,
    pub copilot_token_url: Option<String>,
    pub scope: Option<String>,
}

#[napi(object)]
pub struct OAuthEndpointsInit {
    pub anthropic: Option<OAuthClientInit>,
    pub openai: Option<OAuthClientInit>,
    pub github_copilot: Option<CopilotClientInit>,
}

/// `configureAuth` settings; absent fields keep their current value.
#[napi(object)]
pub struct AuthConfigInit {
    /// `'file'`: when no keychain is reachable, use `<configDir>/credentials.json` (0600).
    /// `'none'`: no fallback (the default).
    pub fallback_store: Option<String>,
    pub config_dir: Option<String>,
    /// Keychain service name (default `llm-native`).
    pub keychain_service: Option<String>,
    /// Refresh OAuth access tokens this long before they expire (default 60,000).
    pub refresh_skew_ms: Option<u32>,
    /// How long the OpenAI loopback listener waits for the browser (default 300,000).
    pub loopback_timeout_ms: Option<u32>,
    pub oauth: Option<OAuthEndpointsInit>,
}

fn merge(target: &mut String, value: Option<String>) {
    if let Some(v) = value {
        *target = v;
    }
}

fn merge_client(c: &mut auth::config::OAuthClient, init: OAuthClientInit) {
    merge(&mut c.client_id, init.client_id);
    merge(&mut c.authorize_url, init.authorize_url);
    merge(&mut c.token_url, init.token_url);
    merge(&mut c.redirect_uri, init.redirect_uri);
    merge(&mut c.scopes, init.scopes);
}

#[napi]
pub fn configure_auth(options: AuthConfigInit) -> napi::Result<()> {
    let fallback = match (options.fallback_store.as_deref(), options.config_dir) {
        (None, _) => None,
        (Some("none"), _) => Some(None),
        (Some("file"), Some(dir)) if !dir.is_empty() => Some(Some(
            std::path::Path::new(&dir).join(auth::file_store::FILE_NAME),
        )),
        (Some("file"), _) => {
            return Err(to_napi(AuthError::InvalidArgument {
                parameter: "configDir".into(),
                message: "fallbackStore 'file' needs a configDir".into(),
            }))
        }
        (Some(other), _) => {
            return Err(to_napi(AuthError::InvalidArgument {
                parameter: "fallbackStore".into(),
                message: format!("{other:?} is not 'file' or 'none'"),
            }))
        }
    };
    auth::configure(|c| {
        if let Some(f) = fallback {
            c.fallback_file = f;
        }
        merge(&mut c.service, options.keychain_service);
        if let Some(ms) = options.refresh_skew_ms {
            c.refresh_skew_ms = ms.into();
        }
        if let Some(ms) = options.loopback_timeout_ms {
            c.loopback_timeout_ms = ms.into();
        }
        if let Some(o) = options.oauth {
            if let Some(a) = o.anthropic {
                merge_client(&mut c.anthropic, a);
            }
            if let Some(a) = o.openai {
                merge_client(&mut c.openai, a);
            }
            if let Some(g) = o.github_copilot {
                merge(&mut c.copilot.client_id, g.client_id);
                merge(&mut c.copilot.device_code_url, g.device_code_url);
                merge(&mut c.copilot.access_token_url, g.access_token_url);
                merge(&mut c.copilot.copilot_token_url, g.copilot_token_url);
                merge(&mut c.copilot.scope, g.scope);
            }
        }
    });
    Ok(())
}

/// Stores an API key in the keychain. The string is dropped from this side right after.
#[napi]
pub async fn set_api_key(provider_id: String, key: String) -> napi::Result<()> {
    let key = Secret::new(key);
    blocking(move || auth::set_api_key(&provider_id, &key))
        .await
        .map_err(to_napi)
}

#[napi]
pub async fn has_api_key(provider_id: String) -> napi::Result<bool> {
    blocking(move || auth::has_api_key(&provider_id))
        .await
        .map_err(to_napi)
}

/// `true` when a key was deleted, `false` when there was none.
#[napi]
pub async fn delete_api_key(provider_id: String) -> napi::Result<bool> {
    blocking(move || auth::delete_api_key(&provider_id))
        .await
        .map_err(to_napi)
}

/// What is stored for a provider; no secret.
#[napi(object)]
pub struct AuthStatus {
    pub provider_id: String,
    pub api_key: bool,
    pub oauth: bool,
    /// Expiry of the stored OAuth access token (Unix ms), if known.
    pub expires_at: Option<f64>,
}

impl From<auth::AuthStatus> for AuthStatus {
    fn from(s: auth::AuthStatus) -> Self {
        AuthStatus {
            provider_id: s.provider_id,
            api_key: s.api_key,
            oauth: s.oauth,
            expires_at: s.expires_at.map(|v| v as f64),
        }
    }
}

async fn status(provider_id: String) -> napi::Result<AuthStatus> {
    blocking(move || auth::auth_status(&provider_id))
        .await
        .map(AuthStatus::from)
        .map_err(to_napi)
}

#[napi]
pub async fn auth_status(provider_id: String) -> napi::Result<AuthStatus> {
    status(provider_id).await
}

#[napi]
pub async fn has_o_auth(provider_id: String) -> napi::Result<bool> {
    Ok(status(provider_id).await?.oauth)
}

/// Forgets the OAuth session; `false` when there was none.
#[napi]
pub async fn logout(provider_id: String) -> napi::Result<bool> {
    blocking(move || auth::logout(&provider_id))
        .await
        .map_err(to_napi)
}

#[napi(object)]
pub struct StartOAuthOptions {
    /// OpenAI: port of the loopback listener (`0` = any free port).
    pub port: Option<u16>,
    /// OpenAI: how long to wait for the browser, in ms.
    pub timeout_ms: Option<u32>,
}

/// The URL to open and the `state` to hand back to `completeOAuth`.
#[napi(object)]
pub struct StartedOAuth {
    pub url: String,
    pub state: String,
}

#[napi]
pub async fn start_o_auth(
    provider_id: String,
    options: Option<StartOAuthOptions>,
) -> napi::Result<StartedOAuth> {
    let (url, state) = match Provider::parse(&provider_id).map_err(to_napi)? {
        Provider::Anthropic => oauth_anthropic::start(),
        Provider::OpenAi => {
            let o = options.map_or_else(Default::default, |o| oauth_openai::LoopbackOptions {
                port: o.port,
                timeout_ms: o.timeout_ms.map(u64::from),
            });
            oauth_openai::start(o).await
        }
        Provider::Copilot => Err(AuthError::InvalidArgument {
            parameter: "providerId".into(),
            message: "github-copilot logs in with startDeviceFlow / pollDeviceFlow".into(),
        }),
    }
    .map_err(to_napi)?;
    Ok(StartedOAuth { url, state })
}

#[napi(object)]
pub struct CompleteOAuthOptions {
    /// Anthropic: the code the user pasted (`code#state` as shown, or the bare code).
    pub code: Option<String>,
    pub state: Option<String>,
}

/// Anthropic: exchanges the pasted code. OpenAI: waits for the browser's redirect to the
/// loopback listener, then exchanges its code. The tokens go to the keychain.
#[napi]
pub async fn complete_o_auth(
    provider_id: String,
    options: CompleteOAuthOptions,
) -> napi::Result<AuthStatus> {
    let provider = Provider::parse(&provider_id).map_err(to_napi)?;
    let state = options.state;
    match provider {
        Provider::Anthropic => {
            let code = options.code.unwrap_or_default();
            oauth_anthropic::complete(&code, state.as_deref()).await
        }
        Provider::OpenAi => oauth_openai::complete(state.as_deref().unwrap_or_default()).await,
        Provider::Copilot => Err(AuthError::InvalidArgument {
            parameter: "providerId".into(),
            message: "github-copilot logs in with startDeviceFlow / pollDeviceFlow".into(),
        }),
    }
    .map_err(to_napi)?;
    status(provider_id).await
}

/// What to show the user: go to `verificationUri` and enter `userCode`.
#[napi(object)]
pub struct DeviceFlow {
    pub user_code: String,
    pub verification_uri: String,
    /// Seconds between polls.
    pub interval: u32,
    /// Seconds until the code expires.
    pub expires_in: u32,
}

fn copilot_only(provider_id: &str) -> napi::Result<()> {
    match Provider::parse(provider_id).map_err(to_napi)? {
        Provider::Copilot => Ok(()),
        _ => Err(to_napi(AuthError::InvalidArgument {
            parameter: "providerId".into(),
            message: format!("{provider_id} logs in with startOAuth / completeOAuth"),
        })),
    }
}

#[napi]
pub async fn start_device_flow(provider_id: String) -> napi::Result<DeviceFlow> {
    copilot_only(&provider_id)?;
    let d = copilot::start_device_flow().await.map_err(to_napi)?;
    Ok(DeviceFlow {
        user_code: d.user_code,
        verification_uri: d.verification_uri,
        interval: d.interval.min(u32::MAX.into()) as u32,
        expires_in: d.expires_in.min(u32::MAX.into()) as u32,
    })
}

/// Polls until the user approved (then stores the session), denied, or the code expired.
#[napi]
pub async fn poll_device_flow(provider_id: String) -> napi::Result<AuthStatus> {
    copilot_only(&provider_id)?;
    copilot::poll_device_flow().await.map_err(to_napi)?;
    status(provider_id).await
}
