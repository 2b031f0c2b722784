//! A step being decoded: SSE events → protocol parts → `fullStream` parts into the sink, with the
//! per-token text fast lane and `raw` parts.
use serde_json::Value;

use crate::error::StreamError;
use crate::partial_json::PartialJson;
use crate::parts::{ModelPart, StreamPart};
use crate::protocols::StreamDecoder;
use crate::sse::{OwnedSseEvent, SseEvent};
use crate::types::PartialJsonMode;

use super::sink::PartSink;
use super::step::Step;

/// A `raw` part: the event's JSON as the provider sent it (its text if it is not JSON). The
/// `[DONE]` sentinel is not a chunk, as in the AI SDK's event-stream parser.
fn push_raw(sink: &mut PartSink, ev: &SseEvent) {
    if ev.data == "[DONE]" {
        return;
    }
    let raw_value =
        serde_json::from_str(ev.data).unwrap_or_else(|_| Value::String(ev.data.to_owned()));
    sink.push(&StreamPart::Raw { raw_value });
}

/// A step being decoded: events → protocol parts → `fullStream` parts into the sink.
pub struct Decoding {
    pub decoder: Box<dyn StreamDecoder>,
    pub step: Step,
    pub parts: Vec<ModelPart>,
    /// `includeRawChunks`: each event's `raw` part goes out before the parts decoded from it.
    pub raw: bool,
    /// The text read as JSON while it streams, when the call asked for it.
    pub partial: Option<PartialText>,
}

/// The text of a step read as JSON (`CallOptions::partial_json`): which text blocks count, and
/// the parser.
pub struct PartialText {
    mode: PartialJsonMode,
    /// With `FirstText`: the block being read (the first one that started).
    block: Option<String>,
    json: PartialJson,
}

impl PartialText {
    pub fn new(mode: PartialJsonMode) -> Self {
        PartialText {
            mode,
            block: None,
            json: PartialJson::default(),
        }
    }

    /// A text delta of block `id` went out: a `$partial-json` part follows it if the value changed.
    fn text(&mut self, id: &str, delta: &str, sink: &mut PartSink) {
        // (A delta without a start also opens the block that is read.)
        self.start(id);
        if self.mode == PartialJsonMode::FirstText && self.block.as_deref() != Some(id) {
            return;
        }
        let Some(update) = self.json.push(delta) else {
            return;
        };
        if let Ok(edits) = serde_json::value::RawValue::from_string(update.edits) {
            sink.push(&StreamPart::PartialJson {
                edits,
                complete: update.complete,
            });
        }
    }

    fn start(&mut self, id: &str) {
        if self.mode == PartialJsonMode::FirstText && self.block.is_none() {
            self.block = Some(id.to_owned());
        }
    }
}

impl Decoding {
    /// Events kept from before the step started, then the parts waiting (into the sink).
    pub fn events(&mut self, events: &mut Vec<OwnedSseEvent>, sink: &mut PartSink) {
        for ev in events.drain(..) {
            self.event(ev.as_event(), sink);
        }
        self.feed(sink);
    }

    /// One event. Its parts may wait in `parts` until [`Self::feed`].
    pub fn event(&mut self, ev: SseEvent<'_>, sink: &mut PartSink) {
        if ev.oversized {
            self.feed(sink);
            self.parts.push(ModelPart::Error(StreamError::InvalidResponseData {
                message: format!(
                    "An event of more than {} MiB was skipped (the server sent data lines without ending the event).",
                    crate::sse::MAX_EVENT_BYTES >> 20
                ),
                data: Value::Null,
            }));
            return;
        }
        if self.raw {
            self.feed(sink);
            push_raw(sink, &ev);
        }
        // Most events are one more token of the open text block: straight to the step and
        // the sink (after any parts still waiting, to keep the order).
        if let Some((id, text)) = self.decoder.text_continuation(&ev) {
            feed(&mut self.step, &mut self.parts, sink, &mut self.partial);
            self.step.append_text(id, &text);
            sink.push_text_delta(id, &text);
            if let Some(p) = &mut self.partial {
                p.text(id, &text, sink);
            }
            return;
        }
        self.decoder.decode(&ev, &mut self.parts);
    }

    pub fn feed(&mut self, sink: &mut PartSink) {
        feed(&mut self.step, &mut self.parts, sink, &mut self.partial);
    }
}

