// embed / embedMany / cosineSimilarity against the real `ai@5` (+ @ai-sdk/openai, openai-compatible,
// google) on the same 127.0.0.1 server: results, errors and every request body must match.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createOpenAI as aiOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { createGoogleGenerativeAI as aiGoogle } from '@ai-sdk/google';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import * as llm from '../index.js';
import { startServer, normalizeForDiff } from './helpers.mjs';

// A deterministic vector per text, with the digits real embeddings have.
const vector = (text, dims = 4) => Array.from({ length: dims }, (_, i) => Number((Math.sin(text.length * 7.13 + i) / 3).toPrecision(10)));

let respond = null; // a test's own answer, else the embedding server
let stall = false;
const bodies = [];
const server = await startServer((req, body, res) => {
  bodies.push({ url: req.url, body });
  if (respond) return respond(req, body, res);
  if (stall) return; // never answers
  res.writeHead(200, { 'content-type': 'application/json' });
  if (req.url.endsWith('/embeddings')) {
    const data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: vector(t, body.dimensions ?? 4) }));
    return res.end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: body.input.length * 2, total_tokens: body.input.length * 2 } }));
  }
  if (req.url.endsWith(':embedContent')) return res.end(JSON.stringify({ embedding: { values: vector(body.content.parts[0]?.text ?? '') } }));
  return res.end(JSON.stringify({ embeddings: body.requests.map((r) => ({ values: vector(r.content.parts[0]?.text ?? '') })) }));
});
afterAll(() => server.close());

const base = `${server.url}/v1`;
const MODELS = {
  openai: [aiOpenAI({ baseURL: base, apiKey: 'k' }).textEmbeddingModel('text-embedding-3-small'), llm.createOpenAI({ baseURL: base, apiKey: 'k' }).textEmbeddingModel('text-embedding-3-small')],
  compatible: [aiCompatible({ name: 'local', baseURL: base, apiKey: 'k' }).textEmbeddingModel('nomic'), llm.createOpenAICompatible({ name: 'local', baseURL: base, apiKey: 'k' }).textEmbeddingModel('nomic')],
  google: [aiGoogle({ baseURL: base, apiKey: 'k' }).textEmbeddingModel('gemini-embedding-001'), llm.createGoogleGenerativeAI({ baseURL: base, apiKey: 'k' }).textEmbeddingModel('gemini-embedding-001')],
};

/** Runs `fn(lib, model)` on the AI SDK, then llm-native; their results (or errors) and request bodies. */
async function both(kind, fn) {
  const out = [];
  for (const [lib, model] of [[ai, MODELS[kind][0]], [llm, MODELS[kind][1]]]) {
    bodies.length = 0;
    const result = await fn(lib, model).then((value) => ({ value }), (error) => ({ error: { name: error.name, message: error.message, statusCode: error.statusCode } }));
    out.push({ result: normalizeForDiff(result), bodies: bodies.map((b) => ({ url: b.url, body: b.body })) });
  }
  return out;
}

