// Drop-in proof for Anthropic's provider-executed (server) tools: the real `ai@5` +
// `@ai-sdk/anthropic@2.0.112` and llm-native stream the same transcripts from the same local server
// with the tools each library's own `provider.tools.*` factories make. Request bodies (and the
// `anthropic-beta` header), every fullStream part and the promise values must match; the history
// cases send each library's own `response.messages` back and compare the next request.
// (Spec of what is compared: /tmp/anthropic-server-tools-spec.md while this lands.)
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createAnthropic as aiAnthropic, anthropic as aiDefaultAnthropic } from '@ai-sdk/anthropic';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

globalThis.AI_SDK_LOG_WARNINGS = false;

// The server answers streaming requests from `script` in order (the last one repeats) and a
// non-streaming one (ai@5's generateText) with `jsonBody`.
let script = [];
let served = 0;
let jsonBody = null;
const server = await startServer((req, b, res) => {
  if (b?.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jsonBody));
    return;
  }
  return sendSse(res, script[Math.min(served++, script.length - 1)], { chunkSize: 89 });
});
afterAll(() => server.close());

const sse = (events) => events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
const messageStart = (id, usage = { input_tokens: 2100, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 3, service_tier: 'standard' }) => ({
  type: 'message_start',
  message: { id, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [], stop_reason: null, stop_sequence: null, usage },
});
const textBlock = (index, ...deltas) => [
  { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
  ...deltas.map((text) => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })),
  { type: 'content_block_stop', index },
];
const serverToolUse = (index, id, name, ...partialJson) => [
  { type: 'content_block_start', index, content_block: { type: 'server_tool_use', id, name, input: {} } },
  ...partialJson.map((partial_json) => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } })),
  { type: 'content_block_stop', index },
];
const resultBlock = (index, content_block) => [
  { type: 'content_block_start', index, content_block },
  { type: 'content_block_stop', index },
];
const end = (stop_reason = 'end_turn', usage = { input_tokens: 9800, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 210, server_tool_use: { web_search_requests: 1, web_fetch_requests: 0 } }) => [
  { type: 'message_delta', delta: { stop_reason, stop_sequence: null }, usage },
  { type: 'message_stop' },
];
const PLAIN = sse([messageStart('msg_01Plain'), ...textBlock(0, 'Sure, ', 'more on that.'), ...end('end_turn', { output_tokens: 6 })]);

// --- Transcripts -------------------------------------------------------------------------------

const WS_ID = 'srvtoolu_01XJ8Qh3bVw2nKpRt5LmYcAz';
const RUST_BLOG = { url: 'https://blog.rust-lang.org/2025/09/18/Rust-1.90.0/', title: 'Announcing Rust 1.90.0 | Rust Blog' };
const RUST_RELEASES = { url: 'https://github.com/rust-lang/rust/releases', title: 'Releases · rust-lang/rust · GitHub' };
/** (1) Text, a streamed web_search call, two results (one without page_age), cited text, end_turn. */
const WEB_SEARCH = sse([
  messageStart('msg_01WebSearchRust'),
  { type: 'ping' },
  ...textBlock(0, "I'll search for the latest ", 'Rust release.'),
  ...serverToolUse(1, WS_ID, 'web_search', '', '{"query": "lat', 'est Rust rel', 'ease"}'),
  ...resultBlock(2, { type: 'web_search_tool_result', tool_use_id: WS_ID, content: [
    { type: 'web_search_result', title: RUST_BLOG.title, url: RUST_BLOG.url, encrypted_content: 'EqgfCioIARgBIiQ3YTAwMjY1Mi1mZjM5LTQ1NGUtODgxNC05NjM1ZTAzNWE3MjgSDBdZ', page_age: 'September 18, 2025' },
    { type: 'web_search_result', title: RUST_RELEASES.title, url: RUST_RELEASES.url, encrypted_content: 'EpMECioIARgBIiQ3YTAwMjY1Mi1mZjM5LTQ1NGUtODgxNC05NjM1ZTAzNWE3MjgSDKq1' },
  ] }),
  ...textBlock(3, 'The latest stable release is '),
  { type: 'content_block_start', index: 4, content_block: { citations: [], type: 'text', text: '' } },
  { type: 'content_block_delta', index: 4, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', cited_text: 'The Rust team is happy to announce a new version of Rust, 1.90.0. ', url: RUST_BLOG.url, title: RUST_BLOG.title, encrypted_index: 'Eo8BCioIARgBIiQ3YTAwMjY1Mi1mZjM5LTQ1NGUtODgxNC05NjM1ZTAzNWE3MjgSDAbc' } } },
  { type: 'content_block_delta', index: 4, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', cited_text: 'Rust 1.90.0 Latest ', url: RUST_RELEASES.url, title: RUST_RELEASES.title, encrypted_index: 'Eo8BCioIARgBIiQ3YTAwMjY1Mi1mZjM5LTQ1NGUtODgxNC05NjM1ZTAzNWE3MjgSDCde' } } },
  { type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: 'Rust 1.90.0, released on ' } },
  { type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: 'September 18, 2025' } },
  { type: 'content_block_stop', index: 4 },
  ...textBlock(5, '. It makes LLD the default linker on x86_64 Linux.'),
  ...end(),
]);

