// `experimental_telemetry`: the real `ai@5` and llm-native run the same calls against the same
// local server with the same OpenTelemetry tracer (sdk-trace-base, in-memory exporter, the
// AsyncLocalStorage context manager so ai@5's parent links show). Their span trees — names,
// parents, status, events, attributes — must match once what legitimately differs between two
// runs (durations, exception stacks) is normalised.
import { describe, it, expect, afterAll, beforeEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as ai from 'ai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, openaiTextDeltasBody, trickle } from './helpers.mjs';
import { buildBrowser } from '../scripts/build-browser.mjs';

const contextManager = new AsyncLocalStorageContextManager().enable();
context.setGlobalContextManager(contextManager);
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('telemetry-test');

// Non-streaming answers for ai@5's generateText (doGenerate); the same content as the streams.
const TOOL_SSE = [
  '{"id":"c1","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"weather","arguments":""}}]},"finish_reason":null}]}',
  '{"id":"c1","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"location\\":\\"Paris\\"}"}}]},"finish_reason":null}]}',
  '{"id":"c1","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":7,"completion_tokens":5,"total_tokens":12}}',
].map((d) => `data: ${d}\n\n`).join('') + 'data: [DONE]\n\n';
const TOOL_JSON = {
  id: 'c1', object: 'chat.completion', created: 1770000000, model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"location":"Paris"}' } }] }, finish_reason: 'tool_calls' }],
  usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 },
};
const TEXT_JSON = {
  id: 'chatcmpl-local', object: 'chat.completion', created: 1770000000, model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Sunny in Paris.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
};

let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(async () => {
  await server.close();
  context.disable();
  trace.disable();
});
beforeEach(() => exporter.reset());

/** Recorded transcripts: a tool call (DeepSeek) first, then text once the history ends in a tool result. */
function transcripts(req, body, res) {
  const followUp = body.messages.at(-1).role === 'tool';
  return sendSse(res, fixtureBody(followUp ? 'openai__chat_openai-text.chunks.txt' : 'deepseek__chat_deepseek-tool-call.chunks.txt'), { chunkSize: 61 });
}

/** Scripted answers, streamed or not as the request asks (ai@5's generateText does not stream). */
function scripted(req, body, res) {
  const followUp = body.messages.at(-1).role === 'tool';
  if (body.stream) return sendSse(res, followUp ? openaiTextDeltasBody(['Sunny', ' in', ' Paris.']) : TOOL_SSE);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(followUp ? TEXT_JSON : TOOL_JSON));
}

function failing(req, body, res) {
  res.writeHead(500, { 'content-type': 'application/json' });
  res.end('{"error":{"message":"the model is down"}}');
}

const model = (lib) => (lib === ai ? aiCompatible : native.createOpenAICompatible)({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-tel', includeUsage: true })('m');
const weather = (lib, execute = async ({ location }) => ({ location, temperature: 21 })) => ({
  weather: lib.tool({
    description: 'Get the weather',
    inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }),
    execute,
  }),
});

const DURATIONS = new Set(['ai.response.msToFirstChunk', 'ai.response.msToFinish', 'ai.response.avgOutputTokensPerSecond']);

function normalizeAttributes(attributes) {
  const out = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DURATIONS.has(key)) out[key] = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? 'duration' : value;
    else if (key === 'exception.stacktrace') out[key] = typeof value === 'string' && value.length > 0 ? 'stack' : value;
    else out[key] = value;
  }
  return out;
}

/** The finished spans as a tree: name, status, attributes, events, children (by start time). */
function spanTree(spans) {
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  const node = (s) => ({
    name: s.name,
    status: s.status,
    attributes: normalizeAttributes(s.attributes),
    events: s.events.map((e) => ({ name: e.name, attributes: normalizeAttributes(e.attributes ?? {}) })),
    children: childrenOf(s.spanContext().spanId),
  });
  const byStart = (a, b) => (a.startTime[0] - b.startTime[0]) || (a.startTime[1] - b.startTime[1]);
  const childrenOf = (id) => spans.filter((s) => s.parentSpanContext?.spanId === id).sort(byStart).map(node);
  return spans.filter((s) => !ids.has(s.parentSpanContext?.spanId)).sort(byStart).map(node);
}

