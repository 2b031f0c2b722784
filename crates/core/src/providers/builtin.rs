//! The built-in providers, from `builtin.json` compiled into the addon.
use std::sync::OnceLock;

use serde::Deserialize;

use super::config::ProviderConfig;

#[derive(Deserialize)]
struct BuiltinFile {
    providers: Vec<ProviderConfig>,
}

/// Every built-in provider, in the file's order.
pub fn providers() -> &'static [ProviderConfig] {
    static BUILTINS: OnceLock<Vec<ProviderConfig>> = OnceLock::new();
    BUILTINS.get_or_init(|| {
        let file: BuiltinFile = serde_json::from_str(include_str!("builtin.json"))
            .expect("builtin.json is valid (checked by the tests)");
        file.providers
    })
}

/// The built-in `id`, also under the spellings apps use for it (`github_copilot`,
/// `githubCopilot`, `openRouter`): ids compare by their letters and digits, case-insensitively.
pub fn get(id: &str) -> Option<&'static ProviderConfig> {
    let exact = providers().iter().find(|p| p.id == id);
    exact.or_else(|| {
        let key = spelling_key(id);
        providers().iter().find(|p| spelling_key(&p.id) == key)
    })
}

fn spelling_key(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn alternative_spellings_find_the_builtin() {
        for (spelling, id) in [
            ("github_copilot", "github-copilot"),
            ("githubCopilot", "github-copilot"),
            ("openRouter", "openrouter"),
            ("OpenAI", "openai"),
        ] {
            assert_eq!(get(spelling).map(|p| p.id.as_str()), Some(id), "{spelling}");
        }
        assert!(get("open router!").is_some_and(|p| p.id == "openrouter"));
        assert!(get("nosuch").is_none());
        // Distinct built-ins stay distinct under the rule.
        let keys: HashSet<String> = providers().iter().map(|p| spelling_key(&p.id)).collect();
        assert_eq!(keys.len(), providers().len());
    }

    #[test]
    fn every_builtin_is_valid() {
        let all = providers();
        assert!(all.len() >= 18);
        let ids: HashSet<&str> = all.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), all.len(), "ids are unique");
        for p in all {
            p.settings()
                .validate()
                .unwrap_or_else(|e| panic!("{}: {e}", p.id));
            let url = reqwest::Url::parse(&p.base_url).unwrap();
            assert!(!p.base_url.ends_with('/'), "{}: no trailing slash", p.id);
            assert!(matches!(url.scheme(), "http" | "https"));
            super::super::custom::validate_id(&p.id).unwrap();
            if let Some(var) = &p.api_key_env_var {
                super::super::custom::validate_env_var(var).unwrap();
            }
        }
        for id in [
            "openai",
            "anthropic",
            "google",
            "deepseek",
            "openrouter",
            "groq",
            "xai",
            "mistral",
            "moonshot",
            "zhipu",
            "qwen",
            "minimax",
            "together",
            "fireworks",
            "cerebras",
            "ollama",
            "lmstudio",
            "github-copilot",
        ] {
            assert!(ids.contains(id), "missing built-in {id}");
        }
    }

    #[test]
    fn specific_builtins() {
        let openai = get("openai").unwrap();
        assert_eq!(openai.protocol, "openai-responses");
        assert_eq!(openai.api_key_env_var.as_deref(), Some("OPENAI_API_KEY"));
        let ollama = get("ollama").unwrap();
        assert_eq!(ollama.api_key_env_var, None);
        assert!(ollama.has_credentials(), "local providers need no key");
        let copilot = get("github-copilot").unwrap();
        assert!(copilot.oauth);
        assert_eq!(copilot.protocol, "openai-chat");
        assert_eq!(copilot.base_url, "https://api.githubcopilot.com");
        assert_eq!(get("qwen").unwrap().model_provider_id(), "qwen.chat");
        assert_eq!(
            get("anthropic").unwrap().model_provider_id(),
            "anthropic.messages"
        );
    }

    #[test]
    fn catalogue_entries_are_valid_and_reference_builtin_providers() {
        let entries = crate::catalog::entries::builtin();
        assert!(entries.len() >= 50);
        let mut seen = HashSet::new();
        for e in entries {
            e.validate().unwrap();
            assert!(
                get(&e.provider).is_some(),
                "{}: unknown provider",
                e.provider
            );
            assert!(
                seen.insert((e.provider.clone(), e.id.clone())),
                "{}/{} twice",
                e.provider,
                e.id
            );
            assert!(
                e.context_window.is_none_or(|c| c >= 8192),
                "{}/{}",
                e.provider,
                e.id
            );
            for a in &e.aliases {
                assert!(
                    seen.insert((e.provider.clone(), a.clone())),
                    "alias {a} clashes"
                );
            }
        }
        // Every built-in's default models are in the catalogue.
        for p in providers() {
            for m in &p.default_models {
                assert!(
                    crate::catalog::Catalog::default().find(&p.id, m).is_some(),
                    "{}/{m} missing",
                    p.id
                );
            }
        }
        let text = include_str!("../catalog/models.json");
        assert!(
            text.contains("\"updated\": \"2026-07-02\""),
            "the file says when it was last checked"
        );
    }
}
