// Drop-in proof for `createOpenAI(...).chat(id)`: `ai@5` + `@ai-sdk/openai@2`'s
// OpenAIChatLanguageModel and llm-native against the same local server. Request bodies (model
// capabilities, provider options, messages, tools), every fullStream part and the promises must
// match; the SSE transcripts are the vendored fixtures and small inline ones for each branch of
// the chunk schema and of doStream.
import { describe, it, expect, afterAll, beforeEach } from 'vitest';
import * as ai from 'ai';
import { z } from 'zod';
import { createOpenAI as aiOpenAI } from '@ai-sdk/openai';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

const HEAD = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1770000000, model: 'gpt-4o-2024-08-06' };
const chunk = (delta, choice = {}, head = HEAD) => ({ ...head, choices: [{ index: 0, delta, finish_reason: null, ...choice }] });
const done = (reason, head = HEAD) => ({ ...head, choices: [{ index: 0, delta: {}, finish_reason: reason }] });
const usage = (u = { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 }, head = HEAD) => ({ ...head, choices: [], usage: u });
/** Chat Completions SSE: one `data:` event per chunk (strings sent as they are), then `[DONE]`. */
const sse = (chunks) => chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
const TEXT = sse([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hi' }), chunk({ content: ' there.' }), done('stop'), usage()]);

let body = TEXT;
// A request without `stream: true` (ai@5's generateObject) gets `whole`, when a case sets it.
let whole = null;
const server = await startServer((req, b, res) => {
  if (b?.stream === true || whole == null) return sendSse(res, body, { chunkSize: 89 });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(whole));
});
afterAll(() => server.close());
// Request-side cases answer with TEXT; a response-side case sets its own transcript.
beforeEach(() => { body = TEXT; });

/** ai@5 stamps `new Date()` when `created` is 0 or missing: compare "now" as such, else the date. */
const when = (d) => (!(d instanceof Date) ? String(d) : Math.abs(Date.now() - d.getTime()) < 60_000 ? 'now' : d.toISOString());

async function run(lib, createOpenAI, modelId, options, { mapIds = false, parserWording = false } = {}) {
  server.requests.length = 0;
  const provider = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-diff' });
  const result = lib.streamText({ model: provider.chat(modelId), onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'reasoningText', 'finishReason', 'usage', 'totalUsage', 'toolCalls', 'sources', 'providerMetadata', 'warnings']) {
    settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name, message: e.message }));
  }
  const response = await result.response.then((r) => r, (e) => ({ rejected: e.name }));
  settled.responseMessages = response.messages ?? response;
  settled.responseTime = when(response.timestamp); // (normalizeForDiff hides every `timestamp` key)
  const request = server.requests.at(-1);
  return normalizeForDiff({ parts, settled, request: request?.body, url: request?.url, auth: request?.headers.authorization }, { mapIds, parserWording });
}

async function compare(modelId, options, opts) {
  const expected = await run(ai, aiOpenAI, modelId, options(ai), opts);
  const actual = await run(native, native.createOpenAI, modelId, options(native), opts);
  expect(actual.url).toEqual(expected.url);
  expect(actual.auth).toEqual(expected.auth);
  expect(actual.request).toEqual(expected.request);
  expect(actual.settled.warnings).toEqual(expected.settled.warnings);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.settled).toEqual(expected.settled);
  return expected;
}

const weather = (lib) => lib.tool({ description: 'Get the weather', inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }) });
const tools = (lib) => ({ weather: weather(lib), calc: lib.tool({ inputSchema: lib.jsonSchema({ type: 'object', properties: { expr: { type: 'string' } } }) }) });

