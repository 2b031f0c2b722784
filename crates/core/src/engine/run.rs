//! One call from start to end: credential, request (with retries and one OAuth refresh), the
//! decoded stream, the step record and the final `result` part.
use bytes::Bytes;
use serde_json::json;

use std::sync::atomic::{AtomicU32, Ordering};

use crate::error::CallError;
use crate::parts::StreamPart;
use crate::protocols::ProtocolRequest;
use crate::providers::ModelConfig;
use crate::secret::{url_for_errors, Secret};
use crate::timeouts::{TimeoutKind, Timeouts};
use crate::transport::body::BodyReader;
use crate::transport::retry::{with_retries, RetryPolicy};
use crate::transport::{self, Route};
use crate::types::{CallOptions, Usage};

use super::decoding::Decoding;
use super::first_content::{read_until_content, Reading};
use super::request_body::RequestEcho;
use super::sink::PartSink;
use super::step::Step;

/// Ends the call with an error: an `error` part, then the result record carrying it.
pub async fn fail(sink: &mut PartSink, error: &CallError) {
    let js = error.to_json();
    sink.push(&StreamPart::Error { error: js.clone() });
    sink.push(&StreamPart::Result {
        result: json!({ "error": js }),
    });
    let _ = sink.flush().await;
}

/// Sends the request (with retries) and reads it up to the first content: a failure before it is
/// a failed request and may be retried (see `first_content.rs`).
async fn open(
    model: &ModelConfig,
    call: &CallOptions,
    req: &ProtocolRequest,
    wire: &Bytes,
    key: Option<&Secret>,
    timeouts: Timeouts,
) -> Result<BodyReader, CallError> {
    let policy = RetryPolicy {
        max_retries: call.max_retries.unwrap_or(2),
        ..RetryPolicy::default()
    };
    let reading = Reading {
        protocol: model.protocol,
        req,
        key,
        timeouts,
    };
    let attempts = AtomicU32::new(0);
    let attempt = || async {
        let last = attempts.fetch_add(1, Ordering::Relaxed) >= policy.max_retries;
        model.limiter.request_slot().await;
        let route = Route {
            protocol: model.protocol,
            transport: &model.transport,
            headers: &model.target.headers,
        };
        let answer = async {
            let response =
                transport::send(&route, req, wire.clone(), &call.headers, key, timeouts).await?;
            let mut body = BodyReader::new(response, model.protocol);
            let probe = model.protocol.decoder(&model.target, call);
            read_until_content(&mut body, probe, &reading, last).await?;
            Ok(body)
        };
        let Some(limit) = timeouts.first_content() else {
            return answer.await;
        };
        tokio::time::timeout(limit, answer)
            .await
            .unwrap_or_else(|_| {
                Err(CallError::Timeout {
                    kind: TimeoutKind::FirstContent,
                    after_ms: limit.as_millis() as u64,
                    url: url_for_errors(key, &req.url),
                })
            })
    };
    with_retries(policy, attempt).await
}

fn is_unauthorized(e: &CallError) -> bool {
    matches!(e, CallError::ApiCall(a) if a.status_code == Some(401))
}

/// The whole call. Returns when the stream ended, failed, or the consumer went away.
pub async fn run(model: ModelConfig, call: CallOptions, sink: &mut PartSink, echo: &RequestEcho) {
    // `start` goes out when the request starts (as in the AI SDK), not with the model's first
    // event, which a slow model may send seconds later.
    sink.push(&StreamPart::Start);
    if sink.flush().await.is_err() {
        return;
    }
    // The request's URL once built; until then the provider's.
    let mut url = model.target.base_url.clone();
    let Some((limit, kind)) = call.timeouts.over(model.timeouts).step_limit() else {
        return step(model, call, sink, echo, &mut url).await;
    };
    // Nothing left of `totalMs` (the tools before this step used it up): no request at all.
    let timed_out = limit.is_zero()
        || tokio::time::timeout(limit, step(model, call, sink, echo, &mut url))
            .await
            .is_err();
    if timed_out {
        let after_ms = limit.as_millis() as u64;
        fail(
            sink,
            &CallError::Timeout {
                kind,
                after_ms,
                url,
            },
        )
        .await;
    }
}

