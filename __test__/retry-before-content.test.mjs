// Retries until the first content (engine/first_content.rs): a failure after the 200 and before
// any text, reasoning or tool part is a failed attempt and is retried; nothing of it reaches the
// app. After content nothing is retried. Every server here answers on 127.0.0.1.
import { describe, it, expect, afterAll } from 'vitest';
import * as aiSdk from 'ai';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import {
  streamText, createOpenAICompatible, createAnthropic, IdleTimeoutError, RetryError,
} from '../index.js';
import {
  startServer, sendSse, collect, settle, openaiTextDeltasBody, anthropicTextDeltasBody, normalizeForDiff,
} from './helpers.mjs';

let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());
const local = createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'k' });
const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k' });
// The server asks for a short wait, so retries do not sleep the default 2 s.
const SHORT_WAIT = { 'retry-after-ms': '5' };

/** The first `failures.length` requests get those responses; the rest the good body. */
function failThen(failures, good) {
  let n = 0;
  respond = (req, _b, res) => {
    const fail = failures[n++];
    if (fail === undefined) return sendSse(res, good);
    return fail(req, res);
  };
  return () => n;
}

const sseHead = (res) => res.writeHead(200, { 'content-type': 'text/event-stream', ...SHORT_WAIT });
const OK_TEXT = openaiTextDeltasBody(['recovered']);
const anthropicEvent = (e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
const MESSAGE_START = anthropicEvent({
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 1 } },
});
const OVERLOADED = anthropicEvent({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });

async function run(model, options = {}) {
  const result = streamText({ model, prompt: 'hi', onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  return { parts, text: (await settle(result.text)).value, error: parts.find((p) => p.type === 'error')?.error };
}

const types = (parts) => parts.map((p) => p.type);
const CLEAN = ['start', 'start-step', 'text-start', 'text-delta', 'text-end', 'finish-step', 'finish'];

describe('retries until the first content', () => {
  it('an error chunk after keep-alive comments is retried; the app sees only the good attempt', async () => {
    const requests = failThen([(req, res) => {
      sseHead(res);
      res.end(': keep-alive\n\n: keep-alive\n\ndata: {"error":{"message":"boom","type":"server_error"}}\n\ndata: [DONE]\n\n');
    }], OK_TEXT);
    const { parts, text } = await run(local('m'));
    expect(types(parts)).toEqual(CLEAN);
    expect(text).toBe('recovered');
    expect(requests()).toBe(2);
  });

  it('Anthropic overloaded_error after message_start and a ping is retried', async () => {
    const requests = failThen([(req, res) => {
      sseHead(res);
      res.end(MESSAGE_START + anthropicEvent({ type: 'ping' }) + OVERLOADED);
    }], anthropicTextDeltasBody(['fine']));
    const { parts, text } = await run(anthropic('claude-sonnet-4-5'));
    expect(types(parts)).toEqual(CLEAN);
    expect(text).toBe('fine');
    expect(requests()).toBe(2);
  });

  it('when retries run out the last attempt streams as the AI SDK shows it (same parts as ai@5)', async () => {
    const body = MESSAGE_START + anthropicEvent({ type: 'ping' }) + OVERLOADED;
    respond = (req, _b, res) => { sseHead(res); res.end(body); };
    const before = server.requests.length;
    const mine = await run(anthropic('claude-sonnet-4-5'), { maxRetries: 2 });
    expect(server.requests.length - before).toBe(3);
    const theirs = [];
    const result = aiSdk.streamText({ model: aiAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k' })('claude-sonnet-4-5'), prompt: 'hi', maxRetries: 0, onError: () => {} });
    for await (const p of result.fullStream) theirs.push(p);
    expect(normalizeForDiff(mine.parts)).toEqual(normalizeForDiff(theirs));
  });

  it('a connection reset after the 200 and before content is retried', async () => {
    const requests = failThen([(req, res) => {
      sseHead(res);
      res.write(': keep-alive\n\n');
      setTimeout(() => res.socket.destroy(), 20);
    }], OK_TEXT);
    const { parts, text } = await run(local('m'));
    expect(types(parts)).toEqual(CLEAN);
    expect(text).toBe('recovered');
    expect(requests()).toBe(2);
  });

  it('a 200 JSON error body (Anthropic overloaded) is a failed request, retried', async () => {
    const requests = failThen([(req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...SHORT_WAIT });
      res.end(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    }], anthropicTextDeltasBody(['fine']));
    const { parts, text } = await run(anthropic('claude-sonnet-4-5'));
    expect(types(parts)).toEqual(CLEAN);
    expect(text).toBe('fine');
    expect(requests()).toBe(2);
  });

  it('a reset while the response head is read is retried (as before this change)', async () => {
    const requests = failThen([(req, res) => res.socket.destroy()], OK_TEXT);
    const { text } = await run(local('m'), { maxRetries: 1 });
    expect(text).toBe('recovered');
    expect(requests()).toBe(2);
  });

  it('a stream that only pings is hung: a retryable IdleTimeoutError per attempt', async () => {
    respond = (req, _b, res) => {
      sseHead(res);
      res.write(': ping\n\n'); // then silence
    };
    const before = server.requests.length;
    const { error, parts } = await run(local('m'), { maxRetries: 1, timeouts: { idleMs: 150 } });
    expect(server.requests.length - before).toBe(2);
    expect(types(parts)).toEqual(['start', 'error']);
    expect(error).toBeInstanceOf(RetryError);
    expect(error.errors.map((e) => [e.name, e.isRetryable])).toEqual([['AI_IdleTimeoutError', true], ['AI_IdleTimeoutError', true]]);
    expect(error.lastError).toBeInstanceOf(IdleTimeoutError);
  }, 10_000);

  it('nothing is retried after the first content: the error follows the text', async () => {
    respond = (req, _b, res) => {
      sseHead(res);
      res.end('data: {"choices":[{"index":0,"delta":{"content":"partial"}}]}\n\n' +
        'data: {"error":{"message":"boom","type":"server_error"}}\n\ndata: [DONE]\n\n');
    };
    const before = server.requests.length;
    const { parts } = await run(local('m'));
    expect(server.requests.length - before).toBe(1);
    expect(types(parts)).toEqual(['start', 'start-step', 'text-start', 'text-delta', 'error', 'text-end', 'finish-step', 'finish']);
    expect(parts.find((p) => p.type === 'error').error).toEqual({ message: 'boom', type: 'server_error' });
  });

  it('a quota error before content is not retried (another attempt cannot succeed)', async () => {
    respond = (req, _b, res) => {
      sseHead(res);
      res.end('data: {"error":{"message":"You exceeded your current quota","type":"insufficient_quota"}}\n\ndata: [DONE]\n\n');
    };
    const before = server.requests.length;
    const { parts } = await run(local('m'));
    expect(server.requests.length - before).toBe(1);
    expect(parts.find((p) => p.type === 'error').error.type).toBe('insufficient_quota');
  });
});
