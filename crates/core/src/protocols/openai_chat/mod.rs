//! OpenAI Chat Completions (`POST {baseURL}/chat/completions`, `stream: true`) and every
//! OpenAI-compatible vendor, mirroring `@ai-sdk/openai-compatible`.
pub mod convert_messages;
pub mod map_finish_reason;
pub mod prepare_tools;
pub mod request;
pub mod stream;
pub mod tool_calls;
pub mod whole_response;

use serde_json::Value;

use crate::error::CallError;
use crate::protocols::protocol::{Protocol, ProtocolRequest, StreamDecoder};
use crate::protocols::target::Target;
use crate::sse::OwnedSseEvent;
use crate::types::{CallOptions, ModelMessage};

pub struct OpenAiChat;

impl Protocol for OpenAiChat {
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
        Box::new(stream::Decoder::new(target.provider_options_name.clone()))
    }
}

#[cfg(test)]
mod tests;