const CE_ID = 'srvtoolu_01CodeExec0522AbCdEfGhIjKl';
/** code_execution_20250522 (no vercel/ai fixture): a Python `code` call and its result. */
const CODE_EXECUTION_0522 = sse([
  messageStart('msg_01CodeExec0522'),
  ...textBlock(0, 'Let me compute that.'),
  ...serverToolUse(1, CE_ID, 'code_execution', '', '{"code": "import math\\n', 'print(math.factorial(20))"}'),
  ...resultBlock(2, { type: 'code_execution_tool_result', tool_use_id: CE_ID, content: { type: 'code_execution_result', stdout: '2432902008176640000\n', stderr: '', return_code: 0 } }),
  ...textBlock(3, '20! = 2432902008176640000.'),
  ...end('end_turn', { input_tokens: 3100, output_tokens: 120 }),
]);

/** (4) Error results: web_search and web_fetch errors (isError), then text. */
const SEARCH_AND_FETCH_ERRORS = sse([
  messageStart('msg_01Errors'),
  ...serverToolUse(0, 'srvtoolu_01SearchErr', 'web_search', '{"query": "x"}'),
  ...resultBlock(1, { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_01SearchErr', content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } }),
  ...serverToolUse(2, 'srvtoolu_01FetchErr', 'web_fetch', '{"url": "https://exa', 'mple.com/private"}'),
  ...resultBlock(3, { type: 'web_fetch_tool_result', tool_use_id: 'srvtoolu_01FetchErr', content: { type: 'web_fetch_tool_result_error', error_code: 'url_not_accessible' } }),
  ...textBlock(4, 'Neither the search nor the fetch worked.'),
  ...end(),
]);
const CODE_EXECUTION_0522_ERROR = sse([
  messageStart('msg_01CodeErr'),
  ...serverToolUse(0, 'srvtoolu_01CodeErr', 'code_execution', '{"code": "while True: pass"}'),
  ...resultBlock(1, { type: 'code_execution_tool_result', tool_use_id: 'srvtoolu_01CodeErr', content: { type: 'code_execution_tool_result_error', error_code: 'execution_time_exceeded' } }),
  ...textBlock(2, 'That ran too long.'),
  ...end('end_turn', { output_tokens: 30 }),
]);
/** A bash error of code_execution_20250825 is a plain (not isError) result in @ai-sdk/anthropic. */
const BASH_ERROR = sse([
  messageStart('msg_01BashErr'),
  ...serverToolUse(0, 'srvtoolu_01BashErr', 'bash_code_execution', '{"command": "sleep 999"}'),
  ...resultBlock(1, { type: 'bash_code_execution_tool_result', tool_use_id: 'srvtoolu_01BashErr', content: { type: 'bash_code_execution_tool_result_error', error_code: 'execution_time_exceeded' } }),
  ...serverToolUse(2, 'srvtoolu_01ViewOk', 'text_editor_code_execution', '{"command": "view", "path": "/tmp/a.txt"}'),
  ...resultBlock(3, { type: 'text_editor_code_execution_tool_result', tool_use_id: 'srvtoolu_01ViewOk', content: { type: 'text_editor_code_execution_view_result', content: 'hello\n', file_type: 'text', num_lines: 1, start_line: 1, total_lines: 1 } }),
  ...textBlock(4, 'The command timed out; the file says hello.'),
  ...end('end_turn', { output_tokens: 40 }),
]);

/** (5) A web search the model ran with no web_search tool declared. */
const UNDECLARED_ID = 'srvtoolu_01Undeclared';
const UNDECLARED_EVENTS = [
  messageStart('msg_01Undeclared'),
  ...serverToolUse(0, UNDECLARED_ID, 'web_search', '{"query": "weather ber', 'lin"}'),
  ...resultBlock(1, { type: 'web_search_tool_result', tool_use_id: UNDECLARED_ID, content: [
    { type: 'web_search_result', title: 'Berlin weather', url: 'https://weather.example/berlin', encrypted_content: 'EpUBCioIARgB', page_age: '1 hour ago' },
  ] }),
  ...textBlock(2, 'It is sunny in Berlin.'),
  ...end(),
];
const UNDECLARED = sse(UNDECLARED_EVENTS);
const UNDECLARED_JSON = {
  id: 'msg_01Undeclared', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', stop_reason: 'end_turn', stop_sequence: null,
  usage: { input_tokens: 2100, output_tokens: 210 },
  content: [
    { type: 'server_tool_use', id: UNDECLARED_ID, name: 'web_search', input: { query: 'weather berlin' } },
    { type: 'web_search_tool_result', tool_use_id: UNDECLARED_ID, content: [{ type: 'web_search_result', title: 'Berlin weather', url: 'https://weather.example/berlin', encrypted_content: 'EpUBCioIARgB', page_age: '1 hour ago' }] },
    { type: 'text', text: 'It is sunny in Berlin.' },
  ],
};

/** (6) Edges: input only in content_block_start; a server tool name @ai-sdk/anthropic does not know. */
const START_INPUT_ONLY = sse([
  messageStart('msg_01StartInput'),
  { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_01StartOnly', name: 'web_search', input: { query: 'only in start' } } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'server_tool_use', id: 'srvtoolu_01Unknown', name: 'tool_search_tool_regex', input: {} } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"pattern": "weather"}' } },
  { type: 'content_block_stop', index: 1 },
  ...textBlock(2, 'ok'),
  ...end(),
]);
/** (6) An MCP block: not in 2.0.112's chunk schema, so a TypeValidationError part. */
const MCP_BLOCK = sse([
  messageStart('msg_01Mcp'),
  { type: 'content_block_start', index: 0, content_block: { type: 'mcp_tool_use', id: 'mcptoolu_01Echo', name: 'echo', server_name: 'tools', input: {} } },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"text": "hi"}' } },
  { type: 'content_block_stop', index: 0 },
  ...resultBlock(1, { type: 'mcp_tool_result', tool_use_id: 'mcptoolu_01Echo', is_error: false, content: [{ type: 'text', text: 'hi' }] }),
  ...textBlock(2, 'Echoed.'),
  ...end(),
]);

