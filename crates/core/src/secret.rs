//! API keys inside the library: never printed, never serialized, scrubbed from anything echoed back.

/// A credential. `Debug` prints a placeholder and there is no `Serialize`, so a key cannot leak
/// through logs or error objects by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    /// The raw value, for building the one header that must carry it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Replaces every occurrence of the key in `text` (providers echo keys in error bodies).
    pub fn redact(&self, text: &str) -> String {
        if self.0.len() < 4 || !text.contains(&self.0) {
            return text.to_owned();
        }
        text.replace(&self.0, "[REDACTED]")
    }
}

/// Scrubs the key a request sent (if any) out of text that came back from the server.
pub fn scrub(key: Option<&Secret>, text: &str) -> String {
    key.map_or_else(|| text.to_owned(), |k| k.redact(text))
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_redact_hide_the_key() {
        let s = Secret::new("sk-live-123456".into());
        assert_eq!(format!("{s:?}"), "Secret([REDACTED])");
        assert_eq!(s.redact("bad key sk-live-123456!"), "bad key [REDACTED]!");
    }
}
