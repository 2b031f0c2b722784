//! JSON with every non-ASCII character written as a `\uXXXX` escape.
//!
//! Part batches cross into V8 as strings. One non-ASCII character anywhere makes V8 build the
//! whole batch as a two-byte string, decode it from UTF-8 the slow way, and parse it on its
//! two-byte path, where every short string it makes is looked up in the string table the slow
//! way too. All-ASCII JSON keeps the batch and the ASCII texts in it one-byte; only the texts
//! that hold non-ASCII characters become two-byte strings.
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Compact JSON (the trait's defaults) except for how string contents are written.
struct AsciiFormatter;

impl Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let ch = rest[at..].chars().next().unwrap_or_default();
            let mut units = [0u16; 2];
            for &mut unit in ch.encode_utf16(&mut units) {
                // (By hand, not `write!`: the formatting machinery per character showed in
                // profiles of long non-Latin texts.)
                let hex = |shift: u16| HEX[usize::from((unit >> shift) & 0xf)];
                writer.write_all(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)])?;
            }
            rest = &rest[at + ch.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// Appends `value` as all-ASCII JSON to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Serializing plain data into a Vec cannot fail.
    let _ = value.serialize(&mut Serializer::with_formatter(out, AsciiFormatter));
}

/// Appends the string `text` as all-ASCII JSON to `out`: `write` for a string, with the common
/// case (printable ASCII, nothing to escape: most tokens) copied as it is.
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    if needs_no_escape(text) {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        write(out, text);
    }
}

/// Appends what `write_str` would write between the quotes.
pub fn write_str_contents(out: &mut Vec<u8>, text: &str) {
    if needs_no_escape(text) {
        out.extend_from_slice(text.as_bytes());
    } else {
        let start = out.len();
        write(out, text);
        out.pop();
        out.remove(start); // shifts only this text's bytes
    }
}

/// Printable ASCII other than the quote and the backslash: JSON string contents as they are.
fn needs_no_escape(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn non_ascii_is_escaped_and_round_trips() {
        for text in [
            "plain",
            "Zoë",
            "東京 and 你好",
            "🚀✨ rocket",
            "a\"b\\c\n\u{7f}\u{80}",
            "",
        ] {
            let value =
                json!({ "type": "text-delta", "text": text, "nested": [text, { text: 1 }] });
            let mut out = Vec::new();
            write(&mut out, &value);
            assert!(out.is_ascii(), "{}", String::from_utf8_lossy(&out));
            assert_eq!(serde_json::from_slice::<Value>(&out).unwrap(), value);
        }
        let mut out = Vec::new();
        write(&mut out, "é🚀");
        assert_eq!(String::from_utf8(out).unwrap(), r#""\u00e9\ud83d\ude80""#);
    }

    #[test]
    fn the_plain_string_shortcut_writes_what_the_serializer_writes() {
        let controls: String = (0u8..0x20).map(char::from).collect();
        for text in [
            "",
            " word",
            "a\"b",
            "back\\slash",
            "\u{7f}del",
            "tab\t",
            "Zoë",
            "🚀",
            "~}|{",
            &controls,
        ] {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            write_str(&mut fast, text);
            write(&mut slow, text);
            assert_eq!(fast, slow, "{text:?}");
            let mut contents = b"x".to_vec();
            write_str_contents(&mut contents, text);
            assert_eq!(contents[1..], slow[1..slow.len() - 1], "{text:?}");
        }
    }
}
