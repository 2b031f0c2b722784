//! What a protocol needs to know about the model it talks to: ids, endpoint, the provider's own
//! headers and the credential already resolved for this request.
use crate::credential::{Backend, Credential, Login};

#[derive(Debug, Clone, Default)]
pub struct Target {
    /// Key of `providerOptions` / `providerMetadata` (e.g. `openai`, or a compatible provider's name).
    pub provider_options_name: String,
    pub model_id: String,
    /// Without a trailing slash (paths join as `{base_url}/chat/completions`).
    pub base_url: String,
    /// The provider's own headers (Anthropic merges their `anthropic-beta` with its own).
    pub headers: Vec<(String, String)>,
    /// Send `stream_options.include_usage` (Chat Completions).
    pub include_usage: bool,
    /// Chat Completions: JSON schemas go as `response_format: json_schema` (else `json_object`),
    /// the compatible provider's `supportsStructuredOutputs`.
    pub structured_outputs: bool,
    /// `None`: the request goes without an auth header (local servers, Ollama).
    pub credential: Option<Credential>,
}

impl Target {
    /// Auth headers of the credential (see `Credential::headers`); none without one.
    pub fn auth_headers(&self, key_header: &str, key_prefix: &str) -> Vec<(String, String)> {
        self.credential
            .as_ref()
            .map_or_else(Vec::new, |c| c.headers(key_header, key_prefix))
    }

    /// Whether requests go out with a subscription login's token.
    pub fn uses_oauth(&self) -> bool {
        self.login().is_some()
    }

    /// The subscription login the request's token comes from.
    pub fn login(&self) -> Option<Login> {
        self.credential.as_ref().and_then(Credential::login)
    }

    /// What the login's backend expects (none with an API key).
    pub fn backend(&self) -> Option<&Backend> {
        self.credential.as_ref().and_then(Credential::backend)
    }

    /// `{base}/{path}`, the base being the login's backend when it has its own, else the
    /// provider's.
    pub fn url(&self, path: &str) -> String {
        let base = self
            .backend()
            .and_then(|b| b.base_url.as_deref())
            .unwrap_or(&self.base_url);
        format!("{}/{path}", base.trim_end_matches('/'))
    }
}
