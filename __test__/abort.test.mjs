// Cancellation: abortSignal ends fullStream with an `abort` part, settles the promises, and closes
// the HTTP connection (the server sees its socket close).
import { describe, it, expect, afterAll } from 'vitest';
import { streamText, createOpenAICompatible, NoOutputGeneratedError } from '../index.js';
import { startServer, settle } from './helpers.mjs';

/** A server that streams a delta every 5 ms for ~10 s unless the client goes away. */
const server = await startServer(async (req, body, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (let i = 0; i < 2000 && !res.destroyed; i++) {
    res.write(`data: {"choices":[{"index":0,"delta":{"content":"t${i} "}}]}\n\n`);
    await new Promise((r) => setTimeout(r, 5));
  }
  res.end('data: [DONE]\n\n');
});
afterAll(() => server.close());

const local = createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-abort' });

async function waitFor(cond, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

describe('abort', () => {
  it('abort mid-stream: last part is abort, promises settle, the server sees the socket close', async () => {
    const controller = new AbortController();
    let onAbortEvent;
    const result = streamText({
      model: local('m'), prompt: 'hi', abortSignal: controller.signal, onAbort: (e) => { onAbortEvent = e; },
    });
    const closedBefore = server.closedSockets.length;
    const parts = [];
    for await (const part of result.fullStream) {
      parts.push(part);
      if (parts.filter((p) => p.type === 'text-delta').length === 5) controller.abort();
    }
    expect(parts.at(-1)).toEqual({ type: 'abort' });
    expect(parts.slice(0, 3).map((p) => p.type)).toEqual(['start', 'start-step', 'text-start']);
    expect(parts.filter((p) => p.type === 'text-delta').length).toBe(5);
    expect(onAbortEvent).toEqual({ steps: [] });
    const text = await settle(result.text);
    expect(text.error).toBeInstanceOf(NoOutputGeneratedError);
    expect(await waitFor(() => server.closedSockets.length > closedBefore)).toBe(true);
  });

  it('an already-aborted signal ends the stream at once', async () => {
    const result = streamText({ model: local('m'), prompt: 'hi', abortSignal: AbortSignal.abort() });
    const parts = [];
    for await (const p of result.fullStream) parts.push(p);
    expect(parts.at(-1)).toEqual({ type: 'abort' });
    expect(parts.some((p) => p.type === 'text-delta')).toBe(false);
    expect(await settle(result.finishReason)).toHaveProperty('error');
  });

  it('breaking out of the loop (iterator return) cancels the call and closes the socket', async () => {
    const closedBefore = server.closedSockets.length;
    const result = streamText({ model: local('m'), prompt: 'hi' });
    let n = 0;
    for await (const p of result.textStream) {
      if (++n === 3) break;
    }
    expect(await waitFor(() => server.closedSockets.length > closedBefore)).toBe(true);
  });

  it('abort while the consumer is not reading still settles everything', async () => {
    const controller = new AbortController();
    const result = streamText({ model: local('m'), prompt: 'hi', abortSignal: controller.signal });
    const it = result.fullStream[Symbol.asyncIterator]();
    await it.next();
    setTimeout(() => controller.abort(), 50);
    const rest = [];
    for (;;) {
      const { value, done } = await it.next();
      if (done) break;
      rest.push(value.type);
    }
    expect(rest.at(-1)).toBe('abort');
    expect(await settle(result.usage)).toHaveProperty('error');
  });
});
