//! Core call types, shaped like the AI SDK v5 `LanguageModelV2` call options and `ModelMessage`s, so
//! that what a JS app passes to `streamText` deserializes here unchanged.
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::content_cache::{ContentCache, ContentKey};
use crate::error::CallError;
use crate::keyed_messages::{KeptParse, KeyedMessages, PARSED_GENERATION_BYTES};

/// Options of one model call, as a host sends them (`streamText` options minus host-only fields
/// such as tool `execute` functions and callbacks).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallOptions {
    pub system: Option<String>,
    pub prompt: Option<PromptInput>,
    /// Each with the content key of its text (`keyed_messages.rs`).
    pub messages: Option<KeyedMessages<ModelMessage>>,
    /// After `standardized_messages`, the content keys of the list it returned (`None` for
    /// `system` and a `prompt`), by which a protocol finds a message's wire form again.
    #[serde(skip)]
    pub message_keys: Vec<Option<ContentKey>>,
    #[serde(default)]
    pub tools: Vec<ToolDefinition>,
    pub tool_choice: Option<ToolChoice>,
    pub max_output_tokens: Option<u64>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub top_k: Option<f64>,
    pub presence_penalty: Option<f64>,
    pub frequency_penalty: Option<f64>,
    pub stop_sequences: Option<Vec<String>>,
    pub seed: Option<i64>,
    /// Extra attempts for retryable request failures (AI SDK default: 2).
    pub max_retries: Option<u32>,
    /// Per-call connect / first-byte / idle limits (override the provider's).
    #[serde(default)]
    pub timeouts: crate::timeouts::Timeouts,
    /// Per-call headers; a `null` value removes a header set by the provider.
    #[serde(default)]
    pub headers: Map<String, Value>,
    #[serde(default)]
    pub provider_options: Map<String, Value>,
    /// Emit each provider event as a `raw` part (AI SDK `includeRawChunks`).
    #[serde(default)]
    pub include_raw_chunks: bool,
    /// `false` (ai@6 `experimental_include: { requestBody: false }`): the step's `request` has no
    /// body, and none is kept for the host to read.
    pub include_request_body: Option<bool>,
    /// `responseFormat` of `LanguageModelV2CallOptions` (`generateObject`, `experimental_output`).
    pub response_format: Option<ResponseFormat>,
    /// Parse the text as JSON while it streams and emit `$partial-json` parts (`streamObject`,
    /// `experimental_partialOutputStream`).
    pub partial_json: Option<PartialJsonMode>,
}

/// What the model should answer with (AI SDK `LanguageModelV2CallOptions.responseFormat`).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ResponseFormat {
    Text,
    Json {
        schema: Option<Value>,
        name: Option<String>,
        description: Option<String>,
    },
}

impl CallOptions {
    /// The JSON response format asked for: `Some(schema)` (itself optional).
    pub fn json_format(&self) -> Option<(Option<&Value>, Option<&str>, Option<&str>)> {
        match &self.response_format {
            Some(ResponseFormat::Json {
                schema,
                name,
                description,
            }) => Some((schema.as_ref(), name.as_deref(), description.as_deref())),
            _ => None,
        }
    }
}

/// Which text the partial JSON is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartialJsonMode {
    /// All text deltas (`streamObject`).
    AllText,
    /// The first text block only (`streamText` with `experimental_output`).
    FirstText,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum PromptInput {
    Text(String),
    Messages(Vec<ModelMessage>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolDefinition {
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub input_schema: Value,
    #[serde(default)]
    pub provider_options: Option<Value>,
    /// `provider-defined` for a provider's own tool (web search, code execution, …), which has an
    /// `id` (`openai.web_search`) and `args` instead of a schema; absent for a function tool.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub args: Option<Value>,
}

impl ToolDefinition {
    pub fn is_provider_defined(&self) -> bool {
        self.kind.as_deref() == Some("provider-defined")
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ToolChoice {
    Mode(ToolChoiceMode),
    Tool {
        #[serde(rename = "type")]
        kind: ToolChoiceToolTag,
        #[serde(rename = "toolName")]
        tool_name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ToolChoiceMode {
    Auto,
    None,
    Required,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ToolChoiceToolTag {
    Tool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "role", rename_all = "lowercase")]
pub enum ModelMessage {
    System {
        content: String,
        #[serde(
            default,
            rename = "providerOptions",
            skip_serializing_if = "Option::is_none"
        )]
        provider_options: Option<Value>,
    },
    User {
        content: Content<UserPart>,
        #[serde(
            default,
            rename = "providerOptions",
            skip_serializing_if = "Option::is_none"
        )]
        provider_options: Option<Value>,
    },
    Assistant {
        content: Content<AssistantPart>,
        #[serde(
            default,
            rename = "providerOptions",
            skip_serializing_if = "Option::is_none"
        )]
        provider_options: Option<Value>,
    },
    Tool {
        content: Vec<ToolResultPart>,
        #[serde(
            default,
            rename = "providerOptions",
            skip_serializing_if = "Option::is_none"
        )]
        provider_options: Option<Value>,
    },
}

