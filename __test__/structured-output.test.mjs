// Drop-in proof for structured output: the real `ai@5` and llm-native run generateObject /
// streamObject / experimental_output against the same local server (OpenAI-compatible, Responses,
// Anthropic through its JSON tool, Gemini), which answers with a scripted JSON text cut into
// deltas. Request bodies, every streamed part (partial objects included), promises and errors
// must match after normalising generated ids and dates.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { z } from 'zod';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { createOpenAI as aiOpenAI } from '@ai-sdk/openai';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI as aiGoogle } from '@ai-sdk/google';
import * as native from '../index.js';
import { startServer, sendSse, openaiTextDeltasBody, collect, normalizeForDiff } from './helpers.mjs';

/** Deterministic pseudo-random cuts of `text` into deltas of 1–`max` characters. */
function cut(text, seed = 7, max = 9) {
  const out = [];
  let s = seed;
  for (let i = 0; i < text.length;) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const n = 1 + (s % max);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

const event = (e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
const WIRE = {
  compatible: (deltas) => openaiTextDeltasBody(deltas),
  responses: (deltas) => {
    let out = `data: ${JSON.stringify({ type: 'response.created', response: { id: 'resp_1', created_at: 1770000000, model: 'gpt-4.1' } })}\n\n`;
    out += `data: ${JSON.stringify({ type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_1' } })}\n\n`;
    for (const d of deltas) out += `data: ${JSON.stringify({ type: 'response.output_text.delta', item_id: 'msg_1', delta: d })}\n\n`;
    out += `data: ${JSON.stringify({ type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'msg_1' } })}\n\n`;
    out += `data: ${JSON.stringify({ type: 'response.completed', response: { id: 'resp_1', usage: { input_tokens: 5, output_tokens: 9 } } })}\n\n`;
    return out;
  },
  anthropic: (deltas, { asText = false } = {}) => {
    let out = event({ type: 'message_start', message: { id: 'msg_1', model: 'claude-sonnet-4-5', usage: { input_tokens: 5, output_tokens: 1 } } });
    out += event({ type: 'content_block_start', index: 0, content_block: asText ? { type: 'text', text: '' } : { type: 'tool_use', id: 'toolu_1', name: 'json', input: {} } });
    for (const d of deltas) out += event({ type: 'content_block_delta', index: 0, delta: asText ? { type: 'text_delta', text: d } : { type: 'input_json_delta', partial_json: d } });
    out += event({ type: 'content_block_stop', index: 0 });
    out += event({ type: 'message_delta', delta: { stop_reason: asText ? 'end_turn' : 'tool_use' }, usage: { output_tokens: 9 } });
    out += event({ type: 'message_stop' });
    return out;
  },
  google: (deltas) => deltas.map((d, i) => `data: ${JSON.stringify({
    candidates: [{ content: { role: 'model', parts: [{ text: d }] }, ...(i === deltas.length - 1 ? { finishReason: 'STOP' } : {}) }],
    ...(i === deltas.length - 1 ? { usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 9, totalTokenCount: 14 } } : {}),
  })}\n\n`).join(''),
};

/** The same answers as whole JSON bodies (ai@5's generateObject / generateText do not stream). */
const WHOLE = {
  // The same usage as the streamed body (openaiTextDeltasBody counts one token per delta).
  compatible: (text, _o, n) => ({ id: 'chatcmpl-local', object: 'chat.completion', created: 1770000000, model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: n, total_tokens: 10 + n } }),
  responses: (text) => ({ id: 'resp_1', created_at: 1770000000, model: 'gpt-4.1', status: 'completed',
    output: [{ type: 'message', id: 'msg_1', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }], usage: { input_tokens: 5, output_tokens: 9 } }),
  anthropic: (text, { asText = false } = {}) => ({ id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
    content: [asText ? { type: 'text', text } : { type: 'tool_use', id: 'toolu_1', name: 'json', input: JSON.parse(text) }],
    stop_reason: asText ? 'end_turn' : 'tool_use', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 9 } }),
  google: (text) => ({ candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP' }],
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 9, totalTokenCount: 14 } }),
};

