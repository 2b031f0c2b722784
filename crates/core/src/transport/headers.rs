//! Request headers: validation of what apps pass, the merge order (provider, call, protocol), and
//! response headers as a plain map.
use std::collections::BTreeMap;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};

use crate::error::CallError;
use crate::protocols::ProtocolRequest;

/// Headers the HTTP client owns: connection management and message framing. An app that sets
/// them would make the request lie about its body (a truncated read on the server) or its
/// connection.
const CLIENT_OWNED: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "content-length",
    "host",
];

/// Longest header value sent. Servers refuse longer ones (Node's limit for all headers is 16 KiB)
/// or stall on them; no key or header an app needs is this long.
pub const MAX_HEADER_VALUE: usize = 16 * 1024;

/// Header names are HTTP tokens and not the client's own; values must not carry CR/LF (header
/// injection) or NUL, nor be longer than `MAX_HEADER_VALUE`.
pub fn validate_header(name: &str, value: &str) -> Result<(), CallError> {
    let invalid = |message: String| CallError::InvalidArgument {
        parameter: "headers".into(),
        message,
    };
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        return Err(invalid(format!("invalid header name {name:?}")));
    }
    if CLIENT_OWNED.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(invalid(format!(
            "the {name:?} header is set by the HTTP client (connection and body framing) and cannot be set"
        )));
    }
    if value.len() > MAX_HEADER_VALUE {
        return Err(invalid(format!(
            "header {name:?} is longer than {} KiB",
            MAX_HEADER_VALUE >> 10
        )));
    }
    if value.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
        return Err(invalid(format!(
            "header {name:?} has a CR, LF or NUL in its value"
        )));
    }
    Ok(())
}

/// Provider headers, then the call's (a `null` call header removes one), then the protocol's.
/// A protocol header that cannot be sent (a key with a control character in it, from the
/// environment or the keychain) is an error: dropped silently, the request would go without auth.
pub fn merge_headers(
    provider_headers: &[(String, String)],
    req: &ProtocolRequest,
    call_headers: &Map<String, Value>,
) -> Result<HeaderMap, CallError> {
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
    for (k, v) in provider_headers {
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
        let (Ok(name), Ok(mut value), true) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
            v.len() <= MAX_HEADER_VALUE,
        ) else {
            return Err(CallError::InvalidArgument {
                parameter: if is_credential(k) { "apiKey" } else { "headers" }.into(),
                message: format!(
                    "the {k} header cannot be sent: its value has a control character or a character outside ASCII, or is longer than {} KiB", MAX_HEADER_VALUE >> 10
                ),
            });
        };
        value.set_sensitive(true);
        map.insert(name, value);
    }
    Ok(map)
}

fn is_credential(header: &str) -> bool {
    ["authorization", "x-api-key", "x-goog-api-key", "api-key"]
        .contains(&header.to_ascii_lowercase().as_str())
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
