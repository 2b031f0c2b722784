//! `provider/model` and bare model ids → a provider and the model id to send.
use serde_json::{json, Value};

use crate::catalog::{Catalog, ModelEntry};

use super::builtin;
use super::error::RegistryError;
use super::registry::{Entry, Registry};

#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub provider: Entry,
    /// The id to send: the catalogue id when an alias was given, else the id as written.
    pub model_id: String,
    pub model: Option<ModelEntry>,
}

impl Resolved {
    pub fn to_json(&self) -> Value {
        json!({
            "provider": self.provider.config.to_json(self.provider.builtin),
            "modelId": self.model_id,
            "model": self.model,
            // The AI SDK `provider` string of the model, e.g. `deepseek.chat`.
            "modelProvider": self.provider.config.model_provider_id(),
        })
    }
}

/// Resolves `spec`:
/// - `provider/model` with a known provider: that provider; a model the catalogue does not know
///   is passed through as written (as the AI SDK's provider registry does);
/// - a bare id (or a slashed id whose first part is no provider, like
///   `meta-llama/Llama-3.3-70B-Instruct-Turbo`): the catalogue entry (or custom provider default
///   model) answering to it; first-party providers win over aggregators; several → ambiguous.
pub fn resolve(
    registry: &Registry,
    catalog: &Catalog,
    spec: &str,
) -> Result<Resolved, RegistryError> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Err(RegistryError::invalid(
            "modelId",
            "the model id must not be empty",
        ));
    }
    let providers = registry.list()?;
    if let Some((written, model)) = spec.split_once('/') {
        // A built-in under another spelling (`github_copilot`) is that built-in.
        let provider_id = builtin::get(written).map_or(written, |b| b.id.as_str());
        if let Some(provider) = providers.iter().find(|p| p.config.id == provider_id) {
            if model.trim().is_empty() {
                return Err(RegistryError::invalid(
                    "modelId",
                    format!("{spec:?} names no model"),
                ));
            }
            let entry = catalog.find(provider_id, model);
            return Ok(Resolved {
                provider: provider.clone(),
                model_id: entry
                    .as_ref()
                    .map_or_else(|| model.to_owned(), |e| e.id.clone()),
                model: entry,
            });
        }
        return bare(&providers, catalog, spec).map_err(|e| match e {
            RegistryError::NoSuchModel { .. } => RegistryError::NoSuchProvider {
                model_id: spec.to_owned(),
                provider_id: written.to_owned(),
                available: providers.iter().map(|p| p.config.id.clone()).collect(),
            },
            other => other,
        });
    }
    bare(&providers, catalog, spec)
}

