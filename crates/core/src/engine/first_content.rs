//! Reading a response up to its first content before the step starts. Providers fail after a
//! 200 and before saying anything: an `error` event after `message_start` or pings, a reset or a
//! stall after keep-alive comments. Until a text, reasoning or tool part arrives such a failure is
//! a failed request, retried like one, and nothing of the failed attempt reaches the app (the
//! events read so far stay in the `BodyReader` and are decoded again for real).
use crate::error::{is_retryable_status, ApiCallError, CallError, StreamError};
use crate::parts::ModelPart;
use crate::protocols::{Protocol, ProtocolRequest, StreamDecoder};
use crate::secret::{url_for_errors, Secret};
use crate::timeouts::{TimeoutKind, Timeouts};
use crate::transport::body::BodyReader;

/// What the call reads with: its protocol, the request sent, its key and limits.
pub struct Reading<'a> {
    pub protocol: &'static dyn Protocol,
    pub req: &'a ProtocolRequest,
    pub key: Option<&'a Secret>,
    pub timeouts: Timeouts,
    /// Another model can take the call (a fallback chain): every error event before content
    /// fails the attempt, so the chain can judge it, instead of streaming to the app.
    pub escalate: bool,
}

/// Reads `body` until the first content part, the end of the body, or a failure. `probe` is a
/// fresh decoder used only to classify events. On the `last` attempt an error event is left in
/// the stream (the app sees it as the AI SDK shows it); before that it fails the attempt.
pub async fn read_until_content(
    body: &mut BodyReader,
    mut probe: Box<dyn StreamDecoder>,
    reading: &Reading<'_>,
    last: bool,
) -> Result<(), CallError> {
    let mut seen = 0;
    let mut parts = Vec::new();
    let mut ended = false;
    loop {
        while seen < body.events.len() {
            let event = &body.events[seen].as_event();
            // An error as the very first event is a failed request on every attempt (Anthropic's
            // `overloaded_error`, which the AI SDK throws too).
            if seen == 0 {
                if let Some((message, status, retryable, raw)) = reading.protocol.early_error(event)
                {
                    return Err(api_error(reading, body, message, status, retryable, raw));
                }
            }
            seen += 1;
            if probe.text_continuation(event).is_some() {
                return Ok(());
            }
            probe.decode(event, &mut parts);
            for part in parts.drain(..) {
                match part {
                    ModelPart::Error(error) => {
                        let raw = || body.events[seen - 1].data.clone();
                        return match retryable_stream_error(&error) {
                            Some((message, status)) if !last || reading.escalate => {
                                Err(api_error(reading, body, message, status, true, raw()))
                            }
                            None if reading.escalate => match stream_error_status(&error) {
                                Some((message, status)) => {
                                    Err(api_error(reading, body, message, status, false, raw()))
                                }
                                None => Ok(()),
                            },
                            _ => Ok(()),
                        };
                    }
                    // The model finished without content: nothing left to retry for.
                    ModelPart::Finish { .. } => return Ok(()),
                    p if is_content(&p) => return Ok(()),
                    _ => {}
                }
            }
        }
        if ended {
            return Ok(());
        }
        match body.read(reading.req, reading.key, reading.timeouts).await {
            Ok(true) => {}
            // A JSON answer's events appear only at its end: they are looked at once more.
            Ok(false) => ended = true,
            // A stall before any content is retryable, unlike one mid-answer.
            Err(CallError::Timeout {
                kind: TimeoutKind::Idle,
                after_ms,
                url,
            }) => {
                return Err(CallError::Timeout {
                    kind: TimeoutKind::IdleBeforeContent,
                    after_ms,
                    url,
                })
            }
            Err(e) => return Err(e),
        }
    }
}

/// Parts the app would see as the model answering (metadata, `text-start` and `reasoning-start`
/// are not: a stream may open a block and fail before its first token).
fn is_content(part: &ModelPart) -> bool {
    matches!(
        part,
        ModelPart::TextDelta { .. }
            | ModelPart::ReasoningDelta { .. }
            | ModelPart::ToolInputStart { .. }
            | ModelPart::ToolInputDelta { .. }
            | ModelPart::ToolCall { .. }
            | ModelPart::Source(_)
    )
}

/// Error `type`/`code` values that say "try again" (overload, server errors, rate limits); a
/// quota, auth or request error is not retried.
const RETRYABLE_KINDS: &[&str] = &[
    "overloaded_error",
    "overloaded",
    "server_error",
    "api_error",
    "internal_error",
    "internal_server_error",
    "service_unavailable",
    "server_is_overloaded",
    "rate_limit_error",
    "rate_limit_exceeded",
    "rate_limit",
    "slow_down",
];

