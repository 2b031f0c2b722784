//! The HTTP clients: one pooled client per distinct network setting, shared by every call.
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

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
