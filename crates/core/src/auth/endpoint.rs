//! Calls to OAuth token endpoints (and GitHub's Copilot token endpoint): JSON or form bodies,
//! OAuth error bodies, and server text scrubbed of the secrets a request sent.
use std::time::Duration;

use serde_json::Value;

use crate::credential::Login;
use crate::transport;

use super::error::AuthError;

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
    pub fn into_auth(self, p: Login) -> AuthError {
        match self {
            EndpointError::OAuth { code, description } if description.is_empty() => {
                AuthError::oauth(p, code)
            }
            EndpointError::OAuth { code, description } => {
                AuthError::oauth(p, format!("{code}: {description}"))
            }
            EndpointError::Status(s) => {
                AuthError::oauth(p, format!("the endpoint answered HTTP {s}"))
            }
            EndpointError::Other(m) => AuthError::oauth(p, m),
        }
    }
}

pub(crate) fn client() -> Result<reqwest::Client, EndpointError> {
    transport::client(Duration::from_secs(10), &Default::default()).map_err(EndpointError::Other)
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
            transport::error_chain(&e)
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
