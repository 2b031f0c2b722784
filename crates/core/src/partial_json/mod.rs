//! The text of a JSON answer parsed while it streams (`streamObject`, `experimental_output`).
//!
//! After each text delta, [`PartialJson::push`] says whether the value the AI SDK's
//! `parsePartialJson` gives for the text so far changed, as edits that turn the previous value
//! into the new one. The work per delta is proportional to the delta (the AI SDK re-parses the
//! whole text on every delta and compares the result with the previous one in full).
//!
//! Edits are JSON arrays `[kind, depth, value(, key)]` on the value's open path (its last
//! element or key at each level; `depth` -1 is the root): kind 0 puts `value` as the container's
//! new last element (an array) or under `key` (an object), 1 replaces the last value (a number
//! that grew), 2 appends `value` to the last value (a string that grew). A container put is
//! empty and open: the edits that follow fill it.
mod fix_state;
mod prefix_parser;
#[cfg(test)]
mod tests;

use fix_state::FixState;
use prefix_parser::PrefixParser;

/// What a delta changed.
#[derive(Debug, PartialEq, Eq)]
pub struct Update {
    /// The edits as a JSON array (all ASCII); `[]` when only `complete` changed.
    pub edits: String,
    /// The text is now a whole JSON value (`parsePartialJson`'s `successful-parse`).
    pub complete: bool,
}

#[derive(Default)]
pub struct PartialJson {
    fix: FixState,
    parser: PrefixParser,
    /// Bytes after what the parser has read and up to the end of the text, while `fixJson` may
    /// still keep them.
    pending: Vec<u8>,
    /// Offset of `pending`'s first byte in the text.
    pending_at: usize,
    /// Length of the text, and whether anything but whitespace came after what is kept.
    len: usize,
    last_significant: Option<usize>,
    was_complete: bool,
}

impl PartialJson {
    /// Adds a delta of the text; `Some` when the partial value changed (or became complete).
    pub fn push(&mut self, delta: &str) -> Option<Update> {
        let bytes = delta.as_bytes();
        if let Some(i) = bytes.iter().rposition(|b| !b" \t\n\r".contains(b)) {
            self.last_significant = Some(self.len + i);
        }
        self.len += bytes.len();
        if !self.fix.finished() {
            self.fix.push_bytes(bytes);
            self.pending.extend_from_slice(bytes);
            let kept = self.fix.kept();
            if kept > self.pending_at {
                let take = kept - self.pending_at;
                self.parser.push_bytes(&self.pending[..take]);
                self.pending.drain(..take);
                self.pending_at = kept;
            }
            if self.fix.finished() {
                self.pending = Vec::new();
            }
        }
        let edits = self.parser.take_edits();
        let complete =
            self.parser.complete() && self.last_significant.is_none_or(|i| i < self.fix.kept());
        let became_complete = complete && !self.was_complete;
        self.was_complete = complete;
        match edits {
            Some(edits) => Some(Update { edits, complete }),
            None if became_complete => Some(Update {
                edits: "[]".to_owned(),
                complete,
            }),
            None => None,
        }
    }

    /// No value can come from this text any more (it is not JSON).
    pub fn failed(&self) -> bool {
        self.parser.failed()
    }
}
