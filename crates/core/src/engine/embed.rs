//! One `embed` / `embedMany` call, as the AI SDK's `embedMany` runs it: the values split into
//! calls by the model's limits (`maxEmbeddingsPerCall`, and the bytes a call may carry), the calls
//! in groups of `maxParallelCalls` run at once, each with the usual retries, then one result:
//! the embeddings in the values' order, the tokens summed, the metadata merged, every response.
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::error::{ApiCallError, CallError};
use crate::parts::StreamPart;
use crate::protocols::embedding::{Embedded, EmbeddingProtocol};
use crate::providers::ModelConfig;
use crate::secret::{url_for_errors, Secret};
use crate::text_buffers;
use crate::transport;
use crate::transport::body::BodyReader;
use crate::transport::host_fetch::HostFetch;
use crate::transport::retry::{with_retries, RetryPolicy};

use super::run::fail;
use super::sink::PartSink;

/// What `embed` / `embedMany` pass (JSON).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmbedOptions {
    pub values: Vec<String>,
    #[serde(default)]
    pub headers: Map<String, Value>,
    #[serde(default)]
    pub provider_options: Value,
    pub max_retries: Option<u32>,
    /// Calls at once (default: all).
    pub max_parallel_calls: Option<usize>,
}

/// One call's answer.
struct Answer {
    embedded: Embedded,
    headers: BTreeMap<String, String>,
    body: Box<RawValue>,
}

/// The whole call; ends with a `$embeddings` part or an `error` part.
pub async fn run_embed(
    model: ModelConfig,
    options: Result<EmbedOptions, CallError>,
    sink: &mut PartSink,
) {
    let result = async {
        let options = options?;
        let protocol = model.embedding.ok_or_else(|| {
            CallError::UnsupportedFunctionality(format!("embeddings ({})", model.provider))
        })?;
        let model = model.resolved().await?;
        let key = model.api_key();
        sink.redact(key.iter());
        let chunks = split(
            &options.values,
            protocol.max_embeddings_per_call(),
            protocol.max_input_bytes_per_call(&model.target),
        );
        let host = sink.host_fetch();
        let at_once = options.max_parallel_calls.unwrap_or(usize::MAX).max(1);
        let mut answers = Vec::with_capacity(chunks.len());
        for group in chunks.chunks(at_once) {
            let calls = group
                .iter()
                .map(|values| call(&model, protocol, values, &options, key.as_ref(), &host));
            for answer in futures::future::join_all(calls).await {
                answers.push(answer?);
            }
        }
        Ok(result_json(answers))
    }
    .await;
    match result {
        Ok(result) => {
            sink.push(&StreamPart::Embeddings { result });
            let _ = sink.flush().await;
        }
        Err(e) => fail(sink, &e).await,
    }
}

