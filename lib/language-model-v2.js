'use strict';
// llm-native models as LanguageModelV2 (`doStream` / `doGenerate`), so that the real ai@5, its
// middleware and any other V2 consumer drive llm-native's Rust protocols and credentials. A call
// is one native step (tools declared, never executed: the caller runs them) whose parts are
// mapped back to V2 stream parts. llm-native's own streamText does not come here: it reads the
// native stream directly (lib/steps.js).
const { callNative, fromNative } = require('./errors.js');
const { openNative, batchParts } = require('./native-stream.js');
const { fromV2CallOptions } = require('./v2-call-options.js');
const { streamToGenerateResult } = require('./v2-stream-content.js');

const withMetadata = (part, providerMetadata) => (providerMetadata != null ? { ...part, providerMetadata } : part);

/**
 * The V2 parts of one native part. `response` gets the response headers when the step finishes
 * (Rust reports them only then; ai@5 reads them after the stream's `finish`).
 */
function v2Parts(part, response) {
  switch (part.type) {
    case 'text-delta':
    case 'reasoning-delta': {
      const { text, ...rest } = part;
      return [{ ...rest, delta: text }];
    }
    case 'tool-input-start': {
      const { dynamic, ...rest } = part; // streamText's field, not the model's
      return [rest];
    }
    case 'text-start':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-end':
    case 'tool-input-delta':
    case 'tool-input-end':
    case 'raw':
      return [part];
    case 'tool-call': {
      // V2 input is JSON text: what Rust could not parse is the model's own text (in the error).
      const { toolCallId, toolName, input, providerMetadata, error, providerExecuted } = part;
      const call = { type: 'tool-call', toolCallId, toolName, input: error?.toolInput ?? JSON.stringify(input), ...(providerExecuted ? { providerExecuted } : {}) };
      return [withMetadata(call, providerMetadata)];
    }
    case 'source':
      return [part];
    case 'file':
      return [{ type: 'file', mediaType: part.file.mediaType, data: part.file.base64 }];
    // What the provider ran comes from the model; a client tool's result is the caller's own.
    case 'tool-result':
    case 'tool-error': {
      if (!part.providerExecuted) return [];
      const { toolCallId, toolName, providerMetadata } = part;
      const result = part.type === 'tool-result' ? { result: part.output } : { result: part.error, isError: true };
      return [withMetadata({ type: 'tool-result', toolCallId, toolName, ...result, providerExecuted: true }, providerMetadata)];
    }
    case 'error':
      return [{ type: 'error', error: fromNative(part.error) }];
    case 'finish-step': {
      const { id, modelId, timestamp, headers } = part.response;
      response.headers = headers;
      return [
        { type: 'response-metadata', id, modelId, timestamp: timestamp == null ? undefined : new Date(timestamp) },
        withMetadata({ type: 'finish', finishReason: part.finishReason, usage: part.usage }, part.providerMetadata),
      ];
    }
    default:
      return []; // start, finish, internal `$` parts
  }
}

/**
 * Reads the native stream up to its `start-step` (the request was answered): that part and the
 * parts after it in the same batch. A request that failed is thrown, as a provider's doStream
 * rejects, so the caller's retries apply.
 */
async function untilStepStart(stream, abortSignal) {
  for (;;) {
    const batch = await callNative(() => stream.next());
    if (batch === null) throw abortSignal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
    const parts = batchParts(batch);
    const at = parts.findIndex((p) => p.type === 'start-step' || p.type === 'error');
    if (at < 0) continue;
    if (parts[at].type === 'error') {
      stream.abort();
      throw fromNative(parts[at].error);
    }
    return { startStep: parts[at], rest: parts.slice(at + 1) };
  }
}

/** `doStream` / `doGenerate` of model `modelId` on the native provider `native`. */
function nativeModelMethods(native, modelId) {
  async function doStream(options) {
    const { abortSignal } = options;
    abortSignal?.throwIfAborted();
    // ai@5 retries a failed doStream itself: Rust must not retry as well.
    const stream = openNative(native, modelId, fromV2CallOptions(options, { maxRetries: 0 }));
    const onAbort = () => stream.abort();
    abortSignal?.addEventListener('abort', onAbort, { once: true });
    const done = () => abortSignal?.removeEventListener('abort', onAbort);
    let first;
    try {
      first = await untilStepStart(stream, abortSignal);
    } catch (error) {
      done();
      throw error;
    }
    const { startStep, rest } = first;
    const body = startStep.request?.body;
    const text = body === undefined ? stream.requestBody?.() : null;
    const request = { body: text != null ? JSON.parse(text) : body };
    const response = {};
    const enqueueAll = (controller, parts) => {
      for (const part of parts) for (const v2 of v2Parts(part, response)) controller.enqueue(v2);
    };
    const v2Stream = new ReadableStream({
      start(controller) {
        controller.enqueue({ type: 'stream-start', warnings: startStep.warnings ?? [] });
        enqueueAll(controller, rest);
      },
      async pull(controller) {
        const batch = await callNative(() => stream.next()).catch((error) => ({ error }));
        if (abortSignal?.aborted) {
          done();
          controller.error(abortSignal.reason);
        } else if (batch?.error !== undefined) {
          done();
          controller.error(batch.error);
        } else if (batch === null) {
          done();
          controller.close();
        } else {
          enqueueAll(controller, batchParts(batch));
        }
      },
      cancel() {
        done();
        stream.abort();
      },
    });
    return { stream: v2Stream, request, response };
  }

  async function doGenerate(options) {
    const { stream, request, response } = await doStream({ ...options, includeRawChunks: false });
    const result = await streamToGenerateResult(stream);
    return { ...result, request, response: { ...result.response, headers: response.headers } };
  }

  return { doStream, doGenerate };
}

module.exports = { nativeModelMethods };