// Every field of openaiChatLanguageModelOptions, camelCase, plus one the schema does not know.
const ALL_OPTIONS = {
  logitBias: { 50256: -100 }, logprobs: 3, parallelToolCalls: false, user: 'u-1', reasoningEffort: 'low',
  maxCompletionTokens: 900, store: true, metadata: { app: 'diff' }, prediction: { type: 'content', content: 'Hello' },
  structuredOutputs: true, serviceTier: 'priority', strictJsonSchema: true, textVerbosity: 'low',
  promptCacheKey: 'key-1', promptCacheOptions: { mode: 'explicit', ttl: '30m' }, promptCacheRetention: '24h',
  safetyIdentifier: 'safe-1', notAnOption: 'dropped',
};
const SETTINGS = { temperature: 0.3, topP: 0.9, frequencyPenalty: 0.1, presencePenalty: 0.2, maxOutputTokens: 500, seed: 7, stopSequences: ['END'], topK: 40 };
const withSettings = (openai) => () => ({ system: 'be brief', prompt: 'Hi', ...SETTINGS, providerOptions: { openai } });

describe('request body and warnings as @ai-sdk/openai chat', () => {
  // gpt-4o is not a reasoning model: everything is sent (max_tokens and max_completion_tokens
  // both), topK is the one unsupported setting, the unknown key is dropped by the schema.
  it('gpt-4o with every provider option and every setting', () => compare('gpt-4o', withSettings(ALL_OPTIONS)));

  // Reasoning models: sampling settings, penalties, logit bias and logprobs dropped with a
  // warning each; system → developer; maxOutputTokens → max_completion_tokens.
  for (const modelId of ['gpt-5', 'o3-mini', 'o1', 'gpt-5-nano']) {
    it(`${modelId}: reasoning-model rules`, () =>
      compare(modelId, withSettings({ logitBias: { 1: 2 }, logprobs: true, reasoningEffort: 'minimal', serviceTier: 'priority', parallelToolCalls: true })));
  }

  it('gpt-5 with maxCompletionTokens: it wins over maxOutputTokens', () => compare('gpt-5', withSettings({ maxCompletionTokens: 64 })));

  // reasoningEffort 'none' on gpt-5.1+ keeps temperature, topP and logprobs (penalties still go).
  it("gpt-5.1 with reasoningEffort 'none' keeps temperature", () =>
    compare('gpt-5.1', withSettings({ reasoningEffort: 'none', logprobs: 2, logitBias: { 1: 2 } })));
  it("gpt-5 with reasoningEffort 'none' still drops temperature (not gpt-5.1+)", () => compare('gpt-5', withSettings({ reasoningEffort: 'none' })));

  // gpt-5-chat-latest is not a reasoning model and has no priority or flex processing.
  it('gpt-5-chat-latest: not a reasoning model, priority dropped', () => compare('gpt-5-chat-latest', withSettings({ serviceTier: 'priority' })));
  it("serviceTier 'flex' on gpt-4o is dropped with a warning", () => compare('gpt-4o', withSettings({ serviceTier: 'flex' })));
  it("serviceTier 'flex' on o3 is sent", () => compare('o3', withSettings({ serviceTier: 'flex' })));
  it('gpt-4o-search-preview drops temperature', () => compare('gpt-4o-search-preview', withSettings({})));
  // GPT-6: only its own reasoning efforts, and promptCacheRetention gives way to promptCacheOptions.
  it('gpt-6: unsupported reasoning effort and promptCacheRetention dropped', () =>
    compare('gpt-6', withSettings({ reasoningEffort: 'minimal', promptCacheRetention: '24h', promptCacheOptions: { ttl: '30m' } })));
  it('logprobs: true → top_logprobs 0; an unknown model id is not a reasoning model', () => compare('my-finetune', withSettings({ logprobs: true })));
  it('an invalid provider option rejects as ai@5 (InvalidArgumentError)', () => compare('gpt-4o', withSettings({ serviceTier: 'turbo' })));
});

