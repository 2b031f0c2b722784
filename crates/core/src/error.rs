//! Errors of a model call. Each has a JSON form with the AI SDK error's name and fields
//! (`{ name: 'AI_APICallError', message, statusCode, ... }`): that object is what `error` parts
//! carry in the part format, and what hosts rebuild into error classes.
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use crate::timeouts::TimeoutKind;

/// A failed HTTP exchange with the provider (AI SDK `APICallError`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiCallError {
    pub message: String,
    pub url: String,
    pub request_body_values: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_headers: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_body: Option<String>,
    pub is_retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

/// AI SDK `isRetryable` for an HTTP status.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// Everything that can end a call before or while it streams.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    #[error("{}", .0.message)]
    ApiCall(Box<ApiCallError>),
    #[error("Invalid prompt: {0}")]
    InvalidPrompt(String),
    #[error("Invalid argument for parameter {parameter}: {message}")]
    InvalidArgument { parameter: String, message: String },
    /// A provider package's `InvalidArgumentError` (bad `providerOptions`), whose message is
    /// only its own text.
    #[error("{message}")]
    InvalidProviderArgument { argument: String, message: String },
    #[error("{0}")]
    LoadApiKey(String),
    #[error("'{0}' functionality not supported.")]
    UnsupportedFunctionality(String),
    /// A connect, first-byte or idle limit passed (see `timeouts.rs`).
    #[error("Timed out after {after_ms} ms {}", .kind.describe())]
    Timeout {
        kind: TimeoutKind,
        after_ms: u64,
        url: String,
    },
    /// A bug in llm-native (a panic in the call's task), reported instead of a silent end.
    #[error("llm-native internal error: {0}. This is a bug; please report it.")]
    Internal(String),
    /// The app's own `fetch` (a provider setting) threw; the JS host puts that very error in its
    /// place (`fetch_id` names the request), as the AI SDK passes it on.
    #[error("{message}")]
    FetchThrew { fetch_id: u64, message: String },
    /// Retries ran out, or a retry hit a non-retryable error (AI SDK `RetryError`).
    #[error("{message}")]
    Retry {
        message: String,
        reason: &'static str,
        errors: Vec<CallError>,
    },
}

/// A bad event inside an otherwise healthy stream; reported as an `error` part, the stream goes on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StreamError {
    #[error("JSON parsing failed: Text: {text}.\nError message: {message}")]
    JsonParse { text: String, message: String },
    #[error("{message}")]
    InvalidResponseData { message: String, data: Value },
    /// An event that is JSON but not of the provider's chunk schema (AI SDK
    /// `TypeValidationError`); `message` is the schema error (serde's wording, not zod's).
    #[error("Type validation failed: Value: {value}.\nError message: {message}")]
    TypeValidation { value: Value, message: String },
    /// An API error the provider reported inside the stream (Gemini), surfaced as `APICallError`.
    #[error("{message}")]
    Api {
        message: String,
        status_code: u16,
        data: Value,
    },
    /// An error object the provider sent in the stream, passed through as the AI SDK does.
    #[error("provider error: {0}")]
    Provider(Value),
}

impl CallError {
    /// Whether another attempt may succeed: retryable HTTP failures, and timeouts before the
    /// stream started.
    pub fn is_retryable(&self) -> bool {
        match self {
            CallError::ApiCall(e) => e.is_retryable,
            CallError::Timeout { kind, .. } => kind.is_retryable(),
            _ => false,
        }
    }

    /// The error object of the part format (AI SDK name + fields).
    pub fn to_json(&self) -> Value {
        let message = self.to_string();
        match self {
            CallError::ApiCall(e) => {
                let mut v = serde_json::to_value(e.as_ref()).unwrap_or(Value::Null);
                v["name"] = json!("AI_APICallError");
                v
            }
            CallError::InvalidPrompt(_) => {
                json!({ "name": "AI_InvalidPromptError", "message": message })
            }
            CallError::InvalidArgument {
                parameter: argument,
                ..
            }
            | CallError::InvalidProviderArgument { argument, .. } => {
                json!({ "name": "AI_InvalidArgumentError", "message": message, "argument": argument })
            }
            CallError::LoadApiKey(_) => json!({ "name": "AI_LoadAPIKeyError", "message": message }),
            CallError::UnsupportedFunctionality(f) => json!({
                "name": "AI_UnsupportedFunctionalityError", "message": message, "functionality": f
            }),
            CallError::Timeout {
                kind,
                after_ms,
                url,
            } => json!({
                "name": kind.error_name(), "message": message, "timeoutMs": after_ms, "url": url,
                "isRetryable": self.is_retryable(),
            }),
            CallError::Internal(_) => json!({ "name": "AI_InternalError", "message": message }),
            CallError::FetchThrew { fetch_id, .. } => {
                json!({ "name": "Error", "message": message, "llmNativeFetchError": fetch_id })
            }
            CallError::Retry { reason, errors, .. } => {
                let errors: Vec<Value> = errors.iter().map(CallError::to_json).collect();
                let last = errors.last().cloned().unwrap_or(Value::Null);
                json!({ "name": "AI_RetryError", "message": message, "reason": reason, "errors": errors, "lastError": last })
            }
        }
    }
}

impl StreamError {
    pub fn to_json(&self) -> Value {
        let message = self.to_string();
        match self {
            StreamError::JsonParse { text, .. } => {
                json!({ "name": "AI_JSONParseError", "message": message, "text": text })
            }
            StreamError::InvalidResponseData { data, .. } => {
                json!({ "name": "AI_InvalidResponseDataError", "message": message, "data": data })
            }
            StreamError::TypeValidation {
                value,
                message: cause,
            } => json!({
                "name": "AI_TypeValidationError", "message": message, "value": value,
                "cause": { "message": cause },
            }),
            StreamError::Api {
                status_code, data, ..
            } => json!({
                "name": "AI_APICallError", "message": message, "statusCode": status_code,
                "responseBody": json!({ "error": data }).to_string(), "data": data,
                "isRetryable": is_retryable_status(*status_code),
            }),
            StreamError::Provider(v) => v.clone(),
        }
    }
}
