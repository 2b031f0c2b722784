//! Process-wide credential settings (`configureAuth`): keychain service name, the opt-in file
//! store, refresh skew, and every OAuth endpoint (defaults are the real ones; tests point them at
//! a local server).
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use super::chatgpt::ChatGptBackend;
use super::qwen_file::QwenClient;

/// An authorization-code + PKCE client.
#[derive(Debug, Clone, PartialEq)]
pub struct OAuthClient {
    pub client_id: String,
    pub authorize_url: String,
    pub token_url: String,
    pub redirect_uri: String,
    pub scopes: String,
}

/// The GitHub device flow, the Copilot token exchange and what Copilot's API expects.
#[derive(Debug, Clone, PartialEq)]
pub struct CopilotClient {
    pub client_id: String,
    pub device_code_url: String,
    pub access_token_url: String,
    pub copilot_token_url: String,
    pub scope: String,
    /// The API's base URL when not the provider's (`https://copilot-api.<domain>` for GitHub
    /// Enterprise).
    pub api_base_url: Option<String>,
    /// The editor headers every Copilot request (and the token exchange) carries.
    pub editor_headers: Vec<(String, String)>,
}

impl CopilotClient {
    /// Every endpoint of a GitHub Enterprise `domain` (`company.ghe.com`): device flow and token
    /// at `https://<domain>/…`, the exchange at `https://api.<domain>/…`, the API at
    /// `https://copilot-api.<domain>`.
    pub fn for_enterprise(&mut self, domain: &str) {
        let domain = domain
            .trim()
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/');
        self.device_code_url = format!("https://{domain}/login/device/code");
        self.access_token_url = format!("https://{domain}/login/oauth/access_token");
        self.copilot_token_url = format!("https://api.{domain}/copilot_internal/v2/token");
        self.api_base_url = Some(format!("https://copilot-api.{domain}"));
    }
}

/// The editor Copilot's API expects to hear from (VS Code's Copilot Chat, as current apps send).
fn copilot_editor_headers() -> Vec<(String, String)> {
    [
        ("editor-version", "vscode/1.105.1"),
        ("editor-plugin-version", "copilot-chat/0.35.0"),
        ("copilot-integration-id", "vscode-chat"),
        ("user-agent", "GitHubCopilotChat/0.35.0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthConfig {
    /// Keychain service name of every entry.
    pub service: String,
    /// The 0600 JSON file used when no keychain is reachable, if the app opted in.
    pub fallback_file: Option<PathBuf>,
    /// Refresh an access token this long before it expires.
    pub refresh_skew_ms: u64,
    pub anthropic: OAuthClient,
    pub openai: OAuthClient,
    pub copilot: CopilotClient,
    /// How long the OpenAI loopback listener waits for the browser.
    pub loopback_timeout_ms: u64,
    /// The betas a Claude Pro/Max token is sent with (merged with the request's own).
    pub anthropic_betas: Vec<String>,
    /// Where a ChatGPT login's requests go (the Codex backend) and what they carry.
    pub chatgpt: ChatGptBackend,
    /// Qwen Code's credentials file and OAuth client.
    pub qwen: QwenClient,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            service: "llm-native".into(),
            fallback_file: None,
            refresh_skew_ms: 60_000,
            // The Claude Code client: the code is shown on Anthropic's page and pasted back.
            anthropic: OAuthClient {
                client_id: "9d1c250a-e61b-44d9-88ed-5944d1962f5e".into(),
                authorize_url: "https://claude.ai/oauth/authorize".into(),
                token_url: "https://console.anthropic.com/v1/oauth/token".into(),
                redirect_uri: "https://console.anthropic.com/oauth/code/callback".into(),
                scopes: "org:create_api_key user:profile user:inference".into(),
            },
            // The Codex CLI client; its registered redirect is port 1455 on localhost.
            openai: OAuthClient {
                client_id: "app_EMoamEEZ73f0CkXaXp7hrann".into(),
                authorize_url: "https://auth.openai.com/oauth/authorize".into(),
                token_url: "https://auth.openai.com/oauth/token".into(),
                redirect_uri: "http://localhost:1455/auth/callback".into(),
                scopes: "openid profile email offline_access".into(),
            },
            copilot: CopilotClient {
                client_id: "Iv1.b507a08c87ecfe98".into(),
                device_code_url: "https://github.com/login/device/code".into(),
                access_token_url: "https://github.com/login/oauth/access_token".into(),
                copilot_token_url: "https://api.github.com/copilot_internal/v2/token".into(),
                scope: "read:user".into(),
                api_base_url: None,
                editor_headers: copilot_editor_headers(),
            },
            loopback_timeout_ms: 300_000,
            // What Claude Code sends with a subscription token.
            anthropic_betas: [
                "oauth-2025-04-20",
                "claude-code-20250219",
                "interleaved-thinking-2025-05-14",
                "fine-grained-tool-streaming-2025-05-14",
            ]
            .map(str::to_owned)
            .to_vec(),
            chatgpt: ChatGptBackend::default(),
            qwen: QwenClient::default(),
        }
    }
}

static CONFIG: RwLock<Option<Arc<AuthConfig>>> = RwLock::new(None);

/// The current settings (a snapshot: a later `configure` does not change a flow in progress).
pub fn config() -> Arc<AuthConfig> {
    if let Some(c) = CONFIG.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
        return c.clone();
    }
    let mut slot = CONFIG.write().unwrap_or_else(|e| e.into_inner());
    slot.get_or_insert_with(|| Arc::new(AuthConfig::default()))
        .clone()
}

/// Changes the settings in place.
pub fn configure(change: impl FnOnce(&mut AuthConfig)) {
    let mut slot = CONFIG.write().unwrap_or_else(|e| e.into_inner());
    let mut next = slot.as_deref().cloned().unwrap_or_default();
    change(&mut next);
    *slot = Some(Arc::new(next));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enterprise_domain_sets_every_copilot_endpoint() {
        let mut c = AuthConfig::default().copilot;
        c.for_enterprise("https://company.ghe.com/");
        assert_eq!(
            (
                c.device_code_url.as_str(),
                c.access_token_url.as_str(),
                c.copilot_token_url.as_str(),
                c.api_base_url.as_deref()
            ),
            (
                "https://company.ghe.com/login/device/code",
                "https://company.ghe.com/login/oauth/access_token",
                "https://api.company.ghe.com/copilot_internal/v2/token",
                Some("https://copilot-api.company.ghe.com")
            )
        );
    }
}