/// The step after `start`: request, retries, the decoded answer, the step record. `url` gets
/// the request's URL (key scrubbed) for a step-limit error.
async fn step(
    model: ModelConfig,
    mut call: CallOptions,
    sink: &mut PartSink,
    echo: &RequestEcho,
    url: &mut String,
) {
    let prepared = match call.standardized_messages() {
        Ok(messages) => model.resolved().await.map(|m| (messages, m)),
        Err(e) => Err(e),
    };
    let (messages, mut model) = match prepared {
        Ok(p) => p,
        Err(e) => return fail(sink, &e).await,
    };
    let timeouts = call.timeouts.over(model.timeouts);
    // Held until the call ends: at most `maxConcurrentStreams` open per provider.
    let _stream_slot = model.limiter.stream_slot().await;
    let mut refreshed = false;
    // Every key this call sent (a refreshed token too): none of them reaches the host.
    let mut sent: Vec<Secret> = Vec::new();
    let (req, wire, key, mut body) = loop {
        let prepared = model
            .protocol
            .build_request(&model.target, &messages, &call)
            .map(|req| (req, model.api_key()));
        let (req, key) = match prepared {
            Ok(p) => p,
            Err(e) => return fail(sink, &e).await,
        };
        sent.extend(key.clone());
        sink.redact(&sent);
        *url = url_for_errors(key.as_ref(), &req.url);
        // Serialised once for every attempt (and the echo).
        let wire = Bytes::from(serde_json::to_vec(&req.body).unwrap_or_default());
        match open(&model, &call, &req, &wire, key.as_ref(), timeouts).await {
            Ok(body) => break (req, wire, key, body),
            // An OAuth token the server rejected: refresh once and send again.
            Err(e) if !refreshed && is_unauthorized(&e) => {
                match model.refreshed_after_401().await {
                    Some(Ok(m)) => model = m,
                    Some(Err(refresh_error)) => return fail(sink, &refresh_error).await,
                    None => return fail(sink, &e).await,
                }
                refreshed = true;
            }
            Err(e) => return fail(sink, &e).await,
        }
    };
    let tool_names = call.tools.iter().map(|t| t.name.clone()).collect();
    let request = echo.request(&req, &wire, sink.redactor());
    let mut step = Step::new(
        &model.target.model_id,
        tool_names,
        request,
        req.warnings.clone(),
    );
    step.set_response_headers(transport::header_map_to_btree(body.response.headers()));
    step.set_pricing(model.pricing.clone());
    sink.push(&step.start_part());

    let mut decoding = Decoding {
        decoder: model.protocol.decoder(&model.target, &call),
        step,
        parts: Vec::new(),
        raw: call.include_raw_chunks,
    };
    loop {
        decoding.events(&mut body.events, sink);
        if sink.flush().await.is_err() {
            return;
        }
        match body.read(&req, key.as_ref(), timeouts).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return fail(sink, &e).await,
        }
    }
    let (mut sse, mut events) = (body.sse, body.events);
    sse.finish(&mut events);
    decoding.events(&mut events, sink);
    decoding.decoder.finish(&mut decoding.parts);
    decoding.feed(sink);
    let step = decoding.step;
    let (step_result, usage, finish_reason) = step.finish(&mut |sp| sink.push(&sp));
    let total_usage = Usage::default().add(&usage);
    sink.push(&StreamPart::Finish {
        finish_reason,
        total_usage,
    });
    sink.push(&StreamPart::Result {
        result: json!({ "steps": [step_result], "totalUsage": total_usage, "finishReason": finish_reason }),
    });
    let _ = sink.flush().await;
}
