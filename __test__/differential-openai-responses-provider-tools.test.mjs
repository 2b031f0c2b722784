// OpenAI's own Responses tools against ai@5 + @ai-sdk/openai 2.0.131 on the same local server: the
// request's `tools` / `include` / `tool_choice` and warnings for every `openai.tools.*` factory,
// the provider-executed calls and results the stream decodes (web search, file search, code
// interpreter with its code deltas, image generation), the client-run local shell, citations as
// source parts, items 2.0.131 does not know (MCP), how those turns go back into the history
// (store on and off), and a provider-executed call of a tool the call did not declare.
// vercel/ai's recorded transcripts where they exist (fixtures/ai-sdk/openai__responses_openai-*),
// inline transcripts for the shapes they lack.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createOpenAI as aiOpenAI, openai as aiDefaultOpenAI } from '@ai-sdk/openai';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

let body = '';
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 113 }));
afterAll(() => server.close());

// --- inline Responses transcripts -------------------------------------------------------------

const RESPONSE = { id: 'resp_tools', object: 'response', created_at: 1770000000, model: 'gpt-5-2025-08-07', status: 'in_progress', output: [] };
const USAGE = { input_tokens: 20, input_tokens_details: { cached_tokens: 4 }, output_tokens: 10, output_tokens_details: { reasoning_tokens: 2 }, total_tokens: 30 };
/** An SSE body: response.created, the events, response.completed (the fixtures' `data:` framing). */
const transcript = (...events) => [
  { type: 'response.created', response: RESPONSE },
  ...events.flat(),
  { type: 'response.completed', response: { ...RESPONSE, status: 'completed', usage: USAGE } },
].map((e, i) => `data: ${JSON.stringify({ ...e, sequence_number: i })}\n\n`).join('');
const added = (output_index, item) => ({ type: 'response.output_item.added', output_index, item });
const done = (output_index, item) => ({ type: 'response.output_item.done', output_index, item });
const message = (output_index, id, deltas, annotations = []) => [
  added(output_index, { type: 'message', id, status: 'in_progress', role: 'assistant', content: [] }),
  ...deltas.map((delta) => ({ type: 'response.output_text.delta', item_id: id, output_index, content_index: 0, delta, logprobs: [] })),
  ...annotations.map((annotation, annotation_index) => ({ type: 'response.output_text.annotation.added', item_id: id, output_index, content_index: 0, annotation_index, annotation })),
  done(output_index, { type: 'message', id, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: deltas.join(''), annotations }] }),
];
const webSearchCall = (output_index, id, action) => [
  added(output_index, { id, type: 'web_search_call', status: 'in_progress' }),
  ...['in_progress', 'searching', 'completed'].map((s) => ({ type: `response.web_search_call.${s}`, output_index, item_id: id })),
  done(output_index, { id, type: 'web_search_call', status: 'completed', ...(action !== undefined && { action }) }),
];
const fileSearchCall = (output_index, id, queries, results) => [
  added(output_index, { id, type: 'file_search_call', status: 'in_progress', queries: [], results: null }),
  done(output_index, { id, type: 'file_search_call', status: 'completed', queries, results }),
];
const codeInterpreterCall = (output_index, id, container_id, deltas, outputs) => [
  added(output_index, { id, type: 'code_interpreter_call', status: 'in_progress', code: '', container_id, outputs: [] }),
  ...deltas.map((delta) => ({ type: 'response.code_interpreter_call_code.delta', output_index, item_id: id, delta })),
  { type: 'response.code_interpreter_call_code.done', output_index, item_id: id, code: deltas.join('') },
  done(output_index, { id, type: 'code_interpreter_call', status: 'completed', code: deltas.join(''), container_id, outputs }),
];
const imageGenerationCall = (output_index, id, result) => [
  added(output_index, { id, type: 'image_generation_call', status: 'in_progress' }),
  { type: 'response.image_generation_call.partial_image', output_index, item_id: id, partial_image_index: 0, partial_image_b64: 'UklGRg==' },
  done(output_index, { id, type: 'image_generation_call', status: 'completed', output_format: 'png', result, revised_prompt: 'a cat' }),
];
const TEXT = transcript(message(0, 'msg_ok', ['ok']));

