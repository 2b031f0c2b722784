//! A strict, resumable JSON parser over the kept text, which writes what each new byte changed
//! in the value as edits (their form: [`super`]).
//!
//! It accepts exactly the texts `JSON.parse` accepts once closed the way `fixJson` closes them:
//! open strings, arrays and objects are closed, a started literal is completed, a number must
//! already be a whole number. A byte no JSON text could continue with is an error for good (the
//! AI SDK's repaired parse fails from then on too); a text that only cannot be closed *yet* (a
//! lone `-`, half a `\u` escape) gives no value for now.

use std::fmt::Write;

/// What an open object or array expects next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    KeyOrEnd,
    Key,
    Colon,
    Value,
    ValueOrEnd,
    CommaOrEnd,
}

struct Frame {
    object: bool,
    expect: Expect,
    /// The object's current key, as its JSON text (quotes included, ASCII).
    key: String,
    key_is_constructor: bool,
    /// The object is the value of a `constructor` key: a `prototype` key in it is refused, as
    /// `secure-json-parse` (behind the AI SDK's JSON parsing) refuses it.
    constructor_value: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    None,
    Backslash,
    Hex(u8),
}

/// JSON number grammar, one state per position.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Num {
    Minus,
    Zero,
    Int,
    Dot,
    Frac,
    Exp,
    ExpSign,
    ExpDigits,
}

impl Num {
    fn next(self, b: u8) -> Option<Num> {
        use Num::*;
        Some(match (self, b) {
            (Minus, b'0') => Zero,
            (Minus, b'1'..=b'9') => Int,
            (Int, b'0'..=b'9') => Int,
            (Zero | Int, b'.') => Dot,
            (Dot | Frac, b'0'..=b'9') => Frac,
            (Zero | Int | Frac, b'e' | b'E') => Exp,
            (Exp, b'+' | b'-') => ExpSign,
            (Exp | ExpSign | ExpDigits, b'0'..=b'9') => ExpDigits,
            _ => return None,
        })
    }

    fn complete(self) -> bool {
        matches!(self, Num::Zero | Num::Int | Num::Frac | Num::ExpDigits)
    }
}

enum Token {
    None,
    Str {
        key: bool,
        /// Escaped content not yet written as an edit (a key's: all of it).
        raw: Vec<u8>,
        escape: Escape,
        written: bool,
    },
    Number {
        text: String,
        state: Num,
        written: Option<f64>,
    },
    Literal {
        text: Vec<u8>,
        written: bool,
    },
}

pub(crate) struct PrefixParser {
    frames: Vec<Frame>,
    token: Token,
    root_done: bool,
    failed: bool,
    /// Edits since the last value handed out, as JSON texts separated by commas.
    edits: String,
}

impl Default for PrefixParser {
    fn default() -> Self {
        PrefixParser {
            frames: Vec::new(),
            token: Token::None,
            root_done: false,
            failed: false,
            edits: String::new(),
        }
    }
}

const WHITESPACE: &[u8] = b" \t\n\r";

