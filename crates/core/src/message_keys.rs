//! The content key (`content_cache.rs`) of each message in call options' JSON text: the hash of
//! the message's exact text, so a protocol finds a message's wire form again when a later step
//! sends the same message. Read in a pass of its own, borrowing the texts (no copy, no parse of
//! them), and only for protocols that keep segments: ~0.5 ms for a 1.8 MB history.
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::content_cache::ContentKey;

#[derive(Deserialize)]
struct MessageTexts<'a> {
    #[serde(borrow, default)]
    messages: Vec<&'a RawValue>,
}

/// The keys of `options_json`'s `messages`, in order (none when it has none, or is not JSON of an
/// object: then the options' own parse reports the error).
pub fn message_keys(options_json: &str) -> Vec<Option<ContentKey>> {
    serde_json::from_str::<MessageTexts>(options_json)
        .map(|t| {
            t.messages
                .iter()
                .map(|m| Some(ContentKey::of(m.get())))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_message_text() {
        let keys = message_keys(
            r#"{"system":"s","messages":[{"role":"user","content":"hi"}, {"role":"user","content":"hi"},{"role":"user","content":"ho"}],"temperature":1}"#,
        );
        assert_eq!(keys.len(), 3);
        assert_eq!(
            keys[0],
            Some(ContentKey::of(r#"{"role":"user","content":"hi"}"#))
        );
        assert_eq!(keys[0], keys[1]);
        assert_ne!(keys[1], keys[2]);
    }

    #[test]
    fn none_without_messages_or_for_bad_json() {
        assert!(message_keys(r#"{"prompt":"hi"}"#).is_empty());
        assert!(message_keys(r#"{"messages":"x"}"#).is_empty());
        assert!(message_keys("[1,2").is_empty());
    }
}
