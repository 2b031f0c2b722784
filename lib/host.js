'use strict';
// The host the JS layer talks to: the Node addon (`index.js` installs `node-host.js`) or the
// Tauri plugin in a webview (`browser.mjs` installs `tauri-host.mjs`). Every file of `lib/`
// reaches Rust through it, so none of them loads a `.node` file or a Node built-in.
//
// A host has the methods of the addon (`binding.d.ts`) plus `createProvider(initJson)`. Registry
// and credential methods return JSON text (or a promise of it: over Tauri IPC everything is async);
// `createProvider` / `providerFromRegistry` return a provider handle whose `stream(modelId, json)`
// returns a stream handle `{ next(): Promise<string | null>, abort() }`.
let current = null;

function setHost(host) {
  current = host;
}

function host() {
  if (current === null) throw new Error('llm-native: no host installed (import llm-native, not a file of lib/)');
  return current;
}

/** `fn(value)`, or a promise of it when the host answered with a promise. */
function andThen(value, fn) {
  return value != null && typeof value.then === 'function' ? value.then(fn) : fn(value);
}

/** A stream handle over a promise of one (its start is asynchronous on an async host). */
function deferredStream(started) {
  let stream = null;
  let aborted = false;
  const ready = Promise.resolve(started).then((s) => {
    stream = s;
    if (aborted) s.abort();
    return s;
  });
  // A start that failed is reported by the first `next()`; nobody else waits for it.
  ready.catch(() => {});
  return {
    next: async () => (await ready).next(),
    abort() {
      aborted = true;
      stream?.abort();
    },
    // (The body is there once a batch came, and answers to `$fetch` parts come after the first
    // `next()`: the stream exists by then.)
    requestBody: () => stream?.requestBody?.() ?? null,
    fetchHead: async (...args) => (await ready).fetchHead(...args),
    fetchChunk: async (...args) => (await ready).fetchChunk(...args),
    fetchEnd: async (...args) => (await ready).fetchEnd(...args),
  };
}

/**
 * A provider handle over a promise of `{ handle, modelId? }`; `modelId`, when given, replaces the
 * id streams ask for (a string id resolved in the background).
 */
function deferredProvider(target) {
  const ready = Promise.resolve(target);
  ready.catch(() => {});
  return {
    target: ready, // (a fallback chain waits for its members' handles)
    stream: (id, optionsJson) => deferredStream(ready.then(({ handle, modelId }) => handle.stream(modelId ?? id, optionsJson))),
    embed: (id, optionsJson) => deferredStream(ready.then(({ handle, modelId }) => handle.embed(modelId ?? id, optionsJson))),
  };
}

module.exports = { setHost, host, andThen, deferredStream, deferredProvider };
