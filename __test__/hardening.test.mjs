// Regressions of the adversarial pass (issue 17): a hostile or broken server, hostile settings and
// arguments. Each case failed before its fix (a hang, a crash, a leaked key, a wrong result).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import {
  streamText, generateText, createOpenAICompatible, createAnthropic, createGoogleGenerativeAI, createOpenAI, tool, jsonSchema,
  registerProvider, configure, listProviders, listAvailableModels, APICallError, InvalidArgumentError, RetryError,
} from '../index.js';
import { startServer, sendSse, openaiTextDeltasBody, collect, settle, allStrings, leaveConfigDir } from './helpers.mjs';

let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());
const KEY = 'sk-hardening-0123456789abcdef';
const local = (settings = {}) => createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: KEY, ...settings });
const chunk = (delta, finish = null) => `data: ${JSON.stringify({ id: 'c', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

async function outcome(result) {
  const parts = await collect(result.fullStream);
  return { parts, text: await settle(result.text, 5000), error: parts.find((p) => p.type === 'error')?.error };
}

describe('hangs and panics', () => {
  it('a non-2xx response whose body stalls ends by the idle limit with its status', async () => {
    respond = (req, _b, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.write('{"error": {"message": "bo'); // and nothing more, the socket kept open
    };
    const started = Date.now();
    const { error } = await outcome(streamText({ model: local()('m'), prompt: 'hi', maxRetries: 0, timeouts: { idleMs: 300 }, onError: () => {} }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(APICallError);
    expect(error.statusCode).toBe(500);
    // And it is retried like any 500.
    const retried = await outcome(streamText({ model: local()('m'), prompt: 'hi', maxRetries: 1, timeouts: { idleMs: 200 }, onError: () => {} }));
    expect(retried.error).toBeInstanceOf(RetryError);
  }, 20_000);

  it('70 retries with retry-after-ms: 0 neither overflow nor sleep: a RetryError with every attempt', async () => {
    respond = (req, _b, res) => { res.writeHead(429, { 'retry-after-ms': '0' }); res.end('{}'); };
    const { error } = await outcome(streamText({ model: local()('m'), prompt: 'hi', maxRetries: 70, onError: () => {} }));
    expect(error).toBeInstanceOf(RetryError);
    expect(error.errors.length).toBe(71);
  }, 20_000);
});

describe('tool input that would pollute prototypes', () => {
  it('__proto__ in tool-call arguments is a tool-error and never reaches execute (as ai@5)', async () => {
    const args = '{"city":"x","__proto__":{"polluted":true}}';
    respond = (req, _b, res) => sendSse(res, chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: args } }] }, 'tool_calls') + 'data: [DONE]\n\n');
    const run = async (lib, provider) => {
      let executed = false;
      const result = lib.streamText({
        model: provider({ name: 'local', baseURL: `${server.url}/v1`, apiKey: KEY })('m'),
        prompt: 'hi',
        tools: { weather: lib.tool({ inputSchema: lib.jsonSchema({ type: 'object' }), execute: async (input) => { executed = true; return Object.assign({}, input); } }) },
        onError: () => {},
      });
      const parts = await collect(result.fullStream);
      return { executed, types: parts.map((p) => p.type), toolError: parts.find((p) => p.type === 'tool-error')?.error };
    };
    const ours = await run({ streamText, tool, jsonSchema }, createOpenAICompatible);
    const theirs = await run(ai, aiCompatible);
    expect(ours.executed).toBe(false);
    expect(theirs.executed).toBe(false);
    expect(ours.types).toEqual(theirs.types);
    expect(String(ours.toolError?.message ?? ours.toolError)).toMatch(/forbidden prototype property/);
    expect({}.polluted).toBeUndefined();
  });
});

describe('keys echoed back never reach JS', () => {
  const b64 = (s) => Buffer.from(s).toString('base64');
  const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const encodings = [KEY, b64(`Bearer ${KEY}`), encodeURIComponent(KEY).replace(/-/g, '%2D'), escaped];

  function clean(value) {
    const text = allStrings(value).join('\n');
    for (const e of [KEY, escaped, ...encodings.slice(1)]) expect(text).not.toContain(e);
    for (const e of ['[REDACTED]']) expect(text).toContain(e);
  }

  it('in error response headers and bodies, in every encoding', async () => {
    respond = (req, _b, res) => {
      res.writeHead(401, { 'content-type': 'application/json', 'x-echo': req.headers.authorization, 'x-echo-b64': b64(req.headers.authorization) });
      res.end(`{"error":{"message":"bad key ${escaped} / ${encodings[2]}"}}`);
    };
    const { error, parts } = await outcome(streamText({ model: local()('m'), prompt: 'hi', maxRetries: 0, onError: () => {} }));
    expect(error).toBeInstanceOf(APICallError);
    clean({ error, parts, headers: error.responseHeaders, body: error.responseBody });
  });

  it('in a 200 response\'s headers, in-stream errors, JSON parse errors and raw chunks', async () => {
    respond = (req, _b, res) => sendSse(res,
      chunk({ content: 'ok' }) +
      `data: {"error":{"message":"echo ${KEY}"}}\n\n` +
      `data: {not json ${escaped}\n\n` +
      `data: {"choices":[],"echo":"${b64(KEY)}"}\n\n` + 'data: [DONE]\n\n',
      { headers: { 'x-echo': req.headers.authorization } });
    const result = streamText({ model: local()('m'), prompt: 'hi', includeRawChunks: true, onError: () => {} });
    const parts = await collect(result.fullStream);
    const response = await result.response;
    expect(parts.some((p) => p.type === 'raw')).toBe(true);
    clean({ parts, response });
  });

  it('in Anthropic\'s error sent as the first event', async () => {
    respond = (req, _b, res) => sendSse(res, `event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"overloaded for ${req.headers['x-api-key']}"}}\n\n`);
    const model = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: KEY })('claude-sonnet-4-5');
    const { error, parts } = await outcome(streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }));
    expect(error.statusCode).toBe(529);
    clean({ error, parts, body: error.responseBody });
  });
});

describe('keys at rest and in URLs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-rest-'));
  afterAll(() => leaveConfigDir(dir));

  it('a persisted provider cannot hold a credential; files are 0600 in a 0700 directory', async () => {
    const configDir = path.join(dir, 'config');
    configure({ configDir });
    for (const bad of [
      { headers: { Authorization: `Bearer ${KEY}` } },
      { headers: { 'x-api-key': KEY } },
      { headers: { 'api-key': KEY } },
      { baseURL: `http://user:${KEY}@127.0.0.1:9/v1` },
      { baseURL: `http://127.0.0.1:9/v1?api_key=${KEY}` },
    ]) {
      const e = await registerProvider({ id: 'leaky', baseURL: 'http://127.0.0.1:9/v1', ...bad }).catch((x) => x);
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(e.message).toMatch(/apiKeyEnvVar|setApiKey/);
      expect(e.message).not.toContain(KEY);
    }
    await registerProvider({ id: 'fine', baseURL: 'http://127.0.0.1:9/v1', apiKeyEnvVar: 'FINE_KEY' });
    expect(JSON.stringify(listProviders())).not.toContain(KEY);
    expect(fs.statSync(path.join(configDir, 'providers.json')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(configDir).mode & 0o777).toBe(0o700);
  });

  it('a password in a base URL is hidden in APICallError.url', async () => {
    respond = (req, _b, res) => { res.writeHead(500); res.end('{}'); };
    const url = new URL(server.url);
    const model = createOpenAICompatible({ name: 'l', baseURL: `http://user:hunter2-password@${url.host}/v1` })('m');
    const { error } = await outcome(streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }));
    expect(error.url).not.toContain('hunter2');
    expect(error.url).toContain('REDACTED');
  });
});