describe('tools as @ai-sdk/openai chat', () => {
  // structuredOutputs defaults to true, strictJsonSchema to false: `strict: false` on each tool.
  it('function tools get strict: false by default', () => compare('gpt-4o', (lib) => ({ prompt: 'Weather?', tools: tools(lib) })));
  it('strictJsonSchema: true → strict: true', () => compare('gpt-4o', (lib) => ({ prompt: 'Weather?', tools: tools(lib), providerOptions: { openai: { strictJsonSchema: true } } })));
  it('structuredOutputs: false → no strict', () => compare('gpt-4o', (lib) => ({ prompt: 'Weather?', tools: tools(lib), providerOptions: { openai: { structuredOutputs: false, strictJsonSchema: true } } })));
  for (const toolChoice of ['auto', 'none', 'required', { type: 'tool', toolName: 'weather' }]) {
    it(`toolChoice ${JSON.stringify(toolChoice)}`, () => compare('gpt-4o', (lib) => ({ prompt: 'Weather?', tools: tools(lib), toolChoice })));
  }
  // A provider-defined tool is not a chat tool: an unsupported-tool warning, the rest is sent.
  it('a provider-defined tool is dropped with an unsupported-tool warning', () =>
    compare('gpt-4o', (lib) => ({ prompt: 'Weather?', tools: { weather: weather(lib), web_search: { type: 'provider-defined', id: 'openai.web_search_preview', name: 'web_search', args: {} } } })));
});

const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB';
const bytes = (...b) => new Uint8Array(b);
const user = (...content) => ({ role: 'user', content });