/// `raw` (valid JSON string content) with non-ASCII characters as `\uXXXX` escapes, so that edits
/// stay all-ASCII like the batches they travel in.
fn push_ascii(out: &mut String, raw: &[u8]) {
    // (The kept text ends on character boundaries: `raw` is whole UTF-8.)
    let text = String::from_utf8_lossy(raw);
    if text.is_ascii() {
        return out.push_str(&text);
    }
    for ch in text.chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            for unit in ch.encode_utf16(&mut [0u16; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
}

impl PrefixParser {
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// The text so far is one whole JSON value (as `JSON.parse` would take it).
    pub(crate) fn complete(&self) -> bool {
        !self.failed
            && self.frames.is_empty()
            && match &self.token {
                Token::None => self.root_done,
                Token::Number { state, .. } => state.complete(),
                _ => false,
            }
    }

    pub(crate) fn push_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.failed {
                return;
            }
            if !self.token_byte(b) {
                self.structural(b);
            }
        }
    }

    /// Ends the current delta: the value's edits since the last call (a JSON array), or `None`
    /// when the value did not change or cannot be closed at this point (the edits then wait for
    /// the next one).
    pub(crate) fn take_edits(&mut self) -> Option<String> {
        if self.failed || !self.flush_token() || self.edits.is_empty() {
            return None;
        }
        Some(format!("[{}]", std::mem::take(&mut self.edits)))
    }

    fn fail(&mut self) {
        self.failed = true;
        self.edits.clear();
    }

    /// Depth of the container the current value belongs to (-1: the root).
    fn depth(&self) -> i64 {
        self.frames.len() as i64 - 1
    }

    /// `[kind, depth, <value>(, <key>)]`: 0 puts a new value in the container (an array's new
    /// element, an object's key), 1 replaces the last value (a number that grew), 2 appends to
    /// the last value (a string that grew).
    fn edit(&mut self, kind: u8, value: &str) {
        if !self.edits.is_empty() {
            self.edits.push(',');
        }
        let depth = self.depth();
        let _ = write!(self.edits, "[{kind},{depth},{value}");
        if kind == 0 {
            if let Some(f) = self.frames.last().filter(|f| f.object) {
                self.edits.push(',');
                self.edits.push_str(&f.key);
            }
        }
        self.edits.push(']');
    }

    /// Writes the open scalar's news; `false` when it cannot be closed as it stands.
    fn flush_token(&mut self) -> bool {
        match std::mem::replace(&mut self.token, Token::None) {
            Token::None => true,
            Token::Str {
                key,
                mut raw,
                escape,
                written,
            } => {
                let closable = escape == Escape::None;
                if !key && closable && (!written || !raw.is_empty()) {
                    let mut v = String::with_capacity(raw.len() + 2);
                    v.push('"');
                    push_ascii(&mut v, &raw);
                    v.push('"');
                    self.edit(if written { 2 } else { 0 }, &v);
                    raw.clear();
                }
                self.token = Token::Str {
                    key,
                    raw,
                    escape,
                    written: written || (!key && closable),
                };
                closable
            }
            Token::Number {
                text,
                state,
                written,
            } => {
                let mut now = written;
                if state.complete() {
                    let value = text.parse::<f64>().ok();
                    match written {
                        None => self.edit(0, &text),
                        Some(w) if Some(w) != value => self.edit(1, &text),
                        _ => {}
                    }
                    now = value.or(Some(f64::NAN));
                }
                self.token = Token::Number {
                    text,
                    state,
                    written: now,
                };
                state.complete()
            }
            Token::Literal { text, written } => {
                if !written {
                    let whole = match text[0] {
                        b't' => "true",
                        b'f' => "false",
                        _ => "null",
                    };
                    self.edit(0, whole);
                }
                self.token = Token::Literal {
                    text,
                    written: true,
                };
                true
            }
        }
    }

    /// A byte of the open string, number or literal; `false` if it is not one (it ends a number).
    fn token_byte(&mut self, b: u8) -> bool {
        match &mut self.token {
            Token::None => false,
            Token::Str { raw, escape, .. } => {
                match *escape {
                    Escape::None => match b {
                        b'"' => {
                            self.end_string();
                            return true;
                        }
                        b'\\' => *escape = Escape::Backslash,
                        0..=0x1f => {
                            self.fail();
                            return true;
                        }
                        _ => {}
                    },
                    Escape::Backslash => match b {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {
                            *escape = Escape::None
                        }
                        b'u' => *escape = Escape::Hex(0),
                        _ => {
                            self.fail();
                            return true;
                        }
                    },
                    Escape::Hex(n) => {
                        if !b.is_ascii_hexdigit() {
                            self.fail();
                            return true;
                        }
                        *escape = if n == 3 {
                            Escape::None
                        } else {
                            Escape::Hex(n + 1)
                        };
                    }
                }
                raw.push(b);
                true
            }
            Token::Number { text, state, .. } => match state.next(b) {
                Some(next) => {
                    *state = next;
                    text.push(char::from(b));
                    true
                }
                None if matches!(b, b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') => {
                    self.fail();
                    true
                }
                None => {
                    if state.complete() {
                        self.flush_token();
                        self.end_value();
                    } else {
                        self.fail();
                    }
                    false
                }
            },
            Token::Literal { text, .. } => {
                text.push(b);
                let whole = [b"true".as_slice(), b"false", b"null"]
                    .into_iter()
                    .find(|l| l.starts_with(text));
                match whole {
                    Some(l) if l.len() == text.len() => {
                        self.flush_token();
                        self.end_value();
                    }
                    Some(_) => {}
                    None => self.fail(),
                }
                true
            }
        }
    }

    fn end_string(&mut self) {
        let key = matches!(self.token, Token::Str { key: true, .. });
        if !key {
            self.flush_token();
            self.end_value();
            return;
        }
        let Token::Str { raw, .. } = std::mem::replace(&mut self.token, Token::None) else {
            return;
        };
        let name: Option<String> = {
            let mut quoted = Vec::with_capacity(raw.len() + 2);
            quoted.push(b'"');
            quoted.extend_from_slice(&raw);
            quoted.push(b'"');
            serde_json::from_slice(&quoted).ok()
        };
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        if name.as_deref() == Some("__proto__")
            || (frame.constructor_value && name.as_deref() == Some("prototype"))
        {
            return self.fail();
        }
        frame.key_is_constructor = name.as_deref() == Some("constructor");
        frame.key.clear();
        frame.key.push('"');
        push_ascii(&mut frame.key, &raw);
        frame.key.push('"');
        frame.expect = Expect::Colon;
    }

    /// The value just closed; its container (or the root) expects a comma or its end.
    fn end_value(&mut self) {
        self.token = Token::None;
        match self.frames.last_mut() {
            Some(f) => f.expect = Expect::CommaOrEnd,
            None => self.root_done = true,
        }
    }

    fn structural(&mut self, b: u8) {
        if WHITESPACE.contains(&b) {
            return;
        }
        let Some(frame) = self.frames.last_mut() else {
            if self.root_done {
                return self.fail();
            }
            return self.value_start(b);
        };
        match (frame.expect, b) {
            (Expect::KeyOrEnd | Expect::Key, b'"') => {
                self.token = Token::Str {
                    key: true,
                    raw: Vec::new(),
                    escape: Escape::None,
                    written: false,
                }
            }
            (Expect::KeyOrEnd, b'}') | (Expect::ValueOrEnd, b']') => self.close(),
            (Expect::Colon, b':') => frame.expect = Expect::Value,
            (Expect::Value | Expect::ValueOrEnd, _) => self.value_start(b),
            (Expect::CommaOrEnd, b',') => {
                frame.expect = if frame.object {
                    Expect::Key
                } else {
                    Expect::Value
                }
            }
            (Expect::CommaOrEnd, b'}') if frame.object => self.close(),
            (Expect::CommaOrEnd, b']') if !frame.object => self.close(),
            _ => self.fail(),
        }
    }

    fn close(&mut self) {
        self.frames.pop();
        self.end_value();
    }

    fn value_start(&mut self, b: u8) {
        let container = |object: bool, constructor_value: bool| Frame {
            object,
            expect: if object {
                Expect::KeyOrEnd
            } else {
                Expect::ValueOrEnd
            },
            key: String::new(),
            key_is_constructor: false,
            constructor_value,
        };
        match b {
            b'{' | b'[' => {
                let constructor = self
                    .frames
                    .last()
                    .is_some_and(|f| f.object && f.key_is_constructor);
                self.edit(0, if b == b'{' { "{}" } else { "[]" });
                self.mark_parent();
                self.frames.push(container(b == b'{', constructor));
            }
            b'"' => {
                self.mark_parent();
                self.token = Token::Str {
                    key: false,
                    raw: Vec::new(),
                    escape: Escape::None,
                    written: false,
                }
            }
            b'-' | b'0'..=b'9' => {
                self.mark_parent();
                self.token = Token::Number {
                    text: char::from(b).to_string(),
                    state: if b == b'-' {
                        Num::Minus
                    } else if b == b'0' {
                        Num::Zero
                    } else {
                        Num::Int
                    },
                    written: None,
                }
            }
            b't' | b'f' | b'n' => {
                self.mark_parent();
                self.token = Token::Literal {
                    text: vec![b],
                    written: false,
                }
            }
            _ => self.fail(),
        }
    }

    /// A value started in the current container: it expects a comma or its end after it.
    fn mark_parent(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.expect = Expect::CommaOrEnd;
        }
    }
}
