//! Sending a request: the response once a 2xx status arrived; any other status, or a connection
//! failure, becomes an `APICallError` with the key scrubbed out. A provider with the app's own
//! `fetch` has the host perform it (`host_fetch.rs`); the rest is the same for both.
use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::error::{is_retryable_status, ApiCallError, CallError};
use crate::protocols::{Protocol, ProtocolRequest};
use crate::secret::{scrub, url_for_errors, Secret};
use crate::timeouts::{TimeoutKind, Timeouts};

use super::client::{client, error_chain, Transport};
use super::headers::{header_map_to_btree, merge_headers, validate_header};
use super::host_fetch::{FailureKind, FetchFailure, HostFetch, HostResponse};
use super::response::HttpResponse;

/// Error bodies are read for the error object up to this size.
const MAX_ERROR_BODY: usize = 1024 * 1024;

/// Where a request goes besides its URL: the protocol (which reads error bodies), the network
/// settings, and the provider's own headers.
pub struct Route<'a> {
    pub protocol: &'a dyn Protocol,
    pub transport: &'a Transport,
    pub headers: &'a [(String, String)],
    /// The call's host, for a provider whose requests its `fetch` performs.
    pub host: Option<HostRoute<'a>>,
}

pub struct HostRoute<'a> {
    pub fetch: &'a HostFetch,
    /// Whether the key may go to the app's `fetch`: one the app passed (`apiKey`) or its
    /// environment holds. A key from the keychain or a login never reaches JS: the request
    /// goes to `fetch` without it (the app's fetch adds its own auth).
    pub share_key: bool,
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
) -> Result<HttpResponse, CallError> {
    for (k, v) in call_headers {
        if let Value::String(s) = v {
            validate_header(k, s)?;
        }
    }
    let api_error = |message: String, status: Option<u16>, retryable: bool| ApiCallError {
        message: scrub(key, &message),
        url: url_for_errors(key, &req.url),
        request_body_values: req.body_values(),
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
    let headers = merge_headers(route.headers, req, call_headers)?;
    let response = match (route.transport.host_fetch, &route.host) {
        (None, _) => {
            let sent = network(route, req, body, headers, timeouts, &api_error, &timeout);
            HttpResponse::Network(sent.await?)
        }
        (Some(fetcher), Some(host)) => {
            let sent = via_host(host, fetcher, req, &body, &headers, key, timeouts);
            HttpResponse::Host(sent.await.map_err(|e| match e {
                HostSendError::Timeout => timeout(TimeoutKind::FirstByte, timeouts.first_byte()),
                HostSendError::Failed(f) if f.kind == FailureKind::Threw => CallError::FetchThrew {
                    fetch_id: f.id,
                    message: scrub(key, &f.message),
                },
                HostSendError::Failed(f) => {
                    let message = format!("Cannot connect to API: {}", f.message);
                    let retryable = f.kind == FailureKind::Network;
                    CallError::ApiCall(Box::new(api_error(message, None, retryable)))
                }
            })?)
        }
        (Some(_), None) => {
            return Err(CallError::InvalidArgument {
                parameter: "fetch".into(),
                message: "this provider's requests are performed by the app's fetch, which only a JS host can call".into(),
            })
        }
    };
    let status = response.status();
    if (200..300).contains(&status) {
        return Ok(response);
    }
    let headers = response.headers();
    let text = read_limited(response, timeouts.idle()).await;
    let parsed = route.protocol.parse_error_body(&text);
    let message = match &parsed {
        Some((m, _)) => m.clone(),
        None => reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Unknown error")
            .to_owned(),
    };
    let mut err = api_error(message, Some(status), is_retryable_status(status));
    err.response_headers = Some(headers);
    err.response_body = Some(scrub(key, &text));
    err.data = parsed.map(|(_, d)| serde_json::from_str(&scrub(key, &d.to_string())).unwrap_or(d));
    Err(CallError::ApiCall(Box::new(err)))
}

enum HostSendError {
    Timeout,
    Failed(FetchFailure),
}

/// Has the host's `fetch` perform the request, under the first-byte limit; the key goes only
/// where `host.share_key` allows.
async fn via_host(
    host: &HostRoute<'_>,
    fetcher: u32,
    req: &ProtocolRequest,
    body: &[u8],
    headers: &reqwest::header::HeaderMap,
    key: Option<&Secret>,
    timeouts: Timeouts,
) -> Result<HostResponse, HostSendError> {
    let mut headers: BTreeMap<String, String> = header_map_to_btree(headers);
    if let Some(key) = key.filter(|_| !host.share_key) {
        headers.retain(|_, v| !v.contains(key.expose()));
    }
    let sending = host.fetch.send(fetcher, &req.url, &headers, body);
    tokio::time::timeout(timeouts.first_byte(), sending)
        .await
        .map_err(|_| HostSendError::Timeout)?
        .map_err(HostSendError::Failed)
}

/// Sends over the network with the provider's pooled client, under the first-byte limit.
async fn network(
    route: &Route<'_>,
    req: &ProtocolRequest,
    body: bytes::Bytes,
    headers: reqwest::header::HeaderMap,
    timeouts: Timeouts,
    api_error: &impl Fn(String, Option<u16>, bool) -> ApiCallError,
    timeout: &impl Fn(TimeoutKind, Duration) -> CallError,
) -> Result<reqwest::Response, CallError> {
    let client = client(timeouts.connect(), route.transport).map_err(|message| {
        CallError::InvalidArgument {
            parameter: "transport".into(),
            message,
        }
    })?;
    let sending = client.post(&req.url).headers(headers).body(body).send();
    tokio::time::timeout(timeouts.first_byte(), sending)
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
        })
}

/// The error body, up to `MAX_ERROR_BODY` and for as long as chunks keep coming within the idle
/// limit: a server that sends the head of an error and then stalls must not hang the call (what
/// arrived so far is the body).
async fn read_limited(mut response: HttpResponse, idle: Duration) -> String {
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
