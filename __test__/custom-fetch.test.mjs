// The `fetch` provider setting (issue 14, item 1): the app's own fetch performs every request
// Rust built, and its Response is decoded by Rust as a native one would be. Checked against the
// real ai@5 with the same fetch on the same 127.0.0.1 server: requests (URL, headers, body),
// parts, promises, errors and retries must match.
import { describe, it, expect, afterAll, beforeEach } from 'vitest';
import * as ai from 'ai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff, settle, openaiTextDeltasBody, abortAfterThreeDeltas } from './helpers.mjs';

/** What the server answers next: a function of the request count, or an SSE body. */
let answer = () => ({ sse: fixtureBody('openai__chat_openai-text.chunks.txt') });
const server = await startServer(async (req, body, res) => {
  const a = answer(server.requests.length, req, body);
  if (a.status) {
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    return res.end(JSON.stringify(a.json));
  }
  if (a.hang) return; // never answers
  return sendSse(res, a.sse, { chunkSize: 37, ...a.options });
});
afterAll(() => server.close());
beforeEach(() => { server.requests.length = 0; });

/** The app's fetch: rewrites `/wrong/` to the server's `/v1/`, adds a header, records its calls. */
function appFetch(calls) {
  return async (url, init) => {
    calls.push({ url: String(url), init });
    const rewritten = String(url).replace('http://proxy.invalid/wrong', `${server.url}/v1`);
    return fetch(rewritten, { ...init, headers: { ...init.headers, 'x-proxied-by': 'app' } });
  };
}

const compatible = (lib, fetch, extra) => (lib === ai ? aiCompatible : native.createOpenAICompatible)({
  name: 'proxied', baseURL: 'http://proxy.invalid/wrong', apiKey: 'sk-app', includeUsage: true, fetch, ...extra,
});

/** One library's run through its provider with the app's fetch: everything observable. */
async function run(lib, make, options = {}) {
  const calls = [];
  const result = lib.streamText({ model: make(lib, appFetch(calls))('m'), prompt: 'Hello', onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'finishReason', 'usage']) settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name }));
  const requests = server.requests.map((r) => ({
    url: r.url, body: r.body, proxied: r.headers['x-proxied-by'], auth: r.headers.authorization ?? r.headers['x-api-key'],
    contentType: r.headers['content-type'],
  }));
  return { ...normalizeForDiff({ parts, settled, requests }), calls };
}

async function compare(make, options) {
  const expected = await run(ai, make, options);
  server.requests.length = 0;
  const actual = await run(native, make, options);
  expect(actual.requests).toEqual(expected.requests);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.settled).toEqual(expected.settled);
  expect(actual.calls.map((c) => c.url)).toEqual(expected.calls.map((c) => c.url));
  return { actual, expected };
}

