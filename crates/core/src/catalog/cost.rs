//! Usage → cost in USD from the catalogue prices.
use super::entries::{ModelEntry, Prices};
use super::store::Catalog;
pub use crate::types::Cost;
use crate::types::Usage;
use serde_json::Value;

/// Token counts as billed, each counted once: `input` excludes cache reads and writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenUsage {
    pub input: u64,
    pub output: u64,
    pub cache_read: u64,
    pub cache_write: u64,
}

/// Cache-write tokens from a step's provider metadata: Anthropic's `cacheCreationInputTokens`,
/// or OpenAI's `usage.cacheWriteTokens`.
pub fn cache_write_tokens(provider_metadata: &Value, key: &str) -> Option<u64> {
    let own = &provider_metadata[key];
    own["cacheCreationInputTokens"]
        .as_u64()
        .or_else(|| own["usage"]["cacheWriteTokens"].as_u64())
}

impl TokenUsage {
    /// From the AI SDK usage of a call over `protocol`. Providers count differently, and the AI
    /// SDK passes their counts through: Anthropic's input excludes cache reads and writes (the
    /// writes come separately, `cacheCreationInputTokens`), OpenAI's and Gemini's include cache
    /// reads, and Gemini's output excludes the thinking tokens it bills as output.
    pub fn from_usage(usage: &Usage, cache_write: Option<u64>, protocol: &str) -> TokenUsage {
        let input = usage.input_tokens.unwrap_or(0);
        let cache_read = usage.cached_input_tokens.unwrap_or(0);
        let cache_write = cache_write.unwrap_or(0);
        let output = usage.output_tokens.unwrap_or(0);
        let (input, output) = match protocol {
            "anthropic-messages" => (input, output),
            "google-generative-ai" => (
                input.saturating_sub(cache_read + cache_write),
                output + usage.reasoning_tokens.unwrap_or(0),
            ),
            _ => (input.saturating_sub(cache_read + cache_write), output),
        };
        TokenUsage {
            input,
            output,
            cache_read,
            cache_write,
        }
    }
}

fn round(usd: f64) -> f64 {
    (usd * 1e9).round() / 1e9
}

pub fn priced(prices: &Prices, usage: &TokenUsage) -> Cost {
    let usd = |tokens: u64, per_million: f64| tokens as f64 * per_million / 1e6;
    let parts = [
        usd(usage.input, prices.input),
        usd(usage.output, prices.output),
        usd(usage.cache_read, prices.cache_read.unwrap_or(prices.input)),
        usd(
            usage.cache_write,
            prices.cache_write.unwrap_or(prices.input),
        ),
    ];
    Cost {
        input: round(parts[0]),
        output: round(parts[1]),
        cache_read: round(parts[2]),
        cache_write: round(parts[3]),
        total: round(parts.iter().sum()),
    }
}

impl Catalog {
    /// The cost of `usage` on `provider`'s `model` (id or alias); `None` when the catalogue has
    /// no prices for it.
    pub fn cost(&self, provider: &str, model: &str, usage: &TokenUsage) -> Option<Cost> {
        let prices = self.find(provider, model)?.cost?;
        Some(priced(&prices, usage))
    }
}