/// An error event worth another attempt: its message and the status it stands for.
fn retryable_stream_error(error: &StreamError) -> Option<(String, u16)> {
    match error {
        StreamError::Api {
            message,
            status_code,
            ..
        } => is_retryable_status(*status_code).then(|| (message.clone(), *status_code)),
        StreamError::Provider(value) => {
            // The error object is the value itself or its `error` field, by provider.
            let objects = [value, &value["error"]];
            let kind = objects
                .iter()
                .flat_map(|o| [o["type"].as_str(), o["code"].as_str()])
                .flatten()
                .find(|k| RETRYABLE_KINDS.contains(k))?;
            let message = provider_message(value);
            let status = if kind.starts_with("rate_limit") || kind == "slow_down" {
                429
            } else if kind.starts_with("overloaded") {
                529
            } else {
                500
            };
            Some((message, status))
        }
        StreamError::JsonParse { .. }
        | StreamError::InvalidResponseData { .. }
        | StreamError::TypeValidation { .. } => None,
    }
}

/// The message of a provider's error object (the value itself or its `error` field, by provider).
fn provider_message(value: &serde_json::Value) -> String {
    [&value["message"], &value["error"]["message"]]
        .iter()
        .find_map(|m| m.as_str())
        .unwrap_or("The provider reported an error before any content")
        .to_owned()
}

/// A provider's error event as a message and the status it stands for (429 for a quota, else
/// 400); decoding noise (bad JSON, odd data) is none.
fn stream_error_status(error: &StreamError) -> Option<(String, u16)> {
    match error {
        StreamError::Api {
            message,
            status_code,
            ..
        } => Some((message.clone(), *status_code)),
        StreamError::Provider(value) => {
            let quota = value.to_string().contains("quota");
            Some((provider_message(value), if quota { 429 } else { 400 }))
        }
        StreamError::JsonParse { .. }
        | StreamError::InvalidResponseData { .. }
        | StreamError::TypeValidation { .. } => None,
    }
}

fn api_error(
    reading: &Reading<'_>,
    body: &BodyReader,
    message: String,
    status: u16,
    retryable: bool,
    raw: String,
) -> CallError {
    CallError::ApiCall(Box::new(ApiCallError {
        message,
        url: url_for_errors(reading.key, &reading.req.url),
        request_body_values: reading.req.body_values(),
        status_code: Some(status),
        response_headers: Some(body.response.headers()),
        response_body: Some(raw),
        is_retryable: retryable,
        data: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn provider(v: serde_json::Value) -> Option<(String, u16)> {
        retryable_stream_error(&StreamError::Provider(v))
    }

    #[test]
    fn overload_server_and_rate_limit_errors_are_retryable_with_their_status() {
        // Anthropic's event, a Chat Completions error chunk's object, a Responses error event.
        assert_eq!(
            provider(
                json!({ "type": "error", "error": { "type": "overloaded_error", "message": "Overloaded" } })
            ),
            Some(("Overloaded".into(), 529))
        );
        assert_eq!(
            provider(json!({ "message": "boom", "type": "server_error" })),
            Some(("boom".into(), 500))
        );
        assert_eq!(
            provider(json!({ "type": "error", "code": "rate_limit_exceeded", "message": "slow" })),
            Some(("slow".into(), 429))
        );
        let gemini = StreamError::Api {
            message: "unavailable".into(),
            status_code: 503,
            data: json!(null),
        };
        assert_eq!(
            retryable_stream_error(&gemini),
            Some(("unavailable".into(), 503))
        );
    }

    #[test]
    fn quota_request_and_parse_errors_are_not() {
        assert_eq!(
            provider(
                json!({ "type": "insufficient_quota", "code": "insufficient_quota", "message": "quota" })
            ),
            None
        );
        assert_eq!(
            provider(json!({ "type": "error", "error": { "type": "invalid_request_error" } })),
            None
        );
        let bad_request = StreamError::Api {
            message: "bad".into(),
            status_code: 400,
            data: json!(null),
        };
        assert_eq!(retryable_stream_error(&bad_request), None);
        let parse = StreamError::JsonParse {
            text: "{".into(),
            message: "eof".into(),
        };
        assert_eq!(retryable_stream_error(&parse), None);
    }
}
