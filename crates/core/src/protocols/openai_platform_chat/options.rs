//! `providerOptions.openai` of a chat call, checked as `openaiChatLanguageModelOptions` checks
//! them: known keys with their types (a wrong one is an `InvalidArgumentError`), unknown keys
//! dropped (the compatible model passes them through; this one does not).
use crate::error::CallError;
use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ChatOptions {
    pub logit_bias: Option<Map<String, Value>>,
    pub logprobs: Option<Logprobs>,
    pub parallel_tool_calls: Option<bool>,
    pub user: Option<String>,
    pub reasoning_effort: Option<String>,
    pub max_completion_tokens: Option<f64>,
    pub store: Option<bool>,
    pub metadata: Option<Map<String, Value>>,
    pub prediction: Option<Map<String, Value>>,
    pub structured_outputs: Option<bool>,
    pub service_tier: Option<String>,
    pub strict_json_schema: Option<bool>,
    pub text_verbosity: Option<String>,
    pub prompt_cache_key: Option<String>,
    pub prompt_cache_options: Option<PromptCacheOptions>,
    pub prompt_cache_retention: Option<String>,
    pub safety_identifier: Option<String>,
}

/// `true` (the chosen tokens' logprobs) or how many top tokens to return.
#[derive(Deserialize, Clone, Copy)]
#[serde(untagged)]
pub enum Logprobs {
    On(bool),
    Top(f64),
}

#[derive(Deserialize, serde::Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PromptCacheOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ttl: Option<String>,
}

const REASONING_EFFORTS: &[&str] = &["none", "minimal", "low", "medium", "high", "xhigh", "max"];
const SERVICE_TIERS: &[&str] = &["auto", "flex", "priority", "default"];
const VERBOSITIES: &[&str] = &["low", "medium", "high"];
const CACHE_RETENTIONS: &[&str] = &["in_memory", "24h"];

/// ai@5's error says only this (its zod issues ride in `cause`).
fn invalid() -> CallError {
    CallError::InvalidProviderArgument {
        argument: "providerOptions".into(),
        message: "invalid openai provider options".into(),
    }
}

fn one_of(value: Option<&String>, allowed: &[&str]) -> Result<(), CallError> {
    match value {
        Some(v) if !allowed.contains(&v.as_str()) => Err(invalid()),
        _ => Ok(()),
    }
}

impl ChatOptions {
    /// The options under `providerOptions.openai` (none: all defaults).
    pub fn parse(provider_options: &Map<String, Value>) -> Result<Self, CallError> {
        let Some(raw) = provider_options.get("openai").filter(|v| !v.is_null()) else {
            return Ok(Self::default());
        };
        let options = Self::deserialize(raw).map_err(|_| invalid())?;
        one_of(options.reasoning_effort.as_ref(), REASONING_EFFORTS)?;
        one_of(options.service_tier.as_ref(), SERVICE_TIERS)?;
        one_of(options.text_verbosity.as_ref(), VERBOSITIES)?;
        one_of(options.prompt_cache_retention.as_ref(), CACHE_RETENTIONS)?;
        if let Some(cache) = &options.prompt_cache_options {
            one_of(cache.mode.as_ref(), &["implicit", "explicit"])?;
            one_of(cache.ttl.as_ref(), &["30m"])?;
        }
        if options
            .logit_bias
            .iter()
            .flatten()
            .any(|(_, v)| !v.is_number())
        {
            return Err(invalid());
        }
        for (key, value) in options.metadata.iter().flatten() {
            let fits = value.as_str().is_some_and(|v| v.chars().count() <= 512);
            if key.chars().count() > 64 || !fits {
                return Err(invalid());
            }
        }
        Ok(options)
    }
}
