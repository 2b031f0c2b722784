//! What `stream_next` answers: a part batch as UTF-8 bytes, with the step's request body ahead
//! of the first batch after the request went out. ai@5's `request.body` is read synchronously and
//! every IPC call is async, so the webview cannot ask for the body when the app reads it; it
//! comes along once, as the JSON text the call sent, and the page parses it only if the app reads
//! it (`lib/tauri-host.mjs`). Building it as a value in `start-step` and parsing it there cost a
//! megabyte history's step more than the rest of the step.
//!
//! The format: `B<the body's length in bytes>\n<the body><the batch>`; a batch alone starts
//! with `[`.

/// The bytes of `batch`, after `body` when there is one.
pub fn batch_bytes(batch: String, body: Option<String>) -> Vec<u8> {
    let Some(body) = body else {
        return batch.into_bytes();
    };
    let head = format!("B{}\n", body.len());
    let mut out = Vec::with_capacity(head.len() + body.len() + batch.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(body.as_bytes());
    out.extend_from_slice(batch.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_goes_ahead_of_its_batch_with_its_length_in_bytes() {
        assert_eq!(batch_bytes("[1]".into(), None), b"[1]");
        assert_eq!(
            batch_bytes("[1]".into(), Some(r#"{"a":"é"}"#.into())),
            "B10\n{\"a\":\"é\"}[1]".as_bytes()
        );
    }
}
