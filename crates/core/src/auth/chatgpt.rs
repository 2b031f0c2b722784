//! The ChatGPT subscription backend (what a ChatGPT Plus/Pro login's token is accepted by): the
//! Codex Responses endpoint, with the account header and the Codex client's headers. Every value
//! is a setting (`configureAuth({ chatgpt })`); the Responses protocol applies the body rules.
use crate::credential::Backend;

use super::tokens::Tokens;

/// Where ChatGPT-login requests go and what they carry.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatGptBackend {
    /// Base URL of the Codex Responses API (`{base}/responses`).
    pub base_url: String,
    /// The `originator` header (also on the authorize URL): the client the backend sees.
    pub originator: String,
    /// Further headers (`OpenAI-Beta: responses=experimental`).
    pub headers: Vec<(String, String)>,
    /// `instructions` for a call without a system prompt (the backend requires the field).
    pub instructions: String,
}

impl Default for ChatGptBackend {
    fn default() -> Self {
        ChatGptBackend {
            base_url: "https://chatgpt.com/backend-api/codex".into(),
            originator: "codex_cli_rs".into(),
            headers: vec![("OpenAI-Beta".into(), "responses=experimental".into())],
            instructions: "You are a helpful assistant.".into(),
        }
    }
}

/// The backend of a ChatGPT login's request: the Codex endpoint, the account of the token, the
/// originator and the configured headers.
pub fn backend(cfg: &ChatGptBackend, tokens: &Tokens) -> Backend {
    let mut headers = Vec::with_capacity(cfg.headers.len() + 2);
    if let Some(account) = &tokens.account_id {
        headers.push(("chatgpt-account-id".to_owned(), account.clone()));
    }
    headers.push(("originator".to_owned(), cfg.originator.clone()));
    headers.extend(cfg.headers.iter().cloned());
    Backend {
        headers,
        base_url: Some(cfg.base_url.trim_end_matches('/').to_owned()),
        instructions: Some(cfg.instructions.clone()),
        ..Backend::default()
    }
}
