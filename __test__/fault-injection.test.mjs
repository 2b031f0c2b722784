// A local server that misbehaves on purpose. Every case must end in a typed error or a clean
// finish: never a crashed process, never a hung promise.
import { describe, it, expect, afterAll } from 'vitest';
import { streamText, createOpenAICompatible, APICallError } from '../index.js';
import { startServer, collect, settle, openaiTextDeltasBody, sendSse } from './helpers.mjs';

let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());
const local = createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'k', includeUsage: true });

const chunk = (delta, extra = '') => `data: {"choices":[{"index":0,"delta":${JSON.stringify(delta)}${extra}}]}\n\n`;

/** Runs one call and checks that every promise settles (resolved or rejected) without hanging. */
async function run(options = {}) {
  const result = streamText({ model: local('m'), prompt: 'hi', onError: () => {}, maxRetries: 0, ...options });
  const parts = await collect(result.fullStream);
  const outcomes = {};
  for (const k of ['text', 'finishReason', 'usage', 'toolCalls', 'response']) {
    outcomes[k] = await settle(result[k], 3000);
    expect(outcomes[k]).not.toBe('pending');
  }
  return { parts, text: outcomes.text.value, outcomes };
}

describe('fault injection', () => {
  it('unknown event types and unknown fields are ignored', async () => {
    respond = (req, _b, res) => sendSse(res,
      'event: mystery\ndata: {"weird":true}\n\n' + ': comment\n\n' + 'retry: 10\n\n' +
      chunk({ content: 'ok', surprise: [1, 2] }, ',"new_field":{"x":1}') + 'data: [DONE]\n\n');
    const { parts, text } = await run();
    expect(text).toBe('ok');
    expect(parts.some((p) => p.type === 'error')).toBe(false);
  });

  it('an event split at every byte arrives intact', async () => {
    const words = ['Grüße ', '🌍 ', '世界 ', 'done'];
    respond = (req, _b, res) => sendSse(res, openaiTextDeltasBody(words), { chunkSize: 1 });
    const { parts, text } = await run();
    expect(text).toBe(words.join(''));
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => p.text)).toEqual(words);
  });

  it('invalid UTF-8 becomes replacement characters, not a crash', async () => {
    respond = (req, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(Buffer.concat([
        Buffer.from('data: {"choices":[{"index":0,"delta":{"content":"a'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('b"}}]}\n\n'),
      ]));
      res.end('data: [DONE]\n\n');
    };
    const { text } = await run();
    expect(text).toBe('a\uFFFD\uFFFD\uFFFDb');
  });

  it('a 10 MB single event is delivered whole', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    respond = (req, _b, res) => sendSse(res, chunk({ content: big }) + 'data: [DONE]\n\n');
    const { parts, text } = await run();
    expect(text.length).toBe(big.length);
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(1);
  });

  it('an HTML error page with status 200 and no SSE is a clean finish with no text', async () => {
    respond = (req, _b, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>proxy login</html>'); };
    const { parts, outcomes } = await run();
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'unknown' });
    expect(outcomes.text.value).toBe('');
  });

  it('a body cut inside an event, then closed cleanly, keeps what arrived and finishes', async () => {
    respond = (req, _b, res) => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.end(chunk({ content: 'whole' }) + 'data: {"choices":[{"ind'); };
    const { parts, text } = await run();
    expect(text).toBe('whole');
    expect(parts.find((p) => p.type === 'error').error.name).toBe('AI_JSONParseError');
    expect(parts.at(-1).type).toBe('finish');
  });

  it('the server resetting the connection mid-body is an APICallError and all promises settle', async () => {
    respond = (req, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ content: 'part' }));
      setTimeout(() => res.socket.resetAndDestroy(), 20);
    };
    const { parts } = await run();
    expect(parts.at(-1).type).toBe('error');
    expect(parts.at(-1).error).toBeInstanceOf(APICallError);
  });

  it('abort at random points in 1,000 streams: every stream ends, nothing hangs, sockets close', async () => {
    const body = openaiTextDeltasBody(Array.from({ length: 50 }, (_, i) => `t${i} `));
    respond = (req, _b, res) => sendSse(res, body, { chunkSize: 200, delayMs: 1 });
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ends = { abort: 0, finish: 0 };
    const runOne = async () => {
      const controller = new AbortController();
      const result = streamText({ model: local('m'), prompt: 'hi', abortSignal: controller.signal, onError: () => {} });
      const abortAfter = Math.floor(random() * 60); // past 53 parts the stream may already be done
      let n = 0;
      let last;
      for await (const part of result.fullStream) {
        last = part;
        if (++n === abortAfter) controller.abort();
      }
      if (abortAfter === 0) controller.abort();
      ends[last.type === 'abort' ? 'abort' : 'finish']++;
      expect(['abort', 'finish']).toContain(last.type);
      expect(await settle(result.finishReason, 3000)).not.toBe('pending');
    };
    for (let batch = 0; batch < 20; batch++) await Promise.all(Array.from({ length: 50 }, runOne));
    expect(ends.abort + ends.finish).toBe(1000);
    expect(ends.abort).toBeGreaterThan(500);
    // Aborted streams closed their sockets: no more open than the pool keeps for finished ones.
    await new Promise((r) => setTimeout(r, 200));
    expect(server.sockets.size).toBeLessThanOrEqual(60);
  }, 60_000);
});
