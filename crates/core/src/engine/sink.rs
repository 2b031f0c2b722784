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

/// Between a message's items and its text pool on the channel (a control character: never raw in
/// all-ASCII JSON).
const POOL_SEPARATOR: char = '\u{1}';

/// A channel message's items and its pooled texts (`""` when it has none).
pub(crate) fn message_items_and_texts(message: &str) -> (&str, &str) {
    message.split_once(POOL_SEPARATOR).unwrap_or((message, ""))
}

/// Appends a batch's text pool as its last item (nothing when no text was pooled, so no length
/// was written either).
pub(crate) fn push_pool(items: &mut String, texts: &str) {
    if !texts.is_empty() {
        items.push_str(",\"");
        items.push_str(texts);
        items.push('"');
    }
}

/// Longest text pooled. V8 copies a slice shorter than 13 characters; a longer one would be a view
/// that keeps the app's part holding the whole pool alive.
const POOLED_TEXT_MAX: usize = 12;

/// Collects serialized parts (`{..},{..}`) and hands them over one batch per network read, in
/// the format [`super::batch`] describes: a delta continuing its run is its bare text, or, when
/// the text is short and ASCII, its length with the text in the batch's pool.
///
/// Bare texts halve the bytes and make `JSON.parse` several times cheaper than 100k objects would
/// be (strings parse far faster than objects in V8); the pool cuts the main thread's cost per
/// token again (one string parsed per batch, each text a slice of it).
pub struct PartSink {
    tx: mpsc::Sender<String>,
    buf: Vec<u8>,
    /// The pooled texts of `buf`'s continuations, as JSON string contents.
    texts: Vec<u8>,
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
            texts: Vec::new(),
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
            Some((kind, id, text)) if self.continues_run(kind, id) => self.write_continuation(text),
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
        self.write_continuation(text);
    }

    /// A continuation's text: its length with the text pooled, or its JSON string.
    fn write_continuation(&mut self, text: &str) {
        let len = text.len();
        // (Not an empty text: a batch's lengths must come with a non-empty pool.)
        if (1..=POOLED_TEXT_MAX).contains(&len) && text.is_ascii() {
            if len >= 10 {
                self.buf.push(b'1');
            }
            self.buf.push(b'0' + (len % 10) as u8);
            ascii_json::write_str_contents(&mut self.texts, text);
        } else {
            ascii_json::write_str(&mut self.buf, text);
        }
    }

    fn continues_run(&self, kind: &str, id: &str) -> bool {
        matches!(&self.run, Some((k, i)) if *k == kind && i == id)
    }

    fn separate(&mut self) {
        if !self.buf.is_empty() {
            self.buf.push(b',');
        }
    }

    /// What was pushed and not yet flushed, as the items of a batch (tests read it without a
    /// channel).
    #[cfg(test)]
    pub(crate) fn pending(&self) -> String {
        let mut items = String::from_utf8(self.buf.clone()).expect("ASCII JSON");
        push_pool(&mut items, std::str::from_utf8(&self.texts).expect("ASCII"));
        items
    }

    pub async fn flush(&mut self) -> Result<(), Closed> {
        if self.buf.is_empty() {
            return Ok(());
        }
        // A slot first, then the batch: a call dropped while it waits for the reader (a step
        // limit) must not lose a batch already taken out of the buffer.
        let permit = self.tx.reserve().await.map_err(|_| Closed)?;
        let mut batch = std::mem::replace(&mut self.buf, Vec::with_capacity(4096));
        let redactor = self.redactor.as_ref();
        if let Some(r) = redactor.filter(|r| r.finds(&batch) || r.finds(&self.texts)) {
            batch = redacted(r, &batch, &self.texts);
        } else if !self.texts.is_empty() {
            batch.push(POOL_SEPARATOR as u8);
            batch.extend_from_slice(&self.texts);
        }
        self.texts.clear();
        // Every batch starts with a whole part, so a batch stands on its own.
        self.run = None;
        // ASCII JSON is valid UTF-8.
        let batch = String::from_utf8(batch).map_err(|_| Closed)?;
        permit.send(batch);
        Ok(())
    }
}

/// A batch with every string in it redacted, its pooled texts back in place (no pool). Done on
/// the parsed parts, not the raw text, so that the batch stays valid JSON whatever the key's
/// encoding and whatever escapes surround it; batches holding no key (nearly all) never come here.
fn redacted(redactor: &Redactor, batch: &[u8], texts: &[u8]) -> Vec<u8> {
    // Neither failure is reachable (the sink wrote this ASCII JSON); on one, hand over nothing
    // rather than unredacted text.
    let (Ok(items), Ok(texts)) = (std::str::from_utf8(batch), std::str::from_utf8(texts)) else {
        return Vec::new();
    };
    let mut wrapped = format!("[{items}");
    push_pool(&mut wrapped, texts);
    wrapped.push(']');
    let Ok(mut parts) = serde_json::from_str::<Vec<Value>>(&wrapped) else {
        return Vec::new();
    };
    super::batch::unpool(&mut parts);
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
        let message = rx.recv().await.unwrap();
        let (items, texts) = message_items_and_texts(&message);
        let mut batch = format!("[{items}");
        push_pool(&mut batch, texts);
        batch.push(']');
        serde_json::from_str(&batch).unwrap()
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
    async fn a_delta_continuing_a_run_is_its_text_or_its_length_in_the_pool() {
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
            text("0", "thirteen char"),
            text("0", "twelve chars"),
            text("0", "é"),
            text("0", ""),
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
                json!(5),
                json!("thirteen char"),
                json!(12),
                json!("é"),
                json!(""),
                json!({ "type": "text-delta", "id": "1", "text": "c" }),
                json!(1),
                json!({ "type": "reasoning-delta", "id": "r", "text": "e" }),
                json!(1),
                json!({ "type": "reasoning-delta", "id": "r", "text": "", "providerMetadata": { "anthropic": { "signature": "s" } } }),
                json!({ "type": "reasoning-delta", "id": "r", "text": "g" }),
                json!({ "type": "tool-input-delta", "id": "t", "delta": "{" }),
                json!(1),
                json!({ "type": "text-end", "id": "1" }),
                json!({ "type": "text-delta", "id": "1", "text": "h" }),
                json!(" \"b\"\ntwelve charsdf}"),
            ]
        );
    }

    #[tokio::test]
    async fn a_redacted_batch_has_its_pooled_texts_back_in_place() {
        let key = Secret::new("sk-pooled-key-0123456789".into());
        let (tx, mut rx) = mpsc::channel(4);
        let mut sink = PartSink::new(tx);
        sink.redact([&key]);
        sink.push(&text("0", "a"));
        sink.push(&text("0", " b"));
        sink.push(&text("0", "sk-pooled-"));
        sink.push(&text("0", "key-0123456789"));
        sink.push(&StreamPart::Raw {
            raw_value: json!({ "echo": "sk-pooled-key-0123456789" }),
        });
        sink.flush().await.unwrap();
        let message = rx.recv().await.unwrap();
        assert!(!message.contains("sk-pooled-key"), "{message}");
        let items: Vec<Value> = serde_json::from_str(&format!("[{message}]")).unwrap();
        assert_eq!(
            items[..4],
            [
                json!({ "type": "text-delta", "id": "0", "text": "a" }),
                json!(" b"),
                json!("sk-pooled-"),
                json!("key-0123456789"),
            ]
        );
        assert_eq!(items.len(), 5, "no pool: {message}");
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
