//! JSON text whose `\uXXXX` escapes hold a lone UTF-16 surrogate: what `JSON.stringify` writes
//! for a JS string cut between the two halves of an astral character (a tool result truncated
//! to N code units, say). JS sends it; a Rust string cannot hold it, so serde_json refuses the
//! whole text. The escape is replaced by U+FFFD's, as a UTF-16 → UTF-8 conversion does.

/// `json` with each lone-surrogate escape replaced by `\ufffd`, or `None` when it has none.
pub fn replace_lone_surrogates(json: &str) -> Option<String> {
    let bytes = json.as_bytes();
    let mut out: Option<String> = None;
    let (mut copied, mut at) = (0, 0);
    // Backslashes occur only inside strings, so walking from escape to escape stays in step.
    while let Some(found) = bytes.get(at..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let escape = at + found;
        if bytes.get(escape + 1) != Some(&b'u') {
            at = escape + 2;
            continue;
        }
        at = escape + 6;
        let lone = match unit_at(bytes, escape + 2) {
            Some(0xD800..=0xDBFF) => {
                let low = (bytes.get(escape + 6..escape + 8) == Some(b"\\u"))
                    .then(|| unit_at(bytes, escape + 8))
                    .flatten();
                match low {
                    Some(0xDC00..=0xDFFF) => {
                        at = escape + 12;
                        false
                    }
                    _ => true,
                }
            }
            Some(0xDC00..=0xDFFF) => true,
            _ => false,
        };
        if lone {
            let text = out.get_or_insert_with(|| String::with_capacity(json.len()));
            text.push_str(&json[copied..escape]);
            text.push_str("\\ufffd");
            copied = escape + 6;
        }
    }
    let mut text = out?;
    text.push_str(&json[copied..]);
    Some(text)
}

/// The UTF-16 unit of the four hex digits at `at`.
fn unit_at(bytes: &[u8], at: usize) -> Option<u16> {
    let digits = std::str::from_utf8(bytes.get(at..at + 4)?).ok()?;
    u16::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_halves_become_the_replacement_character_and_pairs_stay() {
        let cases = [
            (r#"["a\ud800b"]"#, Some(r#"["a\ufffdb"]"#)),
            (r#"["\udfff"]"#, Some(r#"["\ufffd"]"#)),
            (
                r#"["\ud800\ud800\udc00"]"#,
                Some(r#"["\ufffd\ud800\udc00"]"#),
            ),
            (r#"["\ud83d\ude00", "\u00e9", "\\ud800"]"#, None),
            (r#"["\ud800"#, Some(r#"["\ufffd"#)),
            (r#"["\ud8"]"#, None),
            (r#"["\"#, None),
        ];
        for (json, expected) in cases {
            assert_eq!(replace_lone_surrogates(json).as_deref(), expected, "{json}");
        }
        // Cut anywhere (a hostile or broken text), it never panics.
        let text = r#"["a\ud83d\ude00\\\udc00\u12\ud800\"#;
        for end in 0..=text.len() {
            let _ = replace_lone_surrogates(&text[..end]);
        }
        let fixed = replace_lone_surrogates(r#"{"t":"x\ud800y"}"#).unwrap();
        let value: serde_json::Value = serde_json::from_str(&fixed).unwrap();
        assert_eq!(value["t"], "x\u{fffd}y");
    }
}
