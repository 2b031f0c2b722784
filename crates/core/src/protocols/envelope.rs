//! Fast path for the per-token event of a stream. Providers repeat one envelope around every
//! text delta (Chat Completions: id, object, created, model, choice index, `finish_reason: null`;
//! Anthropic: type, index, delta type), so an event that is byte for byte the previous plain-text
//! event with other text in it means the same thing except for that text: only the text needs
//! decoding. Anything else (a changed field, tool calls, usage, an escape that does not decode)
//! goes through the protocol's full parse.

use std::borrow::Cow;

pub struct EnvelopeCache {
    /// What precedes the text string in the envelope, e.g. `"delta":{"content":"`.
    marker: &'static [u8],
    /// Up to and including the content string's opening quote.
    prefix: String,
    /// From the content string's closing quote to the end.
    suffix: String,
}

impl EnvelopeCache {
    pub fn new(marker: &'static [u8]) -> Self {
        EnvelopeCache {
            marker,
            prefix: String::new(),
            suffix: String::new(),
        }
    }

    /// Forgets the envelope (the last event was not a plain text delta).
    pub fn clear(&mut self) {
        self.prefix.clear();
        self.suffix.clear();
    }

    /// Remembers the envelope of `data`, a chunk the full parse found to carry nothing but the
    /// text `content`. Learns nothing unless the split is unambiguous and decodes to `content`.
    pub fn learn(&mut self, data: &str, content: &str) {
        self.clear();
        let bytes = data.as_bytes();
        let Some(at) = memchr::memmem::find(bytes, self.marker) else {
            return;
        };
        let start = at + self.marker.len();
        if memchr::memmem::find(&bytes[start..], self.marker).is_some() {
            return;
        }
        let Some(len) = string_len(&bytes[start..]) else {
            return;
        };
        let end = start + len;
        if decode(&data[start..end]).as_deref() != Some(content) {
            return;
        }
        self.prefix.push_str(&data[..start]);
        self.suffix.push_str(&data[end..]);
    }

    /// The text of `data` if it is the learned envelope around another plain string.
    pub fn text_of<'a>(&self, data: &'a str) -> Option<Cow<'a, str>> {
        if self.prefix.is_empty()
            || data.len() < self.prefix.len() + self.suffix.len()
            || !data.starts_with(&self.prefix)
            || !data.ends_with(&self.suffix)
        {
            return None;
        }
        decode(&data[self.prefix.len()..data.len() - self.suffix.len()])
    }
}

/// Length of a JSON string body (up to its closing quote), or `None` if it does not close.
fn string_len(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Some(i),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// Decodes a JSON string body; `None` if it is not one (an unescaped quote ending it early, a
/// dangling escape, a raw control character), and the caller parses the whole chunk.
fn decode(body: &str) -> Option<Cow<'_, str>> {
    if !body.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        return Some(Cow::Borrowed(body));
    }
    let mut quoted = String::with_capacity(body.len() + 2);
    quoted.push('"');
    quoted.push_str(body);
    quoted.push('"');
    serde_json::from_str(&quoted).ok().map(Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":""#;
    const TAIL: &str = r#""},"finish_reason":null}]}"#;

    fn chunk(text: &str) -> String {
        format!("{HEAD}{text}{TAIL}")
    }

    #[test]
    fn matches_the_same_envelope_with_other_text() {
        let mut cache = EnvelopeCache::new(br#""delta":{"content":""#);
        cache.learn(&chunk("Hello"), "Hello");
        assert_eq!(cache.text_of(&chunk(" world")).as_deref(), Some(" world"));
        assert_eq!(
            cache.text_of(&chunk(r#"a\nb \u00e9 \"q\""#)).as_deref(),
            Some("a\nb é \"q\"")
        );
        assert_eq!(cache.text_of(&chunk("")).as_deref(), Some(""));
    }

    #[test]
    fn anything_else_takes_the_full_parse() {
        let mut cache = EnvelopeCache::new(br#""delta":{"content":""#);
        assert_eq!(cache.text_of(&chunk("x")), None, "nothing learned yet");
        cache.learn(&chunk("Hello"), "Hello");
        for other in [
            // Text that would change the structure: an unescaped quote, a dangling escape.
            chunk(r#"a","x":"b"#),
            chunk(r"a\"),
            chunk("tab\there"),
            // A changed envelope.
            chunk("x").replace(r#""finish_reason":null"#, r#""finish_reason":"stop""#),
            chunk("x").replace(r#""model":"m""#, r#""model":"n""#),
            format!("{HEAD}x\"}},\"finish_reason\":null}}],\"usage\":{{\"prompt_tokens\":1}}}}"),
        ] {
            assert_eq!(cache.text_of(&other), None, "{other}");
        }
    }

    #[test]
    fn learns_only_an_unambiguous_envelope() {
        let mut cache = EnvelopeCache::new(br#""delta":{"content":""#);
        cache.learn(&chunk("Hello"), "Hi"); // the parse disagrees with the split
        assert_eq!(cache.text_of(&chunk("x")), None);
        let twice =
            r#"{"x":{"delta":{"content":"a"}},"choices":[{"index":0,"delta":{"content":"b"}}]}"#;
        cache.learn(twice, "b");
        assert_eq!(cache.text_of(twice), None);
    }
}