// --- the runs ---------------------------------------------------------------------------------

async function run(lib, createOpenAI, modelId, options) {
  server.requests.length = 0;
  const provider = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-tools-diff' });
  const result = lib.streamText({ model: provider.responses(modelId), onError: () => {}, ...options(provider, lib) });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'finishReason', 'toolCalls', 'toolResults', 'sources', 'files', 'content', 'warnings']) {
    settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name, message: e.message }));
  }
  const messages = await result.response.then((r) => r.messages, (e) => ({ rejected: e.name }));
  settled.responseMessages = messages;
  const normal = normalizeForDiff({ parts, settled, request: server.requests.at(-1)?.body }, { mapIds: true, parserWording: true });
  return { normal, messages };
}

/**
 * Runs ai@5 then llm-native on `sse` (a fixture name or an SSE body); `adjust` turns ai@5's run
 * into what llm-native must produce where the two differ on purpose (case 7 only).
 */
async function compare(sse, modelId, options, adjust = (x) => x) {
  body = sse.startsWith('data:') ? sse : fixtureBody(sse);
  const { normal: aiRun, messages } = await run(ai, aiOpenAI, modelId, options);
  const expected = adjust(aiRun);
  const { normal: actual } = await run(native, native.createOpenAI, modelId, options);
  expect(actual.request).toEqual(expected.request);
  expect(actual.settled.warnings).toEqual(expected.settled.warnings);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.settled).toEqual(expected.settled);
  return { expected: aiRun, actual, messages };
}

const weather = (lib) => lib.tool({ description: 'Weather', inputSchema: lib.jsonSchema({ type: 'object', properties: { city: { type: 'string' } } }) });

// --- (1) the factories and the request entries ------------------------------------------------

const FACTORIES = [
  ['webSearch, no args', (t) => ({ web_search: t.webSearch() })],
  ['webSearch, every arg', (t) => ({ web_search: t.webSearch({
    externalWebAccess: false, filters: { allowedDomains: ['a.example'], blockedDomains: ['b.example'] }, searchContextSize: 'high',
    userLocation: { type: 'approximate', country: 'GB', city: 'London', region: 'England', timezone: 'Europe/London' },
  }) })],
  ['webSearch, empty filters', (t) => ({ web_search: t.webSearch({ filters: {} }) })],
  ['webSearchPreview, empty args', (t) => ({ web_search_preview: t.webSearchPreview({}) })],
  ['webSearchPreview, every arg', (t) => ({ web_search_preview: t.webSearchPreview({ searchContextSize: 'low', userLocation: { type: 'approximate', city: 'Paris' } }) })],
  ['fileSearch, vector stores only', (t) => ({ file_search: t.fileSearch({ vectorStoreIds: ['vs_1'] }) })],
  ['fileSearch, every arg (compound filter)', (t) => ({ file_search: t.fileSearch({
    vectorStoreIds: ['vs_1', 'vs_2'], maxNumResults: 5, ranking: { ranker: 'auto', scoreThreshold: 0.5 },
    filters: { type: 'and', filters: [{ key: 'author', type: 'eq', value: 'x' }, { type: 'or', filters: [{ key: 'year', type: 'gte', value: 2020 }, { key: 'tag', type: 'in', value: ['a', 'b'] }] }] },
  }) })],
  ['fileSearch, comparison filter and an empty ranking', (t) => ({ file_search: t.fileSearch({ vectorStoreIds: ['vs_1'], ranking: {}, filters: { key: 'draft', type: 'ne', value: true } }) })],
  ['codeInterpreter, no args', (t) => ({ code_interpreter: t.codeInterpreter() })],
  ['codeInterpreter, a container id', (t) => ({ code_interpreter: t.codeInterpreter({ container: 'cntr_1' }) })],
  ['codeInterpreter, file ids', (t) => ({ code_interpreter: t.codeInterpreter({ container: { fileIds: ['file-1', 'file-2'] } }) })],
  ['codeInterpreter, an empty container object', (t) => ({ code_interpreter: t.codeInterpreter({ container: {} }) })],
  ['imageGeneration, no args', (t) => ({ image_generation: t.imageGeneration() })],
  // partialImages is an arg 2.0.131 accepts and never sends.
  ['imageGeneration, every arg', (t) => ({ image_generation: t.imageGeneration({
    background: 'transparent', inputFidelity: 'high', inputImageMask: { fileId: 'file-m', imageUrl: 'https://x.example/m.png' }, model: 'gpt-image-1',
    moderation: 'auto', outputCompression: 80, outputFormat: 'jpeg', partialImages: 2, quality: 'high', size: '1024x1536',
  }) })],
  ['localShell', (t) => ({ local_shell: t.localShell({}) })],
];

