//! API keys inside the library: never printed, never serialized, scrubbed from anything echoed back.
use std::sync::{Arc, Mutex};

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

/// Query parameters whose values are credentials.
const CREDENTIAL_PARAMS: &[&str] = &[
    "key",
    "api_key",
    "apikey",
    "api-key",
    "token",
    "access_token",
    "auth",
];

/// A request URL as errors show it: the key scrubbed out, and a password in it or a credential
/// query parameter replaced by `[REDACTED]`.
pub fn url_for_errors(key: Option<&Secret>, url: &str) -> String {
    let shown = match reqwest::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("[REDACTED]"));
            }
            if u.query_pairs()
                .any(|(k, _)| CREDENTIAL_PARAMS.contains(&k.to_ascii_lowercase().as_str()))
            {
                let pairs: Vec<(String, String)> = u
                    .query_pairs()
                    .map(|(k, v)| {
                        let hidden = CREDENTIAL_PARAMS.contains(&k.to_ascii_lowercase().as_str());
                        (
                            k.into_owned(),
                            if hidden {
                                "[REDACTED]".into()
                            } else {
                                v.into_owned()
                            },
                        )
                    })
                    .collect();
                u.query_pairs_mut().clear().extend_pairs(pairs);
            }
            u.to_string()
        }
        Err(_) => url.to_owned(),
    };
    scrub(key, &shown)
}

/// Scrubs the key a request sent (if any) out of text that came back from the server.
pub fn scrub(key: Option<&Secret>, text: &str) -> String {
    key.map_or_else(|| text.to_owned(), |k| k.redact(text))
}

/// Removes the keys a call sent from everything it hands to a host, in every form a server may
/// echo them in: as they are, `\u`-escaped (as JSON text, and as JSON text inside a JSON string),
/// percent-encoded, and base64 (standard and URL-safe, at each alignment a key can have inside a
/// longer base64 text). One pass over the text for all of them.
pub struct Redactor {
    needles: aho_corasick::AhoCorasick,
    /// The keys as they are, to look for in a decoded token (partial encodings: `sk%2Dabc`).
    keys: aho_corasick::AhoCorasick,
    shortest: usize,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redactor")
    }
}

/// Shorter keys are not redacted (too many false matches); no real provider key is this short.
const MIN_REDACTED_LEN: usize = 8;