describe('credentials do not follow redirects', () => {
  it('a redirect to another origin is refused (the other origin never sees the key)', async () => {
    const other = await startServer((req, _b, res) => sendSse(res, openaiTextDeltasBody(['stolen'])));
    respond = (req, _b, res) => { res.writeHead(307, { location: `${other.url}/v1/chat/completions` }); res.end(); };
    for (const model of [local()('m'), createAnthropic({ baseURL: `${server.url}/v1`, apiKey: KEY })('claude-sonnet-4-5'), createGoogleGenerativeAI({ baseURL: `${server.url}/v1beta`, apiKey: KEY })('gemini-2.5-flash')]) {
      const { error } = await outcome(streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }));
      expect(error).toBeInstanceOf(APICallError);
      expect(error.message).toMatch(/refused a redirect to another origin/);
    }
    expect(other.requests.length).toBe(0);
    await other.close();
  });

  it('a redirect within the origin is followed', async () => {
    respond = (req, _b, res) => {
      if (req.url === '/v1/chat/completions') { res.writeHead(307, { location: '/v2/chat/completions' }); res.end(); return; }
      sendSse(res, openaiTextDeltasBody(['moved']));
    };
    expect(await streamText({ model: local()('m'), prompt: 'hi' }).text).toBe('moved');
    expect(server.requests.at(-1).headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('https → http is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=test',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:FALSE',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    const tls = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert }, (req, res) => {
      const port = new URL(server.url).port;
      res.writeHead(307, { location: `http://127.0.0.1:${port}/v1/chat/completions` });
      res.end();
    });
    await new Promise((r) => tls.listen(0, '127.0.0.1', r));
    const before = server.requests.length;
    respond = (req, _b, res) => sendSse(res, openaiTextDeltasBody(['downgraded']));
    const model = createOpenAICompatible({ name: 'l', baseURL: `https://127.0.0.1:${tls.address().port}/v1`, apiKey: KEY, caCertificates: [cert] })('m');
    const { error } = await outcome(streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }));
    tls.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(error.message).toMatch(/refused a redirect from https to http/);
    expect(server.requests.length).toBe(before);
  });
});

