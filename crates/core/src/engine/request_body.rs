//! How a step's `request.body` reaches the host: inline in the `start-step` part and the step
//! record (the part format's default), or kept on the stream handle for the host to take. A coding
//! agent's body is megabytes of history that a JS host would otherwise parse twice per step on
//! its main thread, and that apps rarely read.
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde_json::{json, Value};

use crate::protocols::{Echo, ProtocolRequest};
use crate::secret::Redactor;

use super::sink::redact_strings;

/// Where a stream puts its request body.
pub enum RequestEcho {
    /// In the parts: `request: { body }` in `start-step` and in the step record.
    Inline,
    /// In the slot; the parts carry `request: {}`. The Node addon reads it when the app asks; the
    /// Tauri plugin sends it ahead of the next batch, as text the webview parses only if asked.
    OnDemand(RequestBodySlot),
}

/// The JSON text of the body a stream sent, once it was sent.
#[derive(Clone, Default)]
pub struct RequestBodySlot(Arc<Mutex<Option<Stored>>>);

struct Stored {
    /// The body as sent; what is reported of it (`echo`) is made when the app reads it, since it
    /// rarely does (Gemini's is the whole body as one JSON string: megabytes to escape).
    wire: Bytes,
    echo: Echo,
    /// The keys the call sent, removed when the body is handed over (a body can hold one).
    redactor: Option<Arc<Redactor>>,
}

impl RequestBodySlot {
    /// The body as JSON text, or `None` before the request went out.
    pub fn get(&self) -> Option<String> {
        let stored = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let Stored {
            wire,
            echo,
            redactor,
        } = stored.as_ref()?;
        let redactor = redactor.as_ref().filter(|r| r.finds(wire));
        match (echo, redactor) {
            (Echo::Body, None) => String::from_utf8(wire.to_vec()).ok(),
            (Echo::Text, None) => serde_json::to_string(std::str::from_utf8(wire).ok()?).ok(),
            (echo, redactor) => {
                // Redacted as values, so the text stays valid JSON whatever the key's encoding.
                let mut value: Value = serde_json::from_slice(wire).ok()?;
                if let Some(r) = redactor {
                    redact_strings(&mut value, r);
                }
                Some(echo.of_value(value).to_string())
            }
        }
    }
}

impl RequestEcho {
    /// The step's `request` record. `wire` is the body as sent (the echo unless the protocol
    /// reports a different one).
    pub fn request(
        &self,
        req: &ProtocolRequest,
        wire: &Bytes,
        redactor: Option<Arc<Redactor>>,
    ) -> Value {
        match self {
            RequestEcho::Inline => json!({ "body": req.echo_value(wire) }),
            RequestEcho::OnDemand(slot) => {
                *slot.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(Stored {
                    wire: wire.clone(),
                    echo: req.echo,
                    redactor,
                });
                json!({})
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn request(body: Value, echo: Echo) -> ProtocolRequest {
        ProtocolRequest {
            url: "http://127.0.0.1/v1".into(),
            headers: Vec::new(),
            body,
            warnings: Vec::new(),
            echo,
            messages_wire: None,
        }
    }

    #[test]
    fn inline_puts_the_echo_or_the_body_in_the_record() {
        let req = request(json!({ "a": 1, "stream": true }), Echo::Body);
        let wire = Bytes::from_static(b"{\"a\":1,\"stream\":true}");
        assert_eq!(
            RequestEcho::Inline.request(&req, &wire, None),
            json!({ "body": { "a": 1, "stream": true } })
        );
        let req = request(json!({ "a": 1, "stream": true }), Echo::Text);
        assert_eq!(
            RequestEcho::Inline.request(&req, &wire, None),
            json!({ "body": "{\"a\":1,\"stream\":true}" })
        );
        let req = request(json!({ "a": 1, "stream": true }), Echo::WithoutStream);
        assert_eq!(
            RequestEcho::Inline.request(&req, &wire, None),
            json!({ "body": { "a": 1 } })
        );
    }

    #[test]
    fn on_demand_keeps_the_sent_bytes_and_the_record_empty() {
        let slot = RequestBodySlot::default();
        assert_eq!(slot.get(), None);
        let echo = RequestEcho::OnDemand(slot.clone());
        let body = json!({ "model": "m", "n": 4 });
        let wire = Bytes::from_static(b"{\"model\":\"m\",\"n\":4}");
        assert_eq!(
            echo.request(&request(body.clone(), Echo::Body), &wire, None),
            json!({})
        );
        assert_eq!(slot.get().as_deref(), Some("{\"model\":\"m\",\"n\":4}"));
        // A protocol that reports another body (Gemini's as JSON text) has that one kept.
        echo.request(&request(body, Echo::Text), &wire, None);
        assert_eq!(
            slot.get().as_deref(),
            Some(r#""{\"model\":\"m\",\"n\":4}""#)
        );
        // Responses' is the body without `stream` (its other fields in their order).
        let streamed = Bytes::from_static(b"{\"model\":\"m\",\"stream\":true,\"n\":4}");
        echo.request(&request(json!({}), Echo::WithoutStream), &streamed, None);
        assert_eq!(slot.get().as_deref(), Some("{\"model\":\"m\",\"n\":4}"));
    }

    #[test]
    fn a_key_in_the_body_is_redacted_and_the_text_stays_json() {
        let key = Secret::new("sk-body-0123456789abcdef".into());
        let redactor = Redactor::shared([&key]);
        let slot = RequestBodySlot::default();
        // The key as sent, and JSON-escaped as a body may hold it.
        let wire = Bytes::from_static(
            br#"{"user":"sk-body-0123456789abcdef","note":"key: sk-body-\u00301234567\u0038\u0039abcdef"}"#,
        );
        RequestEcho::OnDemand(slot.clone()).request(
            &request(json!({}), Echo::Body),
            &wire,
            redactor.clone(),
        );
        let text = slot.get().unwrap();
        assert!(!text.contains("0123456789abcdef"), "{text}");
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["user"], "[REDACTED]");
        assert_eq!(value["note"], "key: [REDACTED]");
        // Gemini's, reported as one string, is redacted before it is made one.
        RequestEcho::OnDemand(slot.clone()).request(
            &request(json!({}), Echo::Text),
            &wire,
            redactor,
        );
        let text: String = serde_json::from_str(&slot.get().unwrap()).unwrap();
        assert!(!text.contains("0123456789abcdef"), "{text}");
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap()["user"],
            "[REDACTED]"
        );
    }
}
