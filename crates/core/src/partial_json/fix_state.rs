//! How much of a truncated JSON text the AI SDK's `fixJson` keeps, computed incrementally.
//!
//! `fixJson` (what `parsePartialJson` repairs a truncated text with) walks the text once with a
//! stack of states and keeps the text up to the last complete token. This is the same walk, one
//! byte at a time and resumable, so the kept length is known after every delta without going
//! over the text again. It decides only how much is kept; [`super::prefix_parser`] parses it.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Root,
    Finish,
    ObjStart,
    ObjKey,
    ObjAfterKey,
    ObjBeforeValue,
    ObjAfterValue,
    ObjAfterComma,
    ArrStart,
    ArrAfterValue,
    ArrAfterComma,
    Str,
    Escape,
    Number,
    Literal,
}

const LITERALS: [&[u8]; 3] = [b"true", b"false", b"null"];

/// A stand-in for one UTF-16 unit of a non-ASCII character: `fixJson` runs on UTF-16 units and
/// only ever compares them with ASCII characters.
const NON_ASCII: u8 = 0x80;

pub(crate) struct FixState {
    stack: Vec<State>,
    /// Bytes of the text `fixJson` keeps (everything before this offset).
    kept: usize,
    /// The literal being read (`t`, `tr`, …), from its first character.
    literal: Vec<u8>,
    /// Offset of the next byte.
    pos: usize,
    /// Whether the character the next continuation bytes belong to was kept.
    char_kept: bool,
}

impl Default for FixState {
    fn default() -> Self {
        FixState {
            stack: vec![State::Root],
            kept: 0,
            literal: Vec::new(),
            pos: 0,
            char_kept: false,
        }
    }
}

impl FixState {
    pub(crate) fn kept(&self) -> usize {
        self.kept
    }

    /// The root value is complete: nothing after it is ever kept.
    pub(crate) fn finished(&self) -> bool {
        self.stack == [State::Finish]
    }

    pub(crate) fn push_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let at = self.pos;
            self.pos += 1;
            if (0x80..0xC0).contains(&b) {
                // A continuation byte: part of the character its lead byte was.
                if self.char_kept {
                    self.kept = at + 1;
                }
                continue;
            }
            let before = self.kept;
            if b < 0x80 {
                self.step(b, at);
            } else {
                // Characters beyond the BMP are two UTF-16 units in JS.
                for _ in 0..if b >= 0xF0 { 2 } else { 1 } {
                    self.step(NON_ASCII, at);
                }
            }
            self.char_kept = self.kept != before && self.kept == at + 1;
        }
    }

    fn top(&self) -> State {
        *self.stack.last().unwrap_or(&State::Finish)
    }

    fn replace_top(&mut self, state: State) {
        if let Some(top) = self.stack.last_mut() {
            *top = state;
        }
    }

    /// A value may start at `c`; `after` is what its container expects once it is done.
    fn value_start(&mut self, c: u8, at: usize, after: State) {
        let inner = match c {
            b'"' => State::Str,
            b't' | b'f' | b'n' => {
                self.literal.clear();
                self.literal.push(c);
                State::Literal
            }
            b'-' | b'0'..=b'9' => State::Number,
            b'{' => State::ObjStart,
            b'[' => State::ArrStart,
            _ => return,
        };
        if c != b'-' {
            self.kept = at + 1; // a lone '-' is no number yet
        }
        self.replace_top(after);
        self.stack.push(inner);
    }

    /// `,` or the closing bracket after a value in an object or array.
    fn after_value(&mut self, c: u8, at: usize, comma: State, close: u8) {
        if c == b',' {
            self.replace_top(comma);
        } else if c == close {
            self.kept = at + 1;
            self.stack.pop();
        }
    }

    fn step(&mut self, c: u8, at: usize) {
        use State::*;
        match self.top() {
            Root => self.value_start(c, at, Finish),
            Finish => {}
            ObjStart => match c {
                b'"' => self.replace_top(ObjKey),
                b'}' => {
                    self.kept = at + 1;
                    self.stack.pop();
                }
                _ => {}
            },
            ObjAfterComma if c == b'"' => self.replace_top(ObjKey),
            ObjKey if c == b'"' => self.replace_top(ObjAfterKey),
            ObjAfterKey if c == b':' => self.replace_top(ObjBeforeValue),
            ObjAfterComma | ObjKey | ObjAfterKey => {}
            ObjBeforeValue => self.value_start(c, at, ObjAfterValue),
            ObjAfterValue => self.after_value(c, at, ObjAfterComma, b'}'),
            ArrStart => {
                self.kept = at + 1;
                if c == b']' {
                    self.stack.pop();
                } else {
                    self.value_start(c, at, ArrAfterValue);
                }
            }
            ArrAfterValue => {
                if c == b',' {
                    self.replace_top(ArrAfterComma);
                } else {
                    self.kept = at + 1;
                    if c == b']' {
                        self.stack.pop();
                    }
                }
            }
            ArrAfterComma => self.value_start(c, at, ArrAfterValue),
            Str => match c {
                b'"' => {
                    self.stack.pop();
                    self.kept = at + 1;
                }
                b'\\' => self.stack.push(Escape),
                _ => self.kept = at + 1,
            },
            Escape => {
                self.stack.pop();
                self.kept = at + 1;
            }
            Number => {
                if c.is_ascii_digit() {
                    self.kept = at + 1;
                } else if !matches!(c, b'e' | b'E' | b'-' | b'.') {
                    self.stack.pop();
                    if matches!(c, b',' | b'}' | b']') {
                        if c != b'}' && self.top() == ArrAfterValue {
                            self.after_value(c, at, ArrAfterComma, b']');
                        }
                        if c != b']' && self.top() == ObjAfterValue {
                            self.after_value(c, at, ObjAfterComma, b'}');
                        }
                    }
                }
            }
            Literal => {
                self.literal.push(c);
                if LITERALS.iter().any(|l| l.starts_with(&self.literal)) {
                    self.kept = at + 1;
                } else {
                    self.stack.pop();
                    if self.top() == ObjAfterValue {
                        self.after_value(c, at, ObjAfterComma, b'}');
                    } else if self.top() == ArrAfterValue {
                        self.after_value(c, at, ArrAfterComma, b']');
                    }
                }
            }
        }
    }
}
