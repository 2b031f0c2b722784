// The helpers apps import from `ai` / `@ai-sdk/provider-utils` besides streamText: each is run
// next to the AI SDK's own on the same inputs and must give the same values, states, errors and
// chunks (ids aside, which are random in both).
import { describe, it, expect } from 'vitest';
import * as ai from 'ai';
import * as pu from '@ai-sdk/provider-utils';
import { z } from 'zod';
import { z as z3 } from 'zod3';
import { z as z3v4 } from 'zod3/v4';
import * as native from '../index.js';
import { collect } from './helpers.mjs';

const plain = (v) => JSON.parse(JSON.stringify(v));

describe('parsePartialJson', () => {
  const documents = [
    '{"a": [1, 2.5e-3, -7, "x\\"y\\\\"], "b": {"c": true, "d": null, "e": false}, "f": "ü\\u00fc"}',
    '[{"k": "v"}, [], {}, [true, [null, 12]], "s"]',
    '  {"nested": {"deep": [{"x": -0.5}, {"y": "z"}]}, "n": 1234}',
    '"just a string"',
    '-12.75',
  ];
  it('gives ai@5\'s value and state for every prefix of JSON documents', async () => {
    let checked = 0;
    for (const doc of documents) {
      for (let i = 0; i <= doc.length; i++) {
        const text = doc.slice(0, i);
        expect(await native.parsePartialJson(text), JSON.stringify(text)).toEqual(await ai.parsePartialJson(text));
        checked++;
      }
    }
    expect(checked).toBe(documents.reduce((n, d) => n + d.length + 1, 0));
  });

  it('reports each state as ai@5 does', async () => {
    expect(await native.parsePartialJson(undefined)).toEqual({ value: undefined, state: 'undefined-input' });
    expect(await native.parsePartialJson('{"a":1}')).toEqual({ value: { a: 1 }, state: 'successful-parse' });
    expect(await native.parsePartialJson('{"a": [1, "b')).toEqual({ value: { a: [1, 'b'] }, state: 'repaired-parse' });
    expect(await native.parsePartialJson('{"a": tru')).toEqual({ value: { a: true }, state: 'repaired-parse' });
    expect(await native.parsePartialJson('}{')).toEqual({ value: undefined, state: 'failed-parse' });
    // A prototype-setting key is refused, as secure-json-parse does in the AI SDK.
    for (const text of ['{"__proto__": {"x": 1}}', '{"a": {"constructor": {"prototype": {"x": 1}}}}']) {
      expect(await native.parsePartialJson(text)).toEqual({ value: undefined, state: 'failed-parse' });
      expect(await ai.parsePartialJson(text)).toEqual({ value: undefined, state: 'failed-parse' });
    }
  });
});

describe('generateId / createIdGenerator', () => {
  it('makes ids of the AI SDK\'s shape', () => {
    expect(native.generateId()).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(native.generateId()).not.toBe(native.generateId());
    expect(native.createIdGenerator({ prefix: 'msg', size: 24 })()).toMatch(/^msg-[0-9A-Za-z]{24}$/);
    expect(native.createIdGenerator({ prefix: 'a', separator: '_', alphabet: 'xy', size: 5 })()).toMatch(/^a_[xy]{5}$/);
    expect(native.createIdGenerator({ size: 3, alphabet: 'q' })()).toBe('qqq');
  });

  it('refuses a separator from the alphabet with the AI SDK\'s error', () => {
    const attempt = (lib) => { try { lib.createIdGenerator({ prefix: 'p', separator: 'a', alphabet: 'abc' }); } catch (e) { return e; } return null; };
    const ours = attempt(native);
    expect(native.InvalidArgumentError.isInstance(ours)).toBe(true);
    expect({ name: ours.name, message: ours.message, argument: ours.argument }).toEqual({
      name: 'AI_InvalidArgumentError', message: 'The separator "a" must not be part of the alphabet "abc".', argument: 'separator',
    });
    expect(ours.message).toBe(attempt(ai).message);
  });
});

