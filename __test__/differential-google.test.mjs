// Drop-in proof for Gemini: the real `ai@5` + `@ai-sdk/google@2` and llm-native against the same
// local server and transcripts. Generated ids (function calls without an id, response ids) and
// "now" timestamps differ by nature and are normalised.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createGoogleGenerativeAI as aiGoogle } from '@ai-sdk/google';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

const FIXTURES = ['google__google-text.chunks.txt', 'google__google-reasoning.chunks.txt', 'google__google-tool-call.chunks.txt'];

let body = '';
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 101 }));
afterAll(() => server.close());

const normalize = (value) => normalizeForDiff(value, { mapIds: true });

async function run(lib, createGoogle, modelId, options) {
  const provider = createGoogle({ baseURL: `${server.url}/v1beta`, apiKey: 'goog-diff' });
  const result = lib.streamText({ model: provider(modelId), onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'reasoningText', 'finishReason', 'usage', 'totalUsage', 'toolCalls', 'providerMetadata']) {
    settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name }));
  }
  settled.responseMessages = await result.response.then((r) => r.messages, (e) => ({ rejected: e.name }));
  const request = server.requests.at(-1);
  return normalize({ parts, settled, request: request.body, url: request.url, key: request.headers['x-goog-api-key'] });
}

const tools = (lib) => ({
  weather: lib.tool({
    description: 'Get the weather',
    inputSchema: lib.jsonSchema({
      type: 'object', required: ['location'],
      properties: {
        location: { type: 'string', description: 'city' },
        unit: { type: ['string', 'null'], enum: ['C', 'F', null] },
        days: { type: 'array', items: { type: 'integer' } },
        extra: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        nested: { type: 'object', properties: {} },
      },
    }),
  }),
});

async function compare(fixture, modelId, options) {
  if (fixture) body = fixtureBody(fixture);
  const expected = await run(ai, aiGoogle, modelId, options(ai));
  const actual = await run(native, native.createGoogleGenerativeAI, modelId, options(native));
  expect(actual.url).toEqual(expected.url);
  expect(actual.key).toEqual(expected.key);
  expect(actual.request).toEqual(expected.request);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.settled).toEqual(expected.settled);
}

describe('llm-native matches ai@5 + @ai-sdk/google@2', () => {
  for (const fixture of FIXTURES) {
    for (const modelId of ['gemini-2.5-flash', 'gemini-3-pro-preview']) {
      it(`${fixture} (${modelId})`, () => compare(fixture, modelId, (lib) => ({ prompt: 'Weather in SF?', tools: tools(lib) })));
    }
  }

  it('settings, thinking config and safety thresholds map to the same body', () =>
    compare('google__google-text.chunks.txt', 'gemini-2.5-pro', () => ({
      system: 'be brief', prompt: 'hi', maxOutputTokens: 100, temperature: 0.2, topP: 0.8, topK: 4, seed: 7,
      stopSequences: ['END'], frequencyPenalty: 0.1, presencePenalty: 0.2,
      providerOptions: { google: { thinkingConfig: { thinkingBudget: 512, includeThoughts: true }, threshold: 'BLOCK_ONLY_HIGH' } },
    })));

  for (const modelId of ['gemini-2.5-flash', 'gemini-3-pro-preview']) {
    it(`a multi-turn conversation with images, tool calls (signed and unsigned) and results (${modelId})`, () =>
      compare('google__google-text.chunks.txt', modelId, (lib) => ({
        system: 'be brief',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', image: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB' }] },
          { role: 'assistant', content: [
            { type: 'reasoning', text: 'thinking', providerOptions: { google: { thoughtSignature: 'sig-r' } } },
            { type: 'text', text: 'calling' },
            { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { location: 'Paris' } },
            { type: 'tool-call', toolCallId: 'c2', toolName: 'weather', input: { location: 'Rome' }, providerOptions: { google: { thoughtSignature: 'sig-c' } } },
          ] },
          { role: 'tool', content: [
            { type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { type: 'json', value: { temp: 21 } } },
            { type: 'tool-result', toolCallId: 'c2', toolName: 'weather', output: { type: 'text', value: 'sunny' } },
            { type: 'tool-result', toolCallId: 'c3', toolName: 'weather', output: { type: 'content', value: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] } },
            // Media in a result: Gemini 3 nests it in the functionResponse, earlier models get it
            // inline, in order, each followed by @ai-sdk/google's sentence.
            { type: 'tool-result', toolCallId: 'c4', toolName: 'weather', output: { type: 'content', value: [
              { type: 'text', text: 'chart:' }, { type: 'media', data: 'iVBORw0KGgo', mediaType: 'image/png' }, { type: 'text', text: 'done' },
            ] } },
          ] },
        ],
        tools: tools(lib),
        toolChoice: { type: 'tool', toolName: 'weather' },
      })));
  }
});