/** (7) One step with a server tool and a client tool (stop_reason tool_use), then the answer. */
const MIXED_STEP_1 = sse([
  messageStart('msg_01MixedA'),
  ...textBlock(0, 'Searching first.'),
  ...serverToolUse(1, 'srvtoolu_01Mixed', 'web_search', '{"query": "paris events"}'),
  ...resultBlock(2, { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_01Mixed', content: [
    { type: 'web_search_result', title: 'Paris this week', url: 'https://paris.example/events', encrypted_content: 'EpQBCioIARgB', page_age: null },
  ] }),
  { type: 'content_block_start', index: 3, content_block: { type: 'tool_use', id: 'toolu_01Weather', name: 'weather', input: {} } },
  { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{"location": "Paris"}' } },
  { type: 'content_block_stop', index: 3 },
  ...end('tool_use'),
]);

// --- Running both libraries ----------------------------------------------------------------------

const SETTLED = ['text', 'finishReason', 'usage', 'totalUsage', 'providerMetadata', 'toolCalls', 'toolResults',
  'staticToolCalls', 'dynamicToolCalls', 'staticToolResults', 'dynamicToolResults', 'sources', 'content'];

/** Runs one streamText call; `options(provider, lib)` gives its options. Returns raw values. */
async function run(lib, createAnthropic, options) {
  served = 0;
  const before = server.requests.length;
  const provider = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sk-ant-diff' });
  const errors = [];
  const result = lib.streamText({ model: provider('claude-sonnet-4-5'), onError: ({ error }) => errors.push(error), ...options(provider, lib) });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of SETTLED) settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name }));
  settled.responseMessages = await result.response.then((r) => r.messages, (e) => ({ rejected: e.name }));
  const requests = server.requests.slice(before).map((r) => ({
    body: r.body,
    headers: { 'anthropic-version': r.headers['anthropic-version'], 'anthropic-beta': r.headers['anthropic-beta'], 'x-api-key': r.headers['x-api-key'] },
  }));
  return { parts, settled, errors, requests };
}

/** Zod's (or serde's) wording after "Error message:" inside validation messages is not compared. */
function trimValidationWording(value) {
  if (typeof value === 'string') return value.includes('Type validation failed') ? value.split('Error message:')[0] : value;
  if (Array.isArray(value)) return value.map(trimValidationWording);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimValidationWording(v)]));
  return value;
}
const normalize = (value) => trimValidationWording(normalizeForDiff(value, { mapIds: true, parserWording: true }));

function expectSame(actual, expected) {
  const a = normalize(actual);
  const e = normalize(expected);
  expect(a.requests).toEqual(e.requests);
  expect(a.parts).toEqual(e.parts);
  expect(a.settled).toEqual(e.settled);
  expect(a.errors).toEqual(e.errors);
}

