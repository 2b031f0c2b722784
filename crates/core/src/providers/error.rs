//! Errors of the registry layer, each with the AI SDK name it surfaces as.
use serde_json::{json, Value};

use crate::error::CallError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RegistryError {
    /// A bad provider config or model entry (`InvalidArgumentError`, `argument` = the field).
    #[error("Invalid argument for parameter {parameter}: {message}")]
    Invalid { parameter: String, message: String },
    #[error("No such provider: {provider_id} (available providers: {})", .available.join(","))]
    NoSuchProvider {
        model_id: String,
        provider_id: String,
        available: Vec<String>,
    },
    #[error("No such languageModel: {model_id}")]
    NoSuchModel { model_id: String },
    /// A bare model id several providers offer (`InvalidArgumentError` on `modelId`).
    #[error("Model id {model_id:?} is ambiguous; use one of: {}", .candidates.join(", "))]
    Ambiguous {
        model_id: String,
        candidates: Vec<String>,
    },
    /// The providers file could not be read or written (`LoadSettingError`).
    #[error("{0}")]
    Store(String),
}

impl RegistryError {
    pub fn invalid(parameter: &str, message: impl Into<String>) -> Self {
        RegistryError::Invalid {
            parameter: parameter.into(),
            message: message.into(),
        }
    }

    /// The error object (AI SDK name + fields), as `CallError::to_json`.
    pub fn to_json(&self) -> Value {
        let message = self.to_string();
        match self {
            RegistryError::Invalid { parameter, .. } => {
                json!({ "name": "AI_InvalidArgumentError", "message": message, "argument": parameter })
            }
            RegistryError::Ambiguous { candidates, .. } => json!({
                "name": "AI_InvalidArgumentError", "message": message, "argument": "modelId",
                "value": candidates,
            }),
            RegistryError::NoSuchProvider {
                model_id,
                provider_id,
                available,
            } => json!({
                "name": "AI_NoSuchProviderError", "message": message, "modelId": model_id,
                "modelType": "languageModel", "providerId": provider_id, "availableProviders": available,
            }),
            RegistryError::NoSuchModel { model_id } => json!({
                "name": "AI_NoSuchModelError", "message": message, "modelId": model_id,
                "modelType": "languageModel",
            }),
            RegistryError::Store(_) => json!({ "name": "AI_LoadSettingError", "message": message }),
        }
    }
}

impl From<CallError> for RegistryError {
    /// Settings validation (`ProviderSettings::validate`) reports bad fields as `InvalidArgument`.
    fn from(e: CallError) -> Self {
        match e {
            CallError::InvalidArgument { parameter, message } => {
                RegistryError::Invalid { parameter, message }
            }
            other => RegistryError::invalid("config", other.to_string()),
        }
    }
}
