'use strict';
// The AI SDK's `fetch` provider setting. Rust builds every request as usual; for a provider with
// an app `fetch` it hands the request over as a `$fetch` part ({ id, fetcher, url, method,
// headers, body }) instead of sending it, and this file calls the app's function and feeds the
// Response back (status and headers, then the body's bytes, then its end) to the same Rust
// decoder. Retries, limits and decoding stay in Rust; a request Rust gave up on (a timeout, a
// retry, an abort) answers `false` to the next feed, and its fetch is aborted.

const fetchers = new Map();
let nextFetcher = 1;
// A provider's fetch is forgotten with the provider (its native handle, which its models hold).
const forget = new FinalizationRegistry((id) => fetchers.delete(id));

/** Registers the app's `fetch`; its number, which Rust puts in the `$fetch` parts. */
function registerFetch(fetch) {
  const id = nextFetcher++;
  fetchers.set(id, fetch);
  return id;
}

/** Fetch `id` is forgotten once `owner` (the provider's native handle) is. */
function releaseFetchWith(owner, id) {
  forget.register(owner, id);
}

/**
 * `stream` (a native stream handle) answering its `$fetch` parts; itself when no app has a fetch.
 * `next()` gives a batch's JSON text as the handle does, or the parts parsed when it had to look.
 */
function withHostFetch(stream) {
  if (fetchers.size === 0) return stream;
  const running = new Set();
  const thrown = new Map(); // request id → the error the app's fetch threw
  const abortAll = () => {
    for (const controller of running) controller.abort();
    running.clear();
  };
  return {
    async next() {
      for (;;) {
        const batch = await stream.next();
        if (batch === null) {
          abortAll();
          return null;
        }
        // (Batches queued together arrive as one: a `$fetch` part may have company.)
        const fetching = batch.includes('"$fetch"');
        const threw = thrown.size > 0 && batch.includes('"llmNativeFetchError"');
        if (!fetching && !threw) return batch;
        let parts = JSON.parse(batch);
        for (const part of parts) if (part?.type === '$fetch') perform(stream, part, running, thrown);
        parts = parts.filter((p) => p === null || typeof p !== 'object' || p.type !== '$fetch');
        // The error an app's fetch threw goes on as that very object (the AI SDK rethrows it),
        // so such a batch is handed on parsed, the error in place of its JSON.
        if (threw) parts = withThrownErrors(parts, thrown);
        if (parts.length > 0) return parts;
      }
    },
    abort() {
      abortAll();
      stream.abort();
    },
    requestBody: typeof stream.requestBody === 'function' ? () => stream.requestBody() : undefined,
  };
}

/** `value` with every error object marked as thrown by an app fetch replaced by that error. */
function withThrownErrors(value, thrown) {
  if (Array.isArray(value)) return value.map((v) => withThrownErrors(v, thrown));
  if (value === null || typeof value !== 'object') return value;
  if (typeof value.llmNativeFetchError === 'number' && thrown.has(value.llmNativeFetchError)) {
    return thrown.get(value.llmNativeFetchError);
  }
  for (const k of Object.keys(value)) value[k] = withThrownErrors(value[k], thrown);
  return value;
}

const NETWORK_CODES = new Set([
  'ConnectionRefused', 'ConnectionClosed', 'FailedToOpenSocket', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE',
  'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * How a fetch failure goes on, as @ai-sdk/provider-utils' `handleFetchError` decides: a network
 * failure ("fetch failed" with a cause, or a network error code on the cause chain) becomes a
 * retryable `Cannot connect to API` error; anything else the app threw is passed on as it is.
 */
function failureOf(error) {
  if (error instanceof TypeError && ['fetch failed', 'failed to fetch'].includes(error.message.toLowerCase()) && error.cause != null) {
    return { kind: 'network', message: String(error.cause.message ?? error.cause) };
  }
  for (let e = error, seen = new Set(); e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    if (NETWORK_CODES.has(e.code)) return { kind: 'network', message: error.message };
  }
  return { kind: 'thrown', message: error instanceof Error ? error.message : String(error) };
}

/** Calls the app's fetch for `part` and feeds its Response to `stream`. */
async function perform(stream, part, running, thrown) {
  const controller = new AbortController();
  running.add(controller);
  try {
    const fetch = fetchers.get(part.fetcher);
    if (fetch === undefined) throw new Error("the provider's fetch function is gone");
    const response = await fetch(part.url, {
      method: part.method, headers: part.headers, body: part.body, signal: controller.signal,
    });
    const headers = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    if (!(await stream.fetchHead(part.id, response.status, JSON.stringify(headers)))) return controller.abort();
    const reader = response.body?.getReader();
    for (;;) {
      const { value, done } = reader ? await reader.read() : { done: true };
      if (done) break;
      if (!(await stream.fetchChunk(part.id, value))) {
        controller.abort();
        return void reader.cancel().catch(() => {});
      }
    }
    await stream.fetchEnd(part.id);
  } catch (error) {
    const { kind, message } = failureOf(error);
    if (kind === 'thrown') thrown.set(part.id, error);
    await Promise.resolve(stream.fetchEnd(part.id, message, kind)).catch(() => {});
  } finally {
    running.delete(controller);
  }
}

module.exports = { registerFetch, releaseFetchWith, withHostFetch };
