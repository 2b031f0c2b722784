//! A credential ready to send, and the subscription logins one can come from. Protocols read
//! this to build their auth headers; the credential layer (`auth/`) produces it, so protocols
//! never reach into keychains or token refresh.
use crate::secret::Secret;

/// The subscription logins llm-native knows (OAuth sessions stored under these ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Login {
    /// Claude Pro/Max.
    Anthropic,
    /// ChatGPT Plus/Pro (the Codex backend).
    OpenAi,
    /// GitHub Copilot.
    Copilot,
    /// Qwen Code (the session its CLI keeps in `~/.qwen/oauth_creds.json`).
    Qwen,
}

impl Login {
    pub const ALL: [Login; 4] = [Login::Anthropic, Login::OpenAi, Login::Copilot, Login::Qwen];

    pub fn parse(id: &str) -> Option<Login> {
        Login::ALL.into_iter().find(|l| l.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Login::Anthropic => "anthropic",
            Login::OpenAi => "openai",
            Login::Copilot => "github-copilot",
            Login::Qwen => "qwen-code",
        }
    }
}

/// What a request authenticates with.
#[derive(Debug, Clone)]
pub enum Credential {
    /// Sent in the protocol's key header (`Authorization: Bearer`, `x-api-key`, `x-goog-api-key`).
    ApiKey(Secret),
    /// A subscription login's access token: always `Authorization: Bearer`, plus what that
    /// login's backend expects (`backend`, from the credential layer).
    OAuth {
        login: Login,
        token: Secret,
        backend: Backend,
    },
}

/// What a subscription login's backend expects of a request besides its token. The credential
/// layer fills it from its settings (every value configurable); protocols apply it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Backend {
    /// Headers sent with the token (Copilot's editor headers, ChatGPT's `chatgpt-account-id`).
    pub headers: Vec<(String, String)>,
    /// Where the backend is, when not the provider's base URL (ChatGPT: the Codex endpoint;
    /// Copilot Enterprise: `copilot-api.<domain>`).
    pub base_url: Option<String>,
    /// Anthropic betas the subscription expects, merged with the request's own.
    pub betas: Vec<String>,
    /// `instructions` for a request without a system prompt (ChatGPT's backend requires them).
    pub instructions: Option<String>,
}

impl Credential {
    pub fn secret(&self) -> &Secret {
        match self {
            Credential::ApiKey(s) | Credential::OAuth { token: s, .. } => s,
        }
    }

    /// The backend a subscription token goes to (`None` for an API key).
    pub fn backend(&self) -> Option<&Backend> {
        match self {
            Credential::OAuth { backend, .. } => Some(backend),
            Credential::ApiKey(_) => None,
        }
    }

    /// The login this credential came from, when it is a subscription token.
    pub fn login(&self) -> Option<Login> {
        match self {
            Credential::OAuth { login, .. } => Some(*login),
            Credential::ApiKey(_) => None,
        }
    }

    /// Auth headers: an API key in `key_header` as `{key_prefix}{key}`; an OAuth token as
    /// `Authorization: Bearer` with its login's extra headers.
    pub fn headers(&self, key_header: &str, key_prefix: &str) -> Vec<(String, String)> {
        match self {
            Credential::ApiKey(k) => {
                vec![(key_header.to_owned(), format!("{key_prefix}{}", k.expose()))]
            }
            Credential::OAuth { token, backend, .. } => {
                let mut h = vec![(
                    "authorization".to_owned(),
                    format!("Bearer {}", token.expose()),
                )];
                h.extend(backend.headers.iter().cloned());
                h
            }
        }
    }
}
