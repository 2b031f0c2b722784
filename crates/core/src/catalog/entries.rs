//! Catalogue entries (context window, output limit, prices, capabilities, aliases per provider
//! and model), and the compiled-in ones of `models.json`.
use std::sync::OnceLock;

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
    /// The protocol this model is served through when not its provider's (GitHub Copilot
    /// serves its Codex-era GPT models through the Responses API only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
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
    /// When its data was taken (`YYYY-MM-DD`).
    updated: String,
    models: Vec<ModelEntry>,
}

fn builtin_file() -> &'static CatalogFile {
    static FILE: OnceLock<CatalogFile> = OnceLock::new();
    FILE.get_or_init(|| {
        serde_json::from_str(include_str!("models.json"))
            .expect("models.json is valid (checked by the tests)")
    })
}

/// The compiled-in entries.
pub fn builtin() -> &'static [ModelEntry] {
    &builtin_file().models
}

/// When the compiled-in entries' data was taken.
pub fn builtin_date() -> &'static str {
    &builtin_file().updated
}
