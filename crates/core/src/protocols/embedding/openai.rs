//! OpenAI's `/embeddings`, as `@ai-sdk/openai`'s `OpenAIEmbeddingModel` and
//! `@ai-sdk/openai-compatible`'s `OpenAICompatibleEmbeddingModel` send it.
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::error::CallError;
use crate::protocols::body::put;
use crate::protocols::protocol::{Echo, ProtocolRequest};
use crate::protocols::target::Target;

use super::embedding_protocol::{
    is_number_array, number_option, options_of, string_option, Embedded, EmbeddingProtocol,
};

pub struct OpenAiEmbeddings;

#[derive(Deserialize)]
struct Response {
    data: Vec<Item>,
    usage: Option<ResponseUsage>,
    #[serde(rename = "providerMetadata")]
    provider_metadata: Option<Value>,
}

#[derive(Deserialize)]
struct Item {
    embedding: Box<RawValue>,
}

#[derive(Deserialize)]
struct ResponseUsage {
    prompt_tokens: Option<u64>,
}

impl EmbeddingProtocol for OpenAiEmbeddings {
    fn max_embeddings_per_call(&self) -> usize {
        2048
    }

    /// OpenAI's own endpoint takes at most 300,000 bytes of input per call (as
    /// `@ai-sdk/openai` splits them); compatible servers state no such limit.
    fn max_input_bytes_per_call(&self, target: &Target) -> Option<usize> {
        (target.provider_options_name == "openai").then_some(300_000)
    }

    fn build_request(
        &self,
        target: &Target,
        values: &[String],
        provider_options: &Value,
    ) -> Result<ProtocolRequest, CallError> {
        // OpenAI reads `providerOptions.openai`; a compatible provider `openai-compatible`, then
        // its own name over it.
        let name = target.provider_options_name.as_str();
        let layers = match name {
            "openai" => vec![options_of(provider_options, "openai")],
            _ => vec![
                options_of(provider_options, "openai-compatible"),
                options_of(provider_options, name),
            ],
        };
        let mut body = Map::new();
        body.insert("model".into(), json!(target.model_id));
        body.insert("input".into(), json!(values));
        body.insert("encoding_format".into(), json!("float"));
        put(
            &mut body,
            "dimensions",
            number_option(&layers, "dimensions")?,
        );
        put(&mut body, "user", string_option(&layers, "user")?);
        Ok(ProtocolRequest {
            url: format!("{}/embeddings", target.base_url),
            headers: target.auth_headers("authorization", "Bearer "),
            body: Value::Object(body),
            warnings: Vec::new(),
            echo: Echo::Body,
            messages_wire: None,
        })
    }

    fn parse_response(&self, body: &[u8]) -> Result<Embedded, String> {
        let r: Response = serde_json::from_slice(body).map_err(|e| e.to_string())?;
        if let Some(bad) = r.data.iter().position(|i| !is_number_array(&i.embedding)) {
            return Err(format!("data[{bad}].embedding is not an array of numbers"));
        }
        Ok(Embedded {
            embeddings: r.data.into_iter().map(|i| i.embedding).collect(),
            tokens: r.usage.and_then(|u| u.prompt_tokens),
            provider_metadata: r.provider_metadata,
        })
    }
}
