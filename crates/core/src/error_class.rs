//! What kind of failure a call error is, for the decisions made on it: whether a fallback chain
//! moves to its next model, and the `errorClass` the usage ledger records. Providers say the same
//! thing in different words (a 429, `insufficient_quota`, Gemini's `RESOURCE_EXHAUSTED`; "maximum
//! context length", "prompt is too long", "exceeds the maximum number of tokens"), so the class
//! is read from the status and the body together.
use serde::{Deserialize, Serialize};

use crate::error::{ApiCallError, CallError};
use crate::timeouts::TimeoutKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorClass {
    /// 429, or a quota / rate-limit error in any status or event.
    RateLimit,
    /// 5xx, 529, an overloaded or server error event.
    Overloaded,
    /// The prompt does not fit the model's context window.
    ContextLength,
    /// No credential (`LoadAPIKeyError`), or the server refused it (401, 403).
    Auth,
    /// The provider could not be reached or answered nothing in time before any content
    /// (connection errors, connect / first-byte / first-content limits, a stall before content).
    Unavailable,
    /// A limit that ended a call that was under way (idle mid-answer, `stepMs`, `totalMs`).
    Timeout,
    /// Anything the request itself got wrong (other 4xx, invalid prompt or argument).
    InvalidRequest,
    /// Everything else (a bug, a retry error without attempts).
    Other,
}

impl ErrorClass {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorClass::RateLimit => "rate-limit",
            ErrorClass::Overloaded => "overloaded",
            ErrorClass::ContextLength => "context-length",
            ErrorClass::Auth => "auth",
            ErrorClass::Unavailable => "unavailable",
            ErrorClass::Timeout => "timeout",
            ErrorClass::InvalidRequest => "invalid-request",
            ErrorClass::Other => "other",
        }
    }
}

/// Words of a context-window overflow, lowercase (OpenAI, Anthropic, Gemini, compatible servers).
const CONTEXT_LENGTH_WORDS: &[&str] = &[
    "context_length_exceeded",
    "context length",
    "context window",
    "prompt is too long",
    "input is too long",
    "too many tokens",
    "maximum number of tokens",
    "string_above_max_length",
];

/// Words of a quota or rate-limit error, lowercase.
const RATE_LIMIT_WORDS: &[&str] = &[
    "insufficient_quota",
    "rate_limit",
    "resource_exhausted",
    "quota exceeded",
];

pub fn classify(error: &CallError) -> ErrorClass {
    match error {
        CallError::ApiCall(e) => classify_api(e),
        CallError::LoadApiKey(_) => ErrorClass::Auth,
        CallError::Timeout { kind, .. } => match kind {
            TimeoutKind::Connect
            | TimeoutKind::FirstByte
            | TimeoutKind::IdleBeforeContent
            | TimeoutKind::FirstContent => ErrorClass::Unavailable,
            TimeoutKind::Idle | TimeoutKind::Step | TimeoutKind::Total => ErrorClass::Timeout,
        },
        CallError::InvalidPrompt(_)
        | CallError::InvalidArgument { .. }
        | CallError::InvalidProviderArgument { .. }
        | CallError::UnsupportedFunctionality(_) => ErrorClass::InvalidRequest,
        CallError::Retry { errors, .. } => errors.last().map_or(ErrorClass::Other, classify),
        CallError::Internal(_) | CallError::FetchThrew { .. } => ErrorClass::Other,
    }
}

fn classify_api(e: &ApiCallError) -> ErrorClass {
    let text = format!(
        "{} {}",
        e.message,
        e.response_body.as_deref().unwrap_or_default()
    )
    .to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| text.contains(w));
    match e.status_code {
        None => ErrorClass::Unavailable,
        Some(429) => ErrorClass::RateLimit,
        Some(_) if says(RATE_LIMIT_WORDS) => ErrorClass::RateLimit,
        Some(s) if s >= 500 => ErrorClass::Overloaded,
        Some(401 | 403) => ErrorClass::Auth,
        Some(400 | 413 | 422) if says(CONTEXT_LENGTH_WORDS) => ErrorClass::ContextLength,
        Some(_) => ErrorClass::InvalidRequest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::api_call_error;

    fn api(status: Option<u16>, body: &str) -> CallError {
        CallError::ApiCall(Box::new(api_call_error(status, &[], Some(body))))
    }

    #[test]
    fn statuses_and_bodies_name_the_class() {
        let cases = [
            (api(Some(429), "{}"), ErrorClass::RateLimit),
            (
                api(Some(403), r#"{"error":{"code":"insufficient_quota"}}"#),
                ErrorClass::RateLimit,
            ),
            (
                api(Some(400), r#"{"error":{"status":"RESOURCE_EXHAUSTED"}}"#),
                ErrorClass::RateLimit,
            ),
            (api(Some(529), "{}"), ErrorClass::Overloaded),
            (api(Some(503), "{}"), ErrorClass::Overloaded),
            (api(Some(401), "{}"), ErrorClass::Auth),
            (
                api(
                    Some(400),
                    "This model's maximum context length is 8192 tokens",
                ),
                ErrorClass::ContextLength,
            ),
            (
                api(
                    Some(400),
                    "prompt is too long: 210000 tokens > 200000 maximum",
                ),
                ErrorClass::ContextLength,
            ),
            (
                api(
                    Some(400),
                    "The input token count (2000000) exceeds the maximum number of tokens allowed",
                ),
                ErrorClass::ContextLength,
            ),
            (
                api(Some(400), "bad temperature"),
                ErrorClass::InvalidRequest,
            ),
            (api(None, ""), ErrorClass::Unavailable),
            (CallError::LoadApiKey("no key".into()), ErrorClass::Auth),
        ];
        for (error, class) in cases {
            assert_eq!(classify(&error), class, "{error:?}");
        }
    }

    #[test]
    fn timeouts_before_content_are_unavailability_and_retry_errors_take_the_last() {
        let timeout = |kind| CallError::Timeout {
            kind,
            after_ms: 1,
            url: String::new(),
        };
        assert_eq!(
            classify(&timeout(TimeoutKind::FirstByte)),
            ErrorClass::Unavailable
        );
        assert_eq!(classify(&timeout(TimeoutKind::Idle)), ErrorClass::Timeout);
        let retry = CallError::Retry {
            message: String::new(),
            reason: "maxRetriesExceeded",
            errors: vec![api(Some(500), ""), api(Some(429), "")],
        };
        assert_eq!(classify(&retry), ErrorClass::RateLimit);
    }
}
