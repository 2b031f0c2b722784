//! A request's message array assembled from the wire forms of its messages, kept by content
//! (`content_cache.rs`). For a protocol whose conversion of a message reads nothing but that
//! message (not its neighbours, not the call), a message is converted and serialised once: the
//! next step of an agent, which sends the whole history again, copies the text it made.
use std::sync::{Arc, LazyLock};

use serde_json::Value;

use crate::content_cache::{ContentCache, ContentKey};
use crate::error::CallError;
use crate::types::ModelMessage;

/// Bytes of converted message JSON kept, per generation (two at most).
const SEGMENT_GENERATION_BYTES: usize = 16 << 20;

static SEGMENTS: LazyLock<ContentCache<Arc<str>>> =
    LazyLock::new(|| ContentCache::new(SEGMENT_GENERATION_BYTES));

/// A JSON array as the segments of its items, written out into the body directly (a kept
/// segment is shared with the cache, not copied before that).
#[derive(Debug, Clone, Default)]
pub struct MessageSegments(Vec<Segment>);

/// Part of a JSON array's items.
#[derive(Debug, Clone)]
pub enum Segment {
    /// The wire text of zero or more items, kept from an earlier request.
    Kept(Arc<str>),
    /// One item made for this request.
    Value(Value),
    /// One `{"role":…,"content":[…]}` item, its content items given as segments (Anthropic's
    /// turns, whose user turns mix kept and made blocks).
    Message {
        role: &'static str,
        content: Vec<Segment>,
    },
}

impl Segment {
    fn is_empty(&self) -> bool {
        matches!(self, Segment::Kept(text) if text.is_empty())
    }

