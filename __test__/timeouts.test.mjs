// Connect, first-byte and idle timeouts: each its own error type, each settles everything.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import {
  streamText, createOpenAICompatible, FirstByteTimeoutError, IdleTimeoutError, ConnectTimeoutError, RetryError,
  NoOutputGeneratedError,
} from '../index.js';
import { startServer, collect, settle, openaiTextDeltasBody, sendSse } from './helpers.mjs';

let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());

function provider(timeouts) {
  return createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'k', timeouts });
}

async function errorOf(result) {
  const parts = await collect(result.fullStream);
  return { parts, error: parts.find((p) => p.type === 'error')?.error };
}

describe('timeouts', () => {
  it('no response head within firstByteMs → FirstByteTimeoutError (retryable, retried)', async () => {
    respond = () => {}; // never answers
    const before = server.requests.length;
    const { error } = await errorOf(streamText({ model: provider({ firstByteMs: 150 })('m'), prompt: 'hi', maxRetries: 0, onError: () => {} }));
    expect(error).toBeInstanceOf(FirstByteTimeoutError);
    expect(error.timeoutMs).toBe(150);
    expect(error.isRetryable).toBe(true);
    expect(error.url).toBe(`${server.url}/v1/chat/completions`);
    expect(server.requests.length - before).toBe(1);

    // With retries each attempt times out; the per-call value overrides the provider's.
    const retried = await errorOf(streamText({
      model: provider({ firstByteMs: 60_000 })('m'), prompt: 'hi', maxRetries: 1, timeouts: { firstByteMs: 100 }, onError: () => {},
    }));
    expect(retried.error).toBeInstanceOf(RetryError);
    expect(retried.error.errors.map((e) => e.name)).toEqual(['AI_FirstByteTimeoutError', 'AI_FirstByteTimeoutError']);
  }, 15_000);

  it('a stream that stalls longer than idleMs ends with IdleTimeoutError and settles every promise', async () => {
    respond = (req, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"index":0,"delta":{"content":"hello"}}]}\n\n'); // then silence
    };
    const closedBefore = server.closedSockets.length;
    const result = streamText({ model: provider({ idleMs: 200 })('m'), prompt: 'hi', onError: () => {} });
    const started = Date.now();
    const { parts, error } = await errorOf(result);
    expect(parts.map((p) => p.type)).toEqual(['start', 'start-step', 'text-start', 'text-delta', 'error']);
    expect(error).toBeInstanceOf(IdleTimeoutError);
    expect(error.isRetryable).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((await settle(result.text)).error).toBeInstanceOf(NoOutputGeneratedError);
    // The stalled connection is closed, not left open.
    const end = Date.now() + 2000;
    while (server.closedSockets.length === closedBefore && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(server.closedSockets.length).toBeGreaterThan(closedBefore);
  });

  it('a slow but steady stream is not an idle timeout', async () => {
    respond = (req, _b, res) => sendSse(res, openaiTextDeltasBody(['a', 'b', 'c', 'd']), { chunkSize: 40, delayMs: 60 });
    const result = streamText({ model: provider({ idleMs: 300 })('m'), prompt: 'hi' });
    expect(await result.text).toBe('abcd');
  });

  it('a connect that never completes → ConnectTimeoutError', async () => {
    // A listener that never accepts, its queue filled, so the kernel leaves new SYNs unanswered.
    // (Node's net.Server always accepts, hence a few lines of Python.)
    const script = [
      'import socket, time',
      "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)",
      'port = s.getsockname()[1]; fillers = []',
      'for i in range(4):',
      '    c = socket.socket(); c.setblocking(False)',
      '    try: c.connect(("127.0.0.1", port))',
      '    except BlockingIOError: pass',
      '    fillers.append(c)',
      'print(port, flush=True); time.sleep(30)',
    ].join('\n');
    const child = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise((resolve, reject) => {
        child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
        child.once('error', reject);
      });
      const p = createOpenAICompatible({ name: 'x', baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'k', timeouts: { connectMs: 200 } });
      const started = Date.now();
      const { error } = await errorOf(streamText({ model: p('m'), prompt: 'hi', maxRetries: 0, onError: () => {} }));
      expect(error).toBeInstanceOf(ConnectTimeoutError);
      expect(error.timeoutMs).toBe(200);
      expect(error.isRetryable).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      child.kill();
    }
  });
});
