//! Embedding requests and responses (`embed` / `embedMany`): OpenAI's `/embeddings` (also every
//! OpenAI-compatible server) and Gemini's `embedContent` / `batchEmbedContents`, with the bodies
//! the AI SDK's embedding models send. `for_protocol` says which one a provider of a chat
//! protocol uses; Anthropic has none.
pub mod embedding_protocol;
pub mod google;
pub mod openai;

#[cfg(test)]
mod tests;

pub use embedding_protocol::{Embedded, EmbeddingProtocol};

/// The embedding protocol of a provider of chat protocol `name` (see `protocols::by_name`).
pub fn for_protocol(name: &str) -> Option<&'static dyn EmbeddingProtocol> {
    match name {
        "openai-chat" | "openai-platform-chat" | "openai-responses" => {
            Some(&openai::OpenAiEmbeddings)
        }
        "google-generative-ai" => Some(&google::GoogleEmbeddings),
        _ => None,
    }
}