impl KeptParse for ModelMessage {
    fn kept() -> &'static ContentCache<Self> {
        static PARSED: std::sync::LazyLock<ContentCache<ModelMessage>> =
            std::sync::LazyLock::new(|| ContentCache::new(PARSED_GENERATION_BYTES));
        &PARSED
    }
}

impl ModelMessage {
    /// The message-level `providerOptions` (e.g. `{ anthropic: { cacheControl } }`).
    pub fn provider_options(&self) -> Option<&Value> {
        match self {
            ModelMessage::System {
                provider_options, ..
            }
            | ModelMessage::User {
                provider_options, ..
            }
            | ModelMessage::Assistant {
                provider_options, ..
            }
            | ModelMessage::Tool {
                provider_options, ..
            } => provider_options.as_ref(),
        }
    }
}

/// Message content: a plain string is shorthand for one text part.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Content<P> {
    Text(String),
    Parts(Vec<P>),
}

/// By the JSON type, not `untagged`: serde's untagged enums buffer the value and try each variant,
/// a copy of every message's content (megabytes in an agent's history), and their error says only
/// that no variant matched, where this one names the part that is wrong.
impl<'de, P: Deserialize<'de>> Deserialize<'de> for Content<P> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ContentVisitor<P>(std::marker::PhantomData<P>);
        impl<'de, P: Deserialize<'de>> serde::de::Visitor<'de> for ContentVisitor<P> {
            type Value = Content<P>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or an array of parts")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Content::Text(text.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(Content::Text(text))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut parts = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(part) = seq.next_element()? {
                    parts.push(part);
                }
                Ok(Content::Parts(parts))
            }
        }
        deserializer.deserialize_any(ContentVisitor(std::marker::PhantomData))
    }
}