describe('memory bombs', () => {
  it('an event of data lines that never ends is skipped with an error, memory bounded', async () => {
    const line = `data: ${'x'.repeat(1 << 20)}\n`;
    respond = async (req, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ content: 'before ' }));
      for (let i = 0; i < 80 && !res.destroyed; i++) {
        if (!res.write(line)) await new Promise((r) => res.once('drain', r));
      }
      res.end('\n' + chunk({ content: 'after' }) + 'data: [DONE]\n\n');
    };
    const rss = process.memoryUsage().rss;
    const { text, parts } = await outcome(streamText({ model: local()('m'), prompt: 'hi', onError: () => {} }));
    expect(text.value).toBe('before after');
    expect(parts.find((p) => p.type === 'error').error.message).toMatch(/more than 64 MiB was skipped/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(400 << 20);
  }, 30_000);

  it('a /models list of any size is cut off, not read into memory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-models-'));
    configure({ configDir: dir });
    await registerProvider({ id: 'bigmodels', baseURL: `${server.url}/v1` });
    respond = async (req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
      const item = '{"id":"m"},'.repeat(10_000);
      for (let i = 0; i < 300 && !res.destroyed; i++) {
        if (!res.write(item)) await new Promise((r) => res.once('drain', r));
      }
      res.end('{"id":"last"}]}');
    };
    const { errors } = await listAvailableModels({ providers: ['bigmodels'], refresh: true });
    await leaveConfigDir(dir);
    expect(errors.find((e) => e.providerId === 'bigmodels' || e.provider === 'bigmodels')).toBeTruthy();
    expect(JSON.stringify(errors)).toMatch(/larger than 8 MiB/);
  }, 30_000);

  it('50 MB of tool arguments: the call arrives whole, at a few times the size in memory (was 1.2 GiB)', async () => {
    const { spawn } = await import('node:child_process');
    const script = new URL('./support/big-tool-args.mjs', import.meta.url).pathname;
    const out = await new Promise((resolve, reject) => {
      const p = spawn(process.execPath, [script, '50']);
      let stdout = '';
      p.stdout.on('data', (d) => { stdout += d; });
      p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`exit ${code}`))));
    });
    expect(out.inputLen).toBe(50_000_000);
    expect(out.peakMB).toBeLessThan(700);
  }, 120_000);

  it('distinct connectMs per call do not pile up clients and idle sockets', async () => {
    respond = (req, _b, res) => sendSse(res, openaiTextDeltasBody(['c']));
    for (let i = 0; i < 40; i++) {
      await streamText({ model: local({ timeouts: { connectMs: 5000 + i } })('m'), prompt: 'hi' }).text;
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(server.sockets.size).toBeLessThanOrEqual(9);
  }, 30_000);
});