/// The values of each call: at most `max_values`, and at most `max_bytes` of UTF-8 (a value
/// larger than that alone goes in a call of its own), as the AI SDK splits them.
fn split(values: &[String], max_values: usize, max_bytes: Option<usize>) -> Vec<&[String]> {
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, value) in values.iter().enumerate() {
        let size = max_bytes.map_or(0, |_| value.len());
        let full = i - start >= max_values || max_bytes.is_some_and(|m| bytes + size > m);
        if i > start && full {
            chunks.push(&values[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < values.len() {
        chunks.push(&values[start..]);
    }
    chunks
}

/// One request (with retries) for `values`.
async fn call(
    model: &ModelConfig,
    protocol: &'static dyn EmbeddingProtocol,
    values: &[String],
    options: &EmbedOptions,
    key: Option<&Secret>,
    host: &HostFetch,
) -> Result<Answer, CallError> {
    let req = protocol.build_request(&model.target, values, &options.provider_options)?;
    let wire = text_buffers::into_bytes(req.wire());
    let policy = RetryPolicy {
        max_retries: options.max_retries.unwrap_or(2),
        ..RetryPolicy::default()
    };
    let route = model.route(host);
    let attempt = || async {
        model.limiter.request_slot().await;
        let response = transport::send(
            &route,
            &req,
            wire.clone(),
            &options.headers,
            key,
            model.timeouts,
        )
        .await?;
        let headers = response.headers();
        let body =
            BodyReader::read_json(response, model.protocol, &req, key, model.timeouts).await?;
        let invalid = |message: String, body: &[u8]| {
            // The AI SDK's message; what was wrong goes in `data`.
            CallError::ApiCall(Box::new(ApiCallError {
                message: "Invalid JSON response".into(),
                url: url_for_errors(key, &req.url),
                request_body_values: req.body_values(),
                status_code: Some(200),
                response_headers: Some(headers.clone()),
                response_body: Some(String::from_utf8_lossy(body).into_owned()),
                is_retryable: false,
                data: Some(json!({ "reason": message })),
            }))
        };
        let embedded = protocol
            .parse_response(&body)
            .map_err(|m| invalid(m, &body))?;
        if embedded.embeddings.len() != values.len() {
            let message = format!(
                "{} embeddings for {} values",
                embedded.embeddings.len(),
                values.len()
            );
            return Err(invalid(message, &body));
        }
        // (Valid JSON, so valid UTF-8.)
        let text = String::from_utf8_lossy(&body).into_owned();
        let body = RawValue::from_string(text).map_err(|e| invalid(e.to_string(), &[]))?;
        Ok(Answer {
            embedded,
            headers,
            body,
        })
    };
    with_retries(policy, attempt).await
}

/// `{ embeddings, usage: { tokens }, providerMetadata, responses: [{ headers, body }] }`, with the
/// embeddings and bodies as the provider sent them.
fn result_json(answers: Vec<Answer>) -> Box<RawValue> {
    let tokens = answers
        .iter()
        .map(|a| a.embedded.tokens)
        .try_fold(0u64, |sum, t| t.map(|t| sum + t));
    // Later calls' metadata is merged over earlier ones', per provider key (as the AI SDK does).
    let mut metadata: Option<Map<String, Value>> = None;
    for a in &answers {
        if let Some(Value::Object(m)) = &a.embedded.provider_metadata {
            let merged = metadata.get_or_insert_with(Map::new);
            for (provider, fields) in m {
                match (merged.get_mut(provider), fields) {
                    (Some(Value::Object(into)), Value::Object(more)) => {
                        into.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())))
                    }
                    _ => {
                        merged.insert(provider.clone(), fields.clone());
                    }
                }
            }
        }
    }
    let mut out = String::from("{\"embeddings\":[");
    let mut responses = Vec::with_capacity(answers.len());
    for (i, a) in answers
        .iter()
        .flat_map(|a| a.embedded.embeddings.iter())
        .enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        out.push_str(a.get());
    }
    for a in &answers {
        responses.push(format!(
            "{{\"headers\":{},\"body\":{}}}",
            json!(a.headers),
            a.body.get()
        ));
    }
    out.push_str("],\"usage\":");
    out.push_str(&json!({ "tokens": tokens }).to_string());
    if let Some(m) = metadata {
        out.push_str(",\"providerMetadata\":");
        out.push_str(&Value::Object(m).to_string());
    }
    out.push_str(",\"responses\":[");
    out.push_str(&responses.join(","));
    out.push_str("]}");
    RawValue::from_string(out).expect("assembled from valid JSON pieces")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(sizes: &[usize]) -> Vec<String> {
        sizes.iter().map(|n| "x".repeat(*n)).collect()
    }

    #[test]
    fn values_split_by_count_and_bytes_as_the_ai_sdk_splits_them() {
        let v = values(&[1, 1, 1, 1, 1]);
        let lens = |chunks: Vec<&[String]>| chunks.iter().map(|c| c.len()).collect::<Vec<_>>();
        assert_eq!(lens(split(&v, 2, None)), [2, 2, 1]);
        assert_eq!(lens(split(&v, 2048, None)), [5]);
        let v = values(&[4, 4, 9, 1, 1]);
        // A value over the byte limit alone goes in a call of its own.
        assert_eq!(lens(split(&v, 2048, Some(8))), [2, 1, 2]);
        assert!(split(&[], 10, None).is_empty());
    }
}