/**
 * Streams `bodies` to ai@5 first (its side must run and satisfy `checkAi`), then to llm-native,
 * and compares; `expected(aiRun)` turns ai@5's run into what llm-native must give where they differ.
 */
async function compare(bodies, options, { checkAi, expected = (r) => r } = {}) {
  script = bodies;
  const ours = await run(ai, aiAnthropic, options);
  checkAi?.(ours);
  const theirs = await run(native, native.createAnthropic, options);
  expectSame(theirs, expected(ours));
  return { ours, theirs };
}

/**
 * The first call (compared), then each library's own `response.messages` sent back with a new user
 * message: the second request (body, betas, warnings in start-step) must match too.
 */
async function roundTrip(bodies, options, { checkAi, checkAiHistory, followUp = 'Tell me more.' } = {}) {
  const first = await compare(bodies, options, { checkAi });
  const history = (r) => [...options(null, ai).messages, ...r.settled.responseMessages, { role: 'user', content: followUp }];
  script = [PLAIN];
  const ours = await run(ai, aiAnthropic, (p, lib) => ({ ...options(p, lib), messages: history(first.ours) }));
  checkAiHistory?.(ours.requests[0].body, ours);
  const theirs = await run(native, native.createAnthropic, (p, lib) => ({ ...options(p, lib), messages: history(first.theirs) }));
  expectSame(theirs, ours);
  return { first, second: { ours, theirs } };
}

const user = (text) => [{ role: 'user', content: text }];
const types = (parts) => parts.map((p) => p.type);
const assistantBlocks = (body) => body.messages.filter((m) => m.role === 'assistant').flatMap((m) => m.content);

// --- Cases -----------------------------------------------------------------------------------

