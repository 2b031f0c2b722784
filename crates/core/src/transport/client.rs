//! The HTTP clients: one pooled client per distinct network setting, shared by every call.
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
    /// The app's own `fetch` (by the host's number for it) performs the requests instead.
    pub host_fetch: Option<u32>,
}

/// Clients kept at most; one per distinct connect timeout and transport, so an app that varies
/// `connectMs` per call cannot make clients (and their idle sockets) pile up.
const MAX_CLIENTS: usize = 8;

type Key = (Duration, Transport);
static CLIENTS: OnceLock<Mutex<Vec<(Key, reqwest::Client)>>> = OnceLock::new();

/// The shared client for a connect timeout and transport: connections are pooled across calls
/// (keep-alive, HTTP/2 where offered). reqwest fixes these per client, so there is one client per
/// distinct combination — in practice one or two per process; the least recently used goes when
/// there are more than `MAX_CLIENTS` (calls that hold it keep it until they end).
pub fn client(connect_timeout: Duration, transport: &Transport) -> Result<reqwest::Client, String> {
    let mut clients = CLIENTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let key = (connect_timeout, transport.clone());
    // Most recently used last.
    if let Some(i) = clients.iter().position(|(k, _)| *k == key) {
        let entry = clients.remove(i);
        let client = entry.1.clone();
        clients.push(entry);
        return Ok(client);
    }
    let client = build(connect_timeout, transport)?;
    if clients.len() >= MAX_CLIENTS {
        clients.remove(0);
    }
    clients.push((key, client.clone()));
    Ok(client)
}

fn build(connect_timeout: Duration, transport: &Transport) -> Result<reqwest::Client, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(connect_timeout)
        .pool_idle_timeout(Duration::from_secs(90))
        .tcp_nodelay(true)
        .redirect(redirect_policy());
    if let Some(proxy) = &transport.proxy {
        builder = builder.proxy(proxy_of(proxy)?);
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
    builder
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {}", error_chain(&e)))
}

/// An explicit proxy: an `http://` or `https://` URL (anything else would be ignored by the
/// client, and requests would go direct).
fn proxy_of(proxy: &str) -> Result<reqwest::Proxy, String> {
    let url = reqwest::Url::parse(proxy).map_err(|e| format!("invalid proxy {proxy:?}: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "invalid proxy {proxy:?}: the scheme must be http or https, not {:?}",
            url.scheme()
        ));
    }
    reqwest::Proxy::all(url).map_err(|e| format!("invalid proxy {proxy:?}: {e}"))
}

/// Redirects are followed within the same origin only (up to 10). A redirect to another origin
/// would carry the key headers there (`x-api-key`, `x-goog-api-key`: the Fetch standard strips
/// only `Authorization`), and one from https to http would send them in the clear: both are
/// refused, with the target named.
fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let from = attempt.previous().last().cloned();
        let to = attempt.url();
        let same_origin = from.as_ref().is_some_and(|f| {
            f.scheme() == to.scheme()
                && f.host_str() == to.host_str()
                && f.port_or_known_default() == to.port_or_known_default()
        });
        if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else if from
            .as_ref()
            .is_some_and(|f| f.scheme() == "https" && to.scheme() == "http")
        {
            let msg = format!(
                "refused a redirect from https to http ({})",
                to.origin().ascii_serialization()
            );
            attempt.error(msg)
        } else if !same_origin {
            let msg = format!(
                "refused a redirect to another origin ({}): the request's credentials would go with it",
                to.origin().ascii_serialization()
            );
            attempt.error(msg)
        } else {
            attempt.follow()
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_connect_timeouts_do_not_pile_up_clients() {
        for ms in 0..40 {
            client(Duration::from_millis(10_000 + ms), &Transport::default()).unwrap();
        }
        let n = CLIENTS.get().unwrap().lock().unwrap().len();
        assert!(n <= MAX_CLIENTS, "{n} clients");
    }

    #[test]
    fn proxies_must_be_http_urls() {
        for bad in ["htp://proxy:8080", "ftp://proxy", "socks9://x", "not a url"] {
            let t = Transport {
                proxy: Some(bad.into()),
                ..Default::default()
            };
            let e = client(Duration::from_secs(1), &t).unwrap_err();
            assert!(e.contains("invalid proxy"), "{bad}: {e}");
        }
        let ok = Transport {
            proxy: Some("http://127.0.0.1:3128".into()),
            ..Default::default()
        };
        client(Duration::from_secs(1), &ok).unwrap();
    }
}
