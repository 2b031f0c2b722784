// @vitest-environment happy-dom
// The webview (Tauri) build of llm-native, in a DOM environment: `@tauri-apps/api`'s `mockIPC`
// answers the plugin's commands with the real Rust core (through the Node addon), so the browser
// build's `streamText` runs end to end against 127.0.0.1 servers. It must give the parts, promise
// values and request bodies the Node build gives, on every protocol's fixtures and in a tool loop.
import fs from 'node:fs';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mockIPC, clearMocks } from '@tauri-apps/api/mocks';
import * as node from '../index.js';
import * as ai from 'ai';
import { bridge, commandNames, openStreams } from './support/tauri-ipc-bridge.mjs';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff, abortAfterThreeDeltas, trickle } from './helpers.mjs';

// (happy-dom replaces the global URL, so files are found by path.)
const repoFile = (rel) => nodePath.join(nodePath.dirname(fileURLToPath(import.meta.url)), '..', rel);
const calls = [];
let web;
let body = '';
let path = '';
const server = await startServer((req, _b, res) => {
  path = req.url;
  return sendSse(res, body, { chunkSize: 61 });
});

beforeAll(async () => {
  mockIPC(bridge(calls));
  web = await import('../dist/browser.mjs');
});
afterAll(async () => {
  clearMocks();
  await server.close();
});

const PROTOCOLS = {
  'openai-compatible': {
    fixtures: ['openai__chat_openai-text.chunks.txt', 'deepseek__chat_deepseek-reasoning.chunks.txt', 'groq__groq-tool-call.chunks.txt'],
    model: (lib) => lib.createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-web', includeUsage: true })('m'),
  },
  'openai-responses': {
    fixtures: ['openai__responses_openai-reasoning-encrypted-content.1.chunks.txt', 'openai__responses_parallel-tool-call-wrapper.1.chunks.txt'],
    model: (lib) => lib.createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-web' })('gpt-5-nano'),
  },
  anthropic: {
    fixtures: ['anthropic__anthropic-text.chunks.txt', 'anthropic__anthropic-clear-thinking.1.chunks.txt', 'anthropic__anthropic-tool-no-args.chunks.txt'],
    model: (lib) => lib.createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sk-web' })('claude-sonnet-4-5'),
  },
  google: {
    fixtures: ['google__google-text.chunks.txt', 'google__google-reasoning.chunks.txt', 'google__google-tool-call.chunks.txt'],
    model: (lib) => lib.createGoogleGenerativeAI({ baseURL: `${server.url}/v1beta`, apiKey: 'sk-web' })('gemini-2.5-flash'),
  },
};

const tools = (lib) => ({
  weather: lib.tool({
    description: 'Get the weather',
    inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }),
  }),
});

async function run(lib, model) {
  const result = lib.streamText({ model, prompt: 'What is the weather?', tools: tools(lib), onError: () => {} });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'reasoningText', 'finishReason', 'usage', 'toolCalls', 'providerMetadata']) {
    settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name }));
  }
  settled.responseMessages = (await result.response).messages;
  return normalizeForDiff({ parts, settled, request: server.requests.at(-1).body, path }, { mapIds: true });
}