describe('safeValidateTypes / validateTypes', () => {
  const schemas = {
    'zod 4': z.object({ city: z.string(), days: z.number().int().optional() }),
    'zod 3 (v3 API)': z3.object({ city: z3.string(), days: z3.number().int().optional() }),
    'zod 3 (zod/v4)': z3v4.object({ city: z3v4.string(), days: z3v4.number().int().optional() }),
  };
  for (const [label, schema] of Object.entries(schemas)) {
    it(`validates with a ${label} schema as @ai-sdk/provider-utils does`, async () => {
      const good = { city: 'Oslo', days: 3 };
      const bad = { city: 7 };
      expect(await native.safeValidateTypes({ value: good, schema })).toEqual({ success: true, value: good, rawValue: good });
      for (const wrap of [(s) => s, native.zodSchema]) {
        const ours = await native.safeValidateTypes({ value: bad, schema: wrap(schema) });
        const theirs = await pu.safeValidateTypes({ value: bad, schema: wrap === native.zodSchema ? pu.zodSchema(schema) : schema });
        expect(ours.success).toBe(false);
        expect(native.TypeValidationError.isInstance(ours.error)).toBe(true);
        expect(ours.error.message).toBe(theirs.error.message);
        expect(ours.error.message).toMatch(/^Type validation failed: Value: \{"city":7\}\.\nError message: /);
        expect(ours.error.value).toBe(bad);
        expect(ours.rawValue).toBe(bad);
      }
      expect(await native.validateTypes({ value: good, schema })).toEqual(good);
      await expect(native.validateTypes({ value: bad, schema })).rejects.toMatchObject({ name: 'AI_TypeValidationError', value: bad });
    });
  }

  it('takes jsonSchema() validators, lazy schemas, and a schema without validate', async () => {
    const even = native.jsonSchema({ type: 'number' }, {
      validate: (v) => (v % 2 === 0 ? { success: true, value: v / 2 } : { success: false, error: new Error('odd') }),
    });
    expect(await native.safeValidateTypes({ value: 4, schema: even })).toEqual({ success: true, value: 2, rawValue: 4 });
    const odd = await native.safeValidateTypes({ value: 3, schema: () => even });
    expect(odd.error.message).toBe('Type validation failed: Value: 3.\nError message: odd');
    expect(await native.safeValidateTypes({ value: 'x', schema: native.jsonSchema({}) })).toEqual({ success: true, value: 'x', rawValue: 'x' });
    const thrown = await native.safeValidateTypes({ value: 1, schema: native.jsonSchema({}, { validate: () => { throw new Error('boom'); } }) });
    expect(thrown.error.message).toBe('Type validation failed: Value: 1.\nError message: boom');
  });
});

describe('zodSchema / asSchema / jsonSchema', () => {
  const shapes = {
    'zod 4': z.object({ q: z.string().describe('query'), n: z.number().min(1).default(5), tags: z.array(z.enum(['a', 'b'])).optional() }),
    'zod 3 (v3 API)': z3.object({ q: z3.string().describe('query'), n: z3.number().min(1).default(5), tags: z3.array(z3.enum(['a', 'b'])).optional() }),
    'zod 3 (zod/v4)': z3v4.object({ q: z3v4.string().describe('query'), n: z3v4.number().min(1).default(5), tags: z3v4.array(z3v4.enum(['a', 'b'])).optional() }),
  };
  for (const [label, schema] of Object.entries(shapes)) {
    it(`gives ai@5's JSON Schema for a ${label} schema`, () => {
      expect(native.zodSchema(schema).jsonSchema).toEqual(ai.zodSchema(schema).jsonSchema);
      expect(native.asSchema(schema).jsonSchema).toEqual(ai.asSchema(schema).jsonSchema);
    });
  }

  it('passes Schemas through, calls lazy ones, and gives an empty object schema for none', () => {
    const s = native.jsonSchema({ type: 'string' });
    expect(native.asSchema(s)).toBe(s);
    expect(native.asSchema(() => s)).toBe(s);
    expect(native.asSchema(undefined).jsonSchema).toEqual({ properties: {}, additionalProperties: false });
    expect(native.asSchema(undefined).jsonSchema).toEqual(ai.asSchema(undefined).jsonSchema);
    let calls = 0;
    const lazy = native.jsonSchema(() => { calls++; return { type: 'object' }; });
    expect(calls).toBe(0);
    expect([lazy.jsonSchema, lazy.jsonSchema, calls]).toEqual([{ type: 'object' }, { type: 'object' }, 1]);
    // The AI SDK recognises ours (same global symbols).
    expect(ai.asSchema(native.zodSchema(shapes['zod 4']))).toBeTypeOf('object');
    expect(ai.asSchema(s)).toBe(s);
  });
});

