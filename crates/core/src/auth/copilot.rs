//! GitHub Copilot: the GitHub device flow (RFC 8628) for a GitHub token, exchanged for the
//! short-lived Copilot token that requests carry, re-exchanged before it expires.
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::credential::{Backend, Login};
use crate::secret::Secret;

use super::config::{config, CopilotClient};
use super::endpoint::{call_json, client, token_request, Body, EndpointError};
use super::error::AuthError;
use super::session::save;
use super::tokens::{now_ms, Tokens};

const P: Login = Login::Copilot;

/// The backend of a Copilot token's request: the editor headers, and the Enterprise API when
/// one is configured.
pub fn backend(cfg: &CopilotClient, _tokens: &Tokens) -> Backend {
    Backend {
        headers: cfg.editor_headers.clone(),
        base_url: cfg.api_base_url.clone(),
        ..Backend::default()
    }
}

/// What the user needs to approve the login; the device code itself stays in Rust.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceCode {
    pub user_code: String,
    pub verification_uri: String,
    pub interval: u64,
    pub expires_in: u64,
}

struct Flow {
    device_code: Secret,
    interval: Duration,
    deadline: Instant,
}

/// The device flow in progress (one at a time).
static FLOW: std::sync::Mutex<Option<Flow>> = std::sync::Mutex::new(None);

pub async fn start_device_flow() -> Result<DeviceCode, AuthError> {
    let cfg = config().copilot.clone();
    let body = token_request(
        &cfg.device_code_url,
        Body::Form,
        &[("client_id", &cfg.client_id), ("scope", &cfg.scope)],
        &[],
    )
    .await
    .map_err(|e| e.into_auth(P))?;
    let text = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_owned);
    let (Some(device_code), Some(user_code), Some(verification_uri)) = (
        text("device_code"),
        text("user_code"),
        text("verification_uri"),
    ) else {
        return Err(AuthError::oauth(
            P,
            "the device-code answer lacks device_code, user_code or verification_uri",
        ));
    };
    let interval = body.get("interval").and_then(Value::as_u64).unwrap_or(5);
    let expires_in = body
        .get("expires_in")
        .and_then(Value::as_u64)
        .unwrap_or(900);
    *FLOW.lock().unwrap_or_else(|e| e.into_inner()) = Some(Flow {
        device_code: Secret::new(device_code),
        interval: Duration::from_secs(interval),
        deadline: Instant::now() + Duration::from_secs(expires_in),
    });
    Ok(DeviceCode {
        user_code,
        verification_uri,
        interval,
        expires_in,
    })
}

/// Polls until the user approved (then exchanges and stores the tokens), denied, or the code
/// expired: `authorization_pending` waits the interval, `slow_down` adds 5 s to it (RFC 8628 §3.5).
pub async fn poll_device_flow() -> Result<Tokens, AuthError> {
    let flow = FLOW
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
        .ok_or_else(|| AuthError::InvalidArgument {
            parameter: "providerId".into(),
            message: "no device flow was started (call startDeviceFlow first)".into(),
        })?;
    let cfg = config().copilot.clone();
    let mut interval = flow.interval;
    let grant = "urn:ietf:params:oauth:grant-type:device_code";
    loop {
        tokio::time::sleep(interval).await;
        if Instant::now() >= flow.deadline {
            return Err(AuthError::oauth(
                P,
                "the device code expired before it was approved; start the login again",
            ));
        }
        let params = [
            ("client_id", cfg.client_id.as_str()),
            ("device_code", flow.device_code.expose()),
            ("grant_type", grant),
        ];
        match token_request(
            &cfg.access_token_url,
            Body::Form,
            &params,
            &[flow.device_code.expose()],
        )
        .await
        {
            Ok(body) => {
                let github = body
                    .get("access_token")
                    .and_then(Value::as_str)
                    .ok_or_else(|| AuthError::oauth(P, "the token answer has no access_token"))?;
                let tokens = exchange(&Secret::new(github.to_owned())).await?;
                save(P, &tokens).await?;
                return Ok(tokens);
            }
            Err(EndpointError::OAuth { code, .. }) if code == "authorization_pending" => {}
            Err(EndpointError::OAuth { code, .. }) if code == "slow_down" => {
                interval += Duration::from_secs(5)
            }
            Err(EndpointError::OAuth { code, .. }) if code == "expired_token" => {
                return Err(AuthError::oauth(
                    P,
                    "the device code expired before it was approved; start the login again",
                ))
            }
            Err(EndpointError::OAuth { code, .. }) if code == "access_denied" => {
                return Err(AuthError::oauth(P, "the login was denied on GitHub"))
            }
            Err(e) => return Err(e.into_auth(P)),
        }
    }
}

/// Exchanges the GitHub token for a Copilot token (`{token, expires_at, refresh_in}`). A GitHub
/// token GitHub no longer accepts means the user must log in again.
pub async fn exchange(github: &Secret) -> Result<Tokens, AuthError> {
    let cfg = config().copilot.clone();
    let mut request = client()
        .map_err(|e| e.into_auth(P))?
        .get(&cfg.copilot_token_url)
        .header("authorization", format!("token {}", github.expose()));
    for (k, v) in &cfg.editor_headers {
        request = request.header(k, v);
    }
    let body = match call_json(request, &[github.expose()]).await {
        Ok(b) => b,
        Err(EndpointError::Status(401 | 403)) => {
            return Err(AuthError::login_required(
                P,
                "GitHub no longer accepts the stored token",
            ))
        }
        Err(e) => return Err(e.into_auth(P)),
    };
    let token = body
        .get("token")
        .and_then(Value::as_str)
        .ok_or_else(|| AuthError::oauth(P, "the Copilot token answer has no token"))?;
    // Refresh when GitHub says to (`refresh_in`), and in any case before `expires_at`.
    let now = now_ms();
    let expires_at = body
        .get("expires_at")
        .and_then(Value::as_u64)
        .map(|s| s.saturating_mul(1000));
    let refresh_at = body
        .get("refresh_in")
        .and_then(Value::as_u64)
        .map(|s| now + s.saturating_mul(1000) + config().refresh_skew_ms);
    let expires_at = match (expires_at, refresh_at) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Ok(Tokens {
        access: Secret::new(token.to_owned()),
        refresh: Some(github.clone()),
        expires_at,
        account_id: None,
        resource_url: None,
    })
}
