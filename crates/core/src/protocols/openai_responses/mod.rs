//! OpenAI Responses API (`POST {baseURL}/responses`, `stream: true`), mirroring the AI SDK's
//! `OpenAIResponsesLanguageModel`: input items, reasoning models (developer role, no sampling
//! parameters), reasoning summaries and encrypted reasoning that round-trips with `store: false`.
pub mod chatgpt_backend;
pub mod convert_input;
pub mod map_finish_reason;
pub mod prepare_tools;
pub mod provider_tools;
pub mod request;
pub mod stream;
pub mod whole_response;

use serde_json::Value;

use crate::error::CallError;
use crate::protocols::protocol::{Protocol, ProtocolRequest, StreamDecoder};
use crate::protocols::target::Target;
use crate::sse::OwnedSseEvent;
use crate::types::{CallOptions, ModelMessage};

pub struct OpenAiResponses;

impl Protocol for OpenAiResponses {
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

    fn decoder(&self, target: &Target, call: &CallOptions) -> Box<dyn StreamDecoder> {
        let store = call
            .provider_options
            .get("openai")
            .and_then(|o| o.get("store"))
            .and_then(Value::as_bool);
        Box::new(stream::Decoder::new(
            target.provider_options_name.clone(),
            store.unwrap_or(false),
            provider_tools::web_search_name(call),
        ))
    }
}

#[cfg(test)]
mod tests;
