// Anthropic Messages end to end over a local server speaking its SSE wire format.
import { describe, it, expect, afterAll } from 'vitest';
import { streamText, createAnthropic, APICallError, RetryError, LoadAPIKeyError } from '../index.js';
import { startServer, fixtureBody, sendSse, collect, settle, allStrings, abortAfterThreeDeltas, trickle } from './helpers.mjs';

const KEY = 'sk-ant-SECRET-777777';
let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());
const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: KEY, headers: { 'anthropic-beta': 'app-beta' } });

const sse = (events) => events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');

describe('Anthropic Messages', () => {
  it('streams text with the v5 parts and sends the Anthropic headers', async () => {
    respond = (req, _b, res) => sendSse(res, fixtureBody('anthropic__anthropic-text.chunks.txt'), { chunkSize: 31 });
    const result = streamText({ model: anthropic('claude-sonnet-4-5'), system: 'be kind', prompt: 'How are you?' });
    const parts = await collect(result.fullStream);
    expect(parts.map((p) => p.type)).toEqual([
      'start', 'start-step', 'text-start', ...Array(6).fill('text-delta'), 'text-end', 'finish-step', 'finish',
    ]);
    expect(parts[2]).toEqual({ type: 'text-start', id: '0' });
    expect(await result.text).toBe("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    expect(await result.usage).toEqual({ inputTokens: 12, outputTokens: 30, totalTokens: 42, cachedInputTokens: 0 });
    const seen = server.requests.at(-1);
    expect(seen.url).toBe('/v1/messages');
    expect(seen.headers['x-api-key']).toBe(KEY);
    expect(seen.headers['anthropic-version']).toBe('2023-06-01');
    expect(seen.headers['anthropic-beta']).toBe('app-beta');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.body.system).toEqual([{ type: 'text', text: 'be kind' }]);
  });

  it('thinking signatures round-trip: turn 2 sends turn 1\'s thinking block unchanged', async () => {
    respond = (req, _b, res) => sendSse(res, fixtureBody('anthropic__anthropic-clear-thinking.1.chunks.txt'));
    const thinking = { thinking: { type: 'enabled', budgetTokens: 1024 } };
    const first = streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'Divide 925 by 5', providerOptions: { anthropic: thinking } });
    const parts = await collect(first.fullStream);
    const signaturePart = parts.find((p) => p.type === 'reasoning-delta' && p.providerMetadata);
    const signature = signaturePart.providerMetadata.anthropic.signature;
    expect(signature).toMatch(/^EvQBCkYICxgCKkAx/);
    const { messages } = await first.response;
    expect(messages[0].content[0]).toEqual({
      type: 'reasoning', text: 'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
      providerOptions: { anthropic: { signature } },
    });

    respond = (req, _b, res) => sendSse(res, fixtureBody('anthropic__anthropic-text.chunks.txt'));
    const second = streamText({
      model: anthropic('claude-sonnet-4-5'),
      messages: [{ role: 'user', content: 'Divide 925 by 5' }, ...messages, { role: 'user', content: 'thanks' }],
      providerOptions: { anthropic: thinking },
    });
    await second.consumeStream();
    const sent = server.requests.at(-1).body.messages;
    expect(sent[1]).toEqual({ role: 'assistant', content: [
      { type: 'thinking', thinking: 'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185', signature },
      { type: 'text', text: '925 ÷ 5 = 185' },
    ] });
    expect((await second.warnings)).toEqual([]);
  });

  it('a tool call streams its input and completes with parsed input', async () => {
    respond = (req, _b, res) => sendSse(res, sse([
      { type: 'message_start', message: { id: 'msg_1', model: 'claude-sonnet-4-5', usage: { input_tokens: 10, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"location":' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } },
      { type: 'message_stop' },
    ]), { chunkSize: 17 });
    const result = streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'weather?', tools: { weather: { inputSchema: { type: 'object' } } } });
    const parts = await collect(result.fullStream);
    expect(parts.filter((p) => p.type.startsWith('tool'))).toEqual([
      { type: 'tool-input-start', id: 'toolu_1', toolName: 'weather', dynamic: false },
      { type: 'tool-input-delta', id: 'toolu_1', delta: '{"location":' },
      { type: 'tool-input-delta', id: 'toolu_1', delta: '"Oslo"}' },
      { type: 'tool-input-end', id: 'toolu_1' },
      { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'weather', input: { location: 'Oslo' } },
    ]);
    expect(await result.finishReason).toBe('tool-calls');
    expect(server.requests.at(-1).body.tool_choice).toEqual({ type: 'auto' });
  });

  it('an overloaded_error as first event is a retryable APICallError with status 529 (and is retried)', async () => {
    let calls = 0;
    respond = (req, _b, res) => {
      calls++;
      sendSse(res, sse([{ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }]), { headers: { 'retry-after-ms': '5' } });
    };
    const once = await collect(streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'hi', maxRetries: 0, onError: () => {} }).fullStream);
    const error = once.find((p) => p.type === 'error').error;
    expect(error).toBeInstanceOf(APICallError);
    expect(error.statusCode).toBe(529);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe('Overloaded');
    expect(once.some((p) => p.type === 'start-step')).toBe(false);

    calls = 0;
    const retried = await collect(streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'hi', maxRetries: 2, onError: () => {} }).fullStream);
    expect(retried.at(-1).error).toBeInstanceOf(RetryError);
    expect(calls).toBe(3);
  });

  it('an error event mid-stream is an error part; the stream goes on', async () => {
    respond = (req, _b, res) => sendSse(res, sse([
      { type: 'message_start', message: { id: 'm', model: 'c', usage: { input_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'partial' } },
      { type: 'error', error: { type: 'api_error', message: 'Internal error' } },
    ]));
    const result = streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'hi', onError: () => {} });
    const parts = await collect(result.fullStream);
    expect(parts.find((p) => p.type === 'error').error).toEqual({ type: 'api_error', message: 'Internal error' });
    expect(await result.finishReason).toBe('error');
    expect(await result.text).toBe('partial');
  });

  it('HTTP 401 with an Anthropic error body is an APICallError with its message and no key', async () => {
    respond = (req, _b, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${KEY}` } }));
    };
    const parts = await collect(streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'hi', onError: () => {} }).fullStream);
    const error = parts.at(-1).error;
    expect(error).toBeInstanceOf(APICallError);
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe('invalid x-api-key [REDACTED]');
    expect(error.isRetryable).toBe(false);
    for (const s of allStrings(parts)) expect(s).not.toContain(KEY);
  });

  it('abort mid-stream closes the connection', async () => {
    respond = trickle(sse([
        { type: 'message_start', message: { id: 'm', model: 'c', usage: { input_tokens: 1 } } },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      ]), (i) => sse([{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `t${i} ` } }]));
    const { parts, text, socketClosed } = await abortAfterThreeDeltas(server, (abortSignal) =>
      streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'hi', abortSignal }));
    expect(parts.at(-1)).toEqual({ type: 'abort' });
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(3);
    expect(text).toHaveProperty('error');
    expect(socketClosed).toBe(true);
  });


  it('missing ANTHROPIC_API_KEY is a LoadAPIKeyError naming the variable', async () => {
    delete process.env.ANTHROPIC_API_KEY;
    const provider = createAnthropic({ baseURL: `${server.url}/v1` });
    const parts = await collect(streamText({ model: provider('claude-sonnet-4-5'), prompt: 'hi', onError: () => {} }).fullStream);
    expect(parts.at(-1).error).toBeInstanceOf(LoadAPIKeyError);
    expect(parts.at(-1).error.message).toContain('ANTHROPIC_API_KEY');
  });
});