fn encoded_forms(key: &str) -> Vec<String> {
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    use base64::Engine;
    let mut forms = vec![key.to_owned()];
    for upper in [false, true] {
        let escaped: String = key
            .chars()
            .flat_map(|c| c.encode_utf16(&mut [0; 2]).to_vec())
            .map(|u| {
                if upper {
                    format!("\\u{u:04X}")
                } else {
                    format!("\\u{u:04x}")
                }
            })
            .collect();
        forms.push(escaped.replace('\\', "\\\\"));
        forms.push(escaped);
        let every_byte: String = key
            .bytes()
            .map(|b| {
                if upper {
                    format!("%{b:02X}")
                } else {
                    format!("%{b:02x}")
                }
            })
            .collect();
        forms.push(every_byte);
        let reserved: String = key
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ if upper => format!("%{b:02X}"),
                _ => format!("%{b:02x}"),
            })
            .collect();
        forms.push(reserved);
    }
    // Inside base64 of a longer text the key starts at one of three offsets within a 3-byte
    // group: the groups made of key bytes only encode the same whatever came before.
    let bytes = key.as_bytes();
    for start in 0..3 {
        let whole = (bytes.len().saturating_sub(start)) / 3 * 3;
        if whole >= 9 {
            let part = &bytes[start..start + whole];
            forms.push(STANDARD_NO_PAD.encode(part));
            forms.push(URL_SAFE_NO_PAD.encode(part));
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Redactors of the key sets used last. One costs about a millisecond and up to a megabyte to
/// build (its automaton holds every encoded form), and a process sends the same few keys on every
/// call: built per stream, 1,000 concurrent streams took 0.7 GB and seconds of CPU.
const RECENT_REDACTORS: usize = 8;
type RecentRedactors = Vec<(Vec<Secret>, Arc<Redactor>)>;
static RECENT: Mutex<RecentRedactors> = Mutex::new(Vec::new());

impl Redactor {
    /// The redactor of `secrets`, shared with other calls that sent the same keys; `None` if
    /// there is nothing to redact.
    pub fn shared<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Option<Arc<Redactor>> {
        let secrets: Vec<Secret> = secrets.into_iter().cloned().collect();
        let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = recent.iter().position(|(k, _)| *k == secrets) {
            let entry = recent.remove(i);
            let redactor = entry.1.clone();
            recent.push(entry);
            return Some(redactor);
        }
        let redactor = Arc::new(Redactor::new(&secrets)?);
        if recent.len() == RECENT_REDACTORS {
            recent.remove(0);
        }
        recent.push((secrets, redactor.clone()));
        Some(redactor)
    }

    /// A redactor of `secrets` (those shorter than 8 characters are left alone); `None` if
    /// there is nothing to redact.
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Option<Redactor> {
        let keys: Vec<&str> = secrets
            .into_iter()
            .map(|s| s.0.as_str())
            .filter(|s| s.len() >= MIN_REDACTED_LEN)
            .collect();
        let shortest = keys.iter().map(|k| k.len()).min()?;
        let forms: Vec<String> = keys.iter().flat_map(|k| encoded_forms(k)).collect();
        let build = |patterns: &[&str]| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(patterns)
                .ok()
        };
        let form_refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        Some(Redactor {
            needles: build(&form_refs)?,
            keys: build(&keys)?,
            shortest,
        })
    }

    /// Tokens (runs of characters a URL or a JSON string can hold) with `%` or `\` escapes in
    /// them that hold a key once decoded: the mixed encodings no fixed list of forms can catch
    /// (`sk%2Dabc`, `s\u006babc`). Their byte ranges.
    fn escaped_tokens(&self, text: &[u8]) -> Vec<(usize, usize)> {
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let mut decoded = Vec::new();
        // Only tokens holding an escape can hide a key this way, so the scan jumps from escape
        // to escape (memchr) instead of walking every byte of a batch of text.
        let mut done = 0; // tokens before this offset have been looked at
        for at in memchr::memchr2_iter(b'%', b'\\', text) {
            if at < done {
                continue;
            }
            let mut start = at;
            while start > done && in_token(text[start - 1]) {
                start -= 1;
            }
            let mut i = at;
            while i < text.len() && in_token(text[i]) {
                i += 1;
            }
            done = i;
            // Trailing backslashes escape what follows the token (`\"` in JSON text): kept.
            let mut end = i;
            while end > start && text[end - 1] == b'\\' {
                end -= 1;
            }
            if end - start >= self.shortest {
                decoded.clear();
                decode_escapes(&text[start..end], &mut decoded);
                if self.keys.is_match(&decoded) {
                    hits.push((start, end));
                }
            }
        }
        hits
    }

    /// Whether `text` holds a key in any of the forms.
    pub fn finds(&self, text: &[u8]) -> bool {
        self.needles.is_match(text) || !self.escaped_tokens(text).is_empty()
    }

    /// Redacts `text` in place; a text without any key is left untouched (and not copied).
    pub fn redact(&self, text: &mut Vec<u8>) {
        if self.needles.is_match(text.as_slice()) {
            let replacements = vec![&b"[REDACTED]"[..]; self.needles.patterns_len()];
            *text = self.needles.replace_all_bytes(text, &replacements);
        }
        for (start, end) in self.escaped_tokens(text).into_iter().rev() {
            text.splice(start..end, b"[REDACTED]".iter().copied());
        }
    }
}

/// The bytes an encoded key can be made of (URL and JSON-string escapes included).
fn in_token(b: u8) -> bool {
    const TABLE: [bool; 256] = {
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            t[c] = b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'.' | b'_' | b'~' | b'%' | b'+' | b'/' | b'=' | b'\\'
                );
            c += 1;
        }
        t
    };
    TABLE[b as usize]
}

