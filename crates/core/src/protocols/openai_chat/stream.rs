//! The Chat Completions stream decoder: text, reasoning (`reasoning_content`), tool-call
//! deltas by index, usage, finish reason — as `@ai-sdk/openai-compatible` decodes them, or, in
//! the `OpenAi` dialect, as `@ai-sdk/openai`'s chat model does (no reasoning, `url_citation`
//! sources, logprobs and cache writes in the metadata).
use super::map_finish_reason::map_finish_reason;
use super::tool_calls::{ToolCallTracker, WireToolCall};
use crate::error::StreamError;
use crate::ids::generate_id;
use crate::parts::{ModelPart, Source};
use crate::protocols::body::put;
use crate::protocols::envelope::EnvelopeCache;
use crate::protocols::protocol::{parse_event_json, StreamDecoder};
use crate::sse::SseEvent;
use crate::types::{FinishReason, Usage};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::borrow::Cow;

// ---- stream decoding -------------------------------------------------------------------------

#[derive(Deserialize)]
struct Chunk<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    created: Option<f64>,
    #[serde(borrow)]
    model: Option<Cow<'a, str>>,
    /// Only the first choice matters (n = 1); reading just it saves a Vec per event.
    #[serde(borrow, default, deserialize_with = "first_choice")]
    choices: Option<Choice<'a>>,
    usage: Option<WireUsage>,
    error: Option<Value>,
}

fn first_choice<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Choice<'de>>, D::Error> {
    struct First;
    impl<'de> serde::de::Visitor<'de> for First {
        type Value = Option<Choice<'de>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of choices")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let first = seq.next_element()?;
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(first)
        }
    }
    d.deserialize_any(First)
}

#[derive(Deserialize)]
struct Choice<'a> {
    #[serde(borrow)]
    delta: Option<Delta<'a>>,
    #[serde(borrow)]
    finish_reason: Option<Cow<'a, str>>,
    usage: Option<WireUsage>,
    /// `{ content: [...] }`; kept as is for `providerMetadata.openai.logprobs`.
    logprobs: Option<Value>,
}

#[derive(Deserialize)]
struct Delta<'a> {
    #[serde(borrow)]
    content: Option<Cow<'a, str>>,
    #[serde(borrow)]
    reasoning_content: Option<Cow<'a, str>>,
    #[serde(borrow)]
    reasoning: Option<Cow<'a, str>>,
    tool_calls: Option<Vec<WireToolCall>>,
    annotations: Option<Vec<Annotation>>,
}

#[derive(Deserialize)]
struct Annotation {
    url_citation: Option<UrlCitation>,
}

#[derive(Deserialize)]
struct UrlCitation {
    url: String,
    title: Option<String>,
}

#[derive(Deserialize, Clone, Copy)]
struct WireUsage {
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
    total_tokens: Option<u64>,
    prompt_tokens_details: Option<PromptDetails>,
    completion_tokens_details: Option<CompletionDetails>,
}

#[derive(Deserialize, Clone, Copy)]
struct PromptDetails {
    cached_tokens: Option<u64>,
    cache_write_tokens: Option<u64>,
}

#[derive(Deserialize, Clone, Copy)]
struct CompletionDetails {
    reasoning_tokens: Option<u64>,
    accepted_prediction_tokens: Option<u64>,
    rejected_prediction_tokens: Option<u64>,
}

impl WireUsage {
    fn to_usage(self) -> Usage {
        Usage {
            input_tokens: self.prompt_tokens,
            output_tokens: self.completion_tokens,
            total_tokens: self.total_tokens,
            reasoning_tokens: self
                .completion_tokens_details
                .and_then(|d| d.reasoning_tokens),
            cached_input_tokens: self.prompt_tokens_details.and_then(|d| d.cached_tokens),
        }
    }
}

const REASONING_ID: &str = "reasoning-0";

/// Which AI SDK chat model the decoder mirrors.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Dialect {
    /// `@ai-sdk/openai-compatible`: `reasoning_content` / `reasoning` deltas, usage on the choice,
    /// empty content ignored.
    Compatible,
    /// `@ai-sdk/openai`'s `OpenAIChatLanguageModel`: no reasoning deltas, `content: ""` opens the
    /// text, metadata from the first chunk that has any (Azure's preamble has none), `created: 0`
    /// is no timestamp, `url_citation` annotations are sources.
    OpenAi,
}