describe('dynamicTool', () => {
  it('marks the tool dynamic, as ai@5', () => {
    const def = { description: 'd', inputSchema: native.jsonSchema({ type: 'object' }), execute: async () => 1 };
    expect(native.dynamicTool(def)).toEqual(ai.dynamicTool(def));
    expect(native.dynamicTool(def).type).toBe('dynamic');
    expect(def.type).toBeUndefined();
  });
});

describe('simulateReadableStream', () => {
  it('streams the chunks with the delays', async () => {
    const delays = [];
    const stream = native.simulateReadableStream({
      chunks: ['a', 'b', 'c'], initialDelayInMs: 50, chunkDelayInMs: 7, _internal: { delay: async (ms) => { delays.push(ms); } },
    });
    expect(await collect(stream)).toEqual(['a', 'b', 'c']);
    expect(delays).toEqual([50, 7, 7]);
    const t = Date.now();
    expect(await collect(native.simulateReadableStream({ chunks: [1, 2], initialDelayInMs: 60, chunkDelayInMs: null }))).toEqual([1, 2]);
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
  });
});

describe('convertToModelMessages', () => {
  const messages = [
    { id: 's', role: 'system', parts: [{ type: 'text', text: 'be ', providerMetadata: { a: { x: 1 } } }, { type: 'text', text: 'brief' }] },
    {
      id: 'u', role: 'user', parts: [
        { type: 'text', text: 'hi' },
        { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,AA==', filename: 'p.png', providerMetadata: { o: { d: 'low' } } },
        { type: 'data-note', data: { n: 1 } },
      ],
    },
    {
      id: 'a', role: 'assistant', parts: [
        { type: 'step-start' },
        { type: 'reasoning', text: 'think', providerMetadata: { anthropic: { signature: 'sig' } } },
        { type: 'text', text: 'calling', state: 'done' },
        { type: 'tool-weather', toolCallId: 'c1', state: 'output-available', input: { city: 'Oslo' }, output: { t: 3 }, callProviderMetadata: { x: { y: 1 } } },
        { type: 'tool-weather', toolCallId: 'c2', state: 'output-error', input: undefined, rawInput: '{bad', errorText: 'bad input' },
        { type: 'tool-search', toolCallId: 'c3', state: 'output-available', input: {}, output: 'done', providerExecuted: true },
        { type: 'tool-search', toolCallId: 'c4', state: 'output-error', input: {}, errorText: 'nope', providerExecuted: true },
        { type: 'dynamic-tool', toolName: 'mcp_x', toolCallId: 'c5', state: 'output-available', input: { a: 1 }, output: undefined },
        { type: 'dynamic-tool', toolName: 'gone', toolCallId: 'c6', state: 'output-available', input: {}, output: 1, dynamic: false },
        { type: 'tool-weather', toolCallId: 'c7', state: 'input-streaming', input: undefined },
        { type: 'tool-weather', toolCallId: 'c8', state: 'input-available', input: { city: 'Rome' } },
        { type: 'step-start' },
        { type: 'text', text: 'It is 3 degrees.' },
        { type: 'file', mediaType: 'text/plain', url: 'data:text/plain;base64,aGk=' },
        { type: 'data-chart', data: [1, 2] },
        { type: 'source-url', sourceId: 's', url: 'https://x' },
      ],
    },
    { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'thanks' }] },
  ];
  const tools = { weather: { toModelOutput: (o) => ({ type: 'text', value: `t=${o.t}` }) } };
  const convertDataPart = (p) => (p.type === 'data-note' ? { type: 'text', text: JSON.stringify(p.data) } : undefined);

  for (const [label, options] of Object.entries({
    'no options': undefined,
    'tools, convertDataPart': { tools, convertDataPart },
    ignoreIncompleteToolCalls: { ignoreIncompleteToolCalls: true },
  })) {
    it(`gives ai@5's messages (${label})`, () => {
      const ours = native.convertToModelMessages(structuredClone(messages), options);
      expect(ours).toEqual(ai.convertToModelMessages(structuredClone(messages), options));
      expect(plain(ours)).toEqual(plain(ai.convertToModelMessages(structuredClone(messages), options)));
    });
  }

  it('turns a tool-using chat into one assistant message per step, each with its tool results', () => {
    const ours = native.convertToModelMessages(messages, { tools });
    expect(ours.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    expect(ours[3].content.map((c) => [c.toolCallId, c.output])).toEqual([
      ['c1', { type: 'text', value: 't=3' }],
      ['c2', { type: 'error-text', value: 'bad input' }],
      ['c5', { type: 'json', value: null }],
      ['c6', { type: 'text', value: 'Tool output omitted because the tool is no longer available.' }],
    ]);
  });

  it('throws MessageConversionError for an unknown role, as ai@5', () => {
    const bad = [{ id: 'x', role: 'robot', parts: [] }];
    let ours;
    try { native.convertToModelMessages(bad); } catch (e) { ours = e; }
    expect(native.MessageConversionError.isInstance(ours)).toBe(true);
    expect(ai.MessageConversionError.isInstance(ours)).toBe(true);
    expect([ours.name, ours.message, ours.originalMessage]).toEqual(['AI_MessageConversionError', 'Unsupported role: robot', bad[0]]);
  });
});

