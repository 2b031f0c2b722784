//! `createOpenAI().chat(id)` / `openai.chat(id)`: Chat Completions as `@ai-sdk/openai`'s
//! `OpenAIChatLanguageModel` sends and reads it — the API's own option names, reasoning models,
//! strict tools, image detail, PDF and audio parts. The compatible vendors' model is
//! `openai_chat/` (`@ai-sdk/openai-compatible`); the two share the stream decoder, in dialects.
pub mod convert_messages;
pub mod options;
pub mod request;

use serde_json::Value;

use crate::error::CallError;
use crate::protocols::openai_chat::stream::{Decoder, Dialect};
use crate::protocols::openai_chat::whole_response;
use crate::protocols::protocol::{Protocol, ProtocolRequest, StreamDecoder};
use crate::protocols::target::Target;
use crate::sse::OwnedSseEvent;
use crate::types::{CallOptions, ModelMessage};

pub struct OpenAiPlatformChat;

impl Protocol for OpenAiPlatformChat {
    fn build_request(
        &self,
        target: &Target,
        messages: &[ModelMessage],
        call: &CallOptions,
    ) -> Result<ProtocolRequest, CallError> {
        request::build_request(target, messages, call)
    }

    fn whole_response_events(&self, body: &Value) -> Vec<OwnedSseEvent> {
        whole_response::events(body)
    }

    fn decoder(&self, target: &Target, _call: &CallOptions) -> Box<dyn StreamDecoder> {
        Box::new(Decoder::with_dialect(
            target.provider_options_name.clone(),
            Dialect::OpenAi,
        ))
    }
}

#[cfg(test)]
mod tests;
