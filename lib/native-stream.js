'use strict';
// A native step stream as the JS layer opens and reads it: call options in as JSON, part batches
// out. Shared by the step loop (lib/steps.js) and llm-native models used as LanguageModelV2
// (lib/language-model-v2.js).
const { callNative, jsonArgument } = require('./errors.js');
const { withHostFetch } = require('./host-fetch.js');
const { messagesWithBase64Bytes } = require('./message-bytes.js');

/** Call options with prompt bytes as base64 (JSON has no bytes). */
const withBase64Bytes = (call) => ({ ...call, prompt: messagesWithBase64Bytes(call.prompt), messages: messagesWithBase64Bytes(call.messages) });

/** Starts a call of `modelId` on a native provider (what JSON cannot hold is an InvalidArgumentError). */
function openNative(native, modelId, call) {
  return withHostFetch(callNative(() => native.stream(modelId, jsonArgument('options', call, withBase64Bytes))));
}

/**
 * A batch from Rust writes a delta that continues the previous part's run (same type and id, no
 * provider metadata) short: as its text, or as its length, its text then being the next characters
 * of the batch's text pool (the last item, there whenever a length is; crates/core/src/engine/
 * batch.rs). This turns those back into parts, in place. (Slicing the pool is several times
 * cheaper than `JSON.parse` making one string per token.)
 */
function expandRuns(items) {
  let pool = null;
  let at = 0;
  for (let i = 1; i < items.length; i++) {
    let text = items[i];
    if (typeof text === 'number') {
      pool ??= items.pop();
      text = pool.slice(at, (at += text));
    } else if (typeof text !== 'string') {
      continue;
    }
    const { type, id } = items[i - 1];
    items[i] = type === 'tool-input-delta' ? { type, id, delta: text } : { type, id, text };
  }
  return items;
}

/** A batch as `next()` gives it (JSON text, or parts already parsed) as parts. */
const batchParts = (batch) => expandRuns(typeof batch === 'string' ? JSON.parse(batch) : batch);

/** The last parts of a call that failed before its step started, as Rust ends one (engine/run.rs `fail`). */
const failedCallParts = (error) => [{ type: 'error', error }, { type: '$result', result: { error } }];

module.exports = { openNative, batchParts, failedCallParts };
