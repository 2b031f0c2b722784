'use strict';
// ai@5's retries of a model call (`retryWithExponentialBackoffRespectingRetryHeaders`), for
// models that are not llm-native's (whose retries run in Rust): retryable APICallErrors are tried
// again after 2 s, 4 s, … (or the server's `retry-after`), and the errors end in a RetryError.
const { APICallError, RetryError, errorMessage } = require('./errors.js');

const isAbortError = (e) => e instanceof Error && (e.name === 'AbortError' || e.name === 'ResponseAborted' || e.name === 'TimeoutError');

/** The wait before the next try: the server's `retry-after(-ms)` when under a minute (or the backoff). */
function delayMs(error, backoff) {
  const headers = APICallError.isInstance(error) ? error.responseHeaders : APICallError.isInstance(error?.cause) ? error.cause.responseHeaders : undefined;
  if (!headers) return backoff;
  let ms = parseFloat(headers['retry-after-ms']);
  if (Number.isNaN(ms) && headers['retry-after']) {
    const seconds = parseFloat(headers['retry-after']);
    ms = Number.isNaN(seconds) ? Date.parse(headers['retry-after']) - Date.now() : seconds * 1000;
  }
  return !Number.isNaN(ms) && ms >= 0 && (ms < 60_000 || ms < backoff) ? ms : backoff;
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `fn` with up to `maxRetries` (default 2) more tries. */
async function withRetries(fn, { maxRetries = 2, abortSignal } = {}) {
  const errors = [];
  for (let backoff = 2000; ; backoff *= 2) {
    try {
      return await fn();
    } catch (error) {
      if (isAbortError(error) || maxRetries === 0) throw error;
      errors.push(error);
      const message = errorMessage(error);
      if (errors.length > maxRetries) {
        throw new RetryError({ message: `Failed after ${errors.length} attempts. Last error: ${message}`, reason: 'maxRetriesExceeded', errors, lastError: error });
      }
      if (!(APICallError.isInstance(error) && error.isRetryable === true)) {
        if (errors.length === 1) throw error;
        throw new RetryError({ message: `Failed after ${errors.length} attempts with non-retryable error: '${message}'`, reason: 'errorNotRetryable', errors, lastError: error });
      }
      await sleep(delayMs(error, backoff), abortSignal);
    }
  }
}

module.exports = { withRetries };
