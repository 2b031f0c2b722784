// Language model middleware (#15 item 5): wrapLanguageModel / wrapProvider and the built-ins,
// against ai@5 with the same middleware around @ai-sdk/openai-compatible on the same local server.
// An llm-native model under params-only middleware keeps its native stream (no doStream call,
// the transformed call in the request body); any other middleware runs through doStream /
// doGenerate as in ai@5.
import { describe, it, expect, afterAll, vi } from 'vitest';
import * as ai from 'ai';
import * as aiTest from 'ai/test';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import * as native from '../index.js';
import { startServer, collect, normalizeForDiff } from './helpers.mjs';
import { sendChat } from './support/chat-completions.mjs';

globalThis.AI_SDK_LOG_WARNINGS = false;

let answer = { text: 'Hello from the server.' };
const server = await startServer((req, body, res) => sendChat(res, body, typeof answer === 'function' ? answer(body) : answer));
afterAll(() => server.close());

const normalize = (value) => normalizeForDiff(value, { mapIds: true });
const compatible = (factory) => factory({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-mw', includeUsage: true })('m');
/** Per library: its streamText / generateText / wrapLanguageModel and the model over the server. */
const LIBS = {
  ai: { lib: ai, model: () => compatible(aiCompatible) },
  native: { lib: native, model: () => compatible(native.createOpenAICompatible) },
};

const requestsSince = (before) => server.requests.slice(before).map(({ body }) => body);

/**
 * `value` without what differs only because llm-native's doGenerate streams where
 * @ai-sdk/openai-compatible's does not: the bodies' `stream` fields, the response headers.
 */
const unstreamedForm = (value) => JSON.parse(JSON.stringify(value, (key, v) => (['stream', 'stream_options', 'headers'].includes(key) ? undefined : v)));

async function streamRun(lib, model, options = {}) {
  const before = server.requests.length;
  const result = lib.streamText({ model, prompt: 'Say hello.', onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'reasoningText', 'finishReason', 'usage']) settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name }));
  settled.content = await result.content.then((v) => v, () => null);
  return { parts, settled, before };
}

async function generateRun(lib, model, options = {}) {
  const before = server.requests.length;
  const r = await lib.generateText({ model, prompt: 'Say hello.', ...options });
  return { result: { text: r.text, reasoningText: r.reasoningText, content: r.content, finishReason: r.finishReason, usage: r.usage }, before };
}

/** Runs `run` with each library's own wrapLanguageModel around its model; `unstreamed` as above. */
async function compare(run, middleware, { unstreamed = false, options } = {}) {
  const out = {};
  for (const [name, { lib, model }] of Object.entries(LIBS)) {
    const wrapped = lib.wrapLanguageModel({ model: model(), middleware: middleware() });
    const { before, ...seen } = await run(lib, wrapped, options);
    const record = normalize({ ...seen, requests: requestsSince(before) });
    out[name] = unstreamed ? unstreamedForm(record) : record;
  }
  expect(out.native).toEqual(out.ai);
  return out.native;
}

