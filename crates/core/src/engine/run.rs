//! One call from start to end: credential, request (with retries and one OAuth refresh), the
//! decoded stream, the step record and the final `result` part.
use bytes::Bytes;
use serde_json::{json, Value};
use tokio::sync::OwnedSemaphorePermit;

use std::sync::atomic::{AtomicU32, Ordering};

use crate::catalog::cost::cache_write_tokens;
use crate::error::CallError;
use crate::error_class::{classify, ErrorClass};
use crate::ledger::entry::StepTotals;
use crate::ledger::LedgerEntry;
use crate::parts::StreamPart;
use crate::protocols::ProtocolRequest;
use crate::providers::{ModelConfig, Registry};
use crate::secret::{url_for_errors, Secret};
use crate::text_buffers;
use crate::timeouts::TimeoutKind;
use crate::transport;
use crate::transport::body::BodyReader;
use crate::transport::host_fetch::HostFetch;
use crate::transport::retry::{with_retries_unless, RetryPolicy};
use crate::types::{CallOptions, ModelMessage, Usage};

use super::decoding::{Decoding, PartialText};
use super::fallback::{self, FallbackPolicy, ModelChain};
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
    next: Option<&FallbackPolicy>,
    host: &HostFetch,
) -> Result<BodyReader, CallError> {
    let timeouts = call.timeouts.over(model.timeouts);
    let policy = RetryPolicy {
        max_retries: call.max_retries.unwrap_or(2),
        ..RetryPolicy::default()
    };
    let reading = Reading {
        protocol: model.protocol,
        req,
        key,
        timeouts,
        escalate: next.is_some(),
    };
    let attempts = AtomicU32::new(0);
    let attempt = || async {
        let last = attempts.fetch_add(1, Ordering::Relaxed) >= policy.max_retries;
        model.limiter.request_slot().await;
        let route = model.route(host);
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
    // An error the next model of a chain takes over is not retried here.
    let hand_over = |e: &CallError| next.is_some_and(|p| p.falls_through(classify(e)));
    with_retries_unless(policy, attempt, hand_over).await
}

fn is_unauthorized(e: &CallError) -> bool {
    matches!(e, CallError::ApiCall(a) if a.status_code == Some(401))
}

/// The whole call. Returns when the stream ended, failed, or the consumer went away.
pub async fn run(chain: ModelChain, call: CallOptions, sink: &mut PartSink, echo: &RequestEcho) {
    // `start` goes out when the request starts (as in the AI SDK), not with the model's first
    // event, which a slow model may send seconds later.
    sink.push(&StreamPart::Start);
    if sink.flush().await.is_err() {
        return;
    }
    let first = chain.first();
    let mut ledger = LedgerEntry::start(
        || Registry::global().config_dir(),
        &first.target.provider_options_name,
        &first.target.model_id,
    );
    // The request's URL once built; until then the provider's.
    let mut url = first.target.base_url.clone();
    let limit = call.timeouts.over(first.timeouts).step_limit();
    let stepped = match limit {
        None => step(chain, call, sink, echo, &mut url, &mut ledger).await,
        // Nothing left of `totalMs` (the tools before this step used it up): no request at all.
        Some((limit, kind)) => {
            let stepped = match limit.is_zero() {
                true => None,
                false => {
                    let step = step(chain, call, sink, echo, &mut url, &mut ledger);
                    tokio::time::timeout(limit, step).await.ok()
                }
            };
            stepped.unwrap_or_else(|| {
                Err(CallError::Timeout {
                    kind,
                    after_ms: limit.as_millis() as u64,
                    url,
                })
            })
        }
    };
    match stepped {
        // A limit that ran out while a finished step's last parts waited for the reader changes
        // nothing: the step is over, and those parts still go out.
        Err(_) if ledger.is_finished() => {
            let _ = sink.flush().await;
        }
        Err(e) => {
            ledger.failed(classify(&e));
            fail(sink, &e).await;
        }
        Ok(()) => {}
    }
}

/// A model that answered: the model (with the credential sent), the request, the response read
/// up to its first content, and the stream slot held until the call ends.
struct Opened {
    model: ModelConfig,
    req: ProtocolRequest,
    wire: Bytes,
    key: Option<Secret>,
    body: BodyReader,
    _stream_slot: Option<OwnedSemaphorePermit>,
}

/// Sends the call to `model` (its credential looked up; sent once more after a 401 with an OAuth
/// token refreshed, or a stored key another process replaced). `next`: the policy of a chain
/// with a model after this one.
async fn open_model(
    model: &ModelConfig,
    messages: &[ModelMessage],
    call: &CallOptions,
    sink: &mut PartSink,
    sent: &mut Vec<Secret>,
    url: &mut String,
    next: Option<&FallbackPolicy>,
) -> Result<Opened, CallError> {
    let mut model = model.resolved().await?;
    // Held until the call ends: at most `maxConcurrentStreams` open per provider.
    let stream_slot = model.limiter.stream_slot().await;
    let mut refreshed = false;
    loop {
        let req = model
            .protocol
            .build_request(&model.target, messages, call)?;
        let key = model.api_key();
        // Every key this call sent (a refreshed token too): none of them reaches the host.
        sent.extend(key.clone());
        sink.redact(sent.iter());
        *url = url_for_errors(key.as_ref(), &req.url);
        // Serialised once for every attempt (and the echo).
        let wire = text_buffers::into_bytes(req.wire());
        let host = sink.host_fetch();
        match open(&model, call, &req, &wire, key.as_ref(), next, &host).await {
            Ok(body) => {
                return Ok(Opened {
                    model,
                    req,
                    wire,
                    key,
                    body,
                    _stream_slot: stream_slot,
                })
            }
            // A credential the server rejected: refreshed or re-read once, and sent again.
            Err(e) if !refreshed && is_unauthorized(&e) => {
                model = match model.refreshed_after_401().await {
                    Some(refreshed) => refreshed?,
                    None => return Err(e),
                };
                refreshed = true;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Opens the first model of `chain` that answers; a model failing with an error its policy
/// falls through on hands over to the next that may take it (after a context overflow only a
/// larger catalogue context window; a model without one is skipped), after a `$fallback` part.
/// Returns the step's `llmNative.fallback` metadata too.
async fn open_chain(
    chain: &ModelChain,
    messages: &[ModelMessage],
    call: &CallOptions,
    sink: &mut PartSink,
    sent: &mut Vec<Secret>,
    url: &mut String,
    ledger: &mut LedgerEntry,
) -> Result<(Opened, Option<Value>), CallError> {
    let Some(policy) = chain.policy.as_deref() else {
        let opened = open_model(chain.first(), messages, call, sink, sent, url, None).await?;
        return Ok((opened, None));
    };
    let order = chain.order();
    // The context window a prompt overflowed: only a larger one may take it.
    let mut needs_more_than: Option<u64> = None;
    let next_eligible = |from: usize, needs: Option<u64>| {
        (from..order.len()).find(|&k| {
            let window = chain.models[order[k]].context_window;
            needs.is_none_or(|w| window.is_some_and(|c| c > w))
        })
    };
    let mut failed: Vec<Value> = Vec::new();
    let mut at = next_eligible(0, None);
    while let Some(k) = at {
        let model = &chain.models[order[k]];
        // Without a model after this one it is sent as a plain model is (its retries, error
        // events in the stream).
        let next = next_eligible(k + 1, needs_more_than).map(|_| policy);
        ledger.sending_to(&model.target.provider_options_name, &model.target.model_id);
        let error = match open_model(model, messages, call, sink, sent, url, next).await {
            Ok(opened) => {
                let served = fallback::served_metadata(order[k], &opened.model, &failed);
                return Ok((opened, Some(served)));
            }
            Err(e) => e,
        };
        let class = classify(&error);
        if !policy.falls_through(class) {
            return Err(error);
        }
        if class == ErrorClass::ContextLength {
            needs_more_than = Some(model.context_window.unwrap_or(0));
        }
        at = next_eligible(k + 1, needs_more_than);
        if at.is_none() {
            return Err(error);
        }
        if class == ErrorClass::RateLimit {
            chain.cool_down(model, &error);
        }
        sink.push(&StreamPart::Fallback {
            provider: model.provider.clone(),
            model_id: model.target.model_id.clone(),
            error_class: class.as_str(),
            error: error.to_json(),
        });
        failed.push(fallback::failed_attempt(model, class, &error));
    }
    Err(CallError::Internal(
        "a fallback chain without models".into(),
    ))
}

/// The step after `start`: request, retries (and fallbacks), the decoded answer, the step
/// record. `url` gets the request's URL (key scrubbed) for a step-limit error.
async fn step(
    chain: ModelChain,
    mut call: CallOptions,
    sink: &mut PartSink,
    echo: &RequestEcho,
    url: &mut String,
    ledger: &mut LedgerEntry,
) -> Result<(), CallError> {
    let messages = call.standardized_messages()?;
    let mut sent: Vec<Secret> = Vec::new();
    let (opened, fallback) =
        open_chain(&chain, &messages, &call, sink, &mut sent, url, ledger).await?;
    ledger.first_content();
    let Opened {
        model,
        req,
        wire,
        key,
        mut body,
        _stream_slot,
    } = opened;
    let timeouts = call.timeouts.over(model.timeouts);
    let tool_names = call.tools.iter().map(|t| t.name.clone()).collect();
    let request = match call.include_request_body {
        Some(false) => serde_json::json!({}),
        _ => echo.request(&req, &wire, sink.redactor()),
    };
    let mut step = Step::new(
        &model.target.model_id,
        tool_names,
        request,
        req.warnings.clone(),
    );
    step.set_response_headers(body.response.headers());
    step.set_pricing(model.pricing.clone());
    if let Some(served) = fallback {
        step.set_fallback(served);
    }
    sink.push(&step.start_part());

    let mut decoding = Decoding {
        decoder: model.protocol.decoder(&model.target, &call),
        step,
        parts: Vec::new(),
        raw: call.include_raw_chunks,
        partial: call.partial_json.map(PartialText::new),
    };
    // The events read before the step started, then each read's as it comes (borrowed).
    decoding.events(&mut body.events, sink);
    loop {
        if sink.flush().await.is_err() {
            return Ok(()); // the consumer went away (the ledger records the step as aborted)
        }
        let more = body
            .read_each(&req, key.as_ref(), timeouts, |ev| decoding.event(ev, sink))
            .await?;
        decoding.feed(sink);
        if !more {
            break;
        }
    }
    body.sse.finish_each(&mut |ev| decoding.event(ev, sink));
    decoding.decoder.finish(&mut decoding.parts);
    decoding.feed(sink);
    let step = decoding.step;
    let (step_result, usage, finish_reason) = step.finish(&mut |sp| sink.push(&sp));
    let metadata_key = model.target.provider_options_name.as_str();
    ledger.finished(StepTotals {
        usage: &usage,
        cache_write_tokens: cache_write_tokens(&step_result["providerMetadata"], metadata_key),
        cost_usd: step_result["cost"]["total"].as_f64(),
        finish_reason,
    });
    let total_usage = Usage::default().add(&usage);
    sink.push(&StreamPart::Finish {
        finish_reason,
        total_usage,
    });
    sink.push(&StreamPart::Result {
        result: json!({ "steps": [step_result], "totalUsage": total_usage, "finishReason": finish_reason }),
    });
    let _ = sink.flush().await;
    Ok(())
}
