//! The models.dev database format (`https://models.dev/api.json`): an object keyed by provider
//! id, each `{ id, name, models: { <id>: { id, name, limit: { context, output }, cost: { input,
//! output, cache_read, cache_write }, tool_call, reasoning, attachment, modalities: { input },
//! structured_output?, status? } } }`, read into catalogue entries of our providers.
use serde::Deserialize;
use std::collections::BTreeMap;

use super::entries::{Capabilities, ModelEntry, Prices};

/// models.dev provider ids that are ours under another name.
const PROVIDER_IDS: &[(&str, &str)] = &[
    ("zhipuai", "zhipu"),
    ("alibaba", "qwen"),
    ("togetherai", "together"),
    ("fireworks-ai", "fireworks"),
    ("moonshotai", "moonshot"),
    ("moonshotai-cn", "moonshot-cn"),
    ("zhipuai-coding-plan", "zhipu-coding-plan"),
    ("kimi-for-coding", "kimi-coding"),
];

#[derive(Deserialize)]
struct Provider {
    #[serde(default)]
    models: BTreeMap<String, Model>,
}

#[derive(Deserialize)]
struct Model {
    id: Option<String>,
    name: Option<String>,
    #[serde(default)]
    limit: Limit,
    cost: Option<Cost>,
    #[serde(default)]
    tool_call: bool,
    #[serde(default)]
    reasoning: bool,
    #[serde(default)]
    attachment: bool,
    structured_output: Option<bool>,
    #[serde(default)]
    modalities: Modalities,
    status: Option<String>,
}

#[derive(Deserialize, Default)]
struct Limit {
    context: Option<f64>,
    output: Option<f64>,
}

#[derive(Deserialize)]
struct Cost {
    input: Option<f64>,
    output: Option<f64>,
    cache_read: Option<f64>,
    cache_write: Option<f64>,
}

#[derive(Deserialize, Default)]
struct Modalities {
    #[serde(default)]
    input: Vec<String>,
}

/// Whether `value` looks like models.dev's format (providers with a `models` object).
pub fn is_models_dev(value: &serde_json::Value) -> bool {
    value.as_object().is_some_and(|o| {
        !o.contains_key("models")
            && o.values()
                .any(|p| p.get("models").is_some_and(|m| m.is_object()))
    })
}

/// The entries of `value` for the providers `ours` names (models.dev ids mapped to ours).
pub fn entries(
    value: serde_json::Value,
    ours: &dyn Fn(&str) -> bool,
) -> Result<Vec<ModelEntry>, String> {
    let providers: BTreeMap<String, Provider> =
        serde_json::from_value(value).map_err(|e| format!("not the models.dev format: {e}"))?;
    let mut out = Vec::new();
    for (provider_id, provider) in providers {
        let provider_id = PROVIDER_IDS
            .iter()
            .find(|(theirs, _)| *theirs == provider_id)
            .map_or(provider_id.clone(), |(_, o)| (*o).to_owned());
        if !ours(&provider_id) {
            continue;
        }
        for (key, m) in provider.models {
            if m.status.as_deref() == Some("deprecated") {
                continue;
            }
            let id = m.id.unwrap_or(key);
            let count = |n: Option<f64>| n.filter(|n| *n > 0.0).map(|n| n as u64);
            let protocol = served_protocol(&provider_id, &id);
            out.push(ModelEntry {
                provider: provider_id.clone(),
                name: m.name.unwrap_or_else(|| id.clone()),
                id,
                context_window: count(m.limit.context),
                max_output_tokens: count(m.limit.output),
                cost: m.cost.and_then(|c| {
                    Some(Prices {
                        input: c.input?,
                        output: c.output?,
                        cache_read: c.cache_read,
                        cache_write: c.cache_write,
                    })
                }),
                capabilities: Capabilities {
                    tools: m.tool_call,
                    reasoning: m.reasoning,
                    // `attachment` says files in general (PDFs too); it stands in only
                    // when the input modalities are not listed.
                    image_input: match m.modalities.input.is_empty() {
                        true => m.attachment,
                        false => m.modalities.input.iter().any(|i| i == "image"),
                    },
                    structured_output: m.structured_output.unwrap_or(m.tool_call),
                },
                aliases: Vec::new(),
                protocol,
            });
        }
    }
    Ok(out)
}

/// The protocol a model is served through when not its provider's: GitHub Copilot serves GPT-5
/// and later (but `gpt-5-mini`) through the Responses API only, as the apps on it dispatch.
/// `scripts/catalog-from-models-dev.mjs` applies the same rule.
pub fn served_protocol(provider: &str, id: &str) -> Option<String> {
    let major: u32 = id
        .strip_prefix("gpt-")?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    (provider == "github-copilot" && major >= 5 && !id.starts_with("gpt-5-mini"))
        .then(|| "openai-responses".to_owned())
}

#[cfg(test)]
mod served_protocol_tests {
    use super::served_protocol;

    #[test]
    fn copilot_serves_gpt_5_and_later_but_mini_through_responses() {
        let responses = Some("openai-responses".to_owned());
        for id in ["gpt-5", "gpt-5.2-codex", "gpt-5.4-nano", "gpt-6"] {
            assert_eq!(served_protocol("github-copilot", id), responses, "{id}");
        }
        for id in ["gpt-5-mini", "gpt-4.1", "claude-sonnet-4.5", "gpt-", "o3"] {
            assert_eq!(served_protocol("github-copilot", id), None, "{id}");
        }
        assert_eq!(served_protocol("openai", "gpt-5"), None);
    }
}
