// A small local HTTP server that speaks provider wire formats by replaying captured transcripts
// (fixtures/, carried by the project) or scripted responses. Used by the demo, the tests and the
// benchmark.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the provider transcripts live: $LLM_NATIVE_FIXTURES, else the project's `fixtures/ai-sdk`. */
export function fixturesDir() {
  const candidates = [process.env.LLM_NATIVE_FIXTURES, path.resolve(here, '../fixtures/ai-sdk')].filter(Boolean);
  for (const dir of candidates) if (fs.existsSync(dir)) return dir;
  throw new Error(`provider fixtures not found; looked in ${candidates.join(', ')}`);
}

// Chat Completions transcripts (OpenAI's and the compatible vendors'; of packages/xai and
// packages/azure only the non-Responses ones) end with `data: [DONE]`, as those servers send it.
const CHAT_COMPLETIONS_PREFIXES = ['openai__chat', 'deepseek__', 'groq__', 'openai-compatible__', 'alibaba__', 'mistral__',
  'moonshotai__', 'perplexity__', 'xai__xai-', 'azure__azure-deepseek-'];

/** Reads a fixture and returns the SSE body bytes exactly as the provider would send them. */
export function fixtureBody(name) {
  const file = path.join(fixturesDir(), name);
  if (!fs.existsSync(file)) throw new Error(`fixture ${name} not found in ${fixturesDir()}`);
  const raw = fs.readFileSync(file, 'utf8');
  if (name.endsWith('.sse')) return raw;
  const lines = raw.split('\n').filter((l) => l.trim() !== '');
  let out = '';
  for (const line of lines) {
    if (name.startsWith('anthropic__')) {
      const type = JSON.parse(line).type;
      out += `event: ${type}\ndata: ${line}\n\n`;
    } else {
      out += `data: ${line}\n\n`;
    }
  }
  if (CHAT_COMPLETIONS_PREFIXES.some((prefix) => name.startsWith(prefix))) out += 'data: [DONE]\n\n';
  return out;
}

/** Builds an OpenAI chat SSE body of `n` text deltas (for the demo's fallback text and the benchmark). */
export function openaiTextDeltasBody(deltas, { model = 'gpt-4o-mini', id = 'chatcmpl-local' } = {}) {
  const head = `{"id":"${id}","object":"chat.completion.chunk","created":1770000000,"model":"${model}","choices":[{"index":0,"delta":`;
  let out = `data: ${head}{"role":"assistant","content":""},"finish_reason":null}]}\n\n`;
  for (const d of deltas) out += `data: ${head}{"content":${JSON.stringify(d)}},"finish_reason":null}]}\n\n`;
  out += `data: ${head}{},"finish_reason":"stop"}]}\n\n`;
  out += `data: {"id":"${id}","object":"chat.completion.chunk","created":1770000000,"model":"${model}","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":${deltas.length},"total_tokens":${10 + deltas.length}}}\n\n`;
  out += 'data: [DONE]\n\n';
  return out;
}

/** Builds an Anthropic Messages SSE body of text deltas (benchmark workload). */
export function anthropicTextDeltasBody(deltas, { model = 'claude-sonnet-4-5' } = {}) {
  const event = (e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
  let out = event({ type: 'message_start', message: { id: 'msg_local', type: 'message', role: 'assistant', model, content: [],
    stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } } });
  out += event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  for (const d of deltas) out += `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(d)}}}\n\n`;
  out += event({ type: 'content_block_stop', index: 0 });
  out += event({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: deltas.length } });
  out += event({ type: 'message_stop' });
  return out;
}

/**
 * Starts a server on 127.0.0.1 (random port). `handler(req, body, res)` answers each request; every
 * request is recorded in `server.requests` as `{ method, url, headers, body }` unless
 * `record: false` (soak runs, where the records would be the only thing that grows).
 */
export async function startServer(handler, { record = true } = {}) {
  const requests = [];
  const sockets = new Set();
  const closedSockets = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body = text;
      try { body = text ? JSON.parse(text) : undefined; } catch { /* keep raw text */ }
      const entry = { method: req.method, url: req.url, headers: req.headers, body };
      if (record) requests.push(entry);
      // A handler that throws (say, a fixture that is not there) answers 500 with the reason at
      // once, synchronous throws included, instead of leaving the client to time out.
      new Promise((resolve) => resolve(handler(req, body, res))).catch((e) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fixture server: ${e?.message ?? e}`);
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => { sockets.delete(s); closedSockets.push(Date.now()); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    sockets,
    closedSockets,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Writes an SSE body, optionally in small pieces with a delay between them. */
export async function sendSse(res, body, { chunkSize = 0, delayMs = 0, headers = {} } = {}) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  if (!chunkSize) { res.end(body); return; }
  const buf = Buffer.from(body, 'utf8');
  for (let i = 0; i < buf.length; i += chunkSize) {
    if (res.destroyed) return;
    res.write(buf.subarray(i, i + chunkSize));
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  }
  res.end();
}

/** A response that writes `head`, then one `event(i)` every 5 ms until the client goes away. */
export function trickle(head, event) {
  return async (req, _b, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(head);
    for (let i = 0; i < 500 && !res.destroyed; i++) {
      res.write(event(i));
      await new Promise((r) => setTimeout(r, 5));
    }
    res.end();
  };
}

/** Convenience: a server that answers every request with the same fixture. */
export function startFixtureServer(name, options) {
  const body = fixtureBody(name);
  return startServer((req, _body, res) => sendSse(res, body, options));
}

// `node scripts/fixture-server.mjs <fixture>` serves one fixture until interrupted.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const name = process.argv[2] ?? 'openai__chat_openai-text.chunks.txt';
  const s = await startFixtureServer(name);
  console.log(`serving ${name} at ${s.url}`);
}
