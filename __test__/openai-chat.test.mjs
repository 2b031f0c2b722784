// End to end over a real local HTTP server speaking the Chat Completions wire format.
import { describe, it, expect, afterAll } from 'vitest';
import { streamText, createOpenAICompatible, createOpenAI, jsonSchema, tool } from '../index.js';
import { startServer, fixtureBody, sendSse, collect, openaiTextDeltasBody } from './helpers.mjs';

let respond = (req, body, res) => sendSse(res, fixtureBody('groq__groq-tool-call.chunks.txt'));
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());

const local = createOpenAICompatible({
  name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-local-secret', headers: { 'x-app': 'tests' }, includeUsage: true,
});
const weather = tool({ description: 'weather', inputSchema: jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }) });

describe('streamText over OpenAI Chat Completions', () => {
  it('yields the exact AI SDK v5 parts for a tool call (groq transcript)', async () => {
    respond = (req, body, res) => sendSse(res, fixtureBody('groq__groq-tool-call.chunks.txt'), { chunkSize: 13 });
    const result = streamText({ model: local('llama'), prompt: 'weather?', tools: { weather } });
    const parts = await collect(result.fullStream);
    const id = 'tk85n1k4m';
    expect(parts.map((p) => p.type)).toEqual([
      'start', 'start-step', 'tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call', 'finish-step', 'finish',
    ]);
    expect(parts[1]).toEqual({
      type: 'start-step',
      request: { body: {
        model: 'llama', messages: [{ role: 'user', content: 'weather?' }], stream: true, stream_options: { include_usage: true },
        tools: [{ type: 'function', function: { name: 'weather', description: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
        tool_choice: 'auto', // streamText's default when tools are given
      } },
      warnings: [],
    });
    expect(parts.slice(2, 6)).toEqual([
      { type: 'tool-input-start', id, toolName: 'weather', dynamic: false },
      { type: 'tool-input-delta', id, delta: '{}' },
      { type: 'tool-input-end', id },
      { type: 'tool-call', toolCallId: id, toolName: 'weather', input: {} },
    ]);
    const usage = { inputTokens: 210, outputTokens: 15, totalTokens: 225 };
    expect(parts[6]).toMatchObject({
      type: 'finish-step', finishReason: 'tool-calls', usage, providerMetadata: { local: {} },
      response: { id: 'chatcmpl-b610d559-f156-4aca-8827-24b4fe6af54f', modelId: 'llama-3.3-70b-versatile' },
    });
    expect(parts[6].response.timestamp).toEqual(new Date(1770770843 * 1000));
    expect(parts[7]).toEqual({ type: 'finish', finishReason: 'tool-calls', totalUsage: usage });
    expect(await result.toolCalls).toEqual([{ type: 'tool-call', toolCallId: id, toolName: 'weather', input: {} }]);
    expect(await result.finishReason).toBe('tool-calls');
    expect(await result.usage).toEqual(usage);
  });

  it('sends auth and provider headers; per-call headers override and null removes', async () => {
    respond = (req, body, res) => sendSse(res, openaiTextDeltasBody(['ok']));
    const result = streamText({ model: local('m'), prompt: 'hi', headers: { 'x-call': '1', 'x-app': null } });
    await result.consumeStream();
    const seen = server.requests.at(-1);
    expect(seen.url).toBe('/v1/chat/completions');
    expect(seen.method).toBe('POST');
    expect(seen.headers.authorization).toBe('Bearer sk-local-secret');
    expect(seen.headers['x-call']).toBe('1');
    expect(seen.headers['x-app']).toBeUndefined();
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['user-agent']).toMatch(/^llm-native\//);
  });

  it('reading text and iterating fullStream on the same result both work', async () => {
    const words = Array.from({ length: 500 }, (_, i) => `w${i} `);
    respond = (req, body, res) => sendSse(res, openaiTextDeltasBody(words), { chunkSize: 1000 });
    const result = streamText({ model: local('m'), prompt: 'hi' });
    const textPromise = result.text;
    const deltas = (await collect(result.fullStream)).filter((p) => p.type === 'text-delta');
    expect(deltas).toHaveLength(500);
    expect(deltas[0]).toEqual({ type: 'text-delta', id: 'txt-0', text: 'w0 ' });
    expect(await textPromise).toBe(words.join(''));
  });

  it('textStream, fullStream and promises can all be read from one result', async () => {
    respond = (req, body, res) => sendSse(res, openaiTextDeltasBody(['Hel', 'lo', ' 🌍']), { chunkSize: 5 });
    const result = streamText({ model: local('m'), prompt: 'hi' });
    const [texts, parts] = await Promise.all([collect(result.textStream), collect(result.fullStream)]);
    expect(texts).toEqual(['Hel', 'lo', ' 🌍']);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => p.text)).toEqual(texts);
    expect(await result.text).toBe('Hello 🌍');
    expect(await result.totalUsage).toEqual({ inputTokens: 10, outputTokens: 3, totalTokens: 13 });
    const response = await result.response;
    expect(response.messages).toEqual([{ role: 'assistant', content: [{ type: 'text', text: 'Hello 🌍' }] }]);
    expect((await result.steps)).toHaveLength(1);
  });

  it('awaiting a promise alone (no reader) finishes the stream', async () => {
    respond = (req, body, res) => sendSse(res, fixtureBody('deepseek__chat_deepseek-reasoning.chunks.txt'));
    const result = streamText({ model: local('m'), prompt: 'count the r' });
    expect(await result.text).toBe('The word "strawberry" contains three "r"s.');
    expect(await result.reasoningText).toMatch(/^We need to count the number of the letter "r"/);
    expect(await result.usage).toEqual({ inputTokens: 18, outputTokens: 219, totalTokens: 237, reasoningTokens: 205, cachedInputTokens: 0 });
  });

  it('reasoning parts stream before text for DeepSeek-style reasoning_content', async () => {
    respond = (req, body, res) => sendSse(res, fixtureBody('deepseek__chat_deepseek-reasoning.chunks.txt'), { chunkSize: 50 });
    const parts = await collect(streamText({ model: local('m'), prompt: 'count' }).fullStream);
    const kinds = parts.map((p) => p.type).filter((t) => !t.endsWith('-delta'));
    expect(kinds).toEqual(['start', 'start-step', 'reasoning-start', 'text-start', 'reasoning-end', 'text-end', 'finish-step', 'finish']);
    expect(parts.find((p) => p.type === 'reasoning-delta')).toEqual({ type: 'reasoning-delta', id: 'reasoning-0', text: 'We' });
  });

  it('a slow consumer holds the producer back (backpressure, bounded memory)', async () => {
    // ~40 MB of SSE; the server records how much it managed to write while the reader sleeps.
    const delta = 'x'.repeat(200);
    const event = `data: {"choices":[{"index":0,"delta":{"content":"${delta}"}}]}\n\n`;
    let written = 0;
    respond = async (req, body, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 160_000 && !res.destroyed; i++) {
        written += event.length;
        if (!res.write(event)) await new Promise((r) => res.once('drain', r));
      }
      res.end('data: [DONE]\n\n');
    };
    const result = streamText({ model: local('m'), prompt: 'hi' });
    const it = result.fullStream[Symbol.asyncIterator]();
    for (let i = 0; i < 10; i++) await it.next();
    await new Promise((r) => setTimeout(r, 700));
    const writtenWhilePaused = written;
    expect(writtenWhilePaused).toBeLessThan(16 * 1024 * 1024);
    let n = 0;
    for (;;) {
      const { value, done } = await it.next();
      if (done) break;
      if (value.type === 'text-delta') n++;
    }
    expect(n + 10 - 3).toBe(160_000); // the first 10 pulls were start, start-step, text-start + 7 deltas
    expect(written).toBe(160_000 * event.length);
  });

  it('every reader sees every delta once and in order, whether it waits, lags or shares the stream', async () => {
    // Batches are handed to a lone reader whole; a lagging reader, a second reader and onChunk
    // take the part-by-part path. Distinct deltas make any loss, repeat or reordering visible.
    const deltas = Array.from({ length: 20_000 }, (_, i) => `d${i} `);
    respond = (req, body, res) => sendSse(res, openaiTextDeltasBody(deltas), { chunkSize: 7_000 });
    const textOf = (parts) => parts.filter((p) => p.type === 'text-delta').map((p) => p.text);
    const read = async (iterable, lagEvery = 0) => {
      const out = [];
      for await (const p of iterable) {
        out.push(p);
        if (lagEvery && out.length % lagEvery === 0) await new Promise((r) => setTimeout(r, 1));
      }
      return out;
    };

    const alone = await read(streamText({ model: local('m'), prompt: 'hi' }).fullStream);
    expect(textOf(alone)).toEqual(deltas);
    expect(alone.filter((p) => p.type === 'text-delta').every((p) => Object.keys(p).join() === 'type,id,text')).toBe(true);

    expect(textOf(await read(streamText({ model: local('m'), prompt: 'hi' }).fullStream, 997))).toEqual(deltas);

    const shared = streamText({ model: local('m'), prompt: 'hi' });
    const [full, text] = await Promise.all([read(shared.fullStream, 1_501), read(shared.textStream)]);
    expect(textOf(full)).toEqual(deltas);
    expect(text).toEqual(deltas);

    const chunks = [];
    const watched = streamText({ model: local('m'), prompt: 'hi', onChunk: ({ chunk }) => chunks.push(chunk.text) });
    expect(textOf(await read(watched.fullStream))).toEqual(deltas);
    expect(chunks).toEqual(deltas);
  });

  it('createOpenAI reads OPENAI_API_KEY in Rust at request time', async () => {
    respond = (req, body, res) => sendSse(res, openaiTextDeltasBody(['ok']));
    process.env.OPENAI_API_KEY = 'sk-from-env';
    try {
      const openai = createOpenAI({ baseURL: `${server.url}/v1` });
      const model = openai.chat('gpt-4o-mini');
      expect(model.provider).toBe('openai.chat');
      expect(JSON.stringify(model)).not.toContain('sk-from-env');
      expect(await streamText({ model, prompt: 'hi' }).text).toBe('ok');
      expect(server.requests.at(-1).headers.authorization).toBe('Bearer sk-from-env');
      expect(server.requests.at(-1).body.stream_options).toEqual({ include_usage: true });
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
  });

  it('the provider object never exposes the API key', () => {
    const secret = 'sk-never-visible-123';
    const provider = createOpenAICompatible({ name: 'p', baseURL: 'http://127.0.0.1:1', apiKey: secret });
    const model = provider('m');
    const seen = new Set();
    const walk = (v, depth = 0) => {
      if (v == null || depth > 6 || seen.has(v)) return '';
      if (typeof v !== 'object' && typeof v !== 'function') return String(v);
      seen.add(v);
      let out = '';
      for (const k of Reflect.ownKeys(v)) {
        let child;
        try { child = v[k]; } catch { continue; }
        out += String(k) + walk(child, depth + 1);
      }
      const proto = Object.getPrototypeOf(v);
      if (proto && proto !== Object.prototype && proto !== Function.prototype) out += walk(proto, depth + 1);
      return out;
    };
    expect(walk(provider) + walk(model)).not.toContain(secret);
    expect(JSON.stringify(model)).not.toContain(secret);
  });
});

describe('the N-API boundary', () => {
  it('parts cross in batches, not one promise per token', async () => {
    const { NativeStream } = await import('../binding.js');
    const original = NativeStream.prototype.next;
    let calls = 0;
    NativeStream.prototype.next = function next() {
      calls++;
      return original.call(this);
    };
    try {
      const words = Array.from({ length: 5000 }, (_, i) => `${i} `);
      respond = (req, body, res) => sendSse(res, openaiTextDeltasBody(words));
      const parts = await collect(streamText({ model: local('m'), prompt: 'hi' }).fullStream);
      expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(5000);
      expect(calls).toBeLessThan(100);
    } finally {
      NativeStream.prototype.next = original;
    }
  });
});