describe('the webview build gives what the Node build gives', () => {
  for (const [protocol, { fixtures, model }] of Object.entries(PROTOCOLS)) {
    for (const fixture of fixtures) {
      it(`${protocol}: ${fixture}`, async () => {
        body = fixtureBody(fixture);
        const expected = await run(node, model(node));
        const actual = await run(web, model(web));
        expect(actual).toEqual(expected);
        expect(actual.parts.length).toBeGreaterThan(3);
      });
    }
  }

  it('runs the tool loop in the webview (execute between native streams)', async () => {
    const loopServer = await startServer((req, b, res) => {
      const last = b.messages.at(-1);
      const call = '{"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},"finish_reason":"tool_calls"}]}';
      const answer = '{"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Sunny."},"finish_reason":"stop"}]}';
      return sendSse(res, `data: ${last.role === 'tool' ? answer : call}\n\ndata: [DONE]\n\n`);
    });
    const loop = async (lib) => {
      const model = lib.createOpenAICompatible({ name: 'local', baseURL: `${loopServer.url}/v1` })('m');
      const result = lib.streamText({
        model,
        prompt: 'Weather in Paris?',
        stopWhen: lib.stepCountIs(3),
        tools: {
          weather: lib.tool({
            inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }),
            execute: async ({ location }) => `${location}: 21°C`,
          }),
        },
      });
      const parts = await collect(result.fullStream);
      const steps = await result.steps;
      // Each step's request is its start-step's (one object; its body read from what the plugin sent).
      const starts = parts.filter((p) => p.type === 'start-step');
      expect(steps.map((step) => step.request.body)).toEqual(loopServer.requests.slice(-2).map((r) => r.body));
      steps.forEach((step, i) => expect(step.request).toBe(starts[i].request));
      return normalizeForDiff({ parts, text: await result.text, steps: steps.length });
    };
    const expected = await loop(node);
    const actual = await loop(web);
    await loopServer.close();
    expect(actual).toEqual(expected);
    expect(actual.text).toBe('Sunny.');
    expect(actual.steps).toBe(2);
    expect(actual.parts.find((p) => p.type === 'tool-result').output).toBe('Paris: 21°C');
  });

  it("the real ai@5 drives the webview build's models, request.body included", async () => {
    body = fixtureBody('openai__chat_openai-text.chunks.txt');
    for (const lib of [node, web]) {
      const result = ai.streamText({ model: PROTOCOLS['openai-compatible'].model(lib), prompt: 'hi' });
      const parts = await collect(result.fullStream);
      expect(parts.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(0);
      // ai@5 reads the body from the model's doStream result: the JSON the plugin sent along.
      expect((await result.request).body).toEqual(server.requests.at(-1).body);
    }
  });

  it('experimental_include: { requestBody: false } leaves the body out of start-step, the steps and result.request', async () => {
    body = fixtureBody('openai__chat_openai-text.chunks.txt');
    const run = async (lib, include) => {
      const result = lib.streamText({ model: PROTOCOLS['openai-compatible'].model(lib), prompt: 'hi', ...include });
      const parts = await collect(result.fullStream);
      return { start: parts.find((p) => p.type === 'start-step').request, step: (await result.steps)[0].request, request: await result.request };
    };
    const off = { experimental_include: { requestBody: false } };
    for (const lib of [node, web]) {
      const left = await run(lib, off);
      expect(left.start.body).toBeUndefined();
      expect(left.step.body).toBeUndefined();
      expect(left.request.body).toBeUndefined();
      // ai@7's spelling; and without either, the body as ai@5 has it.
      expect((await run(lib, { include: { requestBody: false } })).step.body).toBeUndefined();
      expect((await run(lib, {})).step.body).toMatchObject({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    }
    const generated = await node.generateText({ model: PROTOCOLS['openai-compatible'].model(node), prompt: 'hi', ...off });
    expect(generated.text.length).toBeGreaterThan(0);
    expect(generated.request.body).toBeUndefined();
  });

  it("the app's fetch performs the requests in the webview: a rewritten URL, its header, characters split across chunks", async () => {
    // Each byte its own chunk, so a multi-byte character arrives in pieces.
    // (The page's fetch is cross-origin: the server answers its preflight.)
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' };
    const split = await startServer(async (req, b, res) => {
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      res.writeHead(200, { 'content-type': 'text/event-stream', ...cors });
      const sse = 'data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"21°C ☀"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';
      for (const byte of Buffer.from(sse)) {
        res.write(Buffer.from([byte]));
        await new Promise((r) => setImmediate(r));
      }
      res.end();
    });
    const seen = [];
    const appFetch = (url, init) => {
      seen.push(url);
      return fetch(String(url).replace('http://proxy.invalid', split.url), { ...init, headers: { ...init.headers, 'x-app': 'web' } });
    };
    const model = web.createOpenAICompatible({ name: 'local', baseURL: 'http://proxy.invalid/v1', apiKey: 'sk-web', fetch: appFetch })('m');
    const text = await web.streamText({ model, prompt: 'hi' }).text;
    await split.close();
    expect(text).toBe('21°C ☀');
    expect(seen).toEqual(['http://proxy.invalid/v1/chat/completions']);
    expect(split.requests.find((r) => r.method === 'POST').headers['x-app']).toBe('web');
    expect(calls).toContain('stream_fetch_chunk');
    expect(calls).toContain('stream_fetch_end');
  });

  it('abort from the page closes the connection, and the stream handle is gone', async () => {
    const slow = await startServer(trickle(
      '',
      (i) => `data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"t${i} "},"finish_reason":null}]}\n\n`,
    ));
    const model = web.createOpenAICompatible({ name: 'local', baseURL: `${slow.url}/v1` })('m');
    const { parts, socketClosed } = await abortAfterThreeDeltas(slow, (abortSignal) => web.streamText({ model, prompt: 'hi', abortSignal }));
    await slow.close();
    expect(socketClosed).toBe(true);
    expect(parts.at(-1).type).toBe('abort');
    expect(calls).toContain('stream_abort');
    expect(openStreams()).toBe(0);
  });

  it('reports bad settings and errors as the AI SDK error classes', async () => {
    const bad = web.createOpenAICompatible({ name: 'local', baseURL: 'not a url' })('m');
    const result = web.streamText({ model: bad, prompt: 'hi', onError: () => {} });
    const error = await result.text.then(() => null, (e) => e);
    expect(web.InvalidArgumentError.isInstance(error) || web.NoOutputGeneratedError.isInstance(error)).toBe(true);
    const parts = await collect(web.streamText({ model: bad, prompt: 'hi', onError: () => {} }).fullStream);
    const errorPart = parts.find((p) => p.type === 'error');
    expect(web.InvalidArgumentError.isInstance(errorPart.error)).toBe(true);
    expect(errorPart.error.message).toContain('baseURL');
    await expect(web.resolveModel('nosuch/model')).rejects.toSatisfy((e) => web.NoSuchProviderError.isInstance(e));
  });

  it('string model ids resolve through the registry over IPC', async () => {
    body = fixtureBody('openai__chat_openai-text.chunks.txt');
    const dir = fs.mkdtempSync(`${process.env.TMPDIR ?? '/tmp'}/llm-native-web-`);
    await web.configure({ configDir: dir });
    await web.registerProvider({ id: 'webtest', name: 'Web test', baseURL: `${server.url}/v1` });
    const result = web.streamText({ model: 'webtest/m', prompt: 'hi' });
    expect(await result.text).toBe(await node.streamText({ model: node.createOpenAICompatible({ name: 'x', baseURL: `${server.url}/v1` })('m'), prompt: 'hi' }).text);
    expect((await result.response).modelId).toBeTruthy();
    await web.removeProvider('webtest');
    await web.queryUsage(); // (the step's ledger row is written before the directory goes)
    fs.rmSync(dir, { recursive: true });
  });
});

describe('fallback chains and the ledger over IPC', () => {
  it('a chain of a string id (resolved in the background) and a model handle falls through to the one that answers', async () => {
    body = fixtureBody('openai__chat_openai-text.chunks.txt');
    const dir = fs.mkdtempSync(`${process.env.TMPDIR ?? '/tmp'}/llm-native-web-`);
    await web.configure({ configDir: dir });
    // Nothing listens on port 1: the registered provider is unavailable.
    await web.registerProvider({ id: 'webdown', name: 'Down', baseURL: 'http://127.0.0.1:1/v1' });
    const passed = [];
    const chain = web.withFallbacks(['webdown/m', PROTOCOLS['openai-compatible'].model(web)], { onFallback: (e) => passed.push(e.errorClass) });
    const result = web.streamText({ model: chain, prompt: 'hi' });
    const parts = await collect(result.fullStream);
    expect(parts.filter((p) => p.type === 'start-step')).toHaveLength(1);
    expect(passed).toEqual(['unavailable']);
    expect((await result.providerMetadata).llmNative.fallback).toMatchObject({ index: 1, attempts: [{ errorClass: 'unavailable' }] });
    expect(calls).toContain('provider_fallback');
    expect((await web.queryUsage({ groupBy: 'provider' })).total.steps).toBe(1);
    await web.removeProvider('webdown');
    fs.rmSync(dir, { recursive: true });
  });
});

describe('embeddings over IPC', () => {
  it('embedMany runs in the plugin and gives what the Node build gives', async () => {
    const embedServer = await startServer((_req, b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: b.input.map((t) => ({ embedding: [t.length, 0.125] })), usage: { prompt_tokens: 3 } }));
    });
    const model = (lib) => lib.createOpenAICompatible({ name: 'local', baseURL: `${embedServer.url}/v1`, apiKey: 'k' }).textEmbeddingModel('e');
    const web_ = await web.embedMany({ model: model(web), values: ['a', 'bb'] });
    const node_ = await node.embedMany({ model: model(node), values: ['a', 'bb'] });
    expect(normalizeForDiff(web_)).toEqual(normalizeForDiff(node_));
    expect(web_.embeddings).toEqual([[1, 0.125], [2, 0.125]]);
    expect(calls).toContain('embed_start');
    await embedServer.close();
  });
});

describe('the webview build and the plugin agree on the commands', () => {
  const pluginCommands = [...fs.readFileSync(repoFile('crates/tauri-plugin/build.rs'), 'utf8').matchAll(/^ {4}"(\w+)",$/gm)].map((m) => m[1]);
  it('the bridge serves exactly the plugin commands, and the host calls only those', () => {
    expect(pluginCommands.length).toBeGreaterThan(20);
    expect([...commandNames].sort()).toEqual([...pluginCommands].sort());
    const used = [...fs.readFileSync(repoFile('lib/tauri-host.mjs'), 'utf8').matchAll(/call\('(\w+)'/g)].map((m) => m[1]);
    for (const c of used) expect(pluginCommands).toContain(c);
  });
});
