//! What an embedding protocol implements, and what it reads from a response.
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::CallError;
use crate::protocols::protocol::ProtocolRequest;
use crate::protocols::target::Target;

/// The embeddings of one call, each the provider's JSON array as sent (JS parses the numbers, so
/// they are exactly the ones the AI SDK would return), with the tokens and metadata reported.
#[derive(Debug)]
pub struct Embedded {
    pub embeddings: Vec<Box<RawValue>>,
    pub tokens: Option<u64>,
    pub provider_metadata: Option<Value>,
}

pub trait EmbeddingProtocol: Send + Sync {
    /// Most values one call may carry (the AI SDK's `maxEmbeddingsPerCall`).
    fn max_embeddings_per_call(&self) -> usize;
    /// Most UTF-8 bytes of values one call to `target` may carry (`None`: no limit).
    fn max_input_bytes_per_call(&self, _target: &Target) -> Option<usize> {
        None
    }
    fn build_request(
        &self,
        target: &Target,
        values: &[String],
        provider_options: &Value,
    ) -> Result<ProtocolRequest, CallError>;
    /// The embeddings (in the order of the values) of a successful response body.
    fn parse_response(&self, body: &[u8]) -> Result<Embedded, String>;
}

/// Whether `raw` (valid JSON) is a flat array of numbers, as the AI SDK's schema requires of an
/// embedding — checked on the text, so the numbers are parsed once, by JS.
pub fn is_number_array(raw: &RawValue) -> bool {
    let text = raw.get().trim();
    let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
        return false;
    };
    inner.bytes().all(|b| {
        b.is_ascii_digit()
            || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b',')
            || b.is_ascii_whitespace()
    })
}

/// `providerOptions[key]` as an object, if it is one.
pub fn options_of<'a>(
    provider_options: &'a Value,
    key: &str,
) -> Option<&'a serde_json::Map<String, Value>> {
    provider_options.get(key)?.as_object()
}

/// A number option (`dimensions`, `outputDimensionality`): absent, or a number.
pub fn number_option(
    options: &[Option<&serde_json::Map<String, Value>>],
    name: &str,
) -> Result<Option<Value>, CallError> {
    typed_option(options, name, Value::is_number, "a number")
}

/// A string option (`user`, `taskType`).
pub fn string_option(
    options: &[Option<&serde_json::Map<String, Value>>],
    name: &str,
) -> Result<Option<Value>, CallError> {
    typed_option(options, name, Value::is_string, "a string")
}

/// Option `name` of the last layer that has it, if it is of the kind `is` accepts.
fn typed_option(
    options: &[Option<&serde_json::Map<String, Value>>],
    name: &str,
    is: fn(&Value) -> bool,
    kind: &str,
) -> Result<Option<Value>, CallError> {
    match options.iter().rev().flatten().find_map(|o| o.get(name)) {
        None | Some(Value::Null) => Ok(None),
        Some(v) if is(v) => Ok(Some(v.clone())),
        Some(_) => Err(CallError::InvalidArgument {
            parameter: "providerOptions".into(),
            message: format!("{name} must be {kind}"),
        }),
    }
}