const MODELS = {
  compatible: (lib, url, settings = {}) => (lib === ai ? aiCompatible : native.createOpenAICompatible)({ name: 'local', baseURL: `${url}/v1`, apiKey: 'k', supportsStructuredOutputs: true, ...settings })('m'),
  compatibleNoSchema: (lib, url) => (lib === ai ? aiCompatible : native.createOpenAICompatible)({ name: 'local', baseURL: `${url}/v1`, apiKey: 'k' })('m'),
  responses: (lib, url) => (lib === ai ? aiOpenAI : native.createOpenAI)({ baseURL: `${url}/v1`, apiKey: 'k' }).responses('gpt-4.1'),
  anthropic: (lib, url) => (lib === ai ? aiAnthropic : native.createAnthropic)({ baseURL: `${url}/v1`, apiKey: 'k' })('claude-sonnet-4-5'),
  google: (lib, url) => (lib === ai ? aiGoogle : native.createGoogleGenerativeAI)({ baseURL: `${url}/v1beta`, apiKey: 'k' })('gemini-2.5-flash'),
};
const wireOf = (model) => (model.startsWith('compatible') ? 'compatible' : model);

let answer = { wire: 'compatible', deltas: [] };
const server = await startServer((req, body, res) => {
  const streaming = body?.stream === true || req.url.includes('streamGenerateContent');
  if (streaming) return sendSse(res, WIRE[answer.wire](answer.deltas, answer.options));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(WHOLE[answer.wire](answer.deltas.join(''), answer.options, answer.deltas.length)));
});
afterAll(() => server.close());

const schema = z.object({
  name: z.string(),
  tags: z.array(z.string()),
  steps: z.array(z.object({ n: z.number(), done: z.boolean(), note: z.string().nullable() })),
});
const OBJECT = { name: 'Ada "the first" Lovelace ✓', tags: ['math', 'engines'], steps: [{ n: 1, done: true, note: null }, { n: 2.5, done: false, note: 'tab\there' }] };

/** Runs `fn(lib)` for both libraries on the same answer; returns both results and request bodies. */
async function both(modelName, fn, deltas, options) {
  answer = { wire: wireOf(modelName), deltas, options };
  const out = {};
  for (const lib of [ai, native]) {
    server.requests.length = 0;
    const model = MODELS[modelName](lib, server.url);
    const result = await fn(lib, model);
    out[lib === ai ? 'ai' : 'native'] = { result, body: normalizeBody(server.requests[0]?.body) };
  }
  return out;
}

/** Request bodies without what differs by design (`stream`, which generateObject sends too). */
function normalizeBody(body) {
  if (body == null) return body;
  const { stream, stream_options, ...rest } = body;
  return rest;
}

async function streamAll(lib, model, options) {
  const r = lib.streamObject({ model, prompt: 'Describe Ada', ...options, onError: () => {} });
  const parts = await collect(r.fullStream);
  const object = await r.object.then((o) => ({ ok: o }), (e) => ({ error: e.name, message: e.message, text: e.text }));
  return { parts: parts.map(strip), object, finishReason: await r.finishReason.catch((e) => e.name), usage: await r.usage.catch((e) => e.name) };
}

/** A part as compared: errors by name and message, the response without its generated id/date. */
function strip(part) {
  if (part.type === 'error') return { type: 'error', name: part.error?.name, message: part.error?.message };
  if (part.type === 'finish') return { ...part, response: { modelId: part.response.modelId } };
  return part;
}

