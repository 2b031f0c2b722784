//! Sending a request: the response once a 2xx status arrived; any other status, or a connection
//! failure, becomes an `APICallError` with the key scrubbed out.
use std::time::Duration;

use serde_json::{Map, Value};

use crate::error::{is_retryable_status, ApiCallError, CallError};
use crate::protocols::{Protocol, ProtocolRequest};
use crate::secret::{scrub, url_for_errors, Secret};
use crate::timeouts::{TimeoutKind, Timeouts};

use super::client::{client, error_chain, Transport};
use super::headers::{header_map_to_btree, merge_headers, validate_header};

/// Error bodies are read for the error object up to this size.
const MAX_ERROR_BODY: usize = 1024 * 1024;

/// Where a request goes besides its URL: the protocol (which reads error bodies), the network
/// settings, and the provider's own headers.
pub struct Route<'a> {
    pub protocol: &'a dyn Protocol,
    pub transport: &'a Transport,
    pub headers: &'a [(String, String)],
}

/// Sends the request and returns the response once a 2xx status arrived; any other status, or a
/// connection failure, becomes an `APICallError`.
pub async fn send(
    route: &Route<'_>,
    req: &ProtocolRequest,
    body: bytes::Bytes,
    call_headers: &Map<String, Value>,
    key: Option<&Secret>,
    timeouts: Timeouts,
) -> Result<reqwest::Response, CallError> {
    for (k, v) in call_headers {
        if let Value::String(s) = v {
            validate_header(k, s)?;
        }
    }
    let api_error = |message: String, status: Option<u16>, retryable: bool| ApiCallError {
        message: scrub(key, &message),
        url: url_for_errors(key, &req.url),
        request_body_values: req.body.clone(),
        status_code: status,
        response_headers: None,
        response_body: None,
        is_retryable: retryable,
        data: None,
    };
    let timeout = |kind: TimeoutKind, after: Duration| CallError::Timeout {
        kind,
        after_ms: after.as_millis() as u64,
        url: url_for_errors(key, &req.url),
    };
    let client = client(timeouts.connect(), route.transport).map_err(|message| {
        CallError::InvalidArgument {
            parameter: "transport".into(),
            message,
        }
    })?;
    let sending = client
        .post(&req.url)
        .headers(merge_headers(route.headers, req, call_headers)?)
        .body(body)
        .send();
    let response = tokio::time::timeout(timeouts.first_byte(), sending)
        .await
        .map_err(|_| timeout(TimeoutKind::FirstByte, timeouts.first_byte()))?
        .map_err(|e| {
            if e.is_connect() && e.is_timeout() {
                return timeout(TimeoutKind::Connect, timeouts.connect());
            }
            let cause = error_chain(&e);
            CallError::ApiCall(Box::new(api_error(
                format!("Cannot connect to API: {cause}"),
                None,
                true,
            )))
        })?;
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let headers = header_map_to_btree(response.headers());
    let text = read_limited(response, timeouts.idle()).await;
    let parsed = route.protocol.parse_error_body(&text);
    let message = match &parsed {
        Some((m, _)) => m.clone(),
        None => status
            .canonical_reason()
            .unwrap_or("Unknown error")
            .to_owned(),
    };
    let mut err = api_error(
        message,
        Some(status.as_u16()),
        is_retryable_status(status.as_u16()),
    );
    err.response_headers = Some(headers);
    err.response_body = Some(scrub(key, &text));
    err.data = parsed.map(|(_, d)| serde_json::from_str(&scrub(key, &d.to_string())).unwrap_or(d));
    Err(CallError::ApiCall(Box::new(err)))
}

/// The error body, up to `MAX_ERROR_BODY` and for as long as chunks keep coming within the idle
/// limit: a server that sends the head of an error and then stalls must not hang the call (what
/// arrived so far is the body).
async fn read_limited(mut response: reqwest::Response, idle: Duration) -> String {
    let mut buf = Vec::new();
    while let Ok(Ok(Some(chunk))) = tokio::time::timeout(idle, response.chunk()).await {
        buf.extend_from_slice(&chunk);
        if buf.len() >= MAX_ERROR_BODY {
            buf.truncate(MAX_ERROR_BODY);
            break;
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}
