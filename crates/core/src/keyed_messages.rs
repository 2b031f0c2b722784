//! The call's `messages` read with the content key (`content_cache.rs`) of each message: the hash
//! of the message's exact text, by which a protocol finds the message's wire form again when a
//! later step sends the same message.
//!
//! A coding agent sends its whole history again every step. Each message's text is read once as
//! raw JSON (a scan, no tree) and hashed; a message whose text was parsed before is a copy of that
//! parse, kept by content, so step k parses only what is new. serde's parse of a message (an
//! internally tagged enum, buffered before it is read) is ~1.1 ms per 1.8 MB history; the raw
//! scan, the hashes and the copies ~0.8 ms.
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::content_cache::{ContentCache, ContentKey};

/// Bytes of message text whose parse is kept, per generation (two at most).
pub const PARSED_GENERATION_BYTES: usize = 16 << 20;

/// A message type whose parses are kept, by the content key of the text parsed (generic so this
/// module does not depend on `types.rs`, which holds the message type and uses it).
pub trait KeptParse: DeserializeOwned + Clone + 'static {
    fn kept() -> &'static ContentCache<Self>;
}

/// `messages` as the host sent them, and the content key of each one's text.
#[derive(Debug, Default)]
pub struct KeyedMessages<M> {
    pub messages: Vec<M>,
    pub keys: Vec<ContentKey>,
}

impl<'de, M: KeptParse> Deserialize<'de> for KeyedMessages<M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // (Boxed rather than borrowed, so options given as a `Value` read the same way.)
        let texts = Vec::<Box<RawValue>>::deserialize(deserializer)?;
        let keys: Vec<ContentKey> = texts.iter().map(|t| ContentKey::of(t.get())).collect();
        let mut parsed = Vec::new();
        let messages = M::kept()
            .get_all(keys.iter().copied().map(Some))
            .into_iter()
            .zip(&texts)
            .enumerate()
            .map(|(i, (kept, text))| match kept {
                Some(message) => Ok(message),
                None => {
                    let message = serde_json::from_str::<M>(text.get())
                        .map_err(|e| D::Error::custom(format!("messages[{i}]: {e}")))?;
                    parsed.push((keys[i], message.clone(), text.get().len()));
                    Ok(message)
                }
            })
            .collect::<Result<_, D::Error>>()?;
        M::kept().insert_all(parsed);
        Ok(KeyedMessages { messages, keys })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{CallOptions, ModelMessage};

    fn keyed(options: &str) -> KeyedMessages<ModelMessage> {
        serde_json::from_str::<CallOptions>(options)
            .unwrap()
            .messages
            .unwrap()
    }

    #[test]
    fn one_key_per_message_text() {
        let m = keyed(
            r#"{"system":"s","messages":[{"role":"user","content":"hi"}, {"role":"user","content":"hi"},{"role":"user","content":"ho"}],"temperature":1}"#,
        );
        assert_eq!(m.keys.len(), 3);
        assert_eq!(
            m.keys[0],
            ContentKey::of(r#"{"role":"user","content":"hi"}"#)
        );
        assert_eq!(m.keys[0], m.keys[1]);
        assert_ne!(m.keys[1], m.keys[2]);
    }

    #[test]
    fn a_kept_parse_is_the_same_message() {
        let options = r#"{"messages":[{"role":"assistant","content":[{"type":"text","text":"a\"b"},{"type":"tool-call","toolCallId":"c","toolName":"t","input":{"x":0.09715479862457789}}],"providerOptions":{"z":1,"a":2}}]}"#;
        let first = keyed(options);
        let again = keyed(options);
        let json = |m: &KeyedMessages<ModelMessage>| serde_json::to_string(&m.messages).unwrap();
        assert_eq!(json(&again), json(&first));
        assert!(json(&first).contains(r#""input":{"x":0.09715479862457789}"#));
        assert!(json(&first).contains(r#""providerOptions":{"z":1,"a":2}"#));
        assert_eq!(again.keys, first.keys);
    }

    #[test]
    fn a_bad_message_is_named_and_never_kept() {
        let options =
            r#"{"messages":[{"role":"user","content":"ok"},{"role":"bot","content":"x"}]}"#;
        for _ in 0..2 {
            let e = serde_json::from_str::<CallOptions>(options).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("messages[1]: unknown variant `bot`"),
                "{e}"
            );
        }
    }

    #[test]
    fn read_from_a_value_as_from_text() {
        let options = serde_json::json!({ "messages": [{ "role": "user", "content": "hi" }] });
        let call: CallOptions = serde_json::from_value(options).unwrap();
        let m = call.messages.unwrap();
        assert_eq!(
            m.keys,
            [ContentKey::of(r#"{"role":"user","content":"hi"}"#)]
        );
    }
}