/** Waits until no span ends for a moment (tool spans end after the stream's last part). */
async function finishedSpans() {
  let count = -1;
  while (count !== exporter.getFinishedSpans().length) {
    count = exporter.getFinishedSpans().length;
    await new Promise((r) => setTimeout(r, 30));
  }
  const spans = exporter.getFinishedSpans();
  exporter.reset();
  return spans;
}

async function streamRun(lib, options) {
  const result = lib.streamText({ model: model(lib), onError: () => {}, ...options(lib) });
  const parts = await collect(result.fullStream);
  return { parts, spans: spanTree(await finishedSpans()) };
}

async function generateRun(lib, options) {
  let error;
  try {
    await lib.generateText({ model: model(lib), ...options(lib) });
  } catch (e) {
    error = e;
  }
  return { error, spans: spanTree(await finishedSpans()) };
}

/**
 * ai@5's generateText adds its own `user-agent: ai/<version>` to the call's headers, and so to
 * `ai.request.headers.user-agent`; llm-native adds none there (Rust sends `llm-native/<version>`).
 */
function withoutAiUserAgent(tree) {
  for (const n of tree) {
    delete n.attributes['ai.request.headers.user-agent'];
    withoutAiUserAgent(n.children);
  }
  return tree;
}

const telemetry = (extra = {}) => ({
  experimental_telemetry: { isEnabled: true, functionId: 'weather-agent', metadata: { userId: 'u-1', tier: 3, beta: true }, tracer, ...extra },
});

const names = (tree) => tree.map((n) => [n.name, names(n.children)]);