describe('streamObject as ai@5', () => {
  for (const modelName of ['compatible', 'responses', 'anthropic', 'google']) {
    it(`${modelName}: same request body, parts (each partial object) and object`, async () => {
      const deltas = cut(JSON.stringify(OBJECT, null, modelName === 'google' ? 2 : 0));
      const got = await both(modelName, (lib, model) => streamAll(lib, model, { schema, schemaName: 'person', schemaDescription: 'A person' }), deltas);
      expect(got.native.body).toEqual(got.ai.body);
      expect(normalizeForDiff(got.native.result)).toEqual(normalizeForDiff(got.ai.result));
      expect(got.native.result.object).toEqual({ ok: OBJECT });
      expect(got.native.result.parts.filter((p) => p.type === 'object').length).toBeGreaterThan(10);
    });
  }

  it('array output: elements, text stream and partial arrays as ai@5', async () => {
    const elements = [{ n: 1, done: true, note: null }, { n: 2, done: false, note: 'x' }, { n: 3, done: true, note: 'y' }];
    const deltas = cut(JSON.stringify({ elements }), 3, 4);
    const element = z.object({ n: z.number(), done: z.boolean(), note: z.string().nullable() });
    const got = await both('compatible', async (lib, model) => {
      const r = lib.streamObject({ model, output: 'array', schema: element, prompt: 'p' });
      const [parts, text] = await Promise.all([collect(r.fullStream), r.object]);
      return { parts: parts.map(strip), text };
    }, deltas);
    expect(got.native.body).toEqual(got.ai.body);
    expect(got.native.result).toEqual(got.ai.result);
  });

  it('elementStream gets the last element when the closing brackets come alone (ai@5 drops it)', async () => {
    const element = z.object({ n: z.number() });
    const got = await both('compatible', async (lib, model) => {
      const r = lib.streamObject({ model, output: 'array', schema: element, prompt: 'p' });
      const [elements, object] = await Promise.all([collect(r.elementStream), r.object]);
      return { elements, object };
    }, ['{"elements":[{"n":1},{"n":2}', ']}']);
    expect(got.ai.result).toEqual({ elements: [{ n: 1 }], object: [{ n: 1 }, { n: 2 }] });
    expect(got.native.result).toEqual({ elements: [{ n: 1 }, { n: 2 }], object: [{ n: 1 }, { n: 2 }] });
  });

  it('enum and no-schema outputs as ai@5', async () => {
    for (const [options, text] of [
      [{ output: 'enum', enum: ['sunny', 'sunset', 'rain'] }, '{"result":"sunset"}'],
      [{ output: 'no-schema' }, '{"anything":[1,{"goes":true}]}'],
    ]) {
      const got = await both('compatibleNoSchema', (lib, model) => streamAll(lib, model, options), cut(text, 5, 3));
      expect(got.native.body).toEqual(got.ai.body);
      expect(normalizeForDiff(got.native.result)).toEqual(normalizeForDiff(got.ai.result));
    }
  });

  it('a text that is not the object: NoObjectGeneratedError with the text, as ai@5', async () => {
    for (const text of ['Sorry, I cannot.', '{"name": "Ada", "tags": 3, "steps": []}']) {
      const got = await both('compatible', (lib, model) => streamAll(lib, model, { schema }), cut(text));
      expect(normalizeForDiff(got.native.result)).toEqual(normalizeForDiff(got.ai.result));
      expect(got.native.result.object).toMatchObject({ error: 'AI_NoObjectGeneratedError', text });
    }
  });

  it('a provider without structured outputs gets json_object and the same warning', async () => {
    const got = await both('compatibleNoSchema', async (lib, model) => {
      const r = lib.streamObject({ model, schema, prompt: 'p' });
      // (ai@5 settles its promises only while the stream is read.)
      await collect(r.fullStream);
      return r.warnings;
    }, cut(JSON.stringify(OBJECT)));
    expect(got.native.body.response_format).toEqual({ type: 'json_object' });
    expect(got.native.body).toEqual(got.ai.body);
    expect(await got.native.result).toEqual(await got.ai.result);
  });

  it('Anthropic text instead of the JSON tool: the held-back text is the answer, as ai@5', async () => {
    const text = JSON.stringify(OBJECT);
    const got = await both('anthropic', (lib, model) => streamAll(lib, model, { schema }), cut(text), { asText: true });
    expect(normalizeForDiff(got.native.result)).toEqual(normalizeForDiff(got.ai.result));
  });
});

describe('structured output with a model that is not llm-native\'s (MockLanguageModelV2)', () => {
  it('streamObject and streamText partial outputs give what ai@5 gives with the same mock', async () => {
    const aiTest = await import('ai/test');
    const ours = await import('../test.js');
    const text = JSON.stringify(OBJECT);
    const chunks = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      ...cut(text).map((delta) => ({ type: 'text-delta', id: 't', delta })),
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 9, totalTokens: 12 } },
    ];
    const run = async (lib, helpers) => {
      const model = () => new helpers.MockLanguageModelV2({ doStream: async () => ({ stream: helpers.simulateReadableStream({ chunks }) }) });
      const o = lib.streamObject({ model: model(), schema, prompt: 'p' });
      const objects = await collect(o.partialObjectStream);
      const t = lib.streamText({ model: model(), prompt: 'p', experimental_output: lib.Output.object({ schema }) });
      const partials = await collect(t.experimental_partialOutputStream);
      return { objects, object: await o.object, partials };
    };
    const expected = await run(ai, aiTest);
    const got = await run(native, ours);
    expect(got).toEqual(expected);
    expect(got.objects.length).toBeGreaterThan(10);
  });
});