    fn write_to(&self, out: &mut Vec<u8>) {
        match self {
            Segment::Kept(text) => out.extend_from_slice(text.as_bytes()),
            // (Writing a value to memory cannot fail.)
            Segment::Value(value) => drop(serde_json::to_writer(&mut *out, value)),
            Segment::Message { role, content } => {
                out.extend_from_slice(br#"{"role":"#);
                drop(serde_json::to_writer(&mut *out, role));
                out.extend_from_slice(br#","content":"#);
                write_array(content, out);
                out.push(b'}');
            }
        }
    }

    fn kept_bytes(&self) -> usize {
        match self {
            Segment::Kept(text) => text.len(),
            Segment::Value(_) => 0,
            Segment::Message { content, .. } => content.iter().map(Segment::kept_bytes).sum(),
        }
    }
}

/// `segments` as one JSON array (empty kept segments hold no item, so no comma).
fn write_array(segments: &[Segment], out: &mut Vec<u8>) {
    out.push(b'[');
    let mut first = true;
    for segment in segments.iter().filter(|s| !s.is_empty()) {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
        segment.write_to(out);
    }
    out.push(b']');
}

impl MessageSegments {
    pub fn new(segments: Vec<Segment>) -> Self {
        MessageSegments(segments)
    }

    /// The array's JSON text appended to `out`.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        out.reserve(self.kept_bytes() + 1024);
        write_array(&self.0, out);
    }

    /// Bytes of the kept segments' text (most of the array's when the history was seen before).
    pub fn kept_bytes(&self) -> usize {
        self.0.iter().map(Segment::kept_bytes).sum()
    }
}

/// What `convert` made of one message for [`message_array`]: its items, and whether they may be
/// kept for later requests (not when making them warned: a kept message would not warn again).
pub(crate) struct Items {
    values: Vec<Value>,
    keep: bool,
}

impl Items {
    /// Items made for this request only.
    pub(crate) fn once(values: Vec<Value>) -> Self {
        Items {
            values,
            keep: false,
        }
    }
}

impl From<Vec<Value>> for Items {
    fn from(values: Vec<Value>) -> Self {
        Items { values, keep: true }
    }
}

/// `messages`, each converted by `convert` (given its index) into zero or more items, as an
/// array's segments. A message with a key in `keys` (its source text's,
/// `CallOptions::message_keys`) is looked up under `context` first; `context` names the
/// conversion (the protocol, and anything else it reads that is not in the message). `convert`
/// is called in the messages' order, for the messages not found.
pub(crate) fn message_array(
    context: &str,
    messages: &[ModelMessage],
    keys: &[Option<ContentKey>],
    mut convert: impl FnMut(usize, &ModelMessage) -> Result<Items, CallError>,
) -> Result<MessageSegments, CallError> {
    let keys: Vec<Option<ContentKey>> = (0..messages.len())
        .map(|i| key_at(keys, messages.len(), i).map(|k| k.within(context)))
        .collect();
    let known = SEGMENTS.get_all(keys.iter().copied());
    let mut out = Vec::with_capacity(messages.len());
    let mut fresh = Vec::new();
    for (index, ((message, key), known)) in messages.iter().zip(keys).zip(known).enumerate() {
        let segment = match known {
            Some(segment) => segment,
            None => {
                let items = convert(index, message)?;
                let segment: Arc<str> = items_text(&items.values).into();
                if let Some(key) = key.filter(|_| items.keep) {
                    fresh.push((key, segment.clone(), segment.len()));
                }
                segment
            }
        };
        out.push(Segment::Kept(segment));
    }
    SEGMENTS.insert_all(fresh);
    Ok(MessageSegments(out))
}

/// The key of message `index` of `count` in `keys` (`CallOptions::message_keys`); keys that do not
/// line up with the messages are not used at all.
pub(crate) fn key_at(
    keys: &[Option<ContentKey>],
    count: usize,
    index: usize,
) -> Option<ContentKey> {
    keys.get(index)
        .copied()
        .flatten()
        .filter(|_| keys.len() == count)
}

/// The wire text of what `build` makes of one message (items, comma-separated), kept under `key`
/// in `context`: for protocols whose messages are kept one at a time (Anthropic's user turns).
pub(crate) fn segment_of(
    key: ContentKey,
    context: &str,
    build: impl FnOnce() -> Result<Vec<Value>, CallError>,
) -> Result<Arc<str>, CallError> {
    let key = key.within(context);
    if let Some(Some(segment)) = SEGMENTS.get_all([Some(key)]).pop() {
        return Ok(segment);
    }
    let segment: Arc<str> = items_text(&build()?).into();
    SEGMENTS.insert_all([(key, segment.clone(), segment.len())]);
    Ok(segment)
}

/// Items as they are in a JSON array, without the brackets.
fn items_text(items: &[Value]) -> String {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let _ = serde_json::to_writer(&mut out, item); // (writing a value to memory cannot fail)
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn messages(texts: &[&str]) -> (Vec<ModelMessage>, Vec<Option<ContentKey>>) {
        let list = texts
            .iter()
            .map(|t| serde_json::from_str(t).unwrap())
            .collect();
        (
            list,
            texts.iter().map(|t| Some(ContentKey::of(t))).collect(),
        )
    }

    fn array_text(segments: MessageSegments) -> String {
        let mut out = Vec::new();
        segments.write_to(&mut out);
        String::from_utf8(out).unwrap()
    }

    fn text_of(m: &ModelMessage) -> String {
        match m {
            ModelMessage::User { content, .. } => format!("{content:?}"),
            _ => "other".into(),
        }
    }

    #[test]
    fn converts_each_message_once_per_context() {
        let (list, keys) = messages(&[
            r#"{"role":"user","content":"segments one"}"#,
            r#"{"role":"user","content":"segments two"}"#,
        ]);
        let calls = AtomicUsize::new(0);
        let convert = |_, m: &ModelMessage| {
            calls.fetch_add(1, Ordering::SeqCst);
            Ok(vec![json!({ "m": text_of(m) }), json!(1)].into())
        };
        let first = array_text(message_array("test-a", &list, &keys, convert).unwrap());
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        let expected = Value::Array(
            list.iter()
                .flat_map(|m| [json!({ "m": text_of(m) }), json!(1)])
                .collect(),
        );
        assert_eq!(first, expected.to_string());
        // Again: nothing converted, the same text.
        assert_eq!(
            array_text(message_array("test-a", &list, &keys, convert).unwrap()),
            first
        );
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        // Another context converts its own.
        message_array("test-b", &list, &keys, convert).unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 4);
        // Without keys (or with keys that do not line up) every message is converted.
        message_array("test-a", &list, &[], convert).unwrap();
        message_array("test-a", &list, &keys[..1], convert).unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 8);
    }

    #[test]
    fn empty_conversions_leave_no_comma_and_errors_pass_through() {
        let (list, keys) = messages(&[
            r#"{"role":"user","content":"segments empty a"}"#,
            r#"{"role":"user","content":"segments empty b"}"#,
            r#"{"role":"user","content":"segments empty c"}"#,
        ]);
        let some_empty = |_, m: &ModelMessage| {
            Ok(if text_of(m).contains(" b") {
                vec![]
            } else {
                vec![json!(text_of(m))]
            }
            .into())
        };
        let text = array_text(message_array("test-empty", &list, &keys, some_empty).unwrap());
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed.as_array().unwrap().len(), 2);
        let failing = |_, _: &ModelMessage| Err(CallError::InvalidPrompt("no".into()));
        assert!(message_array("test-fail", &list, &keys, failing).is_err());
    }
}