fn bare(providers: &[Entry], catalog: &Catalog, spec: &str) -> Result<Resolved, RegistryError> {
    let mut candidates: Vec<Resolved> = Vec::new();
    let entries = catalog.entries();
    for provider in providers {
        let of_provider = || entries.iter().filter(|e| e.provider == provider.config.id);
        let found = of_provider()
            .find(|e| e.id == spec)
            .or_else(|| of_provider().find(|e| e.answers_to(spec)));
        let model_id = match found {
            Some(e) => e.id.clone(),
            None if provider.config.default_models.iter().any(|m| m == spec) => spec.to_owned(),
            None => continue,
        };
        candidates.push(Resolved {
            provider: provider.clone(),
            model_id,
            model: found.cloned(),
        });
    }
    let first_party: Vec<&Resolved> = candidates
        .iter()
        .filter(|c| !c.provider.config.aggregator)
        .collect();
    let pick: Vec<&Resolved> = if first_party.is_empty() {
        candidates.iter().collect()
    } else {
        first_party
    };
    match pick.as_slice() {
        [] => Err(RegistryError::NoSuchModel {
            model_id: spec.to_owned(),
        }),
        [one] => Ok((*one).clone()),
        many => Err(RegistryError::Ambiguous {
            model_id: spec.to_owned(),
            candidates: many
                .iter()
                .map(|c| format!("{}/{}", c.provider.config.id, c.model_id))
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::store::tests::TempDir;

    fn setup() -> (TempDir, Registry, Catalog) {
        let dir = TempDir::new("resolve");
        let reg = Registry::new(dir.0.clone());
        (dir, reg, Catalog::default())
    }

    fn ok(reg: &Registry, cat: &Catalog, spec: &str) -> (String, String, bool) {
        let r = resolve(reg, cat, spec).unwrap();
        (r.provider.config.id, r.model_id, r.model.is_some())
    }

    #[test]
    fn prefixed_ids() {
        let (_d, reg, cat) = setup();
        assert_eq!(
            ok(&reg, &cat, "anthropic/claude-sonnet-4-5"),
            ("anthropic".into(), "claude-sonnet-4-5".into(), true)
        );
        // Alias → catalogue id.
        assert_eq!(
            ok(&reg, &cat, "anthropic/claude-sonnet-4-5-20250929").1,
            "claude-sonnet-4-5"
        );
        // Unknown model with an explicit provider passes through.
        assert_eq!(
            ok(&reg, &cat, "openai/gpt-9-preview"),
            ("openai".into(), "gpt-9-preview".into(), false)
        );
        // Model ids may have slashes themselves.
        assert_eq!(
            ok(&reg, &cat, "openrouter/openai/gpt-5"),
            ("openrouter".into(), "openai/gpt-5".into(), true)
        );
        assert!(matches!(
            resolve(&reg, &cat, "openai/"),
            Err(RegistryError::Invalid { .. })
        ));
        assert!(matches!(
            resolve(&reg, &cat, " "),
            Err(RegistryError::Invalid { .. })
        ));
        match resolve(&reg, &cat, "nope/gpt-4o").unwrap_err() {
            RegistryError::NoSuchProvider {
                model_id,
                provider_id,
                available,
            } => {
                assert_eq!(
                    (model_id.as_str(), provider_id.as_str()),
                    ("nope/gpt-4o", "nope")
                );
                assert!(available.contains(&"openai".to_string()));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bare_ids_and_aliases() {
        let (_d, reg, cat) = setup();
        assert_eq!(
            ok(&reg, &cat, "claude-haiku-4-5-20251001"),
            ("anthropic".into(), "claude-haiku-4-5".into(), true)
        );
        // openai and github-copilot both list gpt-4.1: the first party wins over the aggregator.
        assert_eq!(ok(&reg, &cat, "gpt-4.1").0, "openai");
        // Only aggregators have it: cerebras's gpt-oss-120b.
        assert_eq!(ok(&reg, &cat, "gpt-oss-120b").0, "cerebras");
        // A slashed id whose first part is no provider.
        assert_eq!(
            ok(&reg, &cat, "meta-llama/Llama-3.3-70B-Instruct-Turbo").0,
            "together"
        );
        assert_eq!(
            resolve(&reg, &cat, "gpt-17").unwrap_err(),
            RegistryError::NoSuchModel {
                model_id: "gpt-17".into()
            }
        );
    }

    #[test]
    fn ambiguity_lists_candidates() {
        let (_d, reg, cat) = setup();
        // A custom first-party provider offering a model another first party has.
        reg.register(serde_json::json!({ "id": "acme", "baseURL": "http://127.0.0.1:9/v1", "defaultModels": ["deepseek-chat", "acme-1"] }))
            .unwrap();
        assert_eq!(
            resolve(&reg, &cat, "deepseek-chat").unwrap_err(),
            RegistryError::Ambiguous {
                model_id: "deepseek-chat".into(),
                candidates: vec!["deepseek/deepseek-chat".into(), "acme/deepseek-chat".into()],
            }
        );
        assert_eq!(
            ok(&reg, &cat, "acme-1"),
            ("acme".into(), "acme-1".into(), false)
        );
        // The app's own catalogue entries resolve too.
        let mut e = cat.find("openai", "gpt-4o").unwrap();
        e.provider = "acme".into();
        e.id = "acme-2".into();
        e.aliases = vec!["acme-latest".into()];
        cat.add(vec![e]).unwrap();
        assert_eq!(
            ok(&reg, &cat, "acme-latest"),
            ("acme".into(), "acme-2".into(), true)
        );
    }
}