describe('params-only middleware on an llm-native model keeps the native stream', () => {
  const seen = [];
  const addSystemAndTemperature = () => ({
    transformParams: async ({ params, type }) => {
      const { abortSignal, ...rest } = params;
      seen.push({ type, params: rest });
      return { ...params, temperature: 0.7, prompt: [{ role: 'system', content: 'Added by middleware.' }, ...params.prompt] };
    },
  });

  it('streamText: the transformed call is in the request body, and doStream is never called', async () => {
    answer = { text: 'Hello from the server.' };
    const model = native.wrapLanguageModel({ model: LIBS.native.model(), middleware: addSystemAndTemperature() });
    const doStream = vi.spyOn(model, 'doStream');
    const doGenerate = vi.spyOn(model, 'doGenerate');
    const before = server.requests.length;
    const { parts } = await streamRun(native, model, { temperature: 0.1 });
    expect(doStream).not.toHaveBeenCalled();
    expect(doGenerate).not.toHaveBeenCalled();
    const [body] = requestsSince(before);
    expect(body.temperature).toBe(0.7);
    expect(body.messages).toEqual([{ role: 'system', content: 'Added by middleware.' }, { role: 'user', content: 'Say hello.' }]);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => p.text).join('')).toBe('Hello from the server.');
  });

  it('streamText and generateText see and send what ai@5 does (params, parts, bodies)', async () => {
    const options = { system: 'Be brief.', temperature: 0.1, maxOutputTokens: 40, tools: { weather: ai.tool({ description: 'Weather', inputSchema: ai.jsonSchema({ type: 'object', properties: {} }) }) } };
    seen.length = 0;
    await compare(streamRun, addSystemAndTemperature, { options });
    const [aiParams, nativeParams] = normalize(seen);
    expect(nativeParams).toEqual(aiParams);
    expect(nativeParams.type).toBe('stream');
    seen.length = 0;
    await compare(generateRun, addSystemAndTemperature, { options, unstreamed: true });
    expect(seen.map((s) => s.type)).toEqual(['generate', 'generate']);
    // ai@5's generateText adds its own user agent to the headers; llm-native does not claim to be ai@5.
    expect(seen[0].params.headers).toEqual({ 'user-agent': expect.stringMatching(/^ai\//) });
    expect(unstreamedForm(normalize(seen[1]))).toEqual(unstreamedForm(normalize(seen[0])));
  });

  it('defaultSettingsMiddleware (and wrapProvider): the defaults under the call\'s own settings', async () => {
    const middleware = () => native.defaultSettingsMiddleware({ settings: { temperature: 0.3, maxOutputTokens: 64, providerOptions: { local: { user: 'u-1' } } } });
    const aiMiddleware = () => ai.defaultSettingsMiddleware({ settings: { temperature: 0.3, maxOutputTokens: 64, providerOptions: { local: { user: 'u-1' } } } });
    const run = async (lib, mw) => {
      const provider = lib.wrapProvider({ provider: (lib === ai ? aiCompatible : native.createOpenAICompatible)({ name: 'local', baseURL: `${server.url}/v1`, includeUsage: true }), languageModelMiddleware: mw() });
      const model = provider.languageModel('m');
      if (lib === native) vi.spyOn(model, 'doStream');
      const { parts, before } = await streamRun(lib, model, { maxOutputTokens: 10 });
      if (lib === native) expect(model.doStream).not.toHaveBeenCalled();
      return normalize({ parts, requests: requestsSince(before) });
    };
    const expected = await run(ai, aiMiddleware);
    const actual = await run(native, middleware);
    expect(actual.requests[0]).toMatchObject({ temperature: 0.3, max_tokens: 10, user: 'u-1' });
    expect(actual).toEqual(expected);
  });

  it('a transformParams that throws: an error part, as in ai@5', async () => {
    const failing = () => ({ transformParams: async () => { throw new Error('no params for you'); } });
    const out = await compare(streamRun, failing);
    expect(out.parts).toEqual([{ type: 'start' }, { type: 'error', error: { name: 'Error', message: 'no params for you' } }]);
  });
});

describe('middleware that wraps the call runs through doStream / doGenerate as in ai@5', () => {
  const shouting = () => ({
    wrapStream: async ({ doStream }) => {
      const { stream, ...rest } = await doStream();
      const upper = new TransformStream({ transform: (p, c) => c.enqueue(p.type === 'text-delta' ? { ...p, delta: p.delta.toUpperCase() } : p) });
      return { stream: stream.pipeThrough(upper), ...rest };
    },
  });

  it('wrapStream changes the deltas', async () => {
    answer = { text: 'Hello from the server.' };
    const out = await compare(streamRun, shouting);
    expect(out.settled.text).toBe('HELLO FROM THE SERVER.');
  });

  it('ai@5 runs llm-native\'s wrapped model, and llm-native runs ai@5\'s', async () => {
    const viaAi = await streamRun(ai, native.wrapLanguageModel({ model: LIBS.native.model(), middleware: shouting() }));
    const viaNative = await streamRun(native, ai.wrapLanguageModel({ model: LIBS.native.model(), middleware: shouting() }));
    expect(normalize(viaNative.parts)).toEqual(normalize(viaAi.parts));
    expect(viaNative.settled.text).toBe('HELLO FROM THE SERVER.');
  });

  const thinking = { text: '<think>The user wants a greeting.</think>Hello! <think>Short.</think>Bye.', size: 3 };

  it('extractReasoningMiddleware: <think> tags split across deltas become reasoning (streamText)', async () => {
    answer = thinking;
    const out = await compare(streamRun, () => native.extractReasoningMiddleware({ tagName: 'think' }));
    expect(out.settled.reasoningText).toBe('The user wants a greeting.\nShort.');
    expect(out.settled.text).toBe('Hello! \nBye.');
  });

  it('extractReasoningMiddleware in generateText (wrapGenerate), and startWithReasoning', async () => {
    answer = thinking;
    const out = await compare(generateRun, () => native.extractReasoningMiddleware({ tagName: 'think' }), { unstreamed: true });
    expect(out.result.reasoningText).toBe('The user wants a greeting.\nShort.');
    answer = { text: 'Pondering.</think>Answer.', size: 2 };
    const started = await compare(streamRun, () => native.extractReasoningMiddleware({ tagName: 'think', startWithReasoning: true, separator: ' ' }));
    expect(started.settled.reasoningText).toBe('Pondering.');
  });

  it('simulateStreamingMiddleware: streamText answered by doGenerate', async () => {
    answer = { text: 'All at once.', toolCalls: [{ id: 'call_s', name: 'weather', arguments: '{}' }] };
    const tools = { weather: ai.tool({ description: 'Weather', inputSchema: ai.jsonSchema({ type: 'object', properties: {} }) }) };
    const out = await compare(streamRun, () => native.simulateStreamingMiddleware(), { unstreamed: true, options: { tools } });
    expect(out.parts.map((p) => p.type)).toEqual(['start', 'start-step', 'text-start', 'text-delta', 'text-end', 'tool-call', 'finish-step', 'finish']);
  });
});

describe('wrapLanguageModel composes as ai@5 does', () => {
  it('middleware order, overrides and ids on a MockLanguageModelV2', async () => {
    const run = async (lib) => {
      const log = [];
      const layer = (name) => ({
        overrideProvider: ({ model }) => `${model.provider}+${name}`,
        transformParams: async ({ params, type, model }) => {
          log.push(`${name}:${type}:${model.modelId}`);
          return { ...params, seed: (params.seed ?? 0) * 10 + name.length };
        },
        wrapStream: async ({ doStream, params }) => {
          log.push(`${name}:wrapStream:${params.seed}`);
          return doStream();
        },
      });
      const model = new aiTest.MockLanguageModelV2({
        doStream: async (options) => {
          log.push(`model:${options.seed}`);
          return { stream: aiTest.convertArrayToReadableStream([{ type: 'text-start', id: '1' }, { type: 'text-delta', id: '1', delta: 'ok' }, { type: 'text-end', id: '1' }, { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }]) };
        },
      });
      const wrapped = lib.wrapLanguageModel({ model, middleware: [layer('outer'), layer('in')], modelId: 'renamed' });
      const result = lib.streamText({ model: wrapped, prompt: 'hi', seed: 1 });
      const parts = await collect(result.fullStream);
      return normalize({ provider: wrapped.provider, modelId: wrapped.modelId, log, parts, steps: (await result.steps).map((s) => s.response.modelId) });
    };
    const expected = await run(ai);
    const actual = await run(native);
    expect(actual.provider).toBe('mock-provider+in+outer');
    expect(actual.log).toEqual(['outer:stream:renamed', 'outer:wrapStream:15', 'in:stream:mock-model-id', 'in:wrapStream:152', 'model:152']);
    expect(actual).toEqual(expected);
  });
});