/// `%XX`, `\uXXXX` (also with its backslash escaped again, `\\uXXXX`) and other backslash escapes
/// of a token, decoded (what cannot be decoded is kept).
fn decode_escapes(token: &[u8], out: &mut Vec<u8>) {
    let hex = |b: &[u8]| {
        std::str::from_utf8(b)
            .ok()
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let mut i = 0;
    while i < token.len() {
        match token[i] {
            b'%' if i + 3 <= token.len() => match hex(&token[i + 1..i + 3]) {
                Some(v) => {
                    out.push(v as u8);
                    i += 3;
                }
                None => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'\\' => {
                let mut j = i;
                while j < token.len() && token[j] == b'\\' {
                    j += 1;
                }
                match token.get(j) {
                    Some(b'u') if j + 5 <= token.len() => {
                        match hex(&token[j + 1..j + 5]).and_then(char::from_u32) {
                            Some(c) => {
                                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                                i = j + 5;
                            }
                            None => i = j,
                        }
                    }
                    _ => i = j,
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
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
    fn every_encoded_form_of_the_key_is_redacted() {
        use base64::engine::general_purpose::{STANDARD, URL_SAFE};
        use base64::Engine;
        let key = "sk-live-abc/def+ghi=0123456789";
        let r = Redactor::new([&Secret::new(key.into())]).unwrap();
        let escaped: String = key
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        for prefix in ["", "x", "xy", "xyz"] {
            let texts = [
                format!("echo {key} end"),
                format!("{{\"msg\":\"{}\"}}", escaped),
                format!("{{\"body\":\"{}\"}}", escaped.replace('\\', "\\\\")),
                format!(
                    "?k={}",
                    key.bytes().map(|b| format!("%{b:02X}")).collect::<String>()
                ),
                format!(
                    "?k={}",
                    key.replace('/', "%2F")
                        .replace('+', "%2B")
                        .replace('=', "%3D")
                ),
                STANDARD.encode(format!("{prefix}Authorization: Bearer {key}\n")),
                URL_SAFE.encode(format!("{prefix}{key}")),
            ];
            for t in texts {
                let mut bytes = t.clone().into_bytes();
                r.redact(&mut bytes);
                let out = String::from_utf8(bytes).unwrap();
                assert!(out.contains("[REDACTED]"), "not redacted: {t} → {out}");
                assert!(!out.contains(key) && !out.contains(&escaped), "{out}");
            }
        }
        // In JSON text the token may end at an escaped quote, which must survive.
        let mut json =
            format!("{{\"m\":\"a {} \\\"quoted\\\"\"}}", key.replace('-', "%2D")).into_bytes();
        r.redact(&mut json);
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["m"], "a [REDACTED] \"quoted\"");
        let mut json = format!("{{\"m\":\"{}\\\"\"}}", key.replace('-', "%2D")).into_bytes();
        r.redact(&mut json);
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&json).unwrap()["m"],
            "[REDACTED]\""
        );
        // Partial encodings: some characters escaped, the rest as they are.
        let partial = [
            key.replace('-', "%2D"),
            key.replacen('s', "\\u0073", 1),
            format!("x={}&y", key.replace('-', "%2d").replace('/', "%2F")),
        ];
        for t in partial {
            let mut bytes = t.clone().into_bytes();
            r.redact(&mut bytes);
            assert_eq!(
                String::from_utf8(bytes)
                    .unwrap()
                    .matches("[REDACTED]")
                    .count(),
                1,
                "{t}"
            );
        }
        let mut clean = b"nothing here".to_vec();
        r.redact(&mut clean);
        assert_eq!(clean, b"nothing here");
        assert!(Redactor::new([&Secret::new("short".into())]).is_none());
        assert!(Redactor::shared([&Secret::new("short".into())]).is_none());
    }

    /// The byte walk `escaped_tokens` replaced: every token of `text`, in order.
    fn escaped_tokens_by_walking(r: &Redactor, text: &[u8]) -> Vec<(usize, usize)> {
        let (mut hits, mut decoded, mut i) = (Vec::new(), Vec::new(), 0);
        while i < text.len() {
            if !in_token(text[i]) {
                i += 1;
                continue;
            }
            let start = i;
            let mut escaped = false;
            while i < text.len() && in_token(text[i]) {
                escaped |= text[i] == b'%' || text[i] == b'\\';
                i += 1;
            }
            let mut end = i;
            while end > start && text[end - 1] == b'\\' {
                end -= 1;
            }
            if escaped && end - start >= r.shortest {
                decoded.clear();
                decode_escapes(&text[start..end], &mut decoded);
                if r.keys.is_match(&decoded) {
                    hits.push((start, end));
                }
            }
        }
        hits
    }

    #[test]
    fn jumping_between_escapes_finds_what_walking_every_byte_finds() {
        let key = "sk-ant-abcdefgh12";
        let r = Redactor::new([&Secret::new(key.into())]).unwrap();
        // Texts built from pieces of keys, escapes, separators and non-tokens, seeded.
        let pieces = [
            key, "sk", "-ant-", "%2D", "%2d", "\\u0073", "\\u006b", "\\", "\\\\", "%", "\"", " ",
            "/", "=", "abc", "\\n", "é", "%zz", "x", key,
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut found = 0;
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let bytes = text.as_bytes();
            let hits = r.escaped_tokens(bytes);
            assert_eq!(hits, escaped_tokens_by_walking(&r, bytes), "{text}");
            found += usize::from(!hits.is_empty());
        }
        // (The texts do hide keys behind escapes.)
        assert!(found > 20, "{found}");
    }

    #[test]
    fn urls_in_errors_hide_passwords_and_credential_parameters() {
        assert_eq!(
            url_for_errors(None, "https://u:hunter2@api.x/v1?key=abc&v=1"),
            "https://u:%5BREDACTED%5D@api.x/v1?key=%5BREDACTED%5D&v=1"
        );
        assert_eq!(
            url_for_errors(None, "http://api.x/v1/chat"),
            "http://api.x/v1/chat"
        );
    }

    #[test]
    fn debug_and_redact_hide_the_key() {
        let s = Secret::new("sk-live-123456".into());
        assert_eq!(format!("{s:?}"), "Secret([REDACTED])");
        assert_eq!(s.redact("bad key sk-live-123456!"), "bad key [REDACTED]!");
    }

    #[test]
    fn calls_that_send_the_same_keys_share_one_redactor() {
        let a = Secret::new("sk-shared-0123456789".into());
        let b = Secret::new("sk-other-0123456789".into());
        let first = Redactor::shared([&a]).unwrap();
        assert!(Arc::ptr_eq(&first, &Redactor::shared([&a]).unwrap()));
        assert!(!Arc::ptr_eq(&first, &Redactor::shared([&b]).unwrap()));
        assert!(!Arc::ptr_eq(&first, &Redactor::shared([&a, &b]).unwrap()));
        // Only the last few key sets are kept.
        for i in 0..RECENT_REDACTORS {
            Redactor::shared([&Secret::new(format!("sk-filler-{i:012}"))]).unwrap();
        }
        assert!(!Arc::ptr_eq(&first, &Redactor::shared([&a]).unwrap()));
    }
}