describe('experimental_telemetry: streamText spans match ai@5', () => {
  it('a text stream: ai.streamText with one ai.streamText.doStream', async () => {
    respond = (req, body, res) => sendSse(res, fixtureBody('openai__chat_openai-text.chunks.txt'), { chunkSize: 97 });
    const options = (lib) => ({
      system: 'be brief', prompt: 'Invent a holiday', temperature: 0.3, topP: 0.9, maxOutputTokens: 400,
      stopSequences: ['END'], seed: 7, headers: { 'x-trace': 'abc' }, ...telemetry(),
    });
    const expected = await streamRun(ai, options);
    const actual = await streamRun(native, options);
    expect(names(actual.spans)).toEqual([['ai.streamText', [['ai.streamText.doStream', []]]]]);
    expect(actual.spans).toEqual(expected.spans);
    const doStream = actual.spans[0].children[0];
    expect(doStream.events.map((e) => e.name)).toEqual(['ai.stream.firstChunk', 'ai.stream.finish']);
    expect(doStream.attributes['ai.settings.stopSequences']).toEqual(['END']);
    expect(doStream.attributes['ai.request.headers.x-trace']).toBe('abc');
    expect(doStream.attributes['ai.telemetry.metadata.tier']).toBe(3);
    expect(actual.spans[0].attributes['operation.name']).toBe('ai.streamText weather-agent');
  });

  it('a two-step tool loop: two doStream spans and an ai.toolCall span under ai.streamText', async () => {
    respond = transcripts;
    const options = (lib) => ({ prompt: 'What is the weather?', tools: weather(lib), stopWhen: lib.stepCountIs(5), ...telemetry() });
    const expected = await streamRun(ai, options);
    const actual = await streamRun(native, options);
    expect(names(actual.spans)).toEqual([['ai.streamText', [['ai.streamText.doStream', []], ['ai.toolCall', []], ['ai.streamText.doStream', []]]]]);
    expect(actual.spans).toEqual(expected.spans);
    const tool = actual.spans[0].children[1];
    expect(tool.attributes['ai.toolCall.result']).toBe('{"location":"San Francisco","temperature":21}');
    expect(JSON.parse(actual.spans[0].children[2].attributes['ai.prompt.messages']).map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('a tool that throws: its span records the exception with ERROR status', async () => {
    respond = transcripts;
    const options = (lib) => ({
      prompt: 'What is the weather?', tools: weather(lib, () => { throw new Error('station offline'); }), stopWhen: lib.stepCountIs(3), ...telemetry(),
    });
    const expected = await streamRun(ai, options);
    const actual = await streamRun(native, options);
    expect(actual.spans).toEqual(expected.spans);
    const tool = actual.spans[0].children[1];
    expect(tool.status).toEqual({ code: 2, message: 'station offline' });
    expect(tool.events[0].attributes['exception.message']).toBe('station offline');
  });

  it('recordInputs / recordOutputs false drop the same attributes as ai@5', async () => {
    respond = transcripts;
    for (const flags of [{ recordInputs: false }, { recordOutputs: false }, { recordInputs: false, recordOutputs: false }]) {
      const options = (lib) => ({ prompt: 'What is the weather?', tools: weather(lib), stopWhen: lib.stepCountIs(5), ...telemetry(flags) });
      const expected = await streamRun(ai, options);
      const actual = await streamRun(native, options);
      expect(actual.spans).toEqual(expected.spans);
      const keys = JSON.stringify(actual.spans);
      if (flags.recordInputs === false) expect(keys).not.toMatch(/"ai\.prompt(\.messages|\.tools|\.toolChoice)?"/);
      else expect(keys).toMatch(/"ai\.prompt\.messages"/);
      if (flags.recordOutputs === false) expect(keys).not.toMatch(/"ai\.response\.(text|toolCalls)"|"ai\.toolCall\.(args|result)"/);
      else expect(keys).toMatch(/"ai\.toolCall\.result"/);
    }
  });

  it('an HTTP 500 (maxRetries 0) records the exception and ERROR status on doStream and the root', async () => {
    respond = failing;
    const options = (lib) => ({ prompt: 'hi', maxRetries: 0, ...telemetry() });
    const expected = await streamRun(ai, options);
    const actual = await streamRun(native, options);
    expect(actual.spans).toEqual(expected.spans);
    const [root] = actual.spans;
    expect(root.status).toEqual({ code: 2, message: 'the model is down' });
    expect(root.children[0].status.code).toBe(2);
    expect(root.children[0].events.map((e) => [e.name, e.attributes['exception.type']])).toEqual([['exception', 'AI_APICallError']]);
  });

  it('disabled or absent telemetry creates no spans', async () => {
    respond = transcripts;
    for (const experimental_telemetry of [undefined, { isEnabled: false, tracer }, { tracer }]) {
      const result = native.streamText({ model: model(native), prompt: 'What is the weather?', tools: weather(native), stopWhen: native.stepCountIs(5), experimental_telemetry });
      await collect(result.fullStream);
      expect(await finishedSpans()).toEqual([]);
    }
  });
});

describe('experimental_telemetry: generateText spans match ai@5', () => {
  it('a two-step tool loop: doGenerate, toolCall, doGenerate under ai.generateText', async () => {
    respond = scripted;
    const options = (lib) => ({ prompt: 'Weather in Paris?', tools: weather(lib), stopWhen: lib.stepCountIs(4), temperature: 0, ...telemetry() });
    const expected = await generateRun(ai, options);
    const actual = await generateRun(native, options);
    expect(actual.error).toBeUndefined();
    expect(names(actual.spans)).toEqual([['ai.generateText', [['ai.generateText.doGenerate', []], ['ai.toolCall', []], ['ai.generateText.doGenerate', []]]]]);
    expect(actual.spans).toEqual(withoutAiUserAgent(expected.spans));
    expect(actual.spans[0].attributes['ai.response.text']).toBe('Sunny in Paris.');
  });

  it('an HTTP 500 (maxRetries 0) records the exception and ERROR status like ai@5', async () => {
    respond = failing;
    const options = (lib) => ({ prompt: 'hi', maxRetries: 0, ...telemetry() });
    const expected = await generateRun(ai, options);
    const actual = await generateRun(native, options);
    expect(actual.error?.name).toBe('AI_APICallError');
    expect(actual.spans).toEqual(withoutAiUserAgent(expected.spans));
    expect(actual.spans[0].status).toEqual({ code: 2, message: 'the model is down' });
  });
});

describe('experimental_telemetry: aborts', () => {
  const head = 'data: {"id":"c1","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n';
  const slow = trickle(head, (i) => `data: {"id":"c1","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":{"content":"x${i}"},"finish_reason":null}]}\n\n`);

  it('generateText: the AbortError on doGenerate and the root, as ai@5', async () => {
    respond = slow;
    const options = (lib) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      return { prompt: 'hi', abortSignal: controller.signal, ...telemetry() };
    };
    const expected = await generateRun(ai, options);
    const actual = await generateRun(native, options);
    expect(actual.error?.name).toBe('AbortError');
    expect(actual.spans).toEqual(withoutAiUserAgent(expected.spans));
    expect(actual.spans[0].children[0].status).toEqual({ code: 2, message: 'This operation was aborted' });
  });

  it('streamText: every span ends, without an error status', async () => {
    respond = slow;
    const controller = new AbortController();
    const result = native.streamText({ model: model(native), prompt: 'hi', abortSignal: controller.signal, ...telemetry() });
    let deltas = 0;
    for await (const p of result.fullStream) if (p.type === 'text-delta' && ++deltas === 3) controller.abort();
    const [root] = spanTree(await finishedSpans());
    expect(names([root])).toEqual([['ai.streamText', [['ai.streamText.doStream', []]]]]);
    expect([root.status, root.children[0].status]).toEqual([{ code: 0 }, { code: 0 }]);
  });
});

describe('experimental_telemetry: the tracer', () => {
  it('without `tracer`, the global tracer of @opentelemetry/api (as ai@5)', async () => {
    respond = scripted;
    trace.setGlobalTracerProvider(provider);
    try {
      await native.generateText({ model: model(native), prompt: 'hi', experimental_telemetry: { isEnabled: true } });
    } finally {
      trace.disable();
    }
    expect(names(spanTree(await finishedSpans()))).toEqual([['ai.generateText', [['ai.generateText.doGenerate', []]]]]);
  });

  it('a tool execute that makes spans makes them under ai.toolCall', async () => {
    respond = scripted;
    const execute = async () => {
      await new Promise((r) => setTimeout(r, 5));
      tracer.startSpan('inside-execute').end();
      return 'sunny';
    };
    await native.generateText({ model: model(native), prompt: 'hi', tools: weather(native, execute), stopWhen: native.stepCountIs(3), ...telemetry() });
    const tree = spanTree(await finishedSpans());
    expect(names(tree)).toEqual([['ai.generateText', [['ai.generateText.doGenerate', []], ['ai.toolCall', [['inside-execute', []]]], ['ai.generateText.doGenerate', []]]]]);
  });

  it('off, or with a `tracer`, @opentelemetry/api is never loaded', () => {
    const script = `
      const native = require('./index.js');
      const model = native.createOpenAICompatible({ name: 'local', baseURL: 'http://127.0.0.1:9/v1', apiKey: 'k' })('m');
      const tracer = { startSpan: () => ({ end() {}, setAttributes() {}, addEvent() {}, spanContext: () => ({}) }), startActiveSpan() {} };
      native.streamText({ model, prompt: 'hi', onError() {} });
      native.streamText({ model, prompt: 'hi', onError() {}, experimental_telemetry: { isEnabled: false } });
      native.streamText({ model, prompt: 'hi', onError() {}, experimental_telemetry: { isEnabled: true, tracer } });
      console.log(Object.keys(require.cache).filter((k) => k.includes('@opentelemetry')).length);
    `;
    const root = new URL('..', import.meta.url).pathname;
    expect(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }).trim()).toBe('0');
  });

  it('the webview build does not bundle @opentelemetry/api: on without `tracer` is an InvalidArgumentError there', async () => {
    const root = new URL('..', import.meta.url).pathname;
    // Inside the project, so the build's `@tauri-apps/api` import resolves.
    const outfile = `${root}node_modules/.cache/llm-native-telemetry-test/browser.mjs`;
    await buildBrowser({ outfile });
    expect(readFileSync(outfile, 'utf8')).not.toMatch(/ProxyTracerProvider|NoopContextManager/);
    const web = await import(`${outfile}?${Date.now()}`);
    const fake = { specificationVersion: 'v2', provider: 'p', modelId: 'm', [Symbol.for('llm-native.provider')]: {} };
    expect(() => web.streamText({ model: fake, prompt: 'hi', experimental_telemetry: { isEnabled: true } }))
      .toThrow(expect.objectContaining({ name: 'AI_InvalidArgumentError', message: expect.stringMatching(/@opentelemetry\/api.*`tracer`/) }));
    expect(() => web.streamText({ model: fake, prompt: 'hi', onError() {}, experimental_telemetry: { isEnabled: false } })).not.toThrow();
  }, 60_000);

  it('a tracer that is not one is an InvalidArgumentError', () => {
    expect(() => native.streamText({ model: model(native), prompt: 'hi', experimental_telemetry: { isEnabled: true, tracer: {} } }))
      .toThrow(expect.objectContaining({ name: 'AI_InvalidArgumentError' }));
  });
});