describe('embed and embedMany, differential against ai@5', () => {
  for (const kind of Object.keys(MODELS)) {
    it(`${kind}: embed and embedMany give the same results and requests`, async () => {
      const [sdk, ours] = await both(kind, async (lib, model) => [
        await lib.embed({ model, value: 'sunny day at the beach' }),
        await lib.embedMany({ model, values: ['a', 'bb', 'ccc'] }),
      ]);
      if (kind === 'google') {
        // Gemini reports no usage: the AI SDK's NaN (serialised as null) is llm-native's undefined.
        for (const r of sdk.result.value) r.usage = {};
      }
      expect(ours).toEqual(sdk);
      expect(ours.bodies).toHaveLength(2);
    });
  }

  it('provider options reach the body as the AI SDK sends them', async () => {
    const cases = [
      ['openai', { openai: { dimensions: 2, user: 'u' } }],
      ['compatible', { 'openai-compatible': { dimensions: 3 }, local: { user: 'me' } }],
      ['google', { google: { outputDimensionality: 2, taskType: 'RETRIEVAL_DOCUMENT' } }],
    ];
    for (const [kind, providerOptions] of cases) {
      const [sdk, ours] = await both(kind, (lib, model) => lib.embedMany({ model, values: ['x', 'yy'], providerOptions }));
      expect(ours.bodies).toEqual(sdk.bodies);
      expect(ours.result).toEqual(kind === 'google' ? { value: { ...sdk.result.value, usage: {} } } : sdk.result);
    }
  });

  it('many values are split into calls as the AI SDK splits them (count and bytes), in order, in parallel groups', async () => {
    const values = Array.from({ length: 4500 }, (_, i) => `value ${i}`);
    for (const maxParallelCalls of [undefined, 1]) {
      const [sdk, ours] = await both('compatible', (lib, model) => lib.embedMany({ model, values, maxParallelCalls }));
      const lengths = ours.bodies.map((b) => b.body.input.length);
      // Parallel calls reach the server in any order; one at a time, in order.
      expect(maxParallelCalls === 1 ? lengths : [...lengths].sort((a, b) => b - a)).toEqual([2048, 2048, 404]);
      expect(ours.bodies.map((b) => b.body.input[0]).sort()).toEqual(sdk.bodies.map((b) => b.body.input[0]).sort());
      expect(ours.result.value.embeddings).toEqual(sdk.result.value.embeddings);
      expect(ours.result.value.usage).toEqual({ tokens: 9000 });
    }
    // OpenAI's own endpoint: at most 300,000 bytes per call.
    const big = Array.from({ length: 4 }, (_, i) => `${i}`.repeat(100_000));
    const [sdk, ours] = await both('openai', (lib, model) => lib.embedMany({ model, values: big, maxParallelCalls: 1 }));
    expect(ours.bodies.map((b) => b.body.input.length)).toEqual([3, 1]);
    expect(ours.bodies).toEqual(sdk.bodies);
  });

  it('a 429 is retried; a 401 is the same APICallError; a bad body is "Invalid JSON response"', async () => {
    let n = 0;
    respond = (_req, body, res) => {
      if (n++ % 2 === 0) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': '5' });
        return res.end('{"error":{"message":"Rate limit reached","type":"rate_limit_error"}}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ data: body.input.map((t) => ({ embedding: vector(t) })), usage: { prompt_tokens: 1 } }));
    };
    const [sdk, ours] = await both('openai', (lib, model) => lib.embed({ model, value: 'x' }));
    expect(ours.bodies).toHaveLength(2);
    expect(ours.result).toEqual(sdk.result);
    respond = (_req, _body, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}');
    };
    const [sdk401, ours401] = await both('openai', (lib, model) => lib.embed({ model, value: 'x', maxRetries: 0 }));
    expect(ours401.result).toEqual(sdk401.result);
    expect(ours401.result.error).toMatchObject({ name: 'AI_APICallError', statusCode: 401 });
    respond = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":[{"embedding":["not","numbers"]}]}');
    };
    const [sdkBad, oursBad] = await both('compatible', (lib, model) => lib.embed({ model, value: 'x', maxRetries: 0 }));
    expect(oursBad.result).toEqual(sdkBad.result);
    respond = null;
  });

  it('an abort ends the call at once with the signal reason and closes the connection', async () => {
    stall = true;
    const controller = new AbortController();
    const closed = server.closedSockets.length;
    const pending = llm.embed({ model: MODELS.openai[1], value: 'x', abortSignal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await expect(pending).rejects.toThrow('stop');
    const end = Date.now() + 2000;
    while (server.closedSockets.length === closed && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(server.closedSockets.length).toBeGreaterThan(closed);
    stall = false;
  });

  it('anthropic has no embedding models (NoSuchModelError, as @ai-sdk/anthropic)', () => {
    const theirs = (() => { try { aiAnthropic({ apiKey: 'k' }).textEmbeddingModel('x'); } catch (e) { return e; } })();
    const ours = (() => { try { llm.createAnthropic({ apiKey: 'k' }).textEmbeddingModel('x'); } catch (e) { return e; } })();
    expect([ours.name, ours.modelId, ours.modelType]).toEqual([theirs.name, theirs.modelId, theirs.modelType]);
  });

  it('cosineSimilarity is the AI SDK’s, errors included; bad arguments are typed', async () => {
    for (let i = 0; i < 20; i++) {
      const a = vector(`a${i}`, 64);
      const b = vector(`b${i * 3}`, 64);
      expect(llm.cosineSimilarity(a, b)).toBe(ai.cosineSimilarity(a, b));
    }
    expect(llm.cosineSimilarity([0, 0], [1, 2])).toBe(0);
    const theirs = (() => { try { ai.cosineSimilarity([1], [1, 2]); } catch (e) { return e; } })();
    const ours = (() => { try { llm.cosineSimilarity([1], [1, 2]); } catch (e) { return e; } })();
    expect([ours.name, ours.message, ours.parameter, ours.value]).toEqual([theirs.name, theirs.message, theirs.parameter, theirs.value]);
    await expect(llm.embed({ model: MODELS.openai[1], value: 1 })).rejects.toBeInstanceOf(llm.InvalidArgumentError);
    await expect(llm.embedMany({ model: MODELS.openai[1], values: ['a', 2] })).rejects.toBeInstanceOf(llm.InvalidArgumentError);
    await expect(llm.embed({ model: llm.createOpenAI({ apiKey: 'k' })('gpt-4o'), value: 'a' })).rejects.toBeInstanceOf(llm.InvalidArgumentError);
    await expect(llm.embedMany({ model: MODELS.openai[1], values: ['a'], maxParallelCalls: 0 })).rejects.toBeInstanceOf(llm.InvalidArgumentError);
    expect((await llm.embedMany({ model: MODELS.openai[1], values: [] })).embeddings).toEqual([]);
  });
});
