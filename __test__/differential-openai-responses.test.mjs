// Drop-in proof for the OpenAI Responses API: `ai@5` + `@ai-sdk/openai@2` and llm-native against
// the same local server and transcripts; parts, promise values and request bodies must match.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createOpenAI as aiOpenAI } from '@ai-sdk/openai';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

let body = '';
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 113 }));
afterAll(() => server.close());

const normalize = (value) => normalizeForDiff(value, { parserWording: true });

async function run(lib, createOpenAI, modelId, options) {
  const provider = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-resp-diff' });
  const result = lib.streamText({ model: provider(modelId), onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'reasoningText', 'finishReason', 'usage', 'totalUsage', 'toolCalls', 'providerMetadata', 'warnings']) {
    settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name }));
  }
  settled.responseMessages = await result.response.then((r) => r.messages, (e) => ({ rejected: e.name }));
  const request = server.requests.at(-1);
  return normalize({ parts, settled, request: request.body, url: request.url, auth: request.headers.authorization });
}

const tools = (lib) => ({
  weather: lib.tool({ description: 'Get the weather', inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }) }),
  calculator: lib.tool({ description: 'calc', inputSchema: lib.jsonSchema({ type: 'object', properties: { expression: { type: 'string' } } }) }),
});

async function compare(fixture, modelId, options) {
  if (fixture) body = fixtureBody(fixture);
  const expected = await run(ai, aiOpenAI, modelId, options(ai));
  const actual = await run(native, native.createOpenAI, modelId, options(native));
  expect(actual.url).toEqual(expected.url);
  expect(actual.auth).toEqual(expected.auth);
  expect(actual.request).toEqual(expected.request);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.settled).toEqual(expected.settled);
}

const FIXTURES = [
  'openai__responses_openai-reasoning-encrypted-content.1.chunks.txt',
  'openai__responses_parallel-tool-call-wrapper.1.chunks.txt',
  'openai__responses_openai-error.1.chunks.txt',
];

describe('llm-native matches ai@5 + @ai-sdk/openai@2 (Responses API)', () => {
  for (const fixture of FIXTURES) {
    for (const [modelId, providerOptions] of [
      ['gpt-5-nano', { openai: { store: false, reasoningEffort: 'low', reasoningSummary: 'auto' } }],
      ['gpt-4.1-mini', {}],
    ]) {
      it(`${fixture} (${modelId})`, () =>
        compare(fixture, modelId, (lib) => ({ system: 'be brief', prompt: 'Weather?', tools: tools(lib), temperature: 0.5, providerOptions })));
    }
  }

  for (const store of [true, false]) {
    it(`a multi-turn conversation with images, reasoning items, tool calls and results (store: ${store})`, () =>
      compare('openai__responses_parallel-tool-call-wrapper.1.chunks.txt', 'gpt-5', (lib) => ({
        system: 'be brief',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', image: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB' }] },
          { role: 'assistant', content: [
            { type: 'reasoning', text: 'step one', providerOptions: { openai: { itemId: 'rs_1', reasoningEncryptedContent: 'enc-1' } } },
            { type: 'reasoning', text: 'step two', providerOptions: { openai: { itemId: 'rs_1' } } },
            { type: 'text', text: 'calling', providerOptions: { openai: { itemId: 'msg_1' } } },
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: { location: 'Paris' }, providerOptions: { openai: { itemId: 'fc_1' } } },
          ] },
          { role: 'tool', content: [
            { type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', output: { type: 'json', value: { temp: 21 } } },
          ] },
        ],
        tools: tools(lib),
        toolChoice: { type: 'tool', toolName: 'weather' },
        maxOutputTokens: 300,
        providerOptions: { openai: { store, reasoningEffort: 'medium', parallelToolCalls: false, user: 'u1' } },
      })));
  }

  it('reasoningContext and the usage details (cache writes, orchestration tokens) reach providerMetadata', () => {
    const event = (e) => `data: ${JSON.stringify(e)}\n\n`;
    const response = { id: 'resp_ctx', object: 'response', created_at: 1770000000, model: 'gpt-5-nano', status: 'in_progress', output: [] };
    body = [
      { type: 'response.created', response },
      { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_1', status: 'in_progress', role: 'assistant', content: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hi.' },
      { type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hi.', annotations: [] }] } },
      { type: 'response.completed', response: { ...response, status: 'completed', reasoning: { effort: 'low', context: 'all_turns' },
        usage: { input_tokens: 50, input_tokens_details: { cached_tokens: 10, cache_write_tokens: 30, orchestration_input_tokens: 4 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 2, orchestration_output_tokens: 1 }, total_tokens: 55 } } },
    ].map(event).join('');
    return compare(null, 'gpt-5-nano', () => ({ prompt: 'Hi', providerOptions: { openai: { reasoningContext: 'all_turns', reasoningEffort: 'low' } } }));
  });
});
