// Drop-in proof for Anthropic: the real `ai@5` + `@ai-sdk/anthropic@2` and llm-native stream the
// same transcripts from the same local server; parts, promise values and request bodies must match.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

const FIXTURES = [
  'anthropic__anthropic-text.chunks.txt',
  'anthropic__anthropic-clear-thinking.1.chunks.txt',
  'anthropic__anthropic-refusal.chunks.txt',
  'anthropic__anthropic-tool-no-args.chunks.txt',
  'anthropic__duplicate-message-start.chunks.txt',
  'anthropic__spliced-message-start.chunks.txt',
];

let body = '';
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 89 }));
afterAll(() => server.close());

const normalize = (value) => normalizeForDiff(value);

async function run(lib, createAnthropic, options) {
  const provider = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sk-ant-diff' });
  const result = lib.streamText({ model: provider('claude-sonnet-4-5'), onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'reasoningText', 'finishReason', 'usage', 'totalUsage', 'toolCalls', 'providerMetadata']) {
    settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name }));
  }
  settled.responseMessages = await result.response.then((r) => r.messages, (e) => ({ rejected: e.name }));
  const request = server.requests.at(-1);
  return normalize({ parts, settled, request: request.body, headers: {
    'anthropic-version': request.headers['anthropic-version'], 'anthropic-beta': request.headers['anthropic-beta'],
    'x-api-key': request.headers['x-api-key'],
  } });
}

const tools = (lib) => ({
  weather: lib.tool({ description: 'Get the weather', inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }) }),
  getTime: lib.tool({ description: 'Time', inputSchema: lib.jsonSchema({ type: 'object', properties: {} }) }),
  get_time: lib.tool({ description: 'Time', inputSchema: lib.jsonSchema({ type: 'object', properties: {} }) }),
});

async function compare(fixture, options) {
  body = fixture ? fixtureBody(fixture) : body;
  const expected = await run(ai, aiAnthropic, options(ai));
  const actual = await run(native, native.createAnthropic, options(native));
  expect(actual.request).toEqual(expected.request);
  expect(actual.headers).toEqual(expected.headers);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.settled).toEqual(expected.settled);
}

describe('llm-native matches ai@5 + @ai-sdk/anthropic@2', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture}`, () => compare(fixture, (lib) => ({ prompt: 'Hello', tools: tools(lib), maxOutputTokens: 1000 })));
  }

  it('extended thinking: budget added to max_tokens, sampling dropped with warnings', () =>
    compare('anthropic__anthropic-clear-thinking.1.chunks.txt', () => ({
      prompt: 'think', temperature: 0.5, topP: 0.9, topK: 3, maxOutputTokens: 2000, seed: 1,
      providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } } },
    })));

  it('a multi-turn conversation with system, images, tools, results, thinking and cache control sends the same body', () =>
    compare('anthropic__anthropic-text.chunks.txt', (lib) => ({
      system: 'be brief',
      messages: [
        { role: 'user', content: [
          { type: 'text', text: 'look', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
          { type: 'image', image: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB' },
          { type: 'image', image: new URL('https://example.test/cat.png') },
        ] },
        { role: 'user', content: 'and more' },
        { role: 'assistant', content: [
          { type: 'reasoning', text: 'let me think', providerOptions: { anthropic: { signature: 'sig-123' } } },
          { type: 'reasoning', text: '', providerOptions: { anthropic: { redactedData: 'opaque' } } },
          { type: 'text', text: 'calling ' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { location: 'Paris' } },
        ] },
        { role: 'tool', content: [
          { type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { type: 'json', value: { temp: 21 } } },
          { type: 'tool-result', toolCallId: 'c2', toolName: 'weather', output: { type: 'error-text', value: 'boom' } },
        ], providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
        { role: 'assistant', content: 'done  ' },
      ],
      tools: tools(lib),
      toolChoice: 'required',
      stopSequences: ['END'],
      headers: { 'anthropic-beta': 'my-beta-1' },
      providerOptions: { anthropic: { disableParallelToolUse: true, effort: 'low' } },
    })));

  it('PDF and text/plain documents (title from the filename or the options, context, citations) and the pdfs beta', () =>
    compare('anthropic__anthropic-text.chunks.txt', () => ({
      messages: [
        { role: 'user', content: [
          { type: 'text', text: 'read these' },
          { type: 'file', data: 'JVBERi0xLjQK', mediaType: 'application/pdf', filename: 'report.pdf' },
          // (A URL would be downloaded by the AI SDK: no network here.)
          { type: 'file', data: new Uint8Array([37, 80, 68, 70]), mediaType: 'application/pdf', filename: 'ignored.pdf',
            providerOptions: { anthropic: { title: 'The spec', context: 'from the team', citations: { enabled: true } } } },
          { type: 'file', data: new TextEncoder().encode('plain notes, ünïcode'), mediaType: 'text/plain', filename: 'notes.txt',
            providerOptions: { anthropic: { citations: { enabled: true } } } },
        ] },
      ],
      headers: { 'anthropic-beta': 'my-beta-1' },
      providerOptions: { anthropic: { effort: 'low' } },
    })));

  it('sendReasoning: false leaves the reasoning out with a warning; assistant text keeps its citations', () =>
    compare('anthropic__anthropic-text.chunks.txt', () => ({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [
          { type: 'reasoning', text: 'secret thoughts', providerOptions: { anthropic: { signature: 'sig-1' } } },
          { type: 'text', text: 'an answer', providerOptions: { anthropic: { citations: [{ type: 'char_location', cited_text: 'x', document_index: 0, start_char_index: 0, end_char_index: 1 }] } } },
        ] },
        { role: 'user', content: 'more' },
      ],
      providerOptions: { anthropic: { sendReasoning: false } },
    })));

  it('a compaction block streams as text marked compaction, iterations sum the usage, and it goes back as a compaction block', async () => {
    const event = (e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
    body = [
      { type: 'message_start', message: { id: 'msg_c', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 900, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'compaction', content: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'compaction_delta', content: 'Summary of the earlier turns.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Continuing.' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 120, output_tokens: 40, iterations: [
        { type: 'compaction', model: 'claude-haiku-4-5', input_tokens: 800, output_tokens: 30 },
        { type: 'message', input_tokens: 120, output_tokens: 10 },
      ] } },
      { type: 'message_stop' },
    ].map(event).join('');
    await compare(null, () => ({ prompt: 'go on' }));
    // The next turn sends the summary back as the block it came in.
    await compare(null, () => ({
      messages: [
        { role: 'user', content: 'go on' },
        { role: 'assistant', content: [
          { type: 'text', text: 'Summary of the earlier turns.', providerOptions: { anthropic: { type: 'compaction' } } },
          { type: 'text', text: 'Continuing.' },
        ] },
        { role: 'user', content: 'next' },
      ],
    }));
  });
});
