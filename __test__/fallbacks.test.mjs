// Fallback chains (`withFallbacks`, crates/core/src/engine/fallback.rs): a model failing before its
// first content with an error of a class the chain falls through on hands the call to the next;
// nothing of the failed attempt reaches the app. Every server here answers on 127.0.0.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import {
  streamText, generateText, withFallbacks, createOpenAICompatible, createAnthropic, addModels, configure,
  registerProvider, APICallError, InvalidArgumentError, LoadAPIKeyError,
} from '../index.js';
import { startServer, sendSse, collect, settle, openaiTextDeltasBody, leaveConfigDir } from './helpers.mjs';

// Each model id answers as its handler says; every request is counted per model.
let handlers = {};
const seen = [];
const server = await startServer((req, body, res) => {
  const model = body.model;
  seen.push(model);
  const handler = handlers[model];
  if (!handler) return sendSse(res, openaiTextDeltasBody([`from ${model}`], { model }));
  return handler(res);
});
afterAll(() => server.close());

let keys = 0;
/** A provider of its own (a fresh key: cooldowns are per provider and credential). */
const provider = () => createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: `k${keys++}` });
const requestsTo = (model) => seen.filter((m) => m === model).length;

function error(status, body, headers = {}) {
  return (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}
const TOO_MANY = error(429, { error: { message: 'Rate limit reached', type: 'rate_limit_error' } }, { 'retry-after': '1' });
const CONTEXT = error(400, { error: { message: "This model's maximum context length is 8192 tokens", code: 'context_length_exceeded' } });

async function run(model, options = {}) {
  handlers = { ...options.handlers };
  seen.length = 0;
  const result = streamText({ model, prompt: 'hi', onError: () => {}, ...options.call });
  const parts = await collect(result.fullStream);
  return { parts, text: (await settle(result.text)).value, response: (await settle(result.response)).value };
}

const types = (parts) => parts.map((p) => p.type);
const CLEAN = ['start', 'start-step', 'text-start', 'text-delta', 'text-end', 'finish-step', 'finish'];
const finishStep = (parts) => parts.find((p) => p.type === 'finish-step');

describe('withFallbacks', () => {
  it('a 429 moves the call to the next model at once: one step, from the model that served, which the step names', async () => {
    const p = provider();
    const passed = [];
    const chain = withFallbacks([p('a'), p('b')], { onFallback: (e) => passed.push(e) });
    expect(chain.modelId).toBe('a');
    const { parts, text, response } = await run(chain, { handlers: { a: TOO_MANY } });
    expect(types(parts)).toEqual(CLEAN);
    expect(text).toBe('from b');
    expect(response.modelId).toBe('b');
    // No retry of `a` (a fallback is there), one request to `b`.
    expect(seen).toEqual(['a', 'b']);
    expect(finishStep(parts).providerMetadata.llmNative.fallback).toEqual({
      index: 1,
      provider: 'local.chat',
      modelId: 'b',
      attempts: [{ provider: 'local.chat', modelId: 'a', errorClass: 'rate-limit', message: 'Rate limit reached', statusCode: 429 }],
    });
    expect(passed).toHaveLength(1);
    expect(passed[0]).toMatchObject({ errorClass: 'rate-limit', provider: 'local.chat', modelId: 'a' });
    expect(passed[0].error).toBeInstanceOf(APICallError);
    expect(passed[0].error.statusCode).toBe(429);
  });

  it("a 429 rests the provider for the server's retry-after: the next call skips it, and tries it again after", async () => {
    const a = provider();
    const b = provider();
    const chain = withFallbacks([a('a'), b('b')]);
    await run(chain, { handlers: { a: TOO_MANY } });
    const during = await run(chain);
    expect(during.text).toBe('from b');
    expect(requestsTo('a')).toBe(0);
    expect(finishStep(during.parts).providerMetadata.llmNative.fallback).toMatchObject({ index: 1, attempts: [] });
    await new Promise((r) => setTimeout(r, 1100));
    const after = await run(chain);
    expect(after.text).toBe('from a');
    expect(seen).toEqual(['a']);
  });

  it('a context overflow goes only to a model with a larger context window in the catalogue', async () => {
    addModels([
      { provider: 'local', id: 'small', name: 'small', contextWindow: 8192 },
      { provider: 'local', id: 'smaller', name: 'smaller', contextWindow: 4096 },
      { provider: 'local', id: 'large', name: 'large', contextWindow: 200000 },
    ]);
    const p = provider();
    const { text, parts } = await run(withFallbacks([p('small'), p('smaller'), p('large')]), { handlers: { small: CONTEXT } });
    expect(text).toBe('from large');
    expect(seen).toEqual(['small', 'large']);
    expect(finishStep(parts).providerMetadata.llmNative.fallback.attempts[0].errorClass).toBe('context-length');
  });

  it('after the first content nothing falls back: the error streams after the text', async () => {
    const p = provider();
    const midway = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"a","choices":[{"index":0,"delta":{"content":"par"}}]}\n\n' +
        'data: {"error":{"message":"boom","type":"server_error"}}\n\n');
    };
    const { parts, text } = await run(withFallbacks([p('a'), p('b')]), { handlers: { a: midway } });
    expect(seen).toEqual(['a']);
    expect(text).toBe('par');
    expect(types(parts)).toContain('error');
  });

  it('an overload or quota error event before any content falls through too', async () => {
    const p = provider();
    const quota = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(': ping\n\ndata: {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}\n\n');
    };
    const { parts, text } = await run(withFallbacks([p('a'), p('b')]), { handlers: { a: quota } });
    expect(text).toBe('from b');
    expect(types(parts)).toEqual(CLEAN);
    expect(finishStep(parts).providerMetadata.llmNative.fallback.attempts[0]).toMatchObject({ errorClass: 'rate-limit', statusCode: 429 });
  });

  it('a provider without credentials is skipped', async () => {
    delete process.env.LLM_NATIVE_TEST_NO_KEY;
    const keyless = createAnthropic({ baseURL: `${server.url}/v1`, credentialProviderId: false, apiKeyEnvVar: 'LLM_NATIVE_TEST_NO_KEY' });
    const p = provider();
    const passed = [];
    const { text } = await run(withFallbacks([keyless('claude-x'), p('b')], { onFallback: (e) => passed.push(e) }));
    expect(text).toBe('from b');
    expect(seen).toEqual(['b']);
    expect(passed[0].errorClass).toBe('auth');
    expect(passed[0].error).toBeInstanceOf(LoadAPIKeyError);
  });

  it('a class the chain does not fall through on ends the call with that error', async () => {
    const p = provider();
    const { parts } = await run(withFallbacks([p('a'), p('b')], { fallbackOn: ['overloaded'] }), {
      handlers: { a: TOO_MANY }, call: { maxRetries: 0 },
    });
    expect(seen).toEqual(['a']);
    const e = parts.find((x) => x.type === 'error').error;
    expect(e).toBeInstanceOf(APICallError);
    expect(e.statusCode).toBe(429);
    expect(types(parts)).not.toContain('start-step');
  });

  it('when every model fails the last one’s error (with its retries) ends the call', async () => {
    const p = provider();
    const overloaded = error(503, { error: { message: 'busy', type: 'server_error' } }, { 'retry-after-ms': '5' });
    const { parts } = await run(withFallbacks([p('a'), p('b')], { cooldownMs: 0 }), {
      handlers: { a: overloaded, b: overloaded }, call: { maxRetries: 1 },
    });
    // `a` hands over at once; `b`, the last, retries as a plain model does.
    expect(seen).toEqual(['a', 'b', 'b']);
    const e = parts.find((x) => x.type === 'error').error;
    expect(e.name).toBe('AI_RetryError');
    expect(e.lastError.statusCode).toBe(503);
  });

  it('members may be provider/model string ids from the registry', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-fallbacks-'));
    configure({ configDir: dir });
    process.env.LLM_NATIVE_FALLBACK_TEST_KEY = 'k';
    await registerProvider({ id: 'fbtest', baseURL: `${server.url}/v1`, apiKeyEnvVar: 'LLM_NATIVE_FALLBACK_TEST_KEY' });
    const { text } = await run(withFallbacks(['fbtest/a', provider()('b')]), { handlers: { a: TOO_MANY } });
    expect(text).toBe('from b');
    expect(seen).toEqual(['a', 'b']);
    await leaveConfigDir(dir);
  });

  it('generateText uses a chain like any model', async () => {
    const p = provider();
    handlers = { a: TOO_MANY };
    seen.length = 0;
    const result = await generateText({ model: withFallbacks([p('a'), p('b')]), prompt: 'hi' });
    expect(result.text).toBe('from b');
    expect(result.response.modelId).toBe('b');
    expect(result.providerMetadata.llmNative.fallback.index).toBe(1);
  });

  it('bad chains are typed errors', () => {
    const p = provider();
    expect(() => withFallbacks([])).toThrow(InvalidArgumentError);
    expect(() => withFallbacks('a')).toThrow(InvalidArgumentError);
    expect(() => withFallbacks([p('a')], { onFallback: 1 })).toThrow(InvalidArgumentError);
    expect(() => withFallbacks([withFallbacks([p('a')])])).toThrow(InvalidArgumentError);
    expect(() => withFallbacks([p('a')], { fallbackOn: ['invalid-request'] })).toThrow(/not a class a chain falls through on/);
    expect(() => withFallbacks([p('a')], { retries: 2 })).toThrow(InvalidArgumentError);
    expect(() => withFallbacks([{}])).toThrow(InvalidArgumentError);
  });
});
