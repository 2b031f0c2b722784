// Generated-options differential: for each protocol, seeded random calls (histories with text,
// images, tool calls and results; sampling settings; tools and tool choices; the provider's
// options) go to the real ai@5 + @ai-sdk/* and to llm-native against the same 127.0.0.1 server.
// The request bodies and warnings must be equal (or both calls fail the same way). A failing
// case prints its seed: `SEED=<n> npx vitest run __test__/differential-generated-options.test.mjs`.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { createOpenAI as aiOpenAI } from '@ai-sdk/openai';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI as aiGoogle } from '@ai-sdk/google';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

let body = '';
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 113 }));
afterAll(() => server.close());

/** mulberry32: a small seeded generator, so every case can be replayed. */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(next() * list.length)];
  const maybe = (p, value) => (next() < p ? value() : undefined);
  /** Some of `entries` (`[key, () => value]`), each with probability `p`. */
  const some = (entries, p = 0.35) => Object.fromEntries(entries.filter(() => next() < p).map(([k, v]) => [k, v()]));
  return { next, pick, maybe, some };
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB';

function messages(g) {
  const out = [];
  const turns = 1 + Math.floor(g.next() * 3);
  for (let t = 0; t < turns; t++) {
    out.push(g.pick([
      { role: 'user', content: `question ${t}` },
      { role: 'user', content: [{ type: 'text', text: `look ${t}` }, { type: 'image', image: PNG }] },
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
    ]));
    if (t === turns - 1) break;
    const id = `call_${t}`;
    if (g.next() < 0.5) {
      out.push({ role: 'assistant', content: [{ type: 'text', text: `answer ${t}` }] });
    } else {
      out.push({ role: 'assistant', content: [
        ...(g.next() < 0.5 ? [{ type: 'text', text: 'calling' }] : []),
        { type: 'tool-call', toolCallId: id, toolName: 'weather', input: { city: g.pick(['Paris', 'Oslo']) } },
      ] });
      out.push({ role: 'tool', content: [{ type: 'tool-result', toolCallId: id, toolName: 'weather',
        output: g.pick([{ type: 'json', value: { temp: 21 } }, { type: 'text', value: 'sunny' }, { type: 'error-text', value: 'failed' }]) }] });
    }
  }
  return out;
}

function settings(g) {
  return g.some([
    ['temperature', () => g.pick([0, 0.3, 1])], ['topP', () => g.pick([0.5, 0.9])], ['topK', () => 40],
    ['maxOutputTokens', () => g.pick([64, 1000])], ['stopSequences', () => ['END']], ['seed', () => 7],
    ['presencePenalty', () => 0.1], ['frequencyPenalty', () => 0.2],
  ]);
}

function tools(g, lib) {
  if (g.next() < 0.4) return {};
  const weather = lib.tool({ description: 'Weather', inputSchema: lib.jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }) });
  const files = lib.tool({ description: 'Read a file', inputSchema: lib.jsonSchema({ type: 'object', properties: { path: { type: 'string' }, lines: { type: 'array', items: { type: 'integer' } } } }) });
  const toolChoice = g.pick([undefined, 'auto', 'required', 'none', { type: 'tool', toolName: 'weather' }]);
  return { tools: g.next() < 0.5 ? { weather } : { weather, read_file: files }, ...(toolChoice ? { toolChoice } : {}) };
}

