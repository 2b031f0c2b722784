//! The hand-over of parts to a host: serialized part batches (all-ASCII JSON, delta runs as bare
//! texts) through a bounded channel, one batch per network read.
use std::sync::Arc;

use tokio::sync::mpsc;

use serde_json::Value;

use crate::ascii_json;
use crate::parts::StreamPart;
use crate::secret::{Redactor, Secret};
use crate::transport::host_fetch::HostFetch;

/// Batches in flight between the network task and JS. Each batch holds the parts decoded from one
/// network read, so this bounds buffered data to a few reads per stream.
pub const CHANNEL_BATCHES: usize = 16;

/// Collects serialized parts (`{..},{..}`) and hands them over one batch per network read.
///
/// A delta that continues the previous part's run (same type and id, neither carrying provider
/// metadata) is written as its bare text: `{"type":"text-delta","id":"0","text":"a"}," b"`. The
/// JS side expands it back into a part; this halves the bytes and makes `JSON.parse` several
/// times cheaper than 100k objects would be (strings parse far faster than objects in V8).
pub struct PartSink {
    tx: mpsc::Sender<String>,
    buf: Vec<u8>,
    /// The run the last written part belongs to, if it was a plain delta.
    run: Option<(&'static str, String)>,
    /// The keys this call sent, removed from every batch (servers echo them in errors, headers,
    /// raw chunks — in whatever encoding).
    redactor: Option<Arc<Redactor>>,
    /// Requests the host performs with the app's `fetch` go out on the same channel.
    host_fetch: Arc<HostFetch>,
}

/// The consumer went away; the call should stop.
#[derive(Debug)]
pub struct Closed;

impl PartSink {
    pub fn new(tx: mpsc::Sender<String>) -> Self {
        PartSink {
            host_fetch: HostFetch::new(&tx),
            tx,
            buf: Vec::with_capacity(4096),
            run: None,
            redactor: None,
        }
    }

    /// The call's requests to its host's `fetch` (for providers that have one).
    pub fn host_fetch(&self) -> Arc<HostFetch> {
        self.host_fetch.clone()
    }

    /// From now on, every batch has `secrets` removed.
    pub fn redact<'a>(&mut self, secrets: impl IntoIterator<Item = &'a Secret>) {
        self.redactor = Redactor::shared(secrets);
    }

    /// What removes the call's keys from what it hands over (none when it sent no key).
    pub fn redactor(&self) -> Option<Arc<Redactor>> {
        self.redactor.clone()
    }

    pub fn push(&mut self, part: &StreamPart) {
        self.separate();
        match part.plain_delta() {
            Some((kind, id, text)) if self.continues_run(kind, id) => {
                ascii_json::write_str(&mut self.buf, text)
            }
            plain => {
                ascii_json::write(&mut self.buf, part);
                self.run = plain.map(|(kind, id, _)| (kind, id.to_owned()));
            }
        }
    }

    /// The fast lane's text delta (no provider metadata): its text alone while it continues the
    /// run, else the whole part; only a run's first delta pays for building the part.
    pub fn push_text_delta(&mut self, id: &str, text: &str) {
        if !self.continues_run("text-delta", id) {
            return self.push(&StreamPart::TextDelta {
                id: id.to_owned(),
                text: text.to_owned(),
                provider_metadata: None,
            });
        }
        self.separate();
        ascii_json::write_str(&mut self.buf, text);
    }

    fn continues_run(&self, kind: &str, id: &str) -> bool {
        matches!(&self.run, Some((k, i)) if *k == kind && i == id)
    }

    fn separate(&mut self) {
        if !self.buf.is_empty() {
            self.buf.push(b',');
        }
    }

    /// What was pushed and not yet flushed (tests read it without a channel).
    #[cfg(test)]
    pub(crate) fn pending(&self) -> &str {
        std::str::from_utf8(&self.buf).expect("ASCII JSON")
    }

    pub async fn flush(&mut self) -> Result<(), Closed> {
        if self.buf.is_empty() {
            return Ok(());
        }
        // A slot first, then the batch: a call dropped while it waits for the reader (a step
        // limit) must not lose a batch already taken out of the buffer.
        let permit = self.tx.reserve().await.map_err(|_| Closed)?;
        let mut batch = std::mem::replace(&mut self.buf, Vec::with_capacity(4096));
        if let Some(r) = self.redactor.as_ref().filter(|r| r.finds(&batch)) {
            batch = redacted(r, &batch);
        }
        // Every batch starts with a whole part, so a batch stands on its own.
        self.run = None;
        // ASCII JSON is valid UTF-8.
        let batch = String::from_utf8(batch).map_err(|_| Closed)?;
        permit.send(batch);
        Ok(())
    }
}

