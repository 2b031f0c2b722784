//! HTTP transport: one pooled client for the process, request sending, error responses turned
//! into `APICallError`s with the key scrubbed out.
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};

use crate::error::{ApiCallError, CallError};
use crate::model::ModelConfig;
use crate::protocols::ProtocolRequest;
use crate::secret::Secret;
use crate::timeouts::{TimeoutKind, Timeouts};

/// Error bodies are read for the error object up to this size.
const MAX_ERROR_BODY: usize = 1024 * 1024;

pub const USER_AGENT: &str = concat!("llm-native/", env!("CARGO_PKG_VERSION"));

/// How a provider reaches the network: an explicit proxy (otherwise `HTTPS_PROXY` / `HTTP_PROXY` /
/// `NO_PROXY` from the environment apply) and extra trusted root certificates (PEM) for
/// corporate TLS inspection, added to the platform's roots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Transport {
    pub proxy: Option<String>,
    pub ca_certificates: Vec<String>,
}

/// The shared client for a connect timeout and transport: connections are pooled across calls
/// (keep-alive, HTTP/2 where offered). reqwest fixes these per client, so there is one client per
/// distinct combination — in practice one or two per process.
pub fn client(connect_timeout: Duration, transport: &Transport) -> Result<reqwest::Client, String> {
    type Key = (Duration, Transport);
    static CLIENTS: OnceLock<Mutex<HashMap<Key, reqwest::Client>>> = OnceLock::new();
    let mut clients = CLIENTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let key = (connect_timeout, transport.clone());
    if let Some(c) = clients.get(&key) {
        return Ok(c.clone());
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(connect_timeout)
        .pool_idle_timeout(Duration::from_secs(90))
        .tcp_nodelay(true);
    if let Some(proxy) = &transport.proxy {
        builder = builder.proxy(
            reqwest::Proxy::all(proxy).map_err(|e| format!("invalid proxy {proxy:?}: {e}"))?,
        );
    }
    if !transport.ca_certificates.is_empty() {
        let mut certs = Vec::new();
        for pem in &transport.ca_certificates {
            let bundle = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
                .map_err(|e| format!("invalid CA certificate: {e}"))?;
            if bundle.is_empty() {
                return Err("invalid CA certificate: no PEM certificate found".into());
            }
            certs.extend(bundle);
        }
        builder = builder.tls_certs_merge(certs);
    }
    let client = builder
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {}", error_chain(&e)))?;
    clients.insert(key, client.clone());
    Ok(client)
}

/// Provider headers, then the call's (a `null` call header removes one), then the protocol's.
fn merge_headers(
    model: &ModelConfig,
    req: &ProtocolRequest,
    call_headers: &Map<String, Value>,
) -> HeaderMap {
    fn set(map: &mut HeaderMap, name: &str, value: &str, sensitive: bool) {
        if let (Ok(n), Ok(mut v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            v.set_sensitive(sensitive);
            map.insert(n, v);
        }
    }
    let mut map = HeaderMap::new();
    set(&mut map, "content-type", "application/json", false);
    set(&mut map, "accept", "text/event-stream", false);
    for (k, v) in &model.headers {
        set(&mut map, k, v, false);
    }
    for (k, v) in call_headers {
        match v {
            Value::String(s) => set(&mut map, k, s, false),
            Value::Null => {
                if let Ok(n) = HeaderName::from_bytes(k.as_bytes()) {
                    map.remove(n);
                }
            }
            _ => {}
        }
    }
    // Protocol headers (auth, API version, merged betas) last: a call cannot replace the key.
    for (k, v) in &req.headers {
        set(&mut map, k, v, true);
    }
    map
}

pub fn header_map_to_btree(headers: &HeaderMap) -> BTreeMap<String, String> {
    headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// AI SDK `isRetryable` for an HTTP status.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// Scrubs the key out of text that came back from the server.
pub fn scrub(key: Option<&Secret>, text: &str) -> String {
    key.map_or_else(|| text.to_owned(), |k| k.redact(text))
}

/// Sends the request and returns the response once a 2xx status arrived; any other status, or a
/// connection failure, becomes an `APICallError`.
pub async fn send(
    model: &ModelConfig,
    req: &ProtocolRequest,
    call_headers: &Map<String, Value>,
    key: Option<&Secret>,
    timeouts: Timeouts,
) -> Result<reqwest::Response, CallError> {
    for (k, v) in call_headers {
        if let Value::String(s) = v {
            crate::model::validate_header(k, s)?;
        }
    }
    let body = serde_json::to_vec(&req.body).unwrap_or_default();
    let api_error = |message: String, status: Option<u16>, retryable: bool| ApiCallError {
        message: scrub(key, &message),
        url: scrub(key, &req.url),
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
        url: scrub(key, &req.url),
    };
    let client = client(timeouts.connect(), &model.transport).map_err(|message| {
        CallError::InvalidArgument {
            parameter: "transport".into(),
            message,
        }
    })?;
    let sending = client
        .post(&req.url)
        .headers(merge_headers(model, req, call_headers))
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
    let text = read_limited(response).await;
    let parsed = model.protocol.parse_error_body(&text);
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

async fn read_limited(mut response: reqwest::Response) -> String {
    let mut buf = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        buf.extend_from_slice(&chunk);
        if buf.len() >= MAX_ERROR_BODY {
            buf.truncate(MAX_ERROR_BODY);
            break;
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// The error and its causes in one line (reqwest's top-level message alone is vague).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}