/// `Catalog::cost` on the process catalogue (compiled-in entries plus `addModels`).
pub fn cost(provider: &str, model: &str, usage: &TokenUsage) -> Option<Cost> {
    Catalog::global().cost(provider, model, usage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(input: u64, output: u64, cached: Option<u64>, reasoning: Option<u64>) -> Usage {
        Usage {
            input_tokens: Some(input),
            output_tokens: Some(output),
            total_tokens: Some(input + output),
            reasoning_tokens: reasoning,
            cached_input_tokens: cached,
        }
    }

    #[test]
    fn anthropic_prices_cache_reads_and_writes_separately() {
        // claude-sonnet-4-5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million.
        let u = TokenUsage::from_usage(
            &usage(1000, 500, Some(20_000), None),
            Some(4000),
            "anthropic-messages",
        );
        assert_eq!(
            u,
            TokenUsage {
                input: 1000,
                output: 500,
                cache_read: 20_000,
                cache_write: 4000
            }
        );
        let c = Catalog::default()
            .cost("anthropic", "claude-sonnet-4-5", &u)
            .unwrap();
        assert_eq!(
            c,
            Cost {
                input: 0.003,
                output: 0.0075,
                cache_read: 0.006,
                cache_write: 0.015,
                total: 0.0315
            }
        );
    }

    #[test]
    fn openai_input_includes_cached_tokens() {
        // gpt-4o-mini: $0.15 in, $0.60 out, $0.075 cached.
        let u = TokenUsage::from_usage(
            &usage(10_000, 2000, Some(4000), Some(100)),
            None,
            "openai-chat",
        );
        assert_eq!(
            u,
            TokenUsage {
                input: 6000,
                output: 2000,
                cache_read: 4000,
                cache_write: 0
            }
        );
        let c = Catalog::default()
            .cost("openai", "gpt-4o-mini", &u)
            .unwrap();
        assert_eq!(
            c,
            Cost {
                input: 0.0009,
                output: 0.0012,
                cache_read: 0.0003,
                cache_write: 0.0,
                total: 0.0024
            }
        );
    }

    #[test]
    fn gemini_bills_thinking_as_output_and_missing_cache_price_as_input() {
        let u = TokenUsage::from_usage(
            &usage(1000, 100, None, Some(900)),
            None,
            "google-generative-ai",
        );
        assert_eq!(u.output, 1000);
        // gemini-2.5-flash: $0.30 in, $2.50 out.
        let c = Catalog::default()
            .cost("google", "gemini-2.5-flash", &u)
            .unwrap();
        assert_eq!((c.input, c.output, c.total), (0.0003, 0.0025, 0.0028));
        // groq has no cache price: cached tokens cost what input costs.
        let u = TokenUsage {
            input: 0,
            output: 0,
            cache_read: 1_000_000,
            cache_write: 0,
        };
        assert_eq!(
            Catalog::default()
                .cost("groq", "llama-3.3-70b-versatile", &u)
                .unwrap()
                .cache_read,
            0.59
        );
    }

    #[test]
    fn unknown_or_unpriced_models_have_no_cost() {
        let u = TokenUsage {
            input: 1,
            ..Default::default()
        };
        assert_eq!(cost("openai", "no-such-model", &u), None);
        assert_eq!(
            cost("github-copilot", "gpt-4.1", &u),
            None,
            "subscription: not priced per token"
        );
        assert!(cost("deepseek", "deepseek-chat", &u).is_some());
    }
}

/// The prices of the model a stream talks to, to report each step's cost.
#[derive(Debug, Clone)]
pub struct Pricing {
    pub prices: Prices,
    /// Protocol name (how the provider counts tokens, see `TokenUsage::from_usage`).
    pub protocol: String,
    /// Key of the provider's `providerMetadata` (Anthropic reports cache writes there).
    pub metadata_key: String,
}

impl Pricing {
    /// The catalogue prices of `model` at `provider`, if it has them.
    pub fn lookup(provider: &str, model: &str, protocol: &str) -> Option<Pricing> {
        Catalog::global()
            .find(provider, model)
            .and_then(|entry| Pricing::of(&entry, protocol))
    }

    /// The prices of a catalogue entry, if it has them.
    pub fn of(entry: &ModelEntry, protocol: &str) -> Option<Pricing> {
        Some(Pricing {
            prices: entry.cost?,
            protocol: protocol.to_owned(),
            metadata_key: entry.provider.clone(),
        })
    }

    pub fn cost(&self, usage: &Usage, provider_metadata: Option<&Value>) -> Cost {
        let cache_write = provider_metadata.and_then(|m| cache_write_tokens(m, &self.metadata_key));
        priced(
            &self.prices,
            &TokenUsage::from_usage(usage, cache_write, &self.protocol),
        )
    }
}