// A provider-defined tool of another provider: 2.0.131's switch on `id` has no default, so it is
// dropped without a warning (the request keeps `tools: []`).
const foreignTool = { type: 'provider-defined', id: 'anthropic.web_search_20250305', name: 'web_search', args: { maxUses: 2 } };

describe('OpenAI Responses provider-defined tools as @ai-sdk/openai 2.0.131', () => {
  it('the tools record: same factories, and each returns the same provider-defined tool', () => {
    const aiTools = aiOpenAI({ apiKey: 'k' }).tools;
    const nativeTools = native.createOpenAI({ apiKey: 'k' }).tools;
    expect(aiDefaultOpenAI.tools).toBe(aiTools); // one `openaiTools` object in 2.0.131
    expect(Object.keys(native.openai.tools).sort()).toEqual(Object.keys(aiTools).sort());
    expect(Object.keys(nativeTools).sort()).toEqual(Object.keys(aiTools).sort());
    const shape = ({ type, id, name, args }) => ({ type, id, name, args });
    for (const [label, make] of FACTORIES) {
      expect([label, Object.values(make(nativeTools)).map(shape)]).toEqual([label, Object.values(make(aiTools)).map(shape)]);
      expect([label, Object.values(make(native.openai.tools)).map(shape)]).toEqual([label, Object.values(make(aiTools)).map(shape)]);
    }
  });

  for (const [label, make] of FACTORIES) {
    it(`request entry: ${label}`, () => compare(TEXT, 'gpt-5', (p) => ({ prompt: 'hi', tools: make(p.tools) })));
  }

  it('every provider tool with a function tool: both include entries, in order', () =>
    compare(TEXT, 'gpt-5', (p, lib) => ({ prompt: 'hi', tools: {
      weather: weather(lib), code_interpreter: p.tools.codeInterpreter(), web_search: p.tools.webSearch({}), file_search: p.tools.fileSearch({ vectorStoreIds: ['vs_1'] }),
      image_generation: p.tools.imageGeneration(), local_shell: p.tools.localShell({}), web_search_preview: p.tools.webSearchPreview({}),
    } })));

  it('include from providerOptions is kept first, and not repeated', () =>
    compare(TEXT, 'gpt-5', (p) => ({ prompt: 'hi',
      tools: { web_search: p.tools.webSearch({}), code_interpreter: p.tools.codeInterpreter() },
      providerOptions: { openai: { store: false, include: ['file_search_call.results', 'reasoning.encrypted_content'] } } })));

  // The option's enum has three values; ai@5 rejects a tool's include key there ("invalid openai
  // provider options"). llm-native sends it, once, and leaves the judgement to the API (migration.md).
  it('providerOptions include naming web_search_call.action.sources: ai@5 rejects it, llm-native sends it once', async () => {
    body = TEXT;
    const options = (p) => ({ prompt: 'hi', tools: { web_search: p.tools.webSearch({}) },
      providerOptions: { openai: { include: ['web_search_call.action.sources'] } } });
    const { normal: aiRun } = await run(ai, aiOpenAI, 'gpt-5', options);
    expect(aiRun.settled.text.rejected).toBeDefined();
    const { normal: actual } = await run(native, native.createOpenAI, 'gpt-5', options);
    expect(actual.request.include).toEqual(['web_search_call.action.sources']);
  });

  it('store: false on a reasoning model adds reasoning.encrypted_content after the tools\' entries', () =>
    compare(TEXT, 'gpt-5', (p) => ({ prompt: 'hi', tools: { web_search: p.tools.webSearch({}) }, providerOptions: { openai: { store: false } } })));

  for (const toolName of ['web_search', 'web_search_preview', 'file_search', 'code_interpreter', 'image_generation', 'local_shell', 'search']) {
    // The five built-in names become `{ type: name }`; any other name (local_shell, or a web
    // search tool keyed `search`) a function choice.
    it(`toolChoice naming a provider tool: ${toolName}`, () =>
      compare(TEXT, 'gpt-5', (p) => ({ prompt: 'hi', toolChoice: { type: 'tool', toolName }, tools: {
        web_search: p.tools.webSearch({}), web_search_preview: p.tools.webSearchPreview({}), file_search: p.tools.fileSearch({ vectorStoreIds: ['vs_1'] }),
        code_interpreter: p.tools.codeInterpreter(), image_generation: p.tools.imageGeneration(), local_shell: p.tools.localShell({}), search: p.tools.webSearch({}),
      } })));
  }

  for (const toolChoice of ['required', 'none']) {
    it(`toolChoice ${toolChoice} with provider tools`, () =>
      compare(TEXT, 'gpt-5', (p) => ({ prompt: 'hi', toolChoice, tools: { web_search: p.tools.webSearch({}), file_search: p.tools.fileSearch({ vectorStoreIds: ['vs_1'] }) } })));
  }

  it('a provider-defined tool of another provider is dropped without a warning', () =>
    compare(TEXT, 'gpt-5', () => ({ prompt: 'hi', tools: { web_search: foreignTool } })));

  // ai@5 checks the args with zod: the call fails before any request (an error part, rejected
  // promises). llm-native sends the tool as given and the API answers with its own error
  // (migration.md): here the entry is in the body.
  for (const [label, make, type] of [
    ['imageGeneration with an unknown size', (t) => t.imageGeneration({ size: '42x42' }), 'image_generation'],
    ['webSearch with an unknown context size', (t) => t.webSearch({ searchContextSize: 'huge' }), 'web_search'],
    ['fileSearch without vectorStoreIds', (t) => t.fileSearch({ maxNumResults: 3 }), 'file_search'],
  ]) {
    it(`args ai@5's schema refuses: ${label}`, async () => {
      body = TEXT;
      const options = (p) => ({ prompt: 'hi', tools: { tool: make(p.tools) } });
      const { normal: aiRun } = await run(ai, aiOpenAI, 'gpt-5', options);
      expect(aiRun.request).toBeUndefined();
      expect(aiRun.parts.some((p) => p.type === 'error' && p.error.name === 'AI_TypeValidationError')).toBe(true);
      const { normal: actual } = await run(native, native.createOpenAI, 'gpt-5', options);
      expect(actual.request.tools.map((t) => t.type)).toEqual([type]);
    });
  }

  // --- (2) web search ---------------------------------------------------------------------------

  it('web search (vercel/ai transcript): six calls, each action kind, url_citation sources and the annotations on text-end', () =>
    compare('openai__responses_openai-web-search-tool.1.chunks.txt', 'gpt-5-mini', (p) => ({
      prompt: 'What happened in tech news today?',
      tools: { web_search: p.tools.webSearch({ searchContextSize: 'medium', userLocation: { type: 'approximate', country: 'US' } }) },
    })));

  const WEB_SEARCH_ACTIONS = transcript(
    webSearchCall(0, 'ws_1', { type: 'search', query: 'cats', sources: [{ type: 'url', url: 'https://a.example/cats' }, { type: 'api', name: 'oai-weather' }] }),
    webSearchCall(1, 'ws_2', { type: 'search', query: null }),
    webSearchCall(2, 'ws_3', { type: 'open_page', url: 'https://a.example/cats' }),
    webSearchCall(3, 'ws_4', { type: 'find_in_page', url: 'https://a.example/cats', pattern: 'purr' }),
    webSearchCall(4, 'ws_5', null),
    webSearchCall(5, 'ws_6', undefined),
    message(6, 'msg_1', ['Cats ', 'purr.'], [{ type: 'url_citation', start_index: 0, end_index: 4, url: 'https://a.example/cats', title: 'Cats' }]),
  );

  // The calls take the tools record's key of the first web search tool, here `search`.
  it('web search keyed `search` (webSearchPreview): every action shape, sources only from annotations', () =>
    compare(WEB_SEARCH_ACTIONS, 'gpt-5', (p) => ({ prompt: 'cats?', tools: { search: p.tools.webSearchPreview({}) } })));

  it('two web search tools: the first one\'s key names the calls', () =>
    compare(WEB_SEARCH_ACTIONS, 'gpt-5', (p) => ({ prompt: 'cats?', tools: { first: p.tools.webSearch({}), second: p.tools.webSearchPreview({}) } })));

  // ai@5 puts the decoder's one `ongoingAnnotations` array into each text-end's providerMetadata
  // and empties it in place (`splice(0)`) when the next message item starts, so once the stream
  // is over a message followed by another shows `annotations: []` (in the parts, content and
  // response.messages). Parts from Rust cannot alias: llm-native's text-end keeps its message's
  // own annotations (what ai@5's part held when it was emitted), as parsed by 2.0.131's schema
  // (url_citation and file_citation only, unknown keys stripped).
  const URL_A = { type: 'url_citation', start_index: 0, end_index: 3, url: 'https://a.example/1', title: 'A' };
  const FILE_Q = { type: 'file_citation', file_id: 'file-q', filename: 'notes.txt', index: 4, quote: 'the quoted text' };
  const FILE_N = { type: 'file_citation', file_id: 'file-n', index: 5 };
  const URL_B = { type: 'url_citation', start_index: 0, end_index: 5, url: 'https://b.example/3', title: 'B' };
  const withOwnAnnotations = (byItemId) => (run) => {
    const fix = (v) => {
      if (Array.isArray(v)) return v.map(fix);
      if (!v || typeof v !== 'object') return v;
      const out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fix(x)]));
      const own = byItemId[out.openai?.itemId];
      return own && Array.isArray(out.openai.annotations) ? { ...out, openai: { ...out.openai, annotations: own } } : out;
    };
    return fix(run);
  };
  it('citations: url and file citations are sources, container_file_citation and file_path are dropped, each message has its own annotations', () =>
    compare(transcript(
      message(0, 'msg_1', ['One ', 'two.'], [
        { ...URL_A, extra: 'stripped' }, FILE_Q, FILE_N,
        { type: 'container_file_citation', container_id: 'cntr_1', file_id: 'cfile_1', filename: 'out.csv', start_index: 0, end_index: 3 },
        { type: 'file_path', file_id: 'file-p', index: 6 },
      ]),
      message(1, 'msg_2', ['Three.'], [URL_B]),
      message(2, 'msg_3', ['Four.']),
    ), 'gpt-5', (p) => ({ prompt: 'cite', tools: { web_search: p.tools.webSearch({}), file_search: p.tools.fileSearch({ vectorStoreIds: ['vs_1'] }) } }),
    withOwnAnnotations({ msg_1: [URL_A, FILE_Q, FILE_N], msg_2: [URL_B] })));

  // --- (3) file search ----------------------------------------------------------------------------

  it('file search (vercel/ai transcript) with results, and file_citation sources', () =>
    compare('openai__responses_openai-file-search-tool.2.chunks.txt', 'gpt-5-mini', (p) => ({
      prompt: 'What is an embedding model according to this document?',
      tools: { file_search: p.tools.fileSearch({ vectorStoreIds: ['vs_68caad8bd5d88191ab766cf043d89a18'], maxNumResults: 20, ranking: { ranker: 'auto', scoreThreshold: 0 } }) },
      providerOptions: { openai: { include: ['file_search_call.results'] } },
    })));

  it('file search (vercel/ai transcript) without results (results: null)', () =>
    compare('openai__responses_openai-file-search-tool.1.chunks.txt', 'gpt-5-mini', (p) => ({
      prompt: 'What is an embedding model according to this document?',
      tools: { file_search: p.tools.fileSearch({ vectorStoreIds: ['vs_68caad8bd5d88191ab766cf043d89a18'] }) },
    })));

  // --- (4) code interpreter -------------------------------------------------------------------

  it('code interpreter (vercel/ai transcript): code deltas as tool input, outputs as the result', () =>
    compare('openai__responses_openai-code-interpreter-tool.1.chunks.txt', 'gpt-5-nano', (p) => ({
      prompt: 'Simulate rolling two dice 10000 times and provide the sums as a csv file.',
      tools: { code_interpreter: p.tools.codeInterpreter() },
    })));

  // Each code delta is escaped with JSON.stringify(delta).slice(1, -1) into the input JSON text.
  it('code interpreter: code deltas with quotes, backslashes, control characters and non-ASCII; image and null outputs', () =>
    compare(transcript(
      codeInterpreterCall(0, 'ci_1', 'cntr_9', ['print("a\\tb")\n', 'x = \'\u0001\u001f\u007f\'\t# é ✓ 😀\r\n', '\u2028\\'], [{ type: 'logs', logs: 'a\tb\n' }, { type: 'image', url: 'https://files.example/plot.png' }]),
      codeInterpreterCall(1, 'ci_2', 'cntr_9', [], null),
      message(2, 'msg_1', ['Done.']),
    ), 'gpt-5', (p) => ({ prompt: 'plot', tools: { code_interpreter: p.tools.codeInterpreter({ container: 'cntr_9' }) } })));

  // --- (5) image generation, local shell, MCP -----------------------------------------------------

  it('image generation (vercel/ai transcript): the base64 result is a tool result, no file part; partial images ignored', () =>
    compare('openai__responses_openai-image-generation-tool.1.chunks.txt', 'gpt-5', (p) => ({
      prompt: 'Generate an image of an echidna swimming across the Mozambique Channel.',
      tools: { image_generation: p.tools.imageGeneration({ outputFormat: 'webp', quality: 'low', outputCompression: 100, background: 'auto', moderation: 'auto', size: 'auto' }) },
    })));

  it('local shell (vercel/ai transcript): a client tool call (not provider-executed) with the item id in providerMetadata', () =>
    compare('openai__responses_openai-local-shell-tool.1.chunks.txt', 'gpt-5-codex', (p) => ({
      prompt: 'List the files in my home directory.', tools: { local_shell: p.tools.localShell({}) },
    })));

  it('local shell with execute: the app runs it and the result is a tool message', () =>
    compare('openai__responses_openai-local-shell-tool.1.chunks.txt', 'gpt-5-codex', (p) => ({
      prompt: 'List the files in my home directory.', tools: { local_shell: p.tools.localShell({ execute: async ({ action }) => ({ output: `ran ${action.command.join(' ')}` }) }) },
    })));

  // 2.0.131 knows no MCP items: mcp_list_tools / mcp_approval_request (and mcp_call) are skipped.
  it('MCP items (vercel/ai transcript) are ignored by 2.0.131', () =>
    compare('openai__responses_openai-mcp-tool-approval.1.chunks.txt', 'gpt-5-mini', () => ({ prompt: 'Shorten the link https://ai-sdk.dev/' })));

  // --- (6) the turns back in the history ----------------------------------------------------------

  for (const store of [undefined, false]) {
    it(`the web search turn goes back as history (store: ${store ?? 'default'})`, async () => {
      const prompt = 'What happened in tech news today?';
      const tools = (p) => ({ web_search: p.tools.webSearch({ searchContextSize: 'medium', userLocation: { type: 'approximate', country: 'US' } }) });
      const first = await compare('openai__responses_openai-web-search-tool.1.chunks.txt', 'gpt-5-mini', (p) => ({ prompt, tools: tools(p) }));
      // ai@5's response messages of that turn, sent back by both (store: item_reference for
      // reasoning, each provider-executed result and the text; store: false: the text as a
      // message with its id, the results left out with a warning each, reasoning without
      // encrypted content dropped with a warning).
      const messages = [{ role: 'user', content: prompt }, ...first.messages, { role: 'user', content: 'And about Vercel?' }];
      await compare(TEXT, 'gpt-5-mini', (p) => ({ messages, tools: tools(p), ...(store === false && { providerOptions: { openai: { store } } }) }));
    });
  }

  for (const store of [true, false]) {
    it(`hand-written history with every provider-executed result (store: ${store})`, () =>
      compare(TEXT, 'gpt-5', (p) => ({
        tools: { code_interpreter: p.tools.codeInterpreter(), file_search: p.tools.fileSearch({ vectorStoreIds: ['vs_1'] }), image_generation: p.tools.imageGeneration(), web_search: p.tools.webSearch({}) },
        providerOptions: { openai: { store } },
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [
            { type: 'tool-call', toolCallId: 'ci_1', toolName: 'code_interpreter', input: { code: 'print(1)', containerId: 'cntr_1' }, providerExecuted: true },
            { type: 'tool-result', toolCallId: 'ci_1', toolName: 'code_interpreter', output: { type: 'json', value: { outputs: [{ type: 'logs', logs: '1\n' }] } }, providerExecuted: true },
            { type: 'tool-call', toolCallId: 'fs_1', toolName: 'file_search', input: {}, providerExecuted: true },
            { type: 'tool-result', toolCallId: 'fs_1', toolName: 'file_search', output: { type: 'json', value: { queries: ['q'], results: null } }, providerExecuted: true },
            { type: 'tool-call', toolCallId: 'ig_1', toolName: 'image_generation', input: {}, providerExecuted: true },
            { type: 'tool-result', toolCallId: 'ig_1', toolName: 'image_generation', output: { type: 'json', value: { result: 'iVBORw0KGgo=' } }, providerExecuted: true },
            { type: 'tool-call', toolCallId: 'ws_1', toolName: 'web_search', input: {}, providerExecuted: true },
            { type: 'tool-result', toolCallId: 'ws_1', toolName: 'web_search', output: { type: 'json', value: { action: { type: 'search', query: 'q' } } }, providerExecuted: true },
            { type: 'text', text: 'Here.', providerOptions: { openai: { itemId: 'msg_1' } } },
            { type: 'text', text: 'No id.' },
          ] },
          { role: 'user', content: 'again' },
        ],
      })));
  }

  for (const store of [true, false]) {
    // With a local_shell tool declared, its calls go back as local_shell_call (or an
    // item_reference when stored) and its results as local_shell_call_output.
    it(`the local shell turn goes back as history (store: ${store})`, async () => {
      const tools = (p) => ({ local_shell: p.tools.localShell({ execute: async () => ({ output: 'a\nb\n' }) }) });
      const prompt = 'List the files in my home directory.';
      const first = await compare('openai__responses_openai-local-shell-tool.1.chunks.txt', 'gpt-5-codex', (p) => ({ prompt, tools: tools(p), providerOptions: { openai: { store } } }));
      const messages = [{ role: 'user', content: prompt }, ...first.messages];
      await compare(TEXT, 'gpt-5-codex', (p) => ({ messages, tools: tools(p), providerOptions: { openai: { store } } }));
    });
  }

  // In a tool message, 2.0.131's loop `break`s after a local_shell result (with a local_shell
  // tool declared): the results after it in the same message are not sent. llm-native sends
  // them (migration.md): ai@5's body with the missing output added.
  it('a local_shell result does not end its tool message: later results are sent', () =>
    compare(TEXT, 'gpt-5-codex', (p, lib) => ({
      tools: { local_shell: p.tools.localShell({}), weather: weather(lib) },
      providerOptions: { openai: { store: false } },
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [
          { type: 'tool-call', toolCallId: 'call_a', toolName: 'weather', input: { city: 'A' } },
          { type: 'tool-call', toolCallId: 'call_ls', toolName: 'local_shell', input: { action: { type: 'exec', command: ['ls'], timeoutMs: 5000, workingDirectory: '/tmp', env: { A: '1' } } } },
          { type: 'tool-call', toolCallId: 'call_b', toolName: 'weather', input: { city: 'B' } },
        ] },
        { role: 'tool', content: [
          { type: 'tool-result', toolCallId: 'call_a', toolName: 'weather', output: { type: 'json', value: { temp: 1 } } },
          { type: 'tool-result', toolCallId: 'call_ls', toolName: 'local_shell', output: { type: 'json', value: { output: 'x\n' } } },
          { type: 'tool-result', toolCallId: 'call_b', toolName: 'weather', output: { type: 'text', value: 'warm' } },
        ] },
      ],
    }), (expected) => {
      const input = expected.request.input;
      const callB = input.filter((i) => i.type === 'function_call').at(-1).call_id; // (ids are mapped)
      expect(input.some((i) => i.call_id === callB && i.type === 'function_call_output')).toBe(false);
      // The body as sent, and as start-step reports it.
      const withOutput = (body) => ({ ...body, input: [...body.input, { type: 'function_call_output', call_id: callB, output: 'warm' }] });
      const parts = expected.parts.map((p) => (p.type === 'start-step' ? { ...p, request: { ...p.request, body: withOutput(p.request.body) } } : p));
      return { ...expected, parts, request: withOutput(expected.request) };
    }));

  // --- (7) a provider-executed call of a tool the call did not declare ----------------------------

  // ai@5 (5.0.277) with a provider-executed tool-call whose name is not in `tools` (2.0.131 names
  // code_interpreter / file_search / image_generation calls by those fixed names, and web search
  // calls by the first web search tool's key, else `web_search`): parseToolCall makes it a dynamic
  // call (`dynamic: true, providerExecuted: true`, no throw), then runToolsTransformation reads
  // `tools[toolName]` — `tools` itself when there are none — and reports the TypeError as an
  // `error` part (one per call; onError sees it, the stream goes on); the provider's tool-result
  // follows as usual, with no `dynamic` and, when `tools` is absent, no `input`.
  // llm-native's expectation, written here on purpose: no error part, and the result carries the
  // call's input and `dynamic: true` like its call. Everything else as ai@5.
  const UNDECLARED = transcript(
    webSearchCall(0, 'ws_1', { type: 'search', query: 'cats', sources: [{ type: 'url', url: 'https://a.example/cats' }] }),
    codeInterpreterCall(1, 'ci_1', 'cntr_1', ['print(', '1)'], [{ type: 'logs', logs: '1\n' }]),
    fileSearchCall(2, 'fs_1', ['cats'], [{ attributes: { a: 1 }, file_id: 'file-1', filename: 'cats.txt', score: 0.5, text: 'Cats purr.' }]),
    imageGenerationCall(3, 'ig_1', 'iVBORw0KGgo='),
    message(4, 'msg_1', ['Cats purr.']),
  );
  function withoutUndeclaredToolCrash(undeclaredCalls) {
    return (run) => {
      const typeErrors = run.parts.filter((p) => p.type === 'error' && p.error?.name === 'TypeError');
      expect(typeErrors.length).toBe(undeclaredCalls); // what ai@5 does, recorded
      const inputs = new Map(run.parts.filter((p) => p.type === 'tool-call').map((p) => [p.toolCallId, p]));
      const fix = (p) => {
        const call = p.type === 'tool-result' && p.providerExecuted ? inputs.get(p.toolCallId) : undefined;
        return call?.dynamic ? { ...p, input: call.input, dynamic: true } : p;
      };
      return {
        ...run,
        parts: run.parts.filter((p) => !typeErrors.includes(p)).map(fix),
        settled: { ...run.settled, toolResults: run.settled.toolResults.map(fix), content: run.settled.content.map(fix) },
      };
    };
  }

  it('undeclared provider tools: no tools at all', () =>
    compare(UNDECLARED, 'gpt-5', () => ({ prompt: 'cats?' }), withoutUndeclaredToolCrash(4)));

  it('undeclared provider tools: only a function tool', () =>
    compare(UNDECLARED, 'gpt-5', (p, lib) => ({ prompt: 'cats?', tools: { weather: weather(lib) } }), withoutUndeclaredToolCrash(4)));

  // The code interpreter keyed `python` and file search keyed `docs`: their calls still say
  // code_interpreter / file_search, which `tools` does not hold; the web search keyed `search`
  // names its calls `search`, so that one is declared.
  it('undeclared provider tools: provider tools under other keys', () =>
    compare(UNDECLARED, 'gpt-5', (p) => ({ prompt: 'cats?', tools: {
      python: p.tools.codeInterpreter(), docs: p.tools.fileSearch({ vectorStoreIds: ['vs_1'] }), search: p.tools.webSearch({}),
    } }), withoutUndeclaredToolCrash(3)));
});
