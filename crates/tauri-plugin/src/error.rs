//! A command's failure as the webview sees it: the AI SDK error object (`{ name: 'AI_…', message,
//! … }`), which the JS layer rebuilds into its error class.
use llm_native_core::api::HostError;
use serde::{Serialize, Serializer};

#[derive(Debug)]
pub struct CommandError(pub serde_json::Value);

impl From<HostError> for CommandError {
    fn from(e: HostError) -> Self {
        CommandError(e.to_json())
    }
}

impl CommandError {
    /// A handle id this webview does not hold (never created here, dropped, or ended).
    pub fn no_handle(kind: &str, id: u32) -> CommandError {
        HostError::invalid("id", format!("no {kind} {id} in this webview")).into()
    }
}

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

pub type Result<T> = std::result::Result<T, CommandError>;
