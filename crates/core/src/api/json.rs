//! Arguments that arrive as JSON: parsed into their Rust shape, a mismatch reported as an
//! `InvalidArgumentError` naming the parameter.
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::HostError;

/// `text` as JSON of type `T`.
pub fn parse<T: DeserializeOwned>(parameter: &str, text: &str) -> Result<T, HostError> {
    serde_json::from_str(text).map_err(|e| HostError::invalid(parameter, e.to_string()))
}

/// A JSON value as type `T`.
pub fn from_value<T: DeserializeOwned>(parameter: &str, value: Value) -> Result<T, HostError> {
    serde_json::from_value(value).map_err(|e| HostError::invalid(parameter, e.to_string()))
}