describe('messages as convertToOpenAIChatMessages', () => {
  const cases = {
    // A lone text part is sent as a plain string; several parts as an array.
    'system and a single user text (a string)': [{ role: 'system', content: 'be brief' }, user({ type: 'text', text: 'Hi' })],
    'user text + images: base64 (detail low), data URL, URL object and string, Uint8Array, unknown bytes (image/* → image/jpeg)': [user(
      { type: 'text', text: 'look' },
      { type: 'image', image: PNG_B64, providerOptions: { openai: { imageDetail: 'low' } } },
      { type: 'image', image: `data:image/webp;base64,${PNG_B64}` },
      { type: 'image', image: new URL('https://example.com/cat.png') },
      { type: 'image', image: 'https://example.com/dog.jpg', providerOptions: { openai: { imageDetail: 'high' } } },
      { type: 'image', image: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
      { type: 'image', image: bytes(1, 2, 3, 4) },
      { type: 'file', data: PNG_B64, mediaType: 'image/png' },
    )],
    // Without a filename the PDF is named after its index in the message (part-N.pdf); a
    // string starting with `file-` is an uploaded file id.
    'PDF files (filename, part-N.pdf, file id)': [user(
      { type: 'text', text: 'read' },
      { type: 'file', data: bytes(0x25, 0x50, 0x44, 0x46, 0x2d), mediaType: 'application/pdf', filename: 'doc.pdf' },
      { type: 'file', data: bytes(0x25, 0x50, 0x44, 0x46, 0x2d), mediaType: 'application/pdf' },
      { type: 'file', data: 'file-abc123', mediaType: 'application/pdf' },
    )],
    'audio: wav, mp3 (audio/mpeg and audio/mp3)': [user(
      { type: 'file', data: bytes(0x52, 0x49, 0x46, 0x46), mediaType: 'audio/wav' },
      { type: 'file', data: 'SUQzBAAAAAAAI1RTU0UAAAAPAAAD', mediaType: 'audio/mpeg' },
      { type: 'file', data: 'SUQzBAAAAAAAI1RTU0UAAAAPAAAD', mediaType: 'audio/mp3' },
    )],
    // Reasoning is never sent back on Chat Completions; text parts are joined; an assistant
    // with tool calls and no text sends `content: null`.
    'assistant text + reasoning + tool calls, and tool results of every output type': [
      user({ type: 'text', text: 'Weather in Paris and Rome?' }),
      { role: 'assistant', content: [
        { type: 'reasoning', text: 'I should call the tool' },
        { type: 'text', text: 'Calling ' }, { type: 'text', text: 'tools.' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: { location: 'Paris' } },
        { type: 'tool-call', toolCallId: 'call_2', toolName: 'weather', input: { location: 'Rome' } },
      ] },
      { role: 'tool', content: [
        { type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', output: { type: 'text', value: 'sunny' } },
        { type: 'tool-result', toolCallId: 'call_2', toolName: 'weather', output: { type: 'json', value: { temp: 21, unit: 'C' } } },
      ] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_3', toolName: 'weather', input: { location: 'Oslo' } }] },
      { role: 'tool', content: [
        { type: 'tool-result', toolCallId: 'call_3', toolName: 'weather', output: { type: 'error-text', value: 'timeout' } },
      ] },
      { role: 'assistant', content: [
        { type: 'tool-call', toolCallId: 'call_4', toolName: 'weather', input: { location: 'Bern' } },
        { type: 'tool-call', toolCallId: 'call_5', toolName: 'weather', input: { location: 'Nice' } },
      ] },
      { role: 'tool', content: [
        { type: 'tool-result', toolCallId: 'call_4', toolName: 'weather', output: { type: 'content', value: [{ type: 'text', text: 'cloudy' }, { type: 'media', data: PNG_B64, mediaType: 'image/png' }] } },
        { type: 'tool-result', toolCallId: 'call_5', toolName: 'weather', output: { type: 'error-json', value: { code: 503 } } },
      ] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'only reasoning' }] },
      user({ type: 'text', text: 'Thanks' }),
    ],
    // promptCacheBreakpoint turns a string content into one text part carrying it.
    'providerOptions.openai.promptCacheBreakpoint on system, user text, assistant text and tool result': [
      { role: 'system', content: 'be brief', providerOptions: { openai: { promptCacheBreakpoint: { mode: 'explicit' } } } },
      user({ type: 'text', text: 'Hi', providerOptions: { openai: { promptCacheBreakpoint: { mode: 'explicit' } } } }),
      { role: 'assistant', content: [
        { type: 'text', text: 'Calling', providerOptions: { openai: { promptCacheBreakpoint: { mode: 'explicit' } } } },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: { location: 'Paris' } },
      ] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', output: { type: 'text', value: 'sunny' }, providerOptions: { openai: { promptCacheBreakpoint: { mode: 'explicit' } } } }] },
    ],
  };
  for (const [name, messages] of Object.entries(cases)) {
    it(name, () => compare('gpt-4o', () => ({ messages })));
  }
  it('system → developer on a reasoning model, with the same messages', () => compare('o4-mini', () => ({ system: 'be brief', messages: cases['assistant text + reasoning + tool calls, and tool results of every output type'] })));

  // Both fail before any request: the error part carries UnsupportedFunctionalityError.
  for (const [name, part] of [
    ['a text/csv file', { type: 'file', data: 'YSxiCjEsMg==', mediaType: 'text/csv' }],
    ['an audio/ogg file', { type: 'file', data: 'T2dnUw==', mediaType: 'audio/ogg' }],
  ]) {
    it(`${name} is rejected with UnsupportedFunctionalityError`, async () => {
      const expected = await compare('gpt-4o', () => ({ messages: [user({ type: 'text', text: 'read' }, part)] }));
      expect(expected.request).toBeUndefined();
      expect(expected.parts.find((p) => p.type === 'error').error.name).toBe('AI_UnsupportedFunctionalityError');
    });
  }
});

const schema = z.object({ city: z.string(), temps: z.array(z.number()), note: z.string().nullable() });
const OBJECT = { city: 'Paris', temps: [21, 19.5], note: null };
const jsonDeltas = (text, u) => sse([chunk({ role: 'assistant', content: '' }), ...text.match(/.{1,7}/g).map((d) => chunk({ content: d })), done('stop'), usage(u)]);

describe('structured output as @ai-sdk/openai chat', () => {
  async function object(lib, createOpenAI, options) {
    server.requests.length = 0;
    const model = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-diff' }).chat('gpt-4o');
    const r = lib.streamObject({ model, prompt: 'Paris?', schema, onError: () => {}, ...options });
    const parts = await collect(r.fullStream);
    const out = { parts, object: await r.object.catch((e) => e), warnings: await r.warnings, usage: await r.usage, providerMetadata: await r.providerMetadata };
    return normalizeForDiff({ ...out, request: server.requests.at(-1)?.body });
  }

  // response_format json_schema, strict false by default and true with strictJsonSchema;
  // structuredOutputs: false → json_object and a responseFormat warning.
  for (const openai of [{}, { strictJsonSchema: true }, { structuredOutputs: false }]) {
    it(`streamObject with ${JSON.stringify(openai)}`, async () => {
      body = jsonDeltas(JSON.stringify(OBJECT));
      const options = { schemaName: 'weather', schemaDescription: 'A forecast', providerOptions: { openai } };
      const expected = await object(ai, aiOpenAI, options);
      const actual = await object(native, native.createOpenAI, options);
      expect(actual.request).toEqual(expected.request);
      expect(actual).toEqual(expected);
    });
    it(`streamText with experimental_output Output.object and ${JSON.stringify(openai)}`, () => {
      body = jsonDeltas(JSON.stringify(OBJECT));
      return compare('gpt-4o', (lib) => ({ prompt: 'Paris?', experimental_output: lib.Output.object({ schema }), providerOptions: { openai } }));
    });
  }

  // ai@5 asks for one JSON completion (doGenerate); a streamed request gets the same answer as SSE.
  it('generateObject', async () => {
    const u = { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21, prompt_tokens_details: { cached_tokens: 2, cache_write_tokens: 3 } };
    whole = { ...HEAD, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(OBJECT) }, finish_reason: 'stop' }], usage: u };
    body = jsonDeltas(JSON.stringify(OBJECT), u);
    try {
      const got = {};
      for (const [lib, createOpenAI] of [[ai, aiOpenAI], [native, native.createOpenAI]]) {
        server.requests.length = 0;
        const r = await lib.generateObject({ model: createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-diff' }).chat('gpt-4o'), schema, prompt: 'Paris?' });
        // The AI SDK's generateObject does not stream; a streamed request differs by `stream` only.
        const { stream, stream_options, ...request } = server.requests.at(-1).body;
        got[lib === ai ? 'ai' : 'native'] = normalizeForDiff({ object: r.object, finishReason: r.finishReason, usage: r.usage, warnings: r.warnings, providerMetadata: r.providerMetadata, request });
      }
      expect(got.native).toEqual(got.ai);
    } finally {
      whole = null;
    }
  });
});

