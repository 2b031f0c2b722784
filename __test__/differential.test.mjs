// Drop-in proof: the real AI SDK v5 (`ai` + `@ai-sdk/openai-compatible`) and llm-native stream the
// same transcripts from the same local server; their fullStream parts must match after
// normalising what legitimately differs (server Date header, error object identity).
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

const FIXTURES = [
  'openai__chat_openai-text.chunks.txt',
  'deepseek__chat_deepseek-reasoning.chunks.txt',
  'deepseek__chat_deepseek-tool-call.chunks.txt',
  'groq__groq-tool-call.chunks.txt',
  'openai-compatible__chat_xai-text.chunks.txt',
  'openai-compatible__chat_xai-tool-call.chunks.txt',
  'openai-compatible__chat_anthropic-fallback-tool-call.sse',
];

let body = '';
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 97 }));
afterAll(() => server.close());

const normalize = (value) => normalizeForDiff(value);

async function run(lib, createCompatible, options) {
  const provider = createCompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-diff', includeUsage: true });
  const result = lib.streamText({ model: provider('m'), onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'reasoningText', 'finishReason', 'usage', 'totalUsage', 'toolCalls']) {
    settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name }));
  }
  const response = await result.response;
  settled.responseMessages = response.messages;
  return normalize({ parts, settled, request: server.requests.at(-1).body });
}

const weatherTool = (lib) => ({
  weather: lib.tool({
    description: 'Get the weather',
    inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }),
  }),
  read_file: lib.tool({
    description: 'Read a file',
    inputSchema: lib.jsonSchema({ type: 'object', properties: { path: { type: 'string' } } }),
  }),
});

describe('llm-native matches ai@5 + @ai-sdk/openai-compatible part for part', () => {
  for (const fixture of FIXTURES) {
    for (const withTools of [false, true]) {
      it(`${fixture} ${withTools ? 'with tools' : 'without tools'}`, async () => {
        body = fixtureBody(fixture);
        const options = (lib) => ({
          prompt: 'What is the weather in San Francisco?',
          ...(withTools ? { tools: weatherTool(lib), temperature: 0.3, maxOutputTokens: 500 } : {}), // toolChoice: streamText's default
        });
        const expected = await run(ai, aiCompatible, options(ai));
        const actual = await run(native, native.createOpenAICompatible, options(native));
        expect(actual.request).toEqual(expected.request);
        expect(actual.parts).toEqual(expected.parts);
        expect(actual.settled).toEqual(expected.settled);
      });
    }
  }

  it('a multi-turn conversation with system, images, tool calls and tool results sends the same body', async () => {
    body = fixtureBody('openai__chat_openai-text.chunks.txt');
    const messages = [
      { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', image: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'calling' }, { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { location: 'Paris' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { type: 'json', value: { temp: 21 } } }] },
      { role: 'user', content: [{ type: 'image', image: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }] },
    ];
    const options = (lib) => ({
      system: 'be brief', messages, tools: weatherTool(lib), toolChoice: { type: 'tool', toolName: 'weather' },
      topP: 0.5, stopSequences: ['END'], seed: 42, presencePenalty: 0.1, frequencyPenalty: 0.2,
      providerOptions: { local: { user: 'u-1', reasoningEffort: 'low', custom_flag: true } },
    });
    const expected = await run(ai, aiCompatible, options(ai));
    const actual = await run(native, native.createOpenAICompatible, options(native));
    expect(actual.request).toEqual(expected.request);
    expect(actual.parts).toEqual(expected.parts);
  });
});
