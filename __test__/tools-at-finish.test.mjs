// Client tools start when the model says it finished (Anthropic's `message_stop`), not when the
// response body ends — as `ai@5` runs them. A server that sends pings for a while after its
// message_stop shows the difference. Servers on 127.0.0.1.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import * as llm from '../index.js';
import { startServer, collect, normalizeForDiff, anthropicTextDeltasBody } from './helpers.mjs';

const TRAILING_MS = 600;
const event = (e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
const TOOL_TURN = [
  { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} } },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"location":"Berlin"}' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } },
  { type: 'message_stop' },
].map(event).join('');

let bodyEnded = 0;
const server = await startServer((_req, body, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (body.messages.at(-1).content.some?.((c) => c.type === 'tool_result')) return res.end(anthropicTextDeltasBody(['Sunny.']));
  res.write(TOOL_TURN);
  // The body goes on after the finish: pings, then the end.
  const ping = setInterval(() => res.write(event({ type: 'ping' })), 100);
  setTimeout(() => { clearInterval(ping); bodyEnded = Date.now(); res.end(); }, TRAILING_MS);
});
afterAll(() => server.close());

async function run(lib, createAnthropic) {
  let startedAt = 0;
  const result = lib.streamText({
    model: createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k' })('claude-sonnet-4-5'),
    prompt: 'Weather?',
    tools: { weather: lib.tool({ inputSchema: lib.jsonSchema({ type: 'object', properties: { location: { type: 'string' } } }), execute: async ({ location }) => { startedAt = Date.now(); return { location, temperature: 21 }; } }) },
    stopWhen: lib.stepCountIs(2),
  });
  const parts = await collect(result.fullStream);
  return { parts: normalizeForDiff(parts, { mapIds: true }), startedBeforeBodyEnd: startedAt < bodyEnded, text: await result.text };
}

describe('client tools start at the model finish', () => {
  it('as in ai@5: the tool runs while the body still streams pings; parts are the same', async () => {
    const expected = await run(ai, aiAnthropic);
    const actual = await run(llm, llm.createAnthropic);
    expect(expected.startedBeforeBodyEnd).toBe(true);
    expect(actual.startedBeforeBodyEnd).toBe(true);
    expect(actual.parts).toEqual(expected.parts);
    expect(actual.text).toBe('Sunny.');
  });
});