describe('stream parts as @ai-sdk/openai chat', () => {
  const ask = (lib) => ({ prompt: 'Hi', tools: tools(lib) });
  const from = (chunks) => { body = sse(chunks); };

  it('fixture openai__chat_openai-text', () => {
    body = fixtureBody('openai__chat_openai-text.chunks.txt');
    return compare('gpt-4.1-nano', ask);
  });
  // Azure's model router: a content-filter preamble (empty id/model, created 0, no choices) first.
  it('fixture openai__chat_azure-model-router.1', () => {
    body = fixtureBody('openai__chat_azure-model-router.1.chunks.txt');
    return compare('model-router', ask);
  });

  // @ai-sdk/openai's chunk schema has no reasoning_content: those deltas are dropped, and an
  // empty first content delta opens the text. created: 0 → the response time is "now".
  it('reasoning_content deltas are ignored; empty first delta; created 0', async () => {
    const head = { ...HEAD, created: 0 };
    from([chunk({ role: 'assistant', content: '' }, {}, head), chunk({ reasoning_content: 'Let me think' }, {}, head),
      chunk({ reasoning_content: ' more.' }, {}, head), chunk({ content: 'Answer.' }, {}, head), done('stop', head), usage(undefined, head)]);
    const expected = await compare('gpt-4o', ask);
    expect(expected.settled.reasoningText).toBeUndefined();
    expect(expected.settled.responseTime).toBe('now');
  });

  it('a stream without id, model or created: no response metadata', () =>
    (from([{ choices: [{ index: 0, delta: { content: 'Hi' } }] }, { choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }]), compare('gpt-4o', ask)));

  it('an Azure content-filter preamble chunk', () => {
    const preamble = { id: '', object: '', created: 0, model: '', choices: [],
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } }] };
    from([preamble, chunk({ role: 'assistant', content: 'Filtered' }, { content_filter_results: {} }), done('content_filter'), usage()]);
    return compare('gpt-4o', ask);
  });

  it('url_citation annotations become source parts', () => {
    const cite = (url, title) => ({ type: 'url_citation', url_citation: { start_index: 0, end_index: 5, url, title } });
    from([chunk({ role: 'assistant', content: 'Paris' }), chunk({ content: ' is sunny.', annotations: [cite('https://example.com/a', 'A'), cite('https://example.com/b', 'B')] }),
      chunk({ annotations: [cite('https://example.com/c', 'C')] }), done('stop'), usage()]);
    return compare('gpt-4o-search-preview', ask, { mapIds: true });
  });

  // cache_write_tokens → providerMetadata.openai.usage.cacheWriteTokens, accepted/rejected
  // prediction tokens beside it; logprobs are the last chunk's (not accumulated).
  it('usage details and choice logprobs reach providerMetadata', () => {
    const lp = (token, logprob) => ({ content: [{ token, logprob, top_logprobs: [{ token, logprob }, { token: 'x', logprob: -5 }] }] });
    from([chunk({ role: 'assistant', content: 'Hi' }, { logprobs: lp('Hi', -0.1) }), chunk({ content: '!' }, { logprobs: lp('!', -0.5) }), done('stop'),
      usage({ prompt_tokens: 40, completion_tokens: 9, total_tokens: 49, prompt_tokens_details: { cached_tokens: 8, cache_write_tokens: 30 },
        completion_tokens_details: { reasoning_tokens: 2, accepted_prediction_tokens: 3, rejected_prediction_tokens: 1 } })]);
    return compare('gpt-4o', (lib) => ({ ...ask(lib), providerOptions: { openai: { logprobs: 2 } } }));
  });

  it('a tool call streamed in pieces', () => {
    const tc = (fn, extra = {}) => chunk({ tool_calls: [{ index: 0, function: fn, ...extra }] });
    from([chunk({ role: 'assistant', content: null }), tc({ name: 'weather', arguments: '' }, { id: 'call_1', type: 'function' }),
      tc({ arguments: '{"loc' }), tc({ arguments: 'ation": ' }), tc({ arguments: '"Paris"}' }), done('tool_calls'), usage()]);
    return compare('gpt-4o', ask);
  });

  it('two parallel tool calls, interleaved, after some text', () => {
    const tc = (index, fn, extra = {}) => chunk({ tool_calls: [{ index, function: fn, ...extra }] });
    from([chunk({ role: 'assistant', content: 'Checking.' }),
      tc(0, { name: 'weather', arguments: '{"location":' }, { id: 'call_a', type: 'function' }),
      tc(1, { name: 'calc', arguments: '' }, { id: 'call_b', type: 'function' }),
      tc(1, { arguments: '{"expr":"1+1"}' }), tc(0, { arguments: '"Rome"}' }), done('tool_calls'), usage()]);
    return compare('gpt-4o', ask);
  });

  // An `error` chunk is an error part and finish reason "error"; the stream is read on, and a
  // later finish_reason replaces it.
  const ERROR = { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } };
  it('an error chunk mid-stream', () =>
    (from([chunk({ role: 'assistant', content: 'Hel' }), ERROR, chunk({ content: 'lo' }), usage()]), compare('gpt-4o', ask)));
  it('an error chunk mid-stream, then a finish_reason', () =>
    (from([chunk({ role: 'assistant', content: 'Hel' }), ERROR, chunk({ content: 'lo' }), done('stop'), usage()]), compare('gpt-4o', ask)));

  // A chunk that fails the schema: an AI_TypeValidationError part with the chunk as `value`
  // ("Type validation failed: Value: {…}.\nError message: " then zod's issues in ai@5, serde's
  // wording here), finish reason "error", and the stream reads on.
  it('a chunk that fails the chunk schema (choices: "x")', () =>
    (from([chunk({ role: 'assistant', content: 'Hel' }), { ...HEAD, choices: 'x' }, chunk({ content: 'lo' }), usage()]), compare('gpt-4o', ask, { parserWording: true })));
});