describe('Anthropic server tools: llm-native matches ai@5 + @ai-sdk/anthropic@2.0.112', () => {
  it('(0) provider.tools / anthropic.tools: the same factories, returning the same provider-defined tools', () => {
    const aiTools = aiAnthropic({ apiKey: 'x' }).tools;
    const nativeTools = native.createAnthropic({ apiKey: 'x' }).tools;
    expect(Object.keys(aiTools).sort()).toEqual(expect.arrayContaining(['webSearch_20250305', 'webFetch_20250910', 'codeExecution_20250522', 'codeExecution_20250825']));
    expect(Object.keys(nativeTools ?? {}).sort()).toEqual(Object.keys(aiTools).sort());
    expect(Object.keys(native.anthropic?.tools ?? {}).sort()).toEqual(Object.keys(aiDefaultAnthropic.tools).sort());
    const sampleArgs = {
      webSearch_20250305: { maxUses: 3, allowedDomains: ['rust-lang.org'], userLocation: { type: 'approximate', city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin' } },
      webFetch_20250910: { maxUses: 2, citations: { enabled: true }, maxContentTokens: 5000 },
      computer_20241022: { displayWidthPx: 1024, displayHeightPx: 768, displayNumber: 1 },
      computer_20250124: { displayWidthPx: 1280, displayHeightPx: 800 },
      textEditor_20250728: { maxCharacters: 10000 },
      computerToolset_20260801: { configs: { zoom: { enabled: false } } },
    };
    // (Not `inputSchema`: llm-native's provider tools have none — the provider checks what its
    // server tools get, and a client-run one's execute gets the model's input; migration.md.)
    const shape = (t) => ({ type: t.type, id: t.id, name: t.name, args: t.args, execute: typeof t.execute });
    for (const name of Object.keys(aiTools)) {
      // (bash_*, computer_*, memory, textEditor_20241022/20250124/20250429 have no `args = {}` default.)
      const args = sampleArgs[name] ?? {};
      expect({ name, ...shape(nativeTools[name](args)) }).toEqual({ name, ...shape(aiTools[name](args)) });
    }
    // The defaulted ones can be called bare.
    for (const name of ['webSearch_20250305', 'webFetch_20250910', 'codeExecution_20250522', 'codeExecution_20250825', 'codeExecution_20260120', 'textEditor_20250728']) {
      expect(shape(nativeTools[name]())).toEqual(shape(aiTools[name]()));
    }
  });

  it('(1a) request: server tool entries with every argument, their betas, the header merge, and an unknown provider-defined tool warned', () =>
    compare([PLAIN], (p) => ({
      messages: user('Find things.'),
      tools: {
        web_search: p.tools.webSearch_20250305({ maxUses: 3, allowedDomains: ['rust-lang.org', 'github.com'], blockedDomains: ['spam.example'],
          userLocation: { type: 'approximate', city: 'Berlin', region: 'Berlin', country: 'DE', timezone: 'Europe/Berlin' } }),
        web_fetch: p.tools.webFetch_20250910({ maxUses: 2, allowedDomains: ['docs.rs'], blockedDomains: ['spam.example'], citations: { enabled: true }, maxContentTokens: 5000 }),
        code_execution: p.tools.codeExecution_20250522(),
        code_execution_2: p.tools.codeExecution_20250825(),
        code_execution_3: p.tools.codeExecution_20260120(),
        // Same literal for both libraries: an id @ai-sdk/anthropic 2.0.112 does not know.
        tool_search: { type: 'provider-defined', id: 'anthropic.tool_search_regex_20251119', name: 'tool_search', args: {}, inputSchema: ai.jsonSchema({ type: 'object' }) },
      },
      headers: { 'anthropic-beta': 'my-beta-1' },
    }), {
      checkAi: (r) => {
        expect(r.requests[0].headers['anthropic-beta']).toBe('web-fetch-2025-09-10,code-execution-2025-05-22,code-execution-2025-08-25,my-beta-1');
        expect(r.parts.find((p) => p.type === 'start-step').warnings.map((w) => w.type)).toEqual(['unsupported-tool']);
      },
    }));

  it('(1b) request: client-side provider-defined tools (bash, text editors, computer, memory, computer toolset) and their betas', () =>
    compare([PLAIN], (p) => ({
      messages: user('Use the computer.'),
      tools: {
        bash: p.tools.bash_20250124({}),
        bash_old: p.tools.bash_20241022({}),
        str_replace_editor: p.tools.textEditor_20250124({}),
        str_replace_editor_old: p.tools.textEditor_20241022({}),
        str_replace_based_edit_tool: p.tools.textEditor_20250728({ maxCharacters: 10000 }),
        edit_0429: p.tools.textEditor_20250429({}),
        computer: p.tools.computer_20250124({ displayWidthPx: 1280, displayHeightPx: 800, displayNumber: 1 }),
        computer_old: p.tools.computer_20241022({ displayWidthPx: 1024, displayHeightPx: 768 }),
        memory: p.tools.memory_20250818({}),
        computer_set: p.tools.computerToolset_20260801({ configs: { zoom: { enabled: false }, scroll: { deferLoading: true } } }),
      },
    }), {
      checkAi: (r) => expect(r.requests[0].headers['anthropic-beta']).toBe('computer-use-2025-01-24,computer-use-2024-10-22,context-management-2025-06-27'),
    }));

  it('(1) a web search stream: server_tool_use with streamed input, two results as sources, cited text, end_turn (one step)', () =>
    compare([WEB_SEARCH, PLAIN], (p, lib) => ({
      messages: user('What is the latest Rust release?'),
      tools: { web_search: p.tools.webSearch_20250305({ maxUses: 3 }) },
      // Provider-executed calls never continue the loop: one request only.
      stopWhen: lib.stepCountIs(3),
    }), {
      checkAi: (r) => {
        expect(r.requests).toHaveLength(1);
        expect(r.requests[0].body.tools).toEqual([{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }]);
        expect(r.requests[0].headers['anthropic-beta']).toBeUndefined();
        expect(types(r.parts).filter((t) => t.startsWith('tool') || t === 'source')).toEqual(
          ['tool-input-start', 'tool-input-delta', 'tool-input-delta', 'tool-input-delta', 'tool-input-end', 'tool-call', 'tool-result', 'source', 'source']);
        expect(r.parts.find((p) => p.type === 'tool-call')).toMatchObject({ providerExecuted: true, input: { query: 'latest Rust release' } });
        expect(r.parts.find((p) => p.type === 'tool-result')).toMatchObject({ providerExecuted: true, output: [{ pageAge: 'September 18, 2025' }, { pageAge: null }] });
        expect(r.parts.find((p) => p.type === 'text-end' && p.id === '4').providerMetadata.anthropic.citations).toHaveLength(2);
        expect(r.settled.responseMessages.map((m) => m.role)).toEqual(['assistant']);
      },
    }));

  it('(2) the web search conversation sent back: server_tool_use, web_search_tool_result, cited text', () =>
    roundTrip([WEB_SEARCH], (p) => ({
      messages: user('What is the latest Rust release?'),
      tools: p ? { web_search: p.tools.webSearch_20250305({ maxUses: 3 }) } : undefined,
    }), {
      checkAiHistory: (body) => {
        expect(assistantBlocks(body).map((b) => b.type)).toEqual(['text', 'server_tool_use', 'web_search_tool_result', 'text', 'text', 'text']);
        expect(assistantBlocks(body)[2].content[1]).toEqual({ url: RUST_RELEASES.url, title: RUST_RELEASES.title, page_age: null, encrypted_content: expect.any(String), type: 'web_search_result' });
        expect(assistantBlocks(body)[4].citations).toHaveLength(2);
      },
    }));

  it('(2b) vercel/ai web search fixture (ten results, many cited blocks), and sent back', () =>
    roundTrip([fixtureBody('anthropic__anthropic-web-search-tool.1.chunks.txt')], (p) => ({
      messages: user('What are the tech news today?'),
      tools: p ? { web_search: p.tools.webSearch_20250305({}) } : undefined,
    }), {
      checkAi: (r) => expect(r.parts.filter((p) => p.type === 'source')).toHaveLength(10),
    }));

  it('(3a) web_fetch (vercel/ai fixture): toolName web_fetch, the document result, the beta; sent back as web_fetch_tool_result', () =>
    roundTrip([fixtureBody('anthropic__anthropic-web-fetch-tool.1.chunks.txt')], (p) => ({
      messages: user('What is https://en.wikipedia.org/wiki/Maglemosian_culture about?'),
      tools: p ? { web_fetch: p.tools.webFetch_20250910({ maxUses: 1, allowedDomains: ['wikipedia.org'], citations: { enabled: true }, maxContentTokens: 20000 }) } : undefined,
    }), {
      checkAi: (r) => {
        expect(r.requests[0].headers['anthropic-beta']).toBe('web-fetch-2025-09-10');
        expect(r.parts.find((p) => p.type === 'tool-result')).toMatchObject({ toolName: 'web_fetch', providerExecuted: true, output: { type: 'web_fetch_result', retrievedAt: expect.any(String) } });
      },
      checkAiHistory: (body) => expect(assistantBlocks(body).find((b) => b.type === 'web_fetch_tool_result').content).toMatchObject({ type: 'web_fetch_result', retrieved_at: expect.any(String), content: { type: 'document', source: { type: 'text', media_type: 'text/plain' } } }),
    }));

  it('(3b) code_execution_20250522: a Python call and its result; sent back as code_execution_tool_result', () =>
    roundTrip([CODE_EXECUTION_0522], (p) => ({
      messages: user('What is 20 factorial?'),
      tools: p ? { code_execution: p.tools.codeExecution_20250522() } : undefined,
    }), {
      checkAi: (r) => {
        expect(r.requests[0].headers['anthropic-beta']).toBe('code-execution-2025-05-22');
        expect(r.parts.find((p) => p.type === 'tool-result').output).toEqual({ type: 'code_execution_result', stdout: '2432902008176640000\n', stderr: '', return_code: 0 });
      },
      checkAiHistory: (body) => expect(assistantBlocks(body).map((b) => b.type)).toEqual(['text', 'server_tool_use', 'code_execution_tool_result', 'text']),
    }));

  for (const fixture of ['anthropic__anthropic-code-execution-20250825.1.chunks.txt', 'anthropic__anthropic-code-execution-20250825.2.chunks.txt']) {
    it(`(3c) code_execution_20250825 (${fixture}): text_editor/bash sub-tools as code_execution with a "type" in the input; sent back under the sub-tool names, keys in order`, async () => {
      const { second } = await roundTrip([fixtureBody(fixture)], (p) => ({
        messages: user('Write a Fibonacci script and run it.'),
        tools: p ? { code_execution: p.tools.codeExecution_20250825() } : undefined,
      }), {
        checkAi: (r) => {
          expect(r.requests[0].headers['anthropic-beta']).toBe('code-execution-2025-08-25');
          const calls = r.parts.filter((p) => p.type === 'tool-call');
          expect(calls.map((c) => [c.toolName, c.input.type])).toEqual(expect.arrayContaining([['code_execution', 'text_editor_code_execution'], ['code_execution', 'bash_code_execution']]));
          expect(r.parts.find((p) => p.type === 'tool-input-delta').delta.startsWith('{"type": "text_editor_code_execution",')).toBe(true);
        },
        checkAiHistory: (body) => {
          const blocks = assistantBlocks(body);
          expect(blocks.filter((b) => b.type === 'server_tool_use').map((b) => b.name)).toEqual(expect.arrayContaining(['text_editor_code_execution', 'bash_code_execution']));
          expect(blocks.some((b) => b.type === 'server_tool_use' && 'type' in b.input)).toBe(false);
        },
      });
      // @ai-sdk/anthropic builds these blocks in a fixed key order for prompt caching.
      const order = (r) => assistantBlocks(r.requests[0].body)
        .filter((b) => b.type.endsWith('_code_execution_tool_result'))
        .map((b) => [Object.keys(b), Object.keys(b.content)]);
      expect(order(second.theirs)).toEqual(order(second.ours));
    });
  }

  it('(4) error results: web_search / web_fetch errors are tool-error parts (isError); sent back they are dropped with a warning', () =>
    roundTrip([SEARCH_AND_FETCH_ERRORS], (p) => ({
      messages: user('Search and fetch.'),
      tools: p ? { web_search: p.tools.webSearch_20250305({ maxUses: 1 }), web_fetch: p.tools.webFetch_20250910() } : undefined,
    }), {
      checkAi: (r) => {
        expect(r.parts.filter((p) => p.type === 'tool-error').map((p) => [p.toolName, p.providerExecuted, p.error])).toEqual([
          ['web_search', true, { type: 'web_search_tool_result_error', errorCode: 'max_uses_exceeded' }],
          ['web_fetch', true, { type: 'web_fetch_tool_result_error', errorCode: 'url_not_accessible' }],
        ]);
        expect(r.settled.responseMessages[0].content.filter((c) => c.type === 'tool-result').map((c) => [c.output.type, c.providerExecuted])).toEqual([['error-json', undefined], ['error-json', undefined]]);
      },
      checkAiHistory: (body, r) => {
        expect(assistantBlocks(body).map((b) => b.type)).toEqual(['server_tool_use', 'server_tool_use', 'text']);
        expect(r.parts.find((p) => p.type === 'start-step').warnings.map((w) => w.message)).toEqual([
          'provider executed tool result output type error-json for tool web_search is not supported',
          'provider executed tool result output type error-json for tool web_fetch is not supported',
        ]);
      },
    }));

  it('(4b) code_execution_20250522 error result (isError), and sent back', () =>
    roundTrip([CODE_EXECUTION_0522_ERROR], (p) => ({
      messages: user('Run forever.'),
      tools: p ? { code_execution: p.tools.codeExecution_20250522() } : undefined,
    }), {
      checkAi: (r) => expect(r.parts.find((p) => p.type === 'tool-error').error).toEqual({ type: 'code_execution_tool_result_error', errorCode: 'execution_time_exceeded' }),
    }));

  it('(4c) code_execution_20250825: a bash error result is a plain tool-result (not isError), a text editor view result; sent back', () =>
    roundTrip([BASH_ERROR], (p) => ({
      messages: user('Sleep, then read the file.'),
      tools: p ? { code_execution: p.tools.codeExecution_20250825() } : undefined,
    }), {
      checkAi: (r) => {
        expect(types(r.parts).includes('tool-error')).toBe(false);
        expect(r.parts.filter((p) => p.type === 'tool-result').map((p) => p.output.type)).toEqual(['bash_code_execution_tool_result_error', 'text_editor_code_execution_view_result']);
      },
      checkAiHistory: (body) => expect(assistantBlocks(body).map((b) => [b.type, b.name])).toEqual([
        ['server_tool_use', 'bash_code_execution'], ['bash_code_execution_tool_result', undefined],
        ['server_tool_use', 'text_editor_code_execution'], ['text_editor_code_execution_tool_result', undefined], ['text', undefined],
      ]),
    }));

  // (5) The model used a server tool the app did not declare (the API can, e.g. with a
  // tool a proxy adds, or with tools declared under another key). ai@5 parses the call as a
  // dynamic provider-executed call (parseProviderExecutedDynamicToolCall) but then reads
  // `tools[toolName]` unguarded in runToolsTransformation: streamText emits an `error` part with a
  // TypeError (and calls onError) and goes on; generateText rejects with that TypeError. That is a
  // bug, not behaviour to copy: llm-native must give the same parts and values WITHOUT the
  // TypeError error part, with the provider-executed tool-result marked `dynamic: true` (as its
  // tool-call already is) and carrying the call's input (ai@5 loses it only when `tools` is
  // undefined, because the crash comes before it records the input). Everything else, including
  // the request and response.messages, is ai@5's.
  const undeclaredExpectation = (r) => {
    const inputs = new Map(r.parts.filter((p) => p.type === 'tool-call').map((p) => [p.toolCallId, p.input]));
    const fix = (p) => (p.type === 'tool-result' && p.providerExecuted ? { ...p, input: inputs.get(p.toolCallId), dynamic: true } : p);
    const toolResults = r.settled.toolResults.map(fix);
    return {
      ...r,
      parts: r.parts.filter((p) => !(p.type === 'error' && p.error?.name === 'TypeError')).map(fix),
      settled: { ...r.settled, content: r.settled.content.map(fix), toolResults, staticToolResults: [], dynamicToolResults: toolResults },
      errors: [],
    };
  };
  for (const [label, tools] of [
    ['no tools at all', () => undefined],
    ['only a function tool declared', (lib) => ({ weather: lib.tool({ description: 'Weather', inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }) }) })],
  ]) {
    it(`(5) a server tool the app did not declare (${label}): no TypeError; a dynamic provider-executed call and result`, async () => {
      const { ours } = await compare([UNDECLARED], (_p, lib) => ({ messages: user('Weather in Berlin?'), tools: tools(lib) }), {
        checkAi: (r) => {
          // What ai@5 does (recorded): the TypeError as an error part after the dynamic call.
          expect(r.errors.map((e) => e.constructor.name)).toEqual(['TypeError']);
          expect(types(r.parts).filter((t) => t.startsWith('tool') || t === 'error' || t === 'source')).toEqual(
            ['tool-input-start', 'tool-input-delta', 'tool-input-delta', 'tool-input-end', 'tool-call', 'error', 'tool-result', 'source']);
          expect(r.parts.find((p) => p.type === 'tool-call')).toMatchObject({ providerExecuted: true, dynamic: true });
          expect(r.parts.find((p) => p.type === 'tool-result').dynamic).toBeUndefined();
          expect(r.settled.finishReason).toBe('stop');
        },
        expected: undeclaredExpectation,
      });
      // generateText: ai@5 rejects with the TypeError; llm-native resolves with the same content.
      jsonBody = UNDECLARED_JSON;
      script = [UNDECLARED];
      const aiGenerate = await ai.generateText({ model: aiAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sk-ant-diff' })('claude-sonnet-4-5'),
        messages: user('Weather in Berlin?'), tools: tools(ai) }).then(() => 'resolved', (e) => e.constructor.name);
      expect(aiGenerate).toBe('TypeError');
      served = 0;
      const nativeGenerate = await native.generateText({ model: native.createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sk-ant-diff' })('claude-sonnet-4-5'),
        messages: user('Weather in Berlin?'), tools: tools(native) });
      const want = undeclaredExpectation(ours).settled;
      const pick = (s) => normalize({ content: s.content, toolCalls: s.toolCalls, toolResults: s.toolResults, dynamicToolResults: s.dynamicToolResults, text: s.text, finishReason: s.finishReason });
      expect(pick(nativeGenerate)).toEqual(pick(want));
    });
  }

  // llm-native has no input schemas for server tools (the provider validates what it runs): a
  // server_tool_use whose deltas say nothing is the provider-executed call it is, with input {}
  // (ai@5 fails its zod schema, makes it an invalid dynamic call with a tool-error and sends it
  // back as a client tool_use / tool_result pair; migration.md). An unknown server tool's block
  // in the same stream is dropped by both.
  it('(6a) llm-native: a server_tool_use without input deltas is a provider-executed call with {}', async () => {
    script = [START_INPUT_ONLY];
    const provider = native.createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sk-ant-diff' });
    const result = native.streamText({ model: provider('claude-sonnet-4-5'), messages: user('Search.'), tools: { web_search: provider.tools.webSearch_20250305({}) } });
    const parts = await collect(result.fullStream);
    expect(parts.find((p) => p.type === 'tool-call')).toMatchObject({ toolCallId: 'srvtoolu_01StartOnly', input: {}, providerExecuted: true });
    expect(parts.some((p) => p.type === 'tool-error')).toBe(false);
    expect((await result.response).messages.map((m) => m.role)).toEqual(['assistant']);
  });

  // llm-native skips a block kind it does not know instead (migration.md): the same stream
  // without those two error parts.
  it('(6b) an mcp_tool_use block (not in 2.0.112\'s chunk schema) is a TypeValidationError part; the rest streams', () =>
    compare([MCP_BLOCK], () => ({ messages: user('Echo hi.') }), {
      checkAi: (r) => {
        expect(r.parts.filter((p) => p.type === 'error').map((p) => p.error.name)).toEqual(['AI_TypeValidationError', 'AI_TypeValidationError']);
        expect(r.settled.text).toBe('Echoed.');
      },
      expected: (r) => ({ ...r, parts: r.parts.filter((p) => p.type !== 'error'), errors: [] }),
    }));

  it('(7) a server tool and a client tool in one step: the client tool runs, the next request carries both (tool_use moved last)', () =>
    compare([MIXED_STEP_1, PLAIN], (p, lib) => ({
      messages: user('What is on in Paris, and the weather?'),
      tools: {
        web_search: p.tools.webSearch_20250305({ maxUses: 2 }),
        weather: lib.tool({ description: 'Weather', inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }), execute: async ({ location }) => ({ location, temp: 18 }) }),
      },
      stopWhen: lib.stepCountIs(3),
    }), {
      checkAi: (r) => {
        expect(r.requests).toHaveLength(2);
        expect(r.requests[1].body.messages.map((m) => [m.role, m.content.map((c) => c.type)])).toEqual([
          ['user', ['text']],
          ['assistant', ['text', 'server_tool_use', 'web_search_tool_result', 'tool_use']],
          ['user', ['tool_result']],
        ]);
        expect(r.settled.responseMessages.map((m) => m.role)).toEqual(['assistant', 'tool', 'assistant']);
      },
    }));
});
