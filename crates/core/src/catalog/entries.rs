//! Catalogue entries (context window, output limit, prices, capabilities, aliases per provider
//! and model): the compiled-in `models.json` plus what the app adds at run time.
use std::sync::{OnceLock, RwLock};

use serde::{Deserialize, Serialize};

/// Prices in USD per million tokens. A missing cache price means cache tokens bill as input.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Prices {
    pub input: f64,
    pub output: f64,
    #[serde(default)]
    pub cache_read: Option<f64>,
    #[serde(default)]
    pub cache_write: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Capabilities {
    pub tools: bool,
    pub reasoning: bool,
    pub image_input: bool,
    pub structured_output: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModelEntry {
    pub provider: String,
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub context_window: Option<u64>,
    #[serde(default)]
    pub max_output_tokens: Option<u64>,
    /// `None`: not known, or not billed per token (subscriptions).
    #[serde(default)]
    pub cost: Option<Prices>,
    #[serde(default)]
    pub capabilities: Capabilities,
    /// Other names of the same model (dated snapshots, short names); they resolve to `id`.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl ModelEntry {
    pub fn answers_to(&self, name: &str) -> bool {
        self.id == name || self.aliases.iter().any(|a| a == name)
    }

    pub fn validate(&self) -> Result<(), String> {
        if self.provider.trim().is_empty() || self.id.trim().is_empty() {
            return Err("a model entry needs a non-empty `provider` and `id`".into());
        }
        if let Some(p) = &self.cost {
            let prices = [Some(p.input), Some(p.output), p.cache_read, p.cache_write];
            if prices
                .into_iter()
                .flatten()
                .any(|x| !x.is_finite() || x < 0.0)
            {
                return Err(format!(
                    "{}/{}: prices must be finite and not negative",
                    self.provider, self.id
                ));
            }
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct CatalogFile {
    models: Vec<ModelEntry>,
}

/// The compiled-in entries.
pub fn builtin() -> &'static [ModelEntry] {
    static ENTRIES: OnceLock<Vec<ModelEntry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let file: CatalogFile = serde_json::from_str(include_str!("models.json"))
            .expect("models.json is valid (checked by the tests)");
        file.models
    })
}

/// The compiled-in entries plus the app's additions; an added entry with the same provider and
/// id replaces the compiled-in one.
#[derive(Default)]
pub struct Catalog {
    added: RwLock<Vec<ModelEntry>>,
}

impl Catalog {
    pub fn global() -> &'static Catalog {
        static GLOBAL: OnceLock<Catalog> = OnceLock::new();
        GLOBAL.get_or_init(Catalog::default)
    }

    /// Adds or replaces entries; all are checked before any is taken.
    pub fn add(&self, entries: Vec<ModelEntry>) -> Result<(), String> {
        for e in &entries {
            e.validate()?;
        }
        let mut added = self.added.write().unwrap_or_else(|e| e.into_inner());
        for e in entries {
            added.retain(|x| !(x.provider == e.provider && x.id == e.id));
            added.push(e);
        }
        Ok(())
    }

    pub fn entries(&self) -> Vec<ModelEntry> {
        let added = self.added.read().unwrap_or_else(|e| e.into_inner());
        visible(&added).cloned().collect()
    }

    /// The entry of `provider` answering to `model` (its id, else an alias). Runs for every
    /// stream (its prices), so it scans in place instead of copying the catalogue.
    pub fn find(&self, provider: &str, model: &str) -> Option<ModelEntry> {
        let added = self.added.read().unwrap_or_else(|e| e.into_inner());
        find_in(&added, provider, model)
    }
}

fn find_in(added: &[ModelEntry], provider: &str, model: &str) -> Option<ModelEntry> {
    let of_provider = || visible(added).filter(|e| e.provider == provider);
    of_provider()
        .find(|e| e.id == model)
        .or_else(|| of_provider().find(|e| e.answers_to(model)))
        .cloned()
}

/// The compiled-in entries not replaced by an addition, then the additions.
fn visible(added: &[ModelEntry]) -> impl Iterator<Item = &ModelEntry> {
    builtin()
        .iter()
        .filter(|b| {
            !added
                .iter()
                .any(|a| a.provider == b.provider && a.id == b.id)
        })
        .chain(added.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_by_id_and_alias_and_overrides() {
        let cat = Catalog::default();
        let sonnet = cat.find("anthropic", "claude-sonnet-4-5-20250929").unwrap();
        assert_eq!(sonnet.id, "claude-sonnet-4-5");
        assert_eq!(sonnet.cost.unwrap().cache_write, Some(3.75));
        assert_eq!(cat.find("anthropic", "gpt-4o"), None);
        let mut cheaper = sonnet.clone();
        cheaper.cost = Some(Prices {
            input: 1.0,
            output: 2.0,
            cache_read: None,
            cache_write: None,
        });
        cat.add(vec![cheaper.clone()]).unwrap();
        assert_eq!(cat.find("anthropic", "claude-sonnet-4-5"), Some(cheaper));
        assert_eq!(
            cat.entries().len(),
            super::builtin().len(),
            "replaced, not added"
        );
        let mut bad = sonnet;
        bad.cost = Some(Prices {
            input: -1.0,
            output: 0.0,
            cache_read: None,
            cache_write: None,
        });
        assert!(cat.add(vec![bad]).unwrap_err().contains("not negative"));
    }
}
