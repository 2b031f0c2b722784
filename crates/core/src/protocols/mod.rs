//! Wire protocols. A protocol turns call options into an HTTP request and provider events into
//! `ModelPart`s. Each has its folder, split by job as the AI SDK's provider packages are
//! (`convert_messages`, `prepare_tools`, `map_finish_reason`, `stream`, …); adding one is one
//! folder plus one line in `by_name`.
pub mod anthropic;
pub mod body;
pub mod copilot_headers;
pub mod embedding;
mod envelope;
pub mod google;
pub mod message_segments;
pub mod openai_chat;
pub mod openai_model_capabilities;
pub mod openai_platform_chat;
pub mod openai_responses;
pub mod protocol;
pub mod target;

pub use protocol::{
    parse_event_json, Echo, Protocol, ProtocolRequest, SegmentedField, StreamDecoder,
};
pub use target::Target;

/// Looks a protocol up by its configuration name.
pub fn by_name(name: &str) -> Option<&'static dyn Protocol> {
    match name {
        "openai-chat" => Some(&openai_chat::OpenAiChat),
        "openai-platform-chat" => Some(&openai_platform_chat::OpenAiPlatformChat),
        "anthropic-messages" => Some(&anthropic::AnthropicMessages),
        "google-generative-ai" => Some(&google::GoogleGenerativeAi),
        "openai-responses" => Some(&openai_responses::OpenAiResponses),
        _ => None,
    }
}