impl<P: From<TextPart>> Content<P> {
    pub fn into_parts(self) -> Vec<P> {
        match self {
            Content::Text(text) => vec![P::from(TextPart { text })],
            Content::Parts(parts) => parts,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TextPart {
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum UserPart {
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_options: Option<Value>,
    },
    /// `image` is a URL, a data URL, or base64 (hosts turn bytes into base64).
    Image {
        image: String,
        media_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_options: Option<Value>,
    },
    File {
        data: String,
        media_type: String,
        filename: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_options: Option<Value>,
    },
}

impl From<TextPart> for UserPart {
    fn from(p: TextPart) -> Self {
        UserPart::Text {
            text: p.text,
            provider_options: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum AssistantPart {
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_options: Option<Value>,
    },
    Reasoning {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_options: Option<Value>,
    },
    ToolCall {
        tool_call_id: String,
        tool_name: String,
        input: Value,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_options: Option<Value>,
        /// The provider ran the tool (a server tool): it goes back as the provider's own block.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_executed: Option<bool>,
    },
    File {
        data: String,
        media_type: String,
    },
    ToolResult(ToolResultPart),
}

impl From<TextPart> for AssistantPart {
    fn from(p: TextPart) -> Self {
        AssistantPart::Text {
            text: p.text,
            provider_options: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolResultPart {
    pub tool_call_id: String,
    pub tool_name: String,
    pub output: ToolResultOutput,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_options: Option<Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum ToolResultOutput {
    Text(String),
    Json(Value),
    ErrorText(String),
    ErrorJson(Value),
    Content(Value),
}

impl ToolResultOutput {
    /// The output as the single string that chat-style APIs take for a tool message.
    pub fn to_wire_string(&self) -> String {
        match self {
            ToolResultOutput::Text(s) | ToolResultOutput::ErrorText(s) => s.clone(),
            ToolResultOutput::Json(v)
            | ToolResultOutput::ErrorJson(v)
            | ToolResultOutput::Content(v) => v.to_string(),
        }
    }
}

impl CallOptions {
    /// The tools the app defines (not the providers' own).
    pub fn function_tools(&self) -> impl Iterator<Item = &ToolDefinition> {
        self.tools.iter().filter(|t| !t.is_provider_defined())
    }

    /// The conversation as a flat list of messages (AI SDK `standardizePrompt`): `system` first,
    /// then `prompt` (a string becomes one user message) or `messages`.
    pub fn standardized_messages(&mut self) -> Result<Vec<ModelMessage>, CallError> {
        // With tools and no explicit choice the model decides (`auto`), as streamText defaults.
        if !self.tools.is_empty() && self.tool_choice.is_none() {
            self.tool_choice = Some(ToolChoice::Mode(ToolChoiceMode::Auto));
        }
        let prompt = self.prompt.take();
        let messages = self.messages.take();
        self.message_keys.clear();
        let mut out = Vec::new();
        if let Some(system) = self.system.take() {
            out.push(ModelMessage::System {
                content: system,
                provider_options: None,
            });
        }
        match (prompt, messages) {
            (Some(_), Some(_)) => {
                return Err(CallError::InvalidPrompt(
                    "prompt and messages cannot be defined at the same time".into(),
                ))
            }
            (None, None) => {
                return Err(CallError::InvalidPrompt(
                    "prompt or messages must be defined".into(),
                ))
            }
            (Some(PromptInput::Text(text)), None) => out.push(ModelMessage::User {
                content: Content::Text(text),
                provider_options: None,
            }),
            (Some(PromptInput::Messages(m)), None) => {
                check_not_empty(&m)?;
                out.extend(m)
            }
            (None, Some(KeyedMessages { messages, keys })) => {
                check_not_empty(&messages)?;
                self.message_keys = vec![None; out.len()];
                self.message_keys.extend(keys.into_iter().map(Some));
                out.extend(messages)
            }
        }
        // (A `prompt` has no keys: all `None`.)
        self.message_keys.resize(out.len(), None);
        Ok(out)
    }
}

fn check_not_empty(messages: &[ModelMessage]) -> Result<(), CallError> {
    if messages.is_empty() {
        return Err(CallError::InvalidPrompt(
            "messages must not be empty".into(),
        ));
    }
    Ok(())
}

/// Why the model stopped, with the AI SDK v5 names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FinishReason {
    Stop,
    Length,
    ContentFilter,
    ToolCalls,
    Error,
    Other,
    #[default]
    Unknown,
}

impl FinishReason {
    /// The AI SDK name (`stop`, `tool-calls`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            FinishReason::Stop => "stop",
            FinishReason::Length => "length",
            FinishReason::ContentFilter => "content-filter",
            FinishReason::ToolCalls => "tool-calls",
            FinishReason::Error => "error",
            FinishReason::Other => "other",
            FinishReason::Unknown => "unknown",
        }
    }
}

/// Token usage (AI SDK `LanguageModelUsage`): a count the provider did not report stays absent,
/// never NaN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cached_input_tokens: Option<u64>,
}

impl Usage {
    /// Field-wise sum; a field stays absent only when absent on both sides.
    pub fn add(&self, other: &Usage) -> Usage {
        fn sum(a: Option<u64>, b: Option<u64>) -> Option<u64> {
            match (a, b) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
            }
        }
        Usage {
            input_tokens: sum(self.input_tokens, other.input_tokens),
            output_tokens: sum(self.output_tokens, other.output_tokens),
            total_tokens: sum(self.total_tokens, other.total_tokens),
            reasoning_tokens: sum(self.reasoning_tokens, other.reasoning_tokens),
            cached_input_tokens: sum(self.cached_input_tokens, other.cached_input_tokens),
        }
    }
}

/// What a step or call cost in USD (from catalogue prices), rounded to a billionth of a dollar
/// (so 0.0105 reads as 0.0105, not 0.010499999…).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cost {
    pub input: f64,
    pub output: f64,
    pub cache_read: f64,
    pub cache_write: f64,
    pub total: f64,
}