/// A batch with every string in it redacted. Done on the parsed parts, not the raw text, so
/// that the batch stays valid JSON whatever the key's encoding and whatever escapes surround it;
/// batches holding no key (nearly all) never come here.
fn redacted(redactor: &Redactor, batch: &[u8]) -> Vec<u8> {
    let mut wrapped = Vec::with_capacity(batch.len() + 2);
    wrapped.push(b'[');
    wrapped.extend_from_slice(batch);
    wrapped.push(b']');
    let Ok(mut parts) = serde_json::from_slice::<Vec<Value>>(&wrapped) else {
        // Not reachable (the sink wrote this JSON); never hand over unredacted text.
        return Vec::new();
    };
    let mut out = Vec::with_capacity(batch.len());
    for (i, part) in parts.iter_mut().enumerate() {
        redact_strings(part, redactor);
        if i > 0 {
            out.push(b',');
        }
        ascii_json::write(&mut out, &*part);
    }
    out
}

/// Every string in `v` redacted (keys, names, values).
pub(crate) fn redact_strings(v: &mut Value, r: &Redactor) {
    match v {
        Value::String(s) => {
            let mut bytes = std::mem::take(s).into_bytes();
            r.redact(&mut bytes);
            *s = String::from_utf8(bytes).unwrap_or_default();
        }
        Value::Array(a) => a.iter_mut().for_each(|x| redact_strings(x, r)),
        Value::Object(o) => o.values_mut().for_each(|x| redact_strings(x, r)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use serde_json::Value;

    fn text(id: &str, t: &str) -> StreamPart {
        StreamPart::TextDelta {
            id: id.into(),
            text: t.into(),
            provider_metadata: None,
        }
    }

    /// What one flush hands over, as JSON values.
    async fn batch_of(parts: &[StreamPart]) -> Vec<Value> {
        let (tx, mut rx) = mpsc::channel(4);
        let mut sink = PartSink::new(tx);
        for p in parts {
            sink.push(p);
        }
        sink.flush().await.unwrap();
        serde_json::from_str(&format!("[{}]", rx.recv().await.unwrap())).unwrap()
    }

    #[tokio::test]
    async fn a_flush_dropped_while_the_reader_is_behind_loses_nothing() {
        let (tx, mut rx) = mpsc::channel(1);
        let mut sink = PartSink::new(tx);
        sink.push(&text("0", "a"));
        sink.flush().await.unwrap(); // fills the channel
        sink.push(&text("0", "b"));
        // A step limit drops the call while its flush waits for room.
        let waited = tokio::time::timeout(std::time::Duration::from_millis(20), sink.flush()).await;
        assert!(waited.is_err());
        assert!(
            sink.pending().contains("\"b\""),
            "the batch is still in the buffer"
        );
        rx.recv().await.unwrap();
        sink.flush().await.unwrap();
        assert!(rx.recv().await.unwrap().contains("\"b\""));
    }

    #[tokio::test]
    async fn a_delta_continuing_a_run_is_its_bare_text() {
        let signed = StreamPart::ReasoningDelta {
            id: "r".into(),
            text: "".into(),
            provider_metadata: Some(json!({ "anthropic": { "signature": "s" } })),
        };
        let reasoning = |t: &str| StreamPart::ReasoningDelta {
            id: "r".into(),
            text: t.into(),
            provider_metadata: None,
        };
        let tool = |d: &str| StreamPart::ToolInputDelta {
            id: "t".into(),
            delta: d.into(),
            provider_metadata: None,
        };
        let got = batch_of(&[
            StreamPart::Start,
            text("0", "a"),
            text("0", " \"b\"\n"),
            text("1", "c"),
            text("1", "d"),
            reasoning("e"),
            reasoning("f"),
            signed.clone(),
            reasoning("g"),
            tool("{"),
            tool("}"),
            StreamPart::TextEnd {
                id: "1".into(),
                provider_metadata: None,
            },
            text("1", "h"),
        ])
        .await;
        assert_eq!(
            got,
            vec![
                json!({ "type": "start" }),
                json!({ "type": "text-delta", "id": "0", "text": "a" }),
                json!(" \"b\"\n"),
                json!({ "type": "text-delta", "id": "1", "text": "c" }),
                json!("d"),
                json!({ "type": "reasoning-delta", "id": "r", "text": "e" }),
                json!("f"),
                json!({ "type": "reasoning-delta", "id": "r", "text": "", "providerMetadata": { "anthropic": { "signature": "s" } } }),
                json!({ "type": "reasoning-delta", "id": "r", "text": "g" }),
                json!({ "type": "tool-input-delta", "id": "t", "delta": "{" }),
                json!("}"),
                json!({ "type": "text-end", "id": "1" }),
                json!({ "type": "text-delta", "id": "1", "text": "h" }),
            ]
        );
    }

    #[tokio::test]
    async fn every_batch_starts_with_a_whole_part() {
        let (tx, mut rx) = mpsc::channel(4);
        let mut sink = PartSink::new(tx);
        sink.push(&text("0", "a"));
        sink.flush().await.unwrap();
        sink.push(&text("0", "b"));
        sink.flush().await.unwrap();
        assert_eq!(
            rx.recv().await.unwrap(),
            r#"{"type":"text-delta","id":"0","text":"a"}"#
        );
        assert_eq!(
            rx.recv().await.unwrap(),
            r#"{"type":"text-delta","id":"0","text":"b"}"#
        );
    }
}
