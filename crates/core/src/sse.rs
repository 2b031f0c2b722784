//! Incremental Server-Sent Events decoder (WHATWG "event stream interpretation").
//!
//! Bytes go in as they arrive from the network, in pieces split anywhere — inside a line, inside a
//! CRLF pair, inside a multi-byte UTF-8 character. Lines are cut on raw bytes (the terminators are
//! ASCII, so a complete line is always complete UTF-8) and only then decoded.
//!
//! Events are handed out borrowed: an event of one `data:` line inside one read (nearly every
//! event of a token stream) is a view of that read's bytes, never copied or allocated; the rest
//! are views of the decoder's buffers, which are reused from event to event.

/// One dispatched event, valid while the decoder hands it out. `event` is `None` when the stream
/// gave no `event:` field ("message").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SseEvent<'a> {
    pub event: Option<&'a str>,
    pub data: &'a str,
    pub id: Option<&'a str>,
    /// The event's data passed `MAX_EVENT_BYTES` and was dropped (`data` is empty): the peer sent
    /// `data:` lines without ever ending the event.
    pub oversized: bool,
}

impl SseEvent<'_> {
    /// A keep-alive: an `event: ping` or a `{"type":"ping"}` payload (Anthropic's). SSE comments
    /// never become events at all.
    pub fn is_keep_alive(&self) -> bool {
        self.event == Some("ping")
            || self
                .data
                .strip_prefix(r#"{"type":"ping""#)
                .is_some_and(|rest| rest.trim_start().starts_with('}'))
    }

    pub fn to_owned_event(&self) -> OwnedSseEvent {
        OwnedSseEvent {
            event: self.event.map(str::to_owned),
            data: self.data.to_owned(),
            id: self.id.map(str::to_owned),
            oversized: self.oversized,
        }
    }
}

/// An event kept past the read it came in: the events read before a step starts (they are
/// looked at, then decoded for real), a whole JSON answer's events, tests.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnedSseEvent {
    pub event: Option<String>,
    pub data: String,
    pub id: Option<String>,
    pub oversized: bool,
}

impl OwnedSseEvent {
    pub fn as_event(&self) -> SseEvent<'_> {
        SseEvent {
            event: self.event.as_deref(),
            data: &self.data,
            id: self.id.as_deref(),
            oversized: self.oversized,
        }
    }
}

/// Appends `bytes` as text (`from_utf8_lossy` borrows valid UTF-8, the norm, without copying).
fn push_utf8_lossy(to: &mut String, bytes: &[u8]) {
    to.push_str(&String::from_utf8_lossy(bytes));
}

/// Longest line we buffer before giving up on it; bounds memory against a peer that never ends a line.
pub const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// Most data one event may gather (its `data:` lines together), for a peer that never sends the
/// blank line that ends an event.
pub const MAX_EVENT_BYTES: usize = 64 * 1024 * 1024;

/// The data buffer is kept for the next event up to this capacity (a large event's is freed).
const KEPT_DATA_CAPACITY: usize = 64 * 1024;

#[derive(Debug, Default)]
pub struct SseDecoder {
    /// Bytes of the line being received (no terminator yet).
    line: Vec<u8>,
    /// The previous chunk ended in CR: a leading LF of the next chunk belongs to that CRLF.
    after_cr: bool,
    /// Set when the current line overflowed `MAX_LINE_BYTES`; the rest of it is skipped.
    skipping: bool,
    /// The last `event:` name read; the current event's when `has_event_name` (a stream names its
    /// events the same few ways, so the same name is not written again).
    event: String,
    has_event_name: bool,
    /// The current event's data when it is not a view of one read (several `data:` lines, or an
    /// event that began in an earlier read).
    data: String,
    has_data: bool,
    /// The current event's data passed `MAX_EVENT_BYTES`; the rest of it is dropped.
    oversized: bool,
    last_id: Option<String>,
    /// The first line has been seen (a byte order mark before it is dropped, as the spec says).
    started: bool,
}

