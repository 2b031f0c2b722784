//! Google Gemini (`POST {baseURL}/models/{model}:streamGenerateContent?alt=sse`), mirroring
//! `@ai-sdk/google`: contents/parts, `systemInstruction`, function declarations in Gemini's OpenAPI
//! schema subset, whole function calls, `thought` parts as reasoning with thought signatures.
pub mod convert_messages;
pub mod map_finish_reason;
pub mod model_families;
pub mod prepare_tools;
pub mod provider_tools;
pub mod request;
pub mod schema;
pub mod sources;
pub mod stream;
pub mod streamed_call_args;

use crate::error::CallError;
use crate::protocols::protocol::{Protocol, ProtocolRequest, StreamDecoder};
use crate::protocols::target::Target;
use crate::types::{CallOptions, ModelMessage};

pub struct GoogleGenerativeAi;

impl Protocol for GoogleGenerativeAi {
    fn build_request(
        &self,
        target: &Target,
        messages: &[ModelMessage],
        call: &CallOptions,
    ) -> Result<ProtocolRequest, CallError> {
        request::build_request(target, messages, call)
    }

    fn decoder(&self, _target: &Target, _call: &CallOptions) -> Box<dyn StreamDecoder> {
        Box::<stream::Decoder>::default()
    }
}

#[cfg(test)]
mod tests;