describe('wrong results', () => {
  it('a proxy URL with an unknown scheme is refused', () => {
    for (const proxy of ['htp://127.0.0.1:3128', 'ftp://127.0.0.1:21']) {
      expect(() => local({ proxy })).toThrow(InvalidArgumentError);
    }
  });

  it('gzip, br and deflate streams and a leading BOM are decoded', async () => {
    const body = openaiTextDeltasBody(['com', 'pressed']);
    for (const [encoding, encode] of [['gzip', zlib.gzipSync], ['br', zlib.brotliCompressSync], ['deflate', zlib.deflateSync], ['bom', (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])]]) {
      respond = (req, _b, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', ...(encoding === 'bom' ? {} : { 'content-encoding': encoding }) });
        res.end(encode(Buffer.from(body)));
      };
      expect(await streamText({ model: local()('m'), prompt: 'hi' }).text, encoding).toBe('compressed');
    }
  });

  it('a server that ignores stream: true and answers JSON: generateText returns the text, as ai@5', async () => {
    respond = (req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1770000000, model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: 'whole answer' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }));
    };
    const ours = await generateText({ model: local()('m'), prompt: 'hi' });
    const theirs = await ai.generateText({ model: aiCompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: KEY })('m'), prompt: 'hi' });
    expect(ours.text).toBe('whole answer');
    expect(ours.text).toBe(theirs.text);
    expect(ours.finishReason).toBe(theirs.finishReason);
    expect(ours.usage.totalTokens).toBe(theirs.usage.totalTokens);
  });

  it('aborting during onFinish adds no abort part and calls no onAbort (as ai@5)', async () => {
    respond = (req, _b, res) => sendSse(res, openaiTextDeltasBody(['done']));
    const run = async (lib, provider) => {
      const controller = new AbortController();
      let aborted = false;
      const result = lib.streamText({
        model: provider({ name: 'local', baseURL: `${server.url}/v1`, apiKey: KEY })('m'),
        prompt: 'hi',
        abortSignal: controller.signal,
        onFinish: async () => { controller.abort(); await new Promise((r) => setTimeout(r, 20)); },
        onAbort: () => { aborted = true; },
      });
      const types = (await collect(result.fullStream)).map((p) => p.type);
      return { types, aborted, text: await result.text };
    };
    const ours = await run({ streamText }, createOpenAICompatible);
    const theirs = await run(ai, aiCompatible);
    expect(ours).toEqual(theirs);
    expect(ours.types.at(-1)).toBe('finish');
  });

  it('client-owned headers are refused, on the provider and on the call', async () => {
    for (const name of ['content-length', 'Transfer-Encoding', 'host', 'connection']) {
      expect(() => local({ headers: { [name]: '1' } })).toThrow(InvalidArgumentError);
      const { error } = await outcome(streamText({ model: local()('m'), prompt: 'hi', headers: { [name]: '5' }, onError: () => {} }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
    }
  });

  it('a key with a control character (from the environment) is an error, not a request without auth', async () => {
    const before = server.requests.length;
    process.env.LLM_NATIVE_HARDENING_KEY = 'sk-abc\u0007def-0123456789';
    const model = createOpenAI({ baseURL: `${server.url}/v1`, credentialProviderId: false }).chat;
    process.env.OPENAI_API_KEY_SAVED = process.env.OPENAI_API_KEY ?? '';
    process.env.OPENAI_API_KEY = process.env.LLM_NATIVE_HARDENING_KEY;
    const { error } = await outcome(streamText({ model: model('gpt-4o'), prompt: 'hi', onError: () => {} }));
    process.env.OPENAI_API_KEY = process.env.OPENAI_API_KEY_SAVED;
    delete process.env.OPENAI_API_KEY_SAVED;
    delete process.env.LLM_NATIVE_HARDENING_KEY;
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/cannot be sent/);
    expect(error.message).not.toContain('abc');
    expect(server.requests.length).toBe(before);
  });

  it('a Gemini model id cannot rewrite the URL the key is sent to', async () => {
    respond = (req, _b, res) => sendSse(res, 'data: {"candidates":[{"content":{"parts":[{"text":"ok"}]},"finishReason":"STOP"}]}\n\n');
    const google = createGoogleGenerativeAI({ baseURL: `${server.url}/v1beta`, apiKey: KEY });
    await streamText({ model: google('x?alt=json#y'), prompt: 'hi' }).text;
    expect(server.requests.at(-1).url).toBe('/v1beta/models/x%3Falt%3Djson%23y:streamGenerateContent?alt=sse');
    const { error } = await outcome(streamText({ model: google('../../admin'), prompt: 'hi', onError: () => {} }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
  });
});
