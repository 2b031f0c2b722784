//! Gemini's `embedContent` (one value) and `batchEmbedContents` (several), as
//! `@ai-sdk/google`'s `GoogleGenerativeAIEmbeddingModel` sends them, `content` (per-value
//! multimodal parts) included.
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

pub struct GoogleEmbeddings;

#[derive(Deserialize)]
struct Single {
    embedding: Values,
}

#[derive(Deserialize)]
struct Batch {
    embeddings: Vec<Values>,
}

#[derive(Deserialize)]
struct Values {
    values: Box<RawValue>,
}

fn invalid(message: String) -> CallError {
    CallError::InvalidArgument {
        parameter: "providerOptions".into(),
        message,
    }
}

/// The parts of value `i`: its text, then its multimodal parts (a text part only when the value
/// is not empty, once there are such parts).
fn parts(value: &str, extra: Option<&Value>) -> Value {
    match extra.and_then(Value::as_array) {
        Some(more) => {
            let mut parts: Vec<Value> = Vec::with_capacity(more.len() + 1);
            if !value.is_empty() {
                parts.push(json!({ "text": value }));
            }
            parts.extend(more.iter().cloned());
            Value::Array(parts)
        }
        None => json!([{ "text": value }]),
    }
}

impl EmbeddingProtocol for GoogleEmbeddings {
    fn max_embeddings_per_call(&self) -> usize {
        2048
    }

    fn build_request(
        &self,
        target: &Target,
        values: &[String],
        provider_options: &Value,
    ) -> Result<ProtocolRequest, CallError> {
        let layers = [options_of(provider_options, "google")];
        let dimensionality = number_option(&layers, "outputDimensionality")?;
        let task_type = string_option(&layers, "taskType")?;
        let content = match layers[0].and_then(|o| o.get("content")) {
            None | Some(Value::Null) => None,
            Some(Value::Array(c)) if c.len() == values.len() => Some(c),
            Some(Value::Array(c)) => {
                return Err(invalid(format!(
                    "The number of multimodal content entries ({}) must match the number of values ({}).",
                    c.len(),
                    values.len()
                )))
            }
            Some(_) => return Err(invalid("content must be an array".into())),
        };
        let model = format!("models/{}", target.model_id);
        let request = |i: usize, role: bool| {
            let mut content_of = Map::new();
            if role {
                content_of.insert("role".into(), json!("user"));
            }
            content_of.insert(
                "parts".into(),
                parts(&values[i], content.and_then(|c| c.get(i))),
            );
            let mut r = Map::new();
            r.insert("model".into(), json!(model));
            r.insert("content".into(), Value::Object(content_of));
            put(&mut r, "outputDimensionality", dimensionality.clone());
            put(&mut r, "taskType", task_type.clone());
            r
        };
        let (path, body) = if values.len() == 1 {
            ("embedContent", Value::Object(request(0, false)))
        } else {
            let requests: Vec<Value> = (0..values.len())
                .map(|i| Value::Object(request(i, true)))
                .collect();
            ("batchEmbedContents", json!({ "requests": requests }))
        };
        Ok(ProtocolRequest {
            url: format!("{}/models/{}:{path}", target.base_url, target.model_id),
            headers: target.auth_headers("x-goog-api-key", ""),
            body,
            warnings: Vec::new(),
            echo: Echo::Body,
            messages_wire: None,
        })
    }

    fn parse_response(&self, body: &[u8]) -> Result<Embedded, String> {
        // One value is answered by `embedContent`, several by `batchEmbedContents`.
        let embeddings = match serde_json::from_slice::<Single>(body) {
            Ok(single) => vec![single.embedding.values],
            Err(_) => serde_json::from_slice::<Batch>(body)
                .map_err(|e| e.to_string())?
                .embeddings
                .into_iter()
                .map(|v| v.values)
                .collect(),
        };
        if let Some(bad) = embeddings.iter().position(|e| !is_number_array(e)) {
            return Err(format!("embedding {bad} is not an array of numbers"));
        }
        Ok(Embedded {
            embeddings,
            tokens: None,
            provider_metadata: None,
        })
    }
}
