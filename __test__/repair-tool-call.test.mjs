// experimental_repairToolCall against the real `ai@5` on the same 127.0.0.1 server: a call with
// broken JSON, an unknown tool name or input failing the schema goes to the repair function; what
// it gets, the parts, the steps, the messages and every request body must match. An invalid call
// that is not repaired never goes back to the provider with a non-object input.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { z } from 'zod';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import * as llm from '../index.js';
import { startServer, sendSse, collect, normalizeForDiff, openaiTextDeltasBody } from './helpers.mjs';

let call = { name: 'weather', args: '{"location":"Berlin"}' };
const server = await startServer((_req, body, res) => {
  if (body.messages.at(-1).role === 'tool') return sendSse(res, openaiTextDeltasBody(['It is sunny.']));
  const head = '{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":';
  return sendSse(res,
    `data: ${head}{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":${JSON.stringify(call.args)}}}]},"finish_reason":null}]}\n\n` +
    `data: ${head}{},"finish_reason":"tool_calls"}]}\n\ndata: [DONE]\n\n`);
});
afterAll(() => server.close());

const model = (lib) => (lib === ai ? aiCompatible : llm.createOpenAICompatible)({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'k' })('m');
const tools = (lib) => ({
  weather: lib.tool({
    description: 'Get the weather',
    inputSchema: z.object({ location: z.string() }),
    execute: async ({ location }) => ({ location, temperature: 21 }),
  }),
});

/** One library through the loop with `repair`: everything observable, and what `repair` got. */
async function run(lib, repair) {
  const before = server.requests.length;
  const seen = [];
  const result = lib.streamText({
    model: model(lib),
    system: 'be brief',
    prompt: 'Weather in Berlin?',
    tools: tools(lib),
    stopWhen: lib.stepCountIs(3),
    onError: () => {},
    experimental_repairToolCall: async (options) => {
      seen.push({
        toolCall: options.toolCall, system: options.system, messages: options.messages,
        error: { name: options.error.name, message: options.error.message }, schema: options.inputSchema({ toolName: 'weather' }),
        tools: Object.keys(options.tools),
      });
      return repair(options);
    },
  });
  const parts = await collect(result.fullStream);
  const steps = (await result.steps).map((s) => ({ content: s.content, toolCalls: s.toolCalls, toolResults: s.toolResults }));
  const messages = (await result.response).messages;
  const requests = server.requests.slice(before).map((r) => r.body);
  return normalizeForDiff({ parts, steps, messages, requests, seen }, { mapIds: true });
}

/**
 * The one intended difference: an invalid call that stays invalid goes back to the provider with
 * an empty object as its input, where the AI SDK sends the model's broken text (as a JSON string),
 * which providers refuse or misread.
 */
function objectInputSentBack(expected) {
  const text = JSON.stringify(expected).replaceAll('"arguments":"\\"{\\\\\\"location\\\\\\":\\\\\\"Berl\\""', '"arguments":"{}"');
  const out = JSON.parse(text);
  for (const m of out.messages) {
    if (m.role !== 'assistant' || !Array.isArray(m.content)) continue;
    for (const c of m.content) if (c.type === 'tool-call' && typeof c.input === 'string') c.input = {};
  }
  return out;
}

async function compare(repair, { staysInvalid = false } = {}) {
  const raw = await run(ai, repair);
  const expected = staysInvalid ? objectInputSentBack(raw) : raw;
  const actual = await run(llm, repair);
  expect(actual.seen).toEqual(expected.seen);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.steps).toEqual(expected.steps);
  expect(actual.requests).toEqual(expected.requests);
  expect(actual.messages).toEqual(expected.messages);
  return actual;
}

const fixed = ({ toolCall }) => ({ ...toolCall, toolName: 'weather', input: JSON.stringify({ location: 'Berlin' }) });

describe('experimental_repairToolCall: llm-native matches ai@5', () => {
  it('broken JSON input: the repaired call runs and the loop goes on', async () => {
    call = { name: 'weather', args: '{"location":"Berl' };
    const actual = await compare(fixed);
    expect(actual.seen).toHaveLength(1);
    expect(actual.seen[0].error.name).toBe('AI_InvalidToolInputError');
    expect(actual.parts.filter((p) => p.type === 'tool-result')).toHaveLength(1);
    expect(actual.parts.some((p) => p.type === 'tool-error')).toBe(false);
    expect(actual.requests).toHaveLength(2);
  });

  it('an unknown tool name: repaired to the right tool', async () => {
    call = { name: 'wether', args: '{"location":"Berlin"}' };
    const actual = await compare(fixed);
    expect(actual.seen[0].error.name).toBe('AI_NoSuchToolError');
    expect(actual.parts.find((p) => p.type === 'tool-call').toolName).toBe('weather');
  });

  it('input failing the schema: repaired; a repair that fails validation again stays invalid', async () => {
    call = { name: 'weather', args: '{"location":42}' };
    await compare(fixed);
    const actual = await compare(({ toolCall }) => ({ ...toolCall, input: '{"location":43}' }));
    expect(actual.parts.filter((p) => p.type === 'tool-error')).toHaveLength(1);
  });

  it('a repair that throws is a ToolCallRepairError', async () => {
    call = { name: 'weather', args: '{"location":"Berl' };
    const actual = await compare(() => { throw new Error('cannot fix'); }, { staysInvalid: true });
    const toolCall = actual.parts.find((p) => p.type === 'tool-call');
    expect(toolCall.error).toEqual({ name: 'AI_ToolCallRepairError', message: 'Error repairing tool call: cannot fix' });
  });

  it('a repair that declines (null) leaves the call invalid, with an object input in the history', async () => {
    call = { name: 'weather', args: '{"location":"Berl' };
    const expected = await run(ai, () => null);
    const sent = (r) => r.messages.find((m) => m.role === 'assistant').content.find((c) => c.type === 'tool-call').input;
    expect(sent(expected)).toBe('{"location":"Berl'); // the AI SDK's
    const actual = await compare(() => null, { staysInvalid: true });
    expect(sent(actual)).toEqual({});
    expect(actual.requests[1].messages.find((m) => m.role === 'assistant').tool_calls[0].function.arguments).toBe('{}');
  });
});
