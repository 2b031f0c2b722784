//! Anthropic Messages (`POST {baseURL}/messages`, `stream: true`), mirroring `@ai-sdk/anthropic`:
//! system prompt on top, same-role turns merged, tool results as `tool_result` blocks, prompt
//! caching breakpoints, extended thinking whose signatures round-trip through `providerOptions`.
pub mod cache_control;
pub mod capabilities;
pub mod convert_messages;
mod json_response_tool;
pub mod map_stop_reason;
pub mod prepare_tools;
pub mod request;
pub mod server_tool_history;
pub mod server_tools;
pub mod stream;
pub mod whole_response;

use serde_json::Value;

use crate::error::CallError;
use crate::protocols::protocol::{Protocol, ProtocolRequest, StreamDecoder};
use crate::protocols::target::Target;
use crate::sse::{OwnedSseEvent, SseEvent};
use crate::types::{CallOptions, ModelMessage};

pub struct AnthropicMessages;

impl Protocol for AnthropicMessages {
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

    fn decoder(&self, _target: &Target, call: &CallOptions) -> Box<dyn StreamDecoder> {
        Box::new(stream::Decoder::answering_with(
            json_response_tool::json_tool_name(call),
        ))
    }

    fn early_error(&self, event: &SseEvent) -> Option<(String, u16, bool, String)> {
        stream::early_error(event)
    }
}

#[cfg(test)]
mod tests;
