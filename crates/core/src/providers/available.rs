//! `listAvailableModels`: catalogue models of the providers that can be called now, merged with
//! the live lists of those that publish one. Lists are fetched concurrently; a provider whose
//! list fails is reported in `errors` and still contributes its catalogue models.
use futures::future::join_all;
use serde::Serialize;

use crate::catalog::{Catalog, ModelEntry};

use super::error::RegistryError;
use super::live_models::LiveCache;
use super::registry::Registry;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AvailableModel {
    /// `provider/model`, ready for `resolveModel` / `languageModelFromId`.
    pub id: String,
    pub provider_id: String,
    pub model_id: String,
    pub name: String,
    /// Listed by the provider's live endpoint.
    pub live: bool,
    pub catalog: Option<ModelEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListError {
    pub provider_id: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Available {
    pub models: Vec<AvailableModel>,
    pub errors: Vec<ListError>,
}

#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    /// Skip the cache.
    pub refresh: bool,
    /// Only these providers (default: every provider with credentials).
    pub providers: Option<Vec<String>>,
}

pub async fn list_available(
    registry: &Registry,
    catalog: &Catalog,
    cache: &LiveCache,
    options: &ListOptions,
) -> Result<Available, RegistryError> {
    let all = registry.list()?;
    if let Some(only) = &options.providers {
        if let Some(unknown) = only
            .iter()
            .find(|id| !all.iter().any(|p| &&p.config.id == id))
        {
            return Err(RegistryError::invalid(
                "providers",
                format!("no provider with id {unknown:?}"),
            ));
        }
    }
    let providers: Vec<_> = all
        .into_iter()
        .filter(|p| {
            options
                .providers
                .as_ref()
                .is_none_or(|only| only.contains(&p.config.id))
        })
        .filter(|p| p.config.has_credentials())
        .collect();
    let lives = join_all(
        providers
            .iter()
            .map(|p| cache.get(&p.config, options.refresh)),
    )
    .await;
    let entries = catalog.entries();
    let mut out = Available {
        models: Vec::new(),
        errors: Vec::new(),
    };
    for (provider, live) in providers.iter().zip(lives) {
        let id = &provider.config.id;
        let mut models: Vec<AvailableModel> = entries
            .iter()
            .filter(|e| &e.provider == id)
            .map(|e| model(id, &e.id, &e.name, Some(e.clone())))
            .collect();
        for m in &provider.config.default_models {
            if !models
                .iter()
                .any(|x| x.catalog.as_ref().is_some_and(|c| c.answers_to(m)))
            {
                models.push(model(id, m, m, None));
            }
        }
        match live {
            Ok(list) => {
                for l in list {
                    let known = models.iter_mut().find(|x| {
                        x.model_id == l.id
                            || x.catalog.as_ref().is_some_and(|c| c.answers_to(&l.id))
                    });
                    match known {
                        Some(x) => x.live = true,
                        None => {
                            let name = l.name.as_deref().unwrap_or(&l.id);
                            let mut m = model(id, &l.id, name, None);
                            m.live = true;
                            models.push(m);
                        }
                    }
                }
            }
            Err(message) => out.errors.push(ListError {
                provider_id: id.clone(),
                message,
            }),
        }
        out.models.extend(models);
    }
    Ok(out)
}

fn model(
    provider: &str,
    model_id: &str,
    name: &str,
    catalog: Option<ModelEntry>,
) -> AvailableModel {
    AvailableModel {
        id: format!("{provider}/{model_id}"),
        provider_id: provider.to_owned(),
        model_id: model_id.to_owned(),
        name: name.to_owned(),
        live: false,
        catalog,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::store::tests::TempDir;
    use serde_json::json;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Answers every request on a local port with `body` (HTTP/1.1, then closes).
    async fn serve(body: &'static str) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(format!("{head}{body}").as_bytes()).await;
            }
        });
        url
    }

    #[tokio::test]
    async fn merges_live_lists_and_reports_failures_per_provider() {
        let url = serve(r#"{"data":[{"id":"m-cat"},{"id":"m-live"}]}"#).await;
        let dir = TempDir::new("available");
        let reg = Registry::new(dir.0.clone());
        reg.register(json!({ "id": "up", "baseURL": format!("{url}/v1") }))
            .unwrap();
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        reg.register(
            json!({ "id": "down", "baseURL": "http://127.0.0.1:9/v1", "defaultModels": ["d-1"] }),
        )
        .unwrap();
        let cat = Catalog::default();
        let mut entry = cat.find("openai", "gpt-4o").unwrap();
        (entry.provider, entry.id, entry.aliases) = ("up".into(), "m-cat".into(), vec![]);
        cat.add(vec![entry.clone()]).unwrap();
        let options = ListOptions {
            refresh: false,
            providers: Some(vec!["up".into(), "down".into()]),
        };
        let out = list_available(
            &reg,
            &cat,
            &LiveCache::new(crate::providers::live_models::DEFAULT_TTL),
            &options,
        )
        .await
        .unwrap();
        let ids: Vec<(&str, bool, bool)> = out
            .models
            .iter()
            .map(|m| (m.id.as_str(), m.live, m.catalog.is_some()))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("up/m-cat", true, true),
                ("up/m-live", true, false),
                ("down/d-1", false, false)
            ]
        );
        assert_eq!(out.errors.len(), 1);
        assert_eq!(out.errors[0].provider_id, "down");
        assert!(
            out.errors[0]
                .message
                .starts_with("GET http://127.0.0.1:9/v1/models: "),
            "{}",
            out.errors[0].message
        );
    }
}
