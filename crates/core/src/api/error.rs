//! Errors of the host API: whichever layer refused, with its AI SDK error object.
use serde_json::Value;

use crate::auth::AuthError;
use crate::catalog::update::CatalogError;
use crate::error::CallError;
use crate::ledger::LedgerError;
use crate::providers::RegistryError;

#[derive(Debug, Clone, thiserror::Error)]
pub enum HostError {
    #[error(transparent)]
    Call(#[from] CallError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
}

impl HostError {
    /// `InvalidArgumentError` for `parameter`.
    pub fn invalid(parameter: &str, message: impl Into<String>) -> HostError {
        HostError::Call(CallError::InvalidArgument {
            parameter: parameter.into(),
            message: message.into(),
        })
    }

    /// The AI SDK error object (`{ name: 'AI_…', message, … }`).
    pub fn to_json(&self) -> Value {
        match self {
            HostError::Call(e) => e.to_json(),
            HostError::Registry(e) => e.to_json(),
            HostError::Auth(e) => e.to_json(),
            HostError::Ledger(e) => e.to_json(),
            HostError::Catalog(e) => e.to_json(),
        }
    }
}