/** Per protocol: the model, each library's provider, the transcript, the provider options menu. */
const PROTOCOLS = {
  'openai-compatible': {
    fixture: 'openai__chat_openai-text.chunks.txt',
    model: (lib, g) => (lib === ai ? aiCompatible : native.createOpenAICompatible)({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-gen', includeUsage: g.next() < 0.5 })('m'),
    options: (g) => ({ local: g.some([['user', () => 'u-1'], ['reasoningEffort', () => 'low'], ['textVerbosity', () => 'high'], ['custom_flag', () => true]]) }),
  },
  'openai.chat': {
    fixture: 'openai__chat_openai-text.chunks.txt',
    model: (lib, g) => (lib === ai ? aiOpenAI : native.createOpenAI)({ baseURL: `${server.url}/v1`, apiKey: 'sk-gen' }).chat(g.pick(['gpt-4o', 'gpt-5', 'o3-mini', 'gpt-5.1', 'gpt-4.1-mini', 'gpt-5-chat-latest'])),
    options: (g) => ({ openai: g.some([
      ['logitBias', () => ({ 50256: -100 })], ['logprobs', () => g.pick([true, 2])], ['parallelToolCalls', () => false], ['user', () => 'u-1'],
      ['reasoningEffort', () => g.pick(['none', 'low', 'high'])], ['maxCompletionTokens', () => 900], ['store', () => true],
      ['metadata', () => ({ app: 'gen' })], ['serviceTier', () => g.pick(['auto', 'flex', 'priority'])], ['strictJsonSchema', () => true],
      ['structuredOutputs', () => false], ['textVerbosity', () => 'low'], ['promptCacheKey', () => 'k'], ['safetyIdentifier', () => 's'],
    ]) }),
  },
  'openai.responses': {
    fixture: 'openai__responses_openai-reasoning-encrypted-content.1.chunks.txt',
    model: (lib, g) => (lib === ai ? aiOpenAI : native.createOpenAI)({ baseURL: `${server.url}/v1`, apiKey: 'sk-gen' }).responses(g.pick(['gpt-4o', 'gpt-5', 'o4-mini', 'gpt-5.1'])),
    options: (g) => ({ openai: g.some([
      ['parallelToolCalls', () => false], ['store', () => g.pick([true, false])], ['user', () => 'u-1'], ['reasoningEffort', () => g.pick(['low', 'none'])],
      ['reasoningSummary', () => 'auto'], ['serviceTier', () => g.pick(['flex', 'priority'])], ['textVerbosity', () => 'low'],
      ['promptCacheKey', () => 'k'], ['safetyIdentifier', () => 's'], ['strictJsonSchema', () => true], ['instructions', () => 'be nice'],
      ['maxToolCalls', () => 3], ['metadata', () => ({ app: 'gen' })], ['truncation', () => 'auto'],
    ]) }),
  },
  anthropic: {
    fixture: 'anthropic__anthropic-text.chunks.txt',
    model: (lib, g) => (lib === ai ? aiAnthropic : native.createAnthropic)({ baseURL: `${server.url}/v1`, apiKey: 'sk-ant-gen' })(g.pick(['claude-sonnet-4-5', 'claude-3-7-sonnet-latest', 'claude-opus-4-1', 'claude-3-5-haiku-latest'])),
    options: (g) => ({ anthropic: g.some([
      ['thinking', () => ({ type: 'enabled', budgetTokens: 1024 })], ['disableParallelToolUse', () => true], ['sendReasoning', () => false],
      ['cacheControl', () => ({ type: 'ephemeral' })],
    ]) }),
  },
  google: {
    fixture: 'google__google-text.chunks.txt',
    model: (lib, g) => (lib === ai ? aiGoogle : native.createGoogleGenerativeAI)({ baseURL: `${server.url}/v1beta`, apiKey: 'goog-gen' })(g.pick(['gemini-2.5-flash', 'gemini-3-pro-preview', 'gemini-2.0-flash', 'gemma-3-27b-it'])),
    options: (g) => ({ google: g.some([
      ['thinkingConfig', () => ({ thinkingBudget: 512, includeThoughts: true })], ['threshold', () => 'BLOCK_ONLY_HIGH'],
      ['responseModalities', () => ['TEXT']], ['structuredOutputs', () => false], ['cachedContent', () => 'cachedContents/x'],
    ]) }),
  },
};

async function run(lib, protocol, seed) {
  // The same seed gives both libraries the same call (the generator is replayed per library).
  const g = generator(seed);
  const p = PROTOCOLS[protocol];
  const model = p.model(lib, g);
  const call = { messages: messages(g), ...settings(g), ...tools(g, lib), providerOptions: p.options(g), ...(g.next() < 0.3 ? { system: 'be brief' } : {}) };
  server.requests.length = 0;
  const result = lib.streamText({ model, onError: () => {}, ...call });
  const parts = await collect(result.fullStream);
  const error = parts.find((x) => x.type === 'error')?.error;
  const warnings = parts.find((x) => x.type === 'start-step')?.warnings;
  return normalizeForDiff({ body: server.requests.at(-1)?.body, warnings, error: error ? { name: error.name } : undefined }, { mapIds: true });
}

const CASES = Number(process.env.CASES ?? 40);
const FIRST_SEED = Number(process.env.SEED ?? 1);

describe('generated calls: llm-native sends the bodies ai@5 sends', () => {
  for (const protocol of Object.keys(PROTOCOLS)) {
    it(`${protocol}: ${CASES} seeded calls`, async () => {
      body = fixtureBody(PROTOCOLS[protocol].fixture);
      let sent = 0;
      for (let seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
        const expected = await run(ai, protocol, seed);
        const actual = await run(native, protocol, seed);
        expect(actual, `${protocol} SEED=${seed}`).toEqual(expected);
        if (actual.body !== undefined) sent++;
      }
      // (Most generated calls are valid ones: the comparison is of bodies, not of two failures.)
      expect(sent).toBeGreaterThan(CASES * 0.7);
    });
  }
});