/// Decoded parts through the step into the sink (text deltas also through the JSON reader).
fn feed(
    step: &mut Step,
    parts: &mut Vec<ModelPart>,
    sink: &mut PartSink,
    partial: &mut Option<PartialText>,
) {
    for p in parts.drain(..) {
        let Some(reader) = partial.as_mut() else {
            step.on_part(p, &mut |sp| sink.push(&sp));
            continue;
        };
        step.on_part(p, &mut |sp| {
            sink.push(&sp);
            match &sp {
                StreamPart::TextStart { id, .. } => reader.start(id),
                StreamPart::TextDelta { id, text, .. } => reader.text(id, text, sink),
                _ => {}
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tokio::sync::mpsc;

    use crate::engine::sink::PartSink;
    use crate::sse::SseDecoder;

    /// A body as `decode` alone sees it (no fast lane) and as the stream decodes it: the parts
    /// handed to JS and the step record must be identical.
    type MakeDecoder<'a> = &'a dyn Fn() -> Box<dyn StreamDecoder>;

    fn through_step(make: MakeDecoder, body: &[u8], piece: usize, lane: bool) -> (Value, Value) {
        let (tx, _rx) = mpsc::channel(1);
        let mut sink = PartSink::new(tx);
        let step = Step::new("m", vec!["weather".into()], json!({}), vec![]);
        let mut decoding = Decoding {
            decoder: make(),
            step,
            parts: Vec::new(),
            raw: false,
            partial: None,
        };
        let (mut sse, mut events) = (SseDecoder::new(), Vec::new());
        let run = |events: &mut Vec<OwnedSseEvent>, d: &mut Decoding, sink: &mut PartSink| {
            if lane {
                d.events(events, sink);
            } else {
                for ev in events.drain(..) {
                    d.decoder.decode(&ev.as_event(), &mut d.parts);
                }
                d.feed(sink);
            }
        };
        for read in body.chunks(piece) {
            sse.feed(read, &mut events);
            run(&mut events, &mut decoding, &mut sink);
        }
        sse.finish(&mut events);
        run(&mut events, &mut decoding, &mut sink);
        decoding.decoder.finish(&mut decoding.parts);
        decoding.feed(&mut sink);
        let (mut result, _, _) = decoding.step.finish(&mut |sp| sink.push(&sp));
        let batch = sink.pending();
        let mut items = serde_json::from_str(&format!("[{batch}]")).unwrap();
        crate::engine::batch::unpool(&mut items);
        let mut parts = Value::Array(items);
        // Without a `created` field the response time is the clock's; source ids are generated.
        let content = result["content"].as_array_mut().unwrap().iter_mut();
        for record in parts.as_array_mut().unwrap().iter_mut().chain(content) {
            if record["type"] == "source" {
                record["id"] = Value::Null;
            }
        }
        for record in parts
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .chain([&mut result])
        {
            if let Some(response) = record.get_mut("response") {
                response["timestamp"] = Value::Null;
            }
        }
        (parts, result)
    }

    #[test]
    fn the_text_fast_lane_changes_nothing_but_speed() {
        use crate::protocols::{anthropic, openai_chat};
        use crate::test_support::{framed_fixture, framed_fixtures, TRICKY_TEXTS};
        let openai = || {
            Box::new(openai_chat::stream::Decoder::new("openai".into())) as Box<dyn StreamDecoder>
        };
        // (`@ai-sdk/openai`'s dialect: the compatible one gives Azure's preamble a generated id.)
        let openai_platform = || {
            Box::new(openai_chat::stream::Decoder::with_dialect(
                "openai".into(),
                openai_chat::stream::Dialect::OpenAi,
            )) as Box<dyn StreamDecoder>
        };
        let claude = || Box::<anthropic::stream::Decoder>::default() as Box<dyn StreamDecoder>;
        // Repeated envelopes (the lane's case) around tricky texts, then a finish.
        let mut chat = String::new();
        let mut messages = String::from(concat!(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        ));
        for round in 0..3 {
            for t in TRICKY_TEXTS {
                let t = serde_json::to_string(t).unwrap();
                chat += &format!("data: {{\"id\":\"c{round}\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{t}}},\"finish_reason\":null}}]}}\n\n");
                messages += &format!("event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":{t}}}}}\n\n");
            }
        }
        chat += "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        messages += "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        let mut cases: Vec<(String, Vec<u8>, MakeDecoder)> = vec![
            ("synthetic chat".into(), chat.into_bytes(), &openai),
            ("synthetic messages".into(), messages.into_bytes(), &claude),
        ];
        for (name, _) in framed_fixtures() {
            let make: MakeDecoder = if name.starts_with("anthropic__") {
                &claude
            } else if name.starts_with("openai__chat_") {
                &openai_platform
            } else if name.contains("chat_") || name.starts_with("groq__") {
                &openai
            } else {
                continue;
            };
            let body = framed_fixture(&name);
            cases.push((name, body, make));
        }
        for (name, body, make) in &cases {
            // (1-byte reads of the big transcripts add minutes and no new cuts.)
            let pieces: &[usize] = if body.len() > 16_384 {
                &[7, 4096]
            } else {
                &[1, 7, 4096]
            };
            for &piece in pieces {
                let plain = through_step(*make, body, piece, false);
                let fast = through_step(*make, body, piece, true);
                assert_eq!(fast, plain, "{name}, {piece}-byte reads");
            }
        }
        // The synthetic bodies do take the lane: most deltas are bare run texts.
        let (parts, _) = through_step(&claude, &cases[1].1, 4096, true);
        let bare = parts.as_array().unwrap().iter().filter(|p| p.is_string());
        assert!(bare.count() > 2 * TRICKY_TEXTS.len(), "{parts}");
    }
}
