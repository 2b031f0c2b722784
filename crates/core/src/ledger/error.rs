//! Errors of the usage ledger (only queries report them; a failed write never fails a call).
use serde_json::{json, Value};

#[derive(Debug, Clone, thiserror::Error)]
pub enum LedgerError {
    #[error("The usage ledger {path} could not be read: {message}")]
    Database { path: String, message: String },
    #[error("Invalid argument for parameter {parameter}: {message}")]
    InvalidQuery { parameter: String, message: String },
}

impl LedgerError {
    pub fn database(path: &std::path::Path, e: impl std::fmt::Display) -> LedgerError {
        LedgerError::Database {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }

    /// The JS error object (`UsageLedgerError`, or `InvalidArgumentError` for a bad query).
    pub fn to_json(&self) -> Value {
        let message = self.to_string();
        match self {
            LedgerError::Database { path, .. } => {
                json!({ "name": "AI_UsageLedgerError", "message": message, "path": path })
            }
            LedgerError::InvalidQuery { parameter, .. } => {
                json!({ "name": "AI_InvalidArgumentError", "message": message, "argument": parameter })
            }
        }
    }
}