describe('createUIMessageStream', () => {
  /** Runs one library's createUIMessageStream with a scripted writer; returns chunks and onFinish. */
  async function run(lib, { originalMessages, failWith, throwInOnError } = {}) {
    let finished;
    const errors = [];
    const stream = lib.createUIMessageStream({
      originalMessages,
      generateId: () => 'gen-1',
      onError: (e) => { errors.push(e.message); if (throwInOnError) throw new Error('onError threw'); return `E: ${e.message}`; },
      onFinish: (event) => { finished = plain(event); },
      execute: async ({ writer }) => {
        writer.write({ type: 'start' });
        writer.write({ type: 'start-step' });
        writer.write({ type: 'data-status', id: 'st', data: { phase: 'one' } });
        writer.write({ type: 'data-status', id: 'st', data: { phase: 'two' } });
        writer.write({ type: 'data-ping', data: 1, transient: true });
        const merged = [
          { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Hel' }, { type: 'text-delta', id: 't', delta: 'lo' },
          { type: 'text-end', id: 't' }, { type: 'tool-input-available', toolCallId: 'c', toolName: 'w', input: { a: 1 } },
          { type: 'tool-output-available', toolCallId: 'c', output: 'ok' },
        ];
        // The merged stream is read to its end before the next write (a pull per read, so its
        // close means every chunk was taken), whatever the machine's load.
        let mergedAll;
        const readAll = new Promise((r) => { mergedAll = r; });
        writer.merge(new ReadableStream({
          pull(controller) {
            if (merged.length > 0) controller.enqueue(merged.shift());
            else { controller.close(); mergedAll(); }
          },
        }, { highWaterMark: 0 }));
        await readAll;
        await new Promise((r) => setTimeout(r, 0));
        writer.write({ type: 'finish-step' });
        writer.write({ type: 'message-metadata', messageMetadata: { m: 1 } });
        if (failWith) throw new Error(failWith);
        writer.write({ type: 'finish', finishReason: 'stop' });
      },
    });
    let chunks;
    try {
      chunks = await collect(stream);
    } catch (e) {
      chunks = { streamError: e.message };
    }
    return { chunks, finished, errors };
  }

  it('gives ai@5\'s chunks and onFinish message', async () => {
    const ours = await run(native);
    expect(ours).toEqual(await run(ai));
    expect(ours.chunks[0]).toEqual({ type: 'start', messageId: 'gen-1' });
    expect(ours.finished.responseMessage.parts.map((p) => p.type)).toEqual(['step-start', 'data-status', 'text', 'tool-w']);
    expect(ours.finished.responseMessage.parts[1].data).toEqual({ phase: 'two' });
    expect(ours.finished.outcome).toEqual({ status: 'unknown' });
  });

  it('continues the last assistant message, and reports an execute error as ai@5', async () => {
    const originalMessages = [{ id: 'u', role: 'user', parts: [] }, { id: 'prev', role: 'assistant', parts: [{ type: 'text', text: 'x' }] }];
    const ours = await run(native, { originalMessages, failWith: 'tool broke' });
    expect(ours).toEqual(await run(ai, { originalMessages, failWith: 'tool broke' }));
    expect(ours.chunks.at(-1)).toEqual({ type: 'error', errorText: 'E: tool broke' });
    expect(ours.finished.isContinuation).toBe(true);
    expect(ours.finished.messages.map((m) => m.id)).toEqual(['u', 'prev']);
    expect(ours.errors).toEqual(['tool broke', 'E: tool broke']);
  });

  it('errors the stream when onError throws, as ai@5', async () => {
    const ours = await run(native, { failWith: 'x', throwInOnError: true });
    expect(ours).toEqual(await run(ai, { failWith: 'x', throwInOnError: true }));
    expect(ours.chunks).toEqual({ streamError: 'onError threw' });
  });

  it('serves the stream as ai@5 does (createUIMessageStreamResponse, keepAliveMs)', async () => {
    const respond = async (lib, extra) => {
      const res = lib.createUIMessageStreamResponse({
        status: 201, headers: { 'x-app': '1' }, ...extra,
        stream: lib.createUIMessageStream({ generateId: () => 'id', execute: ({ writer }) => { writer.write({ type: 'start' }); writer.write({ type: 'text-start', id: '1' }); } }),
      });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
    };
    const ours = await respond(native);
    expect(ours).toEqual(await respond(ai));
    expect(ours.body).toBe('data: {"type":"start","messageId":"id"}\n\ndata: {"type":"text-start","id":"1"}\n\ndata: [DONE]\n\n');
    const kept = await respond(native, { keepAliveMs: 1000 });
    expect(kept).toEqual(await respond(ai, { keepAliveMs: 1000 }));
    expect(kept.body.startsWith(': stream-open\n\ndata: ')).toBe(true);
    expect(() => native.createUIMessageStreamResponse({ stream: new ReadableStream(), keepAliveMs: 0 })).toThrow('keepAliveMs must be a positive');
  });

  it('pipes to a Node response as ai@5 does (pipeUIMessageStreamToResponse)', async () => {
    const { PassThrough } = await import('node:stream');
    const pipe = async (lib) => {
      const res = new PassThrough();
      let head;
      res.writeHead = (status, headers) => { head = { status, headers }; };
      const body = [];
      res.on('data', (d) => body.push(d));
      const ended = new Promise((r) => res.on('end', r));
      lib.pipeUIMessageStreamToResponse({
        response: res, status: 202,
        stream: lib.createUIMessageStream({ generateId: () => 'id', execute: ({ writer }) => writer.write({ type: 'start' }) }),
      });
      await ended;
      return { head, body: Buffer.concat(body).toString() };
    };
    const ours = await pipe(native);
    expect(ours).toEqual(await pipe(ai));
    expect(ours.head.status).toBe(202);
    expect(ours.body).toBe('data: {"type":"start","messageId":"id"}\n\ndata: [DONE]\n\n');
  });
});