pub struct Decoder {
    provider_options_name: String,
    dialect: Dialect,
    text_id: &'static str,
    /// The envelope of the last plain-text chunk (the per-token fast path).
    envelope: EnvelopeCache,
    first_chunk: bool,
    text_open: bool,
    reasoning_open: bool,
    finish_reason: FinishReason,
    /// Top-level usage wins over a choice's usage (some vendors put it on the choice).
    top_usage: Option<WireUsage>,
    choice_usage: Option<WireUsage>,
    /// The last choice's `logprobs.content` (OpenAi dialect).
    logprobs: Option<Value>,
    tools: ToolCallTracker,
}

impl Decoder {
    pub fn new(provider_options_name: String) -> Self {
        Self::with_dialect(provider_options_name, Dialect::Compatible)
    }

    pub fn with_dialect(provider_options_name: String, dialect: Dialect) -> Self {
        Decoder {
            provider_options_name,
            dialect,
            text_id: match dialect {
                Dialect::Compatible => "txt-0",
                Dialect::OpenAi => "0",
            },
            envelope: EnvelopeCache::new(br#""delta":{"content":""#),
            first_chunk: true,
            text_open: false,
            reasoning_open: false,
            finish_reason: FinishReason::Unknown,
            top_usage: None,
            choice_usage: None,
            logprobs: None,
            tools: ToolCallTracker::default(),
        }
    }
}

impl Decoder {
    fn push_text(&mut self, text: String, out: &mut Vec<ModelPart>) {
        // `@ai-sdk/openai` opens the text on an empty first delta (whose empty delta `streamText`
        // drops); the compatible model opens it on the first text.
        if text.is_empty() && (self.text_open || self.dialect == Dialect::Compatible) {
            return;
        }
        if !self.text_open {
            self.text_open = true;
            out.push(ModelPart::TextStart {
                id: self.text_id.into(),
                provider_metadata: None,
            });
        }
        if text.is_empty() {
            return;
        }
        out.push(ModelPart::TextDelta {
            id: self.text_id.into(),
            delta: text,
            provider_metadata: None,
        });
    }
}

impl StreamDecoder for Decoder {
    /// Only once the text block is open (the first text of a stream opens it through `decode`).
    fn text_continuation<'a>(&'a mut self, event: &'a SseEvent) -> Option<(&'a str, Cow<'a, str>)> {
        if !self.text_open {
            return None;
        }
        let text = self.envelope.text_of(event.data)?;
        // An empty delta emits nothing; `decode` drops it.
        (!text.is_empty()).then_some((self.text_id, text))
    }

