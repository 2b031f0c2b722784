// zod 3 (`zod@^3.25.76`, which ai@5 supports): schemas of its v3 API and of its `zod/v4` as tool
// input schemas. The real `ai` streamText over @ai-sdk/openai-compatible and llm-native run against
// the same local server: the `tools` of the request bodies (the JSON Schema sent) must be equal,
// and input validation with these schemas must behave the same (parsed values reach `execute`,
// failing input makes the call invalid).
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { z as z3 } from 'zod3';
import { z as z3v4 } from 'zod3/v4';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import * as native from '../index.js';
import { startServer, fixtureBody, sendSse, collect, normalizeForDiff } from './helpers.mjs';

// A first request gets a `weather` call with `{"location":"San Francisco"}`, a follow-up text.
const server = await startServer((req, body, res) => {
  const followUp = body.messages.at(-1).role === 'tool';
  return sendSse(res, fixtureBody(followUp ? 'openai__chat_openai-text.chunks.txt' : 'deepseek__chat_deepseek-tool-call.chunks.txt'));
});
afterAll(() => server.close());

const model = (lib) => (lib === ai ? aiCompatible : native.createOpenAICompatible)({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'k' })('m');

/** One library's run: normalised parts, request bodies, and the inputs `execute` received. */
async function run(lib, tools) {
  const before = server.requests.length;
  const inputs = [];
  const withExecute = Object.fromEntries(Object.entries(tools).map(([name, t]) => [name, lib.tool({ ...t, execute: async (input) => { inputs.push(input); return 'ok'; } })]));
  const result = lib.streamText({ model: model(lib), prompt: 'Weather?', tools: withExecute, stopWhen: lib.stepCountIs(2), onError: () => {} });
  const parts = await collect(result.fullStream);
  const requests = server.requests.slice(before).map((r) => r.body);
  return { ...normalizeForDiff({ parts, requests }, { mapIds: true }), inputs };
}

// The same shapes in both zod 3 APIs: what apps put in tool schemas.
const shapes = (z) => ({
  weather: {
    description: 'Get the weather',
    inputSchema: z.object({ location: z.string().describe('a city') }),
  },
  search: {
    inputSchema: z.object({
      query: z.string().min(1).max(200),
      limit: z.number().int().min(1).max(50).default(10),
      mode: z.enum(['fast', 'deep']).optional(),
      filters: z.array(z.object({ field: z.string(), op: z.literal('eq'), value: z.union([z.string(), z.number(), z.boolean()]) })).optional(),
      since: z.string().nullable(),
      meta: z.record(z.string(), z.string()).optional(),
      target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('file'), path: z.string() }), z.object({ kind: z.literal('url'), url: z.string().url() })]),
      tags: z.array(z.string()).min(1).max(5).optional(),
      nested: z.object({ deep: z.object({ flag: z.boolean().default(false) }) }).partial(),
    }),
  },
});

for (const [label, z] of Object.entries({ 'zod 3 v3 API': z3, 'zod 3 zod/v4': z3v4 })) {
  describe(`${label} schemas as tool inputs`, () => {
    it('send the same JSON Schema in the request body as ai@5', async () => {
      const expected = await run(ai, shapes(z));
      const actual = await run(native, shapes(z));
      expect(actual.requests[0].tools).toEqual(expected.requests[0].tools);
      expect(actual.requests[0].tools.map((t) => t.function.name)).toEqual(['weather', 'search']);
      // `zod/v4` schemas of zod 3 keep `.describe()` in zod 3's registry; where zod 4 is installed
      // too (as here), both libraries convert with zod 4's and lose it. With zod 3 alone, they keep it.
      const location = z === z3 ? { type: 'string', description: 'a city' } : { type: 'string' };
      expect(actual.requests[0].tools[0].function.parameters.properties).toEqual({ location });
      expect(actual.requests[0].tools[0].function.parameters.required).toEqual(['location']);
      expect(actual.requests[0].tools[1].function.parameters.properties.limit.default).toBe(10);
    });

    it('validate the input: the parsed value reaches execute, as with ai@5', async () => {
      const tools = { weather: { inputSchema: z.object({ location: z.string().transform((s) => s.toUpperCase()) }) } };
      const expected = await run(ai, tools);
      const actual = await run(native, tools);
      expect(actual.inputs).toEqual([{ location: 'SAN FRANCISCO' }]);
      expect(actual.inputs).toEqual(expected.inputs);
      expect(actual.parts).toEqual(expected.parts);
      expect(actual.requests).toEqual(expected.requests);
    });

    it('mark input that fails the schema invalid, with a tool-error, as ai@5', async () => {
      const tools = { weather: { inputSchema: z.object({ location: z.number() }) } };
      const expected = await run(ai, tools);
      const actual = await run(native, tools);
      expect(actual.inputs).toEqual([]);
      const call = actual.parts.find((p) => p.type === 'tool-call');
      expect([call.invalid, call.input, call.error.name]).toEqual([true, { location: 'San Francisco' }, 'AI_InvalidToolInputError']);
      expect(actual.parts.find((p) => p.type === 'tool-error').error).toMatch(/^Invalid input for tool weather: Type validation failed/);
      expect(actual.parts).toEqual(expected.parts);
      expect(actual.requests).toEqual(expected.requests);
    });
  });
}
