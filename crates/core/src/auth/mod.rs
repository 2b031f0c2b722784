//! Credentials kept on the Rust side: API keys and OAuth sessions in the OS keychain (or, only
//! when the app opts in, a 0600 file), resolved at request time, never handed to a host.
//!
//! Keychain entries: service `llm-native` (configurable), account `api-key:<providerId>` for keys
//! and `oauth:<providerId>` for OAuth sessions (`{"access","refresh","expiresAt"}` JSON).
pub mod access;
pub mod api_keys;
pub mod chatgpt;
pub mod code_flow;
pub mod config;
pub mod copilot;
pub mod endpoint;
pub mod error;
pub mod file_store;
pub mod jwt;
pub mod keychain;
pub mod oauth_anthropic;
pub mod oauth_openai;
pub mod pkce;
pub mod qwen_file;
pub mod recent_reads;
pub mod session;
pub mod status;
pub mod store;
pub mod tokens;

pub use api_keys::{
    delete_api_key, forget_recent_api_key, has_api_key, resolve_api_key, resolve_api_key_if_recent,
    set_api_key,
};
pub use config::{config, configure, AuthConfig};
pub use error::AuthError;
pub use session::login;
pub use status::{auth_status, logout, AuthStatus};
pub use store::blocking;