    fn decode(&mut self, event: &SseEvent, out: &mut Vec<ModelPart>) {
        if event.data == "[DONE]" {
            return;
        }
        if let Some(text) = self.envelope.text_of(event.data) {
            self.push_text(text.into_owned(), out);
            return;
        }
        let chunk: Chunk = match serde_json::from_str(event.data) {
            Ok(c) => c,
            Err(e) => {
                self.finish_reason = FinishReason::Error;
                if e.is_data() {
                    out.push(ModelPart::Error(StreamError::TypeValidation {
                        value: serde_json::from_str(event.data).unwrap_or(Value::Null),
                        message: e.to_string(),
                    }));
                } else {
                    parse_event_json(event.data, out);
                }
                return;
            }
        };
        if let Some(error) = chunk.error {
            self.finish_reason = FinishReason::Error;
            out.push(ModelPart::Error(StreamError::Provider(error)));
            return;
        }
        if self.first_chunk {
            let created = match self.dialect {
                Dialect::Compatible => chunk.created,
                Dialect::OpenAi => chunk.created.filter(|&c| c != 0.0),
            };
            let any = chunk.id.as_ref().is_some_and(|i| !i.is_empty())
                || chunk.model.as_ref().is_some_and(|m| !m.is_empty())
                || created.is_some();
            if any || self.dialect == Dialect::Compatible {
                self.first_chunk = false;
                out.push(ModelPart::ResponseMetadata {
                    id: chunk.id.map(Cow::into_owned),
                    model_id: chunk.model.map(Cow::into_owned),
                    timestamp_ms: created.map(|s| (s * 1000.0) as i64),
                });
            }
        }
        if chunk.usage.is_some() {
            self.top_usage = chunk.usage;
        }
        let Some(choice) = chunk.choices else {
            return;
        };
        // Nothing but the delta changes state: the envelope may serve the next chunks.
        let plain_envelope = chunk.usage.is_none()
            && choice.usage.is_none()
            && choice.finish_reason.is_none()
            && choice.logprobs.is_none();
        if choice.usage.is_some() && self.dialect == Dialect::Compatible {
            self.choice_usage = choice.usage;
        }
        if let Some(content) = choice.logprobs.as_ref().and_then(|l| l.get("content")) {
            if self.dialect == Dialect::OpenAi && !content.is_null() {
                self.logprobs = Some(content.clone());
            }
        }
        if let Some(reason) = choice.finish_reason {
            self.finish_reason = map_finish_reason(&reason);
        }
        let Some(delta) = choice.delta else { return };
        let plain_text = plain_envelope
            && delta.reasoning_content.is_none()
            && delta.reasoning.is_none()
            && delta.tool_calls.is_none()
            && delta.annotations.is_none();
        match (&delta.content, plain_text) {
            (Some(content), true) => self.envelope.learn(event.data, content),
            _ => self.envelope.clear(),
        }
        if let Some(reasoning) = delta
            .reasoning_content
            .or(delta.reasoning)
            .filter(|r| !r.is_empty() && self.dialect == Dialect::Compatible)
        {
            if !self.reasoning_open {
                self.reasoning_open = true;
                out.push(ModelPart::ReasoningStart {
                    id: REASONING_ID.into(),
                    provider_metadata: None,
                });
            }
            out.push(ModelPart::ReasoningDelta {
                id: REASONING_ID.into(),
                delta: reasoning.into_owned(),
                provider_metadata: None,
            });
        }
        if let Some(content) = delta.content {
            self.push_text(content.into_owned(), out);
        }
        for (position, call) in delta.tool_calls.into_iter().flatten().enumerate() {
            self.tools.process(call, position as i64, out);
        }
        let citations = delta.annotations.into_iter().flatten();
        for citation in citations.filter_map(|a| a.url_citation) {
            out.push(ModelPart::Source(Source {
                source_type: "url",
                id: generate_id("src"),
                url: Some(citation.url),
                media_type: None,
                title: citation.title,
                filename: None,
                provider_metadata: None,
            }));
        }
    }

    fn finish(&mut self, out: &mut Vec<ModelPart>) {
        if self.reasoning_open {
            self.reasoning_open = false;
            out.push(ModelPart::ReasoningEnd {
                id: REASONING_ID.into(),
                provider_metadata: None,
            });
        }
        if self.text_open {
            self.text_open = false;
            out.push(ModelPart::TextEnd {
                id: self.text_id.into(),
                provider_metadata: None,
            });
        }
        self.tools.flush(out);
        let usage = self.top_usage.or(self.choice_usage);
        let mut metadata = Map::new();
        if let Some(details) = usage.and_then(|u| u.completion_tokens_details) {
            put(
                &mut metadata,
                "acceptedPredictionTokens",
                details.accepted_prediction_tokens,
            );
            put(
                &mut metadata,
                "rejectedPredictionTokens",
                details.rejected_prediction_tokens,
            );
        }
        if self.dialect == Dialect::OpenAi {
            let writes = usage.and_then(|u| u.prompt_tokens_details?.cache_write_tokens);
            if let Some(writes) = writes {
                metadata.insert("usage".into(), json!({ "cacheWriteTokens": writes }));
            }
            put(&mut metadata, "logprobs", self.logprobs.take());
        }
        out.push(ModelPart::Finish {
            finish_reason: self.finish_reason,
            usage: usage.map(WireUsage::to_usage).unwrap_or_default(),
            provider_metadata: Some(json!({ self.provider_options_name.clone(): metadata })),
        });
    }
}