impl SseDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Part of an event has arrived: data lines of an event not yet ended, or a line that is not
    /// a comment (a large event still coming in, which is progress; a keep-alive comment is not).
    pub fn has_event_data(&self) -> bool {
        self.has_data || self.line.first().is_some_and(|&b| b != b':')
    }

    /// Feeds a chunk and appends every event it completes to `out`.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<OwnedSseEvent>) {
        self.feed_each(chunk, &mut |event| out.push(event.to_owned_event()));
    }

    /// Feeds a chunk and hands every event it completes to `on_event`, in order.
    pub fn feed_each<'c, F: FnMut(SseEvent<'_>)>(&mut self, mut chunk: &'c [u8], on_event: &mut F) {
        if self.after_cr {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        // The chunk's whole lines are checked as UTF-8 in one pass, not one per line: they end on
        // ASCII terminators, so up to the last one the text is whole characters if it is valid.
        let whole_lines = memchr::memrchr2(b'\n', b'\r', chunk).map_or(0, |i| i + 1);
        let checked = simdutf8::basic::from_utf8(&chunk[..whole_lines]).ok();
        // The current event's data while it is one `data:` line of this chunk (not yet copied).
        let mut in_chunk: Option<&'c str> = None;
        let mut at = 0;
        while let Some(pos) = memchr::memchr2(b'\n', b'\r', &chunk[at..]) {
            let end = at + pos;
            let head = &chunk[at..end];
            let head_text = checked.and_then(|t| t.get(at..end));
            at = end + 1;
            if chunk[end] == b'\r' {
                match chunk.get(at) {
                    Some(b'\n') => at += 1,
                    None => self.after_cr = true,
                    _ => {}
                }
            }
            if self.line.is_empty() && !self.skipping {
                self.process_line(head, head_text, &mut in_chunk, on_event);
            } else {
                // (Only a chunk's first line continues a line, so no event is in the chunk yet.)
                self.append(head);
                let line = std::mem::take(&mut self.line);
                if !std::mem::take(&mut self.skipping) {
                    self.process_line(&line, None, &mut in_chunk, on_event);
                }
                self.line = line;
                self.line.clear();
            }
        }
        // An event still open goes on in a later read: its data is copied out of this one.
        if let Some(text) = in_chunk {
            self.data.push_str(text);
        }
        self.append(&chunk[at..]);
    }

    /// Ends the stream. Per the spec an event not followed by a blank line is discarded, but
    /// providers routinely close right after the last `data:` line, so a pending line and event
    /// are dispatched rather than lost.
    pub fn finish(&mut self, out: &mut Vec<OwnedSseEvent>) {
        self.finish_each(&mut |event| out.push(event.to_owned_event()));
    }

    /// [`Self::finish`], handing the last event to `on_event`.
    pub fn finish_each<F: FnMut(SseEvent<'_>)>(&mut self, on_event: &mut F) {
        if !self.line.is_empty() && !self.skipping {
            let line = std::mem::take(&mut self.line);
            self.process_line(&line, None, &mut None, on_event);
        }
        self.dispatch(&mut None, on_event);
    }

    /// Decodes a whole stream given as consecutive reads (tests, fuzzing, replay).
    pub fn decode_all(reads: &[&[u8]]) -> Vec<OwnedSseEvent> {
        let mut decoder = SseDecoder::new();
        let mut out = Vec::new();
        for read in reads {
            decoder.feed(read, &mut out);
        }
        decoder.finish(&mut out);
        out
    }

    fn append(&mut self, bytes: &[u8]) {
        if self.skipping {
            return;
        }
        if self.line.len() + bytes.len() > MAX_LINE_BYTES {
            self.line.clear();
            self.skipping = true;
            return;
        }
        self.line.extend_from_slice(bytes);
    }

    /// One line; `checked` is the same bytes when they are known to be UTF-8 already (then they
    /// are the chunk's, and a first `data:` line is kept as a view in `in_chunk`).
    fn process_line<'c, F: FnMut(SseEvent<'_>)>(
        &mut self,
        mut line: &[u8],
        checked: Option<&'c str>,
        in_chunk: &mut Option<&'c str>,
        on_event: &mut F,
    ) {
        if !self.started {
            self.started = true;
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        if line.is_empty() {
            self.dispatch(in_chunk, on_event);
            return;
        }
        if line[0] == b':' {
            return; // comment
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(i) => {
                let v = &line[i + 1..];
                (&line[..i], v.strip_prefix(b" ").unwrap_or(v))
            }
            None => (line, &b""[..]),
        };
        match field {
            b"data" => {
                let continues = std::mem::replace(&mut self.has_data, true);
                let gathered = in_chunk.map_or(self.data.len(), str::len);
                if self.oversized || gathered + value.len() + 1 > MAX_EVENT_BYTES {
                    self.oversized = true;
                    *in_chunk = None;
                    self.data = String::new();
                    return;
                }
                // (`value` ends the line, so it is the checked text's end.)
                let text = checked.and_then(|t| t.get(t.len() - value.len()..));
                if let (false, Some(text)) = (continues, text) {
                    *in_chunk = Some(text);
                    return;
                }
                if let Some(first) = in_chunk.take() {
                    self.data.push_str(first);
                }
                if continues {
                    self.data.push('\n');
                }
                match text {
                    Some(text) => self.data.push_str(text),
                    None => push_utf8_lossy(&mut self.data, value),
                }
            }
            b"event" => {
                self.has_event_name = true;
                if self.event.as_bytes() != value {
                    self.event.clear();
                    push_utf8_lossy(&mut self.event, value);
                }
            }
            b"id" if !value.contains(&0) => {
                let id = self.last_id.get_or_insert_with(String::new);
                id.clear();
                push_utf8_lossy(id, value);
            }
            _ => {} // `retry` and unknown fields are ignored
        }
    }

    fn dispatch<F: FnMut(SseEvent<'_>)>(&mut self, in_chunk: &mut Option<&str>, on_event: &mut F) {
        if std::mem::take(&mut self.has_data) {
            on_event(SseEvent {
                event: (self.has_event_name && !self.event.is_empty()).then_some(&self.event),
                data: in_chunk.take().unwrap_or(&self.data),
                id: self.last_id.as_deref(),
                oversized: std::mem::take(&mut self.oversized),
            });
            if self.data.capacity() > KEPT_DATA_CAPACITY {
                self.data = String::new();
            }
            self.data.clear();
        }
        self.has_event_name = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_chunks(chunks: &[&[u8]]) -> Vec<OwnedSseEvent> {
        SseDecoder::decode_all(chunks)
    }

    #[test]
    fn pings_are_keep_alives_and_a_partial_event_is_progress() {
        let events = decode_chunks(&[
            b"event: ping\ndata: {\"type\": \"ping\"}\n\ndata: {\"type\":\"ping\"}\n\n",
            b"data: {\"type\":\"ping_pong\"}\n\n",
        ]);
        let keep_alive: Vec<bool> = events
            .iter()
            .map(|e| e.as_event().is_keep_alive())
            .collect();
        assert_eq!(keep_alive, [true, true, false]);

        let mut d = SseDecoder::new();
        let mut out = Vec::new();
        d.feed(b": keep-al", &mut out);
        assert!(
            !d.has_event_data(),
            "a comment line in progress is not progress"
        );
        d.feed(b"ive\n\ndata: {\"choi", &mut out);
        assert!(d.has_event_data(), "a data line in progress is");
        assert!(out.is_empty());
    }

    fn ev(event: Option<&str>, data: &str) -> OwnedSseEvent {
        OwnedSseEvent {
            event: event.map(Into::into),
            data: data.to_owned(),
            ..Default::default()
        }
    }

    #[test]
    fn an_event_inside_one_read_is_a_view_of_it_and_one_across_reads_is_copied() {
        let mut d = SseDecoder::new();
        let read =
            b"event: delta\ndata: {\"a\":1}\n\nevent: delta\ndata: {\"a\":2}\n\ndata: first\n";
        let mut views = Vec::new();
        d.feed_each(read, &mut |e| {
            let from_read = read.as_ptr_range().contains(&e.data.as_ptr());
            views.push((e.event.map(str::to_owned), e.data.to_owned(), from_read));
        });
        let delta = || Some("delta".to_owned());
        assert_eq!(
            views,
            [
                (delta(), r#"{"a":1}"#.to_owned(), true),
                (delta(), r#"{"a":2}"#.to_owned(), true)
            ]
        );
        // The open event's first line was copied out before the read went away.
        assert_eq!(d.data, "first");
        let mut out = Vec::new();
        d.feed(b"data: more\n\n", &mut out);
        assert_eq!(out, vec![ev(None, "first\nmore")]);
        assert!(d.data.is_empty() && !d.has_event_name);
    }

    #[test]
    fn a_leading_byte_order_mark_is_dropped_even_split_across_reads() {
        let bom = "\u{feff}data: a\n\n".as_bytes();
        assert_eq!(decode_chunks(&[bom]), vec![ev(None, "a")]);
        assert_eq!(
            decode_chunks(&[&bom[..1], &bom[1..2], &bom[2..]]),
            vec![ev(None, "a")]
        );
        // Only at the start of the stream: later it makes an unknown field name.
        let later = "data: a\n\n\u{feff}data: b\n\n".as_bytes();
        assert_eq!(decode_chunks(&[later]), vec![ev(None, "a")]);
    }

    #[test]
    fn an_event_that_never_ends_is_bounded_and_reported() {
        let mut d = SseDecoder::new();
        let mut out = Vec::new();
        let line = format!("data: {}\n", "x".repeat(1 << 20));
        for _ in 0..(MAX_EVENT_BYTES >> 20) + 4 {
            d.feed(line.as_bytes(), &mut out);
            assert!(d.data.len() <= MAX_EVENT_BYTES);
        }
        d.feed(b"\ndata: next\n\n", &mut out);
        assert_eq!(out.len(), 2);
        assert!(out[0].oversized && out[0].data.is_empty());
        assert_eq!(out[1], ev(None, "next"));
    }

    #[test]
    fn multi_line_data_event_names_and_comments() {
        let input = b": keep-alive\nevent: ping\ndata: a\ndata:b\ndata\n\ndata: solo\n\n";
        assert_eq!(
            decode_chunks(&[input]),
            vec![ev(Some("ping"), "a\nb\n"), ev(None, "solo")]
        );
    }

    #[test]
    fn crlf_cr_and_lf_terminators_mix() {
        let input = b"data: one\r\n\r\ndata: two\r\rdata: three\n\n";
        assert_eq!(
            decode_chunks(&[input]),
            vec![ev(None, "one"), ev(None, "two"), ev(None, "three")]
        );
    }

    #[test]
    fn crlf_split_across_chunks_is_one_terminator() {
        // "data: x\r" | "\n\r" | "\n" must give exactly one event, not an extra blank line.
        let out = decode_chunks(&[b"data: x\r", b"\n\r", b"\ndata: y\n\n"]);
        assert_eq!(out, vec![ev(None, "x"), ev(None, "y")]);
    }

    #[test]
    fn utf8_character_split_across_chunks() {
        let text = "data: héllo 🌍 世界\n\n".as_bytes();
        for split in 0..text.len() {
            let out = decode_chunks(&[&text[..split], &text[split..]]);
            assert_eq!(out, vec![ev(None, "héllo 🌍 世界")], "split at {split}");
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_in_its_line_only() {
        // (A chunk with a bad byte falls back from its one UTF-8 check to a check per line.)
        let bytes = b"data: ok\n\ndata: bad \xff byte\n\ndata: caf\xc3\xa9\n\n";
        for split in 0..=bytes.len() {
            let out = decode_chunks(&[&bytes[..split], &bytes[split..]]);
            let want = vec![
                ev(None, "ok"),
                ev(None, "bad \u{fffd} byte"),
                ev(None, "café"),
            ];
            assert_eq!(out, want, "split at {split}");
        }
    }

    #[test]
    fn blank_lines_without_data_dispatch_nothing_and_event_resets() {
        let out = decode_chunks(&[b"event: a\n\n\n\ndata: d\n\n"]);
        assert_eq!(out, vec![ev(None, "d")]);
    }

    #[test]
    fn empty_data_field_dispatches_empty_event() {
        assert_eq!(decode_chunks(&[b"data:\n\n"]), vec![ev(None, "")]);
    }

    #[test]
    fn id_is_remembered() {
        let out = decode_chunks(&[b"id: 7\ndata: a\n\ndata: b\n\n"]);
        assert_eq!(out[1].id.as_deref(), Some("7"));
    }

    #[test]
    fn trailing_event_without_blank_line_is_flushed_on_finish() {
        assert_eq!(decode_chunks(&[b"data: [DONE]"]), vec![ev(None, "[DONE]")]);
    }

    #[test]
    fn overlong_line_is_skipped_not_buffered() {
        let mut d = SseDecoder::new();
        let mut out = Vec::new();
        let big = vec![b'x'; 1024 * 1024];
        d.feed(b"data: ", &mut out);
        for _ in 0..(MAX_LINE_BYTES / big.len() + 2) {
            d.feed(&big, &mut out);
        }
        assert!(d.line.len() <= MAX_LINE_BYTES);
        d.feed(b"\n\ndata: ok\n\n", &mut out);
        assert_eq!(out, vec![ev(None, "ok")]);
    }

    /// Every fixture, split at every byte boundary into two pieces and into 1..7-byte pieces,
    /// yields exactly the events of the unsplit decode.
    #[test]
    fn every_boundary_split_of_fixtures_yields_same_events() {
        for (name, bytes) in crate::test_support::framed_fixtures() {
            let whole = decode_chunks(&[&bytes]);
            assert!(!whole.is_empty(), "{name} decoded to nothing");
            // Two-piece splits at every byte of the small transcripts, at 500 places spread over
            // a large one (each split decodes the whole transcript again).
            let stride = if bytes.len() <= 4000 {
                1
            } else {
                bytes.len() / 500
            };
            for split in (0..=bytes.len()).step_by(stride) {
                let out = decode_chunks(&[&bytes[..split], &bytes[split..]]);
                assert_eq!(out, whole, "{name} split at {split}");
            }
            let sizes: &[usize] = if bytes.len() <= 65_536 {
                &[1, 2, 3, 4, 5, 6, 7]
            } else {
                &[1, 3, 7]
            };
            for &size in sizes {
                let pieces: Vec<&[u8]> = bytes.chunks(size).collect();
                assert_eq!(
                    decode_chunks(&pieces),
                    whole,
                    "{name} in {size}-byte pieces"
                );
            }
            // The same transcript with CRLF line ends decodes to the same events.
            let crlf = String::from_utf8(bytes.clone())
                .unwrap()
                .replace('\n', "\r\n");
            assert_eq!(decode_chunks(&[crlf.as_bytes()]), whole, "{name} as CRLF");
        }
    }
}
