//! Live model lists from the providers that expose one (OpenAI-compatible and Anthropic
//! `GET {baseURL}/models`, Ollama `GET {host}/api/tags`), cached in memory for a while.
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::secret::{scrub, Secret};
use crate::transport::{self, Transport};

use super::config::{ModelsList, ProviderConfig};

/// A whole list request (connect, response, body) gets this long.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
pub const DEFAULT_TTL: Duration = Duration::from_secs(300);
const ANTHROPIC_VERSION: &str = "2023-06-01";

#[derive(Debug, Clone, PartialEq)]
pub struct LiveModel {
    pub id: String,
    /// The provider's display name, when its list has one.
    pub name: Option<String>,
}

/// The list endpoint of a provider, if it has one.
pub fn list_url(config: &ProviderConfig) -> Option<(ModelsList, String)> {
    let kind = config.models_list?;
    let base = config.base_url.trim_end_matches('/');
    let url = match kind {
        ModelsList::Openai => format!("{base}/models"),
        ModelsList::Anthropic => format!("{base}/models?limit=1000"),
        ModelsList::Ollama => format!("{}/api/tags", base.trim_end_matches("/v1")),
    };
    Some((kind, url))
}

/// Most bytes a model list may have.
const MAX_LIST_BYTES: usize = 8 << 20;

/// Fetches a provider's list. Errors are one-line messages with the key scrubbed out.
pub async fn fetch(config: &ProviderConfig, timeout: Duration) -> Result<Vec<LiveModel>, String> {
    let Some((kind, url)) = list_url(config) else {
        return Ok(Vec::new());
    };
    // The same credential a stream would use (keychain, env var or OAuth session).
    let model = config
        .settings()
        .validate()
        .and_then(|s| s.model("models"))
        .map_err(|e| e.to_string())?
        .resolved()
        .await
        .map_err(|e| e.to_string())?;
    let (key_header, key_prefix) = match kind {
        ModelsList::Anthropic => ("x-api-key", ""),
        _ => ("authorization", "Bearer "),
    };
    let auth = model.target.auth_headers(key_header, key_prefix);
    let key: Option<Secret> = model.api_key();
    let scrub = |text: String| scrub(key.as_ref(), &text);
    let client = transport::client(timeout, &Transport::default())?;
    let mut req = client.get(&url).header("accept", "application/json");
    for (k, v) in &config.headers {
        req = req.header(k, v);
    }
    for (k, v) in auth {
        req = req.header(k, v);
    }
    if kind == ModelsList::Anthropic {
        req = req.header("anthropic-version", ANTHROPIC_VERSION);
    }
    let exchange = async {
        let resp = req
            .send()
            .await
            .map_err(|e| format!("GET {url}: {}", transport::error_chain(&e)))?;
        let status = resp.status();
        if !status.is_success() {
            return Err(format!("GET {url}: HTTP {status}"));
        }
        // A model list is kilobytes; a server that sends more is not one (and must not fill memory).
        let mut resp = resp;
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| format!("GET {url}: {}", transport::error_chain(&e)))?
        {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_LIST_BYTES {
                return Err(format!(
                    "GET {url}: the answer is larger than {} MiB",
                    MAX_LIST_BYTES >> 20
                ));
            }
        }
        Ok(body)
    };
    let body = tokio::time::timeout(timeout, exchange)
        .await
        .map_err(|_| {
            scrub(format!(
                "GET {url}: timed out after {} ms",
                timeout.as_millis()
            ))
        })?
        .map_err(scrub)?;
    parse(kind, &body).ok_or_else(|| scrub(format!("GET {url}: not a model list")))
}

fn parse(kind: ModelsList, body: &[u8]) -> Option<Vec<LiveModel>> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let (items, id_key, name_key) = match kind {
        ModelsList::Openai => (v.get("data")?, "id", "name"),
        ModelsList::Anthropic => (v.get("data")?, "id", "display_name"),
        ModelsList::Ollama => (v.get("models")?, "name", "name"),
    };
    items
        .as_array()?
        .iter()
        .map(|m| {
            Some(LiveModel {
                id: m.get(id_key)?.as_str()?.to_owned(),
                name: m
                    .get(name_key)
                    .and_then(Value::as_str)
                    .filter(|_| kind != ModelsList::Ollama)
                    .map(str::to_owned),
            })
        })
        .collect()
}

type CacheKey = (String, String);

/// Successful lists per provider (id and list URL), kept for `ttl`. Failures are not cached,
/// so a provider that comes back up is seen on the next call.
pub struct LiveCache {
    ttl: Duration,
    lists: Mutex<HashMap<CacheKey, (Instant, Vec<LiveModel>)>>,
}

impl LiveCache {
    pub fn new(ttl: Duration) -> Self {
        LiveCache {
            ttl,
            lists: Mutex::default(),
        }
    }

    pub fn global() -> &'static LiveCache {
        static GLOBAL: OnceLock<LiveCache> = OnceLock::new();
        GLOBAL.get_or_init(|| LiveCache::new(DEFAULT_TTL))
    }

    /// The provider's list, from the cache unless it is stale or `refresh` is set.
    pub async fn get(
        &self,
        config: &ProviderConfig,
        refresh: bool,
    ) -> Result<Vec<LiveModel>, String> {
        let Some((_, url)) = list_url(config) else {
            return Ok(Vec::new());
        };
        let key = (config.id.clone(), url);
        if !refresh {
            let lists = self.lists.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, models)) = lists.get(&key) {
                if at.elapsed() < self.ttl {
                    return Ok(models.clone());
                }
            }
        }
        let models = fetch(config, FETCH_TIMEOUT).await?;
        self.lists
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, (Instant::now(), models.clone()));
        Ok(models)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_list_format() {
        let openai = br#"{"object":"list","data":[{"id":"gpt-x","object":"model"},{"id":"o9","name":"O Nine"}]}"#;
        assert_eq!(
            parse(ModelsList::Openai, openai).unwrap(),
            vec![
                LiveModel {
                    id: "gpt-x".into(),
                    name: None
                },
                LiveModel {
                    id: "o9".into(),
                    name: Some("O Nine".into())
                }
            ]
        );
        let anthropic = br#"{"data":[{"type":"model","id":"claude-x","display_name":"Claude X"}],"has_more":false}"#;
        assert_eq!(
            parse(ModelsList::Anthropic, anthropic).unwrap()[0]
                .name
                .as_deref(),
            Some("Claude X")
        );
        let ollama = br#"{"models":[{"name":"llama3.2:latest","model":"llama3.2:latest"}]}"#;
        assert_eq!(
            parse(ModelsList::Ollama, ollama).unwrap()[0].id,
            "llama3.2:latest"
        );
        assert_eq!(parse(ModelsList::Openai, b"<html>"), None);
        assert_eq!(
            parse(ModelsList::Openai, br#"{"data":[{"name":"no id"}]}"#),
            None
        );
    }

    #[test]
    fn list_urls() {
        let ollama = crate::providers::builtin::get("ollama").unwrap();
        assert_eq!(
            list_url(ollama).unwrap().1,
            "http://localhost:11434/api/tags"
        );
        let anthropic = crate::providers::builtin::get("anthropic").unwrap();
        assert_eq!(
            list_url(anthropic).unwrap().1,
            "https://api.anthropic.com/v1/models?limit=1000"
        );
        assert_eq!(
            list_url(crate::providers::builtin::get("google").unwrap()),
            None
        );
    }
}