describe('generateObject and experimental_output as ai@5', () => {
  for (const modelName of ['compatible', 'responses', 'anthropic', 'google']) {
    it(`${modelName}: generateObject gives the same object, usage, finish reason and request`, async () => {
      const got = await both(modelName, async (lib, model) => {
        const r = await lib.generateObject({ model, schema, prompt: 'Describe Ada' });
        return { object: r.object, finishReason: r.finishReason, usage: r.usage, warnings: r.warnings, modelId: r.response.modelId };
      }, cut(JSON.stringify(OBJECT)));
      expect(got.native.result).toEqual(got.ai.result);
      // The AI SDK's generateObject does not stream; its body differs by `stream` only.
      expect(got.native.body).toEqual(got.ai.body);
    });
  }

  it('generateObject with a schema mismatch throws NoObjectGeneratedError with text, usage and cause, and experimental_repairText fixes it', async () => {
    const bad = '{"name": "Ada", "tags": [], "steps": [{"n": "one", "done": true, "note": null}]}';
    const got = await both('compatible', async (lib, model) => {
      const e = await lib.generateObject({ model, schema, prompt: 'p' }).catch((x) => x);
      const repaired = await lib.generateObject({ model, schema, prompt: 'p', experimental_repairText: async ({ text }) => text.replace('"one"', '1') });
      return { name: e.name, text: e.text, usage: e.usage, finishReason: e.finishReason, cause: e.cause?.name, isInstance: lib.NoObjectGeneratedError.isInstance(e), repaired: repaired.object };
    }, cut(bad));
    expect(got.native.result).toEqual(got.ai.result);
    expect(got.native.result.isInstance).toBe(true);
  });

  it('generateText with Output.object: experimental_output, and the request asks for the schema', async () => {
    const got = await both('compatible', async (lib, model) => {
      const r = await lib.generateText({ model, prompt: 'p', experimental_output: lib.Output.object({ schema }) });
      return { output: r.experimental_output, text: r.text };
    }, cut(JSON.stringify(OBJECT)));
    expect(got.native.body).toEqual(got.ai.body);
    expect(got.native.result).toEqual(got.ai.result);
  });

  it('streamText with Output.object: the same re-chunked parts and partial outputs as ai@5', async () => {
    const got = await both('compatible', async (lib, model) => {
      const r = lib.streamText({ model, prompt: 'p', experimental_output: lib.Output.object({ schema }) });
      const [parts, partials] = await Promise.all([collect(r.fullStream), collect(r.experimental_partialOutputStream)]);
      return { parts: parts.filter((p) => p.type.startsWith('text')), partials };
    }, cut(JSON.stringify(OBJECT)));
    expect(got.native.body).toEqual(got.ai.body);
    expect(got.native.result).toEqual(got.ai.result);
    expect(got.native.result.partials.at(-1)).toEqual(OBJECT);
  });

  it('streamText with Output.text: every delta is a partial output, as ai@5', async () => {
    const got = await both('compatible', async (lib, model) => {
      const r = lib.streamText({ model, prompt: 'p', experimental_output: lib.Output.text() });
      return collect(r.experimental_partialOutputStream);
    }, ['Hel', 'lo', '', ' world']);
    expect(got.native.result).toEqual(got.ai.result);
    expect(got.native.result).toEqual(['Hel', 'Hello', 'Hello world']);
  });

  it('generateText without experimental_output: reading it throws NoOutputSpecifiedError', async () => {
    const got = await both('compatible', async (lib, model) => {
      const r = await lib.generateText({ model, prompt: 'p' });
      try { return r.experimental_output; } catch (e) { return e.name; }
    }, ['hi']);
    expect(got.native.result).toBe('AI_NoOutputSpecifiedError');
    expect(got.native.result).toBe(got.ai.result);
  });
});