describe('the fetch provider setting: llm-native matches ai@5', () => {
  it('OpenAI-compatible: the app fetch rewrites the URL and adds a header; the stream decodes the same', async () => {
    answer = () => ({ sse: fixtureBody('openai__chat_openai-text.chunks.txt') });
    const { actual } = await compare(compatible);
    expect(actual.calls).toHaveLength(1);
    expect(actual.calls[0].url).toBe('http://proxy.invalid/wrong/chat/completions');
    expect(actual.calls[0].init.method).toBe('POST');
    expect(actual.calls[0].init.signal).toBeInstanceOf(AbortSignal);
    expect(actual.requests[0]).toMatchObject({ url: '/v1/chat/completions', proxied: 'app', auth: 'Bearer sk-app' });
    expect(actual.settled.text.length).toBeGreaterThan(0);
  });

  it('Anthropic: the same with its own headers and events', async () => {
    answer = () => ({ sse: fixtureBody('anthropic__anthropic-text.chunks.txt') });
    const make = (lib, fetch) => (lib === ai ? aiAnthropic : native.createAnthropic)({ baseURL: 'http://proxy.invalid/wrong', apiKey: 'sk-ant-app', fetch });
    const { actual } = await compare(make, { maxOutputTokens: 100 });
    expect(actual.requests[0]).toMatchObject({ url: '/v1/messages', proxied: 'app', auth: 'sk-ant-app' });
  });

  it('a 429 through the app fetch is retried as natively, then the stream succeeds', async () => {
    answer = (n) => (n === 1 ? { status: 429, json: { error: { message: 'slow down' } }, headers: { 'retry-after-ms': '10' } }
      : { sse: fixtureBody('openai__chat_openai-text.chunks.txt') });
    const { actual } = await compare(compatible);
    expect(actual.calls).toHaveLength(2);
  });

  it('a 400 through the app fetch is the same APICallError (status, body, not retried)', async () => {
    answer = () => ({ status: 400, json: { error: { message: 'bad thing', type: 'invalid_request_error' } } });
    const errors = {};
    for (const lib of [ai, native]) {
      server.requests.length = 0;
      const calls = [];
      const result = lib.streamText({ model: compatible(lib, appFetch(calls))('m'), prompt: 'x', onError: () => {} });
      const parts = await collect(result.fullStream);
      const e = parts.find((p) => p.type === 'error').error;
      errors[lib === ai ? 'ai' : 'native'] = {
        name: e.name, message: e.message, statusCode: e.statusCode, isRetryable: e.isRetryable,
        responseBody: e.responseBody, url: e.url, calls: calls.length,
      };
    }
    expect(errors.native).toEqual(errors.ai);
    expect(errors.native).toMatchObject({ statusCode: 400, calls: 1, url: 'http://proxy.invalid/wrong/chat/completions' });
  });

  it('a fetch that fails with a network TypeError (with its cause) is retried and ends in the same RetryError', async () => {
    const outcome = {};
    for (const lib of [ai, native]) {
      let calls = 0;
      const failing = async () => { calls++; throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }); };
      const result = lib.streamText({ model: compatible(lib, failing)('m'), prompt: 'x', onError: () => {}, maxRetries: 1 });
      const parts = await collect(result.fullStream);
      const e = parts.find((p) => p.type === 'error').error;
      outcome[lib === ai ? 'ai' : 'native'] = { name: e.name, reason: e.reason, calls, last: e.lastError?.name, lastRetryable: e.lastError?.isRetryable };
    }
    expect(outcome.native).toEqual(outcome.ai);
    expect(outcome.native).toMatchObject({ name: 'AI_RetryError', calls: 2 });
  });

  it("an error the app's fetch throws is that very error in the stream and the promises, not retried", async () => {
    class NotLoggedIn extends Error {}
    const outcome = {};
    for (const lib of [ai, native]) {
      let calls = 0;
      const error = new NotLoggedIn('log in first');
      const failing = async () => { calls++; throw error; };
      const result = lib.streamText({ model: compatible(lib, failing)('m'), prompt: 'x', onError: () => {} });
      const parts = await collect(result.fullStream);
      const streamed = parts.find((p) => p.type === 'error').error;
      const rejected = await result.text.then(() => null, (e) => e);
      outcome[lib === ai ? 'ai' : 'native'] = {
        calls, same: streamed === error, type: parts.map((p) => p.type), rejected: rejected?.name,
      };
    }
    expect(outcome.native).toEqual(outcome.ai);
    expect(outcome.native).toMatchObject({ calls: 1, same: true });
  });

  it('aborting the call aborts the app fetch (its signal), which closes the connection', async () => {
    answer = () => ({ sse: openaiTextDeltasBody(Array.from({ length: 60 }, (_, i) => `w${i} `)), options: { chunkSize: 40, delayMs: 20 } });
    const calls = [];
    const { parts, socketClosed } = await abortAfterThreeDeltas(server, (signal) =>
      native.streamText({ model: compatible(native, appFetch(calls))('m'), prompt: 'x', abortSignal: signal }));
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(3);
    expect(parts.at(-1).type).toBe('abort');
    expect(calls[0].init.signal.aborted).toBe(true);
    expect(socketClosed).toBe(true);
  });

  it('the first-byte limit applies to the app fetch too', async () => {
    answer = () => ({ hang: true });
    const result = native.streamText({
      model: compatible(native, appFetch([]), { timeouts: { firstByteMs: 200 } })('m'), prompt: 'x', maxRetries: 0, onError: () => {},
    });
    const parts = await collect(result.fullStream);
    expect(parts.find((p) => p.type === 'error').error.name).toBe('AI_FirstByteTimeoutError');
  });

  it('a key from the keychain never reaches the app fetch; the app adds its own auth', async () => {
    answer = () => ({ sse: fixtureBody('openai__chat_openai-text.chunks.txt') });
    await native.setApiKey('fetch-test-stored', 'sk-stored-secret');
    try {
      const seen = [];
      const fetchWithAuth = async (url, init) => {
        seen.push(init.headers);
        return fetch(String(url).replace('http://proxy.invalid/wrong', `${server.url}/v1`), {
          ...init, headers: { ...init.headers, authorization: 'Bearer app-token' },
        });
      };
      const model = native.createOpenAICompatible({
        name: 'stored', baseURL: 'http://proxy.invalid/wrong', credentialProviderId: 'fetch-test-stored', fetch: fetchWithAuth,
      })('m');
      const text = await native.streamText({ model, prompt: 'x' }).text;
      expect(text.length).toBeGreaterThan(0);
      expect(JSON.stringify(seen)).not.toContain('sk-stored-secret');
      expect(server.requests[0].headers.authorization).toBe('Bearer app-token');
    } finally {
      await native.deleteApiKey('fetch-test-stored');
    }
  });

  it('generateText and embed go through the app fetch as well', async () => {
    answer = (n, req) => (req.url.endsWith('/embeddings')
      ? { status: 200, json: { data: [{ embedding: [0.5, 0.25] }], usage: { prompt_tokens: 2 } } }
      : { sse: fixtureBody('openai__chat_openai-text.chunks.txt') });
    const calls = [];
    const provider = compatible(native, appFetch(calls));
    const generated = await native.generateText({ model: provider('m'), prompt: 'x' });
    expect(generated.text.length).toBeGreaterThan(0);
    const { embedding } = await native.embed({ model: provider.textEmbeddingModel('e'), value: 'hi' });
    expect(embedding).toEqual([0.5, 0.25]);
    expect(calls.map((c) => c.url)).toEqual(['http://proxy.invalid/wrong/chat/completions', 'http://proxy.invalid/wrong/embeddings']);
  });

  it('a fetch setting that is not a function is a typed error', () => {
    expect(() => native.createOpenAICompatible({ name: 'x', baseURL: 'http://x', fetch: 'nope' }))
      .toThrow(expect.objectContaining({ name: 'AI_InvalidArgumentError', argument: 'fetch' }));
  });

  it('a provider without fetch is unaffected while others have one (the native path)', async () => {
    answer = () => ({ sse: fixtureBody('openai__chat_openai-text.chunks.txt') });
    compatible(native, appFetch([])); // some provider has a fetch
    const direct = native.createOpenAICompatible({ name: 'direct', baseURL: `${server.url}/v1`, apiKey: 'sk-direct' })('m');
    const text = await settle(native.streamText({ model: direct, prompt: 'x' }).text);
    expect(text.value.length).toBeGreaterThan(0);
    expect(server.requests[0].headers['x-proxied-by']).toBeUndefined();
  });
});
